/* image.c: the visual-language spec, badge SVGs and their PNGs, and a
 * designer's own images (hostile SVGs among them).
 * Set BS_IMAGE_OUT=DIR to also write every drawn badge there to look at. */
#include "images/designer.h"
#include "images/legend.h"
#include "images/png.h"
#include "images/svg.h"
#include "images/vlang.h"
#include "input/source.h"
#include "tap.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const classes[][3] = {
    {"diploma", "Diploma", "formal"},
    {"achievement", "Certificate of Achievement", "formal"},
    {"assessment", "Assessment", "formal"},
    {"participation", "Certificate of Participation", "non-formal"},
    {"completion", "Completion", "non-formal"},
    {"event", "Event", "informal"},
    {"membership", "Membership", "informal"},
    {"community", "Community of practice", "informal"},
    {"award", "Award", "informal"},
    {"organisation", "Learning organisation", "informal"},
};

static json_t *facts_for(const char *const cls[3], double hours)
{
	json_t *f = json_object();
	char id[64];
	snprintf(id, sizeof id, "sample-%s", cls[0]);
	json_object_set_new(f, "id", json_string(id));
	json_object_set_new(f, "name", json_string("Training <Design> & Co"));
	json_object_set_new(f, "class", json_string(cls[0]));
	json_object_set_new(f, "class_name", json_string(cls[1]));
	json_object_set_new(f, "formality", json_string(cls[2]));
	if (hours > 0)
		json_object_set_new(f, "hours", json_real(hours));
	json_object_set_new(f, "assessment", json_string("summative"));
	json_object_set_new(f, "version", json_integer(1));
	return f;
}

static bs_vlang *load_in(const char *root, const char *text, bs_diags *d,
			 int *rc)
{
	bs_source src;
	bs_vlang *vl = NULL;
	*rc = bs_source_from(&src, "assets/visual-language.json", text,
			     strlen(text), d);
	if (*rc == 0)
		*rc = bs_vlang_load(&vl, root, &src, d);
	bs_source_free(&src);
	return vl;
}

static bs_vlang *load_text(const char *text, bs_diags *d, int *rc)
{
	return load_in(".", text, d, rc);
}

static int has_diag(const bs_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle) ||
		    (d->v[i].hint && strstr(d->v[i].hint, needle)))
			return 1;
	return 0;
}

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 |
	       (unsigned)p[2] << 8 | p[3];
}

static void write_file(const char *dir, const char *name, const bs_buf *b)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(b->ptr, 1, b->len, f);
		fclose(f);
	}
}

/* A caption template's sections read as conditions on the legend page,
 * never as Mustache. */
static void test_template_words(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	bs_vlang *vl = load_text(
	    "{\"channels\": {\"shape\": {\"field\": \"class\", "
	    "\"default\": \"circle\"}, \"fill\": {\"field\": \"class\", "
	    "\"default\": \"#123456\"}, \"caption\": {\"field\": \"name\", "
	    "\"template\": \"{{#short_name}}{{short_name}}{{/short_name}}"
	    "{{^short_name}}{{name}}{{/short_name}}\"}, \"label\": "
	    "{\"field\": \"hours\", \"template\": \"{{hours}} h{{#level}} "
	    "L{{level}}{{/level}}\"}}}",
	    &d, &rc);
	ok(vl != NULL, "a spec with sections in its templates loads");
	bs_buf lg = BS_BUF_INIT;
	if (vl)
		bs_legend_html(&lg, vl, NULL);
	like(lg.ptr,
	     "the short name if the badge has a short name, otherwise "
	     "the name",
	     "a section and its inverse read as one choice");
	like(lg.ptr,
	     "the hours, followed by the text <q>h</q>, followed by the text "
	     "<q>L</q>, followed by the level if the badge has a level",
	     "a section alone is a condition");
	ok(lg.ptr && !strstr(lg.ptr, "{{") && !strstr(lg.ptr, "#short") &&
	       !strstr(lg.ptr, "^short"),
	   "no tag is left as text");
	bs_buf_free(&lg);
	bs_vlang_free(vl);
	bs_diags_free(&d);
}

