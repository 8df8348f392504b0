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

/* Where a sentence's own words begin: past the dateline ("GULU (Reuters) -"), whose place and
 * agency act in nothing the sentence says. */
static size_t S_words_begin(const nr_doc *d, size_t sb, size_t i)
{
    size_t past = d->dateline_tok_end >= 0 ? (size_t)d->dateline_tok_end : 0;
    return past > sb && past <= i ? past : sb;
}

/* The nearest mention before the trigger in its sentence: the subject in English word order. */
static int S_agent_before(const nr_doc *d, size_t i, size_t sent_begin)
{
    sent_begin = S_words_begin(d, sent_begin, i);
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

/* The first mention of a sentence that is not inside a leading phrase of time or place. */
static int S_first_mention(const nr_doc *d, size_t sb, size_t end)
{
    sb = S_words_begin(d, sb, end);
    for (size_t k = sb; k < end && k - sb <= NR_ROLE_WINDOW; k++) {
        if (d->tok_mention[k] >= 0 &&
            d->art->actors[d->art->mentions[d->tok_mention[k]].actor].kind != NR_LOCATION)
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
    bool *coded_sentence;  /* per sentence: it names an actor with a CAMEO code */
    /* Per token: its entries in the event-word table (n_entries 0: none), looked up once. */
    const nr_event_word **entries;
    uint8_t *n_entries;
    /* Per token: it starts the cue of a quotation, or of reported speech with a verb of saying;
     * a verb the attribution model alone made a cue ("rejected the claims") stays an event. */
    bool *is_cue;
    int dateline_place; /* the dateline's location actor, or -1 */
    int lead_paragraph; /* S_lead_paragraph */
    /* Date and place depend on the sentence only: found once per sentence. */
    int sentence; /* the sentence they were found for, or -1 */
    bool has_date;
    nr_date_match date;
    int place;
} S_index;

/* The first paragraph of the body: not the headline line, not boilerplate. */
static int S_lead_paragraph(const nr_article *a)
{
    for (size_t p = 0; p < a->n_paragraphs; p++) {
        const nr_span *ps = &a->paragraphs[p];
        bool headline = p == 0 && a->title && strlen(a->title) == ps->bend - ps->bstart &&
                        memcmp(a->title, a->text + ps->bstart, ps->bend - ps->bstart) == 0;
        bool boiler = false;
        for (size_t k = 0; k < a->n_boilerplate && !boiler; k++)
            boiler = a->boilerplate[k].bstart == ps->bstart;
        if (!headline && !boiler)
            return (int)p;
    }
    return -1;
}

static bool S_build_index(const nr_doc *d, S_index *ix)
{
    ix->statement_of_tok = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(int));
    ix->is_cue = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(bool));
    ix->entries = nr_alloc(d->arena, (d->n_toks + 1) * sizeof *ix->entries);
    ix->n_entries = nr_alloc(d->arena, d->n_toks + 1);
    ix->coded_sentence = nr_alloc(d->arena, (d->art->n_sentences + 1) * sizeof(bool));
    if (!ix->statement_of_tok || !ix->is_cue || !ix->entries || !ix->n_entries ||
        !ix->coded_sentence)
        return false;
    for (size_t m = 0; m < d->art->n_mentions; m++) {
        const nr_mention *mn = &d->art->mentions[m];
        if (d->art->actors[mn->actor].code)
            ix->coded_sentence[mn->sentence] = true;
    }
    for (size_t i = 0; i < d->n_toks; i++) {
        if (nr_tok_in(d, i, NR_LEX_EVENT_FORMS) ||
            (nr_tok_in(d, i, NR_LEX_CAMEO_FORMS) && ix->coded_sentence[d->toks[i].sentence])) {
            size_t n = nr_event_form(d->toks[i].places, &ix->entries[i]);
            ix->n_entries[i] = (uint8_t)(n < UINT8_MAX ? n : UINT8_MAX);
        }
    }
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
            if (k < d->n_toks && d->toks[k].b == st->cue.span.bstart &&
                (st->kind != NR_INDIRECT || nr_tok_speech_lemma(d, k)))
                ix->is_cue[k] = true;
        }
    }
    ix->dateline_place = -1;
    ix->lead_paragraph = S_lead_paragraph(d->art);
    ix->sentence = -1;
    if (d->art->dateline) {
        int a = S_actor_of(d, nr_tok_at(d, d->dateline_b));
        if (a >= 0 && d->art->actors[a].kind == NR_LOCATION)
            ix->dateline_place = a;
    }
    return true;
}

