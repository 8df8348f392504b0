# Makefile: builds libnewsrec and the newsrec command, runs the tests, the evaluation and the demo.
CC ?= cc
PYTHON ?= /usr/bin/python3
# -O3 with link-time optimization: the stages call small helpers across files (token tests,
# UTF-8 steps, buffer appends); inlining them made BBC to JSON Lines about 15% faster.
CFLAGS ?= -O3 -g -flto=auto
AR = gcc-ar
WARN = -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes
ifeq ($(CI),true)
WARN += -Werror
endif
CPPFLAGS += -D_GNU_SOURCE -Isrc -Ibuild/gen
LDLIBS = -lcsv -ljansson -lxlsxwriter -lz -lsqlite3

SHARED ?= ../shared
BUILD = build
LIB_SRC = src/arena.c src/buf.c src/utf8.c src/hash.c src/record.c src/decode.c src/normalize.c \
          src/segment.c src/lexicon.c src/strmap.c src/dates.c src/tagger.c src/actors.c \
          src/attribution.c src/statements.c src/verbs.c src/events.c src/codes.c src/pipeline.c src/lines.c src/jsonl.c src/tables.c src/write_json.c src/write_gdelt.c src/write_csv.c \
          src/write_xlsx.c src/xlsx_check.c src/write_sqlite.c src/write_html.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
# The command: main.c wires the arguments, inputs, outputs (one file per format) and report.
CMD_SRC = src/main.c src/args.c src/inputs.c src/seen.c src/work.c src/outputs.c src/out_json.c \
          src/out_csv.c src/out_xlsx.c src/out_sqlite.c src/out_html.c src/out_gdelt.c src/report.c src/messages.c \
          src/pool.c
