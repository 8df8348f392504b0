/* actors.c: tagged names -> typed mentions with titles -> one actor per entity (aliases, acronyms,
 * pronouns). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A pronoun looks back at most this many sentences for a person. */
#define NR_PRONOUN_WINDOW 3
/* Acronyms are 2 to this many capital letters. */
#define NR_MAX_ACRONYM 6
/* A title before a name has at most this many words ("Acting Assistant Attorney General"). */
#define NR_MAX_TITLE_WORDS 5
/* An apposition that gives a role ("chairman and chief executive of X") has at most this many
 * tokens. */
#define NR_MAX_APPOSITION 10

/* Lists of names of organizations and of other things, as nr_lex_lists bits. */
#define NR_LEX_ORG_LISTS                                                                           \
    (NR_LEX_BIT(NR_LEX_COMPANIES) | NR_LEX_BIT(NR_LEX_AGENCIES) | NR_LEX_BIT(NR_LEX_CLUBS) |       \
     NR_LEX_BIT(NR_LEX_ORG_NAMES) | NR_LEX_BIT(NR_LEX_BROADCASTERS))
#define NR_LEX_NAMED_LISTS (NR_LEX_ORG_LISTS | NR_LEX_BIT(NR_LEX_OTHER_NAMES))

typedef struct S_span {
    size_t tb, te;
} S_span;

typedef struct S_mention {
    size_t b, e;   /* name bytes */
    size_t tb, te; /* name tokens */
    const char *title;
    nr_kind kind;
    nr_form form;
    int sentence;
    int actor;
    bool sure;   /* the context says the kind: "Mr Ray", "games maker Nintendo" */
    bool rolled; /* one of a team sheet's names, typed as most of them */
} S_mention;

typedef struct S_actor {
    nr_kind kind;
    const char *name, *key, *title;
    NR_VEC(const char *) aliases;
    int votes[NR_OTHER + 1];      /* the kinds its name mentions were tagged with */
    int full_votes[NR_OTHER + 1]; /* the same for names of several words */
    int sure_votes[NR_OTHER + 1]; /* the same for mentions whose context says the kind */
    bool rolled;                  /* named in a team sheet of its kind */
    nr_gender gender;
    bool given; /* a name of several words was seen: given_tok is its first word */
    size_t given_tok;
    bool person_shaped; /* its full name, taken for a body or a place, reads as a person's */
} S_actor;

typedef struct S_state {
    nr_doc *d;
    NR_VEC(S_mention) ms;
    NR_VEC(S_actor) actors;
    nr_strmap by_key;               /* full key -> actor */
    nr_strmap by_compact;           /* key without spaces and punctuation ("timewarner") -> actor */
    nr_strmap by_last;              /* last name token key -> person actor */
    nr_strmap by_body_last;         /* last word of a body's name -> that body ("Forest") */
    nr_strmap by_initials;          /* initials of an organization or event -> actor ("CES") */
    NR_VEC(S_span) works;           /* titles of works found after a work noun, as token spans */
    bool *in_work;                  /* per token: inside the title of a work */
    bool *in_roll;                  /* per token: a name of a team sheet, of its kind */
    NR_VEC(size_t) common_acronyms; /* tokens of acronyms of common nouns ("RPG") */
} S_state;

static bool S_is_acronym(const nr_doc *d, size_t tb, size_t te)
{
    return te == tb + 1 && (d->toks[tb].flags & NR_TF_ALLCAPS) &&
           nr_tok_len(d, tb) <= NR_MAX_ACRONYM;
}

static const char *S_text(const nr_doc *d, size_t tb, size_t te)
{
    return nr_strndup(d->arena, d->art->text + d->toks[tb].b, d->toks[te - 1].e - d->toks[tb].b);
}

static bool S_cap_word(const nr_doc *d, size_t k)
{
    return d->toks[k].kind == NR_TOK_WORD && (d->toks[k].flags & NR_TF_CAP);
}

/* The kind of name a tag opens or continues (person, organization, place, other), or -1. */
static int S_type(nr_tag t)
{
    return t == NR_TAG_O ? -1 : ((int)t - 1) / 2;
}

/* The lists that hold the name of tokens [b, e): a one-word name's were looked up with its
 * token. */
static uint64_t S_span_lists(const nr_doc *d, size_t b, size_t e)
{
    return e == b + 1 ? d->toks[b].lists
                      : nr_lex_lists(nr_tok_text(d, b), d->toks[e - 1].e - d->toks[b].b);
}

static bool S_add_mention(S_state *st, size_t tb, size_t te, const char *title, nr_kind kind)
{
    S_mention *m = NR_PUSH(st->d->arena, st->ms);
    if (!m)
        return false;
    *m = (S_mention){st->d->toks[tb].b, st->d->toks[te - 1].e,    tb, te,    title, kind,
                     NR_NAME,           st->d->toks[tb].sentence, -1, false, false};
    return true;
}

/* ---- titles ---------------------------------------------------------------------------- */

/* A title word, or the period of an abbreviated one ("Sen."). */
static bool S_title_token(const nr_doc *d, size_t i)
{
    if (nr_tok_is(d, i, "."))
        return i > 0 && d->toks[i - 1].e == d->toks[i].b && nr_tok_in(d, i - 1, NR_LEX_TITLES);
    return nr_tok_in(d, i, NR_LEX_TITLES);
}

/* Title words right before a name ("Mayor", "former president", "Sen."); returns where they start.
 */
static size_t S_title_before(const nr_doc *d, size_t tb, size_t sent_begin)
{
    size_t k = tb, words = 0;
    while (k > sent_begin && words < NR_MAX_TITLE_WORDS && S_title_token(d, k - 1)) {
        k--;
        words += d->toks[k].kind == NR_TOK_WORD;
    }
    while (k < tb && nr_tok_is(d, k, "."))
        k++;
    return k;
}

/* "Richard Parsons, chairman and chief executive of Time Warner," and "Flynn, a top Trump
 * surrogate,": a short phrase between commas (or before the sentence end) that names a role. */
static const char *S_apposition(const nr_doc *d, size_t te, size_t sent_end)
{
    if (te + 1 >= sent_end || !nr_tok_is(d, te, ","))
        return NULL;
    size_t b = te + 1;
    if (nr_tok_is_ci(d, b, "a") || nr_tok_is_ci(d, b, "an") || nr_tok_is_ci(d, b, "the"))
        b++;
    if (b >= sent_end || d->toks[b].kind != NR_TOK_WORD || (d->toks[b].flags & NR_TF_CAP) ||
        nr_tok_in(d, b, NR_LEX_STOPWORDS))
        return NULL;
    size_t e = b;
    bool role = false;
    while (e < sent_end && e - b < NR_MAX_APPOSITION && d->toks[e].kind != NR_TOK_PUNCT) {
        role = role || nr_tok_in(d, e, NR_LEX_ROLES);
        e++;
    }
    bool closed = e == sent_end || nr_tok_is(d, e, ",") || nr_tok_is(d, e, ".");
    return role && closed ? S_text(d, b, e) : NULL;
}

/* ---- names from the tagger ------------------------------------------------------------- */

/* MISC names that are peoples ("West Indian", "Hungarians", "Democrats") form groups; the rest
 * (events, languages, products) are kept as "other". */
static nr_kind S_misc_kind(const nr_doc *d, size_t te)
{
    return nr_tok_in(d, te - 1, NR_LEX_GROUPS) ? NR_GROUP : NR_OTHER;
}

static nr_kind S_tag_kind(nr_tag begin)
{
    switch (begin) {
    case NR_TAG_B_PER: return NR_PERSON;
    case NR_TAG_B_ORG: return NR_ORGANIZATION;
    case NR_TAG_B_LOC: return NR_LOCATION;
    default: return NR_OTHER;
    }
}

static bool S_in_dateline(const nr_doc *d, size_t i)
{
    return d->dateline_tok_end >= 0 && i < (size_t)d->dateline_tok_end &&
           d->toks[i].b < d->dateline_e;
}

/* "Officials in Denver said": a lone word the tagger took for a person, but which follows a
 * locative preposition and is a known place, is the place (even if it is also a given name). */
static bool S_place_after_preposition(const nr_doc *d, size_t tb, size_t te, size_t sent_begin)
{
    static const char *const preps[] = {"in", "at", "from", "near", "outside", "across", "of"};
    if (te != tb + 1 || tb == sent_begin)
        return false;
    if (!(d->toks[tb].lists & NR_LEX_PLACES))
        return false;
    return NR_TOK_AMONG(d, tb - 1, preps);
}

/* "born in Tredegar", "the town of Tredegar": words before a name that only a place follows,
 * whether or not the lists know it. A date may stand between "born" and "in". */
#define NR_MAX_BIRTH_GAP 6
static bool S_place_cue(const nr_doc *d, size_t tb, size_t sent_begin)
{
    static const char *const nouns[] = {"town", "village", "city", "suburb", "province"};
    if (tb < sent_begin + 2)
        return false;
    if (nr_tok_is(d, tb - 1, "in")) {
        /* "born in Tredegar", "Born in 1942 in Tredegar" */
        for (size_t k = tb - 1; k > sent_begin && tb - k <= NR_MAX_BIRTH_GAP; k--) {
            if (nr_tok_is_ci(d, k - 1, "born"))
                return true;
            if (d->toks[k - 1].kind == NR_TOK_PUNCT)
                return false;
        }
        return false;
    }
    return nr_tok_is(d, tb - 1, "of") && NR_TOK_AMONG(d, tb - 2, nouns);
}

/* "New Zealander Graham Henry", "Australian Tom Moody": the nationality before a person's name,
 * in tokens (0: none); it describes the person and is not part of the name. */
#define NR_MAX_NATIONALITY 3
static size_t S_nationality_before(const nr_doc *d, size_t tb, size_t te)
{
    size_t best = 0;
    for (size_t n = 1; n <= NR_MAX_NATIONALITY && tb + n < te; n++) {
        size_t len = d->toks[tb + n - 1].e - d->toks[tb].b;
        if (nr_lex_has_ci(NR_LEX_GROUPS, nr_tok_text(d, tb), len))
            best = n;
    }
    return best;
}

/* "Oscar-nominated", "Tarantino-directed", "EU-wide": a word whose last hyphenated part is in
 * lower case is an adjective made from a name, not a name. */
static bool S_hyphen_adjective(const nr_doc *d, size_t i)
{
    const char *t = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i), k = n;
    while (k > 0 && t[k - 1] >= 'a' && t[k - 1] <= 'z')
        k--;
    return k > 1 && k + 2 <= n && t[k - 1] == '-';
}

/* Things that look like names but never are actors: a listed one ("HIV", "DVD"), an adjective
 * made from a name, or an acronym in the plural ("PCs", "MPs"). */
static bool S_not_a_name(const nr_doc *d, size_t tb, size_t te)
{
    size_t len = d->toks[te - 1].e - d->toks[tb].b;
    if (nr_lex_has_ci(NR_LEX_NOT_NAMES, nr_tok_text(d, tb), len))
        return true;
    if (te == tb + 1 && S_hyphen_adjective(d, tb))
        return true;
    const char *t = nr_tok_text(d, tb);
    if (te != tb + 1 || len < 3 || t[len - 1] != 's')
        return false;
    for (size_t k = 0; k + 1 < len; k++) {
        if (t[k] < 'A' || t[k] > 'Z')
            return false;
    }
    return true;
}

static bool S_nationality(const nr_doc *d, size_t tb, size_t te)
{
    uint64_t lists = S_span_lists(d, tb, te);
    if (te == tb + 1 && !(lists & NR_LEX_ORG_LISTS)) {
        const char *w = nr_tok_text(d, tb), *dash = memchr(w, '-', nr_tok_len(d, tb));
        size_t rest = dash ? nr_tok_len(d, tb) - (size_t)(dash + 1 - w) : 0;
        if (rest > 0 && nr_lex_has_ci(NR_LEX_GROUPS, dash + 1, rest))
            return true; /* "US-German carmaker", "Anglo-Dutch" */
    }
    return (lists & NR_LEX_BIT(NR_LEX_GROUPS)) && !(lists & NR_LEX_ORG_LISTS);
}

/* "the film 'Ray'": a name that is the whole of a quotation is a title of a work. */
static bool S_quoted_title(const nr_doc *d, const nr_sent_info *s, size_t tb, size_t te)
{
    return tb > s->tok_begin && te < s->tok_end && (d->toks[tb - 1].flags & NR_TF_OPEN_QUOTE) &&
           (d->toks[te].flags & NR_TF_CLOSE_QUOTE);
}

/* "DaimlerChrysler", "PlayStation": a capital inside a word after at least three lower-case
 * letters joins two names into a brand; "McManus", "DiCaprio" and "MacDonald" stay names. */
static bool S_camel_case(const nr_doc *d, size_t i)
{
    const char *t = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i), lower = 0;
    for (size_t k = 1; k < n; k++) {
        if (t[k] >= 'a' && t[k] <= 'z')
            lower++;
        else if (t[k] >= 'A' && t[k] <= 'Z')
            return lower >= 3 && strncmp(t, "Fitz", 4) != 0;
        else
            return false;
    }
    return false;
}

/* "Jolt.co.uk", "Shopping.com": a name that ends in a web address names the site and the body
 * behind it, never a person or a place. */
static bool S_web_address(const nr_doc *d, size_t te)
{
    static const char *const ends[] = {".com", ".co.uk", ".net", ".org"};
    const char *t = nr_tok_text(d, te - 1);
    size_t n = nr_tok_len(d, te - 1);
    if (n < 5 || !memchr(t, '.', n))
        return false;
    for (size_t x = 0; x < sizeof ends / sizeof *ends; x++) {
        size_t m = strlen(ends[x]);
        if (n > m && strncasecmp(t + n - m, ends[x], m) == 0)
            return true;
    }
    return false;
}

static bool S_based_word(const nr_doc *d, size_t k)
{
    size_t len = nr_tok_len(d, k);
    return len > 6 && strncasecmp(nr_tok_text(d, k) + len - 6, "-based", 6) == 0;
}

/* "Bergamo-based Atalanta": the place word glued to "-based" describes the name after it. */
static bool S_based_prefix(const nr_doc *d, size_t tb, size_t te)
{
    return te > tb + 1 && S_based_word(d, tb);
}

/* "Rock star Ozzy Osbourne", "Rock band U2" opening a sentence: a dictionary word, capitalized
 * only because it comes first, before a role or a kind of body and a name, describes that name. */
static bool S_describing_word(const nr_doc *d, const nr_sent_info *s, size_t tb, size_t te)
{
    if (te != tb + 1 || tb != s->tok_begin || te + 1 >= s->tok_end ||
        !nr_tok_in(d, tb, NR_LEX_COMMON_WORDS) || (d->toks[te].flags & NR_TF_CAP) ||
        !(d->toks[te + 1].flags & NR_TF_CAP))
        return false;
    uint64_t nouns = NR_LEX_BIT(NR_LEX_ROLES) | NR_LEX_BIT(NR_LEX_TITLES) |
                     NR_LEX_BIT(NR_LEX_COMPANY_NOUNS) | NR_LEX_BIT(NR_LEX_WORK_NOUNS);
    return (d->toks[te].lists & nouns) != 0;
}

