/* actors.c: capitalized name sequences -> typed mentions -> one actor per entity (aliases, acronyms, pronouns). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A pronoun looks back at most this many sentences for a person. */
#define NR_PRONOUN_WINDOW 3
/* Acronyms are 2 to this many capital letters. */
#define NR_MAX_ACRONYM 6

typedef struct S_mention {
    size_t b, e;      /* name bytes */
    size_t tb, te;    /* name tokens */
    const char *title;
    nr_kind kind;
    nr_form form;
    int sentence;
    int actor;
} S_mention;

typedef struct S_actor {
    nr_kind kind;
    const char *name, *key, *title;
    NR_VEC(const char *) aliases;
} S_actor;

typedef struct S_state {
    nr_doc *d;
    NR_VEC(S_mention) ms;
    NR_VEC(S_actor) actors;
    nr_strmap by_key;      /* full key -> actor */
    nr_strmap by_last;     /* last name token key -> person actor */
    nr_strmap by_initials; /* initials of an organization -> actor */
    nr_strmap mid_caps;    /* capitalized words seen inside a sentence */
} S_state;

static bool S_is_word(const nr_doc *d, size_t i, unsigned flag)
{
    return d->toks[i].kind == NR_TOK_WORD && (d->toks[i].flags & flag);
}

static bool S_in(nr_lexicon_id lex, const nr_doc *d, size_t i)
{
    return nr_lex_has_ci(lex, nr_tok_text(d, i), nr_tok_len(d, i));
}

static bool S_name_word(const nr_doc *d, size_t i)
{
    return S_is_word(d, i, NR_TF_CAP) && !S_in(NR_LEX_STOPWORDS, d, i);
}

/* How far a capitalized run extends from i: name words, particles and "of"/"for"/"&" between
 * name words, and an initial's period ("Alan R. Hanson"). */
static size_t S_run_end(const nr_doc *d, size_t i, size_t end)
{
    size_t j = i + 1;
    while (j < end) {
        if (S_name_word(d, j)) {
            j++;
            continue;
        }
        bool next_name = j + 1 < end && S_name_word(d, j + 1);
        if (!next_name)
            break;
        const nr_token *p = &d->toks[j - 1];
        bool initial = nr_tok_is(d, j, ".") && p->e == d->toks[j].b && p->e - p->b == 1 &&
                       (p->flags & NR_TF_CAP);
        bool joiner = nr_tok_is(d, j, "of") || nr_tok_is(d, j, "for") || nr_tok_is(d, j, "&") ||
                      (d->toks[j].kind == NR_TOK_WORD && !(d->toks[j].flags & NR_TF_CAP) &&
                       S_in(NR_LEX_PARTICLES, d, j));
        if (!initial && !joiner)
            break;
        j++;
    }
    return j;
}

static bool S_is_acronym(const nr_doc *d, size_t tb, size_t te)
{
    return te == tb + 1 && (d->toks[tb].flags & NR_TF_ALLCAPS) &&
           nr_tok_len(d, tb) <= NR_MAX_ACRONYM;
}

static nr_kind S_classify(const nr_doc *d, size_t tb, size_t te, bool titled)
{
    const char *t = d->art->text;
    size_t b = d->toks[tb].b, e = d->toks[te - 1].e;
    for (size_t k = tb; k < te; k++) {
        if (S_is_word(d, k, NR_TF_CAP) && S_in(NR_LEX_ORG_WORDS, d, k))
            return NR_ORGANIZATION;
    }
    if (nr_lex_has(NR_LEX_LOCATIONS, t + b, e - b))
        return NR_LOCATION;
    if (nr_lex_has(NR_LEX_GROUPS, t + b, e - b))
        return NR_GROUP;
    if (titled || nr_lex_has(NR_LEX_FIRST_NAMES, nr_tok_text(d, tb), nr_tok_len(d, tb)))
        return NR_PERSON;
    if (S_is_acronym(d, tb, te))
        return NR_ORGANIZATION;
    return NR_OTHER;
}

static bool S_add_mention(S_state *st, size_t tb, size_t te, const char *title, nr_kind kind)
{
    S_mention *m = NR_PUSH(st->d->arena, st->ms);
    if (!m)
        return false;
    m->tb = tb;
    m->te = te;
    m->b = st->d->toks[tb].b;
    m->e = st->d->toks[te - 1].e;
    m->title = title;
    m->kind = kind;
    m->form = NR_NAME;
    m->sentence = st->d->toks[tb].sentence;
    m->actor = -1;
    return true;
}

