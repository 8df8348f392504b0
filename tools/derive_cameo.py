#!/usr/bin/env python3
"""derive_cameo.py: derives the CAMEO actor codes, agent nouns, verbs, verb patterns and Goldstein weights from the PETRARCH-2 dictionaries.

Usage: derive_cameo.py PETRARCH2_DIR GOLDSTEIN_TSV EXCEPTIONS_TXT DATA_DIR

Writes seven tab-separated files into DATA_DIR, sorted in byte order so that a rerun gives the
same files on any machine:
- cameo_actors.tsv: name, code, first day, last day (YYYYMMDD, empty when open), class. Class
  "place" marks a country block's names (the country, its people's adjective, its cities and
  regions), whose code is the bare country code; "actor" is every other entry (leaders and
  officials with the dates of their offices, international bodies, militant and non-state
  groups). Names are lower-case words separated by one space.
- cameo_agents.tsv: an agent noun phrase (singular and plural) and the role codes it adds to a
  country ("police" -> COP, "foreign minister" -> GOV), without the nouns EXCEPTIONS_TXT lists
  (our own list: nouns whose role general news rarely means, "captain" MIL).
- cameo_verbs.tsv, cameo_patterns.tsv, cameo_synsets.tsv: the verb dictionary CAMEO.2.0.txt
  (its verb blocks' forms and codes, their patterns, the synonym sets the patterns name).
- cameo_discards.tsv: the phrases of Phoenix.discards.txt that keep a story or a sentence
  from being coded for events.
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


def verb_file(path):
    """The verb dictionary's synsets ({name: [phrase]}) and blocks ([(name, code, verb lines,
    pattern lines)]), comments removed."""
    synsets, blocks, section, synset = {}, [], "synsets", None
    for raw in open(path, encoding="utf-8", errors="replace"):
        if raw.startswith("####### VERB"):
            section = "verbs"
        elif raw.startswith("######## TRANSFORMATIONS"):
            section = "transformations"
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or section == "transformations":
            continue
        if section == "synsets":
            if line.startswith("&"):
                synset = synsets.setdefault(synset_name(line.strip()), [])
            elif line.startswith("+") and synset is not None:
                synset.append(phrase_words(line[1:]))
            continue
        # A block opens with "---  NAME  [CODE]  ---"; four are written "--  NAME  [CODE]---  ---".
        m = re.match(r"^--+\s+(\S.*?)\s+\[([^\]]*)\]-*\s+---", line)
        if m:
            blocks.append((m.group(1).lower(), event_code(m.group(2)), [], []))
        elif blocks and line.startswith("-"):
            blocks[-1][3].append(line[1:].strip())
        elif blocks:
            blocks[-1][2].append(line.strip())
    return synsets, blocks


def synset_name(token):
    """"&FIGHT_OF_WORDS" -> "&fight-of-words": "_" joins the items of an element."""
    return token.rstrip("_").lower().replace("_", "-")


def phrase_words(text):
    """A phrase as lower-case words joined by one space ("CEASE_FIRE" -> "cease fire"); a
    trailing "_" (no plural) is dropped, since the matcher takes any plural of a listed word."""
    return " ".join(text.replace("_", " ").lower().split())


def event_code(text):
    """A bracketed code as newsrec writes it: "-" for the null code; the first of a pair
    ("062:062" codes both directions; we code the one written first); "~CODE" for a pair with
    only the reverse direction (":020", the target acts on the source)."""
    text = text.strip().rstrip("!")
    forward, _, reverse = text.partition(":")
    if re.fullmatch(r"\d{3,4}", forward):
        return forward
    if not forward and re.fullmatch(r"\d{3,4}", reverse):
        return "~" + reverse
    return "-"


def verb_forms(verb):
    """The regular forms of a verb as the dictionary generates them: -s or -es, -ed or -d, -ing
    (with y to ies and ied, a final e dropped before -ing)."""
    forms = [verb]
    if re.search(r"[^aeiou]y$", verb):
        forms += [verb[:-1] + "ies", verb[:-1] + "ied"]
    else:
        forms.append(verb + ("es" if re.search(r"(s|x|z|ch|sh|o)$", verb) else "s"))
        forms.append(verb + ("d" if verb.endswith("e") else "ed"))
    forms.append((verb[:-1] if re.search(r"[^e]e$", verb) else verb) + "ing")
    return forms


def verb_rows(blocks):
    """(form, lemma, block, code, words before, words after) for every form of every verb: a
    multi-word verb ("+CORDON_OFF", "WIRE_+TAP") is its marked word with the words around it."""
    rows = {}
    for block, block_code, verbs, _ in blocks:
        for line in verbs:
            codes = re.findall(r"\[([^\]]*)\]", line)
            code = event_code(codes[0]) if codes else block_code
            head = line.split("[", 1)[0].split("{", 1)[0].strip()
            irregular = re.search(r"\{([^}]*)\}", line)
            if not head or not re.fullmatch(r"[A-Z+_'-]+", head):
                continue
            written = irregular.group(1).replace(",", " ").split() if irregular else []
            for form in [head] + written:
                parts = form.lower().split("_")
                marked = [k for k, w in enumerate(parts) if w.startswith("+")] or [0]
                k = marked[0]
                verb = parts[k].lstrip("+")
                if not verb:
                    continue
                before, after = " ".join(parts[:k]), " ".join(parts[k + 1:])
                lemma = head.lower().replace("_", " ").replace("+", "")
                generated = verb_forms(verb) if form == head and not irregular else [verb]
                for f in generated:
                    rows.setdefault((f, before, after, block), (f, lemma, block, code, before, after))
    return sorted(rows.values())


def pattern_elements(text):
    """A pattern half as elements: a "{...}" group is one element of several items (joined by
    "_"), a "(...)" group contributes its elements in order, every other word is one element;
    "+", "$", "%" and "^" (actor places and skips) are not matched."""
    text = re.sub(r"[()]", " ", text)
    out = []
    for group, word in re.findall(r"\{([^}]*)\}|(\S+)", text):
        items = group.split() if group else [word]
        items = [synset_name(w) if w.startswith("&") else w.lower().strip("_")
                 for w in items if w not in "+$%^"]
        items = [w for w in items if w]
        if items:
            out.append("_".join(items))
    return " ".join(out)


def pattern_rows(blocks, synsets):
    """(block, before, after, code) of every pattern, the first of duplicates kept; a pattern
    naming an undefined synset is left out, as PETRARCH leaves it out."""
    rows, seen = [], set()
    for block, _, _, patterns in blocks:
        for line in patterns:
            m = re.match(r"^(.*?)\*(.*?)\[([^\]]*)\]", line)
            if not m:
                continue
            before, after = pattern_elements(m.group(1)), pattern_elements(m.group(2))
            used = re.findall(r"&[a-z0-9-]+", before + " " + after)
            if any(synset_name(u) not in synsets for u in used) or not (before or after):
                continue
            key = (block, before, after)
            if key not in seen:
                seen.add(key)
                rows.append((block, before, after, event_code(m.group(3))))
    return sorted(rows)


def synset_rows(synsets):
    """(name without its "&", phrase) of every synset."""
    return sorted({(name.lstrip("&"), phrase) for name, phrases in synsets.items()
                   for phrase in phrases})


def discard_rows(path):
    """(phrase, scope) of the discard list: "story" for a '+' entry (the whole story is sport,
    entertainment or the like), "sentence" for the others."""
    rows = set()
    for raw in open(path, encoding="utf-8", errors="replace"):
        body = raw.split("#", 1)[0].strip()
        story = body.startswith("+")
        phrase = phrase_words(body.lstrip("+"))
        if phrase and re.fullmatch(r"[a-z0-9' -]+", phrase):
            rows.add((phrase, "story" if story else "sentence"))
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
    synsets, blocks = verb_file(f"{phoenix}/CAMEO.2.0.txt")
    verbs = f"the CAMEO verb dictionary (CAMEO.2.0.txt) of {src}"
    write(f"{data}/cameo_verbs.tsv",
          f"# CAMEO verbs, derived by tools/derive_cameo.py from {verbs}: every form of every verb "
          "of every block, with the code the verb takes alone (-: none, only through a pattern).\n"
          "# form\tlemma\tblock\tcode\twords before\twords after (of a multi-word verb)\n",
          verb_rows(blocks))
    write(f"{data}/cameo_patterns.tsv",
          f"# CAMEO verb patterns, derived by tools/derive_cameo.py from {verbs}: the words "
          "before and after a verb of the block that give it a code. Elements are separated by "
          "spaces and must appear in this order; an element's items (words, or &synsets of "
          "cameo_synsets.tsv) are joined by _ and must be adjacent. Code -: no event; ~: the "
          "target acts on the agent.\n# block\tbefore\tafter\tcode\n",
          pattern_rows(blocks, synsets))
    write(f"{data}/cameo_synsets.tsv",
          f"# CAMEO synonym sets, derived by tools/derive_cameo.py from {verbs}.\n"
          "# synset\tphrase\n", synset_rows(synsets))
    write(f"{data}/cameo_discards.tsv",
          f"# Discard phrases, derived by tools/derive_cameo.py from Phoenix.discards.txt of {src}: "
          "a story that holds a story phrase, or a sentence that holds a sentence phrase, is "
          "not coded for events (sport, entertainment, disasters, history).\n# phrase\tscope\n",
          discard_rows(f"{phoenix}/Phoenix.discards.txt"))
    write(f"{data}/goldstein.tsv",
          "# Goldstein conflict-cooperation weights of the CAMEO event codes (Goldstein 1992, as "
          "GDELT publishes them in CAMEO.goldsteinscale.txt), derived by tools/derive_cameo.py.\n"
          "# code\tweight\n", goldstein_rows(goldstein))


if __name__ == "__main__":
    main()
