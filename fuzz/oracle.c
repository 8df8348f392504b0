/* oracle.c: checks that newsrec's JSON and CSV output is valid, consistent and linked. */
#include "oracle.h"

#include <csv.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void oracle_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("oracle: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void oracle_jsonl_error(const nr_error *err, long lineno)
{
    char want[32];
    snprintf(want, sizeof want, "fuzz:%ld: ", lineno);
    if (err->status != NR_EINPUT || strncmp(err->message, want, strlen(want)) != 0)
        oracle_fail("JSON Lines error does not name line %ld: status %d \"%s\"", lineno,
                    err->status, err->message);
}

int oracle_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t len = c < 0x80             ? 1
                     : (c & 0xE0) == 0xC0 ? 2
                     : (c & 0xF0) == 0xE0 ? 3
                     : (c & 0xF8) == 0xF0 ? 4
                                          : 0;
        if (!len || i + len > n)
            return 0;
        unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        static const unsigned min[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* ---- JSON ------------------------------------------------------------------------------ */

/* The article text as code points' byte offsets, so a span can be sliced as users slice it. */
typedef struct text_index {
    const char *text;
    size_t *at; /* byte offset of code point k; at[chars] is the byte length */
    size_t chars;
} text_index;

static void index_text(text_index *ti, const char *text)
{
    size_t n = strlen(text);
    ti->text = text;
    ti->at = malloc((n + 1) * sizeof *ti->at);
    if (!ti->at)
        oracle_fail("out of memory in the oracle");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            ti->at[k++] = i;
    }
    ti->at[k] = n;
    ti->chars = k;
}

static json_t *need(json_t *obj, const char *key, int type, const char *where)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        oracle_fail("%s: no key \"%s\"", where, key);
    if (type >= 0 && json_typeof(v) != (json_type)type)
        oracle_fail("%s: \"%s\" has type %d, not %d", where, key, (int)json_typeof(v), type);
    return v;
}

static const char *need_str_or_null(json_t *obj, const char *key, const char *where)
{
    json_t *v = need(obj, key, -1, where);
    if (json_is_null(v))
        return NULL;
    if (!json_is_string(v))
        oracle_fail("%s: \"%s\" is neither a string nor null", where, key);
    return json_string_value(v);
}

