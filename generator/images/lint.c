/* lint.c: the visual-language lint. It resolves and draws every badge as
 * the build will, then compares looks across formality levels (CIEDE2000
 * on fills, the non-colour cues) and judges words, contrast and crowding.
 * It owns no state; each run makes its own drawing contexts, one per
 * thread. */
#include "images/lint.h"

#include "base/alloc.h"
#include "base/par.h"
#include "images/svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BS_PI 3.14159265358979323846

/* ---- colour ---- */

static void rgb(const char *hex, double c[3])
{
	for (int i = 0; i < 3; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char h = hex[1 + 2 * i + k];
			v = v * 16 +
			    (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
		}
		c[i] = v / 255.0;
	}
}

static double linear(double v)
{
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

double bs_lint_contrast(const char *a, const char *b)
{
	double ca[3], cb[3];
	rgb(a, ca);
	rgb(b, cb);
	double la = 0.2126 * linear(ca[0]) + 0.7152 * linear(ca[1]) +
		    0.0722 * linear(ca[2]);
	double lb = 0.2126 * linear(cb[0]) + 0.7152 * linear(cb[1]) +
		    0.0722 * linear(cb[2]);
	return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* sRGB to CIE L*a*b* (D65). */
static void lab(const char *hex, double out[3])
{
	double c[3];
	rgb(hex, c);
	for (int i = 0; i < 3; i++)
		c[i] = linear(c[i]);
	double x =
	    (0.4124564 * c[0] + 0.3575761 * c[1] + 0.1804375 * c[2]) / 0.95047;
	double y = 0.2126729 * c[0] + 0.7151522 * c[1] + 0.0721750 * c[2];
	double z =
	    (0.0193339 * c[0] + 0.1191920 * c[1] + 0.9503041 * c[2]) / 1.08883;
	double f[3] = {x, y, z};
	for (int i = 0; i < 3; i++)
		f[i] = f[i] > 216.0 / 24389 ? cbrt(f[i])
					    : (24389.0 / 27 * f[i] + 16) / 116;
	out[0] = 116 * f[1] - 16;
	out[1] = 500 * (f[0] - f[1]);
	out[2] = 200 * (f[1] - f[2]);
}

static double deg(double r) { return r * 180 / BS_PI; }
static double rad(double d) { return d * BS_PI / 180; }

/* Sharma, Wu and Dalal's formulation of CIEDE2000 (kL = kC = kH = 1). */
double bs_lint_delta_e(const char *a, const char *b)
{
	double l1[3], l2[3];
	lab(a, l1);
	lab(b, l2);
	double c1 = hypot(l1[1], l1[2]), c2 = hypot(l2[1], l2[2]);
	double cm = (c1 + c2) / 2, cm7 = pow(cm, 7);
	double g = 0.5 * (1 - sqrt(cm7 / (cm7 + pow(25, 7))));
	double a1 = (1 + g) * l1[1], a2 = (1 + g) * l2[1];
	double cp1 = hypot(a1, l1[2]), cp2 = hypot(a2, l2[2]);
	double h1 = cp1 == 0 ? 0 : fmod(deg(atan2(l1[2], a1)) + 360, 360);
	double h2 = cp2 == 0 ? 0 : fmod(deg(atan2(l2[2], a2)) + 360, 360);
	double dl = l2[0] - l1[0], dc = cp2 - cp1, dh = 0;
	if (cp1 * cp2 != 0) {
		dh = h2 - h1;
		if (dh > 180)
			dh -= 360;
		else if (dh < -180)
			dh += 360;
	}
	double dhh = 2 * sqrt(cp1 * cp2) * sin(rad(dh / 2));
	double lm = (l1[0] + l2[0]) / 2, cpm = (cp1 + cp2) / 2, hm = h1 + h2;
	if (cp1 * cp2 != 0) {
		if (fabs(h1 - h2) <= 180)
			hm = (h1 + h2) / 2;
		else
			hm = h1 + h2 < 360 ? (h1 + h2 + 360) / 2
					   : (h1 + h2 - 360) / 2;
	}
	double t = 1 - 0.17 * cos(rad(hm - 30)) + 0.24 * cos(rad(2 * hm)) +
		   0.32 * cos(rad(3 * hm + 6)) - 0.20 * cos(rad(4 * hm - 63));
	double dtheta = 30 * exp(-pow((hm - 275) / 25, 2));
	double cpm7 = pow(cpm, 7);
	double rc = 2 * sqrt(cpm7 / (cpm7 + pow(25, 7)));
	double sl = 1 + 0.015 * pow(lm - 50, 2) / sqrt(20 + pow(lm - 50, 2));
	double sc = 1 + 0.045 * cpm, sh = 1 + 0.015 * cpm * t;
	double rt = -sin(rad(2 * dtheta)) * rc;
	return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dhh / sh, 2) +
		    rt * (dc / sc) * (dhh / sh));
}

