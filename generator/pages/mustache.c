/* mustache.c: a Mustache engine held to the official specification
 * (interpolation, sections, inverted, comments, partials, delimiters and
 * inheritance): compiling templates into node trees and keeping them in a
 * set. Rendering is mustache_render.c. */
#include "pages/mustache.h"
#include "pages/mustache_tree.h"

#include "base/alloc.h"
#include "input/source.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sections and blocks nested in one template: deeper is an error, so a
 * hostile layout cannot exhaust the stack while it is parsed. */
#define MAX_NEST 100
#define MAX_NEST_TEXT "100"

static void node_free(node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_free(&n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n->ws);
	free(n->def_ws);
}

static node *add_kid(node *p, ntype t)
{
	bs_xgrow((void **)&p->kids, &p->cap, p->nkids + 1, sizeof *p->kids);
	node *k = &p->kids[p->nkids++];
	memset(k, 0, sizeof *k);
	k->type = t;
	return k;
}

/* ---- parsing ---- */

typedef struct parser {
	const char *s;
	size_t len, pos;
	char otag[16], ctag[16];
	bs_source src; /* for line/column and the source line in errors */
	bs_diags *d;
	int failed;
	int depth; /* sections open around the current position */
	/* Tags are met in order, so positions and line starts are found by
	 * moving forward from the last answer: compiling stays linear. */
	size_t at_off;
	int at_line, at_col;
	size_t ls_scanned, ls; /* line start of offsets up to ls_scanned */
	/* what is known of the current line's text before the latest tag:
	 * clean (only whitespace and quiet tags) up to clean_to, or dirty */
	size_t cl_ls, cl_to;
	int cl_ok;
} parser;

/* Line and column of offset off (as bs_source_pos counts them). */
static void where(parser *p, size_t off, int *line, int *col)
{
	if (off < p->at_off) {
		p->at_off = 0;
		p->at_line = p->at_col = 1;
	}
	for (; p->at_off < off && p->at_off < p->len; p->at_off++) {
		unsigned char ch = (unsigned char)p->s[p->at_off];
		if (ch == '\n') {
			p->at_line++;
			p->at_col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			p->at_col++;
		}
	}
	*line = p->at_line;
	*col = p->at_col;
}

/* Offset of the start of the line holding off. */
static size_t line_start(parser *p, size_t off)
{
	if (off < p->ls_scanned) {
		size_t b = off;
		while (b > 0 && p->s[b - 1] != '\n')
			b--;
		return b;
	}
	for (size_t i = off; i > p->ls_scanned; i--)
		if (p->s[i - 1] == '\n') {
			p->ls = i;
			break;
		}
	p->ls_scanned = off;
	return p->ls;
}

/* The first t in the text at or after from, or NULL. The text may hold
 * NUL bytes, so this is bounded by its length, not by a terminator. */
static const char *seek(const parser *p, size_t from, const char *t)
{
	size_t n = strlen(t);
	while (from + n <= p->len) {
		const char *c = memchr(p->s + from, t[0], p->len - from);
		if (!c)
			return NULL;
		from = (size_t)(c - p->s);
		if (from + n <= p->len && memcmp(c, t, n) == 0)
			return c;
		from++;
	}
	return NULL;
}

static void perr(parser *p, size_t at, const char *hint, const char *fmt,
		 const char *arg)
{
	int line, col;
	where(p, at, &line, &col);
	bs_diag_at(p->d, BS_ERROR, &p->src, line, col, fmt, arg);
	if (hint)
		bs_diag_hint(p->d, "%s", hint);
	p->failed = 1;
}

static int is_ws(char c) { return c == ' ' || c == '\t'; }

static int starts(const parser *p, size_t at, const char *t)
{
	size_t n = strlen(t);
	return at + n <= p->len && memcmp(p->s + at, t, n) == 0;
}

/* Skip one tag of the kinds that produce nothing on the line when they
 * stand around a parent's blocks: a parent's opening, any closing tag.
 * Returns the offset after it, or at if there is none. */
static size_t skip_quiet_tag(const parser *p, size_t at, size_t limit)
{
	size_t ol = strlen(p->otag);
	if (!starts(p, at, p->otag) || at + ol >= limit)
		return at;
	char k = p->s[at + ol];
	if (k != '<' && k != '/')
		return at;
	const char *end = seek(p, at + ol, p->ctag);
	if (!end || (size_t)(end - p->s) >= limit)
		return at;
	return (size_t)(end - p->s) + strlen(p->ctag);
}

