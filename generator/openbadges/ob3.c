/* ob3.c: Open Badges 3.0 Achievement and Profile documents from the view
 * JSON, and the JSON-LD context of the framework's own fields in them. */
#include "openbadges/ob3.h"

#include "openbadges/values.h"

#include "base/alloc.h"
#include "base/jsonout.h"

#include <string.h>

/* Every OB 3.0 document starts with these two contexts (VC Data Model 2.0,
 * then OB 3.0); an Achievement adds the site's own. */
#define VC2_CONTEXT "https://www.w3.org/ns/credentials/v2"
#define OB3_CONTEXT "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

/* The framework's fields that OB 3.0 has no property for, in output order.
 * The context document is written from the same table. Credits, pass mark,
 * grade, category and tags have OB 3.0 properties (creditsAvailable,
 * resultDescription, fieldOfStudy, tag) and are not repeated here. */
static const bs_obv_field ext_fields[] = {
    {"frameworkClass", "id", BS_OBV_CLASS, NULL},
    {"frameworkClassName", "name", BS_OBV_CLASS, NULL},
    {"formality", "formality", BS_OBV_CLASS, NULL},
    {"hours", "hours", BS_OBV_NUMBER, NULL},
    {"creditSystem", "credit_system", BS_OBV_TEXT, NULL},
    {"assessment", "assessment", BS_OBV_TEXT, NULL},
    {"awardMode", "award_mode", BS_OBV_TEXT, NULL},
    {"participation", "participation", BS_OBV_TEXT, NULL},
    {"levelFramework", "framework", BS_OBV_LEVEL_FW, NULL},
    {"level", "value", BS_OBV_LEVEL, NULL},
    {"programme", "programme", BS_OBV_TEXT, NULL},
    {"recipientType", "recipient", BS_OBV_TEXT, NULL},
    {"attendance", "attendance", BS_OBV_NUMBER, NULL},
    {"capstone", "capstone", BS_OBV_FLAG, NULL},
    {"evidenceRequired", "evidence", BS_OBV_TEXT, NULL},
    {"learningOutcomes", "learning_outcomes", BS_OBV_TEXTS, NULL},
    {"validity", "validity", BS_OBV_TEXT, NULL},
    {"prerequisites", "prerequisites", BS_OBV_TEXT, NULL},
    {"qualityAssurance", "quality_assurance", BS_OBV_TEXT, NULL},
    {"identityVerification", "identity_verification", BS_OBV_TEXT, NULL},
    {"furtherInformation", "further_information", BS_OBV_TEXT, NULL},
    {"stacksInto", "stacks_into", BS_OBV_STACKS, NULL},
};

static json_t *one_type(const char *t)
{
	json_t *a = json_array();
	json_array_append_new(a, json_string(t));
	return a;
}

/* A number as the string OB 3.0 wants for values ("60", "62.5"). */
static json_t *num_string(const json_t *v)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_number(&b, json_number_value(v));
	json_t *s = json_string(b.ptr);
	bs_buf_free(&b);
	return s;
}

/* The framework's own fields, as top-level properties of the Achievement
 * (their terms come from the site's context). */
static void extension(json_t *a, const json_t *badge)
{
	bs_obv_put_fields(a, ext_fields, sizeof ext_fields / sizeof *ext_fields,
			  badge, "achievement.json");
}

/* OB 3.0 alignments: the 2.0 fields, with type and targetType. The
 * framework's alignments name a competence or area of a published
 * framework by its web page, not a CASE or CTDL node, so targetType is
 * the extension term ext:FrameworkItem unless the author gave one. */
static json_t *alignments(const json_t *list)
{
	static const char *const keys[] = {"targetName", "targetUrl",
					   "targetDescription",
					   "targetFramework", "targetCode"};
	json_t *out = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(list, i, it)
	{
		if (!bs_obv_str(it, "targetName") ||
		    !bs_obv_str(it, "targetUrl"))
			continue;
		json_t *a = json_object();
		json_object_set_new(a, "type", one_type("Alignment"));
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			bs_obv_put_str(a, keys[k], bs_obv_str(it, keys[k]));
		bs_obv_put_str(a, "targetType",
			       bs_obv_str(it, "targetType")
				   ? bs_obv_str(it, "targetType")
				   : "ext:FrameworkItem");
		json_array_append_new(out, a);
	}
	return out;
}

/* What a result must be to earn the badge: the pass mark (a percentage)
 * and the grading scheme, each identified under the criteria page. */
