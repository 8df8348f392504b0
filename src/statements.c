/* statements.c: quotations and reported speech, each attributed to a speaker mention and a cue. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* How many tokens after a closing mark the "…," X said pattern may span ("…," Scott Pruitt, the
 * Republican attorney general of Oklahoma, said); it never runs past the sentence's end. */
#define NR_ATTRIB_WINDOW 24
/* A reported clause around a quotation reaches at most this many tokens beyond it, and a
 * dependent cue looks this far back for its clause's subject, so a run-on sentence (hostile
 * input) cannot make the work or the output quadratic. */
#define NR_CLAUSE_MAX 40
/* An unattributed quotation shorter than this is a scare quote or a title, not a statement. */
#define NR_MIN_UNATTRIBUTED_WORDS 4

typedef NR_VEC(nr_span) S_pieces;

typedef struct S_attrib {
    int cue_tok;     /* token index of the cue, or -1 */
    int cue_end_tok; /* one past the cue's last token ("according to" has two) */
    const char *lemma;
    bool has_speaker;
    size_t sb, se; /* the speaker's bytes: a mention, a pronoun or a description */
    int actor;     /* the speaker's actor, or -1 (a description or pronoun not resolved) */
} S_attrib;

typedef struct S_state {
    nr_doc *d;
    bool *in_statement;   /* per sentence: already holds a statement */
    size_t *para_tok_end; /* per paragraph: one past its last token */
    NR_VEC(nr_statement) out;
} S_state;

static const S_attrib S_NONE = {-1, -1, NULL, false, 0, 0, -1};

static bool S_init(S_state *st)
{
    nr_doc *d = st->d;
    st->in_statement = nr_alloc(d->arena, (d->art->n_sentences + 1) * sizeof(bool));
    st->para_tok_end = nr_alloc(d->arena, (d->art->n_paragraphs + 1) * sizeof(size_t));
    if (!st->in_statement || !st->para_tok_end)
        return false;
    for (size_t i = 0; i < d->n_toks; i++)
        st->para_tok_end[d->art->sentences[d->toks[i].sentence].paragraph] = i + 1;
    return true;
}

/* The ":" of a transcript label in capitals right after an opening mark ("“PENCE: …"), or 0. */
static size_t S_label_colon(const nr_doc *d, size_t open, size_t end)
{
    size_t k = open + 1;
    while (k < end && k < open + 4 && (d->toks[k].flags & NR_TF_ALLCAPS))
        k++;
    return k > open + 1 && k < end && nr_tok_is(d, k, ":") ? k : 0;
}

/* A double quotation mark with the given direction; single marks (also apostrophes after a
 * plural, "voters’") never bound an attribution search. */
static bool S_mark(const nr_doc *d, size_t i, unsigned dir)
{
    return (d->toks[i].flags & dir) && !(d->toks[i].flags & NR_TF_SINGLE_QUOTE);
}

/* "according to" at i, before end. */
static bool S_according_to(const nr_doc *d, size_t i, size_t end)
{
    return nr_tok_is_ci(d, i, "according") && i + 1 < end && nr_tok_is(d, i + 1, "to");
}

static const char *S_cue_lemma(const nr_doc *d, size_t i, size_t end, int *cue_end)
{
    /* A word inside a name ("the United States") is no cue, nor an infinitive of purpose ("to
     * confirm", "too early to tell"); "went on to say" reports. */
    if (d->toks[i].kind != NR_TOK_WORD || d->tok_mention[i] >= 0)
        return NULL;
    if (i >= 2 && nr_tok_is(d, i - 1, "to") && !nr_tok_is(d, i - 2, "on"))
        return NULL;
    if (S_according_to(d, i, end)) {
        *cue_end = (int)i + 2;
        return "according to";
    }
    *cue_end = (int)i + 1;
    return nr_tok_speech_lemma(d, i);
}

/* How far after a cue the speaker may start ("said Acting Commissioner Dana Whitfield"). */
#define NR_SPEAKER_AFTER 5
/* How long a clause between a speaker and the cue may be ("X, who voted against it, said"). */
#define NR_APPOSITION_MAX 16
/* How many words a speaker described by a noun phrase may have ("a narrator in the ad"). */
#define NR_DESCRIPTION_MAX 6

static bool S_sentence_subject(const S_state *st, size_t cue, size_t sent_begin, S_attrib *at);
static bool S_clause_subject(const S_state *st, size_t cue, size_t sent_begin, S_attrib *at);
static bool S_subject(const S_state *st, size_t cue, size_t lo, bool clause, S_attrib *at);

/* "later", "has", "repeatedly": words between a speaker and the cue. */
static bool S_adverb(const nr_doc *d, size_t i)
{
    const char *t = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i);
    bool ly = n > 4 && !(d->toks[i].flags & NR_TF_CAP) && t[n - 2] == 'l' && t[n - 1] == 'y';
    /* "didn't", "hasn’t": a negated auxiliary */
    return nr_tok_in(d, i, NR_LEX_CUE_ADVERBS) ||
           (d->toks[i].kind == NR_TOK_WORD && (ly || nr_tok_ends_nt(d, i)));
}

/* A lower-case word that reads as a finite verb ("goes", "warned"): ends a subject phrase. */
static bool S_verb_like(const nr_doc *d, size_t i)
{
    const char *w = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i);
    if (d->toks[i].flags & NR_TF_CAP || n < 4)
        return false;
    return memcmp(w + n - 2, "ed", 2) == 0 || (w[n - 1] == 's' && w[n - 2] != 's') ||
           nr_tok_speech_lemma(d, i) != NULL;
}

static void S_set_span(const nr_doc *d, size_t tb, size_t te, int actor, S_attrib *at)
{
    at->has_speaker = true;
    at->sb = d->toks[tb].b;
    at->se = d->toks[te - 1].e;
    at->actor = actor;
}

/* A place speaks only as a subject (place_speaks: "Russia insisted"); after a cue it is where
 * the speaking happened ("said at a Washington event"). */
static bool S_set_mention(const nr_doc *d, int m, bool place_speaks, S_attrib *at)
{
    const nr_mention *mm = &d->art->mentions[m];
    if (d->art->actors[mm->actor].kind == NR_LOCATION && !place_speaks)
        return false;
    at->has_speaker = true;
    at->sb = mm->span.bstart;
    at->se = mm->span.bend;
    at->actor = mm->actor;
    return true;
}

/* The one person whose title holds the head word of a description: "the mayor" is Mayor Mitch
 * Landrieu when he is the only mayor in the article; otherwise no actor. */
static int S_titled_actor(const nr_doc *d, size_t head)
{
    const char *w = nr_tok_text(d, head);
    size_t n = nr_tok_len(d, head);
    int found = -1;
    if (!nr_tok_in(d, head, NR_LEX_TITLES) && !nr_tok_in(d, head, NR_LEX_ROLES))
        return -1; /* only a title word can name someone's title; this also keeps the scan rare */
    for (size_t a = 0; a < d->art->n_actors; a++) {
        const nr_actor *ac = &d->art->actors[a];
        if (ac->kind != NR_PERSON || !ac->title)
            continue;
        for (const char *p = ac->title; *p;) {
            size_t len = strcspn(p, " .,");
            if (len == n && strncasecmp(p, w, n) == 0) {
                if (found >= 0 && found != (int)a)
                    return -1;
                found = (int)a;
                break;
            }
            p += len;
            p += strspn(p, " .,");
        }
    }
    return found;
}

/* A noun phrase ending with the word at head ("the ad's narrator", "officials"): back over
 * words, possessives and names to a determiner or a function word. */
static bool S_description(const nr_doc *d, size_t lo, size_t head, S_attrib *at)
{
    if (d->toks[head].kind != NR_TOK_WORD || nr_tok_in(d, head, NR_LEX_STOPWORDS) ||
        nr_tok_in(d, head, NR_LEX_TIME_NOUNS))
        return false;
    size_t b = head;
    while (b > lo && head - b < NR_DESCRIPTION_MAX) {
        size_t p = b - 1;
        if (nr_tok_in(d, p, NR_LEX_DETERMINERS)) {
            b = p;
            break;
        }
        bool part = nr_tok_possessive(d, p) || d->tok_mention[p] >= 0 ||
                    (d->toks[p].kind == NR_TOK_WORD && !nr_tok_in(d, p, NR_LEX_STOPWORDS));
        if (!part)
            break;
        b = p;
    }
    S_set_span(d, b, head + 1, S_titled_actor(d, head), at);
    return true;
}

