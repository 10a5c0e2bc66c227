# reader: a terminal reader for plain-text Chinese newspaper editions.
#
#   make            build ./reader
#   make run        build and open the bundled edition
#   make check      build and run every test (SAN=1: with ASan + UBSan;
#                   VALGRIND=1: the end-to-end scenarios under valgrind)
#   make deps       install the Debian packages the build and tests need
#   make bench      print benchmark figures (not a test)
#   make fuzz       fuzz every parser with libFuzzer (clang), FUZZ_SECONDS each
#   make install    PREFIX=/usr/local DESTDIR= ; make uninstall ; make clean

PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share/reader
LOCALEDIR   ?= $(PREFIX)/share/locale
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKG_CONFIG  ?= pkg-config
INSTALL     ?= install

VERSION     := 0.1.0
CFLAGS      ?= -O2 -g
WARN        := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN        += -Werror
endif

BUILD       := build/normal
ifeq ($(SAN),1)
BUILD       := build/san
SANFLAGS    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

# The layers, lowest first. Each folder of src/ is compiled with include
# paths for itself and the layers below it only, so that an upward
# #include fails to build; only tui/ sees <curses.h>. See README.md.
#   base     allocation, errors and findings, text classes, JSON, paths
#   typeset  widths, folding, the reflow engine
#   edition  decoding, the document model, the parser, bylines, places
#   user     record files, bookmarks, positions, settings, keys
#   views    the article view, display lines, pick lists
#   out      outline, JSON and dump writers
#   archive  many editions in reading order, and their index in SQLite
#   session  a reading session: open, jump, bookmark, save (no curses)
#   tui      the curses shell
LAYERS      := base typeset edition user views out archive session tui
CORE_LAYERS := $(filter-out tui,$(LAYERS))
# $(call below,LAYER): LAYER and every layer under it.
below        = $(wordlist 1,$(words $(call upto,$1,$(LAYERS))),$(LAYERS))
upto         = $(if $(filter $1,$(firstword $2)),$1,$(firstword $2) $(call upto,$1,$(wordlist 2,$(words $2),$2)))
layer_inc    = $(foreach d,$(call below,$1),-Isrc/$(d))

# The flags pkg-config gives are looked up when a command runs, not when
# make starts: "make deps check" on a fresh machine installs the packages
# (and pkg-config itself) first, then builds with their flags.
# OpenCC is not linked: src/edition/occ.c opens it by its SONAME (read off
# the library pkg-config names) when a conversion is first asked for, so
# that it and the C++ runtime it needs are not loaded at every start.
OPENCC_SONAME = $(shell objdump -p $(shell $(PKG_CONFIG) --variable=libdir opencc)/libopencc.so 2>/dev/null | \
                  sed -n 's/^ *SONAME *//p')
BASE_CPP     = -D_GNU_SOURCE -I/usr/include/iniparser $(shell $(PKG_CONFIG) --cflags opencc sqlite3) -pthread \
               -DREADER_VERSION='"$(VERSION)"' -DREADER_DATADIR='"$(DATADIR)"' \
               -DREADER_LOCALEDIR='"$(LOCALEDIR)"' \
               $(if $(OPENCC_SONAME),-DREADER_OPENCC_SONAME='"$(OPENCC_SONAME)"')
CORE_CPP     = $(BASE_CPP) $(foreach d,$(CORE_LAYERS),-Isrc/$(d))
CORE_LIBS    = -liniparser -lunistring -lpcre2-8 $(shell $(PKG_CONFIG) --libs sqlite3) -pthread
CURSES_CPP   = $(shell $(PKG_CONFIG) --cflags ncursesw)
CURSES_LIBS  = $(shell $(PKG_CONFIG) --libs ncursesw)
# jansson is the tests' oracle that the JSON output parses.
TEST_CPP     = $(shell $(PKG_CONFIG) --cflags cmocka jansson)
TEST_LIBS    = $(shell $(PKG_CONFIG) --libs cmocka jansson)

