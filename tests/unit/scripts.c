/* scripts.c: words in other scripts on badge images: language tags and
 * their direction, fonts pinned per language, Arabic shaped and set right
 * to left (straight and on an arc), the lint's missing-glyph error; how
 * outlines write their numbers. The fonts are copied from Debian's
 * packages into a temporary site. */
#include "base/lang.h"
#include "images/card.h"
#include "images/fonts.h"
#include "images/lint.h"
#include "images/svg.h"
#include "images/text.h"
#include "images/vlang.h"
#include "input/source.h"
#include "tap.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"
#define CJK "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

static char root[64];

static void copy(const char *from, const char *rel)
{
	char to[256];
	snprintf(to, sizeof to, "%s/%s", root, rel);
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char b[65536];
	size_t n;
	while (in && out && (n = fread(b, 1, sizeof b, in)) > 0)
		fwrite(b, 1, n, out);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
}

static bs_vlang *load(const char *text, bs_diags *d)
{
	bs_source src;
	bs_vlang *vl = NULL;
	if (bs_source_from(&src, "assets/visual-language.json", text,
			   strlen(text), d) == 0)
		bs_vlang_load(&vl, root, &src, d);
	bs_source_free(&src);
	return vl;
}

static int has_diag(const bs_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].msg, needle) ||
		    (d->v[i].hint && strstr(d->v[i].hint, needle)))
			return 1;
	return 0;
}

/* The points of path data, as pairs. */
static size_t points(const char *d, double (*p)[2], size_t max)
{
	size_t n = 0;
	int k = 0;
	for (const char *s = d; *s && n < max;) {
		char *end;
		double v = strtod(s, &end);
		if (end == s) {
			s++;
			continue;
		}
		p[n][k++] = v;
		if (k == 2)
			k = 0, n++;
		s = end;
	}
	return n;
}

static double (*pts)[2];

/* Outline text in lang centred on (300, 300), straight or (r > 0) on the
 * bottom of the circle of radius r round (300, 300): its path data. */
static char *outline(bs_img_ctx *c, const char *text, const char *lang,
		     double r, double *width)
{
	bs_text_line l;
	bs_buf b = BS_BUF_INIT;
	if (bs_text_fit(&l, c, text, lang, 40, 40, 1e9) == 0) {
		bs_text_setting st = {300, 300, r, "#000000", NULL, 0};
		bs_text_outline(&b, &l, &st);
		if (width)
			*width = l.w;
		bs_text_free(&l);
	}
	return bs_buf_detach(&b);
}

/* The x of the point of d furthest from (300, 300) downwards: straight,
 * the lowest point; on an arc round (300, 300), the furthest out. */
static double lowest_x(const char *d, int arc)
{
	size_t n = points(d, pts, 100000);
	double best = -1, x = 0;
	for (size_t i = 0; i < n; i++) {
		double v =
		    arc ? hypot(pts[i][0] - 300, pts[i][1] - 300) : pts[i][1];
		if (v > best)
			best = v, x = pts[i][0];
	}
	return x;
}

/* The least x of any point of d. */
static double lowest_left(const char *d)
{
	size_t n = points(d, pts, 100000);
	double x = 1e9;
	for (size_t i = 0; i < n; i++)
		x = fmin(x, pts[i][0]);
	return x;
}

/* The least x of the first contour of d that lies inside another's box
 * (the hole of a 0), or -1. */
static double hole_x(const char *d)
{
	double box[64][4];
	size_t nb = 0;
	const char *p = strchr(d, 'M');
	while (p && nb < 64) {
		const char *next = strchr(p + 1, 'M');
		char *one = strndup(p, next ? (size_t)(next - p) : strlen(p));
		size_t n = points(one, pts, 100000);
		double *b = box[nb++];
		b[0] = b[1] = 1e9, b[2] = b[3] = -1e9;
		for (size_t i = 0; i < n; i++) {
			b[0] = fmin(b[0], pts[i][0]),
			b[1] = fmin(b[1], pts[i][1]);
			b[2] = fmax(b[2], pts[i][0]),
			b[3] = fmax(b[3], pts[i][1]);
		}
		free(one);
		p = next;
	}
	for (size_t i = 0; i < nb; i++)
		for (size_t k = 0; k < nb; k++)
			if (i != k && box[i][0] > box[k][0] &&
			    box[i][1] > box[k][1] && box[i][2] < box[k][2] &&
			    box[i][3] < box[k][3])
				return box[i][0];
	return -1;
}

