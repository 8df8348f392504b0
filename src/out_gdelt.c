/* out_gdelt.c: --format gdelt, the events as GDELT 2.0 event-table rows, to a file or standard output. */
#include "command.h"

static nr_article *S_render(const options *opt, nr_article *a, item *it)
{
    (void)opt;
    nr_write_gdelt(&it->out[0], a);
    return NULL;
}

const format format_gdelt = {
    .name = "gdelt",
    .open = stream_open,
    .render = S_render,
    .add = stream_add,
    .close = stream_close,
};
