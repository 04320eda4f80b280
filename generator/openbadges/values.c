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

static json_t *field_value(const bs_obv_field *f, const json_t *badge,
			   const char *stacks_file)
{
	const json_t *v = json_object_get(badge, f->view);
	const json_t *level = json_object_get(badge, "level");
	const json_t *lv;
	const char *s;
	json_t *out;
	size_t j;
	const json_t *it;
	switch (f->kind) {
	case BS_OBV_CLASS:
		s = bs_obv_str(json_object_get(badge, "class"), f->view);
		return s ? json_string(s) : NULL;
	case BS_OBV_TEXT:
		s = bs_obv_str(badge, f->view);
		return s ? json_string(s) : NULL;
	case BS_OBV_NUMBER:
		return json_is_number(v) ? bs_obv_copy_scalar(v) : NULL;
	case BS_OBV_FLAG: return json_is_true(v) ? json_true() : NULL;
	case BS_OBV_TEXTS: return bs_obv_copy_texts(v);
	case BS_OBV_LEVEL_FW:
		s = bs_obv_str(level, f->view);
		return s ? json_string(s) : NULL;
	case BS_OBV_LEVEL:
		lv = json_object_get(level, f->view);
		if (json_is_number(lv) ||
		    (json_is_string(lv) && *json_string_value(lv)))
			return bs_obv_copy_scalar(lv);
		if (json_is_true(json_object_get(badge, "level_none")))
			return json_string("none");
		return NULL;
	case BS_OBV_STACKS:
		out = json_array();
		json_array_foreach(v, j, it)
		{
			if (bs_obv_str(it, "abs"))
				json_array_append_new(
				    out,
				    json_sprintf("%s%s", bs_obv_str(it, "abs"),
						 stacks_file));
		}
		return out;
	}
	return NULL;
}

void bs_obv_put_fields(json_t *out, const bs_obv_field *fields, size_t n,
		       const json_t *badge, const char *stacks_file)
{
	for (size_t i = 0; i < n; i++) {
		json_t *v = field_value(&fields[i], badge, stacks_file);
		if (json_is_array(v))
			bs_obv_put_array(out, fields[i].term, v);
		else if (v)
			json_object_set_new(out, fields[i].term, v);
	}
}
