/* attribution.c: the attribution model: features and scores of the averaged perceptrons that find cues and where reported content ends (weights in data/models/statements.tsv). */
#include "internal.h"

#include <string.h>

/* Longest word prefix hashed: longer words differ in their first 24 bytes anyway. */
#define S_WORD_MAX 24

/* Feature templates: each feature hashes its template number with its values. */
enum {
    F_BIAS = 1,
    F_LOW,
    F_SUF3,
    F_SPEECH,
    F_EVENT,
    F_CAP,
    F_LOW_P1,
    F_LOW_N1,
    F_LOW_N2,
    F_BI_P,
    F_BI_N,
    F_CLASS_P1,
    F_CLASS_N1,
    F_CLASS_P2,
    F_LOW_CLASS_P1,
    F_LOW_CLASS_N1,
    F_SUBJECT,
    F_LOW_SUBJECT,
    F_QUOTE,
    F_STEM,
    F_STEM_CLASS_N1,
    F_THAT_AHEAD,
    F_STEM_P1
};

/* What a neighbouring token is, for the features that do not need the word itself. */
typedef enum S_class {
    C_EDGE = 1, /* outside the sentence */
    C_COMMA,
    C_COLON,
    C_QUOTE,
    C_PUNCT,
    C_MENTION,
    C_PRONOUN,
    C_THAT,
    C_NUMBER,
    C_WORD
} S_class;

static S_class S_class_of(const nr_doc *d, size_t k, size_t sb, size_t se)
{
    if (k < sb || k >= se)
        return C_EDGE;
    const nr_token *t = &d->toks[k];
    if (t->flags & (NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE))
        return C_QUOTE;
    if (t->kind == NR_TOK_PUNCT)
        return nr_tok_is(d, k, ",") ? C_COMMA : nr_tok_is(d, k, ":") ? C_COLON : C_PUNCT;
    if (t->kind == NR_TOK_NUMBER)
        return C_NUMBER;
    if (d->tok_mention[k] >= 0)
        return C_MENTION;
    if (nr_tok_in(d, k, NR_LEX_PRONOUNS))
        return C_PRONOUN;
    return nr_tok_is_ci(d, k, "that") ? C_THAT : C_WORD;
}

/* The token's bytes lower-cased (ASCII) into buf; returns the length kept. */
static size_t S_lower(const nr_doc *d, size_t k, char buf[S_WORD_MAX])
{
    size_t n = nr_tok_len(d, k);
    if (n > S_WORD_MAX)
        n = S_WORD_MAX;
    const char *t = nr_tok_text(d, k);
    for (size_t j = 0; j < n; j++)
        buf[j] = t[j] >= 'A' && t[j] <= 'Z' ? (char)(t[j] + 32) : t[j];
    return n;
}

/* The lower-cased word at k, or a marker for the sentence's edge, hashed under template f. */
static uint64_t S_word_hash(const nr_doc *d, size_t k, size_t sb, size_t se, uint64_t f)
{
    if (k < sb || k >= se)
        return nr_hash64("\1", 1, f);
    char buf[S_WORD_MAX];
    return nr_hash64(buf, S_lower(d, k, buf), f);
}

static uint64_t S_mix(uint64_t h, uint64_t v)
{
    return nr_hash64(&v, sizeof v, h);
}

/* The word without an inflection's ending: "believes", "believed", "believing" -> "believ". */
static size_t S_stem(const char *w, size_t n)
{
    static const char *const endings[] = {"ing", "ies", "ied", "es", "ed", "s", "e"};
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
        size_t m = strlen(endings[k]);
        if (n > m + 2 && memcmp(w + n - m, endings[k], m) == 0)
            return n - m;
    }
    return n;
}

/* "that" within the three words after i ("told reporters that"). */
static bool S_that_ahead(const nr_doc *d, size_t i, size_t se)
{
    for (size_t k = i + 1; k < se && k <= i + 3; k++) {
        if (nr_tok_is_ci(d, k, "that"))
            return true;
    }
    return false;
}

/* A name or pronoun within the four words before i, with no punctuation between: a subject. */
static bool S_subject_near(const nr_doc *d, size_t i, size_t sb)
{
    for (size_t k = i; k-- > sb && i - k <= 4;) {
        if (d->toks[k].kind == NR_TOK_PUNCT)
            return false;
        if (d->tok_mention[k] >= 0 || nr_tok_in(d, k, NR_LEX_PRONOUNS))
            return true;
    }
    return false;
}

