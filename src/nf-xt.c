/* nf-xt.c: xtables compat matches and targets, as iptables-nft makes them. */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <libnftnl/expr.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter/xt_LOG.h>
#include <linux/netfilter/xt_conntrack.h>
#include <linux/netfilter/xt_tcpudp.h>
#include <linux/netfilter_ipv4/ipt_REJECT.h>

#include "nf-xt.h"

/* The kernel's struct ipt_icmp (linux/netfilter_ipv4/ip_tables.h, whose
 * IPT_RETURN clashes with ipt.h's). */
struct ipt_icmp {
	uint8_t type;
	uint8_t code[2];	/* range */
	uint8_t invflags;
};

/* --reject-with, by enum ipt_reject_with. */
static const char *const reject_names[] = {
	[IPT_ICMP_NET_UNREACHABLE] = "icmp-net-unreachable",
	[IPT_ICMP_HOST_UNREACHABLE] = "icmp-host-unreachable",
	[IPT_ICMP_PROT_UNREACHABLE] = "icmp-proto-unreachable",
	[IPT_ICMP_PORT_UNREACHABLE] = "icmp-port-unreachable",
	[IPT_ICMP_ECHOREPLY] = NULL,
	[IPT_ICMP_NET_PROHIBITED] = "icmp-net-prohibited",
	[IPT_ICMP_HOST_PROHIBITED] = "icmp-host-prohibited",
	[IPT_TCP_RESET] = "tcp-reset",
	[IPT_ICMP_ADMIN_PROHIBITED] = "icmp-admin-prohibited",
};

/* conntrack's state bits, by IPT_CT_* bit. */
static const unsigned int ct_bits[][2] = {
	{IPT_CT_INVALID, XT_CONNTRACK_STATE_INVALID},
	{IPT_CT_ESTABLISHED, XT_CONNTRACK_STATE_BIT(IP_CT_ESTABLISHED)},
	{IPT_CT_RELATED, XT_CONNTRACK_STATE_BIT(IP_CT_RELATED)},
	{IPT_CT_NEW, XT_CONNTRACK_STATE_BIT(IP_CT_NEW)},
	{IPT_CT_UNTRACKED, XT_CONNTRACK_STATE_UNTRACKED},
};

/* A match or target expression holding a copy of data (libnftnl keeps
 * the pointer it is given and frees it with the expression). */
static struct nftnl_expr *xt_expr(bool target, const char *name,
				  uint32_t rev, const void *data, size_t len,
				  int *err)
{
	struct nftnl_expr *e = nftnl_expr_alloc(target ? "target" : "match");
	void *copy = calloc(1, XT_ALIGN(len));

	*err = -ENOMEM;
	if (!e || !copy) {
		nftnl_expr_free(e);
		free(copy);
		return NULL;
	}
	memcpy(copy, data, len);
	nftnl_expr_set_str(e, target ? NFTNL_EXPR_TG_NAME : NFTNL_EXPR_MT_NAME,
			   name);
	nftnl_expr_set_u32(e, target ? NFTNL_EXPR_TG_REV : NFTNL_EXPR_MT_REV,
			   rev);
	nftnl_expr_set(e, target ? NFTNL_EXPR_TG_INFO : NFTNL_EXPR_MT_INFO,
		       copy, (uint32_t)XT_ALIGN(len));
	*err = 0;
	return e;
}

struct nftnl_expr *nf_xt_icmp(const struct ipt_rule *r, int *err)
{
	struct ipt_icmp m = {.type = r->icmp_type};

	m.code[0] = r->icmp_code == 0xff ? 0 : r->icmp_code;
	m.code[1] = r->icmp_code;
	if (r->icmp_type == 0xff) { /* "any" */
		m.code[0] = 0;
		m.code[1] = 0xff;
	}
	return xt_expr(false, "icmp", 0, &m, sizeof(m), err);
}

struct nftnl_expr *nf_xt_conntrack(const struct ipt_rule *r, int *err)
{
	struct xt_conntrack_mtinfo3 m = {.match_flags = XT_CONNTRACK_STATE};

