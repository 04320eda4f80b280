/* card.h: the social card of a badge or of the site (og:image): a
 * 1200 x 630 PNG with the badge's image on the left and its name, issuer
 * and the site's title beside it (mirrored for a right-to-left language),
 * drawn with cairo, librsvg and pango. */
#ifndef BS_CARD_H
#define BS_CARD_H

#include "base/buf.h"
#include "base/diag.h"
#include "images/meta.h"
#include "images/svg.h"

#define BS_CARD_WIDTH 1200
#define BS_CARD_HEIGHT 630

/* What a card shows; strings borrowed. */
typedef struct bs_card {
	const char *svg; /* the badge's image, or NULL for the site's card */
	size_t svg_len;
	const char *title;    /* the badge's name, or the site's title */
	const char *line;     /* its issuer, or the site's description */
	const char *foot;     /* the site's title, or NULL */
	const char *language; /* of the words: their font and direction; a
				 right-to-left card is mirrored */
} bs_card;

/* Append the card's PNG, with m as its text chunks, to out. c is the
 * calling thread's image context (its font). Returns BS_OK, or
 * BS_ECONTENT when the badge's image cannot be drawn. */
int bs_card_png(bs_buf *out, bs_img_ctx *c, const bs_card *card,
		const bs_img_meta *m, bs_diags *d);

#endif
