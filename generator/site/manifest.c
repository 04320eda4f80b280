/* manifest.c: the record of an output tree (manifest.h), read and written
 * as lines of text: "f KEY INO SIZE MTIME MODE REL" for a file, "d - INO
 * SIZE MTIME MODE REL" for a folder, the tree's root ("") last. */
#define _DEFAULT_SOURCE /* d_type, st_mtim */
#include "site/manifest.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "input/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HEADER "badgesite-tree 2\n"

void bs_manifest_init(bs_manifest *m) { memset(m, 0, sizeof *m); }

void bs_manifest_free(bs_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].rel);
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static uint64_t hash(const char *rel) { return bs_sum(rel, strlen(rel)); }

/* The slot of rel (hash h): its entry's, or the empty one where it would
 * go. A slot holds the hash's high half beside the entry's index + 1, so
 * most entries that are not rel are passed without reading them. */
static uint64_t *slot_of(const bs_manifest *m, const char *rel, uint64_t h)
{
	size_t i = (size_t)h & m->mask;
	uint64_t tag = h >> 32 << 32, s;
	while ((s = m->slot[i]) &&
	       ((s >> 32 << 32) != tag ||
		strcmp(m->v[(uint32_t)s - 1].rel, rel) != 0))
		i = (i + 1) & m->mask;
	return &m->slot[i];
}

/* Room in the table for n entries at most half full. */
static void reserve(bs_manifest *m, size_t n)
{
	size_t cap = m->mask ? m->mask + 1 : 1024;
	while (cap < n * 2)
		cap *= 2;
	if (cap == m->mask + 1)
		return;
	free(m->slot);
	m->slot = bs_xcalloc(cap, sizeof *m->slot);
	m->mask = cap - 1;
	for (size_t i = 0; i < m->n; i++) {
		uint64_t h = hash(m->v[i].rel);
		*slot_of(m, m->v[i].rel, h) = (h >> 32 << 32) | (i + 1);
	}
}

bs_mfile *bs_manifest_find(const bs_manifest *m, const char *rel)
{
	if (!m->mask)
		return NULL;
	uint64_t s = *slot_of(m, rel, hash(rel));
	return s ? &m->v[(uint32_t)s - 1] : NULL;
}

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

void bs_manifest_set(bs_mfile *e, const struct stat *sb)
{
	e->ino = (uint64_t)sb->st_ino;
	e->size = e->dir ? 0 : (uint64_t)sb->st_size;
	e->mtime = ns(&sb->st_mtim);
	e->mode = (unsigned)sb->st_mode & 07777;
}

static bs_mfile *push(bs_manifest *m, const char *rel)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->v = bs_xrealloc(m->v, m->cap * sizeof *m->v);
	}
	bs_mfile *e = &m->v[m->n++];
	memset(e, 0, sizeof *e);
	e->rel = bs_xstrdup(rel);
	return e;
}

static void fill(bs_mfile *e, const bs_key *key, const struct stat *sb)
{
	e->dir = S_ISDIR(sb->st_mode);
	if (key && !e->dir)
		e->key = *key;
	else
		e->key.a = e->key.b = 0;
	bs_manifest_set(e, sb);
}

/* Add (or replace) the entry of rel, looked up by rel. */
static void add(bs_manifest *m, const char *rel, const bs_key *key,
		const struct stat *sb)
{
	if ((m->n + 1) * 2 > m->mask)
		reserve(m, m->n + 1);
	uint64_t h = hash(rel), *s = slot_of(m, rel, h);
	if (!*s) {
		push(m, rel);
		*s = (h >> 32 << 32) | m->n;
	}
	fill(&m->v[(uint32_t)*s - 1], key, sb);
}

void bs_manifest_append(bs_manifest *m, const char *rel, const bs_key *key,
			const struct stat *sb)
{
	fill(push(m, rel), key, sb);
}

