/* fonts.h: the fonts the spec pins: "font", the default, and "fonts", one
 * file per language, each a file in the site (or the installed DejaVu Sans
 * Bold), with the characters it can draw. Made while the spec loads,
 * read-only afterwards and shared by threads; owned by the spec. */
#ifndef BS_FONTS_H
#define BS_FONTS_H

#include "base/cache.h"
#include "input/schema.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct _FcCharSet;

typedef struct bs_font {
	char *lang;   /* the language tag it serves; NULL for the default */
	char *name;   /* the file as the spec names it, or the default's path */
	char *file;   /* the path fontconfig opens */
	char *family; /* its family name, as pango asks for it */
	int weight, style, stretch; /* the face's, as pango numbers them */
	struct _FcCharSet *chars;   /* what it draws */
} bs_font;

/* v[0] is the default; the rest in the order the spec gives them. */
typedef struct bs_fonts {
	bs_font *v;
	size_t n;
} bs_fonts;

/* Read "font" and "fonts" of the spec object top into *f (zeroed before):
 * each file through bs_files_real under root, added to key (the image
 * cache's) by name and bytes. Problems go to c at the spec's line: a
 * missing file, a path out of the site, a key that is no language tag, a
 * file that is no font. The default is always loaded when its file can be
 * read. */
void bs_fonts_load(bs_fonts *f, bs_chk *c, const char *root, const json_t *top,
		   bs_key *key);
void bs_fonts_free(bs_fonts *f);

/* The font that draws words in language lang (NULL: the default): the one
 * whose tag serves lang best (base/lang.h), else the default. NULL when
 * no font was loaded. Borrowed from f. */
const bs_font *bs_fonts_for(const bs_fonts *f, const char *lang);

/* The first character of text (UTF-8) that font has no glyph for, or 0.
 * White space, controls and format characters (joiners, direction marks)
 * are not asked for: shaping needs no glyph of theirs. */
uint32_t bs_font_missing(const bs_font *font, const char *text);

#endif
