/* http.c: the preview server: files of the built folder under the base
 * path, the event stream that tells pages to reload, and the error page.
 * libmicrohttpd parses HTTP and runs one thread per connection, so an
 * event stream simply waits on a condition variable for the next build. */
#include "serve/http.h"

#include "base/alloc.h"
#include "site/hosts.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EVENTS "/__badgesite/events"

struct bs_http {
	struct MHD_Daemon *mhd;
	char *dir;
	int port;
	pthread_mutex_t lock; /* guards what follows */
	pthread_cond_t changed;
	unsigned long gen; /* builds so far */
	char *base;	   /* "/" or "/x/" */
	char *errors;	   /* the error page, or NULL */
	int stopping;
};

void bs_http_inject(bs_buf *out, const char *html, size_t n, unsigned long gen)
{
	size_t at = n;
	for (size_t i = n; i >= 7; i--)
		if (!memcmp(html + i - 7, "</body>", 7)) {
			at = i - 7;
			break;
		}
	bs_buf_put(out, html, at);
	bs_buf_printf(out,
		      "<script>/* badgesite serve: reload when the site is "
		      "rebuilt */\n"
		      "new EventSource(\"" EVENTS "?since=%lu\")"
		      ".addEventListener(\"reload\", function () "
		      "{ location.reload(); });\n"
		      "</script>\n",
		      gen);
	bs_buf_put(out, html + at, n - at);
}

/* An event stream: one connection waiting for the next build. */
typedef struct stream {
	bs_http *h;
	unsigned long since; /* the generation the page was built as */
	int opened;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	stream *s = cls;
	bs_http *h = s->h;
	if (!s->opened) {
		/* at once, so the browser knows the stream is open */
		s->opened = 1;
		return snprintf(buf, max, "retry: 500\n\n");
	}
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += 15;
	int timeout = 0;
	pthread_mutex_lock(&h->lock);
	while (!h->stopping && h->gen == s->since && !timeout)
		timeout = pthread_cond_timedwait(&h->changed, &h->lock,
						 &until) == ETIMEDOUT;
	int stop = h->stopping;
	unsigned long gen = h->gen;
	pthread_mutex_unlock(&h->lock);
	if (stop)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (gen == s->since) /* a comment: finds connections gone */
		return snprintf(buf, max, ": waiting\n\n");
	s->since = gen;
	return snprintf(buf, max, "event: reload\ndata: %lu\n\n", gen);
}

static void stream_free(void *cls) { free(cls); }

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status,
			       struct MHD_Response *r, const char *type)
{
	if (!r)
		return MHD_NO;
	const char *name, *value;
	for (size_t i = 0; bs_hosts_header(i, &name, &value); i++)
		MHD_add_response_header(r, name, value);
	if (type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status,
				 const char *text, const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
	    strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	return respond(c, status, r, type);
}

static enum MHD_Result send_buf(struct MHD_Connection *c, unsigned status,
				bs_buf *b, const char *type)
{
	size_t n = b->len;
	char *p = bs_buf_detach(b);
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(n, p, MHD_RESPMEM_MUST_FREE);
	if (!r)
		free(p);
	return respond(c, status, r, type);
}

static enum MHD_Result redirect(struct MHD_Connection *c, unsigned status,
				const char *to)
{
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (r)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, to);
	return respond(c, status, r, NULL);
}

/* Read all of the open file fd (closed here) into out: 0 on success. */
static int slurp(bs_buf *out, int fd)
{
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		bs_buf_put(out, chunk, (size_t)n);
	close(fd);
	return n < 0 ? -1 : 0;
}

static const char html_type[] = "text/html; charset=utf-8";

