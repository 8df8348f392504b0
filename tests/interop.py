#!/usr/bin/env python3
"""interop.py: the CSV dialects and the xlsx workbook, read back by LibreOffice (headless) and libcsv, cell by cell."""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile

from run_tests import check, results, run, skip

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "interop", "spreadsheet-cells.jsonl")
TABLES = ["articles", "actors", "mentions", "statements", "events"]
GUARD = ("=", "+", "-", "@", "\t", "\r", "\n")
EXCEL_MAX_CELL = 32767
EXCEL_MAX_ROWS = 1048576
# LibreOffice's CSV import as a user meets it: UTF-8 (which the dialect's byte-order mark
# announces; headless LibreOffice ignores the mark unless told), comma, double quote, from the
# first line, and no column types given, so every cell is left to LibreOffice's type guessing.
DEFAULT_IMPORT = "CSV:44,34,76,1"
# The same with "detect special numbers" on, in two locales that read dates differently (en-GB
# day first; de-DE with 3.4.2005, "1,2" and the euro): closer to Excel, which always guesses.
STRICT_IMPORTS = {"en-GB": "CSV:44,34,76,1,,2057,false,true", "de-DE": "CSV:44,34,76,1,,1031,false,true"}


def columns_of_type(kind):
    """The columns the data package gives a type."""
    package = json.load(open(os.path.join(HERE, "..", "schema", "datapackage.json"), encoding="utf-8"))
    return {f["name"] for r in package["resources"] for f in r["schema"]["fields"] if f["type"] == kind}


# A spreadsheet shows booleans as TRUE/FALSE, and writes a decimal back without its trailing
# zero ("4.0" as 4).
BOOLEAN_COLUMNS = columns_of_type("boolean")
NUMBER_COLUMNS = columns_of_type("number")


class Office:
    """soffice --headless with a profile of its own, so runs do not share (or lock) one."""

    def __init__(self, work):
        self.profile = "file://" + os.path.join(work, "lo-profile")
        self.exe = shutil.which("soffice") or shutil.which("libreoffice")

    def convert(self, srcs, outdir, target, infilter=None):
        """Every file of srcs in one start of LibreOffice (a start costs seconds)."""
        args = [self.exe, "-env:UserInstallation=" + self.profile, "--headless"]
        if infilter:
            args.append("--infilter=" + infilter)
        args += ["--convert-to", target, "--outdir", outdir] + ([srcs] if isinstance(srcs, str) else srcs)
        return run(args, timeout=600)

    def csv_of(self, srcs, outdir, all_sheets=False, infilter=DEFAULT_IMPORT):
        """srcs (a file or a list) as CSV the way LibreOffice reads them (CSV files with infilter),
        written back as UTF-8 CSV with formulas as their results."""
        opts = "44,34,76,1,,0,false,true,false,false,false" + (",-1" if all_sheets else "")
        xlsx = (srcs if isinstance(srcs, str) else srcs[0]).endswith(".xlsx")
        return self.convert(srcs, outdir, "csv:Text - txt - csv (StarCalc):" + opts, None if xlsx else infilter)


def cells(csvcheck, path):
    """Every row of a CSV file as read by libcsv (strict)."""
    p = run([csvcheck, "--dump", path])
    if p.returncode != 0:
        raise RuntimeError("%s: %s" % (path, p.stderr.decode()))
    return [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]


def newsrec_tables(newsrec, inputs, out, *extra):
    p = run([newsrec, "--format", "csv", "--out", out] + list(extra) + inputs)
    return p, {t: os.path.join(out, t + ".csv") for t in TABLES}


def formula_text(cell):
    """What a spreadsheet shows for one of the Excel dialect's own formulas ="..."&CHAR(10)&...,
    or None when the cell is not one."""
    m = re.fullmatch(r'=((?:"(?:[^"]|"")*"|CHAR\((?:10|13)\))(?:&(?:"(?:[^"]|"")*"|CHAR\((?:10|13)\)))*)', cell, re.S)
    if not m:
        return None
    parts = re.findall(r'"((?:[^"]|"")*)"|CHAR\((\d+)\)', m.group(1), re.S)
    return "".join(chr(int(code)) if code else text.replace('""', '"') for text, code in parts)