/* The noun entry of the token at i, else its first verb entry (ours before the dictionary's);
 * NULL when it is no event word. A form's nouns come first, so that is its first entry. */
static const nr_event_word *S_noun_entry(const S_index *ix, size_t i)
{
    return ix->n_entries[i] ? ix->entries[i] : NULL;
}

/* Our own verb entry of the token at i, else its noun entry (NULL when neither): the checks of
 * context below were made for our words, and the dictionary's thousands of verbs, most of them
 * nouns too, would read every noun phrase as a verb and its object. */
static const nr_event_word *S_our_event(const S_index *ix, size_t i)
{
    const nr_event_word *e = ix->entries[i], *noun = NULL;
    for (size_t k = 0; k < ix->n_entries[i]; k++) {
        if (!e[k].noun && !e[k].block)
            return &e[k];
        if (e[k].noun && !noun)
            noun = &e[k];
    }
    return noun;
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

/* The words that put the verb after them in a mode. */
typedef enum S_mode { S_PLAIN, S_INTENT, S_DEMAND, S_CONTROLLED, S_HYPOTHETICAL } S_mode;

/* The token at i is one of the words (lower case; compared in lower case). The first byte is
 * compared before the length is measured, since most words fail there. */
static bool S_word_in(const nr_doc *d, size_t i, const char *const *words)
{
    const char *t = nr_tok_text(d, i);
    char first = t[0] >= 'A' && t[0] <= 'Z' ? (char)(t[0] + 32) : t[0];
    for (; *words; words++) {
        if ((*words)[0] == first && nr_tok_is_ci(d, i, *words))
            return true;
    }
    return false;
}

/* Adverbs and negations between a modal and its verb ("will also provide", "must fully
 * cooperate", "will not be"). */
static size_t S_skip_back(const nr_doc *d, size_t k, size_t sb)
{
    static const char *const small[] = {"also", "not",   "never", "no",      "soon",   "still",
                                        "now",  "again", "then",  "jointly", "longer", NULL};
    while (k > sb && (S_word_in(d, k - 1, small) || nr_tok_ends_nt(d, k - 1) ||
                      (nr_tok_len(d, k - 1) > 4 &&
                       memcmp(nr_tok_text(d, k - 1) + nr_tok_len(d, k - 1) - 2, "ly", 2) == 0)))
        k--;
    return k;
}

/* How far a clause is looked through, from a verb back to its "if" or on to its "will": the
 * bound keeps a sentence of thousands of words linear. */
#define S_CLAUSE_REACH 24

/* The modals of the future, which state an intention ("will provide") or say what someone will
 * do ("warned that police will ..."). */
static const char *const S_modals[] = {"will", "would", "'ll", "\xE2\x80\x99ll", "shall", NULL};

/* The word at i is in a condition: an "if" or "unless" at most S_CLAUSE_REACH words before it
 * in its sentence, with no comma, semicolon, colon or dash between ("if Iran attacks, ...",
 * "... unless the talks fail"). */
static bool S_in_condition(const nr_doc *d, size_t i, size_t sb)
{
    static const char *const conditions[] = {"if", "unless", NULL};
    size_t stop = i > sb + S_CLAUSE_REACH ? i - S_CLAUSE_REACH : sb;
    for (size_t k = i; k > stop; k--) {
        const nr_token *t = &d->toks[k - 1];
        if (t->kind == NR_TOK_PUNCT && strchr(",;:-", nr_tok_text(d, k - 1)[0]))
            return false;
        if (S_word_in(d, k - 1, conditions))
            return true;
    }
    return false;
}

/* How the verb at i is governed: "will provide", "plans to impose" and "is prepared to lift"
 * state an intention; "must drop" a demand; "could take part" and "may refuse" are only
 * possible (no event, as event-data coders leave them out), and so is a verb in a condition;
 * "threatened to revoke", "agreed to allow" and "refused to deploy" are events of the governing
 * verb (*gov is its token). */
static S_mode S_mode_of(const nr_doc *d, const S_index *ix, size_t i, size_t sb, size_t *gov)
{
    static const char *const intent[] = {
        "plan",     "plans",    "planned",    "planning", "intend",  "intends",
        "intended", "prepared", "ready",      "willing",  "decided", "decides",
        "going",    "set",      "determined", "expected", NULL};
    if (S_in_condition(d, i, sb))
        return S_HYPOTHETICAL;
    size_t k = S_skip_back(d, i, sb);
    if (k == sb)
        return S_PLAIN;
    static const char *const possible[] = {"could", "might", "may", "should", NULL};
    if (S_word_in(d, k - 1, possible))
        return S_HYPOTHETICAL;
    if (S_word_in(d, k - 1, S_modals))
        return S_INTENT;
    if (nr_tok_is_ci(d, k - 1, "must"))
        return S_DEMAND;
    if (!nr_tok_is(d, k - 1, "to") || k - 1 == sb)
        return S_PLAIN;
    size_t c = S_skip_back(d, k - 1, sb);
    if (c == sb)
        return S_PLAIN;
    if (S_word_in(d, c - 1, intent))
        return S_INTENT;
    const nr_event_word *w = S_our_event(ix, c - 1);
    if (w && w->cameo && !w->noun) {
        *gov = c - 1;
        return S_CONTROLLED;
    }
    return S_PLAIN;
}

static int S_root(const char *cameo);

/* CAMEO codes an intention by what is intended: to cooperate (04-09) is 03, to coerce or
 * fight (15-20) is a threat, 13. */
static const char *S_intended(const char *cameo)
{
    int root = S_root(cameo);
    return root >= 4 && root <= 9 ? "030" : root >= 15 ? "130" : cameo;
}

/* The code of the event word at i from one of our senses, a word near it ("held talks", "hunger
 * strike"), or NULL. *used is set to the token that gave the sense. */
static const char *S_sense(const nr_doc *d, size_t i, size_t sb, size_t se, const nr_event_word *w,
                           size_t *used)
{
    char before[64];
    if (i > sb && nr_tok_len(d, i - 1) + 1 < sizeof before) {
        before[0] = '<';
        memcpy(before + 1, nr_tok_text(d, i - 1), nr_tok_len(d, i - 1));
        const char *c = nr_event_sense_code(w->lemma, before, nr_tok_len(d, i - 1) + 1);
        if (c) {
            *used = i - 1;
            return c;
        }
    }
    for (size_t k = i + 1; k < se && k <= i + 4; k++) {
        if (d->toks[k].kind == NR_TOK_PUNCT && !nr_tok_is(d, k, "-"))
            break;
        const char *c = nr_event_sense_code(w->lemma, nr_tok_text(d, k), nr_tok_len(d, k));
        if (c) {
            *used = k;
            return c;
        }
    }
    return NULL;
}

/* "was attacked by", "have been killed": the subject before a passive verb is its target. */
static bool S_passive(const nr_doc *d, size_t i, size_t sb)
{
    const char *t = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i);
    bool participle = (n > 2 && memcmp(t + n - 2, "ed", 2) == 0) || nr_tok_is_ci(d, i, "held") ||
                      nr_tok_is_ci(d, i, "shot") || nr_tok_is_ci(d, i, "beaten") ||
                      nr_tok_is_ci(d, i, "taken");
    size_t k = S_skip_back(d, i, sb);
    return participle && k > sb && nr_tok_is_be(d, k - 1);
}

