/* vlang.c: reading and checking the visual-language spec: its channels and
 * scales, shapes and icons (made by shapes.c and designer.c), the pinned
 * fonts (fonts.c); resolving a badge's values and expanding the label
 * templates. */
#include "images/vlang.h"

#include "base/alloc.h"
#include "images/designer.h"
#include "images/shapes.h"
#include "input/files.h"
#include "input/schema.h"
#include "input/source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const bs_vl_channel_names[BS_VL_NCHAN + 1] = {
    "shape", "fill",	"border", "accent",  "ink", "icon",
    "stars", "marking", "label",  "caption", NULL};

/* The fields a badge's facts may hold (see view.c). */
static const char *const fact_fields[] = {
    "id",	  "name",	   "short_name",       "class",
    "class_name", "formality",	   "achievement_type", "hours",
    "credits",	  "assessment",	   "award_mode",       "category",
    "programme",  "participation", "recipient",	       "level",
    "status",	  "issuer",	   "version",	       "language",
    NULL};

/* ---- channels ---- */

typedef struct loader {
	bs_chk c;
	bs_vlang *vl;
	const char *root;
} loader;

static int known_field(const char *f)
{
	for (const char *const *k = fact_fields; *k; k++)
		if (strcmp(*k, f) == 0)
			return 1;
	return 0;
}

/* Read and sanitise the icon file rel once, kept in vl->icons with its
 * bytes in vl->key; reported at the spec's (line, col). Its index, or -1. */
static int load_icon(bs_vlang *vl, const char *root, const char *rel,
		     const bs_source *from, int line, int col, bs_diags *d)
{
	for (size_t i = 0; i < vl->nicons; i++)
		if (strcmp(vl->icons[i].path, rel) == 0)
			return (int)i;
	bs_source src;
	if (bs_files_read(&src, root, rel, from, line, col, d))
		return -1;
	bs_key_add_str(&vl->key, rel);
	bs_key_add(&vl->key, src.text, src.len);
	bs_icon icon;
	int rc = bs_designer_icon(&icon, &src, rel, d);
	bs_source_free(&src);
	if (rc)
		return -1;
	vl->icons =
	    bs_xrealloc(vl->icons, (vl->nicons + 1) * sizeof *vl->icons);
	vl->icons[vl->nicons] = icon;
	return (int)vl->nicons++;
}

static int parse_colour(const char *s, char out[8])
{
	size_t n = strlen(s);
	if (s[0] != '#' || (n != 4 && n != 7))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]))
			return 0;
	out[0] = '#';
	for (int i = 0; i < 6; i++) {
		char h = n == 4 ? s[1 + i / 2] : s[1 + i];
		out[1 + i] = (char)(h >= 'A' && h <= 'F' ? h + 32 : h);
	}
	out[7] = '\0';
	return 1;
}

/* Report at v: obj[key] when key is set, else item i of the array obj. */
static void bad_value(loader *L, const json_t *obj, const char *key, size_t i,
		      const char *msg, const char *hint)
{
	if (key)
		bs_chk_at_member(&L->c, obj, key, "%s", msg);
	else
		bs_chk_at_item(&L->c, obj, i, "%s", msg);
	if (hint)
		bs_chk_hint(&L->c, "%s", hint);
}

static const char *const gradient_keys[] = {"from", "to", "angle", NULL};

