/* fuzz_csv.c: cells -> the CSV row writer (either dialect) -> libcsv strict parse gives the same
 * cells back; in the Excel dialect through our own formula, never as a formula of the cell's. */
#include "oracle.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 64

typedef struct parsed {
    const uint8_t *want[MAX_CELLS];
    size_t want_len[MAX_CELLS];
    int excel;
    size_t n, rows, got;
} parsed;

/* Excel's limits on a formula, in UTF-16 code units: all of it, and one string constant. */
#define MAX_FORMULA 8192
#define MAX_STRING 255

static size_t utf16_units(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            units += (unsigned char)s[i] >= 0xF0 ? 2 : 1;
    return units;
}

static int starts_formula(const uint8_t *s, size_t n)
{
    return n > 0 && memchr("=+-@\t\r\n", s[0], 7) != NULL;
}

/* What a spreadsheet shows for our formula ="..."&CHAR(10)&"...", into out (as long as f);
 * fails the oracle when f is any other formula, or passes Excel's limits when text (valid UTF-8,
 * all newsrec writes: the limits count characters, which other bytes are not). */
static size_t evaluate(const char *f, size_t n, char *out, size_t k, int text)
{
    size_t i = 1, len = 0;
    if (text && utf16_units(f, n) > MAX_FORMULA)
        oracle_fail("cell %zu: a formula over %d characters", k, MAX_FORMULA);
    while (i < n) {
        if (n - i >= 8 &&
            (memcmp(f + i, "CHAR(10)", 8) == 0 || memcmp(f + i, "CHAR(13)", 8) == 0)) {
            out[len++] = f[i + 6] == '0' ? '\n' : '\r';
            i += 8;
        } else if (f[i] == '"') {
            size_t start = len;
            for (i++; i < n && !(f[i] == '"' && (i + 1 == n || f[i + 1] != '"')); i++) {
                out[len++] = f[i];
                i += f[i] == '"'; /* "" is one quote */
            }
            if (i++ >= n)
                oracle_fail("cell %zu: a string in the formula is not closed", k);
            if (text && utf16_units(out + start, len - start) > MAX_STRING)
                oracle_fail("cell %zu: a string constant over %d characters", k, MAX_STRING);
        } else {
            oracle_fail("cell %zu: a formula that is not ours: %.40s", k, f);
        }
        if (i < n && f[i++] != '&')
            oracle_fail("cell %zu: pieces of the formula not joined by &", k);
    }
    return len;
}

/* In the Excel dialect a cell comes back as its text (never one that starts like a formula), as
 * our formula that gives the text back, or, for a text that starts like a formula and whose
 * formula would pass Excel's limit, as the text after a "'". */
static void excel_field(parsed *p, size_t k, const char *got, size_t len)
{
    const uint8_t *want = p->want[k];
    size_t want_len = p->want_len[k];
    int text = oracle_utf8_ok((const char *)want, want_len);
    if (len > 0 && got[0] == '=') {
        char *shown = malloc(len + 1);
        if (!shown)
            return;
        size_t n = evaluate(got, len, shown, k, text);
        if (n != want_len || (n && memcmp(shown, want, n) != 0))
            oracle_fail("cell %zu: the formula gives other text (%zu bytes, wrote %zu)", k, n,
                        want_len);
        free(shown);
        return;
    }
    if (len == want_len + 1 && got[0] == '\'' && starts_formula(want, want_len)) {
        if (text && utf16_units((const char *)want, want_len) < MAX_FORMULA / 12)
            oracle_fail("cell %zu: a short formula-like text guarded with \"'\"", k);
        got++;
        len--;
    } else if (starts_formula(want, want_len)) {
        oracle_fail("cell %zu starts with '%c' and came back without a guard", k, want[0]);
    }
    if (len != want_len || (len && memcmp(got, want, len) != 0))
        oracle_fail("cell %zu came back different (%zu bytes, wrote %zu)", k, len, want_len);
}

static void on_field(void *f, size_t len, void *user)
{
    parsed *p = user;
    if (p->got >= p->n)
        oracle_fail("more cells came back than were written (%zu)", p->n);
    size_t k = p->got++;
    const char *got = f;
    if (p->excel) {
        excel_field(p, k, got, len);
        return;
    }
    if (len != p->want_len[k] || (len && memcmp(got, p->want[k], len) != 0))
        oracle_fail("cell %zu came back different (%zu bytes, wrote %zu)", k, len, p->want_len[k]);
}

static void on_row(int c, void *user)
{
    (void)c;
    ((parsed *)user)->rows++;
}

/* The first byte's low bit picks the dialect (1: Excel). The rest is the cells, split at 0xFF;
 * a cell that is the single byte 0xFE is NULL (written as an empty unquoted cell, read back as
 * empty). Cells stay below Excel's limit, so none is cut. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *cells[MAX_CELLS];
    size_t lens[MAX_CELLS];
    parsed p;
    memset(&p, 0, sizeof p);
    if (size == 0 || size > NR_EXCEL_MAX_CELL)
        return 0;
    nr_csv_dialect dialect = (data[0] & 1) ? NR_CSV_EXCEL : NR_CSV_RFC4180;
    p.excel = dialect == NR_CSV_EXCEL;
    data++;
    size--;
    size_t start = 0;
    for (size_t i = 0; i <= size && p.n < MAX_CELLS; i++) {
        if (i < size && data[i] != 0xFF)
            continue;
        size_t len = i - start;
        int null = len == 1 && data[start] == 0xFE;
        cells[p.n] = null ? NULL : (const char *)data + start;
        lens[p.n] = null ? 0 : len;
        p.want[p.n] = data + start;
        p.want_len[p.n] = null ? 0 : len;
        p.n++;
        start = i + 1;
    }
    nr_buf out;
    nr_buf_init(&out);
    if (nr_write_csv_row(&out, cells, lens, p.n, dialect) != 0)
        oracle_fail("a cell below Excel's limit was cut");
    if (out.failed)
        oracle_fail("CSV writer ran out of memory");
    const char *end = dialect == NR_CSV_EXCEL ? "\r\n" : "\n";
    size_t end_len = strlen(end);
    /* a row's last byte before its end is a quote mark, a comma or nothing, never a CR */
    if (out.len < end_len || memcmp(out.data + out.len - end_len, end, end_len) != 0 ||
        (dialect == NR_CSV_RFC4180 && out.len >= 2 && out.data[out.len - 2] == '\r'))
        oracle_fail("a row does not end with %s", dialect == NR_CSV_EXCEL ? "CRLF" : "LF");
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        oracle_fail("csv_init");
    if (csv_parse(&parser, out.data, out.len, on_field, on_row, &p) != out.len ||
        csv_fini(&parser, on_field, on_row, &p) != 0)
        oracle_fail("the row does not parse in libcsv strict mode: %s",
                    csv_strerror(csv_error(&parser)));
    csv_free(&parser);
    /* libcsv drops a row of one empty unquoted cell as a blank line. */
    int blank = p.n == 1 && cells[0] == NULL;
    if (!blank && (p.rows != 1 || p.got != p.n))
        oracle_fail("%zu rows and %zu cells came back for 1 row of %zu", p.rows, p.got, p.n);
    nr_buf_free(&out);
    return 0;
}
