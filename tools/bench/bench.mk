# tools/bench/bench.mk: `make bench` prints build figures for synthetic
# sites next to Hugo building the same Markdown (installs Debian's hugo
# when missing). Figures only: nothing here is a test.
.PHONY: bench
$(B)/pngenc: tools/bench/pngenc.c $(B)/libbadgesite.a
	$(CC) $(CFLAGS_BASE) -Igenerator $(PKG_CFLAGS) $< $(B)/libbadgesite.a $(PKG_LIBS) -o $@

$(B)/badgeimg: tools/bench/badgeimg.c $(B)/libbadgesite.a
	$(CC) $(CFLAGS_BASE) -Igenerator $(PKG_CFLAGS) $< $(B)/libbadgesite.a $(PKG_LIBS) -o $@

bench: $(B)/badgesite $(B)/pngenc $(B)/badgeimg
	@command -v hugo >/dev/null 2>&1 || sh tools/deps.sh hugo
	@command -v /usr/bin/time >/dev/null 2>&1 || sh tools/deps.sh time
	@command -v optipng >/dev/null 2>&1 || sh tools/deps.sh optipng
	perl tools/bench/bench.pl $(B)/badgesite $(BENCH_ARGS)
