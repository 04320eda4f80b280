/* svg.c: the badge drawing: shape, fill, ring, marking band, stars, icon
 * and label laid out on the spec's canvas; words are shaped by pango with
 * only the spec's font and written as outline paths. Owns bs_img_ctx. */
#include "images/svg.h"

#include "base/alloc.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BS_PI 3.14159265358979323846

struct bs_img_ctx {
	FcConfig *cfg;
	PangoFontMap *fm;
	PangoContext *pc;
	PangoFontDescription *font;
};

bs_img_ctx *bs_img_ctx_new(const bs_vlang *vl)
{
	bs_img_ctx *c = bs_xcalloc(1, sizeof *c);
	if (!vl || !vl->font_family)
		return c;
	/* a private fontconfig holding exactly the spec's font, so output
	 * never depends on what else is installed */
	c->cfg = FcConfigCreate();
	FcConfigAppFontAddFile(c->cfg, (const FcChar8 *)vl->font_file);
	c->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->fm), c->cfg);
	c->pc = pango_font_map_create_context(c->fm);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(c->pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c->pc, FALSE);
	pango_context_set_base_dir(c->pc, PANGO_DIRECTION_LTR);
	PangoLanguage *lang = pango_language_from_string("en");
	pango_context_set_language(c->pc, lang);
	c->font = pango_font_description_new();
	pango_font_description_set_family(c->font, vl->font_family);
	return c;
}

