/* rdfc.c: RDFC-1.0 (https://www.w3.org/TR/rdf-canon/), section by
 * section: blank node to quads map, Hash First Degree Quads (4.6), Hash
 * Related Blank Node (4.7), Hash N-Degree Quads (4.8), the canonical
 * labels (4.4) and the canonical N-Quads. */
#include "sign/rdfc.h"

#include "base/alloc.h"
#include "base/sha256.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An identifier issuer: the blank nodes it issued, in order; the label
 * of order[i] is prefix + i. Copied for every permutation, so it holds
 * only what it issued. */
typedef struct issuer {
	size_t *order;
	size_t n, cap;
} issuer;

typedef struct canon {
	const bs_rdf_quad **q; /* the dataset without duplicates */
	size_t nq;
	size_t nb;	/* blank numbers: 0 .. nb-1 */
	size_t **bq;	/* quads (indices into q) of each blank node */
	size_t *bqn;	/* how many */
	char (*h1)[65]; /* first-degree hash of each blank node */
	issuer c14n;	/* the canonical issuer */
	long *cid;	/* canonical number of each blank node, or -1 */
	size_t deep_left, perms_left;
	int over; /* the work limit was reached */
} canon;

static void hash_str(char hex[65], const char *s, size_t n)
{
	bs_sha256 c;
	bs_sha256_init(&c);
	bs_sha256_add(&c, s, n);
	bs_sha256_hex(hex, &c);
}

static long issued(const issuer *is, size_t node)
{
	for (size_t i = 0; i < is->n; i++)
		if (is->order[i] == node)
			return (long)i;
	return -1;
}

static long issue(issuer *is, size_t node)
{
	long id = issued(is, node);
	if (id >= 0)
		return id;
	bs_xgrow((void **)&is->order, &is->cap, is->n + 1, sizeof *is->order);
	is->order[is->n] = node;
	return (long)is->n++;
}

static issuer issuer_copy(const issuer *is)
{
	issuer c = {NULL, is->n, is->n};
	if (is->n) {
		c.order = bs_xmalloc(is->n * sizeof *c.order);
		memcpy(c.order, is->order, is->n * sizeof *c.order);
	}
	return c;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- labels for writing ---------------------------------------------- */

typedef struct label_ctx {
	size_t ref; /* first degree: the node written _:a */
	const canon *c;
	char tmp[32];
} label_ctx;

static const char *label_first(size_t blank, void *ctx)
{
	return blank == ((label_ctx *)ctx)->ref ? "a" : "z";
}

static const char *label_plain(size_t blank, void *ctx)
{
	label_ctx *l = ctx;
	snprintf(l->tmp, sizeof l->tmp, "b%zu", blank);
	return l->tmp;
}

static const char *label_canon(size_t blank, void *ctx)
{
	label_ctx *l = ctx;
	snprintf(l->tmp, sizeof l->tmp, "c14n%ld", l->c->cid[blank]);
	return l->tmp;
}

/* Each quad written with label, as one string per quad (caller frees
 * each and the array). */
static char **lines_of(const bs_rdf_quad *const *q, const size_t *idx, size_t n,
		       bs_rdf_label_fn label, label_ctx *l)
{
	char **v = bs_xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		bs_buf b = BS_BUF_INIT;
		bs_rdf_write_quad(&b, q[idx ? idx[i] : i], label, l);
		v[i] = bs_buf_detach(&b);
	}
	return v;
}

static void free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- 4.6 Hash First Degree Quads ------------------------------------- */

static void hash_first(canon *c, size_t node)
{
	label_ctx l = {node, c, {0}};
	char **v = lines_of(c->q, c->bq[node], c->bqn[node], label_first, &l);
	qsort(v, c->bqn[node], sizeof *v, cmp_strp);
	bs_sha256 h;
	bs_sha256_init(&h);
	for (size_t i = 0; i < c->bqn[node]; i++)
		bs_sha256_add(&h, v[i], strlen(v[i]));
	bs_sha256_hex(c->h1[node], &h);
	free_lines(v, c->bqn[node]);
}

/* ---- 4.7 Hash Related Blank Node ------------------------------------- */

