/* internal.h: what the pipeline stages share and the public API does not show (arena, tokens, lexicons). */
#ifndef NR_INTERNAL_H
#define NR_INTERNAL_H

#include "newsrec.h"

#include <stdbool.h>
#include <string.h>

/* ---- arena.c: bump allocator, one per article ---------------------------------------- */
typedef struct nr_arena nr_arena;

nr_arena *nr_arena_new(void);
void nr_arena_free(nr_arena *a);
/* Returns zeroed memory, or NULL once any allocation has failed (the failure is sticky). */
void *nr_alloc(nr_arena *a, size_t size);
char *nr_strndup(nr_arena *a, const char *s, size_t n);
char *nr_strdup(nr_arena *a, const char *s);
bool nr_arena_failed(const nr_arena *a);

/* Growable array in an arena: items are relocated on growth, so keep indexes, not pointers. */
#define NR_VEC(T)                                                                                  \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t n, cap;                                                                             \
    }
bool nr_vec_grow(nr_arena *a, void **items, size_t *cap, size_t need, size_t item_size);
#define NR_PUSH(arena, vec)                                                                        \
    (nr_vec_grow((arena), (void **)&(vec).items, &(vec).cap, (vec).n + 1, sizeof(*(vec).items))    \
         ? &(vec).items[(vec).n++]                                                                 \
         : NULL)

/* ---- utf8.c --------------------------------------------------------------------------- */
/* Decodes one code point at s[*i] (valid UTF-8 assumed) and advances *i. */
uint32_t nr_utf8_next(const char *s, size_t len, size_t *i);
/* Decodes the code point that ends just before byte i (valid UTF-8 assumed). */
uint32_t nr_utf8_prev(const char *s, size_t i, size_t *start);
/* Length of the longest valid UTF-8 prefix; equals len when all of s is valid. */
size_t nr_utf8_valid_prefix(const unsigned char *s, size_t len);
/* A NUL-terminated copy of s in which each invalid sequence is U+FFFD (Unicode's maximal
 * subparts), or NULL when out of memory. */
char *nr_utf8_repair(nr_arena *a, const char *s, size_t n);
size_t nr_utf8_encode(uint32_t cp, char out[4]);
int64_t nr_utf8_count(const char *s, size_t len);
/* How many bytes of valid UTF-8 s fit in limit UTF-16 code units (how spreadsheets count a
 * cell's characters), cut between code points. */
size_t nr_utf16_fit(const char *s, size_t n, size_t limit);

/* ---- normalize.c: character classes and code-point offsets ---------------------------- */
bool nr_is_letter(uint32_t cp);
bool nr_is_upper(uint32_t cp);
bool nr_is_lower(uint32_t cp);
bool nr_is_digit(uint32_t cp);
bool nr_is_space(uint32_t cp);
bool nr_is_open_quote(uint32_t cp);
bool nr_is_close_quote(uint32_t cp);
bool nr_is_dash(uint32_t cp);
/* Appends the lower-cased, accent-folded form of s to out (ASCII and Latin-1 letters folded). */
char *nr_fold_key(nr_arena *a, const char *s, size_t len);

/* Maps byte offsets of the text to code-point offsets through a sparse checkpoint table. */
typedef struct nr_cpmap {
    const char *text;
    size_t len;
    int64_t *checkpoints; /* code points before byte k * NR_CPMAP_STEP */
} nr_cpmap;
#define NR_CPMAP_STEP 256
bool nr_cpmap_init(nr_cpmap *m, nr_arena *a, const char *text, size_t len);
int64_t nr_cpmap_at(const nr_cpmap *m, size_t byte);
/* Fills both kinds of offsets of a span from byte offsets. */
nr_span nr_make_span(const nr_cpmap *m, size_t bstart, size_t bend);