	for (size_t i = 0; i < ARRAY_SIZE(ct_bits); i++)
		if (r->ctstate & ct_bits[i][0])
			m.state_mask |= (uint16_t)ct_bits[i][1];
	if (r->ctstate_invert)
		m.invert_flags = XT_CONNTRACK_STATE;
	return xt_expr(false, "conntrack", 3, &m, sizeof(m), err);
}

struct nftnl_expr *nf_xt_any_port(const struct ipt_rule *r, int *err)
{
	struct xt_tcp tcp = {.spts = {0, 0xffff}, .dpts = {0, 0xffff}};
	struct xt_udp udp = {.spts = {0, 0xffff}, .dpts = {0, 0xffff}};

	if (r->proto == IPPROTO_TCP)
		return xt_expr(false, "tcp", 0, &tcp, sizeof(tcp), err);
	return xt_expr(false, "udp", 0, &udp, sizeof(udp), err);
}

static int reject_code(const char *name)
{
	if (!name[0])
		return IPT_ICMP_PORT_UNREACHABLE;
	for (size_t i = 0; i < ARRAY_SIZE(reject_names); i++)
		if (reject_names[i] && streq(name, reject_names[i]))
			return (int)i;
	return -1;
}

static struct nftnl_expr *reject(const struct ipt_rule *r, int *err)
{
	struct ipt_reject_info t = {0};
	int code = reject_code(r->reject_with);

	if (code < 0) {
		*err = -EINVAL;
		return NULL;
	}
	t.with = (enum ipt_reject_with)code;
	return xt_expr(true, "REJECT", 0, &t, sizeof(t), err);
}

static struct nftnl_expr *log_target(const struct ipt_rule *r, int *err)
{
	struct xt_log_info t = {.level = 4};

	if (strlen(r->log_prefix) >= sizeof(t.prefix)) {
		*err = -EINVAL;
		return NULL;
	}
	memcpy(t.prefix, r->log_prefix, strlen(r->log_prefix));
	return xt_expr(true, "LOG", 0, &t, sizeof(t), err);
}

static unsigned int nat_flags(const struct ipt_nat *n)
{
	return (n->has_addr ? NF_NAT_RANGE_MAP_IPS : 0) |
	       (n->has_port ? NF_NAT_RANGE_PROTO_SPECIFIED : 0);
}

/* MASQUERADE, SNAT: revision 0, the IPv4 compat struct. */
static struct nftnl_expr *nat_compat(const char *name, const struct ipt_nat *n,
				     int *err)
{
	struct nf_nat_ipv4_multi_range_compat t = {.rangesize = 1};
	struct nf_nat_ipv4_range *v = &t.range[0];

	v->flags = nat_flags(n);
	if (n->has_addr) {
		v->min_ip = htonl(n->addr_lo);
		v->max_ip = htonl(n->addr_hi);
	}
	if (n->has_port) {
		v->min.all = htons(n->port_lo);
		v->max.all = htons(n->port_hi);
	}
	return xt_expr(true, name, 0, &t, sizeof(t), err);
}

/* DNAT: revision 2, struct nf_nat_range2. */
static struct nftnl_expr *dnat(const struct ipt_nat *n, int *err)
{
	struct nf_nat_range2 t = {.flags = nat_flags(n)};

	if (n->has_addr) {
		t.min_addr.ip = htonl(n->addr_lo);
		t.max_addr.ip = htonl(n->addr_hi);
	}
	if (n->has_port) {
		t.min_proto.all = htons(n->port_lo);
		t.max_proto.all = htons(n->port_hi);
	}
	return xt_expr(true, "DNAT", 2, &t, sizeof(t), err);
}

bool nf_xt_is_target(const struct ipt_rule *r)
{
	switch (r->verdict) {
	case IPT_REJECT:
	case IPT_LOG:
	case IPT_MASQUERADE:
	case IPT_SNAT:
	case IPT_DNAT:
		return true;
	default:
		return false;
	}
}

struct nftnl_expr *nf_xt_target(const struct ipt_rule *r, int *err)
{
	const struct ipt_nat *n = &r->nat;

