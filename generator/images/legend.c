/* legend.c: the visual-language legend: for each channel a table of its
 * values and what they show (swatches, shapes and icons inline). */
#include "images/legend.h"

#include <string.h>

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
		bs_buf_html(out, ic->path, strlen(ic->path));
		break;
	}
	case BS_VL_MARKING:
	case BS_VL_LABEL:
	case BS_VL_CAPTION:
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
