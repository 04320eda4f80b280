/* markdown.c: cmark-gfm behind a small interface. */
#include "pages/markdown.h"

#include "base/alloc.h"
#include "base/url.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init(void) { cmark_gfm_core_extensions_ensure_registered(); }

void bs_md_init(void) { pthread_once(&once, init); }

static const char *const exts[] = {"table", "autolink", "strikethrough",
				   "tasklist"};

/* ---- allocation ----
 * cmark allocates every node, chunk and buffer of a document separately
 * and frees them one by one; for pages of a few kilobytes that was a third
 * of a build's instructions. A document's memory now comes from an arena
 * that lives exactly as long as the document, and goes in one step.
 * cmark's allocator interface takes no context argument, so the arena in
 * use is found through a thread-local pointer: each thread works on one
 * document at a time, and nothing outlives the call that parsed it. */

typedef struct md_block {
	struct md_block *next;
	size_t cap, used; /* bytes of data */
	max_align_t data[];
} md_block;

typedef struct md_arena {
	md_block *head; /* the block allocations come from */
	void *last;	/* the newest allocation, which can grow in place */
} md_arena;

static _Thread_local md_arena *arena;

/* Every allocation is preceded by its size, so realloc can copy it. */
typedef union md_hdr {
	size_t size;
	max_align_t align;
} md_hdr;

enum { MD_BLOCK = 64 * 1024 };

static size_t round_up(size_t n)
{
	size_t a = sizeof(max_align_t);
	return (n + a - 1) / a * a;
}

