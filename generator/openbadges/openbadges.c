/* openbadges.c: Open Badges 2.0 BadgeClass and Profile documents from the
 * view JSON, and the JSON-LD context of the framework extension. Every Open
 * Badges property name in the program is written here and nowhere else. */
#include "openbadges/openbadges.h"

#include "openbadges/values.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "base/url.h"

#include <string.h>

#define OB_CONTEXT "https://w3id.org/openbadges/v2"
/* The extension's type, a term of the site's own vocabulary (whose IRI is
 * also the property the BadgeClass holds it under). Versions published
 * before it used LEGACY_EXT, in the namespace the Open Badges context
 * gives community extensions; the context keeps validating them. */
#define EXT_TYPE "FrameworkExtension"
#define LEGACY_EXT "extensions:FrameworkExtension"
#define OBI "https://w3id.org/openbadges#"
#define DRAFT4 "http://json-schema.org/draft-04/schema#"

/* The extension's vocabulary, in output order. The context document is
 * written from the same table, so no term can be emitted undefined. Terms
 * that the Open Badges context already defines (recipient, evidence, name,
 * url, ...) are renamed so they keep their own meaning inside. */
static const bs_obv_field ext_fields[] = {
    {"frameworkClass", "id", BS_OBV_CLASS,
     "the badge's class in the framework (its id in framework.json)"},
    {"frameworkClassName", "name", BS_OBV_CLASS, "the name of that class"},
    {"formality", "formality", BS_OBV_CLASS,
     "how formal the learning is: formal, non-formal or informal (the class's "
     "formality level)"},
    {"achievementType", "achievement_type", BS_OBV_CLASS,
     "the kind of achievement the class recognises, e.g. Course or Diploma"},
    {"hours", "hours", BS_OBV_NUMBER, "learning hours the badge asks for"},
    {"credits", "credits", BS_OBV_NUMBER,
     "credits in the site's credit system (creditSystem)"},
    {"creditSystem", "credit_system", BS_OBV_TEXT,
     "the credit system that credits are counted in"},
    {"assessment", "assessment", BS_OBV_TEXT, "how the learning is assessed"},
    {"awardMode", "award_mode", BS_OBV_TEXT,
     "how the badge is awarded, e.g. automatic or assessed"},
    {"participation", "participation", BS_OBV_TEXT,
     "how learners take part: online, in person or blended"},
    {"levelFramework", "framework", BS_OBV_LEVEL_FW,
     "the framework that level belongs to, e.g. EQF"},
    {"level", "value", BS_OBV_LEVEL,
     "the level in levelFramework; \"none\" when the badge says it has no "
     "level; left out when the badge does not say"},
    {"category", "category", BS_OBV_TEXT,
     "the subject area the badge belongs to"},
    {"programme", "programme", BS_OBV_TEXT,
     "the programme the badge is part of"},
    {"recipientType", "recipient", BS_OBV_TEXT,
     "who earns it: a person or an organisation"},
    {"attendance", "attendance", BS_OBV_NUMBER,
     "the share of sessions a learner must attend, in per cent"},
    {"passMark", "pass_mark", BS_OBV_NUMBER,
     "the mark needed to pass, in per cent"},
    {"capstone", "capstone", BS_OBV_FLAG,
     "true when the badge is the capstone of what stacks into it"},
    {"evidenceRequired", "evidence", BS_OBV_TEXT,
     "what evidence an earner must give"},
    {"learningOutcomes", "learning_outcomes", BS_OBV_TEXTS,
     "what an earner can do, one outcome an item"},
    {"validity", "validity", BS_OBV_TEXT, "how long the badge stays valid"},
    {"prerequisites", "prerequisites", BS_OBV_TEXT,
     "what an earner needs before starting"},
    {"qualityAssurance", "quality_assurance", BS_OBV_TEXT,
     "how the badge's quality is assured"},
    {"euMicroCredential", "eu_microcredential", BS_OBV_FLAG,
     "true when the badge's class is an EU micro-credential (Council "
     "Recommendation of 16 June 2022)"},
    {"awardingBodyCountry", "awarding_body_country", BS_OBV_TEXT,
     "the country of the issuer that awards the badge"},
    {"grade", "grade", BS_OBV_TEXT, "how the result is graded"},
    {"identityVerification", "identity_verification", BS_OBV_TEXT,
     "how the earner's identity is checked"},
    {"furtherInformation", "further_information", BS_OBV_TEXT,
     "where to read more about the badge"},
    {"stacksInto", "stacks_into", BS_OBV_STACKS,
     "the BadgeClasses (their ids) this badge counts towards"},
};

