/* jsonsrc.c: a strict recursive-descent JSON reader that builds jansson
 * values and a hash table from (container, key), (container, index) and
 * value pointers to source positions. */
#include "input/jsonsrc.h"

#include "base/alloc.h"
#include "input/source.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if JSON_INTEGER_IS_LONG_LONG
#define BS_JSON_INT_MAX LLONG_MAX
#else
#define BS_JSON_INT_MAX LONG_MAX
#endif

enum { K_MEMBER, K_ITEM, K_VALUE };

typedef struct ent {
	const json_t *c; /* the container, or the value itself for K_VALUE */
	const char *key; /* K_MEMBER only: borrowed from c's member, whose
			    key jansson keeps for as long as c holds it */
	uint32_t idx;	 /* K_ITEM only (a source of at most BS_SOURCE_MAX
			    bytes has fewer items) */
	int kind;
	int kl, kc; /* key position (K_MEMBER) */
	int vl, vc; /* value position */
} ent;

struct bs_jpos {
	ent *v;
	size_t n, cap;
	uint32_t *slot; /* index + 1 into v; 0 is an empty slot (a source
			   of at most BS_SOURCE_MAX bytes has fewer values) */
	size_t mask;
};

typedef struct parser {
	const bs_source *src;
	const char *s;
	size_t len, i;
	bs_diags *d;
	bs_jpos *pos;
	int failed; /* an error that did not stop the scan (duplicate key) */
	/* Line and column of byte cur, so positions cost O(distance). */
	size_t cur;
	int line, col;
} parser;

/* ---- positions ---- */

static void where(parser *p, size_t off, int *line, int *col)
{
	if (off < p->cur) {
		bs_source_pos(p->src, off, &p->line, &p->col);
		p->cur = off;
	}
	for (; p->cur < off && p->cur < p->len; p->cur++) {
		unsigned char ch = (unsigned char)p->s[p->cur];
		if (ch == '\n') {
			p->line++;
			p->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			p->col++;
		}
	}
	*line = p->line;
	*col = p->col;
}