static void *arena_alloc(size_t size)
{
	md_arena *a = arena;
	if (!a)
		abort(); /* cmark called outside an arena: a bug here */
	if (size > SIZE_MAX / 2)
		return bs_xmalloc(size); /* fails, and aborts there */
	size_t need = sizeof(md_hdr) + round_up(size);
	md_block *b = a->head;
	if (!b || b->cap - b->used < need) {
		size_t cap = need > MD_BLOCK ? need : MD_BLOCK;
		b = bs_xmalloc(sizeof *b + cap);
		b->cap = cap;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	md_hdr *h = (md_hdr *)((char *)b->data + b->used);
	b->used += need;
	h->size = round_up(size);
	a->last = h + 1;
	return h + 1;
}

static void *arena_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return bs_xcalloc(n, size); /* fails, and aborts there */
	void *p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *arena_realloc(void *p, size_t size)
{
	if (!p)
		return arena_alloc(size);
	md_hdr *h = (md_hdr *)p - 1;
	if (size <= h->size)
		return p;
	md_block *b = arena->head;
	size_t grow = round_up(size) - h->size;
	/* the newest allocation grows where it is */
	if (p == arena->last && b->cap - b->used >= grow) {
		b->used += grow;
		h->size += grow;
		return p;
	}
	void *q = arena_alloc(size);
	memcpy(q, p, h->size);
	return q;
}

/* Freed with the whole arena. */
static void arena_free(void *p) { (void)p; }

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

static void arena_open(md_arena *a)
{
	*a = (md_arena){NULL, NULL};
	arena = a;
}

static void arena_close(md_arena *a)
{
	for (md_block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	arena = NULL;
}

/* Parse md into the arena a, which the caller closes when done with the
 * document (nothing of it is freed on its own). */
static cmark_node *parse(md_arena *a, const char *md, size_t len,
			 cmark_llist **syntax_exts)
{
	bs_md_init();
	arena_open(a);
	cmark_mem *mem = &arena_mem;
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
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

/* ---- work limits ---- */

enum { MD_OK, MD_DEEP, MD_ROW, MD_CELLS };

typedef struct md_over {
	int kind;      /* MD_* */
	int line, col; /* 1-based, in the Markdown text */
	long got, cols, rows;
} md_over;

/* The end of the line that starts at p (its '\n' or e). */
static const char *eol(const char *p, const char *e)
{
	const char *n = memchr(p, '\n', (size_t)(e - p));
	return n ? n : e;
}

/* After the container prefix (spaces, tabs, '>'), nothing: a blank line
 * of the innermost block quote ends a table there. */
static int blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	return p == e;
}

/* The columns of a delimiter row ("|:--|--:|", "---"), or 0 when the line
 * is not one. cmark-gfm reads the paragraph above such a line as a table
 * header, and the lines below as its rows. */
static long delim_cols(const char *p, const char *e)
{
	long cols = 0;
	int dash = 0;
	while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	for (; p < e; p++) {
		if (*p == '-')
			dash = 1;
		else if (*p == '|')
			cols += dash, dash = 0;
		else if (*p != ' ' && *p != '\t' && *p != ':')
			return 0;
	}
	return cols + dash;
}

/* The cells a line would make as a table row: one more than its pipes,
 * less an opening and a closing one. */
static long row_cells(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e)
		return 0;
	long n = 1;
	for (const char *q = p; q < e; q++)
		n += *q == '|';
	n -= *p == '|';
	n -= e - p > 1 && e[-1] == '|';
	return n;
}

/* The start of the line after the one that ends at e. */
static const char *next(const char *e, const char *end)
{
	return e < end ? e + 1 : end;
}

/* Tables, line by line: in a run of non-blank lines that holds a
 * delimiter row, no line may make more than BS_MD_MAX_COLUMNS cells, and
 * no table, from its header line to the end of the run, more than
 * BS_MD_MAX_CELLS. */
static int check_tables(const char *md, size_t len, md_over *o)
{
	const char *end = md + len, *p = md;
	int line = 1;
	while (p < end) {
		const char *e = eol(p, end);
		if (blank(p, e)) {
			p = next(e, end), line++;
			continue;
		}
		/* the run: lines first to last, [run, p) */
		const char *run = p;
		int first = line, table = 0;
		for (; p < end && !blank(p, e = eol(p, end)); line++) {
			table |= delim_cols(p, e) != 0;
			p = next(e, end);
		}
		int last = line - 1;
		const char *q = run;
		for (int l = first; table && l <= last; l++) {
			const char *qe = eol(q, end);
			long n = row_cells(q, qe), cols = delim_cols(q, qe);
			int hl = l > first ? l - 1 : l;
			if (n > BS_MD_MAX_COLUMNS) {
				*o = (md_over){MD_ROW, l, 1, n, 0, 0};
				return 1;
			}
			/* the header and the rows, not the delimiter row */
			long rows = last - hl + (hl == l);
			if (cols * rows > BS_MD_MAX_CELLS) {
				*o = (md_over){MD_CELLS,    hl,	  1,
					       cols * rows, cols, rows};
				return 1;
			}
			q = next(qe, end);
		}
	}
	return 0;
}

/* An upper bound of the containers open after a line that holds a '>'
 * or a list marker in its prefix (0 for other lines, which open none):
 * every container it keeps open took a '>' or two columns of indentation,
 * every one it opens a marker. */
static long line_depth(const char *p, const char *e)
{
	long marks = 0, ws = 0, col = 0;
	while (p < e) {
		const char *q = p;
		while (q < e && q - p < 9 && *q >= '0' && *q <= '9')
			q++;
		if (*p == ' ') {
			ws++, col++, p++;
		} else if (*p == '\t') {
			ws += 4 - col % 4, col += 4 - col % 4, p++;
		} else if (*p == '>') {
			marks++, col++, p++;
		} else if (*p == '-' || *p == '+' || *p == '*' ||
			   (q > p && q < e && (*q == '.' || *q == ')'))) {
			/* a list marker (m its last character), followed by
			 * a space or the end of the line */
			const char *m = q > p ? q : p;
			if (m + 1 < e && m[1] != ' ' && m[1] != '\t')
				break;
			marks++, col += m + 1 - p, p = m + 1;
		} else {
			break;
		}
	}
	return marks ? marks + ws / 2 : 0;
}

/* Block quotes and list items deeper than BS_MD_MAX_DEPTH. The bound of
 * line_depth settles all real text without parsing. Otherwise the text
 * up to the first line whose bound is past four times the limit (cut) is
 * parsed, which that bound keeps cheap, and measured exactly; the cut
 * line itself is refused unparsed. */
static int check_depth(const char *md, size_t len, md_over *o)
{
	const char *end = md + len, *cut = end, *p = md;
	long worst = 0;
	int line = 1;
	for (; p < end; line++) {
		const char *e = eol(p, end);
		long n = line_depth(p, e);
		if (n > 4 * BS_MD_MAX_DEPTH) {
			cut = p;
			break;
		}
		if (n > worst)
			worst = n;
		p = next(e, end);
	}
	int found = 0;
	if (worst > BS_MD_MAX_DEPTH) {
		cmark_llist *se;
		md_arena a;
		cmark_node *doc = parse(&a, md, (size_t)(cut - md), &se);
		cmark_iter *it = cmark_iter_new(doc);
		cmark_event_type ev;
		int depth = 0;
		while (!found &&
		       (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type t = cmark_node_get_type(n);
			if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_ITEM)
				continue;
			depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (depth > BS_MD_MAX_DEPTH) {
				*o = (md_over){MD_DEEP,
					       cmark_node_get_start_line(n),
					       cmark_node_get_start_column(n),
					       depth,
					       0,
					       0};
				found = 1;
			}
		}
		cmark_iter_free(it);
		arena_close(&a);
	}
	if (!found && cut < end) {
		*o = (md_over){MD_DEEP, line, 1, 0, 0, 0};
		found = 1;
	}
	return found;
}

static int over_limits(const char *md, size_t len, md_over *o)
{
	return check_tables(md, len, o) || check_depth(md, len, o);
}

/* The highest level (smallest number) of doc's headings; 0 without any. */
static int top_level(cmark_node *doc)
{
	int top = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int l = cmark_node_get_heading_level(n);
			if (!top || l < top)
				top = l;
		}
	}
	cmark_iter_free(it);
	return top;
}