/* A capitalized word that opens a sentence ("Officials", "Curly") counts as a name only when the
 * article also capitalizes it inside a sentence. */
static bool S_collect_mid_caps(S_state *st)
{
    nr_doc *d = st->d;
    for (size_t i = 0; i < d->n_toks; i++) {
        if (!S_is_word(d, i, NR_TF_CAP) || (d->toks[i].flags & NR_TF_SENT_START))
            continue;
        const char *w = nr_strndup(d->arena, nr_tok_text(d, i), nr_tok_len(d, i));
        if (!w || !nr_strmap_put(&st->mid_caps, w, 1))
            return false;
    }
    return true;
}

static bool S_sentence_initial_word(const S_state *st, size_t tb, size_t te, nr_kind kind)
{
    const nr_doc *d = st->d;
    if (te != tb + 1 || kind != NR_OTHER || !(d->toks[tb].flags & NR_TF_SENT_START))
        return false;
    char w[64];
    size_t n = nr_tok_len(d, tb);
    if (n >= sizeof w)
        return false;
    memcpy(w, nr_tok_text(d, tb), n);
    w[n] = '\0';
    return nr_strmap_get(&st->mid_caps, w) < 0;
}

/* Title words right before a run in lower case ("spokesman Tom Hale", "former president X"). */
static size_t S_title_before(const nr_doc *d, size_t tb, size_t sent_begin)
{
    size_t k = tb;
    while (k > sent_begin && tb - k < 4 && d->toks[k - 1].kind == NR_TOK_WORD &&
           S_in(NR_LEX_TITLES, d, k - 1))
        k--;
    return k;
}

static const char *S_text(const nr_doc *d, size_t tb, size_t te)
{
    return nr_strndup(d->arena, d->art->text + d->toks[tb].b, d->toks[te - 1].e - d->toks[tb].b);
}

/* Splits a run into its leading title ("Acting Assistant Attorney General") and the name, and
 * "FTC Chairwoman Rosa Delgado" into the organization, the title and the name. A run that is all
 * title words names no one ("the Attorney General said"). */
static bool S_take_run(S_state *st, size_t tb, size_t te, const char *pending_title, size_t sb)
{
    nr_doc *d = st->d;
    bool org = false;
    for (size_t k = tb; k < te; k++)
        org = org || (S_is_word(d, k, NR_TF_CAP) && S_in(NR_LEX_ORG_WORDS, d, k));
    size_t start = tb;
    if (!org && te - tb >= 3 && S_is_acronym(d, tb, tb + 1) && S_in(NR_LEX_TITLES, d, tb + 1)) {
        if (!S_add_mention(st, tb, tb + 1, NULL, NR_ORGANIZATION))
            return false;
        start = tb + 1;
    }
    size_t nb = start;
    if (!org) {
        while (nb < te && (S_in(NR_LEX_TITLES, d, nb) || nr_tok_is(d, nb, ".")))
            nb++;
    }
    if (nb == te)
        return true;
    const char *title = pending_title;
    if (nb > start) {
        title = S_text(d, start, nb);
    } else if (!title && !org) {
        size_t k = S_title_before(d, tb, sb);
        title = k < tb ? S_text(d, k, tb) : NULL;
    }
    if ((nb > start || title != pending_title) && !title)
        return false;
    nr_kind kind = S_classify(d, nb, te, title != NULL);
    if (S_sentence_initial_word(st, nb, te, kind))
        return true;
    return S_add_mention(st, nb, te, title, kind);
}

/* Headlines and sports tables in capitals would make every word a name; there only a lexicon
 * hit counts. */
static bool S_mostly_capitals(const nr_doc *d, const nr_sent_info *s)
{
    size_t words = 0, caps = 0;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        if (d->toks[k].kind != NR_TOK_WORD)
            continue;
        words++;
        caps += (d->toks[k].flags & NR_TF_ALLCAPS) != 0;
    }
    return words >= 3 && caps * 2 > words;
}

