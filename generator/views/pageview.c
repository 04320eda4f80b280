/* pageview.c: each page's frame, built by the render workers from the
 * read-only model, its views and the plan. */
#include "views/pageview.h"

#include "base/alloc.h"
#include "base/url.h"
#include "images/diagram.h"
#include "images/legend.h"
#include "images/qr.h"
#include "model/framework.h"
#include "model/fwlang.h"
#include "model/langs.h"
#include "pages/markdown.h"
#include "views/awardview.h"
#include "views/badgeview.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The site object with this page's navigation (a shallow copy: values are
 * shared with the site view). */
static json_t *site_for(const bs_site *s, int li, const char *url)
{
	json_t *site = json_copy(s->langs[li].site_view);
	json_t *nav = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(s->langs[li].nav, i, it)
	{
		const char *u = bs_view_str(it, "url");
		json_t *o = json_copy((json_t *)it);
		int cur = url && (u[0] ? strncmp(url, u, strlen(u)) == 0
				       : url[0] == '\0');
		json_object_set_new(o, "current", json_boolean(cur));
		json_array_append_new(nav, o);
	}
	json_object_set_new(site, "nav", nav);
	return site;
}

/* The root frame of a page of language li: site, page and the page's own
 * values. full is the page's folder in the output ("fr/badges/x/"), NULL
 * for the 404 page; the page's links are made relative to its edition's
 * root (page.root), assets' to the site's (page.site_root). */
static json_t *frame(const bs_site *s, int li, const char *full,
		     const char *section, const bs_page *pg, const char *title,
		     const char *desc)
{
	const char *url = full ? full + strlen(s->langs[li].prefix) : NULL;
	json_t *f = json_object();
	json_object_set_new(f, "site", site_for(s, li, url));
	json_object_set(f, "t", s->langs[li].strings);
	json_t *page = json_object();
	bs_buf root = BS_BUF_INIT, site_root = BS_BUF_INIT;
	if (url) {
		bs_url_root(&root, url);
		bs_url_root(&site_root, full);
	} else {
		bs_buf_puts(&root, s->base_url); /* 404: served anywhere */
		bs_buf_puts(&site_root, s->base_url);
	}
	bs_buf_puts(&root, ""); /* the home page's is "", not NULL */
	bs_buf_puts(&site_root, "");
	/* the footer's site links, made relative to this page: made once
	 * per depth (siteview.c) but for the deepest pages and the 404 */
	const char *footer = bs_view_site_word(s, li, "footer");
	size_t depth = root.len / 3;
	const char *made = url && depth < BS_FOOTER_DEPTHS
			       ? s->langs[li].footer_html[depth]
			       : NULL;
	if (made)
		bs_view_set_str(json_object_get(f, "site"), "footer_html",
				made);
	else if (footer)
		bs_view_set_own(
		    json_object_get(f, "site"), "footer_html",
		    bs_view_md(footer, strlen(footer), root.ptr, 1));
	if (pg) {
		const bs_edition *ed = li ? &pg->ed[li] : NULL;
		const json_t *data = bs_langs_data(ed, pg->fm.data);
		const char *body;
		size_t body_len;
		bs_langs_body(&body, &body_len, ed, &pg->fm);
		if (li && !ed->tr)
			bs_view_set_str(page, "fallback", s->langs[0].code);
		const char *t = bs_view_str(data, "title");
		if (t)
			title = t;
		const char *dd = bs_view_str(data, "description");
		if (dd)
			desc = dd;
		/* a page's text sits under its h1; the framework's under
		 * the h2 of its purpose */
		bs_buf html = BS_BUF_INIT;
		bs_md_links l = {root.ptr, NULL};
		bs_md_html_kept(&html, &pg->links, body, body_len, &l,
				strcmp(section, "framework") ? 2 : 3);
		bs_view_set_own(page, "content_html", bs_buf_detach(&html));
	}
	bs_view_set_str(page, "title", title);
	bs_view_set_str(page, "description",
			desc ? desc : bs_view_site_word(s, li, "description"));
	bs_view_set_str(page, "url", url ? url : "404.html");
	bs_view_set_own(
	    page, "canonical",
	    bs_xasprintf("%s%s", s->langs[li].base, url ? url : "404.html"));
	bs_view_set_own(page, "root", bs_buf_detach(&root));
	bs_view_set_own(page, "site_root", bs_buf_detach(&site_root));
	if (s->nlangs > 1)
		bs_view_set_str(page, "language", s->langs[li].code);
	bs_view_set_str(page, "section", section);
	json_object_set_new(f, "page", page);
	return f;
}

