/* lines.c: the streaming line reader: bytes in chunks of any size, whole lines out, in order. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct nr_lines {
    nr_buf pending; /* the start of a line whose newline has not come yet */
    long lineno;
};

nr_lines *nr_lines_new(void)
{
    nr_lines *r = calloc(1, sizeof *r);
    if (r)
        nr_buf_init(&r->pending);
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

int nr_lines_feed(nr_lines *r, const char *data, size_t len, nr_line_fn fn, void *user)
{
    while (len) {
        const char *nl = memchr(data, '\n', len);
        if (!nl) {
            nr_buf_put(&r->pending, data, len);
            return r->pending.failed ? -1 : 0;
        }
        size_t n = (size_t)(nl - data);
        int rc;
        if (r->pending.len) {
            nr_buf_put(&r->pending, data, n);
            if (r->pending.failed)
                return -1;
            rc = S_emit(r, r->pending.data, r->pending.len, fn, user);
            r->pending.len = 0;
        } else {
            rc = S_emit(r, data, n, fn, user);
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
    if (!r->pending.len)
        return 0;
    int rc = S_emit(r, r->pending.data, r->pending.len, fn, user);
    r->pending.len = 0;
    return rc;
}
