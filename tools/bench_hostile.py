#!/usr/bin/env python3
"""bench_hostile.py: times newsrec on pathological inputs (s/MB at two sizes) and measures peak memory on a JSON Lines stream generated on the fly."""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def pathological(scale):
    """Each case at size 1/scale of the full one: (name, text, extra flags)."""
    n6, n5 = 10**6 // scale, 10**5 // scale
    caps = ("Alpha", "Beta", "Gamma", "Delta", "Smith", "Jones", "Park", "Lee")
    return [
        ("10^6 straight quotation marks", '"' * n6, []),
        ("10^6 curly marks with words", " ".join("\u201ca" if i % 2 == 0 else "b,\u201d he said" for i in range(n6)), []),
        ("10^5 nested parentheses", "(" * n5 + "x" + ")" * n5, ["--max-nesting", "0"]),
        ("10^5 nested brackets and quotes", "[\u201c" * (n5 // 2) + "x" + "\u201d]" * (n5 // 2), ["--max-nesting", "0"]),
        ("10^5 nested parentheses, default limit", "(" * n5 + "x" + ")" * n5, []),
        ("50 MB sentence without a period", "and the council said more " * (50 * 10**6 // 26 // scale), []),
        ("10^5 capitalized words in a row", " ".join(caps[i % len(caps)] for i in range(n5)), []),
    ]


def time_run(newsrec, path, flags, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([newsrec, "-q", "--format", "jsonl"] + flags + [path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
    return statistics.median(times), p.returncode


FRESH_MEMORY = """
import sys, time
n = int(sys.argv[1]) << 20
t = time.perf_counter()
b = bytearray(n)
b[::4096] = bytes(len(range(0, n, 4096)))  # touch every page once
print(time.perf_counter() - t)
"""


def fresh_memory_cost(mb):
    """Seconds per GB this machine takes to hand a process mb MB of fresh pages: the pipeline
    zeroes what it allocates, so where this cost jumps, s/MB jumps with it."""
    out = subprocess.run([sys.executable, "-c", FRESH_MEMORY, str(mb)], stdout=subprocess.PIPE)
    return float(out.stdout) / (mb / 1024)


def bench_pathological(newsrec, tmp, runs):
    print("fresh memory on this machine: %.2f s/GB for 256 MB, %.2f s/GB for 2 GB"
          % (fresh_memory_cost(256), fresh_memory_cost(2048)))
    tiny = os.path.join(tmp, "tiny.txt")
    with open(tiny, "w") as f:
        f.write("Jo said hi.\n")
    startup, _ = time_run(newsrec, tiny, [], runs)
    print("pathological inputs: median of %d runs; s/MB after subtracting the %.3f s a one-line "
          "article takes (start-up, lexicons); linear time means equal s/MB at both sizes" % (runs, startup))
    print("%-42s %9s %9s %9s %11s %5s" % ("case", "MB", "seconds", "s/MB", "s/MB at 1/4", "exit"))
    quarter = {name: (text, flags) for name, text, flags in pathological(4)}
    for name, text, flags in pathological(1):
        row = []
        for t in (text, quarter[name][0]):
            path = os.path.join(tmp, "case.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(t)
            mb = os.path.getsize(path) / 1e6
            secs, rc = time_run(newsrec, path, flags, runs)
            row.append((mb, secs, rc))
        (mb, secs, rc), (qmb, qsecs, _) = row
        print("%-42s %9.2f %9.3f %9.3f %11.3f %5d" % (name, mb, secs, max(secs - startup, 0) / mb,
                                                      max(qsecs - startup, 0) / qmb, rc), flush=True)


def peak_kb(pid):
    """The kernel's high-water mark of the process's resident memory, while it runs."""
    try:
        with open("/proc/%d/status" % pid) as f:
            return max(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except (OSError, ValueError):
        return 0


def bench_stream(newsrec, corpus, megabytes):
    """Feeds megabytes of JSON Lines (the corpus repeated, each record its own id) through one
    newsrec process and reports its peak resident memory. newsrec starts before this script
    reads anything: a child's ru_maxrss counts its parent's memory at the fork, so a parent
    holding the corpus would inflate it."""
    files = sorted(glob.glob(os.path.join(corpus, "**", "*.txt"), recursive=True))
    if not files:
        print("stream: no corpus at %s; skipped" % corpus)
        return
    t0 = time.perf_counter()
    p = subprocess.Popen([newsrec, "-q", "--format", "jsonl"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL)
    texts = [open(f, encoding="utf-8", errors="replace").read() for f in files]
    target = megabytes << 20
    sent, rep, records, hwm = 0, 0, 0, 0
    while sent < target:
        batch = "".join(json.dumps({"id": "r%d-%d" % (rep, i), "text": t}) + "\n"
                        for i, t in enumerate(texts)).encode()
        p.stdin.write(batch)
        sent += len(batch)
        records += len(texts)
        rep += 1
        hwm = max(hwm, peak_kb(p.pid))
    p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    print("stream: %.0f MB of JSON Lines (%d records, %s repeated %d times) through --format jsonl:"
          % (sent / 1e6, records, corpus, rep))
    print("stream: exit %d, %.1f s, %.2f MB/s, peak RSS %.1f MB (wait4 ru_maxrss; VmHWM read "
          "while running %.1f MB)" % (os.waitstatus_to_exitcode(status), secs, sent / 1e6 / secs,
                                     usage.ru_maxrss / 1024, hwm / 1024))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--stream-mb", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        newsrec = shutil.copy(a.newsrec, tmp)  # a rebuild during the run must not change it
        bench_stream(newsrec, a.corpus, a.stream_mb)  # first, while this script is small
        bench_pathological(newsrec, tmp, a.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