/* ---- lexicon.c: word lists compiled from data/lexicons ------------------------------- */
/* The order is the list order in tools/genlex.sh. */
typedef enum nr_lexicon_id {
    NR_LEX_STOPWORDS,     /* capitalized at sentence start, never a name */
    NR_LEX_TITLES,        /* honorifics and job titles that precede a name */
    NR_LEX_ABBREVIATIONS, /* words whose period does not end a sentence */
    NR_LEX_ORG_WORDS,     /* words that make a name an organization */
    NR_LEX_LOCATIONS,     /* countries, states, cities */
    NR_LEX_GROUPS,        /* nationalities and collective nouns */
    NR_LEX_FIRST_NAMES,
    NR_LEX_PARTICLES,     /* de, van, bin: lower-case words inside a name */
    NR_LEX_BOILERPLATE,   /* phrases that mark a paragraph as boilerplate */
    NR_LEX_ORGANIZATIONS, /* full names of agencies with "and"/"of" inside */
    NR_LEX_ROLES,         /* role nouns of an apposition after a name */
    NR_LEX_MALE_TITLES,   /* titles that tell a person's gender, for pronouns */
    NR_LEX_FEMALE_TITLES,
    NR_LEX_COMPANY_SUFFIXES, /* Inc, Corp, Ltd: left out of a company's short name */
    NR_LEX_CUE_ADVERBS,      /* "later", "has" between a speaker and the cue */
    NR_LEX_PRONOUNS,         /* personal pronouns that can name a speaker */
    NR_LEX_DETERMINERS,      /* words that open a description of a speaker */
    NR_LEX_NAMING_VERBS,     /* cue lemmas that characterize ("called it “a disaster”") */
    NR_LEX_TEXT_VERBS,       /* cue lemmas that perform a text ("read", "sing"): never reported */
    NR_LEX_TIME_NOUNS,       /* "day", "week": never the head of a speaker's description */
    /* Derived by tools/regen-gazetteers.sh. */
    NR_LEX_COUNTRIES,
    NR_LEX_SUBDIVISIONS, /* states, provinces, counties */
    NR_LEX_CITIES,
    NR_LEX_MALE_NAMES,
    NR_LEX_FEMALE_NAMES,
    NR_LEX_COMMON_WORDS,       /* lower-case dictionary words */
    NR_LEX_PROPER_NOUNS,       /* capitalized dictionary words */
    NR_LEX_QUANTIFIERS,        /* "another", "some": stand alone for people as a speaker */
    NR_LEX_ADJUNCT_OPENERS,    /* "In", "During": open a phrase before the subject */
    NR_LEX_COMPANIES,          /* company and brand names (derived) */
    NR_LEX_AGENCIES,           /* international, non-governmental and non-state bodies (derived) */
    NR_LEX_CLUBS,              /* sports clubs and teams */
    NR_LEX_ORG_NAMES,          /* parties, broadcasters, newspapers, sports bodies, bands */
    NR_LEX_OTHER_NAMES,        /* holidays, awards, events, products: "other" names */
    NR_LEX_NOT_NAMES,          /* capitalized things that are never actors (HIV, DVDs) */
    NR_LEX_COMPANY_NOUNS,      /* "firm", "maker": before a name, say it is an organization */
    NR_LEX_WORK_NOUNS,         /* "film", "album": before a name, say it is the title of a work */
    NR_LEX_WORKS,              /* titles of well-known films (derived) */
    NR_LEX_COMPANY_ATTRIBUTES, /* "shareholders", "profits": after a name, say it is a business */
    NR_LEX_OTHER_HEADS,        /* "Awards", "Act", "Day": last words of "other" names */
    NR_LEX_PLACE_HEADS,        /* "Park", "Road", "Bridge": last words of places and venues */
    NR_LEX_SHOW_NOUNS,         /* "programme", "tournament": after a name, say it is "other" */
    NR_LEX_BROADCASTERS,       /* "BBC One", "Radio 4": channels and networks */
    NR_LEX_OCCUPATIONS,        /* "rapper", "striker": before a name, say it is a person's */
    NR_LEX_PLACE_CLASSES,      /* "countries": before "such as" and a list of names, places */
    NR_LEX_PERSON_CLASSES,     /* "actors": ... persons */
    NR_LEX_BODY_CLASSES,       /* "firms": ... organizations */
    NR_LEX_THING_CLASSES,      /* "films", "festivals": ... other things */
    NR_LEX_STANDARDS,          /* "GPRS", "Bluetooth": technical standards, "other" */
    NR_LEX_SPEECH_FORMS,       /* every form in the speech-verb table (derived, not a file) */
    NR_LEX_EVENT_FORMS,        /* the forms of our event words (derived, not a file) */
    NR_LEX_WORK_STARTS,    /* first words of the film titles in works.txt (derived, not a file) */
    NR_LEX_NAME_STARTS,    /* first tokens of the listed names of several tokens (derived) */
    NR_LEX_CAMEO_FIRSTS,   /* first words of cameo_actors.tsv's names that other lists hold */
    NR_LEX_AGENT_FIRSTS,   /* likewise of cameo_agents.tsv's nouns (both derived, not files) */
    NR_LEX_DISCARD_FIRSTS, /* first words of cameo_discards.tsv's phrases (derived) */
    NR_LEX_CAMEO_FORMS,    /* the forms only cameo_verbs.tsv's verbs have (derived) */
    NR_LEX_COUNT
} nr_lexicon_id;
/* An index built with genindex --ranks keeps list bits below NR_LEX_RANK_SHIFT and, above them,
 * the word's place (24 bits) in each of its first two lists. */