static void test_errors(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	bs_vlang *vl = load_text(
	    "{\"channels\": {\"shape\": {\"field\": \"class\", \"default\": "
	    "\"circle\"}, \"colour\": {\"field\": \"class\", \"default\": "
	    "\"#000000\"}}}",
	    &d, &rc);
	ok(rc != 0 && !vl, "an unknown channel is an error");
	ok(has_diag(&d, "colour"), "it names the channel");
	bs_diags_free(&d);

	vl = load_text("{\"channels\": {\"shape\": {\"field\": \"class\", "
		       "\"default\": \"circle\"}, \"fill\": {\"field\": "
		       "\"class\", \"default\": \"#123456\"}, \"icon\": "
		       "{\"field\": \"class\", \"default\": "
		       "\"assets/icons/no-such-icon.svg\"}}}",
		       &d, &rc);
	ok(rc != 0 && !vl, "a missing icon is an error");
	ok(has_diag(&d, "no-such-icon.svg"), "it names the icon file");
	bs_diags_free(&d);

	vl =
	    load_text("{\"channels\": {\"shape\": {\"field\": \"class\", "
		      "\"scale\": {\"x\": \"hexagom\"}}, \"fill\": {\"field\": "
		      "\"class\", \"default\": \"blue\"}}}",
		      &d, &rc);
	ok(rc != 0 && !vl, "bad shape and colour are errors");
	ok(has_diag(&d, "did you mean 'hexagon'?"),
	   "a misspelt shape gets a hint");
	ok(has_diag(&d, "#rrggbb"), "a colour name is refused");
	bs_diags_free(&d);

	vl = load_text("{\"channels\": {\"shape\": {\"field\": \"class\", "
		       "\"scale\": {\"diploma\": \"shield\"}}, \"fill\": "
		       "{\"field\": \"formality\", \"default\": \"#123\"}}}",
		       &d, &rc);
	ok(rc == 0 && vl, "a small spec loads");
	json_t *f = facts_for(classes[5], 2);
	ok(bs_vlang_check(vl, f, "content/badges/x.md", &d) != 0,
	   "a value without a scale entry is an error");
	ok(has_diag(&d, "class 'event' has no shape"), "it says which");
	is_str(d.n ? d.v[0].file : NULL, "content/badges/x.md",
	       "at the badge's file");
	json_decref(f);
	bs_diags_free(&d);
	bs_vlang_free(vl);

	vl = load_text("{\"shapes\": {\"ribbon\": {\"path\": \"M0 0H10V10L5 "
		       "7 0 10Z\", \"box\": [0, 0, 10, 10]}, \"blob\": "
		       "{\"path\": \"M0 0 Q\", \"box\": [0, 0, 1, 1]}}, "
		       "\"channels\": {\"shape\": {\"field\": \"class\", "
		       "\"default\": \"ribbon\"}, \"fill\": {\"field\": "
		       "\"class\", \"default\": \"#000\"}}}",
		       &d, &rc);
	ok(rc != 0 && has_diag(&d, "shape 'blob'"),
	   "designer shapes must be path data");
	bs_diags_free(&d);
}

static void test_icon_sanitising(void)
{
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	/* an icon in a scratch site: scripts and handlers must go */
	char dir[] = "/tmp/bs-icon-XXXXXX", path[600];
	if (!mkdtemp(dir)) {
		ok(0, "cannot make a temporary folder");
		return;
	}
	snprintf(path, sizeof path, "%s/evil-icon.svg", dir);
	FILE *f = fopen(path, "w");
	fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 "
	      "10\"><path d=\"M0 0h10v10z\" onclick=\"alert(1)\" "
	      "style=\"fill:url(http://x/)\"/></svg>",
	      f);
	fclose(f);
	static const char spec[] =
	    "{\"channels\": {\"shape\": {\"field\": \"class\", \"default\": "
	    "\"circle\"}, \"fill\": {\"field\": \"class\", \"default\": "
	    "\"#000\"}, \"icon\": {\"field\": \"class\", \"default\": "
	    "\"evil-icon.svg\"}}}";
	bs_vlang *vl = load_in(dir, spec, &d, &rc);
	ok(rc == 0 && vl, "an icon with stray attributes loads");
	if (vl) {
		ok(!strstr(vl->icons[0].svg, "onclick") &&
		       !strstr(vl->icons[0].svg, "http"),
		   "handlers and styles are dropped");
		like(vl->icons[0].svg, "<path d=\"M0 0 h10 v10 z\"/>",
		     "path data is kept, rewritten");
	}
	bs_vlang_free(vl);
	bs_diags_free(&d);

	f = fopen(path, "w");
	fputs("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 "
	      "10\"><script>alert(1)</script></svg>",
	      f);
	fclose(f);
	vl = load_in(dir, spec, &d, &rc);
	ok(rc != 0 && has_diag(&d, "<script>"),
	   "a script in an icon is refused");
	bs_diags_free(&d);
	remove(path);
	rmdir(dir);
}

