/* fonts.c: loading the spec's fonts (the default and one per language),
 * choosing one for a language, and asking whether it draws a text. */
#include "images/fonts.h"

#include "base/alloc.h"
#include "base/lang.h"
#include "input/files.h"

#include <fontconfig/fontconfig.h>
#include <pango/pango.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

/* Read the font file rel (NULL: the installed default), named at obj.key of
 * the spec, into font. Returns 0, or -1 when it was reported. */
static int load_one(bs_font *font, bs_chk *c, const char *root,
		    const json_t *obj, const char *key, const char *rel,
		    bs_key *k)
{
	char *full = NULL;
	if (rel && !bs_files_safe(rel)) {
		bs_chk_at_member(c, obj, key,
				 "font path '%s' points outside "
				 "the site",
				 rel);
		return -1;
	}
	if (rel) {
		/* fontconfig and cairo open the font by name: the name is
		 * the file's own, links resolved inside the site */
		int kl, kc, l = 0, col = 0;
		bs_jpos_member(c->pos, obj, key, &kl, &kc, &l, &col);
		int rc = bs_files_real(&full, root, rel, c->src, l, col, c->d);
		if (rc == BS_FILES_MISSING) {
			bs_chk_at_member(c, obj, key,
					 "font file '%s' not found", rel);
			bs_chk_hint(c,
				    "put the .ttf or .otf file under "
				    "assets/fonts/%s",
				    font->lang ? ", or remove this language "
						 "to draw it with \"font\""
					       : ", or remove \"font\" to use "
						 "DejaVu Sans Bold");
		}
		if (rc) {
			c->errors += rc < 0;
			free(full);
			return -1;
		}
	}
	font->file = full ? full : bs_xstrdup(DEFAULT_FONT);
	font->name = bs_xstrdup(rel ? rel : DEFAULT_FONT);
	bs_key_add_str(k, font->lang ? font->lang : "");
	bs_key_add_str(k, font->name);
	bs_key_add_file(k, font->file);
	int count = 0;
	FcPattern *p =
	    FcFreeTypeQuery((const FcChar8 *)font->file, 0, NULL, &count);
	FcChar8 *fam = NULL;
	FcCharSet *cs = NULL;
	if (!p || FcPatternGetString(p, FC_FAMILY, 0, &fam) != FcResultMatch ||
	    FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch) {
		bs_chk_at_member(c, obj, rel ? key : NULL,
				 "cannot read the font %s", font->file);
		bs_chk_hint(c, "name a TrueType or OpenType file, or "
			       "install fonts-dejavu-core");
	} else {
		font->family = bs_xstrdup((const char *)fam);
		font->chars = FcCharSetCopy(cs);
		PangoFontDescription *pd =
		    pango_fc_font_description_from_pattern(p, FALSE);
		font->weight = (int)pango_font_description_get_weight(pd);
		font->style = (int)pango_font_description_get_style(pd);
		font->stretch = (int)pango_font_description_get_stretch(pd);
		pango_font_description_free(pd);
	}
	if (p)
		FcPatternDestroy(p);
	return font->family ? 0 : -1;
}

void bs_fonts_load(bs_fonts *f, bs_chk *c, const char *root, const json_t *top,
		   bs_key *key)
{
	memset(f, 0, sizeof *f);
	const json_t *per = bs_chk_obj(c, top, "fonts", 0);
	f->v = bs_xcalloc(2 + json_object_size(per), sizeof *f->v);
	if (load_one(&f->v[0], c, root, top, "font",
		     bs_chk_str(c, top, "font", 0), key) == 0)
		f->n = 1;
	else
		bs_fonts_free(f);
	if (!per)
		return;
	const char *lang;
	json_t *v;
	json_object_foreach((json_t *)per, lang, v)
	{
		if (!bs_lang_tag_ok(lang)) {
			bs_chk_at_key(c, per, lang,
				      "'%s' is not a language tag", lang);
			bs_chk_hint(c, "name the language as site.json's "
				       "default_language does: ar, ja, "
				       "zh-Hant, pt-BR");
			continue;
		}
		const char *rel = bs_chk_str(c, per, lang, 1);
		if (!rel || !f->v)
			continue;
		bs_font *font = &f->v[f->n];
		font->lang = bs_xstrdup(lang);
		if (load_one(font, c, root, per, lang, rel, key) == 0) {
			f->n++;
		} else {
			free(font->lang);
			free(font->name);
			free(font->file);
			memset(font, 0, sizeof *font);
		}
	}
}

void bs_fonts_free(bs_fonts *f)
{
	for (size_t i = 0; f->v && i <= f->n; i++) {
		bs_font *font = &f->v[i];
		free(font->lang);
		free(font->name);
		free(font->file);
		free(font->family);
		if (font->chars)
			FcCharSetDestroy(font->chars);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

const bs_font *bs_fonts_for(const bs_fonts *f, const char *lang)
{
	if (!f->n)
		return NULL;
	const bs_font *best = &f->v[0];
	size_t got = 0;
	for (size_t i = 1; lang && i < f->n; i++) {
		size_t n = bs_lang_serves(f->v[i].lang, lang);
		if (n > got) {
			got = n;
			best = &f->v[i];
		}
	}
	return best;
}

uint32_t bs_font_missing(const bs_font *font, const char *text)
{
	if (!font || !font->chars || !text || !g_utf8_validate(text, -1, NULL))
		return 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		GUnicodeType t = g_unichar_type(u);
		if (g_unichar_isspace(u) || t == G_UNICODE_CONTROL ||
		    t == G_UNICODE_FORMAT)
			continue;
		if (!FcCharSetHasChar(font->chars, u))
			return u;
	}
	return 0;
}
