/* ledger.c: reading and writing the ledger and the version snapshots. */
#include "model/ledger.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "input/source.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const bs_snapshot_files[] = {"index.html", "badge.json",
					 "badge.svg", "badge.png", NULL};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const bs_ledger_entry *)a)->path,
		      ((const bs_ledger_entry *)b)->path);
}

int bs_ledger_load(bs_ledger *l, const char *root, bs_diags *d)
{
	memset(l, 0, sizeof *l);
	char *full = bs_xasprintf("%s/%s", root, BS_LEDGER_PATH);
	int exists = access(full, F_OK) == 0;
	free(full);
	if (!exists)
		return BS_OK;
	int rc = bs_source_load(&l->src, root, BS_LEDGER_PATH, d);
	if (rc)
		return rc;
	int line = 0;
	for (char *p = l->src.text; p && *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		char *s = bs_xstrndup(p, n);
		p = nl ? nl + 1 : NULL;
		char *sp = strchr(s, ' ');
		if (!s[0] || s[0] == '#') {
			free(s);
			continue;
		}
		if (sp)
			*sp = '\0';
		bs_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
		bs_ledger_entry *e = &l->v[l->n++];
		e->path = bs_xstrdup(s);
		e->hash = sp && sp[1] ? bs_xstrdup(sp + 1) : NULL;
		e->line = line;
		free(s);
	}
	qsort(l->v, l->n, sizeof *l->v, cmp_entry);
	return BS_OK;
}

const bs_ledger_entry *bs_ledger_find(const bs_ledger *l, const char *path)
{
	bs_ledger_entry key = {(char *)path, NULL, 0};
	return l->n ? bsearch(&key, l->v, l->n, sizeof *l->v, cmp_entry) : NULL;
}

void bs_ledger_add(bs_ledger *l, const char *path, const char *hash)
{
	bs_ledger_entry *e = (bs_ledger_entry *)bs_ledger_find(l, path);
	if (e) {
		/* validation has matched a recorded hash to this version, so a
		 * different one is the same version hashed the older way */
		if (hash && (!e->hash || strcmp(e->hash, hash) != 0)) {
			free(e->hash);
			e->hash = bs_xstrdup(hash);
		}
		return;
	}
	bs_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	size_t i = l->n;
	while (i > 0 && strcmp(l->v[i - 1].path, path) > 0) {
		l->v[i] = l->v[i - 1];
		i--;
	}
	l->v[i].path = bs_xstrdup(path);
	l->v[i].hash = hash ? bs_xstrdup(hash) : NULL;
	l->v[i].line = 0;
	l->n++;
}

int bs_ledger_write(const bs_ledger *l, const char *root, bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "# Every path this site has published. Written by "
			"`badgesite build`; a build\n# that would drop one of "
			"them fails. Keep this file with the content.\n");
	for (size_t i = 0; i < l->n; i++)
		bs_buf_printf(&b, "%s%s%s\n", l->v[i].path,
			      l->v[i].hash ? " " : "",
			      l->v[i].hash ? l->v[i].hash : "");
	char *tmp = bs_xasprintf("%s/%s.tmp", root, BS_LEDGER_PATH);
	char *dst = bs_xasprintf("%s/%s", root, BS_LEDGER_PATH);
	FILE *f = fopen(tmp, "wb");
	int rc = BS_OK;
	if (!f || fwrite(b.ptr, 1, b.len, f) != b.len || fclose(f) != 0 ||
	    rename(tmp, dst) != 0)
		rc = bs_diag_io(d, BS_LEDGER_PATH,
				"cannot write the ledger: %s", strerror(errno));
	free(tmp);
	free(dst);
	bs_buf_free(&b);
	return rc;
}

void bs_ledger_free(bs_ledger *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].hash);
	}
	free(l->v);
	bs_source_free(&l->src);
	memset(l, 0, sizeof *l);
}

/* What defines what a holder earned, in the order it is hashed. "issuer"
 * is the issuer id the badge resolves to (its own or the site's default),
 * "narrative" the criteria text (the body). */
const char *const bs_ledger_frozen_fields[] = {
    "name",	     "description",
    "narrative",     "class",
    "issuer",	     "hours",
    "credits",	     "assessment",
    "award_mode",    "evidence",
    "attendance",    "pass_mark",
    "capstone",	     "learning_outcomes",
    "prerequisites", "participation",
    "level",	     "alignment",
    "recipient",     "validity",
    "stacks_into",   NULL};

/* The fields ledgers written before format 2 froze. */
static const char *const legacy_fields[] = {
    "name",    "description", "narrative", "class", "hours",
    "credits", "assessment",  "alignment", NULL};

json_t *bs_ledger_frozen(const json_t *fm, const char *body, const char *issuer)
{
	json_t *f = json_object();
	json_object_set_new(f, "format", json_integer(2));
	for (const char *const *k = bs_ledger_frozen_fields; *k; k++) {
		json_t *v = strcmp(*k, "narrative") == 0 ? json_string(body)
			    : strcmp(*k, "issuer") == 0
				? (issuer ? json_string(issuer) : NULL)
				: json_incref(json_object_get(fm, *k));
		if (v)
			json_object_set_new(f, *k, v);
	}
	return f;
}

static char *hash_text(const json_t *j)
{
	bs_buf b = BS_BUF_INIT;
	bs_jsonout_write(&b, j, 0);
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < b.len; i++) {
		h ^= (unsigned char)b.ptr[i];
		h *= 1099511628211ULL;
	}
	bs_buf_free(&b);
	return bs_xasprintf("fnv1a64:%016llx", (unsigned long long)h);
}

