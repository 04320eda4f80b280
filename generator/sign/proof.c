/* proof.c: the eddsa-rdfc-2022 cryptosuite: Transformation (RDFC-1.0 of
 * the JSON-LD), Hashing (SHA-256 of each), Proof Configuration, Proof
 * Serialization and Verification (Ed25519). */
#include "sign/proof.h"

#include "base/buf.h"
#include "base/sha256.h"
#include "sign/jsonld.h"

#include <sodium.h>
#include <string.h>

#define SUITE "eddsa-rdfc-2022"
#define PROOF_TYPE "DataIntegrityProof"

static void sha256_raw(unsigned char out[32], const bs_buf *b)
{
	bs_sha256 c;
	char hex[65];
	bs_sha256_init(&c);
	bs_sha256_add(&c, b->ptr ? b->ptr : "", b->len);
	bs_sha256_hex(hex, &c);
	sodium_hex2bin(out, 32, hex, 64, NULL, NULL, NULL);
}

/* YYYY-MM-DDThh:mm:ssZ */
static int datetime_ok(const char *s)
{
	static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!s || strlen(s) != sizeof form - 1)
		return 0;
	for (size_t i = 0; form[i]; i++)
		if (form[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				   : s[i] != form[i])
			return 0;
	return 1;
}

int bs_proof_hash(unsigned char out[64], const json_t *doc, const json_t *proof,
		  const bs_ld_docs *docs, const char *name, bs_diags *d)
{
	if (!json_is_object(doc) || !json_is_object(proof))
		return bs_diag_file(d, BS_ERROR, name, 0, 0,
				    "a signed document and its proof are JSON "
				    "objects");
	json_t *unsecured = json_copy((json_t *)doc);
	json_object_del(unsecured, "proof");
	json_t *config = json_object();
	json_object_set(config, "@context", json_object_get(doc, "@context"));
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)proof, k, v)
	{
		if (strcmp(k, "proofValue") && strcmp(k, "@context"))
			json_object_set(config, k, v);
	}
	bs_buf cp = BS_BUF_INIT, cd = BS_BUF_INIT;
	int rc = bs_jsonld_canonize(&cp, config, docs, name, d);
	if (!rc)
		rc = bs_jsonld_canonize(&cd, unsecured, docs, name, d);
	if (!rc) {
		sha256_raw(out, &cp);
		sha256_raw(out + 32, &cd);
	}
	bs_buf_free(&cp);
	bs_buf_free(&cd);
	json_decref(config);
	json_decref(unsecured);
	return rc;
}

int bs_proof_sign(json_t **out, const json_t *doc, const bs_sign_key *key,
		  const bs_proof_opts *o, const bs_ld_docs *docs,
		  const char *name, bs_diags *d)
{
	*out = NULL;
	if (json_object_get(doc, "proof"))
		return bs_diag_file(d, BS_ERROR, name, 0, 0,
				    "the document is signed already");
	if (!datetime_ok(o->created))
		return bs_diag_file(d, BS_ERROR, name, 0, 0,
				    "the proof's date \"%s\" is not of the "
				    "form YYYY-MM-DDThh:mm:ssZ",
				    o->created ? o->created : "");
	if (!o->verification_method || !strchr(o->verification_method, '#'))
		return bs_diag_file(d, BS_ERROR, name, 0, 0,
				    "the proof needs a verification method "
				    "(a DID URL with a #fragment)");
	json_t *proof = json_object();
	json_object_set_new(proof, "type", json_string(PROOF_TYPE));
	json_object_set_new(proof, "created", json_string(o->created));
	json_object_set_new(proof, "verificationMethod",
			    json_string(o->verification_method));
	json_object_set_new(proof, "cryptosuite", json_string(SUITE));
	json_object_set_new(
	    proof, "proofPurpose",
	    json_string(o->purpose ? o->purpose : "assertionMethod"));
	unsigned char data[64], sig[64];
	int rc = bs_proof_hash(data, doc, proof, docs, name, d);
	if (rc) {
		json_decref(proof);
		return rc;
	}
	crypto_sign_detached(sig, NULL, data, sizeof data, key->sk);
	bs_buf pv = BS_BUF_INIT;
	bs_keys_multibase_encode(&pv, sig, sizeof sig);
	json_object_set_new(proof, "proofValue", json_string(pv.ptr));
	bs_buf_free(&pv);
	*out = json_deep_copy(doc);
	json_object_set_new(*out, "proof", proof);
	return BS_OK;
}

static int refuse(bs_diags *d, const char *name, const char *why)
{
	return bs_diag_file(d, BS_ERROR, name, 0, 0,
			    "the proof does not verify: %s", why);
}

int bs_proof_verify(const json_t *doc, const unsigned char pk[32],
		    const bs_ld_docs *docs, const char *name, bs_diags *d)
{
	const json_t *proof = json_object_get(doc, "proof");
	if (!json_is_object(proof))
		return refuse(d, name, "there is no proof, or more than one");
	const char *type = json_string_value(json_object_get(proof, "type"));
	const char *suite =
	    json_string_value(json_object_get(proof, "cryptosuite"));
	const char *pv =
	    json_string_value(json_object_get(proof, "proofValue"));
	if (!type || strcmp(type, PROOF_TYPE))
		return refuse(d, name, "its type is not " PROOF_TYPE);
	if (!suite || strcmp(suite, SUITE))
		return refuse(d, name, "its cryptosuite is not " SUITE);
	unsigned char sig[64];
	if (!pv || bs_keys_multibase_decode(sig, sizeof sig, pv) != 64)
		return refuse(d, name,
			      "its proofValue is not a multibase "
			      "Ed25519 signature");
	unsigned char data[64];
	int rc = bs_proof_hash(data, doc, proof, docs, name, d);
	if (rc)
		return rc;
	if (sodium_init() < 0 ||
	    crypto_sign_verify_detached(sig, data, sizeof data, pk) != 0)
		return refuse(d, name,
			      "the signature does not match the "
			      "document and the key");
	return BS_OK;
}
