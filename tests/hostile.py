#!/usr/bin/env python3
"""hostile.py: the catalogue of hostile inputs and faults, generated at test time; each case names its error classes, exit code and the good records that must still come out."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

# Our own articles; every case runs one of them beside its hostile input.
GOOD = ("Mayor Jo Park said on Monday that the harbor bridge will reopen in May.\n\n"
        "\u201cWe will not wait for another winter,\u201d Park told reporters at City Hall.\n")
# Text for the encoding cases: not GOOD itself, which would be the same article (same id).
ENC = GOOD + "Park, who is 58, is serving a second term.\n"
GOOD2 = ("The Harbor Council voted to raise the ferry fare by 50 cents, "
         "council chair Rosa Delgado said.\n")

ERROR_LINE = re.compile(r"^newsrec: error: (.*?): (.*) \[([a-z-]+)\]$")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jline(**fields):
    return json.dumps(fields, ensure_ascii=False) + "\n"


def docs_of(out):
    return [json.loads(x) for x in out.decode("utf-8").splitlines() if x.strip()]


def errors_of(err):
    """(where, class) of every error line, and the lines that are neither errors nor warnings."""
    found, other = [], []
    for line in err.decode("utf-8", "replace").splitlines():
        m = ERROR_LINE.match(line)
        if m:
            found.append((m.group(1), m.group(3)))
        elif not line.startswith(("newsrec: warning: ", "newsrec: summary: ")):
            other.append(line)
    return found, other


class Catalogue:
    def __init__(self, newsrec, tmp, check, skip, jobs):
        self.tmp, self.skip = tmp, skip
        # Every case runs with the given number of worker threads and must give the same result.
        self.newsrec = [newsrec] + (["--jobs", str(jobs)] if jobs > 1 else [])
        self.check = check if jobs == 1 else lambda name, *a: check("-j%d %s" % (jobs, name), *a)
        self.count = 0
        self.good = write(os.path.join(tmp, "good", "good.txt"), GOOD)
        self.good2 = write(os.path.join(tmp, "good", "good2.txt"), GOOD2)

    def path(self, case, name):
        return os.path.join(self.tmp, "cases", case, name)

    def run(self, args, **kw):
        return subprocess.run(self.newsrec + ["--format", "jsonl"] + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=600, **kw)

    def expected_docs(self, good_args, flags=()):
        """What the good inputs give on their own: the records the hostile run must also give."""
        p = self.run(["-q"] + list(flags) + good_args)
        assert p.returncode == 0, p.stderr
        return docs_of(p.stdout)

    def case(self, name, args, rc, errors=(), good=None, warning=None, check_docs=None, flags=()):
        """Runs newsrec on args; errors lists (where, class) exactly; good lists inputs whose
        records must all be exported unchanged: by default the good article, added to args;
        given, they are inputs that hold the same records as good parts of args."""
        self.count += 1
        want = self.expected_docs(good or [self.good], flags)
        p = self.run(list(flags) + args + ([self.good] if good is None else []))
        docs = docs_of(p.stdout)
        found, other = errors_of(p.stderr)
        detail = p.stderr.decode("utf-8", "replace")[-600:]
        self.check("hostile %s: exit %d" % (name, rc), p.returncode == rc,
                   "got %d: %s" % (p.returncode, detail))
        self.check("hostile %s: errors %s" % (name, list(errors)),
                   sorted(found) == sorted(errors) and not other, detail)
        by_id = {d["article"]["id"]: d for d in docs}
        self.check("hostile %s: good records exported" % name,
                   all(by_id.get(d["article"]["id"]) == d for d in want), detail)
        if warning:
            self.check("hostile %s: warns '%s'" % (name, warning), warning in p.stderr.decode(), detail)
        if check_docs:
            self.check("hostile %s: records" % name, check_docs(docs), [d["article"] for d in docs][:2])
        return p

    # ---- files ---------------------------------------------------------------------------

    def files(self):
        c = "files"
        empty = write(self.path(c, "empty.txt"), b"")
        self.case("empty file", [empty], 1, [(empty, "empty")])
        blank = write(self.path(c, "blank.txt"), " \t\r\n\n\u00a0\u2003\n")
        self.case("whitespace only", [blank], 1, [(blank, "empty")])
        missing = self.path(c, "missing.txt")
        self.case("missing file", [missing], 1, [(missing, "file")])
        dangling = self.path(c, "dangling.txt")
        os.symlink("no-such-target.txt", dangling)
        p = self.case("dangling symlink", [dangling], 1, [(dangling, "file")])
        self.check("hostile dangling symlink: says so", b"dangling symbolic link" in p.stderr)
        loop = self.path(c, "loop-a.txt")
        os.symlink("loop-b.txt", loop)
        os.symlink("loop-a.txt", self.path(c, "loop-b.txt"))
        self.case("symlink loop", [loop], 1, [(loop, "file")])
        tree = self.path(c, "tree")
        write(os.path.join(tree, "a", "article.txt"), GOOD2)
        os.symlink("..", os.path.join(tree, "a", "up"))
        os.symlink(".", os.path.join(tree, "a", "here"))
        self.case("directory symlink loops", [tree, self.good], 1,
                  [(os.path.join(tree, "a", "here"), "file"), (os.path.join(tree, "a", "up"), "file")],
                  good=[self.good, os.path.join(tree, "a", "article.txt")])
        os.makedirs(self.path(c, "empty-dir"))
        self.case("empty directory", [self.path(c, "empty-dir")], 0)
        fifo = self.path(c, "pipe.txt")
        os.mkfifo(fifo)
        self.case("FIFO", [fifo], 1, [(fifo, "file")])
        self.case("device", ["/dev/null"], 1, [("/dev/null", "file")])
        elf = write(self.path(c, "tool"), open(sys.executable, "rb").read(65536))
        self.case("ELF binary", [elf], 1, [(elf, "not-text")])
        nul = write(self.path(c, "nul.txt"), b"Some text\x00 with a NUL byte early on.\n")
        self.case("NUL byte near the start", [nul], 1, [(nul, "not-text")])
        late = write(self.path(c, "late-nul.txt"), GOOD2 * 120 + "a\x00b.\n")
        self.case("NUL byte after 8 KB", [late], 0, warning="control characters replaced")
        self.case("read error", ["/proc/self/mem"], 1, [("/proc/self/mem", "io")])
        self.unreadable(c)

    def unreadable(self, c):
        secret = write(self.path(c, "secret.txt"), GOOD2)
        os.chmod(secret, 0)
        locked = self.path(c, "locked")
        write(os.path.join(locked, "inside.txt"), GOOD2)
        os.chmod(locked, 0)
        # Root reads everything; drop to nobody (setpriv, util-linux) to meet EACCES.
        cmd = self.newsrec + ["--format", "jsonl", secret, locked, self.good]
        if os.geteuid() == 0:
            drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            if not shutil.which("setpriv") or subprocess.run(drop + ["true"]).returncode != 0:
                return self.skip("hostile unreadable", "running as root and cannot drop to nobody")
            cmd = drop + cmd
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        self.count += 2
        found, other = errors_of(p.stderr)
        self.check("hostile unreadable file and directory: exit 1, both named",
                   p.returncode == 1 and sorted(found) == [(locked, "file"), (secret, "file")]
                   and not other, p.stderr)
        self.check("hostile unreadable: the good article exported",
                   docs_of(p.stdout) == self.expected_docs([self.good]), p.stdout[:200])

    # ---- encodings -----------------------------------------------------------------------

    def encodings(self):
        c = "encodings"

        def text_is(enc):
            return lambda docs: any(d["article"]["encoding"] == enc and d["article"]["text"] == ENC
                                    for d in docs)

        bom = write(self.path(c, "bom.txt"), b"\xef\xbb\xbf" + ENC.encode())
        self.case("UTF-8 with BOM", [bom], 0, flags=["--with-text"], check_docs=text_is("utf-8"))
        for enc, bom_bytes in (("utf-16le", b"\xff\xfe"), ("utf-16be", b"\xfe\xff")):
            f = write(self.path(c, enc + ".txt"), bom_bytes + ENC.encode(enc))
            self.case("UTF-16 %s with BOM" % enc[-2:].upper(), [f], 0, flags=["--with-text"], check_docs=text_is(enc))
        cp = write(self.path(c, "cp1252.txt"), ENC.replace("\u201c", "\x93").replace("\u201d", "\x94")
                   .encode("latin-1"))
        self.case("windows-1252", [cp], 0, flags=["--with-text"], check_docs=text_is("windows-1252"),
                  warning="decoded as windows-1252")
        overlong = write(self.path(c, "overlong.txt"), b"Mayor Jo Park \xc0\xaf said \xe0\x80\xaf hello.\n")
        self.case("overlong UTF-8 sequences", [overlong], 0, flags=["--with-text"], warning="invalid UTF-8 at byte 14",
                  check_docs=lambda docs: any("\ufffd" not in d["article"].get("text", "x") and
                                              d["article"]["encoding"] == "windows-1252" for d in docs))
        junk = write(self.path(c, "junk.txt"), bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x41]) * 400)
        self.case("bytes that are neither UTF-8 nor windows-1252", [junk], 1, [(junk, "not-text")])
        lone = write(self.path(c, "lone-surrogate-16.txt"),
                     b"\xff\xfe" + "Jo Park said ".encode("utf-16le") + b"\x00\xd8" + "hello.".encode("utf-16le"))
        self.case("UTF-16 lone surrogate", [lone], 0, warning="invalid UTF-16 code units")
        odd = write(self.path(c, "odd.txt"), b"\xff\xfe" + "Jo said hi.".encode("utf-16le") + b"A")
        self.case("UTF-16 with an odd byte count", [odd], 0, warning="invalid UTF-16 code units")

    # ---- JSON Lines ----------------------------------------------------------------------

    def jsonl(self):
        c = "jsonl"
        good_lines = jline(id="g1", text=GOOD) + jline(id="g2", text=GOOD2, title="Fares")
        good = write(self.path(c, "good.jsonl"), good_lines)

        def lines_case(name, bad, cls="input", extra_args=(), rc=1, bad_line=2):
            bad = bad if isinstance(bad, bytes) else bad.encode("utf-8")
            f = write(self.path(c, name.replace(" ", "-") + ".jsonl"),
                      jline(id="g1", text=GOOD).encode() + bad + b"\n" +
                      jline(id="g2", text=GOOD2, title="Fares").encode())
            errs = [("%s:%d" % (f, bad_line), cls)] if cls else []
            return self.case("jsonl " + name, list(extra_args) + [f], rc, errs, good=[good])

        lines_case("malformed line", '{"id": "x", "text": "unterminated')
        lines_case("not an object", '["text", "an array"]')
        lines_case("missing text", '{"id": "x", "title": "no text here"}')
        lines_case("text not a string", '{"id": "x", "text": 42}')
        lines_case("text null", '{"id": "x", "text": null}')
        lines_case("huge integer", '{"id": "x", "text": "Jo said hi.", "views": 123456789012345678901234567890}')
        lines_case("huge real", '{"id": "x", "text": "Jo said hi.", "score": 1e999}')
        lines_case("duplicate keys", '{"id": "x", "text": "Jo said hi.", "text": "Jo said bye."}')
        lines_case("lone surrogate escape", '{"id": "x", "text": "Jo said \\ud800 hi."}')
        lines_case("invalid UTF-8 in a string", b'{"id": "x", "text": "Jo said \xff hi."}')
        lines_case("title not a string", '{"id": "x", "text": "Jo said hi.", "title": ["a"]}')
        lines_case("empty text", '{"id": "x", "text": "   "}', cls="empty")
        lines_case("NUL escape in text", '{"id": "x", "text": "Jo said\\u0000 hi to Ann Lee."}', cls=None, rc=0)
        lines_case("blank and CRLF lines", '\r\n   \r\n' + jline(id="x", text="Jo said hi.").strip() + "\r",
                   cls=None, rc=0)
        lines_case("line over --max-line-bytes", jline(id="x", text="y" * 5000).strip(), cls="limit",
                   extra_args=["--max-line-bytes", "4K"])
        lines_case("text over --max-article-bytes", jline(id="x", text="Jo said hi. " * 1000).strip(),
                   cls="limit", extra_args=["--max-article-bytes", "8K"])
        # A 100 MB line: over the default 64 MiB line limit, skipped without being held in memory.
        big = self.path(c, "hundred-mb.jsonl")
        with open(big, "w") as f:
            f.write(jline(id="g1", text=GOOD))
            f.write('{"id": "big", "text": "')
            chunk = "All work and no play. " * 4096
            for _ in range((100 << 20) // len(chunk) + 1):
                f.write(chunk)
            f.write('"}\n')
            f.write(jline(id="g2", text=GOOD2, title="Fares"))
        self.case("jsonl 100 MB line", [big], 1, [(big + ":2", "limit")], good=[good])
        os.unlink(big)
        p = subprocess.run(self.newsrec + ["--format", "jsonl", "-"], input=b"{}\n" + good_lines.encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        self.count += 1
        self.check("hostile jsonl on standard input: '-:1' named, the rest exported",
                   p.returncode == 1 and errors_of(p.stderr)[0] == [("-:1", "input")] and
                   docs_of(p.stdout) == self.expected_docs([good]), p.stderr)

    # ---- limits and pathological text -----------------------------------------------------

    def limits(self):
        c = "limits"
        big = write(self.path(c, "big.txt"), GOOD2 * 100)
        self.case("--max-article-bytes", ["--max-article-bytes", "4K", big], 1, [(big, "limit")])
        many = write(self.path(c, "sentences.txt"), "It rained. " * 50)
        self.case("--max-sentences", ["--max-sentences", "20", many], 1, [(many, "limit")])
        names = write(self.path(c, "mentions.txt"), "Jo Park met Ann Lee in Paris. " * 30)
        self.case("--max-mentions", ["--max-mentions", "50", names], 1, [(names, "limit")])
        nested = write(self.path(c, "nested.txt"), "(" * 100000 + "x" + ")" * 100000)
        self.case("10^5 nested parentheses", [nested], 1, [(nested, "limit")])
        brackets = write(self.path(c, "brackets.txt"), "Jo said " + "[\u201c" * 50000 + "x" + "\u201d]" * 50000)
        self.case("10^5 nested brackets and quotes, no limit", ["--max-nesting", "0", brackets], 0)
        quotes = write(self.path(c, "quotes.txt"), '"' * 100000 + "\n\n" + "\u201c" * 100000)
        self.case("10^5 quotation marks", [quotes], 0)
        caps = write(self.path(c, "caps.txt"), " ".join(("Alpha", "Beta", "Gamma", "Smith", "Jo")[i % 5]
                                                         for i in range(20000)) + ".\n")
        self.case("2x10^4 capitalized words in a row", [caps], 0)
        runon = write(self.path(c, "runon.txt"), "and the council said more " * 40000)
        self.case("1 MB sentence without a period", [runon], 0)

    # ---- output faults --------------------------------------------------------------------

    def outputs(self):
        c = "outputs"
        os.makedirs(self.path(c, ""), exist_ok=True)
        if os.path.exists("/dev/full"):
            with open("/dev/full", "wb") as full:
                p = subprocess.run(self.newsrec + ["--format", "jsonl", self.good], stdout=full,
                                   stderr=subprocess.PIPE, timeout=600)
            self.count += 1
            self.check("hostile stdout to /dev/full: exit 3, [output]",
                       p.returncode == 3 and errors_of(p.stderr)[0] == [("writing output", "output")],
                       p.stderr)
        self.full_disk(c)
        out_dir = self.path(c, "is-a-dir")
        os.makedirs(out_dir)
        p = self.run(["--out", out_dir, self.good])
        self.count += 1
        self.check("hostile --out naming a directory: usage error 2", p.returncode == 2 and b"directory" in p.stderr,
                   p.stderr)
        p = self.run(["--out", self.path(c, "no/such/dir/out.jsonl"), self.good])
        self.count += 1
        self.check("hostile --out in a missing directory: exit 3, [output]", p.returncode == 3 and
                   b"[output]" in p.stderr, p.stderr)
        self.closed_pipe(c)
        self.interrupt(c)

    def full_disk(self, c):
        """A filesystem with no room: a 64 KiB tmpfs when this user may mount one, else a file
        size limit (ulimit -f), which fails writes with EFBIG the same way."""
        mnt = self.path(c, "full")
        os.makedirs(mnt)
        bbc_like = write(self.path(c, "many.jsonl"), "".join(jline(id="r%d" % i, text=GOOD + GOOD2 * (i % 7))
                                                             for i in range(400)))
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], stderr=subprocess.DEVNULL).returncode == 0
        try:
            pre = {} if mounted else {"preexec_fn": lambda: __import__("resource").setrlimit(
                __import__("resource").RLIMIT_FSIZE, (64 << 10, 64 << 10))}
            how = "a full tmpfs" if mounted else "a 64 KiB file size limit"
            p = subprocess.run(self.newsrec + ["--format", "sqlite", "--out", os.path.join(mnt, "out.db"), bbc_like],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600, **pre)
            self.count += 1
            found = errors_of(p.stderr)[0]
            self.check("hostile sqlite --out on %s: exit 3, one [output] error" % how,
                       p.returncode == 3 and len(found) == 1 and found[0][1] == "output",
                       (p.returncode, p.stderr[-300:]))
            for f in os.listdir(mnt):
                if f.startswith("out.db"):
                    os.unlink(os.path.join(mnt, f))
            for fmt, out in (("csv", os.path.join(mnt, "csv")), ("xlsx", os.path.join(mnt, "out.xlsx"))):
                p = subprocess.run(self.newsrec + ["--format", fmt, "--out", out, bbc_like], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=600, **pre)
                self.count += 1
                left = [f for f in (os.listdir(out) if os.path.isdir(out) else os.listdir(mnt))
                        if f.startswith(os.path.basename(out)) or fmt == "csv"]
                found = errors_of(p.stderr)[0]
                self.check("hostile %s --out on %s: exit 3, one [output] error, no file left" % (fmt, how),
                           p.returncode == 3 and len(found) == 1 and found[0][1] == "output" and left == [],
                           (p.returncode, left, p.stderr[-300:]))
        finally:
            if mounted:
                subprocess.run(["umount", mnt])
        # libxlsxwriter does not check its temporary-file writes: without the read-back a file size
        # limit left a valid workbook that lacked rows, and exit 0.
        limited = self.path(c, "limited")
        os.makedirs(limited)
        out = os.path.join(limited, "out.xlsx")
        p = subprocess.run(self.newsrec + ["--format", "xlsx", "--out", out, bbc_like], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=600, preexec_fn=lambda: __import__("resource").setrlimit(
                               __import__("resource").RLIMIT_FSIZE, (64 << 10, 64 << 10)))
        self.count += 1
        found = errors_of(p.stderr)[0]
        self.check("hostile xlsx --out under a 64 KiB file size limit: exit 3, one [output] error, no file left",
                   p.returncode == 3 and len(found) == 1 and found[0][1] == "output" and os.listdir(limited) == [],
                   (p.returncode, os.listdir(limited), p.stderr[-300:]))

    def closed_pipe(self, c):
        many = write(self.path(c, "pipe.jsonl"), "".join(jline(id="p%d" % i, text=GOOD) for i in range(2000)))
        p = subprocess.Popen(self.newsrec + ["--format", "jsonl", many], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        p.stdout.read(100)
        p.stdout.close()
        err = p.stderr.read()
        p.wait(timeout=600)
        self.count += 1
        self.check("hostile closed pipe: exit 0, nothing on stderr", p.returncode == 0 and err == b"",
                   (p.returncode, err[-300:]))

    def interrupt(self, c):
        """A signal while newsrec waits for more standard input: SIGINT and SIGTERM end it by the
        same signal with neither a final table nor a temporary file left; a SIGHUP it was started
        ignoring (nohup) changes nothing."""
        for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM"), (signal.SIGHUP, "ignored SIGHUP")):
            out = self.path(c, "signal-%d" % sig)
            ignored = sig == signal.SIGHUP

            def dispositions(sig=sig, ignored=ignored):
                # A shell's background job starts with SIGINT ignored, which newsrec keeps: undo.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(sig, signal.SIG_IGN if ignored else signal.SIG_DFL)

            p = subprocess.Popen(self.newsrec + ["--format", "csv", "--out", out, "-"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=dispositions)
            p.stdin.write(jline(id="i1", text=GOOD).encode())
            p.stdin.flush()
            for _ in range(600):
                if os.path.isdir(out) and any(".tmp-" in n for n in os.listdir(out)):
                    break
                time.sleep(0.05)
            time.sleep(0.3)
            p.send_signal(sig)
            time.sleep(0.3)
            try:  # the rest of the input: read when the signal is ignored, refused when it killed
                p.stdin.write(jline(id="i2", text=GOOD2).encode())
                p.stdin.close()
            except BrokenPipeError:
                pass
            p.wait(timeout=600)
            left = sorted(os.listdir(out)) if os.path.isdir(out) else []
            self.count += 1
            if ignored:
                rows = open(os.path.join(out, "articles.csv")).read().count("\n") if "articles.csv" in left else 0
                ok = p.returncode == 0 and rows == 3
            else:
                ok = p.returncode == -sig and left == []
            self.check("hostile %s while reading: %s" % (name, "run completes" if ignored else
                                                          "dies of it, no table left under any name"),
                       ok, (p.returncode, left, p.stderr.read()[-300:]))

    def all(self):
        self.files()
        self.encodings()
        self.jsonl()
        self.limits()
        self.outputs()
        return self.count


def run_catalogue(newsrec, tmp, check, skip, jobs=1):
    os.chmod(tmp, 0o755)  # the unreadable case runs newsrec as another user in here
    tmp = os.path.join(tmp, "hostile-j%d" % jobs)
    os.makedirs(tmp)
    os.chmod(tmp, 0o755)
    n = Catalogue(newsrec, tmp, check, skip, jobs).all()
    if jobs == 1:
        check("hostile catalogue has at least 30 cases (%d)" % n, n >= 30)


if __name__ == "__main__":
    import tempfile
    failed = []

    def check(name, ok, detail=""):
        if not ok:
            failed.append(name)
            print("FAIL %s %s" % (name, detail), flush=True)
        return ok

    with tempfile.TemporaryDirectory() as t:
        run_catalogue(os.path.abspath(sys.argv[1]), t, check, lambda n, w: print("SKIP", n, w),
                      int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print("%d failed" % len(failed))
    sys.exit(1 if failed else 0)
