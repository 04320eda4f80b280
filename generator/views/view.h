/* view.h: the values templates and JSON emitters read, made from the
 * validated model (docs/templates.md lists them), and the helpers every
 * view is made with. The views every page shares are built once and
 * borrowed; a badge's view is made by each output that reads it
 * (views/badgeview.h). */
#ifndef BS_VIEW_H
#define BS_VIEW_H

#include "base/buf.h"
#include "model/model.h"

/* Build site_view, issuers, each term's view (views/siteview.h) and each
 * badge's key and facts (views/badgeview.h). Runs once, at the end of
 * validate; badges are keyed on threads (each reads of other badges only
 * what validate set). */
void bs_view_build(bs_site *s);

/* A badge's front matter and key in language li (0: the default's own;
 * an edition without a translation reads the default's words), a term's
 * view: all borrowed. A badge's view and facts are made by whoever reads
 * them (views/badgeview.h). */
const json_t *bs_view_data(const bs_badge *b, int li);
const bs_key *bs_view_key(const bs_badge *b, int li);
/* What b's images and card show of it in language li (bs_badge.drawn). */
const bs_key *bs_view_drawn(const bs_badge *b, int li);
const json_t *bs_view_term(const bs_term *t, int li);
/* site.json's title, description or footer in language li (its
 * "translations"), else the default's. Borrowed. */
const char *bs_view_site_word(const bs_site *s, int li, const char *key);
/* The layout string key of language li (layouts/strings/), else dflt. */
const char *bs_view_string(const bs_site *s, int li, const char *key,
			   const char *dflt);

/* A date "2025-10-14" as language li writes it, "14 October 2025": the
 * month's name from the strings (month_1 .. month_12), never from the C
 * locale. Caller frees. */
char *bs_view_date(const bs_site *s, int li, const char *iso);

/* Markdown md[0..len) as HTML (a block, or inline: no <p>), site-rooted
 * links made relative with root ("../"; NULL keeps them). A block's
 * headings start at h3: it sits under a section's h2. Caller frees. */
char *bs_view_md(const char *md, size_t len, const char *root, int inl);

/* n and the form of unit it takes, in the words of language li ("1 hour",
 * "2 learning hours", "0.5 Centre credits"; units: hour, learning_hour,
 * credit, badge, class, term, part). Caller frees. */
char *bs_view_count(const bs_site *s, int li, const char *unit, double n);
/* The same without the number: "badge" or "badges". Caller frees. */
char *bs_view_unit(const bs_site *s, int li, const char *unit, double n);
/* The words for a code of the framework's vocabulary (group "assessment",
 * "award_mode", "participation", "recipient", "level", "fields"); code
 * itself when none; NULL for NULL. Borrowed. */
const char *bs_view_word(const bs_site *s, int li, const char *group,
			 const char *code);

/* A string member of obj, or NULL. */
const char *bs_view_str(const json_t *obj, const char *key);
/* Set o[k] to a copy of v (nothing when v is NULL). Keys are literals and
 * values come from sources checked as UTF-8 when they were read (or are
 * made from them: Markdown's HTML, URLs), so neither is checked again:
 * views are built by the hundred thousand. */
void bs_view_set_str(json_t *o, const char *k, const char *v);
/* The same, taking v (freed here). */
void bs_view_set_own(json_t *o, const char *k, char *v);
/* The start of LinkedIn's add-to-profile address for the certification
 * name from issuer iss (its linkedin_organization_id, else its name),
 * percent-encoded into u: the caller appends what it knows (dates,
 * certUrl, certId). */
void bs_view_linkedin_add(bs_buf *u, const char *name, const json_t *iss);
/* The post links of a share pack into sh: linkedin_post, x and mastodon
 * (text and url), email (subject and body), each encoded; all borrowed. */
void bs_view_share_posts(json_t *sh, const char *url, const char *text,
			 const char *subject, const char *body);

#endif
