# newsfilters: one non-recursive Makefile (see docs/HACKING.md).
#
#   make                 build the five programs into $(BUILD)/bin
#   make check           run every test (TAP, through prove)
#   make check-asan      the same tests on a clang ASan+UBSan build
#   make demo            install missing packages, build, run the offline example
#   make eval / bench    accuracy against ../shared/data, speed against peers
#   make install         PREFIX=/usr/local DESTDIR=

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/newsfilters
BUILD    ?= build
SHARED   ?= $(abspath ../shared/data)

CC       ?= cc
CFLAGS   ?= -O2 -g
PKGS      = libcurl libxml-2.0 libutf8proc jansson zlib libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
override CFLAGS   += -std=c11 -Wall -Wextra -Iinclude $(PKG_CFLAGS) \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DNF_VERSION='"$(VERSION)"' -DNF_DATADIR='"$(DATADIR)"'
override LDLIBS   += $(PKG_LIBS) -lm

PROGS = newsfetch newsclean newssplit newstag newsmerge

LIB_SRC   = $(wildcard lib/*.c)
FETCH_SRC = $(wildcard fetch/*.c)
CLEAN_SRC = $(wildcard clean/*.c)
SPLIT_SRC = $(wildcard split/*.c)
TAG_SRC   = $(wildcard tag/*.c)
MERGE_SRC = $(wildcard merge/*.c)
UNIT_SRC  = $(wildcard tests/unit/*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
LIBNF = $(BUILD)/libnf.a
BINS  = $(addprefix $(BUILD)/bin/,$(PROGS))
UNITS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

all: $(BINS) $(BUILD)/data

# -MMD: the compiler lists every header an object includes (include/*.h
# and a program's own), so a changed header rebuilds what uses it.
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -I$(dir $<) -c -o $@ $<
-include $(wildcard $(BUILD)/obj/*/*.d)

$(LIBNF): $(call obj,$(LIB_SRC))
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/newsfetch: $(call obj,$(FETCH_SRC)) $(LIBNF)
$(BUILD)/bin/newsclean: $(call obj,$(CLEAN_SRC)) $(LIBNF)
$(BUILD)/bin/newssplit: $(call obj,$(SPLIT_SRC)) $(LIBNF)
$(BUILD)/bin/newstag:   $(call obj,$(TAG_SRC)) $(LIBNF)
$(BUILD)/bin/newsmerge: $(call obj,$(MERGE_SRC)) $(LIBNF)
$(BINS):
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Programs find their data next to the binary in the build tree
# ($(BUILD)/bin/../data), installed in $(DATADIR), or in $NEWSFILTERS_DATA.
$(BUILD)/data:
	@mkdir -p $(BUILD)
	ln -sfn ../data $@

$(BUILD)/tests/%: tests/unit/%.c $(LIBNF)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

check: all $(UNITS)
	NF_BIN=$(abspath $(BUILD)/bin) NF_UNIT=$(abspath $(BUILD)/tests) \
	NF_SHARED=$(SHARED) prove -j2 --exec '' $(UNITS) tests/*.t

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
check-asan:
	$(MAKE) BUILD=build-asan CC=clang CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" NF_ASAN=1 check

# libFuzzer targets (tests/fuzz/*.c), each run for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/*.c)
fuzz: $(patsubst tests/fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))
	@for f in $^; do echo "== $$f"; mkdir -p $$f.corpus; \
		$$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 $$f.corpus \
		tests/fuzz/seeds/$$(basename $$f) >$$f.log 2>&1 || \
		{ tail -40 $$f.log; exit 1; }; tail -1 $$f.log; done
# A target fuzz_X.c for program X links X's files but its main (X/X.c), or
# only FUZZ_SRCS_fuzz_X when X/X.mk sets it.
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
fuzz_stage = $(filter-out $(1)/$(1).c,$(wildcard $(1)/*.c))
ifneq ($(BUILD),build-fuzz)
build-fuzz/libnf.a: $(LIB_SRC)
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" build-fuzz/libnf.a
endif
.SECONDEXPANSION:
build-fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h build-fuzz/libnf.a $$(wildcard $$(subst fuzz_,,$$*)/*.[ch])
	clang -std=c11 -Iinclude $(PKG_CFLAGS) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
		-DNF_VERSION='"$(VERSION)"' -DNF_DATADIR='"$(DATADIR)"' \
		-O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o $@ $< \
		$(foreach d,$(subst fuzz_,,$*),$(if $(wildcard $(d)/$(d).c),-I$(d) \
		$(or $(FUZZ_SRCS_$*),$(call fuzz_stage,$(d))))) \
		build-fuzz/libnf.a $(LDLIBS)

demo:
	sh examples/demo.sh

eval: all
	NF_BIN=$(abspath $(BUILD)/bin) NF_SHARED=$(SHARED) sh eval/run.sh

bench: all
	NF_BIN=$(abspath $(BUILD)/bin) NF_SHARED=$(SHARED) sh bench/run.sh

MANS = fetch/newsfetch.1 clean/newsclean.1 split/newssplit.1 tag/newstag.1 merge/newsmerge.1
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(MANS) $(DESTDIR)$(MANDIR)/man1/
	cp -R data/. $(DESTDIR)$(DATADIR)/

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(PROGS)
	cd $(DESTDIR)$(MANDIR)/man1 && rm -f $(notdir $(MANS))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz

# Per-directory extras (data generation, extra rules): X/X.mk.
# `make data` regenerates data/ from $(SHARED); its outputs are committed.
data:
include $(wildcard fetch/*.mk clean/*.mk split/*.mk tag/*.mk merge/*.mk eval/*.mk bench/*.mk)

.PHONY: all check check-asan fuzz demo eval bench install uninstall clean data
.SUFFIXES:
