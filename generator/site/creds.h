/* creds.h: signed Open Badges 3.0 credentials of awards: the build's
 * signer (the key, the site's did:web and the contexts credentials name),
 * each award's credential signed with eddsa-rdfc-2022 and the DID
 * document that publishes the public key. The signer owns the key; it
 * never reaches a file the build writes. */
#ifndef BS_CREDS_H
#define BS_CREDS_H

#include "base/buf.h"
#include "base/cache.h"
#include "base/diag.h"
#include "model/awards.h"
#include "model/model.h"
#include "sign/keys.h"
#include "sign/ldctx.h"
#include "site/publish.h"
#include "views/plan.h"

/* The environment variable naming the signing key's file. */
#define BS_SIGNING_KEY_ENV "BADGESITE_SIGNING_KEY"

typedef struct bs_signer {
	bs_sign_key key;
	char *did;	  /* did:web of base_url */
	char *method;	  /* did#<multikey>: the proofs' verificationMethod */
	char **multikeys; /* current first, then site.json's retired ones */
	size_t nmultikeys;
	bs_ld_docs docs; /* built-in contexts and the site's OB 3.0 one */
} bs_signer;

/* Load the key file at path (refused inside s->root, as bs_keys_load
 * says) and make the signer of site s, whose base_url must be https (a
 * did:web). On success sets s->did_path, so that the plan lists the
 * credentials and the DID document. Reports on path or site.json;
 * BS_ECONTENT or BS_EIO, out then empty. */
int bs_signer_open(bs_signer *out, bs_site *s, const char *path, bs_diags *d);
/* Wipe the key and free the rest (an empty signer is fine). */
void bs_signer_close(bs_signer *sg);

/* Append the Achievement the awards of badge version bv embed: its
 * achievement.json, as the first render pass wrote it into the stage. */
int bs_creds_achievement(bs_buf *out, const bs_award_badge *bv,
			 const bs_stage *st, bs_diags *d);

/* Append the signed credential of award a, embedding achievement (the
 * bytes bs_creds_achievement read). */
int bs_creds_credential(bs_buf *out, const bs_site *s, const bs_signer *sg,
			const bs_award *a, const bs_buf *achievement,
			bs_diags *d);

/* Add to k what a credential takes from the signer: its did:web and
 * public keys (the secret is never part of a key, nor needed: signatures
 * are deterministic). */
void bs_creds_key(bs_key *k, const bs_signer *sg);

/* Append the signed status list of issuer's awards (a
 * BitstringStatusListCredential, purpose revocation): a bit per award at
 * its index, set when it is revoked; valid from the latest revocation
 * date of them, else the first issue date, so a rebuild makes the same
 * bytes. */
int bs_creds_status_list(bs_buf *out, const bs_site *s, const bs_signer *sg,
			 const char *issuer, bs_diags *d);

/* Append the DID document of the signer's did:web. */
void bs_creds_did_document(bs_buf *out, const bs_signer *sg);

#endif
