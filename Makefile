# cxo: the cockpit of a fractional technology executive.
#
#   make            build ./cxo (names the missing packages, installs nothing)
#   make check      build (a compiler per CPU) and run every test (unit, CLI,
#                   dashboard in tmux), installing what is missing first, as
#                   make demo does
#   make sanitize   the whole test suite built with ASan + UBSan
#   make check-valgrind  one scripted dashboard session under valgrind
#   make check-faults  failing writes and kills over the write commands,
#                   backup and restore (part of make check and sanitize)
#   make demo       load the sample portfolio into a throwaway database
#   make install    PREFIX=/usr/local DESTDIR=...   (make uninstall reverses it)
#   make deps       install the build dependencies (Debian/Ubuntu)
#   make bench      build the generated portfolios and time the hot commands
#   make schema-ref write src/store/schema_ref.c from the migrations
#   make fuzz       run every parser's libFuzzer harness (tests/fuzz: dates,
#                   durations, budgets, money, id prefixes, the status format,
#                   config and theme files, Harvest and Toggl reports,
#                   decision records) for
#                   FUZZ_SECONDS each (default
#                   60; clang, ASan + UBSan); make check and make sanitize
#                   only replay the committed corpus (tests/fuzz/corpus)

VERSION    := 0.4.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/cxo
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
PKGS       := ncursesw libconfig sqlite3 jansson libsodium
TEST_PKGS  := criterion
DEB_PKGS   := build-essential pkg-config libncurses-dev libconfig-dev libsqlite3-dev \
              libjansson-dev libcriterion-dev mandoc tmux sqlite3 python3 faketime \
              chromium poppler-utils cmark python3-markdown libcsv-dev libical-dev calcurse \
              libsodium-dev
# The Debian package of each pkg-config module.
deb_ncursesw  := libncurses-dev
deb_libconfig := libconfig-dev
deb_sqlite3   := libsqlite3-dev
deb_jansson   := libjansson-dev
deb_libsodium := libsodium-dev
deb_criterion := libcriterion-dev

BUILD      ?= build
WARN       := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wwrite-strings -Werror=implicit-function-declaration
ifeq ($(WERROR),1)
WARN       += -Werror
endif
OPT        ?= -O2 -g
SAN        ?=
# Exactly the feature macros ncursesw asks for, project-wide.
# sqlite3.h declares the session extension (undo, history, sync) only
# with these; Debian's library has it built in.
CPPFLAGS   += -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK
CPPFLAGS   += -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Iinclude -I$(BUILD) \
              -DCXO_VERSION='"$(VERSION)"' -DCXO_DATADIR='"$(DATADIR)"'
CFLAGS     ?=
CFLAGS     += -std=c17 $(OPT) $(WARN) $(SAN)

# pkg-config is asked only when building, so `make deps` works on a bare
# machine.
have_pkgs   = $(shell $(PKG_CONFIG) --exists $(1) 2>/dev/null && echo yes)
PKG_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null | sed 's/-D_XOPEN_SOURCE=[0-9]*//g; s/-D_DEFAULT_SOURCE//g')
# The four libraries are linked statically when their archives are
# installed (Debian's -dev packages have them): resolving five shared
# libraries' symbols is a fifth of what `cxo status` costs, and a status
# line runs it every few seconds.  STATIC_DEPS=0 links them dynamically.
STATIC_DEPS ?= 1
LD_STATIC  := -Wl,-Bstatic
LD_DYNAMIC := -Wl,-Bdynamic
PKG_LIBS_L  = $(shell $(PKG_CONFIG) --libs-only-l $(PKGS) 2>/dev/null)
# -lX for each given library the linker can find, shared or static.
findable    = $(shell for l in $(patsubst -l%,%,$(1)); do for s in so a; do \
                f=$$($(CC) -print-file-name=lib$$l.$$s); \
                if [ -f "$$f" ]; then echo "-l$$l"; break; fi; done; done)
archives    = $(shell for l in $(patsubst -l%,%,$(1)); do \
                f=$$($(CC) -print-file-name=lib$$l.a); [ -f "$$f" ] || exit 0; done; echo yes)
