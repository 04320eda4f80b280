/* sha256.h: SHA-256 (FIPS 180-4), for the ledger's record of every
 * snapshot file: a real cryptographic hash without a new library. The
 * state is a plain value the caller owns; nothing is allocated. */
#ifndef BS_SHA256_H
#define BS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct bs_sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes taken so far */
	unsigned char block[64];
	size_t fill; /* bytes waiting in block */
} bs_sha256;

void bs_sha256_init(bs_sha256 *c);
void bs_sha256_add(bs_sha256 *c, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL, into hex. */
void bs_sha256_hex(char hex[65], bs_sha256 *c);
/* The digest of a whole file as hex; 0, or -1 (errno set) when it cannot
 * be read. */
int bs_sha256_file(char hex[65], const char *path);

#endif
