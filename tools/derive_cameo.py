#!/usr/bin/env python3
"""derive_cameo.py: derives the CAMEO actor codes, agent nouns and Goldstein weights from the Phoenix dictionaries.

Usage: derive_cameo.py PETRARCH2_DIR GOLDSTEIN_TSV EXCEPTIONS_TXT DATA_DIR

Writes three tab-separated files into DATA_DIR, sorted in byte order so that a rerun gives the
same files on any machine:
- cameo_actors.tsv: name, code, first day, last day (YYYYMMDD, empty when open), class. Class
  "place" marks a country block's names (the country, its people's adjective, its cities and
  regions), whose code is the bare country code; "actor" is every other entry (leaders and
  officials with the dates of their offices, international bodies, militant and non-state
  groups). Names are lower-case words separated by one space.
- cameo_agents.tsv: an agent noun phrase (singular and plural) and the role codes it adds to a
  country ("police" -> COP, "foreign minister" -> GOV), without the nouns EXCEPTIONS_TXT lists
  (our own list: nouns whose role general news rarely means, "captain" MIL).
- goldstein.tsv: CAMEO event code and its Goldstein weight.
"""
import re
import sys

ACTOR_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt"]
CODE = re.compile(r"^[A-Z0-9]{3,15}$")


def entries(path):
    """Yields (names, codes, line) per dictionary entry: the name line, its '+' synonyms, every
    bracketed code on the entry's lines in order, and the name line as written."""
    names, codes, head = [], [], ""
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        body = re.split(r"\s#|^#|;", line, maxsplit=1)[0]
        if not body.strip():
            continue
        found = re.findall(r"\[([^\]]*)\]", body)
        name = body.split("[", 1)[0].strip()
        if line[0] in " \t" and not name:
            codes += found
        elif line.startswith("+"):
            names.append(name[1:])
            codes += found
        else:
            if names:
                yield names, codes, head
            names, codes, head = [name], found, line
    if names:
        yield names, codes, head


def clean(name):
    """Dictionary phrase to newsrec's key form (nr_fold_key): words joined by one space, lower
    case, dashes as spaces, without periods or apostrophes ("U.N." is "un"), and without a
    leading "the"."""
    name = re.sub(r"[.']", "", name.replace("_", " ").replace("-", " "))
    name = " ".join(name.split()).lower()
    return re.sub(r"^the ", "", name)


def day(s):
    """YYYYMMDD from the dictionary's YYYYMMDD or YYMMDD (years below 30 are 20YY); None when
    malformed."""
    if len(s) == 6:
        s = ("20" if int(s[:2]) < 30 else "19") + s
    if len(s) != 8 or not s.isdigit():
        return None
    return s


def restriction(text):
    """(code, first, last) of one bracket, or None when it is not a well-formed code."""
    parts = text.split()
    if not parts or not CODE.match(parts[0]):
        return None
    first = last = ""
    if len(parts) > 1:
        r = parts[1]
        m = re.fullmatch(r"(\d+)-(\d+)", r) or re.fullmatch(r"([<>])(\d+)", r)
        if not m:
            return None
        if m.group(1) in "<>":
            d = day(m.group(2))
            if d is None:
                return None
            first, last = ("", d) if m.group(1) == "<" else (d, "")
        else:
            first, last = day(m.group(1)), day(m.group(2))
            if first is None or last is None:
                return None
    return parts[0], first, last


def actor_rows(phoenix):
    rows = set()
    for fname in ACTOR_FILES:
        for names, codes, head in entries(f"{phoenix}/{fname}"):
            cs = [c for c in (restriction(t) for t in codes) if c]
            if not cs:
                continue
            # A country block (its names, people and cities) has a bare three-letter code, maybe
            # dated ("IRQ >20060520"), beside the states it belonged to ("YUGSRB <920427"); the
            # people of the file are marked as drawn from CountryInfo.txt.
            place = (fname.startswith("Phoenix.Countries") and "CountryInfo" not in head and
                     any(len(c[0]) == 3 for c in cs))
            for n in names:
                key = clean(n)
                if len(key) < 2 or not re.search(r"[a-z]", key) or re.search(r'["\\]', key):
                    continue
                for code, first, last in cs:
                    rows.add((key, code, first, last, "place" if place else "actor"))
    return sorted(rows)


