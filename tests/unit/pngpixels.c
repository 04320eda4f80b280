/* pngpixels.c: the PNG encoder is lossless. Images of cairo's premultiplied
 * ARGB32 (every alpha against every channel value, opaque noise, width 1,
 * fully transparent, alpha 1, padded rows) are encoded with every filter,
 * read back with libpng and compared pixel by pixel with the same pixels
 * unpremultiplied by division; the rows' filter bytes are read with zlib. */
#include "base/alloc.h"
#include "images/png.h"
#include "tap.h"

#include <libpng16/png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct pixels {
	int w, h, stride;
	unsigned char *px; /* cairo's ARGB32, native-endian words */
} pixels;

static pixels make(int w, int h, int pad)
{
	pixels p = {w, h, 4 * w + pad, NULL};
	p.px = bs_xmalloc((size_t)p.stride * h);
	memset(p.px, 0xa5, (size_t)p.stride * h); /* padding is not pixels */
	return p;
}

static void set(pixels *p, int x, int y, unsigned a, unsigned r, unsigned g,
		unsigned b)
{
	uint32_t v = (uint32_t)a << 24 | r << 16 | g << 8 | b;
	memcpy(p->px + (size_t)y * p->stride + 4 * (size_t)x, &v, 4);
}

/* The pixel at x, y as straight RGBA, by division: what the PNG must hold. */
static void want(const pixels *p, int x, int y, unsigned char o[4])
{
	uint32_t v;
	memcpy(&v, p->px + (size_t)y * p->stride + 4 * (size_t)x, 4);
	unsigned a = v >> 24, c[3] = {(v >> 16) & 255, (v >> 8) & 255, v & 255};
	for (int i = 0; i < 3; i++)
		o[i] = (unsigned char)(a == 0	  ? 0
				       : a == 255 ? c[i]
						  : (c[i] * 255 + a / 2) / a);
	o[3] = (unsigned char)a;
}

typedef struct reader {
	const unsigned char *p;
	size_t n, at;
} reader;

static void read_fn(png_structp png, png_bytep out, png_size_t n)
{
	reader *r = png_get_io_ptr(png);
	if (r->at + n > r->n)
		png_error(png, "past the end");
	memcpy(out, r->p + r->at, n);
	r->at += n;
}

/* Decode png with libpng, no transformations: *bpp 3 or 4, pixels
 * returned row after row (caller frees), NULL when libpng refuses it. */
