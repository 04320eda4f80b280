/* svg.c: the badge drawing: shape, fill, ring, marking band, stars, icon
 * and label laid out on the spec's canvas; words (images/text.c) in the
 * font and direction of the badge's language, as outline paths. */
#include "images/svg.h"

#include "base/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BS_PI 3.14159265358979323846

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

/* ---- words ---- */

/* Shape text in lang and append <path> outlines centred on (cx, cy), the
 * font shrunk from em until the ink is at most maxw wide. Nothing when the
 * text is empty or there is no room. Returns the size it got, or 0. */
static double words(bs_buf *out, bs_img_ctx *c, const char *text,
		    const char *lang, const char *colour, double cx, double cy,
		    double em, double maxw)
{
	bs_text_line l;
	if (bs_text_fit(&l, c, text, lang, em, 0, maxw))
		return 0;
	bs_text_setting st = {cx, cy, 0, colour, NULL, 0};
	bs_text_outline(out, &l, &st);
	em = l.em;
	bs_text_free(&l);
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
			   bs_text_setting *st)
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

static void note_words(bs_svg_words *w, const bs_font *font, const char *text,
		       const char *ink, const char *bg0, const char *bg1,
		       double em0, double em)
{
	snprintf(w->text, sizeof w->text, "%s", text);
	w->missing = bs_font_missing(font, text);
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
	/* the words' language picks their font and direction */
	const char *lang =
	    json_string_value(json_object_get(facts, "language"));
	const bs_font *font = bs_fonts_for(&vl->fonts, lang);

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
		double got =
		    words(out, c, lab.ptr, lang, ink, S / 2, cy, em, room);
		if (info && lab.len) {
			note_words(&info->label, font, lab.ptr, ink, fill->from,
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
		double got = words(out, c, mark, lang, bi, S / 2, cy, em, room);
		if (info) {
			note_words(&info->marking, font, mark, bi, accent, NULL,
				   em, got);
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
		bs_text_setting st = {S / 2, 0, 0, ink, dark_end(fill), 0};
		/* words take room in proportion to their size, and a smaller
		 * size leaves a longer arc: the largest size that fits */
		bs_text_line l;
		int shaped =
		    bs_text_fit(&l, c, cap.ptr, lang, em0, em0, 1e9) == 0;
		double w0 = shaped ? l.w : 0;
		for (double em = em0; shaped && em > 0; em *= 0.96) {
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
			bs_text_resize(&l, got);
			st.stroke = 0.14 * got;
			bs_text_outline(out, &l, &st);
		}
		if (shaped)
			bs_text_free(&l);
		if (info && cap.len) {
			/* the outline is what the letters stand out from */
			note_words(&info->caption, font, cap.ptr, ink,
				   st.outline, NULL, emin, got);
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
