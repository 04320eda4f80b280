/* cache.h: the incremental-build cache (SITE/.badgesite-cache/). Outputs
 * are stored under a key that hashes every input they are made from, so
 * a hit is never stale: change any input and the key changes. Each entry
 * is named KEY-SUM.EXT, SUM being bs_sum of its bytes, and a hit is
 * proven by reading the entry and finding that sum again: an entry
 * written to since it was stored (through a published file that is a
 * hard link to it, or directly, whatever its times say) is a miss, and
 * only regular files are ever read or linked (never a symlink). */
#ifndef BS_CACHE_H
#define BS_CACHE_H

#include "base/buf.h"

#include <jansson.h>
#include <stdint.h>
#include <time.h>

/* Entries no build has used for this long are removed (see tidy). */
#define BS_CACHE_KEEP_DAYS 30

typedef struct bs_cache_map bs_cache_map;

typedef struct bs_cache {
	char *dir;	   /* NULL: caching off */
	bs_cache_map *map; /* the sum of each entry, by key and ext (owned) */
} bs_cache;

/* A 128-bit content key, built up piece by piece. */
typedef struct bs_key {
	uint64_t a, b;
} bs_key;

void bs_key_init(bs_key *k);
void bs_key_add(bs_key *k, const void *data, size_t n);
void bs_key_add_str(bs_key *k, const char *s);
/* Add a JSON value: types, strings, numbers and object keys in their
 * order (the order the model built them in, the same on every run). */
void bs_key_add_json(bs_key *k, const json_t *v);
/* Add the bytes of one file (nothing when it cannot be read). */
void bs_key_add_file(bs_key *k, const char *path);

/* The 64-bit sum of n bytes that names and proves a cache entry (XXH64,
 * seed 0): it finds accidental and hand edits, not an adversary who can
 * write to the cache and would choose bytes to match. */
uint64_t bs_sum(const void *data, size_t n);

/* Add the program: its own bytes, and the name, size and modification
 * time of every library it has loaded (an upgraded library may draw or
 * render differently). */
void bs_key_add_program(bs_key *k);

/* Open the cache at root/.badgesite-cache (created when missing) and read
 * the index of its entries (listing the folder when there is none).
 * Caching stays off where the program cannot read itself (no /proc). */
void bs_cache_open(bs_cache *c, const char *root);
/* Write the index of entries (the names this build stored, appended) and
 * free c. */
void bs_cache_close(bs_cache *c);
/* Append the bytes of entry key.ext to out; 1 on a hit. Safe from several
 * threads, like every function below: a hit is an entry that is a
 * regular file holding bytes with the sum it was stored with; any other
 * entry is a miss and is removed. */
int bs_cache_get(const bs_cache *c, const bs_key *k, const char *ext,
		 bs_buf *out);
/* Put entry key.ext at dest (a new file) without copying its bytes where
 * a hard link can be made (a copy where it cannot). 1 when dest is made,
 * and then dest is a regular file with the entry's bytes; 0 on a miss,
 * and no dest. */
int bs_cache_link(const bs_cache *c, const bs_key *k, const char *ext,
		  const char *dest);
/* The file of entry key.ext when it is a regular file, else NULL (its
 * bytes are not checked). Caller frees. */
char *bs_cache_file(const bs_cache *c, const bs_key *k, const char *ext);
/* Store the existing file, which holds exactly the n bytes at data, as
 * entry key.ext without copying it (a hard link), or as a copy where
 * links cannot be made. The file and the entry then share storage, so a
 * later write to either makes the entry a miss. */
void bs_cache_keep(const bs_cache *c, const bs_key *k, const char *ext,
		   const char *file, const void *data, size_t n);
/* Remove the entries whose inode last changed before the time given and
 * that no output holds any more (one link): an entry's change time moves
 * whenever a build links it into an output or a swept output lets go of
 * it, and a file a build leaves in place holds its entry. The index of
 * entries is then made again from the folder (written by
 * bs_cache_close). Returns how many were removed. */
size_t bs_cache_prune(const bs_cache *c, time_t before);
/* At most once a day (by the mtime of .pruned in the cache), prune the
 * entries unused for BS_CACHE_KEEP_DAYS before now, so the cache does
 * not grow without end. */
void bs_cache_tidy(const bs_cache *c, time_t now);
/* Store entry key.ext (written aside, then renamed into place). */
void bs_cache_put(const bs_cache *c, const bs_key *k, const char *ext,
		  const void *data, size_t n);

#endif
