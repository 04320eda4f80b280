/* ledger.h: permanence. The ledger (content/published.txt) lists every
 * path a canonical build ever published, with a hash of each badge
 * version's frozen fields; snapshots (content/published/<id>/v<N>/) keep
 * each published version's files so they stay online byte for byte. */
#ifndef BS_LEDGER_H
#define BS_LEDGER_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

#define BS_LEDGER_PATH "content/published.txt"
#define BS_SNAPSHOT_DIR "content/published"

typedef struct bs_ledger_entry {
	char *path; /* from the site root: "badges/x/", "issuers/a.json" */
	char *hash; /* frozen-fields hash of a criteria page, or NULL */
	int line;
} bs_ledger_entry;

typedef struct bs_ledger {
	bs_source src;
	bs_ledger_entry *v; /* sorted by path */
	size_t n, cap;
} bs_ledger;

/* Read the ledger; a missing file is an empty ledger. */
int bs_ledger_load(bs_ledger *out, const char *root, bs_diags *d);
const bs_ledger_entry *bs_ledger_find(const bs_ledger *l, const char *path);
/* Add path (keeping the ledger sorted). A hash given replaces the one
 * recorded: call it only for versions validation has matched to the
 * ledger (bs_ledger_hash_matches), so it only brings older hashes up to
 * date. */
void bs_ledger_add(bs_ledger *l, const char *path, const char *hash);
/* Write the ledger whole (temporary file, then rename). */
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
/* Keep a published version: copy the four files of out_dir (in the
 * published site) into content/published/<id>/v<N>/ with frozen.json. A
 * snapshot that exists is never rewritten. */
int bs_snapshot_write(const char *root, const char *id, int version,
		      const char *out_dir, const json_t *frozen, bs_diags *d);

/* The files a snapshot holds, NULL-terminated. */
extern const char *const bs_snapshot_files[];

#endif
