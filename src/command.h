/* command.h: what the newsrec command's files share (options, the unit of work, the output
 * formats, the report); none of it is part of the library. */
#ifndef NR_COMMAND_H
#define NR_COMMAND_H

#include "newsrec.h"
#include "pool.h"

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

enum { EXIT_INPUT_FAILED = 1, EXIT_USAGE = 2, EXIT_OUTPUT_FAILED = 3 };

/* Directories nested deeper than this are reported, not walked. */
#define NR_MAX_DEPTH 64

/* The signal that interrupted the run, or 0 (set by main.c's handler). The run checks it
 * between articles and lines, then removes its temporary files and dies of the same signal, so
 * no half-written table takes a final name. */
extern volatile sig_atomic_t cmd_interrupted;

typedef struct format format;

typedef enum { IN_AUTO, IN_TEXT, IN_JSONL } in_format;

/* ---- args.c: the command line ---------------------------------------------------------- */
typedef struct options {
    const format *format;
    in_format input_format;
    nr_csv_dialect dialect;
    bool dialect_given;
    const char *date; /* --date, normalized into date_buf */
    char date_buf[11];
    const char *out_path;
    const char *stats_path;
    bool with_text, quiet, timing, progress;
    int jobs;
    nr_limits limits;
    nr_event_scope event_scope;
} options;

/* Fills opt from the command line. Returns 0 to run, 1 when done (--help, --version), -1 on a
 * usage error (already printed). The inputs start at argv[optind]. */
int args_parse(options *opt, int argc, char **argv);

/* ---- work.c: one input as a unit of work ------------------------------------------------ */
/*
 * An input (a file's bytes, or one JSON Lines line) or an error found while reading, and what it
 * gave: the rendered records and the messages, which the main thread writes in input order
 * whatever thread did the work.
 */
typedef struct item {
    nr_buf in;               /* the bytes to read */
    nr_buf file;             /* the input's path as given (bytes), NUL-terminated */
    nr_buf shown;            /* the same path as messages show it (msg_name), NUL-terminated */
    long line;               /* the JSON Lines line number; 0 for a whole file */
    bool jsonl;              /* in is one JSON Lines record */
    bool message;            /* no input: msgs holds an error found while reading */
    nr_buf out[NR_T_COUNT];  /* what the format rendered (its own use of the slots) */
    size_t rows[NR_T_COUNT]; /* the rows the article adds to each table */
    size_t cut[NR_T_COUNT];  /* csv: the cells cut to Excel's limit */
    size_t n_warnings;       /* warnings of this input, printed or not */
    nr_article *article;     /* kept by the format's render for the main thread, or NULL */
    nr_buf msgs;             /* the lines for standard error */
    char id[17];             /* the article id, when an article came out */
    int failed;
    uint64_t stage_ns[NR_STAGE_COUNT + 1]; /* and the writing last */
} item;

/* A warning found on the main thread about the item's article: counted, and queued with its
 * other messages unless quiet. */
void item_warn(item *it, bool quiet, const char *fmt, ...);

/* ---- outputs.c: files that take their final names only when complete ---------------------- */
typedef struct out_file {
    FILE *fp;
    char *final_path; /* NULL for standard output */
    char *tmp_path;
    bool direct; /* a device or a pipe ("-o /dev/null"): written in place, never renamed over */
} out_file;

/* The output of the run: the chosen format's own state, and the first failure. */
typedef struct output {
    const options *opt;
    void *state;           /* the format's, from its open() */
    int error;             /* errno of the first failure (EIO when errno did not say) */
    char error_path[4096]; /* the file that failed; empty for standard output */
    char error_msg[512];   /* what failed, when errno does not say it (xlsx, sqlite) */
} output;

/*
 * An output format. Adding one is an entry in outputs.c's table and a file out_NAME.c. Every
 * hook but render runs on the main thread; render runs on a worker and must only read opt.
 */
struct format {
    const char *name;     /* as --format takes it */
    const char *out_what; /* what --out must name ("DIR", "FILE.db"); NULL when optional */
    bool out_dir;         /* --out is a directory */
    bool dialect;         /* takes --dialect */
    /* What a failed and an interrupted run leave, for the error lines; NULL: files written
     * under temporary names, none completed (outputs.c's words). */
    const char *undone, *stopped;
    /* Before the first article: creates what the run writes into. 0, or -1 (printed). */
    int (*open)(output *o);
    /* On a worker: renders a into it->out, or keeps it for add(): returns a to keep it. */
    nr_article *(*render)(const options *opt, nr_article *a, item *it);
    /* In input order: writes the article out. false when it was not added (already there). */
    bool (*add)(output *o, item *it, const char *where);
    /* After the last article, commit true: completes the output under its final names. After a
     * failure or an interrupt, false: leaves no partial output behind. */
    void (*close)(output *o, bool commit);
};

/* json, unless --format says otherwise. */
const format *format_default(void);
/* The format named name, or NULL. */
const format *format_named(const char *name);
/* The formats' names, "json, jsonl, ...", into buf for messages; returns buf. */
const char *format_names(char *buf, size_t size);

int output_open(output *o, const options *opt);
/* Completes the output when commit and nothing failed, else discards it. false on failure. */
bool output_close(output *o, bool commit);
/* The error line of a failed output and its exit status; 0 for a reader that closed the pipe. */
int output_failed(const output *o);
/* What a failed and an interrupted run of format f leave, in words. */
const char *output_undone(const format *f);
const char *output_stopped(const format *f);
/* Standard output was closed by its reader: the run ends quietly. */
bool output_pipe_closed(const output *o);

