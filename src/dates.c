/* dates.c: date expressions in text (absolute and relative to publication) and ISO 8601 metadata dates. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const S_months[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
static const char *const S_weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

static bool S_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int S_days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && S_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's civil-date algorithm. */
static long S_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void S_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int S_digits(const char *s, size_t len, size_t at, size_t n)
{
    if (at + n > len)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[at + i] < '0' || s[at + i] > '9')
            return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    return v;
}

/* Writes YYYY, YYYY-MM or YYYY-MM-DD; the moduli only tell the compiler the field widths. */
static void S_iso(char out[11], int y, int m, int d, nr_precision p)
{
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    if (p == NR_DATE_DAY)
        snprintf(out, 11, "%04u-%02u-%02u", uy, um, ud);
    else if (p == NR_DATE_MONTH)
        snprintf(out, 11, "%04u-%02u", uy, um);
    else if (p == NR_DATE_YEAR)
        snprintf(out, 11, "%04u", uy);
    else
        out[0] = '\0';
}

int nr_date_normalize(const char *s, size_t len, char out[11])
{
    out[0] = '\0';
    while (len && (s[0] == ' ' || s[0] == '\t'))
        s++, len--;
    int y = S_digits(s, len, 0, 4);
    if (y < 1 || (len > 4 && s[4] != '-'))
        return -1;
    if (len == 4) {
        S_iso(out, y, 1, 1, NR_DATE_YEAR);
        return 0;
    }
    int m = S_digits(s, len, 5, 2);
    if (m < 1 || m > 12 || (len > 7 && s[7] != '-'))
        return -1;
    if (len == 7) {
        S_iso(out, y, m, 1, NR_DATE_MONTH);
        return 0;
    }
    int d = S_digits(s, len, 8, 2);
    if (d < 1 || d > S_days_in(y, m))
        return -1;
    /* A time may follow ("T10:00:00Z" or " 10:00"); only the date part is kept. */
    if (len > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return -1;
    S_iso(out, y, m, d, NR_DATE_DAY);
    return 0;
}

/* ---- expressions in text ------------------------------------------------------------- */

typedef struct S_word {
    size_t b, e;
} S_word;

static bool S_alpha(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool S_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool S_eq_ci(const char *s, size_t n, const char *w)
{
    if (strlen(w) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] | 0x20) != w[i])
            return false;
    }
    return true;
}

bool nr_calendar_word(const char *s, size_t n)
{
    for (size_t k = 0; k < 12; k++) {
        if (S_eq_ci(s, n, S_months[k]) || (k < 7 && S_eq_ci(s, n, S_weekdays[k])))
            return true;
    }
    return false;
}

/* Month from a full name or a 3-4 letter abbreviation ("Jan", "Sept"). */
static int S_month(const char *s, size_t n)
{
    static const unsigned char lens[12] = {7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8};
    if (n < 3 || n > 9)
        return 0; /* the common case, decided without a comparison */
    for (int m = 0; m < 12; m++) {
        size_t full = lens[m];
        if (n == full && S_eq_ci(s, n, S_months[m]))
            return m + 1;
        if ((n == 3 || (n == 4 && m == 8)) && n < full) {
            size_t k = 0;
            while (k < n && (s[k] | 0x20) == S_months[m][k])
                k++;
            if (k == n && (s[0] >= 'A' && s[0] <= 'Z'))
                return m + 1;
        }
    }
    return 0;
}

/* Words and numbers of text[b, e), skipping everything else. */
static size_t S_next_word(const char *t, size_t i, size_t e, S_word *w)
{
    while (i < e && !S_alpha(t[i]) && !S_digit(t[i]))
        i++;
    w->b = i;
    if (i < e && S_digit(t[i])) {
        while (i < e && (S_digit(t[i]) || t[i] == '-'))
            i++;
    } else {
        while (i < e && S_alpha(t[i]))
            i++;
    }
    w->e = i;
    return i;
}

static bool S_year_word(const char *t, S_word w, int *year)
{
    if (w.e - w.b != 4)
        return false;
    int y = S_digits(t, w.e, w.b, 4);
    if (y < 1900 || y > 2099)
        return false;
    *year = y;
    return true;
}

static bool S_set(nr_date_match *m, size_t b, size_t e, nr_precision p, int y, int mo, int d)
{
    m->b = b;
    m->e = e;
    m->precision = p;
    S_iso(m->iso, y, mo, d, p);
    return true;
}

static bool S_pub(const char *published, int *y, int *m, int *d)
{
    return published && strlen(published) == 10 && sscanf(published, "%4d-%2d-%2d", y, m, d) == 3;
}

/* today, yesterday, on Friday, last week/month/year: resolved against the publication day; with
 * no publication day they keep precision "relative" and no date. */
