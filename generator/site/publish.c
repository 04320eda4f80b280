/* publish.c: staging, checks on OUT, the site's lock and the atomic
 * swap. */
#define _DEFAULT_SOURCE /* d_type in struct dirent, flock, syscall */
#include "site/publish.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "input/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Marks an OUT folder as made by badgesite, so it may be replaced. */
#define MARKER ".badgesite-output"
#define PUBLISHED_MARK                                                         \
	"This folder was written by badgesite publish: it is what to "         \
	"deploy; the next build replaces it whole.\n"

/* Whether the marker at path says publish wrote its folder. */
static int marked_published(const char *path)
{
	char buf[sizeof PUBLISHED_MARK] = "";
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strcmp(buf, PUBLISHED_MARK) == 0;
}

/* Remove everything inside the open folder fd (closed here). The type
 * comes from readdir, so files are removed without a stat each: a site
 * of thousands of files is swept on every build. */
static int rm_inside(int fd, int depth)
{
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		const char *n = e->d_name;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
		int isdir = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN) {
			struct stat st;
			isdir = fstatat(dirfd(dir), n, &st,
					AT_SYMLINK_NOFOLLOW) == 0 &&
				S_ISDIR(st.st_mode);
		}
		if (!isdir) {
			if (unlinkat(dirfd(dir), n, 0) != 0)
				rc = -1;
			continue;
		}
		int sub = depth < 64 ? openat(dirfd(dir), n,
					      O_RDONLY | O_DIRECTORY |
						  O_NOFOLLOW | O_CLOEXEC)
				     : -1;
		if (sub < 0 || rm_inside(sub, depth + 1) != 0 ||
		    unlinkat(dirfd(dir), n, AT_REMOVEDIR) != 0)
			rc = -1;
	}
	closedir(dir);
	return rc;
}

int bs_publish_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || rm_inside(fd, 0) != 0)
		return -1;
	return rmdir(path);
}

/* parent + "/" + name, with "." and ".." resolved, so a path such as
 * out/../site/content is judged by where it really points. */
static char *join(const char *parent, const char *name)
{
	if (!*name || strcmp(name, ".") == 0)
		return bs_xstrdup(parent);
	if (strcmp(name, "..") == 0) {
		const char *slash = strrchr(parent, '/');
		if (!slash || slash == parent)
			return bs_xstrdup("/");
		return bs_xstrndup(parent, (size_t)(slash - parent));
	}
	return bs_xasprintf("%s/%s", strcmp(parent, "/") ? parent : "", name);
}

/* Absolute, normalized form of a path that may not exist yet: the
 * deepest existing ancestor resolved with realpath, the rest appended. */
static char *abspath(const char *p)
{
	char *copy = bs_xstrdup(p);
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	char buf[PATH_MAX];
	if (realpath(copy, buf)) {
		free(copy);
		return bs_xstrdup(buf);
	}
	char *slash = strrchr(copy, '/');
	char *res;
	if (!slash) {
		if (!getcwd(buf, sizeof buf)) {
			free(copy);
			return NULL;
		}
		res = join(buf, copy);
	} else {
		*slash = '\0';
		char *parent = abspath(slash == copy ? "/" : copy);
		if (!parent) {
			free(copy);
			return NULL;
		}
		res = join(parent, slash + 1);
		free(parent);
	}
	free(copy);
	return res;
}

/* Is a equal to b or inside it? */
static int within(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 &&
	       (a[n] == '\0' || a[n] == '/' || strcmp(b, "/") == 0);
}

