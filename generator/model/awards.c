/* awards.c: reading and checking content/awards/: the batches of awards,
 * the revocations, the secret the recipients' salts come from, and each
 * award against what the ledger recorded when it was published. */
#define _DEFAULT_SOURCE /* realpath */
#include "model/awards.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "base/hmac.h"
#include "base/sha256.h"
#include "base/url.h"
#include "input/csv.h"
#include "input/files.h"
#include "input/source.h"
#include "model/ledger.h"
#include "model/model.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The columns of a batch, in the order docs/content-format.md lists
 * them. */
enum {
	C_BADGE,
	C_VERSION,
	C_RECIPIENT,
	C_NAME,
	C_SHOW_NAME,
	C_ISSUED,
	C_EXPIRES,
	C_EVIDENCE_URL,
	C_EVIDENCE_NARRATIVE,
	C_KEY,
	C_N
};
static const char *const columns[] = {"badge",
				      "version",
				      "recipient",
				      "name",
				      "show_name",
				      "issued",
				      "expires",
				      "evidence_url",
				      "evidence_narrative",
				      "key",
				      NULL};
static const int required[] = {C_BADGE, C_RECIPIENT, C_ISSUED};

enum { R_AWARD, R_REASON, R_DATE, R_N };
static const char *const rcolumns[] = {"award", "reason", "date", NULL};

/* The shortest secret accepted, in bytes. */
#define SECRET_MIN 16
#define SECRET_MAX 4096

/* Map header fields to columns: cols[c] is the field index of column c or
 * -1. Unknown, repeated and missing columns are errors. */
static int header(int *cols, const bs_csv_row *h, const char *const *names,
		  int n, const int *req, size_t nreq, const bs_source *src,
		  bs_diags *d)
{
	int rc = BS_OK;
	for (int c = 0; c < n; c++)
		cols[c] = -1;
	for (size_t i = 0; i < h->n; i++) {
		const bs_csv_field *f = &h->f[i];
		int c = 0;
		while (names[c] && strcmp(names[c], f->text))
			c++;
		if (!names[c]) {
			rc = bs_diag_at(d, BS_ERROR, src, f->line, f->col,
					"unknown column '%s'", f->text);
			const char *near = bs_suggest(f->text, names);
			if (near)
				bs_diag_hint(d, "did you mean '%s'?", near);
			else {
				bs_buf l = BS_BUF_INIT;
				for (int k = 0; k < n; k++)
					bs_buf_printf(&l, "%s%s", k ? ", " : "",
						      names[k]);
				bs_diag_hint(d, "the columns are %s", l.ptr);
				bs_buf_free(&l);
			}
		} else if (cols[c] >= 0) {
			rc = bs_diag_at(d, BS_ERROR, src, f->line, f->col,
					"column '%s' twice", f->text);
		} else {
			cols[c] = (int)i;
		}
	}
	for (size_t i = 0; i < nreq; i++)
		if (cols[req[i]] < 0) {
			rc = bs_diag_at(d, BS_ERROR, src, h->line, 1,
					"no column '%s', which every row needs",
					names[req[i]]);
			bs_diag_hint(d, "add '%s' to the header row",
				     names[req[i]]);
		}
	return rc;
}

/* The field of column c in row r, or NULL (no column, or empty). */
static const bs_csv_field *cell(const bs_csv_row *r, const int *cols, int c)
{
	if (cols[c] < 0 || !r->f[cols[c]].text[0])
		return NULL;
	return &r->f[cols[c]];
}

/* YYYY-MM-DD, a real day. */
static int is_date(const char *s)
{
	int y, m, dd;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	dd = atoi(s + 8);
	static const int days[] = {31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || dd < 1 || dd > days[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0)))
		return 0;
	return 1;
}

static int bad(const bs_source *src, const bs_csv_field *f, bs_diags *d,
	       const char *msg, const char *hint)
{
	bs_diag_at(d, BS_ERROR, src, f->line, f->col, "%s", msg);
	if (hint)
		bs_diag_hint(d, "%s", hint);
	return BS_ECONTENT;
}

