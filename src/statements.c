/* statements.c: quotations and reported speech, each attributed to a speaker mention and a cue. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* How many tokens after a closing mark the "…," X said pattern may span. */
#define NR_ATTRIB_WINDOW 8
/* An unattributed quotation shorter than this is a scare quote or a title, not a statement. */
#define NR_MIN_UNATTRIBUTED_WORDS 4

typedef NR_VEC(nr_span) S_pieces;

typedef struct S_attrib {
    int cue_tok;     /* token index of the cue, or -1 */
    int cue_end_tok; /* one past the cue's last token ("according to" has two) */
    const char *lemma;
    int mention;     /* index into art->mentions, or -1 */
} S_attrib;

typedef struct S_state {
    nr_doc *d;
    bool *in_statement;    /* per sentence: already holds a statement */
    size_t *para_tok_end;  /* per paragraph: one past its last token */
    NR_VEC(nr_statement) out;
} S_state;

static const S_attrib S_NONE = {-1, -1, NULL, -1};

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

static const char *S_cue_lemma(const nr_doc *d, size_t i, size_t end, int *cue_end)
{
    if (d->toks[i].kind != NR_TOK_WORD)
        return NULL;
    if (nr_tok_is_ci(d, i, "according") && i + 1 < end && nr_tok_is(d, i + 1, "to")) {
        *cue_end = (int)i + 2;
        return "according to";
    }
    *cue_end = (int)i + 1;
    return nr_speech_lemma(nr_tok_text(d, i), nr_tok_len(d, i));
}

/* How far after a cue the speaker may start ("said Acting Commissioner Dana Whitfield"). */
#define NR_SPEAKER_AFTER 5
/* How long a clause between a speaker and the cue may be ("X, who voted against it, said"). */
#define NR_APPOSITION_MAX 16

/* The mention that ends just before token i, skipping an appositive or relative clause set off
 * by commas. */
static int S_mention_ending_at(const S_state *st, size_t i, size_t lo)
{
    const nr_doc *d = st->d;
    if (i <= lo)
        return -1;
    if (d->tok_mention[i - 1] >= 0)
        return d->tok_mention[i - 1];
    if (!nr_tok_is(d, i - 1, ","))
        return -1;
    for (size_t k = i - 1; k-- > lo && i - k < NR_APPOSITION_MAX;) {
        if (nr_tok_is(d, k, ","))
            return k > lo ? d->tok_mention[k - 1] : -1;
        if (d->toks[k].flags & (NR_TF_OPEN_QUOTE | NR_TF_CLOSE_QUOTE))
            return -1;
    }
    return -1;
}

/* The first mention within a few words after token i, before any punctuation but a period. */
static int S_mention_starting_after(const S_state *st, size_t i, size_t hi)
{
    const nr_doc *d = st->d;
    for (size_t k = i; k < hi && k < i + NR_SPEAKER_AFTER; k++) {
        if (d->tok_mention[k] >= 0)
            return d->tok_mention[k];
        if (d->toks[k].kind == NR_TOK_PUNCT && !nr_tok_is(d, k, "."))
            return -1;
    }
    return -1;
}

/* The mention next to a cue: before it ("Landrieu said") or after it ("said Landrieu"). */
static int S_speaker_near(const S_state *st, size_t cue, size_t cue_end, size_t lo, size_t hi)
{
    int m = S_mention_ending_at(st, cue, lo);
    if (m < 0)
        m = S_mention_starting_after(st, cue_end, hi);
    /* "Officials in Denver said": a place does not speak. */
    if (m >= 0 && st->d->art->actors[st->d->art->mentions[m].actor].kind == NR_LOCATION)
        return -1;
    return m;
}

