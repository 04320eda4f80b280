/* framework.c: loading the framework and holding badges to its rules. */
#include "model/framework.h"

#include "base/alloc.h"
#include "input/jsonsrc.h"
#include "input/source.h"
#include "model/eumc.h"
#include "model/labels.h"
#include "model/rules.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const fw_keys[] = {
    "title", "version",	    "effective", "purpose", "changelog", "formality",
    "tiers", "terminology", "classes",	 "labels",  NULL};
static const char *const class_keys[] = {
    "id",	   "name",	     "formality",  "achievement_type",
    "description", "marking",	     "hours",	   "credits",
    "assessment",  "attendance_min", "pass_mark",  "capstone",
    "requires",	   "stacks_into",    "completion", "eu_microcredential",
    NULL};
static const char *const range_keys[] = {"min", "max", NULL};
static const char *const achievement_types[] = {"Achievement",
						"ApprenticeshipCertificate",
						"Assessment",
						"Assignment",
						"AssociateDegree",
						"Award",
						"Badge",
						"BachelorDegree",
						"Certificate",
						"CertificateOfCompletion",
						"Certification",
						"CommunityService",
						"Competency",
						"Course",
						"CoCurricular",
						"Degree",
						"Diploma",
						"DoctoralDegree",
						"Fieldwork",
						"GeneralEducationDevelopment",
						"JourneymanCertificate",
						"LearningProgram",
						"License",
						"Membership",
						"ProfessionalDoctorate",
						"QualityAssuranceCredential",
						"MasterCertificate",
						"MasterDegree",
						"MicroCredential",
						"ResearchDoctorate",
						"SecondarySchoolDiploma",
						NULL};
static const char *const formality_ids[] = {"formal", "non-formal", "informal",
					    NULL};
/* fields a class may require a badge to fill */
static const char *const requirable[] = {"hours",
					 "credits",
					 "assessment",
					 "award_mode",
					 "evidence",
					 "learning_outcomes",
					 "participation",
					 "level",
					 "category",
					 "programme",
					 "recipient",
					 "attendance",
					 "pass_mark",
					 "capstone",
					 "validity",
					 "prerequisites",
					 "quality_assurance",
					 "grade",
					 "identity_verification",
					 "further_information",
					 "stacks_into",
					 "alignment",
					 "tags",
					 NULL};

static void range(bs_chk *c, const json_t *obj, const char *key, bs_range *r)
{
	memset(r, 0, sizeof *r);
	json_t *o = bs_chk_obj(c, obj, key, 0);
	if (!o)
		return;
	bs_chk_keys(c, o, range_keys, key);
	r->has_min = bs_chk_num(c, o, "min", 0, 1e6, 0, &r->min);
	r->has_max = bs_chk_num(c, o, "max", 0, 1e6, 0, &r->max);
	if (r->has_min && r->has_max && r->min > r->max)
		bs_chk_at_member(c, o, "max", "'max' is below 'min'");
}