static bool S_scan_sentence(S_state *st, const nr_sent_info *s)
{
    nr_doc *d = st->d;
    bool capitals = S_mostly_capitals(d, s);
    const char *pending_title = NULL;
    size_t pending_end = 0;
    for (size_t i = s->tok_begin; i < s->tok_end;) {
        if (d->dateline_tok_end >= 0 && i < (size_t)d->dateline_tok_end &&
            d->toks[i].b < d->dateline_e) {
            i++;
            continue;
        }
        if (!S_name_word(d, i)) {
            i++;
            continue;
        }
        size_t j = S_run_end(d, i, s->tok_end);
        if (capitals) {
            const char *t = d->art->text + d->toks[i].b;
            size_t n = d->toks[j - 1].e - d->toks[i].b;
            bool known = nr_lex_has_ci(NR_LEX_LOCATIONS, t, n) || S_is_acronym(d, i, j);
            if (known && !S_add_mention(st, i, j, NULL, S_classify(d, i, j, false)))
                return false;
            i = j;
            continue;
        }
        /* "Sen. John Smith": a title run ending in an abbreviation's period titles the next run. */
        bool all_titles = true;
        for (size_t k = i; k < j; k++)
            all_titles = all_titles && S_in(NR_LEX_TITLES, d, k);
        if (all_titles && j < s->tok_end && nr_tok_is(d, j, ".")) {
            pending_title = nr_strndup(d->arena, d->art->text + d->toks[i].b,
                                       d->toks[j].e - d->toks[i].b);
            if (!pending_title)
                return false;
            pending_end = j + 1;
            i = j + 1;
            continue;
        }
        if (!S_take_run(st, i, j, i == pending_end ? pending_title : NULL, s->tok_begin))
            return false;
        i = j;
    }
    return true;
}

/* ---- linking ------------------------------------------------------------------------- */

/* Initials of the capitalized words, with or without the small words between them: both
 * "DOJ" (Department of Justice) and "DHS" (Department of Homeland Security) are in use. */
static const char *S_initials(nr_arena *a, const nr_doc *d, size_t tb, size_t te, bool small)
{
    char buf[32];
    size_t n = 0;
    for (size_t k = tb; k < te && n + 1 < sizeof buf; k++) {
        if (d->toks[k].kind == NR_TOK_WORD && (small || (d->toks[k].flags & NR_TF_CAP)))
            buf[n++] = (char)(d->art->text[d->toks[k].b] | 0x20);
    }
    return n >= 2 ? nr_strndup(a, buf, n) : NULL;
}

static int S_new_actor(S_state *st, const S_mention *m, const char *key)
{
    nr_doc *d = st->d;
    S_actor *a = NR_PUSH(d->arena, st->actors);
    if (!a)
        return -1;
    int idx = (int)st->actors.n - 1;
    a->kind = m->kind;
    a->name = nr_strndup(d->arena, d->art->text + m->b, m->e - m->b);
    a->key = key;
    a->title = m->title;
    if (!a->name || !nr_strmap_put(&st->by_key, key, idx))
        return -1;
    if (m->kind == NR_PERSON && m->te - m->tb >= 2) {
        const char *last = nr_fold_key(d->arena, nr_tok_text(d, m->te - 1), nr_tok_len(d, m->te - 1));
        if (!last || !nr_strmap_put(&st->by_last, last, idx))
            return -1;
    }
    if (m->kind == NR_ORGANIZATION && m->te - m->tb >= 2) {
        for (int small = 0; small <= 1; small++) {
            const char *ini = S_initials(d->arena, d, m->tb, m->te, small);
            if (ini && nr_strmap_get(&st->by_initials, ini) < 0 &&
                !nr_strmap_put(&st->by_initials, ini, idx))
                return -1;
        }
    }
    return idx;
}

static bool S_add_alias(nr_doc *d, S_actor *a, const char *s, size_t n)
{
    if (strlen(a->name) == n && memcmp(a->name, s, n) == 0)
        return true;
    for (size_t i = 0; i < a->aliases.n; i++) {
        if (strlen(a->aliases.items[i]) == n && memcmp(a->aliases.items[i], s, n) == 0)
            return true;
    }
    const char **slot = NR_PUSH(d->arena, a->aliases);
    if (!slot)
        return false;
    *slot = nr_strndup(d->arena, s, n);
    return *slot != NULL;
}