static ent *add(bs_jpos *j, int kind, const json_t *c)
{
	bs_xgrow((void **)&j->v, &j->cap, j->n + 1, sizeof *j->v);
	ent *e = &j->v[j->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->c = c;
	return e;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static size_t hash(int kind, const json_t *c, const char *key, size_t idx)
{
	uint64_t h = mix((uint64_t)(uintptr_t)c) + (uint64_t)kind;
	if (kind == K_MEMBER) {
		uint64_t f = 1469598103934665603ULL;
		for (const unsigned char *k = (const unsigned char *)key; *k;
		     k++)
			f = (f ^ *k) * 1099511628211ULL;
		h ^= f;
	} else if (kind == K_ITEM) {
		h ^= (uint64_t)idx * 0x9e3779b97f4a7c15ULL;
	}
	return (size_t)mix(h);
}

static int same(const ent *e, int kind, const json_t *c, const char *key,
		size_t idx)
{
	if (e->kind != kind || e->c != c)
		return 0;
	if (kind == K_MEMBER)
		return strcmp(e->key, key) == 0;
	if (kind == K_ITEM)
		return e->idx == (uint32_t)idx;
	return 1;
}

/* The lookup table, once every value is in: the entries are cut down to
 * their number first (every badge's table is held until validation
 * ends). */
static void build_table(bs_jpos *j)
{
	if (j->n && j->n < j->cap) {
		j->v = bs_xrealloc(j->v, j->n * sizeof *j->v);
		j->cap = j->n;
	}
	size_t cap = 16;
	while (3 * cap < 4 * j->n) /* at most three quarters full */
		cap *= 2;
	j->slot = bs_xcalloc(cap, sizeof *j->slot);
	j->mask = cap - 1;
	for (size_t i = 0; i < j->n; i++) {
		const ent *e = &j->v[i];
		size_t h = hash(e->kind, e->c, e->key, e->idx) & j->mask;
		while (j->slot[h])
			h = (h + 1) & j->mask;
		j->slot[h] = (uint32_t)(i + 1);
	}
}

static const ent *find(const bs_jpos *j, int kind, const json_t *c,
		       const char *key, size_t idx)
{
	if (!j || !j->slot || !c || (kind == K_MEMBER && !key))
		return NULL;
	size_t h = hash(kind, c, key, idx) & j->mask;
	for (; j->slot[h]; h = (h + 1) & j->mask) {
		const ent *e = &j->v[j->slot[h] - 1];
		if (same(e, kind, c, key, idx))
			return e;
	}
	return NULL;
}

static void set2(int *a, int va, int *b, int vb)
{
	if (a)
		*a = va;
	if (b)
		*b = vb;
}

void bs_jpos_member(const bs_jpos *p, const json_t *obj, const char *key,
		    int *kline, int *kcol, int *vline, int *vcol)
{
	const ent *e = find(p, K_MEMBER, obj, key, 0);
	set2(kline, e ? e->kl : 0, kcol, e ? e->kc : 0);
	set2(vline, e ? e->vl : 0, vcol, e ? e->vc : 0);
}

void bs_jpos_item(const bs_jpos *p, const json_t *arr, size_t index, int *line,
		  int *col)
{
	const ent *e = find(p, K_ITEM, arr, NULL, index);
	set2(line, e ? e->vl : 0, col, e ? e->vc : 0);
}

void bs_jpos_value(const bs_jpos *p, const json_t *v, int *line, int *col)
{
	const ent *e = NULL;
	if (v && !json_is_true(v) && !json_is_false(v) && !json_is_null(v))
		e = find(p, K_VALUE, v, NULL, 0);
	set2(line, e ? e->vl : 0, col, e ? e->vc : 0);
}

void bs_jpos_free(bs_jpos *p)
{
	if (!p)
		return;
	free(p->v);
	free(p->slot);
	free(p);
}

/* ---- errors ---- */

static int fail(parser *p, size_t off, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(parser *p, size_t off, const char *hint, const char *fmt, ...)
{
	int line, col;
	where(p, off, &line, &col);
	bs_buf b = BS_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	bs_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	bs_diag_at(p->d, BS_ERROR, p->src, line, col, "%s", b.ptr);
	if (hint)
		bs_diag_hint(p->d, "%s", hint);
	bs_buf_free(&b);
	return BS_ECONTENT;
}

/* A key or word made safe to quote in a message: control characters are
 * escaped and long text is cut. Caller frees. */
static char *shown(const char *s, size_t n)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (b.len >= 60) {
			bs_buf_puts(&b, "...");
			break;
		}
		if (c < 0x20 || c == 0x7F)
			bs_buf_printf(&b, "\\u%04X", c);
		else
			bs_buf_putc(&b, (char)c);
	}
	return bs_buf_detach(&b);
}

/* Hints for characters people often type where JSON wants something else. */
static const char *hint_for(char c)
{
	switch (c) {
	case '\'': return "strings use double quotes: \"like this\"";
	case '/': return "JSON has no comments; remove it";
	case '=': return "use ':' between a key and its value";
	case ';': return "separate members and items with ','";
	default: return NULL;
	}
}

/* Report "unexpected <what is at i>" with the given context. */
static int unexpected(parser *p, const char *expected, const char *hint)
{
	if (p->i >= p->len)
		return fail(p, p->i, hint, "%s, found the end of the file",
			    expected);
	unsigned char c = (unsigned char)p->s[p->i];
	if (!hint)
		hint = hint_for((char)c);
	if (c < 0x20 || c == 0x7F)
		return fail(p, p->i, hint, "%s, found control character U+%04X",
			    expected, c);
	if (c < 0x80)
		return fail(p, p->i, hint, "%s, found '%c'", expected, c);
	size_t n = 1;
	while (n < 4 && p->i + n < p->len &&
	       ((unsigned char)p->s[p->i + n] & 0xC0) == 0x80)
		n++;
	/* word processors and some editors turn " into curly quotes:
	 * U+2018, U+2019, U+201C, U+201D */
	const unsigned char *u = (const unsigned char *)p->s + p->i;
	if (n == 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D))
		hint = "JSON wants straight double quotes (\"): replace the "
		       "curly quotes a word processor or editor put in";
	return fail(p, p->i, hint, "%s, found '%.*s'", expected, (int)n,
		    p->s + p->i);
}

