/* show-ipt.c: printing iptables rules as iptables 1.8 does (placeholder). */
#include "system.h"

#include "ipt.h"

void ipt_rule_init(struct ipt_rule *r)
{
	*r = (struct ipt_rule){0};
}

void ipt_rule_spec(const struct ipt_rule *r, const char *chain, char *buf,
		   size_t size)
{
	snprintf(buf, size, "-A %s", chain ? chain : "");
}

bool ipt_rule_same(const struct ipt_rule *a, const struct ipt_rule *b)
{
	return false;
}