/* "Securities and Exchange Commission (SEC)": the acronym right after its expansion. */
static int S_parenthesized_expansion(const S_state *st, size_t mi)
{
    if (mi == 0)
        return -1;
    const nr_doc *d = st->d;
    const S_mention *m = &st->ms.items[mi], *prev = &st->ms.items[mi - 1];
    if (m->tb < 2 || !nr_tok_is(d, m->tb - 1, "(") || prev->te != m->tb - 1)
        return -1;
    return prev->kind == NR_ORGANIZATION ? prev->actor : -1;
}

static int S_find_actor(S_state *st, size_t mi, const char *key, nr_form *form)
{
    const nr_doc *d = st->d;
    const S_mention *m = &st->ms.items[mi];
    int a = nr_strmap_get(&st->by_key, key);
    if (a >= 0)
        return a;
    if (S_is_acronym(d, m->tb, m->te)) {
        a = S_parenthesized_expansion(st, mi);
        if (a < 0)
            a = nr_strmap_get(&st->by_initials, key);
        if (a >= 0) {
            *form = NR_ACRONYM;
            return a;
        }
    }
    if (m->te - m->tb == 1 && (m->kind == NR_PERSON || m->kind == NR_OTHER)) {
        a = nr_strmap_get(&st->by_last, key);
        if (a >= 0)
            *form = NR_ALIAS;
    }
    return a;
}

/* A dateline's "NEW ORLEANS" gives way to "New Orleans" as the canonical name. */
static bool S_all_caps(const char *s)
{
    size_t i = 0, n = strlen(s);
    bool lower = false;
    while (i < n && !lower) {
        uint32_t c = nr_utf8_next(s, n, &i);
        lower = nr_is_lower(c);
    }
    return !lower;
}

static bool S_link(S_state *st)
{
    nr_doc *d = st->d;
    for (size_t mi = 0; mi < st->ms.n; mi++) {
        S_mention *m = &st->ms.items[mi];
        const char *key = nr_fold_key(d->arena, d->art->text + m->b, m->e - m->b);
        if (!key)
            return false;
        nr_form form = NR_NAME;
        int a = S_find_actor(st, mi, key, &form);
        if (a < 0) {
            a = S_new_actor(st, m, key);
            if (a < 0)
                return false;
        }
        S_actor *act = &st->actors.items[a];
        if (form != NR_NAME && !S_add_alias(d, act, d->art->text + m->b, m->e - m->b))
            return false;
        if (act->kind == NR_OTHER && m->kind != NR_OTHER)
            act->kind = m->kind;
        if (form == NR_NAME && S_all_caps(act->name) && !S_all_caps(d->art->text + m->b))
            act->name = nr_strndup(d->arena, d->art->text + m->b, m->e - m->b);
        if (!act->title && m->title)
            act->title = m->title;
        m->form = form;
        m->actor = a;
    }
    return true;
}

/* ---- pronouns ------------------------------------------------------------------------ */

static bool S_is_person_pronoun(const nr_doc *d, size_t i)
{
    static const char *const words[] = {"he", "him", "his", "she", "her", "hers"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        if (nr_tok_is_ci(d, i, words[k]))
            return true;
    }
    return false;
}

/* Resolves each personal pronoun to the person mentioned last before it, within a few
 * sentences; a pronoun with no such person is left out rather than guessed. */
static bool S_pronouns(S_state *st)
{
    nr_doc *d = st->d;
    size_t names = st->ms.n, next = 0;
    int last_person = -1, last_sentence = -1;
    for (size_t i = 0; i < d->n_toks; i++) {
        while (next < names && st->ms.items[next].tb <= i) {
            const S_mention *m = &st->ms.items[next++];
            if (st->actors.items[m->actor].kind == NR_PERSON) {
                last_person = m->actor;
                last_sentence = m->sentence;
            }
        }
        if ((d->toks[i].flags & NR_TF_BOILERPLATE) || !S_is_person_pronoun(d, i))
            continue;
        if (last_person < 0 || d->toks[i].sentence - last_sentence > NR_PRONOUN_WINDOW)
            continue;
        S_mention *m = NR_PUSH(d->arena, st->ms);
        if (!m)
            return false;
        *m = (S_mention){d->toks[i].b, d->toks[i].e, i, i + 1, NULL, NR_PERSON, NR_PRONOUN,
                         d->toks[i].sentence, last_person};
    }
    return true;
}