/* The recipient's type and the form it is hashed in (caller frees), or
 * NULL when it is none of the three Open Badges allows. */
static char *recipient(const char **type, const char *r)
{
	size_t n = strlen(r);
	if (bs_url_is_http(r) && !strpbrk(r, " \t\n")) {
		*type = "url";
		return bs_xstrdup(r);
	}
	if (r[0] == '+') {
		/* E.164: + and up to 15 digits */
		if (n < 4 || n > 16 || strspn(r + 1, "0123456789") != n - 1)
			return NULL;
		*type = "telephone";
		return bs_xstrdup(r);
	}
	const char *at = strchr(r, '@');
	if (!at || at == r || !at[1] || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.') || strpbrk(r, " \t\n,;<>\"") ||
	    strncmp(r, "mailto:", 7) == 0)
		return NULL;
	*type = "email";
	/* verifiers compare email addresses in lower case */
	char *e = bs_xstrdup(r);
	for (char *p = e; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return e;
}

/* The folder and name of version v of badge b, or 0 when the site does
 * not publish that version. */
static const bs_award_badge *badge_version(bs_awards *a, const bs_site *s,
					   const bs_badge *b, int v)
{
	for (size_t i = 0; i < a->nbv; i++)
		if (a->bv[i].badge == b && a->bv[i].version == v)
			return &a->bv[i];
	char *dir = NULL, *name = NULL;
	if (v == b->version && b->dir) {
		dir = bs_xstrdup(b->dir);
		const json_t *n = json_object_get(b->fm.data, "name");
		name = bs_xstrdup(json_is_string(n) ? json_string_value(n)
						    : b->id);
	} else {
		for (size_t i = 0; i < b->nsnaps && !dir; i++) {
			if (b->snaps[i] != v)
				continue;
			/* the first version published keeps the plain URL */
			dir = i == 0 ? bs_xasprintf("badges/%s/", b->id)
				     : bs_xasprintf("badges/%s/v%d/", b->id, v);
			json_t *fr = bs_snapshot_frozen(s->root, b->id, v);
			const json_t *n = json_object_get(fr, "name");
			name = bs_xstrdup(
			    json_is_string(n) ? json_string_value(n) : b->id);
			json_decref(fr);
		}
	}
	if (!dir)
		return NULL;
	/* entries are found by their index: the array may move until the
	 * end of loading, so awards point at them only then */
	bs_xgrow((void **)&a->bv, &a->capbv, a->nbv + 1, sizeof *a->bv);
	a->bv[a->nbv] = (bs_award_badge){b, v, dir, name};
	return &a->bv[a->nbv++];
}

typedef struct secret {
	unsigned char *key; /* NULL: preview */
	size_t n;
} secret;

/* Read the secret from path: outside the site, readable by its owner
 * only, at least SECRET_MIN bytes. */
static int read_secret(secret *sec, const char *path, const char *root,
		       bs_diags *d)
{
	sec->key = NULL;
	sec->n = 0;
	char rp[PATH_MAX], rr[PATH_MAX];
	int fd = open(path, O_RDONLY | O_NOCTTY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		bs_diag_io(d, path, "cannot read the award secret: %s",
			   strerror(e));
		bs_diag_hint(d, "make one: head -c 32 /dev/urandom | base64 "
				"> FILE && chmod 600 FILE");
		return BS_EIO;
	}
	int rc = BS_OK;
	if (!S_ISREG(st.st_mode)) {
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "the award secret is not a regular file");
	} else if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
				  "the award secret may be read by others "
				  "than its owner");
		bs_diag_hint(d, "chmod 600 %s", path);
	} else if (realpath(path, rp) && realpath(root, rr)) {
		size_t n = strlen(rr);
		if (strncmp(rp, rr, n) == 0 && (rp[n] == '/' || !rp[n])) {
			rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
					  "the award secret is inside the "
					  "site's folder, which is published "
					  "and committed");
			bs_diag_hint(d, "keep it outside the site, e.g. in "
					"~/.config/badgesite/, and never "
					"commit it");
		}
	}
	if (!rc) {
		sec->key = bs_xmalloc(SECRET_MAX);
		ssize_t got = read(fd, sec->key, SECRET_MAX);
		size_t n = got > 0 ? (size_t)got : 0;
		while (n && isspace(sec->key[n - 1]))
			n--;
		sec->n = n;
		if (n < SECRET_MIN) {
			rc = bs_diag_file(d, BS_ERROR, path, 0, 0,
					  "the award secret is shorter than "
					  "%d bytes",
					  SECRET_MIN);
			bs_diag_hint(d, "make one: head -c 32 /dev/urandom | "
					"base64 > FILE && chmod 600 FILE");
			free(sec->key);
			sec->key = NULL;
		}
	}
	close(fd);
	return rc;
}