/* A CAMEO actor code's shape: 3 to 15 capital letters or digits. */
static bool is_code(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && n <= 15 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

static void check_span(const text_index *ti, json_t *sp, const char *where)
{
    if (json_is_null(sp))
        return;
    if (!json_is_object(sp))
        oracle_fail("%s: a span that is not an object", where);
    json_int_t s = json_integer_value(need(sp, "start", JSON_INTEGER, where));
    json_int_t e = json_integer_value(need(sp, "end", JSON_INTEGER, where));
    if (s < 0 || s > e || (size_t)e > ti->chars)
        oracle_fail("%s: span [%lld, %lld) outside the text of %zu code points", where,
                    (long long)s, (long long)e, ti->chars);
    json_t *t = json_object_get(sp, "text");
    if (t) {
        size_t b = ti->at[s], len = ti->at[e] - b;
        if (!json_is_string(t) || json_string_length(t) != len ||
            memcmp(json_string_value(t), ti->text + b, len) != 0)
            oracle_fail("%s: span text differs from the slice [%lld, %lld)", where, (long long)s,
                        (long long)e);
    }
}

static int has_id(json_t *ids, const char *id)
{
    return id && json_object_get(ids, id) != NULL;
}

static void check_ref(json_t *ids, json_t *obj, const char *key, const char *where)
{
    const char *id = need_str_or_null(obj, key, where);
    if (id && !has_id(ids, id))
        oracle_fail("%s: %s \"%s\" names no record", where, key, id);
}

void oracle_json(const char *json, size_t len)
{
    if (!oracle_utf8_ok(json, len))
        oracle_fail("JSON output is not valid UTF-8");
    /* JSON allows them raw, but they end a line for JavaScript before ES2019 and for readers
     * that split on Unicode line boundaries: the writer escapes them. */
    if (memmem(json, len, "\xE2\x80\xA8", 3) || memmem(json, len, "\xE2\x80\xA9", 3))
        oracle_fail("JSON output holds a raw U+2028 or U+2029");
    json_error_t jerr;
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    if (!doc)
        oracle_fail("JSON output does not parse: %s (line %d)", jerr.text, jerr.line);
    json_t *art = need(doc, "article", JSON_OBJECT, "document");
    const char *id = json_string_value(need(art, "id", JSON_STRING, "article"));
    const char *text = json_string_value(need(art, "text", JSON_STRING, "article"));
    need(art, "source", JSON_STRING, "article");
    json_int_t chars = json_integer_value(need(art, "chars", JSON_INTEGER, "article"));
    need(art, "warnings", JSON_ARRAY, "article");
    need_str_or_null(art, "title", "article");
    need_str_or_null(art, "published", "article");
    text_index ti;
    index_text(&ti, text);
    if ((size_t)chars != ti.chars)
        oracle_fail("article.chars %lld but the text has %zu code points", (long long)chars,
                    ti.chars);
    size_t i;
    json_t *v;
    json_array_foreach(need(art, "boilerplate", JSON_ARRAY, "article"), i, v)
        check_span(&ti, v, "boilerplate");
    json_t *actor_ids = json_object(), *stmt_ids = json_object();
    json_array_foreach(need(doc, "actors", JSON_ARRAY, "document"), i, v)
    {
        const char *aid = json_string_value(need(v, "id", JSON_STRING, "actor"));
        if (strncmp(aid, id, strlen(id)) != 0 || has_id(actor_ids, aid))
            oracle_fail("actor id \"%s\" is not unique under article %s", aid, id);
        json_object_set_new(actor_ids, aid, json_true());
        need(v, "kind", JSON_STRING, "actor");
        need(v, "name", JSON_STRING, "actor");
        need(v, "aliases", JSON_ARRAY, "actor");
        const char *code = need_str_or_null(v, "code", "actor");
        const char *country = need_str_or_null(v, "country", "actor");
        if (code && !is_code(code))
            oracle_fail("actor code \"%s\" is not a CAMEO code", code);
        if (country && (!code || strlen(country) != 3 || !is_code(country) ||
                        (strncmp(code, country, 3) != 0 && strncmp(code + 3, country, 3) != 0)))
            oracle_fail("actor country \"%s\" is not its code's (\"%s\")", country,
                        code ? code : "null");
        size_t k;
        json_t *m;
        json_array_foreach(need(v, "mentions", JSON_ARRAY, "actor"), k, m)
        {
            check_span(&ti, m, "mention");
            need(m, "form", JSON_STRING, "mention");
        }
    }
    json_array_foreach(need(doc, "statements", JSON_ARRAY, "document"), i, v)
    {
        const char *sid = json_string_value(need(v, "id", JSON_STRING, "statement"));
        if (has_id(stmt_ids, sid))
            oracle_fail("statement id \"%s\" repeats", sid);
        json_object_set_new(stmt_ids, sid, json_true());
        check_ref(actor_ids, v, "actor_id", "statement");
        check_span(&ti, need(v, "speaker", -1, "statement"), "statement speaker");
        check_span(&ti, need(v, "cue", -1, "statement"), "statement cue");
        need(v, "kind", JSON_STRING, "statement");
        json_int_t s = json_integer_value(need(v, "start", JSON_INTEGER, "statement"));
        json_int_t e = json_integer_value(need(v, "end", JSON_INTEGER, "statement"));
        size_t k;
        json_t *piece;
        json_array_foreach(need(v, "spans", JSON_ARRAY, "statement"), k, piece)
        {
            json_int_t a = json_integer_value(json_array_get(piece, 0));
            json_int_t b = json_integer_value(json_array_get(piece, 1));
            if (!(s <= a && a < b && b <= e && (size_t)e <= ti.chars))
                oracle_fail("statement piece [%lld, %lld) outside [%lld, %lld)", (long long)a,
                            (long long)b, (long long)s, (long long)e);
        }
    }
    json_array_foreach(need(doc, "events", JSON_ARRAY, "document"), i, v)
    {
        need(v, "id", JSON_STRING, "event");
        const char *cameo = json_string_value(need(v, "cameo", JSON_STRING, "event"));
        if (strlen(cameo) < 3 || strspn(cameo, "0123456789") != strlen(cameo))
            oracle_fail("event cameo \"%s\" is not a zero-padded code", cameo);
        json_int_t q = json_integer_value(need(v, "quad_class", JSON_INTEGER, "event"));
        if (q < 1 || q > 4)
            oracle_fail("event quad_class %lld", (long long)q);
        check_span(&ti, need(v, "trigger", JSON_OBJECT, "event"), "event trigger");
        check_span(&ti, need(v, "agent", -1, "event"), "event agent");
        check_span(&ti, need(v, "target", -1, "event"), "event target");
        check_ref(actor_ids, v, "agent_id", "event");
        check_ref(actor_ids, v, "target_id", "event");
        check_ref(actor_ids, v, "location_id", "event");
        check_ref(stmt_ids, v, "statement_id", "event");
        for (int r = 0; r < 2; r++) {
            const char *role = r ? "target" : "agent", *code_key = r ? "target_code" : "agent_code";
            const char *code = need_str_or_null(v, code_key, "event");
            if (code && (!is_code(code) || json_is_null(json_object_get(v, role))))
                oracle_fail("event %s \"%s\" without a CAMEO code's shape or an actor", code_key,
                            code);
        }
        json_t *g = need(v, "goldstein", -1, "event");
        if (!json_is_null(g) &&
            !(json_is_number(g) && json_number_value(g) >= -10.0 && json_number_value(g) <= 10.0))
            oracle_fail("event goldstein is not a weight from -10 to 10");
        const char *date = need_str_or_null(v, "date", "event");
        char iso[11];
        if (date && nr_date_normalize(date, strlen(date), iso) != 0)
            oracle_fail("event date \"%s\" is not ISO 8601", date);
        if (!json_is_boolean(need(v, "negated", -1, "event")))
            oracle_fail("event negated is not a boolean");
    }
    free(ti.at);
    json_decref(actor_ids);
    json_decref(stmt_ids);
    json_decref(doc);
}

/* ---- CSV ------------------------------------------------------------------------------- */

/* One parsed table: its rows as arrays of fields. */
typedef struct table {
    char ***rows;
    size_t *widths;
    size_t n, cap;
    char **cur;
    size_t cur_n, cur_cap;
} table;

static void on_field(void *f, size_t len, void *user)
{
    table *t = user;
    if (t->cur_n == t->cur_cap) {
        t->cur_cap = t->cur_cap ? 2 * t->cur_cap : 16;
        t->cur = realloc(t->cur, t->cur_cap * sizeof *t->cur);
        if (!t->cur)
            oracle_fail("out of memory in the oracle");
    }
    char *copy = malloc(len + 1);
    if (!copy)
        oracle_fail("out of memory in the oracle");
    if (len)
        memcpy(copy, f, len);
    copy[len] = '\0';
    t->cur[t->cur_n++] = copy;
}

static void on_row(int c, void *user)
{
    (void)c;
    table *t = user;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
        t->widths = realloc(t->widths, t->cap * sizeof *t->widths);
        if (!t->rows || !t->widths)
            oracle_fail("out of memory in the oracle");
    }
    t->rows[t->n] = t->cur;
    t->widths[t->n++] = t->cur_n;
    t->cur = NULL;
    t->cur_n = t->cur_cap = 0;
}

