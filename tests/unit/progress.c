/* The progress line: silent before its delay and without a terminal,
 * one line rewritten in place after, erased at the end; and a whole
 * build through bs_build_run draws its stages on it. */
#include "base/progress.h"
#include "site/build.h"
#include "tap.h"

#include <stdlib.h>
#include <time.h>

static char *slurp(FILE *f)
{
	fflush(f);
	long n = ftell(f);
	rewind(f);
	char *s = calloc(1, (size_t)n + 1);
	if (n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = 0;
	return s;
}

static void pause_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

int main(void)
{
	ok(bs_progress_start(NULL, 0) == NULL, "no stream: no progress");
	bs_progress_stage(NULL, "x", 1);
	bs_progress_add(NULL, 1);
	bs_progress_stop(NULL);
	ok(1, "every call takes NULL");

	FILE *f = tmpfile();
	bs_progress *p = bs_progress_start(f, 60);
	bs_progress_stage(p, "rendering", 10);
	bs_progress_add(p, 3);
	bs_progress_stop(p);
	char *s = slurp(f);
	is_str(s, "", "work shorter than the delay prints nothing");
	free(s);
	fclose(f);

	f = tmpfile();
	p = bs_progress_start(f, 0);
	bs_progress_stage(p, "rendering", 10);
	bs_progress_add(p, 4);
	pause_ms(300);
	bs_progress_stop(p);
	s = slurp(f);
	like(s, "\r\033[Krendering 4/10 (0 s)", "stage, count and seconds");
	ok(!strchr(s, '\n'), "one line, rewritten in place");
	size_t n = strlen(s);
	ok(n >= 4 && !strcmp(s + n - 4, "\r\033[K"), "erased at the end");
	free(s);
	fclose(f);

	/* a build draws its stages on the line it is given */
	f = tmpfile();
	bs_build_opts o = {0};
	o.site.root = "tests/sites/minimal";
	o.check_only = 1;
	o.progress = f;
	o.progress_delay = 0;
	bs_diags d = BS_DIAGS_INIT;
	int rc = bs_build_run(&o, NULL, &d);
	s = slurp(f);
	is_int(rc, 0, "the minimal site checks");
	ok(!strchr(s, '\n'), "no newline left by a build's progress");
	n = strlen(s);
	ok(n == 0 || (n >= 4 && !strcmp(s + n - 4, "\r\033[K")),
	   "a build's line is erased when it ends");
	free(s);
	bs_diags_free(&d);
	fclose(f);
	done_testing();
}
