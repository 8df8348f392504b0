/* test_units.c: unit tests of the library's leaf modules and stages, one function per rule family.
 */
#include "internal.h"

#include <csv.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                        \
        }                                                                                          \
    } while (0)

static nr_article *extract(const nr_ctx *ctx, const char *text, size_t len, nr_error *err)
{
    nr_input in = {.data = text, .len = len, .source = "unit"};
    return nr_extract(ctx, &in, err);
}

static void test_dates(void)
{
    char out[11];
    CHECK(nr_date_normalize("2016-09-12", 10, out) == 0 && strcmp(out, "2016-09-12") == 0);
    CHECK(nr_date_normalize("2016-09-12T10:00:00Z", 20, out) == 0 &&
          strcmp(out, "2016-09-12") == 0);
    CHECK(nr_date_normalize("2016-02", 7, out) == 0 && strcmp(out, "2016-02") == 0);
    CHECK(nr_date_normalize("2015", 4, out) == 0 && strcmp(out, "2015") == 0);
    CHECK(nr_date_normalize("2015-02-29", 10, out) == -1 && out[0] == '\0');
    CHECK(nr_date_normalize("2016-02-29", 10, out) == 0);
    CHECK(nr_date_normalize("2016-13-01", 10, out) == -1);
    CHECK(nr_date_normalize("yesterday", 9, out) == -1);

    nr_date_match m;
    const char *t = "As far back as 2015, officials agreed.";
    CHECK(nr_find_date(t, 0, strlen(t), NULL, &m) && strcmp(m.iso, "2015") == 0 &&
          m.precision == NR_DATE_YEAR && m.b == 15 && m.e == 19);
    t = "The deal was signed on June 3, 2015 in Paris.";
    CHECK(nr_find_date(t, 0, strlen(t), NULL, &m) && strcmp(m.iso, "2015-06-03") == 0 &&
          m.precision == NR_DATE_DAY);
    t = "It opens Jan. 5 downtown.";
    CHECK(nr_find_date(t, 0, strlen(t), "2017-12-20", &m) && strcmp(m.iso, "2017-01-05") == 0);
    t = "The letter arrived on Friday.";
    /* 2017-04-21 was a Friday; 2017-04-23 a Sunday. */
    CHECK(nr_find_date(t, 0, strlen(t), "2017-04-23", &m) && strcmp(m.iso, "2017-04-21") == 0);
    t = "It was issued earlier today.";
    CHECK(nr_find_date(t, 0, strlen(t), "2017-04-21", &m) && strcmp(m.iso, "2017-04-21") == 0);
    CHECK(nr_find_date(t, 0, strlen(t), NULL, &m) && m.precision == NR_DATE_RELATIVE &&
          m.iso[0] == '\0');
    t = "Theresa May may speak.";
    CHECK(!nr_find_date(t, 0, strlen(t), NULL, &m));
}

static void test_decode(const nr_ctx *ctx)
{
    nr_error err;
    const char bom[] = "\xEF\xBB\xBFHello world.";
    nr_article *a = extract(ctx, bom, sizeof bom - 1, &err);
    CHECK(a && strcmp(a->text, "Hello world.") == 0 && strcmp(a->encoding, "utf-8") == 0);
    nr_article_free(a);

    const char cp1252[] = "Caf\xE9 owner said \x93no\x94.";
    a = extract(ctx, cp1252, sizeof cp1252 - 1, &err);
    CHECK(a && strcmp(a->encoding, "windows-1252") == 0 &&
          strcmp(a->text, "Caf\xC3\xA9 owner said \xE2\x80\x9Cno\xE2\x80\x9D.") == 0 &&
          a->n_warnings == 1);
    nr_article_free(a);

    const char utf16[] = "\xFF\xFEH\0i\0!\0";
    a = extract(ctx, utf16, sizeof utf16 - 1, &err);
    CHECK(a && strcmp(a->text, "Hi!") == 0 && strcmp(a->encoding, "utf-16le") == 0);
    nr_article_free(a);

    const char binary[] = "\x7f"
                          "ELF\x02\x01\x01\0\0\0";
    a = extract(ctx, binary, sizeof binary - 1, &err);
    CHECK(!a && err.status == NR_ENOTTEXT);

    a = extract(ctx, " \n\t\r\n ", 6, &err);
    CHECK(!a && err.status == NR_EEMPTY);

    /* A control character becomes U+FFFD: one code point for one, so offsets hold. */
    const char ctl[] = "A\x01"
                       "B said it.";
    a = extract(ctx, ctl, sizeof ctl - 1, &err);
    CHECK(a && a->chars == 12 &&
          memcmp(a->text,
                 "A\xEF\xBF\xBD"
                 "B",
                 5) == 0);
    nr_article_free(a);

    nr_limits lim;
    nr_limits_default(&lim);
    lim.max_article_bytes = 16;
    nr_ctx *small = nr_ctx_new(&lim);
    a = extract(small, "This article is longer than sixteen bytes.", 42, &err);
    CHECK(!a && err.status == NR_ELIMIT && strstr(err.message, "max_article_bytes"));
    nr_ctx_free(small);
}

