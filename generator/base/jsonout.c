/* jsonout.c: the one JSON writer of every published .json/.jsonld file, so
 * that the same view gives the same bytes on every machine. */
#include "base/jsonout.h"

#include <string.h>

static const char hex[] = "0123456789abcdef";

static void put_u(bs_buf *out, unsigned c)
{
	char e[6] = {'\\',
		     'u',
		     hex[(c >> 12) & 15],
		     hex[(c >> 8) & 15],
		     hex[(c >> 4) & 15],
		     hex[c & 15]};
	bs_buf_put(out, e, sizeof e);
}

void bs_jsonout_string(bs_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0; /* start of the bytes not yet copied */
	bs_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		const char *esc = NULL;
		int u = -1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '<':
		case '>':
		case '&': u = (int)c; break;
		default:
			if (c < 0x20 || c == 0x7f)
				u = (int)c;
			/* U+2028 and U+2029 end a line in JavaScript. */
			else if (c == 0xe2 && i + 2 < n && p[i + 1] == 0x80 &&
				 (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
				u = p[i + 2] == 0xa8 ? 0x2028 : 0x2029;
		}
		if (!esc && u < 0)
			continue;
		bs_buf_put(out, s + run, i - run);
		if (esc)
			bs_buf_puts(out, esc);
		else
			put_u(out, (unsigned)u);
		if (u == 0x2028 || u == 0x2029)
			i += 2;
		run = i + 1;
	}
	bs_buf_put(out, s + run, n - run);
	bs_buf_putc(out, '"');
}

static void newline(bs_buf *out, int indent, int depth)
{
	if (!indent)
		return;
	bs_buf_putc(out, '\n');
	for (int i = 0; i < depth; i++)
		bs_buf_puts(out, "  ");
}

static void write_value(bs_buf *out, const json_t *v, int indent, int depth)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		if (json_object_size(v) == 0) {
			bs_buf_puts(out, "{}");
			break;
		}
		bs_buf_putc(out, '{');
		int first = 1;
		/* jansson >= 2.8 iterates in insertion order. */
		for (void *it = json_object_iter((json_t *)v); it;
		     it = json_object_iter_next((json_t *)v, it)) {
			if (!first)
				bs_buf_putc(out, ',');
			first = 0;
			newline(out, indent, depth + 1);
			const char *k = json_object_iter_key(it);
#if JANSSON_VERSION_HEX >= 0x020e00
			size_t klen = json_object_iter_key_len(it);
#else
			size_t klen = strlen(k);
#endif
			bs_jsonout_string(out, k, klen);
			bs_buf_puts(out, indent ? ": " : ":");
			write_value(out, json_object_iter_value(it), indent,
				    depth + 1);
		}
		newline(out, indent, depth);
		bs_buf_putc(out, '}');
		break;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		if (n == 0) {
			bs_buf_puts(out, "[]");
			break;
		}
		bs_buf_putc(out, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				bs_buf_putc(out, ',');
			newline(out, indent, depth + 1);
			write_value(out, json_array_get(v, i), indent,
				    depth + 1);
		}
		newline(out, indent, depth);
		bs_buf_putc(out, ']');
		break;
	}
	case JSON_STRING:
		bs_jsonout_string(out, json_string_value(v),
				  json_string_length(v));
		break;
	case JSON_INTEGER:
		bs_buf_printf(out, "%" JSON_INTEGER_FORMAT,
			      json_integer_value(v));
		break;
	case JSON_REAL: bs_buf_number(out, json_real_value(v)); break;
	case JSON_TRUE: bs_buf_puts(out, "true"); break;
	case JSON_FALSE: bs_buf_puts(out, "false"); break;
	case JSON_NULL: bs_buf_puts(out, "null"); break;
	}
}

void bs_jsonout_write(bs_buf *out, const json_t *v, int indent)
{
	if (v)
		write_value(out, v, indent, 0);
	else
		bs_buf_puts(out, "null");
	bs_buf_putc(out, '\n');
}
