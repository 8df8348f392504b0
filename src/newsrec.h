/* newsrec.h: the public API and record model of libnewsrec (news articles in, linked records out). */
#ifndef NEWSREC_H
#define NEWSREC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NR_VERSION "0.1.0"

/*
 * Ownership, the one rule: everything reachable from an nr_article (records, strings, arrays)
 * lives in that article's arena and is released by nr_article_free(); the caller frees nothing
 * else it receives from the library. An nr_ctx is read-only after nr_ctx_new() and may be shared
 * by threads; the library keeps no global mutable state and never exits the process.
 *
 * Offsets: every nr_span carries code-point offsets (start, end; end exclusive) into the decoded
 * article text, which is what users and the output formats see, and the matching byte offsets
 * (bstart, bend) into nr_article.text, which is valid UTF-8.
 */

typedef enum nr_status {
    NR_OK = 0,
    NR_ENOMEM,   /* an allocation failed; nothing was produced */
    NR_ENOTTEXT, /* the input is binary or not decodable as text */
    NR_EEMPTY,   /* the input holds no text (empty or whitespace only) */
    NR_ELIMIT,   /* the input exceeds one of nr_limits */
    NR_EINPUT,   /* malformed input record (JSON Lines) */
    NR_EIO       /* reading or writing failed */
} nr_status;

/* An error as a value: a status and a message naming what and where (file, line, byte). */
typedef struct nr_error {
    nr_status status;
    char message[512];
} nr_error;

/*
 * The bounds that keep one hostile input from costing more than an error line: an article over
 * one of them fails with NR_ELIMIT and a message naming the limit. 0 means no limit. Time and
 * memory stay linear in the input without them; they stop garbage early and bound memory.
 */
typedef struct nr_limits {
    size_t max_article_bytes; /* input bytes of one article (default 64 MiB) */
    size_t max_line_bytes;    /* one JSON Lines record, read by nr_lines (default 64 MiB) */
    size_t max_sentences;     /* sentences in one article (default 100,000) */
    size_t max_mentions;      /* actor mentions in one article (default 200,000) */
    size_t max_nesting;       /* quotation marks and brackets open at once in a paragraph */
                              /* (default 64) */
} nr_limits;

void nr_limits_default(nr_limits *limits);

/* The error class of a status as printed in messages: "ok", "memory", "not-text", "empty",
 * "limit", "input", "io". */
const char *nr_status_name(nr_status status);

/* Lexicons and settings shared by every article; build once, share freely, free once. */
typedef struct nr_ctx nr_ctx;

nr_ctx *nr_ctx_new(const nr_limits *limits);
void nr_ctx_free(nr_ctx *ctx);

/* What the events stage codes. NR_EVENTS_VERBS (the default) codes verbs, as event-data coders
 * (PETRARCH, Phoenix) do: a noun that names an event ("the attack", "the war", "talks") is the
 * object of a verb that codes it ("held talks"), not an event of its own, since most such nouns
 * are background or no event at all ("the minimum wage", "HIV/Aids"). NR_EVENTS_ALL codes the
 * nouns as well, for trigger detection (ACE, KAIROS), where every mention of an event counts.
 * Set before the context is shared. */
typedef enum nr_event_scope { NR_EVENTS_VERBS, NR_EVENTS_ALL } nr_event_scope;
void nr_ctx_set_event_scope(nr_ctx *ctx, nr_event_scope scope);

/* One article to extract. Only data/len are required; the strings are copied. */
typedef struct nr_input {
    const char *data; /* raw bytes: a file's content or a JSON Lines record's text */
    size_t len;
    const char *source;    /* path or input record id; becomes article.source */
    const char *record_id; /* input record id (JSON Lines id/doc_id), or NULL: the article id */
                           /* is derived from it when given, else from the decoded text */
    const char *title;     /* given title, or NULL to detect one from the first line */
    const char *published; /* publication date as given (ISO 8601), or NULL */
    const char *url;       /* or NULL */
    int is_json_text;      /* 1 when data is a JSON string's value (already Unicode text) */
} nr_input;