/* A verb of saying, an event verb, a verb of the CAMEO dictionary or "according": the words
 * that open nine in ten of the training files' speech cues. The model scores no other word,
 * which keeps its cost to a few tokens per sentence. */
static bool S_candidate(const nr_doc *d, size_t i)
{
    if (nr_tok_in(d, i, NR_LEX_SPEECH_FORMS) || nr_tok_is_ci(d, i, "according"))
        return true;
    /* "are concerned that" states an attitude; the copula speaks for no one */
    return nr_tok_in(d, i, NR_LEX_EVENT_FORMS) && !nr_tok_is_be(d, i);
}

size_t nr_cue_features(const nr_doc *d, size_t i, uint64_t out[NR_ATTR_MAX_FEATURES])
{
    const nr_token *t = &d->toks[i];
    if (t->kind != NR_TOK_WORD || d->tok_mention[i] >= 0 || !S_candidate(d, i))
        return 0;
    const nr_sent_info *si = &d->sents[t->sentence];
    size_t sb = si->tok_begin, se = si->tok_end, n = 0;
    char buf[S_WORD_MAX];
    uint64_t low = nr_hash64(buf, S_lower(d, i, buf), F_LOW);
    size_t len = nr_tok_len(d, i);
    const char *speech = nr_tok_speech_lemma(d, i);
    const nr_event_word *ev = NULL;
    bool event = nr_event_form(t->places, &ev) > 0;
    S_class p1 = S_class_of(d, i - 1, sb, se), n1 = S_class_of(d, i + 1, sb, se);
    bool subject = S_subject_near(d, i, sb);
    out[n++] = F_BIAS;
    out[n++] = low;
    out[n++] = nr_hash64(buf + (len > 3 ? (len > S_WORD_MAX ? S_WORD_MAX : len) - 3 : 0),
                         len < 3 ? len : 3, F_SUF3);
    out[n++] = speech ? nr_hash64(speech, strlen(speech), F_SPEECH) : F_SPEECH;
    out[n++] = S_mix(F_EVENT, event);
    out[n++] = S_mix(F_CAP, (t->flags & NR_TF_CAP) | (t->flags & NR_TF_SENT_START));
    uint64_t p1w = S_word_hash(d, i - 1, sb, se, F_LOW_P1);
    uint64_t n1w = S_word_hash(d, i + 1, sb, se, F_LOW_N1);
    out[n++] = p1w;
    out[n++] = n1w;
    out[n++] = S_word_hash(d, i + 2, sb, se, F_LOW_N2);
    out[n++] = S_mix(S_mix(F_BI_P, p1w), low);
    out[n++] = S_mix(S_mix(F_BI_N, low), n1w);
    out[n++] = S_mix(F_CLASS_P1, p1);
    out[n++] = S_mix(F_CLASS_N1, n1);
    out[n++] = S_mix(S_mix(F_CLASS_P2, S_class_of(d, i - 2, sb, se)), p1);
    out[n++] = S_mix(S_mix(F_LOW_CLASS_P1, low), p1);
    out[n++] = S_mix(S_mix(F_LOW_CLASS_N1, low), n1);
    out[n++] = S_mix(F_SUBJECT, subject);
    out[n++] = S_mix(S_mix(F_LOW_SUBJECT, low), subject);
    out[n++] = S_mix(F_QUOTE, (t->flags & NR_TF_QUOTED) != 0);
    size_t kept = len > S_WORD_MAX ? S_WORD_MAX : len;
    uint64_t stem = nr_hash64(buf, S_stem(buf, kept), F_STEM);
    out[n++] = stem;
    out[n++] = S_mix(S_mix(F_STEM_CLASS_N1, stem), n1);
    out[n++] = S_mix(S_mix(F_THAT_AHEAD, stem), S_that_ahead(d, i, se));
    out[n++] = S_mix(S_mix(F_STEM_P1, stem), p1);
    return n;
}