/* Parse the value v (found at obj[key] or obj[i]) for channel ch. */
static int parse_value(loader *L, int ch, const json_t *obj, const char *key,
		       size_t i, const json_t *v, bs_vl_value *out)
{
	memset(out, 0, sizeof *out);
	out->index = -1;
	out->angle = 90;
	const char *s = json_string_value(v);
	int line = 0, col = 0;
	if (key) {
		int kl, kc;
		bs_jpos_member(L->c.pos, obj, key, &kl, &kc, &line, &col);
	} else {
		bs_jpos_item(L->c.pos, obj, i, &line, &col);
	}
	out->line = line;
	out->col = col;
	switch (ch) {
	case BS_VL_SHAPE:
		if (s && (out->index = bs_shape_find(L->vl, s)) >= 0)
			return 0;
		if (!s) {
			bad_value(L, obj, key, i, "a shape must be a name",
				  NULL);
			return -1;
		}
		{
			const char **names =
			    bs_xcalloc(L->vl->nshapes + 1, sizeof *names);
			for (size_t k = 0; k < L->vl->nshapes; k++)
				names[k] = L->vl->shapes[k].name;
			const char *sug = bs_suggest(s, names);
			bs_buf m = BS_BUF_INIT;
			bs_buf_printf(&m, "unknown shape '%s'", s);
			bs_buf h = BS_BUF_INIT;
			if (sug)
				bs_buf_printf(&h, "did you mean '%s'?", sug);
			else
				bs_buf_puts(&h,
					    "use circle, shield, hexagon, "
					    "pill, teardrop, diamond, "
					    "square or one from \"shapes\"");
			bad_value(L, obj, key, i, m.ptr, h.ptr);
			bs_buf_free(&m);
			bs_buf_free(&h);
			free(names);
		}
		return -1;
	case BS_VL_FILL:
		if (json_is_object(v)) {
			bs_chk_keys(&L->c, v, gradient_keys, "a gradient");
			const char *f = bs_chk_str(&L->c, v, "from", 1);
			const char *t = bs_chk_str(&L->c, v, "to", 1);
			bs_chk_num(&L->c, v, "angle", -360, 360, 0,
				   &out->angle);
			if (!f || !t)
				return -1;
			if (!parse_colour(f, out->from) ||
			    !parse_colour(t, out->to)) {
				bad_value(L, v,
					  parse_colour(f, out->from) ? "to"
								     : "from",
					  0, "a colour must be #rgb or #rrggbb",
					  NULL);
				return -1;
			}
			return 0;
		}
		/* a solid colour, like accent and ink */
		/* fall through */
	case BS_VL_ACCENT:
	case BS_VL_INK:
		if (s && parse_colour(s, out->from))
			return 0;
		bad_value(L, obj, key, i,
			  ch == BS_VL_FILL
			      ? "a fill must be a colour (#rrggbb) or "
				"{\"from\": ..., \"to\": ...}"
			      : "a colour must be #rgb or #rrggbb",
			  "for example \"#1f4e8c\"");
		return -1;
	case BS_VL_BORDER:
	case BS_VL_STARS: {
		double max = ch == BS_VL_STARS ? 5 : L->vl->size / 10;
		double n = json_number_value(v);
		if (!json_is_number(v) || n < 0 || n > max ||
		    (ch == BS_VL_STARS && n != floor(n))) {
			bs_buf m = BS_BUF_INIT;
			bs_buf_printf(&m, "%s must be a%s number from 0 to ",
				      bs_vl_channel_names[ch],
				      ch == BS_VL_STARS ? " whole" : "");
			bs_buf_number(&m, max);
			bad_value(L, obj, key, i, m.ptr, NULL);
			bs_buf_free(&m);
			return -1;
		}
		out->num = n;
		return 0;
	}
	case BS_VL_ICON:
		if (!s) {
			bad_value(L, obj, key, i,
				  "an icon must be a path such as "
				  "\"assets/icons/star.svg\"",
				  NULL);
			return -1;
		}
		out->index =
		    load_icon(L->vl, L->root, s, L->c.src, line, col, L->c.d);
		if (out->index < 0) {
			L->c.errors++;
			return -1;
		}
		return 0;
	case BS_VL_MARKING:
	case BS_VL_LABEL:
	case BS_VL_CAPTION:
		if (!s || strlen(s) > (ch == BS_VL_MARKING ? 40u : 120u)) {
			bad_value(L, obj, key, i,
				  ch == BS_VL_MARKING
				      ? "a marking must be a string of at "
					"most 40 bytes"
				      : "a template must be a string of at "
					"most 120 bytes",
				  NULL);
			return -1;
		}
		out->text = bs_xstrdup(s);
		return 0;
	}
	return -1;
}

static const char *const channel_keys[] = {
    "field",	"title", "about",    "scale",	 "steps", "default",
    "template", "place", "max_size", "min_size", NULL};
static const char *const places[] = {"arc", "band", NULL};
static const char *const step_keys[] = {"min", "value", NULL};

