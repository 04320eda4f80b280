/* deflate.c: the zlib stream of a PNG's scanlines, made for drawn images:
 * runs of one pixel and rows like the row above are found by comparing
 * pixels, the rest by hash chains with lazy matching; Huffman coded in
 * blocks, each with its own codes (RFC 1950 and 1951). */
#include "images/deflate.h"

#include "base/alloc.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Chosen by measuring the example's and a generated site's badges and
 * cards (docs/performance.md, "Badge images: time per badge"). A general
 * compressor spends most of its time on an image's flat areas, a match
 * of 258 bytes at a time at distance 4 for which it still hashes every
 * byte; here such a run is taken as soon as it is seen, and only the
 * edges, words and pictures are searched. */
enum {
	WBITS = 15, /* deflate's window: 32 KB back */
	WSIZE = 1 << WBITS,
	WMASK = WSIZE - 1,
	HBITS = 16, /* the hash of four bytes */
	MINLEN = 3,
	MAXLEN = 258,
	RUN = 32,   /* a run or a row repeated this long is taken at once */
	NICE = 128, /* a match this long ends the search */
	DEPTH = 32, /* earlier positions tried for a match */
	LAZY = 32,  /* a match shorter than this waits a byte for better */
	BLOCK = 1 << 14, /* symbols a block holds at most */
	NLIT = 286,	 /* literals, end of block, lengths */
	NDIST = 30,
	NCL = 19, /* the codes of the code lengths */
	/* a three-byte match further back costs more than it saves */
	FAR = 4096,
	LONG = 16, /* after a longer match only its end is hashed */
	TAIL = 8
};

typedef struct enc {
	const unsigned char *raw;
	size_t n, row, bpp;
	size_t ins;    /* positions below this are in the hash chains, or
			  were skipped on purpose */
	int32_t *head; /* per hash: the latest position, -1 for none */
	int32_t *prev; /* per position mod WSIZE: the one before it with
			  the same hash */
	uint32_t *sym; /* the block's symbols: a literal byte, or length
			  << 16 | distance */
	size_t nsym;
	uint32_t lf[NLIT], df[NDIST]; /* their frequencies */
	bs_buf *out;
	uint64_t bits; /* not yet written, the first in the lowest bits */
	int nbits;
} enc;

static uint32_t load32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static unsigned hash4(const unsigned char *p)
{
	return (load32(p) * 0x9e3779b1u) >> (32 - HBITS);
}

static int msb(uint32_t v) { return 31 - __builtin_clz(v); }

/* How many of the first max bytes at a and b are equal (max <= MAXLEN);
 * reads up to BS_DEFLATE_PAD bytes past them. */
static size_t match_len(const unsigned char *a, const unsigned char *b,
			size_t max)
{
	for (size_t l = 0; l < max; l += 8) {
		uint64_t x, y;
		memcpy(&x, a + l, 8);
		memcpy(&y, b + l, 8);
		if (x != y) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			l += (size_t)__builtin_ctzll(x ^ y) / 8;
#else
			l += (size_t)__builtin_clzll(x ^ y) / 8;
#endif
			return l < max ? l : max;
		}
	}
	return max;
}

/* ---- writing bits ---- */

static void put(enc *e, uint32_t v, int n)
{
	e->bits |= (uint64_t)v << e->nbits;
	e->nbits += n;
	if (e->nbits >= 32) {
		unsigned char *o = (unsigned char *)e->out->ptr + e->out->len;
		o[0] = (unsigned char)e->bits;
		o[1] = (unsigned char)(e->bits >> 8);
		o[2] = (unsigned char)(e->bits >> 16);
		o[3] = (unsigned char)(e->bits >> 24);
		e->out->len += 4;
		e->bits >>= 32;
		e->nbits -= 32;
	}
}

/* ---- Huffman codes ---- */

/* Code lengths of at most limit bits for the n frequencies f, 0 for an
 * unused symbol; at least two symbols get a code, as decoders expect.
 * Ties are broken by the symbol, so the same counts give the same code. */
