"""io_cases.py: the input/output edges a new user meets: file names that are not UTF-8 or hold a
line break, JSON Lines with a byte-order mark, U+2028 and U+2029 in JSON, output to a named pipe,
and the structure check that keeps the code in shape. Run by run_tests.py; every input is made here."""
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARTICLE = ("Harbor board meets\n\nMayor Jo Park said on Monday that the harbor bridge will reopen "
           "in May.\n\n\u201cWe will not wait for another winter,\u201d Park told reporters.\n")
BOM = b"\xef\xbb\xbf"


def run(args, stdin=None):
    return subprocess.run(args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def utf8(data):
    """data decoded as strict UTF-8, or None."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def message_lines_ok(stderr):
    """Every message is one line of valid UTF-8 that starts with "newsrec: "."""
    text = utf8(stderr)
    return text is not None and all(line.startswith("newsrec: ") for line in text.split("\n")[:-1])


# ---- file names that are bytes ---------------------------------------------------------------

def file_names(newsrec, tmp, check):
    """A directory with Latin-1 file names (two that differ only in the invalid byte, with the
    same article) and a name with a line break: every output valid UTF-8, source with U+FFFD,
    messages one line each that still tell the files apart."""
    d = os.path.join(tmp, "names").encode()
    os.makedirs(d, exist_ok=True)
    write(os.path.join(d, b"caf\xe8.txt"), ARTICLE.encode())
    write(os.path.join(d, b"caf\xe9.txt"), ARTICLE.encode())
    write(os.path.join(d, b"two\nlines.txt"), b"")
    write(os.path.join(d, b"plain.txt"), ARTICLE.replace("Monday", "Tuesday").encode())
    p = run([newsrec, "--format", "jsonl", d])
    out, err = utf8(p.stdout), utf8(p.stderr)
    check("latin-1 names: exit 1 (the empty file), JSON Lines valid UTF-8", p.returncode == 1 and out is not None,
          (p.returncode, p.stdout[:200]))
    sources = [json.loads(l)["article"]["source"] for l in (out or "").splitlines()]
    want = os.path.join(d, b"caf\xe8.txt").decode("utf-8", "replace")
    check("latin-1 names: source has U+FFFD for the invalid byte", want in sources, sources)
    check("latin-1 names: messages are one line each, valid UTF-8", message_lines_ok(p.stderr), p.stderr[-400:])
    check("latin-1 names: the name is escaped in a warning",
          err is not None and re.search(r"caf\\xe8\.txt: the source name is not valid UTF-8", err), err)
    check("latin-1 names: the duplicate warning tells the two files apart",
          err is not None and re.search(r"caf\\xe9\.txt: same article as \S*caf\\xe8\.txt", err), err)
    check("a line break in a name is shown as \\n",
          err is not None and re.search(r"two\\nlines\.txt: .*\[empty\]", err), err)

    for dialect in ("rfc4180", "excel"):
        out_dir = os.path.join(tmp, "names-csv-" + dialect)
        p = run([newsrec, "-q", "--format", "csv", "--dialect", dialect, "--out", out_dir, d])
        tables = {t: open(os.path.join(out_dir, t), "rb").read() for t in sorted(os.listdir(out_dir))}
        check("latin-1 names: csv %s tables valid UTF-8" % dialect,
              len(tables) == 5 and all(utf8(b) is not None for b in tables.values()), list(tables))
        check("latin-1 names: csv %s source has U+FFFD" % dialect,
              "caf\ufffd.txt" in (utf8(tables.get("articles.csv", b"")) or ""))

    db = os.path.join(tmp, "names.db")
    run([newsrec, "-q", "--format", "sqlite", "--out", db, d])
    try:
        rows = [r[0] for r in sqlite3.connect(db).execute("SELECT source FROM articles")]
    except sqlite3.OperationalError as e:  # Python raises this for text that is not UTF-8
        rows = [str(e)]
    check("latin-1 names: sqlite source reads as text, with U+FFFD",
          any(r.endswith("caf\ufffd.txt") for r in rows), rows)

    pages = os.path.join(tmp, "names-html")
    run([newsrec, "-q", "--format", "html", "--out", pages, d])
    bad = [f for f in os.listdir(pages) if utf8(open(os.path.join(pages, f), "rb").read()) is None]
    check("latin-1 names: html pages and index valid UTF-8", os.listdir(pages) and not bad, bad)

    book = os.path.join(tmp, "names.xlsx")
    run([newsrec, "-q", "--format", "xlsx", "--out", book, d])
    z = zipfile.ZipFile(book)
    bad = [n for n in z.namelist() if utf8(z.read(n)) is None and n.endswith(".xml")]
    check("latin-1 names: xlsx XML valid UTF-8, source with U+FFFD",
          not bad and "caf\ufffd.txt" in z.read("xl/worksheets/sheet1.xml").decode("utf-8", "replace"), bad)
    return book


# ---- JSON Lines with a byte-order mark ----------------------------------------------------------

def bom(newsrec, tmp, check):
    records = (json.dumps({"id": "first", "text": ARTICLE}) + "\n" +
               json.dumps({"id": "second", "text": ARTICLE.replace("May", "June")}) + "\n").encode()
    f = write(os.path.join(tmp, "bom.jsonl"), BOM + records)
    for name, args, stdin in (("a file", [f], None), ("standard input", [], BOM + records),
                              ("standard input, --input-format jsonl", ["--input-format", "jsonl"], BOM + records)):
        p = run([newsrec, "--format", "jsonl"] + args, stdin=stdin)
        sources = [json.loads(l)["article"]["source"] for l in (utf8(p.stdout) or "").splitlines()]
        check("JSON Lines with a BOM, %s: both records, the first one included" % name,
              p.returncode == 0 and sources == ["first", "second"], (p.returncode, sources, p.stderr[-300:]))
    p = run([newsrec, "--format", "jsonl", "--input-format", "jsonl"], stdin=records.replace(b"\n{", b"\n" + BOM + b"{"))
    check("a BOM inside the stream (line 2) is still malformed JSON, named by its line",
          p.returncode == 1 and b"-:2: malformed JSON" in p.stderr, p.stderr[-300:])


# ---- U+2028 and U+2029 in JSON ---------------------------------------------------------------

def parse(line):
    try:
        return json.loads(line)
    except ValueError:
        return None


def line_separators(newsrec, tmp, check):
    text = ("Ferry plans\n\nThe ferry\u2028company said on Monday that it would add a crossing.\n\n"
            "\u201cWe will sail\u2029at dawn,\u201d said captain Ines Moreau.\n")
    f = write(os.path.join(tmp, "separators.txt"), text.encode())
    for fmt in ("jsonl", "json"):
        p = run([newsrec, "--format", fmt, "--with-text", f])
        raw = p.stdout
        check("%s: no raw U+2028 or U+2029, both escaped" % fmt,
              b"\xe2\x80\xa8" not in raw and b"\xe2\x80\xa9" not in raw and b"\\u2028" in raw and b"\\u2029" in raw)
        lines = raw.decode("utf-8").splitlines()  # splits on U+2028 and U+2029 too
        docs = [parse(l) for l in lines] if fmt == "jsonl" else [parse(raw)]
        check("%s: every line parses however lines are split (%d)" % (fmt, len(lines)),
              None not in docs and (fmt == "json" or len(lines) == 1))
        doc = docs[0] or {"article": {"text": ""}, "statements": []}
        decoded = doc["article"]["text"]
        at = [i for i, c in enumerate(text) if c in "\u2028\u2029"]
        check("%s: the decoded text holds both characters at their offsets" % fmt,
              decoded == text and [decoded[i] for i in at] == ["\u2028", "\u2029"], at)
        quotes = [s["text"] for s in doc["statements"]]
        check("%s: a statement keeps its U+2029" % fmt, any("\u2029" in q for q in quotes), quotes)


# ---- the structure check fails where it should -------------------------------------------------

def structure_check(tmp, check):
    """tools/check_structure.py on a small tree that breaks each rule: every breach is named."""
    src = os.path.join(tmp, "structure")
    os.makedirs(src, exist_ok=True)
    files = {
        "pipeline.c": "void nr_warn(int d)\n{\n    nr_decode(d);\n}\n",
        "decode.c": "void nr_decode(int d)\n{\n    nr_warn(d);\n}\n",
        "main.c": "int main(void)\n{\n" + "    cmd_run();\n" * 260 + "}\n",
        "run.c": "void cmd_run(void)\n{\n    if (opt->format == &format_csv)\n        return;\n}\n",
        "out_csv.c": "const format format_csv = {0};\n",
    }
    for name, body in files.items():
        write(os.path.join(src, name), body.encode())
    path = lambda n: os.path.join(src, n)
    p = run([sys.executable, os.path.join(ROOT, "tools", "check_structure.py"), "--lib", path("pipeline.c"),
             path("decode.c"), "--cmd", path("main.c"), path("run.c"), path("out_csv.c"), "--pipeline",
             path("pipeline.c")])
    out = p.stdout.decode()
    for what, pattern in (("a call into pipeline.c", r"decode\.c calls nr_warn, defined in .*pipeline\.c"),
                          ("a circle", r"a circle of calls between .*decode\.c, .*pipeline\.c"),
                          ("a long main.c", r"main\.c has 26\d lines"),
                          ("a long function", r"main\.c:1: main has 26\d lines"),
                          ("a format named outside its entry", r"run\.c:3: names format_csv"),
                          ("a comparison of formats", r"run\.c:3: compares formats")):
        check("structure check finds %s" % what, p.returncode == 1 and re.search(pattern, out), out)


def named_pipe(newsrec, tmp, check):
    """-o to a path that is no regular file ("-o /dev/null", a named pipe) writes through it: the
    usual temporary file and rename would replace the device or the pipe with a plain file."""
    src, fifo = os.path.join(tmp, "pipe-article.txt"), os.path.join(tmp, "out.fifo")
    write(src, ARTICLE.encode())
    if os.path.exists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)
    for fmt in ("jsonl", "json"):
        reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
        p = run([newsrec, "-q", "--format", fmt, "-o", fifo, src])
        try:
            data = reader.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:  # nothing ever opened the pipe to write
            reader.kill()
            data = reader.communicate()[0]
        check("-o to a named pipe, %s: exit 0 and the records come through the pipe" % fmt,
              p.returncode == 0 and b"Jo Park" in data, (p.returncode, p.stderr[-300:], data[:200]))
        check("-o to a named pipe, %s: the pipe is still a pipe, nothing left beside it" % fmt,
              stat.S_ISFIFO(os.stat(fifo).st_mode) and
              not [n for n in os.listdir(tmp) if n.startswith("out.fifo.")], os.listdir(tmp))


def run_all(newsrec, tmp, check):
    """Returns the workbook with Latin-1 names, for the LibreOffice check in interop.py."""
    book = file_names(newsrec, tmp, check)
    bom(newsrec, tmp, check)
    line_separators(newsrec, tmp, check)
    named_pipe(newsrec, tmp, check)
    structure_check(tmp, check)
    return book
