/* main.c: the newsrec command: arguments, input walking, output files; the library does the work.
 */
#define _POSIX_C_SOURCE 200809L
#include "newsrec.h"
#include "pool.h"

#include <stdbool.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_INPUT_FAILED = 1, EXIT_USAGE = 2, EXIT_OUTPUT_FAILED = 3 };

/* Directories nested deeper than this are reported, not walked. */
#define NR_MAX_DEPTH 64

/* Set by the signal handler; the run checks it between articles and lines, then removes its
 * temporary files and dies of the same signal, so no half-written table takes a final name. */
static volatile sig_atomic_t S_interrupted;

typedef enum { FMT_JSON, FMT_JSONL, FMT_CSV, FMT_XLSX, FMT_SQLITE, FMT_HTML } out_format;
typedef enum { IN_AUTO, IN_TEXT, IN_JSONL } in_format;

typedef struct out_file {
    FILE *fp;
    char *final_path; /* NULL for stdout */
    char *tmp_path;
} out_file;

/* Article ids already exported, 16 bytes each so a stream of millions stays small: the id, and
 * where it came from as an index into files (plus 1; 0 marks a free slot) and a line number. */
typedef struct seen_entry {
    uint64_t id;
    uint32_t file;
    uint32_t line;
} seen_entry;

typedef struct seen_set {
    seen_entry *slots;
    size_t cap, n;
    char **files; /* each input path once, in the order they were read */
    size_t n_files, files_cap;
} seen_set;

/* A directory being walked, to tell a symlink loop from a deep tree. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

/*
 * One unit of work: an input (a file's bytes, or one JSON Lines line) or an error found while
 * reading, and what it gave: the rendered records and the messages, which the main thread
 * writes in input order whatever thread did the work.
 */
typedef struct item {
    nr_buf in;               /* the bytes to read */
    nr_buf file;             /* the input's path, NUL-terminated */
    long line;               /* the JSON Lines line number; 0 for a whole file */
    bool jsonl;              /* in is one JSON Lines record */
    bool message;            /* no input: msgs holds an error found while reading */
    nr_buf out[NR_T_COUNT];  /* json and jsonl use out[0] */
    size_t rows[NR_T_COUNT]; /* the rows the article adds to each table */
    size_t n_warnings;       /* the article's own warnings */
    size_t cut[NR_T_COUNT];  /* csv: the cells cut to Excel's limit */
    nr_article *article;     /* xlsx, sqlite: the article, which the main thread writes */
    nr_buf msgs;             /* the lines for standard error */
    char id[17];             /* the article id, when an article came out */
    int failed;
    uint64_t stage_ns[NR_STAGE_COUNT + 1]; /* and the writing last */
} item;

typedef struct run {
    nr_ctx *ctx;
    out_format format;
    in_format input_format;
    nr_csv_dialect dialect;
    bool dialect_given;
    const char *date;
    const char *out_path;
    int with_text, quiet, timing, jobs;
    nr_limits limits;
    out_file outs[NR_T_COUNT]; /* json/jsonl/xlsx use outs[0] (xlsx without a FILE) */
    nr_xlsx *xlsx;
    nr_sqlite *sqlite;
    long already;                   /* sqlite: articles the database held before */
    size_t rows[NR_T_COUNT];        /* rows written to each table */
    long warnings, duplicates;      /* warning lines (printed or not); inputs seen twice */
    uint64_t bytes_in, bytes_total; /* input read so far; all of it (0: unknown) */
    uint64_t start_ns, progress_ns; /* when the run began; when progress was last shown */
    bool progress, progress_shown;  /* progress is wanted; a line of it is on the terminal */
    const char *stats_path;
    nr_buf buf;
    pool *pool;
    uint64_t stage_ns[NR_STAGE_COUNT + 1];
    seen_set seen;
    dir_id walk[NR_MAX_DEPTH + 1];
    long articles, failed;
    int output_error;             /* errno of the first failed write */
    char output_error_path[4096]; /* the file that failed; empty for standard output */
    char output_error_msg[512];   /* what failed, when errno does not say it (xlsx, sqlite) */
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
          "                          (one line per article), csv (five tables), xlsx (an Excel\n"
          "                          workbook, a sheet per table) or sqlite (a database; an\n"
          "                          article already in it is left as it is) or html (a page\n"
          "                          per article and index.html); all but json and jsonl\n"
          "                          need --out\n"
          "  -o, --out PATH          csv, html: directory for the tables or the pages (csv:\n"
          "                          articles.csv actors.csv mentions.csv\n"
          "                          statements.csv events.csv); json/jsonl/xlsx/sqlite: file\n"
          "                          (default standard output). Files appear only when\n"
          "                          complete; a database grows a transaction at a time.\n"
          "      --dialect D         csv: rfc4180 (default: for pipelines) or excel (UTF-8 BOM,\n"
          "                          CRLF, formula guard, cells cut to 32,767 characters)\n"
          "      --input-format FMT  auto (default: by extension; standard input starting\n"
          "                          with '{' is JSON Lines), text or jsonl\n"
          "      --date YYYY-MM-DD   publication date for plain-text inputs\n"
          "      --with-text         add the decoded article text to each JSON document\n"
          "  -j, --jobs N            worker threads (default 1; 0: one per core); output is the\n"
          "                          same bytes in the same order for any N\n"
          "      --timing            print the time spent in each stage to standard error\n"
          "      --stats FILE        write the run's counts and speed to FILE as JSON\n"
          "      --progress          show progress on standard error even when it is not a\n"
          "                          terminal (on a terminal it is shown anyway)\n"
          "  -q, --quiet             print no warnings, no progress and no summary\n"
          "  -h, --help              show this help\n"
          "  -V, --version           show the version\n"
          "\n"
          "Limits (an input over one is reported and skipped; 0 means no limit; sizes take\n"
          "a K, M or G suffix):\n"
          "      --max-article-bytes N  bytes of one article (default 64M)\n"
          "      --max-line-bytes N     bytes of one JSON Lines record (default 64M)\n"
          "      --max-sentences N      sentences of one article (default 100000)\n"
          "      --max-mentions N       actor mentions of one article (default 200000)\n"
          "      --max-nesting N        quotation marks and brackets open at once (default 64)\n"
          "\n"
          "Errors name the input (file, or file:line for JSON Lines) and end with their class\n"
          "in brackets: [file] [io] [not-text] [empty] [limit] [input] [memory] [output].\n"
          "\n"
          "Exit status: 0 all inputs exported; 1 some inputs failed (the others were exported);\n"
          "2 usage error; 3 the output could not be written.\n",
          fp);
}

