/* load.c: the load stage: read site.json, content/, the layouts and the
 * visual-language spec into the site model. Only reading and parsing
 * happen here; validate.c decides what the content means. */
#include "base/alloc.h"
#include "base/embedded.h"
#include "base/par.h"
#include "base/url.h"
#include "input/files.h"
#include "input/source.h"
#include "model/awards.h"
#include "model/framework.h"
#include "model/langs.h"
#include "model/model.h"
#include "model/rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct names {
	char **v;
	size_t n, cap;
} names;

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_free(names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Is the site's rel a folder (reached without leaving the site)? */
static int site_dir(const char *root, const char *rel, bs_diags *d)
{
	struct stat st;
	return bs_files_stat(&st, root, rel, NULL, 0, 0, d) == BS_OK &&
	       S_ISDIR(st.st_mode);
}

/* Entries of root/rel (no dot files), sorted so every build sees the same
 * order. A missing folder is empty; one that a link leads out of the site
 * is reported. */
static int list_dir(names *out, const char *root, const char *rel, bs_diags *d)
{
	memset(out, 0, sizeof *out);
	DIR *dir;
	int rc = bs_files_opendir(&dir, root, rel, d);
	if (rc)
		return rc == BS_FILES_MISSING ? BS_OK : rc;
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		bs_xgrow((void **)&out->v, &out->cap, out->n + 1,
			 sizeof *out->v);
		out->v[out->n++] = bs_xstrdup(e->d_name);
	}
	closedir(dir);
	if (out->n) /* qsort wants a non-NULL array */
		qsort(out->v, out->n, sizeof *out->v, cmpstr);
	return BS_OK;
}

static int cmp_badge_ids(const void *a, const void *b)
{
	return strcmp((*(bs_badge *const *)a)->id, (*(bs_badge *const *)b)->id);
}

