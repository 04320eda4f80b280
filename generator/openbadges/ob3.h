/* ob3.h: the Open Badges 3.0 documents a site hosts, built from the same
 * view JSON as the 2.0 ones (openbadges.h): one Achievement per badge
 * version, one Profile per issuer, and the JSON-LD context of the
 * framework's own fields in OB 3.0 documents. Nothing here is signed: an
 * Achievement is what an OpenBadgeCredential's credentialSubject names. */
#ifndef BS_OB3_H
#define BS_OB3_H

#include "base/buf.h"
#include "base/diag.h"

#include <jansson.h>

/* Where the extension's context is published, relative to base_url. */
#define BS_OB3_CONTEXT_PATH "contexts/framework-ob3-v1.jsonld"

/* Append the Achievement of one badge version to out (indented JSON,
 * trailing newline). badge is the badge view of docs/templates.md ("A
 * badge") with narrative_md; site is { base_url, language }. The context
 * is looked up at base_url + BS_OB3_CONTEXT_PATH. A missing property that
 * OB 3.0 requires is reported on content/badges/<id>.md and gives
 * BS_ECONTENT with out left unchanged. Both inputs borrowed. */
int bs_ob3_achievement(bs_buf *out, const json_t *badge, const json_t *site,
		       bs_diags *d);

/* Append the OB 3.0 Profile of one issuer: issuer is the issuer view
 * { id name url email description image_abs country ob3_abs }, site is
 * { base_url, language }. A missing name or hosting URL is reported on
 * site.json and gives BS_ECONTENT with out left unchanged. */
int bs_ob3_profile(bs_buf *out, const json_t *issuer, const json_t *site,
		   bs_diags *d);

/* Append the extension's context document. Its terms expand to IRIs under
 * canonical_base + "contexts/framework-ob3-v1#": pass site.json's own
 * base_url (normalized), so the IRIs are the same in every build, a
 * preview at another --base-url included. */
void bs_ob3_context(bs_buf *out, const char *canonical_base);

#endif
