/* tables.c: the five tables' columns and rows as typed cells, which the CSV, xlsx and SQLite
 * writers render. */
#include "internal.h"

#include <string.h>

static const char *const S_names[NR_T_COUNT] = {"articles", "actors", "mentions", "statements",
                                                "events"};

/* Column names; the order is the contract in docs/FORMAT.md. */
static const char *const S_columns[NR_T_COUNT][NR_MAX_COLUMNS + 1] = {
    {"article_id", "source", "title", "dateline", "published", "encoding", "chars", "words",
     "sentences", "paragraphs", "warnings"},
    {"article_id", "actor_id", "kind", "name", "key", "title", "aliases", "mentions", "code",
     "country"},
    {"article_id", "actor_id", "start", "end", "text", "form", "sentence"},
    {"article_id", "statement_id", "actor_id", "speaker_name", "speaker_text", "kind", "cue",
     "cue_lemma", "text", "start", "end", "paragraph", "sentence"},
    {"article_id",    "event_id",     "type",           "cameo",       "quad_class",
     "goldstein",     "trigger",      "lemma",          "agent_id",    "agent_name",
     "agent_code",    "target_id",    "target_name",    "target_code", "location_id",
     "location_name", "date",         "date_precision", "date_text",   "negated",
     "lead",          "statement_id", "sentence",       "start",       "end"}};

const char *nr_table_name(nr_table t)
{
    return t < NR_T_COUNT ? S_names[t] : NULL;
}

const char *const *nr_table_columns(nr_table t)
{
    return t < NR_T_COUNT ? S_columns[t] : NULL;
}

size_t nr_table_size(nr_table t, const nr_article *a)
{
    switch (t) {
    case NR_T_ARTICLES: return 1;
    case NR_T_ACTORS: return a->n_actors;
    case NR_T_MENTIONS: return a->n_mentions;
    case NR_T_STATEMENTS: return a->n_statements;
    case NR_T_EVENTS: return a->n_events;
    default: return 0;
    }
}

/* NULL is a cell without a value; "" is an empty text. */
static void S_str(nr_cells *c, const char *s)
{
    c->text(c, s, s ? strlen(s) : 0);
}

static void S_int(nr_cells *c, long long v)
{
    c->number(c, v);
}

static void S_slice(nr_cells *c, const nr_article *a, const nr_span *sp)
{
    c->text(c, a->text + sp->bstart, sp->bend - sp->bstart);
}

/* A cell built in scratch (a joined list, a statement's pieces, a record id). */
static void S_built(nr_cells *c, nr_buf *scratch)
{
    if (scratch->failed)
        c->failed = true;
    c->text(c, scratch->data ? scratch->data : "", scratch->len);
    scratch->len = 0;
}

/* A record id (nr_buf_put_id); no value for index -1. */
static void S_ref(nr_cells *c, nr_buf *scratch, const nr_article *a, char kind, int index)
{
    if (index < 0) {
        c->text(c, NULL, 0);
        return;
    }
    nr_buf_put_id(scratch, a->id, kind, index);
    S_built(c, scratch);
}

static void S_joined(nr_cells *c, nr_buf *scratch, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            nr_buf_put(scratch, " | ", 3);
        nr_buf_puts(scratch, items[i]);
    }
    S_built(c, scratch);
}

static void S_articles(nr_cells *c, nr_buf *scratch, const nr_article *a)
{
    S_str(c, a->id);
    S_str(c, a->source);
    S_str(c, a->title);
    S_str(c, a->dateline);
    S_str(c, a->published);
    S_str(c, a->encoding);
    S_int(c, a->chars);
    S_int(c, a->words);
    S_int(c, (long long)a->n_sentences);
    S_int(c, (long long)a->n_paragraphs);
    S_joined(c, scratch, a->warnings, a->n_warnings);
    c->end(c);
}

