/* render.c: walks one planned output to its maker: a page is its frame
 * (views/pageview.c) through its layout, Open Badges JSON comes from the
 * emitters, badge images from the drawing and PNG modules, and the small
 * files from extras.c. Unchanged outputs are linked from the cache. */
#include "site/render.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "base/url.h"
#include "images/bake.h"
#include "images/card.h"
#include "images/designer.h"
#include "images/meta.h"
#include "images/png.h"
#include "images/qr.h"
#include "images/svg.h"
#include "input/files.h"
#include "model/framework.h"
#include "openbadges/assertion.h"
#include "openbadges/ob3.h"
#include "openbadges/openbadges.h"
#include "pages/markdown.h"
#include "site/creds.h"
#include "site/extras.h"
#include "site/hosts.h"
#include "views/awardview.h"
#include "views/badgeview.h"
#include "views/pageview.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Output rel of the stage as cache entry k.ext: 1 when the previous site
 * left it in place or it is linked from the cache. */
static int from_cache(const bs_plan *p, const bs_stage *st, const bs_key *k,
		      const char *rel, const char *ext)
{
	return bs_publish_link(st, p->cache, rel, k, ext);
}

/* Output rel, just written to the stage with the bytes of b, kept as
 * cache entry k.ext. */
static void to_cache(const bs_plan *p, const bs_stage *st, const bs_key *k,
		     const char *rel, const char *ext, const bs_buf *b)
{
	char *file = bs_publish_path(st, rel);
	bs_cache_keep(p->cache, k, ext, file, b->ptr, b->len);
	free(file);
}

/* Does name end with suffix (any case)? The suffix decides a file's type:
 * "art.png.svg" is an SVG. */
static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);
	return n > m && strcasecmp(name + n - m, suffix) == 0;
}

/* What a badge's images say about themselves: its name and description,
 * its class's URL, its issuer's name, site.json's licence. Borrowed from
 * the view v and the spec. */
static bs_img_meta image_meta(const bs_site *s, const json_t *v)
{
	bs_img_meta m = {bs_view_str(v, "name"), bs_view_str(v, "description"),
			 bs_view_str(v, "json_abs"),
			 bs_view_str(json_object_get(v, "issuer"), "name"),
			 bs_view_str(s->site, "licence")};
	return m;
}

/* badge.svg and badge.png of b in language li (its edition's facts, under
 * the edition's prefix). */
static int images(size_t *files, const bs_site *s, const bs_plan *p,
		  const bs_badge *b, int li, const bs_stage *st,
		  bs_img_ctx *img, bs_diags *d)
{
	json_t *facts = NULL, *view = NULL;
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT;
	int rc = BS_OK;
	const char *own = bs_view_str(b->fm.data, "image");
	char *alt = NULL, *desc = NULL;
	int l = b->image_line, c = b->image_col;
	char *ps = bs_xasprintf("%s%sbadge.svg", s->langs[li].prefix, b->dir);
	char *pp = bs_xasprintf("%s%sbadge.png", s->langs[li].prefix, b->dir);
	/* a drawn badge's key needs no view: a hit is linked into the
	 * stage (or left in place) and nothing is made */
	bs_key k = p->images;
	bs_key_add(&k, bs_view_drawn(b, li), sizeof(bs_key));
	bs_key_add_str(&k, bs_view_str(s->site, "licence"));
	if (!own && from_cache(p, st, &k, ps, "svg")) {
		if (from_cache(p, st, &k, pp, "png")) {
			*files = 2;
			goto done;
		}
		/* drawn again below, never written through a link */
		char *ds = bs_publish_path(st, ps);
		unlink(ds);
		free(ds);
	}
	facts = bs_badgeview_facts(s, b, li);
	view = bs_badgeview_get(s, b, li);
	bs_img_meta meta = image_meta(s, view);
	const bs_key *keep = NULL; /* drawn here: kept in the cache */
	/* a designer's own image is untrusted: cleaned (SVG) or checked
	 * (PNG) by the visual-language module before it is published */
	desc = own ? bs_vlang_describe(s->vlang, facts) : NULL;
	if (own && has_suffix(own, ".png")) {
		bs_buf mine = BS_BUF_INIT;
		rc = bs_designer_image(&mine, desc, s->root, own, facts,
				       &b->src, l, c, d);
		if (!rc)
			rc = bs_png_add_meta(&png, mine.ptr, mine.len, &meta);
		bs_buf_free(&mine);
		if (!rc)
			rc = bs_svg_draw(&svg, &alt, img, s->vlang, facts, d);
		bs_meta_svg_insert(&svg, &meta);
	} else if (own) {
		rc = bs_designer_image(&svg, desc, s->root, own, facts, &b->src,
				       l, c, d);
		bs_meta_svg_insert(&svg, &meta);
		if (!rc)
			rc = bs_png_from_svg(&png, svg.ptr, svg.len, 600, &meta,
					     d);
	} else {
		rc = bs_svg_draw(&svg, &alt, img, s->vlang, facts, d);
		bs_meta_svg_insert(&svg, &meta);
		if (!rc)
			rc = bs_png_from_svg(&png, svg.ptr, svg.len, 600, &meta,
					     d);
		keep = &k;
	}
	if (!rc)
		rc = bs_publish_write(st, ps, svg.ptr, svg.len, keep, "svg", d);
	if (!rc)
		rc = bs_publish_write(st, pp, png.ptr, png.len, keep, "png", d);
	if (!rc && keep) {
		to_cache(p, st, keep, ps, "svg", &svg);
		to_cache(p, st, keep, pp, "png", &png);
	}
done:
	json_decref(facts);
	json_decref(view);
	free(desc);
	free(alt);
	free(ps);
	free(pp);
	bs_buf_free(&svg);
	bs_buf_free(&png);
	return rc;
}

