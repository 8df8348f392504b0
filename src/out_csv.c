/* out_csv.c: --format csv: the five tables as DIR/<table>.csv in either dialect; all five take
 * their final names together or none does. */
#include "command.h"

#include <stdlib.h>
#include <string.h>

typedef struct S_csv {
    out_file files[NR_T_COUNT];
    size_t rows[NR_T_COUNT]; /* rows written to each table, the header not counted */
    char shown_dir[NR_SHOWN_MAX];
} S_csv;

/* DIR/<table>.csv under its temporary name, with its header row. */
static int S_open_table(output *o, S_csv *w, nr_table t)
{
    size_t n = strlen(o->opt->out_path) + 32;
    char *path = malloc(n);
    if (!path)
        return -1;
    snprintf(path, n, "%s/%s.csv", o->opt->out_path, nr_table_name(t));
    int rc = out_file_open(&w->files[t], path);
    free(path);
    if (rc != 0)
        return -1;
    nr_buf header = {0};
    nr_write_csv_header(&header, t, o->opt->dialect);
    output_emit(o, &w->files[t], &header);
    nr_buf_free(&header);
    return 0;
}

static int S_open(output *o)
{
    S_csv *w = calloc(1, sizeof *w);
    if (!(o->state = w) || out_dir_make(o->opt->out_path) != 0)
        return -1;
    msg_shown(w->shown_dir, sizeof w->shown_dir, o->opt->out_path);
    for (int t = 0; t < NR_T_COUNT; t++)
        if (S_open_table(o, w, (nr_table)t) != 0)
            return -1;
    return 0;
}

static nr_article *S_render(const options *opt, nr_article *a, item *it)
{
    for (int t = 0; t < NR_T_COUNT; t++)
        it->cut[t] = nr_write_csv_rows(&it->out[t], (nr_table)t, a, opt->dialect);
    return NULL;
}

/* Excel-dialect CSV: warns of cut cells, and of a table that passes a spreadsheet's last row. */
static void S_excel_limits(output *o, item *it, const char *where)
{
    S_csv *w = o->state;
    bool quiet = o->opt->quiet;
    for (int t = 0; t < NR_T_COUNT; t++) {
        const char *name = nr_table_name((nr_table)t);
        size_t before = w->rows[t] - it->rows[t];
        if (it->cut[t])
            item_warn(it, quiet,
                      "%s: %zu %s.csv cell%s over %d characters cut to fit a spreadsheet cell",
                      where, it->cut[t], name, it->cut[t] == 1 ? "" : "s", NR_EXCEL_MAX_CELL);
        /* the header is a row too */
        if (before < NR_EXCEL_MAX_ROWS && w->rows[t] >= NR_EXCEL_MAX_ROWS)
            item_warn(it, quiet,
                      "%s/%s.csv: passes %d rows at %s; Excel and LibreOffice open only the "
                      "first %d",
                      w->shown_dir, name, NR_EXCEL_MAX_ROWS, where, NR_EXCEL_MAX_ROWS);
    }
}

static bool S_add(output *o, item *it, const char *where)
{
    S_csv *w = o->state;
    for (int t = 0; t < NR_T_COUNT; t++) {
        output_emit(o, &w->files[t], &it->out[t]);
        w->rows[t] += it->rows[t];
    }
    if (o->opt->dialect == NR_CSV_EXCEL)
        S_excel_limits(o, it, where);
    return true;
}

/* Closes every table (fsynced when kept); only when all five were written do any of them take
 * their final names. */
static void S_close(output *o, bool commit)
{
    S_csv *w = o->state;
    if (!w)
        return;
    for (int t = 0; t < NR_T_COUNT; t++) {
        out_file *f = &w->files[t];
        int err = f->fp ? out_file_close(f, commit) : 0;
        if (err && commit)
            output_fail(o, f->final_path, err, NULL);
    }
    for (int t = 0; t < NR_T_COUNT; t++)
        output_end_file(o, &w->files[t], commit); /* closed: it names or removes each */
    free(w);
    o->state = NULL;
}

const format format_csv = {
    .name = "csv",
    .out_what = "DIR",
    .out_dir = true,
    .dialect = true,
    .open = S_open,
    .render = S_render,
    .add = S_add,
    .close = S_close,
};