/* ---- scanning ---- */

static void skip_ws(parser *p)
{
	while (p->i < p->len) {
		char c = p->s[p->i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->i++;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at s[i..]; -1 when they are not. */
static long hex4(parser *p, size_t i)
{
	if (i + 4 > p->len)
		return -1;
	long v = 0;
	for (size_t k = 0; k < 4; k++) {
		int h = hexval(p->s[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static void put_utf8(bs_buf *b, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	bs_buf_put(b, u, n);
}

/* The string starting at the '"' at p->i, unescaped into out (which is
 * cleared first). Leaves p->i past the closing quote. */
static int scan_string(parser *p, bs_buf *out)
{
	size_t open = p->i++;
	bs_buf_clear(out);
	bs_buf_puts(out, "");
	for (;;) {
		size_t run = p->i;
		while (p->i < p->len) {
			unsigned char c = (unsigned char)p->s[p->i];
			if (c == '"' || c == '\\' || c < 0x20)
				break;
			p->i++;
		}
		bs_buf_put(out, p->s + run, p->i - run);
		if (out->len > BS_SOURCE_MAX)
			return fail(p, open,
				    "split the text into several "
				    "strings",
				    "string longer than %u bytes",
				    BS_SOURCE_MAX);
		if (p->i >= p->len || p->s[p->i] == '\n')
			return fail(p, open,
				    "close it with '\"' on the same line; "
				    "write a line break inside a string as "
				    "\\n",
				    "unterminated string");
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == '"') {
			p->i++;
			return BS_OK;
		}
		if (c < 0x20) {
			if (c == '\t')
				return fail(p, p->i, "write a tab as \\t",
					    "tab character in a string");
			return fail(p, p->i, NULL,
				    "control character U+%04X in a string", c);
		}
		/* an escape */
		size_t bs = p->i;
		if (p->i + 1 >= p->len)
			return fail(p, open, "close it with '\"'",
				    "unterminated string");
		char e = p->s[p->i + 1];
		p->i += 2;
		switch (e) {
		case '"': bs_buf_putc(out, '"'); continue;
		case '\\': bs_buf_putc(out, '\\'); continue;
		case '/': bs_buf_putc(out, '/'); continue;
		case 'b': bs_buf_putc(out, '\b'); continue;
		case 'f': bs_buf_putc(out, '\f'); continue;
		case 'n': bs_buf_putc(out, '\n'); continue;
		case 'r': bs_buf_putc(out, '\r'); continue;
		case 't': bs_buf_putc(out, '\t'); continue;
		case 'u': break;
		default:
			if ((unsigned char)e < 0x20 || (unsigned char)e >= 0x7F)
				return fail(p, bs, "write a backslash as \\\\",
					    "invalid escape in a string");
			return fail(p, bs,
				    "the escapes are \\\" \\\\ \\/ \\b \\f \\n "
				    "\\r \\t and \\uXXXX; write a backslash "
				    "as \\\\",
				    "invalid escape '\\%c' in a string", e);
		}
		long cp = hex4(p, p->i);
		if (cp < 0)
			return fail(p, bs,
				    "write \\u and four hex digits, "
				    "e.g. \\u00e9",
				    "invalid \\u escape in a string");
		p->i += 4;
		if (cp == 0)
			return fail(p, bs, "remove the \\u0000",
				    "NUL character in a string");
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return fail(p, bs,
				    "a low surrogate must follow a high one "
				    "(\\uD800-\\uDBFF); or write the character "
				    "itself",
				    "lone surrogate \\u%04lX in a string", cp);
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long lo = -1;
			if (p->i + 1 < p->len && p->s[p->i] == '\\' &&
			    p->s[p->i + 1] == 'u')
				lo = hex4(p, p->i + 2);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return fail(
				    p, bs,
				    "a high surrogate must be followed "
				    "by a low one (\\uDC00-\\uDFFF); or "
				    "write the character itself",
				    "lone surrogate \\u%04lX in a "
				    "string",
				    cp);
			p->i += 6;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		}
		put_utf8(out, (unsigned long)cp);
	}
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       is_digit(c) || c == '_' || c == '$';
}

static json_t *scan_number(parser *p)
{
	size_t start = p->i;
	int neg = 0, integral = 1;
	if (p->s[p->i] == '-') {
		neg = 1;
		p->i++;
	}
	if (p->i >= p->len || !is_digit(p->s[p->i])) {
		const char *h = p->i < p->len && p->s[p->i] == 'I'
				    ? "JSON has no Infinity; use a string"
				    : NULL;
		unexpected(p, "expected a digit after '-'", h);
		return NULL;
	}
	if (p->s[p->i] == '0' && p->i + 1 < p->len &&
	    is_digit(p->s[p->i + 1])) {
		fail(p, start,
		     "write the number without leading zeros, or "
		     "quote it as a string",
		     "leading zeros are not allowed in a number");
		return NULL;
	}
	while (p->i < p->len && is_digit(p->s[p->i]))
		p->i++;
	if (p->i < p->len && p->s[p->i] == '.') {
		integral = 0;
		p->i++;
		if (p->i >= p->len || !is_digit(p->s[p->i])) {
			unexpected(p, "expected a digit after '.'",
				   "write e.g. 1.0 or 1");
			return NULL;
		}
		while (p->i < p->len && is_digit(p->s[p->i]))
			p->i++;
	}
	if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		integral = 0;
		p->i++;
		if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (p->i >= p->len || !is_digit(p->s[p->i])) {
			unexpected(p, "expected a digit in the exponent",
				   "write e.g. 1e3");
			return NULL;
		}
		while (p->i < p->len && is_digit(p->s[p->i]))
			p->i++;
	}
	size_t n = p->i - start;
	int shown_n = n > 40 ? 40 : (int)n;
	const char *more = n > 40 ? "..." : "";
	if (integral) {
		unsigned long long limit = (unsigned long long)BS_JSON_INT_MAX;
		if (neg)
			limit++;
		unsigned long long u = 0;
		for (size_t k = start + (size_t)neg; k < p->i; k++) {
			unsigned dg = (unsigned)(p->s[k] - '0');
			if (u > (limit - dg) / 10) {
				fail(p, start,
				     "write it as a string, or as a decimal "
				     "(e.g. 1e30) if precision does not "
				     "matter",
				     "integer %.*s%s is too large (the limit "
				     "is %lld)",
				     shown_n, p->s + start, more,
				     (long long)BS_JSON_INT_MAX);
				return NULL;
			}
			u = u * 10 + dg;
		}
		json_int_t v;
		if (!neg)
			v = (json_int_t)u;
		else if (u == (unsigned long long)BS_JSON_INT_MAX + 1)
			v = -(json_int_t)BS_JSON_INT_MAX - 1;
		else
			v = -(json_int_t)u;
		return json_integer(v);
	}
	/* The program never calls setlocale, so strtod reads '.'. */
	char *t = bs_xstrndup(p->s + start, n);
	double v = strtod(t, NULL);
	free(t);
	json_t *r = isfinite(v) ? json_real(v) : NULL;
	if (!r)
		fail(p, start, NULL, "number %.*s%s is out of range", shown_n,
		     p->s + start, more);
	return r;
}

/* A bare word where a value belongs: true, false, null or an error. */
static json_t *scan_word(parser *p)
{
	size_t start = p->i;
	while (p->i < p->len && is_word(p->s[p->i]))
		p->i++;
	size_t n = p->i - start;
	const char *w = p->s + start;
	if (n == 4 && memcmp(w, "true", 4) == 0)
		return json_true();
	if (n == 5 && memcmp(w, "false", 5) == 0)
		return json_false();
	if (n == 4 && memcmp(w, "null", 4) == 0)
		return json_null();
	char *s = shown(w, n);
	const char *hint = "strings use double quotes: \"like this\"";
	if ((n == 4 && (strncasecmp(w, "true", 4) == 0 ||
			strncasecmp(w, "null", 4) == 0)) ||
	    (n == 5 && strncasecmp(w, "false", 5) == 0))
		hint = "write true, false and null in lower case";
	else if ((n == 3 && memcmp(w, "NaN", 3) == 0) ||
		 (n == 8 && memcmp(w, "Infinity", 8) == 0) ||
		 (n == 9 && memcmp(w, "undefined", 9) == 0))
		hint = "JSON has no NaN, Infinity or undefined; use null or "
		       "a string";
	fail(p, start, hint, "invalid word '%s' where a value belongs", s);
	free(s);
	return NULL;
}

static json_t *parse_value(parser *p, int depth, bs_buf *sb);

/* Record the position of a value that jansson does not share. */
static void note_value(parser *p, const json_t *v, int line, int col)
{
	if (json_is_true(v) || json_is_false(v) || json_is_null(v))
		return;
	ent *e = add(p->pos, K_VALUE, v);
	e->vl = line;
	e->vc = col;
}

/* Does a line break come between offset at and the next token? */
static int ends_line(const parser *p, size_t at)
{
	return memchr(p->s + at, '\n', p->i - at) != NULL;
}

/* A comma missing at the end of a line is reported where it belongs, at
 * the end of that line, rather than at the next line's first token. */
static json_t *missing_comma(parser *p, size_t at, json_t *container)
{
	fail(p, at, "add a ',' at the end of this line",
	     "missing ',' after this %s",
	     json_is_object(container) ? "member" : "item");
	json_decref(container);
	return NULL;
}

static json_t *parse_object(parser *p, int depth, bs_buf *sb)
{
	size_t open = p->i++;
	json_t *obj = json_object();
	int line, col;
	skip_ws(p);
	if (p->i < p->len && p->s[p->i] == '}') {
		p->i++;
		return obj;
	}
	for (;;) {
		skip_ws(p);
		if (p->i >= p->len || p->s[p->i] != '"') {
			int ol, oc;
			where(p, open, &ol, &oc);
			if (p->i < p->len && p->s[p->i] == '}')
				fail(p, p->i,
				     "remove the trailing comma after the last "
				     "member",
				     "trailing comma before '}'");
			else if (p->i < p->len && is_word(p->s[p->i]))
				unexpected(p, "expected a key in double quotes",
					   "write keys as strings: "
					   "\"key\": value");
			else if (p->i >= p->len) {
				char h[80];
				snprintf(h, sizeof h,
					 "close the object opened at %d:%d "
					 "with '}'",
					 ol, oc);
				unexpected(p, "expected a key", h);
			} else
				unexpected(p, "expected a key in double quotes",
					   NULL);
			goto bad;
		}
		size_t koff = p->i;
		int kl, kc, vl, vc;
		where(p, koff, &kl, &kc);
		if (scan_string(p, sb))
			goto bad;
		char *key = bs_xstrndup(sb->ptr, sb->len);
		skip_ws(p);
		if (p->i >= p->len || p->s[p->i] != ':') {
			char *k = shown(key, strlen(key));
			char m[120];
			snprintf(m, sizeof m, "expected ':' after the key '%s'",
				 k);
			unexpected(p, m, NULL);
			free(k);
			free(key);
			goto bad;
		}
		p->i++;
		skip_ws(p);
		where(p, p->i, &vl, &vc);
		size_t mark = p->pos->n;
		json_t *v = parse_value(p, depth + 1, sb);
		if (!v) {
			free(key);
			goto bad;
		}
		if (json_object_get(obj, key)) {
			int first = 0;
			for (size_t k = p->pos->n; k-- > 0;) {
				const ent *e = &p->pos->v[k];
				if (e->kind == K_MEMBER && e->c == obj &&
				    strcmp(e->key, key) == 0) {
					first = e->kl;
					break;
				}
			}
			char *k = shown(key, strlen(key));
			fail(p, koff,
			     "remove one of them; a key may appear only once "
			     "in an object",
			     "duplicate key '%s' (first at line %d)", k, first);
			free(k);
			free(key);
			/* the positions in v go with it: their keys were
			 * v's */
			p->pos->n = mark;
			json_decref(v);
			p->failed = 1;
		} else if (json_object_set_new(obj, key, v)) {
			fail(p, koff, "save the file as UTF-8",
			     "invalid UTF-8 in a key");
			free(key);
			goto bad;
		} else {
			ent *e = add(p->pos, K_MEMBER, obj);
			e->key =
			    json_object_iter_key(json_object_iter_at(obj, key));
			e->kl = kl, e->kc = kc, e->vl = vl, e->vc = vc;
			free(key);
		}
		size_t vend = p->i;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == '}') {
			p->i++;
			return obj;
		}
		const char *hint = NULL;
		char h[80];
		if (p->i < p->len && p->s[p->i] == '"') {
			/* a member that ends its line is the one missing it */
			if (ends_line(p, vend))
				return missing_comma(p, vend, obj);
			hint = "add a ',' between members";
		} else if (p->i >= p->len) {
			where(p, open, &line, &col);
			snprintf(h, sizeof h,
				 "close the object opened at %d:%d with '}'",
				 line, col);
			hint = h;
		}
		unexpected(p, "expected ',' or '}' after an object member",
			   hint);
		goto bad;
	}
bad:
	json_decref(obj);
	return NULL;
}

static json_t *parse_array(parser *p, int depth, bs_buf *sb)
{
	size_t open = p->i++;
	json_t *arr = json_array();
	skip_ws(p);
	if (p->i < p->len && p->s[p->i] == ']') {
		p->i++;
		return arr;
	}
	for (;;) {
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ']') {
			fail(p, p->i,
			     "remove the trailing comma after the last item",
			     "trailing comma before ']'");
			goto bad;
		}
		int vl, vc;
		where(p, p->i, &vl, &vc);
		json_t *v = parse_value(p, depth + 1, sb);
		if (!v)
			goto bad;
		size_t idx = json_array_size(arr);
		json_array_append_new(arr, v);
		ent *e = add(p->pos, K_ITEM, arr);
		e->idx = (uint32_t)idx;
		e->vl = vl, e->vc = vc;
		size_t vend = p->i;
		skip_ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == ']') {
			p->i++;
			return arr;
		}
		const char *hint = NULL;
		char h[80];
		if (p->i >= p->len) {
			int line, col;
			where(p, open, &line, &col);
			snprintf(h, sizeof h,
				 "close the array opened at %d:%d with ']'",
				 line, col);
			hint = h;
		} else if (p->s[p->i] != '/' && p->s[p->i] != '\'') {
			if (ends_line(p, vend))
				return missing_comma(p, vend, arr);
			hint = "add a ',' between items";
		}
		unexpected(p, "expected ',' or ']' after an array item", hint);
		goto bad;
	}
bad:
	json_decref(arr);
	return NULL;
}

static json_t *parse_value(parser *p, int depth, bs_buf *sb)
{
	skip_ws(p);
	size_t off = p->i;
	json_t *v = NULL;
	int line, col;
	where(p, off, &line, &col);
	if (p->i >= p->len) {
		if (depth == 1)
			fail(p, p->i, "write a JSON value here, e.g. {}",
			     "expected a JSON value, found the end of the "
			     "file");
		else
			unexpected(p, "expected a value", NULL);
		return NULL;
	}
	char c = p->s[p->i];
	if ((c == '{' || c == '[') && depth > BS_JSON_MAX_DEPTH) {
		fail(p, off, "flatten the data",
		     "nesting deeper than %d levels", BS_JSON_MAX_DEPTH);
		return NULL;
	}
	if (c == '{') {
		v = parse_object(p, depth, sb);
	} else if (c == '[') {
		v = parse_array(p, depth, sb);
	} else if (c == '"') {
		if (scan_string(p, sb))
			return NULL;
		v = json_stringn(sb->ptr, sb->len);
		if (!v) {
			fail(p, off, "save the file as UTF-8",
			     "invalid UTF-8 in a string");
			return NULL;
		}
	} else if (c == '-' || is_digit(c)) {
		v = scan_number(p);
	} else if (is_word(c)) {
		v = scan_word(p);
	} else if (c == '+' || c == '.') {
		unexpected(p, "expected a value",
			   c == '+' ? "write positive numbers without '+'"
				    : "write a digit before '.', e.g. 0.5");
	} else {
		unexpected(p, "expected a value", NULL);
	}
	if (v)
		note_value(p, v, line, col);
	return v;
}

int bs_json_parse(json_t **out, bs_jpos **pos, size_t *end,
		  const bs_source *src, size_t off, bs_diags *d)
{
	*out = NULL;
	*pos = NULL;
	*end = 0;
	parser p;
	memset(&p, 0, sizeof p);
	p.src = src;
	p.s = src->text ? src->text : "";
	p.len = src->text ? src->len : 0;
	p.i = off < p.len ? off : p.len;
	p.d = d;
	p.pos = bs_xcalloc(1, sizeof *p.pos);
	p.line = 1;
	p.col = 1;
	bs_buf sb = BS_BUF_INIT;
	json_t *v = parse_value(&p, 1, &sb);
	bs_buf_free(&sb);
	if (!v || p.failed) {
		json_decref(v);
		bs_jpos_free(p.pos);
		return BS_ECONTENT;
	}
	build_table(p.pos);
	*out = v;
	*pos = p.pos;
	*end = p.i;
	return BS_OK;
}

int bs_json_parse_file(json_t **out, bs_jpos **pos, const bs_source *src,
		       bs_diags *d)
{
	size_t end;
	int rc = bs_json_parse(out, pos, &end, src, 0, d);
	if (rc)
		return rc;
	while (end < src->len && strchr(" \t\n\r", src->text[end]))
		end++;
	if (end < src->len) {
		int line, col;
		bs_source_pos(src, end, &line, &col);
		bs_diag_at(d, BS_ERROR, src, line, col,
			   "unexpected text after the JSON value");
		bs_diag_hint(d, "the file holds a single JSON value; remove "
				"what follows it");
		json_decref(*out);
		bs_jpos_free(*pos);
		*out = NULL;
		*pos = NULL;
		return BS_ECONTENT;
	}
	return BS_OK;
}

int bs_json_check_keys(const json_t *obj, const char *const *allowed,
		       const char *what, const bs_source *src,
		       const bs_jpos *pos, bs_diags *d)
{
	int rc = BS_OK;
	const char *key;
	json_t *v;
	if (!json_is_object(obj))
		return BS_OK;
	json_object_foreach((json_t *)obj, key, v)
	{
		const char *const *a = allowed;
		while (*a && strcmp(*a, key) != 0)
			a++;
		if (*a)
			continue;
		int kl, kc;
		bs_jpos_member(pos, obj, key, &kl, &kc, NULL, NULL);
		char *k = shown(key, strlen(key));
		if (what)
			bs_diag_at(d, BS_ERROR, src, kl, kc,
				   "unknown key '%s' in %s", k, what);
		else
			bs_diag_at(d, BS_ERROR, src, kl, kc, "unknown key '%s'",
				   k);
		free(k);
		rc = BS_ECONTENT;
		const char *near = bs_suggest(key, allowed);
		if (near) {
			bs_diag_hint(d, "did you mean '%s'?", near);
			continue;
		}
		if (!allowed[0]) {
			bs_diag_hint(d, "no keys are allowed here");
			continue;
		}
		bs_buf b = BS_BUF_INIT;
		for (a = allowed; *a; a++)
			bs_buf_printf(&b, "%s'%s'", a == allowed ? "" : ", ",
				      *a);
		bs_diag_hint(d, "the keys allowed here are %s", b.ptr);
		bs_buf_free(&b);
	}
	return rc;
}
