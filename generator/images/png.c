/* png.c: SVG to PNG through librsvg and cairo, encoded here with
 * libdeflate: fixed filter and level, no time chunk, so output is
 * byte-identical. Owns every PNG chunk the program writes. */
#include "images/png.h"

#include "base/alloc.h"

#include <cairo.h>
#include <libdeflate.h>
#include <librsvg/rsvg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Draw svg onto a fresh transparent ARGB32 surface of size x size. */
static cairo_surface_t *rasterise(const char *svg, size_t len, int size,
				  char **err)
{
	GError *ge = NULL;
	/* no base file: relative references cannot resolve to anything */
	RsvgHandle *h =
	    rsvg_handle_new_from_data((const guint8 *)svg, len, &ge);
	if (!h) {
		*err = bs_xstrdup(ge ? ge->message : "cannot read the SVG");
		if (ge)
			g_error_free(ge);
		return NULL;
	}
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
	cairo_t *cr = cairo_create(s);
	RsvgRectangle vp = {0, 0, size, size};
	if (!rsvg_handle_render_document(h, cr, &vp, &ge)) {
		*err = bs_xstrdup(ge ? ge->message : "cannot draw the SVG");
		if (ge)
			g_error_free(ge);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		g_object_unref(h);
		return NULL;
	}
	cairo_destroy(cr);
	g_object_unref(h);
	cairo_surface_flush(s);
	return s;
}

unsigned char *bs_png_alpha(const char *svg, size_t len, int size)
{
	char *err = NULL;
	cairo_surface_t *s = rasterise(svg, len, size, &err);
	if (!s) {
		free(err);
		return NULL;
	}
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	unsigned char *a = bs_xmalloc((size_t)size * (size_t)size);
	for (int y = 0; y < size; y++) {
		const uint32_t *row =
		    (const uint32_t *)(px + (size_t)y * stride);
		for (int x = 0; x < size; x++)
			a[(size_t)y * size + x] = (unsigned char)(row[x] >> 24);
	}
	cairo_surface_destroy(s);
	return a;
}

/* ---- the PNG format: chunks, text and the encoder ---- */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Append one chunk: its length, type, data and the CRC of type and data.
 * Every chunk this program writes goes through here. */
static void chunk(bs_buf *out, const char type[4], const void *data, size_t n)
{
	unsigned char be[4];
	put32(be, (uint32_t)n);
	bs_buf_put(out, be, 4);
	size_t at = out->len;
	bs_buf_put(out, type, 4);
	if (n)
		bs_buf_put(out, data, n);
	put32(be, (uint32_t)libdeflate_crc32(0, out->ptr + at, n + 4));
	bs_buf_put(out, be, 4);
}

/* One text chunk: tEXt when the text is printable ASCII, else iTXt
 * (uncompressed UTF-8, no language). Nothing when text is empty. */
static void text_chunk(bs_buf *out, const char *key, const char *text)
{
	if (!text || !text[0])
		return;
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x7f || (*p < 0x20 && *p != '\n'))
			ascii = 0;
	bs_buf b = BS_BUF_INIT;
	bs_buf_put(&b, key, strlen(key) + 1);
	if (!ascii)
		bs_buf_put(&b, "\0\0\0", 4); /* not compressed, no language,
						  no translated keyword */
	bs_buf_put(&b, text, strlen(text));
	chunk(out, ascii ? "tEXt" : "iTXt", b.ptr, b.len);
	bs_buf_free(&b);
}

/* The image's metadata as text chunks, with the keywords of the PNG
 * specification. */
static void meta_chunks(bs_buf *out, const bs_img_meta *m)
{
	if (!m)
		return;
	text_chunk(out, "Title", m->title);
	text_chunk(out, "Description", m->description);
	text_chunk(out, "Source", m->source);
	text_chunk(out, "Author", m->author);
	text_chunk(out, "Copyright", m->licence);
}

static const unsigned char signature[8] = {0x89, 'P',  'N',  'G',
					   '\r', '\n', 0x1a, '\n'};

