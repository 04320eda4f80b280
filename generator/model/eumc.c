/* eumc.c: the mandatory elements of an EU micro-credential. */
#include "model/eumc.h"

#include "base/buf.h"

#include <string.h>

/* In the Recommendation's order; the awarding body and its country come
 * from the issuer (bs_eumc_check_issuers). */
static const struct element {
	const char *name, *field, *hint;
} elements[] = {
    {"title", "name", "add \"name\": the title of the micro-credential"},
    {"learning outcomes", "learning_outcomes",
     "add \"learning_outcomes\": [\"...\"], what a holder knows or can "
     "do"},
    {"notional workload", "hours",
     "add \"hours\": <number>, the learning hours; credits follow from "
     "site.json's credit_system"},
    {"level", "level",
     "add \"level\": { \"framework\": \"EQF\", \"value\": \"5\" }, or "
     "\"level\": \"none\" when no qualifications framework applies"},
    {"type of assessment", "assessment",
     "add \"assessment\", how the learning is assessed"},
    {"form of participation", "participation",
     "add \"participation\": \"online\", \"onsite\" or \"blended\""},
    {"type of quality assurance", "quality_assurance",
     "add \"quality_assurance\": who reviews the course, and how"},
};

#define NELEMENTS (sizeof elements / sizeof *elements)

int bs_eumc_field(const char *field)
{
	for (size_t i = 0; i < NELEMENTS; i++)
		if (strcmp(elements[i].field, field) == 0)
			return 1;
	return 0;
}

/* Present: any value but an empty string or an empty array (a wrong
 * type is reported by the field's own check). */
static int present(const json_t *v)
{
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return 1;
}

int bs_eumc_check_badge(bs_chk *c, const bs_class *cls, const json_t *fm)
{
	int before = c->errors;
	for (size_t i = 0; i < NELEMENTS; i++) {
		const struct element *e = &elements[i];
		if (present(json_object_get(fm, e->field)))
			continue;
		bs_chk_at_member(c, fm, "class",
				 "the EU micro-credential element '%s' is "
				 "missing: class '%s' is an EU "
				 "micro-credential, and '%s' gives it",
				 e->name, cls->id, e->field);
		if (strcmp(e->field, "assessment") == 0 &&
		    json_array_size(cls->assessment)) {
			/* the class names the values it allows */
			bs_buf b = BS_BUF_INIT;
			size_t k;
			json_t *it;
			json_array_foreach(cls->assessment, k, it)
			{
				bs_buf_printf(&b, "%s'%s'", k ? ", " : "",
					      json_string_value(it));
			}
			bs_chk_hint(c, "add \"assessment\" with one of %s",
				    b.ptr);
			bs_buf_free(&b);
		} else {
			bs_chk_hint(c, "%s", e->hint);
		}
	}
	return c->errors > before ? BS_ECONTENT : BS_OK;
}

int bs_eumc_check_issuers(const bs_site *s, bs_diags *d)
{
	json_t *issuers = json_object_get(s->site, "issuers");
	bs_chk c = {&s->site_src, s->site_pos, d, 0};
	const char *id;
	json_t *it;
	json_object_foreach(issuers, id, it)
	{
		if (!json_is_object(it) || json_object_get(it, "country"))
			continue;
		const bs_badge *first = NULL;
		size_t n = 0;
		for (size_t i = 0; i < s->nbadges; i++) {
			const bs_badge *b = &s->badges[i];
			if (b->skip || !b->cls || !b->cls->eu_mc ||
			    !b->issuer || strcmp(b->issuer, id) != 0)
				continue;
			if (!first)
				first = b;
			n++;
		}
		if (!first)
			continue;
		if (n == 1)
			bs_chk_at_key(&c, issuers, id,
				      "issuer '%s' awards the EU "
				      "micro-credential '%s' but has no "
				      "\"country\"",
				      id, first->id);
		else
			bs_chk_at_key(&c, issuers, id,
				      "issuer '%s' awards %zu EU "
				      "micro-credentials ('%s', ...) but has "
				      "no \"country\"",
				      id, n, first->id);
		bs_chk_hint(&c,
			    "add \"country\" to issuers.%s in site.json: the "
			    "country (or region) where the awarding body is "
			    "based, e.g. \"Italy\"",
			    id);
	}
	return c.errors ? BS_ECONTENT : BS_OK;
}
