/* hosts.c: the web server configuration a site ships beside its pages:
 * _headers (Netlify, Cloudflare Pages), _nginx.conf and .htaccess
 * (Apache), all written from one table of content types and one list of
 * headers, so the three hosts serve the same bytes the same way.
 *
 * Why these headers:
 * - badge.json and issuers/<id>.json are application/json; charset=utf-8.
 *   Open Badges 2.0 verifiers ask for "application/ld+json,
 *   application/json" and parse the body whatever its type (1EdTech's
 *   openbadges-validator-core), so ld+json would gain nothing; with
 *   application/json every browser shows the file, and the charset lets
 *   clients that decode text by the header (Python requests) read names
 *   that are not ASCII right.
 * - the contexts/ (.jsonld) are application/ld+json, what JSON-LD processors
 *   expect of a remote context.
 * - images keep their bare types: the same validator recognises an image
 *   only by a Content-Type equal to "image/png" or "image/svg+xml".
 * - Access-Control-Allow-Origin: * on every file: the site is public and
 *   sends no credentials, and browser-side verifiers read the JSON (and
 *   bakers the images) from other origins.
 * - Cache-Control: no-cache everywhere: a badge's page, JSON and images
 *   keep their URL when a new build changes them, so a cache may keep a
 *   copy but must revalidate it (ETag, Last-Modified: cheap 304s). */
#include "site/hosts.h"

#include "base/alloc.h"
#include "base/url.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *ext, *type;
	int utf8; /* text: "; charset=utf-8" */
} types[] = {
    {"html", "text/html", 1},
    {"json", "application/json", 1},
    {"jsonld", "application/ld+json", 0},
    {"svg", "image/svg+xml", 0},
    {"png", "image/png", 0},
    {"xml", "application/xml", 1},
    {"txt", "text/plain", 1},
    {"css", "text/css", 1},
    {"jpg", "image/jpeg", 0},
    {"jpeg", "image/jpeg", 0},
    {"gif", "image/gif", 0},
    {"webp", "image/webp", 0},
    {"avif", "image/avif", 0},
    {"ico", "image/x-icon", 0},
    {"woff", "font/woff", 0},
    {"woff2", "font/woff2", 0},
};
#define NTYPES (sizeof types / sizeof types[0])

static const struct {
	const char *name, *value;
} headers[] = {
    {"Cache-Control", "no-cache"},
    {"Access-Control-Allow-Origin", "*"},
    {"X-Content-Type-Options", "nosniff"},
};
#define NHEADERS (sizeof headers / sizeof headers[0])

/* The host files, served by no host: nginx and Apache answer 404. */
static const char *const hidden[] = {"_headers", "_redirects", "_nginx.conf",
				     ".htaccess", ".badgesite-output"};
#define NHIDDEN (sizeof hidden / sizeof hidden[0])

/* s with the metacharacters of a regular expression escaped. */
static void put_re(bs_buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\.^$|?*+()[]{}", *s))
			bs_buf_putc(out, '\\');
		bs_buf_putc(out, *s);
	}
}

/* ^BASE(_headers|_redirects|...)$: the host files, answered 404. */
static void hidden_re(bs_buf *out, const char *base)
{
	bs_buf_putc(out, '^');
	put_re(out, base);
	bs_buf_putc(out, '(');
	for (size_t i = 0; i < NHIDDEN; i++) {
		if (i)
			bs_buf_putc(out, '|');
		put_re(out, hidden[i]);
	}
	bs_buf_puts(out, ")$");
}

static void header_comment(bs_buf *out, const bs_site *s, const char *what,
			   const char *does)
{
	bs_buf_printf(out,
		      "# %s, written by badgesite for %s\n"
		      "# %s\n"
		      "# Rewritten on every build: do not edit it.\n",
		      what, s->base_url, does);
}

/* Each renamed badge's old folders (the lines of _redirects): calls fn
 * with the old and the new path below the base URL. */
static void each_rename(const bs_plan *p, bs_buf *out, const char *base,
			void (*fn)(bs_buf *, const char *, const char *,
				   const char *))
{
	for (size_t i = 0; i < p->n; i++) {
		const bs_output *x = &p->v[i];
		if (x->kind != BS_OUT_SNAPSHOT_PAGE || !x->old_id)
			continue;
		char *from = bs_url_dir(x->path);
		fn(out, base, from, x->badge->dir);
		free(from);
	}
}

