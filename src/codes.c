/* codes.c: CAMEO actor codes and countries of actors and events, and the Goldstein weights of events. */
#include "internal.h"

#include <stdio.h>

/* Agent nouns in the dictionary run to four words ("head of national police"). */
#define S_MAX_AGENT_WORDS 4
/* Words of a title or name searched for a country and a role. */
#define S_MAX_WORDS 24

/* A string cut into words at the spaces of its folded key. */
typedef struct S_words {
    const char *s;
    size_t b[S_MAX_WORDS], e[S_MAX_WORDS];
    size_t n;
} S_words;

static void S_split(const char *key, S_words *w)
{
    w->s = key;
    w->n = 0;
    for (size_t i = 0; key[i] && w->n < S_MAX_WORDS;) {
        while (key[i] == ' ')
            i++;
        if (!key[i])
            break;
        w->b[w->n] = i;
        while (key[i] && key[i] != ' ')
            i++;
        w->e[w->n++] = i;
    }
}

/* Whether a run of words may open a CAMEO name or agent noun from one of tokens [b, e): a
 * first word of one, or a word the main index does not hold (its bits cannot tell). */
static bool S_any_first(const nr_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        uint64_t held = d->toks[i].lists;
        if (!held || (held & (NR_LEX_BIT(NR_LEX_CAMEO_FIRSTS) | NR_LEX_BIT(NR_LEX_AGENT_FIRSTS))))
            return true;
    }
    return false;
}

/* Whether a name may be a CAMEO name, by its first word (see S_any_first). */
static bool S_may_be_listed(const char *key)
{
    size_t n = strcspn(key, " ");
    uint64_t held = nr_lex_lists(key, n);
    return !held || (held & NR_LEX_BIT(NR_LEX_CAMEO_FIRSTS));
}

/* The publication day as YYYYMMDD, or 0 when the article has no full date. */
static uint32_t S_day(const nr_article *a)
{
    unsigned y, m, dd;
    if (!a->published || strlen(a->published) < 10 ||
        sscanf(a->published, "%4u-%2u-%2u", &y, &m, &dd) != 3)
        return 0;
    return y * 10000 + m * 100 + dd;
}

/* The country of a place name (a country, its people's adjective, a city), or NULL. */
static const char *S_place_country(const char *key, size_t len, uint32_t day)
{
    const char *code = nr_cameo_actor_code(key, len, day, true);
    return code ? nr_cameo_country(code) : NULL;
}

/* The longest place name and the longest agent noun among the words: "US Secretary of State"
 * has USA and GOV, "Acting Assistant Attorney General" GOV, "New Orleans police chief" USA and
 * COP. On equal length the later words win, as the head of an English phrase comes last. */
static void S_country_and_role(const S_words *w, uint32_t day, const char **country,
                               const char **role)
{
    size_t best_place = 0, best_role = 0;
    for (size_t i = 0; i < w->n; i++) {
        /* Only a run that opens with a name's or a noun's first word can be one. */
        const char *word = w->s + w->b[i];
        size_t n = w->e[i] - w->b[i];
        uint64_t held = nr_lex_lists(word, n);
        bool places, roles;
        if (held) {
            places = held & NR_LEX_BIT(NR_LEX_CAMEO_FIRSTS);
            roles = held & NR_LEX_BIT(NR_LEX_AGENT_FIRSTS);
        } else {
            uint64_t first = nr_cameo_lists(word, n);
            places = first >> NR_CAMEO_FIRSTS & 1;
            roles = first >> NR_AGENT_FIRSTS & 1;
        }
        roles = roles && role;
        for (size_t j = i; (places || roles) && j < w->n && j - i < S_MAX_AGENT_WORDS; j++) {
            size_t len = w->e[j] - w->b[i], words = j - i + 1;
            const char *s = w->s + w->b[i];
            const char *c = places ? S_place_country(s, len, day) : NULL;
            if (c && words >= best_place) {
                *country = c;
                best_place = words;
            }
            const char *r = roles ? nr_cameo_agent_role(s, len) : NULL;
            if (r && words >= best_role) {
                *role = r;
                best_role = words;
            }
        }
    }
}

/* The first "of", "at" or "for" of a title, or the number of its words. */
static size_t S_preposition(const S_words *w)
{
    static const char *const preps[] = {"of", "at", "for"};
    for (size_t i = 1; i < w->n; i++)
        for (size_t k = 0; k < sizeof preps / sizeof *preps; k++)
            if (w->e[i] - w->b[i] == strlen(preps[k]) &&
                memcmp(w->s + w->b[i], preps[k], w->e[i] - w->b[i]) == 0)
                return i;
    return w->n;
}

/* A title's country and role. A role word before "of", "at" or "for" names the person's place
 * in the body named after it, so the role is that body's: "president of Sony Computer
 * Entertainment America" is no government's, "chief of counterterrorism at the Los Angeles
 * Police Department" is COP. A role phrase across the word stays ("Secretary of State"). */
