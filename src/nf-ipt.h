/* nf-ipt.h: the tables and chains of iptables-nft, in one namespace.
 *
 * The layout is iptables-nft's own, so that the real iptables-nft and
 * nstutor read and write each other's rules: family ip, tables
 * "filter" (base chains INPUT, FORWARD, OUTPUT: type filter, priority
 * 0) and "nat" (PREROUTING: type nat, priority -100; INPUT 100; OUTPUT
 * -100; POSTROUTING 100), made the first time a command needs them,
 * as iptables-nft does: iptables-nft 1.8.9 makes the table and only
 * the built-in chain the command names (policy accept), and so does
 * nstutor; user chains are plain chains; rules are encoded by
 * nf-rule.c.  Every change is one
 * nfnetlink batch (all or nothing) journaled first (record.h).  One
 * netfilter socket is kept per namespace.  Namespace NULL is the
 * world's host.  Functions return 0 or a negative errno: -ENOENT no
 * such table/chain/rule (also: -P on a user chain, -j/-g to a chain
 * that is not a user chain of the table), -EEXIST chain exists,
 * -EBUSY chain still referenced or not empty, -EINVAL no such position
 * (or a rule nf-rule.c cannot encode, a bad chain name, -X of a
 * built-in chain), -EPERM no CAP_NET_ADMIN.  A rule iptables cannot
 * show does not fail nf_ipt_read(): its chain and the rule are marked
 * unreadable.
 */
#ifndef NSTUTOR_NF_IPT_H
#define NSTUTOR_NF_IPT_H

#include "system.h"

#include "ipt.h"

struct ipt_chain {
	char name[IPT_CHAIN_MAX + 1];
	bool builtin;		/* a base chain: has a policy */
	int policy;		/* NF_ACCEPT / NF_DROP; builtin only */
	uint64_t packets, bytes;	/* the policy's counter (builtin) */
	unsigned int references;	/* rules jumping here (user chains) */
	size_t n;
	struct ipt_rule *rules;	/* in order; rule 1 is rules[0] */
	bool unreadable;	/* holds a rule iptables cannot show */
};

struct ipt_table {
	char name[IPT_TABLE_MAX];
	size_t n;
	struct ipt_chain *chains; /* built-ins first, in iptables' order,
				     then user chains by name */
};

/* Is table one iptables knows ("filter", "nat")? */
bool nf_ipt_table_known(const char *table);
/* Is chain a built-in chain of table ("FORWARD" in "filter")? */
bool nf_ipt_builtin(const char *table, const char *chain);

/* The whole table; an empty table (its built-in chains, policy ACCEPT,
 * no rules) when the kernel has none yet: reading makes nothing. */
int nf_ipt_read(const char *ns, const char *table, struct ipt_table *out);
void nf_ipt_table_free(struct ipt_table *t);
/* The chain named name in t, or NULL. */
const struct ipt_chain *nf_ipt_chain(const struct ipt_table *t,
				     const char *name);

int nf_ipt_policy(const char *ns, const char *table, const char *chain,
		  int policy);
int nf_ipt_chain_add(const char *ns, const char *table, const char *chain);
/* chain NULL: every empty, unreferenced user chain (-X alone). */
int nf_ipt_chain_del(const char *ns, const char *table, const char *chain);
/* pos 0: append; 1..n+1: insert before rule pos. */
int nf_ipt_rule_add(const char *ns, const char *table, const char *chain,
		    const struct ipt_rule *r, size_t pos);
/* Replaces rule pos (1..n). */
int nf_ipt_rule_replace(const char *ns, const char *table,
			const char *chain, size_t pos,
			const struct ipt_rule *r);
/* Deletes rule pos (1..n), or, pos 0, the first rule like r. */
int nf_ipt_rule_del(const char *ns, const char *table, const char *chain,
		    size_t pos, const struct ipt_rule *r);
/* chain NULL: every chain of the table (-F alone). */
int nf_ipt_flush(const char *ns, const char *table, const char *chain);
/* Zeroes the counters (-Z): rules' and, for built-ins, the policy's. */
int nf_ipt_zero(const char *ns, const char *table, const char *chain);

#endif
