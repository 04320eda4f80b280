/* validate.c: the validate stage: every field of site.json, badges,
 * glossary terms and pages checked against the content format and the
 * framework's rules, references resolved. All problems are collected. */
#include "base/alloc.h"
#include "base/lang.h"
#include "base/par.h"
#include "base/url.h"
#include "input/files.h"
#include "input/schema.h"
#include "input/source.h"
#include "model/awards.h"
#include "model/eumc.h"
#include "model/framework.h"
#include "model/langs.h"
#include "model/model.h"
#include "model/rules.h"
#include "pages/markdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const site_keys[] = {
    "title",	      "base_url", "default_language", "description",
    "default_issuer", "issuers",  "issuing_hosts",    "credit_system",
    "footer",	      "licence",  "signing",	      "languages",
    "translations",   NULL};
static const char *const signing_keys[] = {"previous_keys", NULL};
static const char *const issuer_keys[] = {"name",
					  "url",
					  "email",
					  "description",
					  "image",
					  "country",
					  "linkedin_organization_id",
					  NULL};
static const char *const credit_keys[] = {
    "name", "hours_per_credit", "ects", "rounding", "precision", NULL};
static const char *const badge_keys[] = {"name",
					 "short_name",
					 "class",
					 "description",
					 "issuer",
					 "version",
					 "status",
					 "hours",
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
					 "image",
					 "previous_ids",
					 "retired_on",
					 "replaced_by",
					 "completion",
					 "requires",
					 NULL};
static const char *const statuses[] = {"draft", "published", "retired", NULL};
static const char *const award_modes[] = {"automatic",	   "evidence-reviewed",
					  "assessed",	   "peer",
					  "self-declared", NULL};
static const char *const participations[] = {"online", "onsite", "blended",
					     NULL};
static const char *const recipients[] = {"person", "organisation", NULL};
static const char *const alignment_keys[] = {"targetName",	  "targetUrl",
					     "targetFramework",	  "targetCode",
					     "targetDescription", NULL};
static const char *const term_keys[] = {"term", "aliases", "see_also",
					"definitions", NULL};
static const char *const def_keys[] = {"text", "section", "source", "year",
				       "url",  "form",	  NULL};
static const char *const forms[] = {"quoted", "adapted", NULL};
static const char *const page_keys[] = {"title",  "description", "weight",
					"status", "featured",	 NULL};
static const char *const page_statuses[] = {"draft", "published", NULL};

/* issuing_hosts entries: origins, or (prefix) URL prefixes ending in "/"
 * for an issuer that shares a host. */
static void check_hosts(bs_chk *c, const json_t *hosts, int prefix)
{
	size_t i;
	const json_t *it;
	json_array_foreach(hosts, i, it)
	{
		const char *e = json_string_value(it);
		char *origin = bs_url_origin(e);
		size_t n = origin ? strlen(origin) : 0;
		int ok = origin && (strcmp(origin, e) == 0 ||
				    (prefix && strncmp(origin, e, n) == 0 &&
				     e[n] == '/' && e[strlen(e) - 1] == '/' &&
				     !strpbrk(e, "?#")));
		if (!ok) {
			bs_chk_at_item(c, hosts, i, "'%s' is not an origin%s",
				       e, prefix ? " or a URL prefix" : "");
			bs_chk_hint(c,
				    "write the scheme and host only, "
				    "e.g. \"https://badges.example.net\"%s",
				    prefix ? ", or a prefix ending in \"/\", "
					     "e.g. \"https://wallet.example/"
					     "ours/\""
					   : "");
		}
		free(origin);
	}
}

/* credit_system.precision: credits are whole multiples of it (0.5: "0.5",
 * "1", "1.5"); a precision that does not divide 1 would make whole
 * numbers of credits impossible. */
static void check_precision(bs_chk *c, const json_t *cs, bs_credit_system *cr)
{
	double p;
	if (!bs_chk_num(c, cs, "precision", 0.001, 1000, 0, &p))
		return;
	double per = p < 1 ? 1 / p : p;
	if (per != (double)(long)per &&
	    fabs(per - (double)lround(per)) > 1e-9) {
		bs_chk_at_member(c, cs, "precision",
				 "precision %g does not divide one credit "
				 "evenly",
				 p);
		bs_chk_hint(c, "use 1, 0.5, 0.25, 0.1 or another 1/n, or a "
			       "whole number");
		return;
	}
	cr->precision = p;
}

