/* badgesite serve without a process: the reload script's place in a page,
 * the error page, the watch over a site's folders, the HTTP side on a free
 * port, and one whole run of the loop stopped through stop_fd. */
#include "serve/serve.h"
#include "base/buf.h"
#include "serve/http.h"
#include "serve/watch.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *inject(const char *html)
{
	bs_buf b = BS_BUF_INIT;
	bs_http_inject(&b, html, strlen(html), 7);
	return bs_buf_detach(&b);
}

static void spew(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_inject(void)
{
	char *p = inject("<html><body><p>x</p></body></html>\n");
	const char *s = strstr(p, "<script>");
	const char *body = strstr(p, "</body>");
	ok(s && body && s < body && !strstr(body + 1, "<script>"),
	   "the script goes before </body>");
	like(p, "EventSource(\"/__badgesite/events?since=7\")",
	     "it asks for the events after its own build");
	like(p, "addEventListener(\"reload\"", "and reloads on a reload event");
	ok(!strncmp(p, "<html><body><p>x</p>", 20) &&
	       !strcmp(body, "</body></html>\n"),
	   "the page is otherwise unchanged");
	free(p);
	p = inject("<p>a</p></body><p>b</p></body>");
	s = strstr(p, "<script>");
	ok(s && strstr(p, "<p>b</p>") < s, "before the last </body>");
	free(p);
	p = inject("<p>no body end</p>");
	ok(!strncmp(p, "<p>no body end</p><script>", 26),
	   "at the end when there is no </body>");
	free(p);
}

static void test_errors_page(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src = {"content/badges/x.md", "{\n  \"nmae\": \"<b>\"\n}\n",
			 0};
	src.len = strlen(src.text);
	bs_diag_at(&d, BS_ERROR, &src, 2, 3, "unknown key '%s' in a badge",
		   "nmae");
	bs_diag_hint(&d, "did you mean '%s'?", "name");
	bs_diag_file(&d, BS_WARNING, "site.json", 1, 1, "a <warning>");
	bs_buf b = BS_BUF_INIT;
	bs_serve_errors_page(&b, &d);
	char *page = bs_buf_detach(&b);
	like(page, "<title>The site does not build: 1 error</title>",
	     "the title counts the errors");
	like(page,
	     "<pre class=\"error\">content/badges/x.md:2:3: error: unknown "
	     "key &#39;nmae&#39; in a badge\n"
	     "     2 |   &quot;nmae&quot;: &quot;&lt;b&gt;&quot;\n"
	     "       |   ^\n"
	     "       = hint: did you mean &#39;name&#39;?\n</pre>",
	     "each diagnostic as the terminal shows it, escaped");
	like(page,
	     "<pre class=\"warning\">site.json:1:1: warning: a "
	     "&lt;warning&gt;\n</pre>",
	     "warnings too");
	ok(!strstr(page, "<b>") && !strstr(page, "<warning>"),
	   "nothing of the diagnostics is markup");
	free(page);
	bs_diags_free(&d);
}

static void test_watch(const char *dir)
{
	char path[512];
	snprintf(path, sizeof path, "%s/w", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/w/content", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/w/public", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/w", dir);
	bs_diags d = BS_DIAGS_INIT;
	bs_watch *w = NULL;
	ok(bs_watch_open(&w, path, &d) == BS_OK && w, "a site is watched");
	if (!w)
		return;
	is_int(bs_watch_read(w), 0, "nothing changed yet");
	snprintf(path, sizeof path, "%s/w/content/a.md", dir);
	spew(path, "x");
	ok(bs_watch_read(w) > 0, "a file written in content/ is a change");
	snprintf(path, sizeof path, "%s/w/content/.a.md.swp", dir);
	spew(path, "x");
	snprintf(path, sizeof path, "%s/w/content/a.md~", dir);
	spew(path, "x");
	snprintf(path, sizeof path, "%s/w/public/index.html", dir);
	spew(path, "x");
	snprintf(path, sizeof path, "%s/w/.badgesite-cache", dir);
	mkdir(path, 0777);
	is_int(bs_watch_read(w), 0,
	       "swap files, backups, public/ and the cache are not");
	snprintf(path, sizeof path, "%s/w/content/new", dir);
	mkdir(path, 0777);
	ok(bs_watch_read(w) > 0, "a new folder is a change");
	snprintf(path, sizeof path, "%s/w/content/new/b.md", dir);
	spew(path, "x");
	ok(bs_watch_read(w) > 0, "and is watched from then on");
	snprintf(path, sizeof path, "%s/w/site.json", dir);
	spew(path, "{}");
	ok(bs_watch_read(w) > 0, "so is the site's own folder");
	bs_watch_free(w);
	bs_diags_free(&d);
}

static void test_http(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_http *h = NULL;
	ok(bs_http_start(&h, "/nonexistent", 0, &d) == BS_OK && h,
	   "the server starts on a free port");
	if (!h)
		return;
	int port = bs_http_port(h);
	ok(port > 0, "and says which (%d)", port);
	bs_http *again = NULL;
	ok(bs_http_start(&again, "/nonexistent", port, &d) == BS_EIO &&
	       !again && d.n == 1 && d.v[0].hint &&
	       strstr(d.v[0].hint, "--port"),
	   "a port in use is an I/O error with a hint");
	bs_http_update(h, "/x/", NULL);
	bs_http_stop(h);
	bs_diags_free(&d);
}

static void test_run(const char *dir)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "cp -r tests/sites/minimal '%s/site'", dir);
	if (system(cmd) != 0) {
		ok(0, "copy the test site");
		return;
	}
	char site[512];
	snprintf(site, sizeof site, "%s/site", dir);
	int fds[2];
	if (pipe(fds) != 0)
		return;
	/* stopped as soon as the first build is served */
	if (write(fds[1], "x", 1) != 1)
		return;
	FILE *log = tmpfile();
	bs_serve_opts o = {site, 0, 0, 1, 0, 1, fds[0], log};
	bs_diags d = BS_DIAGS_INIT;
	is_int(bs_serve_run(&o, &d), BS_OK, "a run builds, serves and stops");
	is_int(d.n, 0, "without a problem");
	char text[4096] = "";
	rewind(log);
	text[fread(text, 1, sizeof text - 1, log)] = 0;
	like(text, " pages and 3 badges in ", "the build is reported");
	like(text, "at http://127.0.0.1:", "and where it is served");
	like(text, "/fw/ (Ctrl-C stops)", "under base_url's path");
	like(text, "\nrender ", "with the time of each stage (--timings)");
	like(text, "\nserved ", "and when the new files were served");
	snprintf(cmd, sizeof cmd, "%s/site/.badgesite-cache/serve/index.html",
		 dir);
	ok(access(cmd, F_OK) == 0, "into the cache");
	snprintf(cmd, sizeof cmd, "%s/site/public", dir);
	ok(access(cmd, F_OK) != 0, "not into public/");
	fclose(log);
	close(fds[0]);
	close(fds[1]);
	bs_diags_free(&d);
}

int main(void)
{
	char tmpl[] = "/tmp/bs-serve-XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!dir)
		return 1;
	test_inject();
	test_errors_page();
	test_watch(dir);
	test_http();
	test_run(dir);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
