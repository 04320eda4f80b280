/* render.c: pages through the layouts, Open Badges JSON through the
 * emitters, images through the visual language, and the small files. */
#include "site/render.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "base/url.h"
#include "images/designer.h"
#include "images/legend.h"
#include "images/png.h"
#include "images/svg.h"
#include "input/files.h"
#include "model/framework.h"
#include "openbadges/openbadges.h"
#include "pages/markdown.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static char *md_html(const char *md, size_t len, const char *root, int inl)
{
	bs_buf b = BS_BUF_INIT;
	bs_md_links l = {root, NULL};
	if (inl)
		bs_md_inline(&b, md, len, &l);
	else
		bs_md_html(&b, md, len, &l, 1);
	return bs_buf_detach(&b);
}

/* The site object with this page's navigation (a shallow copy: values are
 * shared with the site view). */
static json_t *site_for(const bs_site *s, const char *url)
{
	json_t *site = json_copy(s->site_view);
	json_t *nav = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(s->nav, i, it)
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

/* The root frame of a page: site, page and the page's own values. */
static json_t *frame(const bs_site *s, const char *url, const char *section,
		     const bs_page *pg, const char *title, const char *desc)
{
	json_t *f = json_object();
	json_object_set_new(f, "site", site_for(s, url));
	json_t *page = json_object();
	bs_buf root = BS_BUF_INIT;
	if (url)
		bs_url_root(&root, url);
	else
		bs_buf_puts(&root, s->base_url); /* 404: served anywhere */
	if (pg) {
		const char *t = bs_view_str(pg->fm.data, "title");
		if (t)
			title = t;
		const char *dd = bs_view_str(pg->fm.data, "description");
		if (dd)
			desc = dd;
		bs_view_set_own(
		    page, "content_html",
		    md_html(pg->fm.body, pg->fm.body_len, root.ptr, 0));
	}
	bs_view_set_str(page, "title", title);
	bs_view_set_str(page, "description",
			desc ? desc : bs_view_str(s->site, "description"));
	bs_view_set_str(page, "url", url ? url : "404.html");
	bs_view_set_own(
	    page, "canonical",
	    bs_xasprintf("%s%s", s->base_url, url ? url : "404.html"));
	bs_view_set_own(page, "root", bs_buf_detach(&root));
	bs_view_set_str(page, "section", section);
	json_object_set_new(f, "page", page);
	return f;
}

static char *range_text(const bs_range *r, const char *unit)
{
	if (!r->has_min && !r->has_max)
		return NULL;
	bs_buf b = BS_BUF_INIT;
	if (r->has_min && r->has_max) {
		bs_buf_number(&b, r->min);
		bs_buf_puts(&b, "–");
		bs_buf_number(&b, r->max);
	} else if (r->has_min) {
		bs_buf_puts(&b, "at least ");
		bs_buf_number(&b, r->min);
	} else {
		bs_buf_puts(&b, "up to ");
		bs_buf_number(&b, r->max);
	}
	bs_buf_printf(&b, " %s", unit);
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

static char *join(const json_t *arr, const char *sep)
{
	if (!arr || !json_array_size(arr))
		return NULL;
	bs_buf b = BS_BUF_INIT;
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		bs_buf_printf(&b, "%s%s", i ? sep : "", json_string_value(it));
	}
	return bs_buf_detach(&b);
}

static json_t *class_view(const bs_site *s, const bs_plan *p, const bs_class *k)
{
	json_t *c = json_object();
	bs_view_set_str(c, "id", k->id);
	bs_view_set_str(c, "name", k->name);
	bs_view_set_str(c, "formality", k->formality);
	bs_view_set_str(c, "formality_name",
			bs_framework_formality_name(&s->fw, k->formality));
	bs_view_set_str(c, "achievement_type", k->achievement_type);
	bs_view_set_own(
	    c, "description_html",
	    md_html(k->description, strlen(k->description), "../", 1));
	bs_view_set_str(c, "marking", k->marking);
	json_t *rules = json_array();
	rule(rules, "Learning hours", range_text(&k->hours, "hours"));
	char *cr = range_text(&k->credits, s->credits.name);
	rule(rules, "Credits", cr);
	rule(rules, "Assessment", join(k->assessment, ", "));
	if (k->has_attendance)
		rule(rules, "Attendance",
		     bs_xasprintf("at least %g%%", k->attendance_min));
	if (k->has_pass_mark)
		rule(rules, "Pass mark",
		     bs_xasprintf("at least %g%%", k->pass_mark));
	if (k->capstone)
		rule(rules, "Capstone", bs_xstrdup("required"));
	rule(rules, "Required fields", join(k->requires, ", "));
	json_t *si = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(k->stacks_into, i, it)
	{
		const bs_class *t =
		    bs_framework_class(&s->fw, json_string_value(it));
		json_t *o = json_object();
		bs_view_set_str(o, "id", t->id);
		bs_view_set_str(o, "name", t->name);
		json_array_append_new(si, o);
	}
	if (json_array_size(si)) {
		bs_buf b = BS_BUF_INIT;
		json_array_foreach(si, i, it)
		{
			bs_buf_printf(&b, "%s%s", i ? ", " : "",
				      bs_view_str(it, "name"));
		}
		rule(rules, "Stacks into", bs_buf_detach(&b));
	}
	if (k->completion == BS_COMPLETE_ALL)
		rule(rules, "A stack completes",
		     bs_xstrdup("when all its parts are earned"));
	else if (k->completion == BS_COMPLETE_AT_LEAST)
		rule(rules, "A stack completes",
		     bs_xasprintf("with at least %g of its parts",
				  k->completion_n));
	else if (k->completion == BS_COMPLETE_MIN_HOURS)
		rule(rules, "A stack completes",
		     bs_xasprintf("at %g learning hours", k->completion_n));
	json_object_set_new(c, "rules", rules);
	json_object_set_new(c, "stacks_into", si);
	json_t *badges = json_array();
	for (size_t b = 0; b < p->nlisted; b++)
		if (p->listed[b]->cls == k)
			json_array_append(badges, p->listed[b]->view);
	json_object_set_new(c, "badges", badges);
	json_object_set_new(c, "count",
			    json_integer((json_int_t)json_array_size(badges)));
	return c;
}

static json_t *classes_view(const bs_site *s, const bs_plan *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->fw.nclasses; i++)
		json_array_append_new(a, class_view(s, p, &s->fw.classes[i]));
	return a;
}

