/* The Mustache engine on cases the official spec leaves out: escaping,
 * number and value output, context stacks, syntax errors at their line and
 * column, the strict partial check, runaway recursion, and two threads
 * rendering one set. */
#include "pages/mustache.h"
#include "tap.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct rcase {
	const char *name, *tpl, *data, *want;
	const char *partials[6]; /* name, text, name, text..., NULL */
} rcase;

static const rcase renders[] = {
    {"<script> is escaped",
     "{{x}}",
     "{\"x\": \"<script>alert(\\\"a & 'b'\\\")</script>\"}",
     "&lt;script&gt;alert(&quot;a &amp; &#39;b&#39;&quot;)&lt;/script&gt;",
     {NULL}},
    {"escaped inside an attribute",
     "<a title=\"{{x}}\">",
     "{\"x\": \"\\\" onclick=\\\"x\"}",
     "<a title=\"&quot; onclick=&quot;x\">",
     {NULL}},
    {"{{{x}}} and {{&x}} are raw",
     "{{{x}}}|{{& x }}",
     "{\"x\": \"<b>&amp;</b>\"}",
     "<b>&amp;</b>|<b>&amp;</b>",
     {NULL}},
    {"2.3 and 85", "{{a}} {{b}}", "{\"a\": 2.3, \"b\": 85}", "2.3 85", {NULL}},
    {"a name found below a section is not taken for one the section has",
     "{{a}}{{x.y}}{{#l}}[{{a}}{{x.y}}{{>p}}]{{/l}}{{a}}{{x.y}}{{>p}}",
     "{\"a\": 1, \"x\": {\"y\": 2}, \"l\": [{\"a\": 3}, {\"x\": {\"y\": 4}}, "
     "{}, "
     "{\"x\": 5}]}",
     "12[3232][1414][1212][11]1212",
     {"p", "{{a}}{{x.y}}", NULL}},
    {"reals in shortest form",
     "{{a}} {{b}} {{c}} {{d}}",
     "{\"a\": 1.21, \"b\": 0.1, \"c\": -0.5, \"d\": 1.0}",
     "1.21 0.1 -0.5 1",
     {NULL}},
    {"large integers exactly",
     "{{n}} {{m}}",
     "{\"n\": 9007199254740993, \"m\": -1000000000000000000}",
     "9007199254740993 -1000000000000000000",
     {NULL}},
    {"booleans as words",
     "{{t}} {{f}}",
     "{\"t\": true, \"f\": false}",
     "true false",
     {NULL}},
    {"null, missing, objects and lists print nothing",
     "[{{z}}{{nope}}{{o}}{{l}}]",
     "{\"z\": null, \"o\": {}, \"l\": [1]}",
     "[]",
     {NULL}},
    {"dotted names",
     "{{a.b.c}}",
     "{\"a\": {\"b\": {\"c\": \"deep\"}}}",
     "deep",
     {NULL}},
    {"a dotted name does not fall back to outer frames",
     "{{#a}}[{{b.c}}]{{/a}}",
     "{\"a\": {\"b\": {}}, \"b\": {\"c\": \"x\"}}",
     "[]",
     {NULL}},
    {"implicit iterator over scalars",
     "{{#l}}{{.}},{{/l}}",
     "{\"l\": [1, 2.5, \"<x>\", true]}",
     "1,2.5,&lt;x&gt;,true,",
     {NULL}},
    {"a list of objects",
     "{{#l}}<li>{{n}}</li>{{/l}}",
     "{\"l\": [{\"n\": \"a\"}, {\"n\": \"b\"}]}",
     "<li>a</li><li>b</li>",
     {NULL}},
    {"a section walks out to outer frames",
     "{{#o}}{{s}}-{{t}}{{/o}}",
     "{\"o\": {\"s\": \"in\"}, \"t\": \"out\"}",
     "in-out",
     {NULL}},
    {"empty list, false, null and \"\" skip a section",
     "[{{#a}}a{{/a}}{{#b}}b{{/b}}{{#c}}c{{/c}}{{#d}}d{{/d}}]",
     "{\"a\": [], \"b\": false, \"c\": null, \"d\": \"\"}",
     "[]",
     {NULL}},
    {"0 and {} show a section",
     "[{{#a}}a{{/a}}{{#b}}b{{/b}}]",
     "{\"a\": 0, \"b\": {}}",
     "[ab]",
     {NULL}},
    {"inverted sections",
     "{{^a}}no a{{/a}}{{^l}}no l{{/l}}{{^t}}x{{/t}}",
     "{\"l\": [], \"t\": 1}",
     "no ano l",
     {NULL}},
    {"standalone section lines vanish",
     "<ul>\n  {{#l}}\n  <li>{{.}}</li>\n  {{/l}}\n</ul>\n",
     "{\"l\": [1, 2]}",
     "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n",
     {NULL}},
    {"a comment may span lines", "a{{! one\ntwo }}b", "{}", "ab", {NULL}},
    {"delimiter change",
     "{{=<% %>=}}<% x %>{{x}}<%={{ }}=%>{{x}}",
     "{\"x\": 1}",
     "1{{x}}1",
     {NULL}},
    {"standalone partial is indented, its data is not",
     "<div>\n  {{> p}}\n</div>\n",
     "{\"t\": \"a\\nb\"}",
     "<div>\n  <p>\n  a\nb\n  </p>\n</div>\n",
     {"p", "<p>\n{{t}}\n</p>\n", NULL}},
    {"a missing partial renders as nothing",
     "[{{> nope}}]",
     "{}",
     "[]",
     {NULL}},
    {"a partial sees the caller's context",
     "{{#o}}{{> p}}{{/o}}",
     "{\"o\": {\"v\": \"in\"}}",
     "<in>",
     {"p", "<{{v}}>", NULL}},
    {"recursion over data ends with the data",
     "{{> node}}",
     "{\"n\": \"a\", \"kids\": [{\"n\": \"b\", \"kids\": [{\"n\": \"c\","
     " \"kids\": []}]}]}",
     "a(b(c()))",
     {"node", "{{n}}({{#kids}}{{> node}}{{/kids}})", NULL}},
    {"inheritance with defaults and overrides",
     "{{<base}}{{$title}}Mine{{/title}}{{/base}}",
     "{}",
     "<h1>Mine</h1><main>none</main>",
     {"base",
      "<h1>{{$title}}T{{/title}}</h1><main>{{$main}}none{{/main}}"
      "</main>",
      NULL}},
    {"two levels of inheritance",
     "{{<mid}}{{$a}}child{{/a}}{{/mid}}",
     "{}",
     "[child|mid]",
     {"base", "[{{$a}}A{{/a}}|{{$b}}B{{/b}}]", "mid",
      "{{<base}}{{$b}}mid{{/b}}{{/base}}", NULL}},
    {"overrides read the child's context",
     "{{#o}}{{<base}}{{$x}}{{v}}{{/x}}{{/base}}{{/o}}",
     "{\"o\": {\"v\": 7}}",
     "(7)",
     {"base", "({{$x}}{{/x}})", NULL}},
    {"CR LF line ends are kept",
     "a\r\n{{#t}}\r\nb\r\n{{/t}}\r\n",
     "{\"t\": true}",
     "a\r\nb\r\n",
     {NULL}},
    {"UTF-8 passes through",
     "{{s}} \xc3\xa9",
     "{\"s\": \"\xe2\x9c\x93\"}",
     "\xe2\x9c\x93 \xc3\xa9",
     {NULL}},
};

