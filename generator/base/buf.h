/* buf.h: the growable byte buffer every text output is rendered into
 * before it is written once. A buffer owns its bytes; ptr is always
 * NUL-terminated (after bs_buf_init or any append). */
#ifndef BS_BUF_H
#define BS_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bs_buf {
	char *ptr;
	size_t len;
	size_t cap;
} bs_buf;

#define BS_BUF_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void bs_buf_init(bs_buf *b);
void bs_buf_free(bs_buf *b);
void bs_buf_clear(bs_buf *b);
void bs_buf_grow(bs_buf *b, size_t extra);
void bs_buf_put(bs_buf *b, const void *data, size_t n);
void bs_buf_puts(bs_buf *b, const char *s);
void bs_buf_putc(bs_buf *b, char c);
void bs_buf_printf(bs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bs_buf_vprintf(bs_buf *b, const char *fmt, va_list ap);
/* Hand the bytes to the caller (caller frees); the buffer is left empty. */
char *bs_buf_detach(bs_buf *b);

/* Escapers append s (n bytes) escaped for the named context. */
void bs_buf_html(bs_buf *b, const char *s, size_t n); /* text + attrs */
void bs_buf_xml(bs_buf *b, const char *s, size_t n);  /* XML text/attr */
/* Shortest decimal that reads back as the same double: 2.3, not 2.29999. */
void bs_buf_number(bs_buf *b, double v);

#endif
