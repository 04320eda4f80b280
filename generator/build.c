/* build.c: running the pipeline, with render workers on threads. */
#include "build.h"

#include "alloc.h"
#include "markdown.h"
#include "plan.h"
#include "publish.h"
#include "render.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct worker {
	const bs_site *s;
	const bs_plan *p;
	const bs_stage *st;
	atomic_size_t *next, *done;
	int progress;
	bs_diags d;
	pthread_t thread;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	bs_img_ctx *img = bs_img_ctx_new(w->s->vlang);
	for (;;) {
		size_t i = atomic_fetch_add(w->next, 1);
		if (i >= w->p->n)
			break;
		bs_render_one(w->s, w->p, &w->p->v[i], w->st, img, &w->d);
		size_t done = atomic_fetch_add(w->done, 1) + 1;
		if (w->progress && (done % 64 == 0 || done == w->p->n))
			fprintf(stderr, "\rrendering %zu/%zu", done, w->p->n);
	}
	bs_img_ctx_free(img);
	return NULL;
}

static int render_all(const bs_site *s, const bs_plan *p, const bs_stage *st,
		      int jobs, int progress, bs_diags *d)
{
	for (size_t i = 0; i < p->ndirs; i++)
		if (bs_publish_mkdir(st, p->dirs[i], d))
			return BS_EIO;
	if (jobs <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (int)n : 1;
	}
	if ((size_t)jobs > p->n)
		jobs = p->n ? (int)p->n : 1;
	atomic_size_t next = 0, done = 0;
	worker *w = bs_xcalloc((size_t)jobs, sizeof *w);
	for (int i = 0; i < jobs; i++) {
		w[i].s = s;
		w[i].p = p;
		w[i].st = st;
		w[i].next = &next;
		w[i].done = &done;
		w[i].progress = progress;
	}
	/* the calling thread is worker 0 */
	for (int i = 1; i < jobs; i++)
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0) {
			fprintf(stderr, "badgesite: cannot start a thread\n");
			abort();
		}
	work(&w[0]);
	for (int i = 1; i < jobs; i++)
		pthread_join(w[i].thread, NULL);
	if (progress)
		fputc('\n', stderr);
	for (int i = 0; i < jobs; i++)
		bs_diags_merge(d, &w[i].d);
	free(w);
	return BS_OK;
}

static int outcome(const bs_diags *d, size_t before)
{
	int errors = 0;
	for (size_t i = before; i < d->n; i++)
		errors |= d->v[i].sev == BS_ERROR;
	if (!errors)
		return BS_OK;
	return bs_diags_has_io(d) ? BS_EIO : BS_ECONTENT;
}

int bs_build_run(const bs_build_opts *o, bs_build_stats *stats, bs_diags *d)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t before = d->n;
	bs_md_init();
	bs_site *s = NULL;
	bs_site_load(&s, &o->site, d);
	int rc = outcome(d, before);
	if (rc != BS_EIO && s->site)
		bs_site_validate(s, &o->site, d);
	rc = outcome(d, before);
	if (rc || o->check_only) {
		bs_site_free(s);
		return rc;
	}
	bs_plan plan;
	rc = bs_plan_make(&plan, s, d);
	char *out = o->out ? bs_xstrdup(o->out)
			   : bs_xasprintf("%s/public", o->site.root);
	bs_stage st;
	if (!rc)
		rc = bs_publish_begin(&st, o->site.root, out, d);
	if (!rc) {
		render_all(s, &plan, &st, o->jobs, o->progress, d);
		rc = outcome(d, before);
		if (!rc)
			rc = bs_publish_commit(&st, d);
		if (rc)
			bs_publish_abort(&st);
		else
			bs_publish_free(&st);
	}
	if (stats) {
		memset(stats, 0, sizeof *stats);
		stats->files = plan.n;
		for (size_t i = 0; i < plan.n; i++) {
			size_t n = strlen(plan.v[i].path);
			stats->pages += n >= 5 && !strcmp(plan.v[i].path + n - 5,
							 ".html");
			stats->badges += plan.v[i].kind == BS_OUT_BADGE_IMAGES;
		}
		stats->files += stats->badges; /* svg and png per job */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		stats->seconds = (double)(t1.tv_sec - t0.tv_sec) +
				 (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	}
	free(out);
	bs_plan_free(&plan);
	bs_site_free(s);
	return rc;
}