PKG_LIBS    = $(if $(and $(filter 1,$(STATIC_DEPS)),$(PKG_LIBS_L),$(call archives,$(PKG_LIBS_L))),\
                $(shell $(PKG_CONFIG) --libs-only-L $(PKGS) 2>/dev/null) \
                $(LD_STATIC) $(PKG_LIBS_L) $(LD_DYNAMIC) \
                $(call findable,$(filter-out $(PKG_LIBS_L),$(shell $(PKG_CONFIG) --static --libs-only-l $(PKGS) 2>/dev/null))),\
                $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null))
# libcsv (the CSV reader of the time imports) ships no pkg-config file:
# linked statically like the others when its archive is there.
CSV_LIBS    = $(if $(and $(filter 1,$(STATIC_DEPS)),$(call archives,-lcsv)),\
                $(LD_STATIC) -lcsv $(LD_DYNAMIC),-lcsv)
PKG_LIBS   += $(CSV_LIBS)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

LIB_SRC    := $(sort $(wildcard src/core/*.c src/store/*.c src/config/*.c src/app/*.c src/report/*.c src/cli/*.c src/tui/*.c))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/sample_portfolio.o $(BUILD)/mono_theme.o
MAIN_OBJ   := $(BUILD)/src/main.o
UNIT_SRC   := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ   := $(UNIT_SRC:%.c=$(BUILD)/%.o)

.PHONY: FORCE all check check-others check-san-others check-unit check-fuzz check-sim check-sim-full fuzz check-cli check-tui check-valgrind check-docs check-faults sanitize demo install uninstall \
        deps ensure-deps need-deps need-test-deps bench clean lint format format-check

all: cxo

cxo: $(BUILD)/cxo
	@cp $< $@

# need-deps and need-test-deps only look: when a library is missing they
# name its Debian package, say `make deps`, and fail.  ensure-deps
# installs what is missing (make deps); only make check and make demo, the
# README's two set-up commands, ask for it, and then before anything is
# compiled.
ENSURE := $(if $(filter check demo,$(MAKECMDGOALS)),ensure-deps)
# need MODULES: the shell that checks for the compiler, pkg-config and the
# pkg-config MODULES.
need = missing=; \
	command -v $(firstword $(CC)) >/dev/null 2>&1 || missing=" build-essential"; \
	if ! $(PKG_CONFIG) --version >/dev/null 2>&1; then \
		missing="$$missing pkg-config $(foreach m,$(1),$(deb_$(m)))"; \
	else \
		$(foreach m,$(1),$(PKG_CONFIG) --exists $(m) || missing="$$missing $(deb_$(m))";) :; \
	fi; \
	[ -f "$$($(CC) -print-file-name=libcsv.a)" ] || [ -f "$$($(CC) -print-file-name=libcsv.so)" ] || \
		missing="$$missing libcsv-dev"; \
	if [ -n "$$missing" ]; then \
		echo "cxo: missing build dependencies; the Debian/Ubuntu packages:$$missing" >&2; \
		echo "cxo: 'make deps' installs them (apt-get, through sudo when not root)" >&2; \
		exit 69; \
	fi
need-deps: | $(ENSURE)
	@$(call need,$(PKGS))
need-test-deps: | $(ENSURE)
	@$(call need,$(TEST_PKGS))

ensure-deps:
	@ok=yes; \
	$(PKG_CONFIG) --version >/dev/null 2>&1 && $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null || ok=; \
	command -v $(firstword $(CC)) >/dev/null 2>&1 || ok=; \
	[ -f "$$($(CC) -print-file-name=libcsv.a)" ] || [ -f "$$($(CC) -print-file-name=libcsv.so)" ] || ok=; \
	[ -n "$$ok" ] || $(MAKE) --no-print-directory deps

deps:
	@if command -v apt-get >/dev/null 2>&1; then \
		echo "cxo: installing build dependencies: $(DEB_PKGS)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEB_PKGS) >/dev/null; \
	else \
		echo "cxo: missing dependencies. Install: a C17 compiler, make, pkg-config," >&2; \
		echo "  ncursesw, libconfig (1.5+), sqlite3 (3.35+), jansson, libsodium, libcsv, criterion" >&2; \
		echo "  (tests), mandoc, tmux, python3; for the document tests chromium," >&2; \
		echo "  pdftotext, cmark, python3-markdown; for the calendar tests libical and" >&2; \
		echo "  calcurse (Debian names: $(DEB_PKGS))" >&2; \
		exit 69; \
	fi

$(BUILD)/cxo: $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

# need-deps first, also under make -j: the compiler needs the headers.
# -MMD writes each object's header dependencies (the modules' internal.h
# and the tests' fixtures included) beside it, read back below: a changed
# header rebuilds exactly the objects that include it.
$(BUILD)/%.o: %.c | need-deps $(BUILD)/sample_portfolio.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The version and the theme directory are compiled in: the two files
# that use them are rebuilt when either changes (make install PREFIX=/opt
# after a plain make).
$(BUILD)/build-config: FORCE
	@mkdir -p $(BUILD)
	@echo '$(VERSION) $(DATADIR)' | cmp -s - $@ || echo '$(VERSION) $(DATADIR)' > $@
$(BUILD)/src/main.o $(BUILD)/src/config/theme.o $(BUILD)/src/report/ics.o: $(BUILD)/build-config
FORCE:

# The dashboard's tests include its internal headers: "tui/layout.h".
$(BUILD)/tests/unit/%.o: tests/unit/%.c | need-deps need-test-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The fuzzing harnesses include internal headers too ("cli/internal.h").
$(BUILD)/tests/fuzz/%.o: tests/fuzz/%.c | need-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

-include $(MAIN_OBJ:.o=.d) $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)

# The sample portfolio is compiled in, so `cxo init --sample` needs no
# installed data file.
$(BUILD)/sample_portfolio.c: sample-data/portfolio.json
	@mkdir -p $(BUILD)
	@{ echo '/* generated from sample-data/portfolio.json */'; \
	   echo 'const char cxo_sample_portfolio[] ='; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	   echo ';'; } > $@.tmp && mv $@.tmp $@

$(BUILD)/sample_portfolio.o: $(BUILD)/sample_portfolio.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-overlength-strings -c -o $@ $<

# The mono theme's attributes are compiled in too, as an array by
# element: a monochrome dashboard keeps its meaning when the theme file
# cannot be found.
$(BUILD)/mono_theme.c: themes/mono.theme
	@mkdir -p $(BUILD)
	@{ echo '/* generated from themes/mono.theme */'; \
	   echo '#include "cxo/theme.h"'; \
	   echo 'const unsigned tui_mono_attrs[EL_COUNT] = {'; \
	   awk '/^[a-z_]+[ \t]*=/ { a = $$0; sub(/.*attrs[ \t]*=[ \t]*\[/, "", a); \
	        sub(/\].*/, "", a); gsub(/[" \t]/, "", a); n = split(a, w, ","); v = ""; \
	        for (i = 1; i <= n; i++) v = v (v == "" ? "" : " | ") "ATTR_" toupper(w[i]); \
	        printf "\t[EL_%s] = %s,\n", toupper($$1), v == "" ? "0" : v }' $<; \
	   echo '};'; } > $@.tmp && mv $@.tmp $@

$(BUILD)/mono_theme.o: $(BUILD)/mono_theme.c include/cxo/theme.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit-tests: $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS) $(LDLIBS)

# One harness a parser (tests/fuzz/NAME.c, corpus in tests/fuzz/corpus/NAME).
# replay-NAME is the harness with the standalone driver, any compiler;
# fuzz-NAME the harness with libFuzzer (make fuzz, clang).
FUZZ_NAMES := adr budget config date duration idprefix money statusfmt theme timeimport
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay-%)
.SECONDARY: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/%.o) $(BUILD)/tests/fuzz/standalone.o
$(BUILD)/fuzz/replay-%: $(BUILD)/tests/fuzz/%.o $(BUILD)/tests/fuzz/standalone.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)
$(BUILD)/fuzz/fuzz-%: $(BUILD)/tests/fuzz/%.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