#define NR_LEX_RANK_SHIFT 8
static inline unsigned nr_lex_rank_shift(int list)
{
    return NR_LEX_RANK_SHIFT + 24 * (unsigned)list;
}
static inline size_t nr_lex_rank(uint64_t lists, int list)
{
    return (size_t)(lists >> nr_lex_rank_shift(list) & 0xFFFFFF);
}
/* The lists of the second index (S_cameo in lexicon.c), probed only by the codes stage: the
 * names and nouns, and all their first words. */
enum { NR_CAMEO_NAMES, NR_AGENT_NOUNS, NR_CAMEO_FIRSTS, NR_AGENT_FIRSTS };
/* The second index's lists (bits 1 << the enum above) that hold an exact lower-case phrase. */
uint64_t nr_cameo_lists(const char *phrase, size_t len);

/* Exact lookup of the bytes as given (the lists are lower case). */
bool nr_lex_has(nr_lexicon_id lex, const char *word, size_t len);
/* The lists of place names, as nr_lex_lists bits. */
#define NR_LEX_BIT(id) ((uint64_t)1 << (id))
#define NR_LEX_PLACES                                                                              \
    (NR_LEX_BIT(NR_LEX_COUNTRIES) | NR_LEX_BIT(NR_LEX_SUBDIVISIONS) | NR_LEX_BIT(NR_LEX_CITIES) |  \
     NR_LEX_BIT(NR_LEX_LOCATIONS))
/* The lists that hold word, case-insensitively, as bits (1 << nr_lexicon_id). */
uint64_t nr_lex_lists(const char *word, size_t len);
/* nr_lex_lists, and in *places where the word's rows of the event tables are: its place among
 * the event forms in the low 16 bits (nr_event_form), among the pattern keys in the high 16
 * (nr_pattern_key_of); 0 when not there. */
uint64_t nr_lex_lookup(const char *word, size_t len, uint32_t *places);
/* The hash of the lexicon index (FNV-1a), shared with the tool that builds it; its seed and
 * step are apart so that nr_lex_lists can hash while it lower-cases. */
#define NR_LEX_HASH_SEED 0xcbf29ce484222325ULL
static inline uint64_t nr_lex_hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * 0x100000001b3ULL;
}
static inline uint64_t nr_lex_hash(const char *s, size_t n)
{
    uint64_t h = NR_LEX_HASH_SEED;
    for (size_t i = 0; i < n; i++)
        h = nr_lex_hash_step(h, (unsigned char)s[i]);
    return h;
}
/* genindex --filter also writes one bit per word of the index, at nr_lex_filter_bit of its
 * hash: a word whose bit is clear is in no list, known from a table that stays in the cache
 * where the index it spares a probe of does not. */
#define NR_LEX_FILTER_BITS ((size_t)1 << 20)
static inline size_t nr_lex_filter_bit(uint64_t h)
{
    return (size_t)(h >> 20) & (NR_LEX_FILTER_BITS - 1);
}
/* What an index entry keeps of a word besides the word: 24 bits of its hash and its length, so
 * a probe compares a candidate with one memcmp of the right length. */
static inline uint32_t nr_lex_check(uint64_t h, size_t len)
{
    return (uint32_t)(h >> 40) << 8 | (uint32_t)(len & 0xff);
}
/* A word's first 8 bytes as a number (zero-padded), kept in its index entry: a word of up to 8
 * bytes is matched without reading the string, which would be a second cache miss. */