/* "5–59 hours", "at least 1 hour", "up to 20 hours": the unit takes the
 * form of the number next to it. */
static char *range_text(const bs_site *s, int li, const bs_range *r,
			const char *unit)
{
	if (!r->has_min && !r->has_max)
		return NULL;
	bs_buf b = BS_BUF_INIT;
	char *last;
	if (r->has_min && r->has_max) {
		bs_buf_number(&b, r->min);
		bs_buf_puts(&b, "–");
		last = bs_view_count(s, li, unit, r->max);
	} else if (r->has_min) {
		bs_buf_printf(&b, "%s ",
			      bs_view_string(s, li, "at_least", "at least"));
		last = bs_view_count(s, li, unit, r->min);
	} else {
		bs_buf_printf(&b, "%s ",
			      bs_view_string(s, li, "up_to", "up to"));
		last = bs_view_count(s, li, unit, r->max);
	}
	bs_buf_puts(&b, last);
	free(last);
	return bs_buf_detach(&b);
}

static void rule(json_t *rules, const char *label, char *value)
{
	if (!value)
		return;
	json_t *o = json_object();
	bs_view_set_str(o, "label", label);
	bs_view_set_own(o, "value", value);
	json_array_append_new(rules, o);
}

/* The codes of arr in words of group, joined by sep. */
static char *join(const bs_site *s, int li, const json_t *arr,
		  const char *group, const char *sep)
{
	if (!arr || !json_array_size(arr))
		return NULL;
	bs_buf b = BS_BUF_INIT;
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		bs_buf_printf(
		    &b, "%s%s", i ? sep : "",
		    bs_view_word(s, li, group, json_string_value(it)));
	}
	return bs_buf_detach(&b);
}