void bs_img_ctx_free(bs_img_ctx *c)
{
	if (!c)
		return;
	if (c->font)
		pango_font_description_free(c->font);
	if (c->pc)
		g_object_unref(c->pc);
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

double bs_img_text(bs_img_ctx *c, struct _cairo *cr, const char *text, double x,
		   double y, double width, double size, int lines,
		   const char *colour)
{
	if (!c->pc || !text || !text[0])
		return 0;
	PangoLayout *lay = pango_layout_new(c->pc);
	pango_layout_set_text(lay, text, -1);
	pango_font_description_set_absolute_size(c->font, size * PANGO_SCALE);
	pango_layout_set_font_description(lay, c->font);
	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(lay, -lines);
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
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

/* ---- numbers and colours ---- */

static void num2(bs_buf *b, double v)
{
	v = round(v * 100) / 100;
	if (v == 0)
		v = 0;
	bs_buf_number(b, v);
}

static void num4(bs_buf *b, double v)
{
	v = round(v * 10000) / 10000;
	if (v == 0)
		v = 0;
	bs_buf_number(b, v);
}

static void pt(bs_buf *b, double x, double y)
{
	num2(b, x);
	bs_buf_putc(b, ' ');
	num2(b, y);
}

static double channel(int c)
{
	double v = c / 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(const char *hex)
{
	unsigned r = 0, g = 0, b = 0;
	for (int i = 1; i < 7; i++) {
		unsigned h = (unsigned)(hex[i] <= '9' ? hex[i] - '0'
						      : hex[i] - 'a' + 10);
		if (i < 3)
			r = r * 16 + h;
		else if (i < 5)
			g = g * 16 + h;
		else
			b = b * 16 + h;
	}
	return 0.2126 * channel((int)r) + 0.7152 * channel((int)g) +
	       0.0722 * channel((int)b);
}

static double contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* The darker end of a fill. */
static const char *dark_end(const bs_vl_value *fill)
{
	return fill->to[0] && luminance(fill->to) < luminance(fill->from)
		   ? fill->to
		   : fill->from;
}

/* The colour for words on the accent band: the fill's colour when it
 * reads well there (WCAG 4.5:1), else near-black or white. */
static const char *band_ink(const char *accent, const bs_vl_value *fill)
{
	const char *f = dark_end(fill);
	if (contrast(f, accent) >= 4.5)
		return f;
	return contrast("#1a1a1a", accent) >= contrast("#ffffff", accent)
		   ? "#1a1a1a"
		   : "#ffffff";
}

/* ---- fitting ---- */

/* Half the shape's width available around the centre between y0 and y1. */
static double half_width(const bs_vlang *vl, const bs_vl_shape *sh, double y0,
			 double y1)
{
	int r0 = (int)floor(y0 / vl->size * BS_VL_MASK);
	int r1 = (int)ceil(y1 / vl->size * BS_VL_MASK);
	double h = vl->size;
	for (int r = r0 < 0 ? 0 : r0; r <= r1 && r < BS_VL_MASK; r++)
		h = fmin(h, sh->half[r]);
	return r0 < 0 || r1 >= BS_VL_MASK ? 0 : h;
}

/* ---- words as outlines ---- */

/* Path data of p moved by (dx, dy). */
static void write_path(bs_buf *out, cairo_path_t *p, double dx, double dy)
{
	for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
		cairo_path_data_t *d = &p->data[i];
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			bs_buf_putc(out, 'M');
			pt(out, d[1].point.x + dx, d[1].point.y + dy);
			break;
		case CAIRO_PATH_LINE_TO:
			bs_buf_putc(out, 'L');
			pt(out, d[1].point.x + dx, d[1].point.y + dy);
			break;
		case CAIRO_PATH_CURVE_TO:
			bs_buf_putc(out, 'C');
			for (int k = 1; k <= 3; k++) {
				if (k > 1)
					bs_buf_putc(out, ' ');
				pt(out, d[k].point.x + dx, d[k].point.y + dy);
			}
			break;
		case CAIRO_PATH_CLOSE_PATH: bs_buf_putc(out, 'Z'); break;
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
			double a = BS_PI / 2 - x / r, rr = r + y;
			if (k > 1)
				bs_buf_putc(out, ' ');
			pt(out, cx + rr * cos(a), cy + rr * sin(a));
		}
	}
}

/* text shaped at the largest size from em down to min_em at which its
 * ink is at most maxw wide: the layout (caller unrefs) with *em and *ink
 * set, or NULL when the text is empty or does not fit. */
static PangoLayout *fit(bs_img_ctx *c, const char *text, double *em,
			double min_em, double maxw, PangoRectangle *ink)
{
	if (!c->pc || !text[0] || maxw <= 0 || *em <= 0)
		return NULL;
	PangoLayout *lay = pango_layout_new(c->pc);
	pango_layout_set_text(lay, text, -1);
	for (int tries = 0; tries < 8; tries++) {
		pango_font_description_set_absolute_size(c->font,
							 *em * PANGO_SCALE);
		pango_layout_set_font_description(lay, c->font);
		pango_layout_get_extents(lay, ink, NULL);
		double w = (double)ink->width / PANGO_SCALE;
		if (w <= maxw)
			break;
		if (*em <= min_em)
			break; /* measured at the least size: no room */
		*em = fmax(*em * maxw / w * 0.99, min_em);
	}
	double w = (double)ink->width / PANGO_SCALE;
	if (w > maxw || w <= 0) {
		g_object_unref(lay);
		*em = 0;
		return NULL;
	}
	return lay;
}

/* How a line of words is set: centred on (cx, cy) or, when r > 0, bent
 * onto the bottom of the circle of radius r round (cx, cy); filled with
 * colour and, when outline is set, stroked in it underneath. */
typedef struct setting {
	double cx, cy, r;
	const char *colour, *outline;
	double stroke;
} setting;

/* Append the <path> outlines of lay as st says. */
static void set_words(bs_buf *out, PangoLayout *lay, const PangoRectangle *ink,
		      const setting *st)
{
	double w = (double)ink->width / PANGO_SCALE;
	double h = (double)ink->height / PANGO_SCALE;
	cairo_surface_t *rs =
	    cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, NULL);
	cairo_t *cr = cairo_create(rs);
	pango_cairo_layout_path(cr, lay);
	cairo_path_t *p = cairo_copy_path(cr);
	/* copied paths are in user space: the ink box goes to the origin */
	double dx = -w / 2 - (double)ink->x / PANGO_SCALE;
	double dy = -h / 2 - (double)ink->y / PANGO_SCALE;
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
			num2(out, st->stroke);
			bs_buf_puts(out, "\" stroke-linejoin=\"round\" "
					 "paint-order=\"stroke\"");
		}
		bs_buf_puts(out, "/>\n");
	}
	cairo_path_destroy(p);
	cairo_destroy(cr);
	cairo_surface_destroy(rs);
}

