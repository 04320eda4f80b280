/* shapes.h: the shape library (the built-in outlines and the spec's own,
 * placed into the canvas) and the SVG number and path-data reader the
 * designer's files are cleaned with. Shapes are owned by the spec. */
#ifndef BS_SHAPES_H
#define BS_SHAPES_H

#include "base/buf.h"
#include "images/vlang.h"

#include <stddef.h>

/* Parse one SVG number at *p (no locale): 0 with *out set and *p moved past
 * it, or -1 when none starts at *p or it overflows (then *out and *p are
 * set all the same). */
int bs_shape_parse_number(const char **p, double *out);
/* Move *p past white space and commas. */
void bs_shape_skip_sep(const char **p);

/* Rewrite SVG path data d, scaled by s and moved by (tx, ty), onto the
 * caller's out with 2-decimal numbers. Returns 0, or -1 when d is not path
 * data (out may then hold part of it). */
int bs_shape_rewrite_path(bs_buf *out, const char *d, double s, double tx,
			  double ty);

/* Start vl's shape library: vl->shapes gets room for the built-in shapes
 * (circle, shield, hexagon, pill, teardrop, diamond, square) and room more,
 * and the built-ins are placed in it. vl->size and vl->margin must be set;
 * the shapes are vl's (freed by bs_vlang_free). */
void bs_shape_load_builtins(bs_vlang *vl, size_t room);

/* Fit box (x, y, width, height of what d draws) into vl's canvas less its
 * margin: sh->d becomes d in canvas units and sh->half the half-widths of
 * its mask, both sh's to free. Returns 0, or -1 when d is not path data or
 * draws nothing (either may be set by then; the caller frees them). */
int bs_shape_place(const bs_vlang *vl, bs_vl_shape *sh, const char *d,
		   const double box[4]);

/* The index in vl->shapes of the shape called name, or -1. */
int bs_shape_find(const bs_vlang *vl, const char *name);

#endif