/* A word of a time phrase between a speaker and the cue ("on Friday", "last week", "less than
 * two weeks ago"). */
static bool S_time_word(const nr_doc *d, size_t i)
{
    static const char *const words[] = {"on",   "last",  "ago",     "than",   "less",
                                        "more", "this",  "past",    "a",      "few",
                                        "two",  "three", "several", "couple", "of"};
    if (d->toks[i].kind == NR_TOK_NUMBER ||
        (nr_tok_in(d, i, NR_LEX_TIME_NOUNS) && d->tok_mention[i] < 0)) /* not "the Times" */
        return true;
    return NR_TOK_AMONG(d, i, words);
}

/* Where the words between a speaker and the cue begin: adverbs and auxiliaries ("later",
 * "has", "he’s predicting"), and a time phrase holding a time noun ("Priebus later Thursday
 * told", "The State Department less than two weeks ago said"). */
static size_t S_before_adjuncts(const nr_doc *d, size_t cue, size_t lo)
{
    size_t k = cue;
    for (;;) {
        while (k > lo && (S_adverb(d, k - 1) || (nr_tok_possessive(d, k - 1) && k - 1 > lo &&
                                                 nr_tok_in(d, k - 2, NR_LEX_PRONOUNS))))
            k--;
        size_t t = k;
        bool noun = false;
        while (t > lo && S_time_word(d, t - 1))
            noun |= nr_tok_in(d, --t, NR_LEX_TIME_NOUNS) && d->tok_mention[t] < 0;
        if (!noun || t == k)
            return k;
        k = t;
    }
}

/* "Sanders, who says …": a relative pronoun after a name and a comma speaks for the name. A
 * restrictive one ("anybody who complains about …") is left to the outer cue. */
static bool S_relative(const nr_doc *d, size_t t, size_t lo, S_attrib *at)
{
    if (!(nr_tok_is(d, t, "who") || nr_tok_is(d, t, "which")) || t < lo + 2 ||
        !nr_tok_is(d, t - 1, ",") || d->tok_mention[t - 2] < 0)
        return false;
    S_set_span(d, t, t + 1, d->art->mentions[d->tok_mention[t - 2]].actor, at);
    return true;
}

/* The mention of a person that fills tokens b to e exactly, or -1. */
static int S_person_between(const nr_doc *d, size_t b, size_t e)
{
    if (b >= e || d->tok_mention[b] < 0 || d->tok_mention[b] != d->tok_mention[e - 1])
        return -1;
    const nr_mention *m = &d->art->mentions[d->tok_mention[b]];
    bool whole = m->span.bstart == d->toks[b].b && m->span.bend == d->toks[e - 1].e;
    return whole && d->art->actors[m->actor].kind == NR_PERSON ? d->tok_mention[b] : -1;
}

/* The speaker before a cue ("Landrieu said", "he later said", "the ad's narrator says"),
 * skipping an appositive or relative clause set off by commas. */

static bool S_subject(const S_state *st, size_t cue, size_t lo, bool clause, S_attrib *at)
{
    const nr_doc *d = st->d;
    size_t k = S_before_adjuncts(d, cue, lo);
    if (k <= lo)
        return false;
    size_t t = k - 1;
    if (S_relative(d, t, lo, at))
        return true;
    /* Up to three bracketed or comma-set insertions: "Rep. Jim Jordan (R-Ohio), an oversight
     * panel member, said", "Scott Pruitt, the attorney general of Oklahoma, one of the states
     * suing the EPA, said". */
    int named = -1; /* the insertion next to the cue, when it is a person's name alone */
    for (int skips = 0; skips < 3 && (nr_tok_is(d, t, ",") || nr_tok_is(d, t, ")")); skips++) {
        const char *opener = nr_tok_is(d, t, ")") ? "(" : ",";
        size_t c = t;
        while (c-- > lo && t - c < NR_APPOSITION_MAX && !nr_tok_is(d, c, opener)) {
            if (S_mark(d, c, NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE))
                return false;
        }
        if (c <= lo || c >= t || !nr_tok_is(d, c, opener))
            return false;
        if (skips == 0)
            named = S_person_between(d, c + 1, t);
        t = c - 1;
    }
    if (d->tok_mention[t] >= 0) {
        const nr_mention *m = &d->art->mentions[d->tok_mention[t]];
        size_t mb = nr_tok_at(d, m->span.bstart);
        /* "Officials in Denver said": the place is not the speaker; the officials are. */
        bool in_place = d->art->actors[m->actor].kind == NR_LOCATION && mb > lo + 1 &&
                        nr_tok_in(d, mb - 1, NR_LEX_STOPWORDS) &&
                        !nr_tok_in(d, mb - 1, NR_LEX_DETERMINERS);
        if (in_place)
            return S_description(d, lo, mb - 2, at);
        return S_set_mention(d, d->tok_mention[t], true, at);
    }
    /* "his counterpart on the committee, Alan Beith, said": the name set off by commas is the
     * description's, and speaks. */
    if (named >= 0)
        return S_set_mention(d, named, false, at);
    if (nr_tok_in(d, t, NR_LEX_PRONOUNS) ||
        (nr_tok_in(d, t, NR_LEX_QUANTIFIERS) &&
         (t == lo || !nr_tok_in(d, t - 1, NR_LEX_DETERMINERS)))) {
        S_set_span(d, t, t + 1, -1, at);
        return true;
    }
    /* "X bemoaned the unrest and said …", "X began by saying …", "too early to tell": the
     * subject of the clause. */
    if (nr_tok_is(d, t, "and") || nr_tok_is(d, t, "but") || nr_tok_is(d, t, "by") ||
        nr_tok_is(d, t, "before") || nr_tok_is(d, t, "after") || nr_tok_is(d, t, "to") ||
        nr_tok_is(d, t, "for"))
        return clause && S_clause_subject(st, t, d->sents[d->toks[cue].sentence].tok_begin, at);
    return S_description(d, lo, t, at);
}

static bool S_subject_before(const S_state *st, size_t cue, size_t lo, S_attrib *at)
{
    return S_subject(st, cue, lo, true, at);
}

/* A group mention ("Russian", "British") right before a lower-case word: an adjective of the
 * noun that follows, not a speaker. */
static bool S_modifying_group(const nr_doc *d, int m)
{
    const nr_mention *mm = &d->art->mentions[m];
    size_t next = nr_tok_at(d, mm->span.bend);
    return d->art->actors[mm->actor].kind == NR_GROUP && next < d->n_toks &&
           d->toks[next].kind == NR_TOK_WORD && !(d->toks[next].flags & NR_TF_CAP);
}

/* The speaker after a cue: "said Landrieu", "said Acting Commissioner Dana Whitfield", "said
 * he", "said a spokesman for the campaign". */
static bool S_subject_after(const S_state *st, size_t from, size_t hi, S_attrib *at)
{
    const nr_doc *d = st->d;
    for (size_t k = from; k < hi && k < from + NR_SPEAKER_AFTER; k++) {
        /* "said Virginia delegate Beau Correll": the place describes, the person speaks; so
         * does a people before a noun ("said Russian oil official Sergei Oganesyan"). */
        if (d->tok_mention[k] >= 0 && !S_modifying_group(d, d->tok_mention[k]) &&
            S_set_mention(d, d->tok_mention[k], false, at))
            return true;
        /* "said 9/11 widow Terry Strada" reads on; a clause mark ends the search. */
        if (nr_tok_is(d, k, ",") || nr_tok_is(d, k, ";") || nr_tok_is(d, k, ":") ||
            S_mark(d, k, NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE))
            break;
    }
    if (from >= hi)
        return false;
    if (nr_tok_in(d, from, NR_LEX_PRONOUNS)) {
        S_set_span(d, from, from + 1, -1, at);
        return true;
    }
    /* "said one of those advisers", "tweeted another" */
    if (nr_tok_in(d, from, NR_LEX_QUANTIFIERS)) {
        size_t e = from + 1;
        if (e + 1 < hi && nr_tok_is(d, e, "of"))
            for (e += 1; e < hi && e - from <= NR_DESCRIPTION_MAX &&
                         d->toks[e].kind == NR_TOK_WORD && !nr_tok_is(d, e, "who");
                 e++)
                ;
        S_set_span(d, from, e, -1, at);
        return true;
    }
    /* "says Paul Rieckhoff, founder of …": capitalized words the name tagger missed. */
    size_t caps = from;
    while (caps < hi && caps - from < NR_DESCRIPTION_MAX && d->toks[caps].kind == NR_TOK_WORD &&
           (d->toks[caps].flags & NR_TF_CAP) && !nr_tok_in(d, caps, NR_LEX_STOPWORDS))
        caps++;
    if (caps > from) {
        S_set_span(d, from, caps, -1, at);
        return true;
    }
    if (!nr_tok_in(d, from, NR_LEX_DETERMINERS))
        return false;
    size_t e = from + 1; /* "the Florida senator", "the 46-year-old" */
    while (e < hi && e - from <= NR_DESCRIPTION_MAX && d->toks[e].kind != NR_TOK_PUNCT &&
           !nr_tok_in(d, e, NR_LEX_STOPWORDS))
        e++;
    if (e == from + 1 || nr_tok_in(d, e - 1, NR_LEX_TIME_NOUNS))
        return false;
    S_set_span(d, from, e, S_titled_actor(d, e - 1), at);
    return true;
}

