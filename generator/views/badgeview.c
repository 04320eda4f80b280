/* badgeview.c: a badge's view, its flat facts and its key, in each
 * language: the criteria page's values, its share links, its history and
 * EU micro-credential elements, and its narrative in words. */
#include "views/badgeview.h"

#include "base/alloc.h"
#include "base/url.h"
#include "model/fwlang.h"
#include "model/labels.h"
#include "model/langs.h"
#include "model/ledger.h"
#include "pages/markdown.h"
#include "views/ruleview.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>

static void set_num(json_t *o, const char *k, double v)
{
	if (v == (double)(json_int_t)v)
		json_object_set_new(o, k, json_integer((json_int_t)v));
	else
		json_object_set_new(o, k, json_real(v));
}

/* f[key] = v, the string of s->shared when it has one (the facts of
 * every badge are held at once by the lint, the views of every badge by
 * a page that lists them all). */
static void set_shared(json_t *f, const char *key, const bs_site *s,
		       const char *v)
{
	json_t *j = v ? json_object_get(s->shared, v) : NULL;
	if (j)
		json_object_set_nocheck(f, key, j);
	else
		bs_view_set_str(f, key, v);
}

/* f[key] = fm[key] when that is a string: the same value, shared. */
static void share_str(json_t *f, const json_t *fm, const char *key)
{
	json_t *v = json_object_get(fm, key);
	if (json_is_string(v))
		json_object_set_nocheck(f, key, v);
}

static void add_fact(const bs_site *s, json_t *facts, const char *label,
		     const char *value)
{
	if (!value)
		return;
	json_t *f = json_object();
	set_shared(f, "label", s, label);
	set_shared(f, "value", s, value);
	json_array_append_new(facts, f);
}

static char *num_text(double v, const char *unit)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_number(&b, v);
	if (unit)
		bs_buf_printf(&b, "%s", unit);
	return bs_buf_detach(&b);
}

static json_t *badge_ref(const bs_site *s, const bs_badge *b, int li)
{
	json_t *o = json_object();
	bs_view_set_str(o, "id", b->id);
	bs_view_set_str(o, "name", bs_view_str(bs_view_data(b, li), "name"));
	bs_view_set_str(o, "url", b->dir ? b->dir : "");
	bs_view_set_own(
	    o, "abs",
	    bs_xasprintf("%s%s", s->langs[li].base, b->dir ? b->dir : ""));
	return o;
}

void bs_badgeview_editions(json_t *v, const bs_site *s, const bs_badge *b,
			   int li)
{
	if (s->nlangs < 2)
		return;
	json_t *a = json_array();
	for (size_t k = 0; k < s->nlangs; k++) {
		if (k == (size_t)li)
			continue;
		json_t *o = json_object();
		bs_view_set_str(o, "language", s->langs[k].code);
		bs_view_set_own(
		    o, "json_abs",
		    bs_xasprintf("%s%sbadge.json", s->langs[k].base, b->dir));
		bs_view_set_own(o, "achievement_abs",
				bs_xasprintf("%s%sachievement.json",
					     s->langs[k].base, b->dir));
		json_array_append_new(a, o);
	}
	json_object_set_new(v, "editions", a);
}

/* history[]: every published version, oldest first, with what changed
 * from one to the next. */
static void build_history(const bs_site *s, const bs_badge *b, json_t *v)
{
	if (!b->nsnaps || (b->nsnaps == 1 && b->snaps[0] == b->version))
		return;
	json_t *h = json_array();
	json_t *prev = NULL;
	for (size_t i = 0; i <= b->nsnaps; i++) {
		int ver = i < b->nsnaps ? b->snaps[i] : b->version;
		if (i < b->nsnaps && ver == b->version)
			continue;
		json_t *fr = i < b->nsnaps
				 ? bs_snapshot_frozen(s->root, b->id, ver)
				 : bs_badge_frozen(b);
		json_t *o = json_object();
		json_object_set_new(o, "version", json_integer(ver));
		bs_view_set_own(
		    o, "url",
		    i == 0 ? bs_xasprintf("badges/%s/", b->id)
			   : bs_xasprintf("badges/%s/v%d/", b->id, ver));
		bs_view_set_own(o, "json_abs",
				bs_xasprintf("%s%sbadge.json", s->base_url,
					     bs_view_str(o, "url")));
		json_object_set_new(o, "current",
				    json_boolean(ver == b->version));
		if (ver == b->version ||
		    bs_snapshot_has(s->root, b->id, ver, "achievement.json"))
			bs_view_set_own(o, "achievement_abs",
					bs_xasprintf("%s%sachievement.json",
						     s->base_url,
						     bs_view_str(o, "url")));
		char *what = prev && fr ? bs_ledger_diff(prev, fr) : NULL;
		if (what)
			bs_view_set_own(o, "changes", what);
		json_array_append_new(h, o);
		json_decref(prev);
		prev = fr;
	}
	json_decref(prev);
	json_object_set_new(v, "history", h);
	json_object_set_new(v, "has_history", json_true());
}

