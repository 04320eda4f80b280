/* cache.c: content-keyed files on disk. A failure to read or write the
 * cache only costs time: the output is rendered again. */
#include "base/cache.h"

#include "base/alloc.h"
#include "base/version.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void bs_key_init(bs_key *k)
{
	k->a = 14695981039346656037ULL;
	k->b = 0x84222325cbf29ce4ULL;
	bs_key_add_str(k, "badgesite " BS_VERSION);
}

/* Two 64-bit lanes, eight bytes at a time, each lane multiplied and
 * folded: fast on the megabytes a build hashes, and 128 bits wide, so
 * two different inputs meeting on one key is not a practical concern.
 * (Not a defence against crafted collisions: the inputs are the site's
 * own files.) */
static void mix(bs_key *k, uint64_t w)
{
	k->a = (k->a ^ w) * 0x9E3779B97F4A7C15ULL;
	k->a ^= k->a >> 32;
	k->b = (k->b + w) * 0xC2B2AE3D27D4EB4FULL;
	k->b ^= k->b >> 29;
	k->b += k->a;
}

void bs_key_add(bs_key *k, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		mix(k, w);
	}
	uint64_t w = 0;
	for (size_t j = 0; i + j < n; j++)
		w |= (uint64_t)p[i + j] << (8 * j);
	mix(k, w);
	/* the length ends each piece, so ("ab","c") and ("a","bc") differ */
	mix(k, (uint64_t)n ^ 0xA5A5A5A5A5A5A5A5ULL);
}

void bs_key_add_str(bs_key *k, const char *s)
{
	bs_key_add(k, s ? s : "", s ? strlen(s) : 0);
}

void bs_key_add_json(bs_key *k, const json_t *v)
{
	unsigned char t = v ? (unsigned char)json_typeof(v) : 0xFF;
	bs_key_add(k, &t, 1);
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT: {
		const char *key;
		json_t *x;
		json_object_foreach((json_t *)v, key, x)
		{
			bs_key_add_str(k, key);
			bs_key_add_json(k, x);
		}
		bs_key_add(k, "}", 1);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) { bs_key_add_json(k, x); }
		bs_key_add(k, "]", 1);
		break;
	}
	case JSON_STRING:
		bs_key_add(k, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER: {
		json_int_t n = json_integer_value(v);
		bs_key_add(k, &n, sizeof n);
		break;
	}
	case JSON_REAL: {
		double n = json_real_value(v);
		bs_key_add(k, &n, sizeof n);
		break;
	}
	default: break;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void bs_key_add_file(bs_key *k, const char *path)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t got;
	while (f && (got = fread(buf, 1, sizeof buf, f)) > 0)
		bs_key_add(k, buf, got);
	if (f)
		fclose(f);
}

void bs_key_add_program(bs_key *k)
{
	bs_key_add_file(k, "/proc/self/exe");
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return;
	/* each shared library as mapped: name, device and inode, which an
	 * upgrade changes (it installs a new file), read from the mapping
	 * itself rather than from the name, which may already point to the
	 * new one. Sorted: mappings come in address order, which changes
	 * from run to run. */
	char **libs = NULL;
	size_t n = 0, cap = 0;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		char dev[32];
		unsigned long long inode = 0;
		int at = 0;
		if (sscanf(line, "%*s %*s %*s %31s %llu %n", dev, &inode, &at) <
			2 ||
		    !at || line[at] != '/' || !strstr(line + at, ".so"))
			continue;
		line[strcspn(line, "\n")] = '\0';
		bs_xgrow((void **)&libs, &cap, n + 1, sizeof *libs);
		libs[n++] = bs_xasprintf("%s %s %llu", line + at, dev, inode);
	}
	fclose(f);
	if (n)
		qsort(libs, n, sizeof *libs, cmp_str);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(libs[i], libs[i - 1]))
			bs_key_add_str(k, libs[i]);
	for (size_t i = 0; i < n; i++)
		free(libs[i]);
	free(libs);
}

void bs_cache_open(bs_cache *c, const char *root)
{
	c->dir = NULL;
	/* keys hold the program's own bytes; where they cannot be read, a
	 * new program could reuse an old one's outputs, so no cache */
	if (access("/proc/self/exe", R_OK) != 0)
		return;
	c->dir = bs_xasprintf("%s/.badgesite-cache", root);
	if (mkdir(c->dir, 0777) != 0 && errno != EEXIST) {
		free(c->dir);
		c->dir = NULL;
	}
}

size_t bs_cache_prune(const bs_cache *c, time_t before)
{
	if (!c || !c->dir)
		return 0;
	DIR *d = opendir(c->dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = bs_xasprintf("%s/%s", c->dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_ctime < before && unlink(p) == 0)
			n++;
		free(p);
	}
	closedir(d);
	return n;
}