static json_t *class_view(const bs_site *s, const bs_plan *p, const bs_class *k,
			  int li)
{
	json_t *c = json_object();
	bs_view_set_str(c, "id", k->id);
	bs_view_set_str(c, "name", bs_fwlang_class_name(s, li, k));
	bs_view_set_str(c, "formality", k->formality);
	bs_view_set_str(c, "formality_name",
			bs_fwlang_formality_name(s, li, k->formality));
	bs_view_set_str(c, "achievement_type", k->achievement_type);
	const char *desc = bs_fwlang_class_description(s, li, k);
	bs_view_set_own(c, "description_html",
			bs_view_md(desc, strlen(desc), "../", 1));
	bs_view_set_str(c, "marking", k->marking);
	json_t *rules = json_array();
#define W(key, dflt) bs_view_string(s, li, key, dflt)
	const char *least = W("at_least", "at least");
	rule(rules, W("fact_learning_hours", "Learning hours"),
	     range_text(s, li, &k->hours, "hour"));
	rule(rules, W("fact_credits", "Credits"),
	     range_text(s, li, &k->credits, "credit"));
	rule(rules, W("fact_assessment", "Assessment"),
	     join(s, li, k->assessment, "assessment", ", "));
	if (k->has_attendance)
		rule(rules, W("fw_rule_attendance", "Attendance"),
		     bs_xasprintf("%s %g%%", least, k->attendance_min));
	if (k->has_pass_mark)
		rule(rules, W("fact_pass_mark", "Pass mark"),
		     bs_xasprintf("%s %g%%", least, k->pass_mark));
	if (k->capstone)
		rule(rules, W("fact_capstone", "Capstone"),
		     bs_xstrdup(W("required", "required")));
	rule(rules, W("fw_rule_required_fields", "Required fields"),
	     join(s, li, k->requires, "fields", ", "));
	if (k->eu_mc) {
		rule(rules, W("eumc_title", "EU micro-credential"),
		     bs_xstrdup(W("fw_rule_eu_mc",
				  "yes: each badge states the mandatory "
				  "elements of the Council Recommendation of "
				  "2022")));
		json_object_set_new(c, "eu_microcredential", json_true());
	}
	json_t *si = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(k->stacks_into, i, it)
	{
		const bs_class *t =
		    bs_framework_class(&s->fw, json_string_value(it));
		json_t *o = json_object();
		bs_view_set_str(o, "id", t->id);
		bs_view_set_str(o, "name", bs_fwlang_class_name(s, li, t));
		json_array_append_new(si, o);
	}
	if (json_array_size(si)) {
		bs_buf b = BS_BUF_INIT;
		json_array_foreach(si, i, it)
		{
			bs_buf_printf(&b, "%s%s", i ? ", " : "",
				      bs_view_str(it, "name"));
		}
		rule(rules, W("fw_rule_stacks_into", "Stacks into"),
		     bs_buf_detach(&b));
	}
	const char *completes = W("fw_rule_completes", "A stack completes");
	if (k->completion == BS_COMPLETE_ALL)
		rule(rules, completes,
		     bs_xstrdup(W("fw_completes_all",
				  "when all its parts are earned")));
	else if (k->completion == BS_COMPLETE_AT_LEAST) {
		char *n = bs_view_count(s, li, "part", k->completion_n);
		rule(rules, completes,
		     bs_xasprintf("%s %s",
				  W("fw_completes_at_least", "with at least"),
				  n));
		free(n);
	} else if (k->completion == BS_COMPLETE_MIN_HOURS) {
		char *n =
		    bs_view_count(s, li, "learning_hour", k->completion_n);
		rule(rules, completes,
		     bs_xasprintf("%s %s", W("fw_completes_at", "at"), n));
		free(n);
	}
#undef W
	json_object_set_new(c, "rules", rules);
	json_object_set_new(c, "stacks_into", si);
	json_t *badges = json_array();
	for (size_t b = 0; b < p->nlisted; b++)
		if (p->listed[b]->cls == k)
			json_array_append_new(
			    badges, bs_badgeview_listed(s, p->listed[b], li));
	size_t current = json_array_size(badges);
	for (size_t b = 0; b < p->nretired; b++) /* labelled, last */
		if (p->retired[b]->cls == k)
			json_array_append_new(
			    badges, bs_badgeview_listed(s, p->retired[b], li));
	json_object_set_new(c, "badges", badges);
	json_object_set_new(c, "count", json_integer((json_int_t)current));
	return c;
}

static json_t *classes_view(const bs_site *s, const bs_plan *p, int li)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->fw.nclasses; i++)
		json_array_append_new(a,
				      class_view(s, p, &s->fw.classes[i], li));
	return a;
}

/* stacking_svg_html: the stacks between badges drawn as a diagram, each
 * badge once (the table beside it says the same in words). */
static void stacking_diagram(json_t *v, const json_t *stacking)
{
	size_t ne = json_array_size(stacking);
	if (!ne)
		return;
	const char **ids = bs_xcalloc(2 * ne, sizeof *ids);
	const char **names = bs_xcalloc(2 * ne, sizeof *names);
	bs_dgm_edge *e = bs_xcalloc(ne, sizeof *e);
	size_t n = 0, i;
	const json_t *it;
	json_array_foreach(stacking, i, it)
	{
		const json_t *ends[2] = {json_object_get(it, "from"),
					 json_object_get(it, "into")};
		size_t at[2];
		for (int k = 0; k < 2; k++) {
			const char *id = bs_view_str(ends[k], "id");
			size_t j = 0;
			while (j < n && strcmp(ids[j], id))
				j++;
			if (j == n) {
				ids[n] = id;
				names[n++] = bs_view_str(ends[k], "name");
			}
			at[k] = j;
		}
		e[i].from = at[0];
		e[i].to = at[1];
	}
	bs_buf b = BS_BUF_INIT;
	bs_diagram_svg(&b, names, n, e, ne,
		       "Diagram of which badges stack into which");
	bs_view_set_own(v, "stacking_svg_html", bs_buf_detach(&b));
	free(e);
	free(names);
	free(ids);
}