typedef struct nr_span {
    int64_t start, end;  /* code points into the article text */
    size_t bstart, bend; /* bytes into nr_article.text */
} nr_span;

typedef enum nr_kind { NR_PERSON, NR_ORGANIZATION, NR_LOCATION, NR_GROUP, NR_OTHER } nr_kind;

typedef enum nr_form { NR_NAME, NR_ALIAS, NR_ACRONYM, NR_PRONOUN, NR_DESCRIPTION } nr_form;

typedef enum nr_quote_kind { NR_DIRECT, NR_INDIRECT, NR_MIXED } nr_quote_kind;

typedef enum nr_precision {
    NR_DATE_NONE,
    NR_DATE_DAY,
    NR_DATE_MONTH,
    NR_DATE_YEAR,
    NR_DATE_RELATIVE
} nr_precision;

typedef struct nr_mention {
    nr_span span; /* the name only, never the title */
    nr_form form;
    int sentence; /* 0-based index into nr_article.sentences */
    int actor;    /* index into nr_article.actors */
} nr_mention;

typedef struct nr_actor {
    nr_kind kind;
    const char *name;     /* canonical: the fullest name form, without title */
    const char *key;      /* lower-cased, accent-folded name for grouping across articles */
    const char *title;    /* role or title if stated, else NULL */
    const char **aliases; /* other surface forms, first-seen order */
    size_t n_aliases;
    int *mentions; /* indexes into nr_article.mentions, in text order */
    size_t n_mentions;
    const char *code;    /* CAMEO actor code ("USAGOV", "IGOUNO", "FRA"), or NULL when unknown */
    const char *country; /* its three-letter country code as CAMEO writes it, or NULL */
} nr_actor;

typedef struct nr_cue {
    nr_span span;
    const char *lemma;
} nr_cue;

typedef struct nr_statement {
    int actor;       /* index into actors, or -1 when the speaker is unknown */
    int has_speaker; /* 1 when speaker is set */
    nr_span speaker; /* the attributing mention */
    nr_quote_kind kind;
    int has_cue;
    nr_cue cue;
    nr_span content; /* extent of the content, quote marks excluded */
    nr_span *pieces; /* content pieces (one unless the quote runs over paragraphs) */
    size_t n_pieces;
    int paragraph, sentence;
} nr_statement;

typedef struct nr_event {
    const char *type;  /* label of the CAMEO root, e.g. "THREATEN" */
    const char *cameo; /* zero-padded CAMEO code, root or finer */
    int quad_class;    /* 1..4 from the root */
    nr_cue trigger;
    int agent, target, location; /* actor indexes or -1 */
    nr_span agent_span, target_span;
    const char *date; /* ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) or NULL */
    nr_precision date_precision;
    int has_date_text;
    nr_span date_text;
    int negated;
    /* 1 when the event is in the lead, the first paragraph of the body (not the headline, not
     * boilerplate): what GDELT calls a root event, the story's news rather than its background. */
    int lead;
    int statement; /* index into statements, or -1 */
    int sentence;
    nr_span sentence_span;
    /* The CAMEO codes of the agent and target in this event: the actor's code, with the role a
     * noun after the mention adds ("Israeli soldiers": ISRMIL); NULL when unknown. */
    const char *agent_code, *target_code;
    int has_goldstein; /* 1 when the code has a Goldstein weight (every CAMEO code does) */
    double goldstein;  /* conflict (-10) to cooperation (+10) */
} nr_event;

/* The pipeline's stages, in order; nr_article.stage_ns says how long each took. */
typedef enum nr_stage {
    NR_STAGE_DECODE,
    NR_STAGE_SEGMENT,
    NR_STAGE_ACTORS,
    NR_STAGE_STATEMENTS,
    NR_STAGE_EVENTS,
    NR_STAGE_COUNT
} nr_stage;

const char *nr_stage_name(nr_stage stage); /* "decode", "segment", ... */

typedef struct nr_sentence {
    nr_span span;
    int paragraph;
} nr_sentence;

