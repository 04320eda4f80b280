/* pageview.h: the frame one page's template reads: the site with this
 * page's menu, the page itself, and the values of its kind (classes,
 * framework, catalogue and facets, glossary, legend, a badge). Built by
 * the render workers, one page at a time, from the read-only model, views
 * and plan; also the small objects the Open Badges emitters read beside a
 * badge's or an issuer's view. */
#ifndef BS_PAGEVIEW_H
#define BS_PAGEVIEW_H

#include "model/model.h"
#include "views/plan.h"

#include <jansson.h>

typedef struct bs_frame {
	const char *layout; /* the layout this page asks for ("badge",
			       "catalogue", a section's name, ...) */
	json_t *root;	    /* the template's root context */
	json_t *top;	    /* a context above root (a badge page's view), or
			       NULL */
} bs_frame;

/* Build the frame of page output o into *out. Every value is either made
 * here (the views of the badges the page shows among them) or borrowed
 * by reference from the shared views (shallow copies), so bs_frame_free
 * releases only this page's part. Returns 1 when o is a
 * page (HOME, PAGE, FRAMEWORK, CATALOGUE, BADGE_PAGE, GLOSSARY, LEGEND,
 * 404), 0 and nothing built for every other kind. */
int bs_pageview_frame(bs_frame *out, const bs_site *s, const bs_plan *p,
		      const bs_output *o);
void bs_frame_free(bs_frame *f);

/* What the Open Badges emitters read of the site (base_url, language;
 * with_hosts: the issuing hosts an issuer Profile vouches for). Caller
 * json_decrefs. */
json_t *bs_pageview_ob_site(const bs_site *s, int with_hosts);
/* The same (without hosts) for the JSON of language edition li: its
 * language. Caller json_decrefs. */
json_t *bs_pageview_ob_edition(const bs_site *s, int li);

#endif
