/* segment.c: paragraphs, tokens, sentences and article structure (title, dateline, boilerplate). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A first line longer than this is a lede, not a headline. */
#define NR_MAX_TITLE_CHARS 150

typedef NR_VEC(nr_token) S_toks;
typedef NR_VEC(nr_span) S_spans;
typedef NR_VEC(nr_sentence) S_sents;
typedef NR_VEC(nr_sent_info) S_infos;

static uint32_t S_cp_at(const char *t, size_t len, size_t i)
{
    return i < len ? nr_utf8_next(t, len, &i) : 0;
}

static bool S_is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019;
}

static bool S_is_alnum(uint32_t c)
{
    return nr_is_letter(c) || nr_is_digit(c);
}

/* ---- paragraphs ---------------------------------------------------------------------- */

static bool S_blank(const char *t, size_t b, size_t e)
{
    while (b < e) {
        if (!nr_is_space(nr_utf8_next(t, e, &b)))
            return false;
    }
    return true;
}

/* Paragraphs are separated by blank lines; a text without any blank line has one paragraph per
 * line (the layout of one-sentence-per-line corpora). CR and CRLF end lines too. */
static bool S_paragraphs(nr_doc *d, S_spans *out)
{
    const char *t = d->art->text;
    size_t len = d->art->text_bytes;
    bool any_blank = false;
    for (size_t b = 0; b < len;) {
        size_t e = b;
        while (e < len && t[e] != '\n' && t[e] != '\r')
            e++;
        if (S_blank(t, b, e) && e < len && b > 0) {
            any_blank = true;
            break;
        }
        b = e + (e + 1 < len && t[e] == '\r' && t[e + 1] == '\n' ? 2 : 1);
    }
    size_t pb = 0;
    bool open = false;
    for (size_t b = 0; b <= len;) {
        size_t e = b;
        while (e < len && t[e] != '\n' && t[e] != '\r')
            e++;
        bool blank = S_blank(t, b, e);
        if (open && (blank || !any_blank)) {
            nr_span *p = NR_PUSH(d->arena, *out);
            if (!p)
                return false;
            p->bstart = pb;
            p->bend = b;
            open = false;
        }
        if (!blank && !open) {
            pb = b;
            open = true;
        }
        if (e >= len) {
            if (open) {
                nr_span *p = NR_PUSH(d->arena, *out);
                if (!p)
                    return false;
                p->bstart = pb;
                p->bend = len;
            }
            break;
        }
        b = e + (e + 1 < len && t[e] == '\r' && t[e + 1] == '\n' ? 2 : 1);
    }
    /* Trim each paragraph to its first and last non-space character. */
    for (size_t i = 0; i < out->n; i++) {
        nr_span *p = &out->items[i];
        size_t b = p->bstart, e = p->bend;
        while (b < e) {
            size_t n = b;
            if (!nr_is_space(nr_utf8_next(t, e, &n)))
                break;
            b = n;
        }
        while (e > b) {
            size_t s;
            if (!nr_is_space(nr_utf8_prev(t, e, &s)))
                break;
            e = s;
        }
        p->bstart = b;
        p->bend = e;
    }
    return true;
}

/* ---- tokens -------------------------------------------------------------------------- */

static bool S_single_letters_with_dots(const char *t, size_t b, size_t e)
{
    /* "U.S", "U.N", "e.g": letters alternating with periods. */
    bool want_letter = true;
    for (size_t i = b; i < e; i++) {
        bool letter = ((unsigned char)t[i] | 0x20) >= 'a' && ((unsigned char)t[i] | 0x20) <= 'z';
        if (want_letter != letter)
            return false;
        want_letter = !want_letter;
    }
    return true;
}

