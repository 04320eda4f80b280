/* buf.c: growable buffer, context escapers and locale-free number output. */
#include "base/buf.h"

#include "base/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char empty[1];

void bs_buf_init(bs_buf *b)
{
	b->ptr = empty;
	b->len = 0;
	b->cap = 0;
}

void bs_buf_free(bs_buf *b)
{
	if (b->cap)
		free(b->ptr);
	bs_buf_init(b);
}

void bs_buf_clear(bs_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

void bs_buf_grow(bs_buf *b, size_t extra)
{
	if (!b->ptr)
		bs_buf_init(b);
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 64;
	while (c < need)
		c *= 2;
	if (b->cap) {
		b->ptr = bs_xrealloc(b->ptr, c);
	} else {
		b->ptr = bs_xmalloc(c);
		b->ptr[0] = '\0';
	}
	b->cap = c;
}

void bs_buf_put(bs_buf *b, const void *data, size_t n)
{
	if (b->len + n >= b->cap) /* else there is room, and its NUL */
		bs_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, data, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void bs_buf_puts(bs_buf *b, const char *s) { bs_buf_put(b, s, strlen(s)); }

void bs_buf_putc(bs_buf *b, char c) { bs_buf_put(b, &c, 1); }

void bs_buf_vprintf(bs_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	bs_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void bs_buf_printf(bs_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bs_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *bs_buf_detach(bs_buf *b)
{
	char *p = b->cap ? b->ptr : bs_xstrdup("");
	bs_buf_init(b);
	return p;
}

/* The bytes the escapers replace. */
static const unsigned char special[256] = {
    ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1};

static void escape(bs_buf *b, const char *s, size_t n, int html)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		if (!special[(unsigned char)s[i]])
			continue;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = html ? "&#39;" : "&apos;"; break;
		default: break;
		}
		if (rep) {
			bs_buf_put(b, s + start, i - start);
			bs_buf_puts(b, rep);
			start = i + 1;
		}
	}
	bs_buf_put(b, s + start, n - start);
}

void bs_buf_html(bs_buf *b, const char *s, size_t n) { escape(b, s, n, 1); }

void bs_buf_xml(bs_buf *b, const char *s, size_t n) { escape(b, s, n, 0); }

/* snprintf's decimal point follows LC_NUMERIC; the program never sets it,
 * but a library might, so any ',' is turned back into '.'. */
void bs_buf_number(bs_buf *b, double v)
{
	char tmp[40];
	if (!isfinite(v)) {
		bs_buf_puts(b, "0");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(tmp, sizeof tmp, "%.0f", v);
	} else {
		/* %g drops trailing zeros, so a value that reads back from
		 * 15 digits prints its shortest form there; only the rest
		 * need 16 or 17 */
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(tmp, sizeof tmp, "%.*g", prec, v);
			for (char *p = tmp; *p; p++)
				if (*p == ',')
					*p = '.';
			if (strtod(tmp, NULL) == v)
				break;
		}
	}
	for (char *p = tmp; *p; p++)
		if (*p == ',')
			*p = '.';
	bs_buf_puts(b, tmp);
}
