/* lang.c: language tags: their form, matching a tag to the best of a list,
 * and the table of right-to-left languages and scripts. */
#include "base/lang.h"

#include <string.h>
#include <strings.h>

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

int bs_lang_tag_ok(const char *tag)
{
	if (!tag)
		return 0;
	size_t n = 0;
	while (is_alpha(tag[n]))
		n++;
	if (n < 2 || n > 3)
		return 0;
	const char *p = tag + n;
	while (*p == '-') {
		p++;
		n = 0;
		while (is_alnum(p[n]))
			n++;
		if (n < 1 || n > 8)
			return 0;
		p += n;
	}
	return *p == '\0';
}

size_t bs_lang_serves(const char *range, const char *tag)
{
	if (!range || !tag)
		return 0;
	size_t n = strlen(range);
	if (!n || strncasecmp(range, tag, n) != 0)
		return 0;
	return tag[n] == '\0' || tag[n] == '-' ? n : 0;
}

/* Languages whose usual script runs right to left. */
static const char *const rtl_langs[] = {"ar",  "arc", "ckb", "dv", "fa",
					"he",  "ks",  "nqo", "ps", "sd",
					"syr", "ug",  "ur",  "yi", NULL};
/* Scripts that run right to left (ISO 15924). */
static const char *const rtl_scripts[] = {"Arab", "Hebr", "Thaa", "Syrc",
					  "Nkoo", "Adlm", "Rohg", NULL};

int bs_lang_rtl(const char *tag)
{
	if (!tag)
		return 0;
	size_t n = strcspn(tag, "-");
	/* a script subtag is the four letters after the language */
	const char *s = tag + n;
	while (*s == '-') {
		s++;
		size_t k = strcspn(s, "-");
		if (k == 4 && is_alpha(s[0])) {
			for (int i = 0; rtl_scripts[i]; i++)
				if (strncasecmp(s, rtl_scripts[i], 4) == 0)
					return 1;
			return 0;
		}
		s += k;
	}
	for (int i = 0; rtl_langs[i]; i++)
		if (strlen(rtl_langs[i]) == n &&
		    strncasecmp(tag, rtl_langs[i], n) == 0)
			return 1;
	return 0;
}
