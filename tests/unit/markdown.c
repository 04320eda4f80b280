/* Markdown: GFM extensions, raw HTML shown as text, unsafe links dropped,
 * site-rooted links made relative (pages) or absolute (JSON). */
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
	return done_testing();
}