static json_t *framework_view(const bs_site *s, const bs_plan *p)
{
	const json_t *fw = s->fw.json;
	json_t *v = json_object();
	bs_view_set_str(v, "title", bs_view_str(fw, "title"));
	bs_view_set_str(v, "version", bs_view_str(fw, "version"));
	bs_view_set_str(v, "effective", bs_view_str(fw, "effective"));
	const char *purpose = bs_view_str(fw, "purpose");
	bs_view_set_own(v, "purpose_html",
			md_html(purpose, strlen(purpose), "../", 0));
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
				md_html(ch, strlen(ch), "../", 1));
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
			bs_view_set_str(o, "class_name", k->name);
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
			bs_view_set_own(o, "hours", range_text(&r, "hours"));
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
				bs_framework_formality_name(&s->fw, f));
		json_array_append_new(terms, o);
	}
	json_object_set_new(v, "terminology", terms);
	json_object_set_new(v, "classes", classes_view(s, p));
	json_t *stacking = json_array();
	for (size_t b = 0; b < p->nlisted; b++) {
		const bs_badge *x = p->listed[b];
		for (size_t k = 0; k < x->nstacks_into; k++) {
			json_t *o = json_object();
			json_t *from = json_object(), *into = json_object();
			bs_view_set_str(from, "id", x->id);
			bs_view_set_str(from, "name",
					bs_view_str(x->fm.data, "name"));
			bs_view_set_str(from, "url", x->dir);
			const bs_badge *t = x->stacks_into[k];
			bs_view_set_str(into, "id", t->id);
			bs_view_set_str(into, "name",
					bs_view_str(t->fm.data, "name"));
			bs_view_set_str(into, "url", t->dir);
			json_object_set_new(o, "from", from);
			json_object_set_new(o, "into", into);
			json_array_append_new(stacking, o);
		}
	}
	json_object_set_new(v, "stacking", stacking);
	return v;
}

