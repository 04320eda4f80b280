/* main.c: the badgesite command line. It only parses arguments and calls
 * the library; every capability lives in a module tests call directly. */
#include "base/diag.h"
#include "base/url.h"
#include "base/version.h"
#include "model/awards.h"
#include "model/scaffold.h"
#include "serve/serve.h"
#include "sign/keys.h"
#include "site/build.h"
#include "site/creds.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: badgesite <command> [options]\n"
    "\n"
    "Build a credential framework site: criteria pages, Open Badges 2.0\n"
    "JSON and badge images (SVG + PNG) from Markdown and JSON.\n"
    "\n"
    "Commands:\n"
    "  build [SITE] [-o OUT] [--base-url URL] [--drafts] [-j N] [--quiet]\n"
    "        [--no-cache] [--timings] [--secret FILE] [--key FILE]\n"
    "        A preview: check SITE (default: .) and write it into OUT\n"
    "        (default: SITE/public). It checks against the ledger\n"
    "        (content/published.txt) but records nothing, so a site never\n"
    "        published may change freely. OUT is replaced only when the\n"
    "        whole build succeeded; a failed build leaves the last good\n"
    "        site as it was.\n"
    "  publish [SITE] [-o OUT] [-j N] [--quiet] [--no-cache] [--timings]\n"
    "        [--secret FILE] [--key FILE]\n"
    "        Build for the canonical base_url (no --base-url, no --drafts),\n"
    "        then record every published URL in content/published.txt and\n"
    "        keep each badge version under content/published/: from then\n"
    "        on those URLs are permanent. Commit both, then deploy OUT.\n"
    "  check [SITE] [--base-url URL] [--drafts] [-j N] [--secret FILE]\n"
    "        [--key FILE]\n"
    "        Everything build and publish check, the ledger included;\n"
    "        without --drafts or --base-url, all that publish would\n"
    "        refuse. Writes nothing.\n"
    "  awards [SITE] [--base-url URL] [--secret FILE] [--key FILE]\n"
    "        Check SITE like check, then print its awards as CSV on\n"
    "        standard output, in the order of each batch's rows: batch,\n"
    "        line, badge, version, award id, and the URLs of the\n"
    "        earner's page, assertion and signed credential, and the\n"
    "        status: what to send each earner (no recipient is listed).\n"
    "  serve [SITE] [--port N] [--drafts] [-j N] [--quiet] [--timings]\n"
    "        A local preview at http://127.0.0.1:N/ (default 8000), under\n"
    "        base_url's path as deployed. Rebuilds on every change,\n"
    "        reloads the open pages and shows build errors in the\n"
    "        browser. Writes only in SITE/.badgesite-cache (never\n"
    "        public/ or the ledger). Ctrl-C stops it.\n"
    "  new site DIR                start a new site in DIR\n"
    "  new badge ID [--class C]    add content/badges/ID.md with the\n"
    "                              fields class C requires\n"
    "  new term ID                 add content/glossary/ID.md\n"
    "  new page SECTION/NAME       add content/SECTION/NAME.md\n"
    "  keys new --out FILE         make an Ed25519 signing key in FILE\n"
    "                              (mode 0600; keep it outside the site;\n"
    "                              an existing FILE is never replaced)\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT   where to publish (default: SITE/public)\n"
    "  --base-url URL     build for another address (a preview); the\n"
    "                     canonical address is base_url in site.json\n"
    "  --drafts           include badges and pages with \"status\": "
    "\"draft\"\n"
    "  -j, --jobs N       render with N threads (default: one per core)\n"
    "  --port N           serve on port N of 127.0.0.1 (0: any free)\n"
    "  --secret FILE      the award secret: recipients' salts are derived\n"
    "                     from it (default: $BADGESITE_AWARD_SECRET; without\n"
    "                     it, build previews awards and publish refuses)\n"
    "  --key FILE         the signing key (badgesite keys new): each award\n"
    "                     also gets a signed Open Badges 3.0 credential\n"
    "                     (default: $BADGESITE_SIGNING_KEY; without it,\n"
    "                     none); refused inside the site folder\n"
    "  --no-cache         draw every image again (the cache in\n"
    "                     SITE/.badgesite-cache is keyed by every input,\n"
    "                     so it is never stale)\n"
    "  --timings          print the seconds each stage took (load,\n"
    "                     validate, plan, render, publish)\n"
    "  -q, --quiet        print only problems (no summary, no progress line)\n"
    "  -h, --help         show this help\n"
    "  --version          print the version\n"
    "\n"
    "Examples:\n"
    "  badgesite new site my-framework && cd my-framework\n"
    "  badgesite new badge event-speaker --class event\n"
    "  badgesite serve --drafts               # open the address it shows\n"
    "  badgesite check\n"
    "  badgesite build                        # preview in public/\n"
    "  badgesite publish -o /var/www/badges   # then commit content/\n"
    "  badgesite awards --secret ~/.config/badgesite/award-secret > sent.csv\n"
    "\n"
    "Exit status: 0 success, 1 content or template errors, 2 usage,\n"
    "3 input/output errors. Problems are shown as FILE:LINE:COLUMN with\n"
    "the source line and a hint.\n"
    "\n"
    "A site in more than one language lists them in site.json\n"
    "(\"languages\": [\"en\", \"fr\"]) and keeps each translation beside\n"
    "its source (content/badges/ID.fr.md); each language is published\n"
    "under /LANG/.\n"
    "\n"
    "Docs, in the badgesite source: README.md, docs/content-format.md\n"
    "(every file and field), docs/templates.md (layouts),\n"
    "docs/visual-language.md (badge images), docs/openbadges-3.md.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "badgesite: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'badgesite --help'.\n");
	return 2;
}