static json_t *framework_view(const bs_site *s, const bs_plan *p, int li)
{
	const json_t *fw = bs_fwlang_json(s, li);
	json_t *v = json_object();
	bs_view_set_str(v, "title", bs_view_str(fw, "title"));
	bs_view_set_str(v, "version", bs_view_str(fw, "version"));
	bs_view_set_str(v, "effective", bs_view_str(fw, "effective"));
	const char *purpose = bs_view_str(fw, "purpose");
	bs_view_set_own(v, "purpose_html",
			bs_view_md(purpose, strlen(purpose), "../", 0));
	json_t *log = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(fw, "changelog"), i, it)
	{
		json_t *o = json_object();
		bs_view_set_str(o, "version", bs_view_str(it, "version"));
		bs_view_set_str(o, "date", bs_view_str(it, "date"));
		const char *ch = bs_view_str(it, "changes");
		bs_view_set_own(o, "changes_html",
				bs_view_md(ch, strlen(ch), "../", 1));
		json_array_append_new(log, o);
	}
	json_object_set_new(v, "changelog", log);
	json_t *lev = json_array();
	json_array_foreach(json_object_get(fw, "formality"), i, it)
	{
		json_t *o = json_object();
		bs_view_set_str(o, "id", bs_view_str(it, "id"));
		bs_view_set_str(o, "name", bs_view_str(it, "name"));
		bs_view_set_str(o, "definition", bs_view_str(it, "definition"));
		const char *g = bs_view_str(it, "glossary");
		if (g)
			bs_view_set_own(o, "glossary_url",
					bs_xasprintf("glossary/#%s", g));
		json_array_append_new(lev, o);
	}
	json_object_set_new(v, "formality", lev);
	json_t *tiers = json_array();
	json_array_foreach(json_object_get(fw, "tiers"), i, it)
	{
		json_t *o = json_object();
		bs_view_set_str(o, "name", bs_view_str(it, "name"));
		const char *cid = bs_view_str(it, "class");
		const bs_class *k =
		    cid ? bs_framework_class(&s->fw, cid) : NULL;
		if (k) {
			bs_view_set_str(o, "class_name",
					bs_fwlang_class_name(s, li, k));
			bs_view_set_str(o, "class_id", k->id);
		}
		json_t *h = json_object_get(it, "hours");
		if (h) {
			bs_range r = {0, 0, 0, 0};
			json_t *mn = json_object_get(h, "min"),
			       *mx = json_object_get(h, "max");
			r.has_min = mn != NULL;
			r.has_max = mx != NULL;
			r.min = json_number_value(mn);
			r.max = json_number_value(mx);
			bs_view_set_own(o, "hours",
					range_text(s, li, &r, "hour"));
		}
		bs_view_set_str(o, "assessment", bs_view_str(it, "assessment"));
		bs_view_set_str(o, "description",
				bs_view_str(it, "description"));
		json_array_append_new(tiers, o);
	}
	json_object_set_new(v, "tiers", tiers);
	json_t *terms = json_array();
	json_array_foreach(json_object_get(fw, "terminology"), i, it)
	{
		json_t *o = json_object();
		bs_view_set_str(o, "local", bs_view_str(it, "local"));
		bs_view_set_str(o, "meaning", bs_view_str(it, "meaning"));
		const char *f = bs_view_str(it, "formality");
		bs_view_set_str(o, "formality", f);
		bs_view_set_str(o, "formality_name",
				bs_fwlang_formality_name(s, li, f));
		json_array_append_new(terms, o);
	}
	json_object_set_new(v, "terminology", terms);
	json_object_set_new(v, "classes", classes_view(s, p, li));
	json_t *stacking = json_array();
	for (size_t b = 0; b < p->nlisted; b++) {
		const bs_badge *x = p->listed[b];
		for (size_t k = 0; k < x->nstacks_into; k++) {
			json_t *o = json_object();
			json_t *from = json_object(), *into = json_object();
			bs_view_set_str(from, "id", x->id);
			bs_view_set_str(
			    from, "name",
			    bs_view_str(bs_view_data(x, li), "name"));
			bs_view_set_str(from, "url", x->dir);
			const bs_badge *t = x->stacks_into[k];
			bs_view_set_str(into, "id", t->id);
			bs_view_set_str(
			    into, "name",
			    bs_view_str(bs_view_data(t, li), "name"));
			bs_view_set_str(into, "url", t->dir);
			json_object_set_new(o, "from", from);
			json_object_set_new(o, "into", into);
			json_array_append_new(stacking, o);
		}
	}
	json_object_set_new(v, "stacking", stacking);
	stacking_diagram(v, stacking);
	return v;
}

