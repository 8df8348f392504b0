/* write_gdelt.c: an article's events as rows of GDELT 2.0's event table (61 tab-separated columns). */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* GDELT's GLOBALEVENTID is a number: ours is 53 bits of a hash of the event's id, so that every
 * tool (R and JavaScript read numbers as doubles) keeps it exact. */
#define S_ID_BITS 53

static void S_tab(nr_buf *b)
{
    nr_buf_putc(b, '\t');
}

/* A text field: a tab or line break inside it would end the field or the row. */
static void S_field(nr_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        nr_buf_putc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

static void S_str(nr_buf *b, const char *s)
{
    if (s)
        S_field(b, s, strlen(s));
    S_tab(b);
}

/* Empty fields, each followed by its tab. */
static void S_empty(nr_buf *b, int n)
{
    while (n-- > 0)
        S_tab(b);
}

static uint64_t S_event_number(const nr_article *a, size_t i)
{
    char id[48];
    int n = snprintf(id, sizeof id, "%s-E%zu", a->id, i + 1);
    return nr_hash64(id, (size_t)n, 3) & ((UINT64_C(1) << S_ID_BITS) - 1);
}

/* SQLDATE, MonthYear, Year and FractionDate from an ISO date of any precision: the parts it
 * gives, the others empty. */
static void S_dates(nr_buf *b, const char *date)
{
    unsigned y = 0, m = 0, d = 0;
    int parts = date ? sscanf(date, "%4u-%2u-%2u", &y, &m, &d) : 0;
    if (parts == 3)
        nr_buf_printf(b, "%04u%02u%02u", y, m, d);
    S_tab(b);
    if (parts >= 2)
        nr_buf_printf(b, "%04u%02u", y, m);
    S_tab(b);
    if (parts >= 1)
        nr_buf_printf(b, "%04u", y);
    S_tab(b);
    if (parts == 3) {
        static const unsigned before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        unsigned doy =
            before[(m - 1) % 12] + d + (m > 2 && y % 4 == 0 && (y % 100 || y % 400 == 0));
        /* GDELT's fraction: the year plus the day of the year over 365, to four places; in
         * integers, so no locale's decimal comma can creep in. */
        unsigned frac = (doy * 10000 + 182) / 365;
        nr_buf_printf(b, "%04u.%04u", y + frac / 10000, frac % 10000);
    }
    S_tab(b);
}

/* The ten columns of an actor: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code. The country is the actor's own
 * (an event's code only adds a role to it). A code that opens with the country puts its roles
 * in the types (USAGOV: USA, GOV); one that opens with IGO, NGO, MNC ... puts that in Type1 and
 * the next three letters in the group, unless they are a company's country (IGOUNO: IGO, UNO;
 * MNCUSA: MNC, USA). */
static void S_actor(nr_buf *b, const nr_article *a, int actor, const char *code)
{
    if (actor < 0 || !code) {
        S_empty(b, 1);
        S_str(b, actor >= 0 ? a->actors[actor].name : NULL);
        S_empty(b, 8);
        return;
    }
    S_str(b, code);
    S_str(b, a->actors[actor].name);
    size_t n = strlen(code), at = 3;
    const char *country = a->actors[actor].country, *group = NULL, *types[3] = {NULL, NULL, NULL};
    char chunks[4][4] = {{0}};
    size_t nt = 0;
    if (!country || strncmp(code, country, 3) != 0) {
        memcpy(chunks[0], code, 3);
        types[nt++] = chunks[0];
        if (n >= 6 && !(country && strncmp(code + 3, country, 3) == 0)) {
            memcpy(chunks[1], code + 3, 3);
            group = chunks[1];
        }
        at = n >= 6 ? 6 : n;
    }
    for (size_t k = 2; at + 3 <= n && nt < 3; at += 3, k++) {
        memcpy(chunks[k], code + at, 3);
        types[nt++] = chunks[k];
    }
    S_str(b, country);
    S_str(b, group);
    S_empty(b, 3); /* ethnic and religion codes: CAMEO gives them, our dictionaries do not */
    for (int k = 0; k < 3; k++)
        S_str(b, types[k]);
}

/* GDELT's geographic type of a place: 1 a country, 2 a US state, 3 a US city, 4 another city,
 * 5 another region; 0 when unknown. */
static int S_geo_type(const nr_actor *place)
{
    uint64_t lists = nr_lex_lists(place->key, strlen(place->key));
    bool us = place->country && strcmp(place->country, "USA") == 0;
    if (lists & NR_LEX_BIT(NR_LEX_COUNTRIES))
        return 1;
    if (lists & NR_LEX_BIT(NR_LEX_CITIES))
        return us ? 3 : 4;
    if (lists & NR_LEX_BIT(NR_LEX_SUBDIVISIONS))
        return us ? 2 : 5;
    return 0;
}

/* The eight columns of a place: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
 * FeatureID. Only the first three are known to us. */
static void S_geo(nr_buf *b, const nr_article *a, int place)
{
    if (place < 0) {
        S_empty(b, 8);
        return;
    }
    const nr_actor *p = &a->actors[place];
    int type = S_geo_type(p);
    if (type)
        nr_buf_put_int(b, type);
    S_tab(b);
    S_str(b, p->name);
    S_str(b, p->country);
    S_empty(b, 5);
}

static void S_row(nr_buf *b, const nr_article *a, size_t i)
{
    const nr_event *e = &a->events[i];
    nr_buf_put_int(b, (long long)S_event_number(a, i));
    S_tab(b);
    S_dates(b, e->date);
    S_actor(b, a, e->agent, e->agent_code);
    S_actor(b, a, e->target, e->target_code);
    nr_buf_put_int(b, e->lead);
    S_tab(b);
    S_str(b, e->cameo);
    S_field(b, e->cameo, strlen(e->cameo) < 3 ? strlen(e->cameo) : 3);
    S_tab(b);
    S_field(b, e->cameo, 2);
    S_tab(b);
    nr_buf_put_int(b, e->quad_class);
    S_tab(b);
    if (e->has_goldstein)
        nr_buf_put_tenths(b, e->goldstein);
    S_tab(b);
    nr_buf_puts(b, "1\t1\t1\t"); /* NumMentions, NumSources, NumArticles: this one article */
    S_empty(b, 1);               /* AvgTone: we do not measure tone */
    S_geo(b, a, -1);             /* Actor1Geo and Actor2Geo: where each actor is, unknown */
    S_geo(b, a, -1);
    S_geo(b, a, e->location);
    if (a->published && strlen(a->published) == 10) /* DATEADDED: the publication day */
        nr_buf_printf(b, "%.4s%.2s%.2s000000", a->published, a->published + 5, a->published + 8);
    S_tab(b);
    const char *source = a->url ? a->url : a->source ? a->source : ""; /* SOURCEURL */
    S_field(b, source, strlen(source));
    nr_buf_putc(b, '\n');
}

void nr_write_gdelt(nr_buf *out, const nr_article *a)
{
    for (size_t i = 0; i < a->n_events; i++)
        S_row(out, a, i);
}