static const char *level_text(const json_t *level, char **own)
{
	*own = NULL;
	if (json_is_string(level))
		return json_string_value(level);
	if (!json_is_object(level))
		return NULL;
	json_t *v = json_object_get(level, "value");
	bs_buf b = BS_BUF_INIT;
	bs_buf_printf(&b, "%s ", bs_view_str(level, "framework"));
	if (json_is_string(v))
		bs_buf_puts(&b, json_string_value(v));
	else
		bs_buf_number(&b, json_number_value(v));
	*own = bs_buf_detach(&b);
	return *own;
}

/* eu_mc: the mandatory elements of an EU micro-credential, for the
 * criteria page's block (validate made sure each one is there). The
 * learner and the date of issue are on each award, not here. */
static void build_eu_mc(const bs_site *s, const bs_badge *b, int li, json_t *v)
{
	const json_t *fm = bs_view_data(b, li);
	const json_t *issuer = json_object_get(s->issuers, b->issuer);
	json_t *e = json_object();
	bs_view_set_str(e, "title", bs_view_str(fm, "name"));
	bs_view_set_str(e, "awarding_body", bs_view_str(issuer, "name"));
	bs_view_set_str(e, "awarding_body_url", bs_view_str(issuer, "url"));
	bs_view_set_str(e, "country", bs_view_str(issuer, "country"));
	json_t *lo = json_object_get(fm, "learning_outcomes");
	if (json_array_size(lo))
		json_object_set(e, "learning_outcomes", lo);
	bs_buf w = BS_BUF_INIT;
	if (b->has_hours) {
		bs_labels_count(&w, bs_fwlang_labels(s, li), "learning_hour",
				b->hours, NULL);
		set_num(e, "hours", b->hours);
	}
	if (b->has_credits) {
		if (b->credits > 0) {
			bs_buf_puts(&w, " (");
			bs_labels_count(&w, bs_fwlang_labels(s, li), "credit",
					b->credits, s->credits.name);
			bs_buf_puts(&w, ")");
		}
		set_num(e, "credits", b->credits);
		bs_view_set_str(e, "credit_system", s->credits.name);
	}
	json_object_set_new(e, "ects", json_boolean(s->credits.ects));
	bs_view_set_own(e, "workload", bs_buf_detach(&w));
	char *lv_own;
	const char *lv = level_text(json_object_get(fm, "level"), &lv_own);
	if (lv && json_is_string(json_object_get(fm, "level"))) {
		json_object_set_new(e, "level_none", json_true());
		bs_view_set_str(e, "level_none_label",
				bs_view_word(s, li, "level", "none"));
	} else {
		bs_view_set_str(e, "level", lv);
	}
	free(lv_own);
	bs_view_set_str(
	    e, "assessment",
	    bs_view_word(s, li, "assessment", bs_view_str(fm, "assessment")));
	bs_view_set_str(e, "participation",
			bs_view_word(s, li, "participation",
				     bs_view_str(fm, "participation")));
	bs_view_set_str(e, "quality_assurance",
			bs_view_str(fm, "quality_assurance"));
	json_object_set_new(v, "eu_mc", e);
	/* what the BadgeClass adds for it (openbadges/ ext_fields) */
	json_object_set_new(v, "eu_microcredential", json_true());
	bs_view_set_str(v, "awarding_body_country",
			bs_view_str(issuer, "country"));
}

/* tpl with each "{badge}", "{issuer}", "{class}" and "{formality}" in it
 * replaced by the value of that name (NULL: left out). Caller frees. */
