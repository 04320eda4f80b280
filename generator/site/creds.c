/* creds.c: the build's signer, each award's signed OB 3.0 credential and
 * the DID document of the site's did:web. */
#include "site/creds.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "input/files.h"
#include "openbadges/ob3.h"
#include "openbadges/ob3cred.h"
#include "sign/proof.h"
#include "sign/status.h"
#include "views/awardview.h"
#include "views/view.h"

#include <assert.h>

#include <stdlib.h>
#include <string.h>

int bs_signer_open(bs_signer *out, bs_site *s, const char *path, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	int rc = bs_keys_load(&out->key, path, s->root, d);
	if (rc)
		return rc;
	out->did = s->base_url ? bs_keys_did_web(s->base_url) : NULL;
	if (!out->did) {
		bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
			     "signed credentials need an https base_url: "
			     "their issuer is a did:web of it, not of %s",
			     s->base_url ? s->base_url : "(none)");
		bs_diag_hint(d,
			     "build without --key (and without %s) to "
			     "preview at this address",
			     BS_SIGNING_KEY_ENV);
		bs_signer_close(out);
		return BS_ECONTENT;
	}
	bs_buf b = BS_BUF_INIT;
	bs_keys_multikey_encode(&b, out->key.pk);
	out->method = bs_xasprintf("%s#%s", out->did, b.ptr);
	const json_t *prev = json_object_get(
	    json_object_get(s->site, "signing"), "previous_keys");
	out->multikeys =
	    bs_xcalloc(json_array_size(prev) + 2, sizeof *out->multikeys);
	out->multikeys[out->nmultikeys++] = bs_buf_detach(&b);
	for (size_t i = 0; i < json_array_size(prev); i++) {
		const char *k = json_string_value(json_array_get(prev, i));
		unsigned char pk[32];
		if (!k || bs_keys_multikey_decode(pk, k)) {
			bs_diag_file(d, BS_ERROR, "site.json", 0, 0,
				     "signing.previous_keys: '%s' is not an "
				     "Ed25519 Multikey",
				     k ? k : "");
			rc = BS_ECONTENT;
		} else if (strcmp(k, out->multikeys[0]) != 0) {
			out->multikeys[out->nmultikeys++] = bs_xstrdup(k);
		}
	}
	if (rc) {
		bs_signer_close(out);
		return rc;
	}
	/* the contexts an award's credential names: the built-in two and
	 * the site's own, at this build's address */
	bs_ld_docs_builtin(&out->docs);
	bs_ob3_context(&b, s->canonical_base ? s->canonical_base : s->base_url);
	json_t *ctx = json_loadb(b.ptr, b.len, 0, NULL);
	bs_buf_free(&b);
	/* at this build's address, and at the canonical one older
	 * versions' Achievements, kept as published, name */
	for (int i = 0; i < 2; i++) {
		const char *b = i ? s->canonical_base : s->base_url;
		if (!b)
			continue;
		char *url = bs_xasprintf("%s%s", b, BS_OB3_CONTEXT_PATH);
		bs_ld_docs_add(&out->docs, url, ctx); /* its own reference */
		free(url);
	}
	json_decref(ctx);
	s->did_path = bs_xstrdup(bs_keys_did_web_path(s->base_url));
	return BS_OK;
}

void bs_signer_close(bs_signer *sg)
{
	bs_keys_wipe(&sg->key);
	free(sg->did);
	free(sg->method);
	for (size_t i = 0; i < sg->nmultikeys; i++)
		free(sg->multikeys[i]);
	free(sg->multikeys);
	bs_ld_docs_free(&sg->docs);
	memset(sg, 0, sizeof *sg);
}

void bs_creds_did_document(bs_buf *out, const bs_signer *sg)
{
	bs_keys_did_document(out, sg->did, (const char *const *)sg->multikeys,
			     sg->nmultikeys);
}

int bs_creds_achievement(bs_buf *out, const bs_award_badge *bv,
			 const bs_stage *st, bs_diags *d)
{
	char *ap = bs_xasprintf("%sachievement.json", bv->dir);
	int rc = bs_files_read_bytes(out, st->tmp, ap, NULL, 0, 0, d);
	free(ap);
	return rc;
}

