/* jsonout.h: deterministic JSON text from jansson values: keys in insertion
 * order, numbers without locale or float noise, and strings escaped so the
 * text can be embedded in HTML or XML without ever turning into markup. */
#ifndef BS_JSONOUT_H
#define BS_JSONOUT_H

#include "base/buf.h"

#include <jansson.h>
#include <stddef.h>

/* Append v as JSON text to out, followed by a newline. indent != 0 writes
 * one member per line with two spaces per level; 0 writes it compactly.
 * Integers print as integers, reals as the shortest decimal that reads back
 * as the same double. v is borrowed. */
void bs_jsonout_write(bs_buf *out, const json_t *v, int indent);

/* Append s (n bytes of UTF-8) as a quoted JSON string, with <, >, &, U+2028
 * and U+2029 written as \u escapes. */
void bs_jsonout_string(bs_buf *out, const char *s, size_t n);

#endif