static void load_class(bs_chk *c, bs_framework *fw, json_t *o, bs_class *k)
{
	memset(k, 0, sizeof *k);
	k->json = o;
	bs_chk_keys(c, o, class_keys, "a class");
	k->id = bs_chk_id(c, o, "id", 1);
	k->name = bs_chk_str(c, o, "name", 1);
	k->formality = bs_chk_str(c, o, "formality", 1);
	if (k->formality && !bs_framework_has_formality(fw, k->formality)) {
		bs_chk_at_member(c, o, "formality",
				 "unknown formality level '%s'", k->formality);
		bs_chk_hint(c, "define it under \"formality\" or use formal, "
			       "non-formal or informal");
	}
	k->achievement_type =
	    bs_chk_enum(c, o, "achievement_type", achievement_types, 1);
	k->description = bs_chk_str(c, o, "description", 1);
	k->marking = bs_chk_str(c, o, "marking", 0);
	range(c, o, "hours", &k->hours);
	range(c, o, "credits", &k->credits);
	k->assessment = bs_chk_arr(c, o, "assessment", 0, 1);
	k->requires = bs_chk_arr(c, o, "requires", 0, 1);
	if (k->requires) {
		size_t i;
		json_t *it;
		json_array_foreach(k->requires, i, it)
		{
			const char *f = json_string_value(it);
			int found = 0;
			for (const char *const *r = requirable; *r; r++)
				found |= strcmp(*r, f) == 0;
			if (!found) {
				bs_chk_at_item(c, k->requires, i,
					       "a badge has no field '%s' to "
					       "require",
					       f);
				const char *near = bs_suggest(f, requirable);
				if (near)
					bs_chk_hint(c, "did you mean '%s'?",
						    near);
			}
		}
	}
	k->stacks_into = bs_chk_arr(c, o, "stacks_into", 0, 1);
	k->has_attendance =
	    bs_chk_num(c, o, "attendance_min", 0, 100, 0, &k->attendance_min);
	k->has_pass_mark =
	    bs_chk_num(c, o, "pass_mark", 0, 100, 0, &k->pass_mark);
	bs_chk_bool(c, o, "capstone", 0, &k->capstone);
	bs_chk_bool(c, o, "eu_microcredential", 0, &k->eu_mc);
	json_t *comp = bs_chk_obj(c, o, "completion", 0);
	if (comp) {
		static const char *const rules[] = {"all", "at_least",
						    "min_hours", NULL};
		static const char *const ckeys[] = {"rule", "count", "hours",
						    NULL};
		bs_chk_keys(c, comp, ckeys, "completion");
		const char *r = bs_chk_enum(c, comp, "rule", rules, 1);
		long n;
		if (r && strcmp(r, "all") == 0) {
			k->completion = BS_COMPLETE_ALL;
		} else if (r && strcmp(r, "at_least") == 0) {
			k->completion = BS_COMPLETE_AT_LEAST;
			if (bs_chk_int(c, comp, "count", 1, 1000, 1, &n))
				k->completion_n = (double)n;
		} else if (r) {
			k->completion = BS_COMPLETE_MIN_HOURS;
			bs_chk_num(c, comp, "hours", 0, 1e6, 1,
				   &k->completion_n);
		}
	}
}

int bs_framework_has_formality(const bs_framework *fw, const char *id)
{
	return bs_framework_formality_name(fw, id) != NULL;
}

const char *bs_framework_formality_name(const bs_framework *fw, const char *id)
{
	json_t *levels = json_object_get(fw->json, "formality");
	size_t i;
	json_t *it;
	json_array_foreach(levels, i, it)
	{
		const char *lid = json_string_value(json_object_get(it, "id"));
		if (lid && strcmp(lid, id) == 0) {
			const char *n =
			    json_string_value(json_object_get(it, "name"));
			return n ? n : lid;
		}
	}
	return NULL;
}

static void load_lists(bs_chk *c, bs_framework *fw)
{
	json_t *o = fw->json;
	json_t *log = bs_chk_arr(c, o, "changelog", 0, 0);
	size_t i;
	json_t *it;
	static const char *const log_keys[] = {"version", "date", "changes",
					       NULL};
	json_array_foreach(log, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, log, i,
				       "a changelog entry must be "
				       "an object");
			continue;
		}
		bs_chk_keys(c, it, log_keys, "a changelog entry");
		bs_chk_str(c, it, "version", 1);
		bs_chk_date(c, it, "date", 1);
		bs_chk_str(c, it, "changes", 1);
	}
	json_t *lev = bs_chk_arr(c, o, "formality", 1, 0);
	static const char *const lev_keys[] = {"id", "name", "definition",
					       "glossary", NULL};
	json_array_foreach(lev, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, lev, i,
				       "a formality level must be "
				       "an object");
			continue;
		}
		bs_chk_keys(c, it, lev_keys, "a formality level");
		const char *lid = bs_chk_enum(c, it, "id", formality_ids, 1);
		for (size_t k = 0; lid && k < i; k++) {
			const char *prev = json_string_value(
			    json_object_get(json_array_get(lev, k), "id"));
			if (prev && strcmp(prev, lid) == 0) {
				bs_chk_at_member(
				    c, it, "id",
				    "formality level '%s' is defined "
				    "twice",
				    lid);
				break;
			}
		}
		bs_chk_str(c, it, "name", 1);
		bs_chk_str(c, it, "definition", 1);
		bs_chk_id(c, it, "glossary", 0);
	}
	json_t *tiers = bs_chk_arr(c, o, "tiers", 0, 0);
	static const char *const tier_keys[] = {
	    "name", "class", "hours", "assessment", "description", NULL};
	json_array_foreach(tiers, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, tiers, i, "a tier must be an object");
			continue;
		}
		bs_chk_keys(c, it, tier_keys, "a tier");
		bs_chk_str(c, it, "name", 1);
		bs_chk_id(c, it, "class", 0);
		bs_range r;
		range(c, it, "hours", &r);
		bs_chk_str(c, it, "assessment", 0);
		bs_chk_str(c, it, "description", 0);
	}
	json_t *terms = bs_chk_arr(c, o, "terminology", 0, 0);
	static const char *const term_keys[] = {"local", "meaning", "formality",
						NULL};
	json_array_foreach(terms, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, terms, i,
				       "a terminology row must be an object");
			continue;
		}
		bs_chk_keys(c, it, term_keys, "a terminology row");
		bs_chk_str(c, it, "local", 1);
		bs_chk_str(c, it, "meaning", 0);
		bs_chk_enum(c, it, "formality", formality_ids, 1);
	}
}