static int cmp_terms(const void *a, const void *b)
{
	const bs_term *x = *(const bs_term *const *)a;
	const bs_term *y = *(const bs_term *const *)b;
	int c = strcasecmp(bs_view_str(x->fm.data, "term"),
			   bs_view_str(y->fm.data, "term"));
	return c ? c : strcmp(x->id, y->id);
}

static void glossary_view(const bs_site *s, json_t *f)
{
	const bs_term **t = bs_xcalloc(s->nterms + 1, sizeof *t);
	size_t n = 0;
	for (size_t i = 0; i < s->nterms; i++)
		if (s->terms[i].view)
			t[n++] = &s->terms[i];
	qsort(t, n, sizeof *t, cmp_terms);
	json_t *terms = json_array(), *letters = json_array();
	char last = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append(terms, t[i]->view);
		char c = bs_view_str(t[i]->fm.data, "term")[0];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != last) {
			json_t *l = json_object();
			char txt[2] = {c, 0};
			bs_view_set_str(l, "letter", txt);
			bs_view_set_str(l, "anchor", t[i]->id);
			json_array_append_new(letters, l);
			last = c;
		}
	}
	json_object_set_new(f, "terms", terms);
	json_object_set_new(f, "letters", letters);
	free(t);
}

/* Does catalogue page o (all badges, or one facet value) list b? */
static int lists(const bs_output *o, const bs_badge *b)
{
	if (!o->facet)
		return 1;
	const char *v = strcmp(o->facet, "class") == 0
			    ? b->cls->name
			    : bs_view_str(b->fm.data, o->facet);
	return v && strcmp(v, o->facet_value) == 0;
}

static json_t *catalogue(const bs_site *s, const bs_plan *p, const bs_output *o,
			 json_t *f)
{
	(void)s;
	json_t *badges = json_array();
	for (size_t i = 0; i < p->nlisted; i++)
		if (lists(o, p->listed[i]))
			json_array_append(badges, p->listed[i]->view);
	json_object_set_new(f, "badges", badges);
	json_object_set_new(f, "count",
			    json_integer((json_int_t)json_array_size(badges)));
	json_t *facets = json_deep_copy(p->facets);
	size_t i, k;
	json_t *fa, *v;
	json_array_foreach(facets, i, fa)
	{
		json_array_foreach(json_object_get(fa, "values"), k, v)
		{
			const char *path = bs_view_str(v, "path");
			char *u = bs_xasprintf("%s/", path);
			json_object_set_new(v, "url", json_string(u));
			int cur = o->facet &&
				  strncmp(o->path, path, strlen(path)) == 0 &&
				  o->path[strlen(path)] == '/';
			json_object_set_new(v, "current", json_boolean(cur));
			free(u);
		}
	}
	json_object_set_new(f, "facets", facets);
	if (o->facet) {
		const char *label = strcmp(o->facet, "class") == 0 ? "Class"
				    : strcmp(o->facet, "category") == 0
					? "Category"
					: "Programme";
		bs_view_set_own(f, "facet_title",
				bs_xasprintf("%s: %s", label, o->facet_value));
	}
	return f;
}

