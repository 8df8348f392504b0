/* lexicon.c: lookups in the word lists that tools/genlex.sh compiles from data/lexicons. */
#include "internal.h"

#include <string.h>

typedef struct S_list {
    const char *const *items;
    size_t n;
} S_list;

/* check is nr_lex_check() and head nr_lex_head(): a probe reads the string only for a word of
 * more than 8 bytes whose hash bits, length and first 8 bytes all match. */
typedef struct S_entry {
    uint32_t check;
    uint32_t places; /* genindex's +NAME lists: the word's place in each (from 1; 0: not there) */
    uint64_t lists, head;
    const char *word;
} S_entry;

#include "lexicons.c"

#define S_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Words longer than this are in no list. */
#define S_MAX_WORD 128

/* One probe sequence in an index of cap (a power of two) entries finds a word, given its hash
 * and head, and every list that holds it. Inlined with the index and cap known. */
static inline const S_entry *S_probe_in(const S_entry *index, size_t cap, const char *word,
                                        size_t len, uint64_t h, uint64_t head)
{
    uint32_t check = nr_lex_check(h, len); /* len < S_MAX_WORD, so the length bits are exact */
    for (size_t k = (size_t)h & (cap - 1); index[k].word; k = (k + 1) & (cap - 1)) {
        const S_entry *e = &index[k];
        if (e->check == check && e->head == head &&
            (len <= 8 || memcmp(e->word + 8, word + 8, len - 8) == 0))
            return e;
    }
    return NULL;
}

static uint64_t S_probe(const char *word, size_t len, uint64_t h, uint64_t head)
{
    const S_entry *e = S_probe_in(S_index, S_INDEX_CAP, word, len, h, head);
    return e ? e->lists : 0;
}

/* Most words asked about are in no list (a name's words): the filter answers those. */
uint64_t nr_cameo_lists(const char *phrase, size_t len)
{
    if (len >= S_MAX_WORD)
        return 0;
    uint64_t h = nr_lex_hash(phrase, len);
    size_t bit = nr_lex_filter_bit(h);
    if (!(S_cameo_filter[bit / 64] >> (bit % 64) & 1))
        return 0;
    const S_entry *e =
        S_probe_in(S_cameo_index, S_cameo_INDEX_CAP, phrase, len, h, nr_lex_head(phrase, len));
    return e ? e->lists : 0;
}

static uint64_t S_lookup(const char *word, size_t len)
{
    return S_probe(word, len, nr_lex_hash(word, len), nr_lex_head(word, len));
}

bool nr_lex_has(nr_lexicon_id id, const char *word, size_t len)
{
    return len < S_MAX_WORD && (S_lookup(word, len) >> id & 1);
}

/* ASCII lower case into low; false when the word is too long for any list. */
static bool S_lower(const char *word, size_t len, char low[S_MAX_WORD])
{
    if (len >= S_MAX_WORD)
        return false;
    for (size_t i = 0; i < len; i++)
        low[i] = (word[i] >= 'A' && word[i] <= 'Z') ? (char)(word[i] + 32) : word[i];
    return true;
}

/* Every token is looked up here, so the word is lower-cased (ASCII), hashed and its head taken
 * in one pass: the same hash and head as nr_lex_hash and nr_lex_head of the lower-cased word. */
uint64_t nr_lex_lookup(const char *word, size_t len, uint32_t *places)
{
    *places = 0;
    if (len >= S_MAX_WORD)
        return 0; /* too long for any list */
    char low[S_MAX_WORD];
    uint64_t h = NR_LEX_HASH_SEED, head = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        low[i] = (char)c;
        h = nr_lex_hash_step(h, c);
        if (i < 8)
            head |= (uint64_t)c << (8 * i);
    }
    const S_entry *e = S_probe_in(S_index, S_INDEX_CAP, low, len, h, head);
    if (!e)
        return 0;
    *places = e->places;
    return e->lists;
}

uint64_t nr_lex_lists(const char *word, size_t len)
{
    uint32_t places;
    return nr_lex_lookup(word, len, &places);
}

bool nr_lex_has_ci(nr_lexicon_id id, const char *word, size_t len)
{
    return nr_lex_lists(word, len) >> id & 1;
}

size_t nr_lex_size(nr_lexicon_id id)
{
    return id < S_COUNT(S_lists) ? S_lists[id].n : 0;
}

const char *nr_lex_item(nr_lexicon_id id, size_t i)
{
    return i < nr_lex_size(id) ? S_lists[id].items[i] : NULL;
}

/* Compares a length-delimited word with a NUL-terminated entry in byte order. */
static int S_cmp(const char *w, size_t len, const char *entry)
{
    int c = strncmp(w, entry, len);
    if (c)
        return c;
    return entry[len] ? -1 : 0;
}

/* The first of n table entries (stride bytes apart, each starting with its form) whose form is
 * not below the word; entries of one form are adjacent from there. */
