/* serve.c: the loop of badgesite serve: build, serve, wait for a change
 * or a signal, build again. Builds run on this thread, one at a time;
 * changes made during a build are read after it and start the next one,
 * so a burst of saves makes one or two builds, not one each. */
#define _DEFAULT_SOURCE /* realpath */
#include "serve/serve.h"

#include "base/alloc.h"
#include "base/url.h"
#include "serve/http.h"
#include "serve/watch.h"
#include "site/build.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/* A change is built once no other has come for this long (editors save in
 * several steps), or after MAX_WAIT_MS of steady changes. */
#define QUIET_MS 30
#define MAX_WAIT_MS 1000

char *bs_serve_out(const char *root)
{
	return bs_xasprintf("%s/.badgesite-cache/serve", root);
}

void bs_serve_errors_page(bs_buf *out, const bs_diags *d)
{
	size_t e = bs_diags_count(d, BS_ERROR),
	       w = bs_diags_count(d, BS_WARNING);
	bs_buf_printf(
	    out,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>The site does not build: %zu error%s</title>\n"
	    "<style>\n"
	    "body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem "
	    "auto; max-width: 60rem; padding: 0 1rem; color: #222; }\n"
	    "pre { background: #f6f6f6; border-left: 4px solid "
	    "#b00020; padding: .75rem 1rem; overflow-x: auto; "
	    "font-size: 14px; }\n"
	    "pre.warning { border-color: #b26a00; }\n"
	    "pre.note { border-color: #666; }\n"
	    "</style>\n</head>\n<body>\n"
	    "<h1>The site does not build</h1>\n"
	    "<p>%zu error%s, %zu warning%s. Fix %s and save: this "
	    "page turns back into the site by itself.</p>\n",
	    e, e == 1 ? "" : "s", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s",
	    e + w == 1 ? "it" : "them");
	static const char *const cls[] = {"error", "warning", "note"};
	for (size_t i = 0; i < d->n; i++) {
		bs_diags one = {&d->v[i], 1, 1};
		bs_buf text = BS_BUF_INIT;
		bs_diags_print(&text, &one);
		bs_buf_printf(out, "<pre class=\"%s\">", cls[d->v[i].sev]);
		bs_buf_html(out, text.ptr, text.len);
		bs_buf_puts(out, "</pre>\n");
		bs_buf_free(&text);
	}
	bs_buf_puts(out, "</body>\n</html>\n");
}

/* The path of the site's base_url ("/" or "/framework/"), read from
 * site.json; NULL when it has none that parses (the build says why). */
static char *base_path(const char *root)
{
	char *p = bs_xasprintf("%s/site.json", root);
	json_t *site = json_load_file(p, 0, NULL);
	free(p);
	const char *url = json_string_value(json_object_get(site, "base_url"));
	char *norm = url ? bs_url_normalize_base(url) : NULL;
	char *path = norm ? bs_xstrdup(bs_url_base_path(norm)) : NULL;
	free(norm);
	json_decref(site);
	return path;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct server {
	const bs_serve_opts *o;
	char *out;
	char *base; /* the last base path known */
	bs_http *http;
	double t0, served; /* when the build began, and its files were served */
} server;

/* The new files are in place: pages may reload now, while the build
 * frees its model and removes the old files. */
static void swapped(void *arg)
{
	server *sv = arg;
	bs_http_update(sv->http, sv->base, NULL);
	sv->served = now();
}

/* One build into the serve folder, reported on the log and handed to the
 * HTTP side: the new files (as soon as they are in place), or the page of
 * errors. */
static void build(server *sv)
{
	const bs_serve_opts *o = sv->o;
	/* read with the rest of the site by the build */
	char *base = base_path(o->root);
	if (base) {
		free(sv->base);
		sv->base = base;
	}
	/* absolute links (the 404 page's, og:image, JSON ids) lead back
	 * to this server rather than to the site as deployed */
	char *preview = bs_xasprintf("http://127.0.0.1:%d%s",
				     bs_http_port(sv->http), sv->base);
	bs_build_opts bo;
	memset(&bo, 0, sizeof bo);
	bo.site.root = o->root;
	bo.site.base_url = preview;
	bo.site.drafts = o->drafts;
	bo.out = sv->out;
	bo.jobs = o->jobs;
	bo.swapped = swapped;
	bo.swapped_arg = sv;
	bs_diags d = BS_DIAGS_INIT;
	bs_build_stats st;
	sv->t0 = sv->served = now();
	int rc = bs_build_run(&bo, &st, &d);
	bs_diags_sort(&d);
	bs_buf b = BS_BUF_INIT;
	bs_diags_print(&b, &d);
	size_t e = bs_diags_count(&d, BS_ERROR),
	       w = bs_diags_count(&d, BS_WARNING);
	if (e || w)
		bs_buf_printf(&b, "%zu error%s, %zu warning%s\n", e,
			      e == 1 ? "" : "s", w, w == 1 ? "" : "s");
	if (rc)
		bs_buf_puts(&b, "the browser shows these errors until they "
				"are fixed\n");
	else if (!o->quiet)
		bs_buf_printf(&b,
			      "built %zu page%s and %zu badge%s in %.2f s\n",
			      st.pages, st.pages == 1 ? "" : "s", st.badges,
			      st.badges == 1 ? "" : "s", now() - sv->t0);
	if (o->timings) {
		for (int i = 0; i < BS_T_N; i++)
			bs_buf_printf(&b, "%-9s %7.3f s\n",
				      bs_build_stage_name(i), st.stage[i]);
		if (!rc)
			bs_buf_printf(&b, "%-9s %7.3f s\n", "served",
				      sv->served - sv->t0);
		bs_buf_printf(&b, "%-9s %7.3f s\n", "total", st.seconds);
	}
	free(preview);
	if (b.len)
		fwrite(b.ptr, 1, b.len, o->log);
	fflush(o->log);
	bs_buf_free(&b);
	if (rc) {
		bs_buf page = BS_BUF_INIT;
		bs_serve_errors_page(&page, &d);
		bs_http_update(sv->http, sv->base, page.ptr);
		bs_buf_free(&page);
	}
	bs_diags_free(&d);
}

/* SIGINT and SIGTERM, read from a signalfd on a thread of their own so
 * that they are answered during a build too: the first makes the loop
 * stop once the build is done (and says so when one is running), a second
 * during that build ends the program at once: the lock goes with the
 * process, and what the build left beside its output is swept by the
 * next one. */
typedef struct sigwatch {
	int sfd;
	int wake[2]; /* readable once a signal came: the loop stops */
	int quit[2]; /* readable: the thread ends */
	atomic_int building, stopping;
	FILE *log;
	pthread_t thread;
	int started;
} sigwatch;

static void *sig_thread(void *arg)
{
	sigwatch *s = arg;
	for (;;) {
		struct pollfd p[2] = {{s->sfd, POLLIN, 0},
				      {s->quit[0], POLLIN, 0}};
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents)
			break;
		struct signalfd_siginfo si;
		if (read(s->sfd, &si, sizeof si) != sizeof si)
			continue;
		if (atomic_exchange(&s->stopping, 1)) {
			if (atomic_load(&s->building))
				_exit(130); /* the second Ctrl-C */
			continue;
		}
		if (atomic_load(&s->building)) {
			fputs("stopping once this build is done (Ctrl-C again "
			      "stops at once)\n",
			      s->log);
			fflush(s->log);
		}
		if (write(s->wake[1], "x", 1) != 1)
			break;
	}
	return NULL;
}