static void test_segment(const nr_ctx *ctx)
{
    nr_error err;
    const char *t = "Short headline here\n\n"
                    "Mr. Smith met Alan R. Hanson in the U.S. on Jan. 5. Profit rose to $1.13bn. "
                    "\"We won,\" he said. Then they left...\r\n\r\nSecond paragraph.";
    nr_article *a = extract(ctx, t, strlen(t), &err);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK(a->title && strcmp(a->title, "Short headline here") == 0);
    CHECK(a->n_paragraphs == 3);
    CHECK(a->n_sentences == 6);
    if (a->n_sentences == 6) {
        const nr_span *s = &a->sentences[1].span;
        CHECK(strncmp(a->text + s->bstart, "Mr. Smith", 9) == 0 &&
              strncmp(a->text + s->bend - 7, "Jan. 5.", 7) == 0);
        s = &a->sentences[3].span;
        CHECK(strncmp(a->text + s->bstart, "\"We won,\" he said.", (size_t)(s->bend - s->bstart)) ==
              0);
        CHECK(a->sentences[5].paragraph == 2);
    }
    nr_article_free(a);

    t = "WASHINGTON (Reuters) - The Senate voted on Monday.";
    a = extract(ctx, t, strlen(t), &err);
    CHECK(a && a->dateline && strcmp(a->dateline, "WASHINGTON") == 0);
    nr_article_free(a);

    t = "one line\ntwo line\nthree line";
    a = extract(ctx, t, strlen(t), &err);
    CHECK(a && a->n_paragraphs == 3 && a->title == NULL);
    nr_article_free(a);
}

static void test_cpmap(void)
{
    nr_arena *ar = nr_arena_new();
    char text[1200];
    size_t n = 0;
    for (int i = 0; i < 300; i++) {
        const char *piece = (i % 3 == 0) ? "\xE2\x80\x9C" : (i % 3 == 1 ? "\xC3\xA9" : "a");
        size_t len = strlen(piece);
        memcpy(text + n, piece, len);
        n += len;
    }
    nr_cpmap m;
    CHECK(nr_cpmap_init(&m, ar, text, n));
    bool ok = true;
    int64_t cps = 0;
    for (size_t b = 0; b <= n; b++) {
        if (b == n || ((unsigned char)text[b] & 0xC0) != 0x80) {
            ok = ok && nr_cpmap_at(&m, b) == cps;
            cps++;
        }
    }
    CHECK(ok && nr_cpmap_at(&m, n) == 300);
    nr_arena_free(ar);
}