/* A job title and a capitalized word right after a name ("boss Mikhail Khodorkovsky",
 * "champion Albert Costa"): the name is where that person works or what they won. */
static bool S_role_then_name(const nr_doc *d, const nr_sent_info *s, size_t te)
{
    uint64_t jobs = NR_LEX_BIT(NR_LEX_TITLES) | NR_LEX_BIT(NR_LEX_ROLES);
    size_t k = te;
    /* "chief executive Giuseppe Morchio": a title of two words */
    while (k + 1 < s->tok_end && k < te + 2 && !(d->toks[k].flags & NR_TF_CAP) &&
           (d->toks[k].lists & jobs) && !nr_tok_in(d, k, NR_LEX_WORK_NOUNS))
        k++;
    return k > te && k < s->tok_end && (d->toks[k].flags & NR_TF_CAP) &&
           d->toks[k].kind == NR_TOK_WORD;
}

/* "Yukos boss Mikhail Khodorkovsky", "Chelsea manager Jose Mourinho": a one-word name before a
 * job title and a person's name is where that person works, not a person; "Yukos shareholders"
 * and "Sony's profits" name a business. */
static bool S_employer(const nr_doc *d, const nr_sent_info *s, size_t tb, size_t te)
{
    size_t k = te;
    if (k < s->tok_end && nr_tok_possessive(d, k))
        k++;
    if (k < s->tok_end && !(d->toks[k].flags & NR_TF_CAP) &&
        nr_tok_in(d, k, NR_LEX_COMPANY_ATTRIBUTES))
        return true;
    return te == tb + 1 && S_role_then_name(d, s, te);
}

/* A word of an expansion that need not give the acronym a letter: "weapons of mass destruction
 * (WMD)". */
static bool S_small_word(const char *w, size_t n)
{
    static const char *const small[] = {"a", "and", "for", "in", "of", "on", "the", "to"};
    for (size_t k = 0; k < sizeof small / sizeof *small; k++) {
        if (strlen(small[k]) == n && memcmp(small[k], w, n) == 0)
            return true;
    }
    return false;
}

/* "a role-playing game (RPG)", "gross domestic product (GDP)": an acronym in brackets right after
 * lower-case words whose initials spell it shortens a common noun, and names nothing. */
static bool S_common_acronym_defined(const nr_doc *d, const nr_sent_info *s, size_t tb)
{
    if (tb < s->tok_begin + 2 || !nr_tok_is(d, tb - 1, "("))
        return false;
    const char *text = d->art->text, *acr = nr_tok_text(d, tb);
    size_t lo = d->toks[s->tok_begin].b, p = d->toks[tb - 1].b, left = nr_tok_len(d, tb);
    while (left > 0) {
        while (p > lo && (text[p - 1] == ' ' || text[p - 1] == '-'))
            p--;
        size_t we = p;
        while (p > lo && text[p - 1] >= 'a' && text[p - 1] <= 'z')
            p--;
        if (p == we || (p > lo && text[p - 1] != ' ' && text[p - 1] != '-'))
            return false; /* a capitalized word, a digit: a name's expansion, or none */
        if (text[p] == (acr[left - 1] | 0x20))
            left--;
        else if (!S_small_word(text + p, we - p))
            return false;
    }
    return true;
}

/* An acronym of a common noun: one this article defined before ("an RPG which allows"), or
 * one being defined here. */
static bool S_common_acronym(S_state *st, const nr_sent_info *s, size_t tb, size_t te, bool *err)
{
    const nr_doc *d = st->d;
    if (!S_is_acronym(d, tb, te))
        return false;
    for (size_t k = 0; k < st->common_acronyms.n; k++) {
        size_t a = st->common_acronyms.items[k];
        if (nr_tok_len(d, a) == nr_tok_len(d, tb) &&
            memcmp(nr_tok_text(d, a), nr_tok_text(d, tb), nr_tok_len(d, tb)) == 0)
            return true;
    }
    if (!S_common_acronym_defined(d, s, tb))
        return false;
    size_t *slot = NR_PUSH(d->arena, st->common_acronyms);
    if (!slot)
        *err = true;
    else
        *slot = tb;
    return true;
}

/* "La Escondida, the world's largest copper mine," and "Bhs, the retailer": the kind named by
 * the last word of a description between commas after a name (-1: none). */
static int S_apposition_kind(const nr_doc *d, size_t te, size_t sent_end)
{
    if (te + 2 >= sent_end || !nr_tok_is(d, te, ",") ||
        !(nr_tok_is_ci(d, te + 1, "a") || nr_tok_is_ci(d, te + 1, "an") ||
          nr_tok_is_ci(d, te + 1, "the")))
        return -1;
    size_t e = te + 2;
    while (e < sent_end && e - te <= NR_MAX_APPOSITION &&
           ((d->toks[e].kind == NR_TOK_WORD && !nr_tok_in(d, e, NR_LEX_STOPWORDS)) ||
            nr_tok_possessive(d, e)))
        e++; /* "the UN satellite mapping organisation" */
    /* The head is the last word before a comma, a preposition or "that" ("the godfather of the
     * group" is a godfather); "At Gatwick, the company has" is no description. */
    static const char *const ends[] = {",",     ".",     "-",     ";",    "of",     "in",
                                       "at",    "for",   "with",  "from", "that",   "which",
                                       "whose", "owned", "based", "run",  "founded"};
    bool closed = e == sent_end || NR_TOK_AMONG(d, e, ends);
    if (!closed || e == te + 2 || d->toks[e - 1].kind != NR_TOK_WORD ||
        (d->toks[e - 1].flags & NR_TF_CAP))
        return -1; /* the head is a noun in lower case */
    if (nr_tok_in(d, e - 1, NR_LEX_PLACE_HEADS))
        return NR_LOCATION;
    uint64_t bodies = NR_LEX_BIT(NR_LEX_COMPANY_NOUNS) | NR_LEX_BIT(NR_LEX_ORG_WORDS);
    return (d->toks[e - 1].lists & bodies) ? NR_ORGANIZATION : -1;
}

/* A given name, also one that names a place ("Charlotte"). */
static bool S_first_name(const nr_doc *d, size_t k)
{
    uint64_t names = NR_LEX_BIT(NR_LEX_FIRST_NAMES) | NR_LEX_BIT(NR_LEX_MALE_NAMES) |
                     NR_LEX_BIT(NR_LEX_FEMALE_NAMES);
    return (d->toks[k].lists & names) != 0;
}

/* A given name that names no place: "Doris Day" and "Nathan Lane" are people, "Geneva Motor
 * Show" is not. */
static bool S_given_name(const nr_doc *d, size_t k)
{
    return S_first_name(d, k) && !(d->toks[k].lists & NR_LEX_PLACES);
}

/* A name nobody lists, whose own words say what it is: "Academy Awards", "Sarbanes-Oxley Act"
 * and "Boxing Day" are other things, "Croke Park" and "Elland Road" places; "League Against
 * Cruel Sports", and "United States Anti-Doping Agency" or "Sony Pictures" taken for a place or
 * a person, are organizations. A person's name stays one ("Doris Day", "Charlotte Church"), a
 * listed name keeps its list's kind ("Linkin Park", "Green Day"), and a body named after a
 * place keeps the tagger's ("University of the Highlands and Islands"). */
static nr_kind S_head_kind(const nr_doc *d, size_t nb, size_t te, uint64_t whole, nr_kind kind)
{
    if (te < nb + 2 || kind == NR_GROUP || !(d->toks[te - 1].flags & NR_TF_CAP) ||
        (te == nb + 2 && S_given_name(d, nb)) ||
        (nr_tok_in(d, nb, NR_LEX_ORG_WORDS) && nr_tok_is(d, nb + 1, "of")) ||
        (whole & (NR_LEX_NAMED_LISTS | NR_LEX_PLACES)))
        return kind;
    if (nr_tok_in(d, te - 1, NR_LEX_OTHER_HEADS))
        return NR_OTHER;
    if (nr_tok_in(d, te - 1, NR_LEX_PLACE_HEADS))
        return NR_LOCATION;
    bool body_for = te >= nb + 3 && nr_tok_in(d, nb, NR_LEX_ORG_WORDS) &&
                    (nr_tok_is_ci(d, nb + 1, "for") || nr_tok_is_ci(d, nb + 1, "against"));
    if (body_for)
        return NR_ORGANIZATION; /* "League Against Cruel Sports", "Institute for Fiscal Studies" */
    /* "South Bank" and "Trafford Centre" are places, though banks and centres are bodies. */
    bool place_too = nr_tok_is_ci(d, te - 1, "bank") || nr_tok_is_ci(d, te - 1, "centre") ||
                     nr_tok_is_ci(d, te - 1, "center");
    /* "Greek Parliament", "Dutch Olympic Committee": a people's adjective made the tagger call
     * the body a thing; a league is left alone, a competition as much as a body. */
    bool peoples_body =
        kind == NR_OTHER && nr_tok_in(d, nb, NR_LEX_GROUPS) && !nr_tok_is_ci(d, te - 1, "league");
    bool retype =
        kind == NR_LOCATION || (kind == NR_PERSON && !S_first_name(d, nb)) || peoples_body;
    return retype && !place_too && nr_tok_in(d, te - 1, NR_LEX_ORG_WORDS) ? NR_ORGANIZATION : kind;
}

/* "Motorola's MPx", "Nintendo's GameBoy Advance", "Green Day's American Idiot": after a listed
 * body's "'s", a name that no list knows, opens with no given name and ends in no body's word is
 * the body's product or work, not another body ("Altria's Philip Morris", "Pearson's Financial
 * Times" stay bodies). */
static bool S_owned_thing(const S_state *st, const nr_sent_info *s, size_t nb, size_t te,
                          uint64_t whole)
{
    const nr_doc *d = st->d;
    if (nb < s->tok_begin + 2 || !nr_tok_possessive(d, nb - 1) || st->ms.n == 0)
        return false;
    const S_mention *owner = &st->ms.items[st->ms.n - 1];
    uint64_t heads = NR_LEX_BIT(NR_LEX_ORG_WORDS) | NR_LEX_BIT(NR_LEX_COMPANY_SUFFIXES);
    uint64_t lists = S_span_lists(d, owner->tb, owner->te);
    return owner->te + 1 == nb && owner->kind == NR_ORGANIZATION && (lists & NR_LEX_ORG_LISTS) &&
           !(lists & NR_LEX_BIT(NR_LEX_CLUBS)) && !S_first_name(d, nb) &&
           !(whole & (NR_LEX_NAMED_LISTS | NR_LEX_PLACES)) && !(d->toks[te - 1].lists & heads);
}

/* "the Today programme", "the Uncle Toby's Hardcourts tournament": a name nobody lists before a
 * noun of broadcasting or competition names the show. "a BBC programme" names its maker, as do
 * listed names and a person's name ("the Jeremy Vine show"). */
static bool S_show_name(const nr_doc *d, const nr_sent_info *s, size_t nb, size_t te,
                        uint64_t whole)
{
    if (te >= s->tok_end || (d->toks[te].flags & NR_TF_CAP) ||
        !nr_tok_in(d, te, NR_LEX_SHOW_NOUNS) || S_given_name(d, nb))
        return false;
    if (nb > s->tok_begin && (nr_tok_is_ci(d, nb - 1, "a") || nr_tok_is_ci(d, nb - 1, "an")))
        return false;
    return !(whole & (NR_LEX_NAMED_LISTS | NR_LEX_PLACES | NR_LEX_BIT(NR_LEX_GROUPS)));
}

/* "the Guardian newspaper", "Macworld magazine", "the Bhs chain": a noun right after a name
 * that only a business is; wider nouns mislead ("Western firms", "Islamic bank", "the Live Aid
 * charity concert", "the Champions League group"). */
static bool S_business_noun_after(const nr_doc *d, const nr_sent_info *s, size_t te)
{
    static const char *const nouns[] = {"newspaper", "tabloid", "magazine", "retailer",
                                        "chain",     "airline", "brewer",   "publisher"};
    return te < s->tok_end && NR_TOK_AMONG(d, te, nouns);
}

/* "Bolton boss Sam Allardyce", "the Leicester lock": a town's name before a word for a club's
 * people is the club's; a nation's or a region's stays a place ("England coach"), as CoNLL
 * tags national teams. */
static bool S_club_people_after(const nr_doc *d, const nr_sent_info *s, size_t te, uint64_t whole)
{
    static const char *const people[] = {
        "boss",       "manager",    "coach",  "striker",    "midfielder", "defender",
        "goalkeeper", "keeper",     "winger", "captain",    "skipper",    "lock",
        "prop",       "flanker",    "hooker", "fly-half",   "scrum-half", "full-back",
        "tight-head", "loose-head", "fans",   "supporters", "squad",      "chairman"};
    bool region = (whole & NR_LEX_PLACES) && !(whole & NR_LEX_BIT(NR_LEX_CITIES));
    return te < s->tok_end && NR_TOK_AMONG(d, te, people) && !region &&
           !nr_tok_in(d, te - 1, NR_LEX_COUNTRIES); /* "Republic of Ireland manager": a nation */
}

/* "the billionaire Bhs owner": a name nobody lists as a place, before its owner or its
 * shareholders, is a business ("Longbridge plant" and "High Street stores" are places). */
static bool S_owned(const nr_doc *d, const nr_sent_info *s, size_t tb, size_t te)
{
    static const char *const owners[] = {"owner", "owners", "shareholder", "shareholders"};
    return te < s->tok_end && !(S_span_lists(d, tb, te) & NR_LEX_PLACES) &&
           NR_TOK_AMONG(d, te, owners);
}

/* "J Johnson (Herne Hill Harriers)": a name in brackets right after a person's, in a team list,
 * is their club; a place ("C Latham (Australia)") stays the place. */
static bool S_bracketed_club(const S_state *st, const nr_sent_info *s, size_t tb, size_t te,
                             nr_kind kind)
{
    const nr_doc *d = st->d;
    if (tb < s->tok_begin + 2 || te >= s->tok_end || !nr_tok_is(d, tb - 1, "(") ||
        !nr_tok_is(d, te, ")") || st->ms.n == 0)
        return false;
    const S_mention *prev = &st->ms.items[st->ms.n - 1];
    uint64_t whole = S_span_lists(d, tb, te);
    uint64_t regions = NR_LEX_PLACES & ~NR_LEX_BIT(NR_LEX_CITIES); /* "S Bennett (Kent)" */
    if (prev->te + 1 != tb || prev->kind != NR_PERSON || (whole & regions) ||
        (d->toks[tb].flags & NR_TF_ALLCAPS))
        return false;
    /* Award lists bracket films after full names ("Romola Garai (Calico)"); team lists write
     * "G Duffy" or "Duffy", not "John (Kirwan)", and name a club by its town ("H Ellis
     * (Leicester)"), a referee by his county. A person's name in brackets stays one unless it
     * opens with neither a given name nor a dictionary word ("Herne Hill Harriers"). */
    bool team_list = (prev->te == prev->tb + 1 && !S_first_name(d, prev->tb)) ||
                     (prev->te == prev->tb + 2 && nr_tok_len(d, prev->tb) == 1);
    uint64_t plain = NR_LEX_BIT(NR_LEX_COMMON_WORDS);
    return team_list &&
           (kind == NR_LOCATION || (kind == NR_PERSON && te > tb + 1 && !S_first_name(d, tb) &&
                                    !(d->toks[tb].lists & plain)));
}

