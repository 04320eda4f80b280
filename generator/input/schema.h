/* schema.h: typed access to a parsed JSON document that reports every
 * missing field or wrong type at its file, line and column. Used by the
 * loaders of site.json, framework.json and front matter. */
#ifndef BS_SCHEMA_H
#define BS_SCHEMA_H

#include "base/diag.h"
#include "input/jsonsrc.h"

#include <jansson.h>

typedef struct bs_chk {
	const bs_source *src;
	const bs_jpos *pos;
	bs_diags *d;
	int errors; /* errors reported through this checker */
} bs_chk;

/* Report at the value of obj.key (or at obj when the key is absent). */
void bs_chk_at_member(bs_chk *c, const json_t *obj, const char *key,
		      const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Report at the key obj.key itself. */
void bs_chk_at_key(bs_chk *c, const json_t *obj, const char *key,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Report at item i of array arr. */
void bs_chk_at_item(bs_chk *c, const json_t *arr, size_t i, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));
/* Attach a hint to the last report. */
void bs_chk_hint(bs_chk *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Is k one of the NULL-terminated list l (field names, say)? */
int bs_chk_listed(const char *k, const char *const *l);

/* Unknown keys are errors with a "did you mean". */
void bs_chk_keys(bs_chk *c, const json_t *obj, const char *const *allowed,
		 const char *what);

/* Getters: NULL/0 when absent or wrong (wrong is reported; absent only
 * when required). Strings must be non-empty. */
const char *bs_chk_str(bs_chk *c, const json_t *obj, const char *key,
		       int required);
const char *bs_chk_enum(bs_chk *c, const json_t *obj, const char *key,
			const char *const *allowed, int required);
/* A URL field: http(s), mailto or relative; absolute demands http(s). */
const char *bs_chk_url(bs_chk *c, const json_t *obj, const char *key,
		       int required, int absolute);
const char *bs_chk_id(bs_chk *c, const json_t *obj, const char *key,
		      int required);
/* Number within [min, max]; returns 1 when present and valid. */
int bs_chk_num(bs_chk *c, const json_t *obj, const char *key, double min,
	       double max, int required, double *out);
int bs_chk_int(bs_chk *c, const json_t *obj, const char *key, long min,
	       long max, int required, long *out);
int bs_chk_bool(bs_chk *c, const json_t *obj, const char *key, int required,
		int *out);
json_t *bs_chk_obj(bs_chk *c, const json_t *obj, const char *key, int required);
/* An array (of strings when strings is set; each non-empty). */
json_t *bs_chk_arr(bs_chk *c, const json_t *obj, const char *key, int required,
		   int strings);
/* The text of a YYYY-MM-DD date, checked for a real calendar day. */
const char *bs_chk_date(bs_chk *c, const json_t *obj, const char *key,
			int required);

const char *bs_json_type_name(const json_t *v);

#endif