/* Looks for "…," X said / "…," said X in the tokens after a closing quotation mark. */
static S_attrib S_after(const S_state *st, size_t close, size_t para_end)
{
    const nr_doc *d = st->d;
    size_t hi = close + 1 + NR_ATTRIB_WINDOW < para_end ? close + 1 + NR_ATTRIB_WINDOW : para_end;
    for (size_t i = close + 1; i < hi; i++) {
        if (d->toks[i].flags & NR_TF_OPEN_QUOTE)
            break;
        int cue_end;
        const char *lemma = S_cue_lemma(d, i, hi, &cue_end);
        if (!lemma)
            continue;
        S_attrib a = {(int)i, cue_end, lemma, S_speaker_near(st, i, (size_t)cue_end, close + 1, hi)};
        return a;
    }
    return S_NONE;
}

/* Looks for X said: "…" in the sentence before an opening mark. */
static S_attrib S_before(const S_state *st, size_t open, size_t sent_begin, bool *mixed)
{
    const nr_doc *d = st->d;
    for (size_t i = open; i-- > sent_begin;) {
        if (d->toks[i].flags & NR_TF_CLOSE_QUOTE)
            break;
        int cue_end;
        const char *lemma = S_cue_lemma(d, i, open, &cue_end);
        if (!lemma)
            continue;
        size_t gap = open - (size_t)cue_end;
        *mixed = gap > 1 && !(gap == 2 && nr_tok_is(d, (size_t)cue_end, "that"));
        S_attrib a = {(int)i, cue_end, lemma, S_speaker_near(st, i, (size_t)cue_end, sent_begin, open)};
        return a;
    }
    return S_NONE;
}

static size_t S_words(const nr_doc *d, size_t tb, size_t te)
{
    size_t n = 0;
    for (size_t k = tb; k < te; k++)
        n += d->toks[k].kind != NR_TOK_PUNCT;
    return n;
}