static void huff_lengths(uint8_t *len, const uint32_t *f, int n, int limit)
{
	uint32_t w[2 * NLIT];
	int sym[NLIT], parent[2 * NLIT], depth[2 * NLIT], m = 0;
	memset(len, 0, (size_t)n);
	for (int i = 0; i < n; i++)
		if (f[i])
			sym[m++] = i;
	if (m < 2) {
		int a = m ? sym[0] : 0;
		len[a] = len[a ? 0 : 1] = 1;
		return;
	}
	for (int shift = 0;; shift++) {
		/* the leaves by weight (insertion: at most 286, mostly
		 * sorted), then the two-queue construction */
		for (int i = 0; i < m; i++) {
			uint32_t wi =
			    shift ? f[sym[i]] >> shift | 1 : f[sym[i]];
			int s = sym[i], j = i;
			for (; j > 0 && (w[j - 1] > wi ||
					 (w[j - 1] == wi && sym[j - 1] > s));
			     j--) {
				w[j] = w[j - 1];
				sym[j] = sym[j - 1];
			}
			w[j] = wi;
			sym[j] = s;
		}
		int leaf = 0, node = m;
		for (int k = m; k < 2 * m - 1; k++) {
			int take[2];
			for (int t = 0; t < 2; t++)
				take[t] = leaf < m && (node >= k ||
						       w[leaf] <= w[node])
					      ? leaf++
					      : node++;
			w[k] = w[take[0]] + w[take[1]];
			parent[take[0]] = parent[take[1]] = k;
		}
		int deepest = 0;
		depth[2 * m - 2] = 0;
		for (int k = 2 * m - 3; k >= 0; k--) {
			depth[k] = depth[parent[k]] + 1;
			deepest = depth[k] > deepest ? depth[k] : deepest;
		}
		if (deepest <= limit) {
			for (int i = 0; i < m; i++)
				len[sym[i]] = (uint8_t)depth[i];
			return;
		}
		/* too deep: flatten the weights and build again, from the
		 * symbols in their order */
		for (int i = 0; i < m; i++)
			for (int j = i; j > 0 && sym[j - 1] > sym[j]; j--) {
				int t = sym[j];
				sym[j] = sym[j - 1];
				sym[j - 1] = t;
			}
	}
}

/* The canonical codes of the lengths, bit-reversed: deflate writes a
 * Huffman code from its first bit, the lowest of put()'s. */