/* “…” ― Pamela Padilla / "…" -Commissioner Dana Whitfield: a dash then the speaker's name. */
static S_attrib S_dash_after(const S_state *st, size_t close, size_t para_end)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t k = close + 1;
    if (k + 1 >= para_end || !nr_tok_is_dash(d, k))
        return a;
    for (size_t j = k + 1; j < para_end && j < k + 1 + NR_SPEAKER_AFTER; j++) {
        if (d->tok_mention[j] >= 0) {
            S_set_mention(d, d->tok_mention[j], false, &a);
            return a;
        }
        if (!(d->toks[j].flags & NR_TF_CAP))
            break;
    }
    return a;
}

/* "“WALLACE: Let’s start …”": a transcript's speaker label opens the quotation. */
static S_attrib S_label_inside(const S_state *st, size_t open, size_t close)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t colon = S_label_colon(d, open, close);
    if (colon &&
        (d->tok_mention[open + 1] < 0 || !S_set_mention(d, d->tok_mention[open + 1], false, &a)))
        S_set_span(d, open + 1, colon, -1, &a);
    return a;
}

/* The name or pronoun that opens a sentence (not inside a quotation): the subject of its
 * main clause, who speaks through a participle or a second verb. */
static bool S_sentence_subject(const S_state *st, size_t cue, size_t sent_begin, S_attrib *at)
{
    const nr_doc *d = st->d;
    if (S_mark(d, sent_begin, NR_TF_OPEN_QUOTE))
        return false;
    /* "In an August speech, Trump attacked …": the subject follows an introductory phrase. */
    if (nr_tok_in(d, sent_begin, NR_LEX_ADJUNCT_OPENERS)) {
        size_t k = sent_begin + 1;
        while (k < cue && k - sent_begin < NR_CLAUSE_MAX && !nr_tok_is(d, k, ","))
            k++;
        if (k + 1 < cue && nr_tok_is(d, k, ","))
            sent_begin = k + 1;
    }
    for (size_t k = sent_begin; k + 1 < cue && k < sent_begin + NR_SPEAKER_AFTER; k++) {
        if (d->tok_mention[k] >= 0) /* the subject may be a place: "Russia insisted" */
            return S_set_mention(d, d->tok_mention[k], true, at);
        if (nr_tok_in(d, k, NR_LEX_PRONOUNS)) {
            S_set_span(d, k, k + 1, -1, at);
            return true;
        }
    }
    /* "The email goes on to say": a determiner and the nouns after it, up to the verb. */
    if (!nr_tok_in(d, sent_begin, NR_LEX_DETERMINERS))
        return false;
    size_t e = sent_begin + 1;
    while (e < cue && e - sent_begin <= NR_DESCRIPTION_MAX && d->toks[e].kind == NR_TOK_WORD &&
           !nr_tok_in(d, e, NR_LEX_STOPWORDS) && !S_verb_like(d, e))
        e++;
    if (e == sent_begin + 1)
        return false;
    S_set_span(d, sent_begin, e, S_titled_actor(d, e - 1), at);
    return true;
}

/* The subject of the clause a dependent cue belongs to: the speaker of a cue before it in the
 * sentence ("“…,” the mayor said, adding that …"; "Sanders said, going on to say …"), else the
 * name or pronoun that opens the sentence ("Rival Hillary Clinton had mocked the complaint,
 * saying …"). */
static bool S_clause_subject(const S_state *st, size_t cue, size_t sent_begin, S_attrib *at)
{
    const nr_doc *d = st->d;
    /* Bounded, and without a further clause fallback: a run-on "… and said … and said …" must
     * not chain back through every cue of the sentence. */
    for (size_t k = cue; k-- > sent_begin && cue - k <= NR_CLAUSE_MAX;) {
        if (S_mark(d, k, NR_TF_CLOSE_QUOTE))
            break;
        int end;
        if (!S_cue_lemma(d, k, cue, &end))
            continue;
        return S_subject(st, k, sent_begin, false, at) || S_subject_after(st, (size_t)end, cue, at);
    }
    return S_sentence_subject(st, cue, sent_begin, at);
}

/* A participle cue after a comma, or after words that are not its subject ("unleashed a series
 * of tweets early Friday saying …"), speaks for the subject of its clause. */
static bool S_participle_subject(const S_state *st, size_t cue, size_t sent_begin, S_attrib *at)
{
    const nr_doc *d = st->d;
    size_t n = nr_tok_len(d, cue);
    const char *t = nr_tok_text(d, cue);
    if (cue == sent_begin || n < 5 || memcmp(t + n - 3, "ing", 3) != 0)
        return false;
    bool subject_next = d->tok_mention[cue - 1] >= 0 || nr_tok_in(d, cue - 1, NR_LEX_PRONOUNS);
    if (!nr_tok_is(d, cue - 1, ",") && subject_next)
        return false;
    return S_clause_subject(st, cue - 1, sent_begin, at);
}

/* Looks for "…," X said / "…," said X in the tokens after a closing quotation mark. */
static S_attrib S_after(const S_state *st, size_t close, size_t para_end)
{
    const nr_doc *d = st->d;
    size_t hi = close + 1 + NR_ATTRIB_WINDOW < para_end ? close + 1 + NR_ATTRIB_WINDOW : para_end;
    /* "“…?” Trump asked." may be split after the mark; the attribution then comes first in
     * the next sentence, not deep inside it. */
    bool split = close + 1 < hi && d->toks[close + 1].sentence != d->toks[close].sentence;
    for (size_t i = close + 1; i < hi; i++) {
        if (S_mark(d, i, NR_TF_OPEN_QUOTE) ||
            (i > close + 1 && d->toks[i].sentence != d->toks[i - 1].sentence) ||
            (split && i - close > NR_SPEAKER_AFTER + 1))
            break;
        int cue_end;
        const char *lemma = S_cue_lemma(d, i, hi, &cue_end);
        if (!lemma)
            continue;
        S_attrib a = S_NONE;
        a.cue_tok = (int)i;
        a.cue_end_tok = cue_end;
        a.lemma = lemma;
        /* "…," said X: the speaker follows only a cue right after the quotation (and always
         * "according to"). */
        bool inverted =
            i <= close + 2 || strcmp(lemma, "according to") == 0 || nr_tok_is(d, i - 1, ",");
        if (strcmp(lemma, "according to") == 0 && S_subject_after(st, (size_t)cue_end, hi, &a))
            return a;
        if (!S_subject_before(st, i, close + 1, &a) && inverted)
            S_subject_after(st, (size_t)cue_end, hi, &a);
        return a;
    }
    return S_NONE;
}

/* "“…,” Hannity pressed." / "“…?” reacted Trump.": a quotation that ends on a comma, question or
 * exclamation mark and is followed at once by a name or pronoun and a verb (or a past-tense verb
 * and a name) is that speaker's, whatever the verb. */
