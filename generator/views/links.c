/* links.c: checking the links of the pages against the plan. */
#include "views/links.h"

#include "base/alloc.h"
#include "base/par.h"
#include "pages/markdown.h"

#include <stdlib.h>
#include <string.h>

typedef struct checker {
	const bs_site *s;
	char **v; /* what a link may name, site-relative, sorted: every
		     output path, and "badges/x/" for badges/x/index.html */
	size_t n, cap;
} checker;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push(checker *c, char *path)
{
	bs_xgrow((void **)&c->v, &c->cap, c->n + 2, sizeof *c->v);
	c->v[c->n++] = path;
	c->v[c->n] = NULL; /* a candidate list for bs_suggest */
}

static void targets(checker *c, const bs_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const char *path = p->v[i].path;
		size_t n = strlen(path);
		push(c, bs_xstrdup(path));
		if (n >= 10 && strcmp(path + n - 10, "index.html") == 0 &&
		    (n == 10 || path[n - 11] == '/'))
			push(c, bs_xstrndup(path, n - 10));
		if (p->v[i].kind == BS_OUT_BADGE_IMAGES ||
		    p->v[i].kind == BS_OUT_AWARD_IMAGES)
			push(c,
			     bs_xasprintf("%.*sbadge.png", (int)(n - 9), path));
	}
	if (!c->v)
		push(c, bs_xstrdup("")); /* never empty: v ends in NULL */
	qsort(c->v, c->n, sizeof *c->v, cmp_str);
}

static int has(const checker *c, const char *path)
{
	return bsearch(&path, c->v, c->n, sizeof *c->v, cmp_str) != NULL;
}

/* A path as written, or a folder without its closing slash. */
static int found(const checker *c, const char *path)
{
	if (has(c, path))
		return 1;
	size_t n = strlen(path);
	if (!n || path[n - 1] == '/')
		return 0;
	char *slash = bs_xasprintf("%s/", path);
	int ok = has(c, slash);
	free(slash);
	return ok;
}

static int hexval(char h)
{
	if (h >= '0' && h <= '9')
		return h - '0';
	if (h >= 'a' && h <= 'f')
		return h - 'a' + 10;
	if (h >= 'A' && h <= 'F')
		return h - 'A' + 10;
	return -1;
}

/* Append segment s (n bytes) percent-decoded. */
static void put_decoded(bs_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			bs_buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			bs_buf_putc(out, s[i]);
		}
	}
}

/* dir ("badges/x/", or "") followed by rel (n bytes), with "." and ".."
 * resolved, into out. Returns -1 if ".." leads above the root. */
static int join(bs_buf *out, const char *dir, const char *rel, size_t n)
{
	char *all = bs_xasprintf("%s%.*s", dir, (int)n, rel);
	const char *p = all;
	int folder = 1; /* the last segment names a folder */
	int rc = 0;
	while (*p) {
		size_t k = strcspn(p, "/");
		folder = 1;
		if (k == 0 || (k == 1 && p[0] == '.')) {
			/* nothing to add */
		} else if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (!out->len) {
				rc = -1;
				break;
			}
			out->len--; /* its '/' */
			while (out->len && out->ptr[out->len - 1] != '/')
				out->len--;
		} else {
			put_decoded(out, p, k);
			bs_buf_putc(out, '/');
			folder = p[k] == '/';
		}
		p += k + (p[k] == '/');
	}
	if (!rc && !folder)
		out->len--; /* a file: no '/' after it */
	if (out->ptr)
		out->ptr[out->len] = '\0';
	free(all);
	return rc;
}

enum { R_EXTERNAL, R_OURS, R_OUT };

/* What link u on the page at dir names: R_OURS with *path (site-relative)
 * and *frag (NULL without '#'), both for the caller to free; R_EXTERNAL
 * for another host or scheme; R_OUT above the site's root. */