typedef struct nr_article {
    char id[17]; /* 16 lower-case hex digits */
    const char *source;
    const char *title;     /* or NULL */
    const char *dateline;  /* or NULL */
    const char *published; /* ISO 8601 or NULL */
    const char *url;       /* or NULL */
    const char *encoding;  /* "utf-8" (a BOM is dropped), "utf-16le", "utf-16be", "windows-1252" */
    const char *text;      /* the decoded text, NUL-terminated valid UTF-8 */
    size_t text_bytes;
    int64_t chars, words;
    nr_span *paragraphs;
    size_t n_paragraphs;
    nr_sentence *sentences;
    size_t n_sentences;
    nr_span *boilerplate;
    size_t n_boilerplate;
    const char **warnings;
    size_t n_warnings;
    nr_mention *mentions; /* all mentions in text order */
    size_t n_mentions;
    nr_actor *actors; /* in order of first mention */
    size_t n_actors;
    nr_statement *statements;
    size_t n_statements;
    nr_event *events;
    size_t n_events;
    uint64_t stage_ns[NR_STAGE_COUNT]; /* monotonic nanoseconds per stage, for profiling; */
                                       /* never part of any output */
    struct nr_arena *arena;
} nr_article;

/*
 * Runs the whole pipeline on one input. Returns the article, or NULL with err filled in
 * (NR_ENOTTEXT, NR_EEMPTY, NR_ELIMIT, NR_ENOMEM). Free the result with nr_article_free().
 */
nr_article *nr_extract(const nr_ctx *ctx, const nr_input *input, nr_error *err);
void nr_article_free(nr_article *article);

/* Lower-case names of the enums, as written in every output format. */
const char *nr_kind_name(nr_kind kind);
const char *nr_form_name(nr_form form);
const char *nr_quote_kind_name(nr_quote_kind kind);
const char *nr_precision_name(nr_precision precision); /* NULL for NR_DATE_NONE */

/*
 * Normalizes a date as found in input metadata ("2016-09-12", "2016-09-12T10:00:00Z",
 * "2016-09", "2016") into out (at least 11 bytes) as YYYY, YYYY-MM or YYYY-MM-DD.
 * Returns 0 on success, -1 when s is not a valid date (out is then the empty string).
 */
int nr_date_normalize(const char *s, size_t len, char out[11]);

/* ---- JSON Lines input ---------------------------------------------------------------- */

/* One article record parsed from a JSON Lines line; strings live in the record's own storage. */
typedef struct nr_jsonl_record nr_jsonl_record;

/*
 * Parses one line (without its newline). Line 1 may start with a UTF-8 byte-order mark, which is
 * skipped. On success returns a record whose input() is ready for nr_extract(); on failure
 * returns NULL and err names the file, the line number and the reason.
 */
nr_jsonl_record *nr_jsonl_parse(const char *line, size_t len, const char *file, long lineno,
                                nr_error *err);
const nr_input *nr_jsonl_input(const nr_jsonl_record *rec);
void nr_jsonl_free(nr_jsonl_record *rec);

/* ---- Streaming line reader ---------------------------------------------------------- */

/*
 * Splits a byte stream fed in chunks of any size into lines (without "\n" or "\r\n"), numbered
 * from 1, exactly as if the stream had come in one buffer: the reader behind JSON Lines input.
 * A line longer than max_line bytes (0: no limit) is not kept: the callback gets line == NULL
 * and its full length in len, so memory stays bounded by max_line whatever the input.
 * A callback's non-zero return stops the feed and is returned.
 */
typedef struct nr_lines nr_lines;
typedef int (*nr_line_fn)(const char *line, size_t len, long lineno, void *user);
nr_lines *nr_lines_new(size_t max_line);
/* Emits every line completed by the chunk; returns 0, -1 when out of memory, or fn's value. */
int nr_lines_feed(nr_lines *r, const char *data, size_t len, nr_line_fn fn, void *user);
/* Emits a last line that has no newline. */
int nr_lines_finish(nr_lines *r, nr_line_fn fn, void *user);
void nr_lines_free(nr_lines *r);

