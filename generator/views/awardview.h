/* awardview.h: what an award's earner page, its Open Badges JSON and an
 * issuer's revocation list read (docs/templates.md, "An award"). Built
 * per output by the render workers from the read-only model: a site of
 * many awards keeps no view per award. */
#ifndef BS_AWARDVIEW_H
#define BS_AWARDVIEW_H

#include "base/cache.h"
#include "model/awards.h"
#include "model/model.h"

#include <jansson.h>

/* The view of award a. Caller json_decrefs. */
json_t *bs_awardview(const bs_site *s, const bs_award *a);

/* Set the title and description of an earner page's frame f (its
 * "page" object) from the award view v. */
void bs_awardview_page(const json_t *v, json_t *f);

/* The views of issuer's revoked awards, in id order (an array). Caller
 * json_decrefs. */
json_t *bs_awardview_revoked(const bs_site *s, const char *issuer);

/* Where issuer's revocation list is published: "issuers/<id>.
 * revocations.json". Caller frees. */
char *bs_awardview_revocations_path(const char *issuer);

/* Where issuer's status list (a signed BitstringStatusListCredential)
 * is published: "awards/status/<id>.json". Caller frees. */
char *bs_awardview_status_path(const char *issuer);

/* Add to k everything award a's outputs show of it (the badge's own key
 * is added by the caller). */
void bs_awardview_key(bs_key *k, const bs_award *a);

/* Append to out, as CSV with a header row, every award of s in the
 * order of its batch and line: the badge and version, the award id, the
 * URLs of its earner page, assertion and signed credential (when this
 * build signs), and whether it stands or is revoked; what a mail merge
 * joins to the batch to tell each earner where their award is. No
 * recipient is listed. */
void bs_awardview_list(bs_buf *out, const bs_site *s);

#endif
