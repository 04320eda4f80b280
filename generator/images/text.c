/* text.c: words for images. Each thread's context holds a private
 * fontconfig with exactly the spec's fonts, so output never depends on
 * what else is installed, and two pango contexts, one per base direction.
 * A line is shaped in its language's font with its language as a pango
 * attribute (for the font's local forms), left to right or right to left
 * as its language is written, and written as outline paths. */
#include "images/text.h"

#include "base/alloc.h"
#include "base/lang.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bs_img_ctx {
	const bs_vlang *vl;
	FcConfig *cfg;
	PangoFontMap *fm;
	PangoContext *pc[2];	     /* base direction left to right, right
					to left */
	PangoFontDescription **desc; /* one per font of the spec */
};

static PangoContext *new_context(PangoFontMap *fm, PangoDirection dir)
{
	PangoContext *pc = pango_font_map_create_context(fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_context_set_base_dir(pc, dir);
	pango_context_set_language(pc, pango_language_from_string("en"));
	return pc;
}

bs_img_ctx *bs_img_ctx_new(const bs_vlang *vl)
{
	bs_img_ctx *c = bs_xcalloc(1, sizeof *c);
	if (!vl || !vl->fonts.n)
		return c;
	c->vl = vl;
	c->cfg = FcConfigCreate();
	c->desc = bs_xcalloc(vl->fonts.n, sizeof *c->desc);
	for (size_t i = 0; i < vl->fonts.n; i++) {
		const bs_font *f = &vl->fonts.v[i];
		FcConfigAppFontAddFile(c->cfg, (const FcChar8 *)f->file);
		/* the face the file holds, not another of its family */
		c->desc[i] = pango_font_description_new();
		pango_font_description_set_family(c->desc[i], f->family);
		pango_font_description_set_weight(c->desc[i], f->weight);
		pango_font_description_set_style(c->desc[i], f->style);
		pango_font_description_set_stretch(c->desc[i], f->stretch);
	}
	c->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->fm), c->cfg);
	c->pc[0] = new_context(c->fm, PANGO_DIRECTION_LTR);
	c->pc[1] = new_context(c->fm, PANGO_DIRECTION_RTL);
	return c;
}

void bs_img_ctx_free(bs_img_ctx *c)
{
	if (!c)
		return;
	for (size_t i = 0; c->desc && i < c->vl->fonts.n; i++)
		pango_font_description_free(c->desc[i]);
	free(c->desc);
	for (int i = 0; i < 2; i++)
		if (c->pc[i])
			g_object_unref(c->pc[i]);
	if (c->fm) {
		/* pango never releases its hold on the config itself */
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(c->fm));
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->fm), NULL);
		g_object_unref(c->fm);
	}
	if (c->cfg)
		FcConfigDestroy(c->cfg);
	free(c);
}

/* A layout of text in lang at size: its language's font, its language
 * for shaping, its direction. *font receives which font. NULL when the
 * context draws nothing. */
static PangoLayout *new_layout(const bs_img_ctx *c, const char *text,
			       const char *lang, double size, size_t *font)
{
	if (!c->fm || !text || !text[0])
		return NULL;
	int rtl = bs_lang_rtl(lang);
	PangoLayout *lay = pango_layout_new(c->pc[rtl]);
	/* a right-to-left language sets every line right to left, even
	 * one that starts with a Latin word; others follow the text */
	pango_layout_set_auto_dir(lay, !rtl);
	pango_layout_set_text(lay, text, -1);
	if (lang) {
		PangoAttrList *al = pango_attr_list_new();
		pango_attr_list_insert(
		    al,
		    pango_attr_language_new(pango_language_from_string(lang)));
		pango_layout_set_attributes(lay, al);
		pango_attr_list_unref(al);
	}
	*font = (size_t)(bs_fonts_for(&c->vl->fonts, lang) - c->vl->fonts.v);
	PangoFontDescription *d = pango_font_description_copy(c->desc[*font]);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	pango_layout_set_font_description(lay, d);
	pango_font_description_free(d);
	return lay;
}

double bs_img_text(bs_img_ctx *c, struct _cairo *cr, const char *text,
		   const char *lang, double x, double y, double width,
		   double size, int lines, const char *colour)
{
	size_t font;
	PangoLayout *lay = new_layout(c, text, lang, size, &font);
	if (!lay)
		return 0;
	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(lay, -lines);
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	/* lines start where the language starts reading */
	pango_layout_set_alignment(lay, bs_lang_rtl(lang) ? PANGO_ALIGN_RIGHT
							  : PANGO_ALIGN_LEFT);
	unsigned r = 0, g = 0, b = 0;
	sscanf(colour, "#%02x%02x%02x", &r, &g, &b);
	cairo_set_source_rgb(cr, r / 255.0, g / 255.0, b / 255.0);
	cairo_move_to(cr, x, y);
	/* the words as paths, so the font's hinting plays no part */
	pango_cairo_layout_path(cr, lay);
	cairo_fill(cr);
	PangoRectangle logical;
	pango_layout_get_extents(lay, NULL, &logical);
	g_object_unref(lay);
	return (double)logical.height / PANGO_SCALE;
}

/* ---- a line of words ---- */

static double ink_width(PangoLayout *lay, PangoRectangle *ink)
{
	pango_layout_get_extents(lay, ink, NULL);
	return (double)ink->width / PANGO_SCALE;
}