CMD_OBJ = $(CMD_SRC:src/%.c=$(BUILD)/obj/%.o)
CMD_HDR = src/command.h src/pool.h
LEXICONS = $(wildcard data/lexicons/*.txt data/lexicons/*.tsv)
MODEL = data/models/tagger.tsv
STATEMENT_MODEL = data/models/statements.tsv
STATEMENT_EPOCHS = 10
STATEMENT_FOLDS = 5
EPOCHS = 20
# The tagger is the mean of this many training runs over differently shuffled documents.
RUNS = 16
TEST_BINS = $(BUILD)/test_units $(BUILD)/csvcheck

.PHONY: structure format format-check all check unit-tests integration-tests eval demo clean lint model model-statements cv-statements gazetteers cameo \
        fuzz fuzz-replay fuzz-smoke fuzz-cov bench bench-peers bench-hostile memcheck \
        interop render-sheet install pipelines html-view

# The command, and the shared library the Python package (python/newsrec) loads from the tree.
all: $(BUILD)/newsrec $(BUILD)/libnewsrec.so

# Build tool, compiled and run on the build machine.
$(BUILD)/genindex: tools/genindex.c src/internal.h src/newsrec.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O1 -o $@ tools/genindex.c

$(BUILD)/gen/lexicons.c: $(LEXICONS) tools/genlex.sh $(BUILD)/genindex
	@mkdir -p $(@D)
	sh tools/genlex.sh data/lexicons $@ $(BUILD)/genindex

$(BUILD)/obj/lexicon.o: $(BUILD)/gen/lexicons.c

$(BUILD)/gen/tagger_model.c: $(wildcard $(MODEL)) tools/genmodel.sh
	@mkdir -p $(@D)
	sh tools/genmodel.sh $(MODEL) $@

$(BUILD)/obj/tagger.o: $(BUILD)/gen/tagger_model.c

$(BUILD)/gen/statements_model.c: $(wildcard $(STATEMENT_MODEL)) tools/genmodel.sh
	@mkdir -p $(@D)
	sh tools/genmodel.sh $(STATEMENT_MODEL) $@

$(BUILD)/obj/attribution.o: $(BUILD)/gen/statements_model.c

$(BUILD)/gen/html_assets.c: data/html/view.css data/html/view.js tools/genhtml.py
	@mkdir -p $(@D)
	$(PYTHON) tools/genhtml.py data/html/view.css data/html/view.js $@

$(BUILD)/obj/write_html.o: $(BUILD)/gen/html_assets.c

$(BUILD)/obj/%.o: src/%.c src/newsrec.h src/internal.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD)/libnewsrec.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# The command (CMD_SRC, with its worker pool; not part of the library) on libnewsrec.
$(BUILD)/newsrec: $(CMD_OBJ) $(BUILD)/libnewsrec.a
	$(CC) $(CFLAGS) -pthread -o $@ $^ $(LDLIBS)

$(CMD_OBJ): $(CMD_HDR)

$(BUILD)/test_units: tests/test_units.c $(BUILD)/libnewsrec.a src/internal.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tests/test_units.c $(BUILD)/libnewsrec.a $(LDLIBS)

$(BUILD)/csvcheck: tests/csvcheck.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< -lcsv

# Every test: C unit tests, then the data-driven and end-to-end tests; one summary line.
check: structure format-check all $(TEST_BINS) $(BUILD)/train-tagger $(BUILD)/train-statements $(BUILD)/fuzz-gcc/newsrec $(BUILD)/tsan/newsrec
	$(PYTHON) tests/run_tests.py --newsrec $(BUILD)/newsrec --units $(BUILD)/test_units \
	    --csvcheck $(BUILD)/csvcheck --trainer $(BUILD)/train-tagger --epochs $(EPOCHS) --runs $(RUNS) \
	    --statement-trainer $(BUILD)/train-statements --statement-epochs $(STATEMENT_EPOCHS) \
	    --sanitized $(BUILD)/fuzz-gcc/newsrec --threads-sanitized $(BUILD)/tsan/newsrec \
	    --shared $(SHARED)
	$(PYTHON) tests/python_module.py --newsrec $(BUILD)/newsrec --csvcheck $(BUILD)/csvcheck --shared $(SHARED)
	@$(MAKE) -s fuzz-replay

# Scores on the development gold files with the reference scorer (skipped without ../shared).
eval: all
	@sh tools/eval.sh $(BUILD)/newsrec $(SHARED) $(BUILD)/eval $(PYTHON)

# Throughput and memory on BENCH_MB megabytes made from the BBC corpus, beside wc -w; then the
# peak memory of a STREAM_MB JSON Lines stream.
BENCH_MB ?= 100
bench: all
	$(PYTHON) tools/bench.py --newsrec $(BUILD)/newsrec --corpus $(SHARED)/corpus/bbc \
	    --work $(BUILD)/bench --mb $(BENCH_MB) --stream-mb $(STREAM_MB)

# newsrec beside compromise (npm, pinned in tools/peers) on the same 5 MB slice of the corpus.
bench-peers: all
	$(PYTHON) tools/bench_peers.py --newsrec $(BUILD)/newsrec --corpus $(SHARED)/corpus/bbc \
	    --work $(BUILD)/bench-peers

# Pathological inputs (seconds per MB at two sizes) and the peak memory of a JSON Lines stream
# of STREAM_MB megabytes made from the BBC corpus on the fly (docs/ERRORS.md).
STREAM_MB ?= 1024
bench-hostile: all
	$(PYTHON) tools/bench_hostile.py --newsrec $(BUILD)/newsrec --corpus $(SHARED)/corpus/bbc \
	    --stream-mb $(STREAM_MB)

# LibreOffice (headless) reads the Excel-dialect CSV and the xlsx workbook back, cell by cell.
interop: all $(BUILD)/csvcheck
	$(PYTHON) tests/interop.py --newsrec $(BUILD)/newsrec --csvcheck $(BUILD)/csvcheck --shared $(SHARED)

# A PNG of the statements sheet of the bundled examples' workbook, as LibreOffice draws it.
render-sheet: all
	sh tools/render_sheet.sh $(BUILD)/newsrec $(BUILD)/render corpus/examples

# ---- the shared library, the man page and make install ----------------------------------
VERSION = $(shell sed -n 's/^\#define NR_VERSION "\(.*\)"/\1/p' src/newsrec.h)
SONAME = libnewsrec.so.0
PIC_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
PREFIX ?= /usr/local
DESTDIR ?=
# Where Debian's python3 looks for modules under PREFIX (/usr/local/lib/python3.11/dist-packages).
PYTHON_SITE ?= $(PREFIX)/lib/python$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')/dist-packages

$(BUILD)/pic/%.o: src/%.c src/newsrec.h src/internal.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fno-semantic-interposition -c -o $@ $<

$(BUILD)/pic/lexicon.o: $(BUILD)/gen/lexicons.c
$(BUILD)/pic/tagger.o: $(BUILD)/gen/tagger_model.c
$(BUILD)/pic/attribution.o: $(BUILD)/gen/statements_model.c
$(BUILD)/pic/write_html.o: $(BUILD)/gen/html_assets.c

$(BUILD)/libnewsrec.so: $(PIC_OBJ)
	$(CC) $(CFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LDLIBS) -pthread

# The man page is made from --help, so the two say the same.
$(BUILD)/newsrec.1: $(BUILD)/newsrec tools/genman.py
	$(PYTHON) tools/genman.py $(BUILD)/newsrec > $@.tmp && mv $@.tmp $@

install: all $(BUILD)/libnewsrec.so $(BUILD)/newsrec.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/doc/newsrec
	install -m 755 $(BUILD)/newsrec $(DESTDIR)$(PREFIX)/bin/newsrec
	install -m 644 $(BUILD)/libnewsrec.a $(DESTDIR)$(PREFIX)/lib/libnewsrec.a
	install -m 755 $(BUILD)/libnewsrec.so $(DESTDIR)$(PREFIX)/lib/libnewsrec.so.$(VERSION)
	ln -sf libnewsrec.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libnewsrec.so
	install -m 644 src/newsrec.h $(DESTDIR)$(PREFIX)/include/newsrec.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e '/^#/d' newsrec.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/newsrec.pc
	install -m 644 $(BUILD)/newsrec.1 $(DESTDIR)$(PREFIX)/share/man/man1/newsrec.1
	install -m 644 README.md docs/FORMAT.md docs/ERRORS.md docs/SCALING.md \
	    $(DESTDIR)$(PREFIX)/share/doc/newsrec/
	install -d $(DESTDIR)$(PYTHON_SITE)/newsrec
	install -m 644 python/newsrec/*.py schema/datapackage.json $(DESTDIR)$(PYTHON_SITE)/newsrec/
	printf '"""_installed.py: where make install put the library this package loads."""\nLIBRARY = "%s"\n' \
	    "$(PREFIX)/lib/$(SONAME)" > $(DESTDIR)$(PYTHON_SITE)/newsrec/_installed.py

# newsrec in data pipelines (tests/pipelines.py): SQLite, DuckDB (npm, pinned in tools/duckdb),
# the JSON Schema, jq, the GNU parallel recipes of docs/SCALING.md, make install and pkg-config.
$(BUILD)/duckdb/node_modules: tools/duckdb/package.json tools/duckdb/package-lock.json
	@mkdir -p $(BUILD)/duckdb
	cp tools/duckdb/package.json tools/duckdb/package-lock.json $(BUILD)/duckdb/
	cd $(BUILD)/duckdb && npm ci --no-fund --no-audit --loglevel=error
	@touch $@

pipelines: all $(BUILD)/csvcheck $(BUILD)/libnewsrec.so $(BUILD)/newsrec.1 $(BUILD)/duckdb/node_modules
	cp tests/duckdb_check.mjs tests/gdelt_check.mjs $(BUILD)/duckdb/
	$(PYTHON) tests/pipelines.py --newsrec $(BUILD)/newsrec --csvcheck $(BUILD)/csvcheck \
	    --duckdb-script $(BUILD)/duckdb/duckdb_check.mjs --make $(MAKE) --shared $(SHARED)

# The HTML view in Debian's chromium (headless, driven by playwright-core from npm, pinned in
# tools/browser): the seed article's page against its JSON, a click on an actor, an article full
# of markup that must not run; the screenshot is $(BUILD)/html-view/seed.png.
SEED = $(SHARED)/corpus/seed/landrieu-doj-letter.txt
$(BUILD)/browser/node_modules: tools/browser/package.json tools/browser/package-lock.json
	@mkdir -p $(BUILD)/browser
	cp tools/browser/package.json tools/browser/package-lock.json $(BUILD)/browser/
	cd $(BUILD)/browser && npm ci --no-fund --no-audit --loglevel=error
	@touch $@

html-view: all $(BUILD)/browser/node_modules
	@rm -rf $(BUILD)/html-view && mkdir -p $(BUILD)/html-view
	cp tests/html_check.mjs $(BUILD)/browser/
	$(BUILD)/newsrec -q --format jsonl tests/html/injection.jsonl > $(BUILD)/html-view/injection.json
	@if [ -f $(SEED) ]; then \
	    $(BUILD)/newsrec -q --format jsonl $(SEED) > $(BUILD)/html-view/seed.json; \
	else echo "html-view: $(SEED) not found; the seed checks are skipped"; fi
	$(BUILD)/newsrec -q --format html --out $(BUILD)/html-view/pages tests/html/injection.jsonl \
	    $$([ -f $(SEED) ] && echo $(SEED))
	node $(BUILD)/browser/html_check.mjs $(BUILD)/html-view/pages $(BUILD)/html-view/seed.json \
	    $(BUILD)/html-view/injection.json $(BUILD)/html-view/seed.png

# valgrind memcheck over the whole BBC corpus to JSON Lines, then over its tech section to each
# file format (xlsx, sqlite, html, Excel-dialect csv): no error and no byte lost, or it fails.
MEMCHECK = valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99
memcheck: all
	@if [ -d $(SHARED)/corpus/bbc ]; then \
	    $(MEMCHECK) --log-file=$(BUILD)/memcheck.log \
	        $(BUILD)/newsrec -q --format jsonl $(SHARED)/corpus/bbc >/dev/null; rc=$$?; \
	    grep -E 'ERROR SUMMARY|total heap usage|definitely lost|indirectly lost|in use at exit|heap blocks were freed' \
	        $(BUILD)/memcheck.log | sed 's/^==[0-9]*== */memcheck: /'; \
	    rm -rf $(BUILD)/memcheck && mkdir -p $(BUILD)/memcheck; \
	    for f in "xlsx --out $(BUILD)/memcheck/t.xlsx" "sqlite --out $(BUILD)/memcheck/t.db" \
	             "html --out $(BUILD)/memcheck/pages" "csv --dialect excel --out $(BUILD)/memcheck/csv"; do \
	        $(MEMCHECK) -q --log-file=$(BUILD)/memcheck/log $(BUILD)/newsrec -q --format $$f \
	            $(SHARED)/corpus/bbc/tech || rc=$$?; \
	        echo "memcheck: --format $${f%% *} on bbc/tech: $$(grep -c . $(BUILD)/memcheck/log) lines of errors"; \
	        cat $(BUILD)/memcheck/log; \
	    done; exit $$rc; \
	else echo "memcheck: $(SHARED)/corpus/bbc not found; skipped"; fi

# Retrains the name tagger on the CoNLL-2003 training split (deterministic; prints dev scores).
$(BUILD)/train-tagger: tools/train-tagger.c $(BUILD)/libnewsrec.a src/internal.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tools/train-tagger.c $(BUILD)/libnewsrec.a $(LDLIBS) -lm

model: $(BUILD)/train-tagger
	@test -f $(SHARED)/gold/actors/conll2003-train.jsonl || \
	    { echo "model: needs $(SHARED)/gold/actors/conll2003-train.jsonl"; exit 2; }
	$(BUILD)/train-tagger --epochs $(EPOCHS) --runs $(RUNS) --dev $(SHARED)/gold/actors/conll2003-dev.jsonl \
	    $(SHARED)/gold/actors/conll2003-train.jsonl $(MODEL).tmp
	mv $(MODEL).tmp $(MODEL)

# Retrains the attribution model (cues, content ends) on the PolNeAR training split (deterministic).
$(BUILD)/train-statements: tools/train-statements.c $(BUILD)/libnewsrec.a src/internal.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tools/train-statements.c $(BUILD)/libnewsrec.a $(LDLIBS) -lm

model-statements: $(BUILD)/train-statements
	@test -f $(SHARED)/gold/statements/polnear-train.jsonl || \
	    { echo "model-statements: needs $(SHARED)/gold/statements/polnear-train.jsonl"; exit 2; }
	$(BUILD)/train-statements --epochs $(STATEMENT_EPOCHS) $(SHARED)/gold/statements/polnear-train.jsonl \
	    $(STATEMENT_MODEL).tmp
	mv $(STATEMENT_MODEL).tmp $(STATEMENT_MODEL)

# 5-fold cross-validation of the statement stage with the cue model on the PolNeAR training
# split: each fold's held-out articles are extracted with a model trained on the other four and
# scored by the reference scorer (tools/cv_statements.sh).
cv-statements: $(BUILD)/train-statements
	sh tools/cv_statements.sh $(BUILD)/train-statements $(SHARED) $(BUILD)/cv $(PYTHON) $(STATEMENT_EPOCHS) $(STATEMENT_FOLDS)

# Rebuilds the CAMEO actor codes, agent nouns and Goldstein weights from the Phoenix
# dictionaries and the Goldstein table in ../shared/dictionaries (see data/lexicons/README.md).
cameo:
	@test -d $(SHARED)/dictionaries/petrarch2 || \
	    { echo "cameo: needs $(SHARED)/dictionaries/petrarch2"; exit 2; }
	$(PYTHON) tools/derive_cameo.py $(SHARED)/dictionaries/petrarch2 \
	    $(SHARED)/dictionaries/cameo/goldstein.tsv data/lexicons/cameo_agent_exceptions.txt \
	    data/lexicons

# Rebuilds the lexicons derived from Debian and npm packages (see data/lexicons/README.md).
gazetteers:
	PHOENIX_DIR=$(SHARED)/dictionaries/petrarch2 sh tools/regen-gazetteers.sh data/lexicons

# ---- fuzzing (fuzz/README.md) ---------------------------------------------------------------
# libFuzzer harnesses built by clang with ASan and UBSan; the same harnesses behind a standalone
# driver built by gcc replay the corpora where clang is missing.
FUZZ_TARGETS = fuzz_article fuzz_jsonl fuzz_csv fuzz_dates fuzz_oom
FUZZ_CC ?= clang-14
FUZZ_SAN = -g -O2 -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 60
GEN = $(BUILD)/gen/lexicons.c $(BUILD)/gen/tagger_model.c $(BUILD)/gen/statements_model.c $(BUILD)/gen/html_assets.c
# The allocation-failure harness builds the library with its own allocator in front of malloc.
OOM_DEFS = -Dmalloc=oom_malloc -Dcalloc=oom_calloc -Drealloc=oom_realloc
fuzz_defs = $(if $(filter fuzz_oom,$(1)),$(OOM_DEFS))

fuzz: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

# The library once per flavour (plain, and with the failing allocator), with edge coverage but
# no comparison tracing: tracing every byte compare of the tokenizer, the tagger and the lexicon
# lookups took two thirds of each run (perf) and kept fuzz_article far below 1,000 runs a
# second; the dictionaries give the fuzzer the tokens comparison tracing would have found.
FUZZ_NOCMP = $(LIB_SRC)
fuzz_cov_flags = $(if $(filter $(FUZZ_NOCMP),$(1)),-fno-sanitize-coverage=trace-cmp)
$(BUILD)/fuzz/obj/%.o: src/%.c src/newsrec.h src/internal.h $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(call fuzz_cov_flags,$<) -c -o $@ $<
$(BUILD)/fuzz/oom/%.o: src/%.c src/newsrec.h src/internal.h $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(OOM_DEFS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link $(call fuzz_cov_flags,$<) -c -o $@ $<
fuzz_objs = $(LIB_SRC:src/%.c=$(BUILD)/fuzz/$(if $(filter fuzz_oom,$(1)),oom,obj)/%.o)

.SECONDEXPANSION:
$(BUILD)/fuzz/%: fuzz/%.c fuzz/oracle.c fuzz/oracle.h $$(call fuzz_objs,$$*)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(call fuzz_defs,$*) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ \
	    $< fuzz/oracle.c $(call fuzz_objs,$*) $(LDLIBS)

$(BUILD)/fuzz-gcc/obj/%.o: src/%.c src/newsrec.h src/internal.h $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FUZZ_SAN) -c -o $@ $<
$(BUILD)/fuzz-gcc/oom/%.o: src/%.c src/newsrec.h src/internal.h $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(OOM_DEFS) $(FUZZ_SAN) -c -o $@ $<
gcc_objs = $(LIB_SRC:src/%.c=$(BUILD)/fuzz-gcc/$(if $(filter fuzz_oom,$(1)),oom,obj)/%.o)

$(BUILD)/fuzz-gcc/%: fuzz/%.c fuzz/driver.c fuzz/oracle.c fuzz/oracle.h $$(call gcc_objs,$$*)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(call fuzz_defs,$*) $(FUZZ_SAN) -o $@ \
	    fuzz/driver.c $< fuzz/oracle.c $(call gcc_objs,$*) $(LDLIBS)

# The command built with ASan and UBSan from the same objects, for the hostile-input catalogue.
$(BUILD)/fuzz-gcc/newsrec: $(CMD_SRC) $(CMD_HDR) $(call gcc_objs,newsrec)
	$(CC) $(CPPFLAGS) $(WARN) $(FUZZ_SAN) -pthread -o $@ $(CMD_SRC) \
	    $(call gcc_objs,newsrec) $(LDLIBS)

# The command built with ThreadSanitizer, for the --jobs tests.
TSAN = -g -O1 -fsanitize=thread
$(BUILD)/tsan/obj/%.o: src/%.c src/newsrec.h src/internal.h $(CMD_HDR) $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TSAN) -c -o $@ $<
$(BUILD)/tsan/newsrec: $(LIB_SRC:src/%.c=$(BUILD)/tsan/obj/%.o) $(CMD_SRC:src/%.c=$(BUILD)/tsan/obj/%.o)
	$(CC) $(TSAN) -pthread -o $@ $^ $(LDLIBS)

