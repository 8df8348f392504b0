/* out_json.c: --format json (a pretty document per article) and jsonl (a line per article), to a
 * file or standard output. */
#include "command.h"

#include <stdlib.h>

/* The one file, or standard output. */
static int S_open(output *o)
{
    out_file *f = calloc(1, sizeof *f);
    if (!(o->state = f))
        return -1;
    return out_file_open(f, o->opt->out_path);
}

static nr_article *S_render(const options *opt, nr_article *a, item *it, int pretty)
{
    nr_json_opts o = {pretty, opt->with_text};
    nr_write_json(&it->out[0], a, &o);
    nr_buf_putc(&it->out[0], '\n');
    return NULL;
}

static nr_article *S_render_pretty(const options *opt, nr_article *a, item *it)
{
    return S_render(opt, a, it, 1);
}

static nr_article *S_render_line(const options *opt, nr_article *a, item *it)
{
    return S_render(opt, a, it, 0);
}

static bool S_add(output *o, item *it, const char *where)
{
    (void)where;
    output_emit(o, o->state, &it->out[0]);
    return true;
}

/* Closes the file, fsynced when it is kept, and gives it its name when commit and all went well. */
static void S_close(output *o, bool commit)
{
    out_file *f = o->state;
    if (!f)
        return;
    output_end_file(o, f, commit);
    free(f);
    o->state = NULL;
}

const format format_json = {
    .name = "json",
    .open = S_open,
    .render = S_render_pretty,
    .add = S_add,
    .close = S_close,
};

const format format_jsonl = {
    .name = "jsonl",
    .open = S_open,
    .render = S_render_line,
    .add = S_add,
    .close = S_close,
};
