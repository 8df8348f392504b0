/* main.c: the newsrec command: arguments, input walking, output files; the library does the work. */
#define _POSIX_C_SOURCE 200809L
#include "newsrec.h"

#include <stdbool.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_INPUT_FAILED = 1, EXIT_USAGE = 2, EXIT_OUTPUT_FAILED = 3 };

/* Directories nested deeper than this are reported, not walked (symlink loops end here). */
#define NR_MAX_DEPTH 64

typedef enum { FMT_JSON, FMT_JSONL, FMT_CSV } out_format;
typedef enum { IN_AUTO, IN_TEXT, IN_JSONL } in_format;

typedef struct out_file {
    FILE *fp;
    char *final_path; /* NULL for stdout */
    char *tmp_path;
} out_file;

typedef struct seen_set {
    uint64_t *ids;
    char **sources;
    size_t cap, n;
} seen_set;

typedef struct run {
    nr_ctx *ctx;
    out_format format;
    in_format input_format;
    const char *date;
    const char *out_path;
    int with_text, quiet;
    size_t max_article_bytes;
    out_file outs[NR_T_COUNT]; /* json/jsonl use outs[0] */
    nr_buf buf;
    seen_set seen;
    long articles, failed;
    int output_error; /* errno of the first failed write */
} run;

static void usage(FILE *fp)
{
    fputs("Usage: newsrec [OPTIONS] [FILE|DIR|-]...\n"
          "Reads news articles and writes their actors, statements and events as records.\n"
          "\n"
          "Inputs: plain-text files (one article each), JSON Lines files (.jsonl, .ndjson: one\n"
          "article per line), directories (walked recursively in sorted order), '-' or nothing\n"
          "for standard input.\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT        json (default: one pretty document per article), jsonl\n"
          "                          (one line per article) or csv (five tables, needs --out)\n"
          "  -o, --out PATH          csv: directory for articles.csv actors.csv mentions.csv\n"
          "                          statements.csv events.csv; json/jsonl: output file\n"
          "                          (default standard output). Files appear only when complete.\n"
          "      --input-format FMT  auto (default: by extension; standard input starting\n"
          "                          with '{' is JSON Lines), text or jsonl\n"
          "      --date YYYY-MM-DD   publication date for plain-text inputs\n"
          "      --with-text         add the decoded article text to each JSON document\n"
          "      --max-article-bytes N  skip larger articles with an error (default 64 MiB)\n"
          "  -q, --quiet             do not print warnings\n"
          "  -h, --help              show this help\n"
          "  -V, --version           show the version\n"
          "\n"
          "Exit status: 0 all inputs exported; 1 some inputs failed (the others were exported);\n"
          "2 usage error; 3 the output could not be written.\n",
          fp);
}

/* ---- messages ------------------------------------------------------------------------ */

static void report(run *r, const char *level, const char *where, const char *msg)
{
    if (r->quiet && strcmp(level, "warning") == 0)
        return;
    fprintf(stderr, "newsrec: %s: %s: %s\n", level, where, msg);
}

static void input_failed(run *r, const char *where, const char *msg)
{
    r->failed++;
    report(r, "error", where, msg);
}

/* ---- output -------------------------------------------------------------------------- */

static void note_write_error(run *r)
{
    if (!r->output_error)
        r->output_error = errno ? errno : EIO;
}

static void emit(run *r, FILE *fp, const nr_buf *b)
{
    if (b->failed) {
        errno = ENOMEM;
        note_write_error(r);
        return;
    }
    if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
        note_write_error(r);
}

