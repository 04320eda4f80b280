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

#endif
