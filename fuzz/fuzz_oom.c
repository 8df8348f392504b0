/* fuzz_oom.c: a fuzz-chosen allocation fails; the library must say so and leak nothing. */
#include "oracle.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The library is built with malloc, calloc and realloc renamed to these (Makefile: OOM_DEFS);
 * this file calls the real ones. */
#undef malloc
#undef calloc
#undef realloc
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);

static long armed_at = -1; /* the allocation to fail, counting from 1 while armed; -1: off */
static long count;
static int injected;

static int fail_now(void)
{
    if (armed_at < 0)
        return 0;
    if (++count != armed_at)
        return 0;
    injected = 1;
    return 1;
}

void *oom_malloc(size_t n);
void *oom_calloc(size_t n, size_t m);
void *oom_realloc(void *p, size_t n);

void *oom_malloc(size_t n)
{
    return fail_now() ? NULL : malloc(n);
}

void *oom_calloc(size_t n, size_t m)
{
    return fail_now() ? NULL : calloc(n, m);
}

void *oom_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : realloc(p, n);
}

static void arm(long at)
{
    armed_at = at;
    count = 0;
    injected = 0;
}

/* Stops failing allocations; injected still tells whether one failed. */
static void disarm(void)
{
    armed_at = -1;
}

static int on_line(const char *line, size_t len, long lineno, void *user)
{
    (void)line, (void)len, (void)lineno, (void)user;
    return 0;
}

/* Bytes 0-1: which allocation fails (1-65536); the rest is an article, also read as JSON Lines.
 * jansson's own allocations are not failed: jansson 2.14 writes through a NULL pointer when one
 * fails inside its lexer (this harness found it; corpus/fuzz_oom/regress-jansson-oom-lexer). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    long at = 1 + (data[0] | (long)data[1] << 8);
    data += 2;
    size -= 2;
    nr_ctx *ctx = nr_ctx_new(NULL);
    if (!ctx)
        return 0;
    nr_input in = {.data = (const char *)data, .len = size, .source = "fuzz"};
    nr_error err;
    arm(at);
    nr_article *a = nr_extract(ctx, &in, &err);
    disarm();
    int failed_extract = injected;
    if (failed_extract && (a || err.status != NR_ENOMEM))
        oracle_fail("allocation %ld failed during extraction but it returned %s (status %d)", at,
                    a ? "an article" : "another error", err.status);
    if (a) {
        /* The writers mark their buffer failed and keep going without writing past it. */
        nr_buf b;
        nr_buf_init(&b);
        nr_json_opts jo = {0, 1};
        arm(at);
        nr_write_json(&b, a, &jo);
        for (int k = 0; k < NR_T_COUNT; k++)
            nr_write_csv_rows(&b, (nr_table)k, a, NR_CSV_EXCEL);
        disarm();
        if (injected && !b.failed)
            oracle_fail("allocation %ld failed in a writer but the buffer is not marked failed",
                        at);
        if (!injected && b.failed)
            oracle_fail("a writer's buffer is marked failed with no failed allocation");
        nr_buf_free(&b);
        nr_article_free(a);
    }
    arm(at);
    nr_jsonl_record *rec = nr_jsonl_parse((const char *)data, size, "fuzz", 1, &err);
    disarm();
    if (injected && (rec || err.status != NR_ENOMEM))
        oracle_fail("allocation %ld failed in the JSON Lines reader but it returned %s", at,
                    rec ? "a record" : "another error");
    nr_jsonl_free(rec);
    arm(at);
    nr_lines *r = nr_lines_new(0);
    int rc = r ? nr_lines_feed(r, (const char *)data, size, on_line, NULL) : -1;
    disarm();
    if (injected && rc != -1)
        oracle_fail("allocation %ld failed in the line reader but it returned %d", at, rc);
    nr_lines_free(r);
    nr_ctx_free(ctx);
    return 0;
}
