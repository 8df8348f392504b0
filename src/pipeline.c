/* pipeline.c: runs the stages for one article in its own arena (or for a batch, rendered as JSON); only its callers call into it. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Far above any real article (the largest BBC one has 25 KB, 248 sentences, 237 mentions),
 * far below what would exhaust memory. */
static const nr_limits S_default_limits = {
    .max_article_bytes = (size_t)64 << 20,
    .max_line_bytes = (size_t)64 << 20,
    .max_sentences = 100000,
    .max_mentions = 200000,
    .max_nesting = 64,
};

void nr_limits_default(nr_limits *limits)
{
    *limits = S_default_limits;
}

nr_ctx *nr_ctx_new(const nr_limits *limits)
{
    nr_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    if (limits)
        ctx->limits = *limits;
    else
        nr_limits_default(&ctx->limits);
    return ctx;
}

void nr_ctx_set_event_scope(nr_ctx *ctx, nr_event_scope scope)
{
    ctx->event_scope = scope;
}

void nr_ctx_free(nr_ctx *ctx)
{
    free(ctx);
}

/* The id hashes the input record id when there is one (so re-running a changed article keeps
 * its id), else the decoded text (so a file's id does not depend on its path or shard). */
static void S_article_id(nr_article *a, const nr_input *in)
{
    uint64_t h = in->record_id ? nr_hash64(in->record_id, strlen(in->record_id), 1)
                               : nr_hash64(a->text, a->text_bytes, 2);
    snprintf(a->id, sizeof a->id, "%016llx", (unsigned long long)h);
}

/* A copy of a metadata string, which every output must carry as valid UTF-8: a file name is
 * bytes, and older systems wrote Latin-1 ones ("caf\xe9.txt"). Each invalid sequence becomes
 * U+FFFD, with a warning; the article id still hashes what was given. */
static const char *S_field(nr_doc *d, const char *what, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (nr_utf8_valid_prefix((const unsigned char *)s, n) == n)
        return nr_strndup(d->arena, s, n);
    nr_warn(d, "%s is not valid UTF-8; each invalid byte sequence is U+FFFD in the records", what);
    return nr_utf8_repair(d->arena, s, n);
}

static nr_status S_metadata(nr_doc *d, const nr_input *in)
{
    nr_article *a = d->art;
    a->source = S_field(d, "the source name", in->source ? in->source : "-");
    a->url = S_field(d, "the url", in->url);
    if (in->title) {
        a->title = S_field(d, "the title", in->title);
        d->input_title = true;
    }
    if (in->published) {
        char iso[11];
        if (nr_date_normalize(in->published, strlen(in->published), iso) == 0)
            a->published = nr_strdup(d->arena, iso);
        else {
            /* Quote at most 40 bytes, cut at a character boundary: output stays valid UTF-8. */
            size_t n = strlen(in->published);
            int keep =
                (int)nr_utf8_valid_prefix((const unsigned char *)in->published, n < 40 ? n : 40);
            nr_warn(d, "publication date \"%.*s\" is not an ISO 8601 date; ignored", keep,
                    in->published);
        }
    }
    return nr_arena_failed(d->arena) ? NR_ENOMEM : NR_OK;
}

static uint64_t S_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Ends the stage that began at *t and starts the next. */
static void S_lap(nr_doc *d, nr_stage stage, uint64_t *t)
{
    uint64_t now = S_now_ns();
    d->art->stage_ns[stage] += now - *t;
    *t = now;
}

nr_status nr_prepare(nr_doc *d, const nr_input *in, nr_error *err)
{
    uint64_t t = S_now_ns();
    nr_status st = S_metadata(d, in);
    if (st == NR_OK)
        st = nr_decode(d, in, err);
    if (st != NR_OK)
        return st;
    S_article_id(d->art, in);
    S_lap(d, NR_STAGE_DECODE, &t);
    st = nr_segment(d);
    S_lap(d, NR_STAGE_SEGMENT, &t);
    return st;
}

