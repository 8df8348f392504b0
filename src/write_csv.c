/* write_csv.c: renders the five CSV tables in the RFC 4180 or the Excel dialect; libcsv quotes
 * every text cell, numbers stay bare. */
#include "internal.h"

#include <csv.h>
#include <string.h>

typedef struct S_csv {
    nr_cells cells; /* first: the table layout calls back with this */
    nr_buf *out;
    nr_csv_dialect dialect;
    bool first; /* no cell of this row written yet */
    size_t cut;
    nr_buf formula; /* excel: a cell written as our own formula, before CSV quoting */
} S_csv;

static void S_sep(S_csv *w)
{
    if (!w->first)
        nr_buf_putc(w->out, ',');
    w->first = false;
}

/* A cell a spreadsheet would read as a formula (or as the start of one). */
static bool S_needs_guard(const char *s, size_t n)
{
    return n > 0 && s[0] && strchr("=+-@\t\r\n", s[0]);
}

/* Excel's limits on a formula: characters in all, and in one string constant. */
#define S_MAX_FORMULA 8192
#define S_MAX_STRING 255

/* A word and its length: a lookup compares lengths before letters. */
typedef struct S_word {
    const char *word;
    size_t len;
} S_word;
/* clang-format off */
#define W(s) {s, sizeof s - 1}
/* clang-format on */
#define S_COUNT(t) (sizeof t / sizeof t[0])

/* Runs of letters that can stand in a number, date or time as Excel or LibreOffice read one in
 * some locale: AM/PM and English month and day names. (A lone e, t, z, a or p, for an exponent,
 * ISO 8601's T and Z and a/p, is tested before the table.) */
static const S_word S_value_words[] = {
    W("am"),       W("pm"),        W("jan"),       W("january"), W("feb"),      W("february"),
    W("mar"),      W("march"),     W("apr"),       W("april"),   W("may"),      W("jun"),
    W("june"),     W("jul"),       W("july"),      W("aug"),     W("august"),   W("sep"),
    W("sept"),     W("september"), W("oct"),       W("october"), W("nov"),      W("november"),
    W("dec"),      W("december"),  W("mon"),       W("monday"),  W("tue"),      W("tues"),
    W("tuesday"),  W("wed"),       W("wednesday"), W("thu"),     W("thur"),     W("thurs"),
    W("thursday"), W("fri"),       W("friday"),    W("sat"),     W("saturday"), W("sun"),
    W("sunday"),
};

/* Words Excel turns such a text into: booleans and error values. */
static const S_word S_bool_error_words[] = {
    W("true"),  W("false"),  W("#n/a"),  W("#null!"),  W("#div/0!"), W("#value!"),
    W("#ref!"), W("#name?"), W("#num!"), W("#spill!"), W("#calc!"),
};

/* ASCII case-insensitive, inline: the lookups are of one to nine letters. */
static bool S_in(const S_word *words, size_t count, const char *s, size_t n)
{
    for (size_t k = 0; k < count; k++) {
        size_t i = 0;
        while (words[k].len == n && i < n && (s[i] | 0x20) == words[k].word[i])
            i++;
        if (words[k].len == n && i == n)
            return true;
    }
    return false;
}

/* A space, or a sign, separator or currency a number, date, time or percentage may hold. */
static size_t S_value_mark(const char *s, size_t n)
{
    switch (s[0]) {
    case ' ':
    case '\t':
    case '.':
    case ',':
    case ':':
    case ';':
    case '/':
    case '-':
    case '+':
    case '(':
    case ')':
    case '%':
    case '$':
    case '\'': return 1;
    case '\xC2': /* no-break space, pound, yen */
        return n >= 2 && (s[1] == '\xA0' || s[1] == '\xA3' || s[1] == '\xA5') ? 2 : 0;
    case '\xE2': /* euro */ return n >= 3 && s[1] == '\x82' && s[2] == '\xAC' ? 3 : 0;
    default: return 0;
    }
}

/*
 * Whether a spreadsheet opening the CSV may read the text as a number, date, time, percentage,
 * boolean or error rather than as text ("0841", "11136373e9036505", "2005-03", "March 2005",
 * "3pm", "(12)", "TRUE", "#N/A"): digits with only the marks and words above around them, or a
 * boolean or error word. Broader than any one locale, since a cell wrapped for nothing still
 * shows its own text.
 */
