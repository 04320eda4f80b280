/* ruleview.h: a badge's completion rule and prerequisites (model/rules.h)
 * in words, for its page, its criteria narrative and its view. */
#ifndef BS_RULEVIEW_H
#define BS_RULEVIEW_H

#include "base/buf.h"
#include "model/model.h"

#include <jansson.h>

/* b's completion rule as its view shows it: { "text": one sentence
 * ("All of: A, B, and one of: C or D"), "group": { "intro", "items":
 * [{ "badge": {id, name, url, abs} or false, "group": {...} or false }] }
 * }, or NULL when b has no rule of its own: in language li (its badges'
 * names and the rule's words, layouts/strings' rule_*). Caller
 * json_decrefs. */
json_t *bs_ruleview_completion(const bs_site *s, const bs_badge *b, int li);

/* Rule r in one sentence, in English, appended to o; top capitalises its
 * first word. */
void bs_ruleview_text(bs_buf *o, const bs_rule *r, int top);

/* [{id, name, url, abs}] of v[0..n) in language li, or NULL when n is 0.
 * Caller json_decrefs. */
json_t *bs_ruleview_refs(const bs_site *s, bs_badge *const *v, size_t n,
			 int li);

/* b's prerequisites and completion rule as Markdown paragraphs with
 * absolute links, appended to o (after the criteria narrative); nothing
 * when it has neither. */
void bs_ruleview_markdown(bs_buf *o, const bs_site *s, const bs_badge *b);

#endif