static char *fill(const char *tpl, const char *badge, const char *issuer,
		  const char *cls, const char *formality)
{
	static const char *const names[] = {"{badge}", "{issuer}", "{class}",
					    "{formality}"};
	const char *vals[] = {badge, issuer, cls, formality};
	bs_buf b = BS_BUF_INIT;
	for (const char *p = tpl; *p;) {
		size_t k = 0;
		while (k < 4 && strncmp(p, names[k], strlen(names[k])) != 0)
			k++;
		if (k < 4) {
			if (vals[k])
				bs_buf_puts(&b, vals[k]);
			p += strlen(names[k]);
		} else {
			bs_buf_putc(&b, *p++);
		}
	}
	return bs_buf_detach(&b);
}

/* share{}: links that add the badge to a LinkedIn profile or post about
 * it, no script of theirs on our pages. The date of issue and the
 * credential id belong to an award, so the earner's own award page
 * fills them in. Every parameter is percent-encoded. */
static void build_share(const bs_site *s, const bs_badge *b, json_t *v, int li)
{
	const char *name = bs_view_str(bs_view_data(b, li), "name");
	const json_t *iss = json_object_get(s->issuers, b->issuer);
	const char *url = bs_view_str(v, "canonical");
	char *text = fill(bs_view_string(s, li, "share_text",
					 "I have earned the {badge} badge "
					 "from {issuer}."),
			  name, bs_view_str(iss, "name"), NULL, NULL);
	json_t *sh = json_object();
	bs_buf u = BS_BUF_INIT;
	bs_view_linkedin_add(&u, name, iss);
	bs_buf_puts(&u, "&certUrl=");
	bs_url_encode(&u, url);
	bs_view_set_own(sh, "linkedin_add", bs_buf_detach(&u));
	char *subject =
	    fill(bs_view_string(s, li, "share_subject", "The {badge} badge"),
		 name, NULL, NULL, NULL);
	char *body = bs_xasprintf(
	    "%s\r\n\r\n%s %s\r\n", text,
	    bs_view_string(s, li, "share_body",
			   "What it recognises and how it is earned:"),
	    url);
	bs_view_share_posts(sh, url, text, subject, body);
	bs_view_set_own(sh, "text", text);
	/* the snippets are HTML of their own: each value escaped in them,
	 * and the template escapes them again to show them */
	const char *png = bs_view_str(v, "png_abs");
	static const struct {
		const char *key, *size, *alt;
	} snip[] = {{"signature", "120", "name"},
		    {"embed", "200", "image_alt"}};
	for (size_t i = 0; i < sizeof snip / sizeof *snip; i++) {
		const char *alt = bs_view_str(v, snip[i].alt);
		bs_buf_puts(&u, "<a href=\"");
		bs_buf_html(&u, url, strlen(url));
		bs_buf_puts(&u, "\"><img src=\"");
		bs_buf_html(&u, png, strlen(png));
		bs_buf_printf(&u, "\" width=\"%s\" height=\"%s\" alt=\"",
			      snip[i].size, snip[i].size);
		bs_buf_html(&u, alt, strlen(alt));
		bs_buf_puts(&u, "\"></a>");
		bs_view_set_own(sh, snip[i].key, bs_buf_detach(&u));
	}
	free(subject);
	free(body);
	json_object_set_new(v, "share", sh);
}

static const char *const statuses[] = {"draft", "published", "retired"};

/* The view of b's edition li (0: the default language). An edition that
 * shows the default's images (b->ed[li].own_images 0, set by
 * bs_badgeview_build) links to them. */
