/* The official Mustache specification, every test of every module in
 * tests/conformance/mustache-spec (run from the repository root, as prove
 * does). A missing file fails. */
#include "pages/mustache.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static const char *const modules[] = {
    "comments", "delimiters", "interpolation", "inverted",
    "partials", "sections",   "~inheritance",  NULL};

int main(void)
{
	for (const char *const *m = modules; *m; m++) {
		char path[1024];
		snprintf(path, sizeof path,
			 "tests/conformance/mustache-spec/%s.json", *m);
		json_error_t err;
		json_t *spec = json_load_file(path, 0, &err);
		if (!ok(spec != NULL, "%s: spec file loads", *m)) {
			printf("#   %s: %s\n", path, err.text);
			continue;
		}
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(spec, "tests"), i, t)
		{
			bs_tpl_set *set = bs_tpl_set_new();
			bs_diags d = BS_DIAGS_INIT;
			const char *tmpl =
			    json_string_value(json_object_get(t, "template"));
			int rc = bs_tpl_set_add(set, "main", tmpl, strlen(tmpl),
						"main", &d);
			const char *pname;
			json_t *ptext;
			json_object_foreach(json_object_get(t, "partials"),
					    pname, ptext)
			{
				const char *s = json_string_value(ptext);
				rc |= bs_tpl_set_add(set, pname, s, strlen(s),
						     pname, &d);
			}
			bs_buf out = BS_BUF_INIT;
			const json_t *ctx[1] = {json_object_get(t, "data")};
			if (!rc)
				rc = bs_tpl_render(&out, set, "main", ctx, 1,
						   &d);
			const char *want =
			    json_string_value(json_object_get(t, "expected"));
			char name[300];
			snprintf(name, sizeof name, "%s: %s", *m,
				 json_string_value(json_object_get(t, "name")));
			if (!is_str(rc	      ? NULL
				    : out.ptr ? out.ptr
					      : "",
				    want, "%s", name)) {
				printf("#   template: ");
				for (const char *c = tmpl; *c; c++)
					printf(*c == '\n' ? "\\n" : "%c", *c);
				printf("\n");
				bs_buf msg = BS_BUF_INIT;
				bs_diags_print(&msg, &d);
				if (msg.len)
					tap_diag_str("diagnostics", msg.ptr);
				bs_buf_free(&msg);
			}
			bs_buf_free(&out);
			bs_diags_free(&d);
			bs_tpl_set_free(set);
		}
		json_decref(spec);
	}
	return done_testing();
}
