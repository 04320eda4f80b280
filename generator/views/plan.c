/* plan.c: listing every output of a build. */
#include "views/plan.h"

#include "base/alloc.h"
#include "base/embedded.h"
#include "input/files.h"
#include "model/ledger.h"
#include "views/awardview.h"
#include "views/view.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static bs_output *add(bs_plan *p, bs_out_kind kind, char *path)
{
	bs_xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	bs_output *o = &p->v[p->n++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->path = path;
	return o;
}

/* Folders are collected with their parents and made unique once the plan
 * is complete (sorted, a parent comes before what it holds). */
static void add_dir(bs_plan *p, const char *dir)
{
	const char *slash = strrchr(dir, '/');
	if (slash) {
		char *parent = bs_xstrndup(dir, (size_t)(slash - dir));
		add_dir(p, parent);
		free(parent);
	}
	bs_xgrow((void **)&p->dirs, &p->capdirs, p->ndirs + 1, sizeof *p->dirs);
	p->dirs[p->ndirs++] = bs_xstrdup(dir);
}

int bs_plan_lists(const bs_output *o, const bs_badge *b)
{
	if (!o->facet)
		return 1;
	if (!o->facet_value)
		return 0;
	const char *v = strcmp(o->facet, "class") == 0
			    ? b->cls->name
			    : bs_view_str(b->fm.data, o->facet);
	return v && strcmp(v, o->facet_value) == 0;
}

char *bs_plan_slug(const char *value)
{
	bs_buf b = BS_BUF_INIT;
	int dash = 0;
	for (const unsigned char *q = (const unsigned char *)value; *q; q++) {
		unsigned char c = *q;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len)
				bs_buf_putc(&b, '-');
			bs_buf_putc(&b, (char)c);
			dash = 0;
		} else if (c >= 0x80) {
			/* keep UTF-8 letters: the slug stays readable */
			if (dash && b.len)
				bs_buf_putc(&b, '-');
			bs_buf_putc(&b, (char)c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (!b.len)
		bs_buf_puts(&b, "other");
	return bs_buf_detach(&b);
}

static int cmp_badges(const void *a, const void *b)
{
	const bs_badge *x = *(const bs_badge *const *)a;
	const bs_badge *y = *(const bs_badge *const *)b;
	/* classes live in one array in framework order */
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	int c = strcmp(bs_view_str(x->fm.data, "name"),
		       bs_view_str(y->fm.data, "name"));
	return c ? c : strcmp(x->id, y->id);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Outputs by path, then in the order they were planned. */
static int cmp_out(const void *a, const void *b)
{
	const bs_output *x = *(const bs_output *const *)a;
	const bs_output *y = *(const bs_output *const *)b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x > y) - (x < y);
}

/* The site file an output is made from, or NULL for one the program
 * writes from the site as a whole (the home page without _index.md,
 * sitemap, contexts, ...). */
static const char *source_of(const bs_output *o)
{
	if (o->src)
		return o->src;
	if (o->page)
		return o->page->src.path;
	if (o->badge)
		return o->badge->src.path;
	if (o->issuer)
		return "site.json";
	return NULL;
}

/* Two outputs a and b at one path: an error naming what each comes
 * from. */
static int clash(const bs_output *a, const bs_output *b, bs_diags *d)
{
	const char *fa = source_of(a), *fb = source_of(b);
	if (!fa) {
		const char *t = fa;
		fa = fb;
		fb = t;
	}
	if (fa && fb && strcmp(fa, fb) != 0)
		bs_diag_file(d, BS_ERROR, fa, 0, 0,
			     "'%s' would be written twice: from %s and "
			     "from %s",
			     a->path, fa, fb);
	else if (fa)
		bs_diag_file(d, BS_ERROR, fa, 0, 0,
			     "'%s' would be written twice: from %s and as "
			     "a file badgesite makes itself",
			     a->path, fa);
	else
		bs_diag_file(d, BS_ERROR, NULL, 0, 0,
			     "two outputs would be written to '%s'", a->path);
	if (a->badge && b->badge && a->badge != b->badge)
		bs_diag_hint(d, "rename one of the two; \"previous_ids\" may "
				"not name a badge that still exists");
	else
		bs_diag_hint(d, "rename the page or badge that clashes with "
				"the other path");
	return BS_ECONTENT;
}

/* The facet pages for one field: each distinct value of the listed
 * badges, in sorted order (classes in framework order). */
static void facet(bs_plan *p, const bs_site *s, const char *field,
		  const char *title)
{
	const char **vals = bs_xcalloc(p->nlisted + 1, sizeof *vals);
	size_t n = 0;
	for (size_t i = 0; i < p->nlisted; i++) {
		const bs_badge *b = p->listed[i];
		const char *v = strcmp(field, "class") == 0
				    ? b->cls->name
				    : bs_view_str(b->fm.data, field);
		if (!v)
			continue;
		size_t k = 0;
		while (k < n && strcmp(vals[k], v))
			k++;
		if (k == n)
			vals[n++] = v;
	}
	if (strcmp(field, "class") != 0)
		qsort(vals, n, sizeof *vals, cmp_str);
	if (!n) {
		free(vals);
		return;
	}
	json_t *f = json_object();
	json_object_set_new(f, "name", json_string(title));
	json_object_set_new(f, "field", json_string(field));
	/* the facet's root lists its values: badges/by-class/ */
	char *root = bs_xasprintf("badges/by-%s", field);
	add_dir(p, root);
	add(p, BS_OUT_CATALOGUE, bs_xasprintf("%s/index.html", root))->facet =
	    bs_xstrdup(field);
	json_object_set_new(f, "path", json_string(root));
	bs_view_set_own(f, "url", bs_xasprintf("%s/", root));
	free(root);
	json_t *values = json_array();
	for (size_t k = 0; k < n; k++) {
		char *slug = NULL;
		if (strcmp(field, "class") == 0) {
			for (size_t i = 0; i < s->fw.nclasses; i++)
				if (strcmp(s->fw.classes[i].name, vals[k]) == 0)
					slug = bs_xstrdup(s->fw.classes[i].id);
		} else {
			slug = bs_plan_slug(vals[k]);
		}
		char *dir = bs_xasprintf("badges/by-%s/%s", field, slug);
		add_dir(p, dir);
		bs_output *o = add(p, BS_OUT_CATALOGUE,
				   bs_xasprintf("%s/index.html", dir));
		o->facet = bs_xstrdup(field);
		o->facet_value = bs_xstrdup(vals[k]);
		json_t *v = json_object();
		json_object_set_new(v, "label", json_string(vals[k]));
		json_object_set_new(v, "url", json_string(dir + 0));
		json_object_set_new(v, "path", json_string(dir));
		size_t count = 0;
		for (size_t i = 0; i < p->nlisted; i++) {
			const bs_badge *b = p->listed[i];
			const char *bv = strcmp(field, "class") == 0
					     ? b->cls->name
					     : bs_view_str(b->fm.data, field);
			count += bv && strcmp(bv, vals[k]) == 0;
		}
		json_object_set_new(v, "count",
				    json_integer((json_int_t)count));
		json_array_append_new(values, v);
		free(dir);
		free(slug);
	}
	json_object_set_new(f, "values", values);
	json_array_append_new(p->facets, f);
	free(vals);
}

/* The kinds of file a site's assets/css and assets/img may hold: each is
 * published as it is but SVG, which goes through the designer cleaner
 * (site/render.c). Anything else is refused. */
static const char *const asset_types[] = {
    "css",  "svg", "png",  "jpg",   "jpeg", "gif", "webp",
    "avif", "ico", "woff", "woff2", "txt",  NULL};

static int asset_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash) || dot == path ||
	    (slash && dot == slash + 1))
		return 0;
	for (size_t i = 0; asset_types[i]; i++)
		if (strcasecmp(dot + 1, asset_types[i]) == 0)
			return 1;
	return 0;
}