/* "Tory MP Michael Mates": a capitalized title ending a name, right before another capitalized
 * word, is the next person's title. */
static bool S_trailing_title(const nr_doc *d, const nr_sent_info *s, size_t te)
{
    return te < s->tok_end && S_cap_word(d, te) && (d->toks[te - 1].flags & NR_TF_CAP) &&
           nr_tok_in(d, te - 1, NR_LEX_TITLES) && !nr_tok_in(d, te - 1, NR_LEX_ORG_WORDS);
}

/* "former", "first": words listed with titles that, alone before a name, only describe it
 * ("the first Grammy of his career", "former Fiat"). */
static bool S_adjective_title(const nr_doc *d, size_t before, size_t tb)
{
    static const char *const adjectives[] = {"first", "former", "late", "ex"};
    for (size_t k = before; k < tb; k++) {
        if (!NR_TOK_AMONG(d, k, adjectives))
            return false;
    }
    return true;
}

/* "sitcom, The World According to Bex", "Gibson's The Passion of the Christ": a capitalized
 * "The" inside a sentence, left out of the name after it, marks the title of a work; a listed
 * name ("The Independent") and a body's name ("The Travel Partnership") keep their kind. */
static bool S_the_title(const nr_doc *d, const nr_sent_info *s, size_t nb, size_t te)
{
    if (nb < s->tok_begin + 2 || !nr_tok_is(d, nb - 1, "The"))
        return false;
    const nr_token *p = &d->toks[nb - 2];
    bool inside = (p->kind == NR_TOK_WORD && !(p->flags & NR_TF_CAP)) ||
                  nr_tok_is(d, nb - 2, ",") || nr_tok_is(d, nb - 2, "-") ||
                  nr_tok_possessive(d, nb - 2);
    uint64_t known = NR_LEX_NAMED_LISTS | NR_LEX_PLACES | NR_LEX_BIT(NR_LEX_GROUPS);
    uint64_t body = NR_LEX_BIT(NR_LEX_ORG_WORDS) | NR_LEX_BIT(NR_LEX_COMPANY_SUFFIXES) |
                    NR_LEX_BIT(NR_LEX_GROUPS);
    return inside && !(S_span_lists(d, nb - 1, te) & known) && !(S_span_lists(d, nb, te) & known) &&
           !(d->toks[te - 1].lists & body);
}

/* "rapper", "DJ", a sentence's first "Striker": an occupation, in lower case, in capitals or
 * capitalized as the sentence's first word (`occupations.txt`). */
static bool S_occupation_at(const nr_doc *d, const nr_sent_info *s, size_t k)
{
    uint16_t flags = d->toks[k].flags;
    return nr_tok_in(d, k, NR_LEX_OCCUPATIONS) &&
           (!(flags & NR_TF_CAP) || (flags & NR_TF_ALLCAPS) || k == s->tok_begin);
}

/* Tokens [b, e) may be a person's name: no list knows them as a body, place, people or thing,
 * and the last word ends no body's, place's or event's name ("striker Chelsea" is no one). */
static bool S_could_be_person(const nr_doc *d, size_t b, size_t e)
{
    uint64_t known = NR_LEX_NAMED_LISTS | NR_LEX_PLACES | NR_LEX_BIT(NR_LEX_GROUPS);
    uint64_t heads = NR_LEX_BIT(NR_LEX_ORG_WORDS) | NR_LEX_BIT(NR_LEX_PLACE_HEADS) |
                     NR_LEX_BIT(NR_LEX_OTHER_HEADS) | NR_LEX_BIT(NR_LEX_COMPANY_SUFFIXES);
    return !(S_span_lists(d, b, e) & known) && !(d->toks[e - 1].lists & heads) &&
           !(d->toks[b].lists & known);
}

/* Nouns for a body that name people too: "producer Rick Rubin", "publisher Felix Dennis". A
 * one-word name after them is more often a body's ("analysts Datamonitor", "producer Endemol"),
 * so only a full name with a given name stays a person's. */
static bool S_people_noun(const nr_doc *d, size_t k)
{
    static const char *const nouns[] = {"producer",  "producers", "developer",   "developers",
                                        "publisher", "broker",    "consultants", "analysts"};
    return NR_TOK_AMONG(d, k, nouns) || nr_tok_is(d, k, "Producer");
}

/* "oil firm Yukos", "Consultancy Strategy Analytics of Boston", "the French statistics agency,
 * INSEE, expects": a noun for a kind of body right before the name, lower case or the
 * sentence's first word, or, for a name not taken for a person's, before a comma that the
 * name and another comma follow. */
static bool S_body_noun_before(const nr_doc *d, const nr_sent_info *s, size_t nb, size_t te,
                               nr_kind kind)
{
    size_t k = nb;
    if (kind != NR_PERSON && k > s->tok_begin + 1 && nr_tok_is(d, k - 1, ",") && te < s->tok_end &&
        nr_tok_is(d, te, ","))
        k--; /* not "the head of the Naftohaz company, Yury Boyko," */
    return k > s->tok_begin && nr_tok_in(d, k - 1, NR_LEX_COMPANY_NOUNS) &&
           (!(d->toks[k - 1].flags & NR_TF_CAP) || k - 1 == s->tok_begin);
}

/* ---- the class a list of names belongs to ------------------------------------------------ */

/* The kind a plural noun, in lower case or opening the sentence, says its instances are
 * ("countries", "firms", "actors", "films"), or -1. */
static int S_class_noun_kind(const nr_doc *d, const nr_sent_info *s, size_t k)
{
    static const struct {
        nr_lexicon_id lex;
        nr_kind kind;
    } classes[] = {{NR_LEX_PLACE_CLASSES, NR_LOCATION},
                   {NR_LEX_PERSON_CLASSES, NR_PERSON},
                   {NR_LEX_BODY_CLASSES, NR_ORGANIZATION},
                   {NR_LEX_THING_CLASSES, NR_OTHER}};
    if (d->toks[k].kind != NR_TOK_WORD || ((d->toks[k].flags & NR_TF_CAP) && k != s->tok_begin))
        return -1;
    for (size_t c = 0; c < sizeof classes / sizeof *classes; c++) {
        if (nr_tok_in(d, k, classes[c].lex))
            return (int)classes[c].kind;
    }
    return -1;
}

/* Tokens a list of names runs over between its names: the names' own words and small words,
 * commas, "and", "or". */
static bool S_list_token(const nr_doc *d, size_t k)
{
    static const char *const small[] = {",", "and", "or", "of", "the", "&", "de", "-"};
    return S_cap_word(d, k) || d->toks[k].kind == NR_TOK_NUMBER || nr_tok_possessive(d, k) ||
           NR_TOK_AMONG(d, k, small);
}

/* Hearst's patterns: "films such as Heathers, Robin Hood and Billy Elliot", "firms including
 * Siemens", "countries like Chile": the names of a list after a plural noun for a class and
 * "such as", "like" or "including" are of the class's kind; so are those before "and other"
 * and the noun ("Leeds, York and other cities"). -1 when no such list holds the name. */
#define NR_MAX_CLASS_LIST 30
static int S_class_kind(const nr_doc *d, const nr_sent_info *s, size_t nb, size_t te)
{
    uint64_t head_nouns = NR_LEX_BIT(NR_LEX_OCCUPATIONS) | NR_LEX_BIT(NR_LEX_ROLES) |
                          NR_LEX_BIT(NR_LEX_COMPANY_NOUNS) | NR_LEX_BIT(NR_LEX_WORK_NOUNS);
    if (te < s->tok_end && (nr_tok_possessive(d, te) || (d->toks[te].lists & head_nouns)))
        return -1; /* "firms such as France's Dassault", "players including Zimbabwe goalkeeper
                    * Energy Murambadoro": the name only qualifies the listed one */
    for (size_t k = nb; k > s->tok_begin && nb - k < NR_MAX_CLASS_LIST; k--) {
        size_t cue = k - 1;
        bool such_as =
            nr_tok_is(d, cue, "as") && cue > s->tok_begin && nr_tok_is(d, cue - 1, "such");
        bool like = nr_tok_is(d, cue, "like");
        if (such_as || like || nr_tok_is(d, cue, "including")) {
            size_t at = such_as ? cue - 1 : cue;
            if (!like && at > s->tok_begin && nr_tok_is(d, at - 1, ","))
                at--; /* "films, including ...", but not "sites which offer games, like AOL" */
            return at > s->tok_begin ? S_class_noun_kind(d, s, at - 1) : -1;
        }
        if (!S_list_token(d, cue))
            break;
    }
    for (size_t k = te; k + 2 < s->tok_end && k - te < NR_MAX_CLASS_LIST; k++) {
        if ((nr_tok_is(d, k, "and") || nr_tok_is(d, k, "or")) && nr_tok_is(d, k + 1, "other"))
            return S_class_noun_kind(d, s, k + 2);
        if (!S_list_token(d, k))
            break;
    }
    return -1;
}

/* One tagged name: its title is taken off ("Mayor Mitch Landrieu"), a sentence-initial function
 * word is never a name, and "the Trump administration" names the organization. */
static bool S_take_name(S_state *st, const nr_sent_info *s, size_t tb, size_t te, nr_tag begin)
{
    nr_doc *d = st->d;
    if (S_in_dateline(d, tb))
        return true;
    nr_kind kind = begin == NR_TAG_B_MISC ? S_misc_kind(d, te) : S_tag_kind(begin);
    if (S_based_prefix(d, tb, te))
        tb++;
    if (S_not_a_name(d, tb, te))
        return true;
    bool err = false;
    if (S_common_acronym(st, s, tb, te, &err))
        return !err;
    if (S_nationality(d, tb, te))
        kind = NR_GROUP; /* "West Indian" is a people, whatever the tagger made of it */
    if (S_quoted_title(d, s, tb, te))
        kind = NR_OTHER;
    if ((kind == NR_PERSON && te == tb + 1 && S_camel_case(d, tb)) || S_web_address(d, te))
        kind = NR_ORGANIZATION;
    if (kind == NR_PERSON && te == tb + 1 && tb > s->tok_begin && nr_tok_is_ci(d, tb - 1, "the"))
        return true; /* "the Bill", "the Scot": a thing or a description, not a person's name */
    size_t nb = tb;
    if (kind == NR_PERSON) {
        while (nb + 1 < te && S_title_token(d, nb))
            nb++;
        nb += S_nationality_before(d, nb, te);
    } else if (kind != NR_GROUP) {
        size_t n = S_nationality_before(d, nb, te);
        uint64_t not_given = NR_LEX_BIT(NR_LEX_COMMON_WORDS) | NR_LEX_BIT(NR_LEX_ORG_WORDS);
        if (n > 0 && te == nb + n + 2 && S_first_name(d, nb + n) &&
            !(d->toks[nb + n].lists & not_given) && !(d->toks[te - 1].lists & not_given)) {
            nb += n; /* "American Taylor Dent", whatever the tagger made of it */
            kind = NR_PERSON;
        }
    }
    if (te > nb + 1 && S_trailing_title(d, s, te))
        return S_take_name(st, s, nb, te - 1, begin); /* "Tory MP | Michael Mates" */
    size_t t = tb;
    while (t < te && S_title_token(d, t))
        t++;
    if (t == te && d->toks[tb].kind == NR_TOK_WORD && (d->toks[tb].flags & NR_TF_CAP))
        return true; /* "Rep." before a name is its title; "the MP" alone names nobody */
    if (te == nb + 1 && nr_tok_in(d, nb, NR_LEX_STOPWORDS))
        return true;
    if (kind == NR_PERSON && S_describing_word(d, s, tb, te))
        return true;
    bool work = st->in_work[nb];
    if (work)
        kind = NR_OTHER;
    bool occupied = false; /* an occupation before the name says it is a person's */
    if (!work && kind != NR_GROUP && te > nb + 1 && S_occupation_at(d, s, nb) &&
        S_cap_word(d, nb + 1) && S_could_be_person(d, nb + 1, te)) {
        nb++; /* "DJ Norman Cook", "Rapper Kanye West" opening a sentence */
        kind = NR_PERSON;
        occupied = true;
    }
    if (te > nb + 1 && kind != NR_LOCATION && !work && nr_tok_is(d, nb, "The")) {
        nb++; /* "The Ministry of Fisheries" opening a sentence is the Ministry of Fisheries */
        if (kind == NR_PERSON && te == nb + 1)
            return true; /* "The Bill proposes": as "the Bill" */
    }
    if (te < s->tok_end && nr_tok_is(d, te, "administration") && kind != NR_LOCATION &&
        kind != NR_GROUP) /* not "the Republican administration" */
        return S_add_mention(st, nb, te + 1, NULL, NR_ORGANIZATION);
    bool acronym = S_is_acronym(d, nb, te);
    bool named =
        kind == NR_PERSON && te == nb + 2 && S_first_name(d, nb); /* "The Charles Wintour prize" */
    if (!work && kind != NR_GROUP && kind != NR_OTHER && !acronym && !named &&
        S_the_title(d, s, nb, te)) {
        nb--; /* the title keeps its "The" */
        tb = nb;
        kind = NR_OTHER;
    }
    size_t before = S_title_before(d, tb, s->tok_begin);
    if (!work && !occupied && kind != NR_GROUP && before == tb && nb == tb && nb > s->tok_begin &&
        S_occupation_at(d, s, nb - 1) && S_could_be_person(d, nb, te)) {
        kind = NR_PERSON; /* "rapper Kanye West", "striker Milan Baros" */
        occupied = true;
    }
    if (before < tb && (S_role_then_name(d, s, te) || S_adjective_title(d, before, tb)))
        before = tb;      /* "former Yukos boss Mikhail Khodorkovsky": "former" is his title */
    bool classed = false; /* a list's class noun gave the kind */
    bool place_cue = before == tb && !work && kind != NR_GROUP && S_place_cue(d, nb, s->tok_begin);
    if (place_cue)
        kind = NR_LOCATION;
    if (before == tb && !work) {
        uint64_t whole = S_span_lists(d, nb, te); /* the lists that hold the whole name */
        kind = S_head_kind(d, nb, te, whole, kind);
        if (kind != NR_GROUP && (S_bracketed_club(st, s, nb, te, kind) ||
                                 (kind == NR_LOCATION && S_club_people_after(d, s, te, whole))))
            kind = NR_ORGANIZATION;
        if (kind != NR_GROUP && (S_show_name(d, s, nb, te, whole) ||
                                 (kind != NR_PERSON && S_owned_thing(st, s, nb, te, whole))))
            kind = NR_OTHER;
        int described = kind == NR_GROUP ? -1 : S_apposition_kind(d, te, s->tok_end);
        bool place = whole & NR_LEX_PLACES;
        bool headed = (d->toks[te - 1].lists &
                       (NR_LEX_BIT(NR_LEX_PLACE_HEADS) | NR_LEX_BIT(NR_LEX_OTHER_HEADS))) != 0;
        if ((kind == NR_OTHER || (kind == NR_LOCATION && !place)) && !headed &&
            S_business_noun_after(d, s, te))
            kind = NR_ORGANIZATION; /* not "the High Street retailer" */
        bool person = kind == NR_PERSON && S_given_name(d, nb);
        if (described >= 0 && !place && !(person && described == NR_ORGANIZATION))
            kind = (nr_kind)described; /* not "Canada, a key gold producer," nor "Jo Flaherty,
                                        * a senior broadcaster" */
        int listed_as = kind == NR_GROUP ? -1 : S_class_kind(d, s, nb, te);
        if (listed_as >= 0) {
            kind = (nr_kind)listed_as;
            classed = true;
        }
    }
    if (kind == NR_PERSON && before == tb && S_place_after_preposition(d, tb, te, s->tok_begin))
        kind = NR_LOCATION;
    if (kind == NR_OTHER && before < tb && !work)
        kind = NR_PERSON; /* "President Trump" whatever the tagger made of "Trump" */
    /* Not "former champions Zambia": a national team is a place, as CoNLL tags it. */
    bool org_noun =
        S_body_noun_before(d, s, nb, te, kind) &&
        !(te > nb + 1 && nr_tok_in(d, nb, NR_LEX_FIRST_NAMES)) &&
        !(te > nb + 1 && S_people_noun(d, nb - 1) && S_first_name(d, nb)) &&
        !(kind == NR_LOCATION && (S_span_lists(d, nb, te) & NR_LEX_BIT(NR_LEX_COUNTRIES)));
    if (org_noun && kind != NR_GROUP && before == tb)
        kind = NR_ORGANIZATION;
    bool employer = kind == NR_PERSON && before == tb &&
                    (S_employer(d, s, nb, te) || (nb > s->tok_begin && S_based_word(d, nb - 1)));
    employer = employer || (kind == NR_LOCATION && before == tb && S_owned(d, s, nb, te));
    if (employer)
        kind = NR_ORGANIZATION; /* "Oslo-based Norvanta": people are not "based" */
    const char *title = NULL;
    if (kind == NR_PERSON) {
        size_t k = nb > tb ? tb : before;
        title = k < nb ? S_text(d, k, nb) : S_apposition(d, te, s->tok_end);
        if (k < nb && !title)
            return false;
    }
    if (!S_add_mention(st, nb, te, title, kind))
        return false;
    S_mention *m = &st->ms.items[st->ms.n - 1];
    m->rolled = st->in_roll[nb] && kind == S_tag_kind(begin);
    m->sure = title != NULL || work || employer || place_cue || occupied || classed ||
              (org_noun && kind == NR_ORGANIZATION) || m->rolled;
    return true;
}

