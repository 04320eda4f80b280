/* publish.h: the publish stage: a build writes into a staging folder
 * beside OUT and swaps it in only when everything succeeded, so a failed
 * build leaves the last good site as it was. The site the swap moves
 * aside is kept beside OUT (".OUT.prev") with a record of its files
 * (manifest.h), and the next build starts from it: files whose key and
 * whose lstat are unchanged stay where they are, the rest are written
 * again, and files no output makes any more are removed. */
#ifndef BS_PUBLISH_H
#define BS_PUBLISH_H

#include "base/cache.h"
#include "base/diag.h"
#include "site/manifest.h"

#include <pthread.h>

typedef struct bs_stage {
	char *out;	   /* absolute OUT */
	char *tmp;	   /* the staging folder, beside OUT */
	char *old;	   /* where the previous OUT goes during the swap */
	char *prev;	   /* the site before OUT, kept for the next build */
	char *gone;	   /* where what is removed goes first (discard) */
	char *trees;	   /* the trees' records; NULL: start from nothing */
	bs_manifest *was;  /* the record of the tree the stage began as */
	bs_manifest *made; /* what this build made, under lock */
	pthread_mutex_t *lock;
	int fd;		   /* the stage, open */
	int swept;	   /* nothing (left) to remove at old */
	int publish;	   /* set by the caller: this is badgesite publish */
	int was_published; /* the OUT it replaces was written by publish */
} bs_stage;

/* Take the lock of the site at site_root (SITE/.badgesite-cache/lock, or
 * beside OUT when the site cannot be written), so builds and publishes of
 * one site run one at a time; *fd is the lock, released by
 * bs_publish_unlock. When another build holds it: with wait, wait for
 * it; without, return 1 with its PID in *other (and *fd -1). BS_EIO when
 * the lock cannot be taken. */
int bs_publish_lock(int *fd, long *other, const char *site_root,
		    const char *out, int wait, bs_diags *d);
/* Release a lock taken by bs_publish_lock (fd -1: none). */
void bs_publish_unlock(int fd);

/* Check OUT (it must not hold the site or sit inside its content, layouts
 * or assets; a non-empty OUT that badgesite did not create is refused) and
 * create the staging folder. Staging and old folders that builds no
 * longer running left beside OUT are removed first (and an old site put
 * back as OUT when a killed swap left none). With trees (the folder of
 * the trees' records), the stage begins as the previous site when
 * badgesite wrote it, it has a whole record and this build may write to
 * it; what was written into its folders since the record is removed.
 * Without, it begins empty and no previous site is kept. BS_EUSAGE for a
 * refused OUT, BS_EIO for I/O. */
int bs_publish_begin(bs_stage *st, const char *site_root, const char *out,
		     const char *trees, bs_diags *d);
/* Create folder rel inside the stage (its parent must exist); a file in
 * its way is removed. */
int bs_publish_mkdir(const bs_stage *st, const char *rel, bs_diags *d);
/* Put cache entry key.ext at rel (bs_cache_link): 1 when it is there,
 * left in place from an earlier build (its key and lstat as recorded) or
 * linked now; 0 on a miss. Safe from several threads, each rel asked by
 * one. */
int bs_publish_link(const bs_stage *st, const bs_cache *c, const char *rel,
		    const bs_key *key, const char *ext);
/* Write one file of the stage, whole, as a new file (never through a
 * name the previous site shares with OUT or the cache); key.ext is what
 * made it, key NULL for a file made every build. Safe from several
 * threads. */
int bs_publish_write(const bs_stage *st, const char *rel, const void *data,
		     size_t len, const bs_key *key, const char *ext,
		     bs_diags *d);
/* Where rel is in the stage, for handing a written file on (caller
 * frees). */
char *bs_publish_path(const bs_stage *st, const char *rel);
/* Swap the stage in as OUT: in one step where the system can exchange
 * two folders (renameat2 RENAME_EXCHANGE on Linux), else with two
 * renames. Before it, files of the previous site this build did not make
 * are removed and the stage's record written. The previous OUT is left
 * beside it, out of the way, until bs_publish_sweep or bs_publish_free
 * keeps it as the next build's start (or removes it). */
int bs_publish_commit(bs_stage *st, bs_diags *d);
/* Keep the previous OUT, moved aside by the commit, as the next build's
 * start when it has a record, else remove it. It touches nothing else,
 * so it may run on a thread of its own while the caller goes on. */
void bs_publish_sweep(bs_stage *st);
/* Remove the stage (after a failure) and free st. */
void bs_publish_abort(bs_stage *st);
/* Sweep (when not done yet) and free st. */
void bs_publish_free(bs_stage *st);

/* Remove a folder tree; 0 on success. */
int bs_publish_rmtree(const char *path);

#endif
