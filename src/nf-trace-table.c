/* nf-trace-table.c: the messages that make and remove nstutor's trace
 * table (libnftnl). */
#include "system.h"

#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/table.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

#include "nf-trace-private.h"

#define TRACE_PRIO (-350)	/* before raw (-300) and conntrack */

static struct nlmsghdr *batch_hdr(struct mnl_nlmsg_batch *b, int type,
				  uint16_t flags, unsigned int seq)
{
	return nftnl_nlmsg_build_hdr(mnl_nlmsg_batch_current(b), type,
				     NFPROTO_IPV4, flags | NLM_F_ACK, seq);
}

static int put_table(struct mnl_nlmsg_batch *b, const char *name,
		     int type, bool owner, unsigned int seq)
{
	struct nftnl_table *t = nftnl_table_alloc();
	uint16_t flags = type == NFT_MSG_NEWTABLE ?
				 NLM_F_CREATE | NLM_F_EXCL : 0;

	if (!t)
		return -ENOMEM;
	nftnl_table_set_str(t, NFTNL_TABLE_NAME, name);
	if (owner)
		nftnl_table_set_u32(t, NFTNL_TABLE_FLAGS, NFT_TABLE_F_OWNER);
	nftnl_table_nlmsg_build_payload(batch_hdr(b, type, flags, seq), t);
	nftnl_table_free(t);
	mnl_nlmsg_batch_next(b);
	return 0;
}

static int put_chain(struct mnl_nlmsg_batch *b, const char *table,
		     const char *name, unsigned int hook, unsigned int seq)
{
	struct nftnl_chain *c = nftnl_chain_alloc();

	if (!c)
		return -ENOMEM;
	nftnl_chain_set_str(c, NFTNL_CHAIN_TABLE, table);
	nftnl_chain_set_str(c, NFTNL_CHAIN_NAME, name);
	nftnl_chain_set_u32(c, NFTNL_CHAIN_HOOKNUM, hook);
	nftnl_chain_set_s32(c, NFTNL_CHAIN_PRIO, TRACE_PRIO);
	nftnl_chain_set_str(c, NFTNL_CHAIN_TYPE, "filter");
	nftnl_chain_set_u32(c, NFTNL_CHAIN_POLICY, NF_ACCEPT);
	nftnl_chain_nlmsg_build_payload(
		batch_hdr(b, NFT_MSG_NEWCHAIN, NLM_F_CREATE | NLM_F_EXCL, seq),
		c);
	nftnl_chain_free(c);
	mnl_nlmsg_batch_next(b);
	return 0;
}

/* Adds expression e (NULL when allocating it failed) to rule r. */
static int add_expr(struct nftnl_rule *r, struct nftnl_expr *e)
{
	if (!e)
		return -ENOMEM;
	nftnl_rule_add_expr(r, e);
	return 0;
}

static struct nftnl_expr *expr_meta(int key, int reg_attr)
{
	struct nftnl_expr *e = nftnl_expr_alloc("meta");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, key);
		nftnl_expr_set_u32(e, reg_attr, NFT_REG_1);
	}
	return e;
}

static struct nftnl_expr *expr_eq(const void *data, uint32_t len)
{
	struct nftnl_expr *e = nftnl_expr_alloc("cmp");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_OP, NFT_CMP_EQ);
		nftnl_expr_set(e, NFTNL_EXPR_CMP_DATA, data, len);
	}
	return e;
}

static struct nftnl_expr *expr_ip_addr(unsigned int offset)
{
	struct nftnl_expr *e = nftnl_expr_alloc("payload");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_BASE,
				   NFT_PAYLOAD_NETWORK_HEADER);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET, offset);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_LEN, 4);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_DREG, NFT_REG_1);
	}
	return e;
}

static struct nftnl_expr *expr_one(void)
{
	struct nftnl_expr *e = nftnl_expr_alloc("immediate");
	uint8_t one = 1;

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_DREG, NFT_REG_1);
		nftnl_expr_set(e, NFTNL_EXPR_IMM_DATA, &one, sizeof(one));
	}
	return e;
}

/* "meta l4proto icmp ip saddr|daddr TARGET meta nftrace set 1" */
static int trace_exprs(struct nftnl_rule *r, struct in_addr target,
		       unsigned int offset)
{
	uint8_t icmp = IPPROTO_ICMP;
	int err;

	err = add_expr(r, expr_meta(NFT_META_L4PROTO, NFTNL_EXPR_META_DREG));
	if (!err)
		err = add_expr(r, expr_eq(&icmp, sizeof(icmp)));
	if (!err)
		err = add_expr(r, expr_ip_addr(offset));
	if (!err)
		err = add_expr(r, expr_eq(&target.s_addr, 4));
	if (!err)
		err = add_expr(r, expr_one());
	if (!err)
		err = add_expr(r, expr_meta(NFT_META_NFTRACE,
					    NFTNL_EXPR_META_SREG));
	return err;
}

static int put_rule(struct mnl_nlmsg_batch *b, const char *table,
		    const char *chain, struct in_addr target,
		    unsigned int offset, unsigned int seq)
{
	struct nftnl_rule *r = nftnl_rule_alloc();
	int err;

	if (!r)
		return -ENOMEM;
	nftnl_rule_set_str(r, NFTNL_RULE_TABLE, table);
	nftnl_rule_set_str(r, NFTNL_RULE_CHAIN, chain);
	err = trace_exprs(r, target, offset);
	if (err == 0) {
		nftnl_rule_nlmsg_build_payload(
			batch_hdr(b, NFT_MSG_NEWRULE,
				  NLM_F_CREATE | NLM_F_APPEND, seq), r);
		mnl_nlmsg_batch_next(b);
	}
	nftnl_rule_free(r);
	return err;
}

/* The table, its two chains and their rules (ip saddr, ip daddr). */
int nf_trace_put_table(struct mnl_nlmsg_batch *b, const char *table,
			   struct in_addr target, bool owner,
			   unsigned int seq)
{
	static const struct {
		const char *name;
		unsigned int hook;
	} chains[] = {
		{"prerouting", NF_INET_PRE_ROUTING},
		{"output", NF_INET_LOCAL_OUT},
	};
	int err = put_table(b, table, NFT_MSG_NEWTABLE, owner, seq++);

	for (size_t i = 0; i < ARRAY_SIZE(chains) && !err; i++) {
		const char *chain = chains[i].name;

		err = put_chain(b, table, chain, chains[i].hook, seq++);
		if (!err)
			err = put_rule(b, table, chain, target, 12, seq++);
		if (!err)
			err = put_rule(b, table, chain, target, 16, seq++);
	}
	return err;
}

int nf_trace_put_deltable(struct mnl_nlmsg_batch *b, const char *table,
			  unsigned int seq)
{
	return put_table(b, table, NFT_MSG_DELTABLE, false, seq);
}