static int resolve(const bs_site *s, const char *dir, const char *u,
		   char **path, char **frag)
{
	*path = *frag = NULL;
	size_t bl = s->base_url ? strlen(s->base_url) : 0;
	const char *rest = u;
	if (bl && strncmp(u, s->base_url, bl) == 0) {
		rest = u + bl, dir = "";
	} else if (u[0] == '/' && u[1] == '/') {
		return R_EXTERNAL;
	} else if (u[0] == '/') {
		rest = u + 1, dir = "";
	} else {
		size_t k = strcspn(u, ":/?#");
		if (u[k] == ':')
			return R_EXTERNAL; /* http:, mailto: */
	}
	size_t n = strcspn(rest, "?#");
	const char *hash = strchr(rest, '#');
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "");
	if (join(&b, dir, rest, n)) {
		bs_buf_free(&b);
		return R_OUT;
	}
	*path = bs_buf_detach(&b);
	if (hash && hash[1]) {
		bs_buf f = BS_BUF_INIT;
		put_decoded(&f, hash + 1, strlen(hash + 1));
		*frag = bs_buf_detach(&f);
	}
	return R_OURS;
}

/* Where a link was written, for its report. */
typedef struct at {
	const bs_source *src; /* a Markdown body's file, or NULL */
	const char *path;     /* a layout's path (src NULL) */
	int line, col;
} at;

static void report(bs_diags *d, const at *a, const char *fmt, const char *x,
		   const char *y)
{
	if (a->src)
		bs_diag_at(d, BS_ERROR, a->src, a->line, a->col, fmt, x, y);
	else
		bs_diag_file(d, BS_ERROR, a->path, a->line, a->col, fmt, x, y);
}

/* An anchor where we know the page's ids: the glossary's terms, the
 * framework page's classes. */
static void check_anchor(const checker *c, const char *path, const char *f,
			 const char *u, const at *a, bs_diags *d)
{
	const bs_site *s = c->s;
	size_t n = strlen(f);
	const char *word = f;
	char *own = NULL;
	if (n > 2 && strcmp(f + n - 2, "-h") == 0)
		word = own = bs_xstrndup(f, n - 2); /* the heading's id */
	if (strcmp(path, "glossary/") == 0 ||
	    strcmp(path, "glossary/index.html") == 0) {
		const char **ids = bs_xcalloc(s->nterms + 1, sizeof *ids);
		int found = strcmp(f, "main") == 0;
		for (size_t i = 0; i < s->nterms; i++) {
			ids[i] = s->terms[i].id;
			found |= strcmp(ids[i], word) == 0;
		}
		if (!found) {
			report(d, a,
			       "link to '%s': the glossary has no term "
			       "'%s'",
			       u, f);
			const char *near = bs_suggest(f, ids);
			if (near)
				bs_diag_hint(d, "did you mean '#%s'?", near);
			else
				bs_diag_hint(d, "a term's anchor is its file "
						"name in content/glossary/, "
						"without .md");
		}
		free(ids);
	} else if ((strcmp(path, "framework/") == 0 ||
		    strcmp(path, "framework/index.html") == 0) &&
		   strncmp(word, "class-", 6) == 0) {
		const char **ids = bs_xcalloc(s->fw.nclasses + 1, sizeof *ids);
		int found = 0;
		for (size_t i = 0; i < s->fw.nclasses; i++) {
			ids[i] = s->fw.classes[i].id;
			found |= strcmp(ids[i], word + 6) == 0;
		}
		if (!found) {
			report(d, a,
			       "link to '%s': the framework has no "
			       "class '%s'",
			       u, word + 6);
			const char *near = bs_suggest(word + 6, ids);
			if (near)
				bs_diag_hint(d, "did you mean '#class-%s'?",
					     near);
			else
				bs_diag_hint(d, "the classes are those of "
						"content/framework.json");
		}
		free(ids);
	}
	free(own);
}

/* Link u, written on the page at dir (site-relative); reports show it as
 * written (shown). */
