/* fuzz_csv.c: libFuzzer target for the CSV reader (input/csv): any bytes,
 * NULs, lone CRs and a BOM included, are handed to bs_csv_parse as they
 * are (not through bs_source_from, which would clean them first); every
 * row kept must have the header's field count and positions inside the
 * text, and the diagnostics are printed. */
#include "base/alloc.h"
#include "base/diag.h"
#include "input/csv.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_diags d = BS_DIAGS_INIT;
	char *text = bs_xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	bs_source src = {"content/awards/fuzz.csv", text, size};
	bs_csv t;
	int rc = bs_csv_parse(&t, &src, &d);
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < t.n; i++) {
		if (t.rows[i].n != t.rows[0].n || t.rows[i].n == 0)
			__builtin_trap();
		for (size_t k = 0; k < t.rows[i].n; k++)
			if (t.rows[i].f[k].line < 1 ||
			    t.rows[i].f[k].line > lines ||
			    t.rows[i].f[k].col < 1)
				__builtin_trap();
	}
	if (rc == BS_OK && bs_diags_count(&d, BS_ERROR))
		__builtin_trap();
	bs_diags_sort(&d);
	bs_buf out = BS_BUF_INIT;
	bs_diags_print(&out, &d);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_csv_free(&t);
	free(text);
	return 0;
}
