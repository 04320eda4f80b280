/* bake.h: Open Badges 2.0 baking: the award's assertion URL carried
 * inside its badge image, so the image alone leads to the award. A PNG
 * gets an iTXt chunk with the keyword "openbadges"; an SVG gets the
 * openbadges namespace on its root and <openbadges:assertion verify=
 * "URL"/> as the root's first child. Works on bytes: any PNG or SVG the
 * site publishes, drawn or a designer's. */
#ifndef BS_BAKE_H
#define BS_BAKE_H

#include "base/buf.h"

#include <stddef.h>

/* Append to out the PNG png (len bytes) with url baked in: an iTXt
 * "openbadges" chunk right after IHDR, replacing any baked before.
 * Returns 0, or -1 (out unchanged) when png is not a well-formed PNG. */
int bs_bake_png(bs_buf *out, const unsigned char *png, size_t len,
		const char *url);

/* Append to out the SVG svg (len bytes) with url baked in. Returns 0, or
 * -1 (out unchanged) when it has no <svg> root or is already baked. */
int bs_bake_svg(bs_buf *out, const char *svg, size_t len, const char *url);

/* The URL baked in a PNG's iTXt or tEXt "openbadges" chunk, or NULL.
 * Caller frees. */
char *bs_bake_png_read(const unsigned char *png, size_t len);

#endif
