/* ldctx.c: JSON-LD contexts (JSON-LD 1.1 Processing Algorithms and API,
 * 4.1 Context Processing, 4.2 Create Term Definition, 5.2 IRI
 * Expansion), for the subset the signed documents use; the rest is
 * refused. */
#include "sign/ldctx.h"

#include "base/alloc.h"
#include "base/embedded.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- context documents ----------------------------------------------- */

static const struct {
	const char *url, *file;
} builtin[] = {
    {BS_LD_CREDENTIALS_V2, "generator/sign/contexts/credentials-v2.jsonld"},
    {BS_LD_OB_V3P0, "generator/sign/contexts/ob-v3p0-context-3.0.3.json"},
};

void bs_ld_docs_builtin(bs_ld_docs *docs)
{
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
		for (const bs_embedded *e = bs_embedded_files; e->path; e++) {
			if (strcmp(e->path, builtin[i].file) != 0)
				continue;
			json_t *j = json_loadb((const char *)e->data, e->len,
					       JSON_REJECT_DUPLICATES, NULL);
			if (j)
				bs_ld_docs_add(docs, builtin[i].url, j);
			json_decref(j);
		}
}

void bs_ld_docs_add(bs_ld_docs *docs, const char *url, json_t *doc)
{
	for (size_t i = 0; i < docs->n; i++)
		if (strcmp(docs->url[i], url) == 0) {
			json_decref(docs->doc[i]);
			docs->doc[i] = json_incref(doc);
			return;
		}
	size_t cap = docs->cap;
	bs_xgrow((void **)&docs->url, &cap, docs->n + 1, sizeof *docs->url);
	bs_xgrow((void **)&docs->doc, &docs->cap, docs->n + 1,
		 sizeof *docs->doc);
	docs->url[docs->n] = bs_xstrdup(url);
	docs->doc[docs->n++] = json_incref(doc);
}

const json_t *bs_ld_docs_get(const bs_ld_docs *docs, const char *url)
{
	for (size_t i = 0; docs && i < docs->n; i++)
		if (strcmp(docs->url[i], url) == 0)
			return docs->doc[i];
	return NULL;
}

void bs_ld_docs_free(bs_ld_docs *docs)
{
	for (size_t i = 0; i < docs->n; i++) {
		free(docs->url[i]);
		json_decref(docs->doc[i]);
	}
	free(docs->url);
	free(docs->doc);
	memset(docs, 0, sizeof *docs);
}

/* ---- the run ---------------------------------------------------------- */

static void *keep(bs_ld_run *r, void *p)
{
	bs_xgrow((void **)&r->mem, &r->capmem, r->nmem + 1, sizeof *r->mem);
	r->mem[r->nmem++] = p;
	return p;
}

const char *bs_ld_strdup(bs_ld_run *r, const char *s)
{
	return keep(r, bs_xstrdup(s));
}

void bs_ld_run_free(bs_ld_run *r)
{
	for (size_t i = 0; i < r->nmem; i++)
		free(r->mem[i]);
	free(r->mem);
	r->mem = NULL;
	r->nmem = r->capmem = 0;
	bs_buf_free(&r->where);
}

int bs_ld_fail(bs_ld_run *r, const char *fmt, ...)
{
	bs_buf b = BS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	bs_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	bs_diag_file(r->d, BS_ERROR, r->name, 0, 0, "JSON-LD at %s: %s",
		     r->where.len ? r->where.ptr : "/", b.ptr);
	bs_buf_free(&b);
	return BS_ECONTENT;
}

/* ---- small things ----------------------------------------------------- */

int bs_ld_keyword(const char *s)
{
	if (s[0] != '@')
		return 0;
	static const char *const kw[] = {
	    "@base",	  "@container", "@context",  "@direction", "@graph",
	    "@id",	  "@import",	"@included", "@index",	   "@json",
	    "@language",  "@list",	"@nest",     "@none",	   "@prefix",
	    "@propagate", "@protected", "@reverse",  "@set",	   "@type",
	    "@value",	  "@version",	"@vocab"};
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (strcmp(s, kw[i]) == 0)
			return 1;
	return 0;
}

