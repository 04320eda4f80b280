/* The strict JSON reader: values equal jansson's own reading, positions of
 * keys and values, and each kind of error at its line and column. */
#include "input/jsonsrc.h"
#include "base/diag.h"
#include "input/source.h"
#include "tap.h"

#include <jansson.h>
#include <stdlib.h>

/* Parse text as a whole file named t.json. */
static int parse(const char *text, size_t len, json_t **out, bs_jpos **pos,
		 bs_diags *d)
{
	bs_source src;
	int rc = bs_source_from(&src, "t.json", text, len, d);
	if (rc == BS_OK)
		rc = bs_json_parse_file(out, pos, &src, d);
	bs_source_free(&src);
	return rc;
}

static void round_trip(const char *text)
{
	bs_diags d = BS_DIAGS_INIT;
	json_t *v = NULL;
	bs_jpos *pos = NULL;
	int rc = parse(text, strlen(text), &v, &pos, &d);
	json_error_t e;
	json_t *want = json_loads(text, JSON_DECODE_ANY, &e);
	int n = (int)strcspn(text, "\n"); /* test names stay on one line */
	is_int(rc, BS_OK, "parses: %.*s", n, text);
	ok(want && v && json_equal(v, want), "same value as jansson: %.*s", n,
	   text);
	is_int(d.n, 0, "no diagnostics: %.*s", n, text);
	json_decref(v);
	json_decref(want);
	bs_jpos_free(pos);
	bs_diags_free(&d);
}

/* Parse text (length len), expect failure with the first error at line:col
 * whose message holds msg and whose hint holds hint (when not NULL). */
static void error_at(const char *text, size_t len, int line, int col,
		     const char *msg, const char *hint, const char *name)
{
	bs_diags d = BS_DIAGS_INIT;
	json_t *v = (json_t *)1;
	bs_jpos *pos = (bs_jpos *)1;
	int rc = parse(text, len, &v, &pos, &d);
	is_int(rc, BS_ECONTENT, "%s: fails", name);
	ok(v == NULL && pos == NULL, "%s: no value left", name);
	ok(d.n >= 1 && d.v[0].sev == BS_ERROR, "%s: an error", name);
	if (d.n >= 1) {
		is_str(d.v[0].file, "t.json", "%s: file", name);
		is_int(d.v[0].line, line, "%s: line", name);
		is_int(d.v[0].col, col, "%s: column", name);
		like(d.v[0].msg, msg, "%s: message", name);
		if (hint)
			like(d.v[0].hint, hint, "%s: hint", name);
	}
	bs_diags_free(&d);
}

#define ERR(text, line, col, msg, hint, name)                                  \
	error_at(text, sizeof(text) - 1, line, col, msg, hint, name)

static void test_round_trip(void)
{
	round_trip("{}");
	round_trip("[]");
	round_trip(
	    "  {\"a\": [1, -2, 3.5, -0.25e-3, 1E+2, 0, -0], \"b\": {}}\n");
	round_trip("{\"s\": \"tab\\t nl\\n q\\\" bs\\\\ sl\\/ \\b\\f\\r\"}");
	round_trip(
	    "[\"\\u00e9\\u20AC\\ud83d\\ude00 caf\xc3\xa9 \xe2\x98\x95\"]");
	round_trip("[true, false, null, [[[]]], {\"x\": {\"y\": {}}}]");
	round_trip("[9223372036854775807, -9223372036854775808]");
	round_trip("[1.7976931348623157e308, 5e-324, 0.1]");
	round_trip("\"just a string\"");
	round_trip("42");
	round_trip("null");
	round_trip("{\"\": \"empty key\", \"a b\": 1}");
}

