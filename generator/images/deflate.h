/* deflate.h: the zlib stream of a PNG's scanlines (RFC 1950 and 1951),
 * made for drawn images: long runs of one pixel and rows that repeat
 * the row above are found by comparing pixels, the rest by hash chains. */
#ifndef BS_DEFLATE_H
#define BS_DEFLATE_H

#include "base/buf.h"

#include <stddef.h>

/* Bytes that must follow the n bytes given to bs_deflate_png, readable
 * (their values do not matter): matches are compared eight bytes at a
 * time. */
#define BS_DEFLATE_PAD 8

/* The most bytes bs_deflate_png takes (positions are 32-bit): 1 GB, an
 * image of 16,000 x 16,000 pixels. */
#define BS_DEFLATE_MAX ((size_t)1 << 30)

/* Append to out a zlib stream of the n bytes at raw (n below
 * BS_DEFLATE_MAX): the scanlines of a PNG, each row (its filter byte and
 * pixels) row bytes long, bpp bytes a pixel. raw must be followed by
 * BS_DEFLATE_PAD readable bytes. The same bytes always give the same
 * stream. */
void bs_deflate_png(bs_buf *out, const unsigned char *raw, size_t n, size_t row,
		    int bpp);

#endif