# Every corpus file through its harness: the gcc driver always, libFuzzer too when clang is here.
fuzz-replay: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-gcc/%)
	@for t in $(FUZZ_TARGETS); do \
	    $(BUILD)/fuzz-gcc/$$t corpus/$$t || exit 1; \
	done
	@if command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	    $(MAKE) -s fuzz && for t in $(FUZZ_TARGETS); do \
	        $(BUILD)/fuzz/$$t -runs=0 corpus/$$t 2>$(BUILD)/fuzz/$$t.replay.log || \
	            { cat $(BUILD)/fuzz/$$t.replay.log; exit 1; }; \
	        echo "fuzz-replay: $$t: $$(ls corpus/$$t | wc -l) inputs through libFuzzer"; \
	    done; \
	else echo "fuzz-replay: $(FUZZ_CC) not found; replayed with the gcc driver only"; fi

# Each harness for FUZZ_SECONDS (60 by default); new inputs go to build/fuzz/work, not corpus/.
fuzz-smoke: fuzz
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(BUILD)/fuzz/work/$$t; \
	    $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -dict=fuzz/$$t.dict $$(grep -v "^#" fuzz/$$t.options) \
	        -artifact_prefix=$(BUILD)/fuzz/$$t- $(BUILD)/fuzz/work/$$t corpus/$$t \
	        >$(BUILD)/fuzz/$$t.smoke.log 2>&1 || { tail -40 $(BUILD)/fuzz/$$t.smoke.log; exit 1; }; \
	    echo "fuzz-smoke: $$t: $$(grep -E 'stat::(number_of_executed_units|average_exec_per_sec)' \
	        $(BUILD)/fuzz/$$t.smoke.log | tr -s ' ' | tr '\n' ' ')"; \
	done

