/* files.c: site files with built-in fallbacks, and the rule that no path
 * a site names, and no symbolic link in the site, may leave the site. */
#define _DEFAULT_SOURCE /* syscall */
#include "input/files.h"

#include "base/alloc.h"
#include "base/embedded.h"
#include "input/source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The most links one path may lead through, as the kernel's MAXSYMLINKS. */
#define MAX_LINKS 40

int bs_files_safe(const char *rel)
{
	if (!rel[0] || rel[0] == '/' || strchr(rel, '\\') || strchr(rel, ':'))
		return 0;
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < ' ')
			return 0;
	/* every segment must be a plain name */
	const char *seg = rel;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (!seg[n])
			return 1;
		seg += n + 1;
	}
}

/* A path as its components below the site root. */
typedef struct comps {
	char **v;
	size_t n, cap;
} comps;

static void comps_push(comps *c, const char *s, size_t n)
{
	bs_xgrow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = bs_xstrndup(s, n);
}

static void comps_free(comps *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static char *comps_join(const comps *c, size_t n)
{
	bs_buf b = BS_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			bs_buf_putc(&b, '/');
		bs_buf_puts(&b, c->v[i]);
	}
	return bs_buf_detach(&b);
}

/* Append the relative path p to c, "." dropped and ".." taking off the
 * last component. -1 when ".." would climb above the root, or (link set)
 * a component is hidden. */
static int comps_add(comps *c, const char *p, int link)
{
	while (*p) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!c->n)
				return -1;
			free(c->v[--c->n]);
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (link && p[0] == '.')
				return -1;
			comps_push(c, p, n);
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* What a walk found when it failed on a link: the link (site-relative)
 * and what it points to. */
typedef struct walk_link {
	char *path, *target;
} walk_link;

/* Open rel under root, one component at a time (see bs_files_open). 0
 * with *out set, or an errno value: EXDEV for a link that leaves the site,
 * ELOOP for too many links (both with *wl set). real: the resolved path
 * under root, when asked for. */
static int walk(int *out, char **real, walk_link *wl, const char *root,
		const char *rel, int dir)
{
	comps c = {NULL, 0, 0};
	int err = 0, links = 0, dfd = -1;
	*out = -1;
	if (comps_add(&c, rel, 0) < 0 || !c.n) {
		comps_free(&c);
		return EXDEV;
	}
	int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		comps_free(&c);
		return errno;
	}
	dfd = rootfd;
	for (size_t i = 0; i < c.n;) {
		int fl = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
		if (i + 1 < c.n || dir)
			fl |= O_DIRECTORY;
		int fd = openat(dfd, c.v[i], fl);
		if (fd >= 0) {
			if (dfd != rootfd)
				close(dfd);
			dfd = fd;
			i++;
			continue;
		}
		int e = errno;
		char target[PATH_MAX];
		ssize_t tn = readlinkat(dfd, c.v[i], target, sizeof target - 1);
		if (tn < 0) { /* not a link: the open's own error */
			err = e;
			break;
		}
		target[tn] = '\0';
		/* a link: its target replaces it, relative to its folder */
		comps nc = {NULL, 0, 0};
		for (size_t k = 0; k < i; k++)
			comps_push(&nc, c.v[k], strlen(c.v[k]));
		int bad = ++links > MAX_LINKS ? ELOOP
			  : target[0] == '/' || comps_add(&nc, target, 1) < 0 ||
				  (!nc.n && i + 1 == c.n)
			      ? EXDEV
			      : 0;
		if (bad) {
			wl->path = comps_join(&c, i + 1);
			wl->target = bs_xstrdup(target);
			comps_free(&nc);
			err = bad;
			break;
		}
		for (size_t k = i + 1; k < c.n; k++)
			comps_push(&nc, c.v[k], strlen(c.v[k]));
		comps_free(&c);
		c = nc;
		/* walk the new path from the top: nothing already opened is
		 * trusted to be where the link says */
		if (dfd != rootfd)
			close(dfd);
		dfd = rootfd;
		i = 0;
	}
	if (!err) {
		*out = dfd;
		dfd = rootfd;
	}
	if (dfd != rootfd)
		close(dfd);
	close(rootfd);
	if (!err && real) {
		char *j = comps_join(&c, c.n);
		*real = bs_xasprintf("%s/%s", root, j);
		free(j);
	}
	comps_free(&c);
	return err;
}

