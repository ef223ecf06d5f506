/* nf-rule-decode.c: the expressions of an iptables-nft rule, read back
 * into a struct ipt_rule (nf-rule.c describes them). */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

#include "nf-rule.h"
#include "nf-xt.h"

/* What the last load put in register 1. */
enum loaded {
	L_NONE, L_IIF, L_OIF, L_SADDR, L_DADDR, L_PROTO, L_SPORT, L_DPORT,
	L_PORTS,
};

struct dec {
	struct ipt_rule *r;
	enum loaded reg;
	uint32_t len;		/* bytes loaded */
	uint32_t mask;		/* network order; bitwise applied */
	bool masked;
	bool verdict;		/* a verdict or target was read */
	bool l4;		/* -p tcp or udp (even negated) matched */
};

static int load_meta(struct dec *d, const struct nftnl_expr *e)
{
	switch (nftnl_expr_get_u32(e, NFTNL_EXPR_META_KEY)) {
	case NFT_META_IIFNAME: d->reg = L_IIF; return 0;
	case NFT_META_OIFNAME: d->reg = L_OIF; return 0;
	case NFT_META_L4PROTO: d->reg = L_PROTO; d->len = 1; return 0;
	default: return -EOPNOTSUPP;
	}
}

static int load_payload(struct dec *d, const struct nftnl_expr *e)
{
	uint32_t base = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_BASE);
	uint32_t off = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET);
	uint32_t len = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_LEN);

	d->len = len;
	d->masked = false;
	if (base == NFT_PAYLOAD_NETWORK_HEADER && len >= 1 && len <= 4 &&
	    (off == 12 || off == 16))
		d->reg = off == 12 ? L_SADDR : L_DADDR;
	else if (base == NFT_PAYLOAD_NETWORK_HEADER && off == 9 && len == 1)
		d->reg = L_PROTO;
	else if (base == NFT_PAYLOAD_TRANSPORT_HEADER && d->l4 && len == 2 &&
		 (off == 0 || off == 2))
		d->reg = off == 0 ? L_SPORT : L_DPORT;
	else if (base == NFT_PAYLOAD_TRANSPORT_HEADER && d->l4 && len == 4 &&
		 off == 0)
		d->reg = L_PORTS;
	else
		return -EOPNOTSUPP;
	return 0;
}

static int bitwise(struct dec *d, const struct nftnl_expr *e)
{
	uint32_t len = 0, xlen = 0;
	const void *mask = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_MASK, &len);
	const uint32_t *xor = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_XOR, &xlen);

	if ((d->reg != L_SADDR && d->reg != L_DADDR) || d->len != 4 ||
	    !mask || len != 4 || !xor || xlen != 4 || *xor != 0 || d->masked)
		return -EOPNOTSUPP;
	memcpy(&d->mask, mask, 4);
	d->masked = true;
	return 0;
}

/* A prefix length from a network-order mask, or -1. */
static int mask_len(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	int n = 0;

	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	return n < 32 && (m << n) ? -1 : n;
}

static int cmp_net(struct dec *d, struct ipt_net *n, const uint8_t *v,
		   uint32_t len, bool neq)
{
	uint32_t addr = 0;
	int plen = d->masked ? mask_len(d->mask) : (int)d->len * 8;

	if (n->set || len != d->len || plen < 0)
		return -EOPNOTSUPP;
	memcpy(&addr, v, len);
	*n = (struct ipt_net){.set = true, .invert = neq, .len = plen};
	n->addr = ntohl(addr) & (plen ? 0xffffffffu << (32 - plen) : 0);
	return 0;
}

static int cmp_iface(struct ipt_iface *i, const char *v, uint32_t len,
		     bool neq)
{
	size_t n = strnlen(v, len);
	bool prefix = n == len;	/* no NUL compared: "eth+" */

	if (i->set || len == 0 || n + prefix >= IFNAMSIZ)
		return -EOPNOTSUPP;
	*i = (struct ipt_iface){.set = true, .invert = neq};
	memcpy(i->name, v, n);
	if (prefix)
		i->name[n] = '+';
	return 0;
}

static int cmp_port(struct ipt_ports *p, uint16_t lo, uint16_t hi, bool neq)
{
	if (p->set)
		return -EOPNOTSUPP;
	*p = (struct ipt_ports){.set = true, .invert = neq, .lo = lo, .hi = hi};
	return 0;
}