static json_t *make_view(const bs_site *s, const bs_badge *b, int li)
{
	const json_t *fm = bs_view_data(b, li);
	const char *base = s->langs[li].base;
	/* the words of the facts, in the edition's language */
#define W(key, dflt) bs_view_string(s, li, key, dflt)
	const bs_class *k = b->cls;
	const char *formality_name =
	    bs_fwlang_formality_name(s, li, k->formality);
	const char *class_name = bs_fwlang_class_name(s, li, k);
	json_t *v = json_object();
	bs_view_set_str(v, "id", b->id);
	share_str(v, fm, "name");
	share_str(v, fm, "description");
	json_object_set_new(v, "version", json_integer(b->version));
	bs_view_set_str(v, "status", statuses[b->status]);
	json_object_set_new(v, "retired",
			    json_boolean(b->status == BS_RETIRED));
	json_object_set_new(v, "draft", json_boolean(b->status == BS_DRAFT));
	bs_view_set_str(v, "url", b->dir);
	bs_view_set_own(v, "canonical", bs_xasprintf("%s%s", base, b->dir));
	bs_view_set_own(v, "json_url", bs_xasprintf("%sbadge.json", b->dir));
	bs_view_set_own(v, "svg_url", bs_xasprintf("%sbadge.svg", b->dir));
	bs_view_set_own(v, "png_url", bs_xasprintf("%sbadge.png", b->dir));
	bs_view_set_own(v, "json_abs",
			bs_xasprintf("%s%sbadge.json", base, b->dir));
	bs_view_set_own(v, "png_abs",
			bs_xasprintf("%s%sbadge.png", base, b->dir));
	bs_view_set_own(v, "qr_url", bs_xasprintf("badges/%s/qr.svg", b->id));
	bs_view_set_own(v, "card_abs",
			bs_xasprintf("%sbadges/%s/card.png", base, b->id));
	bs_view_set_own(v, "poster_url",
			bs_xasprintf("badges/%s/poster/", b->id));
	bs_view_set_own(v, "achievement_url",
			bs_xasprintf("%sachievement.json", b->dir));
	bs_view_set_own(v, "achievement_abs",
			bs_xasprintf("%s%sachievement.json", base, b->dir));
	if (!li) /* older versions are kept in the default language */
		build_history(s, b, v);
	if (b->status == BS_RETIRED) {
		share_str(v, fm, "retired_on");
		const char *rep = bs_view_str(fm, "replaced_by");
		const bs_badge *r = rep ? bs_site_badge(s, rep) : NULL;
		if (r && r->dir)
			json_object_set_new(v, "replaced_by",
					    badge_ref(s, r, li));
	}
	bs_buf alt = BS_BUF_INIT;
	char *said =
	    fill(bs_view_string(s, li, "image_alt",
				"{badge} badge: {class}, {formality}"),
		 bs_view_str(fm, "name"), NULL, class_name, formality_name);
	bs_buf_puts(&alt, said);
	free(said);
	if (b->has_hours) {
		bs_buf_puts(&alt, ", ");
		bs_labels_count(&alt, bs_fwlang_labels(s, li), "learning_hour",
				b->hours, NULL);
	}
	bs_view_set_own(v, "image_alt", bs_buf_detach(&alt));
	build_share(s, b, v, li);

	json_t *cls = json_object();
	set_shared(cls, "id", s, k->id);
	set_shared(cls, "name", s, class_name);
	set_shared(cls, "formality", s, k->formality);
	set_shared(cls, "formality_name", s, formality_name);
	set_shared(cls, "achievement_type", s, k->achievement_type);
	json_object_set_new(v, "class", cls);
	json_object_set(v, "issuer", json_object_get(s->issuers, b->issuer));

	/* narrative_html and narrative_md are added by the render stage,
	 * in parallel, to a copy of this view: see bs_badgeview_narrative */

	json_t *facts = json_array();
	add_fact(s, facts, W("fact_class", "Class"), class_name);
	add_fact(s, facts, W("fact_formality", "Formality"), formality_name);
	if (b->has_hours) {
		set_num(v, "hours", b->hours);
		char *h = num_text(b->hours, NULL);
		add_fact(s, facts, W("fact_learning_hours", "Learning hours"),
			 h);
		free(h);
		bs_view_set_own(v, "hours_text",
				bs_view_count(s, li, "hour", b->hours));
		bs_view_set_own(
		    v, "learning_hours_text",
		    bs_view_count(s, li, "learning_hour", b->hours));
	}
	if (b->has_credits) {
		set_num(v, "credits", b->credits);
		bs_view_set_str(v, "credit_system", s->credits.name);
		if (b->credits > 0) { /* no "0 credits" */
			char *t = bs_view_count(s, li, "credit", b->credits);
			add_fact(s, facts, W("fact_credits", "Credits"), t);
			bs_view_set_own(v, "credits_text", t);
		}
	}
	static const struct {
		const char *key, *label, *skey;
	} texts[] = {{"assessment", "Assessment", "fact_assessment"},
		     {"award_mode", "How it is awarded", "fact_award_mode"},
		     {"participation", "Participation", "fact_participation"},
		     {"recipient", "Awarded to", "fact_recipient"},
		     {"category", "Category", "fact_category"},
		     {"programme", "Programme", "fact_programme"},
		     {"prerequisites", "Prerequisites", "fact_prerequisites"},
		     {"evidence", "Evidence", "fact_evidence"},
		     {"grade", "Grading", "fact_grade"},
		     {"identity_verification", "Identity verification",
		      "fact_identity_verification"},
		     {"quality_assurance", "Quality assurance",
		      "fact_quality_assurance"},
		     {"validity", "Validity", "fact_validity"}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *t = bs_view_str(fm, texts[i].key);
		share_str(v, fm, texts[i].key);
		/* a code of the framework's vocabulary in words */
		const char *w = bs_view_word(s, li, texts[i].key, t);
		if (t &&
		    json_object_get(bs_fwlang_labels(s, li), texts[i].key)) {
			char *lk = bs_xasprintf("%s_label", texts[i].key);
			bs_view_set_str(v, lk, w);
			free(lk);
		}
		if (strcmp(texts[i].key, "evidence") != 0)
			add_fact(s, facts, W(texts[i].skey, texts[i].label), w);
	}
	char *lv_own;
	const char *lv = level_text(json_object_get(fm, "level"), &lv_own);
	if (lv) {
		json_t *level = json_object_get(fm, "level");
		if (json_is_object(level)) {
			add_fact(s, facts, W("fact_level", "Level"), lv);
			json_object_set(v, "level", level);
		} else {
			add_fact(s, facts, W("fact_level", "Level"),
				 bs_view_word(s, li, "level", lv));
			json_object_set_new(v, "level_none", json_true());
		}
	}
	free(lv_own);
	double x;
	json_t *n;
	if ((n = json_object_get(fm, "attendance"))) {
		x = json_number_value(n);
		set_num(v, "attendance", x);
		char *t = num_text(x, "%");
		add_fact(s, facts,
			 W("fact_attendance_required", "Attendance required"),
			 t);
		free(t);
	}
	if ((n = json_object_get(fm, "pass_mark"))) {
		x = json_number_value(n);
		set_num(v, "pass_mark", x);
		char *t = num_text(x, "%");
		add_fact(s, facts, W("fact_pass_mark", "Pass mark"), t);
		free(t);
	}
	if (json_is_true(json_object_get(fm, "capstone"))) {
		json_object_set_new(v, "capstone", json_true());
		add_fact(s, facts, W("fact_capstone", "Capstone"),
			 W("yes", "Yes"));
	}
	char *ver = bs_xasprintf("%d", b->version);
	add_fact(s, facts, W("fact_version", "Version"), ver);
	free(ver);
	json_object_set_new(v, "facts", facts);
	share_str(v, fm, "further_information");
	static const char *const lists[] = {"learning_outcomes", "tags",
					    "alignment"};
	for (size_t i = 0; i < 3; i++) {
		json_t *l = json_object_get(fm, lists[i]);
		if (l && json_array_size(l))
			json_object_set(v, lists[i], l);
	}
	json_t *si = json_array(), *sf = json_array();
	for (size_t i = 0; i < b->nstacks_into; i++)
		json_array_append_new(si, badge_ref(s, b->stacks_into[i], li));
	for (size_t i = 0; i < b->nstacked_from; i++)
		json_array_append_new(sf, badge_ref(s, b->stacked_from[i], li));
	json_object_set_new(v, "stacks_into", si);
	json_object_set_new(v, "stacked_from", sf);
	json_t *comp = bs_ruleview_completion(s, b, li);
	if (comp)
		json_object_set_new(v, "completion", comp);
	json_t *req = bs_ruleview_refs(s, b->requires, b->nrequires, li);
	json_t *rfor =
	    bs_ruleview_refs(s, b->required_for, b->nrequired_for, li);
	if (req)
		json_object_set_new(v, "requires", req);
	if (rfor)
		json_object_set_new(v, "required_for", rfor);
	if (req || rfor)
		json_object_set_new(v, "has_requirements", json_true());
	if (k->eu_mc)
		build_eu_mc(s, b, li, v);
	if (li) {
		/* what leads out of the edition: the issuer's JSON */
		json_t *iss = json_copy(json_object_get(s->issuers, b->issuer));
		static const char *const out_urls[] = {"json_url", "ob3_url"};
		for (size_t i = 0; i < 2; i++)
			bs_view_set_own(
			    iss, out_urls[i],
			    bs_xasprintf("../%s",
					 bs_view_str(iss, out_urls[i])));
		json_object_set_new(v, "issuer", iss);
		bs_view_set_str(v, "language", s->langs[li].code);
	}
#undef W
	if (!li || b->ed[li].own_images)
		return v;
	static const char *const imgs[] = {"svg_url", "png_url"};
	for (size_t i = 0; i < 2; i++)
		bs_view_set_own(v, imgs[i],
				bs_xasprintf("../%s", bs_view_str(v, imgs[i])));
	bs_view_set_own(v, "png_abs",
			bs_xasprintf("%s%sbadge.png", s->base_url, b->dir));
	bs_view_set_own(
	    v, "card_abs",
	    bs_xasprintf("%sbadges/%s/card.png", s->base_url, b->id));
	build_share(s, b, v, li);
	return v;
}

