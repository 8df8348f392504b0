/* tagger.c: features and greedy decoding of the averaged-perceptron name tagger (model in
 * data/models). */
#include "internal.h"

#include <string.h>

/* Longest name the gazetteer match tries, in tokens ("Brighton and Hove Albion"). */
#define S_GAZ_MAX_TOKENS 6
/* Longest shape kept: "Xx-Xx" tells enough; "XxXxXxXx..." is not more telling. */
#define S_SHAPE_MAX 12

/* Lexicon evidence about one token, one bit per list. */
enum {
    S_LEX_COUNTRY = 1 << 0,
    S_LEX_SUBDIVISION = 1 << 1,
    S_LEX_CITY = 1 << 2,
    S_LEX_PLACE = 1 << 3,
    S_LEX_MALE = 1 << 4,
    S_LEX_FEMALE = 1 << 5,
    S_LEX_FIRST = 1 << 6,
    S_LEX_COMMON = 1 << 7,
    S_LEX_PROPER = 1 << 8,
    S_LEX_TITLE = 1 << 9,
    S_LEX_ORG = 1 << 10,
    S_LEX_GROUP = 1 << 11,
    S_LEX_STOP = 1 << 12,
    S_LEX_BITS = 13,
    S_LEX_DONE = 1 << 15
};

/* Feature templates: each feature hashes its template number with its values. */
enum {
    F_BIAS = 1,
    F_LOW,
    F_RAW,
    F_LOW_P1,
    F_LOW_N1,
    F_LOW_P2,
    F_LOW_N2,
    F_BI_P,
    F_BI_N,
    F_SHAPE,
    F_SHAPE_P1,
    F_SHAPE_N1,
    F_SHAPE_PC,
    F_SHAPE_CN,
    F_PRE2,
    F_PRE3,
    F_SUF2,
    F_SUF3,
    F_SUF4,
    F_START,
    F_CAPS,
    F_CAPS_LOW,
    F_LEX,
    F_LEX_P1,
    F_LEX_N1,
    F_GAZ,
    F_SEEN_LOW,
    F_SEEN_CAP,
    F_PREV,
    F_PREV2,
    F_PREV_LOW,
    F_PREV_SHAPE,
    F_ALLCAPS_LEN,
    F_GAZ_P1,
    F_GAZ_N1,
    F_HIST
};

/* The name lists matched over runs of tokens; a token gets two bits per class: the match
 * begins at it, or continues through it. */
enum { S_GAZ_PLACE, S_GAZ_COMPANY, S_GAZ_ORG, S_GAZ_CLUB, S_GAZ_OTHER, S_GAZ_NOT, S_GAZ_CLASSES };
static const uint64_t S_gaz_lists[S_GAZ_CLASSES] = {
    NR_LEX_PLACES,
    NR_LEX_BIT(NR_LEX_COMPANIES),
    NR_LEX_BIT(NR_LEX_AGENCIES) | NR_LEX_BIT(NR_LEX_ORG_NAMES) | NR_LEX_BIT(NR_LEX_BROADCASTERS),
    NR_LEX_BIT(NR_LEX_CLUBS),
    NR_LEX_BIT(NR_LEX_OTHER_NAMES),
    NR_LEX_BIT(NR_LEX_NOT_NAMES),
};

/* What the article's earlier names made of a word: how often it was tagged as each type, and
 * how often, capitalized mid-sentence, it was left out of any name. */
enum { S_HIST_OUT = 4, S_HIST_KINDS = 5 };
typedef struct S_hist {
    uint64_t key; /* lower-case hash | 1; 0 marks an empty slot */
    uint16_t n[S_HIST_KINDS];
} S_hist;

struct nr_tag_doc {
    const nr_doc *d;
    uint64_t *low, *raw, *shape; /* per token hashes */
    uint16_t *lex;               /* per token lexicon bits, filled on first use */
    uint16_t *gaz;               /* per token: S_GAZ bits, two per class */
    uint8_t *caps;               /* per sentence: written mostly in capitals */
    uint64_t *seen_low, *seen_cap;
    S_hist *hist;
    size_t low_mask; /* seen_low's slots - 1 */
    size_t cap_mask; /* seen_cap's and hist's slots - 1 */
};

