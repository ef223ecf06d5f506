/* nf-ipt-write.c: changing iptables-nft's tables, one batch a change.
 *
 * Each change takes the world lock (record_nf_begin), reads the table
 * as the kernel holds it, checks what iptables checks, journals what it
 * is about to make, and sends everything in one nfnetlink batch: the
 * table and the built-in chain it needs when they are missing (as
 * iptables-nft makes them), then the change itself.
 */
#include "system.h"

#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <linux/netlink.h>

#include "nf-ipt-private.h"
#include "nf-rule.h"
#include "record.h"


int nf_ipt_begin(struct nf_ipt_change *c, const char *ns, const char *table)
{
	struct nf_sock *s;
	int err;

	*c = (struct nf_ipt_change){.ns = ns};
	err = record_nf_begin();
	if (err == 0)
		err = nf_ipt_load(ns, table, &c->st);
	if (err == 0)
		err = nf_sock(ns, &s);
	if (err == 0 && !(c->b = nf_batch_new(s)))
		err = -ENOMEM;
	return err;
}

int nf_ipt_end(struct nf_ipt_change *c, int err)
{
	nf_batch_free(c->b);
	nf_ipt_state_free(&c->st);
	return record_end(err);
}

static const char *table_of(const struct nf_ipt_change *c)
{
	return c->st.def->name;
}

static int send_table(struct nf_ipt_change *c)
{
	struct nftnl_table *t = nftnl_table_alloc();
	struct nlmsghdr *h;
	int err = -ENOMEM;

	if (!t)
		return err;
	nftnl_table_set_u32(t, NFTNL_TABLE_FAMILY, NFPROTO_IPV4);
	nftnl_table_set_str(t, NFTNL_TABLE_NAME, table_of(c));
	h = nf_batch_msg(c->b, NFT_MSG_NEWTABLE, NFPROTO_IPV4, NLM_F_CREATE);
	if (h) {
		nftnl_table_nlmsg_build_payload(h, t);
		err = 0;
	}
	nftnl_table_free(t);
	return err;
}

int nf_ipt_ensure_table(struct nf_ipt_change *c)
{
	int err;

	if (c->st.table_exists)
		return 0;
	err = record_nf_table(c->ns, table_of(c));
	if (err == 0)
		err = send_table(c);
	if (err == 0)
		c->st.table_exists = true;
	return err;
}

static struct nftnl_chain *chain_obj(const struct nf_ipt_change *c, const char *name)
{
	struct nftnl_chain *ch = nftnl_chain_alloc();

	if (!ch)
		return NULL;
	nftnl_chain_set_u32(ch, NFTNL_CHAIN_FAMILY, NFPROTO_IPV4);
	nftnl_chain_set_str(ch, NFTNL_CHAIN_TABLE, table_of(c));
	nftnl_chain_set_str(ch, NFTNL_CHAIN_NAME, name);
	return ch;
}

/* Sends chain ch (freed here) with flags. */
static int send_chain(struct nf_ipt_change *c, struct nftnl_chain *ch,
		      unsigned int flags)
{
	struct nlmsghdr *h;
	int err = -ENOMEM;

	if (!ch)
		return err;
	h = nf_batch_msg(c->b, NFT_MSG_NEWCHAIN, NFPROTO_IPV4, flags);
	if (h) {
		nftnl_chain_nlmsg_build_payload(h, ch);
		err = 0;
	}
	nftnl_chain_free(ch);
	return err;
}

/* Makes built-in chain i (and the table) unless it is there. */
int nf_ipt_ensure_builtin(struct nf_ipt_change *c, int i, int policy)
{
	const struct nf_ipt_builtin *b = &c->st.def->chains[i];
	struct nftnl_chain *ch;
	int err = nf_ipt_ensure_table(c);

	if (err < 0 || c->st.exists[i])
		return err;
	err = record_nf_chain(c->ns, table_of(c), b->name);
	if (err < 0)
		return err;
	ch = chain_obj(c, b->name);
	if (ch) {
		nftnl_chain_set_u32(ch, NFTNL_CHAIN_HOOKNUM, b->hook);
		nftnl_chain_set_s32(ch, NFTNL_CHAIN_PRIO, b->prio);
		nftnl_chain_set_str(ch, NFTNL_CHAIN_TYPE, c->st.def->type);
		nftnl_chain_set_u32(ch, NFTNL_CHAIN_POLICY, (uint32_t)policy);
	}
	err = send_chain(c, ch, NLM_F_CREATE);
	if (err == 0) {
		c->st.exists[i] = true;
		c->st.t.chains[i].policy = policy;
	}
	return err;
}

