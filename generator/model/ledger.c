/* ledger.c: reading and writing the ledger and the version snapshots. */
#include "model/ledger.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "base/sha256.h"
#include "input/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const bs_snapshot_files[] = {"index.html", "badge.json",
					 "badge.svg", "badge.png", NULL};
const char *const bs_snapshot_optional[] = {"achievement.json", NULL};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const bs_ledger_entry *)a)->path,
		      ((const bs_ledger_entry *)b)->path);
}

static int is_snapshot_file(const char *name, size_t n)
{
	if (n == 11 && strncmp(name, "frozen.json", 11) == 0)
		return 1;
	for (const char *const *f = bs_snapshot_files; *f; f++)
		if (strlen(*f) == n && strncmp(name, *f, n) == 0)
			return 1;
	for (const char *const *f = bs_snapshot_optional; *f; f++)
		if (strlen(*f) == n && strncmp(name, *f, n) == 0)
			return 1;
	return 0;
}

int bs_snapshot_has(const char *root, const char *id, int version,
		    const char *file)
{
	char *p = bs_xasprintf("%s/%s/%s/v%d/%s", root, BS_SNAPSHOT_DIR, id,
			       version, file);
	struct stat st;
	int yes = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return yes;
}

/* Split "content/published/<id>/v<N>/<file>": the id (its length in
 * *idn), the version and the file. 0 when path is not of that form. */
static int snap_parts(const char *path, const char **id, size_t *idn,
		      int *version, const char **file)
{
	const char *p = path + sizeof BS_LEDGER_SNAP_PREFIX - 1;
	size_t n = strcspn(p, "/");
	if (!n || p[0] == '.' || p[n] != '/' || p[n + 1] != 'v')
		return 0;
	*id = p;
	*idn = n;
	p += n + 2;
	long v = 0;
	size_t digits = 0;
	while (p[digits] >= '0' && p[digits] <= '9' && digits < 5)
		v = v * 10 + (p[digits++] - '0');
	if (!digits || p[0] == '0' || p[digits] != '/' || v < 1 || v > 1000)
		return 0;
	*version = (int)v;
	*file = p + digits + 1;
	return is_snapshot_file(*file, strlen(*file));
}

