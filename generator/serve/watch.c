/* watch.c: inotify over a site's folders, for badgesite serve. One watch
 * per folder (inotify is not recursive); each watch remembers its folder
 * so a folder made later is watched too, with what it already holds. */
#include "serve/watch.h"

#include "base/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define MASK                                                                   \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |              \
	 IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR)

typedef struct folder {
	int wd;	   /* -1: no longer watched */
	char *dir; /* relative to the root ("" for the root) */
} folder;

struct bs_watch {
	int fd;
	char *root;
	folder *v;
	size_t n, cap;
};

/* Names no build reads: dot files and folders (.badgesite-cache, .git,
 * editors' .swp files), backups (name~), and at the root public/ (where
 * a build writes), node_modules/ and build/ (a program's own). */
static int ignored(const char *dir, const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n && name[n - 1] == '~') ||
	       (n > 4 && !strcmp(name + n - 4, ".swp")) ||
	       (!dir[0] &&
		(!strcmp(name, "public") || !strcmp(name, "node_modules") ||
		 !strcmp(name, "build")));
}

static void add(bs_watch *w, const char *rel);

/* Watch the folders inside rel, recursively. */
static void add_children(bs_watch *w, const char *rel)
{
	char *path =
	    rel[0] ? bs_xasprintf("%s/%s", w->root, rel) : bs_xstrdup(w->root);
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (ignored(rel, e->d_name))
			continue;
		char *sub = rel[0] ? bs_xasprintf("%s/%s", rel, e->d_name)
				   : bs_xstrdup(e->d_name);
		char *p = bs_xasprintf("%s/%s", w->root, sub);
		struct stat st;
		/* lstat: a symbolic link is never followed out of the site */
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			add(w, sub);
		free(p);
		free(sub);
	}
	closedir(d);
}

static void add(bs_watch *w, const char *rel)
{
	char *path =
	    rel[0] ? bs_xasprintf("%s/%s", w->root, rel) : bs_xstrdup(w->root);
	int wd = inotify_add_watch(w->fd, path, MASK | IN_DONT_FOLLOW);
	free(path);
	if (wd < 0)
		return;
	size_t i;
	for (i = 0; i < w->n && w->v[i].wd != wd; i++)
		;
	if (i == w->n) {
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->v = bs_xrealloc(w->v, w->cap * sizeof *w->v);
		}
		w->v[w->n].wd = wd;
		w->v[w->n++].dir = bs_xstrdup(rel);
	}
	add_children(w, rel);
}

int bs_watch_open(bs_watch **out, const char *root, bs_diags *d)
{
	*out = NULL;
	struct stat st;
	if (stat(root, &st) != 0)
		return bs_diag_io(d, root, "cannot serve this site: %s",
				  strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return bs_diag_io(d, root,
				  "cannot serve this site: it is "
				  "not a folder");
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return bs_diag_io(d, root,
				  "cannot watch the site for changes "
				  "(inotify): %s",
				  strerror(errno));
	bs_watch *w = bs_xcalloc(1, sizeof *w);
	w->fd = fd;
	w->root = bs_xstrdup(root);
	add(w, "");
	if (!w->n) {
		bs_watch_free(w);
		return bs_diag_io(d, root, "cannot watch the site for changes");
	}
	*out = w;
	return BS_OK;
}

int bs_watch_fd(const bs_watch *w) { return w->fd; }

static folder *by_wd(bs_watch *w, int wd)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].wd == wd)
			return &w->v[i];
	return NULL;
}

size_t bs_watch_read(bs_watch *w)
{
	size_t changes = 0;
	char buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len <= 0)
			break;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *e = (const void *)p;
			p += sizeof *e + e->len;
			if (e->mask & IN_Q_OVERFLOW) {
				changes++; /* events were lost */
				continue;
			}
			folder *f = by_wd(w, e->wd);
			if (!f)
				continue;
			if (e->mask & (IN_IGNORED | IN_DELETE_SELF)) {
				if (e->mask & IN_IGNORED)
					f->wd = -1;
				continue;
			}
			if (!e->len || ignored(f->dir, e->name))
				continue;
			changes++;
			if ((e->mask & IN_ISDIR) &&
			    (e->mask & (IN_CREATE | IN_MOVED_TO))) {
				char *sub =
				    f->dir[0]
					? bs_xasprintf("%s/%s", f->dir, e->name)
					: bs_xstrdup(e->name);
				add(w, sub); /* f may move: not used after */
				free(sub);
			}
		}
	}
	return changes;
}

void bs_watch_free(bs_watch *w)
{
	if (!w)
		return;
	close(w->fd);
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].dir);
	free(w->v);
	free(w->root);
	free(w);
}
