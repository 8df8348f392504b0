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
    male_names female_names common_words proper_nouns quantifiers adjunct_openers companies agencies clubs \
    org_names other_names not_names company_nouns work_nouns works company_attributes other_heads \
    place_heads show_nouns broadcasters occupations place_classes person_classes body_classes \
    thing_classes standards; do
    lists="$lists $name=$dir/$name.txt"
done
# Speech verbs: form and lemma, sorted by form.
grep -v '^#' "$dir/speech_verbs.tsv" | sort -u -t '	' -k1,1 | awk -F '\t' 'NF == 2' > "$tmp.speech"
# Event words: every surface form (the listed forms, or the lemma and its regular forms) with
# its lemma, code and part of speech, sorted by form then part of speech (noun before verb);
# a form listed twice as the same part of speech keeps its first line.
grep -v '^#' "$dir/event_words.tsv" | awk -F '\t' '
    function emit(form) { printf "%s\t%s\t%s\t%s\n", form, $1, $3, $2 }
    function plural(w) {
        if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ies"
        if (w ~ /(s|sh|ch|x|z|o)$/) return w "es"
        return w "s"
    }
    NF >= 3 {
        if (NF >= 4 && $4 != "") {
            n = split($4, f, " ")
            for (k = 1; k <= n; k++) emit(f[k])
        } else if ($2 == "noun") {
            emit($1)
            if ($1 !~ /[^s]s$/) emit(plural($1))
        } else {
            emit($1)
            emit(plural($1))
            w = $1
            if (w ~ /e$/) emit(w "d")
            else if (w ~ /[^aeiou]y$/) emit(substr(w, 1, length(w) - 1) "ied")
            else emit(w "ed")
            if (w ~ /ie$/) emit(substr(w, 1, length(w) - 2) "ying")
            else if (w ~ /[^e]e$/) emit(substr(w, 1, length(w) - 1) "ing")
            else emit(w "ing")
        }
    }' | sort -s -u -t '	' -k1,1 -k4,4 > "$tmp.events"
# Their forms are two more lists of the index, so one probe tells a token that is neither
# (nearly every token) from one that needs the table search.
cut -f1 "$tmp.speech" > "$tmp.speech_forms"
cut -f1 "$tmp.events" > "$tmp.event_forms"
# The first words of the film titles: the actor stage looks titles up only from these.
grep -v '^#' "$dir/works.txt" | cut -d ' ' -f1 | sed "s/'s$//" | sort -u > "$tmp.work_starts"
# Every point in a listed name's first word where its first token can end: before a space, an
# ASCII sign or a UTF-8 lead byte ("new" of "new york", "at" of "at&t", "mcdonald" of
# "mcdonald's"). Names of several tokens are looked up only from a token that is one of these,
# so they must cover every list matched over runs of tokens: S_gaz_lists in src/tagger.c and
# S_known_names_at in src/actors.c.
for name in countries subdivisions cities locations companies agencies org_names broadcasters \
    clubs other_names not_names organizations groups; do
    grep -v '^#' "$dir/$name.txt"
done | awk '{
    w = tolower($0)
    for (i = 2; i <= length(w); i++) {
        c = substr(w, i, 1)
        if (c !~ /[a-z0-9]/ && (c < "\200" || c >= "\300")) print substr(w, 1, i - 1)
        if (c == " ") break
    }
}' | sort -u > "$tmp.name_starts"
# The CAMEO names and agent nouns, in an index of their own that the per-token lookups never
# touch. The codes stage tries a run of words only from a first word of a name or noun. For a
# word the main index holds anyway, two lists of the main index say so, and no probe of the
# second index is needed; every first word is in the second index for the other words. Only
# words already held are marked in the main index: a larger main index slows every token.
grep -v '^#' "$dir/cameo_actors.tsv" | cut -f1 | sort -u > "$tmp.cameo_names"
grep -v '^#' "$dir/cameo_agents.tsv" | cut -f1 | sort -u > "$tmp.agent_nouns"
cut -d ' ' -f1 "$tmp.cameo_names" | sort -u > "$tmp.cameo_firsts"
cut -d ' ' -f1 "$tmp.agent_nouns" | sort -u > "$tmp.agent_firsts"
for f in $lists; do grep -v '^#' "${f#*=}"; done | cat - "$tmp.speech_forms" "$tmp.event_forms" \
    "$tmp.work_starts" "$tmp.name_starts" | tr 'A-Z' 'a-z' | sort -u > "$tmp.held"
