/* verbs.c: the CAMEO verb dictionary on tokens: which entry a verb is, and the code its patterns give it.
 */
#include "internal.h"

#include <string.h>

/* A pattern's object or phrase is looked for this many tokens past the verb, within its clause;
 * the words before the verb, this many tokens before it. */
#define NR_PATTERN_AFTER 8
#define NR_PATTERN_BEFORE 5
/* A story is discarded by a phrase in this many first sentences (its title and lead): a story
 * about a match names the competition there, one that mentions it in passing does not. */
#define NR_DISCARD_LEAD 3
/* A preposition is looked for this many tokens on: past the object's phrase, not further. */
#define NR_PREPOSITION_REACH 5

static char S_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool S_same(const char *t, const char *w, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (S_lower(t[k]) != w[k])
            return false;
    }
    return true;
}

/* Token k is the word w (n bytes, lower case) or a regular plural of it: the dictionary lists
 * singular nouns and matches their plurals. */
static bool S_word_at(const nr_doc *d, size_t k, const char *w, size_t n)
{
    const char *t = nr_tok_text(d, k);
    size_t m = nr_tok_len(d, k);
    if (m == n)
        return S_same(t, w, n);
    if (m == n + 1)
        return S_lower(t[n]) == 's' && S_same(t, w, n);
    if (m != n + 2)
        return false;
    return (S_same(t, w, n) && S_same(t + n, "es", 2)) ||
           (n > 1 && w[n - 1] == 'y' && S_same(t, w, n - 1) && S_same(t + n - 1, "ies", 3));
}

/* How many tokens from k the words of a phrase take (words apart by one space; a dash between
 * two words of the text is passed over: "cease-fire"), or 0 when they are not there. */
static size_t S_phrase_at(const nr_doc *d, size_t k, size_t end, const char *p, size_t n)
{
    size_t at = k;
    for (size_t b = 0; b < n;) {
        size_t e = b;
        while (e < n && p[e] != ' ')
            e++;
        if (at > k && at + 1 < end && nr_tok_is(d, at, "-"))
            at++;
        if (at >= end || !S_word_at(d, at, p + b, e - b))
            return 0;
        at++;
        b = e + 1;
    }
    return at - k;
}

/* An item of an element: a word, or a synset's phrases. */
typedef struct S_item {
    const char *word;
    size_t len;
    const nr_event_synset *phrases;
    size_t n_phrases;
} S_item;
#define S_MAX_ITEMS 8

/* An element's items (apart by "_", each a word or a synset by its number, "&7"), resolved once
 * per pattern rather than at every token tried; 0 when it has too many, or names no synset. */
static size_t S_items(const char *el, size_t n, S_item *items)
{
    size_t count = 0;
    for (size_t b = 0; b < n; count++) {
        size_t e = b;
        while (e < n && el[e] != '_')
            e++;
        if (count == S_MAX_ITEMS)
            return 0;
        S_item *it = &items[count];
        it->word = el + b;
        it->len = e - b;
        it->n_phrases = 0;
        if (el[b] == '&') {
            unsigned number = 0;
            for (size_t c = b + 1; c < e; c++)
                number = number * 10 + (unsigned)(el[c] - '0');
            if (!(it->n_phrases = nr_event_synset_phrases(number, &it->phrases)))
                return 0;
        }
        b = e + 1;
    }
    return count;
}

/* The first of a synset's n phrases (in byte order) that begins with c, or n. */
static size_t S_first_with(const nr_event_synset *s, size_t n, char c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)s[mid].phrase[0] < (unsigned char)c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How many tokens from k the items take, or 0. */
static size_t S_items_at(const nr_doc *d, size_t k, size_t end, const S_item *items, size_t n)
{
    size_t at = k;
    for (size_t i = 0; i < n; i++) {
        size_t took = 0;
        if (at >= end)
            return 0;
        char first = S_lower(nr_tok_text(d, at)[0]);
        if (items[i].n_phrases) {
            const nr_event_synset *s = items[i].phrases;
            for (size_t j = S_first_with(s, items[i].n_phrases, first);
                 j < items[i].n_phrases && s[j].phrase[0] == first && !took; j++)
                took = S_phrase_at(d, at, end, s[j].phrase, s[j].len);
        } else if (items[i].word[0] == first) {
            took = S_phrase_at(d, at, end, items[i].word, items[i].len);
        }
        if (!took)
            return 0;
        at += took;
    }
    return at - k;
}

