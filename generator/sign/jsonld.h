/* jsonld.h: JSON-LD to RDF (JSON-LD 1.1 Expansion and Deserialize
 * JSON-LD to RDF, in one walk) for the documents badgesite signs, and
 * their canonical N-Quads. Strict: a key that no context defines, a
 * relative IRI, or any JSON-LD feature outside the subset of sign/ldctx.h
 * is an error naming where it is, never a quad silently dropped, since
 * what is dropped would not be signed. */
#ifndef BS_JSONLD_H
#define BS_JSONLD_H

#include "base/buf.h"
#include "base/diag.h"
#include "sign/ldctx.h"
#include "sign/rdf.h"

#include <jansson.h>

/* Add the quads of doc (a node object or an array of them) to out. docs
 * holds the contexts doc may name by URL. Errors are reported on name
 * with the JSON pointer of the value at fault, and give BS_ECONTENT (out
 * may then hold some quads). doc and docs are borrowed. */
int bs_jsonld_to_rdf(bs_rdf_dataset *out, const json_t *doc,
		     const bs_ld_docs *docs, const char *name, bs_diags *d);

/* Append the canonical N-Quads (RDFC-1.0, default work limit) of doc. */
int bs_jsonld_canonize(bs_buf *out, const json_t *doc, const bs_ld_docs *docs,
		       const char *name, bs_diags *d);

#endif