/* ---- Writers ------------------------------------------------------------------------- */

/* Growable byte buffer the writers render into; grows by 1.5x (amortized linear). */
typedef struct nr_buf {
    char *data;
    size_t len, cap;
    int failed; /* set once an allocation failed; later appends are ignored */
} nr_buf;

void nr_buf_init(nr_buf *b);
void nr_buf_free(nr_buf *b);
void nr_buf_put(nr_buf *b, const char *s, size_t n);
void nr_buf_puts(nr_buf *b, const char *s);
void nr_buf_putc(nr_buf *b, char c);
void nr_buf_printf(nr_buf *b, const char *fmt, ...);
/* Room for n more bytes at the end of b (advance b->len by what you write), or NULL. */
char *nr_buf_reserve(nr_buf *b, size_t n);

typedef struct nr_json_opts {
    int pretty;    /* indent with two spaces; else one line */
    int with_text; /* add article.text */
} nr_json_opts;

/* Appends the article's JSON document (no trailing newline). */
void nr_write_json(nr_buf *out, const nr_article *a, const nr_json_opts *opts);

/*
 * Extracts inputs[0..n) and appends each article's JSON document and a newline to out, as
 * --format jsonl writes them; ends[i] is out->len after input i, so document i is the bytes from
 * ends[i-1] (0 for the first) to ends[i], empty when errs[i].status is not NR_OK. Returns the
 * number of inputs that failed. One call for many articles: what a language binding calls, so
 * its runtime's lock is taken once per batch rather than once per article.
 */
size_t nr_extract_json_many(const nr_ctx *ctx, const nr_input *inputs, size_t n,
                            const nr_json_opts *opts, nr_buf *out, size_t *ends, nr_error *errs);

typedef enum nr_table {
    NR_T_ARTICLES,
    NR_T_ACTORS,
    NR_T_MENTIONS,
    NR_T_STATEMENTS,
    NR_T_EVENTS,
    NR_T_COUNT
} nr_table;

const char *nr_table_name(nr_table t); /* "articles", "actors", ... */
/* The rows the article adds to table t (articles: 1). */
size_t nr_table_size(nr_table t, const nr_article *a);

/* Excel's limits: characters in a cell (UTF-16 code units) and rows in a sheet, header included. */
#define NR_EXCEL_MAX_CELL 32767
#define NR_EXCEL_MAX_ROWS 1048576

/* How the CSV tables are written (docs/FORMAT.md). */
typedef enum nr_csv_dialect {
    /* RFC 4180 for pipelines: no BOM, LF line ends, every cell exactly as extracted. */
    NR_CSV_RFC4180,
    /* For Excel and LibreOffice: a UTF-8 BOM, CRLF line ends; a text cell that a spreadsheet
     * would read as a number, date, time, percentage, boolean or error, or that starts with
     * '=', '+', '-', '@', TAB, CR or LF, is written as the formula ="..." that gives its text
     * back (a "'" before it when that formula would pass Excel's 8,192 characters), so it is
     * neither converted nor run; a cell over NR_EXCEL_MAX_CELL characters is cut to that many. */
    NR_CSV_EXCEL
} nr_csv_dialect;

/* Appends the header row of a CSV table (in the Excel dialect, with the BOM that starts the file). */
void nr_write_csv_header(nr_buf *out, nr_table t, nr_csv_dialect d);
/* Appends one row of cells (lens[k] bytes each; a NULL cell is empty and unquoted) as the
 * tables are written: every text cell quoted by libcsv. Returns the number of cells cut. */
size_t nr_write_csv_row(nr_buf *out, const char *const *cells, const size_t *lens, size_t n,
                        nr_csv_dialect d);
/* Appends the article's rows for one CSV table (RFC 4180 quoting by libcsv; text quoted,
 * numbers and booleans bare). Returns the number of cells cut to NR_EXCEL_MAX_CELL. */
