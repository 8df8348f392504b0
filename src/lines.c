/* lines.c: the streaming line reader: bytes in chunks of any size, whole lines out, in order. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct nr_lines {
    nr_buf pending; /* the start of a line whose newline has not come yet */
    size_t max_line;
    bool overlong; /* the current line is past max_line: its bytes are counted, not kept */
    size_t overlong_len;
    long lineno;
};

nr_lines *nr_lines_new(size_t max_line)
{
    nr_lines *r = calloc(1, sizeof *r);
    if (r) {
        nr_buf_init(&r->pending);
        r->max_line = max_line;
    }
    return r;
}

void nr_lines_free(nr_lines *r)
{
    if (!r)
        return;
    nr_buf_free(&r->pending);
    free(r);
}

/* A line without its "\n" or "\r\n". */
static int S_emit(nr_lines *r, const char *s, size_t n, nr_line_fn fn, void *user)
{
    if (n && s[n - 1] == '\r')
        n--;
    return fn(s, n, ++r->lineno, user);
}

/* Adds n bytes to the current line: kept while the line is within the limit, only counted
 * once it is past it (a "\r" before the "\n" counts, whatever the chunking). */
static int S_keep(nr_lines *r, const char *s, size_t n)
{
    if (!r->overlong && r->max_line && r->pending.len + n > r->max_line) {
        r->overlong = true;
        r->overlong_len = r->pending.len;
        r->pending.len = 0;
    }
    if (r->overlong) {
        r->overlong_len += n;
        return 0;
    }
    nr_buf_put(&r->pending, s, n);
    return r->pending.failed ? -1 : 0;
}

/* Ends the current line; an over-long one reaches the callback as its number and length. */
static int S_end_line(nr_lines *r, nr_line_fn fn, void *user)
{
    int rc;
    if (r->overlong)
        rc = fn(NULL, r->overlong_len, ++r->lineno, user);
    else
        rc = S_emit(r, r->pending.data, r->pending.len, fn, user);
    r->overlong = false;
    r->pending.len = 0;
    return rc;
}

int nr_lines_feed(nr_lines *r, const char *data, size_t len, nr_line_fn fn, void *user)
{
    while (len) {
        const char *nl = memchr(data, '\n', len);
        if (!nl)
            return S_keep(r, data, len);
        size_t n = (size_t)(nl - data);
        int rc;
        if (r->pending.len || r->overlong || (r->max_line && n > r->max_line)) {
            if (S_keep(r, data, n) != 0)
                return -1;
            rc = S_end_line(r, fn, user);
        } else {
            rc = S_emit(r, data, n, fn, user); /* the whole line is in this chunk: no copy */
        }
        if (rc)
            return rc;
        data = nl + 1;
        len -= n + 1;
    }
    return 0;
}

int nr_lines_finish(nr_lines *r, nr_line_fn fn, void *user)
{
    if (!r->pending.len && !r->overlong)
        return 0;
    return S_end_line(r, fn, user);
}