static S_attrib S_after_verb(const S_state *st, size_t close, size_t para_end)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t k = close + 1;
    if (close == 0 || k + 1 >= para_end ||
        !(nr_tok_is(d, close - 1, ",") || nr_tok_is(d, close - 1, "?") ||
          nr_tok_is(d, close - 1, "!")))
        return a;
    size_t verb;
    if (d->tok_mention[k] >= 0 || nr_tok_in(d, k, NR_LEX_PRONOUNS)) {
        verb = d->tok_mention[k] >= 0
                   ? nr_tok_at(d, d->art->mentions[d->tok_mention[k]].span.bend - 1) + 1
                   : k + 1;
        if (verb >= para_end || !S_verb_like(d, verb) || d->tok_mention[verb] >= 0 ||
            !(d->tok_mention[k] >= 0 ? S_set_mention(d, d->tok_mention[k], true, &a)
                                     : (S_set_span(d, k, k + 1, -1, &a), true)))
            return S_NONE;
    } else if (S_verb_like(d, k) && d->tok_mention[k + 1] >= 0 &&
               memcmp(nr_tok_text(d, k) + nr_tok_len(d, k) - 2, "ed", 2) == 0) {
        verb = k;
        if (!S_set_mention(d, d->tok_mention[k + 1], false, &a))
            return S_NONE;
    } else {
        return a;
    }
    if (d->toks[verb].sentence != d->toks[k].sentence)
        return S_NONE;
    a.cue_tok = (int)verb;
    a.cue_end_tok = (int)verb + 1;
    return a;
}

/* Looks for X said: "…" in the sentence before an opening mark. */
/* The attribution of the cue at i for a quotation opening at open. */
static S_attrib S_cue_attribution(const S_state *st, size_t i, int cue_end, const char *lemma,
                                  size_t open, size_t sent_begin)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    a.cue_tok = (int)i;
    a.cue_end_tok = cue_end;
    a.lemma = lemma;
    if (strcmp(lemma, "according to") == 0) {
        S_subject_after(st, (size_t)cue_end, open, &a);
        return a;
    }
    /* "X said: “…”"; the speaker follows the cue only when it opens the sentence or a clause
     * ("Said X: …"), never in "X said he …". */
    bool inverted =
        i == sent_begin || nr_tok_is(d, i - 1, ",") || S_mark(d, i - 1, NR_TF_CLOSE_QUOTE);
    if (!S_participle_subject(st, i, sent_begin, &a) && !S_subject_before(st, i, sent_begin, &a) &&
        inverted)
        S_subject_after(st, (size_t)cue_end, open, &a);
    return a;
}

/* A verb that characterizes or performs a text: it attributes only a quotation in its clause. */
static bool S_naming(const char *lemma)
{
    size_t n = strlen(lemma);
    return nr_lex_has(NR_LEX_NAMING_VERBS, lemma, n) || nr_lex_has(NR_LEX_TEXT_VERBS, lemma, n);
}

/* "Ban Ki-moon condemned what he called a “brazen breach”": a pronoun naming the quotation in
 * the object of the sentence's own verb stands for that verb's subject, the speaker. */
static void S_outer_subject(const S_state *st, size_t sent_begin, S_attrib *a)
{
    const nr_doc *d = st->d;
    if (!a->has_speaker || !a->lemma || !S_naming(a->lemma))
        return;
    size_t sb = nr_tok_at(d, a->sb);
    if (sb <= sent_begin || !nr_tok_is(d, sb - 1, "what") || !nr_tok_in(d, sb, NR_LEX_PRONOUNS))
        return; /* "what Zimmerman described as …" keeps its named speaker */
    S_attrib outer = *a;
    if (S_sentence_subject(st, sb - 1, sent_begin, &outer) && outer.sb < d->toks[sb - 1].b)
        *a = outer;
}

/* Looks for X said: "…" in the sentence before an opening mark: the nearest cue with a speaker
 * ("… had mocked the complaint, saying anybody who complains about it “…”" skips "complains",
 * whose subject is a relative pronoun), else the nearest cue. A naming verb yields to a verb
 * of saying earlier in the sentence ("Trump noted that Clinton once described the pact as “the
 * gold standard”": the outer speaker reports the quoted clause). */
static S_attrib S_before(const S_state *st, size_t open, size_t sent_begin, bool *mixed)
{
    const nr_doc *d = st->d;
    S_attrib nearest = S_NONE, named = S_NONE, chosen = S_NONE;
    for (size_t i = open; i-- > sent_begin && chosen.cue_tok < 0;) {
        if (S_mark(d, i, NR_TF_CLOSE_QUOTE))
            break;
        int cue_end;
        const char *lemma = S_cue_lemma(d, i, open, &cue_end);
        if (!lemma)
            continue;
        S_attrib a = S_cue_attribution(st, i, cue_end, lemma, open, sent_begin);
        bool naming = S_naming(lemma);
        if (nearest.cue_tok < 0)
            nearest = a;
        if (a.has_speaker && !naming)
            chosen = a;
        else if (a.has_speaker && named.cue_tok < 0)
            named = a;
    }
    S_attrib first = chosen.cue_tok >= 0 ? chosen : named.cue_tok >= 0 ? named : nearest;
    S_outer_subject(st, sent_begin, &first);
    if (first.cue_tok >= 0) {
        /* Any word between the cue and the mark makes the quotation part of a reported clause
         * ("says the “…”", "said that “…”"); a colon or comma does not ("said: “…”"). */
        bool words = false;
        for (size_t k = (size_t)first.cue_end_tok; k < open && !words; k++)
            words = d->toks[k].kind != NR_TOK_PUNCT;
        *mixed = words;
    }
    return first;
}

static size_t S_words(const nr_doc *d, size_t tb, size_t te)
{
    size_t n = 0;
    for (size_t k = tb; k < te; k++)
        n += d->toks[k].kind != NR_TOK_PUNCT;
    return n;
}

static bool S_quote_char(uint32_t c)
{
    return c == '"' || c == '\'' || c == 0x2018 || c == 0x2019 || nr_is_open_quote(c) ||
           nr_is_close_quote(c);
}

static size_t S_count_quote_chars(const char *t, size_t b, size_t e)
{
    size_t n = 0;
    while (b < e)
        n += S_quote_char(nr_utf8_next(t, e, &b));
    return n;
}

static bool S_edge_char(uint32_t c, bool lone_mark)
{
    return nr_is_space(c) || c == ',' || c == ':' || c == ';' || nr_is_dash(c) ||
           (lone_mark && S_quote_char(c));
}

/* Trims white space and edge punctuation from a byte range, and a quotation mark at an edge
 * when it is the only one in the range ('Single marks, she said: a stray mark, not a pair);
 * false when nothing is left. */
static bool S_trim(const nr_doc *d, size_t *b, size_t *e)
{
    const char *t = d->art->text;
    bool lone = S_count_quote_chars(t, *b, *e) == 1;
    while (*b < *e) {
        size_t n = *b;
        if (!S_edge_char(nr_utf8_next(t, *e, &n), lone))
            break;
        *b = n;
    }
    while (*e > *b) {
        size_t s;
        uint32_t c = nr_utf8_prev(t, *e, &s);
        if (!S_edge_char(c, lone) && c != '.')
            break;
        *e = s;
    }
    return *e > *b;
}

static bool S_emit(S_state *st, const S_pieces *pieces, nr_quote_kind kind, S_attrib at)
{
    nr_doc *d = st->d;
    nr_statement *s = NR_PUSH(d->arena, st->out);
    if (!s)
        return false;
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->pieces = pieces->items;
    s->n_pieces = pieces->n;
    s->content =
        nr_make_span(&d->cpmap, pieces->items[0].bstart, pieces->items[pieces->n - 1].bend);
    s->actor = -1;
    if (at.has_speaker) {
        s->has_speaker = 1;
        s->speaker = nr_make_span(&d->cpmap, at.sb, at.se);
        s->actor = at.actor;
    }
    if (at.cue_tok >= 0) {
        s->has_cue = 1;
        s->cue.span = nr_make_span(&d->cpmap, d->toks[at.cue_tok].b, d->toks[at.cue_end_tok - 1].e);
        s->cue.lemma = at.lemma;
    }
    size_t first = nr_tok_at(d, pieces->items[0].bstart);
    int sent = first < d->n_toks ? d->toks[first].sentence : 0;
    s->sentence = sent;
    s->paragraph = d->art->sentences[sent].paragraph;
    for (size_t p = 0; p < pieces->n; p++) {
        for (size_t k = first; k < d->n_toks && d->toks[k].b < pieces->items[p].bend; k++)
            st->in_statement[d->toks[k].sentence] = true;
    }
    return true;
}