static int well_formed(const bs_buf *svg)
{
	xmlDoc *doc = xmlReadMemory(svg->ptr, (int)svg->len, "badge.svg", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	int good =
	    doc && xmlDocGetRootElement(doc) &&
	    strcmp((const char *)xmlDocGetRootElement(doc)->name, "svg") == 0;
	if (doc)
		xmlFreeDoc(doc);
	return good;
}

/* Write text to dir/rel (dir/assets must exist). */
static void put(const char *dir, const char *rel, const char *text, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(text, 1, n ? n : strlen(text), f);
		fclose(f);
	}
}

/* bs_designer_image on dir/assets/<name>: returns its code; *out holds
 * the result. */
static int own(bs_buf *out, const bs_vlang *vl, const char *dir,
	       const char *rel, bs_diags *d)
{
	json_t *f = facts_for(classes[0], 300);
	bs_buf_clear(out);
	bs_diags_free(d);
	char *desc = bs_vlang_describe(vl, f);
	int rc = bs_designer_image(out, desc, dir, rel, f, NULL, 0, 0, d);
	free(desc);
	json_decref(f);
	return rc;
}

static void test_own_image(const bs_vlang *vl)
{
	char dir[] = "/tmp/bs-image-XXXXXX";
	if (!mkdtemp(dir)) {
		ok(0, "cannot make a temporary folder");
		return;
	}
	char sub[600];
	snprintf(sub, sizeof sub, "%s/assets", dir);
	mkdir(sub, 0700);
	bs_buf out = BS_BUF_INIT;
	bs_diags d = BS_DIAGS_INIT;
#define SVG_OPEN                                                               \
	"<svg xmlns=\"http://www.w3.org/2000/svg\" "                           \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 100\""

	put(dir, "assets/good.svg",
	    SVG_OPEN
	    " width=\"100\" onload=\"alert(1)\">\n"
	    "<defs><linearGradient id=\"g\" x2=\"0\" y2=\"1\">"
	    "<stop offset=\"0\" stop-color=\"#1c3f7a\"/>"
	    "<stop offset=\"100%\" style=\"stop-color:#0a1f44\"/>"
	    "</linearGradient>"
	    "<linearGradient id=\"h\" xlink:href=\"#g\"/>"
	    "<linearGradient id=\"ext\" "
	    "xlink:href=\"http://evil.example/x.svg#g\"/>"
	    "<linearGradient id=\"js\" href=\"javascript:alert(1)\"/></defs>\n"
	    "<circle cx=\"50\" cy=\"50\" r=\"48\" fill=\"url(#g)\" "
	    "onclick=\"alert(2)\" class=\"x\"/>\n"
	    "<path d=\"M20 50h60\" style=\"fill:url(http://evil.example/p);"
	    "stroke:#ffffff;stroke-width:6;behavior:url(x.htc)\"/>\n"
	    "<sodipodi:namedview xmlns:sodipodi=\"http://sodipodi.sourceforge."
	    "net/DTD/sodipodi-0.dtd\"/>\n"
	    "</svg>\n",
	    0);
	put(dir, "assets/link.svg",
	    SVG_OPEN "><a xlink:href=\"javascript:alert(1)\"><rect "
		     "width=\"9\" height=\"9\"/></a></svg>",
	    0);
	int rc = own(&out, vl, dir, "assets/link.svg", &d);
	ok(rc == BS_OK && strstr(out.ptr, "<rect width=\"9\" height=\"9\">") &&
	       !strstr(out.ptr, "javascript") && !strstr(out.ptr, "<a"),
	   "a javascript: link goes, what it wraps stays");
	rc = own(&out, vl, dir, "assets/good.svg", &d);
	ok(rc == BS_OK, "a designer's SVG with stray attributes is kept");
	ok(well_formed(&out), "the result is well-formed");
	ok(!strstr(out.ptr, "onload") && !strstr(out.ptr, "onclick") &&
	       !strstr(out.ptr, "alert") && !strstr(out.ptr, "class="),
	   "event handlers and classes are dropped");
	ok(!strstr(out.ptr, "evil.example") && !strstr(out.ptr, "javascript") &&
	       !strstr(out.ptr, "htc"),
	   "external and javascript: references are dropped");
	like(out.ptr, "id=\"bs-sample-diploma-g\"",
	     "ids are prefixed per badge");
	like(out.ptr, "fill=\"url(#bs-sample-diploma-g)\"",
	     "and so are references to them");
	like(out.ptr, "href=\"#bs-sample-diploma-g\"",
	     "a local gradient link is kept");
	like(out.ptr, "stroke=\"#ffffff\" stroke-width=\"6\"",
	     "styles become presentation attributes");
	like(out.ptr, "<title>Training &lt;Design&gt; &amp; Co</title>",
	     "the badge's title is added");
	like(out.ptr, "<desc>Diploma, formal: shield", "and its description");
	ok(!strstr(out.ptr, "namedview"), "editor elements are dropped");
	bs_buf png = BS_BUF_INIT;
	ok(bs_png_from_svg(&png, out.ptr, out.len, 600, NULL, &d) == BS_OK,
	   "the kept SVG rasterises");

	static const struct {
		const char *file, *text, *says, *name;
	} bad[] = {
	    {"script.svg", SVG_OPEN "><script>alert(1)</script></svg>",
	     "not <script>", "a <script> is refused"},
	    {"fo.svg",
	     SVG_OPEN "><foreignObject><p xmlns=\"http://www.w3.org/1999/"
		      "xhtml\">x</p></foreignObject></svg>",
	     "not <foreignObject>", "a <foreignObject> is refused"},
	    {"image.svg",
	     SVG_OPEN "><image xlink:href=\"http://evil.example/x.png\" "
		      "width=\"9\" height=\"9\"/></svg>",
	     "not <image>", "an external <image> is refused"},
	    {"style.svg",
	     SVG_OPEN "><style>rect{fill:url(http://evil.example/)}</style>"
		      "</svg>",
	     "not <style>", "a style sheet is refused"},
	    {"lol.svg",
	     "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n"
	     "<!ENTITY a \"lol\">\n<!ENTITY b "
	     "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	     "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	     "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	     "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	     "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n]>\n" SVG_OPEN
	     "><desc>&g;</desc></svg>",
	     "DTD", "billion laughs (a DTD with entities) is refused"},
	    {"ext.svg",
	     "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "
	     "\"file:///etc/passwd\">]>\n" SVG_OPEN "><desc>&x;</desc></svg>",
	     "DTD", "an external entity is refused"},
	    {"text.svg", SVG_OPEN "><text>Hi</text></svg>", "convert text",
	     "<text> is refused with a hint"},
	    {"nobox.svg",
	     "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>",
	     "viewBox", "an SVG needs a viewBox"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "assets/%s", bad[i].file);
		put(dir, rel, bad[i].text, 0);
		rc = own(&out, vl, dir, rel, &d);
		ok(rc != BS_OK && has_diag(&d, bad[i].says) && out.len == 0,
		   "%s", bad[i].name);
	}

	/* PNG: the signature and at least 600 x 600 */
	bs_buf_clear(&png);
	bs_png_from_svg(&png,
			"<svg xmlns=\"http://www.w3.org/2000/svg\" "
			"viewBox=\"0 0 1 1\"/>",
			60, 100, NULL, &d);
	put(dir, "assets/small.png", png.ptr, png.len);
	rc = own(&out, vl, dir, "assets/small.png", &d);
	ok(rc != BS_OK && has_diag(&d, "100 x 100"), "a 100 px PNG is refused");
	bs_buf_clear(&png);
	bs_png_from_svg(&png,
			"<svg xmlns=\"http://www.w3.org/2000/svg\" "
			"viewBox=\"0 0 1 1\"/>",
			60, 600, NULL, &d);
	put(dir, "assets/big.png", png.ptr, png.len);
	rc = own(&out, vl, dir, "assets/big.png", &d);
	ok(rc == BS_OK && out.len == png.len &&
	       memcmp(out.ptr, png.ptr, png.len) == 0,
	   "a 600 px PNG is copied as it is");
	put(dir, "assets/fake.png", "GIF89a not a png at all, honestly....", 0);
	rc = own(&out, vl, dir, "assets/fake.png", &d);
	ok(rc != BS_OK && has_diag(&d, "not a PNG"), "a fake PNG is refused");
	rc = own(&out, vl, dir, "assets/none.svg", &d);
	ok(rc != BS_OK && has_diag(&d, "none.svg"),
	   "a missing file is an error");

	static const char *const files[] = {
	    "good.svg",	 "script.svg", "fo.svg",   "link.svg", "image.svg",
	    "style.svg", "lol.svg",    "ext.svg",  "text.svg", "nobox.svg",
	    "small.png", "big.png",    "fake.png", NULL};
	for (size_t i = 0; files[i]; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/assets/%s", dir, files[i]);
		remove(path);
	}
	rmdir(sub);
	rmdir(dir);
	bs_buf_free(&png);
	bs_buf_free(&out);
	bs_diags_free(&d);
}