/* The flat facts of b's edition li, which the visual-language channels
 * read. */
static json_t *make_facts(const bs_site *s, const bs_badge *b, int li)
{
	const json_t *fm = bs_view_data(b, li);
	const bs_class *k = b->cls;
	const char *class_name = bs_fwlang_class_name(s, li, k);

	/* the flat facts the visual-language channels read */
	json_t *f = json_object();
	bs_view_set_str(f, "id", b->id);
	share_str(f, fm, "name");
	share_str(f, fm, "short_name");
	/* a designer's own picture is published instead of the drawing */
	share_str(f, fm, "image");
	set_shared(f, "class", s, k->id);
	set_shared(f, "class_name", s, class_name);
	set_shared(f, "formality", s, k->formality);
	set_shared(f, "achievement_type", s, k->achievement_type);
	if (b->has_hours)
		set_num(f, "hours", b->hours);
	if (b->has_credits)
		set_num(f, "credits", b->credits);
	static const char *const flat[] = {"assessment",    "award_mode",
					   "category",	    "programme",
					   "participation", "recipient"};
	for (size_t i = 0; i < sizeof flat / sizeof *flat; i++)
		share_str(f, fm, flat[i]);
	char *lv_own;
	bs_view_set_str(f, "level",
			level_text(json_object_get(fm, "level"), &lv_own));
	free(lv_own);
	set_shared(f, "status", s, statuses[b->status]);
	set_shared(f, "issuer", s, b->issuer);
	json_object_set_new(f, "version", json_integer(b->version));
	/* the edition's language, for a spec that draws each in its own
	 * way */
	set_shared(f, "language", s, s->langs[li].code);
	return f;
}

