/* mustache_render.c: rendering compiled templates (mustache_tree.h)
 * against a stack of jansson values, reading the trees and the values
 * without writing to either, so any number of threads may render one set. */
#include "pages/mustache.h"
#include "pages/mustache_tree.h"

#include "base/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Partials and parents nested deeper than this are an error, so a
 * template that includes itself cannot exhaust the stack. */
#define MAX_DEPTH 64
/* A page is one file: sections over lists nested in each other repeat
 * their content for every combination, so a layout could otherwise run
 * for hours or fill the memory. Real pages stay far below both. */
#define MAX_OUTPUT (64u << 20)
#define MAX_STEPS 10000000u

static int is_ws(char c) { return c == ' ' || c == '\t'; }

typedef struct scope scope;
struct scope {
	const node *parent; /* the {{<parent}} whose blocks override */
	const scope *outer;
};

typedef struct ctxstack {
	const json_t **v;
	size_t n, cap;
} ctxstack;

/* A name looked up in the stack as the caller gave it (see lookup). */
typedef struct found {
	const json_t *v;
	size_t at; /* where its first part was found; SIZE_MAX: nowhere */
} found;

typedef struct rstate {
	bs_buf *out;
	const bs_tpl_set *set;
	bs_diags *d;
	ctxstack ctx;
	size_t base; /* the caller's part of ctx, never changed by a render */
	found *memo; /* per name (node.id): its lookup in ctx[0..base-1], */
	unsigned char *known; /* once its bit is set */
	bs_buf ind;	      /* written at the start of each template line */
	size_t strip;	      /* template indentation removed at line starts */
	int pend_indent;      /* at a line start: ind not yet written */
	int pend_strip;	      /* at a line start: strip not yet applied */
	int depth;
	int failed;
	const char *path; /* the template being rendered, for errors */
	size_t start;	  /* out->len when rendering began */
	size_t steps;	  /* nodes rendered so far */
} rstate;

static void push(ctxstack *c, const json_t *v)
{
	bs_xgrow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = v;
}

/* The first part of k's dotted name found down c->v[from-1..to], and
 * the rest inside what it found: sets *at to where the first part was
 * found (SIZE_MAX when nowhere) and returns the value, or NULL. */
static const json_t *find_name(size_t *at, const ctxstack *c, size_t from,
			       size_t to, const node *k)
{
	const char *dot = k->text[k->n0] ? k->text + k->n0 : NULL;
	const json_t *v = NULL;
	*at = SIZE_MAX;
	for (size_t i = from; i-- > to;)
		if (json_is_object(c->v[i]) &&
		    (v = json_object_getn(c->v[i], k->text, k->n0))) {
			*at = i;
			break;
		}
	while (v && dot) {
		const char *part = dot + 1;
		dot = strchr(part, '.');
		size_t n = dot ? (size_t)(dot - part) : strlen(part);
		if (n > MAX_PART)
			return NULL;
		v = json_is_object(v) ? json_object_getn(v, part, n) : NULL;
	}
	return v;
}

/* Name lookup per the spec: "." is the top; the first part of a dotted
 * name is looked up down the stack, the rest only inside what it found.
 * The caller's part of the stack (below r->base) stays the same for the
 * whole render, so a name not found above it is looked up there once and
 * remembered: a page looks up the same few names many times. */
static const json_t *lookup(rstate *r, const node *k)
{
	const ctxstack *c = &r->ctx;
	const char *name = k->text;
	if (name[0] == '.' && name[1] == '\0')
		return c->n ? c->v[c->n - 1] : NULL;
	if (k->id == SIZE_MAX)
		return NULL;
	size_t at = SIZE_MAX;
	const json_t *v = NULL;
	if (c->n > r->base)
		v = find_name(&at, c, c->n, r->base, k);
	if (at == SIZE_MAX) {
		found *f = &r->memo[k->id];
		unsigned char bit = (unsigned char)(1u << (k->id % 8));
		if (!(r->known[k->id / 8] & bit)) {
			f->v = find_name(&f->at, c, r->base, 0, k);
			r->known[k->id / 8] |= bit;
		}
		v = f->v;
		at = f->at;
	}
	/* a deep stack makes a lookup long: it counts as work */
	r->steps += (c->n - at) / 4;
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

static void emit_indent(rstate *r)
{
	if (r->pend_indent && r->ind.len)
		bs_buf_put(r->out, r->ind.ptr, r->ind.len);
	r->pend_indent = 0;
	r->pend_strip = 0;
}

static void emit_text(rstate *r, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (r->pend_strip) {
			size_t k = 0;
			while (k < r->strip && i < n && is_ws(s[i]))
				i++, k++;
			if (i == n)
				return; /* more of this line may follow */
			r->pend_strip = 0;
		}
		if (r->pend_indent) {
			if (s[i] != '\n' && s[i] != '\r')
				emit_indent(r);
			else
				r->pend_indent = 0;
		}
		const char *nl = memchr(s + i, '\n', n - i);
		size_t upto = nl ? (size_t)(nl - s) + 1 : n;
		bs_buf_put(r->out, s + i, upto - i);
		i = upto;
		if (nl) {
			r->pend_indent = 1;
			r->pend_strip = 1;
		}
	}
}

