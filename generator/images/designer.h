/* designer.h: a designer's own files, made safe to publish: icons and
 * whole badge drawings in SVG (cleaned with libxml2: drawing elements and
 * plain attributes only, nothing fetched) and badge PNGs (checked). */
#ifndef BS_DESIGNER_H
#define BS_DESIGNER_H

#include "base/buf.h"
#include "base/diag.h"
#include "images/vlang.h"
#include "input/source.h"

#include <jansson.h>

/* A designer's own badge image, the front-matter field `image` (rel, a site
 * path ending .svg or .png, named at from:line:col). SVG files are
 * sanitised as icons are, but keep their colours, gradients and clip paths:
 * no DTD or entities, no network, only drawing elements and attributes,
 * ids prefixed per badge; the result is a whole SVG with the badge's
 * <title> and <desc> (from facts). PNG files are checked (signature, at
 * least 600 x 600) and copied. Appends the image to out; returns BS_OK or
 * BS_ECONTENT / BS_EIO with every problem in d. */
int bs_designer_image(bs_buf *out, const bs_vlang *vl, const char *site_root,
		      const char *rel, const json_t *facts,
		      const bs_source *from, int line, int col, bs_diags *d);

#endif
