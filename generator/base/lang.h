/* lang.h: language tags (BCP 47) as a site names them: the form a tag must
 * have, which tag of a list serves a language best, and which languages
 * are written right to left. Knows nothing of badges. */
#ifndef BS_LANG_H
#define BS_LANG_H

#include <stddef.h>

/* Is tag a language tag of the form the site takes: a primary subtag of
 * two or three letters, then subtags of one to eight letters or digits,
 * each after a hyphen ("ar", "zh-Hant", "pt-BR", "sr-Latn-RS")? */
int bs_lang_tag_ok(const char *tag);

/* How well range serves tag: the length of range when it is tag or a
 * prefix of tag ending at a subtag ("zh" serves "zh-Hant-TW"), compared
 * without regard to case; else 0. The longest wins. */
size_t bs_lang_serves(const char *range, const char *tag);

/* Is the language written right to left? Its script subtag decides when
 * it has one (Arab, Hebr, Thaa, Syrc, Nkoo, Adlm, Rohg are; "ug-Latn" is
 * not), else its primary subtag: ar, arc, ckb, dv, fa, he, ks, nqo, ps,
 * sd, syr, ug, ur, yi. 0 for NULL. */
int bs_lang_rtl(const char *tag);

#endif