static void test_positions(void)
{
	const char *text = "{\n"
			   "  \"name\": \"Caf\xc3\xa9 \xe2\x98\x95\",\n"
			   "  \"ok\": true,\n"
			   "  \"no\": false,\n"
			   "  \"nil\": null,\n"
			   "  \"list\": [\"\xe2\x98\x95\xe2\x98\x95\", true, "
			   "null, 7],\n"
			   "  \"\xc3\xa9\": {\"k\": 2.5}\n"
			   "}\n";
	bs_diags d = BS_DIAGS_INIT;
	json_t *v = NULL;
	bs_jpos *pos = NULL;
	is_int(parse(text, strlen(text), &v, &pos, &d), BS_OK,
	       "positions document parses");
	int kl, kc, vl, vc;
	bs_jpos_member(pos, v, "name", &kl, &kc, &vl, &vc);
	ok(kl == 2 && kc == 3 && vl == 2 && vc == 11,
	   "name: key 2:3, value "
	   "2:11 (got %d:%d %d:%d)",
	   kl, kc, vl, vc);
	bs_jpos_member(pos, v, "ok", &kl, &kc, &vl, &vc);
	ok(kl == 3 && kc == 3 && vl == 3 && vc == 9, "true member: 3:3 3:9");
	bs_jpos_member(pos, v, "no", &kl, &kc, &vl, &vc);
	ok(kl == 4 && kc == 3 && vl == 4 && vc == 9, "false member: 4:3 4:9");
	bs_jpos_member(pos, v, "nil", &kl, &kc, &vl, &vc);
	ok(kl == 5 && kc == 3 && vl == 5 && vc == 10, "null member: 5:3 5:10");

	json_t *list = json_object_get(v, "list");
	int l, c;
	bs_jpos_item(pos, list, 0, &l, &c);
	ok(l == 6 && c == 12, "item 0 at 6:12 (got %d:%d)", l, c);
	bs_jpos_item(pos, list, 1, &l, &c);
	ok(l == 6 && c == 18,
	   "true item after two multi-byte characters at "
	   "6:18 (got %d:%d)",
	   l, c);
	bs_jpos_item(pos, list, 2, &l, &c);
	ok(l == 6 && c == 24, "null item at 6:24 (got %d:%d)", l, c);
	bs_jpos_item(pos, list, 3, &l, &c);
	ok(l == 6 && c == 30, "number item at 6:30 (got %d:%d)", l, c);
	bs_jpos_value(pos, json_array_get(list, 3), &l, &c);
	ok(l == 6 && c == 30, "number by pointer at 6:30");
	bs_jpos_item(pos, list, 4, &l, &c);
	ok(l == 0 && c == 0, "item past the end unknown");

	bs_jpos_member(pos, v, "\xc3\xa9", &kl, &kc, &vl, &vc);
	ok(kl == 7 && kc == 3 && vl == 7 && vc == 8,
	   "non-ASCII key: 7:3, value 7:8 (got %d:%d %d:%d)", kl, kc, vl, vc);
	json_t *inner = json_object_get(v, "\xc3\xa9");
	bs_jpos_member(pos, inner, "k", &kl, &kc, &vl, &vc);
	ok(kl == 7 && kc == 9 && vl == 7 && vc == 14,
	   "nested member 7:9 7:14 (got %d:%d %d:%d)", kl, kc, vl, vc);
	bs_jpos_value(pos, inner, &l, &c);
	ok(l == 7 && c == 8, "object by pointer");
	bs_jpos_value(pos, json_object_get(v, "name"), &l, &c);
	ok(l == 2 && c == 11, "string by pointer");
	bs_jpos_value(pos, list, &l, &c);
	ok(l == 6 && c == 11, "array by pointer");
	bs_jpos_value(pos, v, &l, &c);
	ok(l == 1 && c == 1, "root at 1:1");

	bs_jpos_value(pos, json_true(), &l, &c);
	ok(l == 0 && c == 0, "shared true has no position of its own");
	bs_jpos_member(pos, v, "nope", &kl, &kc, &vl, &vc);
	ok(kl == 0 && kc == 0 && vl == 0 && vc == 0, "unknown key -> 0,0");
	bs_jpos_member(pos, inner, "name", &kl, &kc, &vl, &vc);
	ok(kl == 0 && vl == 0, "key of another object -> 0,0");
	bs_jpos_member(NULL, v, "name", &kl, &kc, &vl, &vc);
	ok(kl == 0 && vl == 0, "no table -> 0,0");
	bs_jpos_member(pos, v, "name", NULL, NULL, &vl, NULL);
	is_int(vl, 2, "out pointers may be NULL");
	json_decref(v);
	bs_jpos_free(pos);
	bs_diags_free(&d);
}