static void check_site(bs_site *s, const bs_options *opt, bs_diags *d)
{
	bs_chk c = {&s->site_src, s->site_pos, d, 0};
	json_t *o = s->site;
	if (!json_is_object(o)) {
		bs_diag_at(d, BS_ERROR, &s->site_src, 1, 1,
			   "site.json must hold a JSON object");
		return;
	}
	bs_chk_keys(&c, o, site_keys, "site.json");
	bs_chk_str(&c, o, "title", 1);
	bs_chk_str(&c, o, "description", 0);
	bs_chk_str(&c, o, "footer", 0);
	bs_chk_str(&c, o, "licence", 0);
	const char *lang = bs_chk_str(&c, o, "default_language", 1);
	if (lang && !bs_lang_tag_ok(lang)) {
		bs_chk_at_member(&c, o, "default_language",
				 "'%s' is not a language tag", lang);
		bs_chk_hint(&c, "write it as BCP 47 does: en, ar, zh-Hant, "
				"pt-BR");
	}
	const char *base = bs_chk_str(&c, o, "base_url", 1);
	if (opt->base_url) {
		s->base_url = bs_url_normalize_base(opt->base_url);
		if (!s->base_url) {
			bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				     "--base-url '%s' is not an absolute "
				     "http(s) URL",
				     opt->base_url);
		}
	} else if (base) {
		s->base_url = bs_url_normalize_base(base);
		if (!s->base_url) {
			bs_chk_at_member(&c, o, "base_url",
					 "base_url must be an absolute http(s) "
					 "URL without query or fragment");
			bs_chk_hint(&c, "e.g. \"https://badges.example.org/"
					"framework/\"");
		}
	}
	if (s->base_url && base) {
		s->canonical_base = bs_url_normalize_base(base);
		s->canonical = s->canonical_base &&
			       strcmp(s->canonical_base, s->base_url) == 0;
	}
	json_t *issuers = bs_chk_obj(&c, o, "issuers", 1);
	const char *key;
	json_t *it;
	json_object_foreach(issuers, key, it)
	{
		if (!bs_url_is_id(key)) {
			bs_chk_at_key(&c, issuers, key,
				      "issuer id '%s' is not a valid id", key);
			bs_chk_hint(&c, "ids use lower-case letters, digits "
					"and hyphens");
		}
		if (!json_is_object(it)) {
			bs_chk_at_member(&c, issuers, key,
					 "an issuer must be an object");
			continue;
		}
		bs_chk_keys(&c, it, issuer_keys, "an issuer");
		bs_chk_str(&c, it, "name", 1);
		bs_chk_url(&c, it, "url", 1, 1);
		const char *mail = bs_chk_str(&c, it, "email", 0);
		if (mail && (!strchr(mail, '@') || strpbrk(mail, " <>\"'")))
			bs_chk_at_member(&c, it, "email",
					 "'%s' is not an email address", mail);
		bs_chk_str(&c, it, "description", 0);
		bs_chk_str(&c, it, "country", 0);
		const char *li =
		    bs_chk_str(&c, it, "linkedin_organization_id", 0);
		if (li && (!*li || strspn(li, "0123456789") != strlen(li) ||
			   strlen(li) > 20)) {
			bs_chk_at_member(&c, it, "linkedin_organization_id",
					 "'%s' is not a LinkedIn organization "
					 "id",
					 li);
			bs_chk_hint(&c, "the digits of the company page's "
					"id, as in linkedin.com/company/"
					"12345678, written as a string");
		}
		const char *img = bs_chk_url(&c, it, "image", 0, 0);
		if (img && !bs_url_is_http(img) &&
		    !bs_files_exists(s->root, img)) {
			int kl, kc, vl, vc;
			bs_jpos_member(s->site_pos, it, "image", &kl, &kc, &vl,
				       &vc);
			bs_source tmp;
			bs_files_read(&tmp, s->root, img, &s->site_src, vl, vc,
				      d);
			bs_source_free(&tmp);
		}
	}
	const char *def = bs_chk_id(&c, o, "default_issuer", 1);
	if (def && issuers && !json_object_get(issuers, def)) {
		bs_chk_at_member(&c, o, "default_issuer", "unknown issuer '%s'",
				 def);
		bs_chk_hint(&c, "define it under \"issuers\"");
	}
	/* one list for every issuer, or one per issuer */
	json_t *ih = json_object_get(o, "issuing_hosts");
	if (json_is_object(ih)) {
		const char *iid;
		json_t *list;
		json_object_foreach(ih, iid, list)
		{
			if (issuers && !json_object_get(issuers, iid)) {
				bs_chk_at_key(&c, ih, iid,
					      "unknown issuer '%s'", iid);
				bs_chk_hint(&c, "define it under \"issuers\"");
			}
			check_hosts(&c, bs_chk_arr(&c, ih, iid, 0, 1), 1);
		}
	} else {
		check_hosts(&c, bs_chk_arr(&c, o, "issuing_hosts", 0, 1), 0);
	}
	/* retired signing keys: public Multikeys the DID document keeps */
	json_t *sg = bs_chk_obj(&c, o, "signing", 0);
	if (sg) {
		bs_chk_keys(&c, sg, signing_keys, "signing");
		json_t *pk = bs_chk_arr(&c, sg, "previous_keys", 0, 1);
		for (size_t i = 0; i < json_array_size(pk); i++) {
			const char *k =
			    json_string_value(json_array_get(pk, i));
			if (k && strncmp(k, "z6Mk", 4) != 0) {
				bs_chk_at_item(&c, pk, i,
					       "'%s' is not an Ed25519 public "
					       "key in Multikey form",
					       k);
				bs_chk_hint(&c, "copy the publicKeyMultibase "
						"(\"z6Mk...\") of the retired "
						"key file, never its secret");
			}
		}
	}
	json_t *cs = bs_chk_obj(&c, o, "credit_system", 1);
	if (cs) {
		static const char *const roundings[] = {"down", "nearest", "up",
							NULL};
		bs_chk_keys(&c, cs, credit_keys, "credit_system");
		s->credits.name = bs_chk_str(&c, cs, "name", 1);
		if (!bs_chk_num(&c, cs, "hours_per_credit", 0.001, 1e4, 1,
				&s->credits.hours_per_credit)) {
			s->credits.hours_per_credit = 1;
			s->credits.broken = 1;
		}
		bs_chk_bool(&c, cs, "ects", 0, &s->credits.ects);
		s->credits.rounding =
		    bs_chk_enum(&c, cs, "rounding", roundings, 0);
		check_precision(&c, cs, &s->credits);
	}
	if (!s->credits.name)
		s->credits.name = "credits";
	if (!s->credits.hours_per_credit)
		s->credits.hours_per_credit = 1;
	if (!s->credits.precision)
		s->credits.precision = 1;
}