static int exit_code(int rc)
{
	switch (rc) {
	case BS_OK: return 0;
	case BS_EUSAGE: return 2;
	case BS_EIO: return 3;
	default: return 1;
	}
}

static void show(bs_diags *d)
{
	bs_diags_sort(d);
	bs_buf b = BS_BUF_INIT;
	bs_diags_print(&b, d);
	size_t e = bs_diags_count(d, BS_ERROR),
	       w = bs_diags_count(d, BS_WARNING);
	if (e || w)
		bs_buf_printf(&b, "%zu error%s, %zu warning%s\n", e,
			      e == 1 ? "" : "s", w, w == 1 ? "" : "s");
	if (b.len)
		fwrite(b.ptr, 1, b.len, stderr);
	bs_buf_free(&b);
}

enum { CMD_BUILD, CMD_CHECK, CMD_PUBLISH, CMD_AWARDS };

static int cmd_build(int argc, char **argv, int cmd)
{
	int check = cmd == CMD_CHECK || cmd == CMD_AWARDS;
	bs_build_opts o;
	memset(&o, 0, sizeof o);
	o.site.root = NULL;
	int quiet = 0, timings = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (check)
				return usage_error(
				    cmd == CMD_AWARDS
					? "'%s' is not an option of awards "
					  "(it prints to standard output)"
					: "'%s' is not an option of check (it "
					  "writes nothing)",
				    a);
			if (++i == argc)
				return usage_error("%s needs a folder", a);
			o.out = argv[i];
		} else if (cmd == CMD_PUBLISH && (!strcmp(a, "--base-url") ||
						  !strcmp(a, "--drafts"))) {
			return usage_error("'%s' is not an option of publish: "
					   "it publishes the canonical "
					   "base_url without drafts (use "
					   "build for a preview)",
					   a);
		} else if (!strcmp(a, "--base-url")) {
			if (++i == argc)
				return usage_error("%s needs a URL", a);
			o.site.base_url = argv[i];
		} else if (!strcmp(a, "--drafts")) {
			o.site.drafts = 1;
		} else if (!strcmp(a, "--no-cache")) {
			o.no_cache = 1;
		} else if (!strcmp(a, "--secret")) {
			if (++i == argc)
				return usage_error("%s needs a file", a);
			o.site.secret = argv[i];
		} else if (!strcmp(a, "--key")) {
			if (++i == argc)
				return usage_error("%s needs a file", a);
			o.site.key = argv[i];
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			if (++i == argc)
				return usage_error("%s needs a number", a);
			char *end;
			long n = strtol(argv[i], &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("-j wants a number from 1 "
						   "to 256, not '%s'",
						   argv[i]);
			o.jobs = (int)n;
		} else if (!strncmp(a, "-j", 2) && a[2]) {
			char *end;
			long n = strtol(a + 2, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("bad job count '%s'", a);
			o.jobs = (int)n;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "--timings")) {
			timings = 1;
		} else if (a[0] == '-') {
			return usage_error("unknown option '%s'", a);
		} else if (!o.site.root) {
			o.site.root = a;
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}
	if (!o.site.root)
		o.site.root = ".";
	if (!o.site.secret && getenv(BS_AWARD_SECRET_ENV) &&
	    *getenv(BS_AWARD_SECRET_ENV))
		o.site.secret = getenv(BS_AWARD_SECRET_ENV);
	if (!o.site.key && getenv(BS_SIGNING_KEY_ENV) &&
	    *getenv(BS_SIGNING_KEY_ENV))
		o.site.key = getenv(BS_SIGNING_KEY_ENV);
	if (o.site.base_url) {
		char *b = bs_url_normalize_base(o.site.base_url);
		if (!b)
			return usage_error("--base-url wants an absolute "
					   "http(s) URL, not '%s'",
					   o.site.base_url);
		free(b);
	}
	o.check_only = check;
	bs_buf list = BS_BUF_INIT;
	if (cmd == CMD_AWARDS)
		o.awards_list = &list;
	o.publish = cmd == CMD_PUBLISH;
	/* a quick build prints only its summary */
	o.progress = !quiet && isatty(2) ? stderr : NULL;
	o.progress_delay = 1.0;
	bs_diags d = BS_DIAGS_INIT;
	bs_build_stats st;
	int rc = bs_build_run(&o, &st, &d);
	show(&d);
	size_t warnings = bs_diags_count(&d, BS_WARNING);
	bs_diags_free(&d);
	if (cmd == CMD_AWARDS) {
		if (!rc)
			fwrite(list.ptr, 1, list.len, stdout);
		bs_buf_free(&list);
	} else if (!rc && !quiet) {
		if (check && warnings) {
			fprintf(stderr,
				"checked %s: no errors; the warnings above "
				"are worth a look\n",
				o.site.root);
		} else if (check) {
			fprintf(stderr, "checked %s: no problems found\n",
				o.site.root);
		} else {
			char reused[64] = "";
			if (!o.no_cache && st.reused)
				snprintf(reused, sizeof reused,
					 ", %zu unchanged from the cache",
					 st.reused);
			fprintf(stderr,
				"%s %zu page%s and %zu badge%s (%zu files%s) "
				"in %.2f s into %s\n",
				o.publish ? "published" : "built", st.pages,
				st.pages == 1 ? "" : "s", st.badges,
				st.badges == 1 ? "" : "s", st.files, reused,
				st.seconds, o.out ? o.out : "public/");
			if (o.publish)
				fprintf(stderr,
					"recorded content/published.txt and "
					"content/published/: commit them, "
					"then deploy\n");
		}
	}
	if (timings) {
		for (int i = 0; i < BS_T_N; i++)
			fprintf(stderr, "%-9s %7.3f s\n",
				bs_build_stage_name(i), st.stage[i]);
		fprintf(stderr, "%-9s %7.3f s\n", "total", st.seconds);
	}
	return exit_code(rc);
}

