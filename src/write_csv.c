/* write_csv.c: renders the five CSV tables in the RFC 4180 or the Excel dialect; libcsv quotes
 * every text cell, numbers stay bare. */
#include "internal.h"

#include <csv.h>
#include <string.h>

typedef struct S_csv {
    nr_cells cells; /* first: the table layout calls back with this */
    nr_buf *out;
    nr_csv_dialect dialect;
    bool first; /* no cell of this row written yet */
    size_t cut;
} S_csv;

static void S_sep(S_csv *w)
{
    if (!w->first)
        nr_buf_putc(w->out, ',');
    w->first = false;
}

/* A cell a spreadsheet would read as a formula (or as the start of one). */
static bool S_needs_guard(const char *s, size_t n)
{
    return n > 0 && s[0] && strchr("=+-@\t\r\n", s[0]);
}

static void S_text(nr_cells *c, const char *s, size_t n)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    if (!s)
        return;
    bool guard = false;
    if (w->dialect == NR_CSV_EXCEL) {
        guard = S_needs_guard(s, n);
        size_t fit = nr_utf16_fit(s, n, NR_EXCEL_MAX_CELL - guard);
        w->cut += fit < n;
        n = fit;
    }
    char *dst = nr_buf_reserve(w->out, 2 * n + 3);
    if (!dst)
        return;
    size_t len = csv_write(dst, 2 * n + 2, s, n);
    if (guard) { /* '"' then "'" then the rest: the quote mark needs no escape */
        memmove(dst + 2, dst + 1, len - 1);
        dst[1] = '\'';
        len++;
    }
    w->out->len += len;
}

static void S_number(nr_cells *c, long long v)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    nr_buf_put_int(w->out, v);
}

static void S_boolean(nr_cells *c, bool v)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    nr_buf_puts(w->out, v ? "true" : "false");
}

static void S_end(nr_cells *c)
{
    S_csv *w = (S_csv *)c;
    nr_buf_puts(w->out, w->dialect == NR_CSV_EXCEL ? "\r\n" : "\n");
    w->first = true;
}

static S_csv S_writer(nr_buf *out, nr_csv_dialect d)
{
    return (S_csv){{S_text, S_number, S_boolean, S_end, false}, out, d, true, 0};
}

void nr_write_csv_header(nr_buf *out, nr_table t, nr_csv_dialect d)
{
    const char *const *cols = nr_table_columns(t);
    if (!cols)
        return;
    if (d == NR_CSV_EXCEL)
        nr_buf_puts(out, "\xEF\xBB\xBF"); /* how Excel tells UTF-8 from the local code page */
    for (size_t k = 0; cols[k]; k++) {
        if (k)
            nr_buf_putc(out, ',');
        nr_buf_puts(out, cols[k]);
    }
    nr_buf_puts(out, d == NR_CSV_EXCEL ? "\r\n" : "\n");
}

size_t nr_write_csv_row(nr_buf *out, const char *const *cells, const size_t *lens, size_t n,
                        nr_csv_dialect d)
{
    S_csv w = S_writer(out, d);
    for (size_t k = 0; k < n; k++)
        S_text(&w.cells, cells[k], cells[k] ? lens[k] : 0);
    S_end(&w.cells);
    return w.cut;
}

size_t nr_write_csv_rows(nr_buf *out, nr_table t, const nr_article *a, nr_csv_dialect d)
{
    S_csv w = S_writer(out, d);
    nr_table_rows(&w.cells, t, a);
    if (w.cells.failed)
        out->failed = 1;
    return w.cut;
}
