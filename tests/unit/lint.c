/* lint.c: each rule of the visual-language lint on a small inline spec,
 * the colour maths against published values, and the example spec. */
#include "images/lint.h"
#include "base/alloc.h"
#include "images/vlang.h"
#include "input/source.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bs_vlang *load_text(const char *text, bs_diags *d)
{
	bs_source src;
	bs_vlang *vl = NULL;
	if (bs_source_from(&src, "assets/visual-language.json", text,
			   strlen(text), d) == 0)
		bs_vlang_load(&vl, ".", &src, d);
	bs_source_free(&src);
	return vl;
}

static json_t *badge(const char *id, const char *cls, const char *formality,
		     const char *name, double hours)
{
	json_t *f = json_object();
	json_object_set_new(f, "id", json_string(id));
	json_object_set_new(f, "name", json_string(name));
	json_object_set_new(f, "class", json_string(cls));
	json_object_set_new(f, "class_name", json_string(cls));
	json_object_set_new(f, "formality", json_string(formality));
	if (hours > 0)
		json_object_set_new(f, "hours", json_real(hours));
	return f;
}

/* The diagnostic whose message holds needle, or NULL. */
static const bs_diag *find(const bs_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle))
			return &d->v[i];
	return NULL;
}

/* Run the lint on two badges a and b with spec text; return its code. */
static int lint2(const char *spec, json_t *a, json_t *b, bs_diags *d)
{
	bs_vlang *vl = load_text(spec, d);
	if (!vl) {
		bs_buf out = BS_BUF_INIT;
		bs_diags_print(&out, d);
		printf("# spec did not load:\n# %s", out.ptr);
		bs_buf_free(&out);
		json_decref(a);
		json_decref(b);
		return 99;
	}
	const json_t *facts[2] = {a, b};
	const char *paths[2] = {"content/badges/a.md", "content/badges/b.md"};
	int rc = bs_lint_run(vl, facts, paths, b ? 2 : 1, 0, NULL, NULL, d);
	bs_vlang_free(vl);
	json_decref(a);
	json_decref(b);
	return rc;
}

static void test_colour_maths(void)
{
	/* Sharma, Wu and Dalal's test data uses Lab; white and black, and a
	 * pair a designer would call the same blue, stand in here */
	ok(fabs(bs_lint_delta_e("#ffffff", "#000000") - 100) < 0.01,
	   "white to black is 100 (CIEDE2000)");
	ok(bs_lint_delta_e("#2a6cc0", "#2a6cc0") == 0,
	   "a colour is 0 from itself");
	ok(bs_lint_delta_e("#2a6cc0", "#2b6dc2") < 1,
	   "a one-step change is below 1");
	ok(bs_lint_delta_e("#2a6cc0", "#1b8a78") > 20,
	   "blue and teal are far apart");
	ok(fabs(bs_lint_contrast("#ffffff", "#000000") - 21) < 0.01,
	   "white on black is 21:1");
	ok(fabs(bs_lint_contrast("#767676", "#ffffff") - 4.54) < 0.01,
	   "#767676 on white is 4.54:1");
}

/* shape by class, fill by class; formality from the facts */
#define SPEC_HEAD                                                              \
	"{\"channels\": {\"shape\": {\"field\": \"class\", \"scale\": "

