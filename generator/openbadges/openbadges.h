/* openbadges.h: the Open Badges 2.0 documents a site hosts, built from the
 * site's own view JSON: one BadgeClass per badge version, one Profile per
 * issuer, and the JSON-LD context of the site's framework extension. This is
 * the only module that knows Open Badges property names. */
#ifndef BS_OPENBADGES_H
#define BS_OPENBADGES_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

/* Where the extension's context is published, relative to base_url. The
 * file name carries the vocabulary's version: terms never change meaning
 * under it, new meanings get a new file. */
#define BS_OB_CONTEXT_PATH "contexts/framework-v1.jsonld"

/* Append the BadgeClass of one badge to out (indented JSON, trailing
 * newline). badge is the badge view of docs/templates.md ("A badge");
 * site is { base_url, language, context_url } (context_url defaults to
 * base_url + BS_OB_CONTEXT_PATH). The framework's own fields travel in one
 * extension object so JSON-LD expansion keeps every term. A missing
 * property that Open Badges requires is reported on content/badges/<id>.md
 * and gives BS_ECONTENT with out left unchanged. Both inputs borrowed. */
int bs_ob_badgeclass(bs_buf *out, const json_t *badge, const json_t *site,
		     bs_diags *d);

/* Append the Profile of one issuer: issuer is { id name url email
 * description image_abs json_abs }, site is { base_url, issuing_hosts[],
 * language (optional) }. verification.allowedOrigins lists the host of
 * base_url and of each issuing host. startsWith (= base_url) is added when
 * base_url has a path, unless an issuing host lies on another host: a
 * verifier applies startsWith to every hosted assertion, so it would reject
 * the assertions those platforms host. A missing name, url or email is
 * reported on site.json and gives BS_ECONTENT with out left unchanged. */
int bs_ob_profile(bs_buf *out, const json_t *issuer, const json_t *site,
		  bs_diags *d);

/* Append the extension's JSON-LD context document, whose terms expand to
 * IRIs under base_url + "contexts/framework-v1#". */
void bs_ob_context(bs_buf *out, const char *base_url);

#endif
