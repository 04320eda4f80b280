/* The cache: keys that tell inputs apart, entries stored, linked and
 * kept, and pruning by how long no build has used an entry. */
#include "base/cache.h"
#include "tap.h"

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
	bs_cache_keep(&c, &k, "html", file);
	ok(bs_cache_link(&c, &k, "html", dest), "a kept file is a hit");
	is_str(slurp(dest), "<p>one</p>", "with the same bytes");
	struct stat s1, s2;
	stat(file, &s1);
	stat(dest, &s2);
	ok(s1.st_ino == s2.st_ino, "shared, not copied");
	bs_buf got = BS_BUF_INIT;
	ok(bs_cache_get(&c, &k, "html", &got) && got.len == 10, "get reads it");
	bs_buf_free(&got);
	bs_key other = k;
	bs_key_add_str(&other, "more");
	bs_cache_put(&c, &other, "json", "{}", 2);
	char *e = bs_cache_file(&c, &other, "json");
	ok(e && strcmp(slurp(e), "{}") == 0, "put stores bytes");
	free(e);

	time_t now = time(NULL);
	is_int(bs_cache_prune(&c, now - 3600), 0,
	       "entries used within the hour are kept");
	is_int(bs_cache_prune(&c, now + 3600), 2,
	       "entries unused since the cut-off are removed");
	ok(!bs_cache_link(&c, &k, "html", dest) && access(file, F_OK) == 0,
	   "a pruned entry is a miss; files linked from it stay");
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
