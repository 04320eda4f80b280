/* rules.c: a badge's own completion rule and its prerequisites: other
 * badges named by id, resolved and held to what can be earned. */
#include "model/rules.h"

#include "base/alloc.h"
#include "base/buf.h"
#include "input/schema.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8 /* groups inside groups */

static const char *const group_keys[] = {"all_of", "one_of",	"n_of",
					 "from",   "min_hours", NULL};

/* What one badge's rule or prerequisites are being read for. */
typedef struct ctx {
	bs_site *s;
	bs_badge *b;
	bs_chk c;
	const bs_badge **seen; /* badges named so far: each once */
	size_t nseen;
} ctx;

const char *bs_rules_suggest_badge(const bs_site *s, const char *id)
{
	const char **ids = bs_xcalloc(s->nbadges + 1, sizeof *ids);
	for (size_t i = 0; i < s->nbadges; i++)
		ids[i] = s->badge_ids[i]->id;
	const char *near = bs_suggest(id, ids);
	free(ids);
	return near;
}

static void unknown_hint(ctx *x, const char *id)
{
	const char *near = bs_rules_suggest_badge(x->s, id);
	if (near)
		bs_chk_hint(&x->c, "did you mean '%s'?", near);
	else
		bs_chk_hint(&x->c,
			    "badge ids are the file names in content/badges/");
}

/* The badge that item i of arr names, or NULL (reported, or its own
 * errors said it). what: "the completion rule names", "requires". */
static bs_badge *member(ctx *x, const json_t *arr, size_t i, const char *what)
{
	const char *id = json_string_value(json_array_get(arr, i));
	bs_badge *t = id ? bs_site_find(x->s, id) : NULL;
	if (!t) {
		bs_chk_at_item(&x->c, arr, i, "%s unknown badge '%s'", what,
			       id ? id : "");
		unknown_hint(x, id ? id : "");
		return NULL;
	}
	if (!t->cls)
		return NULL; /* its class or front matter was reported */
	if (t == x->b) {
		bs_chk_at_item(&x->c, arr, i, "%s '%s' itself", what, id);
		bs_chk_hint(&x->c, "a badge cannot count towards or require "
				   "itself");
		return NULL;
	}
	if (t->skip) {
		bs_chk_at_item(&x->c, arr, i, "%s '%s', which is a draft", what,
			       id);
		bs_chk_hint(&x->c, "publish '%s' first, or build with --drafts",
			    id);
		return NULL;
	}
	if (t->status == BS_RETIRED && x->b->status != BS_RETIRED) {
		bs_chk_at_item(&x->c, arr, i,
			       "%s '%s', which is retired: it is no longer "
			       "awarded, so no one new could meet this",
			       what, id);
		const char *rep = json_string_value(
		    json_object_get(t->fm.data, "replaced_by"));
		if (rep)
			bs_chk_hint(&x->c, "name its replacement, '%s'", rep);
		else
			bs_chk_hint(&x->c, "name a badge that is awarded");
		return NULL;
	}
	for (size_t k = 0; k < x->nseen; k++)
		if (x->seen[k] == t) {
			bs_chk_at_item(&x->c, arr, i, "%s '%s' twice", what,
				       id);
			return NULL;
		}
	x->seen = bs_xrealloc(x->seen, (x->nseen + 1) * sizeof *x->seen);
	x->seen[x->nseen++] = t;
	return t;
}

static void number(char *out, size_t n, double v)
{
	bs_buf b = BS_BUF_INIT;
	bs_buf_number(&b, v);
	snprintf(out, n, "%s", b.ptr);
	bs_buf_free(&b);
}

/* The members and checks of a group whose kind is set; arr its list. */
static void group_items(ctx *x, bs_rule *r, json_t *arr, int depth);

static void parse_group(ctx *x, const json_t *o, bs_rule *r, int depth)
{
	memset(r, 0, sizeof *r);
	r->json = o;
	bs_chk *c = &x->c;
	bs_chk_keys(c, o, group_keys, "a completion group");
	static const char *const kinds[] = {"all_of", "one_of", "n_of",
					    "min_hours"};
	int found = 0;
	for (int k = 0; k < 4; k++)
		if (json_object_get(o, kinds[k])) {
			found++;
			r->kind = BS_RULE_ALL_OF + k;
		}
	if (found != 1) {
		bs_chk_at_member(c, o, NULL,
				 "a completion group needs exactly one of "
				 "\"all_of\", \"one_of\", \"n_of\" or "
				 "\"min_hours\"");
		bs_chk_hint(c, "nest groups to combine them: { \"all_of\": "
			       "[\"a\", { \"one_of\": [\"b\", \"c\"] }] }");
		r->kind = BS_RULE_ALL_OF;
		return;
	}
	json_t *arr;
	if (r->kind == BS_RULE_ALL_OF || r->kind == BS_RULE_ONE_OF) {
		const char *key =
		    r->kind == BS_RULE_ALL_OF ? "all_of" : "one_of";
		if (json_object_get(o, "from")) {
			bs_chk_at_key(c, o, "from",
				      "\"from\" goes with \"n_of\" or "
				      "\"min_hours\"; \"%s\" lists its badges "
				      "itself",
				      key);
		}
		arr = bs_chk_arr(c, o, key, 1, 0);
	} else {
		if (r->kind == BS_RULE_N_OF) {
			long n = 0;
			bs_chk_int(c, o, "n_of", 1, 1000, 1, &n);
			r->n = (double)n;
		} else {
			bs_chk_num(c, o, "min_hours", 0.001, 1e6, 1, &r->n);
		}
		arr = bs_chk_arr(c, o, "from", 1, 0);
	}
	if (arr)
		group_items(x, r, arr, depth);
}

