/* out_html.c: --format html: DIR/<article id>.html for each article, and DIR/index.html listing
 * them, complete when the run is. */
#include "command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* index.html, which lists the pages as they are written. */
static int S_open(output *o)
{
    out_file *index = calloc(1, sizeof *index);
    if (!(o->state = index) || out_dir_make(o->opt->out_path) != 0)
        return -1;
    size_t n = strlen(o->opt->out_path) + 16;
    char *path = malloc(n);
    if (!path)
        return -1;
    snprintf(path, n, "%s/index.html", o->opt->out_path);
    int rc = out_file_open(index, path);
    free(path);
    if (rc != 0)
        return -1;
    nr_buf head = {0};
    nr_write_html_index_head(&head);
    output_emit(o, index, &head);
    nr_buf_free(&head);
    return 0;
}

/* out[0]: the article's row of the index; out[1]: its page. */
static nr_article *S_render(const options *opt, nr_article *a, item *it)
{
    (void)opt;
    nr_write_html_index_row(&it->out[0], a);
    nr_write_html(&it->out[1], a);
    return NULL;
}

/* DIR/<article id>.html, written whole under a temporary name and renamed. */
static void S_write_page(output *o, const item *it)
{
    const char *dir = o->opt->out_path;
    size_t n = strlen(dir) + sizeof it->id + 8;
    char *path = malloc(n);
    out_file f = {0};
    if (!path) {
        output_fail(o, dir, 0, "out of memory");
        return;
    }
    snprintf(path, n, "%s/%s.html", dir, it->id);
    if (out_file_open(&f, path) == 0) {
        output_emit(o, &f, &it->out[1]);
        /* No fsync per page: thousands of them would cost more than the pages. The rename
         * still makes a page whole or absent for every reader unless the machine goes down. */
        int err = out_file_close(&f, false);
        if (err)
            output_fail(o, f.final_path, err, NULL);
        if ((err = out_file_place(&f, !o->error)) != 0)
            output_fail(o, f.final_path, err, NULL);
    } else {
        output_fail(o, path, 0, strerror(errno));
    }
    out_file_free(&f);
    free(path);
}

static bool S_add(output *o, item *it, const char *where)
{
    (void)where;
    output_emit(o, o->state, &it->out[0]);
    S_write_page(o, it);
    return true;
}

/* On commit the index gets its tail, then (fsynced) its name; else it is removed. */
static void S_close(output *o, bool commit)
{
    out_file *index = o->state;
    if (!index)
        return;
    if (commit) {
        nr_buf tail = {0};
        nr_write_html_index_tail(&tail);
        output_emit(o, index, &tail);
        nr_buf_free(&tail);
    }
    output_end_file(o, index, commit);
    free(index);
    o->state = NULL;
}

const format format_html = {
    .name = "html",
    .out_what = "DIR",
    .out_dir = true,
    .open = S_open,
    .render = S_render,
    .add = S_add,
    .close = S_close,
};
