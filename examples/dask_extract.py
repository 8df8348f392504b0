#!/usr/bin/env python3
"""dask_extract.py: JSON Lines articles through newsrec on a Dask distributed cluster, written as JSON Lines shards, CSV table shards or DataFrame files, then merged.

Usage (docs/SCALING.md has the cluster recipes):
    dask_extract.py --scheduler tcp://HOST:8786 --out DIR [--format jsonl|csv|frames-csv|parquet]
                    [--via module|command] [--newsrec PATH] [--blocksize 8MiB] INPUT.jsonl...

Each block of the inputs (dask.bag.read_text; a record never straddles two) is one task. A task
runs its records through newsrec, by the Python module in the worker process (the default: it
measured faster, see docs/SCALING.md) or by the newsrec command on the block, and writes its
shard under DIR/shards. The client then merges the shards in block order into DIR/records.jsonl
or DIR/tables/*.csv, which are byte for byte what one `newsrec --format jsonl` (or csv) run on the
same inputs writes, as long as every record has its own id (a record without one is named by its
line in the block, "-:N", and a single run names it by its line in the file). DIR may be any
fsspec URL the workers and the client can all write (a shared file system, s3://... with s3fs).
Exit status: 0 when every record was exported, 1 when some failed (each is printed), 2 for a
usage error.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import dask
import dask.bag
import fsspec
from distributed import Client

TABLES = ("articles", "actors", "mentions", "statements", "events")


def _records(lines, output):
    """A block's records through the Python module, in order: each the library's output (see
    newsrec.Context) or the newsrec.Error that stopped it. A record without an id is named by
    its line in the block ("-:N"), as the command names a line of its standard input."""
    import newsrec
    ctx = newsrec.default_context()  # one per worker process, not one per task
    for n, line in enumerate(lines, 1):
        raw = line.rstrip("\n").rstrip("\r").encode("utf-8")
        if not raw.strip(b" \t"):
            continue
        try:
            yield ctx.extract_jsonl(raw, "-", n, output)
        except newsrec.Error as e:
            yield e


def _by_module(lines, output):
    """A block's records through the Python module: (JSON Lines bytes or {table: CSV bytes},
    failures)."""
    import newsrec
    parts = [] if output == "json" else {t: [] for t in TABLES}
    failed = []
    for rec in _records(lines, output):
        if isinstance(rec, newsrec.Error):
            failed.append(str(rec))
        elif output == "json":
            parts.append(rec + b"\n")
        else:
            for t in TABLES:
                parts[t].append(rec[t])
    if output == "json":
        return b"".join(parts), failed
    return {t: b"".join(parts[t]) for t in TABLES}, failed


def _by_command(lines, output, newsrec_bin):
    """A block's records through the newsrec command, on its standard input."""
    data = "".join(lines).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        args = [newsrec_bin, "-q", "--input-format", "jsonl"]
        args += ["--format", "jsonl"] if output == "json" else ["--format", "csv", "--out", tmp]
        p = subprocess.run(args, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        failed = [l[len("newsrec: error: "):] for l in p.stderr.decode("utf-8", "replace").splitlines()
                  if l.startswith("newsrec: error: ")]
        if p.returncode not in (0, 1):
            raise RuntimeError("newsrec exited %d: %s" % (p.returncode, p.stderr.decode()[-500:]))
        if output == "json":
            return p.stdout, failed
        tables = {}
        for t in TABLES:
            with open(os.path.join(tmp, t + ".csv"), "rb") as f:
                f.readline()  # each shard's header; the merge writes one
                tables[t] = f.read()
        return tables, failed


def _write(url, data):
    with fsspec.open(url, "wb") as f:
        f.write(data)


def extract_block(items, index, out, output, via, newsrec_bin):
    """One task: a block's records to its shard(s). Returns (index, records, failures), each
    failure naming the input file and the block ("-:N" in it is the record's line in the block)."""
    lines = [line for line, _ in items]
    if via == "module":
        data, failed = _by_module(lines, output)
    else:
        data, failed = _by_command(lines, output, newsrec_bin)
    if output == "json":
        _write("%s/shards/%05d.jsonl" % (out, index), data)
        records = data.count(b"\n")
    else:
        for t in TABLES:
            _write("%s/shards/%05d/%s.csv" % (out, index, t), data[t])
        records = sum(1 for line in lines if line.strip(" \t\r\n")) - len(failed)
    where = "%s, block %d" % (items[0][1], index) if items else "block %d" % index
    return index, records, ["%s: %s" % (where, f) for f in failed]


def tables_block(items, index):
    """One task for --format frames-csv/parquet: a block's records as the five DataFrames, and
    its failures."""
    import newsrec
    records, failed = [], []
    for rec in _records([line for line, _ in items], "dict"):
        if isinstance(rec, newsrec.Error):
            failed.append("%s, block %d: %s" % (items[0][1], index, rec))
        else:
            records.append(rec)
    return newsrec.tables(records), failed


def merge(out, output, blocks):
    """The shards, in block order, into one file per output (one header per table)."""
    if output == "json":
        with fsspec.open(out + "/records.jsonl", "wb") as dst:
            for i in range(blocks):
                with fsspec.open("%s/shards/%05d.jsonl" % (out, i), "rb") as src:
                    dst.write(src.read())
        return
    from newsrec import csv_header
    for t in TABLES:
        with fsspec.open("%s/tables/%s.csv" % (out, t), "wb") as dst:
            dst.write(csv_header(t))
            for i in range(blocks):
                with fsspec.open("%s/shards/%05d/%s.csv" % (out, i, t), "rb") as src:
                    dst.write(src.read())


def frames_out(bag, out, fmt):
    """--format frames-csv or parquet: each table a dask DataFrame made of the blocks' frames.
    Returns the failures."""
    import dask.dataframe as dd
    import newsrec
    meta = newsrec.tables([])
    parts = [dask.delayed(tables_block)(p, i) for i, p in enumerate(bag.to_delayed())]
    writes = []
    for t in TABLES:
        df = dd.from_delayed([dask.delayed(lambda r, t=t: r[0][t])(p) for p in parts], meta=meta[t])
        if fmt == "parquet":
            writes.append(df.to_parquet("%s/%s.parquet" % (out, t), write_index=False, compute=False))
        else:
            writes.append(df.to_csv("%s/%s/*.csv" % (out, t), index=False, compute=False))
    failures = [dask.delayed(lambda r: r[1])(p) for p in parts]
    # one graph for the five tables and the failures, so each block is extracted once
    done = dask.compute(*writes, *failures)
    return [f for block in done[len(writes):] for f in block]


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSON Lines files (paths or fsspec URLs, globs allowed)")
    ap.add_argument("--scheduler", required=True, help="the scheduler's address, tcp://HOST:PORT")
    ap.add_argument("--out", required=True, help="output directory (path or fsspec URL)")
    ap.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "frames-csv", "parquet"])
    ap.add_argument("--via", default="module", choices=["module", "command"])
    ap.add_argument("--newsrec", default="newsrec", help="the command on the workers (--via command)")
    ap.add_argument("--blocksize", default="8MiB", help="input bytes per task")
    return ap.parse_args(argv)


