/* build.h: one whole build or check: load, validate, plan, render (in
 * parallel) and publish, with every problem in one diagnostics list. */
#ifndef BS_BUILD_H
#define BS_BUILD_H

#include "model.h"

typedef struct bs_build_opts {
	bs_options site;
	const char *out; /* NULL: SITE/public */
	int jobs;	 /* 0: one per core */
	int check_only;	 /* validate and stop; write nothing */
	int progress;	 /* show progress on stderr */
	int no_cache;	 /* ignore and leave SITE/.badgesite-cache */
} bs_build_opts;

typedef struct bs_build_stats {
	size_t pages, badges, files;
	double seconds;
} bs_build_stats;

/* Returns BS_OK, BS_ECONTENT, BS_EUSAGE or BS_EIO; diagnostics in d
 * (unsorted). stats may be NULL. */
int bs_build_run(const bs_build_opts *o, bs_build_stats *stats, bs_diags *d);

#endif
