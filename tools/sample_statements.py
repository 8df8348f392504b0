#!/usr/bin/env python3
"""sample_statements.py: draws statements at random from newsrec JSON Lines output and prints each with its speaker, cue and context, for judging by hand.

Usage: sample_statements.py OUTPUT.jsonl [N] [SEED]  (defaults: 100 statements, seed 20261202).
The context is read from each article's source file and printed only to the terminal; judged
lists keep ids and offsets, not text. The draw ranks statements by a hash of the seed, the
article's path, the content's offsets and the kind, so a change that alters a few statements
leaves the rest of the sample, and their verdicts, as they were.
"""
import hashlib
import json
import sys


def key(source, s):
    """What identifies a statement across versions: its article, content offsets and kind."""
    return (source, s["start"], s["end"], s["kind"])


def draw(statements, n, seed):
    """The n (source, statement) pairs whose hash of seed and key ranks first."""
    def rank(item):
        return hashlib.sha1(("%d\t%s\t%d\t%d\t%s" % ((seed,) + key(*item))).encode()).hexdigest()

    return sorted(statements, key=rank)[:n]


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261202
    statements, docs = [], {}
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        docs[doc["article"]["source"]] = doc
        statements += [(doc["article"]["source"], s) for s in doc["statements"]]
    for k, (source, s) in enumerate(draw(statements, n, seed), 1):
        doc = docs[source]
        names = {a["id"]: "%s (%s)" % (a["name"], a["kind"]) for a in doc["actors"]}
        text = open(source, encoding="utf-8", errors="replace").read()
        cue = s["cue"]
        print("%d\t%s\t%s\t%d\t%d\t%s\tspeaker=%s\tactor=%s\tcue=%s" % (
            k, source, s["id"], s["start"], s["end"], s["kind"],
            s["speaker"]["text"] if s["speaker"] else "-", names.get(s["actor_id"], "-"),
            cue["text"] if cue else "-"))
        print("      ", marked(text, s).replace("\n", " "))


def marked(text, s):
    """The statement's stretch of text with some context: [[content]], {{speaker}}, <<cue>>."""
    marks = [(a, "[[") for a, _ in s["spans"]] + [(b, "]]") for _, b in s["spans"]]
    for field, open_, close in (("speaker", "{{", "}}"), ("cue", "<<", ">>")):
        if s[field]:
            marks += [(s[field]["start"], open_), (s[field]["end"], close)]
    lo = max(0, min(m[0] for m in marks) - 150)
    hi = max(m[0] for m in marks) + 40
    out, at = [], lo
    for pos, mark in sorted(marks):
        out += [text[at:pos], mark]
        at = pos
    return "".join(out + [text[at:hi]])

if __name__ == "__main__":
    main()
