/* fuzz_deflate.c: libFuzzer target for the PNG deflate encoder
 * (images/deflate): the first two bytes choose the bytes per pixel (1 to
 * 8) and the pixels per row, the rest are the scanlines (any bytes, so
 * filter bytes too); zlib must read back exactly those bytes from the
 * stream, and the same input must give the same stream. */
#include "base/alloc.h"
#include "base/buf.h"
#include "images/deflate.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int bpp = 1 + data[0] % 8;
	size_t row = 1 + (size_t)bpp * (1 + data[1]);
	data += 2;
	size -= 2;
	/* a whole number of rows, as a PNG has; the input repeated to fill
	 * at least one so that short inputs still make runs and rows */
	size_t rows = size / row + (size % row != 0);
	size_t n = rows * row;
	unsigned char *raw = bs_xmalloc(n + BS_DEFLATE_PAD);
	for (size_t i = 0; i < n; i++)
		raw[i] = size ? data[i % size] : 0;
	memset(raw + n, 0xa5, BS_DEFLATE_PAD);
	bs_buf z = BS_BUF_INIT, again = BS_BUF_INIT;
	bs_deflate_png(&z, raw, n, row, bpp);
	bs_deflate_png(&again, raw, n, row, bpp);
	if (z.len != again.len || memcmp(z.ptr, again.ptr, z.len) != 0)
		__builtin_trap();
	unsigned char *back = bs_xmalloc(n + 1);
	uLongf got = (uLongf)n + 1;
	int zr = uncompress(back, &got, (const Bytef *)z.ptr, (uLong)z.len);
	if (zr != Z_OK || got != n || memcmp(back, raw, n) != 0)
		__builtin_trap();
	free(back);
	free(raw);
	bs_buf_free(&z);
	bs_buf_free(&again);
	return 0;
}