/* base + BS_OB_CONTEXT_PATH without ".jsonld", plus "#". Caller frees. */
static char *vocab_iri(const char *base)
{
	static const char ext[] = ".jsonld";
	size_t n = strlen(BS_OB_CONTEXT_PATH) - (sizeof ext - 1);
	return bs_xasprintf("%s%.*s#", base ? base : "", (int)n,
			    BS_OB_CONTEXT_PATH);
}

static json_t *extension(const json_t *badge, const char *context_url)
{
	json_t *ext = json_object();
	bs_obv_put_str(ext, "@context", context_url);
	json_t *type = json_array();
	json_array_append_new(type, json_string("Extension"));
	json_array_append_new(type, json_string(EXT_TYPE));
	json_object_set_new(ext, "type", type);

	/* stacksInto: the BadgeClass ids, not their pages */
	bs_obv_put_fields(ext, ext_fields,
			  sizeof ext_fields / sizeof *ext_fields, badge,
			  "badge.json");
	return ext;
}

/* Level frameworks whose levels have a public page to align to. */
static const struct {
	const char *id, *name, *url;
} level_fws[] = {
    {"EQF", "European Qualifications Framework",
     "https://europass.europa.eu/en/description-eight-eqf-levels"},
};

/* The badge's level as an AlignmentObject, so that consumers that read
 * only Open Badges terms see it too; NULL without a level. Its targetUrl is
 * the framework's page of levels, else the site's framework page. */
static json_t *level_alignment(const json_t *badge, const char *base)
{
	const json_t *level = json_object_get(badge, "level");
	const char *fw = bs_obv_str(level, "framework");
	const json_t *v = json_object_get(level, "value");
	if (!fw || !(json_is_integer(v) || bs_obv_str(level, "value")) || !base)
		return NULL;
	char num[32];
	const char *code = bs_obv_str(level, "value");
	if (!code) {
		snprintf(num, sizeof num, "%lld",
			 (long long)json_integer_value(v));
		code = num;
	}
	const char *name = fw, *url = NULL;
	for (size_t i = 0; i < sizeof level_fws / sizeof *level_fws; i++)
		if (strcmp(level_fws[i].id, fw) == 0) {
			name = level_fws[i].name;
			url = level_fws[i].url;
		}
	json_t *a = json_object();
	json_object_set_new(a, "targetName",
			    json_sprintf("%s level %s", fw, code));
	json_object_set_new(a, "targetUrl",
			    url ? json_string(url)
				: json_sprintf("%sframework/", base));
	json_object_set_new(a, "targetDescription",
			    json_sprintf("Level %s of the %s", code, name));
	bs_obv_put_str(a, "targetFramework", name);
	bs_obv_put_str(a, "targetCode", code);
	return a;
}

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
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			bs_obv_put_str(a, keys[k], bs_obv_str(it, keys[k]));
		json_array_append_new(out, a);
	}
	return out;
}

/* The description; a retired badge's says so, with the date and its
 * replacement, as Open Badges 2.0 has no property for it. */
static void put_description(json_t *bc, const json_t *badge)
{
	const char *desc = bs_obv_str(badge, "description");
	if (!json_is_true(json_object_get(badge, "retired"))) {
		bs_obv_put_str(bc, "description", desc);
		return;
	}
	const json_t *rep = json_object_get(badge, "replaced_by");
	bs_buf b = BS_BUF_INIT;
	bs_buf_printf(&b, "%s\n\nRetired", desc);
	if (bs_obv_str(badge, "retired_on"))
		bs_buf_printf(&b, " on %s", bs_obv_str(badge, "retired_on"));
	bs_buf_puts(&b, ": no longer awarded. Awards already made stay valid.");
	if (bs_obv_str(rep, "name") && bs_obv_str(rep, "abs"))
		bs_buf_printf(&b, " Replaced by %s (%sbadge.json).",
			      bs_obv_str(rep, "name"), bs_obv_str(rep, "abs"));
	json_object_set_new(bc, "description", json_string(b.ptr));
	bs_buf_free(&b);
}

