/* jsonsrc.h: our own strict JSON reader (RFC 8259: no comments, no trailing
 * commas, no NaN). It builds jansson values and remembers the line and
 * column of every key and value, so later checks can point at them. */
#ifndef BS_JSONSRC_H
#define BS_JSONSRC_H

#include "base/diag.h"

#include <jansson.h>
#include <stddef.h>

/* Deepest nesting of objects and arrays accepted (the top level is 1). */
#define BS_JSON_MAX_DEPTH 64

/* Positions of the keys and values of one parsed document. Read-only once
 * built, so any number of threads may look things up at once. Caller frees
 * with bs_jpos_free. */
typedef struct bs_jpos bs_jpos;

/* Parse one JSON value starting at byte offset off of src->text. On
 * success *out (caller json_decref) and *pos (caller bs_jpos_free) are set
 * and *end is the offset just past the value; on failure they are NULL (0)
 * and every problem is reported to d at src:line:col with a hint. Duplicate
 * keys, strings holding U+0000 or lone surrogates, integers beyond
 * json_int_t and nesting deeper than BS_JSON_MAX_DEPTH are errors.
 * Returns BS_OK or BS_ECONTENT. */
int bs_json_parse(json_t **out, bs_jpos **pos, size_t *end,
		  const bs_source *src, size_t off, bs_diags *d);
/* Parse a file that holds one JSON value and nothing else but white space
 * (site.json, framework.json, visual-language.json). */
int bs_json_parse_file(json_t **out, bs_jpos **pos, const bs_source *src,
		       bs_diags *d);

/* Lookups: 1-based line, column in characters; 0, 0 when unknown. jansson
 * shares one true, false and null value, so members and items are found by
 * (container, key) and (container, index); bs_jpos_value finds objects,
 * arrays, strings and numbers by pointer only. p may be NULL. Any out
 * pointer may be NULL. */
void bs_jpos_member(const bs_jpos *p, const json_t *obj, const char *key,
		    int *kline, int *kcol, int *vline, int *vcol);
void bs_jpos_item(const bs_jpos *p, const json_t *arr, size_t index, int *line,
		  int *col);
void bs_jpos_value(const bs_jpos *p, const json_t *v, int *line, int *col);
void bs_jpos_free(bs_jpos *p);

/* Check obj's keys against allowed (NULL-terminated). Each unknown key is
 * an error at the key, "unknown key 'nmae' in <what>" (what may be NULL),
 * with a "did you mean" hint or, when nothing is close, the list of allowed
 * keys. Reports every unknown key; returns BS_OK or BS_ECONTENT. */
int bs_json_check_keys(const json_t *obj, const char *const *allowed,
		       const char *what, const bs_source *src,
		       const bs_jpos *pos, bs_diags *d);

#endif