static void test_alike(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc = lint2(SPEC_HEAD "{\"a\": \"circle\", \"b\": \"circle\"}},\n"
				 "\"fill\": {\"field\": \"class\", \"scale\": "
				 "{\"a\": \"#2a6cc0\",\n\"b\": \"#2c6ec3\"}},\n"
				 "\"marking\": {\"field\": \"class\", "
				 "\"scale\": {\"a\": \"FORMAL\", \"b\": "
				 "\"OTHER\"}}}}",
		       badge("x", "a", "formal", "X", 0),
		       badge("y", "b", "informal", "Y", 0), &d);
	const bs_diag *g = find(&d, "look alike");
	ok(rc == BS_ECONTENT && g, "close fills on one shape are an error");
	ok(g && g->sev == BS_ERROR && g->line == 3 &&
	       strcmp(g->file, "assets/visual-language.json") == 0,
	   "at the spec's line of the second fill");
	ok(!find(&d, "only in colour"), "the marking tells them apart");
	bs_diags_free(&d);

	rc = lint2(SPEC_HEAD "{\"a\": \"circle\", \"b\": \"circle\"}},\n"
			     "\"fill\": {\"field\": \"class\", \"scale\": "
			     "{\"a\": \"#2a6cc0\", \"b\": \"#2c6ec3\"}}, "
			     "\"marking\": {\"field\": \"class\", "
			     "\"scale\": {\"a\": \"FORMAL\", \"b\": "
			     "\"OTHER\"}}}}",
		   badge("x", "a", "formal", "X", 0),
		   badge("y", "b", "formal", "Y", 0), &d);
	ok(rc == BS_OK && !find(&d, "look alike"),
	   "alike classes of one formality are fine");
	bs_diags_free(&d);

	rc = lint2("{\"lint\": {\"delta_e\": 0.5}, \"channels\": {\"shape\": "
		   "{\"field\": \"class\", \"scale\": {\"a\": \"circle\", "
		   "\"b\": \"circle\"}}, \"fill\": "
		   "{\"field\": \"class\", \"scale\": {\"a\": \"#2a6cc0\", "
		   "\"b\": \"#2c6ec3\"}}, \"marking\": {\"field\": \"class\", "
		   "\"scale\": {\"a\": \"FORMAL\", \"b\": \"OTHER\"}}}}",
		   badge("x", "a", "formal", "X", 0),
		   badge("y", "b", "informal", "Y", 0), &d);
	ok(rc == BS_OK, "the threshold comes from the spec (lint.delta_e)");
	bs_diags_free(&d);
}

static void test_colour_alone(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc = lint2(SPEC_HEAD "{\"a\": \"circle\", \"b\": \"circle\"}},\n"
				 "\"fill\": {\"field\": \"class\", \"scale\": "
				 "{\"a\": \"#2a6cc0\", \"b\": \"#c23b45\"}}}}",
		       badge("x", "a", "formal", "X", 0),
		       badge("y", "b", "informal", "Y", 0), &d);
	const bs_diag *g = find(&d, "differ only in colour");
	ok(rc == BS_ECONTENT && g && g->sev == BS_ERROR,
	   "formality told by colour alone is an error");
	ok(g && g->line == 1, "at the shape of the second class");
	ok(!find(&d, "look alike"), "blue and red do not look alike");
	bs_diags_free(&d);

	rc =
	    lint2(SPEC_HEAD "{\"a\": \"circle\", \"b\": \"circle\"}},\n"
			    "\"fill\": {\"field\": \"class\", \"scale\": "
			    "{\"a\": \"#2a6cc0\", \"b\": \"#c23b45\"}},"
			    "\"border\": {\"field\": \"formality\", \"scale\": "
			    "{\"formal\": 20, \"informal\": 6}}}}",
		  badge("x", "a", "formal", "X", 0),
		  badge("y", "b", "informal", "Y", 0), &d);
	ok(rc == BS_OK, "a ring of another width is a cue besides colour");
	bs_diags_free(&d);
}

static void test_no_entry(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc = lint2(SPEC_HEAD "{\"a\": \"circle\"}}, \"fill\": {\"field\": "
				 "\"class\", \"default\": \"#123456\"}}}",
		       badge("x", "zzz", "formal", "X", 0), NULL, &d);
	const bs_diag *g = find(&d, "class 'zzz' has no shape");
	ok(rc == BS_ECONTENT && g, "a value with no entry is an error");
	is_str(g ? g->file : NULL, "content/badges/a.md", "at the badge");
	bs_diags_free(&d);
	/* one report names every channel the missing value leaves empty */
	rc = lint2(SPEC_HEAD "{\"a\": \"circle\"}}, \"fill\": {\"field\": "
			     "\"class\", \"scale\": {\"a\": \"#123456\"}}}}",
		   badge("x", "zzz", "formal", "X", 0), NULL, &d);
	g = find(&d, "class 'zzz' has no shape or fill in the visual");
	ok(rc == BS_ECONTENT && g && bs_diags_count(&d, BS_ERROR) == 1,
	   "two channels without the value: one error naming both");
	ok(g && g->hint && strstr(g->hint, "channels shape and fill"),
	   "its hint names both scales");
	bs_diags_free(&d);
}

