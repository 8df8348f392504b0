/* out_sqlite.c: --format sqlite: the five tables in a database that grows a transaction at a
 * time; an article already in it is left as it is. */
#include "command.h"

static int S_open(output *o)
{
    nr_error err;
    if ((o->state = nr_sqlite_open(o->opt->out_path, &err)))
        return 0;
    char name[NR_SHOWN_MAX];
    msg_print("error: %s: %s [output]", msg_shown(name, sizeof name, o->opt->out_path),
              err.message);
    return -1;
}

/* The database belongs to the main thread: the article is kept for add(). */
static nr_article *S_render(const options *opt, nr_article *a, item *it)
{
    (void)opt;
    (void)it;
    return a;
}

static bool S_add(output *o, item *it, const char *where)
{
    (void)where;
    nr_error err;
    int added = nr_sqlite_add(o->state, it->article, &err);
    if (added < 0)
        output_fail(o, o->opt->out_path, 0, err.message);
    return added != 0;
}

/* On commit the open batch is committed, else rolled back; earlier batches are in the file
 * already. */
static void S_close(output *o, bool commit)
{
    nr_error err;
    if (!o->state)
        return;
    if (!commit)
        nr_sqlite_discard(o->state);
    else if (nr_sqlite_close(o->state, &err) != 0)
        output_fail(o, o->opt->out_path, 0, err.message);
    o->state = NULL;
}

const format format_sqlite = {
    .name = "sqlite",
    .out_what = "FILE.db",
    .undone = "the open transaction was rolled back, earlier ones stay",
    .stopped = "the open transaction was rolled back, earlier ones stay",
    .open = S_open,
    .render = S_render,
    .add = S_add,
    .close = S_close,
};