static const char *const S_prepositions[] = {
    "about",   "across", "against", "along", "among", "around",  "as",     "at",
    "between", "by",     "down",    "for",   "from",  "in",      "into",   "of",
    "off",     "on",     "onto",    "out",   "over",  "through", "to",     "toward",
    "towards", "under",  "up",      "upon",  "with",  "within",  "without"};

/* Words a noun phrase may begin with before its head: "released all the prisoners". */
static const char *const S_noun_openers[] = {
    "a",    "an",   "the",  "its",     "their", "his",   "her",   "this",    "these", "those",
    "some", "all",  "more", "another", "any",   "each",  "every", "several", "our",   "my",
    "your", "both", "many", "much",    "few",   "other", "most",  "no",      "new"};

static bool S_is_preposition(const char *w, size_t n)
{
    for (size_t k = 0; k < sizeof S_prepositions / sizeof *S_prepositions; k++) {
        if (S_prepositions[k][0] == w[0] && strncmp(S_prepositions[k], w, n) == 0 &&
            !S_prepositions[k][n])
            return true;
    }
    return false;
}

/* A noun element is found within the noun phrase that starts at a token: passing over its
 * openers, modifiers and names, not over a preposition, conjunction or other small word, where
 * the phrase ends ("demanded that the government end curbs": no object "curbs"). */
static bool S_in_phrase(const nr_doc *d, size_t k)
{
    return !nr_tok_in(d, k, NR_LEX_STOPWORDS) || NR_TOK_AMONG(d, k, S_noun_openers);
}

/* A noun phrase starts at token k: an opener, a number, a name or a mention. */
static bool S_phrase_follows(const nr_doc *d, size_t k, size_t end)
{
    return k < end && (NR_TOK_AMONG(d, k, S_noun_openers) || d->toks[k].kind == NR_TOK_NUMBER ||
                       (d->toks[k].flags & NR_TF_CAP) || d->tok_mention[k] >= 0);
}

/* Matches a pattern half's elements in order within [from, end); returns the number of items
 * matched (0 when an element is missing) and sets *last to the token past the last match. A
 * preposition is looked for anywhere in the clause; a noun within the phrase where the search
 * stands. */
static size_t S_half(const nr_doc *d, const char *half, size_t from, size_t end, size_t *last)
{
    size_t matched = 0, at = from;
    for (const char *p = half; *p;) {
        const char *q = strchr(p, ' ');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        bool prep = S_is_preposition(p, n);
        S_item items[S_MAX_ITEMS];
        size_t n_items = S_items(p, n, items), took = 0;
        if (!n_items)
            return 0;
        for (size_t start = at; at < end && !(took = S_items_at(d, at, end, items, n_items));
             at++) {
            if ((!prep && !S_in_phrase(d, at)) || (prep && at - start >= NR_PREPOSITION_REACH))
                return 0;
        }
        if (!took)
            return 0;
        at += took;
        /* "praised efforts to improve": a preposition must lead a noun phrase, not a verb. */
        if (prep && !p[n] && !S_phrase_follows(d, at, end))
            return 0;
        matched += n_items;
        p += q ? n + 1 : n;
    }
    *last = at;
    return matched;
}

/* The end of the verb's clause from token k: its sentence's end, punctuation other than a dash
 * within a word or a possessive, a word that opens a clause, or NR_PATTERN_AFTER tokens. */
static size_t S_clause_end(const nr_doc *d, size_t k, size_t se)
{
    static const char *const subordinators[] = {
        "that",  "which",  "who",   "whose", "whether", "because",  "while", "but",
        "after", "before", "since", "if",    "when",    "although", "where", "unless"};
    size_t end = k;
    while (end < se && end - k < NR_PATTERN_AFTER &&
           (d->toks[end].kind != NR_TOK_PUNCT || nr_tok_is(d, end, "-") ||
            nr_tok_possessive(d, end)) &&
           !NR_TOK_AMONG(d, end, subordinators))
        end++;
    return end;
}