int bs_ob_badgeclass(bs_buf *out, const json_t *badge, const json_t *site,
		     bs_diags *d)
{
	static const struct {
		const char *key, *what;
	} need[] = {{"name", "name"},
		    {"description", "description"},
		    {"json_abs", "hosting URL (id)"},
		    {"png_abs", "image URL"},
		    {"canonical", "criteria page URL"}};
	const char *id = bs_obv_str(badge, "id");
	char *path = id ? bs_xasprintf("content/badges/%s.md", id) : NULL;
	int rc = BS_OK;
	for (size_t i = 0; i < sizeof need / sizeof *need; i++)
		if (!bs_obv_str(badge, need[i].key))
			rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
					  "an Open Badges 2.0 BadgeClass needs "
					  "a %s, and this badge has none",
					  need[i].what);
	const char *issuer =
	    bs_obv_str(json_object_get(badge, "issuer"), "json_abs");
	if (!issuer)
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "an Open Badges 2.0 BadgeClass needs its "
				  "issuer's Profile URL, and this badge has "
				  "none");
	const char *base = bs_obv_str(site, "base_url");
	char *ctx = bs_obv_str(site, "context_url")
			? bs_xstrdup(bs_obv_str(site, "context_url"))
		    : base ? bs_xasprintf("%s%s", base, BS_OB_CONTEXT_PATH)
			   : NULL;
	if (!ctx)
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "no base_url to publish the extension "
				  "context under");
	free(path);
	if (rc != BS_OK) {
		free(ctx);
		return rc;
	}

	json_t *bc = json_object();
	bs_obv_put_str(bc, "@context", OB_CONTEXT);
	bs_obv_put_str(bc, "type", "BadgeClass");
	bs_obv_put_str(bc, "id", bs_obv_str(badge, "json_abs"));
	bs_obv_put_str(bc, "@language", bs_obv_str(site, "language"));
	bs_obv_put_str(bc, "name", bs_obv_str(badge, "name"));
	put_description(bc, badge);
	json_t *image = json_object();
	bs_obv_put_str(image, "id", bs_obv_str(badge, "png_abs"));
	bs_obv_put_str(image, "caption", bs_obv_str(badge, "image_alt"));
	json_object_set_new(bc, "image", image);
	json_t *criteria = json_object();
	bs_obv_put_str(criteria, "id", bs_obv_str(badge, "canonical"));
	bs_obv_put_str(criteria, "narrative",
		       bs_obv_str(badge, "narrative_md"));
	json_object_set_new(bc, "criteria", criteria);
	bs_obv_put_str(bc, "issuer", issuer);
	bs_obv_put_array(bc, "tags",
			 bs_obv_copy_texts(json_object_get(badge, "tags")));
	json_t *al = alignments(json_object_get(badge, "alignment"));
	json_t *lal = level_alignment(badge, base);
	if (lal)
		json_array_append_new(al, lal);
	bs_obv_put_array(bc, "alignment", al);
	const json_t *version = json_object_get(badge, "version");
	if (json_is_integer(version))
		json_object_set_new(bc, "version", bs_obv_copy_scalar(version));
	/* the newest version names the earlier ones (OB 2.0 "related":
	 * BadgeClasses that are versions of this one); earlier ones stay
	 * exactly as they were published */
	json_t *related = json_array();
	size_t i;
	const json_t *h;
	json_array_foreach(json_object_get(badge, "history"), i, h)
	{
		if (json_is_true(json_object_get(h, "current")) ||
		    !bs_obv_str(h, "json_abs"))
			continue;
		json_t *r = json_object();
		bs_obv_put_str(r, "id", bs_obv_str(h, "json_abs"));
		json_object_set_new(
		    r, "version",
		    bs_obv_copy_scalar(json_object_get(h, "version")));
		json_array_append_new(related, r);
	}
	/* a retired badge names its replacement the same way: the badge
	 * that now recognises what it did */
	const char *rep =
	    bs_obv_str(json_object_get(badge, "replaced_by"), "abs");
	if (json_is_true(json_object_get(badge, "retired")) && rep) {
		json_t *r = json_object();
		json_object_set_new(r, "id", json_sprintf("%sbadge.json", rep));
		json_array_append_new(related, r);
	}
	/* each other language edition of this badge (OB 2.0's way to link
	 * the language versions of a BadgeClass) */
	json_array_foreach(json_object_get(badge, "editions"), i, h)
	{
		json_t *r = json_object();
		bs_obv_put_str(r, "type", "BadgeClass");
		bs_obv_put_str(r, "id", bs_obv_str(h, "json_abs"));
		bs_obv_put_str(r, "@language", bs_obv_str(h, "language"));
		json_array_append_new(related, r);
	}
	if (json_array_size(related))
		json_object_set_new(bc, "related", related);
	else
		json_decref(related);
	char *vocab = vocab_iri(bs_obv_str(site, "vocab_base")
				    ? bs_obv_str(site, "vocab_base")
				    : base);
	char *key = bs_xasprintf("%s%s", vocab, EXT_TYPE);
	json_object_set_new(bc, key, extension(badge, ctx));
	free(key);
	free(vocab);

	bs_jsonout_write(out, bc, 1);
	json_decref(bc);
	free(ctx);
	return BS_OK;
}

