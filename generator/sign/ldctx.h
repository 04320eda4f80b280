/* ldctx.h: JSON-LD 1.1 contexts as the documents badgesite signs use
 * them: the contexts a document may name (built in, or given by the
 * caller), the active context with its term definitions (@id, @type,
 * @container @set/@list/@graph, scoped @context, @protected, @propagate,
 * @vocab) and IRI expansion. Anything else a context may hold (@base,
 * @language, @reverse, @import, ...) is refused with an error, never
 * ignored. Used by sign/jsonld.c. */
#ifndef BS_LDCTX_H
#define BS_LDCTX_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>
#include <stddef.h>

/* The context documents a JSON-LD document may name by URL. Owns a
 * reference to each document. Read-only once filled, so render threads
 * may share one (fill it once: bs_ld_docs_builtin parses the built-in
 * contexts each time it is called). */
typedef struct bs_ld_docs {
	char **url;
	json_t **doc;
	size_t n, cap;
} bs_ld_docs;

#define BS_LD_DOCS_INIT                                                        \
	{                                                                      \
		NULL, NULL, 0, 0                                               \
	}

/* URLs of the contexts built into the program (sign/contexts/). */
#define BS_LD_CREDENTIALS_V2 "https://www.w3.org/ns/credentials/v2"
#define BS_LD_OB_V3P0                                                          \
	"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

/* Add the built-in contexts: W3C credentials v2 and Open Badges 3.0.3. */
void bs_ld_docs_builtin(bs_ld_docs *docs);
/* Add doc (a whole context document, { "@context": ... }) as url; takes
 * a new reference. A later add of the same url replaces it. */
void bs_ld_docs_add(bs_ld_docs *docs, const char *url, json_t *doc);
/* The document of url, or NULL. Borrowed. */
const json_t *bs_ld_docs_get(const bs_ld_docs *docs, const char *url);
void bs_ld_docs_free(bs_ld_docs *docs);

/* Container flags of a term. */
enum { BS_LD_SET = 1, BS_LD_LIST = 2, BS_LD_GRAPH = 4 };

/* A term definition. Strings belong to the arena of the run. */
typedef struct bs_ld_term {
	const char *name;
	const char *id;	  /* IRI or keyword; NULL for a null mapping */
	const char *type; /* NULL, "@id", "@vocab", "@json" or an IRI */
	unsigned container;
	const json_t *context; /* scoped context, when has_context */
	int has_context;
	int prot, prefix;
} bs_ld_term;

/* An active context: immutable once made; every change makes a new one
 * in the arena. previous is the context a type-scoped one reverts to. */
typedef struct bs_ld_ctx {
	bs_ld_term *t;
	size_t n, cap;
	const char *vocab;
	const struct bs_ld_ctx *previous;
} bs_ld_ctx;

/* One run of JSON-LD processing: everything it allocates, freed at
 * once, and where errors go. */
typedef struct bs_ld_run {
	void **mem;
	size_t nmem, capmem;
	const bs_ld_docs *docs;
	const char *name; /* the document's name, for diagnostics */
	bs_buf where;	  /* JSON pointer of the value being read */
	bs_diags *d;
} bs_ld_run;

void bs_ld_run_free(bs_ld_run *r);
/* Report msg about the value at r->where; gives BS_ECONTENT. */
int bs_ld_fail(bs_ld_run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A copy of s that lives as long as the run. */
const char *bs_ld_strdup(bs_ld_run *r, const char *s);

/* The empty active context. */
const bs_ld_ctx *bs_ld_ctx_empty(bs_ld_run *r);
/* Context Processing (JSON-LD 1.1 API 4.1.2) of local on active into
 * *out. propagate 0 makes a type-scoped context. */
int bs_ld_ctx_process(const bs_ld_ctx **out, bs_ld_run *r,
		      const bs_ld_ctx *active, const json_t *local,
		      int override_protected, int propagate);
/* The term definition of name, or NULL. */
const bs_ld_term *bs_ld_ctx_term(const bs_ld_ctx *c, const char *name);
/* IRI Expansion (4.2.2) of value against c, without a local context:
 * vocab as the algorithm's flag. Returns a keyword, an IRI, a blank node
 * identifier (_:x) or value itself (relative: the caller refuses it), or
 * NULL for a term mapped to null or a string that looks like a
 * keyword. */
const char *bs_ld_expand_iri(bs_ld_run *r, const bs_ld_ctx *c,
			     const char *value, int vocab);
/* Whether s is an absolute IRI (scheme ":" and no spaces) that N-Quads
 * can carry. */
int bs_ld_absolute(const char *s);
/* Whether c may appear in an IRI as N-Quads writes it unescaped. */
int bs_ld_iri_char(char c);
int bs_ld_keyword(const char *s);

#endif