/* The caption's place and sizes; other channels may not have them. */
static void load_placing(loader *L, int ch, const json_t *o)
{
	bs_vl_channel *c = &L->vl->ch[ch];
	const double S = L->vl->size;
	c->max_size = 0.06 * S;
	c->min_size = 0.04 * S;
	c->place = BS_VL_ARC;
	static const char *const own[] = {"place", "max_size", "min_size"};
	if (ch != BS_VL_CAPTION) {
		for (size_t i = 0; i < 3; i++)
			if (json_object_get(o, own[i]))
				bs_chk_at_key(&L->c, o, own[i],
					      "only the caption channel takes "
					      "\"%s\"",
					      own[i]);
		return;
	}
	const char *p = bs_chk_enum(&L->c, o, "place", places, 0);
	if (p && strcmp(p, "band") == 0)
		c->place = BS_VL_BAND;
	bs_chk_num(&L->c, o, "max_size", 4, S / 8, 0, &c->max_size);
	bs_chk_num(&L->c, o, "min_size", 4, S / 8, 0, &c->min_size);
	if (c->min_size > c->max_size) {
		bs_chk_at_member(&L->c, o, "min_size",
				 "min_size is larger than max_size");
		bs_chk_hint(&L->c, "the caption is shrunk from max_size down "
				   "to min_size until it fits");
	}
}

static void load_channel(loader *L, int ch, const json_t *chans)
{
	bs_vl_channel *c = &L->vl->ch[ch];
	const json_t *o = json_object_get(chans, bs_vl_channel_names[ch]);
	if (!json_is_object(o)) {
		bs_chk_at_member(&L->c, chans, bs_vl_channel_names[ch],
				 "channel '%s' must be an object",
				 bs_vl_channel_names[ch]);
		return;
	}
	c->present = 1;
	bs_chk_keys(&L->c, o, channel_keys, "a channel");
	const char *field = bs_chk_str(&L->c, o, "field", 1);
	if (field && !known_field(field)) {
		bs_chk_at_member(&L->c, o, "field", "unknown badge field '%s'",
				 field);
		const char *sug = bs_suggest(field, fact_fields);
		if (sug)
			bs_chk_hint(&L->c, "did you mean '%s'?", sug);
	}
	c->field = bs_xstrdup(field ? field : "");
	const char *t = bs_chk_str(&L->c, o, "title", 0);
	const char *a = bs_chk_str(&L->c, o, "about", 0);
	c->title = t ? bs_xstrdup(t) : NULL;
	c->about = a ? bs_xstrdup(a) : NULL;

	json_t *scale = bs_chk_obj(&L->c, o, "scale", 0);
	if (scale) {
		c->scale =
		    bs_xcalloc(json_object_size(scale) + 1, sizeof *c->scale);
		const char *k;
		json_t *v;
		json_object_foreach(scale, k, v)
		{
			bs_vl_entry *e = &c->scale[c->nscale];
			if (parse_value(L, ch, scale, k, 0, v, &e->v) == 0) {
				e->key = bs_xstrdup(k);
				c->nscale++;
			}
		}
	}
	json_t *steps = bs_chk_arr(&L->c, o, "steps", 0, 0);
	if (steps) {
		c->steps =
		    bs_xcalloc(json_array_size(steps) + 1, sizeof *c->steps);
		for (size_t i = 0; i < json_array_size(steps); i++) {
			json_t *it = json_array_get(steps, i);
			if (!json_is_object(it)) {
				bs_chk_at_item(&L->c, steps, i,
					       "a step must be {\"min\": n, "
					       "\"value\": ...}");
				continue;
			}
			bs_chk_keys(&L->c, it, step_keys, "a step");
			bs_vl_entry *e = &c->steps[c->nsteps];
			if (!bs_chk_num(&L->c, it, "min", -1e12, 1e12, 1,
					&e->min))
				continue;
			json_t *v = json_object_get(it, "value");
			if (!v) {
				bs_chk_at_member(&L->c, it, NULL,
						 "a step needs a \"value\"");
				continue;
			}
			if (c->nsteps &&
			    e->min >= c->steps[c->nsteps - 1].min) {
				bs_chk_at_member(&L->c, it, "min",
						 "steps must go from the "
						 "highest min to the lowest");
				continue;
			}
			if (parse_value(L, ch, it, "value", 0, v, &e->v) == 0)
				c->nsteps++;
		}
	}
	json_t *def = json_object_get(o, "default");
	if (def && parse_value(L, ch, o, "default", 0, def, &c->def) == 0)
		c->has_default = 1;
	json_t *tmpl = json_object_get(o, "template");
	if (tmpl && ch != BS_VL_LABEL && ch != BS_VL_MARKING &&
	    ch != BS_VL_CAPTION) {
		bs_chk_at_key(&L->c, o, "template",
			      "only the label, marking and caption channels "
			      "take a template");
	} else if (tmpl &&
		   parse_value(L, ch, o, "template", 0, tmpl, &c->tmpl) == 0) {
		c->has_template = 1;
	}
	load_placing(L, ch, o);
	/* entries that were given but are broken have their own errors */
	int given =
	    json_object_size(scale) || json_array_size(steps) || def || tmpl;
	if (!given) {
		bs_chk_at_member(&L->c, o, NULL,
				 "channel '%s' maps no value to anything",
				 bs_vl_channel_names[ch]);
		bs_chk_hint(&L->c, "give it a \"scale\", \"steps\" or a "
				   "\"default\"");
	}
}