/* The separator by which a targetCode names two codes ("P1, P2", "P1/P2",
 * "Area 2 and Area 3"), or NULL. */
static const char *two_targets(const char *code)
{
	static const char *const seps[] = {",", ";",	 "/",	"&",
					   "+", " and ", " or "};
	static const char *const names[] = {",", ";",	"/", "&",
					    "+", "and", "or"};
	for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
		const char *p = strstr(code, seps[i]);
		/* a separator between two codes, not at either end */
		if (p && p != code && p[strlen(seps[i])] &&
		    strspn(p + strlen(seps[i]), " ") <
			strlen(p + strlen(seps[i])))
			return names[i];
	}
	return NULL;
}

static void check_alignment(bs_chk *c, const json_t *fm)
{
	json_t *al = bs_chk_arr(c, fm, "alignment", 0, 0);
	size_t i;
	json_t *it;
	json_array_foreach(al, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, al, i,
				       "an alignment must be an object");
			continue;
		}
		bs_chk_keys(c, it, alignment_keys, "an alignment");
		bs_chk_str(c, it, "targetName", 1);
		bs_chk_url(c, it, "targetUrl", 1, 1);
		bs_chk_str(c, it, "targetFramework", 0);
		const char *code = bs_chk_str(c, it, "targetCode", 0);
		bs_chk_str(c, it, "targetDescription", 0);
		const char *two = code ? two_targets(code) : NULL;
		if (two) {
			int kl, kc, vl, vc;
			bs_jpos_member(c->pos, it, "targetCode", &kl, &kc, &vl,
				       &vc);
			bs_diag_at(c->d, BS_WARNING, c->src, vl, vc,
				   "targetCode '%s' names more than one target "
				   "('%s'), but an alignment aligns to one",
				   code, two);
			bs_diag_hint(c->d,
				     "split it into one alignment per code, "
				     "each with its own targetUrl");
		}
	}
}

