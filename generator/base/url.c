/* url.c: building and checking URLs. */
#include "base/url.h"
#include <stdlib.h>

#include "base/alloc.h"

#include <string.h>
#include <strings.h>

static int has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int lower_prefix(const char *s, const char *p)
{
	for (; *p; s++, p++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *p)
			return 0;
	}
	return 1;
}

int bs_url_is_http(const char *u)
{
	const char *rest;
	if (lower_prefix(u, "https://"))
		rest = u + 8;
	else if (lower_prefix(u, "http://"))
		rest = u + 7;
	else
		return 0;
	if (!*rest || *rest == '/' || *rest == '?' || *rest == '#')
		return 0;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '\\' || *p == '"' ||
		    *p == '<' || *p == '>' || *p == 0x7f)
			return 0;
	return 1;
}

char *bs_url_normalize_base(const char *base)
{
	if (!bs_url_is_http(base) || strchr(base, '?') || strchr(base, '#'))
		return NULL;
	const char *host = strstr(base, "://") + 3;
	const char *slash = strchr(host, '/');
	size_t hostlen = slash ? (size_t)(slash - host) : strlen(host);
	if (memchr(host, '@', hostlen))
		return NULL;
	bs_buf b = BS_BUF_INIT;
	/* scheme and host are case-insensitive: keep them lower case so the
	 * same site always has the same ids */
	for (const char *p = base; p < host + hostlen; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bs_buf_putc(&b, c);
	}
	if (slash)
		bs_buf_puts(&b, slash);
	if (b.ptr[b.len - 1] != '/')
		bs_buf_putc(&b, '/');
	if (strstr(b.ptr + (host - base), "/../") ||
	    strstr(b.ptr + (host - base), "/./") ||
	    strstr(b.ptr + (host - base), "//")) {
		bs_buf_free(&b);
		return NULL;
	}
	return bs_buf_detach(&b);
}

const char *bs_url_base_path(const char *base)
{
	const char *host = strstr(base, "://");
	if (!host)
		return "/";
	const char *slash = strchr(host + 3, '/');
	return slash ? slash : "/";
}

char *bs_url_host(const char *url)
{
	if (!bs_url_is_http(url))
		return NULL;
	const char *host = strstr(url, "://") + 3;
	size_t n = strcspn(host, "/?#");
	char *h = bs_xstrndup(host, n);
	for (char *p = h; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return h;
}

char *bs_url_origin(const char *url)
{
	char *host = bs_url_host(url);
	if (!host)
		return NULL;
	char *o = bs_xasprintf(
	    "%s://%s", lower_prefix(url, "https://") ? "https" : "http", host);
	free(host);
	return o;
}

void bs_url_root(bs_buf *out, const char *page_path)
{
	for (const char *p = page_path; *p; p++)
		if (*p == '/')
			bs_buf_puts(out, "../");
}

int bs_url_allowed(const char *u)
{
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p < ' ' || *p == '\\' || *p == 0x7f)
			return 0;
	if (lower_prefix(u, "mailto:"))
		return u[7] != '\0';
	if (lower_prefix(u, "http://") || lower_prefix(u, "https://"))
		return bs_url_is_http(u);
	if (has_prefix(u, "//"))
		return 0;
	/* a relative URL has no scheme: no ':' before the first / ? or # */
	size_t n = strcspn(u, "/?#");
	return memchr(u, ':', n) == NULL;
}

int bs_url_is_id(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 64)
		return 0;
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-'))
			return 0;
	return id[n - 1] != '-';
}

char *bs_url_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? bs_xstrndup(path, (size_t)(slash - path + 1))
		     : bs_xstrdup("");
}

int bs_url_is_placeholder(const char *base)
{
	char *host = bs_url_host(base);
	if (!host)
		return 0;
	char *colon = strchr(host, ':');
	if (colon)
		*colon = '\0';
	static const char *const docs[] = {"example.com", "example.net",
					   "example.org", NULL};
	int yes = 0;
	size_t n = strlen(host);
	for (const char *const *x = docs; *x && !yes; x++) {
		size_t k = strlen(*x);
		yes = n == k ? strcasecmp(host, *x) == 0
			     : n > k && host[n - k - 1] == '.' &&
				   strcasecmp(host + n - k, *x) == 0;
	}
	free(host);
	return yes;
}

void bs_url_encode(bs_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			bs_buf_putc(out, (char)c);
		} else {
			bs_buf_putc(out, '%');
			bs_buf_putc(out, hex[c >> 4]);
			bs_buf_putc(out, hex[c & 15]);
		}
	}
}
