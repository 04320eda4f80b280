/* csv.c: RFC 4180 tables with a position for every field. */
#include "input/csv.h"

#include "base/alloc.h"
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct reader {
	const bs_source *src;
	const char *p, *end;
	int line, col;
	bs_diags *d;
} reader;

/* Step over one byte; columns count characters (UTF-8 lead bytes). */
static void step(reader *r)
{
	unsigned char c = (unsigned char)*r->p++;
	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		r->col++;
	}
}

static int at_eol(const reader *r)
{
	return r->p < r->end &&
	       (*r->p == '\n' ||
		(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'));
}

static void skip_eol(reader *r)
{
	if (*r->p == '\r')
		r->p++; /* CR of CRLF: not a column */
	step(r);
}

static int error(reader *r, int line, int col, const char *msg,
		 const char *hint)
{
	bs_diag_at(r->d, BS_ERROR, r->src, line, col, "%s", msg);
	if (hint)
		bs_diag_hint(r->d, "%s", hint);
	return BS_ECONTENT;
}

/* One field at r->p into b; stops before ',' or the line end. */
static int field(reader *r, bs_buf *b)
{
	bs_buf_clear(b);
	if (r->p < r->end && *r->p == '"') {
		int ql = r->line, qc = r->col;
		step(r);
		for (;;) {
			if (r->p >= r->end)
				return error(r, ql, qc,
					     "this quoted field is never "
					     "closed",
					     "end it with a double quote; a "
					     "quote inside a field is written "
					     "twice (\"\")");
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					bs_buf_putc(b, '"');
					step(r);
					step(r);
					continue;
				}
				step(r);
				break;
			}
			if (*r->p == '\0')
				return error(r, r->line, r->col,
					     "a NUL byte in a field", NULL);
			if (*r->p == '\r' && r->p + 1 < r->end &&
			    r->p[1] == '\n') {
				r->p++;
				continue;
			}
			bs_buf_putc(b, *r->p);
			step(r);
		}
		if (r->p < r->end && *r->p != ',' && !at_eol(r))
			return error(r, r->line, r->col,
				     "text after a quoted field's closing "
				     "quote",
				     "a quote inside a field is written twice "
				     "(\"\"), and the whole field quoted");
		return BS_OK;
	}
	while (r->p < r->end && *r->p != ',' && !at_eol(r)) {
		char c = *r->p;
		if (c == '"')
			return error(r, r->line, r->col,
				     "a double quote inside a field that does "
				     "not start with one",
				     "quote the whole field and write the "
				     "quote twice: \"a \"\"b\"\" c\"");
		if (c == '\r')
			return error(r, r->line, r->col,
				     "a carriage return that does not end "
				     "a line",
				     "save the file with LF or CRLF line "
				     "ends");
		if (c == '\0')
			return error(r, r->line, r->col,
				     "a NUL byte in a field", NULL);
		bs_buf_putc(b, c);
		step(r);
	}
	return BS_OK;
}

static void add_row(bs_csv *c, bs_csv_row *row)
{
	bs_xgrow((void **)&c->rows, &c->cap, c->n + 1, sizeof *c->rows);
	c->rows[c->n++] = *row;
}

static void free_row(bs_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->f[i].text);
	free(row->f);
}

int bs_csv_parse(bs_csv *out, const bs_source *src, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	reader r = {src, src->text, src->text + src->len, 1, 1, d};
	if (r.end - r.p >= 3 && memcmp(r.p, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	int rc = BS_OK, bad = 0;
	bs_buf b = BS_BUF_INIT;
	while (r.p < r.end && !rc) {
		if (at_eol(&r)) { /* a blank line */
			skip_eol(&r);
			continue;
		}
		bs_csv_row row = {NULL, 0, r.line};
		size_t cap = 0;
		for (;;) {
			int line = r.line, col = r.col;
			if ((rc = field(&r, &b)))
				break;
			if (row.n == BS_CSV_MAX_FIELDS) {
				rc =
				    error(&r, line, col,
					  "more than 64 fields in a row", NULL);
				break;
			}
			bs_xgrow((void **)&row.f, &cap, row.n + 1,
				 sizeof *row.f);
			row.f[row.n++] = (bs_csv_field){
			    bs_xstrndup(b.ptr ? b.ptr : "", b.len), line, col};
			if (r.p < r.end && *r.p == ',') {
				step(&r);
				continue;
			}
			if (r.p < r.end)
				skip_eol(&r);
			break;
		}
		if (rc) {
			free_row(&row);
			break;
		}
		if (out->n && row.n != out->rows[0].n) {
			bs_diag_at(d, BS_ERROR, src, row.line, 1,
				   "this row has %zu field%s, the header %zu",
				   row.n, row.n == 1 ? "" : "s",
				   out->rows[0].n);
			bs_diag_hint(d, "every row has one field per column "
					"of the header, empty ones included "
					"(a,,c); quote a field that holds a "
					"comma");
			bad = 1;
			free_row(&row);
			continue; /* report every short or long row */
		}
		add_row(out, &row);
	}
	bs_buf_free(&b);
	return rc ? rc : bad ? BS_ECONTENT : BS_OK;
}

void bs_csv_free(bs_csv *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_row(&c->rows[i]);
	free(c->rows);
	memset(c, 0, sizeof *c);
}