int bs_framework_load(bs_framework *fw, bs_diags *d)
{
	if (bs_json_parse_file(&fw->json, &fw->pos, &fw->src, d))
		return BS_ECONTENT;
	bs_chk c = {&fw->src, fw->pos, d, 0};
	if (!json_is_object(fw->json)) {
		bs_diag_at(d, BS_ERROR, &fw->src, 1, 1,
			   "framework.json must hold a JSON object");
		return BS_ECONTENT;
	}
	bs_chk_keys(&c, fw->json, fw_keys, "framework.json");
	bs_chk_str(&c, fw->json, "title", 1);
	bs_chk_str(&c, fw->json, "version", 1);
	bs_chk_date(&c, fw->json, "effective", 1);
	bs_chk_str(&c, fw->json, "purpose", 1);
	load_lists(&c, fw);
	json_t *classes = bs_chk_arr(&c, fw->json, "classes", 1, 0);
	size_t n = classes ? json_array_size(classes) : 0;
	fw->classes = bs_xcalloc(n, sizeof *fw->classes);
	size_t i;
	json_t *it;
	json_array_foreach(classes, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(&c, classes, i,
				       "a class must be an object");
			continue;
		}
		bs_class *k = &fw->classes[fw->nclasses];
		load_class(&c, fw, it, k);
		if (!k->id)
			continue;
		if (bs_framework_class(fw, k->id)) {
			bs_chk_at_member(&c, it, "id",
					 "class '%s' is defined "
					 "twice",
					 k->id);
			continue;
		}
		fw->nclasses++;
	}
	/* stacking targets name classes */
	for (size_t k = 0; k < fw->nclasses; k++) {
		json_t *si = fw->classes[k].stacks_into;
		json_array_foreach(si, i, it)
		{
			const char *id = json_string_value(it);
			const bs_class *t = bs_framework_class(fw, id);
			if (!t) {
				bs_chk_at_item(&c, si, i, "unknown class '%s'",
					       id);
			} else if (t->completion == BS_COMPLETE_NONE) {
				bs_chk_at_item(&c, si, i,
					       "class '%s' does not accept "
					       "stacks",
					       id);
				bs_chk_hint(&c,
					    "give class '%s' a "
					    "\"completion\" rule",
					    id);
			}
		}
	}
	json_t *tiers = json_object_get(fw->json, "tiers");
	json_array_foreach(tiers, i, it)
	{
		const char *cid =
		    json_string_value(json_object_get(it, "class"));
		if (cid && !bs_framework_class(fw, cid))
			bs_chk_at_member(&c, it, "class", "unknown class '%s'",
					 cid);
	}
	json_t **asm = bs_xcalloc(fw->nclasses + 1, sizeof *asm);
	for (size_t k = 0; k < fw->nclasses; k++)
		asm[k] = fw->classes[k].assessment;
	fw->labels = bs_labels_load(&c, fw->json, asm, fw->nclasses);
	free(asm);
	return c.errors ? BS_ECONTENT : BS_OK;
}

void bs_framework_free(bs_framework *fw)
{
	free(fw->classes);
	json_decref(fw->labels);
	json_decref(fw->json);
	bs_jpos_free(fw->pos);
	bs_source_free(&fw->src);
	memset(fw, 0, sizeof *fw);
}

const bs_class *bs_framework_class(const bs_framework *fw, const char *id)
{
	for (size_t i = 0; i < fw->nclasses; i++)
		if (fw->classes[i].id && strcmp(fw->classes[i].id, id) == 0)
			return &fw->classes[i];
	return NULL;
}

