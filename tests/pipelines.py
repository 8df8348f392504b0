#!/usr/bin/env python3
"""pipelines.py: newsrec in data pipelines: SQLite output, DuckDB and jq reading the records, the JSON Schema, the summary and --stats, the GNU parallel recipes of docs/SCALING.md, make install with pkg-config and the man page."""
import argparse
import glob
import hashlib
import json
import os
import pty
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from run_tests import check, results, run, skip

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TABLES = ["articles", "actors", "mentions", "statements", "events"]
PACKAGE = json.load(open(os.path.join(ROOT, "schema", "datapackage.json")))
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER", "number": "REAL"}


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def csv_rows(csvcheck, out):
    """Data rows of each table, counted by libcsv (csvcheck prints FILE ROWS COLUMNS)."""
    p = run([csvcheck] + [os.path.join(out, t + ".csv") for t in TABLES])
    return {t: int(line.split()[1]) for t, line in zip(TABLES, p.stdout.decode().splitlines())}


def bbc_jsonl(bbc, path):
    """The BBC corpus as JSON Lines, each record with its own id (the file's place)."""
    with open(path, "w", encoding="utf-8") as f:
        for name in sorted(glob.glob(os.path.join(bbc, "*", "*.txt"))):
            text = open(name, "rb").read().decode("utf-8", "replace")
            f.write(json.dumps({"id": os.path.relpath(name, bbc), "text": text}) + "\n")
    return path


# ---- SQLite ---------------------------------------------------------------------------------

def table_counts(db):
    with sqlite3.connect(db) as con:
        return {t: con.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in TABLES}


