#!/usr/bin/env python3
"""bench.py: throughput and memory of the whole pipeline on a corpus generated from the BBC articles, beside wc -w on the same bytes."""
import argparse
import glob
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import bench_hostile


def corpus_files(corpus):
    return sorted(glob.glob(os.path.join(corpus, "**", "*.txt"), recursive=True))


def generate(corpus, out, megabytes):
    """The corpus repeated until it passes megabytes, as one JSON Lines file (each record its own
    id) and as plain-text files (each copy ends with its own line, so no two are the same article).
    One file at a time, so this script stays small."""
    files = corpus_files(corpus)
    jsonl = os.path.join(out, "bbc.jsonl")
    text_dir = os.path.join(out, "text")
    if os.path.exists(jsonl) and os.path.getsize(jsonl) >= megabytes << 20 and os.path.isdir(text_dir):
        return jsonl, text_dir
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(text_dir)
    size, rep = 0, 0
    with open(jsonl, "w", encoding="utf-8") as jf:
        while size < megabytes << 20:
            os.makedirs(os.path.join(text_dir, "r%03d" % rep))
            for i, f in enumerate(files):
                text = open(f, encoding="utf-8", errors="replace").read()
                line = json.dumps({"id": "r%d-%d" % (rep, i), "text": text}) + "\n"
                jf.write(line)
                size += len(line.encode("utf-8"))
                with open(os.path.join(text_dir, "r%03d" % rep, "%05d.txt" % i), "w", encoding="utf-8") as tf:
                    tf.write(text + "\nCopy %d.\n" % rep)
            rep += 1
    return jsonl, text_dir


def run_once(cmd, stdout=subprocess.DEVNULL):
    """Seconds, exit status, peak RSS in MB (wait4; this script is small when it forks)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t, os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, err


def median_run(cmd, runs):
    results = [run_once(cmd) for _ in range(runs)]
    secs = statistics.median(r[0] for r in results)
    return secs, results[0][1], max(r[2] for r in results), results[0][3]


# The Python module's extract_many over the same JSON Lines, every record made a dict and dropped.
PYTHON_RUN = """
import json, sys
import newsrec
items = (json.loads(line) for line in open(sys.argv[1], encoding="utf-8"))
n = sum(1 for _ in newsrec.extract_many(items, jobs=int(sys.argv[2])))
print(n, file=sys.stderr)
"""


def python_rows(a, jsonl, mb):
    """The Python module's rows, when the shared library is built beside the command."""
    lib = os.path.join(os.path.dirname(a.newsrec), "libnewsrec.so")
    if not os.path.exists(lib):
        print("bench: %s not found; the Python rows are skipped" % lib)
        return []
    os.environ["NEWSREC_LIBRARY"] = shutil.copy(lib, os.path.join(a.work, "libnewsrec.so"))
    os.environ["PYTHONPATH"] = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "python")
    return [("python extract_many -> dicts", [sys.executable, "-c", PYTHON_RUN, jsonl, "1"], mb,
             "jsonl -> --format jsonl"),
            ("python extract_many, jobs=2", [sys.executable, "-c", PYTHON_RUN, jsonl, "2"], mb,
             "jsonl -> jsonl, --jobs 2")]


def digest(cmd, out_dir=None):
    h = hashlib.sha256()
    if out_dir:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for n in sorted(os.listdir(out_dir)):
            h.update(open(os.path.join(out_dir, n), "rb").read())
    else:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
            h.update(chunk)
        p.wait()
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stream-mb", type=int, default=1024)
    a = ap.parse_args()
    if not corpus_files(a.corpus):
        print("bench: no corpus at %s; skipped" % a.corpus)
        return 0
    os.makedirs(a.work, exist_ok=True)
    newsrec = shutil.copy(a.newsrec, os.path.join(a.work, "newsrec"))  # immune to rebuilds
    jsonl, text_dir = generate(a.corpus, os.path.join(a.work, "corpus"), a.mb)
    nbytes = os.path.getsize(jsonl)
    mb = nbytes / 1e6
    words = int(subprocess.run(["wc", "-w", jsonl], stdout=subprocess.PIPE).stdout.split()[0])
    articles = sum(1 for _ in open(jsonl, "rb"))
    text_bytes = sum(os.path.getsize(f) for f in corpus_files(text_dir))
    print("bench: %.1f MB of JSON Lines (%d articles, %d words by wc -w) and %.1f MB as %d text files; "
          "median of %d runs" % (mb, articles, words, text_bytes / 1e6, articles, a.runs))

    wc, _, _, _ = median_run(["wc", "-w", jsonl], a.runs)
    print("%-34s %8s %9s %11s %12s %9s" % ("run", "seconds", "MB/s", "articles/s", "words/s", "peak MB"))
    print("%-34s %8.2f %9.1f %11s %12.0f %9s" % ("wc -w (same JSON Lines bytes)", wc, mb / wc, "-", words / wc, "-"))
    rows = [
        ("jsonl -> --format jsonl", [newsrec, "-q", "--format", "jsonl", jsonl], mb, None),
        ("jsonl -> --format csv", [newsrec, "-q", "--format", "csv", "--out", os.path.join(a.work, "csv"), jsonl], mb,
         None),
        ("text files -> --format jsonl", [newsrec, "-q", "--format", "jsonl", text_dir], text_bytes / 1e6, None),
        ("jsonl -> jsonl, --jobs 2", [newsrec, "-q", "--jobs", "2", "--format", "jsonl", jsonl], mb,
         "jsonl -> --format jsonl"),
    ] + python_rows(a, jsonl, mb)
    seconds = {}  # each row's median, for the rows measured against another
    for name, cmd, size, against in rows:
        secs, rc, peak, _ = median_run(cmd, a.runs)
        seconds[name] = secs
        print("%-34s %8.2f %9.1f %11.0f %12.0f %9.1f%s" % (name, secs, size / secs, articles / secs, words / secs,
                                                        peak, "" if rc == 0 else "  exit %d" % rc), flush=True)
        if against and cmd[0] == sys.executable:
            print("  the Python module takes %+.1f%% of the command's time (%s)"
                  % (100 * (secs / seconds[against] - 1), against))
        elif against:
            print("  --jobs 2 is %.2fx --jobs 1" % (seconds[against] / secs))
    single = seconds["jsonl -> --format jsonl"]
    print("newsrec --format jsonl runs at %.1f%% of wc -w's speed" % (100 * wc / single))

    same = digest([newsrec, "-q", "--format", "jsonl", jsonl]) == digest([newsrec, "-q", "--jobs", "2", "--format", "jsonl", jsonl])
    print("--jobs 2 output byte-identical to --jobs 1: %s" % ("yes" if same else "NO"))
    _, _, _, err = run_once([newsrec, "-q", "--timing", "--format", "jsonl", jsonl])
    timing = err.decode().strip().split("timing: ")[-1]
    print("time per stage (one run, --format jsonl): %s" % timing)
    bench_hostile.bench_stream(newsrec, a.corpus, a.stream_mb)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