/* Many members: every lookup hits the right entry. */
static void test_many(void)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "{\n");
	for (int i = 0; i < 3000; i++)
		bs_buf_printf(&b, "%s\"k%d\": [%d, true]\n", i ? "," : " ", i,
			      i);
	bs_buf_puts(&b, "}\n");
	bs_diags d = BS_DIAGS_INIT;
	json_t *v = NULL;
	bs_jpos *pos = NULL;
	is_int(parse(b.ptr, b.len, &v, &pos, &d), BS_OK, "3000 members parse");
	int bad = 0;
	for (int i = 0; i < 3000; i++) {
		char key[16];
		snprintf(key, sizeof key, "k%d", i);
		int kl, kc, vl, vc, il, ic;
		bs_jpos_member(pos, v, key, &kl, &kc, &vl, &vc);
		json_t *arr = json_object_get(v, key);
		bs_jpos_item(pos, arr, 1, &il, &ic);
		int width = snprintf(key, sizeof key, "%d", i);
		if (kl != i + 2 || kc != 2 || vl != i + 2 || il != i + 2 ||
		    ic != vc + 3 + width)
			bad++;
	}
	is_int(bad, 0, "every member and item found at its line");
	json_decref(v);
	bs_jpos_free(pos);
	bs_diags_free(&d);
	bs_buf_free(&b);
}

static void test_offset(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	const char *text = "xx\n  {\"a\": [1]} tail";
	bs_source_from(&src, "o.json", text, strlen(text), &d);
	json_t *v;
	bs_jpos *pos;
	size_t end;
	is_int(bs_json_parse(&v, &pos, &end, &src, 3, &d), BS_OK,
	       "parse from an offset");
	is_int(end, 15, "end is just past the value");
	int l, c;
	bs_jpos_value(pos, v, &l, &c);
	ok(l == 2 && c == 3, "value position counts from the file start");
	bs_jpos_item(pos, json_object_get(v, "a"), 0, &l, &c);
	ok(l == 2 && c == 10, "item position");
	json_decref(v);
	bs_jpos_free(pos);
	bs_source_free(&src);
	bs_diags_free(&d);
}

