/* cache.c: content-keyed files on disk, each proven by the sum of its
 * bytes when it is used. A failure to read or write the cache only costs
 * time: the output is rendered again. */
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

/* XXH64 (seed 0), as specified by its author: four lanes of eight bytes,
 * so several gigabytes a second; a rebuild proves every hit with it. */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

/* Little-endian words, whatever the machine (compilers make each one
 * load). */
static inline uint64_t le64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static inline uint64_t le32(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24;
}

static inline uint64_t lane(uint64_t acc, uint64_t w)
{
	return rotl(acc + w * P2, 31) * P1;
}

static void sum_init(uint64_t v[4])
{
	v[0] = P1 + P2;
	v[1] = P2;
	v[2] = 0;
	v[3] = 0 - P1;
}

/* The four lanes over n bytes, n a multiple of 32. */
static void stripes(uint64_t v[4], const unsigned char *p, size_t n)
{
	uint64_t v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3];
	for (; n >= 32; n -= 32, p += 32) {
		v1 = lane(v1, le64(p));
		v2 = lane(v2, le64(p + 8));
		v3 = lane(v3, le64(p + 16));
		v4 = lane(v4, le64(p + 24));
	}
	v[0] = v1;
	v[1] = v2;
	v[2] = v3;
	v[3] = v4;
}

/* The sum of total bytes, all but the last total % 32 of them (at p)
 * already in the lanes v. */
static uint64_t sum_end(const uint64_t v[4], uint64_t total,
			const unsigned char *p)
{
	const unsigned char *end = p + total % 32;
	uint64_t h = P5;
	if (total >= 32) {
		h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) +
		    rotl(v[3], 18);
		for (int i = 0; i < 4; i++)
			h = (h ^ lane(0, v[i])) * P1 + P4;
	}
	h += total;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ lane(0, le64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rotl(h ^ le32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ *p * P5, 11) * P1;
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	return h ^ h >> 32;
}

uint64_t bs_sum(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t v[4];
	sum_init(v);
	stripes(v, p, n - n % 32);
	return sum_end(v, n, p + n - n % 32);
}

/* The sum of the open file fd, which must hold size bytes, read a buffer
 * at a time (nothing is allocated on the way of a cache hit); 0 when it
 * holds another number of bytes. */
static int sum_fd(int fd, size_t size, uint64_t *sum)
{
	unsigned char buf[65536];
	uint64_t v[4];
	size_t total = 0, have = 0; /* have: bytes in buf not yet summed */
	sum_init(v);
	for (;;) {
		size_t want = sizeof buf - have;
		ssize_t r = read(fd, buf + have, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		total += (size_t)r;
		if (total > size)
			return 0;
		size_t whole = have - have % 32;
		stripes(v, buf, whole);
		memmove(buf, buf + whole, have - whole);
		have -= whole;
		/* a short read of a regular file is its end */
		if ((size_t)r < want && total == size)
			break;
	}
	if (total != size)
		return 0;
	*sum = sum_end(v, total, buf);
	return 1;
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

/* The entries' sums by key and ext, read from the index when the cache is
 * opened and added to as entries are stored: open addressing, under a
 * lock (render threads look up and store at once).
 *
 * The index (.index in the cache) holds the names of the entries, one a
 * line, so that opening the cache reads one file instead of listing
 * thousands. It is only a hint: a name in it whose file is gone or wrong
 * is a miss, and an entry missing from it is rendered again and kept. A
 * build appends the names it stored; a prune, or a cache without an
 * index, lists the folder and writes the index whole. */
typedef struct slot {
	uint64_t a, b, sum;
	char ext[16]; /* "": free */
} slot;

struct bs_cache_map {
	pthread_mutex_t lock;
	slot *v;
	size_t n, cap; /* cap: a power of two, at least twice n */
	slot *fresh;   /* stored by this build: appended to the index */
	size_t nfresh, capfresh;
	int whole; /* the index is to be written whole from v */
};

static size_t home(const slot *s, size_t mask)
{
	uint64_t h = s->a ^ (s->b >> 17);
	for (const char *e = s->ext; *e; e++)
		h = (h ^ (unsigned char)*e) * P1;
	return (size_t)(h ^ h >> 32) & mask;
}

/* The slot of (a, b, ext): the one holding it, or the free one where it
 * goes. */
static slot *find(const bs_cache_map *m, const slot *key)
{
	size_t mask = m->cap - 1;
	for (size_t i = home(key, mask);; i = (i + 1) & mask) {
		slot *s = &m->v[i];
		if (!s->ext[0] || (s->a == key->a && s->b == key->b &&
				   !strcmp(s->ext, key->ext)))
			return s;
	}
}

static void map_set(bs_cache_map *m, const slot *key)
{
	if (2 * (m->n + 1) > m->cap) {
		bs_cache_map old = *m;
		m->cap = 2 * old.cap;
		m->v = bs_xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].ext[0])
				map_set(m, &old.v[i]);
		free(old.v);
	}
	slot *s = find(m, key);
	m->n += !s->ext[0];
	*s = *key;
}