/* "@" followed by letters only: reserved for future keywords. */
static int keyword_like(const char *s)
{
	if (s[0] != '@' || !s[1])
		return 0;
	for (const char *p = s + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

int bs_ld_iri_char(char c)
{
	switch (c) {
	case '<':
	case '>':
	case '"':
	case '{':
	case '}':
	case '|':
	case '^':
	case '`':
	case '\\': return 0;
	default: return (unsigned char)c > 0x20;
	}
}

int bs_ld_absolute(const char *s)
{
	const char *p = s;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':')
		return 0;
	for (; *p; p++)
		if (!bs_ld_iri_char(*p))
			return 0;
	return 1;
}

static int gen_delim_end(const char *s)
{
	size_t n = strlen(s);
	return n && strchr(":/?#[]@", s[n - 1]);
}

/* A context's terms are kept sorted by name: the index of name, or -1
 * and where it would go into *at. */
static long ctx_find(const bs_ld_ctx *c, const char *name, size_t *at)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->t[mid].name, name);
		if (r == 0)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at)
		*at = lo;
	return -1;
}

const bs_ld_term *bs_ld_ctx_term(const bs_ld_ctx *c, const char *name)
{
	long i = ctx_find(c, name, NULL);
	return i < 0 ? NULL : &c->t[i];
}

static bs_ld_ctx *ctx_copy(bs_ld_run *r, const bs_ld_ctx *c)
{
	bs_ld_ctx *n = keep(r, bs_xcalloc(1, sizeof *n));
	*n = *c;
	n->cap = c->n + 8;
	n->t = keep(r, bs_xmalloc(n->cap * sizeof *n->t));
	if (c->n)
		memcpy(n->t, c->t, c->n * sizeof *n->t);
	return n;
}

const bs_ld_ctx *bs_ld_ctx_empty(bs_ld_run *r)
{
	return keep(r, bs_xcalloc(1, sizeof(bs_ld_ctx)));
}

static void ctx_remove(bs_ld_ctx *c, const char *name)
{
	long i = ctx_find(c, name, NULL);
	if (i < 0)
		return;
	memmove(&c->t[i], &c->t[i + 1], (c->n - (size_t)i - 1) * sizeof *c->t);
	c->n--;
}

/* Add t to c, a context made by ctx_copy: a full array is replaced by
 * one twice its size (the old one stays in the arena). */
static void ctx_put(bs_ld_run *r, bs_ld_ctx *c, const bs_ld_term *t)
{
	size_t at = 0;
	long i = ctx_find(c, t->name, &at);
	if (i >= 0) {
		c->t[i] = *t;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap * 2 + 8;
		bs_ld_term *v = keep(r, bs_xmalloc(c->cap * sizeof *v));
		if (c->n)
			memcpy(v, c->t, c->n * sizeof *v);
		c->t = v;
	}
	memmove(&c->t[at + 1], &c->t[at], (c->n - at) * sizeof *c->t);
	c->t[at] = *t;
	c->n++;
}

/* ---- Create Term Definition ------------------------------------------ */

/* The terms of one local context being defined: name -> 0 while being
 * defined, 1 once defined (the algorithm's "defined" map). */
typedef struct defined {
	json_t *map;
} defined;

/* -1: not met yet. */
static int defined_get(defined *df, const char *name)
{
	const json_t *v = json_object_get(df->map, name);
	return v ? (int)json_integer_value(v) : -1;
}

static void defined_set(defined *df, const char *name, int done)
{
	if (!df->map)
		df->map = json_object();
	json_object_set_new(df->map, name, json_integer(done));
}

typedef struct defining {
	bs_ld_run *r;
	bs_ld_ctx *active;
	const json_t *local;
	defined df;
	int override_protected, prot_default;
} defining;

static int create_term(defining *x, const char *term);

static const char *expand_iri_local(defining *x, const char *value, int vocab,
				    int *err)
{
	if (bs_ld_keyword(value))
		return value;
	if (keyword_like(value))
		return NULL;
	if (x && json_object_get(x->local, value)) {
		if (defined_get(&x->df, value) != 1) {
			if (create_term(x, value)) {
				*err = 1;
				return NULL;
			}
		}
	}
	const bs_ld_ctx *c = x->active;
	if (vocab) {
		const bs_ld_term *t = bs_ld_ctx_term(c, value);
		if (t)
			return t->id;
	}
	const char *colon = strchr(value, ':');
	if (colon && colon > value) {
		size_t pn = (size_t)(colon - value);
		if ((pn == 1 && value[0] == '_') ||
		    strncmp(colon + 1, "//", 2) == 0)
			return value;
		char *prefix = bs_xstrndup(value, pn);
		if (json_object_get(x->local, prefix)) {
			if (defined_get(&x->df, prefix) != 1 &&
			    create_term(x, prefix)) {
				free(prefix);
				*err = 1;
				return NULL;
			}
		}
		const bs_ld_term *t = bs_ld_ctx_term(x->active, prefix);
		free(prefix);
		if (t && t->prefix && t->id) {
			char *s = bs_xasprintf("%s%s", t->id, colon + 1);
			keep(x->r, s);
			return s;
		}
		if (bs_ld_absolute(value))
			return value;
	}
	if (vocab && c->vocab) {
		char *s = bs_xasprintf("%s%s", c->vocab, value);
		keep(x->r, s);
		return s;
	}
	return value;
}

