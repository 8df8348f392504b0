/* print_statements.c: prints who said what in one article, using libnewsrec through its public
 * header only. */
#include <newsrec.h>

#include <stdio.h>
#include <stdlib.h>

/* The whole file; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *data = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap) {
            char *p = realloc(data, cap = cap ? 2 * cap : 65536);
            if (!p)
                break;
            data = p;
        }
        got = fread(data + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: print_statements ARTICLE.txt\n");
        return 2;
    }
    size_t len = 0;
    char *text = read_file(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        return 1;
    }
    nr_ctx *ctx = nr_ctx_new(NULL); /* NULL: the default limits */
    nr_input in = {.data = text, .len = len, .source = argv[1]};
    nr_error err;
    nr_article *a = ctx ? nr_extract(ctx, &in, &err) : NULL;
    if (!a) {
        fprintf(stderr, "%s: %s\n", argv[1], ctx ? err.message : "out of memory");
        free(text);
        nr_ctx_free(ctx);
        return 1;
    }
    for (size_t i = 0; i < a->n_statements; i++) {
        const nr_statement *s = &a->statements[i];
        const char *who = s->actor >= 0 ? a->actors[s->actor].name : "(unattributed)";
        printf("%s [%s, %s]: ", who, nr_quote_kind_name(s->kind),
               s->has_cue ? s->cue.lemma : "no cue");
        /* a quotation broken by its attribution has pieces; spans index a->text in bytes too */
        for (size_t k = 0; k < s->n_pieces; k++)
            printf("%s%.*s", k ? " ... " : "", (int)(s->pieces[k].bend - s->pieces[k].bstart),
                   a->text + s->pieces[k].bstart);
        putchar('\n');
    }
    nr_article_free(a);
    nr_ctx_free(ctx);
    free(text);
    return 0;
}
