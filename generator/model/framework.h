/* framework.h: the framework as data (content/framework.json): its
 * formality levels and badge classes, and the rules a badge is held to:
 * hours and credits ranges, credits from hours, assessment, attendance,
 * pass mark, capstone, required fields and stacking. */
#ifndef BS_FRAMEWORK_H
#define BS_FRAMEWORK_H

#include "input/schema.h"
#include "model/model.h"

/* Parse and check framework.json (fw->src already loaded, moved into fw).
 * Classes point into fw->json; free with bs_framework_free. */
int bs_framework_load(bs_framework *fw, bs_diags *d);
void bs_framework_free(bs_framework *fw);
const bs_class *bs_framework_class(const bs_framework *fw, const char *id);
/* Is id one of the framework's formality levels? */
int bs_framework_has_formality(const bs_framework *fw, const char *id);
const char *bs_framework_formality_name(const bs_framework *fw, const char *id);

/* Credits earned for hours, rounded as the credit system states. */
double bs_credits_from_hours(const bs_credit_system *cs, double hours);

/* Hold one badge's front matter (c reports at its fields) to its class's
 * rules. Sets *credits (computed or given) and *has_credits. */
int bs_framework_check_badge(bs_chk *c, const bs_class *cls,
			     const bs_credit_system *cs, const json_t *fm,
			     double *credits, int *has_credits);

/* Check stacking across badges whose stacks_into/stacked_from are
 * resolved: classes allow it, targets accept stacks, no cycles, each
 * target's completion rule can be met. */
int bs_framework_check_stacks(bs_badge *const *badges, size_t n, bs_diags *d);

#endif