static int render_page(bs_buf *out, const bs_site *s, const char *layout,
		       json_t *root, const json_t *top, bs_diags *d)
{
	const json_t *ctx[2] = {root, top};
	const char *name = layout;
	if (!bs_tpl_set_has(s->tpls, name))
		name = "page";
	return bs_tpl_render(out, s->tpls, name, ctx, top ? 2 : 1, d);
}

static char *dir_url(const char *path)
{
	/* "badges/x/index.html" -> "badges/x/" */
	const char *slash = strrchr(path, '/');
	return slash ? bs_xstrndup(path, (size_t)(slash - path + 1))
		     : bs_xstrdup("");
}

/* Output rel of the stage taken from cache entry k.ext: 1 when linked. */
static int from_cache(const bs_plan *p, const bs_stage *st, const bs_key *k,
		      const char *rel, const char *ext)
{
	if (!p->cache || !bs_files_safe(rel))
		return 0;
	char *dest = bs_publish_path(st, rel);
	int hit = bs_cache_link(p->cache, k, ext, dest);
	free(dest);
	return hit;
}

/* Output rel, just written to the stage, kept as cache entry k.ext. */
static void to_cache(const bs_plan *p, const bs_stage *st, const bs_key *k,
		     const char *rel, const char *ext)
{
	char *file = bs_publish_path(st, rel);
	bs_cache_keep(p->cache, k, ext, file);
	free(file);
}

static int images(size_t *files, const bs_site *s, const bs_plan *p,
		  const bs_badge *b, const bs_stage *st, bs_img_ctx *img,
		  bs_diags *d)
{
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT;
	int rc = BS_OK;
	const char *own = bs_view_str(b->fm.data, "image");
	char *alt = NULL;
	int l = 0, c = 0, kl, kc;
	char *ps = bs_xasprintf("%sbadge.svg", b->dir);
	char *pp = bs_xasprintf("%sbadge.png", b->dir);
	bs_key k;
	const bs_key *keep = NULL; /* drawn here: kept in the cache */
	if (own)
		bs_jpos_member(b->fm.pos, b->fm.data, "image", &kl, &kc, &l,
			       &c);
	/* a designer's own image is untrusted: cleaned (SVG) or checked
	 * (PNG) by the visual-language module before it is published */
	if (own && strstr(own, ".png")) {
		rc = bs_designer_image(&png, s->vlang, s->root, own, b->facts,
				       &b->src, l, c, d);
		if (!rc)
			rc =
			    bs_svg_draw(&svg, &alt, img, s->vlang, b->facts, d);
	} else if (own) {
		rc = bs_designer_image(&svg, s->vlang, s->root, own, b->facts,
				       &b->src, l, c, d);
		if (!rc)
			rc = bs_png_from_svg(&png, svg.ptr, svg.len, 600, d);
	} else {
		k = p->images;
		bs_key_add_json(&k, b->facts);
		/* a hit is linked into the stage: no bytes move */
		if (from_cache(p, st, &k, ps, "svg")) {
			if (from_cache(p, st, &k, pp, "png")) {
				*files = 2;
				goto done;
			}
			/* drawn again below, never written through a link */
			char *ds = bs_publish_path(st, ps);
			unlink(ds);
			free(ds);
		}
		rc = bs_svg_draw(&svg, &alt, img, s->vlang, b->facts, d);
		if (!rc)
			rc = bs_png_from_svg(&png, svg.ptr, svg.len, 600, d);
		keep = &k;
	}
	if (!rc)
		rc = bs_publish_write(st, ps, svg.ptr, svg.len, d);
	if (!rc)
		rc = bs_publish_write(st, pp, png.ptr, png.len, d);
	if (!rc && keep) {
		to_cache(p, st, keep, ps, "svg");
		to_cache(p, st, keep, pp, "png");
	}
done:
	free(alt);
	free(ps);
	free(pp);
	bs_buf_free(&svg);
	bs_buf_free(&png);
	return rc;
}