static void test_missing_files(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_vlang *vl = load_text(
	    "{\"font\": \"assets/fonts/none.ttf\",\n \"channels\": {\"shape\": "
	    "{\"field\": \"class\", \"default\": \"circle\"}, \"fill\": "
	    "{\"field\": \"class\", \"default\": \"#000\"}}}",
	    &d);
	const bs_diag *g = find(&d, "font file 'assets/fonts/none.ttf'");
	ok(!vl && g && g->line == 1, "a missing font file is an error there");
	bs_diags_free(&d);
	vl = load_text(
	    "{\"shapes\": {\"x\": {\"file\": \"assets/shapes/none.svg\""
	    "}}, \"channels\": {\"shape\": {\"field\": \"class\", "
	    "\"default\": \"circle\"}, \"fill\": {\"field\": "
	    "\"class\", \"default\": \"#000\"}}}",
	    &d);
	ok(!vl && find(&d, "none.svg"), "a missing shape file is an error");
	bs_diags_free(&d);
	vl = load_text(
	    "{\"channels\": {\"shape\": {\"field\": \"class\", "
	    "\"default\": \"circle\"}, \"fill\": {\"field\": "
	    "\"class\", \"default\": \"#000\"}, \"icon\": {\"field\": "
	    "\"class\", \"default\": \"assets/icons/none.svg\"}}}",
	    &d);
	ok(!vl && find(&d, "none.svg"), "a missing icon is an error");
	bs_diags_free(&d);
	bs_vlang_free(vl);
}

static void test_contrast(void)
{
	bs_diags d = BS_DIAGS_INIT;
	/* white words on a pale yellow fill and a pale band */
	int rc = lint2(SPEC_HEAD "{\"a\": \"square\"}},\n\"fill\": {\"field\": "
				 "\"class\", \"default\": \"#f2e27a\"},\n"
				 "\"ink\": {\"field\": \"class\", \"default\": "
				 "\"#ffffff\"},\n\"label\": {\"field\": "
				 "\"hours\", \"template\": \"{{hours}} h\"}}}",
		       badge("x", "a", "formal", "X", 20), NULL, &d);
	const bs_diag *g = find(&d, "contrast");
	ok(rc == BS_OK && g && g->sev == BS_WARNING,
	   "low label contrast is a warning");
	ok(g && g->line == 3, "at the ink colour");
	like(g ? g->msg : "", "under 3:1 for large text",
	     "the label is large text at badge size");
	bs_diags_free(&d);

	rc = lint2(SPEC_HEAD "{\"a\": \"square\"}}, \"fill\": {\"field\": "
			     "\"class\", \"default\": \"#1c3f7a\"}, \"ink\": "
			     "{\"field\": \"class\", \"default\": "
			     "\"#ffffff\"}, \"label\": {\"field\": \"hours\", "
			     "\"template\": \"{{hours}} h\"}}}",
		   badge("x", "a", "formal", "X", 20), NULL, &d);
	ok(rc == BS_OK && !find(&d, "contrast"), "white on navy reads");
	bs_diags_free(&d);
}

static void test_fit(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc = lint2(SPEC_HEAD "{\"a\": \"diamond\"}}, \"fill\": {\"field\": "
				 "\"class\", \"default\": \"#1c3f7a\"}, "
				 "\"marking\": {\"field\": \"class\", "
				 "\"default\": \"INTERNATIONALISATION\"}}}",
		       badge("x", "a", "formal", "X", 0), NULL, &d);
	const bs_diag *g = find(&d, "does not fit");
	ok(rc == BS_OK && g && g->sev == BS_WARNING,
	   "a marking too long for its shape is a warning");
	is_str(g ? g->file : NULL, "content/badges/a.md", "at the badge");
	bs_diags_free(&d);

	rc = lint2(SPEC_HEAD "{\"a\": \"circle\"}}, \"fill\": {\"field\": "
			     "\"class\", \"default\": \"#1c3f7a\"}, "
			     "\"marking\": {\"field\": \"class\", "
			     "\"default\": \"EVENT\"}}}",
		   badge("x", "a", "formal", "X", 0), NULL, &d);
	ok(rc == BS_OK && !find(&d, "does not fit"), "a short word fits");
	bs_diags_free(&d);
}

/* The lint keeps its measurements in the cache: a second run reads them
 * back (the font is not asked again) and reports the same; a damaged
 * table is ignored and written anew. */
