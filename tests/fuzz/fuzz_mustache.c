/* fuzz_mustache.c: libFuzzer target for the Mustache engine: the input is
 * compiled as template "t" and as partial "p" (so it may include itself),
 * beside a fixed parent "base", and rendered against a fixed context. */
#include "pages/mustache.h"

#include <stddef.h>
#include <stdint.h>

static const char ctx_text[] =
    "{\"s\": \"<b>&\\\"'\", \"n\": 1.5, \"i\": 42, \"t\": true, \"f\": false,"
    " \"z\": null, \"e\": [], \"o\": {\"s\": \"inner\", \"o\": {\"x\": 1}},"
    " \"a\": [1, \"two\", {\"s\": \"three\"}, [4]],"
    " \"page\": {\"title\": \"T\", \"root\": \"../\"}}";

static const char base_text[] =
    "<title>{{$title}}default{{/title}}</title>{{$main}}{{/main}}{{>p}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *ctx;
	if (!ctx)
		ctx = json_loads(ctx_text, 0, NULL);
	bs_diags d = BS_DIAGS_INIT;
	bs_tpl_set *set = bs_tpl_set_new();
	const char *src = (const char *)data;
	bs_tpl_set_add(set, "base", base_text, sizeof base_text - 1,
		       "layouts/base.mustache", &d);
	int rc = bs_tpl_set_add(set, "t", src, size, "layouts/t.mustache", &d);
	bs_tpl_set_add(set, "p", src, size, "layouts/p.mustache", &d);
	bs_tpl_set_check(set, &d);
	bs_buf out = BS_BUF_INIT;
	if (rc == BS_OK)
		bs_tpl_render(&out, set, "t", (const json_t *const *)&ctx, 1,
			      &d);
	bs_buf_free(&out);
	bs_diags_sort(&d);
	bs_diags_print(&out, &d);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_tpl_set_free(set);
	return 0;
}
