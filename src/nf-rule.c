/* nf-rule.c: iptables rules as nf_tables expressions (placeholder). */
#include "system.h"

#include "nf-rule.h"

int nf_rule_encode(const struct ipt_rule *r, struct nftnl_rule *rule)
{
	return -EOPNOTSUPP;
}

int nf_rule_decode(const struct nftnl_rule *rule, struct ipt_rule *r)
{
	return -EOPNOTSUPP;
}
