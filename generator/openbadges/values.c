/* values.c: what both Open Badges emitters do with view values: read a
 * string, copy scalars and lists of texts, set a member only when it holds
 * something. */
#include "openbadges/values.h"

const char *bs_obv_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s && *s ? s : NULL;
}

/* Values are copied, never shared with the view, which several render
 * threads read at once. */
void bs_obv_put_str(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

json_t *bs_obv_copy_scalar(const json_t *v)
{
	if (json_is_integer(v))
		return json_integer(json_integer_value(v));
	if (json_is_real(v))
		return json_real(json_real_value(v));
	if (json_is_string(v))
		return json_string(json_string_value(v));
	return NULL;
}

json_t *bs_obv_copy_texts(const json_t *a)
{
	json_t *out = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(a, i, it)
	{
		if (json_is_string(it) && *json_string_value(it))
			json_array_append_new(
			    out, json_string(json_string_value(it)));
	}
	return out;
}

/* Set key to arr when it holds anything; arr is consumed. */
void bs_obv_put_array(json_t *o, const char *key, json_t *arr)
{
	if (json_array_size(arr))
		json_object_set_new(o, key, arr);
	else
		json_decref(arr);
}