/* A link or image node's destination, kept if bs_md_html would keep it. */
static void found_link(bs_md_found *f, cmark_node *n)
{
	const char *u = cmark_node_get_url(n);
	if (!u || !bs_url_allowed(u))
		return;
	bs_xgrow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v);
	f->v[f->n++] = (bs_md_ref){bs_xstrdup(u), cmark_node_get_start_line(n),
				   cmark_node_get_start_column(n)};
}

/* A text as HTML, rendered when it was checked: with no root (site links
 * as written, "/x") and top 0, so that the root and the heading levels of
 * a page are the only bytes a render changes. at: in ascending order, the
 * offset of each site link's leading '/' and of each heading tag's level
 * digit, which tells them apart. */
struct bs_md_kept {
	const char *md; /* the text it was made from (borrowed: identity) */
	size_t md_len;
	char *html;
	size_t len;
	size_t *at;
	size_t nat, cap;
	int top; /* the text's highest heading level; 0 without */
};

static void kept_free(bs_md_kept *k)
{
	if (!k)
		return;
	free(k->html);
	free(k->at);
	free(k);
}

void bs_md_found_free(bs_md_found *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].url);
	free(f->v);
	kept_free(f->kept);
	*f = (bs_md_found){NULL, 0, 0, NULL};
}

/* The outline: a page puts a text's highest headings one level below its
 * own (bs_md_html's top), so a heading may go at most one level deeper
 * than the heading before it, and the first one must be of the highest
 * level; else a reader of the outline finds a level missing. */
static bs_md_kept *keep_html(cmark_node *doc, cmark_llist *se, const char *md,
			     size_t len, int top);