static void test_errors(void)
{
	ERR("{\n  \"a\": 1,\n}", 3, 1, "trailing comma before '}'",
	    "remove the trailing comma", "trailing comma in object");
	ERR("[1, 2, ]", 1, 8, "trailing comma before ']'",
	    "remove the trailing comma", "trailing comma in array");
	ERR("{'a': 1}", 1, 2, "expected a key in double quotes",
	    "double quotes", "single-quoted key");
	ERR("{\"a\": 'x'}", 1, 7, "expected a value, found '''",
	    "double quotes", "single-quoted value");
	ERR("{\"\xc3\xa9\": 'x'}", 1, 7, "expected a value", NULL,
	    "error column counts characters");
	ERR("{\"a\": \"abc", 1, 7, "unterminated string", "'\"'",
	    "string cut by end of file");
	ERR("{\n \"a\": \"ab\ncd\"}", 2, 7, "unterminated string", "\\n",
	    "string cut by a line break");
	ERR("[\"a\\qb\"]", 1, 4, "invalid escape '\\q'", "\\\\",
	    "unknown escape");
	ERR("[\"\\u12G4\"]", 1, 3, "invalid \\u escape", "four hex",
	    "bad \\u digits");
	ERR("[\"a\\u0000\"]", 1, 4, "NUL character in a string", NULL,
	    "escaped NUL");
	ERR("[\"\\uD800x\"]", 1, 3, "lone surrogate \\uD800", "low",
	    "high surrogate alone");
	ERR("[\"\\uD83D\\u0041\"]", 1, 3, "lone surrogate \\uD83D", NULL,
	    "high surrogate, then no low one");
	ERR("[\"\\uDC00\"]", 1, 3, "lone surrogate \\uDC00", NULL,
	    "low surrogate alone");
	ERR("[\"a\tb\"]", 1, 4, "tab character in a string", "\\t",
	    "raw tab in a string");
	ERR("[\"a\x01q\"]", 1, 4, "control character U+0001 in a string", NULL,
	    "control character in a string");
	ERR("{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}", 4, 3,
	    "duplicate key 'a' (first at line 2)", "only once",
	    "duplicate key");
	ERR("{\"a\": {\"x\": 1, \"x\": 2}}", 1, 16, "duplicate key 'x'", NULL,
	    "duplicate key in a nested object");
	ERR("{\"a\": 1 \"b\": 2}", 1, 9,
	    "expected ',' or '}' after an object member", "add a ','",
	    "missing comma between members");
	ERR("[1 2]", 1, 4, "expected ',' or ']' after an array item",
	    "add a ','", "missing comma between items");
	ERR("{\n  \"a\": 1\n  \"b\": 2\n}", 2, 9,
	    "missing ',' after this member", "end of this line",
	    "missing comma at a line's end: reported there");
	ERR("[\n  \"x\"  \n  \"y\"\n]", 2, 6, "missing ',' after this item",
	    "end of this line", "missing comma after an item ending its line");
	ERR("{\"a\" 1}", 1, 6, "expected ':' after the key 'a'", NULL,
	    "missing colon");
	ERR("{\"a\" = 1}", 1, 6, "expected ':'", "use ':'", "'=' for ':'");
	ERR("{\"a\": 1", 1, 8, "found the end of the file",
	    "close the object opened at 1:1", "unclosed object");
	ERR("[1,\n 2", 2, 3, "found the end of the file",
	    "close the array opened at 1:1", "unclosed array");
	ERR("{a: 1}", 1, 2, "expected a key in double quotes", "\"key\"",
	    "unquoted key");
	ERR("[NaN]", 1, 2, "invalid word 'NaN'", "no NaN", "NaN");
	ERR("[-Infinity]", 1, 3, "expected a digit after '-'", "Infinity",
	    "-Infinity");
	ERR("[True]", 1, 2, "invalid word 'True'", "lower case",
	    "capitalised true");
	ERR("[truex]", 1, 2, "invalid word 'truex'", NULL,
	    "literal with letters after it");
	ERR("{ // note\n}", 1, 3, "expected a key", "no comments", "comment");
	ERR("[01]", 1, 2, "leading zeros", NULL, "leading zero");
	ERR("[1.]", 1, 4, "expected a digit after '.'", NULL,
	    "no digit after the point");
	ERR("[1e+]", 1, 5, "expected a digit in the exponent", NULL,
	    "empty exponent");
	ERR("[-]", 1, 3, "expected a digit after '-'", NULL, "lone minus");
	ERR("[+1]", 1, 2, "expected a value, found '+'", "'+'", "plus sign");
	ERR("[.5]", 1, 2, "expected a value, found '.'", "0.5",
	    "no digit before the point");
	ERR("[\n 9223372036854775808]", 2, 2,
	    "integer 9223372036854775808 is too large", "string",
	    "integer beyond json_int_t");
	ERR("[-9223372036854775809]", 1, 2, "is too large", NULL,
	    "negative integer beyond json_int_t");
	ERR("[1e999]", 1, 2, "number 1e999 is out of range", NULL,
	    "real overflow");
	ERR("{} x", 1, 4, "unexpected text after the JSON value",
	    "single JSON value", "trailing garbage");
	ERR("{}\n\n  ]", 3, 3, "unexpected text after the JSON value", NULL,
	    "trailing garbage lines later");
	ERR("", 1, 1, "expected a JSON value, found the end of the file", "{}",
	    "empty input");
	ERR("  \n ", 2, 2, "expected a JSON value, found the end of the file",
	    NULL, "blank input");
	ERR("[\xe2\x82\xac]", 1, 2, "found '\xe2\x82\xac'", NULL,
	    "non-ASCII character shown whole");

	/* nesting: 64 levels are fine, the 65th is refused where it opens */
	char deep[200];
	for (int n = 64; n <= 65; n++) {
		size_t k = 0;
		for (int i = 0; i < n; i++)
			deep[k++] = '[';
		for (int i = 0; i < n; i++)
			deep[k++] = ']';
		deep[k] = '\0';
		if (n == 64) {
			round_trip(deep);
		} else {
			error_at(deep, k, 1, 65,
				 "nesting deeper than 64 levels", NULL,
				 "depth 65");
		}
	}

	/* every duplicate is reported, not just the first */
	bs_diags d = BS_DIAGS_INIT;
	json_t *v;
	bs_jpos *pos;
	const char *two = "{\"a\": 1, \"a\": 2, \"b\": 3, \"b\": [4]}";
	is_int(parse(two, strlen(two), &v, &pos, &d), BS_ECONTENT,
	       "two duplicates fail");
	is_int(d.n, 2, "both duplicates reported");
	bs_diags_free(&d);

	/* a duplicate's value is dropped with the positions inside it (they
	 * borrow its keys); objects parsed after it, which may be given its
	 * memory, are still told apart by their own keys */
	const char *again = "{\"a\": {\"x\": 1, \"y\": 2},\n"
			    " \"a\": {\"x\": 3, \"y\": 4},\n"
			    " \"b\": {\"y\": 5, \"x\": 6},\n"
			    " \"c\": {\"x\": {\"x\": 7}, \"x\": 8}}";
	is_int(parse(again, strlen(again), &v, &pos, &d), BS_ECONTENT,
	       "duplicates holding objects fail");
	is_int(d.n, 2, "both reported");
	ok(d.n == 2 && d.v[0].line == 2 && d.v[0].col == 2 &&
	       d.v[1].line == 4 && d.v[1].col == 23,
	   "each at its own key (2:2 and 4:23)");
	bs_diags_free(&d);
}

