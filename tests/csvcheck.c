/* csvcheck.c: reads CSV files with libcsv in strict mode and checks every row has the header's
 * column count, or dumps the cells as JSON for the tests to compare. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long rows, fields, header_fields, bad_row;
    int dump; /* print each row as a JSON array of strings (2: an unquoted empty cell as null) */
} counts;

/* A cell as a JSON string; the bytes are passed through, so valid UTF-8 stays valid. */
static void dump_cell(const unsigned char *s, size_t len)
{
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"' || s[i] == '\\')
            printf("\\%c", s[i]);
        else if (s[i] < 0x20)
            printf("\\u%04x", s[i]);
        else
            putchar(s[i]);
    }
    putchar('"');
}

static void on_field(void *s, size_t len, void *data)
{
    counts *k = data;
    if (k->dump) {
        printf(k->fields ? "," : "[");
        if (s)
            dump_cell(s, len);
        else
            printf("null");
    }
    k->fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    counts *k = data;
    if (k->dump)
        puts(k->fields ? "]" : "[]");
    if (k->rows == 0)
        k->header_fields = k->fields;
    else if (k->fields != k->header_fields && !k->bad_row)
        k->bad_row = k->rows + 1;
    k->rows++;
    k->fields = 0;
}

/* No byte is white space to be trimmed: RFC 4180 makes spaces part of a field, quoted or not
 * (libcsv trims spaces and tabs around unquoted fields unless told otherwise). */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static int check(const char *path, int dump)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    struct csv_parser p;
    counts k = {0, 0, 0, 0, dump};
    csv_init(&p,
             CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | (dump == 2 ? CSV_EMPTY_IS_NULL : 0));
    csv_set_space_func(&p, no_space);
    char buf[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (csv_parse(&p, buf, n, on_field, on_row, &k) != n) {
            fprintf(stderr, "%s: row %ld: %s\n", path, k.rows + 1, csv_strerror(csv_error(&p)));
            rc = 1;
            break;
        }
    }
    if (!rc && csv_fini(&p, on_field, on_row, &k) != 0) {
        fprintf(stderr, "%s: at end: %s\n", path, csv_strerror(csv_error(&p)));
        rc = 1;
    }
    csv_free(&p);
    fclose(fp);
    if (!rc && k.bad_row) {
        fprintf(stderr, "%s: row %ld does not have the header's %ld columns\n", path, k.bad_row,
                k.header_fields);
        rc = 1;
    }
    if (!rc && !dump)
        printf("%s %ld %ld\n", path, k.rows - 1, k.header_fields);
    return rc;
}

/* csvcheck FILE...: checks each file and prints "FILE ROWS COLUMNS".
 * csvcheck --dump FILE: prints each row of FILE as a JSON array of its cells.
 * csvcheck --dump-nulls FILE: the same, with an unquoted empty cell (no value) as null. */
int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--dump") == 0)
        return check(argv[2], 1);
    if (argc == 3 && strcmp(argv[1], "--dump-nulls") == 0)
        return check(argv[2], 2);
    int rc = 0;
    for (int i = 1; i < argc; i++)
        rc |= check(argv[i], 0);
    return rc;
}