static size_t S_word_end(const char *t, size_t len, size_t i)
{
    for (;;) {
        while (i < len) {
            size_t n = i;
            if (!S_is_alnum(nr_utf8_next(t, len, &n)))
                break;
            i = n;
        }
        size_t n = i;
        uint32_t c = S_cp_at(t, len, i);
        if (c == 0)
            return i;
        nr_utf8_next(t, len, &n);
        uint32_t next = S_cp_at(t, len, n);
        if (S_is_apostrophe(c) && nr_is_letter(next)) {
            size_t after = n;
            nr_utf8_next(t, len, &after);
            bool possessive = (next == 's' || next == 'S') && !S_is_alnum(S_cp_at(t, len, after));
            if (possessive)
                return i;
            i = n;
            continue;
        }
        if ((c == '-' || c == '.' || c == '&') && S_is_alnum(next)) {
            i = n;
            continue;
        }
        if (c == ',' && i > 0 && nr_is_digit((unsigned char)t[i - 1]) && nr_is_digit(next)) {
            i = n;
            continue;
        }
        return i;
    }
}

static unsigned S_word_flags(const char *t, size_t b, size_t e)
{
    size_t i = b;
    uint32_t first = nr_utf8_next(t, e, &i);
    unsigned f = nr_is_upper(first) ? NR_TF_CAP : 0;
    int letters = nr_is_letter(first), lower = nr_is_lower(first);
    while (i < e) {
        uint32_t c = nr_utf8_next(t, e, &i);
        letters += nr_is_letter(c);
        lower += nr_is_lower(c);
    }
    if (letters >= 2 && lower == 0 && (f & NR_TF_CAP))
        f |= NR_TF_ALLCAPS;
    return f;
}

static bool S_prev_opens(const char *t, size_t start, size_t i)
{
    if (i <= start)
        return true;
    size_t s;
    uint32_t p = nr_utf8_prev(t, i, &s);
    return nr_is_space(p) || p == '(' || p == '[' || p == '{' || nr_is_dash(p) || p == '/';
}

/* A quotation mark's direction comes from where it stands, not from its shape, so English
 * “…”, German „…“, Danish »…« and straight "…" all read right: after a space (or a bracket,
 * dash or the paragraph start) and before text it opens; after text it closes; with space on
 * both sides it is stray. */
static unsigned S_quote_direction(const char *t, size_t pb, size_t pe, size_t i, size_t next)
{
    bool before = S_prev_opens(t, pb, i);
    uint32_t c = next < pe ? S_cp_at(t, pe, next) : ' ';
    bool after = nr_is_space(c) || c == 0;
    if (!before)
        return NR_TF_CLOSE_QUOTE;
    return after ? NR_TF_STRAY_QUOTE : NR_TF_OPEN_QUOTE;
}

/* An apostrophe at i (ending at next) that makes "’s" right after a letter or digit. */
static bool S_possessive_at(const char *t, size_t pb, size_t pe, size_t i, size_t next)
{
    if (i <= pb || !S_is_apostrophe(S_cp_at(t, pe, i)))
        return false;
    size_t start;
    bool attached = S_is_alnum(nr_utf8_prev(t, i, &start));
    uint32_t s = S_cp_at(t, pe, next);
    return attached && (s == 's' || s == 'S') && !S_is_alnum(S_cp_at(t, pe, next + 1));
}