/* ---- one badge as drawn ---- */

typedef struct look {
	const char *path, *cls, *formality;
	const bs_vl_value *v[BS_VL_NCHAN];
	int drawn;   /* resolved and drawn */
	size_t look; /* which distinct look (same class, same values) */
} look;

/* The non-colour cues: outline, ring width, marking words and icon. */
static int same_cues(const look *a, const look *b)
{
	const bs_vl_value *const *x = a->v, *const *y = b->v;
	if (x[BS_VL_SHAPE]->index != y[BS_VL_SHAPE]->index)
		return 0;
	double ra = x[BS_VL_BORDER] ? x[BS_VL_BORDER]->num : 0;
	double rb = y[BS_VL_BORDER] ? y[BS_VL_BORDER]->num : 0;
	if (fabs(ra - rb) >= 2) /* a ring must differ visibly */
		return 0;
	const char *ma = x[BS_VL_MARKING] ? x[BS_VL_MARKING]->text : "";
	const char *mb = y[BS_VL_MARKING] ? y[BS_VL_MARKING]->text : "";
	if (strcmp(ma, mb) != 0)
		return 0;
	int ia = x[BS_VL_ICON] ? x[BS_VL_ICON]->index : -1;
	int ib = y[BS_VL_ICON] ? y[BS_VL_ICON]->index : -1;
	return ia == ib;
}

/* The cues that name a credential, outline and marking words, alike:
 * what is left to tell formality is colour, a ring width and an icon,
 * which follow the class rather than its formality. */
static int same_marks(const look *a, const look *b)
{
	const bs_vl_value *const *x = a->v, *const *y = b->v;
	const char *ma = x[BS_VL_MARKING] ? x[BS_VL_MARKING]->text : "";
	const char *mb = y[BS_VL_MARKING] ? y[BS_VL_MARKING]->text : "";
	return x[BS_VL_SHAPE]->index == y[BS_VL_SHAPE]->index &&
	       strcmp(ma, mb) == 0;
}

static const char *fill_end(const bs_vl_value *f)
{
	return f->to[0] ? f->to : f->from;
}

/* A report already made, so each problem is told once. */
typedef struct seen {
	char **v;
	size_t n, cap;
} seen;

static int first_time(seen *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], key) == 0)
			return 0;
	bs_xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = bs_xstrdup(key);
	return 1;
}

