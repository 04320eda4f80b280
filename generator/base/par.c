/* par.c: a parallel for over independent jobs, threads started per call
 * (a few per build: their cost is small beside the work). */
#include "base/par.h"

#include "base/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct runner {
	bs_par_job *job;
	void *ctx;
	size_t n;
	atomic_size_t *next;
	int index; /* the job's "thread" */
	bs_diags d;
	pthread_t thread;
} runner;

static void *run(void *arg)
{
	runner *r = arg;
	for (;;) {
		size_t i = atomic_fetch_add(r->next, 1);
		if (i >= r->n)
			break;
		r->job(r->ctx, i, r->index, &r->d);
	}
	return NULL;
}

int bs_par_threads(int jobs)
{
	if (jobs > 0)
		return jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

void bs_par_for(size_t n, int jobs, size_t grain, bs_par_job *job, void *ctx,
		bs_diags *d)
{
	int t = bs_par_threads(jobs);
	if ((size_t)t > n / (grain ? grain : 1))
		t = (int)(n / (grain ? grain : 1));
	if (t <= 1) {
		for (size_t i = 0; i < n; i++)
			job(ctx, i, 0, d);
		return;
	}
	atomic_size_t next = 0;
	runner *r = bs_xcalloc((size_t)t, sizeof *r);
	for (int i = 0; i < t; i++) {
		r[i].job = job;
		r[i].ctx = ctx;
		r[i].n = n;
		r[i].next = &next;
		r[i].index = i;
	}
	for (int i = 1; i < t; i++)
		if (pthread_create(&r[i].thread, NULL, run, &r[i]) != 0) {
			fprintf(stderr, "badgesite: cannot start a thread\n");
			abort();
		}
	run(&r[0]);
	for (int i = 1; i < t; i++)
		pthread_join(r[i].thread, NULL);
	for (int i = 0; i < t; i++)
		bs_diags_merge(d, &r[i].d);
	free(r);
}

struct bs_par_lock {
	pthread_mutex_t m;
};

bs_par_lock *bs_par_lock_new(void)
{
	bs_par_lock *l = bs_xcalloc(1, sizeof *l);
	pthread_mutex_init(&l->m, NULL);
	return l;
}

void bs_par_lock_take(bs_par_lock *l) { pthread_mutex_lock(&l->m); }

void bs_par_lock_give(bs_par_lock *l) { pthread_mutex_unlock(&l->m); }

void bs_par_lock_free(bs_par_lock *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->m);
	free(l);
}