/* ---- messages ------------------------------------------------------------------------ */

static void msg_error(nr_buf *m, const char *where, const char *cls, const char *msg)
{
    nr_buf_printf(m, "newsrec: error: %s: %s [%s]\n", where, msg, cls);
}

static void msg_warning(const run *r, nr_buf *m, const char *where, const char *msg)
{
    if (!r->quiet)
        nr_buf_printf(m, "newsrec: warning: %s: %s\n", where, msg);
}

/* Empties a buffer for reuse, giving back what one huge article made it hold, and clearing a
 * failed allocation so it is not reported again for the next input. */
static void buf_reuse(nr_buf *b)
{
    if (b->cap > ((size_t)1 << 20) || b->failed)
        nr_buf_free(b);
    b->len = 0;
}

static void item_reset(item *it)
{
    buf_reuse(&it->in);
    buf_reuse(&it->msgs);
    buf_reuse(&it->file);
    for (int t = 0; t < NR_T_COUNT; t++)
        buf_reuse(&it->out[t]);
    memset(it->rows, 0, sizeof it->rows);
    it->n_warnings = 0;
    memset(it->cut, 0, sizeof it->cut);
    nr_article_free(it->article);
    it->article = NULL;
    it->line = 0;
    it->jsonl = it->message = false;
    it->id[0] = '\0';
    it->failed = 0;
    memset(it->stage_ns, 0, sizeof it->stage_ns);
}

/* An item for the input at file:line, to be filled with its bytes and submitted. */
static item *next_item(run *r, const char *file, long line)
{
    item *it = pool_next(r->pool);
    item_reset(it);
    nr_buf_put(&it->file, file, strlen(file) + 1);
    it->line = line;
    return it;
}

/* One input (a file, a directory or a JSON Lines record) failed; the run goes on. The message
 * takes its turn in the output order like any article. */
static void input_failed(run *r, const char *where, const char *cls, const char *msg)
{
    item *it = next_item(r, where, 0);
    it->message = true;
    it->failed = 1;
    msg_error(&it->msgs, where, cls, msg);
    pool_submit(r->pool);
}

/* ---- output -------------------------------------------------------------------------- */

/* The first failed write (err an errno value; 0 when errno did not say) and its file. */
static void note_write_error(run *r, const out_file *o, int err)
{
    if (r->output_error)
        return;
    r->output_error = err ? err : EIO;
    snprintf(r->output_error_path, sizeof r->output_error_path, "%s",
             o->final_path ? o->final_path : "");
}

/* An output failure that errno does not describe. */
static void note_output_failure(run *r, const char *path, const char *msg)
{
    if (r->output_error)
        return;
    r->output_error = EIO;
    snprintf(r->output_error_path, sizeof r->output_error_path, "%s", path);
    snprintf(r->output_error_msg, sizeof r->output_error_msg, "%s", msg);
}

static void emit(run *r, const out_file *o, const nr_buf *b)
{
    if (b->failed) {
        note_write_error(r, o, ENOMEM);
        return;
    }
    errno = 0;
    if (b->len && fwrite(b->data, 1, b->len, o->fp) != b->len)
        note_write_error(r, o, errno);
}

/* The final and temporary names of an output; the temporary one sits beside the final one so
 * the last step is a rename. */
static int name_out(out_file *o, const char *path)
{
    size_t n = strlen(path) + 32;
    o->final_path = strdup(path);
    o->tmp_path = malloc(n);
    if (!o->final_path || !o->tmp_path)
        return -1;
    snprintf(o->tmp_path, n, "%s.tmp-%ld", path, (long)getpid());
    return 0;
}