void bs_creds_key(bs_key *k, const bs_signer *sg)
{
	bs_key_add_str(k, sg->method);
	for (size_t i = 0; i < sg->nmultikeys; i++)
		bs_key_add_str(k, sg->multikeys[i]);
}

int bs_creds_credential(bs_buf *out, const bs_site *s, const bs_signer *sg,
			const bs_award *a, const bs_buf *achievement,
			bs_diags *d)
{
	int rc = BS_OK;
	json_t *ach = json_loadb(achievement->ptr, achievement->len, 0, NULL);
	if (!ach)
		return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
				    "the Achievement %sachievement.json of "
				    "award %s is not JSON",
				    a->bv->dir, a->id);
	json_t *v = bs_awardview(s, a);
	const json_t *iv = json_object_get(v, "issuer");
	json_t *iss = json_object();
	json_object_set_new(iss, "did", json_string(sg->did));
	json_object_set(iss, "name", json_object_get(iv, "name"));
	json_object_set(iss, "url", json_object_get(iv, "url"));
	json_t *doc = NULL, *signed_doc = NULL;
	char *name = bs_xasprintf("awards/%s.credential.json", a->id);
	rc = bs_ob3_credential(&doc, v, ach, iss, d);
	if (!rc) {
		bs_proof_opts po = {sg->method, bs_view_str(v, "issued_on"),
				    NULL};
		rc = bs_proof_sign(&signed_doc, doc, &sg->key, &po, &sg->docs,
				   name, d);
	}
	if (!rc) {
		bs_ob3_credential_proofs(signed_doc);
		bs_jsonout_write(out, signed_doc, 1);
	}
	free(name);
	json_decref(signed_doc);
	json_decref(doc);
	json_decref(iss);
	json_decref(v);
	json_decref(ach);
	return rc;
}

int bs_creds_status_list(bs_buf *out, const bs_site *s, const bs_signer *sg,
			 const char *issuer, bs_diags *d)
{
	const bs_awards *aw = s->awards;
	size_t nbits = bs_awards_status_bits(aw, issuer);
	assert(nbits % 8 == 0 && nbits >= BS_STATUS_MIN_BITS);
	unsigned char *bits = bs_xcalloc(nbits / 8, 1);
	/* valid from when its bits last changed: the latest revocation,
	 * else the first award (a later award adds a bit that is clear, so
	 * a list that is valid stays valid as awards are added) */
	const char *first = NULL, *latest = NULL;
	for (size_t i = 0; aw && i < aw->n; i++) {
		const bs_award *a = &aw->v[i];
		const char *ai = a->bv->badge->issuer;
		if (a->status < 0 || !ai || strcmp(ai, issuer) != 0)
			continue;
		if (!first || strcmp(a->issued, first) < 0)
			first = a->issued;
		if (!a->revoked)
			continue;
		bs_status_set(bits, (size_t)a->status);
		if (a->revoked_on &&
		    (!latest || strcmp(a->revoked_on, latest) > 0))
			latest = a->revoked_on;
	}
	if (!latest)
		latest = first ? first : "1970-01-01";
	bs_buf enc = BS_BUF_INIT;
	bs_status_encode(&enc, bits, nbits / 8);
	free(bits);
	char *path = bs_awardview_status_path(issuer);
	char *url = bs_xasprintf("%s%s", s->base_url, path);
	char *from = bs_xasprintf("%sT00:00:00Z", latest);
	json_t *doc =
	    bs_status_credential(url, sg->did, from, "revocation", enc.ptr);
	json_t *signed_doc = NULL;
	bs_proof_opts po = {sg->method, from, NULL};
	int rc =
	    bs_proof_sign(&signed_doc, doc, &sg->key, &po, &sg->docs, path, d);
	if (!rc)
		bs_jsonout_write(out, signed_doc, 1);
	json_decref(signed_doc);
	json_decref(doc);
	free(from);
	free(url);
	free(path);
	bs_buf_free(&enc);
	return rc;
}
