/* events.c: verb-triggered events coded with CAMEO, their agent, target, date, place and statement.
 */
#include "internal.h"

#include <string.h>

/* Negation words this many tokens before a trigger negate it ("will not be", "didn't pull"). */
#define NR_NEGATION_WINDOW 3
/* Agent and target are looked for at most this many tokens from the trigger, which keeps a
 * sentence of thousands of triggers (hostile or broken input) linear. */
#define NR_ROLE_WINDOW 60

static const char *const S_root_labels[21] = {
    NULL,      "STATEMENT", "APPEAL",      "AGREE",  "CONSULT",    "SUPPORT", "COOPERATE",
    "AID",     "CONCEDE",   "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT",  "THREATEN",
    "PROTEST", "MOBILIZE",  "SANCTION",    "COERCE", "ASSAULT",    "FIGHT",   "ASSAULT"};

static int S_root(const char *cameo)
{
    return (cameo[0] - '0') * 10 + (cameo[1] - '0');
}

/* The PLOVER quad classes: verbal and material cooperation, verbal and material conflict. */
static int S_quad(int root)
{
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

static bool S_negation(const nr_doc *d, size_t i, size_t sent_begin)
{
    for (size_t k = i; k-- > sent_begin && i - k <= NR_NEGATION_WINDOW;) {
        if (nr_tok_is_ci(d, k, "not") || nr_tok_is_ci(d, k, "never") || nr_tok_is_ci(d, k, "no") ||
            nr_tok_ends_nt(d, k))
            return true;
    }
    return false;
}

static int S_actor_of(const nr_doc *d, size_t tok)
{
    int m = d->tok_mention[tok];
    return m >= 0 ? d->art->mentions[m].actor : -1;
}

/* The nearest mention before the trigger in its sentence: the subject in English word order. */
static int S_agent_before(const nr_doc *d, size_t i, size_t sent_begin)
{
    for (size_t k = i; k-- > sent_begin && i - k <= NR_ROLE_WINDOW;) {
        if (d->tok_mention[k] >= 0)
            return d->tok_mention[k];
    }
    return -1;
}

static int S_mention_after(const nr_doc *d, size_t from, size_t sent_end)
{
    for (size_t k = from; k < sent_end && k - from <= NR_ROLE_WINDOW; k++) {
        if (d->tok_mention[k] >= 0)
            return d->tok_mention[k];
    }
    return -1;
}

static void S_set_role(const nr_doc *d, int mention, int *actor, nr_span *span)
{
    *actor = -1;
    if (mention < 0)
        return;
    *actor = d->art->mentions[mention].actor;
    *span = d->art->mentions[mention].span;
}

/* What the events stage looks up per trigger, computed once per article. */
typedef struct S_index {
    int *statement_of_tok; /* per token: the statement whose content holds it, or -1 */
    bool *is_cue;          /* per token: it starts a statement's cue */
    int dateline_place;    /* the dateline's location actor, or -1 */
    /* Date and place depend on the sentence only: found once per sentence. */
    int sentence; /* the sentence they were found for, or -1 */
    bool has_date;
    nr_date_match date;
    int place;
} S_index;

static bool S_build_index(const nr_doc *d, S_index *ix)
{
    ix->statement_of_tok = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(int));
    ix->is_cue = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(bool));
    if (!ix->statement_of_tok || !ix->is_cue)
        return false;
    for (size_t i = 0; i < d->n_toks; i++)
        ix->statement_of_tok[i] = -1;
    for (size_t s = 0; s < d->art->n_statements; s++) {
        const nr_statement *st = &d->art->statements[s];
        for (size_t p = 0; p < st->n_pieces; p++) {
            for (size_t k = nr_tok_at(d, st->pieces[p].bstart);
                 k < d->n_toks && d->toks[k].b < st->pieces[p].bend; k++) {
                if (ix->statement_of_tok[k] < 0)
                    ix->statement_of_tok[k] = (int)s;
            }
        }
        if (st->has_cue) {
            size_t k = nr_tok_at(d, st->cue.span.bstart);
            if (k < d->n_toks && d->toks[k].b == st->cue.span.bstart)
                ix->is_cue[k] = true;
        }
    }
    ix->dateline_place = -1;
    ix->sentence = -1;
    if (d->art->dateline) {
        int a = S_actor_of(d, nr_tok_at(d, d->dateline_b));
        if (a >= 0 && d->art->actors[a].kind == NR_LOCATION)
            ix->dateline_place = a;
    }
    return true;
}

