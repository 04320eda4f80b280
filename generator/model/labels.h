/* labels.h: the words pages show for the framework's codes (assessment
 * kinds, award modes, participation, recipients, a level of "none", the
 * names of badge fields) and the one/other forms of counted units: one
 * table of English defaults, overridden by framework.json's "labels". */
#ifndef BS_LABELS_H
#define BS_LABELS_H

#include "base/buf.h"
#include "input/schema.h"

#include <jansson.h>

/* Check framework.json's "labels" (reports through c, unknown groups and
 * keys with a did-you-mean) and return the defaults with the site's
 * words laid over them: { group: { code: words } }, units as { unit:
 * { "one": .., "other": .. } }. assessment holds the assessment codes
 * the classes allow (an array of strings each, or NULL entries), n of
 * them. Never NULL; caller json_decrefs. */
json_t *bs_labels_load(bs_chk *c, const json_t *fw, json_t *const *assessment,
		       size_t n);

/* The words for code in group ("award_mode", "evidence-reviewed"): the
 * site's or the default; else code itself. Borrowed from labels or
 * code. */
const char *bs_labels_word(const json_t *labels, const char *group,
			   const char *code);

/* Append n and the form of unit that n takes ("1 hour", "2 hours",
 * "0.5 credits"): "one" for exactly 1, "other" otherwise. A unit the
 * labels lack takes fallback (may be NULL: the unit's name). */
void bs_labels_count(bs_buf *b, const json_t *labels, const char *unit,
		     double n, const char *fallback);

#endif
