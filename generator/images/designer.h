/* designer.h: a designer's own files made safe to publish: SVG icons, shapes
 * and badge drawings (drawing elements only, nothing fetched), badge PNGs
 * (checked). What it makes is the caller's; icons are the spec's. */
#ifndef BS_DESIGNER_H
#define BS_DESIGNER_H

#include "base/buf.h"
#include "base/diag.h"
#include "images/vlang.h"
#include "input/source.h"

#include <jansson.h>

/* 1 when s is one of list (NULL-terminated), else 0: the allow-lists of
 * elements, attributes and keywords the cleaning keeps, or any list. */
int bs_designer_listed(const char *s, const char *const *list);

/* Read and sanitise the icon file rel (a site path the spec names at
 * from:line:col): only drawing elements and plain attributes survive, and
 * paint becomes currentColor. The icon is appended to vl->icons (the
 * spec's, freed by bs_vlang_free) and its bytes to vl->key; a file already
 * loaded is not read again. Returns its index in vl->icons, or -1 with
 * every problem in d. */
int bs_designer_load_icon(bs_vlang *vl, const char *site_root, const char *rel,
			  const bs_source *from, int line, int col,
			  bs_diags *d);

/* A designer's shape file src (read from rel): the d of the first <path>
 * at the top level of its <svg>, and its viewBox in box. Returns BS_OK
 * with *d set (caller frees), or BS_ECONTENT with *d NULL when there is no
 * such path or viewBox, or a DTD; that is not reported (the caller knows
 * where the spec names the file). */
int bs_designer_read_shape(char **d, double box[4], const bs_source *src,
			   const char *rel);

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
