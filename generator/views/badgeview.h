/* badgeview.h: a badge's view, its flat facts and its key, in each
 * language the site publishes. */
#ifndef BS_BADGEVIEW_H
#define BS_BADGEVIEW_H

#include "model/model.h"

#include <jansson.h>

/* b's view, facts and key in every language (b->view, b->facts, b->key
 * and b->ed[i]'s), owned by the model. Reads of other badges only what
 * validate set (ids, names, folders), so badges may be built on threads.
 * s->issuers and the languages must be built first (bs_siteview_build). */
void bs_badgeview_build(bs_site *s, bs_badge *b);

/* A shallow copy of b's view in language li (index in s->langs) with
 * its criteria narrative added, as HTML (narrative_html, links relative
 * to the badge page) or as plain Markdown with absolute links
 * (narrative_md). Rendering Markdown is the costly part of a view, so it
 * happens here, in the render workers. Caller json_decrefs. */
json_t *bs_badgeview_narrative(const bs_site *s, const bs_badge *b, int li,
			       int html);

/* v.editions: b in every language but li (language, json_abs,
 * achievement_abs), for the Open Badges JSON's related links; nothing on
 * a site of one language. */
void bs_badgeview_editions(json_t *v, const bs_site *s, const bs_badge *b,
			   int li);

#endif
