/* langs.c: the site's languages, its translation files and the layout
 * strings of each language: read, checked against their sources and
 * merged into one front matter per edition. */
#include "model/langs.h"

#include "model/fwlang.h"

#include "base/alloc.h"
#include "base/par.h"
#include "input/files.h"
#include "input/schema.h"
#include "input/source.h"
#include "pages/markdown.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The words of a source a translation may give; every other field of the
 * source is a fact the translation takes as it is. */
static const char *const badge_words[] = {"name",
					  "short_name",
					  "description",
					  "learning_outcomes",
					  "evidence",
					  "prerequisites",
					  "quality_assurance",
					  "validity",
					  "further_information",
					  "grade",
					  "identity_verification",
					  "tags",
					  NULL};
static const char *const badge_facts[] = {
    "class",	  "issuer",	 "version",    "status",	"hours",
    "credits",	  "assessment",	 "award_mode", "participation", "level",
    "category",	  "programme",	 "recipient",  "attendance",	"pass_mark",
    "capstone",	  "stacks_into", "alignment",  "image",		"previous_ids",
    "retired_on", "replaced_by", "completion", "requires",	NULL};
static const char *const term_words[] = {"term", "aliases", "definitions",
					 NULL};
static const char *const term_facts[] = {"see_also", NULL};
static const char *const page_words[] = {"title", "description", NULL};
static const char *const page_facts[] = {"weight", "status", "featured", NULL};

/* A language code as file names carry it: "fr", "pt-br", "zh-hant". */
static int is_code(const char *c, size_t n)
{
	size_t i = 0;
	while (i < n && c[i] >= 'a' && c[i] <= 'z')
		i++;
	if (i < 2 || i > 3)
		return 0;
	while (i < n) {
		if (c[i++] != '-')
			return 0;
		size_t k = 0;
		while (i < n && ((c[i] >= 'a' && c[i] <= 'z') ||
				 (c[i] >= '0' && c[i] <= '9'))) {
			i++;
			k++;
		}
		if (k < 2 || k > 8)
			return 0;
	}
	return 1;
}

int bs_langs_tr_name(char **id, char **code, const char *name)
{
	size_t n = strlen(name);
	if (n < 4 || strcmp(name + n - 3, ".md") != 0)
		return 0;
	const char *dot = memchr(name, '.', n - 3);
	if (!dot || dot == name)
		return 0;
	const char *c = dot + 1;
	size_t cn = (size_t)(name + n - 3 - c);
	if (!is_code(c, cn))
		return 0;
	*id = bs_xstrndup(name, (size_t)(dot - name));
	*code = bs_xstrndup(c, cn);
	return 1;
}

