/* lint.h: the visual language judged against the badges it draws: looks
 * that could be mistaken across formality levels, words that do not read
 * or do not fit, crowded badges and per-award details on a class image. */
#ifndef BS_LINT_H
#define BS_LINT_H

#include "base/cache.h"
#include "base/diag.h"
#include "images/vlang.h"

#include <jansson.h>

/* Check every badge (facts[i], the flat fields, read from paths[i]) against
 * vl and the spec against itself. Errors: a value with no entry in its
 * scale; two classes of different formality with the same outline and
 * fills closer than lint.delta_e (CIEDE2000); formality levels told apart
 * by colour alone (same outline, ring, marking and icon). Warnings: label
 * or marking contrast under WCAG 4.5:1 (3:1 for large text), words that do
 * not fit their shape, more than lint.max_elements visual elements, a
 * badge name of more than lint.max_name_words words drawn on the image,
 * and per-award fields (recipient, dates) drawn on a class's image.
 * Reports point into the spec at file:line:col, or at the badge file.
 * Badges are measured on up to jobs threads (0: one per core); with a
 * cache, the measurements are kept there under base (which must hold the
 * spec's key and the program's) and only new badges are measured.
 * Returns BS_OK, or BS_ECONTENT when it reported an error. */
int bs_lint_run(const bs_vlang *vl, const json_t *const *facts,
		const char *const *paths, size_t n, int jobs,
		const bs_cache *cache, const bs_key *base, bs_diags *d);

/* The lint of the words alone, for a language edition's drawings (facts
 * of badges whose default drawing bs_lint_run judged): words that do not
 * fit, letters the font lacks, a name of too many words; nothing across
 * badges and no colour (an edition draws the default's look). Same
 * arguments and result as bs_lint_run; base should differ from its. */
int bs_lint_words(const bs_vlang *vl, const json_t *const *facts,
		  const char *const *paths, size_t n, int jobs,
		  const bs_cache *cache, const bs_key *base, bs_diags *d);

/* The CIEDE2000 colour difference of two "#rrggbb" colours. */
double bs_lint_delta_e(const char *a, const char *b);

/* The WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21). */
double bs_lint_contrast(const char *a, const char *b);

#endif
