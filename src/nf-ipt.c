/* nf-ipt.c: iptables-nft's tables and chains (placeholder). */
#include "system.h"

#include "nf-ipt.h"

bool nf_ipt_table_known(const char *table)
{
	return streq(table, "filter") || streq(table, "nat");
}

bool nf_ipt_builtin(const char *table, const char *chain)
{
	return false;
}

int nf_ipt_read(const char *ns, const char *table, struct ipt_table *out)
{
	*out = (struct ipt_table){0};
	return -EOPNOTSUPP;
}

void nf_ipt_table_free(struct ipt_table *t)
{
}

const struct ipt_chain *nf_ipt_chain(const struct ipt_table *t,
				     const char *name)
{
	return NULL;
}

int nf_ipt_policy(const char *ns, const char *table, const char *chain,
		  int policy)
{
	return -EOPNOTSUPP;
}

int nf_ipt_chain_add(const char *ns, const char *table, const char *chain)
{
	return -EOPNOTSUPP;
}

int nf_ipt_chain_del(const char *ns, const char *table, const char *chain)
{
	return -EOPNOTSUPP;
}

int nf_ipt_rule_add(const char *ns, const char *table, const char *chain,
		    const struct ipt_rule *r, size_t pos)
{
	return -EOPNOTSUPP;
}

int nf_ipt_rule_replace(const char *ns, const char *table,
			const char *chain, size_t pos,
			const struct ipt_rule *r)
{
	return -EOPNOTSUPP;
}

int nf_ipt_rule_del(const char *ns, const char *table, const char *chain,
		    size_t pos, const struct ipt_rule *r)
{
	return -EOPNOTSUPP;
}

int nf_ipt_flush(const char *ns, const char *table, const char *chain)
{
	return -EOPNOTSUPP;
}

int nf_ipt_zero(const char *ns, const char *table, const char *chain)
{
	return -EOPNOTSUPP;
}
