/* fuzz_article.c: raw bytes -> the whole pipeline -> JSON and CSV, with every output oracle. */
#include "oracle.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Options from the first three bytes: byte 0 bit 0 JSON Lines input, bit 1 pretty JSON, bit 2 a
 * publication date, bit 3 small limits (byte 1 sets them); byte 2 seeds the chunk sizes the
 * streaming reader is fed with. */
typedef struct options {
    int jsonl, pretty, dated, limited;
    nr_limits limits;
    uint32_t seed;
} options;

typedef struct transcript {
    const nr_ctx *ctx;
    const options *opt;
    nr_buf out;       /* what the lines produced, in order */
    const char *base; /* the one buffer, when fed whole: line numbers are checked against it */
    size_t base_len;
    int check; /* the first pass runs the oracles; the second only renders, to compare */
} transcript;

/* The batch call language bindings use gives, for the same input, the one document (or the same
 * error) that nr_extract and nr_write_json give, followed by a newline. */
static void check_batch(const nr_ctx *ctx, const nr_input *in, const nr_article *a,
                        const nr_error *err)
{
    nr_json_opts jo = {0, 1};
    nr_buf got, want;
    nr_buf_init(&got);
    nr_buf_init(&want);
    size_t end;
    nr_error berr;
    size_t failed = nr_extract_json_many(ctx, in, 1, &jo, &got, &end, &berr);
    if (a) {
        nr_write_json(&want, a, &jo);
        nr_buf_putc(&want, '\n');
    }
    if (failed != (a == NULL) || end != got.len || berr.status != (a ? NR_OK : err->status) ||
        (!a && strcmp(berr.message, err->message) != 0) || got.len != want.len ||
        (got.len && memcmp(got.data, want.data, got.len) != 0))
        oracle_fail("nr_extract_json_many differs from nr_extract: status %d, %zu bytes against "
                    "%zu",
                    berr.status, got.len, want.len);
    nr_buf_free(&got);
    nr_buf_free(&want);
}

static void one_article(transcript *t, const nr_input *in)
{
    nr_error err;
    nr_article *a = nr_extract(t->ctx, in, &err);
    /* A quarter of the inputs (by byte 2, which the fuzzer chooses): the check extracts the
     * article again, and on every input it cost a third of the harness's runs per second. */
    if (t->check && t->opt->seed % 4 == 0)
        check_batch(t->ctx, in, a, &err);
    if (!a) {
        if (err.status == NR_OK || err.status == NR_ENOMEM || !err.message[0])
            oracle_fail("extraction failed with status %d and message \"%s\"", err.status,
                        err.message);
        if (err.status == NR_ELIMIT && !strstr(err.message, "over the limit max_"))
            oracle_fail("a limit error that names no limit: \"%s\"", err.message);
        if (err.status == NR_ELIMIT && strstr(err.message, "max_article_bytes") &&
            in->len <= t->opt->limits.max_article_bytes)
            oracle_fail("size limit reported for %zu bytes under a limit of %zu", in->len,
                        t->opt->limits.max_article_bytes);
        nr_buf_printf(&t->out, "error %d %s\n", err.status, err.message);
        return;
    }
    const nr_limits *l = &t->opt->limits;
    if ((l->max_sentences && a->n_sentences > l->max_sentences) ||
        (l->max_mentions && a->n_mentions > l->max_mentions))
        oracle_fail("an article over its limits: %zu sentences (max %zu), %zu mentions (max %zu)",
                    a->n_sentences, l->max_sentences, a->n_mentions, l->max_mentions);
    size_t len;
    char *bytes = t->check ? oracle_render(a, t->opt->pretty, &len)
                           : oracle_render_plain(a, t->opt->pretty, &len);
    nr_buf_put(&t->out, bytes, len);
    free(bytes);
    nr_article_free(a);
}

static int on_line(const char *line, size_t len, long lineno, void *user)
{
    transcript *t = user;
    /* A line the reader passes from the caller's buffer (not its own copy of a split line). */
    uintptr_t p0 = (uintptr_t)t->base, pl = (uintptr_t)line;
    if (t->base && pl >= p0 && pl <= p0 + t->base_len) {
        long nl = 1;
        for (const char *p = t->base; p < line; p++)
            nl += *p == '\n';
        if (nl != lineno)
            oracle_fail("line reader numbered line %ld as %ld", nl, lineno);
    }
    nr_error err;
    nr_jsonl_record *rec = nr_jsonl_parse(line, len, "fuzz", lineno, &err);
    if (!rec) {
        oracle_jsonl_error(&err, lineno);
        nr_buf_printf(&t->out, "line %ld: %s\n", lineno, err.message);
        return 0;
    }
    nr_input in = *nr_jsonl_input(rec);
    if (t->opt->dated && !in.published)
        in.published = "2024-03-08";
    one_article(t, &in);
    nr_jsonl_free(rec);
    return 0;
}

static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Runs the JSON Lines input through the streaming reader, in one buffer or in chunks. */
static void run_lines(transcript *t, const uint8_t *data, size_t size, int chunked)
{
    nr_lines *r = nr_lines_new(0);
    if (!r)
        oracle_fail("out of memory");
    uint32_t seed = t->opt->seed | 1;
    size_t at = 0;
    while (at < size) {
        size_t n = chunked ? 1 + next(&seed) % 64 : size - at;
        if (n > size - at)
            n = size - at;
        if (nr_lines_feed(r, (const char *)data + at, n, on_line, t) != 0)
            oracle_fail("line reader failed");
        at += n;
    }
    if (nr_lines_finish(r, on_line, t) != 0)
        oracle_fail("line reader failed at the end");
    nr_lines_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    options opt = {data[0] & 1, (data[0] >> 1) & 1, (data[0] >> 2) & 1, (data[0] >> 3) & 1, {0},
                   data[2]};
    int scope_all = (data[0] >> 4) & 1;
    nr_limits_default(&opt.limits);
    if (opt.limited) {
        opt.limits.max_article_bytes = 16 + (size_t)data[1] * 8;
        opt.limits.max_sentences = 1 + data[1] % 16;
        opt.limits.max_mentions = data[1] % 32;
        opt.limits.max_nesting = data[1] % 8;
    }
    data += 3;
    size -= 3;
    nr_ctx *ctx = nr_ctx_new(&opt.limits);
    if (!ctx)
        return 0;
    if (scope_all) /* both event scopes: nouns reach the role and span code only with all */
        nr_ctx_set_event_scope(ctx, NR_EVENTS_ALL);
    transcript first = {ctx, &opt, {0}, NULL, 0, 1}, second = {ctx, &opt, {0}, NULL, 0, 0};
    nr_buf_init(&first.out);
    nr_buf_init(&second.out);
    if (opt.jsonl) {
        first.base = (const char *)data;
        first.base_len = size;
        run_lines(&first, data, size, 0);
        run_lines(&second, data, size, 1);
    } else {
        nr_input in = {.data = (const char *)data,
                       .len = size,
                       .source = "fuzz",
                       .published = opt.dated ? "2024-03-08" : NULL};
        one_article(&first, &in);
        one_article(&second, &in);
    }
    /* The same records, byte for byte, whether run again or fed to the line reader in chunks. */
    if (first.out.len != second.out.len ||
        (first.out.len && memcmp(first.out.data, second.out.data, first.out.len) != 0)) {
        oracle_fail("a second run (%s) gave different output",
                    opt.jsonl ? "fed in chunks" : "same input");
    }
    nr_buf_free(&first.out);
    nr_buf_free(&second.out);
    nr_ctx_free(ctx);
    return 0;
}