/* A term with its words in the glossary's language. */
typedef struct term_in {
	const bs_term *t;
	const json_t *view;
	const char *term;
} term_in;

static int cmp_terms(const void *a, const void *b)
{
	const term_in *x = a, *y = b;
	int c = strcasecmp(x->term, y->term);
	return c ? c : strcmp(x->t->id, y->t->id);
}

static void glossary_view(const bs_site *s, json_t *f, int li)
{
	term_in *t = bs_xcalloc(s->nterms + 1, sizeof *t);
	size_t n = 0;
	for (size_t i = 0; i < s->nterms; i++)
		if (s->terms[i].view) {
			t[n].t = &s->terms[i];
			t[n].view = bs_view_term(&s->terms[i], li);
			t[n].term = bs_view_str(t[n].view, "term");
			n++;
		}
	qsort(t, n, sizeof *t, cmp_terms);
	json_t *terms = json_array(), *letters = json_array();
	char last = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append(terms, (json_t *)t[i].view);
		char c = t[i].term[0];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != last) {
			json_t *l = json_object();
			char txt[2] = {c, 0};
			bs_view_set_str(l, "letter", txt);
			bs_view_set_str(l, "anchor", t[i].t->id);
			json_array_append_new(letters, l);
			last = c;
		}
	}
	json_object_set_new(f, "terms", terms);
	json_object_set_new(f, "letters", letters);
	free(t);
}

/* The class whose name in the default language is name, named in
 * language li (the plan's class facet is keyed by the default's names). */
static const char *class_named(const bs_site *s, int li, const char *name)
{
	for (size_t i = 0; i < s->fw.nclasses; i++)
		if (strcmp(s->fw.classes[i].name, name) == 0)
			return bs_fwlang_class_name(s, li, &s->fw.classes[i]);
	return name;
}

static json_t *catalogue(const bs_site *s, const bs_plan *p, const bs_output *o,
			 json_t *f)
{
	int li = o->lang;
	json_t *badges = json_array(), *retired = json_array();
	for (size_t i = 0; i < p->nlisted; i++)
		if (bs_plan_lists(o, p->listed[i]))
			json_array_append_new(
			    badges,
			    bs_badgeview_listed(s, p->listed[i], o->lang));
	for (size_t i = 0; i < p->nretired; i++)
		if (bs_plan_lists(o, p->retired[i]))
			json_array_append_new(
			    retired,
			    bs_badgeview_listed(s, p->retired[i], o->lang));
	json_object_set_new(f, "badges", badges);
	json_object_set_new(f, "count",
			    json_integer((json_int_t)json_array_size(badges)));
	if (json_array_size(retired)) {
		json_object_set(f, "retired", retired);
		json_object_set_new(f, "has_retired", json_true());
	}
	json_decref(retired);
	json_t *facets = json_deep_copy(p->facets);
	size_t i, k;
	json_t *fa, *v;
	json_array_foreach(facets, i, fa)
	{
		int by_class = strcmp(bs_view_str(fa, "field"), "class") == 0;
		char *sk = bs_xasprintf("fact_%s", bs_view_str(fa, "field"));
		bs_view_set_str(
		    fa, "name",
		    bs_view_string(s, li, sk, bs_view_str(fa, "name")));
		free(sk);
		json_array_foreach(json_object_get(fa, "values"), k, v)
		{
			if (by_class)
				bs_view_set_str(
				    v, "label",
				    class_named(s, li,
						bs_view_str(v, "label")));
			const char *path = bs_view_str(v, "path");
			char *u = bs_xasprintf("%s/", path);
			json_object_set_new(v, "url", json_string(u));
			int cur = o->facet &&
				  strncmp(o->path, path, strlen(path)) == 0 &&
				  o->path[strlen(path)] == '/';
			json_object_set_new(v, "current", json_boolean(cur));
			bs_view_set_own(
			    v, "count_text",
			    bs_view_count(s, li, "badge",
					  (double)json_integer_value(
					      json_object_get(v, "count"))));
			free(u);
		}
	}
	if (o->facet) {
		json_array_foreach(facets, i, fa)
		{
			if (strcmp(bs_view_str(fa, "field"), o->facet))
				continue;
			if (!o->facet_value)
				json_object_set_new(fa, "current", json_true());
			json_object_set(f, "facet", fa);
		}
		const char *label =
		    bs_view_str(json_object_get(f, "facet"), "name");
		if (o->facet_value) {
			const char *fv =
			    strcmp(o->facet, "class") == 0
				? class_named(s, li, o->facet_value)
				: o->facet_value;
			bs_view_set_str(f, "facet_value", fv);
			bs_view_set_own(
			    f, "facet_title",
			    bs_xasprintf(
				"%s%s%s", label,
				bs_view_string(s, li, "facet_sep", ": "), fv));
		} else {
			json_object_set_new(f, "facet_root", json_true());
			/* "Badges by class": the facet's name in lower case
			 * (its first letter, when it is one of A-Z) */
			char first = label[0] >= 'A' && label[0] <= 'Z'
					 ? (char)(label[0] - 'A' + 'a')
					 : label[0];
			bs_view_set_own(
			    f, "facet_title",
			    bs_xasprintf(
				"%s %c%s",
				bs_view_string(s, li, "badges_by", "Badges by"),
				first, label + 1));
		}
	}
	json_object_set_new(f, "facets", facets);
	return f;
}

