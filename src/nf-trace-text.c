/* nf-trace-text.c: a drop in the learner's words, and what "explain"
 * repeats. */
#include "system.h"

#include "ipt.h"
#include "nf-ipt.h"
#include "nf-trace.h"
#include "nf.h"
#include "nl-link.h"
#include "sysctl.h"

static struct nf_last last;

void nf_last_set(const struct nf_last *l)
{
	last = *l;
}

const struct nf_last *nf_last_get(void)
{
	return &last;
}

static const char *drop_ns(const struct nf_drop *d)
{
	return *d->ns ? d->ns : NULL;
}

/* The kind of link ifindex in the drop's namespace: "bridge" when it
 * is one, "port" when it is a bridge's port, else "". */
static const char *bridge_role(const struct nf_drop *d, unsigned int ifindex)
{
	struct link *l;
	const char *role = "";

	if (ifindex == 0 || !(l = malloc(sizeof(*l))))
		return "";
	if (link_get_by_index(drop_ns(d), (int)ifindex, l) == 0) {
		if (streq(l->kind, "bridge"))
			role = "bridge";
		else if (streq(l->slave_kind, "bridge"))
			role = "port";
	}
	free(l);
	return role;
}

/* A frame br_netfilter handed to the IPv4 hooks, with
 * bridge-nf-call-iptables=1: in PREROUTING and POSTROUTING it is on a
 * bridge's port, in FORWARD it comes from and goes to the bridge
 * itself.  A packet routed in or out through the bridge's own address
 * has the bridge on one side only. */
static bool drop_bridged(const struct nf_drop *d)
{
	const char *in;
	char v[16];

	if (d->family != NFPROTO_IPV4 || (!d->iif && !d->oif))
		return false;
	if (sysctl_get(drop_ns(d), "net.bridge.bridge-nf-call-iptables", v,
		       sizeof(v)) < 0 || !streq(v, "1"))
		return false;
	in = bridge_role(d, d->iif);
	if (streq(in, "port"))
		return true;
	if (d->oif == d->iif)
		return streq(in, "bridge");
	return streq(bridge_role(d, d->oif), "port");
}

bool nf_drop_same(const struct nf_drop *a, const struct nf_drop *b)
{
	return streq(a->ns, b->ns) && a->family == b->family &&
	       streq(a->table, b->table) && streq(a->chain, b->chain) &&
	       a->policy == b->policy && a->handle == b->handle &&
	       a->iif == b->iif && a->oif == b->oif;
}

/* Position (1, 2, ...) and iptables text of the rule with the drop's
 * handle; false when iptables cannot say (another table, or a rule
 * iptables could not show). */
static bool drop_rule_text(const struct nf_drop *d, size_t *pos, char *spec,
			   size_t size)
{
	struct ipt_table t;
	const struct ipt_chain *c;
	bool found = false;

	if (!nf_xtables_table(d->family, d->table) ||
	    !nf_ipt_table_known(d->table))
		return false;
	if (nf_ipt_read(drop_ns(d), d->table, &t) < 0)
		return false;
	c = nf_ipt_chain(&t, d->chain);
	for (size_t i = 0; c && i < c->n && !found; i++) {
		if (c->rules[i].handle != d->handle)
			continue;
		*pos = i + 1;
		ipt_rule_spec(&c->rules[i], d->chain, spec, size);
		found = true;
	}
	nf_ipt_table_free(&t);
	return found;
}

/* "filter" for iptables' own tables, "inet fw" for others. */
static void drop_table(const struct nf_drop *d, char *buf, size_t size)
{
	if (nf_xtables_table(d->family, d->table))
		snprintf(buf, size, "%s", d->table);
	else
		snprintf(buf, size, "%s %s", nf_family_name(d->family),
			 d->table);
}

/* "policy DROP", "by rule 3: -A ...", "by rule handle 7" */
static void drop_cause(const struct nf_drop *d, char *buf, size_t size)
{
	char spec[256];
	size_t pos;

	if (d->policy)
		snprintf(buf, size, _("policy %s"), nf_policy_name(NF_DROP));
	else if (drop_rule_text(d, &pos, spec, sizeof(spec)))
		snprintf(buf, size, _("by rule %zu: %s"), pos, spec);
	else if (d->handle == 0)	/* the event named no rule */
		snprintf(buf, size, "%s", _("by a rule"));
	else
		snprintf(buf, size, _("by rule handle %llu"),
			 (unsigned long long)d->handle);
}

void nf_drop_describe(const struct nf_drop *d, char *buf, size_t size,
		      bool *bridged)
{
	char table[NFT_TABLE_MAXNAMELEN + 16], cause[320];

	*bridged = drop_bridged(d);
	drop_table(d, table, sizeof(table));
	drop_cause(d, cause, sizeof(cause));
	/* TRANSLATORS: "dropped in host: table filter, chain FORWARD,
	   policy DROP"; the first %s is a namespace. */
	snprintf(buf, size, _("dropped in %s: table %s, chain %s, %s%s"),
		 *d->ns ? d->ns : _("host"), table, d->chain, cause,
		 *bridged ? _(" (bridged frame, bridge-nf-call-iptables=1)") :
			    "");
}
