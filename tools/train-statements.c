/* train-statements.c: trains the attribution model (src/attribution.c: cues and content ends) on PolNeAR-style JSON Lines, deterministically, and cross-validates it. */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weights are written as integers: this many units per perceptron update. */
#define S_SCALE 100.0
/* Rows whose weight lies within this many hundredths of zero are left out (see
 * data/models/README.md). */
#define S_MIN_WEIGHT 5

/* Reported content after its cue, for the end classifier: tokens begin .. end (exclusive), in a
 * sentence whose words end at last. */
typedef struct S_span {
    size_t cue, begin, end, last;
} S_span;

typedef struct S_doc {
    char *line; /* the gold record, for the folds' gold files and for re-running the pipeline */
    size_t len;
    nr_article *art;
    nr_doc d;
    bool *gold; /* per token: a gold cue begins here */
    S_span *spans;
    size_t n_spans;
} S_doc;

typedef struct S_docs {
    S_doc *items;
    size_t n, cap;
    long cues, missed; /* gold cues; those that begin at no candidate token */
} S_docs;

/* Feature -> weight, running sum and step of its last change (lazy averaging). */
typedef struct S_weights {
    uint64_t *keys;
    float *w;
    double *sum;
    long *at;
    size_t cap, n;
    long step;
} S_weights;

static void *S_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "train-statements: out of memory\n");
        exit(1);
    }
    return p;
}

static uint64_t S_key(uint64_t f)
{
    return f ? f : 1; /* 0 marks an empty slot */
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
    W->sum = S_xcalloc(W->cap, sizeof *W->sum);
    W->at = S_xcalloc(W->cap, sizeof *W->at);
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.keys[i])
            continue;
        size_t j = S_slot(W, old.keys[i]);
        W->keys[j] = old.keys[i];
        W->w[j] = old.w[i];
        W->sum[j] = old.sum[i];
        W->at[j] = old.at[i];
    }
    free(old.keys);
    free(old.w);
    free(old.sum);
    free(old.at);
}

static void S_free_weights(S_weights *W)
{
    free(W->keys);
    free(W->w);
    free(W->sum);
    free(W->at);
    *W = (S_weights){0};
}

static float S_score(const void *self, const uint64_t *feats, size_t n)
{
    const S_weights *W = self;
    float sum = 0;
    for (size_t f = 0; W->cap && f < n; f++) {
        size_t i = S_slot(W, S_key(feats[f]));
        if (W->keys[i])
            sum += W->w[i];
    }
    return sum;
}

static void S_update(S_weights *W, const uint64_t *feats, size_t n, float delta)
{
    for (size_t f = 0; f < n; f++) {
        if (2 * (W->n + 1) > W->cap)
            S_grow(W);
        size_t i = S_slot(W, S_key(feats[f]));
        if (!W->keys[i]) {
            W->keys[i] = S_key(feats[f]);
            W->n++;
        }
        W->sum[i] += (double)W->w[i] * (double)(W->step - W->at[i]);
        W->at[i] = W->step;
        W->w[i] += delta;
    }
}

/* The averaged weights, scaled, rounded and thinned exactly as the model file keeps them, so
 * that a fold is evaluated with the weights the built-in model would have. */
static void S_finish(S_weights *W)
{
    for (size_t i = 0; i < W->cap; i++) {
        if (!W->keys[i])
            continue;
        double total = W->sum[i] + (double)W->w[i] * (double)(W->step - W->at[i]);
        long v = lround(S_SCALE * total / (double)W->step);
        W->w[i] = labs(v) < S_MIN_WEIGHT ? 0.0f : (float)v;
    }
}

/* ---- gold data ------------------------------------------------------------------------- */

/* Byte offset of each code point of a text, and of its end. */
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

/* "later", "has", "repeatedly": a word before the verb of a cue. */
static bool S_adverb(const nr_doc *d, size_t k)
{
    size_t n = nr_tok_len(d, k);
    const char *t = nr_tok_text(d, k);
    return nr_tok_in(d, k, NR_LEX_CUE_ADVERBS) ||
           (n > 3 && t[0] >= 'a' && t[0] <= 'z' && memcmp(t + n - 2, "ly", 2) == 0);
}