static void test_check_keys(void)
{
	const char *text = "{\n  \"nmae\": 1,\n  \"class\": 2,\n"
			   "  \"zzzzqqq\": 3\n}";
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_source_from(&src, "b.md", text, strlen(text), &d);
	json_t *v;
	bs_jpos *pos;
	is_int(bs_json_parse_file(&v, &pos, &src, &d), BS_OK,
	       "check_keys document parses");
	const char *const allowed[] = {"name", "class", "description", NULL};
	is_int(bs_json_check_keys(v, allowed, "a badge", &src, pos, &d),
	       BS_ECONTENT, "unknown keys fail");
	is_int(d.n, 2, "each unknown key reported");
	if (d.n == 2) {
		/* object order is insertion order, so nmae comes first */
		is_int(d.v[0].line, 2, "unknown key line");
		is_int(d.v[0].col, 3, "unknown key column");
		is_str(d.v[0].msg, "unknown key 'nmae' in a badge",
		       "unknown key message");
		is_str(d.v[0].hint, "did you mean 'name'?", "suggestion");
		is_int(d.v[1].line, 4, "second unknown key line");
		like(d.v[1].hint, "'name', 'class', 'description'",
		     "allowed keys listed when nothing is close");
	}
	bs_diags_free(&d);
	const char *const all[] = {"nmae", "class", "zzzzqqq", NULL};
	is_int(bs_json_check_keys(v, all, NULL, &src, pos, &d), BS_OK,
	       "known keys pass");
	is_int(d.n, 0, "no diagnostics when all keys are known");
	json_decref(v);
	bs_jpos_free(pos);
	bs_source_free(&src);
	bs_diags_free(&d);
}

int main(void)
{
	test_round_trip();
	test_positions();
	test_many();
	test_offset();
	test_errors();
	test_check_keys();
	return done_testing();
}