static unsigned char *decode(const bs_buf *b, int *w, int *h, int *bpp)
{
	reader r = {(const unsigned char *)b->ptr, b->len, 0};
	png_structp png =
	    png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	unsigned char *volatile img = NULL;
	if (setjmp(png_jmpbuf(png))) {
		free(img);
		png_destroy_read_struct(&png, &info, NULL);
		return NULL;
	}
	png_set_read_fn(png, &r, read_fn);
	png_read_info(png, info);
	*w = (int)png_get_image_width(png, info);
	*h = (int)png_get_image_height(png, info);
	int type = png_get_color_type(png, info);
	*bpp = type == PNG_COLOR_TYPE_RGB    ? 3
	       : type == PNG_COLOR_TYPE_RGBA ? 4
					     : 0;
	if (!*bpp || png_get_bit_depth(png, info) != 8)
		png_error(png, "not 8-bit RGB or RGBA");
	size_t row = png_get_rowbytes(png, info);
	img = bs_xmalloc(row * (size_t)*h);
	for (int y = 0; y < *h; y++)
		png_read_row(png, img + row * (size_t)y, NULL);
	png_read_end(png, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	return img;
}

/* The filter byte of every row, from the inflated IDAT chunks, as a mask
 * of the types seen (bit t for type t); -1 when they cannot be read. */
static int filters_seen(const bs_buf *b, int w, int h, int bpp)
{
	const unsigned char *p = (const unsigned char *)b->ptr;
	bs_buf z = BS_BUF_INIT;
	for (size_t at = 8; at + 12 <= b->len;) {
		size_t n = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 |
			   (size_t)p[at + 2] << 8 | p[at + 3];
		if (memcmp(p + at + 4, "IDAT", 4) == 0)
			bs_buf_put(&z, p + at + 8, n);
		at += n + 12;
	}
	size_t row = (size_t)w * bpp + 1;
	uLongf n = (uLongf)(row * h);
	unsigned char *raw = bs_xmalloc(n);
	int seen = -1;
	if (uncompress(raw, &n, (const Bytef *)z.ptr, z.len) == Z_OK &&
	    n == row * h) {
		seen = 0;
		for (int y = 0; y < h; y++)
			seen |= raw[row * y] < 8 ? 1 << raw[row * y] : 1 << 8;
	}
	free(raw);
	bs_buf_free(&z);
	return seen;
}

static const char *const filter_name[] = {
    "no filter", "Sub", "Up", "Average", "Paeth", "per row", "the default"};

/* Encode p with filter (-1: the program's), read it back and compare. */
static void check(const pixels *p, const char *what, int filter, int want_bpp,
		  int mixed)
{
	bs_buf b = BS_BUF_INIT;
	bs_png_encode(&b, p->px, p->stride, p->w, p->h, 0, filter, NULL);
	const char *fn = filter_name[filter < 0 ? 6 : filter];
	int w = 0, h = 0, bpp = 0;
	unsigned char *img = decode(&b, &w, &h, &bpp);
	ok(img && w == p->w && h == p->h && bpp == want_bpp,
	   "%s, %s: libpng reads a %dx%d image with %d bytes a pixel", what, fn,
	   p->w, p->h, want_bpp);
	long bad = -1;
	for (int y = 0; img && bad < 0 && y < h; y++)
		for (int x = 0; bad < 0 && x < w; x++) {
			unsigned char e[4];
			want(p, x, y, e);
			if (memcmp(img + ((size_t)y * w + x) * bpp, e, bpp))
				bad = (long)y * w + x;
		}
	ok(img && bad < 0, "%s, %s: every pixel is cairo's, unpremultiplied",
	   what, fn);
	if (bad >= 0)
		printf("#   first wrong pixel: x %ld, y %ld\n", bad % w,
		       bad / w);
	int seen = img ? filters_seen(&b, w, h, bpp) : -1;
	if (filter >= BS_PNG_NONE && filter <= BS_PNG_PAETH)
		is_int(seen, 1 << filter, "%s, %s: every row says so", what,
		       fn);
	else if (filter == BS_PNG_ROWWISE)
		ok(seen > 0 && seen < 1 << 5 && (!mixed || (seen & (seen - 1))),
		   "%s, %s: rows use %s (mask %d)", what, fn,
		   mixed ? "more than one filter" : "filters 0 to 4", seen);
	bs_buf c = BS_BUF_INIT;
	bs_png_encode(&c, p->px, p->stride, p->w, p->h, 0, filter, NULL);
	ok(b.len == c.len && memcmp(b.ptr, c.ptr, b.len) == 0,
	   "%s, %s: the same pixels give the same bytes", what, fn);
	bs_buf_free(&c);
	bs_buf_free(&b);
	free(img);
}

/* mixed: rows filtered one by one must not all take the same filter */
static void check_all(const pixels *p, const char *what, int want_bpp,
		      int mixed)
{
	for (int f = -1; f <= BS_PNG_ROWWISE; f++)
		check(p, what, f, want_bpp, mixed);
}

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

int main(void)
{
	/* every alpha (a row each) against every channel value up to it,
	 * cairo's rows padded */
	pixels all = make(256, 256, 12);
	for (int a = 0; a < 256; a++)
		for (int x = 0; x < 256; x++) {
			unsigned r = (unsigned)(x * a / 255);
			set(&all, x, a, (unsigned)a, r,
			    (unsigned)(x * 7) % (unsigned)(a + 1),
			    (unsigned)a - r);
		}
	check_all(&all, "every alpha and value", 4, 1);

	/* opaque: written as RGB; noise beside flat runs so that each
	 * filter wins some rows */
	pixels op = make(97, 40, 0);
	uint32_t s = 7;
	for (int y = 0; y < op.h; y++)
		for (int x = 0; x < op.w; x++) {
			uint32_t v = rnd(&s);
			int flat = y % 3 == 0 || x > 60;
			set(&op, x, y, 255, flat ? 20u + y : v & 255,
			    flat ? 200u : (v >> 8) & 255,
			    flat ? (unsigned)x : (v >> 16) & 255);
		}
	check_all(&op, "opaque", 3, 1);

	/* a column one pixel wide: transparent, alpha 1, half, opaque */
	pixels one = make(1, 9, 4);
	const unsigned col[9][4] = {
	    {0, 0, 0, 0},      {1, 1, 0, 1},	  {1, 0, 0, 0},
	    {128, 128, 64, 0}, {255, 255, 0, 17}, {254, 3, 254, 100},
	    {2, 1, 2, 0},      {0, 0, 0, 0},	  {255, 255, 255, 255}};
	for (int y = 0; y < 9; y++)
		set(&one, 0, y, col[y][0], col[y][1], col[y][2], col[y][3]);
	check_all(&one, "width 1", 4, 0);

	/* nothing drawn: transparent everywhere */
	pixels none = make(5, 3, 0);
	memset(none.px, 0, (size_t)none.stride * none.h);
	check_all(&none, "fully transparent", 4, 0);

	/* translucent noise with alpha 1 and 0 in it */
	pixels tr = make(64, 33, 0);
	for (int y = 0; y < tr.h; y++)
		for (int x = 0; x < tr.w; x++) {
			uint32_t v = rnd(&s);
			unsigned a = (x + y) % 5 == 0	? 1
				     : (x * y) % 7 == 0 ? 0
							: v % 256;
			set(&tr, x, y, a, (v >> 8) % (a + 1),
			    (v >> 16) % (a + 1), a == 0 ? 0 : a - 1);
		}
	check_all(&tr, "translucent", 4, 1);

	free(all.px);
	free(op.px);
	free(one.px);
	free(none.px);
	free(tr.px);
	return done_testing();
}
