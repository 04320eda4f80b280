/* serve.h: badgesite serve: a local preview of a site. It builds the site
 * into a folder of its cache (never public/, never the ledger), serves it
 * on 127.0.0.1 under the base URL's path, rebuilds on every change of the
 * site's files, reloads the open pages, and shows build errors in the
 * browser as well as on the terminal, until SIGINT or SIGTERM. */
#ifndef BS_SERVE_H
#define BS_SERVE_H

#include "base/diag.h"

#include <stdio.h>

typedef struct bs_serve_opts {
	const char *root; /* the site */
	int port;	  /* 0: any free port */
	int drafts;	  /* build badges and pages with status draft */
	int jobs;	  /* 0: one per core */
	int quiet;	  /* print only problems (and where it serves) */
	int timings;	  /* print each build's stages, and when its files
			     were served */
	int stop_fd;	  /* -1, or a descriptor that stops the server when
			     it becomes readable (for tests) */
	FILE *log;	  /* where builds are reported: stderr */
} bs_serve_opts;

/* Where serve builds the site of root: SITE/.badgesite-cache/serve.
 * Caller frees. */
char *bs_serve_out(const char *root);

/* Serve until SIGINT or SIGTERM (or stop_fd), then stop every connection
 * and return BS_OK. Failed builds do not end it: their diagnostics are
 * printed to log and shown in the browser. BS_EIO (in d) when it cannot
 * listen or watch. SIGINT and SIGTERM are blocked in the calling thread
 * while it runs (and read from a signalfd), so call it before starting
 * other threads. */
int bs_serve_run(const bs_serve_opts *o, bs_diags *d);

/* The page that stands for the site while it does not build: each
 * diagnostic of d (sorted) as the terminal shows it, HTML-escaped.
 * Appended to out. */
void bs_serve_errors_page(bs_buf *out, const bs_diags *d);

#endif