/* An older version's page as it was published, with a notice saying what
 * superseded it (or what the badge is called now) inserted where the
 * layout marks the spot. */
static int snapshot_page(bs_buf *out, const bs_site *s, const bs_output *o,
			 bs_diags *d)
{
	bs_buf old = BS_BUF_INIT;
	int rc = bs_files_read_bytes(&old, s->root, o->src, NULL, 0, 0, d);
	if (rc) {
		bs_buf_free(&old);
		return rc;
	}
	bs_buf note = BS_BUF_INIT, root = BS_BUF_INIT;
	char *here = dir_url(o->path);
	bs_url_root(&root, here);
	const char *name = bs_view_str(o->badge->fm.data, "name");
	bs_buf_puts(&note, "<div class=\"notice\" role=\"note\"><p><strong>");
	if (o->old_id)
		bs_buf_printf(&note, "This badge has a new address.</strong> "
				     "It is now ");
	else
		bs_buf_printf(&note,
			      "This is version %d of this badge.</strong> "
			      "It is superseded by ",
			      o->version);
	bs_buf_printf(&note, "<a href=\"%s%s\">", root.ptr, o->badge->dir);
	bs_buf_html(&note, name, strlen(name));
	if (!o->old_id)
		bs_buf_printf(&note, ", version %d", o->badge->version);
	bs_buf_puts(&note, "</a>. Badges already awarded with this version "
			   "stay valid, and this page, its JSON and its "
			   "images stay published here.</p></div>");
	static const char mark[] = "<!--badgesite:notice-->";
	const char *at = strstr(old.ptr, mark);
	if (!at) {
		/* pages from layouts without the mark: after <main ...> */
		at = strstr(old.ptr, "<main");
		at = at ? strchr(at, '>') : NULL;
		if (at)
			at++;
	}
	size_t cut = at ? (size_t)(at - old.ptr) : old.len;
	bs_buf_put(out, old.ptr, cut);
	bs_buf_put(out, note.ptr, note.len);
	bs_buf_put(out, old.ptr + cut, old.len - cut);
	free(here);
	bs_buf_free(&note);
	bs_buf_free(&root);
	bs_buf_free(&old);
	return BS_OK;
}

static void sitemap(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	bs_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
			 "sitemap/0.9\">\n");
	for (size_t i = 0; i < p->n; i++) {
		const char *path = p->v[i].path;
		size_t n = strlen(path);
		if (n < 10 || strcmp(path + n - 10, "index.html") != 0)
			continue;
		bs_buf_puts(out, "  <url><loc>");
		bs_buf_xml(out, s->base_url, strlen(s->base_url));
		bs_buf_xml(out, path, n - 10);
		bs_buf_puts(out, "</loc></url>\n");
	}
	bs_buf_puts(out, "</urlset>\n");
}

/* The cache key of an output, or 0 for outputs rendered every time
 * (cheap ones, and older versions' pages, which are read from the
 * snapshots). A badge's own outputs are keyed by its view, which holds
 * everything they show of other badges (stacks, history, replacement),
 * so an edit to one badge changes the keys of the pages that list it.
 * Catalogue pages hold the keys of the badges they list; the other pages
 * that read across the site take p->lists, which holds every badge's
 * key. */
