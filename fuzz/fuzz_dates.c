/* fuzz_dates.c: any string -> a valid ISO 8601 date (with a precision that fits it) or none. */
#include "internal.h"
#include "oracle.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD naming a real day. */
static int iso_ok(const char *s)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    }
    int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap(y));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[11];
    memset(out, 'x', sizeof out);
    int rc = nr_date_normalize((const char *)data, size, out);
    if (rc == 0 && !iso_ok(out))
        oracle_fail("normalized to \"%.11s\", not an ISO 8601 date", out);
    if (rc != 0 && (rc != -1 || out[0] != '\0'))
        oracle_fail("rejected with %d but out is \"%.11s\"", rc, out);
    /* The finder reads article text: valid UTF-8 without NUL, as decode.c hands it on. */
    if (size == 0 || memchr(data, 0, size) || !oracle_utf8_ok((const char *)data, size))
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    static const char *const published[] = {NULL, "2024-02-29", "1999-12"};
    for (int k = 0; k < 3; k++) {
        nr_date_match m;
        if (!nr_find_date(text, 0, size, published[k], &m))
            continue;
        if (!(m.b < m.e && m.e <= size))
            oracle_fail("date expression [%zu, %zu) outside %zu bytes", m.b, m.e, size);
        size_t n = strlen(m.iso);
        if (n && !iso_ok(m.iso))
            oracle_fail("date \"%s\" is not ISO 8601", m.iso);
        int fits = n == 0 ? m.precision == NR_DATE_RELATIVE
                          : (n == 4 && m.precision == NR_DATE_YEAR) ||
                                (n == 7 && m.precision == NR_DATE_MONTH) ||
                                (n == 10 && m.precision == NR_DATE_DAY);
        if (!fits)
            oracle_fail("date \"%s\" with precision %d", m.iso, (int)m.precision);
    }
    free(text);
    return 0;
}