/* Folders below assets/css and assets/img; deeper is refused (a link
 * that leads back up would otherwise never end). */
#define ASSET_DEPTH 8

typedef struct file_list {
	char **v;
	size_t n, cap;
} file_list;

/* Every file under the site's folder rel, subfolders included, hidden
 * names skipped; links are followed only inside the site (input/files). */
static void list_assets(file_list *l, const bs_site *s, const char *rel,
			int depth, bs_diags *d)
{
	DIR *dir;
	if (bs_files_opendir(&dir, s->root, rel, d))
		return;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = bs_xasprintf("%s/%s", rel, e->d_name);
		struct stat st;
		if (bs_files_stat(&st, s->root, path, NULL, 0, 0, d)) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode) && depth < ASSET_DEPTH) {
			list_assets(l, s, path, depth + 1, d);
			free(path);
		} else if (S_ISDIR(st.st_mode)) {
			bs_diag_file(d, BS_ERROR, path, 0, 0,
				     "folders nested more than %d deep",
				     ASSET_DEPTH);
			bs_diag_hint(d, "check for a link that leads back up");
			free(path);
		} else if (!S_ISREG(st.st_mode)) {
			bs_diag_file(d, BS_ERROR, path, 0, 0,
				     "not a regular file");
			free(path);
		} else {
			bs_xgrow((void **)&l->v, &l->cap, l->n + 1,
				 sizeof *l->v);
			l->v[l->n++] = path;
		}
	}
	closedir(dir);
}