static const char *const top_keys[] = {"about",	   "canvas",   "font",
				       "fonts",	   "describe", "shapes",
				       "channels", "lint",     NULL};
static const char *const lint_keys[] = {"delta_e", "max_elements",
					"max_name_words", NULL};
static const char *const canvas_keys[] = {"size", "margin", NULL};
static const char *const shape_keys[] = {"path", "box", "file", NULL};

static void load_shapes(loader *L, const json_t *shapes)
{
	bs_vlang *vl = L->vl;
	bs_shape_load_builtins(vl, shapes ? json_object_size(shapes) : 0);
	if (!shapes)
		return;
	const char *name;
	json_t *o;
	json_object_foreach((json_t *)shapes, name, o)
	{
		if (!json_is_object(o)) {
			bs_chk_at_member(&L->c, shapes, name,
					 "a shape must be {\"path\": ..., "
					 "\"box\": [x, y, w, h]} or "
					 "{\"file\": ...}");
			continue;
		}
		if (bs_shape_find(vl, name) >= 0) {
			bs_chk_at_key(&L->c, shapes, name,
				      "shape '%s' is already defined", name);
			continue;
		}
		bs_chk_keys(&L->c, o, shape_keys, "a shape");
		const char *file = bs_chk_str(&L->c, o, "file", 0);
		const char *path = bs_chk_str(&L->c, o, "path", !file);
		if (!path && !file)
			continue; /* reported: a shape needs one of them */
		double box[4] = {0, 0, 0, 0};
		if (path) {
			json_t *bx = bs_chk_arr(&L->c, o, "box", 1, 0);
			size_t nb = bx ? json_array_size(bx) : 0;
			for (size_t i = 0; i < nb && i < 4; i++)
				box[i] =
				    json_number_value(json_array_get(bx, i));
			if (bx && (nb != 4 || box[2] <= 0 || box[3] <= 0)) {
				bs_chk_at_member(
				    &L->c, o, "box",
				    "box must be [x, y, width, "
				    "height] with a positive size");
				continue;
			}
			if (!bx)
				continue;
		}
		char *own = NULL;
		if (file && !path) {
			/* the first <path> of an SVG file and its viewBox */
			int l = 0, c = 0, kl, kc;
			bs_jpos_member(L->c.pos, o, "file", &kl, &kc, &l, &c);
			bs_source src;
			if (bs_files_read(&src, L->root, file, L->c.src, l, c,
					  L->c.d)) {
				L->c.errors++;
				continue;
			}
			bs_key_add_str(&L->vl->key, file);
			bs_key_add(&L->vl->key, src.text, src.len);
			int bad = bs_designer_read_shape(&own, box, &src, file);
			bs_source_free(&src);
			if (bad) {
				bs_chk_at_member(&L->c, o, "file",
						 "%s needs a viewBox and a "
						 "<path d> at its top level",
						 file);
				continue;
			}
			path = own;
		}
		bs_vl_shape *sh = &vl->shapes[vl->nshapes];
		sh->name = bs_xstrdup(name);
		if (bs_shape_place(vl, sh, path, box) < 0) {
			bs_chk_at_member(&L->c, o, own ? "file" : "path",
					 "shape '%s' is not path data that "
					 "draws something",
					 name);
			free(sh->name);
			free(sh->d);
			free(sh->half);
			memset(sh, 0, sizeof *sh);
		} else {
			vl->nshapes++;
		}
		free(own);
	}
}