/* The verb at i follows "who" after a word that is no mention: "those who commit crimes" has
 * no agent of ours, not the name further back. ("the DOJ letter that threatened" is the DOJ's.) */
static bool S_relative_subject(const nr_doc *d, size_t i, size_t sb)
{
    return i >= sb + 2 && nr_tok_is_ci(d, i - 1, "who") && d->tok_mention[i - 2] < 0;
}

/* The mentions coordinated with the one at m ("Jeff Landry and the Department of Justice"),
 * the first of them first; returns how many (at most max). */
static size_t S_coordinated(const nr_doc *d, int m, size_t sb, int *out, size_t max)
{
    size_t n = 0;
    out[n++] = m;
    while (n < max) {
        size_t b = nr_tok_at(d, d->art->mentions[m].span.bstart);
        if (b > sb && nr_tok_is_ci(d, b - 1, "the"))
            b--;
        if (b < sb + 2 || !(nr_tok_is(d, b - 1, "and") || nr_tok_is(d, b - 1, ",")))
            break;
        int prev = d->tok_mention[b - 2];
        if (prev < 0 || prev == m)
            break;
        for (size_t k = n; k > 0; k--)
            out[k] = out[k - 1];
        out[0] = prev;
        n++;
        m = prev;
    }
    return n;
}