static inline uint64_t nr_lex_head(const char *s, size_t len)
{
    uint64_t head = 0;
    for (size_t i = 0; i < len && i < 8; i++)
        head |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return head;
}
/* Case-insensitive lookup (ASCII folding). */
bool nr_lex_has_ci(nr_lexicon_id lex, const char *word, size_t len);
size_t nr_lex_size(nr_lexicon_id lex);
const char *nr_lex_item(nr_lexicon_id lex, size_t i);

/* Speech cues: surface form -> lemma. */
const char *nr_speech_lemma(const char *word, size_t len);

/* An event word, one entry of a surface form (nr_event_form finds them): its lemma, its CAMEO
 * code (NULL: an event only through a pattern or a sense) and whether it is a noun ("attack",
 * "talks"). A verb of the CAMEO verb dictionary names its block (from 1; 0 for our own words)
 * and, for a multi-word verb, the words right before and after the form ("cordoned off": "" and
 * "off"). */
typedef struct nr_event_word {
    const char *lemma, *cameo;
    const char *before, *after;
    uint16_t block;
    bool noun;
    bool sensed; /* its lemma has senses in event_senses.tsv */
} nr_event_word;
/* What a word tells the pattern matcher: the pattern key it is (a pattern's longest word or
 * its plural, by number; 0: none) and the synsets (a bit per number) whose phrases it may
 * begin. */
typedef struct nr_pattern_key {
    uint16_t key;
    uint64_t synsets;
} nr_pattern_key;
/* Every entry of a form, given its token's places (nr_lex_lookup), adjacent: nouns, then our
 * verbs, then the dictionary's by block. Sets *first and returns how many entries (0 when the
 * form is no event word). */
size_t nr_event_form(uint32_t places, const nr_event_word **first);
/* What the word at place k among the pattern keys (a token's places >> 16, not 0) tells the
 * pattern matcher. */
const nr_pattern_key *nr_pattern_key_of(uint16_t k);
/* A CAMEO verb pattern (tools/derive_cameo.py documents the syntax): the elements before and
 * after the verb, and the code they give it ("-": no event; "~" first: the target acts). */
typedef struct nr_event_pattern {
    const char *before, *after, *cameo;
    uint64_t starts;  /* nr_word_start_bit of each of its elements that begins with a word */
    uint64_t synsets; /* a bit per synset it names (by number), each begun by a word there */
    uint16_t key;     /* the number of its longest word (0: it has no word), which must be */
    uint8_t key_half; /* in the words before the verb (1) or after it (2) */
} nr_event_pattern;
/* A word's bit of 64, from its first two bytes (lower case): a pattern cannot match a clause
 * that lacks one of its words' bits. tools/genlex.sh computes the same. */
static inline unsigned nr_word_start_bit(unsigned char c0, unsigned char c1)
{
    return (c0 * 31u + c1) % 64u;
}
/* The patterns of a verb block: sets *first and returns how many. */
size_t nr_event_patterns(unsigned block, const nr_event_pattern **first);
/* A phrase of a CAMEO synonym set ("weapon": "rocket", "cruise missile", ...). */
typedef struct nr_event_synset {
    const char *phrase;
    size_t len;
} nr_event_synset;
/* The phrases of synset number k (patterns name a synset "&k"): sets *first and returns how
 * many (0 for no such synset). */
size_t nr_event_synset_phrases(unsigned k, const nr_event_synset **first);
/* A discard phrase ("champions league") and what it keeps from event coding: its sentence or
 * its story (Phoenix.discards.txt), or, with another term of its topic (topic_terms.tsv), its
 * story. */
typedef enum nr_discard_scope {
    NR_DISCARD_SENTENCE,
    NR_DISCARD_STORY,
    NR_DISCARD_SPORT,
    NR_DISCARD_ENTERTAINMENT
} nr_discard_scope;
typedef struct nr_discard {
    const char *phrase;
    nr_discard_scope scope;
} nr_discard;
/* The discard phrases whose first word is the len bytes at word (compared in lower case): sets
 * *first and returns how many. */
size_t nr_discards_from(const char *word, size_t len, const nr_discard **first);
/* The code an event word's lemma takes from a word near it ("held talks"; "<hunger" for the
 * word before), or NULL. */
typedef struct nr_event_sense {
    const char *lemma, *word, *cameo;
} nr_event_sense;
const char *nr_event_sense_code(const char *lemma, const char *word, size_t len);

/* CAMEO actor codes of names, from the Phoenix dictionaries (tools/derive_cameo.py). Days are
 * YYYYMMDD numbers; 0 leaves a range open at that end. A place entry (a country, its people's
 * adjective, its cities) carries its country's bare code. */
