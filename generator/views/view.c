/* view.c: what every view is made of (setting values, Markdown, counted
 * words, dates, the layout strings and the share links) and reading the
 * views the model keeps; bs_view_build runs the builders of siteview.c and
 * badgeview.c. */
#include "views/view.h"

#include "base/alloc.h"
#include "base/par.h"
#include "base/url.h"
#include "model/fwlang.h"
#include "model/labels.h"
#include "model/langs.h"
#include "pages/markdown.h"
#include "views/badgeview.h"
#include "views/siteview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bs_view_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

void bs_view_set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new_nocheck(o, k,
					    json_stringn_nocheck(v, strlen(v)));
}

void bs_view_set_own(json_t *o, const char *k, char *v)
{
	if (v)
		json_object_set_new_nocheck(o, k,
					    json_stringn_nocheck(v, strlen(v)));
	free(v);
}

char *bs_view_md(const char *md, size_t len, const char *root, int inl)
{
	bs_buf b = BS_BUF_INIT;
	bs_md_links l = {root, NULL};
	if (inl)
		bs_md_inline(&b, md, len, &l);
	else
		bs_md_html(&b, md, len, &l, 3);
	return bs_buf_detach(&b);
}

char *bs_view_count(const bs_site *s, int li, const char *unit, double n)
{
	bs_buf b = BS_BUF_INIT;
	bs_labels_count(&b, bs_fwlang_labels(s, li), unit, n,
			strcmp(unit, "credit") == 0 ? s->credits.name : NULL);
	return bs_buf_detach(&b);
}

char *bs_view_unit(const bs_site *s, int li, const char *unit, double n)
{
	char *t = bs_view_count(s, li, unit, n);
	char *w = bs_xstrdup(strchr(t, ' ') + 1);
	free(t);
	return w;
}

const char *bs_view_word(const bs_site *s, int li, const char *group,
			 const char *code)
{
	return code ? bs_labels_word(bs_fwlang_labels(s, li), group, code)
		    : NULL;
}

const char *bs_view_site_word(const bs_site *s, int li, const char *key)
{
	const json_t *tr = json_object_get(
	    json_object_get(s->site, "translations"), s->langs[li].code);
	const char *v = li ? bs_view_str(tr, key) : NULL;
	return v ? v : bs_view_str(s->site, key);
}

const char *bs_view_string(const bs_site *s, int li, const char *key,
			   const char *dflt)
{
	const char *v = bs_view_str(s->langs[li].strings, key);
	return v ? v : dflt;
}

const json_t *bs_view_data(const bs_badge *b, int li)
{
	return bs_langs_data(li && b->ed ? &b->ed[li] : NULL, b->fm.data);
}

const bs_key *bs_view_key(const bs_badge *b, int li)
{
	return li && b->ed ? &b->ed[li].key : &b->key;
}

const bs_key *bs_view_drawn(const bs_badge *b, int li)
{
	return li && b->ed ? &b->ed[li].drawn : &b->drawn;
}

const json_t *bs_view_term(const bs_term *t, int li)
{
	return li && t->ed && t->ed[li].view ? t->ed[li].view : t->view;
}

void bs_view_linkedin_add(bs_buf *u, const char *name, const json_t *iss)
{
	const char *org = bs_view_str(iss, "linkedin_organization_id");
	const char *iname = bs_view_str(iss, "name");
	bs_buf_puts(u, "https://www.linkedin.com/profile/add"
		       "?startTask=CERTIFICATION_NAME&name=");
	bs_url_encode(u, name);
	bs_buf_puts(u, org ? "&organizationId=" : "&organizationName=");
	bs_url_encode(u, org ? org : iname ? iname : "");
}

void bs_view_share_posts(json_t *sh, const char *url, const char *text,
			 const char *subject, const char *body)
{
	bs_buf u = BS_BUF_INIT;
	bs_buf_puts(&u, "https://www.linkedin.com/sharing/share-offsite/?url=");
	bs_url_encode(&u, url);
	bs_view_set_own(sh, "linkedin_post", bs_buf_detach(&u));
	static const struct {
		const char *key, *start;
	} posts[] = {{"x", "https://x.com/intent/tweet?text="},
		     {"mastodon", "https://mastodonshare.com/?text="}};
	for (size_t i = 0; i < sizeof posts / sizeof *posts; i++) {
		bs_buf_puts(&u, posts[i].start);
		bs_url_encode(&u, text);
		bs_buf_puts(&u, "&url=");
		bs_url_encode(&u, url);
		bs_view_set_own(sh, posts[i].key, bs_buf_detach(&u));
	}
	bs_buf_puts(&u, "mailto:?subject=");
	bs_url_encode(&u, subject);
	bs_buf_puts(&u, "&body=");
	bs_url_encode(&u, body);
	bs_view_set_own(sh, "email", bs_buf_detach(&u));
	bs_buf_free(&u);
}

char *bs_view_date(const bs_site *s, int li, const char *iso)
{
	static const char *const months[] = {"January", "February", "March",
					     "April",	"May",	    "June",
					     "July",	"August",   "September",
					     "October", "November", "December"};
	int m = atoi(iso + 5);
	if (m < 1 || m > 12)
		return bs_xstrdup(iso);
	char key[16];
	snprintf(key, sizeof key, "month_%d", m);
	return bs_xasprintf("%d %s %.4s", atoi(iso + 8),
			    bs_view_string(s, li, key, months[m - 1]), iso);
}

/* Each badge's view reads other badges only for what validate already
 * set (ids, names, folders), so the views are built on threads. */
static void badge_job(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	(void)d;
	bs_site *s = ctx;
	if (!s->badges[i].skip)
		bs_badgeview_build(s, &s->badges[i]);
}

void bs_view_build(bs_site *s)
{
	bs_siteview_build(s);
	bs_badgeview_shared(s);
	s->listed = bs_xcalloc(s->nbadges * s->nlangs + 1, sizeof *s->listed);
	s->listed_lock = bs_par_lock_new();
	bs_diags none = BS_DIAGS_INIT;
	bs_par_for(s->nbadges, s->jobs, BS_PAR_GRAIN, badge_job, s, &none);
	bs_diags_free(&none);
	bs_siteview_terms(s);
}