/* The salt of award id: HMAC-SHA256 of the id under the secret, cut to
 * 128 bits; without a secret, a preview salt anyone can recompute. */
static char *salt_for(const secret *sec, const char *id)
{
	char h[65];
	if (sec->key) {
		char *m = bs_xasprintf("badgesite award salt\n%s", id);
		bs_hmac_sha256_hex(h, sec->key, sec->n, m, strlen(m));
		free(m);
		return bs_xstrndup(h, 32);
	}
	bs_sha256 c;
	bs_sha256_init(&c);
	bs_sha256_add(&c, "badgesite preview salt\n", 23);
	bs_sha256_add(&c, id, strlen(id));
	bs_sha256_hex(h, &c);
	return bs_xasprintf("preview-%.24s", h);
}

/* A batch's award id: the batch and the row's key, never its place. */
static void award_id(char out[17], const char *batch, const char *key)
{
	char h[65];
	bs_sha256 c;
	bs_sha256_init(&c);
	bs_sha256_add(&c, "badgesite award\n", 16);
	bs_sha256_add(&c, batch, strlen(batch));
	bs_sha256_add(&c, "\n", 1);
	bs_sha256_add(&c, key, strlen(key));
	bs_sha256_hex(h, &c);
	memcpy(out, h, 16);
	out[16] = '\0';
}

typedef struct loading {
	bs_awards *a;
	const bs_site *s;
	const secret *sec;
	size_t cap;
	/* the version index of each award until the table stops moving */
	size_t *bvi;
	size_t capbvi;
	const char **badge_ids; /* for "did you mean" */
} loading;

/* The badge version the ledger records for award id, or 0. */
static long pinned_version(const bs_site *s, const char *id)
{
	char *lp = bs_xasprintf("/awards/%s/", id);
	const bs_ledger_entry *e = bs_ledger_find(&s->ledger, lp);
	free(lp);
	const char *v = e && e->hash ? strrchr(e->hash, '/') : NULL;
	return v && v[1] == 'v' ? strtol(v + 2, NULL, 10) : 0;
}

static char *opt_dup(const bs_csv_field *f)
{
	return f ? bs_xstrdup(f->text) : NULL;
}

