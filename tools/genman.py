#!/usr/bin/env python3
"""genman.py: writes the newsrec(1) man page from `newsrec --help`, so the two never disagree."""
import re
import subprocess
import sys

OPTION = re.compile(r"^  (?:(-\w), )?\s*(--[\w-]+)(?: (\S+))?\s{2,}(.*)$")


def roff(text):
    """Escapes text for roff: backslashes, and a leading dot or quote."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in ".'" else text


def main():
    newsrec = sys.argv[1]
    version = subprocess.run([newsrec, "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    lines = subprocess.run([newsrec, "--help"], capture_output=True, text=True, check=True).stdout.splitlines()
    synopsis = lines[0].split(": ", 1)[1].split(" ", 1)[1]
    summary = lines[1].rstrip(".")
    paragraphs, current = [], []
    for line in lines[3:]:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    out = ['.TH NEWSREC 1 "" "newsrec %s" "User Commands"' % version,
           ".SH NAME", "newsrec \\- %s" % roff(summary.lower()[0] + summary[1:]),
           ".SH SYNOPSIS", ".B newsrec", roff(synopsis), ".SH DESCRIPTION", roff(lines[1])]
    for para in paragraphs:
        head = para[0]
        options = [l for l in para if OPTION.match(l)]
        if not options:
            if head.startswith("Exit status:"):
                out += [".SH EXIT STATUS", roff(" ".join(l.strip() for l in para).split(": ", 1)[1])]
            elif head.startswith("Errors"):
                out += [".SH DIAGNOSTICS", roff(" ".join(l.strip() for l in para))]
            else:
                out += [".PP", roff(" ".join(l.strip() for l in para))]
            continue
        title_lines = []
        for l in para:
            if OPTION.match(l):
                break
            title_lines.append(l.strip())
        title = " ".join(title_lines).rstrip(":")
        section, _, rest = title.partition(" (")
        out += [".SH " + section.upper()]
        if rest:
            out += [roff(rest[0].upper() + rest[1:].rstrip(")") + ".")]
        item = None
        for l in para[len(title_lines):]:
            m = OPTION.match(l)
            if m:
                short, long_, arg, desc = m.groups()
                name = "\\fB%s\\fR" % roff(long_) if not short else "\\fB%s\\fR, \\fB%s\\fR" % (roff(short), roff(long_))
                out += [".TP", name + (" \\fI%s\\fR" % roff(arg) if arg else ""), roff(desc)]
            else:
                out.append(roff(l.strip()))
    out += [".SH EXAMPLES",
            ".nf", roff("newsrec --format jsonl articles/ > records.jsonl"),
            roff("newsrec --format csv --dialect excel --out tables/ articles.jsonl"),
            roff("newsrec --format sqlite --out news.db --stats run.json articles/"), ".fi",
            ".SH SEE ALSO",
            "The record model: docs/FORMAT.md; errors and limits: docs/ERRORS.md; scaling out: "
            "docs/SCALING.md (in the source tree and under share/doc/newsrec)."]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
