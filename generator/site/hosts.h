/* hosts.h: what a web server needs to serve the site right, for the common
 * hosts: content types, CORS, caching, the 404 page and the 301s of
 * renamed badges (the same data as _redirects), every path under the
 * base URL's sub-path. Each appends to out (owned by the caller) and reads
 * the read-only model and plan only, so any render worker may call them.
 * Nothing here depends on the clock or the locale. */
#ifndef BS_HOSTS_H
#define BS_HOSTS_H

#include "base/buf.h"
#include "model/model.h"
#include "views/plan.h"

/* _headers (Netlify and Cloudflare Pages): one rule for every file
 * (Cache-Control, CORS, nosniff) and one Content-Type rule per suffix, so
 * no header is ever set by two rules (those hosts would join the values). */
void bs_hosts_headers(bs_buf *out, const bs_site *s, const bs_plan *p);
/* _nginx.conf: a "location <sub-path>" block to include in a server block
 * whose root holds the site at its sub-path. It hides itself and the
 * other host files. */
void bs_hosts_nginx(bs_buf *out, const bs_site *s, const bs_plan *p);
/* .htaccess (Apache, AllowOverride FileInfo, mod_headers): the same. */
void bs_hosts_htaccess(bs_buf *out, const bs_site *s, const bs_plan *p);

/* For a server that serves the built folder itself (badgesite serve):
 * the Content-Type of a file by its name's suffix ("text/html;
 * charset=utf-8", "image/png"), from the same table, or NULL for a suffix
 * not in it. Caller frees. */
char *bs_hosts_type(const char *path);
/* Header i of those every file gets (Cache-Control, CORS, nosniff):
 * 1 with *name and *value set (static strings), 0 past the last. */
int bs_hosts_header(size_t i, const char **name, const char **value);
/* Is name (a file at the top of OUT) one of the host files no host
 * serves (_headers, _nginx.conf, ...)? */
int bs_hosts_hidden(const char *name);

#endif