/* Codes are kept in the rows rather than pointed to: a pointer in a table is one more relocation
 * when the program starts. */
#define NR_CAMEO_CODE_MAX 15
typedef struct nr_cameo_actor {
    const char *name;
    char code[NR_CAMEO_CODE_MAX + 1];
    uint32_t first, last;
    bool place;
} nr_cameo_actor;
typedef struct nr_cameo_agent {
    const char *noun;                 /* "police" */
    char role[NR_CAMEO_CODE_MAX + 1]; /* "COP" */
} nr_cameo_agent;
typedef struct nr_goldstein {
    const char *code;
    double weight;
} nr_goldstein;
/* The code the dictionaries give a name (lower case, words apart by one space, no periods) on a
 * day (0 when unknown): the entry in force that day, else the entry without dates, else (with no
 * day, or for a place) the latest one. place chooses the place entries, else the others; NULL
 * when none. */
const char *nr_cameo_actor_code(const char *name, size_t len, uint32_t day, bool place);
/* The role code of an agent noun phrase (lower case), or NULL. */
const char *nr_cameo_agent_role(const char *noun, size_t len);
/* The country a code begins with ("SCGSRB": "SCG"), or NULL when it begins with none (IGO, NGO,
 * MNC, ...). */
const char *nr_cameo_country(const char *code);
/* The Goldstein weight of a CAMEO event code, or of the nearest code above it; false if none. */
bool nr_goldstein_of(const char *cameo, double *weight);

/* ---- segment.c: tokens, sentences, paragraphs, article structure --------------------- */
typedef enum nr_tok_kind { NR_TOK_WORD, NR_TOK_NUMBER, NR_TOK_PUNCT } nr_tok_kind;

enum {
    NR_TF_CAP = 1,        /* first character upper-case */
    NR_TF_ALLCAPS = 2,    /* every letter upper-case, at least two letters */
    NR_TF_SENT_START = 4, /* first word token of its sentence */
    NR_TF_OPEN_QUOTE = 8,
    NR_TF_CLOSE_QUOTE = 16,
    NR_TF_BOILERPLATE = 32,
    NR_TF_STRAY_QUOTE =
        64, /* a quotation mark with space on both sides: it opens and closes nothing */
    NR_TF_SINGLE_QUOTE = 128, /* with OPEN/CLOSE_QUOTE: a single mark (‘…’ or '…') */
    NR_TF_QUOTED = 256 /* inside a quotation that closes in its sentence, or its closing mark */
};

typedef struct nr_token {
    size_t b, e; /* byte span */
    nr_tok_kind kind;
    unsigned flags;
    int sentence;
    uint32_t places; /* nr_lex_lookup's places: its rows in the event tables */
    uint64_t lists;  /* a word's lexicons (bit nr_lexicon_id), looked up once, case-insensitive */
} nr_token;

typedef struct nr_sent_info {
    size_t tok_begin, tok_end; /* token index range */
    bool boilerplate;
} nr_sent_info;

/* The working state of one article as it moves through the stages. */
typedef struct nr_doc {
    const nr_ctx *ctx;
    nr_arena *arena;
    nr_article *art;
    nr_cpmap cpmap;
    nr_token *toks;
    size_t n_toks;
    size_t n_lower_words, n_other_words; /* word tokens that begin in lower case; the others */
    nr_sent_info *sents;                 /* parallel to art->sentences */
    int dateline_tok_end;                /* token index just past the dateline, or -1 */
    size_t dateline_b, dateline_e;       /* byte span of the dateline place name */
    size_t nesting, nesting_b; /* the deepest quotation and bracket nesting, and where (byte) */
    bool input_title;          /* the title came with the input, not from the first line */
    int *tok_mention; /* per token: the mention covering it, or -1 (set by the actor stage) */
    NR_VEC(const char *) warnings;
    size_t warnings_dropped; /* past NR_MAX_WARNINGS: counted, not kept */
} nr_doc;

struct nr_ctx {
    nr_limits limits;
    nr_event_scope event_scope;
    const struct nr_attr_model *attr_model; /* NULL: the built-in one; a trainer sets its own */
};