/* /badges/by-class/ and its kin hold the catalogue's facet pages. */
static int reserved_id(const char *id)
{
	return id &&
	       (strcmp(id, "by-class") == 0 || strcmp(id, "by-category") == 0 ||
		strcmp(id, "by-programme") == 0);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

static void check_badge(bs_site *s, bs_badge *b, bs_diags *d)
{
	bs_chk c = {&b->src, b->fm.pos, d, 0};
	if (reserved_id(b->id)) {
		bs_diag_file(d, BS_ERROR, b->src.path, 0, 0,
			     "'%s' cannot be a badge id: /badges/%s/ holds the "
			     "catalogue's facet pages",
			     b->id, b->id);
		bs_diag_hint(d, "rename the file, e.g. to '%s-badge.md'",
			     b->id);
	}
	json_t *fm = b->fm.data;
	bs_chk_keys(&c, fm, badge_keys, "a badge");
	bs_chk_str(&c, fm, "name", 1);
	const char *sn = bs_chk_str(&c, fm, "short_name", 0);
	size_t chars = 0; /* letters, not bytes: Arabic or Chinese fit too */
	for (const char *p = sn ? sn : ""; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	if (chars > 32) {
		bs_chk_at_member(&c, fm, "short_name",
				 "short_name has more than 32 characters");
		bs_chk_hint(&c, "a word or two that fits on the badge's image");
	}
	bs_chk_str(&c, fm, "description", 1);
	const char *st = bs_chk_enum(&c, fm, "status", statuses, 0);
	b->status = !st || strcmp(st, "published") == 0 ? BS_PUBLISHED
		    : strcmp(st, "draft") == 0		? BS_DRAFT
							: BS_RETIRED;
	if (b->status == BS_DRAFT && !s->drafts)
		b->skip = 1;
	long v = 1;
	bs_chk_int(&c, fm, "version", 1, 1000, 0, &v);
	b->version = (int)v;
	const char *cid = bs_chk_id(&c, fm, "class", 1);
	if (cid) {
		b->cls = bs_framework_class(&s->fw, cid);
		/* when framework.json itself is broken, its errors say it */
		if (!b->cls && s->fw.json) {
			bs_chk_at_member(&c, fm, "class", "unknown class '%s'",
					 cid);
			const char **ids =
			    bs_xcalloc(s->fw.nclasses + 1, sizeof *ids);
			for (size_t i = 0; i < s->fw.nclasses; i++)
				ids[i] = s->fw.classes[i].id;
			const char *near = bs_suggest(cid, ids);
			if (near)
				bs_chk_hint(&c, "did you mean '%s'?", near);
			else
				bs_chk_hint(&c, "classes are defined in "
						"content/framework.json");
			free(ids);
		}
	}
	b->issuer = bs_chk_id(&c, fm, "issuer", 0);
	json_t *issuers = json_object_get(s->site, "issuers");
	if (b->issuer && !json_object_get(issuers, b->issuer)) {
		bs_chk_at_member(&c, fm, "issuer", "unknown issuer '%s'",
				 b->issuer);
		bs_chk_hint(&c, "issuers are defined in site.json");
	}
	if (!b->issuer)
		b->issuer = json_string_value(
		    json_object_get(s->site, "default_issuer"));
	bs_chk_str(&c, fm, "assessment", 0);
	bs_chk_enum(&c, fm, "award_mode", award_modes, 0);
	bs_chk_str(&c, fm, "evidence", 0);
	bs_chk_arr(&c, fm, "learning_outcomes", 0, 1);
	bs_chk_enum(&c, fm, "participation", participations, 0);
	json_t *level = json_object_get(fm, "level");
	if (level && json_is_object(level)) {
		static const char *const lk[] = {"framework", "value", NULL};
		bs_chk_keys(&c, level, lk, "level");
		bs_chk_str(&c, level, "framework", 1);
		json_t *lv = json_object_get(level, "value");
		if (lv && json_is_integer(lv))
			; /* "EQF 5" may be written as a number */
		else
			bs_chk_str(&c, level, "value", 1);
	} else if (level && !(json_is_string(level) &&
			      strcmp(json_string_value(level), "none") == 0)) {
		bs_chk_at_member(&c, fm, "level",
				 "'level' must be { \"framework\", \"value\" } "
				 "or \"none\"");
	}
	bs_chk_str(&c, fm, "category", 0);
	bs_chk_str(&c, fm, "programme", 0);
	bs_chk_enum(&c, fm, "recipient", recipients, 0);
	int flag;
	double x;
	bs_chk_num(&c, fm, "attendance", 0, 100, 0, &x);
	bs_chk_num(&c, fm, "pass_mark", 0, 100, 0, &x);
	bs_chk_bool(&c, fm, "capstone", 0, &flag);
	static const char *const texts[] = {
	    "validity", "prerequisites",	 "quality_assurance",
	    "grade",	"identity_verification", NULL};
	for (const char *const *t = texts; *t; t++)
		bs_chk_str(&c, fm, *t, 0);
	bs_chk_url(&c, fm, "further_information", 0, 0);
	bs_chk_arr(&c, fm, "tags", 0, 1);
	bs_chk_arr(&c, fm, "stacks_into", 0, 1);
	json_t *prev = bs_chk_arr(&c, fm, "previous_ids", 0, 1);
	size_t pi;
	json_t *pv;
	json_array_foreach(prev, pi, pv)
	{
		if (!bs_url_is_id(json_string_value(pv)) ||
		    reserved_id(json_string_value(pv)))
			bs_chk_at_item(&c, prev, pi,
				       "'%s' is not a valid badge id",
				       json_string_value(pv));
	}
	bs_chk_date(&c, fm, "retired_on", 0);
	bs_chk_id(&c, fm, "replaced_by", 0);
	if (b->status != BS_RETIRED && (json_object_get(fm, "retired_on") ||
					json_object_get(fm, "replaced_by")))
		bs_chk_at_member(&c, fm,
				 json_object_get(fm, "retired_on")
				     ? "retired_on"
				     : "replaced_by",
				 "only a retired badge has a retirement date "
				 "or a replacement");
	check_alignment(&c, fm);
	const char *img = bs_chk_str(&c, fm, "image", 0);
	if (img) {
		int kl, kc, vl, vc;
		bs_jpos_member(b->fm.pos, fm, "image", &kl, &kc, &vl, &vc);
		b->image_line = vl;
		b->image_col = vc;
		if (!bs_files_safe(img) || !bs_files_exists(s->root, img)) {
			bs_source tmp;
			bs_files_read(&tmp, s->root, img, &b->src, vl, vc, d);
			bs_source_free(&tmp);
		} else if (!ends_with(img, ".svg") && !ends_with(img, ".png")) {
			/* the suffix decides: "x.png.gif" is no PNG */
			bs_diag_at(d, BS_ERROR, &b->src, vl, vc,
				   "a badge image must be .svg or .png");
		}
	}
	if (b->cls)
		bs_framework_check_badge(&c, b->cls, &s->credits, fm,
					 &b->credits, &b->has_credits);
	if (b->cls && b->cls->eu_mc)
		bs_eumc_check_badge(&c, b->cls, fm);
	b->has_hours = json_is_number(json_object_get(fm, "hours"));
	if (b->has_hours)
		b->hours = json_number_value(json_object_get(fm, "hours"));
	if (b->fm.body_len == 0 ||
	    strspn(b->fm.body, " \t\n") == b->fm.body_len) {
		bs_diag_at(d, BS_ERROR, &b->src, b->fm.body_line, 1,
			   "the criteria narrative (the Markdown body) is "
			   "empty");
		bs_diag_hint(d, "describe what an earner does to earn the "
				"badge, below the front matter");
	}
}

static void resolve_stacks(bs_site *s, bs_diags *d)
{
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_badge *b = &s->badges[i];
		if (b->skip || !b->cls)
			continue;
		json_t *si = json_object_get(b->fm.data, "stacks_into");
		if (!json_is_array(si))
			continue;
		b->stacks_into =
		    bs_xcalloc(json_array_size(si), sizeof *b->stacks_into);
		size_t k;
		json_t *it;
		json_array_foreach(si, k, it)
		{
			const char *id = json_string_value(it);
			bs_badge *t = id ? bs_site_find(s, id) : NULL;
			if (!t || !t->cls ||
			    (t->skip && t->status != BS_DRAFT)) {
				if (t && !t->cls)
					continue; /* its class was reported */
				int l, c;
				bs_jpos_item(b->fm.pos, si, k, &l, &c);
				bs_diag_at(d, BS_ERROR, &b->src, l, c,
					   "stacks into unknown badge '%s'",
					   id ? id : "");
				const char *near =
				    id ? bs_rules_suggest_badge(s, id) : NULL;
				if (near)
					bs_diag_hint(d, "did you mean '%s'?",
						     near);
				else
					bs_diag_hint(
					    d, "badge ids are the file "
					       "names in content/badges/");
				continue;
			}
			if (t->skip) {
				int l, c;
				bs_jpos_item(b->fm.pos, si, k, &l, &c);
				bs_diag_at(d, BS_ERROR, &b->src, l, c,
					   "stacks into '%s', which is a draft",
					   id);
				bs_diag_hint(d,
					     "publish '%s' first, or build "
					     "with --drafts",
					     id);
				continue;
			}
			b->stacks_into[b->nstacks_into++] = t;
			t->stacked_from = bs_xrealloc(
			    t->stacked_from,
			    (t->nstacked_from + 1) * sizeof *t->stacked_from);
			t->stacked_from[t->nstacked_from++] = b;
		}
	}
	bs_rules_resolve(s, d);
	bs_badge **live = bs_xcalloc(s->nbadges, sizeof *live);
	size_t n = 0;
	for (size_t i = 0; i < s->nbadges; i++)
		if (!s->badges[i].skip && s->badges[i].cls)
			live[n++] = &s->badges[i];
	bs_framework_check_stacks(live, n, d);
	free(live);
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_badge *b = &s->badges[i];
		const char *rep = b->skip ? NULL
					  : json_string_value(json_object_get(
						b->fm.data, "replaced_by"));
		bs_badge *t = rep ? bs_site_find(s, rep) : NULL;
		if (rep && (!t || t->skip || t == b)) {
			bs_chk c = {&b->src, b->fm.pos, d, 0};
			if (t == b)
				bs_chk_at_member(
				    &c, b->fm.data, "replaced_by",
				    "a badge cannot replace itself");
			else
				bs_chk_at_member(
				    &c, b->fm.data, "replaced_by",
				    "replaced by unknown badge '%s'", rep);
			const char *near =
			    t ? NULL : bs_rules_suggest_badge(s, rep);
			if (near)
				bs_chk_hint(&c, "did you mean '%s'?", near);
			else
				bs_chk_hint(&c, "name a published badge: the "
						"file names in "
						"content/badges/");
		}
	}
}

