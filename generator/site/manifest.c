/* manifest.c: the record of an output tree (manifest.h), read and written
 * as lines of text: "f KEY INO SIZE MTIME REL" for a file, "d - INO SIZE
 * MTIME REL" for a folder. */
#define _DEFAULT_SOURCE /* d_type, st_mtim */
#include "site/manifest.h"

#include "base/alloc.h"
#include "base/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HEADER "badgesite-tree 1\n"

void bs_manifest_init(bs_manifest *m) { memset(m, 0, sizeof *m); }

void bs_manifest_free(bs_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].rel);
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t hash(const char *rel) { return (size_t)bs_sum(rel, strlen(rel)); }

/* The slot of rel: its entry's, or the empty one where it would go. */
static size_t *slot_of(const bs_manifest *m, const char *rel)
{
	size_t i = hash(rel) & m->mask;
	while (m->slot[i] && strcmp(m->v[m->slot[i] - 1].rel, rel) != 0)
		i = (i + 1) & m->mask;
	return &m->slot[i];
}

static void grow(bs_manifest *m)
{
	size_t cap = m->mask ? (m->mask + 1) * 2 : 1024;
	free(m->slot);
	m->slot = bs_xcalloc(cap, sizeof *m->slot);
	m->mask = cap - 1;
	for (size_t i = 0; i < m->n; i++)
		*slot_of(m, m->v[i].rel) = i + 1;
}

bs_mfile *bs_manifest_find(const bs_manifest *m, const char *rel)
{
	if (!m->mask)
		return NULL;
	size_t s = *slot_of(m, rel);
	return s ? &m->v[s - 1] : NULL;
}

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

void bs_manifest_add(bs_manifest *m, const char *rel, const bs_key *key,
		     const struct stat *sb)
{
	if ((m->n + 1) * 2 > m->mask)
		grow(m);
	size_t *s = slot_of(m, rel);
	if (!*s) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 256;
			m->v = bs_xrealloc(m->v, m->cap * sizeof *m->v);
		}
		memset(&m->v[m->n], 0, sizeof *m->v);
		m->v[m->n].rel = bs_xstrdup(rel);
		*s = ++m->n;
	}
	bs_mfile *e = &m->v[*s - 1];
	e->dir = S_ISDIR(sb->st_mode);
	if (key && !e->dir)
		e->key = *key;
	else
		e->key.a = e->key.b = 0;
	e->ino = (uint64_t)sb->st_ino;
	e->size = e->dir ? 0 : (uint64_t)sb->st_size;
	e->mtime = ns(&sb->st_mtim);
}

int bs_manifest_same(const bs_manifest *m, const bs_mfile *e,
		     const struct stat *sb)
{
	int dir = S_ISDIR(sb->st_mode);
	if (dir != e->dir || (!dir && !S_ISREG(sb->st_mode)))
		return 0;
	int64_t t = ns(&sb->st_mtim);
	return (uint64_t)sb->st_ino == e->ino && t == e->mtime &&
	       t < m->written && (dir || (uint64_t)sb->st_size == e->size);
}

/* The record's file for the tree at path (caller frees), or NULL when the
 * tree is not there. */
