/* embedded.h: the default layouts and assets compiled into the program
 * (generated from layouts/ and assets/ by tools/embed.pl). */
#ifndef BS_EMBEDDED_H
#define BS_EMBEDDED_H

#include <stddef.h>

typedef struct bs_embedded {
	const char *path; /* e.g. "layouts/base.mustache" */
	const unsigned char *data;
	size_t len;
} bs_embedded;

/* Terminated by an entry whose path is NULL. */
extern const bs_embedded bs_embedded_files[];

#endif