# The build runs as many compilers at once as there are processors
# (unless make was given -j itself), then the suites run.
NPROC      := $(shell nproc 2>/dev/null || echo 1)
BUILD_JOBS  = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC))
check: ensure-deps
	@$(MAKE) --no-print-directory $(BUILD_JOBS) all $(BUILD)/unit-tests $(BUILD)/faults-shim.so $(FUZZ_REPLAY) \
		$(BUILD)/sync-sim $(ICS_CHECK)
	@$(MAKE) --no-print-directory -j2 --output-sync=target check-tui check-others

# The dashboard's suite mostly waits on tmux: it runs beside the others,
# which run one after the other (each keeps the processors busy itself).
check-others:
	@$(MAKE) --no-print-directory -j1 check-unit check-fuzz check-cli check-golden check-docs check-faults check-sim

# Every harness over its committed corpus, once (a second or two).
check-fuzz: $(FUZZ_REPLAY)
	@for n in $(FUZZ_NAMES); do \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
			$(BUILD)/fuzz/replay-$$n tests/fuzz/corpus/$$n \
			>/dev/null || { echo "fuzz corpus: $$n failed" >&2; exit 1; }; \
	done; echo "fuzz corpus: $(words $(FUZZ_NAMES)) harnesses replayed"

# Criterion runs every test in a process of its own, and most of a test's
# time is that process starting (libcriterion's twenty shared libraries,
# libgit2 reading the CA bundle), time in which it waits as much as it
# computes: twice as many jobs as processors finish first (on 2 CPUs,
# -j4 took 6.7 s where -j2 took 7.6 s, and 15 s where -j2 took 19 s on a
# loaded machine, for the same CPU time).  Linking fewer of our own
# libraries would not help: ncursesw, libconfig, SQLite and jansson are
# linked statically, and a 2-test Criterion binary starts as slowly.
UNIT_JOBS  ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$((n * 2)))
check-unit: $(BUILD)/unit-tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 CXO_SOURCE_DIR=$(CURDIR) \
		$(BUILD)/unit-tests -j$(UNIT_JOBS) --short-filename