/* Format 2 objects say so; frozen.json files of older snapshots do not. */
static int format2(const json_t *frozen)
{
	return json_integer_value(json_object_get(frozen, "format")) == 2;
}

/* frozen cut down to the fields older ledgers hashed, as they built it. */
static json_t *legacy(const json_t *frozen)
{
	json_t *f = json_object();
	for (const char *const *k = legacy_fields; *k; k++) {
		json_t *v = json_object_get(frozen, *k);
		if (v)
			json_object_set(f, *k, v);
	}
	return f;
}

char *bs_ledger_hash(const json_t *frozen) { return hash_text(frozen); }

int bs_ledger_hash_matches(const char *recorded, const json_t *frozen)
{
	char *h = hash_text(frozen);
	int same = strcmp(recorded, h) == 0;
	free(h);
	if (!same && format2(frozen)) {
		json_t *old = legacy(frozen);
		h = hash_text(old);
		same = strcmp(recorded, h) == 0;
		free(h);
		json_decref(old);
	}
	return same;
}

char *bs_ledger_diff(const json_t *a, const json_t *b)
{
	const char *const *fields =
	    format2(a) && format2(b) ? bs_ledger_frozen_fields : legacy_fields;
	bs_buf out = BS_BUF_INIT;
	for (const char *const *f = fields; *f; f++) {
		json_t *x = json_object_get(a, *f), *y = json_object_get(b, *f);
		if ((x || y) && !(x && y && json_equal(x, y)))
			bs_buf_printf(&out, "%s%s", out.len ? ", " : "", *f);
	}
	if (!out.len) {
		bs_buf_free(&out);
		return NULL;
	}
	return bs_buf_detach(&out);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int bs_snapshot_versions(int **out, size_t *n, const char *root, const char *id)
{
	*out = NULL;
	*n = 0;
	char *dir = bs_xasprintf("%s/%s/%s", root, BS_SNAPSHOT_DIR, id);
	DIR *dd = opendir(dir);
	free(dir);
	if (!dd)
		return BS_OK;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dd))) {
		char *end;
		if (e->d_name[0] != 'v')
			continue;
		long v = strtol(e->d_name + 1, &end, 10);
		if (*end || v < 1 || v > 1000)
			continue;
		bs_xgrow((void **)out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (int)v;
	}
	closedir(dd);
	if (*n)
		qsort(*out, *n, sizeof **out, cmp_int);
	return BS_OK;
}

json_t *bs_snapshot_frozen(const char *root, const char *id, int version)
{
	char *p = bs_xasprintf("%s/%s/%s/v%d/frozen.json", root,
			       BS_SNAPSHOT_DIR, id, version);
	json_t *j = json_load_file(p, 0, NULL);
	free(p);
	return j;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	FILE *out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return -1;
	}
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

/* dir/frozen.json, written whole (temporary file, then rename). */
static int write_frozen(const char *dir, const json_t *frozen, bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_jsonout_write(&b, frozen, 1);
	char *p = bs_xasprintf("%s/frozen.json", dir);
	char *tmp = bs_xasprintf("%s/frozen.json.tmp", dir);
	FILE *f = fopen(tmp, "wb");
	int rc = BS_OK, bad = !f;
	if (f) {
		bad = fwrite(b.ptr, 1, b.len, f) != b.len;
		bad |= fclose(f) != 0;
	}
	if (bad || rename(tmp, p) != 0)
		rc = bs_diag_io(d, BS_SNAPSHOT_DIR, "cannot write %s: %s", p,
				strerror(errno));
	free(tmp);
	free(p);
	bs_buf_free(&b);
	return rc;
}

int bs_snapshot_write(const char *root, const char *id, int version,
		      const char *out_dir, const json_t *frozen, bs_diags *d)
{
	char *dir =
	    bs_xasprintf("%s/%s/%s/v%d", root, BS_SNAPSHOT_DIR, id, version);
	struct stat st;
	if (stat(dir, &st) == 0) {
		/* a published version never changes; only the record of its
		 * frozen fields is brought up to date (validation matched the
		 * fields it kept) */
		json_t *old = bs_snapshot_frozen(root, id, version);
		int rc = BS_OK;
		if (old && !format2(old) && format2(frozen))
			rc = write_frozen(dir, frozen, d);
		json_decref(old);
		free(dir);
		return rc;
	}
	char *parts[3] = {bs_xasprintf("%s/%s", root, BS_SNAPSHOT_DIR),
			  bs_xasprintf("%s/%s/%s", root, BS_SNAPSHOT_DIR, id),
			  bs_xstrdup(dir)};
	int rc = BS_OK;
	for (int i = 0; i < 3; i++) {
		if (!rc && mkdir(parts[i], 0777) != 0 && errno != EEXIST)
			rc = bs_diag_io(d, BS_SNAPSHOT_DIR,
					"cannot create %s: %s", parts[i],
					strerror(errno));
		free(parts[i]);
	}
	for (const char *const *f = bs_snapshot_files; *f && !rc; f++) {
		char *from = bs_xasprintf("%s/%s", out_dir, *f);
		char *to = bs_xasprintf("%s/%s", dir, *f);
		if (copy_file(from, to) != 0)
			rc = bs_diag_io(d, BS_SNAPSHOT_DIR,
					"cannot keep %s in the snapshot: %s",
					*f, strerror(errno));
		free(from);
		free(to);
	}
	if (!rc)
		rc = write_frozen(dir, frozen, d);
	free(dir);
	return rc;
}