static int check_outline(const char *md, size_t len, const bs_source *src,
			 int line0, bs_md_found *links, int keep, bs_diags *d)
{
	cmark_llist *se;
	md_arena a;
	cmark_node *doc = parse(&a, md, len, &se);
	int top = top_level(doc), prev = top - 1, prev_line = 0, rc = BS_OK;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((top || links) &&
	       (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER && links &&
		    (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE))
			found_link(links, n);
		if (ev != CMARK_EVENT_ENTER || t != CMARK_NODE_HEADING || !top)
			continue;
		int l = cmark_node_get_heading_level(n);
		int line = line0 + cmark_node_get_start_line(n) - 1;
		if (l > prev + 1) {
			char want[7] = "######", got[7] = "######";
			want[prev + 1] = '\0';
			got[l] = '\0';
			if (prev_line)
				rc = bs_diag_at(
				    d, BS_ERROR, src, line,
				    cmark_node_get_start_column(n),
				    "heading level skipped: this '%s' heading "
				    "follows a '%s' heading (line %d)",
				    got, want + 1, prev_line);
			else
				rc = bs_diag_at(
				    d, BS_ERROR, src, line,
				    cmark_node_get_start_column(n),
				    "heading level skipped: the first heading "
				    "is '%s' but a later one is '%s'",
				    got, want);
			bs_diag_hint(d,
				     "make it a '%s' heading: each heading "
				     "may go one level deeper than the one "
				     "before it",
				     want);
		}
		prev = l;
		prev_line = line;
	}
	cmark_iter_free(it);
	if (keep && rc == BS_OK) {
		kept_free(links->kept);
		links->kept = keep_html(doc, se, md, len, top);
	}
	arena_close(&a);
	return rc;
}

static int check(const char *md, size_t len, const bs_source *src, int line0,
		 bs_md_found *links, int keep, bs_diags *d)
{
	md_over o;
	if (!over_limits(md, len, &o))
		return check_outline(md, len, src, line0, links, keep, d);
	int line = line0 + o.line - 1;
	if (o.kind == MD_DEEP) {
		bs_diag_at(d, BS_ERROR, src, line, o.col,
			   "block quotes and lists nest more than %d levels "
			   "deep here",
			   BS_MD_MAX_DEPTH);
		bs_diag_hint(d,
			     "Markdown may nest block quotes and list items "
			     "at most %d levels deep (a '>' or list marker "
			     "counts a level, as do two columns of "
			     "indentation before it); flatten the structure",
			     BS_MD_MAX_DEPTH);
	} else if (o.kind == MD_ROW) {
		bs_diag_at(d, BS_ERROR, src, line, o.col,
			   "this table row has %ld cells; a table may have at "
			   "most %d columns",
			   o.got, BS_MD_MAX_COLUMNS);
		bs_diag_hint(d, "split the table, or write it as a list");
	} else {
		bs_diag_at(d, BS_ERROR, src, line, o.col,
			   "this table has %ld cells (%ld columns, %ld rows); "
			   "a table may have at most %ld",
			   o.got, o.cols, o.rows, BS_MD_MAX_CELLS);
		bs_diag_hint(d, "split it into several tables, or move the "
				"data into a file the page links to");
	}
	return BS_ECONTENT;
}

int bs_md_check(const char *md, size_t len, const bs_source *src, int line0,
		bs_md_found *links, bs_diags *d)
{
	return check(md, len, src, line0, links, 0, d);
}

int bs_md_check_keep(const char *md, size_t len, const bs_source *src,
		     int line0, bs_md_found *links, bs_diags *d)
{
	return check(md, len, src, line0, links, 1, d);
}

/* doc as HTML, appended to out. Table header cells name what they
 * head, for screen readers. */
static void to_html(bs_buf *out, cmark_node *doc, cmark_llist *se)
{
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, se);
	for (const char *p = html; *p;) {
		const char *th = strstr(p, "<th");
		if (!th || (th[3] != '>' && th[3] != ' ')) {
			size_t n = th ? (size_t)(th - p) + 3 : strlen(p);
			bs_buf_put(out, p, n);
			p += n;
			continue;
		}
		bs_buf_put(out, p, (size_t)(th - p));
		bs_buf_puts(out, "<th scope=\"col\"");
		p = th + 3;
	}
}

