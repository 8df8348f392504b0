/* messages.c: the lines newsrec writes to standard error: one line each, valid UTF-8, with file
 * names shown so that two different ones never look alike. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0 when s starts with an invalid one:
 * a stray continuation byte, a cut sequence, an overlong form, a surrogate or past U+10FFFF. */
static size_t S_utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (s[0] < 0xC2 || s[0] > 0xF4 || len > n)
        return 0;
    /* the second byte's range narrows after E0, ED, F0 and F4 */
    unsigned lo = s[0] == 0xE0 ? 0xA0 : s[0] == 0xF0 ? 0x90 : 0x80;
    unsigned hi = s[0] == 0xED ? 0x9F : s[0] == 0xF4 ? 0x8F : 0xBF;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Escapes control characters (C0, DEL and C1), U+2028 and U+2029 (line ends to some readers)
 * and invalid UTF-8 as \n, \t, \r or \xNN, and backslashes too when name: a message stays one
 * line of valid UTF-8, and two file names that differ show differently. */
static void S_escape(nr_buf *m, const char *s, size_t n, bool name)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = S_utf8_len(p + i, n - i);
        bool c1 = len == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0;
        bool sep = len == 3 && p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] | 1) == 0xA9;
        if (len == 1 && p[i] >= 0x20 && p[i] != 0x7F && !(name && p[i] == '\\')) {
            nr_buf_putc(m, (char)p[i]);
        } else if (len > 1 && !c1 && !sep) {
            nr_buf_put(m, s + i, len);
        } else if (len == 1 && strchr("\n\t\r\\", p[i]) && p[i]) {
            char esc[2] = {'\\', p[i] == '\n'   ? 'n'
                                 : p[i] == '\t' ? 't'
                                 : p[i] == '\r' ? 'r'
                                                : '\\'};
            nr_buf_put(m, esc, 2);
        } else {
            for (size_t k = 0; k < (len ? len : 1); k++) {
                char esc[4] = {'\\', 'x', hex[p[i + k] >> 4], hex[p[i + k] & 15]};
                nr_buf_put(m, esc, 4);
            }
        }
        i += len ? len : 1;
    }
}

void msg_name(nr_buf *m, const char *s)
{
    S_escape(m, s, strlen(s), true);
}

const char *msg_shown(char *buf, size_t size, const char *s)
{
    nr_buf m = {0};
    msg_name(&m, s);
    size_t n = m.len < size - 1 ? m.len : size - 1;
    while (n && n < m.len && ((unsigned char)m.data[n] & 0xC0) == 0x80)
        n--; /* a cut name still ends between characters */
    if (n)
        memcpy(buf, m.data, n);
    buf[n] = '\0';
    nr_buf_free(&m);
    return buf;
}

void msg_vline(nr_buf *m, const char *kind, const char *fmt, va_list ap)
{
    nr_buf text = {0};
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *p = n >= 0 ? nr_buf_reserve(&text, (size_t)n + 1) : NULL;
    if (p) {
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        nr_buf_puts(m, "newsrec: ");
        nr_buf_puts(m, kind);
        S_escape(m, p, (size_t)n, false);
        nr_buf_putc(m, '\n');
    }
    nr_buf_free(&text);
}

void msg_line(nr_buf *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_vline(m, "", fmt, ap);
    va_end(ap);
}

void msg_print(const char *fmt, ...)
{
    nr_buf m = {0};
    va_list ap;
    va_start(ap, fmt);
    msg_vline(&m, "", fmt, ap);
    va_end(ap);
    if (m.len)
        fwrite(m.data, 1, m.len, stderr);
    nr_buf_free(&m);
}

const char *where_of(char *buf, size_t size, const char *file, long line)
{
    if (!line)
        return file;
    snprintf(buf, size, "%s:%ld", file, line);
    return buf;
}