static void check_term(bs_site *s, bs_term *t, bs_diags *d)
{
	bs_chk c = {&t->src, t->fm.pos, d, 0};
	json_t *fm = t->fm.data;
	bs_chk_keys(&c, fm, term_keys, "a glossary term");
	bs_chk_str(&c, fm, "term", 1);
	bs_chk_arr(&c, fm, "aliases", 0, 1);
	json_t *see = bs_chk_arr(&c, fm, "see_also", 0, 1);
	size_t i;
	json_t *it;
	json_array_foreach(see, i, it)
	{
		if (!bs_site_term(s, json_string_value(it))) {
			bs_chk_at_item(&c, see, i, "unknown glossary term '%s'",
				       json_string_value(it));
			bs_chk_hint(&c, "terms are the file names in "
					"content/glossary/");
		}
	}
	json_t *defs = bs_chk_arr(&c, fm, "definitions", 1, 0);
	if (defs && json_array_size(defs) == 0)
		bs_chk_at_member(&c, fm, "definitions",
				 "a term needs at least one definition");
	json_array_foreach(defs, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(&c, defs, i,
				       "a definition must be an object");
			continue;
		}
		bs_chk_keys(&c, it, def_keys, "a definition");
		const char *text = bs_chk_str(&c, it, "text", 0);
		const char *sec = bs_chk_str(&c, it, "section", 0);
		if (!text && !sec && !json_object_get(it, "text"))
			bs_chk_at_item(&c, defs, i,
				       "a definition needs \"text\" or "
				       "\"section\"");
		if (sec) {
			/* the section must be a "## sec" heading of the body */
			char *h = bs_xasprintf("## %s\n", sec);
			const char *body = t->fm.body;
			int found = 0;
			for (const char *p = body; p && *p;) {
				if (strncmp(p, h, strlen(h)) == 0 ||
				    (strncmp(p, h, strlen(h) - 1) == 0 &&
				     !p[strlen(h) - 1]))
					found = 1;
				p = strchr(p, '\n');
				if (p)
					p++;
			}
			if (!found)
				bs_chk_at_member(&c, it, "section",
						 "no section '## %s' in the "
						 "body",
						 sec);
			free(h);
		}
		bs_chk_str(&c, it, "source", 1);
		long year;
		bs_chk_int(&c, it, "year", 1000, 9999, 0, &year);
		bs_chk_url(&c, it, "url", 0, 0);
		bs_chk_enum(&c, it, "form", forms, 0);
	}
}

