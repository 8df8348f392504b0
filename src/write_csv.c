/* write_csv.c: renders the five CSV tables; libcsv quotes every text cell, numbers stay bare. */
#include "internal.h"

#include <csv.h>
#include <string.h>

static const char *const S_names[NR_T_COUNT] = {"articles", "actors", "mentions", "statements",
                                                "events"};

/* Column names; the order is the contract in docs/FORMAT.md. */
static const char *const S_headers[NR_T_COUNT] = {
    "article_id,source,title,dateline,published,encoding,chars,words,sentences,paragraphs,"
    "warnings",
    "article_id,actor_id,kind,name,key,title,aliases,mentions",
    "article_id,actor_id,start,end,text,form,sentence",
    "article_id,statement_id,actor_id,speaker_name,speaker_text,kind,cue,cue_lemma,text,start,end,"
    "paragraph,sentence",
    "article_id,event_id,type,cameo,quad_class,trigger,lemma,agent_id,agent_name,target_id,"
    "target_name,location_id,location_name,date,date_precision,date_text,negated,statement_id,"
    "sentence,start,end"};

const char *nr_table_name(nr_table t)
{
    return t < NR_T_COUNT ? S_names[t] : NULL;
}

void nr_write_csv_header(nr_buf *out, nr_table t)
{
    if (t >= NR_T_COUNT)
        return;
    nr_buf_puts(out, S_headers[t]);
    nr_buf_putc(out, '\n');
}

typedef struct S_row {
    nr_buf *out;
    bool first;
} S_row;

static void S_sep(S_row *r)
{
    if (!r->first)
        nr_buf_putc(r->out, ',');
    r->first = false;
}

static void S_text(S_row *r, const char *s, size_t n)
{
    S_sep(r);
    char *dst = nr_buf_reserve(r->out, 2 * n + 2);
    if (dst)
        r->out->len += csv_write(dst, 2 * n + 2, s, n);
}

/* NULL is an empty unquoted cell; an empty string is "". */
static void S_str(S_row *r, const char *s)
{
    if (s)
        S_text(r, s, strlen(s));
    else
        S_sep(r);
}

static void S_int(S_row *r, long long v)
{
    S_sep(r);
    nr_buf_put_int(r->out, v);
}

static void S_slice(S_row *r, const nr_article *a, const nr_span *sp)
{
    S_text(r, a->text + sp->bstart, sp->bend - sp->bstart);
}

void nr_write_csv_row(nr_buf *out, const char *const *cells, const size_t *lens, size_t n)
{
    S_row r = {out, true};
    for (size_t k = 0; k < n; k++) {
        if (cells[k])
            S_text(&r, cells[k], lens[k]);
        else
            S_sep(&r);
    }
    nr_buf_putc(out, '\n');
}

static void S_ref(S_row *r, const nr_article *a, char kind, int index)
{
    S_sep(r);
    if (index >= 0)
        nr_buf_put_ref(r->out, a->id, kind, index);
}

static void S_end(S_row *r)
{
    nr_buf_putc(r->out, '\n');
    r->first = true;
}

static void S_joined(S_row *r, const char *const *items, size_t n)
{
    nr_buf j;
    nr_buf_init(&j);
    for (size_t i = 0; i < n; i++) {
        if (i)
            nr_buf_put(&j, " | ", 3);
        nr_buf_puts(&j, items[i]);
    }
    if (j.failed)
        r->out->failed = 1;
    S_text(r, j.data ? j.data : "", j.len);
    nr_buf_free(&j);
}

static void S_articles(S_row *r, const nr_article *a)
{
    S_str(r, a->id);
    S_str(r, a->source);
    S_str(r, a->title);
    S_str(r, a->dateline);
    S_str(r, a->published);
    S_str(r, a->encoding);
    S_int(r, a->chars);
    S_int(r, a->words);
    S_int(r, (long long)a->n_sentences);
    S_int(r, (long long)a->n_paragraphs);
    S_joined(r, a->warnings, a->n_warnings);
    S_end(r);
}

