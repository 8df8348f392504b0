/* fuzz_csv.c: cells -> the CSV row writer (either dialect) -> libcsv strict parse gives the same
 * cells back, guarded ones with their "'". */
#include "oracle.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 64

typedef struct parsed {
    const uint8_t *want[MAX_CELLS];
    size_t want_len[MAX_CELLS];
    int guarded[MAX_CELLS]; /* comes back after a "'" */
    size_t n, rows, got;
} parsed;

static void on_field(void *f, size_t len, void *user)
{
    parsed *p = user;
    if (p->got >= p->n)
        oracle_fail("more cells came back than were written (%zu)", p->n);
    size_t k = p->got++;
    const char *got = f;
    if (p->guarded[k]) {
        if (len == 0 || got[0] != '\'')
            oracle_fail("cell %zu starts with '%c' and came back without the guard", k,
                        p->want[k][0]);
        got++;
        len--;
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
        p.guarded[p.n] = dialect == NR_CSV_EXCEL && !null && len > 0 &&
                         memchr("=+-@\t\r\n", data[start], 7) != NULL;
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