# The calendar tests read cxo's iCalendar with libical's parser, through
# ics-check (tests/tools), found beside the binary; without libical they
# say so and skip that part.  cxo itself writes iCalendar by hand and
# never links libical: Debian's links ICU and libstdc++ into the process,
# which took `cxo status`, run by a tmux status line every few seconds,
# from 5.4 M to 9.1 M instructions (callgrind) and 4.5 MB to 7.7 MB of
# resident memory.
ICS_CHECK   = $(if $(call have_pkgs,libical),$(BUILD)/ics-check)
$(BUILD)/ics-check: tests/tools/ics-check.c | need-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(shell $(PKG_CONFIG) --cflags libical) $(CFLAGS) -o $@ $< \
		$(shell $(PKG_CONFIG) --libs libical) $(LDLIBS)

# The sync simulation (tests/tools/sync-sim*.c): devices writing at random
# through the store, exchanging their changes in a random order with
# duplicates and delays, then compared.  A random seed each run, printed;
# SYNC_SIM_SEED=n replays one.  It runs last of check-others, so that a
# failure of it leaves the other suites' results to be read.
SIM_SRC    := $(wildcard tests/tools/sync-sim*.c)
SIM_OBJ    := $(SIM_SRC:%.c=$(BUILD)/%.o)
$(BUILD)/tests/tools/%.o: tests/tools/%.c | need-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/sync-sim: $(SIM_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)
-include $(SIM_OBJ:.o=.d)
# The sync simulation as make check runs it: seeds 1 and 5, every kind of
# write (SYNC_SIM_CALM=1 leaves out the deletes, unlocks, undo, redo and
# entries moved to another day).  check-sim-full runs a random seed.
SIM_WRITES ?= 1000
check-sim: $(BUILD)/sync-sim
	for seed in 1 5; do \
		SYNC_SIM_SEED=$$seed ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		$(BUILD)/sync-sim $(SIM_WRITES) || exit 1; \
	done
check-sim-full: $(BUILD)/sync-sim
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(BUILD)/sync-sim $(SIM_WRITES)

check-cli: $(BUILD)/cxo $(ICS_CHECK)
	CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) bash tests/cli/run.sh

# The dashboard end to end, in private tmux servers (skipped, and said
# so, without tmux).  TUI_SLOW stretches its deadlines for slow builds.
TUI_SLOW   ?= 1
check-tui: $(BUILD)/cxo
	CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) TUI_SLOW=$(TUI_SLOW) bash tests/tui/run.sh

# Golden tests: the whole output of the read commands and the whole
# dashboard screen against tests/golden/expected.  update-golden rewrites
# those files from the current binary: read `git diff` before committing.
check-golden: $(BUILD)/cxo
	CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) TUI_SLOW=$(TUI_SLOW) bash tests/golden/run.sh
