/* diagram.h: a stacking diagram as plain SVG text: labelled boxes in
 * columns, an arrow from each part to what it counts towards. Knows
 * nothing of badges: the caller names the boxes and the arrows. */
#ifndef BS_DIAGRAM_H
#define BS_DIAGRAM_H

#include "base/buf.h"

#include <stddef.h>

typedef struct bs_dgm_edge {
	size_t from, to; /* indexes into the labels: part -> whole */
} bs_dgm_edge;

/* Append an <svg> element (role="img", labelled by label) drawing the n
 * boxes of labels (in the order given within each column) and the ne
 * arrows of edges, which must not loop. A box with no arrow into it
 * stands in the first column; a whole stands one column right of its
 * deepest part. Text is escaped; nothing is appended when ne is 0. */
void bs_diagram_svg(bs_buf *out, const char *const *labels, size_t n,
		    const bs_dgm_edge *edges, size_t ne, const char *label);

#endif
