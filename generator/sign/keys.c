/* keys.c: Ed25519 keys with libsodium, their file, multibase, Multikey,
 * did:web and the DID document. */
#define _DEFAULT_SOURCE /* realpath */
#include "sign/keys.h"

#include "base/alloc.h"
#include "base/jsonout.h"
#include "base/url.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

static void init(void)
{
	/* safe to call from any thread, any number of times */
	if (sodium_init() < 0)
		abort();
}

void bs_keys_from_seed(bs_sign_key *out, const unsigned char seed[32])
{
	init();
	crypto_sign_seed_keypair(out->pk, out->sk, seed);
}

void bs_keys_wipe(bs_sign_key *k) { sodium_memzero(k, sizeof *k); }

/* ---- multibase, Multikey ---------------------------------------------- */

void bs_keys_multibase_encode(bs_buf *out, const unsigned char *data, size_t n)
{
	size_t zeros = 0;
	while (zeros < n && data[zeros] == 0)
		zeros++;
	size_t cap = n * 138 / 100 + 1;
	unsigned char *digits = bs_xcalloc(cap, 1);
	size_t len = 0;
	for (size_t i = zeros; i < n; i++) {
		unsigned carry = data[i];
		for (size_t j = 0; j < len; j++) {
			carry += (unsigned)digits[j] << 8;
			digits[j] = (unsigned char)(carry % 58);
			carry /= 58;
		}
		while (carry) {
			digits[len++] = (unsigned char)(carry % 58);
			carry /= 58;
		}
	}
	bs_buf_putc(out, 'z');
	for (size_t i = 0; i < zeros; i++)
		bs_buf_putc(out, '1');
	for (size_t i = len; i-- > 0;)
		bs_buf_putc(out, b58[digits[i]]);
	free(digits);
}

long bs_keys_multibase_decode(unsigned char *out, size_t cap, const char *s)
{
	if (!s || s[0] != 'z')
		return -1;
	s++;
	size_t n = strlen(s), zeros = 0;
	while (zeros < n && s[zeros] == '1')
		zeros++;
	unsigned char *bytes = bs_xcalloc(n + 1, 1); /* little-endian */
	size_t len = 0;
	for (size_t i = zeros; i < n; i++) {
		const char *p = strchr(b58, s[i]);
		if (!p || !s[i]) {
			free(bytes);
			return -1;
		}
		unsigned carry = (unsigned)(p - b58);
		for (size_t j = 0; j < len; j++) {
			carry += (unsigned)bytes[j] * 58;
			bytes[j] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
		while (carry) {
			bytes[len++] = (unsigned char)(carry & 0xff);
			carry >>= 8;
		}
	}
	if (zeros + len > cap) {
		free(bytes);
		return -1;
	}
	memset(out, 0, zeros);
	for (size_t i = 0; i < len; i++)
		out[zeros + i] = bytes[len - 1 - i];
	free(bytes);
	return (long)(zeros + len);
}

void bs_keys_multikey_encode(bs_buf *out, const unsigned char pk[32])
{
	unsigned char b[34] = {0xed, 0x01};
	memcpy(b + 2, pk, 32);
	bs_keys_multibase_encode(out, b, sizeof b);
}

int bs_keys_multikey_decode(unsigned char pk[32], const char *s)
{
	unsigned char b[40];
	long n = bs_keys_multibase_decode(b, sizeof b, s);
	if (n != 34 || b[0] != 0xed || b[1] != 0x01)
		return -1;
	memcpy(pk, b + 2, 32);
	return 0;
}

/* ---- the key file ------------------------------------------------------ */

void bs_keys_file_text(bs_buf *out, const bs_sign_key *k)
{
	unsigned char sec[66] = {0x80, 0x26};
	memcpy(sec + 2, k->sk, 64);
	bs_buf pub = BS_BUF_INIT, sb = BS_BUF_INIT;
	bs_keys_multikey_encode(&pub, k->pk);
	bs_keys_multibase_encode(&sb, sec, sizeof sec);
	sodium_memzero(sec, sizeof sec);
	bs_buf_printf(out,
		      "{\n  \"type\": \"Multikey\",\n"
		      "  \"publicKeyMultibase\": \"%s\",\n"
		      "  \"secretKeyMultibase\": \"%s\"\n}\n",
		      pub.ptr, sb.ptr);
	sodium_memzero(sb.ptr, sb.len);
	bs_buf_free(&pub);
	bs_buf_free(&sb);
}

int bs_keys_new(const char *path, bs_diags *d)
{
	init();
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) {
			bs_diag_file(d, BS_ERROR, path, 0, 0,
				     "already exists; a key file is never "
				     "replaced");
			bs_diag_hint(d,
				     "choose another --out, or remove the "
				     "old key only if no award signed with it "
				     "must verify any more");
			return BS_EUSAGE;
		}
		return bs_diag_io(d, path, "cannot create: %s",
				  strerror(errno));
	}
	bs_sign_key k;
	unsigned char seed[32];
	randombytes_buf(seed, sizeof seed);
	bs_keys_from_seed(&k, seed);
	sodium_memzero(seed, sizeof seed);
	bs_buf text = BS_BUF_INIT;
	bs_keys_file_text(&text, &k);
	bs_keys_wipe(&k);
	size_t done = 0;
	int rc = BS_OK;
	while (done < text.len) {
		ssize_t w = write(fd, text.ptr + done, text.len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = bs_diag_io(d, path, "cannot write: %s",
					strerror(errno));
			break;
		}
		done += (size_t)w;
	}
	if (!rc && fsync(fd) != 0)
		rc = bs_diag_io(d, path, "cannot write: %s", strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = bs_diag_io(d, path, "cannot write: %s", strerror(errno));
	sodium_memzero(text.ptr, text.len);
	bs_buf_free(&text);
	if (rc)
		unlink(path);
	return rc;
}

