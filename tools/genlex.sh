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
# The place of each first word's first row in sorted rows (tab-separated), then the row count:
# a C table that leads from a word's number to its rows.
first_rows() {
    awk -F '\t' '$1 != prev { printf "    %d,\n", NR - 1; prev = $1 } END { printf "    %d,\n", NR }' "$@"
}
lists=""
for name in stopwords titles abbreviations org_words locations groups first_names particles \
    boilerplate organizations roles male_titles female_titles company_suffixes cue_adverbs pronouns determiners naming_verbs text_verbs time_nouns countries subdivisions cities \
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
    }' | awk -F '\t' '{ printf "%s\t%s\t%s\t%s\t\t\t0\n", $1, $2, $3, $4 }' > "$tmp.hand"
# The CAMEO verb blocks, numbered from 1 in byte order; 0 is no block (our own words).
grep -hv '^#' "$dir/cameo_verbs.tsv" | cut -f3 > "$tmp.blocks"
grep -v '^#' "$dir/cameo_patterns.tsv" | cut -f1 >> "$tmp.blocks"
sort -u "$tmp.blocks" -o "$tmp.blocks"
# The dictionary's verbs join ours: form, lemma, code, part of speech, words before and after
# a multi-word verb, block. Entries of one form are adjacent: nouns, then our verbs, then the
# dictionary's.
grep -v '^#' "$dir/cameo_verbs.tsv" | awk -F '\t' -v blocks="$tmp.blocks" '
    BEGIN { while ((getline b < blocks) > 0) number[b] = ++n }
    NF >= 4 { printf "%s\t%s\t%s\tverb\t%s\t%s\t%d\n", $1, $2, $4, $5, $6, number[$3] }' |
    cat "$tmp.hand" - | sort -s -t '	' -k1,1 -k4,4 -k7,7n -k5,6 |
    awk -F '\t' '!seen[$1 FS $4 FS $5 FS $6 FS $7]++' > "$tmp.events"
# Their forms are two more lists of the index, so one probe tells a token that is neither
# (nearly every token) from one that needs the table search.
cut -f1 "$tmp.speech" > "$tmp.speech_forms"
awk -F '\t' '$7 == 0 { print $1 }' "$tmp.events" | uniq > "$tmp.event_forms"
# The forms only the dictionary's verbs have: the events stage looks them up only in a sentence
# that names a coded actor, since such a verb is coded only with a coded agent.
cut -f1 "$tmp.events" | uniq | comm -23 - "$tmp.event_forms" > "$tmp.cameo_forms"
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
for f in $lists; do grep -v '^#' "${f#*=}"; done | cat - "$tmp.speech_forms" "$tmp.event_forms" "$tmp.cameo_forms" \
    "$tmp.work_starts" "$tmp.name_starts" | tr 'A-Z' 'a-z' | sort -u > "$tmp.held"
comm -12 "$tmp.cameo_firsts" "$tmp.held" > "$tmp.held_cameo_firsts"
comm -12 "$tmp.agent_firsts" "$tmp.held" > "$tmp.held_agent_firsts"
# The key of each verb pattern (its longest word, as the S_patterns table below chooses it) and
# the first words of the synsets' phrases, with their plurals: each form with the key it is
# ("-": none) and the synsets it may begin ("," apart). A verb tries a pattern only when its
# clause holds the key and a first word of each synset the pattern names.
# Each pattern with its key word ("-": none) and the key's half: 1 before the verb, 2 after.
grep -v '^#' "$dir/cameo_patterns.tsv" | awk -F '\t' 'NF == 4 {
        key = "-"; half = 0
        for (h = 2; h <= 3; h++) {
            m = split($h, item, /[ _]/)
            for (k = 1; k <= m; k++)
                if (substr(item[k], 1, 1) != "&" && (key == "-" || length(item[k]) > length(key))) {
                    key = item[k]; half = h - 1
                }
        }
        printf "%s\t%s\t%d\n", $0, key, half
    }' > "$tmp.keyed"
awk -F '\t' '$5 != "-" { print $5 }' "$tmp.keyed" | sort -u > "$tmp.keys"
# The synsets in byte order of their names: a synset's number is its place here.
grep -v '^#' "$dir/cameo_synsets.tsv" | awk -F '\t' 'NF == 2' | sort -s -t '	' -k1,1 > "$tmp.synsets"
awk -F '\t' -v keys="$tmp.keys" '
    function forms(w, key, synset) {
        printf "%s\t%s\t%s\n%ss\t%s\t%s\n%ses\t%s\t%s\n", w, key, synset, w, key, synset, w, key, synset
        if (w ~ /[^aeiou]y$/) printf "%sies\t%s\t%s\n", substr(w, 1, length(w) - 1), key, synset
    }
    BEGIN { while ((getline k < keys) > 0) forms(k, k, "-") }
    NF == 2 {
        if (!($1 in number)) number[$1] = synsets++
        split($2, word, " "); forms(word[1], "-", number[$1])
    }' "$tmp.synsets" | sort -t '	' -k1,1 | awk -F '\t' '
    function flush() { if (form != "") printf "%s\t%s\t%s\n", form, key, set == "" ? "-" : set }
    $1 != form { flush(); form = $1; key = "-"; set = ""; split("", seen) }
    { if (key == "-" && $2 != "-") key = $2
      if ($3 != "-" && !($3 in seen)) { seen[$3] = 1; set = set (set == "" ? "" : ",") $3 } }
    END { flush() }' > "$tmp.key_forms"