/* Known names of several words that start at token k, longest first in each kind: agency
 * names with "and" or "of" inside (*agency), and names from the other lists with their tag
 * (*listed, *tag): organizations and other things, peoples, and places with a small word inside
 * (multi-word places without one the tagger gets right, and a place name may be a team's). */
#define NR_MAX_ORG_TOKENS 9
static void S_known_names_at(const nr_doc *d, size_t k, size_t end, size_t *agency, size_t *listed,
                             size_t *place, nr_tag *tag)
{
    *agency = *listed = *place = 0;
    if (!(d->toks[k].lists & NR_LEX_BIT(NR_LEX_NAME_STARTS)))
        return; /* no listed name of several tokens begins here */
    bool joined = false;
    for (size_t n = 2; n <= NR_MAX_ORG_TOKENS && k + n <= end; n++) {
        const nr_token *last = &d->toks[k + n - 1];
        bool joiner = nr_tok_is(d, k + n - 1, "and") || nr_tok_is(d, k + n - 1, "&") ||
                      nr_tok_is(d, k + n - 1, "of") || nr_tok_is(d, k + n - 1, "the") ||
                      nr_tok_is(d, k + n - 1, "for") || nr_tok_is(d, k + n - 1, ",");
        if (!joiner && !(last->flags & NR_TF_CAP) && last->kind != NR_TOK_NUMBER)
            break; /* capitalized words, numbers ("Channel 4") and these small words */
        joined = joined || joiner;
        if (joiner)
            continue;
        uint64_t lists = nr_lex_lists(nr_tok_text(d, k), last->e - d->toks[k].b);
        if (lists & NR_LEX_BIT(NR_LEX_ORGANIZATIONS))
            *agency = n;
        if (lists & NR_LEX_NAMED_LISTS) {
            *listed = n;
            *tag = (lists & NR_LEX_ORG_LISTS) ? NR_TAG_B_ORG : NR_TAG_B_MISC;
        } else if (lists & NR_LEX_BIT(NR_LEX_GROUPS)) {
            *listed = n; /* "Liberal Democrat" */
            *tag = NR_TAG_B_MISC;
        } else if (joined && (lists & NR_LEX_PLACES)) {
            *listed = n; /* "Bosnia and Herzegovina": the tagger never joins across "and" */
            *tag = NR_TAG_B_LOC;
        } else if (lists & NR_LEX_PLACES) {
            *place = n;
        }
    }
}

/* Tags tokens [b, e) of n as one name opening with begin; a name the tagger ran on past e starts
 * afresh at e. */
static void S_retag(nr_tag *t, size_t n, size_t b, size_t e, nr_tag begin)
{
    t[b] = begin;
    for (size_t x = b + 1; x < e; x++)
        t[x] = (nr_tag)(begin + 1);
    if (e < n && t[e] != NR_TAG_O && !(t[e] & 1))
        t[e] = (nr_tag)(t[e] - 1);
}

/* The tagger found a name within the n tokens at t, and none of its names runs across either
 * end: a list may join or retype names, never cut one ("Magna International | Inc"). */
static bool S_tagged_within(const nr_tag *t, size_t n, size_t left)
{
    bool found = false;
    for (size_t j = 0; j < n; j++)
        found = found || t[j] != NR_TAG_O;
    bool cuts = (t[0] != NR_TAG_O && !(t[0] & 1)) || (n < left && t[n] != NR_TAG_O && !(t[n] & 1));
    return found && !cuts;
}

/* The tagger found two names that together fill the n tokens at t exactly. */
static bool S_cut_within(const nr_tag *t, size_t n, size_t left)
{
    size_t begins = 0;
    for (size_t j = 0; j < n; j++) {
        if (t[j] == NR_TAG_O)
            return false;
        begins += t[j] & 1;
    }
    return begins == 2 && (t[0] & 1) && (n == left || t[n] == NR_TAG_O || (t[n] & 1));
}

/* A known name of several words overrides the tagger inside it: "Department of Homeland
 * Security Immigration and Customs Enforcement" is two agencies, not "... Security Immigration"
 * and "Customs Enforcement"; "Liberal Democrats" is one party and "Brit Awards" one award. A
 * name from the general lists counts only where the tagger found a name in it, so a phrase of
 * prose that happens to spell a title stays prose. */
static void S_known_names(const nr_doc *d, const nr_sent_info *si, nr_tag *t)
{
    for (size_t k = si->tok_begin; k < si->tok_end; k++) {
        if (!(d->toks[k].flags & NR_TF_CAP))
            continue;
        nr_tag *at = t + (k - si->tok_begin);
        size_t agency, listed, place, n = 0;
        nr_tag tag = NR_TAG_B_ORG;
        S_known_names_at(d, k, si->tok_end, &agency, &listed, &place, &tag);
        if (agency > 0) {
            n = agency;
            tag = NR_TAG_B_ORG;
        } else if (listed > 0 && S_tagged_within(at, listed, si->tok_end - k)) {
            n = listed;
        } else if (place > 0 && S_cut_within(at, place, si->tok_end - k)) {
            n = place; /* "New | York Attorney General": the tagger cut the city in two */
            tag = NR_TAG_B_LOC;
        }
        if (n == 0)
            continue;
        S_retag(at, si->tok_end - k, 0, n, tag);
        k += n - 1;
    }
}

/* "the film Ray", "the sitcom Will and Grace", "period epic Man to Man": a work noun, then a run
 * of capitalized words, with small words between them, is the title of one work. The run stops
 * before "and" or "with" that leads to a person's full name ("the film Ray and Jamie Foxx"). */
#define NR_MAX_WORK_TOKENS 10
static bool S_title_joiner(const nr_doc *d, size_t k)
{
    static const char *const small[] = {"of", "to",   "and", "the", "a",    "an", "in",
                                        "on", "with", "for", "my",  "your", "&"};
    return nr_tok_possessive(d, k) || NR_TOK_AMONG(d, k, small);
}

static bool S_title_word(const nr_doc *d, size_t k)
{
    return S_cap_word(d, k) || d->toks[k].kind == NR_TOK_NUMBER;
}

/* "film", "album": a lower-case noun that says the name after it is the title of a work. */
static bool S_work_noun(const nr_doc *d, size_t k)
{
    return d->toks[k].kind == NR_TOK_WORD && !(d->toks[k].flags & NR_TF_CAP) &&
           nr_tok_in(d, k, NR_LEX_WORK_NOUNS);
}

/* Tags tokens [b, e) of the sentence at base as one title of a work. */
static void S_tag_work(S_state *st, size_t base, nr_tag *t, size_t n, size_t b, size_t e)
{
    if (b > 0 && nr_tok_possessive(st->d, base + b - 1))
        t[b - 1] = NR_TAG_O; /* "BBC Two's Newsnight": the channel's name ends before "'s" */
    t[b] = NR_TAG_B_MISC;
    for (size_t x = b + 1; x < e; x++)
        t[x] = NR_TAG_I_MISC;
    /* What the tagger's name held after the title starts a name of its own, without the small
     * words between ("The Small Faces | and The Who"). */
    size_t k = e;
    while (k < n && t[k] != NR_TAG_O && !(t[k] & 1) &&
           (S_title_joiner(st->d, base + k) || st->d->toks[base + k].kind == NR_TOK_PUNCT))
        t[k++] = NR_TAG_O;
    if (k < n && t[k] != NR_TAG_O && !(t[k] & 1))
        t[k] = (nr_tag)(t[k] - 1);
    for (size_t x = b; x < e; x++)
        st->in_work[base + x] = true;
}

/* The end of the title that starts at b, one past its last capitalized word or number. */
static size_t S_title_end(const nr_doc *d, size_t base, const nr_tag *t, size_t n, size_t b)
{
    size_t last = b;
    for (size_t j = b + 1; j < n && j - b < NR_MAX_WORK_TOKENS; j++) {
        if (S_title_word(d, base + j)) {
            last = j;
            continue;
        }
        bool to_person = j + 2 < n && t[j + 1] == NR_TAG_B_PER && t[j + 2] == NR_TAG_I_PER;
        bool to_number = j + 1 < n && d->toks[base + j + 1].kind == NR_TOK_NUMBER;
        bool to_date = j + 1 < n && S_cap_word(d, base + j + 1) &&
                       nr_calendar_word(nr_tok_text(d, base + j + 1),
                                        nr_tok_len(d, base + j + 1)); /* "on Sunday" */
        bool and_then_small = nr_tok_is(d, base + j, "and") && j + 1 < n &&
                              !S_title_word(d, base + j + 1) && !nr_tok_is(d, base + j + 1, "a") &&
                              !nr_tok_is(d, base + j + 1, "the"); /* "X and on the Y": two */
        if (!S_title_joiner(d, base + j) || to_person || to_number || to_date || and_then_small)
            break;
    }
    return last + 1;
}

/* What may follow the work noun of a description: "a comedy starring", "a novel about"; not
 * "the film is" (the subject after an opening phrase) nor "the programme's chief". */
static bool S_describes_work(const nr_doc *d, size_t k)
{
    static const char *const next[] = {"starring",  "about", "by",    "which",    "that",
                                       "from",      "of",    "based", "directed", "written",
                                       "featuring", "set",   "in"};
    if (nr_tok_possessive(d, k))
        return false;
    return d->toks[k].kind == NR_TOK_PUNCT || NR_TOK_AMONG(d, k, next);
}

/* "Man to Man, a historical epic": a comma, an article and at most this many lower-case words
 * before a work noun describe the title before the comma. */
#define NR_MAX_WORK_DESCRIPTION 4
static bool S_work_apposition(const nr_doc *d, size_t base, size_t n, size_t comma)
{
    size_t k = comma + 1;
    if (k >= n || !(nr_tok_is_ci(d, base + k, "a") || nr_tok_is_ci(d, base + k, "an") ||
                    nr_tok_is_ci(d, base + k, "the")))
        return false;
    for (k++; k < n && k - comma <= NR_MAX_WORK_DESCRIPTION + 1; k++) {
        if (d->toks[base + k].kind != NR_TOK_WORD || (d->toks[base + k].flags & NR_TF_CAP) ||
            nr_tok_in(d, base + k, NR_LEX_STOPWORDS))
            return false;
        if (S_work_noun(d, base + k))
            return k + 1 == n || S_describes_work(d, base + k + 1);
    }
    return false;
}

/* The first token of the title that ends just before the comma at e: back over capitalized
 * words and the small words inside titles, but not over "and" or "with", which more often join
 * two names than sit in a title. */
static size_t S_title_begin(const nr_doc *d, size_t base, size_t e)
{
    size_t b = e;
    for (size_t j = e; j > 0 && e - (j - 1) <= NR_MAX_WORK_TOKENS; j--) {
        size_t k = base + j - 1;
        if (S_cap_word(d, k))
            b = j - 1;
        else if (nr_tok_is(d, k, "and") || nr_tok_is(d, k, "with"))
            return j > 1 && S_cap_word(d, k - 1) ? e : b; /* "Strange and Mr Norrell": unsure */
        else if (!S_title_joiner(d, k))
            break;
    }
    return b;
}

static bool S_add_work(S_state *st, size_t base, nr_tag *t, size_t n, size_t b, size_t e)
{
    S_tag_work(st, base, t, n, b, e);
    S_span *w = NR_PUSH(st->d->arena, st->works);
    if (!w)
        return false;
    *w = (S_span){base + b, base + e};
    return true;
}

/* A noun that "called" or "titled" after it names as a work: the work nouns, and nouns that
 * name works only so ("a track called", "a show called", "a game called"). */
static bool S_called_work(const nr_doc *d, size_t k)
{
    static const char *const nouns[] = {"track", "single", "book",  "show",  "series",
                                        "play",  "game",   "video", "record"};
    return nr_tok_in(d, k, NR_LEX_WORK_NOUNS) || NR_TOK_AMONG(d, k, nouns);
}

/* "a role in Closer", "starred in Brookside", "a film version of The Beverly Hillbillies", "sang
 * Hey Jude": words after which a capitalized run is a work, unless it is a month or a listed
 * place, body or people. An owner's possessive before the title is cut off later ("a role in
 * Mike Nichols' Closer"). */
