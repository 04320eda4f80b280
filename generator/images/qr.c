/* qr.c: a QR code as SVG. */
#include "images/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

#define QUIET 4 /* the quiet zone, in modules (ISO/IEC 18004) */

int bs_qr_svg(bs_buf *out, const char *text, const char *label, int html,
	      const char *path, bs_diags *d)
{
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!q && !d)
		return BS_ECONTENT;
	if (!q)
		return bs_diag_file(d, BS_ERROR, path, 0, 0,
				    "cannot draw the QR code of '%s': %s", text,
				    strerror(errno));
	int w = q->width, n = w + 2 * QUIET;
	if (!html)
		bs_buf_puts(out,
			    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	bs_buf_printf(out,
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		      "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\"",
		      n, n);
	if (html) {
		bs_buf_puts(out, " class=\"qr\" role=\"img\" aria-label=\"");
		bs_buf_html(out, label, strlen(label));
		bs_buf_puts(out, "\">");
	} else {
		bs_buf_puts(out, ">\n<title>");
		bs_buf_html(out, label, strlen(label));
		bs_buf_puts(out, "</title>\n");
	}
	bs_buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>",
		      n, n);
	bs_buf_puts(out, "<path fill=\"#000\" d=\"");
	/* each run of dark modules in a row is one rectangle */
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			bs_buf_printf(out, "M%d %dh%dv1h-%dz", x + QUIET,
				      y + QUIET, run, run);
			x += run;
		}
	}
	bs_buf_puts(out, "\"/></svg>");
	if (!html)
		bs_buf_putc(out, '\n');
	QRcode_free(q);
	return BS_OK;
}