static void test_lexicon(void)
{
    /* One index probe answers every list, whatever the case of the word. */
    uint64_t paris = nr_lex_lists("PARIS", 5);
    CHECK(paris >> NR_LEX_CITIES & 1u);
    CHECK(nr_lex_has_ci(NR_LEX_COUNTRIES, "France", 6) &&
          nr_lex_has_ci(NR_LEX_COUNTRIES, "FRANCE", 6));
    CHECK(nr_lex_has_ci(NR_LEX_SUBDIVISIONS, "Louisiana", 9));
    CHECK(nr_lex_has_ci(NR_LEX_FEMALE_NAMES, "Margaret", 8) &&
          !nr_lex_has_ci(NR_LEX_MALE_NAMES, "Margaret", 8));
    CHECK(nr_lex_has_ci(NR_LEX_TITLES, "Mayor", 5) && nr_lex_has_ci(NR_LEX_STOPWORDS, "The", 3));
    CHECK(nr_lex_has_ci(NR_LEX_ORGANIZATIONS, "Immigration and Customs Enforcement", 35));
    CHECK(nr_lex_lists("Immigration and Customs", 23) == 0); /* whole entries only */
    CHECK(nr_lex_has(NR_LEX_TITLES, "mayor", 5) && !nr_lex_has(NR_LEX_TITLES, "Mayor", 5));
    CHECK(nr_lex_lists("", 0) == 0);
    char long_word[300];
    memset(long_word, 'a', sizeof long_word);
    CHECK(nr_lex_lists(long_word, sizeof long_word) == 0);
    size_t n = nr_lex_size(NR_LEX_STOPWORDS);
    bool sorted = n > 10;
    for (size_t i = 1; i < n; i++)
        sorted = sorted &&
                 strcmp(nr_lex_item(NR_LEX_STOPWORDS, i - 1), nr_lex_item(NR_LEX_STOPWORDS, i)) < 0;
    CHECK(sorted && nr_lex_item(NR_LEX_STOPWORDS, n) == NULL);
}

/* The dictionaries' dates choose a leader's code; places and people are apart. */
static void test_cameo(void)
{
    const char *blair = "tony blair";
    CHECK(strcmp(nr_cameo_actor_code(blair, strlen(blair), 20050301, false), "GBRGOV") == 0);
    CHECK(strcmp(nr_cameo_actor_code(blair, strlen(blair), 19900101, false), "GBRELI") == 0);
    CHECK(strcmp(nr_cameo_actor_code(blair, strlen(blair), 0, false), "GBRELI") == 0);
    CHECK(nr_cameo_actor_code(blair, strlen(blair), 0, true) == NULL);
    CHECK(strcmp(nr_cameo_actor_code("jordan", 6, 0, true), "JOR") == 0);
    CHECK(nr_cameo_actor_code("jordan", 6, 0, false) == NULL);
    CHECK(strcmp(nr_cameo_actor_code("serbia", 6, 19990101, true), "SCGSRB") == 0);
    CHECK(strcmp(nr_cameo_agent_role("police", 6), "COP") == 0);
    CHECK(strcmp(nr_cameo_agent_role("department of justice", 21), "GOV") == 0);
    CHECK(nr_cameo_agent_role("runner", 6) == NULL);
    CHECK(strcmp(nr_cameo_country("SCGSRB"), "SCG") == 0 && nr_cameo_country("IGOUNO") == NULL);
    double w = 0;
    CHECK(nr_goldstein_of("1723", &w) && w == -5.0);
    CHECK(nr_goldstein_of("130", &w) && w == -4.4);
    CHECK(!nr_goldstein_of("99", &w));
    nr_buf b;
    nr_buf_init(&b);
    const double weights[] = {-4.4, 0.0, 10.0, -0.04, 3.25, -10.0};
    for (size_t k = 0; k < sizeof weights / sizeof *weights; k++) {
        nr_buf_put_tenths(&b, weights[k]);
        nr_buf_putc(&b, ' ');
    }
    CHECK(b.len == strlen("-4.4 0.0 10.0 0.0 3.3 -10.0 ") &&
          memcmp(b.data, "-4.4 0.0 10.0 0.0 3.3 -10.0 ", b.len) == 0);
    nr_buf_free(&b);
}

