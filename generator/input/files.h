/* files.h: reading files a site refers to by a site-relative path: the
 * site's own copy first, else the default built into the program. Paths
 * that would leave the site (absolute, "..", backslashes) are refused, and
 * so are symbolic links that lead out of it: every file and folder the
 * build reads from the site is opened here. */
#ifndef BS_FILES_H
#define BS_FILES_H

#include "base/buf.h"
#include "base/diag.h"

#include <dirent.h>
#include <sys/stat.h>

/* Returned (not reported) when rel, or a folder on its way, does not
 * exist or is not the kind asked for; errno tells which. */
#define BS_FILES_MISSING 1

/* Open root/rel (a safe site-relative path) for reading without leaving
 * the site: each component is opened with O_NOFOLLOW in the folder opened
 * before it, so nothing can be swapped in between a check and the open. A
 * symbolic link is followed only when its target is relative, stays under
 * root and names no hidden (".") file or folder; its ".." are resolved by
 * name, never by the file system. dir: the last component must be a
 * folder. Sets *fd (caller closes) and returns BS_OK; BS_FILES_MISSING;
 * BS_ECONTENT for a link that leaves the site or an unsafe rel, reported at
 * from:line:col when from is given, else at the link itself; BS_EIO for
 * other errors, reported. */
int bs_files_open(int *fd, const char *root, const char *rel, int dir,
		  const bs_source *from, int line, int col, bs_diags *d);

/* bs_files_open's rules, for a folder to list: *out (caller closedir()s)
 * or NULL on BS_FILES_MISSING. */
int bs_files_opendir(DIR **out, const char *root, const char *rel, bs_diags *d);

/* fstat of root/rel opened by bs_files_open (any kind of file). */
int bs_files_stat(struct stat *st, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d);

/* The path of the regular file rel inside the site, links resolved, for a
 * library that opens files by name (fontconfig). Caller frees *path;
 * returns as bs_files_open. The file is checked when this is called; what
 * the library opens later is that same name. */
int bs_files_real(char **path, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d);

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

/* Does rel exist in the site (a regular file, links followed as
 * bs_files_open allows) or among the built-in defaults? */
int bs_files_exists(const char *site_root, const char *rel);

#endif