/* A social card: a badge's (o->badge) or the site's, kept in the cache
 * under what it shows. */
static int card(size_t *files, const bs_site *s, const bs_plan *p,
		const bs_output *o, const bs_stage *st, bs_img_ctx *img,
		bs_diags *d)
{
	const bs_badge *b = o->badge;
	/* an edition's card in its own words and language */
	const json_t *sv = s->langs[o->lang].site_view;
	const char *title = bs_view_str(sv, "title");
	bs_card cd = {NULL,  0,
		      title, bs_view_str(sv, "description"),
		      NULL,  bs_view_str(sv, "language")};
	bs_img_meta meta = {title, cd.line,
			    bs_view_str(s->site_view, "base_url"), title,
			    bs_view_str(s->site, "licence")};
	const char *host = bs_view_str(s->site_view, "base_url");
	if (host && strstr(host, "://"))
		host = strstr(host, "://") + 3;
	cd.foot = host;
	bs_key k = p->images;
	bs_key_add_str(&k, o->path);
	if (b) {
		/* a badge's card: keyed by what it shows of the badge, so a
		 * hit needs no view */
		bs_key_add(&k, bs_view_drawn(b, o->lang), sizeof(bs_key));
		bs_key_add_str(&k, bs_view_str(s->site, "licence"));
		bs_key_add_str(&k, title);
	} else {
		bs_meta_key(&k, &meta);
		bs_key_add_str(&k, cd.line);
		bs_key_add_str(&k, cd.foot);
		bs_key_add_str(&k, cd.language);
	}
	if (from_cache(p, st, &k, o->path, "png")) {
		*files = 1;
		return BS_OK;
	}
	json_t *facts = b ? bs_badgeview_facts(s, b, o->lang) : NULL;
	json_t *view = b ? bs_badgeview_get(s, b, o->lang) : NULL;
	if (b) {
		meta = image_meta(s, view);
		cd.title = meta.title;
		cd.line = meta.author;
		cd.foot = title;
		cd.language = bs_view_str(facts, "language");
	}
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT;
	char *alt = NULL;
	int rc = BS_OK;
	const char *own = b ? bs_view_str(b->fm.data, "image") : NULL;
	if (b && own && has_suffix(own, ".svg")) {
		char *desc = bs_vlang_describe(s->vlang, facts);
		rc = bs_designer_image(&svg, desc, s->root, own, facts, &b->src,
				       0, 0, d);
		free(desc);
	} else if (b) {
		/* a designer's PNG stands in for nothing here: the drawing */
		rc = bs_svg_draw(&svg, &alt, img, s->vlang, facts, d);
	}
	cd.svg = b ? svg.ptr : NULL;
	cd.svg_len = svg.len;
	if (!rc)
		rc = bs_card_png(&png, img, &cd, &meta, d);
	if (!rc)
		rc = bs_publish_write(st, o->path, png.ptr, png.len, &k, "png",
				      d);
	if (!rc)
		to_cache(p, st, &k, o->path, "png", &png);
	json_decref(facts);
	json_decref(view);
	free(alt);
	bs_buf_free(&svg);
	bs_buf_free(&png);
	return rc;
}

