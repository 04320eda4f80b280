/* meta.c: a badge image's metadata as SVG <metadata> (RDF, Dublin Core)
 * and as part of its cache key. */
#include "images/meta.h"

#include <string.h>

static void dc(bs_buf *out, const char *term, const char *v)
{
	if (!v || !v[0])
		return;
	bs_buf_printf(out, "<dc:%s>", term);
	bs_buf_xml(out, v, strlen(v));
	bs_buf_printf(out, "</dc:%s>", term);
}

void bs_meta_svg_insert(bs_buf *svg, const bs_img_meta *m)
{
	static const char mark[] = "</desc>\n";
	const char *at = svg->ptr ? strstr(svg->ptr, mark) : NULL;
	if (!m || !at)
		return;
	size_t pos = (size_t)(at - svg->ptr) + sizeof mark - 1;
	bs_buf md = BS_BUF_INIT;
	bs_buf_puts(&md, "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/"
			 "1999/02/22-rdf-syntax-ns#\" xmlns:dc=\"http://"
			 "purl.org/dc/elements/1.1/\"><rdf:Description");
	if (m->source && m->source[0]) {
		bs_buf_puts(&md, " rdf:about=\"");
		bs_buf_xml(&md, m->source, strlen(m->source));
		bs_buf_putc(&md, '"');
	}
	bs_buf_putc(&md, '>');
	dc(&md, "title", m->title);
	dc(&md, "description", m->description);
	dc(&md, "source", m->source);
	dc(&md, "creator", m->author);
	dc(&md, "rights", m->licence);
	bs_buf_puts(&md, "</rdf:Description></rdf:RDF></metadata>\n");
	bs_buf rest = BS_BUF_INIT;
	bs_buf_put(&rest, svg->ptr + pos, svg->len - pos);
	svg->len = pos;
	bs_buf_put(svg, md.ptr, md.len);
	bs_buf_put(svg, rest.ptr, rest.len);
	bs_buf_free(&md);
	bs_buf_free(&rest);
}

void bs_meta_key(bs_key *k, const bs_img_meta *m)
{
	const char *v[5] = {m->title, m->description, m->source, m->author,
			    m->licence};
	for (size_t i = 0; i < 5; i++) {
		bs_key_add_str(k, v[i] ? v[i] : "");
		bs_key_add(k, "", 1); /* a separator no string holds */
	}
}