double bs_credits_from_hours(const bs_credit_system *cs, double hours)
{
	double p = cs->precision > 0 ? cs->precision : 1;
	double x = hours / cs->hours_per_credit / p;
	/* hours are decimal numbers: 50 h / 25 must be 2, not 1.9999 */
	x = round(x * 1e6) / 1e6;
	if (cs->rounding && strcmp(cs->rounding, "up") == 0)
		x = ceil(x);
	else if (cs->rounding && strcmp(cs->rounding, "nearest") == 0)
		x = floor(x + 0.5);
	else
		x = floor(x);
	/* 3 steps of 0.1 are 0.3, not 0.30000000000000004 */
	return p == 1 ? x : round(x * p * 1e9) / 1e9;
}

static void range_text(bs_buf *b, const bs_range *r, const char *unit)
{
	if (r->has_min && r->has_max) {
		bs_buf_number(b, r->min);
		bs_buf_puts(b, "–");
		bs_buf_number(b, r->max);
	} else if (r->has_min) {
		bs_buf_puts(b, "at least ");
		bs_buf_number(b, r->min);
	} else {
		bs_buf_puts(b, "at most ");
		bs_buf_number(b, r->max);
	}
	bs_buf_printf(b, " %s", unit);
}

static int in_range(const bs_range *r, double x)
{
	return (!r->has_min || x >= r->min) && (!r->has_max || x <= r->max);
}

