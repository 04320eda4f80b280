/* Ed25519 keys, multibase, Multikey, did:web, the key file and the
 * eddsa-rdfc-2022 proof: 1EdTech's worked example reproduced from its
 * private key (the Multikey, the data signed, the proofValue), a proof
 * that verifies and every way one must not (tampered document, wrong key,
 * changed proof), and the key file's refusals. Run from the repository
 * root (it reads tests/sign/ and writes only under a temporary folder). */
#define _DEFAULT_SOURCE /* mkdtemp */
#include "sign/keys.h"
#include "sign/proof.h"
#include "tap.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VEC_SK                                                                 \
	"6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"     \
	"4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
#define VEC_MULTIKEY "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
#define VEC_SECRET_MB                                                          \
	"zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oN"  \
	"XfJjufxSHWVZzsJiUsMHFMcx"
#define VEC_DATA                                                               \
	"d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"     \
	"87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
#define VEC_PROOF_VALUE                                                        \
	"z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtS" \
	"b"                                                                    \
	"z35HcbgXVEDYHxCzgkCr"
#define VEC_METHOD "https://example.edu/issuers/565049#" VEC_MULTIKEY

static char *text_of(void (*f)(bs_buf *, const unsigned char *), const void *x)
{
	bs_buf b = BS_BUF_INIT;
	f(&b, x);
	return bs_buf_detach(&b);
}

static void mk(bs_buf *b, const unsigned char *pk)
{
	bs_keys_multikey_encode(b, pk);
}

static void vector_key(bs_sign_key *k)
{
	unsigned char sk[64];
	sodium_hex2bin(sk, 64, VEC_SK, 128, NULL, NULL, NULL);
	bs_keys_from_seed(k, sk);
}

static void encodings(void)
{
	bs_sign_key k;
	vector_key(&k);
	char *m = text_of(mk, k.pk);
	is_str(m, VEC_MULTIKEY, "the vector's public key as a Multikey");
	unsigned char pk[32];
	ok(bs_keys_multikey_decode(pk, m) == 0 && memcmp(pk, k.pk, 32) == 0,
	   "a Multikey decodes to its key");
	ok(bs_keys_multikey_decode(pk,
				   "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUD"
				   "PQiYBme") != 0,
	   "a secp256k1 Multikey is not taken for Ed25519");
	free(m);
	bs_buf f = BS_BUF_INIT;
	bs_keys_file_text(&f, &k);
	like(f.ptr, "\"secretKeyMultibase\": \"" VEC_SECRET_MB "\"",
	     "the secret is written as @digitalbazaar/ed25519-multikey "
	     "exports it (the vector's secretKeyMultibase)");
	bs_buf_free(&f);
	bs_keys_wipe(&k);

	unsigned char z[5] = {0, 0, 1, 2, 255}, back[8];
	bs_buf b = BS_BUF_INIT;
	bs_keys_multibase_encode(&b, z, sizeof z);
	is_str(b.ptr, "z11LiA", "base58-btc keeps leading zero bytes as 1s");
	ok(bs_keys_multibase_decode(back, sizeof back, b.ptr) == 5 &&
	       memcmp(back, z, 5) == 0,
	   "and decodes them back");
	ok(bs_keys_multibase_decode(back, sizeof back, "z0OIl") < 0,
	   "characters outside the alphabet are refused");
	ok(bs_keys_multibase_decode(back, sizeof back, "u11") < 0,
	   "another multibase prefix is refused");
	bs_buf_free(&b);
}