/* The agent of a noun trigger: a possessive or a name right before it ("Israel's invasion",
 * "the DOJ letter"), within a short noun phrase. */
static int S_noun_agent(const nr_doc *d, size_t i, size_t sb)
{
    for (size_t k = i; k-- > sb && i - k <= 3;) {
        if (d->tok_mention[k] >= 0)
            return d->tok_mention[k];
        if (d->toks[k].kind == NR_TOK_PUNCT && !nr_tok_possessive(d, k))
            return -1;
    }
    return -1;
}

static bool S_push(nr_doc *d, S_index *ix, S_events *out, size_t i, size_t sense_tok,
                   const nr_event_word *w, const char *cameo, int agent, int target, bool negated)
{
    nr_event *ev = NR_PUSH(d->arena, *out);
    if (!ev)
        return false;
    memset(ev, 0, sizeof *ev);
    int root = S_root(cameo);
    ev->cameo = cameo;
    ev->type = S_root_labels[root >= 1 && root <= 20 ? root : 1];
    ev->quad_class = S_quad(root);
    /* "held talks", "hunger strike": the trigger spans the word that gave the sense too. */
    size_t tb = sense_tok < i ? sense_tok : i, te = sense_tok > i ? sense_tok : i;
    ev->trigger.span = nr_make_span(&d->cpmap, d->toks[tb].b, d->toks[te].e);
    ev->trigger.lemma = w->lemma;
    S_set_role(d, agent, &ev->agent, &ev->agent_span);
    S_set_role(d, target, &ev->target, &ev->target_span);
    S_sentence_facts(d, ix, d->toks[i].sentence);
    ev->location = ix->place;
    ev->negated = negated;
    ev->statement = ix->statement_of_tok[i];
    ev->sentence = d->toks[i].sentence;
    ev->sentence_span = d->art->sentences[ev->sentence].span;
    ev->lead =
        ix->lead_paragraph >= 0 && d->art->sentences[ev->sentence].paragraph == ix->lead_paragraph;
    S_date(d, ix, ev);
    return true;
}

static bool S_ends(const nr_doc *d, size_t i, const char *suffix)
{
    size_t n = nr_tok_len(d, i), m = strlen(suffix);
    return n > m && memcmp(nr_tok_text(d, i) + n - m, suffix, m) == 0;
}

static const char *const S_determiners[] = {"the", "a", "an", "its", "their", "his", "her", NULL};

/* A verb form that is no event here: after a determiner ("the occupied West Bank", "the
 * wounded", "pay the fine"), a gerund after a preposition ("accused of violating"), or an
 * infinitive of purpose ("staged demonstrations to demand"; governed ones were taken by
 * S_mode_of). */
static bool S_verb_not_event(const nr_doc *d, const S_index *ix, size_t i, size_t sb,
                             const nr_event_word *w)
{
    static const char *const preps[] = {"of",      "for",     "in",      "by", "from",
                                        "after",   "before",  "without", "on", "about",
                                        "against", "despite", NULL};
    if (i == sb)
        return false;
    /* "revoke grant money": a verb's lemma right after a verb of ours is its object noun. */
    const nr_event_word *before = S_our_event(ix, i - 1);
    if (before && !before->noun && w && nr_tok_is_ci(d, i, w->lemma))
        return true;
    return S_word_in(d, i - 1, S_determiners) || nr_tok_is(d, i - 1, "to") ||
           (S_ends(d, i, "ing") && S_word_in(d, i - 1, preps));
}

