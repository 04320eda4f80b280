/* values.h: view values as the Open Badges emitters take them. Values are
 * copied, never shared with the view: views are read by several render
 * threads at once, and sharing would touch their reference counts. */
#ifndef BS_OBVALUES_H
#define BS_OBVALUES_H

#include <jansson.h>

/* o[key] when it is a non-empty string, else NULL (borrowed from o). */
const char *bs_obv_str(const json_t *o, const char *key);
/* o[key] = a copy of s, when s is not NULL. */
void bs_obv_put_str(json_t *o, const char *key, const char *s);
/* A copy of a number or string v, else NULL. Caller json_decrefs. */
json_t *bs_obv_copy_scalar(const json_t *v);
/* A new array of the non-empty strings of a. Caller json_decrefs. */
json_t *bs_obv_copy_texts(const json_t *a);
/* o[key] = arr when it holds anything; arr is consumed either way. */
void bs_obv_put_array(json_t *o, const char *key, json_t *arr);

/* How a framework field is read from the badge view. */
enum bs_obv_kind {
	BS_OBV_CLASS,	 /* string in badge.class */
	BS_OBV_TEXT,	 /* string */
	BS_OBV_NUMBER,	 /* number */
	BS_OBV_FLAG,	 /* true, else left out */
	BS_OBV_TEXTS,	 /* array of strings, in order */
	BS_OBV_LEVEL_FW, /* badge.level.framework */
	BS_OBV_LEVEL,	 /* badge.level.value, or "none" with level_none */
	BS_OBV_STACKS	 /* badge.stacks_into[]: the JSON ids they point at */
};

/* One framework field an emitter writes: its term, the view member it is
 * read from, how, and (for a vocabulary page) one line saying what it
 * is, or NULL. */
typedef struct bs_obv_field {
	const char *term;
	const char *view;
	enum bs_obv_kind kind;
	const char *doc;
} bs_obv_field;

/* Set out[f->term] for each of the n fields the badge view has: copies of
 * its values; a stacked badge's id is its "abs" URL + stacks_file
 * ("badge.json", "achievement.json"). */
void bs_obv_put_fields(json_t *out, const bs_obv_field *fields, size_t n,
		       const json_t *badge, const char *stacks_file);

#endif
