/* The framework's rules: hours and credits ranges, credits from hours,
 * assessment, attendance, pass mark, capstone, required fields, stacking
 * and cycles, each reported at the right line and column. */
#include "model/framework.h"
#include "base/buf.h"
#include "base/diag.h"
#include "input/frontmatter.h"
#include "input/source.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static const char fw_text[] =
    "{\n"
    "  \"title\": \"T\", \"version\": \"1\", \"effective\": "
    "\"2026-01-01\",\n"
    "  \"purpose\": \"p\",\n"
    "  \"formality\": [{\"id\": \"formal\", \"name\": \"Formal\", "
    "\"definition\": \"d\"}],\n"
    "  \"classes\": [\n"
    "    {\"id\": \"dip\", \"name\": \"Diploma\", \"formality\": "
    "\"formal\", \"achievement_type\": \"Diploma\", \"description\": "
    "\"d\",\n"
    "     \"hours\": {\"min\": 300}, \"credits\": {\"min\": 12},\n"
    "     \"assessment\": [\"summative\"], \"attendance_min\": 80, "
    "\"pass_mark\": 60, \"capstone\": true,\n"
    "     \"requires\": [\"learning_outcomes\", \"level\"],\n"
    "     \"completion\": {\"rule\": \"min_hours\", \"hours\": 300}},\n"
    "    {\"id\": \"part\", \"name\": \"Part\", \"formality\": \"formal\", "
    "\"achievement_type\": \"Assessment\", \"description\": \"d\",\n"
    "     \"hours\": {\"min\": 5, \"max\": 59}, \"stacks_into\": "
    "[\"dip\"]}\n"
    "  ]\n"
    "}\n";

static bs_framework fw;
static bs_credit_system cs = {"credits", 25, 0, "down", 0, 1};

/* Check a badge's front matter against class cid; returns the printed
 * diagnostics (caller frees). */
static char *check(const char *cid, const char *fm_text, int *rc)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_source_from(&src, "b.md", fm_text, strlen(fm_text), &d);
	bs_frontmatter fm;
	memset(&fm, 0, sizeof fm);
	*rc = bs_fm_parse(&fm, &src, &d);
	if (!*rc) {
		bs_chk c = {&src, fm.pos, &d, 0};
		double credits = 0;
		int has = 0;
		*rc = bs_framework_check_badge(&c, bs_framework_class(&fw, cid),
					       &cs, fm.data, &credits, &has);
	}
	bs_diags_sort(&d);
	bs_buf out = BS_BUF_INIT;
	bs_diags_print(&out, &d);
	bs_diags_free(&d);
	bs_fm_free(&fm);
	bs_source_free(&src);
	return bs_buf_detach(&out);
}