static int open_out(out_file *o, const char *path)
{
    if (!path) {
        o->fp = stdout;
        return 0;
    }
    if (name_out(o, path) != 0)
        return -1;
    o->fp = fopen(o->tmp_path, "wb");
    if (!o->fp) {
        fprintf(stderr, "newsrec: error: %s: %s [output]\n", o->tmp_path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Flushes (and fsyncs, when sync) and closes o's file. Returns 0, or the first errno value. */
static int close_out(out_file *o, bool sync)
{
    int err = 0;
    errno = 0;
    if (sync && (fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0))
        err = errno ? errno : EIO;
    errno = 0;
    if (fclose(o->fp) != 0 && !err)
        err = errno ? errno : EIO;
    o->fp = NULL;
    return err;
}

/* Gives o's closed file its final name when keep, else removes it. Returns 0, or an errno
 * value (the file is then removed). */
static int place_out(out_file *o, bool keep)
{
    int err = keep && rename(o->tmp_path, o->final_path) != 0 ? (errno ? errno : EIO) : 0;
    if (!keep || err)
        unlink(o->tmp_path);
    return err;
}

static void free_out(out_file *o)
{
    free(o->tmp_path);
    free(o->final_path);
    o->tmp_path = o->final_path = NULL;
}

/* The workbook is written to its temporary name when the run commits, else discarded. */
static void finish_xlsx(run *r, bool commit)
{
    if (!r->xlsx)
        return;
    nr_error err;
    if (commit && !r->output_error) {
        if (nr_xlsx_close(r->xlsx, &err) != 0)
            note_output_failure(r, r->outs[0].final_path, err.message);
    } else {
        nr_xlsx_discard(r->xlsx);
    }
    r->xlsx = NULL;
}

/* The open batch is committed when the run commits, else rolled back; earlier batches stay. */
static void finish_sqlite(run *r, bool commit)
{
    if (!r->sqlite)
        return;
    nr_error err;
    if (commit && !r->output_error) {
        if (nr_sqlite_close(r->sqlite, &err) != 0)
            note_output_failure(r, r->out_path, err.message);
    } else {
        nr_sqlite_discard(r->sqlite);
    }
    r->sqlite = NULL;
}

/* Temporary files become the final names only when every write and close succeeded. */
static int finish_outs(run *r, bool commit)
{
    int rc = 0;
    finish_xlsx(r, commit);
    finish_sqlite(r, commit);
    for (int t = 0; t < NR_T_COUNT; t++) {
        out_file *o = &r->outs[t];
        int err = 0;
        errno = 0;
        if (o->fp == stdout)
            err = fflush(stdout) != 0 ? errno : 0;
        else if (o->fp)
            err = close_out(o, commit);
        o->fp = NULL;
        if (err && commit)
            note_write_error(r, o, err);
    }
    /* Only when every table was written do any of them take their final names. */
    for (int t = 0; t < NR_T_COUNT; t++) {
        out_file *o = &r->outs[t];
        if (!o->tmp_path)
            continue;
        int err = place_out(o, commit && !r->output_error);
        if (err) {
            note_write_error(r, o, err);
            rc = -1;
        }
        free_out(o);
    }
    return r->output_error ? -1 : rc;
}

static int open_xlsx(run *r)
{
    out_file *o = &r->outs[0];
    nr_error err;
    if (name_out(o, r->out_path) != 0)
        return -1;
    /* libxlsxwriter opens the file only when closing it: try the directory now. */
    FILE *probe = fopen(o->tmp_path, "wb");
    if (!probe) {
        fprintf(stderr, "newsrec: error: %s: %s [output]\n", o->tmp_path, strerror(errno));
        return -1;
    }
    fclose(probe);
    if (!(r->xlsx = nr_xlsx_open(o->tmp_path, &err))) {
        fprintf(stderr, "newsrec: error: %s: %s [output]\n", o->tmp_path, err.message);
        return -1;
    }
    return 0;
}

/* index.html, which lists the pages as they are written and is complete when the run is. */
static int open_html_index(run *r)
{
    size_t n = strlen(r->out_path) + 16;
    char *path = malloc(n);
    if (!path)
        return -1;
    snprintf(path, n, "%s/index.html", r->out_path);
    int rc = open_out(&r->outs[0], path);
    free(path);
    if (rc != 0)
        return -1;
    r->buf.len = 0;
    nr_write_html_index_head(&r->buf);
    emit(r, &r->outs[0], &r->buf);
    return 0;
}

static int open_sqlite(run *r)
{
    nr_error err;
    if ((r->sqlite = nr_sqlite_open(r->out_path, &err)))
        return 0;
    fprintf(stderr, "newsrec: error: %s: %s [output]\n", r->out_path, err.message);
    return -1;
}

static int open_outputs(run *r)
{
    if (r->format == FMT_SQLITE)
        return open_sqlite(r);
    if (r->format == FMT_XLSX)
        return open_xlsx(r);
    if (r->format != FMT_CSV && r->format != FMT_HTML)
        return open_out(&r->outs[0], r->out_path);
    if (mkdir(r->out_path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "newsrec: error: %s: %s [output]\n", r->out_path, strerror(errno));
        return -1;
    }
    if (r->format == FMT_HTML)
        return open_html_index(r);
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
        nr_write_csv_header(&r->buf, (nr_table)t, r->dialect);
        emit(r, &r->outs[t], &r->buf);
    }
    return 0;
}

/* Renders on the worker; an xlsx or sqlite article is kept for the main thread, which owns the
 * workbook or the database.
 * Returns the article when it is kept. */
static nr_article *render(const run *r, nr_article *a, item *it)
{
    if (r->format == FMT_XLSX || r->format == FMT_SQLITE)
        return a;
    if (r->format == FMT_CSV) {
        for (int t = 0; t < NR_T_COUNT; t++)
            it->cut[t] = nr_write_csv_rows(&it->out[t], (nr_table)t, a, r->dialect);
        return NULL;
    }
    if (r->format == FMT_HTML) { /* out[0]: the index row; out[1]: the page */
        nr_write_html_index_row(&it->out[0], a);
        nr_write_html(&it->out[1], a);
        return NULL;
    }
    nr_json_opts o = {r->format == FMT_JSON, r->with_text};
    nr_write_json(&it->out[0], a, &o);
    nr_buf_putc(&it->out[0], '\n');
    return NULL;
}

/* ---- duplicates ---------------------------------------------------------------------- */

static uint64_t id_value(const char *hex)
{
    return strtoull(hex, NULL, 16);
}

static bool seen_grow(seen_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    seen_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->slots[i].file)
            continue;
        size_t j = s->slots[i].id & (cap - 1);
        while (slots[j].file)
            j = (j + 1) & (cap - 1);
        slots[j] = s->slots[i];
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return true;
}

/* The index of file in the list, adding it when it is not the last one added. */
static long seen_file(seen_set *s, const char *file)
{
    if (s->n_files && strcmp(s->files[s->n_files - 1], file) == 0)
        return (long)s->n_files - 1;
    if (s->n_files == s->files_cap) {
        size_t cap = s->files_cap ? s->files_cap * 2 : 64;
        char **p = realloc(s->files, cap * sizeof *p);
        if (!p)
            return -1;
        s->files = p;
        s->files_cap = cap;
    }
    if (!(s->files[s->n_files] = strdup(file)))
        return -1;
    return (long)s->n_files++;
}

/* Writes where this id was first exported into first and returns true, or remembers it (when
 * memory allows) and returns false. */
static bool seen_check(seen_set *s, const char *id, const char *file, long line, char *first,
                       size_t size)
{
    if ((s->n + 1) * 2 > s->cap && !seen_grow(s))
        return false;
    uint64_t v = id_value(id);
    size_t j = v & (s->cap - 1);
    for (; s->slots[j].file; j = (j + 1) & (s->cap - 1)) {
        if (s->slots[j].id != v)
            continue;
        const seen_entry *e = &s->slots[j];
        if (e->line)
            snprintf(first, size, "%s:%lu", s->files[e->file - 1], (unsigned long)e->line);
        else
            snprintf(first, size, "%s", s->files[e->file - 1]);
        return true;
    }
    long f = seen_file(s, file);
    if (f >= 0 && f < UINT32_MAX && line >= 0 && line <= (long)UINT32_MAX) {
        s->slots[j] = (seen_entry){v, (uint32_t)f + 1, (uint32_t)line};
        s->n++;
    }
    return false;
}

static void seen_free(seen_set *s)
{
    for (size_t i = 0; i < s->n_files; i++)
        free(s->files[i]);
    free(s->files);
    free(s->slots);
}

/* ---- one article --------------------------------------------------------------------- */

/* "file" for a whole file, "file:line" for a JSON Lines record. */
static const char *where_of(char *buf, size_t size, const char *file, long line)
{
    if (!line)
        return file;
    snprintf(buf, size, "%s:%ld", file, line);
    return buf;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Runs on a worker: reads the record, extracts the article, renders it. Reads r, never writes. */
static void work_item(void *ctx, void *p)
{
    const run *r = ctx;
    item *it = p;
    if (it->message)
        return;
    char buf[4200];
    const char *file = it->file.data;
    const char *where = where_of(buf, sizeof buf, file, it->line);
    nr_error err;
    nr_jsonl_record *rec = NULL;
    nr_input in = {.data = it->in.data, .len = it->in.len, .source = where, .published = r->date};
    if (it->jsonl) {
        if (!(rec = nr_jsonl_parse(it->in.data, it->in.len, file, it->line, &err))) {
            it->failed = 1;
            nr_buf_printf(&it->msgs, "newsrec: error: %s [%s]\n", err.message,
                          nr_status_name(err.status));
            return;
        }
        in = *nr_jsonl_input(rec);
        if (!in.source)
            in.source = where;
        if (!in.published)
            in.published = r->date;
    }
    nr_article *a = nr_extract(r->ctx, &in, &err);
    if (!a) {
        it->failed = 1;
        msg_error(&it->msgs, where, nr_status_name(err.status), err.message);
    } else {
        for (size_t i = 0; i < a->n_warnings; i++)
            msg_warning(r, &it->msgs, where, a->warnings[i]);
        memcpy(it->id, a->id, sizeof it->id);
        memcpy(it->stage_ns, a->stage_ns, sizeof a->stage_ns);
        it->n_warnings = a->n_warnings;
        for (int k = 0; k < NR_T_COUNT; k++)
            it->rows[k] = nr_table_size((nr_table)k, a);
        uint64_t t = now_ns();
        it->article = render(r, a, it);
        it->stage_ns[NR_STAGE_COUNT] = now_ns() - t;
        if (!it->article)
            nr_article_free(a);
    }
    nr_jsonl_free(rec);
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* A warning found on the main thread: counted, and queued with the item's other messages. */
static void warn(run *r, item *it, const char *fmt, ...)
{
    r->warnings++;
    if (r->quiet)
        return;
    char line[8400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    nr_buf_printf(&it->msgs, "newsrec: warning: %s\n", line);
}

/* Excel-dialect CSV: warns of cut cells, and of a table that passes a spreadsheet's last row. */
static void excel_limits(run *r, item *it, const char *where)
{
    for (int t = 0; t < NR_T_COUNT && r->dialect == NR_CSV_EXCEL; t++) {
        const char *name = nr_table_name((nr_table)t);
        size_t before = r->rows[t] - it->rows[t];
        if (it->cut[t])
            warn(r, it, "%s: %zu %s.csv cell%s over %d characters cut to fit a spreadsheet cell",
                 where, it->cut[t], name, plural(it->cut[t]), NR_EXCEL_MAX_CELL);
        /* the header is a row too */
        if (before < NR_EXCEL_MAX_ROWS && r->rows[t] >= NR_EXCEL_MAX_ROWS)
            warn(r, it,
                 "%s/%s.csv: passes %d rows at %s; Excel and LibreOffice open only the first %d",
                 r->out_path, name, NR_EXCEL_MAX_ROWS, where, NR_EXCEL_MAX_ROWS);
    }
}

/* Adds the article to the workbook (main thread only). */
static void write_xlsx(run *r, item *it, const char *where)
{
    nr_error err;
    unsigned sheets[NR_T_COUNT];
    for (int t = 0; t < NR_T_COUNT; t++)
        sheets[t] = nr_xlsx_sheets(r->xlsx, (nr_table)t);
    long cut = nr_xlsx_add(r->xlsx, it->article, &err);
    if (cut < 0) {
        note_output_failure(r, r->outs[0].final_path, err.message);
        return;
    }
    if (cut > 0)
        warn(r, it, "%s: %ld cell%s over %d characters cut to fit a spreadsheet cell", where, cut,
             plural((size_t)cut), NR_EXCEL_MAX_CELL);
    for (int t = 0; t < NR_T_COUNT; t++) {
        unsigned n = nr_xlsx_sheets(r->xlsx, (nr_table)t);
        if (n != sheets[t])
            warn(r, it, "%s: table %s passes %d rows at %s; it goes on in sheet '%s %u'",
                 r->out_path, nr_table_name((nr_table)t), NR_EXCEL_MAX_ROWS, where,
                 nr_table_name((nr_table)t), n);
    }
}

/* Adds the article to the database (main thread only); false when it was there before. */
static bool write_sqlite(run *r, item *it)
{
    nr_error err;
    int added = nr_sqlite_add(r->sqlite, it->article, &err);
    if (added < 0)
        note_output_failure(r, r->out_path, err.message);
    return added != 0;
}

/* DIR/<article id>.html, written whole under a temporary name and renamed. */
static void write_page(run *r, const item *it)
{
    size_t n = strlen(r->out_path) + sizeof it->id + 8;
    char *path = malloc(n);
    out_file o = {0};
    if (!path) {
        note_output_failure(r, r->out_path, "out of memory");
        return;
    }
    snprintf(path, n, "%s/%s.html", r->out_path, it->id);
    if (open_out(&o, path) == 0) {
        emit(r, &o, &it->out[1]);
        /* No fsync per page: thousands of them would cost more than the pages. The rename
         * still makes a page whole or absent for every reader unless the machine goes down. */
        int err = close_out(&o, false);
        if (err)
            note_write_error(r, &o, err);
        if ((err = place_out(&o, !r->output_error)) != 0)
            note_write_error(r, &o, err);
    } else {
        note_output_failure(r, path, strerror(errno));
    }
    free_out(&o);
    free(path);
}

/* Writes an exported article's records to the outputs, in input order. */
static void export_item(run *r, item *it, const char *where)
{
    bool added = r->format != FMT_SQLITE || write_sqlite(r, it);
    for (int k = 0; k < NR_T_COUNT; k++) {
        if (r->outs[k].fp)
            emit(r, &r->outs[k], &it->out[k]);
        r->rows[k] += added ? it->rows[k] : 0;
    }
    if (r->format == FMT_XLSX)
        write_xlsx(r, it, where);
    else if (r->format == FMT_HTML)
        write_page(r, it);
    else if (r->format != FMT_SQLITE)
        excel_limits(r, it, where);
    nr_article_free(it->article);
    it->article = NULL;
    r->articles += added;
    r->already += !added;
}

/* ---- progress ------------------------------------------------------------------------ */

/* Takes the progress line off the terminal before a message is printed. */
static void progress_clear(run *r)
{
    if (r->progress_shown)
        fputs("\r\033[K", stderr);
    r->progress_shown = false;
}

/* Every half second on a terminal: articles, megabytes, speed, and the time left when the
 * size of the inputs is known. */
static void progress_show(run *r, bool force)
{
    uint64_t now = now_ns();
    if (!r->progress || (!force && now - r->progress_ns < 500000000u))
        return;
    r->progress_ns = now;
    double secs = (double)(now - r->start_ns) / 1e9, mb = (double)r->bytes_in / 1e6;
    double rate = secs > 0 ? mb / secs : 0;
    char total[32] = "", left[32] = "";
    if (r->bytes_total >= r->bytes_in && r->bytes_total) {
        snprintf(total, sizeof total, " of %.1f", (double)r->bytes_total / 1e6);
        unsigned eta = rate > 0 ? (unsigned)(((double)r->bytes_total / 1e6 - mb) / rate + 0.5) : 0;
        snprintf(left, sizeof left, ", ETA %u:%02u", eta / 60, eta % 60);
    }
    fprintf(stderr, "\r\033[Knewsrec: %ld articles, %.1f%s MB, %.1f MB/s%s", r->articles, mb, total,
            rate, left);
    r->progress_shown = true;
}

/* Runs on the main thread in input order: the duplicate check, the writes, the messages. */
static void finish_item(void *ctx, void *p)
{
    run *r = ctx;
    item *it = p;
    uint64_t t = now_ns();
    r->failed += it->failed;
    r->warnings += (long)it->n_warnings;
    if (it->id[0]) {
        char buf[4200], first[4200];
        const char *where = where_of(buf, sizeof buf, it->file.data, it->line);
        if (seen_check(&r->seen, it->id, it->file.data, it->line, first, sizeof first)) {
            r->duplicates++;
            warn(r, it, "%s: same article as %s (id %s); exported once", where, first, it->id);
        } else {
            export_item(r, it, where);
        }
    }
    if (it->msgs.len) {
        progress_clear(r);
        fwrite(it->msgs.data, 1, it->msgs.len, stderr);
    }
    progress_show(r, false);
    it->stage_ns[NR_STAGE_COUNT] += now_ns() - t;
    for (int k = 0; k <= NR_STAGE_COUNT; k++)
        r->stage_ns[k] += it->stage_ns[k];
}

static void free_item(void *ctx, void *p)
{
    (void)ctx;
    item *it = p;
    nr_article_free(it->article);
    nr_buf_free(&it->in);
    nr_buf_free(&it->file);
    nr_buf_free(&it->msgs);
    for (int t = 0; t < NR_T_COUNT; t++)
        nr_buf_free(&it->out[t]);
}

/* Queues one input's bytes: a file's (line 0) or one JSON Lines line's. */
static void submit_input(run *r, const char *file, long line, bool jsonl, const char *data,
                         size_t len)
{
    item *it = next_item(r, file, line);
    it->jsonl = jsonl;
    nr_buf_put(&it->in, data, len);
    if (it->in.failed || it->file.failed) {
        it->message = true;
        it->failed = 1;
        msg_error(&it->msgs, file, "memory", "out of memory");
    }
    pool_submit(r->pool);
}

/* ---- reading ------------------------------------------------------------------------- */

/* Appends a whole stream to b, stopping one byte past max (when max is not 0) so "too large"
 * can be told apart without reading the rest. Returns 0, or an errno value. */
static int read_all(FILE *fp, size_t max, nr_buf *b)
{
    enum { CHUNK = 65536 };
    for (;;) {
        char *p = nr_buf_reserve(b, CHUNK);
        if (!p)
            return ENOMEM;
        size_t got = fread(p, 1, CHUNK, fp);
        b->len += got;
        if (got == 0 || (max && b->len > max))
            break;
    }
    return ferror(fp) ? (errno ? errno : EIO) : 0;
}

static void too_large(run *r, const char *where, const char *what, size_t max)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s, over the limit max_article_bytes (%zu)", what, max);
    input_failed(r, where, "limit", msg);
}

static void process_text(run *r, FILE *fp, const char *where, const char *prefix, size_t plen)
{
    size_t max = r->limits.max_article_bytes;
    struct stat st;
    if (max && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        char what[64];
        snprintf(what, sizeof what, "%lld bytes", (long long)st.st_size);
        too_large(r, where, what, max);
        return;
    }
    /* The bytes go straight into the item the workers read. */
    item *it = next_item(r, where, 0);
    if (plen)
        nr_buf_put(&it->in, prefix, plen);
    errno = 0;
    int err = read_all(fp, max, &it->in);
    if (S_interrupted)
        return; /* an item never submitted is simply reused */
    r->bytes_in += it->in.len;
    /* On failure the unsubmitted item is taken again for the message (pool_next hands out the
     * same one until it is submitted). */
    if (err) {
        input_failed(r, where, err == ENOMEM ? "memory" : "io", strerror(err));
    } else if (max && it->in.len > max) {
        char what[64];
        snprintf(what, sizeof what, "more than %zu bytes", max);
        too_large(r, where, what, max);
    } else {
        pool_submit(r->pool);
    }
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
    if (S_interrupted)
        return 1;
    r->bytes_in += len + 1;
    if (!line) {
        char where[4200], msg[200];
        snprintf(msg, sizeof msg, "line of %zu bytes, over the limit max_line_bytes (%zu)", len,
                 r->limits.max_line_bytes);
        input_failed(r, where_of(where, sizeof where, js->where, lineno), "limit", msg);
        return 0;
    }
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == len)
        return 0; /* blank lines separate nothing in JSON Lines */
    submit_input(r, js->where, lineno, true, line, len);
    return r->output_error ? 1 : 0;
}

static void process_jsonl(run *r, FILE *fp, const char *where, const char *prefix, size_t plen)
{
    jsonl_stream js = {r, where};
    nr_lines *lines = nr_lines_new(r->limits.max_line_bytes);
    char chunk[65536];
    int rc = lines ? nr_lines_feed(lines, prefix, plen, jsonl_line, &js) : -1;
    size_t got;
    while (rc == 0 && !S_interrupted && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        rc = nr_lines_feed(lines, chunk, got, jsonl_line, &js);
    if (rc == 0 && !S_interrupted)
        rc = nr_lines_finish(lines, jsonl_line, &js);
    if (rc < 0)
        input_failed(r, where, "memory", "out of memory");
    else if (ferror(fp) && !S_interrupted)
        input_failed(r, where, "io", strerror(errno));
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
        input_failed(r, path, "file", strerror(errno));
        return;
    }
    bool jsonl =
        r->input_format == IN_JSONL ||
        (r->input_format == IN_AUTO && (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson")));
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

/* dir/name, with no doubled slash; NULL when out of memory. */
static char *join_path(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", name);
    return path;
}

/* The sorted names in a directory, hidden ones left out; NULL with errno set on failure. */
static char **list_dir(const char *path, size_t *count)
{
    DIR *dir = opendir(path);
    if (!dir)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
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
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    int failed = errno;
    closedir(dir);
    if (failed) {
        while (n)
            free(names[--n]);
        free(names);
        errno = failed;
        return NULL;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static void process_dir(run *r, const char *path, const struct stat *st, int depth)
{
    for (int k = 0; k < depth; k++) {
        if (r->walk[k].dev == st->st_dev && r->walk[k].ino == st->st_ino) {
            input_failed(r, path, "file", "symbolic link loop: a directory inside itself; skipped");
            return;
        }
    }
    if (depth > NR_MAX_DEPTH) {
        input_failed(r, path, "file", "directories nested too deeply; skipped");
        return;
    }
    r->walk[depth] = (dir_id){st->st_dev, st->st_ino};
    size_t n = 0;
    char **names = list_dir(path, &n);
    if (!names) {
        input_failed(r, path, errno == ENOMEM ? "memory" : "file", strerror(errno));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *child = join_path(path, names[i]);
        if (!child)
            input_failed(r, path, "memory", "out of memory listing a directory");
        else if (!r->output_error && !S_interrupted)
            process_path(r, child, depth + 1);
        free(child);
        free(names[i]);
    }
    free(names);
}

/* Why stat() failed, in words a user can act on: a symlink's target may be missing or loop. */
static const char *stat_failure(const char *path, int err)
{
    struct stat lst;
    if (err == ELOOP)
        return "symbolic link loop; skipped";
    if (err == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        return "dangling symbolic link (its target does not exist); skipped";
    return strerror(err);
}

static const char *file_type_name(mode_t m)
{
    if (S_ISFIFO(m))
        return "a FIFO (named pipe), not a regular file; skipped (give it as '-' on standard "
               "input to read it)";
    if (S_ISSOCK(m))
        return "a socket, not a regular file; skipped";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device, not a regular file; skipped";
    return "not a regular file or directory; skipped";
}

/* The bytes the walk of path will read: an estimate for the progress line, 0 when unknown.
 * Directory links are not followed here, so a link loop costs nothing. */
static uint64_t input_size(const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || depth > NR_MAX_DEPTH || stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return (uint64_t)st.st_size;
    if (!S_ISDIR(st.st_mode) || (depth > 0 && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)))
        return 0;
    size_t n = 0;
    char **names = list_dir(path, &n);
    uint64_t sum = 0;
    for (size_t i = 0; names && i < n; i++) {
        char *child = join_path(path, names[i]);
        if (child)
            sum += input_size(child, depth + 1);
        free(child);
        free(names[i]);
    }
    free(names);
    return sum;
}

static void process_path(run *r, const char *path, int depth)
{
    if (strcmp(path, "-") == 0) {
        process_stdin(r);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        input_failed(r, path, "file", stat_failure(path, errno));
        return;
    }
    if (S_ISDIR(st.st_mode))
        process_dir(r, path, &st, depth);
    else if (S_ISREG(st.st_mode))
        process_file(r, path);
    else
        input_failed(r, path, "file", file_type_name(st.st_mode));
}

/* ---- arguments ----------------------------------------------------------------------- */

/* A count or size: digits with an optional K, M or G (powers of 1024); 0 is allowed. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10;
    else if (*end == 'M' || *end == 'm')
        shift = 20;
    else if (*end == 'G' || *end == 'g')
        shift = 30;
    if (shift)
        end++;
    if (errno || *end || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

/* The limit flags, each setting one nr_limits field. */
static const struct {
    const char *flag;
    size_t offset;
} S_limit_flags[] = {
    {"max-article-bytes", offsetof(nr_limits, max_article_bytes)},
    {"max-line-bytes", offsetof(nr_limits, max_line_bytes)},
    {"max-sentences", offsetof(nr_limits, max_sentences)},
    {"max-mentions", offsetof(nr_limits, max_mentions)},
    {"max-nesting", offsetof(nr_limits, max_nesting)},
};
#define N_LIMIT_FLAGS (sizeof S_limit_flags / sizeof S_limit_flags[0])

static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("newsrec: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return -1;
}

static int set_limit(nr_limits *l, size_t k, const char *arg)
{
    size_t *field = (size_t *)((char *)l + S_limit_flags[k].offset);
    if (parse_size(arg, field) == 0)
        return 0;
    return usage_error("--%s wants a number (0 for no limit), not '%s'", S_limit_flags[k].flag,
                       arg);
}

/* The names the options take, in the order of their enums. */
static const char *const S_formats[] = {"json", "jsonl", "csv", "xlsx", "sqlite", "html", NULL};
static const char *const S_dialects[] = {"rfc4180", "excel", NULL};
static const char *const S_input_formats[] = {"auto", "text", "jsonl", NULL};

/* The index of arg in the NULL-terminated names, or -1. */
static int choose(const char *arg, const char *const *names)
{
    for (int k = 0; names[k]; k++)
        if (strcmp(arg, names[k]) == 0)
            return k;
    return -1;
}

static int parse_args(run *r, int argc, char **argv)
{
    enum {
        OPT_INPUT_FORMAT = 256,
        OPT_DATE,
        OPT_WITH_TEXT,
        OPT_TIMING,
        OPT_DIALECT,
        OPT_STATS,
        OPT_PROGRESS,
        OPT_LIMIT
    };
    enum { N_FIXED = 13 };
    struct option opts[N_FIXED + N_LIMIT_FLAGS + 1] = {
        /* the last one stays zero: the end mark */
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"timing", no_argument, NULL, OPT_TIMING},
        {"out", required_argument, NULL, 'o'},
        {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
        {"dialect", required_argument, NULL, OPT_DIALECT},
        {"stats", required_argument, NULL, OPT_STATS},
        {"progress", no_argument, NULL, OPT_PROGRESS},
        {"date", required_argument, NULL, OPT_DATE},
        {"with-text", no_argument, NULL, OPT_WITH_TEXT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'}};
    for (size_t k = 0; k < N_LIMIT_FLAGS; k++)
        opts[N_FIXED + k] =
            (struct option){S_limit_flags[k].flag, required_argument, NULL, OPT_LIMIT + (int)k};
    int c, k;
    static char date_buf[11];
    while ((c = getopt_long(argc, argv, "f:j:o:qhV", opts, NULL)) != -1) {
        if (c >= OPT_LIMIT && c < OPT_LIMIT + (int)N_LIMIT_FLAGS) {
            if (set_limit(&r->limits, (size_t)(c - OPT_LIMIT), optarg) != 0)
                return -1;
            continue;
        }
        switch (c) {
        case 'f':
            if ((k = choose(optarg, S_formats)) < 0)
                return usage_error("unknown --format '%s' (json, jsonl, csv, xlsx, sqlite, html)",
                                   optarg);
            r->format = (out_format)k;
            break;
        case OPT_DIALECT:
            if ((k = choose(optarg, S_dialects)) < 0)
                return usage_error("unknown --dialect '%s' (rfc4180, excel)", optarg);
            r->dialect = (nr_csv_dialect)k;
            r->dialect_given = true;
            break;
        case 'o': r->out_path = optarg; break;
        case 'j': {
            size_t n;
            if (parse_size(optarg, &n) != 0 || n > 1024)
                return usage_error("--jobs wants a number of threads (0: one per core), not '%s'",
                                   optarg);
            long cores = sysconf(_SC_NPROCESSORS_ONLN);
            r->jobs = n ? (int)n : cores > 0 ? (int)cores : 1;
            break;
        }
        case OPT_TIMING: r->timing = 1; break;
        case OPT_STATS: r->stats_path = optarg; break;
        case OPT_PROGRESS: r->progress = true; break;
        case OPT_INPUT_FORMAT:
            if ((k = choose(optarg, S_input_formats)) < 0)
                return usage_error("unknown --input-format '%s' (auto, text, jsonl)", optarg);
            r->input_format = (in_format)k;
            break;
        case OPT_DATE:
            if (strlen(optarg) != 10 || nr_date_normalize(optarg, 10, date_buf) != 0)
                return usage_error("--date wants YYYY-MM-DD, not '%s'", optarg);
            r->date = date_buf;
            break;
        case OPT_WITH_TEXT: r->with_text = 1; break;
        case 'q': r->quiet = 1; break;
        case 'h': usage(stdout); return 1;
        case 'V': printf("newsrec %s\n", NR_VERSION); return 1;
        default: return -1;
        }
    }
    if (r->format == FMT_CSV && !r->out_path)
        return usage_error("--format csv needs --out DIR");
    if (r->format == FMT_XLSX && !r->out_path)
        return usage_error("--format xlsx needs --out FILE.xlsx");
    if (r->format == FMT_SQLITE && !r->out_path)
        return usage_error("--format sqlite needs --out FILE.db");
    if (r->format == FMT_HTML && !r->out_path)
        return usage_error("--format html needs --out DIR");
    if (r->dialect_given && r->format != FMT_CSV)
        return usage_error("--dialect is for --format csv, not %s", S_formats[r->format]);
    struct stat st;
    if (r->format != FMT_CSV && r->format != FMT_HTML && r->out_path &&
        stat(r->out_path, &st) == 0 && S_ISDIR(st.st_mode))
        return usage_error("--out %s is a directory; --format %s writes one file", r->out_path,
                           S_formats[r->format]);
    return 0;
}

static void on_signal(int sig)
{
    S_interrupted = sig;
}

/* Interrupts end the run between articles (reads are not restarted, so a blocked one ends). A
 * signal ignored when newsrec starts stays ignored: under nohup a hangup must not stop it. */
static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        struct sigaction old, sa;
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
    /* A closed pipe shows up as EPIPE from a write, which ends the run quietly; a file size
     * limit as EFBIG, which is reported like a full disk. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

static int output_failed(const run *r)
{
    if (r->output_error == EPIPE && !r->output_error_path[0])
        return 0;
    if (r->output_error_msg[0] && r->format == FMT_SQLITE)
        fprintf(stderr,
                "newsrec: error: writing %s: %s; the open transaction was rolled back, earlier "
                "ones stay [output]\n",
                r->output_error_path, r->output_error_msg);
    else if (r->output_error_msg[0])
        fprintf(stderr,
                "newsrec: error: writing %s: %s; no output file was completed, none replaced "
                "[output]\n",
                r->output_error_path, r->output_error_msg);
    else if (r->output_error_path[0])
        fprintf(stderr,
                "newsrec: error: writing %s: %s; no output file was completed, none replaced "
                "[output]\n",
                r->output_error_path, strerror(r->output_error));
    else
        fprintf(stderr, "newsrec: error: writing output: %s [output]\n", strerror(r->output_error));
    return EXIT_OUTPUT_FAILED;
}

/* The closing line on standard error: what the run produced. */
static void print_summary(const run *r)
{
    fprintf(stderr,
            "newsrec: summary: %ld articles, %zu actors, %zu mentions, %zu statements, %zu "
            "events, %ld warnings, %ld errors",
            r->articles, r->rows[NR_T_ACTORS], r->rows[NR_T_MENTIONS], r->rows[NR_T_STATEMENTS],
            r->rows[NR_T_EVENTS], r->warnings, r->failed);
    if (r->duplicates)
        fprintf(stderr, "; %ld duplicate%s skipped", r->duplicates, plural((size_t)r->duplicates));
    if (r->already)
        fprintf(stderr, "; %ld already in the database", r->already);
    fputc('\n', stderr);
}

/* --stats FILE: the summary as JSON, with the bytes read and the time taken; written to a
 * temporary name and renamed, like every output. */
static int write_stats(const run *r, int status)
{
    double secs = (double)(now_ns() - r->start_ns) / 1e9;
    out_file o = {0};
    if (open_out(&o, r->stats_path) != 0) {
        free_out(&o);
        return -1;
    }
    fprintf(o.fp,
            "{\"articles\": %ld, \"actors\": %zu, \"mentions\": %zu, \"statements\": %zu, "
            "\"events\": %zu, \"warnings\": %ld, \"errors\": %ld, \"duplicates\": %ld, "
            "\"already_in_database\": %ld, \"bytes\": %llu, \"seconds\": %.3f, "
            "\"mb_per_s\": %.2f, \"exit\": %d}\n",
            r->articles, r->rows[NR_T_ACTORS], r->rows[NR_T_MENTIONS], r->rows[NR_T_STATEMENTS],
            r->rows[NR_T_EVENTS], r->warnings, r->failed, r->duplicates, r->already,
            (unsigned long long)r->bytes_in, secs, secs > 0 ? (double)r->bytes_in / 1e6 / secs : 0,
            status);
    int err = close_out(&o, true);
    int placed = place_out(&o, err == 0);
    err = err ? err : placed;
    if (err)
        fprintf(stderr, "newsrec: error: writing %s: %s [output]\n", o.final_path, strerror(err));
    free_out(&o);
    return err ? -1 : 0;
}

/* Where the time went, summed over every article (and over threads with --jobs). */
static void print_timing(const run *r)
{
    fprintf(stderr, "newsrec: timing:");
    for (int k = 0; k <= NR_STAGE_COUNT; k++)
        fprintf(stderr, " %s %.3f s%s", k < NR_STAGE_COUNT ? nr_stage_name((nr_stage)k) : "write",
                (double)r->stage_ns[k] / 1e9, k < NR_STAGE_COUNT ? "," : "\n");
}

int main(int argc, char **argv)
{
    catch_signals();
    run r = {.jobs = 1};
    nr_limits_default(&r.limits);
    int pa = parse_args(&r, argc, argv);
    if (pa != 0) {
        if (pa < 0)
            fputs("Try 'newsrec --help'.\n", stderr);
        return pa < 0 ? EXIT_USAGE : 0;
    }
    r.ctx = nr_ctx_new(&r.limits);
    nr_buf_init(&r.buf);
    if (!r.ctx || open_outputs(&r) != 0) {
        finish_outs(&r, false);
        nr_ctx_free(r.ctx);
        return EXIT_OUTPUT_FAILED;
    }
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    /* With one job the pool runs each item at once on this thread: the same code, no threads. */
    int threads = r.jobs > 1 ? r.jobs : 0;
    /* Items start zeroed, which is an empty nr_buf: nothing to initialize. */
    r.pool =
        pool_new(threads, 8 * (size_t)r.jobs, sizeof(item), work_item, finish_item, free_item, &r);
    if (!r.pool) {
        fprintf(stderr, "newsrec: error: cannot start %d worker threads [memory]\n", threads);
        finish_outs(&r, false);
        nr_ctx_free(r.ctx);
        return EXIT_OUTPUT_FAILED;
    }
    r.start_ns = now_ns();
    r.progress = !r.quiet && (r.progress || isatty(STDERR_FILENO));
    for (int i = optind; i < argc && r.progress; i++)
        r.bytes_total += input_size(argv[i], 0);
    if (optind == argc)
        process_path(&r, "-", 0);
    for (int i = optind; i < argc && !r.output_error && !S_interrupted; i++)
        process_path(&r, argv[i], 0);
    pool_free(r.pool);
    progress_show(&r, true);
    progress_clear(&r);
    if (r.format == FMT_HTML && !S_interrupted) {
        r.buf.len = 0;
        nr_write_html_index_tail(&r.buf);
        emit(&r, &r.outs[0], &r.buf);
    }
    if (r.timing)
        print_timing(&r);
    int rc = finish_outs(&r, !S_interrupted);
    nr_buf_free(&r.buf);
    seen_free(&r.seen);
    nr_ctx_free(r.ctx);
    if (S_interrupted) {
        fprintf(stderr, "newsrec: interrupted%s\n",
                r.format == FMT_SQLITE ? "; the open transaction was rolled back, earlier ones stay"
                : r.out_path           ? "; no output file was completed"
                                       : "");
        signal(S_interrupted, SIG_DFL);
        raise(S_interrupted);
    }
    int status = rc != 0 || r.output_error ? output_failed(&r) : r.failed ? EXIT_INPUT_FAILED : 0;
    /* A reader that closed the pipe has all it wanted: no closing words. */
    bool closed_pipe = r.output_error == EPIPE && !r.output_error_path[0];
    if (!r.quiet && !closed_pipe)
        print_summary(&r);
    if (r.stats_path && write_stats(&r, status) != 0 && status == 0)
        status = EXIT_OUTPUT_FAILED;
    return status;
}
