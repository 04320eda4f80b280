/* qr.h: a QR code drawn as SVG, with libqrencode (the only file that
 * includes it). Whole modules on a white square with a quiet zone of
 * four modules, one path of rectangles with crisp edges, so it prints
 * and scans at any size. The same text always gives the same bytes. */
#ifndef BS_QR_H
#define BS_QR_H

#include "base/buf.h"
#include "base/diag.h"

/* Append to out the QR code of text (8-bit mode, error correction M, the
 * smallest version that holds it). label is its accessible name: with
 * html set, an <svg> element to write inside an HTML page (role="img",
 * aria-label="label"); else a standalone SVG file (an XML declaration and
 * a <title>). Returns BS_OK, or BS_ECONTENT (reported, at path) when the
 * text cannot be encoded (longer than a QR code holds; with d NULL,
 * not reported). */
int bs_qr_svg(bs_buf *out, const char *text, const char *label, int html,
	      const char *path, bs_diags *d);

#endif
