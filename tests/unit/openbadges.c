/* Open Badges 2.0 documents and the deterministic JSON writer: required
 * properties, ids equal to hosting URLs, escaping, numbers, verification. */
#include "openbadges/openbadges.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/jsonout.h"
#include "tap.h"

#include <jansson.h>
#include <stdlib.h>

#define BASE "https://badges.example.org/fw/"
/* site.json's canonical base_url; BASE plays a --base-url preview */
#define CANON "https://canonical.example/fw/"
#define VOCAB CANON "contexts/framework-v1#"
#define EXT_KEY VOCAB "FrameworkExtension"

static char *jtext(const json_t *v, int indent)
{
	bs_buf b = BS_BUF_INIT;
	bs_jsonout_write(&b, v, indent);
	return bs_buf_detach(&b);
}

static json_t *parse(const char *text, const char *name)
{
	json_error_t err;
	json_t *v = json_loads(text, 0, &err);
	if (!ok(v != NULL, "%s parses as JSON", name))
		printf("#   %s at line %d\n", err.text, err.line);
	return v;
}

static const char *sget(const json_t *o, const char *path)
{
	/* a dotted path of object keys */
	char key[64];
	while (o && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return json_string_value(o);
}

static void test_jsonout(void)
{
	json_t *v = json_pack(
	    "{s:s, s:f, s:I, s:f, s:[], s:{}, s:[b,n], s:s, s:s}", "zeta",
	    "</script><!--&", "real", 2.3, "int", (json_int_t)100, "whole",
	    100.0, "empty", "obj", "mixed", 1, "ctl", "a\"b\\c\n\t\x01", "seps",
	    "x\xe2\x80\xa8y\xe2\x80\xa9z\xe2\x80\xa6");
	char *c = jtext(v, 0);
	is_str(c,
	       "{\"zeta\":\"\\u003c/script\\u003e\\u003c!--\\u0026\","
	       "\"real\":2.3,\"int\":100,\"whole\":100,\"empty\":[],"
	       "\"obj\":{},\"mixed\":[true,null],"
	       "\"ctl\":\"a\\\"b\\\\c\\n\\t\\u0001\","
	       "\"seps\":\"x\\u2028y\\u2029z\xe2\x80\xa6\"}\n",
	       "compact: insertion order, escapes, numbers, newline");
	json_t *back = parse(c, "compact output");
	ok(back && json_number_value(json_object_get(back, "whole")) == 100.0,
	   "a whole real reads back as the same number");
	json_object_del(v, "whole");
	json_object_del(back, "whole");
	ok(back && json_equal(back, v), "compact output reads back equal");
	json_decref(back);
	free(c);

	json_t *small = json_pack("{s:[i,{s:s}],s:{}}", "a", 1, "b", "c", "d");
	c = jtext(small, 1);
	is_str(c,
	       "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n"
	       "  ],\n  \"d\": {}\n}\n",
	       "indented: two spaces a level, \": \" after keys");
	free(c);
	json_decref(small);

	json_t *r = json_real(0.1 + 0.2);
	c = jtext(r, 1);
	is_str(c, "0.30000000000000004\n", "reals round-trip exactly");
	free(c);
	json_decref(r);
	json_decref(v);
}

static json_t *badge_view(void)
{
	const char *text =
	    "{"
	    "\"id\": \"data-steward\","
	    "\"name\": \"Data <script>alert(1)</script> Steward\","
	    "\"description\": \"Looks after data & people.\","
	    "\"version\": 2,"
	    "\"canonical\": \"" BASE "badges/data-steward/\","
	    "\"json_abs\": \"" BASE "badges/data-steward/v2/badge.json\","
	    "\"png_abs\": \"" BASE "badges/data-steward/v2/badge.png\","
	    "\"image_alt\": \"Data Steward badge: Certificate, 2.3 hours\","
	    "\"narrative_md\": \"Pass the **exam**.\\n\\n- one\\n- two\\n\","
	    "\"issuer\": {\"id\": \"centre\", \"json_abs\": \"" BASE
	    "issuers/centre.json\"},"
	    "\"tags\": [\"data\", \"\", \"care\"],"
	    "\"alignment\": [{\"targetUrl\": \"https://esco.example/x\","
	    "  \"targetName\": \"Data care\", \"targetCode\": \"X1\"},"
	    "  {\"targetName\": \"no url: dropped\"}],"
	    "\"class\": {\"id\": \"achievement\", \"name\": \"Achievement\","
	    "  \"formality\": \"non-formal\", \"formality_name\": "
	    "\"Non-formal\","
	    "  \"achievement_type\": \"Certificate\"},"
	    "\"hours\": 2.3, \"credits\": 4, \"credit_system\": \"ECTS\","
	    "\"assessment\": \"summative\", \"award_mode\": \"assessed\","
	    "\"participation\": \"online\","
	    "\"level\": {\"framework\": \"EQF\", \"value\": 5},"
	    "\"recipient\": \"person\", \"evidence\": \"A report.\","
	    "\"pass_mark\": 70, \"capstone\": true, \"attendance\": 80.5,"
	    "\"learning_outcomes\": [\"Explain\", \"Apply\"],"
	    "\"stacks_into\": [{\"id\": \"diploma\", \"name\": \"Diploma\","
	    "  \"url\": \"badges/diploma/\", \"abs\": \"" BASE
	    "badges/diploma/\"}],"
	    "\"status\": \"published\", \"facts\": [],"
	    "\"narrative_html\": \"<p>not for JSON</p>\""
	    "}";
	return json_loads(text, 0, NULL);
}

static json_t *site_view(void)
{
	return json_pack("{s:s, s:s, s:s}", "base_url", BASE, "language", "en",
			 "vocab_base", CANON);
}

static void test_badgeclass(void)
{
	json_t *badge = badge_view(), *site = site_view();
	ok(badge != NULL, "hand-made badge view loads");
	bs_buf out = BS_BUF_INIT;
	bs_diags d = BS_DIAGS_INIT;
	is_int(bs_ob_badgeclass(&out, badge, site, &d), BS_OK,
	       "BadgeClass builds");
	is_int(d.n, 0, "no diagnostics");
	ok(strchr(out.ptr, '<') == NULL && strchr(out.ptr, '>') == NULL &&
	       strchr(out.ptr, '&') == NULL,
	   "no <, > or & anywhere in the text");
	like(out.ptr, "Data \\u003cscript\\u003e", "<script> escaped");
	like(out.ptr, "\"hours\": 2.3,", "2.3 prints as 2.3");
	ok(out.len && out.ptr[out.len - 1] == '\n', "ends in a newline");

	json_t *bc = parse(out.ptr, "BadgeClass");
	is_str(sget(bc, "@context"), "https://w3id.org/openbadges/v2",
	       "@context is the Open Badges 2.0 context");
	is_str(sget(bc, "type"), "BadgeClass", "type");
	is_str(sget(bc, "id"), BASE "badges/data-steward/v2/badge.json",
	       "id is the URL the file is hosted at");
	is_str(sget(bc, "name"), "Data <script>alert(1)</script> Steward",
	       "name reads back as written");
	is_str(sget(bc, "description"), "Looks after data & people.",
	       "description");
	is_str(sget(bc, "image.id"), BASE "badges/data-steward/v2/badge.png",
	       "image is an Image whose id is the PNG");
	like(sget(bc, "image.caption"), "Data Steward badge",
	     "image caption is the text alternative");
	is_str(sget(bc, "criteria.id"), BASE "badges/data-steward/",
	       "criteria id is the criteria page");
	is_str(sget(bc, "criteria.narrative"),
	       "Pass the **exam**.\n\n- one\n- two\n",
	       "criteria narrative is the plain Markdown");
	is_str(sget(bc, "issuer"), BASE "issuers/centre.json",
	       "issuer is the Profile URL");
	is_str(sget(bc, "@language"), "en", "@language");
	is_int(json_integer_value(json_object_get(bc, "version")), 2,
	       "version is an integer");
	json_t *tags = json_object_get(bc, "tags");
	ok(json_array_size(tags) == 2 &&
	       !strcmp(json_string_value(json_array_get(tags, 1)), "care"),
	   "tags kept, empty one dropped");
	json_t *al = json_object_get(bc, "alignment");
	is_str(sget(json_array_get(al, 0), "targetName"), "Data care",
	       "alignment without targetUrl dropped");
	const char *k =
	    json_object_iter_key(json_object_iter(json_array_get(al, 0)));
	is_str(k, "targetName", "alignment keys in a fixed order");
	is_str(sget(json_array_get(al, 0), "targetCode"), "X1",
	       "alignment targetCode");
	ok(!json_object_get(bc, "narrative_html") &&
	       !json_object_get(bc, "status") && !json_object_get(bc, "class"),
	   "view-only fields do not leak");

	json_t *ext = json_object_get(bc, EXT_KEY);
	ok(json_is_object(ext),
	   "framework fields travel in an extension, "
	   "under its type's IRI in the site's vocabulary");
	ok(!json_object_get(bc, "extensions:FrameworkExtension"),
	   "not in the shared extensions: namespace");
	is_str(sget(ext, "@context"), BASE "contexts/framework-v1.jsonld",
	       "extension names the site's context");
	json_t *et = json_object_get(ext, "type");
	ok(json_array_size(et) == 2 &&
	       !strcmp(json_string_value(json_array_get(et, 0)), "Extension"),
	   "extension type is [Extension, ...]");
	is_str(json_string_value(json_array_get(et, 1)), "FrameworkExtension",
	       "extension type is the vocabulary's FrameworkExtension");
	is_str(sget(ext, "frameworkClass"), "achievement", "class id");
	is_str(sget(ext, "formality"), "non-formal", "formality");
	is_str(sget(ext, "achievementType"), "Certificate", "achievementType");
	ok(json_real_value(json_object_get(ext, "hours")) == 2.3, "hours");
	ok(json_is_integer(json_object_get(ext, "credits")),
	   "credits stay an integer");
	is_str(sget(ext, "levelFramework"), "EQF", "level framework");
	is_int(json_integer_value(json_object_get(ext, "level")), 5,
	       "level value");
	ok(json_is_true(json_object_get(ext, "capstone")), "capstone");
	is_str(sget(ext, "recipientType"), "person",
	       "recipient renamed off the Open Badges term");
	is_str(sget(ext, "evidenceRequired"), "A report.",
	       "evidence renamed off the Open Badges term");
	is_str(json_string_value(
		   json_array_get(json_object_get(ext, "stacksInto"), 0)),
	       BASE "badges/diploma/badge.json",
	       "stacksInto holds BadgeClass ids, not page URLs");
	is_int(json_array_size(al), 1 + 1, "the level is an alignment too");
	json_t *la = json_array_get(al, 1);
	is_str(sget(la, "targetName"), "EQF level 5", "level targetName");
	is_str(sget(la, "targetCode"), "5", "level targetCode");
	is_str(sget(la, "targetFramework"), "European Qualifications Framework",
	       "level targetFramework");
	like(sget(la, "targetUrl"), "https://", "level targetUrl");

	/* every extension term is defined by the published context */
	bs_buf cb = BS_BUF_INIT;
	bs_ob_context(&cb, BASE, CANON);
	json_t *cdoc = parse(cb.ptr, "context");
	json_t *ctx = json_object_get(cdoc, "@context");
	const char *key;
	json_t *val;
	int undefined = 0, outside = 0;
	json_object_foreach(ext, key, val)
	{
		if (!strcmp(key, "@context") || !strcmp(key, "type"))
			continue;
		json_t *def = json_object_get(ctx, key);
		if (!def) {
			printf("#   undefined term %s\n", key);
			undefined++;
		} else if (strncmp(sget(def, "@id"), "fwv:", 4)) {
			outside++;
		}
	}
	is_int(undefined, 0, "every extension term is in the context");
	is_int(outside, 0, "every term is under the site's vocabulary");
	is_str(sget(ctx, "fwv"), VOCAB,
	       "vocabulary IRI is under the canonical base_url, not the "
	       "build's");
	is_str(sget(ctx, "FrameworkExtension"), "fwv:FrameworkExtension",
	       "the extension type is a term of the vocabulary");
	is_str(sget(ctx, "obi"), "https://w3id.org/openbadges#",
	       "obi prefix declared, so obi:validation expands");
	is_str(sget(ctx, "stacksInto.@container"), "@set",
	       "stacksInto stays a list when compacted");
	is_str(sget(ctx, "learningOutcomes.@container"), "@set",
	       "learningOutcomes stays a list when compacted");
	json_t *vals = json_object_get(cdoc, "obi:validation");
	is_int(json_array_size(vals), 2, "two validation entries");
	is_str(sget(json_array_get(vals, 0), "obi:validatesType"),
	       "extensions:FrameworkExtension",
	       "the type of published snapshots is still validated");
	is_str(sget(json_array_get(vals, 1), "obi:validatesType"), EXT_KEY,
	       "the current type, as a full IRI (how it compacts into the "
	       "Open Badges context)");
	for (size_t i = 0; i < 2; i++)
		is_str(sget(json_array_get(vals, i), "obi:validationSchema"),
		       BASE "contexts/framework-v1.schema.json",
		       "the schema is hosted by this build");

	/* the schema: draft-04, a property per term, nothing else */
	bs_buf sb = BS_BUF_INIT;
	bs_ob_schema(&sb, BASE, CANON);
	json_t *sdoc = parse(sb.ptr, "schema");
	is_str(sget(sdoc, "$schema"), "http://json-schema.org/draft-04/schema#",
	       "schema is draft-04, the validator's draft");
	ok(json_is_false(json_object_get(sdoc, "additionalProperties")),
	   "schema allows no other properties");
	json_t *props = json_object_get(sdoc, "properties");
	int unschemed = 0;
	json_object_foreach(ext, key, val)
	{
		if (!json_object_get(props, key)) {
			printf("#   no schema for %s\n", key);
			unschemed++;
		}
	}
	is_int(unschemed, 0, "every extension key has a schema");
	is_str(sget(props, "stacksInto.type"), "array", "stacksInto array");
	is_str(sget(props, "hours.type"), "number", "hours number");
	like(sget(sdoc, "description"), CANON "contexts/framework-v1/",
	     "schema points at the vocabulary page");
	size_t nprops = json_object_size(props);
	json_decref(sdoc);
	bs_buf_free(&sb);

	/* the vocabulary page's values: one anchor per term */
	json_t *voc = bs_ob_vocabulary(BASE, CANON);
	json_t *terms = json_object_get(voc, "terms");
	is_int(json_array_size(terms), nprops - 3,
	       "the page documents every term of the schema");
	is_str(sget(json_array_get(terms, 0), "iri"), VOCAB "frameworkClass",
	       "term IRIs are in the canonical vocabulary");
	ok(sget(json_array_get(terms, 0), "doc") != NULL, "terms have a doc");
	json_decref(voc);
	is_str(sget(ctx, "stacksInto.@type"), "@id", "stacksInto are IRIs");
	ok(json_object_get(ctx, "@version") == NULL, "no @version");
	json_decref(cdoc);
	bs_buf_free(&cb);

	/* determinism: same bytes twice, and whatever the view's key order */
	bs_buf again = BS_BUF_INIT;
	bs_ob_badgeclass(&again, badge, site, &d);
	is_str(again.ptr, out.ptr, "same view, same bytes");
	json_t *shuffled = json_object();
	const char *keys[64];
	size_t n = 0;
	json_object_foreach(badge, key, val) keys[n++] = key;
	while (n--)
		json_object_set(shuffled, keys[n],
				json_object_get(badge, keys[n]));
	bs_buf_clear(&again);
	bs_ob_badgeclass(&again, shuffled, site, &d);
	is_str(again.ptr, out.ptr, "view key order does not matter");
	json_decref(shuffled);

	/* level none, no optional fields */
	json_object_del(badge, "level");
	json_object_set_new(badge, "level_none", json_true());
	json_object_del(badge, "tags");
	json_object_del(badge, "alignment");
	json_object_del(badge, "narrative_md");
	bs_buf_clear(&again);
	is_int(bs_ob_badgeclass(&again, badge, site, &d), BS_OK,
	       "badge without optional fields builds");
	json_t *bc2 = parse(again.ptr, "lean BadgeClass");
	is_str(sget(json_object_get(bc2, EXT_KEY), "level"), "none",
	       "level_none gives level \"none\"");
	ok(!json_object_get(bc2, "tags") && !json_object_get(bc2, "alignment"),
	   "absent tags and alignment are omitted (\"none\": no level "
	   "alignment)");
	ok(!json_object_get(json_object_get(bc2, EXT_KEY), "levelFramework"),
	   "level \"none\": no levelFramework");
	json_decref(bc2);

	/* level absent: no level term at all, no alignment */
	json_object_del(badge, "level_none");
	bs_buf_clear(&again);
	bs_ob_badgeclass(&again, badge, site, &d);
	bc2 = parse(again.ptr, "BadgeClass without a level");
	ok(!json_object_get(json_object_get(bc2, EXT_KEY), "level") &&
	       !json_object_get(json_object_get(bc2, EXT_KEY),
				"levelFramework") &&
	       !json_object_get(bc2, "alignment"),
	   "level absent: neither level nor an alignment");
	json_decref(bc2);

	/* retired: said in the description, the replacement in related */
	json_object_set_new(badge, "retired", json_true());
	json_object_set_new(badge, "retired_on", json_string("2026-03-01"));
	json_object_set_new(badge, "replaced_by",
			    json_pack("{s:s, s:s}", "name", "Data Lead", "abs",
				      BASE "badges/data-lead/"));
	bs_buf_clear(&again);
	bs_ob_badgeclass(&again, badge, site, &d);
	bc2 = parse(again.ptr, "retired BadgeClass");
	is_str(sget(bc2, "description"),
	       "Looks after data & people.\n\nRetired on 2026-03-01: no "
	       "longer awarded. Awards already made stay valid. Replaced by "
	       "Data Lead (" BASE "badges/data-lead/badge.json).",
	       "a retired badge says so in its description");
	json_t *rel = json_object_get(bc2, "related");
	is_str(sget(json_array_get(rel, json_array_size(rel) - 1), "id"),
	       BASE "badges/data-lead/badge.json",
	       "related names the replacement's BadgeClass");
	ok(sget(bc2, "criteria.id") && !sget(bc2, "criteria.narrative"),
	   "criteria keeps its id without a narrative");
	json_decref(bc2);

	/* a missing required property is an error, and nothing is written */
	json_object_del(badge, "description");
	json_object_del(json_object_get(badge, "issuer"), "json_abs");
	bs_buf_clear(&again);
	is_int(bs_ob_badgeclass(&again, badge, site, &d), BS_ECONTENT,
	       "missing description and issuer: error");
	is_int(again.len, 0, "nothing written on error");
	is_int(d.n, 2, "one diagnostic each");
	if (d.n) {
		is_str(d.v[0].file, "content/badges/data-steward.md",
		       "reported on the badge's file");
		like(d.v[0].msg, "description", "names the property");
	}
	bs_diags_free(&d);
	bs_buf_free(&again);
	json_decref(bc);
	bs_buf_free(&out);
	json_decref(badge);
	json_decref(site);
}

static json_t *issuer_view(void)
{
	return json_pack(
	    "{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", "centre", "name",
	    "Centre <b>&</b> Co", "url", "https://centre.example/", "email",
	    "badges@centre.example", "description", "We teach.", "image_abs",
	    BASE "assets/img/logo.png", "json_abs", BASE "issuers/centre.json");
}

static json_t *profile(const json_t *issuer, const char *base,
		       const char *hosts_json, char **text)
{
	json_t *site =
	    json_pack("{s:s, s:s}", "base_url", base, "language", "en");
	json_object_set_new(site, "issuing_hosts",
			    json_loads(hosts_json, 0, NULL));
	bs_buf out = BS_BUF_INIT;
	bs_diags d = BS_DIAGS_INIT;
	int rc = bs_ob_profile(&out, issuer, site, &d);
	json_decref(site);
	bs_diags_free(&d);
	if (rc != BS_OK) {
		bs_buf_free(&out);
		return NULL;
	}
	json_t *p = json_loads(out.ptr, 0, NULL);
	if (text)
		*text = bs_buf_detach(&out);
	bs_buf_free(&out);
	return p;
}

static void test_profile(void)
{
	json_t *iss = issuer_view();
	char *text = NULL;
	json_t *p = profile(iss, BASE,
			    "[\"https://Issue.Example.net\", "
			    "\"https://issue.example.net/x\", "
			    "\"https://badges.example.org:8443/\"]",
			    &text);
	ok(p != NULL, "Profile builds and parses");
	ok(text && !strchr(text, '<') && !strchr(text, '&'),
	   "markup characters escaped");
	is_str(sget(p, "@context"), "https://w3id.org/openbadges/v2",
	       "@context");
	is_str(sget(p, "type"), "Profile", "type");
	is_str(sget(p, "id"), BASE "issuers/centre.json",
	       "id is the URL the file is hosted at");
	is_str(sget(p, "name"), "Centre <b>&</b> Co", "name");
	is_str(sget(p, "url"), "https://centre.example/", "url");
	is_str(sget(p, "email"), "badges@centre.example", "email");
	is_str(sget(p, "image"), BASE "assets/img/logo.png", "image");
	is_str(sget(p, "verification.type"), "VerificationObject",
	       "verification type");
	json_t *ao = json_object_get(json_object_get(p, "verification"),
				     "allowedOrigins");
	char *aos = jtext(ao, 0);
	is_str(aos,
	       "[\"badges.example.org\",\"issue.example.net\","
	       "\"badges.example.org:8443\"]\n",
	       "allowedOrigins: own host then issuing hosts, lower-case, "
	       "deduplicated, ports kept");
	free(aos);
	ok(!json_object_get(json_object_get(p, "verification"), "startsWith"),
	   "no startsWith when no one prefix covers every issuing host");
	is_str(sget(p, "@language"), "en", "a Profile carries @language");
	json_decref(p);

	char *again = NULL;
	json_decref(profile(iss, BASE,
			    "[\"https://Issue.Example.net\", "
			    "\"https://issue.example.net/x\", "
			    "\"https://badges.example.org:8443/\"]",
			    &again));
	is_str(again, text, "same input, same bytes");
	free(again);
	free(text);

	p = profile(iss, BASE, "[]", NULL);
	is_str(sget(p, "verification.startsWith"), BASE,
	       "startsWith is base_url when it has a path");
	json_decref(p);
	p = profile(iss, BASE, "[\"https://badges.example.org\"]", NULL);
	is_str(sget(p, "verification.startsWith"), BASE,
	       "... also when issuing hosts are the site's own");
	json_decref(p);
	/* the per-issuer form: only this issuer's hosts */
	p = profile(iss, "https://badges.example.org/",
		    "{\"centre\": [\"https://ours.example\"], "
		    "\"other\": [\"https://theirs.example\"]}",
		    NULL);
	aos = jtext(json_object_get(json_object_get(p, "verification"),
				    "allowedOrigins"),
		    0);
	is_str(aos, "[\"badges.example.org\",\"ours.example\"]\n",
	       "per-issuer issuing_hosts: only the issuer's own hosts");
	free(aos);
	ok(!sget(p, "verification.startsWith"),
	   "no startsWith when no host is shared");
	json_decref(p);
	p = profile(iss, "https://badges.example.org/",
		    "{\"centre\": [\"https://wallet.example/centre/\"]}", NULL);
	is_str(
	    sget(p, "verification.startsWith"),
	    "https://wallet.example/centre/",
	    "a shared wallet host given as a prefix: startsWith, one string");
	json_decref(p);
	p = profile(iss, BASE, "{\"other\": [\"https://theirs.example\"]}",
		    NULL);
	is_str(sget(p, "verification.startsWith"), BASE,
	       "an issuer without hosts of its own: base_url alone");
	json_decref(p);
	p = profile(iss, "https://badges.example.org/", "[\"issue.example\"]",
		    NULL);
	ok(p && !sget(p, "verification.startsWith"),
	   "no startsWith when base_url has no path");
	is_str(json_string_value(json_array_get(
		   json_object_get(json_object_get(p, "verification"),
				   "allowedOrigins"),
		   1)),
	       "issue.example", "a bare host name is taken as it is");
	json_decref(p);

	json_object_del(iss, "email");
	json_object_del(iss, "description");
	json_t *site =
	    json_pack("{s:s,s:[]}", "base_url", BASE, "issuing_hosts");
	bs_buf out = BS_BUF_INIT;
	bs_diags d = BS_DIAGS_INIT;
	is_int(bs_ob_profile(&out, iss, site, &d), BS_ECONTENT,
	       "missing email: error");
	is_int(out.len, 0, "nothing written on error");
	ok(d.n == 1 && !strcmp(d.v[0].file, "site.json") && d.v[0].hint &&
	       strstr(d.v[0].hint, "issuers.centre"),
	   "reported on site.json with a hint");
	bs_diags_free(&d);
	bs_buf_free(&out);
	json_decref(site);
	json_decref(iss);
}

/* An EU micro-credential: the marker and the awarding body's country
 * join the elements the extension already carries. */
static void test_eu_mc(void)
{
	json_t *badge = badge_view(), *site = site_view();
	bs_diags d = BS_DIAGS_INIT;
	bs_buf out = BS_BUF_INIT;
	bs_ob_badgeclass(&out, badge, site, &d);
	json_t *bc = parse(out.ptr, "BadgeClass of another class");
	json_t *ext = json_object_get(bc, EXT_KEY);
	ok(!json_object_get(ext, "euMicroCredential") &&
	       !json_object_get(ext, "awardingBodyCountry"),
	   "no EU micro-credential terms unless the class declares it");
	json_decref(bc);
	bs_buf_clear(&out);

	json_object_set_new(badge, "eu_microcredential", json_true());
	json_object_set_new(badge, "awarding_body_country",
			    json_string("Belgium"));
	json_object_set_new(badge, "quality_assurance",
			    json_string("Reviewed yearly."));
	bs_ob_badgeclass(&out, badge, site, &d);
	bc = parse(out.ptr, "BadgeClass of an EU micro-credential");
	ext = json_object_get(bc, EXT_KEY);
	ok(json_is_true(json_object_get(ext, "euMicroCredential")),
	   "euMicroCredential marks it");
	is_str(sget(ext, "awardingBodyCountry"), "Belgium",
	       "the awarding body's country");
	static const char *const elements[] = {
	    "learningOutcomes", "hours",	  "credits",
	    "creditSystem",	"levelFramework", "level",
	    "assessment",	"participation",  "qualityAssurance"};
	int missing = 0;
	for (size_t i = 0; i < sizeof elements / sizeof *elements; i++)
		if (!json_object_get(ext, elements[i])) {
			printf("#   no %s\n", elements[i]);
			missing++;
		}
	is_int(missing, 0, "every other element travels in the extension");
	ok(sget(bc, "name") && sget(bc, "issuer"), "title and awarding body");
	json_decref(bc);
	bs_buf_free(&out);
	bs_diags_free(&d);
	json_decref(badge);
	json_decref(site);
}

int main(void)
{
	test_jsonout();
	test_badgeclass();
	test_eu_mc();
	test_profile();
	done_testing();
}
