/* fwlang.c: framework.json's words per language: content/framework.<lang>.json
 * checked against the source and laid over a copy of it. */
#include "model/fwlang.h"

#include "base/alloc.h"
#include "input/files.h"
#include "input/schema.h"
#include "model/framework.h"
#include "model/labels.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* The words of each part; every other field of the source is a fact. */
static const char *const top_words[] = {"title",       "purpose", "changelog",
					"formality",   "classes", "tiers",
					"terminology", "labels",  NULL};
static const char *const top_facts[] = {"version", "effective", NULL};
static const char *const class_words[] = {"name", "description", NULL};
static const char *const class_facts[] = {"id",
					  "formality",
					  "achievement_type",
					  "marking",
					  "hours",
					  "credits",
					  "assessment",
					  "attendance_min",
					  "pass_mark",
					  "capstone",
					  "requires",
					  "stacks_into",
					  "completion",
					  "eu_microcredential",
					  NULL};
static const char *const formality_words[] = {"name", "definition", NULL};
static const char *const formality_facts[] = {"id", "glossary", NULL};
static const char *const tier_words[] = {"name", "assessment", "description",
					 NULL};
static const char *const tier_facts[] = {"class", "hours", NULL};
static const char *const term_words[] = {"local", "meaning", NULL};
static const char *const term_facts[] = {"formality", NULL};

/* Check obj's keys: words pass, facts are refused naming the field,
 * anything else is unknown with a did-you-mean. Returns 0 when all
 * passed. */
static int check_keys(bs_chk *c, const json_t *obj, const char *const *words,
		      const char *const *facts, const char *what,
		      const char *code)
{
	int bad = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
	{
		if (bs_chk_listed(k, words)) {
			if (strcmp(k, "labels") && strcmp(k, "changelog") &&
			    strcmp(k, "formality") && strcmp(k, "classes") &&
			    strcmp(k, "tiers") && strcmp(k, "terminology") &&
			    !bs_chk_str(c, obj, k, 0))
				bad = 1;
			continue;
		}
		bad = 1;
		if (bs_chk_listed(k, facts)) {
			bs_chk_at_key(c, obj, k,
				      "'%s' is a fact of %s, not a word: a "
				      "translation may not change it",
				      k, what);
			bs_chk_hint(c,
				    "remove it here; the %s edition takes it "
				    "from content/framework.json",
				    code);
		} else {
			bs_chk_at_key(c, obj, k,
				      "unknown field '%s' in a translation of "
				      "%s",
				      k, what);
			const char *near = bs_suggest(k, words);
			if (near)
				bs_chk_hint(c, "did you mean '%s'?", near);
			else
				bs_chk_hint(c, "a translation gives only "
					       "framework.json's words");
		}
	}
	return bad;
}

static json_t *find_by(json_t *arr, const char *key, const char *val)
{
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		const char *v = json_string_value(json_object_get(it, key));
		if (v && strcmp(v, val) == 0)
			return it;
	}
	return NULL;
}

/* tr[key] is an object { <id>: { words } } naming items of the source's
 * array src[arr] by their field idf: check it and lay each over a copy. */
static void lay_keyed(bs_chk *c, json_t *out, const json_t *tr, const char *key,
		      const char *idf, const char *const *words,
		      const char *const *facts, const char *what,
		      const char *code)
{
	json_t *t = bs_chk_obj(c, tr, key, 0);
	json_t *arr = json_object_get(out, key);
	const char *id;
	json_t *it;
	json_object_foreach(t, id, it)
	{
		json_t *dst = find_by(arr, idf, id);
		if (!dst) {
			bs_chk_at_key(c, t, id,
				      "'%s' is not one of framework.json's "
				      "%s",
				      id, key);
			size_t n = json_array_size(arr), i;
			const char **ids = bs_xcalloc(n + 1, sizeof *ids);
			json_t *x;
			json_array_foreach(arr, i, x) ids[i] =
			    json_string_value(json_object_get(x, idf));
			const char *near = bs_suggest(id, ids);
			if (near)
				bs_chk_hint(c, "did you mean '%s'?", near);
			free(ids);
			continue;
		}
		if (!json_is_object(it)) {
			bs_chk_at_member(c, t, id, "%s must be an object",
					 what);
			continue;
		}
		if (check_keys(c, it, words, facts, what, code))
			continue;
		json_object_update(dst, it);
	}
}