/* The nr_word_start_bit of each token in [b, e). */
static uint64_t S_starts(const nr_doc *d, size_t b, size_t e)
{
    uint64_t mask = 0;
    for (size_t k = b; k < e; k++) {
        const char *t = nr_tok_text(d, k);
        unsigned char c1 = nr_tok_len(d, k) > 1 ? (unsigned char)S_lower(t[1]) : 0;
        mask |= (uint64_t)1 << nr_word_start_bit((unsigned char)S_lower(t[0]), c1);
    }
    return mask;
}

/* The pattern key numbers of the tokens in [b, e), at most NR_PATTERN_AFTER of them, and the
 * synsets they may begin (into *synsets). */
static size_t S_keys(const nr_doc *d, size_t b, size_t e, uint16_t *out, uint64_t *synsets)
{
    size_t n = 0;
    for (size_t k = b; k < e; k++) {
        uint16_t place = (uint16_t)(d->toks[k].places >> 16);
        if (!place)
            continue;
        const nr_pattern_key *key = nr_pattern_key_of(place);
        *synsets |= key->synsets;
        if (key->key && n < NR_PATTERN_AFTER)
            out[n++] = key->key;
    }
    return n;
}

static bool S_holds(const uint16_t *set, size_t n, uint16_t key)
{
    for (size_t k = 0; k < n; k++) {
        if (set[k] == key)
            return true;
    }
    return false;
}

/* The best pattern so far: the one with the most words, then the one ending nearest. */
typedef struct S_best {
    const char *cameo;
    size_t items, last;
} S_best;

/* Tries a pattern whose key the clause holds (or that has none) on the verb at i. */
static void S_try(const nr_doc *d, const nr_event_pattern *p, size_t i, size_t after, size_t from,
                  size_t end, uint64_t starts, uint64_t synsets, S_best *best)
{
    if ((p->synsets & synsets) != p->synsets || (p->starts & starts) != p->starts)
        return;
    size_t items = 0, end_before = i, end_after = after;
    if (p->before[0]) {
        size_t m = S_half(d, p->before, from, i, &end_before);
        if (!m)
            return;
        items += m;
    }
    if (p->after[0]) {
        size_t m = S_half(d, p->after, after, end, &end_after);
        if (!m)
            return;
        items += m;
    }
    if (items > best->items || (items == best->items && end_after < best->last)) {
        best->cameo = p->cameo;
        best->items = items;
        best->last = end_after;
    }
}

