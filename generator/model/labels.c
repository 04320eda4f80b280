/* labels.c: the built-in words for the framework's codes and units, and
 * framework.json's "labels" laid over them. */
#include "model/labels.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* The defaults, in English: group, code, words (for a unit: the "one"
 * form, then the "other" form). */
static const struct {
	const char *group, *code, *one, *other;
} defaults[] = {
    {"assessment", "summative", "Summative assessment", NULL},
    {"assessment", "formative", "Formative feedback", NULL},
    {"assessment", "observation", "Observed practice", NULL},
    {"assessment", "peer", "Peer review", NULL},
    {"assessment", "knowledge-check", "Knowledge checks", NULL},
    {"assessment", "self-assessment", "Self-assessment", NULL},
    {"assessment", "none", "No assessment", NULL},
    {"award_mode", "automatic", "Automatically, once the criteria are met",
     NULL},
    {"award_mode", "evidence-reviewed", "After a review of the evidence", NULL},
    {"award_mode", "assessed", "After a passed assessment", NULL},
    {"award_mode", "peer", "On the recommendation of peers", NULL},
    {"award_mode", "self-declared", "Claimed by the earner", NULL},
    {"participation", "online", "Online", NULL},
    {"participation", "onsite", "On site", NULL},
    {"participation", "blended", "Blended: online and on site", NULL},
    {"recipient", "person", "A person", NULL},
    {"recipient", "organisation", "An organisation", NULL},
    {"level", "none", "Not referenced to a qualifications framework", NULL},
    {"fields", "class", "class", NULL},
    {"fields", "formality", "formality level", NULL},
    {"fields", "achievement_type", "achievement type", NULL},
    {"fields", "status", "status", NULL},
    {"fields", "issuer", "issuer", NULL},
    {"fields", "version", "version", NULL},
    {"fields", "hours", "learning hours", NULL},
    {"fields", "credits", "credits", NULL},
    {"fields", "assessment", "assessment", NULL},
    {"fields", "award_mode", "how it is awarded", NULL},
    {"fields", "evidence", "evidence", NULL},
    {"fields", "learning_outcomes", "learning outcomes", NULL},
    {"fields", "participation", "form of participation", NULL},
    {"fields", "level", "level", NULL},
    {"fields", "category", "category", NULL},
    {"fields", "programme", "programme", NULL},
    {"fields", "recipient", "who earns it", NULL},
    {"fields", "attendance", "attendance", NULL},
    {"fields", "pass_mark", "pass mark", NULL},
    {"fields", "capstone", "capstone", NULL},
    {"fields", "validity", "validity", NULL},
    {"fields", "prerequisites", "prerequisites", NULL},
    {"fields", "quality_assurance", "quality assurance", NULL},
    {"fields", "grade", "grading", NULL},
    {"fields", "identity_verification", "identity verification", NULL},
    {"fields", "further_information", "further information", NULL},
    {"fields", "stacks_into", "what it stacks into", NULL},
    {"fields", "alignment", "alignment", NULL},
    {"fields", "tags", "tags", NULL},
    {"units", "hour", "hour", "hours"},
    {"units", "learning_hour", "learning hour", "learning hours"},
    {"units", "credit", NULL, NULL}, /* the credit system's name */
    {"units", "badge", "badge", "badges"},
    {"units", "class", "class", "classes"},
    {"units", "term", "glossary term", "glossary terms"},
    {"units", "part", "part", "parts"},
};
#define NDEFAULTS (sizeof defaults / sizeof *defaults)

static const char *const groups[] = {
    "assessment", "award_mode", "participation", "recipient",
    "level",	  "fields",	"units",	 NULL};

static void set_unit(json_t *g, const char *code, const char *one,
		     const char *other)
{
	json_t *u = json_object();
	json_object_set_new(u, "one", json_string(one));
	json_object_set_new(u, "other", json_string(other));
	json_object_set_new(g, code, u);
}

/* The codes the defaults know in group g (NULL-terminated, caller frees
 * the array), with extra (may be NULL) appended. */
static const char **known(const char *g, json_t *const *extra, size_t n)
{
	size_t cap = NDEFAULTS + 1;
	for (size_t i = 0; i < n; i++)
		cap += json_array_size(extra[i]);
	const char **v = bs_xcalloc(cap, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < NDEFAULTS; i++)
		if (strcmp(defaults[i].group, g) == 0)
			v[k++] = defaults[i].code;
	for (size_t i = 0; i < n; i++) {
		size_t j;
		json_t *it;
		json_array_foreach(extra[i], j, it) v[k++] =
		    json_string_value(it);
	}
	return v;
}

json_t *bs_labels_load(bs_chk *c, const json_t *fw, json_t *const *assessment,
		       size_t n)
{
	json_t *all = json_object();
	for (const char *const *g = groups; *g; g++)
		json_object_set_new(all, *g, json_object());
	for (size_t i = 0; i < NDEFAULTS; i++) {
		json_t *g = json_object_get(all, defaults[i].group);
		if (!defaults[i].one)
			continue;
		if (defaults[i].other)
			set_unit(g, defaults[i].code, defaults[i].one,
				 defaults[i].other);
		else
			json_object_set_new(g, defaults[i].code,
					    json_string(defaults[i].one));
	}
	json_t *site = bs_chk_obj(c, fw, "labels", 0);
	if (!site)
		return all;
	bs_chk_keys(c, site, groups, "labels");
	for (const char *const *g = groups; *g; g++) {
		json_t *words = bs_chk_obj(c, site, *g, 0);
		if (!words)
			continue;
		int is_asm = strcmp(*g, "assessment") == 0;
		const char **codes = known(*g, assessment, is_asm ? n : 0);
		bs_buf what = BS_BUF_INIT;
		bs_buf_printf(&what, "labels.%s", *g);
		bs_chk_keys(c, words, codes, what.ptr);
		bs_buf_free(&what);
		free(codes);
		json_t *dst = json_object_get(all, *g);
		const char *code;
		json_t *it;
		json_object_foreach(words, code, it)
		{
			if (strcmp(*g, "units") != 0) {
				if (bs_chk_str(c, words, code, 0))
					json_object_set(dst, code, it);
				continue;
			}
			static const char *const forms[] = {"one", "other",
							    NULL};
			json_t *u = bs_chk_obj(c, words, code, 0);
			if (!u)
				continue;
			bs_chk_keys(c, u, forms, "a unit");
			const char *one = bs_chk_str(c, u, "one", 1);
			const char *other = bs_chk_str(c, u, "other", 1);
			if (one && other)
				set_unit(dst, code, one, other);
		}
	}
	return all;
}

const char *bs_labels_word(const json_t *labels, const char *group,
			   const char *code)
{
	const char *w = json_string_value(
	    json_object_get(json_object_get(labels, group), code));
	return w ? w : code;
}

void bs_labels_count(bs_buf *b, const json_t *labels, const char *unit,
		     double n, const char *fallback)
{
	json_t *u = json_object_get(json_object_get(labels, "units"), unit);
	int one = n == 1.0;
	bs_buf_number(b, n);
	bs_buf_putc(b, ' ');
	if (u) {
		bs_buf_puts(b, json_string_value(
				   json_object_get(u, one ? "one" : "other")));
		return;
	}
	const char *w = fallback ? fallback : unit;
	size_t len = strlen(w);
	/* "Centre credits" counts "1 Centre credit" */
	if (one && len > 1 && w[len - 1] == 's' && w[len - 2] != 's')
		len--;
	bs_buf_put(b, w, len);
}
