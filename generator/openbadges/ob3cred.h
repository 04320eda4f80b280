/* ob3cred.h: the Open Badges 3.0 OpenBadgeCredential of an award, before
 * it is signed: the issuer's did:web Profile, the hashed identifier of
 * the earner and the Achievement of the badge version awarded. Signing is
 * sign/'s job; this module only knows the property names. */
#ifndef BS_OB3CRED_H
#define BS_OB3CRED_H

#include "base/diag.h"

#include <jansson.h>

/* The unsigned credential of one award into *out (caller json_decrefs).
 * award is the award view ({ id, credential_abs, issued_on, expires_on,
 * recipient { type, identity, salt }, evidence_url, evidence_narrative,
 * badge { name }, status { index, list_abs }: its credentialStatus,
 * when given }); achievement is the badge version's Achievement as
 * published (its @context becomes the credential's); issuer is { did,
 * name, url }. A missing value the credential needs is reported and gives
 * BS_ECONTENT, *out NULL. All borrowed. */
int bs_ob3_credential(json_t **out, const json_t *award,
		      const json_t *achievement, const json_t *issuer,
		      bs_diags *d);

/* OB 3.0's schema wants a credential's proofs as an array: make the
 * proof embedded in the signed credential c the one item of one (the same
 * RDF: proof is a graph container). */
void bs_ob3_credential_proofs(json_t *c);

#endif
