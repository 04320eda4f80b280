/* imagemeta.c: what a badge image carries besides its drawing (PNG text
 * chunks read back with libpng, SVG <title>, <desc> and <metadata>) and
 * the caption channel: words on an arc or a band, fitted between its
 * sizes or left out. */
#include "base/alloc.h"
#include "images/card.h"
#include "images/meta.h"
#include "images/png.h"
#include "images/svg.h"
#include "images/vlang.h"
#include "input/source.h"
#include "tap.h"

#include <libpng16/png.h>
#include <stdlib.h>
#include <string.h>

static bs_vlang *load_text(const char *text)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	bs_vlang *vl = NULL;
	if (bs_source_from(&src, "assets/visual-language.json", text,
			   strlen(text), &d) == 0)
		bs_vlang_load(&vl, ".", &src, &d);
	if (d.n) {
		bs_buf b = BS_BUF_INIT;
		bs_diags_print(&b, &d);
		printf("# %s", b.ptr);
		bs_buf_free(&b);
	}
	bs_source_free(&src);
	bs_diags_free(&d);
	return vl;
}

static json_t *facts(const char *id, const char *name)
{
	json_t *f = json_object();
	json_object_set_new(f, "id", json_string(id));
	json_object_set_new(f, "name", json_string(name));
	json_object_set_new(f, "class", json_string("event"));
	json_object_set_new(f, "formality", json_string("informal"));
	return f;
}

/* ---- PNG text read back with libpng ---- */

typedef struct reader {
	const unsigned char *p;
	size_t n, at;
} reader;

static void read_fn(png_structp png, png_bytep out, png_size_t n)
{
	reader *r = png_get_io_ptr(png);
	if (r->at + n > r->n)
		png_error(png, "short");
	memcpy(out, r->p + r->at, n);
	r->at += n;
}

/* The text chunk key of the PNG as libpng reads it (caller frees), or
 * NULL; *w and *h its size. Decodes every row, so the CRCs and the
 * compressed data are checked too. */
static char *read_text(const bs_buf *b, const char *key, unsigned *w,
		       unsigned *h)
{
	reader r = {(const unsigned char *)b->ptr, b->len, 0};
	png_structp png =
	    png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_infop end = png_create_info_struct(png);
	char *found = NULL;
	png_bytep row = NULL;
	if (setjmp(png_jmpbuf(png))) {
		free(found);
		free(row);
		png_destroy_read_struct(&png, &info, &end);
		*w = *h = 0;
		return NULL;
	}
	png_set_read_fn(png, &r, read_fn);
	png_read_info(png, info);
	*w = png_get_image_width(png, info);
	*h = png_get_image_height(png, info);
	row = malloc(png_get_rowbytes(png, info));
	for (unsigned y = 0; y < *h; y++)
		png_read_row(png, row, NULL);
	png_read_end(png, end);
	png_textp t;
	int n = 0;
	png_get_text(png, info, &t, &n);
	for (int i = 0; i < n && !found; i++)
		if (strcmp(t[i].key, key) == 0)
			found = strdup(t[i].text);
	free(row);
	png_destroy_read_struct(&png, &info, &end);
	return found;
}

static const bs_img_meta meta = {
    "Forum Speaker", "Spoke at the forum: a talk, a panel or a workshop.",
    "https://badges.example.org/badges/forum-speaker/badge.json",
    "Centre for Wörk & Learning", "CC BY 4.0"};

static const char *const spec =
    "{\"channels\": {"
    "\"shape\": {\"field\": \"class\", \"default\": \"circle\"},"
    "\"fill\": {\"field\": \"class\", \"default\": \"#1c3f7a\"},"
    "\"marking\": {\"field\": \"class\", \"default\": \"EVENT\"},"
    "\"caption\": {\"field\": \"name\", \"template\": \"{{name}}\"%s}}}";