const char *bs_ld_expand_iri(bs_ld_run *r, const bs_ld_ctx *c,
			     const char *value, int vocab)
{
	defining x;
	memset(&x, 0, sizeof x);
	x.r = r;
	x.active = (bs_ld_ctx *)c;
	int err = 0;
	return expand_iri_local(&x, value, vocab, &err);
}

static int same_term(const bs_ld_term *a, const bs_ld_term *b)
{
	int ids =
	    (!a->id && !b->id) || (a->id && b->id && strcmp(a->id, b->id) == 0);
	int types = (!a->type && !b->type) ||
		    (a->type && b->type && strcmp(a->type, b->type) == 0);
	int ctxs = a->has_context == b->has_context &&
		   (!a->has_context ||
		    json_equal((json_t *)a->context, (json_t *)b->context));
	return ids && types && ctxs && a->container == b->container &&
	       a->prefix == b->prefix;
}

static int create_term(defining *x, const char *term)
{
	bs_ld_run *r = x->r;
	int st = defined_get(&x->df, term);
	if (st == 1)
		return BS_OK;
	if (st == 0)
		return bs_ld_fail(r,
				  "the context defines term \"%s\" through "
				  "itself (a cyclic IRI mapping)",
				  term);
	term = bs_ld_strdup(r, term);
	defined_set(&x->df, term, 0);
	const json_t *value = json_object_get(x->local, term);
	if (bs_ld_keyword(term) || keyword_like(term))
		return bs_ld_fail(r,
				  "the context redefines the keyword %s, "
				  "which is not supported",
				  term);
	const bs_ld_term *prev0 = bs_ld_ctx_term(x->active, term);
	bs_ld_term prev;
	memset(&prev, 0, sizeof prev);
	int had_prev = prev0 != NULL;
	if (had_prev)
		prev = *prev0;
	ctx_remove(x->active, term);
	bs_ld_term t;
	memset(&t, 0, sizeof t);
	t.name = term;
	int simple = json_is_string(value) || json_is_null(value);
	json_t *wrapped = NULL;
	if (simple) {
		wrapped = json_object();
		json_object_set(wrapped, "@id", (json_t *)value);
		value = wrapped;
	}
	int rc = BS_OK;
	if (!json_is_object(value))
		rc = bs_ld_fail(r,
				"term \"%s\": a definition must be a string "
				"or an object",
				term);
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)value, k, v)
	{
		if (rc)
			break;
		if (strcmp(k, "@id") && strcmp(k, "@type") &&
		    strcmp(k, "@container") && strcmp(k, "@context") &&
		    strcmp(k, "@protected"))
			rc = bs_ld_fail(r,
					"term \"%s\": %s in a term "
					"definition is not supported",
					term, k);
	}
	const json_t *prot = json_object_get(value, "@protected");
	if (!rc && prot && !json_is_boolean(prot))
		rc = bs_ld_fail(r,
				"term \"%s\": @protected must be true or "
				"false",
				term);
	t.prot = prot ? json_is_true(prot) : x->prot_default;
	const json_t *id = json_object_get(value, "@id");
	int id_set = 0;
	if (!rc && id) {
		if (json_is_null(id)) {
			id_set = 1;
		} else if (!json_is_string(id)) {
			rc = bs_ld_fail(r, "term \"%s\": @id must be a string",
					term);
		} else if (!bs_ld_keyword(json_string_value(id)) &&
			   keyword_like(json_string_value(id))) {
			rc = bs_ld_fail(r,
					"term \"%s\": @id \"%s\" looks like "
					"a keyword",
					term, json_string_value(id));
		} else if (strcmp(json_string_value(id), term) != 0) {
			int err = 0;
			const char *e =
			    expand_iri_local(x, json_string_value(id), 1, &err);
			if (err)
				rc = BS_ECONTENT;
			else if (!e ||
				 (!bs_ld_absolute(e) && !bs_ld_keyword(e)))
				rc = bs_ld_fail(r,
						"term \"%s\": @id \"%s\" is "
						"not an absolute IRI or a "
						"keyword",
						term, json_string_value(id));
			else if (strncmp(e, "_:", 2) == 0)
				rc = bs_ld_fail(r,
						"term \"%s\" maps to a blank "
						"node, which is not "
						"supported",
						term);
			else if (strcmp(e, "@context") == 0)
				rc = bs_ld_fail(r,
						"@context may not be aliased");
			if (!rc && (strchr(term, '/') ||
				    (strchr(term, ':') &&
				     strchr(term, ':')[1] != ':'))) {
				rc = bs_ld_fail(r,
						"term \"%s\" has the form of "
						"an IRI, which is not "
						"supported",
						term);
			}
			if (!rc) {
				t.id = e;
				id_set = 1;
				t.prefix = simple && !strchr(term, ':') &&
					   gen_delim_end(e);
			}
		}
	}
	if (!rc && !id_set) {
		const char *colon = strchr(term, ':');
		if (colon && colon > term) {
			char *prefix =
			    bs_xstrndup(term, (size_t)(colon - term));
			if (json_object_get(x->local, prefix))
				rc = create_term(x, prefix);
			const bs_ld_term *p = bs_ld_ctx_term(x->active, prefix);
			free(prefix);
			if (!rc && p && p->id) {
				char *s =
				    bs_xasprintf("%s%s", p->id, colon + 1);
				t.id = keep(r, s);
			} else if (!rc) {
				t.id = term;
			}
		} else if (strchr(term, '/')) {
			rc = bs_ld_fail(r,
					"term \"%s\" is a relative IRI, "
					"which is not supported",
					term);
		} else if (x->active->vocab) {
			t.id = keep(
			    r, bs_xasprintf("%s%s", x->active->vocab, term));
		} else {
			rc = bs_ld_fail(r,
					"term \"%s\" has no @id and the "
					"context no @vocab",
					term);
		}
	}
	const json_t *type = json_object_get(value, "@type");
	if (!rc && type) {
		const char *ts = json_string_value(type);
		if (!ts) {
			rc = bs_ld_fail(
			    r, "term \"%s\": @type must be a string", term);
		} else if (!strcmp(ts, "@id") || !strcmp(ts, "@vocab") ||
			   !strcmp(ts, "@json")) {
			t.type = ts;
		} else {
			int err = 0;
			const char *e = expand_iri_local(x, ts, 1, &err);
			if (err)
				rc = BS_ECONTENT;
			else if (!e || !bs_ld_absolute(e) ||
				 strncmp(e, "_:", 2) == 0)
				rc = bs_ld_fail(r,
						"term \"%s\": @type \"%s\" is "
						"not an IRI or one of @id, "
						"@vocab, @json",
						term, ts);
			else
				t.type = e;
		}
	}
	const json_t *cont = json_object_get(value, "@container");
	if (!rc && cont) {
		json_t *list = json_is_array(cont) ? json_incref((json_t *)cont)
						   : json_pack("[O]", cont);
		size_t i;
		json_t *c;
		json_array_foreach(list, i, c)
		{
			const char *cs = json_string_value(c);
			if (cs && !strcmp(cs, "@set"))
				t.container |= BS_LD_SET;
			else if (cs && !strcmp(cs, "@list"))
				t.container |= BS_LD_LIST;
			else if (cs && !strcmp(cs, "@graph"))
				t.container |= BS_LD_GRAPH;
			else {
				rc = bs_ld_fail(r,
						"term \"%s\": @container "
						"%s is not supported (only "
						"@set, @list and @graph)",
						term,
						cs ? cs : "(not a string)");
				break;
			}
		}
		json_decref(list);
		if (!rc && (t.container & BS_LD_LIST) &&
		    t.container != BS_LD_LIST)
			rc = bs_ld_fail(r,
					"term \"%s\": @list may not be "
					"combined with another container",
					term);
	}
	if (!rc && json_object_get(value, "@context")) {
		t.context = json_object_get(value, "@context");
		t.has_context = 1;
	}
	if (!rc && had_prev && prev.prot && !x->override_protected) {
		t.prot = 1;
		if (!same_term(&prev, &t))
			rc = bs_ld_fail(r,
					"the context redefines the protected "
					"term \"%s\"",
					term);
	}
	if (wrapped) {
		/* the scoped context of a simple term cannot exist; the id
		 * string is owned by the local context, which outlives us */
		json_decref(wrapped);
	}
	if (rc)
		return rc;
	ctx_put(r, x->active, &t);
	defined_set(&x->df, term, 1);
	return BS_OK;
}