static void test_tagger(void)
{
    /* BIO: an I- tag only continues a name of its own type. */
    CHECK(nr_tag_allowed(NR_TAG_O, NR_TAG_B_PER) && !nr_tag_allowed(NR_TAG_O, NR_TAG_I_PER));
    CHECK(nr_tag_allowed(NR_TAG_B_ORG, NR_TAG_I_ORG) && nr_tag_allowed(NR_TAG_I_ORG, NR_TAG_I_ORG));
    CHECK(!nr_tag_allowed(NR_TAG_B_PER, NR_TAG_I_LOC) && nr_tag_allowed(NR_TAG_B_PER, NR_TAG_O));
    /* The built-in model is the trained one: it finds a person and a place. */
    nr_arena *ar = nr_arena_new();
    nr_article *art = nr_alloc(ar, sizeof *art);
    nr_ctx *ctx = nr_ctx_new(NULL);
    nr_doc d = {.ctx = ctx, .arena = ar, .art = art};
    const char *t = "Officials said Ann Cole flew to Denver.";
    nr_input in = {.data = t, .len = strlen(t), .source = "unit"};
    nr_error err;
    CHECK(nr_prepare(&d, &in, &err) == NR_OK && d.art->n_sentences == 1);
    nr_tag_doc *td = nr_tag_prepare(&d);
    CHECK(td != NULL);
    if (td && d.art->n_sentences == 1) {
        nr_tag tags[16] = {NR_TAG_O};
        CHECK(d.n_toks == 8);
        nr_tag_sentence(td, 0, nr_tag_builtin(), tags);
        CHECK(tags[1] == NR_TAG_O && tags[2] == NR_TAG_B_PER && tags[3] == NR_TAG_I_PER);
        CHECK(tags[4] == NR_TAG_O && tags[5] == NR_TAG_O && tags[6] == NR_TAG_B_LOC);
        /* Lower-case words outside a name are never scored; features stay within bounds. */
        CHECK(!nr_tag_candidate(td, 4, NR_TAG_O) && nr_tag_candidate(td, 4, NR_TAG_I_PER));
        uint64_t feats[NR_TAG_MAX_FEATURES];
        size_t n = 0;
        for (size_t i = 0; i < d.n_toks; i++) {
            size_t k = nr_tag_features(td, 0, i, NR_TAG_B_PER, NR_TAG_O, feats);
            n = k > n ? k : n;
        }
        CHECK(n > 20 && n <= NR_TAG_MAX_FEATURES);
    }
    nr_ctx_free(ctx);
    nr_arena_free(ar);
}

static void test_actors(const nr_ctx *ctx)
{
    nr_error err;
    const char *t = "The Securities and Exchange Commission (SEC) fined Northwind Corp. on Monday. "
                    "Acting Assistant Attorney General Maria Olsen said the SEC acted alone. "
                    "Olsen said she was pleased. The Department of Justice (DOJ) agreed. "
                    "This is a test.";
    nr_article *a = extract(ctx, t, strlen(t), &err);
    CHECK(a != NULL);
    if (!a)
        return;
    const nr_actor *olsen = NULL, *sec = NULL, *doj = NULL;
    for (size_t i = 0; i < a->n_actors; i++) {
        const nr_actor *ac = &a->actors[i];
        if (strcmp(ac->name, "Maria Olsen") == 0)
            olsen = ac;
        if (strcmp(ac->name, "Department of Justice") == 0)
            doj = ac;
        if (strstr(ac->name, "Exchange Commission"))
            sec = ac;
        CHECK(strcmp(ac->name, "This") != 0 && strcmp(ac->name, "The") != 0);
    }
    CHECK(olsen && olsen->kind == NR_PERSON && olsen->title &&
          strcmp(olsen->title, "Acting Assistant Attorney General") == 0);
    CHECK(olsen && olsen->n_mentions == 3); /* Maria Olsen, Olsen, she */
    CHECK(doj && doj->n_aliases == 1 && strcmp(doj->aliases[0], "DOJ") == 0);
    CHECK(sec && sec->kind == NR_ORGANIZATION && sec->n_mentions == 3); /* name, (SEC), the SEC */
    for (size_t i = 0; i < a->n_mentions; i++) {
        const nr_mention *m = &a->mentions[i];
        CHECK(m->span.end - m->span.start ==
              nr_utf8_count(a->text + m->span.bstart, m->span.bend - m->span.bstart));
    }
    nr_article_free(a);
}

