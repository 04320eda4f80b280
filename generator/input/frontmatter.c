/* frontmatter.c: the front matter / body split of Markdown files. */
#include "input/frontmatter.h"

#include "input/source.h"

#include <string.h>

static const char minimal_hint[] =
    "start the file with a JSON object such as {\"name\": \"Event "
    "speaker\"}; the Markdown body follows on the line after its closing "
    "'}'";

static void clear(bs_frontmatter *out, const bs_source *src)
{
	memset(out, 0, sizeof *out);
	out->body = src->text ? src->text + src->len : "";
	out->body_line = 1;
}

int bs_fm_parse(bs_frontmatter *out, const bs_source *src, bs_diags *d)
{
	clear(out, src);
	const char *s = src->text ? src->text : "";
	size_t len = src->text ? src->len : 0;
	if (strspn(s, " \t\r\n") >= len) {
		bs_diag_at(d, BS_ERROR, src, 1, 1, "the file is empty");
		bs_diag_hint(d, "%s", minimal_hint);
		return BS_ECONTENT;
	}
	if (s[0] != '{') {
		size_t i = strspn(s, " \t\r\n");
		if (s[i] == '{') {
			int line, col;
			bs_source_pos(src, i, &line, &col);
			bs_diag_at(d, BS_ERROR, src, 1, 1,
				   "front matter must start at line 1, "
				   "column 1");
			bs_diag_hint(d,
				     "remove what comes before the '{' at "
				     "%d:%d",
				     line, col);
		} else if (strchr("[\"-0123456789", s[i]) ||
			   strncmp(s + i, "true", 4) == 0 ||
			   strncmp(s + i, "false", 5) == 0 ||
			   strncmp(s + i, "null", 4) == 0) {
			bs_diag_at(d, BS_ERROR, src, 1, 1,
				   "front matter must be a JSON object");
			bs_diag_hint(d, "%s", minimal_hint);
		} else {
			bs_diag_at(d, BS_ERROR, src, 1, 1,
				   "missing front matter: the file must start "
				   "with '{'");
			bs_diag_hint(d, "%s", minimal_hint);
		}
		return BS_ECONTENT;
	}
	json_t *data;
	bs_jpos *pos;
	size_t end;
	if (bs_json_parse(&data, &pos, &end, src, 0, d))
		return BS_ECONTENT;
	size_t i = end;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i < len && s[i] != '\n') {
		int line, col;
		bs_source_pos(src, i, &line, &col);
		bs_diag_at(d, BS_ERROR, src, line, col,
			   "unexpected text after the front matter's closing "
			   "'}'");
		bs_diag_hint(d, "the Markdown body starts on the line after "
				"'}'; move this text to the next line");
		json_decref(data);
		bs_jpos_free(pos);
		return BS_ECONTENT;
	}
	int line, col;
	bs_source_pos(src, end, &line, &col);
	out->data = data;
	out->pos = pos;
	out->body_line = line + 1;
	if (i < len)
		i++; /* the newline ending the closing line */
	out->body = s + i;
	out->body_len = len - i;
	return BS_OK;
}

void bs_fm_free(bs_frontmatter *fm)
{
	json_decref(fm->data);
	bs_jpos_free(fm->pos);
	memset(fm, 0, sizeof *fm);
	fm->body = "";
}