typedef struct ecase {
	const char *name, *tpl, *want;
} ecase;

/* each is compiled as layouts/t.mustache */
static const ecase errors[] = {
    {"unclosed section at its opening tag", "line one\n  {{#open}}\nx\n",
     "layouts/t.mustache:2:3: error: section 'open' is never closed"},
    {"unclosed section hint", "{{#open}}", "hint: close it with {{/open}}"},
    {"mismatched closing tag", "{{#a}}\n  {{/b}}{{/a}}",
     "layouts/t.mustache:2:3: error: closing tag 'b' does not match"},
    {"mismatched closing tag names the open one", "{{#a}}{{/b}}{{/a}}",
     "hint: the open section is 'a'"},
    {"closing tag with nothing open", "ok\nok {{/x}}",
     "layouts/t.mustache:2:4: error: closing tag 'x' does not match"},
    {"empty tag", "x {{ }} y", "layouts/t.mustache:1:3: error: empty tag"},
    {"empty section name", "\n\n{{#}}{{/}}",
     "layouts/t.mustache:3:1: error: empty tag"},
    {"unclosed tag", "a\nb {{name",
     "layouts/t.mustache:2:3: error: tag '{{' is never closed"},
    {"unclosed triple mustache", "{{{x}}", "1:1: error: tag '{{' is never"},
    {"delimiter change without its closing '='", "a {{=<% %>}}",
     "layouts/t.mustache:1:3: error: bad delimiter change"},
    {"delimiter change with one delimiter", "{{=<%=}}",
     "1:1: error: bad delimiter change"},
    {"delimiter change hint", "{{=<%=}}", "hint: write it as {{=<% %>=}}"},
    {"columns count characters, not bytes", "\xc3\xa9\xc3\xa9 {{/x}}",
     "layouts/t.mustache:1:4: error: closing tag 'x'"},
    {"errors after a delimiter change use the new ones",
     "{{=<% %>=}}\n<%#s%>\n<%/t%>",
     "layouts/t.mustache:3:1: error: closing tag 't' does not match"},
    {"a sigil that is also the closing delimiter", "{{=<% >=}}\n<%>>",
     "layouts/t.mustache:2:1: error: empty tag"},
    {"a long line is still placed", "", NULL}, /* built in main */
};

