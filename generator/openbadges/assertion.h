/* assertion.h: the Open Badges 2.0 documents of awards: a hosted
 * Assertion per award (or, once revoked, the revoked form at the same
 * URL) and the RevocationList an issuer's Profile names. Built from the
 * award views of views/awardview.h. */
#ifndef BS_ASSERTION_H
#define BS_ASSERTION_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

/* Append the hosted Assertion of one award (indented JSON, trailing
 * newline). award is the award view ({ json_abs, png_abs, recipient {
 * type, identity, salt }, issued_on, expires_on, evidence_url,
 * evidence_narrative, badge { json_abs }, revoked, revocation_reason });
 * site is { language }. A revoked award gives { @context, type, id,
 * revoked: true, revocationReason }. An award without an absolute URL
 * is reported and gives BS_ECONTENT, out unchanged. Both borrowed. */
int bs_ob_assertion(bs_buf *out, const json_t *award, const json_t *site,
		    bs_diags *d);

/* Append the RevocationList of one issuer: list_abs is its own URL,
 * issuer the issuer view ({ json_abs }), revoked an array of revoked
 * award views ({ json_abs, revocation_reason }), in the order given. */
void bs_ob_revocation_list(bs_buf *out, const char *list_abs,
			   const json_t *issuer, const json_t *revoked);

#endif
