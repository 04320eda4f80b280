/* assertion.c: Open Badges 2.0 Assertions and RevocationLists. */
#include "openbadges/assertion.h"

#include "openbadges/values.h"

#include "base/jsonout.h"

#include <string.h>

#define OB_CONTEXT "https://w3id.org/openbadges/v2"

int bs_ob_assertion(bs_buf *out, const json_t *award, const json_t *site,
		    bs_diags *d)
{
	const char *id = bs_obv_str(award, "json_abs");
	const json_t *badge = json_object_get(award, "badge");
	const json_t *rec = json_object_get(award, "recipient");
	if (!id || !bs_obv_str(badge, "json_abs") ||
	    !bs_obv_str(rec, "identity"))
		return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				    "award %s has no absolute URL: is "
				    "base_url an absolute http(s) URL?",
				    bs_obv_str(award, "id"));
	json_t *a = json_object();
	bs_obv_put_str(a, "@context", OB_CONTEXT);
	bs_obv_put_str(a, "type", "Assertion");
	bs_obv_put_str(a, "id", id);
	if (json_is_true(json_object_get(award, "revoked"))) {
		/* the hosted form of a revoked award, at the same URL */
		json_object_set_new(a, "revoked", json_true());
		bs_obv_put_str(a, "revocationReason",
			       bs_obv_str(award, "revocation_reason"));
		bs_jsonout_write(out, a, 1);
		json_decref(a);
		return BS_OK;
	}
	bs_obv_put_str(a, "@language", bs_obv_str(site, "language"));
	json_t *r = json_object();
	bs_obv_put_str(r, "type", bs_obv_str(rec, "type"));
	json_object_set_new(r, "hashed", json_true());
	bs_obv_put_str(r, "salt", bs_obv_str(rec, "salt"));
	bs_obv_put_str(r, "identity", bs_obv_str(rec, "identity"));
	json_object_set_new(a, "recipient", r);
	bs_obv_put_str(a, "badge", bs_obv_str(badge, "json_abs"));
	json_t *v = json_object();
	bs_obv_put_str(v, "type", "hosted");
	json_object_set_new(a, "verification", v);
	bs_obv_put_str(a, "issuedOn", bs_obv_str(award, "issued_on"));
	bs_obv_put_str(a, "image", bs_obv_str(award, "png_abs"));
	const char *eu = bs_obv_str(award, "evidence_url"),
		   *en = bs_obv_str(award, "evidence_narrative");
	if (eu || en) {
		json_t *e = json_object();
		bs_obv_put_str(e, "type", "Evidence");
		bs_obv_put_str(e, "id", eu);
		bs_obv_put_str(e, "narrative", en);
		json_object_set_new(a, "evidence", e);
	}
	bs_obv_put_str(a, "expires", bs_obv_str(award, "expires_on"));
	bs_jsonout_write(out, a, 1);
	json_decref(a);
	return BS_OK;
}

void bs_ob_revocation_list(bs_buf *out, const char *list_abs,
			   const json_t *issuer, const json_t *revoked)
{
	json_t *l = json_object();
	bs_obv_put_str(l, "@context", OB_CONTEXT);
	bs_obv_put_str(l, "type", "RevocationList");
	bs_obv_put_str(l, "id", list_abs);
	bs_obv_put_str(l, "issuer", bs_obv_str(issuer, "json_abs"));
	json_t *arr = json_array();
	size_t i;
	const json_t *it;
	json_array_foreach(revoked, i, it)
	{
		json_t *o = json_object();
		bs_obv_put_str(o, "id", bs_obv_str(it, "json_abs"));
		bs_obv_put_str(o, "revocationReason",
			       bs_obv_str(it, "revocation_reason"));
		json_array_append_new(arr, o);
	}
	json_object_set_new(l, "revokedAssertions", arr);
	bs_jsonout_write(out, l, 1);
	json_decref(l);
}
