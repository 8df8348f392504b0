/* train-tagger.c: trains the name tagger's averaged perceptron on CoNLL-style JSON Lines,
 * deterministically. */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weights are written as integers: this many units per perceptron update. */
#define S_SCALE 100.0
/* Rows whose weights all lie within this many hundredths of zero are left out. The mean of
 * several runs keeps many features that only one run weighed, at a fraction of their weight:
 * leaving out those within 0.30 halves the table (and the cache misses of looking it up) and
 * moved the development F1 by 0.02. */
#define S_MIN_WEIGHT 30

typedef struct S_doc {
    nr_article *art;
    nr_doc d;
    nr_tag_doc *td;
    nr_tag *gold;
} S_doc;

/* Documents are allocated one by one: the tagger keeps a pointer to each nr_doc. */
typedef struct S_docs {
    S_doc **items;
    size_t n, cap;
    size_t entities, misaligned;
} S_docs;

/* Feature -> per-tag weight, running sum and the step of its last change (lazy averaging). A
 * table that only sums finished runs (merged) keeps no running sums. */
typedef struct S_weights {
    uint64_t *keys;
    float (*w)[NR_TAG_COUNT];
    double (*sum)[NR_TAG_COUNT];
    long (*at)[NR_TAG_COUNT];
    size_t cap, n;
    long step;
    bool merged;
} S_weights;

static void *S_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "train-tagger: out of memory\n");
        exit(1);
    }
    return p;
}

static size_t S_slot(const S_weights *W, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & (W->cap - 1);
    while (W->keys[i] && W->keys[i] != key)
        i = (i + 1) & (W->cap - 1);
    return i;
}

static void S_grow(S_weights *W)
{
    S_weights old = *W;
    W->cap = old.cap ? old.cap * 2 : 1 << 16;
    W->keys = S_xcalloc(W->cap, sizeof *W->keys);
    W->w = S_xcalloc(W->cap, sizeof *W->w);
    if (!W->merged) {
        W->sum = S_xcalloc(W->cap, sizeof *W->sum);
        W->at = S_xcalloc(W->cap, sizeof *W->at);
    }
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.keys[i])
            continue;
        size_t j = S_slot(W, old.keys[i]);
        W->keys[j] = old.keys[i];
        memcpy(W->w[j], old.w[i], sizeof *W->w);
        if (!W->merged) {
            memcpy(W->sum[j], old.sum[i], sizeof *W->sum);
            memcpy(W->at[j], old.at[i], sizeof *W->at);
        }
    }
    free(old.keys);
    free(old.w);
    free(old.sum);
    free(old.at);
}

/* Keys are hashes; 0 would read as an empty slot, so it is remapped. */
static uint64_t S_key(uint64_t f)
{
    return f ? f : 1;
}

static size_t S_entry(S_weights *W, uint64_t f)
{
    if (2 * (W->n + 1) > W->cap)
        S_grow(W);
    size_t i = S_slot(W, S_key(f));
    if (!W->keys[i]) {
        W->keys[i] = S_key(f);
        W->n++;
    }
    return i;
}

static void S_score(const void *self, const uint64_t *feats, size_t n, float scores[NR_TAG_COUNT])
{
    const S_weights *W = self;
    for (size_t f = 0; f < n; f++) {
        if (!W->cap)
            return;
        size_t i = S_slot(W, S_key(feats[f]));
        if (!W->keys[i])
            continue;
        for (int c = 0; c < NR_TAG_COUNT; c++)
            scores[c] += W->w[i][c];
    }
}

static void S_update(S_weights *W, const uint64_t *feats, size_t n, nr_tag tag, float delta)
{
    for (size_t f = 0; f < n; f++) {
        size_t i = S_entry(W, feats[f]);
        W->sum[i][tag] += (double)W->w[i][tag] * (double)(W->step - W->at[i][tag]);
        W->at[i][tag] = W->step;
        W->w[i][tag] += delta;
    }
}

/* ---- gold data ------------------------------------------------------------------------- */

static nr_tag S_type_tag(const char *type)
{
    static const char *const names[] = {"PER", "ORG", "LOC", "MISC"};
    for (int k = 0; k < 4; k++) {
        if (strcmp(type, names[k]) == 0)
            return (nr_tag)(1 + 2 * k);
    }
    return NR_TAG_O;
}

