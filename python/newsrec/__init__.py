"""newsrec: news articles in, their actors, statements and events out, as dicts and pandas tables (over libnewsrec)."""
import collections
import concurrent.futures
import json
import os
import stat
import threading
import warnings

from ._errors import Error
from ._native import Context, csv_header, wire

__all__ = ["Error", "Context", "default_context", "extract", "extract_many", "read", "tables", "csv_header", "DuplicateWarning",
           "SkippedWarning"]
__version__ = "0.1.0"

# JSON Lines files are told by their extension, as the command tells them.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# The command's default for one JSON Lines record (max_line_bytes, 64 MiB).
MAX_LINE_BYTES = 64 << 20


class DuplicateWarning(UserWarning):
    """read() met an article it had already yielded (same article id) and yielded it once."""


class SkippedWarning(UserWarning):
    """errors="skip": an input failed, was reported and left out; the others went on."""


_default = None
_default_lock = threading.Lock()


def default_context():
    """The process's shared Context with the default settings, built on first use (its lexicons
    are large: build them once per process, e.g. once per Dask worker)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Context()
        return _default


def _context_for(events, with_text):
    """The shared context for the default settings, else a context of their own."""
    return default_context() if (events, with_text) == ("verbs", False) else Context(events, with_text)


def extract(text, id=None, date=None, url=None, title=None, source=None, output="dict"):
    """One article's record, the document `newsrec --format json` writes for it.

    text is a str (Unicode text, read as a JSON Lines record's text is) or bytes (a file's raw
    bytes, whose encoding the library detects as it does for files). id, date, url and title are
    the JSON Lines record's fields; source (default: id) becomes article.source. output="json"
    gives the document's JSON text instead (a line of --format jsonl, bytes), "csv" its rows of
    the five tables as --format csv writes them ({table: bytes}). Raises Error."""
    return default_context().extract(text, source=source, id=id, date=date, url=url, title=title, output=output)


def _as_task(item):
    """An item of extract_many as the spec Context.run_many takes."""
    if isinstance(item, (str, bytes, bytearray, memoryview)):
        return ("text", item, None, None, None, None, None)
    if isinstance(item, dict):
        if "text" not in item:
            raise Error("input", "a dict item has no \"text\" key")
        known = {"text", "id", "date", "url", "title", "source"}
        unknown = sorted(set(item) - known)
        if unknown:
            raise Error("input", "a dict item has unknown keys: %s" % ", ".join(unknown))
        return ("text", item["text"], item.get("source"), item.get("id"), item.get("date"), item.get("url"),
                item.get("title"))
    raise Error("input", "items must be str, bytes or dict, not %s" % type(item).__name__)


# Tasks go to the threads in chunks: a future per article cost more in thread hand-offs than
# the article's JSON parsing (measured on the BBC corpus); 16 keeps memory small.
CHUNK = 16


def _ordered(tasks, jobs, errors, ctx, output):
    """Runs the tasks (specs of Context.run_many, or an Error to report in its place) on jobs
    threads and yields their results in input order, as dicts when output is "dict"; at most
    2 * jobs chunks are in flight, so memory is bounded whatever the input's length."""
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise ValueError("jobs must be 0 (one per core) or more")
    decode = json.loads if output == "dict" else None

    wired = wire(output)

    def call(chunk):
        specs = [t for t in chunk if not isinstance(t, Error)]
        done = iter(ctx.run_many(specs, wired))
        return [t if isinstance(t, Error) else next(done) for t in chunk]

    def settle(future):
        for result in future.result():
            if isinstance(result, Error):
                if errors == "raise":
                    raise result
                warnings.warn(str(result), SkippedWarning, stacklevel=4)
            else:
                yield decode(result) if decode else result

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        window = collections.deque()
        chunk = []
        for task in tasks:
            chunk.append(task)
            if len(chunk) == CHUNK:
                window.append(pool.submit(call, chunk))
                chunk = []
                if len(window) >= 2 * jobs:
                    yield from settle(window.popleft())
        if chunk:
            window.append(pool.submit(call, chunk))
        while window:
            yield from settle(window.popleft())