static int open_out(out_file *o, const char *path)
{
    if (!path) {
        o->fp = stdout;
        return 0;
    }
    size_t n = strlen(path) + 32;
    o->final_path = strdup(path);
    o->tmp_path = malloc(n);
    if (!o->final_path || !o->tmp_path)
        return -1;
    snprintf(o->tmp_path, n, "%s.tmp-%ld", path, (long)getpid());
    o->fp = fopen(o->tmp_path, "wb");
    if (!o->fp) {
        fprintf(stderr, "newsrec: error: %s: %s\n", o->tmp_path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Temporary files become the final names only when every write and close succeeded. */
static int finish_outs(run *r, bool commit)
{
    int rc = 0;
    for (int t = 0; t < NR_T_COUNT; t++) {
        out_file *o = &r->outs[t];
        if (!o->fp)
            continue;
        if (o->fp == stdout) {
            if (fflush(stdout) != 0)
                note_write_error(r);
        } else {
            if (fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0)
                note_write_error(r);
            if (fclose(o->fp) != 0)
                note_write_error(r);
        }
        o->fp = NULL;
    }
    for (int t = 0; t < NR_T_COUNT; t++) {
        out_file *o = &r->outs[t];
        if (!o->tmp_path)
            continue;
        if (commit && !r->output_error && rename(o->tmp_path, o->final_path) != 0) {
            note_write_error(r);
            rc = -1;
        }
        if (!commit || r->output_error)
            unlink(o->tmp_path);
        free(o->tmp_path);
        free(o->final_path);
        o->tmp_path = o->final_path = NULL;
    }
    return r->output_error ? -1 : rc;
}

static int open_outputs(run *r)
{
    if (r->format != FMT_CSV)
        return open_out(&r->outs[0], r->out_path);
    if (mkdir(r->out_path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "newsrec: error: %s: %s\n", r->out_path, strerror(errno));
        return -1;
    }
    for (int t = 0; t < NR_T_COUNT; t++) {
        size_t n = strlen(r->out_path) + 32;
        char *path = malloc(n);
        if (!path)
            return -1;
        snprintf(path, n, "%s/%s.csv", r->out_path, nr_table_name((nr_table)t));
        int rc = open_out(&r->outs[t], path);
        free(path);
        if (rc != 0)
            return -1;
        r->buf.len = 0;
        nr_write_csv_header(&r->buf, (nr_table)t);
        emit(r, r->outs[t].fp, &r->buf);
    }
    return 0;
}

static void write_article(run *r, const nr_article *a)
{
    if (r->format == FMT_CSV) {
        for (int t = 0; t < NR_T_COUNT; t++) {
            r->buf.len = 0;
            nr_write_csv_rows(&r->buf, (nr_table)t, a);
            emit(r, r->outs[t].fp, &r->buf);
        }
        return;
    }
    nr_json_opts o = {r->format == FMT_JSON, r->with_text};
    r->buf.len = 0;
    nr_write_json(&r->buf, a, &o);
    nr_buf_putc(&r->buf, '\n');
    emit(r, r->outs[0].fp, &r->buf);
}

/* ---- duplicates ---------------------------------------------------------------------- */

static uint64_t id_value(const char *hex)
{
    return strtoull(hex, NULL, 16);
}

/* Returns the source that already exported this id, or NULL after remembering it. */
static const char *seen_check(seen_set *s, const char *id, const char *source)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *ids = calloc(cap, sizeof *ids);
        char **sources = calloc(cap, sizeof *sources);
        if (!ids || !sources) {
            free(ids);
            free(sources);
            return NULL;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->sources[i])
                continue;
            size_t j = s->ids[i] & (cap - 1);
            while (sources[j])
                j = (j + 1) & (cap - 1);
            ids[j] = s->ids[i];
            sources[j] = s->sources[i];
        }
        free(s->ids);
        free(s->sources);
        s->ids = ids;
        s->sources = sources;
        s->cap = cap;
    }
    uint64_t v = id_value(id);
    size_t j = v & (s->cap - 1);
    while (s->sources[j]) {
        if (s->ids[j] == v)
            return s->sources[j];
        j = (j + 1) & (s->cap - 1);
    }
    s->ids[j] = v;
    s->sources[j] = strdup(source);
    s->n += s->sources[j] != NULL;
    return NULL;
}

static void seen_free(seen_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->sources[i]);
    free(s->ids);
    free(s->sources);
}

/* ---- one article --------------------------------------------------------------------- */

static void process(run *r, const nr_input *in, const char *where)
{
    nr_error err;
    nr_article *a = nr_extract(r->ctx, in, &err);
    if (!a) {
        input_failed(r, where, err.message);
        return;
    }
    for (size_t i = 0; i < a->n_warnings; i++)
        report(r, "warning", where, a->warnings[i]);
    const char *first = seen_check(&r->seen, a->id, where);
    if (first) {
        char msg[600];
        snprintf(msg, sizeof msg, "same article as %s (id %s); exported once", first, a->id);
        report(r, "warning", where, msg);
    } else {
        write_article(r, a);
        r->articles++;
    }
    nr_article_free(a);
}

/* ---- reading ------------------------------------------------------------------------- */