update-golden: $(BUILD)/cxo
	CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) TUI_SLOW=$(TUI_SLOW) bash tests/golden/run.sh --update
.PHONY: check-golden update-golden

# One scripted dashboard session under valgrind: no invalid access, no
# definite leak.
check-valgrind: $(BUILD)/cxo
	CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) bash tests/tui/valgrind.sh

# Faults: an LD_PRELOAD library that fails the Nth write, pwrite, fsync
# or ftruncate of a file (built without the sanitizers: it only forwards
# calls, and comes after ASan's runtime), and the script that runs every
# write command, backup and restore under it, then kills backups, writes
# and restores midway.  It prints the figures last.
$(BUILD)/faults-shim.so: tests/faults/shim.c
	@mkdir -p $(BUILD)
	$(CC) -shared -fPIC -O2 -g -Wall -Wextra -o $@ $< -ldl
check-faults: $(BUILD)/cxo $(BUILD)/faults-shim.so
	CXO=$(CURDIR)/$(BUILD)/cxo SHIM=$(CURDIR)/$(BUILD)/faults-shim.so python3 tests/faults/run.py

check-docs: $(BUILD)/cxo
	@CXO_SOURCE_DIR=$(CURDIR) bash tests/docs/t-layers.sh
	@CXO=$(CURDIR)/$(BUILD)/cxo CXO_SOURCE_DIR=$(CURDIR) bash tests/docs/t-synopsis.sh
	@if command -v mandoc >/dev/null 2>&1; then \
		mandoc -Tlint -Wwarning man/cxo.1 man/cxo.conf.5 man/cxo-json.5 && echo "man pages: mandoc -Tlint clean"; \
	else echo "mandoc not installed: man pages not linted" >&2; fi

# The sanitizers' runtimes stay shared libraries: linked statically, a
# process starts in half the time but deadlocks under libfaketime, which
# the tests with a fixed clock preload.
SAN_VARS   := BUILD=build-san OPT='-O1 -g -fno-omit-frame-pointer' \
              SAN='-fsanitize=address,undefined -fno-sanitize-recover=undefined'
sanitize: need-deps need-test-deps
	@$(MAKE) --no-print-directory $(SAN_VARS) $(BUILD_JOBS) build-san/cxo build-san/unit-tests \
		build-san/sync-sim build-san/faults-shim.so $(FUZZ_NAMES:%=build-san/fuzz/replay-%) \
		$(if $(call have_pkgs,libical),build-san/ics-check)
	@CXO_TEST_PRINT=0 $(MAKE) --no-print-directory $(SAN_VARS) -j2 --output-sync=target \
		check-tui check-san-others TUI_SLOW=3
check-san-others:
	@$(MAKE) --no-print-directory -j1 check-unit check-fuzz check-cli check-golden check-faults \
		check-sim SIM_WRITES=400

# libFuzzer on each harness for FUZZ_SECONDS, from the committed corpus
# (read only: what it finds goes to build-fuzz/fuzz/corpus-NAME, a crash
# to build-fuzz/fuzz/crash-*), then the executions of each run.
# tests/fuzz/lsan.supp names the one leak that is libconfig's own.
FUZZ_SECONDS ?= 60
FUZZ_VARS  := BUILD=build-fuzz CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
              SAN='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined'
fuzz: need-deps
	@mkdir -p build-fuzz/fuzz && \
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return !d + (int)n * 0; }' | \
		clang -fsanitize=fuzzer -x c - -o build-fuzz/fuzz/probe >/dev/null 2>&1 || \
		{ echo "cxo: make fuzz needs clang with libFuzzer (Debian: clang libclang-rt-dev)" >&2; exit 69; }
	@$(MAKE) --no-print-directory $(FUZZ_VARS) $(BUILD_JOBS) $(FUZZ_NAMES:%=build-fuzz/fuzz/fuzz-%)
	@total=0; for n in $(FUZZ_NAMES); do \
		mkdir -p build-fuzz/fuzz/corpus-$$n; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
		build-fuzz/fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=build-fuzz/fuzz/crash-$$n- -max_len=4096 \
			build-fuzz/fuzz/corpus-$$n tests/fuzz/corpus/$$n >build-fuzz/fuzz/$$n.log 2>&1 || \
			{ tail -40 build-fuzz/fuzz/$$n.log >&2; echo "fuzz: $$n failed (build-fuzz/fuzz/$$n.log)" >&2; exit 1; }; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/fuzz/$$n.log); \
		echo "fuzz: $$n: $$runs executions in $(FUZZ_SECONDS) s"; total=$$((total + runs)); \
	done; echo "fuzz: $$total executions in all"