static int mkdirs(const char *path)
{
	char *p = bs_xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

/* Open and lock path; 0, -1 when it cannot be made, 1 when another
 * build holds it and wait is 0 (its PID in *other). */
static int try_lock(int *fd, long *other, const char *path, int wait)
{
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0)
		return -1;
	int r;
	while ((r = flock(*fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB)) != 0 &&
	       errno == EINTR)
		;
	if (r == 0) {
		char pid[32];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
		/* the PID is only for the other build's message */
		if (ftruncate(*fd, 0) == 0) {
			ssize_t w = pwrite(*fd, pid, (size_t)n, 0);
			(void)w;
		}
		return 0;
	}
	int e = errno;
	char buf[32] = "";
	ssize_t n = pread(*fd, buf, sizeof buf - 1, 0);
	*other = n > 0 ? strtol(buf, NULL, 10) : 0;
	close(*fd);
	*fd = -1;
	errno = e;
	return e == EWOULDBLOCK ? 1 : -1;
}

/* The lock file: in the site's cache folder, or beside OUT when the site
 * cannot be written. Caller frees. */
static char *lock_path(const char *site_root, const char *out)
{
	char *dir = bs_xasprintf("%s/.badgesite-cache", site_root);
	char *path = bs_xasprintf("%s/lock", dir);
	mkdir(dir, 0777);
	free(dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd >= 0) {
		close(fd);
		return path;
	}
	free(path);
	char *o = abspath(out);
	char *slash = o ? strrchr(o, '/') : NULL;
	path = slash ? bs_xasprintf("%.*s/.%s.lock", (int)(slash - o), o,
				    slash + 1)
		     : NULL;
	free(o);
	return path;
}

int bs_publish_lock(int *fd, long *other, const char *site_root,
		    const char *out, int wait, bs_diags *d)
{
	*fd = -1;
	*other = 0;
	char *path = lock_path(site_root, out);
	int rc = path ? try_lock(fd, other, path, wait) : -1;
	if (rc < 0 && path)
		rc = bs_diag_io(d, path, "cannot take the site's lock: %s",
				strerror(errno));
	else if (rc < 0)
		rc = BS_OK; /* nowhere to lock: unlocked, as before */
	free(path);
	return rc;
}

void bs_publish_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* Is pid the number of a process that no longer runs? */
static int dead(long pid)
{
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 &&
	       errno == ESRCH;
}

/* Remove what builds that no longer run left beside OUT (name):
 * ".name.staging-PID" and ".name.old-PID". When a swap by two renames was
 * killed between them, OUT is missing and its old site is put back. */
static void sweep_dead(const char *parent, const char *name, const char *out)
{
	DIR *dir = opendir(parent);
	if (!dir)
		return;
	char *staging = bs_xasprintf(".%s.staging-", name);
	char *old = bs_xasprintf(".%s.old-", name);
	char *gone = bs_xasprintf(".%s.gone-", name);
	size_t ns = strlen(staging), no = strlen(old), ng = strlen(gone);
	struct dirent *e;
	while ((e = readdir(dir))) {
		const char *n = e->d_name, *pid = NULL;
		if (!strncmp(n, staging, ns))
			pid = n + ns;
		else if (!strncmp(n, old, no))
			pid = n + no;
		else if (!strncmp(n, gone, ng))
			pid = n + ng;
		char *end;
		long p = pid ? strtol(pid, &end, 10) : 0;
		if (!pid || *end || !dead(p))
			continue;
		char *path = bs_xasprintf("%s/%s", parent, n);
		struct stat sb;
		if (pid == n + no && stat(out, &sb) != 0 && errno == ENOENT &&
		    rename(path, out) == 0) {
			free(path);
			continue;
		}
		bs_publish_rmtree(path);
		free(path);
	}
	closedir(dir);
	free(staging);
	free(old);
	free(gone);
}

/* stage + "/" + rel. Caller frees. */
static char *in_stage(const bs_stage *st, const char *rel)
{
	return bs_xasprintf("%s/%s", st->tmp, rel);
}

/* lstat of rel in the stage, from its open folder: a shorter walk than
 * the whole path for each of a site's files. */
static int stat_rel(const bs_stage *st, const char *rel, struct stat *sb)
{
	return fstatat(st->fd, *rel ? rel : ".", sb, AT_SYMLINK_NOFOLLOW);
}