int bs_render_award_sources(bs_plan *p, const bs_site *s, const bs_stage *st,
			    bs_diags *d)
{
	size_t n = s->awards ? s->awards->nbv : 0;
	int rc = BS_OK;
	p->award_svg = bs_xcalloc(n + 1, sizeof *p->award_svg);
	p->award_png = bs_xcalloc(n + 1, sizeof *p->award_png);
	p->award_ach = bs_xcalloc(n + 1, sizeof *p->award_ach);
	p->award_keys = bs_xcalloc(n + 1, sizeof *p->award_keys);
	p->naward_imgs = n;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *dir = s->awards->bv[i].dir;
		char *sp = bs_xasprintf("%sbadge.svg", dir);
		char *pp = bs_xasprintf("%sbadge.png", dir);
		rc = bs_files_read_bytes(&p->award_svg[i], st->tmp, sp, NULL, 0,
					 0, d);
		if (!rc)
			rc = bs_files_read_bytes(&p->award_png[i], st->tmp, pp,
						 NULL, 0, 0, d);
		if (!rc && p->signer)
			rc = bs_creds_achievement(&p->award_ach[i],
						  &s->awards->bv[i], st, d);
		bs_key *k = &p->award_keys[i];
		bs_key_init(k);
		bs_key_add_str(k, "baked");
		bs_key_add_program(k);
		bs_key_add(k, p->award_svg[i].ptr, p->award_svg[i].len);
		bs_key_add(k, p->award_png[i].ptr, p->award_png[i].len);
		free(sp);
		free(pp);
	}
	return rc;
}

/* An award's baked images: its badge version's own images, as this
 * build's first render pass wrote them (bs_render_award_sources), with
 * the assertion URL baked in. */