/* One row of a batch into an award; BS_OK or BS_ECONTENT (reported). */
static int row(loading *L, const bs_source *src, const char *batch,
	       const bs_csv_row *r, const int *cols, bs_diags *d)
{
	const bs_site *s = L->s;
	int rc = BS_OK;
	const bs_csv_field *fb = cell(r, cols, C_BADGE),
			   *fr = cell(r, cols, C_RECIPIENT),
			   *fi = cell(r, cols, C_ISSUED),
			   *fv = cell(r, cols, C_VERSION),
			   *fn = cell(r, cols, C_NAME),
			   *fs = cell(r, cols, C_SHOW_NAME),
			   *fx = cell(r, cols, C_EXPIRES),
			   *fe = cell(r, cols, C_EVIDENCE_URL),
			   *fm = cell(r, cols, C_EVIDENCE_NARRATIVE),
			   *fk = cell(r, cols, C_KEY);
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!cell(r, cols, required[i])) {
			const bs_csv_field *f = &r->f[cols[required[i]]];
			rc = bs_diag_at(d, BS_ERROR, src, f->line, f->col,
					"this award has no %s",
					columns[required[i]]);
		}
	if (rc)
		return rc;
	const bs_badge *b = bs_site_find(s, fb->text);
	if (!b) {
		rc = bs_diag_at(d, BS_ERROR, src, fb->line, fb->col,
				"no badge '%s'", fb->text);
		const char *near = bs_suggest(fb->text, L->badge_ids);
		if (near)
			bs_diag_hint(d, "did you mean '%s'?", near);
		else
			bs_diag_hint(d, "the column holds a badge id: the "
					"name of its file in content/badges/");
	} else if (b->skip) {
		rc = bs_diag_at(d, BS_ERROR, src, fb->line, fb->col,
				"badge '%s' is a draft or broken: it cannot "
				"be awarded",
				b->id);
		b = NULL;
	}
	long version = 0;
	if (fv) {
		char *end;
		version = strtol(fv->text, &end, 10);
		if (*end || version < 1 || version > 100000) {
			rc = bad(src, fv, d,
				 "the version is not a whole number from 1",
				 "leave it empty for the badge's current "
				 "version");
			version = 0;
		}
	}
	const char *rtype = NULL;
	char *who = recipient(&rtype, fr->text);
	if (!who)
		rc = bad(src, fr, d,
			 "the recipient is not an email address, an http(s) "
			 "URL or a telephone number in the form +4412345678",
			 "Open Badges 2.0 awards to one of these three");
	if (!is_date(fi->text))
		rc = bad(src, fi, d, "the issue date is not a date",
			 "write it YYYY-MM-DD, e.g. 2025-10-14");
	if (fx && !is_date(fx->text))
		rc = bad(src, fx, d, "the expiry date is not a date",
			 "write it YYYY-MM-DD, or leave it empty: no expiry");
	else if (fx && is_date(fi->text) && strcmp(fx->text, fi->text) <= 0)
		rc = bad(src, fx, d, "the award expires before it is issued",
			 NULL);
	int show = 0;
	/* spreadsheets write Yes and No */
	if (fs && strcasecmp(fs->text, "yes") == 0)
		show = 1;
	else if (fs && strcasecmp(fs->text, "no") != 0)
		rc = bad(src, fs, d, "show_name is 'yes' or 'no'",
			 "empty means no: the name is shown only when the "
			 "earner agreed");
	if (show && !fn) {
		const bs_csv_field *f = &r->f[cols[C_SHOW_NAME]];
		rc = bad(src, f, d, "show_name is yes, but the row has no name",
			 NULL);
	}
	if (fe && (!bs_url_is_http(fe->text) || !bs_url_allowed(fe->text)))
		rc = bad(src, fe, d, "the evidence URL is not an http(s) URL",
			 NULL);
	if (rc || !b) {
		free(who);
		return rc ? rc : BS_ECONTENT;
	}
	/* the key: an explicit one, else who got which badge when */
	char *key = fk ? bs_xstrdup(fk->text)
		       : bs_xasprintf("%s\n%s\n%s", who, b->id, fi->text);
	char id[17];
	award_id(id, batch, key);
	free(key);
	/* a published award keeps the version it was published with */
	if (!version)
		version = pinned_version(s, id);
	const bs_award_badge *bv =
	    badge_version(L->a, s, b, version ? (int)version : b->version);
	if (!bv) {
		free(who);
		rc = bad(src, fv ? fv : fb, d,
			 "the site publishes no such version of the badge",
			 "a version is published when it is the current one "
			 "or kept under content/published/<badge>/");
		return rc;
	}
	bs_awards *a = L->a;
	bs_xgrow((void **)&a->v, &L->cap, a->n + 1, sizeof *a->v);
	bs_xgrow((void **)&L->bvi, &L->capbvi, a->n + 1, sizeof *L->bvi);
	bs_award *w = &a->v[a->n];
	memset(w, 0, sizeof *w);
	L->bvi[a->n++] = (size_t)(bv - a->bv);
	memcpy(w->id, id, sizeof id);
	w->rtype = rtype;
	w->salt = salt_for(L->sec, w->id);
	bs_sha256 c;
	char h[65];
	bs_sha256_init(&c);
	bs_sha256_add(&c, who, strlen(who));
	bs_sha256_add(&c, w->salt, strlen(w->salt));
	bs_sha256_hex(h, &c);
	w->identity = bs_xasprintf("sha256$%s", h);
	free(who);
	w->name = show ? bs_xstrdup(fn->text) : NULL;
	w->issued = bs_xstrdup(fi->text);
	w->expires = opt_dup(fx);
	w->evidence_url = opt_dup(fe);
	w->evidence_narrative = opt_dup(fm);
	w->file = src->path;
	w->line = r->line;
	/* what the award freezes: which badge version, given when and until
	 * when, to what kind of recipient (a recipient's address may be
	 * corrected under a key of its own) */
	json_t *fz =
	    json_pack("{s:s, s:s, s:i, s:s, s:s, s:s?}", "format", "award-1",
		      "badge", b->id, "version", bv->version, "recipient_type",
		      rtype, "issued", w->issued, "expires", w->expires);
	char *fh = bs_ledger_hash(fz);
	json_decref(fz);
	w->hash = bs_xasprintf("%s/v%d", fh, bv->version);
	free(fh);
	return BS_OK;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* One batch file. The CSV is freed as soon as its awards are made: memory
 * holds one batch's table at a time. */
