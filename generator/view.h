/* view.h: the values templates and JSON emitters read, built once from
 * the validated model (docs/templates.md lists them). Pages borrow these
 * objects; nothing is copied per page. */
#ifndef BS_VIEW_H
#define BS_VIEW_H

#include "model.h"

/* Build site_view, issuers, and each badge's view and facts and each
 * term's view. Runs once, single-threaded, at the end of validate. */
void bs_view_build(bs_site *s);

/* A shallow copy of b's view with its criteria narrative added, as HTML
 * (narrative_html, links relative to the badge page) or as plain
 * Markdown with absolute links (narrative_md). Rendering Markdown is the
 * costly part of a view, so it happens here, in the render workers.
 * Caller json_decrefs. */
json_t *bs_view_narrative(const bs_site *s, const bs_badge *b, int html);

/* A string member of obj, or NULL. */
const char *bs_view_str(const json_t *obj, const char *key);

#endif