cut -f1 "$tmp.key_forms" > "$tmp.pattern_keys"
# The first words of the discard phrases, so the events stage tries a phrase only from one.
# Our topic terms join them, with their topic as the scope; a phrase the dictionary lists keeps
# its scope.
grep -hv '^#' "$dir/cameo_discards.tsv" "$dir/topic_terms.tsv" | awk -F '\t' 'NF == 2 && !seen[$1]++' |
    sort -t '	' -k1,1 > "$tmp.discards"
cut -f1 "$tmp.discards" | cut -d ' ' -f1 | sort -u > "$tmp.discard_firsts"
# A token's one probe of the index also gives its place among the event forms (S_form_rows
# has that place's first entry of S_events) and among the pattern keys (S_key_of_form): no
# second lookup per token.
cut -f1 "$tmp.events" | uniq > "$tmp.form_list"
# shellcheck disable=SC2086
"$genindex" "$tmp" $lists speech_forms="$tmp.speech_forms" event_forms="$tmp.event_forms" \
    work_starts="$tmp.work_starts" name_starts="$tmp.name_starts" \
    held_cameo_firsts="$tmp.held_cameo_firsts" held_agent_firsts="$tmp.held_agent_firsts" \
    discard_firsts="$tmp.discard_firsts" cameo_forms="$tmp.cameo_forms" \
    +event_rows="$tmp.form_list" +key_rows="$tmp.pattern_keys"
"$genindex" --index=S_cameo --ranks --filter "$tmp.cameo" cameo_names="$tmp.cameo_names" \
    agent_nouns="$tmp.agent_nouns" cameo_firsts="$tmp.cameo_firsts" agent_firsts="$tmp.agent_firsts"