comm -12 "$tmp.cameo_firsts" "$tmp.held" > "$tmp.held_cameo_firsts"
comm -12 "$tmp.agent_firsts" "$tmp.held" > "$tmp.held_agent_firsts"
# shellcheck disable=SC2086
"$genindex" "$tmp" $lists speech_forms="$tmp.speech_forms" event_forms="$tmp.event_forms" \
    work_starts="$tmp.work_starts" name_starts="$tmp.name_starts" \
    held_cameo_firsts="$tmp.held_cameo_firsts" held_agent_firsts="$tmp.held_agent_firsts"
"$genindex" --index=S_cameo --ranks "$tmp.cameo" cameo_names="$tmp.cameo_names" \
    agent_nouns="$tmp.agent_nouns" cameo_firsts="$tmp.cameo_firsts" agent_firsts="$tmp.agent_firsts"
cat "$tmp.cameo" >> "$tmp"
{
    echo "static const char *const S_speech[][2] = {"
    awk -F '\t' '{ printf "    {\"%s\", \"%s\"},\n", $1, $2 }' "$tmp.speech"
    echo "};"
    echo "static const nr_event_word S_events[] = {"
    awk -F '\t' '{ printf "    {\"%s\", \"%s\", %s, %s},\n", $1, $2,
                    $3 == "-" ? "NULL" : "\"" $3 "\"", $4 == "noun" ? "true" : "false" }' "$tmp.events"
    echo "};"
    echo "static const nr_event_sense S_senses[] = {"
    grep -v '^#' "$dir/event_senses.tsv" | sort -u -t '	' -k1,2 |
        awk -F '\t' 'NF == 3 { printf "    {\"%s\", \"%s\", \"%s\"},\n", $1, $2, $3 }'
    echo "};"
    # CAMEO actor codes by name, then first day (an open start, 0, first). The names are in the
    # order of the index's cameo_names list, so a name's place there (its rank, which the index
    # gives) leads through S_cameo_name_rows to its rows: the first row of each name, then the
    # number of rows.
    grep -v '^#' "$dir/cameo_actors.tsv" | awk -F '\t' 'NF == 5' | sort -s -t '	' -k1,1 -k3,3 \
        > "$tmp.rows"
    # The ranks are only right if the rows' names are the index's list, in its order.
    cut -f1 "$tmp.rows" | uniq | cmp -s - "$tmp.cameo_names" ||
        { echo "genlex.sh: cameo_actors.tsv's names are not in cameo_names order" >&2; exit 1; }
    echo "static const nr_cameo_actor S_cameo_actors[] = {"
    awk -F '\t' '{ printf "    {\"%s\", \"%s\", %d, %d, %s},\n", $1, $2, $3 + 0, $4 + 0,
                    $5 == "place" ? "true" : "false" }' "$tmp.rows"
    echo "};"
    echo "static const uint32_t S_cameo_name_rows[] = {"
    awk -F '\t' '$1 != prev { printf "    %d,\n", NR - 1; prev = $1 } END { printf "    %d,\n", NR }' \
        "$tmp.rows"
    echo "};"
    echo "static const char *const S_cameo_countries[] = {"
    grep -v '^#' "$dir/cameo_actors.tsv" | awk -F '\t' '$5 == "place" && length($2) == 3 { print $2 }' |
        sort -u | awk '{ printf "    \"%s\",\n", $1 }'
    echo "};"
    grep -v '^#' "$dir/cameo_agents.tsv" | awk -F '\t' 'NF == 2' | sort -u -t '	' -k1,1 \
        > "$tmp.agent_rows"
    cut -f1 "$tmp.agent_rows" | cmp -s - "$tmp.agent_nouns" ||
        { echo "genlex.sh: cameo_agents.tsv's nouns are not in agent_nouns order" >&2; exit 1; }
    echo "static const nr_cameo_agent S_cameo_agents[] = {"
    awk -F '\t' '{ printf "    {\"%s\", \"%s\"},\n", $1, $2 }' "$tmp.agent_rows"
    echo "};"
    echo "static const nr_goldstein S_goldstein[] = {"
    grep -v '^#' "$dir/goldstein.tsv" | awk -F '\t' 'NF == 2' | sort -u -t '	' -k1,1 |
        awk -F '\t' '{ printf "    {\"%s\", %.1f},\n", $1, $2 }'
    echo "};"
} >> "$tmp"
rm -f "$tmp.speech" "$tmp.events" "$tmp.speech_forms" "$tmp.event_forms" "$tmp.work_starts" \
    "$tmp.name_starts" "$tmp.cameo_names" "$tmp.agent_nouns" "$tmp.cameo_firsts" "$tmp.agent_firsts" "$tmp.cameo" \
    "$tmp.held" "$tmp.held_cameo_firsts" "$tmp.held_agent_firsts" "$tmp.rows" "$tmp.agent_rows"
mv "$tmp" "$out"
