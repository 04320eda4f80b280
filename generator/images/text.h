/* text.h: words for images: the per-thread drawing context (a private
 * fontconfig holding only the spec's fonts, with its pango font map) and
 * lines of words shaped by pango in the font, language and direction of
 * their language, fitted to a width and written as outline paths, straight
 * or bent onto an arc. */
#ifndef BS_TEXT_H
#define BS_TEXT_H

#include "base/buf.h"
#include "images/vlang.h"

/* Per-thread drawing state; a NULL vl gives a context that draws nothing.
 * Made on a thread's first use, freed with bs_img_ctx_free. */
typedef struct bs_img_ctx bs_img_ctx;
bs_img_ctx *bs_img_ctx_new(const bs_vlang *vl);
void bs_img_ctx_free(bs_img_ctx *c);

/* Draw text in language lang (a tag, or NULL) on cr (a cairo context) with
 * the language's font at size pixels, its first line's top at y, wrapped
 * at width into at most lines lines (the last ellipsised), filled in colour
 * ("#rrggbb"): from x on for a left-to-right language, ending at x + width
 * for a right-to-left one. Returns the height the lines took. For pictures
 * other than badges (images/card.c). */
struct _cairo;
double bs_img_text(bs_img_ctx *c, struct _cairo *cr, const char *text,
		   const char *lang, double x, double y, double width,
		   double size, int lines, const char *colour);

/* One line of words, shaped: the words in visual order, so a
 * right-to-left line starts at the right. */
struct _PangoLayout;
typedef struct bs_text_line {
	struct _PangoLayout *lay;
	const bs_img_ctx *c;
	size_t font; /* which of the spec's fonts */
	double em;   /* its size, pixels */
	double w;    /* the width of its ink at em */
} bs_text_line;

/* Shape text in lang at the largest size from em down to min_em at which
 * its ink is at most maxw wide. Returns 0 with *l filled (free with
 * bs_text_free), or -1 when the text is empty or does not fit (nothing
 * to free). */
int bs_text_fit(bs_text_line *l, bs_img_ctx *c, const char *text,
		const char *lang, double em, double min_em, double maxw);
/* Set l at size em. */
void bs_text_resize(bs_text_line *l, double em);
void bs_text_free(bs_text_line *l);

/* How a line is set: its ink centred on (cx, cy) or, when r > 0, bent
 * onto the bottom of the circle of radius r round (cx, cy), left to right
 * as pango set it; filled with colour and, when outline is set, stroked
 * in it (stroke wide) underneath. */
typedef struct bs_text_setting {
	double cx, cy, r;
	const char *colour, *outline;
	double stroke;
} bs_text_setting;

/* Append l's <path> (nothing when it has no ink) as st says. */
void bs_text_outline(bs_buf *out, const bs_text_line *l,
		     const bs_text_setting *st);

#endif