void bs_cache_tidy(const bs_cache *c, time_t now)
{
	if (!c || !c->dir)
		return;
	char *stamp = bs_xasprintf("%s/.pruned", c->dir);
	struct stat st;
	if (stat(stamp, &st) != 0 || st.st_mtime < now - 24 * 3600) {
		bs_cache_prune(c, now - BS_CACHE_KEEP_DAYS * 24 * 3600);
		FILE *f = fopen(stamp, "w");
		if (f)
			fclose(f);
		struct timespec t[2] = {{now, 0}, {now, 0}};
		utimensat(AT_FDCWD, stamp, t, 0);
	}
	free(stamp);
}

void bs_cache_close(bs_cache *c)
{
	free(c->dir);
	c->dir = NULL;
}

static char *entry(const bs_cache *c, const bs_key *k, const char *ext)
{
	return bs_xasprintf("%s/%016llx%016llx.%s", c->dir,
			    (unsigned long long)k->a, (unsigned long long)k->b,
			    ext);
}

/* Entries are stored with their modification time set a second before
 * the time they were written (sealed), so any later write to them, for
 * instance through a published file that is a hard link to one, shows
 * as a modification time no earlier than the change time. An empty
 * entry (a crash before its bytes reached the disk) is not sound
 * either: no output is empty. */
static int sound(const struct stat *st)
{
	errno = 0;
	if (st->st_size == 0)
		return 0;
	if (st->st_mtim.tv_sec != st->st_ctim.tv_sec)
		return st->st_mtim.tv_sec < st->st_ctim.tv_sec;
	return st->st_mtim.tv_nsec < st->st_ctim.tv_nsec;
}

static void seal(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return;
	struct timespec t[2] = {{0, UTIME_OMIT}, st.st_mtim};
	t[1].tv_sec -= 1;
	utimensat(AT_FDCWD, path, t, 0);
}

int bs_cache_link(const bs_cache *c, const bs_key *k, const char *ext,
		  const char *dest)
{
	if (!c || !c->dir)
		return 0;
	char *p = entry(c, k, ext);
	struct stat st;
	if (stat(p, &st) != 0 || !sound(&st)) {
		if (errno != ENOENT)
			unlink(p); /* written through a published file */
		free(p);
		return 0;
	}
	int ok = link(p, dest) == 0;
	if (!ok && errno == EXDEV) {
		/* the cache is on another file system: copy the bytes */
		bs_buf b = BS_BUF_INIT;
		if (bs_cache_get(c, k, ext, &b)) {
			FILE *f = fopen(dest, "wb");
			ok = f && fwrite(b.ptr, 1, b.len, f) == b.len;
			if (f && fclose(f) != 0)
				ok = 0;
			if (!ok)
				unlink(dest);
		}
		bs_buf_free(&b);
	}
	free(p);
	return ok;
}

char *bs_cache_file(const bs_cache *c, const bs_key *k, const char *ext)
{
	if (!c || !c->dir)
		return NULL;
	char *p = entry(c, k, ext);
	struct stat st;
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

/* Append the whole file at path to out; 1 on success. On a read error out
 * is cleared. */
static int read_all(bs_buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		bs_buf_put(out, buf, n);
	int ok = !ferror(f);
	fclose(f);
	if (!ok)
		bs_buf_clear(out);
	return ok;
}

int bs_cache_get(const bs_cache *c, const bs_key *k, const char *ext,
		 bs_buf *out)
{
	if (!c || !c->dir)
		return 0;
	char *p = entry(c, k, ext);
	int ok = read_all(out, p);
	free(p);
	return ok;
}

/* A name beside p, unique per process and thread, so writers never
 * share a file. Caller frees. */
static char *aside(const char *p)
{
	return bs_xasprintf("%s.%ld.%lx.tmp", p, (long)getpid(),
			    (unsigned long)pthread_self());
}

void bs_cache_keep(const bs_cache *c, const bs_key *k, const char *ext,
		   const char *file)
{
	if (!c || !c->dir)
		return;
	char *p = entry(c, k, ext);
	char *tmp = aside(p);
	if (link(file, tmp) == 0) {
		seal(tmp);
		if (rename(tmp, p) != 0)
			unlink(tmp);
	} else {
		/* another file system: a copy */
		bs_buf b = BS_BUF_INIT;
		if (read_all(&b, file))
			bs_cache_put(c, k, ext, b.ptr, b.len);
		bs_buf_free(&b);
	}
	free(tmp);
	free(p);
}

void bs_cache_put(const bs_cache *c, const bs_key *k, const char *ext,
		  const void *data, size_t n)
{
	if (!c || !c->dir)
		return;
	char *p = entry(c, k, ext);
	char *tmp = aside(p);
	FILE *f = fopen(tmp, "wb");
	if (f) {
		int ok = fwrite(data, 1, n, f) == n;
		if (fclose(f) == 0 && ok) {
			seal(tmp);
			rename(tmp, p);
		} else {
			unlink(tmp);
		}
	}
	free(tmp);
	free(p);
}
