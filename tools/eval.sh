#!/bin/sh
# eval.sh: runs newsrec on the development gold files and prints the reference scorer's tables.
# Usage: tools/eval.sh NEWSREC SHARED_DIR OUT_DIR PYTHON
set -eu
newsrec=$1 shared=$2 out=$3 python=$4
if [ ! -f "$shared/eval/score.py" ]; then
    echo "eval: $shared/eval/score.py not found; skipped"
    exit 0
fi
mkdir -p "$out"
gold=$shared/gold
score="$python $shared/eval/score.py"
"$newsrec" --format jsonl --quiet "$gold/statements/polnear-dev.jsonl" > "$out/polnear-dev.jsonl"
"$newsrec" --format jsonl --quiet "$gold/actors/conll2003-dev.jsonl" > "$out/conll2003-dev.jsonl"
"$newsrec" --format jsonl --quiet "$gold/events/plover-dev.jsonl" > "$out/plover-dev.jsonl"
# WikiEvents marks every mention of an event, nouns too: trigger detection, --events all.
"$newsrec" --format jsonl --quiet --events all "$gold/events/wikievents-dev.jsonl" \
    > "$out/wikievents-dev.jsonl"
echo "== statements: PolNeAR dev, direct and mixed quotations with a verb-of-saying cue"
$score statements "$gold/statements/polnear-dev.jsonl" "$out/polnear-dev.jsonl" \
    --types direct,mixed --speech-only --allow-split
echo "== statements: PolNeAR dev, direct and mixed quotations with any cue (issue 4's target: quote+speaker F1 >= 0.80)"
$score statements "$gold/statements/polnear-dev.jsonl" "$out/polnear-dev.jsonl" \
    --types direct,mixed --allow-split
echo "== statements: PolNeAR dev, speech attributions of every kind"
$score statements "$gold/statements/polnear-dev.jsonl" "$out/polnear-dev.jsonl" --speech-only
echo "== statements: PolNeAR dev, all attributions"
$score statements "$gold/statements/polnear-dev.jsonl" "$out/polnear-dev.jsonl"
echo "== actors: CoNLL-2003 dev (for comparison: compromise, the best rule-based peer, scores about 0.53 exact F1)"
$score actors "$gold/actors/conll2003-dev.jsonl" "$out/conll2003-dev.jsonl"
echo "== events: PLOVER dev"
$score events "$gold/events/plover-dev.jsonl" "$out/plover-dev.jsonl"
echo "== events: WikiEvents dev (--events all)"
$score events "$gold/events/wikievents-dev.jsonl" "$out/wikievents-dev.jsonl"