# Line and branch coverage of src/ (main.c aside) over every corpus, by llvm-cov.
LLVM_COV ?= llvm-cov-14
LLVM_PROFDATA ?= llvm-profdata-14
$(BUILD)/fuzz-cov/%: fuzz/%.c fuzz/driver.c fuzz/oracle.c fuzz/oracle.h $(LIB_SRC) $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(call fuzz_defs,$*) -g -O0 -fprofile-instr-generate -fcoverage-mapping \
	    -o $@ fuzz/driver.c $< fuzz/oracle.c $(LIB_SRC) $(LDLIBS)

fuzz-cov: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-cov/%)
	@rm -f $(BUILD)/fuzz-cov/*.profraw
	@for t in $(FUZZ_TARGETS); do \
	    LLVM_PROFILE_FILE=$(BUILD)/fuzz-cov/$$t.profraw $(BUILD)/fuzz-cov/$$t corpus/$$t >/dev/null || exit 1; \
	done
	@$(LLVM_PROFDATA) merge -o $(BUILD)/fuzz-cov/all.profdata $(BUILD)/fuzz-cov/*.profraw
	@$(LLVM_COV) report $(BUILD)/fuzz-cov/fuzz_article $(FUZZ_TARGETS:%=-object $(BUILD)/fuzz-cov/%) \
	    -instr-profile=$(BUILD)/fuzz-cov/all.profdata $(LIB_SRC)

demo: all
	$(BUILD)/newsrec corpus/examples/harbor-council-vote.txt

lint: structure format-check
	clang-tidy $(LIB_SRC) $(CMD_SRC) -- $(CPPFLAGS) -std=c11

# One formatter: .clang-format, applied by clang-format 14 (Debian 12's; another version lays
# some lines out differently). make check runs format-check when clang-format is installed.
CLANG_FORMAT ?= clang-format-14
FORMAT_SRC = $(wildcard src/*.c src/*.h fuzz/*.c fuzz/*.h tests/*.c tools/*.c examples/*.c)
format:
	$(CLANG_FORMAT) -i $(FORMAT_SRC)

format-check:
	@if command -v $(CLANG_FORMAT) >/dev/null 2>&1; then \
	    $(CLANG_FORMAT) --dry-run --Werror $(FORMAT_SRC) && \
	    echo "format-check: $(words $(FORMAT_SRC)) files as .clang-format lays them out"; \
	else echo "format-check: $(CLANG_FORMAT) not found; skipped"; fi

# The shape DEVELOPERS.md describes: no call up into pipeline.c from the stages or the writers,
# no circle of calls between files, the library never calls the command, main.c and the
# command's functions short, each output format decided in its own entry.
structure:
	@$(PYTHON) tools/check_structure.py --lib $(LIB_SRC) --cmd $(CMD_SRC)

clean:
	rm -rf $(BUILD)
