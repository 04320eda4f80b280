/* Bitstring Status List v1.0 encoding (sign/status.c): the bit order, an
 * encodedList decoded back bit for bit, its GZIP header fixed (no time,
 * so a rebuild gives the same text), what a decoder must refuse, and the
 * unsigned BitstringStatusListCredential. */
#include "sign/status.h"
#include "base/alloc.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static void bit_order(void)
{
	unsigned char b[2] = {0, 0};
	bs_status_set(b, 0);
	is_int(b[0], 0x80, "index 0 is the first byte's leftmost bit");
	bs_status_set(b, 9);
	is_int(b[1], 0x40, "index 9 is the second byte's second bit");
	ok(bs_status_get(b, 0) && bs_status_get(b, 9) && !bs_status_get(b, 1) &&
	       !bs_status_get(b, 8),
	   "get reads back only the bits set");
}

static const size_t set_bits[] = {0, 7, 8, 38243, 79358, 131071};
#define NSET (sizeof set_bits / sizeof *set_bits)

static void round_trip(void)
{
	size_t n = BS_STATUS_MIN_BITS / 8;
	ok(n == 16384, "the shortest list is 16 KB (131,072 bits)");
	unsigned char *bits = bs_xcalloc(n, 1);
	for (size_t i = 0; i < NSET; i++)
		bs_status_set(bits, set_bits[i]);
	bs_buf a = BS_BUF_INIT, b = BS_BUF_INIT;
	bs_status_encode(&a, bits, n);
	bs_status_encode(&b, bits, n);
	ok(a.len > 10 && a.ptr[0] == 'u',
	   "encodedList is multibase base64url "
	   "('u'): %.20s...",
	   a.ptr);
	ok(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len),
	   "the same bits give the same text");
	/* 1f 8b 08 00, then MTIME 00 00 00 00: "H4sIAAAAAAA" */
	ok(!strncmp(a.ptr, "uH4sIAAAAAAA", 12),
	   "a GZIP member with no time in its header");
	ok(!strchr(a.ptr, '=') && !strchr(a.ptr, '+') && !strchr(a.ptr, '/'),
	   "base64url without padding");
	ok(a.len < 200, "a list of few bits set is short (%zu chars)", a.len);
	unsigned char *back = NULL;
	size_t bn = 0;
	int rc = bs_status_decode(&back, &bn, a.ptr, 1 << 20);
	ok(rc == 0 && bn == n, "decodes back to %zu bytes (%zu)", n, bn);
	size_t ones = 0;
	for (size_t i = 0; back && i < bn * 8; i++)
		ones += (size_t)bs_status_get(back, i);
	int all = back != NULL;
	for (size_t i = 0; back && i < NSET; i++)
		all &= bs_status_get(back, set_bits[i]);
	ok(all && ones == NSET, "exactly the bits set are set (%zu)", ones);
	ok(back && !memcmp(back, bits, n), "byte for byte");
	free(back);

	/* what a decoder refuses */
	back = NULL;
	ok(bs_status_decode(&back, &bn, a.ptr + 1, 1 << 20) != 0 && !back,
	   "no 'u' prefix: refused");
	char *bad = bs_xstrdup(a.ptr);
	bad[5] = '+';
	ok(bs_status_decode(&back, &bn, bad, 1 << 20) != 0,
	   "a character outside base64url: refused");
	bad[a.len - 6] = '\0';
	ok(bs_status_decode(&back, &bn, bad + 0, 1 << 20) != 0,
	   "a truncated GZIP: refused");
	free(bad);
	ok(bs_status_decode(&back, &bn, a.ptr, n - 1) != 0,
	   "a list longer than the caller allows: refused");
	/* a flipped bit changes the text */
	bs_status_set(bits, 100);
	bs_buf c = BS_BUF_INIT;
	bs_status_encode(&c, bits, n);
	ok(c.len != a.len || memcmp(c.ptr, a.ptr, a.len) != 0,
	   "one more bit set gives another text");
	bs_buf_free(&a);
	bs_buf_free(&b);
	bs_buf_free(&c);
	free(bits);
}

static void credential(void)
{
	json_t *c = bs_status_credential(
	    "https://x.example/awards/status/i.json", "did:web:x.example",
	    "2025-11-20T00:00:00Z", "revocation", "uH4sI");
	const json_t *t = json_object_get(c, "type");
	const json_t *sub = json_object_get(c, "credentialSubject");
	ok(json_array_size(t) == 2 &&
	       !strcmp(json_string_value(json_array_get(t, 1)),
		       "BitstringStatusListCredential"),
	   "typed VerifiableCredential, BitstringStatusListCredential");
	is_str(json_string_value(
		   json_array_get(json_object_get(c, "@context"), 0)),
	       "https://www.w3.org/ns/credentials/v2", "in the VC 2.0 context");
	is_str(json_string_value(json_object_get(sub, "id")),
	       "https://x.example/awards/status/i.json#list",
	       "its list is the credential's URL#list");
	is_str(json_string_value(json_object_get(sub, "type")),
	       "BitstringStatusList", "of type BitstringStatusList");
	is_str(json_string_value(json_object_get(sub, "statusPurpose")),
	       "revocation", "for revocation");
	is_str(json_string_value(json_object_get(c, "validFrom")),
	       "2025-11-20T00:00:00Z", "valid from the date given");
	is_str(json_string_value(json_object_get(c, "issuer")),
	       "did:web:x.example", "issued by the DID given");
	json_decref(c);
}

int main(void)
{
	bit_order();
	round_trip();
	credential();
	return done_testing();
}
