#!/usr/bin/env python3
"""python_module.py: the Python package (python/newsrec) against the command: the same records, the same tables cell for cell, errors as newsrec.Error, threads, flat memory."""
import argparse
import glob
import json
import os
import sys
import tempfile
import warnings

from run_tests import check, docs_of, results, run, skip

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
import newsrec  # noqa: E402

TABLES = ["articles", "actors", "mentions", "statements", "events"]
EXAMPLE = os.path.join(ROOT, "corpus", "examples", "harbor-council-vote.txt")


def command_docs(newsrec_bin, args):
    return docs_of(run([newsrec_bin, "-q", "--format", "jsonl"] + args).stdout)


def test_extract_cases(newsrec_bin, shared):
    """extract() on a file's bytes is the command's document for that file."""
    paths = sorted(glob.glob(os.path.join(ROOT, "tests", "cases", "*.txt")))
    seed = os.path.join(shared, "corpus", "seed", "landrieu-doj-letter.txt")
    paths += [seed] if os.path.exists(seed) else []
    paths.append(EXAMPLE)
    differ = []
    for p in paths:
        want = command_docs(newsrec_bin, [p])
        got = newsrec.extract(open(p, "rb").read(), source=p)
        if [got] != want:
            differ.append(os.path.basename(p))
    check("extract equals the command's JSON for %d files: the test cases, the example%s"
          % (len(paths), " and the seed" if os.path.exists(seed) else ""), not differ, differ)
    if not os.path.exists(seed):
        skip("extract on the seed article", "%s not found" % seed)


def test_version(newsrec_bin):
    p = run([newsrec_bin, "--version"])
    check("newsrec.__version__ is the library's (%s)" % newsrec.__version__,
          newsrec.__version__ in p.stdout.decode().split(), p.stdout)


