/* ledger.h: permanence. The ledger (content/published.txt) lists every
 * path `badgesite publish` ever published, with a hash of each badge
 * version's frozen fields, and the SHA-256 of every file of the snapshots
 * (content/published/<id>/v<N>/) that keep each published version online
 * byte for byte. The ledger owns its entries and their strings. */
#ifndef BS_LEDGER_H
#define BS_LEDGER_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

#define BS_LEDGER_PATH "content/published.txt"
#define BS_SNAPSHOT_DIR "content/published"

/* Lines of a snapshot file start with this ("content/published/x/v1/
 * badge.png sha256:..."); every other line is a URL path ("/badges/x/"). */
#define BS_LEDGER_SNAP_PREFIX BS_SNAPSHOT_DIR "/"

typedef struct bs_ledger_entry {
	char *path; /* a URL path from the site root ("/badges/x/"), or a
		       snapshot file ("content/published/x/v1/badge.png") */
	char *hash; /* frozen-fields hash of a criteria page, "sha256:<hex>"
		       of a snapshot file, or NULL */
	int line;   /* in the file read, 0 for an entry added since */
} bs_ledger_entry;

typedef struct bs_ledger {
	bs_source src;
	bs_ledger_entry *v; /* sorted by path */
	size_t n, cap;
} bs_ledger;

/* Read the ledger; a missing file is an empty ledger. A line that is
 * neither a URL path nor a snapshot file with its sha256 is an error. */
int bs_ledger_load(bs_ledger *out, const char *root, bs_diags *d);
/* Parse text (len bytes, copied) as the ledger read from path. */
int bs_ledger_parse(bs_ledger *out, const char *path, const char *text,
		    size_t len, bs_diags *d);
/* Is e the line of a snapshot file (not a URL)? */
int bs_ledger_is_snapshot(const bs_ledger_entry *e);
/* Does the ledger record any snapshot file? A ledger written before
 * snapshots were hashed records none; publish adds them. */
int bs_ledger_has_snapshots(const bs_ledger *l);
/* Cross-check the ledger and the snapshots on disk, both ways: every
 * recorded snapshot file is there with its hash; every file of a
 * published version's snapshot is recorded; every published version
 * (a criteria path with a hash) has its snapshot, whose frozen.json has
 * that hash; every recorded snapshot's criteria path keeps its hash.
 * Snapshots of versions the ledger does not record (left by an
 * interrupted publish) are not published and are ignored. Reads only. */
int bs_ledger_verify(const bs_ledger *l, const char *root, bs_diags *d);
const bs_ledger_entry *bs_ledger_find(const bs_ledger *l, const char *path);
/* Add path (keeping the ledger sorted). A hash given replaces the one
 * recorded: call it only for versions validation has matched to the
 * ledger (bs_ledger_hash_matches), so it only brings older hashes up to
 * date. */
void bs_ledger_add(bs_ledger *l, const char *path, const char *hash);
/* Write the ledger whole: a temporary file of a unique name, flushed to
 * disk (fsync), then renamed over the ledger. */
int bs_ledger_write(const bs_ledger *l, const char *root, bs_diags *d);
void bs_ledger_free(bs_ledger *l);

/* The fields a badge version freezes (docs/content-format.md lists them),
 * NULL-terminated. */
extern const char *const bs_ledger_frozen_fields[];
/* A badge version's frozen object: {"format": 2} and each frozen field
 * the front matter fm has, the criteria text body as "narrative" and the
 * issuer id it resolves to as "issuer". Caller json_decrefs. */
json_t *bs_ledger_frozen(const json_t *fm, const char *body,
			 const char *issuer);
/* The frozen fields' hash: "fnv1a64:<16 hex digits>". Caller frees. */
char *bs_ledger_hash(const json_t *frozen);
/* Does the hash a ledger recorded match frozen? A ledger written before
 * format 2 hashed fewer fields: its hash matches when those agree (and
 * the next publish records the full hash). */
int bs_ledger_hash_matches(const char *recorded, const json_t *frozen);
/* Names of the fields that differ between two frozen objects, joined
 * with ", " (caller frees), or NULL when they are the same. When either
 * is from an older snapshot (no "format": 2) only the fields both
 * recorded are compared. */
char *bs_ledger_diff(const json_t *a, const json_t *b);

/* Versions of badge id kept under content/published/<id>/ (v1, v2, ...),
 * ascending; caller frees *out. */
int bs_snapshot_versions(int **out, size_t *n, const char *root,
			 const char *id);
/* Read the frozen.json of a snapshot, or NULL. Caller json_decrefs. */
json_t *bs_snapshot_frozen(const char *root, const char *id, int version);
/* Keep a version being published: copy the four files of out_dir (in the
 * staged site) with frozen.json into a temporary folder, flush them to
 * disk, rename it to content/published/<id>/v<N>/ and add the SHA-256 of
 * each file to l. A snapshot the ledger records is never rewritten; one
 * it does not (an interrupted publish) is replaced, unless published is
 * set (the ledger holds the version's hash: a ledger written before
 * snapshots were hashed), when its files are only recorded as they are. */
int bs_snapshot_write(bs_ledger *l, const char *root, const char *id,
		      int version, const char *out_dir, const json_t *frozen,
		      int published, bs_diags *d);
/* Record the files of every snapshot on disk whose version the ledger
 * holds as published but whose files it does not list (a ledger written
 * before snapshots were hashed), and remove the temporary files and
 * folders of publishes that were killed. */
int bs_snapshot_adopt(bs_ledger *l, const char *root, bs_diags *d);

/* The files a snapshot holds, NULL-terminated. */
extern const char *const bs_snapshot_files[];
/* Files a snapshot holds when the build that published its version made
 * them (achievement.json: OB 3.0, from the first build that wrote it).
 * Added to a recorded snapshot only while its version is the one built;
 * an older version never gains one. NULL-terminated. */
extern const char *const bs_snapshot_optional[];
/* Does the snapshot of version of badge id hold file? */
int bs_snapshot_has(const char *root, const char *id, int version,
		    const char *file);

#endif