static void test_png_text(void)
{
	char *text = bs_xasprintf(spec, "");
	bs_vlang *vl = load_text(text);
	free(text);
	ok(vl != NULL, "a spec with a caption loads");
	if (!vl)
		return;
	bs_img_ctx *c = bs_img_ctx_new(vl);
	json_t *f = facts("forum-speaker", "Speaker");
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT;
	char *alt = NULL;
	bs_diags d = BS_DIAGS_INIT;
	bs_svg_draw(&svg, &alt, c, vl, f, &d);
	bs_meta_svg_insert(&svg, &meta);
	ok(bs_png_from_svg(&png, svg.ptr, svg.len, 600, &meta, &d) == BS_OK,
	   "the PNG is made");
	unsigned w, h;
	const char *keys[5] = {"Title", "Description", "Source", "Author",
			       "Copyright"};
	const char *want[5] = {meta.title, meta.description, meta.source,
			       meta.author, meta.licence};
	for (int i = 0; i < 5; i++) {
		char *got = read_text(&png, keys[i], &w, &h);
		is_str(got ? got : "(none)", want[i],
		       "libpng reads the PNG's %s", keys[i]);
		free(got);
	}
	is_int(w, 600, "and its width");
	is_int(h, 600, "and its height");

	/* a designer's PNG gets the same chunks after its header */
	bs_buf mine = BS_BUF_INIT;
	bs_buf plain = BS_BUF_INIT;
	bs_png_from_svg(&plain, svg.ptr, svg.len, 600, NULL, &d);
	char *none = read_text(&plain, "Title", &w, &h);
	ok(none == NULL && w == 600, "without metadata there is no Title");
	free(none);
	ok(bs_png_add_meta(&mine, plain.ptr, plain.len, &meta) == BS_OK,
	   "metadata goes into a PNG made elsewhere");
	char *got = read_text(&mine, "Author", &w, &h);
	is_str(got ? got : "(none)", meta.author,
	       "and libpng reads it back (UTF-8 in iTXt)");
	free(got);
	ok(bs_png_add_meta(&mine, "GIF89a", 6, &meta) == BS_ECONTENT,
	   "what is not a PNG is refused");

	like(svg.ptr, "<title>Speaker</title>", "the SVG has a <title>");
	like(svg.ptr, "<desc>", "and a <desc>");
	like(
	    svg.ptr,
	    "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<rdf:Description rdf:about=\"https://badges.example.org/badges/"
	    "forum-speaker/badge.json\"><dc:title>Forum Speaker</dc:title>",
	    "and Dublin Core <metadata> about its class's URL");
	like(svg.ptr, "<dc:creator>Centre for Wörk &amp; Learning</dc:creator>",
	     "with its issuer, escaped");
	like(svg.ptr, "<dc:rights>CC BY 4.0</dc:rights>", "and its licence");
	like(svg.ptr, "role=\"img\"", "it keeps role=img");
	free(alt);
	json_decref(f);
	bs_buf_free(&svg);
	bs_buf_free(&png);
	bs_buf_free(&mine);
	bs_buf_free(&plain);
	bs_diags_free(&d);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
}

/* The caption of a badge called name as drawn with the spec's extra
 * caption keys: the words' final size (0: left out), and the SVG. */
static double caption(const char *extra, const char *name, bs_buf *svg)
{
	char *text = bs_xasprintf(spec, extra);
	bs_vlang *vl = load_text(text);
	free(text);
	if (!vl)
		return -1;
	bs_img_ctx *c = bs_img_ctx_new(vl);
	json_t *f = facts("x", name);
	bs_svg_info info;
	char *alt = NULL;
	bs_diags d = BS_DIAGS_INIT;
	bs_svg_draw_info(svg, &alt, c, vl, f, &info, &d);
	double em = info.caption.em;
	free(alt);
	json_decref(f);
	bs_diags_free(&d);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
	return em;
}

