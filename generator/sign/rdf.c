/* rdf.c: RDF quads, their canonical N-Quads form and an N-Quads reader. */
#include "sign/rdf.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

void bs_rdf_dataset_free(bs_rdf_dataset *ds)
{
	for (size_t i = 0; i < ds->n; i++) {
		bs_rdf_term *t[4] = {&ds->v[i].s, &ds->v[i].p, &ds->v[i].o,
				     &ds->v[i].g};
		for (int k = 0; k < 4; k++) {
			free(t[k]->value);
			free(t[k]->datatype);
			free(t[k]->lang);
		}
	}
	free(ds->v);
	ds->v = NULL;
	ds->n = ds->cap = ds->blanks = 0;
}

size_t bs_rdf_blank(bs_rdf_dataset *ds) { return ds->blanks++; }

bs_rdf_term bs_rdf_iri(const char *iri)
{
	bs_rdf_term t = {BS_RDF_IRI, (char *)iri, strlen(iri), 0, NULL, NULL};
	return t;
}

bs_rdf_term bs_rdf_bnode(size_t blank)
{
	bs_rdf_term t = {BS_RDF_BLANK, NULL, 0, blank, NULL, NULL};
	return t;
}

bs_rdf_term bs_rdf_literal(const char *value, size_t len, const char *datatype,
			   const char *lang)
{
	bs_rdf_term t = {BS_RDF_LITERAL,
			 (char *)value,
			 len,
			 0,
			 (char *)(lang ? BS_RDF_LANGSTRING : datatype),
			 (char *)lang};
	return t;
}

bs_rdf_term bs_rdf_default_graph(void)
{
	bs_rdf_term t = {BS_RDF_DEFAULT, NULL, 0, 0, NULL, NULL};
	return t;
}

static bs_rdf_term copy_term(bs_rdf_term t)
{
	bs_rdf_term c = t;
	if (t.value) {
		c.value = bs_xmalloc(t.len + 1);
		memcpy(c.value, t.value, t.len);
		c.value[t.len] = '\0';
	}
	c.datatype = t.datatype ? bs_xstrdup(t.datatype) : NULL;
	c.lang = t.lang ? bs_xstrdup(t.lang) : NULL;
	return c;
}

void bs_rdf_add(bs_rdf_dataset *ds, bs_rdf_term s, bs_rdf_term p, bs_rdf_term o,
		bs_rdf_term g)
{
	bs_xgrow((void **)&ds->v, &ds->cap, ds->n + 1, sizeof *ds->v);
	bs_rdf_quad *q = &ds->v[ds->n++];
	q->s = copy_term(s);
	q->p = copy_term(p);
	q->o = copy_term(o);
	q->g = copy_term(g);
}

/* ---- writing -------------------------------------------------------- */

static void write_iri(bs_buf *out, const char *s, size_t n)
{
	bs_buf_putc(out, '<');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' ||
		    c == '}' || c == '|' || c == '^' || c == '`' || c == '\\')
			bs_buf_printf(out, "\\u%04X", c);
		else
			bs_buf_putc(out, (char)c);
	}
	bs_buf_putc(out, '>');
}

static void write_string(bs_buf *out, const char *s, size_t n)
{
	bs_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;
		switch (c) {
		case '\b': e = "\\b"; break;
		case '\t': e = "\\t"; break;
		case '\n': e = "\\n"; break;
		case '\f': e = "\\f"; break;
		case '\r': e = "\\r"; break;
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		default: break;
		}
		if (e)
			bs_buf_puts(out, e);
		else if (c < 0x20 || c == 0x7f)
			bs_buf_printf(out, "\\u%04X", c);
		else
			bs_buf_putc(out, (char)c);
	}
	bs_buf_putc(out, '"');
}

static void write_term(bs_buf *out, const bs_rdf_term *t, bs_rdf_label_fn label,
		       void *ctx)
{
	switch (t->kind) {
	case BS_RDF_IRI: write_iri(out, t->value, t->len); break;
	case BS_RDF_BLANK:
		bs_buf_puts(out, "_:");
		bs_buf_puts(out, label(t->blank, ctx));
		break;
	case BS_RDF_LITERAL:
		write_string(out, t->value, t->len);
		if (t->lang) {
			bs_buf_putc(out, '@');
			bs_buf_puts(out, t->lang);
		} else if (strcmp(t->datatype, BS_RDF_XSD_STRING) != 0) {
			bs_buf_puts(out, "^^");
			write_iri(out, t->datatype, strlen(t->datatype));
		}
		break;
	case BS_RDF_DEFAULT: break;
	}
}

void bs_rdf_write_quad(bs_buf *out, const bs_rdf_quad *q, bs_rdf_label_fn label,
		       void *ctx)
{
	write_term(out, &q->s, label, ctx);
	bs_buf_putc(out, ' ');
	write_term(out, &q->p, label, ctx);
	bs_buf_putc(out, ' ');
	write_term(out, &q->o, label, ctx);
	if (q->g.kind != BS_RDF_DEFAULT) {
		bs_buf_putc(out, ' ');
		write_term(out, &q->g, label, ctx);
	}
	bs_buf_puts(out, " .\n");
}

