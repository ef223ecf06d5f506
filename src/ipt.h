/* ipt.h: one iptables rule, as a learner types it and iptables -S
 * prints it.
 *
 * The iptables dialect (cmd-iptables.c) parses a command line into a
 * struct ipt_rule; the netfilter layer (nf-rule.c) encodes it into
 * nf_tables expressions exactly as iptables-nft does, and decodes rules
 * read from the kernel (made by nstutor or by the real iptables-nft)
 * back into one; show-ipt.c prints it the way iptables 1.8 prints
 * ("-A FORWARD -s 11.11.11.0/24 -j ACCEPT", or a row of iptables -L).
 * Addresses and ports are in host byte order.
 */
#ifndef NSTUTOR_IPT_H
#define NSTUTOR_IPT_H

#include "system.h"

#include <net/if.h>
#include <stdint.h>

#define IPT_TABLE_MAX 16
#define IPT_CHAIN_MAX 29	/* iptables' XT_EXTENSION_MAXNAMELEN - 1 */

/* -s / -d: an IPv4 network, maybe negated with "!". */
struct ipt_net {
	bool set;
	bool invert;
	uint32_t addr;		/* host order, already masked */
	int len;		/* prefix length 0..32 */
};

/* -i / -o: an interface name; "eth+" matches every name starting eth. */
struct ipt_iface {
	bool set;
	bool invert;
	char name[IFNAMSIZ];
};

/* --sport / --dport: one port or a range lo:hi. */
struct ipt_ports {
	bool set;
	bool invert;
	uint16_t lo, hi;	/* lo == hi: one port */
};

/* -m conntrack --ctstate: bits of the states. */
enum {
	IPT_CT_INVALID = 1u << 0,
	IPT_CT_ESTABLISHED = 1u << 1,
	IPT_CT_RELATED = 1u << 2,
	IPT_CT_NEW = 1u << 3,
	IPT_CT_UNTRACKED = 1u << 4,
};

enum ipt_verdict_kind {
	IPT_NONE,	/* no -j: a rule that only counts */
	IPT_ACCEPT,
	IPT_DROP,
	IPT_RETURN,
	IPT_JUMP,	/* -j USERCHAIN */
	IPT_GOTO,	/* -g USERCHAIN */
	IPT_REJECT,	/* [--reject-with TYPE] */
	IPT_MASQUERADE,	/* [--to-ports P[-P]] */
	IPT_SNAT,	/* --to-source A[-A][:P[-P]] */
	IPT_DNAT,	/* --to-destination A[-A][:P[-P]] */
	IPT_LOG,	/* [--log-prefix S] */
};

/* Where a NAT target sends the packet. */
struct ipt_nat {
	bool has_addr, has_port;
	uint32_t addr_lo, addr_hi;	/* host order */
	uint16_t port_lo, port_hi;
};

struct ipt_rule {
	struct ipt_net src, dst;		/* -s, -d */
	struct ipt_iface in, out;		/* -i, -o */
	int proto;				/* -p: IPPROTO_*, 0: all */
	bool proto_invert;
	struct ipt_ports sport, dport;		/* --sport, --dport */
	bool icmp_type_set;			/* --icmp-type */
	uint8_t icmp_type, icmp_code;		/* code 0xff: any */
	unsigned int ctstate;			/* IPT_CT_* bits, 0: none */
	bool ctstate_invert;
	enum ipt_verdict_kind verdict;
	char target[IPT_CHAIN_MAX + 1];		/* the chain of -j/-g */
	char reject_with[32];			/* "icmp-port-unreachable" */
	char log_prefix[32];
	struct ipt_nat nat;			/* MASQUERADE, SNAT, DNAT */
	/* read from the kernel only */
	uint64_t handle;			/* nf_tables' rule handle */
	uint64_t packets, bytes;		/* its counter */
	bool unreadable;	/* iptables cannot show it: only handle and
				   counter are set */
};

void ipt_rule_init(struct ipt_rule *r);

/* iptables -S's words for rule r in chain ("-A FORWARD ..."), into
 * buf; without "-A CHAIN " when chain is NULL (show-ipt.c). */
void ipt_rule_spec(const struct ipt_rule *r, const char *chain, char *buf,
		   size_t size);
/* Do a and b mean the same rule (as iptables -D RULESPEC compares)? */
bool ipt_rule_same(const struct ipt_rule *a, const struct ipt_rule *b);

/* Names iptables prints and reads (show-ipt.c). */
/* "tcp" for IPPROTO_TCP, "all" for 0; NULL when it has no name. */
const char *ipt_proto_name(int proto);
/* An ICMP type (and code, 0xff: any) by its iptables name; false if
 * there is none. */
bool ipt_icmp_lookup(const char *name, uint8_t *type, uint8_t *code);
/* The target -j NAME names (IPT_NONE: a chain), and back (NULL for
 * IPT_NONE, IPT_JUMP, IPT_GOTO). */
enum ipt_verdict_kind ipt_target_kind(const char *name);
const char *ipt_target_word(enum ipt_verdict_kind kind);
/* The IPT_CT_* bit of a --ctstate word, or 0. */
unsigned int ipt_ctstate_bit(const char *word);

/* How iptables -L / -S print (iptables' -n, -v, -x, --line-numbers). */
enum {
	IPT_FMT_NUMERIC = 1u << 0,
	IPT_FMT_VERBOSE = 1u << 1,
	IPT_FMT_EXACT = 1u << 2,
	IPT_FMT_LINENUMBERS = 1u << 3,
};

struct ipt_chain;

/* iptables -S: "-P CHAIN POLICY" or "-N CHAIN" for c. */
void ipt_print_chain_spec(const struct ipt_chain *c, unsigned int fmt);
/* iptables -S: c's rules ("-A ..."), or only rule num (1..n) when
 * num > 0.  Stops at a rule iptables cannot show: false. */
bool ipt_print_chain_rules(const struct ipt_chain *c, size_t num,
			   unsigned int fmt);
/* iptables -L: c's header and rows, or only row num when num > 0.
 * Stops at a rule iptables cannot show: false. */
bool ipt_print_chain_list(const struct ipt_chain *c, size_t num,
			  unsigned int fmt);

#endif