static void parse_table(table *t, const char *csv, size_t len, const char *name)
{
    memset(t, 0, sizeof *t);
    if (!oracle_utf8_ok(csv, len))
        oracle_fail("%s.csv is not valid UTF-8", name);
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        oracle_fail("csv_init");
    if (csv_parse(&p, csv, len, on_field, on_row, t) != len ||
        csv_fini(&p, on_field, on_row, t) != 0)
        oracle_fail("%s.csv does not parse in libcsv strict mode: %s", name,
                    csv_strerror(csv_error(&p)));
    csv_free(&p);
    if (t->n == 0)
        oracle_fail("%s.csv has no header", name);
    for (size_t r = 1; r < t->n; r++) {
        if (t->widths[r] != t->widths[0])
            oracle_fail("%s.csv row %zu has %zu columns, the header %zu", name, r, t->widths[r],
                        t->widths[0]);
    }
}

static void free_table(table *t)
{
    for (size_t r = 0; r < t->n; r++) {
        for (size_t k = 0; k < t->widths[r]; k++)
            free(t->rows[r][k]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->widths);
}

/* The column of a table named name, or abort. */
static size_t column(const table *t, const char *name, const char *table_name)
{
    for (size_t k = 0; k < t->widths[0]; k++) {
        if (strcmp(t->rows[0][k], name) == 0)
            return k;
    }
    oracle_fail("%s.csv has no column %s", table_name, name);
    return 0;
}

static int in_column(const table *t, size_t col, const char *v)
{
    for (size_t r = 1; r < t->n; r++) {
        if (strcmp(t->rows[r][col], v) == 0)
            return 1;
    }
    return 0;
}

/* Every non-empty value of t's column key names a row of target's column tcol. */
static void check_fk(const table *t, const char *tname, const char *key, const table *target,
                     size_t tcol)
{
    size_t col = column(t, key, tname);
    for (size_t r = 1; r < t->n; r++) {
        const char *v = t->rows[r][col];
        if (*v && !in_column(target, tcol, v))
            oracle_fail("%s.csv row %zu: %s \"%s\" names no record", tname, r, key, v);
    }
}

/* A writer's output for the article into b, which fails the oracle when the writer ran out of
 * memory or wrote invalid UTF-8 (what names the output). */
static void written(nr_buf *b, void (*write)(nr_buf *, const nr_article *), const nr_article *a,
                    const char *what)
{
    nr_buf_init(b);
    write(b, a);
    if (b->failed)
        oracle_fail("%s: the writer ran out of memory", what);
    if (!oracle_utf8_ok(b->data ? b->data : "", b->len))
        oracle_fail("%s is not valid UTF-8", what);
}

/* The HTML page: valid UTF-8 whose only elements that can run or load anything are its own
 * script, however the article text is made. */
static void check_html(const nr_article *a)
{
    nr_buf page;
    written(&page, nr_write_html, a, "the HTML page");
    static const char *const tags[] = {"<script", "<img",  "<iframe", "<object", "<embed",
                                       "<svg",    "<link", "<base",   "<form"};
    nr_buf_putc(&page, '\0');
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
        size_t n = 0;
        for (const char *p = page.data; (p = strstr(p, tags[k])); p++)
            n++;
        if (n != (k == 0))
            oracle_fail("the HTML page has %zu %s elements", n, tags[k]);
    }
    nr_buf_free(&page);
}