/* A noun that is no event here: one modifying the next noun ("war crimes", "aid program"), the
 * object of an event verb, which is part of that verb's event ("demanded a meeting", "halt
 * attacks"), or one in a background phrase ("after 12 days of battles", "following the
 * invasions"). */
static bool S_noun_not_event(const nr_doc *d, const S_index *ix, size_t i, size_t sb, size_t se)
{
    static const char *const background[] = {"after",   "since",  "following",   "during", "amid",
                                             "despite", "before", "retaliation", NULL};
    size_t n = i + 1;
    if (n < se && d->toks[n].kind == NR_TOK_WORD && !(d->toks[n].flags & NR_TF_CAP) &&
        !nr_tok_in(d, n, NR_LEX_STOPWORDS) && !S_ends(d, n, "ed") && !S_our_event(ix, n) &&
        !nr_tok_speech_lemma(d, n))
        return true;
    for (size_t k = i; k-- > sb && i - k <= 3;) {
        if (d->toks[k].kind == NR_TOK_PUNCT ||
            (nr_tok_in(d, k, NR_LEX_STOPWORDS) && !S_word_in(d, k, S_determiners)))
            break; /* "killed in IS attacks": a preposition, not an object */
        const nr_event_word *v = S_our_event(ix, k);
        if (v && !v->noun)
            return true;
    }
    for (size_t k = i; k-- > sb && i - k <= 5;) {
        if (S_word_in(d, k, background))
            return true;
        if (d->toks[k].kind == NR_TOK_PUNCT)
            break;
    }
    return false;
}

/* A determiner, possessive or number right before a word makes it a noun: "the fine", "an
 * attack", "Israel's invasion", "two raids". */
static bool S_noun_context(const nr_doc *d, const S_index *ix, size_t i)
{
    static const char *const dets[] = {"the",   "a",   "an",   "its",  "their",
                                       "his",   "her", "this", "that", "these",
                                       "those", "our", "any",  "no",   NULL};
    if (i == 0)
        return false;
    /* "emergency aid", "bomb attack": a modifier word before it; not "routinely attack". */
    bool modifier = d->toks[i - 1].kind == NR_TOK_WORD && !(d->toks[i - 1].flags & NR_TF_CAP) &&
                    !nr_tok_in(d, i - 1, NR_LEX_STOPWORDS) && !S_ends(d, i - 1, "ly") &&
                    !S_our_event(ix, i - 1);
    return modifier || S_word_in(d, i - 1, dets) || nr_tok_possessive(d, i - 1) ||
           d->toks[i - 1].kind == NR_TOK_NUMBER;
}

/* The word at i is a verb by what comes before it: its subject (a name, a pronoun, "who"), an
 * auxiliary or "to", or a conjunction after a verb; a past form after a noun ("rebels
 * attacked"). Not one after a determiner or preposition ("the armed men", "of suspected
 * militants") or at the start of a sentence, where the dictionary's words are mostly nouns and
 * adjectives. Adverbs between are passed over ("have also agreed"). */
