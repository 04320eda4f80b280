/* hmac.c: HMAC-SHA256, RFC 2104. */
#include "base/hmac.h"

#include "base/sha256.h"

#include <string.h>

static void unhex(unsigned char out[32], const char hex[65])
{
	for (int i = 0; i < 32; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char c = hex[2 * i + k];
			v = v * 16 + (c <= '9' ? c - '0' : c - 'a' + 10);
		}
		out[i] = (unsigned char)v;
	}
}

void bs_hmac_sha256_hex(char hex[65], const void *key, size_t klen,
			const void *msg, size_t n)
{
	unsigned char k[64], pad[64], inner[32];
	char h[65];
	memset(k, 0, sizeof k);
	if (klen > sizeof k) {
		bs_sha256 c;
		bs_sha256_init(&c);
		bs_sha256_add(&c, key, klen);
		bs_sha256_hex(h, &c);
		unhex(k, h);
	} else if (klen) {
		memcpy(k, key, klen);
	}
	bs_sha256 c;
	for (int i = 0; i < 64; i++)
		pad[i] = (unsigned char)(k[i] ^ 0x36);
	bs_sha256_init(&c);
	bs_sha256_add(&c, pad, sizeof pad);
	bs_sha256_add(&c, msg, n);
	bs_sha256_hex(h, &c);
	unhex(inner, h);
	for (int i = 0; i < 64; i++)
		pad[i] = (unsigned char)(k[i] ^ 0x5c);
	bs_sha256_init(&c);
	bs_sha256_add(&c, pad, sizeof pad);
	bs_sha256_add(&c, inner, sizeof inner);
	bs_sha256_hex(hex, &c);
}
