/* ob3cred.c: an award's OpenBadgeCredential (Open Badges 3.0, section
 * 8.1), unsigned. */
#include "openbadges/ob3cred.h"

#include "openbadges/values.h"

#include <string.h>

static json_t *types(const char *a, const char *b)
{
	json_t *t = json_array();
	json_array_append_new(t, json_string(a));
	if (b)
		json_array_append_new(t, json_string(b));
	return t;
}

/* The OB 3.0 identityType of an award's recipient type: its enumeration
 * has emailAddress but neither URLs nor telephone numbers, which take
 * the extension form it allows ("ext:" and a name). */
static const char *identity_type(const char *rtype)
{
	if (rtype && !strcmp(rtype, "url"))
		return "ext:url";
	if (rtype && !strcmp(rtype, "telephone"))
		return "ext:telephone";
	return "emailAddress";
}

int bs_ob3_credential(json_t **out, const json_t *award,
		      const json_t *achievement, const json_t *issuer,
		      bs_diags *d)
{
	*out = NULL;
	const json_t *rec = json_object_get(award, "recipient");
	const json_t *ctx = json_object_get(achievement, "@context");
	const char *id = bs_obv_str(award, "credential_abs");
	const char *from = bs_obv_str(award, "issued_on");
	if (!id || !from || !json_is_array(ctx) ||
	    !bs_obv_str(rec, "identity") || !bs_obv_str(issuer, "did"))
		return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				    "award %s cannot be made a credential: "
				    "is base_url an absolute https URL?",
				    bs_obv_str(award, "id"));
	json_t *c = json_object();
	json_object_set_new(c, "@context", json_deep_copy(ctx));
	bs_obv_put_str(c, "id", id);
	json_object_set_new(
	    c, "type", types("VerifiableCredential", "OpenBadgeCredential"));
	json_t *iss = json_object();
	bs_obv_put_str(iss, "id", bs_obv_str(issuer, "did"));
	json_object_set_new(iss, "type", types("Profile", NULL));
	bs_obv_put_str(iss, "name", bs_obv_str(issuer, "name"));
	bs_obv_put_str(iss, "url", bs_obv_str(issuer, "url"));
	json_object_set_new(c, "issuer", iss);
	bs_obv_put_str(c, "validFrom", from);
	bs_obv_put_str(c, "validUntil", bs_obv_str(award, "expires_on"));
	bs_obv_put_str(c, "name",
		       bs_obv_str(json_object_get(award, "badge"), "name"));

	json_t *idn = json_object();
	bs_obv_put_str(idn, "type", "IdentityObject");
	bs_obv_put_str(idn, "identityHash", bs_obv_str(rec, "identity"));
	bs_obv_put_str(idn, "identityType",
		       identity_type(bs_obv_str(rec, "type")));
	json_object_set_new(idn, "hashed", json_true());
	bs_obv_put_str(idn, "salt", bs_obv_str(rec, "salt"));
	json_t *ids = json_array();
	json_array_append_new(ids, idn);
	json_t *sub = json_object();
	json_object_set_new(sub, "type", types("AchievementSubject", NULL));
	json_object_set_new(sub, "identifier", ids);
	json_t *ach = json_deep_copy(achievement);
	json_object_del(ach, "@context");
	json_object_set_new(sub, "achievement", ach);
	json_object_set_new(c, "credentialSubject", sub);

	const char *eu = bs_obv_str(award, "evidence_url"),
		   *en = bs_obv_str(award, "evidence_narrative");
	if (eu || en) {
		json_t *e = json_object();
		bs_obv_put_str(e, "id", eu);
		json_object_set_new(e, "type", types("Evidence", NULL));
		bs_obv_put_str(e, "narrative", en);
		json_t *arr = json_array();
		json_array_append_new(arr, e);
		json_object_set_new(c, "evidence", arr);
	}
	/* Bitstring Status List v1.0: the award's bit in its issuer's
	 * list, set once it is revoked */
	const json_t *st = json_object_get(award, "status");
	const char *list = bs_obv_str(st, "list_abs");
	const char *index = bs_obv_str(st, "index");
	if (list && index) {
		json_t *cs = json_object();
		json_object_set_new(cs, "id",
				    json_sprintf("%s#%s", list, index));
		bs_obv_put_str(cs, "type", "BitstringStatusListEntry");
		bs_obv_put_str(cs, "statusPurpose", "revocation");
		bs_obv_put_str(cs, "statusListIndex", index);
		bs_obv_put_str(cs, "statusListCredential", list);
		json_object_set_new(c, "credentialStatus", cs);
	}
	*out = c;
	return BS_OK;
}

void bs_ob3_credential_proofs(json_t *c)
{
	json_t *p = json_object_get(c, "proof");
	if (!json_is_object(p))
		return;
	json_t *arr = json_array();
	json_array_append(arr, p);
	json_object_set_new(c, "proof", arr);
}