/* Shape text and append <path> outlines centred on (cx, cy), the font
 * shrunk from em until the ink is at most maxw wide. Nothing when the
 * text is empty or there is no room. */
static double words(bs_buf *out, bs_img_ctx *c, const char *text,
		    const char *colour, double cx, double cy, double em,
		    double maxw)
{
	PangoRectangle ink;
	PangoLayout *lay = fit(c, text, &em, 0, maxw, &ink);
	if (!lay)
		return 0;
	setting st = {cx, cy, 0, colour, NULL, 0};
	set_words(out, lay, &ink, &st);
	g_object_unref(lay);
	return em;
}

/* Is the point (x, y) at least pad inside the shape's outline? */
static int inside(const bs_vlang *vl, const bs_vl_shape *sh, double x, double y,
		  double pad)
{
	return fabs(x - vl->size / 2) <= half_width(vl, sh, y - 1, y + 1) - pad;
}

/* Where the caption goes between the band's bottom (top) and the lowest
 * point words may reach (bottom), at font size em: sets st's centre (and
 * radius, for an arc) and returns the length the words may take, 0 when
 * there is no room. The arc is concentric with the canvas, as low as the
 * shape allows, and no wider than keeps both ends of the words inside
 * the shape and below the band. */
static double caption_room(const bs_vlang *vl, const bs_vl_shape *sh, int place,
			   double top, double bottom, double pad, double em,
			   setting *st)
{
	const double S = vl->size, h = 1.1 * em;
	if (bottom - top < h)
		return 0;
	if (place == BS_VL_BAND) {
		st->cy = (top + bottom) / 2;
		return 2 * (half_width(vl, sh, st->cy - h / 2, st->cy + h / 2) -
			    pad);
	}
	/* the arc that leaves the words the most room, the lowest of
	 * equals: round the canvas centre, or a flatter one round a centre
	 * above it where a pointed shape leaves little room low down */
	double best = 0;
	for (int flat = 0; flat < 3; flat++) {
		double cy = S / 2 - flat * 0.35 * S;
		for (double r = bottom - h / 2 - cy; r >= top + h - cy;
		     r -= 0.005 * S) {
			double ri = r - h / 2, ro = r + h / 2, t = 0;
			/* widen a degree at a time while both ends fit */
			for (int deg = 1; deg <= 80; deg++) {
				double a = deg * BS_PI / 180;
				if (cy + ri * cos(a) < top + 0.01 * S ||
				    !inside(vl, sh, S / 2 + ro * sin(a),
					    cy + ro * cos(a), pad) ||
				    !inside(vl, sh, S / 2 + ri * sin(a),
					    cy + ri * cos(a), pad))
					break;
				t = a;
			}
			if (2 * t * r > best + 0.02 * S) {
				best = 2 * t * r;
				st->r = r;
				st->cy = cy;
			}
		}
	}
	return best;
}

/* ---- the drawing ---- */

static void star(bs_buf *out, double cx, double cy, double r)
{
	for (int k = 0; k < 10; k++) {
		double a = -BS_PI / 2 + k * BS_PI / 5;
		double rr = k % 2 ? r * 0.45 : r;
		bs_buf_putc(out, k ? 'L' : 'M');
		pt(out, cx + rr * cos(a), cy + rr * sin(a));
	}
	bs_buf_putc(out, 'Z');
}

