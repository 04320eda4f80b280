/* png.h: rasterising a badge SVG with librsvg on cairo and encoding the
 * pixels with libpng: RGBA, transparent background, no time or text
 * chunks, so the same SVG always gives the same bytes. */
#ifndef BS_PNG_H
#define BS_PNG_H

#include "base/buf.h"
#include "base/diag.h"

/* Append to out a size x size PNG of the SVG (len bytes). The SVG may not
 * load anything from outside itself. Returns BS_OK or BS_ECONTENT. */
int bs_png_from_svg(bs_buf *out, const char *svg, size_t len, int size,
		    bs_diags *d);

/* Rasterise the SVG at size x size and return its alpha channel, one byte
 * per pixel, row by row (caller frees), or NULL if it cannot be drawn.
 * Used to measure shapes for fitting text. */
unsigned char *bs_png_alpha(const char *svg, size_t len, int size);

#endif