static void test_memo(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_vlang *vl =
	    load_text(SPEC_HEAD "{\"a\": \"diamond\"}}, \"fill\": {\"field\": "
				"\"class\", \"default\": \"#1c3f7a\"}, "
				"\"marking\": {\"field\": \"class\", "
				"\"default\": \"INTERNATIONALISATION\"}}}",
		      &d);
	char dir[] = "/tmp/bs-lint-XXXXXX";
	if (!vl || !mkdtemp(dir)) {
		ok(0, "spec and folder for the memo test");
		return;
	}
	bs_cache c;
	bs_cache_open(&c, dir);
	bs_key base;
	bs_key_init(&base);
	bs_key_add_str(&base, "test");
	json_t *a = badge("x", "a", "formal", "X", 0);
	json_t *b = badge("y", "a", "formal", "Y", 0);
	const json_t *facts[2] = {a, b};
	const char *paths[2] = {"content/badges/a.md", "content/badges/b.md"};
	bs_buf first = BS_BUF_INIT, again = BS_BUF_INIT;
	bs_lint_run(vl, facts, paths, 2, 0, &c, &base, &d);
	bs_diags_sort(&d);
	bs_diags_print(&first, &d);
	bs_diags_free(&d);
	char *table = bs_cache_file(&c, &base, "lint");
	ok(table != NULL, "the measurements are kept in the cache");
	like(first.ptr, "does not fit", "and the first run reports");
	bs_buf kept = BS_BUF_INIT;
	bs_cache_get(&c, &base, "lint", &kept);
	/* a record that says the words fit shows the second run reads it */
	bs_buf forged = BS_BUF_INIT;
	bs_buf_put(&forged, kept.ptr, kept.len);
	for (size_t i = 0; i + 5 < forged.len; i++)
		if (memcmp(forged.ptr + i, "INTER", 5) == 0)
			forged.ptr[i] = 'J';
	bs_cache_put(&c, &base, "lint", forged.ptr, forged.len);
	bs_lint_run(vl, facts, paths, 2, 0, &c, &base, &d);
	bs_diags_sort(&d);
	bs_diags_print(&again, &d);
	bs_diags_free(&d);
	like(again.ptr, "'JNTERNATIONALISATION' does not fit",
	     "a second run takes the words from the cache, not the font");
	bs_cache_put(&c, &base, "lint", "short", 5);
	bs_buf_clear(&again);
	bs_lint_run(vl, facts, paths, 2, 0, &c, &base, &d);
	bs_diags_sort(&d);
	bs_diags_print(&again, &d);
	bs_diags_free(&d);
	is_str(again.ptr, first.ptr, "a damaged table is measured again");
	bs_buf now = BS_BUF_INIT;
	bs_cache_get(&c, &base, "lint", &now);
	ok(now.len == kept.len && memcmp(now.ptr, kept.ptr, now.len) == 0,
	   "and written anew, the same bytes");
	bs_buf_free(&first);
	bs_buf_free(&again);
	bs_buf_free(&kept);
	bs_buf_free(&forged);
	bs_buf_free(&now);
	free(table);
	json_decref(a);
	json_decref(b);
	bs_vlang_free(vl);
	bs_cache_close(&c);
	char cmd[80];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		ok(0, "clean up %s", dir);
}

static void test_crowding_and_names(void)
{
	bs_diags d = BS_DIAGS_INIT;
	const char *spec =
	    SPEC_HEAD "{\"a\": \"circle\"}}, \"fill\": {\"field\": \"class\", "
		      "\"default\": \"#1c3f7a\"}, \"border\": {\"field\": "
		      "\"class\", \"default\": 10}, \"accent\": {\"field\": "
		      "\"class\", \"default\": \"#e6b73e\"}, \"icon\": "
		      "{\"field\": \"class\", \"default\": "
		      "\"assets/icons/medal.svg\"}, \"stars\": {\"field\": "
		      "\"hours\", \"steps\": [{\"min\": 100, \"value\": 5}, "
		      "{\"min\": 1, \"value\": 1}]}, \"marking\": {\"field\": "
		      "\"class\", \"default\": \"A\"}, \"label\": {\"field\": "
		      "\"name\", \"template\": \"{{name}}\"}}}";
	int rc = lint2(spec, badge("x", "a", "formal", "Data Skills", 200),
		       NULL, &d);
	const bs_diag *g = find(&d, "visual elements");
	ok(rc == BS_OK && g && g->sev == BS_WARNING,
	   "more than 9 elements is a warning");
	like(g ? g->msg : "",
	     "11 visual elements (shape, band, ring, 5 stars, icon, "
	     "label, marking)",
	     "it counts and names them");
	ok(!find(&d, "words"), "a two-word name may be drawn");
	bs_diags_free(&d);

	rc = lint2(spec,
		   badge("x", "a", "formal", "Advanced Data Skills Today", 5),
		   NULL, &d);
	ok(rc == BS_OK && !find(&d, "visual elements"),
	   "one star keeps it under the limit");
	g = find(&d, "has 4 words");
	ok(g && g->sev == BS_WARNING, "a drawn name of 4 words is a warning");
	bs_diags_free(&d);
}