static int award_images(size_t *files, const bs_site *s, const bs_plan *p,
			const bs_output *o, const bs_stage *st, bs_diags *d)
{
	const bs_award *a = o->award;
	size_t k = (size_t)(a->bv - s->awards->bv);
	if (k >= p->naward_imgs)
		return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				    "the images of /%s were not read",
				    a->bv->dir);
	const bs_buf *svg = &p->award_svg[k], *png = &p->award_png[k];
	bs_buf out = BS_BUF_INIT;
	char *url = bs_xasprintf("%sawards/%s.json", s->base_url, a->id);
	size_t n = strlen(o->path);
	char *op = bs_xasprintf("%.*sbadge.png", (int)(n - 9), o->path);
	int rc = BS_OK;
	/* cached under the badge version's images and the URL baked in: a
	 * hit is two links, where baking writes both files' bytes again */
	bs_key key = p->award_keys[k];
	bs_key_add_str(&key, url);
	bs_key_add_str(&key, o->path);
	if (from_cache(p, st, &key, o->path, "svg")) {
		if (from_cache(p, st, &key, op, "png")) {
			*files = 2;
			free(url);
			free(op);
			return BS_OK;
		}
		/* baked again below, never written through a link */
		char *ds = bs_publish_path(st, o->path);
		unlink(ds);
		free(ds);
	}
	if (bs_bake_svg(&out, svg->ptr, svg->len, url) != 0)
		rc = bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				  "cannot bake /%sbadge.svg: it has no <svg> "
				  "root",
				  a->bv->dir);
	if (!rc)
		rc = bs_publish_write(st, o->path, out.ptr, out.len, &key,
				      "svg", d);
	if (!rc)
		to_cache(p, st, &key, o->path, "svg", &out);
	bs_buf_clear(&out);
	if (!rc && bs_bake_png(&out, (const unsigned char *)png->ptr, png->len,
			       url) != 0)
		rc = bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				  "cannot bake /%sbadge.png: not a PNG",
				  a->bv->dir);
	if (!rc)
		rc = bs_publish_write(st, op, out.ptr, out.len, &key, "png", d);
	if (!rc)
		to_cache(p, st, &key, op, "png", &out);
	free(url);
	free(op);
	bs_buf_free(&out);
	return rc;
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
	case BS_OUT_ACHIEVEMENT:
	case BS_OUT_POSTER:
	case BS_OUT_QR:
	case BS_OUT_PAGE: *k = p->pages; break;
	case BS_OUT_CATALOGUE:
		/* a catalogue page shows the badges it lists and the facet
		 * menu: an edit re-renders only the pages that list the
		 * badge (and the menu, when its values change) */
		*k = p->pages;
		bs_key_add_json(k, p->facets);
		for (size_t i = 0; i < p->nlisted; i++)
			if (bs_plan_lists(o, p->listed[i]))
				bs_key_add(k, &p->listed[i]->key,
					   sizeof p->listed[i]->key);
		for (size_t i = 0; i < p->nretired; i++)
			if (bs_plan_lists(o, p->retired[i]))
				bs_key_add(k, &p->retired[i]->key,
					   sizeof p->retired[i]->key);
		break;
	case BS_OUT_AWARD_JSON:
	case BS_OUT_AWARD_PAGE: {
		*k = p->pages;
		bs_awardview_key(k, o->award);
		/* the page links the credential when the build signs */
		unsigned char signs = p->signer != NULL;
		bs_key_add(k, &signs, 1);
		break;
	}
	case BS_OUT_HOME:
	case BS_OUT_FRAMEWORK:
	case BS_OUT_GLOSSARY:
	case BS_OUT_LEGEND:
	case BS_OUT_404: *k = p->lists; break;
	default: return 0;
	}
	unsigned char kind = (unsigned char)o->kind,
		      lang = (unsigned char)o->lang;
	bs_key_add(k, &kind, 1);
	if (lang)
		bs_key_add(k, &lang, 1);
	bs_key_add_str(k, o->path);
	bs_key_add_str(k, o->facet);
	bs_key_add_str(k, o->facet_value);
	if (o->badge)
		bs_key_add(k, bs_view_key(o->badge, o->lang),
			   sizeof o->badge->key);
	if (o->page) {
		bs_key_add_str(k, o->page->url);
		bs_key_add_str(k, o->page->section);
		bs_key_add(k, o->page->src.text, o->page->src.len);
	}
	return 1;
}

static int render_output(bs_buf *out, const bs_site *s, const bs_plan *p,
			 const bs_output *o, bs_diags *d);

/* An award's signed credential, from its Achievement as the first pass
 * wrote it (read once per badge version, bs_render_award_sources). Cached (it
 * is public) under the award, the Achievement's bytes and the signer's public
 * keys: signing is deterministic. */
static int credential(size_t *files, const bs_site *s, const bs_plan *p,
		      const bs_output *o, const bs_stage *st, bs_diags *d)
{
	bs_buf out = BS_BUF_INIT;
	size_t bv = (size_t)(o->award->bv - s->awards->bv);
	if (bv >= p->naward_imgs)
		return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				    "the Achievement of /%s was not read",
				    o->award->bv->dir);
	const bs_buf *ach = &p->award_ach[bv];
	int rc = BS_OK;
	bs_key k = p->pages;
	unsigned char kind = (unsigned char)o->kind;
	bs_key_add(&k, &kind, 1);
	bs_key_add_str(&k, o->path);
	bs_awardview_key(&k, o->award);
	bs_key_add(&k, ach->ptr, ach->len);
	bs_creds_key(&k, p->signer);
	if (from_cache(p, st, &k, o->path, "json")) {
		*files = 1;
		return BS_OK;
	}
	rc = bs_creds_credential(&out, s, p->signer, o->award, ach, d);
	if (!rc)
		rc = bs_publish_write(st, o->path, out.ptr, out.len, &k, "json",
				      d);
	if (!rc)
		to_cache(p, st, &k, o->path, "json", &out);
	*files = !rc;
	bs_buf_free(&out);
	return rc;
}

