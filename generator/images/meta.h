/* meta.h: what a badge image says about itself (title, description, where
 * it is published, who issues it, its licence) as SVG <metadata>: RDF with
 * Dublin Core terms. png.c writes the same as PNG text chunks. */
#ifndef BS_META_H
#define BS_META_H

#include "base/buf.h"
#include "base/cache.h"

/* Every string is borrowed; any may be NULL or empty, and is then left
 * out. The caller computes them: this module knows no badge fields. */
typedef struct bs_img_meta {
	const char *title;	 /* the badge's name */
	const char *description; /* what the badge recognises */
	const char *source;	 /* the absolute URL of the badge's class */
	const char *author;	 /* who issues it */
	const char *licence;	 /* the images' licence (site.json) */
} bs_img_meta;

/* Insert m as <metadata> after the first </desc> of the SVG in svg (a
 * badge SVG as svg.c or designer.c write it); nothing when there is none. */
void bs_meta_svg_insert(bs_buf *svg, const bs_img_meta *m);

/* Add m's strings to k, for the cache key of the images it goes into. */
void bs_meta_key(bs_key *k, const bs_img_meta *m);

#endif
