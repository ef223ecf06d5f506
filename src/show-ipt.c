/* show-ipt.c: iptables rules printed as iptables 1.8.9 (nf_tables)
 * prints them: -S's command words and -L's table.
 *
 * Nothing is looked up on the network: -L without -n prints addresses
 * as -n does (only 0.0.0.0/0 becomes "anywhere"); port and protocol
 * names come from the local /etc/services and /etc/protocols, as
 * iptables' do.
 */
#include "system.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <linux/netfilter.h>	/* after netinet/in.h */

#include "ipt.h"
#include "textbuf.h"
#include "nf-ipt.h"

void ipt_rule_init(struct ipt_rule *r)
{
	*r = (struct ipt_rule){0};
	r->icmp_code = 0xff;
}

/* iptables' own protocol names, before /etc/protocols. */
static const struct {
	const char *name;
	int num;
} ipt_protos[] = {
	{"tcp", IPPROTO_TCP},	  {"sctp", IPPROTO_SCTP},
	{"udp", IPPROTO_UDP},	  {"udplite", IPPROTO_UDPLITE},
	{"icmp", IPPROTO_ICMP},	  {"icmpv6", IPPROTO_ICMPV6},
	{"esp", IPPROTO_ESP},	  {"ah", IPPROTO_AH},
	{"mh", IPPROTO_MH},	  {"all", 0},
};

const char *ipt_proto_name(int proto)
{
	struct protoent *pe;

	for (size_t i = 0; i < ARRAY_SIZE(ipt_protos); i++)
		if (ipt_protos[i].num == proto)
			return ipt_protos[i].name;
	pe = getprotobynumber(proto);
	return pe ? pe->p_name : NULL;
}

static const struct {
	const char *name;
	uint8_t type, code;	/* code 0xff: every code */
} ipt_icmp_names[] = {
	{"any", 0xff, 0xff},
	{"echo-reply", 0, 0xff},
	{"pong", 0, 0xff},
	{"destination-unreachable", 3, 0xff},
	{"network-unreachable", 3, 0},
	{"host-unreachable", 3, 1},
	{"protocol-unreachable", 3, 2},
	{"port-unreachable", 3, 3},
	{"fragmentation-needed", 3, 4},
	{"source-route-failed", 3, 5},
	{"network-unknown", 3, 6},
	{"host-unknown", 3, 7},
	{"network-prohibited", 3, 9},
	{"host-prohibited", 3, 10},
	{"communication-prohibited", 3, 13},
	{"source-quench", 4, 0xff},
	{"redirect", 5, 0xff},
	{"echo-request", 8, 0xff},
	{"ping", 8, 0xff},
	{"router-advertisement", 9, 0xff},
	{"router-solicitation", 10, 0xff},
	{"time-exceeded", 11, 0xff},
	{"ttl-exceeded", 11, 0xff},
	{"parameter-problem", 12, 0xff},
	{"timestamp-request", 13, 0xff},
	{"timestamp-reply", 14, 0xff},
	{"address-mask-request", 17, 0xff},
	{"address-mask-reply", 18, 0xff},
};

bool ipt_icmp_lookup(const char *name, uint8_t *type, uint8_t *code)
{
	for (size_t i = 0; i < ARRAY_SIZE(ipt_icmp_names); i++) {
		if (strcasecmp(name, ipt_icmp_names[i].name) != 0)
			continue;
		*type = ipt_icmp_names[i].type;
		*code = ipt_icmp_names[i].code;
		return true;
	}
	return false;
}

static const char *icmp_name(uint8_t type, uint8_t code)
{
	for (size_t i = 0; i < ARRAY_SIZE(ipt_icmp_names); i++)
		if (ipt_icmp_names[i].type == type &&
		    ipt_icmp_names[i].code == code)
			return ipt_icmp_names[i].name;
	return NULL;
}

static const char *const target_words[] = {
	[IPT_ACCEPT] = "ACCEPT",	 [IPT_DROP] = "DROP",
	[IPT_RETURN] = "RETURN",	 [IPT_REJECT] = "REJECT",
	[IPT_MASQUERADE] = "MASQUERADE", [IPT_SNAT] = "SNAT",
	[IPT_DNAT] = "DNAT",		 [IPT_LOG] = "LOG",
};

const char *ipt_target_word(enum ipt_verdict_kind kind)
{
	if ((size_t)kind >= ARRAY_SIZE(target_words))
		return NULL;
	return target_words[kind];
}

enum ipt_verdict_kind ipt_target_kind(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(target_words); i++)
		if (target_words[i] && streq(name, target_words[i]))
			return (enum ipt_verdict_kind)i;
	return IPT_NONE;
}