size_t nr_write_csv_rows(nr_buf *out, nr_table t, const nr_article *a, nr_csv_dialect d);

/* ---- xlsx workbook (libxlsxwriter) ----------------------------------------------------- */

/*
 * An Excel workbook with one sheet per table: a bold frozen header row with an autofilter,
 * column widths fitted to the content, numbers as numbers, booleans as booleans and every
 * other cell (ids and dates included) as text, which no spreadsheet evaluates. A text over
 * NR_EXCEL_MAX_CELL characters is cut; a table over NR_EXCEL_MAX_ROWS rows goes on into
 * sheets named "<table> 2", "<table> 3", ... Rows are written to temporary files as they come,
 * so memory does not grow with the corpus.
 */
typedef struct nr_xlsx nr_xlsx;
/* Starts a workbook that nr_xlsx_close() writes to path; NULL when out of memory. */
nr_xlsx *nr_xlsx_open(const char *path, nr_error *err);
/* Appends the article's rows to the sheets. Returns the number of cells cut, or -1 with err
 * filled in (NR_EIO, NR_ENOMEM); the workbook is then unusable except to discard. */
long nr_xlsx_add(nr_xlsx *x, const nr_article *a, nr_error *err);
/* The number of sheets table t fills so far (1, or more past NR_EXCEL_MAX_ROWS rows). */
unsigned nr_xlsx_sheets(const nr_xlsx *x, nr_table t);
/* Writes the file and frees the workbook. Returns 0, or -1 with err filled in. */
int nr_xlsx_close(nr_xlsx *x, nr_error *err);
/* Frees the workbook without writing anything. */
void nr_xlsx_discard(nr_xlsx *x);

/* ---- GDELT event table ----------------------------------------------------------------- */

/*
 * The article's events as rows of GDELT 2.0's event table: the 61 columns in GDELT's order,
 * tab-separated, one line each, no header (docs/FORMAT.md says what each column holds). Columns
 * newsrec cannot know (tone, coordinates, ethnic and religion codes) are empty.
 */
void nr_write_gdelt(nr_buf *out, const nr_article *a);

/* ---- HTML view ------------------------------------------------------------------------- */

/*
 * A self-contained page for one article: its text with actor mentions, statements and event
 * triggers marked in their colours, tables of its actors, statements and events, and a little
 * script (clicking an actor marks all its mentions; clicking a statement shows its speaker, cue
 * and kind). No network: styles and script are inline, and a Content-Security-Policy lets only
 * that script (by its hash) run. Every piece of the article is HTML-escaped.
 */
void nr_write_html(nr_buf *out, const nr_article *a);
/* The index page of a directory of pages: its head, one row per article (linking
 * "<article id>.html", with its counts), then its tail. */
void nr_write_html_index_head(nr_buf *out);
void nr_write_html_index_row(nr_buf *out, const nr_article *a);
void nr_write_html_index_tail(nr_buf *out);

/* ---- SQLite database ------------------------------------------------------------------ */

/*
 * The five tables in an SQLite database (schema in docs/FORMAT.md): primary and foreign keys,
 * indexes on the join columns, and the schema version in table newsrec_meta. An article whose
 * id the database already holds is left as it is, so running again over the same inputs adds
 * nothing. Articles are written in transactions of whole articles; an interrupted run leaves
 * the database as its last commit left it.
 */
typedef struct nr_sqlite nr_sqlite;
/* Opens or creates the database at path; NULL with err filled in (a database of another
 * schema version is refused). */
nr_sqlite *nr_sqlite_open(const char *path, nr_error *err);
/* Adds the article: 1 added, 0 already there, -1 failed (err filled in; the transaction is
 * then rolled back when the handle is discarded). */
int nr_sqlite_add(nr_sqlite *w, const nr_article *a, nr_error *err);
/* Commits what is pending and closes. Returns 0, or -1 with err filled in. */
int nr_sqlite_close(nr_sqlite *w, nr_error *err);
/* Closes without committing what is pending. */
void nr_sqlite_discard(nr_sqlite *w);

#endif
