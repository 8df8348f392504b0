/* utf8.c: UTF-8 validation, decoding and encoding helpers. */
#include "internal.h"

uint32_t nr_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    uint32_t c = u[p];
    if (c < 0x80 || p + 1 >= len) {
        *i = p + 1;
        return c;
    }
    if (c < 0xE0) {
        *i = p + 2;
        return ((c & 0x1F) << 6) | (u[p + 1] & 0x3F);
    }
    if (c < 0xF0) {
        *i = p + 3;
        return ((c & 0x0F) << 12) | ((u[p + 1] & 0x3F) << 6) | (u[p + 2] & 0x3F);
    }
    *i = p + 4;
    return ((c & 0x07) << 18) | ((u[p + 1] & 0x3F) << 12) | ((u[p + 2] & 0x3F) << 6) |
           (u[p + 3] & 0x3F);
}

uint32_t nr_utf8_prev(const char *s, size_t i, size_t *start)
{
    size_t p = i;
    while (p > 0 && ((unsigned char)s[p - 1] & 0xC0) == 0x80 && i - p < 3)
        p--;
    if (p > 0)
        p--;
    *start = p;
    size_t q = p;
    return nr_utf8_next(s, i, &q);
}

/* Strict: rejects overlong forms, surrogates and code points above U+10FFFF. */
size_t nr_utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t min, cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2, min = 0x80, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3, min = 0x800, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

/* The bytes at s, which do not start a valid sequence, that one U+FFFD stands for: a lead byte
 * and the continuation bytes that could still have completed it (Unicode's "maximal subpart",
 * as Python's errors="replace" and the WHATWG decoder count them), else the one byte. */
static size_t S_invalid_run(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 1;
    /* the second byte's range narrows after E0, ED, F0 and F4 */
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    size_t k = 1;
    while (k < need && k < n && s[k] >= (k == 1 ? lo : 0x80) && s[k] <= (k == 1 ? hi : 0xBF))
        k++;
    return k;
}

char *nr_utf8_repair(nr_arena *a, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    char *out = n < SIZE_MAX / 3 ? nr_alloc(a, 3 * n + 1) : NULL;
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t ok = nr_utf8_valid_prefix(u + i, n - i);
        memcpy(out + o, s + i, ok);
        o += ok;
        i += ok;
        if (i < n) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += S_invalid_run(u + i, n - i);
        }
    }
    out[o] = '\0';
    return out;
}

size_t nr_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int64_t nr_utf8_count(const char *s, size_t len)
{
    int64_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t nr_utf16_fit(const char *s, size_t n, size_t limit)
{
    if (n <= limit)
        return n; /* never more code units than bytes */
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) == 0x80)
            continue;
        units += b >= 0xF0 ? 2 : 1; /* a 4-byte sequence is a surrogate pair */
        if (units > limit)
            return i;
    }
    return n;
}