static void test_caption(void)
{
	bs_buf arc = BS_BUF_INIT, band = BS_BUF_INIT, none = BS_BUF_INIT;
	double em = caption("", "Speaker", &arc);
	ok(em == 36, "a short caption is drawn at max_size (0.06 of 600)");
	like(arc.ptr, "paint-order=\"stroke\"",
	     "outlined: a stroke under the fill");
	ok(!strstr(arc.ptr, "<text"), "as paths, not text");
	em = caption(", \"place\": \"band\"", "Speaker", &band);
	ok(em == 36, "on a band too");
	ok(strcmp(arc.ptr, band.ptr) != 0, "an arc and a band differ");
	bs_buf_clear(&band);
	em = caption(", \"place\": \"band\"", "Forum Participant", &band);
	ok(em > 23.9 && em < 36,
	   "a longer one is shrunk (%g) between the "
	   "sizes",
	   em);
	em = caption(", \"place\": \"band\", \"min_size\": 30",
		     "Forum Participant", &none);
	is_int((int)em, 0, "and left out when min_size is too large for it");
	bs_buf_clear(&none);
	em = caption("", "Transnational Exchange Programme Participant", &none);
	is_int((int)em, 0, "far too long a caption is left out");
	ok(!strstr(none.ptr, "paint-order"), "and nothing is drawn");
	bs_buf_free(&arc);
	bs_buf_free(&band);
	bs_buf_free(&none);

	/* the spec's checks of the caption's own keys */
	bs_diags d = BS_DIAGS_INIT;
	bs_source src;
	const char *bad = "{\"channels\": {"
			  "\"shape\": {\"field\": \"class\", \"default\": "
			  "\"circle\"},"
			  "\"fill\": {\"field\": \"class\", \"default\": "
			  "\"#1c3f7a\", \"place\": \"arc\"},"
			  "\"caption\": {\"field\": \"name\", \"template\": "
			  "\"{{name}}\", \"place\": \"spiral\", \"min_size\": "
			  "40, \"max_size\": 30}}}";
	bs_vlang *vl = NULL;
	bs_source_from(&src, "assets/visual-language.json", bad, strlen(bad),
		       &d);
	ok(bs_vlang_load(&vl, ".", &src, &d) != 0 && !vl,
	   "a broken caption is an error");
	bs_buf all = BS_BUF_INIT;
	bs_diags_print(&all, &d);
	like(all.ptr, "only the caption channel takes \"place\"",
	     "place belongs to the caption alone");
	like(all.ptr, "spiral", "an unknown place is named");
	like(all.ptr, "min_size is larger than max_size",
	     "sizes out of order are refused");
	bs_buf_free(&all);
	bs_source_free(&src);
	bs_diags_free(&d);
}

static void test_card(void)
{
	char *text = bs_xasprintf(spec, "");
	bs_vlang *vl = load_text(text);
	free(text);
	bs_img_ctx *c = bs_img_ctx_new(vl);
	json_t *f = facts("forum-speaker", "Speaker");
	bs_buf svg = BS_BUF_INIT, png = BS_BUF_INIT, site = BS_BUF_INIT;
	char *alt = NULL;
	bs_diags d = BS_DIAGS_INIT;
	bs_svg_draw(&svg, &alt, c, vl, f, &d);
	bs_card cd = {svg.ptr,	   svg.len,	  "Forum Speaker",
		      meta.author, "A Framework", "en"};
	ok(bs_card_png(&png, c, &cd, &meta, &d) == BS_OK, "a card is drawn");
	unsigned w, h;
	char *t = read_text(&png, "Title", &w, &h);
	is_int(w, 1200, "1200 wide");
	is_int(h, 630, "630 high");
	is_str(t ? t : "(none)", meta.title, "with the image's metadata");
	is_int(png.len > 25 ? (unsigned char)png.ptr[25] : 0, 2,
	       "opaque, so RGB (a badge with its transparent ground is RGBA)");
	free(t);
	bs_card sc = {NULL, 0, "A Framework", "What it is for.", NULL, "en"};
	ok(bs_card_png(&site, c, &sc, NULL, &d) == BS_OK,
	   "the site's card has no badge");
	t = read_text(&site, "Title", &w, &h);
	ok(w == 1200 && h == 630 && !t, "the same size");
	free(t);
	ok(site.len != png.len || memcmp(site.ptr, png.ptr, png.len),
	   "and another picture");
	cd.svg = "<svg";
	cd.svg_len = 4;
	bs_buf_clear(&png);
	ok(bs_card_png(&png, c, &cd, &meta, &d) == BS_ECONTENT,
	   "a broken badge image is an error");
	free(alt);
	json_decref(f);
	bs_buf_free(&svg);
	bs_buf_free(&png);
	bs_buf_free(&site);
	bs_diags_free(&d);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
}

int main(void)
{
	test_png_text();
	test_card();
	test_caption();
	return done_testing();
}
