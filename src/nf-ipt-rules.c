/* nf-ipt-rules.c: adding, replacing, deleting, flushing and zeroing the
 * rules of iptables-nft's chains (nf-ipt-write.c begins and ends each
 * change). */
#include "system.h"

#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <linux/netfilter/nfnetlink.h>

#include "nf-ipt-private.h"
#include "nf-rule.h"
#include "record.h"

#define TEXT_MAX 512

/* The chain a change is about: its index, or -ENOENT. */
static int chain_at(const struct nf_ipt_change *c, const char *chain)
{
	int i = nf_ipt_index(&c->st, chain);

	return i < 0 ? -ENOENT : i;
}

static struct ipt_chain *chain_of(struct nf_ipt_change *c, int i)
{
	return &c->st.t.chains[i];
}

/* -j CHAIN / -g CHAIN must name a user chain of the table. */
static int target_ok(const struct nf_ipt_change *c, const struct ipt_rule *r)
{
	int i;

	if (r->verdict != IPT_JUMP && r->verdict != IPT_GOTO)
		return 0;
	i = nf_ipt_index(&c->st, r->target);
	return i < 0 || (size_t)i < c->st.def->n ? -ENOENT : 0;
}

/* Built-in chain i is made when missing; a user chain is there. */
static int ensure_chain(struct nf_ipt_change *c, int i)
{
	if ((size_t)i >= c->st.def->n)
		return 0;
	return nf_ipt_ensure_builtin(c, i, NF_ACCEPT);
}

static int send_rule(struct nf_ipt_change *c, int type, unsigned int flags,
		     struct nftnl_rule *rule)
{
	struct nlmsghdr *h = nf_batch_msg(c->b, type, NFPROTO_IPV4, flags);

	if (!h)
		return -E2BIG;
	nftnl_rule_nlmsg_build_payload(h, rule);
	return 0;
}

/* The handle of the rule the kernel echoed. */
static int echoed(const struct nlmsghdr *h, void *arg)
{
	uint64_t *handle = arg;
	struct nftnl_rule *r;

	if (NFNL_MSG_TYPE(h->nlmsg_type) != NFT_MSG_NEWRULE)
		return 0;
	r = nftnl_rule_alloc();
	if (!r)
		return -ENOMEM;
	if (nftnl_rule_nlmsg_parse(h, r) == 0 &&
	    nftnl_rule_is_set(r, NFTNL_RULE_HANDLE))
		*handle = nftnl_rule_get_u64(r, NFTNL_RULE_HANDLE);
	nftnl_rule_free(r);
	return 0;
}

/* Sends r into chain i (flags; at: a handle, or 0) and journals it:
 * its text before, its handle after. */
static int put_rule(struct nf_ipt_change *c, int i, const struct ipt_rule *r,
		    unsigned int flags, uint64_t at, bool replace)
{
	const char *name = chain_of(c, i)->name;
	struct nftnl_rule *rule = nf_ipt_rule_new(c->st.def->name, name);
	struct ipt_rule canon;
	char text[TEXT_MAX];
	uint64_t handle = 0;
	int err;

	if (!rule)
		return -ENOMEM;
	err = nf_rule_canon(r, &canon);
	if (err == 0)
		err = nf_rule_encode(r, rule);
	if (err == 0 && at)
		nftnl_rule_set_u64(rule, replace ? NFTNL_RULE_HANDLE
						 : NFTNL_RULE_POSITION, at);
	if (err == 0) {
		nf_rule_text(&canon, text, sizeof(text));
		err = record_nf_rule(c->ns, c->st.def->name, name, text);
	}
	if (err == 0)
		err = send_rule(c, NFT_MSG_NEWRULE, flags | NLM_F_ECHO, rule);
	nftnl_rule_free(rule);
	if (err == 0)
		err = nf_batch_commit(c->b, echoed, &handle);
	if (err == 0 && handle)
		err = record_nf_handle(c->ns, c->st.def->name, name, handle,
				       text);
	return err;
}

int nf_ipt_rule_add(const char *ns, const char *table, const char *chain,
		    const struct ipt_rule *r, size_t pos)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i = -1;
	const struct ipt_chain *ch;
	unsigned int flags = NLM_F_CREATE | NLM_F_APPEND;
	uint64_t at = 0;

	if (err == 0)
		err = i = chain_at(&c, chain);
	if (err >= 0)
		err = target_ok(&c, r);
	if (err == 0) {
		ch = chain_of(&c, i);
		if (pos > ch->n + 1)
			err = -EINVAL;
		else if (pos >= 1 && pos <= ch->n)
			at = ch->rules[pos - 1].handle;
	}
	if (at)
		flags = NLM_F_CREATE; /* before the rule at that handle */
	if (err == 0)
		err = ensure_chain(&c, i);
	if (err == 0)
		err = put_rule(&c, i, r, flags, at, false);
	return nf_ipt_end(&c, err);
}

int nf_ipt_rule_replace(const char *ns, const char *table,
			const char *chain, size_t pos,
			const struct ipt_rule *r)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i = -1;

	if (err == 0)
		err = i = chain_at(&c, chain);
	if (err >= 0)
		err = target_ok(&c, r);
	if (err == 0 && (pos < 1 || pos > chain_of(&c, i)->n))
		err = -EINVAL;
	if (err == 0)
		err = put_rule(&c, i, r, NLM_F_REPLACE,
			       chain_of(&c, i)->rules[pos - 1].handle, true);
	return nf_ipt_end(&c, err);
}

