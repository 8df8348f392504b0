/* buf.c: the growable output buffer every writer renders into. */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void nr_buf_init(nr_buf *b)
{
    memset(b, 0, sizeof(*b));
}

void nr_buf_free(nr_buf *b)
{
    free(b->data);
    nr_buf_init(b);
}

/* Grows by 1.5x so appending n bytes in total costs O(n) amortized. Out of line, so that the
 * appends stay small enough for link-time optimization to inline them into the writers' loops
 * (when they stopped being inlined, JSON Lines output cost 4% more instructions). */
static __attribute__((noinline)) int S_grow(nr_buf *b, size_t extra)
{
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap += cap / 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

static int S_reserve(nr_buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    return b->len + extra + 1 <= b->cap ? 1 : S_grow(b, extra);
}

void nr_buf_put(nr_buf *b, const char *s, size_t n)
{
    if (!S_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nr_buf_puts(nr_buf *b, const char *s)
{
    nr_buf_put(b, s, strlen(s));
}

void nr_buf_putc(nr_buf *b, char c)
{
    nr_buf_put(b, &c, 1);
}

void nr_buf_printf(nr_buf *b, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        nr_buf_put(b, small, (size_t)n);
        return;
    }
    if (!S_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *nr_buf_reserve(nr_buf *b, size_t n)
{
    return S_reserve(b, n) ? b->data + b->len : NULL;
}

void nr_buf_put_int(nr_buf *b, long long v)
{
    char digits[24], *p = digits + sizeof digits;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    nr_buf_put(b, p, (size_t)(digits + sizeof digits - p));
}

size_t nr_format_tenths(char out[NR_TENTHS_MAX], double v)
{
    /* Whole tenths printed as integers rather than printf("%.1f"): a caller's locale must not
     * turn the point into a comma. */
    long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    unsigned long long u = t < 0 ? 0ULL - (unsigned long long)t : (unsigned long long)t;
    int n = snprintf(out, NR_TENTHS_MAX, "%s%llu.%llu", t < 0 ? "-" : "", u / 10, u % 10);
    return n < 0 ? 0 : (size_t)n < NR_TENTHS_MAX ? (size_t)n : NR_TENTHS_MAX - 1;
}

void nr_buf_put_tenths(nr_buf *b, double v)
{
    char s[NR_TENTHS_MAX];
    nr_buf_put(b, s, nr_format_tenths(s, v));
}

void nr_buf_put_id(nr_buf *b, const char *article_id, char kind, int index)
{
    nr_buf_put(b, article_id, strlen(article_id));
    char tag[2] = {'-', kind};
    nr_buf_put(b, tag, 2);
    nr_buf_put_int(b, index + 1);
}

void nr_buf_put_ref(nr_buf *b, const char *article_id, char kind, int index)
{
    nr_buf_putc(b, '"');
    nr_buf_put_id(b, article_id, kind, index);
    nr_buf_putc(b, '"');
}