def test_extract_metadata(newsrec_bin, tmp):
    """extract(text, id, date, url, title) is the command's document for the JSON Lines record."""
    text = open(EXAMPLE, encoding="utf-8").read()
    recs = [{"id": "harbor-1", "text": text, "date": "2019-03-04", "url": "https://example.org/h",
             "title": "Harbor vote"},
            {"id": 42, "text": text.replace("Portland", "Bangor"), "date": "2019-03"},
            {"text": "  \u201cWe will appeal,\u201d said Mayor Ana Diaz of Springfield on Monday.  "}]
    path = os.path.join(tmp, "meta.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    want = command_docs(newsrec_bin, [path])
    got = [newsrec.extract(r["text"], id=None if r.get("id") is None else str(r["id"]), date=r.get("date"),
                           url=r.get("url"), title=r.get("title"),
                           source=None if "id" in r else path + ":3") for r in recs]
    check("extract(text, id, date, url, title) equals the command on the JSON Lines record",
          got == want, [g["article"] for g, w in zip(got, want) if g != w])
    check("read() of a JSON Lines file equals the command", list(newsrec.read(path)) == want)
    check("the date and the id reach the record",
          got[0]["article"]["published"] == "2019-03-04" and got[0]["article"]["source"] == "harbor-1")


def csv_cells(csvcheck, path):
    p = run([csvcheck, "--dump-nulls", path])
    if p.returncode != 0:
        raise RuntimeError("%s: %s" % (path, p.stderr.decode()))
    return [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]


def cell_text(value, column, row):
    """A DataFrame cell as the CSV writes it (None: no value)."""
    import pandas as pd
    if value is pd.NA or value is pd.NaT or value is None:
        return None
    if isinstance(value, pd.Timestamp):
        width = {"year": 4, "month": 7}.get(row.get("date_precision"), 10)
        return value.strftime("%Y-%m-%d")[:width]
    if isinstance(value, (bool,)) or str(type(value)) == "<class 'numpy.bool_'>":
        return "true" if value else "false"
    if column == "goldstein":
        return "%.1f" % value
    return str(value)


def test_tables_bbc(newsrec_bin, csvcheck, bbc, tmp):
    """tables() of the records read from the BBC corpus is the command's CSV, cell for cell."""
    out = os.path.join(tmp, "bbc-csv")
    run([newsrec_bin, "-q", "--format", "csv", "--out", out, bbc])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        records = list(newsrec.read(bbc))
    dups = [w for w in seen if issubclass(w.category, newsrec.DuplicateWarning)]
    want_docs = command_docs(newsrec_bin, [bbc])
    check("read(BBC) equals the command's records (%d articles, %d duplicates left out)"
          % (len(records), len(dups)), records == want_docs, len(records))
    frames = newsrec.tables(records)
    package = json.load(open(os.path.join(ROOT, "schema", "datapackage.json")))
    dtypes = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    for res in package["resources"]:
        t = res["name"]
        df = frames[t]
        cells = csv_cells(csvcheck, os.path.join(out, t + ".csv"))
        header, rows = cells[0], cells[1:]
        check("tables %s: the data package's columns" % t,
              list(df.columns) == header == [f["name"] for f in res["schema"]["fields"]], list(df.columns))
        bad_types = [(f["name"], str(df[f["name"]].dtype)) for f in res["schema"]["fields"]
                     if str(df[f["name"]].dtype) != dtypes[f["type"]] and
                     not (f["name"] in ("published", "date") and str(df[f["name"]].dtype) == "datetime64[ns]")]
        check("tables %s: nullable dtypes, dates as datetime64" % t, not bad_types, bad_types)
        got = []
        for rec in df.astype(object).to_dict("records"):
            got.append([cell_text(rec[c], c, rec) for c in df.columns])
        diff = [(i, g, w) for i, (g, w) in enumerate(zip(got, rows)) if g != w]
        check("tables %s equals %s.csv cell for cell (%d rows)" % (t, t, len(rows)),
              len(got) == len(rows) and not diff, (len(got), len(rows), diff[:2]))
    ev = frames["events"]
    check("CAMEO codes keep their zeros", ev["cameo"].str.startswith("0").any())


def test_errors(tmp):
    def status_of(fn):
        try:
            fn()
        except newsrec.Error as e:
            return e.status, e.message
        return None, None

    cases = [
        ("empty text", lambda: newsrec.extract("  \n "), "empty"),
        ("binary bytes", lambda: newsrec.extract(bytes(range(256)) * 4), "not-text"),
        ("a number as text", lambda: newsrec.extract(42), "input"),
        ("a lone surrogate", lambda: newsrec.extract("Mayor \ud800 said"), "input"),
        ("a NUL in the title", lambda: newsrec.extract("The mayor said so.", title="a\0b"), "input"),
        ("a missing path", lambda: list(newsrec.read(os.path.join(tmp, "nowhere"))), "file"),
        ("a dict without text", lambda: list(newsrec.extract_many([{"id": "x"}])), "input"),
    ]
    for name, fn, want in cases:
        got, message = status_of(fn)
        check("Error for %s: status %s" % (name, want), got == want, (got, message))
    bad = os.path.join(tmp, "bad.jsonl")
    with open(bad, "w") as f:
        f.write(json.dumps({"id": "a", "text": "The mayor said the bridge would open."}) + "\n")
        f.write('{"id": "b", "text": \n')
        f.write(json.dumps({"id": "c", "text": "The council said it would vote."}) + "\n")
    got, message = status_of(lambda: list(newsrec.read(bad)))
    check("a malformed JSON Lines record raises Error naming file and line",
          got == "input" and (bad + ":2") in message, (got, message))
    items = [{"id": "m%d" % i, "text": "Mayor Ana Diaz said the bridge %d would open." % i} for i in range(40)]
    for i in (0, 7, 16, 17, 39):
        items[i] = {"id": "m%d" % i, "text": " \n" if i % 2 else bytes(range(256)) * 4}
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        got = [r["article"]["source"] for r in newsrec.extract_many(items, errors="skip")]
    want = ["m%d" % i for i in range(40) if i not in (0, 7, 16, 17, 39)]
    check("extract_many(errors='skip'): each failure in a batch is reported and the others keep their order",
          got == want and len(seen) == 5 and all(w.category is newsrec.SkippedWarning for w in seen), (got, seen))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ids = [r["article"]["source"] for r in newsrec.read(bad, errors="skip")]
    check("errors='skip' exports the other records and warns once",
          ids == ["a", "c"] and [w.category for w in seen] == [newsrec.SkippedWarning], (ids, seen))


def test_read_tree(newsrec_bin, tmp):
    """read() walks a directory as the command does: the same records in the same order, and
    what the command skips with an error (a link loop, a FIFO) skipped with a warning."""
    d = os.path.join(tmp, "tree")
    os.makedirs(os.path.join(d, "b"))
    os.makedirs(os.path.join(d, "a"))
    for name, text in (("a/2.txt", "Mayor Ana Diaz said the bridge would open."),
                       ("a/10.txt", "The council said it would vote on Monday."),
                       ("b/x.txt", "Officials said the storm had passed."),
                       (".hidden.txt", "Nobody said anything.")):
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    os.symlink("..", os.path.join(d, "b", "up"))
    os.mkfifo(os.path.join(d, "b", "pipe"))
    want = command_docs(newsrec_bin, [d])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        got = list(newsrec.read(d, errors="skip"))
    check("read() of a tree equals the command's records, in its order",
          got == want and [r["article"]["source"] for r in got] == [d + "/a/10.txt", d + "/a/2.txt", d + "/b/x.txt"],
          [r["article"]["source"] for r in got])
    check("read() reports the link loop and the FIFO and goes on",
          sorted(str(w.message).split(": ")[1][:15] for w in seen) == ["not a regular f", "symbolic link l"],
          [str(w.message) for w in seen])


def test_memory_failure(tmp):
    """A failed allocation inside the library is an Error("memory"), not a crash: the library
    runs under an address-space limit that leaves too little for a 24 MB article."""
    code = r"""
import resource, sys
sys.path.insert(0, %r)
import newsrec
newsrec.extract("warm up: the mayor said so.")
text = "The mayor of Springfield said the new bridge would open in May. " * 380000
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
used = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (used + (200 << 20), hard))
try:
    newsrec.extract(text)
    print("no error")
except newsrec.Error as e:
    print("error", e.status)
except MemoryError:
    print("python MemoryError")
""" % os.path.join(ROOT, "python")
    p = run([sys.executable, "-c", code])
    out = p.stdout.decode().strip()
    check("an allocation failure in the library raises Error('memory')", p.returncode == 0 and out == "error memory",
          (p.returncode, out, p.stderr.decode()[-300:]))


def test_jobs(bbc):
    items = []
    for path in sorted(glob.glob(os.path.join(bbc, "business", "*.txt")))[:300]:
        items.append({"id": os.path.relpath(path, bbc), "text": open(path, "rb").read().decode("utf-8", "replace")})
    one = list(newsrec.extract_many(items, jobs=1))
    two = list(newsrec.extract_many(items, jobs=2))
    check("extract_many(jobs=2) equals jobs=1 (%d articles)" % len(one), one == two and len(one) == len(items))


def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_memory_flat(n):
    text = open(EXAMPLE, encoding="utf-8").read()
    warm = n // 10
    for i in range(n):
        rec = newsrec.extract(text, id=str(i))
        if i == warm:
            before = rss_kb()
    after = rss_kb()
    check("%d extractions keep RSS flat: %+d kB after warm-up (limit 5 MB)" % (n, after - before),
          after - before <= 5 * 1024 and rec["statements"], (before, after))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--csvcheck", required=True)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--loops", type=int, default=20000)
    a = ap.parse_args()
    newsrec_bin, csvcheck = os.path.abspath(a.newsrec), os.path.abspath(a.csvcheck)
    bbc = os.path.join(a.shared, "corpus", "bbc")
    with tempfile.TemporaryDirectory() as tmp:
        test_version(newsrec_bin)
        test_extract_cases(newsrec_bin, a.shared)
        test_extract_metadata(newsrec_bin, tmp)
        test_errors(tmp)
        test_read_tree(newsrec_bin, tmp)
        test_memory_failure(tmp)
        if os.path.isdir(bbc):
            test_tables_bbc(newsrec_bin, csvcheck, bbc, tmp)
            test_jobs(bbc)
        else:
            skip("tables and jobs on the BBC corpus", "%s not found" % bbc)
        test_memory_flat(a.loops)
    print("python: %d passed, %d failed, %d skipped" % (results["passed"], results["failed"], results["skipped"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
