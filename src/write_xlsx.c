/* write_xlsx.c: the five tables as the sheets of an Excel workbook, written by libxlsxwriter. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* The widest column, in characters; a longer text wraps inside it. */
#define S_MAX_WIDTH 60
/* Characters on one wrapped line of such a column: a width unit is the width of a digit, wider
 * than the average letter, which makes up for lines breaking between words. */
#define S_WRAP_LINE 66
/* Points per line of text; and the most a row can be, Excel's limit. */
#define S_LINE_HEIGHT 15.0
#define S_MAX_LINES 27
/* 2000-01-01T00:00:00Z, the workbook's creation time whenever it is written. */
#define S_CREATED 946684800

typedef struct S_sheet {
    lxw_worksheet *ws;
    unsigned index; /* the sheet's place in the workbook, from 1 */
    unsigned count; /* sheets of this table so far */
    lxw_row_t row;  /* the next row to write */
    double width[NR_MAX_COLUMNS];
} S_sheet;

struct nr_xlsx {
    nr_cells cells; /* first: the table layout calls back with this */
    lxw_workbook *wb;
    lxw_format *header, *top, *wrap; /* every cell is top-aligned, beside wrapped ones */
    lxw_format *tenths;              /* a decimal shown to one place, as the CSV writes it */
    S_sheet sheets[NR_T_COUNT];
    nr_table table; /* the table nr_table_rows is filling */
    lxw_col_t col;
    size_t lines; /* the most lines a wrapped cell of this row needs */
    long cut;
    lxw_error error; /* the first failure */
    nr_buf cell;     /* a text cell, NUL-terminated for libxlsxwriter */
    char *tmpdir, *path;
    unsigned n_sheets;
    nr_buf done; /* S_done of each finished sheet, to check the file against */
};

/* A finished sheet: where it is in the workbook and the rows it must hold. */
typedef struct S_done {
    unsigned index;
    lxw_row_t rows;
} S_done;

static void S_check(nr_xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
        x->error = e;
}

static void S_widen(S_sheet *sh, lxw_col_t col, size_t chars)
{
    double w = chars < S_MAX_WIDTH ? (double)chars + 1 : S_MAX_WIDTH;
    if (col < NR_MAX_COLUMNS && w > sh->width[col])
        sh->width[col] = w;
}

/* The autofilter over every row written and the fitted column widths. */
static void S_finish_sheet(nr_xlsx *x, nr_table t)
{
    S_sheet *sh = &x->sheets[t];
    lxw_col_t n = 0;
    while (nr_table_columns(t)[n])
        n++;
    S_check(x, worksheet_autofilter(sh->ws, 0, 0, sh->row - 1, n - 1));
    for (lxw_col_t c = 0; c < n; c++)
        S_check(x, worksheet_set_column(sh->ws, c, c, sh->width[c], NULL));
    S_done d = {sh->index, sh->row};
    nr_buf_put(&x->done, (const char *)&d, sizeof d);
    if (x->done.failed)
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
}

static void S_start_sheet(nr_xlsx *x, nr_table t)
{
    S_sheet *sh = &x->sheets[t];
    char name[32];
    if (sh->count++)
        snprintf(name, sizeof name, "%s %u", nr_table_name(t), sh->count);
    else
        snprintf(name, sizeof name, "%s", nr_table_name(t));
    if (!(sh->ws = workbook_add_worksheet(x->wb, name))) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sh->index = ++x->n_sheets;
    worksheet_freeze_panes(sh->ws, 1, 0);
    const char *const *cols = nr_table_columns(t);
    for (lxw_col_t c = 0; cols[c]; c++) {
        S_check(x, worksheet_write_string(sh->ws, 0, c, cols[c], x->header));
        sh->width[c] = 0;
        S_widen(sh, c, strlen(cols[c]) + 3); /* room for the autofilter button */
    }
    sh->row = 1;
}