# On a terminal the dashboard opens on a throwaway copy of the sample
# portfolio; otherwise the shell briefing is printed.
demo: all
	@if [ -t 0 ] && [ -t 1 ]; then ./cxo --demo; else bash sample-data/demo.sh ./cxo; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 cxo $(DESTDIR)$(BINDIR)/cxo
	install -m 644 themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	install -m 644 man/cxo.1 $(DESTDIR)$(MANDIR)/man1/cxo.1
	install -m 644 man/cxo.conf.5 $(DESTDIR)$(MANDIR)/man5/cxo.conf.5
	install -m 644 man/cxo-json.5 $(DESTDIR)$(MANDIR)/man5/cxo-json.5
	install -m 644 src/completion/cxo.bash $(DESTDIR)$(BASHCOMPDIR)/cxo
	install -m 644 src/completion/_cxo $(DESTDIR)$(ZSHCOMPDIR)/_cxo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cxo $(DESTDIR)$(MANDIR)/man1/cxo.1 $(DESTDIR)$(MANDIR)/man5/cxo.conf.5 \
		$(DESTDIR)$(MANDIR)/man5/cxo-json.5 $(DESTDIR)$(BASHCOMPDIR)/cxo $(DESTDIR)$(ZSHCOMPDIR)/_cxo
	rm -f $(DESTDIR)$(DATADIR)/themes/*.theme
	-rmdir $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR) 2>/dev/null

# sync-bench (tests/bench/sync-bench.c): the journal's and sync's
# figures need a database that made thousands of writes, made in one
# process.
$(BUILD)/tests/bench/%.o: tests/bench/%.c | need-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/sync-bench: $(BUILD)/tests/bench/sync-bench.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)
-include $(BUILD)/tests/bench/sync-bench.d

bench: all $(BUILD)/sync-bench
	@SYNC_BENCH=$(CURDIR)/$(BUILD)/sync-bench bash tests/bench/run.sh $(CURDIR)/cxo

lint: all
	mandoc -Tlint -Wwarning man/cxo.1 man/cxo.conf.5 man/cxo-json.5

# The schema each version's migrations make, compiled in for verify.c:
# after adding a migration, run this and commit src/store/schema_ref.c
# (a unit test fails until then).
schema-ref: $(LIB_OBJ) | need-deps
	$(CC) $(CPPFLAGS) -Isrc $(PKG_CFLAGS) $(CFLAGS) -o $(BUILD)/schema-ref src/store/gen/schema-ref.c \
		$(LIB_OBJ) $(PKG_LIBS) $(LDLIBS)
	$(BUILD)/schema-ref > $(BUILD)/schema_ref.c
	clang-format $(BUILD)/schema_ref.c > src/store/schema_ref.c
.PHONY: schema-ref

# Every C file as .clang-format says; format-check fails on any difference.
FORMAT_SRC = $(shell git ls-files '*.c' '*.h' 2>/dev/null || find src include tests -name '*.[ch]')
format:
	clang-format -i $(FORMAT_SRC)
# One clang-format per forty files, a process per processor: a process per
# file took twenty times as long.
format-check:
	@command -v clang-format >/dev/null || { echo "cxo: format-check needs clang-format" >&2; exit 69; }
	@bad=$$(printf '%s\n' $(FORMAT_SRC) | \
		xargs -P $(NPROC) -n 40 clang-format --dry-run -Werror --ferror-limit=1 2>&1 | \
		sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u); \
	if [ -n "$$bad" ]; then echo "not formatted (make format):" $$bad >&2; exit 1; fi; \
	echo "clang-format: clean"

# Every build directory: the default, make sanitize's, the CI's clang
# build, make fuzz's, and BUILD when it names another.
clean:
	rm -rf $(sort build build-san build-clang build-fuzz $(BUILD)) cxo