static uint64_t S_mix(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL + (a << 6) + (a >> 2));
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h;
}

static uint64_t S_feat(unsigned tmpl, uint64_t v)
{
    return S_mix(tmpl, v);
}

static uint64_t S_hash_bytes(const char *s, size_t n, bool lower)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (lower && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

static uint64_t S_shape_hash(const char *t, size_t b, size_t e)
{
    char out[S_SHAPE_MAX];
    size_t n = 0, i = b;
    while (i < e && n < S_SHAPE_MAX) {
        uint32_t c = nr_utf8_next(t, e, &i);
        char k = nr_is_upper(c)   ? 'X'
                 : nr_is_lower(c) ? 'x'
                 : nr_is_digit(c) ? 'd'
                 : c < 0x80       ? (char)c
                                  : '?';
        if (n == 0 || out[n - 1] != k)
            out[n++] = k;
    }
    return S_hash_bytes(out, n, false);
}

/* ---- per-article sets ------------------------------------------------------------------ */

static void S_set_add(uint64_t *set, size_t mask, uint64_t h)
{
    h |= 1; /* 0 marks an empty slot */
    size_t i = (size_t)(h >> 7) & mask;
    while (set[i] && set[i] != h)
        i = (i + 1) & mask;
    set[i] = h;
}

static bool S_set_has(const uint64_t *set, size_t mask, uint64_t h)
{
    h |= 1;
    size_t i = (size_t)(h >> 7) & mask;
    while (set[i]) {
        if (set[i] == h)
            return true;
        i = (i + 1) & mask;
    }
    return false;
}

static bool S_mostly_capitals(const nr_doc *d, const nr_sent_info *s)
{
    size_t words = 0, caps = 0;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        if (d->toks[k].kind != NR_TOK_WORD)
            continue;
        words++;
        caps += (d->toks[k].flags & NR_TF_ALLCAPS) != 0;
    }
    return words >= 2 && caps * 2 > words;
}

/* Names are runs of capitalized words and numbers ("BBC Radio 4"), with small words and
 * possessives inside ("Bank of England", "Valentine's Day"), never at the end. */
static bool S_name_word(const nr_doc *d, size_t i)
{
    const nr_token *k = &d->toks[i];
    return (k->flags & NR_TF_CAP) || (k->kind == NR_TOK_NUMBER && k->e - k->b <= 4);
}

static bool S_name_joiner(const nr_doc *d, size_t i)
{
    static const char *const small[] = {"of", "the", "and", "de", "&", "'s", "for", "on", "la"};
    return NR_TOK_AMONG(d, i, small);
}

/* For each name list, the longest name in it that starts at token k, in tokens (0: none). */
static void S_names_at(const nr_doc *d, size_t k, size_t end, size_t best[S_GAZ_CLASSES])
{
    /* Only a token that begins some listed name of several tokens is looked up beyond itself. */
    size_t most = (d->toks[k].lists & NR_LEX_BIT(NR_LEX_NAME_STARTS)) ? S_GAZ_MAX_TOKENS : 1;
    for (size_t n = 1; n <= most && k + n <= end; n++) {
        size_t last = k + n - 1;
        if (!S_name_word(d, last)) {
            if (n > 1 && S_name_joiner(d, last))
                continue;
            break;
        }
        uint64_t lists = n == 1 ? d->toks[k].lists
                                : nr_lex_lists(nr_tok_text(d, k), d->toks[last].e - d->toks[k].b);
        for (int c = 0; c < S_GAZ_CLASSES; c++) {
            if (lists & S_gaz_lists[c])
                best[c] = n;
        }
    }
}

/* Marks every list's longest matches, left to right; matches of different lists may overlap
 * ("Manchester" the city inside "Manchester United" the club). */