/* The GDELT rows: one line per event, 61 fields each, valid UTF-8, the event's code in field 27,
 * a GLOBALEVENTID below 2^53. */
static void check_gdelt(const nr_article *a)
{
    nr_buf g;
    written(&g, nr_write_gdelt, a, "the GDELT rows");
    size_t line = 0, field = 0, start = 0;
    for (size_t i = 0; i < g.len; i++) {
        if (g.data[i] != '\t' && g.data[i] != '\n')
            continue;
        if (field == 0) {
            uint64_t id = 0;
            bool digits = i > start && i - start <= 16;
            for (size_t k = start; k < i && digits; k++) {
                digits = g.data[k] >= '0' && g.data[k] <= '9';
                id = id * 10 + (uint64_t)(g.data[k] - '0');
            }
            if (!digits || id >= (UINT64_C(1) << 53))
                oracle_fail("GDELT line %zu: GLOBALEVENTID is not a number below 2^53", line + 1);
        }
        if (field == 26 && line < a->n_events &&
            (strlen(a->events[line].cameo) != i - start ||
             memcmp(a->events[line].cameo, g.data + start, i - start) != 0))
            oracle_fail("GDELT line %zu: EventCode is not the event's code", line + 1);
        field++;
        start = i + 1;
        if (g.data[i] == '\n') {
            if (field != 61)
                oracle_fail("GDELT line %zu has %zu fields", line + 1, field);
            line++;
            field = 0;
        }
    }
    if (line != a->n_events || field != 0)
        oracle_fail("GDELT rows: %zu lines for %zu events", line, a->n_events);
    nr_buf_free(&g);
}

