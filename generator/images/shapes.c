/* shapes.c: the shape library (built-in outlines, placed into the canvas
 * with a mask for fitting) and SVG numbers and path data, read without the
 * locale and rewritten into canvas units. */
#include "images/shapes.h"

#include "base/alloc.h"
#include "images/png.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers and path data ---- */

/* Parse one SVG number at *p (no locale); 0 on success. */
int bs_shape_parse_number(const char **p, double *out)
{
	const char *s = *p;
	double sign = 1, v = 0;
	int digits = 0;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s++ - '0');
		digits++;
	}
	if (*s == '.') {
		double f = 0.1;
		s++;
		while (*s >= '0' && *s <= '9') {
			v += (*s++ - '0') * f;
			f /= 10;
			digits++;
		}
	}
	if (!digits)
		return -1;
	if ((*s == 'e' || *s == 'E') &&
	    ((s[1] >= '0' && s[1] <= '9') ||
	     ((s[1] == '-' || s[1] == '+') && s[2] >= '0' && s[2] <= '9'))) {
		s++;
		int es = 1, e = 0;
		if (*s == '+' || *s == '-')
			es = *s++ == '-' ? -1 : 1;
		while (*s >= '0' && *s <= '9' && e < 400)
			e = e * 10 + (*s++ - '0');
		v *= pow(10, es * e);
	}
	*out = sign * v;
	*p = s;
	return isfinite(*out) ? 0 : -1;
}

void bs_shape_skip_sep(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r' ||
	       **p == ',')
		(*p)++;
}

/* A number rounded to 2 decimals, never "-0". */
static void put_num2(bs_buf *b, double v)
{
	v = round(v * 100) / 100;
	if (v == 0)
		v = 0;
	bs_buf_number(b, v);
}

/* Rewrite SVG path data d, scaled by s and moved by (tx, ty), into out
 * with 2-decimal numbers. Returns 0, or -1 when d is not path data. */
int bs_shape_rewrite_path(bs_buf *out, const char *d, double s, double tx,
			  double ty)
{
	static const char cmds[] = "MmLlHhVvCcSsQqTtAaZz";
	static const int nargs[] = {2, 2, 2, 2, 1, 1, 1, 1, 6, 6,
				    4, 4, 4, 4, 2, 2, 7, 7, 0, 0};
	const char *p = d;
	int cmd = -1, first = 1;
	bs_shape_skip_sep(&p);
	while (*p) {
		const char *c = *p ? strchr(cmds, *p) : NULL;
		if (c) {
			cmd = (int)(c - cmds);
			p++;
			if (!first)
				bs_buf_putc(out, ' ');
			bs_buf_putc(out, *c);
			first = 0;
			bs_shape_skip_sep(&p);
			if (nargs[cmd] == 0)
				continue;
		} else if (cmd < 0 || nargs[cmd] == 0) {
			return -1;
		} else {
			bs_buf_putc(out, ' ');
		}
		int rel = cmds[cmd] >= 'a';
		char up = (char)(cmds[cmd] & ~0x20);
		for (int i = 0; i < nargs[cmd]; i++) {
			double v;
			if (up == 'A' && (i == 3 || i == 4)) {
				/* flags may be written without separators */
				if (*p != '0' && *p != '1')
					return -1;
				v = *p++ - '0';
			} else if (bs_shape_parse_number(&p, &v) < 0) {
				return -1;
			}
			int isx, isy;
			if (up == 'H') {
				isx = 1, isy = 0;
			} else if (up == 'V') {
				isx = 0, isy = 1;
			} else if (up == 'A') {
				isx = i == 0 || i == 5;
				isy = i == 1 || i == 6;
			} else {
				isx = i % 2 == 0;
				isy = !isx;
			}
			if (up == 'A' && i < 2)
				v *= s; /* radii */
			else if (isx)
				v = rel ? v * s : v * s + tx;
			else if (isy)
				v = rel ? v * s : v * s + ty;
			if (i)
				bs_buf_putc(out, ' ');
			put_num2(out, v);
			bs_shape_skip_sep(&p);
		}
		/* after a moveto, extra pairs are linetos */
		if (up == 'M')
			cmd += 2;
	}
	return first ? -1 : 0;
}

/* ---- the shape library (100-unit boxes; geometry only) ---- */

typedef struct builtin {
	const char *name;
	const char *d; /* or NULL with polygon vertices */
	double box[4];
	int n;
	double v[8][2];
} builtin;

static const builtin builtins[] = {
    {"circle",
     "M50 0A50 50 0 1 1 50 100A50 50 0 1 1 50 0Z",
     {0, 0, 100, 100},
     0,
     {{0}}},
    {"shield",
     "M50 0C62 6 78 9 93 9Q100 9 100 16L100 46C100 73 82 89 50 100"
     "C18 89 0 73 0 46L0 16Q0 9 7 9C22 9 38 6 50 0Z",
     {0, 0, 100, 100},
     0,
     {{0}}},
    {"hexagon",
     NULL,
     {6.7, 0, 86.6, 100},
     6,
     {{50, 0}, {93.3, 25}, {93.3, 75}, {50, 100}, {6.7, 75}, {6.7, 25}}},
    {"pill",
     "M30 0A30 30 0 0 1 60 30V70A30 30 0 0 1 0 70V30A30 30 0 0 1 30 0Z",
     {0, 0, 60, 100},
     0,
     {{0}}},
    {"teardrop",
     "M50 0C62 16 90 34 90 60A40 40 0 0 1 10 60C10 34 38 16 50 0Z",
     {10, 0, 80, 100},
     0,
     {{0}}},
    {"diamond",
     NULL,
     {0, 0, 100, 100},
     4,
     {{50, 0}, {100, 50}, {50, 100}, {0, 50}}},
    {"square",
     NULL,
     {0, 0, 100, 100},
     4,
     {{0, 0}, {100, 0}, {100, 100}, {0, 100}}},
};
#define NBUILTIN (sizeof builtins / sizeof *builtins)

