/* outputs.c: the table of output formats, and output files written under a temporary name that
 * become their final names only when complete. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Every format --format takes, the default first, in the order the messages list them. A new
 * format is one more entry here and its file out_NAME.c. */
static const format *const S_formats[] = {&format_json,   &format_jsonl, &format_csv,  &format_xlsx,
                                          &format_sqlite, &format_html,  &format_gdelt};
#define N_FORMATS (sizeof S_formats / sizeof S_formats[0])

const format *format_default(void)
{
    return S_formats[0];
}

const format *format_named(const char *name)
{
    for (size_t k = 0; k < N_FORMATS; k++)
        if (strcmp(name, S_formats[k]->name) == 0)
            return S_formats[k];
    return NULL;
}

const char *format_names(char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < N_FORMATS && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ", " : "", S_formats[k]->name);
    return buf;
}

int stream_open(output *o)
{
    out_file *f = calloc(1, sizeof *f);
    if (!(o->state = f))
        return -1;
    return out_file_open(f, o->opt->out_path);
}

bool stream_add(output *o, item *it, const char *where)
{
    (void)where;
    output_emit(o, o->state, &it->out[0]);
    return true;
}

void stream_close(output *o, bool commit)
{
    out_file *f = o->state;
    if (!f)
        return;
    output_end_file(o, f, commit);
    free(f);
    o->state = NULL;
}

void output_fail(output *o, const char *path, int err, const char *msg)
{
    if (o->error)
        return;
    o->error = err ? err : EIO;
    snprintf(o->error_path, sizeof o->error_path, "%s", path ? path : "");
    snprintf(o->error_msg, sizeof o->error_msg, "%s", msg ? msg : "");
}

void output_emit(output *o, out_file *f, const nr_buf *b)
{
    if (b->failed) {
        output_fail(o, f->final_path, ENOMEM, NULL);
        return;
    }
    errno = 0;
    if (b->len && fwrite(b->data, 1, b->len, f->fp) != b->len)
        output_fail(o, f->final_path, errno, NULL);
}

/* The temporary name sits beside the final one, so the last step is a rename. A path that is
 * neither absent nor a regular file (a device such as /dev/null, a named pipe) is written in
 * place: renaming over it would replace the device with a file. */
int out_file_name(out_file *f, const char *path)
{
    struct stat st;
    size_t n = strlen(path) + 32;
    f->direct = stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
    f->final_path = strdup(path);
    f->tmp_path = malloc(n);
    if (!f->final_path || !f->tmp_path)
        return -1;
    if (f->direct)
        snprintf(f->tmp_path, n, "%s", path);
    else
        snprintf(f->tmp_path, n, "%s.tmp-%ld", path, (long)getpid());
    return 0;
}

int out_file_open(out_file *f, const char *path)
{
    if (!path) {
        f->fp = stdout;
        return 0;
    }
    if (out_file_name(f, path) != 0)
        return -1;
    f->fp = fopen(f->tmp_path, "wb");
    if (!f->fp) {
        int err = errno; /* kept for the caller, which may name it again */
        char name[NR_SHOWN_MAX];
        msg_print("error: %s: %s [output]", msg_shown(name, sizeof name, f->tmp_path),
                  strerror(err));
        errno = err;
        return -1;
    }
    return 0;
}

int out_file_close(out_file *f, bool sync)
{
    int err = 0;
    errno = 0;
    if (f->fp == stdout) {
        f->fp = NULL;
        return fflush(stdout) != 0 ? (errno ? errno : EIO) : 0;
    }
    if (sync && (fflush(f->fp) != 0 || (!f->direct && fsync(fileno(f->fp)) != 0)))
        err = errno ? errno : EIO;
    errno = 0;
    if (fclose(f->fp) != 0 && !err)
        err = errno ? errno : EIO;
    f->fp = NULL;
    return err;
}

int out_file_place(out_file *f, bool keep)
{
    if (!f->tmp_path || f->direct)
        return 0;
    int err = keep && rename(f->tmp_path, f->final_path) != 0 ? (errno ? errno : EIO) : 0;
    if (!keep || err)
        unlink(f->tmp_path);
    return err;
}

void output_end_file(output *o, out_file *f, bool commit)
{
    int err = f->fp ? out_file_close(f, commit) : 0;
    if (err && commit)
        output_fail(o, f->final_path, err, NULL);
    if ((err = out_file_place(f, commit && !o->error)) != 0)
        output_fail(o, f->final_path, err, NULL);
    out_file_free(f);
}

void out_file_free(out_file *f)
{
    free(f->tmp_path);
    free(f->final_path);
    f->tmp_path = f->final_path = NULL;
    f->direct = false;
}

int out_dir_make(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    char name[NR_SHOWN_MAX];
    msg_print("error: %s: %s [output]", msg_shown(name, sizeof name, path), strerror(errno));
    return -1;
}

int output_open(output *o, const options *opt)
{
    *o = (output){.opt = opt};
    return opt->format->open(o);
}

bool output_close(output *o, bool commit)
{
    if (!o->opt)
        return true; /* never opened */
    o->opt->format->close(o, commit && !o->error);
    return !o->error;
}

const char *output_undone(const format *f)
{
    return f->undone ? f->undone : "no output file was completed, none replaced";
}

const char *output_stopped(const format *f)
{
    return f->stopped ? f->stopped : "no output file was completed";
}

bool output_pipe_closed(const output *o)
{
    return o->error == EPIPE && !o->error_path[0];
}

int output_failed(const output *o)
{
    if (output_pipe_closed(o))
        return 0;
    char name[NR_SHOWN_MAX];
    const char *why = o->error_msg[0] ? o->error_msg : strerror(o->error);
    if (o->error_path[0])
        msg_print("error: writing %s: %s; %s [output]", msg_shown(name, sizeof name, o->error_path),
                  why, output_undone(o->opt->format));
    else
        msg_print("error: writing output: %s [output]", why);
    return EXIT_OUTPUT_FAILED;
}
