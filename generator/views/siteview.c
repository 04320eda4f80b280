/* siteview.c: the views every page shares: the site, its issuers and
 * menu, each language's, and each glossary term's. */
#include "views/siteview.h"

#include "base/alloc.h"
#include "base/lang.h"
#include "base/url.h"
#include "base/version.h"
#include "model/fwlang.h"
#include "model/langs.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>

static void build_site(bs_site *s)
{
	json_t *v = json_object();
	bs_view_set_str(v, "title", bs_view_str(s->site, "title"));
	bs_view_set_str(v, "description", bs_view_str(s->site, "description"));
	const char *lang = bs_view_str(s->site, "default_language");
	bs_view_set_str(v, "language", lang);
	/* the way the language is written, for <html dir> */
	bs_view_set_str(v, "dir", bs_lang_rtl(lang) ? "rtl" : "ltr");
	/* and of text an edition borrows from the default language */
	bs_view_set_str(v, "default_dir", bs_lang_rtl(lang) ? "rtl" : "ltr");
	bs_view_set_str(v, "base_url", s->base_url);
	const char *footer = bs_view_str(s->site, "footer");
	if (footer)
		bs_view_set_own(v, "footer_html",
				bs_view_md(footer, strlen(footer), NULL, 1));
	bs_view_set_str(v, "framework_title", bs_view_str(s->fw.json, "title"));
	bs_view_set_str(v, "framework_version",
			bs_view_str(s->fw.json, "version"));
	bs_view_set_str(v, "generator", "badgesite " BS_VERSION);
	bs_view_set_own(v, "card_abs", bs_xasprintf("%scard.png", s->base_url));
	s->site_view = v;

	s->issuers = json_object();
	const char *id;
	json_t *it;
	json_object_foreach(json_object_get(s->site, "issuers"), id, it)
	{
		json_t *o = json_object();
		bs_view_set_str(o, "id", id);
		bs_view_set_str(o, "name", bs_view_str(it, "name"));
		bs_view_set_str(o, "url", bs_view_str(it, "url"));
		bs_view_set_str(o, "email", bs_view_str(it, "email"));
		bs_view_set_str(o, "description",
				bs_view_str(it, "description"));
		bs_view_set_str(o, "country", bs_view_str(it, "country"));
		bs_view_set_str(o, "linkedin_organization_id",
				bs_view_str(it, "linkedin_organization_id"));
		const char *img = bs_view_str(it, "image");
		if (img)
			bs_view_set_own(
			    o, "image_abs",
			    bs_url_is_http(img)
				? bs_xstrdup(img)
				: bs_xasprintf("%s%s", s->base_url, img));
		bs_view_set_own(o, "json_url",
				bs_xasprintf("issuers/%s.json", id));
		bs_view_set_own(
		    o, "json_abs",
		    bs_xasprintf("%sissuers/%s.json", s->base_url, id));
		bs_view_set_own(o, "ob3_url",
				bs_xasprintf("issuers/%s.ob3.json", id));
		bs_view_set_own(
		    o, "ob3_abs",
		    bs_xasprintf("%sissuers/%s.ob3.json", s->base_url, id));
		json_object_set_new(s->issuers, id, o);
	}
}

typedef struct navitem {
	const char *title, *url;
	long weight;
} navitem;

static int cmp_nav(const void *a, const void *b)
{
	const navitem *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return strcmp(x->title, y->title);
}

/* The menu of language li: the fixed sections, then pages that have a
 * weight. Built once; each page marks its own entry as current. */
static json_t *build_nav(bs_site *s, int li)
{
	navitem fixed[] = {
	    {bs_view_string(s, li, "nav_home", "Home"), "", 0},
	    {bs_view_string(s, li, "nav_framework", "Framework"), "framework/",
	     0},
	    {bs_view_string(s, li, "nav_badges", "Badges"), "badges/", 0},
	    {bs_view_string(s, li, "nav_glossary", "Glossary"), "glossary/", 0},
	    {bs_view_string(s, li, "nav_visual_language", "Visual language"),
	     "visual-language/", 0}};
	navitem *extra = bs_xcalloc(s->npages + 1, sizeof *extra);
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const bs_page *pg = &s->pages[i];
		json_t *w = json_object_get(pg->fm.data, "weight");
		if (pg->skip || !w || !pg->url[0] ||
		    strcmp(pg->url, "framework/") == 0 ||
		    strcmp(pg->url, "badges/") == 0 ||
		    strcmp(pg->url, "glossary/") == 0 ||
		    strcmp(pg->url, "visual-language/") == 0)
			continue;
		extra[n].title = bs_view_str(
		    bs_langs_data(li ? &pg->ed[li] : NULL, pg->fm.data),
		    "title");
		extra[n].url = pg->url;
		extra[n].weight = (long)json_integer_value(w);
		n++;
	}
	qsort(extra, n, sizeof *extra, cmp_nav);
	json_t *nav = json_array();
	for (size_t i = 0; i < 5 + n; i++) {
		const navitem *it = i < 5 ? &fixed[i] : &extra[i - 5];
		json_t *o = json_object();
		bs_view_set_str(o, "title", it->title);
		bs_view_set_str(o, "url", it->url);
		json_array_append_new(nav, o);
	}
	free(extra);
	return nav;
}

