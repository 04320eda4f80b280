# badgesite: plain Makefile. `make site` builds the example site into
# public/, `make check` runs the whole test suite under prove.

PKGS := libcmark-gfm jansson libxml-2.0 cairo librsvg-2.0 pangocairo pangoft2 fontconfig libpng zlib libqrencode libmicrohttpd libsodium libdeflate
# what building needs (make, make site), and what only the tests need
DEBS := gcc make pkg-config perl libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libjansson-dev libxml2-dev libcairo2-dev librsvg2-dev libpango1.0-dev \
	libpng-dev zlib1g-dev libqrencode-dev libmicrohttpd-dev libsodium-dev libdeflate-dev fonts-dejavu-core
TEST_DEBS := libxml2-utils time fonts-wqy-microhei python3-jsonschema nginx apache2 zbar-tools librsvg2-bin chromium nodejs@node npm@npm

CC ?= cc
OPT ?= -O2
CFLAGS_BASE = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -g $(OPT)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = -lcmark-gfm-extensions $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=
B ?= build

LIB_SRC := $(wildcard generator/*/*.c)
LIB_HDR := $(wildcard generator/*/*.h)
LIB_OBJ := $(patsubst generator/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/embedded.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
# the defaults built into the program; of assets/img only the favicon (the
# rest are the example organisation's logos, no default for another site)
EMBED := $(sort $(filter-out $(filter-out assets/img/favicon.svg,$(wildcard assets/img/*)),$(shell find layouts assets -type f 2>/dev/null)))
# and the JSON-LD contexts sign/ reads documents with
EMBED += $(sort $(wildcard generator/sign/contexts/*.json*))

.PHONY: all deps site serve check asan leakcheck format clean
all: $(B)/badgesite $(UNIT_BIN)

deps: $(B)/.deps $(B)/.testdeps
$(B)/.deps: tools/deps.sh
	@sh tools/deps.sh $(DEBS)
	@mkdir -p $(B) && touch $@
$(B)/.testdeps: tools/deps.sh | $(B)/.deps
	@sh tools/deps.sh $(TEST_DEBS)
	@touch $@

$(B)/obj/%.o: generator/%.c $(LIB_HDR) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -Igenerator -c $< -o $@

$(B)/embedded.c: tools/embed.pl Makefile $(EMBED) | $(B)/.deps
	@mkdir -p $(B)
	perl tools/embed.pl $(EMBED) > $@

$(B)/obj/embedded.o: $(B)/embedded.c generator/base/embedded.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(EXTRA_CFLAGS) -Igenerator -c $< -o $@

$(B)/libbadgesite.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/badgesite: generator/main.c $(B)/libbadgesite.a
	$(CC) $(CFLAGS_BASE) $(EXTRA_CFLAGS) -Igenerator $(PKG_CFLAGS) $< $(B)/libbadgesite.a $(PKG_LIBS) $(EXTRA_LDFLAGS) -o $@

$(B)/tests/%: tests/unit/%.c tests/tap.h $(B)/libbadgesite.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) $(EXTRA_CFLAGS) -Igenerator -Itests $(PKG_CFLAGS) $< $(B)/libbadgesite.a $(PKG_LIBS) $(EXTRA_LDFLAGS) -o $@

# from npm's cache when it has the pinned versions, else from the registry
node_modules/.ok: package.json package-lock.json | $(B)/.testdeps
	@npm ci --offline --no-audit --no-fund --loglevel=silent >/dev/null 2>&1 || \
	npm ci --no-audit --no-fund
	@touch $@

site: $(B)/badgesite
	$(B)/badgesite build . -o public
	@echo "The example site is in public/. Look at it as deployed, rebuilt as you edit it, with:"
	@echo "  make serve   # or $(B)/badgesite serve, then open the address it prints"

# the example site, live: rebuilt on every change, pages reloaded
serve: $(B)/badgesite
	$(B)/badgesite serve .

check: all $(B)/.testdeps node_modules/.ok
	BADGESITE_BUILD=$(B) prove -j2 -r tests/

asan:
	$(MAKE) B=build-asan OPT=-O1 EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" EXTRA_LDFLAGS="-fsanitize=address,undefined" all
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 BADGESITE_BUILD=build-asan prove -j2 -r tests/

VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp
leakcheck: all
	@sh tools/deps.sh valgrind@valgrind
	BADGESITE_BUILD=$(B) BADGESITE_VALGRIND=1 prove -j2 tests/unit/ tests/serve.t
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && cp -r tests/sites/minimal "$$d/site" && \
	$(VALGRIND) $(B)/badgesite build "$$d/site" -o "$$d/out" -j 2 --quiet && \
	$(VALGRIND) $(B)/badgesite build "$$d/site" -o "$$d/out" -j 2 --quiet && \
	$(VALGRIND) $(B)/badgesite build "$$d/site" -o "$$d/out" -j 2 --quiet && \
	$(VALGRIND) $(B)/badgesite check "$$d/site" && \
	echo "leakcheck: the unit tests, serve and three builds of a small site (the third in place) are clean under valgrind"

format:
	clang-format -i generator/*.c generator/*/*.c generator/*/*.h tests/unit/*.c tests/fuzz/*.c tests/*.h

clean:
	rm -rf build build-asan public

# fragments kept beside what they build
-include tests/fuzz/fuzz.mk
-include tools/bench/bench.mk