static void test_per_award(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc = lint2(SPEC_HEAD "{\"a\": \"circle\"}}, \"fill\": {\"field\": "
				 "\"class\", \"default\": \"#1c3f7a\"},\n"
				 "\"label\": {\"field\": \"class\", "
				 "\"template\": \"{{year}}\"},\n\"marking\": "
				 "{\"field\": \"recipient\", \"scale\": "
				 "{\"person\": \"YOU\"}}}}",
		       badge("x", "a", "formal", "X", 0), NULL, &d);
	const bs_diag *g = find(&d, "draws 'year'");
	ok(rc == BS_OK && g && g->sev == BS_WARNING && g->line == 2,
	   "a year drawn on a class image is a warning at its template");
	g = find(&d, "follows 'recipient'");
	ok(g && g->line == 3, "a channel following the recipient is too");
	bs_diags_free(&d);
}

/* Two badges that draw the same picture; ids, titles and descriptions
 * differ, the picture does not. */
static void test_same_picture(void)
{
	bs_diags d = BS_DIAGS_INIT;
	const char *plain = SPEC_HEAD "{\"a\": \"circle\"}},\n"
				      "\"fill\": {\"field\": \"class\", "
				      "\"default\": \"#2a6cc0\"}%s}}";
	char *spec = bs_xasprintf(plain, "");
	int rc = lint2(spec, badge("x", "a", "formal", "Speaker", 0),
		       badge("y", "a", "formal", "Participant", 0), &d);
	free(spec);
	const bs_diag *g = find(&d, "badges 'x' and 'y' have the same image");
	ok(rc == BS_ECONTENT && g && g->sev == BS_ERROR,
	   "two badges with the same picture are an error");
	is_str(g ? g->file : NULL, "content/badges/b.md",
	       "at the second badge's file");
	ok(g && g->hint && strstr(g->hint, "short_name"),
	   "with a hint to tell them apart");
	bs_diags_free(&d);

	spec = bs_xasprintf(plain, ",\"caption\": {\"field\": \"name\", "
				   "\"template\": \"{{name}}\"}");
	rc = lint2(spec, badge("x", "a", "formal", "Speaker", 0),
		   badge("y", "a", "formal", "Participant", 0), &d);
	ok(rc == BS_OK && !find(&d, "same image"),
	   "their names on the caption tell them apart");
	bs_diags_free(&d);
	rc = lint2(spec, badge("x", "a", "formal", "Speaker", 0),
		   badge("y", "a", "formal", "Speaker", 0), &d);
	ok(find(&d, "same image") != NULL, "but not when the names are equal");
	free(spec);
	bs_diags_free(&d);
	json_t *own = badge("y", "a", "formal", "Speaker", 0);
	json_object_set_new(own, "image", json_string("assets/img/y.svg"));
	spec = bs_xasprintf(plain, "");
	rc = lint2(spec, badge("x", "a", "formal", "Speaker", 0), own, &d);
	free(spec);
	ok(rc == BS_OK && !find(&d, "same image"),
	   "a badge with its own image publishes that, not the drawing");
	bs_diags_free(&d);
}

/* Same outline and marking across formality levels: only colour, ring
 * width and icon are left to tell formality. */
static void test_marks_alone(void)
{
	bs_diags d = BS_DIAGS_INIT;
	const char *tpl =
	    SPEC_HEAD "{\"a\": \"circle\", \"b\": \"circle\"}},\n"
		      "\"fill\": {\"field\": \"class\", \"scale\": "
		      "{\"a\": \"#2a6cc0\", \"b\": \"#1b8a78\"}},"
		      "\"border\": {\"field\": \"formality\", \"scale\": "
		      "{\"formal\": 22, \"non-formal\": 14}},\n"
		      "\"marking\": {\"field\": \"class\", \"scale\": "
		      "{\"a\": \"CERTIFICATE\", \"b\": \"%s\"}}}}";
	char *spec = bs_xasprintf(tpl, "CERTIFICATE");
	int rc = lint2(spec, badge("x", "a", "formal", "X", 0),
		       badge("y", "b", "non-formal", "Y", 0), &d);
	free(spec);
	const bs_diag *g = find(&d, "told only by colour, ring and icon");
	ok(rc == BS_OK && g && g->sev == BS_WARNING,
	   "the same outline and marking across formality is a warning");
	ok(g && strstr(g->msg, "'a' (formal) and 'b' (non-formal)") &&
	       strstr(g->msg, "marked 'CERTIFICATE'"),
	   "naming both classes and the marking");
	is_int(g ? g->line : 0, 3, "at the second class's marking");
	bs_diags_free(&d);
	spec = bs_xasprintf(tpl, "PARTICIPATION");
	rc = lint2(spec, badge("x", "a", "formal", "X", 0),
		   badge("y", "b", "non-formal", "Y", 0), &d);
	free(spec);
	ok(rc == BS_OK && !find(&d, "told only by colour"),
	   "another marking tells them apart");
	bs_diags_free(&d);
}