/* Adds the pieces of a continued quotation to statement k. */
static bool S_append(S_state *st, size_t k, const S_pieces *more)
{
    nr_doc *d = st->d;
    nr_statement *s = &st->out.items[k];
    if (more->items[0].bstart < s->pieces[s->n_pieces - 1].bend)
        return true; /* a quotation inside the reported clause it would continue */
    nr_span *all = nr_alloc(d->arena, (s->n_pieces + more->n) * sizeof *all);
    if (!all)
        return false;
    memcpy(all, s->pieces, s->n_pieces * sizeof *all);
    memcpy(all + s->n_pieces, more->items, more->n * sizeof *all);
    s->pieces = all;
    s->n_pieces += more->n;
    s->content = nr_make_span(&d->cpmap, all[0].bstart, all[s->n_pieces - 1].bend);
    for (size_t k2 = nr_tok_at(d, more->items[0].bstart);
         k2 < d->n_toks && d->toks[k2].b < more->items[more->n - 1].bend; k2++)
        st->in_statement[d->toks[k2].sentence] = true;
    return true;
}

static bool S_add_piece(nr_doc *d, S_pieces *pieces, size_t b, size_t e)
{
    if (!S_trim(d, &b, &e))
        return true;
    nr_span *p = NR_PUSH(d->arena, *pieces);
    if (!p)
        return false;
    *p = nr_make_span(&d->cpmap, b, e);
    return true;
}

/* ---- direct quotations --------------------------------------------------------------- */

typedef struct S_quote {
    size_t open, close; /* token indexes; close == n_toks when the mark is missing */
    size_t para_end;    /* token index one past the closing paragraph */
    S_pieces pieces;
} S_quote;

static size_t S_para_end(const S_state *st, size_t i)
{
    const nr_doc *d = st->d;
    return st->para_tok_end[d->art->sentences[d->toks[i].sentence].paragraph];
}

/* Reads one quotation starting at an opening mark. It may run over paragraphs when each new
 * paragraph opens with a mark again; a quotation still open at a paragraph end that is not
 * continued is closed there with a warning. */
static bool S_read_quote(S_state *st, size_t open, S_quote *q)
{
    nr_doc *d = st->d;
    memset(q, 0, sizeof *q);
    q->open = open;
    size_t i = open + 1, pend = S_para_end(st, open), piece_b = d->toks[open].e;
    size_t label = S_label_colon(d, open, pend);
    if (label)
        piece_b = d->toks[label].e;
    unsigned single = d->toks[open].flags & NR_TF_SINGLE_QUOTE;
    for (;;) {
        /* A mark with space on both sides closes an open quotation ("…outreach,' " he told"). */
        while (i < pend && !((d->toks[i].flags & (NR_TF_CLOSE_QUOTE | NR_TF_STRAY_QUOTE)) &&
                             (d->toks[i].flags & NR_TF_SINGLE_QUOTE) == single))
            i++;
        if (i < pend) {
            q->close = i;
            q->para_end = pend;
            return S_add_piece(d, &q->pieces, piece_b, d->toks[i].b);
        }
        if (single) {
            q->pieces.n =
                0; /* ‘90s, rock ’n’ roll: a single mark that never closes quotes nothing */
            q->close = open;
            q->para_end = pend;
            return true;
        }
        if (!S_add_piece(d, &q->pieces, piece_b, d->toks[pend - 1].e))
            return false;
        /* The multi-paragraph convention (an opening mark on each paragraph, a closing one on the
         * last) holds for quotations that open their paragraph or follow a colon; one opened
         * mid-sentence and left open ends with its paragraph. */
        bool clean = q->pieces.n > 1 || open == 0 ||
                     S_para_end(st, open - 1) != S_para_end(st, open) ||
                     nr_tok_is(d, open - 1, ":");
        bool continued = clean && pend < d->n_toks && (d->toks[pend].flags & NR_TF_OPEN_QUOTE) &&
                         !(d->toks[pend].flags & NR_TF_BOILERPLATE);
        /* In a transcript each labelled paragraph is its own quotation. */
        if (continued && S_label_colon(d, pend, S_para_end(st, pend))) {
            q->close = pend - 1;
            q->para_end = pend;
            return true;
        }
        if (!continued) {
            nr_warn(d, "quotation mark at character %lld is never closed",
                    (long long)nr_cpmap_at(&d->cpmap, d->toks[open].b));
            q->close = pend - 1;
            q->para_end = pend;
            return true;
        }
        piece_b = d->toks[pend].e;
        i = pend + 1;
        pend = S_para_end(st, pend);
    }
}

/* Where a mixed statement's clause ends: at the quotation when punctuation closes it there;
 * otherwise at the next comma or semicolon, before a new clause ("… and warned", "…, but",
 * "after …", "when …"), or at the sentence's end. */
static size_t S_clause_end(const nr_doc *d, size_t close)
{
    size_t sent_end = d->sents[d->toks[close].sentence].tok_end;
    if (close + 1 < sent_end && (nr_tok_is(d, close + 1, ",") || nr_tok_is(d, close + 1, ";") ||
                                 nr_tok_is_dash(d, close + 1)))
        return d->toks[close].e;
    size_t last = close;
    int cue_end;
    for (size_t k = close + 1; k < sent_end && k - close <= NR_CLAUSE_MAX; k++) {
        if (S_cue_lemma(d, k, sent_end, &cue_end))
            break; /* another attribution begins */
        if (nr_tok_is(d, k, ",") || nr_tok_is(d, k, ";") || nr_tok_is_dash(d, k) ||
            nr_tok_is(d, k, "after") || nr_tok_is(d, k, "before") || nr_tok_is(d, k, "when") ||
            nr_tok_is(d, k, "while"))
            break;
        if ((nr_tok_is(d, k, "and") || nr_tok_is(d, k, "but")) && k + 1 < sent_end) {
            const char *w = nr_tok_text(d, k + 1);
            size_t n = nr_tok_len(d, k + 1);
            if (n > 3 && memcmp(w + n - 2, "ed", 2) == 0)
                break; /* "… and warned North Korea …": a second verb, a new clause */
        }
        if (d->toks[k].kind != NR_TOK_PUNCT || S_mark(d, k, NR_TF_CLOSE_QUOTE))
            last = k;
    }
    return d->toks[last].e;
}

/* Headlines quote with single marks ("Trump Was ‘Mocking’ Clinton Camp"); elsewhere a single
 * mark nests in a double one or is an apostrophe. */
#define NR_MAX_HEADLINE_BYTES 200
static bool S_headline(const nr_doc *d, size_t i)
{
    const nr_span *p = &d->art->paragraphs[0];
    return d->art->sentences[d->toks[i].sentence].paragraph == 0 &&
           p->bend - p->bstart <= NR_MAX_HEADLINE_BYTES;
}

static bool S_attributed(const S_attrib *a)
{
    return a->cue_tok >= 0 || a->has_speaker;
}

/* "Caddell continued:" or "From Chairwoman Rosa Delgado:" closing the paragraph before a
 * quotation that opens the next one. */
static S_attrib S_colon_intro(const S_state *st, size_t open)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t colon = open - 1;
    if (open == 0 || !nr_tok_is(d, colon, ":") || S_para_end(st, colon) == S_para_end(st, open))
        return a;
    size_t sb = d->sents[d->toks[colon].sentence].tok_begin;
    bool mixed;
    a = S_before(st, colon, sb, &mixed);
    if (S_attributed(&a))
        return a;
    for (size_t k = sb; k < colon; k++) {
        if (d->tok_mention[k] >= 0 && S_set_mention(d, d->tok_mention[k], false, &a))
            return a;
    }
    return a;
}

/* "…, Schiff said. “The other factor …”": a quotation that opens its sentence, with no
 * attribution of its own, is the speaker's of the sentence just before it in the paragraph. */
static S_attrib S_previous_sentence(const S_state *st, size_t open)
{
    const nr_doc *d = st->d;
    int s = d->toks[open].sentence;
    const nr_sent_info *si = &d->sents[s];
    if (s == 0 || open != si->tok_begin ||
        d->art->sentences[s - 1].paragraph != d->art->sentences[s].paragraph)
        return S_NONE;
    bool mixed;
    S_attrib a = S_before(st, d->sents[s - 1].tok_end, d->sents[s - 1].tok_begin, &mixed);
    return a.has_speaker ? a : S_NONE;
}

/* "Sanders: Clinton needs to ‘get away …’", "A lesson from Loretta Lynch: ‘Be the voice …’":
 * a name, then a colon, then the quotation, in one sentence (headline style). */