int bs_vlang_load(bs_vlang **out, const char *site_root, const bs_source *src,
		  bs_diags *d)
{
	*out = NULL;
	json_t *j = NULL;
	bs_jpos *pos = NULL;
	if (bs_json_parse_file(&j, &pos, src, d))
		return BS_ECONTENT;
	bs_vlang *vl = bs_xcalloc(1, sizeof *vl);
	vl->spec_path = bs_xstrdup(src->path);
	bs_key_init(&vl->key);
	bs_key_add(&vl->key, src->text, src->len);
	loader L = {{src, pos, d, 0}, vl, site_root};
	if (!json_is_object(j)) {
		bs_diag_at(d, BS_ERROR, src, 1, 1,
			   "the visual language must be a JSON object");
		L.c.errors++;
		goto done;
	}
	bs_chk_keys(&L.c, j, top_keys, "the visual language");
	vl->size = 600;
	vl->margin = 12;
	json_t *canvas = bs_chk_obj(&L.c, j, "canvas", 0);
	if (canvas) {
		bs_chk_keys(&L.c, canvas, canvas_keys, "the canvas");
		bs_chk_num(&L.c, canvas, "size", 64, 4096, 0, &vl->size);
		bs_chk_num(&L.c, canvas, "margin", 0, vl->size / 4, 0,
			   &vl->margin);
	}
	vl->lint.delta_e = 10;
	vl->lint.max_elements = 9;
	vl->lint.max_words = 3;
	json_t *lint = bs_chk_obj(&L.c, j, "lint", 0);
	if (lint) {
		long n;
		bs_chk_keys(&L.c, lint, lint_keys, "the lint limits");
		bs_chk_num(&L.c, lint, "delta_e", 0, 100, 0, &vl->lint.delta_e);
		if (bs_chk_int(&L.c, lint, "max_elements", 1, 100, 0, &n))
			vl->lint.max_elements = (int)n;
		if (bs_chk_int(&L.c, lint, "max_name_words", 1, 100, 0, &n))
			vl->lint.max_words = (int)n;
	}
	bs_fonts_load(&vl->fonts, &L.c, site_root, j, &vl->key);
	const char *desc = bs_chk_str(&L.c, j, "describe", 0);
	vl->describe =
	    bs_xstrdup(desc ? desc
			    : "{{class_name}}, {{formality}}: {{@shape}}"
			      "{{#hours}}, {{hours}} hours{{/hours}}");
	load_shapes(&L, bs_chk_obj(&L.c, j, "shapes", 0));
	json_t *chans = bs_chk_obj(&L.c, j, "channels", 1);
	if (chans) {
		bs_chk_keys(&L.c, chans, bs_vl_channel_names, "channels");
		for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
			if (json_object_get(chans, bs_vl_channel_names[ch]))
				load_channel(&L, ch, chans);
		}
		for (int ch = BS_VL_SHAPE; ch <= BS_VL_FILL; ch++)
			if (!vl->ch[ch].present) {
				bs_chk_at_member(&L.c, j, "channels",
						 "the '%s' channel is required",
						 bs_vl_channel_names[ch]);
			}
	}
done:
	/* kept so the lint can point into the spec */
	vl->json = j;
	vl->pos = pos;
	if (L.c.errors ||
	    bs_source_from(&vl->src, src->path, src->text, src->len, d)) {
		bs_vlang_free(vl);
		return BS_ECONTENT;
	}
	*out = vl;
	return BS_OK;
}

static void free_value(bs_vl_value *v) { free(v->text); }

void bs_vlang_free(bs_vlang *vl)
{
	if (!vl)
		return;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		bs_vl_channel *c = &vl->ch[ch];
		free(c->field);
		free(c->title);
		free(c->about);
		for (size_t i = 0; i < c->nscale; i++) {
			free(c->scale[i].key);
			free_value(&c->scale[i].v);
		}
		free(c->scale);
		for (size_t i = 0; i < c->nsteps; i++)
			free_value(&c->steps[i].v);
		free(c->steps);
		free_value(&c->def);
		free_value(&c->tmpl);
	}
	for (size_t i = 0; i < vl->nshapes; i++) {
		free(vl->shapes[i].name);
		free(vl->shapes[i].d);
		free(vl->shapes[i].half);
	}
	free(vl->shapes);
	for (size_t i = 0; i < vl->nicons; i++) {
		free(vl->icons[i].path);
		free(vl->icons[i].svg);
	}
	free(vl->icons);
	free(vl->spec_path);
	bs_source_free(&vl->src);
	json_decref(vl->json);
	bs_jpos_free(vl->pos);
	bs_fonts_free(&vl->fonts);
	free(vl->describe);
	free(vl);
}