	*err = -EINVAL;
	switch (r->verdict) {
	case IPT_REJECT:
		return reject(r, err);
	case IPT_LOG:
		return log_target(r, err);
	case IPT_MASQUERADE:
		return n->has_addr ? NULL : nat_compat("MASQUERADE", n, err);
	case IPT_SNAT:
		return n->has_addr ? nat_compat("SNAT", n, err) : NULL;
	case IPT_DNAT:
		return n->has_addr || n->has_port ? dnat(n, err) : NULL;
	default:
		return NULL;
	}
}

/* ---- reading ---- */

struct xt_data {
	const char *name;
	uint32_t rev;
	const void *data;
	uint32_t len;
};

static void xt_get(const struct nftnl_expr *e, bool target, struct xt_data *x)
{
	x->name = nftnl_expr_get_str(e, target ? NFTNL_EXPR_TG_NAME
					       : NFTNL_EXPR_MT_NAME);
	x->rev = nftnl_expr_get_u32(e, target ? NFTNL_EXPR_TG_REV
					      : NFTNL_EXPR_MT_REV);
	x->data = nftnl_expr_get(e, target ? NFTNL_EXPR_TG_INFO
					   : NFTNL_EXPR_MT_INFO, &x->len);
	if (!x->name)
		x->name = "";
}

static bool fits(const struct xt_data *x, const char *name, uint32_t rev,
		 size_t size)
{
	return streq(x->name, name) && x->rev == rev && x->data &&
	       x->len >= size;
}

static int icmp_read(const struct ipt_icmp *m, struct ipt_rule *r)
{
	if (m->invflags)
		return -EOPNOTSUPP;
	r->icmp_type_set = true;
	r->icmp_type = m->type;
	if (m->code[0] == 0 && m->code[1] == 0xff)
		r->icmp_code = 0xff;
	else if (m->code[0] == m->code[1])
		r->icmp_code = m->code[0];
	else
		return -EOPNOTSUPP;
	return 0;
}

static int conntrack_read(const struct xt_conntrack_mtinfo3 *m,
			  struct ipt_rule *r)
{
	unsigned int left = m->state_mask;

	if (m->match_flags != XT_CONNTRACK_STATE ||
	    (m->invert_flags & ~XT_CONNTRACK_STATE))
		return -EOPNOTSUPP;
	for (size_t i = 0; i < ARRAY_SIZE(ct_bits); i++)
		if (left & ct_bits[i][1]) {
			r->ctstate |= ct_bits[i][0];
			left &= ~ct_bits[i][1];
		}
	if (left || !r->ctstate)
		return -EOPNOTSUPP;
	r->ctstate_invert = m->invert_flags != 0;
	return 0;
}

static void ports_set(struct ipt_ports *p, const uint16_t pts[2], bool inv)
{
	if (pts[0] == 0 && pts[1] == 0xffff && !inv)
		return;
	*p = (struct ipt_ports){.set = true, .invert = inv,
			       .lo = pts[0], .hi = pts[1]};
}

static int tcpudp_read(const uint16_t spts[2], const uint16_t dpts[2],
		       unsigned int inv, struct ipt_rule *r)
{
	if (inv & ~(unsigned int)(XT_TCP_INV_SRCPT | XT_TCP_INV_DSTPT))
		return -EOPNOTSUPP;
	ports_set(&r->sport, spts, inv & XT_TCP_INV_SRCPT);
	ports_set(&r->dport, dpts, inv & XT_TCP_INV_DSTPT);
	return 0;
}

int nf_xt_match_read(const struct nftnl_expr *e, struct ipt_rule *r)
{
	struct xt_data x;

	xt_get(e, false, &x);
	if (fits(&x, "icmp", 0, sizeof(struct ipt_icmp)) &&
	    r->proto == IPPROTO_ICMP)
		return icmp_read(x.data, r);
	if (fits(&x, "conntrack", 3, sizeof(struct xt_conntrack_mtinfo3)))
		return conntrack_read(x.data, r);
	if (fits(&x, "tcp", 0, sizeof(struct xt_tcp)) &&
	    r->proto == IPPROTO_TCP) {
		const struct xt_tcp *m = x.data;

		if (m->option || m->flg_mask)
			return -EOPNOTSUPP;
		return tcpudp_read(m->spts, m->dpts, m->invflags, r);
	}
	if (fits(&x, "udp", 0, sizeof(struct xt_udp)) &&
	    r->proto == IPPROTO_UDP) {
		const struct xt_udp *m = x.data;

		return tcpudp_read(m->spts, m->dpts, m->invflags, r);
	}
	return -EOPNOTSUPP;
}

