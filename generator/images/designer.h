/* designer.h: a designer's own files made safe to publish: SVG icons, shapes
 * and badge drawings (drawing elements only, nothing fetched), badge PNGs
 * (checked). What it makes is the caller's; icons are the spec's. */
#ifndef BS_DESIGNER_H
#define BS_DESIGNER_H

#include "base/buf.h"
#include "base/diag.h"
#include "input/source.h"

#include <jansson.h>

/* Work limits on a designer's SVG (icon or badge image): librsvg and cairo
 * take seconds over tens of thousands of elements, and every badge that
 * shows an icon draws it again. Checked on the parsed file before it is
 * cleaned or drawn. */
#define BS_SVG_MAX_ELEMENTS 5000
#define BS_SVG_MAX_DEPTH 32 /* elements inside each other, <svg> counted */

/* An icon made safe: drawing elements only, painted in currentColor. */
typedef struct bs_icon {
	char *path;	   /* the site path it was read from */
	char *svg;	   /* the sanitised drawing elements */
	double x, y, w, h; /* its viewBox */
} bs_icon;

/* Sanitise the icon file src (read from the site path rel): only drawing
 * elements and plain attributes survive, and paint becomes currentColor.
 * On BS_OK *out is set (its strings the caller's); BS_ECONTENT with every
 * problem in d, at src's lines. */
int bs_designer_icon(bs_icon *out, const bs_source *src, const char *rel,
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
 * name (from facts) as <title> and desc (the spec's description of the
 * badge, bs_vlang_describe) as <desc>. PNG files are checked (signature, at
 * least 600 x 600) and copied. Appends the image to out; returns BS_OK or
 * BS_ECONTENT / BS_EIO with every problem in d. */
int bs_designer_image(bs_buf *out, const char *desc, const char *site_root,
		      const char *rel, const json_t *facts,
		      const bs_source *from, int line, int col, bs_diags *d);

/* An SVG file the site publishes as it is (assets/css, assets/img: a logo,
 * the favicon), rel read as bs_files_read does: cleaned as a badge image
 * is (no DTD, no scripts or event handlers, no links out, only drawing
 * elements and attributes), but kept a whole SVG with its own viewBox,
 * width, height, role, aria-label(ledby), <title> and <desc> text, and ids
 * as they are. Sets out (caller frees; the file's problems make it empty)
 * and returns BS_OK, or BS_ECONTENT / BS_EIO with every problem in d, at
 * rel's lines. */
int bs_designer_clean(bs_buf *out, const char *site_root, const char *rel,
		      bs_diags *d);

#endif
