/* work.c: one input as a unit of work: extracted and rendered on a worker, then checked for a
 * duplicate and written out on the main thread, in input order. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void item_warn(item *it, bool quiet, const char *fmt, ...)
{
    it->n_warnings++;
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    msg_vline(&it->msgs, "warning: ", fmt, ap);
    va_end(ap);
}

/* Empties a buffer for reuse, giving back what one huge article made it hold, and clearing a
 * failed allocation so it is not reported again for the next input. */
static void S_reuse(nr_buf *b)
{
    if (b->cap > ((size_t)1 << 20) || b->failed)
        nr_buf_free(b);
    b->len = 0;
}

static void S_reset(item *it)
{
    S_reuse(&it->in);
    S_reuse(&it->msgs);
    S_reuse(&it->file);
    S_reuse(&it->shown);
    for (int t = 0; t < NR_T_COUNT; t++)
        S_reuse(&it->out[t]);
    memset(it->rows, 0, sizeof it->rows);
    memset(it->cut, 0, sizeof it->cut);
    it->n_warnings = 0;
    nr_article_free(it->article);
    it->article = NULL;
    it->line = 0;
    it->jsonl = it->message = false;
    it->id[0] = '\0';
    it->failed = 0;
    memset(it->stage_ns, 0, sizeof it->stage_ns);
}

item *item_take(run *r, const char *file, long line)
{
    item *it = pool_next(r->pool);
    S_reset(it);
    nr_buf_put(&it->file, file, strlen(file) + 1);
    msg_name(&it->shown, file);
    nr_buf_putc(&it->shown, '\0');
    it->line = line;
    return it;
}

void input_failed(run *r, const char *file, long line, const char *cls, const char *msg)
{
    item *it = item_take(r, file, line);
    char buf[NR_SHOWN_MAX + 32];
    it->message = true;
    it->failed = 1;
    msg_line(&it->msgs, "error: %s: %s [%s]", where_of(buf, sizeof buf, it->shown.data, line), msg,
             cls);
    pool_submit(r->pool);
}

/* What the article gave: its messages and counts, then its records in the format's slots. */
static void S_collect(const run *r, item *it, nr_article *a, const char *where)
{
    const options *opt = r->opt;
    for (size_t i = 0; i < a->n_warnings && !opt->quiet; i++)
        msg_line(&it->msgs, "warning: %s: %s", where, a->warnings[i]);
    memcpy(it->id, a->id, sizeof it->id);
    memcpy(it->stage_ns, a->stage_ns, sizeof a->stage_ns);
    it->n_warnings = a->n_warnings;
    for (int k = 0; k < NR_T_COUNT; k++)
        it->rows[k] = nr_table_size((nr_table)k, a);
    uint64_t t = now_ns();
    it->article = opt->format->render(opt, a, it);
    it->stage_ns[NR_STAGE_COUNT] = now_ns() - t;
    if (!it->article)
        nr_article_free(a);
}

/* Runs on a worker: reads the record, extracts the article, renders it. Reads r, never writes. */
void work_item(void *ctx, void *p)
{
    const run *r = ctx;
    item *it = p;
    if (it->message)
        return;
    char source_buf[4200], where_buf[NR_SHOWN_MAX + 32];
    /* the source goes into the records as given (the library makes it valid UTF-8); messages
     * show the escaped name */
    const char *source = where_of(source_buf, sizeof source_buf, it->file.data, it->line);
    const char *where = where_of(where_buf, sizeof where_buf, it->shown.data, it->line);
    nr_error err;
    nr_jsonl_record *rec = NULL;
    nr_input in = {
        .data = it->in.data, .len = it->in.len, .source = source, .published = r->opt->date};
    if (it->jsonl) {
        if (!(rec = nr_jsonl_parse(it->in.data, it->in.len, it->shown.data, it->line, &err))) {
            it->failed = 1;
            msg_line(&it->msgs, "error: %s [%s]", err.message, nr_status_name(err.status));
            return;
        }
        in = *nr_jsonl_input(rec);
        if (!in.source)
            in.source = source;
        if (!in.published)
            in.published = r->opt->date;
    }
    nr_article *a = nr_extract(r->ctx, &in, &err);
    if (a) {
        S_collect(r, it, a, where);
    } else {
        it->failed = 1;
        msg_line(&it->msgs, "error: %s: %s [%s]", where, err.message, nr_status_name(err.status));
    }
    nr_jsonl_free(rec);
}

/* An article not seen before goes to the output; a duplicate is named with its first source. */
static void S_export(run *r, item *it)
{
    char buf[NR_SHOWN_MAX + 32], first[NR_SHOWN_MAX + 32];
    const char *where = where_of(buf, sizeof buf, it->shown.data, it->line);
    if (seen_check(r->seen, it->id, it->shown.data, it->line, first, sizeof first)) {
        r->n.duplicates++;
        item_warn(it, r->opt->quiet, "%s: same article as %s (id %s); exported once", where, first,
                  it->id);
        return;
    }
    bool added = r->opt->format->add(&r->out, it, where);
    for (int k = 0; k < NR_T_COUNT; k++)
        r->n.rows[k] += added ? it->rows[k] : 0;
    r->n.articles += added;
    r->n.already += !added;
    nr_article_free(it->article);
    it->article = NULL;
}

/* Runs on the main thread in input order: the duplicate check, the writes, the messages. */
void finish_item(void *ctx, void *p)
{
    run *r = ctx;
    item *it = p;
    uint64_t t = now_ns();
    if (it->id[0])
        S_export(r, it);
    r->n.failed += it->failed;
    r->n.warnings += (long)it->n_warnings;
    report_messages(&r->rep, &it->msgs);
    report_progress(&r->rep, &r->n, false);
    it->stage_ns[NR_STAGE_COUNT] += now_ns() - t;
    for (int k = 0; k <= NR_STAGE_COUNT; k++)
        r->n.stage_ns[k] += it->stage_ns[k];
}

void free_item(void *ctx, void *p)
{
    (void)ctx;
    item *it = p;
    nr_article_free(it->article);
    nr_buf_free(&it->in);
    nr_buf_free(&it->file);
    nr_buf_free(&it->shown);
    nr_buf_free(&it->msgs);
    for (int t = 0; t < NR_T_COUNT; t++)
        nr_buf_free(&it->out[t]);
}