/* ---- Context Processing ---------------------------------------------- */

#define MAX_REMOTE 16

static int process(const bs_ld_ctx **out, bs_ld_run *r, const bs_ld_ctx *active,
		   const json_t *local, int override_protected, int propagate,
		   const char **remote, size_t nremote)
{
	bs_ld_ctx *result = ctx_copy(r, active);
	if (json_is_object(local) && json_object_get(local, "@propagate")) {
		const json_t *p = json_object_get(local, "@propagate");
		if (!json_is_boolean(p))
			return bs_ld_fail(r,
					  "@propagate must be true or false");
		propagate = json_is_true(p);
	}
	if (!propagate && !result->previous)
		result->previous = active;
	json_t *list = json_is_array(local) ? json_incref((json_t *)local)
					    : json_pack("[O]", local);
	size_t i;
	json_t *c;
	int rc = BS_OK;
	json_array_foreach(list, i, c)
	{
		if (json_is_null(c)) {
			int prot = 0;
			for (size_t k = 0; k < result->n; k++)
				prot |= result->t[k].prot;
			if (prot && !override_protected) {
				rc = bs_ld_fail(r, "a null context would clear "
						   "protected terms");
				break;
			}
			const bs_ld_ctx *prev =
			    propagate ? NULL : result->previous;
			result = ctx_copy(r, bs_ld_ctx_empty(r));
			result->previous = prev;
			continue;
		}
		if (json_is_string(c)) {
			const char *url = json_string_value(c);
			for (size_t k = 0; k < nremote; k++)
				if (strcmp(remote[k], url) == 0) {
					rc = bs_ld_fail(r,
							"context %s includes "
							"itself",
							url);
					break;
				}
			if (rc)
				break;
			if (nremote >= MAX_REMOTE) {
				rc = bs_ld_fail(r,
						"contexts nest more than %d "
						"deep",
						MAX_REMOTE);
				break;
			}
			const json_t *doc = bs_ld_docs_get(r->docs, url);
			const json_t *inner = json_object_get(doc, "@context");
			if (!doc || !inner) {
				rc = bs_ld_fail(r,
						"unknown context %s: only "
						"the built-in contexts and "
						"the site's own are read, "
						"never the network",
						url);
				break;
			}
			const char *stack[MAX_REMOTE + 1];
			if (nremote)
				memcpy(stack, remote, nremote * sizeof *stack);
			stack[nremote] = url;
			const bs_ld_ctx *got;
			rc = process(&got, r, result, inner, 0, 1, stack,
				     nremote + 1);
			if (rc)
				break;
			result = ctx_copy(r, got);
			continue;
		}
		if (!json_is_object(c)) {
			rc = bs_ld_fail(r, "a context must be an object, a URL "
					   "or null");
			break;
		}
		static const char *const refused[] = {
		    "@base", "@import", "@language", "@direction"};
		for (size_t k = 0; k < sizeof refused / sizeof *refused; k++)
			if (json_object_get(c, refused[k]))
				rc = bs_ld_fail(r,
						"%s in a context is not "
						"supported",
						refused[k]);
		const json_t *ver = json_object_get(c, "@version");
		if (!rc && ver &&
		    (!json_is_number(ver) || json_number_value(ver) != 1.1))
			rc = bs_ld_fail(r, "@version must be 1.1");
		const json_t *vocab = json_object_get(c, "@vocab");
		if (!rc && vocab) {
			if (json_is_null(vocab)) {
				result->vocab = NULL;
			} else {
				const char *e =
				    json_is_string(vocab)
					? bs_ld_expand_iri(
					      r, result,
					      json_string_value(vocab), 1)
					: NULL;
				if (!e || !bs_ld_absolute(e) ||
				    strncmp(e, "_:", 2) == 0)
					rc = bs_ld_fail(r, "@vocab must be an "
							   "absolute IRI");
				else
					result->vocab = e;
			}
		}
		const json_t *prot = json_object_get(c, "@protected");
		if (!rc && prot && !json_is_boolean(prot))
			rc = bs_ld_fail(r, "@protected must be true or false");
		if (rc)
			break;
		defining x;
		memset(&x, 0, sizeof x);
		x.r = r;
		x.active = result;
		x.local = c;
		x.override_protected = override_protected;
		x.prot_default = json_is_true(prot);
		const char *k;
		json_t *v;
		json_object_foreach(c, k, v)
		{
			if (!strcmp(k, "@version") || !strcmp(k, "@vocab") ||
			    !strcmp(k, "@protected") ||
			    !strcmp(k, "@propagate"))
				continue;
			if ((rc = create_term(&x, k)))
				break;
		}
		json_decref(x.df.map);
		if (rc)
			break;
	}
	json_decref(list);
	if (!rc)
		*out = result;
	return rc;
}

int bs_ld_ctx_process(const bs_ld_ctx **out, bs_ld_run *r,
		      const bs_ld_ctx *active, const json_t *local,
		      int override_protected, int propagate)
{
	return process(out, r, active, local, override_protected, propagate,
		       NULL, 0);
}
