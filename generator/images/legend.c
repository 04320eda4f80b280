/* legend.c: the visual-language legend: for each channel a table of its
 * values and what they show, in words (swatches, shapes and icons inline;
 * colours named, never given as codes). */
#include "images/legend.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

/* The sum of the channels of "#rrggbb": which of two is lighter. */
static unsigned long brightness(const char *hex)
{
	unsigned long v = strlen(hex) >= 7 ? strtoul(hex + 1, NULL, 16) : 0;
	return (v >> 16) + ((v >> 8) & 0xFF) + (v & 0xFF);
}

/* The name of colour "#rrggbb" in plain words ("dark blue", "gold"). */
static void colour_name(bs_buf *out, const char *hex)
{
	unsigned rgb[3] = {0, 0, 0};
	for (int i = 0; i < 3 && strlen(hex) >= 7; i++) {
		char two[3] = {hex[1 + 2 * i], hex[2 + 2 * i], 0};
		rgb[i] = (unsigned)strtoul(two, NULL, 16);
	}
	double r = rgb[0] / 255.0, g = rgb[1] / 255.0, b = rgb[2] / 255.0;
	double mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
	double mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
	double l = (mx + mn) / 2, d = mx - mn;
	double sat =
	    d == 0 ? 0 : d / (1 - (2 * l - 1 < 0 ? 1 - 2 * l : 2 * l - 1));
	if (sat < 0.12 || d < 0.06) {
		bs_buf_puts(out, l > 0.93   ? "white"
				 : l > 0.75 ? "light grey"
				 : l > 0.35 ? "grey"
				 : l > 0.12 ? "dark grey"
					    : "black");
		return;
	}
	double h = 0;
	if (mx == r)
		h = 60 * ((g - b) / d);
	else if (mx == g)
		h = 60 * ((b - r) / d + 2);
	else
		h = 60 * ((r - g) / d + 4);
	if (h < 0)
		h += 360;
	const char *hue = h < 15    ? "red"
			  : h < 38  ? "orange"
			  : h < 55  ? "gold"
			  : h < 70  ? "yellow"
			  : h < 165 ? "green"
			  : h < 195 ? "teal"
			  : h < 250 ? "blue"
			  : h < 290 ? "purple"
			  : h < 335 ? "pink"
				    : "red";
	const char *shade = l < 0.18   ? "very dark "
			    : l < 0.36 ? "dark "
			    : l > 0.8  ? "pale "
			    : l > 0.62 ? "light "
				       : "";
	bs_buf_printf(out, "%s%s%s", shade, sat < 0.3 ? "greyish " : "", hue);
}

static void swatch(bs_buf *out, const char *colour)
{
	bs_buf_printf(out,
		      "<svg class=\"vl-swatch\" width=\"20\" height=\"20\" "
		      "viewBox=\"0 0 20 20\" aria-hidden=\"true\"><rect "
		      "width=\"20\" height=\"20\" rx=\"4\" fill=\"%s\" "
		      "stroke=\"#767676\"/></svg> ",
		      colour);
	colour_name(out, colour);
}

/* What a value of text in words: the field's words, or the value. */
static const char *word(const json_t *words, const char *group,
			const char *code)
{
	const char *w = json_string_value(
	    json_object_get(json_object_get(words, group), code));
	return w ? w : code;
}

/* An icon's name from its file: "assets/icons/mortar-board.svg" is
 * "mortar board". */
static void icon_name(bs_buf *out, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	for (size_t i = 0; i < n; i++) {
		char c = base[i] == '-' || base[i] == '_' ? ' ' : base[i];
		bs_buf_html(out, &c, 1);
	}
}

/* A field's name in words: the site's word for it, else its code with
 * "_" read as a space ("short_name" is "short name"). */
static void field_words(bs_buf *out, const char *field, size_t n,
			const json_t *words)
{
	char *f = bs_xstrndup(field, n);
	const char *w = word(words, "fields", f);
	for (const char *c = w; *c; c++)
		bs_buf_html(out, *c == '_' ? " " : c, 1);
	free(f);
}

/* One tag of a label template: its kind ('#', '^', '/' or 0 for a
 * value) and its name, between *p and the end of the tag. */
typedef struct tag {
	const char *lit; /* the text before it */
	size_t nlit;
	char kind;
	const char *name;
	size_t nname;
	const char *next; /* after it */
} tag;

