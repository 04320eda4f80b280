/* svg.h: drawing one badge as a self-contained SVG from the visual-language
 * spec: no <text> (words are pango outlines), no external references,
 * role="img" with <title>, <desc> and aria-label. */
#ifndef BS_SVG_H
#define BS_SVG_H

#include "buf.h"
#include "diag.h"
#include "vlang.h"

#include <jansson.h>

/* Append the SVG of the badge whose flat fields are facts (borrowed) to
 * out. *alt receives its text alternative (caller frees). c is the calling
 * thread's context; vl is shared and read-only. Same input, same bytes.
 * Returns BS_OK, or BS_ECONTENT when a channel has no value for facts
 * (bs_vlang_check reports that earlier, with a hint). */
int bs_svg_draw(bs_buf *out, char **alt, bs_img_ctx *c, const bs_vlang *vl,
		const json_t *facts, bs_diags *d);

#endif