static void S_mark_names(nr_tag_doc *td, const nr_sent_info *s)
{
    const nr_doc *d = td->d;
    size_t covered[S_GAZ_CLASSES] = {0};
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        if (!(d->toks[k].flags & NR_TF_CAP))
            continue;
        size_t best[S_GAZ_CLASSES] = {0};
        S_names_at(d, k, s->tok_end, best);
        for (int c = 0; c < S_GAZ_CLASSES; c++) {
            if (best[c] == 0 || k < covered[c])
                continue;
            td->gaz[k] |= (uint16_t)(1u << (2 * c));
            for (size_t j = k + 1; j < k + best[c]; j++)
                td->gaz[j] |= (uint16_t)(2u << (2 * c));
            covered[c] = k + best[c];
        }
    }
}

/* ---- the article's earlier names ----------------------------------------------------- */

static S_hist *S_hist_slot(const nr_tag_doc *td, uint64_t low)
{
    uint64_t h = low | 1;
    size_t i = (size_t)(h >> 7) & td->cap_mask;
    while (td->hist[i].key && td->hist[i].key != h)
        i = (i + 1) & td->cap_mask;
    return &td->hist[i];
}

void nr_tag_forget(nr_tag_doc *td)
{
    memset(td->hist, 0, (td->cap_mask + 1) * sizeof *td->hist);
}

void nr_tag_remember(nr_tag_doc *td, size_t s, const nr_tag *tags)
{
    const nr_doc *d = td->d;
    const nr_sent_info *si = &d->sents[s];
    for (size_t i = si->tok_begin; i < si->tok_end; i++) {
        const nr_token *k = &d->toks[i];
        nr_tag t = tags[i - si->tok_begin];
        if (k->kind != NR_TOK_WORD || !(k->flags & NR_TF_CAP) ||
            (t == NR_TAG_O && (td->caps[s] || (k->flags & NR_TF_SENT_START))))
            continue;
        S_hist *h = S_hist_slot(td, td->low[i]);
        int kind = t == NR_TAG_O ? S_HIST_OUT : ((int)t - 1) / 2;
        h->key = td->low[i] | 1;
        if (h->n[kind] < UINT16_MAX)
            h->n[kind]++;
    }
}

/* The kind the article has most often given the word so far, and whether it always has. */
static uint64_t S_hist_feature(const nr_tag_doc *td, size_t i)
{
    const S_hist *h = S_hist_slot(td, td->low[i]);
    if (!h->key)
        return 0;
    int best = 0;
    unsigned total = 0;
    for (int k = 0; k < S_HIST_KINDS; k++) {
        total += h->n[k];
        if (h->n[k] > h->n[best])
            best = k;
    }
    return 1 + (uint64_t)best * 2 + (h->n[best] == total);
}

/* Slots for a set of at most n items: a power of two, at least twice n, so probes stay short. */
static size_t S_slots(size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n)
        cap <<= 1;
    return cap;
}

/* A token's hashes as written and in lower case, in one pass over its bytes. */
static void S_hash_token(const char *s, size_t n, uint64_t *raw, uint64_t *low)
{
    uint64_t r = 0xcbf29ce484222325ULL, l = r;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        r = (r ^ c) * 0x100000001b3ULL;
        l = (l ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 0x100000001b3ULL;
    }
    *raw = r;
    *low = l;
}

