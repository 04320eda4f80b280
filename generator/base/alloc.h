/* alloc.h: the one place where allocation failure is handled (it aborts),
 * plus small string helpers that allocate. Every pointer returned is owned
 * by the caller and released with free(). */
#ifndef BS_ALLOC_H
#define BS_ALLOC_H

#include <stddef.h>

void *bs_xmalloc(size_t n);
void *bs_xcalloc(size_t n, size_t size);
void *bs_xrealloc(void *p, size_t n);
char *bs_xstrdup(const char *s);
char *bs_xstrndup(const char *s, size_t n);
/* printf into a fresh string. */
char *bs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* p, made by a library that allocates for itself and returns NULL when
 * out of memory (about n bytes): NULL ends the program as above. */
void *bs_xmade(void *p, size_t n);

/* Grow *v (of *cap elements of size sz) so it holds at least need. */
void bs_xgrow(void **v, size_t *cap, size_t need, size_t sz);

#endif