static int next_tag(tag *t, const char *p)
{
	const char *open = strstr(p, "{{");
	const char *close = open ? strstr(open, "}}") : NULL;
	t->lit = p;
	t->nlit = close ? (size_t)(open - p) : strlen(p);
	while (t->nlit && *t->lit == ' ')
		t->lit++, t->nlit--;
	while (t->nlit && t->lit[t->nlit - 1] == ' ')
		t->nlit--;
	if (!close) {
		t->next = p + strlen(p);
		return 0;
	}
	const char *a = open + 2, *b = close;
	t->kind = strchr("#^/", *a) ? *a++ : 0;
	while (a < b && strchr("{&! ", *a))
		a++;
	while (b > a && strchr("} ", b[-1]))
		b--;
	t->name = a;
	t->nname = (size_t)(b - a);
	t->next = close + 2 + (close[2] == '}');
	return 1;
}

static void part(bs_buf *out, int *first)
{
	if (!*first)
		bs_buf_puts(out, ", followed by ");
	*first = 0;
}

/* The words of the template from p up to the close of section (NULL:
 * the end); returns where it stopped. A section reads "..., if the badge
 * has a <field>", and a section followed by its inverse "... if the
 * badge has a <field>, otherwise ...". */
static const char *seq_words(bs_buf *out, const char *p, const char *sec,
			     size_t nsec, const json_t *words)
{
	int first = 1;
	tag t;
	for (;;) {
		int more = next_tag(&t, p);
		if (t.nlit) {
			part(out, &first);
			bs_buf_puts(out, "the text <q>");
			bs_buf_html(out, t.lit, t.nlit);
			bs_buf_puts(out, "</q>");
		}
		if (!more)
			return t.next;
		p = t.next;
		if (t.kind == '/') {
			if (sec && t.nname == nsec &&
			    !memcmp(t.name, sec, nsec))
				return p;
			continue;
		}
		part(out, &first);
		if (!t.kind) {
			bs_buf_puts(out, "the ");
			field_words(out, t.name, t.nname, words);
			continue;
		}
		bs_buf body = BS_BUF_INIT;
		p = seq_words(&body, p, t.name, t.nname, words);
		bs_buf_puts(out, body.ptr ? body.ptr : "nothing");
		bs_buf_puts(out, t.kind == '#' ? " if the badge has a "
					       : " if the badge has no ");
		field_words(out, t.name, t.nname, words);
		bs_buf_free(&body);
		/* {{#x}}..{{/x}}{{^x}}..{{/x}}: one choice */
		tag u;
		if (t.kind == '#' && next_tag(&u, p) && !u.nlit &&
		    u.kind == '^' && u.nname == t.nname &&
		    !memcmp(u.name, t.name, t.nname)) {
			bs_buf_puts(out, ", otherwise ");
			bs_buf alt = BS_BUF_INIT;
			p = seq_words(&alt, u.next, u.name, u.nname, words);
			bs_buf_puts(out, alt.ptr ? alt.ptr : "nothing");
			bs_buf_free(&alt);
		}
	}
}

/* A label template in words: each {{field}} named ("the learning hours,
 * followed by the text “h”"), sections as conditions. */
static void template_words(bs_buf *out, const char *t, const json_t *words)
{
	seq_words(out, t, NULL, 0, words);
}

/* "wide", "medium" or "thin", by v's place among c's ring widths. */
static const char *ring_width(const bs_vl_channel *c, double v)
{
	double mn = v, mx = v;
	for (size_t i = 0; i < c->nscale + c->nsteps; i++) {
		double x = i < c->nscale ? c->scale[i].v.num
					 : c->steps[i - c->nscale].v.num;
		mn = x < mn ? x : mn;
		mx = x > mx ? x : mx;
	}
	if (mn == mx)
		return "";
	return v == mx ? "wide " : v == mn ? "thin " : "medium ";
}

static void legend_value(bs_buf *out, const bs_vlang *vl, int ch,
			 const bs_vl_value *v, const json_t *words)
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
		icon_name(out, sh->name);
		break;
	}
	case BS_VL_FILL:
		swatch(out, v->from);
		if (v->to[0]) {
			bs_buf a = BS_BUF_INIT, b = BS_BUF_INIT;
			colour_name(&a, v->from);
			colour_name(&b, v->to);
			if (strcmp(a.ptr, b.ptr) == 0) /* "blue to blue" */
				bs_buf_printf(
				    out,
				    ", shading to a %s tone <svg "
				    "class=\"vl-swatch\" width=\"20\" "
				    "height=\"20\" viewBox=\"0 0 20 "
				    "20\" aria-hidden=\"true\"><rect "
				    "width=\"20\" height=\"20\" "
				    "rx=\"4\" fill=\"%s\" "
				    "stroke=\"#767676\"/></svg>",
				    brightness(v->to) < brightness(v->from)
					? "darker"
					: "lighter",
				    v->to);
			else {
				bs_buf_puts(out, ", shading to ");
				swatch(out, v->to);
			}
			bs_buf_free(&a);
			bs_buf_free(&b);
		}
		break;
	case BS_VL_ACCENT:
	case BS_VL_INK: swatch(out, v->from); break;
	case BS_VL_BORDER:
		bs_buf_printf(out, "a %sring",
			      ring_width(&vl->ch[BS_VL_BORDER], v->num));
		break;
	case BS_VL_STARS:
		if (v->num == 0) {
			bs_buf_puts(out, "no stars");
			break;
		}
		bs_buf_number(out, v->num);
		bs_buf_puts(out, v->num == 1 ? " star" : " stars");
		break;
	case BS_VL_ICON: {
		const bs_icon *ic = &vl->icons[v->index];
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
		icon_name(out, ic->path);
		break;
	}
	case BS_VL_MARKING:
		bs_buf_puts(out, "<q>");
		bs_buf_html(out, v->text, strlen(v->text));
		bs_buf_puts(out, "</q>");
		break;
	case BS_VL_LABEL:
	case BS_VL_CAPTION: template_words(out, v->text, words); break;
	}
}