/* The sentence's last token before its closing punctuation. */
static size_t S_last_word(const nr_doc *d, size_t k)
{
    const nr_sent_info *si = &d->sents[d->toks[k].sentence];
    size_t last = si->tok_end;
    while (last > si->tok_begin && d->toks[last - 1].kind == NR_TOK_PUNCT)
        last--;
    return last;
}

/* Keeps a gold content that follows its cue in the cue's sentence, its end trimmed of the
 * punctuation and spaces the scorer trims too. */
static void S_add_span(S_doc *doc, json_t *q, const size_t *map, size_t cps, size_t cue)
{
    const nr_doc *d = &doc->d;
    json_t *js = json_object_get(q, "start"), *je = json_object_get(q, "end");
    if (!json_is_integer(js) || !json_is_integer(je) || (size_t)json_integer_value(je) > cps)
        return;
    size_t b = map[json_integer_value(js)], e = map[json_integer_value(je)];
    const char *t = doc->art->text;
    while (e > b && strchr(" \t\n\"',.;:!?-()[]", t[e - 1]))
        e--;
    size_t begin = nr_tok_at(d, b);
    if (begin >= d->n_toks || begin <= cue || d->toks[begin].sentence != d->toks[cue].sentence)
        return;
    size_t last = S_last_word(d, cue), end = begin;
    while (end < last && d->toks[end].b < e)
        end++;
    doc->spans = realloc(doc->spans, (doc->n_spans + 1) * sizeof *doc->spans);
    if (!doc->spans)
        exit(1);
    doc->spans[doc->n_spans++] = (S_span){cue, begin, end, last};
}

static void S_label(S_docs *docs, S_doc *doc, json_t *quotes)
{
    const nr_doc *d = &doc->d;
    size_t *map = S_cp_to_byte(doc->art->text, doc->art->text_bytes);
    size_t i, cps = nr_utf8_count(doc->art->text, doc->art->text_bytes);
    json_t *q;
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    json_array_foreach(quotes, i, q)
    {
        json_t *start = json_object_get(q, "cue_start");
        if (!json_is_integer(start) || (size_t)json_integer_value(start) >= cps)
            continue;
        docs->cues++;
        size_t k = nr_tok_at(d, map[json_integer_value(start)]);
        json_t *end = json_object_get(q, "cue_end");
        size_t cue_end = json_is_integer(end) && (size_t)json_integer_value(end) <= cps
                             ? map[json_integer_value(end)]
                             : 0;
        /* "have also warned": the cue the model learns is the verb, not the words before it. */
        while (k + 1 < d->n_toks && d->toks[k + 1].e <= cue_end && S_adverb(d, k))
            k++;
        if (k < d->n_toks && nr_cue_features(d, k, feats)) {
            doc->gold[k] = true;
            S_add_span(doc, q, map, cps, k);
        } else {
            docs->missed++;
        }
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
    size_t cap = 0;
    long lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        nr_error err;
        nr_jsonl_record *rec = nr_jsonl_parse(line, (size_t)len, path, lineno, &err);
        json_t *gold = json_loadb(line, (size_t)len, 0, NULL);
        json_t *quotes = json_object_get(gold, "quotes");
        if (!rec || !json_is_array(quotes)) {
            fprintf(stderr, "%s:%ld: not a gold record with text and quotes\n", path, lineno);
            exit(1);
        }
        if (docs->n == docs->cap) {
            docs->cap = docs->cap ? 2 * docs->cap : 1024;
            docs->items = realloc(docs->items, docs->cap * sizeof *docs->items);
            if (!docs->items)
                exit(1);
        }
        S_doc *doc = &docs->items[docs->n++];
        *doc = (S_doc){.line = strndup(line, (size_t)len), .len = (size_t)len};
        nr_arena *arena = nr_arena_new();
        doc->art = arena ? nr_alloc(arena, sizeof *doc->art) : NULL;
        if (!doc->art || !doc->line)
            exit(1);
        doc->art->arena = arena;
        doc->d = (nr_doc){.ctx = ctx, .arena = arena, .art = doc->art};
        if (nr_prepare(&doc->d, nr_jsonl_input(rec), &err) != NR_OK ||
            nr_find_actors(&doc->d) != NR_OK) {
            fprintf(stderr, "%s:%ld: %s\n", path, lineno, err.message);
            exit(1);
        }
        doc->gold = S_xcalloc(doc->d.n_toks + 1, sizeof *doc->gold);
        S_label(docs, doc, quotes);
        json_decref(gold);
        nr_jsonl_free(rec);
    }
    free(line);
    fclose(f);
}