static void S_actors(nr_cells *c, nr_buf *scratch, const nr_article *a)
{
    for (size_t i = 0; i < a->n_actors; i++) {
        const nr_actor *ac = &a->actors[i];
        S_str(c, a->id);
        S_ref(c, scratch, a, 'A', (int)i);
        S_str(c, nr_kind_name(ac->kind));
        S_str(c, ac->name);
        S_str(c, ac->key);
        S_str(c, ac->title);
        S_joined(c, scratch, ac->aliases, ac->n_aliases);
        S_int(c, (long long)ac->n_mentions);
        S_str(c, ac->code);
        S_str(c, ac->country);
        c->end(c);
    }
}

static void S_mentions(nr_cells *c, nr_buf *scratch, const nr_article *a)
{
    for (size_t i = 0; i < a->n_mentions; i++) {
        const nr_mention *m = &a->mentions[i];
        S_str(c, a->id);
        S_ref(c, scratch, a, 'A', m->actor);
        S_int(c, m->span.start);
        S_int(c, m->span.end);
        S_slice(c, a, &m->span);
        S_str(c, nr_form_name(m->form));
        S_int(c, m->sentence);
        c->end(c);
    }
}

static const char *S_actor_name(const nr_article *a, int i)
{
    return i >= 0 ? a->actors[i].name : NULL;
}

static void S_statements(nr_cells *c, nr_buf *scratch, const nr_article *a)
{
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        S_str(c, a->id);
        S_ref(c, scratch, a, 'S', (int)i);
        S_ref(c, scratch, a, 'A', s->actor);
        S_str(c, S_actor_name(a, s->actor));
        if (s->has_speaker)
            S_slice(c, a, &s->speaker);
        else
            S_str(c, NULL);
        S_str(c, nr_quote_kind_name(s->kind));
        if (s->has_cue) {
            S_slice(c, a, &s->cue.span);
            S_str(c, s->cue.lemma);
        } else {
            S_str(c, NULL);
            S_str(c, NULL);
        }
        nr_statement_join(scratch, a, s);
        S_built(c, scratch);
        S_int(c, s->content.start);
        S_int(c, s->content.end);
        S_int(c, s->paragraph);
        S_int(c, s->sentence);
        c->end(c);
    }
}

static void S_events(nr_cells *c, nr_buf *scratch, const nr_article *a)
{
    for (size_t i = 0; i < a->n_events; i++) {
        const nr_event *e = &a->events[i];
        S_str(c, a->id);
        S_ref(c, scratch, a, 'E', (int)i);
        S_str(c, e->type);
        S_str(c, e->cameo);
        S_int(c, e->quad_class);
        if (e->has_goldstein)
            c->decimal(c, e->goldstein);
        else
            S_str(c, NULL);
        S_slice(c, a, &e->trigger.span);
        S_str(c, e->trigger.lemma);
        S_ref(c, scratch, a, 'A', e->agent);
        S_str(c, S_actor_name(a, e->agent));
        S_str(c, e->agent_code);
        S_ref(c, scratch, a, 'A', e->target);
        S_str(c, S_actor_name(a, e->target));
        S_str(c, e->target_code);
        S_ref(c, scratch, a, 'A', e->location);
        S_str(c, S_actor_name(a, e->location));
        S_str(c, e->date);
        S_str(c, nr_precision_name(e->date_precision));
        if (e->has_date_text)
            S_slice(c, a, &e->date_text);
        else
            S_str(c, NULL);
        c->boolean(c, e->negated);
        c->boolean(c, e->lead);
        S_ref(c, scratch, a, 'S', e->statement);
        S_int(c, e->sentence);
        S_int(c, e->sentence_span.start);
        S_int(c, e->sentence_span.end);
        c->end(c);
    }
}

void nr_table_rows(nr_cells *c, nr_table t, const nr_article *a)
{
    nr_buf scratch;
    nr_buf_init(&scratch);
    switch (t) {
    case NR_T_ARTICLES: S_articles(c, &scratch, a); break;
    case NR_T_ACTORS: S_actors(c, &scratch, a); break;
    case NR_T_MENTIONS: S_mentions(c, &scratch, a); break;
    case NR_T_STATEMENTS: S_statements(c, &scratch, a); break;
    case NR_T_EVENTS: S_events(c, &scratch, a); break;
    default: break;
    }
    nr_buf_free(&scratch);
}
