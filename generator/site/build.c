/* build.c: running the pipeline, with render workers on threads. */
#include "site/build.h"

#include "model/awards.h"
#include "model/ledger.h"
#include "model/scaffold.h"

#include "base/alloc.h"
#include "base/par.h"
#include "base/progress.h"
#include "base/url.h"
#include "images/lint.h"
#include "pages/markdown.h"
#include "site/creds.h"
#include "site/publish.h"
#include "site/render.h"
#include "views/awardview.h"
#include "views/badgeview.h"
#include "views/links.h"
#include "views/plan.h"
#include "views/view.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The render stage: every planned output, on threads. */
typedef struct renderer {
	const bs_site *s;
	const bs_plan *p;
	const bs_stage *st;
	bs_img_ctx **img; /* one per thread, made on first use */
	size_t *reused;	  /* per thread: files taken from the cache */
	bs_progress *progress;
	const size_t *idx; /* the outputs of this pass */
} renderer;

static void render_job(void *arg, size_t i, int thread, bs_diags *d)
{
	renderer *r = arg;
	if (!r->img[thread])
		r->img[thread] = bs_img_ctx_new(r->s->vlang);
	size_t files;
	bs_render_one(&files, r->s, r->p, &r->p->v[r->idx[i]], r->st,
		      r->img[thread], d);
	r->reused[thread] += files;
	bs_progress_add(r->progress, 1);
}

/* The folders of one depth, made on threads. */
typedef struct mkdirs {
	const bs_stage *st;
	char **dirs;
	const size_t *idx;
} mkdirs;

static void mkdir_job(void *arg, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	mkdirs *m = arg;
	bs_publish_mkdir(m->st, m->dirs[m->idx[i]], d);
}

/* Every planned folder, a depth at a time (parents before children),
 * each depth spread over the threads: a fresh stage of 10,000 pages
 * makes 10,000 folders. */
static int make_dirs(const bs_plan *p, const bs_stage *st, int jobs,
		     bs_diags *d)
{
	size_t *idx = bs_xcalloc(p->ndirs + 1, sizeof *idx);
	size_t errors = bs_diags_count(d, BS_ERROR);
	for (size_t depth = 1, left = p->ndirs; left; depth++) {
		size_t n = 0;
		for (size_t i = 0; i < p->ndirs; i++) {
			size_t k = 1;
			for (const char *c = p->dirs[i]; *c; c++)
				k += *c == '/';
			if (k == depth)
				idx[n++] = i;
		}
		mkdirs m = {st, p->dirs, idx};
		bs_par_for(n, jobs, 64, mkdir_job, &m, d);
		left -= n;
	}
	free(idx);
	return bs_diags_count(d, BS_ERROR) > errors ? BS_EIO : BS_OK;
}

static int render_all(size_t *reused, const bs_site *s, bs_plan *p,
		      const bs_stage *st, int jobs, bs_progress *progress,
		      bs_diags *d)
{
	if (make_dirs(p, st, jobs, d))
		return BS_EIO;
	int threads = bs_par_threads(jobs);
	renderer r = {s, p, st, NULL, NULL, progress, NULL};
	bs_progress_stage(progress, "rendering", p->n);
	r.img = bs_xcalloc((size_t)threads, sizeof *r.img);
	r.reused = bs_xcalloc((size_t)threads, sizeof *r.reused);
	/* two passes: an award's baked images are made from its badge's
	 * images as the first pass wrote them */
	size_t *idx = bs_xcalloc(p->n + 1, sizeof *idx), n1 = 0, n2 = p->n;
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].kind == BS_OUT_AWARD_IMAGES ||
		    p->v[i].kind == BS_OUT_AWARD_CREDENTIAL)
			idx[--n2] = i;
		else
			idx[n1++] = i;
	/* an output takes milliseconds: one is worth a thread */
	r.idx = idx;
	bs_par_for(n1, jobs, 1, render_job, &r, d);
	r.idx = idx + n1;
	if (n1 < p->n && !bs_diags_count(d, BS_ERROR) &&
	    bs_render_award_sources(p, s, st, d) == BS_OK)
		bs_par_for(p->n - n1, jobs, 1, render_job, &r, d);
	free(idx);
	*reused = 0;
	for (int i = 0; i < threads; i++) {
		*reused += r.reused[i];
		if (r.img[i])
			bs_img_ctx_free(r.img[i]);
	}
	free(r.img);
	free(r.reused);
	return BS_OK;
}

