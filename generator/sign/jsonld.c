/* jsonld.c: a JSON-LD document into RDF quads, walking it once: each node
 * object gets its active context (embedded, type-scoped and
 * property-scoped contexts), and its properties become quads as the
 * Deserialize JSON-LD to RDF algorithm would make them from the expanded
 * form (JSON-LD 1.1 API 6.1 and 8.1-8.3). */
#include "sign/jsonld.h"

#include "base/alloc.h"
#include "sign/rdfc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RDF_TYPE BS_RDF_NS "type"
#define RDF_FIRST BS_RDF_NS "first"
#define RDF_REST BS_RDF_NS "rest"
#define RDF_NIL BS_RDF_NS "nil"
#define RDF_JSON BS_RDF_NS "JSON"
#define XSD_BOOLEAN BS_RDF_XSD "boolean"
#define XSD_INTEGER BS_RDF_XSD "integer"
#define XSD_DOUBLE BS_RDF_XSD "double"
#define MAX_DEPTH 64

typedef struct walk {
	bs_ld_run r;
	bs_rdf_dataset *ds;
	char **label; /* the document's own blank node labels */
	size_t *num;
	size_t n, cap;
	int depth;
} walk;

/* ---- where we are ----------------------------------------------------- */

static size_t enter_key(walk *w, const char *k)
{
	size_t at = w->r.where.len;
	bs_buf_putc(&w->r.where, '/');
	for (; *k; k++) {
		if (*k == '~')
			bs_buf_puts(&w->r.where, "~0");
		else if (*k == '/')
			bs_buf_puts(&w->r.where, "~1");
		else
			bs_buf_putc(&w->r.where, *k);
	}
	return at;
}

static size_t enter_index(walk *w, size_t i)
{
	size_t at = w->r.where.len;
	bs_buf_printf(&w->r.where, "/%zu", i);
	return at;
}

static void leave(walk *w, size_t at)
{
	w->r.where.len = at;
	if (w->r.where.ptr)
		w->r.where.ptr[at] = '\0';
}

/* ---- terms ------------------------------------------------------------ */

static size_t blank_of(walk *w, const char *label)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->label[i], label) == 0)
			return w->num[i];
	size_t cap = w->cap;
	bs_xgrow((void **)&w->label, &cap, w->n + 1, sizeof *w->label);
	bs_xgrow((void **)&w->num, &w->cap, w->n + 1, sizeof *w->num);
	w->label[w->n] = bs_xstrdup(label);
	w->num[w->n] = bs_rdf_blank(w->ds);
	return w->num[w->n++];
}

/* An expanded @id or @type value as a term: an absolute IRI, or a blank
 * node if blank_ok. */
static int resource(walk *w, const char *orig, const char *e, int blank_ok,
		    bs_rdf_term *out)
{
	if (e && strncmp(e, "_:", 2) == 0 && e[2]) {
		if (!blank_ok)
			return bs_ld_fail(&w->r,
					  "\"%s\" is a blank node where "
					  "an IRI is needed",
					  orig);
		*out = bs_rdf_bnode(blank_of(w, e + 2));
		return BS_OK;
	}
	if (!e || !bs_ld_absolute(e))
		return bs_ld_fail(&w->r,
				  "\"%s\" is not an absolute IRI (there "
				  "is no base IRI to resolve it against)",
				  orig);
	*out = bs_rdf_iri(e);
	return BS_OK;
}

static void add(walk *w, bs_rdf_term s, const char *p, bs_rdf_term o,
		bs_rdf_term g)
{
	bs_rdf_add(w->ds, s, bs_rdf_iri(p), o, g);
}

/* ---- literals --------------------------------------------------------- */

/* The lexical form of a JSON number, as the Object to RDF Conversion
 * makes it: an integer, or the canonical xsd:double (%1.15E). Numbers
 * jsonld.js and the algorithm would write differently (non-integers
 * below 1e-6) are refused. */
