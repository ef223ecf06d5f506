/* nf-rule-text.c: a rule's every field in one stable line, for tests,
 * for the journal's record of a rule, and for comparing two rules. */
#include "system.h"

#include "nf-rule.h"
#include "textbuf.h"

static const char *neg(bool invert)
{
	return invert ? "!" : "";
}

static void put_net(struct textbuf *t, const char *key, const struct ipt_net *n)
{
	if (n->set)
		textbuf_add(t, " %s=%s%u.%u.%u.%u/%d", key, neg(n->invert),
		    n->addr >> 24, (n->addr >> 16) & 0xff, (n->addr >> 8) & 0xff,
		    n->addr & 0xff, n->len);
}

static void put_ports(struct textbuf *t, const char *key,
		      const struct ipt_ports *p)
{
	if (p->set)
		textbuf_add(t, " %s=%s%u-%u", key, neg(p->invert), p->lo, p->hi);
}

static void put_addr(struct textbuf *t, uint32_t a)
{
	textbuf_add(t, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff,
	    a & 0xff);
}

static void put_nat(struct textbuf *t, const struct ipt_nat *n)
{
	if (n->has_addr) {
		textbuf_add(t, " nat-addr=");
		put_addr(t, n->addr_lo);
		textbuf_add(t, "-");
		put_addr(t, n->addr_hi);
	}
	if (n->has_port)
		textbuf_add(t, " nat-port=%u-%u", n->port_lo, n->port_hi);
}

static const char *const verdicts[] = {
	[IPT_NONE] = "none", [IPT_ACCEPT] = "ACCEPT", [IPT_DROP] = "DROP",
	[IPT_RETURN] = "RETURN", [IPT_JUMP] = "jump", [IPT_GOTO] = "goto",
	[IPT_REJECT] = "REJECT", [IPT_MASQUERADE] = "MASQUERADE",
	[IPT_SNAT] = "SNAT", [IPT_DNAT] = "DNAT", [IPT_LOG] = "LOG",
};

static void put_verdict(struct textbuf *t, const struct ipt_rule *r)
{
	size_t v = (size_t)r->verdict;

	textbuf_add(t, " verdict=%s", v < ARRAY_SIZE(verdicts) ? verdicts[v] : "?");
	if (r->verdict == IPT_JUMP || r->verdict == IPT_GOTO)
		textbuf_add(t, ":%s", r->target);
	if (r->verdict == IPT_REJECT)
		textbuf_add(t, " with=%s", r->reject_with[0] ? r->reject_with
						      : "icmp-port-unreachable");
	if (r->verdict == IPT_LOG)
		textbuf_add(t, " prefix=\"%s\"", r->log_prefix);
	put_nat(t, &r->nat);
}

void nf_rule_text(const struct ipt_rule *r, char *buf, size_t size)
{
	struct textbuf t;

	textbuf_init(&t, buf, size);
	textbuf_add(&t, "rule");
	if (r->in.set)
		textbuf_add(&t, " in=%s%s", neg(r->in.invert), r->in.name);
	if (r->out.set)
		textbuf_add(&t, " out=%s%s", neg(r->out.invert), r->out.name);
	put_net(&t, "src", &r->src);
	put_net(&t, "dst", &r->dst);
	if (r->proto)
		textbuf_add(&t, " proto=%s%d", neg(r->proto_invert), r->proto);
	put_ports(&t, "sport", &r->sport);
	put_ports(&t, "dport", &r->dport);
	if (r->icmp_type_set)
		textbuf_add(&t, " icmp=%u/%u", r->icmp_type, r->icmp_code);
	if (r->ctstate)
		textbuf_add(&t, " ctstate=%s%#x", neg(r->ctstate_invert), r->ctstate);
	put_verdict(&t, r);
}