/* key.ext as one key: what a tree's record holds for a file. */
static bs_key file_key(const bs_key *k, const char *ext)
{
	bs_key m = *k;
	bs_key_add_str(&m, ext);
	return m;
}

/* The entry of the folder that holds rel ("" for the root's own). */
static bs_mfile *parent_of(const bs_manifest *m, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *parent = bs_xstrndup(rel, slash ? (size_t)(slash - rel) : 0);
	bs_mfile *e = bs_manifest_find(m, parent);
	free(parent);
	return e;
}

/* The folder holding rel in the previous site changed: stat it again at
 * the commit. Any job may mark one. */
static void touch_parent(const bs_stage *st, const char *rel)
{
	bs_mfile *e = parent_of(st->was, rel);
	if (e)
		__atomic_store_n(&e->touched, 1, __ATOMIC_RELAXED);
}

/* Record rel as written or linked by this build, as sb says it is now. */
static void note(const bs_stage *st, const char *rel, const bs_key *key,
		 const struct stat *sb)
{
	if (!st->made)
		return;
	if (st->was) {
		bs_mfile *e = bs_manifest_find(st->was, rel);
		if (e) {
			e->seen = 1; /* rel is made by one job only */
			e->kept = 0;
		}
		touch_parent(st, rel);
	}
	pthread_mutex_lock(st->lock);
	bs_manifest_append(st->made, rel, key, sb);
	pthread_mutex_unlock(st->lock);
}

/* Make way for a new file at rel: what the previous site had there goes
 * (its name may be shared with OUT or the cache: never written
 * through). 0, or -1 when something is left in the way. */
static int clear(const bs_stage *st, const char *rel)
{
	if (!st->was || unlinkat(st->fd, rel, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	char *path = in_stage(st, rel);
	int rc = bs_publish_rmtree(path);
	free(path);
	return rc;
}

/* Does the folder at path hold badgesite's marker (so badgesite wrote
 * it, and may remove it)? */
static int ours(const char *path)
{
	char *mark = bs_xasprintf("%s/%s", path, MARKER);
	struct stat sb;
	int yes = lstat(mark, &sb) == 0 && S_ISREG(sb.st_mode);
	free(mark);
	return yes;
}

/* How deep rel is: "" 0, "a" 1, "a/b" 2. */
static size_t depth(const char *rel)
{
	size_t n = *rel != '\0';
	for (; *rel; rel++)
		n += *rel == '/';
	return n;
}

static int by_depth(const void *a, const void *b)
{
	size_t x = depth((*(bs_mfile *const *)a)->rel);
	size_t y = depth((*(bs_mfile *const *)b)->rel);
	return (x > y) - (x < y);
}

/* Remove from folder e of the taken tree (open as fd, closed here) what
 * its record does not know: someone wrote there after the build that
 * recorded it. */
static void drop_unknown(bs_stage *st, const bs_mfile *e, int fd)
{
	const bs_manifest *m = st->was;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(dir))) {
		const char *n = de->d_name;
		if (n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])))
			continue;
		char *rel =
		    *e->rel ? bs_xasprintf("%s/%s", e->rel, n) : bs_xstrdup(n);
		const bs_mfile *k = bs_manifest_find(m, rel);
		int type = de->d_type;
		if (type == DT_UNKNOWN) {
			struct stat cb;
			type = fstatat(dirfd(dir), n, &cb,
				       AT_SYMLINK_NOFOLLOW) != 0
				   ? DT_UNKNOWN
			       : S_ISDIR(cb.st_mode) ? DT_DIR
			       : S_ISREG(cb.st_mode) ? DT_REG
						     : DT_UNKNOWN;
		}
		if (!k || (k->dir ? type != DT_DIR : type != DT_REG)) {
			char *p = in_stage(st, rel);
			bs_publish_rmtree(p);
			free(p);
		}
		free(rel);
	}
	closedir(dir);
}

