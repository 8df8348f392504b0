/* write_json.c: renders an article's records as one JSON document (pretty or one line). */
#include "internal.h"

#include <string.h>

typedef struct S_json {
    nr_buf *out;
    int pretty;
    int depth;
    bool first; /* no member written yet at this depth */
} S_json;

static void S_newline(S_json *j)
{
    if (!j->pretty)
        return;
    nr_buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        nr_buf_put(j->out, "  ", 2);
}

static void S_sep(S_json *j)
{
    if (!j->first)
        nr_buf_putc(j->out, ',');
    j->first = false;
    S_newline(j);
}

/* Bytes that end a run of plain text: control characters, '"', '\\', and 0xE2, the lead byte of
 * U+2028 and U+2029. */
static bool S_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == 0xE2;
}

/* Escapes per RFC 8259, and U+2028 and U+2029 as \u2028 and \u2029: JSON allows them raw, but
 * JavaScript before ES2019 does not, and readers that split on Unicode line boundaries would
 * cut a JSON Lines record in two. The text is valid UTF-8; other bytes pass through unchanged. */
static void S_string(nr_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    nr_buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (!S_special(c))
            continue;
        if (c == 0xE2 && !(i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)))
            continue;
        nr_buf_put(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': nr_buf_put(out, "\\\"", 2); break;
        case '\\': nr_buf_put(out, "\\\\", 2); break;
        case '\n': nr_buf_put(out, "\\n", 2); break;
        case '\r': nr_buf_put(out, "\\r", 2); break;
        case '\t': nr_buf_put(out, "\\t", 2); break;
        case 0xE2:
            nr_buf_put(out, u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            run = i + 3;
            i += 2;
            break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            nr_buf_put(out, esc, 6);
        }
        }
    }
    nr_buf_put(out, s + run, n - run);
    nr_buf_putc(out, '"');
}

static void S_key(S_json *j, const char *k)
{
    S_sep(j);
    nr_buf_putc(j->out, '"'); /* keys are our own words: nothing to escape */
    nr_buf_put(j->out, k, strlen(k));
    nr_buf_putc(j->out, '"');
    nr_buf_put(j->out, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
}

static void S_open(S_json *j, char c)
{
    nr_buf_putc(j->out, c);
    j->depth++;
    j->first = true;
}

static void S_close(S_json *j, char c)
{
    j->depth--;
    if (!j->first)
        S_newline(j);
    nr_buf_putc(j->out, c);
    j->first = false;
}

static void S_str(S_json *j, const char *k, const char *v)
{
    S_key(j, k);
    if (v)
        S_string(j->out, v, strlen(v));
    else
        nr_buf_puts(j->out, "null");
}

static void S_int(S_json *j, const char *k, long long v)
{
    S_key(j, k);
    nr_buf_put_int(j->out, v);
}

static void S_null(S_json *j, const char *k)
{
    S_key(j, k);
    nr_buf_puts(j->out, "null");
}

static void S_slice(S_json *j, const nr_article *a, const nr_span *sp)
{
    S_key(j, "text");
    S_string(j->out, a->text + sp->bstart, sp->bend - sp->bstart);
}

static void S_span_obj(S_json *j, const char *k, const nr_article *a, const nr_span *sp)
{
    S_key(j, k);
    S_open(j, '{');
    S_int(j, "start", sp->start);
    S_int(j, "end", sp->end);
    S_slice(j, a, sp);
    S_close(j, '}');
}

static void S_ref(S_json *j, const char *k, const nr_article *a, char kind, int index)
{
    S_key(j, k);
    if (index < 0)
        nr_buf_puts(j->out, "null");
    else
        nr_buf_put_ref(j->out, a->id, kind, index);
}

static void S_article(S_json *j, const nr_article *a, const nr_json_opts *o)
{
    S_key(j, "article");
    S_open(j, '{');
    S_str(j, "id", a->id);
    S_str(j, "source", a->source);
    S_str(j, "title", a->title);
    S_str(j, "dateline", a->dateline);
    S_str(j, "published", a->published);
    S_str(j, "url", a->url);
    S_str(j, "encoding", a->encoding);
    S_int(j, "chars", a->chars);
    S_int(j, "words", a->words);
    S_int(j, "sentences", (long long)a->n_sentences);
    S_int(j, "paragraphs", (long long)a->n_paragraphs);
    S_key(j, "boilerplate");
    S_open(j, '[');
    for (size_t i = 0; i < a->n_boilerplate; i++) {
        S_sep(j);
        S_open(j, '{');
        S_int(j, "start", a->boilerplate[i].start);
        S_int(j, "end", a->boilerplate[i].end);
        S_close(j, '}');
    }
    S_close(j, ']');
    S_key(j, "warnings");
    S_open(j, '[');
    for (size_t i = 0; i < a->n_warnings; i++) {
        S_sep(j);
        S_string(j->out, a->warnings[i], strlen(a->warnings[i]));
    }
    S_close(j, ']');
    if (o->with_text)
        S_str(j, "text", a->text);
    S_close(j, '}');
}

static void S_actors(S_json *j, const nr_article *a)
{
    S_key(j, "actors");
    S_open(j, '[');
    for (size_t i = 0; i < a->n_actors; i++) {
        const nr_actor *ac = &a->actors[i];
        S_sep(j);
        S_open(j, '{');
        S_ref(j, "id", a, 'A', (int)i);
        S_str(j, "kind", nr_kind_name(ac->kind));
        S_str(j, "name", ac->name);
        S_str(j, "key", ac->key);
        S_str(j, "title", ac->title);
        S_key(j, "aliases");
        S_open(j, '[');
        for (size_t k = 0; k < ac->n_aliases; k++) {
            S_sep(j);
            S_string(j->out, ac->aliases[k], strlen(ac->aliases[k]));
        }
        S_close(j, ']');
        S_str(j, "code", ac->code);
        S_str(j, "country", ac->country);
        S_key(j, "mentions");
        S_open(j, '[');
        for (size_t k = 0; k < ac->n_mentions; k++) {
            const nr_mention *m = &a->mentions[ac->mentions[k]];
            S_sep(j);
            S_open(j, '{');
            S_int(j, "start", m->span.start);
            S_int(j, "end", m->span.end);
            S_slice(j, a, &m->span);
            S_str(j, "form", nr_form_name(m->form));
            S_int(j, "sentence", m->sentence);
            S_close(j, '}');
        }
        S_close(j, ']');
        S_close(j, '}');
    }
    S_close(j, ']');
}

static void S_cue(S_json *j, const char *k, const nr_article *a, const nr_cue *c)
{
    S_key(j, k);
    S_open(j, '{');
    S_int(j, "start", c->span.start);
    S_int(j, "end", c->span.end);
    S_slice(j, a, &c->span);
    S_str(j, "lemma", c->lemma);
    S_close(j, '}');
}

static void S_statement_text(nr_buf *out, const nr_article *a, const nr_statement *s)
{
    nr_buf joined;
    nr_buf_init(&joined);
    nr_statement_join(&joined, a, s);
    if (joined.failed)
        out->failed = 1;
    S_string(out, joined.data ? joined.data : "", joined.len);
    nr_buf_free(&joined);
}

static void S_statements(S_json *j, const nr_article *a)
{
    S_key(j, "statements");
    S_open(j, '[');
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        S_sep(j);
        S_open(j, '{');
        S_ref(j, "id", a, 'S', (int)i);
        S_ref(j, "actor_id", a, 'A', s->actor);
        if (s->has_speaker)
            S_span_obj(j, "speaker", a, &s->speaker);
        else
            S_null(j, "speaker");
        S_str(j, "kind", nr_quote_kind_name(s->kind));
        if (s->has_cue)
            S_cue(j, "cue", a, &s->cue);
        else
            S_null(j, "cue");
        S_int(j, "start", s->content.start);
        S_int(j, "end", s->content.end);
        S_key(j, "spans");
        S_open(j, '[');
        for (size_t p = 0; p < s->n_pieces; p++) {
            S_sep(j);
            nr_buf_printf(j->out, j->pretty ? "[%lld, %lld]" : "[%lld,%lld]",
                          (long long)s->pieces[p].start, (long long)s->pieces[p].end);
        }
        S_close(j, ']');
        S_key(j, "text");
        S_statement_text(j->out, a, s);
        S_int(j, "paragraph", s->paragraph);
        S_int(j, "sentence", s->sentence);
        S_close(j, '}');
    }
    S_close(j, ']');
}

