#!/usr/bin/env python3
"""sample_actors.py: draws actors at random from newsrec JSON Lines output and prints each with its mentions in context, for judging by hand.

Usage: sample_actors.py OUTPUT.jsonl [N] [SEED]  (defaults: 100 actors, seed 19). The context is read
from each article's source file and printed only to the terminal; judged lists keep ids, not text.
The draw ranks actors by a hash of the seed, the article's path and the actor's name and kind, so a change
that alters a few actors leaves the rest of the sample, and their verdicts, as they were.
"""
import hashlib
import json
import sys


def draw(actors, n, seed):
    """The n (source, actor) pairs whose hash of seed, source, name and kind ranks first."""
    def rank(item):
        source, a = item
        return hashlib.sha1(f"{seed}\t{source}\t{a['name']}\t{a['kind']}".encode()).hexdigest()

    return sorted(actors, key=rank)[:n]


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 19
    actors = []
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        actors += [(doc["article"]["source"], a) for a in doc["actors"]]
    for k, (source, a) in enumerate(draw(actors, n, seed), 1):
        text = open(source, encoding="utf-8", errors="replace").read()
        print(f"{k}\t{source}\t{a['id']}\t{a['kind']}\t{a['name']}\ttitle={a['title']}")
        for m in a["mentions"][:4]:
            s, e = m["start"], m["end"]
            left, right = text[max(0, s - 60):s], text[e:e + 40]
            print("      ", m["form"], "|", (left + "[[" + text[s:e] + "]]" + right).replace("\n", " "))


if __name__ == "__main__":
    main()