int bs_render_one(size_t *files, const bs_site *s, const bs_plan *p,
		  const bs_output *o, const bs_stage *st, bs_img_ctx *img,
		  bs_diags *d)
{
	*files = 0;
	if (o->kind == BS_OUT_BADGE_IMAGES)
		return images(files, s, p, o->badge, o->lang, st, img, d);
	if (o->kind == BS_OUT_CARD || o->kind == BS_OUT_SITE_CARD)
		return card(files, s, p, o, st, img, d);
	if (o->kind == BS_OUT_AWARD_IMAGES)
		return award_images(files, s, p, o, st, d);
	if (o->kind == BS_OUT_AWARD_CREDENTIAL)
		return credential(files, s, p, o, st, d);
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
		rc = bs_publish_write(st, o->path, out.ptr, out.len,
				      keyed ? &k : NULL, ext, d);
	if (!rc && keyed)
		to_cache(p, st, &k, o->path, ext, &out);
	bs_buf_free(&out);
	return rc;
}

/* An older version's JSON at a language edition's address: the kept
 * document of the default language, with the addresses of the badges'
 * files moved under the edition's prefix, so that its ids are the URLs it
 * is hosted at. Its words are the kept ones. */
static int edition_json(bs_buf *out, const bs_site *s, const bs_output *o,
			bs_diags *d)
{
	bs_buf kept = BS_BUF_INIT;
	int rc = bs_files_read_bytes(&kept, s->root, o->src, NULL, 0, 0, d);
	const char *canon = s->canonical_base ? s->canonical_base : s->base_url;
	char *from = bs_xasprintf("\"%sbadges/", canon);
	char *to =
	    bs_xasprintf("\"%s%sbadges/", canon, s->langs[o->lang].prefix);
	size_t n = strlen(from);
	for (size_t i = 0; !rc && i < kept.len;) {
		if (i + n <= kept.len && memcmp(kept.ptr + i, from, n) == 0) {
			bs_buf_puts(out, to);
			i += n;
		} else {
			bs_buf_putc(out, kept.ptr[i++]);
		}
	}
	free(from);
	free(to);
	bs_buf_free(&kept);
	return rc;
}

/* Render one output (not images, which write their own two files) into
 * out: a page is its frame through its layout, Open Badges JSON comes from
 * the emitters, the rest from the small-file writers. */
