/* ipt-args.c: the values of iptables' options (addresses, ports,
 * protocols, states, NAT ranges), read as iptables 1.8.9 reads them
 * and refused with its words.  Host names are never looked up.
 */
#include "system.h"

#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <strings.h>

#include "cmd-iptables.h"
#include "out.h"

static struct {
	char *buf;
	size_t size;
} caught;

void ipt_param_catch(char *buf, size_t size)
{
	caught.buf = size ? buf : NULL;
	caught.size = size;
	if (caught.buf)
		caught.buf[0] = '\0';
}

int ipt_param_error(const char *hint, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (caught.buf) {
		snprintf(caught.buf, caught.size, "%s", msg);
		return -1;
	}
	out_error("%s: %s\nTry `iptables -h' or 'iptables --help' for more "
		  "information.", IPT_PROGRAM, msg);
	if (hint)
		out_hint("%s", hint);
	return -1;
}

/* A decimal number lo..hi filling the whole word. */
static bool number(const char *word, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*word || *word == '-' || *word == '+')
		return false;
	errno = 0;
	v = strtol(word, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* "10.1.2.3", also "10.1.2" (missing parts are 0), as iptables does. */
static bool dotted(const char *word, uint32_t *addr)
{
	char copy[32], *part, *save = NULL;
	int n = 0;
	long v;

	if (strlen(word) >= sizeof(copy) || !*word || word[0] == '.')
		return false;
	snprintf(copy, sizeof(copy), "%s", word);
	*addr = 0;
	for (part = strtok_r(copy, ".", &save); part;
	     part = strtok_r(NULL, ".", &save)) {
		if (n == 4 || !number(part, 0, 255, &v))
			return false;
		*addr |= (uint32_t)v << (24 - 8 * n++);
	}
	return n > 0 && word[strlen(word) - 1] != '.';
}

static const char *hint_address(void)
{
	return _("Give an IPv4 address like 11.11.11.2 or a network like "
		 "11.11.11.0/24; nstutor does not look up host names.");
}

static int mask_len(const char *word, int *len)
{
	uint32_t m;
	long v;

	if (number(word, 0, 32, &v)) {
		*len = (int)v;
		return 0;
	}
	if (!dotted(word, &m) || (m & (~m >> 1)) != 0 ||
	    (m && (~m & (~m + 1)) != 0))
		return ipt_param_error(
			_("The length after / goes from 0 to 32, like "
			  "10.0.0.0/24 (or a mask like /255.255.255.0)."),
			"invalid mask `%s' specified", word);
	*len = __builtin_popcount(m);
	return 0;
}

int ipt_parse_net(const char *word, struct ipt_net *n)
{
	char host[64];
	const char *slash = strchr(word, '/');
	size_t hl = slash ? (size_t)(slash - word) : strlen(word);
	uint32_t addr;
	int len = 32;

	snprintf(host, sizeof(host), "%.*s", (int)(hl < 63 ? hl : 63), word);
	if (slash && mask_len(slash + 1, &len) < 0)
		return -1;
	if (hl >= sizeof(host) || !dotted(host, &addr))
		return ipt_param_error(hint_address(),
				       "host/network `%s' not found", host);
	n->set = true;
	n->len = len;
	n->addr = len ? addr & (0xffffffffu << (32 - len)) : 0;
	return 0;
}

int ipt_parse_proto(const char *word, int *proto)
{
	static const char *const names[] = {"tcp", "udp", "icmp", "all"};
	static const int nums[] = {IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP, 0};
	struct protoent *pe;
	long v;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcasecmp(word, names[i]) == 0) {
			*proto = nums[i];
			return 0;
		}
	if (number(word, 0, 255, &v)) {
		*proto = (int)v;
		return 0;
	}
	pe = getprotobyname(word);
	if (pe) {
		*proto = pe->p_proto;
		return 0;
	}
	return ipt_param_error(_("A protocol is tcp, udp, icmp, all, or a "
				 "number from 0 to 255."),
			       "unknown protocol \"%s\" specified", word);
}

static bool port(const char *word, const char *proto, uint16_t *out)
{
	struct servent *se;
	char *end;
	unsigned long v;

	if (*word && *word != '-' && *word != '+') {
		errno = 0;
		v = strtoul(word, &end, 0);
		if (!errno && !*end && v <= 65535) {
			*out = (uint16_t)v;
			return true;
		}
	}
	se = getservbyname(word, proto);
	if (!se)
		return false;
	*out = ntohs((uint16_t)se->s_port);
	return true;
}

static int bad_port(const char *word)
{
	return ipt_param_error(_("A port is a number from 0 to 65535 or a "
				 "name from /etc/services (http); a range is "
				 "written 1000:2000."),
			       "invalid port/service `%s' specified", word);
}

int ipt_parse_ports(const char *word, const char *proto,
		    struct ipt_ports *p)
{
	const char *colon = strchr(word, ':');
	char lo[64];

	p->set = true;
	if (!colon) {
		if (!port(word, proto, &p->lo))
			return bad_port(word);
		p->hi = p->lo;
		return 0;
	}
	snprintf(lo, sizeof(lo), "%.*s", (int)(colon - word), word);
	p->lo = 0;
	p->hi = 0xffff;
	if (lo[0] && !port(lo, proto, &p->lo))
		return bad_port(lo);
	if (colon[1] && !port(colon + 1, proto, &p->hi))
		return bad_port(colon + 1);
	if (p->lo > p->hi)
		return ipt_param_error(_("Write the lower port first: "
					 "1000:2000."),
				       "invalid portrange (min > max)");
	return 0;
}