/* root/rel opened in one system call when no part of the path is a
 * symbolic link: Linux's openat2 with RESOLVE_NO_SYMLINKS, which refuses
 * any link on the way, so what it opens is what walk() would (rel is
 * safe: no "..", no "."). A page costs one open instead of one per
 * folder. -1 when it cannot say (a link on the way, no such file, or a
 * kernel or sandbox without openat2): then walk() decides, and reports.
 * The struct and flags are those of <linux/openat2.h>. */
#ifdef SYS_openat2
/* Set on a thread that learnt the call is missing (ENOSYS; EPERM from a
 * sandbox's filter), so that it stops asking: it decides only how a file
 * is opened, never which. */
static _Thread_local int no_openat2;
#endif

static int open_plain(const char *root, const char *rel, int dir)
{
#ifdef SYS_openat2
	if (no_openat2)
		return -1;
	struct {
		uint64_t flags, mode, resolve;
	} how = {O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
		     (dir ? O_DIRECTORY : 0),
		 0, 0x02 | 0x04 /* RESOLVE_NO_MAGICLINKS, _NO_SYMLINKS */};
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/%s", root, rel);
	if (n < 0 || (size_t)n >= sizeof path)
		return -1;
	long fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
	if (fd < 0 && (errno == ENOSYS || errno == EPERM))
		no_openat2 = 1;
	return fd >= 0 ? (int)fd : -1;
#else
	(void)root, (void)rel, (void)dir;
	return -1;
#endif
}

static const bs_embedded *embedded(const char *rel)
{
	for (const bs_embedded *e = bs_embedded_files; e->path; e++)
		if (strcmp(e->path, rel) == 0)
			return e;
	return NULL;
}

static int refuse(const char *rel, const bs_source *from, int line, int col,
		  bs_diags *d)
{
	if (!bs_files_safe(rel)) {
		bs_diag_at(d, BS_ERROR, from, line, col,
			   "path '%s' points outside the site", rel);
		bs_diag_hint(d, "use a path inside the site, such as "
				"'assets/icons/star.svg'");
		return BS_ECONTENT;
	}
	bs_diag_at(d, BS_ERROR, from, line, col, "file '%s' not found", rel);
	bs_diag_hint(d, "paths are relative to the site folder");
	return BS_ECONTENT;
}

/* Report what walk() returned: BS_OK, BS_FILES_MISSING or an error. */
static int walked(int err, walk_link *wl, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	int rc = BS_OK;
	if (err == EXDEV || err == ELOOP) {
		const char *why = err == ELOOP ? "leads through too many links"
					       : "leads outside the site";
		if (from)
			bs_diag_at(d, BS_ERROR, from, line, col,
				   "symbolic link '%s' %s (to '%s')", wl->path,
				   why, wl->target);
		else
			bs_diag_file(d, BS_ERROR, wl->path, 0, 0,
				     "symbolic link %s (to '%s')", why,
				     wl->target);
		bs_diag_hint(d, "a link may lead only to a file inside the "
				"site, by a relative path naming no hidden "
				"file; copy the file into the site instead");
		rc = BS_ECONTENT;
	} else if (err == ENOENT || err == ENOTDIR || err == EISDIR) {
		rc = BS_FILES_MISSING;
	} else if (err) {
		rc = bs_diag_io(d, rel, "cannot read: %s", strerror(err));
	}
	free(wl->path);
	free(wl->target);
	errno = err;
	return rc;
}

int bs_files_open(int *fd, const char *root, const char *rel, int dir,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	*fd = -1;
	if (!bs_files_safe(rel))
		return refuse(rel, from, line, col, d);
	if ((*fd = open_plain(root, rel, dir)) >= 0)
		return BS_OK;
	walk_link wl = {NULL, NULL};
	int err = walk(fd, NULL, &wl, root, rel, dir);
	return walked(err, &wl, rel, from, line, col, d);
}