static void huff_codes(uint16_t *code, const uint8_t *len, int n)
{
	unsigned count[16] = {0}, next[16];
	for (int i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	unsigned c = 0;
	for (int b = 1; b < 16; b++)
		next[b] = c = (c + count[b - 1]) << 1;
	for (int i = 0; i < n; i++) {
		if (!len[i])
			continue;
		unsigned v = next[len[i]]++, r = 0;
		for (int b = 0; b < len[i]; b++)
			r |= ((v >> b) & 1) << (len[i] - 1 - b);
		code[i] = (uint16_t)r;
	}
}

/* ---- lengths and distances ---- */

/* The length code (257 to 285) of a match of len bytes, its extra bits
 * and how many. */
static int len_code(unsigned len, unsigned *extra, int *nextra)
{
	unsigned l = len - 3;
	*extra = 0, *nextra = 0;
	if (l < 8)
		return 257 + (int)l;
	if (l == 255)
		return 285;
	int m = msb(l), x = m - 2;
	*extra = l & ((1u << x) - 1), *nextra = x;
	return 257 + 4 * (m - 1) + (int)((l >> x) & 3);
}

static int dist_code(unsigned dist, unsigned *extra, int *nextra)
{
	unsigned v = dist - 1;
	*extra = 0, *nextra = 0;
	if (v < 4)
		return (int)v;
	int m = msb(v), x = m - 1;
	*extra = v & ((1u << x) - 1), *nextra = x;
	return 2 * m + (int)((v >> x) & 1);
}

/* ---- blocks ---- */

/* Write the block's symbols with their own Huffman codes (a dynamic
 * block, RFC 1951 3.2.7), then start a new block. */
static void flush_block(enc *e, int final)
{
	static const uint8_t order[NCL] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
					   11, 4,  12, 3, 13, 2, 14, 1, 15};
	uint8_t ll[NLIT], dl[NDIST], cl[NCL];
	uint16_t lc[NLIT], dc[NDIST], cc[NCL];
	e->lf[256] = 1; /* the end of the block */
	huff_lengths(ll, e->lf, NLIT, 15);
	huff_lengths(dl, e->df, NDIST, 15);
	huff_codes(lc, ll, NLIT);
	huff_codes(dc, dl, NDIST);
	int hlit = NLIT, hdist = NDIST;
	while (hlit > 257 && !ll[hlit - 1])
		hlit--;
	while (hdist > 1 && !dl[hdist - 1])
		hdist--;
	/* both codes' lengths in one sequence, runs of lengths shortened
	 * with the repeat codes 16 (the last length), 17 and 18 (zeros) */
	uint8_t seq[NLIT + NDIST], rs[NLIT + NDIST], rx[NLIT + NDIST];
	memcpy(seq, ll, (size_t)hlit);
	memcpy(seq + hlit, dl, (size_t)hdist);
	uint32_t cf[NCL] = {0};
	int total = hlit + hdist, nr = 0, last = -1;
	for (int i = 0; i < total; nr++) {
		int v = seq[i], r = 1;
		while (i + r < total && seq[i + r] == v)
			r++;
		if (v == 0 && r >= 3) {
			int k = r > 138 ? 138 : r;
			rs[nr] = k >= 11 ? 18 : 17;
			rx[nr] = (uint8_t)(k >= 11 ? k - 11 : k - 3);
			i += k, last = 0;
		} else if (v == last && r >= 3) {
			int k = r > 6 ? 6 : r;
			rs[nr] = 16, rx[nr] = (uint8_t)(k - 3);
			i += k;
		} else {
			rs[nr] = (uint8_t)v, rx[nr] = 0;
			i++, last = v;
		}
		cf[rs[nr]]++;
	}
	huff_lengths(cl, cf, NCL, 7);
	huff_codes(cc, cl, NCL);
	int hclen = NCL;
	while (hclen > 4 && !cl[order[hclen - 1]])
		hclen--;
	/* room for the header and the longest symbols */
	bs_buf_grow(e->out, 1024 + e->nsym * 6);
	put(e, (uint32_t) final | 2u << 1, 3);
	put(e, (uint32_t)(hlit - 257), 5);
	put(e, (uint32_t)(hdist - 1), 5);
	put(e, (uint32_t)(hclen - 4), 4);
	for (int i = 0; i < hclen; i++)
		put(e, cl[order[i]], 3);
	for (int i = 0; i < nr; i++) {
		put(e, cc[rs[i]], cl[rs[i]]);
		if (rs[i] >= 16)
			put(e, rx[i], rs[i] == 16 ? 2 : rs[i] == 17 ? 3 : 7);
	}
	for (size_t i = 0; i < e->nsym; i++) {
		uint32_t s = e->sym[i];
		if (s < 256) {
			put(e, lc[s], ll[s]);
			continue;
		}
		unsigned x, y;
		int nx, ny;
		int c = len_code(s >> 16, &x, &nx);
		int d = dist_code(s & 0xffff, &y, &ny);
		put(e, lc[c], ll[c]);
		if (nx)
			put(e, x, nx);
		put(e, dc[d], dl[d]);
		if (ny)
			put(e, y, ny);
	}
	put(e, lc[256], ll[256]);
	e->nsym = 0;
	memset(e->lf, 0, sizeof e->lf);
	memset(e->df, 0, sizeof e->df);
}

static void literal(enc *e, unsigned char c)
{
	e->sym[e->nsym++] = c;
	e->lf[c]++;
	if (e->nsym == BLOCK)
		flush_block(e, 0);
}

/* A match of len bytes dist back (dist < 2^16: the window is 2^15). */
static void match(enc *e, size_t len, size_t dist)
{
	unsigned x;
	int nx;
	e->sym[e->nsym++] = (uint32_t)len << 16 | (uint32_t)dist;
	e->lf[len_code((unsigned)len, &x, &nx)]++;
	e->df[dist_code((unsigned)dist, &x, &nx)]++;
	if (e->nsym == BLOCK)
		flush_block(e, 0);
}

/* ---- finding matches ---- */

/* Put position p in its hash chain, once. */
static void insert(enc *e, size_t p)
{
	if (p < e->ins || p + 4 > e->n)
		return;
	unsigned h = hash4(e->raw + p);
	e->prev[p & WMASK] = e->head[h];
	e->head[h] = (int32_t)p;
	e->ins = p + 1;
}

/* Hash the positions from up to end, covered by a match: all of them
 * after a short match, only the last TAIL after a long one or a run
 * (what follows a run may start like what followed another). */
static void skip(enc *e, size_t from, size_t end)
{
	if (end - from > LONG && e->ins < end - TAIL)
		e->ins = end - TAIL;
	for (size_t p = from > e->ins ? from : e->ins; p < end; p++)
		insert(e, p);
}

