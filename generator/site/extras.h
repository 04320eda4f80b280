/* extras.h: the files a site serves beside its pages and JSON. Each
 * appends to out (owned by the caller) and reads the read-only model and
 * plan only, so any render worker may call them. */
#ifndef BS_EXTRAS_H
#define BS_EXTRAS_H

#include "base/buf.h"
#include "model/model.h"
#include "views/plan.h"

/* sitemap.xml: every folder page (…/index.html) at its absolute URL. */
void bs_extras_sitemap(bs_buf *out, const bs_site *s, const bs_plan *p);
/* robots.txt: everything allowed, and where the sitemap is. */
void bs_extras_robots(bs_buf *out, const bs_site *s);
/* _redirects (Netlify/Cloudflare form): a renamed badge's old folders to
 * its folder now, 301. */
void bs_extras_redirects(bs_buf *out, const bs_site *s, const bs_plan *p);
/* An older version's page o, read from its snapshot, with a notice saying
 * what superseded it (or what the badge is called now). BS_OK, or the
 * read's error in d. */
int bs_extras_snapshot_page(bs_buf *out, const bs_site *s, const bs_output *o,
			    bs_diags *d);

#endif