static void copy_assets(bs_plan *p, const bs_site *s, bs_diags *d)
{
	file_list l = {NULL, 0, 0};
	list_assets(&l, s, "assets/css", 0, d);
	list_assets(&l, s, "assets/img", 0, d);
	for (const bs_embedded *e = bs_embedded_files; e->path; e++) {
		if (strncmp(e->path, "assets/css/", 11) &&
		    strncmp(e->path, "assets/img/", 11))
			continue;
		bs_xgrow((void **)&l.v, &l.cap, l.n + 1, sizeof *l.v);
		l.v[l.n++] = bs_xstrdup(e->path);
	}
	qsort(l.v, l.n, sizeof *l.v, cmp_str);
	const char *last = NULL; /* the site's copy shadows the default */
	for (size_t i = 0; i < l.n; i++) {
		if (last && strcmp(l.v[i], last) == 0) {
			free(l.v[i]);
			continue;
		}
		last = l.v[i];
		if (!asset_type(l.v[i])) {
			bs_diag_file(d, BS_ERROR, l.v[i], 0, 0,
				     "assets of this type are not published");
			bs_buf b = BS_BUF_INIT;
			for (size_t k = 0; asset_types[k]; k++)
				bs_buf_printf(&b, "%s.%s", k ? ", " : "",
					      asset_types[k]);
			bs_diag_hint(d,
				     "assets/css and assets/img may hold %s "
				     "files (SVG is cleaned); move the file "
				     "elsewhere in assets/ or remove it",
				     b.ptr);
			bs_buf_free(&b);
		}
		const char *slash = strrchr(l.v[i], '/');
		char *dir = bs_xstrndup(l.v[i], (size_t)(slash - l.v[i]));
		add_dir(p, dir);
		free(dir);
		bs_output *o = add(p, BS_OUT_COPY, bs_xstrdup(l.v[i]));
		o->src = l.v[i];
	}
	free(l.v);
}

static void snapshots_in(bs_plan *p, const bs_site *s, const bs_badge *b,
			 const char *id, const char *renamed_to,
			 const int *vers, size_t n, int li)
{
	for (size_t i = 0; i < n; i++) {
		if (!renamed_to && vers[i] == b->version)
			continue;
		const char *pre = s->langs[li].prefix;
		char *dir =
		    i == 0 ? bs_xasprintf("%sbadges/%s", pre, id)
			   : bs_xasprintf("%sbadges/%s/v%d", pre, id, vers[i]);
		add_dir(p, dir);
		for (const char *const *f = bs_snapshot_files; *f; f++) {
			bs_output *o =
			    add(p,
				strcmp(*f, "index.html") ? BS_OUT_COPY
							 : BS_OUT_SNAPSHOT_PAGE,
				bs_xasprintf("%s/%s", dir, *f));
			o->src = bs_xasprintf("%s/%s/v%d/%s", BS_SNAPSHOT_DIR,
					      id, vers[i], *f);
			o->badge = b;
			o->version = vers[i];
			o->lang = li;
			if (renamed_to) {
				o->old_id = bs_xstrdup(id);
				p->renames = 1;
			}
		}
		/* what the build that published the version made besides */
		for (const char *const *f = bs_snapshot_optional; *f; f++) {
			if (!bs_snapshot_has(s->root, id, vers[i], *f))
				continue;
			bs_output *o =
			    add(p, BS_OUT_COPY, bs_xasprintf("%s/%s", dir, *f));
			o->src = bs_xasprintf("%s/%s/v%d/%s", BS_SNAPSHOT_DIR,
					      id, vers[i], *f);
			o->badge = b;
			o->version = vers[i];
			o->lang = li;
		}
		free(dir);
	}
}