static inline const char *nr_tok_text(const nr_doc *d, size_t i)
{
    return d->art->text + d->toks[i].b;
}
static inline size_t nr_tok_len(const nr_doc *d, size_t i)
{
    return d->toks[i].e - d->toks[i].b;
}
/* Inline so the length of a literal word is known at compile time. */
static inline bool nr_tok_is(const nr_doc *d, size_t i, const char *word)
{
    const char *t = nr_tok_text(d, i);
    if (t[0] != word[0])
        return false; /* most calls end here, before the strlen */
    size_t n = strlen(word);
    return nr_tok_len(d, i) == n && memcmp(t, word, n) == 0;
}
/* Token i is one of the words of a static list (exact bytes). The first byte is compared
 * before the length is measured: most words of a list fail there, and the lists run on every
 * token. */
static inline bool nr_tok_among(const nr_doc *d, size_t i, const char *const *words, size_t n)
{
    const char *t = nr_tok_text(d, i);
    size_t len = nr_tok_len(d, i);
    for (size_t k = 0; k < n; k++) {
        if (len > 0 && words[k][0] == t[0] && strlen(words[k]) == len &&
            memcmp(t, words[k], len) == 0)
            return true;
    }
    return false;
}
#define NR_TOK_AMONG(d, i, words) nr_tok_among((d), (i), (words), sizeof(words) / sizeof *(words))
/* "'s" or "’s", which the tokenizer keeps apart from the word before it. */
static inline bool nr_tok_possessive(const nr_doc *d, size_t i)
{
    return nr_tok_is(d, i, "'s") || nr_tok_is(d, i, "\xE2\x80\x99s");
}
static inline bool nr_tok_is_ci(const nr_doc *d, size_t i, const char *word)
{
    size_t n = strlen(word);
    if (nr_tok_len(d, i) != n)
        return false;
    const char *s = nr_tok_text(d, i);
    for (size_t k = 0; k < n; k++) {
        char c = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
        if (c != word[k])
            return false;
    }
    return true;
}
/* A word token in the given lexicon (case-insensitive). */
bool nr_tok_in(const nr_doc *d, size_t i, nr_lexicon_id lex);
/* nr_speech_lemma of a token, skipping the table search for the words (nearly all) that are no
 * speech verb. */
const char *nr_tok_speech_lemma(const nr_doc *d, size_t i);
/* A punctuation token that is a dash (-, –, —, ―). */
bool nr_tok_is_dash(const nr_doc *d, size_t i);
/* A negated auxiliary: "didn't", "hasn’t". */
bool nr_tok_ends_nt(const nr_doc *d, size_t i);
/* A form of "be" ("is", "was", "been", ...), in any case. */
bool nr_tok_is_be(const nr_doc *d, size_t i);
/* The gender a person is given by a name, a title or a pronoun; the values are bits, so a set of
 * them fits in one byte. */
typedef enum nr_gender {
    NR_GENDER_UNKNOWN = 0,
    NR_GENDER_MALE = 1,
    NR_GENDER_FEMALE = 2
} nr_gender;
/* The gender a third-person pronoun says ("he", "him", "his", "himself"; "she", ...), any case. */
nr_gender nr_tok_pronoun_gender(const nr_doc *d, size_t i);
/* The first token that ends after byte b (binary search); n_toks when there is none. */
size_t nr_tok_at(const nr_doc *d, size_t b);

/* ---- verbs.c: the CAMEO verb dictionary on tokens ------------------------------------------- */
/* The verb entry the word at token i is, of its n entries e (nr_event_form), in sentence
 * [sb, se): our own verb, else a multi-word verb of the dictionary whose fixed words are there
 * ("pulled back"), else the dictionary's verb. *block is the dictionary block whose patterns apply (0: none) and
 * *after the token past the verb and its fixed words. NULL when the word is no verb of either. */
const nr_event_word *nr_verb_entry(const nr_doc *d, size_t i, size_t sb, size_t se,
                                   const nr_event_word *e, size_t n, unsigned *block,
                                   size_t *after);
/* The code the block's patterns give the verb at i whose words end before after: of the
 * patterns whose elements are all found (before the verb, and after it within its clause), the
 * one with the most words, then the one ending nearest. "-" when that pattern codes no event;
 * NULL when none matches. *last is the token past its last word. */
const char *nr_verb_pattern_code(const nr_doc *d, size_t i, size_t after, size_t sb, size_t se,
                                 unsigned block, size_t *last);
