/* scaffold.h: `badgesite new`: a starter site, and new badge, term and
 * page files with the fields their kind needs, ready to fill in. Nothing
 * existing is ever overwritten. */
#ifndef BS_SCAFFOLD_H
#define BS_SCAFFOLD_H

#include "base/diag.h"
#include "model/model.h"

/* Each sets *made (caller frees) to what it created. */
int bs_scaffold_site(char **made, const char *dir, bs_diags *d);
/* A draft badge; cls (may be NULL: the framework's first class) decides
 * the fields written. */
int bs_scaffold_badge(char **made, const char *root, const char *id,
		      const char *cls, bs_diags *d);
int bs_scaffold_term(char **made, const char *root, const char *id,
		     bs_diags *d);
/* path is SECTION/NAME. */
int bs_scaffold_page(char **made, const char *root, const char *path,
		     bs_diags *d);

/* What the files above leave to fill in: every "TODO" (a whole word) still
 * in a badge, term or page that a build of the validated site s publishes
 * is an error at its line and column (publish refuses them). Returns
 * BS_ECONTENT if there was one, else BS_OK. */
int bs_scaffold_check_todo(const bs_site *s, bs_diags *d);

#endif
