/* legend.h: the visual-language legend page's fragment, drawn from the
 * spec (only read); the HTML is appended to the caller's buffer. */
#ifndef BS_LEGEND_H
#define BS_LEGEND_H

#include "base/buf.h"
#include "images/vlang.h"

/* Append an HTML fragment explaining each channel: the field it follows,
 * each value and what it shows. Text is escaped; swatches are inline SVG. */
void bs_legend_html(bs_buf *out, const bs_vlang *vl);

#endif