static char *diag_text(bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_diags_sort(d);
	bs_diags_print(&b, d);
	return bs_buf_detach(&b);
}

static void test_renders(void)
{
	for (size_t i = 0; i < sizeof renders / sizeof *renders; i++) {
		const rcase *c = &renders[i];
		bs_tpl_set *set = bs_tpl_set_new();
		bs_diags d = BS_DIAGS_INIT;
		int rc = bs_tpl_set_add(set, "t", c->tpl, strlen(c->tpl),
					"layouts/t.mustache", &d);
		for (const char *const *p = c->partials; *p; p += 2)
			rc |= bs_tpl_set_add(set, p[0], p[1], strlen(p[1]),
					     p[0], &d);
		json_error_t jerr;
		json_t *data = json_loads(c->data, 0, &jerr);
		if (!data)
			printf("# bad test data: %s\n", jerr.text);
		bs_buf out = BS_BUF_INIT;
		if (!rc)
			rc = bs_tpl_render(&out, set, "t",
					   (const json_t *const *)&data, 1, &d);
		is_str(rc	 ? NULL
		       : out.ptr ? out.ptr
				 : "",
		       c->want, "%s", c->name);
		bs_buf_free(&out);
		json_decref(data);
		bs_diags_free(&d);
		bs_tpl_set_free(set);
	}
}

static void test_errors(void)
{
	for (size_t i = 0; i < sizeof errors / sizeof *errors; i++) {
		const ecase *c = &errors[i];
		bs_buf src = BS_BUF_INIT;
		const char *want = c->want;
		char buf[80];
		if (!want) {
			/* 20000 tags on one line, a bad one at the end */
			for (int k = 0; k < 20000; k++)
				bs_buf_puts(&src, "<i>{{x}}</i>");
			bs_buf_puts(&src, "{{/x}}");
			snprintf(buf, sizeof buf, "t.mustache:1:%zu: error",
				 src.len - 5);
			want = buf;
		} else {
			bs_buf_puts(&src, c->tpl);
		}
		bs_tpl_set *set = bs_tpl_set_new();
		bs_diags d = BS_DIAGS_INIT;
		int rc = bs_tpl_set_add(set, "t", src.ptr, src.len,
					"layouts/t.mustache", &d);
		char *msg = diag_text(&d);
		if (is_int(rc, BS_ECONTENT, "%s: fails", c->name))
			like(msg, want, "%s", c->name);
		else
			ok(0, "%s", c->name);
		ok(!bs_tpl_set_has(set, "t"), "%s: not added", c->name);
		free(msg);
		bs_diags_free(&d);
		bs_tpl_set_free(set);
		bs_buf_free(&src);
	}
}

static int add(bs_tpl_set *set, const char *name, const char *src, bs_diags *d)
{
	char path[80];
	snprintf(path, sizeof path, "layouts/%s.mustache", name);
	return bs_tpl_set_add(set, name, src, strlen(src), path, d);
}

static char *render(const bs_tpl_set *set, const char *name, int *rc,
		    bs_diags *d)
{
	json_t *ctx = json_object();
	bs_buf out = BS_BUF_INIT;
	*rc = bs_tpl_render(&out, set, name, (const json_t *const *)&ctx, 1, d);
	json_decref(ctx);
	return bs_buf_detach(&out);
}

