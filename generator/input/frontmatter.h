/* frontmatter.h: splitting a Markdown content file into its JSON front
 * matter (an object that opens the file at line 1, column 1) and the
 * Markdown body that starts on the line after the object closes. */
#ifndef BS_FRONTMATTER_H
#define BS_FRONTMATTER_H

#include "base/diag.h"
#include "input/jsonsrc.h"

#include <jansson.h>
#include <stddef.h>

typedef struct bs_frontmatter {
	json_t *data;	  /* the front matter object; owned */
	bs_jpos *pos;	  /* positions in the source; owned */
	const char *body; /* borrowed from the source; NUL-terminated */
	size_t body_len;
	int body_line; /* line of the source where the body starts */
} bs_frontmatter;

/* Split src (already BOM-free with LF line ends, as bs_source makes it).
 * On failure reports to d, leaves out empty (data NULL, body "") and
 * returns BS_ECONTENT. Either way release with bs_fm_free. */
int bs_fm_parse(bs_frontmatter *out, const bs_source *src, bs_diags *d);
void bs_fm_free(bs_frontmatter *fm);

#endif
