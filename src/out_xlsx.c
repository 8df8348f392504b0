/* out_xlsx.c: --format xlsx: one workbook, a sheet per table, written by the main thread from
 * the articles the workers keep for it. */
#include "command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_xlsx {
    nr_xlsx *book;
    out_file file; /* its names; libxlsxwriter writes the file itself when closing */
    char shown_path[NR_SHOWN_MAX];
} S_xlsx;

static int S_open(output *o)
{
    S_xlsx *w = calloc(1, sizeof *w);
    if (!(o->state = w) || out_file_name(&w->file, o->opt->out_path) != 0)
        return -1;
    msg_shown(w->shown_path, sizeof w->shown_path, o->opt->out_path);
    char name[NR_SHOWN_MAX];
    /* libxlsxwriter opens the file only when closing it: try the directory now. */
    FILE *probe = fopen(w->file.tmp_path, "wb");
    if (!probe) {
        msg_print("error: %s: %s [output]", msg_shown(name, sizeof name, w->file.tmp_path),
                  strerror(errno));
        return -1;
    }
    fclose(probe);
    nr_error err;
    if (!(w->book = nr_xlsx_open(w->file.tmp_path, &err))) {
        msg_print("error: %s: %s [output]", msg_shown(name, sizeof name, w->file.tmp_path),
                  err.message);
        return -1;
    }
    return 0;
}

/* The workbook belongs to the main thread: the article is kept for add(). */
static nr_article *S_render(const options *opt, nr_article *a, item *it)
{
    (void)opt;
    (void)it;
    return a;
}

static bool S_add(output *o, item *it, const char *where)
{
    S_xlsx *w = o->state;
    bool quiet = o->opt->quiet;
    nr_error err;
    unsigned sheets[NR_T_COUNT];
    for (int t = 0; t < NR_T_COUNT; t++)
        sheets[t] = nr_xlsx_sheets(w->book, (nr_table)t);
    long cut = nr_xlsx_add(w->book, it->article, &err);
    if (cut < 0) {
        output_fail(o, w->file.final_path, 0, err.message);
        return true;
    }
    if (cut > 0)
        item_warn(it, quiet, "%s: %ld cell%s over %d characters cut to fit a spreadsheet cell",
                  where, cut, cut == 1 ? "" : "s", NR_EXCEL_MAX_CELL);
    for (int t = 0; t < NR_T_COUNT; t++) {
        unsigned n = nr_xlsx_sheets(w->book, (nr_table)t);
        if (n != sheets[t])
            item_warn(it, quiet, "%s: table %s passes %d rows at %s; it goes on in sheet '%s %u'",
                      w->shown_path, nr_table_name((nr_table)t), NR_EXCEL_MAX_ROWS, where,
                      nr_table_name((nr_table)t), n);
    }
    return true;
}

/* The workbook is written to its temporary name (and read back) when the run commits, then
 * renamed; else discarded, with the probe file. */
static void S_close(output *o, bool commit)
{
    S_xlsx *w = o->state;
    if (!w)
        return;
    nr_error err;
    if (commit && w->book) {
        if (nr_xlsx_close(w->book, &err) != 0)
            output_fail(o, w->file.final_path, 0, err.message);
    } else if (w->book) {
        nr_xlsx_discard(w->book);
    }
    output_end_file(o, &w->file, commit); /* no stream of ours to close: it names the file */
    free(w);
    o->state = NULL;
}

const format format_xlsx = {
    .name = "xlsx",
    .out_what = "FILE.xlsx",
    .open = S_open,
    .render = S_render,
    .add = S_add,
    .close = S_close,
};