static void batch(loading *L, const char *name, bs_diags *d)
{
	bs_awards *a = L->a;
	char *rel = bs_xasprintf("%s/%s", BS_AWARDS_DIR, name);
	char *id = bs_xstrndup(name, strlen(name) - 4);
	a->files[a->nfiles++] = rel;
	if (!bs_url_is_id(id)) {
		bs_diag_file(d, BS_ERROR, rel, 0, 0,
			     "a batch's name is lower-case letters, digits "
			     "and hyphens");
		bs_diag_hint(d, "it is part of every award's id: rename it "
				"before publishing, e.g. 2025-autumn.csv");
		free(id);
		return;
	}
	bs_source src;
	if (bs_source_load(&src, L->s->root, rel, d)) {
		free(id);
		return;
	}
	bs_csv t;
	int cols[C_N];
	int prc = bs_csv_parse(&t, &src, d);
	if (prc == BS_OK && t.n &&
	    header(cols, &t.rows[0], columns, C_N, required,
		   sizeof required / sizeof *required, &src, d) == BS_OK) {
		for (size_t i = 1; i < t.n; i++)
			row(L, &src, id, &t.rows[i], cols, d);
	} else if (prc == BS_OK && !t.n) {
		bs_diag_file(d, BS_WARNING, rel, 0, 0,
			     "an empty batch awards nothing");
	}
	bs_csv_free(&t);
	/* diagnostics keep their own copy of the path; awards borrow the
	 * table's */
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].file == src.path)
			a->v[i].file = rel;
	bs_source_free(&src);
	free(id);
}

static int cmp_award(const void *x, const void *y)
{
	const bs_award *p = x, *q = y;
	int c = strcmp(p->id, q->id);
	if (c)
		return c;
	c = strcmp(p->file, q->file);
	return c ? c : p->line - q->line;
}

