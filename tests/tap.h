/* tap.h: the Test Anything Protocol for C unit tests run by prove.
 * Include once per test program; call done_testing() at the end of main. */
#ifndef BS_TAP_H
#define BS_TAP_H

#include <stdio.h>
#include <string.h>

__attribute__((unused)) static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...)                                                 \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__,    \
		   __VA_ARGS__)
#define is_str(got, want, ...)                                                 \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define like(got, needle, ...)                                                 \
	tap_like((got), (needle), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((unused)) static void tap_name(const char *fmt, va_list ap)
{
	vprintf(fmt, ap);
	putchar('\n');
}

#include <stdarg.h>

__attribute__((unused)) static int tap_ok(int pass, const char *file, int line,
					  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	tap_name(fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf("#   Failed at %s line %d.\n", file, line);
	}
	fflush(stdout);
	return pass;
}

__attribute__((unused)) static void tap_diag_str(const char *label,
						 const char *s)
{
	printf("#   %s: ", label);
	if (!s) {
		printf("(null)\n");
		return;
	}
	putchar('\'');
	for (; *s; s++) {
		putchar(*s);
		if (*s == '\n')
			printf("#     ");
	}
	printf("'\n");
}

__attribute__((unused)) static int tap_is_int(long long got, long long want,
					      const char *file, int line,
					      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int pass = got == want;
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	tap_name(fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf(
		    "#   Failed at %s line %d.\n#   got: %lld\n#   expected: "
		    "%lld\n",
		    file, line, got, want);
	}
	return pass;
}

__attribute__((unused)) static int tap_is_str(const char *got, const char *want,
					      const char *file, int line,
					      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int pass = got && want ? strcmp(got, want) == 0 : got == want;
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	tap_name(fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf("#   Failed at %s line %d.\n", file, line);
		tap_diag_str("got", got);
		tap_diag_str("expected", want);
	}
	return pass;
}

__attribute__((unused)) static int tap_like(const char *got, const char *needle,
					    const char *file, int line,
					    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int pass = got && strstr(got, needle) != NULL;
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	tap_name(fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf("#   Failed at %s line %d.\n", file, line);
		tap_diag_str("got", got);
		tap_diag_str("expected to contain", needle);
	}
	return pass;
}

__attribute__((unused)) static int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
