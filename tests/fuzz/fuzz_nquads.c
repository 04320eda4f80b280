/* fuzz_nquads.c: libFuzzer target for the N-Quads reader and RDFC-1.0:
 * any bytes are read as N-Quads and canonicalised within the default work
 * limit; a canonical form, read and canonicalised again, must come back
 * byte for byte (the labels cannot depend on the input's). The second
 * pass may need more work than the first (the work, as in rdf-canonize,
 * depends on the order of the quads), so it is allowed work factor 3 and
 * may still give up; what it must never do is differ. */
#include "base/diag.h"
#include "sign/rdf.h"
#include "sign/rdfc.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int canon(bs_buf *out, const char *text, size_t n, unsigned factor,
		 bs_diags *d)
{
	bs_rdf_dataset ds = BS_RDF_DATASET_INIT;
	bs_rdfc_limits lim = {factor, 0};
	int rc = bs_rdf_parse_nquads(&ds, text, n, "fuzz.nq", d);
	if (!rc)
		rc = bs_rdfc_canonize(out, &ds, &lim, "fuzz.nq", d);
	bs_rdf_dataset_free(&ds);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_buf once = BS_BUF_INIT, twice = BS_BUF_INIT;
	if (!canon(&once, (const char *)data, size, 1, &d) &&
	    !canon(&twice, once.ptr ? once.ptr : "", once.len, 3, &d)) {
		if (once.len != twice.len ||
		    (once.len && memcmp(once.ptr, twice.ptr, once.len)))
			__builtin_trap();
	}
	bs_buf msg = BS_BUF_INIT;
	bs_diags_print(&msg, &d);
	bs_buf_free(&msg);
	bs_buf_free(&once);
	bs_buf_free(&twice);
	bs_diags_free(&d);
	return 0;
}
