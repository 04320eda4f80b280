/* badgeview.h: a badge's view, its flat facts and its key, in each
 * language the site publishes. */
#ifndef BS_BADGEVIEW_H
#define BS_BADGEVIEW_H

#include "model/model.h"

#include <jansson.h>

/* s->shared: the words many badges' views and facts hold (class ids,
 * names, formalities and achievement types, statuses, issuer ids,
 * language codes, the layout strings, the words of the framework's
 * codes) as JSON strings, made once for every view to share. Before the
 * first bs_badgeview_build. */
void bs_badgeview_shared(bs_site *s);

/* b's key in every language (b->key, b->ed[i].key: of its view, facts,
 * source and folder), whether each edition draws its own images, and its
 * facts (b->facts, b->ed[i].facts), kept for the lint until
 * bs_badgeview_drop_facts; the views are made, keyed and released. Reads of
 * other badges only what validate set (ids, names, folders), so badges may be
 * built on threads. s->issuers and the languages must be built first
 * (bs_siteview_build). */
void bs_badgeview_build(bs_site *s, bs_badge *b);

/* b's view in language li (index in s->langs), what templates and the
 * emitters read, made anew: views are not kept in the model, so each
 * output makes the views it reads and releases them. Caller
 * json_decrefs. */
json_t *bs_badgeview_get(const bs_site *s, const bs_badge *b, int li);
/* b's view in language li as a page that lists badges shows it: made
 * once per build by the first page that asks and shared (s->listed), a
 * new reference to it. Safe from several threads; call bs_badgeview_build
 * first. Caller json_decrefs. */
json_t *bs_badgeview_listed(const bs_site *s, const bs_badge *b, int li);
/* b's flat facts in language li, the fields the visual-language channels
 * follow, made anew. Caller json_decrefs. */
json_t *bs_badgeview_facts(const bs_site *s, const bs_badge *b, int li);
/* Release the facts bs_badgeview_build kept for the lint (b->facts and
 * each edition's); from then on outputs make their own. */
void bs_badgeview_drop_facts(bs_site *s);

/* b's view in language li (index in s->langs) (index in s->langs) with
 * its criteria narrative added, as HTML (narrative_html, links relative
 * to the badge page) or as plain Markdown with absolute links
 * (narrative_md), made anew. Caller json_decrefs. */
json_t *bs_badgeview_narrative(const bs_site *s, const bs_badge *b, int li,
			       int html);

/* v.editions: b in every language but li (language, json_abs,
 * achievement_abs), for the Open Badges JSON's related links; nothing on
 * a site of one language. */
void bs_badgeview_editions(json_t *v, const bs_site *s, const bs_badge *b,
			   int li);

#endif
