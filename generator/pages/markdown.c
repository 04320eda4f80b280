/* markdown.c: cmark-gfm behind a small interface. */
#include "pages/markdown.h"

#include "base/alloc.h"
#include "base/url.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void) { cmark_gfm_core_extensions_ensure_registered(); }

void bs_md_init(void) { pthread_once(&once, init); }

static const char *const exts[] = {"table", "autolink", "strikethrough",
				   "tasklist"};

static cmark_node *parse(const char *md, size_t len, cmark_llist **syntax_exts)
{
	bs_md_init();
	cmark_mem *mem = cmark_get_default_mem_allocator();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	*syntax_exts = NULL;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		cmark_syntax_extension *e =
		    cmark_find_syntax_extension(exts[i]);
		if (e) {
			cmark_parser_attach_syntax_extension(p, e);
			*syntax_exts = cmark_llist_append(mem, *syntax_exts, e);
		}
	}
	cmark_parser_feed(p, md, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/* Raw HTML becomes visible text; site links are rewritten; headings move. */
static void rewrite(cmark_node *doc, const char *prefix, int shift)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HTML_INLINE) {
			cmark_node *txt = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(txt, cmark_node_get_literal(n));
			cmark_node_replace(n, txt);
			cmark_node_free(n);
			cmark_iter_reset(it, txt, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_HTML_BLOCK) {
			cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node *txt = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(txt, cmark_node_get_literal(n));
			cmark_node_append_child(para, txt);
			cmark_node_replace(n, para);
			cmark_node_free(n);
			cmark_iter_reset(it, para, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			const char *u = cmark_node_get_url(n);
			if (!u || !bs_url_allowed(u)) {
				cmark_node_set_url(n, "");
			} else if (prefix && u[0] == '/' && u[1] != '/') {
				char *nu = bs_xasprintf("%s%s", prefix, u + 1);
				cmark_node_set_url(n, nu);
				free(nu);
			}
		} else if (t == CMARK_NODE_HEADING && shift) {
			int lvl = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, lvl > 6 ? 6 : lvl);
		}
	}
	cmark_iter_free(it);
}

void bs_md_html(bs_buf *out, const char *md, size_t len,
		const bs_md_links *links, int shift)
{
	cmark_llist *se;
	cmark_node *doc = parse(md, len, &se);
	rewrite(doc, links ? links->root : NULL, shift);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, se);
	/* table header cells name what they head, for screen readers */
	bs_buf b = BS_BUF_INIT;
	for (const char *p = html; *p;) {
		const char *th = strstr(p, "<th");
		if (!th || (th[3] != '>' && th[3] != ' ')) {
			size_t n = th ? (size_t)(th - p) + 3 : strlen(p);
			bs_buf_put(&b, p, n);
			p += n;
			continue;
		}
		bs_buf_put(&b, p, (size_t)(th - p));
		bs_buf_puts(&b, "<th scope=\"col\"");
		p = th + 3;
	}
	bs_buf_put(out, b.ptr, b.len);
	bs_buf_free(&b);
	cmark_get_default_mem_allocator()->free(html);
	cmark_llist_free(cmark_get_default_mem_allocator(), se);
	cmark_node_free(doc);
}

void bs_md_plain(bs_buf *out, const char *md, size_t len,
		 const bs_md_links *links)
{
	cmark_llist *se;
	cmark_node *doc = parse(md, len, &se);
	rewrite(doc, links ? links->base_url : NULL, 0);
	char *s = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	bs_buf_put(out, s, n);
	cmark_get_default_mem_allocator()->free(s);
	cmark_llist_free(cmark_get_default_mem_allocator(), se);
	cmark_node_free(doc);
}

void bs_md_inline(bs_buf *out, const char *md, size_t len,
		  const bs_md_links *links)
{
	bs_buf tmp = BS_BUF_INIT;
	bs_md_html(&tmp, md, len, links, 0);
	const char *s = tmp.ptr;
	size_t n = tmp.len;
	while (n && s[n - 1] == '\n')
		n--;
	if (n >= 7 && strncmp(s, "<p>", 3) == 0 &&
	    strncmp(s + n - 4, "</p>", 4) == 0 && !strstr(s + 3, "<p>")) {
		s += 3;
		n -= 7;
	}
	bs_buf_put(out, s, n);
	bs_buf_free(&tmp);
}
