/* normalize.c: character classes, name keys and the byte-to-code-point offset map. */
#include "internal.h"

#include <string.h>

/* Case is known for Latin (ASCII, Latin-1, Extended-A), Greek and Cyrillic, which covers the
 * names in English news; other scripts' letters count as letters without case. */
bool nr_is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if (c >= 0x100 && c <= 0x137)
        return (c & 1) == 0;
    if (c >= 0x139 && c <= 0x148)
        return (c & 1) == 1;
    if (c >= 0x14A && c <= 0x177)
        return (c & 1) == 0;
    if (c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D)
        return true;
    if (c >= 0x391 && c <= 0x3A9)
        return true;
    return c >= 0x400 && c <= 0x42F;
}

bool nr_is_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7;
    if (c >= 0x100 && c <= 0x17F)
        return !nr_is_upper(c);
    if (c >= 0x3B1 && c <= 0x3C9)
        return true;
    return c >= 0x430 && c <= 0x45F;
}

bool nr_is_letter(uint32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c == 0xAA || c == 0xB5 || c == 0xBA)
        return true;
    if (c >= 0xC0 && c <= 0x24F)
        return c != 0xD7 && c != 0xF7;
    /* Above Latin, treat everything but punctuation, symbol and space blocks as letters. */
    if (c >= 0x2000 && c <= 0x2BFF)
        return false;
    if (c >= 0x3000 && c <= 0x303F)
        return false;
    if (c == 0xFEFF || c == 0xFFFD || (c >= 0xFE00 && c <= 0xFE0F))
        return false;
    if (c >= 0x300 && c <= 0x36F)
        return true; /* combining marks belong to the letter before them */
    return c >= 0x370;
}

bool nr_is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

bool nr_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

bool nr_is_open_quote(uint32_t c)
{
    return c == 0x201C || c == 0xAB || c == 0x201E || c == 0x201F;
}

bool nr_is_close_quote(uint32_t c)
{
    return c == 0x201D || c == 0xBB;
}

bool nr_is_dash(uint32_t c)
{
    return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015;
}

/* Latin-1 and Latin Extended-A letters to their unaccented ASCII base, for keys. */
static char S_fold_latin(uint32_t c)
{
    static const char latin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"; /* U+00C0..U+00DF */
    if (c >= 0xC0 && c <= 0xDF)
        return latin1[c - 0xC0];
    if (c >= 0xE0 && c <= 0xFF)
        return c == 0xF7 ? 0 : (c == 0xFF ? 'y' : latin1[c - 0xE0]);
    if (c >= 0x100 && c <= 0x17F) {
        static const char ext[] =
            "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
            "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
        size_t k = c - 0x100;
        return k < sizeof ext - 1 ? ext[k] : 0;
    }
    return 0;
}

char *nr_fold_key(nr_arena *a, const char *s, size_t len)
{
    char *out = nr_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    bool space = false;
    while (i < len) {
        uint32_t c = nr_utf8_next(s, len, &i);
        if (nr_is_space(c) || nr_is_dash(c)) {
            space = o > 0;
            continue;
        }
        if (c == '.' || c == 0x2019 || c == '\'')
            continue; /* "U.S." and "U.S" and "O'Neil"/"O’Neil" share a key */
        if (space) {
            out[o++] = ' ';
            space = false;
        }
        if (c < 0x80) {
            out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        } else if (S_fold_latin(c)) {
            out[o++] = S_fold_latin(c);
        } else {
            char enc[4];
            size_t n = nr_utf8_encode(c, enc);
            memcpy(out + o, enc, n);
            o += n;
        }
    }
    out[o] = '\0';
    return out;
}

bool nr_cpmap_init(nr_cpmap *m, nr_arena *a, const char *text, size_t len)
{
    m->text = text;
    m->len = len;
    size_t n = len / NR_CPMAP_STEP + 1;
    m->checkpoints = nr_alloc(a, n * sizeof(int64_t));
    if (!m->checkpoints)
        return false;
    int64_t cps = 0;
    for (size_t k = 0; k < n; k++) {
        m->checkpoints[k] = cps;
        size_t b = k * NR_CPMAP_STEP, e = b + NR_CPMAP_STEP < len ? b + NR_CPMAP_STEP : len;
        cps += nr_utf8_count(text + b, e - b);
    }
    return true;
}

int64_t nr_cpmap_at(const nr_cpmap *m, size_t byte)
{
    if (byte > m->len)
        byte = m->len;
    size_t k = byte / NR_CPMAP_STEP;
    size_t b = k * NR_CPMAP_STEP;
    return m->checkpoints[k] + nr_utf8_count(m->text + b, byte - b);
}

nr_span nr_make_span(const nr_cpmap *m, size_t bstart, size_t bend)
{
    nr_span s = {nr_cpmap_at(m, bstart), nr_cpmap_at(m, bend), bstart, bend};
    return s;
}