/* -j N or -jN at argv[*i]: 1 when it was one (*jobs set or *err). */
static int serve_jobs(int argc, char **argv, int *i, int *jobs, int *err)
{
	const char *a = argv[*i], *n;
	if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
		if (++*i == argc) {
			*err = usage_error("%s needs a number", a);
			return 1;
		}
		n = argv[*i];
	} else if (!strncmp(a, "-j", 2) && a[2]) {
		n = a + 2;
	} else {
		return 0;
	}
	char *end;
	long v = strtol(n, &end, 10);
	if (*end || v < 1 || v > 256)
		*err =
		    usage_error("-j wants a number from 1 to 256, not '%s'", n);
	*jobs = (int)v;
	return 1;
}

static int cmd_serve(int argc, char **argv)
{
	bs_serve_opts o;
	memset(&o, 0, sizeof o);
	o.port = 8000;
	o.stop_fd = -1;
	o.log = stderr;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int err = 0;
		if (serve_jobs(argc, argv, &i, &o.jobs, &err)) {
			if (err)
				return err;
		} else if (!strcmp(a, "--port")) {
			if (++i == argc)
				return usage_error("%s needs a number", a);
			char *end;
			long n = strtol(argv[i], &end, 10);
			if (*end || !argv[i][0] || n < 0 || n > 65535)
				return usage_error("--port wants a number from "
						   "0 to 65535, not '%s'",
						   argv[i]);
			o.port = (int)n;
		} else if (!strcmp(a, "--drafts")) {
			o.drafts = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.quiet = 1;
		} else if (!strcmp(a, "--timings")) {
			o.timings = 1;
		} else if (a[0] == '-') {
			return usage_error("unknown option '%s' of serve", a);
		} else if (!o.root) {
			o.root = a;
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}
	if (!o.root)
		o.root = ".";
	bs_diags d = BS_DIAGS_INIT;
	int rc = bs_serve_run(&o, &d);
	show(&d);
	bs_diags_free(&d);
	return exit_code(rc);
}

