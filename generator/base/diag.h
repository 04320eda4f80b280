/* diag.h: the diagnostics list. Every stage reports problems here instead
 * of printing; the list is sorted (file, line, column) before it is shown,
 * in GCC's form with the source line, a caret and a hint. */
#ifndef BS_DIAG_H
#define BS_DIAG_H

#include "base/buf.h"

#include <stddef.h>

/* Return codes of every function that can fail. */
enum {
	BS_OK = 0,
	BS_ECONTENT = -1, /* content or template errors: exit 1 */
	BS_EUSAGE = -2,	  /* command line: exit 2 */
	BS_EIO = -3	  /* reading or writing files: exit 3 */
};

typedef enum { BS_ERROR, BS_WARNING, BS_NOTE } bs_severity;

/* A loaded text file. path is relative to the site root (as shown in
 * diagnostics); text is NUL-terminated, LF line ends, no BOM. */
typedef struct bs_source {
	char *path;
	char *text;
	size_t len;
} bs_source;

typedef struct bs_diag {
	bs_severity sev;
	char *file;    /* may be NULL for whole-run problems */
	int line, col; /* 1-based; 0 when unknown */
	char *msg;
	char *hint;   /* may be NULL */
	char *source; /* the offending source line, may be NULL */
	int io;	      /* set for I/O failures (exit 3) */
} bs_diag;

typedef struct bs_diags {
	bs_diag *v;
	size_t n, cap;
} bs_diags;

#define BS_DIAGS_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Add a diagnostic at src:line:col (src may be NULL). The source line is
 * copied out of src->text. Returns BS_ECONTENT for errors, else BS_OK,
 * so callers can write `return bs_diag_at(...)`. */
int bs_diag_at(bs_diags *d, bs_severity sev, const bs_source *src, int line,
	       int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Same, for a file known by path only (no source line shown). */
int bs_diag_file(bs_diags *d, bs_severity sev, const char *path, int line,
		 int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* An I/O failure on path (exit 3). Returns BS_EIO. */
int bs_diag_io(bs_diags *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Attach a hint ("did you mean ...?") to the last diagnostic added. */
void bs_diag_hint(bs_diags *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void bs_diags_sort(bs_diags *d);
/* Move every diagnostic of from into d; from is left empty. */
void bs_diags_merge(bs_diags *d, bs_diags *from);
size_t bs_diags_count(const bs_diags *d, bs_severity sev);
int bs_diags_has_io(const bs_diags *d);
/* Append all diagnostics, GCC style. */
void bs_diags_print(bs_buf *out, const bs_diags *d);
void bs_diags_free(bs_diags *d);

/* The closest of candidates (NULL-terminated) to word, or NULL if none is
 * near enough to suggest. Borrowed from candidates. */
const char *bs_suggest(const char *word, const char *const *candidates);

#endif
