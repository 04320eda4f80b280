/* files.h: reading files a site refers to by a site-relative path: the
 * site's own copy first, else the default built into the program. Paths
 * that would leave the site (absolute, "..", backslashes) are refused. */
#ifndef BS_FILES_H
#define BS_FILES_H

#include "base/buf.h"
#include "base/diag.h"

/* Is rel a safe site-relative path ("assets/icons/x.svg")? */
int bs_files_safe(const char *rel);

/* Read the text file rel (UTF-8 checked, LF line ends) into out.
 * Reports to d: at (from, line, col) when rel is unsafe or missing,
 * so the error points at the field that named it. from may be NULL.
 * Caller frees out with bs_source_free (on failure it is empty). */
int bs_files_read(bs_source *out, const char *site_root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d);

/* Read any file rel as bytes into out (caller frees with bs_buf_free). */
int bs_files_read_bytes(bs_buf *out, const char *site_root, const char *rel,
			const bs_source *from, int line, int col, bs_diags *d);

/* Does rel exist in the site or among the built-in defaults? */
int bs_files_exists(const char *site_root, const char *rel);

#endif
