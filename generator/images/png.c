/* png.c: SVG to PNG through librsvg and cairo, encoded here (unfiltered
 * rows deflated by images/deflate.c, no time chunk), so output is
 * byte-identical. Owns every PNG chunk the program writes. */
#include "images/png.h"

#include "base/alloc.h"
#include "images/deflate.h"

#include <cairo.h>
#include <libdeflate.h>
#include <librsvg/rsvg.h>
#include <limits.h>
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

/* The rows' filter, chosen by measuring every filter and libdeflate's
 * levels with tools/bench/pngenc.c on the example's and a generated
 * site's badges and cards (docs/performance.md): flat colours and
 * antialiased edges compress best unfiltered, 20% smaller than Up. They
 * are deflated by images/deflate.c, which takes the runs of such images
 * at once: 3 to 4 times faster than libdeflate 6, and smaller. */
#define BS_PNG_FILTER BS_PNG_NONE

/* rec[a] = 2^24 / a rounded up, so that (v * rec[a]) >> 24 == v / a for
 * every v < 2^16 (Granlund and Montgomery: a * rec[a] - 2^24 < a <= 2^8):
 * unpremultiplying divides by no pixel and gives exactly what a division
 * gives. */
static void reciprocals(uint32_t rec[256])
{
	rec[0] = 0;
	for (uint32_t a = 1; a < 256; a++)
		rec[a] = ((1u << 24) + a - 1) / a;
}

/* c (0 to 255, premultiplied by a, 0 < a < 255) straight: the nearest
 * of c * 255 / a, as (c * 255 + a / 2) / a. */
static unsigned char straight(unsigned c, unsigned a, const uint32_t *rec)
{
	return (unsigned char)(((uint64_t)(c * 255 + a / 2) * rec[a]) >> 24);
}

/* One row of w pixels of cairo's premultiplied native-endian ARGB32 as
 * straight RGBA (bpp 4) or RGB (bpp 3: every pixel opaque) bytes at o. A fully
 * transparent pixel is 0, 0, 0, 0. */
static void unpremultiply_row(unsigned char *o, const uint32_t *row, int w,
			      int bpp, const uint32_t *rec)
{
	if (bpp == 3) { /* every pixel opaque: nothing to divide */
		for (int x = 0; x < w; x++, o += 3) {
			uint32_t v = row[x];
			o[0] = (unsigned char)(v >> 16);
			o[1] = (unsigned char)(v >> 8);
			o[2] = (unsigned char)v;
		}
		return;
	}
	/* drawn images are mostly runs of one pixel: each new pixel is
	 * worked out once and copied while it repeats (0 is transparent,
	 * 0, 0, 0, 0) */
	uint32_t last = 0;
	unsigned char px[4] = {0, 0, 0, 0};
	for (int x = 0; x < w; x++, o += 4) {
		uint32_t v = row[x];
		if (v != last) {
			unsigned a = v >> 24, r = (v >> 16) & 255,
				 g = (v >> 8) & 255, b = v & 255;
			last = v;
			if (a == 255) {
				px[0] = (unsigned char)r,
				px[1] = (unsigned char)g,
				px[2] = (unsigned char)b;
			} else if (a == 0) {
				px[0] = px[1] = px[2] = 0;
			} else {
				px[0] = straight(r, a, rec),
				px[1] = straight(g, a, rec),
				px[2] = straight(b, a, rec);
			}
			px[3] = (unsigned char)a;
		}
		memcpy(o, px, 4);
	}
}

static unsigned char paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* Filter the n bytes of cur (up: the row above, all zero for the first)
 * with PNG filter type t into o. */
static void filter_row(unsigned char *o, int t, const unsigned char *cur,
		       const unsigned char *up, size_t n, int bpp)
{
	size_t i = 0;
	switch (t) {
	case BS_PNG_NONE: memcpy(o, cur, n); break;
	case BS_PNG_SUB:
		for (; i < (size_t)bpp; i++)
			o[i] = cur[i];
		for (; i < n; i++)
			o[i] = (unsigned char)(cur[i] - cur[i - bpp]);
		break;
	case BS_PNG_UP:
		for (; i < n; i++)
			o[i] = (unsigned char)(cur[i] - up[i]);
		break;
	case BS_PNG_AVERAGE:
		for (; i < (size_t)bpp; i++)
			o[i] = (unsigned char)(cur[i] - (up[i] >> 1));
		for (; i < n; i++)
			o[i] = (unsigned char)(cur[i] -
					       ((cur[i - bpp] + up[i]) >> 1));
		break;
	default: /* BS_PNG_PAETH */
		for (; i < (size_t)bpp; i++)
			o[i] = (unsigned char)(cur[i] - up[i]);
		for (; i < n; i++)
			o[i] =
			    (unsigned char)(cur[i] - paeth(cur[i - bpp], up[i],
							   up[i - bpp]));
		break;
	}
}