cat "$tmp.cameo" >> "$tmp"
{
    echo "static const char *const S_speech[][2] = {"
    awk -F '\t' '{ printf "    {\"%s\", \"%s\"},\n", $1, $2 }' "$tmp.speech"
    echo "};"
    echo "static const uint16_t S_form_rows[] = {"
    first_rows "$tmp.events"
    echo "};"
    # Per key form, in pattern_keys order: its key's number (from 1, in byte order; 0: none) and
    # the synsets it may begin.
    echo "static const nr_pattern_key S_key_of_form[] = {"
    awk -F '\t' -v keys="$tmp.keys" 'BEGIN { while ((getline k < keys) > 0) id[k] = ++n }
        { m = split($3, set, ","); mask = ""
          for (k = 1; k <= m; k++) if (set[k] != "-") mask = mask (mask == "" ? "" : " | ") "1ull << " set[k]
          printf "    {%d, %s},\n", $2 == "-" ? 0 : id[$2], mask == "" ? "0" : mask }' "$tmp.key_forms"
    echo "};"
    # The rows in form order, without the form: S_form_rows leads a form's rank to them.
    echo "static const nr_event_word S_events[] = {"
    grep -v '^#' "$dir/event_senses.tsv" | cut -f1 | sort -u > "$tmp.sensed"
    awk -F '\t' -v sensed="$tmp.sensed" '
        BEGIN { while ((getline l < sensed) > 0) has[l] = 1 }
        { printf "    {\"%s\", %s, \"%s\", \"%s\", %d, %s, %s},\n", $2,
                 $3 == "-" ? "NULL" : "\"" $3 "\"", $5, $6, $7, $4 == "noun" ? "true" : "false",
                 ($2 in has) ? "true" : "false" }' "$tmp.events"
    echo "};"
    # The patterns of each block, in block order, and within a block by key: those without a
    # key first, then a run per key, which the matcher finds by a search for each key its
    # clause holds. S_block_patterns gives each block's first pattern (block 0 has none), then
    # the end. A key is written by its number in the key list.
    awk -F '\t' -v blocks="$tmp.blocks" -v keys="$tmp.keys" '
        BEGIN { while ((getline b < blocks) > 0) number[b] = ++n
                while ((getline k < keys) > 0) key_id[k] = ++n_keys }
        { printf "%d\t%s\t%s\t%s\t%d\t%d\n", number[$1], $2, $3, $4, $5 == "-" ? 0 : key_id[$5], $6 }' \
        "$tmp.keyed" | sort -s -t '	' -k1,1n -k5,5n > "$tmp.patterns"
    # Each pattern's starts: one bit of 64 per element that begins with a word, not a synset,
    # chosen by the word's first two letters as nr_word_start_bit chooses them. A verb whose
    # clause has no word with one of those bits set cannot match the pattern.
    echo "static const nr_event_pattern S_patterns[] = {"
    # A pattern's first synset adds its phrases' bits, of which the clause must have one.
    awk -F '\t' -v patterns="$tmp.patterns" '
        BEGIN { for (i = 0; i < 256; i++) code[sprintf("%c", i)] = i }
        function start_bit(w,   c0, c1) {
            c0 = code[substr(w, 1, 1)]; c1 = length(w) > 1 ? code[substr(w, 2, 1)] : 0
            return (c0 * 31 + c1) % 64
        }
        function mask_of(   b, m) {
            m = ""
            for (b = 0; b < 64; b++) if (b in bits) m = m (m == "" ? "" : " | ") "1ull << " b
            return m == "" ? "0" : m
        }
        NF == 2 && !("&" $1 in number) { number["&" $1] = synsets++ }
        END {
            while ((getline line < patterns) > 0) {
                split(line, f, "\t")
                # A synset is written by its number ("&7"): the matcher needs no search for it.
                for (h = 2; h <= 3; h++) {
                    text = f[h]; out = ""
                    while (match(text, /&[a-z0-9-]+/)) {
                        out = out substr(text, 1, RSTART - 1) "&" number[substr(text, RSTART, RLENGTH)]
                        text = substr(text, RSTART + RLENGTH)
                    }
                    f[h] = out text
                }
                n = split(f[2] " " f[3], el, " ")
                for (k = 1; k <= n; k++) {
                    split(el[k], item, "_")
                    if (substr(item[1], 1, 1) != "&") bits[start_bit(item[1])] = 1
                }
                # Every synset it names, by number.
                named = ""; split("", seen)
                m = split(f[2] " " f[3], item, /[ _]/)
                for (k = 1; k <= m; k++)
                    if (substr(item[k], 1, 1) == "&" && !(item[k] in seen)) {
                        seen[item[k]] = 1; named = named (named == "" ? "" : " | ") "1ull << " substr(item[k], 2)
                    }
                printf "    {\"%s\", \"%s\", \"%s\", %s, %s, %d, %d},\n", f[2], f[3], f[4],
                       mask_of(), named == "" ? "0" : named, f[5], f[6]
                split("", bits)
            }
        }' "$tmp.synsets"
    echo "};"
    echo "static const uint16_t S_block_patterns[] = {"
    awk -F '\t' -v n="$(wc -l < "$tmp.blocks")" '
        { count[$1]++ } END { at = 0; for (b = 0; b <= n; b++) { printf "    %d,\n", at; at += count[b] }
                              printf "    %d,\n", at }' "$tmp.patterns"
    echo "};"
    # Each synset's first phrase, by the synset's number (its place in byte order), then the end.
    echo "static const uint16_t S_synset_rows[] = {"
    first_rows "$tmp.synsets"
    echo "};"
    echo "static const nr_event_synset S_synsets[] = {"
    awk -F '\t' '{ printf "    {\"%s\", %d},\n", $2, length($2) }' "$tmp.synsets"
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
    first_rows "$tmp.rows"
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
    echo "static const nr_discard S_discards[] = {"
    awk -F '\t' '{ printf "    {\"%s\", NR_DISCARD_%s},\n", $1, toupper($2) }' "$tmp.discards"
    echo "};"
    echo "static const nr_goldstein S_goldstein[] = {"
    grep -v '^#' "$dir/goldstein.tsv" | awk -F '\t' 'NF == 2' | sort -u -t '	' -k1,1 |
        awk -F '\t' '{ printf "    {\"%s\", %.1f},\n", $1, $2 }'
    echo "};"
} >> "$tmp"
rm -f "$tmp.speech" "$tmp.events" "$tmp.speech_forms" "$tmp.event_forms" "$tmp.cameo_forms" "$tmp.work_starts" \
    "$tmp.name_starts" "$tmp.cameo_names" "$tmp.agent_nouns" "$tmp.cameo_firsts" "$tmp.agent_firsts" "$tmp.cameo" \
    "$tmp.held" "$tmp.held_cameo_firsts" "$tmp.held_agent_firsts" "$tmp.rows" "$tmp.agent_rows" \
    "$tmp.hand" "$tmp.blocks" "$tmp.patterns" "$tmp.discards" "$tmp.discard_firsts" "$tmp.form_list" \
    "$tmp.pattern_keys" "$tmp.key_forms" "$tmp.keys" "$tmp.keyed" "$tmp.synsets" \
    "$tmp.sensed"
mv "$tmp" "$out"