static bool S_tokenize(nr_doc *d, S_toks *toks, size_t pb, size_t pe)
{
    const char *t = d->art->text;
    size_t i = pb;
    while (i < pe) {
        size_t n = i;
        uint32_t c = nr_utf8_next(t, pe, &n);
        if (nr_is_space(c)) {
            i = n;
            continue;
        }
        nr_token tok = {i, n, NR_TOK_PUNCT, 0, 0, 0, 0};
        if (S_is_alnum(c)) {
            tok.e = S_word_end(t, pe, i);
            /* "U.S." keeps its final period when the word is dotted initials. */
            if (tok.e < pe && t[tok.e] == '.' && tok.e - i >= 3 &&
                S_single_letters_with_dots(t, i, tok.e))
                tok.e++;
            tok.kind = nr_is_digit(c) ? NR_TOK_NUMBER : NR_TOK_WORD;
            if (tok.kind == NR_TOK_WORD) {
                tok.flags = S_word_flags(t, i, tok.e);
                tok.lists = nr_lex_lookup(t + i, tok.e - i, &tok.places);
                if (!(tok.flags & NR_TF_CAP) && nr_is_lower((unsigned char)t[i]))
                    d->n_lower_words++;
                else
                    d->n_other_words++;
            }
        } else if (c == '.') {
            while (tok.e < pe && t[tok.e] == '.')
                tok.e++;
        } else if (nr_is_open_quote(c) || nr_is_close_quote(c) || c == '"') {
            tok.flags = S_quote_direction(t, pb, pe, i, n);
        } else if (c == '\'' && n < pe && t[n] == '\'') {
            /* '' for a double mark, as typewritten and wire-archive text writes both ends. */
            tok.e = n + 1;
            tok.flags = S_quote_direction(t, pb, pe, i, tok.e);
        } else if (S_possessive_at(t, pb, pe, i, n)) {
            tok.e = n + 1; /* "Germany’s", "he’s": the possessive or contraction is one token */
        } else if (c == 0x2018 || c == 0x2019 || c == '\'') {
            /* Single marks left over by the word rules (apostrophes inside words stay there). */
            unsigned dir = S_quote_direction(t, pb, pe, i, n);
            tok.flags = dir == NR_TF_STRAY_QUOTE ? 0 : dir | NR_TF_SINGLE_QUOTE;
        }
        nr_token *slot = NR_PUSH(d->arena, *toks);
        if (!slot)
            return false;
        *slot = tok;
        i = tok.e;
    }
    return true;
}

bool nr_tok_in(const nr_doc *d, size_t i, nr_lexicon_id lex)
{
    return d->toks[i].lists >> lex & 1;
}

const char *nr_tok_speech_lemma(const nr_doc *d, size_t i)
{
    return nr_tok_in(d, i, NR_LEX_SPEECH_FORMS)
               ? nr_speech_lemma(nr_tok_text(d, i), nr_tok_len(d, i))
               : NULL;
}

bool nr_tok_is_dash(const nr_doc *d, size_t i)
{
    return d->toks[i].kind == NR_TOK_PUNCT &&
           nr_is_dash(S_cp_at(d->art->text, d->toks[i].e, d->toks[i].b));
}

bool nr_tok_ends_nt(const nr_doc *d, size_t i)
{
    const char *t = nr_tok_text(d, i);
    size_t n = nr_tok_len(d, i);
    return (n > 3 && memcmp(t + n - 3, "n't", 3) == 0) ||
           (n > 5 && memcmp(t + n - 5, "n\xE2\x80\x99t", 5) == 0);
}

bool nr_tok_is_be(const nr_doc *d, size_t i)
{
    static const char *const be[] = {"is", "are", "was", "were", "be", "been", "being"};
    for (size_t k = 0; k < sizeof be / sizeof *be; k++) {
        if (nr_tok_is_ci(d, i, be[k]))
            return true;
    }
    return false;
}

nr_gender nr_tok_pronoun_gender(const nr_doc *d, size_t i)
{
    static const char *const male[] = {"he", "him", "his", "himself"};
    static const char *const female[] = {"she", "her", "hers", "herself"};
    char c = (char)(nr_tok_text(d, i)[0] | 0x20);
    if (nr_tok_len(d, i) > 7 || (c != 'h' && c != 's'))
        return NR_GENDER_UNKNOWN; /* most tokens, without eight comparisons */
    for (size_t k = 0; k < sizeof male / sizeof *male; k++) {
        if (nr_tok_is_ci(d, i, male[k]))
            return NR_GENDER_MALE;
        if (nr_tok_is_ci(d, i, female[k]))
            return NR_GENDER_FEMALE;
    }
    return NR_GENDER_UNKNOWN;
}