static int is_sha256(const char *h)
{
	if (!h || strncmp(h, "sha256:", 7) != 0 || strlen(h) != 71)
		return 0;
	for (h += 7; *h; h++)
		if (!((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f')))
			return 0;
	return 1;
}

/* The lines of l->src: "PATH" or "PATH HASH", comments and blank lines
 * skipped; entries sorted by path. */
static int parse(bs_ledger *l, bs_diags *d)
{
	int line = 0, rc = BS_OK;
	for (char *p = l->src.text; p && *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		line++;
		char *s = bs_xstrndup(p, n);
		p = nl ? nl + 1 : NULL;
		if (!s[0] || s[0] == '#') {
			free(s);
			continue;
		}
		char *sp = strchr(s, ' ');
		if (sp)
			*sp = '\0';
		const char *hash = sp && sp[1] ? sp + 1 : NULL;
		bs_ledger_entry e = {s, NULL, line};
		const char *id, *file;
		size_t idn;
		int ver;
		if (bs_ledger_is_snapshot(&e)) {
			if (!snap_parts(s, &id, &idn, &ver, &file)) {
				rc = bs_diag_at(d, BS_ERROR, &l->src, line, 1,
						"'%s' is not a snapshot file",
						s);
				bs_diag_hint(d, "snapshot files are "
						"content/published/<id>/v<N>/"
						"<file>");
				free(s);
				continue;
			}
			if (!is_sha256(hash)) {
				rc = bs_diag_at(d, BS_ERROR, &l->src, line,
						(int)strlen(s) + 2,
						"the snapshot file %s has no "
						"sha256 hash",
						s);
				bs_diag_hint(d,
					     "restore the ledger from git: "
					     "git checkout -- %s",
					     BS_LEDGER_PATH);
				free(s);
				continue;
			}
		} else if (s[0] != '/') {
			rc = bs_diag_at(d, BS_ERROR, &l->src, line, 1,
					"'%s' is neither a published URL path "
					"nor a snapshot file",
					s);
			bs_diag_hint(d,
				     "URL paths start with '/', snapshot "
				     "files with %s",
				     BS_LEDGER_SNAP_PREFIX);
			free(s);
			continue;
		}
		bs_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
		e.path = bs_xstrdup(s);
		e.hash = hash ? bs_xstrdup(hash) : NULL;
		l->v[l->n++] = e;
		free(s);
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_entry);
	return rc;
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
	return parse(l, d);
}

int bs_ledger_parse(bs_ledger *l, const char *path, const char *text,
		    size_t len, bs_diags *d)
{
	memset(l, 0, sizeof *l);
	int rc = bs_source_from(&l->src, path, text, len, d);
	if (rc)
		return rc;
	return parse(l, d);
}

int bs_ledger_is_snapshot(const bs_ledger_entry *e)
{
	return strncmp(e->path, BS_LEDGER_SNAP_PREFIX,
		       sizeof BS_LEDGER_SNAP_PREFIX - 1) == 0;
}

int bs_ledger_has_snapshots(const bs_ledger *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (bs_ledger_is_snapshot(&l->v[i]))
			return 1;
	return 0;
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

/* Write len bytes to a new file at path and flush them to disk. */
static int write_synced(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	const char *c = data;
	while (len) {
		ssize_t w = write(fd, c, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		c += w;
		len -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Flush a folder's entries (a rename inside it) to disk. */
static int sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int bs_ledger_write(const bs_ledger *l, const char *root, bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b,
		    "# Every path this site has published, and the sha256 of "
		    "every file kept\n# under content/published/. Written by "
		    "`badgesite publish`; a build that\n# would drop a path "
		    "or find a snapshot changed fails. Commit this file\n# "
		    "with content/published/.\n");
	for (size_t i = 0; i < l->n; i++)
		bs_buf_printf(&b, "%s%s%s\n", l->v[i].path,
			      l->v[i].hash ? " " : "",
			      l->v[i].hash ? l->v[i].hash : "");
	char *tmp =
	    bs_xasprintf("%s/%s.tmp-%ld", root, BS_LEDGER_PATH, (long)getpid());
	char *dst = bs_xasprintf("%s/%s", root, BS_LEDGER_PATH);
	char *dir = bs_xasprintf("%s/content", root);
	int rc = BS_OK;
	if (write_synced(tmp, b.ptr, b.len) != 0 || rename(tmp, dst) != 0 ||
	    sync_dir(dir) != 0) {
		rc = bs_diag_io(d, BS_LEDGER_PATH,
				"cannot write the ledger: %s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(dst);
	free(dir);
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
    "stacks_into",   "completion",
    "requires",	     NULL};

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

/* Remove a snapshot folder or a temporary one: it holds files only. */
static void rm_flat(const char *dir)
{
	DIR *dd = opendir(dir);
	if (dd) {
		struct dirent *e;
		while ((e = readdir(dd))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *f = bs_xasprintf("%s/%s", dir, e->d_name);
			unlink(f);
			free(f);
		}
		closedir(dd);
	}
	rmdir(dir);
}

/* Copy a file, flushing the copy to disk. */
static int copy_synced(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	bs_buf b = BS_BUF_INIT;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		bs_buf_put(&b, buf, n);
	int rc = ferror(in) ? -1 : 0;
	fclose(in);
	if (!rc)
		rc = write_synced(to, b.ptr ? b.ptr : "", b.len);
	bs_buf_free(&b);
	return rc;
}

/* dir/frozen.json, written whole and flushed (temporary file, then
 * rename). */
static int write_frozen(const char *dir, const json_t *frozen, bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_jsonout_write(&b, frozen, 1);
	char *p = bs_xasprintf("%s/frozen.json", dir);
	char *tmp = bs_xasprintf("%s/frozen.json.tmp-%ld", dir, (long)getpid());
	int rc = BS_OK;
	if (write_synced(tmp, b.ptr, b.len) != 0 || rename(tmp, p) != 0 ||
	    sync_dir(dir) != 0)
		rc = bs_diag_io(d, BS_SNAPSHOT_DIR, "cannot write %s: %s", p,
				strerror(errno));
	unlink(tmp);
	free(tmp);
	free(p);
	bs_buf_free(&b);
	return rc;
}

/* Add the sha256 of each file of snapshot dir (rel from the root). */
static int record_files(bs_ledger *l, const char *root, const char *rel,
			bs_diags *d)
{
	static const char *const extra[] = {"frozen.json", NULL};
	const char *const *lists[] = {bs_snapshot_files, extra,
				      bs_snapshot_optional};
	for (int k = 0; k < 3; k++)
		for (const char *const *f = lists[k]; *f; f++) {
			char *p = bs_xasprintf("%s/%s/%s", root, rel, *f);
			char hex[65];
			int bad = bs_sha256_file(hex, p);
			free(p);
			if (bad && k == 2 && errno == ENOENT)
				continue; /* not made by that build */
			char *lp = bs_xasprintf("%s/%s", rel, *f);
			if (bad) {
				int e = errno;
				int rc = bs_diag_io(d, lp, "cannot read: %s",
						    strerror(e));
				free(lp);
				return rc;
			}
			char *h = bs_xasprintf("sha256:%s", hex);
			bs_ledger_add(l, lp, h);
			free(h);
			free(lp);
		}
	return BS_OK;
}

/* Copy into snapshot folder to each optional file that from (the built
 * version's output folder) has and to lacks; *added says whether any was.
 * The snapshot's other files are never touched. */
static int add_optional(const char *from, const char *to, const char *rel,
			int *added, bs_diags *d)
{
	int rc = BS_OK;
	*added = 0;
	for (const char *const *f = bs_snapshot_optional; *f && !rc; f++) {
		char *src = bs_xasprintf("%s/%s", from, *f);
		char *dst = bs_xasprintf("%s/%s", to, *f);
		struct stat st;
		if (stat(src, &st) == 0 && stat(dst, &st) != 0) {
			char *tmp = bs_xasprintf("%s/.%s.tmp-%ld", to, *f,
						 (long)getpid());
			if (copy_synced(src, tmp) != 0 || rename(tmp, dst) != 0)
				rc = bs_diag_io(d, rel,
						"cannot keep %s in the "
						"snapshot: %s",
						*f, strerror(errno));
			else
				*added = 1;
			unlink(tmp);
			free(tmp);
		}
		free(src);
		free(dst);
	}
	if (!rc && *added && sync_dir(to) != 0)
		rc = bs_diag_io(d, rel, "cannot keep the snapshot: %s",
				strerror(errno));
	return rc;
}

/* Does the ledger list any file of snapshot rel ("content/published/x/
 * v1")? */
static int recorded(const bs_ledger *l, const char *rel)
{
	char *lp = bs_xasprintf("%s/frozen.json", rel);
	int yes = bs_ledger_find(l, lp) != NULL;
	free(lp);
	return yes;
}

int bs_snapshot_write(bs_ledger *l, const char *root, const char *id,
		      int version, const char *out_dir, const json_t *frozen,
		      int published, bs_diags *d)
{
	char *rel = bs_xasprintf("%s/%s/v%d", BS_SNAPSHOT_DIR, id, version);
	char *dir = bs_xasprintf("%s/%s", root, rel);
	struct stat st;
	int exists = stat(dir, &st) == 0;
	int rc = BS_OK;
	if (recorded(l, rel) || (exists && published)) {
		/* a published version never changes; only the record of its
		 * frozen fields is brought up to date when it predates the
		 * whole list (validation matched the fields it kept) */
		json_t *old = bs_snapshot_frozen(root, id, version);
		int upgrade = old && !format2(old) && format2(frozen);
		json_decref(old);
		if (upgrade)
			rc = write_frozen(dir, frozen, d);
		/* the version is built now: what this build makes besides
		 * the kept files joins them (existing files stay as they
		 * are) */
		int added = 0;
		if (!rc && exists)
			rc = add_optional(out_dir, dir, rel, &added, d);
		if (!rc && (upgrade || added || !recorded(l, rel)))
			rc = record_files(l, root, rel, d);
		free(rel);
		free(dir);
		return rc;
	}
	char *parts[2] = {bs_xasprintf("%s/%s", root, BS_SNAPSHOT_DIR),
			  bs_xasprintf("%s/%s/%s", root, BS_SNAPSHOT_DIR, id)};
	char *tmp =
	    bs_xasprintf("%s/.v%d.tmp-%ld", parts[1], version, (long)getpid());
	for (int i = 0; i < 2; i++)
		if (!rc && mkdir(parts[i], 0777) != 0 && errno != EEXIST)
			rc = bs_diag_io(d, BS_SNAPSHOT_DIR,
					"cannot create %s: %s", parts[i],
					strerror(errno));
	rm_flat(tmp);
	if (!rc && mkdir(tmp, 0777) != 0)
		rc = bs_diag_io(d, rel, "cannot create %s: %s", tmp,
				strerror(errno));
	for (const char *const *f = bs_snapshot_files; *f && !rc; f++) {
		char *from = bs_xasprintf("%s/%s", out_dir, *f);
		char *to = bs_xasprintf("%s/%s", tmp, *f);
		if (copy_synced(from, to) != 0)
			rc = bs_diag_io(d, rel,
					"cannot keep %s in the snapshot: %s",
					*f, strerror(errno));
		free(from);
		free(to);
	}
	int added;
	if (!rc)
		rc = add_optional(out_dir, tmp, rel, &added, d);
	if (!rc) {
		bs_buf b = BS_BUF_INIT;
		bs_jsonout_write(&b, frozen, 1);
		char *p = bs_xasprintf("%s/frozen.json", tmp);
		if (write_synced(p, b.ptr, b.len) != 0)
			rc = bs_diag_io(d, rel, "cannot write %s: %s", p,
					strerror(errno));
		free(p);
		bs_buf_free(&b);
	}
	/* an unrecorded snapshot is what a killed publish left: replace it */
	if (!rc && exists)
		rm_flat(dir);
	if (!rc && (sync_dir(tmp) != 0 || rename(tmp, dir) != 0 ||
		    sync_dir(parts[1]) != 0))
		rc = bs_diag_io(d, rel, "cannot keep the snapshot: %s",
				strerror(errno));
	if (rc)
		rm_flat(tmp);
	else
		rc = record_files(l, root, rel, d);
	free(parts[0]);
	free(parts[1]);
	free(tmp);
	free(rel);
	free(dir);
	return rc;
}

/* Is the temporary name (".v1.tmp-PID", "published.txt.tmp-PID") that of
 * a publish that is no longer running? */
static int dead_tmp(const char *name)
{
	const char *t = strstr(name, ".tmp-");
	if (!t)
		return 0;
	char *end;
	long pid = strtol(t + 5, &end, 10);
	if (*end || pid <= 0 || pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* The version of a criteria path ("/badges/<id>/" is the first version,
 * "/badges/<id>/v<N>/" version N), its id in *id (caller frees); 0 when
 * path is not a criteria path. */
static int criteria_version(char **id, const char *path, const bs_ledger *l,
			    const char *root);

int bs_snapshot_adopt(bs_ledger *l, const char *root, bs_diags *d)
{
	char *top = bs_xasprintf("%s/%s", root, BS_SNAPSHOT_DIR);
	DIR *dd = opendir(top);
	int rc = BS_OK;
	char *content = bs_xasprintf("%s/content", root);
	DIR *cd = opendir(content);
	if (cd) {
		struct dirent *e;
		while ((e = readdir(cd)))
			if (!strncmp(e->d_name, "published.txt.tmp-", 18) &&
			    dead_tmp(e->d_name)) {
				char *f =
				    bs_xasprintf("%s/%s", content, e->d_name);
				unlink(f);
				free(f);
			}
		closedir(cd);
	}
	free(content);
	/* the versions the ledger holds as published */
	for (size_t i = 0; i < l->n && !rc; i++) {
		char *id;
		int v;
		if (!l->v[i].hash || bs_ledger_is_snapshot(&l->v[i]) ||
		    !(v = criteria_version(&id, l->v[i].path, l, root)))
			continue;
		char *rel = bs_xasprintf("%s/%s/v%d", BS_SNAPSHOT_DIR, id, v);
		char *dir = bs_xasprintf("%s/%s", root, rel);
		struct stat st;
		if (!recorded(l, rel) && stat(dir, &st) == 0)
			rc = record_files(l, root, rel, d);
		free(dir);
		free(rel);
		free(id);
	}
	struct dirent *e;
	while (dd && (e = readdir(dd))) {
		if (e->d_name[0] == '.')
			continue;
		char *idir = bs_xasprintf("%s/%s", top, e->d_name);
		DIR *vd = opendir(idir);
		struct dirent *f;
		while (vd && (f = readdir(vd)))
			if (f->d_name[0] == '.' && dead_tmp(f->d_name)) {
				char *t =
				    bs_xasprintf("%s/%s", idir, f->d_name);
				rm_flat(t);
				free(t);
			}
		if (vd)
			closedir(vd);
		free(idir);
	}
	if (dd)
		closedir(dd);
	free(top);
	return rc;
}

static int criteria_version(char **id, const char *path, const bs_ledger *l,
			    const char *root)
{
	*id = NULL;
	if (strncmp(path, "/badges/", 8) != 0)
		return 0;
	const char *p = path + 8;
	size_t n = strcspn(p, "/");
	if (!n || p[n] != '/')
		return 0;
	const char *rest = p + n + 1;
	int v = 0;
	if (!*rest) {
		v = -1; /* the first version */
	} else if (rest[0] == 'v' && rest[1] >= '1' && rest[1] <= '9') {
		char *end;
		long x = strtol(rest + 1, &end, 10);
		if (strcmp(end, "/") != 0 || x > 1000)
			return 0;
		v = (int)x;
	} else {
		return 0;
	}
	*id = bs_xstrndup(p, n);
	if (v > 0)
		return v;
	/* the first version: the lowest recorded or kept */
	int *vers;
	size_t nv;
	bs_snapshot_versions(&vers, &nv, root, *id);
	v = nv ? vers[0] : 1;
	free(vers);
	char *pre = bs_xasprintf("%s%s/v", BS_LEDGER_SNAP_PREFIX, *id);
	size_t pn = strlen(pre);
	for (size_t i = 0; i < l->n; i++)
		if (!strncmp(l->v[i].path, pre, pn)) {
			long x = strtol(l->v[i].path + pn, NULL, 10);
			if (x >= 1 && x < v)
				v = (int)x;
		}
	free(pre);
	return v;
}

int bs_ledger_verify(const bs_ledger *l, const char *root, bs_diags *d)
{
	int rc = BS_OK;
	int hashed = bs_ledger_has_snapshots(l);
	/* every recorded snapshot file is there, unchanged */
	for (size_t i = 0; i < l->n; i++) {
		const bs_ledger_entry *e = &l->v[i];
		const char *id, *file;
		size_t idn;
		int v;
		if (!bs_ledger_is_snapshot(e) ||
		    !snap_parts(e->path, &id, &idn, &v, &file))
			continue;
		char *p = bs_xasprintf("%s/%s", root, e->path);
		char hex[65];
		int bad = bs_sha256_file(hex, p);
		free(p);
		if (bad)
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"the published snapshot file %s is "
					"missing",
					e->path);
		else if (strcmp(e->hash + 7, hex) != 0)
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"the published snapshot file %s has "
					"changed (its sha256 is not the one "
					"recorded)",
					e->path);
		if (bad || strcmp(e->hash + 7, hex) != 0)
			bs_diag_hint(d,
				     "a published version never changes: "
				     "restore it from git: git checkout -- "
				     "%s/%.*s/v%d/",
				     BS_SNAPSHOT_DIR, (int)idn, id, v);
	}
	/* every published version has its snapshot, recorded, with the
	 * ledger's hash */
	for (size_t i = 0; i < l->n; i++) {
		const bs_ledger_entry *e = &l->v[i];
		char *id;
		int v;
		if (!e->hash || bs_ledger_is_snapshot(e) ||
		    !(v = criteria_version(&id, e->path, l, root)))
			continue;
		char *rel = bs_xasprintf("%s/%s/v%d", BS_SNAPSHOT_DIR, id, v);
		json_t *fr = bs_snapshot_frozen(root, id, v);
		char *h = fr ? bs_ledger_hash(fr) : NULL;
		if (!fr && (!hashed || !recorded(l, rel))) {
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"version %d of '%s' is published, but "
					"its snapshot %s/ is missing",
					v, id, rel);
			bs_diag_hint(d,
				     "restore it from git: git checkout -- "
				     "%s/",
				     rel);
		} else if (fr && hashed && !recorded(l, rel)) {
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"version %d of '%s' is published, but "
					"the ledger does not list the files of "
					"its snapshot %s/",
					v, id, rel);
			bs_diag_hint(d,
				     "restore the ledger from git: git "
				     "checkout -- %s",
				     BS_LEDGER_PATH);
		} else if (h && strcmp(h, e->hash) != 0) {
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"the frozen fields kept in %s/"
					"frozen.json do not match the ledger's "
					"hash for %s",
					rel, e->path);
			bs_diag_hint(d,
				     "restore both from git: git checkout -- "
				     "%s %s/",
				     BS_LEDGER_PATH, rel);
		}
		free(h);
		json_decref(fr);
		free(rel);
		free(id);
	}
	/* every recorded snapshot's version keeps its hash in the ledger */
	for (size_t i = 0; i < l->n; i++) {
		const bs_ledger_entry *e = &l->v[i];
		const char *id, *file;
		size_t idn;
		int v;
		if (!bs_ledger_is_snapshot(e) ||
		    !snap_parts(e->path, &id, &idn, &v, &file) ||
		    strcmp(file, "frozen.json") != 0)
			continue;
		char *cid = bs_xstrndup(id, idn);
		char *a = bs_xasprintf("/badges/%s/", cid);
		char *b = bs_xasprintf("/badges/%s/v%d/", cid, v);
		char *x = NULL;
		const bs_ledger_entry *c = bs_ledger_find(l, b);
		if (!c || !c->hash) {
			const bs_ledger_entry *c1 = bs_ledger_find(l, a);
			if (c1 && criteria_version(&x, a, l, root) == v)
				c = c1;
			free(x);
		}
		if (!c || !c->hash) {
			rc = bs_diag_at(d, BS_ERROR, &l->src, e->line, 1,
					"version %d of '%s' is kept in %s/%s/"
					"v%d/, but the ledger has no hash of "
					"its frozen fields",
					v, cid, BS_SNAPSHOT_DIR, cid, v);
			bs_diag_hint(d,
				     "restore the ledger from git: git "
				     "checkout -- %s",
				     BS_LEDGER_PATH);
		}
		free(a);
		free(b);
		free(cid);
	}
	/* every file of a published version's snapshot is recorded */
	char *top = bs_xasprintf("%s/%s", root, BS_SNAPSHOT_DIR);
	DIR *dd = hashed ? opendir(top) : NULL;
	struct dirent *de;
	while (dd && (de = readdir(dd))) {
		if (de->d_name[0] == '.')
			continue;
		int *vers;
		size_t nv;
		bs_snapshot_versions(&vers, &nv, root, de->d_name);
		for (size_t k = 0; k < nv; k++) {
			char *rel = bs_xasprintf("%s/%s/v%d", BS_SNAPSHOT_DIR,
						 de->d_name, vers[k]);
			if (!recorded(l, rel)) {
				free(rel);
				continue; /* not published */
			}
			char *dir = bs_xasprintf("%s/%s", root, rel);
			DIR *fd = opendir(dir);
			struct dirent *fe;
			while (fd && (fe = readdir(fd))) {
				if (fe->d_name[0] == '.')
					continue;
				char *lp =
				    bs_xasprintf("%s/%s", rel, fe->d_name);
				if (!bs_ledger_find(l, lp)) {
					rc = bs_diag_file(
					    d, BS_ERROR, lp, 0, 0,
					    "this file of a published "
					    "snapshot is not in the ledger");
					bs_diag_hint(
					    d,
					    "a snapshot holds only what "
					    "publish kept: remove it, or "
					    "restore the ledger from git: "
					    "git checkout -- %s",
					    BS_LEDGER_PATH);
				}
				free(lp);
			}
			if (fd)
				closedir(fd);
			free(dir);
			free(rel);
		}
		free(vers);
	}
	if (dd)
		closedir(dd);
	free(top);
	return rc;
}