/* A polygon with corners rounded by radius r, as path data. */
static void rounded_polygon(bs_buf *b, const double (*v)[2], int n, double r)
{
	for (int i = 0; i <= n; i++) {
		const double *p = v[i % n], *prev = v[(i + n - 1) % n],
			     *next = v[(i + 1) % n];
		double lp = hypot(prev[0] - p[0], prev[1] - p[1]);
		double ln = hypot(next[0] - p[0], next[1] - p[1]);
		double a[2] = {p[0] + (prev[0] - p[0]) * r / lp,
			       p[1] + (prev[1] - p[1]) * r / lp};
		double c[2] = {p[0] + (next[0] - p[0]) * r / ln,
			       p[1] + (next[1] - p[1]) * r / ln};
		if (i == 0) {
			bs_buf_putc(b, 'M');
			put_num2(b, c[0]);
			bs_buf_putc(b, ' ');
			put_num2(b, c[1]);
			continue;
		}
		bs_buf_putc(b, 'L');
		put_num2(b, a[0]);
		bs_buf_putc(b, ' ');
		put_num2(b, a[1]);
		bs_buf_putc(b, 'Q');
		put_num2(b, p[0]);
		bs_buf_putc(b, ' ');
		put_num2(b, p[1]);
		bs_buf_putc(b, ' ');
		put_num2(b, c[0]);
		bs_buf_putc(b, ' ');
		put_num2(b, c[1]);
	}
	bs_buf_putc(b, 'Z');
}

/* Fit box into the canvas less its margin and rewrite d into it. */
int bs_shape_place(const bs_vlang *vl, bs_vl_shape *sh, const char *d,
		   const double box[4])
{
	double inner = vl->size - 2 * vl->margin;
	double s = inner / fmax(box[2], box[3]);
	double tx = vl->size / 2 - s * (box[0] + box[2] / 2);
	double ty = vl->size / 2 - s * (box[1] + box[3] / 2);
	bs_buf b = BS_BUF_INIT;
	if (bs_shape_rewrite_path(&b, d, s, tx, ty) < 0) {
		bs_buf_free(&b);
		return -1;
	}
	sh->d = bs_buf_detach(&b);
	/* measure the half-widths around the centre on a coarse mask */
	bs_buf svg = BS_BUF_INIT;
	bs_buf_puts(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			  "viewBox=\"0 0 ");
	bs_buf_number(&svg, vl->size);
	bs_buf_putc(&svg, ' ');
	bs_buf_number(&svg, vl->size);
	bs_buf_printf(&svg, "\"><path d=\"%s\"/></svg>", sh->d);
	unsigned char *a = bs_png_alpha(svg.ptr, svg.len, BS_VL_MASK);
	bs_buf_free(&svg);
	if (!a)
		return -1;
	sh->half = bs_xcalloc(BS_VL_MASK, sizeof *sh->half);
	int mid = BS_VL_MASK / 2, any = 0;
	for (int y = 0; y < BS_VL_MASK; y++) {
		const unsigned char *row = a + (size_t)y * BS_VL_MASK;
		int l = mid, r = mid;
		if (row[mid] < 128)
			continue;
		while (l > 0 && row[l - 1] >= 128)
			l--;
		while (r < BS_VL_MASK - 1 && row[r + 1] >= 128)
			r++;
		double h = fmin(mid - l, r + 1 - mid);
		sh->half[y] = h * vl->size / BS_VL_MASK;
		any = 1;
	}
	free(a);
	return any ? 0 : -1;
}

int bs_shape_find(const bs_vlang *vl, const char *name)
{
	for (size_t i = 0; i < vl->nshapes; i++)
		if (strcmp(vl->shapes[i].name, name) == 0)
			return (int)i;
	return -1;
}

void bs_shape_load_builtins(bs_vlang *vl, size_t room)
{
	size_t n = NBUILTIN + room;
	vl->shapes = bs_xcalloc(n, sizeof *vl->shapes);
	for (size_t i = 0; i < NBUILTIN; i++) {
		const builtin *b = &builtins[i];
		bs_vl_shape *sh = &vl->shapes[vl->nshapes++];
		sh->name = bs_xstrdup(b->name);
		bs_buf d = BS_BUF_INIT;
		if (b->d)
			bs_buf_puts(&d, b->d);
		else
			rounded_polygon(&d, b->v, b->n, b->n == 4 ? 12 : 9);
		bs_shape_place(vl, sh, d.ptr, b->box);
		bs_buf_free(&d);
	}
}
