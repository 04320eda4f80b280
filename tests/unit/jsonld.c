/* JSON-LD to RDF and canonical N-Quads: 1EdTech's worked signing example
 * byte for byte (the credential's and the proof options' canonical
 * N-Quads, tests/conformance/ob3/test-vectors), the literal forms, and
 * every refusal: what cannot be turned into quads exactly is an error
 * that says where, never a quad dropped. Run from the repository root. */
#include "sign/jsonld.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

/* Canonical N-Quads of a JSON text, or NULL; the first diagnostic's
 * message into msg (caller frees). */
static char *canon(const char *text, char **msg)
{
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	if (!doc) {
		printf("# bad JSON in the test: %s\n", err.text);
		return NULL;
	}
	bs_ld_docs docs = BS_LD_DOCS_INIT;
	bs_ld_docs_builtin(&docs);
	json_t *ext = json_loads(
	    "{\"@context\":{\"ex\":\"https://example.org/ext#\","
	    "\"hours\":{\"@id\":\"ex:hours\"},"
	    "\"outcomes\":{\"@id\":\"ex:outcomes\",\"@container\":\"@list\"},"
	    "\"data\":{\"@id\":\"ex:data\",\"@type\":\"@json\"},"
	    "\"when\":{\"@id\":\"ex:when\",\"@type\":"
	    "\"http://www.w3.org/2001/XMLSchema#dateTime\"}}}",
	    0, NULL);
	bs_ld_docs_add(&docs, "https://example.org/ext.jsonld", ext);
	json_decref(ext);
	bs_diags d = BS_DIAGS_INIT;
	bs_buf out = BS_BUF_INIT;
	int rc = bs_jsonld_canonize(&out, doc, &docs, "doc.json", &d);
	if (msg)
		*msg = d.n ? strdup(d.v[0].msg) : NULL;
	bs_diags_free(&d);
	bs_ld_docs_free(&docs);
	json_decref(doc);
	if (rc) {
		bs_buf_free(&out);
		return NULL;
	}
	return out.ptr ? bs_buf_detach(&out) : strdup("");
}

static void vector(void)
{
	const char *dir = "tests/conformance/ob3/test-vectors";
	char *doc = slurp("tests/sign/vector-credential.json");
	char *want =
	    slurp("tests/conformance/ob3/test-vectors/document-canon.txt");
	char *got = doc ? canon(doc, NULL) : NULL;
	is_str(got, want,
	       "1EdTech vector: the credential's canonical N-Quads "
	       "are %s/document-canon.txt",
	       dir);
	free(got);
	free(want);
	/* the proof options take the document's @context */
	char *opt = slurp("tests/sign/vector-proof-options.json");
	json_t *o = opt ? json_loads(opt, 0, NULL) : NULL;
	json_t *dj = doc ? json_loads(doc, 0, NULL) : NULL;
	json_object_set(o, "@context", json_object_get(dj, "@context"));
	char *ot = json_dumps(o, 0);
	want = slurp("tests/conformance/ob3/test-vectors/proof-canon.txt");
	got = ot ? canon(ot, NULL) : NULL;
	is_str(got, want,
	       "1EdTech vector: the proof options' canonical "
	       "N-Quads are %s/proof-canon.txt",
	       dir);
	free(got);
	free(want);
	free(ot);
	free(opt);
	free(doc);
	json_decref(o);
	json_decref(dj);
}

#define CTX                                                                    \
	"\"@context\":[\"https://www.w3.org/ns/credentials/v2\","              \
	"\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\","      \
	"\"https://example.org/ext.jsonld\"]"

static void literals(void)
{
	char *got = canon("{" CTX ",\"id\":\"urn:x\",\"type\":\"Achievement\","
			  "\"creditsAvailable\":2.5,\"hours\":40,"
			  "\"outcomes\":[\"b\",\"a\"],"
			  "\"data\":{\"z\":1,\"a\":[true,null,\"\\n\"]},"
			  "\"when\":{\"@value\":\"2024-01-01T00:00:00Z\"},"
			  "\"name\":\"x\\\"y\"}",
			  NULL);
	like(got,
	     "<urn:x> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#"
	     "creditsAvailable> \"2.5E0\"^^<https://www.w3.org/2001/"
	     "XMLSchema#float> .",
	     "a fractional number is an xsd:double lexical form");
	like(got,
	     "<urn:x> <https://example.org/ext#hours> \"40\"^^<http://"
	     "www.w3.org/2001/XMLSchema#integer> .",
	     "an integer is xsd:integer");
	like(got, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"b\" .",
	     "a list keeps its first item first");
	like(got, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>",
	     "a list ends in rdf:nil");
	like(got,
	     "<urn:x> <https://example.org/ext#data> "
	     "\"{\\\"a\\\":[true,null,\\\"\\\\n\\\"],\\\"z\\\":1}\"^^<http://"
	     "www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .",
	     "@json is canonical JSON (RFC 8785) with rdf:JSON");
	like(got,
	     "<urn:x> <https://example.org/ext#when> "
	     "\"2024-01-01T00:00:00Z\" .",
	     "a value object without @type is a plain string");
	like(got, "<https://schema.org/name> \"x\\\"y\" .",
	     "quotes in literals are escaped");
	free(got);

	got = canon(
	    "{" CTX ",\"id\":\"urn:x\",\"type\":\"Achievement\","
	    "\"creditsAvailable\":5.0,\"criteria\":{\"narrative\":\"n\"}}",
	    NULL);
	like(got, "\"5\"^^<https://www.w3.org/2001/XMLSchema#float>",
	     "a whole number written 5.0 is 5, as jsonld.js has it");
	like(
	    got,
	    "<urn:x> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria"
	    "> _:c14n0 .",
	    "a nested node without id is a blank node");
	free(got);
}