static void test_statements(const nr_ctx *ctx)
{
    nr_error err;
    const char *t = "\xE2\x80\x9CWe will appeal,\xE2\x80\x9D Mayor Ann Cole said. "
                    "\xE2\x80\x9CThe ruling is wrong.\xE2\x80\x9D\n\n"
                    "Cole said the ruling was \"a disaster for the port\" and vowed to fight.\n\n"
                    "Judge Amy Tran said that the city had missed every deadline.\n\n"
                    "\"This quote never closes and runs to the end of the paragraph\n\n"
                    "Next paragraph.";
    nr_article *a = extract(ctx, t, strlen(t), &err);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK(a->n_statements == 4);
    size_t direct = 0, mixed = 0, indirect = 0, cole = 0;
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        direct += s->kind == NR_DIRECT;
        mixed += s->kind == NR_MIXED;
        indirect += s->kind == NR_INDIRECT;
        cole += s->actor >= 0 && strcmp(a->actors[s->actor].name, "Ann Cole") == 0;
    }
    /* "A," she said. "B." is one statement with two pieces. */
    CHECK(direct == 2 && mixed == 1 && indirect == 1 && cole == 2);
    CHECK(a->statements[0].n_pieces == 2);
    CHECK(a->n_warnings == 1 && strstr(a->warnings[0], "never closed"));
    nr_article_free(a);
}

static void test_events(const nr_ctx *ctx)
{
    nr_error err;
    const char *t = "PARIS - The Northwind Group threatened Acme Corp. in 2015. "
                    "Acme did not accept.\n\nA letter issued by the Northwind Group was rejected.";
    nr_input in = {.data = t, .len = strlen(t), .published = "2016-03-04"};
    nr_article *a = nr_extract(ctx, &in, &err);
    CHECK(a && a->n_events >= 1);
    if (!a)
        return;
    const nr_event *e = &a->events[0];
    CHECK(strcmp(e->cameo, "130") == 0 && strcmp(e->type, "THREATEN") == 0 && e->quad_class == 3);
    CHECK(e->agent >= 0 && strcmp(a->actors[e->agent].name, "Northwind Group") == 0);
    CHECK(e->target >= 0 && strcmp(a->actors[e->target].name, "Acme Corp.") == 0);
    CHECK(e->date && strcmp(e->date, "2015") == 0 && e->date_precision == NR_DATE_YEAR);
    CHECK(e->location >= 0 && strcmp(a->actors[e->location].name, "PARIS") == 0);
    nr_article_free(a);
}

/* CSV cells written by the writer come back unchanged through libcsv's strict parser. */
typedef struct {
    char cells[64][256];
    size_t n;
    int rows;
} parsed;

static void on_field(void *s, size_t len, void *data)
{
    parsed *p = data;
    if (p->n < 64) {
        size_t n = len < 255 ? len : 255;
        memcpy(p->cells[p->n], s ? s : "", n);
        p->cells[p->n][n] = '\0';
        p->n++;
    }
}

static void on_row(int c, void *data)
{
    (void)c;
    ((parsed *)data)->rows++;
}

static void test_csv(const nr_ctx *ctx)
{
    nr_error err;
    const char *t = "Headline, with \"quotes\"\n\nSpeaker Jo Park said: \"a,b\"\r\nnext\" line.";
    nr_article *a = extract(ctx, t, strlen(t), &err);
    CHECK(a != NULL);
    if (!a)
        return;
    nr_buf b;
    nr_buf_init(&b);
    nr_write_csv_header(&b, NR_T_ARTICLES, NR_CSV_RFC4180);
    nr_write_csv_rows(&b, NR_T_ARTICLES, a, NR_CSV_RFC4180);
    struct csv_parser p;
    parsed out = {0};
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
    CHECK(csv_parse(&p, b.data, b.len, on_field, on_row, &out) == b.len);
    CHECK(csv_fini(&p, on_field, on_row, &out) == 0);
    csv_free(&p);
    CHECK(out.rows == 2 && out.n == 22);
    CHECK(strcmp(out.cells[11], a->id) == 0 &&
          strcmp(out.cells[13], "Headline, with \"quotes\"") == 0);
    nr_buf_free(&b);
    nr_article_free(a);
}

/* Spreadsheet cells are counted in UTF-16 code units and cut between code points. */
static void test_utf16_fit(void)
{
    CHECK(nr_utf16_fit("abc", 3, 3) == 3);
    CHECK(nr_utf16_fit("abcd", 4, 3) == 3);
    CHECK(nr_utf16_fit("\xC3\xA9\xC3\xA9", 4, 1) == 2);  /* é is one unit of 2 bytes */
    CHECK(nr_utf16_fit("a\xF0\x9F\x98\x80", 5, 2) == 1); /* an emoji is two units */
    CHECK(nr_utf16_fit("a\xF0\x9F\x98\x80", 5, 3) == 5);
    CHECK(nr_utf16_fit("\xE2\x80\x9C\xE2\x80\x9D", 6, 1) == 3); /* curly quotes: one unit each */
}

