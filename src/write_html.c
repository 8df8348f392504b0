/* write_html.c: a self-contained HTML page per article (text with mentions, statements and event
 * triggers marked, side tables) and the index of them. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "html_assets.c"

/* Article text is untrusted: every byte of it goes through here, in text and in attributes. */
static void S_esc(nr_buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '&'    ? "&amp;"
                          : s[i] == '<'  ? "&lt;"
                          : s[i] == '>'  ? "&gt;"
                          : s[i] == '"'  ? "&quot;"
                          : s[i] == '\'' ? "&#39;"
                                         : NULL;
        if (!rep)
            continue;
        nr_buf_put(b, s + from, i - from);
        nr_buf_puts(b, rep);
        from = i + 1;
    }
    nr_buf_put(b, s + from, n - from);
}

static void S_escs(nr_buf *b, const char *s)
{
    if (s)
        S_esc(b, s, strlen(s));
}

static void S_slice(nr_buf *b, const nr_article *a, const nr_span *sp)
{
    S_esc(b, a->text + sp->bstart, sp->bend - sp->bstart);
}

/* ---- the marked text ------------------------------------------------------------------- */

/* A marked stretch of the text: a mention ('m'), a statement's piece ('s') or a trigger ('e'). */
typedef struct S_mark {
    size_t b, e;
    char kind;
    int index;
} S_mark;

static int S_by_start(const void *x, const void *y)
{
    const S_mark *p = x, *q = y;
    return p->b < q->b ? -1 : p->b > q->b ? 1 : p->kind - q->kind;
}

static int S_by_offset(const void *x, const void *y)
{
    size_t p = *(const size_t *)x, q = *(const size_t *)y;
    return p < q ? -1 : p > q;
}

static void S_add(S_mark *marks, size_t *n, const nr_span *sp, char kind, int index)
{
    if (sp->bend > sp->bstart)
        marks[(*n)++] = (S_mark){sp->bstart, sp->bend, kind, index};
}

/* The data attribute and title of one kind of mark over a stretch: the ids, space-separated. */
static void S_attr(nr_buf *b, const nr_article *a, const S_mark *const *on, size_t n, char kind)
{
    static const char *const names[] = {"data-a", "data-s", "data-e"};
    const char *name = names[kind == 'm' ? 0 : kind == 's' ? 1 : 2];
    char tag = kind == 'm' ? 'A' : kind == 's' ? 'S' : 'E';
    bool first = true;
    for (size_t k = 0; k < n; k++) {
        if (on[k]->kind != kind)
            continue;
        nr_buf_putc(b, ' ');
        if (first) {
            nr_buf_puts(b, name);
            nr_buf_puts(b, "=\"");
        }
        int index = kind == 'm' ? a->mentions[on[k]->index].actor : on[k]->index;
        nr_buf_put_id(b, a->id, tag, index);
        first = false;
    }
    if (!first)
        nr_buf_putc(b, '"');
}

/* What hovering a stretch says: the actor, the statement's speaker and cue, the event. */
static void S_title(nr_buf *b, const nr_article *a, const S_mark *const *on, size_t n)
{
    nr_buf_puts(b, " title=\"");
    for (size_t k = 0; k < n; k++) {
        if (k)
            nr_buf_puts(b, " | ");
        const S_mark *m = on[k];
        if (m->kind == 'm') {
            const nr_actor *ac = &a->actors[a->mentions[m->index].actor];
            S_escs(b, ac->name);
            nr_buf_puts(b, " (");
            nr_buf_puts(b, nr_kind_name(ac->kind));
            nr_buf_putc(b, ')');
        } else if (m->kind == 's') {
            const nr_statement *s = &a->statements[m->index];
            nr_buf_puts(b, "said by ");
            S_escs(b, s->actor >= 0 ? a->actors[s->actor].name : "unknown");
            nr_buf_puts(b, ", ");
            nr_buf_puts(b, nr_quote_kind_name(s->kind));
            if (s->has_cue) {
                nr_buf_puts(b, ", cue ");
                S_slice(b, a, &s->cue.span);
            }
        } else {
            const nr_event *e = &a->events[m->index];
            S_escs(b, e->type);
            nr_buf_puts(b, " (CAMEO ");
            S_escs(b, e->cameo);
            nr_buf_putc(b, ')');
        }
    }
    nr_buf_putc(b, '"');
}

