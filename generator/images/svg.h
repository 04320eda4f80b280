/* svg.h: drawing one badge as a self-contained SVG from the visual-language
 * spec: no <text> (words are pango outlines), no external references,
 * role="img" with <title>, <desc> and aria-label. */
#ifndef BS_SVG_H
#define BS_SVG_H

#include "base/buf.h"
#include "base/diag.h"
#include "images/text.h"
#include "images/vlang.h"

#include <jansson.h>
#include <stdint.h>

/* Append the SVG of the badge whose flat fields are facts (borrowed) to
 * out. *alt receives its text alternative (caller frees). c is the calling
 * thread's context (images/text.h); vl is shared and read-only. The
 * facts' "language" picks the font of its words (the spec's "fonts") and
 * their direction. Same input, same bytes.
 * Returns BS_OK, or BS_ECONTENT when a channel has no value for facts
 * (bs_vlang_check reports that earlier, with a hint). */
int bs_svg_draw(bs_buf *out, char **alt, bs_img_ctx *c, const bs_vlang *vl,
		const json_t *facts, bs_diags *d);

/* One line of words as drawn: its text, its colour and the one or two
 * colours behind it, the font size it was meant to have (em0) and the
 * size it got after shrinking to fit (em; 0 when there was no room). */
typedef struct bs_svg_words {
	char text[128];
	char ink[8], bg[2][8];
	double em0, em;
	uint32_t missing; /* the first character its language's font has no
			     glyph for, or 0 */
} bs_svg_words;

/* What a drawing holds, for the lint: its visual elements (the shape
 * with its fill, ring, band, marking, icon, label, caption, each star)
 * and its words. */
typedef struct bs_svg_info {
	int elements;
	char names[160]; /* "shape, ring, band, ..." */
	bs_svg_words label, marking, caption;
	uint64_t look[2]; /* a fingerprint of the drawing, without its title,
			     description and ids: equal when two badges'
			     images are the same picture */
} bs_svg_info;

/* bs_svg_draw that also fills *info (when info is not NULL). */
int bs_svg_draw_info(bs_buf *out, char **alt, bs_img_ctx *c, const bs_vlang *vl,
		     const json_t *facts, bs_svg_info *info, bs_diags *d);

#endif