static void test_tags(void)
{
	ok(bs_lang_tag_ok("ar") && bs_lang_tag_ok("zh-Hant") &&
	       bs_lang_tag_ok("sr-Latn-RS") && bs_lang_tag_ok("ckb"),
	   "language tags are taken");
	ok(!bs_lang_tag_ok("ar_EG") && !bs_lang_tag_ok("arabic") &&
	       !bs_lang_tag_ok("") && !bs_lang_tag_ok("en-") &&
	       !bs_lang_tag_ok("a"),
	   "other forms are not");
	ok(bs_lang_rtl("ar") && bs_lang_rtl("he") && bs_lang_rtl("fa-IR") &&
	       bs_lang_rtl("ur") && bs_lang_rtl("ckb") && bs_lang_rtl("AR"),
	   "Arabic, Hebrew, Persian, Urdu, Sorani run right to left");
	ok(!bs_lang_rtl("en") && !bs_lang_rtl("ja") &&
	       !bs_lang_rtl("ug-Latn") && !bs_lang_rtl(NULL) &&
	       !bs_lang_rtl("arn"),
	   "English, Japanese, Uyghur in Latin letters, Mapudungun do not");
	ok(bs_lang_rtl("az-Arab") && bs_lang_rtl("pa-Arab"),
	   "a right-to-left script subtag decides");
	is_int((int)bs_lang_serves("zh", "zh-Hant-TW"), 2,
	       "zh serves zh-Hant-TW");
	is_int((int)bs_lang_serves("zh-Hant", "zh-Hant-TW"), 7,
	       "zh-Hant serves it better");
	is_int((int)bs_lang_serves("zh-Hans", "zh-Hant"), 0,
	       "zh-Hans does not serve zh-Hant");
	is_int((int)bs_lang_serves("a", "ar"), 0, "nor a part of a subtag");
}

static const char *const spec_fmt =
    "{\n"
    "  \"font\": \"assets/fonts/latin.ttf\",\n"
    "  \"fonts\": %s,\n"
    "  \"channels\": {\n"
    "    \"shape\": {\"field\": \"class\", \"default\": \"circle\"},\n"
    "    \"fill\": {\"field\": \"class\", \"default\": \"#1f5fa8\"},\n"
    "    \"accent\": {\"field\": \"class\", \"default\": \"#e6b73e\"},\n"
    "    \"marking\": {\"field\": \"class\", \"default\": \"شهادة\"},\n"
    "    \"label\": {\"field\": \"name\", \"template\": \"{{name}}\"},\n"
    "    \"caption\": {\"field\": \"short_name\", \"template\": "
    "\"{{short_name}}\", \"place\": \"arc\"}\n"
    "  }\n"
    "}\n";

static bs_vlang *load_fonts(const char *fonts, bs_diags *d)
{
	char spec[4096];
	snprintf(spec, sizeof spec, spec_fmt, fonts);
	return load(spec, d);
}

static void test_spec(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_vlang *vl = load_fonts("{\"ar\": \"assets/fonts/arabic.ttf\", "
				  "\"zh\": \"assets/fonts/cjk.ttc\"}",
				  &d);
	ok(vl != NULL, "a spec with a font per language loads");
	if (!vl)
		return;
	is_int((int)vl->fonts.n, 3, "the default and two");
	is_str(bs_fonts_for(&vl->fonts, "ar")->name, "assets/fonts/arabic.ttf",
	       "ar has its own");
	is_str(bs_fonts_for(&vl->fonts, "ar-EG")->name,
	       "assets/fonts/arabic.ttf", "so has ar-EG");
	is_str(bs_fonts_for(&vl->fonts, "zh-Hant")->family,
	       "WenQuanYi Micro Hei", "zh-Hant is drawn in the CJK font");
	is_str(bs_fonts_for(&vl->fonts, "en")->name, "assets/fonts/latin.ttf",
	       "English in the default");
	is_str(bs_fonts_for(&vl->fonts, NULL)->name, "assets/fonts/latin.ttf",
	       "as are words of no language");
	ok(bs_font_missing(bs_fonts_for(&vl->fonts, "en"), "شهادة") == 0x0634,
	   "DejaVu Serif has no Arabic: the first letter it lacks");
	ok(bs_font_missing(bs_fonts_for(&vl->fonts, "ar"),
			   "شهادة 2026\xe2\x80\x8f\xe2\x80\x8d") == 0,
	   "DejaVu Sans has all of it (joiners and marks are not asked for)");
	ok(bs_font_missing(bs_fonts_for(&vl->fonts, "zh"), "数据分析") == 0,
	   "the CJK font draws Chinese");
	ok(bs_font_missing(bs_fonts_for(&vl->fonts, "ar"), "数据") == 0x6570,
	   "DejaVu Sans does not");
	bs_key k1 = vl->key;
	bs_vlang_free(vl);

	vl = load_fonts("{\"ar\": \"assets/fonts/cjk.ttc\", \"zh\": "
			"\"assets/fonts/cjk.ttc\"}",
			&d);
	ok(vl && (vl->key.a != k1.a || vl->key.b != k1.b),
	   "the fonts are in the image cache's key");
	bs_vlang_free(vl);

	vl = load_fonts("{\n    \"ar_EG\": \"assets/fonts/arabic.ttf\"}", &d);
	ok(!vl, "a key that is no language tag is an error");
	ok(has_diag(&d, "'ar_EG' is not a language tag"), "it says so");
	ok(d.n && d.v[0].line == 4, "at the spec's line");
	bs_diags_free(&d);
	vl = load_fonts("{\"ja\": \"assets/fonts/none.otf\"}", &d);
	ok(!vl && has_diag(&d, "font file 'assets/fonts/none.otf' not found"),
	   "a missing file is an error");
	ok(has_diag(&d, "remove this language"), "with a hint");
	bs_diags_free(&d);
	vl = load_fonts("{\"ja\": \"../fonts/x.otf\"}", &d);
	ok(!vl && has_diag(&d, "points outside the site"),
	   "a path out of the site is refused");
	bs_diags_free(&d);
}

