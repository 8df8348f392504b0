/* inputs.c: what the command reads: files, directories (walked in byte-sorted order), JSON Lines
 * streams and standard input, each input submitted as an item or reported as an error. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Appends a whole stream to b, stopping one byte past max (when max is not 0) so "too large"
 * can be told apart without reading the rest. Returns 0, or an errno value. */
static int S_read_all(FILE *fp, size_t max, nr_buf *b)
{
    enum { CHUNK = 65536 };
    for (;;) {
        char *p = nr_buf_reserve(b, CHUNK);
        if (!p)
            return ENOMEM;
        size_t got = fread(p, 1, CHUNK, fp);
        b->len += got;
        if (got == 0 || (max && b->len > max))
            break;
    }
    return ferror(fp) ? (errno ? errno : EIO) : 0;
}

static void S_too_large(run *r, const char *path, const char *what, size_t max)
{
    char msg[200];
    snprintf(msg, sizeof msg, "%s, over the limit max_article_bytes (%zu)", what, max);
    input_failed(r, path, 0, "limit", msg);
}

/* A plain-text article: the whole stream (after prefix, bytes already read from it). */
static void S_text(run *r, FILE *fp, const char *path, const char *prefix, size_t plen)
{
    size_t max = r->opt->limits.max_article_bytes;
    struct stat st;
    if (max && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        char what[64];
        snprintf(what, sizeof what, "%lld bytes", (long long)st.st_size);
        S_too_large(r, path, what, max);
        return;
    }
    /* The bytes go straight into the item the workers read. */
    item *it = item_take(r, path, 0);
    if (plen)
        nr_buf_put(&it->in, prefix, plen);
    errno = 0;
    int err = S_read_all(fp, max, &it->in);
    if (cmd_interrupted)
        return; /* an item never submitted is simply reused */
    r->n.bytes_in += it->in.len;
    /* On failure the unsubmitted item is taken again for the message (pool_next hands out the
     * same one until it is submitted). */
    if (err) {
        input_failed(r, path, 0, err == ENOMEM ? "memory" : "io", strerror(err));
    } else if (max && it->in.len > max) {
        char what[64];
        snprintf(what, sizeof what, "more than %zu bytes", max);
        S_too_large(r, path, what, max);
    } else if (it->in.failed || it->file.failed || it->shown.failed) {
        input_failed(r, path, 0, "memory", "out of memory");
    } else {
        pool_submit(r->pool);
    }
}

/* What the line callback needs to know about its stream. */
typedef struct S_stream {
    run *r;
    const char *path;
} S_stream;

/* Queues one JSON Lines line. */
static void S_submit_line(run *r, const char *path, long line, const char *data, size_t len)
{
    item *it = item_take(r, path, line);
    it->jsonl = true;
    nr_buf_put(&it->in, data, len);
    if (it->in.failed || it->file.failed || it->shown.failed)
        input_failed(r, path, line, "memory", "out of memory");
    else
        pool_submit(r->pool);
}

static int S_line(const char *line, size_t len, long lineno, void *user)
{
    S_stream *js = user;
    run *r = js->r;
    if (cmd_interrupted)
        return 1;
    r->n.bytes_in += len + 1;
    if (!line) {
        char msg[200];
        snprintf(msg, sizeof msg, "line of %zu bytes, over the limit max_line_bytes (%zu)", len,
                 r->opt->limits.max_line_bytes);
        input_failed(r, js->path, lineno, "limit", msg);
        return 0;
    }
    size_t k = 0;
    while (k < len && (line[k] == ' ' || line[k] == '\t'))
        k++;
    if (k == len)
        return 0; /* blank lines separate nothing in JSON Lines */
    S_submit_line(r, js->path, lineno, line, len);
    return r->out.error ? 1 : 0;
}