/* Host (with port) named by an issuing_hosts entry: an origin or URL, or
 * a bare host name. Caller frees; NULL if it names none. */
static char *host_of(const char *entry)
{
	char *h = bs_url_host(entry);
	if (h || strchr(entry, '/') || !*entry)
		return h;
	h = bs_xstrdup(entry);
	for (char *p = h; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return h;
}

static void add_host(json_t *hosts, char *h)
{
	size_t i;
	const json_t *it;
	if (!h)
		return;
	json_array_foreach(hosts, i, it)
	{
		if (strcmp(json_string_value(it), h) == 0) {
			free(h);
			return;
		}
	}
	json_array_append_new(hosts, json_string(h));
	free(h);
}

int bs_ob_profile(bs_buf *out, const json_t *issuer, const json_t *site,
		  bs_diags *d)
{
	const char *id = bs_obv_str(issuer, "id");
	int rc = BS_OK;
	static const char *const need[] = {"name", "url", "email"};
	for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
		if (bs_obv_str(issuer, need[i]))
			continue;
		rc = bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
				  "issuer \"%s\" has no %s, which an Open "
				  "Badges 2.0 issuer Profile requires",
				  id ? id : "?", need[i]);
		bs_diag_hint(d, "add \"%s\" to issuers.%s in site.json",
			     need[i], id ? id : "?");
	}
	const char *base = bs_obv_str(site, "base_url");
	char *base_host = base ? bs_url_host(base) : NULL;
	if (!bs_obv_str(issuer, "json_abs") || !base_host)
		rc = bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
				  "issuer \"%s\" has no hosting URL: is "
				  "base_url an absolute http(s) URL?",
				  id ? id : "?");
	if (rc != BS_OK) {
		free(base_host);
		return rc;
	}

	json_t *p = json_object();
	bs_obv_put_str(p, "@context", OB_CONTEXT);
	bs_obv_put_str(p, "type", "Profile");
	bs_obv_put_str(p, "id", bs_obv_str(issuer, "json_abs"));
	bs_obv_put_str(p, "@language", bs_obv_str(site, "language"));
	bs_obv_put_str(p, "name", bs_obv_str(issuer, "name"));
	bs_obv_put_str(p, "url", bs_obv_str(issuer, "url"));
	bs_obv_put_str(p, "email", bs_obv_str(issuer, "email"));
	bs_obv_put_str(p, "description", bs_obv_str(issuer, "description"));
	bs_obv_put_str(p, "image", bs_obv_str(issuer, "image_abs"));
	/* where its revoked awards are listed, when it awards any */
	bs_obv_put_str(p, "revocationList",
		       bs_obv_str(issuer, "revocations_abs"));

	/* issuing_hosts: one list for every issuer (the old form), or
	 * { issuer id: [...] }; an entry is an origin, or a URL prefix for
	 * an issuer that shares its host */
	const json_t *ih = json_object_get(site, "issuing_hosts");
	if (json_is_object(ih))
		ih = json_object_get(ih, id ? id : "");
	json_t *hosts = json_array(), *starts = json_array();
	json_array_append_new(hosts, json_string(base_host));
	int shared = 0;
	size_t i;
	const json_t *it;
	json_array_foreach(ih, i, it)
	{
		const char *e = json_string_value(it);
		if (!e)
			continue;
		char *eh = host_of(e);
		/* the site's own host is covered by base_url */
		int own = eh && strcmp(eh, base_host) == 0;
		add_host(hosts, eh);
		char *o = bs_url_origin(e);
		if (o && strcmp(o, e) != 0 &&
		    strcmp(bs_url_base_path(e), "/") != 0) {
			shared = 1;
			json_array_append_new(starts, json_string(e));
		} else if (!own) {
			char *h = o ? NULL : host_of(e);
			if (o || h)
				json_array_append_new(
				    starts, o ? json_sprintf("%s/", o)
					      : json_sprintf("https://%s/", h));
			free(h);
		}
		free(o);
	}
	/* without issuing hosts of its own, assertions live under base_url */
	if (!json_array_size(starts)) {
		json_array_append_new(starts, json_string(base));
		shared = strcmp(bs_url_base_path(base), "/") != 0;
	}
	json_t *ver = json_object();
	bs_obv_put_str(ver, "type", "VerificationObject");
	json_object_set_new(ver, "allowedOrigins", hosts);
	/* startsWith narrows hosted assertions to one prefix, where a host
	 * is shared. The spec allows a list, but the 1EdTech validator
	 * refuses one, and a single prefix that left out an issuing host
	 * would make verifiers reject its assertions: so only when one
	 * prefix covers them all. */
	if (shared && json_array_size(starts) == 1)
		json_object_set(ver, "startsWith", json_array_get(starts, 0));
	json_decref(starts);
	json_object_set_new(p, "verification", ver);

	bs_jsonout_write(out, p, 1);
	json_decref(p);
	free(base_host);
	return BS_OK;
}