def compare(name, want, got):
    """Row counts equal and every cell equal; a boolean column as a spreadsheet writes it back
    (TRUE/FALSE), a decimal by its value. Reports the first few differences."""
    check("%s: %d rows" % (name, len(want)), len(want) == len(got), "got %d" % len(got))
    header = want[0] if want else []
    bad = []
    for i, (rw, rg) in enumerate(zip(want[1:], got[1:]), 2):
        for col, w, g in zip(header, rw, rg):
            if col in BOOLEAN_COLUMNS:
                g = {"TRUE": "true", "FALSE": "false"}.get(g, g)
            if col in NUMBER_COLUMNS and w and g and re.fullmatch(r"-?[0-9.]+", g):
                g = w if float(g) == float(w) else g
            if w != g:
                bad.append((i, col, w[:60], g[:60]))
        if len(rw) != len(rg):
            bad.append((i, "columns", len(rw), len(rg)))
    check("%s: cells equal" % name, not bad, "%d differ, first %s" % (len(bad), bad[:3]))


def utf16_prefix(s, limit):
    """The longest prefix of s within limit UTF-16 code units."""
    units = 0
    for i, ch in enumerate(s):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return s[:i]
    return s


# ---- the two dialects, byte for byte --------------------------------------------------------

def test_dialects(newsrec, csvcheck, work):
    p, rfc = newsrec_tables(newsrec, [FIXTURE], os.path.join(work, "rfc"))
    check("rfc4180 export exits 0", p.returncode == 0, p.stderr.decode())
    p, xl = newsrec_tables(newsrec, [FIXTURE], os.path.join(work, "excel"), "--dialect", "excel")
    check("excel export exits 0", p.returncode == 0, p.stderr.decode())
    p2, rfc2 = newsrec_tables(newsrec, [FIXTURE], os.path.join(work, "rfc2"), "--dialect", "rfc4180")
    check("--dialect rfc4180 is the default", all(
        open(rfc[t], "rb").read() == open(rfc2[t], "rb").read() for t in TABLES))
    starts, wrapped = set(), {}
    for t in TABLES:
        raw_rfc, raw_xl = open(rfc[t], "rb").read(), open(xl[t], "rb").read()
        check("rfc4180 %s.csv: no BOM, LF line ends" % t,
              not raw_rfc.startswith(b"\xef\xbb\xbf") and raw_rfc.endswith(b"\n") and b"\r\n" not in raw_rfc)
        want, got = cells(csvcheck, rfc[t]), cells(csvcheck, xl[t])
        rows_ending_crlf = raw_xl.count(b"\r\n")
        check("excel %s.csv: BOM, and a CRLF for each of its %d rows" % (t, len(got)),
              raw_xl.startswith(b"\xef\xbb\xbf") and raw_xl.endswith(b"\r\n") and rows_ending_crlf >= len(got),
              (raw_xl[:3], rows_ending_crlf))
        got[0][0] = got[0][0].replace("\ufeff", "")
        check("excel %s.csv: every cell is the rfc4180 text, or a formula of ours that gives it back" % t,
              excel_cells_ok(want, got, wrapped), excel_cells_ok(want, got, {}, report=True))
        starts |= {c[0] for row in want[1:] for c in [x for x in row if x]}
    # The fixture must exercise every guard it claims to test, or the comparisons prove nothing.
    for mark in "=+-@":
        check("the fixture has a cell starting with %r" % mark, mark in starts)
    for kind in ("a formula start", "a value"):
        check("the fixture has cells wrapped as %s" % kind, wrapped.get(kind, 0) >= 3, wrapped)
    return rfc, xl


def excel_cells_ok(want, got, wrapped, report=False):
    """Each Excel-dialect cell equals its RFC 4180 cell, or is our formula that gives it back (and
    so is every '=' cell: no formula of the article's), or, for text that starts like a formula
    and is too long for one, the text behind a "'". Counts the wrapped cells by kind."""
    bad = []
    for rw, rg in zip(want[1:], got[1:]):
        for w, g in zip(rw, rg):
            shown = formula_text(g)
            if shown is not None and shown == w:
                kind = "a formula start" if w.startswith(GUARD) else "a value"
                wrapped[kind] = wrapped.get(kind, 0) + 1
            elif g != w and not (g == "'" + w and w.startswith(GUARD) and len(w) > 4000):
                bad.append((w[:40], g[:60]))
            elif g.startswith("="):
                bad.append(("an article's formula", g[:60]))
    if report:
        return bad[:3]
    return len(want) == len(got) and not bad


# ---- LibreOffice reads what was meant -------------------------------------------------------