int main(void)
{
	const char *outdir = getenv("BS_IMAGE_OUT");
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_vlang *vl = NULL;
	int rc = bs_source_load(&src, ".", "assets/visual-language.json", &d);
	if (rc == 0)
		rc = bs_vlang_load(&vl, ".", &src, &d);
	ok(rc == 0 && vl, "the example spec loads");
	is_int(d.n, 0, "without diagnostics");
	if (d.n) {
		bs_buf b = BS_BUF_INIT;
		bs_diags_print(&b, &d);
		printf("# %s", b.ptr);
		bs_buf_free(&b);
	}
	if (!vl)
		return done_testing();

	bs_img_ctx *c = bs_img_ctx_new(vl);
	bs_buf svg[10], png = BS_BUF_INIT;
	char *alt = NULL;
	int all_ok = 1, all_checked = 1;
	clock_t t0 = clock();
	for (size_t i = 0; i < 10; i++) {
		json_t *f = facts_for(classes[i], i == 0 ? 300 : 7.5 * (i + 1));
		bs_buf_init(&svg[i]);
		all_checked &= bs_vlang_check(vl, f, "x.md", &d) == 0;
		all_ok &= bs_svg_draw(&svg[i], &alt, c, vl, f, &d) == 0;
		free(alt);
		bs_buf_clear(&png);
		all_ok &= bs_png_from_svg(&png, svg[i].ptr, svg[i].len, 600,
					  NULL, &d) == 0;
		if (outdir) {
			char name[64];
			snprintf(name, sizeof name, "%s.svg", classes[i][0]);
			write_file(outdir, name, &svg[i]);
			snprintf(name, sizeof name, "%s.png", classes[i][0]);
			write_file(outdir, name, &png);
		}
		json_decref(f);
	}
	if (outdir)
		printf("# %.1f ms per badge (SVG + 600 px PNG)\n",
		       (double)(clock() - t0) * 1000 / CLOCKS_PER_SEC / 10);
	ok(all_checked, "every example class passes the check");
	ok(all_ok, "every example class draws");

	const bs_buf *s = &svg[0];
	ok(well_formed(s), "the SVG is well-formed XML");
	ok(!strstr(s->ptr, "<text"), "it has no <text> element");
	like(s->ptr, "role=\"img\"", "it has role=img");
	like(s->ptr, "<title>Training &lt;Design&gt; &amp; Co</title>",
	     "it has an escaped <title>");
	like(s->ptr, "aria-label=\"Training &lt;Design&gt; &amp; Co badge. ",
	     "it has an aria-label");
	like(s->ptr, "<desc>Diploma, formal: shield, 300 hours",
	     "its <desc> says what the look encodes");
	ok(!strstr(s->ptr, "href") && !strstr(s->ptr, "http://x"),
	   "it refers to nothing outside itself");
	int distinct = 1;
	for (size_t i = 0; i < 10; i++)
		for (size_t k = i + 1; k < 10; k++)
			if (strcmp(svg[i].ptr, svg[k].ptr) == 0)
				distinct = 0;
	ok(distinct, "different classes give different SVGs");
	ok(strcmp(svg[1].ptr, svg[3].ptr) != 0 &&
	       strstr(svg[1].ptr, "#2a6cc0") && !strstr(svg[3].ptr, "#2a6cc0"),
	   "achievement and participation differ in colour");

	/* same bytes on every draw, in another context too */
	json_t *f = facts_for(classes[0], 300);
	bs_buf again = BS_BUF_INIT;
	bs_img_ctx *c2 = bs_img_ctx_new(vl);
	bs_svg_draw(&again, &alt, c2, vl, f, &d);
	free(alt);
	is_str(again.ptr, svg[0].ptr, "drawing again gives the same SVG");
	bs_img_ctx_free(c2);

	bs_buf p1 = BS_BUF_INIT, p2 = BS_BUF_INIT;
	bs_png_from_svg(&p1, svg[0].ptr, svg[0].len, 600, NULL, &d);
	bs_png_from_svg(&p2, again.ptr, again.len, 600, NULL, &d);
	ok(p1.len == p2.len && memcmp(p1.ptr, p2.ptr, p1.len) == 0,
	   "the PNG equals a fresh rasterisation");
	const unsigned char *u = (const unsigned char *)p1.ptr;
	ok(p1.len > 33 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	       memcmp(u + 12, "IHDR", 4) == 0,
	   "the PNG starts with its signature and IHDR");
	is_int(be32(u + 16), 600, "it is 600 wide");
	is_int(be32(u + 20), 600, "it is 600 high");
	is_int(u[25], 6, "it is RGBA (transparent background)");
	int time_chunk = 0;
	for (size_t i = 0; i + 4 <= p1.len; i++)
		if (memcmp(p1.ptr + i, "tIME", 4) == 0)
			time_chunk = 1;
	ok(!time_chunk, "it has no time chunk");
	bs_buf_free(&p1);
	bs_buf_free(&p2);

	/* no hours: no label, no stars, still a description */
	json_decref(f);
	f = facts_for(classes[5], 0);
	bs_buf_clear(&again);
	ok(bs_svg_draw(&again, &alt, c, vl, f, &d) == 0,
	   "a badge without hours draws");
	like(alt, "Event, informal: pill, assessment: summative",
	     "its text alternative leaves hours out");
	free(alt);
	json_decref(f);
	bs_buf_free(&again);

	bs_buf lg = BS_BUF_INIT;
	bs_legend_html(&lg, vl, NULL);
	like(lg.ptr, "<h3>Shape</h3>", "the legend names each channel");
	like(lg.ptr, "<th scope=\"row\">diploma</th>", "and each value");
	like(lg.ptr, "<th scope=\"row\">event</th>",
	     "every key, when the site names no values");
	like(lg.ptr, "300 or more", "and each step");
	bs_buf_clear(&lg);
	json_t *words = json_pack("{s:{s:s}, s:{s:{s:s}}}", "fields", "class",
				  "kind of badge", "values", "class", "diploma",
				  "Diploma badge");
	bs_legend_html(&lg, vl, words);
	like(lg.ptr, "<th scope=\"row\">Diploma badge</th>",
	     "the legend gives values in the site's words");
	like(lg.ptr, "Follows the badge's kind of badge.", "and fields");
	ok(!strstr(lg.ptr, "<th scope=\"row\">event</th>"),
	   "a class the site does not name is left out");
	ok(!strstr(lg.ptr, "<code>") && !strstr(lg.ptr, "{{"),
	   "and no colour code or template as text");
	json_decref(words);
	bs_buf_free(&lg);

	test_own_image(vl);

	for (size_t i = 0; i < 10; i++)
		bs_buf_free(&svg[i]);
	bs_buf_free(&png);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
	bs_source_free(&src);
	bs_diags_free(&d);

	test_errors();
	test_template_words();
	test_icon_sanitising();
	return done_testing();
}