/* featured: the badges the home page shows, by id, in its order. */
static void check_featured(bs_site *s, bs_page *p, bs_chk *c)
{
	json_t *f = bs_chk_arr(c, p->fm.data, "featured", 0, 1);
	if (!f)
		return;
	if (p->url[0]) {
		bs_chk_at_key(c, p->fm.data, "featured",
			      "only the home page chooses featured badges");
		bs_chk_hint(c, "move \"featured\" to content/_index.md");
		return;
	}
	const char **ids = bs_xcalloc(s->nbadges + 1, sizeof *ids);
	for (size_t i = 0; i < s->nbadges; i++)
		ids[i] = s->badges[i].id;
	size_t i;
	json_t *it;
	json_array_foreach(f, i, it)
	{
		const char *id = json_string_value(it);
		if (bs_site_find(s, id))
			continue;
		bs_chk_at_item(c, f, i, "no badge '%s' to feature", id);
		const char *near = bs_suggest(id, ids);
		if (near)
			bs_chk_hint(c, "did you mean '%s'?", near);
		else
			bs_chk_hint(c, "name a badge of content/badges/ by "
				       "its file name");
	}
	free(ids);
}

static void check_page(bs_site *s, bs_page *p, bs_diags *d)
{
	bs_chk c = {&p->src, p->fm.pos, d, 0};
	json_t *fm = p->fm.data;
	bs_chk_keys(&c, fm, page_keys, "a page");
	bs_chk_str(&c, fm, "title", 1);
	bs_chk_str(&c, fm, "description", 0);
	long w;
	bs_chk_int(&c, fm, "weight", -1000, 1000, 0, &w);
	const char *st = bs_chk_enum(&c, fm, "status", page_statuses, 0);
	if (st && strcmp(st, "draft") == 0 && !s->drafts)
		p->skip = 1;
	check_featured(s, p, &c);
}