static size_t S_first_form(const void *table, size_t n, size_t stride, const char *low, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *form = *(const char *const *)((const char *)table + mid * stride);
        if (S_cmp(low, len, form) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *nr_speech_lemma(const char *word, size_t len)
{
    char low[S_MAX_WORD];
    if (!S_lower(word, len, low))
        return NULL;
    size_t k = S_first_form(S_speech, S_COUNT(S_speech), sizeof S_speech[0], low, len);
    return k < S_COUNT(S_speech) && S_cmp(low, len, S_speech[k][0]) == 0 ? S_speech[k][1] : NULL;
}

size_t nr_event_form(uint32_t places, const nr_event_word **first)
{
    size_t place = places & 0xFFFF;
    if (!place)
        return 0;
    *first = &S_events[S_form_rows[place - 1]];
    return (size_t)(S_form_rows[place] - S_form_rows[place - 1]);
}

const nr_pattern_key *nr_pattern_key_of(uint16_t k)
{
    return &S_key_of_form[k - 1];
}

size_t nr_event_patterns(unsigned block, const nr_event_pattern **first)
{
    if (block + 1 >= S_COUNT(S_block_patterns))
        return 0;
    *first = &S_patterns[S_block_patterns[block]];
    return S_block_patterns[block + 1] - S_block_patterns[block];
}

size_t nr_event_synset_phrases(unsigned k, const nr_event_synset **first)
{
    if (k + 1 >= S_COUNT(S_synset_rows))
        return 0;
    *first = &S_synsets[S_synset_rows[k]];
    return (size_t)(S_synset_rows[k + 1] - S_synset_rows[k]);
}

size_t nr_discards_from(const char *word, size_t len, const nr_discard **first)
{
    char low[S_MAX_WORD];
    if (!S_lower(word, len, low))
        return 0;
    /* In byte order, the phrases whose first word this is (the word alone, or followed by a
     * space, the lowest byte a phrase holds) come first of those the word begins. */
    size_t k = S_first_form(S_discards, S_COUNT(S_discards), sizeof S_discards[0], low, len), n = 0;
    while (k + n < S_COUNT(S_discards) && strncmp(S_discards[k + n].phrase, low, len) == 0 &&
           (S_discards[k + n].phrase[len] == ' ' || S_discards[k + n].phrase[len] == '\0'))
        n++;
    *first = &S_discards[k];
    return n;
}

const char *nr_event_sense_code(const char *lemma, const char *word, size_t len)
{
    char low[S_MAX_WORD];
    if (!S_lower(word, len, low))
        return NULL;
    size_t lo = 0, hi = S_COUNT(S_senses);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(lemma, S_senses[mid].lemma);
        if (c == 0)
            c = S_cmp(low, len, S_senses[mid].word);
        if (c == 0)
            return S_senses[mid].cameo;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *nr_cameo_actor_code(const char *name, size_t len, uint32_t day, bool place)
{
    uint64_t lists = nr_cameo_lists(name, len);
    if (!(lists >> NR_CAMEO_NAMES & 1))
        return NULL;
    const nr_cameo_actor *in_force = NULL, *undated = NULL, *latest = NULL;
    size_t rank = nr_lex_rank(lists, NR_CAMEO_NAMES);
    for (size_t k = S_cameo_name_rows[rank]; k < S_cameo_name_rows[rank + 1]; k++) {
        const nr_cameo_actor *e = &S_cameo_actors[k];
        if (e->place != place)
            continue;
        if (!e->first && !e->last) {
            undated = undated ? undated : e;
            continue;
        }
        latest = e; /* entries of a name are in order of their first day */
        if (day && (!e->first || e->first <= day) && (!e->last || day <= e->last))
            in_force = e;
    }
    if (in_force)
        return in_force->code;
    if (undated)
        return undated->code;
    /* A place keeps a country when the dictionary's dates leave a gap; a person's office ends. */
    return !day || place ? (latest ? latest->code : NULL) : NULL;
}

const char *nr_cameo_agent_role(const char *noun, size_t len)
{
    uint64_t lists = nr_cameo_lists(noun, len);
    /* The nouns are in the order of the index's agent_nouns list, one row each. */
    return lists >> NR_AGENT_NOUNS & 1 ? S_cameo_agents[nr_lex_rank(lists, NR_AGENT_NOUNS)].role
                                       : NULL;
}

const char *nr_cameo_country(const char *code)
{
    if (strlen(code) < 3)
        return NULL;
    size_t k = S_first_form(S_cameo_countries, S_COUNT(S_cameo_countries),
                            sizeof S_cameo_countries[0], code, 3);
    return k < S_COUNT(S_cameo_countries) && S_cmp(code, 3, S_cameo_countries[k]) == 0
               ? S_cameo_countries[k]
               : NULL;
}

bool nr_goldstein_of(const char *cameo, double *weight)
{
    for (size_t len = strlen(cameo); len >= 2; len--) {
        size_t k =
            S_first_form(S_goldstein, S_COUNT(S_goldstein), sizeof S_goldstein[0], cameo, len);
        if (k < S_COUNT(S_goldstein) && S_cmp(cameo, len, S_goldstein[k].code) == 0) {
            *weight = S_goldstein[k].weight;
            return true;
        }
    }
    return false;
}
