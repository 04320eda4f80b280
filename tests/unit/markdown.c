/* Markdown: GFM extensions, raw HTML shown as text, unsafe links dropped,
 * site-rooted links made relative (pages) or absolute (JSON); the HTML
 * kept from the check gives the same bytes as a parse. */
#include "pages/markdown.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char *html(const char *md, const char *root)
{
	bs_buf b = BS_BUF_INIT;
	bs_md_links l = {root, NULL};
	bs_md_html(&b, md, strlen(md), &l, 2);
	return bs_buf_detach(&b);
}

static char *plain(const char *md, const char *base)
{
	bs_buf b = BS_BUF_INIT;
	bs_md_links l = {NULL, base};
	bs_md_plain(&b, md, strlen(md), &l);
	return bs_buf_detach(&b);
}

/* Texts whose HTML the check keeps: every kind of link and heading, and
 * what could be taken for one. */
static const char *const kept_texts[] = {
    "# One\n\n## Two\n\nSee [f](/framework/) and [g](/glossary/#x).\n",
    "### Low\n\n#### Lower\n\n### Low again\n\n#### Deeper\n\n##### Deepest\n",
    "Setext\n======\n\nSub\n---\n\ntext [home](/) [root](/a%20b/?q=1&r=2)\n",
    "![logo](/assets/img/x.svg \"t\") and ![a [b](/inner/) c](/img.png)\n",
    "[![img](/i.png)](/outer/) [e](https://e.example/x) "
    "<https://auto.example>\n",
    "www.example.org and mail@example.org and [m](mailto:a@b.example)\n",
    "`<a href=\"/x/\">` and <a href=\"/raw/\">raw</a> <h2>raw</h2>\n",
    "```html\n<a "
    "href=\"/code/\">x</a>\n<h1>t</h1>\n```\n\n<div>\n<h3>b</h3>\n</div>\n",
    "| a | [b](/t/) |\n|---|:-:|\n| <th> | ![i](/c.png) |\n",
    "- [x] [done](/d/)\n- [ ] ~~gone~~ [x](javascript:alert(1))\n",
    "> ## Quoted\n>\n> [q](/q/ 'title \"<a href=\"/no/\">')\n",
    "[ref][r] and [other][]\n\n[r]: /ref/\n[other]: //evil.example/\n",
    "# a\n## b\n### c\n#### d\n##### e\n###### f [l](/l/)\n",
    "No headings or links at all, only *text* & <b>tags</b>.\n",
    "",
};

/* bs_md_html_kept against bs_md_html for one text, root and top. */
static int same_kept(const bs_md_found *f, const char *md, const char *root,
		     int top)
{
	bs_buf a, b;
	bs_buf_init(&a); /* ptr set even for no bytes */
	bs_buf_init(&b);
	bs_md_links l = {root, NULL};
	bs_md_html(&a, md, strlen(md), root ? &l : NULL, top);
	bs_md_html_kept(&b, f, md, strlen(md), root ? &l : NULL, top);
	int same = a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
	if (!same)
		printf("# %s\n# parsed: %s\n# kept:   %s\n", md, a.ptr, b.ptr);
	bs_buf_free(&a);
	bs_buf_free(&b);
	return same;
}

