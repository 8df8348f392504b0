"""_tables.py: records (the JSON documents) to the five tables of the CSV data package, as typed pandas DataFrames."""
import json
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ("articles", "actors", "mentions", "statements", "events")
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
# Columns the data package types as strings that hold ISO dates (YYYY, YYYY-MM or YYYY-MM-DD).
DATE_COLUMNS = {("articles", "published"), ("events", "date")}


def _package():
    """schema/datapackage.json: installed beside the module, or in the source tree."""
    for path in (os.path.join(HERE, "datapackage.json"),
                 os.path.join(HERE, "..", "..", "schema", "datapackage.json")):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
    raise ImportError("newsrec: datapackage.json not found beside the module or in schema/")


FIELDS = {r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"]] for r in _package()["resources"]}


def _joined(items):
    return " | ".join(items)


def _text(span):
    return span["text"] if span else None


def _rows(rec, out):
    """Appends one record's rows to each table's list, as tables.c lays out the CSV rows."""
    a = rec["article"]
    aid = a["id"]
    out["articles"].append((aid, a["source"], a["title"], a["dateline"], a["published"], a["encoding"],
                            a["chars"], a["words"], a["sentences"], a["paragraphs"], _joined(a["warnings"])))
    names = {}
    mentions = []
    for ac in rec["actors"]:
        names[ac["id"]] = ac["name"]
        out["actors"].append((aid, ac["id"], ac["kind"], ac["name"], ac["key"], ac["title"], _joined(ac["aliases"]),
                              len(ac["mentions"]), ac["code"], ac["country"]))
        mentions.extend((m["start"], m["end"], ac["id"], m) for m in ac["mentions"])
    # the mentions table is in text order, across actors
    for start, end, actor, m in sorted(mentions, key=lambda x: (x[0], x[1])):
        out["mentions"].append((aid, actor, start, end, m["text"], m["form"], m["sentence"]))
    for s in rec["statements"]:
        cue = s["cue"]
        out["statements"].append((aid, s["id"], s["actor_id"], names.get(s["actor_id"]), _text(s["speaker"]),
                                  s["kind"], _text(cue), cue["lemma"] if cue else None, s["text"], s["start"],
                                  s["end"], s["paragraph"], s["sentence"]))
    for e in rec["events"]:
        t = e["trigger"]
        out["events"].append((aid, e["id"], e["type"], e["cameo"], e["quad_class"], e["goldstein"], t["text"],
                              t["lemma"], e["agent_id"], names.get(e["agent_id"]), e["agent_code"],
                              e["target_id"], names.get(e["target_id"]), e["target_code"], e["location_id"],
                              names.get(e["location_id"]), e["date"], e["date_precision"], e["date_text"],
                              e["negated"], e["lead"], e["statement_id"], e["sentence"], e["start"], e["end"]))


def _date(series):
    """ISO dates of day, month or year precision as datetime64; a month or a year is its first day."""
    s = series.astype("string")
    full = s.where(s.str.len() != 4, s + "-01-01")
    full = full.where(full.str.len() != 7, full + "-01")
    return pd.to_datetime(full, format="%Y-%m-%d")


def _frame(name, rows):
    fields = FIELDS[name]
    cols = list(zip(*rows)) if rows else [()] * len(fields)
    data = {}
    for (col, kind), values in zip(fields, cols):
        s = pd.Series(values, dtype="object")
        data[col] = _date(s) if (name, col) in DATE_COLUMNS else s.astype(DTYPES[kind])
    return pd.DataFrame(data, columns=[c for c, _ in fields])


def frames(records):
    out = {t: [] for t in TABLES}
    for rec in records:
        _rows(rec, out)
    return {t: _frame(t, out[t]) for t in TABLES}