static void S_stretch(nr_buf *b, const nr_article *a, const S_mark *const *on, size_t n,
                      size_t from, size_t to)
{
    if (n == 0) {
        S_esc(b, a->text + from, to - from);
        return;
    }
    bool m = false, s = false, e = false;
    const char *kind = "";
    for (size_t k = 0; k < n; k++) {
        m |= on[k]->kind == 'm';
        s |= on[k]->kind == 's';
        e |= on[k]->kind == 'e';
        if (on[k]->kind == 'm' && !kind[0])
            kind = nr_kind_name(a->actors[a->mentions[on[k]->index].actor].kind);
    }
    nr_buf_printf(b, "<span class=\"%s%s%s%s\"", m ? "m " : "", kind, s ? " st" : "",
                  e ? " ev" : "");
    S_attr(b, a, on, n, 'm');
    S_attr(b, a, on, n, 's');
    S_attr(b, a, on, n, 'e');
    S_title(b, a, on, n);
    nr_buf_putc(b, '>');
    S_esc(b, a->text + from, to - from);
    nr_buf_puts(b, "</span>");
}

/* The text cut at every mark's ends; each stretch carries the marks over it. */
static void S_text(nr_buf *b, const nr_article *a)
{
    size_t cap = a->n_mentions + a->n_events;
    for (size_t i = 0; i < a->n_statements; i++)
        cap += a->statements[i].n_pieces;
    S_mark *marks = malloc((cap + 1) * sizeof *marks);
    size_t *cuts = malloc((2 * cap + 2) * sizeof *cuts);
    const S_mark **on = malloc((cap + 1) * sizeof *on);
    if (!marks || !cuts || !on) {
        b->failed = 1;
        free(marks);
        free(cuts);
        free(on);
        return;
    }
    size_t n = 0, n_cuts = 0, n_on = 0, next = 0;
    for (size_t i = 0; i < a->n_mentions; i++)
        S_add(marks, &n, &a->mentions[i].span, 'm', (int)i);
    for (size_t i = 0; i < a->n_statements; i++)
        for (size_t k = 0; k < a->statements[i].n_pieces; k++)
            S_add(marks, &n, &a->statements[i].pieces[k], 's', (int)i);
    for (size_t i = 0; i < a->n_events; i++)
        S_add(marks, &n, &a->events[i].trigger.span, 'e', (int)i);
    qsort(marks, n, sizeof *marks, S_by_start);
    cuts[n_cuts++] = 0;
    cuts[n_cuts++] = a->text_bytes;
    for (size_t i = 0; i < n; i++) {
        cuts[n_cuts++] = marks[i].b;
        cuts[n_cuts++] = marks[i].e;
    }
    qsort(cuts, n_cuts, sizeof *cuts, S_by_offset);
    for (size_t c = 0; c + 1 < n_cuts; c++) {
        size_t from = cuts[c], to = cuts[c + 1];
        if (from == to)
            continue;
        size_t keep = 0; /* the marks still open here */
        for (size_t k = 0; k < n_on; k++)
            if (on[k]->e > from)
                on[keep++] = on[k];
        n_on = keep;
        while (next < n && marks[next].b <= from)
            on[n_on++] = &marks[next++];
        S_stretch(b, a, on, n_on, from, to);
    }
    free(marks);
    free(cuts);
    free(on);
}

/* ---- the side tables ------------------------------------------------------------------- */

static void S_cell(nr_buf *b, const char *s)
{
    nr_buf_puts(b, "<td>");
    S_escs(b, s);
    nr_buf_puts(b, "</td>");
}

