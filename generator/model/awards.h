/* awards.h: awards as data. Each content/awards/<batch>.csv row awards a
 * badge version to one earner; content/awards/revoked.csv withdraws
 * awards by id. Loaded and checked at validation, then read-only: an
 * award keeps no recipient in clear, only its salted SHA-256, so nothing
 * built from the model can leak an email address. The awards table owns
 * every award and its strings; it borrows badges from the model. */
#ifndef BS_AWARDS_H
#define BS_AWARDS_H

#include "base/diag.h"

#include <stddef.h>

typedef struct bs_site bs_site;
typedef struct bs_badge bs_badge;
typedef struct bs_options bs_options;

#define BS_AWARDS_DIR "content/awards"
#define BS_AWARDS_REVOKED "content/awards/revoked.csv"
/* The environment variable naming the award secret's file. */
#define BS_AWARD_SECRET_ENV "BADGESITE_AWARD_SECRET"

/* A badge version that some award names: where it is published and what
 * it was called then (an older version's name comes from its snapshot). */
typedef struct bs_award_badge {
	const bs_badge *badge;
	int version;
	char *dir;  /* "badges/x/" or "badges/x/v2/" */
	char *name; /* the version's name */
} bs_award_badge;

typedef struct bs_award {
	char id[17];		  /* 16 hex digits: the URL's segment */
	const bs_award_badge *bv; /* the badge version awarded */
	const char *rtype;	  /* "email", "url" or "telephone" */
	char *identity;		  /* "sha256$" + hex of recipient + salt */
	char *salt;
	char *name;    /* the earner's name when they agreed, else NULL */
	char *issued;  /* YYYY-MM-DD */
	char *expires; /* YYYY-MM-DD or NULL */
	char *evidence_url, *evidence_narrative; /* or NULL */
	int revoked;
	char *revoked_on, *revocation_reason; /* revoked only; reason or
						 NULL */
	const char *file; /* the batch it is from (borrowed from the table) */
	int line;
	char *hash;  /* the ledger's record: the frozen fields' hash and the
			version, "fnv1a64:<hex>/v<N>" */
	long status; /* its index in its issuer's status list, -1: none
			(a badge without an issuer) */
} bs_award;

typedef struct bs_awards {
	bs_award *v; /* sorted by id */
	size_t n;
	bs_award_badge *bv; /* every badge version awarded */
	size_t nbv, capbv;
	char **files; /* the batches read, sorted */
	size_t nfiles;
	int preview; /* no secret was given: salts are public (build, check) */
	size_t nrevoked;
} bs_awards;

/* Read and check every batch and the revocations of s (validated badges
 * with their folders and snapshots), hashing each recipient with a salt
 * derived from the secret in the file opt->secret (NULL: no
 * secret: preview salts, and a note; publish refuses them). A row that
 * would change an award the ledger records is an error. Sets *out, even
 * on errors (free it); a site without content/awards/ has no awards. */
int bs_awards_load(bs_awards **out, const bs_site *s, const bs_options *opt,
		   bs_diags *d);
/* The award with this id, or NULL. */
const bs_award *bs_awards_find(const bs_awards *a, const char *id);
/* The ledger records an award's status list index with its credential:
 * "/awards/<id>.credential.json status:<n>". */
#define BS_AWARDS_STATUS_TAG "status:"
/* The shortest status list (Bitstring Status List v1.0's 16 KB). */
#define BS_AWARDS_STATUS_MIN 131072
/* The length in bits of issuer's status list: the shortest multiple of
 * BS_AWARDS_STATUS_MIN that holds every index given and twice the
 * issuer's awards, so a new award soon finds a free place. */
size_t bs_awards_status_bits(const bs_awards *a, const char *issuer);
/* Does issuer (id) award anything? (It then publishes a revocation
 * list.) */
int bs_awards_by_issuer(const bs_awards *a, const char *issuer);
void bs_awards_free(bs_awards *a);

#endif