/* Each language's site object and menu (the default's are s->site_view
 * and s->nav). */
static void build_langs(bs_site *s)
{
	/* the footer for every depth but the deepest pages, once: a page's
	 * frame takes its copy instead of parsing the footer again */
	for (size_t li = 0; li < s->nlangs; li++) {
		const char *footer = bs_view_site_word(s, (int)li, "footer");
		bs_buf root = BS_BUF_INIT;
		bs_buf_puts(&root, "");
		for (int k = 0; footer && k < BS_FOOTER_DEPTHS; k++) {
			s->langs[li].footer_html[k] =
			    bs_view_md(footer, strlen(footer), root.ptr, 1);
			bs_buf_puts(&root, "../");
		}
		bs_buf_free(&root);
	}
	s->langs[0].site_view = s->site_view;
	s->langs[0].nav = s->nav;
	for (size_t li = 1; li < s->nlangs; li++) {
		json_t *v = json_copy(s->site_view);
		bs_view_set_str(v, "language", s->langs[li].code);
		bs_view_set_str(v, "dir",
				bs_lang_rtl(s->langs[li].code) ? "rtl" : "ltr");
		bs_view_set_str(v, "title",
				bs_view_site_word(s, (int)li, "title"));
		bs_view_set_str(v, "description",
				bs_view_site_word(s, (int)li, "description"));
		bs_view_set_str(
		    v, "framework_title",
		    bs_view_str(bs_fwlang_json(s, (int)li), "title"));
		s->langs[li].site_view = v;
		s->langs[li].nav = build_nav(s, (int)li);
	}
}

static void build_term(bs_site *s, bs_term *t, int li)
{
	const bs_edition *ed = li ? &t->ed[li] : NULL;
	const json_t *fm = bs_langs_data(ed, t->fm.data);
	const char *body;
	size_t body_len;
	bs_langs_body(&body, &body_len, ed, &t->fm);
	(void)body_len;
	json_t *v = json_object();
	bs_view_set_str(v, "id", t->id);
	bs_view_set_str(v, "term", bs_view_str(fm, "term"));
	json_t *al = json_object_get(fm, "aliases");
	if (al && json_array_size(al))
		json_object_set(v, "aliases", al);
	json_t *see = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(fm, "see_also"), i, it)
	{
		const bs_term *other = bs_site_term(s, json_string_value(it));
		if (!other)
			continue;
		json_t *r = json_object();
		bs_view_set_str(r, "id", other->id);
		bs_view_set_str(
		    r, "term",
		    bs_view_str(bs_langs_data(li ? &other->ed[li] : NULL,
					      other->fm.data),
				"term"));
		json_array_append_new(see, r);
	}
	if (json_array_size(see))
		json_object_set(v, "see_also", see);
	json_decref(see);
	json_t *defs = json_array();
	json_array_foreach(json_object_get(fm, "definitions"), i, it)
	{
		json_t *o = json_object();
		const char *text = bs_view_str(it, "text");
		const char *sec = bs_view_str(it, "section");
		if (text) {
			bs_view_set_own(
			    o, "text_html",
			    bs_view_md(text, strlen(text), "../", 0));
		} else if (sec) {
			/* the body from "## sec" up to the next heading */
			char *h = bs_xasprintf("## %s\n", sec);
			const char *p = strstr(body, h);
			const char *start = p ? p + strlen(h) : "";
			const char *end = strstr(start, "\n#");
			size_t n = end ? (size_t)(end - start) : strlen(start);
			char *md = bs_xstrndup(start, n);
			bs_view_set_own(o, "text_html",
					bs_view_md(md, n, "../", 0));
			free(md);
			free(h);
		}
		bs_view_set_str(o, "source", bs_view_str(it, "source"));
		json_t *year = json_object_get(it, "year");
		if (year)
			json_object_set(o, "year", year);
		bs_view_set_str(o, "url", bs_view_str(it, "url"));
		bs_view_set_str(o, "form", bs_view_str(it, "form"));
		const char *form = bs_view_str(it, "form");
		json_object_set_new(
		    o, "quoted", json_boolean(form && !strcmp(form, "quoted")));
		json_array_append_new(defs, o);
	}
	json_object_set_new(v, "definitions", defs);
	if (li)
		t->ed[li].view = v;
	else
		t->view = v;
}

void bs_siteview_build(bs_site *s)
{
	build_site(s);
	s->nav = build_nav(s, 0);
	build_langs(s);
}

void bs_siteview_terms(bs_site *s)
{
	for (size_t i = 0; i < s->nterms; i++)
		for (size_t li = 0; s->terms[i].fm.data && li < s->nlangs; li++)
			build_term(s, &s->terms[i], (int)li);
}