static bool S_work_cue(const nr_doc *d, size_t base, size_t n, size_t i)
{
    static const char *const in[] = {"role", "starred", "starring", "stars", "appeared", "appears"};
    static const char *const of[] = {"version", "remake", "adaptation", "episode"};
    static const char *const sang[] = {"sang", "sings", "singing"};
    if (i == 0 || i + 1 >= n || !S_cap_word(d, base + i + 1) ||
        (nr_tok_in(d, base + i + 1, NR_LEX_STOPWORDS) && !nr_tok_is(d, base + i + 1, "The")))
        return false;
    if (d->toks[base + i].kind != NR_TOK_WORD || (d->toks[base + i].flags & NR_TF_CAP))
        return false;
    static const char *const naming[] = {"called", "titled", "entitled"};
    if (NR_TOK_AMONG(d, base + i, naming) && S_called_work(d, base + i - 1))
        return true; /* "a track called My Masochistic Baby Went And Left Me" */
    size_t k = base + i;
    bool cue = nr_tok_is(d, k, "in")   ? NR_TOK_AMONG(d, k - 1, in)
               : nr_tok_is(d, k, "of") ? NR_TOK_AMONG(d, k - 1, of)
               : nr_tok_is(d, k, "to") ? nr_tok_is(d, k - 1, "sequel")
                                       : NR_TOK_AMONG(d, k, sang); /* "sang Hey Jude" */
    uint64_t known = NR_LEX_PLACES | NR_LEX_ORG_LISTS | NR_LEX_BIT(NR_LEX_GROUPS);
    return cue && !(d->toks[base + i + 1].lists & known);
}

/* "Radio 4's World at One", "BBC Two's Newsnight": a channel's possessive before a capitalized
 * run that is no person's name opens the title of a programme. */
#define NR_MAX_CHANNEL_TOKENS 4
static bool S_channel_cue(const nr_doc *d, size_t base, const nr_tag *t, size_t n, size_t i)
{
    if (i == 0 || i + 1 >= n || !nr_tok_possessive(d, base + i) || !S_cap_word(d, base + i + 1) ||
        (nr_tok_in(d, base + i + 1, NR_LEX_STOPWORDS) && !nr_tok_is(d, base + i + 1, "The")) ||
        t[i + 1] == NR_TAG_B_PER)
        return false;
    for (size_t k = i; k > 0 && i - k < NR_MAX_CHANNEL_TOKENS; k--) {
        size_t len = d->toks[base + i - 1].e - d->toks[base + k - 1].b;
        if (nr_lex_has_ci(NR_LEX_BROADCASTERS, nr_tok_text(d, base + k - 1), len))
            return true;
    }
    return false;
}

static bool S_work_titles(S_state *st, const nr_sent_info *si, nr_tag *t)
{
    const nr_doc *d = st->d;
    size_t base = si->tok_begin, n = si->tok_end - base;
    for (size_t i = 0; i + 1 < n; i++) {
        if (i > 0 && nr_tok_is(d, base + i, ",") && S_work_apposition(d, base, n, i)) {
            size_t b = S_title_begin(d, base, i);
            if (b < i && !st->in_work[base + b] && !S_add_work(st, base, t, n, b, i))
                return false;
            continue;
        }
        bool noun = S_work_noun(d, base + i) && S_cap_word(d, base + i + 1);
        bool cue = !noun && S_work_cue(d, base, n, i);
        if (!noun && !cue && !S_channel_cue(d, base, t, n, i))
            continue;
        size_t b = i + 1, e = S_title_end(d, base, t, n, b);
        bool maker = e < n && (nr_tok_possessive(d, base + e) || S_work_noun(d, base + e));
        if (cue && maker)
            continue; /* "a version of Dan Brown's novel", "sequel to Ben Stiller comedy X" */
        for (size_t k = b; k + 1 < e && cue; k++) {
            bool owner =
                t[k - 1] != NR_TAG_O && t[k - 1] != NR_TAG_B_MISC && t[k - 1] != NR_TAG_I_MISC;
            if (nr_tok_possessive(d, base + k) && owner)
                b = k + 1; /* "a version of Bizet's opera Carmen", not "Dead Man's Shoes" */
        }
        if (b < e && S_cap_word(d, base + b) && !S_add_work(st, base, t, n, b, e))
            return false;
        i = e - 1;
    }
    return true;
}

/* "Carry On", "In Good Company", "Get Rich And Die Tryin'": prose never capitalizes a
 * preposition, pronoun or conjunction inside a sentence, titles of works do. Not "All" nor "No"
 * ("the All Blacks", "No 10"), which open names of other things. */
static bool S_title_case_word(const nr_doc *d, size_t k)
{
    if ((d->toks[k].flags & (NR_TF_CAP | NR_TF_ALLCAPS)) != NR_TF_CAP ||
        !nr_tok_in(d, k, NR_LEX_STOPWORDS))
        return false; /* the cheap tests first: this runs on every word */
    static const char *const small[] = {
        "In",  "On",  "And", "Of",  "At",   "To",  "With", "For",   "From", "Up",  "Out",  "Me",
        "It",  "Is",  "Are", "Was", "By",   "My",  "Your", "Our",   "Be",   "Or",  "Into", "Over",
        "Off", "Who", "We",  "You", "Like", "His", "Her",  "Their", "This", "That"};
    return NR_TOK_AMONG(d, k, small);
}

/* Small words a title may keep in lower case between its capitalized words ("My Summer of
 * Love", "Fight for Your Rights"); "and", "with", "in" and "on" more often join a title to
 * another name or to the rest of the sentence ("Dogville and Dancer In The Dark", "Escape From
 * LA in 1996"). */
static bool S_caps_title_joiner(const nr_doc *d, size_t k)
{
    static const char *const inner[] = {"of", "the", "a", "an", "to", "for"};
    return NR_TOK_AMONG(d, k, inner);
}

/* A headline in title case ("Chris Christie Calls Hillary Clinton"), where the rule above
 * fails: no more than one lower-case word besides the small words titles keep in lower case. */
static bool S_title_case_sentence(const nr_doc *d, const nr_sent_info *si)
{
    size_t lower = 0;
    for (size_t k = si->tok_begin; k < si->tok_end; k++) {
        lower += d->toks[k].kind == NR_TOK_WORD && !(d->toks[k].flags & NR_TF_CAP) &&
                 !S_title_joiner(d, k);
    }
    return lower <= 1;
}

/* The first token of the title around the capitalized small word at i: back over capitalized
 * words and lower-case small words between them, but not past a possessive (the title's owner:
 * "Bruce Springsteen's Born In The USA") nor a person's name before a small word ("Usher for
 * My Boo"); after a person's full name the capitalized small word is no part of the title. */
static size_t S_caps_title_begin(const nr_doc *d, size_t base, const nr_tag *t, size_t i)
{
    if (i > 0 && t[i - 1] == NR_TAG_I_PER)
        return i + 1; /* "Roger Michell For Enduring Love": the director, then his film */
    size_t b = i;
    for (size_t j = i; j > 0 && i - (j - 1) < NR_MAX_WORK_TOKENS; j--) {
        size_t k = base + j - 1;
        if (j == 1 && nr_tok_in(d, k, NR_LEX_STOPWORDS))
            break; /* "Under My Ask Jeeves users can": capitalized as the sentence's first word */
        if (S_cap_word(d, k))
            b = j - 1;
        else if (!S_caps_title_joiner(d, k) || j < 2 || !S_cap_word(d, k - 1) ||
                 S_type(t[j - 2]) == S_type(NR_TAG_B_PER))
            break;
    }
    return b;
}

/* One past the last word of the title that runs on from token i. */
static size_t S_caps_title_end(const nr_doc *d, size_t base, size_t n, size_t i)
{
    size_t e = i + 1;
    for (size_t j = i + 1; j < n && j - i < NR_MAX_WORK_TOKENS; j++) {
        if (S_title_word(d, base + j))
            e = j + 1;
        else if (!S_caps_title_joiner(d, base + j) && !nr_tok_possessive(d, base + j))
            break; /* "Do They Know It's Christmas" */
    }
    return e;
}

/* Words that end a title as well as sit inside one ("Carry On", "Take Me Out", "Thank You");
 * the others need a capitalized word after them. */
static bool S_title_tail(const nr_doc *d, size_t k)
{
    static const char *const tail[] = {"On", "Out", "Up", "Off", "Over", "Me", "You", "It"};
    return NR_TOK_AMONG(d, k, tail);
}

static bool S_caps_titles(S_state *st, const nr_sent_info *si, nr_tag *t)
{
    const nr_doc *d = st->d;
    size_t base = si->tok_begin, n = si->tok_end - base;
    int headline = -1; /* not known yet: most sentences have no candidate at all */
    for (size_t i = 1; i < n; i++) {
        size_t k = base + i;
        if (!S_title_case_word(d, k) || st->in_work[k] || d->toks[k - 1].kind != NR_TOK_WORD)
            continue;
        if (headline < 0)
            headline = S_title_case_sentence(d, si);
        if (headline)
            return true;
        bool next_cap = i + 1 < n && S_cap_word(d, k + 1);
        bool next_number = i + 1 < n && d->toks[k + 1].kind == NR_TOK_NUMBER;
        if (!next_cap && (!S_cap_word(d, k - 1) || next_number || !S_title_tail(d, k)))
            continue; /* "the European Union In his speech": a full stop was lost */
        size_t b = S_caps_title_begin(d, base, t, i), e = S_caps_title_end(d, base, n, i);
        if (b >= e || (e < n && nr_tok_is(d, base + e, ":")))
            continue; /* "Subs Not Used:", a heading */
        size_t len = d->toks[base + e - 1].e - d->toks[base + b].b;
        bool legal_form = nr_tok_in(d, base + e - 1, NR_LEX_COMPANY_SUFFIXES) &&
                          nr_tok_len(d, base + e - 1) <= 4; /* "Ltd", not "Company" */
        if ((nr_lex_lists(nr_tok_text(d, base + b), len) & NR_LEX_ORG_LISTS) || legal_form ||
            (d->toks[base + b].flags & NR_TF_ALLCAPS))
            continue; /* "Transport For London", "Big Day Out Ltd", "USA For Africa" */
        bool inside = false;
        for (size_t x = b; x < e; x++)
            inside = inside || st->in_work[base + x];
        if (!inside && !S_add_work(st, base, t, n, b, e))
            return false;
        i = e - 1;
    }
    return true;
}

/* "Million Dollar Baby", "Schindler's List": a run of capitalized words, with small words
 * inside, that the list of well-known films holds, where the tagger found a name and cut none,
 * is that film; the longest such run wins. */
static bool S_listed_works(S_state *st, const nr_sent_info *si, nr_tag *t)
{
    const nr_doc *d = st->d;
    size_t base = si->tok_begin, n = si->tok_end - base;
    for (size_t i = 0; i + 1 < n; i++) {
        /* Only a word that starts some title is looked up from. */
        if (!(d->toks[base + i].lists & NR_LEX_BIT(NR_LEX_WORK_STARTS)) ||
            !S_cap_word(d, base + i) || st->in_work[base + i])
            continue;
        size_t found = 0;
        for (size_t j = i + 1; j < n && j - i < NR_MAX_WORK_TOKENS; j++) {
            if (!S_title_word(d, base + j)) {
                if (S_title_joiner(d, base + j))
                    continue;
                break;
            }
            size_t len = d->toks[base + j].e - d->toks[base + i].b;
            uint64_t lists = nr_lex_lists(nr_tok_text(d, base + i), len);
            if (lists & NR_LEX_ORG_LISTS)
                break; /* "The Mirror", "The Killers": the newspaper and the band first */
            if (lists & NR_LEX_BIT(NR_LEX_WORKS))
                found = j + 1;
        }
        if (found == 0 || !S_tagged_within(t + i, found - i, n - i))
            continue;
        if (!S_add_work(st, base, t, n, i, found))
            return false;
        i = found - 1;
    }
    return true;
}

static bool S_same_tokens(const nr_doc *d, size_t x, size_t y, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t len = nr_tok_len(d, x + k);
        if (len != nr_tok_len(d, y + k) ||
            memcmp(nr_tok_text(d, x + k), nr_tok_text(d, y + k), len))
            return false;
    }
    return true;
}

/* The length of the title w where token i of the sentence repeats it whole, or without its
 * "The" ("The Aviator ... Aviator 'creator' in Oscars snub"), or 0. */
static size_t S_repeated_title(const nr_doc *d, size_t base, size_t n, size_t i, S_span w)
{
    for (int bare = 0; bare <= 1; bare++) {
        size_t tb = w.tb + (size_t)bare, len = w.te - tb;
        if (bare && (len == 0 || !nr_tok_is(d, w.tb, "The") ||
                     (i > 0 && nr_tok_is_ci(d, base + i - 1, "the"))))
            break;
        if (i + len <= n && !(i + len < n && S_cap_word(d, base + i + len)) &&
            S_same_tokens(d, base + i, tb, len))
            return len;
    }
    return 0;
}

/* "the biopic Ray ... best actor for Ray": a title found after a work noun anywhere in the
 * article is the work wherever it stands alone, not inside a longer capitalized name ("Ray
 * Charles"). */
static void S_repeat_titles(S_state *st, const nr_sent_info *si, nr_tag *t)
{
    const nr_doc *d = st->d;
    size_t base = si->tok_begin, n = si->tok_end - base;
    for (size_t i = 0; i < n && st->works.n > 0; i++) {
        if (st->in_work[base + i] || !S_cap_word(d, base + i) ||
            (i > 0 && S_cap_word(d, base + i - 1)))
            continue;
        for (size_t w = 0; w < st->works.n; w++) {
            size_t len = S_repeated_title(d, base, n, i, st->works.items[w]);
            if (len == 0)
                continue;
            S_tag_work(st, base, t, n, i, i + len);
            i += len - 1;
            break;
        }
    }
}

/* The first token of the name that holds token i of the sentence. */
static size_t S_name_begin(const nr_tag *t, size_t i)
{
    while (i > 0 && !(t[i] & 1))
        i--;
    return i;
}

/* A single capital, with or without its period: a middle initial ("George W Bush"). */
static bool S_initial(const nr_doc *d, size_t k)
{
    const char *t = nr_tok_text(d, k);
    return nr_tok_len(d, k) == 1 && t[0] >= 'A' && t[0] <= 'Z';
}

/* "Abdullah | bin | Rashid", "George | W | Bush": a particle or an initial between two pieces of
 * a person's name. */
static bool S_join_particle(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    if (t[i] != NR_TAG_O || S_type(t[i - 1]) != S_type(NR_TAG_B_PER))
        return false;
    size_t j = i;
    while (j < n && t[j] == NR_TAG_O &&
           ((!(d->toks[base + j].flags & NR_TF_CAP) && nr_tok_in(d, base + j, NR_LEX_PARTICLES)) ||
            S_initial(d, base + j) ||
            (j > i && nr_tok_is(d, base + j, ".") && S_initial(d, base + j - 1))))
        j++;
    if (j == i || j >= n || t[j] != NR_TAG_B_PER)
        return false;
    for (size_t x = i; x <= j; x++)
        t[x] = NR_TAG_I_PER;
    return true;
}

/* "Time | Warner", "Swiss | Chess Federation": two names with nothing between them are one,
 * an organization if either piece is one, else a person if either is. Not when the first is a
 * place ("Chicago | NAPM", but "Portland | City Council"), nor a nationality before a person
 * ("Australian | Tom Moody"), nor in capitals, where sports tables put names side by side. */