void bs_text_resize(bs_text_line *l, double em)
{
	PangoFontDescription *d =
	    pango_font_description_copy(l->c->desc[l->font]);
	pango_font_description_set_absolute_size(d, em * PANGO_SCALE);
	pango_layout_set_font_description(l->lay, d);
	pango_font_description_free(d);
	PangoRectangle ink;
	l->em = em;
	l->w = ink_width(l->lay, &ink);
}

int bs_text_fit(bs_text_line *l, bs_img_ctx *c, const char *text,
		const char *lang, double em, double min_em, double maxw)
{
	memset(l, 0, sizeof *l);
	if (maxw <= 0 || em <= 0)
		return -1;
	l->c = c;
	l->lay = new_layout(c, text, lang, em, &l->font);
	if (!l->lay)
		return -1;
	PangoRectangle ink;
	l->em = em;
	l->w = ink_width(l->lay, &ink);
	for (int tries = 0; tries < 7 && l->w > maxw && l->em > min_em; tries++)
		bs_text_resize(l, fmax(l->em * maxw / l->w * 0.99, min_em));
	if (l->w > maxw || l->w <= 0) {
		bs_text_free(l);
		return -1;
	}
	return 0;
}

void bs_text_free(bs_text_line *l)
{
	if (l->lay)
		g_object_unref(l->lay);
	memset(l, 0, sizeof *l);
}

/* ---- outlines ---- */

/* x rounded to hundredths, written as bs_buf_number writes that value
 * (no trailing zeros, no point for a whole number, never "-0"), with no
 * printf: an outline has thousands of them. */
static void hundredths(bs_buf *b, double x)
{
	double r = round(x * 100);
	if (!isfinite(r) || fabs(r) >= 1e15) { /* not a drawing's */
		bs_buf_number(b, r / 100 == 0 ? 0 : r / 100);
		return;
	}
	long long k = (long long)r;
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u =
	    k < 0 ? (unsigned long long)-k : (unsigned long long)k;
	int frac = (int)(u % 100);
	u /= 100;
	if (frac) {
		if (frac % 10)
			*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = '.';
	}
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (k < 0)
		*--p = '-';
	bs_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void pt(bs_buf *b, double x, double y)
{
	hundredths(b, x);
	bs_buf_putc(b, ' ');
	hundredths(b, y);
}

/* Path data of p moved by (dx, dy). */
static void write_path(bs_buf *out, cairo_path_t *p, double dx, double dy)
{
	for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
		cairo_path_data_t *d = &p->data[i];
		int n = d->header.type == CAIRO_PATH_CURVE_TO	  ? 3
			: d->header.type == CAIRO_PATH_CLOSE_PATH ? 0
								  : 1;
		bs_buf_putc(out, "MLCZ"[d->header.type]);
		for (int k = 1; k <= n; k++) {
			if (k > 1)
				bs_buf_putc(out, ' ');
			pt(out, d[k].point.x + dx, d[k].point.y + dy);
		}
	}
}

/* Path data of p, whose ink box is centred on the origin, bent onto the
 * bottom of a circle of radius r round (cx, cy): x runs along the arc
 * from left to right, y away from the centre, so the words stand upright
 * at the bottom and lean towards the centre on either side. */
static void write_arc(bs_buf *out, cairo_path_t *p, double dx, double dy,
		      double cx, double cy, double r)
{
	for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
		cairo_path_data_t *d = &p->data[i];
		int n = d->header.type == CAIRO_PATH_CURVE_TO	  ? 3
			: d->header.type == CAIRO_PATH_CLOSE_PATH ? 0
								  : 1;
		bs_buf_putc(out, "MLCZ"[d->header.type]);
		for (int k = 1; k <= n; k++) {
			double x = d[k].point.x + dx, y = d[k].point.y + dy;
			double a = G_PI / 2 - x / r, rr = r + y;
			if (k > 1)
				bs_buf_putc(out, ' ');
			pt(out, cx + rr * cos(a), cy + rr * sin(a));
		}
	}
}

void bs_text_outline(bs_buf *out, const bs_text_line *l,
		     const bs_text_setting *st)
{
	PangoRectangle ink;
	pango_layout_get_extents(l->lay, &ink, NULL);
	double w = (double)ink.width / PANGO_SCALE;
	double h = (double)ink.height / PANGO_SCALE;
	cairo_surface_t *rs =
	    cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, NULL);
	cairo_t *cr = cairo_create(rs);
	pango_cairo_layout_path(cr, l->lay);
	cairo_path_t *p = cairo_copy_path(cr);
	/* copied paths are in user space: the ink box goes to the origin */
	double dx = -w / 2 - (double)ink.x / PANGO_SCALE;
	double dy = -h / 2 - (double)ink.y / PANGO_SCALE;
	if (p->num_data > 0) {
		bs_buf_puts(out, "<path d=\"");
		if (st->r > 0)
			write_arc(out, p, dx, dy, st->cx, st->cy, st->r);
		else
			write_path(out, p, st->cx + dx, st->cy + dy);
		bs_buf_printf(out, "\" fill=\"%s\"", st->colour);
		if (st->outline) {
			bs_buf_printf(out, " stroke=\"%s\" stroke-width=\"",
				      st->outline);
			bs_buf_number(out, round(st->stroke * 100) / 100);
			bs_buf_puts(out, "\" stroke-linejoin=\"round\" "
					 "paint-order=\"stroke\"");
		}
		bs_buf_puts(out, "/>\n");
	}
	cairo_path_destroy(p);
	cairo_destroy(cr);
	cairo_surface_destroy(rs);
}
