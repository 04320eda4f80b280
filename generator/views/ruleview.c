/* ruleview.c: a badge's completion rule and prerequisites in words: the
 * nested list its page shows, one sentence, and the Markdown its criteria
 * narrative gains in the Open Badges JSON. */
#include "views/ruleview.h"

#include "base/alloc.h"
#include "views/view.h"

#include <string.h>

static const char *name_of(const bs_badge *b, int li)
{
	const char *n = bs_view_str(bs_view_data(b, li), "name");
	return n ? n : b->id;
}

/* The words of language li (s NULL: the built-in English). */
static const char *w(const bs_site *s, int li, const char *key,
		     const char *dflt)
{
	return s ? bs_view_string(s, li, key, dflt) : dflt;
}

static json_t *ref(const bs_site *s, const bs_badge *b, int li)
{
	json_t *o = json_object();
	bs_view_set_str(o, "id", b->id);
	bs_view_set_str(o, "name", name_of(b, li));
	bs_view_set_str(o, "url", b->dir ? b->dir : "");
	bs_view_set_own(
	    o, "abs",
	    bs_xasprintf("%s%s", s->langs[li].base, b->dir ? b->dir : ""));
	return o;
}

/* "all of", "one of", "any 2 of", "at least 60 learning hours from" */
static void intro(bs_buf *o, const bs_rule *r, int capital, const bs_site *s,
		  int li)
{
	switch (r->kind) {
	case BS_RULE_ALL_OF:
		bs_buf_puts(o, capital ? w(s, li, "rule_all_of_top", "All of")
				       : w(s, li, "rule_all_of", "all of"));
		break;
	case BS_RULE_ONE_OF:
		bs_buf_puts(o, capital ? w(s, li, "rule_one_of_top", "One of")
				       : w(s, li, "rule_one_of", "one of"));
		break;
	case BS_RULE_N_OF:
		bs_buf_puts(o, capital ? w(s, li, "rule_any_top", "Any")
				       : w(s, li, "rule_any", "any"));
		bs_buf_putc(o, ' ');
		bs_buf_number(o, r->n);
		bs_buf_printf(o, " %s", w(s, li, "rule_of", "of"));
		break;
	default:
		bs_buf_puts(o, capital
				   ? w(s, li, "rule_at_least_top", "At least")
				   : w(s, li, "rule_at_least", "at least"));
		bs_buf_putc(o, ' ');
		bs_buf_number(o, r->n);
		bs_buf_printf(
		    o, " %s",
		    w(s, li, "rule_hours_from", "learning hours from"));
	}
}

static void text_in(bs_buf *o, const bs_rule *r, int top, const bs_site *s,
		    int li)
{
	if (r->kind == BS_RULE_BADGE) {
		bs_buf_puts(o, name_of(r->badge, li));
		return;
	}
	intro(o, r, top, s, li);
	bs_buf_puts(o, ": ");
	const char *conj = r->kind == BS_RULE_ALL_OF
			       ? w(s, li, "rule_and", "and")
			       : w(s, li, "rule_or", "or");
	for (size_t i = 0; i < r->nitems; i++) {
		if (i && i + 1 == r->nitems)
			bs_buf_printf(o, "%s%s ", r->nitems > 2 ? ", " : " ",
				      conj);
		else if (i)
			bs_buf_puts(o, ", ");
		text_in(o, &r->items[i], 0, s, li);
	}
}

void bs_ruleview_text(bs_buf *o, const bs_rule *r, int top)
{
	text_in(o, r, top, NULL, 0);
}

static json_t *group(const bs_site *s, const bs_rule *r, int li)
{
	json_t *g = json_object();
	bs_buf b = BS_BUF_INIT;
	intro(&b, r, 1, s, li);
	bs_view_set_own(g, "intro", bs_buf_detach(&b));
	json_t *items = json_array();
	for (size_t i = 0; i < r->nitems; i++) {
		const bs_rule *m = &r->items[i];
		json_t *it = json_object();
		/* both keys, always: a missing one would be looked up in the
		 * group around it, and a group would hold itself */
		json_object_set_new(it, "badge",
				    m->kind == BS_RULE_BADGE
					? ref(s, m->badge, li)
					: json_false());
		json_object_set_new(it, "group",
				    m->kind == BS_RULE_BADGE ? json_false()
							     : group(s, m, li));
		json_array_append_new(items, it);
	}
	json_object_set_new(g, "items", items);
	return g;
}

json_t *bs_ruleview_completion(const bs_site *s, const bs_badge *b, int li)
{
	if (!b->completion)
		return NULL;
	json_t *v = json_object();
	bs_buf t = BS_BUF_INIT;
	text_in(&t, b->completion, 1, s, li);
	bs_view_set_own(v, "text", bs_buf_detach(&t));
	json_object_set_new(v, "group", group(s, b->completion, li));
	return v;
}

json_t *bs_ruleview_refs(const bs_site *s, bs_badge *const *v, size_t n, int li)
{
	if (!n)
		return NULL;
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, ref(s, v[i], li));
	return a;
}

/* A badge name as Markdown text: its punctuation escaped. */
static void md_text(bs_buf *o, const char *t)
{
	for (; *t; t++) {
		if (strchr("\\`*_[]<>|~#", *t))
			bs_buf_putc(o, '\\');
		bs_buf_putc(o, *t);
	}
}

static void md_link(bs_buf *o, const bs_site *s, const bs_badge *b)
{
	bs_buf_putc(o, '[');
	md_text(o, name_of(b, 0));
	bs_buf_printf(o, "](%s%s)", s->base_url, b->dir ? b->dir : "");
}

static void md_items(bs_buf *o, const bs_site *s, const bs_rule *r, int indent)
{
	for (size_t i = 0; i < r->nitems; i++) {
		const bs_rule *m = &r->items[i];
		bs_buf_printf(o, "%*s- ", indent, "");
		if (m->kind == BS_RULE_BADGE) {
			md_link(o, s, m->badge);
			bs_buf_putc(o, '\n');
		} else {
			intro(o, m, 0, s, 0);
			bs_buf_puts(o, ":\n");
			md_items(o, s, m, indent + 2);
		}
	}
}

void bs_ruleview_markdown(bs_buf *o, const bs_site *s, const bs_badge *b)
{
	if (b->nrequires) {
		bs_buf_puts(o, "\n\nPrerequisites: ");
		for (size_t i = 0; i < b->nrequires; i++) {
			if (i)
				bs_buf_puts(o, i + 1 == b->nrequires ? " and "
								     : ", ");
			md_link(o, s, b->requires[i]);
		}
		bs_buf_puts(o, ", earned first.");
	}
	if (b->completion) {
		bs_buf_puts(o, "\n\nCompleted by earning ");
		intro(o, b->completion, 0, s, 0);
		bs_buf_puts(o, ":\n\n");
		md_items(o, s, b->completion, 0);
	}
}