int bs_framework_check_badge(bs_chk *c, const bs_class *cls,
			     const bs_credit_system *cs, const json_t *fm,
			     double *credits, int *has_credits)
{
	int before = c->errors;
	double hours = 0;
	int has_hours = bs_chk_num(c, fm, "hours", 0, 1e6, 0, &hours);
	bs_buf b = BS_BUF_INIT;
	if (cls->hours.has_min || cls->hours.has_max) {
		range_text(&b, &cls->hours, "hours");
		if (!has_hours && !json_object_get(fm, "hours") &&
		    !cls->eu_mc) {
			bs_chk_at_member(c, fm, NULL,
					 "class '%s' requires 'hours' (%s)",
					 cls->id, b.ptr);
			bs_chk_hint(c, "add \"hours\": %s", "<number>");
		} else if (has_hours && !in_range(&cls->hours, hours)) {
			bs_buf h = BS_BUF_INIT;
			bs_buf_number(&h, hours);
			bs_chk_at_member(c, fm, "hours",
					 "%s hours is outside class '%s' (%s)",
					 h.ptr, cls->id, b.ptr);
			bs_buf_free(&h);
		}
		bs_buf_clear(&b);
	}
	*has_credits = 0;
	double given = 0;
	int has_given = bs_chk_num(c, fm, "credits", 0, 1e6, 0, &given);
	if (has_hours) {
		double want = bs_credits_from_hours(cs, hours);
		/* with no valid rate the site.json error says it all */
		if (has_given && given != want && !cs->broken) {
			bs_buf w = BS_BUF_INIT, h = BS_BUF_INIT;
			bs_buf_number(&w, want);
			bs_buf_number(&h, hours);
			bs_chk_at_member(c, fm, "credits",
					 "credits do not match the hours: %s "
					 "hours make %s %s",
					 h.ptr, w.ptr, cs->name);
			char step[48] = "";
			if (cs->precision > 0 && cs->precision != 1)
				snprintf(step, sizeof step,
					 " to a multiple of %g", cs->precision);
			bs_chk_hint(c,
				    "%s: one credit per %g hours, rounded "
				    "%s%s; set \"credits\": %s or leave it "
				    "out",
				    cs->name, cs->hours_per_credit,
				    cs->rounding ? cs->rounding : "down", step,
				    w.ptr);
			bs_buf_free(&w);
			bs_buf_free(&h);
		}
		*credits = want;
		*has_credits = 1;
	} else if (has_given && !json_object_get(fm, "hours")) {
		bs_chk_at_member(c, fm, "credits",
				 "'credits' given without 'hours'");
		bs_chk_hint(c, "credits are computed from hours; add "
			       "\"hours\"");
	}
	if (*has_credits && (cls->credits.has_min || cls->credits.has_max) &&
	    !in_range(&cls->credits, *credits)) {
		range_text(&b, &cls->credits, "credits");
		bs_buf w = BS_BUF_INIT;
		bs_buf_number(&w, *credits);
		bs_chk_at_member(c, fm, "hours",
				 "%s credits is outside class '%s' (%s)", w.ptr,
				 cls->id, b.ptr);
		bs_buf_free(&w);
		bs_buf_clear(&b);
	}
	json_t *a = json_object_get(fm, "assessment");
	if (cls->assessment && json_array_size(cls->assessment)) {
		size_t i;
		json_t *it;
		json_array_foreach(cls->assessment, i, it)
		{
			bs_buf_printf(&b, "%s'%s'", i ? ", " : "",
				      json_string_value(it));
		}
		if (!a && !cls->eu_mc) {
			bs_chk_at_member(c, fm, NULL,
					 "class '%s' requires 'assessment'",
					 cls->id);
			bs_chk_hint(c, "add \"assessment\" with one of %s",
				    b.ptr);
		} else if (json_is_string(a)) {
			int found = 0;
			json_array_foreach(cls->assessment, i, it)
			{
				found |= json_equal(it, a);
			}
			if (!found) {
				bs_chk_at_member(c, fm, "assessment",
						 "assessment '%s' is not "
						 "allowed in class '%s'",
						 json_string_value(a), cls->id);
				bs_chk_hint(c, "use one of %s", b.ptr);
			}
		}
		bs_buf_clear(&b);
	}
	double x;
	if (cls->has_attendance) {
		if (!json_object_get(fm, "attendance")) {
			bs_chk_at_member(c, fm, NULL,
					 "class '%s' requires 'attendance' "
					 "(at least %g%%)",
					 cls->id, cls->attendance_min);
		} else if (bs_chk_num(c, fm, "attendance", 0, 100, 0, &x) &&
			   x < cls->attendance_min) {
			bs_chk_at_member(c, fm, "attendance",
					 "attendance %g%% is below the "
					 "minimum of class '%s' (%g%%)",
					 x, cls->id, cls->attendance_min);
		}
	}
	if (cls->has_pass_mark) {
		if (!json_object_get(fm, "pass_mark")) {
			bs_chk_at_member(c, fm, NULL,
					 "class '%s' requires 'pass_mark' (at "
					 "least %g%%)",
					 cls->id, cls->pass_mark);
		} else if (bs_chk_num(c, fm, "pass_mark", 0, 100, 0, &x) &&
			   x < cls->pass_mark) {
			bs_chk_at_member(c, fm, "pass_mark",
					 "pass mark %g%% is below the minimum "
					 "of class '%s' (%g%%)",
					 x, cls->id, cls->pass_mark);
		}
	}
	if (cls->capstone) {
		json_t *cap = json_object_get(fm, "capstone");
		if (!json_is_true(cap)) {
			bs_chk_at_member(c, fm, cap ? "capstone" : NULL,
					 "class '%s' requires a capstone",
					 cls->id);
			bs_chk_hint(c, "set \"capstone\": true and describe "
				       "it in the criteria");
		}
	}
	if (cls->requires) {
		size_t i;
		json_t *it;
		json_array_foreach(cls->requires, i, it)
		{
			const char *f = json_string_value(it);
			if (json_object_get(fm, f))
				continue;
			if (strcmp(f, "credits") == 0 && *has_credits)
				continue;
			if (cls->eu_mc && bs_eumc_field(f))
				continue; /* bs_eumc_check_badge names it */
			if (strcmp(f, "hours") == 0 &&
			    (cls->hours.has_min || cls->hours.has_max))
				continue; /* reported above */
			bs_chk_at_member(c, fm, NULL,
					 "class '%s' requires '%s'", cls->id,
					 f);
			bs_chk_hint(c, "add \"%s\" to the front matter", f);
		}
	}
	bs_buf_free(&b);
	return c->errors > before ? BS_ECONTENT : BS_OK;
}

static int badge_err(bs_badge *b, const char *key, bs_diags *d, const char *fmt,
		     const char *a1, const char *a2)
{
	int kl = 0, kc = 0, vl = 0, vc = 0;
	if (key)
		bs_jpos_member(b->fm.pos, b->fm.data, key, &kl, &kc, &vl, &vc);
	return bs_diag_at(d, BS_ERROR, &b->src, vl ? vl : 1, vc ? vc : 1, fmt,
			  a1, a2);
}

/* A badge's place in the list bs_framework_check_stacks checks, found by
 * binary search of the list sorted by address: a visit costs O(log n),
 * not a walk over the list. */