static void kept(void)
{
	static const char *const roots[] = {
	    NULL, "", "../../", "https://b.example/sub/", "odd root&/"};
	size_t nt = sizeof kept_texts / sizeof *kept_texts;
	size_t nr = sizeof roots / sizeof *roots;
	int all = 1, made = 1;
	for (size_t i = 0; i < nt; i++) {
		const char *md = kept_texts[i];
		bs_md_found f = {NULL, 0, 0, NULL};
		bs_diags d = BS_DIAGS_INIT;
		bs_md_check_keep(md, strlen(md), NULL, 1, &f, &d);
		if (!f.kept)
			printf("# nothing kept: %s\n", md);
		made &= f.kept != NULL;
		for (size_t r = 0; r < nr; r++)
			for (int top = 0; top <= 3; top++)
				all &= same_kept(&f, md, roots[r], top);
		bs_md_found_free(&f);
		bs_diags_free(&d);
	}
	ok(made, "the check keeps the HTML of every text within the limits");
	ok(all, "the kept HTML gives the bytes a parse gives, for every "
		"root and heading level");

	/* the kept HTML is what renders: changed in place after the check,
	 * the text still renders as it was checked */
	char md[] = "## Kept\n\n[a](/a/)\n";
	bs_md_found f = {NULL, 0, 0, NULL};
	bs_diags d = BS_DIAGS_INIT;
	bs_md_check_keep(md, strlen(md), NULL, 1, &f, &d);
	memcpy(md, "## Late", 7);
	bs_buf b = BS_BUF_INIT;
	bs_md_links l = {"../", NULL};
	bs_md_html_kept(&b, &f, md, strlen(md), &l, 2);
	is_str(b.ptr, "<h2>Kept</h2>\n<p><a href=\"../a/\">a</a></p>\n",
	       "a page renders from the kept HTML, without a parse");
	bs_buf_free(&b);
	/* another text (a translation's body) is parsed */
	const char *other = "# Other [b](/b/)\n";
	bs_md_html_kept(&b, &f, other, strlen(other), &l, 3);
	is_str(b.ptr, "<h3>Other <a href=\"../b/\">b</a></h3>\n",
	       "any other text is parsed");
	bs_buf_free(&b);
	bs_md_found_free(&f);
	/* bs_md_check keeps nothing */
	bs_md_check(md, strlen(md), NULL, 1, &f, &d);
	ok(f.kept == NULL && f.n == 1, "bs_md_check keeps links, no HTML");
	bs_md_found_free(&f);
	bs_diags_free(&d);
}

int main(void)
{
	char *s;
	s = html("| a | b |\n|---|---|\n| 1 | 2 |\n", "");
	like(s, "<table>", "tables");
	like(s, "<th scope=\"col\">a</th>", "header cells carry a scope");
	free(s);
	s = html("see https://example.org now", "");
	like(s, "<a href=\"https://example.org\">", "autolinks");
	free(s);
	s = html("~~gone~~", "");
	like(s, "<del>gone</del>", "strikethrough");
	free(s);
	s = html("- [x] done\n- [ ] todo\n", "");
	like(s, "checked", "task lists");
	free(s);
	s = html("<script>alert(1)</script>\n\nand <b>x</b>", "");
	ok(!strstr(s, "<script>") && !strstr(s, "<b>"),
	   "raw HTML never becomes markup");
	like(s, "&lt;script&gt;alert(1)&lt;/script&gt;",
	     "raw HTML shown as text");
	free(s);
	s = html("[x](javascript:alert(1)) [y](data:text/html,z)", "");
	ok(!strstr(s, "javascript:") && !strstr(s, "data:"),
	   "unsafe links dropped");
	free(s);
	s = html("[f](/framework/) [e](https://e.example/) [r](other/)",
		 "../../");
	like(s, "href=\"../../framework/\"", "site-rooted link made relative");
	like(s, "href=\"https://e.example/\"", "absolute link kept");
	like(s, "href=\"other/\"", "relative link kept");
	free(s);
	s = html("# Title\n", "");
	like(s, "<h2>Title</h2>", "headings shifted below the page title");
	free(s);
	s = html("### Part\n\n#### Detail\n\n### Next\n", "");
	like(s, "<h2>Part</h2>\n<h3>Detail</h3>\n<h2>Next</h2>",
	     "a text's highest headings sit right below the page title");
	free(s);
	s = plain("Read *the* [framework](/framework/).\n\n- one\n- two\n",
		  "https://b.example/fw/");
	like(s, "[framework](https://b.example/fw/framework/)",
	     "plain Markdown gets absolute links");
	like(s, "*the*", "emphasis kept");
	like(s, "- one", "lists kept");
	free(s);
	kept();
	return done_testing();
}
