/* files.c: site files with built-in fallbacks, and the rule that no path
 * a site names may leave the site. */
#include "input/files.h"

#include "base/alloc.h"
#include "base/embedded.h"
#include "input/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int bs_files_safe(const char *rel)
{
	if (!rel[0] || rel[0] == '/' || strchr(rel, '\\') || strchr(rel, ':'))
		return 0;
	for (const char *p = rel; *p; p++)
		if ((unsigned char)*p < ' ')
			return 0;
	/* every segment must be a plain name */
	const char *seg = rel;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (!seg[n])
			return 1;
		seg += n + 1;
	}
}

static const bs_embedded *embedded(const char *rel)
{
	for (const bs_embedded *e = bs_embedded_files; e->path; e++)
		if (strcmp(e->path, rel) == 0)
			return e;
	return NULL;
}

static int site_has(const char *root, const char *rel)
{
	char *full = bs_xasprintf("%s/%s", root, rel);
	struct stat st;
	int ok = stat(full, &st) == 0 && S_ISREG(st.st_mode);
	free(full);
	return ok;
}

int bs_files_exists(const char *root, const char *rel)
{
	return bs_files_safe(rel) && (site_has(root, rel) || embedded(rel));
}

static int refuse(const char *rel, const bs_source *from, int line, int col,
		  bs_diags *d)
{
	if (!bs_files_safe(rel)) {
		bs_diag_at(d, BS_ERROR, from, line, col,
			   "path '%s' points outside the site", rel);
		bs_diag_hint(d, "use a path inside the site, such as "
				"'assets/icons/star.svg'");
		return BS_ECONTENT;
	}
	bs_diag_at(d, BS_ERROR, from, line, col, "file '%s' not found", rel);
	bs_diag_hint(d, "paths are relative to the site folder");
	return BS_ECONTENT;
}

int bs_files_read(bs_source *out, const char *root, const char *rel,
		  const bs_source *from, int line, int col, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	if (!bs_files_safe(rel))
		return refuse(rel, from, line, col, d);
	const bs_embedded *e = embedded(rel);
	int rc;
	if (site_has(root, rel))
		rc = bs_source_load(out, root, rel, d);
	else if (e)
		rc = bs_source_from(out, rel, (const char *)e->data, e->len, d);
	else
		return refuse(rel, from, line, col, d);
	if (rc)
		bs_source_free(out); /* on failure nothing is left to free */
	return rc;
}

int bs_files_read_bytes(bs_buf *out, const char *root, const char *rel,
			const bs_source *from, int line, int col, bs_diags *d)
{
	bs_buf_init(out);
	if (!bs_files_safe(rel))
		return refuse(rel, from, line, col, d);
	if (site_has(root, rel)) {
		char *full = bs_xasprintf("%s/%s", root, rel);
		FILE *f = fopen(full, "rb");
		free(full);
		if (!f)
			return bs_diag_io(d, rel, "cannot read: %s",
					  strerror(errno));
		char tmp[65536];
		size_t n;
		while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
			bs_buf_put(out, tmp, n);
		int err = ferror(f);
		fclose(f);
		if (err)
			return bs_diag_io(d, rel, "cannot read: I/O error");
		return BS_OK;
	}
	const bs_embedded *e = embedded(rel);
	if (e) {
		bs_buf_put(out, e->data, e->len);
		return BS_OK;
	}
	return refuse(rel, from, line, col, d);
}