nr_tag_doc *nr_tag_prepare(const nr_doc *d)
{
    nr_tag_doc *td = nr_alloc(d->arena, sizeof *td);
    size_t n = d->n_toks + 1;
    /* The sets are sized by the words each can hold rather than by all tokens, since zeroing
     * them was a measurable part of the time spent on short articles. */
    size_t low_cap = S_slots(d->n_lower_words + 1), cap = S_slots(d->n_other_words + 1);
    if (!td)
        return NULL;
    td->d = d;
    td->low = nr_alloc(d->arena, n * sizeof(uint64_t));
    td->raw = nr_alloc(d->arena, n * sizeof(uint64_t));
    td->shape = nr_alloc(d->arena, n * sizeof(uint64_t));
    td->lex = nr_alloc(d->arena, n * sizeof(uint16_t));
    td->gaz = nr_alloc(d->arena, n * sizeof(uint16_t));
    td->caps = nr_alloc(d->arena, d->art->n_sentences + 1);
    td->seen_low = nr_alloc(d->arena, low_cap * sizeof(uint64_t));
    td->seen_cap = nr_alloc(d->arena, cap * sizeof(uint64_t));
    td->hist = nr_alloc(d->arena, cap * sizeof(S_hist));
    td->low_mask = low_cap - 1;
    td->cap_mask = cap - 1;
    if (!td->hist || nr_arena_failed(d->arena))
        return NULL;
    const char *t = d->art->text;
    for (size_t s = 0; s < d->art->n_sentences; s++) {
        const nr_sent_info *si = &d->sents[s];
        td->caps[s] = S_mostly_capitals(d, si);
        for (size_t i = si->tok_begin; i < si->tok_end; i++) {
            const nr_token *k = &d->toks[i];
            S_hash_token(t + k->b, k->e - k->b, &td->raw[i], &td->low[i]);
            td->shape[i] = S_shape_hash(t, k->b, k->e);
            if (k->kind != NR_TOK_WORD)
                continue;
            if (!(k->flags & NR_TF_CAP) && nr_is_lower((unsigned char)t[k->b]))
                S_set_add(td->seen_low, td->low_mask, td->low[i]);
            else if (!td->caps[s] && !(k->flags & (NR_TF_SENT_START | NR_TF_ALLCAPS)))
                S_set_add(td->seen_cap, td->cap_mask, td->low[i]);
        }
        S_mark_names(td, si);
    }
    return td;
}

/* Which lists hold token i, looked up once per token. */
static unsigned S_lex(nr_tag_doc *td, size_t i)
{
    if (td->lex[i] & S_LEX_DONE)
        return td->lex[i] & ~(unsigned)S_LEX_DONE;
    const nr_doc *d = td->d;
    static const struct {
        nr_lexicon_id lex;
        unsigned bit;
    } bits[] = {
        {NR_LEX_COUNTRIES, S_LEX_COUNTRY},   {NR_LEX_SUBDIVISIONS, S_LEX_SUBDIVISION},
        {NR_LEX_CITIES, S_LEX_CITY},         {NR_LEX_LOCATIONS, S_LEX_PLACE},
        {NR_LEX_MALE_NAMES, S_LEX_MALE},     {NR_LEX_FEMALE_NAMES, S_LEX_FEMALE},
        {NR_LEX_FIRST_NAMES, S_LEX_FIRST},   {NR_LEX_COMMON_WORDS, S_LEX_COMMON},
        {NR_LEX_PROPER_NOUNS, S_LEX_PROPER}, {NR_LEX_TITLES, S_LEX_TITLE},
        {NR_LEX_ORG_WORDS, S_LEX_ORG},       {NR_LEX_GROUPS, S_LEX_GROUP},
        {NR_LEX_STOPWORDS, S_LEX_STOP},
    };
    unsigned out = 0;
    if (d->toks[i].kind == NR_TOK_WORD) {
        uint64_t lists = d->toks[i].lists;
        for (size_t k = 0; k < sizeof bits / sizeof *bits; k++) {
            if (lists >> bits[k].lex & 1)
                out |= bits[k].bit;
        }
    }
    td->lex[i] = (uint16_t)(out | S_LEX_DONE);
    return out;
}

bool nr_tag_allowed(nr_tag prev, nr_tag tag)
{
    if (tag == NR_TAG_O || (tag & 1))
        return true;
    return prev != NR_TAG_O && (prev - 1) / 2 == (tag - 1) / 2;
}

bool nr_tag_candidate(const nr_tag_doc *td, size_t i, nr_tag prev)
{
    const nr_token *k = &td->d->toks[i];
    return prev != NR_TAG_O || (k->kind == NR_TOK_WORD && (k->flags & NR_TF_CAP));
}

/* Stand-ins for the words before the first and after the last token of a sentence. */
#define S_BEFORE 0x5bd1e995ULL
#define S_AFTER 0x1b873593ULL

