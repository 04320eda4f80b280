/* extras.c: the files a site serves beside its pages and JSON: sitemap.xml,
 * robots.txt, _redirects, and older versions' pages with their notice. */
#include "site/extras.h"

#include "base/alloc.h"
#include "base/url.h"
#include "input/files.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>

/* An older version's page as it was published, with a notice saying what
 * superseded it (or what the badge is called now) inserted where the
 * layout marks the spot. */
int bs_extras_snapshot_page(bs_buf *out, const bs_site *s, const bs_output *o,
			    bs_diags *d)
{
	bs_buf old = BS_BUF_INIT;
	int rc = bs_files_read_bytes(&old, s->root, o->src, NULL, 0, 0, d);
	if (rc) {
		bs_buf_free(&old);
		return rc;
	}
	bs_buf note = BS_BUF_INIT, root = BS_BUF_INIT;
	char *here = bs_url_dir(o->path);
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

/* Is a page of this kind published in every language? */
static int in_languages(bs_out_kind k)
{
	return k == BS_OUT_HOME || k == BS_OUT_PAGE || k == BS_OUT_FRAMEWORK ||
	       k == BS_OUT_CATALOGUE || k == BS_OUT_GLOSSARY ||
	       k == BS_OUT_LEGEND || k == BS_OUT_BADGE_PAGE;
}

void bs_extras_sitemap(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	bs_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
			 "sitemap/0.9\"");
	/* a site in more than one language names each page's editions */
	if (s->nlangs > 1)
		bs_buf_puts(out,
			    " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
	bs_buf_puts(out, ">\n");
	for (size_t i = 0; i < p->n; i++) {
		const char *path = p->v[i].path;
		size_t n = strlen(path);
		/* a poster is the criteria page again, for print; earner
		 * pages are not for search engines (noindex) */
		if (n < 10 || strcmp(path + n - 10, "index.html") != 0 ||
		    p->v[i].kind == BS_OUT_POSTER ||
		    p->v[i].kind == BS_OUT_AWARD_PAGE)
			continue;
		bs_buf_puts(out, "  <url><loc>");
		bs_buf_xml(out, s->base_url, strlen(s->base_url));
		bs_buf_xml(out, path, n - 10);
		bs_buf_puts(out, "</loc>");
		if (s->nlangs > 1 && in_languages(p->v[i].kind)) {
			const char *inner =
			    path + strlen(s->langs[p->v[i].lang].prefix);
			size_t m = strlen(inner) - 10;
			for (size_t k = 0; k <= s->nlangs; k++) {
				const bs_lang *g =
				    &s->langs[k < s->nlangs ? k : 0];
				bs_buf_printf(
				    out,
				    "\n    <xhtml:link rel=\"alternate\" "
				    "hreflang=\"%s\" href=\"",
				    k < s->nlangs ? g->code : "x-default");
				bs_buf_xml(out, g->base, strlen(g->base));
				bs_buf_xml(out, inner, m);
				bs_buf_puts(out, "\"/>");
			}
			bs_buf_puts(out, "\n  ");
		}
		bs_buf_puts(out, "</url>\n");
	}
	bs_buf_puts(out, "</urlset>\n");
}

void bs_extras_robots(bs_buf *out, const bs_site *s)
{
	bs_buf_printf(out, "User-agent: *\nAllow: /\nSitemap: %ssitemap.xml\n",
		      s->base_url);
}

void bs_extras_redirects(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	const char *base = bs_url_base_path(s->base_url);
	for (size_t i = 0; i < p->n; i++) {
		const bs_output *x = &p->v[i];
		if (x->kind != BS_OUT_SNAPSHOT_PAGE || !x->old_id)
			continue;
		char *from = bs_url_dir(x->path);
		bs_buf_printf(out, "%s%s %s%s%s 301\n", base, from, base,
			      s->langs[x->lang].prefix, x->badge->dir);
		free(from);
	}
}