static int page_key(bs_key *k, const bs_plan *p, const bs_output *o)
{
	switch (o->kind) {
	case BS_OUT_BADGE_PAGE:
	case BS_OUT_BADGE_JSON:
	case BS_OUT_PAGE: *k = p->pages; break;
	case BS_OUT_CATALOGUE:
		/* a catalogue page shows the badges it lists and the facet
		 * menu: an edit re-renders only the pages that list the
		 * badge (and the menu, when its values change) */
		*k = p->pages;
		bs_key_add_json(k, p->facets);
		for (size_t i = 0; i < p->nlisted; i++)
			if (lists(o, p->listed[i]))
				bs_key_add(k, &p->listed[i]->key,
					   sizeof p->listed[i]->key);
		break;
	case BS_OUT_HOME:
	case BS_OUT_FRAMEWORK:
	case BS_OUT_GLOSSARY:
	case BS_OUT_LEGEND:
	case BS_OUT_404: *k = p->lists; break;
	default: return 0;
	}
	unsigned char kind = (unsigned char)o->kind;
	bs_key_add(k, &kind, 1);
	bs_key_add_str(k, o->path);
	bs_key_add_str(k, o->facet);
	bs_key_add_str(k, o->facet_value);
	if (o->badge)
		bs_key_add(k, &o->badge->key, sizeof o->badge->key);
	if (o->page) {
		bs_key_add_str(k, o->page->url);
		bs_key_add_str(k, o->page->section);
		bs_key_add(k, o->page->src.text, o->page->src.len);
	}
	return 1;
}

static int render_output(bs_buf *out, const bs_site *s, const bs_plan *p,
			 const bs_output *o, bs_diags *d);

int bs_render_one(size_t *files, const bs_site *s, const bs_plan *p,
		  const bs_output *o, const bs_stage *st, bs_img_ctx *img,
		  bs_diags *d)
{
	*files = 0;
	if (o->kind == BS_OUT_BADGE_IMAGES)
		return images(files, s, p, o->badge, st, img, d);
	bs_key k;
	int keyed = p->cache && page_key(&k, p, o);
	const char *ext = strrchr(o->path, '.');
	ext = ext ? ext + 1 : "out";
	/* a hit is linked into the stage: nothing is rendered */
	if (keyed && from_cache(p, st, &k, o->path, ext)) {
		*files = 1;
		return BS_OK;
	}
	bs_buf out = BS_BUF_INIT;
	int rc = render_output(&out, s, p, o, d);
	if (!rc)
		rc = bs_publish_write(st, o->path, out.ptr, out.len, d);
	bs_buf_free(&out);
	if (!rc && keyed)
		to_cache(p, st, &k, o->path, ext);
	return rc;
}

/* Render one output (not images, which write their own two files) into
 * out. */