/* Check the taken tree's folders, parents before children (so none is
 * reached through a link put where a folder was): a folder whose inode,
 * permissions and mtime are as recorded holds nothing new; one whose
 * mtime moved is listed and what it holds that the record does not know
 * is removed; one not there, or changed in kind or permissions, is
 * removed to be made again. -1 when a folder cannot be written (then the
 * tree cannot be brought up to date). */
static int drop_strays(bs_stage *st)
{
	bs_manifest *m = st->was;
	size_t nd = 0;
	bs_mfile **dirs = bs_xcalloc(m->n + 1, sizeof *dirs);
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].dir)
			dirs[nd++] = &m->v[i];
	qsort(dirs, nd, sizeof *dirs, by_depth);
	uid_t me = geteuid();
	int rc = 0;
	for (size_t i = 0; i < nd && !rc; i++) {
		bs_mfile *e = dirs[i];
		struct stat sb;
		const bs_mfile *parent = *e->rel ? parent_of(m, e->rel) : NULL;
		e->there = (!*e->rel || (parent && parent->there)) &&
			   stat_rel(st, e->rel, &sb) == 0 &&
			   S_ISDIR(sb.st_mode);
		if (!e->there)
			continue;
		if (me != 0 && (sb.st_uid != me || !(sb.st_mode & S_IWUSR) ||
				!(sb.st_mode & S_IXUSR))) {
			rc = -1; /* not ours to write */
			break;
		}
		if (*e->rel && ((unsigned)sb.st_mode & 07777) != e->mode) {
			char *p = in_stage(st, e->rel);
			bs_publish_rmtree(p);
			free(p);
			e->there = 0;
			continue;
		}
		if (bs_manifest_same(m, e, &sb))
			continue;
		e->touched = 1;
		int fd =
		    openat(st->fd, *e->rel ? e->rel : ".",
			   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0)
			drop_unknown(st, e, fd);
	}
	free(dirs);
	return rc;
}

/* Remove the tree at path, first renamed out of the way
 * (".OUT.gone-PID"), so that what cannot be removed (a folder made
 * read-only) never blocks the names builds use; the next build tries
 * again once this one has ended. */
static void discard(const bs_stage *st, const char *path)
{
	if (rename(path, st->gone) == 0)
		bs_publish_rmtree(st->gone);
	else
		bs_publish_rmtree(path);
}

/* Begin the stage as the previous site, when there is one badgesite
 * wrote, with a record, that this build may write to: 1 when taken. */