static void seen_free(seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* Report at where the spec gives v (or at the spec itself). */
static int at_value(bs_diags *d, bs_severity sev, const bs_vlang *vl,
		    const bs_vl_value *v, const char *msg)
{
	if (v && v->line)
		return bs_diag_at(d, sev, &vl->src, v->line, v->col, "%s", msg);
	return bs_diag_file(d, sev, vl->spec_path, 0, 0, "%s", msg);
}

/* ---- the rules ---- */

/* Two looks of different formality: alike in outline and fill, or alike
 * in everything but colour. */
static void compare(const bs_vlang *vl, const look *a, const look *b,
		    seen *once, bs_diags *d)
{
	if (!a->formality || !b->formality ||
	    strcmp(a->formality, b->formality) == 0)
		return;
	const bs_vl_value *fa = a->v[BS_VL_FILL], *fb = b->v[BS_VL_FILL];
	const char *shape = vl->shapes[a->v[BS_VL_SHAPE]->index].name;
	bs_buf key = BS_BUF_INIT, m = BS_BUF_INIT;
	if (a->v[BS_VL_SHAPE]->index == b->v[BS_VL_SHAPE]->index) {
		double e = fmax(bs_lint_delta_e(fa->from, fb->from),
				bs_lint_delta_e(fill_end(fa), fill_end(fb)));
		bs_buf_printf(&key, "alike %s %s %s %s", fa->from, fill_end(fa),
			      fb->from, fill_end(fb));
		if (e < vl->lint.delta_e && first_time(once, key.ptr)) {
			bs_buf_printf(&m,
				      "classes '%s' (%s) and '%s' (%s) look "
				      "alike: both are a %s and their fills "
				      "differ by only ",
				      a->cls, a->formality, b->cls,
				      b->formality, shape);
			bs_buf_number(&m, round(e * 10) / 10);
			bs_buf_puts(&m, " (CIEDE2000)");
			at_value(d, BS_ERROR, vl, fb, m.ptr);
			bs_diag_hint(d,
				     "give one of them another shape or a fill "
				     "at least %g apart (lint.delta_e)",
				     vl->lint.delta_e);
		}
	}
	if (!same_cues(a, b) && same_marks(a, b)) {
		bs_buf_clear(&key);
		bs_buf_printf(&key, "marks %s %s", a->cls, b->cls);
		if (first_time(once, key.ptr)) {
			const char *mk = a->v[BS_VL_MARKING]
					     ? a->v[BS_VL_MARKING]->text
					     : "";
			bs_buf_clear(&m);
			bs_buf_printf(
			    &m,
			    "classes '%s' (%s) and '%s' (%s) are "
			    "both a %s%s%s%s: their formality is "
			    "told only by colour, ring and icon",
			    a->cls, a->formality, b->cls, b->formality, shape,
			    mk[0] ? " marked '" : "", mk, mk[0] ? "'" : "");
			at_value(d, BS_WARNING, vl,
				 b->v[BS_VL_MARKING] ? b->v[BS_VL_MARKING]
						     : b->v[BS_VL_SHAPE],
				 m.ptr);
			bs_diag_hint(d, "give one of them another shape or "
					"marking, so formality reads without "
					"colour");
		}
	}
	if (same_cues(a, b)) {
		bs_buf_clear(&key);
		bs_buf_printf(&key, "cues %s %s", a->formality, b->formality);
		if (first_time(once, key.ptr)) {
			bs_buf_clear(&m);
			bs_buf_printf(&m,
				      "%s and %s badges differ only in colour: "
				      "'%s' and '%s' are both a %s with the "
				      "same ring, marking and icon",
				      a->formality, b->formality, a->cls,
				      b->cls, shape);
			at_value(d, BS_ERROR, vl, b->v[BS_VL_SHAPE], m.ptr);
			bs_diag_hint(d, "formality must also show in the "
					"shape, ring or marking, for people "
					"who do not see the colours");
		}
	}
	bs_buf_free(&key);
	bs_buf_free(&m);
}

/* Words as drawn: do they fit and read? */
static void judge_words(const bs_vlang *vl, const look *l,
			const bs_svg_words *w, const char *what,
			const bs_vl_value *colour_at, seen *once, bs_diags *d)
{
	if (!w->text[0])
		return;
	if (w->em < 0.75 * w->em0) {
		if (w->em <= 0)
			bs_diag_file(d, BS_WARNING, l->path, 0, 0,
				     "the %s '%s' does not fit on its %s and "
				     "is left out",
				     what, w->text,
				     vl->shapes[l->v[BS_VL_SHAPE]->index].name);
		else
			bs_diag_file(d, BS_WARNING, l->path, 0, 0,
				     "the %s '%s' does not fit on its %s: it "
				     "is shrunk to %d%% of its size",
				     what, w->text,
				     vl->shapes[l->v[BS_VL_SHAPE]->index].name,
				     (int)(100 * w->em / w->em0));
		if (strcmp(what, "caption") == 0)
			bs_diag_hint(d,
				     "give the badge a shorter short_name, "
				     "or lower the caption's min_size in %s",
				     vl->spec_path);
		else
			bs_diag_hint(
			    d, "use fewer letters, or a roomier shape in %s",
			    vl->spec_path);
	}
	if (!once)
		return; /* words only: colours are the default's to judge */
	/* WCAG counts 14 pt bold (18.66 px) as large; judge the text as
	 * it appears on a badge shown 256 px wide */
	double em = w->em > 0 ? w->em : w->em0;
	int large = em * 256 / vl->size >= 18.66;
	double need = large ? 3 : 4.5;
	double c = fmin(bs_lint_contrast(w->ink, w->bg[0]),
			bs_lint_contrast(w->ink, w->bg[1]));
	if (c >= need)
		return;
	bs_buf key = BS_BUF_INIT;
	bs_buf_printf(&key, "contrast %s %s %s %s", what, w->ink, w->bg[0],
		      w->bg[1]);
	if (first_time(once, key.ptr)) {
		bs_buf m = BS_BUF_INIT;
		bs_buf_printf(&m, "the %s of class '%s' (%s on %s", what,
			      l->cls, w->ink, w->bg[0]);
		if (strcmp(w->bg[0], w->bg[1]))
			bs_buf_printf(&m, " to %s", w->bg[1]);
		bs_buf_puts(&m, ") has a contrast of ");
		bs_buf_number(&m, floor(c * 10) / 10);
		bs_buf_printf(&m, ":1, under %s:1%s", large ? "3" : "4.5",
			      large ? " for large text" : "");
		at_value(d, BS_WARNING, vl, colour_at, m.ptr);
		bs_diag_hint(d, "darken or lighten one of the colours "
				"(WCAG 2, 1.4.3)");
		bs_buf_free(&m);
	}
	bs_buf_free(&key);
}

/* u as UTF-8 into b (at least 5 bytes). */
static void utf8(char *b, uint32_t u)
{
	if (u < 0x80) {
		b[0] = (char)u, b[1] = 0;
	} else if (u < 0x800) {
		b[0] = (char)(0xc0 | u >> 6), b[1] = (char)(0x80 | (u & 0x3f));
		b[2] = 0;
	} else if (u < 0x10000) {
		b[0] = (char)(0xe0 | u >> 12);
		b[1] = (char)(0x80 | (u >> 6 & 0x3f));
		b[2] = (char)(0x80 | (u & 0x3f)), b[3] = 0;
	} else {
		b[0] = (char)(0xf0 | u >> 18);
		b[1] = (char)(0x80 | (u >> 12 & 0x3f));
		b[2] = (char)(0x80 | (u >> 6 & 0x3f));
		b[3] = (char)(0x80 | (u & 0x3f)), b[4] = 0;
	}
}

/* Words the font of their language cannot draw: an error, for a box in
 * their place, or a font taken from the machine, would make images that
 * differ from machine to machine. */
static void judge_glyphs(const bs_vlang *vl, const look *l, const char *lang,
			 const char *what, const char *text, uint32_t missing,
			 bs_diags *d)
{
	const bs_font *f = bs_fonts_for(&vl->fonts, lang);
	if (!missing || !f)
		return;
	char ch[8];
	utf8(ch, missing);
	bs_diag_file(d, BS_ERROR, l->path, 0, 0,
		     "the font %s (%s) has no glyph for '%s' (U+%04X) in the "
		     "%s '%s'",
		     f->family, f->name, ch, (unsigned)missing, what, text);
	bs_diag_hint(d,
		     "pin a font that draws it for the language '%s' in %s, "
		     "e.g. \"fonts\": {\"%.*s\": \"assets/fonts/....ttf\"}",
		     lang ? lang : "", vl->spec_path,
		     (int)strcspn(lang ? lang : "xx", "-"), lang ? lang : "xx");
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;
	for (; *s; s++) {
		int sp = *s == ' ' || *s == '\t' || *s == '\n';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Does a text channel of l draw the template field {{name}}? */
static int draws_field(const look *l, const char *field)
{
	char *tag = bs_xasprintf("{{%s}}", field);
	int hit = 0;
	for (int ch = BS_VL_MARKING; ch <= BS_VL_CAPTION; ch++)
		if (l->v[ch] && l->v[ch]->text && strstr(l->v[ch]->text, tag))
			hit = 1;
	free(tag);
	return hit;
}

/* Do the words drawn on a badge hold its whole name? */
static int draws_name(const bs_svg_info *in, const char *name)
{
	return name[0] && (strstr(in->label.text, name) ||
			   strstr(in->marking.text, name) ||
			   strstr(in->caption.text, name));
}

/* Fields that belong to one award, not to the badge class every earner
 * shares: they cannot be on the class's image. */
static const char *const per_award[] = {
    "recipient", "earner",  "date",    "year",	   "issued",	"issued_on",
    "issuedOn",	 "awarded", "expires", "evidence", "narrative", NULL};

static void check_text(const bs_vlang *vl, int ch, const bs_vl_value *v,
		       bs_diags *d)
{
	if (!v->text)
		return;
	for (const char *const *f = per_award; *f; f++) {
		char *tag = bs_xasprintf("{{%s}}", *f);
		char *sec = bs_xasprintf("{{#%s}}", *f);
		if (strstr(v->text, tag) || strstr(v->text, sec)) {
			char *m = bs_xasprintf(
			    "the %s draws '%s', which belongs to one award, "
			    "on the image every earner of the class shares",
			    bs_vl_channel_names[ch], *f);
			at_value(d, BS_WARNING, vl, v, m);
			bs_diag_hint(d, "the badge image shows the class; "
					"the platform that issues it records "
					"who earned it and when");
			free(m);
		}
		free(tag);
		free(sec);
	}
}

/* Spec-level: channels that follow or draw per-award fields. */
static void check_per_award(const bs_vlang *vl, bs_diags *d)
{
	for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
		const bs_vl_channel *c = &vl->ch[ch];
		if (!c->present)
			continue;
		for (const char *const *f = per_award; *f; f++)
			if (strcmp(c->field, *f) == 0) {
				const json_t *chans =
				    json_object_get(vl->json, "channels");
				const json_t *o = json_object_get(
				    chans, bs_vl_channel_names[ch]);
				int l = 0, k = 0;
				bs_jpos_member(vl->pos, o, "field", NULL, NULL,
					       &l, &k);
				bs_diag_at(d, BS_WARNING, &vl->src, l, k,
					   "the %s follows '%s', which "
					   "belongs to one award, not to the "
					   "badge class",
					   bs_vl_channel_names[ch], *f);
				bs_diag_hint(d, "follow a field of the class, "
						"such as class or formality");
			}
		if (ch < BS_VL_MARKING)
			continue;
		for (size_t i = 0; i < c->nscale; i++)
			check_text(vl, ch, &c->scale[i].v, d);
		for (size_t i = 0; i < c->nsteps; i++)
			check_text(vl, ch, &c->steps[i].v, d);
		if (c->has_template)
			check_text(vl, ch, &c->tmpl, d);
		if (c->has_default)
			check_text(vl, ch, &c->def, d);
	}
}

/* One distinct drawing: the badges whose values and words are the same
 * draw alike, so each is measured once (large sites share few). */
typedef struct drawing {
	char *key;
	size_t first; /* the first badge that has it */
	int known;    /* measured before: read back from the cache */
	int drawn;
	bs_svg_info info;
} drawing;

typedef struct measure {
	const bs_vlang *vl;
	const json_t *const *facts;
	drawing *v;
	bs_img_ctx **ctx; /* one per thread, made on first use */
} measure;

static void measure_job(void *arg, size_t i, int thread, bs_diags *d)
{
	(void)d;
	measure *m = arg;
	if (m->v[i].known)
		return;
	if (!m->ctx[thread])
		m->ctx[thread] = bs_img_ctx_new(m->vl);
	drawing *w = &m->v[i];
	bs_buf scratch = BS_BUF_INIT;
	char *alt = NULL;
	bs_diags quiet = BS_DIAGS_INIT;
	w->drawn =
	    bs_svg_draw_info(&scratch, &alt, m->ctx[thread], m->vl,
			     m->facts[w->first], &w->info, &quiet) == BS_OK;
	free(alt);
	bs_diags_free(&quiet);
	bs_buf_free(&scratch);
}

/* A measurement as the cache keeps it: the drawing's facts key, then
 * what bs_svg_draw_info found. The cache key holds the program, so the
 * layout of the record never changes under a reader. */
typedef struct record {
	uint64_t a, b;
	int32_t drawn, unused;
	bs_svg_info info;
} record;

static int cmp_record(const void *x, const void *y)
{
	const record *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Take the drawings measured before from the cache; mark them known. */
static size_t recall(drawing *dr, size_t nu, const bs_cache *cache,
		     const bs_key *base, const record *keys)
{
	bs_buf b = BS_BUF_INIT;
	size_t hits = 0;
	if (!bs_cache_get(cache, base, "lint", &b) ||
	    b.len % sizeof(record) != 0) {
		bs_buf_free(&b);
		return 0;
	}
	const record *v = (const record *)(const void *)b.ptr;
	size_t n = b.len / sizeof(record);
	for (size_t i = 0; i < nu; i++) {
		const record *r =
		    bsearch(&keys[i], v, n, sizeof *v, cmp_record);
		if (r) {
			dr[i].drawn = r->drawn;
			dr[i].info = r->info;
			dr[i].known = 1;
			hits++;
		}
	}
	bs_buf_free(&b);
	return hits;
}

/* A scale key no badge's value matches, while some badge's value found
 * no key (it took the default or the template), or no key matched at
 * all: most likely a key spelt otherwise than the values. A warning at
 * the key, with the nearest value that found no key. */
static void unused_keys(const bs_vlang *vl, int ch, const look *looks,
			const json_t *const *facts, size_t n, bs_diags *d)
{
	const bs_vl_channel *c = &vl->ch[ch];
	if (!c->present || !c->nscale)
		return;
	char *used = bs_xcalloc(c->nscale + 1, 1);
	const char **missed = bs_xcalloc(n + 1, sizeof *missed);
	bs_buf *texts = bs_xcalloc(n + 1, sizeof *texts);
	size_t nmissed = 0, nused = 0;
	for (size_t i = 0; i < n; i++) {
		const bs_vl_value *v = looks[i].v[ch];
		if (!looks[i].drawn || !v)
			continue;
		if (v >= &c->scale[0].v && v <= &c->scale[c->nscale - 1].v) {
			size_t k = (size_t)((const char *)v -
					    (const char *)&c->scale[0].v) /
				   sizeof *c->scale;
			nused += !used[k];
			used[k] = 1;
			continue;
		}
		const json_t *f = json_object_get(facts[i], c->field);
		if (!f || json_is_null(f) || (v != &c->def && v != &c->tmpl))
			continue;
		bs_buf_init(&texts[nmissed]);
		bs_vl_key_text(&texts[nmissed], f);
		missed[nmissed] = texts[nmissed].ptr;
		nmissed++;
	}
	const json_t *o = json_object_get(json_object_get(vl->json, "channels"),
					  bs_vl_channel_names[ch]);
	const json_t *scale = json_object_get(o, "scale");
	for (size_t k = 0; k < c->nscale && n && (nmissed || !nused); k++) {
		if (used[k])
			continue;
		int l = 0, col = 0, vl_, vc;
		bs_jpos_member(vl->pos, scale, c->scale[k].key, &l, &col, &vl_,
			       &vc);
		bs_diag_at(d, BS_WARNING, &vl->src, l, col,
			   "no badge's %s is '%s', so this entry of the %s "
			   "channel is never drawn",
			   c->field, c->scale[k].key, bs_vl_channel_names[ch]);
		const char *sug =
		    nmissed ? bs_suggest(c->scale[k].key, missed) : NULL;
		if (sug)
			bs_diag_hint(d,
				     "did you mean '%s'? badges have that "
				     "value, and it has no entry",
				     sug);
		else if (nmissed)
			bs_diag_hint(d,
				     "badges have '%s', which has no entry: "
				     "write the key as the values are "
				     "written",
				     missed[0]);
		else
			bs_diag_hint(d,
				     "no badge's %s matches any key of the "
				     "scale: check how the values are "
				     "written",
				     c->field);
	}
	for (size_t i = 0; i < nmissed; i++)
		bs_buf_free(&texts[i]);
	free(texts);
	free(missed);
	free(used);
}

typedef struct picture {
	uint64_t a, b;
	size_t i; /* the badge */
} picture;

static int cmp_picture(const void *x, const void *y)
{
	const picture *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

/* Two badges whose images are the same picture cannot be told apart:
 * each badge after the first of a picture is an error naming the first.
 * A badge with a designer's own image (facts "image") publishes that
 * instead of the drawing: it is left out. */
static void same_pictures(const look *looks, size_t n, const drawing *dr,
			  const size_t *which, const json_t *const *facts,
			  bs_diags *d)
{
	picture *v = bs_xcalloc(n + 1, sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (looks[i].drawn && !json_object_get(facts[i], "image")) {
			const bs_svg_info *in = &dr[which[i]].info;
			v[m].a = in->look[0];
			v[m].b = in->look[1];
			v[m++].i = i;
		}
	if (m)
		qsort(v, m, sizeof *v, cmp_picture);
	for (size_t k = 1, first = 0; k < m; k++) {
		if (v[k].a != v[first].a || v[k].b != v[first].b) {
			first = k;
			continue;
		}
		const char *a =
		    json_string_value(json_object_get(facts[v[first].i], "id"));
		const char *b =
		    json_string_value(json_object_get(facts[v[k].i], "id"));
		bs_diag_file(d, BS_ERROR, looks[v[k].i].path, 0, 0,
			     "badges '%s' and '%s' have the same image: "
			     "nobody can tell them apart by their look",
			     a ? a : "?", b ? b : "?");
		bs_diag_hint(d, "draw something that differs: give each a "
				"short_name the caption shows, or a field "
				"another channel follows");
	}
	free(v);
}

static int cmp_drawing(const void *a, const void *b)
{
	const drawing *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->first > y->first) - (x->first < y->first);
}

/* The lint of bs_lint_run (whole) or of bs_lint_words (not whole: only
 * what each badge's own words make of its drawing). */
static int lint(const bs_vlang *vl, const json_t *const *facts,
		const char *const *paths, size_t n, int jobs,
		const bs_cache *cache, const bs_key *base, int whole,
		bs_diags *d)
{
	size_t errors = bs_diags_count(d, BS_ERROR);
	look *looks = bs_xcalloc(n + 1, sizeof *looks);
	seen once = {NULL, 0, 0};
	drawing *dr = bs_xcalloc(n + 1, sizeof *dr);
	size_t *which = bs_xcalloc(n + 1, sizeof *which);
	size_t ndr = 0;
	char **lookkeys = NULL;
	size_t nlooks = 0, caplooks = 0;
	if (whole)
		check_per_award(vl, d);
	for (size_t i = 0; i < n; i++) {
		look *l = &looks[i];
		l->path = paths[i];
		l->cls = json_string_value(json_object_get(facts[i], "class"));
		l->formality =
		    json_string_value(json_object_get(facts[i], "formality"));
		if (!l->cls)
			l->cls = "?";
		if (!whole) {
			/* the default's drawing was checked: an edition
			 * changes only its words */
			bs_diags none = BS_DIAGS_INIT;
			int rc = bs_vlang_check(vl, facts[i], paths[i], &none);
			bs_diags_free(&none);
			if (rc != BS_OK)
				continue;
		} else if (bs_vlang_check(vl, facts[i], paths[i], d) != BS_OK)
			continue;
		for (int ch = 0; ch < BS_VL_NCHAN; ch++) {
			int why;
			l->v[ch] = bs_vl_resolve(vl, ch, facts[i], &why);
		}
		l->drawn = 1;
		bs_buf key = BS_BUF_INIT;
		for (int ch = 0; ch < BS_VL_NCHAN; ch++)
			bs_buf_printf(&key, "%p,", (const void *)l->v[ch]);
		for (int ch = BS_VL_MARKING; ch <= BS_VL_CAPTION; ch++)
			if (l->v[ch] && l->v[ch]->text) {
				bs_vl_expand(&key, vl, l->v[ch]->text,
					     facts[i]);
				bs_buf_putc(&key, '\n');
			}
		const char *nm =
		    json_string_value(json_object_get(facts[i], "name"));
		if (nm && draws_field(l, "name"))
			bs_buf_puts(&key, nm);
		/* the language picks the font and direction */
		const char *lg =
		    json_string_value(json_object_get(facts[i], "language"));
		bs_buf_printf(&key, "\n%s", lg ? lg : "");
		dr[ndr].key = bs_buf_detach(&key);
		dr[ndr++].first = i;
		/* the look compared across classes: class and values */
		bs_buf ck = BS_BUF_INIT;
		bs_buf_printf(&ck, "%s\n%s\n", l->cls,
			      l->formality ? l->formality : "");
		for (int ch = 0; ch < BS_VL_NCHAN; ch++)
			bs_buf_printf(&ck, "%p,", (const void *)l->v[ch]);
		size_t q = 0;
		while (q < nlooks && strcmp(lookkeys[q], ck.ptr))
			q++;
		if (q == nlooks) {
			bs_xgrow((void **)&lookkeys, &caplooks, nlooks + 1,
				 sizeof *lookkeys);
			lookkeys[nlooks++] = bs_buf_detach(&ck);
		}
		bs_buf_free(&ck);
		l->look = q;
	}
	/* one drawing per distinct key, measured on threads */
	if (ndr)
		qsort(dr, ndr, sizeof *dr, cmp_drawing);
	size_t nu = 0;
	for (size_t k = 0; k < ndr; k++) {
		if (nu && strcmp(dr[nu - 1].key, dr[k].key) == 0) {
			which[dr[k].first] = nu - 1;
			free(dr[k].key);
			continue;
		}
		dr[nu] = dr[k];
		which[dr[nu].first] = nu;
		nu++;
	}
	/* what was measured before is read back from the cache */
	record *keys = bs_xcalloc(nu + 1, sizeof *keys);
	size_t hits = 0;
	if (cache && base) {
		for (size_t k = 0; k < nu; k++) {
			bs_key fk;
			bs_key_init(&fk);
			bs_key_add_json(&fk, facts[dr[k].first]);
			keys[k].a = fk.a;
			keys[k].b = fk.b;
		}
		hits = recall(dr, nu, cache, base, keys);
	}
	measure m = {vl, facts, dr, NULL};
	int threads = bs_par_threads(jobs);
	m.ctx = bs_xcalloc((size_t)threads, sizeof *m.ctx);
	bs_diags none = BS_DIAGS_INIT;
	bs_par_for(nu, jobs, BS_PAR_GRAIN, measure_job, &m, &none);
	bs_diags_free(&none);
	if (cache && base && hits < nu) {
		/* field by field into zeroed records: no padding byte is
		 * left unset in what is written */
		for (size_t k = 0; k < nu; k++) {
			const bs_svg_info *in = &dr[k].info;
			keys[k].drawn = dr[k].drawn;
			keys[k].info.elements = in->elements;
			memcpy(keys[k].info.names, in->names, sizeof in->names);
			keys[k].info.label = in->label;
			keys[k].info.marking = in->marking;
			keys[k].info.caption = in->caption;
			keys[k].info.look[0] = in->look[0];
			keys[k].info.look[1] = in->look[1];
		}
		qsort(keys, nu, sizeof *keys, cmp_record);
		bs_cache_put(cache, base, "lint", keys, nu * sizeof *keys);
	}
	free(keys);
	for (int t = 0; t < threads; t++)
		if (m.ctx[t])
			bs_img_ctx_free(m.ctx[t]);
	free(m.ctx);
	for (size_t i = 0; i < n; i++) {
		look *l = &looks[i];
		if (!l->drawn)
			continue;
		const drawing *w = &dr[which[i]];
		bs_svg_info info = w->info;
		l->drawn = w->drawn;
		if (!l->drawn)
			continue;
		if (info.elements > vl->lint.max_elements) {
			bs_diag_file(d, BS_WARNING, l->path, 0, 0,
				     "the badge shows %d visual elements (%s); "
				     "more than %d is hard to take in",
				     info.elements, info.names,
				     vl->lint.max_elements);
			bs_diag_hint(d,
				     "drop a channel or cap the stars in %s "
				     "(lint.max_elements)",
				     vl->spec_path);
		}
		const bs_vl_value *ink =
		    l->v[BS_VL_INK] ? l->v[BS_VL_INK] : l->v[BS_VL_FILL];
		const bs_vl_value *acc = l->v[BS_VL_ACCENT]
					     ? l->v[BS_VL_ACCENT]
					     : l->v[BS_VL_MARKING];
		seen *o = whole ? &once : NULL;
		judge_words(vl, l, &info.label, "label", ink, o, d);
		judge_words(vl, l, &info.marking, "marking", acc, o, d);
		judge_words(vl, l, &info.caption, "caption", ink, o, d);
		const char *name =
		    json_string_value(json_object_get(facts[i], "name"));
		const char *lang =
		    json_string_value(json_object_get(facts[i], "language"));
		judge_glyphs(vl, l, lang, "label", info.label.text,
			     info.label.missing, d);
		judge_glyphs(vl, l, lang, "marking", info.marking.text,
			     info.marking.missing, d);
		judge_glyphs(vl, l, lang, "caption", info.caption.text,
			     info.caption.missing, d);
		/* the social card sets the name in the same font */
		judge_glyphs(
		    vl, l, lang, "social card's name", name ? name : "",
		    bs_font_missing(bs_fonts_for(&vl->fonts, lang), name), d);
		if (name && draws_name(&info, name) &&
		    count_words(name) > (size_t)vl->lint.max_words) {
			bs_diag_file(d, BS_WARNING, l->path, 0, 0,
				     "the badge's name, drawn on its image, "
				     "has %zu words; more than %d do not "
				     "read at badge size",
				     count_words(name), vl->lint.max_words);
			bs_diag_hint(d, "give the badge a short_name for its "
					"image, or leave {{name}} out of the "
					"label, marking and caption");
		}
	}
	if (whole) {
		same_pictures(looks, n, dr, which, facts, d);
		for (int ch = 0; ch < BS_VL_NCHAN; ch++)
			unused_keys(vl, ch, looks, facts, n, d);
	}
	/* compare each distinct look once, with the first badge that has it */
	char *first = bs_xcalloc(nlooks + 1, 1);
	size_t *reps = bs_xcalloc(nlooks + 1, sizeof *reps);
	size_t nreps = 0;
	for (size_t i = 0; i < n; i++)
		if (looks[i].drawn && !first[looks[i].look]) {
			first[looks[i].look] = 1;
			reps[nreps++] = i;
		}
	for (size_t i = 0; whole && i < nreps; i++)
		for (size_t k = i + 1; k < nreps; k++)
			compare(vl, &looks[reps[i]], &looks[reps[k]], &once, d);
	free(first);
	free(reps);
	for (size_t k = 0; k < nu; k++)
		free(dr[k].key);
	free(dr);
	free(which);
	for (size_t i = 0; i < nlooks; i++)
		free(lookkeys[i]);
	free(lookkeys);
	seen_free(&once);
	free(looks);
	return bs_diags_count(d, BS_ERROR) > errors ? BS_ECONTENT : BS_OK;
}

int bs_lint_run(const bs_vlang *vl, const json_t *const *facts,
		const char *const *paths, size_t n, int jobs,
		const bs_cache *cache, const bs_key *base, bs_diags *d)
{
	return lint(vl, facts, paths, n, jobs, cache, base, 1, d);
}

int bs_lint_words(const bs_vlang *vl, const json_t *const *facts,
		  const char *const *paths, size_t n, int jobs,
		  const bs_cache *cache, const bs_key *base, bs_diags *d)
{
	return lint(vl, facts, paths, n, jobs, cache, base, 0, d);
}