/* Is the text from the start of the line to `start` only whitespace
 * (and quiet tags)? Sets *ls to the line start. The answer for the text
 * before the previous tag on the line is kept, so a long line is read
 * once, not once per tag. */
static int clean_before(parser *p, size_t start, size_t *ls)
{
	size_t b = line_start(p, start);
	*ls = b;
	if (b != p->cl_ls || start < p->cl_to) {
		p->cl_ls = b;
		p->cl_to = b;
		p->cl_ok = 1;
	}
	size_t i = p->cl_to;
	while (p->cl_ok && i < start) {
		if (is_ws(p->s[i])) {
			i++;
			continue;
		}
		size_t j = skip_quiet_tag(p, i, start);
		if (j == i)
			p->cl_ok = 0;
		i = j;
	}
	p->cl_to = i;
	return p->cl_ok;
}

/* Is the rest of the line after `end` only whitespace? Sets *next to the
 * offset after the line end (or the end of the text). */
static int clean_after(const parser *p, size_t end, size_t *next)
{
	size_t i = end;
	while (i < p->len && is_ws(p->s[i]))
		i++;
	if (i == p->len) {
		*next = i;
		return 1;
	}
	if (p->s[i] == '\n') {
		*next = i + 1;
		return 1;
	}
	if (p->s[i] == '\r' && i + 1 < p->len && p->s[i + 1] == '\n') {
		*next = i + 2;
		return 1;
	}
	return 0;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && is_ws(*s))
		s++, n--;
	while (n && (is_ws(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return bs_xstrndup(s, n);
}

static void add_text(node *parent, const char *s, size_t n)
{
	if (!n)
		return;
	if (parent->nkids && parent->kids[parent->nkids - 1].type == N_TEXT) {
		node *t = &parent->kids[parent->nkids - 1];
		t->text = bs_xrealloc(t->text, t->len + n + 1);
		memcpy(t->text + t->len, s, n);
		t->len += n;
		t->text[t->len] = '\0';
		return;
	}
	node *t = add_kid(parent, N_TEXT);
	t->text = bs_xstrndup(s, n);
	t->len = n;
}

/* Leading whitespace of the first line of a node's content. */
char *bs_tpl_first_ws(const node *n)
{
	if (!n->nkids || n->kids[0].type != N_TEXT)
		return bs_xstrdup("");
	const char *t = n->kids[0].text;
	size_t k = 0;
	while (k < n->kids[0].len && is_ws(t[k]))
		k++;
	return bs_xstrndup(t, k);
}

static int set_delims(parser *p, const char *s, size_t n, size_t at)
{
	/* "<% %>": two words, neither empty nor holding '=' or spaces */
	char *t = trimmed(s, n);
	char *sp = strpbrk(t, " \t");
	int ok = sp != NULL;
	if (ok) {
		*sp = '\0';
		char *c = sp + 1;
		while (is_ws(*c))
			c++;
		ok = *t && *c && !strpbrk(c, " \t=") && !strchr(t, '=') &&
		     strlen(t) < sizeof p->otag && strlen(c) < sizeof p->ctag;
		if (ok) {
			strcpy(p->otag, t);
			strcpy(p->ctag, c);
		}
	}
	free(t);
	if (!ok)
		perr(p, at,
		     "write it as {{=<% %>=}}: two delimiters, a space "
		     "between them",
		     "bad delimiter change%s", "");
	return ok;
}

/* Parse until the close tag of `open` (or the end when open is NULL).
 * Returns 1 when the matching close tag was found. */
static int parse_into(parser *p, node *parent, const char *open, size_t open_at)
{
	for (;;) {
		const char *hit =
		    p->pos < p->len ? seek(p, p->pos, p->otag) : NULL;
		if (!hit) {
			add_text(parent, p->s + p->pos, p->len - p->pos);
			p->pos = p->len;
			if (open) {
				char hint[160];
				snprintf(hint, sizeof hint,
					 "close it with {{/%s}}", open);
				perr(p, open_at, hint,
				     "section '%s' is never "
				     "closed",
				     open);
			}
			return 0;
		}
		size_t start = (size_t)(hit - p->s);
		size_t ol = strlen(p->otag), cl = strlen(p->ctag);
		size_t in = start + ol;
		char kind = in < p->len ? p->s[in] : '\0';
		const char *close_at;
		size_t name_from = in, name_to;
		if (kind == '{') {
			char want[20];
			snprintf(want, sizeof want, "}%s", p->ctag);
			close_at = seek(p, in + 1, want);
			name_from = in + 1;
			if (close_at) {
				name_to = (size_t)(close_at - p->s);
				cl += 1;
			}
		} else {
			/* the sigil is not part of the closing delimiter, even
			 * when that starts with the same character */
			if (strchr("!#^/><$=&", kind) && kind)
				name_from = in + 1;
			close_at = seek(p, name_from, p->ctag);
			if (close_at)
				name_to = (size_t)(close_at - p->s);
		}
		if (!close_at) {
			add_text(parent, p->s + p->pos, start - p->pos);
			perr(p, start, "close the tag",
			     "tag '%s' is never closed", p->otag);
			p->pos = p->len;
			return 0;
		}
		size_t end = name_to + cl;
		if (kind == '=') {
			/* {{=<% %>=}}: the content ends with '=' */
			if (name_to == name_from || p->s[name_to - 1] != '=') {
				add_text(parent, p->s + p->pos, start - p->pos);
				perr(p, start, "write it as {{=<% %>=}}",
				     "bad delimiter change%s", "");
				p->pos = end;
				continue;
			}
			name_to--;
		}
		char *name = trimmed(p->s + name_from, name_to - name_from);
		/* a parent closed right away is one standalone unit */
		size_t unit_end = end;
		if (kind == '<') {
			char want[96];
			snprintf(want, sizeof want, "%s/%s%s", p->otag, name,
				 p->ctag);
			if (starts(p, end, want))
				unit_end = end + strlen(want);
		}
		int can_stand = kind && strchr("!#^/><$=", kind);
		size_t ls, next;
		int sa = can_stand && clean_before(p, start, &ls) &&
			 clean_after(p, unit_end, &next);
		if (sa) {
			add_text(parent, p->s + p->pos,
				 ls > p->pos ? ls - p->pos : 0);
		} else {
			add_text(parent, p->s + p->pos, start - p->pos);
			next = end;
		}
		char *ws = NULL;
		if (can_stand && clean_before(p, start, &ls)) {
			size_t a = ls;
			while (a < start && !is_ws(p->s[a])) {
				size_t after = skip_quiet_tag(p, a, start);
				if (after == a)
					break;
				a = after;
			}
			size_t b = a;
			while (b < start && is_ws(p->s[b]))
				b++;
			ws = bs_xstrndup(p->s + a, b - a);
		}
		int line, col;
		where(p, start, &line, &col);
		p->pos = next;
		if (!*name && kind != '!' && kind != '=') {
			perr(p, start, "put a name between the braces",
			     "empty tag%s", "");
			free(name);
			free(ws);
			continue;
		}
		node *n = NULL;
		switch (kind) {
		case '!': break;
		case '=':
			set_delims(p, p->s + name_from, name_to - name_from,
				   start);
			break;
		case '/':
			free(ws);
			if (!open || strcmp(open, name) != 0) {
				char hint[160];
				if (open)
					snprintf(hint, sizeof hint,
						 "the open section is '%s'",
						 open);
				else
					snprintf(
					    hint, sizeof hint,
					    "remove it or open the section "
					    "first");
				perr(p, start, hint,
				     "closing tag '%s' does not match an open "
				     "section",
				     name);
				free(name);
				continue;
			}
			free(name);
			return 1;
		case '#':
		case '^':
		case '<':
		case '$':
			n = add_kid(parent, kind == '#'	  ? N_SECTION
					    : kind == '^' ? N_INVERTED
					    : kind == '<' ? N_PARENT
							  : N_BLOCK);
			n->text = name;
			n->line = line;
			n->col = col;
			n->standalone = sa;
			n->ws = ws;
			name = NULL;
			ws = NULL;
			if (unit_end != end) {
				p->pos = sa ? next : unit_end;
				break;
			}
			{
				/* parse the body into the node (its address may
				 * move as the parent grows: index it) */
				size_t idx = (size_t)(n - parent->kids);
				node body;
				memset(&body, 0, sizeof body);
				char *nm = bs_xstrdup(n->text);
				if (++p->depth > MAX_NEST) {
					perr(p, start,
					     "close some sections first",
					     "sections nest deeper than %s "
					     "levels",
					     MAX_NEST_TEXT);
					p->pos = p->len;
				} else {
					parse_into(p, &body, nm, start);
				}
				p->depth--;
				free(nm);
				n = &parent->kids[idx];
				n->kids = body.kids;
				n->nkids = body.nkids;
				n->cap = body.cap;
				if (n->type == N_BLOCK)
					n->def_ws = n->standalone
							? bs_tpl_first_ws(n)
							: bs_xstrdup("");
			}
			break;
		case '>':
			n = add_kid(parent, N_PARTIAL);
			n->text = name;
			n->line = line;
			n->col = col;
			n->standalone = sa;
			n->ws = ws;
			name = NULL;
			ws = NULL;
			break;
		default:
			n = add_kid(parent,
				    kind == '{' || kind == '&' ? N_RAW : N_VAR);
			n->text = name;
			n->line = line;
			n->col = col;
			name = NULL;
			break;
		}
		free(name);
		free(ws);
		if (p->failed && p->pos >= p->len)
			return 0;
	}
}

bs_tpl_set *bs_tpl_set_new(void) { return bs_xcalloc(1, sizeof(bs_tpl_set)); }

void bs_tpl_set_free(bs_tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].name);
		free(set->v[i].path);
		free(set->v[i].text);
		node_free(&set->v[i].root);
	}
	free(set->v);
	for (size_t i = 0; i < set->nnames; i++)
		free(set->names[i]);
	free(set->names);
	free(set);
}

