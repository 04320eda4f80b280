/* keys.h: Ed25519 signing keys (libsodium) and how they are written:
 * the key file, multibase base58-btc, the Multikey form of a public key,
 * the did:web of a site and its DID document. The secret never leaves
 * this module and sign/proof.c. */
#ifndef BS_KEYS_H
#define BS_KEYS_H

#include "base/buf.h"
#include "base/diag.h"

#include <stddef.h>

/* An Ed25519 key pair: sk is libsodium's 64-byte secret (seed, then the
 * public key). Wipe it with bs_keys_wipe. */
typedef struct bs_sign_key {
	unsigned char pk[32];
	unsigned char sk[64];
} bs_sign_key;

/* The key of a 32-byte seed (deterministic: tests use fixed seeds). */
void bs_keys_from_seed(bs_sign_key *out, const unsigned char seed[32]);
void bs_keys_wipe(bs_sign_key *k);

/* Make a new random key and write its key file at path, mode 0600. An
 * existing file is never replaced: it is an error. Reports on path;
 * BS_EIO when it cannot be written, BS_EUSAGE when path exists. */
int bs_keys_new(const char *path, bs_diags *d);

/* Read the key file at path into out. Refused, with a hint: a file that
 * group or others may read or write, a file inside the site folder
 * site_root (NULL: no site to check against), a malformed file, a public
 * key that is not the secret's. Reports on path; BS_EIO when it cannot be
 * read, else BS_ECONTENT. */
int bs_keys_load(bs_sign_key *out, const char *path, const char *site_root,
		 bs_diags *d);

/* Append the key file of k: JSON { "type": "Multikey",
 * "publicKeyMultibase": "z6Mk...", "secretKeyMultibase": "z3u2..." },
 * the secret as multicodec ed25519-priv (0x1300) of the 64-byte secret,
 * as @digitalbazaar/ed25519-multikey exports it. */
void bs_keys_file_text(bs_buf *out, const bs_sign_key *k);

/* Multibase base58-btc ('z' then base58 in the Bitcoin alphabet). */
void bs_keys_multibase_encode(bs_buf *out, const unsigned char *data, size_t n);
/* Decode s into out (at most cap bytes); the length, or -1 when s is not
 * base58-btc multibase or does not fit. */
long bs_keys_multibase_decode(unsigned char *out, size_t cap, const char *s);

/* The Multikey form of an Ed25519 public key: multibase of multicodec
 * ed25519-pub (0xed01) and the key, "z6Mk...". */
void bs_keys_multikey_encode(bs_buf *out, const unsigned char pk[32]);
/* Its public key; 0, or -1 when s is not an Ed25519 Multikey. */
int bs_keys_multikey_decode(unsigned char pk[32], const char *s);

/* The did:web of a site at base_url (https only; a port's colon is
 * written %3A; path segments joined by ':'), e.g.
 * https://example.org:8443/fw/ -> did:web:example.org%3A8443:fw. NULL
 * when base_url cannot be a did:web (not https, or characters a DID
 * cannot carry); caller frees. */
char *bs_keys_did_web(const char *base_url);
/* Where the DID document of that did:web is published, relative to
 * base_url: "did.json", or ".well-known/did.json" at a host's root. */
const char *bs_keys_did_web_path(const char *base_url);

/* Append the DID document of did listing every public key (Multikeys,
 * current first; older ones stay so awards signed with them still
 * verify) as verification methods did#<multikey>, each usable for
 * assertionMethod. Indented JSON, trailing newline. */
void bs_keys_did_document(bs_buf *out, const char *did,
			  const char *const *multikeys, size_t n);

#endif
