/* fuzz_vlang.c: libFuzzer target for the visual-language spec, read as
 * assets/visual-language.json of a throwaway site holding one icon, one
 * shape and a hostile icon; a spec that loads is checked and expanded. */
#include "base/diag.h"
#include "images/legend.h"
#include "images/vlang.h"
#include "input/source.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char root[] = "/tmp/bs-fuzz-vlang-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static const char *const files[] = {
    "assets/icons/a.svg", "assets/icons/evil.svg", "assets/shapes/s.svg"};
static const char *const dirs[] = {"assets/icons", "assets/shapes", "assets",
				   ""};

static void remove_site(void)
{
	char path[256];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		remove(path);
	}
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
		remove(path);
	}
}

/* One folder per process: libFuzzer runs the target in one process, and
 * the files are only read, so they are made once. */
static void make_site(void)
{
	char path[256];
	if (!mkdtemp(root))
		abort();
	atexit(remove_site);
	for (size_t i = 3; i-- > 1;) { /* assets, then its folders */
		snprintf(path, sizeof path, "%s/%s", root, dirs[i]);
		mkdir(path, 0700);
	}
	snprintf(path, sizeof path, "%s/%s", root, dirs[0]);
	mkdir(path, 0700);
	put("assets/icons/a.svg",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
	    "<path d=\"M2 2H22V22Z\" fill=\"red\"/></svg>");
	put("assets/icons/evil.svg",
	    "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" "
	    "onload=\"alert(1)\"><script>alert(2)</script>"
	    "<path d=\"M0 0L9 9\">&x;</path></svg>");
	put("assets/shapes/s.svg",
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
	    "<path d=\"M0 0H10V10H0Z\"/></svg>");
}

static const char facts_text[] =
    "{\"id\": \"b\", \"name\": \"Badge <x>\", \"class\": \"diploma\","
    " \"class_name\": \"Diploma\", \"formality\": \"formal\","
    " \"hours\": 300, \"credits\": 12, \"assessment\": \"summative\","
    " \"status\": \"published\", \"version\": 1}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *facts;
	if (!facts) {
		make_site();
		facts = json_loads(facts_text, 0, NULL);
	}
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_vlang *vl = NULL;
	if (bs_source_from(&src, "assets/visual-language.json",
			   (const char *)data, size, &d) == BS_OK &&
	    bs_vlang_load(&vl, root, &src, &d) == BS_OK) {
		bs_vlang_check(vl, facts, "content/badges/b.md", &d);
		bs_buf out = BS_BUF_INIT;
		bs_vl_expand(&out, vl, vl->describe, facts);
		for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
			int why;
			bs_vl_resolve(vl, ch, facts, &why);
		}
		bs_legend_html(&out, vl, NULL);
		bs_buf_free(&out);
		bs_vlang_free(vl);
	}
	bs_diags_sort(&d);
	bs_buf msg = BS_BUF_INIT;
	bs_diags_print(&msg, &d);
	bs_buf_free(&msg);
	bs_diags_free(&d);
	bs_source_free(&src);
	return 0;
}