static int cmp(struct dec *d, const struct nftnl_expr *e)
{
	uint32_t len = 0, op = nftnl_expr_get_u32(e, NFTNL_EXPR_CMP_OP);
	const uint8_t *v = nftnl_expr_get(e, NFTNL_EXPR_CMP_DATA, &len);
	struct ipt_rule *r = d->r;
	bool neq = op == NFT_CMP_NEQ;
	enum loaded reg = d->reg;
	uint16_t p[2] = {0, 0};

	d->reg = L_NONE;
	if (!v || (op != NFT_CMP_EQ && op != NFT_CMP_NEQ))
		return -EOPNOTSUPP;
	if (reg == L_SPORT || reg == L_DPORT || reg == L_PORTS)
		memcpy(p, v, len < 4 ? len : 4);
	switch (reg) {
	case L_IIF: return cmp_iface(&r->in, (const char *)v, len, neq);
	case L_OIF: return cmp_iface(&r->out, (const char *)v, len, neq);
	case L_SADDR: return cmp_net(d, &r->src, v, len, neq);
	case L_DADDR: return cmp_net(d, &r->dst, v, len, neq);
	case L_PROTO:
		if (len != 1 || r->proto)
			return -EOPNOTSUPP;
		r->proto = v[0];
		r->proto_invert = neq;
		/* iptables-nft loads ports after "! -p tcp" too */
		d->l4 = v[0] == IPPROTO_TCP || v[0] == IPPROTO_UDP;
		return 0;
	case L_SPORT:
	case L_DPORT:
		if (len != 2)
			return -EOPNOTSUPP;
		return cmp_port(reg == L_SPORT ? &r->sport : &r->dport,
				ntohs(p[0]), ntohs(p[0]), neq);
	case L_PORTS:
		if (len != 4 || cmp_port(&r->sport, ntohs(p[0]), ntohs(p[0]), neq))
			return -EOPNOTSUPP;
		return cmp_port(&r->dport, ntohs(p[1]), ntohs(p[1]), neq);
	default:
		return -EOPNOTSUPP;
	}
}

static int range(struct dec *d, const struct nftnl_expr *e)
{
	uint32_t flen = 0, tlen = 0;
	uint32_t op = nftnl_expr_get_u32(e, NFTNL_EXPR_RANGE_OP);
	const uint16_t *from = nftnl_expr_get(e, NFTNL_EXPR_RANGE_FROM_DATA,
					      &flen);
	const uint16_t *to = nftnl_expr_get(e, NFTNL_EXPR_RANGE_TO_DATA, &tlen);
	enum loaded reg = d->reg;

	d->reg = L_NONE;
	if ((reg != L_SPORT && reg != L_DPORT) || !from || !to || flen != 2 ||
	    tlen != 2 || (op != NFT_RANGE_EQ && op != NFT_RANGE_NEQ))
		return -EOPNOTSUPP;
	return cmp_port(reg == L_SPORT ? &d->r->sport : &d->r->dport,
			ntohs(*from), ntohs(*to), op == NFT_RANGE_NEQ);
}

static int verdict(struct dec *d, const struct nftnl_expr *e)
{
	struct ipt_rule *r = d->r;
	const char *chain;

	if (nftnl_expr_get_u32(e, NFTNL_EXPR_IMM_DREG) != NFT_REG_VERDICT)
		return -EOPNOTSUPP;
	switch ((int)nftnl_expr_get_u32(e, NFTNL_EXPR_IMM_VERDICT)) {
	case NF_ACCEPT: r->verdict = IPT_ACCEPT; return 0;
	case NF_DROP: r->verdict = IPT_DROP; return 0;
	case NFT_RETURN: r->verdict = IPT_RETURN; return 0;
	case NFT_JUMP: r->verdict = IPT_JUMP; break;
	case NFT_GOTO: r->verdict = IPT_GOTO; break;
	default: return -EOPNOTSUPP;
	}
	chain = nftnl_expr_get_str(e, NFTNL_EXPR_IMM_CHAIN);
	if (!chain || strlen(chain) >= sizeof(r->target))
		return -EOPNOTSUPP;
	strcpy(r->target, chain);
	return 0;
}

/* The expression e, after those before it. */
static int step(struct dec *d, const struct nftnl_expr *e)
{
	const char *name = nftnl_expr_get_str(e, NFTNL_EXPR_NAME);
	bool iface = d->reg == L_IIF || d->reg == L_OIF;

	if (d->verdict || !name)
		return -EOPNOTSUPP;	/* nothing follows the verdict */
	if (!streq(name, "cmp") && iface)
		d->reg = L_NONE;	/* "-i +": a load alone */
	if (streq(name, "cmp"))
		return cmp(d, e);
	if (d->reg != L_NONE && !streq(name, "bitwise") &&
	    !streq(name, "range"))
		return -EOPNOTSUPP;	/* a load nothing compared */
	if (streq(name, "meta"))
		return load_meta(d, e);
	if (streq(name, "payload"))
		return load_payload(d, e);
	if (streq(name, "bitwise"))
		return bitwise(d, e);
	if (streq(name, "range"))
		return range(d, e);
	if (streq(name, "match"))
		return nf_xt_match_read(e, d->r);
	if (streq(name, "counter")) {
		d->r->packets = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_PACKETS);
		d->r->bytes = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_BYTES);
		return 0;
	}
	d->verdict = true;
	if (streq(name, "immediate"))
		return verdict(d, e);
	if (streq(name, "target"))
		return nf_xt_target_read(e, d->r);
	return -EOPNOTSUPP;
}

int nf_rule_decode(const struct nftnl_rule *rule, struct ipt_rule *r)
{
	struct dec d = {.r = r};
	struct nftnl_expr_iter *it = nftnl_expr_iter_create(rule);
	struct nftnl_expr *e;
	int err = 0;

	*r = (struct ipt_rule){0};
	if (!it)
		return -ENOMEM;
	r->handle = nftnl_rule_get_u64(rule, NFTNL_RULE_HANDLE);
	while (err == 0 && (e = nftnl_expr_iter_next(it)))
		err = step(&d, e);
	nftnl_expr_iter_destroy(it);
	if (err == 0 && d.reg != L_NONE && d.reg != L_IIF && d.reg != L_OIF)
		err = -EOPNOTSUPP;
	return err == -ENOMEM ? err : err < 0 ? -EOPNOTSUPP : 0;
}
