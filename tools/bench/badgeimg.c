/* badgeimg.c: `make bench` times a site's badge images the way a build
 * makes them, apart from the rest of the build: for every badge drawn
 * from the spec, its SVG (bs_svg_draw), its 600 px PNG (bs_png_from_svg:
 * rasterised and encoded) and, apart, its social card (the SVG drawn
 * again and bs_card_png, as site/render.c does). Prints the CPU time of
 * the thread per badge (one thread, the best of three runs of each badge)
 * and the wall time per badge of all badges on every core (the best of
 * three rounds), each image with no text chunks.
 *
 *   badgeimg SITE [JOBS]
 */
#include "base/alloc.h"
#include "base/par.h"
#include "images/card.h"
#include "images/png.h"
#include "images/svg.h"
#include "model/model.h"
#include "views/view.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_s(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct run {
	const bs_site *s;
	const bs_badge **b;
	bs_img_ctx **ctx; /* per thread, made on first use */
	int cards;	  /* 0: SVG and PNG; 1: the card */
} run;

/* The SVG of b, or its PNG, or its card, into out (as render.c does). */
static int badge_svg(bs_buf *svg, const run *r, const bs_badge *b,
		     bs_img_ctx *c, bs_diags *d)
{
	char *alt = NULL;
	int rc = bs_svg_draw(svg, &alt, c, r->s->vlang, bs_view_facts(b, 0),
			     d);
	free(alt);
	return rc;
}

static void card(bs_buf *png, const run *r, const bs_badge *b, bs_img_ctx *c,
		 bs_diags *d)
{
	bs_buf svg = BS_BUF_INIT;
	badge_svg(&svg, r, b, c, d);
	const json_t *v = bs_view_badge(b, 0);
	bs_card cd = {svg.ptr,
		      svg.len,
		      bs_view_str(v, "name"),
		      bs_view_str(json_object_get(v, "issuer"), "name"),
		      bs_view_str(r->s->site_view, "title"),
		      bs_view_str(bs_view_facts(b, 0), "language")};
	bs_card_png(png, c, &cd, NULL, d);
	bs_buf_free(&svg);
}

static void job(void *ctx, size_t i, int thread, bs_diags *d)
{
	run *r = ctx;
	if (!r->ctx[thread])
		r->ctx[thread] = bs_img_ctx_new(r->s->vlang);
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT;
	if (r->cards) {
		card(&png, r, r->b[i], r->ctx[thread], d);
	} else if (badge_svg(&svg, r, r->b[i], r->ctx[thread], d) == BS_OK) {
		bs_png_from_svg(&png, svg.ptr, svg.len, 600, NULL, d);
	}
	bs_buf_free(&svg);
	bs_buf_free(&png);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: badgeimg SITE [JOBS]\n");
		return 2;
	}
	/* as main.c: memory kept in the process, as in a build */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	int jobs = argc > 2 ? atoi(argv[2]) : 0;
	bs_options so = {argv[1], "http://bench.example/", 0, jobs,
			 NULL,	  NULL,			   NULL};
	bs_diags d = BS_DIAGS_INIT;
	bs_site *s = NULL;
	if (bs_site_load(&s, &so, &d) != BS_OK ||
	    bs_site_validate(s, &so, &d) != BS_OK) {
		fprintf(stderr, "badgeimg: %s does not build\n", argv[1]);
		return 1;
	}
	bs_view_build(s);
	run r = {s, bs_xcalloc(s->nbadges + 1, sizeof *r.b),
		 bs_xcalloc((size_t)bs_par_threads(jobs), sizeof *r.ctx), 0};
	size_t n = 0;
	for (size_t i = 0; i < s->nbadges; i++)
		if (!s->badges[i].skip &&
		    !bs_view_str(s->badges[i].fm.data, "image"))
			r.b[n++] = &s->badges[i];
	/* one thread: each step of each badge, the best of three */
	double t[3] = {0}, size[2] = {0};
	r.ctx[0] = bs_img_ctx_new(s->vlang);
	for (size_t i = 0; i < n; i++) {
		double best[3] = {1e9, 1e9, 1e9};
		for (int k = 0; k < 3; k++) {
			bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT,
			       cpng = BS_BUF_INIT;
			double t0 = clock_s(CLOCK_THREAD_CPUTIME_ID);
			badge_svg(&svg, &r, r.b[i], r.ctx[0], &d);
			double t1 = clock_s(CLOCK_THREAD_CPUTIME_ID);
			bs_png_from_svg(&png, svg.ptr, svg.len, 600, NULL,
					&d);
			double t2 = clock_s(CLOCK_THREAD_CPUTIME_ID);
			card(&cpng, &r, r.b[i], r.ctx[0], &d);
			double t3 = clock_s(CLOCK_THREAD_CPUTIME_ID),
			       dt[3] = {t1 - t0, t2 - t1, t3 - t2};
			for (int j = 0; j < 3; j++)
				best[j] = dt[j] < best[j] ? dt[j] : best[j];
			if (k == 0)
				size[0] += (double)png.len,
				    size[1] += (double)cpng.len;
			bs_buf_free(&svg);
			bs_buf_free(&png);
			bs_buf_free(&cpng);
		}
		for (int j = 0; j < 3; j++)
			t[j] += best[j];
	}
	/* every core: all badges, the best of three rounds */
	double wall[2] = {1e9, 1e9};
	for (int c = 0; c < 2; c++) {
		r.cards = c;
		for (int k = 0; k < 3; k++) {
			double t0 = clock_s(CLOCK_MONOTONIC);
			bs_par_for(n, jobs, 1, job, &r, &d);
			double dt = clock_s(CLOCK_MONOTONIC) - t0;
			wall[c] = dt < wall[c] ? dt : wall[c];
		}
	}
	double k = 1e3 / (double)(n ? n : 1);
	printf("  badge SVG, drawn from the spec           %6.2f ms/badge "
	       "(CPU, one thread)\n",
	       k * t[0]);
	printf("  badge PNG, 600 px, rasterised + encoded  %6.2f ms/badge "
	       "(CPU, one thread) %6.1f KB\n",
	       k * t[1], size[0] / 1024 / (double)(n ? n : 1));
	printf("  badge SVG + PNG                          %6.2f ms/badge "
	       "(CPU, one thread)\n",
	       k * (t[0] + t[1]));
	printf("  badge SVG + PNG, %d threads               %6.2f ms/badge "
	       "(wall)\n",
	       bs_par_threads(jobs), k * wall[0]);
	printf("  social card, SVG drawn again + PNG       %6.2f ms/badge "
	       "(CPU, one thread) %6.1f KB\n",
	       k * t[2], size[1] / 1024 / (double)(n ? n : 1));
	printf("  social card, %d threads                   %6.2f ms/badge "
	       "(wall)\n",
	       bs_par_threads(jobs), k * wall[1]);
	for (int i = 0; i < bs_par_threads(jobs); i++)
		if (r.ctx[i])
			bs_img_ctx_free(r.ctx[i]);
	free(r.ctx);
	free(r.b);
	bs_site_free(s);
	bs_diags_free(&d);
	return 0;
}