int bs_manifest_same(const bs_manifest *m, const bs_mfile *e,
		     const struct stat *sb)
{
	int dir = S_ISDIR(sb->st_mode);
	if (dir != e->dir || (!dir && !S_ISREG(sb->st_mode)))
		return 0;
	int64_t t = ns(&sb->st_mtim);
	return (uint64_t)sb->st_ino == e->ino && t == e->mtime &&
	       t < m->written && ((unsigned)sb->st_mode & 07777) == e->mode &&
	       (dir || (uint64_t)sb->st_size == e->size);
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
	unsigned long mode = strtoul(end + 1, &end, 8);
	if (*end != ' ' || mode > 07777)
		return -1;
	const char *rel = end + 1;
	if (*rel ? !bs_files_safe(rel) : kind != 'd')
		return -1; /* a record names nothing outside its tree */
	struct stat sb;
	memset(&sb, 0, sizeof sb);
	sb.st_mode = (kind == 'd' ? S_IFDIR : S_IFREG) | (mode_t)mode;
	sb.st_ino = (ino_t)ino;
	sb.st_size = (off_t)size;
	sb.st_mtim.tv_sec = (time_t)(t / 1000000000);
	sb.st_mtim.tv_nsec = (long)(t % 1000000000);
	add(m, rel, kind == 'f' ? &key : NULL, &sb);
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
	if (!rc) {
		m->written = ns(&sb.st_mtim);
		reserve(m, (size_t)sb.st_size / 48); /* a line is longer */
	}
	int root_last = 0;
	while (!rc && (len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n') {
			rc = -1; /* cut short: not a whole record */
			break;
		}
		line[len - 1] = '\0';
		rc = parse_line(m, line);
		root_last = !rc && !*m->v[m->n - 1].rel;
	}
	/* the root is written last: a record without it was cut short */
	if (!rc && !root_last)
		rc = -1;
	free(line);
	fclose(f);
	if (rc)
		bs_manifest_free(m);
	return rc;
}

/* n in decimal, or in 16 hex digits. */
static void put_u64(bs_buf *b, uint64_t n)
{
	char d[24];
	size_t i = sizeof d;
	do
		d[--i] = (char)('0' + n % 10);
	while (n /= 10);
	bs_buf_put(b, d + i, sizeof d - i);
}

static void put_hex(bs_buf *b, uint64_t n)
{
	static const char digit[] = "0123456789abcdef";
	char d[16];
	for (int i = 15; i >= 0; i--, n >>= 4)
		d[i] = digit[n & 15];
	bs_buf_put(b, d, 16);
}

static void flush(bs_mwriter *w)
{
	for (size_t off = 0; w->fd >= 0 && off < w->buf.len;) {
		ssize_t n = write(w->fd, w->buf.ptr + off, w->buf.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(w->fd);
			w->fd = -1;
		} else {
			off += (size_t)n;
		}
	}
	bs_buf_clear(&w->buf);
}

void bs_manifest_begin(bs_mwriter *w, const char *dir, const char *tree)
{
	memset(w, 0, sizeof *w);
	w->fd = -1;
	w->path = record_path(dir, tree);
	if (!w->path)
		return;
	mkdir(dir, 0777);
	w->tmp = bs_xasprintf("%s.%ld.tmp", w->path, (long)getpid());
	w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	bs_buf_puts(&w->buf, HEADER);
}

void bs_manifest_put(bs_mwriter *w, const bs_mfile *e)
{
	bs_buf *b = &w->buf;
	if (w->fd < 0)
		return;
	if (strchr(e->rel, '\n')) {
		close(w->fd); /* a name the lines cannot hold */
		w->fd = -1;
		return;
	}
	if (e->dir) {
		bs_buf_put(b, "d -", 3);
	} else {
		bs_buf_put(b, "f ", 2);
		put_hex(b, e->key.a);
		put_hex(b, e->key.b);
	}
	bs_buf_putc(b, ' ');
	put_u64(b, e->ino);
	bs_buf_putc(b, ' ');
	put_u64(b, e->size);
	bs_buf_putc(b, ' ');
	if (e->mtime < 0)
		bs_buf_putc(b, '-');
	put_u64(b, e->mtime < 0 ? (uint64_t)-e->mtime : (uint64_t)e->mtime);
	bs_buf_printf(b, " %o ", e->mode & 07777);
	bs_buf_puts(b, e->rel);
	bs_buf_putc(b, '\n');
	if (b->len >= 1 << 16)
		flush(w);
}

int bs_manifest_end(bs_mwriter *w, int whole)
{
	flush(w);
	int rc = w->fd >= 0 && close(w->fd) == 0 && whole ? 0 : -1;
	if (!rc && rename(w->tmp, w->path) != 0)
		rc = -1;
	if (rc && w->tmp)
		unlink(w->tmp);
	if (rc && w->path)
		unlink(w->path);
	free(w->tmp);
	free(w->path);
	bs_buf_free(&w->buf);
	memset(w, 0, sizeof *w);
	return rc;
}

void bs_manifest_tidy(const char *dir, time_t now, time_t before)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		struct stat sb;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) !=
			0 ||
		    !S_ISREG(sb.st_mode))
			continue;
		/* a record half written by a killed build: an hour is ample */
		size_t n = strlen(e->d_name);
		int aside = n > 4 && !strcmp(e->d_name + n - 4, ".tmp");
		if (sb.st_mtime < (aside ? now - 3600 : before))
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}
