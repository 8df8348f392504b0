/* report.c: how the run went: the progress line, the summary, --stats and --timing. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *S_plural(long n)
{
    return n == 1 ? "" : "s";
}

void report_start(report *rep, const options *opt)
{
    *rep = (report){.start_ns = now_ns()};
    rep->progress = !opt->quiet && (opt->progress || isatty(STDERR_FILENO));
}

/* Takes the progress line off the terminal before a message is printed. */
static void S_progress_clear(report *rep)
{
    if (rep->shown)
        fputs("\r\033[K", stderr);
    rep->shown = false;
}

void report_messages(report *rep, const nr_buf *msgs)
{
    if (!msgs->len)
        return;
    S_progress_clear(rep);
    fwrite(msgs->data, 1, msgs->len, stderr);
}

void report_progress(report *rep, const counts *n, bool force)
{
    uint64_t now = now_ns();
    if (!rep->progress || (!force && now - rep->progress_ns < 500000000u))
        return;
    rep->progress_ns = now;
    double secs = (double)(now - rep->start_ns) / 1e9, mb = (double)n->bytes_in / 1e6;
    double rate = secs > 0 ? mb / secs : 0;
    char total[32] = "", left[32] = "";
    if (rep->bytes_total >= n->bytes_in && rep->bytes_total) {
        snprintf(total, sizeof total, " of %.1f", (double)rep->bytes_total / 1e6);
        unsigned eta =
            rate > 0 ? (unsigned)(((double)rep->bytes_total / 1e6 - mb) / rate + 0.5) : 0;
        snprintf(left, sizeof left, ", ETA %u:%02u", eta / 60, eta % 60);
    }
    fprintf(stderr, "\r\033[Knewsrec: %ld articles, %.1f%s MB, %.1f MB/s%s", n->articles, mb, total,
            rate, left);
    rep->shown = true;
}

void report_end_progress(report *rep, const counts *n)
{
    report_progress(rep, n, true);
    S_progress_clear(rep);
}

void report_summary(const counts *n)
{
    fprintf(stderr,
            "newsrec: summary: %ld articles, %zu actors, %zu mentions, %zu statements, %zu "
            "events, %ld warnings, %ld errors",
            n->articles, n->rows[NR_T_ACTORS], n->rows[NR_T_MENTIONS], n->rows[NR_T_STATEMENTS],
            n->rows[NR_T_EVENTS], n->warnings, n->failed);
    if (n->duplicates)
        fprintf(stderr, "; %ld duplicate%s skipped", n->duplicates, S_plural(n->duplicates));
    if (n->already)
        fprintf(stderr, "; %ld already in the database", n->already);
    fputc('\n', stderr);
}

/* Where the time went, summed over every article (and over threads with --jobs). */
void report_timing(const counts *n)
{
    fprintf(stderr, "newsrec: timing:");
    for (int k = 0; k <= NR_STAGE_COUNT; k++)
        fprintf(stderr, " %s %.3f s%s", k < NR_STAGE_COUNT ? nr_stage_name((nr_stage)k) : "write",
                (double)n->stage_ns[k] / 1e9, k < NR_STAGE_COUNT ? "," : "\n");
}

/* The summary as JSON, with the bytes read and the time taken; written to a temporary name and
 * renamed, like every output. */
int report_stats(const report *rep, const counts *n, const char *path, int status)
{
    double secs = (double)(now_ns() - rep->start_ns) / 1e9;
    out_file f = {0};
    if (out_file_open(&f, path) != 0) {
        out_file_free(&f);
        return -1;
    }
    fprintf(f.fp,
            "{\"articles\": %ld, \"actors\": %zu, \"mentions\": %zu, \"statements\": %zu, "
            "\"events\": %zu, \"warnings\": %ld, \"errors\": %ld, \"duplicates\": %ld, "
            "\"already_in_database\": %ld, \"bytes\": %llu, \"seconds\": %.3f, "
            "\"mb_per_s\": %.2f, \"exit\": %d}\n",
            n->articles, n->rows[NR_T_ACTORS], n->rows[NR_T_MENTIONS], n->rows[NR_T_STATEMENTS],
            n->rows[NR_T_EVENTS], n->warnings, n->failed, n->duplicates, n->already,
            (unsigned long long)n->bytes_in, secs, secs > 0 ? (double)n->bytes_in / 1e6 / secs : 0,
            status);
    int err = out_file_close(&f, true);
    int placed = out_file_place(&f, err == 0);
    err = err ? err : placed;
    if (err) {
        char name[NR_SHOWN_MAX];
        msg_print("error: writing %s: %s [output]", msg_shown(name, sizeof name, f.final_path),
                  strerror(err));
    }
    out_file_free(&f);
    return err ? -1 : 0;
}
