/* fuzz_ledger.c: libFuzzer target for the ledger parser: any bytes go
 * through bs_source_from (size limit, UTF-8, BOM, CRLF) and then
 * bs_ledger_parse; every entry is looked up again and diagnostics are
 * printed, so sorting, lookups and their formatting run too. */
#include "base/diag.h"
#include "model/ledger.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_ledger l;
	bs_ledger_parse(&l, BS_LEDGER_PATH, (const char *)data, size, &d);
	for (size_t i = 0; i < l.n; i++)
		if (!bs_ledger_find(&l, l.v[i].path))
			__builtin_trap();
	bs_ledger_has_snapshots(&l);
	bs_diags_sort(&d);
	bs_buf out = BS_BUF_INIT;
	bs_diags_print(&out, &d);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_ledger_free(&l);
	return 0;
}