def extract_many(items, jobs=1, errors="raise", events="verbs", with_text=False, output="dict"):
    """Yields the record of each item, in input order.

    An item is a str or bytes (as extract's text) or a dict with "text" and any of "id", "date",
    "url", "title", "source". jobs threads extract at once (0: one per core); the result is the
    same for any jobs. errors="raise" stops at the first failing item with its Error; "skip"
    warns (SkippedWarning) and goes on. events="all" also codes event nouns (--events all);
    with_text adds article.text (--with-text); output is as in extract."""
    ctx = _context_for(events, with_text)

    wire(output)  # a bad output fails here, not at the first record

    def tasks():
        for item in items:
            try:
                yield _as_task(item)
            except Error as e:
                yield e

    return _ordered(tasks(), jobs, errors, ctx, output)


def _walk(path, parents=()):
    """The files under path in the command's order (byte-sorted names, hidden ones left out),
    or an Error in place of what cannot be read: a symbolic link loop, a FIFO, a device."""
    try:
        st = os.stat(path)
    except OSError as e:
        yield Error("file", "%s: %s" % (path, e.strerror))
        return
    if stat.S_ISREG(st.st_mode):
        yield path
    elif not stat.S_ISDIR(st.st_mode):
        yield Error("file", "%s: not a regular file or directory; skipped" % path)
    elif (st.st_dev, st.st_ino) in parents:
        yield Error("file", "%s: symbolic link loop: a directory inside itself; skipped" % path)
    else:
        try:
            names = sorted((n for n in os.listdir(path) if not n.startswith(".")), key=os.fsencode)
        except OSError as e:
            yield Error("file", "%s: %s" % (path, e.strerror))
            return
        for n in names:
            yield from _walk(path + ("" if path.endswith("/") else "/") + n, parents + ((st.st_dev, st.st_ino),))


def _file_tasks(path):
    """One task per article in a file: the file itself, or each non-blank JSON Lines record."""
    try:
        f = open(path, "rb")
    except OSError as e:
        yield Error("file", "%s: %s" % (path, e.strerror))
        return
    with f:
        if not path.endswith(JSONL_SUFFIXES):
            try:
                data = f.read()
            except OSError as e:
                yield Error("io", "%s: %s" % (path, e.strerror))
                return
            yield ("text", data, os.fsencode(path), None, None, None, None)
            return
        for lineno, line in enumerate(f, 1):
            line = line[:-1] if line.endswith(b"\n") else line
            line = line[:-1] if line.endswith(b"\r") else line
            if not line.strip(b" \t"):
                continue
            if len(line) > MAX_LINE_BYTES:
                yield Error("limit", "%s:%d: line of %d bytes, over the limit max_line_bytes (%d)"
                            % (path, lineno, len(line), MAX_LINE_BYTES))
                continue
            yield ("jsonl", line, os.fsencode(path), lineno)


def read(paths, jobs=1, errors="raise", events="verbs", with_text=False):
    """Yields the records of files, directories (walked in byte-sorted order, hidden names left
    out) and JSON Lines files (.jsonl, .ndjson: an article per line), as the command reads them:
    the same sources, the same order, an article met twice (same id) yielded once with a
    DuplicateWarning. paths is one path or a list. jobs, errors, events and with_text are as in
    extract_many."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    ctx = _context_for(events, with_text)

    def tasks():
        for p in paths:
            for f in _walk(os.fspath(p)):
                if isinstance(f, Error):
                    yield f
                else:
                    yield from _file_tasks(f)

    seen = {}
    for rec in _ordered(tasks(), jobs, errors, ctx, "dict"):
        art = rec["article"]
        if art["id"] in seen:
            warnings.warn("%s: same article as %s (id %s); exported once"
                          % (art["source"], seen[art["id"]], art["id"]), DuplicateWarning, stacklevel=2)
            continue
        seen[art["id"]] = art["source"]
        yield rec


def tables(records_or_paths, jobs=1):
    """The five tables (articles, actors, mentions, statements, events) as a dict of pandas
    DataFrames with the columns of the CSV data package (schema/datapackage.json): strings and
    integers nullable ("string", "Int64"), goldstein "Float64", flags "boolean", ids and CAMEO
    codes as strings, published and date as datetime64 (a month or year as its first day; events
    keep date_precision). records_or_paths: an iterable of records (dicts from extract, read or
    extract_many), or paths as read() takes them."""
    from ._tables import frames
    if isinstance(records_or_paths, (str, os.PathLike, dict)):
        records_or_paths = [records_or_paths]
    items = list(records_or_paths) if not isinstance(records_or_paths, list) else records_or_paths
    if items and all(isinstance(x, (str, os.PathLike)) for x in items):
        items = read(items, jobs=jobs)
    return frames(items)
