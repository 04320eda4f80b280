/* source.h: reading a site's text files into bs_source: one read, a size
 * limit, UTF-8 checked, BOM dropped and CRLF turned into LF, so files
 * saved on any system give the same result. */
#ifndef BS_SOURCE_H
#define BS_SOURCE_H

#include "base/diag.h"

/* Largest text file a site may hold (front matter + body). */
#define BS_SOURCE_MAX (4u << 20)

/* Read root/rel into out (out->path = rel), opened by bs_files_open (no
 * link out of the site). On failure reports to d and returns BS_EIO
 * (unreadable) or BS_ECONTENT (too large, not UTF-8, a link leading out).
 * Caller releases with bs_source_free. */
int bs_source_load(bs_source *out, const char *root, const char *rel,
		   bs_diags *d);
/* The same, from the open file fd (closed here) read as rel. */
int bs_source_load_fd(bs_source *out, int fd, const char *rel, bs_diags *d);
/* Take text (len bytes, copied) as if it had been read from path. */
int bs_source_from(bs_source *out, const char *path, const char *text,
		   size_t len, bs_diags *d);
void bs_source_free(bs_source *s);

/* Line and column (1-based, column in characters) of byte offset off. */
void bs_source_pos(const bs_source *s, size_t off, int *line, int *col);

#endif