char *oracle_render(const nr_article *a, int pretty, size_t *len)
{
    check_html(a);
    check_gdelt(a);
    nr_buf all;
    nr_buf_init(&all);
    nr_buf json;
    nr_buf_init(&json);
    nr_json_opts jo = {pretty, 1};
    nr_write_json(&json, a, &jo);
    if (json.failed)
        oracle_fail("JSON writer ran out of memory");
    oracle_json(json.data, json.len);
    nr_buf_put(&all, json.data, json.len);
    nr_buf_free(&json);
    table t[NR_T_COUNT];
    for (int k = 0; k < NR_T_COUNT; k++) {
        nr_buf csv;
        nr_buf_init(&csv);
        nr_write_csv_header(&csv, (nr_table)k, NR_CSV_RFC4180);
        nr_write_csv_rows(&csv, (nr_table)k, a, NR_CSV_RFC4180);
        if (csv.failed)
            oracle_fail("CSV writer ran out of memory");
        parse_table(&t[k], csv.data, csv.len, nr_table_name((nr_table)k));
        nr_buf_put(&all, csv.data, csv.len);
        nr_buf_free(&csv);
    }
    if (t[NR_T_ARTICLES].n != 2)
        oracle_fail("articles.csv has %zu rows for one article", t[NR_T_ARTICLES].n - 1);
    size_t actor = column(&t[NR_T_ACTORS], "actor_id", "actors");
    size_t stmt = column(&t[NR_T_STATEMENTS], "statement_id", "statements");
    check_fk(&t[NR_T_MENTIONS], "mentions", "actor_id", &t[NR_T_ACTORS], actor);
    check_fk(&t[NR_T_STATEMENTS], "statements", "actor_id", &t[NR_T_ACTORS], actor);
    check_fk(&t[NR_T_EVENTS], "events", "agent_id", &t[NR_T_ACTORS], actor);
    check_fk(&t[NR_T_EVENTS], "events", "target_id", &t[NR_T_ACTORS], actor);
    check_fk(&t[NR_T_EVENTS], "events", "location_id", &t[NR_T_ACTORS], actor);
    check_fk(&t[NR_T_EVENTS], "events", "statement_id", &t[NR_T_STATEMENTS], stmt);
    for (int k = 0; k < NR_T_COUNT; k++)
        free_table(&t[k]);
    if (all.failed)
        oracle_fail("out of memory in the oracle");
    *len = all.len;
    return all.data;
}

char *oracle_render_plain(const nr_article *a, int pretty, size_t *len)
{
    nr_buf all;
    nr_buf_init(&all);
    nr_json_opts jo = {pretty, 1};
    nr_write_json(&all, a, &jo);
    for (int k = 0; k < NR_T_COUNT; k++) {
        nr_write_csv_header(&all, (nr_table)k, NR_CSV_RFC4180);
        nr_write_csv_rows(&all, (nr_table)k, a, NR_CSV_RFC4180);
    }
    if (all.failed)
        oracle_fail("out of memory rendering");
    *len = all.len;
    return all.data;
}
