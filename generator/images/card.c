/* card.c: a social card, 1200 x 630: a pale ground, the badge's image on
 * the left, its name (wrapped), issuer and the site's title on the right
 * (the other way round in a right-to-left language); the site's card
 * sets the site's title and description alone. */
#include "images/card.h"

#include "base/alloc.h"
#include "base/lang.h"
#include "images/png.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdlib.h>

int bs_card_png(bs_buf *out, bs_img_ctx *c, const bs_card *card,
		const bs_img_meta *m, bs_diags *d)
{
	cairo_surface_t *s = cairo_image_surface_create(
	    CAIRO_FORMAT_ARGB32, BS_CARD_WIDTH, BS_CARD_HEIGHT);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0xf4 / 255.0, 0xf6 / 255.0, 0xf9 / 255.0);
	cairo_paint(cr);
	/* a band along the foot, where the site's title goes */
	cairo_set_source_rgb(cr, 0x0a / 255.0, 0x1f / 255.0, 0x44 / 255.0);
	cairo_rectangle(cr, 0, BS_CARD_HEIGHT - 90, BS_CARD_WIDTH, 90);
	cairo_fill(cr);
	int rc = BS_OK;
	int rtl = bs_lang_rtl(card->language);
	double x = 80, w = BS_CARD_WIDTH - 160;
	if (card->svg) {
		GError *ge = NULL;
		RsvgHandle *h = rsvg_handle_new_from_data(
		    (const guint8 *)card->svg, card->svg_len, &ge);
		RsvgRectangle vp = {rtl ? BS_CARD_WIDTH - 70 - 440 : 70, 50,
				    440, 440};
		if (!h || !rsvg_handle_render_document(h, cr, &vp, &ge))
			rc = bs_diag_file(d, BS_ERROR, NULL, 0, 0,
					  "cannot draw a social card: %s",
					  ge ? ge->message : "no image");
		if (ge)
			g_error_free(ge);
		if (h)
			g_object_unref(h);
		x = rtl ? 70 : 570, w = BS_CARD_WIDTH - 570 - 70;
	}
	double y = card->svg ? 110 : 120;
	const char *lang = card->language;
	y += bs_img_text(c, cr, card->title, lang, x, y, w, card->svg ? 58 : 72,
			 3, "#111827");
	bs_img_text(c, cr, card->line, lang, x, y + 24, w, card->svg ? 32 : 34,
		    card->svg ? 2 : 4, "#374151");
	if (card->foot) {
		/* the site's card ends with its address: left to right, even
		 * on a right-to-left card (a left-to-right isolate) */
		char *foot = card->svg || !rtl
				 ? bs_xstrdup(card->foot)
				 : bs_xasprintf("\u2066%s\u2069", card->foot);
		bs_img_text(c, cr, foot, lang, 70, BS_CARD_HEIGHT - 68,
			    BS_CARD_WIDTH - 140, 30, 1, "#ffffff");
		free(foot);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (!rc)
		bs_png_encode(out, cairo_image_surface_get_data(s),
			      cairo_image_surface_get_stride(s), BS_CARD_WIDTH,
			      BS_CARD_HEIGHT, 0, -1, m);
	cairo_surface_destroy(s);
	return rc;
}
