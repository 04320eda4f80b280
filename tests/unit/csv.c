/* The RFC 4180 reader (input/csv) and HMAC-SHA256 (base/hmac). */
#include "input/csv.h"
#include "base/hmac.h"
#include "input/source.h"
#include "tap.h"

#include <stdlib.h>

/* Parse text as file "t.csv"; the diagnostics are left in d. */
static int parse(bs_csv *t, bs_diags *d, const char *text, size_t len)
{
	bs_source src;
	bs_source_from(&src, "t.csv", text, len, d);
	int rc = bs_csv_parse(t, &src, d);
	bs_source_free(&src);
	return rc;
}

#define PARSE(t, d, s) parse(t, d, s, sizeof s - 1)

/* The first diagnostic: "line:col: message". */
static char *first(const bs_diags *d)
{
	static char b[300];
	if (!d->n)
		return "";
	snprintf(b, sizeof b, "%d:%d: %s", d->v[0].line, d->v[0].col,
		 d->v[0].msg);
	return b;
}

int main(void)
{
	bs_csv t;
	bs_diags d = BS_DIAGS_INIT;

	is_int(PARSE(&t, &d, "a,b,c\n1,,3\n"), 0, "a plain table parses");
	is_int(t.n, 2, "two rows");
	is_str(t.rows[1].f[1].text, "", "an empty field is empty");
	is_int(t.rows[1].f[2].col, 4, "fields know their column");
	bs_csv_free(&t);

	is_int(PARSE(&t, &d,
		     "\xEF\xBB\xBFname,note\r\n\"Ada, Q.\",\"she said "
		     "\"\"hi\"\"\r\nthen left\"\r\n\r\nx,y"),
	       0,
	       "BOM, CRLF, quoted comma, doubled quotes, a line break in "
	       "a quoted field, a blank line, no final newline");
	is_int(t.n, 3, "three rows (the blank line skipped)");
	is_str(t.rows[0].f[0].text, "name", "the BOM is not in the header");
	is_str(t.rows[1].f[0].text, "Ada, Q.", "quoted comma kept");
	is_str(t.rows[1].f[1].text, "she said \"hi\"\nthen left",
	       "doubled quotes and a line break (LF) inside a field");
	is_int(t.rows[2].line, 5,
	       "rows know their line after a multi-line "
	       "field");
	bs_csv_free(&t);
	bs_diags_free(&d);

	is_int(PARSE(&t, &d, "a,b\n1,\"open\n"), BS_ECONTENT,
	       "an unclosed quote is an error");
	is_str(first(&d), "2:3: this quoted field is never closed",
	       "named at the opening quote");
	bs_csv_free(&t);
	bs_diags_free(&d);

	is_int(PARSE(&t, &d, "a,b\n1,x\"y\n"), BS_ECONTENT,
	       "a quote inside an unquoted field is an error");
	like(first(&d), "2:4: a double quote inside", "at the quote");
	bs_csv_free(&t);
	bs_diags_free(&d);

	is_int(PARSE(&t, &d, "a,b\n\"x\"y,2\n"), BS_ECONTENT,
	       "text after a closing quote is an error");
	like(first(&d), "2:4: text after", "at the text");
	bs_csv_free(&t);
	bs_diags_free(&d);

	is_int(PARSE(&t, &d, "a,b,c\n1,2\n1,2,3,4\n1,2,3\n"), BS_ECONTENT,
	       "rows with too few or too many fields are errors");
	is_int(d.n, 2, "each is reported");
	is_str(first(&d), "2:1: this row has 2 fields, the header 3",
	       "named with the counts");
	bs_csv_free(&t);
	bs_diags_free(&d);

	is_int(parse(&t, &d, "a\nx\0y\n", 6), BS_ECONTENT, "NUL is refused");
	bs_csv_free(&t);
	bs_diags_free(&d);

	/* RFC 4231, test case 2 */
	char h[65];
	bs_hmac_sha256_hex(h, "Jefe", 4, "what do ya want for nothing?", 28);
	is_str(h,
	       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec"
	       "3843",
	       "HMAC-SHA256 matches RFC 4231 case 2");
	/* RFC 4231, test case 6: a key longer than a block */
	unsigned char key[131];
	memset(key, 0xaa, sizeof key);
	const char *m =
	    "Test Using Larger Than Block-Size Key - Hash Key First";
	bs_hmac_sha256_hex(h, key, sizeof key, m, strlen(m));
	is_str(h,
	       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee3"
	       "7f54",
	       "and case 6 (a long key)");
	return done_testing();
}
