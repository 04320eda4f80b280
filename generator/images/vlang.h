/* vlang.h: the visual-language spec (assets/visual-language.json): the field
 * each channel follows, its scale to shapes, colours, icons, stars and words.
 * The loader's caller owns it; read-only once loaded, shared by threads. */
#ifndef BS_VLANG_H
#define BS_VLANG_H

#include "base/buf.h"
#include "base/cache.h"
#include "base/diag.h"
#include "images/designer.h"
#include "images/fonts.h"
#include "input/jsonsrc.h"

#include <jansson.h>

typedef struct bs_vlang bs_vlang;

/* Parse and check the spec src (assets/visual-language.json, already read).
 * Icon and shape files it names are read through bs_files_read; the fonts
 * are site_root/<font> and site_root/<fonts.LANG> (images/fonts.h), the
 * default the installed DejaVu Sans Bold when "font" is absent. On
 * success *out is the spec (free with bs_vlang_free); on failure *out is
 * NULL and every problem is in d at file:line:col. */
int bs_vlang_load(bs_vlang **out, const char *site_root, const bs_source *src,
		  bs_diags *d);
void bs_vlang_free(bs_vlang *vl);

/* Check one badge's facts (the flat object of badge fields) against the
 * scales: a value with no entry and no default is an error reported at
 * badge_path (line 0). Returns BS_OK or BS_ECONTENT. */
int bs_vlang_check(const bs_vlang *vl, const json_t *facts,
		   const char *badge_path, bs_diags *d);

/* ---- below: the loaded spec as svg.c reads it (read-only after load) ---- */

enum {
	BS_VL_SHAPE,
	BS_VL_FILL,
	BS_VL_BORDER,
	BS_VL_ACCENT,
	BS_VL_INK,
	BS_VL_ICON,
	BS_VL_STARS,
	BS_VL_MARKING,
	BS_VL_LABEL,
	BS_VL_CAPTION,
	BS_VL_NCHAN
};

/* Where the caption channel sets its words: along an arc concentric with
 * the canvas, or on a straight line, below the marking band. */
enum { BS_VL_ARC, BS_VL_BAND };

/* The channel names as the spec spells them, indexed by BS_VL_*. */
extern const char *const bs_vl_channel_names[BS_VL_NCHAN + 1];

/* One value a channel can take; which members are set depends on the
 * channel: shape and icon use index, colours use from/to (to[0] is 0
 * unless it is a gradient), border and stars use num, marking, label and
 * caption use text (label and caption: a template over the facts). */
typedef struct bs_vl_value {
	int index;
	char from[8], to[8];
	double angle; /* gradient direction in degrees, 90 = top to bottom */
	double num;
	char *text;
	int line, col; /* where the spec gives it (0 for built-ins) */
} bs_vl_value;

typedef struct bs_vl_entry {
	char *key;  /* exact value of the field (numbers as bs_buf_number) */
	double min; /* or, for steps, the least number this step takes */
	bs_vl_value v;
} bs_vl_entry;

typedef struct bs_vl_channel {
	int present;
	char *field;
	char *title, *about; /* legend text, may be NULL */
	bs_vl_entry *scale;  /* keyed entries */
	size_t nscale;
	bs_vl_entry *steps; /* numeric steps, highest min first */
	size_t nsteps;
	int has_template; /* label: tmpl.text used for any present value */
	bs_vl_value tmpl;
	int has_default; /* def: when no entry matches or the field is absent */
	bs_vl_value def;
	/* caption only: where its words go and the font sizes (canvas
	 * units) they are fitted between, largest first */
	int place;
	double max_size, min_size;
} bs_vl_channel;

/* An outline: path data in canvas units and, per row of a coarse mask,
 * the half-width of the shape around the canvas centre (for fitting). */
typedef struct bs_vl_shape {
	char *name;
	char *d;
	double *half; /* BS_VL_MASK rows */
} bs_vl_shape;

#define BS_VL_MASK 200

/* Limits the lint (lint.c) applies; the spec's "lint" object. */
typedef struct bs_vl_lint {
	double delta_e;	  /* fills of other formality closer than this
			     (CIEDE2000) look alike */
	int max_elements; /* visual elements on one badge */
	int max_words;	  /* words of a badge name drawn on it */
} bs_vl_lint;

struct bs_vlang {
	char *spec_path;
	bs_source src; /* the spec as read, with json and pos for reports */
	json_t *json;
	bs_jpos *pos;
	bs_vl_lint lint;
	double size, margin;
	bs_fonts fonts; /* the default and one per language */
	char *describe; /* template of <desc> */
	bs_vl_channel ch[BS_VL_NCHAN];
	bs_vl_shape *shapes;
	size_t nshapes;
	bs_icon *icons;
	size_t nicons;
	bs_key key; /* every byte the spec was made from: its text, its icon
		       and shape files, the fonts (for the image cache) */
};

/* Append a badge's value v as a scale key spells it: a string as it is,
 * a number in shortest form, a boolean as yes or no (others: nothing). */
void bs_vl_key_text(bs_buf *b, const json_t *v);

/* The value channel ch takes for facts (borrowed while the spec lives), or
 * NULL: *why is 0 when the
 * channel is absent or its field is missing and nothing is drawn, 1 when
 * the field is missing and the channel needs a value, 2 when the value has
 * no entry and there is no default. */
const bs_vl_value *bs_vl_resolve(const bs_vlang *vl, int ch,
				 const json_t *facts, int *why);

/* The spec's description of the badge with these facts (its "describe"
 * template expanded), as the <desc> of its image. Caller frees. */
char *bs_vlang_describe(const bs_vlang *vl, const json_t *facts);

/* Expand a template: {{field}} is a fact, {{@channel}} what that channel
 * shows (shape name, marking text, star count), {{#field}}...{{/field}}
 * kept only when the field is present, {{^field}}...{{/field}} only when
 * absent. Plain text, not escaped. */
void bs_vl_expand(bs_buf *out, const bs_vlang *vl, const char *tpl,
		  const json_t *facts);

#endif
