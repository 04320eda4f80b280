/* model.h: the site model: everything load reads and validate checks.
 * Once validated and given its views (views/view.h) the model is
 * read-only, so render workers share it without locks. Every string is borrowed
 * from the model's JSON or owned by the model; all of it lives until
 * bs_site_free. */
#ifndef BS_MODEL_H
#define BS_MODEL_H

#include "base/cache.h"
#include "base/diag.h"
#include "base/par.h"
#include "images/vlang.h"
#include "input/frontmatter.h"
#include "input/jsonsrc.h"
#include "model/ledger.h"
#include "pages/markdown.h"
#include "pages/mustache.h"

#include <jansson.h>

typedef struct bs_options {
	const char *root;      /* the site folder */
	const char *base_url;  /* overrides site.json (NULL: canonical) */
	int drafts;	       /* build badges and pages with status draft */
	int jobs;	       /* threads for loading and validating (0: one
				  per core) */
	const bs_cache *cache; /* where the lint may keep measurements
				  (NULL: nowhere) */
	const char *secret;    /* the award secret's file: award salts are
				  derived from it (NULL: preview salts) */
	const char *key;       /* the signing key's file: awards get signed
				  Open Badges 3.0 credentials (NULL: none) */
} bs_options;

typedef struct bs_range {
	int has_min, has_max;
	double min, max;
} bs_range;

enum {
	BS_COMPLETE_NONE,
	BS_COMPLETE_ALL,
	BS_COMPLETE_AT_LEAST,
	BS_COMPLETE_MIN_HOURS
};

typedef struct bs_class {
	const char *id, *name, *formality, *achievement_type;
	const char *description, *marking; /* marking may be NULL */
	bs_range hours, credits;
	json_t *assessment;  /* array of strings, or NULL: any */
	json_t *requires;    /* array of field names, or NULL */
	json_t *stacks_into; /* array of class ids, or NULL */
	int has_attendance, has_pass_mark, capstone;
	int eu_mc; /* "eu_microcredential": badges carry the elements of
		      the EU Council Recommendation of 2022 (model/eumc) */
	double attendance_min, pass_mark;
	int completion; /* BS_COMPLETE_* */
	double completion_n;
	json_t *json; /* the class object in framework.json */
} bs_class;

typedef struct bs_credit_system {
	const char *name;
	double hours_per_credit;
	int ects;
	const char *rounding; /* down | nearest | up */
	int broken;	  /* hours_per_credit was reported: credits unchecked */
	double precision; /* credits are a multiple of it (0: 1) */
} bs_credit_system;

/* framework.json, checked. */
typedef struct bs_framework {
	bs_source src;
	json_t *json;
	bs_jpos *pos;
	bs_class *classes;
	size_t nclasses;
	json_t *labels; /* the words for its codes (model/labels.h) */
} bs_framework;

enum { BS_DRAFT, BS_PUBLISHED, BS_RETIRED };

/* One translation file: content/badges/<id>.<lang>.md, a glossary term's,
 * a page's (model/langs.h). */
typedef struct bs_tr {
	int kind;   /* BS_TR_* */
	char *key;  /* the badge or term id, or the page's url */
	char *code; /* the language code in its name */
	int lang;   /* its index in s->langs, once checked (0: none) */
	bs_source src;
	bs_frontmatter fm;
	json_t *data;	   /* the source's front matter with this file's words
			      over it, once checked; owned */
	bs_md_found links; /* its body's, found when it was checked */
} bs_tr;

enum { BS_TR_BADGE, BS_TR_TERM, BS_TR_PAGE };

/* One language edition of a badge, term or page (index 0, the default
 * language, is the model's own fields). */