/* Older versions of badge b (kept under content/published/<id>/) stay
 * published at their URLs, byte for byte but for a notice on the page.
 * For a renamed badge, id is an old id and every version is older. Each
 * language edition keeps its URLs of the version too: the kept files of
 * the default language, and a page that leads to the kept one. */
static void snapshots(bs_plan *p, const bs_site *s, const bs_badge *b,
		      const char *id, const char *renamed_to)
{
	int *vers;
	size_t n;
	bs_snapshot_versions(&vers, &n, s->root, id);
	for (size_t li = 0; li < s->nlangs; li++)
		snapshots_in(p, s, b, id, renamed_to, vers, n, (int)li);
	free(vers);
}

/* A badge's QR code, poster and social card live at its id, whatever its
 * version (they show the current one), and at each id it had before. */
static void earner_files(bs_plan *p, const bs_badge *b, const char *id)
{
	char *dir = bs_xasprintf("badges/%s/poster", id);
	add_dir(p, dir);
	add(p, BS_OUT_POSTER, bs_xasprintf("%s/index.html", dir))->badge = b;
	add(p, BS_OUT_QR, bs_xasprintf("badges/%s/qr.svg", id))->badge = b;
	add(p, BS_OUT_CARD, bs_xasprintf("badges/%s/card.png", id))->badge = b;
	free(dir);
}

/* Each award's JSON, earner page and baked images; each awarding
 * issuer's revocation list; in a build that signs, the DID document
 * (even before the first award: the issuer's identity), each award's
 * credential and each awarding issuer's status list. */
static void plan_awards(bs_plan *p, const bs_site *s)
{
	const bs_awards *aw = s->awards;
	if (s->did_path) {
		if (strchr(s->did_path, '/'))
			add_dir(p, ".well-known");
		add(p, BS_OUT_DID, bs_xstrdup(s->did_path));
	}
	if (!aw || !aw->n)
		return;
	add_dir(p, "awards");
	for (size_t i = 0; i < aw->n; i++) {
		const bs_award *a = &aw->v[i];
		char *dir = bs_xasprintf("awards/%s", a->id);
		add_dir(p, dir);
		/* each set before the next add, which may move the array */
		const bs_out_kind kinds[3] = {
		    BS_OUT_AWARD_JSON, BS_OUT_AWARD_PAGE, BS_OUT_AWARD_IMAGES};
		for (size_t k = 0; k < 3; k++) {
			bs_output *o =
			    add(p, kinds[k],
				k == 0	 ? bs_xasprintf("awards/%s.json", a->id)
				: k == 1 ? bs_xasprintf("%s/index.html", dir)
					 : bs_xasprintf("%s/badge.svg", dir));
			o->award = a;
			o->badge = a->bv->badge;
		}
		if (s->did_path) {
			bs_output *o = add(
			    p, BS_OUT_AWARD_CREDENTIAL,
			    bs_xasprintf("awards/%s.credential.json", a->id));
			o->award = a;
			o->badge = a->bv->badge;
		}
		free(dir);
	}
	if (s->did_path)
		add_dir(p, "awards/status");
	const char *iid;
	json_t *it;
	json_object_foreach(s->issuers, iid, it)
	{
		if (!bs_awards_by_issuer(aw, iid))
			continue;
		add(p, BS_OUT_REVOCATIONS, bs_awardview_revocations_path(iid))
		    ->issuer = iid;
		if (s->did_path)
			add(p, BS_OUT_STATUS_LIST,
			    bs_awardview_status_path(iid))
			    ->issuer = iid;
	}
}