static S_attrib S_colon_before(const S_state *st, size_t open, bool *mixed)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t sb = d->sents[d->toks[open].sentence].tok_begin, colon = open;
    while (colon > sb && open - colon < NR_SPEAKER_AFTER && !nr_tok_is(d, colon - 1, ":"))
        colon--;
    if (colon == sb || !nr_tok_is(d, colon - 1, ":") || colon - 1 == sb)
        return a;
    size_t t = colon - 2;
    if (d->tok_mention[t] >= 0)
        S_set_mention(d, d->tok_mention[t], false, &a);
    else if (d->toks[t].kind == NR_TOK_WORD && (d->toks[t].flags & NR_TF_CAP) &&
             !nr_tok_in(d, t, NR_LEX_STOPWORDS))
        S_set_span(d, t, t + 1, -1, &a); /* a name the tagger missed in a title-case headline */
    if (a.has_speaker && colon < open) {
        /* "Graham: Trump’s ‘…’": words before the quotation make the clause mixed, the colon
         * its cue. */
        a.cue_tok = (int)colon - 1;
        a.cue_end_tok = (int)colon;
        *mixed = true;
    }
    return a;
}

/* "A spokesman quipped: “…”", "Along with the photo, he had posted: “…”": a finite verb
 * outside the cue list right before a colon that introduces the quotation, with its subject. */
static S_attrib S_colon_verb(const S_state *st, size_t open)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    if (open < 2 || !nr_tok_is(d, open - 1, ":") ||
        S_para_end(st, open - 1) != S_para_end(st, open))
        return a;
    size_t verb = open - 2;
    size_t sb = d->sents[d->toks[verb].sentence].tok_begin;
    if (verb <= sb || !S_verb_like(d, verb) || d->tok_mention[verb] >= 0 ||
        !S_subject_before(st, verb, sb, &a))
        return S_NONE;
    a.cue_tok = (int)verb;
    a.cue_end_tok = (int)verb + 1;
    return a;
}

/* Every way a quotation can be attributed, the most explicit first. */
/* "Gov. Tomblin lauded Mr. Clarke for helping develop “new and innovative ideas”": a quotation
 * inside a clause whose subject (a name or pronoun opening the sentence) acts through a verb
 * not in the cue list is that subject's mixed statement, the verb its cue. */
static S_attrib S_clause_verb(const S_state *st, size_t open, bool *mixed)
{
    const nr_doc *d = st->d;
    S_attrib a = S_NONE;
    size_t sb = d->sents[d->toks[open].sentence].tok_begin;
    if (!S_sentence_subject(st, open, sb, &a))
        return S_NONE;
    size_t from = nr_tok_at(d, a.se);
    /* The verb follows its subject closely and the quotation its verb. */
    for (size_t k = from; k < open && k < from + NR_SPEAKER_AFTER; k++) {
        if (open - k > NR_ATTRIB_WINDOW)
            continue;
        const char *w = nr_tok_text(d, k);
        size_t n = nr_tok_len(d, k);
        bool verb = d->toks[k].kind == NR_TOK_WORD && !(d->toks[k].flags & NR_TF_CAP) && n > 3 &&
                    d->tok_mention[k] < 0 && !nr_tok_in(d, k, NR_LEX_STOPWORDS) &&
                    (memcmp(w + n - 2, "ed", 2) == 0 || (w[n - 1] == 's' && w[n - 2] != 's'));
        if (!verb)
            continue;
        if (S_mark(d, k, NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE))
            break;
        a.cue_tok = (int)k;
        a.cue_end_tok = (int)k + 1;
        a.lemma = NULL;
        *mixed = k + 1 < open; /* "Trump attacked “the hateful ideology …”" is direct */
        return a;
    }
    return S_NONE;
}

static S_attrib S_attribution(const S_state *st, const S_quote *q, bool *mixed)
{
    const nr_doc *d = st->d;
    S_attrib at = S_before(st, q->open, d->sents[d->toks[q->open].sentence].tok_begin, mixed);
    if (S_attributed(&at))
        return at;
    *mixed = false;
    at = S_after(st, q->close, q->para_end);
    if (!S_attributed(&at))
        at = S_after_verb(st, q->close, q->para_end);
    if (!S_attributed(&at))
        at = S_dash_after(st, q->close, q->para_end);
    if (!S_attributed(&at))
        at = S_label_inside(st, q->open, q->close);
    if (!S_attributed(&at))
        at = S_colon_intro(st, q->open);
    if (!S_attributed(&at))
        at = S_colon_before(st, q->open, mixed);
    if (!S_attributed(&at))
        at = S_colon_verb(st, q->open);
    if (!S_attributed(&at))
        at = S_clause_verb(st, q->open, mixed);
    return at;
}

/* Where the clause holding a quotation starts: the sentence's start, or after an earlier
 * quotation, a semicolon or a colon, at most NR_CLAUSE_MAX tokens back. */
static size_t S_clause_start(const nr_doc *d, size_t open)
{
    size_t sb = d->sents[d->toks[open].sentence].tok_begin, k = open;
    while (k > sb && open - k < NR_CLAUSE_MAX && !S_mark(d, k - 1, NR_TF_CLOSE_QUOTE) &&
           !nr_tok_is(d, k - 1, ";") && !nr_tok_is(d, k - 1, ":"))
        k--;
    return k;
}

/* A quotation attributed after it ("…, Warren said") that does not open its sentence is part
 * of a reported clause: the clause runs from the sentence's start to the attribution. Sets
 * *end to the clause's last byte. */
static bool S_words_before_quote(const nr_doc *d, const S_quote *q, const S_attrib *at, size_t *end)
{
    if (at->cue_tok <= (int)q->close || d->toks[at->cue_tok].sentence != d->toks[q->open].sentence)
        return false;
    size_t stop = (size_t)at->cue_tok;
    if (at->has_speaker && at->sb < d->toks[stop].b)
        stop = nr_tok_at(d, at->sb);
    if (stop <= q->close || stop - q->close > NR_CLAUSE_MAX)
        return false; /* the speaker stands before the quotation, or far after it */
    size_t sb = S_clause_start(d, q->open);
    /* "“A levy this size” is more than the district can carry, said X": words between the
     * quotation and a comma before the attribution make a clause too. */
    bool after = stop > q->close + 2 && d->toks[q->close + 1].kind != NR_TOK_PUNCT &&
                 nr_tok_is(d, stop - 1, ",");
    if (!after && (q->open == sb || S_words(d, sb, q->open) == 0))
        return false;
    *end = d->toks[stop - 1].e;
    return true;
}

/* Where a reported clause starts after its cue: at "that" when the cue's adjuncts come first
 * ("said Tuesday in a statement that …"), else right after the cue. */
static size_t S_clause_after_cue(const nr_doc *d, const S_attrib *at, size_t open)
{
    size_t b = (size_t)at->cue_end_tok;
    for (size_t k = b; k < open && k - b < NR_SPEAKER_AFTER * 2; k++) {
        if (nr_tok_is(d, k, "that"))
            return k;
    }
    return b;
}

/* Emits the statement of one attributed quotation: a reported clause around it (mixed) or the
 * quotation itself (direct). Returns the index of a direct statement a continuation may extend,
 * -1 for a clause, -2 when out of memory. */
static int S_emit_quote(S_state *st, const S_quote *q, const S_attrib *at, bool mixed)
{
    nr_doc *d = st->d;
    S_pieces clause = {0};
    size_t clause_end = 0;
    if (!mixed && S_words_before_quote(d, q, at, &clause_end)) {
        /* "A cashier who “steals a handful of $20s” is held accountable, Warren said." */
        if (!S_add_piece(d, &clause, d->toks[S_clause_start(d, q->open)].b, clause_end))
            return -2;
    } else if (mixed) {
        /* The content is the whole reported clause around the quotation. */
        if (!S_add_piece(d, &clause, d->toks[S_clause_after_cue(d, at, q->open)].b,
                         S_clause_end(d, q->close)))
            return -2;
    } else {
        int k = (int)st->out.n;
        return S_emit(st, &q->pieces, NR_DIRECT, *at) ? k : -2;
    }
    /* "across as “too loud” or “too shrill”": each quotation of one clause finds the same
     * clause; it is one statement. */
    const nr_statement *last = st->out.n ? &st->out.items[st->out.n - 1] : NULL;
    if (clause.n && last && last->kind == NR_MIXED && last->n_pieces == 1 &&
        last->pieces[0].bstart == clause.items[0].bstart &&
        last->pieces[0].bend == clause.items[0].bend)
        return -1;
    return clause.n && !S_emit(st, &clause, NR_MIXED, *at) ? -2 : -1;
}

