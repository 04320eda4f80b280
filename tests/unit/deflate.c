/* deflate.c: images/deflate.c makes zlib streams that zlib reads back to
 * the same bytes: scanlines of one colour, rows that repeat, rows too
 * long for the window (whose code-length code must be cut to 7 bits),
 * noise over many blocks, rare bytes among common ones, tiny inputs; the
 * same bytes always give the same stream, and runs cost next to nothing. */
#include "images/deflate.h"
#include "base/alloc.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t rnd(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* n bytes with room for the padding the encoder may read */
static unsigned char *alloc(size_t n)
{
	unsigned char *p = bs_xmalloc(n + BS_DEFLATE_PAD);
	memset(p + n, 0x5a, BS_DEFLATE_PAD);
	return p;
}

/* Compress raw, inflate it with zlib, compare; returns the stream's size
 * (0 when it failed). */
static size_t check(const char *what, const unsigned char *raw, size_t n,
		    size_t row, int bpp)
{
	bs_buf z = BS_BUF_INIT, again = BS_BUF_INIT;
	bs_deflate_png(&z, raw, n, row, bpp);
	unsigned char *back = bs_xmalloc(n + 1);
	uLongf got = (uLongf)n + 1;
	int zr = uncompress(back, &got, (const Bytef *)z.ptr, z.len);
	int same = zr == Z_OK && got == n && memcmp(back, raw, n) == 0;
	ok(same, "%s: zlib reads the %zu bytes back (%zu compressed)", what, n,
	   z.len);
	if (zr != Z_OK)
		printf("#   zlib says %d\n", zr);
	bs_deflate_png(&again, raw, n, row, bpp);
	ok(again.len == z.len && memcmp(again.ptr, z.ptr, z.len) == 0,
	   "%s: the same bytes give the same stream", what);
	size_t len = same ? z.len : 0;
	free(back);
	bs_buf_free(&z);
	bs_buf_free(&again);
	return len;
}

/* Scanlines of w pixels of bpp bytes, h rows, filter byte 0. */
static unsigned char *image(int w, int h, int bpp, size_t *n, size_t *row)
{
	*row = (size_t)w * bpp + 1;
	*n = *row * h;
	unsigned char *p = alloc(*n);
	memset(p, 0, *n);
	return p;
}

int main(void)
{
	uint32_t s = 1;
	size_t n, row;

	/* one colour: a 600 x 600 badge's background is almost this */
	unsigned char *flat = image(600, 600, 4, &n, &row);
	for (size_t y = 0; y < 600; y++)
		for (size_t x = 0; x < 600; x++)
			memcpy(flat + y * row + 1 + 4 * x, "\x1c\x3f\x7a\xff",
			       4);
	size_t z = check("600 x 600 of one colour", flat, n, row, 4);
	ok(z > 0 && z < 8000, "one colour: %zu bytes (a run is a match)", z);
	free(flat);

	/* a vertical gradient: every row new, runs within it; and a row
	 * repeated under it */
	unsigned char *grad = image(300, 200, 4, &n, &row);
	for (size_t y = 0; y < 200; y++)
		for (size_t x = 0; x < 300; x++) {
			unsigned char *p = grad + y * row + 1 + 4 * x;
			p[0] = (unsigned char)(y < 100 ? y : 99);
			p[1] = (unsigned char)(x < 20 || x > 280 ? 0 : 200);
			p[2] = (unsigned char)(x % 97 == 0 ? x : 7);
			p[3] = (unsigned char)(x < 20 || x > 280 ? 0 : 255);
		}
	check("gradient, then repeated rows", grad, n, row, 4);
	free(grad);

	/* noise: literals over many blocks, RGB and RGBA */
	for (int bpp = 3; bpp <= 4; bpp++) {
		unsigned char *noise = image(400, 150, bpp, &n, &row);
		for (size_t i = 0; i < n; i++)
			noise[i] = i % row ? (unsigned char)rnd(&s) : 0;
		check(bpp == 3 ? "RGB noise, many blocks"
			       : "RGBA noise, many blocks",
		      noise, n, row, bpp);
		free(noise);
	}

	/* a skewed alphabet: bytes 0 to 13 as rare as Fibonacci's numbers
	 * (1, 1, 2, 3, 5, ... 377) among 64 random values: long codes (13
	 * bits; cutting them to 15 is the same function as the 7 bits
	 * below) */
	n = 16000;
	unsigned char *skew = alloc(n);
	size_t at = 0;
	for (unsigned k = 0, a = 1, b = 1; k < 14; k++, b += a, a = b - a)
		for (unsigned j = 0; j < a; j++)
			skew[at++] = (unsigned char)k;
	while (at < n)
		skew[at++] = (unsigned char)(20 + rnd(&s) % 64);
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = rnd(&s) % (i + 1);
		unsigned char t = skew[i];
		skew[i] = skew[j], skew[j] = t;
	}
	check("rare bytes among common ones", skew, n, n, 1);
	free(skew);

	/* rows longer than the window: no match with the row above; the
	 * lengths' own Huffman code comes out 8 bits deep and is cut to 7 */
	unsigned char *wide = image(8300, 4, 4, &n, &row);
	for (size_t i = 0; i < n; i++)
		wide[i] = (unsigned char)((i / 4) % 251 == 0 ? rnd(&s) : 9);
	check("rows of 33,201 bytes", wide, n, row, 4);
	free(wide);

	/* tiny: one pixel, three bytes, one byte */
	unsigned char *one = image(1, 1, 4, &n, &row);
	memcpy(one + 1, "\x01\x02\x03\x04", 4);
	check("one pixel", one, n, row, 4);
	check("three bytes", one, 3, 3, 1);
	check("one byte", one, 1, 1, 1);
	free(one);
	return done_testing();
}