/* The story is one the discard lists keep from event coding (sport, entertainment): a story
 * phrase of Phoenix's list is in its title or lead, or two different terms of one topic of
 * topic_terms.tsv are anywhere in it. */
bool nr_discarded_story(const nr_doc *d);

/* ---- tagger.c: name tags from an averaged perceptron ------------------------------------ */
/* BIO tags over four name types; a tag's type is (tag - 1) / 2 and odd tags begin a name. */
typedef enum nr_tag {
    NR_TAG_O,
    NR_TAG_B_PER,
    NR_TAG_I_PER,
    NR_TAG_B_ORG,
    NR_TAG_I_ORG,
    NR_TAG_B_LOC,
    NR_TAG_I_LOC,
    NR_TAG_B_MISC,
    NR_TAG_I_MISC,
    NR_TAG_COUNT
} nr_tag;
#define NR_TAG_MAX_FEATURES 96

/* Adds the weights of n features to scores; the built-in model, or the trainer's own. */
typedef struct nr_tag_model {
    void (*score)(const void *self, const uint64_t *feats, size_t n, float scores[NR_TAG_COUNT]);
    const void *self;
} nr_tag_model;

/* Per-article facts the features read: token hashes and what the article says about each word. */
typedef struct nr_tag_doc nr_tag_doc;

nr_tag_doc *nr_tag_prepare(const nr_doc *d);
/* Whether token i can carry a name tag after prev; all others are tagged O unscored. */
bool nr_tag_candidate(const nr_tag_doc *td, size_t i, nr_tag prev);
bool nr_tag_allowed(nr_tag prev, nr_tag tag);
/* The features of token i in sentence s after the tags prev and prev2; returns their count. */
size_t nr_tag_features(nr_tag_doc *td, size_t s, size_t i, nr_tag prev, nr_tag prev2,
                       uint64_t out[NR_TAG_MAX_FEATURES]);
/* Tags every token of sentence s with the best allowed tag, left to right. */
void nr_tag_sentence(nr_tag_doc *td, size_t s, const nr_tag_model *m, nr_tag *tags);
/* The tagger remembers the kinds it gave each word in the article so far (a feature of later
 * mentions); nr_tag_sentence remembers its own sentence, a trainer that decodes by itself calls
 * nr_tag_remember, and nr_tag_forget starts the article over. */
void nr_tag_remember(nr_tag_doc *td, size_t s, const nr_tag *tags);
void nr_tag_forget(nr_tag_doc *td);
/* The model compiled from data/models/tagger.tsv. */
const nr_tag_model *nr_tag_builtin(void);

/* ---- attribution.c: cues and content ends from averaged perceptrons ------------------- */
#define NR_ATTR_MAX_FEATURES 24

/* The score of n features (above 0: the token opens a cue); the built-in model, or a trainer's. */
typedef struct nr_attr_model {
    float (*score)(const void *self, const uint64_t *feats, size_t n);
    const void *self;
} nr_attr_model;

/* The features of token i (after the actor stage); 0 when it cannot open a cue: not a word, or
 * a word inside a name. */
size_t nr_cue_features(const nr_doc *d, size_t i, uint64_t out[NR_ATTR_MAX_FEATURES]);
/* Whether token i opens an attribution cue ("said", "believes", "according to"), by the
 * context's model. */
bool nr_cue_at(const nr_doc *d, size_t i);
/* The most tokens reported content holds, so that a run-on sentence with a cue every few words
 * costs linear time and output (5 of the 14,489 reported contents of the training files are
 * longer). */
#define NR_ATTR_END_REACH 120
/* The features of token k as the end of reported content that began at token begin after the
 * cue at token cue, with commas commas in [begin, k): above 0, the content ends before k. */
size_t nr_end_features(const nr_doc *d, size_t cue, size_t begin, size_t k, size_t commas,
                       uint64_t out[NR_ATTR_MAX_FEATURES]);
/* Where reported content that began at token begin ends (exclusive), at the latest last or
 * NR_ATTR_END_REACH tokens on: the first token the model ends it before ("…, which", "…,
 * acknowledging"). */
size_t nr_content_end(const nr_doc *d, size_t cue, size_t begin, size_t last);
/* The model compiled from data/models/statements.tsv. */
const nr_attr_model *nr_attr_builtin(void);