/* The sheet the next cell goes on; a full sheet hands over to a new one at a row's start. */
static S_sheet *S_sheet_for_cell(nr_xlsx *x)
{
    S_sheet *sh = &x->sheets[x->table];
    if (x->col == 0 && sh->row >= NR_EXCEL_MAX_ROWS && x->error == LXW_NO_ERROR) {
        S_finish_sheet(x, x->table);
        S_start_sheet(x, x->table);
    }
    return x->error == LXW_NO_ERROR ? sh : NULL;
}

static void S_text(nr_cells *c, const char *s, size_t n)
{
    nr_xlsx *x = (nr_xlsx *)c;
    S_sheet *sh = S_sheet_for_cell(x);
    lxw_col_t col = x->col++;
    if (!sh || !s)
        return;
    size_t fit = nr_utf16_fit(s, n, NR_EXCEL_MAX_CELL);
    x->cut += fit < n;
    x->cell.len = 0;
    nr_buf_put(&x->cell, s, fit);
    nr_buf_putc(&x->cell, '\0');
    if (x->cell.failed) {
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t chars = (size_t)nr_utf8_count(s, fit);
    lxw_format *f = x->top;
    if (chars > S_MAX_WIDTH) {
        f = x->wrap;
        size_t lines = (chars + S_WRAP_LINE - 1) / S_WRAP_LINE;
        x->lines = lines > x->lines ? lines : x->lines;
    }
    S_check(x, worksheet_write_string(sh->ws, sh->row, col, x->cell.data, f));
    S_widen(sh, col, chars);
}

static void S_number(nr_cells *c, long long v)
{
    nr_xlsx *x = (nr_xlsx *)c;
    S_sheet *sh = S_sheet_for_cell(x);
    lxw_col_t col = x->col++;
    if (!sh)
        return;
    S_check(x, worksheet_write_number(sh->ws, sh->row, col, (double)v, x->top));
    size_t digits = 1;
    for (long long p = v < 0 ? -v : v; p >= 10; p /= 10)
        digits++;
    S_widen(sh, col, digits);
}

static void S_boolean(nr_cells *c, bool v)
{
    nr_xlsx *x = (nr_xlsx *)c;
    S_sheet *sh = S_sheet_for_cell(x);
    lxw_col_t col = x->col++;
    if (sh)
        S_check(x, worksheet_write_boolean(sh->ws, sh->row, col, v, x->top));
}

static void S_decimal(nr_cells *c, double v)
{
    nr_xlsx *x = (nr_xlsx *)c;
    S_sheet *sh = S_sheet_for_cell(x);
    lxw_col_t col = x->col++;
    if (!sh)
        return;
    S_check(x, worksheet_write_number(sh->ws, sh->row, col, v, x->tenths));
    S_widen(sh, col, 5); /* "-10.0" */
}

static void S_end(nr_cells *c)
{
    nr_xlsx *x = (nr_xlsx *)c;
    S_sheet *sh = &x->sheets[x->table];
    /* Spreadsheets do not fit a row's height to wrapped text when they open a file, so the
     * height is set here from the longest wrapped cell. */
    if (x->lines > 1 && x->error == LXW_NO_ERROR) {
        size_t lines = x->lines < S_MAX_LINES ? x->lines : S_MAX_LINES;
        S_check(x, worksheet_set_row(sh->ws, sh->row, S_LINE_HEIGHT * (double)lines, NULL));
    }
    sh->row++;
    x->col = 0;
    x->lines = 0;
}

static void S_fail(nr_error *err, nr_status status, const char *what)
{
    if (!err)
        return;
    err->status = status;
    snprintf(err->message, sizeof err->message, "%s", what);
    size_t n = strlen(err->message);
    if (n && err->message[n - 1] == '.') /* lxw_strerror's sentences end in one */
        err->message[n - 1] = '\0';
}

/* libxlsxwriter keeps its temporary files beside the workbook, not in a /tmp that may be a
 * small tmpfs. */
static char *S_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) + 1 : 2;
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, slash ? path : "./", n);
        dir[n] = '\0';
    }
    return dir;
}

