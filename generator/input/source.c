/* source.c: loading and normalising text files. */
#include "input/source.h"

#include "base/alloc.h"
#include "input/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Byte offset of the first invalid UTF-8 sequence, or len if none. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* runs of ASCII, eight bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000, c &= 0x07;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

int bs_source_from(bs_source *out, const char *path, const char *text,
		   size_t len, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	out->path = bs_xstrdup(path);
	if (len > BS_SOURCE_MAX) {
		bs_diag_file(d, BS_ERROR, path, 0, 0,
			     "file is more than the limit of %u bytes",
			     BS_SOURCE_MAX);
		bs_diag_hint(d, "split it into several files");
		return BS_ECONTENT;
	}
	const unsigned char *s = (const unsigned char *)text;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		s += 3, len -= 3;
	char *t = bs_xmalloc(len + 1);
	size_t n = 0;
	const unsigned char *cr = memchr(s, '\r', len);
	if (!cr) {
		memcpy(t, s, len);
		n = len;
	} else {
		memcpy(t, s, (size_t)(cr - s));
		n = (size_t)(cr - s);
		for (size_t i = n; i < len; i++) {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				continue;
			t[n++] = (char)s[i];
		}
	}
	t[n] = '\0';
	out->text = t;
	out->len = n;
	size_t bad = utf8_check((const unsigned char *)t, n);
	if (bad < n) {
		int line, col;
		bs_source_pos(out, bad, &line, &col);
		bs_diag_file(d, BS_ERROR, path, line, col,
			     "invalid UTF-8 (byte 0x%02X)",
			     (unsigned char)t[bad]);
		bs_diag_hint(d, "save the file as UTF-8");
		return BS_ECONTENT;
	}
	if (memchr(t, '\0', n)) {
		int line, col;
		bs_source_pos(out, (size_t)((char *)memchr(t, '\0', n) - t),
			      &line, &col);
		bs_diag_file(d, BS_ERROR, path, line, col,
			     "NUL byte in a text file");
		return BS_ECONTENT;
	}
	return BS_OK;
}

int bs_source_load(bs_source *out, const char *root, const char *rel,
		   bs_diags *d)
{
	memset(out, 0, sizeof *out);
	int fd;
	/* opened inside the site: a link leading out is refused there */
	int rc = bs_files_open(&fd, root, rel, 0, NULL, 0, 0, d);
	if (rc) {
		int e = errno;
		out->path = bs_xstrdup(rel);
		return rc == BS_FILES_MISSING
			   ? bs_diag_io(d, rel, "cannot read: %s", strerror(e))
			   : rc;
	}
	return bs_source_load_fd(out, fd, rel, d);
}

int bs_source_load_fd(bs_source *out, int fd, const char *rel, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	struct stat st;
	int bad = fstat(fd, &st) != 0 ? errno : 0;
	if (bad || !S_ISREG(st.st_mode)) {
		int e = bad ? bad : S_ISDIR(st.st_mode) ? EISDIR : 0;
		close(fd);
		out->path = bs_xstrdup(rel);
		return e ? bs_diag_io(d, rel, "cannot read: %s", strerror(e))
			 : bs_diag_io(d, rel,
				      "cannot read: not a regular "
				      "file");
	}
	/* sized by fstat, read to the end all the same (the file may grow);
	 * one byte past the limit is enough to report it */
	size_t cap = st.st_size > 0 && st.st_size <= BS_SOURCE_MAX
			 ? (size_t)st.st_size + 1
			 : 65536;
	char *data = bs_xmalloc(cap);
	size_t len = 0;
	int err = 0;
	for (;;) {
		if (len == cap)
			bs_xgrow((void **)&data, &cap, len + 65536, 1);
		ssize_t got = read(fd, data + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			err = errno;
		if (got <= 0)
			break;
		len += (size_t)got;
		if (len > BS_SOURCE_MAX)
			break;
	}
	close(fd);
	if (err) {
		free(data);
		out->path = bs_xstrdup(rel);
		return bs_diag_io(d, rel, "cannot read: %s", strerror(err));
	}
	int rc = bs_source_from(out, rel, data, len, d);
	free(data);
	return rc;
}

void bs_source_free(bs_source *s)
{
	free(s->path);
	free(s->text);
	memset(s, 0, sizeof *s);
}

void bs_source_pos(const bs_source *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && i < s->len; i++) {
		unsigned char ch = (unsigned char)s->text[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}