/* content/awards/revoked.csv: award, reason, date. */
static void revocations(loading *L, bs_diags *d)
{
	bs_awards *a = L->a;
	if (!bs_files_exists(L->s->root, BS_AWARDS_REVOKED))
		return;
	bs_source src;
	if (bs_source_load(&src, L->s->root, BS_AWARDS_REVOKED, d))
		return;
	bs_csv t;
	int cols[R_N];
	static const int rreq[] = {R_AWARD, R_DATE};
	if (bs_csv_parse(&t, &src, d) == BS_OK && t.n &&
	    header(cols, &t.rows[0], rcolumns, R_N, rreq,
		   sizeof rreq / sizeof *rreq, &src, d) == BS_OK) {
		for (size_t i = 1; i < t.n; i++) {
			const bs_csv_row *r = &t.rows[i];
			const bs_csv_field *fa = cell(r, cols, R_AWARD),
					   *fd = cell(r, cols, R_DATE),
					   *fr = cell(r, cols, R_REASON);
			if (!fa || !fd) {
				const bs_csv_field *f =
				    &r->f[cols[fa ? R_DATE : R_AWARD]];
				bad(&src, f, d,
				    fa ? "this revocation has no date"
				       : "this revocation names no award",
				    NULL);
				continue;
			}
			bs_award *w = (bs_award *)bs_awards_find(a, fa->text);
			if (!w) {
				bad(&src, fa, d, "no award has this id",
				    "the id is the last part of the award's "
				    "URL, /awards/<id>/; the award's row stays "
				    "in its batch");
				continue;
			}
			if (!is_date(fd->text)) {
				bad(&src, fd, d, "the date is not a date",
				    "write it YYYY-MM-DD");
				continue;
			}
			if (w->revoked) {
				bad(&src, fa, d, "this award is revoked twice",
				    NULL);
				continue;
			}
			if (strcmp(fd->text, w->issued) < 0) {
				bad(&src, fd, d,
				    "the award is revoked before it was "
				    "issued",
				    NULL);
				continue;
			}
			w->revoked = 1;
			w->revoked_on = bs_xstrdup(fd->text);
			w->revocation_reason = opt_dup(fr);
			a->nrevoked++;
		}
	}
	bs_csv_free(&t);
	bs_source_free(&src);
}

/* Every award the ledger records keeps what it was published with. */
static void check_published(const bs_awards *a, const bs_site *s, bs_diags *d)
{
	for (size_t i = 0; i < a->n; i++) {
		const bs_award *w = &a->v[i];
		char *lp = bs_xasprintf("/awards/%s/", w->id);
		const bs_ledger_entry *e = bs_ledger_find(&s->ledger, lp);
		free(lp);
		if (!e || !e->hash || strcmp(e->hash, w->hash) == 0)
			continue;
		const char *v = strrchr(e->hash, '/');
		const char *vn = strrchr(w->hash, '/');
		bs_diag_file(d, BS_ERROR, w->file, w->line, 1,
			     "award %s was published with other fields: a "
			     "published award never changes",
			     w->id);
		if (v && vn && strcmp(v, vn) != 0)
			bs_diag_hint(d,
				     "it was published with version %s of "
				     "badge '%s': write %s in its version "
				     "column",
				     v + 2, w->bv->badge->id, v + 2);
		else
			bs_diag_hint(d, "restore its badge, issue and expiry "
					"dates; to withdraw it, list it in "
					"content/awards/revoked.csv and award "
					"again in a new row");
	}
}

static int same_issuer(const bs_award *w, const char *issuer)
{
	const char *i = w->bv->badge->issuer;
	return i && strcmp(i, issuer) == 0;
}

/* The index the ledger records for award w's credential, -1 for none
 * (reported when it is not an index). */
static long recorded_status(const bs_award *w, const bs_site *s, bs_diags *d)
{
	char *lp = bs_xasprintf("/awards/%s.credential.json", w->id);
	const bs_ledger_entry *e = bs_ledger_find(&s->ledger, lp);
	free(lp);
	if (!e || !e->hash)
		return -1;
	size_t tn = strlen(BS_AWARDS_STATUS_TAG);
	char *end = NULL;
	long v = strncmp(e->hash, BS_AWARDS_STATUS_TAG, tn) == 0 &&
			 isdigit((unsigned char)e->hash[tn])
		     ? strtol(e->hash + tn, &end, 10)
		     : -1;
	if (v < 0 || *end || v > 1L << 30) {
		bs_diag_at(d, BS_ERROR, &s->ledger.src, e->line,
			   (int)strlen(e->path) + 2,
			   "'%s' is not a status list index", e->hash);
		bs_diag_hint(d,
			     "restore the ledger from git: git checkout -- %s",
			     BS_LEDGER_PATH);
		return -1;
	}
	return v;
}