static void test_shaping(bs_img_ctx *c)
{
	double wj = 0, wi = 0;
	/* beh, yeh, teh: joined, and kept apart by zero-width non-joiners */
	char *joined = outline(c, "بيت", "ar", 0, &wj);
	char *apart = outline(c, "ب\xe2\x80\x8cي\xe2\x80\x8cت", "ar", 0, &wi);
	ok(joined[0] && strcmp(joined, apart) != 0,
	   "Arabic letters are joined: the word differs from its letters "
	   "apart");
	ok(wj < wi * 0.9, "and is narrower (%.1f against %.1f)", wj, wi);
	free(joined);
	free(apart);

	/* beh (its dot is the lowest ink) and tatweels: beh comes first */
	char *s = outline(c, "بـــــــ", "ar", 0, NULL);
	ok(lowest_x(s, 0) > 300,
	   "right to left: the first letter is on the right");
	free(s);
	/* a line of an Arabic site starting with a Latin word still runs
	 * right to left, the Latin word on the right (beh's dot is the
	 * lowest ink); in English the same line runs left to right */
	s = outline(c, "ok ب", "ar", 0, NULL);
	ok(lowest_x(s, 0) < 300,
	   "an Arabic line is set right to left even when it starts in Latin");
	free(s);
	s = outline(c, "ok ب", "en", 0, NULL);
	ok(lowest_x(s, 0) > 300, "an English line left to right");
	free(s);
	s = outline(c, "بـــــــ", "ar", 200, NULL);
	ok(lowest_x(s, 1) > 300,
	   "on an arc, the first letter of Arabic is placed on the reader's "
	   "right");
	free(s);
	s = outline(c, "gaaaaaaaa", "en", 200, NULL);
	ok(lowest_x(s, 1) < 300, "and the first letter of English on the left");
	free(s);
	/* Latin digits in Arabic stay left to right: "ب 10" is set as
	 * "10", then beh on the right; the hole of the 0 (the one contour
	 * inside another) is a digit's width from the left */
	s = outline(c, "ب 10", "ar", 0, NULL);
	ok(hole_x(s) - lowest_left(s) > 15,
	   "Latin digits inside Arabic stay left to right (%.1f)",
	   hole_x(s) - lowest_left(s));
	free(s);
	s = outline(c, "ب 01", "ar", 0, NULL);
	ok(hole_x(s) - lowest_left(s) < 10, "so 01 starts with the 0 (%.1f)",
	   hole_x(s) - lowest_left(s));
	free(s);
}

static json_t *facts(const char *lang, const char *name, const char *shrt)
{
	json_t *f = json_object();
	json_object_set_new(f, "id", json_string("x"));
	json_object_set_new(f, "name", json_string(name));
	json_object_set_new(f, "short_name", json_string(shrt));
	json_object_set_new(f, "class", json_string("event"));
	json_object_set_new(f, "language", json_string(lang));
	return f;
}