static void S_events(S_json *j, const nr_article *a)
{
    S_key(j, "events");
    S_open(j, '[');
    for (size_t i = 0; i < a->n_events; i++) {
        const nr_event *e = &a->events[i];
        S_sep(j);
        S_open(j, '{');
        S_ref(j, "id", a, 'E', (int)i);
        S_str(j, "type", e->type);
        S_str(j, "cameo", e->cameo);
        S_int(j, "quad_class", e->quad_class);
        S_cue(j, "trigger", a, &e->trigger);
        S_ref(j, "agent_id", a, 'A', e->agent);
        if (e->agent >= 0)
            S_span_obj(j, "agent", a, &e->agent_span);
        else
            S_null(j, "agent");
        S_ref(j, "target_id", a, 'A', e->target);
        if (e->target >= 0)
            S_span_obj(j, "target", a, &e->target_span);
        else
            S_null(j, "target");
        S_str(j, "agent_code", e->agent_code);
        S_str(j, "target_code", e->target_code);
        S_key(j, "goldstein");
        if (e->has_goldstein)
            nr_buf_put_tenths(j->out, e->goldstein);
        else
            nr_buf_puts(j->out, "null");
        S_ref(j, "location_id", a, 'A', e->location);
        S_str(j, "date", e->date);
        S_str(j, "date_precision", nr_precision_name(e->date_precision));
        S_key(j, "date_text");
        if (e->has_date_text)
            S_string(j->out, a->text + e->date_text.bstart,
                     e->date_text.bend - e->date_text.bstart);
        else
            nr_buf_puts(j->out, "null");
        S_key(j, "negated");
        nr_buf_puts(j->out, e->negated ? "true" : "false");
        S_key(j, "lead");
        nr_buf_puts(j->out, e->lead ? "true" : "false");
        S_ref(j, "statement_id", a, 'S', e->statement);
        S_int(j, "sentence", e->sentence);
        S_int(j, "start", e->sentence_span.start);
        S_int(j, "end", e->sentence_span.end);
        S_close(j, '}');
    }
    S_close(j, ']');
}

void nr_write_json(nr_buf *out, const nr_article *a, const nr_json_opts *opts)
{
    S_json j = {out, opts->pretty, 0, true};
    S_open(&j, '{');
    S_article(&j, a, opts);
    S_actors(&j, a);
    S_statements(&j, a);
    S_events(&j, a);
    S_close(&j, '}');
}