void bs_langs_add(bs_site *s, int kind, const char *key, const char *code,
		  const char *rel)
{
	bs_xgrow((void **)&s->trs, &s->captrs, s->ntrs + 1, sizeof *s->trs);
	bs_tr *t = &s->trs[s->ntrs++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->key = bs_xstrdup(key);
	t->code = bs_xstrdup(code);
	t->src.path = bs_xstrdup(rel); /* replaced when it is read */
}

static void load_tr(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	bs_site *s = ctx;
	bs_tr *t = &s->trs[i];
	char *rel = t->src.path;
	t->src.path = NULL;
	if (bs_source_load(&t->src, s->root, rel, d) == BS_OK)
		bs_fm_parse(&t->fm, &t->src, d);
	if (!t->src.path)
		t->src.path = rel;
	else
		free(rel);
}

void bs_langs_load(bs_site *s, bs_diags *d)
{
	bs_par_for(s->ntrs, s->jobs, BS_PAR_GRAIN, load_tr, s, d);
}

void bs_langs_scan(bs_site *s, const char *rel, const char *text, size_t len)
{
	if (!s->strings_used)
		s->strings_used = json_object();
	int line = 1;
	for (size_t i = 0; i + 4 < len; i++) {
		if (text[i] == '\n')
			line++;
		if (text[i] != '{' || text[i + 1] != '{')
			continue;
		size_t k = i + 2;
		while (k < len && (text[k] == ' ' || text[k] == '{'))
			k++;
		if (k < len && strchr("#^/&", text[k]))
			k++;
		while (k < len && text[k] == ' ')
			k++;
		if (k + 2 >= len || text[k] != 't' || text[k + 1] != '.')
			continue;
		k += 2;
		size_t st = k;
		while (k < len &&
		       ((text[k] >= 'a' && text[k] <= 'z') ||
			(text[k] >= '0' && text[k] <= '9') || text[k] == '_'))
			k++;
		char *key = bs_xstrndup(text + st, k - st);
		if (!json_object_get(s->strings_used, key)) {
			json_t *o = json_object();
			json_object_set_new(o, "file", json_string(rel));
			json_object_set_new(o, "line", json_integer(line));
			json_object_set_new(s->strings_used, key, o);
		}
		free(key);
	}
}

/* site.json "languages": the default first. */
static void check_languages(bs_site *s, bs_diags *d)
{
	const char *def =
	    json_string_value(json_object_get(s->site, "default_language"));
	if (!def)
		def = "en";
	bs_chk c = {&s->site_src, s->site_pos, d, 0};
	json_t *l = json_object_get(s->site, "languages");
	size_t n = json_array_size(l);
	if (l && bs_chk_arr(&c, s->site, "languages", 0, 1)) {
		if (!n) {
			bs_chk_at_member(&c, s->site, "languages",
					 "\"languages\" is empty");
			bs_chk_hint(&c,
				    "name the default language first, "
				    "e.g. [\"%s\", \"fr\"], or remove it",
				    def);
		} else if (strcasecmp(json_string_value(json_array_get(l, 0)),
				      def) != 0) {
			bs_chk_at_item(&c, l, 0,
				       "the first language must be "
				       "default_language, '%s'",
				       def);
			bs_chk_hint(&c, "put \"%s\" first", def);
		}
		for (size_t i = 0; i < n; i++) {
			const char *code =
			    json_string_value(json_array_get(l, i));
			/* the default names no file or folder */
			if (!is_code(code, strlen(code)) &&
			    (i || strcasecmp(code, def) != 0)) {
				bs_chk_at_item(&c, l, i,
					       "'%s' is not a language code "
					       "as file names carry it",
					       code);
				/* the code names translations (x.pt-br.md)
				 * and the edition's folder (/pt-br/) */
				bs_buf h = BS_BUF_INIT;
				for (const char *p = code; *p; p++)
					bs_buf_putc(
					    &h, *p == '_'
						    ? '-'
						    : (char)tolower(
							  (unsigned char)*p));
				bs_chk_hint(&c,
					    "write it in lower case with "
					    "hyphens, \"%s\": it names the "
					    "translations (x.%s.md) and the "
					    "edition's folder (/%s/)",
					    h.ptr, h.ptr, h.ptr);
				bs_buf_free(&h);
			}
			for (size_t k = 0; k < i; k++)
				if (strcmp(code, json_string_value(
						     json_array_get(l, k))) ==
				    0)
					bs_chk_at_item(&c, l, i,
						       "'%s' is named twice",
						       code);
		}
	}
	if (c.errors || !n) {
		n = 1;
		l = NULL;
	}
	s->nlangs = n;
	s->langs = bs_xcalloc(n, sizeof *s->langs);
	for (size_t i = 0; i < n; i++) {
		bs_lang *g = &s->langs[i];
		g->code =
		    l && i ? json_string_value(json_array_get(l, i)) : def;
		g->prefix = i ? bs_xasprintf("%s/", g->code) : bs_xstrdup("");
		g->base = bs_xasprintf("%s%s", s->base_url ? s->base_url : "",
				       g->prefix);
	}
}

static int lang_of(const bs_site *s, const char *code)
{
	for (size_t i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* site.json "translations": per language but the default, the site's own
 * words in it: { "fr": { "title", "description", "footer" } }. */
static void check_site_words(bs_site *s, bs_diags *d)
{
	static const char *const keys[] = {"title", "description", "footer",
					   NULL};
	bs_chk c = {&s->site_src, s->site_pos, d, 0};
	json_t *tr = bs_chk_obj(&c, s->site, "translations", 0);
	const char *code;
	json_t *it;
	json_object_foreach(tr, code, it)
	{
		if (lang_of(s, code) < 1) {
			bs_chk_at_key(&c, tr, code,
				      "'%s' is not one of the site's other "
				      "languages",
				      code);
			bs_chk_hint(&c,
				    "name it in \"languages\", after the "
				    "default, '%s'",
				    s->langs[0].code);
			continue;
		}
		if (!json_is_object(it)) {
			bs_chk_at_member(&c, tr, code,
					 "a language's words must be an "
					 "object");
			continue;
		}
		bs_chk_keys(&c, it, keys, "a language's words");
		for (size_t i = 0; keys[i]; i++)
			bs_chk_str(&c, it, keys[i], 0);
	}
}

static bs_page *page_at(const bs_site *s, const char *url)
{
	for (size_t i = 0; i < s->npages; i++)
		if (strcmp(s->pages[i].url, url) == 0)
			return &s->pages[i];
	return NULL;
}

/* The editions array of what t translates, or NULL (reported). */
static bs_edition **source_eds(bs_site *s, bs_tr *t, const json_t **fm,
			       bs_diags *d)
{
	const char **cands = NULL;
	size_t n = 0;
	const char *what = "";
	if (t->kind == BS_TR_BADGE) {
		bs_badge *b = bs_site_find(s, t->key);
		if (b && b->fm.data) {
			*fm = b->fm.data;
			return &b->ed;
		}
		cands = bs_xcalloc(s->nbadges + 1, sizeof *cands);
		for (size_t i = 0; i < s->nbadges; i++)
			cands[n++] = s->badges[i].id;
		what = "badge";
	} else if (t->kind == BS_TR_TERM) {
		const bs_term *ct = bs_site_term(s, t->key);
		if (ct && ct->fm.data) {
			*fm = ct->fm.data;
			return &((bs_term *)ct)->ed;
		}
		cands = bs_xcalloc(s->nterms + 1, sizeof *cands);
		for (size_t i = 0; i < s->nterms; i++)
			cands[n++] = s->terms[i].id;
		what = "glossary term";
	} else {
		bs_page *p = page_at(s, t->key);
		if (p && p->fm.data) {
			*fm = p->fm.data;
			return &p->ed;
		}
		what = "page";
	}
	/* a source that failed to parse was reported */
	if ((t->kind == BS_TR_BADGE && bs_site_find(s, t->key)) ||
	    (t->kind == BS_TR_TERM && bs_site_term(s, t->key)) ||
	    (t->kind == BS_TR_PAGE && page_at(s, t->key))) {
		free(cands);
		return NULL;
	}
	bs_diag_file(d, BS_ERROR, t->src.path, 1, 1,
		     "a translation of a %s that does not exist", what);
	const char *near = cands ? bs_suggest(t->key, cands) : NULL;
	if (near)
		bs_diag_hint(d,
			     "did you mean '%s'? name it %s.%s.md beside "
			     "its source",
			     near, near, t->code);
	else
		bs_diag_hint(d,
			     "a translation sits beside its source, named "
			     "<source>.%s.md",
			     t->code);
	free(cands);
	return NULL;
}

/* Check the fields of translation t against the words of its kind; a
 * fact of the source is refused where it is written. */
static void check_fields(bs_tr *t, bs_diags *d)
{
	const char *const *words = t->kind == BS_TR_BADGE  ? badge_words
				   : t->kind == BS_TR_TERM ? term_words
							   : page_words;
	const char *const *facts = t->kind == BS_TR_BADGE  ? badge_facts
				   : t->kind == BS_TR_TERM ? term_facts
							   : page_facts;
	bs_chk c = {&t->src, t->fm.pos, d, 0};
	const char *k;
	json_t *v;
	json_object_foreach(t->fm.data, k, v)
	{
		if (bs_chk_listed(k, facts)) {
			bs_chk_at_key(&c, t->fm.data, k,
				      "'%s' is a fact of the source, not a "
				      "word: a translation may not change it",
				      k);
			bs_chk_hint(&c,
				    "remove it here; the %s edition takes it "
				    "from the source",
				    t->code);
		} else if (!bs_chk_listed(k, words)) {
			bs_chk_at_key(&c, t->fm.data, k,
				      "unknown field '%s' in a translation", k);
			const char *near = bs_suggest(k, words);
			if (near)
				bs_chk_hint(&c, "did you mean '%s'?", near);
			else
				bs_chk_hint(&c, "a translation gives only "
						"the source's words");
		}
	}
	static const char *const strs[] = {"name",
					   "short_name",
					   "description",
					   "evidence",
					   "prerequisites",
					   "quality_assurance",
					   "validity",
					   "further_information",
					   "grade",
					   "term",
					   "identity_verification",
					   "title",
					   NULL};
	for (size_t i = 0; strs[i]; i++)
		if (bs_chk_listed(strs[i], words))
			bs_chk_str(&c, t->fm.data, strs[i], 0);
	static const char *const arrs[] = {"learning_outcomes", "tags",
					   "aliases", NULL};
	for (size_t i = 0; arrs[i]; i++)
		if (bs_chk_listed(arrs[i], words))
			bs_chk_arr(&c, t->fm.data, arrs[i], 0, 1);
	if (t->kind != BS_TR_TERM)
		return;
	/* each definition as in the source: its text (or the title of a
	 * section of the body) and who gave it */
	static const char *const def_keys[] = {
	    "text", "section", "source", "year", "url", "form", NULL};
	size_t i;
	json_t *it;
	json_array_foreach(bs_chk_arr(&c, t->fm.data, "definitions", 0, 0), i,
			   it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(
			    &c, json_object_get(t->fm.data, "definitions"), i,
			    "a definition must be an object");
			continue;
		}
		bs_chk_keys(&c, it, def_keys, "a definition");
		bs_chk_str(&c, it, "source", 1);
		if (!bs_chk_str(&c, it, "text", 0) &&
		    !bs_chk_str(&c, it, "section", 0)) {
			bs_chk_at_item(
			    &c, json_object_get(t->fm.data, "definitions"), i,
			    "a definition needs \"text\" or "
			    "\"section\"");
		}
	}
}

static void check_tr(bs_site *s, bs_tr *t, bs_diags *d)
{
	int li = lang_of(s, t->code);
	if (li < 0) {
		bs_diag_file(d, BS_ERROR, t->src.path, 1, 1,
			     "'%s' is not one of the site's languages",
			     t->code);
		const char **codes = bs_xcalloc(s->nlangs + 1, sizeof *codes);
		for (size_t i = 0; i < s->nlangs; i++)
			codes[i] = s->langs[i].code;
		const char *near = bs_suggest(t->code, codes);
		if (near && strcmp(near, s->langs[0].code) != 0)
			bs_diag_hint(d, "did you mean '%s'?", near);
		else
			bs_diag_hint(d,
				     "add \"%s\" to \"languages\" in "
				     "site.json, or rename the file",
				     t->code);
		free(codes);
		return;
	}
	if (li == 0) {
		bs_diag_file(d, BS_ERROR, t->src.path, 1, 1,
			     "a translation into the default language, '%s'",
			     t->code);
		bs_diag_hint(d,
			     "the source itself is in '%s': edit it "
			     "instead",
			     t->code);
		return;
	}
	const json_t *fm = NULL;
	bs_edition **eds = source_eds(s, t, &fm, d);
	if (!eds || !t->fm.data)
		return;
	size_t before = bs_diags_count(d, BS_ERROR);
	check_fields(t, d);
	if (bs_diags_count(d, BS_ERROR) > before)
		return;
	t->lang = li;
	/* the body as any source's: limits, headings, its links for
	 * views/links.c */
	bs_md_check(t->fm.body, t->fm.body_len, &t->src, t->fm.body_line,
		    &t->links, d);
	t->data = json_copy((json_t *)fm);
	json_object_update(t->data, t->fm.data);
	(*eds)[li].tr = t;
}

/* layouts/strings/<code>.json: an object of strings, or NULL. */
static json_t *read_strings(bs_site *s, const char *code, bs_source *src,
			    bs_jpos **pos, bs_diags *d)
{
	char *rel = bs_xasprintf("layouts/strings/%s.json", code);
	json_t *o = NULL;
	memset(src, 0, sizeof *src);
	*pos = NULL;
	if (bs_files_exists(s->root, rel) &&
	    bs_files_read(src, s->root, rel, NULL, 0, 0, d) == BS_OK &&
	    bs_json_parse_file(&o, pos, src, d) == BS_OK) {
		bs_chk c = {src, *pos, d, 0};
		const char *k;
		json_t *v;
		if (!json_is_object(o)) {
			bs_diag_at(d, BS_ERROR, src, 1, 1,
				   "a strings file holds one JSON object");
			json_decref(o);
			o = NULL;
		} else {
			json_object_foreach(o, k, v)
			{
				if (!json_is_string(v))
					bs_chk_at_member(&c, o, k,
							 "a string's value "
							 "must be text");
			}
		}
	}
	free(rel);
	return o;
}

static void check_strings(bs_site *s, bs_diags *d)
{
	for (size_t i = 0; i < s->nlangs; i++) {
		bs_source src;
		bs_jpos *pos;
		json_t *own = read_strings(s, s->langs[i].code, &src, &pos, d);
		if (i && !own) {
			int line = 0, col = 0;
			bs_jpos_item(s->site_pos,
				     json_object_get(s->site, "languages"), i,
				     &line, &col);
			bs_diag_at(d, BS_WARNING, &s->site_src, line, col,
				   "no layout strings for '%s': its pages' "
				   "headings, menus and notices stay in '%s'",
				   s->langs[i].code, s->langs[0].code);
			bs_diag_hint(d,
				     "copy the strings of '%s' (see "
				     "docs/templates.md, \"Strings\") to "
				     "layouts/strings/%s.json and translate "
				     "them; built in: en, fr",
				     s->langs[0].code, s->langs[i].code);
		}
		if (i == 0) {
			if (!own)
				own = read_strings(s, "en", &src, &pos, d);
			s->langs[0].strings = own ? own : json_object();
		} else {
			json_t *all = json_copy(s->langs[0].strings);
			const char *k;
			json_t *v;
			bs_chk c = {&src, pos, d, 0};
			json_object_foreach(own, k, v)
			{
				if (json_object_get(all, k)) {
					json_object_set(all, k, v);
					continue;
				}
				bs_chk_at_key(&c, own, k,
					      "'%s' is not a string of the "
					      "default language",
					      k);
				const char **keys = bs_xcalloc(
				    json_object_size(all) + 1, sizeof *keys);
				size_t n = 0;
				const char *k2;
				json_t *v2;
				json_object_foreach(all, k2, v2) keys[n++] = k2;
				const char *near = bs_suggest(k, keys);
				if (near)
					bs_chk_hint(&c, "did you mean '%s'?",
						    near);
				free(keys);
			}
			json_decref(own);
			s->langs[i].strings = all;
		}
		bs_jpos_free(pos);
		bs_source_free(&src);
	}
	const char *k;
	json_t *use;
	json_object_foreach(s->strings_used, k, use)
	{
		if (json_object_get(s->langs[0].strings, k))
			continue;
		bs_diag_file(
		    d, BS_ERROR,
		    json_string_value(json_object_get(use, "file")),
		    (int)json_integer_value(json_object_get(use, "line")), 0,
		    "the layout reads string 't.%s', which no "
		    "strings file defines",
		    k);
		bs_diag_hint(d, "add \"%s\" to layouts/strings/%s.json", k,
			     s->langs[0].code);
	}
}

void bs_langs_check(bs_site *s, bs_diags *d)
{
	size_t before = bs_diags_count(d, BS_ERROR);
	check_languages(s, d);
	/* with "languages" wrong, every translation would be reported as
	 * of a language the site lacks: that one error says it all */
	int langs_ok = bs_diags_count(d, BS_ERROR) == before;
	if (langs_ok)
		check_site_words(s, d);
	for (size_t i = 0; i < s->nbadges; i++)
		s->badges[i].ed =
		    bs_xcalloc(s->nlangs, sizeof *s->badges[i].ed);
	for (size_t i = 0; i < s->nterms; i++)
		s->terms[i].ed = bs_xcalloc(s->nlangs, sizeof *s->terms[i].ed);
	for (size_t i = 0; i < s->npages; i++)
		s->pages[i].ed = bs_xcalloc(s->nlangs, sizeof *s->pages[i].ed);
	for (size_t i = 0; langs_ok && i < s->ntrs; i++)
		check_tr(s, &s->trs[i], d);
	if (langs_ok)
		bs_fwlang_check(s, d);
	check_strings(s, d);
}

const json_t *bs_langs_data(const bs_edition *ed, const json_t *fm)
{
	return ed && ed->tr ? ed->tr->data : fm;
}

void bs_langs_body(const char **body, size_t *len, const bs_edition *ed,
		   const bs_frontmatter *fm)
{
	const bs_frontmatter *f = ed && ed->tr ? &ed->tr->fm : fm;
	*body = f->body;
	*len = f->body_len;
}

static void free_eds(bs_edition *ed, size_t n)
{
	for (size_t i = 0; ed && i < n; i++) {
		json_decref(ed[i].view);
		json_decref(ed[i].facts);
	}
	free(ed);
}

void bs_langs_free(bs_site *s)
{
	for (size_t i = 0; i < s->nbadges; i++)
		free_eds(s->badges[i].ed, s->nlangs);
	for (size_t i = 0; i < s->nterms; i++)
		free_eds(s->terms[i].ed, s->nlangs);
	for (size_t i = 0; i < s->npages; i++)
		free_eds(s->pages[i].ed, s->nlangs);
	for (size_t i = 0; i < s->ntrs; i++) {
		bs_tr *t = &s->trs[i];
		free(t->key);
		free(t->code);
		bs_fm_free(&t->fm);
		bs_md_found_free(&t->links);
		bs_source_free(&t->src);
		json_decref(t->data);
	}
	free(s->trs);
	bs_fwlang_free(s);
	for (size_t i = 0; i < s->nlangs; i++) {
		bs_lang *g = &s->langs[i];
		free(g->prefix);
		free(g->base);
		json_decref(g->strings);
		for (int k = 0; k < BS_FOOTER_DEPTHS; k++)
			free(g->footer_html[k]);
		if (i) {
			json_decref(g->site_view);
			json_decref(g->nav);
		}
	}
	free(s->langs);
	json_decref(s->strings_used);
}
