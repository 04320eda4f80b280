/* view.h: the values templates and JSON emitters read, built once from
 * the validated model (docs/templates.md lists them). Pages borrow these
 * objects; nothing is copied per page. */
#ifndef BS_VIEW_H
#define BS_VIEW_H

#include "model.h"

/* Build site_view, issuers, and each badge's view and facts and each
 * term's view. Runs once, single-threaded, at the end of validate. */
void bs_view_build(bs_site *s);

/* A string member of obj, or NULL. */
const char *bs_view_str(const json_t *obj, const char *key);

#endif