size_t nr_tag_features(nr_tag_doc *td, size_t s, size_t i, nr_tag prev, nr_tag prev2,
                       uint64_t out[NR_TAG_MAX_FEATURES])
{
    const nr_doc *d = td->d;
    const nr_sent_info *si = &d->sents[s];
    const nr_token *k = &d->toks[i];
    size_t n = 0;
    bool has_p1 = i > si->tok_begin, has_n1 = i + 1 < si->tok_end;
    uint64_t low = td->low[i], shape = td->shape[i], caps = td->caps[s];
    uint64_t lp1 = has_p1 ? td->low[i - 1] : S_BEFORE, ln1 = has_n1 ? td->low[i + 1] : S_AFTER;
    uint64_t sp1 = has_p1 ? td->shape[i - 1] : S_BEFORE, sn1 = has_n1 ? td->shape[i + 1] : S_AFTER;
    out[n++] = S_feat(F_BIAS, 0);
    out[n++] = S_feat(F_LOW, low);
    out[n++] = S_feat(F_RAW, td->raw[i]);
    out[n++] = S_feat(F_LOW_P1, lp1);
    out[n++] = S_feat(F_LOW_N1, ln1);
    out[n++] = S_feat(F_LOW_P2, i >= si->tok_begin + 2 ? td->low[i - 2] : S_BEFORE);
    out[n++] = S_feat(F_LOW_N2, i + 2 < si->tok_end ? td->low[i + 2] : S_AFTER);
    out[n++] = S_feat(F_BI_P, S_mix(lp1, low));
    out[n++] = S_feat(F_BI_N, S_mix(low, ln1));
    out[n++] = S_feat(F_SHAPE, shape);
    out[n++] = S_feat(F_SHAPE_P1, sp1);
    out[n++] = S_feat(F_SHAPE_N1, sn1);
    out[n++] = S_feat(F_SHAPE_PC, S_mix(sp1, shape));
    out[n++] = S_feat(F_SHAPE_CN, S_mix(shape, sn1));
    const char *t = nr_tok_text(d, i);
    size_t len = nr_tok_len(d, i);
    if (len >= 3) {
        out[n++] = S_feat(F_PRE2, S_hash_bytes(t, 2, true));
        out[n++] = S_feat(F_PRE3, S_hash_bytes(t, 3, true));
        out[n++] = S_feat(F_SUF2, S_hash_bytes(t + len - 2, 2, true));
        out[n++] = S_feat(F_SUF3, S_hash_bytes(t + len - 3, 3, true));
    }
    if (len >= 5)
        out[n++] = S_feat(F_SUF4, S_hash_bytes(t + len - 4, 4, true));
    out[n++] = S_feat(F_START, S_mix((k->flags & NR_TF_SENT_START) != 0, shape));
    out[n++] = S_feat(F_CAPS, S_mix(caps, shape));
    if (caps)
        out[n++] = S_feat(F_CAPS_LOW, low);
    if (k->flags & NR_TF_ALLCAPS)
        out[n++] = S_feat(F_ALLCAPS_LEN, S_mix(caps, len < 5 ? len : 5));
    /* A given name alone is seldom a person ("Denver"), one before a capitalized word often is. */
    unsigned lex = S_lex(td, i);
    bool cap_next = has_n1 && (d->toks[i + 1].flags & NR_TF_CAP);
    for (unsigned b = 0; b < S_LEX_BITS; b++) {
        if (lex & (1u << b))
            out[n++] = S_feat(F_LEX, S_mix(b, caps | (uint64_t)cap_next << 1));
    }
    unsigned lex_p1 = has_p1 ? S_lex(td, i - 1) : 0, lex_n1 = has_n1 ? S_lex(td, i + 1) : 0;
    if (lex_p1 & S_LEX_TITLE)
        out[n++] = S_feat(F_LEX_P1, S_LEX_TITLE);
    if (lex_p1 & (S_LEX_MALE | S_LEX_FEMALE | S_LEX_FIRST))
        out[n++] = S_feat(F_LEX_P1, S_LEX_FIRST);
    if (lex_n1 & S_LEX_ORG)
        out[n++] = S_feat(F_LEX_N1, S_LEX_ORG);
    unsigned gaz = td->gaz[i];
    if (!gaz)
        out[n++] = S_feat(F_GAZ, S_mix(0, caps));
    for (unsigned b = 0; gaz && b < 2 * S_GAZ_CLASSES; b++) {
        if (!(gaz >> b & 1))
            continue;
        out[n++] = S_feat(F_GAZ, S_mix(b + 1, caps));
        out[n++] = S_feat(F_GAZ_P1, S_mix(b + 1, lp1));
        out[n++] = S_feat(F_GAZ_N1, S_mix(b + 1, ln1));
    }
    if (k->flags & NR_TF_CAP)
        out[n++] = S_feat(F_HIST, S_mix(S_hist_feature(td, i), caps));
    out[n++] = S_feat(F_SEEN_LOW, S_mix(S_set_has(td->seen_low, td->low_mask, low), shape));
    out[n++] = S_feat(F_SEEN_CAP, S_mix(S_set_has(td->seen_cap, td->cap_mask, low), caps));
    out[n++] = S_feat(F_PREV, prev);
    out[n++] = S_feat(F_PREV2, S_mix(prev, prev2));
    out[n++] = S_feat(F_PREV_LOW, S_mix(prev, low));
    out[n++] = S_feat(F_PREV_SHAPE, S_mix(prev, shape));
    return n;
}