/* The JSON Schema type of a term, draft-04. */
static json_t *term_schema(const bs_obv_field *f)
{
	switch (f->kind) {
	case BS_OBV_NUMBER:
		return json_pack("{s:s, s:i}", "type", "number", "minimum", 0);
	case BS_OBV_FLAG: return json_pack("{s:s}", "type", "boolean");
	case BS_OBV_TEXTS:
		return json_pack("{s:s, s:i, s:{s:s, s:i}}", "type", "array",
				 "minItems", 1, "items", "type", "string",
				 "minLength", 1);
	case BS_OBV_STACKS:
		return json_pack("{s:s, s:i, s:{s:s, s:s}}", "type", "array",
				 "minItems", 1, "items", "type", "string",
				 "pattern", "^https?://");
	case BS_OBV_LEVEL:
		return json_pack("{s:[s,s], s:i}", "type", "string", "number",
				 "minLength", 1);
	default:
		return json_pack("{s:s, s:i}", "type", "string", "minLength",
				 1);
	}
}

static const char *term_value(const bs_obv_field *f)
{
	switch (f->kind) {
	case BS_OBV_NUMBER: return "number";
	case BS_OBV_FLAG: return "true, else left out";
	case BS_OBV_TEXTS: return "list of texts";
	case BS_OBV_STACKS: return "list of BadgeClass ids (IRIs)";
	case BS_OBV_LEVEL: return "text or number";
	default: return "text";
	}
}