/* “Fox News Sunday”, "Face the Nation": a quotation whose words are all capitalized (but for
 * small words) names a show, a book or a slogan, and is no one's statement. */
#define NR_MAX_TITLE_WORDS 8
static bool S_title_case(const nr_doc *d, const S_quote *q)
{
    size_t words = 0;
    for (size_t k = q->open + 1; k < q->close; k++) {
        if (d->toks[k].kind != NR_TOK_WORD)
            continue;
        words++;
        if (!(d->toks[k].flags & NR_TF_CAP) && !nr_tok_in(d, k, NR_LEX_STOPWORDS))
            return false;
    }
    return words > 0 && words <= NR_MAX_TITLE_WORDS && (d->toks[q->open + 1].flags & NR_TF_CAP);
}

/* A cue right at the quotation ("chanted “U-S-A!”", "“Lock Her Up,” they shouted"). */
static bool S_adjacent_cue(const S_quote *q, const S_attrib *at)
{
    if (at->cue_tok < 0)
        return false;
    size_t cb = (size_t)at->cue_tok, ce = (size_t)at->cue_end_tok;
    return (cb < q->open && ce + 1 >= q->open) || (cb > q->close && cb <= q->close + 2);
}

/* An unattributed quotation is a statement only when it opens its sentence and is long enough;
 * one inside a sentence with no cue is a phrase held at a distance ("in homage to", scare
 * quotes), not speech. */
static bool S_stands_alone(const nr_doc *d, const S_quote *q, size_t words)
{
    return words >= NR_MIN_UNATTRIBUTED_WORDS &&
           S_words(d, d->sents[d->toks[q->open].sentence].tok_begin, q->open) == 0;
}

/* The token after an attribution: after its cue or its speaker, whichever comes last. */
static size_t S_attribution_end(const nr_doc *d, const S_attrib *at)
{
    size_t e = (size_t)at->cue_end_tok;
    if (at->has_speaker && nr_tok_at(d, at->se - 1) + 1 > e)
        e = nr_tok_at(d, at->se - 1) + 1;
    return e;
}

static bool S_only_punct(const nr_doc *d, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++) {
        if (d->toks[k].kind != NR_TOK_PUNCT)
            return false;
    }
    return b <= e;
}

static bool S_direct(S_state *st)
{
    nr_doc *d = st->d;
    S_attrib prev = S_NONE;
    int prev_para = -1, prev_stmt = -1; /* the last direct statement, which B may continue */
    int tail_stmt = -1;
    size_t stray = 0, first_stray = 0;
    for (size_t i = 0; i < d->n_toks; i++) {
        const nr_token *tk = &d->toks[i];
        if ((tk->flags & (NR_TF_STRAY_QUOTE | NR_TF_CLOSE_QUOTE)) &&
            !(tk->flags & NR_TF_SINGLE_QUOTE)) {
            first_stray = stray++ ? first_stray : i;
            continue;
        }
        if ((tk->flags & NR_TF_BOILERPLATE) || !(tk->flags & NR_TF_OPEN_QUOTE) ||
            ((tk->flags & NR_TF_SINGLE_QUOTE) && !S_headline(d, i)))
            continue;
        S_quote q;
        if (!S_read_quote(st, i, &q))
            return false;
        int para = d->art->sentences[tk->sentence].paragraph;
        bool next_para = false;
        if (para != prev_para) {
            next_para = para == prev_para + 1 && prev_stmt >= 0 && tail_stmt == prev_stmt &&
                        S_para_end(st, i - 1) != S_para_end(st, i);
            if (!next_para) {
                prev = S_NONE;
                prev_stmt = -1;
            }
        }
        bool mixed = false;
        S_attrib at = S_attribution(st, &q, &mixed);
        bool attributed = S_attributed(&at);
        size_t words = S_words(d, i, q.close);
        /* "“A,” said X, “because …”": the cue of the last quotation attributes this one too. */
        bool same_cue = attributed && at.cue_tok >= 0 && at.cue_tok == prev.cue_tok &&
                        S_only_punct(d, S_attribution_end(d, &at), i);
        bool continues =
            (!attributed || same_cue) && S_attributed(&prev) && prev_stmt >= 0 && q.pieces.n;
        if (next_para && (attributed || !continues)) {
            prev = S_NONE;
            prev_stmt = -1;
            continues = false;
        }
        if (!attributed && !continues) {
            at = S_previous_sentence(st, q.open);
            attributed = S_attributed(&at);
        }
        if (continues) {
            /* "A," he said. "B." : B is a second piece of the same statement. */
            if (!S_append(st, (size_t)prev_stmt, &q.pieces))
                return false;
        } else if (q.pieces.n && (attributed || S_stands_alone(d, &q, words)) &&
                   (S_headline(d, i) || S_adjacent_cue(&q, &at) || !S_title_case(d, &q))) {
            int k = S_emit_quote(st, &q, &at, mixed);
            if (k == -2)
                return false;
            /* A clause by the same speaker between two quotations takes over the chain: "“A,”
             * X said. The summit did “too little,” he added. “B.”" continues the clause. */
            bool same =
                prev_stmt >= 0 && at.actor >= 0 && st->out.items[prev_stmt].actor == at.actor;
            prev_stmt = k >= 0 ? k : same ? (int)st->out.n - 1 : -1;
        }
        if (attributed)
            prev = at;
        tail_stmt = d->toks[S_para_end(st, q.close) - 1].sentence == d->toks[q.close].sentence
                        ? prev_stmt
                        : -1;
        prev_para =
            d->art->sentences[d->toks[q.close < d->n_toks ? q.close : d->n_toks - 1].sentence]
                .paragraph;
        i = q.close;
    }
    /* One warning for all of them: a page of stray marks must not become a page of warnings. */
    if (stray)
        nr_warn(d,
                "%zu quotation mark%s that open%s or close%s nothing, the first at character %lld",
                stray, stray > 1 ? "s" : "", stray > 1 ? "" : "s", stray > 1 ? "" : "s",
                (long long)nr_cpmap_at(&d->cpmap, d->toks[first_stray].b));
    return true;
}

/* ---- reported speech ----------------------------------------------------------------- */

static bool S_is(const nr_doc *d, size_t i, const char *w)
{
    return i < d->n_toks && nr_tok_is(d, i, w);
}

/* The lemma of a cue the model found at i: a verb of saying's, an event verb's, or the word
 * itself lower-cased ("believes" has none of the lists' lemmas). */
