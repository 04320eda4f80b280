# tests/fuzz/fuzz.mk: `make fuzz` builds the libFuzzer targets with clang
# (generator compiled with sanitizers into build-fuzz/) and runs each for
# FUZZ_SECONDS; any crash, leak, sanitizer report or timeout fails.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FZ := build-fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_TARGETS := frontmatter framework mustache vlang ledger nquads jsonld csv deflate markdown
FUZZ_BIN := $(patsubst %,$(FZ)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_OBJ := $(patsubst generator/%.c,$(FZ)/obj/%.o,$(LIB_SRC)) $(FZ)/obj/embedded.o
# longest input per target: a front matter or framework of some size, a
# page-sized template, a spec of a few channels, a ledger of some
# hundred badges, a batch of some hundred awards
FUZZ_MAXLEN_frontmatter := 16384
FUZZ_MAXLEN_framework := 16384
FUZZ_MAXLEN_mustache := 4096
FUZZ_MAXLEN_vlang := 8192
FUZZ_MAXLEN_ledger := 32768
FUZZ_MAXLEN_csv := 16384
# a few rows of a wide image: enough for the window, runs and blocks
FUZZ_MAXLEN_deflate := 65536

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BIN)

$(FZ)/obj/%.o: generator/%.c $(LIB_HDR) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_BASE) -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) -Igenerator $(PKG_CFLAGS) -c $< -o $@

$(FZ)/embedded.c: tools/embed.pl $(EMBED)
	@mkdir -p $(FZ)
	perl tools/embed.pl $(EMBED) > $@

$(FZ)/obj/embedded.o: $(FZ)/embedded.c generator/base/embedded.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS_BASE) -Igenerator -c $< -o $@

$(FZ)/libbadgesite.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FZ)/libbadgesite.a
	$(FUZZ_CC) $(CFLAGS_BASE) -O1 -fsanitize=fuzzer $(FUZZ_SAN) -Igenerator $(PKG_CFLAGS) $< $(FZ)/libbadgesite.a $(PKG_LIBS) -o $@

# New inputs go to build-fuzz/corpus/<target>/ (listed first, so the
# committed seeds in tests/fuzz/corpus/ are only read); a finding is
# written to build-fuzz/<target>-crash-* and the run stops with an error.
fuzz: $(FUZZ_BIN)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FZ)/corpus/$$t || exit 1; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1 \
	  $(FZ)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -max_len=$$(case $$t in frontmatter) echo $(FUZZ_MAXLEN_frontmatter);; \
	      framework) echo $(FUZZ_MAXLEN_framework);; \
	      mustache) echo $(FUZZ_MAXLEN_mustache);; \
	      ledger) echo $(FUZZ_MAXLEN_ledger);; \
	      csv) echo $(FUZZ_MAXLEN_csv);; \
	      deflate) echo $(FUZZ_MAXLEN_deflate);; \
	      *) echo $(FUZZ_MAXLEN_vlang);; esac) \
	    -artifact_prefix=$(FZ)/$$t- \
	    $(FZ)/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done
