/* plan.h: the plan stage: every file a build writes, with what it is made
 * from. Made once from the read-only model; render workers take entries
 * from it in any order and each entry's output depends only on it. */
#ifndef BS_PLAN_H
#define BS_PLAN_H

#include "base/cache.h"
#include "model/awards.h"
#include "model/model.h"

typedef enum {
	BS_OUT_HOME,
	BS_OUT_PAGE,
	BS_OUT_FRAMEWORK,
	BS_OUT_CATALOGUE, /* /badges/, its facet roots and value pages */
	BS_OUT_BADGE_PAGE,
	BS_OUT_BADGE_JSON,
	BS_OUT_BADGE_IMAGES, /* badge.svg and badge.png together */
	BS_OUT_ISSUER,
	BS_OUT_CONTEXT,
	BS_OUT_CONTEXT_SCHEMA, /* the extension's JSON Schema */
	BS_OUT_VOCAB,	       /* the page documenting its terms */
	BS_OUT_GLOSSARY,
	BS_OUT_LEGEND,
	BS_OUT_SITEMAP,
	BS_OUT_ROBOTS,
	BS_OUT_404,
	BS_OUT_COPY,	      /* a file copied as it is (assets, snapshots) */
	BS_OUT_SNAPSHOT_PAGE, /* an older version's page, with a notice */
	BS_OUT_REDIRECTS,     /* _redirects: renamed badges' old URLs */
	BS_OUT_ACHIEVEMENT,   /* OB 3.0 Achievement of a badge version */
	BS_OUT_ISSUER_OB3,    /* OB 3.0 Profile of an issuer */
	BS_OUT_CONTEXT_OB3,   /* the extension context of OB 3.0 JSON */
	BS_OUT_HOST_HEADERS,  /* _headers (Netlify, Cloudflare Pages) */
	BS_OUT_HOST_NGINX,    /* _nginx.conf */
	BS_OUT_HOST_APACHE,   /* .htaccess */
	BS_OUT_QR,	      /* badges/<id>/qr.svg: the criteria URL */
	BS_OUT_POSTER,	      /* badges/<id>/poster/: printable, A4 */
	BS_OUT_CARD,	      /* badges/<id>/card.png: its social card */
	BS_OUT_SITE_CARD,     /* card.png: the site's social card */
	BS_OUT_AWARD_JSON,    /* awards/<id>.json: OB 2.0 Assertion */
	BS_OUT_AWARD_PAGE,    /* awards/<id>/: the earner page */
	BS_OUT_AWARD_IMAGES,  /* awards/<id>/badge.svg and .png, baked from
				 the badge's own images once they are
				 written (a second render pass) */
	BS_OUT_REVOCATIONS,   /* issuers/<id>.revocations.json */
	BS_OUT_AWARD_CREDENTIAL, /* awards/<id>.credential.json: signed OB
				    3.0 credential, made in the second pass
				    from its Achievement as the first wrote
				    it */
	BS_OUT_DID,		 /* did.json: the DID document of the
				    site's did:web */
	BS_OUT_STATUS_LIST	 /* awards/status/<issuer>.json: the signed
				    BitstringStatusListCredential of an
				    issuer's awards */
} bs_out_kind;

typedef struct bs_output {
	bs_out_kind kind;
	char *path;	       /* in the output folder: "badges/x/index.html" */
	const bs_badge *badge; /* BADGE_* */
	const bs_page *page;   /* HOME, PAGE, FRAMEWORK, CATALOGUE, GLOSSARY */
	const char *issuer;    /* ISSUER, ISSUER_OB3 */
	char *src;	       /* COPY: site-relative source path */
	char *facet;	       /* CATALOGUE: "class", "category", "programme" */
	char *facet_value;     /* the value shown, e.g. "Diploma badge"; NULL
				  for the facet's root, badges/by-class/ */
	int version;	       /* SNAPSHOT_PAGE: the version it shows */
	char *old_id; /* SNAPSHOT_PAGE: set when the badge was renamed */
	const bs_award *award; /* AWARD_* */
	int lang; /* the language edition (index in s->langs): 0 for the
		     default and every output outside the editions */
} bs_output;

typedef struct bs_plan {
	bs_output *v;
	size_t n, cap;
	char **dirs; /* folders to create, parents first */
	size_t ndirs, capdirs;
	const bs_badge **listed; /* catalogue order: published badges */
	size_t nlisted;
	const bs_badge **retired; /* retired badges, in the same order */
	size_t nretired;
	json_t *facets; /* facets[] of the catalogue view */
	int renames;	/* some badge has previous_ids with snapshots */
	bs_key images;	/* what every badge image is made from, but its
			   own facts: the spec with the icon, shape and font
			   files it read, the program and its libraries */
	bs_key pages;	/* what every cached page is made from, but its own
			   source: the above, the layouts as loaded,
			   site.json, framework.json and the views every
			   page sees */
	bs_key lists;	/* the above and every badge, term and facet:
			   what a page listing across the site is made
			   from */
	const bs_cache *cache; /* set by the caller; NULL: no caching */

	bs_buf *award_svg, *award_png; /* the images of each awarded badge
					  version (s->awards->bv order), read
					  once from the stage between the
					  render passes (bs_render_award_
					  sources); owned */
	bs_buf *award_ach;  /* and its achievement.json, when the build
			       signs (else empty) */
	bs_key *award_keys; /* and the key of those bytes, so baked
			       images are cached without hashing them
			       per award */
	size_t naward_imgs;
	const struct bs_signer *signer; /* set by the caller when the build
					   signs credentials (site/creds.h);
					   NULL: it does not */
} bs_plan;

int bs_plan_make(bs_plan *out, const bs_site *s, bs_diags *d);
void bs_plan_free(bs_plan *p);
/* Does catalogue page o (all badges, or one facet value) list b? A
 * facet's root lists none. */
int bs_plan_lists(const bs_output *o, const bs_badge *b);
/* "Diploma badge" -> "diploma-badge": the URL segment of a facet value. */
char *bs_plan_slug(const char *value);

#endif
