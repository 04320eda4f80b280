/* fuzz_jsonld.c: libFuzzer target for the JSON-LD reader of sign/: any
 * bytes that are JSON go through contexts (the built-in ones, and any a
 * document embeds), JSON-LD to RDF and RDFC-1.0, as a document to sign
 * would. Errors are printed so their formatting runs too. */
#include "base/diag.h"
#include "sign/jsonld.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *doc =
	    json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!doc)
		return 0;
	bs_ld_docs docs = BS_LD_DOCS_INIT;
	bs_ld_docs_builtin(&docs);
	bs_diags d = BS_DIAGS_INIT;
	bs_buf out = BS_BUF_INIT, msg = BS_BUF_INIT;
	bs_jsonld_canonize(&out, doc, &docs, "fuzz.json", &d);
	bs_diags_print(&msg, &d);
	bs_buf_free(&msg);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_ld_docs_free(&docs);
	json_decref(doc);
	return 0;
}