void nr_tag_sentence(nr_tag_doc *td, size_t s, const nr_tag_model *m, nr_tag *tags)
{
    const nr_sent_info *si = &td->d->sents[s];
    nr_tag prev = NR_TAG_O, prev2 = NR_TAG_O;
    uint64_t feats[NR_TAG_MAX_FEATURES];
    for (size_t i = si->tok_begin; i < si->tok_end; i++) {
        nr_tag best = NR_TAG_O;
        if (nr_tag_candidate(td, i, prev)) {
            float scores[NR_TAG_COUNT] = {0};
            m->score(m->self, feats, nr_tag_features(td, s, i, prev, prev2, feats), scores);
            for (int c = 1; c < NR_TAG_COUNT; c++) {
                if (nr_tag_allowed(prev, (nr_tag)c) && scores[c] > scores[best])
                    best = (nr_tag)c;
            }
        }
        tags[i - si->tok_begin] = best;
        prev2 = prev;
        prev = best;
    }
    nr_tag_remember(td, s, tags);
}

/* ---- the built-in model ---------------------------------------------------------------- */

typedef struct S_row {
    uint64_t key;
    int16_t w[NR_TAG_COUNT];
} S_row;

#include "tagger_model.c"

static void S_builtin_score(const void *self, const uint64_t *feats, size_t n,
                            float scores[NR_TAG_COUNT])
{
    (void)self;
    /* Every feature's bucket first, with its rows prefetched, then the sums: the row loads of
     * all features overlap instead of waiting for each other (the model is larger than L2). */
    uint32_t first[NR_TAG_MAX_FEATURES], last[NR_TAG_MAX_FEATURES];
    for (size_t f = 0; f < n; f++) {
        size_t b = (size_t)(feats[f] >> (64 - S_MODEL_BUCKET_BITS));
        first[f] = S_model_bucket[b];
        last[f] = S_model_bucket[b + 1];
        __builtin_prefetch(&S_model_rows[first[f]]);
    }
    int32_t sum[NR_TAG_COUNT] = {0};
    for (size_t f = 0; f < n; f++) {
        for (uint32_t k = first[f]; k < last[f]; k++) {
            const S_row *r = &S_model_rows[k];
            if (r->key != feats[f])
                continue;
            for (int c = 0; c < NR_TAG_COUNT; c++)
                sum[c] += r->w[c];
            break;
        }
    }
    for (int c = 0; c < NR_TAG_COUNT; c++)
        scores[c] = (float)sum[c];
}

const nr_tag_model *nr_tag_builtin(void)
{
    static const nr_tag_model model = {S_builtin_score, NULL};
    return &model;
}