/* The Excel dialect: BOM on the header, CRLF row ends, a cell that starts like a formula
 * written as our own formula that gives its text back (line breaks as CHAR), cells cut at
 * Excel's limit; RFC 4180 leaves cells as they are. */
static void test_csv_dialects(void)
{
    nr_buf b;
    nr_buf_init(&b);
    nr_write_csv_header(&b, NR_T_ACTORS, NR_CSV_EXCEL);
    CHECK(b.len > 5 &&
          memcmp(b.data,
                 "\xEF\xBB\xBF"
                 "article_id,",
                 14) == 0 &&
          memcmp(b.data + b.len - 2, "\r\n", 2) == 0);
    const char *cells[] = {"=1+2", "-3", "+4", "@x", "\tt", "\rr", "\nn", "a=b", NULL, ""};
    size_t lens[10];
    for (int k = 0; k < 10; k++)
        lens[k] = cells[k] ? strlen(cells[k]) : 0;
    b.len = 0;
    CHECK(nr_write_csv_row(&b, cells, lens, 10, NR_CSV_EXCEL) == 0);
    const char *excel =
        "\"=\"\"=1+2\"\"\",\"=\"\"-3\"\"\",\"=\"\"+4\"\"\",\"=\"\"@x\"\"\",\"=\"\"\tt\"\"\","
        "\"=CHAR(13)&\"\"r\"\"\",\"=CHAR(10)&\"\"n\"\"\",\"a=b\",,\"\"\r\n";
    CHECK(b.len == strlen(excel) && memcmp(b.data, excel, b.len) == 0);
    b.len = 0;
    CHECK(nr_write_csv_row(&b, cells, lens, 10, NR_CSV_RFC4180) == 0);
    const char *rfc = "\"=1+2\",\"-3\",\"+4\",\"@x\",\"\tt\",\"\rr\",\"\nn\",\"a=b\",,\"\"\n";
    CHECK(b.len == strlen(rfc) && memcmp(b.data, rfc, b.len) == 0);
    /* "=" and 40,000 emoji: the guard and "=" leave 32,765 code units, 16,382 whole emoji */
    nr_buf big;
    nr_buf_init(&big);
    nr_buf_putc(&big, '=');
    for (int k = 0; k < 40000; k++)
        nr_buf_puts(&big, "\xF0\x9F\x98\x80");
    const char *one[] = {big.data};
    size_t one_len[] = {big.len};
    b.len = 0;
    CHECK(nr_write_csv_row(&b, one, one_len, 1, NR_CSV_EXCEL) == 1);
    CHECK(b.len == 3 + 16382 * 4 + 1 + 2); /* "'= ... "CRLF */
    b.len = 0;
    CHECK(nr_write_csv_row(&b, one, one_len, 1, NR_CSV_RFC4180) == 0 && b.len == big.len + 3);
    nr_buf_free(&big);
    nr_buf_free(&b);
}

/* Text a spreadsheet would read as a number, date, time, boolean or error becomes a formula that
 * gives it back; other text stays text. A quote in the text is doubled in the formula and again
 * by CSV; a string constant holds at most 255 characters. */
