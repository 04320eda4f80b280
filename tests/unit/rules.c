/* A badge's completion rule in words: the sentence of its view, as the
 * framework's certificate rule reads it. */
#include "views/ruleview.h"

#include "base/buf.h"
#include "tap.h"

#include <string.h>

static bs_badge named(const char *id, const char *name)
{
	bs_badge b;
	memset(&b, 0, sizeof b);
	b.id = (char *)id;
	b.fm.data = json_pack("{s:s}", "name", name);
	return b;
}

static bs_rule leaf(const bs_badge *b)
{
	bs_rule r;
	memset(&r, 0, sizeof r);
	r.kind = BS_RULE_BADGE;
	r.badge = b;
	return r;
}

static bs_rule group(int kind, double n, bs_rule *items, size_t nitems)
{
	bs_rule r;
	memset(&r, 0, sizeof r);
	r.kind = kind;
	r.n = n;
	r.items = items;
	r.nitems = nitems;
	return r;
}

int main(void)
{
	bs_badge eng = named("engagement", "Engagement");
	bs_badge ic = named("ic", "Intercultural Communicator");
	bs_badge tp = named("tp", "Team Player");
	bs_badge yh = named("yh", "You're hired!");
	bs_rule choice[] = {leaf(&tp), leaf(&yh)};
	bs_rule all[] = {leaf(&eng), leaf(&ic),
			 group(BS_RULE_ONE_OF, 0, choice, 2)};
	bs_rule cert = group(BS_RULE_ALL_OF, 0, all, 3);
	bs_buf b = BS_BUF_INIT;
	bs_ruleview_text(&b, &cert, 1);
	is_str(b.ptr,
	       "All of: Engagement, Intercultural Communicator, and one of: "
	       "Team Player or You're hired!",
	       "the certificate rule of the issue, in one sentence");

	bs_rule two[] = {leaf(&eng), leaf(&ic)};
	bs_rule both = group(BS_RULE_ALL_OF, 0, two, 2);
	bs_buf_clear(&b);
	bs_ruleview_text(&b, &both, 1);
	is_str(b.ptr, "All of: Engagement and Intercultural Communicator",
	       "two items: no comma");

	bs_rule any[] = {leaf(&eng), leaf(&ic), leaf(&tp)};
	bs_rule ntwo = group(BS_RULE_N_OF, 2, any, 3);
	bs_buf_clear(&b);
	bs_ruleview_text(&b, &ntwo, 1);
	is_str(b.ptr,
	       "Any 2 of: Engagement, Intercultural Communicator, or Team "
	       "Player",
	       "n of");

	bs_rule hours = group(BS_RULE_MIN_HOURS, 12.5, two, 2);
	bs_rule outer[] = {leaf(&tp), hours};
	bs_rule mixed = group(BS_RULE_ALL_OF, 0, outer, 2);
	bs_buf_clear(&b);
	bs_ruleview_text(&b, &mixed, 1);
	is_str(b.ptr,
	       "All of: Team Player and at least 12.5 learning hours from: "
	       "Engagement or Intercultural Communicator",
	       "minimum hours, nested");
	bs_buf_free(&b);
	json_decref(eng.fm.data);
	json_decref(ic.fm.data);
	json_decref(tp.fm.data);
	json_decref(yh.fm.data);
	return done_testing();
}