static int cmp_term_ids(const void *a, const void *b)
{
	return strcmp((*(bs_term *const *)a)->id, (*(bs_term *const *)b)->id);
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int load_md(bs_source *src, bs_frontmatter *fm, const char *root,
		   const char *rel, bs_diags *d)
{
	int rc = bs_source_load(src, root, rel, d);
	if (rc)
		return rc;
	return bs_fm_parse(fm, src, d);
}

/* name[0..n) as an id: lower case, other characters as single hyphens;
 * with dot (within name), the id, a dot and the language code after it
 * ("_index" kept as it is for a section's page). */
static void as_id(bs_buf *b, const char *name, size_t n, const char *dot)
{
	size_t i = 0;
	if (dot && dot - name == 6 && !strncmp(name, "_index", 6)) {
		bs_buf_puts(b, "_index");
		i = 6;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (dot && name + i == dot) {
			while (b->len && b->ptr[b->len - 1] == '-')
				b->ptr[--b->len] = '\0';
			bs_buf_putc(b, '.');
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			bs_buf_putc(b, (char)c);
		else if (b->len && b->ptr[b->len - 1] != '-' &&
			 b->ptr[b->len - 1] != '.')
			bs_buf_putc(b, '-');
	}
	while (b->len && b->ptr[b->len - 1] == '-')
		b->ptr[--b->len] = '\0';
}

/* A file (at its line 1) or folder whose name is not an id, with the
 * name it could have instead ("Bad Name.md" -> "bad-name.md"; "x.FR.md",
 * "_index.fr_FR.md" -> a translation's "x.fr.md", "_index.fr-fr.md"). */
static void bad_name(const char *rel, const char *name, int file, bs_diags *d)
{
	size_t n = strlen(name) - (file ? 3 : 0);
	const char *dot = file ? memchr(name, '.', n) : NULL;
	bs_buf b = BS_BUF_INIT;
	as_id(&b, name, n, dot);
	if (dot && b.len && (b.len != n || memcmp(b.ptr, name, n))) {
		bs_diag_file(d, BS_ERROR, rel, file, 0,
			     "file name '%s' is neither an id nor a "
			     "translation's <id>.<language>.md",
			     name);
		bs_diag_hint(d,
			     "ids and language codes are lower case, with "
			     "hyphens: rename it '%s.md'",
			     b.ptr);
		bs_buf_free(&b);
		return;
	}
	bs_buf_clear(&b);
	as_id(&b, name, n, NULL);
	bs_diag_file(d, BS_ERROR, rel, file, 0,
		     "%s name '%s' is not a valid id", file ? "file" : "folder",
		     name);
	if (b.len)
		bs_diag_hint(d,
			     "use lower-case letters, digits and hyphens: "
			     "rename it '%s%s'",
			     b.ptr, file ? ".md" : "");
	else
		bs_diag_hint(d,
			     "use lower-case letters, digits and hyphens, "
			     "e.g. 'event-speaker%s'",
			     file ? ".md" : "");
	bs_buf_free(&b);
}

/* The stem of name.md when it is a valid id, else NULL (reported). */
static char *md_id(const char *dir, const char *name, bs_diags *d)
{
	char *id = bs_xstrndup(name, strlen(name) - 3);
	if (!bs_url_is_id(id)) {
		char *rel = bs_xasprintf("%s/%s", dir, name);
		bad_name(rel, name, 1, d);
		free(rel);
		free(id);
		return NULL;
	}
	return id;
}

/* name in folder dir is a translation "<id>.<lang>.md": recorded (a page
 * when kind is BS_TR_PAGE, at url prefix+id+"/"; "_index" is the folder's
 * own page, at prefix) and 1 returned. */
static int translation_at(bs_site *s, const char *dir, const char *name,
			  int kind, const char *prefix)
{
	char *id, *code;
	if (!bs_langs_tr_name(&id, &code, name))
		return 0;
	char *rel = bs_xasprintf("%s/%s", dir, name);
	char *key = kind != BS_TR_PAGE ? bs_xstrdup(id)
		    : strcmp(id, "_index") == 0
			? bs_xstrdup(prefix)
			: bs_xasprintf("%s%s/", prefix, id);
	bs_langs_add(s, kind, key, code, rel);
	free(key);
	free(rel);
	free(id);
	free(code);
	return 1;
}

static int translation(bs_site *s, const char *dir, const char *name, int kind)
{
	return translation_at(s, dir, name, kind, "");
}

static void load_badge(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	bs_site *s = ctx;
	bs_badge *b = &s->badges[i];
	char *rel = bs_xasprintf("content/badges/%s.md", b->id);
	if (load_md(&b->src, &b->fm, s->root, rel, d))
		b->skip = 1;
	bs_snapshot_versions(&b->snaps, &b->nsnaps, s->root, b->id);
	free(rel);
}

static void load_badges(bs_site *s, bs_diags *d)
{
	names l;
	list_dir(&l, s->root, "content/badges", d);
	s->badges = bs_xcalloc(l.n, sizeof *s->badges);
	for (size_t i = 0; i < l.n; i++) {
		if (!ends_with(l.v[i], ".md") ||
		    strncmp(l.v[i], "_index.", 7) == 0 ||
		    translation(s, "content/badges", l.v[i], BS_TR_BADGE))
			continue;
		char *id = md_id("content/badges", l.v[i], d);
		if (id)
			s->badges[s->nbadges++].id = id;
	}
	names_free(&l);
	/* ids are file names, so unique; links between badges are looked up
	 * in this index (bs_site_find), never by a scan of every badge */
	s->badge_ids = bs_xcalloc(s->nbadges + 1, sizeof *s->badge_ids);
	for (size_t i = 0; i < s->nbadges; i++)
		s->badge_ids[i] = &s->badges[i];
	qsort(s->badge_ids, s->nbadges, sizeof *s->badge_ids, cmp_badge_ids);
	/* the files are independent: read and parse them on threads */
	bs_par_for(s->nbadges, s->jobs, BS_PAR_GRAIN, load_badge, s, d);
}

static void load_term(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	bs_site *s = ctx;
	bs_term *t = &s->terms[i];
	char *rel = bs_xasprintf("content/glossary/%s.md", t->id);
	load_md(&t->src, &t->fm, s->root, rel, d);
	free(rel);
}

static void load_terms(bs_site *s, bs_diags *d)
{
	names l;
	list_dir(&l, s->root, "content/glossary", d);
	s->terms = bs_xcalloc(l.n, sizeof *s->terms);
	for (size_t i = 0; i < l.n; i++) {
		if (!ends_with(l.v[i], ".md") ||
		    strncmp(l.v[i], "_index.", 7) == 0 ||
		    translation(s, "content/glossary", l.v[i], BS_TR_TERM))
			continue;
		char *id = md_id("content/glossary", l.v[i], d);
		if (id)
			s->terms[s->nterms++].id = id;
	}
	names_free(&l);
	s->term_ids = bs_xcalloc(s->nterms + 1, sizeof *s->term_ids);
	for (size_t i = 0; i < s->nterms; i++)
		s->term_ids[i] = &s->terms[i];
	qsort(s->term_ids, s->nterms, sizeof *s->term_ids, cmp_term_ids);
	bs_par_for(s->nterms, s->jobs, BS_PAR_GRAIN, load_term, s, d);
}

/* Pages are listed first, then read on threads: rels[i] is the file of
 * s->pages[i]. */
typedef struct page_list {
	bs_site *s;
	size_t cap, caprels;
	char **rels;
} page_list;

static void load_page(void *ctx, size_t i, int thread, bs_diags *d)
{
	(void)thread;
	page_list *pl = ctx;
	bs_page *p = &pl->s->pages[i];
	if (load_md(&p->src, &p->fm, pl->s->root, pl->rels[i], d))
		p->skip = 1;
}

static void add_page(page_list *pl, const char *rel, const char *url,
		     const char *section)
{
	bs_site *s = pl->s;
	bs_xgrow((void **)&s->pages, &pl->cap, s->npages + 1, sizeof *s->pages);
	bs_xgrow((void **)&pl->rels, &pl->caprels, s->npages + 1,
		 sizeof *pl->rels);
	bs_page *p = &s->pages[s->npages];
	memset(p, 0, sizeof *p);
	p->url = bs_xstrdup(url);
	p->section = bs_xstrdup(section);
	pl->rels[s->npages++] = bs_xstrdup(rel);
}

/* Pages: content/_index.md, content/<section>/_index.md and
 * content/<section>/<page>.md, one level of sections. */
static void load_pages(bs_site *s, bs_diags *d)
{
	page_list pl = {s, 0, 0, NULL};
	names top;
	list_dir(&top, s->root, "content", d);
	for (size_t i = 0; i < top.n; i++) {
		const char *name = top.v[i];
		char *rel = bs_xasprintf("content/%s", name);
		if (strcmp(name, "_index.md") == 0) {
			add_page(&pl, rel, "", "home");
		} else if (strncmp(name, "_index.", 7) == 0 &&
			   translation_at(s, "content", name, BS_TR_PAGE, "")) {
			/* the home page's translation */
		} else if (strcmp(name, "published") != 0 &&
			   site_dir(s->root, rel, d)) {
			if (!bs_url_is_id(name)) {
				bad_name(rel, name, 0, d);
			} else {
				names sub;
				list_dir(&sub, s->root, rel, d);
				int special = strcmp(name, "badges") == 0 ||
					      strcmp(name, "glossary") == 0;
				for (size_t k = 0; k < sub.n; k++) {
					const char *f = sub.v[k];
					if (!ends_with(f, ".md"))
						continue;
					char *pre = bs_xasprintf("%s/", name);
					int tr =
					    (!special ||
					     strncmp(f, "_index.", 7) == 0) &&
					    translation_at(s, rel, f,
							   BS_TR_PAGE, pre);
					free(pre);
					if (tr)
						continue;
					char *frel =
					    bs_xasprintf("%s/%s", rel, f);
					if (strcmp(f, "_index.md") == 0) {
						char *url =
						    bs_xasprintf("%s/", name);
						add_page(&pl, frel, url, name);
						free(url);
					} else if (!special) {
						char *id = md_id(rel, f, d);
						if (id) {
							char *url =
							    bs_xasprintf(
								"%s/%s/", name,
								id);
							add_page(&pl, frel, url,
								 name);
							free(url);
							free(id);
						}
					}
					free(frel);
				}
				names_free(&sub);
			}
		} else if (ends_with(name, ".md")) {
			bs_diag_file(d, BS_ERROR, rel, 0, 0,
				     "pages belong in a section folder");
			bs_diag_hint(d, "move it to content/<section>/%s",
				     name);
		}
		free(rel);
	}
	names_free(&top);
	bs_par_for(s->npages, s->jobs, BS_PAR_GRAIN, load_page, &pl, d);
	for (size_t i = 0; i < s->npages; i++)
		free(pl.rels[i]);
	free(pl.rels);
}

/* Layouts: the built-in defaults, each replaced by the site's own file of
 * the same name, plus any extra layouts the site adds. */
static void load_layouts(bs_site *s, bs_diags *d)
{
	s->tpls = bs_tpl_set_new();
	bs_key_init(&s->layouts_key);
	names l;
	list_dir(&l, s->root, "layouts", d);
	for (const bs_embedded *e = bs_embedded_files; e->path; e++) {
		if (strncmp(e->path, "layouts/", 8) != 0 ||
		    !ends_with(e->path, ".mustache"))
			continue;
		const char *file = e->path + 8;
		if (l.n && bsearch(&file, l.v, l.n, sizeof *l.v, cmpstr))
			continue;
		char *name = bs_xstrndup(file, strlen(file) - 9);
		bs_tpl_set_add(s->tpls, name, (const char *)e->data, e->len,
			       e->path, d);
		bs_langs_scan(s, e->path, (const char *)e->data, e->len);
		bs_key_add_str(&s->layouts_key, e->path);
		bs_key_add(&s->layouts_key, e->data, e->len);
		free(name);
	}
	for (size_t i = 0; i < l.n; i++) {
		if (!ends_with(l.v[i], ".mustache"))
			continue;
		char *rel = bs_xasprintf("layouts/%s", l.v[i]);
		bs_source src;
		if (bs_source_load(&src, s->root, rel, d) == BS_OK) {
			char *name = bs_xstrndup(l.v[i], strlen(l.v[i]) - 9);
			bs_tpl_set_add(s->tpls, name, src.text, src.len, rel,
				       d);
			bs_langs_scan(s, rel, src.text, src.len);
			bs_key_add_str(&s->layouts_key, rel);
			bs_key_add(&s->layouts_key, src.text, src.len);
			free(name);
		}
		bs_source_free(&src);
		free(rel);
	}
	names_free(&l);
	bs_tpl_set_check(s->tpls, d);
}

int bs_site_load(bs_site **out, const bs_options *opt, bs_diags *d)
{
	bs_site *s = bs_xcalloc(1, sizeof *s);
	*out = s;
	s->root = bs_xstrdup(opt->root);
	s->drafts = opt->drafts;
	s->jobs = opt->jobs;
	bs_key_init(&s->program);
	bs_key_add_program(&s->program);
	size_t before = d->n;
	if (!is_dir(s->root))
		return bs_diag_io(d, s->root, "site folder not found");
	if (bs_source_load(&s->site_src, s->root, "site.json", d) == BS_OK)
		bs_json_parse_file(&s->site, &s->site_pos, &s->site_src, d);
	if (bs_source_load(&s->fw.src, s->root, "content/framework.json", d) ==
	    BS_OK)
		bs_framework_load(&s->fw, d);
	load_badges(s, d);
	load_terms(s, d);
	load_pages(s, d);
	bs_langs_load(s, d);
	load_layouts(s, d);
	bs_ledger_load(&s->ledger, s->root, d);
	if (bs_files_read(&s->vl_src, s->root, "assets/visual-language.json",
			  NULL, 0, 0, d) == BS_OK)
		bs_vlang_load(&s->vlang, s->root, &s->vl_src, d);
	for (size_t i = before; i < d->n; i++)
		if (d->v[i].sev == BS_ERROR)
			return bs_diags_has_io(d) ? BS_EIO : BS_ECONTENT;
	return BS_OK;
}

void bs_site_free(bs_site *s)
{
	if (!s)
		return;
	free(s->did_path);
	bs_langs_free(s);
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_badge *b = &s->badges[i];
		free(b->id);
		bs_fm_free(&b->fm);
		bs_md_found_free(&b->links);
		bs_source_free(&b->src);
		free(b->stacks_into);
		free(b->dir);
		free(b->snaps);
		free(b->hash);
		free(b->stacked_from);
		bs_rules_free(b->completion);
		free(b->requires);
		free(b->required_for);
		json_decref(b->facts);
	}
	free(s->badges);
	free(s->badge_ids);
	json_decref(s->shared);
	for (size_t i = 0; s->listed && i < s->nbadges * s->nlangs; i++)
		json_decref(s->listed[i]);
	free(s->listed);
	bs_par_lock_free(s->listed_lock);
	for (size_t i = 0; i < s->nterms; i++) {
		free(s->terms[i].id);
		bs_fm_free(&s->terms[i].fm);
		bs_md_found_free(&s->terms[i].links);
		bs_source_free(&s->terms[i].src);
		json_decref(s->terms[i].view);
	}
	free(s->terms);
	free(s->term_ids);
	for (size_t i = 0; i < s->npages; i++) {
		free(s->pages[i].url);
		free(s->pages[i].section);
		bs_fm_free(&s->pages[i].fm);
		bs_md_found_free(&s->pages[i].links);
		bs_source_free(&s->pages[i].src);
	}
	free(s->pages);
	bs_framework_free(&s->fw);
	bs_awards_free(s->awards);
	bs_ledger_free(&s->ledger);
	if (s->tpls)
		bs_tpl_set_free(s->tpls);
	if (s->vlang)
		bs_vlang_free(s->vlang);
	bs_source_free(&s->vl_src);
	json_decref(s->site);
	bs_jpos_free(s->site_pos);
	bs_source_free(&s->site_src);
	free(s->base_url);
	free(s->canonical_base);
	json_decref(s->site_view);
	json_decref(s->issuers);
	json_decref(s->nav);
	free(s->root);
	free(s);
}