int bs_files_opendir(DIR **out, const char *root, const char *rel, bs_diags *d)
{
	int fd;
	*out = NULL;
	int rc = bs_files_open(&fd, root, rel, 1, NULL, 0, 0, d);
	if (rc)
		return rc;
	*out = fdopendir(fd);
	if (!*out) {
		int e = errno;
		close(fd);
		return bs_diag_io(d, rel, "cannot list: %s", strerror(e));
	}
	return BS_OK;
}

int bs_files_stat(struct stat *st, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	int fd;
	int rc = bs_files_open(&fd, root, rel, 0, from, line, col, d);
	if (rc)
		return rc;
	if (fstat(fd, st) != 0)
		rc = bs_diag_io(d, rel, "cannot read: %s", strerror(errno));
	close(fd);
	return rc;
}

int bs_files_real(char **path, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	*path = NULL;
	if (!bs_files_safe(rel))
		return refuse(rel, from, line, col, d);
	walk_link wl = {NULL, NULL};
	int fd;
	int err = walk(&fd, path, &wl, root, rel, 0);
	struct stat st;
	if (!err && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)))
		err = ENOENT;
	if (fd >= 0)
		close(fd);
	if (err) {
		free(*path);
		*path = NULL;
	}
	return walked(err, &wl, rel, from, line, col, d);
}

/* Open the regular file rel of the site: BS_OK with *fd, BS_FILES_MISSING
 * when there is none (a folder is none), or an error, reported. */
static int open_file(int *fd, const char *root, const char *rel,
		     const bs_source *from, int line, int col, bs_diags *d)
{
	int rc = bs_files_open(fd, root, rel, 0, from, line, col, d);
	struct stat st;
	if (!rc && (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(*fd);
		*fd = -1;
		errno = ENOENT;
		rc = BS_FILES_MISSING;
	}
	return rc;
}

int bs_files_exists(const char *root, const char *rel)
{
	if (!bs_files_safe(rel))
		return 0;
	bs_diags quiet = BS_DIAGS_INIT;
	int fd;
	int rc = open_file(&fd, root, rel, NULL, 0, 0, &quiet);
	bs_diags_free(&quiet);
	if (rc == BS_OK)
		close(fd);
	/* a link that leaves the site is not "there": reading it reports */
	return rc == BS_OK || (rc == BS_FILES_MISSING && embedded(rel));
}

int bs_files_read(bs_source *out, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	int fd;
	int rc = open_file(&fd, root, rel, from, line, col, d);
	const bs_embedded *e = embedded(rel);
	if (rc == BS_OK)
		rc = bs_source_load_fd(out, fd, rel, d);
	else if (rc == BS_FILES_MISSING && e)
		rc = bs_source_from(out, rel, (const char *)e->data, e->len, d);
	else if (rc == BS_FILES_MISSING)
		return refuse(rel, from, line, col, d);
	else
		return rc;
	if (rc)
		bs_source_free(out); /* on failure nothing is left to free */
	return rc;
}

int bs_files_read_bytes(bs_buf *out, const char *root, const char *rel,
			const bs_source *from, int line, int col, bs_diags *d)
{
	bs_buf_init(out);
	int fd;
	int rc = open_file(&fd, root, rel, from, line, col, d);
	if (rc == BS_OK) {
		char tmp[65536];
		ssize_t n;
		for (;;) {
			n = read(fd, tmp, sizeof tmp);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			bs_buf_put(out, tmp, (size_t)n);
		}
		int e = errno;
		close(fd);
		if (n < 0)
			return bs_diag_io(d, rel, "cannot read: %s",
					  strerror(e));
		return BS_OK;
	}
	if (rc != BS_FILES_MISSING)
		return rc;
	const bs_embedded *e = embedded(rel);
	if (e) {
		bs_buf_put(out, e->data, e->len);
		return BS_OK;
	}
	return refuse(rel, from, line, col, d);
}