/* Is output o (of the default language) published in every language
 * edition too? Pages, and a badge's own files at its id (not those at an
 * id it had before); its images only when the edition draws its own. */
static int in_editions(const bs_output *o, int li)
{
	switch (o->kind) {
	case BS_OUT_HOME:
	case BS_OUT_PAGE:
	case BS_OUT_FRAMEWORK:
	case BS_OUT_CATALOGUE:
	case BS_OUT_GLOSSARY:
	case BS_OUT_LEGEND:
	case BS_OUT_BADGE_PAGE:
	case BS_OUT_BADGE_JSON:
	case BS_OUT_ACHIEVEMENT: return 1;
	case BS_OUT_POSTER:
	case BS_OUT_QR: break;
	case BS_OUT_BADGE_IMAGES:
	case BS_OUT_CARD:
		if (!o->badge->ed[li].own_images)
			return 0;
		break;
	default: return 0;
	}
	size_t n = strlen(o->badge->id);
	return strncmp(o->path, "badges/", 7) == 0 &&
	       strncmp(o->path + 7, o->badge->id, n) == 0 &&
	       o->path[7 + n] == '/';
}

/* Every language but the default: the outputs in_editions names, under
 * the language's prefix ("fr/badges/x/index.html"). */
static void plan_editions(bs_plan *p, const bs_site *s)
{
	size_t n0 = p->n;
	for (size_t li = 1; li < s->nlangs; li++) {
		const char *pre = s->langs[li].prefix;
		for (size_t i = 0; i < n0; i++) {
			if (!in_editions(&p->v[i], (int)li))
				continue;
			bs_output o = p->v[i];
			char *path = bs_xasprintf("%s%s", pre, o.path);
			const char *slash = strrchr(path, '/');
			char *dir = bs_xstrndup(path, (size_t)(slash - path));
			add_dir(p, dir);
			free(dir);
			bs_output *e = add(p, o.kind, path);
			e->badge = o.badge;
			e->page = o.page;
			e->facet = o.facet ? bs_xstrdup(o.facet) : NULL;
			e->facet_value =
			    o.facet_value ? bs_xstrdup(o.facet_value) : NULL;
			e->lang = (int)li;
		}
	}
}

