/* status.c: Bitstring Status List v1.0 (W3C): the encodedList of a
 * bitstring and the credential that publishes it. */
#include "sign/status.h"

#include "base/alloc.h"
#include "sign/ldctx.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

/* libdeflate's level for the lists: a list is mostly zeros, so every
 * level makes it a few dozen bytes; fixed, so the bytes never move. */
#define GZIP_LEVEL 9

void bs_status_set(unsigned char *bits, size_t i)
{
	bits[i / 8] |= (unsigned char)(0x80u >> (i % 8));
}

int bs_status_get(const unsigned char *bits, size_t i)
{
	return (bits[i / 8] >> (7 - i % 8)) & 1;
}

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void bs_status_encode(bs_buf *out, const unsigned char *bits, size_t nbytes)
{
	struct libdeflate_compressor *z =
	    bs_xmade(libdeflate_alloc_compressor(GZIP_LEVEL), 1 << 20);
	size_t cap = libdeflate_gzip_compress_bound(z, nbytes);
	unsigned char *gz = bs_xmalloc(cap);
	size_t n = libdeflate_gzip_compress(z, bits, nbytes, gz, cap);
	libdeflate_free_compressor(z);
	if (!n)
		bs_xmade(NULL, cap); /* the bound was not enough: cannot be */
	bs_buf_putc(out, 'u');
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)gz[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)gz[i + 1] << 8;
		if (i + 2 < n)
			v |= gz[i + 2];
		bs_buf_putc(out, b64url[(v >> 18) & 63]);
		bs_buf_putc(out, b64url[(v >> 12) & 63]);
		if (i + 1 < n)
			bs_buf_putc(out, b64url[(v >> 6) & 63]);
		if (i + 2 < n)
			bs_buf_putc(out, b64url[v & 63]);
	}
	free(gz);
}

static int b64val(char c)
{
	const char *p = c ? strchr(b64url, c) : NULL;
	return p ? (int)(p - b64url) : -1;
}

int bs_status_decode(unsigned char **bits, size_t *nbytes, const char *text,
		     size_t max)
{
	*bits = NULL;
	*nbytes = 0;
	if (!text || text[0] != 'u')
		return -1;
	size_t len = strlen(++text);
	if (len % 4 == 1)
		return -1;
	unsigned char *gz = bs_xmalloc(len * 3 / 4 + 3);
	size_t n = 0;
	unsigned acc = 0;
	int have = 0;
	for (size_t i = 0; i < len; i++) {
		int v = b64val(text[i]);
		if (v < 0) {
			free(gz);
			return -1;
		}
		acc = (acc << 6) | (unsigned)v;
		have += 6;
		if (have >= 8) {
			have -= 8;
			gz[n++] = (unsigned char)(acc >> have);
			acc &= (1u << have) - 1;
		}
	}
	unsigned char *out = bs_xmalloc(max ? max : 1);
	struct libdeflate_decompressor *z =
	    bs_xmade(libdeflate_alloc_decompressor(), 1 << 16);
	size_t got = 0;
	enum libdeflate_result r =
	    libdeflate_gzip_decompress(z, gz, n, out, max, &got);
	libdeflate_free_decompressor(z);
	free(gz);
	if (r != LIBDEFLATE_SUCCESS) {
		free(out);
		return -1;
	}
	*bits = out;
	*nbytes = got;
	return 0;
}

json_t *bs_status_credential(const char *url, const char *issuer,
			     const char *valid_from, const char *purpose,
			     const char *encoded)
{
	json_t *c = json_object();
	json_t *ctx = json_array();
	json_array_append_new(ctx, json_string(BS_LD_CREDENTIALS_V2));
	json_object_set_new(c, "@context", ctx);
	json_object_set_new(c, "id", json_string(url));
	json_t *t = json_array();
	json_array_append_new(t, json_string("VerifiableCredential"));
	json_array_append_new(t, json_string("BitstringStatusListCredential"));
	json_object_set_new(c, "type", t);
	json_object_set_new(c, "issuer", json_string(issuer));
	json_object_set_new(c, "validFrom", json_string(valid_from));
	json_t *sub = json_object();
	json_object_set_new(sub, "id", json_sprintf("%s#list", url));
	json_object_set_new(sub, "type", json_string("BitstringStatusList"));
	json_object_set_new(sub, "statusPurpose", json_string(purpose));
	json_object_set_new(sub, "encodedList", json_string(encoded));
	json_object_set_new(c, "credentialSubject", sub);
	return c;
}
