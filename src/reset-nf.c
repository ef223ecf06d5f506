/* reset-nf.c: removing the tables, chains and rules nstutor made in
 * iptables-nft's layout, and putting back the policies it changed. */
#include "system.h"

#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>

#include "nf-ipt-private.h"
#include "nf-rule.h"
#include "reset-nf.h"

#define TEXT_MAX 512

static bool gone(int err)
{
	return err == -ENOENT;
}

static int commit(const char *ns, int type, void *obj)
{
	struct nf_sock *s;
	struct nf_batch *b;
	struct nlmsghdr *h;
	int err = nf_sock(ns, &s);

	if (err < 0)
		return err;
	b = nf_batch_new(s);
	if (!b)
		return -ENOMEM;
	h = nf_batch_msg(b, type, NFPROTO_IPV4, 0);
	if (!h)
		err = -ENOMEM;
	else if (type == NFT_MSG_DELTABLE)
		nftnl_table_nlmsg_build_payload(h, obj);
	else if (type == NFT_MSG_DELCHAIN)
		nftnl_chain_nlmsg_build_payload(h, obj);
	else
		nftnl_rule_nlmsg_build_payload(h, obj);
	if (err == 0)
		err = nf_batch_commit(b, NULL, NULL);
	nf_batch_free(b);
	return err;
}

int reset_nf_table(const char *ns, const char *table, char *what,
		   size_t size)
{
	struct nftnl_table *t = nftnl_table_alloc();
	int err;

	if (!t)
		return -ENOMEM;
	nftnl_table_set_u32(t, NFTNL_TABLE_FAMILY, NFPROTO_IPV4);
	nftnl_table_set_str(t, NFTNL_TABLE_NAME, table);
	err = commit(ns, NFT_MSG_DELTABLE, t);
	nftnl_table_free(t);
	snprintf(what, size, "table %s", table);
	return gone(err) ? 0 : err < 0 ? err : 1;
}

static int del_chain(const char *ns, const char *table, const char *chain)
{
	struct nftnl_chain *c = nftnl_chain_alloc();
	int err;

	if (!c)
		return -ENOMEM;
	nftnl_chain_set_u32(c, NFTNL_CHAIN_FAMILY, NFPROTO_IPV4);
	nftnl_chain_set_str(c, NFTNL_CHAIN_TABLE, table);
	nftnl_chain_set_str(c, NFTNL_CHAIN_NAME, chain);
	err = commit(ns, NFT_MSG_DELCHAIN, c);
	nftnl_chain_free(c);
	return err;
}

/* A user chain goes with its rules (a chain still jumped to stays: the
 * kernel refuses); a built-in chain only when it is as iptables-nft
 * made it, empty with policy ACCEPT. */
int reset_nf_chain(const char *ns, const char *table, const char *chain,
		   char *what, size_t size)
{
	struct nf_ipt_state st;
	const struct ipt_chain *c;
	int err = nf_ipt_load(ns, table, &st), i;

	if (err < 0)
		return gone(err) ? 0 : err;
	i = nf_ipt_index(&st, chain);
	c = i >= 0 && st.exists[i] ? &st.t.chains[i] : NULL;
	if (c && c->builtin && (c->n || c->policy != NF_ACCEPT))
		c = NULL;
	if (c && c->references)
		c = NULL;
	nf_ipt_state_free(&st);
	if (!c)
		return 0;
	err = nf_ipt_flush(ns, table, chain);
	if (err == 0)
		err = del_chain(ns, table, chain);
	snprintf(what, size, "chain %s (%s)", chain, table);
	return gone(err) ? 0 : err < 0 ? err : 1;
}

static bool rule_is(const struct ipt_rule *r, const char *handle,
		    const char *text)
{
	char now[TEXT_MAX];

	if (r->unreadable)
		return false;
	if (handle && strtoull(handle, NULL, 10) != r->handle)
		return false;
	nf_rule_text(r, now, sizeof(now));
	return streq(now, text);
}

static int del_rule(const char *ns, const char *table, const char *chain,
		    uint64_t handle)
{
	struct nftnl_rule *r = nf_ipt_rule_new(table, chain);
	int err;

	if (!r)
		return -ENOMEM;
	nftnl_rule_set_u64(r, NFTNL_RULE_HANDLE, handle);
	err = commit(ns, NFT_MSG_DELRULE, r);
	nftnl_rule_free(r);
	return err;
}

int reset_nf_rule(const char *ns, const char *table, const char *chain,
		  const char *handle, const char *text, char *what,
		  size_t size)
{
	struct ipt_table t;
	const struct ipt_chain *c;
	const struct ipt_rule *r = NULL;
	int err = nf_ipt_read(ns, table, &t);

	if (err < 0)
		return gone(err) ? 0 : err;
	c = nf_ipt_chain(&t, chain);
	for (size_t i = 0; c && !r && i < c->n; i++)
		if (rule_is(&c->rules[i], handle, text))
			r = &c->rules[i];
	if (r) {
		ipt_rule_spec(r, chain, what, size);
		err = del_rule(ns, table, chain, r->handle);
	}
	nf_ipt_table_free(&t);
	if (!r || gone(err))
		return 0;
	return err < 0 ? err : 1;
}

int reset_nf_policy(const char *ns, const char *table, const char *chain,
		    const char *old, char *what, size_t size)
{
	struct nf_ipt_state st;
	int err = nf_ipt_load(ns, table, &st), i, policy;
	bool there;

	if (err < 0)
		return gone(err) ? 0 : err;
	policy = streq(old, "DROP") ? NF_DROP : NF_ACCEPT;
	i = nf_ipt_index(&st, chain);
	there = i >= 0 && st.exists[i] && st.t.chains[i].builtin &&
		st.t.chains[i].policy != policy;
	nf_ipt_state_free(&st);
	if (!there)
		return 0;
	err = nf_ipt_policy(ns, table, chain, policy);
	snprintf(what, size, "-P %s %s (%s)", chain, old, table);
	return gone(err) ? 0 : err < 0 ? err : 1;
}