static void test_set(void)
{
	bs_tpl_set *set = bs_tpl_set_new();
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	char *s, *msg;

	add(set, "t", "one", &d);
	add(set, "t", "two", &d);
	s = render(set, "t", &rc, &d);
	is_str(s, "two", "adding a name again replaces it");
	free(s);
	is_int(add(set, "t", "{{#broken}}", &d), BS_ECONTENT,
	       "a broken replacement fails");
	bs_diags_free(&d);
	s = render(set, "t", &rc, &d);
	is_str(s, "two", "and leaves the old template in place");
	free(s);
	s = render(set, "nope", &rc, &d);
	is_int(rc, BS_ECONTENT, "rendering an unknown name is an error");
	free(s);
	bs_diags_free(&d);

	add(set, "page",
	    "<h1>x</h1>\n  {{> header}}\n{{#a}}{{<base}}{{/base}}{{/a}}", &d);
	is_int(bs_tpl_set_check(set, &d), BS_ECONTENT,
	       "the strict check reports missing templates");
	is_int(bs_diags_count(&d, BS_ERROR), 2, "one error for each");
	msg = diag_text(&d);
	like(msg,
	     "layouts/page.mustache:2:3: error: no layout or partial named "
	     "'header'",
	     "a missing partial at its tag");
	like(msg,
	     "layouts/page.mustache:3:7: error: no layout or partial named "
	     "'base'",
	     "a missing parent at its tag");
	free(msg);
	bs_diags_free(&d);
	s = render(set, "page", &rc, &d);
	is_str(s, "<h1>x</h1>\n", "while rendering still treats them as empty");
	free(s);
	add(set, "header", "<header>", &d);
	add(set, "base", "", &d);
	is_int(bs_tpl_set_check(set, &d), BS_OK,
	       "the check passes once they exist");
	ok(bs_tpl_set_has(set, "header") && !bs_tpl_set_has(set, "footer"),
	   "bs_tpl_set_has");

	add(set, "self", "<{{> self}}>", &d);
	s = render(set, "self", &rc, &d);
	is_int(rc, BS_ECONTENT, "a partial that includes itself stops");
	is_int(bs_diags_count(&d, BS_ERROR), 1, "with one error");
	msg = diag_text(&d);
	like(msg,
	     "layouts/self.mustache:1:2: error: partials nest deeper than 64",
	     "at the tag that went too deep");
	free(msg);
	free(s);
	bs_diags_free(&d);

	add(set, "ping", "{{> pong}}", &d);
	add(set, "pong", "  {{> ping}}\n", &d);
	s = render(set, "ping", &rc, &d);
	is_int(rc, BS_ECONTENT, "two partials including each other stop");
	free(s);
	bs_diags_free(&d);

	add(set, "up", "{{<up}}{{/up}}", &d);
	s = render(set, "up", &rc, &d);
	is_int(rc, BS_ECONTENT, "a template that is its own parent stops");
	free(s);
	bs_diags_free(&d);

	add(set, "deep63", "", &d);
	char name[16], text[32];
	for (int i = 62; i >= 0; i--) {
		snprintf(name, sizeof name, "deep%d", i);
		snprintf(text, sizeof text, "{{> deep%d}}", i + 1);
		add(set, name, text, &d);
	}
	add(set, "deep63", ".", &d);
	s = render(set, "deep0", &rc, &d);
	is_str(s, ".", "64 levels of partials are allowed");
	free(s);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
}

/* Sections over a list nested in each other: stopped, not run for hours
 * or until the memory is gone. */
