/* mustache.h: Mustache templates (the official specification, with
 * partials and inheritance): compiled once into a set, then rendered from
 * any number of threads against a stack of jansson values, which are read,
 * never copied. */
#ifndef BS_MUSTACHE_H
#define BS_MUSTACHE_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

typedef struct bs_tpl_set bs_tpl_set; /* named compiled templates */

bs_tpl_set *bs_tpl_set_new(void);
void bs_tpl_set_free(bs_tpl_set *set);
/* Compile src (len bytes) as template name; path is what diagnostics show.
 * Syntax errors are reported at path:line:col; returns BS_ECONTENT and
 * leaves the set as it was. Adding a name again replaces it. */
int bs_tpl_set_add(bs_tpl_set *set, const char *name, const char *src,
		   size_t len, const char *path, bs_diags *d);
int bs_tpl_set_has(const bs_tpl_set *set, const char *name);
/* Report every partial or parent a template names that the set lacks.
 * (Rendering, as the spec says, treats a missing one as empty.) */
int bs_tpl_set_check(const bs_tpl_set *set, bs_diags *d);
/* Call fn for every template of the set: its name, the path diagnostics
 * show and its text as added (all borrowed for the call). */
typedef void (*bs_tpl_fn)(void *ctx, const char *name, const char *path,
			  const char *text, size_t len);
void bs_tpl_set_each(const bs_tpl_set *set, bs_tpl_fn fn, void *ctx);
/* Append template name rendered against the context stack ctx[0..n-1],
 * ctx[n-1] looked up first. The set and the values are only read (borrowed),
 * so one set may render from many threads at once. Values print as: strings
 * as they are, integers exactly, reals by bs_buf_number, true/false as words,
 * null/missing/objects/lists as nothing; {{x}} goes through bs_buf_html.
 * Sections skip false, null, missing, [] and "" (0 and {} are shown).
 * Partials and parents nested deeper than 64 stop with an error, and so
 * does a render that writes more than 64 MiB or takes more than 10
 * million steps (tags, texts, list items, and long lookups down a deep
 * stack): sections over lists nested in each other. */
int bs_tpl_render(bs_buf *out, const bs_tpl_set *set, const char *name,
		  const json_t *const *ctx, size_t n, bs_diags *d);

#endif