static void S_actors(S_row *r, const nr_article *a)
{
    for (size_t i = 0; i < a->n_actors; i++) {
        const nr_actor *ac = &a->actors[i];
        S_str(r, a->id);
        S_ref(r, a, 'A', (int)i);
        S_str(r, nr_kind_name(ac->kind));
        S_str(r, ac->name);
        S_str(r, ac->key);
        S_str(r, ac->title);
        S_joined(r, ac->aliases, ac->n_aliases);
        S_int(r, (long long)ac->n_mentions);
        S_end(r);
    }
}

static void S_mentions(S_row *r, const nr_article *a)
{
    for (size_t i = 0; i < a->n_mentions; i++) {
        const nr_mention *m = &a->mentions[i];
        S_str(r, a->id);
        S_ref(r, a, 'A', m->actor);
        S_int(r, m->span.start);
        S_int(r, m->span.end);
        S_slice(r, a, &m->span);
        S_str(r, nr_form_name(m->form));
        S_int(r, m->sentence);
        S_end(r);
    }
}

static const char *S_actor_name(const nr_article *a, int i)
{
    return i >= 0 ? a->actors[i].name : NULL;
}

static void S_statements(S_row *r, const nr_article *a)
{
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        S_str(r, a->id);
        S_ref(r, a, 'S', (int)i);
        S_ref(r, a, 'A', s->actor);
        S_str(r, S_actor_name(a, s->actor));
        if (s->has_speaker)
            S_slice(r, a, &s->speaker);
        else
            S_sep(r);
        S_str(r, nr_quote_kind_name(s->kind));
        if (s->has_cue) {
            S_slice(r, a, &s->cue.span);
            S_str(r, s->cue.lemma);
        } else {
            S_sep(r);
            S_sep(r);
        }
        nr_buf joined;
        nr_buf_init(&joined);
        nr_statement_join(&joined, a, s);
        if (joined.failed)
            r->out->failed = 1;
        S_text(r, joined.data ? joined.data : "", joined.len);
        nr_buf_free(&joined);
        S_int(r, s->content.start);
        S_int(r, s->content.end);
        S_int(r, s->paragraph);
        S_int(r, s->sentence);
        S_end(r);
    }
}

static void S_events(S_row *r, const nr_article *a)
{
    for (size_t i = 0; i < a->n_events; i++) {
        const nr_event *e = &a->events[i];
        S_str(r, a->id);
        S_ref(r, a, 'E', (int)i);
        S_str(r, e->type);
        S_str(r, e->cameo);
        S_int(r, e->quad_class);
        S_slice(r, a, &e->trigger.span);
        S_str(r, e->trigger.lemma);
        S_ref(r, a, 'A', e->agent);
        S_str(r, S_actor_name(a, e->agent));
        S_ref(r, a, 'A', e->target);
        S_str(r, S_actor_name(a, e->target));
        S_ref(r, a, 'A', e->location);
        S_str(r, S_actor_name(a, e->location));
        S_str(r, e->date);
        S_str(r, nr_precision_name(e->date_precision));
        if (e->has_date_text)
            S_slice(r, a, &e->date_text);
        else
            S_sep(r);
        S_sep(r);
        nr_buf_puts(r->out, e->negated ? "true" : "false");
        S_ref(r, a, 'S', e->statement);
        S_int(r, e->sentence);
        S_int(r, e->sentence_span.start);
        S_int(r, e->sentence_span.end);
        S_end(r);
    }
}

void nr_write_csv_rows(nr_buf *out, nr_table t, const nr_article *a)
{
    S_row r = {out, true};
    switch (t) {
    case NR_T_ARTICLES: S_articles(&r, a); break;
    case NR_T_ACTORS: S_actors(&r, a); break;
    case NR_T_MENTIONS: S_mentions(&r, a); break;
    case NR_T_STATEMENTS: S_statements(&r, a); break;
    case NR_T_EVENTS: S_events(&r, a); break;
    default: break;
    }
}
