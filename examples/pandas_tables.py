#!/usr/bin/env python3
"""pandas_tables.py: statements per speaker and events per country pair from the newsrec tables, as a notebook would do it."""
# Run from the source tree after make:  PYTHONPATH=python python3 examples/pandas_tables.py [PATH...]
# (default: the bundled example articles). Each "# %%" block is a notebook cell.

# %% Extract: the five tables as DataFrames, straight from the articles.
import sys

import newsrec

paths = sys.argv[1:] or ["corpus/examples"]
t = newsrec.tables(paths)
statements, events, actors = t["statements"], t["events"], t["actors"]
print("%d articles, %d actors, %d statements, %d events" % (len(t["articles"]), len(actors), len(statements),
                                                           len(events)))

# %% Who speaks most: statements per speaker, split by kind. A speaker is an actor, so "the
# mayor", "Ruiz" and "she" count as one person when newsrec linked them.
per_speaker = (statements.dropna(subset=["actor_id"])
               .pivot_table(index="speaker_name", columns="kind", values="statement_id", aggfunc="count",
                            fill_value=0))
per_speaker["total"] = per_speaker.sum(axis=1)
print(per_speaker.sort_values("total", ascending=False).head(10))

# %% The words they use to say it.
print(statements["cue_lemma"].value_counts().head(10))

# %% Who does what to whom: events per country pair. An event's agent and target are actors;
# an actor's country is its CAMEO country code (USA, GBR, ...).
country = actors.set_index("actor_id")["country"]
pairs = events.assign(agent_country=events["agent_id"].map(country),
                      target_country=events["target_id"].map(country))
pairs = pairs.dropna(subset=["agent_country", "target_country"])
print(pairs.groupby(["agent_country", "target_country"])
      .agg(events=("event_id", "count"), goldstein=("goldstein", "mean"))
      .sort_values("events", ascending=False).head(10))

# %% Cooperation against conflict: CAMEO's quad classes by year (dates are datetime64; a date
# known only to the year is its first day, so group by year, not by month or day).
dated = events.dropna(subset=["date"])
print(dated.groupby([dated["date"].dt.year.rename("year"), "quad_class"]).size().unstack(fill_value=0))
