/* nf-rule.c: an iptables rule as the expressions iptables-nft writes.
 *
 * What iptables-nft 1.8.9 writes (nft --debug=netlink), in its order:
 *   -i/-o NAME   meta load iifname/oifname; cmp eq|neq NAME and its NUL
 *                ("eth+": cmp of "eth" only; "+" alone: the load only)
 *   -s/-d NET    payload load @ network header + 12/16, as many bytes
 *                as the prefix has whole bytes, cmp eq|neq (/0: nothing);
 *                other prefixes: 4 bytes, bitwise & mask ^ 0, cmp
 *   -p PROTO     meta load l4proto; cmp eq|neq, one byte
 *   --sport/--dport  payload load 2b @ transport header + 0/2; cmp
 *                (one port) or range eq|neq (lo:hi); both single ports
 *                negated alike: one 4-byte load and cmp; 0:65535
 *                nothing (when no port narrows anything and one was not
 *                negated: match "tcp"/"udp" with every port)
 *   --icmp-type, -m conntrack, and the targets other than verdicts:
 *                xtables compat expressions (nf-xt.c)
 *   then a counter, then immediate ACCEPT/DROP/RETURN/jump/goto or the
 *   target.
 */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

#include "nf-rule.h"
#include "nf-xt.h"

#define IP_SADDR_OFF 12
#define IP_DADDR_OFF 16

static int add(struct nftnl_rule *rule, struct nftnl_expr *e)
{
	if (!e)
		return -ENOMEM;
	nftnl_rule_add_expr(rule, e);
	return 0;
}

static struct nftnl_expr *expr(const char *name)
{
	return nftnl_expr_alloc(name);
}

static int add_meta(struct nftnl_rule *rule, uint32_t key)
{
	struct nftnl_expr *e = expr("meta");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_KEY, key);
		nftnl_expr_set_u32(e, NFTNL_EXPR_META_DREG, NFT_REG_1);
	}
	return add(rule, e);
}

static int add_payload(struct nftnl_rule *rule, uint32_t base, uint32_t off,
		       uint32_t len)
{
	struct nftnl_expr *e = expr("payload");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_DREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_BASE, base);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET, off);
		nftnl_expr_set_u32(e, NFTNL_EXPR_PAYLOAD_LEN, len);
	}
	return add(rule, e);
}

static int add_cmp(struct nftnl_rule *rule, bool neq, const void *data,
		   uint32_t len)
{
	struct nftnl_expr *e = expr("cmp");

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_CMP_OP,
				   neq ? NFT_CMP_NEQ : NFT_CMP_EQ);
		nftnl_expr_set(e, NFTNL_EXPR_CMP_DATA, data, len);
	}
	return add(rule, e);
}

static int add_bitwise(struct nftnl_rule *rule, const void *mask,
		       uint32_t len)
{
	struct nftnl_expr *e = expr("bitwise");
	uint32_t zero = 0;

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_SREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_DREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_BITWISE_LEN, len);
		nftnl_expr_set(e, NFTNL_EXPR_BITWISE_MASK, mask, len);
		nftnl_expr_set(e, NFTNL_EXPR_BITWISE_XOR, &zero, len);
	}
	return add(rule, e);
}

static int add_range(struct nftnl_rule *rule, bool neq, uint16_t lo,
		     uint16_t hi)
{
	struct nftnl_expr *e = expr("range");
	uint16_t from = htons(lo), to = htons(hi);

	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_RANGE_SREG, NFT_REG_1);
		nftnl_expr_set_u32(e, NFTNL_EXPR_RANGE_OP,
				   neq ? NFT_RANGE_NEQ : NFT_RANGE_EQ);
		nftnl_expr_set(e, NFTNL_EXPR_RANGE_FROM_DATA, &from,
			       sizeof(from));
		nftnl_expr_set(e, NFTNL_EXPR_RANGE_TO_DATA, &to, sizeof(to));
	}
	return add(rule, e);
}

