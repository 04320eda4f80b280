/* vlang.c: loading and checking the visual-language spec: channels and
 * their scales, the shape library and designer shapes (path data rewritten
 * into canvas units), icons (sanitised through libxml2) and the pinned font.
 * Everything about classes, colours and icons comes from the spec. */
#include "images/vlang.h"
#include "images/designer.h"
#include "images/legend.h"

#include "base/alloc.h"
#include "images/png.h"
#include "input/files.h"
#include "input/schema.h"
#include "input/source.h"

#include <fontconfig/fontconfig.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

const char *const bs_vl_channel_names[BS_VL_NCHAN + 1] = {
    "shape", "fill",  "border",	 "accent", "ink",
    "icon",  "stars", "marking", "label",  NULL};

/* The fields a badge's facts may hold (see view.c). */
static const char *const fact_fields[] = {"id",
					  "name",
					  "class",
					  "class_name",
					  "formality",
					  "achievement_type",
					  "hours",
					  "credits",
					  "assessment",
					  "award_mode",
					  "category",
					  "programme",
					  "participation",
					  "recipient",
					  "level",
					  "status",
					  "issuer",
					  "version",
					  NULL};

/* ---- numbers and path data ---- */

/* Parse one SVG number at *p (no locale); 1 on success. */
static int svg_number(const char **p, double *out)
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
		return 0;
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
	return isfinite(*out);
}