/* The longest match for the bytes at pos: the pixel before, the pixel
 * above, then the positions with the same hash; its length (0 when none
 * is worth it) and *dist. pos goes into its chain. */
static size_t find(enc *e, size_t pos, size_t *dist)
{
	const unsigned char *r = e->raw, *p = r + pos;
	size_t max = e->n - pos < MAXLEN ? e->n - pos : MAXLEN;
	size_t best = MINLEN - 1, bd = 0;
	const size_t near[2] = {e->bpp, e->row};
	for (int i = 0; i < 2; i++)
		if (pos >= near[i] && near[i] <= WSIZE) {
			size_t l = match_len(p, p - near[i], max);
			if (l > best)
				best = l, bd = near[i];
		}
	if (max >= 4 && best < NICE && best < max) {
		int32_t c = e->head[hash4(p)];
		insert(e, pos);
		if (c == (int32_t)pos)
			c = e->prev[pos & WMASK];
		uint32_t here = load32(p);
		for (int depth = DEPTH;
		     c >= 0 && pos - (size_t)c <= WSIZE && depth > 0; depth--) {
			const unsigned char *q = r + c;
			if (q[best] == p[best] && load32(q) == here) {
				size_t l = match_len(p, q, max);
				if (l > best) {
					best = l, bd = pos - (size_t)c;
					if (l >= NICE || l == max)
						break;
				}
			}
			int32_t nx = e->prev[c & WMASK];
			if (nx >= c)
				break;
			c = nx;
		}
	} else {
		insert(e, pos);
	}
	if (best < MINLEN || (best == MINLEN && bd > FAR))
		return 0;
	*dist = bd;
	return best;
}

/* LZ77 over the whole input: runs and rows repeated at once, the rest
 * with a byte's wait for a longer match (lazy matching). */
static void parse(enc *e)
{
	const unsigned char *r = e->raw;
	size_t pos = 0, n = e->n;
	while (pos < n) {
		size_t max = n - pos < MAXLEN ? n - pos : MAXLEN, len = 0,
		       dist = 0;
		if (pos >= e->bpp) {
			len = match_len(r + pos, r + pos - e->bpp, max);
			dist = e->bpp;
		}
		if (len < max && pos >= e->row && e->row <= WSIZE) {
			size_t l = match_len(r + pos, r + pos - e->row, max);
			if (l > len)
				len = l, dist = e->row;
		}
		if (len >= RUN) {
			match(e, len, dist);
			skip(e, pos, pos + len);
			pos += len;
			continue;
		}
		len = find(e, pos, &dist);
		if (!len) {
			literal(e, r[pos++]);
			continue;
		}
		while (len < LAZY && pos + 1 < n) {
			size_t d2, l2 = find(e, pos + 1, &d2);
			if (l2 <= len)
				break;
			literal(e, r[pos++]);
			len = l2, dist = d2;
		}
		match(e, len, dist);
		skip(e, pos + 1, pos + len);
		pos += len;
	}
}

void bs_deflate_png(bs_buf *out, const unsigned char *raw, size_t n, size_t row,
		    int bpp)
{
	enc *e = bs_xcalloc(1, sizeof *e);
	e->raw = raw, e->n = n, e->row = row, e->bpp = (size_t)bpp;
	e->head = bs_xmalloc(sizeof *e->head << HBITS);
	memset(e->head, 0xff, sizeof *e->head << HBITS); /* -1: none */
	e->prev = bs_xcalloc(WSIZE, sizeof *e->prev);
	e->sym = bs_xmalloc(BLOCK * sizeof *e->sym);
	e->out = out;
	bs_buf_grow(out, 16);
	/* deflate with a 32 KB window, the default level's flags */
	bs_buf_put(out, "\x78\x9c", 2);
	parse(e);
	flush_block(e, 1);
	while (e->nbits > 0) {
		out->ptr[out->len++] = (char)e->bits;
		e->bits >>= 8;
		e->nbits -= 8;
	}
	uint32_t a = libdeflate_adler32(1, raw, n);
	unsigned char be[4] = {(unsigned char)(a >> 24),
			       (unsigned char)(a >> 16),
			       (unsigned char)(a >> 8), (unsigned char)a};
	bs_buf_put(out, be, 4);
	free(e->head);
	free(e->prev);
	free(e->sym);
	free(e);
}