/* ---- training -------------------------------------------------------------------------- */

static uint64_t S_rand(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* The end classifier decodes left to right and stops at its first yes: it learns every token up
 * to the gold end. */
static void S_train_ends(S_weights *W, const S_doc *doc)
{
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    for (size_t s = 0; s < doc->n_spans; s++) {
        const S_span *sp = &doc->spans[s];
        size_t commas = 0;
        for (size_t k = sp->begin + 1;
             k < sp->last && k <= sp->end && k - sp->begin <= NR_ATTR_END_REACH; k++) {
            commas += nr_tok_is(&doc->d, k - 1, ",");
            size_t n = nr_end_features(&doc->d, sp->cue, sp->begin, k, commas, feats);
            W->step++;
            bool want = k == sp->end;
            if ((S_score(W, feats, n) > 0) != want)
                S_update(W, feats, n, want ? 1.0f : -1.0f);
            if (want)
                break;
        }
    }
}

static void S_train_doc(S_weights *W, const S_doc *doc)
{
    const nr_attr_model m = {S_score, W};
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    S_train_ends(W, doc);
    for (size_t i = 0; i < doc->d.n_toks; i++) {
        size_t n = nr_cue_features(&doc->d, i, feats);
        if (!n)
            continue;
        W->step++;
        bool pred = m.score(m.self, feats, n) > 0;
        if (pred != doc->gold[i])
            S_update(W, feats, n, doc->gold[i] ? 1.0f : -1.0f);
    }
}

/* Trains on the documents whose index is not held out (fold < 0: all of them). */
static void S_train(S_weights *W, const S_docs *docs, int epochs, uint64_t seed, int folds,
                    int fold)
{
    size_t *order = S_xcalloc(docs->n, sizeof *order), m = 0;
    for (size_t i = 0; i < docs->n; i++) {
        if (fold < 0 || (int)(i % (size_t)folds) != fold)
            order[m++] = i;
    }
    uint64_t rng = seed;
    for (int e = 0; e < epochs; e++) {
        for (size_t i = m; i > 1; i--) {
            size_t j = (size_t)(S_rand(&rng) % i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < m; k++)
            S_train_doc(W, &docs->items[order[k]]);
    }
    S_finish(W);
    free(order);
}

/* ---- evaluation ------------------------------------------------------------------------ */

typedef struct S_counts {
    long tp, fp, fn;
} S_counts;

static void S_count(const S_weights *W, const S_doc *doc, S_counts *c)
{
    const nr_attr_model m = {S_score, W};
    uint64_t feats[NR_ATTR_MAX_FEATURES];
    for (size_t i = 0; i < doc->d.n_toks; i++) {
        size_t n = nr_cue_features(&doc->d, i, feats);
        bool pred = n && m.score(m.self, feats, n) > 0;
        c->tp += pred && doc->gold[i];
        c->fp += pred && !doc->gold[i];
        c->fn += !pred && doc->gold[i];
    }
}

static void S_print_counts(const char *what, const S_counts *c)
{
    double p = c->tp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
    double r = c->tp ? (double)c->tp / (double)(c->tp + c->fn) : 0;
    fprintf(stderr, "train-statements: %s: cue tokens P %.1f R %.1f F1 %.1f\n", what, 100 * p,
            100 * r, p + r > 0 ? 200 * p * r / (p + r) : 0);
}

static FILE *S_open(const char *dir, const char *what, int fold)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%d.jsonl", dir, what, fold);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

/* Writes the held-out documents' gold records and the records newsrec extracts from them with
 * this fold's model, for the reference scorer. */
static void S_write_fold(const S_weights *W, const S_docs *docs, int folds, int fold,
                         const char *dir, const nr_ctx *base)
{
    const nr_attr_model m = {S_score, W};
    nr_ctx ctx = *base;
    ctx.attr_model = &m;
    FILE *gold = S_open(dir, "gold", fold), *pred = S_open(dir, "pred", fold);
    nr_json_opts opts = {0};
    for (size_t i = (size_t)fold; i < docs->n; i += (size_t)folds) {
        const S_doc *doc = &docs->items[i];
        nr_error err;
        nr_jsonl_record *rec = nr_jsonl_parse(doc->line, doc->len, "gold", (long)i + 1, &err);
        nr_article *a = rec ? nr_extract(&ctx, nr_jsonl_input(rec), &err) : NULL;
        if (!a) {
            fprintf(stderr, "train-statements: document %zu: %s\n", i + 1, err.message);
            exit(1);
        }
        nr_buf out;
        nr_buf_init(&out);
        nr_write_json(&out, a, &opts);
        fprintf(pred, "%.*s\n", (int)out.len, out.data);
        fprintf(gold, "%.*s\n", (int)doc->len, doc->line);
        nr_buf_free(&out);
        nr_article_free(a);
        nr_jsonl_free(rec);
    }
    fclose(gold);
    fclose(pred);
}

static int S_cmp_key(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static void S_write_model(const S_weights *W, const char *path, const char *train, int epochs)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    const char *base = strrchr(train, '/');
    fprintf(f,
            "# statements.tsv: attribution model weights (cues, content ends), written by "
            "tools/train-statements.c from "
            "../shared/gold/statements/%s, %d epochs.\n",
            base ? base + 1 : train, epochs);
    fprintf(f, "# feature hash, then its weight (x100); rows within +-%d dropped.\n", S_MIN_WEIGHT);
    /* Sorted by key so the file does not depend on the hash table's layout. */
    size_t n = 0;
    uint64_t *keys = S_xcalloc(W->n + 1, sizeof *keys);
    for (size_t i = 0; i < W->cap; i++) {
        if (W->keys[i] && W->w[i] != 0)
            keys[n++] = W->keys[i];
    }
    qsort(keys, n, sizeof *keys, S_cmp_key);
    for (size_t k = 0; k < n; k++)
        fprintf(f, "%016llx\t%ld\n", (unsigned long long)keys[k], (long)W->w[S_slot(W, keys[k])]);
    free(keys);
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    fprintf(stderr, "train-statements: %zu rows written to %s\n", n, path);
}

int main(int argc, char **argv)
{
    int epochs = 10, folds = 0;
    const char *fold_dir = NULL;
    int a = 1;
    for (; a + 1 < argc && strncmp(argv[a], "--", 2) == 0; a += 2) {
        if (strcmp(argv[a], "--epochs") == 0)
            epochs = atoi(argv[a + 1]);
        else if (strcmp(argv[a], "--folds") == 0)
            folds = atoi(argv[a + 1]);
        else if (strcmp(argv[a], "--fold-dir") == 0)
            fold_dir = argv[a + 1];
        else
            break;
    }
    if (argc - a != 2 || epochs < 1 || folds < 0 || (folds && !fold_dir)) {
        fprintf(stderr,
                "usage: train-statements [--epochs N] [--folds K --fold-dir DIR] TRAIN.jsonl "
                "OUT.tsv\n");
        return 2;
    }
    nr_ctx *ctx = nr_ctx_new(NULL);
    if (!ctx)
        return 1;
    S_docs docs = {0};
    S_load(argv[a], &docs, ctx);
    fprintf(stderr, "train-statements: %zu documents, %ld gold cues, %ld at no candidate token\n",
            docs.n, docs.cues, docs.missed);
    const uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (int fold = 0; fold < folds; fold++) {
        S_weights W = {0};
        S_train(&W, &docs, epochs, seed, folds, fold);
        S_counts c = {0};
        for (size_t i = (size_t)fold; i < docs.n; i += (size_t)folds)
            S_count(&W, &docs.items[i], &c);
        char what[32];
        snprintf(what, sizeof what, "fold %d", fold);
        S_print_counts(what, &c);
        S_write_fold(&W, &docs, folds, fold, fold_dir, ctx);
        S_free_weights(&W);
    }
    S_weights W = {0};
    S_train(&W, &docs, epochs, seed, 1, -1);
    S_write_model(&W, argv[a + 1], argv[a], epochs);
    S_free_weights(&W);
    for (size_t i = 0; i < docs.n; i++) {
        free(docs.items[i].line);
        free(docs.items[i].gold);
        free(docs.items[i].spans);
        nr_arena_free(docs.items[i].art->arena);
    }
    free(docs.items);
    nr_ctx_free(ctx);
    return 0;
}