static json_t *results(const json_t *badge, const char *page)
{
	json_t *out = json_array();
	const json_t *pm = json_object_get(badge, "pass_mark");
	if (json_is_number(pm)) {
		json_t *r = json_object();
		json_object_set_new(r, "id",
				    json_sprintf("%s#result-pass-mark", page));
		json_object_set_new(r, "type", one_type("ResultDescription"));
		bs_obv_put_str(r, "name", "Pass mark (per cent)");
		bs_obv_put_str(r, "resultType", "Percent");
		json_object_set_new(r, "requiredValue", num_string(pm));
		bs_obv_put_str(r, "valueMin", "0");
		bs_obv_put_str(r, "valueMax", "100");
		json_array_append_new(out, r);
	}
	if (bs_obv_str(badge, "grade")) {
		json_t *r = json_object();
		json_object_set_new(r, "id",
				    json_sprintf("%s#result-grade", page));
		json_object_set_new(r, "type", one_type("ResultDescription"));
		json_object_set_new(
		    r, "name",
		    json_sprintf("Grade: %s", bs_obv_str(badge, "grade")));
		bs_obv_put_str(r, "resultType", "PerformanceLevel");
		json_array_append_new(out, r);
	}
	return out;
}

/* The earlier versions, newest first: their Achievement where that
 * version has one, else their Open Badges 2.0 BadgeClass; then the badge
 * in its other languages. */
static json_t *related(const json_t *badge)
{
	json_t *out = json_array();
	const json_t *h = json_object_get(badge, "history");
	for (size_t i = json_array_size(h); i-- > 0;) {
		const json_t *e = json_array_get(h, i);
		if (json_is_true(json_object_get(e, "current")))
			continue;
		const char *id = bs_obv_str(e, "achievement_abs")
				     ? bs_obv_str(e, "achievement_abs")
				     : bs_obv_str(e, "json_abs");
		if (!id)
			continue;
		json_t *r = json_object();
		bs_obv_put_str(r, "id", id);
		json_object_set_new(r, "type", one_type("Related"));
		const json_t *v = json_object_get(e, "version");
		if (json_is_integer(v))
			json_object_set_new(
			    r, "version",
			    json_sprintf("%lld",
					 (long long)json_integer_value(v)));
		json_array_append_new(out, r);
	}
	/* the other language editions: their Achievements */
	size_t k;
	const json_t *e;
	json_array_foreach(json_object_get(badge, "editions"), k, e)
	{
		json_t *r = json_object();
		bs_obv_put_str(r, "id", bs_obv_str(e, "achievement_abs"));
		json_object_set_new(r, "type", one_type("Related"));
		bs_obv_put_str(r, "inLanguage", bs_obv_str(e, "language"));
		json_array_append_new(out, r);
	}
	return out;
}

/* The issuer as an embedded OB 3.0 Profile (creator), or the whole
 * hosted one. */
static json_t *profile(const json_t *issuer, int whole)
{
	json_t *p = json_object();
	if (whole) {
		json_t *ctx = json_array();
		json_array_append_new(ctx, json_string(VC2_CONTEXT));
		json_array_append_new(ctx, json_string(OB3_CONTEXT));
		json_object_set_new(p, "@context", ctx);
	}
	bs_obv_put_str(p, "id", bs_obv_str(issuer, "ob3_abs"));
	json_object_set_new(p, "type", one_type("Profile"));
	bs_obv_put_str(p, "name", bs_obv_str(issuer, "name"));
	bs_obv_put_str(p, "url", bs_obv_str(issuer, "url"));
	bs_obv_put_str(p, "email", bs_obv_str(issuer, "email"));
	if (!whole)
		return p;
	bs_obv_put_str(p, "description", bs_obv_str(issuer, "description"));
	if (bs_obv_str(issuer, "image_abs")) {
		json_t *img = json_object();
		bs_obv_put_str(img, "id", bs_obv_str(issuer, "image_abs"));
		bs_obv_put_str(img, "type", "Image");
		json_object_set_new(p, "image", img);
	}
	if (bs_obv_str(issuer, "country")) {
		json_t *addr = json_object();
		json_object_set_new(addr, "type", one_type("Address"));
		bs_obv_put_str(addr, "addressCountry",
			       bs_obv_str(issuer, "country"));
		json_object_set_new(p, "address", addr);
	}
	return p;
}