static void emit_value(rstate *r, const json_t *v, int escape)
{
	if (!v || json_is_null(v))
		return;
	bs_buf tmp = BS_BUF_INIT;
	const char *s = NULL;
	size_t n = 0;
	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		/* exact, even past the 2^53 a double holds */
		bs_buf_printf(&tmp, "%" JSON_INTEGER_FORMAT,
			      json_integer_value(v));
		s = tmp.ptr;
		n = tmp.len;
		break;
	case JSON_REAL:
		bs_buf_number(&tmp, json_real_value(v));
		s = tmp.ptr;
		n = tmp.len;
		break;
	case JSON_TRUE: s = "true", n = 4; break;
	case JSON_FALSE: s = "false", n = 5; break;
	default: return; /* objects and arrays have no text */
	}
	if (n) {
		if (r->pend_indent || r->pend_strip)
			emit_indent(r);
		if (escape)
			bs_buf_html(r->out, s, n);
		else
			bs_buf_put(r->out, s, n);
	}
	bs_buf_free(&tmp);
}

static void render_nodes(rstate *r, const node *kids, size_t n,
			 const scope *sc);

/* The override for block name: the outermost parent that gives one. */
static const node * override(const scope *sc, const char *name)
{
	if (!sc)
		return NULL;
	const node *o = override(sc->outer, name);
	if (o)
		return o;
	for (size_t i = 0; i < sc->parent->nkids; i++) {
		const node *k = &sc->parent->kids[i];
		if (k->type == N_BLOCK && strcmp(k->text, name) == 0)
			return k;
	}
	return NULL;
}

/* Render another template (a partial or a parent) with extra indentation
 * and a fresh indentation base. */
static void render_tpl(rstate *r, const node *n, const scope *sc)
{
	const tpl *t = bs_tpl_find(r->set, n->text);
	if (!t)
		return;
	if (r->depth >= MAX_DEPTH) {
		if (!r->failed) {
			bs_diag_file(r->d, BS_ERROR, r->path, n->line, n->col,
				     "partials nest deeper than %d levels at "
				     "'%s'",
				     MAX_DEPTH, n->text);
			bs_diag_hint(r->d, "a partial that includes itself "
					   "needs a section that ends it");
		}
		r->failed = 1;
		return;
	}
	size_t old_len = r->ind.len, old_strip = r->strip;
	if (n->standalone && n->ws)
		bs_buf_puts(&r->ind, n->ws);
	r->strip = 0;
	r->depth++;
	const char *outer = r->path;
	r->path = t->path;
	render_nodes(r, t->root.kids, t->root.nkids, sc);
	r->path = outer;
	r->depth--;
	r->ind.len = old_len;
	if (r->ind.cap)
		r->ind.ptr[old_len] = '\0';
	r->strip = old_strip;
}

