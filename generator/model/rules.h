/* rules.h: rules between badges, by id: a badge's own completion rule
 * (groups of badges: all of, one of, n of, minimum hours, nested) and its
 * prerequisites ("requires"). Parsed, resolved and checked here. */
#ifndef BS_RULES_H
#define BS_RULES_H

#include "model/model.h"

/* For every badge of the build: parse "completion" into b->completion and
 * "requires" into b->requires / required_for, each id resolved, reported
 * with a "did you mean" when unknown. Every badge a completion rule names
 * stacks into the badge that holds it (stacks_into and stacked_from gain
 * the link when its own stacks_into lacks it); a badge that stacks into a
 * badge with a rule must be named in the rule. Rules that can never
 * complete, prerequisite cycles, drafts and retired badges are errors.
 * Runs after every badge's own fields are checked and its stacks_into
 * resolved, before bs_framework_check_stacks. */
int bs_rules_resolve(bs_site *s, bs_diags *d);

/* Does rule r name badge b (at any depth)? */
int bs_rules_names(const bs_rule *r, const bs_badge *b);

/* Free a rule made by bs_rules_resolve, r itself included (NULL: none). */
void bs_rules_free(bs_rule *r);

/* The badge id closest to id among the site's badges, for a "did you
 * mean", or NULL. Borrowed from the model. */
const char *bs_rules_suggest_badge(const bs_site *s, const char *id);

#endif