/* The first token that ends after byte b (binary search). */
size_t nr_tok_at(const nr_doc *d, size_t b)
{
    size_t lo = 0, hi = d->n_toks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->toks[mid].e <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- sentences ----------------------------------------------------------------------- */

static bool S_is_terminal(const nr_doc *d, size_t i)
{
    const nr_token *k = &d->toks[i];
    if (k->kind != NR_TOK_PUNCT)
        return false;
    char c = d->art->text[k->b];
    return c == '.' || c == '!' || c == '?' || nr_tok_is(d, i, "\xE2\x80\xA6");
}

static bool S_is_closer(const nr_doc *d, size_t i)
{
    const nr_token *k = &d->toks[i];
    if (k->kind != NR_TOK_PUNCT)
        return false;
    char c = d->art->text[k->b];
    return (k->flags & NR_TF_CLOSE_QUOTE) || c == ')' || c == ']' ||
           nr_tok_is(d, i, "\xE2\x80\x99");
}

static bool S_starts_sentence(const nr_doc *d, size_t i)
{
    const nr_token *k = &d->toks[i];
    if (k->kind == NR_TOK_NUMBER || (k->flags & (NR_TF_CAP | NR_TF_OPEN_QUOTE)))
        return true;
    char c = d->art->text[k->b];
    return c == '(' || c == '[' || c == '\'';
}

/* A period after an abbreviation or an initial does not end the sentence. */
static bool S_period_is_abbreviation(const nr_doc *d, size_t i, size_t first)
{
    if (!nr_tok_is(d, i, ".") || i == first)
        return false;
    const nr_token *p = &d->toks[i - 1];
    if (p->e != d->toks[i].b || p->kind != NR_TOK_WORD)
        return false;
    if (nr_tok_in(d, i - 1, NR_LEX_ABBREVIATIONS))
        return true;
    size_t at = p->b;
    uint32_t c = nr_utf8_next(d->art->text, p->e, &at);
    return at == p->e && nr_is_upper(c);
}

/* "U.S." ends a sentence only before a word that usually starts one ("The", "He"). */
static bool S_dotted_word_ends(const nr_doc *d, size_t i, size_t next)
{
    const nr_token *k = &d->toks[i];
    if (k->kind != NR_TOK_WORD || d->art->text[k->e - 1] != '.')
        return false;
    return nr_tok_in(d, next, NR_LEX_STOPWORDS);
}

/* How deeply quotations may nest in a sentence before the inner ones go unmarked. */
#define S_QUOTE_NESTING 16

/* Flags the tokens between each quotation mark and the mark that closes it in the sentence, the
 * closing one included: a mark never closed (a stray apostrophe, a quotation left open) quotes
 * nothing. */
static void S_mark_quoted(nr_doc *d, size_t tb, size_t te)
{
    size_t open[S_QUOTE_NESTING], depth = 0;
    for (size_t k = tb; k < te; k++) {
        unsigned f = d->toks[k].flags;
        if (f & NR_TF_OPEN_QUOTE) {
            if (depth < S_QUOTE_NESTING)
                open[depth] = k;
            depth++;
        } else if ((f & NR_TF_CLOSE_QUOTE) && depth > 0) {
            depth--;
            if (depth < S_QUOTE_NESTING)
                for (size_t j = open[depth] + 1; j <= k; j++)
                    d->toks[j].flags |= NR_TF_QUOTED;
        }
    }
}

static bool S_sentences(nr_doc *d, size_t tb, size_t te, int para, S_sents *sents, S_infos *infos)
{
    size_t start = tb;
    for (size_t i = tb; i < te; i++) {
        size_t end = i + 1;
        bool cut = i + 1 == te;
        if (!cut && (S_is_terminal(d, i) || S_dotted_word_ends(d, i, i + 1))) {
            while (end < te && S_is_closer(d, end))
                end++;
            cut = end < te && S_starts_sentence(d, end) && !S_period_is_abbreviation(d, i, start) &&
                  (S_is_terminal(d, i) || S_dotted_word_ends(d, i, end));
        }
        if (!cut)
            continue;
        nr_sentence *s = NR_PUSH(d->arena, *sents);
        nr_sent_info *info = NR_PUSH(d->arena, *infos);
        if (!s || !info)
            return false;
        s->span = nr_make_span(&d->cpmap, d->toks[start].b, d->toks[end - 1].e);
        s->paragraph = para;
        info->tok_begin = start;
        info->tok_end = end;
        int idx = (int)sents->n - 1;
        bool first_word = true;
        for (size_t k = start; k < end; k++) {
            d->toks[k].sentence = idx;
            if (first_word && d->toks[k].kind != NR_TOK_PUNCT) {
                d->toks[k].flags |= NR_TF_SENT_START;
                first_word = false;
            }
        }
        S_mark_quoted(d, start, end);
        start = end;
        i = end - 1;
    }
    return true;
}

/* ---- article structure --------------------------------------------------------------- */

/* The article text with ASCII letters lower-cased, so the boilerplate phrases (lower-case) are
 * found by memmem, which scans many bytes at a time. */
static char *S_lower_text(nr_doc *d)
{
    const char *t = d->art->text;
    size_t n = d->art->text_bytes;
    char *low = nr_alloc(d->arena, n + 1);
    if (!low)
        return NULL;
    for (size_t i = 0; i < n; i++)
        low[i] = t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] + 32) : t[i];
    return low;
}