/* The sum of the magnitudes of the filtered bytes taken as signed: the
 * classic heuristic (libpng's, the PNG specification's) for choosing a
 * row's filter. */
static unsigned long row_cost(const unsigned char *o, size_t n)
{
	unsigned long s = 0;
	for (size_t i = 0; i < n; i++)
		s += o[i] < 128 ? o[i] : 256 - o[i];
	return s;
}

void bs_png_encode(bs_buf *out, const unsigned char *px, int stride, int w,
		   int h, int level, int filter, const bs_img_meta *m)
{
	if (filter < 0)
		filter = BS_PNG_FILTER;
	/* an image with no transparent pixel (a social card) is written as
	 * RGB: a quarter less to filter and compress */
	int opaque = 1;
	for (int y = 0; opaque && y < h; y++) {
		const uint32_t *row =
		    (const uint32_t *)(const void *)(px + (size_t)y * stride);
		uint32_t all = 0xff000000u;
		for (int x = 0; x < w; x++)
			all &= row[x];
		opaque = all >> 24 == 255;
	}
	int bpp = opaque ? 3 : 4;
	uint32_t rec[256];
	reciprocals(rec);
	/* one pass over the rows: each is made straight and filtered while
	 * it and the row above are in the cache; with no filter it is made
	 * straight where it is compressed from */
	size_t row = (size_t)bpp * (size_t)w, n = (row + 1) * (size_t)h;
	unsigned char *raw = bs_xmalloc(n + BS_DEFLATE_PAD);
	memset(raw + n, 0, BS_DEFLATE_PAD);
	unsigned char *buf = NULL, *cur = NULL, *up = NULL, *trial = NULL;
	if (filter != BS_PNG_NONE) {
		buf = bs_xcalloc(3, row);
		up = buf, cur = buf + row, trial = buf + 2 * row;
	}
	for (int y = 0; y < h; y++) {
		const uint32_t *argb =
		    (const uint32_t *)(const void *)(px + (size_t)y * stride);
		unsigned char *o = raw + (size_t)y * (row + 1);
		if (filter == BS_PNG_NONE) {
			o[0] = BS_PNG_NONE;
			unpremultiply_row(o + 1, argb, w, bpp, rec);
			continue;
		}
		unpremultiply_row(cur, argb, w, bpp, rec);
		if (filter == BS_PNG_ROWWISE) {
			unsigned long best = ULONG_MAX;
			for (int t = BS_PNG_NONE; t <= BS_PNG_PAETH; t++) {
				unsigned char *f =
				    best == ULONG_MAX ? o + 1 : trial;
				filter_row(f, t, cur, up, row, bpp);
				unsigned long c = row_cost(f, row);
				if (c < best) {
					best = c, o[0] = (unsigned char)t;
					if (f == trial)
						memcpy(o + 1, trial, row);
				}
			}
		} else {
			o[0] = (unsigned char)filter;
			filter_row(o + 1, filter, cur, up, row, bpp);
		}
		unsigned char *t = up;
		up = cur, cur = t;
	}
	free(buf);
	bs_buf zd = BS_BUF_INIT;
	if (level || n >= BS_DEFLATE_MAX) {
		struct libdeflate_compressor *z = bs_xmade(
		    libdeflate_alloc_compressor(level ? level : 6), 1 << 20);
		size_t cap = libdeflate_zlib_compress_bound(z, n);
		bs_buf_grow(&zd, cap);
		zd.len = libdeflate_zlib_compress(z, raw, n, zd.ptr, cap);
		libdeflate_free_compressor(z);
	} else {
		bs_deflate_png(&zd, raw, n, row + 1, bpp);
	}
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
	chunk(out, "IDAT", zd.ptr, zd.len);
	chunk(out, "IEND", NULL, 0);
	bs_buf_free(&zd);
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
	bs_png_encode(out, px, stride, size, size, 0, -1, m);
	cairo_surface_destroy(s);
	return BS_OK;
}