static bool S_looks_like_value(const char *s, size_t n)
{
    if (n > 64)
        return false; /* longer than any value a spreadsheet reads */
    bool digit = false;
    for (size_t i = 0; i < n && !digit; i++)
        digit = s[i] >= '0' && s[i] <= '9';
    if (!digit) /* most cells: names and words, rejected before any word lookup */
        return S_in(S_bool_error_words, S_COUNT(S_bool_error_words), s, n);
    for (size_t i = 0; i < n;) {
        size_t j = i, mark;
        if (s[i] >= '0' && s[i] <= '9') {
            i++;
        } else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') {
            while (j < n && (s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')
                j++;
            char c = (char)(s[i] | 0x20); /* a lone letter, as in hex ids, without the table */
            if (j - i == 1 ? !strchr("etzap", c)
                           : !S_in(S_value_words, S_COUNT(S_value_words), s + i, j - i))
                return false;
            i = j;
        } else if ((mark = S_value_mark(s + i, n - i)) > 0) {
            i += mark;
        } else {
            return false;
        }
    }
    return true;
}

static void S_formula_string(nr_buf *f, const char *s, size_t n)
{
    nr_buf_putc(f, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            nr_buf_putc(f, '"');
        nr_buf_putc(f, s[i]);
    }
    nr_buf_putc(f, '"');
}

/* The text as the formula ="..." that gives it back: string constants of at most 255
 * characters joined by &, a line break as CHAR(10) or CHAR(13) (a string constant cannot hold
 * one). The article's text stays inside the quotes, so nothing of it is ever evaluated. */
static void S_formula(nr_buf *f, const char *s, size_t n)
{
    nr_buf_putc(f, '=');
    for (size_t i = 0; i < n;) {
        if (i)
            nr_buf_putc(f, '&');
        if (s[i] == '\n' || s[i] == '\r') {
            nr_buf_puts(f, s[i] == '\n' ? "CHAR(10)" : "CHAR(13)");
            i++;
            continue;
        }
        size_t end = i;
        while (end < n && s[end] != '\n' && s[end] != '\r')
            end++;
        size_t piece = nr_utf16_fit(s + i, end - i, S_MAX_STRING);
        S_formula_string(f, s + i, piece);
        i += piece;
    }
}

/* Writes the cell as our own formula when a spreadsheet would not keep it as the same text:
 * it starts like a formula, or reads as a value. False (nothing written) for any other cell,
 * and for one whose formula would pass Excel's limit; the caller then writes it as text. */
static bool S_excel_formula(S_csv *w, const char *s, size_t n)
{
    if (!S_needs_guard(s, n) && !S_looks_like_value(s, n))
        return false;
    w->formula.len = 0;
    S_formula(&w->formula, s, n);
    const char *f = w->formula.data;
    size_t len = w->formula.len;
    if (w->formula.failed || nr_utf16_fit(f, len, S_MAX_FORMULA) < len)
        return false;
    char *dst = nr_buf_reserve(w->out, 2 * len + 3);
    if (dst)
        w->out->len += csv_write(dst, 2 * len + 2, f, len);
    return true;
}

static void S_text(nr_cells *c, const char *s, size_t n)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    if (!s)
        return;
    if (w->dialect == NR_CSV_EXCEL && S_excel_formula(w, s, n))
        return;
    bool guard = false;
    if (w->dialect == NR_CSV_EXCEL) {
        guard = S_needs_guard(s, n);
        size_t fit = nr_utf16_fit(s, n, NR_EXCEL_MAX_CELL - guard);
        w->cut += fit < n;
        n = fit;
    }
    char *dst = nr_buf_reserve(w->out, 2 * n + 3);
    if (!dst)
        return;
    size_t len = csv_write(dst, 2 * n + 2, s, n);
    if (guard) { /* '"' then "'" then the rest: the quote mark needs no escape */
        memmove(dst + 2, dst + 1, len - 1);
        dst[1] = '\'';
        len++;
    }
    w->out->len += len;
}

static void S_number(nr_cells *c, long long v)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    nr_buf_put_int(w->out, v);
}

static void S_boolean(nr_cells *c, bool v)
{
    S_csv *w = (S_csv *)c;
    S_sep(w);
    nr_buf_puts(w->out, v ? "true" : "false");
}

/* A decimal is bare in RFC 4180. In the Excel dialect it is a value-looking text like any other
 * (="-4.4"): a spreadsheet in a locale with a decimal comma would read "-4.4" as a date or as
 * text, so no bare form reads back the same everywhere. */
static void S_decimal(nr_cells *c, double v)
{
    S_csv *w = (S_csv *)c;
    char s[NR_TENTHS_MAX];
    size_t n = nr_format_tenths(s, v);
    if (w->dialect == NR_CSV_EXCEL) {
        S_text(c, s, n);
        return;
    }
    S_sep(w);
    nr_buf_put(w->out, s, n);
}

static void S_end(nr_cells *c)
{
    S_csv *w = (S_csv *)c;
    nr_buf_puts(w->out, w->dialect == NR_CSV_EXCEL ? "\r\n" : "\n");
    w->first = true;
}

static S_csv S_writer(nr_buf *out, nr_csv_dialect d)
{
    return (S_csv){{S_text, S_number, S_boolean, S_decimal, S_end, false}, out, d, true, 0, {0}};
}

void nr_write_csv_header(nr_buf *out, nr_table t, nr_csv_dialect d)
{
    const char *const *cols = nr_table_columns(t);
    if (!cols)
        return;
    if (d == NR_CSV_EXCEL)
        nr_buf_puts(out, "\xEF\xBB\xBF"); /* how Excel tells UTF-8 from the local code page */
    for (size_t k = 0; cols[k]; k++) {
        if (k)
            nr_buf_putc(out, ',');
        nr_buf_puts(out, cols[k]);
    }
    nr_buf_puts(out, d == NR_CSV_EXCEL ? "\r\n" : "\n");
}

size_t nr_write_csv_row(nr_buf *out, const char *const *cells, const size_t *lens, size_t n,
                        nr_csv_dialect d)
{
    S_csv w = S_writer(out, d);
    for (size_t k = 0; k < n; k++)
        S_text(&w.cells, cells[k], cells[k] ? lens[k] : 0);
    S_end(&w.cells);
    nr_buf_free(&w.formula);
    return w.cut;
}

size_t nr_write_csv_rows(nr_buf *out, nr_table t, const nr_article *a, nr_csv_dialect d)
{
    S_csv w = S_writer(out, d);
    nr_table_rows(&w.cells, t, a);
    if (w.cells.failed || w.formula.failed)
        out->failed = 1;
    nr_buf_free(&w.formula);
    return w.cut;
}