/* The first of the patterns [b, n) (in key order) whose key is not below key. */
static size_t S_first_key(const nr_event_pattern *p, size_t b, size_t n, uint16_t key)
{
    size_t lo = b, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *nr_verb_pattern_code(const nr_doc *d, size_t i, size_t after, size_t sb, size_t se,
                                 unsigned block, size_t *last)
{
    const nr_event_pattern *p;
    size_t n = nr_event_patterns(block, &p);
    if (!n)
        return NULL;
    size_t end = S_clause_end(d, after, se);
    size_t from = i > sb + NR_PATTERN_BEFORE ? i - NR_PATTERN_BEFORE : sb;
    uint64_t starts = S_starts(d, from, i) | S_starts(d, after, end);
    uint16_t keys_before[NR_PATTERN_AFTER], keys_after[NR_PATTERN_AFTER];
    uint64_t synsets = 0;
    size_t n_before = S_keys(d, from, i, keys_before, &synsets);
    size_t n_after = S_keys(d, after, end, keys_after, &synsets);
    /* Each key once, from either side of the verb. */
    uint16_t distinct[2 * NR_PATTERN_AFTER];
    size_t n_distinct = 0;
    for (size_t h = 0; h < n_before + n_after; h++) {
        uint16_t key = h < n_before ? keys_before[h] : keys_after[h - n_before];
        if (!S_holds(distinct, n_distinct, key))
            distinct[n_distinct++] = key;
    }
    S_best best = {NULL, 0, 0};
    /* The patterns without a key, then the run of each key the clause holds (the block's
     * patterns are in key order). */
    size_t k = 0;
    for (; k < n && !p[k].key; k++)
        S_try(d, &p[k], i, after, from, end, starts, synsets, &best);
    for (size_t h = 0; h < n_distinct; h++) {
        uint16_t key = distinct[h];
        for (size_t r = S_first_key(p, k, n, key); r < n && p[r].key == key; r++) {
            const uint16_t *in = p[r].key_half == 1 ? keys_before : keys_after;
            if (S_holds(in, p[r].key_half == 1 ? n_before : n_after, key))
                S_try(d, &p[r], i, after, from, end, starts, synsets, &best);
        }
    }
    if (best.cameo)
        *last = best.last;
    return best.cameo;
}

/* The fixed words of a multi-word verb are right before and after token i. */
static bool S_fixed_words(const nr_doc *d, size_t i, size_t sb, size_t se, const nr_event_word *w,
                          size_t *after)
{
    size_t nb = strlen(w->before), na = strlen(w->after);
    if (nb) {
        size_t words = 1;
        for (size_t k = 0; k < nb; k++)
            words += w->before[k] == ' ';
        if (i < sb + words || S_phrase_at(d, i - words, i, w->before, nb) != words)
            return false;
    }
    size_t took = na ? S_phrase_at(d, i + 1, se, w->after, na) : 0;
    if (na && !took)
        return false;
    *after = i + 1 + took;
    return true;
}

const nr_event_word *nr_verb_entry(const nr_doc *d, size_t i, size_t sb, size_t se,
                                   const nr_event_word *e, size_t n, unsigned *block, size_t *after)
{
    const nr_event_word *ours = NULL, *single = NULL;
    *block = 0;
    *after = i + 1;
    for (size_t k = 0; k < n; k++) {
        if (e[k].noun)
            continue;
        if (!e[k].block) {
            ours = ours ? ours : &e[k];
        } else if (e[k].before[0] || e[k].after[0]) {
            if (ours)
                continue; /* our own verb is coded as ours ("killed and" is "killed") */
            size_t a;
            if (S_fixed_words(d, i, sb, se, &e[k], &a)) {
                /* "pulled back", "shut down": the multi-word verb says more than the word. */
                *block = e[k].block;
                *after = a;
                return &e[k];
            }
        } else if (!single) {
            single = &e[k];
        }
    }
    if (single)
        *block = single->block;
    return ours ? ours : single;
}

/* The discard phrase that starts at token k and whose scope is story (topics false) or a topic
 * (topics true), or NULL. */
static const nr_discard *S_discard_at(const nr_doc *d, size_t k, bool topics)
{
    if (!nr_tok_in(d, k, NR_LEX_DISCARD_FIRSTS) || (d->toks[k].flags & NR_TF_BOILERPLATE))
        return NULL;
    const nr_discard *p;
    size_t n = nr_discards_from(nr_tok_text(d, k), nr_tok_len(d, k), &p);
    size_t se = d->sents[d->toks[k].sentence].tok_end;
    for (size_t j = 0; j < n; j++) {
        bool wanted = topics ? p[j].scope >= NR_DISCARD_SPORT : p[j].scope == NR_DISCARD_STORY;
        if (wanted && S_phrase_at(d, k, se, p[j].phrase, strlen(p[j].phrase)))
            return &p[j];
    }
    return NULL;
}

bool nr_discarded_story(const nr_doc *d)
{
    for (size_t k = 0; k < d->n_toks && d->toks[k].sentence < NR_DISCARD_LEAD; k++) {
        if (S_discard_at(d, k, false))
            return true;
    }
    /* Per topic, the first of its terms the story holds. */
    const nr_discard *seen[NR_DISCARD_ENTERTAINMENT + 1] = {NULL};
    for (size_t k = 0; k < d->n_toks; k++) {
        const nr_discard *p = S_discard_at(d, k, true);
        if (p && seen[p->scope] && seen[p->scope] != p)
            return true;
        if (p && !seen[p->scope])
            seen[p->scope] = p;
    }
    return false;
}
