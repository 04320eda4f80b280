/* bake.c: baking assertion URLs into PNG and SVG badge images. */
#include "images/bake.h"

#include "base/alloc.h"

#include <stdint.h>
#include <string.h>

static const unsigned char sig[8] = {0x89, 'P',	 'N',  'G',
				     '\r', '\n', 0x1a, '\n'};

/* CRC-32 of PNG chunks (ISO 3309), bit by bit: a chunk or two per
 * image. */
static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
	}
	return c ^ 0xffffffffu;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put32(bs_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24),
			      (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			      (unsigned char)v};
	bs_buf_put(b, x, 4);
}

/* Walk the chunks: each at p[off] with its length, type and data. */
typedef struct chunk {
	size_t off;
	uint32_t len;
	const unsigned char *type, *data;
} chunk;

static int next_chunk(chunk *c, const unsigned char *png, size_t len,
		      size_t off)
{
	if (off + 12 > len)
		return 0;
	uint32_t n = be32(png + off);
	if (n > len - off - 12)
		return 0;
	c->off = off;
	c->len = n;
	c->type = png + off + 4;
	c->data = png + off + 8;
	return 1;
}

static int is_baked(const chunk *c)
{
	return (memcmp(c->type, "iTXt", 4) == 0 ||
		memcmp(c->type, "tEXt", 4) == 0) &&
	       c->len >= 11 && memcmp(c->data, "openbadges\0", 11) == 0;
}

int bs_bake_png(bs_buf *out, const unsigned char *png, size_t len,
		const char *url)
{
	chunk c;
	if (len < 8 || memcmp(png, sig, 8) != 0 ||
	    !next_chunk(&c, png, len, 8) || memcmp(c.type, "IHDR", 4) != 0)
		return -1;
	/* check the whole chain before writing anything */
	size_t off = 8;
	int end = 0;
	while (next_chunk(&c, png, len, off)) {
		off += 12 + (size_t)c.len;
		if (memcmp(c.type, "IEND", 4) == 0) {
			end = 1;
			break;
		}
	}
	if (!end)
		return -1;
	bs_buf_put(out, png, 8);
	off = 8;
	while (next_chunk(&c, png, len, off)) {
		size_t whole = 12 + (size_t)c.len;
		if (!is_baked(&c))
			bs_buf_put(out, png + off, whole);
		if (off == 8) {
			/* keyword, NUL, not compressed, method 0, no
			 * language, no translated keyword, the text */
			bs_buf t = BS_BUF_INIT;
			bs_buf_put(&t, "iTXtopenbadges\0\0\0\0\0", 19);
			bs_buf_puts(&t, url);
			put32(out, (uint32_t)(t.len - 4));
			bs_buf_put(out, t.ptr, t.len);
			put32(out,
			      crc32_of((const unsigned char *)t.ptr, t.len));
			bs_buf_free(&t);
		}
		off += whole;
		if (memcmp(c.type, "IEND", 4) == 0)
			break;
	}
	return 0;
}

char *bs_bake_png_read(const unsigned char *png, size_t len)
{
	chunk c;
	if (len < 8 || memcmp(png, sig, 8) != 0)
		return NULL;
	size_t off = 8;
	while (next_chunk(&c, png, len, off)) {
		if (is_baked(&c)) {
			const unsigned char *p = c.data + 11,
					    *e = c.data + c.len;
			if (c.type[0] == 'i') {
				/* compression flag and method, then two
				 * NUL-terminated strings */
				if (e - p < 2 || p[0] != 0)
					return NULL;
				p += 2;
				for (int k = 0; k < 2; k++) {
					const unsigned char *z =
					    memchr(p, 0, (size_t)(e - p));
					if (!z)
						return NULL;
					p = z + 1;
				}
			}
			return bs_xstrndup((const char *)p, (size_t)(e - p));
		}
		off += 12 + (size_t)c.len;
	}
	return NULL;
}

/* Where the root's start tag ends (its '>'), or NULL. */
static const char *root_tag(const char *svg, size_t len, const char **start)
{
	const char *e = svg + len;
	for (const char *p = svg; p + 4 < e; p++) {
		if (p[0] != '<' || memcmp(p + 1, "svg", 3) != 0 ||
		    !(p[4] == ' ' || p[4] == '>' || p[4] == '\n' ||
		      p[4] == '\t' || p[4] == '\r'))
			continue;
		char q = 0;
		for (const char *t = p + 4; t < e; t++) {
			if (q) {
				if (*t == q)
					q = 0;
			} else if (*t == '"' || *t == '\'') {
				q = *t;
			} else if (*t == '>') {
				*start = p;
				return t;
			}
		}
		return NULL;
	}
	return NULL;
}

int bs_bake_svg(bs_buf *out, const char *svg, size_t len, const char *url)
{
	const char *start;
	const char *gt = root_tag(svg, len, &start);
	if (!gt || gt[-1] == '/')
		return -1;
	/* the root's own attributes: baked once only */
	for (const char *p = start; p + 17 < gt; p++)
		if (memcmp(p, "xmlns:openbadges=", 17) == 0)
			return -1;
	bs_buf_put(out, svg, (size_t)(gt - svg));
	bs_buf_puts(out, " xmlns:openbadges=\"http://openbadges.org\">"
			 "<openbadges:assertion verify=\"");
	bs_buf_xml(out, url, strlen(url));
	bs_buf_puts(out, "\"/>");
	bs_buf_put(out, gt + 1, len - (size_t)(gt + 1 - svg));
	return 0;
}
