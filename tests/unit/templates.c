/* The Mustache engine beyond the spec: what badgesite relies on. HTML
 * escaping, number output, errors with line and column, the strict
 * partial check, a partial that includes itself, and rendering one set
 * from two threads at once. */
#include "pages/mustache.h"
#include "tap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static char *render(const char *tpl, const char *data, int *rc, char **diag)
{
	bs_tpl_set *set = bs_tpl_set_new();
	bs_diags d = BS_DIAGS_INIT;
	*rc = bs_tpl_set_add(set, "t", tpl, strlen(tpl), "layouts/t.mustache",
			     &d);
	json_t *ctx = json_loads(data, 0, NULL);
	bs_buf out = BS_BUF_INIT;
	if (!*rc)
		*rc = bs_tpl_render(&out, set, "t", (const json_t *const *)&ctx,
				    1, &d);
	bs_buf msg = BS_BUF_INIT;
	bs_diags_sort(&d);
	bs_diags_print(&msg, &d);
	*diag = bs_buf_detach(&msg);
	json_decref(ctx);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
	return bs_buf_detach(&out);
}

static bs_tpl_set *shared;
static json_t *shared_ctx;

static void *worker(void *arg)
{
	bs_buf *out = arg;
	for (int i = 0; i < 200; i++) {
		bs_buf_clear(out);
		bs_tpl_render(out, shared, "page",
			      (const json_t *const *)&shared_ctx, 1, NULL);
	}
	return NULL;
}

int main(void)
{
	int rc;
	char *diag, *s;
	s = render("<p title=\"{{t}}\">{{t}}</p>{{{raw}}}",
		   "{\"t\": \"<script>alert('x')</script>\", \"raw\": \"<b>\"}",
		   &rc, &diag);
	is_str(s,
	       "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\">"
	       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p><b>",
	       "{{x}} escapes for text and attributes; {{{x}}} does not");
	free(s);
	free(diag);
	s = render("{{a}} {{b}} {{c}} {{d}}",
		   "{\"a\": 2.3, \"b\": 85, \"c\": 0.1, \"d\": 1e21}", &rc,
		   &diag);
	is_str(s, "2.3 85 0.1 1e+21", "numbers print in shortest form");
	free(s);
	free(diag);
	s = render("line one\n  {{#open}}\nnever closed\n", "{}", &rc, &diag);
	is_int(rc, BS_ECONTENT, "an unclosed section is an error");
	like(diag,
	     "layouts/t.mustache:2:3: error: section 'open' is never closed",
	     "reported at the opening tag's line and column");
	like(diag, "hint: close it with {{/open}}", "with a hint");
	free(s);
	free(diag);
	s = render("{{#a}}x{{/b}}{{/a}}", "{}", &rc, &diag);
	like(diag,
	     "layouts/t.mustache:1:8: error: closing tag 'b' does not match",
	     "a mismatched closing tag");
	free(s);
	free(diag);
	s = render("x {{ }} y", "{}", &rc, &diag);
	like(diag, "1:3: error: empty tag", "an empty tag");
	free(s);
	free(diag);
	s = render("x {{name", "{}", &rc, &diag);
	like(diag, "1:3: error: tag '{{' is never closed", "an unclosed tag");
	free(s);
	free(diag);

	bs_tpl_set *set = bs_tpl_set_new();
	bs_diags d = BS_DIAGS_INIT;
	const char *page = "a\n{{> missing}}\n{{<base}}{{/base}}";
	bs_tpl_set_add(set, "page", page, strlen(page), "layouts/page.mustache",
		       &d);
	is_int(bs_tpl_set_check(set, &d), BS_ECONTENT,
	       "the strict check finds missing partials");
	bs_buf msg = BS_BUF_INIT;
	bs_diags_sort(&d);
	bs_diags_print(&msg, &d);
	like(msg.ptr,
	     "layouts/page.mustache:2:1: error: no layout or partial named "
	     "'missing'",
	     "missing partial at its tag");
	like(msg.ptr,
	     "layouts/page.mustache:3:1: error: no layout or partial named "
	     "'base'",
	     "missing parent at its tag");
	bs_buf_free(&msg);
	bs_diags_free(&d);
	bs_tpl_set_free(set);

	set = bs_tpl_set_new();
	const char *loop = "<{{> loop}}>";
	bs_tpl_set_add(set, "loop", loop, strlen(loop), "loop", &d);
	bs_buf out = BS_BUF_INIT;
	json_t *empty = json_object();
	rc = bs_tpl_render(&out, set, "loop", (const json_t *const *)&empty, 1,
			   &d);
	is_int(rc, BS_ECONTENT, "a partial that includes itself stops");
	is_int(bs_diags_count(&d, BS_ERROR), 1, "with one error");
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
	json_decref(empty);

	set = bs_tpl_set_new();
	const char *parent = "{{$a}}x{{/a}}";
	const char *child = "{{<parent}}{{$a}}<{{$a}}{{/a}}>{{/a}}{{/parent}}";
	bs_tpl_set_add(set, "parent", parent, strlen(parent), "parent", &d);
	bs_tpl_set_add(set, "child", child, strlen(child), "child", &d);
	empty = json_object();
	rc = bs_tpl_render(&out, set, "child", (const json_t *const *)&empty, 1,
			   &d);
	is_int(rc, BS_ECONTENT, "an override that holds its own block stops");
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
	json_decref(empty);

	bs_buf deep = BS_BUF_INIT;
	for (int i = 0; i < 150; i++)
		bs_buf_puts(&deep, "{{#a}}");
	s = render(deep.ptr, "{}", &rc, &diag);
	like(diag, "error: sections nest deeper than 100 levels",
	     "deep nesting is an error, not a stack overflow");
	free(s);
	free(diag);
	bs_buf_free(&deep);

	shared = bs_tpl_set_new();
	const char *base = "<h1>{{$title}}{{/title}}</h1>{{$main}}{{/main}}";
	const char *pg = "{{<base}}{{$title}}{{site.title}}{{/title}}"
			 "{{$main}}{{#items}}<li>{{name}} {{n}}</li>{{/items}}"
			 "{{/main}}{{/base}}";
	bs_tpl_set_add(shared, "base", base, strlen(base), "base", &d);
	bs_tpl_set_add(shared, "page", pg, strlen(pg), "page", &d);
	shared_ctx =
	    json_pack("{s:{s:s}, s:[{s:s,s:f},{s:s,s:i}]}", "site", "title",
		      "T", "items", "name", "a", "n", 1.5, "name", "b", "n", 2);
	bs_buf one = BS_BUF_INIT, two = BS_BUF_INIT;
	pthread_t t1, t2;
	pthread_create(&t1, NULL, worker, &one);
	pthread_create(&t2, NULL, worker, &two);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	is_str(one.ptr, "<h1>T</h1><li>a 1.5</li><li>b 2</li>",
	       "inheritance renders");
	is_str(one.ptr, two.ptr, "two threads render the same bytes");
	bs_buf_free(&one);
	bs_buf_free(&two);
	json_decref(shared_ctx);
	bs_tpl_set_free(shared);
	bs_diags_free(&d);
	return done_testing();
}