/* Item i: a badge's, a term's, then a page's Markdown body, checked in
 * one parse that also keeps its links for the link check, and for a page
 * its HTML, which the render then uses instead of parsing it again. */
static void text_job(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	bs_site *s = ctx;
	bs_frontmatter *fm;
	bs_source *src;
	bs_md_found *links;
	int page = 0;
	if (i < s->nbadges) {
		bs_badge *b = &s->badges[i];
		fm = &b->fm, src = &b->src, links = &b->links;
	} else if ((i -= s->nbadges) < s->nterms) {
		bs_term *t = &s->terms[i];
		fm = &t->fm, src = &t->src, links = &t->links;
	} else {
		bs_page *p = &s->pages[i - s->nterms];
		fm = &p->fm, src = &p->src, links = &p->links, page = 1;
	}
	if (fm->data)
		(page ? bs_md_check_keep : bs_md_check)(
		    fm->body, fm->body_len, src, fm->body_line, links, d);
}

static void check_refs(bs_site *s, bs_diags *d)
{
	bs_chk c = {&s->fw.src, s->fw.pos, d, 0};
	json_t *lev = json_object_get(s->fw.json, "formality");
	size_t i;
	json_t *it;
	json_array_foreach(lev, i, it)
	{
		const char *g =
		    json_string_value(json_object_get(it, "glossary"));
		if (g && !bs_site_term(s, g)) {
			bs_chk_at_member(&c, it, "glossary",
					 "unknown glossary term '%s'", g);
			bs_chk_hint(&c, "add content/glossary/%s.md", g);
		}
	}
}

/* The frozen fields of the badge's current version, its hash and its
 * place: the first published version keeps badges/<id>/ for ever, later
 * ones live at badges/<id>/v<N>/. A changed version already in the
 * ledger is an error that names what changed. */
