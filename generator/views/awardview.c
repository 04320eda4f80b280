/* awardview.c: an award's view: its URLs, the badge version it is of, the
 * hashed recipient, dates, evidence, revocation and the share pack. */
#include "views/awardview.h"

#include "base/alloc.h"
#include "base/url.h"
#include "views/view.h"

#include <stdlib.h>
#include <string.h>

/* Awards are published in the default language: their dates in its
 * words. */
static void set_date(const bs_site *s, json_t *v, const char *key,
		     const char *d)
{
	if (!d)
		return;
	bs_view_set_str(v, key, d);
	char *k = bs_xasprintf("%s_on", key);
	bs_view_set_own(v, k, bs_xasprintf("%sT00:00:00Z", d));
	free(k);
	k = bs_xasprintf("%s_text", key);
	bs_view_set_own(v, k, bs_view_date(s, 0, d));
	free(k);
}

/* The share pack of an earner page: LinkedIn's add-to-profile with the
 * award's URL and id as certUrl and certId and its dates, and posts. */
static void share(json_t *v, const json_t *iss, const bs_award *a,
		  const char *url)
{
	const char *name = a->bv->name;
	const char *iname = bs_view_str(iss, "name");
	json_t *sh = json_object();
	bs_buf u = BS_BUF_INIT;
	bs_view_linkedin_add(&u, name, iss);
	bs_buf_printf(&u, "&issueYear=%.4s&issueMonth=%d", a->issued,
		      atoi(a->issued + 5));
	if (a->expires)
		bs_buf_printf(&u, "&expirationYear=%.4s&expirationMonth=%d",
			      a->expires, atoi(a->expires + 5));
	bs_buf_puts(&u, "&certUrl=");
	bs_url_encode(&u, url);
	bs_buf_puts(&u, "&certId=");
	bs_url_encode(&u, a->id);
	bs_view_set_own(sh, "linkedin_add", bs_buf_detach(&u));
	char *text = bs_xasprintf("I have earned the %s badge from %s.", name,
				  iname ? iname : "");
	char *subject = bs_xasprintf("My %s badge", name);
	char *body =
	    bs_xasprintf("%s\r\n\r\nSee it and verify it: %s\r\n", text, url);
	bs_view_share_posts(sh, url, text, subject, body);
	bs_view_set_own(sh, "text", text);
	free(subject);
	free(body);
	json_object_set_new(v, "share", sh);
}

