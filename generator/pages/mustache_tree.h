/* mustache_tree.h: the compiled form of a template set, private to the
 * Mustache engine: mustache.c compiles templates into these trees,
 * mustache_render.c renders them. Nothing else includes this. */
#ifndef BS_MUSTACHE_TREE_H
#define BS_MUSTACHE_TREE_H

#include "pages/mustache.h"

#include <stddef.h>

/* Names and their parts longer than this are found nowhere. */
#define MAX_PART 127

typedef enum {
	N_TEXT,
	N_VAR,	    /* {{x}}: escaped */
	N_RAW,	    /* {{{x}}} and {{&x}} */
	N_SECTION,  /* {{#x}} */
	N_INVERTED, /* {{^x}} */
	N_PARTIAL,  /* {{>x}} */
	N_PARENT,   /* {{<x}} */
	N_BLOCK	    /* {{$x}} */
} ntype;

typedef struct node node;
struct node {
	ntype type;
	char *text; /* N_TEXT: the text; others: the name */
	size_t len;
	node *kids;
	size_t nkids, cap;
	int line, col;
	int standalone;
	char *ws;     /* whitespace before the tag on its line, if only that */
	char *def_ws; /* N_BLOCK: indentation of its content's first line */
	size_t id;    /* N_VAR, N_RAW, N_SECTION, N_INVERTED: the name's
			 number in the set (see lookup) */
	size_t n0;    /* and the length of its first part */
};

typedef struct tpl {
	char *name, *path;
	char *text; /* as added, for bs_tpl_set_each */
	size_t len;
	node root;
} tpl;

struct bs_tpl_set {
	tpl *v;
	size_t n, cap;
	char **names; /* every name a template looks up, once (node.id) */
	size_t nnames, ncap;
};

/* The template of the set named name, or NULL. */
const tpl *bs_tpl_find(const bs_tpl_set *set, const char *name);
/* The indentation of a block's first line (caller frees). */
char *bs_tpl_first_ws(const node *n);

#endif