static int number_lex(walk *w, const json_t *v, const char *dt, bs_buf *lex,
		      const char **dt_out)
{
	double x = json_number_value(v);
	if (!isfinite(x))
		return bs_ld_fail(&w->r, "a number that is not finite");
	int whole = json_is_integer(v) || (floor(x) == x && fabs(x) < 1e21);
	int dbl = !whole || (dt && strcmp(dt, XSD_DOUBLE) == 0);
	if (dbl) {
		if (x != 0 && fabs(x) < 1e-6 && floor(x) != x)
			return bs_ld_fail(&w->r, "a number this small is not "
						 "supported; write it as a "
						 "string");
		char m[64];
		snprintf(m, sizeof m, "%.15e", x);
		char *e = strchr(m, 'e');
		int exp = atoi(e + 1);
		*e = '\0';
		size_t n = strlen(m);
		while (n > 0 && m[n - 1] == '0' && m[n - 2] != '.')
			n--;
		m[n] = '\0';
		bs_buf_printf(lex, "%sE%d", m, exp);
		*dt_out = dt ? dt : XSD_DOUBLE;
		return BS_OK;
	}
	if (json_is_integer(v))
		bs_buf_printf(lex, "%lld", (long long)json_integer_value(v));
	else if (x == 0)
		bs_buf_puts(lex, "0");
	else
		bs_buf_printf(lex, "%.0f", x);
	*dt_out = dt ? dt : XSD_INTEGER;
	return BS_OK;
}

/* A scalar as a literal with datatype dt (NULL: its natural one). */
static int literal(walk *w, const json_t *v, const char *dt, bs_rdf_term *out,
		   bs_buf *lex)
{
	if (json_is_string(v)) {
		*out =
		    bs_rdf_literal(json_string_value(v), json_string_length(v),
				   dt ? dt : BS_RDF_XSD_STRING, NULL);
		return BS_OK;
	}
	if (json_is_boolean(v)) {
		bs_buf_puts(lex, json_is_true(v) ? "true" : "false");
		*out = bs_rdf_literal(lex->ptr, lex->len, dt ? dt : XSD_BOOLEAN,
				      NULL);
		return BS_OK;
	}
	if (json_is_number(v)) {
		const char *d = NULL;
		if (number_lex(w, v, dt, lex, &d))
			return BS_ECONTENT;
		*out = bs_rdf_literal(lex->ptr, lex->len, d, NULL);
		return BS_OK;
	}
	return bs_ld_fail(&w->r, "a value must be a string, a number or a "
				 "boolean here");
}

/* ---- @json: the JSON Canonicalization Scheme (RFC 8785) --------------- */

/* The first UTF-16 unit of the code point at s (UTF-8), for ordering. */
static unsigned long utf16_key(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned long cp;
	int n;
	if (*p < 0x80) {
		cp = *p;
		n = 1;
	} else if (*p < 0xe0) {
		cp = *p & 0x1f;
		n = 2;
	} else if (*p < 0xf0) {
		cp = *p & 0x0f;
		n = 3;
	} else {
		cp = *p & 0x07;
		n = 4;
	}
	for (int i = 1; i < n && p[i]; i++)
		cp = cp << 6 | (p[i] & 0x3f);
	*s = p + n;
	if (cp >= 0x10000) /* its high surrogate; the bytes break ties */
		return 0xd800 + ((cp - 0x10000) >> 10);
	return cp;
}

static int cmp_utf16(const void *a, const void *b)
{
	const unsigned char *x = *(const unsigned char *const *)a;
	const unsigned char *y = *(const unsigned char *const *)b;
	while (*x && *y) {
		const unsigned char *x0 = x, *y0 = y;
		unsigned long kx = utf16_key(&x), ky = utf16_key(&y);
		if (kx != ky)
			return kx < ky ? -1 : 1;
		/* same first unit: compare the whole characters' bytes */
		size_t nx = (size_t)(x - x0), ny = (size_t)(y - y0);
		int c = memcmp(x0, y0, nx < ny ? nx : ny);
		if (c)
			return c;
	}
	return *x ? 1 : *y ? -1 : 0;
}