typedef struct place {
	uintptr_t at;
	size_t i;
} place;

static int cmp_place(const void *a, const void *b)
{
	uintptr_t x = ((const place *)a)->at, y = ((const place *)b)->at;
	return x < y ? -1 : x > y;
}

/* mark: 0 unvisited, 1 on the current path, 2 done */
static int visit(bs_badge *b, char *mark, const place *places, size_t n,
		 bs_diags *d)
{
	place key = {(uintptr_t)b, 0};
	const place *p = bsearch(&key, places, n, sizeof *places, cmp_place);
	size_t me = p->i;
	if (mark[me] == 2)
		return 0;
	if (mark[me] == 1) {
		badge_err(b,
			  json_object_get(b->fm.data, "stacks_into")
			      ? "stacks_into"
			      : "completion",
			  d,
			  "stacking cycle: '%s' ends up stacking into "
			  "itself%s",
			  b->id, "");
		bs_diag_hint(d, "remove one of the links of the cycle: a "
				"stacks_into, or a badge named in a "
				"completion rule");
		return 1;
	}
	mark[me] = 1;
	int found = 0;
	for (size_t i = 0; i < b->nstacks_into && !found; i++)
		found = visit(b->stacks_into[i], mark, places, n, d);
	mark[me] = 2;
	return found;
}

int bs_framework_check_stacks(bs_badge *const *badges, size_t n, bs_diags *d)
{
	int rc = BS_OK;
	for (size_t i = 0; i < n; i++) {
		bs_badge *b = badges[i];
		for (size_t k = 0; k < b->nstacks_into; k++) {
			bs_badge *t = b->stacks_into[k];
			int allowed = 0;
			size_t j;
			json_t *it;
			json_array_foreach(b->cls->stacks_into, j, it)
			{
				allowed |= strcmp(json_string_value(it),
						  t->cls->id) == 0;
			}
			/* a badge's own rule names what counts towards it */
			allowed |= bs_rules_names(t->completion, b);
			if (t == b) {
				rc = badge_err(b, "stacks_into", d,
					       "'%s' stacks into itself%s",
					       b->id, "");
			} else if (!allowed) {
				rc =
				    badge_err(b, "stacks_into", d,
					      "a '%s' badge may not stack into "
					      "a '%s' badge",
					      b->cls->id, t->cls->id);
				bs_diag_hint(d,
					     "the framework's class '%s' "
					     "lists the classes it stacks "
					     "into",
					     b->cls->id);
			}
		}
	}
	char *mark = bs_xcalloc(n + 1, 1);
	place *places = bs_xcalloc(n + 1, sizeof *places);
	for (size_t i = 0; i < n; i++)
		places[i] = (place){(uintptr_t)badges[i], i};
	qsort(places, n, sizeof *places, cmp_place);
	for (size_t i = 0; i < n; i++)
		if (!mark[i] && visit(badges[i], mark, places, n, d)) {
			rc = BS_ECONTENT;
			break;
		}
	free(places);
	free(mark);
	for (size_t i = 0; i < n; i++) {
		bs_badge *t = badges[i];
		const bs_class *k = t->cls;
		if (!t->nstacked_from || k->completion == BS_COMPLETE_NONE ||
		    t->completion)
			continue; /* a badge's own rule is checked in rules.c */
		if (k->completion == BS_COMPLETE_AT_LEAST &&
		    (double)t->nstacked_from < k->completion_n) {
			char need[32], have[32];
			snprintf(need, sizeof need, "%g", k->completion_n);
			snprintf(have, sizeof have, "%zu", t->nstacked_from);
			rc = badge_err(t, NULL, d,
				       "the stack can never complete: class "
				       "rule needs at least %s badges, only "
				       "%s stack into it",
				       need, have);
		} else if (k->completion == BS_COMPLETE_MIN_HOURS) {
			double sum = 0;
			for (size_t j = 0; j < t->nstacked_from; j++)
				sum += t->stacked_from[j]->hours;
			if (sum < k->completion_n) {
				char need[32], have[32];
				snprintf(need, sizeof need, "%g",
					 k->completion_n);
				snprintf(have, sizeof have, "%g", sum);
				rc = badge_err(t, NULL, d,
					       "the stack can never complete: "
					       "class rule needs %s hours, the "
					       "badges stacking into it give "
					       "%s",
					       need, have);
			}
		}
	}
	return rc;
}
