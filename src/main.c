/* main.c: the newsrec command: wires the arguments, the inputs, the worker pool, the output and
 * the report together; the library does the work. */
#define _POSIX_C_SOURCE 200809L
#include "command.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t cmd_interrupted;

static void S_on_signal(int sig)
{
    cmd_interrupted = sig;
}

/* Interrupts end the run between articles (reads are not restarted, so a blocked one ends). A
 * signal ignored when newsrec starts stays ignored: under nohup a hangup must not stop it. */
static void S_catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
        struct sigaction old, sa;
        if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = S_on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[k], &sa, NULL);
    }
    /* A closed pipe shows up as EPIPE from a write, which ends the run quietly; a file size
     * limit as EFBIG, which is reported like a full disk. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}

/* The library's context, the output and the worker pool; -1 (printed) when one cannot start. */
static int S_start(run *r)
{
    if (!(r->ctx = nr_ctx_new(&r->opt->limits)) || !(r->seen = seen_new()) ||
        output_open(&r->out, r->opt) != 0)
        return -1;
    nr_ctx_set_event_scope(r->ctx, r->opt->event_scope);
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    /* With one job the pool runs each item at once on this thread: the same code, no threads. */
    int jobs = r->opt->jobs, threads = jobs > 1 ? jobs : 0;
    /* Items start zeroed, which is an empty nr_buf: nothing to initialize. */
    r->pool =
        pool_new(threads, 8 * (size_t)jobs, sizeof(item), work_item, finish_item, free_item, r);
    if (!r->pool) {
        msg_print("error: cannot start %d worker threads [memory]", threads);
        return -1;
    }
    return 0;
}

static void S_stop(run *r)
{
    seen_free(r->seen);
    nr_ctx_free(r->ctx);
}

/* Every input named on the command line, or standard input when there is none. */
static void S_read(run *r, char **inputs, int n)
{
    report_start(&r->rep, r->opt);
    for (int i = 0; i < n && r->rep.progress; i++)
        r->rep.bytes_total += inputs_size(inputs[i]);
    if (n == 0)
        inputs_read(r, "-");
    for (int i = 0; i < n && !r->out.error && !cmd_interrupted; i++)
        inputs_read(r, inputs[i]);
    pool_free(r->pool);
    r->pool = NULL;
    report_end_progress(&r->rep, &r->n);
}

/* Dies of the signal that interrupted the run, once its temporary files are gone. */
static void S_die_interrupted(const run *r)
{
    fprintf(stderr, "newsrec: interrupted%s%s\n", r->opt->out_path ? "; " : "",
            r->opt->out_path ? output_stopped(r->opt->format) : "");
    signal(cmd_interrupted, SIG_DFL);
    raise(cmd_interrupted);
}

int main(int argc, char **argv)
{
    S_catch_signals();
    options opt;
    int pa = args_parse(&opt, argc, argv);
    if (pa != 0) {
        if (pa < 0)
            fputs("Try 'newsrec --help'.\n", stderr);
        return pa < 0 ? EXIT_USAGE : 0;
    }
    run r = {.opt = &opt};
    if (S_start(&r) != 0) {
        output_close(&r.out, false);
        S_stop(&r);
        return EXIT_OUTPUT_FAILED;
    }
    S_read(&r, argv + optind, argc - optind);
    if (opt.timing)
        report_timing(&r.n);
    bool written = output_close(&r.out, !cmd_interrupted);
    S_stop(&r);
    if (cmd_interrupted)
        S_die_interrupted(&r);
    int status = !written ? output_failed(&r.out) : r.n.failed ? EXIT_INPUT_FAILED : 0;
    /* A reader that closed the pipe has all it wanted: no closing words. */
    if (!opt.quiet && !output_pipe_closed(&r.out))
        report_summary(&r.n);
    if (opt.stats_path && report_stats(&r.rep, &r.n, opt.stats_path, status) != 0 && status == 0)
        status = EXIT_OUTPUT_FAILED;
    return status;
}