/* A scale key no badge's value takes, while values fall to the default. */
static void test_unused_key(void)
{
	bs_diags d = BS_DIAGS_INIT;
	const char *tpl =
	    SPEC_HEAD "{\"a\": \"circle\"}},\n"
		      "\"fill\": {\"field\": \"class\", \"default\": "
		      "\"#2a6cc0\"},\n"
		      "\"stars\": {\"field\": \"level\", \"scale\": {\n"
		      "\"EQF 5\": 3, \"%s\": 2}, \"default\": 0}}}";
	char *spec = bs_xasprintf(tpl, "EQF 4");
	json_t *a = badge("x", "a", "formal", "X", 0);
	json_object_set_new(a, "level", json_string("EQF level 5"));
	int rc = lint2(spec, a, NULL, &d);
	free(spec);
	const bs_diag *g = find(&d, "no badge's level is 'EQF 5'");
	ok(rc == BS_OK && g && g->sev == BS_WARNING,
	   "a scale key no badge matches is a warning");
	is_int(g ? g->line : 0, 4, "at the key's line");
	is_int(g ? g->col : 0, 1, "and column");
	ok(g && g->hint && strstr(g->hint, "'EQF level 5'"),
	   "with the value that found no entry in the hint");
	ok(find(&d, "no badge's level is 'EQF 4'") != NULL,
	   "every unused key is named");
	bs_diags_free(&d);

	spec = bs_xasprintf(tpl, "EQF level 5");
	a = badge("x", "a", "formal", "X", 0);
	json_object_set_new(a, "level", json_string("EQF level 5"));
	rc = lint2(spec, a, NULL, &d);
	free(spec);
	ok(rc == BS_OK && !find(&d, "no badge's"),
	   "a key unused while every value has its entry is fine");
	bs_diags_free(&d);
}

static void test_example(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_vlang *vl = NULL;
	if (bs_source_load(&src, ".", "assets/visual-language.json", &d) == 0)
		bs_vlang_load(&vl, ".", &src, &d);
	bs_source_free(&src);
	ok(vl, "the example spec loads");
	if (!vl)
		return;
	static const char *const cls[][2] = {
	    {"diploma", "formal"},	  {"achievement", "formal"},
	    {"assessment", "formal"},	  {"participation", "non-formal"},
	    {"completion", "non-formal"}, {"event", "informal"},
	    {"membership", "informal"},	  {"community", "informal"},
	    {"award", "informal"},	  {"organisation", "informal"}};
	json_t *f[10];
	const char *paths[10];
	for (int i = 0; i < 10; i++) {
		f[i] = badge(cls[i][0], cls[i][0], cls[i][1], "A badge",
			     i == 0 ? 300 : 20 * i);
		paths[i] = cls[i][0];
	}
	int rc = bs_lint_run(vl, (const json_t *const *)f, paths, 10, 0, NULL,
			     NULL, &d);
	is_int(rc, BS_OK, "the example's classes pass the lint");
	is_int(d.n, 0, "without warnings");
	for (size_t i = 0; i < d.n; i++)
		printf("# %s: %s\n", d.v[i].file ? d.v[i].file : "",
		       d.v[i].msg);
	for (int i = 0; i < 10; i++)
		json_decref(f[i]);
	bs_vlang_free(vl);
	bs_diags_free(&d);
}

int main(void)
{
	test_colour_maths();
	test_alike();
	test_colour_alone();
	test_no_entry();
	test_missing_files();
	test_contrast();
	test_fit();
	test_memo();
	test_crowding_and_names();
	test_per_award();
	test_same_picture();
	test_marks_alone();
	test_unused_key();
	test_example();
	return done_testing();
}