static bool S_join_adjacent(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    if (!(t[i] & 1) || t[i - 1] == NR_TAG_O)
        return false;
    size_t b = S_name_begin(t, i - 1);
    int first = S_type(t[b]), second = S_type(t[i]);
    bool capitals = (d->toks[base + i].flags | d->toks[base + i - 1].flags) & NR_TF_ALLCAPS;
    size_t piece = d->toks[base + i - 1].e - d->toks[base + b].b;
    bool nationality = nr_lex_has_ci(NR_LEX_GROUPS, nr_tok_text(d, base + b), piece);
    size_t e = i + 1;
    while (e < n && t[e] == t[i] + 1)
        e++;
    /* A place before a body named by its kind ("City Council") is part of its name. */
    bool local_body = first == S_type(NR_TAG_B_LOC) && second == S_type(NR_TAG_B_ORG) &&
                      nr_tok_in(d, base + e - 1, NR_LEX_ORG_WORDS);
    /* "European Policy | Centre": a body's word alone, taken for a place, ends the name. */
    bool body_word = second == S_type(NR_TAG_B_LOC) && first != S_type(NR_TAG_B_LOC) &&
                     e == i + 1 && nr_tok_in(d, base + i, NR_LEX_ORG_WORDS);
    if (body_word)
        second = S_type(NR_TAG_B_ORG);
    if (capitals || (first == S_type(NR_TAG_B_LOC) && !local_body) ||
        second == S_type(NR_TAG_B_LOC) || (nationality && second != S_type(NR_TAG_B_ORG)))
        return false;
    int org = S_type(NR_TAG_B_ORG), per = S_type(NR_TAG_B_PER);
    nr_tag begin = first == org || second == org   ? NR_TAG_B_ORG
                   : first == per || second == per ? NR_TAG_B_PER
                                                   : NR_TAG_B_MISC;
    t[b] = begin;
    for (size_t x = b + 1; x < e; x++)
        t[x] = (nr_tag)(begin + 1);
    return true;
}

/* A substitute in a team sheet: "(Wyness 82)", the name then the minute. */
static bool S_substitute(const nr_doc *d, size_t base, const nr_tag *t, size_t g, size_t n)
{
    if (g + 1 >= n || !(t[g + 1] & 1))
        return false;
    size_t j = g + 2;
    while (j < n && t[j] == t[g + 1] + 1)
        j++;
    return j + 1 < n && d->toks[base + j].kind == NR_TOK_NUMBER && nr_tok_is(d, base + j + 1, ")");
}

/* The tokens between two items of a list: ",", "and", "or", ", and", and in team sheets a
 * substitute's brackets and minute ("Burchill (Wyness 82), Mikoliunas"). */
static size_t S_list_gap(const nr_doc *d, size_t base, const nr_tag *t, size_t e, size_t n)
{
    size_t g = e, words = 0;
    for (; g < n && g - e < 4 && t[g] == NR_TAG_O; g++) {
        size_t k = base + g;
        bool word = nr_tok_is(d, k, ",") || nr_tok_is(d, k, "and") || nr_tok_is(d, k, "or");
        bool minute = (d->toks[k].kind == NR_TOK_NUMBER && g + 1 < n && nr_tok_is(d, k + 1, ")")) ||
                      (nr_tok_is(d, k, ")") && g > e && d->toks[k - 1].kind == NR_TOK_NUMBER);
        bool opening = nr_tok_is(d, k, "(") && S_substitute(d, base, t, g, n);
        if (!word && !minute && !opening)
            break;
        words += word;
    }
    return words <= 2 ? g - e : 0;
}

/* One word, or an initial and one word ("CA del Fava" aside): how team sheets name players. */
static bool S_short_item(const nr_doc *d, size_t base, const nr_tag *t, size_t x, size_t n)
{
    size_t e = x + 1;
    while (e < n && t[e] == t[x] + 1)
        e++;
    return e == x + 1 || (e == x + 2 && S_initial(d, base + x));
}

/* "Sacramento, Chicago, Miami, Milwaukee and New York": names in one list are of one kind, so
 * a minority the tagger typed otherwise (Milwaukee, a baseball club in sports results) takes
 * the kind of a clear majority (at least three names and more than half of the list). A roll
 * of five or more short names, three quarters of one kind, is a team sheet: that kind is sure,
 * and outweighs a list that knows one of the names as something else ("Ball" the footballer,
 * not the packaging company). */
static void S_unify_list(const nr_doc *d, size_t base, nr_tag *t, bool *sure, size_t n,
                         const size_t *items, size_t count)
{
    int votes[4] = {0}, short_items = 0;
    for (size_t c = 0; c < count; c++) {
        votes[S_type(t[items[c]])]++;
        short_items += S_short_item(d, base, t, items[c], n);
    }
    int misc = S_type(NR_TAG_B_MISC);
    for (int ty = 0; ty < misc; ty++) {
        if (count < 3 || votes[ty] < 3 || 2 * votes[ty] <= (int)count)
            continue;
        bool roll =
            count >= 5 && 4 * votes[ty] >= 3 * (int)count && 4 * short_items >= 3 * (int)count;
        for (size_t c = 0; c < count; c++) {
            size_t x = items[c];
            if (S_type(t[x]) == misc)
                continue;
            sure[x] = roll && S_short_item(d, base, t, x, n);
            t[x] = (nr_tag)(1 + 2 * ty);
            for (x++; x < n && t[x] != NR_TAG_O && !(t[x] & 1); x++)
                t[x] = (nr_tag)(2 + 2 * ty);
        }
    }
}

static void S_coordination(const nr_doc *d, size_t base, nr_tag *t, bool *sure, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!(t[i] & 1)) {
            i++;
            continue;
        }
        size_t items[64], count = 0, k = i;
        for (;;) {
            if (count < 64)
                items[count++] = k;
            size_t e = k + 1;
            while (e < n && t[e] == t[k] + 1)
                e++;
            size_t g = e + S_list_gap(d, base, t, e, n);
            if (g == e || g >= n || !(t[g] & 1)) {
                k = e;
                break;
            }
            k = g;
        }
        S_unify_list(d, base, t, sure, n, items, count);
        i = k;
    }
}

/* Title-case headlines glue names to their verb: "Chris Christie Calls Hillary Clinton" is two
 * names around a verb of saying, not one name. */
static void S_split_at_verbs(const nr_doc *d, const nr_sent_info *si, nr_tag *t)
{
    size_t n = si->tok_end - si->tok_begin;
    for (size_t i = 1; i + 1 < n; i++) {
        size_t k = si->tok_begin + i;
        if (t[i] == NR_TAG_O || (t[i] & 1) || d->toks[k].kind != NR_TOK_WORD ||
            !nr_tok_speech_lemma(d, k))
            continue;
        nr_tag type = (nr_tag)(t[i] - 1);
        t[i] = NR_TAG_O;
        if (t[i + 1] == type + 1)
            t[i + 1] = type;
    }
}

/* "T Smith", "D O'Callaghan" in team lists: an initial left outside the person's name after it.
 * Not the pronoun "I", nor "A" opening a sentence. */
static void S_join_initial(const nr_doc *d, size_t base, nr_tag *t, size_t i)
{
    if (t[i] != NR_TAG_B_PER || t[i - 1] != NR_TAG_O || !S_initial(d, base + i - 1) ||
        nr_tok_is(d, base + i - 1, "I") || (i == 1 && nr_tok_is(d, base, "A")))
        return;
    t[i - 1] = NR_TAG_B_PER;
    t[i] = NR_TAG_I_PER;
}

/* "the Gambling | Bill": a dictionary word the tagger took for a person's one-word name, after a
 * capitalized word it left out, ends a title ("Gambling Bill", "Police Bill"), not a name. */
static void S_join_title_word(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    uint64_t not_before =
        NR_LEX_BIT(NR_LEX_GROUPS) | NR_LEX_BIT(NR_LEX_TITLES) | NR_LEX_BIT(NR_LEX_STOPWORDS);
    const nr_token *prev = &d->toks[base + i - 1];
    if (t[i] != NR_TAG_B_PER || (i + 1 < n && t[i + 1] == NR_TAG_I_PER) || t[i - 1] != NR_TAG_O ||
        i < 2 || prev->kind != NR_TOK_WORD || !(prev->flags & NR_TF_CAP) ||
        (prev->flags & NR_TF_ALLCAPS) || (prev->lists & not_before) ||
        !nr_tok_in(d, base + i, NR_LEX_COMMON_WORDS))
        return;
    t[i - 1] = NR_TAG_B_MISC;
    t[i] = NR_TAG_I_MISC;
}

/* "Centre | for Economic Policy Research", "Commission | on Social Justice": a name ending in a
 * word for a body, then "for", "against" or "on" and a capitalized run, is one organization. */
static void S_join_body(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    static const char *const joins[] = {"for", "against", "on"};
    if (t[i] != NR_TAG_O || t[i - 1] == NR_TAG_O || !nr_tok_in(d, base + i - 1, NR_LEX_ORG_WORDS) ||
        !NR_TOK_AMONG(d, base + i, joins))
        return;
    size_t e = i + 1;
    if (e < n && nr_tok_is(d, base + e, "the"))
        e++;
    if (e >= n || !S_cap_word(d, base + e) ||
        (t[e] == NR_TAG_B_PER && e + 1 < n && t[e + 1] == NR_TAG_I_PER) ||
        nr_calendar_word(nr_tok_text(d, base + e), nr_tok_len(d, base + e)) ||
        nr_calendar_word(nr_tok_text(d, base + e), nr_tok_len(d, base + e) - 1))
        return; /* not "the Electoral Commission on Thursday", nor "on Thursdays" */
    while (e < n && (S_cap_word(d, base + e) ||
                     ((nr_tok_is(d, base + e, "and") || nr_tok_is(d, base + e, "of") ||
                       nr_tok_is(d, base + e, "the")) &&
                      e + 1 < n && S_cap_word(d, base + e + 1))))
        e++;
    S_retag(t, n, S_name_begin(t, i - 1), e, NR_TAG_B_ORG);
}

/* "the Qatar | Open", "the Iraq | War", "the NRJ Music | Awards": a name other than a person's,
 * then a capitalized word that ends names of events, awards and laws, is one such name. */
static void S_join_event(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    if (t[i - 1] == NR_TAG_O || (t[i] != NR_TAG_O && !(t[i] & 1)) || !S_cap_word(d, base + i) ||
        !nr_tok_in(d, base + i, NR_LEX_OTHER_HEADS))
        return;
    size_t b = S_name_begin(t, i - 1);
    if (t[b] == NR_TAG_B_PER || (i + 1 < n && t[i + 1] != NR_TAG_O && !(t[i + 1] & 1)))
        return;
    S_retag(t, n, b, i + 1, NR_TAG_B_MISC);
}

/* "South | Asian", "Leicester | South": a point of the compass before a people's name makes
 * one people, and after a town's name one constituency, whatever the tagger made of either. */
static bool S_compass(const nr_doc *d, size_t k)
{
    static const char *const points[] = {"North",    "South",    "East",    "West",
                                         "Northern", "Southern", "Eastern", "Western"};
    return NR_TOK_AMONG(d, k, points);
}

static void S_join_compass(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    if (!(t[i] & 1) || !(t[i - 1] & 1))
        return; /* two names of one word each side of the join */
    bool single = i + 1 >= n || t[i + 1] == NR_TAG_O || (t[i + 1] & 1);
    if (S_compass(d, base + i - 1) && nr_tok_in(d, base + i, NR_LEX_GROUPS) && single) {
        S_retag(t, n, i - 1, i + 1, NR_TAG_B_MISC);
    } else if (S_compass(d, base + i) && single && (d->toks[base + i - 1].lists & NR_LEX_PLACES) &&
               (i < 2 || t[i - 2] == NR_TAG_O) && (i + 1 >= n || !S_cap_word(d, base + i + 1))) {
        S_retag(t, n, i - 1, i + 1, NR_TAG_B_LOC);
    }
}

/* "Lord Campbell | of Alloway", "Baroness Scotland | of Asthal": a peer's name runs on over
 * "of" and the place of the title. */
static void S_join_peerage(const nr_doc *d, size_t base, nr_tag *t, size_t i, size_t n)
{
    static const char *const peers[] = {"Lord", "Baroness", "Baron", "Lady", "Viscount", "Earl"};
    if (t[i] != NR_TAG_O || t[i - 1] == NR_TAG_O || !nr_tok_is(d, base + i, "of") || i + 1 >= n ||
        !S_cap_word(d, base + i + 1))
        return;
    size_t b = S_name_begin(t, i - 1);
    bool peer = NR_TOK_AMONG(d, base + b, peers) || (b > 0 && NR_TOK_AMONG(d, base + b - 1, peers));
    if (!peer || S_type(t[b]) != S_type(NR_TAG_B_PER))
        return;
    size_t e = i + 1;
    while (e < n && S_cap_word(d, base + e))
        e++;
    S_retag(t, n, b, e, NR_TAG_B_PER);
}

/* Repairs names the tagger cut in two. */
static void S_join_split_names(const nr_doc *d, const nr_sent_info *si, nr_tag *t)
{
    size_t n = si->tok_end - si->tok_begin;
    for (size_t i = 1; i < n; i++) {
        if (t[i] == NR_TAG_O && t[i - 1] == NR_TAG_O)
            continue; /* every join below needs a name on one side */
        if (!S_join_particle(d, si->tok_begin, t, i, n))
            S_join_adjacent(d, si->tok_begin, t, i, n);
        S_join_initial(d, si->tok_begin, t, i);
        S_join_title_word(d, si->tok_begin, t, i, n);
        S_join_body(d, si->tok_begin, t, i, n);
        S_join_event(d, si->tok_begin, t, i, n);
        S_join_peerage(d, si->tok_begin, t, i, n);
        S_join_compass(d, si->tok_begin, t, i, n);
    }
}

static bool S_tag_sentences(S_state *st)
{
    nr_doc *d = st->d;
    nr_tag_doc *td = nr_tag_prepare(d);
    nr_tag *tags = nr_alloc(d->arena, (d->n_toks + 1) * sizeof *tags);
    st->in_work = nr_alloc(d->arena, d->n_toks + 1);
    st->in_roll = nr_alloc(d->arena, d->n_toks + 1);
    if (!td || !tags || !st->in_work || !st->in_roll)
        return false;
    const nr_tag_model *model = nr_tag_builtin();
    for (size_t s = 0; s < d->art->n_sentences; s++) {
        const nr_sent_info *si = &d->sents[s];
        if (si->boilerplate)
            continue;
        nr_tag *t = tags + si->tok_begin;
        nr_tag_sentence(td, s, model, t);
        S_split_at_verbs(d, si, t);
        S_join_split_names(d, si, t);
        S_known_names(d, si, t);
        if (!S_work_titles(st, si, t) || !S_listed_works(st, si, t) || !S_caps_titles(st, si, t))
            return false;
    }
    /* Names are taken once every title of a work in the article is known. */
    for (size_t s = 0; s < d->art->n_sentences; s++) {
        const nr_sent_info *si = &d->sents[s];
        if (si->boilerplate)
            continue;
        nr_tag *t = tags + si->tok_begin;
        S_repeat_titles(st, si, t);
        S_coordination(d, si->tok_begin, t, st->in_roll + si->tok_begin,
                       si->tok_end - si->tok_begin);
        size_t n = si->tok_end - si->tok_begin;
        for (size_t i = 0; i < n;) {
            if (t[i] == NR_TAG_O) {
                i++;
                continue;
            }
            nr_tag begin = (t[i] & 1) ? t[i] : (nr_tag)(t[i] - 1);
            size_t j = i + 1;
            while (j < n && t[j] == begin + 1)
                j++;
            if (!S_take_name(st, si, si->tok_begin + i, si->tok_begin + j, begin))
                return false;
            i = j;
        }
    }
    return true;
}