typedef struct bs_edition {
	const bs_tr *tr; /* its translation, or NULL: the default's words */
	json_t *view;	 /* terms: the edition's view */
	json_t *facts;	 /* badges: the flat facts, kept for the lint only */
	bs_key key;	 /* badges: as bs_badge.key */
	bs_key drawn;	 /* badges: as bs_badge.drawn */
	int own_images;	 /* badges: drawn apart from the default's */
} bs_edition;

/* A language the site publishes in (site.json "languages"). */
/* Page depths whose footer is rendered once per build (deeper pages
 * render their own). */
#define BS_FOOTER_DEPTHS 12

typedef struct bs_lang {
	const char *code; /* borrowed from site.json */
	char *prefix;	  /* "" for the default, else "fr/" */
	char *base;	  /* base_url with the prefix */
	json_t *strings;  /* the layout strings, the default's filling the
			     keys this one lacks */
	json_t *site_view, *nav; /* what every page of the edition sees
				    (the default's are s->site_view and
				    s->nav, borrowed here) */
	json_t *fw, *labels;	 /* framework.json and its labels in this
				    language (model/fwlang.h); NULL in the
				    default's: s->fw's */
	/* the footer's HTML on a page n folders deep (its site links made
	 * relative: n times "../"), for n below BS_FOOTER_DEPTHS; NULL
	 * without a footer (views/siteview.c) */
	char *footer_html[BS_FOOTER_DEPTHS];
} bs_lang;

typedef struct bs_badge bs_badge;

/* A badge's own completion rule (model/rules.h): a group of badges and
 * groups, or one badge of a group. */
enum {
	BS_RULE_BADGE,	  /* a member badge */
	BS_RULE_ALL_OF,	  /* every item */
	BS_RULE_ONE_OF,	  /* one item */
	BS_RULE_N_OF,	  /* n items */
	BS_RULE_MIN_HOURS /* badges whose hours add up to n */
};
typedef struct bs_rule bs_rule;
struct bs_rule {
	int kind;	       /* BS_RULE_* */
	const json_t *json;    /* the group object (NULL for a badge) */
	const bs_badge *badge; /* BS_RULE_BADGE */
	double n;	       /* N_OF: how many; MIN_HOURS: how many hours */
	bs_rule *items;	       /* a group's members, owned */
	size_t nitems;
};

struct bs_badge {
	char *id;
	bs_source src;
	bs_frontmatter fm;
	bs_md_found links; /* the body's, found when it was checked */
	const bs_class *cls;
	const char *issuer; /* issuer id */
	int version, status;
	int has_hours, has_credits;
	double hours, credits;
	bs_badge **stacks_into, **stacked_from;
	size_t nstacks_into, nstacked_from;
	bs_rule *completion; /* its own completion rule, or NULL: the class's
				rule applies (model/rules.h) */
	bs_badge **requires, **required_for; /* prerequisites by id */
	size_t nrequires, nrequired_for;
	char *dir;  /* where this version lives: "badges/x/" or
		       "badges/x/v2/" (version 1, or the first one
		       published, keeps the plain URL forever) */
	int *snaps; /* versions kept in content/published/<id>/ */
	size_t nsnaps;
	int image_line, image_col; /* where front matter's "image" is (its
				      table of positions is freed after
				      validation) */
	char *hash;		   /* their hash, as the ledger keeps it */
	json_t *facts;	/* flat fields for the image channels, kept for
			   the lint only (views/badgeview.h) */
	bs_key key;	/* of the view, the narrative and the folder: what
			   the badge's own outputs are made from */
	bs_key drawn;	/* of what its images and card show of it (the
			   facts, name, description, class URL, issuer):
			   a cached image is found without a view */
	int skip;	/* a draft left out of this build */
	bs_edition *ed; /* per language, s->nlangs of them (model/langs) */
};

typedef struct bs_term {
	char *id;
	bs_source src;
	bs_frontmatter fm;
	bs_md_found links;
	json_t *view;
	bs_edition *ed; /* per language (model/langs) */
} bs_term;