def test_libreoffice_csv(office, csvcheck, rfc, xl, work, name, imports=None):
    """LibreOffice opens each Excel-dialect table with its default import (and any other imports
    given) and shows every cell as the text of the RFC 4180 export."""
    for label, infilter in dict({"default import": DEFAULT_IMPORT}, **(imports or {})).items():
        out = os.path.join(work, "lo-%s-%s" % (name, label.replace(" ", "-")))
        p = office.csv_of([xl[t] for t in TABLES], out, infilter=infilter)
        for t in TABLES:
            if not check("%s: LibreOffice (%s) converts excel %s.csv" % (name, label, t), p.returncode == 0 and
                         os.path.exists(os.path.join(out, t + ".csv")), p.stderr.decode()[-300:]):
                continue
            compare("%s: LibreOffice (%s) reads excel %s.csv" % (name, label, t), cells(csvcheck, rfc[t]),
                    cells(csvcheck, os.path.join(out, t + ".csv")))


def test_guard_is_needed(office, csvcheck, rfc, work):
    """Without the dialect LibreOffice runs the article's formula and turns codes, ids and dates
    into numbers: the checks above can fail."""
    out = os.path.join(work, "lo-unguarded")
    office.csv_of(rfc["statements"], out)
    texts = [row[8] for row in cells(csvcheck, os.path.join(out, "statements.csv"))[1:]]
    want = [row[8] for row in cells(csvcheck, rfc["statements"])[1:]]
    formula = [w for w in want if w.startswith("=")]
    check("an unguarded '=' cell is evaluated by LibreOffice",
          formula and not any(t == formula[0] for t in texts), (formula[:1], texts[:1]))
    changed = {}
    office.csv_of([rfc[t] for t in ("articles", "events")], out)
    for t in ("articles", "statements", "events"):
        want, got = cells(csvcheck, rfc[t]), cells(csvcheck, os.path.join(out, t + ".csv"))
        for rw, rg in zip(want[1:], got[1:]):
            for col, w, g in zip(want[0], rw, rg):
                if w != g and col not in BOOLEAN_COLUMNS:
                    changed.setdefault(col, (w, g))
    check("LibreOffice's default import changes unwrapped codes, source names and quotations",
          {"cameo", "source", "text"} <= set(changed), changed)


def xlsx_sheets(path):
    """Sheet names in order and, per sheet file, its XML."""
    z = zipfile.ZipFile(path)
    names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    return names, z


def compare_workbook(office, csvcheck, path, rfc, work, name):
    """LibreOffice opens the workbook and gives back, sheet by sheet, the RFC 4180 tables."""
    out = os.path.join(work, "lo-%s-xlsx" % name)
    p = office.csv_of(path, out, all_sheets=True)
    check("%s: LibreOffice opens the workbook" % name, p.returncode == 0, p.stderr.decode()[-300:])
    stem = os.path.splitext(os.path.basename(path))[0]
    for t in TABLES:
        got = os.path.join(out, "%s-%s.csv" % (stem, t))
        if check("%s: sheet %s converted" % (name, t), os.path.exists(got)):
            compare("%s: xlsx sheet %s against the CSV export" % (name, t), cells(csvcheck, rfc[t]),
                    cells(csvcheck, got))


def test_xlsx(newsrec, office, csvcheck, rfc, work):
    path = os.path.join(work, "fixture.xlsx")
    p = run([newsrec, "--format", "xlsx", "--out", path, FIXTURE])
    check("xlsx export exits 0", p.returncode == 0, p.stderr.decode())
    check("xlsx: no temporary file left", os.path.exists(path) and
          not [f for f in os.listdir(work) if f.startswith("fixture.xlsx.tmp")])
    time.sleep(1.1)  # a workbook dated with the clock would now differ
    again = os.path.join(work, "fixture-j2.xlsx")
    run([newsrec, "--jobs", "2", "--format", "xlsx", "--out", again, FIXTURE])
    check("xlsx: the same bytes on a later run with --jobs 2", open(path, "rb").read() == open(again, "rb").read())
    names, z = xlsx_sheets(path)
    check("xlsx: the five sheets in order", names == TABLES, names)
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    check("xlsx: header row frozen", 'state="frozen"' in sheet and 'topLeftCell="A2"' in sheet)
    articles = sum(1 for line in open(FIXTURE, encoding="utf-8") if line.strip())
    check("xlsx: autofilter over the table", '<autoFilter ref="A1:K%d"/>' % (articles + 1) in sheet, sheet[:300])
    check("xlsx: fitted column widths", "<cols>" in sheet and 'customWidth="1"' in sheet)
    check("xlsx: header bold", "<b/>" in z.read("xl/styles.xml").decode())
    row2 = re.search(r'<row r="2".*?</row>', sheet).group(0)
    check("xlsx: ids are text, counts are numbers",
          re.search(r'<c r="A2"[^>]*t="inlineStr"', row2) and re.search(r'<c r="G2"[^>]*><v>\d+</v>', row2),
          row2[:300])
    events = z.read("xl/worksheets/sheet5.xml").decode()
    fields = [f["name"] for r in json.load(open(os.path.join(HERE, "..", "schema", "datapackage.json")))["resources"]
              if r["name"] == "events" for f in r["schema"]["fields"]]
    negated = chr(ord("A") + fields.index("negated"))
    check("xlsx: negated is a boolean", re.search(r'<c r="%s2"[^>]*t="b"' % negated, events), events[:0])
    check("xlsx: long text wraps", re.search(r"<xf [^>]*applyAlignment[^>]*>\s*<alignment[^>]*wrapText=\"1\"",
                                              z.read("xl/styles.xml").decode()))
    compare_workbook(office, csvcheck, path, rfc, work, "fixture")