int bs_plan_make(bs_plan *p, const bs_site *s, bs_diags *d)
{
	memset(p, 0, sizeof *p);
	const bs_page *home = NULL, *fw = NULL, *cat = NULL, *glo = NULL,
		      *leg = NULL;
	for (size_t i = 0; i < s->npages; i++) {
		const bs_page *pg = &s->pages[i];
		if (pg->skip)
			continue;
		if (!pg->url[0])
			home = pg;
		else if (strcmp(pg->url, "framework/") == 0)
			fw = pg;
		else if (strcmp(pg->url, "badges/") == 0)
			cat = pg;
		else if (strcmp(pg->url, "glossary/") == 0)
			glo = pg;
		else if (strcmp(pg->url, "visual-language/") == 0)
			leg = pg;
		else {
			char *dir = bs_xstrndup(pg->url, strlen(pg->url) - 1);
			add_dir(p, dir);
			free(dir);
			add(p, BS_OUT_PAGE,
			    bs_xasprintf("%sindex.html", pg->url))
			    ->page = pg;
		}
	}
	add(p, BS_OUT_HOME, bs_xstrdup("index.html"))->page = home;
	add_dir(p, "framework");
	add(p, BS_OUT_FRAMEWORK, bs_xstrdup("framework/index.html"))->page = fw;
	add_dir(p, "badges");
	add(p, BS_OUT_CATALOGUE, bs_xstrdup("badges/index.html"))->page = cat;
	add_dir(p, "glossary");
	add(p, BS_OUT_GLOSSARY, bs_xstrdup("glossary/index.html"))->page = glo;
	add_dir(p, "visual-language");
	add(p, BS_OUT_LEGEND, bs_xstrdup("visual-language/index.html"))->page =
	    leg;
	add(p, BS_OUT_404, bs_xstrdup("404.html"));
	add(p, BS_OUT_SITEMAP, bs_xstrdup("sitemap.xml"));
	add(p, BS_OUT_ROBOTS, bs_xstrdup("robots.txt"));
	add(p, BS_OUT_SITE_CARD, bs_xstrdup("card.png"));
	add_dir(p, "contexts");
	add(p, BS_OUT_CONTEXT, bs_xstrdup("contexts/framework-v1.jsonld"));
	add(p, BS_OUT_CONTEXT_OB3,
	    bs_xstrdup("contexts/framework-ob3-v1.jsonld"));
	add(p, BS_OUT_CONTEXT_SCHEMA,
	    bs_xstrdup("contexts/framework-v1.schema.json"));
	add_dir(p, "contexts/framework-v1");
	add(p, BS_OUT_VOCAB, bs_xstrdup("contexts/framework-v1/index.html"));
	add_dir(p, "issuers");
	const char *iid;
	json_t *it;
	json_object_foreach(s->issuers, iid, it)
	{
		add(p, BS_OUT_ISSUER, bs_xasprintf("issuers/%s.json", iid))
		    ->issuer = iid;
		add(p, BS_OUT_ISSUER_OB3,
		    bs_xasprintf("issuers/%s.ob3.json", iid))
		    ->issuer = iid;
	}
	p->listed = bs_xcalloc(s->nbadges + 1, sizeof *p->listed);
	p->retired = bs_xcalloc(s->nbadges + 1, sizeof *p->retired);
	for (size_t i = 0; i < s->nbadges; i++) {
		const bs_badge *b = &s->badges[i];
		if (b->skip)
			continue;
		char *dir = bs_xstrndup(b->dir, strlen(b->dir) - 1);
		add_dir(p, dir);
		add(p, BS_OUT_BADGE_PAGE, bs_xasprintf("%s/index.html", dir))
		    ->badge = b;
		add(p, BS_OUT_BADGE_JSON, bs_xasprintf("%s/badge.json", dir))
		    ->badge = b;
		add(p, BS_OUT_ACHIEVEMENT,
		    bs_xasprintf("%s/achievement.json", dir))
		    ->badge = b;
		add(p, BS_OUT_BADGE_IMAGES, bs_xasprintf("%s/badge.svg", dir))
		    ->badge = b;
		free(dir);
		snapshots(p, s, b, b->id, NULL);
		earner_files(p, b, b->id);
		json_t *prev = json_object_get(b->fm.data, "previous_ids");
		size_t k;
		json_t *it2;
		json_array_foreach(prev, k, it2)
		{
			snapshots(p, s, b, json_string_value(it2), b->id);
			earner_files(p, b, json_string_value(it2));
		}
		if (b->status != BS_RETIRED)
			p->listed[p->nlisted++] = b;
		else
			p->retired[p->nretired++] = b;
	}
	qsort(p->listed, p->nlisted, sizeof *p->listed, cmp_badges);
	qsort(p->retired, p->nretired, sizeof *p->retired, cmp_badges);
	p->facets = json_array();
	facet(p, s, "class", "Class");
	facet(p, s, "category", "Category");
	facet(p, s, "programme", "Programme");
	plan_editions(p, s);
	copy_assets(p, s, d);
	plan_awards(p, s);
	/* what the images are drawn from: the spec with the files it read
	 * (icons, shapes, the font), and the program with its libraries */
	bs_key_init(&p->images);
	bs_key_add(&p->images, &s->vlang->key, sizeof s->vlang->key);
	bs_key_add(&p->images, &s->program, sizeof s->program);
	/* pages: the layouts as loaded, site.json and framework.json */
	p->pages = p->images;
	bs_key_add(&p->pages, &s->layouts_key, sizeof s->layouts_key);
	bs_key_add(&p->pages, s->site_src.text, s->site_src.len);
	bs_key_add(&p->pages, s->fw.src.text, s->fw.src.len);
	bs_key_add_str(&p->pages, s->base_url);
	bs_key_add(&p->pages, &s->drafts, sizeof s->drafts);
	bs_key_add_json(&p->pages, s->site_view);
	bs_key_add_json(&p->pages, s->nav);
	bs_key_add_json(&p->pages, s->issuers);
	for (size_t li = 1; li < s->nlangs; li++) {
		bs_key_add_str(&p->pages, s->langs[li].code);
		bs_key_add_json(&p->pages, s->langs[li].nav);
	}
	for (size_t li = 0; li < s->nlangs; li++)
		bs_key_add_json(&p->pages, s->langs[li].strings);
	for (size_t i = 0; i < s->ntrs; i++)
		if (s->trs[i].kind == BS_TR_PAGE)
			bs_key_add(&p->pages, s->trs[i].src.text,
				   s->trs[i].src.len);
	p->lists = p->pages;
	for (size_t i = 0; i < s->nbadges; i++) {
		const bs_badge *b = &s->badges[i];
		if (b->skip)
			continue;
		bs_key_add_str(&p->lists, b->id);
		bs_key_add(&p->lists, &b->key, sizeof b->key);
		for (size_t li = 1; li < s->nlangs; li++)
			bs_key_add(&p->lists, bs_view_key(b, (int)li),
				   sizeof b->key);
	}
	for (size_t i = 0; i < s->nterms; i++) {
		bs_key_add(&p->lists, s->terms[i].src.text,
			   s->terms[i].src.len);
		bs_key_add_json(&p->lists, s->terms[i].view);
		for (size_t li = 1; li < s->nlangs; li++)
			bs_key_add_json(&p->lists,
					bs_view_term(&s->terms[i], (int)li));
	}
	for (size_t i = 0; i < p->nlisted; i++)
		bs_key_add_str(&p->lists, p->listed[i]->id);
	bs_key_add_str(&p->lists, "retired:");
	for (size_t i = 0; i < p->nretired; i++)
		bs_key_add_str(&p->lists, p->retired[i]->id);
	bs_key_add_json(&p->lists, p->facets);
	if (p->renames)
		add(p, BS_OUT_REDIRECTS, bs_xstrdup("_redirects"));
	add(p, BS_OUT_HOST_HEADERS, bs_xstrdup("_headers"));
	add(p, BS_OUT_HOST_NGINX, bs_xstrdup("_nginx.conf"));
	add(p, BS_OUT_HOST_APACHE, bs_xstrdup(".htaccess"));
	qsort(p->dirs, p->ndirs, sizeof *p->dirs, cmp_str);
	size_t w = 0;
	for (size_t i = 0; i < p->ndirs; i++) {
		if (w && strcmp(p->dirs[w - 1], p->dirs[i]) == 0)
			free(p->dirs[i]);
		else
			p->dirs[w++] = p->dirs[i];
	}
	p->ndirs = w;
	/* two outputs at one path would silently lose one of them */
	const bs_output **by = bs_xcalloc(p->n + 1, sizeof *by);
	for (size_t i = 0; i < p->n; i++)
		by[i] = &p->v[i];
	qsort(by, p->n, sizeof *by, cmp_out);
	int rc = BS_OK;
	const char *last_a = NULL, *last_b = NULL; /* said once per pair */
	for (size_t i = 1; i < p->n; i++) {
		if (strcmp(by[i]->path, by[i - 1]->path) != 0)
			continue;
		const char *a = source_of(by[i - 1]), *b = source_of(by[i]);
		if (a && b && last_a && strcmp(a, last_a) == 0 &&
		    strcmp(b, last_b) == 0)
			continue;
		rc = clash(by[i - 1], by[i], d);
		last_a = a;
		last_b = b;
	}
	free(by);
	return rc;
}

void bs_plan_free(bs_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].src);
		free(p->v[i].facet);
		free(p->v[i].facet_value);
		free(p->v[i].old_id);
	}
	free(p->v);
	for (size_t i = 0; i < p->ndirs; i++)
		free(p->dirs[i]);
	free(p->dirs);
	free(p->listed);
	free(p->retired);
	for (size_t i = 0; i < p->naward_imgs; i++) {
		bs_buf_free(&p->award_svg[i]);
		bs_buf_free(&p->award_png[i]);
		bs_buf_free(&p->award_ach[i]);
	}
	free(p->award_svg);
	free(p->award_png);
	free(p->award_ach);
	free(p->award_keys);
	json_decref(p->facets);
	memset(p, 0, sizeof *p);
}
