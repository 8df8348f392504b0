/* fuzz_jsonl.c: the JSON Lines reader: bad lines are reported with their number, never stop the
 * rest. */
#include "oracle.h"

#include <stdint.h>
#include <string.h>

/* Long enough for most corpus records, short enough that the fuzzer reaches it. */
#define MAX_LINE 1024

typedef struct state {
    long lines, records;
    int sentinel_seen;
} state;

static int on_line(const char *line, size_t len, long lineno, void *user)
{
    state *s = user;
    s->lines++;
    if (lineno != s->lines)
        oracle_fail("line %ld arrived numbered %ld", s->lines, lineno);
    if (!line) {
        if (len <= MAX_LINE)
            oracle_fail("line %ld of %zu bytes reported as over the limit", lineno, len);
        return 0;
    }
    if (len > MAX_LINE)
        oracle_fail("line %ld of %zu bytes passed the limit of %d", lineno, len, MAX_LINE);
    nr_error err;
    nr_jsonl_record *rec = nr_jsonl_parse(line, len, "fuzz", lineno, &err);
    if (!rec) {
        oracle_jsonl_error(&err, lineno);
        return 0;
    }
    const nr_input *in = nr_jsonl_input(rec);
    if (!in->data || !oracle_utf8_ok(in->data, in->len))
        oracle_fail("line %ld: a record whose text is not valid UTF-8", lineno);
    if (in->len == 19 && memcmp(in->data, "the sentinel record", 19) == 0)
        s->sentinel_seen = 1;
    s->records++;
    nr_jsonl_free(rec);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sentinel[] = "\n{\"id\": \"s\", \"text\": \"the sentinel record\"}\n";
    state s = {0, 0, 0};
    nr_lines *r = nr_lines_new(MAX_LINE);
    if (!r)
        return 0;
    if (nr_lines_feed(r, (const char *)data, size, on_line, &s) != 0 ||
        nr_lines_feed(r, sentinel, sizeof sentinel - 1, on_line, &s) != 0 ||
        nr_lines_finish(r, on_line, &s) != 0)
        oracle_fail("the line reader stopped");
    nr_lines_free(r);
    long want = 2;
    for (size_t i = 0; i < size; i++)
        want += data[i] == '\n';
    if (s.lines != want)
        oracle_fail("%ld lines read, %ld in the input", s.lines, want);
    if (!s.sentinel_seen)
        oracle_fail("a valid line after the fuzz input was not read");
    return 0;
}
