/* proof.h: Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite
 * (W3C Data Integrity EdDSA Cryptosuites v1.0, section 3.3): the proof
 * options and the document each canonicalised (RDFC-1.0), hashed with
 * SHA-256, and the two hashes signed with Ed25519. Deterministic: the
 * date comes from the caller, never the clock. */
#ifndef BS_PROOF_H
#define BS_PROOF_H

#include "base/diag.h"
#include "sign/keys.h"
#include "sign/ldctx.h"

#include <jansson.h>

/* What a proof states besides its value. */
typedef struct bs_proof_opts {
	const char *verification_method; /* e.g. did:web:x#z6Mk... */
	const char *created; /* xsd:dateTime, YYYY-MM-DDThh:mm:ssZ */
	const char *purpose; /* NULL: "assertionMethod" */
} bs_proof_opts;

/* The 64 bytes that are signed for doc (its "proof", if any, left out)
 * under the proof options proof (a JSON object; its proofValue, if any,
 * left out): SHA-256 of the options' canonical N-Quads, then SHA-256 of
 * the document's. The options are read with the document's @context.
 * Reports on name; BS_ECONTENT when either cannot be canonicalised. */
int bs_proof_hash(unsigned char out[64], const json_t *doc, const json_t *proof,
		  const bs_ld_docs *docs, const char *name, bs_diags *d);

/* A copy of doc with an embedded DataIntegrityProof signed by key, into
 * *out (caller json_decrefs). doc must not have a proof already. Reports
 * on name; BS_ECONTENT when doc or the options cannot be signed. */
int bs_proof_sign(json_t **out, const json_t *doc, const bs_sign_key *key,
		  const bs_proof_opts *o, const bs_ld_docs *docs,
		  const char *name, bs_diags *d);

/* Verify the proof embedded in doc against the public key pk: type
 * DataIntegrityProof, cryptosuite eddsa-rdfc-2022, a proofValue that is
 * a valid signature of bs_proof_hash. 0 when it verifies; else
 * BS_ECONTENT with the reason reported on name. */
int bs_proof_verify(const json_t *doc, const unsigned char pk[32],
		    const bs_ld_docs *docs, const char *name, bs_diags *d);

#endif