static void check_link(const checker *c, const char *dir, const char *u,
		       const char *shown, const at *a, bs_diags *d)
{
	char *path, *frag;
	int r = resolve(c->s, dir, u, &path, &frag);
	if (r == R_OUT) {
		report(d, a, "link to '%s' leads above the site's root%s",
		       shown, "");
		bs_diag_hint(d, "write it from the site's root, as "
				"/badges/<id>/: it is made relative on every "
				"page");
	} else if (r == R_OURS && !found(c, path)) {
		report(d, a,
		       "link to '%s' leads to no page or file this site "
		       "publishes%s",
		       shown, "");
		const char *near = bs_suggest(path, (const char *const *)c->v);
		if (near)
			bs_diag_hint(d, "did you mean '/%s'?", near);
		else
			bs_diag_hint(d, "link to a page, badge or asset of the "
					"site from its root (/badges/<id>/, "
					"/framework/, /glossary/#<term>), or "
					"write a full https:// address");
	} else if (r == R_OURS && frag) {
		check_anchor(c, path, frag, shown, a, d);
	}
	free(path);
	free(frag);
}

/* ---- Markdown bodies ---- */

typedef struct body {
	const checker *c;
	const char *dir;
	const bs_source *src;
	int line0;
	int col; /* the footer: every link is reported at its value */
	bs_diags *d;
} body;

static void on_link(void *ctx, const char *url, int line, int col)
{
	body *b = ctx;
	at a = {b->src, NULL, b->line0 + (line ? line - 1 : 0), line ? col : 1};
	if (b->col) {
		a.line = b->line0, a.col = b->col;
		if (url[0] != '/' && url[0] != '#' &&
		    url[strcspn(url, ":/?#")] != ':') {
			/* on every page: only a path from the root works */
			report(b->d, &a,
			       "link to '%s' in the footer is relative: it "
			       "leads elsewhere from every folder%s",
			       url, "");
			bs_diag_hint(b->d, "write it from the site's root, as "
					   "/about/contact/");
			return;
		}
	}
	check_link(b->c, b->dir, url, url, &a, b->d);
}

/* The body's links as validation found them (bs_md_check): no second
 * parse. */
static void check_body(const checker *c, const bs_frontmatter *fm,
		       const bs_md_found *links, const bs_source *src,
		       const char *dir, bs_diags *d)
{
	if (!fm->body)
		return;
	body b = {c, dir, src, fm->body_line, 0, d};
	for (size_t i = 0; i < links->n; i++)
		on_link(&b, links->v[i].url, links->v[i].line, links->v[i].col);
}

/* Item i: a badge, a term, a page, then a translation. */
static void body_job(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	const checker *c = ctx;
	const bs_site *s = c->s;
	if (i < s->nbadges) {
		const bs_badge *b = &s->badges[i];
		if (!b->skip && b->dir)
			check_body(c, &b->fm, &b->links, &b->src, b->dir, d);
		return;
	}
	i -= s->nbadges;
	if (i < s->nterms) {
		/* shown on the glossary page */
		check_body(c, &s->terms[i].fm, &s->terms[i].links,
			   &s->terms[i].src, "glossary/", d);
		return;
	}
	i -= s->nterms;
	if (i < s->npages) {
		const bs_page *pg = &s->pages[i];
		if (!pg->skip)
			check_body(c, &pg->fm, &pg->links, &pg->src, pg->url,
				   d);
		return;
	}
	/* a translation's links, as its source's: every edition has the
	 * default's pages at the same paths below its prefix */
	const bs_tr *t = &s->trs[i - s->npages];
	const bs_badge *b =
	    t->kind == BS_TR_BADGE ? bs_site_badge(s, t->key) : NULL;
	if (!t->lang || (t->kind == BS_TR_BADGE && (!b || !b->dir)))
		return;
	check_body(c, &t->fm, &t->links, &t->src,
		   b			   ? b->dir
		   : t->kind == BS_TR_TERM ? "glossary/"
					   : t->key,
		   d);
}

/* ---- layouts ---- */

/* What a layout's link starts with to lead to the site's root. */
static const char *const roots[] = {"{{page.root}}",	   "{{{page.root}}}",
				    "{{page.site_root}}",  "{{site.base_url}}",
				    "{{{site.base_url}}}", NULL};