/* Gold entities are code-point spans; the tokens are bytes. */
static size_t *S_cp_to_byte(const char *t, size_t len)
{
    size_t *map = S_xcalloc(len + 2, sizeof *map);
    size_t cp = 0, i = 0;
    while (i < len) {
        map[cp++] = i;
        nr_utf8_next(t, len, &i);
    }
    map[cp] = len;
    return map;
}

static void S_label(S_docs *docs, S_doc *doc, json_t *entities)
{
    const nr_doc *d = &doc->d;
    size_t *map = S_cp_to_byte(doc->art->text, doc->art->text_bytes);
    size_t i;
    json_t *e;
    json_array_foreach(entities, i, e)
    {
        nr_tag b = S_type_tag(json_string_value(json_object_get(e, "type")));
        size_t sb = map[json_integer_value(json_object_get(e, "start"))];
        size_t se = map[json_integer_value(json_object_get(e, "end"))];
        size_t k = nr_tok_at(d, sb);
        if (b == NR_TAG_O || k >= d->n_toks)
            continue;
        docs->entities++;
        bool aligned = d->toks[k].b == sb;
        for (bool first = true; k < d->n_toks && d->toks[k].b < se; k++, first = false) {
            doc->gold[k] = first ? b : (nr_tag)(b + 1);
            aligned = aligned && d->toks[k].e <= se;
            if (d->toks[k].e == se)
                break;
        }
        docs->misaligned += !aligned || k >= d->n_toks || d->toks[k].e != se;
    }
    free(map);
}

static void S_load(const char *path, S_docs *docs, const nr_ctx *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_error_t jerr;
        json_t *rec = json_loadb(line, (size_t)len, 0, &jerr);
        const char *text = json_string_value(json_object_get(rec, "text"));
        json_t *ents = json_object_get(rec, "entities");
        if (!text || !json_is_array(ents)) {
            fprintf(stderr, "%s:%zu: not a gold record with text and entities\n", path, lineno);
            exit(1);
        }
        if (docs->n == docs->cap) {
            docs->cap = docs->cap ? 2 * docs->cap : 256;
            docs->items = realloc(docs->items, docs->cap * sizeof *docs->items);
            if (!docs->items)
                exit(1);
        }
        S_doc *doc = S_xcalloc(1, sizeof *doc);
        docs->items[docs->n++] = doc;
        nr_arena *arena = nr_arena_new();
        doc->art = arena ? nr_alloc(arena, sizeof *doc->art) : NULL;
        if (!doc->art)
            exit(1);
        doc->art->arena = arena;
        doc->d = (nr_doc){.ctx = ctx, .arena = arena, .art = doc->art};
        nr_input in = {.data = text,
                       .len = json_string_length(json_object_get(rec, "text")),
                       .source = path,
                       .is_json_text = 1};
        nr_error err;
        if (nr_prepare(&doc->d, &in, &err) != NR_OK || !(doc->td = nr_tag_prepare(&doc->d))) {
            fprintf(stderr, "%s:%zu: %s\n", path, lineno, err.message);
            exit(1);
        }
        doc->gold = S_xcalloc(doc->d.n_toks + 1, sizeof *doc->gold);
        S_label(docs, doc, ents);
        json_decref(rec);
    }
    free(line);
    fclose(f);
}

/* ---- training -------------------------------------------------------------------------- */

static nr_tag S_target(nr_tag prev, nr_tag gold)
{
    return nr_tag_allowed(prev, gold) ? gold : (nr_tag)(gold - 1);
}

static void S_train_sentence(S_weights *W, S_doc *doc, size_t s)
{
    const nr_sent_info *si = &doc->d.sents[s];
    nr_tag_model m = {S_score, W};
    nr_tag prev = NR_TAG_O, prev2 = NR_TAG_O;
    uint64_t feats[NR_TAG_MAX_FEATURES];
    nr_tag *tags = S_xcalloc(si->tok_end - si->tok_begin + 1, sizeof *tags);
    for (size_t i = si->tok_begin; i < si->tok_end; i++) {
        nr_tag pred = NR_TAG_O;
        W->step++;
        if (nr_tag_candidate(doc->td, i, prev)) {
            size_t n = nr_tag_features(doc->td, s, i, prev, prev2, feats);
            float scores[NR_TAG_COUNT] = {0};
            m.score(m.self, feats, n, scores);
            for (int c = 1; c < NR_TAG_COUNT; c++) {
                if (nr_tag_allowed(prev, (nr_tag)c) && scores[c] > scores[pred])
                    pred = (nr_tag)c;
            }
            nr_tag want = S_target(prev, doc->gold[i]);
            if (pred != want) {
                S_update(W, feats, n, want, 1.0f);
                S_update(W, feats, n, pred, -1.0f);
            }
        }
        tags[i - si->tok_begin] = pred;
        prev2 = prev;
        prev = pred;
    }
    nr_tag_remember(doc->td, s, tags);
    free(tags);
}