static void test_csv_values(void)
{
    struct {
        const char *cell, *excel;
    } cases[] = {
        {"0841", "\"=\"\"0841\"\"\""},
        {"11136373e9036505", "\"=\"\"11136373e9036505\"\"\""},
        {"2005-03", "\"=\"\"2005-03\"\"\""},
        {"March 2005", "\"=\"\"March 2005\"\"\""},
        {"3pm", "\"=\"\"3pm\"\"\""},
        {"(12)", "\"=\"\"(12)\"\"\""},
        {"\xE2\x82\xAC"
         "5",
         "\"=\"\"\xE2\x82\xAC"
         "5\"\"\""},
        {"TRUE", "\"=\"\"TRUE\"\"\""},
        {"#N/A", "\"=\"\"#N/A\"\"\""},
        {"-\"x\"", "\"=\"\"-\"\"\"\"x\"\"\"\"\"\"\""}, /* ="-""x""" as a CSV cell */
        {"5\"", "\"5\"\"\""},
        {"Bill 19", "\"Bill 19\""},
        {"\xC2\xA3"
         "5m",
         "\"\xC2\xA3"
         "5m\""},
        {"March", "\"March\""},
        {"P2P", "\"=\"\"P2P\"\"\""}, /* a needless wrap: it still shows P2P */
    };
    nr_buf b;
    nr_buf_init(&b);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *cell[] = {cases[k].cell};
        size_t len[] = {strlen(cases[k].cell)};
        b.len = 0;
        nr_write_csv_row(&b, cell, len, 1, NR_CSV_EXCEL);
        size_t want = strlen(cases[k].excel);
        CHECK(b.len == want + 2 && memcmp(b.data, cases[k].excel, want) == 0);
        if (b.len != want + 2 || memcmp(b.data, cases[k].excel, want) != 0)
            fprintf(stderr, "  cell \"%s\" gave %.*s\n", cases[k].cell, (int)b.len, b.data);
    }
    /* "-" and 300 x: pieces of 255 and 46 characters joined by & */
    char dash[302] = "-";
    memset(dash + 1, 'x', 300);
    const char *cell[] = {dash};
    size_t len[] = {301};
    b.len = 0;
    nr_write_csv_row(&b, cell, len, 1, NR_CSV_EXCEL);
    CHECK(b.len == 1 + 1 + 2 + 255 + 2 + 1 + 2 + 46 + 2 + 1 + 2);
    CHECK(memcmp(b.data + 4 + 255, "\"\"&\"\"", 5) == 0);
    nr_buf_free(&b);
}

/* Invalid UTF-8 becomes one U+FFFD per maximal subpart, as Python's errors="replace" counts. */
static void test_utf8_repair(void)
{
    struct {
        const char *in, *out;
    } cases[] = {
        {"caf\xE9.txt", "caf\xEF\xBF\xBD.txt"},
        {"\xE2\x80", "\xEF\xBF\xBD"},
        {"\xE2\x80x", "\xEF\xBF\xBDx"},
        {"\xF0\x9F\x98", "\xEF\xBF\xBD"},
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"ok\xFF\xFE", "ok\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xC3\xA9 ok", "\xC3\xA9 ok"},
    };
    nr_arena *a = nr_arena_new();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *got = nr_utf8_repair(a, cases[k].in, strlen(cases[k].in));
        CHECK(got && strcmp(got, cases[k].out) == 0);
    }
    nr_arena_free(a);
}

/* Each limit stops an article that passes it with its name in the message; 0 is no limit. */
static void expect_limit(const nr_limits *lim, const char *text, const char *name)
{
    nr_ctx *ctx = nr_ctx_new(lim);
    nr_error err;
    nr_article *a = extract(ctx, text, strlen(text), &err);
    CHECK(name ? !a && err.status == NR_ELIMIT && strstr(err.message, name) : a != NULL);
    nr_article_free(a);
    nr_ctx_free(ctx);
}

static void test_limits(void)
{
    nr_limits lim;
    nr_limits_default(&lim);
    lim.max_sentences = 2;
    expect_limit(&lim, "One is here. Two is here. Three is here.", "max_sentences");
    expect_limit(&lim, "One is here. Two is here.", NULL);
    nr_limits_default(&lim);
    lim.max_nesting = 2;
    expect_limit(&lim, "A (nested [“quoted”] aside) here.", "max_nesting");
    expect_limit(&lim, "A (nested [aside]) here.\n\n“Another paragraph.”", NULL);
    nr_limits_default(&lim);
    lim.max_mentions = 1;
    expect_limit(&lim, "John Smith met Mary Jones in Paris.", "max_mentions");
    lim.max_mentions = 0;
    lim.max_article_bytes = 0;
    expect_limit(&lim, "John Smith met Mary Jones in Paris.", NULL);
}

/* Collects the lines the reader emits, joined by '|', with their numbers checked in order. */
typedef struct line_log {
    char text[256];
    long last;
} line_log;