json_t *bs_badgeview_get(const bs_site *s, const bs_badge *b, int li)
{
	return make_view(s, b, li);
}

json_t *bs_badgeview_facts(const bs_site *s, const bs_badge *b, int li)
{
	return make_facts(s, b, li);
}

json_t *bs_badgeview_narrative(const bs_site *s, const bs_badge *b, int li,
			       int html)
{
	json_t *v = make_view(s, b, li);
	const char *body;
	size_t body_len;
	bs_langs_body(&body, &body_len, li ? &b->ed[li] : NULL, &b->fm);
	bs_buf out = BS_BUF_INIT;
	if (html) {
		bs_buf root = BS_BUF_INIT;
		bs_url_root(&root, b->dir);
		bs_md_links l = {root.ptr, NULL};
		bs_md_html(&out, body, body_len, &l, 3);
		bs_buf_free(&root);
		bs_view_set_own(v, "narrative_html", bs_buf_detach(&out));
	} else {
		bs_md_links abs = {NULL, s->langs[li].base};
		bs_md_plain(&out, body, body_len, &abs);
		bs_ruleview_markdown(&out, s, b);
		bs_view_set_own(v, "narrative_md", bs_buf_detach(&out));
	}
	return v;
}

static void add_shared(json_t *o, const char *v)
{
	if (v && !json_object_get(o, v))
		json_object_set_new_nocheck(o, v,
					    json_stringn_nocheck(v, strlen(v)));
}