/* Features of the content end: templates of their own, so one table holds both classifiers. */
enum {
    F_END_BIAS = 64,
    F_END_TOK,
    F_END_N1,
    F_END_BI,
    F_END_P1,
    F_END_CLASS_N1,
    F_END_DIST,
    F_END_TOK_DIST,
    F_END_TOK_COMMAS,
    F_END_TOK_ING,
    F_END_CUE,
    F_END_QUOTE
};

/* 0, 1, 2, 3-5, 6-10, 11-20, over 20 words. */
static uint64_t S_bucket(size_t n)
{
    return n < 3 ? n : n < 6 ? 3 : n < 11 ? 4 : n < 21 ? 5 : 6;
}

size_t nr_end_features(const nr_doc *d, size_t cue, size_t begin, size_t k, size_t commas,
                       uint64_t out[NR_ATTR_MAX_FEATURES])
{
    const nr_sent_info *si = &d->sents[d->toks[k].sentence];
    size_t sb = si->tok_begin, se = si->tok_end, n = 0;
    uint64_t tok = S_word_hash(d, k, sb, se, F_END_TOK);
    uint64_t n1 = S_word_hash(d, k + 1, sb, se, F_END_N1);
    bool ing = false;
    if (k + 1 < se && d->toks[k + 1].kind == NR_TOK_WORD) {
        size_t len = nr_tok_len(d, k + 1);
        ing = len > 4 && memcmp(nr_tok_text(d, k + 1) + len - 3, "ing", 3) == 0;
    }
    uint64_t dist = S_bucket(k - begin);
    out[n++] = F_END_BIAS;
    out[n++] = tok;
    out[n++] = n1;
    out[n++] = S_mix(S_mix(F_END_BI, tok), n1);
    out[n++] = S_word_hash(d, k - 1, sb, se, F_END_P1);
    out[n++] = S_mix(S_mix(F_END_CLASS_N1, tok), S_class_of(d, k + 1, sb, se));
    out[n++] = S_mix(F_END_DIST, dist);
    out[n++] = S_mix(S_mix(F_END_TOK_DIST, tok), dist);
    out[n++] = S_mix(S_mix(F_END_TOK_COMMAS, tok), commas < 3 ? commas : 3);
    out[n++] = S_mix(S_mix(F_END_TOK_ING, tok), ing);
    out[n++] = S_mix(S_word_hash(d, cue, sb, se, F_END_CUE), tok);
    out[n++] = S_mix(F_END_QUOTE, (d->toks[k].flags & NR_TF_QUOTED) != 0);
    return n;
}

static const nr_attr_model *S_model(const nr_doc *d)
{
    return d->ctx->attr_model ? d->ctx->attr_model : nr_attr_builtin();
}

size_t nr_content_end(const nr_doc *d, size_t cue, size_t begin, size_t last)
{
    const nr_attr_model *m = S_model(d);
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    size_t commas = 0;
    if (last > begin + NR_ATTR_END_REACH)
        last = begin + NR_ATTR_END_REACH;
    for (size_t k = begin + 1; k < last; k++) {
        commas += nr_tok_is(d, k - 1, ",");
        size_t n = nr_end_features(d, cue, begin, k, commas, feats);
        if (m->score(m->self, feats, n) > 0)
            return k;
    }
    return last;
}

bool nr_cue_at(const nr_doc *d, size_t i)
{
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    size_t n = nr_cue_features(d, i, feats);
    if (!n)
        return false;
    const nr_attr_model *m = S_model(d);
    return m->score(m->self, feats, n) > 0;
}

/* ---- the built-in model ---------------------------------------------------------------- */

typedef struct S_row {
    uint64_t key;
    int32_t w[1];
} S_row;

#include "statements_model.c"

static float S_builtin_score(const void *self, const uint64_t *feats, size_t n)
{
    (void)self;
    int32_t sum = 0;
    for (size_t f = 0; f < n; f++) {
        size_t b = (size_t)(feats[f] >> (64 - S_MODEL_BUCKET_BITS));
        for (uint32_t k = S_model_bucket[b]; k < S_model_bucket[b + 1]; k++) {
            if (S_model_rows[k].key == feats[f]) {
                sum += S_model_rows[k].w[0];
                break;
            }
        }
    }
    return (float)sum;
}

const nr_attr_model *nr_attr_builtin(void)
{
    static const nr_attr_model model = {S_builtin_score, NULL};
    return &model;
}