static void S_actors(nr_buf *b, const nr_article *a)
{
    nr_buf_puts(b,
                "<section><h2>Actors</h2><table id=\"actors\"><thead><tr><th>name</th>"
                "<th>kind</th><th>title</th><th>code</th><th>mentions</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < a->n_actors; i++) {
        const nr_actor *ac = &a->actors[i];
        nr_buf_puts(b, "<tr data-a=\"");
        nr_buf_put_id(b, a->id, 'A', (int)i);
        nr_buf_puts(b, "\">");
        S_cell(b, ac->name);
        S_cell(b, nr_kind_name(ac->kind));
        S_cell(b, ac->title);
        S_cell(b, ac->code);
        nr_buf_puts(b, "<td>");
        nr_buf_put_int(b, (long long)ac->n_mentions);
        nr_buf_puts(b, "</td></tr>\n");
    }
    nr_buf_puts(b, "</tbody></table></section>\n");
}

static void S_statements(nr_buf *b, const nr_article *a)
{
    nr_buf_puts(b, "<section><h2>Statements</h2><table id=\"statements\"><thead><tr>"
                   "<th>speaker</th><th>cue</th><th>kind</th><th>text</th></tr></thead><tbody>\n");
    nr_buf joined;
    nr_buf_init(&joined);
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        nr_buf_puts(b, "<tr data-s=\"");
        nr_buf_put_id(b, a->id, 'S', (int)i);
        if (s->actor >= 0) {
            nr_buf_puts(b, "\" data-a=\"");
            nr_buf_put_id(b, a->id, 'A', s->actor);
        }
        nr_buf_puts(b, "\">");
        S_cell(b, s->actor >= 0 ? a->actors[s->actor].name : "unknown");
        nr_buf_puts(b, "<td>");
        if (s->has_cue)
            S_slice(b, a, &s->cue.span);
        nr_buf_puts(b, "</td>");
        S_cell(b, nr_quote_kind_name(s->kind));
        joined.len = 0;
        nr_statement_join(&joined, a, s);
        nr_buf_puts(b, "<td>");
        S_esc(b, joined.data ? joined.data : "", joined.len);
        nr_buf_puts(b, "</td></tr>\n");
    }
    if (joined.failed)
        b->failed = 1;
    nr_buf_free(&joined);
    nr_buf_puts(b, "</tbody></table></section>\n");
}

static const char *S_actor_name(const nr_article *a, int i)
{
    return i >= 0 ? a->actors[i].name : NULL;
}

/* The colour band of a Goldstein weight, from strong conflict to strong cooperation. */
static const char *S_goldstein_band(const nr_event *e)
{
    if (!e->has_goldstein)
        return "g0";
    if (e->goldstein <= -5)
        return "g-2";
    if (e->goldstein < 0)
        return "g-1";
    if (e->goldstein >= 5)
        return "g2";
    return e->goldstein > 0 ? "g1" : "g0";
}

/* An actor's name with its CAMEO code in brackets when the event has one. */
static void S_coded_cell(nr_buf *b, const nr_article *a, int actor, const char *code)
{
    nr_buf_puts(b, "<td>");
    S_escs(b, S_actor_name(a, actor));
    if (actor >= 0 && code) {
        nr_buf_puts(b, " [");
        S_escs(b, code);
        nr_buf_putc(b, ']');
    }
    nr_buf_puts(b, "</td>");
}

static void S_events(nr_buf *b, const nr_article *a)
{
    nr_buf_puts(b, "<section><h2>Events</h2><table id=\"events\"><thead><tr><th>event</th>"
                   "<th>Goldstein</th><th>trigger</th><th>agent</th><th>target</th><th>date</th>"
                   "</tr></thead><tbody>\n");
    for (size_t i = 0; i < a->n_events; i++) {
        const nr_event *e = &a->events[i];
        nr_buf_puts(b, "<tr class=\"");
        nr_buf_puts(b, S_goldstein_band(e));
        nr_buf_puts(b, "\" data-e=\"");
        nr_buf_put_id(b, a->id, 'E', (int)i);
        nr_buf_puts(b, "\"><td>");
        S_escs(b, e->type);
        nr_buf_puts(b, " (");
        S_escs(b, e->cameo);
        nr_buf_puts(b, ")</td><td>");
        if (e->has_goldstein)
            nr_buf_put_tenths(b, e->goldstein);
        nr_buf_puts(b, "</td><td>");
        S_slice(b, a, &e->trigger.span);
        nr_buf_puts(b, "</td>");
        S_coded_cell(b, a, e->agent, e->agent_code);
        S_coded_cell(b, a, e->target, e->target_code);
        S_cell(b, e->date);
        nr_buf_puts(b, "</tr>\n");
    }
    nr_buf_puts(b, "</tbody></table></section>\n");
}