/* The permanent form of an output's path ("/badges/x/"), or NULL for
 * outputs that may come and go (assets, facet pages, sitemap, 404,
 * social cards).
 * second is set for the PNG drawn with an SVG. Caller frees both. */
static char *ledger_path2(const bs_output *o, char **second)
{
	*second = NULL;
	const char *p = o->path;
	if (o->kind == BS_OUT_COPY && strncmp(p, "assets/", 7) == 0)
		return NULL;
	if (o->kind == BS_OUT_SITEMAP || o->kind == BS_OUT_ROBOTS ||
	    o->kind == BS_OUT_404 || o->kind == BS_OUT_REDIRECTS ||
	    o->kind == BS_OUT_HOST_HEADERS || o->kind == BS_OUT_HOST_NGINX ||
	    o->kind == BS_OUT_HOST_APACHE || o->kind == BS_OUT_CARD ||
	    o->kind == BS_OUT_SITE_CARD || strstr(p, "badges/by-") == p ||
	    (o->lang && o->kind == BS_OUT_CATALOGUE &&
	     strstr(p, "/badges/by-")))
		return NULL;
	size_t n = strlen(p);
	if (o->kind == BS_OUT_BADGE_IMAGES || o->kind == BS_OUT_AWARD_IMAGES)
		*second = bs_xasprintf("/%.*sbadge.png", (int)(n - 9), p);
	if (n >= 10 && strcmp(p + n - 10, "index.html") == 0)
		return bs_xasprintf("/%.*s", (int)(n - 10), p);
	return bs_xasprintf("/%s", p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the ledger's path one only a build given the signing key makes
 * (the DID document, a credential, a status list)? */
static int signed_path(const char *path)
{
	size_t n = strlen(path);
	const char *cred = ".credential.json";
	size_t cn = strlen(cred);
	if (!strcmp(path, "/did.json") ||
	    !strcmp(path, "/.well-known/did.json"))
		return 1;
	if (strncmp(path, "/awards/", 8) != 0)
		return 0;
	return !strncmp(path, "/awards/status/", 15) ||
	       (n > cn && !strcmp(path + n - cn, cred));
}

/* Every path an earlier canonical build published must still be there.
 * What only signing makes is left out of a preview without the key (it
 * still builds), but a publish (or check of the site as published)
 * without it would drop them: an error, once. */
static void check_ledger(const bs_site *s, const bs_plan *p, int publishing,
			 bs_diags *d)
{
	size_t unsigned_n = 0;
	const bs_ledger_entry *unsigned_first = NULL;
	if (!s->ledger.n)
		return;
	char **now = bs_xcalloc(2 * p->n + 1, sizeof *now);
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++) {
		char *two;
		if ((now[n] = ledger_path2(&p->v[i], &two)))
			n++;
		if (two)
			now[n++] = two;
	}
	qsort(now, n, sizeof *now, cmp_str);
	for (size_t i = 0; i < s->ledger.n; i++) {
		const bs_ledger_entry *e = &s->ledger.v[i];
		const char *key = e->path;
		if (bs_ledger_is_snapshot(e))
			continue; /* bs_ledger_verify's */
		if (n && bsearch(&key, now, n, sizeof *now, cmp_str))
			continue;
		if (!p->signer && signed_path(e->path)) {
			if (!unsigned_n++)
				unsigned_first = e;
			continue;
		}
		/* a badge's or an award's URLs sort together: one report
		 * for all that a gone badge or award would drop */
		size_t idn = 0, more = 0;
		int last = e->line;
		const char *kind =
		    strncmp(e->path, "/badges/", 8) == 0   ? "badge"
		    : strncmp(e->path, "/awards/", 8) == 0 ? "award"
							   : NULL;
		if (kind) {
			idn = strcspn(e->path + 8, *kind == 'b' ? "/" : "/.");
			while (i + 1 < s->ledger.n) {
				const bs_ledger_entry *f = &s->ledger.v[i + 1];
				key = f->path;
				if (bs_ledger_is_snapshot(f) ||
				    (!p->signer && signed_path(f->path)) ||
				    strncmp(f->path, e->path, 8 + idn) ||
				    strcspn(f->path + 8,
					    *kind == 'b' ? "/" : "/.") != idn ||
				    (n && bsearch(&key, now, n, sizeof *now,
						  cmp_str)))
					break;
				more++;
				last = f->line;
				i++;
			}
		}
		if (more)
			bs_diag_at(d, BS_ERROR, &s->ledger.src, e->line, 1,
				   "this build would drop the published URL "
				   "%s and %zu more of %s %.*s (to line %d)",
				   e->path, more, kind, (int)idn, e->path + 8,
				   last);
		else
			bs_diag_at(d, BS_ERROR, &s->ledger.src, e->line, 1,
				   "this build would drop the published URL %s",
				   e->path);
		if (kind && *kind == 'b') {
			bs_diag_hint(d,
				     "badge '%.*s' is gone: restore "
				     "content/badges/%.*s.md, or keep it "
				     "with \"status\": \"retired\" so its "
				     "URLs stay",
				     (int)idn, e->path + 8, (int)idn,
				     e->path + 8);
		} else if (kind) {
			bs_diag_hint(d,
				     "award %.*s is gone: restore its row in "
				     "its batch under content/awards/; an "
				     "award is never removed, only revoked "
				     "(content/awards/revoked.csv)",
				     (int)idn, e->path + 8);
		} else {
			bs_diag_hint(d, "published URLs stay: restore what "
					"made it");
		}
	}
	for (size_t i = 0; i < n; i++)
		free(now[i]);
	free(now);
	if (!unsigned_n || !publishing)
		return;
	bs_diag_at(d, BS_ERROR, &s->ledger.src, unsigned_first->line, 1,
		   "this site published signed credentials: publishing "
		   "without the signing key would drop %s%s",
		   unsigned_first->path,
		   unsigned_n > 1 ? " and the other signed files" : "");
	bs_diag_hint(d,
		     "give the key the site signs with: --key FILE or %s "
		     "(`badgesite build` previews without it)",
		     BS_SIGNING_KEY_ENV);
}

/* badgesite publish, before the swap: keep each badge version's files
 * from the stage and record every published path and snapshot file. */
static int record(bs_site *s, const bs_plan *p, const char *stage, bs_diags *d)
{
	int rc = bs_snapshot_adopt(&s->ledger, s->root, d);
	for (size_t i = 0; i < s->nbadges && !rc; i++) {
		const bs_badge *b = &s->badges[i];
		if (b->skip || !b->dir)
			continue;
		char *lp = bs_xasprintf("/%s", b->dir);
		const bs_ledger_entry *e = bs_ledger_find(&s->ledger, lp);
		char *dir = bs_xasprintf("%s/%s", stage, b->dir);
		json_t *frozen = bs_badge_frozen(b);
		rc = bs_snapshot_write(&s->ledger, s->root, b->id, b->version,
				       dir, frozen, e && e->hash, d);
		json_decref(frozen);
		free(dir);
		bs_ledger_add(&s->ledger, lp, b->hash);
		free(lp);
	}
	/* an award's page carries what it froze and its badge version; its
	 * credential its index in the status list, kept for good */
	for (size_t i = 0; s->awards && i < s->awards->n; i++) {
		const bs_award *a = &s->awards->v[i];
		char *lp = bs_xasprintf("/awards/%s/", a->id);
		bs_ledger_add(&s->ledger, lp, a->hash);
		free(lp);
		if (!p->signer || a->status < 0)
			continue;
		lp = bs_xasprintf("/awards/%s.credential.json", a->id);
		char *st =
		    bs_xasprintf("%s%ld", BS_AWARDS_STATUS_TAG, a->status);
		bs_ledger_add(&s->ledger, lp, st);
		free(st);
		free(lp);
	}
	for (size_t i = 0; i < p->n; i++) {
		char *two;
		char *lp = ledger_path2(&p->v[i], &two);
		if (lp)
			bs_ledger_add(&s->ledger, lp, NULL);
		if (two)
			bs_ledger_add(&s->ledger, two, NULL);
		free(lp);
		free(two);
	}
	if (!rc)
		rc = bs_ledger_write(&s->ledger, s->root, d);
	return rc;
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

typedef struct sweeper_job {
	bs_stage *st;
	const bs_cache *cache;
} sweeper_job;

/* Cleaning up after a build: the old site kept for the next build (or
 * removed), and the cache once a day. */
static void *sweep(void *arg)
{
	sweeper_job *j = arg;
	time_t t = time(NULL);
	bs_publish_sweep(j->st);
	bs_cache_tidy(j->cache, t);
	if (j->st->trees)
		bs_manifest_tidy(j->st->trees, t,
				 t - BS_CACHE_KEEP_DAYS * 24 * 3600);
	return NULL;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* After validation: the views every output reads, then the visual
 * language over them (every badge drawable, and the lint). From here on
 * the model is read-only. */
static void prepare(bs_site *s, const bs_options *so, bs_diags *d)
{
	bs_view_build(s);
	size_t cap = s->nbadges + 1, capp = cap;
	const json_t **facts = bs_xcalloc(cap, sizeof *facts);
	const char **paths = bs_xcalloc(capp, sizeof *paths);
	size_t n = 0;
	for (size_t i = 0; i < s->nbadges; i++)
		if (!s->badges[i].skip) {
			facts[n] = s->badges[i].facts;
			paths[n++] = s->badges[i].src.path;
		}
	/* the lint's measurements are kept under the spec and the program */
	bs_key base;
	bs_key_init(&base);
	bs_key_add_str(&base, "lint");
	bs_key_add(&base, &s->vlang->key, sizeof s->vlang->key);
	bs_key_add(&base, &s->program, sizeof s->program);
	bs_lint_run(s->vlang, facts, paths, n, s->jobs, so->cache, &base, d);
	/* each language edition drawn apart from the default: its words,
	 * reported at its translation */
	n = 0;
	for (size_t li = 1; li < s->nlangs; li++)
		for (size_t i = 0; i < s->nbadges; i++) {
			const bs_badge *b = &s->badges[i];
			if (b->skip || !b->ed || !b->ed[li].own_images ||
			    !b->ed[li].facts)
				continue;
			bs_xgrow((void **)&facts, &cap, n + 1, sizeof *facts);
			bs_xgrow((void **)&paths, &capp, n + 1, sizeof *paths);
			facts[n] = b->ed[li].facts;
			paths[n++] =
			    b->ed[li].tr ? b->ed[li].tr->src.path : b->src.path;
		}
	if (n) {
		bs_key_add_str(&base, "editions");
		bs_lint_words(s->vlang, facts, paths, n, s->jobs, so->cache,
			      &base, d);
	}
	free(facts);
	free(paths);
	/* from here on each output makes the facts it reads */
	bs_badgeview_drop_facts(s);
}

/* Publishing makes URLs permanent: not at the address `new site` left
 * as a placeholder. */
static void placeholder(const bs_site *s, bs_diags *d)
{
	int kl = 0, kc = 0, vl = 0, vc = 0;
	bs_jpos_member(s->site_pos, s->site, "base_url", &kl, &kc, &vl, &vc);
	bs_diag_at(d, BS_ERROR, &s->site_src, vl ? vl : 1, vc ? vc : 1,
		   "base_url %s is a placeholder: what is published there "
		   "is meant to stay for good",
		   s->base_url);
	bs_diag_hint(d, "set base_url to the address the site will live "
			"at, then publish; `badgesite build` previews it "
			"anywhere");
}

/* The signer of a build given a key; without one, a site with awards
 * gets no signed credentials, and says so once. A preview at an http
 * address cannot sign (a note); publishing there with a key is an
 * error. 1 when signing. */
static int sign_setup(bs_signer *sg, bs_site *s, const bs_build_opts *o,
		      int publishing, bs_diags *d)
{
	char *did = s->base_url ? bs_keys_did_web(s->base_url) : NULL;
	free(did);
	if (o->site.key && !did && !publishing) {
		/* a preview at a local http address cannot be a did:web */
		bs_diag_file(d, BS_NOTE, "site.json", 0, 0,
			     "no signed credentials in a build for %s: their "
			     "issuer is a did:web, which needs an https "
			     "address",
			     s->base_url ? s->base_url : "(no base_url)");
		return 0;
	}
	if (o->site.key)
		return bs_signer_open(sg, s, o->site.key, d) == BS_OK;
	if (s->awards && s->awards->n)
		bs_diag_file(d, BS_NOTE, BS_AWARDS_DIR, 0, 0,
			     "no signing key: the awards get no signed Open "
			     "Badges 3.0 credentials in this build");
	if (s->awards && s->awards->n)
		bs_diag_hint(d,
			     "make one once with `badgesite keys new --out "
			     "FILE` outside the site, then give it with "
			     "--key FILE or %s",
			     BS_SIGNING_KEY_ENV);
	return 0;
}

const char *bs_build_stage_name(int i)
{
	static const char *const names[BS_T_N] = {"load", "validate", "plan",
						  "render", "publish"};
	return i >= 0 && i < BS_T_N ? names[i] : "?";
}

int bs_build_run(const bs_build_opts *o, bs_build_stats *stats, bs_diags *d)
{
	bs_build_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	double t0 = now(), t = t0, *stage = stats->stage;
#define LAP(i) (stage[i] += now() - t, t = now())
	size_t before = d->n;
	char *out = o->out ? bs_xstrdup(o->out)
			   : bs_xasprintf("%s/public", o->site.root);
	/* one build or publish of a site at a time: taken before the ledger
	 * is read, so a publish never writes over another's record */
	int lock = -1;
	if (!o->check_only) {
		long other;
		int rc =
		    bs_publish_lock(&lock, &other, o->site.root, out, 0, d);
		if (rc == 1) {
			/* another build of this site: wait for it */
			if (o->progress)
				fprintf(o->progress,
					"waiting for another badgesite build "
					"of this site (PID %ld) to finish\n",
					other);
			rc = bs_publish_lock(&lock, &other, o->site.root, out,
					     1, d);
		}
		if (rc) {
			free(out);
			return rc;
		}
	}
	bs_progress *pr = bs_progress_start(o->progress, o->progress_delay);
	bs_progress_stage(pr, "reading content", 0);
	bs_md_init();
	bs_options so = o->site;
	so.jobs = o->jobs;
	bs_cache cache = {NULL};
	/* check writes nothing, not even to the cache */
	if (!o->no_cache && !o->check_only)
		bs_cache_open(&cache, o->site.root);
	so.cache = cache.dir ? &cache : NULL;
	bs_site *s = NULL;
	bs_site_load(&s, &so, d);
	int rc = outcome(d, before);
	LAP(BS_T_LOAD);
	bs_progress_stage(pr, "checking", 0);
	if (rc != BS_EIO && s->site && bs_site_validate(s, &so, d) == BS_OK)
		prepare(s, &so, d);
	/* the ledger and the snapshots agree, both ways */
	if (rc != BS_EIO)
		bs_ledger_verify(&s->ledger, s->root, d);
	if (o->publish && (!s->canonical || o->site.drafts))
		bs_diag_file(d, BS_ERROR, BS_LEDGER_PATH, 0, 0,
			     "only a build for the canonical base_url, "
			     "without drafts, may publish");
	/* check, of the site as it would be published, says all that
	 * publish would refuse */
	int publishing = o->publish || (o->check_only && !o->awards_list &&
					s->canonical && !o->site.drafts);
	if (publishing && s->base_url && bs_url_is_placeholder(s->base_url))
		placeholder(s, d);
	if (publishing && s->site)
		bs_scaffold_check_todo(s, d);
	if (publishing && s->awards && s->awards->preview && s->awards->n) {
		bs_diag_file(d, BS_ERROR, BS_AWARDS_DIR, 0, 0,
			     "publishing awards needs the award secret: "
			     "without it recipients would be hashed with "
			     "salts anyone can recompute");
		bs_diag_hint(d,
			     "name its file with --secret FILE or %s; "
			     "make one once with: head -c 32 /dev/urandom "
			     "| base64 > FILE && chmod 600 FILE, outside "
			     "the site, and keep it",
			     BS_AWARD_SECRET_ENV);
	}
	bs_signer signer;
	int signing = 0;
	if (!outcome(d, before))
		signing = sign_setup(&signer, s, o, publishing, d);
	rc = outcome(d, before);
	LAP(BS_T_VALIDATE);
	if (rc) {
		if (signing)
			bs_signer_close(&signer);
		bs_progress_stop(pr);
		bs_site_free(s);
		bs_cache_close(&cache);
		bs_publish_unlock(lock);
		free(out);
		stats->seconds = now() - t0;
		return rc;
	}
	bs_plan plan;
	rc = bs_plan_make(&plan, s, d);
	plan.signer = signing ? &signer : NULL;
	check_ledger(s, &plan, publishing, d);
	bs_links_check(s, &plan, d);
	if (!rc)
		rc = outcome(d, before);
	if (o->check_only) {
		if (!rc && o->awards_list)
			bs_awardview_list(o->awards_list, s);
		if (signing)
			bs_signer_close(&signer);
		bs_progress_stop(pr);
		bs_plan_free(&plan);
		bs_site_free(s);
		bs_cache_close(&cache);
		free(out);
		stats->seconds = now() - t0;
		return rc;
	}
	bs_stage st;
	if (cache.dir)
		plan.cache = &cache;
	LAP(BS_T_PLAN);
	pthread_t sweeper;
	sweeper_job job;
	int sweeping = 0, published = 0;
	/* the records of the trees builds leave, so the next starts from
	 * the previous site (none without a cache: all is made again) */
	char *trees = cache.dir ? bs_xasprintf("%s/trees", cache.dir) : NULL;
	if (!rc)
		rc = bs_publish_begin(&st, o->site.root, out, trees, d);
	free(trees);
	if (!rc) {
		render_all(&stats->reused, s, &plan, &st, o->jobs, pr, d);
		rc = outcome(d, before);
		LAP(BS_T_RENDER);
		bs_progress_stage(pr, "publishing", 0);
		/* publish: the snapshots and the ledger first, each written
		 * aside and renamed; the site is swapped in only after */
		if (!rc && o->publish)
			rc = record(s, &plan, st.tmp, d);
		st.publish = o->publish;
		if (!rc)
			rc = bs_publish_commit(&st, d);
		published = !rc;
		if (published && st.was_published && !o->publish) {
			/* what a deploy step copies is now a preview */
			bs_diag_file(d, BS_WARNING, out, 0, 0,
				     "this folder held the published site; it "
				     "now holds a preview%s",
				     o->site.drafts ? ", drafts included" : "");
			bs_diag_hint(d, "run `badgesite publish` again before "
					"deploying it, and preview into "
					"another folder with -o (or use "
					"`badgesite serve`)");
		}
		if (published && o->swapped)
			o->swapped(o->swapped_arg);
		if (rc) {
			bs_publish_abort(&st);
		} else {
			/* the old site is removed while the model is
			 * freed */
			job.st = &st;
			job.cache = &cache;
			sweeping =
			    pthread_create(&sweeper, NULL, sweep, &job) == 0;
		}
		LAP(BS_T_PUBLISH);
	}
	stats->files = plan.n;
	for (size_t i = 0; i < plan.n; i++) {
		const bs_output *po = &plan.v[i];
		size_t n = strlen(po->path);
		stats->pages += n >= 5 && !strcmp(po->path + n - 5, ".html");
		int two = po->kind == BS_OUT_BADGE_IMAGES ||
			  po->kind == BS_OUT_AWARD_IMAGES;
		stats->files += two; /* an SVG and a PNG per job */
		/* a badge once, whatever editions draw it apart */
		stats->badges += po->kind == BS_OUT_BADGE_IMAGES && !po->lang;
	}
	free(out);
	if (signing)
		bs_signer_close(&signer);
	bs_plan_free(&plan);
	bs_site_free(s);
	if (sweeping)
		pthread_join(sweeper, NULL);
	bs_cache_close(&cache);
	if (published)
		bs_publish_free(&st);
	bs_progress_stop(pr);
	bs_publish_unlock(lock);
	/* publishing ends when the old site is gone */
	if (published)
		LAP(BS_T_PUBLISH);
	stats->seconds = now() - t0;
#undef LAP
	return rc;
}
