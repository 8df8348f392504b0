#!/bin/sh
# genlex.sh: compiles data/lexicons into C tables (build/gen/lexicons.c) with the genindex build tool.
# Usage: tools/genlex.sh DATA_DIR OUT_FILE GENINDEX. Word lists are lower-cased (ASCII) and looked
# up case-insensitively through one hash index; the list order below is nr_lexicon_id's order.
# Speech and event verbs are compiled as written, sorted in byte order (LC_ALL=C) for binary
# search, so the output is the same on every machine.
set -eu
dir=$1
out=$2
genindex=$3
export LC_ALL=C
tmp=$out.tmp
lists=""
for name in stopwords titles abbreviations org_words locations groups first_names particles \
    boilerplate organizations roles male_titles female_titles company_suffixes cue_adverbs pronouns determiners naming_verbs time_nouns countries subdivisions cities \
    male_names female_names common_words proper_nouns quantifiers adjunct_openers; do
    lists="$lists $name=$dir/$name.txt"
done
# shellcheck disable=SC2086
"$genindex" "$tmp" $lists
{
    echo "static const char *const S_speech[][2] = {"
    grep -v '^#' "$dir/speech_verbs.tsv" | sort -u -t '	' -k1,1 |
        awk -F '\t' 'NF == 2 { printf "    {\"%s\", \"%s\"},\n", $1, $2 }'
    echo "};"
    echo "static const nr_event_verb S_events[] = {"
    grep -v '^#' "$dir/event_verbs.tsv" | sort -u -t '	' -k1,1 |
        awk -F '\t' 'NF == 3 { printf "    {\"%s\", \"%s\", \"%s\"},\n", $1, $2, $3 }'
    echo "};"
} >> "$tmp"
mv "$tmp" "$out"
