/* lexicon.c: lookups in the word lists that tools/genlex.sh compiles from data/lexicons. */
#include "internal.h"

#include <string.h>

#include "lexicons.c"

#define S_COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct S_list {
    const char *const *items;
    size_t n;
} S_list;

static S_list S_get(nr_lexicon_id id)
{
    switch (id) {
    case NR_LEX_STOPWORDS: return (S_list){S_stopwords, S_COUNT(S_stopwords)};
    case NR_LEX_TITLES: return (S_list){S_titles, S_COUNT(S_titles)};
    case NR_LEX_ABBREVIATIONS: return (S_list){S_abbreviations, S_COUNT(S_abbreviations)};
    case NR_LEX_ORG_WORDS: return (S_list){S_org_words, S_COUNT(S_org_words)};
    case NR_LEX_LOCATIONS: return (S_list){S_locations, S_COUNT(S_locations)};
    case NR_LEX_GROUPS: return (S_list){S_groups, S_COUNT(S_groups)};
    case NR_LEX_FIRST_NAMES: return (S_list){S_first_names, S_COUNT(S_first_names)};
    case NR_LEX_PARTICLES: return (S_list){S_particles, S_COUNT(S_particles)};
    case NR_LEX_BOILERPLATE: return (S_list){S_boilerplate, S_COUNT(S_boilerplate)};
    default: return (S_list){NULL, 0};
    }
}

/* Compares a length-delimited word with a NUL-terminated entry in byte order. */
static int S_cmp(const char *w, size_t len, const char *entry)
{
    int c = strncmp(w, entry, len);
    if (c)
        return c;
    return entry[len] ? -1 : 0;
}

static long S_find(const char *const *items, size_t n, size_t stride, const char *w, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = S_cmp(w, len, items[mid * stride]);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

bool nr_lex_has(nr_lexicon_id id, const char *word, size_t len)
{
    S_list l = S_get(id);
    return S_find(l.items, l.n, 1, word, len) >= 0;
}

/* Words longer than this are in no case-insensitive list. */
#define S_MAX_CI 64

/* ASCII lower case into low; false when the word is too long for any list. */
static bool S_lower(const char *word, size_t len, char low[S_MAX_CI])
{
    if (len >= S_MAX_CI)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = word[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return true;
}

bool nr_lex_has_ci(nr_lexicon_id id, const char *word, size_t len)
{
    char low[S_MAX_CI];
    return S_lower(word, len, low) && nr_lex_has(id, low, len);
}

size_t nr_lex_size(nr_lexicon_id id)
{
    return S_get(id).n;
}

const char *nr_lex_item(nr_lexicon_id id, size_t i)
{
    S_list l = S_get(id);
    return i < l.n ? l.items[i] : NULL;
}

const char *nr_speech_lemma(const char *word, size_t len)
{
    char low[S_MAX_CI];
    if (!S_lower(word, len, low))
        return NULL;
    long k = S_find(&S_speech[0][0], S_COUNT(S_speech), 2, low, len);
    return k < 0 ? NULL : S_speech[k][1];
}

const nr_event_verb *nr_event_lookup(const char *word, size_t len)
{
    size_t lo = 0, hi = S_COUNT(S_events);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = S_cmp(word, len, S_events[mid].form);
        if (c == 0)
            return &S_events[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
