#!/bin/sh
# cv_statements.sh: K-fold cross-validation of the statement stage on PolNeAR's training split, scored by the reference scorer.
# Usage: tools/cv_statements.sh TRAIN_CUES SHARED_DIR OUT_DIR PYTHON EPOCHS FOLDS
set -eu
trainer=$1 shared=$2 out=$3 python=$4 epochs=$5 folds=$6
train=$shared/gold/statements/polnear-train.jsonl
if [ ! -f "$train" ] || [ ! -f "$shared/eval/score.py" ]; then
    echo "cv-statements: $train or the scorer not found; skipped"
    exit 0
fi
mkdir -p "$out"
"$trainer" --epochs "$epochs" --folds "$folds" --fold-dir "$out" "$train" "$out/statements.tsv"
score() { # gold pred options...: the headline's quote+speaker F1
    g=$1 p=$2
    shift 2
    $python "$shared/eval/score.py" statements "$g" "$p" "$@" --json 2>/dev/null |
        $python -c 'import json,sys; print("%.1f" % (100 * json.load(sys.stdin)["headline"]["quote+speaker_F1"]))'
}
printf 'fold\tdirect+mixed\tspeech\tall\n'
rows=$out/folds.tsv
: > "$rows"
f=0
while [ "$f" -lt "$folds" ]; do
    g=$out/gold-$f.jsonl p=$out/pred-$f.jsonl
    printf '%s\t%s\t%s\t%s\n' "$f" "$(score "$g" "$p" --types direct,mixed --speech-only --allow-split)" \
        "$(score "$g" "$p" --speech-only)" "$(score "$g" "$p")" | tee -a "$rows"
    f=$((f + 1))
done
awk -F '\t' '{ for (c = 2; c <= 4; c++) sum[c] += $c } END { printf "mean\t%.1f\t%.1f\t%.1f\n", sum[2] / NR, sum[3] / NR, sum[4] / NR }' "$rows"
