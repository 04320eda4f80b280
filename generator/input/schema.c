/* schema.c: typed getters that report problems where they are. */
#include "input/schema.h"

#include "base/alloc.h"
#include "base/url.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void vreport(bs_chk *c, int line, int col, const char *fmt, va_list ap)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_vprintf(&b, fmt, ap);
	bs_diag_at(c->d, BS_ERROR, c->src, line, col, "%s", b.ptr);
	bs_buf_free(&b);
	c->errors++;
}

void bs_chk_at_member(bs_chk *c, const json_t *obj, const char *key,
		      const char *fmt, ...)
{
	int kl = 0, kc = 0, vl = 0, vc = 0;
	if (key && json_object_get(obj, key))
		bs_jpos_member(c->pos, obj, key, &kl, &kc, &vl, &vc);
	else
		bs_jpos_value(c->pos, obj, &vl, &vc);
	va_list ap;
	va_start(ap, fmt);
	vreport(c, vl, vc, fmt, ap);
	va_end(ap);
}

void bs_chk_at_key(bs_chk *c, const json_t *obj, const char *key,
		   const char *fmt, ...)
{
	int kl = 0, kc = 0, vl = 0, vc = 0;
	bs_jpos_member(c->pos, obj, key, &kl, &kc, &vl, &vc);
	va_list ap;
	va_start(ap, fmt);
	vreport(c, kl, kc, fmt, ap);
	va_end(ap);
}

void bs_chk_at_item(bs_chk *c, const json_t *arr, size_t i, const char *fmt,
		    ...)
{
	int l = 0, col = 0;
	bs_jpos_item(c->pos, arr, i, &l, &col);
	va_list ap;
	va_start(ap, fmt);
	vreport(c, l, col, fmt, ap);
	va_end(ap);
}

void bs_chk_hint(bs_chk *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bs_buf b = BS_BUF_INIT;
	bs_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	bs_diag_hint(c->d, "%s", b.ptr);
	bs_buf_free(&b);
}

int bs_chk_listed(const char *k, const char *const *l)
{
	for (; *l; l++)
		if (strcmp(*l, k) == 0)
			return 1;
	return 0;
}

void bs_chk_keys(bs_chk *c, const json_t *obj, const char *const *allowed,
		 const char *what)
{
	size_t before = bs_diags_count(c->d, BS_ERROR);
	bs_json_check_keys(obj, allowed, what, c->src, c->pos, c->d);
	c->errors += (int)(bs_diags_count(c->d, BS_ERROR) - before);
}

const char *bs_json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

static json_t *member(bs_chk *c, const json_t *obj, const char *key,
		      int required, const char *want)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required) {
			bs_chk_at_member(c, obj, NULL,
					 "missing required field '%s'", key);
			bs_chk_hint(c, "add \"%s\": %s", key, want);
		}
		return NULL;
	}
	return v;
}

static void wrong(bs_chk *c, const json_t *obj, const char *key,
		  const json_t *v, const char *want)
{
	bs_chk_at_member(c, obj, key, "'%s' must be %s, not %s", key, want,
			 bs_json_type_name(v));
	if (json_is_string(v)) {
		const char *t = json_string_value(v);
		char *end;
		strtod(t, &end);
		if (*t && !*end && strstr(want, "number"))
			bs_chk_hint(c, "write %s without quotes", t);
		else if (!strcmp(t, "true") || !strcmp(t, "false"))
			bs_chk_hint(c, "write %s without quotes", t);
		else if (strstr(want, "list"))
			bs_chk_hint(c, "put it in brackets: [\"%s\"]", t);
	}
}

const char *bs_chk_str(bs_chk *c, const json_t *obj, const char *key,
		       int required)
{
	json_t *v = member(c, obj, key, required, "\"...\"");
	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		wrong(c, obj, key, v, "a string");
		return NULL;
	}
	const char *s = json_string_value(v);
	size_t n = strspn(s, " \t\n");
	if (!s[n]) {
		bs_chk_at_member(c, obj, key, "'%s' is empty", key);
		return NULL;
	}
	return s;
}

const char *bs_chk_enum(bs_chk *c, const json_t *obj, const char *key,
			const char *const *allowed, int required)
{
	const char *s = bs_chk_str(c, obj, key, required);
	if (!s)
		return NULL;
	for (const char *const *a = allowed; *a; a++)
		if (strcmp(*a, s) == 0)
			return *a;
	bs_chk_at_member(c, obj, key, "'%s' is not a valid %s", s, key);
	const char *near = bs_suggest(s, allowed);
	bs_buf b = BS_BUF_INIT;
	for (const char *const *a = allowed; *a; a++)
		bs_buf_printf(&b, "%s'%s'", a == allowed ? "" : ", ", *a);
	if (near)
		bs_chk_hint(c, "did you mean '%s'? (one of %s)", near, b.ptr);
	else
		bs_chk_hint(c, "use one of %s", b.ptr);
	bs_buf_free(&b);
	return NULL;
}