/* Trims white space and edge punctuation from a byte range; false when nothing is left. */
static bool S_trim(const nr_doc *d, size_t *b, size_t *e)
{
    const char *t = d->art->text;
    while (*b < *e) {
        size_t n = *b;
        uint32_t c = nr_utf8_next(t, *e, &n);
        if (!nr_is_space(c) && c != ',' && c != ':' && c != ';' && !nr_is_dash(c))
            break;
        *b = n;
    }
    while (*e > *b) {
        size_t s;
        uint32_t c = nr_utf8_prev(t, *e, &s);
        if (!nr_is_space(c) && c != ',' && c != ':' && c != ';' && c != '.' && !nr_is_dash(c))
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
    s->content = nr_make_span(&d->cpmap, pieces->items[0].bstart, pieces->items[pieces->n - 1].bend);
    s->actor = -1;
    if (at.mention >= 0) {
        const nr_mention *m = &d->art->mentions[at.mention];
        s->has_speaker = 1;
        s->speaker = m->span;
        s->actor = m->actor;
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
    size_t open, close;   /* token indexes; close == n_toks when the mark is missing */
    size_t para_end;      /* token index one past the closing paragraph */
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
    for (;;) {
        while (i < pend && !(d->toks[i].flags & NR_TF_CLOSE_QUOTE))
            i++;
        if (i < pend) {
            q->close = i;
            q->para_end = pend;
            return S_add_piece(d, &q->pieces, piece_b, d->toks[i].b);
        }
        if (!S_add_piece(d, &q->pieces, piece_b, d->toks[pend - 1].e))
            return false;
        bool continued = pend < d->n_toks && (d->toks[pend].flags & NR_TF_OPEN_QUOTE) &&
                         !(d->toks[pend].flags & NR_TF_BOILERPLATE);
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

static bool S_direct(S_state *st)
{
    nr_doc *d = st->d;
    S_attrib prev = S_NONE;
    int prev_para = -1;
    for (size_t i = 0; i < d->n_toks; i++) {
        const nr_token *tk = &d->toks[i];
        if ((tk->flags & NR_TF_BOILERPLATE) || !(tk->flags & NR_TF_OPEN_QUOTE))
            continue;
        S_quote q;
        if (!S_read_quote(st, i, &q))
            return false;
        int para = d->art->sentences[tk->sentence].paragraph;
        if (para != prev_para)
            prev = S_NONE;
        bool mixed = false;
        S_attrib at = S_before(st, i, d->sents[tk->sentence].tok_begin, &mixed);
        if (at.cue_tok < 0) {
            mixed = false;
            at = S_after(st, q.close, q.para_end);
        }
        bool attributed = at.cue_tok >= 0;
        if (!attributed && prev.cue_tok >= 0)
            at = prev; /* "A," he said. "B." continues the same speaker's statement */
        size_t words = S_words(d, i, q.close);
        if (q.pieces.n && (attributed || at.cue_tok >= 0 || words >= NR_MIN_UNATTRIBUTED_WORDS)) {
            if (mixed) {
                /* The content is the whole reported clause around the quotation. */
                S_pieces clause = {0};
                size_t sent_end = d->sents[d->toks[q.close].sentence].tok_end;
                if (!S_add_piece(d, &clause, d->toks[at.cue_end_tok].b, d->toks[sent_end - 1].e))
                    return false;
                if (clause.n && !S_emit(st, &clause, NR_MIXED, at))
                    return false;
            } else if (!S_emit(st, &q.pieces, NR_DIRECT, at)) {
                return false;
            }
        }
        if (attributed)
            prev = at;
        prev_para = d->art->sentences[d->toks[q.close < d->n_toks ? q.close : d->n_toks - 1].sentence].paragraph;
        i = q.close;
    }
    return true;
}

/* ---- reported speech ----------------------------------------------------------------- */

static bool S_is(const nr_doc *d, size_t i, const char *w)
{
    return i < d->n_toks && nr_tok_is(d, i, w);
}

/* X said (that) CLAUSE | CLAUSE, X said. | A, X noted, B. | according to X, CLAUSE */
static bool S_reported(S_state *st, size_t s)
{
    nr_doc *d = st->d;
    size_t tb = d->sents[s].tok_begin, te = d->sents[s].tok_end;
    size_t last = te;
    while (last > tb && d->toks[last - 1].kind == NR_TOK_PUNCT)
        last--;
    for (size_t i = tb; i < last; i++) {
        int cue_end;
        const char *lemma = S_cue_lemma(d, i, last, &cue_end);
        if (!lemma)
            continue;
        size_t ce = (size_t)cue_end;
        S_attrib at = {(int)i, cue_end, lemma, -1};
        S_pieces pieces = {0};
        if (strcmp(lemma, "according to") == 0) {
            at.mention = S_mention_starting_after(st, ce, last);
            if (at.mention < 0)
                continue;
            size_t after = ce;
            while (after < last && st->d->tok_mention[after] != at.mention)
                after++;
            while (after < last && st->d->tok_mention[after] == at.mention)
                after++;
            bool ok = i > tb ? S_add_piece(d, &pieces, d->toks[tb].b, d->toks[i].b)
                             : S_add_piece(d, &pieces, d->toks[after < te ? after : te - 1].b,
                                           d->toks[te - 1].e);
            if (!ok)
                return false;
        } else {
            at.mention = S_speaker_near(st, i, ce, tb, last);
            if (at.mention < 0)
                continue;
            const nr_span *sp = &d->art->mentions[at.mention].span;
            bool speaker_first = sp->bend <= d->toks[i].b;
            if (speaker_first) {
                size_t sb = nr_tok_at(d, sp->bstart);
                bool tail = sb > tb && S_is(d, sb - 1, ",");
                if (tail) {
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
                    if (S_is(d, cb, "that") || S_is(d, cb, ":") || S_is(d, cb, ","))
                        cb++;
                    if (cb < last && !S_add_piece(d, &pieces, d->toks[cb].b, d->toks[te - 1].e))
                        return false;
                }
            } else if (i > tb && S_is(d, i - 1, ",")) {
                /* "CLAUSE, said X." */
                if (!S_add_piece(d, &pieces, d->toks[tb].b, d->toks[i - 1].b))
                    return false;
            }
        }
        if (pieces.n && S_words(d, tb, te) >= 4)
            return S_emit(st, &pieces, NR_INDIRECT, at);
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
    d->art->statements = st.out.items;
    d->art->n_statements = st.out.n;
    return NR_OK;
}