static nr_status S_over(nr_error *err, const char *what, const char *limit, size_t max)
{
    err->status = NR_ELIMIT;
    snprintf(err->message, sizeof err->message, "%s, over the limit %s (%zu)", what, limit, max);
    return NR_ELIMIT;
}

static bool S_over_limit(size_t n, size_t max)
{
    return max && n > max;
}

/* The limits on what segmentation found, checked before the costlier stages run. */
static nr_status S_check_segments(const nr_doc *d, nr_error *err)
{
    const nr_limits *l = &d->ctx->limits;
    char what[128];
    if (S_over_limit(d->art->n_sentences, l->max_sentences)) {
        snprintf(what, sizeof what, "%zu sentences", d->art->n_sentences);
        return S_over(err, what, "max_sentences", l->max_sentences);
    }
    if (S_over_limit(d->nesting, l->max_nesting)) {
        snprintf(what, sizeof what,
                 "quotation marks and brackets nested %zu deep at character %lld", d->nesting,
                 (long long)nr_cpmap_at(&d->cpmap, d->nesting_b));
        return S_over(err, what, "max_nesting", l->max_nesting);
    }
    return NR_OK;
}

static nr_status S_run(nr_doc *d, const nr_input *in, nr_error *err)
{
    nr_status st = nr_prepare(d, in, err);
    if (st == NR_OK)
        st = S_check_segments(d, err);
    uint64_t t = S_now_ns();
    if (st == NR_OK)
        st = nr_find_actors(d);
    if (st != NR_OK)
        return st;
    S_lap(d, NR_STAGE_ACTORS, &t);
    const nr_limits *l = &d->ctx->limits;
    if (S_over_limit(d->art->n_mentions, l->max_mentions)) {
        char what[64];
        snprintf(what, sizeof what, "%zu actor mentions", d->art->n_mentions);
        return S_over(err, what, "max_mentions", l->max_mentions);
    }
    if ((st = nr_find_statements(d)) != NR_OK)
        return st;
    S_lap(d, NR_STAGE_STATEMENTS, &t);
    if ((st = nr_code_actors(d)) != NR_OK || (st = nr_find_events(d)) != NR_OK ||
        (st = nr_code_events(d)) != NR_OK)
        return st;
    S_lap(d, NR_STAGE_EVENTS, &t);
    nr_warnings_close(d);
    return nr_arena_failed(d->arena) ? NR_ENOMEM : NR_OK;
}

nr_article *nr_extract(const nr_ctx *ctx, const nr_input *in, nr_error *err)
{
    nr_error local;
    if (!err)
        err = &local;
    err->status = NR_OK;
    err->message[0] = '\0';
    nr_arena *arena = nr_arena_new();
    nr_article *art = arena ? nr_alloc(arena, sizeof *art) : NULL;
    if (!art) {
        nr_arena_free(arena);
        err->status = NR_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    art->arena = arena;
    nr_doc d = {.ctx = ctx, .arena = arena, .art = art};
    nr_status st = S_run(&d, in, err);
    if (st != NR_OK) {
        if (err->status == NR_OK) {
            err->status = st;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        nr_arena_free(arena);
        return NULL;
    }
    return art;
}

void nr_article_free(nr_article *article)
{
    if (article)
        nr_arena_free(article->arena);
}

/* Many articles in one call, for language bindings (see newsrec.h). */
size_t nr_extract_json_many(const nr_ctx *ctx, const nr_input *inputs, size_t n,
                            const nr_json_opts *opts, nr_buf *out, size_t *ends, nr_error *errs)
{
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        nr_article *a = nr_extract(ctx, &inputs[i], &errs[i]);
        if (a) {
            nr_write_json(out, a, opts);
            nr_buf_putc(out, '\n');
            nr_article_free(a);
            if (out->failed) {
                errs[i].status = NR_ENOMEM;
                snprintf(errs[i].message, sizeof errs[i].message,
                         "out of memory writing the record");
            }
        }
        failed += errs[i].status != NR_OK;
        ends[i] = out->len;
    }
    return failed;
}