/* tr[key] is an array in the order of the source's: item i gives the
 * words of the source's item i. */
static void lay_ordered(bs_chk *c, json_t *out, const json_t *tr,
			const char *key, const char *const *words,
			const char *const *facts, const char *what,
			const char *code)
{
	json_t *t = bs_chk_arr(c, tr, key, 0, 0);
	if (!t)
		return;
	json_t *arr = json_object_get(out, key);
	if (json_array_size(t) != json_array_size(arr)) {
		bs_chk_at_member(c, tr, key,
				 "%zu %s here, %zu in framework.json",
				 json_array_size(t), key, json_array_size(arr));
		bs_chk_hint(c, "give one for each, in framework.json's order "
			       "({} leaves one as it is)");
		return;
	}
	size_t i;
	json_t *it;
	json_array_foreach(t, i, it)
	{
		if (!json_is_object(it)) {
			bs_chk_at_item(c, t, i, "%s must be an object", what);
			continue;
		}
		if (!check_keys(c, it, words, facts, what, code))
			json_object_update(json_array_get(arr, i), it);
	}
}

/* Lay the labels tr gives over a copy of the default's. */
static json_t *lay_labels(bs_chk *c, const bs_site *s, const json_t *tr)
{
	json_t *all = json_deep_copy(s->fw.labels);
	if (!json_object_get(tr, "labels"))
		return all;
	json_t **asm = bs_xcalloc(s->fw.nclasses + 1, sizeof *asm);
	for (size_t i = 0; i < s->fw.nclasses; i++)
		asm[i] = s->fw.classes[i].assessment;
	json_t *mine = bs_labels_load(c, tr, asm, s->fw.nclasses);
	free(asm);
	const char *g;
	json_t *words;
	json_object_foreach(json_object_get(tr, "labels"), g, words)
	{
		const char *code;
		json_t *it;
		json_t *dst = json_object_get(all, g);
		json_object_foreach(words, code, it)
		{
			json_t *w =
			    json_object_get(json_object_get(mine, g), code);
			if (dst && w)
				json_object_set(dst, code, w);
		}
	}
	json_decref(mine);
	return all;
}