static void jcs_string(bs_buf *b, const char *s, size_t n)
{
	bs_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': bs_buf_puts(b, "\\\""); break;
		case '\\': bs_buf_puts(b, "\\\\"); break;
		case '\b': bs_buf_puts(b, "\\b"); break;
		case '\f': bs_buf_puts(b, "\\f"); break;
		case '\n': bs_buf_puts(b, "\\n"); break;
		case '\r': bs_buf_puts(b, "\\r"); break;
		case '\t': bs_buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20)
				bs_buf_printf(b, "\\u%04x", c);
			else
				bs_buf_putc(b, (char)c);
		}
	}
	bs_buf_putc(b, '"');
}

static int jcs(walk *w, bs_buf *b, const json_t *v, int depth)
{
	if (depth > MAX_DEPTH)
		return bs_ld_fail(&w->r, "JSON nested too deep");
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), i = 0;
		const char **keys = bs_xcalloc(n ? n : 1, sizeof *keys);
		const char *k;
		json_t *x;
		json_object_foreach((json_t *)v, k, x) keys[i++] = k;
		qsort(keys, n, sizeof *keys, cmp_utf16);
		bs_buf_putc(b, '{');
		int rc = BS_OK;
		for (i = 0; i < n && !rc; i++) {
			if (i)
				bs_buf_putc(b, ',');
			jcs_string(b, keys[i], strlen(keys[i]));
			bs_buf_putc(b, ':');
			rc = jcs(w, b, json_object_get(v, keys[i]), depth + 1);
		}
		bs_buf_putc(b, '}');
		free(keys);
		return rc;
	}
	case JSON_ARRAY: {
		bs_buf_putc(b, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				bs_buf_putc(b, ',');
			if (jcs(w, b, json_array_get(v, i), depth + 1))
				return BS_ECONTENT;
		}
		bs_buf_putc(b, ']');
		return BS_OK;
	}
	case JSON_STRING:
		jcs_string(b, json_string_value(v), json_string_length(v));
		return BS_OK;
	case JSON_INTEGER:
		bs_buf_printf(b, "%lld", (long long)json_integer_value(v));
		return BS_OK;
	case JSON_REAL: {
		double x = json_real_value(v);
		if (floor(x) != x || fabs(x) >= 1e21)
			return bs_ld_fail(&w->r,
					  "a non-integer number in an "
					  "@json value is not supported");
		if (x == 0)
			bs_buf_puts(b, "0");
		else
			bs_buf_printf(b, "%.0f", x);
		return BS_OK;
	}
	case JSON_TRUE: bs_buf_puts(b, "true"); return BS_OK;
	case JSON_FALSE: bs_buf_puts(b, "false"); return BS_OK;
	case JSON_NULL: bs_buf_puts(b, "null"); return BS_OK;
	}
	return BS_ECONTENT;
}

/* ---- nodes and values --------------------------------------------------- */

static int node(walk *w, const bs_ld_ctx *ctx, const json_t *obj,
		bs_rdf_term graph, bs_rdf_term *subject, const bs_ld_term *pt);

/* The active context for a value of the property whose term is t: with
 * t's property-scoped context, if it has one (Expansion steps 4.2, 8). */
static int scoped(walk *w, const bs_ld_ctx **out, const bs_ld_ctx *ctx,
		  const bs_ld_term *t)
{
	*out = ctx;
	if (t && t->has_context)
		return bs_ld_ctx_process(out, &w->r, ctx, t->context, 1, 1);
	return BS_OK;
}