void bs_badgeview_shared(bs_site *s)
{
	json_t *o = json_object();
	for (size_t i = 0; i < s->fw.nclasses; i++) {
		const bs_class *k = &s->fw.classes[i];
		add_shared(o, k->id);
		add_shared(o, k->formality);
		add_shared(o, k->achievement_type);
		for (size_t li = 0; li < s->nlangs; li++) {
			add_shared(o, bs_fwlang_class_name(s, (int)li, k));
			add_shared(o, bs_fwlang_formality_name(s, (int)li,
							       k->formality));
		}
	}
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		add_shared(o, statuses[i]);
	const char *id;
	json_t *it;
	json_object_foreach(json_object_get(s->site, "issuers"), id, it)
	    add_shared(o, id);
	for (size_t li = 0; li < s->nlangs; li++) {
		add_shared(o, s->langs[li].code);
		/* the labels of a view's facts and the words of the
		 * framework's codes */
		json_t *w;
		json_object_foreach(s->langs[li].strings, id, w)
		    add_shared(o, json_string_value(w));
		json_t *group;
		json_object_foreach((json_t *)bs_fwlang_labels(s, (int)li), id,
				    group)
		{
			const char *code;
			json_object_foreach(group, code, w)
			    add_shared(o, json_string_value(w));
		}
	}
	s->shared = o;
}

void bs_badgeview_build(bs_site *s, bs_badge *b)
{
	for (size_t li = 0; li < s->nlangs; li++) {
		json_t *f = make_facts(s, b, (int)li);
		if (li) {
			/* an edition whose facts are the default's (but for
			 * the language) shows the default's images rather
			 * than drawing the same again */
			json_t *mine = json_copy(f),
			       *dflt = json_copy(b->facts);
			json_object_del(mine, "language");
			json_object_del(dflt, "language");
			b->ed[li].own_images = !json_equal(mine, dflt);
			json_decref(mine);
			json_decref(dflt);
			b->ed[li].facts = f;
		} else {
			b->facts = f;
		}
		/* the key of what the badge's outputs are made from; the
		 * view itself is made again by each output that reads it */
		json_t *v = make_view(s, b, (int)li);
		bs_key *k = li ? &b->ed[li].key : &b->key;
		bs_key_init(k);
		bs_key_add_json(k, v);
		bs_key_add_json(k, f);
		bs_key *dk = li ? &b->ed[li].drawn : &b->drawn;
		bs_key_init(dk);
		bs_key_add_json(dk, f);
		bs_key_add_str(dk, bs_view_str(v, "name"));
		bs_key_add_str(dk, bs_view_str(v, "description"));
		bs_key_add_str(dk, bs_view_str(v, "json_abs"));
		bs_key_add_str(
		    dk, bs_view_str(json_object_get(v, "issuer"), "name"));
		json_decref(v);
		bs_key_add(k, b->src.text, b->src.len);
		bs_key_add_str(k, b->dir);
		if (li && b->ed[li].tr)
			bs_key_add(k, b->ed[li].tr->src.text,
				   b->ed[li].tr->src.len);
	}
}

json_t *bs_badgeview_listed(const bs_site *s, const bs_badge *b, int li)
{
	size_t i = (size_t)(b - s->badges) * s->nlangs + (size_t)li;
	if (!s->listed)
		return bs_badgeview_get(s, b, li);
	bs_par_lock_take(s->listed_lock);
	json_t *v = json_incref(s->listed[i]);
	bs_par_lock_give(s->listed_lock);
	if (v)
		return v;
	/* made outside the lock, so pages on other threads go on; when two
	 * make the same view at once (the same bytes), the first is kept */
	json_t *mine = bs_badgeview_get(s, b, li);
	bs_par_lock_take(s->listed_lock);
	if (!s->listed[i])
		s->listed[i] = json_incref(mine);
	v = json_incref(s->listed[i]);
	bs_par_lock_give(s->listed_lock);
	json_decref(mine);
	return v;
}

void bs_badgeview_drop_facts(bs_site *s)
{
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_badge *b = &s->badges[i];
		json_decref(b->facts);
		b->facts = NULL;
		for (size_t li = 1; b->ed && li < s->nlangs; li++) {
			json_decref(b->ed[li].facts);
			b->ed[li].facts = NULL;
		}
	}
}