def test_sqlite_schema(db):
    """The tables follow schema/datapackage.json: columns, types, NOT NULL, keys, indexes."""
    con = sqlite3.connect(db)
    for res in PACKAGE["resources"]:
        t, fields = res["name"], res["schema"]["fields"]
        info = con.execute("PRAGMA table_info(%s)" % t).fetchall()
        want = [(f["name"], SQL_TYPES[f["type"]], int(bool(f.get("constraints", {}).get("required"))))
                for f in fields]
        got = [(c[1], c[2], c[3]) for c in info]
        # a primary-key column is NOT NULL whether or not it says so
        pk = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]]
        got = [(n, ty, 1 if n in pk else nn) for n, ty, nn in got]
        want = [(n, ty, 1 if n in res["schema"]["primaryKey"] else nn) for n, ty, nn in want]
        check("sqlite %s: columns, types and NOT NULL as datapackage.json" % t, got == want,
              [(a, b) for a, b in zip(got, want) if a != b])
        check("sqlite %s: primary key %s" % (t, res["schema"]["primaryKey"]), pk == res["schema"]["primaryKey"], pk)
        fks = sorted((r[3], r[2], r[4] or [f for f in PACKAGE["resources"] if f["name"] == r[2]][0]["schema"]
                      ["primaryKey"][0]) for r in con.execute("PRAGMA foreign_key_list(%s)" % t))
        want_fks = sorted((fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                          for fk in res["schema"].get("foreignKeys", []))
        check("sqlite %s: foreign keys as datapackage.json" % t, fks == want_fks, (fks, want_fks))
        firsts = {con.execute("PRAGMA index_info(%s)" % ix[1]).fetchone()[2]
                  for ix in con.execute("PRAGMA index_list(%s)" % t)}
        missing = [c for c, _, _ in want_fks if c not in firsts]
        check("sqlite %s: every join column leads an index" % t, not missing, missing)
    meta = dict(con.execute("SELECT key, value FROM newsrec_meta"))
    check("sqlite: schema version in newsrec_meta", meta.get("schema_version") == "2", meta)
    con.close()


def test_sqlite(newsrec, csvcheck, corpus, work):
    out = os.path.join(work, "sqlite-csv")
    run([newsrec, "-q", "--format", "csv", "--out", out, corpus])
    want = csv_rows(csvcheck, out)
    db = os.path.join(work, "news.db")
    p = run([newsrec, "--format", "sqlite", "--out", db, corpus])
    check("sqlite: first run exits 0", p.returncode == 0, p.stderr.decode()[-300:])
    check("sqlite: the rows of the CSV export", table_counts(db) == want, (table_counts(db), want))
    con = sqlite3.connect(db)
    check("sqlite: PRAGMA foreign_key_check is empty", con.execute("PRAGMA foreign_key_check").fetchall() == [])
    check("sqlite: PRAGMA integrity_check", con.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    con.close()
    test_sqlite_schema(db)
    before = sha256(db)
    p = run([newsrec, "--format", "sqlite", "--out", db, corpus])
    check("sqlite: a second run exits 0 and says every article was there",
          p.returncode == 0 and ("%d already in the database" % want["articles"]) in p.stderr.decode(),
          p.stderr.decode()[-300:])
    check("sqlite: the second run changes no byte of the file", sha256(db) == before)

    # A part first, then the whole: the part's rows stay as they were, the rest is added.
    part_db = os.path.join(work, "part.db")
    first = sorted(glob.glob(os.path.join(corpus, "*")))[0]
    run([newsrec, "-q", "--format", "sqlite", "--out", part_db, first])
    with sqlite3.connect(part_db) as con:
        part_rows = con.execute("SELECT * FROM statements ORDER BY statement_id").fetchall()
    run([newsrec, "-q", "--format", "sqlite", "--out", part_db, corpus])
    with sqlite3.connect(part_db) as con:
        kept = con.execute("SELECT * FROM statements WHERE article_id IN (SELECT DISTINCT article_id FROM "
                           "statements) ORDER BY statement_id").fetchall()
    check("sqlite: a run over more adds the rest, leaving the earlier rows as they were",
          table_counts(part_db) == want and set(part_rows) <= set(kept), table_counts(part_db))

    with sqlite3.connect(part_db) as con:
        con.execute("UPDATE newsrec_meta SET value = '99' WHERE key = 'schema_version'")
    p = run([newsrec, "--format", "sqlite", "--out", part_db, first])
    check("sqlite: a database of another schema version is refused, exit 3",
          p.returncode == 3 and b"schema version 99" in p.stderr and b"[output]" in p.stderr, p.stderr)


def test_sqlite_interrupted(newsrec, work):
    """SIGINT in the middle of a batch: the committed batch stays, the open one is rolled back."""
    db = os.path.join(work, "interrupted.db")
    proc = subprocess.Popen([newsrec, "-q", "--format", "sqlite", "--out", db], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for i in range(650):  # one batch of 500 committed, 150 pending
        text = "Council vote %d\n\nMayor Ana Ruiz said the council would vote on plan %d on Monday." % (i, i)
        proc.stdin.write((json.dumps({"id": "r%d" % i, "text": text}) + "\n").encode())
    proc.stdin.flush()
    deadline = time.time() + 60
    while time.time() < deadline and table_counts_safe(db) < 500:
        time.sleep(0.1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    proc.stdin.close()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    check("sqlite interrupted: dies of SIGINT", proc.returncode == -signal.SIGINT, (proc.returncode, err))
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    check("sqlite interrupted: the committed batch only (500 articles)", n == 500, n)
    check("sqlite interrupted: consistent", con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
          and con.execute("PRAGMA foreign_key_check").fetchall() == [])
    con.close()


def table_counts_safe(db):
    try:
        with sqlite3.connect(db, timeout=0.1) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


# ---- DuckDB, the JSON Schema, jq --------------------------------------------------------------

def test_duckdb(duckdb_script, newsrec, csvcheck, corpus, work):
    out = os.path.join(work, "duck-csv")
    run([newsrec, "-q", "--format", "csv", "--out", out, corpus])
    want = csv_rows(csvcheck, out)
    p = run(["node", duckdb_script, out, os.path.join(ROOT, "schema", "datapackage.json")])
    if not check("duckdb: loads the five tables with the package's types", p.returncode == 0,
                 p.stderr.decode()[-500:]):
        return
    rep = json.loads(p.stdout)
    mapping = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "number": "DOUBLE"}
    for res in PACKAGE["resources"]:
        t = res["name"]
        check("duckdb %s: the rows libcsv counts" % t, rep["tables"][t]["rows"] == want[t],
              (rep["tables"][t]["rows"], want[t]))
        types = {f["name"]: mapping[f["type"]] for f in res["schema"]["fields"]}
        check("duckdb %s: column types as datapackage.json" % t, rep["tables"][t]["types"] == types)
        nulls = {k: v for k, v in rep["tables"][t]["nulls_in_required"].items() if v}
        check("duckdb %s: no NULL in a required column" % t, not nulls, nulls)
    orphans = {k: v for k, v in rep["orphans"].items() if v}
    check("duckdb: no orphan id in any foreign key (%d checked)" % len(rep["orphans"]),
          not orphans and len(rep["orphans"]) >= 9, orphans)
    check("duckdb: statements JOIN actors and events JOIN actors find rows",
          rep["joins"]["statements_with_speaker"] > 0 and rep["joins"]["events_with_agent"] > 0, rep["joins"])


def test_gdelt(duckdb_script, newsrec, corpus, work):
    """--format gdelt: 61 fields a line, read by DuckDB with GDELT's names and types, one row per
    event in the JSON's order with its code's zeros kept, Goldstein weights in [-10, 10]."""
    out = os.path.join(work, "events.gdelt.tsv")
    p = run([newsrec, "-q", "--format", "gdelt", "--out", out, corpus])
    check("gdelt: exit 0", p.returncode == 0, p.stderr.decode()[-300:])
    lines = open(out, encoding="utf-8").read().split("\n")
    check("gdelt: the file ends with a line end", lines[-1] == "")
    widths = {len(line.split("\t")) for line in lines[:-1]}
    check("gdelt: every one of %d lines has 61 fields" % (len(lines) - 1), widths == {61}, widths)
    q = run([newsrec, "-q", "--format", "jsonl", corpus])
    docs = [json.loads(line) for line in q.stdout.decode("utf-8").splitlines()]
    events = [e for d in docs for e in d["events"]]
    country = {a["id"]: a["country"] or "" for d in docs for a in d["actors"]}
    rows = [line.split("\t") for line in lines[:-1]]
    check("gdelt: each actor's CountryCode is the JSON actor's country",
          len(rows) == len(events) and all(
              r[c] == (country[e[role + "_id"]] if e[role + "_code"] else "")
              for r, e in zip(rows, events) for c, role in ((7, "agent"), (17, "target"))))
    script = os.path.join(os.path.dirname(duckdb_script), "gdelt_check.mjs")
    p = run(["node", script, out])
    if not check("gdelt: DuckDB loads it with GDELT's 61 column names and types", p.returncode == 0,
                 p.stderr.decode()[-500:]):
        return
    rep = json.loads(p.stdout)
    check("gdelt: one row per event (%d)" % len(events), rep["rows"] == len(events) and rep["columns"] == 61,
          (rep["rows"], len(events)))
    check("gdelt: EventCode is each event's cameo, leading zeros kept",
          rep["codes"] == [e["cameo"] for e in events] and rep["roots_with_zero"] > 0,
          rep["roots_with_zero"])
    g = rep["goldstein"]
    check("gdelt: GoldsteinScale lies in [-10, 10]", g[0] is not None and -10 <= g[0] <= g[1] <= 10, g)
    check("gdelt: every GLOBALEVENTID is distinct", rep["distinct_ids"] == len(events))
    check("gdelt: some events are in the lead, not all", 0 < rep["lead"] < len(events), rep["lead"])


def test_schema_and_jq(newsrec, corpus, work):
    p = run([newsrec, "-q", "--format", "jsonl", "--with-text", corpus])
    lines = p.stdout.decode("utf-8").splitlines()
    import jsonschema
    validator = jsonschema.Draft202012Validator(json.load(open(os.path.join(ROOT, "schema", "newsrec.schema.json"))))
    bad = [(i, e.message) for i, line in enumerate(lines) for e in validator.iter_errors(json.loads(line))]
    check("schema: every one of %d JSON Lines documents validates (Draft 2020-12)" % len(lines),
          lines and not bad, bad[:3])
    stream = os.path.join(work, "records.jsonl")
    with open(stream, "w", encoding="utf-8") as f:
        f.write(p.stdout.decode("utf-8"))
    q = run(["jq", "-s", "{articles: length, statements: (map(.statements | length) | add), "
             "speakers: ([.[] | .statements[] | select(.actor_id != null)] | length)}", stream])
    got = json.loads(q.stdout) if q.returncode == 0 else {}
    docs = [json.loads(line) for line in lines]
    want = {"articles": len(docs), "statements": sum(len(d["statements"]) for d in docs),
            "speakers": sum(1 for d in docs for s in d["statements"] if s.get("actor_id") is not None)}
    check("jq reads the stream: articles, statements and attributed ones", got == want, (got, want, q.stderr[-200:]))


# ---- summary, --stats, progress ---------------------------------------------------------------

def test_summary(newsrec, csvcheck, work):
    examples = os.path.join(ROOT, "corpus", "examples")
    out, stats = os.path.join(work, "sum-csv"), os.path.join(work, "stats.json")
    p = run([newsrec, "--format", "csv", "--out", out, "--stats", stats, examples, examples])
    rows = csv_rows(csvcheck, out)
    s = json.load(open(stats))
    counts = {t: s[t] for t in TABLES}
    check("--stats: the rows written", counts == rows, (counts, rows))
    check("--stats: duplicates, errors, exit, bytes",
          s["duplicates"] == rows["articles"] and s["errors"] == 0 and s["exit"] == 0 and
          s["bytes"] == 2 * sum(os.path.getsize(f) for f in glob.glob(os.path.join(examples, "*"))), s)
    line = [l for l in p.stderr.decode().splitlines() if l.startswith("newsrec: summary: ")]
    check("summary line on stderr with the same counts",
          len(line) == 1 and line[0].startswith("newsrec: summary: %d articles, %d actors, %d mentions, %d statements, "
                                                "%d events, %d warnings, 0 errors" % (
                                                    rows["articles"], rows["actors"], rows["mentions"],
                                                    rows["statements"], rows["events"], s["warnings"])), line)
    p = run([newsrec, "-q", "--format", "jsonl", examples])
    check("--quiet: no summary", p.stderr == b"", p.stderr)
    p = run([newsrec, "--format", "jsonl", os.path.join(work, "missing.txt")])
    check("summary counts errors; exit 1", p.returncode == 1 and b"0 articles" in p.stderr and b"1 errors" in p.stderr,
          p.stderr)
    # On a terminal the progress line comes by itself, and is taken down before the summary.
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(newsrec, [newsrec, "--format", "jsonl", "--out", os.path.join(work, "pty.jsonl"), examples])
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    check("a terminal gets a progress line (articles, MB of MB, MB/s, ETA), then the summary",
          re.search(rb"\r\x1b\[Knewsrec: \d+ articles, [\d.]+ of [\d.]+ MB, [\d.]+ MB/s, ETA \d+:\d\d", seen)
          and seen.rstrip().endswith(b"errors"), seen[-300:])


# ---- GNU parallel, the recipes of docs/SCALING.md ----------------------------------------------

def recipes():
    """The shell blocks of docs/SCALING.md marked '# recipe: NAME'."""
    text = open(os.path.join(ROOT, "docs", "SCALING.md")).read()
    return {m.group(1): m.group(2) for m in re.finditer(r"```sh\n# recipe: ([\w-]+)\n(.*?)```", text, re.S)}


def test_parallel(newsrec, bbc, work):
    r = recipes()
    check("docs/SCALING.md has the three recipes", set(r) == {"parallel-jsonl", "parallel-csv", "merge-csv"}, r.keys())
    if set(r) != {"parallel-jsonl", "parallel-csv", "merge-csv"}:
        return
    d = os.path.join(work, "scale")
    os.makedirs(d)
    bbc_jsonl(bbc, os.path.join(d, "articles.jsonl"))
    one = run([newsrec, "-q", "--format", "jsonl", os.path.join(d, "articles.jsonl")]).stdout
    run([newsrec, "-q", "--format", "csv", "--out", os.path.join(d, "one"), os.path.join(d, "articles.jsonl")])
    bindir = os.path.dirname(newsrec)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
    # A smaller block than the recipe's, so the 5 MB corpus becomes many shards.
    for name in ("parallel-jsonl", "parallel-csv", "merge-csv"):
        script = r[name].replace("--block 8M", "--block 256k")
        p = subprocess.run(["sh", "-e", "-c", script], cwd=d, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        check("recipe %s runs" % name, p.returncode == 0, p.stderr.decode()[-400:])
    shards = len(os.listdir(os.path.join(d, "shards")))
    check("parallel: the corpus went through several processes (%d shards)" % shards, shards >= 10)
    check("parallel-jsonl: the merged records are one run's, byte for byte",
          one and open(os.path.join(d, "records.jsonl"), "rb").read() == one)
    same = [t for t in TABLES if open(os.path.join(d, "merged", t + ".csv"), "rb").read() ==
            open(os.path.join(d, "one", t + ".csv"), "rb").read()]
    check("merge-csv: the merged tables are one run's, byte for byte", same == TABLES, same)


# ---- Dask distributed: a scheduler and two workers on localhost, examples/dask_extract.py ------

def start(args, log, env=None):
    return subprocess.Popen(args, stdout=open(log, "wb"), stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


def stop(procs):
    """Stops the processes by their ids: SIGTERM, then SIGKILL after 10 s. Returns those still alive."""
    for p in procs:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGTERM)
    deadline = time.time() + 10
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
    return [p.pid for p in procs if p.poll() is None]


def wait_for(path, procs, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline and not os.path.exists(path):
        if any(p.poll() is not None for p in procs):
            return False
        time.sleep(0.1)
    return os.path.exists(path)


def mb_per_s(nbytes, seconds):
    return nbytes / 1e6 / seconds


def test_dask(newsrec, bbc, work):
    d = os.path.join(work, "dask")
    os.makedirs(d)
    dask_bin = "/usr/bin/dask"
    if not check("Debian's dask command is installed (python3-distributed)", os.path.exists(dask_bin)):
        return
    jsonl = bbc_jsonl(bbc, os.path.join(d, "articles.jsonl"))
    sched_file = os.path.join(d, "scheduler.json")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
    procs = [start([dask_bin, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", sched_file], os.path.join(d, "scheduler.log"))]
    try:
        if not check("dask scheduler starts on a free port", wait_for(sched_file, procs),
                     open(os.path.join(d, "scheduler.log")).read()[-500:]):
            return
        time.sleep(0.5)  # the file is written before it is complete on some versions
        address = json.load(open(sched_file))["address"]
        for i in (1, 2):
            procs.append(start([dask_bin, "worker", "--scheduler-file", sched_file, "--nthreads", "1",
                                "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"],
                               os.path.join(d, "worker%d.log" % i), env))
        from distributed import Client
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            workers = client.scheduler_info()["workers"]
        check("two dask workers joined %s over TCP" % address, len(workers) == 2 and
              all(w.startswith("tcp://127.0.0.1:") for w in workers), list(workers))
        one = run([newsrec, "-q", "--format", "jsonl", jsonl]).stdout
        run([newsrec, "-q", "--format", "csv", "--out", os.path.join(d, "one"), jsonl])
        example = [sys.executable, os.path.join(ROOT, "examples", "dask_extract.py"), "--scheduler", address,
                   "--newsrec", newsrec, "--blocksize", "512KiB", jsonl]
        for via in ("module", "command"):
            out = os.path.join(d, "jsonl-" + via)
            p = run(example + ["--via", via, "--out", out], env=env)
            shards = len(os.listdir(os.path.join(out, "shards"))) if os.path.isdir(os.path.join(out, "shards")) else 0
            check("dask_extract.py --via %s: %d blocks on 2 workers" % (via, shards), p.returncode == 0 and shards >= 8,
                  p.stderr.decode()[-600:])
            merged = os.path.join(out, "records.jsonl")
            check("dask --via %s: the merged JSON Lines are one run's, byte for byte" % via,
                  one and os.path.exists(merged) and open(merged, "rb").read() == one)
        halves = [os.path.join(d, "half%d.jsonl" % i) for i in (1, 2)]
        lines = open(jsonl, "rb").readlines()
        for i, h in enumerate(halves):
            open(h, "wb").writelines(lines[i * len(lines) // 2:(i + 1) * len(lines) // 2])
        out = os.path.join(d, "two-files")
        p = run(example[:-1] + ["--out", out] + halves, env=env)
        merged = os.path.join(out, "records.jsonl")
        check("dask_extract.py on two files: the merged JSON Lines are one run's", p.returncode == 0 and
              os.path.exists(merged) and open(merged, "rb").read() == one, p.stderr.decode()[-600:])
        bad = os.path.join(d, "bad.jsonl")
        with open(bad, "w") as f:
            f.write('{"id": "a", "text": "Mayor Ana Diaz said the bridge would open."}\n{"id": "b", "text": \n'
                    '{"id": "c", "text": "The council said it would vote."}\n')
        for via in ("module", "command", "frames"):
            out = os.path.join(d, "bad-" + via)
            how = ["--format", "frames-csv"] if via == "frames" else ["--via", via]
            p = run(example[:-1] + how + ["--out", out, bad], env=env)
            err = p.stderr.decode()
            kept = 0
            if p.returncode == 1 and via == "frames":
                kept = sum(len(open(f).read().splitlines()) - 1 for f in glob.glob(os.path.join(out, "articles", "*.csv")))
            elif p.returncode == 1:
                kept = open(os.path.join(out, "records.jsonl")).read().count("\n")
            check("dask --via %s: a malformed record is named (file, block, line), the others exported, exit 1" % via,
                  kept == 2 and (bad + ", block 0: -:2: malformed JSON") in err, err[-400:])
        out = os.path.join(d, "csv")
        p = run(example + ["--format", "csv", "--out", out], env=env)
        same = [t for t in TABLES if os.path.exists(os.path.join(out, "tables", t + ".csv")) and
                open(os.path.join(out, "tables", t + ".csv"), "rb").read() ==
                open(os.path.join(d, "one", t + ".csv"), "rb").read()]
        check("dask --format csv: the merged tables are one run's, byte for byte", p.returncode == 0 and same == TABLES,
              (same, p.stderr.decode()[-600:]))
        out = os.path.join(d, "frames")
        p = run(example + ["--format", "frames-csv", "--out", out], env=env)
        import csv as csvmod
        rows = {t: sum(len(list(csvmod.reader(open(f, newline="", encoding="utf-8")))) - 1
                       for f in glob.glob(os.path.join(out, t, "*.csv"))) for t in TABLES}
        want = {t: len(list(csvmod.reader(open(os.path.join(d, "one", t + ".csv"), newline="", encoding="utf-8")))) - 1
                for t in TABLES}
        check("dask --format frames-csv: every table's rows, from pandas on the workers", p.returncode == 0 and
              rows == want, (rows, want, p.stderr.decode()[-600:]))
        p = run(example + ["--format", "parquet", "--out", os.path.join(d, "pq")], env=env)
        check("dask --format parquet without an engine: exit 2 and says what is missing",
              p.returncode == 2 and b"pyarrow or fastparquet" in p.stderr, p.stderr.decode()[-300:])
        throughput(newsrec, example, env, d)
    finally:
        alive = stop(procs)
        check("the scheduler and both workers are stopped by their ids", not alive, alive)


def throughput(newsrec, example, env, d):
    """The same input (the BBC corpus four times over, 20 MB) through dask on 2 workers, newsrec
    --jobs 2 and the GNU parallel recipe; printed for the record, not asserted (the machine is
    shared)."""
    src = example[-1]
    big = os.path.join(d, "big.jsonl")
    with open(big, "w", encoding="utf-8") as f:
        for k in range(4):
            for line in open(src, encoding="utf-8"):
                rec = json.loads(line)
                rec["id"] = "%d/%s" % (k, rec["id"])
                f.write(json.dumps(rec) + "\n")
    size = os.path.getsize(big)
    runs = {
        "dask, 2 workers (module)": example[:-1] + ["--blocksize", "2MiB", "--out", os.path.join(d, "t-dask"), big],
        "dask, 2 workers (command)": example[:-1] + ["--blocksize", "2MiB", "--via", "command", "--out",
                                                     os.path.join(d, "t-dask-cmd"), big],
        "newsrec --jobs 2": [newsrec, "-q", "--jobs", "2", "--format", "jsonl", "--out", os.path.join(d, "t.jsonl"), big],
        "GNU parallel -j 2": ["sh", "-c", 'parallel -j 2 --pipe -k --block 2M "$0" -q --format jsonl < "$1" > "$2"',
                              newsrec, big, os.path.join(d, "t-par.jsonl")],
    }
    for name, args in runs.items():
        t = time.time()
        p = run(args, env=env)
        secs = time.time() - t
        print("pipelines: throughput %-26s %6.2f MB/s (%.1f MB in %.1f s)%s" % (
            name, mb_per_s(size, secs), size / 1e6, secs, "" if p.returncode == 0 else " FAILED"), flush=True)


# ---- make install, pkg-config, the man page ---------------------------------------------------

def test_install(make, newsrec, work):
    prefix = os.path.join(work, "prefix")
    p = run([make, "-s", "-C", ROOT, "install", "PREFIX=" + prefix])
    if not check("make install PREFIX=...", p.returncode == 0, p.stderr.decode()[-500:]):
        return
    for f in ("bin/newsrec", "lib/libnewsrec.a", "lib/libnewsrec.so", "lib/libnewsrec.so.0",
              "include/newsrec.h", "lib/pkgconfig/newsrec.pc", "share/man/man1/newsrec.1",
              "share/doc/newsrec/SCALING.md"):
        check("installed %s" % f, os.path.exists(os.path.join(prefix, f)))
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "lib", "pkgconfig"),
               LD_LIBRARY_PATH=os.path.join(prefix, "lib"))
    flags = run(["pkg-config", "--cflags", "--libs", "newsrec"], env=env)
    check("pkg-config knows newsrec", flags.returncode == 0 and b"-lnewsrec" in flags.stdout, flags.stderr)
    exe = os.path.join(work, "print_statements")
    cc = run(["sh", "-c", 'cc -std=c11 -Wall -Wextra -Werror -o "$0" "$1" $(pkg-config --cflags --libs newsrec)',
              exe, os.path.join(ROOT, "examples", "print_statements.c")], env=env)
    if not check("examples/print_statements.c builds with pkg-config --cflags --libs newsrec", cc.returncode == 0,
                 cc.stderr.decode()):
        return
    ldd = run(["ldd", exe], env=env).stdout.decode()
    check("the example links the installed shared library", os.path.join(prefix, "lib") in ldd, ldd)
    article = os.path.join(ROOT, "corpus", "examples", "harbor-council-vote.txt")
    got = run([exe, article], env=env)
    doc = json.loads(run([newsrec, article]).stdout)
    names = {a["id"]: a["name"] for a in doc["actors"]}
    want = ["%s [%s" % (names.get(s["actor_id"], "(unattributed)"), s["kind"]) for s in doc["statements"]]
    lines = got.stdout.decode().splitlines()
    check("the example prints the article's statements, speaker and kind as the command finds them",
          got.returncode == 0 and len(lines) == len(want) and all(l.startswith(w) for l, w in zip(lines, want)),
          (lines, want))
    test_installed_python(prefix, article, doc)
    man = run(["man", "--warnings", "-l", os.path.join(prefix, "share", "man", "man1", "newsrec.1")],
              env=dict(os.environ, MANPAGER="cat", MANWIDTH="100"))
    text = man.stdout.decode()
    check("man -l newsrec.1 renders without a warning", man.returncode == 0 and "NEWSREC(1)" in text and
          not man.stderr, man.stderr.decode()[-300:])
    help_opts = set(re.findall(r"--[\w-]+", run([newsrec, "--help"]).stdout.decode()))
    flat = re.sub(r"\s+", " ", text.replace("\u2010", "-").replace("\u2011", "-"))
    missing = sorted(o for o in help_opts if o not in flat)
    check("the man page has every option of --help (%d)" % len(help_opts), not missing, missing)


def test_installed_python(prefix, article, doc):
    """The package make install put under PREFIX loads the library installed beside it, from any
    directory, with the one PYTHONPATH the README gives."""
    site = glob.glob(os.path.join(prefix, "lib", "python3*", "dist-packages"))
    if not check("make install put the Python package under PREFIX/lib/python3.X/dist-packages",
                 len(site) == 1 and os.path.exists(os.path.join(site[0], "newsrec", "__init__.py")), site):
        return
    code = ("import json, sys, newsrec, newsrec._native as n; "
            "r = newsrec.extract(open(sys.argv[1], 'rb').read(), source=sys.argv[1]); "
            "print(json.dumps([n.LIB._name, r == json.loads(sys.argv[2])]))")
    env = dict(os.environ, PYTHONPATH=site[0])
    env.pop("NEWSREC_LIBRARY", None)
    p = run([sys.executable, "-c", code, article, json.dumps(doc)], env=env, cwd="/")
    got = json.loads(p.stdout) if p.returncode == 0 else None
    check("the installed package loads PREFIX/lib/libnewsrec.so.0 and extracts as the command does",
          got == [os.path.join(prefix, "lib", "libnewsrec.so.0"), True], (got, p.stderr.decode()[-400:]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--csvcheck", required=True)
    ap.add_argument("--duckdb-script", required=True)
    ap.add_argument("--make", default="make")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    newsrec, csvcheck = os.path.abspath(a.newsrec), os.path.abspath(a.csvcheck)
    bbc = os.path.join(a.shared, "corpus", "bbc")
    corpus = bbc if os.path.isdir(bbc) else os.path.join(ROOT, "corpus", "examples")
    with tempfile.TemporaryDirectory() as work:
        test_sqlite(newsrec, csvcheck, corpus, work)
        test_sqlite_interrupted(newsrec, work)
        test_duckdb(os.path.abspath(a.duckdb_script), newsrec, csvcheck, corpus, work)
        test_gdelt(os.path.abspath(a.duckdb_script), newsrec, corpus, work)
        test_schema_and_jq(newsrec, corpus, work)
        test_summary(newsrec, csvcheck, work)
        if os.path.isdir(bbc):
            test_parallel(newsrec, bbc, work)
            test_dask(newsrec, bbc, work)
        else:
            skip("GNU parallel recipes and dask", "%s not found" % bbc)
        test_install(a.make, newsrec, work)
    print("pipelines: %d passed, %d failed, %d skipped" % (results["passed"], results["failed"], results["skipped"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