/* A JSON Lines stream, a line at a time (after prefix, bytes already read from it). */
static void S_jsonl(run *r, FILE *fp, const char *path, const char *prefix, size_t plen)
{
    S_stream js = {r, path};
    nr_lines *lines = nr_lines_new(r->opt->limits.max_line_bytes);
    char chunk[65536];
    int rc = lines ? nr_lines_feed(lines, prefix, plen, S_line, &js) : -1;
    size_t got;
    while (rc == 0 && !cmd_interrupted && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        rc = nr_lines_feed(lines, chunk, got, S_line, &js);
    if (rc == 0 && !cmd_interrupted)
        rc = nr_lines_finish(lines, S_line, &js);
    if (rc < 0)
        input_failed(r, path, 0, "memory", "out of memory");
    else if (ferror(fp) && !cmd_interrupted)
        input_failed(r, path, 0, "io", strerror(errno));
    nr_lines_free(lines);
}

static bool S_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Standard input in auto mode: a byte-order mark and white space, then '{' means JSON Lines. */
static void S_stdin(run *r)
{
    char prefix[4096];
    size_t n = 0;
    int c = EOF;
    bool jsonl = r->opt->input_format == IN_JSONL;
    if (r->opt->input_format == IN_AUTO) {
        while (n < sizeof prefix && (c = getchar()) != EOF) {
            prefix[n++] = (char)c;
            bool bom = n <= 3 && memcmp(prefix, "\xEF\xBB\xBF", n) == 0;
            if (!bom && c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
        }
        jsonl = c == '{';
    }
    if (jsonl)
        S_jsonl(r, stdin, "-", prefix, n);
    else
        S_text(r, stdin, "-", prefix, n);
}

static void S_file(run *r, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        input_failed(r, path, 0, "file", strerror(errno));
        return;
    }
    in_format f = r->opt->input_format;
    if (f == IN_JSONL ||
        (f == IN_AUTO && (S_has_suffix(path, ".jsonl") || S_has_suffix(path, ".ndjson"))))
        S_jsonl(r, fp, path, NULL, 0);
    else
        S_text(r, fp, path, NULL, 0);
    fclose(fp);
}

static int S_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/name, with no doubled slash; NULL when out of memory. */
static char *S_join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s%s%s", dir, S_has_suffix(dir, "/") ? "" : "/", name);
    return path;
}

/* The sorted names in a directory, hidden ones left out; NULL with errno set on failure. */
static char **S_list(const char *path, size_t *count)
{
    DIR *dir = opendir(path);
    if (!dir)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue; /* hidden files, "." and ".." */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *names);
            if (!p)
                break;
            names = p;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    int failed = errno;
    closedir(dir);
    if (failed) {
        while (n)
            free(names[--n]);
        free(names);
        errno = failed;
        return NULL;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, S_cmp_names);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static void S_path(run *r, const char *path, int depth);

static void S_dir(run *r, const char *path, const struct stat *st, int depth)
{
    for (int k = 0; k < depth; k++) {
        if (r->walk[k].dev == st->st_dev && r->walk[k].ino == st->st_ino) {
            input_failed(r, path, 0, "file",
                         "symbolic link loop: a directory inside itself; skipped");
            return;
        }
    }
    if (depth > NR_MAX_DEPTH) {
        input_failed(r, path, 0, "file", "directories nested too deeply; skipped");
        return;
    }
    r->walk[depth] = (dir_id){st->st_dev, st->st_ino};
    size_t n = 0;
    char **names = S_list(path, &n);
    if (!names) {
        input_failed(r, path, 0, errno == ENOMEM ? "memory" : "file", strerror(errno));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *child = S_join(path, names[i]);
        if (!child)
            input_failed(r, path, 0, "memory", "out of memory listing a directory");
        else if (!r->out.error && !cmd_interrupted)
            S_path(r, child, depth + 1);
        free(child);
        free(names[i]);
    }
    free(names);
}

/* Why stat() failed, in words a user can act on: a symlink's target may be missing or loop. */
static const char *S_stat_failure(const char *path, int err)
{
    struct stat lst;
    if (err == ELOOP)
        return "symbolic link loop; skipped";
    if (err == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        return "dangling symbolic link (its target does not exist); skipped";
    return strerror(err);
}

static const char *S_file_type(mode_t m)
{
    if (S_ISFIFO(m))
        return "a FIFO (named pipe), not a regular file; skipped (give it as '-' on standard "
               "input to read it)";
    if (S_ISSOCK(m))
        return "a socket, not a regular file; skipped";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device, not a regular file; skipped";
    return "not a regular file or directory; skipped";
}

static void S_path(run *r, const char *path, int depth)
{
    if (strcmp(path, "-") == 0) {
        S_stdin(r);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        input_failed(r, path, 0, "file", S_stat_failure(path, errno));
        return;
    }
    if (S_ISDIR(st.st_mode))
        S_dir(r, path, &st, depth);
    else if (S_ISREG(st.st_mode))
        S_file(r, path);
    else
        input_failed(r, path, 0, "file", S_file_type(st.st_mode));
}

void inputs_read(run *r, const char *path)
{
    S_path(r, path, 0);
}

/* Directory links are not followed here, so a link loop costs nothing. */
static uint64_t S_size(const char *path, int depth)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || depth > NR_MAX_DEPTH || stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return (uint64_t)st.st_size;
    if (!S_ISDIR(st.st_mode) || (depth > 0 && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)))
        return 0;
    size_t n = 0;
    char **names = S_list(path, &n);
    uint64_t sum = 0;
    for (size_t i = 0; names && i < n; i++) {
        char *child = S_join(path, names[i]);
        if (child)
            sum += S_size(child, depth + 1);
        free(child);
        free(names[i]);
    }
    free(names);
    return sum;
}

uint64_t inputs_size(const char *path)
{
    return S_size(path, 0);
}