/* Reads a whole stream, stopping one byte past max so "too large" can be told apart. */
static char *read_all(FILE *fp, const char *prefix, size_t prefix_len, size_t max, size_t *len)
{
    size_t cap = prefix_len + 65536, n = prefix_len;
    char *data = malloc(cap);
    if (!data)
        return NULL;
    if (prefix_len)
        memcpy(data, prefix, prefix_len);
    for (;;) {
        if (n == cap) {
            cap += cap / 2;
            char *p = realloc(data, cap);
            if (!p) {
                free(data);
                return NULL;
            }
            data = p;
        }
        size_t got = fread(data + n, 1, cap - n, fp);
        n += got;
        if (got == 0 || n > max)
            break;
    }
    if (ferror(fp)) {
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

static void process_text(run *r, FILE *fp, const char *where, const char *prefix, size_t plen)
{
    size_t len = 0;
    errno = 0;
    char *data = read_all(fp, prefix, plen, r->max_article_bytes, &len);
    if (!data) {
        input_failed(r, where, errno ? strerror(errno) : "read error");
        return;
    }
    nr_input in = {.data = data, .len = len, .source = where, .published = r->date};
    process(r, &in, where);
    free(data);
}

/* What the line callback needs to know about its stream. */
typedef struct jsonl_stream {
    run *r;
    const char *where;
} jsonl_stream;

static int jsonl_line(const char *line, size_t len, long lineno, void *user)
{
    jsonl_stream *js = user;
    run *r = js->r;
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == len)
        return 0; /* blank lines separate nothing in JSON Lines */
    nr_error err;
    nr_jsonl_record *rec = nr_jsonl_parse(line, len, js->where, lineno, &err);
    if (!rec) {
        r->failed++;
        fprintf(stderr, "newsrec: error: %s\n", err.message);
        return 0;
    }
    char loc[4200];
    nr_input in = *nr_jsonl_input(rec);
    snprintf(loc, sizeof loc, "%s:%ld", js->where, lineno);
    if (!in.source)
        in.source = loc;
    if (!in.published)
        in.published = r->date;
    process(r, &in, loc);
    nr_jsonl_free(rec);
    return r->output_error ? 1 : 0;
}

static void process_jsonl(run *r, FILE *fp, const char *where, const char *prefix, size_t plen)
{
    jsonl_stream js = {r, where};
    nr_lines *lines = nr_lines_new();
    char chunk[65536];
    int rc = lines ? nr_lines_feed(lines, prefix, plen, jsonl_line, &js) : -1;
    size_t got;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        rc = nr_lines_feed(lines, chunk, got, jsonl_line, &js);
    if (rc == 0)
        rc = nr_lines_finish(lines, jsonl_line, &js);
    if (rc < 0)
        input_failed(r, where, "out of memory");
    else if (ferror(fp))
        input_failed(r, where, strerror(errno));
    nr_lines_free(lines);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Standard input in auto mode: leading white space, then '{' means JSON Lines. */
static void process_stdin(run *r)
{
    char prefix[4096];
    size_t n = 0;
    int c = EOF;
    bool jsonl = r->input_format == IN_JSONL;
    if (r->input_format == IN_AUTO) {
        while (n < sizeof prefix && (c = getchar()) != EOF) {
            prefix[n++] = (char)c;
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
        }
        jsonl = c == '{';
    }
    if (jsonl)
        process_jsonl(r, stdin, "-", prefix, n);
    else
        process_text(r, stdin, "-", prefix, n);
}

static void process_file(run *r, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        input_failed(r, path, strerror(errno));
        return;
    }
    bool jsonl = r->input_format == IN_JSONL ||
                 (r->input_format == IN_AUTO &&
                  (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson")));
    if (jsonl)
        process_jsonl(r, fp, path, NULL, 0);
    else
        process_text(r, fp, path, NULL, 0);
    fclose(fp);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void process_path(run *r, const char *path, int depth);

static void process_dir(run *r, const char *path, int depth)
{
    if (depth > NR_MAX_DEPTH) {
        input_failed(r, path, "directories nested too deeply (a symlink loop?); skipped");
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        input_failed(r, path, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue; /* hidden files, "." and ".." */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            if (!p)
                break;
            names = p;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", names[i]);
            if (!r->output_error)
                process_path(r, child, depth + 1);
            free(child);
        }
        free(names[i]);
    }
    free(names);
}

static void process_path(run *r, const char *path, int depth)
{
    if (strcmp(path, "-") == 0) {
        process_stdin(r);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        input_failed(r, path, strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode))
        process_dir(r, path, depth);
    else if (S_ISREG(st.st_mode))
        process_file(r, path);
    else
        input_failed(r, path, "not a regular file or directory; skipped");
}

/* ---- arguments ----------------------------------------------------------------------- */

static int parse_args(run *r, int argc, char **argv, nr_limits *limits)
{
    enum { OPT_INPUT_FORMAT = 256, OPT_DATE, OPT_WITH_TEXT, OPT_MAX_BYTES };
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"out", required_argument, NULL, 'o'},
        {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
        {"date", required_argument, NULL, OPT_DATE},
        {"with-text", no_argument, NULL, OPT_WITH_TEXT},
        {"max-article-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;
    static char date_buf[11];
    while ((c = getopt_long(argc, argv, "f:o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                r->format = FMT_JSON;
            else if (strcmp(optarg, "jsonl") == 0)
                r->format = FMT_JSONL;
            else if (strcmp(optarg, "csv") == 0)
                r->format = FMT_CSV;
            else
                return fprintf(stderr, "newsrec: unknown --format '%s' (json, jsonl, csv)\n", optarg), -1;
            break;
        case 'o': r->out_path = optarg; break;
        case OPT_INPUT_FORMAT:
            if (strcmp(optarg, "auto") == 0)
                r->input_format = IN_AUTO;
            else if (strcmp(optarg, "text") == 0)
                r->input_format = IN_TEXT;
            else if (strcmp(optarg, "jsonl") == 0)
                r->input_format = IN_JSONL;
            else
                return fprintf(stderr, "newsrec: unknown --input-format '%s' (auto, text, jsonl)\n", optarg), -1;
            break;
        case OPT_DATE:
            if (strlen(optarg) != 10 || nr_date_normalize(optarg, 10, date_buf) != 0)
                return fprintf(stderr, "newsrec: --date wants YYYY-MM-DD, not '%s'\n", optarg), -1;
            r->date = date_buf;
            break;
        case OPT_WITH_TEXT: r->with_text = 1; break;
        case OPT_MAX_BYTES: {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || v == 0)
                return fprintf(stderr, "newsrec: --max-article-bytes wants a positive number\n"), -1;
            limits->max_article_bytes = (size_t)v;
            break;
        }
        case 'q': r->quiet = 1; break;
        case 'h': usage(stdout); return 1;
        case 'V': printf("newsrec %s\n", NR_VERSION); return 1;
        default: return -1;
        }
    }
    if (r->format == FMT_CSV && !r->out_path)
        return fprintf(stderr, "newsrec: --format csv needs --out DIR\n"), -1;
    return 0;
}

int main(int argc, char **argv)
{
    /* A closed pipe shows up as EPIPE from a write, which ends the run quietly. */
    signal(SIGPIPE, SIG_IGN);
    run r = {0};
    nr_limits limits;
    nr_limits_default(&limits);
    int pa = parse_args(&r, argc, argv, &limits);
    if (pa != 0) {
        if (pa < 0)
            fputs("Try 'newsrec --help'.\n", stderr);
        return pa < 0 ? EXIT_USAGE : 0;
    }
    r.max_article_bytes = limits.max_article_bytes;
    r.ctx = nr_ctx_new(&limits);
    nr_buf_init(&r.buf);
    if (!r.ctx || open_outputs(&r) != 0) {
        finish_outs(&r, false);
        nr_ctx_free(r.ctx);
        return EXIT_OUTPUT_FAILED;
    }
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (optind == argc)
        process_path(&r, "-", 0);
    for (int i = optind; i < argc && !r.output_error; i++)
        process_path(&r, argv[i], 0);
    int rc = finish_outs(&r, true);
    nr_buf_free(&r.buf);
    seen_free(&r.seen);
    nr_ctx_free(r.ctx);
    if (rc != 0 || r.output_error) {
        if (r.output_error == EPIPE)
            return 0;
        fprintf(stderr, "newsrec: error: writing output: %s; no output file was completed\n",
                strerror(r.output_error));
        return EXIT_OUTPUT_FAILED;
    }
    return r.failed ? EXIT_INPUT_FAILED : 0;
}