static uint64_t S_rand(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static void S_average(S_weights *W)
{
    for (size_t i = 0; i < W->cap; i++) {
        if (!W->keys[i])
            continue;
        for (int c = 0; c < NR_TAG_COUNT; c++) {
            double total = W->sum[i][c] + (double)W->w[i][c] * (double)(W->step - W->at[i][c]);
            W->w[i][c] = (float)(total / (double)W->step);
        }
    }
}

static void S_train(S_weights *W, S_docs *docs, int epochs, uint64_t seed)
{
    size_t *order = S_xcalloc(docs->n, sizeof *order);
    for (size_t i = 0; i < docs->n; i++)
        order[i] = i;
    uint64_t rng = seed;
    for (int e = 0; e < epochs; e++) {
        for (size_t i = docs->n; i > 1; i--) {
            size_t j = (size_t)(S_rand(&rng) % i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < docs->n; k++) {
            S_doc *doc = docs->items[order[k]];
            nr_tag_forget(doc->td);
            for (size_t s = 0; s < doc->art->n_sentences; s++)
                S_train_sentence(W, doc, s);
        }
        fprintf(stderr, "train-tagger: epoch %d done, %zu features\n", e + 1, W->n);
    }
    S_average(W);
    free(order);
}

/* ---- evaluation on tokens -------------------------------------------------------------- */

typedef struct S_counts {
    long tp[4], fp[4], gold[4];
} S_counts;

/* Spans of a tag sequence: [b, e) with type, one per call; returns false at the end. */
static bool S_next_span(const nr_tag *tags, size_t n, size_t *i, size_t *b, size_t *e, int *type)
{
    while (*i < n && tags[*i] == NR_TAG_O)
        (*i)++;
    if (*i >= n)
        return false;
    *b = *i;
    *type = ((int)tags[*i] - 1) / 2;
    (*i)++;
    while (*i < n && tags[*i] != NR_TAG_O && !(tags[*i] & 1) && ((int)tags[*i] - 1) / 2 == *type)
        (*i)++;
    *e = *i;
    return true;
}

static void S_compare(const nr_tag *gold, const nr_tag *pred, size_t n, S_counts *c)
{
    size_t i = 0, b, e;
    int type;
    while (S_next_span(pred, n, &i, &b, &e, &type)) {
        size_t j = b, gb, ge;
        int gt;
        /* Gold names always begin with a B tag, so a gold span found from b starts at b. */
        bool hit =
            (gold[b] & 1) && S_next_span(gold, n, &j, &gb, &ge, &gt) && ge == e && gt == type;
        if (hit)
            c->tp[type]++;
        else
            c->fp[type]++;
    }
    i = 0;
    while (S_next_span(gold, n, &i, &b, &e, &type))
        c->gold[type]++;
}

static void S_evaluate(S_weights *W, S_docs *docs)
{
    nr_tag_model m = {S_score, W};
    S_counts c = {0};
    for (size_t k = 0; k < docs->n; k++) {
        S_doc *doc = docs->items[k];
        nr_tag *pred = S_xcalloc(doc->d.n_toks + 1, sizeof *pred);
        nr_tag_forget(doc->td);
        for (size_t s = 0; s < doc->art->n_sentences; s++)
            nr_tag_sentence(doc->td, s, &m, pred + doc->d.sents[s].tok_begin);
        S_compare(doc->gold, pred, doc->d.n_toks, &c);
        free(pred);
    }
    static const char *const names[] = {"PER", "ORG", "LOC", "MISC"};
    long tp = 0, fp = 0, gold = 0;
    for (int t = 0; t < 4; t++) {
        double p = c.tp[t] ? (double)c.tp[t] / (double)(c.tp[t] + c.fp[t]) : 0;
        double r = c.tp[t] ? (double)c.tp[t] / (double)c.gold[t] : 0;
        fprintf(stderr, "  %-4s P %.4f R %.4f F1 %.4f\n", names[t], p, r,
                p + r > 0 ? 2 * p * r / (p + r) : 0);
        if (t < 3)
            tp += c.tp[t], fp += c.fp[t], gold += c.gold[t];
    }
    double p = (double)tp / (double)(tp + fp), r = (double)tp / (double)gold;
    fprintf(stderr, "  PER+ORG+LOC token-span F1 %.4f\n", 2 * p * r / (p + r));
}

/* ---- output ---------------------------------------------------------------------------- */

/* Adds run's averaged weights, divided by runs, into total. */
static void S_add_run(S_weights *total, const S_weights *run, int runs)
{
    for (size_t i = 0; i < run->cap; i++) {
        if (!run->keys[i])
            continue;
        size_t j = S_entry(total, run->keys[i]);
        for (int c = 0; c < NR_TAG_COUNT; c++)
            total->w[j][c] += run->w[i][c] / (float)runs;
    }
}

static void S_free_weights(S_weights *W)
{
    free(W->keys);
    free(W->w);
    free(W->sum);
    free(W->at);
}

/* The mean of runs models trained on the same documents in different orders: one perceptron's
 * weights swing with the order it saw the documents in, so a new word in a name list moved
 * names far from it; the mean of several orders keeps what they agree on. */
static void S_train_runs(S_weights *W, S_docs *docs, int epochs, int runs)
{
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    for (int r = 0; r < runs; r++) {
        S_weights run = {0};
        S_train(&run, docs, epochs, seed);
        S_add_run(W, &run, runs);
        S_free_weights(&run);
        seed = seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
        fprintf(stderr, "train-tagger: run %d of %d done\n", r + 1, runs);
    }
}

static int S_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void S_write(const S_weights *W, const char *path, const char *train, int epochs, int runs)
{
    uint64_t *keys = S_xcalloc(W->n, sizeof *keys);
    size_t n = 0;
    for (size_t i = 0; i < W->cap; i++) {
        if (W->keys[i])
            keys[n++] = W->keys[i];
    }
    qsort(keys, n, sizeof *keys, S_cmp_u64);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(
        f,
        "# tagger.tsv: name tagger weights, written by tools/train-tagger.c from %s, %d epochs, "
        "mean of %d runs.\n",
        train, epochs, runs);
    fprintf(f,
            "# feature hash, then one integer weight per tag: O B-PER I-PER B-ORG I-ORG B-LOC "
            "I-LOC B-MISC I-MISC (x%g); rows within +-%d dropped.\n",
            S_SCALE, S_MIN_WEIGHT);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = S_slot(W, keys[k]);
        long q[NR_TAG_COUNT];
        bool any = false;
        for (int c = 0; c < NR_TAG_COUNT; c++) {
            q[c] = lround(W->w[i][c] * S_SCALE);
            any = any || labs(q[c]) > S_MIN_WEIGHT;
        }
        if (!any)
            continue;
        kept++;
        fprintf(f, "%016llx", (unsigned long long)keys[k]);
        for (int c = 0; c < NR_TAG_COUNT; c++)
            fprintf(f, "\t%ld", q[c]);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    fprintf(stderr, "train-tagger: wrote %zu of %zu features to %s\n", kept, n, path);
    free(keys);
}

int main(int argc, char **argv)
{
    int epochs = 10, runs = 1;
    const char *dev = NULL;
    int a = 1;
    for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
        if (strcmp(argv[a], "--epochs") == 0)
            epochs = atoi(argv[a + 1]);
        else if (strcmp(argv[a], "--runs") == 0)
            runs = atoi(argv[a + 1]);
        else if (strcmp(argv[a], "--dev") == 0)
            dev = argv[a + 1];
        else
            break;
    }
    if (argc - a != 2 || epochs < 1 || runs < 1) {
        fprintf(stderr, "usage: train-tagger [--epochs N] [--runs N] [--dev DEV.jsonl] TRAIN.jsonl "
                        "OUT.tsv\n");
        return 2;
    }
    nr_ctx *ctx = nr_ctx_new(NULL);
    if (!ctx)
        return 1;
    S_docs train = {0}, devdocs = {0};
    S_load(argv[a], &train, ctx);
    fprintf(stderr, "train-tagger: %zu documents, %zu entities, %zu not on token boundaries\n",
            train.n, train.entities, train.misaligned);
    S_weights W = {.merged = true};
    S_train_runs(&W, &train, epochs, runs);
    if (dev) {
        S_load(dev, &devdocs, ctx);
        fprintf(stderr,
                "train-tagger: dev %zu documents, %zu entities, %zu not on token boundaries\n",
                devdocs.n, devdocs.entities, devdocs.misaligned);
        S_evaluate(&W, &devdocs);
    }
    S_write(&W, argv[a + 1], argv[a], epochs, runs);
    return 0;
}