/* ---- resolving and checking ---- */

void bs_vl_key_text(bs_buf *b, const json_t *v)
{
	if (json_is_string(v))
		bs_buf_puts(b, json_string_value(v));
	else if (json_is_number(v))
		bs_buf_number(b, json_number_value(v));
	else if (json_is_boolean(v))
		bs_buf_puts(b, json_is_true(v) ? "yes" : "no");
}

const bs_vl_value *bs_vl_resolve(const bs_vlang *vl, int ch,
				 const json_t *facts, int *why)
{
	const bs_vl_channel *c = &vl->ch[ch];
	*why = 0;
	if (!c->present)
		return NULL;
	json_t *v = json_object_get(facts, c->field);
	if (!v || json_is_null(v)) {
		if (c->has_default)
			return &c->def;
		*why = ch == BS_VL_SHAPE || ch == BS_VL_FILL;
		return NULL;
	}
	if (json_is_number(v))
		for (size_t i = 0; i < c->nsteps; i++)
			if (json_number_value(v) >= c->steps[i].min)
				return &c->steps[i].v;
	bs_buf key = BS_BUF_INIT;
	bs_vl_key_text(&key, v);
	const bs_vl_value *r = NULL;
	for (size_t i = 0; i < c->nscale && !r; i++)
		if (strcmp(c->scale[i].key, key.ptr) == 0)
			r = &c->scale[i].v;
	bs_buf_free(&key);
	if (r)
		return r;
	if (c->has_template)
		return &c->tmpl;
	if (c->has_default)
		return &c->def;
	*why = 2;
	return NULL;
}

/* Join the names of the channels in set as "a, b and c" into out. */
static void channel_list(bs_buf *out, const int *set, const char *sep)
{
	int n = 0, total = 0;
	for (int ch = 0; ch < BS_VL_NCHAN; ch++)
		total += set[ch];
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		if (!set[ch])
			continue;
		if (n)
			bs_buf_puts(out, n == total - 1 ? sep : ", ");
		bs_buf_puts(out, bs_vl_channel_names[ch]);
		n++;
	}
}

int bs_vlang_check(const bs_vlang *vl, const json_t *facts,
		   const char *badge_path, bs_diags *d)
{
	int rc = BS_OK;
	int why[BS_VL_NCHAN], done[BS_VL_NCHAN] = {0};
	for (int ch = 0; ch < BS_VL_NCHAN; ch++)
		if (bs_vl_resolve(vl, ch, facts, &why[ch]))
			why[ch] = 0;
	/* one report per field the badge lacks or whose value the spec
	 * lacks, naming every channel that follows it */
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		if (!why[ch] || done[ch])
			continue;
		const char *field = vl->ch[ch].field;
		int set[BS_VL_NCHAN] = {0};
		for (int o = ch; o < BS_VL_NCHAN; o++)
			if (why[o] == why[ch] && !done[o] &&
			    strcmp(vl->ch[o].field, field) == 0)
				set[o] = done[o] = 1;
		bs_buf names = BS_BUF_INIT, scales = BS_BUF_INIT;
		channel_list(&names, set, " or ");
		channel_list(&scales, set, " and ");
		if (why[ch] == 1) {
			rc = bs_diag_file(d, BS_ERROR, badge_path, 0, 0,
					  "the badge has no '%s', which the "
					  "visual language's %s follows",
					  field, names.ptr);
			bs_diag_hint(d,
				     "fill in '%s', or give the channels "
				     "(%s) a \"default\" in %s",
				     field, scales.ptr, vl->spec_path);
		} else {
			bs_buf v = BS_BUF_INIT;
			bs_vl_key_text(&v, json_object_get(facts, field));
			rc = bs_diag_file(d, BS_ERROR, badge_path, 0, 0,
					  "%s '%s' has no %s in the visual "
					  "language",
					  field, v.ptr, names.ptr);
			bs_diag_hint(d,
				     "add \"%s\" to the scale of channels "
				     "%s in %s, or give them a \"default\"",
				     v.ptr, scales.ptr, vl->spec_path);
			bs_buf_free(&v);
		}
		bs_buf_free(&names);
		bs_buf_free(&scales);
	}
	return rc;
}

