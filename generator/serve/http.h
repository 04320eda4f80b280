/* http.h: the HTTP side of badgesite serve: a libmicrohttpd server on
 * 127.0.0.1 that serves a built folder under the site's base path, as a
 * host would serve it deployed, with a few lines of script in each page
 * that reload it when the site is rebuilt (server-sent events), and a
 * page of build errors in place of the site while it does not build. */
#ifndef BS_HTTP_H
#define BS_HTTP_H

#include "base/diag.h"

typedef struct bs_http bs_http;

/* Serve the files of dir (which a build swaps in whole: each file is
 * opened once per request, so a reader sees the old or the new one) on
 * 127.0.0.1:port (0: any free port), under base path "/". BS_EIO (in d)
 * when the port cannot be had. *h is stopped with bs_http_stop. */
int bs_http_start(bs_http **h, const char *dir, int port, bs_diags *d);
/* The port it listens on. */
int bs_http_port(const bs_http *h);
/* After each build: the site's base path ("/" or "/framework/"), and the
 * page listing the build's errors (NULL when it succeeded: the files of
 * dir again). Both are copied. Every open page is told to reload. */
void bs_http_update(bs_http *h, const char *base_path, const char *errors_html);
/* Close every connection (event streams included), stop and free h. */
void bs_http_stop(bs_http *h);

/* Append to out the page html (n bytes) as serve sends it: with the
 * live-reload script, for a site built as generation gen, before its
 * last </body> (at the end when there is none). */
void bs_http_inject(bs_buf *out, const char *html, size_t n, unsigned long gen);

#endif
