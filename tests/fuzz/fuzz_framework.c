/* fuzz_framework.c: libFuzzer target for the framework rules. The input is
 * framework.json, then a line "%%", then a badge file; every class of a
 * framework that loads is held to the badge's front matter. */
#include "base/diag.h"
#include "input/frontmatter.h"
#include "input/source.h"
#include "model/framework.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static const char default_badge[] =
    "{\"name\": \"N\", \"class\": \"c\", \"description\": \"d\", "
    "\"hours\": 40, \"credits\": 2}\nBody\n";

static void check_badge(const bs_framework *fw, const char *text, size_t len,
			bs_diags *d)
{
	static const bs_credit_system cs = {"credits", 25, 0, "nearest", 0, 1};
	bs_source src;
	bs_frontmatter fm;
	memset(&fm, 0, sizeof fm);
	if (bs_source_from(&src, "content/badges/b.md", text, len, d) ==
		BS_OK &&
	    bs_fm_parse(&fm, &src, d) == BS_OK) {
		bs_chk c = {&src, fm.pos, d, 0};
		for (size_t i = 0; i < fw->nclasses; i++) {
			double credits = 0;
			int has = 0;
			bs_framework_check_badge(&c, &fw->classes[i], &cs,
						 fm.data, &credits, &has);
		}
	}
	bs_fm_free(&fm);
	bs_source_free(&src);
}

/* The first "\n%%\n" in text, or NULL (memmem is not POSIX). */
static const char *find_sep(const char *text, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i++)
		if (memcmp(text + i, "\n%%\n", 4) == 0)
			return text + i;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *sep = find_sep(text, size);
	size_t fw_len = sep ? (size_t)(sep - text) : size;
	const char *badge = sep ? sep + 4 : default_badge;
	size_t badge_len = sep ? size - fw_len - 4 : strlen(default_badge);

	bs_diags d = BS_DIAGS_INIT;
	bs_framework fw;
	memset(&fw, 0, sizeof fw);
	if (bs_source_from(&fw.src, "content/framework.json", text, fw_len,
			   &d) == BS_OK &&
	    bs_framework_load(&fw, &d) == BS_OK)
		check_badge(&fw, badge, badge_len, &d);
	bs_diags_sort(&d);
	bs_buf out = BS_BUF_INIT;
	bs_diags_print(&out, &d);
	bs_buf_free(&out);
	bs_diags_free(&d);
	bs_framework_free(&fw);
	return 0;
}