static void S_title_country_and_role(const S_words *w, uint32_t day, const char **country,
                                     const char **role)
{
    S_country_and_role(w, day, country, role);
    size_t cut = S_preposition(w);
    if (!*role || cut >= w->n)
        return;
    S_words part = *w;
    const char *head_role = NULL, *unused = NULL;
    part.n = cut;
    S_country_and_role(&part, day, &unused, &head_role);
    if (head_role != *role)
        return;
    part.n = 0;
    for (size_t i = cut + 1; i < w->n; i++, part.n++) {
        part.b[part.n] = w->b[i];
        part.e[part.n] = w->e[i];
    }
    *role = NULL;
    S_country_and_role(&part, day, &unused, role);
}

/* A city's police by its initials: NYPD, LAPD, NOPD ("police department"). */
static bool S_police_initials(const char *name)
{
    size_t n = strlen(name);
    if (n < 3 || n > 6 || strcmp(name + n - 2, "PD") != 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (name[i] < 'A' || name[i] > 'Z')
            return false;
    return true;
}

/* country + role as one code in the arena ("USA" + "GOV"), or NULL. */
static const char *S_join(nr_doc *d, const char *country, const char *role)
{
    size_t n = strlen(country), m = strlen(role);
    char *out = nr_alloc(d->arena, n + m + 1);
    if (!out)
        return NULL;
    memcpy(out, country, n);
    memcpy(out + n, role, m + 1);
    return out;
}

/* The code the dictionaries give one of the actor's names: its canonical name, then its other
 * forms. Places and peoples take place entries; persons and bodies the others, so that a person
 * named Jordan is not the country. */
static const char *S_listed_code(nr_doc *d, const nr_actor *a, uint32_t day)
{
    bool place = a->kind == NR_LOCATION || a->kind == NR_GROUP;
    const char *code =
        S_may_be_listed(a->key) ? nr_cameo_actor_code(a->key, strlen(a->key), day, place) : NULL;
    /* A person's surname alone is looked up only when no fuller name was seen: the dictionary's
     * Stephenson is not Michael Stephenson, whose full name it does not list. */
    bool one_name = a->kind != NR_PERSON || !strchr(a->key, ' ');
    for (size_t k = 0; !code && one_name && k < a->n_aliases; k++) {
        const char *key = nr_fold_key(d->arena, a->aliases[k], strlen(a->aliases[k]));
        if (key && S_may_be_listed(key))
            code = nr_cameo_actor_code(key, strlen(key), day, place);
    }
    return code;
}

/* The words just before one of the actor's names, up to a function word or the sentence's
 * start, folded into w's buffer: "Serbian President", "British Defence Secretary", "Police
 * Chief" before the name. */
static bool S_words_before(nr_doc *d, const nr_actor *a, char *buf, size_t cap, S_words *w)
{
    for (size_t k = 0; k < a->n_mentions; k++) {
        const nr_mention *m = &d->art->mentions[a->mentions[k]];
        if (m->form != NR_NAME)
            continue;
        size_t t = nr_tok_at(d, m->span.bstart), first = t;
        while (first > 0 && t - first < S_MAX_AGENT_WORDS + 1) {
            size_t i = first - 1;
            if (d->toks[i].kind != NR_TOK_WORD || d->toks[i].sentence != d->toks[t].sentence ||
                nr_tok_in(d, i, NR_LEX_STOPWORDS))
                break;
            first = i;
        }
        if (!S_any_first(d, first, t))
            continue;
        const char *key =
            nr_fold_key(d->arena, nr_tok_text(d, first), d->toks[t - 1].e - d->toks[first].b);
        if (!key || strlen(key) >= cap)
            return false;
        memcpy(buf, key, strlen(key) + 1);
        S_split(buf, w);
        return true;
    }
    return false;
}

/* The country of a people named in words the dictionary lists one by one: "Iraqi Kurds",
 * "ethnic Albanians" (a people in the plural is its adjective's). A place is never split so: New
 * England is not in England, nor Northern Ireland in Ireland. */
static const char *S_people_country(const char *key, uint32_t day)
{
    S_words w;
    const char *country = NULL;
    S_split(key, &w);
    S_country_and_role(&w, day, &country, NULL);
    for (size_t k = 0; !country && k < w.n; k++) {
        size_t len = w.e[k] - w.b[k];
        if (len > 3 && key[w.e[k] - 1] == 's')
            country = S_place_country(key + w.b[k], len - 1, day);
    }
    return country;
}

/* An actor the dictionaries do not list is coded from what the text says of it: a role from its
 * title or its name ("Mayor", "Department of Justice", "police"), a country from the same
 * words, from a place word before its name, or, for a role alone, from the article's dateline.
 * A person or body without a role keeps the country alone; an unlisted place has no code. */
static const char *S_composed_code(nr_doc *d, const nr_actor *a, uint32_t day, const char *home)
{
    if (a->kind == NR_LOCATION)
        return NULL;
    if (a->kind == NR_GROUP)
        return S_people_country(a->key, day);
    const char *country = NULL, *role = NULL;
    S_words w;
    if (a->title) {
        const char *key = nr_fold_key(d->arena, a->title, strlen(a->title));
        if (!key)
            return NULL;
        S_split(key, &w);
        S_title_country_and_role(&w, day, &country, &role);
    }
    if (a->kind != NR_PERSON) {
        S_split(a->key, &w);
        S_country_and_role(&w, day, &country, &role);
    }
    if (!role && a->kind == NR_ORGANIZATION && S_police_initials(a->name))
        role = "COP";
    char before[256];
    if ((!country || !role) && a->kind == NR_PERSON &&
        S_words_before(d, a, before, sizeof before, &w)) {
        const char *c = NULL, *r = NULL;
        S_country_and_role(&w, day, &c, &r);
        country = country ? country : c;
        role = role ? role : r;
    }
    if (!role && a->kind == NR_OTHER)
        return NULL; /* a tournament or a film has no country of its own as an actor */
    if (!role)
        return country;
    country = country ? country : home;
    return country ? S_join(d, country, role) : NULL;
}

/* The country of a code: its first three letters, or a company's country after MNC
 * ("MNCUSA"). */
static const char *S_country_of(const char *code)
{
    const char *c = nr_cameo_country(code);
    if (!c && strncmp(code, "MNC", 3) == 0)
        c = nr_cameo_country(code + 3);
    return c;
}

static void S_code_actor(nr_doc *d, nr_actor *a, uint32_t day, const char *home)
{
    a->code = S_listed_code(d, a, day);
    if (!a->code)
        a->code = S_composed_code(d, a, day, home);
    a->country = a->code ? S_country_of(a->code) : NULL;
}

/* The country of the dateline's place ("NEW ORLEANS" -> USA), or NULL. */
static const char *S_home_country(nr_doc *d, uint32_t day)
{
    if (d->dateline_e <= d->dateline_b)
        return NULL;
    const char *key =
        nr_fold_key(d->arena, d->art->text + d->dateline_b, d->dateline_e - d->dateline_b);
    return key ? S_place_country(key, strlen(key), day) : NULL;
}

/* The role an agent noun right after a mention adds to a country's code: "Israeli soldiers",
 * "the French foreign minister". The longest noun phrase of up to four words wins. */
static const char *S_role_after(nr_doc *d, const nr_span *span)
{
    size_t t = nr_tok_at(d, span->bend);
    const char *role = NULL;
    char buf[128];
    size_t len = 0;
    for (size_t k = 0; k < S_MAX_AGENT_WORDS && t + k < d->n_toks; k++) {
        size_t i = t + k;
        if (d->toks[i].kind != NR_TOK_WORD || d->toks[i].sentence != d->toks[t].sentence ||
            len + nr_tok_len(d, i) + 1 >= sizeof buf)
            break;
        if (k)
            buf[len++] = ' ';
        for (size_t c = 0; c < nr_tok_len(d, i); c++) {
            char ch = nr_tok_text(d, i)[c];
            buf[len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        const char *r = nr_cameo_agent_role(buf, len);
        role = r ? r : role;
    }
    return role;
}

/* The code of an actor in one event: a bare country takes the role of the noun after its
 * mention. */
static const char *S_event_code(nr_doc *d, int actor, const nr_span *span)
{
    if (actor < 0)
        return NULL;
    const nr_actor *a = &d->art->actors[actor];
    if (!a->code || !a->country || strcmp(a->code, a->country) != 0)
        return a->code;
    const char *role = S_role_after(d, span);
    return role ? S_join(d, a->code, role) : a->code;
}

nr_status nr_code_actors(nr_doc *d)
{
    nr_article *art = d->art;
    uint32_t day = S_day(art);
    const char *home = S_home_country(d, day);
    for (size_t k = 0; k < art->n_actors; k++)
        S_code_actor(d, &art->actors[k], day, home);
    return nr_arena_failed(d->arena) ? NR_ENOMEM : NR_OK;
}

nr_status nr_code_events(nr_doc *d)
{
    nr_article *art = d->art;
    for (size_t k = 0; k < art->n_events; k++) {
        nr_event *ev = &art->events[k];
        ev->agent_code = S_event_code(d, ev->agent, &ev->agent_span);
        ev->target_code = S_event_code(d, ev->target, &ev->target_span);
        ev->has_goldstein = ev->cameo && nr_goldstein_of(ev->cameo, &ev->goldstein);
    }
    return nr_arena_failed(d->arena) ? NR_ENOMEM : NR_OK;
}
