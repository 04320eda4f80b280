/* rdf.h: RDF datasets as lists of quads, and N-Quads: writing one quad
 * in the canonical form RDFC-1.0 uses, and reading N-Quads text. Knows
 * nothing of JSON-LD or of what the quads mean. */
#ifndef BS_RDF_H
#define BS_RDF_H

#include "base/buf.h"
#include "base/diag.h"

#include <stddef.h>

typedef enum {
	BS_RDF_IRI,
	BS_RDF_BLANK,
	BS_RDF_LITERAL,
	BS_RDF_DEFAULT /* the default graph, as a quad's graph */
} bs_rdf_kind;

/* One term. An IRI or a literal owns value (len bytes, may hold NUL for
 * a literal, NUL-terminated too); a literal owns datatype (never NULL)
 * and lang (NULL unless rdf:langString). A blank node is a number,
 * local to its dataset. */
typedef struct bs_rdf_term {
	bs_rdf_kind kind;
	char *value;
	size_t len;
	size_t blank;
	char *datatype;
	char *lang;
} bs_rdf_term;

typedef struct bs_rdf_quad {
	bs_rdf_term s, p, o, g;
} bs_rdf_quad;

/* A dataset: quads in the order they were added (duplicates allowed;
 * canonicalisation removes them) and the count of blank nodes made. */
typedef struct bs_rdf_dataset {
	bs_rdf_quad *v;
	size_t n, cap;
	size_t blanks;
} bs_rdf_dataset;

#define BS_RDF_DATASET_INIT                                                    \
	{                                                                      \
		NULL, 0, 0, 0                                                  \
	}

#define BS_RDF_XSD "http://www.w3.org/2001/XMLSchema#"
#define BS_RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define BS_RDF_XSD_STRING BS_RDF_XSD "string"
#define BS_RDF_LANGSTRING BS_RDF_NS "langString"

void bs_rdf_dataset_free(bs_rdf_dataset *ds);
/* A new blank node of ds. */
size_t bs_rdf_blank(bs_rdf_dataset *ds);

/* Terms to pass to bs_rdf_add; the strings are borrowed until then. */
bs_rdf_term bs_rdf_iri(const char *iri);
bs_rdf_term bs_rdf_bnode(size_t blank);
bs_rdf_term bs_rdf_literal(const char *value, size_t len, const char *datatype,
			   const char *lang);
bs_rdf_term bs_rdf_default_graph(void);
/* Add a quad; ds copies the strings of the terms. */
void bs_rdf_add(bs_rdf_dataset *ds, bs_rdf_term s, bs_rdf_term p, bs_rdf_term o,
		bs_rdf_term g);

/* The label a blank node is written with, without "_:"; ctx is the
 * caller's. */
typedef const char *(*bs_rdf_label_fn)(size_t blank, void *ctx);

/* Append one quad as canonical N-Quads (RDFC-1.0 section 4.3: ECHAR for
 * \b \t \n \f \r \" \\, UCHAR for the other controls and DEL in
 * literals; IRIs as they are but for controls, space and <>"{}|^`\),
 * with its line end. Blank nodes are written _:label. */
void bs_rdf_write_quad(bs_buf *out, const bs_rdf_quad *q, bs_rdf_label_fn label,
		       void *ctx);

/* Read N-Quads text (n bytes) into ds, adding to it; blank node labels
 * are local to this text. A syntax error is reported at name:line:col and
 * gives BS_ECONTENT (ds then holds the quads before it). */
int bs_rdf_parse_nquads(bs_rdf_dataset *ds, const char *text, size_t n,
			const char *name, bs_diags *d);

#endif