static json_t *home(const bs_site *s, const bs_plan *p, const bs_page *pg,
		    int li, json_t *f)
{
	json_object_set_new(f, "classes", classes_view(s, p, li));
	/* the badges content/_index.md features, current ones only; else
	 * the first six of the catalogue */
	json_t *feat = json_array();
	const json_t *ids =
	    pg ? json_object_get(pg->fm.data, "featured") : NULL;
	size_t i;
	json_t *it;
	json_array_foreach(ids, i, it)
	{
		const bs_badge *b = bs_site_badge(s, json_string_value(it));
		if (b && !b->skip && b->status != BS_RETIRED)
			json_array_append_new(feat,
					      bs_badgeview_listed(s, b, li));
	}
	for (size_t k = 0; !ids && k < p->nlisted && k < 6; k++)
		json_array_append_new(feat,
				      bs_badgeview_listed(s, p->listed[k], li));
	json_object_set_new(f, "featured", feat);
	json_t *counts = json_object();
	const struct {
		const char *key, *unit;
		size_t n;
	} cn[] = {{"badges", "badge", p->nlisted},
		  {"classes", "class", s->fw.nclasses},
		  {"terms", "term", s->nterms}};
	for (size_t i = 0; i < 3; i++) {
		json_object_set_new(counts, cn[i].key,
				    json_integer((json_int_t)cn[i].n));
		char *k = bs_xasprintf("%s_unit", cn[i].key);
		bs_view_set_own(
		    counts, k,
		    bs_view_unit(s, li, cn[i].unit, (double)cn[i].n));
		free(k);
	}
	json_object_set_new(f, "counts", counts);
	return f;
}

static json_t *legend(const bs_site *s, const bs_plan *p, int li, json_t *f)
{
	/* the words for what the spec names: fields, classes, formality
	 * levels and the framework's codes */
	json_t *words = json_object(), *values = json_object();
	json_object_set(words, "fields",
			json_object_get(bs_fwlang_labels(s, li), "fields"));
	json_t *cls = json_object(), *lev = json_object();
	for (size_t i = 0; i < s->fw.nclasses; i++)
		bs_view_set_str(cls, s->fw.classes[i].id,
				bs_fwlang_class_name(s, li, &s->fw.classes[i]));
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(s->fw.json, "formality"), i, it)
	{
		const char *id = bs_view_str(it, "id");
		bs_view_set_str(lev, id, bs_fwlang_formality_name(s, li, id));
	}
	json_object_set_new(values, "class", cls);
	json_object_set_new(values, "formality", lev);
	static const char *const groups[] = {"assessment", "award_mode",
					     "participation", "recipient"};
	for (size_t k = 0; k < 4; k++)
		json_object_set(
		    values, groups[k],
		    json_object_get(bs_fwlang_labels(s, li), groups[k]));
	json_object_set_new(words, "values", values);
	json_object_set(words, "t", s->langs[li].strings);
	bs_buf lg = BS_BUF_INIT;
	bs_legend_html(&lg, s->vlang, words);
	json_decref(words);
	bs_view_set_own(f, "legend_html", bs_buf_detach(&lg));
	json_t *samples = json_array();
	const bs_class *last = NULL;
	for (size_t i = 0; i < p->nlisted; i++)
		if (p->listed[i]->cls != last) {
			last = p->listed[i]->cls;
			json_array_append_new(
			    samples, bs_badgeview_listed(s, p->listed[i], li));
		}
	json_object_set_new(f, "samples", samples);
	return f;
}