/* ---- output -------------------------------------------------------------------------- */

static int S_cmp_mention(const void *x, const void *y)
{
    const nr_mention *a = x, *b = y;
    if (a->span.bstart != b->span.bstart)
        return a->span.bstart < b->span.bstart ? -1 : 1;
    return a->span.bend < b->span.bend ? -1 : (a->span.bend > b->span.bend);
}

/* Lets later stages ask "which mention is this token in?" in O(1). */
static bool S_map_tokens(nr_doc *d)
{
    d->tok_mention = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(int));
    if (!d->tok_mention)
        return false;
    for (size_t i = 0; i < d->n_toks; i++)
        d->tok_mention[i] = -1;
    size_t t = 0;
    for (size_t m = 0; m < d->art->n_mentions; m++) {
        const nr_span *sp = &d->art->mentions[m].span;
        while (t < d->n_toks && d->toks[t].e <= sp->bstart)
            t++;
        for (size_t k = t; k < d->n_toks && d->toks[k].b < sp->bend; k++)
            d->tok_mention[k] = (int)m;
    }
    return true;
}

static bool S_emit(S_state *st)
{
    nr_doc *d = st->d;
    nr_article *art = d->art;
    art->n_mentions = st->ms.n;
    art->mentions = nr_alloc(d->arena, (st->ms.n + 1) * sizeof(nr_mention));
    art->n_actors = st->actors.n;
    art->actors = nr_alloc(d->arena, (st->actors.n + 1) * sizeof(nr_actor));
    if (!art->mentions || !art->actors)
        return false;
    for (size_t i = 0; i < st->ms.n; i++) {
        const S_mention *m = &st->ms.items[i];
        art->mentions[i] = (nr_mention){nr_make_span(&d->cpmap, m->b, m->e), m->form, m->sentence,
                                        m->actor};
    }
    qsort(art->mentions, art->n_mentions, sizeof(nr_mention), S_cmp_mention);
    for (size_t a = 0; a < st->actors.n; a++) {
        S_actor *sa = &st->actors.items[a];
        nr_actor *out = &art->actors[a];
        out->kind = sa->kind;
        out->name = sa->name;
        out->key = sa->key;
        out->title = sa->title;
        out->aliases = sa->aliases.items;
        out->n_aliases = sa->aliases.n;
    }
    /* Count first so each actor's mention list can be sized exactly. */
    size_t *counts = nr_alloc(d->arena, (st->actors.n + 1) * sizeof(size_t));
    if (!counts)
        return false;
    for (size_t i = 0; i < art->n_mentions; i++)
        counts[art->mentions[i].actor]++;
    for (size_t a = 0; a < st->actors.n; a++) {
        art->actors[a].mentions = nr_alloc(d->arena, (counts[a] + 1) * sizeof(int));
        if (!art->actors[a].mentions)
            return false;
    }
    for (size_t i = 0; i < art->n_mentions; i++) {
        nr_actor *a = &art->actors[art->mentions[i].actor];
        a->mentions[a->n_mentions++] = (int)i;
    }
    return S_map_tokens(d);
}

static bool S_dateline(S_state *st)
{
    nr_doc *d = st->d;
    if (d->dateline_tok_end < 0)
        return true;
    size_t tb = nr_tok_at(d, d->dateline_b), te = tb;
    while (te < d->n_toks && d->toks[te].e <= d->dateline_e)
        te++;
    return te == tb || S_add_mention(st, tb, te, NULL, NR_LOCATION);
}

nr_status nr_find_actors(nr_doc *d)
{
    S_state st = {.d = d};
    nr_strmap_init(&st.by_key, d->arena);
    nr_strmap_init(&st.by_last, d->arena);
    nr_strmap_init(&st.by_initials, d->arena);
    nr_strmap_init(&st.mid_caps, d->arena);
    if (!S_collect_mid_caps(&st) || !S_dateline(&st))
        return NR_ENOMEM;
    for (size_t s = 0; s < d->art->n_sentences; s++) {
        if (!d->sents[s].boilerplate && !S_scan_sentence(&st, &d->sents[s]))
            return NR_ENOMEM;
    }
    if (!S_link(&st) || !S_pronouns(&st) || !S_emit(&st))
        return NR_ENOMEM;
    return NR_OK;
}