static void did_web(void)
{
	static const char *const cases[][3] = {
	    {"https://example.org/", "did:web:example.org",
	     ".well-known/did.json"},
	    {"https://Badges.Example.org/fw/", "did:web:badges.example.org:fw",
	     "did.json"},
	    {"https://example.org:8443/a/b/", "did:web:example.org%3A8443:a:b",
	     "did.json"},
	    {"https://example.org/a%20b/", "did:web:example.org:a%20b",
	     "did.json"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = bs_keys_did_web(cases[i][0]);
		is_str(got, cases[i][1], "did:web of %s", cases[i][0]);
		is_str(bs_keys_did_web_path(cases[i][0]), cases[i][2],
		       "its DID document at %s", cases[i][2]);
		free(got);
	}
	ok(bs_keys_did_web("http://example.org/") == NULL,
	   "did:web needs https");
	ok(bs_keys_did_web("https://example.org/a~b/") == NULL,
	   "a path a DID cannot carry is refused");
	ok(bs_keys_did_web("https://example.org/a%zz/") == NULL,
	   "so is a %% that is not a percent-encoding");
	const char *keys[] = {"z6MkNew", "z6MkOld"};
	bs_buf b = BS_BUF_INIT;
	bs_keys_did_document(&b, "did:web:example.org:fw", keys, 2);
	like(b.ptr, "\"id\": \"did:web:example.org:fw#z6MkOld\"",
	     "the DID document keeps an old key");
	like(b.ptr,
	     "\"assertionMethod\": [\n    "
	     "\"did:web:example.org:fw#z6MkNew\",\n    "
	     "\"did:web:example.org:fw#z6MkOld\"\n  ]",
	     "every key may sign assertions, the current first");
	like(b.ptr, "\"https://w3id.org/security/multikey/v1\"",
	     "the DID document names the Multikey context");
	bs_buf_free(&b);
}

static json_t *load(const char *path)
{
	json_error_t e;
	json_t *j = json_load_file(path, 0, &e);
	if (!j)
		printf("# %s: %s\n", path, e.text);
	return j;
}

static void print_diags(bs_diags *d)
{
	bs_buf b = BS_BUF_INIT;
	bs_diags_print(&b, d);
	if (b.len)
		printf("# %s", b.ptr);
	bs_buf_free(&b);
}

static void proofs(void)
{
	bs_ld_docs docs = BS_LD_DOCS_INIT;
	bs_ld_docs_builtin(&docs);
	json_t *doc = load("tests/sign/vector-credential.json");
	json_t *opt = load("tests/sign/vector-proof-options.json");
	bs_sign_key k;
	vector_key(&k);
	bs_diags d = BS_DIAGS_INIT;
	unsigned char data[64];
	char hex[129] = "";
	if (!bs_proof_hash(data, doc, opt, &docs, "vector", &d))
		sodium_bin2hex(hex, sizeof hex, data, sizeof data);
	is_str(hex, VEC_DATA,
	       "1EdTech vector: the data to sign (proof hash, "
	       "then document hash)");
	bs_proof_opts o = {VEC_METHOD, "2010-01-01T19:23:24Z", NULL};
	json_t *signed_doc = NULL;
	ok(bs_proof_sign(&signed_doc, doc, &k, &o, &docs, "vector", &d) == 0,
	   "the vector's credential is signed");
	json_t *proof = json_object_get(signed_doc, "proof");
	is_str(json_string_value(json_object_get(proof, "proofValue")),
	       VEC_PROOF_VALUE, "1EdTech vector: the proofValue");
	json_object_set(opt, "proofValue",
			json_object_get(proof, "proofValue"));
	ok(json_equal(opt, proof), "the proof is the vector's, field for "
				   "field");
	print_diags(&d);
	bs_diags_free(&d);

	ok(bs_proof_verify(signed_doc, k.pk, &docs, "vector", &d) == 0,
	   "it verifies");
	print_diags(&d);
	bs_diags_free(&d);

	json_t *t = json_deep_copy(signed_doc);
	json_object_set_new(t, "name", json_string("Teamwork Badge!"));
	ok(bs_proof_verify(t, k.pk, &docs, "vector", &d) != 0,
	   "a tampered credential does not verify");
	like(d.n ? d.v[0].msg : NULL, "signature does not match",
	     "and says so");
	bs_diags_free(&d);
	json_decref(t);

	t = json_deep_copy(signed_doc);
	json_object_set_new(json_object_get(t, "proof"), "created",
			    json_string("2011-01-01T19:23:24Z"));
	ok(bs_proof_verify(t, k.pk, &docs, "vector", &d) != 0,
	   "a changed proof date does not verify");
	bs_diags_free(&d);
	json_decref(t);

	unsigned char seed[32] = {1};
	bs_sign_key other;
	bs_keys_from_seed(&other, seed);
	ok(bs_proof_verify(signed_doc, other.pk, &docs, "vector", &d) != 0,
	   "another key does not verify it");
	bs_diags_free(&d);

	json_t *again = NULL;
	ok(bs_proof_sign(&again, signed_doc, &k, &o, &docs, "vector", &d) != 0,
	   "a signed document is not signed twice");
	bs_diags_free(&d);
	bs_proof_opts bad = {VEC_METHOD, "2010-01-01 19:23", NULL};
	ok(bs_proof_sign(&again, doc, &k, &bad, &docs, "vector", &d) != 0,
	   "a proof date that is not an xsd:dateTime in UTC is refused");
	bs_diags_free(&d);
	json_t *undefined = json_deep_copy(doc);
	json_object_set_new(undefined, "colour", json_string("red"));
	ok(bs_proof_sign(&again, undefined, &k, &o, &docs, "vector", &d) != 0,
	   "a document with a term no context defines is not signed");
	like(d.n ? d.v[0].msg : NULL, "/colour", "and the term is named");
	bs_diags_free(&d);
	json_decref(undefined);

	bs_keys_wipe(&k);
	json_decref(signed_doc);
	json_decref(doc);
	json_decref(opt);
	bs_ld_docs_free(&docs);
}

static void key_files(void)
{
	char tmpl[] = "/tmp/bs-sign-XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!ok(dir != NULL, "a temporary folder"))
		return;
	char path[256], site[256], inner[256];
	snprintf(path, sizeof path, "%s/key.json", dir);
	snprintf(site, sizeof site, "%s/site", dir);
	snprintf(inner, sizeof inner, "%s/site/key.json", dir);
	bs_diags d = BS_DIAGS_INIT;
	ok(bs_keys_new(path, &d) == 0, "keys new writes a key file");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	   "the key file is mode 0600");
	bs_sign_key k;
	ok(bs_keys_load(&k, path, site, &d) == 0, "and it loads");
	print_diags(&d);
	bs_diags_free(&d);
	unsigned char msg[3] = {1, 2, 3}, sig[64];
	crypto_sign_detached(sig, NULL, msg, 3, k.sk);
	ok(crypto_sign_verify_detached(sig, msg, 3, k.pk) == 0,
	   "its secret and public key belong together");
	bs_keys_wipe(&k);
	ok(bs_keys_new(path, &d) == BS_EUSAGE, "an existing file is never "
					       "replaced");
	like(d.n ? d.v[0].msg : NULL, "never replaced", "and it says so");
	bs_diags_free(&d);

	chmod(path, 0640);
	ok(bs_keys_load(&k, path, NULL, &d) != 0,
	   "a key file the group may read is refused");
	like(d.n && d.v[0].hint ? d.v[0].hint : NULL, "chmod 600",
	     "with the command that fixes it");
	bs_diags_free(&d);
	chmod(path, 0600);

	mkdir(site, 0700);
	ok(bs_keys_new(inner, &d) == 0, "a key may be made anywhere");
	ok(bs_keys_load(&k, inner, site, &d) != 0,
	   "but a build refuses a key inside the site folder");
	like(d.n ? d.v[0].msg : NULL, "inside the site folder", "and says so");
	bs_diags_free(&d);

	static const char *const bad[] = {
	    "not json",
	    "{\"type\":\"Multikey\",\"publicKeyMultibase\":\"z6Mk\","
	    "\"secretKeyMultibase\":\"z\"}",
	    "{\"type\":\"Multikey\",\"publicKeyMultibase\":\"" VEC_MULTIKEY
	    "\",\"secretKeyMultibase\":\"" VEC_SECRET_MB "\",\"x\":1}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		FILE *f = fopen(path, "w");
		fputs(bad[i], f);
		fclose(f);
		chmod(path, 0600);
		ok(bs_keys_load(&k, path, NULL, &d) == BS_ECONTENT,
		   "a malformed key file %zu is refused", i);
		bs_diags_free(&d);
	}
	/* the vector's secret with another public key */
	FILE *f = fopen(path, "w");
	fputs("{\"type\":\"Multikey\",\"publicKeyMultibase\":"
	      "\"z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\","
	      "\"secretKeyMultibase\":\"" VEC_SECRET_MB "\"}",
	      f);
	fclose(f);
	ok(bs_keys_load(&k, path, NULL, &d) == BS_ECONTENT,
	   "a public key that is not the secret's is refused");
	like(d.n ? d.v[0].msg : NULL, "not the one of its secret key",
	     "and says so");
	bs_diags_free(&d);
	f = fopen(path, "w");
	fputs("{\"type\":\"Multikey\",\"publicKeyMultibase\":\"" VEC_MULTIKEY
	      "\",\"secretKeyMultibase\":\"" VEC_SECRET_MB "\"}",
	      f);
	fclose(f);
	ok(bs_keys_load(&k, path, NULL, &d) == 0,
	   "the vector's key pair loads as a key file");
	bs_keys_wipe(&k);
	bs_diags_free(&d);
	unlink(path);
	unlink(inner);
	rmdir(site);
	rmdir(dir);
}

int main(void)
{
	encodings();
	did_web();
	proofs();
	key_files();
	return done_testing();
}
