/* Baking (images/bake): the assertion URL goes into a PNG's iTXt chunk,
 * which libpng reads back, and into an SVG, which libxml2 reads back. */
#include "images/bake.h"
#include "base/buf.h"
#include "images/png.h"
#include "tap.h"

#include <libpng16/png.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>

typedef struct reader {
	const unsigned char *p;
	size_t n, off;
} reader;

static void read_fn(png_structp png, png_bytep out, png_size_t n)
{
	reader *r = png_get_io_ptr(png);
	if (r->off + n > r->n)
		png_error(png, "short");
	memcpy(out, r->p + r->off, n);
	r->off += n;
}

/* The "openbadges" text chunk as libpng reads it (whole file, CRCs
 * checked), or NULL. Caller frees. */
static char *libpng_unbake(const unsigned char *data, size_t n)
{
	png_structp png =
	    png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_infop end = png_create_info_struct(png);
	reader r = {data, n, 0};
	char *url = NULL;
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_read_struct(&png, &info, &end);
		free(url);
		return NULL;
	}
	png_set_read_fn(png, &r, read_fn);
	png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_textp t;
	int nt = 0;
	png_get_text(png, info, &t, &nt);
	for (int i = 0; i < nt; i++)
		if (strcmp(t[i].key, "openbadges") == 0 &&
		    t[i].compression == PNG_ITXT_COMPRESSION_NONE)
			url = strdup(t[i].text);
	png_destroy_read_struct(&png, &info, &end);
	return url;
}

static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" "
    "aria-label=\"a > b\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>";

int main(void)
{
	const char *url = "https://badges.test/awards/0123456789abcdef.json";
	bs_buf png = BS_BUF_INIT, baked = BS_BUF_INIT, twice = BS_BUF_INIT;
	bs_diags d = BS_DIAGS_INIT;
	ok(bs_png_from_svg(&png, svg, sizeof svg - 1, 64, NULL, &d) == 0,
	   "a PNG to bake");
	is_int(bs_bake_png(&baked, (unsigned char *)png.ptr, png.len, url), 0,
	       "the PNG bakes");
	char *got = libpng_unbake((unsigned char *)baked.ptr, baked.len);
	is_str(got, url, "libpng reads the URL back from the iTXt chunk");
	free(got);
	got = bs_bake_png_read((unsigned char *)baked.ptr, baked.len);
	is_str(got, url, "and so does bs_bake_png_read");
	free(got);
	ok(memcmp(baked.ptr + 33, "\0\0\0", 3) == 0 &&
	       memcmp(baked.ptr + 37, "iTXtopenbadges", 14) == 0,
	   "the chunk comes right after IHDR");
	is_int(bs_bake_png(&twice, (unsigned char *)baked.ptr, baked.len,
			   "https://other.test/a.json"),
	       0, "a baked PNG bakes again");
	got = libpng_unbake((unsigned char *)twice.ptr, twice.len);
	is_str(got, "https://other.test/a.json", "with the new URL only");
	free(got);
	is_int(twice.len, baked.len - strlen(url) + 25, "the old chunk gone");
	bs_buf_clear(&twice);
	is_int(bs_bake_png(&twice, (unsigned char *)png.ptr, png.len - 12, url),
	       -1, "a PNG without IEND is refused");
	ok(twice.len == 0, "and nothing written");
	got = bs_bake_png_read((unsigned char *)png.ptr, png.len);
	ok(got == NULL, "an unbaked PNG has no URL");

	bs_buf s = BS_BUF_INIT;
	is_int(bs_bake_svg(&s, svg, sizeof svg - 1, url), 0, "the SVG bakes");
	xmlDocPtr doc =
	    xmlReadMemory(s.ptr, (int)s.len, "b.svg", NULL, XML_PARSE_NONET);
	ok(doc != NULL, "the baked SVG is well-formed XML");
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr a = root ? xmlFirstElementChild(root) : NULL;
	ok(a && a->ns &&
	       strcmp((const char *)a->ns->href, "http://openbadges.org") ==
		   0 &&
	       strcmp((const char *)a->name, "assertion") == 0,
	   "its first child is openbadges:assertion");
	xmlChar *v = a ? xmlGetProp(a, (const xmlChar *)"verify") : NULL;
	is_str((const char *)v, url, "whose verify is the assertion URL");
	xmlFree(v);
	if (doc)
		xmlFreeDoc(doc);
	bs_buf again = BS_BUF_INIT;
	is_int(bs_bake_svg(&again, s.ptr, s.len, url), -1,
	       "a baked SVG is not baked twice");
	is_int(bs_bake_svg(&again, "<p/>", 4, url), -1,
	       "a file without an svg root is refused");
	bs_buf_free(&again);
	bs_buf_free(&s);
	bs_buf_free(&png);
	bs_buf_free(&baked);
	bs_buf_free(&twice);
	bs_diags_free(&d);
	return done_testing();
}