typedef struct bs_page {
	char *url;     /* "" for home, "framework/", "about/publishing/" */
	char *section; /* "home", "framework", "badges", "glossary", "about" */
	bs_source src;
	bs_frontmatter fm;
	bs_md_found links;
	int skip;
	bs_edition *ed; /* per language (model/langs) */
} bs_page;

typedef struct bs_awards bs_awards; /* model/awards.h */

typedef struct bs_site {
	char *root;
	int drafts;
	int jobs;      /* as in bs_options */
	int canonical; /* base_url is the one in site.json */
	bs_source site_src;
	json_t *site;
	bs_jpos *site_pos;
	char *base_url;	      /* normalized, ends in "/" */
	char *canonical_base; /* site.json's base_url, normalized: the IRIs
				 of the site's vocabularies, whatever the
				 build's address */
	bs_credit_system credits;
	bs_framework fw;
	bs_badge *badges;
	size_t nbadges;
	bs_badge **badge_ids; /* every badge, sorted by id (bs_site_find) */
	bs_term *terms;
	size_t nterms;
	bs_term **term_ids; /* every term, sorted by id (bs_site_term) */
	bs_page *pages;
	size_t npages;
	bs_tpl_set *tpls;
	bs_key layouts_key; /* every layout's name and text, as loaded */
	bs_key program;	    /* the program and its libraries */
	bs_source vl_src;
	bs_vlang *vlang;
	bs_ledger ledger;  /* what earlier canonical builds published */
	json_t *site_view; /* the "site" object every page sees */
	json_t *issuers;   /* id -> issuer view */
	json_t *nav;	   /* the menu: [{ title, url }] */
	json_t *shared;	   /* text -> a JSON string of it: the words many
			      badges' facts hold (class, formality, status,
			      issuer, language...), made once and shared
			      (views/badgeview.h) */
	/* the views of badges as pages that list badges show them, per
	 * badge and language: made by the first such page that needs one
	 * (under the lock), shared by the rest, kept until the site is
	 * freed, so an edit that renders the catalogue, home, framework and
	 * facet pages makes each badge's view once (views/badgeview.h) */
	json_t **listed;
	bs_par_lock *listed_lock;
	bs_awards *awards; /* content/awards/, checked (model/awards.h) */
	bs_lang *langs; /* the default first; one when site.json names none */
	size_t nlangs;
	bs_tr *trs; /* every translation file read (model/langs) */
	size_t ntrs, captrs;
	json_t *strings_used; /* key -> "layouts/x.mustache:line": the
				 strings the layouts read */
	char *did_path;	      /* where the DID document of the site's did:web
				 is published when the build signs credentials
				 ("did.json"), else NULL: set by site/build.c
				 before the plan, freed by bs_site_free */
} bs_site;

/* load: read site.json, content/, layouts and the visual-language spec.
 * Problems go to d; *out is set even on failure (free it). */
int bs_site_load(bs_site **out, const bs_options *opt, bs_diags *d);
/* validate: check everything and resolve references (stacks, versions,
 * the ledger). The views are built after it succeeds (bs_view_build). */
int bs_site_validate(bs_site *s, const bs_options *opt, bs_diags *d);
void bs_site_free(bs_site *s);

/* The fields b's version freezes (model/ledger.h), made from its front
 * matter, body and issuer each time they are needed rather than kept.
 * Caller json_decrefs. */
json_t *bs_badge_frozen(const bs_badge *b);

/* Lookup helpers (NULL when absent). Badges and terms are found by
 * binary search of the indexes load builds, never by a scan. */
const bs_class *bs_site_class(const bs_site *s, const char *id);
/* Any badge with this id, drafts left out of the build included. */
bs_badge *bs_site_find(const bs_site *s, const char *id);
/* A badge of this build. */
const bs_badge *bs_site_badge(const bs_site *s, const char *id);
const bs_term *bs_site_term(const bs_site *s, const char *id);

#endif