/* qr_svg_html: the QR code of the badge's criteria URL, inline (a page
 * kept as a snapshot keeps the code of its own version) */
static void add_qr(json_t *v)
{
	bs_buf q = BS_BUF_INIT;
	const char *url = bs_view_str(v, "canonical");
	char *label = bs_xasprintf("QR code of %s", url);
	if (bs_qr_svg(&q, url, label, 1, NULL, NULL) == BS_OK)
		bs_view_set_own(v, "qr_svg_html", bs_buf_detach(&q));
	bs_buf_free(&q);
	free(label);
}

/* page.alternates: this page in every language, for the hreflang links
 * and the language switch; page.x_default: the default's. Only on a site
 * that publishes in more than one language. */
static void alternates(const bs_site *s, int li, const char *full, json_t *f)
{
	if (s->nlangs < 2)
		return;
	const char *url = full + strlen(s->langs[li].prefix);
	json_t *page = json_object_get(f, "page");
	const char *site_root = bs_view_str(page, "site_root");
	json_t *a = json_array();
	for (size_t k = 0; k < s->nlangs; k++) {
		json_t *o = json_object();
		bs_view_set_str(o, "code", s->langs[k].code);
		bs_view_set_str(o, "name",
				bs_view_string(s, (int)k, "language_name",
					       s->langs[k].code));
		char *href =
		    bs_xasprintf("%s%s%s", site_root, s->langs[k].prefix, url);
		if (!href[0]) { /* this page from itself */
			free(href);
			href = bs_xstrdup("./");
		}
		bs_view_set_own(o, "href", href);
		bs_view_set_own(o, "abs",
				bs_xasprintf("%s%s", s->langs[k].base, url));
		json_object_set_new(o, "current",
				    json_boolean(k == (size_t)li));
		json_array_append_new(a, o);
	}
	json_object_set_new(page, "alternates", a);
	bs_view_set_own(page, "x_default",
			bs_xasprintf("%s%s", s->langs[0].base, url));
}