static size_t status_bits(size_t awards, long top)
{
	size_t n = BS_AWARDS_STATUS_MIN;
	while (n < 2 * awards || (top >= 0 && (size_t)top >= n))
		n += BS_AWARDS_STATUS_MIN;
	return n;
}

size_t bs_awards_status_bits(const bs_awards *a, const char *issuer)
{
	size_t n = 0;
	long top = -1;
	for (size_t i = 0; a && i < a->n; i++)
		if (same_issuer(&a->v[i], issuer)) {
			n++;
			if (a->v[i].status > top)
				top = a->v[i].status;
		}
	return status_bits(n, top);
}

/* Each award's index in its issuer's status list. Once published it is
 * the ledger's (a verifier checks that bit for good); an award not yet
 * published takes, in the order of award ids, the first free place from
 * its id's value modulo the list's length: a build computes the same
 * places publish records, and an index says nothing of when the award
 * was made. */
static void status_places(bs_awards *a, const bs_site *s, bs_diags *d)
{
	for (size_t i = 0; i < a->n; i++)
		a->v[i].status = a->v[i].bv->badge->issuer
				     ? recorded_status(&a->v[i], s, d)
				     : -1;
	/* each issuer once, from its first award on */
	const char **done = bs_xcalloc(a->nbv + 1, sizeof *done);
	size_t ndone = 0;
	for (size_t i = 0; i < a->n; i++) {
		const char *iss = a->v[i].bv->badge->issuer;
		int seen = 0;
		for (size_t j = 0; iss && j < ndone && !seen; j++)
			seen = strcmp(done[j], iss) == 0;
		if (!iss || seen)
			continue;
		done[ndone++] = iss;
		size_t nbits = bs_awards_status_bits(a, iss);
		unsigned char *taken = bs_xcalloc(nbits / 8, 1);
		for (size_t j = i; j < a->n; j++) {
			bs_award *w = &a->v[j];
			if (!same_issuer(w, iss) || w->status < 0)
				continue;
			size_t k = (size_t)w->status;
			if (taken[k / 8] & (1u << k % 8)) {
				bs_diag_file(d, BS_ERROR, BS_LEDGER_PATH, 0, 0,
					     "award %s has status list index "
					     "%ld, which another award of "
					     "issuer '%s' has",
					     w->id, w->status, iss);
				bs_diag_hint(d,
					     "restore the ledger from git: "
					     "git checkout -- %s",
					     BS_LEDGER_PATH);
			}
			taken[k / 8] |= (unsigned char)(1u << k % 8);
		}
		for (size_t j = i; j < a->n; j++) {
			bs_award *w = &a->v[j];
			if (!same_issuer(w, iss) || w->status >= 0)
				continue;
			size_t k = (size_t)(strtoull(w->id, NULL, 16) % nbits);
			while (taken[k / 8] & (1u << k % 8))
				k = (k + 1) % nbits;
			taken[k / 8] |= (unsigned char)(1u << k % 8);
			w->status = (long)k;
		}
		free(taken);
	}
	free(done);
}