/* The layout string key of the page's language (words.t), else dflt:
 * written as it is, like the strings a layout reads with {{{ }}}. */
static const char *tw(const json_t *words, const char *key, const char *dflt)
{
	const char *w = json_string_value(
	    json_object_get(json_object_get(words, "t"), key));
	return w ? w : dflt;
}

static void legend_row(bs_buf *out, const bs_vlang *vl, int ch,
		       const char *when, const bs_vl_value *v,
		       const json_t *words)
{
	bs_buf_puts(out, "<tr><th scope=\"row\">");
	bs_buf_html(out, when, strlen(when));
	bs_buf_puts(out, "</th><td>");
	legend_value(out, vl, ch, v, words);
	bs_buf_puts(out, "</td></tr>\n");
}

void bs_legend_html(bs_buf *out, const bs_vlang *vl, const json_t *words)
{
	if (!vl)
		return;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		const bs_vl_channel *c = &vl->ch[ch];
		if (!c->present)
			continue;
		const char *title =
		    c->title ? c->title : bs_vl_channel_names[ch];
		const char *field = word(words, "fields", c->field);
		bs_buf_printf(out,
			      "<section class=\"vl-channel\" id=\"vl-%s\">\n"
			      "<h3>",
			      bs_vl_channel_names[ch]);
		bs_buf_html(out, title, strlen(title));
		bs_buf_printf(out, "</h3>\n<p>%s ",
			      tw(words, "vl_follows", "Follows the badge's"));
		bs_buf_html(out, field, strlen(field));
		bs_buf_puts(out, ".");
		if (c->about) {
			bs_buf_putc(out, ' ');
			bs_buf_html(out, c->about, strlen(c->about));
		}
		bs_buf_puts(out,
			    "</p>\n<table>\n<thead><tr><th scope=\"col\">");
		/* the column names the field: "Learning hours" */
		if (field[0] >= 'a' && field[0] <= 'z') {
			char up = (char)(field[0] - 'a' + 'A');
			bs_buf_putc(out, up);
			bs_buf_html(out, field + 1, strlen(field + 1));
		} else {
			bs_buf_html(out, field, strlen(field));
		}
		bs_buf_printf(out,
			      "</th><th scope=\"col\">%s"
			      "</th></tr></thead>\n<tbody>\n",
			      tw(words, "vl_shows", "Shows"));
		bs_buf when = BS_BUF_INIT;
		for (size_t i = 0; i < c->nsteps; i++) {
			bs_buf_clear(&when);
			bs_buf_number(&when, c->steps[i].min);
			bs_buf_printf(&when, " %s",
				      tw(words, "vl_or_more", "or more"));
			legend_row(out, vl, ch, when.ptr, &c->steps[i].v,
				   words);
		}
		const json_t *values =
		    json_object_get(json_object_get(words, "values"), c->field);
		for (size_t i = 0; i < c->nscale; i++) {
			const char *key = c->scale[i].key;
			const char *w =
			    json_string_value(json_object_get(values, key));
			/* where the site names every value of the field (its
			 * classes, formality levels), a key it does not name
			 * matches no badge: a spec shared between sites */
			if (values && !w)
				continue;
			legend_row(out, vl, ch, w ? w : key, &c->scale[i].v,
				   words);
		}
		bs_buf_free(&when);
		if (c->has_template)
			legend_row(out, vl, ch,
				   c->nscale || c->nsteps ? "any other value"
							  : "any value",
				   &c->tmpl, words);
		if (c->has_default)
			legend_row(out, vl, ch,
				   c->nscale || c->nsteps || c->has_template
				       ? "anything else or absent"
				       : "every badge",
				   &c->def, words);
		bs_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	}
}