const char *bs_chk_url(bs_chk *c, const json_t *obj, const char *key,
		       int required, int absolute)
{
	const char *s = bs_chk_str(c, obj, key, required);
	if (!s)
		return NULL;
	if (absolute ? !bs_url_is_http(s) : !bs_url_allowed(s)) {
		bs_chk_at_member(c, obj, key,
				 "'%s' is not an allowed URL: '%s'", key, s);
		bs_chk_hint(c, absolute ? "use an absolute http:// or "
					  "https:// URL"
					: "use http(s), mailto or a relative "
					  "URL");
		return NULL;
	}
	return s;
}

const char *bs_chk_id(bs_chk *c, const json_t *obj, const char *key,
		      int required)
{
	const char *s = bs_chk_str(c, obj, key, required);
	if (!s)
		return NULL;
	if (!bs_url_is_id(s)) {
		bs_chk_at_member(c, obj, key, "'%s' is not a valid id", s);
		bs_chk_hint(c, "ids use lower-case letters, digits and "
			       "hyphens, such as 'event-speaker'");
		return NULL;
	}
	return s;
}

int bs_chk_num(bs_chk *c, const json_t *obj, const char *key, double min,
	       double max, int required, double *out)
{
	json_t *v = member(c, obj, key, required, "a number");
	if (!v)
		return 0;
	if (!json_is_number(v)) {
		wrong(c, obj, key, v, "a number");
		return 0;
	}
	double x = json_number_value(v);
	if (!isfinite(x) || x < min || x > max) {
		bs_buf a = BS_BUF_INIT, b = BS_BUF_INIT;
		bs_buf_number(&a, min);
		bs_buf_number(&b, max);
		bs_chk_at_member(c, obj, key, "'%s' must be between %s and %s",
				 key, a.ptr, b.ptr);
		bs_buf_free(&a);
		bs_buf_free(&b);
		return 0;
	}
	*out = x;
	return 1;
}

int bs_chk_int(bs_chk *c, const json_t *obj, const char *key, long min,
	       long max, int required, long *out)
{
	json_t *v = member(c, obj, key, required, "a whole number");
	if (!v)
		return 0;
	if (!json_is_integer(v)) {
		wrong(c, obj, key, v, "a whole number");
		return 0;
	}
	json_int_t x = json_integer_value(v);
	if (x < min || x > max) {
		bs_chk_at_member(c, obj, key,
				 "'%s' must be between %ld and %ld", key, min,
				 max);
		return 0;
	}
	*out = (long)x;
	return 1;
}

int bs_chk_bool(bs_chk *c, const json_t *obj, const char *key, int required,
		int *out)
{
	json_t *v = member(c, obj, key, required, "true");
	if (!v)
		return 0;
	if (!json_is_boolean(v)) {
		wrong(c, obj, key, v, "true or false");
		return 0;
	}
	*out = json_is_true(v);
	return 1;
}

json_t *bs_chk_obj(bs_chk *c, const json_t *obj, const char *key, int required)
{
	json_t *v = member(c, obj, key, required, "{ ... }");
	if (!v)
		return NULL;
	if (!json_is_object(v)) {
		wrong(c, obj, key, v, "an object");
		return NULL;
	}
	return v;
}

json_t *bs_chk_arr(bs_chk *c, const json_t *obj, const char *key, int required,
		   int strings)
{
	json_t *v = member(c, obj, key, required, "[ ... ]");
	if (!v)
		return NULL;
	if (!json_is_array(v)) {
		wrong(c, obj, key, v, strings ? "a list of strings" : "a list");
		return NULL;
	}
	if (strings) {
		int ok = 1;
		size_t i;
		json_t *it;
		json_array_foreach(v, i, it)
		{
			if (!json_is_string(it) || !json_string_value(it)[0]) {
				bs_chk_at_item(c, v, i,
					       "'%s' must hold non-empty "
					       "strings",
					       key);
				ok = 0;
			}
		}
		if (!ok)
			return NULL;
	}
	return v;
}

const char *bs_chk_date(bs_chk *c, const json_t *obj, const char *key,
			int required)
{
	const char *s = bs_chk_str(c, obj, key, required);
	if (!s)
		return NULL;
	int y, m, dd;
	char tail;
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || m < 1 ||
	    m > 12 || dd < 1 || dd > mdays[m - 1] ||
	    (m == 2 && dd == 29 && (y % 4 || (y % 100 == 0 && y % 400)))) {
		bs_chk_at_member(c, obj, key, "'%s' is not a date: '%s'", key,
				 s);
		bs_chk_hint(c, "write dates as YYYY-MM-DD, e.g. 2026-09-01");
		return NULL;
	}
	return s;
}