static int add_iface(struct nftnl_rule *rule, uint32_t key,
		     const struct ipt_iface *i)
{
	size_t len = strnlen(i->name, sizeof(i->name));
	int err;

	if (!i->set)
		return 0;
	if (len == 0 || len >= sizeof(i->name))
		return -EINVAL;
	err = add_meta(rule, key);
	if (err < 0 || streq(i->name, "+"))
		return err;
	if (i->name[len - 1] == '+')
		return add_cmp(rule, i->invert, i->name, (uint32_t)len - 1);
	return add_cmp(rule, i->invert, i->name, (uint32_t)len + 1);
}

static uint32_t prefix_mask(int len)
{
	return len == 0 ? 0 : 0xffffffffu << (32 - len);
}

static int add_net(struct nftnl_rule *rule, uint32_t off,
		   const struct ipt_net *n)
{
	uint32_t addr = htonl(n->addr), mask = htonl(prefix_mask(n->len));
	int err;

	if (!n->set || (n->len == 0 && !n->invert))
		return 0;
	if (n->len <= 0 || n->len > 32 || (n->addr & ~prefix_mask(n->len)))
		return -EINVAL; /* iptables-nft cannot say "! -s 0/0" either */
	if (n->len % 8 == 0) {
		err = add_payload(rule, NFT_PAYLOAD_NETWORK_HEADER, off,
				  (uint32_t)n->len / 8);
		return err < 0 ? err : add_cmp(rule, n->invert, &addr,
					       (uint32_t)n->len / 8);
	}
	err = add_payload(rule, NFT_PAYLOAD_NETWORK_HEADER, off, 4);
	if (err == 0)
		err = add_bitwise(rule, &mask, 4);
	return err < 0 ? err : add_cmp(rule, n->invert, &addr, 4);
}

static int add_port(struct nftnl_rule *rule, uint32_t off,
		    const struct ipt_ports *p)
{
	uint16_t port = htons(p->lo);
	int err;

	if (!p->set)
		return 0;
	if (p->lo > p->hi)
		return -EINVAL;
	err = add_payload(rule, NFT_PAYLOAD_TRANSPORT_HEADER, off, 2);
	if (err < 0)
		return err;
	if (p->lo == p->hi)
		return add_cmp(rule, p->invert, &port, sizeof(port));
	return add_range(rule, p->invert, p->lo, p->hi);
}

typedef struct nftnl_expr *xt_make_fn(const struct ipt_rule *r, int *err);

/* A compat match or target made by nf-xt.c. */
static int add_xt(struct nftnl_rule *rule, const struct ipt_rule *r,
		  xt_make_fn *make)
{
	int err = -ENOMEM;
	struct nftnl_expr *e = make(r, &err);

	if (!e)
		return err < 0 ? err : -ENOMEM;
	nftnl_rule_add_expr(rule, e);
	return 0;
}

static int add_port_pair(struct nftnl_rule *rule, const struct ipt_ports *s,
			 const struct ipt_ports *d, const uint16_t both[2])
{
	int err;

	if (s->set && d->set && s->lo == s->hi && d->lo == d->hi &&
	    s->invert == d->invert) {
		err = add_payload(rule, NFT_PAYLOAD_TRANSPORT_HEADER, 0, 4);
		return err < 0 ? err : add_cmp(rule, s->invert, both, 4);
	}
	err = add_port(rule, 0, s);
	return err < 0 ? err : add_port(rule, 2, d);
}

/* A port condition that narrows nothing (0:65535, negated or not):
 * iptables-nft writes no expression for it. */
static bool all_ports(const struct ipt_ports *p)
{
	return p->set && p->lo == 0 && p->hi == 0xffff;
}

static int add_ports(struct nftnl_rule *rule, const struct ipt_rule *r)
{
	struct ipt_ports s = r->sport, d = r->dport;
	uint16_t both[2] = {htons(s.lo), htons(d.lo)};
	bool any = (all_ports(&s) && !s.invert) || (all_ports(&d) && !d.invert);

	if (!s.set && !d.set)
		return 0;
	if (r->proto != IPPROTO_TCP && r->proto != IPPROTO_UDP)
		return -EINVAL;
	s.set = s.set && !all_ports(&s);
	d.set = d.set && !all_ports(&d);
	if (!s.set && !d.set) /* as 1.8.9: "-m tcp" alone, or nothing */
		return any ? add_xt(rule, r, nf_xt_any_port) : 0;
	return add_port_pair(rule, &s, &d, both);
}

