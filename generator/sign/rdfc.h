/* rdfc.h: RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation
 * 2024) with SHA-256: canonical blank node labels and the canonical
 * N-Quads of a dataset, with a bound on the work a hostile dataset can
 * ask for. */
#ifndef BS_RDFC_H
#define BS_RDFC_H

#include "base/buf.h"
#include "base/diag.h"
#include "sign/rdf.h"

/* The work allowed, as rdf-canonize (and so the verifiers built on it)
 * bounds it: the calls of Hash N-Degree Quads may number at most n to
 * the power work_factor, n being the count of blank nodes whose
 * first-degree hash is shared. 0 means rdf-canonize's default, 1, so a
 * dataset canonicalised here with the default can be by any verifier
 * using that library's defaults. max_permutations bounds the
 * permutations tried in all; 0 means 100000. */
typedef struct bs_rdfc_limits {
	unsigned work_factor;
	size_t max_permutations;
} bs_rdfc_limits;

/* Append the canonical N-Quads of ds to out: duplicates removed, blank
 * nodes labelled _:c14n0, _:c14n1..., lines sorted. limits may be NULL
 * for the defaults. A dataset that would need more work than allowed is
 * reported on name ("... needs more work than allowed") and gives
 * BS_ECONTENT with out unchanged. ds is borrowed. */
int bs_rdfc_canonize(bs_buf *out, const bs_rdf_dataset *ds,
		     const bs_rdfc_limits *limits, const char *name,
		     bs_diags *d);

#endif
