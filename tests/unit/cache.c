/* The cache: keys that tell inputs apart, the sum that proves entries,
 * entries stored, linked and kept, a hit proven by content (never by file
 * times, never through a symlink), the index of entries, and pruning by
 * how long no build has used an entry. */
#include "base/cache.h"
#include "tap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int same(const bs_key *a, const bs_key *b)
{
	return a->a == b->a && a->b == b->b;
}

static bs_key of_json(const char *text)
{
	json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
	bs_key k;
	bs_key_init(&k);
	bs_key_add_json(&k, v);
	json_decref(v);
	return k;
}

static char *slurp(const char *path);

/* Let the clock pass a tick of file times (a person edits, then later
 * changes a file's mode). */
static void later(void)
{
	struct timespec t = {0, 50 * 1000 * 1000};
	nanosleep(&t, NULL);
}

static void spew(const char *path, const char *text)
{
	FILE *f = fopen(path, "w"); /* in place: the same inode */
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* A hit links entry k.html to a new dest: 1 when it did, and only a
 * regular file with the bytes kept may arrive there. */
static int hit(const bs_cache *c, const bs_key *k, const char *dest,
	       const char *want)
{
	unlink(dest);
	int linked = bs_cache_link(c, k, "html", dest);
	struct stat st;
	int made = lstat(dest, &st) == 0;
	if (linked != made || (made && !S_ISREG(st.st_mode)))
		return -1;
	return linked && strcmp(slurp(dest), want) == 0 ? 1 : linked ? -1 : 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

int main(void)
{
	bs_key a, b;
	bs_key_init(&a);
	bs_key_add_str(&a, "ab");
	bs_key_add_str(&a, "c");
	bs_key_init(&b);
	bs_key_add_str(&b, "a");
	bs_key_add_str(&b, "bc");
	ok(!same(&a, &b), "pieces are kept apart: (ab, c) is not (a, bc)");
	bs_key_init(&b);
	bs_key_add_str(&b, "ab");
	bs_key_add_str(&b, "c");
	ok(same(&a, &b), "the same pieces give the same key");
	const char *longer = "a text longer than one word of eight bytes";
	bs_key_init(&a);
	bs_key_add_str(&a, longer);
	int differ = 1;
	for (size_t i = 0; longer[i]; i++) {
		char *t = strdup(longer);
		t[i] ^= 1;
		bs_key_init(&b);
		bs_key_add_str(&b, t);
		differ &= !same(&a, &b);
		free(t);
	}
	ok(differ, "flipping any one bit of a text changes the key");

	bs_key j1 = of_json("{\"a\": 1, \"b\": [\"x\", true]}");
	bs_key j2 = of_json("{\"a\": 1, \"b\": [\"x\", true]}");
	ok(same(&j1, &j2), "equal JSON, equal keys");
	j2 = of_json("{\"a\": 1.0, \"b\": [\"x\", true]}");
	ok(!same(&j1, &j2), "1 and 1.0 differ (they print differently)");
	j2 = of_json("{\"a\": 1, \"b\": [\"x\", \"true\"]}");
	ok(!same(&j1, &j2), "true and \"true\" differ");
	j2 = of_json("{\"a\": 1, \"b\": [\"x\"], \"c\": true}");
	ok(!same(&j1, &j2), "the shape of nesting counts");
	j2 = of_json("{\"b\": [\"x\", true], \"a\": 1}");
	ok(!same(&j1, &j2), "key order counts (views are built in one order)");

	/* the sum that names and proves entries is XXH64 (seed 0) */
	ok(bs_sum("", 0) == 0xef46db3751d8e999ULL, "bs_sum of nothing");
	ok(bs_sum("abc", 3) == 0x44bc2cf5ad770999ULL, "bs_sum of abc");
	ok(bs_sum("<p>one</p>", 10) == 0x5a104ab92d675c9bULL,
	   "bs_sum of ten bytes");
	unsigned char many[300];
	for (size_t i = 0; i < sizeof many; i++)
		many[i] = (unsigned char)(i % 100);
	ok(bs_sum(many, sizeof many) == 0x75b2b7bde369159cULL,
	   "bs_sum of 300 bytes (the four lanes)");

	char dir[] = "/tmp/bs-cache-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	bs_cache c;
	bs_cache_open(&c, dir);
	ok(c.dir != NULL, "the cache folder is made");
	bs_key k;
	bs_key_init(&k);
	bs_key_add_str(&k, "page one");
	char dest[256], file[256];
	snprintf(dest, sizeof dest, "%s/out.html", dir);
	ok(!bs_cache_link(&c, &k, "html", dest), "a missing entry is a miss");
	ok(access(dest, F_OK) != 0, "and makes no file");
	snprintf(file, sizeof file, "%s/rendered.html", dir);
	FILE *f = fopen(file, "w");
	fputs("<p>one</p>", f);
	fclose(f);
	bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
	ok(bs_cache_link(&c, &k, "html", dest), "a kept file is a hit");
	is_str(slurp(dest), "<p>one</p>", "with the same bytes");
	struct stat s1, s2;
	stat(file, &s1);
	stat(dest, &s2);
	ok(s1.st_ino == s2.st_ino, "shared, not copied");
	bs_buf got = BS_BUF_INIT;
	ok(bs_cache_get(&c, &k, "html", &got) && got.len == 10, "get reads it");
	bs_buf_free(&got);

	/* a hit is proven by the entry's bytes, never by its times: a
	 * published file edited in place (it is the entry) and then
	 * chmodded, so its change time passes its modification time */
	spew(dest, "<p>two</p>");
	later();
	chmod(dest, 0644);
	char dest2[256];
	snprintf(dest2, sizeof dest2, "%s/again.html", dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
	       "an entry edited through a published file, then chmodded, "
	       "is a miss");
	got = (bs_buf)BS_BUF_INIT;
	ok(!bs_cache_get(&c, &k, "html", &got), "and get refuses it too");
	bs_buf_free(&got);
	unlink(dest);
	unlink(file);
	spew(file, "<p>one</p>");
	bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
	is_int(hit(&c, &k, dest, "<p>one</p>"), 1, "kept again, a hit again");

	/* the entry's bytes overwritten and its modification time set back
	 * to what it was (touch -d) */
	char *e0 = bs_cache_file(&c, &k, "html");
	struct stat old;
	stat(e0, &old);
	spew(e0, "<p>six</p>");
	struct timespec t[2] = {{0, UTIME_OMIT}, old.st_mtim};
	utimensat(AT_FDCWD, e0, t, 0);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
	       "an entry overwritten, its mtime set back, is a miss");
	free(e0);

	/* the entry replaced by a symlink to a file with the very bytes it
	 * held, outside the cache and inside it; never followed, never
	 * linked (a published symlink could point anywhere) */
	char outside[] = "/tmp/bs-outside-XXXXXX";
	int fd = mkstemp(outside);
	if (fd < 0 || write(fd, "<p>one</p>", 10) != 10)
		return 1;
	close(fd);
	later();
	fchmodat(AT_FDCWD, outside, 0644, 0); /* change time past mtime */
	const char *targets[2] = {outside, file};
	for (int i = 0; i < 2; i++) {
		unlink(file);
		spew(file, "<p>one</p>");
		later();
		chmod(file, 0644);
		bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
		e0 = bs_cache_file(&c, &k, "html");
		unlink(e0);
		if (symlink(targets[i], e0) != 0)
			return 1;
		is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
		       "an entry replaced by a symlink to a file %s the "
		       "site is a miss, and nothing is linked",
		       i ? "inside" : "outside");
		got = (bs_buf)BS_BUF_INIT;
		ok(!bs_cache_get(&c, &k, "html", &got) && got.len == 0,
		   "and get does not follow it");
		bs_buf_free(&got);
		free(e0);
	}
	unlink(outside);
	/* nor a FIFO, which would block a reader */
	bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
	e0 = bs_cache_file(&c, &k, "html");
	unlink(e0);
	mkfifo(e0, 0644);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
	       "an entry replaced by a FIFO is a miss");
	free(e0);
	unlink(dest);
	unlink(file);
	spew(file, "<p>one</p>");
	bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
	is_int(hit(&c, &k, dest, "<p>one</p>"), 1, "kept again, a hit again");
	/* the index names the entries for the next build; it is only a
	 * hint: without it the folder is listed, and a wrong name in it is
	 * a miss */
	bs_cache_close(&c);
	bs_cache_open(&c, dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 1,
	       "opened again, the cache finds the entry by its index");
	char index[256];
	snprintf(index, sizeof index, "%s/.badgesite-cache/.index", dir);
	unlink(index);
	bs_cache_close(&c);
	bs_cache_open(&c, dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 1,
	       "and by listing its folder when the index is gone");
	bs_cache_close(&c);
	e0 = slurp(index);
	ok(e0 && strlen(e0) > 50, "which writes the index again");
	char wrong[256];
	snprintf(wrong, sizeof wrong, "%s", e0);
	wrong[40] = wrong[40] == '0' ? '1' : '0'; /* another sum */
	spew(index, wrong);
	bs_cache_open(&c, dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
	       "a name in the index with another sum is a miss");
	bs_cache_close(&c);
	spew(index, "../../etc/passwd\nnot a name\n");
	bs_cache_open(&c, dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 0,
	       "lines that are not names are skipped");
	unlink(file);
	spew(file, "<p>one</p>");
	bs_cache_keep(&c, &k, "html", file, "<p>one</p>", 10);
	bs_cache_close(&c);
	bs_cache_open(&c, dir);
	is_int(hit(&c, &k, dest2, "<p>one</p>"), 1,
	       "an entry kept again is added to the index");
	unlink(dest2);

	bs_key other = k;
	bs_key_add_str(&other, "more");
	bs_cache_put(&c, &other, "json", "{}", 2);
	char *e = bs_cache_file(&c, &other, "json");
	ok(e && strcmp(slurp(e), "{}") == 0, "put stores bytes");
	free(e);

	time_t now = time(NULL);
	is_int(bs_cache_prune(&c, now - 3600), 0,
	       "entries used within the hour are kept");
	is_int(bs_cache_prune(&c, now + 3600), 1,
	       "entries unused since the cut-off are removed, but for one a "
	       "published file still holds");
	unlink(file);
	is_int(bs_cache_prune(&c, now + 3600), 1,
	       "which goes once no file holds it");
	spew(file, "<p>one</p>");
	ok(!bs_cache_link(&c, &k, "html", dest) && access(file, F_OK) == 0,
	   "a pruned entry is a miss; files once linked from it stay");
	bs_cache_put(&c, &k, "html", "x", 1);
	bs_cache_tidy(&c, now + 40 * 24 * 3600);
	ok(!bs_cache_file(&c, &k, "html"),
	   "tidy prunes entries unused for BS_CACHE_KEEP_DAYS");
	bs_cache_put(&c, &k, "html", "x", 1);
	bs_cache_tidy(&c, now + 40 * 24 * 3600 + 60);
	e = bs_cache_file(&c, &k, "html");
	ok(e != NULL, "and runs at most once a day");
	free(e);
	bs_cache_close(&c);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
