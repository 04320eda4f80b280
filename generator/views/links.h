/* links.h: every internal link of the pages a build writes leads to one of
 * its outputs: the links and images of the Markdown bodies of badges,
 * terms and pages, and the links the layouts write themselves. */
#ifndef BS_LINKS_H
#define BS_LINKS_H

#include "base/diag.h"
#include "model/model.h"
#include "views/plan.h"

/* Report each link of the validated site s that leads to no output of p
 * (a path in the plan, or a folder of it with an index.html) at its
 * source's line and column, with the closest output as a hint. An anchor
 * into the glossary must name a term, one to "#class-x" on the framework
 * page a class; other anchors are not followed. Links to other hosts are
 * not checked; a layout's link written from the host's root ("/x/") is an
 * error, as it leaves a site published under a sub-path. Returns
 * BS_ECONTENT if anything was reported, else BS_OK. */
int bs_links_check(const bs_site *s, const bs_plan *p, bs_diags *d);

#endif