static void refusals(void)
{
	static const struct {
		const char *doc, *msg, *why;
	} bad[] = {
	    {"{" CTX ",\"id\":\"urn:x\",\"colour\":\"red\"}",
	     "JSON-LD at /colour: \"colour\" is not defined",
	     "a key no context defines"},
	    {"{" CTX ",\"id\":\"x/y\",\"name\":\"n\"}",
	     "JSON-LD at /id: \"x/y\" is not an absolute IRI", "a relative id"},
	    {"{" CTX ",\"type\":\"Nothing\"}", "\"Nothing\" is not an absolute",
	     "an undefined type"},
	    {"{" CTX ",\"name\":null}", "null is not signed", "a null value"},
	    {"{" CTX ",\"name\":{\"@value\":\"x\",\"@language\":\"en\"}}",
	     "\"@language\" in a value object is not supported",
	     "a language-tagged value"},
	    {"{\"@context\":\"https://example.org/nowhere\",\"name\":\"x\"}",
	     "unknown context https://example.org/nowhere",
	     "a context the program does not have"},
	    {"{\"@context\":{\"@base\":\"https://e.example/\"}}",
	     "@base in a context is not supported", "@base"},
	    {"{\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
	     "{\"name\":\"https://example.org/other\"}],\"name\":\"x\"}",
	     "redefines the protected term \"name\"",
	     "redefining a protected term"},
	    {"{" CTX ",\"type\":\"Achievement\",\"criteria\":{\"id\":\"urn:c\","
	     "\"achievementType\":\"Badge\"}}",
	     "JSON-LD at /criteria/achievementType: \"achievementType\" is not "
	     "defined",
	     "a type-scoped term does not reach a nested node"},
	    {"{" CTX ",\"name\":[[\"x\"]]}", "an array inside an array",
	     "nested arrays"},
	    {"{\"@context\":{\"p\":{\"@id\":\"urn:p\",\"@reverse\":\"urn:q\"}}"
	     "}",
	     "@reverse in a term definition is not supported", "@reverse"},
	    {"{\"@context\":{\"p\":{\"@id\":\"urn:p\",\"@container\":"
	     "\"@language\"}}}",
	     "@container @language is not supported", "a language map"},
	    {"{\"@context\":{\"a\":\"b:x\",\"b\":\"a:y\"},\"a\":1}",
	     "through itself", "a cyclic IRI mapping"},
	    {"{" CTX ",\"@graph\":[]}", "@graph in a node is not supported",
	     "@graph"},
	    {"{" CTX ",\"type\":\"Achievement\",\"creditsAvailable\":1e-9}",
	     "a number this small", "a number jsonld.js would write as 0"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *msg = NULL;
		char *got = canon(bad[i].doc, &msg);
		ok(got == NULL, "refused: %s", bad[i].why);
		like(msg, bad[i].msg, "refused: %s: says why and where",
		     bad[i].why);
		free(got);
		free(msg);
	}
	/* hostile nesting stops at a depth limit instead of the stack */
	size_t depth = 200;
	char *deep = malloc(depth * 64 + 400);
	strcpy(deep, "{" CTX);
	for (size_t i = 0; i < depth; i++)
		strcat(deep, ",\"alignment\":{\"name\":\"a\"");
	for (size_t i = 0; i < depth; i++)
		strcat(deep, "}");
	strcat(deep, "}");
	char *msg = NULL;
	char *got = canon(deep, &msg);
	ok(got == NULL, "refused: nodes nested 200 deep");
	like(msg, "nested more than", "refused: nested nodes: says why");
	free(got);
	free(msg);
	free(deep);
}

/* The built-in contexts are the conformance copies, byte for byte. */
static void builtin_copies(void)
{
	static const char *const pairs[][2] = {
	    {"generator/sign/contexts/credentials-v2.jsonld",
	     "tests/conformance/ob3/context/w3c-credentials-v2.jsonld"},
	    {"generator/sign/contexts/ob-v3p0-context-3.0.3.json",
	     "tests/conformance/ob3/context/context-3.0.3.json"},
	};
	for (size_t i = 0; i < 2; i++) {
		char *a = slurp(pairs[i][0]), *b = slurp(pairs[i][1]);
		ok(a && b && strcmp(a, b) == 0, "%s is a copy of %s",
		   pairs[i][0], pairs[i][1]);
		free(a);
		free(b);
	}
}

int main(void)
{
	builtin_copies();
	vector();
	literals();
	refusals();
	return done_testing();
}