static bool S_verbal(const nr_doc *d, size_t i, size_t sb, bool noun_context)
{
    static const char *const aux[] = {"has",
                                      "have",
                                      "had",
                                      "is",
                                      "are",
                                      "was",
                                      "were",
                                      "be",
                                      "been",
                                      "being",
                                      "will",
                                      "would",
                                      "can",
                                      "could",
                                      "shall",
                                      "should",
                                      "may",
                                      "might",
                                      "must",
                                      "did",
                                      "does",
                                      "do",
                                      "to",
                                      "who",
                                      "which",
                                      "that",
                                      "they",
                                      "we",
                                      "you",
                                      "he",
                                      "she",
                                      "it",
                                      "i",
                                      "and",
                                      "also",
                                      "then",
                                      "'ve",
                                      "'s",
                                      "'d",
                                      "'ll",
                                      "\xE2\x80\x99"
                                      "ve",
                                      "\xE2\x80\x99"
                                      "d",
                                      "\xE2\x80\x99"
                                      "ll",
                                      NULL};
    size_t k = S_skip_back(d, i, sb);
    if (k == sb)
        return false;
    /* Every word of aux is a stopword, "shall" or a clitic ("'ve"): most tokens need no
     * comparison. */
    char c = nr_tok_text(d, k - 1)[0];
    bool small =
        nr_tok_in(d, k - 1, NR_LEX_STOPWORDS) || c == '\'' || c == '\xE2' || c == 's' || c == 'S';
    if ((small && S_word_in(d, k - 1, aux)) || nr_tok_ends_nt(d, k - 1))
        return true;
    if (d->tok_mention[k - 1] >= 0)
        return !noun_context || S_ends(d, i, "ed");
    return S_ends(d, i, "ed") && d->toks[k - 1].kind == NR_TOK_WORD &&
           !nr_tok_in(d, k - 1, NR_LEX_STOPWORDS) && !S_word_in(d, k - 1, S_determiners);
}

/* A plural word comes right before the word at i, adverbs passed over: its subject, as in
 * "rebels attack", "negotiators routinely return". */
static bool S_after_plural(const nr_doc *d, size_t i, size_t sb)
{
    size_t k = S_skip_back(d, i, sb);
    return k > sb && S_ends(d, k - 1, "s") && !nr_tok_in(d, k - 1, NR_LEX_STOPWORDS);
}

/* A warning is a threat only when it says what someone will do ("warned that police will no
 * longer tolerate rallies", "warned ... it would act") or is addressed to an actor ("warned the
 * BBC to steer away"). Most warnings are forecasts or advice ("analysts warned that growth may
 * slow", "users are warned about a virus"), which CAMEO codes as comments (012), the statement's
 * and not an event. So: a "will", "would", "'ll" or "shall" after the verb whose subject is a
 * name, a pronoun or a role noun of the agents dictionary ("police"); else a name right after
 * the verb. */
static bool S_warns_of_act(const nr_doc *d, size_t from, size_t se)
{
    static const char *const subjects[] = {"it", "they", "we", "he", "she", "i", NULL};
    for (size_t k = from; k < se && k - from < S_CLAUSE_REACH; k++) {
        if (k == from || !S_word_in(d, k, S_modals))
            continue;
        size_t s = S_skip_back(d, k, from);
        return s > from && (d->tok_mention[s - 1] >= 0 || S_word_in(d, s - 1, subjects) ||
                            nr_cameo_agent_role(nr_tok_text(d, s - 1), nr_tok_len(d, s - 1)));
    }
    /* Addressed to an actor: "warned the BBC to steer away". */
    size_t to = from < se && nr_tok_is_ci(d, from, "the") ? from + 1 : from;
    return to < se && d->tok_mention[to] >= 0;
}

/* The word at i has a form a noun shares: its lemma ("wage") or an -s form ("demands"), not a
 * past form or participle ("met", "held", "arrested", "meeting"). */
static bool S_noun_shaped(const nr_doc *d, size_t i, const nr_event_word *w)
{
    return nr_tok_is_ci(d, i, w->lemma) || S_ends(d, i, "s");
}

#define NR_MAX_COORDINATED 4

/* The mention m is of an actor with a CAMEO code. */
static bool S_coded(const nr_doc *d, int m)
{
    return m >= 0 && d->art->actors[d->art->mentions[m].actor].code;
}

/* The events of the trigger at i: one per coordinated agent. reverse: the pattern's code is the
 * target's act on the agent. coded: an event only when one of its actors has a CAMEO code, as
 * event-data coders require of the dictionary's verbs (a song or a market is no actor). */
