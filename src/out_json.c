/* out_json.c: --format json (a pretty document per article) and jsonl (a line per article), to a
 * file or standard output. */
#include "command.h"

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

const format format_json = {
    .name = "json",
    .open = stream_open,
    .render = S_render_pretty,
    .add = stream_add,
    .close = stream_close,
};

const format format_jsonl = {
    .name = "jsonl",
    .open = stream_open,
    .render = S_render_line,
    .add = stream_add,
    .close = stream_close,
};