int bs_png_add_meta(bs_buf *out, const void *png, size_t len,
		    const bs_img_meta *m)
{
	const unsigned char *u = png;
	if (len < 33 || memcmp(u, signature, 8) != 0 ||
	    memcmp(u + 12, "IHDR", 4) != 0 || get32(u + 8) != 13)
		return BS_ECONTENT;
	bs_buf_put(out, u, 33); /* signature and IHDR */
	meta_chunks(out, m);
	bs_buf_put(out, u + 33, len - 33);
	return BS_OK;
}

/* Compression level of libdeflate, measured with tools/bench/pngenc.c on
 * the example's and a generated site's badges (docs/performance.md). */
#define BS_PNG_LEVEL 6

void bs_png_encode(bs_buf *out, unsigned char *px, int stride, int w, int h,
		   int level, const bs_img_meta *m)
{
	/* cairo keeps premultiplied native-endian ARGB; PNG wants RGBA.
	 * Convert in place: a second buffer costs more in page faults
	 * than the whole conversion. */
	int opaque = 1;
	for (int y = 0; y < h; y++) {
		unsigned char *o = px + (size_t)y * stride;
		const uint32_t *row = (const uint32_t *)(void *)o;
		for (int x = 0; x < w; x++) {
			uint32_t v = row[x];
			unsigned a = v >> 24;
			unsigned r = (v >> 16) & 255, g = (v >> 8) & 255,
				 b = v & 255;
			if (a == 0) {
				r = g = b = 0;
			} else if (a < 255) {
				r = (r * 255 + a / 2) / a;
				g = (g * 255 + a / 2) / a;
				b = (b * 255 + a / 2) / a;
			}
			o[4 * x] = (unsigned char)r;
			o[4 * x + 1] = (unsigned char)g;
			o[4 * x + 2] = (unsigned char)b;
			o[4 * x + 3] = (unsigned char)a;
			opaque &= a == 255;
		}
	}
	/* an image with no transparent pixel (a social card) is written as
	 * RGB: a quarter less to filter and compress */
	int bpp = opaque ? 3 : 4;
	for (int y = 0; opaque && y < h; y++) {
		unsigned char *o = px + (size_t)y * stride;
		for (int x = 1; x < w; x++) {
			o[3 * x] = o[4 * x];
			o[3 * x + 1] = o[4 * x + 1];
			o[3 * x + 2] = o[4 * x + 2];
		}
	}
	size_t row = (size_t)bpp * (size_t)w, n = (row + 1) * (size_t)h;
	unsigned char *raw = bs_xmalloc(n);
	for (int y = 0; y < h; y++) {
		const unsigned char *cur = px + (size_t)y * stride;
		unsigned char *o = raw + (size_t)y * (row + 1);
		o[0] = 2; /* Up: each byte less the one above it */
		if (y == 0) {
			memcpy(o + 1, cur, row);
			continue;
		}
		const unsigned char *up = cur - stride;
		for (size_t x = 0; x < row; x++)
			o[1 + x] = (unsigned char)(cur[x] - up[x]);
	}
	struct libdeflate_compressor *z = bs_xmade(
	    libdeflate_alloc_compressor(level ? level : BS_PNG_LEVEL), 1 << 20);
	size_t cap = libdeflate_zlib_compress_bound(z, n);
	unsigned char *zd = bs_xmalloc(cap);
	size_t zn = libdeflate_zlib_compress(z, raw, n, zd, cap);
	libdeflate_free_compressor(z);
	free(raw);
	unsigned char ihdr[13];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;			    /* bits per channel */
	ihdr[9] = opaque ? 2 : 6;	    /* RGB or RGBA */
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive, none */
	bs_buf_put(out, signature, 8);
	chunk(out, "IHDR", ihdr, sizeof ihdr);
	meta_chunks(out, m);
	chunk(out, "IDAT", zd, zn);
	chunk(out, "IEND", NULL, 0);
	free(zd);
}

int bs_png_from_svg(bs_buf *out, const char *svg, size_t len, int size,
		    const bs_img_meta *m, bs_diags *d)
{
	char *err = NULL;
	cairo_surface_t *s = rasterise(svg, len, size, &err);
	if (!s) {
		bs_diag_file(d, BS_ERROR, NULL, 0, 0,
			     "cannot rasterise a badge image: %s", err);
		free(err);
		return BS_ECONTENT;
	}
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	bs_png_encode(out, px, stride, size, size, 0, m);
	cairo_surface_destroy(s);
	return BS_OK;
}