/* Records the first failure: errno value err (0: unknown), or msg when errno does not say. */
void output_fail(output *o, const char *path, int err, const char *msg);
/* Writes b to f, recording a failure. */
void output_emit(output *o, out_file *f, const nr_buf *b);
/* Opens path's temporary name, or standard output when path is NULL. -1 (printed) on failure. */
int out_file_open(out_file *f, const char *path);
/* Sets the final and temporary names without opening anything. */
int out_file_name(out_file *f, const char *path);
/* Flushes (and fsyncs, when sync) and closes. Returns 0, or the first errno value. */
int out_file_close(out_file *f, bool sync);
/* Renames the closed file to its final name when keep, else removes it. 0, or an errno value. */
int out_file_place(out_file *f, bool keep);
void out_file_free(out_file *f);
/* Closes f (fsynced when commit) and gives it its final name when commit and nothing failed,
 * else removes it; frees its names. */
void output_end_file(output *o, out_file *f, bool commit);
/* Makes the --out directory; -1 (printed) on failure. */
int out_dir_make(const char *path);
/* A format written as one stream (json, jsonl, gdelt): its file, or standard output; each
 * article's rendering appended as it comes; the file closed, fsynced when kept, and given its
 * name when commit and all went well. */
int stream_open(output *o);
bool stream_add(output *o, item *it, const char *where);
void stream_close(output *o, bool commit);

extern const format format_json, format_jsonl, format_csv, format_xlsx, format_sqlite, format_html,
    format_gdelt;

/* ---- messages.c: lines for standard error --------------------------------------------------- */
uint64_t now_ns(void);
/* Appends s as messages show a file name: one line, unambiguous, valid UTF-8 (control
 * characters, invalid bytes and backslashes escaped C-style). */
void msg_name(nr_buf *m, const char *s);
/* The same into buf, NUL-terminated (NR_SHOWN_MAX holds any path), for a message printed at
 * once; returns buf. */
#define NR_SHOWN_MAX 16400
const char *msg_shown(char *buf, size_t size, const char *s);
/* Appends one message line "newsrec: " + the formatted text + "\n", with control characters
 * and invalid UTF-8 in it escaped so that it stays one line. */
void msg_line(nr_buf *m, const char *fmt, ...);
/* The same with kind ("warning: ") before the text, for a caller's own variadic function. */
void msg_vline(nr_buf *m, const char *kind, const char *fmt, va_list ap);
/* The same line, straight to standard error. */
void msg_print(const char *fmt, ...);
/* "file" for a whole file, "file:line" for a JSON Lines record. */
const char *where_of(char *buf, size_t size, const char *file, long line);

/* ---- report.c: progress, summary, --stats, --timing -------------------------------------- */
typedef struct counts {
    long articles, failed, warnings, duplicates;
    long already;            /* articles a database held before */
    size_t rows[NR_T_COUNT]; /* rows written to each table */
    uint64_t bytes_in;       /* input read so far */
    uint64_t stage_ns[NR_STAGE_COUNT + 1];
} counts;

typedef struct report {
    bool progress, shown; /* progress is wanted; a line of it is on the terminal */
    uint64_t bytes_total; /* all the input (0: unknown) */
    uint64_t start_ns, progress_ns;
} report;

/* The clock starts; progress is shown on a terminal, or anywhere with --progress. Set
 * bytes_total for the time left. */
void report_start(report *rep, const options *opt);
/* Writes an item's messages to standard error, taking the progress line off first. */
void report_messages(report *rep, const nr_buf *msgs);
/* Every half second (or now, when force): articles, megabytes, speed, time left. */
void report_progress(report *rep, const counts *n, bool force);
void report_end_progress(report *rep, const counts *n);
void report_summary(const counts *n);
void report_timing(const counts *n);
/* --stats FILE. Returns 0, or -1 (printed). */
int report_stats(const report *rep, const counts *n, const char *path, int status);

/* ---- seen.c: the duplicate check ---------------------------------------------------------- */
/* Article ids already exported, 16 bytes each so a stream of millions stays small. */
typedef struct seen_set seen_set;
seen_set *seen_new(void);
/* Writes where this id was first exported into first and returns true, or remembers it (when
 * memory allows) and returns false. file is the name as messages show it. */
bool seen_check(seen_set *s, const char *id, const char *file, long line, char *first, size_t size);
void seen_free(seen_set *s);

/* ---- the run, as main.c wires it ---------------------------------------------------------- */
/* A directory being walked, to tell a symlink loop from a deep tree. */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct run {
    const options *opt;
    nr_ctx *ctx;
    output out;
    report rep;
    counts n;
    seen_set *seen;
    pool *pool;
    dir_id walk[NR_MAX_DEPTH + 1];
} run;

/* work.c: the pool's three hooks, and items for the inputs to fill. */
void work_item(void *ctx, void *p);
void finish_item(void *ctx, void *p);
void free_item(void *ctx, void *p);
/* An item for the input at file:line, to be filled with its bytes and submitted. */
item *item_take(run *r, const char *file, long line);
/* One input failed; the run goes on. The message takes its turn in the output order. */
void input_failed(run *r, const char *file, long line, const char *cls, const char *msg);

/* ---- inputs.c: files, directories, JSON Lines and standard input ---------------------------- */
/* Reads path (a file, a directory walked in sorted order, or "-") and submits its inputs. */
void inputs_read(run *r, const char *path);
/* The bytes the walk of path will read, for the progress line; 0 when unknown. */
uint64_t inputs_size(const char *path);

#endif