static void hash_related(char hex[65], const canon *c, size_t related,
			 const bs_rdf_quad *q, const issuer *is, char pos)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_putc(&b, pos);
	if (pos != 'g') {
		bs_buf_putc(&b, '<');
		bs_buf_put(&b, q->p.value, q->p.len);
		bs_buf_putc(&b, '>');
	}
	long id;
	if (c->cid[related] >= 0)
		bs_buf_printf(&b, "_:c14n%ld", c->cid[related]);
	else if ((id = issued(is, related)) >= 0)
		bs_buf_printf(&b, "_:b%ld", id);
	else
		bs_buf_puts(&b, c->h1[related]);
	hash_str(hex, b.ptr, b.len);
	bs_buf_free(&b);
}

/* ---- 4.8 Hash N-Degree Quads ----------------------------------------- */

typedef struct related {
	char hash[65];
	size_t node;
	size_t seq; /* keeps the order they were found in among equals */
} related;

static int cmp_related(const void *a, const void *b)
{
	const related *x = a, *y = b;
	int r = strcmp(x->hash, y->hash);
	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The next permutation of p[0..n-1] in lexicographic order; 0 after the
 * last. */
static int next_perm(size_t *p, size_t n)
{
	if (n < 2)
		return 0;
	size_t i = n - 1;
	while (i > 0 && p[i - 1] >= p[i])
		i--;
	if (i == 0)
		return 0;
	size_t j = n - 1;
	while (p[j] <= p[i - 1])
		j--;
	size_t t = p[i - 1];
	p[i - 1] = p[j];
	p[j] = t;
	for (size_t a = i, z = n - 1; a < z; a++, z--) {
		t = p[a];
		p[a] = p[z];
		p[z] = t;
	}
	return 1;
}

/* Hash N-Degree Quads of node with is; on return *is is the chosen
 * issuer and hex the hash. Returns -1 once the work limit is reached. */
static int hash_ndeg(canon *c, size_t node, issuer *is, char hex[65])
{
	if (c->deep_left == 0) {
		c->over = 1;
		return -1;
	}
	c->deep_left--;
	/* 1-3: related blank nodes by their hash */
	related *rel = NULL;
	size_t nrel = 0, cap = 0;
	for (size_t k = 0; k < c->bqn[node]; k++) {
		const bs_rdf_quad *q = c->q[c->bq[node][k]];
		const bs_rdf_term *t[3] = {&q->s, &q->o, &q->g};
		static const char pos[3] = {'s', 'o', 'g'};
		for (int i = 0; i < 3; i++) {
			if (t[i]->kind != BS_RDF_BLANK || t[i]->blank == node)
				continue;
			bs_xgrow((void **)&rel, &cap, nrel + 1, sizeof *rel);
			hash_related(rel[nrel].hash, c, t[i]->blank, q, is,
				     pos[i]);
			rel[nrel].node = t[i]->blank;
			rel[nrel].seq = nrel;
			nrel++;
		}
	}
	if (nrel)
		qsort(rel, nrel, sizeof *rel, cmp_related);
	bs_buf data = BS_BUF_INIT;
	int rc = 0;
	for (size_t g = 0; g < nrel && !rc;) {
		size_t e = g;
		while (e < nrel && strcmp(rel[e].hash, rel[g].hash) == 0)
			e++;
		size_t k = e - g;
		bs_buf_puts(&data, rel[g].hash);
		char *chosen = NULL;
		size_t chosen_len = 0;
		issuer chosen_is = {NULL, 0, 0};
		int have_chosen = 0;
		size_t *perm = bs_xmalloc(k * sizeof *perm);
		size_t *rec = bs_xmalloc(k * sizeof *rec);
		for (size_t i = 0; i < k; i++)
			perm[i] = i;
		do {
			if (c->perms_left == 0) {
				c->over = 1;
				rc = -1;
				break;
			}
			c->perms_left--;
			issuer copy = issuer_copy(is);
			bs_buf path = BS_BUF_INIT;
			size_t nrec = 0;
			int skip = 0;
			for (size_t i = 0; i < k && !skip; i++) {
				size_t r = rel[g + perm[i]].node;
				if (c->cid[r] >= 0) {
					bs_buf_printf(&path, "_:c14n%ld",
						      c->cid[r]);
				} else {
					if (issued(&copy, r) < 0)
						rec[nrec++] = r;
					bs_buf_printf(&path, "_:b%ld",
						      issue(&copy, r));
				}
				skip =
				    have_chosen && strcmp(path.ptr, chosen) > 0;
			}
			for (size_t i = 0; i < nrec && !skip; i++) {
				char h[65];
				if (hash_ndeg(c, rec[i], &copy, h)) {
					rc = -1;
					break;
				}
				bs_buf_printf(&path, "_:b%ld<%s>",
					      issue(&copy, rec[i]), h);
				skip =
				    have_chosen && strcmp(path.ptr, chosen) > 0;
			}
			if (!rc && !skip &&
			    (!have_chosen || strcmp(path.ptr, chosen) < 0)) {
				free(chosen);
				free(chosen_is.order);
				chosen_len = path.len;
				chosen = bs_buf_detach(&path);
				chosen_is = copy;
				copy.order = NULL;
				have_chosen = 1;
			}
			bs_buf_free(&path);
			free(copy.order);
		} while (!rc && next_perm(perm, k));
		free(perm);
		free(rec);
		if (!rc) {
			bs_buf_put(&data, chosen, chosen_len);
			free(is->order);
			*is = chosen_is;
		} else {
			free(chosen_is.order);
		}
		free(chosen);
		g = e;
	}
	if (!rc)
		hash_str(hex, data.ptr ? data.ptr : "", data.len);
	bs_buf_free(&data);
	free(rel);
	return rc;
}

/* ---- 4.4 the canonicalization algorithm ------------------------------ */

typedef struct byhash {
	const char *hash;
	size_t node, seq;
} byhash;

static int cmp_byhash(const void *a, const void *b)
{
	const byhash *x = a, *y = b;
	int r = strcmp(x->hash, y->hash);
	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct hashpath {
	char hash[65];
	issuer is;
	size_t seq;
} hashpath;

static int cmp_hashpath(const void *a, const void *b)
{
	const hashpath *x = a, *y = b;
	int r = strcmp(x->hash, y->hash);
	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct qline {
	char *text;
	size_t idx;
} qline;

static int cmp_qline(const void *a, const void *b)
{
	const qline *x = a, *y = b;
	int r = strcmp(x->text, y->text);
	if (r)
		return r;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The quads of ds without duplicates, in their first order. */
static void dedupe(canon *c, const bs_rdf_dataset *ds)
{
	label_ctx l = {0, c, {0}};
	qline *v = bs_xcalloc(ds->n ? ds->n : 1, sizeof *v);
	for (size_t i = 0; i < ds->n; i++) {
		bs_buf b = BS_BUF_INIT;
		bs_rdf_write_quad(&b, &ds->v[i], label_plain, &l);
		v[i].text = bs_buf_detach(&b);
		v[i].idx = i;
	}
	qsort(v, ds->n, sizeof *v, cmp_qline);
	char *keep = bs_xcalloc(ds->n ? ds->n : 1, 1);
	for (size_t i = 0; i < ds->n; i++)
		if (i == 0 || strcmp(v[i].text, v[i - 1].text) != 0)
			keep[v[i].idx] = 1;
	c->q = bs_xcalloc(ds->n ? ds->n : 1, sizeof *c->q);
	for (size_t i = 0; i < ds->n; i++)
		if (keep[i])
			c->q[c->nq++] = &ds->v[i];
	for (size_t i = 0; i < ds->n; i++)
		free(v[i].text);
	free(v);
	free(keep);
}

int bs_rdfc_canonize(bs_buf *out, const bs_rdf_dataset *ds,
		     const bs_rdfc_limits *limits, const char *name,
		     bs_diags *d)
{
	canon c;
	memset(&c, 0, sizeof c);
	dedupe(&c, ds);
	c.nb = ds->blanks;
	size_t nb1 = c.nb ? c.nb : 1;
	c.bq = bs_xcalloc(nb1, sizeof *c.bq);
	c.bqn = bs_xcalloc(nb1, sizeof *c.bqn);
	size_t *bqcap = bs_xcalloc(nb1, sizeof *bqcap);
	c.h1 = bs_xcalloc(nb1, sizeof *c.h1);
	c.cid = bs_xmalloc(nb1 * sizeof *c.cid);
	size_t *seen = bs_xmalloc(nb1 * sizeof *seen); /* first appearance */
	byhash *bh = bs_xcalloc(nb1, sizeof *bh);
	size_t nseen = 0;
	for (size_t i = 0; i < c.nb; i++)
		c.cid[i] = -1;
	/* 2: the blank node to quads map */
	for (size_t i = 0; i < c.nq; i++) {
		const bs_rdf_term *t[3] = {&c.q[i]->s, &c.q[i]->o, &c.q[i]->g};
		for (int k = 0; k < 3; k++) {
			if (t[k]->kind != BS_RDF_BLANK)
				continue;
			size_t b = t[k]->blank;
			if (c.bqn[b] && c.bq[b][c.bqn[b] - 1] == i)
				continue; /* this quad names b twice */
			if (!c.bqn[b])
				seen[nseen++] = b;
			bs_xgrow((void **)&c.bq[b], &bqcap[b], c.bqn[b] + 1,
				 sizeof **c.bq);
			c.bq[b][c.bqn[b]++] = i;
		}
	}
	free(bqcap);
	/* 3: first-degree hashes; 4-5: unique ones get their label */
	for (size_t i = 0; i < nseen; i++) {
		hash_first(&c, seen[i]);
		bh[i].hash = c.h1[seen[i]];
		bh[i].node = seen[i];
		bh[i].seq = i;
	}
	qsort(bh, nseen, sizeof *bh, cmp_byhash);
	size_t shared = 0;
	for (size_t g = 0; g < nseen;) {
		size_t e = g;
		while (e < nseen && strcmp(bh[e].hash, bh[g].hash) == 0)
			e++;
		if (e - g == 1)
			c.cid[bh[g].node] = issue(&c.c14n, bh[g].node);
		else
			shared += e - g;
		g = e;
	}
	unsigned factor =
	    limits && limits->work_factor ? limits->work_factor : 1;
	c.deep_left = 1;
	for (unsigned i = 0; i < factor; i++)
		c.deep_left = c.deep_left > SIZE_MAX / (shared ? shared : 1)
				  ? SIZE_MAX
				  : c.deep_left * shared;
	c.perms_left = limits && limits->max_permutations
			   ? limits->max_permutations
			   : 100000;
	/* 6: the shared ones, by Hash N-Degree Quads */
	int rc = 0;
	for (size_t g = 0; g < nseen && !rc;) {
		size_t e = g;
		while (e < nseen && strcmp(bh[e].hash, bh[g].hash) == 0)
			e++;
		if (e - g > 1) {
			hashpath *hp = bs_xcalloc(e - g, sizeof *hp);
			size_t nhp = 0;
			for (size_t i = g; i < e && !rc; i++) {
				if (c.cid[bh[i].node] >= 0)
					continue;
				issuer tmp = {NULL, 0, 0};
				issue(&tmp, bh[i].node);
				if (hash_ndeg(&c, bh[i].node, &tmp,
					      hp[nhp].hash)) {
					free(tmp.order);
					rc = -1;
					break;
				}
				hp[nhp].is = tmp;
				hp[nhp].seq = nhp;
				nhp++;
			}
			if (!rc) {
				qsort(hp, nhp, sizeof *hp, cmp_hashpath);
				for (size_t i = 0; i < nhp; i++)
					for (size_t k = 0; k < hp[i].is.n;
					     k++) {
						size_t nd = hp[i].is.order[k];
						c.cid[nd] = issue(&c.c14n, nd);
					}
			}
			for (size_t i = 0; i < nhp; i++)
				free(hp[i].is.order);
			free(hp);
		}
		g = e;
	}
	if (rc) {
		bs_diag_file(d, BS_ERROR, name, 0, 0,
			     "canonicalising this RDF dataset needs more work "
			     "than allowed (%zu blank nodes share their "
			     "first-degree hash)",
			     shared);
		bs_diag_hint(d, "a document with many blank nodes that look "
				"alike is refused so it cannot stall the "
				"build; give its nodes ids");
	} else {
		/* 7: the quads with canonical labels, sorted */
		label_ctx l = {0, &c, {0}};
		char **v = lines_of(c.q, NULL, c.nq, label_canon, &l);
		qsort(v, c.nq, sizeof *v, cmp_strp);
		for (size_t i = 0; i < c.nq; i++)
			if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
				bs_buf_puts(out, v[i]);
		free_lines(v, c.nq);
	}
	for (size_t i = 0; i < c.nb; i++)
		free(c.bq[i]);
	free(c.bq);
	free(c.bqn);
	free(c.h1);
	free(c.cid);
	free(seen);
	free(bh);
	free(c.c14n.order);
	free(c.q);
	return rc ? BS_ECONTENT : BS_OK;
}
