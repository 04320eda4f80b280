/* RDFC-1.0: every case of the W3C rdf-canon test suite copied into
 * tests/conformance/rdf-canon (listed in its manifest.csv; run from the
 * repository root, as prove does), the poison clique refused within the
 * default work limit, and the N-Quads reader's errors. */
#include "sign/rdfc.h"
#include "sign/rdf.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = NULL;
	size_t len = 0, cap = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + got + 1 > cap) {
			cap = (len + got + 1) * 2;
			s = realloc(s, cap);
		}
		memcpy(s + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (!s)
		s = calloc(1, 1);
	s[len] = '\0';
	*n = len;
	return s;
}

/* Canonical N-Quads of an N-Quads file, or NULL (diagnostics printed). */
static char *canon_file(const char *path, const bs_rdfc_limits *lim)
{
	size_t n;
	char *text = slurp(path, &n);
	if (!text)
		return NULL;
	bs_rdf_dataset ds = BS_RDF_DATASET_INIT;
	bs_diags d = BS_DIAGS_INIT;
	bs_buf out = BS_BUF_INIT;
	int rc = bs_rdf_parse_nquads(&ds, text, n, path, &d);
	if (!rc)
		rc = bs_rdfc_canonize(&out, &ds, lim, path, &d);
	if (d.n) {
		bs_buf msg = BS_BUF_INIT;
		bs_diags_print(&msg, &d);
		printf("# %s", msg.ptr);
		bs_buf_free(&msg);
	}
	bs_diags_free(&d);
	bs_rdf_dataset_free(&ds);
	free(text);
	if (rc) {
		bs_buf_free(&out);
		return NULL;
	}
	return out.ptr ? bs_buf_detach(&out) : strdup("");
}

static void suite(void)
{
	const char *dir = "tests/conformance/rdf-canon";
	char path[512];
	snprintf(path, sizeof path, "%s/manifest.csv", dir);
	FILE *f = fopen(path, "r");
	if (!ok(f != NULL, "the manifest %s opens", path))
		return;
	char line[1024];
	int ran = 0;
	while (fgets(line, sizeof line, f)) {
		char id[32];
		if (sscanf(line, "%31[^,]", id) != 1 ||
		    strncmp(id, "test", 4) != 0 || !id[4])
			continue;
		if (strstr(line, "SHA384"))
			continue; /* only SHA-256 is implemented */
		char in[512], want_path[512];
		snprintf(in, sizeof in, "%s/%s-in.nq", dir, id);
		snprintf(want_path, sizeof want_path, "%s/%s-rdfc10.nq", dir,
			 id);
		/* the name: the second field, maybe quoted */
		const char *name = strchr(line, ',') + 1;
		char nm[256];
		if (*name == '"')
			sscanf(name + 1, "%255[^\"]", nm);
		else
			sscanf(name, "%255[^,]", nm);
		/* as rdf-canonize, the whole suite computes with work
		 * factor 3, and the clique is refused there */
		bs_rdfc_limits three = {3, 0};
		if (strstr(line, "NegativeEvalTest")) {
			char *got = canon_file(in, &three);
			ok(got == NULL, "%s %s: refused within the work limit",
			   id, nm);
			free(got);
			ran++;
			continue;
		}
		char *got = canon_file(in, &three);
		size_t n;
		char *want = slurp(want_path, &n);
		ok(want != NULL, "%s: expected output is there", id);
		is_str(got, want, "%s %s", id, nm);
		free(got);
		free(want);
		ran++;
	}
	fclose(f);
	ok(ran >= 60, "ran %d cases of the suite", ran);
}

/* The default work factor is rdf-canonize's: a circle of two blank
 * nodes is refused, a chain of them is not. */
static void default_limit(void)
{
	char *got =
	    canon_file("tests/conformance/rdf-canon/test021-in.nq", NULL);
	ok(got == NULL, "the default work limit refuses a circle of two");
	free(got);
	got = canon_file("tests/conformance/rdf-canon/test017-in.nq", NULL);
	ok(got != NULL, "the default work limit allows a dual link");
	free(got);
}

static char *canon_text(const char *text, int *rc_out, bs_diags *d)
{
	bs_rdf_dataset ds = BS_RDF_DATASET_INIT;
	bs_buf out = BS_BUF_INIT;
	int rc = bs_rdf_parse_nquads(&ds, text, strlen(text), "t.nq", d);
	if (!rc)
		rc = bs_rdfc_canonize(&out, &ds, NULL, "t.nq", d);
	bs_rdf_dataset_free(&ds);
	*rc_out = rc;
	if (rc) {
		bs_buf_free(&out);
		return NULL;
	}
	return out.ptr ? bs_buf_detach(&out) : strdup("");
}

static void reader_errors(void)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
	    {"<a:s> <a:p> \"x .\n", "line end inside a literal"},
	    {"<a:s> <a:p> <a:o>\n", "expected ."},
	    {"<s> <a:p> <a:o> .\n", "relative IRI"},
	    {"_:x \"lit\" <a:o> .\n", "expected an IRI"},
	    {"<a:s> <a:p> \"\\q\" .\n", "unknown escape"},
	    {"<a:s> <a:p> \"\\uD800\" .\n", "not a character"},
	    {"<a:s> <a:p> <a b> .\n", "not allowed in an IRI"},
	    {"<a:s> <a:p> <a:o> . <a:x>\n", "text after the end"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		bs_diags d = BS_DIAGS_INIT;
		int rc;
		char *got = canon_text(bad[i].text, &rc, &d);
		ok(rc != 0 && got == NULL, "bad N-Quads %zu refused", i);
		like(d.n ? d.v[0].msg : NULL, bad[i].msg,
		     "bad N-Quads %zu: says why", i);
		ok(d.n && d.v[0].line == 1, "bad N-Quads %zu: says where", i);
		free(got);
		bs_diags_free(&d);
	}
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	char *got = canon_text("# a comment\r\n\n<a:s> <a:p> \"x\"@en-GB . "
			       "# trailing\n_:q <a:p> _:q <a:g> .",
			       &rc, &d);
	is_str(got,
	       "<a:s> <a:p> \"x\"@en-GB .\n_:c14n0 <a:p> _:c14n0 <a:g> .\n",
	       "comments, CRLF, language tags, a last line without LF");
	free(got);
	bs_diags_free(&d);
}

int main(void)
{
	suite();
	default_limit();
	reader_errors();
	return done_testing();
}
