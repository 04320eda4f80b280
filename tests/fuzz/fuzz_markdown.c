/* fuzz_markdown.c: libFuzzer target for Markdown: the input is checked as
 * a page body is (bs_md_check_keep), then rendered by parsing it
 * (bs_md_html) and from the HTML the check kept (bs_md_html_kept) under
 * several roots and heading levels; any difference aborts. */
#include "pages/markdown.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const roots[] = {NULL, "", "../../",
					    "https://b.example/sub/"};
	const char *md = (const char *)data;
	bs_diags d = BS_DIAGS_INIT;
	bs_md_found f = {NULL, 0, 0, NULL};
	bs_md_check_keep(md, size, NULL, 1, &f, &d);
	for (size_t r = 0; r < sizeof roots / sizeof *roots; r++)
		for (int top = 0; top <= 3; top += 3) {
			bs_buf a, b;
			bs_buf_init(&a); /* ptr set even for no bytes */
			bs_buf_init(&b);
			bs_md_links l = {roots[r], NULL};
			bs_md_html(&a, md, size, &l, top);
			bs_md_html_kept(&b, &f, md, size, &l, top);
			if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0)
				abort(); /* the kept HTML is not the parse's */
			bs_buf_free(&a);
			bs_buf_free(&b);
		}
	bs_md_found_free(&f);
	bs_diags_free(&d);
	return 0;
}