/* The site's 404.html with the reload script, status 404. */
static enum MHD_Result not_found(struct MHD_Connection *c, const bs_http *h,
				 unsigned long gen)
{
	char *p = bs_xasprintf("%s/404.html", h->dir);
	int fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(p);
	bs_buf page = BS_BUF_INIT, b = BS_BUF_INIT;
	if (fd < 0 || slurp(&page, fd) != 0)
		bs_buf_puts(&page, "<!DOCTYPE html>\n<title>Not found</title>\n"
				   "<p>Nothing here.</p>\n");
	bs_http_inject(&b, page.ptr, page.len, gen);
	bs_buf_free(&page);
	return send_buf(c, MHD_HTTP_NOT_FOUND, &b, html_type);
}

/* May rel (the path below the base, decoded) name a file of the site?
 * No "." or ".." segment, no hidden file, no host file. */
static int servable(const char *rel)
{
	const char *seg = rel;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if (n && seg[0] == '.')
			return 0; /* ., .., .htaccess, .badgesite-output */
		if (!seg[n])
			break;
		seg += n + 1;
	}
	return !bs_hosts_hidden(rel) && !strchr(rel, '\\');
}

/* Is the request for a page (a folder, .html, or no suffix at all)? */
static int wants_page(const char *rel)
{
	const char *last = strrchr(rel, '/');
	last = last ? last + 1 : rel;
	size_t n = strlen(last);
	return !n || !strchr(last, '.') ||
	       (n >= 5 && !strcmp(last + n - 5, ".html"));
}

static enum MHD_Result serve_file(struct MHD_Connection *c, const bs_http *h,
				  const char *url, const char *rel,
				  unsigned long gen)
{
	size_t n = strlen(rel);
	char *path = bs_xasprintf("%s/%s%s", h->dir, rel,
				  !n || rel[n - 1] == '/' ? "index.html" : "");
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd >= 0 && S_ISDIR(st.st_mode)) {
		/* a folder without its slash: where a host sends it */
		close(fd);
		free(path);
		char *to = bs_xasprintf("%s/", url);
		enum MHD_Result ok =
		    redirect(c, MHD_HTTP_MOVED_PERMANENTLY, to);
		free(to);
		return ok;
	}
	if (fd >= 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		free(path);
		return not_found(c, h, gen);
	}
	char *type = bs_hosts_type(path);
	free(path);
	enum MHD_Result ok;
	if (type && !strncmp(type, "text/html", 9)) {
		bs_buf page = BS_BUF_INIT, b = BS_BUF_INIT;
		if (slurp(&page, fd) != 0) {
			bs_buf_free(&page);
			free(type);
			return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
					 "cannot read the file\n",
					 "text/plain; charset=utf-8");
		}
		bs_http_inject(&b, page.ptr, page.len, gen);
		bs_buf_free(&page);
		ok = send_buf(c, MHD_HTTP_OK, &b, type);
	} else {
		/* MHD owns fd from here, and closes it */
		struct MHD_Response *r =
		    MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
		if (!r)
			close(fd);
		ok = respond(c, MHD_HTTP_OK, r,
			     type ? type : "application/octet-stream");
	}
	free(type);
	return ok;
}

/* Is the request addressed to this machine by name (127.0.0.1, localhost
 * or [::1], any port)? Any other Host is a page elsewhere reaching the
 * preview through a name made to point here (DNS rebinding). */