/* ---- pages ----------------------------------------------------------------------------- */

/* No network, no plug-in, no frame; the one script that may run is ours, named by its hash. */
static void S_head(nr_buf *b, const char *title, size_t title_len)
{
    nr_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; script-src '");
    nr_buf_puts(b, S_js_hash);
    nr_buf_puts(b, "'\">\n<title>");
    S_esc(b, title, title_len);
    nr_buf_puts(b, " - newsrec</title>\n<style>\n");
    nr_buf_puts(b, S_css);
    nr_buf_puts(b, "</style>\n</head>\n<body>\n");
}

void nr_write_html(nr_buf *b, const nr_article *a)
{
    const char *title = a->title ? a->title : a->source ? a->source : a->id;
    S_head(b, title, strlen(title));
    nr_buf_puts(b, "<header><h1>");
    S_escs(b, title);
    nr_buf_puts(b, "</h1><p>");
    S_escs(b, a->source);
    if (a->published) {
        nr_buf_puts(b, " &middot; ");
        S_escs(b, a->published);
    }
    nr_buf_printf(b,
                  " &middot; article %s &middot; %zu actors, %zu statements, %zu events "
                  "&middot; <a href=\"index.html\">all articles</a></p>\n",
                  a->id, a->n_actors, a->n_statements, a->n_events);
    nr_buf_puts(b, "<p class=\"legend\"><span class=\"m person\">person</span>"
                   "<span class=\"m organization\">organization</span>"
                   "<span class=\"m location\">place</span><span class=\"st\">statement</span>"
                   "<span class=\"ev\">event trigger</span> Click an actor or a statement.</p>"
                   "</header>\n<main>\n<article id=\"text\">");
    S_text(b, a);
    nr_buf_puts(b, "</article>\n<aside>\n");
    S_actors(b, a);
    S_statements(b, a);
    S_events(b, a);
    nr_buf_puts(b, "</aside>\n</main>\n<div id=\"detail\" role=\"status\"></div>\n<script>");
    nr_buf_puts(b, S_js);
    nr_buf_puts(b, "</script>\n</body>\n</html>\n");
}

void nr_write_html_index_head(nr_buf *b)
{
    static const char title[] = "newsrec: articles";
    S_head(b, title, sizeof title - 1);
    nr_buf_puts(b, "<header><h1>Articles</h1><p>Each page shows an article with its actors, "
                   "statements and events marked.</p></header>\n<main><section "
                   "style=\"flex:1\"><table id=\"articles\"><thead><tr><th>title</th>"
                   "<th>source</th><th>published</th><th>actors</th><th>statements</th>"
                   "<th>events</th></tr></thead><tbody>\n");
}

void nr_write_html_index_row(nr_buf *b, const nr_article *a)
{
    nr_buf_printf(b, "<tr><td><a href=\"%s.html\">", a->id);
    S_escs(b, a->title ? a->title : a->id);
    nr_buf_puts(b, "</a></td>");
    S_cell(b, a->source);
    S_cell(b, a->published);
    nr_buf_printf(b, "<td>%zu</td><td>%zu</td><td>%zu</td></tr>\n", a->n_actors, a->n_statements,
                  a->n_events);
}

void nr_write_html_index_tail(nr_buf *b)
{
    nr_buf_puts(b, "</tbody></table></section></main>\n</body>\n</html>\n");
}