static bool S_event(nr_doc *d, S_index *ix, S_events *out, size_t i, const nr_event_word *w,
                    const char *cameo, size_t sense_tok, bool negated, bool reverse, bool coded)
{
    const nr_sent_info *si = &d->sents[d->toks[i].sentence];
    size_t sb = si->tok_begin, se = si->tok_end;
    size_t after = (sense_tok > i ? sense_tok : i) + 1;
    int agent = -1, target = -1;
    if (w->noun) {
        agent = S_noun_agent(d, i, sb);
        target = S_mention_after(d, after, se < after + 6 ? se : after + 6);
    } else if (S_passive(d, i, sb) || (after + 1 < se && nr_tok_is(d, after, "by"))) {
        target = S_agent_before(d, i, sb);
        if (after + 1 < se && nr_tok_is(d, after, "by"))
            agent = S_mention_after(d, after + 1, se); /* "a letter issued by the DOJ" */
    } else if (i > sb && nr_tok_is(d, i - 1, ",") && S_ends(d, i, "ing")) {
        /* "The FTC sued Northwind, accusing the company of …": the participle's agent is the
         * subject of its sentence. */
        agent = S_first_mention(d, sb, i);
        target = S_mention_after(d, after, se);
    } else {
        agent = S_relative_subject(d, i, sb) ? -1 : S_agent_before(d, i, sb);
        target = S_mention_after(d, after, se);
    }
    if (coded && !S_coded(d, reverse ? target : agent))
        return true;
    if (reverse) {
        int swap = agent;
        agent = target;
        target = swap;
    }
    int agents[NR_MAX_COORDINATED];
    size_t n = agent >= 0 ? S_coordinated(d, agent, sb, agents, NR_MAX_COORDINATED) : 1;
    if (agent < 0)
        agents[0] = -1;
    for (size_t k = 0; k < n; k++) {
        if (!S_push(d, ix, out, i, sense_tok, w, cameo, agents[k], target, negated))
            return false;
    }
    return true;
}

