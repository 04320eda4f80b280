/* progress.c: the progress line's drawing thread. */
#include "base/progress.h"

#include "base/alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

struct bs_progress {
	FILE *to;
	double delay;
	pthread_t thread;
	pthread_mutex_t lock; /* guards stop and the wait below */
	pthread_cond_t wake;
	int stop, drawn;
	_Atomic(const char *) what;
	atomic_size_t total, done;
	struct timespec t0;
};

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Wait until stopped or seconds have passed; returns nonzero if stopped. */
static int nap(bs_progress *p, double seconds)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	long ns = (long)(seconds * 1e9);
	until.tv_sec +=
	    ns / 1000000000L + (until.tv_nsec + ns % 1000000000L) / 1000000000L;
	until.tv_nsec = (until.tv_nsec + ns % 1000000000L) % 1000000000L;
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		if (pthread_cond_timedwait(&p->wake, &p->lock, &until) ==
		    ETIMEDOUT)
			break;
	}
	int stop = p->stop;
	pthread_mutex_unlock(&p->lock);
	return stop;
}

static void draw(bs_progress *p)
{
	const char *what = atomic_load(&p->what);
	size_t total = atomic_load(&p->total), done = atomic_load(&p->done);
	if (!what)
		return;
	/* \r and erase-to-end: the line is rewritten in place */
	if (total)
		fprintf(p->to, "\r\033[K%s %zu/%zu (%.0f s)", what,
			done < total ? done : total, total, since(&p->t0));
	else
		fprintf(p->to, "\r\033[K%s (%.0f s)", what, since(&p->t0));
	fflush(p->to);
	p->drawn = 1;
}

static void *run(void *arg)
{
	bs_progress *p = arg;
	if (nap(p, p->delay))
		return NULL;
	do
		draw(p);
	while (!nap(p, 0.2));
	return NULL;
}

bs_progress *bs_progress_start(FILE *to, double delay)
{
	if (!to)
		return NULL;
	bs_progress *p = bs_xcalloc(1, sizeof *p);
	p->to = to;
	p->delay = delay;
	clock_gettime(CLOCK_MONOTONIC, &p->t0);
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		/* progress is a courtesy: without a thread, none is shown */
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	return p;
}

void bs_progress_stage(bs_progress *p, const char *what, size_t total)
{
	if (!p)
		return;
	/* count first: a redraw between the stores shows 0 of the new total */
	atomic_store(&p->done, 0);
	atomic_store(&p->total, total);
	atomic_store(&p->what, what);
}

void bs_progress_add(bs_progress *p, size_t n)
{
	if (p)
		atomic_fetch_add(&p->done, n);
}

void bs_progress_stop(bs_progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	if (p->drawn) {
		fputs("\r\033[K", p->to);
		fflush(p->to);
	}
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