static void render_block(rstate *r, const node *n, const scope *sc)
{
	const node *o = override(sc, n->text);
	if (!o || o == n) {
		render_nodes(r, n->kids, n->nkids, sc);
		return;
	}
	/* an override may hold the block it overrides: bounded like
	 * partials */
	if (r->depth >= MAX_DEPTH) {
		if (!r->failed) {
			bs_diag_file(r->d, BS_ERROR, r->path, n->line, n->col,
				     "blocks nest deeper than %d levels at "
				     "'%s'",
				     MAX_DEPTH, n->text);
			bs_diag_hint(r->d,
				     "an override of '%s' should not "
				     "contain '%s' again",
				     n->text, n->text);
		}
		r->failed = 1;
		return;
	}
	r->depth++;
	/* the override is reindented: its own indentation (def_ws) is
	 * removed and the indentation at this site added */
	const char *site = "";
	char *own = NULL;
	if (n->standalone)
		site = n->nkids ? (own = bs_tpl_first_ws(n))
				: (n->ws ? n->ws : "");
	else if (n->ws)
		site = n->ws;
	size_t old_len = r->ind.len, old_strip = r->strip;
	size_t sl = strlen(site);
	if (sl > old_strip)
		bs_buf_put(&r->ind, site + old_strip, sl - old_strip);
	r->strip = strlen(o->def_ws ? o->def_ws : "");
	if (!n->standalone && n->ws)
		r->pend_strip = 1; /* the site's indentation is written */
	render_nodes(r, o->kids, o->nkids, sc);
	r->ind.len = old_len;
	if (r->ind.cap)
		r->ind.ptr[old_len] = '\0';
	r->strip = old_strip;
	free(own);
	r->depth--;
}

/* Stop a render that outgrows any real page (see MAX_OUTPUT). */
static int runaway(rstate *r, const node *k)
{
	if (r->failed)
		return 1;
	int big = r->out->len - r->start > MAX_OUTPUT;
	if (!big && ++r->steps <= MAX_STEPS)
		return 0;
	bs_diag_file(r->d, BS_ERROR, r->path, k->line, k->col,
		     big ? "the page grows past %u MiB here"
			 : "the page takes more than %u million steps here",
		     big ? MAX_OUTPUT >> 20 : MAX_STEPS / 1000000);
	bs_diag_hint(r->d, "a section over a list inside another section "
			   "over a list repeats for every pair: close the "
			   "outer section first, or loop over the inner list "
			   "only");
	r->failed = 1;
	return 1;
}

static void render_nodes(rstate *r, const node *kids, size_t n, const scope *sc)
{
	for (size_t i = 0; i < n && !r->failed; i++) {
		const node *k = &kids[i];
		const json_t *v;
		if (runaway(r, k))
			return;
		switch (k->type) {
		case N_TEXT: emit_text(r, k->text, k->len); break;
		case N_VAR:
		case N_RAW:
			emit_value(r, lookup(r, k), k->type == N_VAR);
			break;
		case N_SECTION:
			v = lookup(r, k);
			if (!truthy(v))
				break;
			if (json_is_array(v)) {
				size_t j;
				const json_t *it;
				json_array_foreach(v, j, it)
				{
					if (runaway(r, k))
						return;
					push(&r->ctx, it);
					render_nodes(r, k->kids, k->nkids, sc);
					r->ctx.n--;
				}
			} else {
				push(&r->ctx, v);
				render_nodes(r, k->kids, k->nkids, sc);
				r->ctx.n--;
			}
			break;
		case N_INVERTED:
			if (!truthy(lookup(r, k)))
				render_nodes(r, k->kids, k->nkids, sc);
			break;
		case N_PARTIAL: render_tpl(r, k, sc); break;
		case N_PARENT: {
			scope inner = {k, sc};
			render_tpl(r, k, &inner);
			break;
		}
		case N_BLOCK: render_block(r, k, sc); break;
		}
	}
}

int bs_tpl_render(bs_buf *out, const bs_tpl_set *set, const char *name,
		  const json_t *const *ctx, size_t n, bs_diags *d)
{
	const tpl *t = bs_tpl_find(set, name);
	if (!t) {
		bs_diag_file(d, BS_ERROR, NULL, 0, 0, "no layout named '%s'",
			     name);
		bs_diag_hint(d, "add layouts/%s.mustache", name);
		return BS_ECONTENT;
	}
	rstate r;
	memset(&r, 0, sizeof r);
	r.out = out;
	r.start = out->len;
	r.set = set;
	r.d = d;
	bs_buf_init(&r.ind);
	r.pend_indent = r.pend_strip = 1;
	r.path = t->path;
	for (size_t i = 0; i < n; i++)
		push(&r.ctx, ctx[i]);
	r.base = n;
	r.memo = bs_xmalloc((set->nnames + 1) * sizeof *r.memo);
	r.known = bs_xcalloc(set->nnames / 8 + 1, 1);
	render_nodes(&r, t->root.kids, t->root.nkids, NULL);
	free(r.memo);
	free(r.known);
	free(r.ctx.v);
	bs_buf_free(&r.ind);
	return r.failed ? BS_ECONTENT : BS_OK;
}
