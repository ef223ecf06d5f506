/* nf-ipt.c: iptables-nft's tables and chains, read from the kernel.
 *
 * The layout is iptables-nft's (nft_chain_builtin_init, 1.8.9): family
 * ip; "filter" with INPUT, FORWARD, OUTPUT (type filter, priority 0);
 * "nat" with PREROUTING (type nat, -100), INPUT (100), OUTPUT (-100),
 * POSTROUTING (100); each base chain made the first time a command
 * uses it, policy accept; user chains are plain chains.
 */
#include "system.h"

#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <linux/netfilter/nfnetlink.h>

#include "nf-ipt-private.h"
#include "nf-rule.h"

#define NF_IPT_TRIES 5	/* dumps a busy ruleset interrupts */

static const struct nf_ipt_builtin filter_chains[] = {
	{"INPUT", NF_INET_LOCAL_IN, 0},
	{"FORWARD", NF_INET_FORWARD, 0},
	{"OUTPUT", NF_INET_LOCAL_OUT, 0},
};

static const struct nf_ipt_builtin nat_chains[] = {
	{"PREROUTING", NF_INET_PRE_ROUTING, -100},
	{"INPUT", NF_INET_LOCAL_IN, 100},
	{"OUTPUT", NF_INET_LOCAL_OUT, -100},
	{"POSTROUTING", NF_INET_POST_ROUTING, 100},
};

static const struct nf_ipt_def defs[] = {
	{"filter", "filter", filter_chains, ARRAY_SIZE(filter_chains)},
	{"nat", "nat", nat_chains, ARRAY_SIZE(nat_chains)},
};

const struct nf_ipt_def *nf_ipt_def(const char *table)
{
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++)
		if (streq(table, defs[i].name))
			return &defs[i];
	return NULL;
}

bool nf_ipt_table_known(const char *table)
{
	return nf_ipt_def(table) != NULL;
}

bool nf_ipt_builtin(const char *table, const char *chain)
{
	const struct nf_ipt_def *d = nf_ipt_def(table);

	for (size_t i = 0; d && i < d->n; i++)
		if (streq(chain, d->chains[i].name))
			return true;
	return false;
}

const struct ipt_chain *nf_ipt_chain(const struct ipt_table *t,
				     const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (streq(t->chains[i].name, name))
			return &t->chains[i];
	return NULL;
}

int nf_ipt_index(const struct nf_ipt_state *st, const char *chain)
{
	const struct ipt_chain *c = nf_ipt_chain(&st->t, chain);

	return c ? (int)(c - st->t.chains) : -1;
}

void nf_ipt_table_free(struct ipt_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->chains[i].rules);
	free(t->chains);
	*t = (struct ipt_table){0};
}

void nf_ipt_state_free(struct nf_ipt_state *st)
{
	nf_ipt_table_free(&st->t);
	free(st->exists);
	*st = (struct nf_ipt_state){0};
}

struct nftnl_rule *nf_ipt_rule_new(const char *table, const char *chain)
{
	struct nftnl_rule *r = nftnl_rule_alloc();

	if (!r)
		return NULL;
	nftnl_rule_set_u32(r, NFTNL_RULE_FAMILY, NFPROTO_IPV4);
	nftnl_rule_set_str(r, NFTNL_RULE_TABLE, table);
	nftnl_rule_set_str(r, NFTNL_RULE_CHAIN, chain);
	return r;
}

/* One more chain at the end of st's table. */
static struct ipt_chain *chain_push(struct nf_ipt_state *st, const char *name,
				    bool exists)
{
	size_t n = st->t.n + 1;
	struct ipt_chain *v = realloc(st->t.chains, n * sizeof(*v));
	bool *e;

	if (!v)
		return NULL;
	st->t.chains = v;
	e = realloc(st->exists, n * sizeof(*e));
	if (!e)
		return NULL;
	st->exists = e;
	e[st->t.n] = exists;
	v += st->t.n++;
	*v = (struct ipt_chain){.policy = NF_ACCEPT};
	snprintf(v->name, sizeof(v->name), "%s", name);
	return v;
}

static void chain_base(struct ipt_chain *v, const struct nftnl_chain *c)
{
	v->builtin = true;
	if (nftnl_chain_is_set(c, NFTNL_CHAIN_POLICY))
		v->policy = (int)nftnl_chain_get_u32(c, NFTNL_CHAIN_POLICY);
	v->packets = nftnl_chain_get_u64(c, NFTNL_CHAIN_PACKETS);
	v->bytes = nftnl_chain_get_u64(c, NFTNL_CHAIN_BYTES);
}

/* A chain of the table: a built-in (hooked as iptables-nft hooks it)
 * or a user chain; anything else iptables would not show. */
static int chain_seen(struct nf_ipt_state *st, const struct nftnl_chain *c)
{
	const char *name = nftnl_chain_get_str(c, NFTNL_CHAIN_NAME);
	bool base = nftnl_chain_is_set(c, NFTNL_CHAIN_HOOKNUM);
	int i = nf_ipt_index(st, name);
	struct ipt_chain *v;

	if (i >= 0 && (size_t)i < st->def->n) {
		st->exists[i] = true;
		if (!base || nftnl_chain_get_u32(c, NFTNL_CHAIN_HOOKNUM) !=
				     st->def->chains[i].hook) {
			st->t.chains[i].unreadable = true;
			return 0;
		}
		chain_base(&st->t.chains[i], c);
		return 0;
	}
	if (strlen(name) > IPT_CHAIN_MAX)
		return -EOPNOTSUPP;
	v = chain_push(st, name, true);
	if (!v)
		return -ENOMEM;
	v->unreadable = base;
	return 0;
}