static int cmd_new(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "new wants: site DIR | badge ID "
					 "[--class C] | term ID | page PATH");
	const char *what = argv[0], *arg = argv[1];
	const char *cls = NULL;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--class") && i + 1 < argc)
			cls = argv[++i];
		else
			return usage_error("unexpected argument '%s'", argv[i]);
	}
	bs_diags d = BS_DIAGS_INIT;
	int rc;
	char *made = NULL;
	if (!strcmp(what, "site"))
		rc = bs_scaffold_site(&made, arg, &d);
	else if (!strcmp(what, "badge"))
		rc = bs_scaffold_badge(&made, ".", arg, cls, &d);
	else if (!strcmp(what, "term"))
		rc = bs_scaffold_term(&made, ".", arg, &d);
	else if (!strcmp(what, "page"))
		rc = bs_scaffold_page(&made, ".", arg, &d);
	else
		return usage_error("cannot make a new '%s' (site, badge, term "
				   "or page)",
				   what);
	show(&d);
	bs_diags_free(&d);
	if (!rc && made)
		printf("created %s\n", made);
	free(made);
	return exit_code(rc);
}

static int cmd_keys(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[0], "new") || strcmp(argv[1], "--out"))
		return usage_error("%s", "keys wants: new --out FILE");
	bs_diags d = BS_DIAGS_INIT;
	int rc = bs_keys_new(argv[2], &d);
	show(&d);
	bs_diags_free(&d);
	if (!rc)
		printf("created %s (keep it secret, outside the site)\n",
		       argv[2]);
	return exit_code(rc);
}

int main(int argc, char **argv)
{
	/* render threads allocate and free page-sized buffers all the time;
	 * giving memory back to the kernel after each one cost a TLB flush
	 * on every core (40% of a 5,000-page build) */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("badgesite %s\n", BS_VERSION);
		return 0;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		}
	if (!strcmp(cmd, "build"))
		return cmd_build(argc - 2, argv + 2, CMD_BUILD);
	if (!strcmp(cmd, "publish"))
		return cmd_build(argc - 2, argv + 2, CMD_PUBLISH);
	if (!strcmp(cmd, "check"))
		return cmd_build(argc - 2, argv + 2, CMD_CHECK);
	if (!strcmp(cmd, "awards"))
		return cmd_build(argc - 2, argv + 2, CMD_AWARDS);
	if (!strcmp(cmd, "new"))
		return cmd_new(argc - 2, argv + 2);
	if (!strcmp(cmd, "keys"))
		return cmd_keys(argc - 2, argv + 2);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", cmd);
}