void bs_hosts_headers(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	(void)p;
	const char *base = bs_url_base_path(s->base_url);
	header_comment(out, s, "_headers (Netlify, Cloudflare Pages)",
		       "Content types, CORS and caching for every file; "
		       "renamed badges are in _redirects.");
	bs_buf_printf(out, "%s*\n", base);
	for (size_t i = 0; i < NHEADERS; i++)
		bs_buf_printf(out, "  %s: %s\n", headers[i].name,
			      headers[i].value);
	/* pages are asked for by their folder, never as .html: the host's
	 * text/html; charset=utf-8 is what they get */
	for (size_t i = 0; i < NTYPES; i++) {
		if (strcmp(types[i].ext, "html") == 0)
			continue;
		bs_buf_printf(out, "%s*.%s\n  Content-Type: %s%s\n", base,
			      types[i].ext, types[i].type,
			      types[i].utf8 ? "; charset=utf-8" : "");
	}
}

static void nginx_rename(bs_buf *out, const char *base, const char *from,
			 const char *to)
{
	bs_buf_printf(out, "\tlocation = \"%s%s\" {\n", base, from);
	bs_buf_printf(out, "\t\treturn 301 \"%s%s\";\n\t}\n", base, to);
}

void bs_hosts_nginx(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	const char *base = bs_url_base_path(s->base_url);
	header_comment(out, s, "_nginx.conf (nginx)",
		       "Content types, CORS and caching for every file, the "
		       "404 page, renamed badges' 301s.");
	bs_buf_printf(out,
		      "# Include it in the server block whose root holds this "
		      "folder at %s,\n"
		      "# and reload nginx after each deploy that changes it.\n",
		      base);
	bs_buf_printf(out, "location \"%s\" {\n\ttypes {\n", base);
	for (size_t i = 0; i < NTYPES; i++)
		bs_buf_printf(out, "\t\t%s %s;\n", types[i].type, types[i].ext);
	bs_buf_puts(out, "\t}\n\tdefault_type application/octet-stream;\n"
			 "\tcharset utf-8;\n\tcharset_types");
	/* text/html is always in: naming it again is a warning */
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].utf8 && strcmp(types[i].type, "text/html"))
			bs_buf_printf(out, " %s", types[i].type);
	bs_buf_puts(out, ";\n");
	for (size_t i = 0; i < NHEADERS; i++)
		bs_buf_printf(out, "\tadd_header %s \"%s\" always;\n",
			      headers[i].name, headers[i].value);
	bs_buf_printf(out, "\terror_page 404 \"%s404.html\";\n", base);
	bs_buf_puts(out, "\tlocation ~ \"");
	hidden_re(out, base);
	bs_buf_puts(out, "\" {\n\t\treturn 404;\n\t}\n");
	each_rename(p, out, base, nginx_rename);
	bs_buf_puts(out, "}\n");
}

static void apache_rename(bs_buf *out, const char *base, const char *from,
			  const char *to)
{
	bs_buf_puts(out, "RedirectMatch 301 \"^");
	put_re(out, base);
	put_re(out, from);
	bs_buf_printf(out, "$\" \"%s%s\"\n", base, to);
}

void bs_hosts_htaccess(bs_buf *out, const bs_site *s, const bs_plan *p)
{
	const char *base = bs_url_base_path(s->base_url);
	header_comment(out, s, ".htaccess (Apache)",
		       "Content types, CORS and caching for every file, the "
		       "404 page, renamed badges' 301s.");
	bs_buf_puts(out, "# Needs AllowOverride FileInfo and mod_headers "
			 "(a2enmod headers).\n");
	for (size_t i = 0; i < NTYPES; i++)
		bs_buf_printf(out, "AddType %s .%s\n", types[i].type,
			      types[i].ext);
	bs_buf_puts(out, "AddCharset utf-8");
	for (size_t i = 0; i < NTYPES; i++)
		if (types[i].utf8)
			bs_buf_printf(out, " .%s", types[i].ext);
	bs_buf_puts(out, "\n");
	for (size_t i = 0; i < NHEADERS; i++)
		bs_buf_printf(out, "Header always set %s \"%s\"\n",
			      headers[i].name, headers[i].value);
	bs_buf_printf(out, "ErrorDocument 404 %s404.html\n", base);
	bs_buf_puts(out, "RedirectMatch 404 \"");
	hidden_re(out, base);
	bs_buf_puts(out, "\"\n");
	each_rename(p, out, base, apache_rename);
}

char *bs_hosts_type(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < NTYPES; i++)
		if (!strcmp(dot + 1, types[i].ext))
			return bs_xasprintf("%s%s", types[i].type,
					    types[i].utf8 ? "; charset=utf-8"
							  : "");
	return NULL;
}

int bs_hosts_header(size_t i, const char **name, const char **value)
{
	if (i >= NHEADERS)
		return 0;
	*name = headers[i].name;
	*value = headers[i].value;
	return 1;
}

int bs_hosts_hidden(const char *name)
{
	for (size_t i = 0; i < NHIDDEN; i++)
		if (!strcmp(name, hidden[i]))
			return 1;
	return 0;
}
