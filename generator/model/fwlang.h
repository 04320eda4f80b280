/* fwlang.h: framework.json's words in the site's other languages
 * (content/framework.<lang>.json): read, checked against the source (a
 * translation gives words, never facts) and laid over it per language. */
#ifndef BS_FWLANG_H
#define BS_FWLANG_H

#include "model/model.h"

/* Read content/framework.<code>.json of every language but the default
 * (a missing file is no error: the edition shows the default's words),
 * report a file for a language the site does not name, and set each
 * language's fw and labels. Runs in bs_langs_check, after the languages
 * and the framework were checked. */
void bs_fwlang_check(bs_site *s, bs_diags *d);

/* framework.json in language li: the source with that language's words
 * laid over it (li 0: the source). Borrowed. */
const json_t *bs_fwlang_json(const bs_site *s, int li);
/* The labels of language li (model/labels.h). Borrowed. */
const json_t *bs_fwlang_labels(const bs_site *s, int li);
/* A class's name and description in language li. Borrowed. */
const char *bs_fwlang_class_name(const bs_site *s, int li, const bs_class *k);
const char *bs_fwlang_class_description(const bs_site *s, int li,
					const bs_class *k);
/* A formality level's name in language li (NULL for an unknown id). */
const char *bs_fwlang_formality_name(const bs_site *s, int li, const char *id);

/* Release what bs_fwlang_check set in s->langs. */
void bs_fwlang_free(bs_site *s);

#endif