static bool S_is_boilerplate(const char *low, const nr_span *p)
{
    size_t n = nr_lex_size(NR_LEX_BOILERPLATE);
    for (size_t i = 0; i < n; i++) {
        const char *phrase = nr_lex_item(NR_LEX_BOILERPLATE, i);
        if (memmem(low + p->bstart, p->bend - p->bstart, phrase, strlen(phrase)))
            return true;
    }
    return false;
}

/* A headline: a short single first line without final punctuation, then a blank line. */
static bool S_detect_title(nr_doc *d, const S_spans *paras)
{
    if (paras->n < 2)
        return true;
    const nr_span *p = &paras->items[0];
    const char *t = d->art->text;
    size_t newlines = 0;
    for (size_t i = p->bend; i < paras->items[1].bstart; i++)
        newlines += t[i] == '\n' || (t[i] == '\r' && t[i + 1] != '\n');
    if (newlines < 2)
        return true;
    if (memchr(t + p->bstart, '\n', p->bend - p->bstart) ||
        memchr(t + p->bstart, '\r', p->bend - p->bstart))
        return true;
    if (nr_utf8_count(t + p->bstart, p->bend - p->bstart) > NR_MAX_TITLE_CHARS)
        return true;
    char last = t[p->bend - 1];
    if (last == '.' || last == '!' || last == '?' || last == ',' || last == ':' || last == ';')
        return true;
    d->art->title = nr_strndup(d->arena, t + p->bstart, p->bend - p->bstart);
    return d->art->title != NULL;
}

/* "NEW ORLEANS –", "WASHINGTON (Reuters) -", "LONDON 1996-08-30": capitalized place words at the
 * start of the first body paragraph, then an agency in brackets, a dash, or a bare date line. */
static void S_detect_dateline(nr_doc *d, size_t tb, size_t te)
{
    size_t i = tb;
    while (i < te && (d->toks[i].flags & NR_TF_ALLCAPS) && i - tb < 5)
        i++;
    if (i == tb || i >= te)
        return;
    /* "CRICKET - ENGLAND WIN" opens a sports story with its subject, not a place. */
    if (i == tb + 1 && nr_tok_in(d, tb, NR_LEX_COMMON_WORDS) &&
        !(d->toks[tb].lists & NR_LEX_PLACES))
        return;
    size_t place_end = i;
    if (nr_tok_is(d, i, ",") && i + 1 < te && (d->toks[i + 1].flags & NR_TF_CAP)) {
        i += 2;
        if (i < te && nr_tok_is(d, i, "."))
            i++;
    }
    if (i + 2 < te && nr_tok_is(d, i, "(") && nr_tok_is(d, i + 2, ")"))
        i += 3;
    bool dash = i < te && nr_tok_is_dash(d, i);
    bool date_line = i + 1 == te && d->toks[i].kind == NR_TOK_NUMBER;
    if (!dash && !date_line)
        return;
    d->dateline_tok_end = (int)i + 1;
    d->dateline_b = d->toks[tb].b;
    d->dateline_e = d->toks[place_end - 1].e;
    d->art->dateline =
        nr_strndup(d->arena, d->art->text + d->dateline_b, d->dateline_e - d->dateline_b);
}

static bool S_opens(const nr_doc *d, const nr_token *tk)
{
    char c = tk->kind == NR_TOK_PUNCT ? d->art->text[tk->b] : 0;
    return (tk->flags & NR_TF_OPEN_QUOTE) || c == '(' || c == '[' || c == '{';
}

