/* manifest.h: the record of an output tree a build wrote: each file's key
 * and what lstat said of it when it was written, each folder's mtime, so
 * the next build can bring the tree up to date in place. Kept in
 * SITE/.badgesite-cache/trees/, one file per tree, named by the tree's
 * device and inode (a rename keeps them). */
#ifndef BS_MANIFEST_H
#define BS_MANIFEST_H

#include "base/buf.h"
#include "base/cache.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

typedef struct bs_mfile {
	char *rel;  /* path in the tree, "" for its root (owned) */
	bs_key key; /* what made a file: zero for one made every build */
	uint64_t ino, size;
	int64_t mtime;	   /* ns since the epoch */
	unsigned mode;	   /* permission bits (07777) */
	unsigned char dir; /* a folder */
	/* set by the build that starts from the tree (each by the one job
	 * that makes rel, but touched, which any job may set) */
	unsigned char seen;    /* made by this build too */
	unsigned char kept;    /* a file left as it was */
	unsigned char there;   /* a folder found in place at the start */
	unsigned char touched; /* a folder whose entries changed */
} bs_mfile;

/* A record: read (bs_manifest_read) and looked up by rel
 * (bs_manifest_find), or a plain list (bs_manifest_append), never both. */
typedef struct bs_manifest {
	bs_mfile *v;
	size_t n, cap;
	uint64_t *slot; /* by hash of rel: index + 1, 0 empty (manifest.c) */
	size_t mask;
	/* files and folders changed at or after this time (ns) may have
	 * changed in the same clock tick as the record: not trusted */
	int64_t written;
} bs_manifest;

void bs_manifest_init(bs_manifest *m);
void bs_manifest_free(bs_manifest *m);

/* Append the entry of rel to a list, with what sb says; key NULL for a
 * folder or a file made every build. Not safe from several threads. */
void bs_manifest_append(bs_manifest *m, const char *rel, const bs_key *key,
			const struct stat *sb);
/* Set e from what sb says (the kind stays). */
void bs_manifest_set(bs_mfile *e, const struct stat *sb);
/* The entry of rel, or NULL. Borrowed while m lives. */
bs_mfile *bs_manifest_find(const bs_manifest *m, const char *rel);
/* Is the thing at sb still what e recorded (same kind, inode, size,
 * permissions and mtime, written before the record was)? */
int bs_manifest_same(const bs_manifest *m, const bs_mfile *e,
		     const struct stat *sb);

/* Read the record of the tree at path from the folder dir: 0 when there
 * is one, whole (its last line the tree's root) and naming only safe
 * paths; -1 when not (m then empty). */
int bs_manifest_read(bs_manifest *m, const char *dir, const char *tree);
/* A record being written, line by line, aside from its name. */
typedef struct bs_mwriter {
	int fd;	   /* -1 once anything failed */
	char *tmp; /* the file written (owned) */
	char *path;
	bs_buf buf; /* lines not yet written */
} bs_mwriter;

/* Start the record of the tree at path in the folder dir. */
void bs_manifest_begin(bs_mwriter *w, const char *dir, const char *tree);
/* Add e's line (a name a line cannot hold fails the record). */
void bs_manifest_put(bs_mwriter *w, const bs_mfile *e);
/* Put the record in place when whole (the caller has put every line):
 * 0, or -1 when not whole or any step failed, and then no record of the
 * tree is left, not even an old one. Frees w. */
int bs_manifest_end(bs_mwriter *w, int whole);
/* Remove the record of the tree at path, if any. */
void bs_manifest_forget(const char *dir, const char *tree);
/* Is there a record of the tree at path? */
int bs_manifest_exists(const char *dir, const char *tree);
/* Remove the records written before the time given (their trees are
 * gone, or have not been built since: the next build of one starts it
 * anew), and records killed builds left half written an hour before
 * now. */
void bs_manifest_tidy(const char *dir, time_t now, time_t before);

#endif
