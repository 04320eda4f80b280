/* eumc.h: EU micro-credentials. A class with "eu_microcredential": true
 * holds its badges to the mandatory elements of the Council
 * Recommendation of 16 June 2022 on a European approach to
 * micro-credentials (Annex I). Each element comes from a field:
 *
 *   title                      name
 *   awarding body, country     issuer (or default_issuer) and its
 *                              "country" in site.json
 *   learning outcomes          learning_outcomes (at least one)
 *   notional workload          hours; credits follow from site.json's
 *                              credit_system
 *   level                      level ({ framework, value } or "none")
 *   type of assessment         assessment
 *   form of participation      participation
 *   type of quality assurance  quality_assurance
 *
 * The learner's identification and the date of issue belong to each
 * award (the assertion), not to the badge. */
#ifndef BS_EUMC_H
#define BS_EUMC_H

#include "input/schema.h"
#include "model/model.h"

/* Is field one a badge of an EU micro-credential class must fill (so the
 * class's own "missing" reports leave it to bs_eumc_check_badge)? */
int bs_eumc_field(const char *field);

/* Report each element a badge of an EU micro-credential class lacks, at
 * the badge's "class" (c reports in the badge's front matter). */
int bs_eumc_check_badge(bs_chk *c, const bs_class *cls, const json_t *fm);

/* Report, once per issuer, at its key in site.json, an issuer without a
 * "country" that awards a badge of an EU micro-credential class. Run
 * after every badge's class and issuer are resolved. */
int bs_eumc_check_issuers(const bs_site *s, bs_diags *d);

#endif
