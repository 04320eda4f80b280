/* fuzz_frontmatter.c: libFuzzer target for the front matter scanner: any
 * bytes go through bs_source_from (size limit, UTF-8, BOM, CRLF) and then
 * bs_fm_parse; diagnostics are printed so their formatting runs too. */
#include "base/diag.h"
#include "input/frontmatter.h"
#include "input/source.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_frontmatter fm;
	memset(&fm, 0, sizeof fm);
	if (bs_source_from(&src, "content/badges/f.md", (const char *)data,
			   size, &d) == BS_OK)
		bs_fm_parse(&fm, &src, &d);
	bs_diags_sort(&d);
	bs_buf out = BS_BUF_INIT;
	bs_diags_print(&out, &d);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_fm_free(&fm);
	bs_source_free(&src);
	return 0;
}