static bool S_dateline(S_state *st)
{
    nr_doc *d = st->d;
    if (d->dateline_tok_end < 0)
        return true;
    size_t tb = nr_tok_at(d, d->dateline_b), te = tb;
    while (te < d->n_toks && d->toks[te].e <= d->dateline_e)
        te++;
    return te == tb || S_add_mention(st, tb, te, NULL, NR_LOCATION);
}

/* ---- linking ------------------------------------------------------------------------- */

/* Initials of the capitalized words, with or without the small words between them: both
 * "DOJ" (Department of Justice) and "DHS" (Department of Homeland Security) are in use. */
static const char *S_initials(nr_arena *a, const nr_doc *d, size_t tb, size_t te, bool small)
{
    char buf[32];
    size_t n = 0;
    for (size_t k = tb; k < te && n + 1 < sizeof buf; k++) {
        if (d->toks[k].kind == NR_TOK_WORD && (small || (d->toks[k].flags & NR_TF_CAP)))
            buf[n++] = (char)(d->art->text[d->toks[k].b] | 0x20);
    }
    return n >= 2 ? nr_strndup(a, buf, n) : NULL;
}

/* The key with only its letters and digits: "Time Warner" and "TimeWarner" meet here. */
static const char *S_compact(nr_arena *a, const char *key)
{
    size_t n = strlen(key), k = 0;
    char *out = nr_alloc(a, n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (key[i] != ' ' && key[i] != '.' && key[i] != '-' && key[i] != '\'')
            out[k++] = key[i];
    }
    out[k] = '\0';
    return out;
}

/* The compact key of an organization's name without its legal form ("Time Warner Inc." ->
 * "timewarner"), or NULL when the name has none. */
static const char *S_short_company(nr_arena *a, const nr_doc *d, const S_mention *m)
{
    size_t te = m->te;
    if (te - m->tb >= 3 && nr_tok_is(d, te - 1, "."))
        te--;
    if (m->kind != NR_ORGANIZATION || te - m->tb < 2 ||
        !nr_tok_in(d, te - 1, NR_LEX_COMPANY_SUFFIXES))
        return NULL;
    const char *key = nr_fold_key(a, nr_tok_text(d, m->tb), d->toks[te - 2].e - d->toks[m->tb].b);
    return key ? S_compact(a, key) : NULL;
}

static bool S_put_new(nr_strmap *map, const char *key, int idx)
{
    return !key || nr_strmap_get(map, key) >= 0 || nr_strmap_put(map, key, idx);
}

/* "Arsene Wenger" or "Will Greenwood" taken for an organization or a place: two capitalized
 * words, the first a given name or no dictionary word nor listed name, the second no word that
 * names a body, place or event, the whole listed nowhere ("Aston Villa", "Real Sociedad" and
 * "Apple Mac" are not people). Their surname alone, taken for a person, links to them. */
static bool S_person_shaped(const nr_doc *d, const S_mention *m)
{
    if (m->te != m->tb + 2 || (m->kind != NR_ORGANIZATION && m->kind != NR_LOCATION))
        return false;
    uint64_t first = NR_LEX_BIT(NR_LEX_COMMON_WORDS) | NR_LEX_NAMED_LISTS | NR_LEX_PLACES |
                     NR_LEX_BIT(NR_LEX_GROUPS) | NR_LEX_BIT(NR_LEX_ORG_WORDS);
    uint64_t last = NR_LEX_BIT(NR_LEX_ORG_WORDS) | NR_LEX_BIT(NR_LEX_COMPANY_SUFFIXES) |
                    NR_LEX_BIT(NR_LEX_PLACE_HEADS) | NR_LEX_BIT(NR_LEX_OTHER_HEADS) |
                    NR_LEX_BIT(NR_LEX_COMMON_WORDS);
    uint64_t whole = S_span_lists(d, m->tb, m->te);
    bool given = S_first_name(d, m->tb) && !(d->toks[m->tb].lists & NR_LEX_NAMED_LISTS);
    return S_cap_word(d, m->tb) && S_cap_word(d, m->tb + 1) &&
           (given || !(d->toks[m->tb].lists & first)) && !(d->toks[m->tb + 1].lists & last) &&
           !(whole & (NR_LEX_NAMED_LISTS | NR_LEX_PLACES));
}

/* "Nottingham Forest ... Forest", "Goldman Sachs ... Sachs": the last word of a body's name
 * alone names the body, unless it says what kind of body it is ("Council", "Inc") or names a
 * place or a people ("Bank of England", "Royal Dutch"). */
static bool S_body_short_form(const nr_doc *d, size_t k)
{
    uint64_t generic = NR_LEX_BIT(NR_LEX_ORG_WORDS) | NR_LEX_BIT(NR_LEX_COMPANY_SUFFIXES) |
                       NR_LEX_BIT(NR_LEX_GROUPS) | NR_LEX_PLACES | NR_LEX_BIT(NR_LEX_STOPWORDS);
    return S_cap_word(d, k) && !(d->toks[k].flags & NR_TF_ALLCAPS) && !(d->toks[k].lists & generic);
}

static bool S_index_actor(S_state *st, int idx, const S_mention *m, const char *key)
{
    nr_doc *d = st->d;
    const char *compact = S_compact(d->arena, key);
    if (!compact || !nr_strmap_put(&st->by_key, key, idx) ||
        !S_put_new(&st->by_compact, compact, idx) ||
        !S_put_new(&st->by_compact, S_short_company(d->arena, d, m), idx))
        return false;
    if (m->kind == NR_OTHER && strncmp(key, "the ", 4) == 0 &&
        !S_put_new(&st->by_key, key + 4, idx))
        return false; /* the work "The Aviator" is "Aviator" in a headline */
    bool shaped = S_person_shaped(d, m);
    st->actors.items[idx].person_shaped = shaped;
    if ((m->kind == NR_PERSON || shaped) && m->te - m->tb >= 2) {
        const char *last =
            nr_fold_key(d->arena, nr_tok_text(d, m->te - 1), nr_tok_len(d, m->te - 1));
        if (!last ||
            (nr_strmap_get(&st->by_last, last) < 0 && !nr_strmap_put(&st->by_last, last, idx)))
            return false;
    }
    if (m->kind == NR_ORGANIZATION && m->te - m->tb >= 2 && S_body_short_form(d, m->te - 1)) {
        const char *last =
            nr_fold_key(d->arena, nr_tok_text(d, m->te - 1), nr_tok_len(d, m->te - 1));
        if (!S_put_new(&st->by_body_last, last, idx))
            return false;
    }
    if ((m->kind == NR_ORGANIZATION || m->kind == NR_OTHER) && m->te - m->tb >= 2) {
        for (int small = 0; small <= 1; small++) {
            const char *ini = S_initials(d->arena, d, m->tb, m->te, small);
            if (ini && nr_strmap_get(&st->by_initials, ini) < 0 &&
                !nr_strmap_put(&st->by_initials, ini, idx))
                return false;
        }
    }
    return true;
}

static int S_new_actor(S_state *st, size_t mi, const char *key)
{
    nr_doc *d = st->d;
    const S_mention *m = &st->ms.items[mi];
    S_actor *a = NR_PUSH(d->arena, st->actors);
    if (!a)
        return -1;
    int idx = (int)st->actors.n - 1;
    a->kind = m->kind;
    a->name = nr_strndup(d->arena, d->art->text + m->b, m->e - m->b);
    a->key = key;
    a->title = m->title;
    if (!a->name || !S_index_actor(st, idx, m, key))
        return -1;
    return idx;
}

static bool S_same_key(nr_arena *ar, const char *x, const char *s, size_t n)
{
    const char *kx = nr_fold_key(ar, x, strlen(x)), *ks = nr_fold_key(ar, s, n);
    return kx && ks && strcmp(kx, ks) == 0;
}

/* Aliases are other forms of the name; "MARCHETTI-ROSSI" in a headline is not another form of
 * "Marchetti-Rossi", so forms that differ only in case or accents are kept once. */
static bool S_add_alias(nr_doc *d, S_actor *a, const char *s, size_t n)
{
    if (S_same_key(d->arena, a->name, s, n))
        return true;
    for (size_t i = 0; i < a->aliases.n; i++) {
        if (S_same_key(d->arena, a->aliases.items[i], s, n))
            return true;
    }
    const char **slot = NR_PUSH(d->arena, a->aliases);
    if (!slot)
        return false;
    *slot = nr_strndup(d->arena, s, n);
    return *slot != NULL;
}

/* "Securities and Exchange Commission (SEC)": the acronym right after its expansion. */
static int S_parenthesized_expansion(const S_state *st, size_t mi)
{
    const nr_doc *d = st->d;
    const S_mention *m = &st->ms.items[mi];
    if (m->tb < 2 || !nr_tok_is(d, m->tb - 1, "("))
        return -1;
    for (size_t k = 0; k < st->ms.n; k++) {
        const S_mention *p = &st->ms.items[k];
        if (p->te == m->tb - 1 && (p->kind == NR_ORGANIZATION || p->kind == NR_OTHER))
            return p->actor;
    }
    return -1;
}

static int S_find_actor(S_state *st, size_t mi, const char *key, nr_form *form)
{
    const nr_doc *d = st->d;
    const S_mention *m = &st->ms.items[mi];
    int a = nr_strmap_get(&st->by_key, key);
    if (a >= 0)
        return a;
    const char *compact = S_compact(d->arena, key);
    const char *company = S_short_company(d->arena, d, m);
    if ((compact && (a = nr_strmap_get(&st->by_compact, compact)) >= 0) ||
        (company && (a = nr_strmap_get(&st->by_compact, company)) >= 0)) {
        *form = NR_ALIAS;
        return a;
    }
    if (S_is_acronym(d, m->tb, m->te) && m->kind != NR_PERSON && m->kind != NR_LOCATION) {
        a = S_parenthesized_expansion(st, mi);
        if (a < 0)
            a = nr_strmap_get(&st->by_initials, key);
        if (a >= 0) {
            *form = NR_ACRONYM;
            return a;
        }
    }
    bool work = m->sure && m->kind == NR_OTHER; /* "the film Kinsey" is not Alfred Kinsey */
    if (m->te - m->tb == 1 && m->kind != NR_LOCATION && m->kind != NR_GROUP && !work)
        a = nr_strmap_get(&st->by_last, key);
    if (a < 0 && m->te - m->tb == 1 &&
        (m->kind == NR_ORGANIZATION || m->kind == NR_LOCATION || m->kind == NR_PERSON) &&
        !(d->toks[m->tb].lists & NR_LEX_PLACES)) {
        a = nr_strmap_get(&st->by_body_last, key);
        const char *body = a >= 0 ? st->actors.items[a].key : NULL;
        if (body && m->kind == NR_PERSON && !(nr_lex_lists(body, strlen(body)) & NR_LEX_ORG_LISTS))
            a = -1; /* "Stern" is no short form of "DJ Howard Stern", a person taken for a body */
    }
    if (a >= 0)
        *form = NR_ALIAS;
    return a;
}

/* A dateline's "NEW ORLEANS" gives way to "New Orleans" as the canonical name. */
static bool S_all_caps(const char *s)
{
    size_t i = 0, n = strlen(s);
    bool lower = false;
    while (i < n && !lower) {
        uint32_t c = nr_utf8_next(s, n, &i);
        lower = nr_is_lower(c);
    }
    return !lower;
}

static bool S_link_one(S_state *st, size_t mi)
{
    nr_doc *d = st->d;
    S_mention *m = &st->ms.items[mi];
    const char *key = nr_fold_key(d->arena, d->art->text + m->b, m->e - m->b);
    if (!key)
        return false;
    nr_form form = NR_NAME;
    int a = S_find_actor(st, mi, key, &form);
    if (a < 0 && (a = S_new_actor(st, mi, key)) < 0)
        return false;
    S_actor *act = &st->actors.items[a];
    if (form != NR_NAME && !S_add_alias(d, act, d->art->text + m->b, m->e - m->b))
        return false;
    if (form == NR_NAME && S_all_caps(act->name) && !S_all_caps(d->art->text + m->b))
        act->name = nr_strndup(d->arena, d->art->text + m->b, m->e - m->b);
    if (!act->title && m->title)
        act->title = m->title;
    act->votes[m->kind]++;
    act->sure_votes[m->kind] += m->sure;
    act->rolled = act->rolled || m->rolled;
    if (m->te - m->tb >= 2) {
        act->full_votes[m->kind]++;
        if (!act->given) {
            act->given = true;
            act->given_tok = m->tb;
        }
    }
    m->form = form;
    m->actor = a;
    return true;
}

static bool S_any_vote(const int *votes)
{
    return votes[NR_PERSON] + votes[NR_ORGANIZATION] + votes[NR_LOCATION] + votes[NR_GROUP] > 0;
}

/* The kind most of an actor's mentions were tagged with ("other" only when none had a type;
 * ties go to the kind listed first). Mentions whose context says the kind outvote the rest, and
 * full names outvote short forms: "Time Warner" tagged an organization outweighs two
 * "TimeWarner said" taken for a person, and "Consumer Electronics Show", an event, outweighs
 * "CES" taken for an organization. */
static nr_kind S_vote(const S_actor *act)
{
    if (strncmp(act->name, "The ", 4) == 0 && act->full_votes[NR_OTHER] > 0)
        return NR_OTHER; /* only titles of works keep their "The" ("The History Boys") */
    const int *sure = act->sure_votes;
    if (sure[NR_OTHER] > sure[NR_PERSON] && sure[NR_OTHER] > sure[NR_ORGANIZATION] &&
        sure[NR_OTHER] > sure[NR_LOCATION])
        return NR_OTHER; /* "the film Ray" makes every "Ray" of the article the film */
    const int *full = act->full_votes;
    const int *votes = S_any_vote(act->sure_votes)              ? act->sure_votes
                       : S_any_vote(full) || full[NR_OTHER] > 0 ? full
                                                                : act->votes;
    int best = NR_OTHER;
    for (int k = 0; k < NR_OTHER; k++) {
        if (votes[k] > 0 && (best == NR_OTHER || votes[k] > votes[best]))
            best = k;
    }
    return (nr_kind)best;
}

/* A name never given a title nor written in full, that the lists know as an organization or as
 * an award, holiday or product: "Google", "Oscar", "Christmas". The tagger's person or place for
 * such a bare name is weak evidence ("Sony" is no place); "Chelsea Clinton", "Mr Ray" and a
 * name that also names a place keep theirs. */