void bs_ob_context(bs_buf *out, const char *base_url, const char *vocab_base)
{
	char *vocab = vocab_iri(vocab_base ? vocab_base : base_url);
	json_t *c = json_object();
	bs_obv_put_str(c, "obi", OBI);
	/* A prefix of its own, so the file reads as one vocabulary. */
	bs_obv_put_str(c, "fwv", vocab);
	bs_obv_put_str(c, EXT_TYPE, "fwv:" EXT_TYPE);
	for (size_t i = 0; i < sizeof ext_fields / sizeof *ext_fields; i++) {
		json_t *t = json_object();
		json_object_set_new(t, "@id",
				    json_sprintf("fwv:%s", ext_fields[i].term));
		if (ext_fields[i].kind == BS_OBV_STACKS)
			bs_obv_put_str(t, "@type", "@id");
		/* a one-item list stays a list when compacted, as the
		 * validator compacts a node before checking its schema */
		if (ext_fields[i].kind == BS_OBV_STACKS ||
		    ext_fields[i].kind == BS_OBV_TEXTS)
			bs_obv_put_str(t, "@container", "@set");
		json_object_set_new(c, ext_fields[i].term, t);
	}
	json_t *doc = json_object();
	json_object_set_new(doc, "@context", c);
	/* obi:validation: the schema every extension node must pass, for
	 * the type as it compacts into the Open Badges context (a full
	 * IRI, or extensions:X in that context's own namespace) */
	char *schema =
	    bs_xasprintf("%s%s", base_url ? base_url : "", BS_OB_SCHEMA_PATH);
	json_t *val = json_array();
	json_array_append_new(val, json_pack("{s:s, s:s}", "obi:validatesType",
					     LEGACY_EXT, "obi:validationSchema",
					     schema));
	json_array_append_new(val, json_pack("{s:s+, s:s}", "obi:validatesType",
					     vocab, EXT_TYPE,
					     "obi:validationSchema", schema));
	json_object_set_new(doc, "obi:validation", val);
	bs_jsonout_write(out, doc, 1);
	json_decref(doc);
	free(schema);
	free(vocab);
}

void bs_ob_schema(bs_buf *out, const char *base_url, const char *vocab_base)
{
	char *vocab = vocab_iri(vocab_base ? vocab_base : base_url);
	json_t *props = json_object();
	/* the keys JSON-LD compaction leaves on the node */
	json_object_set_new(props, "@context", json_object());
	json_object_set_new(props, "type", json_object());
	json_object_set_new(props, "id", json_object());
	for (size_t i = 0; i < sizeof ext_fields / sizeof *ext_fields; i++) {
		json_t *t = term_schema(&ext_fields[i]);
		json_object_set_new(t, "description",
				    json_string(ext_fields[i].doc));
		json_object_set_new(props, ext_fields[i].term, t);
	}
	json_t *doc = json_object();
	bs_obv_put_str(doc, "$schema", DRAFT4);
	json_object_set_new(doc, "title",
			    json_string("Framework extension (vocabulary v1)"));
	json_object_set_new(
	    doc, "description",
	    json_sprintf("Where a BadgeClass sits in the framework and what "
			 "earning it asks for. Each term is documented at "
			 "%.*s/ (one anchor per term).",
			 (int)strlen(vocab) - 1, vocab));
	bs_obv_put_str(doc, "type", "object");
	json_object_set_new(doc, "properties", props);
	/* only what every badge has: its class's own fields */
	json_object_set_new(doc, "required",
			    json_pack("[s,s,s]", "frameworkClass",
				      "frameworkClassName", "formality"));
	json_object_set_new(doc, "additionalProperties", json_false());
	bs_jsonout_write(out, doc, 1);
	json_decref(doc);
	free(vocab);
}

json_t *bs_ob_vocabulary(const char *base_url, const char *vocab_base)
{
	char *vocab = vocab_iri(vocab_base ? vocab_base : base_url);
	json_t *v = json_object();
	json_object_set_new(v, "iri", json_string(vocab));
	json_object_set_new(v, "type_iri",
			    json_sprintf("%s%s", vocab, EXT_TYPE));
	bs_obv_put_str(v, "type", EXT_TYPE);
	bs_obv_put_str(v, "legacy_type", LEGACY_EXT);
	json_object_set_new(
	    v, "context_url",
	    json_sprintf("%s%s", base_url ? base_url : "", BS_OB_CONTEXT_PATH));
	json_object_set_new(
	    v, "schema_url",
	    json_sprintf("%s%s", base_url ? base_url : "", BS_OB_SCHEMA_PATH));
	json_t *terms = json_array();
	for (size_t i = 0; i < sizeof ext_fields / sizeof *ext_fields; i++) {
		const bs_obv_field *f = &ext_fields[i];
		json_t *t = json_object();
		bs_obv_put_str(t, "term", f->term);
		json_object_set_new(t, "iri",
				    json_sprintf("%s%s", vocab, f->term));
		bs_obv_put_str(t, "value", term_value(f));
		bs_obv_put_str(t, "doc", f->doc);
		json_array_append_new(terms, t);
	}
	json_object_set_new(v, "terms", terms);
	free(vocab);
	return v;
}
