/* designer.c: a designer's own SVG made safe: icons, shape files and
 * whole badge drawings (parsed by libxml2, kept through the allow-lists
 * here), and checked badge PNGs. */
#include "images/designer.h"

#include "base/alloc.h"
#include "images/shapes.h"
#include "input/files.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

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
	bs_shape_skip_sep(&p);
	while (*p) {
		if (bs_shape_parse_number(&p, &v) < 0)
			return 0;
		n++;
		bs_shape_skip_sep(&p);
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
			if (bs_shape_rewrite_path(&b, v, 1, 0, 0) < 0)
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

/* More elements than BS_SVG_MAX_ELEMENTS, or nested deeper than
 * BS_SVG_MAX_DEPTH, under root (the file rel): reported at the first
 * element past a limit, 1; else 0. Walks without recursion. */
static int too_much(icon_ctx *ic, xmlNode *root, const char *rel)
{
	long count = 0;
	int depth = 1;
	for (xmlNode *n = root; n;) {
		if (n->type == XML_ELEMENT_NODE &&
		    (++count > BS_SVG_MAX_ELEMENTS ||
		     depth > BS_SVG_MAX_DEPTH)) {
			int deep = count <= BS_SVG_MAX_ELEMENTS;
			bs_diag_at(
			    ic->d, BS_ERROR, ic->src, (int)xmlGetLineNo(n), 0,
			    deep ? "%s nests elements more than %d deep"
				 : "%s has more than %d elements",
			    rel, deep ? BS_SVG_MAX_DEPTH : BS_SVG_MAX_ELEMENTS);
			bs_diag_hint(
			    ic->d,
			    "an icon or badge drawing may have at most "
			    "%d elements, nested at most %d deep: "
			    "simplify it (merge shapes into paths, "
			    "ungroup)",
			    BS_SVG_MAX_ELEMENTS, BS_SVG_MAX_DEPTH);
			ic->errors++;
			return 1;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children, depth++;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent, depth--;
		n = n == root ? NULL : n->next;
	}
	return 0;
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

int bs_designer_icon(bs_icon *out, const bs_source *src, const char *rel,
		     bs_diags *d)
{
	/* no network, no entity expansion, no DTD at all */
	xmlDoc *doc = has_dtd(src->text)
			  ? NULL
			  : xmlReadMemory(src->text, (int)src->len, rel, NULL,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
					      XML_PARSE_NOWARNING);
	icon_ctx ic = {src, rel, d, 0};
	xmlNode *root_el = doc ? xmlDocGetRootElement(doc) : NULL;
	double box[4] = {0, 0, 0, 0};
	bs_buf out_svg = BS_BUF_INIT;
	if (has_dtd(src->text) || (doc && doc->intSubset)) {
		bs_diag_at(d, BS_ERROR, src, has_dtd(src->text), 0,
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
			bs_shape_skip_sep(&p);
			while (nb < 4 &&
			       bs_shape_parse_number(&p, &box[nb]) == 0) {
				nb++;
				bs_shape_skip_sep(&p);
			}
		}
		if (nb != 4 || box[2] <= 0 || box[3] <= 0)
			icon_err(&ic, root_el,
				 "%s needs a viewBox=\"x y width height\"",
				 rel);
		xmlFree(vb);
		if (!too_much(&ic, root_el, rel))
			for (xmlNode *c = root_el->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE)
					icon_elem(&out_svg, &ic, c);
		if (!ic.errors && out_svg.len == 0)
			icon_err(&ic, root_el, "%s draws nothing", rel);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (ic.errors) {
		bs_buf_free(&out_svg);
		return BS_ECONTENT;
	}
	out->path = bs_xstrdup(rel);
	out->svg = bs_buf_detach(&out_svg);
	out->x = box[0], out->y = box[1], out->w = box[2], out->h = box[3];
	return BS_OK;
}

int bs_designer_read_shape(char **d, double box[4], const bs_source *src,
			   const char *rel)
{
	xmlDoc *doc = xmlReadMemory(src->text, (int)src->len, rel, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	xmlNode *r = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *vb = r ? xmlGetProp(r, (const xmlChar *)"viewBox") : NULL;
	xmlNode *pe = r ? r->children : NULL;
	while (pe && !(pe->type == XML_ELEMENT_NODE &&
		       !strcmp((const char *)pe->name, "path")))
		pe = pe->next;
	xmlChar *dd = pe ? xmlGetProp(pe, (const xmlChar *)"d") : NULL;
	const char *p = (const char *)vb;
	int nb = 0;
	if (p) {
		bs_shape_skip_sep(&p);
		while (nb < 4 && bs_shape_parse_number(&p, &box[nb]) == 0) {
			nb++;
			bs_shape_skip_sep(&p);
		}
	}
	*d = NULL;
	if (dd && nb == 4 && box[2] > 0 && box[3] > 0 &&
	    !(doc && doc->intSubset))
		*d = bs_xstrdup((const char *)dd);
	xmlFree(vb);
	xmlFree(dd);
	if (doc)
		xmlFreeDoc(doc);
	return *d ? BS_OK : BS_ECONTENT;
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
	const char *prefix; /* "bs-<badge id>-", "" for an asset */
	int asset;	    /* a file of assets/: kept a whole SVG, with its
			       size, title and accessible name */
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
		if (bs_shape_rewrite_path(&b, v, 1, 0, 0) < 0) {
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

/* An id reference list ("t d") of aria-labelledby; 1 when well-formed. */
static int id_list(const char *v)
{
	size_t n = 0;
	for (const char *p = v;; p += n) {
		p += strspn(p, " ");
		if (!*p)
			return n > 0;
		n = strcspn(p, " ");
		char *t = bs_xasprintf("#%.*s", (int)n, p);
		int ok = local_ref(t, n + 1);
		free(t);
		if (!ok)
			return 0;
	}
}

/* An asset's <svg>: xmlns, then its viewBox, size and accessible name,
 * when they are well-formed. */
static void own_root(bs_buf *out, own_ctx *oc, xmlNode *el)
{
	bs_buf_puts(out, " xmlns=\"http://www.w3.org/2000/svg\"");
	static const char *const keep[] = {
	    "viewBox",	  "width",	     "height", "role",
	    "aria-label", "aria-labelledby", NULL};
	for (size_t i = 0; keep[i]; i++) {
		xmlChar *val = xmlGetNoNsProp(el, (const xmlChar *)keep[i]);
		const char *v = (const char *)val;
		if (!v) {
			continue;
		} else if (i == 0) {
			if (is_numbers(v, 1))
				bs_buf_printf(out, " viewBox=\"%s\"", v);
		} else if (i <= 2) {
			own_attr(out, oc, el, keep[i], v);
		} else if (i == 3) {
			if (strcmp(v, "img") == 0)
				bs_buf_puts(out, " role=\"img\"");
		} else if (i == 4) {
			bs_buf_puts(out, " aria-label=\"");
			bs_buf_xml(out, v, strlen(v));
			bs_buf_putc(out, '"');
		} else if (id_list(v)) {
			bs_buf_printf(out, " %s=\"%s\"", keep[i], v);
		}
		xmlFree(val);
	}
}

/* An asset's <title> or <desc>: its text only, and its id. */
static void own_text(bs_buf *out, own_ctx *oc, xmlNode *el)
{
	const char *name = (const char *)el->name;
	if (strcmp(name, "metadata") == 0)
		return;
	bs_buf_printf(out, "<%s", name);
	xmlChar *id = xmlGetNoNsProp(el, (const xmlChar *)"id");
	if (id)
		own_attr(out, oc, el, "id", (const char *)id);
	xmlFree(id);
	bs_buf_putc(out, '>');
	xmlChar *text = xmlNodeGetContent(el);
	if (text)
		bs_buf_xml(out, (const char *)text, strlen((const char *)text));
	xmlFree(text);
	bs_buf_printf(out, "</%s>", name);
}

static void own_elem(bs_buf *out, own_ctx *oc, xmlNode *el, int root)
{
	const char *name = (const char *)el->name;
	int svgns = el->ns && strcmp((const char *)el->ns->href,
				     "http://www.w3.org/2000/svg") == 0;
	/* editors' own elements (sodipodi, rdf) draw nothing */
	if (!svgns && el->ns)
		return;
	if (svgns && !oc->asset && in_list(name, own_dropped))
		return;
	if (oc->asset && svgns && in_list(name, own_dropped)) {
		own_text(out, oc, el);
		return;
	}
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
			 oc->asset ? "a published SVG may hold only drawing "
				     "elements, not <%s>"
				   : "a badge image may hold only drawing "
				     "elements, not <%s>",
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
	const char *tag = root && !oc->asset ? "g" : name;
	bs_buf_printf(out, "<%s", tag);
	if (root && oc->asset)
		own_root(out, oc, el);
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
		} else if (root && oc->asset) {
			/* written by own_root */
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
		bs_shape_skip_sep(&p);
		while (nb < 4 && bs_shape_parse_number(&p, &box[nb]) == 0) {
			nb++;
			bs_shape_skip_sep(&p);
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

/* Clean the SVG file rel into out: a badge drawing (facts set) wrapped
 * with the badge's name and desc, or an asset (facts NULL) as its own
 * whole <svg>. */
static int own_svg(bs_buf *out, const char *desc, const char *root,
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
	bs_buf_puts(&prefix, facts ? "bs-" : "");
	for (const char *p = id ? id : ""; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-')
			bs_buf_putc(&prefix, *p);
	if (facts)
		bs_buf_putc(&prefix, '-');
	own_ctx oc = {{&src, rel, d, 0}, prefix.ptr, !facts};
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
	} else if (!too_much(&oc.ic, r, rel)) {
		own_elem(&body, &oc, r, 1);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (oc.ic.errors) {
		if (from && line) /* point at the field as well */
			bs_diag_at(d, BS_NOTE, from, line, col,
				   "the badge's image is named here");
		rc = BS_ECONTENT;
	} else if (!facts) {
		bs_buf_printf(out, "%s\n", body.ptr);
	} else {
		const char *name =
		    json_string_value(json_object_get(facts, "name"));
		if (!name)
			name = "";
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
		bs_buf_xml(out, desc, strlen(desc));
		bs_buf_puts(out, "\">\n<title>");
		bs_buf_xml(out, name, strlen(name));
		bs_buf_puts(out, "</title>\n<desc>");
		bs_buf_xml(out, desc, strlen(desc));
		bs_buf_printf(out, "</desc>\n%s\n</svg>\n", body.ptr);
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

int bs_designer_image(bs_buf *out, const char *desc, const char *site_root,
		      const char *rel, const json_t *facts,
		      const bs_source *from, int line, int col, bs_diags *d)
{
	size_t n = strlen(rel);
	if (n > 4 && strcmp(rel + n - 4, ".svg") == 0)
		return own_svg(out, desc, site_root, rel, facts, from, line,
			       col, d);
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

int bs_designer_clean(bs_buf *out, const char *site_root, const char *rel,
		      bs_diags *d)
{
	bs_buf_init(out);
	return own_svg(out, NULL, site_root, rel, NULL, NULL, 0, 0, d);
}