static void skip_sep(const char **p)
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
static int path_rewrite(bs_buf *out, const char *d, double s, double tx,
			double ty)
{
	static const char cmds[] = "MmLlHhVvCcSsQqTtAaZz";
	static const int nargs[] = {2, 2, 2, 2, 1, 1, 1, 1, 6, 6,
				    4, 4, 4, 4, 2, 2, 7, 7, 0, 0};
	const char *p = d;
	int cmd = -1, first = 1;
	skip_sep(&p);
	while (*p) {
		const char *c = *p ? strchr(cmds, *p) : NULL;
		if (c) {
			cmd = (int)(c - cmds);
			p++;
			if (!first)
				bs_buf_putc(out, ' ');
			bs_buf_putc(out, *c);
			first = 0;
			skip_sep(&p);
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
			} else if (!svg_number(&p, &v)) {
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
			skip_sep(&p);
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
static int place_shape(bs_vlang *vl, bs_vl_shape *sh, const char *d,
		       const double box[4])
{
	double inner = vl->size - 2 * vl->margin;
	double s = inner / fmax(box[2], box[3]);
	double tx = vl->size / 2 - s * (box[0] + box[2] / 2);
	double ty = vl->size / 2 - s * (box[1] + box[3] / 2);
	bs_buf b = BS_BUF_INIT;
	if (path_rewrite(&b, d, s, tx, ty) < 0) {
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

static int find_shape(const bs_vlang *vl, const char *name)
{
	for (size_t i = 0; i < vl->nshapes; i++)
		if (strcmp(vl->shapes[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* ---- icons: only drawing elements and plain attributes survive ---- */

static const char *const icon_elems[] = {"g",	     "path",	"circle",
					 "ellipse",  "rect",	"line",
					 "polyline", "polygon", NULL};
static const char *const icon_num_attrs[] = {"cx",
					     "cy",
					     "r",
					     "rx",
					     "ry",
					     "x",
					     "y",
					     "width",
					     "height",
					     "x1",
					     "y1",
					     "x2",
					     "y2",
					     "stroke-width",
					     "opacity",
					     "fill-opacity",
					     "stroke-opacity",
					     NULL};
static const char *const icon_kw_attrs[] = {
    "fill-rule", "clip-rule", "stroke-linecap", "stroke-linejoin", NULL};
static const char *const icon_keywords[] = {
    "nonzero", "evenodd", "butt", "round", "square", "miter", "bevel", NULL};
static const char *const icon_ignored[] = {"title", "desc", "metadata", NULL};

static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int is_numbers(const char *s, int many)
{
	const char *p = s;
	double v;
	int n = 0;
	skip_sep(&p);
	while (*p) {
		if (!svg_number(&p, &v))
			return 0;
		n++;
		skip_sep(&p);
	}
	return many ? n > 0 : n == 1;
}

static int is_transform(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzXY0123456789.,()+- \t\n",
			    *p))
			return 0;
	static const char *const fns[] = {
	    "matrix", "translate", "scale", "rotate", "skewX", "skewY", NULL};
	const char *p = s;
	while (*p) {
		while (*p && strchr(" \t\n,", *p))
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "( \t\n");
		int ok = 0;
		for (size_t i = 0; fns[i]; i++)
			if (strlen(fns[i]) == n && strncmp(fns[i], p, n) == 0)
				ok = 1;
		if (!ok)
			return 0;
		p = strchr(p, ')');
		if (!p)
			return 0;
		p++;
	}
	return 1;
}

typedef struct icon_ctx {
	const bs_source *src;
	const char *path;
	bs_diags *d;
	int errors;
} icon_ctx;

static void icon_err(icon_ctx *ic, xmlNode *n, const char *fmt, const char *arg)
{
	bs_diag_at(ic->d, BS_ERROR, ic->src, n ? (int)xmlGetLineNo(n) : 0, 0,
		   fmt, arg);
	ic->errors++;
}

static void icon_elem(bs_buf *out, icon_ctx *ic, xmlNode *el)
{
	const char *name = (const char *)el->name;
	if (in_list(name, icon_ignored))
		return;
	if (!in_list(name, icon_elems) || el->ns == NULL ||
	    strcmp((const char *)el->ns->href, "http://www.w3.org/2000/svg")) {
		icon_err(ic, el,
			 "icons may hold only drawing elements, not <%s>",
			 name);
		bs_diag_hint(ic->d, "use path, circle, ellipse, rect, line, "
				    "polyline, polygon and g");
		return;
	}
	bs_buf_printf(out, "<%s", name);
	for (xmlAttr *a = el->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *val = xmlNodeGetContent((xmlNode *)a);
		const char *v = (const char *)val;
		if (a->ns) {
			/* namespaced attributes (xlink, inkscape) carry no
			 * drawing here */
		} else if (strcmp(an, "d") == 0) {
			bs_buf b = BS_BUF_INIT;
			if (path_rewrite(&b, v, 1, 0, 0) < 0)
				icon_err(ic, el, "bad path data in <%s>", name);
			else
				bs_buf_printf(out, " d=\"%s\"", b.ptr);
			bs_buf_free(&b);
		} else if (strcmp(an, "points") == 0 ||
			   in_list(an, icon_num_attrs)) {
			if (!is_numbers(v, strcmp(an, "points") == 0)) {
				icon_err(ic, el,
					 "attribute '%s' must be a number", an);
			} else {
				bs_buf_printf(out, " %s=\"", an);
				bs_buf_xml(out, v, strlen(v));
				bs_buf_putc(out, '"');
			}
		} else if (in_list(an, icon_kw_attrs)) {
			if (in_list(v, icon_keywords))
				bs_buf_printf(out, " %s=\"%s\"", an, v);
		} else if (strcmp(an, "fill") == 0 ||
			   strcmp(an, "stroke") == 0) {
			/* icons take the badge's ink: any paint becomes it */
			bs_buf_printf(out, " %s=\"%s\"", an,
				      strcmp(v, "none") == 0 ? "none"
							     : "currentColor");
		} else if (strcmp(an, "transform") == 0) {
			if (!is_transform(v)) {
				icon_err(ic, el,
					 "unsupported transform in <%s>", name);
			} else {
				bs_buf_puts(out, " transform=\"");
				bs_buf_xml(out, v, strlen(v));
				bs_buf_putc(out, '"');
			}
		}
		/* anything else (id, class, style, events) is dropped */
		xmlFree(val);
	}
	if (strcmp(name, "g") != 0) {
		bs_buf_puts(out, "/>");
		return;
	}
	bs_buf_putc(out, '>');
	for (xmlNode *c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			icon_elem(out, ic, c);
	bs_buf_puts(out, "</g>");
}

/* The line where the file declares a DTD or an entity, or 0. Such files
 * are never given to the parser. */
static int has_dtd(const char *text)
{
	const char *a = strstr(text, "<!DOCTYPE"),
		   *b = strstr(text, "<!ENTITY");
	const char *p = a && (!b || a < b) ? a : b;
	if (!p)
		return 0;
	int line = 1;
	for (const char *q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

/* Read and sanitise the icon file rel; report at the spec's (line, col). */
static int load_icon(bs_vlang *vl, const char *root, const char *rel,
		     const bs_source *from, int line, int col, bs_diags *d)
{
	for (size_t i = 0; i < vl->nicons; i++)
		if (strcmp(vl->icons[i].path, rel) == 0)
			return (int)i;
	bs_source src;
	if (bs_files_read(&src, root, rel, from, line, col, d))
		return -1;
	bs_key_add_str(&vl->key, rel);
	bs_key_add(&vl->key, src.text, src.len);
	/* no network, no entity expansion, no DTD at all */
	xmlDoc *doc = has_dtd(src.text)
			  ? NULL
			  : xmlReadMemory(src.text, (int)src.len, rel, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
	icon_ctx ic = {&src, rel, d, 0};
	xmlNode *root_el = doc ? xmlDocGetRootElement(doc) : NULL;
	double box[4] = {0, 0, 0, 0};
	bs_buf out = BS_BUF_INIT;
	if (has_dtd(src.text) || (doc && doc->intSubset)) {
		bs_diag_at(d, BS_ERROR, &src, has_dtd(src.text), 0,
			   "%s declares a DTD; icons may not", rel);
		ic.errors++;
	} else if (!root_el) {
		icon_err(&ic, NULL, "%s is not well-formed XML", rel);
	} else if (strcmp((const char *)root_el->name, "svg") != 0) {
		icon_err(&ic, root_el, "%s is not an SVG file", rel);
	} else {
		xmlChar *vb = xmlGetProp(root_el, (const xmlChar *)"viewBox");
		const char *p = (const char *)vb;
		int nb = 0;
		if (p) {
			skip_sep(&p);
			while (nb < 4 && svg_number(&p, &box[nb])) {
				nb++;
				skip_sep(&p);
			}
		}
		if (nb != 4 || box[2] <= 0 || box[3] <= 0)
			icon_err(&ic, root_el,
				 "%s needs a viewBox=\"x y width height\"",
				 rel);
		xmlFree(vb);
		for (xmlNode *c = root_el->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				icon_elem(&out, &ic, c);
		if (!ic.errors && out.len == 0)
			icon_err(&ic, root_el, "%s draws nothing", rel);
	}
	if (doc)
		xmlFreeDoc(doc);
	bs_source_free(&src);
	if (ic.errors) {
		bs_buf_free(&out);
		return -1;
	}
	vl->icons =
	    bs_xrealloc(vl->icons, (vl->nicons + 1) * sizeof *vl->icons);
	bs_vl_icon *icon = &vl->icons[vl->nicons];
	icon->path = bs_xstrdup(rel);
	icon->svg = bs_buf_detach(&out);
	icon->x = box[0], icon->y = box[1], icon->w = box[2], icon->h = box[3];
	return (int)vl->nicons++;
}

/* ---- a designer's own badge image ---- */

/* Elements a whole badge drawing may use besides the icon ones. */
static const char *const own_elems[] = {
    "svg",  "g",	"path",	    "circle",	      "ellipse",
    "rect", "line",	"polyline", "polygon",	      "defs",
    "stop", "clipPath", "mask",	    "linearGradient", "radialGradient",
    NULL};
static const char *const own_num_attrs[] = {"cx",
					    "cy",
					    "r",
					    "rx",
					    "ry",
					    "x",
					    "y",
					    "width",
					    "height",
					    "x1",
					    "y1",
					    "x2",
					    "y2",
					    "fx",
					    "fy",
					    "stroke-width",
					    "opacity",
					    "fill-opacity",
					    "stroke-opacity",
					    "stop-opacity",
					    "offset",
					    "stroke-miterlimit",
					    "stroke-dashoffset",
					    NULL};
static const char *const own_kw_attrs[] = {
    "fill-rule",	"clip-rule",	"stroke-linecap", "stroke-linejoin",
    "gradientUnits",	"spreadMethod", "clipPathUnits",  "maskUnits",
    "maskContentUnits", "display",	"visibility",	  NULL};
static const char *const own_keywords[] = {"nonzero",
					   "evenodd",
					   "butt",
					   "round",
					   "square",
					   "miter",
					   "bevel",
					   "userSpaceOnUse",
					   "objectBoundingBox",
					   "pad",
					   "reflect",
					   "repeat",
					   "inline",
					   "none",
					   "visible",
					   "hidden",
					   NULL};
static const char *const own_paint_attrs[] = {"fill", "stroke", "stop-color",
					      "color", NULL};
static const char *const own_ref_attrs[] = {"clip-path", "mask", NULL};

typedef struct own_ctx {
	icon_ctx ic;
	const char *prefix; /* "bs-<badge id>-" */
} own_ctx;

/* A local reference "#name" (XML name characters only). */
static int local_ref(const char *s, size_t n)
{
	if (n < 2 || s[0] != '#')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("-_.", s[i])))
			return 0;
	return 1;
}

/* "url(#x)" rewritten to url(#<prefix>x); 0 when v is not exactly that. */
static int put_url(bs_buf *out, const char *v, const char *prefix)
{
	size_t n = strlen(v);
	while (n && v[n - 1] == ' ')
		n--;
	if (n < 7 || strncmp(v, "url(", 4) || v[n - 1] != ')' ||
	    !local_ref(v + 4, n - 5))
		return 0;
	bs_buf_printf(out, "url(#%s%.*s)", prefix, (int)(n - 6), v + 5);
	return 1;
}

/* A paint or colour: none, currentColor, #hex, rgb(...), a colour name
 * or a local url(#x). Anything else (external urls, javascript:) is 0. */
static int put_paint(bs_buf *out, const char *v, const char *prefix)
{
	size_t n = strlen(v);
	if (n == 0 || n > 40)
		return 0;
	if (strncmp(v, "url(", 4) == 0)
		return put_url(out, v, prefix);
	if (v[0] == '#') {
		if (!(n == 4 || n == 5 || n == 7 || n == 9) ||
		    strspn(v + 1, "0123456789abcdefABCDEF") != n - 1)
			return 0;
	} else if (strncmp(v, "rgb(", 4) == 0 || strncmp(v, "rgba(", 5) == 0) {
		if (v[n - 1] != ')' ||
		    strspn(v + 4, "a(0123456789., %") != n - 5)
			return 0;
	} else if (strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
			     "VWXYZ") != n) {
		return 0;
	}
	bs_buf_puts(out, v);
	return 1;
}

/* Append one attribute an=v of a drawing element, when it is allowed and
 * well-formed; 1 when it was kept. */
static int own_attr(bs_buf *out, own_ctx *oc, xmlNode *el, const char *an,
		    const char *v)
{
	size_t start = out->len;
	bs_buf_printf(out, " %s=\"", an);
	int kept = 1;
	if (strcmp(an, "d") == 0) {
		bs_buf b = BS_BUF_INIT;
		if (path_rewrite(&b, v, 1, 0, 0) < 0) {
			icon_err(&oc->ic, el, "bad path data in <%s>",
				 (const char *)el->name);
			kept = 0;
		} else {
			bs_buf_puts(out, b.ptr);
		}
		bs_buf_free(&b);
	} else if (strcmp(an, "points") == 0 ||
		   strcmp(an, "stroke-dasharray") == 0 ||
		   in_list(an, own_num_attrs)) {
		/* numbers, allowing a % on offsets and gradient stops */
		size_t n = strlen(v);
		char *t = bs_xstrdup(v);
		if (n && t[n - 1] == '%')
			t[n - 1] = '\0';
		kept = is_numbers(t, in_list(an, own_num_attrs) ? 0 : 1) ||
		       (strcmp(an, "stroke-dasharray") == 0 &&
			strcmp(v, "none") == 0);
		free(t);
		if (kept)
			bs_buf_xml(out, v, strlen(v));
	} else if (in_list(an, own_kw_attrs)) {
		kept = in_list(v, own_keywords);
		if (kept)
			bs_buf_puts(out, v);
	} else if (in_list(an, own_paint_attrs)) {
		kept = put_paint(out, v, oc->prefix);
	} else if (in_list(an, own_ref_attrs)) {
		kept = strcmp(v, "none") == 0 ? (bs_buf_puts(out, v), 1)
					      : put_url(out, v, oc->prefix);
	} else if (strcmp(an, "transform") == 0 ||
		   strcmp(an, "gradientTransform") == 0) {
		kept = is_transform(v);
		if (kept)
			bs_buf_xml(out, v, strlen(v));
	} else if (strcmp(an, "id") == 0) {
		size_t n = strlen(v);
		char *t = bs_xasprintf("#%s", v);
		kept = n && local_ref(t, n + 1);
		free(t);
		if (kept)
			bs_buf_printf(out, "%s%s", oc->prefix, v);
	} else {
		kept = 0; /* on* handlers, class, style leftovers, links */
	}
	if (!kept) {
		out->len = start;
		out->ptr[start] = '\0';
		return 0;
	}
	bs_buf_putc(out, '"');
	return 1;
}

/* style="fill:#123;stroke:url(#g)": the declarations that are allowed
 * presentation attributes become attributes; the rest is dropped. */
static void own_style(bs_buf *out, own_ctx *oc, xmlNode *el, const char *v)
{
	char *s = bs_xstrdup(v);
	for (char *decl = strtok(s, ";"); decl; decl = strtok(NULL, ";")) {
		char *colon = strchr(decl, ':');
		if (!colon)
			continue;
		*colon = '\0';
		char *k = decl, *val = colon + 1;
		while (*k == ' ' || *k == '\n' || *k == '\t')
			k++;
		for (char *e = k + strlen(k);
		     e > k && (e[-1] == ' ' || e[-1] == '\n'); e--)
			e[-1] = '\0';
		while (*val == ' ' || *val == '\n' || *val == '\t')
			val++;
		for (char *e = val + strlen(val);
		     e > val && (e[-1] == ' ' || e[-1] == '\n'); e--)
			e[-1] = '\0';
		/* only presentation properties, never d, id or href */
		if (strcmp(k, "d") && strcmp(k, "id") && strcmp(k, "points") &&
		    (in_list(k, own_paint_attrs) || in_list(k, own_kw_attrs) ||
		     in_list(k, own_ref_attrs) ||
		     strcmp(k, "stroke-dasharray") == 0 ||
		     (in_list(k, own_num_attrs) && strcmp(k, "x") &&
		      strcmp(k, "y") && strcmp(k, "width") &&
		      strcmp(k, "height"))))
			own_attr(out, oc, el, k, val);
	}
	free(s);
}

static const char *const own_dropped[] = {"title", "desc", "metadata", NULL};

static void own_elem(bs_buf *out, own_ctx *oc, xmlNode *el, int root)
{
	const char *name = (const char *)el->name;
	int svgns = el->ns && strcmp((const char *)el->ns->href,
				     "http://www.w3.org/2000/svg") == 0;
	/* editors' own elements (sodipodi, rdf) draw nothing */
	if (!svgns && el->ns)
		return;
	if (svgns && in_list(name, own_dropped))
		return;
	if (svgns && strcmp(name, "a") == 0) {
		/* a link draws its children; the link itself goes */
		for (xmlNode *c = el->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				own_elem(out, oc, c, 0);
		return;
	}
	if (!svgns || !in_list(name, own_elems) ||
	    (!root && strcmp(name, "svg") == 0)) {
		icon_err(&oc->ic, el,
			 "a badge image may hold only drawing elements, not "
			 "<%s>",
			 name);
		bs_diag_hint(oc->ic.d,
			     strcmp(name, "text") == 0
				 ? "convert text to paths (outlines)"
			     : strcmp(name, "style") == 0
				 ? "use presentation attributes instead of a "
				   "style sheet"
				 : "use shapes, paths, groups, gradients and "
				   "clip paths");
		return;
	}
	const char *tag = root ? "g" : name;
	bs_buf_printf(out, "<%s", tag);
	for (xmlAttr *a = el->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *val = xmlNodeGetContent((xmlNode *)a);
		const char *v = val ? (const char *)val : "";
		if (a->ns) {
			/* xlink:href may only point inside the file, and only
			 * gradients inherit through it */
			if (strcmp(an, "href") == 0 &&
			    strstr(name, "Gradient") && local_ref(v, strlen(v)))
				bs_buf_printf(out, " href=\"#%s%s\"",
					      oc->prefix, v + 1);
		} else if (strcmp(an, "href") == 0) {
			if (strstr(name, "Gradient") && local_ref(v, strlen(v)))
				bs_buf_printf(out, " href=\"#%s%s\"",
					      oc->prefix, v + 1);
		} else if (strcmp(an, "style") == 0) {
			own_style(out, oc, el, v);
		} else if (!(root &&
			     (strcmp(an, "width") == 0 ||
			      strcmp(an, "height") == 0 ||
			      strcmp(an, "x") == 0 || strcmp(an, "y") == 0))) {
			own_attr(out, oc, el, an, v);
		}
		xmlFree(val);
	}
	bs_buf_putc(out, '>');
	for (xmlNode *c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			own_elem(out, oc, c, 0);
	bs_buf_printf(out, "</%s>", tag);
}

/* The four numbers of a viewBox, or of width and height; 1 when found. */
static int view_box(xmlNode *r, double box[4])
{
	xmlChar *vb = xmlGetProp(r, (const xmlChar *)"viewBox");
	const char *p = (const char *)vb;
	int nb = 0;
	if (p) {
		skip_sep(&p);
		while (nb < 4 && svg_number(&p, &box[nb])) {
			nb++;
			skip_sep(&p);
		}
	}
	xmlFree(vb);
	if (nb != 4) {
		xmlChar *w = xmlGetProp(r, (const xmlChar *)"width");
		xmlChar *h = xmlGetProp(r, (const xmlChar *)"height");
		box[0] = box[1] = 0;
		if (w && h && is_numbers((const char *)w, 0) &&
		    is_numbers((const char *)h, 0)) {
			box[2] = atof((const char *)w);
			box[3] = atof((const char *)h);
			nb = 4;
		}
		xmlFree(w);
		xmlFree(h);
	}
	return nb == 4 && box[2] > 0 && box[3] > 0;
}

static int own_svg(bs_buf *out, const bs_vlang *vl, const char *root,
		   const char *rel, const json_t *facts, const bs_source *from,
		   int line, int col, bs_diags *d)
{
	bs_source src;
	int rc = bs_files_read(&src, root, rel, from, line, col, d);
	if (rc)
		return rc;
	/* a DTD is refused before libxml2 sees it, so no entity is ever
	 * declared; without XML_PARSE_NOENT none would be expanded anyway */
	xmlDoc *doc = has_dtd(src.text)
			  ? NULL
			  : xmlReadMemory(src.text, (int)src.len, rel, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
	xmlNode *r = doc ? xmlDocGetRootElement(doc) : NULL;
	const char *id = json_string_value(json_object_get(facts, "id"));
	bs_buf prefix = BS_BUF_INIT, body = BS_BUF_INIT;
	bs_buf_puts(&prefix, "bs-");
	for (const char *p = id ? id : ""; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-')
			bs_buf_putc(&prefix, *p);
	bs_buf_putc(&prefix, '-');
	own_ctx oc = {{&src, rel, d, 0}, prefix.ptr};
	double box[4] = {0, 0, 0, 0};
	if (has_dtd(src.text) || (doc && doc->intSubset)) {
		bs_diag_at(d, BS_ERROR, &src, has_dtd(src.text), 0,
			   "%s declares a DTD or entities", rel);
		oc.ic.errors++;
		bs_diag_hint(d, "save the SVG without a <!DOCTYPE>");
	} else if (!r) {
		icon_err(&oc.ic, NULL, "%s is not well-formed XML", rel);
	} else if (strcmp((const char *)r->name, "svg") != 0) {
		icon_err(&oc.ic, r, "%s is not an SVG file", rel);
	} else if (!view_box(r, box)) {
		icon_err(&oc.ic, r, "%s needs a viewBox=\"x y width height\"",
			 rel);
	} else {
		own_elem(&body, &oc, r, 1);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (oc.ic.errors) {
		if (from && line) /* point at the field as well */
			bs_diag_at(d, BS_NOTE, from, line, col,
				   "the badge's image is named here");
		rc = BS_ECONTENT;
	} else {
		const char *name =
		    json_string_value(json_object_get(facts, "name"));
		bs_buf desc = BS_BUF_INIT;
		if (!name)
			name = "";
		bs_vl_expand(&desc, vl, vl->describe, facts);
		bs_buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
				 "viewBox=\"");
		for (int i = 0; i < 4; i++) {
			if (i)
				bs_buf_putc(out, ' ');
			bs_buf_number(out, box[i]);
		}
		bs_buf_puts(out, "\" width=\"600\" height=\"600\" role=\"img\" "
				 "aria-label=\"");
		bs_buf_xml(out, name, strlen(name));
		bs_buf_puts(out, " badge. ");
		bs_buf_xml(out, desc.ptr, desc.len);
		bs_buf_puts(out, "\">\n<title>");
		bs_buf_xml(out, name, strlen(name));
		bs_buf_puts(out, "</title>\n<desc>");
		bs_buf_xml(out, desc.ptr, desc.len);
		bs_buf_printf(out, "</desc>\n%s\n</svg>\n", body.ptr);
		bs_buf_free(&desc);
	}
	bs_buf_free(&body);
	bs_buf_free(&prefix);
	bs_source_free(&src);
	return rc;
}

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 |
	       (unsigned)p[2] << 8 | p[3];
}

int bs_designer_image(bs_buf *out, const bs_vlang *vl, const char *site_root,
		      const char *rel, const json_t *facts,
		      const bs_source *from, int line, int col, bs_diags *d)
{
	size_t n = strlen(rel);
	if (n > 4 && strcmp(rel + n - 4, ".svg") == 0)
		return own_svg(out, vl, site_root, rel, facts, from, line, col,
			       d);
	if (n <= 4 || strcmp(rel + n - 4, ".png") != 0) {
		bs_diag_at(d, BS_ERROR, from, line, col,
			   "a badge image must be .svg or .png");
		return BS_ECONTENT;
	}
	bs_buf b = BS_BUF_INIT;
	int rc = bs_files_read_bytes(&b, site_root, rel, from, line, col, d);
	if (rc)
		return rc;
	const unsigned char *u = (const unsigned char *)b.ptr;
	if (b.len < 33 || memcmp(u, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    memcmp(u + 12, "IHDR", 4) != 0) {
		rc = bs_diag_at(d, BS_ERROR, from, line, col,
				"%s is not a PNG file", rel);
	} else if (be32(u + 16) < 600 || be32(u + 20) < 600) {
		rc = bs_diag_at(d, BS_ERROR, from, line, col,
				"%s is %u x %u pixels; a badge PNG must be at "
				"least 600 x 600",
				rel, be32(u + 16), be32(u + 20));
		bs_diag_hint(d, "export it at 600 x 600 or larger");
	} else {
		bs_buf_put(out, b.ptr, b.len);
	}
	bs_buf_free(&b);
	return rc;
}

/* ---- channels ---- */

typedef struct loader {
	bs_chk c;
	bs_vlang *vl;
	const char *root;
} loader;

static int parse_colour(const char *s, char out[8])
{
	size_t n = strlen(s);
	if (s[0] != '#' || (n != 4 && n != 7))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	out[0] = '#';
	for (int i = 0; i < 6; i++) {
		char h = n == 4 ? s[1 + i / 2] : s[1 + i];
		out[1 + i] = (char)(h >= 'A' && h <= 'F' ? h + 32 : h);
	}
	out[7] = '\0';
	return 1;
}

/* Report at v: obj[key] when key is set, else item i of the array obj. */
static void bad_value(loader *L, const json_t *obj, const char *key, size_t i,
		      const char *msg, const char *hint)
{
	if (key)
		bs_chk_at_member(&L->c, obj, key, "%s", msg);
	else
		bs_chk_at_item(&L->c, obj, i, "%s", msg);
	if (hint)
		bs_chk_hint(&L->c, "%s", hint);
}

static const char *const gradient_keys[] = {"from", "to", "angle", NULL};

/* Parse the value v (found at obj[key] or obj[i]) for channel ch. */
static int parse_value(loader *L, int ch, const json_t *obj, const char *key,
		       size_t i, const json_t *v, bs_vl_value *out)
{
	memset(out, 0, sizeof *out);
	out->index = -1;
	out->angle = 90;
	const char *s = json_string_value(v);
	int line = 0, col = 0;
	if (key) {
		int kl, kc;
		bs_jpos_member(L->c.pos, obj, key, &kl, &kc, &line, &col);
	} else {
		bs_jpos_item(L->c.pos, obj, i, &line, &col);
	}
	out->line = line;
	out->col = col;
	switch (ch) {
	case BS_VL_SHAPE:
		if (s && (out->index = find_shape(L->vl, s)) >= 0)
			return 0;
		if (!s) {
			bad_value(L, obj, key, i, "a shape must be a name",
				  NULL);
			return -1;
		}
		{
			const char **names =
			    bs_xcalloc(L->vl->nshapes + 1, sizeof *names);
			for (size_t k = 0; k < L->vl->nshapes; k++)
				names[k] = L->vl->shapes[k].name;
			const char *sug = bs_suggest(s, names);
			bs_buf m = BS_BUF_INIT;
			bs_buf_printf(&m, "unknown shape '%s'", s);
			bs_buf h = BS_BUF_INIT;
			if (sug)
				bs_buf_printf(&h, "did you mean '%s'?", sug);
			else
				bs_buf_puts(&h,
					    "use circle, shield, hexagon, "
					    "pill, teardrop, diamond, "
					    "square or one from \"shapes\"");
			bad_value(L, obj, key, i, m.ptr, h.ptr);
			bs_buf_free(&m);
			bs_buf_free(&h);
			free(names);
		}
		return -1;
	case BS_VL_FILL:
		if (json_is_object(v)) {
			bs_chk_keys(&L->c, v, gradient_keys, "a gradient");
			const char *f = bs_chk_str(&L->c, v, "from", 1);
			const char *t = bs_chk_str(&L->c, v, "to", 1);
			bs_chk_num(&L->c, v, "angle", -360, 360, 0,
				   &out->angle);
			if (!f || !t)
				return -1;
			if (!parse_colour(f, out->from) ||
			    !parse_colour(t, out->to)) {
				bad_value(L, v,
					  parse_colour(f, out->from) ? "to"
								     : "from",
					  0, "a colour must be #rgb or #rrggbb",
					  NULL);
				return -1;
			}
			return 0;
		}
		/* a solid colour, like accent and ink */
		/* fall through */
	case BS_VL_ACCENT:
	case BS_VL_INK:
		if (s && parse_colour(s, out->from))
			return 0;
		bad_value(L, obj, key, i,
			  ch == BS_VL_FILL
			      ? "a fill must be a colour (#rrggbb) or "
				"{\"from\": ..., \"to\": ...}"
			      : "a colour must be #rgb or #rrggbb",
			  "for example \"#1f4e8c\"");
		return -1;
	case BS_VL_BORDER:
	case BS_VL_STARS: {
		double max = ch == BS_VL_STARS ? 5 : L->vl->size / 10;
		double n = json_number_value(v);
		if (!json_is_number(v) || n < 0 || n > max ||
		    (ch == BS_VL_STARS && n != floor(n))) {
			bs_buf m = BS_BUF_INIT;
			bs_buf_printf(&m, "%s must be a%s number from 0 to ",
				      bs_vl_channel_names[ch],
				      ch == BS_VL_STARS ? " whole" : "");
			bs_buf_number(&m, max);
			bad_value(L, obj, key, i, m.ptr, NULL);
			bs_buf_free(&m);
			return -1;
		}
		out->num = n;
		return 0;
	}
	case BS_VL_ICON:
		if (!s) {
			bad_value(L, obj, key, i,
				  "an icon must be a path such as "
				  "\"assets/icons/star.svg\"",
				  NULL);
			return -1;
		}
		out->index =
		    load_icon(L->vl, L->root, s, L->c.src, line, col, L->c.d);
		if (out->index < 0) {
			L->c.errors++;
			return -1;
		}
		return 0;
	case BS_VL_MARKING:
	case BS_VL_LABEL:
		if (!s || strlen(s) > 40) {
			bad_value(L, obj, key, i,
				  "a text must be a string of at most 40 bytes",
				  NULL);
			return -1;
		}
		out->text = bs_xstrdup(s);
		return 0;
	}
	return -1;
}

static const char *const channel_keys[] = {
    "field", "title", "about", "scale", "steps", "default", "template", NULL};
static const char *const step_keys[] = {"min", "value", NULL};

static void load_channel(loader *L, int ch, const json_t *chans)
{
	bs_vl_channel *c = &L->vl->ch[ch];
	const json_t *o = json_object_get(chans, bs_vl_channel_names[ch]);
	if (!json_is_object(o)) {
		bs_chk_at_member(&L->c, chans, bs_vl_channel_names[ch],
				 "channel '%s' must be an object",
				 bs_vl_channel_names[ch]);
		return;
	}
	c->present = 1;
	bs_chk_keys(&L->c, o, channel_keys, "a channel");
	const char *field = bs_chk_str(&L->c, o, "field", 1);
	if (field && !in_list(field, fact_fields)) {
		bs_chk_at_member(&L->c, o, "field", "unknown badge field '%s'",
				 field);
		const char *sug = bs_suggest(field, fact_fields);
		if (sug)
			bs_chk_hint(&L->c, "did you mean '%s'?", sug);
	}
	c->field = bs_xstrdup(field ? field : "");
	const char *t = bs_chk_str(&L->c, o, "title", 0);
	const char *a = bs_chk_str(&L->c, o, "about", 0);
	c->title = t ? bs_xstrdup(t) : NULL;
	c->about = a ? bs_xstrdup(a) : NULL;

	json_t *scale = bs_chk_obj(&L->c, o, "scale", 0);
	if (scale) {
		c->scale =
		    bs_xcalloc(json_object_size(scale) + 1, sizeof *c->scale);
		const char *k;
		json_t *v;
		json_object_foreach(scale, k, v)
		{
			bs_vl_entry *e = &c->scale[c->nscale];
			if (parse_value(L, ch, scale, k, 0, v, &e->v) == 0) {
				e->key = bs_xstrdup(k);
				c->nscale++;
			}
		}
	}
	json_t *steps = bs_chk_arr(&L->c, o, "steps", 0, 0);
	if (steps) {
		c->steps =
		    bs_xcalloc(json_array_size(steps) + 1, sizeof *c->steps);
		for (size_t i = 0; i < json_array_size(steps); i++) {
			json_t *it = json_array_get(steps, i);
			if (!json_is_object(it)) {
				bs_chk_at_item(&L->c, steps, i,
					       "a step must be {\"min\": n, "
					       "\"value\": ...}");
				continue;
			}
			bs_chk_keys(&L->c, it, step_keys, "a step");
			bs_vl_entry *e = &c->steps[c->nsteps];
			if (!bs_chk_num(&L->c, it, "min", -1e12, 1e12, 1,
					&e->min))
				continue;
			json_t *v = json_object_get(it, "value");
			if (!v) {
				bs_chk_at_member(&L->c, it, NULL,
						 "a step needs a \"value\"");
				continue;
			}
			if (c->nsteps &&
			    e->min >= c->steps[c->nsteps - 1].min) {
				bs_chk_at_member(&L->c, it, "min",
						 "steps must go from the "
						 "highest min to the lowest");
				continue;
			}
			if (parse_value(L, ch, it, "value", 0, v, &e->v) == 0)
				c->nsteps++;
		}
	}
	json_t *def = json_object_get(o, "default");
	if (def && parse_value(L, ch, o, "default", 0, def, &c->def) == 0)
		c->has_default = 1;
	json_t *tmpl = json_object_get(o, "template");
	if (tmpl && ch != BS_VL_LABEL && ch != BS_VL_MARKING) {
		bs_chk_at_key(&L->c, o, "template",
			      "only the label and marking channels take a "
			      "template");
	} else if (tmpl &&
		   parse_value(L, ch, o, "template", 0, tmpl, &c->tmpl) == 0) {
		c->has_template = 1;
	}
	/* entries that were given but are broken have their own errors */
	int given =
	    json_object_size(scale) || json_array_size(steps) || def || tmpl;
	if (!given) {
		bs_chk_at_member(&L->c, o, NULL,
				 "channel '%s' maps no value to anything",
				 bs_vl_channel_names[ch]);
		bs_chk_hint(&L->c, "give it a \"scale\", \"steps\" or a "
				   "\"default\"");
	}
}

static const char *const top_keys[] = {"about",	 "canvas",   "font", "describe",
				       "shapes", "channels", "lint", NULL};
static const char *const lint_keys[] = {"delta_e", "max_elements",
					"max_name_words", NULL};
static const char *const canvas_keys[] = {"size", "margin", NULL};
static const char *const shape_keys[] = {"path", "box", "file", NULL};

static void load_shapes(loader *L, const json_t *shapes)
{
	bs_vlang *vl = L->vl;
	size_t n = NBUILTIN + (shapes ? json_object_size(shapes) : 0);
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
		place_shape(vl, sh, d.ptr, b->box);
		bs_buf_free(&d);
	}
	if (!shapes)
		return;
	const char *name;
	json_t *o;
	json_object_foreach((json_t *)shapes, name, o)
	{
		if (!json_is_object(o)) {
			bs_chk_at_member(&L->c, shapes, name,
					 "a shape must be {\"path\": ..., "
					 "\"box\": [x, y, w, h]} or "
					 "{\"file\": ...}");
			continue;
		}
		if (find_shape(vl, name) >= 0) {
			bs_chk_at_key(&L->c, shapes, name,
				      "shape '%s' is already defined", name);
			continue;
		}
		bs_chk_keys(&L->c, o, shape_keys, "a shape");
		const char *file = bs_chk_str(&L->c, o, "file", 0);
		const char *path = bs_chk_str(&L->c, o, "path", !file);
		if (!path && !file)
			continue; /* reported: a shape needs one of them */
		double box[4] = {0, 0, 0, 0};
		if (path) {
			json_t *bx = bs_chk_arr(&L->c, o, "box", 1, 0);
			size_t nb = bx ? json_array_size(bx) : 0;
			for (size_t i = 0; i < nb && i < 4; i++)
				box[i] =
				    json_number_value(json_array_get(bx, i));
			if (bx && (nb != 4 || box[2] <= 0 || box[3] <= 0)) {
				bs_chk_at_member(
				    &L->c, o, "box",
				    "box must be [x, y, width, "
				    "height] with a positive size");
				continue;
			}
			if (!bx)
				continue;
		}
		char *own = NULL;
		if (file && !path) {
			/* the first <path> of an SVG file and its viewBox */
			int l = 0, c = 0, kl, kc;
			bs_jpos_member(L->c.pos, o, "file", &kl, &kc, &l, &c);
			bs_source src;
			if (bs_files_read(&src, L->root, file, L->c.src, l, c,
					  L->c.d)) {
				L->c.errors++;
				continue;
			}
			bs_key_add_str(&L->vl->key, file);
			bs_key_add(&L->vl->key, src.text, src.len);
			xmlDoc *doc =
			    xmlReadMemory(src.text, (int)src.len, file, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
			xmlNode *r = doc ? xmlDocGetRootElement(doc) : NULL;
			xmlChar *vb =
			    r ? xmlGetProp(r, (const xmlChar *)"viewBox")
			      : NULL;
			xmlNode *pe = r ? r->children : NULL;
			while (pe && !(pe->type == XML_ELEMENT_NODE &&
				       !strcmp((const char *)pe->name, "path")))
				pe = pe->next;
			xmlChar *dd =
			    pe ? xmlGetProp(pe, (const xmlChar *)"d") : NULL;
			const char *p = (const char *)vb;
			int nb = 0;
			if (p) {
				skip_sep(&p);
				while (nb < 4 && svg_number(&p, &box[nb])) {
					nb++;
					skip_sep(&p);
				}
			}
			if (dd && nb == 4 && box[2] > 0 && box[3] > 0 &&
			    !(doc && doc->intSubset))
				own = bs_xstrdup((const char *)dd);
			xmlFree(vb);
			xmlFree(dd);
			if (doc)
				xmlFreeDoc(doc);
			bs_source_free(&src);
			if (!own) {
				bs_chk_at_member(&L->c, o, "file",
						 "%s needs a viewBox and a "
						 "<path d> at its top level",
						 file);
				continue;
			}
			path = own;
		}
		bs_vl_shape *sh = &vl->shapes[vl->nshapes];
		sh->name = bs_xstrdup(name);
		if (place_shape(vl, sh, path, box) < 0) {
			bs_chk_at_member(&L->c, o, own ? "file" : "path",
					 "shape '%s' is not path data that "
					 "draws something",
					 name);
			free(sh->name);
			free(sh->d);
			free(sh->half);
			memset(sh, 0, sizeof *sh);
		} else {
			vl->nshapes++;
		}
		free(own);
	}
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void load_font(loader *L, const json_t *top)
{
	bs_vlang *vl = L->vl;
	const char *rel = bs_chk_str(&L->c, top, "font", 0);
	char *full = NULL;
	if (rel && bs_files_safe(rel)) {
		full = bs_xasprintf("%s/%s", L->root, rel);
		if (!file_exists(full)) {
			bs_chk_at_member(&L->c, top, "font",
					 "font file '%s' not found", rel);
			bs_chk_hint(&L->c, "put the .ttf or .otf file under "
					   "assets/fonts/, or remove \"font\" "
					   "to use DejaVu Sans Bold");
			free(full);
			return;
		}
	} else if (rel) {
		bs_chk_at_member(&L->c, top, "font",
				 "font path '%s' points outside the site", rel);
	}
	vl->font_file = full ? full : bs_xstrdup(DEFAULT_FONT);
	bs_key_add_str(&vl->key, full ? rel : DEFAULT_FONT);
	bs_key_add_file(&vl->key, vl->font_file);
	int count = 0;
	FcPattern *p =
	    FcFreeTypeQuery((const FcChar8 *)vl->font_file, 0, NULL, &count);
	FcChar8 *fam = NULL;
	if (!p || FcPatternGetString(p, FC_FAMILY, 0, &fam) != FcResultMatch) {
		bs_chk_at_member(&L->c, top, rel ? "font" : NULL,
				 "cannot read the font %s", vl->font_file);
		bs_chk_hint(&L->c, "name a TrueType or OpenType file, or "
				   "install fonts-dejavu-core");
	} else {
		vl->font_family = bs_xstrdup((const char *)fam);
	}
	if (p)
		FcPatternDestroy(p);
}

int bs_vlang_load(bs_vlang **out, const char *site_root, const bs_source *src,
		  bs_diags *d)
{
	*out = NULL;
	json_t *j = NULL;
	bs_jpos *pos = NULL;
	if (bs_json_parse_file(&j, &pos, src, d))
		return BS_ECONTENT;
	bs_vlang *vl = bs_xcalloc(1, sizeof *vl);
	vl->spec_path = bs_xstrdup(src->path);
	bs_key_init(&vl->key);
	bs_key_add(&vl->key, src->text, src->len);
	loader L = {{src, pos, d, 0}, vl, site_root};
	if (!json_is_object(j)) {
		bs_diag_at(d, BS_ERROR, src, 1, 1,
			   "the visual language must be a JSON object");
		L.c.errors++;
		goto done;
	}
	bs_chk_keys(&L.c, j, top_keys, "the visual language");
	vl->size = 600;
	vl->margin = 12;
	json_t *canvas = bs_chk_obj(&L.c, j, "canvas", 0);
	if (canvas) {
		bs_chk_keys(&L.c, canvas, canvas_keys, "the canvas");
		bs_chk_num(&L.c, canvas, "size", 64, 4096, 0, &vl->size);
		bs_chk_num(&L.c, canvas, "margin", 0, vl->size / 4, 0,
			   &vl->margin);
	}
	vl->lint.delta_e = 10;
	vl->lint.max_elements = 9;
	vl->lint.max_words = 3;
	json_t *lint = bs_chk_obj(&L.c, j, "lint", 0);
	if (lint) {
		long n;
		bs_chk_keys(&L.c, lint, lint_keys, "the lint limits");
		bs_chk_num(&L.c, lint, "delta_e", 0, 100, 0, &vl->lint.delta_e);
		if (bs_chk_int(&L.c, lint, "max_elements", 1, 100, 0, &n))
			vl->lint.max_elements = (int)n;
		if (bs_chk_int(&L.c, lint, "max_name_words", 1, 100, 0, &n))
			vl->lint.max_words = (int)n;
	}
	load_font(&L, j);
	const char *desc = bs_chk_str(&L.c, j, "describe", 0);
	vl->describe =
	    bs_xstrdup(desc ? desc
			    : "{{class_name}}, {{formality}}: {{@shape}}"
			      "{{#hours}}, {{hours}} hours{{/hours}}");
	load_shapes(&L, bs_chk_obj(&L.c, j, "shapes", 0));
	json_t *chans = bs_chk_obj(&L.c, j, "channels", 1);
	if (chans) {
		bs_chk_keys(&L.c, chans, bs_vl_channel_names, "channels");
		for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
			if (json_object_get(chans, bs_vl_channel_names[ch]))
				load_channel(&L, ch, chans);
		}
		for (int ch = BS_VL_SHAPE; ch <= BS_VL_FILL; ch++)
			if (!vl->ch[ch].present) {
				bs_chk_at_member(&L.c, j, "channels",
						 "the '%s' channel is required",
						 bs_vl_channel_names[ch]);
			}
	}
done:
	/* kept so the lint can point into the spec */
	vl->json = j;
	vl->pos = pos;
	if (L.c.errors ||
	    bs_source_from(&vl->src, src->path, src->text, src->len, d)) {
		bs_vlang_free(vl);
		return BS_ECONTENT;
	}
	*out = vl;
	return BS_OK;
}

static void free_value(bs_vl_value *v) { free(v->text); }

void bs_vlang_free(bs_vlang *vl)
{
	if (!vl)
		return;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		bs_vl_channel *c = &vl->ch[ch];
		free(c->field);
		free(c->title);
		free(c->about);
		for (size_t i = 0; i < c->nscale; i++) {
			free(c->scale[i].key);
			free_value(&c->scale[i].v);
		}
		free(c->scale);
		for (size_t i = 0; i < c->nsteps; i++)
			free_value(&c->steps[i].v);
		free(c->steps);
		free_value(&c->def);
		free_value(&c->tmpl);
	}
	for (size_t i = 0; i < vl->nshapes; i++) {
		free(vl->shapes[i].name);
		free(vl->shapes[i].d);
		free(vl->shapes[i].half);
	}
	free(vl->shapes);
	for (size_t i = 0; i < vl->nicons; i++) {
		free(vl->icons[i].path);
		free(vl->icons[i].svg);
	}
	free(vl->icons);
	free(vl->spec_path);
	bs_source_free(&vl->src);
	json_decref(vl->json);
	bs_jpos_free(vl->pos);
	free(vl->font_file);
	free(vl->font_family);
	free(vl->describe);
	free(vl);
}

/* ---- resolving and checking ---- */

static void fact_text(bs_buf *b, const json_t *v)
{
	if (json_is_string(v))
		bs_buf_puts(b, json_string_value(v));
	else if (json_is_number(v))
		bs_buf_number(b, json_number_value(v));
	else if (json_is_boolean(v))
		bs_buf_puts(b, json_is_true(v) ? "yes" : "no");
}

const bs_vl_value *bs_vl_resolve(const bs_vlang *vl, int ch,
				 const json_t *facts, int *why)
{
	const bs_vl_channel *c = &vl->ch[ch];
	*why = 0;
	if (!c->present)
		return NULL;
	json_t *v = json_object_get(facts, c->field);
	if (!v || json_is_null(v)) {
		if (c->has_default)
			return &c->def;
		*why = ch == BS_VL_SHAPE || ch == BS_VL_FILL;
		return NULL;
	}
	if (json_is_number(v))
		for (size_t i = 0; i < c->nsteps; i++)
			if (json_number_value(v) >= c->steps[i].min)
				return &c->steps[i].v;
	bs_buf key = BS_BUF_INIT;
	fact_text(&key, v);
	const bs_vl_value *r = NULL;
	for (size_t i = 0; i < c->nscale && !r; i++)
		if (strcmp(c->scale[i].key, key.ptr) == 0)
			r = &c->scale[i].v;
	bs_buf_free(&key);
	if (r)
		return r;
	if (c->has_template)
		return &c->tmpl;
	if (c->has_default)
		return &c->def;
	*why = 2;
	return NULL;
}

int bs_vlang_check(const bs_vlang *vl, const json_t *facts,
		   const char *badge_path, bs_diags *d)
{
	int rc = BS_OK;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		int why;
		if (bs_vl_resolve(vl, ch, facts, &why) || !why)
			continue;
		const bs_vl_channel *c = &vl->ch[ch];
		const char *name = bs_vl_channel_names[ch];
		if (why == 1) {
			rc = bs_diag_file(d, BS_ERROR, badge_path, 0, 0,
					  "the badge has no '%s', which the "
					  "visual language's %s follows",
					  c->field, name);
			bs_diag_hint(d,
				     "fill in '%s', or give channels.%s a "
				     "\"default\" in %s",
				     c->field, name, vl->spec_path);
		} else {
			bs_buf v = BS_BUF_INIT;
			fact_text(&v, json_object_get(facts, c->field));
			rc = bs_diag_file(d, BS_ERROR, badge_path, 0, 0,
					  "%s '%s' has no %s in the visual "
					  "language",
					  c->field, v.ptr, name);
			bs_diag_hint(d,
				     "add \"%s\" to channels.%s.scale in %s, "
				     "or give the channel a \"default\"",
				     v.ptr, name, vl->spec_path);
			bs_buf_free(&v);
		}
	}
	return rc;
}

/* ---- templates ---- */

static void channel_text(bs_buf *out, const bs_vlang *vl, const char *name,
			 size_t n, const json_t *facts)
{
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		if (strlen(bs_vl_channel_names[ch]) != n ||
		    strncmp(bs_vl_channel_names[ch], name, n))
			continue;
		int why;
		const bs_vl_value *v = bs_vl_resolve(vl, ch, facts, &why);
		if (!v)
			return;
		switch (ch) {
		case BS_VL_SHAPE:
			bs_buf_puts(out, vl->shapes[v->index].name);
			break;
		case BS_VL_FILL:
		case BS_VL_ACCENT:
		case BS_VL_INK: bs_buf_puts(out, v->from); break;
		case BS_VL_BORDER:
		case BS_VL_STARS: bs_buf_number(out, v->num); break;
		case BS_VL_ICON:
			bs_buf_puts(out, vl->icons[v->index].path);
			break;
		case BS_VL_MARKING: bs_buf_puts(out, v->text); break;
		case BS_VL_LABEL: bs_vl_expand(out, vl, v->text, facts); break;
		}
	}
}

static void expand(bs_buf *out, const bs_vlang *vl, const char *t, size_t n,
		   const json_t *facts, int depth)
{
	size_t i = 0;
	while (i < n) {
		const char *open = NULL;
		for (size_t k = i; k + 1 < n; k++)
			if (t[k] == '{' && t[k + 1] == '{') {
				open = t + k;
				break;
			}
		if (!open) {
			bs_buf_put(out, t + i, n - i);
			return;
		}
		bs_buf_put(out, t + i, (size_t)(open - (t + i)));
		const char *name = open + 2;
		const char *close = NULL;
		for (const char *p = name; p + 1 < t + n; p++)
			if (p[0] == '}' && p[1] == '}') {
				close = p;
				break;
			}
		if (!close) {
			bs_buf_put(out, open, (size_t)(t + n - open));
			return;
		}
		size_t len = (size_t)(close - name);
		i = (size_t)(close + 2 - t);
		if (len && (name[0] == '#' || name[0] == '^') && depth < 8) {
			/* a section up to the matching {{/name}} */
			char *key = bs_xstrndup(name + 1, len - 1);
			char *end = bs_xasprintf("{{/%s}}", key);
			const char *body = t + i;
			const char *stop = NULL;
			size_t el = strlen(end);
			for (const char *p = body; p + el <= t + n; p++)
				if (strncmp(p, end, el) == 0) {
					stop = p;
					break;
				}
			if (!stop)
				stop = t + n;
			json_t *v = json_object_get(facts, key);
			int present =
			    v && !json_is_null(v) &&
			    !(json_is_string(v) && !json_string_length(v));
			if (present == (name[0] == '#'))
				expand(out, vl, body, (size_t)(stop - body),
				       facts, depth + 1);
			i = (size_t)(stop - t) + (stop < t + n ? el : 0);
			free(key);
			free(end);
		} else if (len && name[0] == '@') {
			channel_text(out, vl, name + 1, len - 1, facts);
		} else {
			char *key = bs_xstrndup(name, len);
			json_t *v = json_object_get(facts, key);
			if (v)
				fact_text(out, v);
			free(key);
		}
	}
}

void bs_vl_expand(bs_buf *out, const bs_vlang *vl, const char *tpl,
		  const json_t *facts)
{
	expand(out, vl, tpl, strlen(tpl), facts, 0);
}

/* ---- the legend ---- */

static void swatch(bs_buf *out, const char *colour)
{
	bs_buf_printf(out,
		      "<svg class=\"vl-swatch\" width=\"20\" height=\"20\" "
		      "viewBox=\"0 0 20 20\" aria-hidden=\"true\"><rect "
		      "width=\"20\" height=\"20\" rx=\"4\" fill=\"%s\" "
		      "stroke=\"#767676\"/></svg> <code>%s</code>",
		      colour, colour);
}

static void legend_value(bs_buf *out, const bs_vlang *vl, int ch,
			 const bs_vl_value *v)
{
	switch (ch) {
	case BS_VL_SHAPE: {
		const bs_vl_shape *sh = &vl->shapes[v->index];
		bs_buf_puts(out, "<svg class=\"vl-shape\" width=\"40\" "
				 "height=\"40\" viewBox=\"0 0 ");
		bs_buf_number(out, vl->size);
		bs_buf_putc(out, ' ');
		bs_buf_number(out, vl->size);
		bs_buf_printf(out,
			      "\" aria-hidden=\"true\"><path d=\"%s\" "
			      "fill=\"#595959\"/></svg> ",
			      sh->d);
		bs_buf_html(out, sh->name, strlen(sh->name));
		break;
	}
	case BS_VL_FILL:
		swatch(out, v->from);
		if (v->to[0]) {
			bs_buf_puts(out, " to ");
			swatch(out, v->to);
		}
		break;
	case BS_VL_ACCENT:
	case BS_VL_INK: swatch(out, v->from); break;
	case BS_VL_BORDER:
		bs_buf_puts(out, "a ring ");
		bs_buf_number(out, v->num);
		bs_buf_puts(out, " units wide");
		break;
	case BS_VL_STARS:
		bs_buf_number(out, v->num);
		bs_buf_puts(out, v->num == 1 ? " star" : " stars");
		break;
	case BS_VL_ICON: {
		const bs_vl_icon *ic = &vl->icons[v->index];
		bs_buf_puts(out, "<svg class=\"vl-icon\" width=\"32\" "
				 "height=\"32\" viewBox=\"");
		bs_buf_number(out, ic->x);
		bs_buf_putc(out, ' ');
		bs_buf_number(out, ic->y);
		bs_buf_putc(out, ' ');
		bs_buf_number(out, ic->w);
		bs_buf_putc(out, ' ');
		bs_buf_number(out, ic->h);
		bs_buf_printf(out,
			      "\" aria-hidden=\"true\" fill=\"#333333\" "
			      "color=\"#333333\">%s</svg> ",
			      ic->svg);
		bs_buf_html(out, ic->path, strlen(ic->path));
		break;
	}
	case BS_VL_MARKING:
	case BS_VL_LABEL:
		bs_buf_puts(out, "<q>");
		bs_buf_html(out, v->text, strlen(v->text));
		bs_buf_puts(out, "</q>");
		break;
	}
}

static void legend_row(bs_buf *out, const bs_vlang *vl, int ch,
		       const char *when, const bs_vl_value *v)
{
	bs_buf_puts(out, "<tr><th scope=\"row\">");
	bs_buf_html(out, when, strlen(when));
	bs_buf_puts(out, "</th><td>");
	legend_value(out, vl, ch, v);
	bs_buf_puts(out, "</td></tr>\n");
}

void bs_legend_html(bs_buf *out, const bs_vlang *vl)
{
	if (!vl)
		return;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		const bs_vl_channel *c = &vl->ch[ch];
		if (!c->present)
			continue;
		const char *title =
		    c->title ? c->title : bs_vl_channel_names[ch];
		bs_buf_printf(out,
			      "<section class=\"vl-channel\" id=\"vl-%s\">\n"
			      "<h3>",
			      bs_vl_channel_names[ch]);
		bs_buf_html(out, title, strlen(title));
		bs_buf_puts(out, "</h3>\n<p>Follows the badge field <code>");
		bs_buf_html(out, c->field, strlen(c->field));
		bs_buf_puts(out, "</code>.");
		if (c->about) {
			bs_buf_putc(out, ' ');
			bs_buf_html(out, c->about, strlen(c->about));
		}
		bs_buf_puts(out, "</p>\n<table>\n<thead><tr><th scope=\"col\">"
				 "When ");
		bs_buf_html(out, c->field, strlen(c->field));
		bs_buf_puts(out, " is</th><th scope=\"col\">the badge shows"
				 "</th></tr></thead>\n<tbody>\n");
		bs_buf when = BS_BUF_INIT;
		for (size_t i = 0; i < c->nsteps; i++) {
			bs_buf_clear(&when);
			bs_buf_number(&when, c->steps[i].min);
			bs_buf_puts(&when, " or more");
			legend_row(out, vl, ch, when.ptr, &c->steps[i].v);
		}
		for (size_t i = 0; i < c->nscale; i++)
			legend_row(out, vl, ch, c->scale[i].key,
				   &c->scale[i].v);
		bs_buf_free(&when);
		if (c->has_template)
			legend_row(out, vl, ch,
				   c->nscale || c->nsteps ? "any other value"
							  : "any value",
				   &c->tmpl);
		if (c->has_default)
			legend_row(out, vl, ch,
				   c->nscale || c->nsteps || c->has_template
				       ? "anything else or absent"
				       : "any value",
				   &c->def);
		bs_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	}
}