static void test_lint(void)
{
	bs_diags d = BS_DIAGS_INIT;
	/* Arabic pinned to a font that has no Arabic */
	bs_vlang *vl = load_fonts("{\"ar\": \"assets/fonts/latin.ttf\"}", &d);
	ok(vl != NULL, "a spec that pins a Latin font for Arabic loads");
	if (!vl)
		return;
	bs_img_ctx *c = bs_img_ctx_new(vl);
	json_t *f = facts("ar", "محلل", "تحليل");
	bs_buf svg = BS_BUF_INIT;
	char *alt = NULL;
	bs_svg_info info;
	bs_svg_draw_info(&svg, &alt, c, vl, f, &info, &d);
	ok(info.caption.missing == 0x062A && info.marking.missing == 0x0634,
	   "the drawing notes the first letters the font lacks");
	free(alt);
	bs_buf_free(&svg);
	const json_t *fv[] = {f};
	const char *paths[] = {"content/badges/x.md"};
	ok(bs_lint_run(vl, fv, paths, 1, 1, NULL, NULL, &d) != BS_OK,
	   "the lint refuses it");
	ok(has_diag(&d, "the font DejaVu Serif (assets/fonts/latin.ttf) has "
			"no glyph for 'ت' (U+062A) in the caption 'تحليل'"),
	   "naming the font, the letter and the channel");
	ok(has_diag(&d, "in the marking 'شهادة'") &&
	       has_diag(&d, "in the social card's name 'محلل'"),
	   "for every channel");
	ok(has_diag(&d, "\"fonts\": {\"ar\": "), "with the fix");
	ok(d.n && strcmp(d.v[0].file, "content/badges/x.md") == 0,
	   "at the badge's file");
	bs_diags_free(&d);
	json_decref(f);
	/* the same words in English take the default font: no Arabic */
	f = facts("en", "ok", "ok");
	fv[0] = f;
	ok(bs_lint_run(vl, fv, paths, 1, 1, NULL, NULL, &d) != BS_OK &&
	       has_diag(&d, "in the marking 'شهادة'") &&
	       !has_diag(&d, "caption"),
	   "an English badge is judged in the default font");
	bs_diags_free(&d);
	json_decref(f);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);

	vl = load_fonts("{\"ar\": \"assets/fonts/arabic.ttf\"}", &d);
	f = facts("ar", "محلل", "تحليل");
	fv[0] = f;
	ok(vl && bs_lint_run(vl, fv, paths, 1, 1, NULL, NULL, &d) == BS_OK &&
	       !has_diag(&d, "glyph"),
	   "with a font that has them, no error");
	bs_diags_free(&d);
	json_decref(f);
	bs_vlang_free(vl);
}

typedef struct reader {
	const bs_buf *b;
	size_t at;
} reader;

