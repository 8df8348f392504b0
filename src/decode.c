/* decode.c: turns raw input bytes into the article text (valid UTF-8) that every offset indexes. */
#include "internal.h"

#include <string.h>

/* Like git and grep: a NUL byte this early means a binary file, not an article. */
#define NR_BINARY_SNIFF 8192
/* windows-1252 is accepted only when it yields text: at most this share of control bytes. */
#define NR_MAX_CONTROL_PERMILLE 10

static const uint16_t S_cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Control characters that are not line or word separators; they become U+FFFD, which keeps the
 * code-point count (and so every offset) unchanged. */
static bool S_is_bad_control(uint32_t c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
    return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

typedef struct S_out {
    char *p;
    size_t n;
    size_t replaced; /* control characters replaced */
    size_t first_replaced;
} S_out;

static void S_emit(S_out *o, uint32_t c)
{
    if (S_is_bad_control(c)) {
        if (!o->replaced++)
            o->first_replaced = o->n;
        c = 0xFFFD;
    }
    o->n += nr_utf8_encode(c, o->p + o->n);
}

static void S_decode_utf8(S_out *o, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {
            o->p[o->n++] = (char)c;
            i++;
            continue;
        }
        S_emit(o, nr_utf8_next(s, len, &i));
    }
}

static void S_decode_cp1252(S_out *o, const unsigned char *s, size_t len, size_t *undefined)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i];
        if (c >= 0x80 && c < 0xA0) {
            uint32_t m = S_cp1252_high[c - 0x80];
            if (!m)
                ++*undefined;
            c = m ? m : 0xFFFD;
        }
        S_emit(o, c);
    }
}

/* Unpaired surrogates become U+FFFD; the count goes into *bad. */
static void S_decode_utf16(S_out *o, const unsigned char *s, size_t len, bool big, size_t *bad)
{
    size_t i = 0;
    while (i + 1 < len) {
        uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            uint32_t l = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                i += 2;
                S_emit(o, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            ++*bad;
            u = 0xFFFD;
        }
        S_emit(o, u);
    }
    if (i < len)
        ++*bad; /* a trailing odd byte */
}

static bool S_only_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t c = nr_utf8_next(s, n, &i);
        if (!nr_is_space(c) && c != 0xFEFF)
            return false;
    }
    return true;
}

static nr_status S_fail(nr_error *err, nr_status st, const char *msg, size_t at)
{
    err->status = st;
    snprintf(err->message, sizeof err->message, msg, at);
    return st;
}

nr_status nr_decode(nr_doc *d, const nr_input *in, nr_error *err)
{
    const unsigned char *s = (const unsigned char *)in->data;
    size_t len = in->len;
    const char *enc = "utf-8";
    size_t max = d->ctx->limits.max_article_bytes;
    if (max && len > max) {
        err->status = NR_ELIMIT;
        snprintf(err->message, sizeof err->message,
                 "%zu bytes, over the limit max_article_bytes (%zu)", len, max);
        return NR_ELIMIT;
    }
    S_out o = {nr_alloc(d->arena, len * 3 + 4), 0, 0, 0};
    if (!o.p)
        return S_fail(err, NR_ENOMEM, "out of memory decoding %zu bytes", len);

    if (in->is_json_text) {
        S_decode_utf8(&o, in->data, len);
    } else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        bool big = s[0] == 0xFE;
        size_t bad = 0;
        enc = big ? "utf-16be" : "utf-16le";
        S_decode_utf16(&o, s + 2, len - 2, big, &bad);
        if (bad)
            nr_warn(d, "%zu invalid UTF-16 code units replaced with U+FFFD", bad);
    } else {
        if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
            s += 3, len -= 3;
        const void *nul = memchr(s, 0, len < NR_BINARY_SNIFF ? len : NR_BINARY_SNIFF);
        if (nul || (len >= 4 && memcmp(s, "\177ELF", 4) == 0))
            return S_fail(err, NR_ENOTTEXT, "binary file (NUL byte at byte %zu), not an article",
                          nul ? (size_t)((const unsigned char *)nul - s) : 0);
        size_t valid = nr_utf8_valid_prefix(s, len);
        if (valid == len) {
            S_decode_utf8(&o, (const char *)s, len);
        } else {
            size_t undefined = 0;
            S_decode_cp1252(&o, s, len, &undefined);
            if ((undefined + o.replaced) * 1000 > len * NR_MAX_CONTROL_PERMILLE)
                return S_fail(err, NR_ENOTTEXT,
                              "neither UTF-8 (invalid byte at %zu) nor windows-1252 text", valid);
            enc = "windows-1252";
            nr_warn(d, "invalid UTF-8 at byte %zu: decoded as windows-1252", valid);
        }
    }
    if (o.replaced)
        nr_warn(d, "%zu control characters replaced with U+FFFD (first at byte %zu)", o.replaced,
                o.first_replaced);
    o.p[o.n] = '\0';
    if (S_only_space(o.p, o.n))
        return S_fail(err, NR_EEMPTY, "no text (%zu bytes of white space)", o.n);
    d->art->text = o.p;
    d->art->text_bytes = o.n;
    d->art->encoding = enc;
    return NR_OK;
}