int main(void)
{
	bs_diags d = BS_DIAGS_INIT;
	memset(&fw, 0, sizeof fw);
	bs_source_from(&fw.src, "content/framework.json", fw_text,
		       strlen(fw_text), &d);
	is_int(bs_framework_load(&fw, &d), 0, "framework loads");
	is_int(fw.nclasses, 2, "two classes");
	bs_diags_free(&d);

	is_int(bs_credits_from_hours(&cs, 50), 2, "50 h = 2 credits");
	is_int(bs_credits_from_hours(&cs, 74.9), 2, "rounded down");
	bs_credit_system up = {"c", 25, 0, "up", 0, 1};
	is_int(bs_credits_from_hours(&up, 26), 2, "rounded up");
	bs_credit_system near = {"c", 25, 0, "nearest", 0, 1};
	is_int(bs_credits_from_hours(&near, 37.5), 2, "nearest rounds half up");
	bs_credit_system tenth = {"c", 0.1, 0, "down", 0, 1};
	is_int(bs_credits_from_hours(&tenth, 0.3), 3,
	       "0.3 h / 0.1 is 3, not 2.9999");

	/* credit_system.precision: fractions of a credit, rounded as stated,
	 * printed in their shortest form */
	bs_credit_system half = {"ECTS", 25, 1, "down", 0, 0.5};
	bs_buf num = BS_BUF_INIT;
	bs_buf_number(&num, bs_credits_from_hours(&half, 12.5));
	is_str(num.ptr, "0.5", "12.5 h at 25 h a credit, precision 0.5: 0.5");
	bs_buf_clear(&num);
	bs_buf_number(&num, bs_credits_from_hours(&half, 24));
	is_str(num.ptr, "0.5", "24 h: 0.96 rounded down to 0.5");
	bs_buf_clear(&num);
	bs_buf_number(&num, bs_credits_from_hours(&half, 6));
	is_str(num.ptr, "0", "6 h: below half a credit, none");
	bs_buf_clear(&num);
	bs_buf_number(&num, bs_credits_from_hours(&half, 50));
	is_str(num.ptr, "2", "50 h: 2, not 2.0");
	bs_credit_system tenths = {"c", 25, 0, "down", 0, 0.1};
	bs_buf_clear(&num);
	bs_buf_number(&num, bs_credits_from_hours(&tenths, 7.5));
	is_str(num.ptr, "0.3", "7.5 h in tenths: 0.3, not 0.30000000000000004");
	bs_credit_system halfup = {"c", 25, 0, "up", 0, 0.5};
	bs_buf_clear(&num);
	bs_buf_number(&num, bs_credits_from_hours(&halfup, 13));
	is_str(num.ptr, "1", "13 h rounded up to a half: 1");
	bs_buf_free(&num);

	int rc;
	char *out;
	out = check("dip",
		    "{\"hours\": 320, \"assessment\": \"summative\", "
		    "\"attendance\": 90, \"pass_mark\": 60, "
		    "\"capstone\": true, \"learning_outcomes\": [\"a\"], "
		    "\"level\": \"none\"}\nbody\n",
		    &rc);
	is_int(rc, 0, "a complete diploma passes");
	is_str(out, "", "no diagnostics");
	free(out);

	out = check("dip",
		    "{\"hours\": 200,\n \"assessment\": \"summative\", "
		    "\"attendance\": 90, \"pass_mark\": 60, "
		    "\"capstone\": true, \"learning_outcomes\": [\"a\"], "
		    "\"level\": \"none\"}\n",
		    &rc);
	is_int(rc, BS_ECONTENT, "hours below the class minimum");
	like(out,
	     "b.md:1:11: error: 200 hours is outside class 'dip' (at least 300 "
	     "hours)",
	     "hours error at the value");
	free(out);

	out = check("dip",
		    "{\"hours\": 300, \"credits\": 11,\n"
		    "\"assessment\": \"summative\", \"attendance\": 90, "
		    "\"pass_mark\": 60, \"capstone\": true, "
		    "\"learning_outcomes\": [\"a\"], \"level\": "
		    "\"none\"}\n",
		    &rc);
	like(out,
	     "b.md:1:27: error: credits do not match the hours: 300 hours make "
	     "12 credits",
	     "credits computed from hours");
	like(out, "hint: credits: one credit per 25 hours, rounded down",
	     "hint states the rounding");
	free(out);

	out = check("dip",
		    "{\"hours\": 300, \"assessment\": \"peer\", "
		    "\"attendance\": 70, \"pass_mark\": 50, "
		    "\"capstone\": false}\n",
		    &rc);
	like(out, "assessment 'peer' is not allowed in class 'dip'",
	     "assessment checked");
	like(out, "attendance 70% is below the minimum of class 'dip' (80%)",
	     "attendance checked");
	like(out, "pass mark 50% is below the minimum", "pass mark checked");
	like(out, "class 'dip' requires a capstone", "capstone checked");
	like(out, "class 'dip' requires 'learning_outcomes'",
	     "required field checked");
	like(out, "class 'dip' requires 'level'", "second required field");
	free(out);

	out = check("part", "{\"assessment\": \"x\"}\n", &rc);
	like(out, "b.md:1:1: error: class 'part' requires 'hours' (5–59 hours)",
	     "missing hours reported at the object");
	free(out);

	bs_framework_free(&fw);
	return done_testing();
}
