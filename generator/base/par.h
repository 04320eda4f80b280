/* par.h: running independent jobs on threads, for the stages before
 * rendering (loading files, building views, the lint's drawing). */
#ifndef BS_PAR_H
#define BS_PAR_H

#include "base/diag.h"

#include <stddef.h>

/* One job: it may write only what belongs to item i, and reports into d,
 * which belongs to its thread. thread (below bs_par_threads(jobs)) names
 * the thread, for state a caller keeps per thread. */
typedef void bs_par_job(void *ctx, size_t i, int thread, bs_diags *d);

/* The number of threads for a request of jobs (0: one per core). */
int bs_par_threads(int jobs);

/* The fewest items worth a thread of their own, for jobs of a few
 * microseconds (reading a file, building a view): below that a thread
 * costs more than it saves. Jobs of milliseconds (rendering) take 1. */
#define BS_PAR_GRAIN 16

/* Run job(ctx, i, thread, d) for every i below n on up to jobs threads (0: one
 * per core) and at most one per grain items, the calling thread included,
 * and return when all are done. Each thread's reports are appended to d
 * afterwards; lists are sorted before they are shown, so the order jobs
 * ran in never shows. */
void bs_par_for(size_t n, int jobs, size_t grain, bs_par_job *job, void *ctx,
		bs_diags *d);

/* A lock for what jobs share and fill in as they go (a mutex): made by
 * bs_par_lock_new, freed by bs_par_lock_free (NULL: nothing). */
typedef struct bs_par_lock bs_par_lock;
bs_par_lock *bs_par_lock_new(void);
void bs_par_lock_take(bs_par_lock *l);
void bs_par_lock_give(bs_par_lock *l);
void bs_par_lock_free(bs_par_lock *l);

#endif
