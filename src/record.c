/* record.c: beside the record model: the names of its enums, a statement's text and an
 * article's warnings, which the stages and the writers use without calling up into the driver. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

/* One article keeps at most this many warnings; a page of garbage must not become a page of
 * warnings. */
#define NR_MAX_WARNINGS 100

const char *nr_status_name(nr_status status)
{
    static const char *const names[] = {"ok",    "memory", "not-text", "empty",
                                        "limit", "input",  "io"};
    return status <= NR_EIO ? names[status] : "unknown";
}

const char *nr_kind_name(nr_kind kind)
{
    static const char *const names[] = {"person", "organization", "location", "group", "other"};
    return kind <= NR_OTHER ? names[kind] : "other";
}

const char *nr_form_name(nr_form form)
{
    static const char *const names[] = {"name", "alias", "acronym", "pronoun", "description"};
    return form <= NR_DESCRIPTION ? names[form] : "name";
}

const char *nr_quote_kind_name(nr_quote_kind kind)
{
    static const char *const names[] = {"direct", "indirect", "mixed"};
    return kind <= NR_MIXED ? names[kind] : "direct";
}

const char *nr_stage_name(nr_stage stage)
{
    static const char *const names[] = {"decode", "segment", "actors", "statements", "events"};
    return stage < NR_STAGE_COUNT ? names[stage] : "unknown";
}

const char *nr_precision_name(nr_precision p)
{
    static const char *const names[] = {NULL, "day", "month", "year", "relative"};
    return p <= NR_DATE_RELATIVE ? names[p] : NULL;
}

/* A statement's text is its one piece, or its pieces joined by " ... " as PolNeAR writes them. */
void nr_statement_join(nr_buf *out, const nr_article *a, const nr_statement *s)
{
    for (size_t p = 0; p < s->n_pieces; p++) {
        if (p)
            nr_buf_put(out, " ... ", 5);
        nr_buf_put(out, a->text + s->pieces[p].bstart, s->pieces[p].bend - s->pieces[p].bstart);
    }
}

static void S_push_warning(nr_doc *d, const char *msg)
{
    const char **slot = NR_PUSH(d->arena, d->warnings);
    if (slot)
        *slot = nr_strdup(d->arena, msg);
}

void nr_warn(nr_doc *d, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof msg) /* cut at a character boundary, not inside one */
        msg[nr_utf8_valid_prefix((const unsigned char *)msg, sizeof msg - 1)] = '\0';
    if (d->warnings.n >= NR_MAX_WARNINGS) {
        d->warnings_dropped++;
        return;
    }
    S_push_warning(d, msg);
}

void nr_warnings_close(nr_doc *d)
{
    if (d->warnings_dropped) {
        char msg[64];
        snprintf(msg, sizeof msg, "%zu more warnings not shown", d->warnings_dropped);
        S_push_warning(d, msg);
    }
    d->art->warnings = d->warnings.items;
    d->art->n_warnings = d->warnings.n;
}
