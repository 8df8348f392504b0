/* oracle.h: the output invariants every fuzz harness checks; a broken one aborts with a message. */
#ifndef NR_FUZZ_ORACLE_H
#define NR_FUZZ_ORACLE_H

#include "newsrec.h"

#include <stddef.h>

/* Prints "oracle: <what>" and aborts: the fuzzer records the input as a crash. */
void oracle_fail(const char *fmt, ...);
/* A JSON Lines error for line lineno of file "fuzz": NR_EINPUT, its message starting
 * "fuzz:<lineno>: ". */
void oracle_jsonl_error(const nr_error *err, long lineno);
/* Valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
int oracle_utf8_ok(const char *s, size_t n);
/* The JSON document of one article, rendered with text: reparses with duplicate keys rejected,
 * has the contract's keys and types, every span is inside the text and equals its slice, and
 * every id it refers to exists. */
void oracle_json(const char *json, size_t len);
/* Renders an article to JSON (with text) and all five CSV tables and checks them: the JSON as
 * above; every table parses in libcsv strict mode (CSV_STRICT | CSV_STRICT_FINI) with the
 * header's column count on every row, and its ids resolve across tables; the GDELT rows have
 * 61 fields, a line per event. Returns everything
 * rendered, concatenated (caller frees), for determinism checks. */
char *oracle_render(const nr_article *a, int pretty, size_t *len);

/* The same bytes as oracle_render, without the checks (for a second run to compare). */
char *oracle_render_plain(const nr_article *a, int pretty, size_t *len);

#endif