static int render_output(bs_buf *out, const bs_site *s, const bs_plan *p,
			 const bs_output *o, bs_diags *d)
{
	bs_frame f;
	if (bs_pageview_frame(&f, s, p, o)) {
		if (o->kind == BS_OUT_VOCAB) {
			json_t *site = bs_pageview_ob_site(s, 0);
			json_object_set_new(
			    f.root, "vocabulary",
			    bs_ob_vocabulary(s->base_url,
					     bs_view_str(site, "vocab_base")));
			json_decref(site);
		}
		const json_t *ctx[2] = {f.root, f.top};
		const char *layout =
		    bs_tpl_set_has(s->tpls, f.layout) ? f.layout : "page";
		int rc =
		    bs_tpl_render(out, s->tpls, layout, ctx, f.top ? 2 : 1, d);
		bs_frame_free(&f);
		return rc;
	}
	int rc = BS_OK;
	json_t *site, *v;
	switch (o->kind) {
	case BS_OUT_BADGE_JSON:
		site = bs_pageview_ob_edition(s, o->lang);
		v = bs_badgeview_narrative(s, o->badge, o->lang, 0);
		bs_badgeview_editions(v, s, o->badge, o->lang);
		rc = bs_ob_badgeclass(out, v, site, d);
		json_decref(v);
		json_decref(site);
		break;
	case BS_OUT_ISSUER: {
		site = bs_pageview_ob_site(s, 1);
		/* an issuer that awards names its revocation list */
		json_t *iss = json_copy(json_object_get(s->issuers, o->issuer));
		if (bs_awards_by_issuer(s->awards, o->issuer)) {
			char *rp = bs_awardview_revocations_path(o->issuer);
			json_object_set_new(
			    iss, "revocations_abs",
			    json_sprintf("%s%s", s->base_url, rp));
			free(rp);
		}
		rc = bs_ob_profile(out, iss, site, d);
		json_decref(iss);
		json_decref(site);
		break;
	}
	case BS_OUT_AWARD_JSON:
		site = bs_pageview_ob_site(s, 0);
		v = bs_awardview(s, o->award);
		rc = bs_ob_assertion(out, v, site, d);
		json_decref(v);
		json_decref(site);
		break;
	case BS_OUT_REVOCATIONS: {
		char *rp = bs_awardview_revocations_path(o->issuer);
		char *abs = bs_xasprintf("%s%s", s->base_url, rp);
		v = bs_awardview_revoked(s, o->issuer);
		bs_ob_revocation_list(
		    out, abs, json_object_get(s->issuers, o->issuer), v);
		json_decref(v);
		free(abs);
		free(rp);
		break;
	}
	case BS_OUT_CONTEXT:
	case BS_OUT_CONTEXT_SCHEMA:
		site = bs_pageview_ob_site(s, 0);
		(o->kind == BS_OUT_CONTEXT ? bs_ob_context : bs_ob_schema)(
		    out, s->base_url, bs_view_str(site, "vocab_base"));
		json_decref(site);
		break;
	case BS_OUT_ACHIEVEMENT:
		site = bs_pageview_ob_edition(s, o->lang);
		v = bs_badgeview_narrative(s, o->badge, o->lang, 0);
		bs_badgeview_editions(v, s, o->badge, o->lang);
		rc = bs_ob3_achievement(out, v, site, d);
		json_decref(v);
		json_decref(site);
		break;
	case BS_OUT_ISSUER_OB3:
		site = bs_pageview_ob_site(s, 0);
		rc = bs_ob3_profile(out, json_object_get(s->issuers, o->issuer),
				    site, d);
		json_decref(site);
		break;
	case BS_OUT_CONTEXT_OB3:
		/* IRIs from site.json's base_url, whatever the build's */
		bs_ob3_context(out, s->canonical_base ? s->canonical_base
						      : s->base_url);
		break;
	case BS_OUT_DID: bs_creds_did_document(out, p->signer); break;
	case BS_OUT_STATUS_LIST:
		rc = bs_creds_status_list(out, s, p->signer, o->issuer, d);
		break;
	case BS_OUT_QR: {
		char *url =
		    bs_xasprintf("%s%s", s->langs[o->lang].base, o->badge->dir);
		char *label = bs_xasprintf("QR code of %s", url);
		rc = bs_qr_svg(out, url, label, 0, o->path, d);
		free(label);
		free(url);
		break;
	}
	case BS_OUT_SITEMAP: bs_extras_sitemap(out, s, p); break;
	case BS_OUT_ROBOTS: bs_extras_robots(out, s); break;
	case BS_OUT_REDIRECTS: bs_extras_redirects(out, s, p); break;
	case BS_OUT_HOST_HEADERS: bs_hosts_headers(out, s, p); break;
	case BS_OUT_HOST_NGINX: bs_hosts_nginx(out, s, p); break;
	case BS_OUT_HOST_APACHE: bs_hosts_htaccess(out, s, p); break;
	case BS_OUT_SNAPSHOT_PAGE:
		rc = bs_extras_snapshot_page(out, s, o, d);
		break;
	case BS_OUT_COPY:
		/* every SVG of assets/ is published as the cleaner makes it;
		 * snapshots are the site's own earlier output */
		if (strncmp(o->src, "assets/", 7) == 0 &&
		    has_suffix(o->src, ".svg"))
			rc = bs_designer_clean(out, s->root, o->src, d);
		else if (o->lang && has_suffix(o->src, ".json"))
			rc = edition_json(out, s, o, d);
		else
			rc = bs_files_read_bytes(out, s->root, o->src, NULL, 0,
						 0, d);
		break;
	default: break; /* pages above; images in bs_render_one */
	}
	return rc;
}