/* Do a (as typed) and b (as read) mean the same rule? */
static bool same_rule(const struct ipt_rule *a, const struct ipt_rule *b)
{
	char ta[TEXT_MAX], tb[TEXT_MAX];
	struct ipt_rule canon;

	if (b->unreadable)
		return false;
	if (ipt_rule_same(a, b))
		return true;
	if (nf_rule_canon(a, &canon) < 0)
		return false;
	nf_rule_text(&canon, ta, sizeof(ta));
	nf_rule_text(b, tb, sizeof(tb));
	return streq(ta, tb);
}

static int del_handle(struct nf_ipt_change *c, const char *chain,
		      uint64_t handle)
{
	struct nftnl_rule *rule = nf_ipt_rule_new(c->st.def->name, chain);
	int err;

	if (!rule)
		return -ENOMEM;
	if (handle)
		nftnl_rule_set_u64(rule, NFTNL_RULE_HANDLE, handle);
	err = send_rule(c, NFT_MSG_DELRULE, 0, rule);
	nftnl_rule_free(rule);
	return err;
}

int nf_ipt_rule_del(const char *ns, const char *table, const char *chain,
		    size_t pos, const struct ipt_rule *r)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i = -1;
	const struct ipt_chain *ch = NULL;

	if (err == 0)
		err = i = chain_at(&c, chain);
	if (err >= 0) {
		ch = chain_of(&c, i);
		err = pos > ch->n || (pos == 0 && !r) ? -EINVAL : 0;
	}
	for (size_t j = 0; err == 0 && pos == 0 && j < ch->n; j++)
		if (same_rule(r, &ch->rules[j]))
			pos = j + 1;
	if (err == 0 && pos == 0)
		err = -ENOENT;
	if (err == 0)
		err = del_handle(&c, chain, ch->rules[pos - 1].handle);
	if (err == 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err);
}

int nf_ipt_flush(const char *ns, const char *table, const char *chain)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i = -1;

	if (err == 0 && chain)
		err = i = chain_at(&c, chain);
	if (err < 0 || !c.st.table_exists || (i >= 0 && !c.st.exists[i]))
		return nf_ipt_end(&c, err < 0 ? err : 0);
	if (chain)
		err = del_handle(&c, chain, 0);
	else {
		struct nftnl_rule *rule = nftnl_rule_alloc();

		err = -ENOMEM;
		if (rule) {
			nftnl_rule_set_u32(rule, NFTNL_RULE_FAMILY, NFPROTO_IPV4);
			nftnl_rule_set_str(rule, NFTNL_RULE_TABLE, table);
			err = send_rule(&c, NFT_MSG_DELRULE, 0, rule);
			nftnl_rule_free(rule);
		}
	}
	if (err == 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err);
}

/* Zeroes a built-in chain's policy counter. */
static int zero_policy(struct nf_ipt_change *c, const char *name)
{
	struct nftnl_chain *ch = nftnl_chain_alloc();
	struct nlmsghdr *h;
	int err = -ENOMEM;

	if (!ch)
		return err;
	nftnl_chain_set_u32(ch, NFTNL_CHAIN_FAMILY, NFPROTO_IPV4);
	nftnl_chain_set_str(ch, NFTNL_CHAIN_TABLE, c->st.def->name);
	nftnl_chain_set_str(ch, NFTNL_CHAIN_NAME, name);
	nftnl_chain_set_u64(ch, NFTNL_CHAIN_PACKETS, 0);
	nftnl_chain_set_u64(ch, NFTNL_CHAIN_BYTES, 0);
	h = nf_batch_msg(c->b, NFT_MSG_NEWCHAIN, NFPROTO_IPV4, 0);
	if (h) {
		nftnl_chain_nlmsg_build_payload(h, ch);
		err = 0;
	}
	nftnl_chain_free(ch);
	return err;
}

/* Zeroes rule r's counter: the same rule, in place (same handle). */
static int zero_rule(struct nf_ipt_change *c, const char *chain,
		     const struct ipt_rule *r)
{
	struct nftnl_rule *rule;
	int err;

	if (r->unreadable || (r->packets == 0 && r->bytes == 0))
		return 0;
	rule = nf_ipt_rule_new(c->st.def->name, chain);
	if (!rule)
		return -ENOMEM;
	err = nf_rule_encode(r, rule);
	nftnl_rule_set_u64(rule, NFTNL_RULE_HANDLE, r->handle);
	if (err == 0)
		err = send_rule(c, NFT_MSG_NEWRULE, NLM_F_REPLACE, rule);
	nftnl_rule_free(rule);
	return err;
}

static int zero_chain(struct nf_ipt_change *c, size_t i)
{
	const struct ipt_chain *ch = chain_of(c, (int)i);
	int err = 0;

	if (!c->st.exists[i])
		return 0;
	if (ch->builtin && (ch->packets || ch->bytes))
		err = zero_policy(c, ch->name);
	for (size_t j = 0; j < ch->n && err == 0; j++)
		err = zero_rule(c, ch->name, &ch->rules[j]);
	return err;
}

int nf_ipt_zero(const char *ns, const char *table, const char *chain)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i = -1;

	if (err == 0 && chain)
		err = i = chain_at(&c, chain);
	for (size_t j = 0; err >= 0 && j < c.st.t.n; j++)
		if (i < 0 || (size_t)i == j)
			err = zero_chain(&c, j);
	if (err >= 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err < 0 ? err : 0);
}