/* Raw HTML becomes visible text; site links are rewritten; headings move. */
static void rewrite(cmark_node *doc, const char *prefix, int top)
{
	int shift = top ? top - top_level(doc) : 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HTML_INLINE) {
			cmark_node *txt = cmark_node_new_with_mem(
			    CMARK_NODE_TEXT, &arena_mem);
			cmark_node_set_literal(txt, cmark_node_get_literal(n));
			cmark_node_replace(n, txt);
			cmark_node_free(n);
			cmark_iter_reset(it, txt, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_HTML_BLOCK) {
			cmark_node *para = cmark_node_new_with_mem(
			    CMARK_NODE_PARAGRAPH, &arena_mem);
			cmark_node *txt = cmark_node_new_with_mem(
			    CMARK_NODE_TEXT, &arena_mem);
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
		} else if (t == CMARK_NODE_HEADING && top) {
			int lvl = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, lvl > 6 ? 6 : lvl);
		}
	}
	cmark_iter_free(it);
}

void bs_md_html(bs_buf *out, const char *md, size_t len,
		const bs_md_links *links, int top)
{
	md_over o;
	if (over_limits(md, len, &o)) {
		bs_buf_puts(out, "<p>");
		bs_buf_html(out, md, len);
		bs_buf_puts(out, "</p>\n");
		return;
	}
	cmark_llist *se;
	md_arena a;
	cmark_node *doc = parse(&a, md, len, &se);
	rewrite(doc, links ? links->root : NULL, top);
	to_html(out, doc, se);
	arena_close(&a);
}

/* ---- HTML kept from the check ---- */

/* The nodes that write a link attribute (<a href=", <img src="), in the
 * order the HTML has them: links and images, but not those inside an
 * image's description, which is written as plain text. For each, 1 if it
 * is a site link ("/x", which a root replaces). Returns how many, or -1
 * past max. heads: the headings. */
static long link_nodes(char *site, long max, long *heads, cmark_node *doc)
{
	long n = 0, in_image = 0;
	*heads = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(nd);
		if (t == CMARK_NODE_HEADING && ev == CMARK_EVENT_ENTER)
			++*heads;
		if (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			in_image -= t == CMARK_NODE_IMAGE;
			continue;
		}
		if (!in_image) {
			if (n == max) {
				n = -1;
				break;
			}
			const char *u = cmark_node_get_url(nd);
			site[n++] = u && u[0] == '/' && u[1] != '/';
		}
		in_image += t == CMARK_NODE_IMAGE;
	}
	cmark_iter_free(it);
	return n;
}

static void kept_at(bs_md_kept *k, size_t at)
{
	bs_xgrow((void **)&k->at, &k->cap, k->nat + 1, sizeof *k->at);
	k->at[k->nat++] = at;
}

/* doc (checked, within the limits) as HTML with no root and top 0, and
 * where its site links and heading levels are. NULL when the HTML does
 * not have exactly one attribute per link and two tags per heading: then
 * a render parses the text again, as it always could. */