static int log_line(const char *line, size_t len, long lineno, void *user)
{
    line_log *log = user;
    CHECK(lineno == log->last + 1);
    log->last = lineno;
    if (!line) {
        snprintf(log->text + strlen(log->text), 16, "<%zu>", len);
        strcat(log->text, "|");
        return 0;
    }
    strncat(log->text, line, len < 64 ? len : 64);
    strcat(log->text, "|");
    return 0;
}

static void test_lines(void)
{
    static const char stream[] = "one\r\ntwo\n\nthree";
    line_log whole = {"", 0}, bytes = {"", 0};
    nr_lines *r = nr_lines_new(0);
    CHECK(nr_lines_feed(r, stream, sizeof stream - 1, log_line, &whole) == 0);
    CHECK(nr_lines_finish(r, log_line, &whole) == 0);
    nr_lines_free(r);
    CHECK(strcmp(whole.text, "one|two||three|") == 0);
    r = nr_lines_new(0); /* one byte at a time: the same lines, the same numbers */
    for (size_t i = 0; i + 1 < sizeof stream; i++)
        CHECK(nr_lines_feed(r, stream + i, 1, log_line, &bytes) == 0);
    CHECK(nr_lines_finish(r, log_line, &bytes) == 0);
    nr_lines_free(r);
    CHECK(strcmp(bytes.text, whole.text) == 0 && bytes.last == 4);
}

/* Lines over the limit arrive as their number and length only, in one chunk or byte by byte. */
static void test_long_lines(void)
{
    static const char stream[] = "abc\nabcd\nabcdefgh\r\nab\r\nabcdef";
    for (size_t step = 1; step <= sizeof stream; step += sizeof stream - 1) {
        line_log log = {"", 0};
        nr_lines *r = nr_lines_new(4);
        for (size_t i = 0; i + 1 < sizeof stream; i += step) {
            size_t n = sizeof stream - 1 - i < step ? sizeof stream - 1 - i : step;
            CHECK(nr_lines_feed(r, stream + i, n, log_line, &log) == 0);
        }
        CHECK(nr_lines_finish(r, log_line, &log) == 0);
        nr_lines_free(r);
        CHECK(strcmp(log.text, "abc|abcd|<9>|ab|<6>|") == 0 && log.last == 5);
    }
}

/* A batch keeps each article's document where ends[] says, and a failure in its slot. */
static void test_json_many(const nr_ctx *ctx)
{
    const char *texts[] = {"Mayor Ana Diaz said the bridge would open.", "   ",
                           "The council voted on Monday."};
    nr_input in[3];
    for (int i = 0; i < 3; i++)
        in[i] = (nr_input){.data = texts[i], .len = strlen(texts[i]), .source = "unit"};
    nr_json_opts opts = {0, 0};
    nr_buf out, one;
    nr_buf_init(&out);
    nr_buf_init(&one);
    size_t ends[3];
    nr_error errs[3];
    CHECK(nr_extract_json_many(ctx, in, 3, &opts, &out, ends, errs) == 1);
    CHECK(errs[0].status == NR_OK && errs[1].status == NR_EEMPTY && errs[2].status == NR_OK);
    CHECK(ends[0] > 0 && ends[1] == ends[0] && ends[2] > ends[1] && ends[2] == out.len);
    nr_error err;
    nr_article *a = nr_extract(ctx, &in[2], &err);
    CHECK(a != NULL);
    if (a) {
        nr_write_json(&one, a, &opts);
        nr_buf_putc(&one, '\n');
        CHECK(one.len == ends[2] - ends[1] && memcmp(one.data, out.data + ends[1], one.len) == 0);
    }
    nr_article_free(a);
    nr_buf_free(&one);
    nr_buf_free(&out);
}

int main(void)
{
    nr_ctx *ctx = nr_ctx_new(NULL);
    test_dates();
    test_decode(ctx);
    test_segment(ctx);
    test_cpmap();
    test_lexicon();
    test_cameo();
    test_long_lines();
    test_limits();
    test_tagger();
    test_actors(ctx);
    test_statements(ctx);
    test_events(ctx);
    test_csv(ctx);
    test_utf16_fit();
    test_csv_dialects();
    test_csv_values();
    test_utf8_repair();
    test_lines();
    test_json_many(ctx);
    nr_ctx_free(ctx);
    printf("units: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
