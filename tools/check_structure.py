#!/usr/bin/env python3
"""check_structure.py: holds src/ to the shape DEVELOPERS.md describes: no file calls up into
pipeline.c but the callers of the pipeline, no circle of calls between files, the library never
calls the command, the command's functions stay short and its formats are decided in one place.

Usage: check_structure.py --lib FILE... --cmd FILE... [--pipeline src/pipeline.c]
Reads C as text (clang-format's layout: a function's braces in column 0); prints each breach and
exits 1, else prints one line and exits 0.
"""
import argparse
import os
import re
import sys

MAIN_MAX_LINES = 250
CMD_FUNCTION_MAX_LINES = 80
FORMAT_TABLE = "outputs.c"
KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "defined", "else", "do"}


def strip(text):
    """The code without comments, string and character literals (kept as blanks, so lines keep
    their numbers)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            i = j
        elif text[i] in "\"'":
            q, j = text[i], i + 1
            while j < n and text[j] != q:
                j += 2 if text[j] == "\\" else 1
            out.append(q + re.sub(r"[^\n]", " ", text[i + 1:j]) + q)
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def functions(code):
    """(name, static, first line, last line, body) of each function defined in the file."""
    lines = code.split("\n")
    found = []
    for k, line in enumerate(lines):
        if line != "{":
            continue
        start = k - 1
        while start > 0 and lines[start - 1].strip() and not lines[start - 1].rstrip().endswith((";", "}")) \
                and not lines[start - 1].startswith("#"):
            start -= 1
        head = " ".join(lines[start:k])
        m = re.search(r"(\w+)\s*\(", head)
        if not m or "=" in head.split("(")[0]:
            continue
        end = k + 1
        while end < len(lines) and lines[end] != "}":
            end += 1
        found.append((m.group(1), re.match(r"\s*static\b", head) is not None, start + 1, end + 1,
                      "\n".join(lines[k:end + 1])))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", nargs="+", required=True)
    ap.add_argument("--cmd", nargs="+", required=True)
    ap.add_argument("--pipeline", default="src/pipeline.c")
    a = ap.parse_args()
    files = a.lib + a.cmd
    code = {f: strip(open(f, encoding="utf-8").read()) for f in files}
    defs = {f: functions(code[f]) for f in files}
    owner = {}
    for f in files:
        for name, static, *_ in defs[f]:
            if not static:
                owner[name] = f
    calls = {}  # file -> {callee file: names}
    for f in files:
        for name, _, _, _, body in defs[f]:
            for callee in re.findall(r"\b(\w+)\s*\(", body):
                g = owner.get(callee)
                if g and g != f and callee not in KEYWORDS:
                    calls.setdefault(f, {}).setdefault(g, set()).add(callee)
    breaches = []

    # 1. Only the callers of the pipeline call into it: no library file does.
    pipeline = os.path.normpath(a.pipeline)
    for f in a.lib:
        used = calls.get(f, {}).get(pipeline) if os.path.normpath(f) != pipeline else None
        if used:
            breaches.append("%s calls %s, defined in %s" % (f, ", ".join(sorted(used)), pipeline))

    # 2. The library never calls the command.
    for f in a.lib:
        for g, names in calls.get(f, {}).items():
            if g in a.cmd:
                breaches.append("library file %s calls the command's %s (%s)" % (f, ", ".join(sorted(names)), g))

    # 3. No circle of calls between files (strongly connected components of two or more).
    for comp in components(files, calls):
        if len(comp) > 1:
            breaches.append("a circle of calls between %s" % ", ".join(sorted(comp)))

    # 4. The command reads as small pieces.
    for f in a.cmd:
        if os.path.basename(f) == "main.c":
            n = code[f].count("\n")
            if n > MAIN_MAX_LINES:
                breaches.append("%s has %d lines (at most %d)" % (f, n, MAIN_MAX_LINES))
        for name, _, first, last, _ in defs[f]:
            if last - first + 1 > CMD_FUNCTION_MAX_LINES:
                breaches.append("%s:%d: %s has %d lines (at most %d)" %
                                (f, first, name, last - first + 1, CMD_FUNCTION_MAX_LINES))

    # 5. A format is decided in one place: its entry. The table in outputs.c lists the entries,
    #    each out_NAME.c defines its own, no other file names one, and nothing compares formats.
    entries = {m: f for f in a.cmd for m in re.findall(r"\bconst format format_(\w+)\s*=", code[f])}
    for f in a.cmd:
        for m in re.finditer(r"\bformat_(\w+)\b", code[f]):
            home = entries.get(m.group(1))
            if home and f != home and os.path.basename(f) != FORMAT_TABLE:
                line = code[f].count("\n", 0, m.start()) + 1
                breaches.append("%s:%d: names format_%s outside %s and %s" %
                                (f, line, m.group(1), FORMAT_TABLE, home))
        for m in re.finditer(r"\bformat\s*[!=]=|[!=]=\s*&?format_\w+", code[f]):
            line = code[f].count("\n", 0, m.start()) + 1
            breaches.append("%s:%d: compares formats; a format's behaviour belongs in its entry" % (f, line))

    for b in breaches:
        print("structure: " + b)
    if breaches:
        return 1
    print("structure: %d files, %d calls between files, no call into %s from the library, no circle, "
          "main.c within %d lines, command functions within %d lines, formats decided in %s" %
          (len(files), sum(len(v) for v in calls.values()), pipeline, MAIN_MAX_LINES,
           CMD_FUNCTION_MAX_LINES, FORMAT_TABLE))
    return 0


def components(nodes, calls):
    """Tarjan's strongly connected components of the file graph."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in calls.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(comp)

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            visit(v)
    return out


if __name__ == "__main__":
    sys.exit(main())