/* An extension an entry's name may end with: letters and digits. */
static int good_ext(const char *ext, size_t n)
{
	if (n == 0 || n >= sizeof((slot *)0)->ext)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((ext[i] >= 'a' && ext[i] <= 'z') ||
		      (ext[i] >= 'A' && ext[i] <= 'Z') ||
		      (ext[i] >= '0' && ext[i] <= '9')))
			return 0;
	return 1;
}

/* The slot of key k and extension ext; 0 when ext does not fit a name. */
static int slot_of(slot *s, const bs_key *k, const char *ext)
{
	size_t n = strlen(ext);
	if (!good_ext(ext, n))
		return 0;
	s->a = k->a;
	s->b = k->b;
	s->sum = 0;
	memcpy(s->ext, ext, n + 1);
	return 1;
}

/* The sum kept for entry k.ext; 0 when there is none. */
static int known(const bs_cache *c, const bs_key *k, const char *ext,
		 uint64_t *sum)
{
	slot key;
	if (!c || !c->dir || !slot_of(&key, k, ext))
		return 0;
	pthread_mutex_lock(&c->map->lock);
	const slot *s = find(c->map, &key);
	int got = s->ext[0] != '\0';
	*sum = s->sum;
	pthread_mutex_unlock(&c->map->lock);
	return got;
}

static void remember(const bs_cache *c, const bs_key *k, const char *ext,
		     uint64_t sum)
{
	slot key;
	if (!slot_of(&key, k, ext))
		return;
	key.sum = sum;
	bs_cache_map *m = c->map;
	pthread_mutex_lock(&m->lock);
	map_set(m, &key);
	bs_xgrow((void **)&m->fresh, &m->capfresh, m->nfresh + 1,
		 sizeof *m->fresh);
	m->fresh[m->nfresh++] = key;
	pthread_mutex_unlock(&m->lock);
}

static int hex64(const char *p, uint64_t *w)
{
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		int d = p[i] >= '0' && p[i] <= '9'   ? p[i] - '0'
			: p[i] >= 'a' && p[i] <= 'f' ? p[i] - 'a' + 10
						     : -1;
		if (d < 0)
			return 0;
		x = x << 4 | (uint64_t)d;
	}
	*w = x;
	return 1;
}

/* An entry's name, KEY-SUM.EXT (48 hex digits), read back into a slot. */
static int parse(slot *s, const char *name)
{
	if (strlen(name) < 51 || name[32] != '-' || name[49] != '.' ||
	    !hex64(name, &s->a) || !hex64(name + 16, &s->b) ||
	    !hex64(name + 33, &s->sum))
		return 0;
	const char *ext = name + 50;
	size_t n = strlen(ext);
	if (!good_ext(ext, n))
		return 0; /* a file written aside, or not ours */
	memcpy(s->ext, ext, n + 1);
	return 1;
}

/* Put the entries of the folder dir into m, emptied first. */
static void list(bs_cache_map *m, const char *dir)
{
	memset(m->v, 0, m->cap * sizeof *m->v);
	m->n = 0;
	m->nfresh = 0;
	m->whole = 1;
	DIR *d = opendir(dir);
	struct dirent *e;
	slot s;
	while (d && (e = readdir(d)))
		if (parse(&s, e->d_name))
			map_set(m, &s);
	if (d)
		closedir(d);
}

static int read_fd(bs_buf *out, int fd, size_t size);