/* In the order iptables prints them. */
static const struct out_ct {
	unsigned int bit;
	const char *name;
} ipt_ctstates[] = {
	{IPT_CT_INVALID, "INVALID"},	 {IPT_CT_NEW, "NEW"},
	{IPT_CT_RELATED, "RELATED"},	 {IPT_CT_ESTABLISHED, "ESTABLISHED"},
	{IPT_CT_UNTRACKED, "UNTRACKED"},
};

unsigned int ipt_ctstate_bit(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(ipt_ctstates); i++)
		if (strcasecmp(word, ipt_ctstates[i].name) == 0)
			return ipt_ctstates[i].bit;
	return 0;
}

static const char *inv(bool invert)
{
	return invert ? "! " : "";
}

static void ip_str(uint32_t addr, char *buf)
{
	struct in_addr a = {.s_addr = htonl(addr)};

	inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static void spec_net(struct textbuf *l, const char *opt, const struct ipt_net *n)
{
	char ip[INET_ADDRSTRLEN];

	if (!n->set)
		return;
	ip_str(n->addr, ip);
	textbuf_add(l, " %s%s %s/%d", inv(n->invert), opt, ip, n->len);
}

static void spec_iface(struct textbuf *l, const char *opt,
		       const struct ipt_iface *i)
{
	if (i->set)
		textbuf_add(l, " %s%s %s", inv(i->invert), opt, i->name);
}

static void spec_proto(struct textbuf *l, const struct ipt_rule *r)
{
	const char *name = ipt_proto_name(r->proto);

	if (!r->proto)
		return;
	if (name)
		textbuf_add(l, " %s-p %s", inv(r->proto_invert), name);
	else
		textbuf_add(l, " %s-p %d", inv(r->proto_invert), r->proto);
}

static void spec_ports(struct textbuf *l, const char *opt,
		       const struct ipt_ports *p)
{
	if (!p->set)
		return;
	textbuf_add(l, " %s%s %u", inv(p->invert), opt, p->lo);
	if (p->hi != p->lo)
		textbuf_add(l, ":%u", p->hi);
}

static void spec_matches(struct textbuf *l, const struct ipt_rule *r)
{
	const char *pname = r->proto == IPPROTO_TCP ? "tcp" : "udp";

	if (r->sport.set || r->dport.set) {
		textbuf_add(l, " -m %s", pname);
		spec_ports(l, "--sport", &r->sport);
		spec_ports(l, "--dport", &r->dport);
	}
	if (r->icmp_type_set) {
		textbuf_add(l, " -m icmp --icmp-type %u", r->icmp_type);
		if (r->icmp_code != 0xff)
			textbuf_add(l, "/%u", r->icmp_code);
	}
	if (r->ctstate) {
		const char *sep = "";

		textbuf_add(l, " -m conntrack %s--ctstate ", inv(r->ctstate_invert));
		for (size_t i = 0; i < ARRAY_SIZE(ipt_ctstates); i++) {
			if (!(r->ctstate & ipt_ctstates[i].bit))
				continue;
			textbuf_add(l, "%s%s", sep, ipt_ctstates[i].name);
			sep = ",";
		}
	}
}

/* "A[-A][:P[-P]]" of SNAT and DNAT. */
static void nat_range(struct textbuf *l, const struct ipt_nat *n)
{
	char ip[INET_ADDRSTRLEN];

	if (n->has_addr) {
		ip_str(n->addr_lo, ip);
		textbuf_add(l, "%s", ip);
		if (n->addr_hi != n->addr_lo) {
			ip_str(n->addr_hi, ip);
			textbuf_add(l, "-%s", ip);
		}
	}
	if (n->has_port) {
		textbuf_add(l, ":%u", n->port_lo);
		if (n->port_hi != n->port_lo)
			textbuf_add(l, "-%u", n->port_hi);
	}
}

/* A text option's value as iptables saves it: bare when it is only
 * letters, digits, '_' and '-', else in "..." with \ before each of
 * " \ and '. */
static void spec_string(struct textbuf *l, const char *value)
{
	static const char bare[] = "_-0123456789abcdefghijklmnopqrstuvwxyz"
				   "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t n = strspn(value, bare);

	if (n > 0 && value[n] == '\0') {
		textbuf_add(l, " %s", value);
		return;
	}
	textbuf_add(l, " \"");
	for (const char *p = value; *p; p++)
		textbuf_add(l, strchr("\"\\'", *p) ? "\\%c" : "%c", *p);
	textbuf_add(l, "\"");
}

static void spec_target(struct textbuf *l, const struct ipt_rule *r)
{
	switch (r->verdict) {
	case IPT_NONE:
		return;
	case IPT_JUMP:
		textbuf_add(l, " -j %s", r->target);
		return;
	case IPT_GOTO:
		textbuf_add(l, " -g %s", r->target);
		return;
	default:
		break;
	}
	textbuf_add(l, " -j %s", ipt_target_word(r->verdict));
	if (r->verdict == IPT_REJECT && r->reject_with[0])
		textbuf_add(l, " --reject-with %s", r->reject_with);
	if (r->verdict == IPT_LOG && r->log_prefix[0]) {
		textbuf_add(l, " --log-prefix");
		spec_string(l, r->log_prefix);
	}
	if (r->verdict == IPT_MASQUERADE && r->nat.has_port) {
		textbuf_add(l, " --to-ports %u", r->nat.port_lo);
		if (r->nat.port_hi != r->nat.port_lo)
			textbuf_add(l, "-%u", r->nat.port_hi);
	}
	if (r->verdict == IPT_SNAT || r->verdict == IPT_DNAT) {
		textbuf_add(l, r->verdict == IPT_SNAT ? " --to-source " :
						 " --to-destination ");
		nat_range(l, &r->nat);
	}
}

static void rule_spec(const struct ipt_rule *r, const char *chain,
		      bool counters, char *buf, size_t size)
{
	struct textbuf l;

	textbuf_init(&l, buf, size);
	if (chain)
		textbuf_add(&l, "-A %s", chain);
	spec_net(&l, "-s", &r->src);
	spec_net(&l, "-d", &r->dst);
	spec_iface(&l, "-i", &r->in);
	spec_iface(&l, "-o", &r->out);
	spec_proto(&l, r);
	spec_matches(&l, r);
	if (counters)
		textbuf_add(&l, " -c %" PRIu64 " %" PRIu64, r->packets, r->bytes);
	spec_target(&l, r);
	if (!chain && buf[0] == ' ')
		memmove(buf, buf + 1, strlen(buf));
}

void ipt_rule_spec(const struct ipt_rule *r, const char *chain, char *buf,
		   size_t size)
{
	rule_spec(r, chain, false, buf, size);
}

static bool net_same(const struct ipt_net *a, const struct ipt_net *b)
{
	if (a->set != b->set)
		return false;
	return !a->set || (a->invert == b->invert && a->addr == b->addr &&
			   a->len == b->len);
}

static bool iface_same(const struct ipt_iface *a, const struct ipt_iface *b)
{
	if (a->set != b->set)
		return false;
	return !a->set || (a->invert == b->invert && streq(a->name, b->name));
}

static bool ports_same(const struct ipt_ports *a, const struct ipt_ports *b)
{
	if (a->set != b->set)
		return false;
	return !a->set || (a->invert == b->invert && a->lo == b->lo &&
			   a->hi == b->hi);
}

static bool nat_same(const struct ipt_nat *a, const struct ipt_nat *b)
{
	if (a->has_addr != b->has_addr || a->has_port != b->has_port)
		return false;
	if (a->has_addr &&
	    (a->addr_lo != b->addr_lo || a->addr_hi != b->addr_hi))
		return false;
	return !a->has_port ||
	       (a->port_lo == b->port_lo && a->port_hi == b->port_hi);
}

static bool target_same(const struct ipt_rule *a, const struct ipt_rule *b)
{
	if (a->verdict != b->verdict)
		return false;
	switch (a->verdict) {
	case IPT_JUMP:
	case IPT_GOTO:
		return streq(a->target, b->target);
	case IPT_REJECT:
		return streq(a->reject_with, b->reject_with);
	case IPT_LOG:
		return streq(a->log_prefix, b->log_prefix);
	case IPT_MASQUERADE:
	case IPT_SNAT:
	case IPT_DNAT:
		return nat_same(&a->nat, &b->nat);
	default:
		return true;
	}
}

bool ipt_rule_same(const struct ipt_rule *a, const struct ipt_rule *b)
{
	if (!net_same(&a->src, &b->src) || !net_same(&a->dst, &b->dst) ||
	    !iface_same(&a->in, &b->in) || !iface_same(&a->out, &b->out))
		return false;
	if (a->proto != b->proto || a->proto_invert != b->proto_invert)
		return false;
	if (!ports_same(&a->sport, &b->sport) ||
	    !ports_same(&a->dport, &b->dport))
		return false;
	if (a->icmp_type_set != b->icmp_type_set ||
	    (a->icmp_type_set && (a->icmp_type != b->icmp_type ||
				  a->icmp_code != b->icmp_code)))
		return false;
	if (a->ctstate != b->ctstate ||
	    (a->ctstate && a->ctstate_invert != b->ctstate_invert))
		return false;
	return target_same(a, b);
}

static const char *policy_name(int policy)
{
	return policy == NF_DROP ? "DROP" : "ACCEPT";
}

void ipt_print_chain_spec(const struct ipt_chain *c, unsigned int fmt)
{
	if (!c->builtin) {
		printf("-N %s\n", c->name);
		return;
	}
	printf("-P %s %s", c->name, policy_name(c->policy));
	if (fmt & IPT_FMT_VERBOSE)
		printf(" -c %" PRIu64 " %" PRIu64, c->packets, c->bytes);
	putchar('\n');
}

bool ipt_print_chain_rules(const struct ipt_chain *c, size_t num,
			   unsigned int fmt)
{
	char buf[512];

	for (size_t i = 0; i < c->n; i++) {
		if (num && i + 1 != num)
			continue;
		if (c->rules[i].unreadable)
			return false;
		rule_spec(&c->rules[i], c->name, fmt & IPT_FMT_VERBOSE, buf,
			  sizeof(buf));
		puts(buf);
	}
	return true;
}

/* iptables' xtables_print_num: K, M, G, T unless -x; table: padded. */
static void print_num(uint64_t n, unsigned int fmt, bool table, int width)
{
	static const char suffix[] = "KMGT";
	size_t i;

	if ((fmt & IPT_FMT_EXACT) && table) {
		printf("%*" PRIu64 " ", width, n);
		return;
	}
	if (fmt & IPT_FMT_EXACT) {
		printf("%" PRIu64 " ", n);
		return;
	}
	if (n <= 99999) {
		printf(table ? "%5" PRIu64 " " : "%" PRIu64 " ", n);
		return;
	}
	for (i = 0; i < 3; i++) {
		n = (n + 500) / 1000;
		if (n <= 9999)
			break;
	}
	if (i == 3)
		n = (n + 500) / 1000;
	printf(table ? "%4" PRIu64 "%c " : "%" PRIu64 "%c ", n, suffix[i]);
}

static void list_header(const struct ipt_chain *c, unsigned int fmt)
{
	printf("Chain %s", c->name);
	if (!c->builtin)
		printf(" (%u references)\n", c->references);
	else if (fmt & IPT_FMT_VERBOSE) {
		printf(" (policy %s ", policy_name(c->policy));
		print_num(c->packets, fmt, false, 0);
		fputs("packets, ", stdout);
		print_num(c->bytes, fmt, false, 0);
		fputs("bytes)\n", stdout);
	} else
		printf(" (policy %s)\n", policy_name(c->policy));
	if (fmt & IPT_FMT_LINENUMBERS)
		printf("%-4s ", "num");
	if (fmt & IPT_FMT_VERBOSE) {
		bool exact = fmt & IPT_FMT_EXACT;

		printf("%*s ", exact ? 8 : 5, "pkts");
		printf("%*s ", exact ? 10 : 5, "bytes");
	}
	printf("%-9s  prot opt", "target");
	if (fmt & IPT_FMT_VERBOSE)
		printf(" %-6s %-6s ", "in", "out");
	printf(" %-19s  %-19s \n", "source", "destination");
}

static const char *verdict_name(const struct ipt_rule *r)
{
	if (r->verdict == IPT_JUMP || r->verdict == IPT_GOTO)
		return r->target;
	return r->verdict == IPT_NONE ? "" : ipt_target_word(r->verdict);
}

static void list_iface(const struct ipt_iface *i, unsigned int fmt,
		       const char *pad)
{
	char buf[IFNAMSIZ + 2];
	const char *any = fmt & IPT_FMT_NUMERIC ? "*" : "any";

	snprintf(buf, sizeof(buf), "%s%s", i->set && i->invert ? "!" : "",
		 i->set && i->name[0] ? i->name : any);
	printf(pad, buf);
}

static void list_net(const struct ipt_net *n, unsigned int fmt)
{
	char ip[INET_ADDRSTRLEN], buf[40];

	putchar(n->set && n->invert ? '!' : ' ');
	if ((!n->set || n->len == 0) && !(fmt & IPT_FMT_NUMERIC)) {
		printf("%-19s ", "anywhere");
		return;
	}
	ip_str(n->set ? n->addr : 0, ip);
	if (n->set && n->len == 32)
		snprintf(buf, sizeof(buf), "%s", ip);
	else
		snprintf(buf, sizeof(buf), "%s/%d", ip, n->set ? n->len : 0);
	printf("%-19s ", buf);
}

static void list_port(uint16_t port, const char *proto, unsigned int fmt)
{
	struct servent *se = NULL;

	if (!(fmt & IPT_FMT_NUMERIC))
		se = getservbyport(htons(port), proto);
	if (se)
		printf("%s", se->s_name);
	else
		printf("%u", port);
}

static void list_ports(const char *name, const struct ipt_ports *p,
		       const char *proto, unsigned int fmt)
{
	const char *bang = p->invert ? "!" : "";

	if (!p->set || (p->lo == 0 && p->hi == 0xffff && !p->invert))
		return;
	if (p->lo == p->hi) {
		printf(" %s:%s", name, bang);
		list_port(p->lo, proto, fmt);
		return;
	}
	printf(" %ss:%s", name, bang);
	list_port(p->lo, proto, fmt);
	putchar(':');
	list_port(p->hi, proto, fmt);
}

static void list_icmp(const struct ipt_rule *r, unsigned int fmt)
{
	const char *name = icmp_name(r->icmp_type, r->icmp_code);

	if (!(fmt & IPT_FMT_NUMERIC) && name) {
		printf(" icmp %s", name);
		return;
	}
	printf(" icmptype %u", r->icmp_type);
	if (r->icmp_code != 0xff)
		printf(" code %u", r->icmp_code);
}

static void list_matches(const struct ipt_rule *r, unsigned int fmt)
{
	const char *proto = r->proto == IPPROTO_TCP ? "tcp" : "udp";

	if (r->sport.set || r->dport.set) {
		printf(" %s", proto);
		list_ports("spt", &r->sport, proto, fmt);
		list_ports("dpt", &r->dport, proto, fmt);
	}
	if (r->icmp_type_set)
		list_icmp(r, fmt);
	if (r->ctstate) {
		const char *sep = "";

		printf(" %sctstate ", r->ctstate_invert ? "! " : "");
		for (size_t i = 0; i < ARRAY_SIZE(ipt_ctstates); i++) {
			if (!(r->ctstate & ipt_ctstates[i].bit))
				continue;
			printf("%s%s", sep, ipt_ctstates[i].name);
			sep = ",";
		}
	}
}

static void list_target(const struct ipt_rule *r, unsigned int fmt)
{
	char buf[64];
	struct textbuf l;

	textbuf_init(&l, buf, sizeof(buf));
	switch (r->verdict) {
	case IPT_REJECT:
		printf(" reject-with %s", r->reject_with);
		break;
	case IPT_LOG:
		printf(fmt & IPT_FMT_NUMERIC ? " LOG flags 0 level 4" :
					       " LOG level warn");
		if (r->log_prefix[0])
			printf(" prefix \"%s\"", r->log_prefix);
		break;
	case IPT_MASQUERADE:
		if (!r->nat.has_port)
			break;
		printf(" masq ports: %u", r->nat.port_lo);
		if (r->nat.port_hi != r->nat.port_lo)
			printf("-%u", r->nat.port_hi);
		break;
	case IPT_SNAT:
	case IPT_DNAT:
		nat_range(&l, &r->nat);
		printf(" to:%s", buf);
		break;
	default:
		break;
	}
}

static void list_row(const struct ipt_rule *r, size_t num, unsigned int fmt)
{
	const char *pname = ipt_proto_name(r->proto);

	if (fmt & IPT_FMT_LINENUMBERS)
		printf("%-4zu ", num);
	if (fmt & IPT_FMT_VERBOSE) {
		print_num(r->packets, fmt, true, 8);
		print_num(r->bytes, fmt, true, 8);
	}
	printf("%-9s ", verdict_name(r));
	putchar(r->proto_invert ? '!' : ' ');
	if (pname && !(fmt & IPT_FMT_NUMERIC))
		printf("%-4s ", pname);
	else
		printf("%-4d ", r->proto);
	fputs("-- ", stdout);
	if (fmt & IPT_FMT_VERBOSE) {
		list_iface(&r->in, fmt, " %-6s ");
		list_iface(&r->out, fmt, "%-6s ");
	}
	list_net(&r->src, fmt);
	list_net(&r->dst, fmt);
	if (r->verdict == IPT_GOTO)
		fputs("[goto] ", stdout);
	list_matches(r, fmt);
	list_target(r, fmt);
	putchar('\n');
}

bool ipt_print_chain_list(const struct ipt_chain *c, size_t num,
			  unsigned int fmt)
{
	if (!num)
		list_header(c, fmt);
	for (size_t i = 0; i < c->n; i++) {
		if (num && i + 1 != num)
			continue;
		if (c->rules[i].unreadable)
			return false;
		list_row(&c->rules[i], i + 1, fmt);
	}
	return true;
}
