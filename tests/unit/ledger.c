/* The ledger: parsing (an empty file, comments, bad lines), lookups and
 * SHA-256 against the FIPS 180-4 examples. */
#include "model/ledger.h"
#include "base/sha256.h"
#include "tap.h"

#include <stdlib.h>

static void sha(char hex[65], const char *s, size_t n, size_t step)
{
	bs_sha256 c;
	bs_sha256_init(&c);
	for (size_t i = 0; i < n; i += step)
		bs_sha256_add(&c, s + i, n - i < step ? n - i : step);
	bs_sha256_hex(hex, &c);
}

static size_t parse(const char *text, size_t *errors)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_ledger l;
	bs_ledger_parse(&l, BS_LEDGER_PATH, text, strlen(text), &d);
	size_t n = l.n;
	*errors = bs_diags_count(&d, BS_ERROR);
	bs_ledger_free(&l);
	bs_diags_free(&d);
	return n;
}

int main(void)
{
	char hex[65];
	sha(hex, "", 0, 1);
	is_str(
	    hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "sha256 of nothing");
	sha(hex, "abc", 3, 1);
	is_str(
	    hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "sha256 of abc");
	static const char two[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha(hex, two, sizeof two - 1, 7);
	is_str(
	    hex,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "sha256 of two blocks, added in pieces");
	char *mil = malloc(1000000);
	memset(mil, 'a', 1000000);
	sha(hex, mil, 1000000, 4096);
	free(mil);
	is_str(
	    hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "sha256 of a million a");

	size_t errors;
	is_int(parse("", &errors), 0, "an empty ledger has no entry");
	is_int(errors, 0, "and is no error");
	is_int(parse("# only a comment\n\n", &errors), 0, "comments only");
	is_int(parse("/b/\n/a/ fnv1a64:0011223344556677\n", &errors), 2,
	       "URL paths, with and without a hash");
	is_int(errors, 0, "are fine");
	parse("badges/x/\n", &errors);
	is_int(errors, 1, "a path not starting with / is an error");
	parse("content/published/x/v1/badge.png\n", &errors);
	is_int(errors, 1, "a snapshot file without its sha256 is an error");
	parse("content/published/x/v1/other.txt sha256:"
	      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	      "\n",
	      &errors);
	is_int(errors, 1, "a file a snapshot does not hold is an error");
	parse("content/published/../v1/badge.png sha256:"
	      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	      "\n",
	      &errors);
	is_int(errors, 1, "so is a path that leaves the snapshots");
	is_int(parse("content/published/x/v2/badge.png sha256:"
		     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
		     "7852b855\n/",
		     &errors),
	       2, "a snapshot file with its hash, and a last line without \\n");
	is_int(errors, 0, "are fine");

	bs_diags d = BS_DIAGS_INIT;
	bs_ledger l;
	const char text[] = "/z/\n/a/ h1\n/m/\n";
	bs_ledger_parse(&l, BS_LEDGER_PATH, text, sizeof text - 1, &d);
	ok(bs_ledger_find(&l, "/a/") &&
	       !strcmp(bs_ledger_find(&l, "/a/")->hash, "h1"),
	   "entries are found after sorting");
	ok(!bs_ledger_has_snapshots(&l), "a ledger without snapshot lines");
	bs_ledger_add(&l, "/b/", NULL);
	is_str(l.v[1].path, "/b/", "add keeps the order");
	bs_ledger_free(&l);
	bs_diags_free(&d);
	return done_testing();
}
