/* signtool: not a test but the entry point the Node.js tests of sign/
 * (the .js files of tests/sign/) call to reach the library without a user
 * command: signtool canon FILE [URL=CONTEXT_FILE...]   canonical N-Quads
 *   signtool sign FILE SEED_HEX METHOD CREATED [URL=CONTEXT_FILE...]
 *                                    the signed document (eddsa-rdfc-2022)
 *   signtool verify FILE MULTIKEY [URL=CONTEXT_FILE...]   exit 0 if valid
 *   signtool did BASE_URL SEED_HEX...  the did:web, then its DID document
 * Contexts beyond the built-in ones are given as URL=FILE. Diagnostics go
 * to stderr; exit 1 on any error. */
#include "sign/jsonld.h"
#include "sign/keys.h"
#include "sign/proof.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int contexts(bs_ld_docs *docs, int argc, char **argv, int from)
{
	bs_ld_docs_builtin(docs);
	for (int i = from; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			return -1;
		*eq = '\0';
		json_t *j = json_load_file(eq + 1, 0, NULL);
		if (!j) {
			fprintf(stderr, "signtool: cannot read %s\n", eq + 1);
			return -1;
		}
		bs_ld_docs_add(docs, argv[i], j);
		json_decref(j);
	}
	return 0;
}

static int seed_key(bs_sign_key *k, const char *hex)
{
	unsigned char seed[32];
	size_t n = 0;
	if (sodium_hex2bin(seed, 32, hex, strlen(hex), NULL, &n, NULL) ||
	    n != 32)
		return -1;
	bs_keys_from_seed(k, seed);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: see tests/unit/signtool.c\n");
		return 2;
	}
	const char *cmd = argv[1];
	bs_ld_docs docs = BS_LD_DOCS_INIT;
	bs_diags d = BS_DIAGS_INIT;
	bs_buf out = BS_BUF_INIT;
	int rc = 1;
	if (!strcmp(cmd, "did")) {
		char *did = bs_keys_did_web(argv[2]);
		const char **mk = calloc((size_t)argc, sizeof *mk);
		bs_buf *bufs = calloc((size_t)argc, sizeof *bufs);
		int n = 0;
		for (int i = 3; i < argc; i++) {
			bs_sign_key k;
			if (seed_key(&k, argv[i]))
				break;
			bs_keys_multikey_encode(&bufs[n], k.pk);
			mk[n] = bufs[n].ptr;
			n++;
		}
		if (did && n == argc - 3) {
			printf("%s\n", did);
			bs_keys_did_document(&out, did, mk, (size_t)n);
			fputs(out.ptr, stdout);
			rc = 0;
		}
		for (int i = 0; i < n; i++)
			bs_buf_free(&bufs[i]);
		free(bufs);
		free(mk);
		free(did);
		bs_buf_free(&out);
		return rc;
	}
	json_error_t err;
	json_t *doc = json_load_file(argv[2], 0, &err);
	if (!doc) {
		fprintf(stderr, "signtool: %s: %s\n", argv[2], err.text);
		return 1;
	}
	if (!strcmp(cmd, "canon") && !contexts(&docs, argc, argv, 3)) {
		rc = bs_jsonld_canonize(&out, doc, &docs, argv[2], &d) ? 1 : 0;
		if (!rc)
			fputs(out.ptr ? out.ptr : "", stdout);
	} else if (!strcmp(cmd, "sign") && argc >= 6 &&
		   !contexts(&docs, argc, argv, 6)) {
		bs_sign_key k;
		json_t *signed_doc = NULL;
		bs_proof_opts o = {argv[4], argv[5], NULL};
		if (!seed_key(&k, argv[3]) &&
		    !bs_proof_sign(&signed_doc, doc, &k, &o, &docs, argv[2],
				   &d)) {
			char *s = json_dumps(signed_doc, JSON_INDENT(2));
			puts(s);
			free(s);
			rc = 0;
		}
		bs_keys_wipe(&k);
		json_decref(signed_doc);
	} else if (!strcmp(cmd, "verify") && argc >= 4 &&
		   !contexts(&docs, argc, argv, 4)) {
		unsigned char pk[32];
		if (!bs_keys_multikey_decode(pk, argv[3]))
			rc = bs_proof_verify(doc, pk, &docs, argv[2], &d) ? 1
									  : 0;
	}
	bs_buf msg = BS_BUF_INIT;
	bs_diags_print(&msg, &d);
	if (msg.len)
		fputs(msg.ptr, stderr);
	bs_buf_free(&msg);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_ld_docs_free(&docs);
	json_decref(doc);
	return rc;
}
