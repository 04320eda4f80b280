/* scaffold.c: writing starter files. */
#include "model/scaffold.h"

#include "base/alloc.h"
#include "base/embedded.h"
#include "base/url.h"
#include "input/jsonsrc.h"
#include "input/source.h"
#include "model/framework.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Create path with n bytes of text; never replaces an existing file. */
static int create_n(const char *path, const char *text, size_t n, bs_diags *d)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		if (errno == EEXIST) {
			bs_diag_file(d, BS_ERROR, path, 0, 0,
				     "already exists; nothing was changed");
			bs_diag_hint(d, "choose another name");
			return BS_EUSAGE;
		}
		return bs_diag_io(d, path, "cannot create: %s",
				  strerror(errno));
	}
	int ok = write(fd, text, n) == (ssize_t)n;
	if (close(fd) != 0 || !ok)
		return bs_diag_io(d, path, "cannot write: %s", strerror(errno));
	return BS_OK;
}

static int create(const char *path, const char *text, bs_diags *d)
{
	return create_n(path, text, strlen(text), d);
}

static int mkdir_p(const char *path, bs_diags *d)
{
	char *p = bs_xstrdup(path);
	for (char *s = p + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			int rc = bs_diag_io(d, p, "cannot create folder: %s",
					    strerror(errno));
			free(p);
			return rc;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	return BS_OK;
}

static const char site_json[] =
    "{\n"
    "  \"title\": \"Our badge framework\",\n"
    "  \"description\": \"The badges we award, what they mean and how "
    "they are earned.\",\n"
    "  \"base_url\": \"https://badges.example.org/\",\n"
    "  \"default_language\": \"en\",\n"
    "  \"default_issuer\": \"us\",\n"
    "  \"issuers\": {\n"
    "    \"us\": {\n"
    "      \"name\": \"Example Learning Centre\",\n"
    "      \"url\": \"https://www.example.org/\",\n"
    "      \"email\": \"badges@example.org\",\n"
    "      \"description\": \"Who awards these badges.\"\n"
    "    }\n"
    "  },\n"
    "  \"issuing_hosts\": [],\n"
    "  \"credit_system\": { \"name\": \"credits\", \"hours_per_credit\": "
    "25, \"ects\": false, \"rounding\": \"down\" }\n"
    "}\n";

static const char framework_json[] =
    "{\n"
    "  \"title\": \"Badge framework\",\n"
    "  \"version\": \"1.0\",\n"
    "  \"effective\": \"2026-01-01\",\n"
    "  \"purpose\": \"Why we award badges and what they are worth.\",\n"
    "  \"changelog\": [\n"
    "    { \"version\": \"1.0\", \"date\": \"2026-01-01\", \"changes\": "
    "\"First version.\" }\n"
    "  ],\n"
    "  \"formality\": [\n"
    "    { \"id\": \"formal\", \"name\": \"Formal\", \"definition\": "
    "\"Assessed learning towards a certificate.\" },\n"
    "    { \"id\": \"non-formal\", \"name\": \"Non-formal\", "
    "\"definition\": \"Organised learning without a summative "
    "assessment.\" },\n"
    "    { \"id\": \"informal\", \"name\": \"Informal\", \"definition\": "
    "\"Learning from events, communities and everyday work.\" }\n"
    "  ],\n"
    "  \"classes\": [\n"
    "    {\n"
    "      \"id\": \"achievement\", \"name\": \"Achievement badge\", "
    "\"formality\": \"formal\",\n"
    "      \"achievement_type\": \"Certificate\",\n"
    "      \"description\": \"A course completed with a passed summative "
    "assessment.\",\n"
    "      \"hours\": { \"min\": 20 }, \"assessment\": [\"summative\"],\n"
    "      \"requires\": [\"learning_outcomes\"]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"event\", \"name\": \"Event badge\", \"formality\": "
    "\"informal\",\n"
    "      \"achievement_type\": \"Badge\",\n"
    "      \"description\": \"Taking part in an event.\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static const char index_md[] =
    "{\n  \"title\": \"Welcome\"\n}\n"
    "This site publishes our [badge framework](/framework/), the "
    "[badges](/badges/) we award and a [glossary](/glossary/).\n";

static const char gitignore[] = "public/\n.public.prev/\n.badgesite-cache/\n";

static const char readme_md[] =
    "# Our badge framework\n"
    "\n"
    "A site made with badgesite: `site.json` (title, `base_url`, issuers),\n"
    "`content/` (the framework, badges, glossary and pages) and\n"
    "`assets/visual-language.json` (how the badges look).\n"
    "\n"
    "- Preview: `badgesite serve --drafts` and open http://127.0.0.1:8000/:\n"
    "  each file you save rebuilds the site and reloads the page, and\n"
    "  errors show in the browser. `badgesite build` writes the preview\n"
    "  into `public/`; `badgesite check` checks everything and writes\n"
    "  nothing.\n"
    "- Keep the site in git (`git init` once): publishing records files\n"
    "  you commit, and the history is the framework's.\n"
    "- Publish: set `base_url` in `site.json` to the address the site will\n"
    "  live at, then `badgesite publish`, and commit what it records:\n"
    "  `git add content/published.txt content/published && git commit`.\n"
    "  From then on its URLs are permanent.\n"
    "- Deploy: copy `public/` to any static host, e.g.\n"
    "  `rsync -a --delete public/ host:/var/www/badges/`.\n";

static const char badge_md[] =
    "{\n"
    "  \"name\": \"Event Participant\",\n"
    "  \"class\": \"event\",\n"
    "  \"description\": \"Took part in one of our events.\",\n"
    "  \"award_mode\": \"automatic\",\n"
    "  \"tags\": [\"event\"]\n"
    "}\n"
    "Attend the event and sign the attendance list.\n";

static const char term_md[] =
    "{\n"
    "  \"term\": \"Digital badge\",\n"
    "  \"definitions\": [\n"
    "    { \"text\": \"A visual record of learning that carries its own "
    "description of what was achieved and who awarded it.\", \"source\": "
    "\"Example Learning Centre\", \"year\": 2026, \"form\": \"adapted\" }\n"
    "  ]\n"
    "}\n";

int bs_scaffold_site(char **made, const char *dir, bs_diags *d)
{
	*made = NULL;
	struct stat st;
	if (stat(dir, &st) == 0) {
		char *p = bs_xasprintf("%s/site.json", dir);
		int exists = access(p, F_OK) == 0;
		free(p);
		if (exists) {
			bs_diag_file(d, BS_ERROR, dir, 0, 0,
				     "already holds a site (site.json); "
				     "nothing was changed");
			return BS_EUSAGE;
		}
	}
	static const char *const dirs[] = {"",
					   "/content",
					   "/content/badges",
					   "/content/glossary",
					   "/content/framework",
					   "/assets"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char *p = bs_xasprintf("%s%s", dir, dirs[i]);
		int rc = mkdir_p(p, d);
		free(p);
		if (rc)
			return rc;
	}
	static const struct {
		const char *path, *text;
	} files[] = {
	    {"site.json", site_json},
	    {"content/framework.json", framework_json},
	    {"content/_index.md", index_md},
	    {"content/framework/_index.md",
	     "{\n  \"title\": \"How to read the framework\"\n}\nEach badge "
	     "belongs to a class; the class sets the rules it meets.\n"},
	    {"content/badges/event-participant.md", badge_md},
	    {"content/glossary/digital-badge.md", term_md},
	    {".gitignore", gitignore},
	    {"README.md", readme_md},
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char *p = bs_xasprintf("%s/%s", dir, files[i].path);
		int rc = create(p, files[i].text, d);
		free(p);
		if (rc)
			return rc;
	}
	/* the default spec, to change: errors about the look point at it */
	for (const bs_embedded *e = bs_embedded_files; e->path; e++) {
		if (strcmp(e->path, "assets/visual-language.json") != 0)
			continue;
		char *p = bs_xasprintf("%s/%s", dir, e->path);
		int rc = create_n(p, (const char *)e->data, e->len, d);
		free(p);
		if (rc)
			return rc;
	}
	*made = bs_xasprintf(
	    "%s (preview it with: cd %s && badgesite serve --drafts)", dir,
	    dir);
	return BS_OK;
}

static void field(bs_buf *b, const char *key, const char *json)
{
	bs_buf_printf(b, ",\n  \"%s\": %s", key, json);
}

/* A placeholder for a field the class requires (those with class rules
 * are written before). */
static void placeholder(bs_buf *b, const char *f)
{
	if (!strcmp(f, "hours") || !strcmp(f, "credits") ||
	    !strcmp(f, "assessment") || !strcmp(f, "attendance") ||
	    !strcmp(f, "pass_mark") || !strcmp(f, "capstone"))
		return;
	if (!strcmp(f, "learning_outcomes") || !strcmp(f, "tags") ||
	    !strcmp(f, "stacks_into") || !strcmp(f, "alignment"))
		field(b, f,
		      strcmp(f, "learning_outcomes")
			  ? "[]"
			  : "[\"TODO: what a holder can do\"]");
	else if (!strcmp(f, "level"))
		field(b, f, "\"none\"");
	else if (!strcmp(f, "participation"))
		field(b, f, "\"online\"");
	else if (!strcmp(f, "award_mode"))
		field(b, f, "\"assessed\"");
	else if (!strcmp(f, "recipient"))
		field(b, f, "\"person\"");
	else
		field(b, f, "\"TODO\"");
}

int bs_scaffold_badge(char **made, const char *root, const char *id,
		      const char *cls, bs_diags *d)
{
	*made = NULL;
	if (!bs_url_is_id(id)) {
		bs_diag_file(d, BS_ERROR, NULL, 0, 0,
			     "'%s' is not a valid badge id", id);
		bs_diag_hint(d, "use lower-case letters, digits and hyphens, "
				"e.g. 'event-speaker'");
		return BS_EUSAGE;
	}
	bs_framework fw;
	memset(&fw, 0, sizeof fw);
	int rc = bs_source_load(&fw.src, root, "content/framework.json", d);
	if (!rc)
		rc = bs_framework_load(&fw, d);
	if (rc) {
		bs_framework_free(&fw);
		bs_diag_hint(d, "run 'badgesite new badge' inside a site");
		return rc;
	}
	const bs_class *k = cls ? bs_framework_class(&fw, cls)
				: (fw.nclasses ? &fw.classes[0] : NULL);
	if (!k) {
		bs_diag_file(d, BS_ERROR, NULL, 0, 0, "unknown class '%s'",
			     cls ? cls : "");
		bs_buf l = BS_BUF_INIT;
		for (size_t i = 0; i < fw.nclasses; i++)
			bs_buf_printf(&l, "%s%s", i ? ", " : "",
				      fw.classes[i].id);
		bs_diag_hint(d, "classes: %s", l.ptr);
		bs_buf_free(&l);
		bs_framework_free(&fw);
		return BS_EUSAGE;
	}
	/* a working name from the id ("team-player": "Team Player"), so two
	 * new badges are told apart on their pages and in their images;
	 * status comes second, so deleting its line leaves valid JSON */
	bs_buf b = BS_BUF_INIT;
	bs_buf_puts(&b, "{\n  \"name\": \"");
	for (const char *c = id; *c; c++) {
		int start = c == id || c[-1] == '-' || c[-1] == '_';
		char ch = *c == '-' || *c == '_' ? ' ' : *c;
		if (start && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		bs_buf_put(&b, &ch, 1);
	}
	bs_buf_puts(&b, "\"");
	field(&b, "status", "\"draft\"");
	char *kid = bs_xasprintf("\"%s\"", k->id);
	field(&b, "class", kid);
	free(kid);
	field(&b, "description", "\"TODO: one or two sentences\"");
	if (k->hours.has_min || k->hours.has_max) {
		bs_buf h = BS_BUF_INIT;
		bs_buf_number(&h,
			      k->hours.has_min ? k->hours.min : k->hours.max);
		field(&b, "hours", h.ptr);
		bs_buf_free(&h);
	}
	if (k->assessment && json_array_size(k->assessment)) {
		char *a = bs_xasprintf(
		    "\"%s\"",
		    json_string_value(json_array_get(k->assessment, 0)));
		field(&b, "assessment", a);
		free(a);
	}
	if (k->has_attendance) {
		char *a = bs_xasprintf("%g", k->attendance_min);
		field(&b, "attendance", a);
		free(a);
	}
	if (k->has_pass_mark) {
		char *a = bs_xasprintf("%g", k->pass_mark);
		field(&b, "pass_mark", a);
		free(a);
	}
	if (k->capstone)
		field(&b, "capstone", "true");
	size_t i;
	json_t *it;
	json_array_foreach(k->requires, i, it)
	{
		placeholder(&b, json_string_value(it));
	}
	if (k->eu_mc) {
		/* the elements of an EU micro-credential (model/eumc.h) */
		static const char *const eu[] = {"learning_outcomes", "level",
						 "participation",
						 "quality_assurance", NULL};
		if (!k->hours.has_min && !k->hours.has_max)
			field(&b, "hours", "1");
		if (!json_array_size(k->assessment))
			field(&b, "assessment", "\"TODO\"");
		for (const char *const *f = eu; *f; f++) {
			int listed = 0;
			json_array_foreach(k->requires, i, it)
			{
				listed |= !strcmp(json_string_value(it), *f);
			}
			if (!listed)
				placeholder(&b, *f);
		}
	}
	bs_buf_puts(&b, "\n}\nTODO: the criteria. What does an earner do to "
			"earn this badge, and how is it checked?\n");
	char *path = bs_xasprintf("%s/content/badges/%s.md", root, id);
	char *dir = bs_xasprintf("%s/content/badges", root);
	rc = mkdir_p(dir, d);
	if (!rc)
		rc = create(path, b.ptr, d);
	if (!rc)
		*made = bs_xasprintf("%s (a draft of class '%s': fill in the "
				     "TODOs, then remove \"status\")",
				     path, k->id);
	free(dir);
	free(path);
	bs_buf_free(&b);
	bs_framework_free(&fw);
	return rc;
}

int bs_scaffold_term(char **made, const char *root, const char *id, bs_diags *d)
{
	*made = NULL;
	if (!bs_url_is_id(id)) {
		bs_diag_file(d, BS_ERROR, NULL, 0, 0,
			     "'%s' is not a valid term id", id);
		bs_diag_hint(d, "use lower-case letters, digits and hyphens");
		return BS_EUSAGE;
	}
	char *dir = bs_xasprintf("%s/content/glossary", root);
	char *path = bs_xasprintf("%s/%s.md", dir, id);
	char *text = bs_xasprintf(
	    "{\n  \"term\": \"%s\",\n  \"aliases\": [],\n  \"see_also\": "
	    "[],\n  \"definitions\": [\n    { \"text\": \"TODO\", \"source\": "
	    "\"TODO: who defined it\", \"year\": 2026, \"form\": \"adapted\" "
	    "}\n  ]\n}\n",
	    id);
	int rc = mkdir_p(dir, d);
	if (!rc)
		rc = create(path, text, d);
	if (!rc)
		*made = bs_xasprintf("%s (fill in the TODOs: check and "
				     "publish refuse them)",
				     path);
	free(text);
	free(path);
	free(dir);
	return rc;
}

int bs_scaffold_page(char **made, const char *root, const char *path,
		     bs_diags *d)
{
	*made = NULL;
	const char *slash = strchr(path, '/');
	char *section =
	    slash ? bs_xstrndup(path, (size_t)(slash - path)) : NULL;
	const char *name = slash ? slash + 1 : NULL;
	if (!section || !bs_url_is_id(section) || !bs_url_is_id(name)) {
		free(section);
		bs_diag_file(d, BS_ERROR, NULL, 0, 0,
			     "'%s' is not SECTION/NAME", path);
		bs_diag_hint(d, "e.g. 'badgesite new page about/contact'");
		return BS_EUSAGE;
	}
	char *dir = bs_xasprintf("%s/content/%s", root, section);
	char *file = bs_xasprintf("%s/%s.md", dir, name);
	int rc = mkdir_p(dir, d);
	if (!rc)
		rc = create(file,
			    "{\n  \"title\": \"TODO\",\n  \"description\": "
			    "\"TODO\",\n  \"status\": \"draft\"\n}\nTODO\n",
			    d);
	if (!rc)
		*made = bs_xasprintf("%s (a draft: fill in the TODOs, then "
				     "remove \"status\")",
				     file);
	free(file);
	free(dir);
	free(section);
	return rc;
}

static int word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int todo_in(const bs_source *src, const char *what, bs_diags *d)
{
	int rc = BS_OK;
	const char *t = src->text, *p = t;
	while (t && (p = strstr(p, "TODO"))) {
		if ((p == t || !word_char(p[-1])) && !word_char(p[4])) {
			int line, col;
			bs_source_pos(src, (size_t)(p - t), &line, &col);
			rc = bs_diag_at(d, BS_ERROR, src, line, col,
					"this %s still holds a TODO of the "
					"starter: publishing would make it "
					"permanent",
					what);
			bs_diag_hint(d,
				     "write the %s's own text in its "
				     "place, or keep the %s out of publish "
				     "with \"status\": \"draft\" "
				     "(`badgesite build --drafts` previews "
				     "it as it is)",
				     what, what);
		}
		p += 4;
	}
	return rc;
}

int bs_scaffold_check_todo(const bs_site *s, bs_diags *d)
{
	int rc = BS_OK;
	for (size_t i = 0; i < s->nbadges; i++)
		if (!s->badges[i].skip)
			rc |= todo_in(&s->badges[i].src, "badge", d);
	for (size_t i = 0; i < s->nterms; i++)
		rc |= todo_in(&s->terms[i].src, "term", d);
	for (size_t i = 0; i < s->npages; i++)
		if (!s->pages[i].skip)
			rc |= todo_in(&s->pages[i].src, "page", d);
	return rc ? BS_ECONTENT : BS_OK;
}
