/* build.h: one whole build or check: load, validate, plan, render (in
 * parallel) and publish, with every problem in one diagnostics list. */
#ifndef BS_BUILD_H
#define BS_BUILD_H

#include "base/buf.h"
#include "model/model.h"

#include <stdio.h>

typedef struct bs_build_opts {
	bs_options site;
	const char *out; /* NULL: SITE/public */
	int jobs;	 /* 0: one per core */
	int check_only;	 /* validate, check the ledger and stop; write
			    nothing */
	int publish;	 /* record the ledger and the snapshots before the
			    swap (badgesite publish); needs the canonical
			    base_url and no drafts */
	FILE *progress;	 /* where to show progress (a terminal), or NULL */
	double progress_delay; /* seconds of work before it shows */
	int no_cache;	       /* ignore and leave SITE/.badgesite-cache */
	/* with check_only: a site that checks clean lists its awards here
	   (bs_awardview_list; badgesite awards) */
	bs_buf *awards_list;
	/* when set, called once the new OUT is in place, before the model is
	   freed and the old OUT removed (what badgesite serve waits for) */
	void (*swapped)(void *arg);
	void *swapped_arg;
} bs_build_opts;

/* Stages in pipeline order, timed for --timings and the bench. */
enum { BS_T_LOAD, BS_T_VALIDATE, BS_T_PLAN, BS_T_RENDER, BS_T_PUBLISH, BS_T_N };

typedef struct bs_build_stats {
	size_t pages, badges, files;
	size_t reused; /* outputs taken from the cache */
	double seconds;
	double stage[BS_T_N]; /* wall seconds per stage */
} bs_build_stats;

/* The name of stage i ("load", "validate", ...). */
const char *bs_build_stage_name(int i);

/* Returns BS_OK, BS_ECONTENT, BS_EUSAGE or BS_EIO; diagnostics in d
 * (unsorted). stats may be NULL. */
int bs_build_run(const bs_build_opts *o, bs_build_stats *stats, bs_diags *d);

#endif
