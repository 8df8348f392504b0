#!/usr/bin/env python3
"""sample_events.py: draws events at random from newsrec JSON Lines output and prints each in its sentence, for judging by hand.

Usage: sample_events.py OUTPUT.jsonl [N] [SEED]  (defaults: 100 events, seed 20261201). The context is
read from each article's source file and printed only to the terminal; judged lists keep ids and
offsets, not text. The draw ranks events by a hash of the seed, the article's path, the trigger's
offsets and the code, so a change that alters a few events leaves the rest of the sample, and their
verdicts, as they were.
"""
import hashlib
import json
import sys


def key(source, e):
    """What identifies an event across versions: its article, trigger offsets and code."""
    return (source, e["trigger"]["start"], e["trigger"]["end"], e["cameo"])


def draw(events, n, seed):
    """The n (source, event) pairs whose hash of seed and key ranks first."""
    def rank(item):
        return hashlib.sha1(("%d\t%s\t%d\t%d\t%s" % ((seed,) + key(*item))).encode()).hexdigest()

    return sorted(events, key=rank)[:n]


def side(doc, actor_id, span):
    """An agent or target as "text [code]", or "-"."""
    if not actor_id:
        return "-"
    code = next((a["code"] for a in doc["actors"] if a["id"] == actor_id), None)
    return "%s [%s]" % (span["text"] if span else actor_id, code)


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261201
    events, docs = [], {}
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        docs[doc["article"]["source"]] = doc
        events += [(doc["article"]["source"], e) for e in doc["events"]]
    for k, (source, e) in enumerate(draw(events, n, seed), 1):
        doc = docs[source]
        text = open(source, encoding="utf-8", errors="replace").read()
        s, t = e["trigger"]["start"], e["trigger"]["end"]
        print("%d\t%s\t%s\t%d\t%d\t%s %s\tagent=%s\ttarget=%s" % (
            k, source, e["id"], s, t, e["cameo"], e["type"],
            side(doc, e["agent_id"], e["agent"]), side(doc, e["target_id"], e["target"])))
        print("      ", (text[e["start"]:s] + "[[" + text[s:t] + "]]" + text[t:e["end"]]).replace("\n", " "))


if __name__ == "__main__":
    main()