static bool S_relative(const char *t, S_word w, S_word next, const char *published,
                       nr_date_match *m)
{
    int y, mo, d;
    bool pub = S_pub(published, &y, &mo, &d);
    long day = pub ? S_days_from_civil(y, mo, d) : 0;
    size_t n = w.e - w.b;
    const char *s = t + w.b;
    long offset = -1;
    size_t end = w.e;
    nr_precision prec = NR_DATE_DAY;
    if (S_eq_ci(s, n, "today") || S_eq_ci(s, n, "tonight"))
        offset = 0;
    else if (S_eq_ci(s, n, "yesterday"))
        offset = 1;
    else if (S_eq_ci(s, n, "last") && next.e > next.b) {
        const char *ns = t + next.b;
        size_t nn = next.e - next.b;
        end = next.e;
        if (S_eq_ci(ns, nn, "week"))
            offset = 7;
        else if (S_eq_ci(ns, nn, "month"))
            offset = 0, prec = NR_DATE_MONTH;
        else if (S_eq_ci(ns, nn, "year"))
            offset = 0, prec = NR_DATE_YEAR;
    } else {
        for (int k = 0; k < 7; k++) {
            if (S_eq_ci(s, n, S_weekdays[k])) {
                /* News reports the past: the latest such weekday on or before publication. */
                long wd = pub ? ((day % 7) + 7 + 3) % 7 : 0; /* 1970-01-01 was a Thursday */
                offset = (wd - k + 7) % 7;
            }
        }
    }
    if (offset < 0)
        return false;
    if (!pub)
        return S_set(m, w.b, end, NR_DATE_RELATIVE, 0, 0, 0);
    if (prec == NR_DATE_MONTH) {
        mo = mo == 1 ? 12 : mo - 1;
        y -= mo == 12;
        return S_set(m, w.b, end, prec, y, mo, 1);
    }
    if (prec == NR_DATE_YEAR)
        return S_set(m, w.b, end, prec, y - 1, 1, 1);
    S_civil_from_days(day - offset, &y, &mo, &d);
    return S_set(m, w.b, end, prec, y, mo, d);
}

static bool S_absolute(const char *t, S_word w, S_word n1, S_word n2, const char *published,
                       nr_date_match *m)
{
    int y, mo, d, py = 0, pm, pd;
    if (w.e - w.b == 10 && t[w.b + 4] == '-' && nr_date_normalize(t + w.b, 10, m->iso) == 0)
        return S_set(m, w.b, w.e, NR_DATE_DAY, S_digits(t, w.e, w.b, 4),
                     S_digits(t, w.e, w.b + 5, 2), S_digits(t, w.e, w.b + 8, 2));
    if (S_year_word(t, w, &y))
        return S_set(m, w.b, w.e, NR_DATE_YEAR, y, 1, 1);
    mo = S_month(t + w.b, w.e - w.b);
    if (!mo)
        return false;
    bool has_day = n1.e - n1.b >= 1 && n1.e - n1.b <= 2 && S_digit(t[n1.b]);
    d = has_day ? S_digits(t, n1.e, n1.b, n1.e - n1.b) : 0;
    if (has_day && d >= 1 && d <= 31) {
        if (S_year_word(t, n2, &y) && d <= S_days_in(y, mo))
            return S_set(m, w.b, n2.e, NR_DATE_DAY, y, mo, d);
        if (S_pub(published, &py, &pm, &pd) && d <= S_days_in(py, mo))
            return S_set(m, w.b, n1.e, NR_DATE_DAY, py, mo, d);
        return false;
    }
    if (S_year_word(t, n1, &y))
        return S_set(m, w.b, n1.e, NR_DATE_MONTH, y, mo, 1);
    return false;
}

bool nr_find_date(const char *text, size_t b, size_t e, const char *published, nr_date_match *m)
{
    S_word w[3];
    size_t i = S_next_word(text, b, e, &w[0]);
    i = S_next_word(text, i, e, &w[1]);
    i = S_next_word(text, i, e, &w[2]);
    while (w[0].b < e) {
        /* "May" and "March" are dates only before a day or a year. */
        bool ambiguous = S_eq_ci(text + w[0].b, w[0].e - w[0].b, "may") ||
                         S_eq_ci(text + w[0].b, w[0].e - w[0].b, "march");
        bool next_numeric = w[1].e > w[1].b && S_digit(text[w[1].b]);
        if ((!ambiguous || next_numeric) && S_absolute(text, w[0], w[1], w[2], published, m))
            return true;
        if (S_relative(text, w[0], w[1], published, m))
            return true;
        w[0] = w[1];
        w[1] = w[2];
        i = S_next_word(text, i, e, &w[2]);
    }
    return false;
}