static void layout_link(const checker *c, const char *path, const char *v,
			size_t n, const at *a, bs_diags *d)
{
	char *u = bs_xstrndup(v, n);
	size_t k = 0;
	for (const char *const *r = roots; *r; r++)
		if (strncmp(u, *r, strlen(*r)) == 0)
			k = strlen(*r);
	const char *rest = u + k;
	if (!k && u[0] == '/' && u[1] != '/') {
		bs_diag_file(d, BS_ERROR, path, a->line, a->col,
			     "link to '%s' is written from the host's root: "
			     "a site published under a sub-path leaves it",
			     u);
		bs_diag_hint(d, "write it as {{page.root}}%s", u + 1);
	} else if (k) {
		const char *tag = strstr(rest, "{{");
		const char *hash = strchr(rest, '#');
		/* only a path written out in full is checked, and its
		 * anchor only if that is too */
		if (!tag || (hash && hash < tag)) {
			size_t m = tag ? (size_t)(hash - rest) : strlen(rest);
			char *link = bs_xasprintf("/%.*s", (int)m, rest);
			check_link(c, "", link, u, a, d);
			free(link);
		}
	}
	free(u);
}

static void on_layout(void *ctx, const char *name, const char *path,
		      const char *text, size_t len)
{
	(void)name;
	void **args = ctx;
	checker *c = args[0];
	bs_diags *d = args[1];
	int line = 1;
	const char *bol = text;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			line++;
			bol = text + i + 1;
			continue;
		}
		size_t k = 0;
		if (i && (text[i - 1] == ' ' || text[i - 1] == '\t' ||
			  text[i - 1] == '\n')) {
			if (len - i > 6 && strncmp(text + i, "href=", 5) == 0)
				k = 5;
			else if (len - i > 5 &&
				 strncmp(text + i, "src=", 4) == 0)
				k = 4;
		}
		if (!k || (text[i + k] != '"' && text[i + k] != '\''))
			continue;
		const char *v = text + i + k + 1;
		const char *e =
		    memchr(v, text[i + k], len - (size_t)(v - text));
		if (!e)
			break;
		at a = {NULL, path, line, (int)(v - bol) + 1};
		if (!memchr(v, '\n', (size_t)(e - v)))
			layout_link(c, path, v, (size_t)(e - v), &a, d);
		i = (size_t)(e - text);
	}
}

int bs_links_check(const bs_site *s, const bs_plan *p, bs_diags *d)
{
	checker c = {s, NULL, 0, 0};
	targets(&c, p);
	size_t before = d->n;
	void *args[2] = {&c, d};
	bs_tpl_set_each(s->tpls, on_layout, args);
	bs_par_for(s->nbadges + s->nterms + s->npages + s->ntrs, s->jobs,
		   BS_PAR_GRAIN, body_job, &c, d);
	const char *footer =
	    json_string_value(json_object_get(s->site, "footer"));
	if (footer) {
		int kl = 0, kc = 0, vl = 0, vc = 0;
		bs_jpos_member(s->site_pos, s->site, "footer", &kl, &kc, &vl,
			       &vc);
		body b = {&c, "", &s->site_src, vl ? vl : 1, vc ? vc : 1, d};
		bs_md_each_link(footer, strlen(footer), on_link, &b);
	}
	/* each language's own footer (site.json "translations") */
	const char *code;
	json_t *tr;
	json_object_foreach(json_object_get(s->site, "translations"), code, tr)
	{
		const char *f =
		    json_string_value(json_object_get(tr, "footer"));
		if (!f)
			continue;
		int kl = 0, kc = 0, vl = 0, vc = 0;
		bs_jpos_member(s->site_pos, tr, "footer", &kl, &kc, &vl, &vc);
		body b = {&c, "", &s->site_src, vl ? vl : 1, vc ? vc : 1, d};
		bs_md_each_link(f, strlen(f), on_link, &b);
	}
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i]);
	free(c.v);
	for (size_t i = before; i < d->n; i++)
		if (d->v[i].sev == BS_ERROR)
			return BS_ECONTENT;
	return BS_OK;
}