def main(argv=None):
    a = parse_args(argv)
    out = a.out.rstrip("/")
    with Client(a.scheduler) as client:
        bag = dask.bag.read_text(a.inputs, blocksize=a.blocksize, encoding="utf-8", include_path=True)
        if a.format in ("frames-csv", "parquet"):
            if a.format == "parquet":
                try:
                    import pyarrow  # noqa: F401
                except ImportError:
                    try:
                        import fastparquet  # noqa: F401
                    except ImportError:
                        print("dask_extract: --format parquet needs pyarrow or fastparquet", file=sys.stderr)
                        return 2
            failed = frames_out(bag, out, a.format)
            summary = "the five tables under %s" % out
        else:
            output = "json" if a.format == "jsonl" else "csv"
            tasks = [dask.delayed(extract_block)(p, i, out, output, a.via, a.newsrec)
                     for i, p in enumerate(bag.to_delayed())]
            done = sorted(client.compute(tasks, sync=True))
            merge(out, output, len(done))
            failed = [f for _, _, fs in done for f in fs]
            summary = "%d blocks, %d records" % (len(done), sum(r for _, r, _ in done))
    for f in failed:
        print("dask_extract: %s" % f, file=sys.stderr)
    print("dask_extract: %s, %d failed" % (summary, len(failed)), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