def expand(phrase, macros):
    """Every phrase a macro ("!PERSON!" = MAN, WOMAN, ...) stands for."""
    for mac, words in macros.items():
        if mac in phrase:
            return [f for w in words for f in expand(phrase.replace(mac, "_" + w + "_", 1), macros)]
    return [phrase]


def plural_of(phrase):
    p = phrase.rstrip("_")
    if re.search(r"(S|X|CH|SH)$", p):
        return p + "ES"
    if re.search(r"[^AEIOU]Y$", p):
        return p[:-1] + "IES"
    return p + "S"


def agent_rows(phoenix, exceptions):
    macros = {}
    rows = set()
    for raw in open(f"{phoenix}/Phoenix.agents.txt", encoding="utf-8", errors="replace"):
        line = re.split(r"\s#|^#", raw.rstrip("\n"), maxsplit=1)[0].strip()
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.*)", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]{3,12})\]", line)
        if not m:
            continue  # no code, or a prefix code ("[IGO~]") we do not combine
        phrase, plural, role = m.group(1), m.group(2), m.group(3)
        forms = expand(phrase, macros)
        if plural is None:  # regular plural; "{}" says there is none, "{X}" lists it
            forms += [plural_of(f) for f in forms]
        else:
            forms += plural.strip("{}").split()
        for f in forms:
            key = clean(f)
            if key:
                rows.add((key, role))
    # "Department of Justice" and "Ministry of Justice" name the same office as "justice
    # department" does; the dictionary lists most offices one way only.
    extra = set()
    for key, role in rows:
        m = re.fullmatch(r"(.+) (department|ministry)", key)
        if m:
            extra.add((f"{m.group(2)} of {m.group(1)}", role))
        m = re.fullmatch(r"(ministry|department) (?:of|for) (.+)", key)
        if m:
            other = "department" if m.group(1) == "ministry" else "ministry"
            extra.add((f"{other} of {m.group(2)}", role))
    return sorted(r for r in rows | extra if r[0] not in exceptions)


def goldstein_rows(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            rows.append((parts[0], "%.1f" % float(parts[1])))
    return sorted(rows)


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    phoenix, goldstein, exceptions_txt, data = sys.argv[1:5]
    exceptions = {line.strip().lower() for line in open(exceptions_txt, encoding="utf-8")
                  if line.strip() and not line.startswith("#")}
    src = "openeventdata/petrarch2 @ 676801cd, data/dictionaries (MIT)"
    write(f"{data}/cameo_actors.tsv",
          f"# CAMEO actor codes, derived by tools/derive_cameo.py from the Phoenix actor dictionaries "
          f"({', '.join(ACTOR_FILES)}) of {src}.\n"
          "# name\tcode\tfirst day\tlast day\tclass (place: a country's name, people or city; actor: "
          "anything else)\n", actor_rows(phoenix))
    write(f"{data}/cameo_agents.tsv",
          f"# CAMEO agent nouns and the role codes they add to a country, derived by "
          f"tools/derive_cameo.py from Phoenix.agents.txt of {src}, without the nouns of "
          "cameo_agent_exceptions.txt.\n# noun\trole\n",
          agent_rows(phoenix, exceptions))
    write(f"{data}/goldstein.tsv",
          "# Goldstein conflict-cooperation weights of the CAMEO event codes (Goldstein 1992, as "
          "GDELT publishes them in CAMEO.goldsteinscale.txt), derived by tools/derive_cameo.py.\n"
          "# code\tweight\n", goldstein_rows(goldstein))


if __name__ == "__main__":
    main()