static void check_version(bs_site *s, bs_badge *b, bs_diags *d)
{
	const json_t *fm = b->fm.data;
	json_t *f = bs_badge_frozen(b);
	b->hash = bs_ledger_hash(f);
	int first = b->nsnaps ? b->snaps[0] : b->version;
	if (b->version < first)
		first = b->version;
	b->dir = b->version == first
		     ? bs_xasprintf("badges/%s/", b->id)
		     : bs_xasprintf("badges/%s/v%d/", b->id, b->version);
	int newest = b->nsnaps ? b->snaps[b->nsnaps - 1] : 0;
	int kl, kc, vl, vc;
	bs_jpos_member(b->fm.pos, fm, "version", &kl, &kc, &vl, &vc);
	if (b->version < newest) {
		bs_diag_at(d, BS_ERROR, &b->src, vl ? vl : 1, vc ? vc : 1,
			   "version %d is older than version %d, which is "
			   "already published",
			   b->version, newest);
		bs_diag_hint(d, "set \"version\": %d or higher", newest + 1);
		json_decref(f);
		return;
	}
	char *lp = bs_xasprintf("/%s", b->dir);
	const bs_ledger_entry *e = bs_ledger_find(&s->ledger, lp);
	free(lp);
	if (!e || !e->hash || bs_ledger_hash_matches(e->hash, f)) {
		json_decref(f);
		return;
	}
	json_t *old = bs_snapshot_frozen(s->root, b->id, b->version);
	char *what = old ? bs_ledger_diff(old, f) : NULL;
	bs_diag_at(d, BS_ERROR, &b->src, vl ? vl : 1, vc ? vc : 1,
		   "version %d of '%s' is already published, and its %s "
		   "changed",
		   b->version, b->id, what ? what : "frozen fields");
	bs_diag_hint(d,
		     "raise \"version\" to %d: version %d stays "
		     "published at /%s, unchanged",
		     b->version + 1, b->version, b->dir);
	free(what);
	json_decref(old);
	json_decref(f);
}

json_t *bs_badge_frozen(const bs_badge *b)
{
	return bs_ledger_frozen(b->fm.data, b->fm.body, b->issuer);
}

static void version_job(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	bs_site *s = ctx;
	if (!s->badges[i].skip && s->badges[i].cls)
		check_version(s, &s->badges[i], d);
}

int bs_site_validate(bs_site *s, const bs_options *opt, bs_diags *d)
{
	size_t before = bs_diags_count(d, BS_ERROR);
	if (s->site)
		check_site(s, opt, d);
	for (size_t i = 0; i < s->nbadges; i++)
		if (s->badges[i].fm.data)
			check_badge(s, &s->badges[i], d);
		else
			s->badges[i].skip = 1;
	for (size_t i = 0; i < s->nterms; i++)
		if (s->terms[i].fm.data)
			check_term(s, &s->terms[i], d);
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i].fm.data)
			check_page(s, &s->pages[i], d);
	if (s->fw.json)
		check_refs(s, d);
	resolve_stacks(s, d);
	bs_langs_check(s, d);
	if (s->site)
		bs_eumc_check_issuers(s, d);
	bs_par_for(s->nbadges, s->jobs, BS_PAR_GRAIN, version_job, s, d);
	bs_par_for(s->nbadges + s->nterms + s->npages, s->jobs, BS_PAR_GRAIN,
		   text_job, s, d);
	bs_awards_load(&s->awards, s, opt, d);
	/* nothing after validation reports at a place in front matter:
	 * the tables of positions go (a badge keeps its image's) */
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_jpos_free(s->badges[i].fm.pos);
		s->badges[i].fm.pos = NULL;
	}
	for (size_t i = 0; i < s->nterms; i++) {
		bs_jpos_free(s->terms[i].fm.pos);
		s->terms[i].fm.pos = NULL;
	}
	for (size_t i = 0; i < s->npages; i++) {
		bs_jpos_free(s->pages[i].fm.pos);
		s->pages[i].fm.pos = NULL;
	}
	if (bs_diags_count(d, BS_ERROR) > before || !s->site || !s->fw.json ||
	    !s->base_url || !s->tpls || !s->vlang)
		return BS_ECONTENT;
	return BS_OK;
}

const bs_class *bs_site_class(const bs_site *s, const char *id)
{
	return bs_framework_class(&s->fw, id);
}

/* bsearch's comparisons: an id against an entry of an index */
static int cmp_id_badge(const void *id, const void *e)
{
	return strcmp(id, (*(bs_badge *const *)e)->id);
}

static int cmp_id_term(const void *id, const void *e)
{
	return strcmp(id, (*(bs_term *const *)e)->id);
}

bs_badge *bs_site_find(const bs_site *s, const char *id)
{
	if (!id || !s->nbadges)
		return NULL;
	bs_badge **b = bsearch(id, s->badge_ids, s->nbadges,
			       sizeof *s->badge_ids, cmp_id_badge);
	return b ? *b : NULL;
}

const bs_badge *bs_site_badge(const bs_site *s, const char *id)
{
	const bs_badge *b = bs_site_find(s, id);
	return b && !b->skip ? b : NULL;
}

const bs_term *bs_site_term(const bs_site *s, const char *id)
{
	if (!id || !s->nterms)
		return NULL;
	bs_term **t = bsearch(id, s->term_ids, s->nterms, sizeof *s->term_ids,
			      cmp_id_term);
	return t ? *t : NULL;
}
