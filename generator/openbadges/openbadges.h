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
/* The draft-04 JSON Schema the context's obi:validation names, and the page
 * that documents each term (the vocabulary IRI without "#"). */
#define BS_OB_SCHEMA_PATH "contexts/framework-v1.schema.json"
#define BS_OB_VOCAB_PAGE "contexts/framework-v1/index.html"

/* Append the BadgeClass of one badge to out (indented JSON, trailing
 * newline). badge is the badge view of docs/templates.md ("A badge");
 * site is { base_url, language, context_url, vocab_base } (context_url
 * defaults to base_url + BS_OB_CONTEXT_PATH; vocab_base, site.json's
 * canonical base_url, to base_url). The framework's own fields travel in
 * one extension node, held under its type's IRI, so JSON-LD expansion
 * keeps every term. Its stacksInto are BadgeClass ids (badge.json URLs); a
 * level { framework, value } is also an alignment; a retired badge says so
 * in its description and names its replacement in related. A missing
 * property that Open Badges requires is reported on content/badges/<id>.md
 * and gives BS_ECONTENT with out left unchanged. Both inputs borrowed. */
int bs_ob_badgeclass(bs_buf *out, const json_t *badge, const json_t *site,
		     bs_diags *d);

/* Append the Profile of one issuer: issuer is { id name url email
 * description image_abs json_abs }, site is { base_url, language,
 * issuing_hosts }. issuing_hosts is one list for every issuer (the old
 * form) or { issuer id: [...] }, each entry an origin or, for an issuer
 * that shares a host, a URL prefix. verification.allowedOrigins lists the
 * host of base_url and of this issuer's entries only. startsWith is added
 * where a host is shared and one prefix covers every place this issuer's
 * assertions live: its one entry that is a URL prefix, or base_url (when
 * it has a path) for an issuer without entries. A verifier applies it to
 * every hosted assertion, and the 1EdTech validator refuses a list. A
 * missing name, url or
 * email is reported on site.json and gives BS_ECONTENT with out left
 * unchanged. An issuer view with revocations_abs (an issuer that awards
 * badges) gets it as revocationList. */
int bs_ob_profile(bs_buf *out, const json_t *issuer, const json_t *site,
		  bs_diags *d);

/* Append the extension's JSON-LD context document. Its terms and type
 * expand to IRIs under vocab_base + "contexts/framework-v1#": vocab_base is
 * site.json's canonical base_url, so the IRIs never follow --base-url
 * (NULL: base_url). Its obi:validation names the schema hosted under
 * base_url, for the current type and for the legacy
 * "extensions:FrameworkExtension" of versions published before it. */
void bs_ob_context(bs_buf *out, const char *base_url, const char *vocab_base);

/* Append the draft-04 JSON Schema of the extension node (as the Open Badges
 * validator sees it: compacted with the context above). Arguments as
 * for bs_ob_context. */
void bs_ob_schema(bs_buf *out, const char *base_url, const char *vocab_base);

/* The vocabulary page's values: { iri, type, type_iri, legacy_type,
 * context_url, schema_url, terms[] { term, iri, value, doc } }. Arguments
 * as for bs_ob_context. Caller json_decrefs. */
json_t *bs_ob_vocabulary(const char *base_url, const char *vocab_base);

#endif
