#!/usr/bin/env python3
"""derive_actor_lists.py: derives the company and agency name lists from the Phoenix actor dictionaries and @cspell/dict-companies.

Usage: derive_actor_lists.py PETRARCH2_DIR CSPELL_COMPANIES_TXT DATA_DIR

Writes DATA_DIR/companies.txt and DATA_DIR/agencies.txt, lower-cased and sorted in byte order so
that a rerun gives the same files on any machine. Reads DATA_DIR's given-name, place, dictionary
and organization-word lists to leave out entries that are people or ordinary words: the lists are
tagger features, and an entry such as "apple" or "jordan" would teach the tagger nothing.
"""
import re
import sys

# Legal forms whose removal leaves the name in use ("Newmont Mining Corporation" -> "Newmont
# Mining"); only the last word is removed, and only when something distinctive remains.
LEGAL = {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "group",
         "holdings", "sa", "ag", "nv", "llc", "lp", "international"}


def words_of(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.lower())
    return out


def blocks(path):
    """Yields (names, codes) per dictionary entry: the name line, its '+' synonyms and every
    bracketed code on the entry's lines."""
    names, codes = [], []
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        if line[0] in " \t":
            codes += re.findall(r"\[([^\]]*)\]", body)
            continue
        if line.startswith("+"):
            names.append(body[1:].split("[", 1)[0])
            codes += re.findall(r"\[([^\]]*)\]", body)
            continue
        if names:
            yield names, codes
        names = [body.split("[", 1)[0]]
        codes = re.findall(r"\[([^\]]*)\]", body)
    if names:
        yield names, codes


def dated(codes):
    """Codes with a date range, as office holders' entries carry."""
    return any(re.search(r"\d{6}|[<>]\d", c) for c in codes)


def clean(name):
    name = re.sub(r"\([^)]*\)", " ", name.replace("_", " "))
    return " ".join(name.split()).lower()


class Filter:
    def __init__(self, data):
        self.given = words_of(f"{data}/male_names.txt") | words_of(f"{data}/female_names.txt")
        self.places = (words_of(f"{data}/countries.txt") | words_of(f"{data}/cities.txt") |
                       words_of(f"{data}/subdivisions.txt") | words_of(f"{data}/locations.txt"))
        self.common = words_of(f"{data}/common_words.txt")
        self.stop = words_of(f"{data}/stopwords.txt")
        self.org_words = words_of(f"{data}/org_words.txt")

    def person_like(self, name):
        w = name.split()
        return len(w) >= 2 and (w[0] in self.given or re.fullmatch(r"[a-z]\.?", w[0]) is not None)

    def distinctive(self, name, words_too=False):
        """A name the tagger can learn from: not a place or given name, nor (unless words_too:
        brands such as Shell or Apple are words) an ordinary word."""
        if len(name) < 3 or not re.search(r"[a-z]", name) or name in self.stop:
            return False
        if not words_too and name in self.common:
            return False
        return name not in self.places and name not in self.given

    def organization_like(self, name, raw):
        """An IGO/NGO entry that names a body, not one of its officials."""
        if any(w in self.org_words for w in name.split()):
            return True
        token = raw.strip().strip("_").replace(".", "")
        return " " not in name and token.isupper() and 2 <= len(token) <= 8


def leaders_given_names(path, common):
    """First words of the people in the country dictionary (entries whose codes carry a date
    range, as office holders' do): "Abdullah", "Kofi"; the English given-name lists lack them."""
    out = set()
    for names, codes in blocks(path):
        if not dated(codes):
            continue
        for raw in names:
            w = clean(raw).split()
            if len(w) >= 2 and len(w[0]) > 2 and "." not in w[0]:
                out.add(w[0])
    return out - common


def short_forms(name, flt):
    w = name.split()
    if len(w) >= 2 and w[-1].rstrip(".") in LEGAL:
        rest = " ".join(w[:-1])
        if flt.distinctive(rest) or len(w) > 2:
            yield rest


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    phoenix, cspell, data = sys.argv[1:]
    flt = Filter(data)
    flt.given |= leaders_given_names(f"{phoenix}/Phoenix.Countries.actors.txt", flt.common)
    companies, agencies = set(), set()
    for path in (f"{phoenix}/Phoenix.International.actors.txt",
                 f"{phoenix}/Phoenix.MilNonState.actors.txt"):
        militant = "MilNonState" in path
        for names, codes in blocks(path):
            person = dated(codes)
            kinds = {c.strip()[:3] for c in codes}
            for raw in names:
                name = clean(raw)
                if not name or flt.person_like(name) or person:
                    continue
                if "MNC" in kinds and not militant:
                    if flt.distinctive(name) or " " in name:
                        companies.add(name)
                        companies.update(short_forms(name, flt))
                elif militant or kinds & {"IGO", "NGO"}:
                    if flt.organization_like(name, raw) and (flt.distinctive(name) or " " in name):
                        agencies.add(name)
    for line in open(cspell, encoding="utf-8"):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        low = " ".join(name.lower().split())
        if flt.distinctive(low, words_too=True) and not flt.person_like(low):
            companies.add(low)
    agencies -= companies
    write(f"{data}/companies.txt", companies,
          "companies: names of companies and brands, with and without their legal form",
          "Phoenix.International.actors.txt (MNC entries; PETRARCH-2 dictionaries, MIT) and npm "
          "@cspell/dict-companies 3.2.14 (MIT)")
    write(f"{data}/agencies.txt", agencies,
          "agencies: international, non-governmental and non-state organizations",
          "Phoenix.International.actors.txt (IGO and NGO entries) and "
          "Phoenix.MilNonState.actors.txt (PETRARCH-2 dictionaries, MIT)")


def write(path, names, what, source):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# {what}\n# Generated by tools/regen-gazetteers.sh from {source}; "
                  "people, given names and places left out; do not edit by hand.\n")
        for name in sorted(names, key=lambda s: s.encode("utf-8")):
            out.write(name + "\n")


if __name__ == "__main__":
    main()