int ipt_parse_icmp(const char *word, struct ipt_rule *r)
{
	const char *hint = _("An ICMP type is a name like echo-request or "
			     "echo-reply, or a number like 8 (or 3/3 with "
			     "its code).");
	const char *slash = strchr(word, '/');
	char type[16];
	long v;

	r->icmp_type_set = true;
	if (ipt_icmp_lookup(word, &r->icmp_type, &r->icmp_code))
		return 0;
	snprintf(type, sizeof(type), "%.*s",
		 (int)(slash ? slash - word : (long)strlen(word)), word);
	if (!number(type, 0, 255, &v))
		return ipt_param_error(hint, "Unknown ICMP type `%s'", word);
	r->icmp_type = (uint8_t)v;
	r->icmp_code = 0xff;
	if (!slash)
		return 0;
	if (!number(slash + 1, 0, 255, &v))
		return ipt_param_error(hint, "Unknown ICMP code `%s'", word);
	r->icmp_code = (uint8_t)v;
	return 0;
}

int ipt_parse_ctstate(const char *word, unsigned int *states)
{
	char copy[128], *s, *save = NULL;
	unsigned int bit;

	snprintf(copy, sizeof(copy), "%s", word);
	*states = 0;
	for (s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		bit = ipt_ctstate_bit(s);
		if (!bit)
			break;
		*states |= bit;
	}
	if (s || !*states)
		return ipt_param_error(_("States are NEW, ESTABLISHED, RELATED, "
					 "INVALID and UNTRACKED, joined by "
					 "commas: --ctstate "
					 "ESTABLISHED,RELATED."),
				       "Bad ctstate \"%s\"", word);
	return 0;
}

static bool l4_with_ports(int proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP;
}

static int nat_ports(const char *word, struct ipt_nat *n)
{
	const char *dash = strchr(word, '-');
	char lo[16];
	long a, b;

	snprintf(lo, sizeof(lo), "%.*s",
		 (int)(dash ? dash - word : (long)strlen(word)), word);
	if (!number(lo, 0, 65535, &a) || (dash && !number(dash + 1, 0, 65535, &b)))
		return ipt_param_error(_("A port is a number from 0 to 65535, "
					 "or a range like 8000-8080."),
				       "Port `%s' not valid",
				       number(lo, 0, 65535, &a) ? dash + 1 : lo);
	if (!dash)
		b = a;
	if (b < a)
		return ipt_param_error(_("Write the lower port first: "
					 "8000-8080."),
				       "Port range `%s' funky", dash + 1);
	n->has_port = true;
	n->port_lo = (uint16_t)a;
	n->port_hi = (uint16_t)b;
	return 0;
}

static int nat_addrs(const char *word, struct ipt_nat *n)
{
	const char *dash = strchr(word, '-');
	char lo[32];

	snprintf(lo, sizeof(lo), "%.*s",
		 (int)(dash ? dash - word : (long)strlen(word)), word);
	if (!dotted(lo, &n->addr_lo) || (dash && !dotted(dash + 1, &n->addr_hi)))
		return ipt_param_error(hint_address(), "Bad IP address \"%s\"",
				       dotted(lo, &n->addr_lo) ? dash + 1 : lo);
	if (!dash)
		n->addr_hi = n->addr_lo;
	n->has_addr = true;
	return 0;
}

int ipt_parse_nat(const char *word, int proto, bool addr, struct ipt_nat *n)
{
	const char *colon = addr ? strchr(word, ':') : NULL;
	const char *ports = addr ? (colon ? colon + 1 : NULL) : word;
	char a[64];

	*n = (struct ipt_nat){0};
	if (ports && !l4_with_ports(proto))
		return ipt_param_error(_("A port in a NAT target needs the "
					 "protocol in the rule: -p tcp or "
					 "-p udp."),
				       "Need TCP, UDP, SCTP or DCCP with port "
				       "specification");
	if (ports && nat_ports(ports, n) < 0)
		return -1;
	if (!addr)
		return 0;
	snprintf(a, sizeof(a), "%.*s",
		 (int)(colon ? colon - word : (long)strlen(word)), word);
	if (a[0] && nat_addrs(a, n) < 0)
		return -1;
	return 0;
}

int ipt_parse_reject(const char *word, struct ipt_rule *r)
{
	static const char *const types[][2] = {
		{"icmp-net-unreachable", "net-unreach"},
		{"icmp-host-unreachable", "host-unreach"},
		{"icmp-proto-unreachable", "proto-unreach"},
		{"icmp-port-unreachable", "port-unreach"},
		{"icmp-net-prohibited", "net-prohib"},
		{"icmp-host-prohibited", "host-prohib"},
		{"tcp-reset", "tcp-rst"},
		{"icmp-admin-prohibited", "admin-prohib"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (streq(word, types[i][0]) || streq(word, types[i][1])) {
			snprintf(r->reject_with, sizeof(r->reject_with), "%s",
				 types[i][0]);
			return 0;
		}
	return ipt_param_error(_("Reject types include icmp-port-unreachable "
				 "(the default), icmp-host-prohibited and "
				 "tcp-reset (with -p tcp)."),
			       "unknown reject type \"%s\"", word);
}

int ipt_parse_rulenum(const char *word, size_t *num)
{
	long v;

	if (!number(word, 1, INT_MAX, &v))
		return ipt_param_error(_("Rules are numbered from 1; "
					 "\"iptables -L CHAIN --line-numbers\" "
					 "shows the numbers."),
				       "Invalid rule number `%s'", word);
	*num = (size_t)v;
	return 0;
}
