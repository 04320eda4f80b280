/* png.h: rasterising a badge SVG with librsvg on cairo and encoding the
 * pixels (RGBA, transparent background, the image's metadata as text
 * chunks, no time chunk), so the same SVG always gives the same bytes. */
#ifndef BS_PNG_H
#define BS_PNG_H

#include "base/buf.h"
#include "base/diag.h"
#include "images/meta.h"

/* Append to out a size x size PNG of the SVG (len bytes), with m (may be
 * NULL) as text chunks: Title, Description, Source, Author, Copyright.
 * The SVG may not load anything from outside itself. Returns BS_OK or
 * BS_ECONTENT. */
int bs_png_from_svg(bs_buf *out, const char *svg, size_t len, int size,
		    const bs_img_meta *m, bs_diags *d);

/* Append to out the PNG png (len bytes, a designer's file) with m's text
 * chunks after its header. BS_ECONTENT, with nothing appended, when png
 * does not start with a PNG signature and header. */
int bs_png_add_meta(bs_buf *out, const void *png, size_t len,
		    const bs_img_meta *m);

/* The PNG filter types, and BS_PNG_ROWWISE: each row's filter chosen by
 * the smallest sum of its bytes taken as signed. */
enum {
	BS_PNG_NONE,
	BS_PNG_SUB,
	BS_PNG_UP,
	BS_PNG_AVERAGE,
	BS_PNG_PAETH,
	BS_PNG_ROWWISE
};

/* Append to out the PNG of the w x h image at px: cairo's premultiplied
 * native-endian ARGB32, rows stride bytes apart, written as straight RGBA
 * (RGB when every pixel is opaque; px is not changed). Rows are filtered
 * with filter (a BS_PNG_ type; -1 for the filter the program uses) and
 * compressed by libdeflate at level (1 to 12, for comparing) or, with
 * level 0, by images/deflate.c as the program does; m (may be NULL)
 * becomes text chunks after the header. The same pixels always give the
 * same bytes. */
void bs_png_encode(bs_buf *out, const unsigned char *px, int stride, int w,
		   int h, int level, int filter, const bs_img_meta *m);

/* Rasterise the SVG at size x size and return its alpha channel, one byte
 * per pixel, row by row (caller frees), or NULL if it cannot be drawn.
 * Used to measure shapes for fitting text. */
unsigned char *bs_png_alpha(const char *svg, size_t len, int size);

#endif