int bs_awards_load(bs_awards **out, const bs_site *s, const bs_options *opt,
		   bs_diags *d)
{
	bs_awards *a = bs_xcalloc(1, sizeof *a);
	*out = a;
	DIR *dir;
	int rc = bs_files_opendir(&dir, s->root, BS_AWARDS_DIR, d);
	if (rc)
		return rc == BS_FILES_MISSING ? BS_OK : rc;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char *rel = bs_xasprintf("%s/%s", BS_AWARDS_DIR, e->d_name);
		if (!ends_with(e->d_name, ".csv")) {
			bs_diag_file(d, BS_ERROR, rel, 0, 0,
				     "content/awards/ holds only .csv files");
			bs_diag_hint(d, "a batch of awards is "
					"content/awards/<batch>.csv; "
					"revocations are revoked.csv");
		} else if (strcmp(e->d_name, "revoked.csv") != 0) {
			bs_xgrow((void **)&names, &cap, n + 1, sizeof *names);
			names[n++] = bs_xstrdup(e->d_name);
		}
		free(rel);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	secret sec = {NULL, 0};
	const char *sp = opt ? opt->secret : NULL;
	if (n && sp && read_secret(&sec, sp, s->root, d) != BS_OK) {
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return BS_ECONTENT;
	}
	a->preview = n && !sec.key;
	loading L = {a, s, &sec, 0, NULL, 0, NULL};
	L.badge_ids = bs_xcalloc(s->nbadges + 1, sizeof *L.badge_ids);
	for (size_t i = 0; i < s->nbadges; i++)
		L.badge_ids[i] = s->badge_ids[i]->id;
	a->files = bs_xcalloc(n + 1, sizeof *a->files);
	for (size_t i = 0; i < n; i++) {
		batch(&L, names[i], d);
		free(names[i]);
	}
	free(names);
	free(L.badge_ids);
	free(sec.key);
	/* the versions table stops moving: awards point into it */
	for (size_t i = 0; i < a->n; i++)
		a->v[i].bv = &a->bv[L.bvi[i]];
	free(L.bvi);
	if (a->n)
		qsort(a->v, a->n, sizeof *a->v, cmp_award);
	size_t w = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (w && strcmp(a->v[w - 1].id, a->v[i].id) == 0) {
			bs_award *p = &a->v[w - 1], *q = &a->v[i];
			bs_diag_file(d, BS_ERROR, q->file, q->line, 1,
				     "this row awards the same as %s:%d",
				     p->file, p->line);
			bs_diag_hint(d, "rows with the same badge, recipient "
					"and issue date are one award; give "
					"each row its own value in a key "
					"column, or remove the repeat");
			free(q->identity);
			free(q->salt);
			free(q->name);
			free(q->issued);
			free(q->expires);
			free(q->evidence_url);
			free(q->evidence_narrative);
			free(q->hash);
			continue;
		}
		a->v[w++] = a->v[i];
	}
	a->n = w;
	revocations(&L, d);
	check_published(a, s, d);
	status_places(a, s, d);
	if (a->preview && a->n) {
		bs_diag_file(d, BS_NOTE, BS_AWARDS_DIR, 0, 0,
			     "no award secret: recipients are hashed with "
			     "preview salts that anyone can recompute");
		bs_diag_hint(d,
			     "name the secret's file with --secret FILE "
			     "or %s; publish needs it",
			     BS_AWARD_SECRET_ENV);
	}
	return BS_OK;
}

static int cmp_id_award(const void *id, const void *e)
{
	return strcmp(id, ((const bs_award *)e)->id);
}

const bs_award *bs_awards_find(const bs_awards *a, const char *id)
{
	if (!a || !a->n || !id)
		return NULL;
	return bsearch(id, a->v, a->n, sizeof *a->v, cmp_id_award);
}

int bs_awards_by_issuer(const bs_awards *a, const char *issuer)
{
	for (size_t i = 0; a && i < a->nbv; i++)
		if (a->bv[i].badge->issuer &&
		    strcmp(a->bv[i].badge->issuer, issuer) == 0)
			return 1;
	return 0;
}

void bs_awards_free(bs_awards *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		bs_award *w = &a->v[i];
		free(w->identity);
		free(w->salt);
		free(w->name);
		free(w->issued);
		free(w->expires);
		free(w->evidence_url);
		free(w->evidence_narrative);
		free(w->revoked_on);
		free(w->revocation_reason);
		free(w->hash);
	}
	free(a->v);
	for (size_t i = 0; i < a->nbv; i++) {
		free(a->bv[i].dir);
		free(a->bv[i].name);
	}
	free(a->bv);
	for (size_t i = 0; i < a->nfiles; i++)
		free(a->files[i]);
	free(a->files);
	free(a);
}