ALL_CFLAGS  = $(WARN) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# The core never includes <curses.h>: it is compiled without the curses
# include path and the tests link it without ncursesw.
CORE_SRC    := $(foreach d,$(CORE_LAYERS),$(wildcard src/$(d)/*.c))
TUI_SRC     := $(wildcard src/tui/*.c)
TEST_SRC    := $(wildcard tests/test_*.c)
CORE_OBJ    := $(CORE_SRC:src/%.c=$(BUILD)/%.o)
TUI_OBJ     := $(TUI_SRC:src/%.c=$(BUILD)/%.o)
MAIN_OBJ    := $(BUILD)/main.o
TEST_BIN    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
CORE_LIB    := $(BUILD)/libreadercore.a

.PHONY: all run check test deps bench fuzz install uninstall clean lint-man
all: reader locales

ifeq ($(SAN),1)
reader: $(BUILD)/reader
else
reader: $(BUILD)/reader
	cp $< $@
endif

$(BUILD)/reader: $(MAIN_OBJ) $(TUI_OBJ) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CURSES_LIBS) $(LDLIBS)

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# The data directory is compiled in: rebuild what uses it when it changes
# (make && make install PREFIX=/opt would otherwise install a binary that
# looks in /usr/local).
$(BUILD)/datadir.txt: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ || echo '$(DATADIR) $(LOCALEDIR)' > $@
$(BUILD)/base/paths.o: $(BUILD)/datadir.txt
.PHONY: FORCE
FORCE:

# "make deps check": nothing is compiled before the packages are in.
DEPS_FIRST  := $(filter deps,$(MAKECMDGOALS))
$(CORE_OBJ) $(TUI_OBJ) $(MAIN_OBJ) $(TEST_BIN) $(BUILD)/tests/testutil.o: | $(DEPS_FIRST)

# One rule per layer, each with the include paths of the layers below it.
define layer_rule
$$(BUILD)/$(1)/%.o: src/$(1)/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(CPPFLAGS) $$(BASE_CPP) $$(call layer_inc,$(1)) $(if $(filter tui,$(1)),$$(CURSES_CPP)) \
	    $$(ALL_CFLAGS) -MMD -MP -c -o $$@ $$<
endef
$(foreach L,$(LAYERS),$(eval $(call layer_rule,$(L))))

$(MAIN_OBJ): src/main.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(BASE_CPP) $(call layer_inc,tui) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(TEST_CPP) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/testutil.o $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(TEST_LIBS) $(LDLIBS)

# The tests that link ncursesw: layout and curses agree on widths
# (test_curses), and the screen breaks lines as the dump does with the
# shell's wcwidth() override linked in (test_screen).
CURSES_TESTS := $(BUILD)/tests/test_curses $(BUILD)/tests/test_screen
$(CURSES_TESTS:%=%.o): $(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(CURSES_CPP) $(TEST_CPP) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/testcurses.o: tests/testcurses.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(CURSES_CPP) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_screen: $(BUILD)/tui/wcwidth.o
$(CURSES_TESTS): $(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/testutil.o \
		 $(BUILD)/tests/testcurses.o $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(CORE_LIBS) $(CURSES_LIBS) $(TEST_LIBS) $(LDLIBS)

$(BUILD)/tests/testutil.o: tests/testutil.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(TEST_CPP) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

run: reader locales
	./reader

check test: $(BUILD)/reader $(TEST_BIN) $(BUILD)/genarchive locales
	READER_BIN=$(CURDIR)/$(BUILD)/reader GENARCHIVE_BIN=$(CURDIR)/$(BUILD)/genarchive \
	    $(if $(SANFLAGS),READER_SANITIZED=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp) \
	    $(if $(filter 1,$(VALGRIND)),READER_VALGRIND=1 E2E_ONLY=1) \
	    sh tests/run.sh $(TEST_BIN)

bench: $(BUILD)/reader $(BUILD)/bench-floor $(BUILD)/bench-ptybytes $(BUILD)/bench-relayout \
       $(BUILD)/genarchive $(BUILD)/bench-catalog $(BUILD)/bench-search
	READER_BIN=$(CURDIR)/$(BUILD)/reader FLOOR_BIN=$(CURDIR)/$(BUILD)/bench-floor \
	    CATALOG_BIN=$(CURDIR)/$(BUILD)/bench-catalog \
	    PTYBYTES_BIN=$(CURDIR)/$(BUILD)/bench-ptybytes GENARCHIVE_BIN=$(CURDIR)/$(BUILD)/genarchive \
	    RELAYOUT_BIN=$(CURDIR)/$(BUILD)/bench-relayout SEARCH_BIN=$(CURDIR)/$(BUILD)/bench-search \
	    sh tests/bench.sh

$(BUILD)/bench-relayout: tests/bench/relayout.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(LDLIBS)

$(BUILD)/bench-search: tests/bench/search.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(LDLIBS)

$(BUILD)/bench-catalog: tests/bench/catalog.c $(CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CORE_CPP) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(CORE_LIBS) $(LDLIBS)

$(BUILD)/bench-ptybytes: tests/bench/ptybytes.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lutil

# The synthetic archive of the archive tests and benchmarks (genarchive.c).
$(BUILD)/genarchive: tests/bench/genarchive.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(BUILD)/bench-floor: tests/bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lunistring

# libFuzzer with ASan and UBSan, one target per parser (tests/fuzz/):
#   edition    the decoder, the parser, the layout and the writers
#   options    reader.ini, with its key sections
#   records    the bookmark and position files
#   gazetteer  place-name lookup (and loading a gazetteer file)
#   keys       key names and bindings
# Each runs FUZZ_SECONDS (default 60), seeded from tests/fuzz/corpus/NAME
# and with the dictionary tests/fuzz/NAME.dict; what it learns stays in
# build/fuzz/corpus/NAME, crashes in build/fuzz/crash-*. FUZZ_TARGETS picks
# some: make fuzz FUZZ_TARGETS=keys FUZZ_SECONDS=600.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS ?= edition options records gazetteer keys
FUZZ_MAXLEN  := edition=4096 options=4096 records=4096 gazetteer=256 keys=512
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ     := $(CORE_SRC:src/%.c=build/fuzz/obj/%.o)
.SECONDARY: $(FUZZ_OBJ)
.PHONY: fuzz-build
fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus/$$t && cp tests/fuzz/corpus/$$t/* build/fuzz/corpus/$$t/ && \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s" && \
	    build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -max_len=$$(echo '$(FUZZ_MAXLEN)' | tr ' ' '\n' | sed -n "s/^$$t=//p") \
	        -dict=tests/fuzz/$$t.dict -artifact_prefix=build/fuzz/ \
	        build/fuzz/corpus/$$t 2>build/fuzz/$$t.log; rc=$$?; \
	    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' \
	        build/fuzz/$$t.log; \
	    [ $$rc = 0 ] || { tail -n 40 build/fuzz/$$t.log; exit 1; }; \
	done

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CORE_CPP) -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_file.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(CORE_CPP) -o $@ $< $(FUZZ_OBJ) $(CORE_LIBS)

# Message catalogues: po/reader.pot is extracted from the sources by
# `make pot` (which also merges it into each translation); each po/LANG.po
# is compiled to build/locale/LANG/LC_MESSAGES/reader.mo, where the reader
# finds it when run from the source tree.
LINGUAS     := $(basename $(notdir $(wildcard po/*.po)))
MO_FILES    := $(LINGUAS:%=build/locale/%/LC_MESSAGES/reader.mo)
ALL_SRC     := $(sort $(CORE_SRC) $(TUI_SRC) src/main.c)
XGETTEXT    := xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
               --keyword=ngettext:1,2 --add-comments=TRANSLATORS: --no-location --sort-output \
               --package-name=reader --package-version=$(VERSION) --msgid-bugs-address=none --copyright-holder='the reader authors'
.PHONY: locales pot
locales: $(MO_FILES)
build/locale/%/LC_MESSAGES/reader.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<
pot:
	$(XGETTEXT) -o po/reader.pot $(ALL_SRC)
	sed -i "/^\"POT-Creation-Date:/d" po/reader.pot
	for l in $(LINGUAS); do msgmerge -q --update --backup=none --no-location --sort-output po/$$l.po po/reader.pot; done

# Installs with apt-get (through sudo when not root) only what is missing.
DEB_PKGS := build-essential pkg-config libncurses-dev libunistring-dev libopencc-dev opencc \
            libiniparser-dev libjansson-dev libcmocka-dev unicode-data tmux mandoc time \
            gettext locales python3-jieba valgrind libpcre2-dev \
            libsqlite3-dev
deps:
	@sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	missing=$$(for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing || exit 1; \
	fi; \
	for l in zh_CN zh_TW; do \
	    locale -a 2>/dev/null | grep -qx "$$l.utf8" && continue; \
	    echo "creating the locale $$l.UTF-8"; \
	    $$sudo localedef -i $$l -f UTF-8 $$l.UTF-8 || exit 1; \
	done

install: reader locales
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/zh_CN/man1 $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 reader $(DESTDIR)$(BINDIR)/reader
	$(INSTALL) -m 644 data/*.txt data/gazetteer.tsv data/abroad.tsv $(DESTDIR)$(DATADIR)/
	$(INSTALL) -m 644 reader.ini $(DESTDIR)$(DATADIR)/reader.ini
	$(INSTALL) -m 644 man/reader.1 $(DESTDIR)$(MANDIR)/man1/reader.1
	$(INSTALL) -m 644 man/zh_CN/reader.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/reader.1
	$(INSTALL) -m 644 tools/reader.bash-completion $(DESTDIR)$(BASHCOMPDIR)/reader
	for l in $(LINGUAS); do \
	    $(INSTALL) -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    $(INSTALL) -m 644 build/locale/$$l/LC_MESSAGES/reader.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/reader.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/reader $(DESTDIR)$(MANDIR)/man1/reader.1 \
	    $(DESTDIR)$(MANDIR)/zh_CN/man1/reader.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/reader $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/reader.mo)
	rm -rf $(DESTDIR)$(DATADIR)

lint-man:
	mandoc -Tlint -W warning man/reader.1 man/zh_CN/reader.1

clean:
	rm -rf build reader

# ---- corpus scorer (issue 10) -------------------------------------------
# make score          build the reader and print how well it finds the
#                     structure of the real pages in tests/corpus
# make score-update   rewrite tests/corpus/expected.tsv, the per-page figures
#                     that `make check` holds (tests/corpus.test.sh)
# tests/corpus is built by tools/corpus/build.py (a developer tool).
SCORE_CPP   = $(shell $(PKG_CONFIG) --cflags jansson)
SCORE_LIBS  = $(shell $(PKG_CONFIG) --libs jansson)
.PHONY: score score-update

$(BUILD)/score: tests/score.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SCORE_CPP) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(SCORE_LIBS) $(LDLIBS)

score: $(BUILD)/reader $(BUILD)/score
	$(BUILD)/score --reader $(BUILD)/reader tests/corpus

score-update: $(BUILD)/reader $(BUILD)/score
	$(BUILD)/score --reader $(BUILD)/reader --write tests/corpus/expected.tsv tests/corpus

check test: $(BUILD)/score

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/*/*/*.d build/fuzz/obj/*/*.d)
