/* render.h: the render stage: one planned output made into bytes and
 * written to the stage. Reads the model and the plan only, so any number
 * of workers may render different outputs at once, each with its own
 * image context and diagnostics list. */
#ifndef BS_RENDER_H
#define BS_RENDER_H

#include "images/svg.h"
#include "model/model.h"
#include "site/publish.h"
#include "views/plan.h"

/* Render output o into the stage, or link it from the cache. *files is
 * set to the number of files taken from the cache (0, 1, or 2 for a
 * badge's SVG and PNG). */
int bs_render_one(size_t *files, const bs_site *s, const bs_plan *p,
		  const bs_output *o, const bs_stage *st, bs_img_ctx *img,
		  bs_diags *d);

/* Between the render passes: read the SVG and PNG of every badge version
 * some award is of from the stage into p, once, for the second pass to
 * bake (p->award_svg, p->award_png). */
int bs_render_award_sources(bs_plan *p, const bs_site *s, const bs_stage *st,
			    bs_diags *d);

#endif