static int local_host(struct MHD_Connection *c)
{
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_HOST);
	if (!host)
		return 1; /* HTTP/1.0 */
	const char *end = host[0] == '[' ? strchr(host, ']') : NULL;
	if (host[0] == '[' && !end)
		return 0;
	size_t n = end ? (size_t)(end - host) + 1 : strcspn(host, ":");
	if (host[n] && host[n] != ':')
		return 0;
	return (n == 9 && !strncmp(host, "127.0.0.1", 9)) ||
	       (n == 9 && !strncasecmp(host, "localhost", 9)) ||
	       (n == 5 && !strncmp(host, "[::1]", 5));
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)con_cls;
	bs_http *h = cls;
	if (*upload_size)
		return MHD_NO; /* nothing here takes a body */
	if (!local_host(c))
		return send_text(c, MHD_HTTP_FORBIDDEN,
				 "badgesite serve answers only to 127.0.0.1 "
				 "and localhost\n",
				 "text/plain; charset=utf-8");
	if (strcmp(method, MHD_HTTP_METHOD_GET) &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD))
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
				 "only GET and HEAD\n",
				 "text/plain; charset=utf-8");
	pthread_mutex_lock(&h->lock);
	char *base = bs_xstrdup(h->base);
	char *errors = h->errors ? bs_xstrdup(h->errors) : NULL;
	unsigned long gen = h->gen;
	pthread_mutex_unlock(&h->lock);
	enum MHD_Result ok;
	size_t nb = strlen(base);
	if (!strcmp(url, EVENTS)) {
		stream *s = bs_xcalloc(1, sizeof *s);
		s->h = h;
		const char *since = MHD_lookup_connection_value(
		    c, MHD_GET_ARGUMENT_KIND, "since");
		s->since = since ? strtoul(since, NULL, 10) : gen;
		struct MHD_Response *r = MHD_create_response_from_callback(
		    MHD_SIZE_UNKNOWN, 1024, stream_read, s, stream_free);
		if (!r)
			free(s);
		ok = respond(c, MHD_HTTP_OK, r, "text/event-stream");
	} else if (strncmp(url, base, nb) != 0) {
		/* outside the base path: the root leads to the site */
		if (!strcmp(url, "/") ||
		    (!strncmp(url, base, nb - 1) && !url[nb - 1]))
			ok = redirect(c, MHD_HTTP_FOUND, base);
		else
			ok = not_found(c, h, gen);
	} else if (!servable(url + nb)) {
		ok = not_found(c, h, gen);
	} else if (errors && wants_page(url + nb)) {
		bs_buf b = BS_BUF_INIT;
		bs_http_inject(&b, errors, strlen(errors), gen);
		ok = send_buf(c, MHD_HTTP_INTERNAL_SERVER_ERROR, &b, html_type);
	} else {
		ok = serve_file(c, h, url, url + nb, gen);
	}
	free(base);
	free(errors);
	return ok;
}

int bs_http_start(bs_http **out, const char *dir, int port, bs_diags *d)
{
	*out = NULL;
	bs_http *h = bs_xcalloc(1, sizeof *h);
	h->dir = bs_xstrdup(dir);
	h->base = bs_xstrdup("/");
	pthread_mutex_init(&h->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&h->changed, &ca);
	pthread_condattr_destroy(&ca);
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	h->mhd = MHD_start_daemon(
	    MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_THREAD_PER_CONNECTION,
	    (uint16_t)port, NULL, NULL, answer, h, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&sa, MHD_OPTION_END);
	if (!h->mhd) {
		int e = errno;
		bs_http_stop(h);
		bs_diag_io(d, NULL, "cannot serve on 127.0.0.1:%d: %s", port,
			   e ? strerror(e) : "the server did not start");
		bs_diag_hint(d, "another program may have that port: pick "
				"another with --port N (0: any free port)");
		return BS_EIO;
	}
	const union MHD_DaemonInfo *i =
	    MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_BIND_PORT);
	h->port = i ? i->port : port;
	*out = h;
	return BS_OK;
}

int bs_http_port(const bs_http *h) { return h->port; }

void bs_http_update(bs_http *h, const char *base_path, const char *errors_html)
{
	char *base = bs_xstrdup(base_path);
	char *errors = errors_html ? bs_xstrdup(errors_html) : NULL;
	pthread_mutex_lock(&h->lock);
	free(h->base);
	free(h->errors);
	h->base = base;
	h->errors = errors;
	h->gen++;
	pthread_cond_broadcast(&h->changed);
	pthread_mutex_unlock(&h->lock);
}

void bs_http_stop(bs_http *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	h->stopping = 1;
	pthread_cond_broadcast(&h->changed);
	pthread_mutex_unlock(&h->lock);
	if (h->mhd)
		MHD_stop_daemon(h->mhd);
	pthread_cond_destroy(&h->changed);
	pthread_mutex_destroy(&h->lock);
	free(h->dir);
	free(h->base);
	free(h->errors);
	free(h);
}