static int sig_start(sigwatch *s, const sigset_t *sigs, FILE *log)
{
	memset(s, 0, sizeof *s);
	s->log = log;
	s->wake[0] = s->wake[1] = s->quit[0] = s->quit[1] = -1;
	s->sfd = signalfd(-1, sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sfd < 0 || pipe(s->wake) != 0 || pipe(s->quit) != 0)
		return -1;
	s->started = pthread_create(&s->thread, NULL, sig_thread, s) == 0;
	return s->started ? 0 : -1;
}

static void sig_stop(sigwatch *s)
{
	if (s->started) {
		if (write(s->quit[1], "x", 1) == 1)
			pthread_join(s->thread, NULL);
		else
			pthread_detach(s->thread);
	}
	/* signals that came since are not left pending for the caller */
	struct signalfd_siginfo si;
	while (s->sfd >= 0 && read(s->sfd, &si, sizeof si) == sizeof si)
		;
	int fds[] = {s->sfd, s->wake[0], s->wake[1], s->quit[0], s->quit[1]};
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

/* Wait until the changes stop for QUIET_MS (or MAX_WAIT_MS went by). */
static void settle(bs_watch *w)
{
	double until = now() + MAX_WAIT_MS / 1000.0;
	struct pollfd p = {bs_watch_fd(w), POLLIN, 0};
	while (now() < until && poll(&p, 1, QUIET_MS) > 0)
		bs_watch_read(w);
}

int bs_serve_run(const bs_serve_opts *o, bs_diags *d)
{
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	sigwatch sw;
	server sv = {o, bs_serve_out(o->root), NULL, NULL, 0, 0};
	bs_watch *w = NULL;
	int rc = BS_OK;
	if (sig_start(&sw, &sigs, o->log) != 0)
		rc = bs_diag_io(d, NULL, "cannot wait for signals: %s",
				strerror(errno));
	if (!rc)
		rc = bs_watch_open(&w, o->root, d);
	if (!rc)
		rc = bs_http_start(&sv.http, sv.out, o->port, d);
	if (rc)
		goto done;
	sv.base = base_path(o->root);
	if (!sv.base)
		sv.base = bs_xstrdup("/");
	atomic_store(&sw.building, 1);
	build(&sv);
	atomic_store(&sw.building, 0);
	/* the folder itself, not "." */
	char *where = realpath(o->root, NULL);
	fprintf(o->log, "serving %s at http://127.0.0.1:%d%s (Ctrl-C stops)\n",
		where ? where : o->root, bs_http_port(sv.http), sv.base);
	free(where);
	fflush(o->log);
	while (!atomic_load(&sw.stopping)) {
		struct pollfd p[3] = {{sw.wake[0], POLLIN, 0},
				      {bs_watch_fd(w), POLLIN, 0},
				      {o->stop_fd, POLLIN, 0}};
		int n = poll(p, o->stop_fd >= 0 ? 3 : 2, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || p[0].revents || (o->stop_fd >= 0 && p[2].revents))
			break;
		if (p[1].revents && bs_watch_read(w)) {
			settle(w);
			atomic_store(&sw.building, 1);
			build(&sv);
			atomic_store(&sw.building, 0);
		}
	}
	if (!o->quiet)
		fprintf(o->log, "stopped serving %s\n", o->root);
done:
	bs_http_stop(sv.http);
	bs_watch_free(w);
	free(sv.base);
	free(sv.out);
	sig_stop(&sw);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
