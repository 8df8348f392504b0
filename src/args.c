/* args.c: the command line: options, limits and the help text. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void S_usage(FILE *fp)
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
          "                          article already in it is left as it is), html (a page\n"
          "                          per article and index.html) or gdelt (the events as rows\n"
          "                          of GDELT 2.0's event table, 61 tab-separated columns);\n"
          "                          all but json, jsonl and gdelt need --out\n"
          "  -o, --out PATH          csv, html: directory for the tables or the pages (csv:\n"
          "                          articles.csv actors.csv mentions.csv\n"
          "                          statements.csv events.csv); json/jsonl/gdelt/xlsx/sqlite:\n"
          "                          file (default standard output). Files appear only when\n"
          "                          complete; a database grows a transaction at a time.\n"
          "      --dialect D         csv: rfc4180 (default: for pipelines) or excel (UTF-8 BOM,\n"
          "                          CRLF, codes, ids, dates and formulas kept as their text,\n"
          "                          cells cut to 32,767 characters)\n"
          "      --input-format FMT  auto (default: by extension; standard input starting\n"
          "                          with '{' is JSON Lines, a byte-order mark before it\n"
          "                          skipped), text or jsonl\n"
          "      --date YYYY-MM-DD   publication date for plain-text inputs\n"
          "      --with-text         add the decoded article text to each JSON document\n"
          "      --events SCOPE      verbs (default: event data, as PETRARCH codes it: \"the\n"
          "                          talks\" alone is no event, \"held talks\" is) or all (nouns\n"
          "                          too, for trigger detection: \"the attack\", \"talks\")\n"
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

/* A count or size: digits with an optional K, M or G (powers of 1024); 0 is allowed. */
static int S_parse_size(const char *s, size_t *out)
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

/* Prints "newsrec: " and the message; returns -1, the usage error. */
static int S_usage_error(const char *fmt, ...)
{
    char text[8400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    msg_print("%s", text);
    return -1;
}

static int S_set_limit(nr_limits *l, size_t k, const char *arg)
{
    size_t *field = (size_t *)((char *)l + S_limit_flags[k].offset);
    if (S_parse_size(arg, field) == 0)
        return 0;
    return S_usage_error("--%s wants a number (0 for no limit), not '%s'", S_limit_flags[k].flag,
                         arg);
}

/* The names the options take, in the order of their enums. */
static const char *const S_dialects[] = {"rfc4180", "excel", NULL};
static const char *const S_input_formats[] = {"auto", "text", "jsonl", NULL};
static const char *const S_event_scopes[] = {"verbs", "all", NULL};

/* The index of arg in the NULL-terminated names, or -1. */
static int S_choose(const char *arg, const char *const *names)
{
    for (int k = 0; names[k]; k++)
        if (strcmp(arg, names[k]) == 0)
            return k;
    return -1;
}

enum {
    OPT_INPUT_FORMAT = 256,
    OPT_DATE,
    OPT_WITH_TEXT,
    OPT_TIMING,
    OPT_DIALECT,
    OPT_STATS,
    OPT_PROGRESS,
    OPT_EVENTS,
    OPT_LIMIT
};

static const struct option S_fixed_options[] = {
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
    {"events", required_argument, NULL, OPT_EVENTS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'}};
#define N_FIXED (sizeof S_fixed_options / sizeof S_fixed_options[0])

static int S_jobs(options *opt, const char *arg)
{
    size_t n;
    if (S_parse_size(arg, &n) != 0 || n > 1024)
        return S_usage_error("--jobs wants a number of threads (0: one per core), not '%s'", arg);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    opt->jobs = n ? (int)n : cores > 0 ? (int)cores : 1;
    return 0;
}

/* One option c with its argument. Returns 0, 1 when done (--help, --version) or -1. */
static int S_option(options *opt, int c, const char *arg)
{
    int k;
    char names[128];
    if (c >= OPT_LIMIT && c < OPT_LIMIT + (int)N_LIMIT_FLAGS)
        return S_set_limit(&opt->limits, (size_t)(c - OPT_LIMIT), arg);
    switch (c) {
    case 'f':
        if (!(opt->format = format_named(arg)))
            return S_usage_error("unknown --format '%s' (%s)", arg,
                                 format_names(names, sizeof names));
        return 0;
    case OPT_DIALECT:
        if ((k = S_choose(arg, S_dialects)) < 0)
            return S_usage_error("unknown --dialect '%s' (rfc4180, excel)", arg);
        opt->dialect = (nr_csv_dialect)k;
        opt->dialect_given = true;
        return 0;
    case OPT_EVENTS:
        if ((k = S_choose(arg, S_event_scopes)) < 0)
            return S_usage_error("unknown --events '%s' (verbs, all)", arg);
        opt->event_scope = (nr_event_scope)k;
        return 0;
    case OPT_INPUT_FORMAT:
        if ((k = S_choose(arg, S_input_formats)) < 0)
            return S_usage_error("unknown --input-format '%s' (auto, text, jsonl)", arg);
        opt->input_format = (in_format)k;
        return 0;
    case OPT_DATE:
        if (strlen(arg) != 10 || nr_date_normalize(arg, 10, opt->date_buf) != 0)
            return S_usage_error("--date wants YYYY-MM-DD, not '%s'", arg);
        opt->date = opt->date_buf;
        return 0;
    case 'j': return S_jobs(opt, arg);
    case 'o': opt->out_path = arg; return 0;
    case OPT_STATS: opt->stats_path = arg; return 0;
    case OPT_TIMING: opt->timing = true; return 0;
    case OPT_PROGRESS: opt->progress = true; return 0;
    case OPT_WITH_TEXT: opt->with_text = true; return 0;
    case 'q': opt->quiet = true; return 0;
    case 'h': S_usage(stdout); return 1;
    case 'V': printf("newsrec %s\n", NR_VERSION); return 1;
    default: return -1;
    }
}

/* What the chosen format asks of --out and --dialect. */
static int S_check(const options *opt)
{
    const format *f = opt->format;
    if (f->out_what && !opt->out_path)
        return S_usage_error("--format %s needs --out %s", f->name, f->out_what);
    if (opt->dialect_given && !f->dialect)
        return S_usage_error("--dialect is for --format csv, not %s", f->name);
    struct stat st;
    if (!f->out_dir && opt->out_path && stat(opt->out_path, &st) == 0 && S_ISDIR(st.st_mode))
        return S_usage_error("--out %s is a directory; --format %s writes one file", opt->out_path,
                             f->name);
    return 0;
}

int args_parse(options *opt, int argc, char **argv)
{
    *opt = (options){.format = format_default(), .jobs = 1};
    nr_limits_default(&opt->limits);
    struct option opts[N_FIXED + N_LIMIT_FLAGS + 1] = {{0}}; /* the last one stays zero */
    memcpy(opts, S_fixed_options, sizeof S_fixed_options);
    for (size_t k = 0; k < N_LIMIT_FLAGS; k++)
        opts[N_FIXED + k] =
            (struct option){S_limit_flags[k].flag, required_argument, NULL, OPT_LIMIT + (int)k};
    int c;
    while ((c = getopt_long(argc, argv, "f:j:o:qhV", opts, NULL)) != -1) {
        int rc = S_option(opt, c, optarg);
        if (rc != 0)
            return rc;
    }
    return S_check(opt);
}