static int lang_of(const bs_site *s, const char *code)
{
	for (size_t i = 0; i < s->nlangs; i++)
		if (strcmp(s->langs[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* A file content/framework.<code>.json for a language the site does not
 * publish in is an error. */
static void check_strays(const bs_site *s, bs_diags *d)
{
	DIR *dir = NULL;
	if (bs_files_opendir(&dir, s->root, "content", d) != 0 || !dir)
		return;
	struct dirent *e;
	while ((e = readdir(dir))) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		if (len <= 15 || strncmp(n, "framework.", 10) != 0 ||
		    strcmp(n + len - 5, ".json") != 0)
			continue;
		char *code = bs_xstrndup(n + 10, len - 15);
		int li = lang_of(s, code);
		if (li < 1) {
			char *rel = bs_xasprintf("content/%s", n);
			if (li == 0)
				bs_diag_file(d, BS_ERROR, rel, 1, 1,
					     "a translation of framework.json "
					     "into the default language, '%s'",
					     code);
			else
				bs_diag_file(d, BS_ERROR, rel, 1, 1,
					     "'%s' is not one of the site's "
					     "languages",
					     code);
			bs_diag_hint(d, "name the language in site.json's "
					"\"languages\" (not first), or remove "
					"the file");
			free(rel);
		}
		free(code);
	}
	closedir(dir);
}

/* Language li's framework from content/framework.<code>.json. */
static void load_lang(bs_site *s, size_t li, bs_diags *d)
{
	bs_lang *g = &s->langs[li];
	g->fw = json_deep_copy(s->fw.json);
	g->labels = NULL;
	char *rel = bs_xasprintf("content/framework.%s.json", g->code);
	bs_source src;
	memset(&src, 0, sizeof src);
	json_t *tr = NULL;
	bs_jpos *pos = NULL;
	if (bs_files_exists(s->root, rel) &&
	    bs_files_read(&src, s->root, rel, NULL, 0, 0, d) == BS_OK &&
	    bs_json_parse_file(&tr, &pos, &src, d) == BS_OK) {
		bs_chk c = {&src, pos, d, 0};
		if (!json_is_object(tr)) {
			bs_diag_at(d, BS_ERROR, &src, 1, 1,
				   "a translation of framework.json holds one "
				   "JSON object");
		} else {
			check_keys(&c, tr, top_words, top_facts,
				   "framework.json", g->code);
			static const char *const strs[] = {"title", "purpose",
							   NULL};
			for (size_t i = 0; strs[i]; i++)
				if (json_is_string(
					json_object_get(tr, strs[i])))
					json_object_set(
					    g->fw, strs[i],
					    json_object_get(tr, strs[i]));
			lay_keyed(&c, g->fw, tr, "classes", "id", class_words,
				  class_facts, "a class", g->code);
			lay_keyed(&c, g->fw, tr, "formality", "id",
				  formality_words, formality_facts,
				  "a formality level", g->code);
			lay_ordered(&c, g->fw, tr, "tiers", tier_words,
				    tier_facts, "a tier", g->code);
			lay_ordered(&c, g->fw, tr, "terminology", term_words,
				    term_facts, "a terminology row", g->code);
			/* the changelog by version: { "2.0": "changes" } */
			json_t *log = bs_chk_obj(&c, tr, "changelog", 0);
			const char *ver;
			json_t *it;
			json_object_foreach(log, ver, it)
			{
				json_t *dst =
				    find_by(json_object_get(g->fw, "changelog"),
					    "version", ver);
				if (!dst) {
					bs_chk_at_key(&c, log, ver,
						      "'%s' is not a version "
						      "in framework.json's "
						      "changelog",
						      ver);
					bs_chk_hint(&c,
						    "key each entry's changes "
						    "by its \"version\"");
				} else if (bs_chk_str(&c, log, ver, 0))
					json_object_set(dst, "changes", it);
			}
			g->labels = lay_labels(&c, s, tr);
		}
	}
	if (!g->labels)
		g->labels = json_deep_copy(s->fw.labels);
	json_decref(tr);
	bs_jpos_free(pos);
	bs_source_free(&src);
	free(rel);
}

void bs_fwlang_check(bs_site *s, bs_diags *d)
{
	check_strays(s, d);
	if (!s->fw.json)
		return;
	for (size_t li = 1; li < s->nlangs; li++)
		load_lang(s, li, d);
}

const json_t *bs_fwlang_json(const bs_site *s, int li)
{
	return li && s->langs[li].fw ? s->langs[li].fw : s->fw.json;
}

const json_t *bs_fwlang_labels(const bs_site *s, int li)
{
	return li && s->langs[li].labels ? s->langs[li].labels : s->fw.labels;
}

const char *bs_fwlang_class_name(const bs_site *s, int li, const bs_class *k)
{
	const json_t *c = find_by(
	    json_object_get(bs_fwlang_json(s, li), "classes"), "id", k->id);
	const char *n = json_string_value(json_object_get(c, "name"));
	return n ? n : k->name;
}

const char *bs_fwlang_class_description(const bs_site *s, int li,
					const bs_class *k)
{
	const json_t *c = find_by(
	    json_object_get(bs_fwlang_json(s, li), "classes"), "id", k->id);
	const char *n = json_string_value(json_object_get(c, "description"));
	return n ? n : k->description;
}

const char *bs_fwlang_formality_name(const bs_site *s, int li, const char *id)
{
	if (!id)
		return NULL;
	const json_t *f = find_by(
	    json_object_get(bs_fwlang_json(s, li), "formality"), "id", id);
	const char *n = json_string_value(json_object_get(f, "name"));
	return n ? n : bs_framework_formality_name(&s->fw, id);
}

void bs_fwlang_free(bs_site *s)
{
	for (size_t i = 1; i < s->nlangs; i++) {
		json_decref(s->langs[i].fw);
		json_decref(s->langs[i].labels);
	}
}
