/* Splitting Markdown files into front matter and body: line ends, BOM,
 * where the body starts, and the errors at their line and column. */
#include "input/frontmatter.h"
#include "base/diag.h"
#include "input/source.h"
#include "tap.h"

#include <jansson.h>
#include <stdlib.h>

typedef struct split {
	bs_source src;
	bs_frontmatter fm;
	bs_diags d;
	int rc;
} split;

static void split_of(split *s, const char *text, size_t len)
{
	memset(s, 0, sizeof *s);
	s->rc = bs_source_from(&s->src, "c.md", text, len, &s->d);
	if (s->rc == BS_OK)
		s->rc = bs_fm_parse(&s->fm, &s->src, &s->d);
}

static void split_free(split *s)
{
	bs_fm_free(&s->fm);
	bs_source_free(&s->src);
	bs_diags_free(&s->d);
}

#define SPLIT(s, text) split_of(s, text, sizeof(text) - 1)

/* The body as a fresh NUL-terminated string (body_len bytes). */
static char *body_of(const split *s)
{
	char *b = malloc(s->fm.body_len + 1);
	memcpy(b, s->fm.body, s->fm.body_len);
	b[s->fm.body_len] = '\0';
	return b;
}

static void error_at(const char *text, size_t len, int line, int col,
		     const char *msg, const char *hint, const char *name)
{
	split s;
	split_of(&s, text, len);
	is_int(s.rc, BS_ECONTENT, "%s: fails", name);
	ok(s.fm.data == NULL && s.fm.pos == NULL && s.fm.body_len == 0,
	   "%s: nothing left in the result", name);
	ok(s.d.n >= 1, "%s: reported", name);
	if (s.d.n >= 1) {
		is_int(s.d.v[0].line, line, "%s: line", name);
		is_int(s.d.v[0].col, col, "%s: column", name);
		like(s.d.v[0].msg, msg, "%s: message", name);
		if (hint)
			like(s.d.v[0].hint, hint, "%s: hint", name);
	}
	split_free(&s);
}

#define ERR(text, line, col, msg, hint, name)                                  \
	error_at(text, sizeof(text) - 1, line, col, msg, hint, name)

static void test_basic(void)
{
	split s;
	SPLIT(&s, "{\n  \"name\": \"X\",\n  \"n\": 2\n}\nBody text\n\nMore.\n");
	is_int(s.rc, BS_OK, "basic file splits");
	is_str(json_string_value(json_object_get(s.fm.data, "name")), "X",
	       "front matter value");
	char *b = body_of(&s);
	is_str(b, "Body text\n\nMore.\n", "body is the rest of the file");
	free(b);
	is_int(s.fm.body[s.fm.body_len], '\0', "body is NUL-terminated");
	is_int(s.fm.body_line, 5, "body starts on line 5");
	int kl, kc, vl, vc;
	bs_jpos_member(s.fm.pos, s.fm.data, "n", &kl, &kc, &vl, &vc);
	ok(kl == 3 && kc == 3 && vl == 3 && vc == 8, "member positions");
	int l, c;
	bs_jpos_value(s.fm.pos, s.fm.data, &l, &c);
	ok(l == 1 && c == 1, "object at 1:1");
	split_free(&s);

	SPLIT(&s, "{\"a\": 1} \t \nBody");
	is_int(s.rc, BS_OK, "blanks after '}' are fine");
	b = body_of(&s);
	is_str(b, "Body", "body after a blank rest of line");
	free(b);
	is_int(s.fm.body_line, 2, "one-line front matter: body on line 2");
	split_free(&s);

	SPLIT(&s, "{\"a\": {\"b\": [1,\n2]}}\nBody");
	is_int(s.rc, BS_OK, "nested front matter");
	is_int(s.fm.body_line, 3, "body line after a nested close");
	split_free(&s);
}

static void test_empty_body(void)
{
	split s;
	SPLIT(&s, "{\"a\": 1}\n");
	is_int(s.rc, BS_OK, "front matter and newline only");
	is_int(s.fm.body_len, 0, "empty body");
	is_str(s.fm.body, "", "empty body string");
	is_int(s.fm.body_line, 2, "empty body would start on line 2");
	split_free(&s);

	SPLIT(&s, "{\"a\": 1}");
	is_int(s.rc, BS_OK, "no final newline");
	is_int(s.fm.body_len, 0, "empty body without a newline");
	is_str(s.fm.body, "", "body string is empty");
	split_free(&s);
}