/* Whether the real path of file lies inside the real folder root. */
static int inside(const char *file, const char *root)
{
	char *f = realpath(file, NULL), *r = realpath(root, NULL);
	int in = 0;
	if (f && r) {
		size_t n = strlen(r);
		in = strncmp(f, r, n) == 0 &&
		     (f[n] == '/' || f[n] == '\0' || (n == 1 && r[0] == '/'));
	}
	free(f);
	free(r);
	return in;
}

static int bad_key(bs_diags *d, const char *path, const char *what)
{
	bs_diag_file(d, BS_ERROR, path, 0, 0, "not a badgesite key file: %s",
		     what);
	bs_diag_hint(d, "make one with: badgesite keys new --out FILE");
	return BS_ECONTENT;
}

int bs_keys_load(bs_sign_key *out, const char *path, const char *site_root,
		 bs_diags *d)
{
	init();
	memset(out, 0, sizeof *out);
	if (site_root && inside(path, site_root)) {
		bs_diag_file(d, BS_ERROR, path, 0, 0,
			     "the signing key lies inside the site folder, "
			     "where it could be committed or published");
		bs_diag_hint(d, "move it outside the site (e.g. ~/.config/"
				"badgesite/) and give that path");
		return BS_ECONTENT;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return bs_diag_io(d, path, "cannot read the signing key: %s",
				  strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return bs_diag_io(d, path, "the signing key is not a file");
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		bs_diag_file(d, BS_ERROR, path, 0, 0,
			     "the signing key may be read or changed by "
			     "others (mode %03o)",
			     (unsigned)(st.st_mode & 0777));
		bs_diag_hint(d, "chmod 600 %s", path);
		return BS_ECONTENT;
	}
	char text[1024];
	ssize_t n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n < 0)
		return bs_diag_io(d, path, "cannot read the signing key: %s",
				  strerror(errno));
	text[n] = '\0';
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	sodium_memzero(text, sizeof text);
	const char *type = json_string_value(json_object_get(j, "type"));
	const char *pub =
	    json_string_value(json_object_get(j, "publicKeyMultibase"));
	const char *sec =
	    json_string_value(json_object_get(j, "secretKeyMultibase"));
	int rc = BS_OK;
	unsigned char raw[80];
	unsigned char pk[32];
	if (!j)
		rc = bad_key(d, path, "it is not JSON");
	else if (json_object_size(j) != 3 || !type || strcmp(type, "Multikey"))
		rc = bad_key(d, path,
			     "it must hold type \"Multikey\", "
			     "publicKeyMultibase and "
			     "secretKeyMultibase, nothing else");
	else if (!pub || bs_keys_multikey_decode(pk, pub))
		rc = bad_key(d, path,
			     "publicKeyMultibase is not an Ed25519 "
			     "Multikey");
	else if (!sec || bs_keys_multibase_decode(raw, sizeof raw, sec) != 66 ||
		 raw[0] != 0x80 || raw[1] != 0x26)
		rc = bad_key(d, path,
			     "secretKeyMultibase is not an Ed25519 "
			     "secret key (multicodec 0x1300)");
	if (!rc) {
		bs_keys_from_seed(out, raw + 2);
		if (memcmp(out->pk, pk, 32) != 0 ||
		    memcmp(out->sk + 32, raw + 34, 32) != 0) {
			bs_keys_wipe(out);
			rc = bad_key(d, path,
				     "its public key is not the one "
				     "of its secret key");
		}
	}
	sodium_memzero(raw, sizeof raw);
	if (j) {
		/* wipe the secret's text before jansson frees it */
		json_t *s = json_object_get(j, "secretKeyMultibase");
		if (json_is_string(s))
			sodium_memzero((char *)json_string_value(s),
				       json_string_length(s));
	}
	json_decref(j);
	return rc;
}