nr_status nr_find_events(nr_doc *d)
{
    /* Sport and entertainment, as the Phoenix discard list and our topic terms tell them, are
     * not coded: "beat" in a match report is no assault. */
    if (nr_discarded_story(d))
        return NR_OK;
    bool verbs_only = d->ctx->event_scope == NR_EVENTS_VERBS;
    S_events out = {0};
    S_index ix;
    if (!S_build_index(d, &ix))
        return NR_ENOMEM;
    /* A word that gave another its sense ("held talks": "talks") is no event of its own. */
    bool *used = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(bool));
    /* Per token: the first event of the trigger there, or -1. */
    int *event_at = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(int));
    if (!used || !event_at)
        return NR_ENOMEM;
    for (size_t i = 0; i < d->n_toks; i++)
        event_at[i] = -1;
    for (size_t i = 0; i < d->n_toks; i++) {
        const nr_token *t = &d->toks[i];
        if (t->kind != NR_TOK_WORD || (t->flags & NR_TF_BOILERPLATE) || used[i] ||
            d->tok_mention[i] >= 0)
            continue;
        const nr_event_word *noun = S_noun_entry(&ix, i);
        if (!noun)
            continue;
        const nr_sent_info *si = &d->sents[t->sentence];
        unsigned block = 0;
        size_t after = i + 1;
        const nr_event_word *verb = nr_verb_entry(d, i, si->tok_begin, si->tok_end, ix.entries[i],
                                                  ix.n_entries[i], &block, &after);
        bool noun_context = S_noun_context(d, &ix, i);
        /* Our noun over a verb only the dictionary lists, unless the word reads as a verb: "a
         * Friday blast" is the noun. */
        const nr_event_word *w =
            (noun->noun && (noun_context || !verb ||
                            (verb->block && !S_verbal(d, i, si->tok_begin, noun_context))))
                ? noun
                : verb;
        if (!w || (w->noun && verbs_only))
            continue;
        /* The dictionary's verbs are coded as verbs only, as PETRARCH codes them: "minimum
         * wage", "the offer" and "a free press" are none. A past form after a noun is still a
         * verb ("rebels attacked"). They are coded only in a sentence that names a coded actor,
         * and not when they are verbs of saying, which are the statements' (our own words code
         * the ones that also act: "accused", "demanded"). */
        if (!w->noun && w->block &&
            (!ix.coded_sentence[t->sentence] || nr_tok_in(d, i, NR_LEX_SPEECH_FORMS) ||
             !S_verbal(d, i, si->tok_begin, noun_context)))
            continue;
        /* Our verbs too, in the forms a noun shares (the lemma, and -s), unless they read as
         * verbs: "the minimum wage", "their demands", "on offer", "in charge of", "Pressure
         * was placed" are nouns; "calls for", "will attack" and, after a plural subject,
         * "rebels attack" are verbs. With nouns coded too (--events all), only where nothing
         * but a noun can stand ("the minimum wage"): "in protest" is a protest. */
        if (!w->noun && !w->block && S_noun_shaped(d, i, w) &&
            !(verbs_only ? S_verbal(d, i, si->tok_begin, noun_context) : !noun_context) &&
            !S_after_plural(d, i, si->tok_begin))
            continue;
        size_t sense_tok = after - 1, last = after;
        const char *cameo =
            w->sensed ? S_sense(d, i, si->tok_begin, si->tok_end, w, &sense_tok) : NULL;
        if (!cameo && !w->noun)
            cameo = nr_verb_pattern_code(d, i, after, si->tok_begin, si->tok_end, block, &last);
        if (cameo && cameo[0] == '-')
            continue; /* a pattern of the dictionary that codes no event ("released a report") */
        bool pattern = cameo != NULL;
        if (!cameo)
            cameo = w->cameo;
        bool reverse = cameo && cameo[0] == '~';
        if (reverse)
            cameo++;
        /* A cue that only reports speech ("said", CAMEO 01) is the statement's, not an event;
         * one that also acts ("demanded", "accused", "warned") is both. */
        if (!cameo || (S_root(cameo) == 1 && (ix.is_cue[i] || nr_tok_speech_lemma(d, i))))
            continue;
        if (!pattern && strcmp(w->lemma, "warn") == 0 && !S_warns_of_act(d, i + 1, si->tok_end))
            continue;
        if (sense_tok != i)
            used[sense_tok] = true;
        /* The pattern's object nouns belong to this event ("offered aid": no AID of its own). */
        for (size_t k = after; k < last; k++) {
            const nr_event_word *o = S_noun_entry(&ix, k);
            used[k] = used[k] || (o && o->noun);
        }
        size_t gov = i;
        S_mode mode = w->noun ? S_PLAIN : S_mode_of(d, &ix, i, si->tok_begin, &gov);
        if (mode == S_PLAIN && (w->noun ? S_noun_not_event(d, &ix, i, si->tok_begin, si->tok_end)
                                        : S_verb_not_event(d, &ix, i, si->tok_begin, w)))
            continue;
        bool negated = S_negation(d, i, si->tok_begin);
        if (mode == S_CONTROLLED) {
            /* "threatened to revoke": the threat is the event, the revoking has not happened.
             * An intention to coerce is a threat, one to cooperate an intent (03). */
            for (int e = event_at[gov];
                 e >= 0 && (size_t)e < out.n && out.items[e].trigger.span.bstart == d->toks[gov].b;
                 e++) {
                if (S_root(out.items[e].cameo) == 3 && !out.items[e].negated) {
                    out.items[e].cameo = S_intended(cameo);
                    int root = S_root(out.items[e].cameo);
                    out.items[e].type = S_root_labels[root];
                    out.items[e].quad_class = S_quad(root);
                }
            }
            continue;
        }
        if (mode == S_HYPOTHETICAL)
            continue; /* "could face bans": a possibility, not an event */
        if (mode == S_INTENT && !negated)
            cameo = S_intended(cameo);
        else if (mode == S_DEMAND && !negated)
            cameo = "100";
        /* A verb that only the dictionary lists is coded through a pattern, with its object,
         * not alone: "offered talks", not "offered a discount". (Its own code still tells what
         * a verb governing it intends, above.) */
        if (w->block && !pattern)
            continue;
        event_at[i] = (int)out.n;
        if (!S_event(d, &ix, &out, i, w, cameo, sense_tok, negated, reverse, w->block != 0))
            return NR_ENOMEM;
    }
    d->art->events = out.items;
    d->art->n_events = out.n;
    return NR_OK;
}
