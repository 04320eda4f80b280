/* diag.c: collecting, sorting and printing diagnostics. */
#include "base/diag.h"

#include "base/alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static bs_diag *push(bs_diags *d, bs_severity sev, const char *file, int line,
		     int col, const char *fmt, va_list ap)
{
	bs_xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
	bs_diag *g = &d->v[d->n++];
	memset(g, 0, sizeof *g);
	g->sev = sev;
	g->file = file ? bs_xstrdup(file) : NULL;
	g->line = line;
	g->col = col;
	bs_buf b = BS_BUF_INIT;
	bs_buf_vprintf(&b, fmt, ap);
	g->msg = bs_buf_detach(&b);
	return g;
}

static char *line_of(const bs_source *src, int line)
{
	if (!src || !src->text || line <= 0)
		return NULL;
	const char *p = src->text, *end = src->text + src->len;
	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (n > 240)
		n = 240;
	return bs_xstrndup(p, n);
}

int bs_diag_at(bs_diags *d, bs_severity sev, const bs_source *src, int line,
	       int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bs_diag *g = push(d, sev, src ? src->path : NULL, line, col, fmt, ap);
	va_end(ap);
	g->source = line_of(src, line);
	return sev == BS_ERROR ? BS_ECONTENT : BS_OK;
}

int bs_diag_file(bs_diags *d, bs_severity sev, const char *path, int line,
		 int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(d, sev, path, line, col, fmt, ap);
	va_end(ap);
	return sev == BS_ERROR ? BS_ECONTENT : BS_OK;
}

int bs_diag_io(bs_diags *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bs_diag *g = push(d, BS_ERROR, path, 0, 0, fmt, ap);
	va_end(ap);
	g->io = 1;
	return BS_EIO;
}

void bs_diag_hint(bs_diags *d, const char *fmt, ...)
{
	if (!d->n)
		return;
	bs_diag *g = &d->v[d->n - 1];
	va_list ap;
	va_start(ap, fmt);
	bs_buf b = BS_BUF_INIT;
	bs_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(g->hint);
	g->hint = bs_buf_detach(&b);
}

static int cmp(const void *a, const void *b)
{
	const bs_diag *x = a, *y = b;
	int c;
	if (!x->file != !y->file)
		return x->file ? 1 : -1;
	if (x->file && (c = strcmp(x->file, y->file)))
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->sev != y->sev)
		return x->sev < y->sev ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void bs_diags_sort(bs_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp);
	/* identical reports from two stages are shown once */
	size_t w = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (w && cmp(&d->v[w - 1], &d->v[i]) == 0) {
			free(d->v[i].file);
			free(d->v[i].msg);
			free(d->v[i].hint);
			free(d->v[i].source);
			continue;
		}
		d->v[w++] = d->v[i];
	}
	d->n = w;
}

void bs_diags_merge(bs_diags *d, bs_diags *from)
{
	bs_xgrow((void **)&d->v, &d->cap, d->n + from->n, sizeof *d->v);
	if (from->n)
		memcpy(d->v + d->n, from->v, from->n * sizeof *d->v);
	d->n += from->n;
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
}

size_t bs_diags_count(const bs_diags *d, bs_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].sev == sev;
	return n;
}

int bs_diags_has_io(const bs_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].io)
			return 1;
	return 0;
}

static const char *sevname[] = {"error", "warning", "note"};

void bs_diags_print(bs_buf *out, const bs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const bs_diag *g = &d->v[i];
		if (g->file) {
			bs_buf_puts(out, g->file);
			if (g->line > 0) {
				bs_buf_printf(out, ":%d", g->line);
				if (g->col > 0)
					bs_buf_printf(out, ":%d", g->col);
			}
			bs_buf_puts(out, ": ");
		} else {
			bs_buf_puts(out, "badgesite: ");
		}
		bs_buf_printf(out, "%s: %s\n", sevname[g->sev], g->msg);
		if (g->source) {
			bs_buf_printf(out, " %5d | %s\n", g->line, g->source);
			if (g->col > 0) {
				bs_buf_puts(out, "       | ");
				/* the caret sits under column col, counted in
				 * characters; tabs are kept so it lines up */
				int c = 1;
				for (const unsigned char *p =
					 (const unsigned char *)g->source;
				     *p && c < g->col; p++) {
					if ((*p & 0xC0) == 0x80)
						continue;
					bs_buf_putc(out,
						    *p == '\t' ? '\t' : ' ');
					c++;
				}
				bs_buf_puts(out, "^\n");
			}
		}
		if (g->hint)
			bs_buf_printf(out, "       = hint: %s\n", g->hint);
	}
}

void bs_diags_free(bs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].hint);
		free(d->v[i].source);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

static size_t dist(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = prev + cost;
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = cur;
		}
	}
	return row[lb];
}

const char *bs_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (const char *const *c = candidates; *c; c++) {
		size_t dd = dist(word, *c);
		if (dd < bestd) {
			bestd = dd;
			best = *c;
		}
	}
	size_t len = strlen(word);
	size_t limit = len < 4 ? 1 : len < 8 ? 2 : 3;
	return bestd <= limit ? best : NULL;
}