/* ---- did:web ------------------------------------------------------------ */

static int did_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

char *bs_keys_did_web(const char *base_url)
{
	char *norm = bs_url_normalize_base(base_url);
	if (!norm || strncmp(norm, "https://", 8) != 0) {
		free(norm);
		return NULL;
	}
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "did:web:");
	const char *p = norm + 8;
	int ok = 1;
	for (; *p && *p != '/'; p++) {
		if (*p == ':')
			bs_buf_puts(&b, "%3A");
		else if (did_char(*p))
			bs_buf_putc(&b, *p);
		else
			ok = 0;
	}
	/* the path: each segment after a ':' */
	for (; *p && ok; p++) {
		if (*p == '/') {
			if (p[1])
				bs_buf_putc(&b, ':');
		} else if (did_char(*p)) {
			bs_buf_putc(&b, *p);
		} else if (*p == '%' && isxdigit((unsigned char)p[1]) &&
			   isxdigit((unsigned char)p[2])) {
			bs_buf_put(&b, p, 3);
			p += 2;
		} else {
			ok = 0;
		}
	}
	free(norm);
	if (!ok) {
		bs_buf_free(&b);
		return NULL;
	}
	return bs_buf_detach(&b);
}

const char *bs_keys_did_web_path(const char *base_url)
{
	const char *path = bs_url_base_path(base_url);
	return path && strcmp(path, "/") != 0 ? "did.json"
					      : ".well-known/did.json";
}

void bs_keys_did_document(bs_buf *out, const char *did,
			  const char *const *multikeys, size_t n)
{
	json_t *doc = json_object();
	json_object_set_new(doc, "@context",
			    json_pack("[ss]", "https://www.w3.org/ns/did/v1",
				      "https://w3id.org/security/multikey/v1"));
	json_object_set_new(doc, "id", json_string(did));
	json_t *vms = json_array(), *am = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *vm = json_object();
		json_object_set_new(vm, "id",
				    json_sprintf("%s#%s", did, multikeys[i]));
		json_object_set_new(vm, "type", json_string("Multikey"));
		json_object_set_new(vm, "controller", json_string(did));
		json_object_set_new(vm, "publicKeyMultibase",
				    json_string(multikeys[i]));
		json_array_append_new(vms, vm);
		json_array_append_new(am,
				      json_sprintf("%s#%s", did, multikeys[i]));
	}
	json_object_set_new(doc, "verificationMethod", vms);
	json_object_set_new(doc, "assertionMethod", am);
	bs_jsonout_write(out, doc, 1);
	json_decref(doc);
}