/* ---- reading -------------------------------------------------------- */

typedef struct reader {
	const char *s, *end, *line_start;
	int line;
	const char *name;
	bs_diags *d;
	char **labels; /* blank node labels of this text, by number - base */
	size_t nlabels, cap, base;
	bs_rdf_dataset *ds;
} reader;

static int fail(reader *r, const char *what)
{
	return bs_diag_file(r->d, BS_ERROR, r->name, r->line,
			    (int)(r->s - r->line_start) + 1, "N-Quads: %s",
			    what);
}

static void skip_ws(reader *r)
{
	while (r->s < r->end && (*r->s == ' ' || *r->s == '\t'))
		r->s++;
}

static void put_utf8(bs_buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		bs_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		bs_buf_putc(b, (char)(0xc0 | cp >> 6));
		bs_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		bs_buf_putc(b, (char)(0xe0 | cp >> 12));
		bs_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		bs_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		bs_buf_putc(b, (char)(0xf0 | cp >> 18));
		bs_buf_putc(b, (char)(0x80 | (cp >> 12 & 0x3f)));
		bs_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3f)));
		bs_buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A \u or \U escape at r->s (just after the backslash). */
static int uchar(reader *r, bs_buf *b)
{
	int n = *r->s == 'u' ? 4 : 8;
	if (r->end - r->s < n + 1)
		return fail(r, "short \\u escape");
	unsigned long cp = 0;
	for (int i = 1; i <= n; i++) {
		char c = r->s[i];
		int v = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (v < 0)
			return fail(r, "bad hex digit in a \\u escape");
		cp = cp * 16 + (unsigned long)v;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(r,
			    "escape of a code point that is not a character");
	put_utf8(b, cp);
	r->s += n + 1;
	return BS_OK;
}

static int read_iri(reader *r, bs_buf *b)
{
	r->s++; /* < */
	while (r->s < r->end && *r->s != '>') {
		unsigned char c = (unsigned char)*r->s;
		if (c == '\\') {
			r->s++;
			if (r->s >= r->end || (*r->s != 'u' && *r->s != 'U'))
				return fail(r, "only \\u and \\U escapes may "
					       "appear in an IRI");
			if (uchar(r, b))
				return BS_ECONTENT;
			continue;
		}
		if (c <= 0x20 || strchr("<\"{}|^`", c))
			return fail(r, "character not allowed in an IRI");
		bs_buf_putc(b, (char)c);
		r->s++;
	}
	if (r->s >= r->end)
		return fail(r, "IRI without its closing >");
	r->s++;
	if (!memchr(b->ptr ? b->ptr : "", ':', b->len))
		return fail(r, "relative IRI");
	return BS_OK;
}

static int read_blank(reader *r, size_t *out)
{
	r->s += 2; /* _: */
	const char *a = r->s;
	while (r->s < r->end &&
	       ((*r->s >= 'a' && *r->s <= 'z') ||
		(*r->s >= 'A' && *r->s <= 'Z') ||
		(*r->s >= '0' && *r->s <= '9') || *r->s == '_' ||
		*r->s == '-' || *r->s == '.' || (unsigned char)*r->s >= 0x80))
		r->s++;
	while (r->s > a && r->s[-1] == '.')
		r->s--;
	if (r->s == a || *a == '-' || *a == '.')
		return fail(r, "bad blank node label");
	size_t n = (size_t)(r->s - a);
	for (size_t i = 0; i < r->nlabels; i++)
		if (strlen(r->labels[i]) == n &&
		    memcmp(r->labels[i], a, n) == 0) {
			*out = r->base + i;
			return BS_OK;
		}
	bs_xgrow((void **)&r->labels, &r->cap, r->nlabels + 1,
		 sizeof *r->labels);
	r->labels[r->nlabels++] = bs_xstrndup(a, n);
	*out = bs_rdf_blank(r->ds);
	return BS_OK;
}

static int read_literal(reader *r, bs_buf *b)
{
	r->s++; /* " */
	while (r->s < r->end && *r->s != '"') {
		char c = *r->s;
		if (c == '\n' || c == '\r')
			return fail(r, "line end inside a literal");
		if (c != '\\') {
			bs_buf_putc(b, c);
			r->s++;
			continue;
		}
		r->s++;
		if (r->s >= r->end)
			return fail(r, "literal without its closing quote");
		const char *e = strchr("btnfr\"'\\", *r->s);
		if (*r->s == 'u' || *r->s == 'U') {
			if (uchar(r, b))
				return BS_ECONTENT;
			continue;
		}
		if (!e || !*r->s)
			return fail(r, "unknown escape in a literal");
		bs_buf_putc(b, "\b\t\n\f\r\"'\\"[e - "btnfr\"'\\"]);
		r->s++;
	}
	if (r->s >= r->end)
		return fail(r, "literal without its closing quote");
	r->s++;
	return BS_OK;
}

/* One term at r->s: what says which kinds may appear. */
static int read_term(reader *r, bs_rdf_term *t, bs_buf *b, int iri, int blank,
		     int literal)
{
	memset(t, 0, sizeof *t);
	bs_buf_clear(b);
	if (iri && r->s < r->end && *r->s == '<') {
		t->kind = BS_RDF_IRI;
		return read_iri(r, b);
	}
	if (blank && r->end - r->s >= 2 && r->s[0] == '_' && r->s[1] == ':') {
		t->kind = BS_RDF_BLANK;
		return read_blank(r, &t->blank);
	}
	if (literal && r->s < r->end && *r->s == '"') {
		t->kind = BS_RDF_LITERAL;
		return read_literal(r, b);
	}
	return fail(r, literal ? "expected an IRI, a blank node or a literal"
		       : blank ? "expected an IRI or a blank node"
			       : "expected an IRI");
}

static int read_statement(reader *r)
{
	bs_buf v[4] = {BS_BUF_INIT, BS_BUF_INIT, BS_BUF_INIT, BS_BUF_INIT};
	bs_buf dt = BS_BUF_INIT, lang = BS_BUF_INIT;
	bs_rdf_term t[4];
	memset(t, 0, sizeof t);
	int rc = read_term(r, &t[0], &v[0], 1, 1, 0);
	if (!rc) {
		skip_ws(r);
		rc = read_term(r, &t[1], &v[1], 1, 0, 0);
	}
	if (!rc) {
		skip_ws(r);
		rc = read_term(r, &t[2], &v[2], 1, 1, 1);
	}
	if (!rc && t[2].kind == BS_RDF_LITERAL) {
		if (r->end - r->s >= 3 && r->s[0] == '^' && r->s[1] == '^' &&
		    r->s[2] == '<') {
			r->s += 2;
			rc = read_iri(r, &dt);
		} else if (r->s < r->end && *r->s == '@') {
			const char *a = ++r->s;
			while (r->s < r->end &&
			       ((*r->s >= 'a' && *r->s <= 'z') ||
				(*r->s >= 'A' && *r->s <= 'Z') ||
				(r->s > a && ((*r->s >= '0' && *r->s <= '9') ||
					      *r->s == '-'))))
				r->s++;
			if (r->s == a)
				rc = fail(r, "empty language tag");
			bs_buf_put(&lang, a, (size_t)(r->s - a));
		}
	}
	skip_ws(r);
	t[3].kind = BS_RDF_DEFAULT;
	if (!rc && r->s < r->end && *r->s != '.' && *r->s != '\n' &&
	    *r->s != '\r')
		rc = read_term(r, &t[3], &v[3], 1, 1, 0);
	skip_ws(r);
	if (!rc && (r->s >= r->end || *r->s != '.'))
		rc = fail(r, "expected . at the end of the statement");
	if (!rc) {
		r->s++;
		skip_ws(r);
		if (r->s < r->end && *r->s == '#')
			while (r->s < r->end && *r->s != '\n' && *r->s != '\r')
				r->s++;
		if (r->s < r->end && *r->s != '\n' && *r->s != '\r')
			rc = fail(r, "text after the end of the statement");
	}
	if (!rc) {
		for (int k = 0; k < 4; k++) {
			t[k].value = v[k].ptr ? v[k].ptr : "";
			t[k].len = v[k].len;
		}
		if (t[2].kind == BS_RDF_LITERAL)
			t[2] =
			    bs_rdf_literal(t[2].value, t[2].len,
					   dt.len ? dt.ptr : BS_RDF_XSD_STRING,
					   lang.len ? lang.ptr : NULL);
		for (int k = 0; k < 4; k++)
			if (t[k].kind != BS_RDF_IRI &&
			    t[k].kind != BS_RDF_LITERAL)
				t[k].value = NULL;
		bs_rdf_add(r->ds, t[0], t[1], t[2], t[3]);
	}
	for (int k = 0; k < 4; k++)
		bs_buf_free(&v[k]);
	bs_buf_free(&dt);
	bs_buf_free(&lang);
	return rc;
}

int bs_rdf_parse_nquads(bs_rdf_dataset *ds, const char *text, size_t n,
			const char *name, bs_diags *d)
{
	reader r = {text, text + n, text, 1,	      name, d,
		    NULL, 0,	    0,	  ds->blanks, ds};
	int rc = BS_OK;
	while (r.s < r.end && !rc) {
		skip_ws(&r);
		if (r.s < r.end && *r.s == '#')
			while (r.s < r.end && *r.s != '\n' && *r.s != '\r')
				r.s++;
		if (r.s < r.end && *r.s != '\n' && *r.s != '\r')
			rc = read_statement(&r);
		if (rc)
			break;
		if (r.s < r.end) {
			if (*r.s == '\r' && r.s + 1 < r.end && r.s[1] == '\n')
				r.s++;
			r.s++;
			r.line++;
			r.line_start = r.s;
		}
	}
	for (size_t i = 0; i < r.nlabels; i++)
		free(r.labels[i]);
	free(r.labels);
	return rc;
}