json_t *bs_awardview(const bs_site *s, const bs_award *a)
{
	const char *base = s->base_url;
	const bs_award_badge *bv = a->bv;
	json_t *v = json_object();
	bs_view_set_str(v, "id", a->id);
	char *url = bs_xasprintf("awards/%s/", a->id);
	bs_view_set_own(v, "canonical", bs_xasprintf("%s%s", base, url));
	bs_view_set_own(v, "json_url", bs_xasprintf("awards/%s.json", a->id));
	bs_view_set_own(v, "json_abs",
			bs_xasprintf("%sawards/%s.json", base, a->id));
	/* a build that signs gives each award its signed OB 3.0
	 * credential, whose status entry points into its issuer's status
	 * list: revoking sets the bit there, the credential stays as it
	 * was signed */
	if (s->did_path) {
		bs_view_set_own(
		    v, "credential_url",
		    bs_xasprintf("awards/%s.credential.json", a->id));
		bs_view_set_own(
		    v, "credential_abs",
		    bs_xasprintf("%sawards/%s.credential.json", base, a->id));
	}
	if (s->did_path && a->status >= 0) {
		char *sp = bs_awardview_status_path(a->bv->badge->issuer);
		json_t *st = json_object();
		bs_view_set_own(st, "index", bs_xasprintf("%ld", a->status));
		bs_view_set_own(st, "list_abs", bs_xasprintf("%s%s", base, sp));
		json_object_set_new(v, "status", st);
		free(sp);
	}
	static const char *const img[] = {"png", "svg"};
	for (size_t i = 0; i < 2; i++) {
		char *k = bs_xasprintf("%s_url", img[i]);
		bs_view_set_own(v, k, bs_xasprintf("%sbadge.%s", url, img[i]));
		free(k);
		k = bs_xasprintf("%s_abs", img[i]);
		bs_view_set_own(
		    v, k, bs_xasprintf("%s%sbadge.%s", base, url, img[i]));
		free(k);
	}
	bs_view_set_own(v, "url", url);

	json_t *b = json_object();
	bs_view_set_str(b, "id", bv->badge->id);
	bs_view_set_str(b, "name", bv->name);
	json_object_set_new(b, "version", json_integer(bv->version));
	json_object_set_new(b, "current",
			    json_boolean(bv->version == bv->badge->version));
	bs_view_set_str(b, "url", bv->dir);
	bs_view_set_own(b, "canonical", bs_xasprintf("%s%s", base, bv->dir));
	bs_view_set_own(b, "json_url", bs_xasprintf("%sbadge.json", bv->dir));
	bs_view_set_own(b, "json_abs",
			bs_xasprintf("%s%sbadge.json", base, bv->dir));
	json_object_set_new(v, "badge", b);
	bs_view_set_own(v, "image_alt", bs_xasprintf("The %s badge", bv->name));

	const json_t *iss = json_object_get(s->issuers, bv->badge->issuer);
	if (iss)
		json_object_set(v, "issuer", (json_t *)iss);

	json_t *r = json_object();
	bs_view_set_str(r, "type", a->rtype);
	bs_view_set_str(r, "identity", a->identity);
	bs_view_set_str(r, "salt", a->salt);
	/* which the layout names: the earner's email address, web address
	 * or telephone number */
	char *is = bs_xasprintf("is_%s", a->rtype);
	json_object_set_new(r, is, json_true());
	free(is);
	json_object_set_new(v, "recipient", r);
	json_object_set_new(v, "preview", json_boolean(s->awards->preview));

	bs_view_set_str(v, "earner_name", a->name);
	set_date(s, v, "issued", a->issued);
	set_date(s, v, "expires", a->expires);
	bs_view_set_str(v, "evidence_url", a->evidence_url);
	bs_view_set_str(v, "evidence_narrative", a->evidence_narrative);
	json_object_set_new(
	    v, "has_evidence",
	    json_boolean(a->evidence_url || a->evidence_narrative));
	json_object_set_new(v, "revoked", json_boolean(a->revoked));
	set_date(s, v, "revocation", a->revoked_on);
	bs_view_set_str(v, "revocation_reason", a->revocation_reason);
	share(v, iss, a, bs_view_str(v, "canonical"));
	return v;
}

void bs_awardview_page(const json_t *v, json_t *f)
{
	json_t *pg = json_object_get(f, "page");
	const char *badge = bs_view_str(json_object_get(v, "badge"), "name");
	const char *who = bs_view_str(v, "earner_name");
	const char *iss = bs_view_str(json_object_get(v, "issuer"), "name");
	if (json_is_true(json_object_get(v, "revoked")))
		bs_view_set_own(pg, "title",
				bs_xasprintf("%s: a revoked award", badge));
	else if (who)
		bs_view_set_own(pg, "title",
				bs_xasprintf("%s, awarded to %s", badge, who));
	else
		bs_view_set_own(pg, "title",
				bs_xasprintf("%s: an award", badge));
	bs_view_set_own(pg, "description",
			bs_xasprintf("The %s badge, awarded by %s on %s.",
				     badge, iss ? iss : "its issuer",
				     bs_view_str(v, "issued_text")));
}