/* An id prefix unique to the badge, so several SVGs can share a page. */
static void id_prefix(bs_buf *b, const json_t *facts)
{
	const char *id = json_string_value(json_object_get(facts, "id"));
	bs_buf_puts(b, "bs-");
	for (const char *p = id ? id : ""; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-')
			bs_buf_putc(b, *p);
}

static void note(bs_svg_info *info, const char *what, int n)
{
	if (!info || n <= 0)
		return;
	size_t len = strlen(info->names);
	snprintf(info->names + len, sizeof info->names - len, "%s%s",
		 len ? ", " : "", what);
	info->elements += n;
}

static void note_words(bs_svg_words *w, const char *text, const char *ink,
		       const char *bg0, const char *bg1, double em0, double em)
{
	snprintf(w->text, sizeof w->text, "%s", text);
	snprintf(w->ink, sizeof w->ink, "%s", ink);
	snprintf(w->bg[0], sizeof w->bg[0], "%s", bg0);
	snprintf(w->bg[1], sizeof w->bg[1], "%s", bg1 && bg1[0] ? bg1 : bg0);
	w->em0 = em0;
	w->em = em;
}

/* The fingerprint of a drawing: its n bytes at p, less every mention of
 * the badge's id prefix, so two badges that draw the same match. */
static void fingerprint(bs_svg_info *info, const char *p, size_t n,
			const char *prefix)
{
	bs_key k;
	bs_key_init(&k);
	size_t pl = strlen(prefix);
	const char *end = p + n;
	while (p < end) {
		const char *hit = strstr(p, prefix);
		if (!hit || hit >= end)
			hit = end;
		bs_key_add(&k, p, (size_t)(hit - p));
		p = hit + (hit < end ? pl : 0);
	}
	info->look[0] = k.a;
	info->look[1] = k.b;
}

int bs_svg_draw(bs_buf *out, char **alt, bs_img_ctx *c, const bs_vlang *vl,
		const json_t *facts, bs_diags *d)
{
	return bs_svg_draw_info(out, alt, c, vl, facts, NULL, d);
}

int bs_svg_draw_info(bs_buf *out, char **alt, bs_img_ctx *c, const bs_vlang *vl,
		     const json_t *facts, bs_svg_info *info, bs_diags *d)
{
	*alt = NULL;
	if (info)
		memset(info, 0, sizeof *info);
	const bs_vl_value *v[BS_VL_NCHAN];
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		int why;
		v[ch] = bs_vl_resolve(vl, ch, facts, &why);
		if (why) {
			const char *id =
			    json_string_value(json_object_get(facts, "id"));
			return bs_diag_file(d, BS_ERROR, NULL, 0, 0,
					    "badge '%s': no %s in the visual "
					    "language",
					    id ? id : "?",
					    bs_vl_channel_names[ch]);
		}
	}
	const double S = vl->size;
	const bs_vl_shape *sh = &vl->shapes[v[BS_VL_SHAPE]->index];
	/* The layout is set for a shape as tall as the canvas; a flatter
	 * one (a landscape capsule) gets it squeezed into its own height,
	 * marks shrunk by the same factor k and words by less, as a wide
	 * shape has room for them. */
	int r0 = 0, r1 = BS_VL_MASK - 1;
	while (r0 < r1 && sh->half[r0] <= 0)
		r0++;
	while (r1 > r0 && sh->half[r1] <= 0)
		r1--;
	double top = r0 * S / BS_VL_MASK, bot = (r1 + 1) * S / BS_VL_MASK;
	double inner = S - 2 * vl->margin;
	double k = fmin(1, fmax(0.5, (bot - top) / inner));
	if (k > 0.97) /* full height: keep the canvas layout exactly */
		top = vl->margin, bot = S - vl->margin, k = 1;
#define AT(f) (top + ((f)*S - vl->margin) / inner * (bot - top))
	const bs_vl_value *fill = v[BS_VL_FILL];
	const char *accent =
	    v[BS_VL_ACCENT] ? v[BS_VL_ACCENT]->from : "#ffffff";
	const char *ink = v[BS_VL_INK] ? v[BS_VL_INK]->from : "#ffffff";
	double ring = v[BS_VL_BORDER] ? v[BS_VL_BORDER]->num : 0;
	const char *name = json_string_value(json_object_get(facts, "name"));
	if (!name)
		name = "";

	bs_buf desc = BS_BUF_INIT, text = BS_BUF_INIT, id = BS_BUF_INIT;
	bs_vl_expand(&desc, vl, vl->describe, facts);
	bs_buf_printf(&text, "%s badge. %s", name, desc.ptr);
	id_prefix(&id, facts);

	bs_buf_puts(out,
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	bs_buf_number(out, S);
	bs_buf_putc(out, ' ');
	bs_buf_number(out, S);
	bs_buf_puts(out, "\" width=\"");
	bs_buf_number(out, S);
	bs_buf_puts(out, "\" height=\"");
	bs_buf_number(out, S);
	bs_buf_puts(out, "\" role=\"img\" aria-label=\"");
	bs_buf_xml(out, text.ptr, text.len);
	bs_buf_puts(out, "\">\n<title>");
	bs_buf_xml(out, name, strlen(name));
	bs_buf_puts(out, "</title>\n<desc>");
	bs_buf_xml(out, desc.ptr, desc.len);
	bs_buf_puts(out, "</desc>\n");
	size_t body = out->len; /* the drawing, for its fingerprint */
	bs_buf_puts(out, "<defs>\n");
	if (fill->to[0]) {
		double a = fill->angle * BS_PI / 180;
		bs_buf_printf(out, "<linearGradient id=\"%s-fill\" x1=\"",
			      id.ptr);
		num2(out, 0.5 - cos(a) / 2);
		bs_buf_puts(out, "\" y1=\"");
		num2(out, 0.5 - sin(a) / 2);
		bs_buf_puts(out, "\" x2=\"");
		num2(out, 0.5 + cos(a) / 2);
		bs_buf_puts(out, "\" y2=\"");
		num2(out, 0.5 + sin(a) / 2);
		bs_buf_printf(out,
			      "\"><stop offset=\"0\" stop-color=\"%s\"/>"
			      "<stop offset=\"1\" stop-color=\"%s\"/>"
			      "</linearGradient>\n",
			      fill->from, fill->to);
	}
	bs_buf_printf(out,
		      "<clipPath id=\"%s-clip\"><path d=\"%s\"/></clipPath>\n",
		      id.ptr, sh->d);
	bs_buf_puts(out, "</defs>\n");

	/* 1. shape and fill */
	bs_buf_printf(out, "<path d=\"%s\" fill=\"", sh->d);
	if (fill->to[0])
		bs_buf_printf(out, "url(#%s-fill)", id.ptr);
	else
		bs_buf_puts(out, fill->from);
	bs_buf_puts(out, "\"/>\n");
	note(info, "shape", 1);

	/* 2. the marking band, under the ring so the rim stays whole */
	const char *mark = v[BS_VL_MARKING] ? v[BS_VL_MARKING]->text : "";
	double by0 = AT(0.635), by1 = AT(0.765);
	if (mark[0]) {
		bs_buf_printf(out, "<rect x=\"0\" y=\"");
		num2(out, by0);
		bs_buf_puts(out, "\" width=\"");
		bs_buf_number(out, S);
		bs_buf_puts(out, "\" height=\"");
		num2(out, by1 - by0);
		bs_buf_printf(out,
			      "\" fill=\"%s\" clip-path=\"url(#%s-clip)\"/>\n",
			      accent, id.ptr);
		note(info, "band", 1);
	}

	/* 3. the ring: a stroke twice as wide, clipped to the shape */
	if (ring > 0) {
		bs_buf_printf(out,
			      "<path d=\"%s\" fill=\"none\" stroke=\"%s\" "
			      "stroke-width=\"",
			      sh->d, accent);
		num2(out, 2 * ring);
		bs_buf_printf(out, "\" clip-path=\"url(#%s-clip)\"/>\n",
			      id.ptr);
		note(info, "ring", 1);
	}
	/* words and marks keep this far from the rim */
	double pad = ring + 0.035 * S;

	/* 4. stars */
	int nstars = v[BS_VL_STARS] ? (int)v[BS_VL_STARS]->num : 0;
	if (nstars > 0) {
		double r = 0.036 * S * k, cy = AT(0.2), gap = 2.4 * r;
		double room = half_width(vl, sh, cy - r, cy + r) - pad;
		double need = (nstars - 1) * gap / 2 + r;
		if (need > room && room > 0) {
			r *= room / need;
			gap *= room / need;
		}
		if (room > 0) {
			bs_buf_puts(out, "<path d=\"");
			for (int i = 0; i < nstars; i++)
				star(out,
				     S / 2 + (i - (nstars - 1) / 2.0) * gap, cy,
				     r);
			bs_buf_printf(out, "\" fill=\"%s\"/>\n", accent);
			char what[24];
			snprintf(what, sizeof what, "%d star%s", nstars,
				 nstars == 1 ? "" : "s");
			note(info, what, nstars);
		}
	}

	/* 5. icon, fitted into a square box */
	if (v[BS_VL_ICON]) {
		const bs_icon *ic = &vl->icons[v[BS_VL_ICON]->index];
		double box = 0.27 * S * k, cy = AT(0.385);
		double room =
		    2 * (half_width(vl, sh, cy - box / 2, cy + box / 2) - pad);
		if (room < box)
			box = room;
		if (box > 0) {
			double s = box / fmax(ic->w, ic->h);
			bs_buf_puts(out, "<g transform=\"translate(");
			num2(out, S / 2 - s * (ic->x + ic->w / 2));
			bs_buf_putc(out, ' ');
			num2(out, cy - s * (ic->y + ic->h / 2));
			bs_buf_puts(out, ") scale(");
			num4(out, s);
			bs_buf_printf(out,
				      ")\" fill=\"%s\" color=\"%s\">%s</g>\n",
				      ink, ink, ic->svg);
			note(info, "icon", 1);
		}
	}

	/* 6. label (from its template) */
	if (v[BS_VL_LABEL]) {
		bs_buf lab = BS_BUF_INIT;
		bs_vl_expand(&lab, vl, v[BS_VL_LABEL]->text, facts);
		double cy = AT(0.575), em = 0.075 * S * fmin(1, 1.3 * k);
		double room =
		    2 * (half_width(vl, sh, cy - em / 2, cy + em / 2) - pad);
		double got = words(out, c, lab.ptr, ink, S / 2, cy, em, room);
		if (info && lab.len) {
			note_words(&info->label, lab.ptr, ink, fill->from,
				   fill->to, em, got);
			note(info, "label", got > 0);
		}
		bs_buf_free(&lab);
	}

	/* 7. marking words on the band */
	if (mark[0]) {
		double cy = (by0 + by1) / 2,
		       em = fmin(0.082 * S * fmin(1, 1.3 * k),
				 0.7 * (by1 - by0));
		double room = 2 * (half_width(vl, sh, by0, by1) - pad);
		const char *bi = band_ink(accent, fill);
		double got = words(out, c, mark, bi, S / 2, cy, em, room);
		if (info) {
			note_words(&info->marking, mark, bi, accent, NULL, em,
				   got);
			note(info, "marking", got > 0);
		}
	}
	/* 8. the caption, outlined, below the band */
	if (v[BS_VL_CAPTION]) {
		bs_buf cap = BS_BUF_INIT;
		bs_vl_expand(&cap, vl, v[BS_VL_CAPTION]->text, facts);
		const bs_vl_channel *cc = &vl->ch[BS_VL_CAPTION];
		double em0 = cc->max_size * fmin(1, 1.3 * k);
		double emin = fmin(cc->min_size, em0);
		double bottom = bot - pad;
		double got = 0;
		setting st = {S / 2, 0, 0, ink, dark_end(fill), 0};
		/* words take room in proportion to their size, and a smaller
		 * size leaves a longer arc: the largest size that fits */
		PangoRectangle box;
		double em = em0;
		PangoLayout *lay = fit(c, cap.ptr, &em, em0, 1e9, &box);
		double w0 = lay ? (double)box.width / PANGO_SCALE : 0;
		for (em = em0; lay && em > 0; em *= 0.96) {
			if (em < emin)
				em = emin;
			double room = caption_room(vl, sh, cc->place, by1,
						   bottom, pad, em, &st);
			if (w0 * em / em0 <= room * 0.99) {
				got = em;
				break;
			}
			if (em == emin)
				break;
		}
		if (got > 0) {
			pango_font_description_set_absolute_size(
			    c->font, got * PANGO_SCALE);
			pango_layout_set_font_description(lay, c->font);
			pango_layout_get_extents(lay, &box, NULL);
			st.stroke = 0.14 * got;
			set_words(out, lay, &box, &st);
		}
		if (lay)
			g_object_unref(lay);
		if (info && cap.len) {
			/* the outline is what the letters stand out from */
			note_words(&info->caption, cap.ptr, ink, st.outline,
				   NULL, emin, got);
			note(info, "caption", got > 0);
		}
		bs_buf_free(&cap);
	}
#undef AT
	if (info)
		fingerprint(info, out->ptr + body, out->len - body, id.ptr);
	bs_buf_puts(out, "</svg>\n");
	*alt = bs_buf_detach(&text);
	bs_buf_free(&desc);
	bs_buf_free(&id);
	return BS_OK;
}