static cairo_status_t read_png(void *closure, unsigned char *data,
			       unsigned int n)
{
	reader *r = closure;
	if (r->at + n > r->b->len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->ptr + r->at, n);
	r->at += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Is the pixel at (x, y) of the PNG png the card's pale ground? */
static int ground(const bs_buf *png, int x, int y)
{
	reader r = {png, 0};
	cairo_surface_t *s =
	    cairo_image_surface_create_from_png_stream(read_png, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	const unsigned char *p = cairo_image_surface_get_data(s) +
				 y * cairo_image_surface_get_stride(s) + 4 * x;
	uint32_t px = *(const uint32_t *)(const void *)p & 0xffffff;
	cairo_surface_destroy(s);
	return px == 0xf4f6f9;
}

/* A card in a right-to-left language has its badge on the right. */
static void test_card(void)
{
	bs_diags d = BS_DIAGS_INIT;
	bs_vlang *vl = load_fonts("{\"ar\": \"assets/fonts/arabic.ttf\"}", &d);
	bs_img_ctx *c = bs_img_ctx_new(vl);
	json_t *f = facts("ar", "محلل بيانات", "تحليل");
	bs_buf svg = BS_BUF_INIT, ar = BS_BUF_INIT, en = BS_BUF_INIT;
	char *alt = NULL;
	bs_svg_draw(&svg, &alt, c, vl, f, &d);
	bs_card cd = {svg.ptr,	      svg.len, "محلل بيانات",
		      "مركز التدريب", "إطار",  "ar"};
	ok(bs_card_png(&ar, c, &cd, NULL, &d) == BS_OK, "an Arabic card");
	cd.language = "en";
	bs_card_png(&en, c, &cd, NULL, &d);
	ok(ground(&ar, 290, 270) == 1 && ground(&ar, 910, 270) == 0,
	   "has its badge on the right");
	ok(ground(&en, 290, 270) == 0 && ground(&en, 910, 270) == 1,
	   "an English one on the left");
	free(alt);
	bs_buf_free(&svg);
	bs_buf_free(&ar);
	bs_buf_free(&en);
	json_decref(f);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
	bs_diags_free(&d);
}

/* Outline numbers are hundredths written as bs_buf_number writes them:
 * no trailing zero, no point for a whole number, no "-0"; the same words
 * centred on (0, 0) are those centred on (300, 300) moved, so the
 * negative numbers carry their sign. */
static void test_numbers(bs_img_ctx *c)
{
	bs_text_line l;
	if (!ok(bs_text_fit(&l, c, "Reg 0.5", "en", 40, 40, 1e9) == 0,
		"numbers: the words are shaped"))
		return;
	bs_buf at0 = BS_BUF_INIT, at300 = BS_BUF_INIT;
	bs_text_setting s0 = {0, 0, 0, "#000000", NULL, 0};
	bs_text_setting s3 = {300, 300, 0, "#000000", NULL, 0};
	bs_text_outline(&at0, &l, &s0);
	bs_text_outline(&at300, &l, &s3);
	bs_text_free(&l);
	const char *d0 = strstr(at0.ptr, " d=\""),
		   *d3 = strstr(at300.ptr, " d=\"");
	int bad = !d0 || !d3, neg = 0;
	for (const char *p = d0 ? d0 + 4 : ""; *p && *p != '"' && !bad;) {
		if (!(*p == '-' || (*p >= '0' && *p <= '9'))) {
			p++;
			continue;
		}
		const char *n = p;
		neg += *p == '-';
		p += *p == '-';
		size_t digits = strspn(p, "0123456789"), frac = 0;
		p += digits;
		if (*p == '.') {
			frac = strspn(p + 1, "0123456789");
			bad |= frac < 1 || frac > 2 || p[frac] == '0';
			p += 1 + frac;
		}
		bad |= !digits || (digits > 1 && n[*n == '-'] == '0') ||
		       (*n == '-' && digits == 1 && n[1] == '0' && !frac);
		if (bad)
			printf("#   %.12s\n", n);
	}
	ok(!bad && neg > 10,
	   "numbers: %d negative, every one in its shortest form", neg);
	size_t n0 = points(d0 ? d0 : "", pts, 50000);
	double(*p3)[2] = pts + 50000;
	size_t n3 = points(d3 ? d3 : "", p3, 50000);
	double worst = n0 == n3 && n0 ? 0 : 1e9;
	for (size_t i = 0; i < n0 && i < n3; i++)
		for (int k = 0; k < 2; k++)
			worst = fmax(worst, fabs(pts[i][k] + 300 - p3[i][k]));
	ok(worst <= 0.0100001,
	   "numbers: centred on 0 is centred on 300 moved "
	   "(%zu points, off by %g at most)",
	   n0, worst);
	bs_buf_free(&at0);
	bs_buf_free(&at300);
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/bs-scripts-XXXXXX");
	if (!mkdtemp(root))
		return 1;
	char dir[128];
	snprintf(dir, sizeof dir, "%s/assets", root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof dir, "%s/assets/fonts", root);
	mkdir(dir, 0755);
	copy(DEJAVU "DejaVuSerif-Bold.ttf", "assets/fonts/latin.ttf");
	copy(DEJAVU "DejaVuSans-Bold.ttf", "assets/fonts/arabic.ttf");
	copy(CJK, "assets/fonts/cjk.ttc");
	pts = malloc(100000 * sizeof *pts);

	test_tags();
	test_spec();
	bs_diags d = BS_DIAGS_INIT;
	bs_vlang *vl = load_fonts("{\"ar\": \"assets/fonts/arabic.ttf\"}", &d);
	bs_img_ctx *c = bs_img_ctx_new(vl);
	/* English is drawn in DejaVu Sans too, for the comparisons */
	bs_vlang *vs = load(
	    "{\"channels\": {\"shape\": {\"field\": \"class\", \"default\": "
	    "\"circle\"}, \"fill\": {\"field\": \"class\", \"default\": "
	    "\"#123456\"}}}",
	    &d);
	bs_img_ctx *cs = bs_img_ctx_new(vs);
	test_shaping(cs);
	test_numbers(cs);
	bs_img_ctx_free(cs);
	bs_vlang_free(vs);
	bs_img_ctx_free(c);
	bs_vlang_free(vl);
	bs_diags_free(&d);
	test_lint();
	test_card();

	free(pts);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
