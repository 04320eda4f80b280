/* url.h: the URL contract: absolute URLs from base_url, relative links
 * between pages (so a deploy under any sub-path works), and which URLs a
 * content field may hold. */
#ifndef BS_URL_H
#define BS_URL_H

#include "base/buf.h"

/* http(s)://host[:port]/path/ with a trailing slash added; NULL if base is
 * not an absolute http(s) URL without query or fragment. Caller frees. */
char *bs_url_normalize_base(const char *base);
/* The path part of a normalized base URL ("/" or "/framework/").
 * Borrowed from base. */
const char *bs_url_base_path(const char *base);
/* "https://host:port" of an absolute URL, or NULL. Caller frees. */
char *bs_url_origin(const char *url);
/* "host" (with port, if any) of an absolute URL, or NULL. Caller frees. */
char *bs_url_host(const char *url);
/* Relative prefix from a page at path (e.g. "badges/x/" or "404.html")
 * back to the site root: "", "../", "../../". Appended to out. */
void bs_url_root(bs_buf *out, const char *page_path);
/* The folder URL of an output path: "badges/x/index.html" -> "badges/x/",
 * "404.html" -> "". Caller frees. */
char *bs_url_dir(const char *path);
/* May a content URL field hold u? http, https, mailto, or relative (no
 * other scheme, no control characters, no backslashes). */
int bs_url_allowed(const char *u);
/* Is base (normalized) on a documentation domain (example.com, .net,
 * .org or a host under them, RFC 2606): an address nobody publishes at,
 * such as the one `badgesite new site` writes? */
int bs_url_is_placeholder(const char *base);
/* Is u an absolute http(s) URL? */
int bs_url_is_http(const char *u);
/* Percent-encodes s for a URL's query or path component (RFC 3986,
 * section 2): every byte but the unreserved ALPHA DIGIT - . _ ~ becomes
 * %XX with upper-case hex; UTF-8 is encoded byte by byte. Appended to
 * out. */
void bs_url_encode(bs_buf *out, const char *s);
/* Is id a valid id: [a-z0-9][a-z0-9-]*, at most 64 characters? */
int bs_url_is_id(const char *id);

#endif