json_t *bs_awardview_revoked(const bs_site *s, const char *issuer)
{
	json_t *arr = json_array();
	const bs_awards *aw = s->awards;
	for (size_t i = 0; aw && i < aw->n; i++) {
		const bs_award *a = &aw->v[i];
		if (!a->revoked || !a->bv->badge->issuer ||
		    strcmp(a->bv->badge->issuer, issuer) != 0)
			continue;
		json_t *o = json_object();
		bs_view_set_own(
		    o, "json_abs",
		    bs_xasprintf("%sawards/%s.json", s->base_url, a->id));
		bs_view_set_str(o, "revocation_reason", a->revocation_reason);
		json_array_append_new(arr, o);
	}
	return arr;
}

char *bs_awardview_revocations_path(const char *issuer)
{
	return bs_xasprintf("issuers/%s.revocations.json", issuer);
}

char *bs_awardview_status_path(const char *issuer)
{
	return bs_xasprintf("awards/status/%s.json", issuer);
}

void bs_awardview_key(bs_key *k, const bs_award *a)
{
	const char *const s[] = {a->id,
				 a->bv->dir,
				 a->bv->name,
				 a->rtype,
				 a->identity,
				 a->salt,
				 a->name,
				 a->issued,
				 a->expires,
				 a->evidence_url,
				 a->evidence_narrative,
				 a->revoked_on,
				 a->revocation_reason};
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		bs_key_add_str(k, s[i] ? s[i] : "\x01");
	bs_key_add(k, &a->revoked, sizeof a->revoked);
	bs_key_add(k, &a->status, sizeof a->status);
	bs_key_add(k, &a->bv->version, sizeof a->bv->version);
}

/* One CSV field, quoted when it holds a comma, a quote or a line break. */
static void csv_field(bs_buf *out, const char *s, int last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		bs_buf_putc(out, '"');
		for (; *s; s++) {
			if (*s == '"')
				bs_buf_putc(out, '"');
			bs_buf_putc(out, *s);
		}
		bs_buf_putc(out, '"');
	} else {
		bs_buf_puts(out, s);
	}
	bs_buf_puts(out, last ? "\r\n" : ",");
}

static int by_row(const void *x, const void *y)
{
	const bs_award *a = *(const bs_award *const *)x,
		       *b = *(const bs_award *const *)y;
	int c = strcmp(a->file, b->file);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

void bs_awardview_list(bs_buf *out, const bs_site *s)
{
	csv_field(out, "batch", 0);
	csv_field(out, "line", 0);
	csv_field(out, "badge", 0);
	csv_field(out, "version", 0);
	csv_field(out, "award", 0);
	csv_field(out, "page", 0);
	csv_field(out, "assertion", 0);
	csv_field(out, "credential", 0);
	csv_field(out, "status", 1);
	const bs_awards *aw = s->awards;
	if (!aw || !aw->n)
		return;
	const bs_award **row = bs_xcalloc(aw->n, sizeof *row);
	for (size_t i = 0; i < aw->n; i++)
		row[i] = &aw->v[i];
	qsort(row, aw->n, sizeof *row, by_row);
	for (size_t i = 0; i < aw->n; i++) {
		const bs_award *a = row[i];
		char num[32];
		csv_field(out, a->file, 0);
		snprintf(num, sizeof num, "%d", a->line);
		csv_field(out, num, 0);
		csv_field(out, a->bv->badge->id, 0);
		snprintf(num, sizeof num, "%d", a->bv->version);
		csv_field(out, num, 0);
		csv_field(out, a->id, 0);
		char *u = bs_xasprintf("%sawards/%s/", s->base_url, a->id);
		csv_field(out, u, 0);
		free(u);
		u = bs_xasprintf("%sawards/%s.json", s->base_url, a->id);
		csv_field(out, u, 0);
		free(u);
		u = s->did_path ? bs_xasprintf("%sawards/%s.credential.json",
					       s->base_url, a->id)
				: NULL;
		csv_field(out, u, 0);
		free(u);
		csv_field(out, a->revoked ? "revoked" : "awarded", 1);
	}
	free(row);
}