static void test_long(void)
{
	bs_buf t = BS_BUF_INIT;
	bs_buf_puts(&t, "{\n");
	for (int i = 0; i < 40; i++)
		bs_buf_printf(&t, "  \"k%d\": [\n    %d\n  ]%s\n", i, i,
			      i < 39 ? "," : "");
	bs_buf_puts(&t, "}\n# Title\n");
	split s;
	split_of(&s, t.ptr, t.len);
	is_int(s.rc, BS_OK, "front matter over 122 lines");
	is_int(s.fm.body_line, 1 + 40 * 3 + 2,
	       "body line after a long "
	       "front matter");
	is_int(json_object_size(s.fm.data), 40, "all members read");
	int l, c;
	bs_jpos_item(s.fm.pos, json_object_get(s.fm.data, "k39"), 0, &l, &c);
	ok(l == 1 + 39 * 3 + 2 && c == 5, "item position deep in the file");
	split_free(&s);
	bs_buf_free(&t);
}

static void test_line_ends(void)
{
	split lf, crlf, bom;
	SPLIT(&lf, "{\n  \"name\": \"X\",\n  \"tags\": [\"a\", \"b\"]\n}\n"
		   "Line one\nLine two\n");
	SPLIT(&crlf,
	      "{\r\n  \"name\": \"X\",\r\n  \"tags\": [\"a\", \"b\"]\r\n}"
	      "\r\nLine one\r\nLine two\r\n");
	SPLIT(&bom,
	      "\xef\xbb\xbf{\r\n  \"name\": \"X\",\r\n  \"tags\": [\"a\", "
	      "\"b\"]\r\n}\r\nLine one\r\nLine two\r\n");
	is_int(lf.rc, BS_OK, "LF file splits");
	is_int(crlf.rc, BS_OK, "CRLF file splits");
	is_int(bom.rc, BS_OK, "BOM + CRLF file splits");
	ok(json_equal(lf.fm.data, crlf.fm.data), "CRLF: same data");
	ok(json_equal(lf.fm.data, bom.fm.data), "BOM: same data");
	char *b1 = body_of(&lf), *b2 = body_of(&crlf), *b3 = body_of(&bom);
	is_str(b2, b1, "CRLF: same body");
	is_str(b3, b1, "BOM: same body");
	free(b1);
	free(b2);
	free(b3);
	is_int(crlf.fm.body_line, lf.fm.body_line, "CRLF: same body line");
	is_int(bom.fm.body_line, lf.fm.body_line, "BOM: same body line");
	int l1, c1, l2, c2;
	bs_jpos_member(lf.fm.pos, lf.fm.data, "tags", NULL, NULL, &l1, &c1);
	bs_jpos_member(bom.fm.pos, bom.fm.data, "tags", NULL, NULL, &l2, &c2);
	ok(l1 == 3 && c1 == 11 && l2 == l1 && c2 == c1,
	   "BOM: same positions (3:11)");
	split_free(&lf);
	split_free(&crlf);
	split_free(&bom);
}

static void test_errors(void)
{
	ERR("Just text\n", 1, 1, "missing front matter", "{\"name\"",
	    "no front matter");
	ERR("[1, 2]\nBody\n", 1, 1, "front matter must be a JSON object", NULL,
	    "array as front matter");
	ERR("\"x\"\nBody\n", 1, 1, "front matter must be a JSON object", NULL,
	    "string as front matter");
	ERR("\n{}\nBody\n", 1, 1, "front matter must start at line 1",
	    "'{' at 2:1", "blank line before the front matter");
	ERR("", 1, 1, "the file is empty", "JSON object", "empty file");
	ERR(" \n\n", 1, 1, "the file is empty", NULL, "blank file");
	ERR("{\n  \"name\": \"X\", \"class\": \"event\"\n} extra\nBody\n", 3, 3,
	    "unexpected text after the front matter's closing '}'", "next line",
	    "garbage after '}'");
	ERR("{\"a\": \"\xc3\xa9\"}\xc3\xa9\xc3\xa9 x\n", 1, 11,
	    "unexpected text after", NULL, "garbage column in characters");
	ERR("{\n  \"name\": \"X\",\n}\nBody\n", 3, 1, "trailing comma", NULL,
	    "JSON errors come through");
	ERR("{\n  \"name\": \"X\n", 2, 11, "unterminated string", NULL,
	    "unterminated string");
	ERR("{\n  \"name\": 1\n", 3, 1, "found the end of the file",
	    "close the object opened at 1:1", "unclosed front matter");
}

int main(void)
{
	test_basic();
	test_empty_body();
	test_long();
	test_line_ends();
	test_errors();
	return done_testing();
}