static const char *S_model_lemma(nr_doc *d, size_t i)
{
    const char *lemma = nr_tok_speech_lemma(d, i);
    const nr_event_word *ev = NULL;
    if (!lemma && nr_event_form(d->toks[i].places, &ev) > 0 && !ev->noun)
        lemma = ev->lemma;
    if (lemma)
        return lemma;
    size_t n = nr_tok_len(d, i);
    char *low = nr_alloc(d->arena, n + 1);
    if (!low)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        char c = nr_tok_text(d, i)[k];
        low[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    low[n] = '\0';
    return low;
}

/* The cue of reported speech at i, by the cue model: its lemma and end, or NULL. */
static const char *S_reported_cue(nr_doc *d, size_t i, size_t end, int *cue_end)
{
    if (!nr_cue_at(d, i))
        return NULL;
    if (S_according_to(d, i, end)) {
        *cue_end = (int)i + 2;
        return "according to";
    }
    *cue_end = (int)i + 1;
    return S_model_lemma(d, i);
}

/* Nothing but time words and adverbs between a cue and a comma or the sentence's end ("…, X
 * said on Friday."): the cue closes its clause, and what it reports came before. */
static bool S_clause_ends(const nr_doc *d, size_t ce, size_t last)
{
    for (size_t k = ce; k < last; k++) {
        if (S_is(d, k, ","))
            return true;
        if (!S_time_word(d, k) && !S_adverb(d, k))
            return false;
    }
    return true;
}

/* A form of "be" before a cue in a past participle, across adverbs: "was called", "is reported",
 * "has been hailed" ("is saying" is no passive). */
static bool S_passive(const nr_doc *d, size_t i, size_t tb)
{
    size_t n = nr_tok_len(d, i);
    if (n > 3 && memcmp(nr_tok_text(d, i) + n - 3, "ing", 3) == 0)
        return false;
    for (size_t k = i; k-- > tb;) {
        if (nr_tok_is_be(d, k))
            return true;
        if (!S_adverb(d, k))
            return false;
    }
    return false;
}

/* A word that makes the words from b to e a clause or an infinitive, not a bare object. */
static bool S_has_verb(const nr_doc *d, size_t b, size_t e)
{
    static const char *const aux[] = {
        "is",  "are",   "was",    "were", "be",    "been", "has", "have", "had", "will", "would",
        "can", "could", "should", "may",  "might", "must", "did", "does", "do",  "to",   NULL};
    for (size_t k = b; k < e; k++) {
        /* "the contractors" is a plural, not a verb in -s */
        if (S_verb_like(d, k) && !(k > b && nr_tok_in(d, k - 1, NR_LEX_DETERMINERS)))
            return true;
        for (size_t a = 0; aux[a]; a++)
            if (nr_tok_is_ci(d, k, aux[a]))
                return true;
    }
    return false;
}

/* X said (that) CLAUSE | CLAUSE, X said. | A, X noted, B. | according to X, CLAUSE */
static bool S_reported(S_state *st, size_t s)
{
    nr_doc *d = st->d;
    size_t tb = d->sents[s].tok_begin, te = d->sents[s].tok_end;
    size_t last = te;
    while (last > tb && d->toks[last - 1].kind == NR_TOK_PUNCT)
        last--;
    if (S_words(d, tb, te) < 4)
        return true;
    for (size_t i = tb; i < last; i++) {
        int cue_end;
        const char *lemma = S_reported_cue(d, i, last, &cue_end);
        if (!lemma || nr_lex_has(NR_LEX_TEXT_VERBS, lemma, strlen(lemma)))
            continue;
        size_t ce = (size_t)cue_end;
        S_attrib at = S_NONE;
        at.cue_tok = (int)i;
        at.cue_end_tok = cue_end;
        at.lemma = lemma;
        S_pieces pieces = {0};
        if (strcmp(lemma, "according to") == 0) {
            if (!S_subject_after(st, ce, last, &at))
                continue;
            size_t after = nr_tok_at(d, at.se);
            while (after < last && !S_is(d, after, ","))
                after++;
            bool ok = i > tb ? S_add_piece(d, &pieces, d->toks[tb].b, d->toks[i].b)
                             : S_add_piece(d, &pieces, d->toks[after < te ? after : te - 1].b,
                                           d->toks[te - 1].e);
            if (!ok)
                return false;
        } else if (i > tb && S_is(d, i - 1, ",") && !S_subject_before(st, i, tb, &at)) {
            /* "CLAUSE, said X." (but "X, who voted against it, said …" is the next case) */
            if (!S_subject_after(st, ce, last, &at))
                continue;
            if (!S_add_piece(d, &pieces, d->toks[tb].b, d->toks[i - 1].b))
                return false;
        } else if (S_passive(d, i, tb)) {
            /* "X was called … by Y", "X is reported by Reuters to …": the agent after "by"
             * speaks; a passive without one names no speaker and is left out. */
            size_t by = ce;
            while (by < last && !S_is(d, by, "by"))
                by++;
            if (by + 1 >= last || !S_subject_after(st, by + 1, last, &at))
                continue;
            size_t from = by > ce ? ce : nr_tok_at(d, at.se), to = by > ce ? by : last;
            if (from < to && !S_add_piece(d, &pieces, d->toks[from].b, d->toks[to - 1].e))
                return false;
        } else {
            if (!at.has_speaker && !S_subject_before(st, i, tb, &at))
                continue;
            size_t sb = nr_tok_at(d, at.sb);
            if (sb > tb && S_is(d, sb - 1, ",") && S_clause_ends(d, ce, last)) {
                /* "CLAUSE, X said." or "A, X noted, B." */
                if (!S_add_piece(d, &pieces, d->toks[tb].b, d->toks[sb - 1].b))
                    return false;
                if (ce < last && S_is(d, ce, ",") &&
                    !S_add_piece(d, &pieces, d->toks[ce].e, d->toks[te - 1].e))
                    return false;
            } else if (ce < last) {
                size_t cb = ce;
                if (strcmp(lemma, "tell") == 0)
                    while (cb < last && !S_is(d, cb, "that") && cb - ce < 2)
                        cb++;
                bool marked = S_is(d, cb, "that") || S_is(d, cb, ":") || S_is(d, cb, ",");
                if (marked)
                    cb++;
                size_t end = cb < last ? nr_content_end(d, i, cb, last) : last;
                if (!marked && !S_has_verb(d, cb, end))
                    continue;
                if (cb < last && !S_add_piece(d, &pieces, d->toks[cb].b,
                                              d->toks[end < last ? end - 1 : te - 1].e))
                    return false;
            }
        }
        /* A sentence may hold several ("X said that Y believes Z"): each cue speaks once. */
        if (pieces.n && !S_emit(st, &pieces, NR_INDIRECT, at))
            return false;
    }
    return true;
}

static int S_cmp_statement(const void *x, const void *y)
{
    const nr_statement *a = x, *b = y;
    if (a->content.bstart != b->content.bstart)
        return a->content.bstart < b->content.bstart ? -1 : 1;
    return a->content.bend < b->content.bend ? -1 : (a->content.bend > b->content.bend);
}

/* The genders a person's resolved pronouns give (nr_gender bits: both, one or none), per actor:
 * one pass over the mentions, so the fallback below stays linear. */
static unsigned char *S_pronoun_genders(nr_doc *d)
{
    unsigned char *g = nr_alloc(d->arena, d->art->n_actors + 1);
    if (!g)
        return NULL;
    memset(g, 0, d->art->n_actors + 1);
    for (size_t i = 0; i < d->art->n_mentions; i++) {
        const nr_mention *m = &d->art->mentions[i];
        size_t t = nr_tok_at(d, m->span.bstart);
        if (m->form == NR_PRONOUN && m->actor >= 0 && t < d->n_toks)
            g[m->actor] |= nr_tok_pronoun_gender(d, t);
    }
    return g;
}

/* The actor a speaking pronoun that the actor stage left unresolved stands for: "it" goes on for
 * an organization, "he" and "she" for a person whose resolved pronouns do not say the other
 * gender; else -1, or -2 when out of memory. */
static int S_pronoun_actor(nr_doc *d, size_t t, int actor, unsigned char **genders)
{
    nr_kind kind = d->art->actors[actor].kind;
    unsigned g = nr_tok_pronoun_gender(d, t);
    if (nr_tok_is_ci(d, t, "it"))
        return kind == NR_ORGANIZATION ? actor : -1;
    if (!g || kind != NR_PERSON)
        return -1;
    if (!*genders && !(*genders = S_pronoun_genders(d)))
        return -2;
    return (*genders)[actor] & ~g ? -1 : actor;
}

/* "The EEF said … It also said …", "Trump said … “…” He added …": a speaking "it", "he" or "she"
 * that the actor stage left unresolved (no antecedent within its window, most often because a
 * long quotation stands between) goes on for the speaker of the statement just before, in its
 * own paragraph or the one before (see S_pronoun_actor). A statement in between, a longer gap
 * or a run through quotations with no speaker was tried and judged on BBC stories: more were
 * wrong than right. */
static bool S_speaking_pronouns(nr_doc *d, nr_statement *out, size_t n)
{
    unsigned char *genders = NULL;
    for (size_t k = 1; k < n; k++) {
        nr_statement *s = &out[k];
        const nr_statement *prev = &out[k - 1];
        size_t t = s->has_speaker ? nr_tok_at(d, s->speaker.bstart) : d->n_toks;
        if (s->actor >= 0 || prev->actor < 0 || t >= d->n_toks ||
            d->toks[t].b != s->speaker.bstart || d->toks[t].e != s->speaker.bend ||
            s->paragraph - prev->paragraph > 1)
            continue;
        int a = S_pronoun_actor(d, t, prev->actor, &genders);
        if (a == -2)
            return false;
        s->actor = a;
    }
    return true;
}

nr_status nr_find_statements(nr_doc *d)
{
    S_state st = {.d = d};
    if (!S_init(&st) || !S_direct(&st))
        return NR_ENOMEM;
    for (size_t s = 0; s < d->art->n_sentences; s++) {
        if (!d->sents[s].boilerplate && !st.in_statement[s] && !S_reported(&st, s))
            return NR_ENOMEM;
    }
    if (st.out.n > 1)
        qsort(st.out.items, st.out.n, sizeof(nr_statement), S_cmp_statement);
    if (!S_speaking_pronouns(d, st.out.items, st.out.n))
        return NR_ENOMEM;
    d->art->statements = st.out.items;
    d->art->n_statements = st.out.n;
    return NR_OK;
}