/* Put the names of the index into m; 0 when there is no index. */
static int load(bs_cache_map *m, const char *dir)
{
	char *p = bs_xasprintf("%s/.index", dir);
	int fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(p);
	struct stat st;
	bs_buf b = BS_BUF_INIT;
	int got = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  read_fd(&b, fd, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	slot s;
	for (char *line = b.ptr, *nl; got && line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (parse(&s, line))
			map_set(m, &s);
	}
	bs_buf_free(&b);
	return got;
}

static void put_name(bs_buf *b, const slot *s)
{
	bs_buf_printf(b, "%016llx%016llx-%016llx.%s\n",
		      (unsigned long long)s->a, (unsigned long long)s->b,
		      (unsigned long long)s->sum, s->ext);
}

static int write_new(const char *path, const void *data, size_t n);
static char *aside(const char *p);

/* Write the index: whole from the map (aside, then renamed into place),
 * or the names this build stored appended to it (one write). */
static void save(const bs_cache_map *m, const char *dir)
{
	bs_buf b = BS_BUF_INIT;
	char *p = bs_xasprintf("%s/.index", dir);
	if (m->whole) {
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].ext[0])
				put_name(&b, &m->v[i]);
		char *tmp = aside(p);
		if (!write_new(tmp, b.ptr, b.len) || rename(tmp, p) != 0)
			unlink(tmp);
		free(tmp);
	} else if (m->nfresh) {
		for (size_t i = 0; i < m->nfresh; i++)
			put_name(&b, &m->fresh[i]);
		int fd = open(
		    p, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		    0666);
		if (fd >= 0) {
			/* a short write leaves a torn line: skipped */
			if (write(fd, b.ptr, b.len) < 0)
				errno = 0;
			close(fd);
		}
	}
	free(p);
	bs_buf_free(&b);
}

void bs_cache_open(bs_cache *c, const char *root)
{
	c->dir = NULL;
	c->map = NULL;
	/* keys hold the program's own bytes; where they cannot be read, a
	 * new program could reuse an old one's outputs, so no cache */
	if (access("/proc/self/exe", R_OK) != 0)
		return;
	char *dir = bs_xasprintf("%s/.badgesite-cache", root);
	struct stat st;
	if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || stat(dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode)) {
		free(dir);
		return;
	}
	c->dir = dir;
	c->map = bs_xcalloc(1, sizeof *c->map);
	c->map->cap = 1024;
	c->map->v = bs_xcalloc(c->map->cap, sizeof *c->map->v);
	pthread_mutex_init(&c->map->lock, NULL);
	/* names only: what each entry is is checked when it is used */
	if (!load(c->map, dir))
		list(c->map, dir);
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
		/* an entry a site still holds (a build left the file in
		 * place, so never linked it again) is in use: removing it
		 * would free nothing */
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_ctime < before && st.st_nlink < 2 && unlink(p) == 0)
			n++;
		free(p);
	}
	closedir(d);
	/* the index is written again from what is left */
	pthread_mutex_lock(&c->map->lock);
	list(c->map, c->dir);
	pthread_mutex_unlock(&c->map->lock);
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
	if (c->map) {
		save(c->map, c->dir);
		pthread_mutex_destroy(&c->map->lock);
		free(c->map->v);
		free(c->map->fresh);
		free(c->map);
	}
	free(c->dir);
	c->dir = NULL;
	c->map = NULL;
}

static char *entry(const bs_cache *c, const bs_key *k, const char *ext,
		   uint64_t sum)
{
	return bs_xasprintf("%s/%016llx%016llx-%016llx.%s", c->dir,
			    (unsigned long long)k->a, (unsigned long long)k->b,
			    (unsigned long long)sum, ext);
}

/* Read the open file fd, of size bytes, onto the end of out: 1 when it
 * held exactly size bytes (out unchanged otherwise). */
static int read_fd(bs_buf *out, int fd, size_t size)
{
	bs_buf_grow(out, size + 1);
	char *at = out->ptr + out->len;
	size_t got = 0;
	/* a byte more than the size is asked for: a file that grew says
	 * so, and a short read is its end (a regular file) */
	while (got <= size) {
		size_t want = size + 1 - got;
		ssize_t r = read(fd, at + got, want);
		if (r > 0)
			got += (size_t)r;
		if (r > 0 && (size_t)r < want)
			break;
		if (r == 0 || (r < 0 && errno != EINTR))
			break;
	}
	if (got != size) {
		*at = '\0';
		return 0;
	}
	out->len += size;
	at[size] = '\0';
	return 1;
}

/* Open entry k.ext if it may be one: a regular file (no symlink is
 * followed), not executable. Its status goes into st, its name into
 * *path and the sum it was stored under into *sum. Returns the open file
 * (the caller closes it and frees *path) or -1; an entry that is not a
 * file is removed. */