int bs_pageview_frame(bs_frame *out, const bs_site *s, const bs_plan *p,
		      const bs_output *o)
{
	out->layout = NULL;
	out->root = out->top = NULL;
	char *url = bs_url_dir(o->path);
	const int li = o->lang;
	json_t *f = NULL, *v;
	switch (o->kind) {
	case BS_OUT_HOME:
		f = home(s, p, o->page, li,
			 frame(s, li, url, "home", o->page,
			       bs_view_site_word(s, li, "title"), NULL));
		out->layout = "home";
		break;
	case BS_OUT_PAGE:
		f = frame(s, li, url, o->page->section, o->page, NULL, NULL);
		out->layout = o->page->section;
		break;
	case BS_OUT_FRAMEWORK:
		f = frame(s, li, url, "framework", o->page,
			  bs_view_str(bs_fwlang_json(s, li), "title"), NULL);
		json_object_set_new(f, "framework", framework_view(s, p, li));
		out->layout = "framework";
		break;
	case BS_OUT_CATALOGUE:
		f = frame(s, li, url, "badges", o->facet ? NULL : o->page,
			  bs_view_string(s, li, "nav_badges", "Badges"), NULL);
		catalogue(s, p, o, f);
		if (o->facet) {
			json_t *pg = json_object_get(f, "page");
			json_object_set(pg, "title",
					json_object_get(f, "facet_title"));
		}
		out->layout = "catalogue";
		break;
	case BS_OUT_BADGE_PAGE:
		v = bs_badgeview_narrative(s, o->badge, li, 1);
		f = frame(s, li, url, "badge", NULL, bs_view_str(v, "name"),
			  bs_view_str(v, "description"));
		if (li && !o->badge->ed[li].tr)
			bs_view_set_str(json_object_get(f, "page"), "fallback",
					s->langs[0].code);
		json_object_set(f, "badge", v);
		add_qr(v);
		out->top = v;
		out->layout = "badge";
		break;
	case BS_OUT_POSTER:
		v = bs_badgeview_get(s, o->badge, li);
		f = frame(s, li, url, "poster", NULL, bs_view_str(v, "name"),
			  bs_view_str(v, "description"));
		if (li && !o->badge->ed[li].tr)
			bs_view_set_str(json_object_get(f, "page"), "fallback",
					s->langs[0].code);
		json_object_set(f, "badge", v);
		add_qr(v);
		out->top = v;
		out->layout = "poster";
		break;
	case BS_OUT_AWARD_PAGE:
		v = bs_awardview(s, o->award);
		f = frame(s, 0, url, "award", NULL,
			  bs_view_str(json_object_get(v, "badge"), "name"),
			  bs_view_str(json_object_get(v, "badge"), "name"));
		bs_awardview_page(v, f);
		json_object_set(f, "award", v);
		out->top = v;
		out->layout = "award";
		break;
	case BS_OUT_GLOSSARY:
		f = frame(s, li, url, "glossary", o->page,
			  bs_view_string(s, li, "nav_glossary", "Glossary"),
			  NULL);
		glossary_view(s, f, li);
		out->layout = "glossary";
		break;
	case BS_OUT_LEGEND:
		f = legend(s, p, li,
			   frame(s, li, url, "visual-language", o->page,
				 bs_view_string(s, li, "nav_visual_language",
						"Visual language"),
				 NULL));
		out->layout = "legend";
		break;
	case BS_OUT_SNAPSHOT_PAGE: {
		/* the default's is its kept page (site/extras.c); an
		 * edition's leads there */
		if (!li)
			break;
		const char *name = bs_view_str(o->badge->fm.data, "name");
		f = frame(s, li, url, "badge", NULL, name, NULL);
		json_t *pg = json_object_get(f, "page");
		bs_buf h = BS_BUF_INIT;
		bs_buf_printf(&h, "<p>%s <a href=\"%s%s\" lang=\"%s\">",
			      bs_view_string(s, li, "snapshot_kept",
					     "This version is kept in the "
					     "default language:"),
			      bs_view_str(pg, "site_root"),
			      url + strlen(s->langs[li].prefix),
			      s->langs[0].code);
		bs_buf_html(&h, name, strlen(name));
		bs_buf_printf(&h, ", %s %d</a></p>",
			      bs_view_string(s, li, "version", "version"),
			      o->version);
		bs_view_set_own(pg, "content_html", bs_buf_detach(&h));
		out->layout = "page";
		break;
	}
	case BS_OUT_VOCAB: /* render.c adds the terms */
		f = frame(s, 0, url, "vocabulary", NULL,
			  "Framework vocabulary, version 1", NULL);
		out->layout = "vocabulary";
		break;
	case BS_OUT_404:
		f = frame(s, 0, NULL, "404", NULL, "Page not found", NULL);
		out->layout = "404";
		break;
	default: break;
	}
	if (f && o->kind != BS_OUT_AWARD_PAGE && o->kind != BS_OUT_VOCAB &&
	    o->kind != BS_OUT_404 && o->kind != BS_OUT_SNAPSHOT_PAGE)
		alternates(s, li, url, f);
	free(url);
	out->root = f;
	return f != NULL;
}

void bs_frame_free(bs_frame *f)
{
	json_decref(f->root);
	json_decref(f->top);
	f->root = f->top = NULL;
}

json_t *bs_pageview_ob_edition(const bs_site *s, int li)
{
	json_t *site = bs_pageview_ob_site(s, 0);
	if (li)
		bs_view_set_str(site, "language", s->langs[li].code);
	return site;
}

json_t *bs_pageview_ob_site(const bs_site *s, int with_hosts)
{
	json_t *site = json_object();
	bs_view_set_str(site, "base_url", s->base_url);
	/* IRIs of the site's vocabulary never follow --base-url */
	bs_view_set_str(site, "vocab_base", s->canonical_base);
	if (with_hosts) {
		json_t *hosts = json_object_get(s->site, "issuing_hosts");
		json_object_set_new(site, "issuing_hosts",
				    hosts ? json_incref(hosts) : json_array());
	}
	bs_view_set_str(site, "language",
			bs_view_str(s->site, "default_language"));
	return site;
}