static bool S_closes(const nr_doc *d, const nr_token *tk)
{
    char c = tk->kind == NR_TOK_PUNCT ? d->art->text[tk->b] : 0;
    return (tk->flags & NR_TF_CLOSE_QUOTE) || c == ')' || c == ']' || c == '}';
}

/* How deep quotation marks and brackets nest in tokens [tb, te) of one paragraph, counting
 * only pairs that close: a run of quotations that are never closed is broken text the
 * statements stage warns about, not nesting. A closing mark closes the latest open one. */
static bool S_nesting(nr_doc *d, size_t tb, size_t te)
{
    size_t n = te - tb, top = 0, depth = 0;
    size_t *open = malloc((n + 1) * sizeof *open);
    unsigned char *paired = calloc(n + 1, 1);
    if (!open || !paired) {
        free(open);
        free(paired);
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        if (S_opens(d, &d->toks[tb + k]))
            open[top++] = k;
        else if (top && S_closes(d, &d->toks[tb + k]))
            paired[open[--top]] = paired[k] = 1;
    }
    for (size_t k = 0; k < n; k++) {
        if (!paired[k])
            continue;
        if (!S_opens(d, &d->toks[tb + k])) {
            depth--;
        } else if (++depth > d->nesting) {
            d->nesting = depth;
            d->nesting_b = d->toks[tb + k].b;
        }
    }
    free(open);
    free(paired);
    return true;
}

nr_status nr_segment(nr_doc *d)
{
    S_spans paras = {0};
    S_toks toks = {0};
    S_sents sents = {0};
    S_infos infos = {0};
    if (!nr_cpmap_init(&d->cpmap, d->arena, d->art->text, d->art->text_bytes) ||
        !S_paragraphs(d, &paras))
        return NR_ENOMEM;
    if (!d->art->title && !S_detect_title(d, &paras))
        return NR_ENOMEM;
    const char *low = S_lower_text(d);
    if (!low)
        return NR_ENOMEM;
    S_spans boiler = {0};
    d->dateline_tok_end = -1;
    bool body_seen = false;
    for (size_t p = 0; p < paras.n; p++) {
        nr_span *ps = &paras.items[p];
        *ps = nr_make_span(&d->cpmap, ps->bstart, ps->bend);
        size_t tb = toks.n;
        if (!S_tokenize(d, &toks, ps->bstart, ps->bend))
            return NR_ENOMEM;
        d->toks = toks.items; /* the stages below read tokens through d */
        if (!S_nesting(d, tb, toks.n))
            return NR_ENOMEM;
        size_t sb = sents.n;
        if (!S_sentences(d, tb, toks.n, (int)p, &sents, &infos))
            return NR_ENOMEM;
        d->art->sentences = sents.items;
        bool boilerplate = S_is_boilerplate(low, ps);
        if (boilerplate) {
            nr_span *b = NR_PUSH(d->arena, boiler);
            if (!b)
                return NR_ENOMEM;
            *b = *ps;
            for (size_t s = sb; s < sents.n; s++)
                infos.items[s].boilerplate = true;
            for (size_t k = tb; k < toks.n; k++)
                toks.items[k].flags |= NR_TF_BOILERPLATE;
        } else if (!body_seen && !(p == 0 && d->art->title && !d->input_title)) {
            body_seen = true;
            S_detect_dateline(d, tb, toks.n);
        }
        for (size_t k = tb; k < toks.n; k++)
            d->art->words += toks.items[k].kind != NR_TOK_PUNCT;
    }
    d->toks = toks.items;
    d->n_toks = toks.n;
    d->sents = infos.items;
    d->art->paragraphs = paras.items;
    d->art->n_paragraphs = paras.n;
    d->art->sentences = sents.items;
    d->art->n_sentences = sents.n;
    d->art->boilerplate = boiler.items;
    d->art->n_boilerplate = boiler.n;
    d->art->chars = nr_cpmap_at(&d->cpmap, d->art->text_bytes);
    return d->dateline_tok_end >= 0 && !d->art->dateline ? NR_ENOMEM : NR_OK;
}