/* ---- templates ---- */

static void expand(bs_buf *out, const bs_vlang *vl, const char *t, size_t n,
		   const json_t *facts, int depth);

static void channel_text(bs_buf *out, const bs_vlang *vl, const char *name,
			 size_t n, const json_t *facts, int depth)
{
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		if (strlen(bs_vl_channel_names[ch]) != n ||
		    strncmp(bs_vl_channel_names[ch], name, n))
			continue;
		int why;
		const bs_vl_value *v = bs_vl_resolve(vl, ch, facts, &why);
		if (!v)
			return;
		switch (ch) {
		case BS_VL_SHAPE:
			bs_buf_puts(out, vl->shapes[v->index].name);
			break;
		case BS_VL_FILL:
		case BS_VL_ACCENT:
		case BS_VL_INK: bs_buf_puts(out, v->from); break;
		case BS_VL_BORDER:
		case BS_VL_STARS: bs_buf_number(out, v->num); break;
		case BS_VL_ICON:
			bs_buf_puts(out, vl->icons[v->index].path);
			break;
		case BS_VL_MARKING: bs_buf_puts(out, v->text); break;
		case BS_VL_LABEL:
		case BS_VL_CAPTION:
			if (depth < 4)
				expand(out, vl, v->text, strlen(v->text), facts,
				       depth + 1);
			break;
		}
	}
}

static void expand(bs_buf *out, const bs_vlang *vl, const char *t, size_t n,
		   const json_t *facts, int depth)
{
	size_t i = 0;
	while (i < n) {
		const char *open = NULL;
		for (size_t k = i; k + 1 < n; k++)
			if (t[k] == '{' && t[k + 1] == '{') {
				open = t + k;
				break;
			}
		if (!open) {
			bs_buf_put(out, t + i, n - i);
			return;
		}
		bs_buf_put(out, t + i, (size_t)(open - (t + i)));
		const char *name = open + 2;
		const char *close = NULL;
		for (const char *p = name; p + 1 < t + n; p++)
			if (p[0] == '}' && p[1] == '}') {
				close = p;
				break;
			}
		if (!close) {
			bs_buf_put(out, open, (size_t)(t + n - open));
			return;
		}
		size_t len = (size_t)(close - name);
		i = (size_t)(close + 2 - t);
		if (len && (name[0] == '#' || name[0] == '^') && depth < 8) {
			/* a section up to the matching {{/name}} */
			char *key = bs_xstrndup(name + 1, len - 1);
			char *end = bs_xasprintf("{{/%s}}", key);
			const char *body = t + i;
			const char *stop = NULL;
			size_t el = strlen(end);
			for (const char *p = body; p + el <= t + n; p++)
				if (strncmp(p, end, el) == 0) {
					stop = p;
					break;
				}
			if (!stop)
				stop = t + n;
			json_t *v = json_object_get(facts, key);
			int present =
			    v && !json_is_null(v) &&
			    !(json_is_string(v) && !json_string_length(v));
			if (present == (name[0] == '#'))
				expand(out, vl, body, (size_t)(stop - body),
				       facts, depth + 1);
			i = (size_t)(stop - t) + (stop < t + n ? el : 0);
			free(key);
			free(end);
		} else if (len && name[0] == '@') {
			channel_text(out, vl, name + 1, len - 1, facts, depth);
		} else {
			char *key = bs_xstrndup(name, len);
			json_t *v = json_object_get(facts, key);
			if (v)
				bs_vl_key_text(out, v);
			free(key);
		}
	}
}

char *bs_vlang_describe(const bs_vlang *vl, const json_t *facts)
{
	bs_buf desc = BS_BUF_INIT;
	bs_vl_expand(&desc, vl, vl->describe, facts);
	return bs_buf_detach(&desc);
}

void bs_vl_expand(bs_buf *out, const bs_vlang *vl, const char *tpl,
		  const json_t *facts)
{
	expand(out, vl, tpl, strlen(tpl), facts, 0);
}
