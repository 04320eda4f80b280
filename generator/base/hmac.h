/* hmac.h: HMAC-SHA256 (RFC 2104) over base/sha256, for values that must
 * be the same on every build yet not guessable without a secret the
 * organisation keeps (the salts of award recipients). Nothing is
 * allocated. */
#ifndef BS_HMAC_H
#define BS_HMAC_H

#include <stddef.h>

/* HMAC-SHA256 of msg (n bytes) under key (klen bytes), as 64 lowercase
 * hex digits and a NUL, into hex. */
void bs_hmac_sha256_hex(char hex[65], const void *key, size_t klen,
			const void *msg, size_t n);

#endif
