/* langs.h: the languages a site publishes in: site.json "languages",
 * the translation files beside their sources (content/badges/<id>.fr.md,
 * glossary terms, pages) and the layout strings of each language
 * (layouts/strings/<lang>.json). */
#ifndef BS_LANGS_H
#define BS_LANGS_H

#include "model/model.h"

/* Is name "<id>.<lang>.md"? Then *id and *code are set (caller frees
 * both) and 1 is returned; else 0 and nothing is set. */
int bs_langs_tr_name(char **id, char **code, const char *name);

/* Record the translation file rel of the badge, term (key: its id) or page
 * (key: its url) into s->trs; read by bs_langs_load. */
void bs_langs_add(bs_site *s, int kind, const char *key, const char *code,
		  const char *rel);

/* Read and parse every recorded translation file (on threads). */
void bs_langs_load(bs_site *s, bs_diags *d);

/* Note the strings layout rel (text[0..len)) reads: {{t.key}} and its
 * sections, into s->strings_used. */
void bs_langs_scan(bs_site *s, const char *rel, const char *text, size_t len);

/* Check "languages", every translation and the layout strings; give each
 * badge, term and page its editions (ed[0..nlangs), ed[i].tr set where a
 * translation exists) and each language its strings. Runs in validate,
 * after the sources were checked. */
void bs_langs_check(bs_site *s, bs_diags *d);

/* The front matter an edition reads: the translation's merged data, else
 * the source's fm. Borrowed. */
const json_t *bs_langs_data(const bs_edition *ed, const json_t *fm);
/* The body of an edition: the translation's, else the source's. */
void bs_langs_body(const char **body, size_t *len, const bs_edition *ed,
		   const bs_frontmatter *fm);

/* Release what bs_langs_* made in s (the editions' views included). */
void bs_langs_free(bs_site *s);

#endif