int bs_ob3_achievement(bs_buf *out, const json_t *badge, const json_t *site,
		       bs_diags *d)
{
	static const struct {
		const char *key, *what;
	} need[] = {{"name", "name"},
		    {"description", "description"},
		    {"achievement_abs", "hosting URL (id)"},
		    {"png_abs", "image URL"},
		    {"canonical", "criteria page URL"}};
	const char *id = bs_obv_str(badge, "id");
	char *path = id ? bs_xasprintf("content/badges/%s.md", id) : NULL;
	int rc = BS_OK;
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (!bs_obv_str(badge, need[i].key))
			rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
					  "an Open Badges 3.0 Achievement "
					  "needs a %s, and this badge has none",
					  need[i].what);
	const json_t *issuer = json_object_get(badge, "issuer");
	if (!bs_obv_str(issuer, "ob3_abs"))
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "an Open Badges 3.0 Achievement needs its "
				  "creator's Profile URL, and this badge has "
				  "none");
	const char *base = bs_obv_str(site, "base_url");
	if (!base)
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "no base_url to publish the extension "
				  "context under");
	free(path);
	if (rc != BS_OK)
		return rc;

	json_t *a = json_object();
	json_t *ctx = json_array();
	json_array_append_new(ctx, json_string(VC2_CONTEXT));
	json_array_append_new(ctx, json_string(OB3_CONTEXT));
	json_array_append_new(ctx,
			      json_sprintf("%s%s", base, BS_OB3_CONTEXT_PATH));
	json_object_set_new(a, "@context", ctx);
	bs_obv_put_str(a, "id", bs_obv_str(badge, "achievement_abs"));
	json_object_set_new(a, "type", one_type("Achievement"));
	/* framework.json's classes take their achievement_type from the
	 * OB 3.0 vocabulary (model/framework.c checks it), so it is written
	 * as it is */
	bs_obv_put_str(
	    a, "achievementType",
	    bs_obv_str(json_object_get(badge, "class"), "achievement_type"));
	bs_obv_put_str(a, "name", bs_obv_str(badge, "name"));
	bs_obv_put_str(a, "description", bs_obv_str(badge, "description"));
	json_t *criteria = json_object();
	bs_obv_put_str(criteria, "id", bs_obv_str(badge, "canonical"));
	bs_obv_put_str(criteria, "narrative",
		       bs_obv_str(badge, "narrative_md"));
	json_object_set_new(a, "criteria", criteria);
	json_t *image = json_object();
	bs_obv_put_str(image, "id", bs_obv_str(badge, "png_abs"));
	bs_obv_put_str(image, "type", "Image");
	bs_obv_put_str(image, "caption", bs_obv_str(badge, "image_alt"));
	json_object_set_new(a, "image", image);
	json_object_set_new(a, "creator", profile(issuer, 0));
	const json_t *credits = json_object_get(badge, "credits");
	if (json_is_number(credits))
		json_object_set_new(a, "creditsAvailable",
				    json_real(json_number_value(credits)));
	bs_obv_put_str(a, "humanCode", id);
	bs_obv_put_str(a, "inLanguage", bs_obv_str(site, "language"));
	const json_t *version = json_object_get(badge, "version");
	if (json_is_integer(version))
		json_object_set_new(
		    a, "version",
		    json_sprintf("%lld",
				 (long long)json_integer_value(version)));
	bs_obv_put_array(a, "related", related(badge));
	bs_obv_put_array(a, "alignment",
			 alignments(json_object_get(badge, "alignment")));
	bs_obv_put_array(a, "tag",
			 bs_obv_copy_texts(json_object_get(badge, "tags")));
	bs_obv_put_str(a, "fieldOfStudy", bs_obv_str(badge, "category"));
	bs_obv_put_str(a, "specialization",
		       bs_obv_str(badge, "specialization"));
	bs_obv_put_array(a, "resultDescription",
			 results(badge, bs_obv_str(badge, "canonical")));
	extension(a, badge);

	bs_jsonout_write(out, a, 1);
	json_decref(a);
	return BS_OK;
}

int bs_ob3_profile(bs_buf *out, const json_t *issuer, const json_t *site,
		   bs_diags *d)
{
	const char *id = bs_obv_str(issuer, "id");
	int rc = BS_OK;
	if (!bs_obv_str(issuer, "name")) {
		rc = bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
				  "issuer \"%s\" has no name, which an Open "
				  "Badges 3.0 Profile should have",
				  id ? id : "?");
		bs_diag_hint(d, "add \"name\" to issuers.%s in site.json",
			     id ? id : "?");
	}
	if (!bs_obv_str(issuer, "ob3_abs"))
		rc = bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
				  "issuer \"%s\" has no hosting URL: is "
				  "base_url an absolute http(s) URL?",
				  id ? id : "?");
	if (rc != BS_OK)
		return rc;
	(void)site;
	json_t *p = profile(issuer, 1);
	bs_jsonout_write(out, p, 1);
	json_decref(p);
	return BS_OK;
}

void bs_ob3_context(bs_buf *out, const char *canonical_base)
{
	static const char ext[] = ".jsonld";
	size_t n = strlen(BS_OB3_CONTEXT_PATH) - (sizeof ext - 1);
	json_t *c = json_object();
	/* a prefix of its own, so the file reads as one vocabulary */
	json_object_set_new(c, "fw3",
			    json_sprintf("%s%.*s#",
					 canonical_base ? canonical_base : "",
					 (int)n, BS_OB3_CONTEXT_PATH));
	for (size_t i = 0; i < sizeof ext_fields / sizeof *ext_fields; i++) {
		json_t *t = json_object();
		json_object_set_new(t, "@id",
				    json_sprintf("fw3:%s", ext_fields[i].term));
		if (ext_fields[i].kind == BS_OBV_STACKS)
			bs_obv_put_str(t, "@type", "@id");
		if (ext_fields[i].kind == BS_OBV_TEXTS)
			bs_obv_put_str(t, "@container", "@list");
		json_object_set_new(c, ext_fields[i].term, t);
	}
	json_t *doc = json_object();
	json_object_set_new(doc, "@context", c);
	bs_jsonout_write(out, doc, 1);
	json_decref(doc);
}