static void group_items(ctx *x, bs_rule *r, json_t *arr, int depth)
{
	bs_chk *c = &x->c;
	size_t n = json_array_size(arr);
	r->items = bs_xcalloc(n + 1, sizeof *r->items);
	int all_known = 1;
	double hours = 0;
	size_t i;
	json_t *it;
	json_array_foreach(arr, i, it)
	{
		bs_rule *m = &r->items[r->nitems];
		if (json_is_string(it)) {
			bs_badge *t = member(x, arr, i,
					     "the completion rule "
					     "names");
			if (!t) {
				all_known = 0;
				continue;
			}
			memset(m, 0, sizeof *m);
			m->kind = BS_RULE_BADGE;
			m->badge = t;
			r->nitems++;
			if (r->kind != BS_RULE_MIN_HOURS)
				continue;
			if (!t->has_hours) {
				bs_chk_at_item(
				    c, arr, i,
				    "'%s' declares no hours, so it "
				    "adds nothing to a \"min_hours\" "
				    "group",
				    t->id);
				bs_chk_hint(c,
					    "give '%s' \"hours\", or move "
					    "it to another group",
					    t->id);
				all_known = 0;
			}
			hours += t->hours;
		} else if (json_is_object(it) && r->kind == BS_RULE_MIN_HOURS) {
			bs_chk_at_item(c, arr, i,
				       "a \"min_hours\" group adds up the "
				       "hours of badges: list badge ids, not "
				       "groups");
			all_known = 0;
		} else if (json_is_object(it)) {
			if (depth >= MAX_DEPTH) {
				bs_chk_at_item(c, arr, i,
					       "completion groups nest more "
					       "than %d deep",
					       MAX_DEPTH);
				all_known = 0;
				continue;
			}
			parse_group(x, it, m, depth + 1);
			r->nitems++;
		} else {
			bs_chk_at_item(c, arr, i,
				       "a completion rule lists badge ids and "
				       "groups, not %s",
				       bs_json_type_name(it));
			all_known = 0;
		}
	}
	char need[32], have[32];
	if (n == 0) {
		bs_chk_at_member(c, r->json, NULL,
				 "an empty completion group can never "
				 "complete");
		bs_chk_hint(c, "list the badges it is made of");
	} else if (r->kind == BS_RULE_ONE_OF && n == 1) {
		bs_chk_at_member(c, r->json, "one_of",
				 "a \"one_of\" group with one badge offers "
				 "no choice");
		bs_chk_hint(c, "name the badge in the group around it, or "
			       "add the other choices");
	} else if (r->kind == BS_RULE_N_OF && r->n > (double)n) {
		number(need, sizeof need, r->n);
		bs_chk_at_member(c, r->json, "n_of",
				 "the completion rule can never complete: it "
				 "needs %s badges from a list of %zu",
				 need, n);
		bs_chk_hint(c, "lower \"n_of\" or add badges to \"from\"");
	} else if (r->kind == BS_RULE_MIN_HOURS && all_known && hours < r->n) {
		number(need, sizeof need, r->n);
		number(have, sizeof have, hours);
		bs_chk_at_member(
		    c, r->json, "min_hours",
		    "the completion rule can never complete: it "
		    "needs %s hours, and all of its badges give %s",
		    need, have);
		bs_chk_hint(c, "lower \"min_hours\" or add badges to \"from\"");
	}
}

int bs_rules_names(const bs_rule *r, const bs_badge *b)
{
	if (!r)
		return 0;
	if (r->kind == BS_RULE_BADGE)
		return r->badge == b;
	for (size_t i = 0; i < r->nitems; i++)
		if (bs_rules_names(&r->items[i], b))
			return 1;
	return 0;
}

static void free_items(bs_rule *r)
{
	for (size_t i = 0; i < r->nitems; i++)
		free_items(&r->items[i]);
	free(r->items);
}

void bs_rules_free(bs_rule *r)
{
	if (!r)
		return;
	free_items(r);
	free(r);
}