static bs_md_kept *keep_html(cmark_node *doc, cmark_llist *se, const char *md,
			     size_t len, int top)
{
	rewrite(doc, NULL, 0);
	bs_buf b;
	bs_buf_init(&b); /* ptr set even for an empty text */
	to_html(&b, doc, se);
	/* no more links than a quarter of the HTML's bytes: each writes
	 * at least <a href=""></a> */
	long max = (long)(b.len / 4) + 1, heads;
	char *site = bs_xmalloc((size_t)max);
	long nlinks = link_nodes(site, max, &heads, doc);
	bs_md_kept *k = bs_xcalloc(1, sizeof *k);
	long link = 0, open = 0, close = 0;
	const char *h = b.ptr, *e = b.ptr + b.len;
	for (const char *p = h;
	     nlinks >= 0 && (p = memchr(p, '<', (size_t)(e - p))); p++) {
		size_t rest = (size_t)(e - p), v = 0;
		if (rest > 9 && !memcmp(p, "<a href=\"", 9))
			v = 9;
		else if (rest > 10 && !memcmp(p, "<img src=\"", 10))
			v = 10;
		if (v) {
			if (link == nlinks) {
				nlinks = -1; /* more than the nodes: unknown */
				break;
			}
			if (site[link++]) {
				if (p[v] != '/')
					nlinks = -1;
				kept_at(k, (size_t)(p - h) + v);
			}
			continue;
		}
		int cl = rest > 4 && p[1] == '/';
		const char *q = p + 1 + cl;
		if (rest > (size_t)(3 + cl) && q[0] == 'h' && q[1] >= '1' &&
		    q[1] <= '6' && q[2] == '>') {
			kept_at(k, (size_t)(q + 1 - h));
			cl ? close++ : open++;
		}
	}
	free(site);
	if (nlinks < 0 || link != nlinks || open != heads || close != heads) {
		bs_buf_free(&b);
		kept_free(k);
		return NULL;
	}
	k->md = md;
	k->md_len = len;
	k->len = b.len;
	/* kept until the end of the build: no room to grow */
	k->html = bs_xrealloc(bs_buf_detach(&b), k->len + 1);
	k->at = k->nat ? bs_xrealloc(k->at, k->nat * sizeof *k->at) : k->at;
	k->top = top;
	return k;
}

/* Is s written as it is into an href (no byte houdini_escape_href
 * changes)? */
static int href_plain(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("-._~/:", *s)))
			return 0;
	return 1;
}

void bs_md_html_kept(bs_buf *out, const bs_md_found *found, const char *md,
		     size_t len, const bs_md_links *links, int top)
{
	const bs_md_kept *k = found ? found->kept : NULL;
	const char *root = links ? links->root : NULL;
	if (!k || k->md != md || k->md_len != len ||
	    (root && !href_plain(root))) {
		bs_md_html(out, md, len, links, top);
		return;
	}
	/* as rewrite moves them: the highest level becomes top */
	int shift = top && k->top ? top - k->top : 0;
	size_t rl = root ? strlen(root) : 0, from = 0;
	bs_buf_grow(out, k->len + k->nat * rl);
	for (size_t i = 0; i < k->nat; i++) {
		size_t at = k->at[i];
		char c = k->html[at];
		if (c == '/' ? !root : !shift)
			continue;
		bs_buf_put(out, k->html + from, at - from);
		if (c == '/') {
			bs_buf_put(out, root, rl);
		} else {
			int l = c - '0' + shift;
			bs_buf_putc(out, (char)('0' + (l > 6 ? 6 : l)));
		}
		from = at + 1;
	}
	bs_buf_put(out, k->html + from, k->len - from);
}

void bs_md_each_link(const char *md, size_t len, bs_md_link_fn fn, void *ctx)
{
	md_over o;
	if (over_limits(md, len, &o))
		return;
	cmark_llist *se;
	md_arena a;
	cmark_node *doc = parse(&a, md, len, &se);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
			continue;
		const char *u = cmark_node_get_url(n);
		if (u && bs_url_allowed(u))
			fn(ctx, u, cmark_node_get_start_line(n),
			   cmark_node_get_start_column(n));
	}
	cmark_iter_free(it);
	arena_close(&a);
}

void bs_md_plain(bs_buf *out, const char *md, size_t len,
		 const bs_md_links *links)
{
	md_over o;
	if (over_limits(md, len, &o)) {
		bs_buf_put(out, md, len);
		return;
	}
	cmark_llist *se;
	md_arena a;
	cmark_node *doc = parse(&a, md, len, &se);
	rewrite(doc, links ? links->base_url : NULL, 0);
	char *s = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	bs_buf_put(out, s, n);
	arena_close(&a);
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