def test_latin1_name(newsrec, office, csvcheck, work):
    """A file name in Latin-1 (bytes that are not UTF-8): LibreOffice opens the workbook, and its
    source cell holds U+FFFD where the byte was."""
    d = os.path.join(work, "latin1").encode()
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write("Cafe opens\n\nThe cafe opened on Monday, said owner Rosa Lind.\n")
    path = os.path.join(work, "latin1.xlsx")
    p = run([newsrec, "-q", "--format", "xlsx", "--out", path, d])
    check("latin-1 name: xlsx export exits 0", p.returncode == 0, p.stderr.decode())
    out = os.path.join(work, "lo-latin1")
    p = office.csv_of(path, out, all_sheets=True)
    got = os.path.join(out, "latin1-articles.csv")
    rows = cells(csvcheck, got) if p.returncode == 0 and os.path.exists(got) else []
    check("latin-1 name: LibreOffice opens the workbook, source with U+FFFD",
          len(rows) == 2 and rows[1][1].endswith("caf\ufffd.txt"), rows[1:] or p.stderr.decode()[-300:])


# ---- Excel's limits -------------------------------------------------------------------------

def test_long_cell(newsrec, office, csvcheck, work):
    """A quotation of 48,000 UTF-16 code units (emoji are two) is cut to fit, with a warning."""
    quote = "a\U0001F600 " * 12000
    article = {"id": "long-quote", "text": "Long quote\n\n\"%s,\" said Ruth Abara." % quote.strip()}
    src = os.path.join(work, "long.jsonl")
    with open(src, "w", encoding="utf-8") as f:
        f.write(json.dumps(article) + "\n")
    p, rfc = newsrec_tables(newsrec, [src], os.path.join(work, "long-rfc"))
    full = [row[8] for row in cells(csvcheck, rfc["statements"])[1:]]
    check("long quote: one statement of over 32,767 characters", len(full) == 1 and len(full[0]) > 30000,
          [len(x) for x in full])
    check("rfc4180 never cuts a cell", b"cut" not in p.stderr, p.stderr.decode())
    p, xl = newsrec_tables(newsrec, [src], os.path.join(work, "long-xl"), "--dialect", "excel")
    cut = [row[8] for row in cells(csvcheck, xl["statements"])[1:]]
    check("excel: the long cell is cut to 32,767 UTF-16 code units, between code points",
          full and cut == [utf16_prefix(full[0], EXCEL_MAX_CELL)], [len(x) for x in cut])
    check("excel: the cut is a warning naming the article and the table",
          "long.jsonl:1: 1 statements.csv cell over 32767 characters cut" in p.stderr.decode(), p.stderr.decode())
    xlsx = os.path.join(work, "long.xlsx")
    p = run([newsrec, "--format", "xlsx", "--out", xlsx, src])
    check("xlsx: the cut is a warning", "long.jsonl:1: 1 cell over 32767 characters cut" in p.stderr.decode(),
          p.stderr.decode())
    out = os.path.join(work, "lo-long")
    office.csv_of(xlsx, out, all_sheets=True)
    got = [row[8] for row in cells(csvcheck, os.path.join(out, "long-statements.csv"))[1:]]
    check("xlsx: LibreOffice reads the cut cell", full and got == [utf16_prefix(full[0], EXCEL_MAX_CELL)],
          [len(x) for x in got])


def count_rows(z, member):
    """<row> elements of a sheet, counted as the XML streams (split tags included)."""
    n, tail = 0, b""
    with z.open(member) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            data = tail + chunk
            n += data.count(b"<row ")
            tail = data[-4:]
    return n