/* m stacks into t, unless it says so already. */
static void link(bs_badge *m, bs_badge *t)
{
	for (size_t i = 0; i < m->nstacks_into; i++)
		if (m->stacks_into[i] == t)
			return;
	m->stacks_into = bs_xrealloc(
	    m->stacks_into, (m->nstacks_into + 1) * sizeof *m->stacks_into);
	m->stacks_into[m->nstacks_into++] = t;
	t->stacked_from = bs_xrealloc(
	    t->stacked_from, (t->nstacked_from + 1) * sizeof *t->stacked_from);
	t->stacked_from[t->nstacked_from++] = m;
}

static void link_members(const bs_rule *r, bs_badge *t)
{
	if (r->kind == BS_RULE_BADGE)
		link((bs_badge *)r->badge, t);
	for (size_t i = 0; i < r->nitems; i++)
		link_members(&r->items[i], t);
}

/* A badge that stacks into t by its own stacks_into, where t's rule does
 * not name it, would count towards nothing. */
static void check_agree(bs_badge *t, bs_diags *d)
{
	for (size_t i = 0; i < t->nstacked_from; i++) {
		bs_badge *m = t->stacked_from[i];
		if (bs_rules_names(t->completion, m))
			continue;
		bs_chk c = {&m->src, m->fm.pos, d, 0};
		json_t *si = json_object_get(m->fm.data, "stacks_into");
		size_t k;
		json_t *it;
		json_array_foreach(si, k, it)
		{
			const char *id = json_string_value(it);
			if (!id || strcmp(id, t->id) != 0)
				continue;
			bs_chk_at_item(&c, si, k,
				       "stacks into '%s', but the completion "
				       "rule of '%s' does not name '%s'",
				       t->id, t->id, m->id);
			bs_chk_hint(&c,
				    "add \"%s\" to \"completion\" in "
				    "content/badges/%s.md, or remove this "
				    "link",
				    m->id, t->id);
		}
	}
}

static void parse_requires(ctx *x)
{
	json_t *req = json_object_get(x->b->fm.data, "requires");
	if (!req)
		return;
	req = bs_chk_arr(&x->c, x->b->fm.data, "requires", 0, 1);
	size_t n = json_array_size(req), i;
	x->b->requires = bs_xcalloc(n + 1, sizeof *x->b->requires);
	for (i = 0; i < n; i++) {
		if (!json_is_string(json_array_get(req, i)))
			continue; /* bs_chk_arr said so */
		bs_badge *t = member(x, req, i, "requires");
		if (!t)
			continue;
		x->b->requires[x->b->nrequires++] = t;
		t->required_for =
		    bs_xrealloc(t->required_for, (t->nrequired_for + 1) *
						     sizeof *t->required_for);
		t->required_for[t->nrequired_for++] = x->b;
	}
}

/* mark: 0 unvisited, 1 on the current path, 2 done */
static int req_visit(bs_site *s, bs_badge *b, char *mark, bs_diags *d)
{
	size_t me = (size_t)(b - s->badges);
	if (mark[me] == 2)
		return 0;
	if (mark[me] == 1) {
		bs_chk c = {&b->src, b->fm.pos, d, 0};
		bs_chk_at_member(&c, b->fm.data, "requires",
				 "prerequisite cycle: '%s' ends up requiring "
				 "itself",
				 b->id);
		bs_chk_hint(&c, "remove one of the \"requires\" links of the "
				"cycle");
		return 1;
	}
	mark[me] = 1;
	for (size_t i = 0; i < b->nrequires; i++)
		if (req_visit(s, b->requires[i], mark, d))
			return 1;
	mark[me] = 2;
	return 0;
}

int bs_rules_resolve(bs_site *s, bs_diags *d)
{
	size_t before = bs_diags_count(d, BS_ERROR);
	for (size_t i = 0; i < s->nbadges; i++) {
		bs_badge *b = &s->badges[i];
		if (b->skip || !b->cls)
			continue;
		ctx x = {s, b, {&b->src, b->fm.pos, d, 0}, NULL, 0};
		json_t *comp = json_object_get(b->fm.data, "completion");
		if (comp && bs_chk_obj(&x.c, b->fm.data, "completion", 0)) {
			b->completion = bs_xcalloc(1, sizeof *b->completion);
			parse_group(&x, comp, b->completion, 1);
		}
		free(x.seen);
		x.seen = NULL;
		x.nseen = 0;
		parse_requires(&x);
		free(x.seen);
	}
	for (size_t i = 0; i < s->nbadges; i++)
		if (s->badges[i].completion)
			check_agree(&s->badges[i], d);
	for (size_t i = 0; i < s->nbadges; i++)
		if (s->badges[i].completion)
			link_members(s->badges[i].completion, &s->badges[i]);
	char *mark = bs_xcalloc(s->nbadges + 1, 1);
	for (size_t i = 0; i < s->nbadges; i++)
		if (s->badges[i].nrequires && !mark[i] &&
		    req_visit(s, &s->badges[i], mark, d))
			break;
	free(mark);
	return bs_diags_count(d, BS_ERROR) > before ? BS_ECONTENT : BS_OK;
}
