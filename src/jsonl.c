/* jsonl.c: reads one JSON Lines article record (text, id/doc_id, title, date/published, url). */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct nr_jsonl_record {
    json_t *root;
    char id_buf[32]; /* an integer id as decimal */
    nr_input input;
};

static nr_jsonl_record *S_fail(nr_error *err, json_t *root, const char *file, long lineno,
                               const char *what)
{
    json_decref(root);
    err->status = NR_EINPUT;
    snprintf(err->message, sizeof err->message, "%s:%ld: %s", file, lineno, what);
    return NULL;
}

/* A string field, or NULL when absent or null; *bad is set when present with another type. */
static const char *S_string(json_t *root, const char *key, bool *bad)
{
    json_t *v = json_object_get(root, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = true;
        return NULL;
    }
    return json_string_value(v);
}

static nr_jsonl_record *S_oom(nr_error *err, json_t *root, const char *file, long lineno)
{
    json_decref(root);
    err->status = NR_ENOMEM;
    snprintf(err->message, sizeof err->message, "%s:%ld: out of memory", file, lineno);
    return NULL;
}

nr_jsonl_record *nr_jsonl_parse(const char *line, size_t len, const char *file, long lineno,
                                nr_error *err)
{
    /* PowerShell's Out-File, Notepad and some exporters start a UTF-8 file with a byte-order
     * mark; it is no part of the first record. */
    if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    json_error_t jerr;
    /* JSON_ALLOW_NUL: a \u0000 in an article is a control character for decode.c's rule, not a
     * reason to lose the article. */
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    /* jansson 2.14 reports most allocation failures with an empty message, some as syntax
     * errors; the line is reported either way. */
    if (!root && (json_error_code(&jerr) == json_error_out_of_memory || !jerr.text[0]))
        return S_oom(err, NULL, file, lineno);
    if (!root) {
        char what[400];
        snprintf(what, sizeof what, "malformed JSON at column %d: %s", jerr.column, jerr.text);
        return S_fail(err, NULL, file, lineno, what);
    }
    if (!json_is_object(root))
        return S_fail(err, root, file, lineno, "not a JSON object");
    json_t *text = json_object_get(root, "text");
    if (!text)
        return S_fail(err, root, file, lineno, "no \"text\" field");
    if (!json_is_string(text))
        return S_fail(err, root, file, lineno, "\"text\" is not a string");
    nr_jsonl_record *rec = calloc(1, sizeof *rec);
    if (!rec)
        return S_oom(err, root, file, lineno);
    rec->root = root;
    rec->input.data = json_string_value(text);
    rec->input.len = json_string_length(text);
    rec->input.is_json_text = 1;
    json_t *id = json_object_get(root, "id");
    if (!id || json_is_null(id))
        id = json_object_get(root, "doc_id");
    if (json_is_string(id)) {
        rec->input.record_id = json_string_value(id);
    } else if (json_is_integer(id)) {
        snprintf(rec->id_buf, sizeof rec->id_buf, "%lld", (long long)json_integer_value(id));
        rec->input.record_id = rec->id_buf;
    }
    bool bad = false;
    rec->input.title = S_string(root, "title", &bad);
    rec->input.published = S_string(root, "published", &bad);
    if (!rec->input.published)
        rec->input.published = S_string(root, "date", &bad);
    rec->input.url = S_string(root, "url", &bad);
    rec->input.source = rec->input.record_id;
    if (bad) {
        nr_jsonl_free(rec);
        return S_fail(err, NULL, file, lineno, "title, date, published or url is not a string");
    }
    return rec;
}

const nr_input *nr_jsonl_input(const nr_jsonl_record *rec)
{
    return &rec->input;
}

void nr_jsonl_free(nr_jsonl_record *rec)
{
    if (!rec)
        return;
    json_decref(rec->root);
    free(rec);
}
