/* status.h: W3C Bitstring Status List v1.0, knowing nothing of badges:
 * a bitstring written as its encodedList (multibase base64url, no
 * padding, of its GZIP) and read back, and the unsigned
 * BitstringStatusListCredential that carries it. */
#ifndef BS_STATUS_H
#define BS_STATUS_H

#include "base/buf.h"

#include <jansson.h>
#include <stddef.h>

/* The spec's smallest list, 16 KB: every list is at least this long, so
 * that a verifier fetching it learns nothing of which entry it checks. */
#define BS_STATUS_MIN_BITS 131072

/* Bit i of a list: byte i / 8, the most significant bit first (the
 * spec's left-to-right indexing). */
void bs_status_set(unsigned char *bits, size_t i);
int bs_status_get(const unsigned char *bits, size_t i);

/* Append the encodedList of the nbytes of bits: 'u', then base64url
 * without padding of their GZIP (libdeflate, fixed level: no time, the
 * OS byte "unknown", so the same bits always give the same text). */
void bs_status_encode(bs_buf *out, const unsigned char *bits, size_t nbytes);
/* Read an encodedList back: *bits (caller frees) and *nbytes; 0, or -1
 * when text is not 'u' base64url of a GZIP of at most max bytes. */
int bs_status_decode(unsigned char **bits, size_t *nbytes, const char *text,
		     size_t max);

/* The unsigned BitstringStatusListCredential at url (its list is
 * url#list) issued by issuer (a DID), valid from valid_from
 * (xsd:dateTime), for purpose ("revocation"), carrying encoded (from
 * bs_status_encode). Caller json_decrefs. */
json_t *bs_status_credential(const char *url, const char *issuer,
			     const char *valid_from, const char *purpose,
			     const char *encoded);

#endif
