/* legend.h: the visual-language legend page's fragment, drawn from the
 * spec (only read); the HTML is appended to the caller's buffer. */
#ifndef BS_LEGEND_H
#define BS_LEGEND_H

#include "base/buf.h"
#include "images/vlang.h"

#include <jansson.h>

/* Append an HTML fragment explaining each channel in words: the field it
 * follows, each value and what it shows (colours by name, icons and
 * shapes drawn and named, a label's template spelt out). words (may be
 * NULL) gives the words for fields, { "fields": { field: words } }, and
 * for their values, { "values": { field: { value: words } } }; what it
 * lacks is shown as written in the spec; words.t, the layout strings of
 * the page's language, gives the few fixed words of the table heads
 * (vl_follows, vl_shows, vl_or_more; written as they are), else English.
 * Text is escaped; swatches are inline SVG. */
void bs_legend_html(bs_buf *out, const bs_vlang *vl, const json_t *words);

#endif
