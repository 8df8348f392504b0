#!/usr/bin/env python3
"""bench_peers.py: newsrec beside compromise (npm) on the same 5 MB slice of the BBC corpus, in one run."""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def slice_corpus(corpus, out, limit):
    """The first articles of the corpus in sorted order, up to limit bytes of text, as JSON Lines."""
    size = 0
    with open(out, "w", encoding="utf-8") as f:
        for i, path in enumerate(sorted(glob.glob(os.path.join(corpus, "**", "*.txt"), recursive=True))):
            text = open(path, encoding="utf-8", errors="replace").read()
            n = len(text.encode("utf-8"))
            if size + n > limit:
                break
            f.write(json.dumps({"id": "a%d" % i, "text": text}) + "\n")
            size += n
    return size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(a.work, exist_ok=True)
    for name in ("package.json", "package-lock.json", "compromise.js"):
        shutil.copy(os.path.join(here, "peers", name), a.work)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=a.work, check=True)
    data = os.path.join(a.work, "slice.jsonl")
    text_bytes = slice_corpus(a.corpus, data, int(a.mb * 1e6))
    if not text_bytes:
        print("bench-peers: no corpus at %s; skipped" % a.corpus)
        return 0
    peer = json.loads(subprocess.run(["node", os.path.join(a.work, "compromise.js"), data],
                                     stdout=subprocess.PIPE, check=True).stdout)
    times = []
    for _ in range(a.runs):
        t = time.perf_counter()
        subprocess.run([a.newsrec, "-q", "--format", "jsonl", data], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    ours = statistics.median(times)
    mine = text_bytes / 1e6 / ours
    theirs = peer["bytes"] / 1e6 / peer["seconds"]
    print("bench-peers: %d articles, %.2f MB of article text" % (peer["articles"], text_bytes / 1e6))
    print("  compromise %s (people, places, organizations, quotations): %.1f s, %.3f MB/s; found %s"
          % (json.load(open(os.path.join(a.work, "node_modules", "compromise", "package.json")))["version"],
             peer["seconds"], theirs, peer["found"]))
    print("  newsrec --format jsonl (everything, median of %d): %.2f s, %.1f MB/s" % (a.runs, ours, mine))
    print("  newsrec is %.0fx compromise's throughput" % (mine / theirs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