static bool in_table(const char *table, const char *want, uint32_t family)
{
	return family == NFPROTO_IPV4 && table && streq(table, want);
}

static int chain_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_ipt_state *st = arg;
	struct nftnl_chain *c = nftnl_chain_alloc();
	int err = -ENOMEM;

	if (!c)
		return err;
	if (nftnl_chain_nlmsg_parse(h, c) < 0)
		err = -EBADMSG;
	else if (!in_table(nftnl_chain_get_str(c, NFTNL_CHAIN_TABLE),
			   st->def->name,
			   nftnl_chain_get_u32(c, NFTNL_CHAIN_FAMILY)))
		err = 0;
	else
		err = chain_seen(st, c);
	nftnl_chain_free(c);
	return err;
}

static int rule_push(struct ipt_chain *c, const struct nftnl_rule *rule)
{
	struct ipt_rule *v = realloc(c->rules, (c->n + 1) * sizeof(*v));
	int err;

	if (!v)
		return -ENOMEM;
	c->rules = v;
	v += c->n++;
	err = nf_rule_decode(rule, v);
	if (err == -EOPNOTSUPP) {
		c->unreadable = true;
		*v = (struct ipt_rule){
			.handle = nftnl_rule_get_u64(rule, NFTNL_RULE_HANDLE),
			.unreadable = true};
		err = 0;
	}
	return err;
}

static int rule_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_ipt_state *st = arg;
	struct nftnl_rule *r = nftnl_rule_alloc();
	int err = -ENOMEM, i;

	if (!r)
		return err;
	if (nftnl_rule_nlmsg_parse(h, r) < 0) {
		err = -EBADMSG;
	} else if (!in_table(nftnl_rule_get_str(r, NFTNL_RULE_TABLE),
			     st->def->name,
			     nftnl_rule_get_u32(r, NFTNL_RULE_FAMILY))) {
		err = 0;
	} else {
		i = nf_ipt_index(st, nftnl_rule_get_str(r, NFTNL_RULE_CHAIN));
		err = i < 0 ? -EBADMSG : rule_push(&st->t.chains[i], r);
	}
	nftnl_rule_free(r);
	return err;
}

static int table_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_ipt_state *st = arg;
	const struct nfgenmsg *g = mnl_nlmsg_get_payload(h);
	struct nlattr *a;

	if (g->nfgen_family != NFPROTO_IPV4)
		return 0;
	mnl_attr_for_each(a, h, sizeof(*g))
		if (mnl_attr_get_type(a) == NFTA_TABLE_NAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 &&
		    streq(mnl_attr_get_str(a), st->def->name))
			st->table_exists = true;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ipt_chain *)a)->name,
		      ((const struct ipt_chain *)b)->name);
}

static void count_references(struct ipt_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->chains[i].n; j++) {
			const struct ipt_rule *r = &t->chains[i].rules[j];
			struct ipt_chain *to;

			if (r->verdict != IPT_JUMP && r->verdict != IPT_GOTO)
				continue;
			to = (struct ipt_chain *)nf_ipt_chain(t, r->target);
			if (to)
				to->references++;
		}
}

static int load_once(struct nf_sock *s, struct nf_ipt_state *st)
{
	const struct nf_ipt_def *def = st->def;
	int err = 0;

	for (size_t i = 0; i < def->n && err == 0; i++)
		if (!chain_push(st, def->chains[i].name, false))
			err = -ENOMEM;
	for (size_t i = 0; i < def->n && err == 0; i++)
		st->t.chains[i].builtin = true;
	if (err == 0)
		err = nf_dump(s, NFT_MSG_GETTABLE, NFPROTO_IPV4, table_reply, st);
	if (err == 0)
		err = nf_dump(s, NFT_MSG_GETCHAIN, NFPROTO_IPV4, chain_reply, st);
	if (err < 0)
		return err;
	qsort(st->t.chains + def->n, st->t.n - def->n, sizeof(*st->t.chains),
	      by_name);
	err = nf_dump(s, NFT_MSG_GETRULE, NFPROTO_IPV4, rule_reply, st);
	if (err == 0)
		count_references(&st->t);
	return err;
}

int nf_ipt_load(const char *ns, const char *table, struct nf_ipt_state *st)
{
	const struct nf_ipt_def *def = nf_ipt_def(table);
	struct nf_sock *s;
	int err = -EINTR;

	*st = (struct nf_ipt_state){0};
	if (!def)
		return -ENOENT;
	for (int i = 0; i < NF_IPT_TRIES && err == -EINTR; i++) {
		nf_ipt_state_free(st);
		st->def = def;
		snprintf(st->t.name, sizeof(st->t.name), "%s", table);
		err = nf_sock(ns, &s);
		if (err == 0)
			err = load_once(s, st);
		if (err < 0)
			nf_forget(ns); /* the rest of a dump is still on it */
	}
	if (err < 0)
		nf_ipt_state_free(st);
	return err;
}

int nf_ipt_read(const char *ns, const char *table, struct ipt_table *out)
{
	struct nf_ipt_state st;
	int err = nf_ipt_load(ns, table, &st);

	*out = (struct ipt_table){0};
	if (err < 0)
		return err;
	*out = st.t;
	st.t = (struct ipt_table){0};
	nf_ipt_state_free(&st);
	return 0;
}
