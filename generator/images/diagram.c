/* diagram.c: drawing a stacking diagram as SVG text. */
#include "images/diagram.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#define ROW 44	 /* a box's height and the gap below it */
#define BOX_H 32 /* a box's height */
#define GAP 72	 /* between two columns, for the arrows */
#define CHAR_W 7 /* an average character at 13 px, for the box width */
#define FONT 13

/* The width of a label in its box, by its characters (UTF-8 lead bytes). */
static double text_width(const char *s)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	return (double)chars * CHAR_W;
}

typedef struct node {
	int col;
	double y;
	size_t key; /* order in its column: by what it counts towards */
} node;

typedef struct place {
	int col;
	size_t key, i;
} place;

static int cmp_places(const void *a, const void *b)
{
	const place *x = a, *y = b;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void bs_diagram_svg(bs_buf *out, const char *const *labels, size_t n,
		    const bs_dgm_edge *edges, size_t ne, const char *label)
{
	if (!ne || !n)
		return;
	node *v = bs_xcalloc(n, sizeof *v);
	/* columns: a whole one right of its deepest part (n rounds are
	 * enough without loops, and end the walk even with one) */
	for (size_t round = 0; round < n; round++) {
		int moved = 0;
		for (size_t e = 0; e < ne; e++)
			if (v[edges[e].to].col < v[edges[e].from].col + 1) {
				v[edges[e].to].col = v[edges[e].from].col + 1;
				moved = 1;
			}
		if (!moved)
			break;
	}
	int ncols = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].col + 1 > ncols)
			ncols = v[i].col + 1;
	/* each part next to the others of its whole, so arrows do not
	 * cross: a box's key is the smallest of what it counts towards,
	 * settled from the last column leftwards */
	for (size_t i = 0; i < n; i++)
		v[i].key = i;
	for (int c = ncols - 2; c >= 0; c--)
		for (size_t i = 0; i < n; i++) {
			if (v[i].col != c)
				continue;
			size_t k = (size_t)-1;
			for (size_t e = 0; e < ne; e++)
				if (edges[e].from == i &&
				    v[edges[e].to].key < k)
					k = v[edges[e].to].key;
			if (k != (size_t)-1)
				v[i].key = k;
		}
	place *at = bs_xcalloc(n, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[i] = (place){v[i].col, v[i].key, i};
	qsort(at, n, sizeof *at, cmp_places);
	double *colw = bs_xcalloc((size_t)ncols, sizeof *colw);
	for (size_t i = 0; i < n; i++) {
		double w = text_width(labels[i]) + 24;
		if (w > colw[v[i].col])
			colw[v[i].col] = w;
	}
	/* the first column packed top down in the order given; each whole
	 * level with the middle of its parts, pushed down past the box
	 * above it */
	double height = 0;
	for (int c = 0; c < ncols; c++) {
		double next = 0;
		for (size_t a = 0; a < n; a++) {
			size_t i = at[a].i;
			if (v[i].col != c)
				continue;
			double sum = 0, k = 0;
			for (size_t e = 0; c && e < ne; e++)
				if (edges[e].to == i) {
					sum += v[edges[e].from].y;
					k++;
				}
			double y = k ? sum / k : next;
			if (y < next)
				y = next;
			v[i].y = y;
			next = y + ROW;
		}
		if (next > height)
			height = next;
	}
	double *colx = bs_xcalloc((size_t)ncols, sizeof *colx);
	double width = 0;
	for (int c = 0; c < ncols; c++) {
		colx[c] = width;
		width += colw[c] + (c + 1 < ncols ? GAP : 0);
	}
	width += 2;
	height += 2 - (ROW - BOX_H);
	bs_buf_printf(out,
		      "<svg class=\"stack-diagram\" role=\"img\" "
		      "xmlns=\"http://www.w3.org/2000/svg\" "
		      "viewBox=\"-1 -1 %g %g\" width=\"%g\" height=\"%g\" "
		      "aria-label=\"",
		      width, height, width, height);
	bs_buf_html(out, label, strlen(label));
	bs_buf_puts(out, "\">\n<defs><marker id=\"stack-arrow\" "
			 "viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
			 "markerWidth=\"8\" markerHeight=\"8\" "
			 "orient=\"auto-start-reverse\"><path d=\"M0 0L10 "
			 "5L0 10z\" fill=\"#4a5560\"/></marker></defs>\n");
	for (size_t e = 0; e < ne; e++) {
		const node *a = &v[edges[e].from], *b = &v[edges[e].to];
		double x1 = colx[a->col] + colw[a->col], y1 = a->y + BOX_H / 2;
		double x2 = colx[b->col], y2 = b->y + BOX_H / 2;
		double mid = (x1 + x2) / 2;
		bs_buf_printf(out,
			      "<path d=\"M%g %gC%g %g %g %g %g %g\" "
			      "fill=\"none\" stroke=\"#4a5560\" "
			      "stroke-width=\"1.5\" "
			      "marker-end=\"url(#stack-arrow)\"/>\n",
			      x1, y1, mid, y1, mid, y2, x2 - 1, y2);
	}
	for (size_t i = 0; i < n; i++) {
		double x = colx[v[i].col], w = colw[v[i].col];
		int whole = 0;
		for (size_t e = 0; e < ne; e++)
			whole |= edges[e].to == i;
		bs_buf_printf(out,
			      "<rect x=\"%g\" y=\"%g\" width=\"%g\" "
			      "height=\"%d\" rx=\"6\" fill=\"%s\" "
			      "stroke=\"#4a5560\"/>\n"
			      "<text x=\"%g\" y=\"%g\" font-size=\"%d\" "
			      "font-family=\"sans-serif\" fill=\"#1a2026\" "
			      "text-anchor=\"middle\">",
			      x, v[i].y, w, BOX_H,
			      whole ? "#e8eef6" : "#ffffff", x + w / 2,
			      v[i].y + BOX_H / 2 + FONT * 0.35, FONT);
		bs_buf_xml(out, labels[i], strlen(labels[i]));
		bs_buf_puts(out, "</text>\n");
	}
	bs_buf_puts(out, "</svg>");
	free(at);
	free(colx);
	free(colw);
	free(v);
}
