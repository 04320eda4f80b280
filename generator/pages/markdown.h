/* markdown.h: CommonMark + GFM (tables, autolinks, strikethrough, task
 * lists) to HTML and back to plain Markdown. The only module that knows
 * cmark. Raw HTML in content is shown as text, never passed as markup, and
 * link destinations other than http(s), mailto and relative are dropped. */
#ifndef BS_MARKDOWN_H
#define BS_MARKDOWN_H

#include "base/buf.h"

#include <stddef.h>

/* Links written from the site root ("/badges/x/") are rewritten:
 * for HTML to root + "badges/x/" (root as in bs_url_root), for plain
 * Markdown to base_url + "badges/x/". */
typedef struct bs_md_links {
	const char *root;     /* "../../"; NULL leaves site links as they are */
	const char *base_url; /* absolute, ends in "/"; NULL: keep */
} bs_md_links;

/* Call once before any thread renders Markdown (registers the extensions). */
void bs_md_init(void);
/* Append the HTML of md (len bytes). shift moves headings down (1: # is h2). */
void bs_md_html(bs_buf *out, const char *md, size_t len,
		const bs_md_links *links, int shift);
/* Append md re-rendered as plain CommonMark with absolute links. */
void bs_md_plain(bs_buf *out, const char *md, size_t len,
		 const bs_md_links *links);
/* Append md (a short inline string) as HTML without the <p> wrapper. */
void bs_md_inline(bs_buf *out, const char *md, size_t len,
		  const bs_md_links *links);

#endif