/* ---- stages (each reads only what the stages before it produced) --------------------- */
nr_status nr_decode(nr_doc *d, const nr_input *in, nr_error *err);
/* Metadata, decoding and segmentation: what every later stage (and the tagger's trainer) reads. */
nr_status nr_prepare(nr_doc *d, const nr_input *in, nr_error *err);
nr_status nr_segment(nr_doc *d);
nr_status nr_find_actors(nr_doc *d);
nr_status nr_find_statements(nr_doc *d);
nr_status nr_find_events(nr_doc *d);
/* CAMEO codes of the actors (before the events stage, which reads them), then of the events'
 * actors, and the events' Goldstein weights. */
nr_status nr_code_actors(nr_doc *d);
nr_status nr_code_events(nr_doc *d);

/* ---- dates.c ------------------------------------------------------------------------- */
typedef struct nr_date_match {
    size_t b, e; /* byte span of the expression */
    char iso[11];
    nr_precision precision;
} nr_date_match;
/* Finds the first date expression in text[b, e), resolving relative ones against published
 * (ISO or NULL). Returns false when there is none. */
bool nr_find_date(const char *text, size_t b, size_t e, const char *published, nr_date_match *m);
/* A month or a weekday ("Sunday", "april"), in any case. */
bool nr_calendar_word(const char *s, size_t n);

/* ---- strmap.c: string -> int map in an arena (open addressing, linear probing) ----------- */
typedef struct nr_strmap {
    nr_arena *arena;
    const char **keys;
    int *vals;
    size_t cap, n;
} nr_strmap;
void nr_strmap_init(nr_strmap *m, nr_arena *a);
/* Returns the value for key, or -1. */
int nr_strmap_get(const nr_strmap *m, const char *key);
bool nr_strmap_put(nr_strmap *m, const char *key, int val);

/* ---- buf.c --------------------------------------------------------------------------- */
/* A decimal integer, as printf's %lld writes it without a locale. */
void nr_buf_put_int(nr_buf *b, long long v);
/* A number to one decimal place ("-4.4"), the same in every locale. */
#define NR_TENTHS_MAX 24
size_t nr_format_tenths(char out[NR_TENTHS_MAX], double v);
void nr_buf_put_tenths(nr_buf *b, double v);
/* A record id, ARTICLEID-K<index + 1>, as every writer names actors, statements and events. */
void nr_buf_put_id(nr_buf *b, const char *article_id, char kind, int index);
/* The same id in quotes, as JSON writes it. */
void nr_buf_put_ref(nr_buf *b, const char *article_id, char kind, int index);

/* ---- tables.c: the rows of the five tables as typed cells, for the CSV and xlsx writers ---- */
/* The most columns a table has. */
#define NR_MAX_COLUMNS 25
typedef struct nr_cells nr_cells;
struct nr_cells {
    void (*text)(nr_cells *c, const char *s, size_t n); /* s NULL: a cell without a value */
    void (*number)(nr_cells *c, long long v);
    void (*boolean)(nr_cells *c, bool v);
    void (*decimal)(nr_cells *c, double v); /* to one decimal place (a Goldstein weight) */
    void (*end)(nr_cells *c);               /* the row is complete */
    bool failed;                            /* set when a cell could not be built (out of memory) */
};
/* The column names of table t, NULL-terminated. */
const char *const *nr_table_columns(nr_table t);
/* Feeds the article's rows of table t to c, cell by cell, a row at a time. */
void nr_table_rows(nr_cells *c, nr_table t, const nr_article *a);

/* ---- xlsx_check.c -------------------------------------------------------------------- */
/* Whether sheet number `sheet` of the workbook at path is complete XML with `rows` rows; else
 * why not, in why. */
bool nr_xlsx_check_sheet(const char *path, unsigned sheet, uint64_t rows, char *why, size_t size);

/* ---- hash.c -------------------------------------------------------------------------- */
uint64_t nr_hash64(const void *data, size_t len, uint64_t seed);

/* ---- record.c: beside the record model, for every stage and writer ------------------- */
/* Appends a statement's text: its piece, or its pieces joined by " ... ". */
void nr_statement_join(nr_buf *out, const nr_article *a, const nr_statement *s);
/* Adds a warning to the article (at most NR_MAX_WARNINGS; the rest are counted). */
void nr_warn(nr_doc *d, const char *fmt, ...);
/* Hands the warnings to the article, with one that counts those left out. */
void nr_warnings_close(nr_doc *d);

#endif