static int render_output(bs_buf *out, const bs_site *s, const bs_plan *p,
			 const bs_output *o, bs_diags *d)
{
	int rc = BS_OK;
	json_t *f = NULL;
	char *url = dir_url(o->path);
	switch (o->kind) {
	case BS_OUT_HOME:
		f = frame(s, url, "home", o->page,
			  bs_view_str(s->site, "title"), NULL);
		json_object_set_new(f, "classes", classes_view(s, p));
		{
			json_t *feat = json_array();
			for (size_t i = 0; i < p->nlisted && i < 6; i++)
				json_array_append(feat, p->listed[i]->view);
			json_object_set_new(f, "featured", feat);
			json_t *counts = json_object();
			json_object_set_new(
			    counts, "badges",
			    json_integer((json_int_t)p->nlisted));
			json_object_set_new(
			    counts, "classes",
			    json_integer((json_int_t)s->fw.nclasses));
			json_object_set_new(
			    counts, "terms",
			    json_integer((json_int_t)s->nterms));
			json_object_set_new(f, "counts", counts);
		}
		rc = render_page(out, s, "home", f, NULL, d);
		break;
	case BS_OUT_PAGE: {
		f = frame(s, url, o->page->section, o->page, NULL, NULL);
		rc = render_page(out, s, o->page->section, f, NULL, d);
		break;
	}
	case BS_OUT_FRAMEWORK:
		f = frame(s, url, "framework", o->page,
			  bs_view_str(s->fw.json, "title"), NULL);
		json_object_set_new(f, "framework", framework_view(s, p));
		rc = render_page(out, s, "framework", f, NULL, d);
		break;
	case BS_OUT_CATALOGUE:
		f = frame(s, url, "badges", o->facet ? NULL : o->page, "Badges",
			  NULL);
		catalogue(s, p, o, f);
		if (o->facet) {
			json_t *pg = json_object_get(f, "page");
			json_object_set(pg, "title",
					json_object_get(f, "facet_title"));
		}
		rc = render_page(out, s, "catalogue", f, NULL, d);
		break;
	case BS_OUT_BADGE_PAGE: {
		json_t *v = bs_view_narrative(s, o->badge, 1);
		f = frame(s, url, "badge", NULL, bs_view_str(v, "name"),
			  bs_view_str(v, "description"));
		json_object_set(f, "badge", v);
		rc = render_page(out, s, "badge", f, v, d);
		json_decref(v);
		break;
	}
	case BS_OUT_BADGE_JSON: {
		json_t *site = json_object();
		bs_view_set_str(site, "base_url", s->base_url);
		bs_view_set_str(site, "language",
				bs_view_str(s->site, "default_language"));
		json_t *v = bs_view_narrative(s, o->badge, 0);
		rc = bs_ob_badgeclass(out, v, site, d);
		json_decref(v);
		json_decref(site);
		break;
	}
	case BS_OUT_BADGE_IMAGES: break; /* see bs_render_one */
	case BS_OUT_ISSUER: {
		json_t *site = json_object();
		bs_view_set_str(site, "base_url", s->base_url);
		json_t *hosts = json_object_get(s->site, "issuing_hosts");
		json_object_set_new(site, "issuing_hosts",
				    hosts ? json_incref(hosts) : json_array());
		rc = bs_ob_profile(out, json_object_get(s->issuers, o->issuer),
				   site, d);
		json_decref(site);
		break;
	}
	case BS_OUT_CONTEXT: bs_ob_context(out, s->base_url); break;
	case BS_OUT_GLOSSARY:
		f = frame(s, url, "glossary", o->page, "Glossary", NULL);
		glossary_view(s, f);
		rc = render_page(out, s, "glossary", f, NULL, d);
		break;
	case BS_OUT_LEGEND: {
		f = frame(s, url, "visual-language", o->page, "Visual language",
			  NULL);
		bs_buf lg = BS_BUF_INIT;
		bs_legend_html(&lg, s->vlang);
		bs_view_set_own(f, "legend_html", bs_buf_detach(&lg));
		json_t *samples = json_array();
		const bs_class *last = NULL;
		for (size_t i = 0; i < p->nlisted; i++)
			if (p->listed[i]->cls != last) {
				last = p->listed[i]->cls;
				json_array_append(samples, p->listed[i]->view);
			}
		json_object_set_new(f, "samples", samples);
		rc = render_page(out, s, "legend", f, NULL, d);
		break;
	}
	case BS_OUT_404:
		f = frame(s, NULL, "404", NULL, "Page not found", NULL);
		rc = render_page(out, s, "404", f, NULL, d);
		break;
	case BS_OUT_SITEMAP: sitemap(out, s, p); break;
	case BS_OUT_ROBOTS:
		bs_buf_printf(
		    out, "User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n",
		    s->base_url);
		break;
	case BS_OUT_COPY:
		rc = bs_files_read_bytes(out, s->root, o->src, NULL, 0, 0, d);
		break;
	case BS_OUT_SNAPSHOT_PAGE: rc = snapshot_page(out, s, o, d); break;
	case BS_OUT_REDIRECTS: {
		const char *base = bs_url_base_path(s->base_url);
		for (size_t i = 0; i < p->n; i++) {
			const bs_output *x = &p->v[i];
			if (x->kind != BS_OUT_SNAPSHOT_PAGE || !x->old_id)
				continue;
			char *from = dir_url(x->path);
			bs_buf_printf(out, "%s%s %s%s 301\n", base, from, base,
				      x->badge->dir);
			free(from);
		}
		break;
	}
	}
	json_decref(f);
	free(url);
	return rc;
}