static int open_entry(const bs_cache *c, const bs_key *k, const char *ext,
		      struct stat *st, char **path, uint64_t *sum)
{
	if (!known(c, k, ext, sum))
		return -1;
	char *p = entry(c, k, ext, *sum);
	/* O_NONBLOCK: a FIFO put in its place does not block */
	int fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		free(p);
		return -1;
	}
	if (fd < 0 || fstat(fd, st) != 0 || !S_ISREG(st->st_mode) ||
	    (st->st_mode & (S_ISUID | S_ISGID | 0111))) {
		unlink(p);
		if (fd >= 0)
			close(fd);
		free(p);
		return -1;
	}
	*path = p;
	return fd;
}

/* An entry that failed its proof: removed, its file closed. */
static void reject(int fd, char *path)
{
	unlink(path);
	close(fd);
	free(path);
}

/* Write the n bytes at data to path, a new file; 1 when all are there. */
static int write_new(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return 0;
	const char *p = data;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int ok = close(fd) == 0 && done == n;
	if (!ok)
		unlink(path);
	return ok;
}

/* Whether the file at path is a regular file, not executable, whose
 * bytes have the sum given (a symlink is not followed). */
static int proven(const char *path, uint64_t sum)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	uint64_t got;
	int ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		 !(st.st_mode & (S_ISUID | S_ISGID | 0111)) &&
		 sum_fd(fd, (size_t)st.st_size, &got) && got == sum;
	if (fd >= 0)
		close(fd);
	return ok;
}

int bs_cache_link(const bs_cache *c, const bs_key *k, const char *ext,
		  const char *dest)
{
	uint64_t sum;
	if (!known(c, k, ext, &sum))
		return 0;
	char *p = entry(c, k, ext, sum);
	int ok = 0;
	if (link(p, dest) == 0) {
		/* linked first, then proven: the file published is the file
		 * read, whatever happens to the entry's name meanwhile */
		ok = proven(dest, sum);
		if (!ok) {
			unlink(dest);
			unlink(p); /* written to since it was stored */
		}
	} else if (errno == EXDEV) {
		/* the cache is on another file system: copy the bytes */
		bs_buf b = BS_BUF_INIT;
		ok = bs_cache_get(c, k, ext, &b) &&
		     write_new(dest, b.ptr, b.len);
		bs_buf_free(&b);
	}
	free(p);
	return ok;
}

char *bs_cache_file(const bs_cache *c, const bs_key *k, const char *ext)
{
	uint64_t sum;
	if (!known(c, k, ext, &sum))
		return NULL;
	char *p = entry(c, k, ext, sum);
	struct stat st;
	if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

int bs_cache_get(const bs_cache *c, const bs_key *k, const char *ext,
		 bs_buf *out)
{
	struct stat st;
	char *p;
	uint64_t sum;
	int fd = open_entry(c, k, ext, &st, &p, &sum);
	if (fd < 0)
		return 0;
	size_t len = out->len;
	if (!read_fd(out, fd, (size_t)st.st_size) ||
	    bs_sum(out->ptr + len, out->len - len) != sum) {
		out->len = len;
		out->ptr[len] = '\0';
		reject(fd, p);
		return 0;
	}
	close(fd);
	free(p);
	return 1;
}

/* A name beside p, unique per process and thread, so writers never
 * share a file. Caller frees. */
static char *aside(const char *p)
{
	return bs_xasprintf("%s.%ld.%lx.tmp", p, (long)getpid(),
			    (unsigned long)pthread_self());
}

void bs_cache_keep(const bs_cache *c, const bs_key *k, const char *ext,
		   const char *file, const void *data, size_t n)
{
	slot s;
	if (!c || !c->dir || !slot_of(&s, k, ext))
		return;
	uint64_t sum = bs_sum(data, n);
	char *p = entry(c, k, ext, sum);
	char *tmp = aside(p);
	if (link(file, tmp) == 0) {
		if (rename(tmp, p) == 0)
			remember(c, k, ext, sum);
		else
			unlink(tmp);
	} else {
		/* another file system: a copy */
		bs_cache_put(c, k, ext, data, n);
	}
	free(tmp);
	free(p);
}

void bs_cache_put(const bs_cache *c, const bs_key *k, const char *ext,
		  const void *data, size_t n)
{
	slot s;
	if (!c || !c->dir || !slot_of(&s, k, ext))
		return;
	uint64_t sum = bs_sum(data, n);
	char *p = entry(c, k, ext, sum);
	char *tmp = aside(p);
	if (write_new(tmp, data, n)) {
		if (rename(tmp, p) == 0)
			remember(c, k, ext, sum);
		else
			unlink(tmp);
	}
	free(tmp);
	free(p);
}