/* The keys of obj that expand to keyword kw under ctx, sorted. */
static size_t keys_for(walk *w, const bs_ld_ctx *ctx, const json_t *obj,
		       const char *kw, const char **out, size_t max)
{
	size_t n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
	{
		const char *e = bs_ld_expand_iri(&w->r, ctx, k, 1);
		if (e && strcmp(e, kw) == 0 && n < max)
			out[n++] = k;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0;
		     j--) {
			const char *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* One value of the property key, whose term in ctx is t (may be NULL),
 * as an RDF term: a value object, a node object, or a scalar coerced by
 * the property's @type. */
static int item(walk *w, const bs_ld_ctx *ctx, const char *key,
		const bs_ld_term *t, const json_t *v, bs_rdf_term graph,
		bs_rdf_term *out, bs_buf *lex)
{
	if (json_is_null(v))
		return bs_ld_fail(&w->r, "null is not signed: leave the "
					 "property out instead");
	if (json_is_array(v))
		return bs_ld_fail(&w->r, "an array inside an array is not "
					 "supported");
	if (json_is_object(v)) {
		const char *vk[2];
		if (keys_for(w, ctx, v, "@value", vk, 2)) {
			if (scoped(w, &ctx, ctx, t))
				return BS_ECONTENT;
			const char *k;
			json_t *x;
			const char *dt = NULL;
			json_object_foreach((json_t *)v, k, x)
			{
				const char *e =
				    bs_ld_expand_iri(&w->r, ctx, k, 1);
				if (e && !strcmp(e, "@value"))
					continue;
				if (e && !strcmp(e, "@type") &&
				    json_is_string(x)) {
					dt = bs_ld_expand_iri(
					    &w->r, ctx, json_string_value(x),
					    1);
					if (!dt || !bs_ld_absolute(dt) ||
					    !strncmp(dt, "_:", 2))
						return bs_ld_fail(
						    &w->r,
						    "the @type of a value must "
						    "be an IRI");
					continue;
				}
				return bs_ld_fail(&w->r,
						  "\"%s\" in a value "
						  "object is not "
						  "supported",
						  k);
			}
			const json_t *val = json_object_get(v, vk[0]);
			if (json_is_object(val) || json_is_array(val) ||
			    json_is_null(val))
				return bs_ld_fail(&w->r, "@value must be a "
							 "string, a number or "
							 "a boolean");
			return literal(w, val, dt, out, lex);
		}
		return node(w, ctx, v, graph, out, t);
	}
	if (scoped(w, &ctx, ctx, t))
		return BS_ECONTENT;
	const bs_ld_term *tt = bs_ld_ctx_term(ctx, key);
	const char *type = tt ? tt->type : NULL;
	if (json_is_string(v) && type &&
	    (!strcmp(type, "@id") || !strcmp(type, "@vocab"))) {
		const char *e = bs_ld_expand_iri(
		    &w->r, ctx, json_string_value(v), !strcmp(type, "@vocab"));
		return resource(w, json_string_value(v), e, 1, out);
	}
	if (type && type[0] == '@')
		type = NULL; /* @id or @vocab on a number or a boolean */
	return literal(w, v, type, out, lex);
}

/* The values of one property (key k, expanded to iri) of subject. */
static int property(walk *w, const bs_ld_ctx *ctx, const char *k,
		    const char *iri, const json_t *v, bs_rdf_term subject,
		    bs_rdf_term graph)
{
	const bs_ld_term *t = bs_ld_ctx_term(ctx, k);
	bs_buf lex = BS_BUF_INIT;
	int rc = BS_OK;
	if (t && t->type && !strcmp(t->type, "@json")) {
		if (!(rc = jcs(w, &lex, v, 0)))
			add(w, subject, iri,
			    bs_rdf_literal(lex.ptr, lex.len, RDF_JSON, NULL),
			    graph);
		bs_buf_free(&lex);
		return rc;
	}
	size_t n = json_is_array(v) ? json_array_size(v) : 1;
	if (t && (t->container & BS_LD_LIST)) {
		if (n == 0) {
			add(w, subject, iri, bs_rdf_iri(RDF_NIL), graph);
			return BS_OK;
		}
		bs_rdf_term cell = bs_rdf_bnode(bs_rdf_blank(w->ds));
		add(w, subject, iri, cell, graph);
		for (size_t i = 0; i < n && !rc; i++) {
			const json_t *x =
			    json_is_array(v) ? json_array_get(v, i) : v;
			size_t at = enter_index(w, i);
			bs_rdf_term o;
			bs_buf_clear(&lex);
			rc = item(w, ctx, k, t, x, graph, &o, &lex);
			if (!rc) {
				add(w, cell, RDF_FIRST, o, graph);
				bs_rdf_term next =
				    i + 1 < n
					? bs_rdf_bnode(bs_rdf_blank(w->ds))
					: bs_rdf_iri(RDF_NIL);
				add(w, cell, RDF_REST, next, graph);
				cell = next;
			}
			leave(w, at);
		}
		bs_buf_free(&lex);
		return rc;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
		size_t at =
		    json_is_array(v) ? enter_index(w, i) : w->r.where.len;
		bs_rdf_term o;
		bs_buf_clear(&lex);
		if (t && (t->container & BS_LD_GRAPH)) {
			const char *vk[1];
			if (!json_is_object(x) ||
			    keys_for(w, ctx, x, "@value", vk, 1))
				rc = bs_ld_fail(&w->r,
						"a graph container "
						"holds node objects only");
			if (!rc) {
				bs_rdf_term g =
				    bs_rdf_bnode(bs_rdf_blank(w->ds));
				add(w, subject, iri, g, graph);
				rc = node(w, ctx, x, g, &o, t);
			}
		} else {
			rc = item(w, ctx, k, t, x, graph, &o, &lex);
			if (!rc)
				add(w, subject, iri, o, graph);
		}
		leave(w, at);
	}
	bs_buf_free(&lex);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A node object, the value of a property whose term is pt (NULL at the
 * top): its subject into *subject, its quads into graph. */
static int node(walk *w, const bs_ld_ctx *ctx, const json_t *obj,
		bs_rdf_term graph, bs_rdf_term *subject, const bs_ld_term *pt)
{
	if (++w->depth > MAX_DEPTH) {
		w->depth--;
		return bs_ld_fail(&w->r, "nodes nested more than %d deep",
				  MAX_DEPTH);
	}
	int rc = BS_OK;
	/* a type-scoped context does not reach nested nodes, unless this
	 * one is only a reference (a lone @id) */
	if (ctx->previous) {
		const char *idk[1];
		if (!(json_object_size(obj) == 1 &&
		      keys_for(w, ctx, obj, "@id", idk, 1) == 1))
			ctx = ctx->previous;
	}
	/* then the property's own scoped context */
	if (scoped(w, &ctx, ctx, pt)) {
		w->depth--;
		return BS_ECONTENT;
	}
	const json_t *local = json_object_get(obj, "@context");
	if (local) {
		size_t at = enter_key(w, "@context");
		rc = bs_ld_ctx_process(&ctx, &w->r, ctx, local, 0, 1);
		leave(w, at);
	}
	/* type-scoped contexts, in the order of the types */
	const bs_ld_ctx *type_scoped = ctx;
	const char *tk[4];
	size_t ntk = rc ? 0 : keys_for(w, ctx, obj, "@type", tk, 4);
	const char **types = NULL;
	size_t ntypes = 0, tcap = 0;
	for (size_t i = 0; i < ntk && !rc; i++) {
		const json_t *tv = json_object_get(obj, tk[i]);
		size_t at = enter_key(w, tk[i]);
		size_t m = json_is_array(tv) ? json_array_size(tv) : 1;
		size_t first = ntypes;
		for (size_t j = 0; j < m && !rc; j++) {
			const json_t *x =
			    json_is_array(tv) ? json_array_get(tv, j) : tv;
			if (!json_is_string(x)) {
				rc = bs_ld_fail(&w->r, "@type values must be "
						       "strings");
				break;
			}
			bs_xgrow((void **)&types, &tcap, ntypes + 1,
				 sizeof *types);
			types[ntypes++] = json_string_value(x);
		}
		if (ntypes > first)
			qsort(types + first, ntypes - first, sizeof *types,
			      cmp_str);
		for (size_t j = first; j < ntypes && !rc; j++) {
			const bs_ld_term *t =
			    bs_ld_ctx_term(type_scoped, types[j]);
			if (t && t->has_context)
				rc = bs_ld_ctx_process(&ctx, &w->r, ctx,
						       t->context, 0, 0);
		}
		leave(w, at);
	}
	/* the subject */
	const char *ik[2];
	size_t nik = rc ? 0 : keys_for(w, ctx, obj, "@id", ik, 2);
	if (nik > 1)
		rc = bs_ld_fail(&w->r, "both \"%s\" and \"%s\" give the @id",
				ik[0], ik[1]);
	if (!rc && nik == 1) {
		const json_t *iv = json_object_get(obj, ik[0]);
		size_t at = enter_key(w, ik[0]);
		if (!json_is_string(iv))
			rc = bs_ld_fail(&w->r, "@id must be a string");
		else
			rc = resource(w, json_string_value(iv),
				      bs_ld_expand_iri(
					  &w->r, ctx, json_string_value(iv), 0),
				      1, subject);
		leave(w, at);
	} else if (!rc) {
		*subject = bs_rdf_bnode(bs_rdf_blank(w->ds));
	}
	if (ntk > 1 && !rc)
		rc = bs_ld_fail(&w->r, "both \"%s\" and \"%s\" give the @type",
				tk[0], tk[1]);
	for (size_t j = 0; j < ntypes && !rc; j++) {
		bs_rdf_term o;
		size_t at = enter_key(w, tk[0]);
		rc = resource(w, types[j],
			      bs_ld_expand_iri(&w->r, type_scoped, types[j], 1),
			      0, &o);
		if (!rc)
			add(w, *subject, RDF_TYPE, o, graph);
		leave(w, at);
	}
	free(types);
	/* the properties, in key order */
	size_t nk = json_object_size(obj), i = 0;
	const char **keys = bs_xcalloc(nk ? nk : 1, sizeof *keys);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) keys[i++] = k;
	qsort(keys, nk, sizeof *keys, cmp_str);
	for (i = 0; i < nk && !rc; i++) {
		k = keys[i];
		if (!strcmp(k, "@context"))
			continue;
		size_t at = enter_key(w, k);
		const char *e = bs_ld_expand_iri(&w->r, ctx, k, 1);
		if (e && (!strcmp(e, "@id") || !strcmp(e, "@type"))) {
			leave(w, at);
			continue;
		}
		if (!e)
			rc = bs_ld_fail(&w->r,
					"\"%s\" is mapped to null, so it "
					"would be dropped and not signed",
					k);
		else if (bs_ld_keyword(e))
			rc = bs_ld_fail(&w->r, "%s in a node is not supported",
					e);
		else if (!bs_ld_absolute(e) || !strncmp(e, "_:", 2))
			rc = bs_ld_fail(&w->r,
					"\"%s\" is not defined by the "
					"document's contexts, so it "
					"would be dropped and not signed",
					k);
		else
			rc = property(w, ctx, k, e, json_object_get(obj, k),
				      *subject, graph);
		leave(w, at);
	}
	free(keys);
	w->depth--;
	return rc;
}

int bs_jsonld_to_rdf(bs_rdf_dataset *out, const json_t *doc,
		     const bs_ld_docs *docs, const char *name, bs_diags *d)
{
	walk w;
	memset(&w, 0, sizeof w);
	w.r.docs = docs;
	w.r.name = name;
	w.r.d = d;
	w.ds = out;
	const bs_ld_ctx *ctx = bs_ld_ctx_empty(&w.r);
	int rc = BS_OK;
	size_t n = json_is_array(doc) ? json_array_size(doc) : 1;
	for (size_t i = 0; i < n && !rc; i++) {
		const json_t *x =
		    json_is_array(doc) ? json_array_get(doc, i) : doc;
		size_t at = json_is_array(doc) ? enter_index(&w, i) : 0;
		bs_rdf_term s;
		if (!json_is_object(x))
			rc =
			    bs_ld_fail(&w.r, "a document must be a JSON object "
					     "or an array of them");
		else
			rc = node(&w, ctx, x, bs_rdf_default_graph(), &s, NULL);
		leave(&w, at);
	}
	for (size_t i = 0; i < w.n; i++)
		free(w.label[i]);
	free(w.label);
	free(w.num);
	bs_ld_run_free(&w.r);
	return rc;
}

int bs_jsonld_canonize(bs_buf *out, const json_t *doc, const bs_ld_docs *docs,
		       const char *name, bs_diags *d)
{
	bs_rdf_dataset ds = BS_RDF_DATASET_INIT;
	int rc = bs_jsonld_to_rdf(&ds, doc, docs, name, d);
	if (!rc)
		rc = bs_rdfc_canonize(out, &ds, NULL, name, d);
	bs_rdf_dataset_free(&ds);
	return rc;
}