/* "in/at PLACE" in the sentence, else the dateline's place. */
static int S_location(const nr_doc *d, const S_index *ix, size_t sb, size_t se)
{
    for (size_t k = sb; k + 1 < se; k++) {
        if (!nr_tok_is(d, k, "in") && !nr_tok_is(d, k, "at"))
            continue;
        int a = S_actor_of(d, k + 1);
        if (a >= 0 && d->art->actors[a].kind == NR_LOCATION)
            return a;
    }
    return ix->dateline_place;
}

static void S_sentence_facts(const nr_doc *d, S_index *ix, int sentence)
{
    if (ix->sentence == sentence)
        return;
    const nr_sent_info *si = &d->sents[sentence];
    size_t sb = si->tok_begin, se = si->tok_end;
    ix->sentence = sentence;
    ix->has_date =
        nr_find_date(d->art->text, d->toks[sb].b, d->toks[se - 1].e, d->art->published, &ix->date);
    ix->place = S_location(d, ix, sb, se);
}

static void S_date(const nr_doc *d, const S_index *ix, nr_event *ev)
{
    const char *pub = d->art->published;
    if (ix->has_date) {
        const nr_date_match m = ix->date;
        ev->date = m.iso[0] ? nr_strdup(d->arena, m.iso) : NULL;
        ev->date_precision = m.precision;
        ev->has_date_text = 1;
        ev->date_text = nr_make_span(&d->cpmap, m.b, m.e);
        return;
    }
    if (pub) {
        ev->date = pub;
        ev->date_precision = strlen(pub) == 10  ? NR_DATE_DAY
                             : strlen(pub) == 7 ? NR_DATE_MONTH
                                                : NR_DATE_YEAR;
    }
}

typedef NR_VEC(nr_event) S_events;

static bool S_event(nr_doc *d, S_index *ix, S_events *out, size_t i, const nr_event_verb *v)
{
    const nr_sent_info *si = &d->sents[d->toks[i].sentence];
    size_t sb = si->tok_begin, se = si->tok_end;
    nr_event *ev = NR_PUSH(d->arena, *out);
    if (!ev)
        return false;
    memset(ev, 0, sizeof *ev);
    int root = S_root(v->cameo);
    ev->cameo = v->cameo;
    ev->type = S_root_labels[root >= 1 && root <= 20 ? root : 1];
    ev->quad_class = S_quad(root);
    ev->trigger.span = nr_make_span(&d->cpmap, d->toks[i].b, d->toks[i].e);
    ev->trigger.lemma = v->lemma;
    size_t after = i + 1;
    int agent;
    if (after + 1 < se && nr_tok_is(d, after, "by")) {
        agent = S_mention_after(d, after + 1, se); /* "a letter issued by the DOJ" */
        after = se;
    } else {
        agent = S_agent_before(d, i, sb);
    }
    S_set_role(d, agent, &ev->agent, &ev->agent_span);
    S_set_role(d, S_mention_after(d, after, se), &ev->target, &ev->target_span);
    S_sentence_facts(d, ix, d->toks[i].sentence);
    ev->location = ix->place;
    ev->negated = S_negation(d, i, sb);
    ev->statement = ix->statement_of_tok[i];
    ev->sentence = d->toks[i].sentence;
    ev->sentence_span = d->art->sentences[ev->sentence].span;
    S_date(d, ix, ev);
    return true;
}

nr_status nr_find_events(nr_doc *d)
{
    S_events out = {0};
    S_index ix;
    if (!S_build_index(d, &ix))
        return NR_ENOMEM;
    for (size_t i = 0; i < d->n_toks; i++) {
        const nr_token *t = &d->toks[i];
        if (t->kind != NR_TOK_WORD || (t->flags & NR_TF_BOILERPLATE))
            continue;
        /* A cue that only reports speech ("said", CAMEO 01) is the statement's, not an event;
         * one that also acts ("demanded", "accused", "warned") is both. */
        const nr_event_verb *v = nr_event_lookup(nr_tok_text(d, i), nr_tok_len(d, i));
        if (!v || (ix.is_cue[i] && S_root(v->cameo) == 1))
            continue;
        if (!S_event(d, &ix, &out, i, v))
            return NR_ENOMEM;
    }
    d->art->events = out.items;
    d->art->n_events = out.n;
    return NR_OK;
}