static nr_kind S_listed_kind(const S_actor *act, nr_kind kind)
{
    if (act->given || act->title || kind == NR_GROUP || kind == NR_OTHER || act->rolled ||
        (kind == NR_LOCATION && act->sure_votes[kind] > 0))
        return kind; /* "born in Tredegar" is the town, whatever company bears its name */
    uint64_t lists = nr_lex_lists(act->key, strlen(act->key));
    if (kind == NR_LOCATION && (lists & NR_LEX_PLACES))
        return kind; /* "Chelsea" may be the district */
    if (lists & (NR_LEX_BIT(NR_LEX_OTHER_NAMES) | NR_LEX_BIT(NR_LEX_STANDARDS)))
        return NR_OTHER;
    if (kind != NR_ORGANIZATION && (lists & NR_LEX_ORG_LISTS))
        return NR_ORGANIZATION;
    return kind;
}

/* Full names first, so a short form seen before its full name ("Landrieu ... Mitch Landrieu")
 * still joins it; then every actor takes the kind most of its mentions were tagged with. */
static bool S_link(S_state *st)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t mi = 0; mi < st->ms.n; mi++) {
            const S_mention *m = &st->ms.items[mi];
            bool full = m->te - m->tb >= 2;
            if (full == (pass == 0) && !S_link_one(st, mi))
                return false;
        }
    }
    for (size_t a = 0; a < st->actors.n; a++) {
        S_actor *act = &st->actors.items[a];
        act->kind = S_listed_kind(act, S_vote(act));
        bool short_person = act->votes[NR_PERSON] > act->full_votes[NR_PERSON];
        if (act->person_shaped && short_person && act->kind != NR_OTHER)
            act->kind = NR_PERSON; /* "Arsene Wenger ... Wenger said" */
    }
    return true;
}

/* ---- names in capitals ---------------------------------------------------------------- */

#define NR_MAX_CAPS_NAME 4

/* The actor that the capitals tokens [tb, te) name, or -1: "MERKEL" for Angela Merkel. */
static int S_caps_actor(S_state *st, size_t tb, size_t te, nr_form *form)
{
    nr_doc *d = st->d;
    const char *key = nr_fold_key(d->arena, nr_tok_text(d, tb), d->toks[te - 1].e - d->toks[tb].b);
    if (!key)
        return -1;
    *form = NR_NAME;
    int a = nr_strmap_get(&st->by_key, key);
    if (a < 0 && te == tb + 1 && (a = nr_strmap_get(&st->by_last, key)) >= 0)
        *form = NR_ALIAS;
    return a;
}

static int S_cmp_tb(const void *x, const void *y)
{
    const S_mention *a = x, *b = y;
    return a->tb < b->tb ? -1 : a->tb > b->tb;
}

/* Headlines and sports tables in capitals ("PUTIN MEETS MERKEL") name actors the tagger finds
 * in ordinary type elsewhere in the article; capitals words that spell a known actor's name
 * become its mentions. Then mentions are put back in text order. */
static bool S_caps_mentions(S_state *st)
{
    nr_doc *d = st->d;
    bool *covered = nr_alloc(d->arena, d->n_toks + 1);
    if (!covered)
        return false;
    for (size_t mi = 0; mi < st->ms.n; mi++) {
        for (size_t k = st->ms.items[mi].tb; k < st->ms.items[mi].te; k++)
            covered[k] = true;
    }
    size_t before = st->ms.n;
    for (size_t i = 0; i < d->n_toks; i++) {
        if (covered[i] || !(d->toks[i].flags & NR_TF_ALLCAPS) ||
            (d->toks[i].flags & NR_TF_BOILERPLATE))
            continue;
        size_t n = 1;
        while (n < NR_MAX_CAPS_NAME && i + n < d->n_toks && !covered[i + n] &&
               (d->toks[i + n].flags & NR_TF_ALLCAPS) &&
               d->toks[i + n].sentence == d->toks[i].sentence)
            n++;
        for (; n > 0; n--) {
            nr_form form;
            int a = S_caps_actor(st, i, i + n, &form);
            if (a < 0 || (n == 1 && nr_tok_in(d, i, NR_LEX_STOPWORDS)))
                continue;
            if (!S_add_mention(st, i, i + n, NULL, st->actors.items[a].kind))
                return false;
            S_mention *m = &st->ms.items[st->ms.n - 1];
            m->actor = a;
            m->form = form;
            if (form == NR_ALIAS &&
                !S_add_alias(d, &st->actors.items[a], d->art->text + m->b, m->e - m->b))
                return false;
            i += n - 1;
            break;
        }
    }
    if (st->ms.n == before)
        return true;
    qsort(st->ms.items, st->ms.n, sizeof *st->ms.items, S_cmp_tb);
    return true;
}

/* ---- pronouns ------------------------------------------------------------------------ */

static nr_gender S_word_gender(const char *s, size_t n, bool names)
{
    bool m = nr_lex_has_ci(NR_LEX_MALE_TITLES, s, n) ||
             (names && nr_lex_has_ci(NR_LEX_MALE_NAMES, s, n));
    bool f = nr_lex_has_ci(NR_LEX_FEMALE_TITLES, s, n) ||
             (names && nr_lex_has_ci(NR_LEX_FEMALE_NAMES, s, n));
    return m == f ? NR_GENDER_UNKNOWN : m ? NR_GENDER_MALE : NR_GENDER_FEMALE;
}

/* Gender from the title ("Mrs.", "chairwoman") or else the first name ("Mitch"). */
static void S_actor_gender(const nr_doc *d, S_actor *a)
{
    for (const char *t = a->title; t && *t && a->gender == NR_GENDER_UNKNOWN;) {
        size_t n = strcspn(t, " .,");
        a->gender = S_word_gender(t, n, false);
        t += n;
        t += strspn(t, " .,");
    }
    if (a->gender == NR_GENDER_UNKNOWN && a->kind == NR_PERSON && a->given)
        a->gender = S_word_gender(nr_tok_text(d, a->given_tok), nr_tok_len(d, a->given_tok), true);
}

/* "his wife Glenys", "actress Imelda Staunton": a word of kin or role right before a person's
 * name, not taken as a title, gives the gender a title would. */
static void S_gender_before(const nr_doc *d, const S_mention *m, S_actor *a)
{
    if (a->gender != NR_GENDER_UNKNOWN || a->kind != NR_PERSON || m->tb == 0)
        return;
    size_t k = m->tb - 1;
    if (d->toks[k].kind == NR_TOK_WORD && !(d->toks[k].flags & NR_TF_CAP))
        a->gender = S_word_gender(nr_tok_text(d, k), nr_tok_len(d, k), false);
}

/* "Klinsmann added:", "said Mr Blair": a name outside quotations next to a verb of saying,
 * most likely the speaker of the quotation around it. */
static bool S_speaker_mention(const nr_doc *d, const S_mention *m, const bool *quoted)
{
    if (quoted[m->tb])
        return false;
    size_t k = m->te;
    if (k < d->n_toks && nr_tok_in(d, k, NR_LEX_CUE_ADVERBS))
        k++;
    bool ends = m->te >= d->n_toks || d->toks[m->te].kind == NR_TOK_PUNCT ||
                d->toks[m->te].sentence != d->toks[m->tb].sentence;
    return (k < d->n_toks && nr_tok_speech_lemma(d, k)) ||
           (ends && m->tb > 0 && nr_tok_speech_lemma(d, m->tb - 1)); /* "said Mr Blair." */
}

/* The person a pronoun most plausibly means: the nearest earlier sentence (its own included)
 * that names a person of a compatible gender, and in it the first such person, who is most often
 * the subject. names_before is the number of name mentions before the pronoun; the look-back is
 * bounded so a pathological sentence of names cannot make this quadratic. Inside a quotation the
 * speaker's mentions are passed over. None within the window: the pronoun is left out, not
 * guessed. */
#define NR_PRONOUN_LOOKBACK 64
static int S_antecedent(const S_state *st, size_t names_before, int sent, nr_gender g,
                        const bool *quoted, bool in_quote)
{
    int best = -1, best_sent = -1;
    for (size_t k = names_before, seen = 0; k > 0 && seen < NR_PRONOUN_LOOKBACK; k--, seen++) {
        const S_mention *m = &st->ms.items[k - 1];
        if (sent - m->sentence > NR_PRONOUN_WINDOW || (best >= 0 && m->sentence < best_sent))
            break;
        const S_actor *a = &st->actors.items[m->actor];
        if (a->kind != NR_PERSON ||
            (g != NR_GENDER_UNKNOWN && a->gender != NR_GENDER_UNKNOWN && a->gender != g))
            continue;
        if (in_quote && S_speaker_mention(st->d, m, quoted))
            continue;
        best = m->actor;
        best_sent = m->sentence;
    }
    return best;
}

/* Per token: inside a double quotation, which ends at its closing mark or its paragraph's end. */
static bool *S_quoted_tokens(const nr_doc *d)
{
    bool *quoted = nr_alloc(d->arena, d->n_toks + 1);
    if (!quoted)
        return NULL;
    bool open = false;
    for (size_t i = 0; i < d->n_toks; i++) {
        unsigned f = d->toks[i].flags;
        if (i > 0 && d->art->sentences[d->toks[i].sentence].paragraph !=
                         d->art->sentences[d->toks[i - 1].sentence].paragraph)
            open = false;
        if (!(f & NR_TF_SINGLE_QUOTE) && (f & (NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE)))
            open = (f & NR_TF_OPEN_QUOTE) != 0;
        quoted[i] = open;
    }
    return quoted;
}

/* A pronoun inside a quotation does not refer to the quotation's speaker: in "He lost three
 * times to Roddick," Arrese said, "he" is not Arrese. First-person pronouns are not resolved. */
static bool S_pronouns(S_state *st)
{
    nr_doc *d = st->d;
    size_t names = st->ms.n, before = 0;
    bool *quoted = S_quoted_tokens(d);
    if (!quoted)
        return false;
    for (size_t a = 0; a < st->actors.n; a++)
        S_actor_gender(d, &st->actors.items[a]);
    for (size_t mi = 0; mi < names; mi++)
        S_gender_before(d, &st->ms.items[mi], &st->actors.items[st->ms.items[mi].actor]);
    for (size_t i = 0; i < d->n_toks; i++) {
        while (before < names && st->ms.items[before].tb < i)
            before++;
        nr_gender g = nr_tok_pronoun_gender(d, i);
        if ((d->toks[i].flags & NR_TF_BOILERPLATE) || g == NR_GENDER_UNKNOWN)
            continue;
        int a = S_antecedent(st, before, d->toks[i].sentence, g, quoted, quoted[i]);
        if (a < 0)
            continue;
        S_actor *act = &st->actors.items[a];
        if (act->gender == NR_GENDER_UNKNOWN)
            act->gender = g;
        S_mention *m = NR_PUSH(d->arena, st->ms);
        if (!m)
            return false;
        *m = (S_mention){d->toks[i].b, d->toks[i].e,        i, i + 1, NULL, NR_PERSON,
                         NR_PRONOUN,   d->toks[i].sentence, a, false, false};
    }
    return true;
}

/* ---- output -------------------------------------------------------------------------- */

static int S_cmp_mention(const void *x, const void *y)
{
    const nr_mention *a = x, *b = y;
    if (a->span.bstart != b->span.bstart)
        return a->span.bstart < b->span.bstart ? -1 : 1;
    return a->span.bend < b->span.bend ? -1 : (a->span.bend > b->span.bend);
}

/* Lets later stages ask "which mention is this token in?" in O(1). */
static bool S_map_tokens(nr_doc *d)
{
    d->tok_mention = nr_alloc(d->arena, (d->n_toks + 1) * sizeof(int));
    if (!d->tok_mention)
        return false;
    for (size_t i = 0; i < d->n_toks; i++)
        d->tok_mention[i] = -1;
    size_t t = 0;
    for (size_t m = 0; m < d->art->n_mentions; m++) {
        const nr_span *sp = &d->art->mentions[m].span;
        while (t < d->n_toks && d->toks[t].e <= sp->bstart)
            t++;
        for (size_t k = t; k < d->n_toks && d->toks[k].b < sp->bend; k++)
            d->tok_mention[k] = (int)m;
    }
    return true;
}

/* Actors are numbered in the order they are first mentioned. */
static int *S_actor_order(S_state *st)
{
    nr_doc *d = st->d;
    size_t n = st->actors.n;
    int *rank = nr_alloc(d->arena, (n + 1) * sizeof(int));
    bool *done = nr_alloc(d->arena, n + 1);
    if (!rank || !done)
        return NULL;
    int next = 0;
    for (size_t mi = 0; mi < st->ms.n; mi++) {
        int a = st->ms.items[mi].actor;
        if (!done[a]) {
            done[a] = true;
            rank[a] = next++;
        }
    }
    return rank;
}

static bool S_emit(S_state *st)
{
    nr_doc *d = st->d;
    nr_article *art = d->art;
    int *rank = S_actor_order(st);
    art->n_mentions = st->ms.n;
    art->mentions = nr_alloc(d->arena, (st->ms.n + 1) * sizeof(nr_mention));
    art->n_actors = st->actors.n;
    art->actors = nr_alloc(d->arena, (st->actors.n + 1) * sizeof(nr_actor));
    if (!rank || !art->mentions || !art->actors)
        return false;
    for (size_t i = 0; i < st->ms.n; i++) {
        const S_mention *m = &st->ms.items[i];
        art->mentions[i] =
            (nr_mention){nr_make_span(&d->cpmap, m->b, m->e), m->form, m->sentence, rank[m->actor]};
    }
    qsort(art->mentions, art->n_mentions, sizeof(nr_mention), S_cmp_mention);
    for (size_t a = 0; a < st->actors.n; a++) {
        S_actor *sa = &st->actors.items[a];
        nr_actor *out = &art->actors[rank[a]];
        out->kind = sa->kind;
        out->name = sa->name;
        out->key = sa->key;
        out->title = sa->title;
        out->aliases = sa->aliases.items;
        out->n_aliases = sa->aliases.n;
    }
    /* Count first so each actor's mention list can be sized exactly. */
    size_t *counts = nr_alloc(d->arena, (st->actors.n + 1) * sizeof(size_t));
    if (!counts)
        return false;
    for (size_t i = 0; i < art->n_mentions; i++)
        counts[art->mentions[i].actor]++;
    for (size_t a = 0; a < st->actors.n; a++) {
        art->actors[a].mentions = nr_alloc(d->arena, (counts[a] + 1) * sizeof(int));
        if (!art->actors[a].mentions)
            return false;
    }
    for (size_t i = 0; i < art->n_mentions; i++) {
        nr_actor *a = &art->actors[art->mentions[i].actor];
        a->mentions[a->n_mentions++] = (int)i;
    }
    return S_map_tokens(d);
}

nr_status nr_find_actors(nr_doc *d)
{
    S_state st = {.d = d};
    nr_strmap_init(&st.by_key, d->arena);
    nr_strmap_init(&st.by_compact, d->arena);
    nr_strmap_init(&st.by_last, d->arena);
    nr_strmap_init(&st.by_body_last, d->arena);
    nr_strmap_init(&st.by_initials, d->arena);
    if (!S_dateline(&st) || !S_tag_sentences(&st) || !S_link(&st) || !S_caps_mentions(&st) ||
        !S_pronouns(&st) || !S_emit(&st))
        return NR_ENOMEM;
    return NR_OK;
}