int nf_ipt_commit(struct nf_ipt_change *c)
{
	return nf_batch_commit(c->b, NULL, NULL);
}

/* Sets an existing built-in chain's policy. */
static int set_policy(struct nf_ipt_change *c, int i, int policy)
{
	struct ipt_chain *v = &c->st.t.chains[i];
	struct nftnl_chain *ch;
	int err;

	if (v->policy == policy)
		return 0;
	err = record_nf_policy(c->ns, table_of(c), v->name, v->policy);
	if (err < 0)
		return err;
	ch = chain_obj(c, v->name);
	if (ch)
		nftnl_chain_set_u32(ch, NFTNL_CHAIN_POLICY, (uint32_t)policy);
	return send_chain(c, ch, 0);
}

int nf_ipt_policy(const char *ns, const char *table, const char *chain,
		  int policy)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i;

	if (err == 0 && policy != NF_ACCEPT && policy != NF_DROP)
		err = -EINVAL;
	i = err == 0 ? nf_ipt_index(&c.st, chain) : -1;
	if (err == 0 && (i < 0 || !nf_ipt_builtin(table, chain)))
		err = -ENOENT;
	if (err == 0)
		err = c.st.exists[i] ? set_policy(&c, i, policy)
				     : nf_ipt_ensure_builtin(&c, i, policy);
	if (err == 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err);
}

static bool chain_name_ok(const char *name)
{
	size_t len = strlen(name);

	return len > 0 && len <= IPT_CHAIN_MAX && name[0] != '-' &&
	       !strpbrk(name, " \t\n!");
}

int nf_ipt_chain_add(const char *ns, const char *table, const char *chain)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table);

	if (err == 0 && !chain_name_ok(chain))
		err = -EINVAL;
	if (err == 0 && nf_ipt_index(&c.st, chain) >= 0)
		err = -EEXIST;
	if (err == 0)
		err = nf_ipt_ensure_table(&c);
	if (err == 0)
		err = record_nf_chain(ns, table, chain);
	if (err == 0)
		err = send_chain(&c, chain_obj(&c, chain),
				 NLM_F_CREATE | NLM_F_EXCL);
	if (err == 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err);
}

static int send_del_chain(struct nf_ipt_change *c, const char *name)
{
	struct nftnl_chain *ch = chain_obj(c, name);
	struct nlmsghdr *h;
	int err = -ENOMEM;

	if (!ch)
		return err;
	h = nf_batch_msg(c->b, NFT_MSG_DELCHAIN, NFPROTO_IPV4, 0);
	if (h) {
		nftnl_chain_nlmsg_build_payload(h, ch);
		err = 0;
	}
	nftnl_chain_free(ch);
	return err;
}

static bool chain_free(const struct ipt_chain *ch)
{
	return ch->n == 0 && ch->references == 0;
}

int nf_ipt_chain_del(const char *ns, const char *table, const char *chain)
{
	struct nf_ipt_change c;
	int err = nf_ipt_begin(&c, ns, table), i;

	if (err == 0 && !chain) {
		for (size_t j = c.st.def->n; j < c.st.t.n && err == 0; j++)
			if (chain_free(&c.st.t.chains[j]))
				err = send_del_chain(&c, c.st.t.chains[j].name);
	} else if (err == 0) {
		i = nf_ipt_index(&c.st, chain);
		if (i < 0)
			err = -ENOENT;
		else if ((size_t)i < c.st.def->n)
			err = -EINVAL; /* a built-in chain */
		else if (!chain_free(&c.st.t.chains[i]))
			err = -EBUSY;
		else
			err = send_del_chain(&c, chain);
	}
	if (err == 0)
		err = nf_ipt_commit(&c);
	return nf_ipt_end(&c, err);
}