static void test_runaway(void)
{
	bs_tpl_set *set = bs_tpl_set_new();
	bs_diags d = BS_DIAGS_INIT;
	json_t *l = json_array();
	for (int i = 0; i < 400; i++)
		json_array_append_new(l, json_integer(i));
	json_t *ctx = json_pack("{s:o}", "l", l);
	add(set, "quiet", "{{#l}}{{#l}}\n{{#l}}{{/l}}{{/l}}{{/l}}", &d);
	bs_buf loud = BS_BUF_INIT;
	bs_buf_puts(&loud, "{{#l}}{{#l}}\n  <li>");
	for (int i = 0; i < 50; i++)
		bs_buf_puts(&loud, "ten bytes ");
	bs_buf_puts(&loud, "</li>{{/l}}{{/l}}");
	add(set, "loud", loud.ptr, &d);
	bs_buf_free(&loud);
	add(set, "fine", "{{#l}}{{#l}}.{{/l}}{{/l}}", &d);
	bs_buf out = BS_BUF_INIT;
	int rc =
	    bs_tpl_render(&out, set, "quiet", (const json_t **)&ctx, 1, &d);
	is_int(rc, BS_ECONTENT,
	       "64 million steps with no output stop at 10 million");
	char *msg = diag_text(&d);
	like(msg,
	     "layouts/quiet.mustache:2:1: error: the page takes more than 10 "
	     "million steps here",
	     "at the tag, with the limit");
	like(msg, "repeats for every pair", "and what to change");
	free(msg);
	bs_diags_free(&d);
	bs_buf_clear(&out);
	rc = bs_tpl_render(&out, set, "loud", (const json_t **)&ctx, 1, &d);
	is_int(rc, BS_ECONTENT, "a page growing past 64 MiB stops");
	msg = diag_text(&d);
	like(msg, "error: the page grows past 64 MiB here", "and says so");
	is_int(bs_diags_count(&d, BS_ERROR), 1, "once");
	ok(out.len < (66u << 20), "before it holds much more");
	free(msg);
	bs_diags_free(&d);
	bs_buf_clear(&out);
	rc = bs_tpl_render(&out, set, "fine", (const json_t **)&ctx, 1, &d);
	ok(rc == BS_OK && out.len == 160000, "160,000 steps are fine");
	bs_buf_free(&out);
	json_decref(ctx);
	bs_tpl_set_free(set);
}

typedef struct job {
	const bs_tpl_set *set;
	const json_t *const *ctx;
	bs_buf out;
	int rc;
} job;

static void *work(void *arg)
{
	job *j = arg;
	for (int i = 0; i < 300 && !j->rc; i++) {
		bs_buf_clear(&j->out);
		j->rc = bs_tpl_render(&j->out, j->set, "page", j->ctx, 2, NULL);
	}
	return NULL;
}

static void test_threads(void)
{
	bs_tpl_set *set = bs_tpl_set_new();
	bs_diags d = BS_DIAGS_INIT;
	add(set, "base",
	    "<title>{{$title}}{{site}}{{/title}}</title>\n"
	    "<main>\n  {{$main}}\n  {{/main}}\n</main>\n",
	    &d);
	add(set, "item", "<li>{{name}}: {{n}}</li>\n", &d);
	add(set, "page",
	    "{{<base}}\n{{$main}}\n<ul>\n{{#items}}\n  {{> item}}\n{{/items}}\n"
	    "</ul>\n{{/main}}\n{{/base}}\n",
	    &d);
	json_t *site = json_pack("{s:s}", "site", "S & T");
	json_t *page = json_pack("{s:[{s:s,s:f},{s:s,s:i}]}", "items", "name",
				 "<a>", "n", 2.3, "name", "b", "n", 85);
	const json_t *ctx[2] = {site, page};
	bs_buf want = BS_BUF_INIT;
	is_int(bs_tpl_render(&want, set, "page", ctx, 2, &d), BS_OK,
	       "the threaded template renders");
	is_str(want.ptr,
	       "<title>S &amp; T</title>\n<main>\n  <ul>\n"
	       "    <li>&lt;a&gt;: 2.3</li>\n    <li>b: 85</li>\n  </ul>\n"
	       "</main>\n",
	       "with both frames of the context stack");
	job a = {set, ctx, BS_BUF_INIT, 0}, b = {set, ctx, BS_BUF_INIT, 0};
	pthread_t ta, tb;
	pthread_create(&ta, NULL, work, &a);
	pthread_create(&tb, NULL, work, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	ok(a.rc == 0 && b.rc == 0, "two threads render without error");
	is_str(a.out.ptr, want.ptr, "thread one gives the same bytes");
	is_str(b.out.ptr, want.ptr, "thread two gives the same bytes");
	bs_buf_free(&a.out);
	bs_buf_free(&b.out);
	bs_buf_free(&want);
	json_decref(site);
	json_decref(page);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
}

int main(void)
{
	test_renders();
	test_errors();
	test_set();
	test_threads();
	test_runaway();
	return done_testing();
}
