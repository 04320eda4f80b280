/* markdown.h: CommonMark + GFM (tables, autolinks, strikethrough, task
 * lists) to HTML and back to plain Markdown. The only module that knows
 * cmark. Raw HTML in content is shown as text, never passed as markup, and
 * link destinations other than http(s), mailto and relative are dropped. */
#ifndef BS_MARKDOWN_H
#define BS_MARKDOWN_H

#include "base/buf.h"
#include "base/diag.h"
#include "input/source.h"

#include <stddef.h>

/* Links written from the site root ("/badges/x/") are rewritten:
 * for HTML to root + "badges/x/" (root as in bs_url_root), for plain
 * Markdown to base_url + "badges/x/". */
typedef struct bs_md_links {
	const char *root;     /* "../../"; NULL leaves site links as they are */
	const char *base_url; /* absolute, ends in "/"; NULL: keep */
} bs_md_links;

/* Work limits: cmark-gfm is quadratic in some deep or wide constructs (a
 * line of thousands of '>' or list markers, a table row of thousands of
 * cells), so a text past these is refused before it is parsed. A real
 * framework never comes near them. */
#define BS_MD_MAX_DEPTH 32     /* block quotes and list items, nested */
#define BS_MD_MAX_COLUMNS 200  /* cells in one table row */
#define BS_MD_MAX_CELLS 50000L /* cells in one table */

/* The links and images of a text, found by bs_md_check in the same parse
 * that checks it: each destination as bs_md_each_link would pass it. The
 * list owns its strings; bs_md_found_free frees them, and kept. */
typedef struct bs_md_ref {
	char *url;
	int line, col; /* as bs_md_link_fn gets them */
} bs_md_ref;
typedef struct bs_md_kept bs_md_kept; /* the text as HTML: see below */
typedef struct bs_md_found {
	bs_md_ref *v;
	size_t n, cap;
	bs_md_kept *kept; /* bs_md_check_keep's HTML, or NULL */
} bs_md_found;
void bs_md_found_free(bs_md_found *f);

/* Check md (len bytes, the body that starts at line line0 of src) against
 * the limits above, without giving cmark more than bounded work. Reports
 * the first construct past a limit at its line in src, with a hint, and
 * returns BS_ECONTENT. Within the limits, checks the outline: each
 * heading at most one level deeper than the one before it, the first of
 * the text's highest level; reports each skip at its line. links, unless
 * NULL, receives the text's links (none for a text past the limits), so
 * that checking them needs no second parse. */
int bs_md_check(const char *md, size_t len, const bs_source *src, int line0,
		bs_md_found *links, bs_diags *d);

/* bs_md_check, and when the text is within the limits also renders it in
 * that same parse and keeps the HTML in links->kept (links must not be
 * NULL), with where each site link and heading level sits in it, so that
 * bs_md_html_kept can give a page its HTML without parsing the text again.
 * Costs the HTML's bytes until bs_md_found_free. */
int bs_md_check_keep(const char *md, size_t len, const bs_source *src,
		     int line0, bs_md_found *links, bs_diags *d);

/* Call once before any thread renders Markdown (registers the extensions). */
void bs_md_init(void);
/* Append the HTML of md (len bytes). top places the headings under the
 * page's own: the text's highest level becomes h<top> and the others
 * follow it (top 2: a text whose first headings are "##" or "#" starts
 * at h2); 0 leaves them as written.
 * A text past the limits (which bs_md_check reports) is never parsed: it
 * is shown as escaped text in one paragraph (bs_md_plain: as it is). */
void bs_md_html(bs_buf *out, const char *md, size_t len,
		const bs_md_links *links, int shift);
/* The same bytes as bs_md_html, from found->kept when bs_md_check_keep
 * made it from this very text (the same md and len): site links get
 * links->root and headings their level under top, with no parse. Any
 * other text (found NULL, nothing kept, another body such as a
 * translation's) is parsed by bs_md_html. */
void bs_md_html_kept(bs_buf *out, const bs_md_found *found, const char *md,
		     size_t len, const bs_md_links *links, int top);
/* Append md re-rendered as plain CommonMark with absolute links. */
void bs_md_plain(bs_buf *out, const char *md, size_t len,
		 const bs_md_links *links);
/* Called for every link and image destination of a text: url as written
 * (borrowed for the call), line and column 1-based in the text (line 0
 * when cmark knows none, as for a bare www. autolink). */
typedef void (*bs_md_link_fn)(void *ctx, const char *url, int line, int col);
/* Call fn for each link and image of md (len bytes), in text order, after
 * the same filtering bs_md_html does (a destination it drops is not
 * passed). A text past the limits has none. */
void bs_md_each_link(const char *md, size_t len, bs_md_link_fn fn, void *ctx);
/* Append md (a short inline string) as HTML without the <p> wrapper. */
void bs_md_inline(bs_buf *out, const char *md, size_t len,
		  const bs_md_links *links);

#endif