static int nat_set(struct ipt_rule *r, unsigned int flags, uint32_t lo,
		   uint32_t hi, uint16_t plo, uint16_t phi)
{
	struct ipt_nat *n = &r->nat;

	if (flags & ~(unsigned int)(NF_NAT_RANGE_MAP_IPS |
				    NF_NAT_RANGE_PROTO_SPECIFIED))
		return -EOPNOTSUPP;
	n->has_addr = flags & NF_NAT_RANGE_MAP_IPS;
	n->has_port = flags & NF_NAT_RANGE_PROTO_SPECIFIED;
	if (n->has_addr) {
		n->addr_lo = ntohl(lo);
		n->addr_hi = ntohl(hi);
	}
	if (n->has_port) {
		n->port_lo = ntohs(plo);
		n->port_hi = ntohs(phi);
	}
	return 0;
}

static int nat_read(const struct xt_data *x, struct ipt_rule *r)
{
	if (x->rev == 0 &&
	    x->len >= sizeof(struct nf_nat_ipv4_multi_range_compat)) {
		const struct nf_nat_ipv4_multi_range_compat *t = x->data;
		const struct nf_nat_ipv4_range *v = &t->range[0];

		if (t->rangesize != 1)
			return -EOPNOTSUPP;
		return nat_set(r, v->flags, v->min_ip, v->max_ip, v->min.all,
			       v->max.all);
	}
	if ((x->rev == 1 && x->len >= sizeof(struct nf_nat_range)) ||
	    (x->rev == 2 && x->len >= sizeof(struct nf_nat_range2))) {
		const struct nf_nat_range *t = x->data; /* range2's head */

		return nat_set(r, t->flags, t->min_addr.ip, t->max_addr.ip,
			       t->min_proto.all, t->max_proto.all);
	}
	return -EOPNOTSUPP;
}

static int nat_target_read(const struct xt_data *x, struct ipt_rule *r)
{
	int err;

	if (streq(x->name, "MASQUERADE")) {
		r->verdict = IPT_MASQUERADE;
		err = x->rev == 0 ? nat_read(x, r) : -EOPNOTSUPP;
		return err == 0 && r->nat.has_addr ? -EOPNOTSUPP : err;
	}
	r->verdict = streq(x->name, "SNAT") ? IPT_SNAT : IPT_DNAT;
	err = nat_read(x, r);
	if (err == 0 && r->verdict == IPT_SNAT && !r->nat.has_addr)
		return -EOPNOTSUPP;
	return err;
}

int nf_xt_target_read(const struct nftnl_expr *e, struct ipt_rule *r)
{
	struct xt_data x;

	xt_get(e, true, &x);
	if (fits(&x, "REJECT", 0, sizeof(struct ipt_reject_info))) {
		const struct ipt_reject_info *t = x.data;

		if ((size_t)t->with >= ARRAY_SIZE(reject_names) ||
		    !reject_names[t->with])
			return -EOPNOTSUPP;
		r->verdict = IPT_REJECT;
		snprintf(r->reject_with, sizeof(r->reject_with), "%s",
			 reject_names[t->with]);
		return 0;
	}
	if (fits(&x, "LOG", 0, sizeof(struct xt_log_info))) {
		const struct xt_log_info *t = x.data;

		if (t->level != 4 || t->logflags)
			return -EOPNOTSUPP;
		r->verdict = IPT_LOG;
		snprintf(r->log_prefix, sizeof(r->log_prefix), "%.*s",
			 (int)sizeof(t->prefix), t->prefix);
		return 0;
	}
	if (x.data && (streq(x.name, "MASQUERADE") || streq(x.name, "SNAT") ||
		       streq(x.name, "DNAT")))
		return nat_target_read(&x, r);
	return -EOPNOTSUPP;
}
