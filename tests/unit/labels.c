/* The words for the framework's codes: the built-in defaults, a site's
 * labels over them, units in their one/other forms, and unknown groups
 * and codes reported with a did-you-mean. */
#include "model/labels.h"
#include "base/diag.h"
#include "input/jsonsrc.h"
#include "input/source.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char *count(const json_t *l, const char *unit, double n,
		   const char *fallback)
{
	bs_buf b = BS_BUF_INIT;
	bs_labels_count(&b, l, unit, n, fallback);
	return bs_buf_detach(&b);
}

static json_t *load(const char *text, bs_diags *d, bs_source *src)
{
	json_t *j = NULL;
	bs_jpos *pos = NULL;
	bs_source_from(src, "content/framework.json", text, strlen(text), d);
	json_t *allowed = json_pack("[ss]", "summative", "portfolio");
	json_t *const asm[] = {allowed};
	json_t *l = NULL;
	if (bs_json_parse_file(&j, &pos, src, d) == 0) {
		bs_chk c = {src, pos, d, 0};
		l = bs_labels_load(&c, j, asm, 1);
	}
	json_decref(allowed);
	json_decref(j);
	bs_jpos_free(pos);
	return l;
}

int main(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	json_t *l = load("{}", &d, &src);
	is_int((int)d.n, 0, "no labels: nothing to report");
	is_str(bs_labels_word(l, "award_mode", "evidence-reviewed"),
	       "After a review of the evidence", "a default for each code");
	is_str(bs_labels_word(l, "fields", "learning_outcomes"),
	       "learning outcomes", "field names in words");
	is_str(bs_labels_word(l, "assessment", "portfolio"), "portfolio",
	       "a code without words stays as written");
	char *s;
	is_str(s = count(l, "hour", 1, NULL), "1 hour", "one hour");
	free(s);
	is_str(s = count(l, "hour", 2, NULL), "2 hours", "two hours");
	free(s);
	is_str(s = count(l, "learning_hour", 0.5, NULL), "0.5 learning hours",
	       "half an hour counts as other");
	free(s);
	is_str(s = count(l, "credit", 1, "Centre credits"), "1 Centre credit",
	       "one credit of the credit system");
	free(s);
	is_str(s = count(l, "credit", 4, "ECTS credits"), "4 ECTS credits",
	       "credits of the credit system");
	free(s);
	json_decref(l);
	bs_source_free(&src);

	l = load("{\"labels\": {\"award_mode\": {\"peer\": \"Chosen by "
		 "peers\"}, \"assessment\": {\"portfolio\": \"A portfolio\"}, "
		 "\"units\": {\"hour\": {\"one\": \"Stunde\", \"other\": "
		 "\"Stunden\"}, \"credit\": {\"one\": \"credit point\", "
		 "\"other\": \"credit points\"}}}}",
		 &d, &src);
	is_int((int)d.n, 0, "a site's labels load");
	is_str(bs_labels_word(l, "award_mode", "peer"), "Chosen by peers",
	       "a site's words replace the default");
	is_str(bs_labels_word(l, "award_mode", "assessed"),
	       "After a passed assessment", "and leave the others");
	is_str(bs_labels_word(l, "assessment", "portfolio"), "A portfolio",
	       "a code a class allows may be worded");
	is_str(s = count(l, "hour", 1, NULL), "1 Stunde", "units' one form");
	free(s);
	is_str(s = count(l, "hour", 3, NULL), "3 Stunden", "and other form");
	free(s);
	is_str(s = count(l, "credit", 1, "Centre credits"), "1 credit point",
	       "a site's credit unit wins over the credit system's name");
	free(s);
	json_decref(l);
	bs_source_free(&src);

	l = load("{\"labels\": {\"award_mod\": {},\n \"assessment\": "
		 "{\"sumative\": \"x\"},\n \"units\": {\"hour\": {\"one\": "
		 "\"h\"}}}}",
		 &d, &src);
	bs_buf out = BS_BUF_INIT;
	bs_diags_sort(&d);
	bs_diags_print(&out, &d);
	like(out.ptr,
	     "content/framework.json:1:13: error: unknown key "
	     "'award_mod' in labels",
	     "an unknown group at its place");
	like(out.ptr, "did you mean 'award_mode'?", "with a did-you-mean");
	like(out.ptr,
	     "content/framework.json:2:17: error: unknown key "
	     "'sumative' in labels.assessment",
	     "an assessment no class allows");
	like(out.ptr, "did you mean 'summative'?", "near one that is");
	like(out.ptr, "'other'", "a unit needs both forms");
	bs_buf_free(&out);
	json_decref(l);
	bs_source_free(&src);
	bs_diags_free(&d);
	return done_testing();
}