nr_xlsx *nr_xlsx_open(const char *path, nr_error *err)
{
    nr_xlsx *x = calloc(1, sizeof *x);
    if (x) {
        nr_buf_init(&x->cell);
        nr_buf_init(&x->done);
    }
    if (!x || !(x->tmpdir = S_dir_of(path)) || !(x->path = strdup(path))) {
        nr_xlsx_discard(x);
        S_fail(err, NR_ENOMEM, "out of memory");
        return NULL;
    }
    x->cells = (nr_cells){S_text, S_number, S_boolean, S_decimal, S_end, false};
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir};
    x->wb = workbook_new_opt(path, &opts);
    if (x->wb) {
        x->header = workbook_add_format(x->wb);
        x->top = workbook_add_format(x->wb);
        x->wrap = workbook_add_format(x->wb);
        x->tenths = workbook_add_format(x->wb);
    }
    if (!x->header || !x->top || !x->wrap || !x->tenths) {
        nr_xlsx_discard(x);
        S_fail(err, NR_ENOMEM, "out of memory");
        return NULL;
    }
    /* A fixed creation time (libxlsxwriter dates the file and its zip entries with it): the
     * same input gives the same bytes. */
    lxw_doc_properties props = {
        .title = "newsrec records", .author = "newsrec " NR_VERSION, .created = S_CREATED};
    if (workbook_set_properties(x->wb, &props) != LXW_NO_ERROR) {
        nr_xlsx_discard(x);
        S_fail(err, NR_ENOMEM, "out of memory");
        return NULL;
    }
    format_set_bold(x->header);
    format_set_align(x->top, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(x->tenths, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(x->tenths, "0.0");
    for (int t = 0; t < NR_T_COUNT; t++)
        S_start_sheet(x, (nr_table)t);
    return x;
}

long nr_xlsx_add(nr_xlsx *x, const nr_article *a, nr_error *err)
{
    x->cut = 0;
    for (int t = 0; t < NR_T_COUNT && x->error == LXW_NO_ERROR; t++) {
        x->table = (nr_table)t;
        x->col = 0;
        nr_table_rows(&x->cells, (nr_table)t, a);
    }
    if (x->cells.failed)
        S_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    if (x->error == LXW_NO_ERROR)
        return x->cut;
    S_fail(err, x->error == LXW_ERROR_MEMORY_MALLOC_FAILED ? NR_ENOMEM : NR_EIO,
           lxw_strerror(x->error));
    return -1;
}

unsigned nr_xlsx_sheets(const nr_xlsx *x, nr_table t)
{
    return t < NR_T_COUNT ? x->sheets[t].count : 0;
}

int nr_xlsx_close(nr_xlsx *x, nr_error *err)
{
    for (int t = 0; t < NR_T_COUNT && x->error == LXW_NO_ERROR; t++)
        S_finish_sheet(x, (nr_table)t);
    if (x->error != LXW_NO_ERROR) {
        S_fail(err, NR_EIO, lxw_strerror(x->error));
        nr_xlsx_discard(x);
        return -1;
    }
    lxw_error e = workbook_close(x->wb); /* writes the file and frees the workbook */
    x->wb = NULL;
    int rc = e == LXW_NO_ERROR ? 0 : -1;
    if (rc != 0)
        S_fail(err, NR_EIO, lxw_strerror(e));
    const S_done *d = (const S_done *)x->done.data;
    for (size_t k = 0; rc == 0 && k < x->done.len / sizeof *d; k++) {
        char why[256];
        if (!nr_xlsx_check_sheet(x->path, d[k].index, d[k].rows, why, sizeof why)) {
            S_fail(err, NR_EIO, why);
            rc = -1;
        }
    }
    nr_xlsx_discard(x);
    return rc;
}

void nr_xlsx_discard(nr_xlsx *x)
{
    if (!x)
        return;
    if (x->wb)
        lxw_workbook_free(x->wb);
    nr_buf_free(&x->cell);
    nr_buf_free(&x->done);
    free(x->tmpdir);
    free(x->path);
    free(x);
}