static char *record_path(const char *dir, const char *tree)
{
	struct stat sb;
	if (lstat(tree, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return NULL;
	return bs_xasprintf("%s/%" PRIu64 "-%" PRIu64, dir, (uint64_t)sb.st_dev,
			    (uint64_t)sb.st_ino);
}

int bs_manifest_exists(const char *dir, const char *tree)
{
	char *p = record_path(dir, tree);
	int ok = p && access(p, F_OK) == 0;
	free(p);
	return ok;
}

void bs_manifest_forget(const char *dir, const char *tree)
{
	char *p = record_path(dir, tree);
	if (p)
		unlink(p);
	free(p);
}

/* One line of a record into m: 0, or -1 when it is not one. */
static int parse_line(bs_manifest *m, char *line)
{
	char kind = line[0];
	if ((kind != 'f' && kind != 'd') || line[1] != ' ')
		return -1;
	char *p = line + 2, *end;
	bs_key key = {0, 0};
	if (kind == 'f') {
		char hex[17] = "";
		if (strlen(p) < 33 || p[32] != ' ')
			return -1;
		memcpy(hex, p, 16);
		key.a = strtoull(hex, &end, 16);
		if (*end)
			return -1;
		memcpy(hex, p + 16, 16);
		key.b = strtoull(hex, &end, 16);
		if (*end)
			return -1;
		p += 33;
	} else if (p[0] == '-' && p[1] == ' ') {
		p += 2;
	} else {
		return -1;
	}
	errno = 0;
	uint64_t ino = strtoull(p, &end, 10);
	if (*end != ' ')
		return -1;
	uint64_t size = strtoull(end + 1, &end, 10);
	if (*end != ' ')
		return -1;
	long long t = strtoll(end + 1, &end, 10);
	if (*end != ' ' || errno)
		return -1;
	struct stat sb;
	memset(&sb, 0, sizeof sb);
	sb.st_mode = kind == 'd' ? S_IFDIR : S_IFREG;
	sb.st_ino = (ino_t)ino;
	sb.st_size = (off_t)size;
	sb.st_mtim.tv_sec = (time_t)(t / 1000000000);
	sb.st_mtim.tv_nsec = (long)(t % 1000000000);
	bs_manifest_add(m, end + 1, kind == 'f' ? &key : NULL, &sb);
	return 0;
}

int bs_manifest_read(bs_manifest *m, const char *dir, const char *tree)
{
	bs_manifest_init(m);
	char *p = record_path(dir, tree);
	FILE *f = p ? fopen(p, "rb") : NULL;
	free(p);
	if (!f)
		return -1;
	struct stat sb;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = fstat(fileno(f), &sb) == 0 &&
			 (len = getline(&line, &cap, f)) > 0 &&
			 strcmp(line, HEADER) == 0
		     ? 0
		     : -1;
	m->written = ns(&sb.st_mtim);
	while (!rc && (len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n') {
			rc = -1; /* cut short: not a whole record */
			break;
		}
		line[len - 1] = '\0';
		rc = parse_line(m, line);
	}
	free(line);
	fclose(f);
	if (rc)
		bs_manifest_free(m);
	return rc;
}

int bs_manifest_write(bs_manifest *m, const char *dir, const char *tree)
{
	char *p = record_path(dir, tree);
	if (!p)
		return -1;
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, HEADER);
	int rc = 0;
	for (size_t i = 0; i < m->n && !rc; i++) {
		const bs_mfile *e = &m->v[i];
		if (strchr(e->rel, '\n')) {
			rc = -1; /* a name the lines cannot hold */
			break;
		}
		if (e->dir)
			bs_buf_printf(&b, "d -");
		else
			bs_buf_printf(&b, "f %016" PRIx64 "%016" PRIx64,
				      e->key.a, e->key.b);
		bs_buf_printf(&b, " %" PRIu64 " %" PRIu64 " %" PRId64 " %s\n",
			      e->ino, e->size, e->mtime, e->rel);
	}
	mkdir(dir, 0777);
	char *tmp = bs_xasprintf("%s.%ld.tmp", p, (long)getpid());
	int fd =
	    rc ? -1 : open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	rc = fd < 0 ? -1 : 0;
	for (size_t off = 0; !rc && off < b.len;) {
		ssize_t w = write(fd, b.ptr + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			rc = -1;
		else
			off += (size_t)w;
	}
	struct stat sb;
	if (!rc && fstat(fd, &sb) == 0)
		m->written = ns(&sb.st_mtim);
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	if (!rc && rename(tmp, p) != 0)
		rc = -1;
	if (rc && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(p);
	bs_buf_free(&b);
	return rc;
}

void bs_manifest_tidy(const char *dir, time_t before)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct stat sb;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) ==
			0 &&
		    S_ISREG(sb.st_mode) && sb.st_mtime < before)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}