/* Number the names n and the nodes under it look up. */
static void number_names(bs_tpl_set *set, node *n)
{
	if (n->type == N_VAR || n->type == N_RAW || n->type == N_SECTION ||
	    n->type == N_INVERTED) {
		size_t i = 0;
		while (i < set->nnames && strcmp(set->names[i], n->text))
			i++;
		if (i == set->nnames) {
			bs_xgrow((void **)&set->names, &set->ncap,
				 set->nnames + 1, sizeof *set->names);
			set->names[set->nnames++] = bs_xstrdup(n->text);
		}
		/* a name whose first part is too long is found nowhere */
		n->n0 = strcspn(n->text, ".");
		n->id = n->n0 > MAX_PART ? SIZE_MAX : i;
	}
	for (size_t i = 0; i < n->nkids; i++)
		number_names(set, &n->kids[i]);
}

const tpl *bs_tpl_find(const bs_tpl_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].name, name) == 0)
			return &set->v[i];
	return NULL;
}

int bs_tpl_set_has(const bs_tpl_set *set, const char *name)
{
	return bs_tpl_find(set, name) != NULL;
}

int bs_tpl_set_add(bs_tpl_set *set, const char *name, const char *src,
		   size_t len, const char *path, bs_diags *d)
{
	parser p;
	memset(&p, 0, sizeof p);
	/* templates keep their bytes (CR LF included): the spec demands the
	 * output reproduce them */
	p.src.path = bs_xstrdup(path);
	p.src.text = bs_xstrndup(src, len);
	p.src.len = len;
	p.s = p.src.text;
	p.len = p.src.len;
	strcpy(p.otag, "{{");
	strcpy(p.ctag, "}}");
	p.d = d;
	p.at_line = p.at_col = 1;
	p.cl_ok = 1;
	node root;
	memset(&root, 0, sizeof root);
	parse_into(&p, &root, NULL, 0);
	bs_source_free(&p.src);
	if (p.failed) {
		node_free(&root);
		return BS_ECONTENT;
	}
	tpl *t = (tpl *)bs_tpl_find(set, name);
	if (t) {
		node_free(&t->root);
		free(t->path);
		free(t->text);
	} else {
		bs_xgrow((void **)&set->v, &set->cap, set->n + 1,
			 sizeof *set->v);
		t = &set->v[set->n++];
		t->name = bs_xstrdup(name);
	}
	t->path = bs_xstrdup(path);
	t->text = bs_xstrndup(src, len);
	t->len = len;
	t->root = root;
	number_names(set, &t->root);
	return BS_OK;
}

void bs_tpl_set_each(const bs_tpl_set *set, bs_tpl_fn fn, void *ctx)
{
	for (size_t i = 0; i < set->n; i++)
		fn(ctx, set->v[i].name, set->v[i].path, set->v[i].text,
		   set->v[i].len);
}

static void check_node(const bs_tpl_set *set, const tpl *t, const node *n,
		       bs_diags *d, int *rc)
{
	if ((n->type == N_PARTIAL || n->type == N_PARENT) &&
	    !bs_tpl_find(set, n->text)) {
		bs_diag_file(d, BS_ERROR, t->path, n->line, n->col,
			     "no layout or partial named '%s'", n->text);
		bs_diag_hint(d, "add layouts/%s.mustache or fix the name",
			     n->text);
		*rc = BS_ECONTENT;
	}
	for (size_t i = 0; i < n->nkids; i++)
		check_node(set, t, &n->kids[i], d, rc);
}

int bs_tpl_set_check(const bs_tpl_set *set, bs_diags *d)
{
	int rc = BS_OK;
	for (size_t i = 0; i < set->n; i++)
		check_node(set, &set->v[i], &set->v[i].root, d, &rc);
	return rc;
}