static int add_matches(struct nftnl_rule *rule, const struct ipt_rule *r)
{
	uint8_t proto = (uint8_t)r->proto;
	int err = add_iface(rule, NFT_META_IIFNAME, &r->in);

	if (err == 0)
		err = add_iface(rule, NFT_META_OIFNAME, &r->out);
	if (err == 0)
		err = add_net(rule, IP_SADDR_OFF, &r->src);
	if (err == 0)
		err = add_net(rule, IP_DADDR_OFF, &r->dst);
	if (err == 0 && r->proto) {
		err = add_meta(rule, NFT_META_L4PROTO);
		if (err == 0)
			err = add_cmp(rule, r->proto_invert, &proto, 1);
	}
	if (err == 0)
		err = add_ports(rule, r);
	if (err == 0 && r->icmp_type_set)
		err = r->proto == IPPROTO_ICMP && !r->proto_invert
			      ? add_xt(rule, r, nf_xt_icmp)
			      : -EINVAL;
	if (err == 0 && r->ctstate)
		err = add_xt(rule, r, nf_xt_conntrack);
	return err;
}

static int add_counter(struct nftnl_rule *rule)
{
	struct nftnl_expr *e = expr("counter");

	if (e) {
		nftnl_expr_set_u64(e, NFTNL_EXPR_CTR_PACKETS, 0);
		nftnl_expr_set_u64(e, NFTNL_EXPR_CTR_BYTES, 0);
	}
	return add(rule, e);
}

static int add_verdict(struct nftnl_rule *rule, const struct ipt_rule *r)
{
	static const int codes[] = {
		[IPT_ACCEPT] = NF_ACCEPT, [IPT_DROP] = NF_DROP,
		[IPT_RETURN] = NFT_RETURN, [IPT_JUMP] = NFT_JUMP,
		[IPT_GOTO] = NFT_GOTO,
	};
	struct nftnl_expr *e;
	bool chain = r->verdict == IPT_JUMP || r->verdict == IPT_GOTO;

	if (r->verdict == IPT_NONE)
		return 0;
	if ((size_t)r->verdict >= ARRAY_SIZE(codes) || (chain && !r->target[0]))
		return -EINVAL;
	e = expr("immediate");
	if (e) {
		nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_DREG, NFT_REG_VERDICT);
		nftnl_expr_set_u32(e, NFTNL_EXPR_IMM_VERDICT,
				   (uint32_t)codes[r->verdict]);
		if (chain)
			nftnl_expr_set_str(e, NFTNL_EXPR_IMM_CHAIN, r->target);
	}
	return add(rule, e);
}

int nf_rule_encode(const struct ipt_rule *r, struct nftnl_rule *rule)
{
	int err = add_matches(rule, r);

	nftnl_rule_set_u32(rule, NFTNL_RULE_COMPAT_PROTO, (uint32_t)r->proto);
	nftnl_rule_set_u32(rule, NFTNL_RULE_COMPAT_FLAGS,
			   r->proto_invert ? NFT_RULE_COMPAT_F_INV : 0);
	if (err == 0)
		err = add_counter(rule);
	if (err < 0)
		return err;
	if (nf_xt_is_target(r))
		return add_xt(rule, r, nf_xt_target);
	return add_verdict(rule, r);
}

int nf_rule_canon(const struct ipt_rule *r, struct ipt_rule *out)
{
	struct nftnl_rule *rule = nftnl_rule_alloc();
	int err;

	if (!rule)
		return -ENOMEM;
	err = nf_rule_encode(r, rule);
	if (err == 0)
		err = nf_rule_decode(rule, out);
	nftnl_rule_free(rule);
	return err;
}