def test_row_limit(newsrec, work):
    """1,080,000 mentions: past a sheet's last row. The CSV warns; the workbook goes on in a second sheet."""
    names = ["Anna Berg", "Carl Dahl", "Ines Moreau", "Tomas Novak", "Lena Fischer", "Marco Rossi"]
    src = os.path.join(work, "rows.jsonl")
    with open(src, "w") as f:
        for i in range(180):
            sents = ["%s met %s in Oslo on day %d." % (names[j % 6], names[(j + 1) % 6], j) for j in range(2000)]
            text = "Meeting log %d\n\n" % i + "\n\n".join(" ".join(sents[k:k + 20]) for k in range(0, 2000, 20))
            f.write(json.dumps({"id": "log-%d" % i, "text": text}) + "\n")
    p, xl = newsrec_tables(newsrec, [src], os.path.join(work, "rows-xl"), "--dialect", "excel")
    lines = [l for l in p.stderr.decode().splitlines() if "passes" in l]
    check("excel: one warning when mentions.csv passes 1,048,576 rows",
          len(lines) == 1 and "mentions.csv: passes 1048576 rows at" in lines[0], lines)
    mentions = sum(1 for _ in open(xl["mentions"], "rb"))
    check("excel: every row is still written", mentions == 6000 * 180 + 1, mentions)
    p, _ = newsrec_tables(newsrec, [src], os.path.join(work, "rows-rfc"))
    check("rfc4180: no spreadsheet warning", b"passes" not in p.stderr, p.stderr.decode())
    path = os.path.join(work, "rows.xlsx")
    p = run([newsrec, "--format", "xlsx", "--out", path, src])
    check("xlsx: a warning names the sheet the table goes on in",
          "table mentions passes 1048576 rows at" in p.stderr.decode() and "sheet 'mentions 2'" in p.stderr.decode(),
          p.stderr.decode())
    sheets, z = xlsx_sheets(path)
    check("xlsx: sheet 'mentions 2' after the five", sheets == TABLES + ["mentions 2"], sheets)
    full, rest = count_rows(z, "xl/worksheets/sheet3.xml"), count_rows(z, "xl/worksheets/sheet6.xml")
    check("xlsx: the first mentions sheet is full, the second has the rest and a header",
          full == EXCEL_MAX_ROWS and rest == 6000 * 180 - (EXCEL_MAX_ROWS - 1) + 1, (full, rest))


# ---- the BBC corpus -------------------------------------------------------------------------

def test_bbc(newsrec, office, csvcheck, shared, work):
    bbc = os.path.join(shared, "corpus", "bbc")
    p, rfc = newsrec_tables(newsrec, [bbc], os.path.join(work, "bbc-rfc"), "-q")
    p, xl = newsrec_tables(newsrec, [bbc], os.path.join(work, "bbc-xl"), "-q", "--dialect", "excel")
    check("bbc: excel export exits 0", p.returncode == 0, p.stderr.decode())
    test_libreoffice_csv(office, csvcheck, rfc, xl, work, "bbc", STRICT_IMPORTS)
    path = os.path.join(work, "bbc.xlsx")
    p = run([newsrec, "-q", "--format", "xlsx", "--out", path, bbc])
    check("bbc: xlsx export exits 0", p.returncode == 0, p.stderr.decode())
    compare_workbook(office, csvcheck, path, rfc, work, "bbc")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--newsrec", required=True)
    ap.add_argument("--csvcheck", required=True)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    a = ap.parse_args()
    newsrec, csvcheck = os.path.abspath(a.newsrec), os.path.abspath(a.csvcheck)
    with tempfile.TemporaryDirectory() as work:
        office = Office(work)
        if not office.exe:
            check("LibreOffice (soffice) is installed; ci/dev.sh installs libreoffice-calc-nogui", False)
        else:
            rfc, xl = test_dialects(newsrec, csvcheck, work)
            test_libreoffice_csv(office, csvcheck, rfc, xl, work, "fixture", STRICT_IMPORTS)
            test_guard_is_needed(office, csvcheck, rfc, work)
            test_xlsx(newsrec, office, csvcheck, rfc, work)
            test_latin1_name(newsrec, office, csvcheck, work)
            test_long_cell(newsrec, office, csvcheck, work)
            test_row_limit(newsrec, work)
            if os.path.isdir(os.path.join(a.shared, "corpus", "bbc")):
                test_bbc(newsrec, office, csvcheck, a.shared, work)
            else:
                skip("bbc interop", "%s not found" % a.shared)
    print("interop: %d passed, %d failed, %d skipped" % (results["passed"], results["failed"], results["skipped"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