static int take_prev(bs_stage *st)
{
	bs_manifest *m = bs_xcalloc(1, sizeof *m);
	struct stat sb;
	if (lstat(st->prev, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    !ours(st->prev) || bs_manifest_read(m, st->trees, st->prev) != 0 ||
	    rename(st->prev, st->tmp) != 0) {
		bs_manifest_free(m);
		free(m);
		return 0;
	}
	/* the tree changes from here: its record no longer describes it */
	bs_manifest_forget(st->trees, st->tmp);
	st->fd = open(st->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	st->was = m;
	if (st->fd >= 0 && drop_strays(st) == 0)
		return 1;
	/* put back as it was found, for the sweep to deal with */
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
	bs_manifest_free(m);
	free(m);
	st->was = NULL;
	if (rename(st->tmp, st->prev) != 0)
		bs_publish_rmtree(st->tmp);
	return 0;
}

int bs_publish_begin(bs_stage *st, const char *site_root, const char *out,
		     const char *trees, bs_diags *d)
{
	memset(st, 0, sizeof *st);
	st->fd = -1;
	char *root = abspath(site_root);
	char *o = abspath(out);
	if (!root || !o) {
		free(root);
		free(o);
		return bs_diag_io(d, out, "cannot resolve the path");
	}
	int rc = BS_OK, was_published = 0;
	static const char *const inside[] = {"content", "layouts", "assets"};
	if (within(root, o)) {
		rc = bs_diag_file(d, BS_ERROR, out, 0, 0,
				  "the output folder would contain the site "
				  "itself");
		bs_diag_hint(d, "use a folder inside the site, such as "
				"'public'");
	}
	for (size_t i = 0; i < 3 && !rc; i++) {
		char *dir = bs_xasprintf("%s/%s", root, inside[i]);
		if (within(o, dir)) {
			rc = bs_diag_file(d, BS_ERROR, out, 0, 0,
					  "the output folder is inside the "
					  "site's %s/",
					  inside[i]);
			bs_diag_hint(d, "use a folder such as 'public'");
		}
		free(dir);
	}
	struct stat sb;
	if (!rc && stat(o, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			rc = bs_diag_io(d, out, "exists and is not a folder");
		} else {
			char *mark = bs_xasprintf("%s/%s", o, MARKER);
			int ours = access(mark, F_OK) == 0;
			was_published = ours && marked_published(mark);
			free(mark);
			int empty = 1;
			if (!ours) {
				/* refuse to replace a folder we did not
				 * make, unless it is empty */
				empty = rmdir(o) == 0;
				if (empty)
					mkdir(o, 0777);
			}
			if (!ours && !empty) {
				rc = bs_diag_file(d, BS_ERROR, out, 0, 0,
						  "refusing to replace a "
						  "non-empty folder that "
						  "badgesite did not create");
				bs_diag_hint(d,
					     "empty it, remove it, or choose "
					     "another output folder with -o");
			}
		}
	}
	if (rc) {
		free(root);
		free(o);
		return rc == BS_EIO ? BS_EIO : BS_EUSAGE;
	}
	char *slash = strrchr(o, '/');
	char *parent = bs_xstrndup(o, (size_t)(slash - o));
	if (parent[0] && mkdirs(parent) != 0) {
		int e = errno;
		free(parent);
		free(root);
		free(o);
		return bs_diag_io(d, out, "cannot create the parent folder: %s",
				  strerror(e));
	}
	sweep_dead(parent[0] ? parent : "/", slash + 1, o);
	st->out = o;
	st->was_published = was_published;
	st->tmp = bs_xasprintf("%s/.%s.staging-%ld", parent, slash + 1,
			       (long)getpid());
	st->old =
	    bs_xasprintf("%s/.%s.old-%ld", parent, slash + 1, (long)getpid());
	st->prev = bs_xasprintf("%s/.%s.prev", parent, slash + 1);
	st->gone =
	    bs_xasprintf("%s/.%s.gone-%ld", parent, slash + 1, (long)getpid());
	st->swept = 1; /* until a commit moves the previous OUT there */
	free(parent);
	free(root);
	bs_publish_rmtree(st->tmp);
	if (trees) {
		st->trees = bs_xstrdup(trees);
		st->made = bs_xcalloc(1, sizeof *st->made);
		bs_manifest_init(st->made);
		st->lock = bs_xcalloc(1, sizeof *st->lock);
		pthread_mutex_init(st->lock, NULL);
		if (take_prev(st))
			return BS_OK;
	}
	/* a build without records keeps no previous site (and a folder of
	 * that name badgesite did not write is not touched) */
	if (ours(st->prev))
		discard(st, st->prev);
	if (mkdir(st->tmp, 0777) != 0 ||
	    (st->fd = open(st->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		int rc2 = bs_diag_io(d, out,
				     "cannot create the staging folder %s: %s",
				     st->tmp, strerror(errno));
		bs_publish_free(st);
		return rc2;
	}
	return BS_OK;
}

int bs_publish_mkdir(const bs_stage *st, const char *rel, bs_diags *d)
{
	if (!bs_files_safe(rel))
		return bs_diag_io(d, rel, "unsafe output path");
	bs_mfile *e = st->was ? bs_manifest_find(st->was, rel) : NULL;
	if (e && e->dir && e->there) {
		e->seen = 1; /* in place already */
		return BS_OK;
	}
	struct stat sb;
	int made = mkdirat(st->fd, rel, 0777) == 0;
	if (!made && errno == EEXIST && stat_rel(st, rel, &sb) == 0 &&
	    !S_ISDIR(sb.st_mode) && unlinkat(st->fd, rel, 0) == 0)
		made = mkdirat(st->fd, rel, 0777) == 0; /* a file in the way */
	int rc = !made && errno != EEXIST
		     ? bs_diag_io(d, rel, "cannot create folder: %s",
				  strerror(errno))
		     : BS_OK;
	if (!rc && st->made) {
		memset(&sb, 0, sizeof sb);
		sb.st_mode = S_IFDIR;
		note(st, rel, NULL, &sb); /* stat at the commit */
	}
	return rc;
}

/* 1 when rel in the stage already holds the output key.ext made by an
 * earlier build and untouched since: nothing to write. */
static int kept(const bs_stage *st, const char *rel, const bs_key *key,
		const char *ext)
{
	if (!st->was || !key)
		return 0;
	bs_mfile *e = bs_manifest_find(st->was, rel);
	bs_key k = file_key(key, ext);
	if (!e || e->dir || e->key.a != k.a || e->key.b != k.b ||
	    (!k.a && !k.b))
		return 0;
	struct stat sb;
	if (stat_rel(st, rel, &sb) != 0 || !bs_manifest_same(st->was, e, &sb))
		return 0;
	e->seen = e->kept = 1;
	return 1;
}

int bs_publish_link(const bs_stage *st, const bs_cache *c, const char *rel,
		    const bs_key *key, const char *ext)
{
	if (!bs_files_safe(rel))
		return 0;
	if (kept(st, rel, key, ext))
		return 1;
	if (!c || !c->dir)
		return 0;
	char *dest = in_stage(st, rel);
	int hit = clear(st, rel) == 0 && bs_cache_link(c, key, ext, dest);
	struct stat sb;
	if (hit && st->made && lstat(dest, &sb) == 0) {
		bs_key k = file_key(key, ext);
		note(st, rel, &k, &sb);
	}
	free(dest);
	return hit;
}

int bs_publish_write(const bs_stage *st, const char *rel, const void *data,
		     size_t len, const bs_key *key, const char *ext,
		     bs_diags *d)
{
	if (!bs_files_safe(rel))
		return bs_diag_io(d, rel, "unsafe output path");
	/* a new file, never an old one truncated: the previous site's
	 * files are shared with OUT and the cache; opened from the stage's
	 * folder, not walked to from the root for every file */
	int fd = clear(st, rel) == 0
		     ? openat(st->fd, rel,
			      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)
		     : -1;
	if (fd < 0)
		return bs_diag_io(d, rel, "cannot write: %s", strerror(errno));
	const char *c = data;
	while (len) {
		ssize_t w = write(fd, c, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			return bs_diag_io(d, rel, "cannot write: %s",
					  strerror(e));
		}
		c += w;
		len -= (size_t)w;
	}
	struct stat sb;
	int known = st->made && fstat(fd, &sb) == 0;
	if (close(fd) != 0)
		return bs_diag_io(d, rel, "cannot write: %s", strerror(errno));
	if (known) {
		bs_key k = key ? file_key(key, ext) : (bs_key){0, 0};
		note(st, rel, key ? &k : NULL, &sb);
	}
	return BS_OK;
}

char *bs_publish_path(const bs_stage *st, const char *rel)
{
	return in_stage(st, rel);
}

/* Before the swap: remove what the previous site had that this build did
 * not make, then record the stage: the previous site's record for what
 * was left in place, what this build made, folders as they are now. A
 * stage without a whole record is never taken again. */
static void settle(bs_stage *st)
{
	bs_manifest *was = st->was, *made = st->made;
	for (size_t pass = 0; was && pass < 2; pass++)
		for (size_t i = 0; i < was->n; i++) {
			const bs_mfile *e = &was->v[i];
			/* files first, so a folder left holds nothing */
			if (e->seen || !*e->rel || e->dir != pass)
				continue;
			char *p = in_stage(st, e->rel);
			bs_publish_rmtree(p);
			free(p);
			touch_parent(st, e->rel);
		}
	bs_mwriter w;
	bs_manifest_begin(&w, st->trees, st->tmp);
	struct stat sb;
	for (size_t i = 0; was && i < was->n; i++) {
		bs_mfile *e = &was->v[i];
		if (!*e->rel || !(e->dir ? e->seen && e->there : e->kept))
			continue;
		if (e->dir && e->touched) {
			if (stat_rel(st, e->rel, &sb) != 0)
				continue;
			bs_manifest_set(e, &sb);
		}
		bs_manifest_put(&w, e);
	}
	for (size_t i = 0; i < made->n; i++) {
		bs_mfile *e = &made->v[i];
		if (e->dir) {
			if (stat_rel(st, e->rel, &sb) != 0)
				continue;
			bs_manifest_set(e, &sb);
		}
		bs_manifest_put(&w, e);
	}
	/* the root last: the marker and every removal came before */
	bs_mfile root = {.rel = "", .dir = 1};
	int whole = stat_rel(st, "", &sb) == 0;
	if (whole) {
		bs_manifest_set(&root, &sb);
		bs_manifest_put(&w, &root);
	}
	bs_manifest_end(&w, whole);
}

int bs_publish_commit(bs_stage *st, bs_diags *d)
{
	/* what wrote it: a build over a published site warns (build.c) */
	static const char built[] = "This folder was written by badgesite "
				    "build, a preview; the next build replaces "
				    "it whole.\n";
	static const char published[] = PUBLISHED_MARK;
	const char *mark = st->publish ? published : built;
	int rc =
	    bs_publish_write(st, MARKER, mark, strlen(mark), NULL, NULL, d);
	if (rc)
		return rc;
	if (st->made)
		settle(st);
	struct stat sb;
	int had = stat(st->out, &sb) == 0;
#ifdef SYS_renameat2
	/* one step: the stage becomes OUT and the old site takes the
	 * stage's name, so no moment is without a site */
	if (had && syscall(SYS_renameat2, AT_FDCWD, st->tmp, AT_FDCWD, st->out,
			   RENAME_EXCHANGE) == 0) {
		char *t = st->old;
		st->old = st->tmp;
		st->tmp = t;
		st->swept = 0;
		return BS_OK;
	}
#endif
	if (had && rename(st->out, st->old) != 0)
		return bs_diag_io(d, st->out,
				  "cannot move the old site "
				  "aside: %s",
				  strerror(errno));
	if (rename(st->tmp, st->out) != 0) {
		int e = errno;
		if (had)
			rename(st->old, st->out);
		return bs_diag_io(d, st->out, "cannot publish: %s",
				  strerror(e));
	}
	st->swept = !had;
	return BS_OK;
}

void bs_publish_sweep(bs_stage *st)
{
	/* only after a commit: before it, old may name the last good site */
	if (st->old && !st->swept) {
		int keep = st->trees && bs_manifest_exists(st->trees, st->old);
		if (keep && ours(st->prev))
			discard(st, st->prev); /* left by a failed take */
		if (!keep || rename(st->old, st->prev) != 0) {
			if (st->trees)
				bs_manifest_forget(st->trees, st->old);
			discard(st, st->old);
		}
	}
	st->swept = 1;
}

void bs_publish_abort(bs_stage *st)
{
	if (st->tmp)
		bs_publish_rmtree(st->tmp);
	bs_publish_free(st);
}

void bs_publish_free(bs_stage *st)
{
	bs_publish_sweep(st);
	free(st->out);
	free(st->tmp);
	free(st->old);
	free(st->prev);
	free(st->gone);
	free(st->trees);
	if (st->was)
		bs_manifest_free(st->was);
	free(st->was);
	if (st->made)
		bs_manifest_free(st->made);
	free(st->made);
	if (st->lock)
		pthread_mutex_destroy(st->lock);
	free(st->lock);
	if (st->fd >= 0)
		close(st->fd);
	memset(st, 0, sizeof *st);
	st->fd = -1;
}
