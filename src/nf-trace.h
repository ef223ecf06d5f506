/* nf-trace.h: where netfilter dropped a packet, from nftables traces.
 *
 * While a ping runs, nf_trace_start() arms tracing in every namespace
 * of the world (the host and each named one): a table of nstutor's own,
 * "ip nstutor_trace_<pid>", whose chains hook prerouting and output at
 * priority -350 (before raw, conntrack and nat) and set "meta nftrace
 * set 1" on ICMP to or from the ping's target; and a netlink socket in
 * that namespace subscribed to NFNLGRP_NFTRACE.  The table belongs to
 * the socket (NFT_TABLE_F_OWNER), so the kernel removes it should
 * nstutor die; nf_trace_stop() deletes it and closes the sockets.
 * iptables-nft reads only its own tables and never shows it.
 *
 * The caller polls the sockets beside its own (nf_trace_pollfds) and
 * hands readable ones to nf_trace_read().  A trace event whose verdict
 * is DROP, or a base chain's policy event whose NFTA_TRACE_POLICY is
 * DROP, is a drop; the last one seen is kept (nf_trace_drop).  A
 * policy event without a verdict is never read as a drop.
 */
#ifndef NSTUTOR_NF_TRACE_H
#define NSTUTOR_NF_TRACE_H

#include "system.h"

#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <linux/netfilter/nf_tables.h>

#define NF_TRACE_TABLE "nstutor_trace"	/* the name's prefix */

struct nf_trace;

/* Where one packet was dropped, as a trace event says. */
struct nf_drop {
	char ns[NAME_MAX + 1];		/* "" : the world's host */
	int family;			/* NFPROTO_IPV4 ... */
	char table[NFT_TABLE_MAXNAMELEN];
	char chain[NFT_CHAIN_MAXNAMELEN];
	bool policy;			/* the chain's policy decided */
	uint64_t handle;		/* else the rule's handle */
	unsigned int iif, oif;		/* ifindexes; 0: none */
};

/* Arms tracing of ICMP to and from target in every namespace of the
 * world.  0, or -errno when no namespace could be armed (-EPERM
 * without CAP_NET_ADMIN).  A namespace that cannot be armed is left
 * out. */
int nf_trace_start(struct in_addr target, struct nf_trace **out);
/* Removes the tables and closes the sockets; NULL is fine. */
void nf_trace_stop(struct nf_trace *t);
/* Did every namespace of the world get armed? */
bool nf_trace_complete(const struct nf_trace *t);

/* Fills up to n pollfds (POLLIN) with the trace sockets; how many. */
size_t nf_trace_pollfds(const struct nf_trace *t, struct pollfd *p,
			size_t n);
/* Reads every event waiting on the trace sockets, without blocking. */
void nf_trace_read(struct nf_trace *t);
/* The last drop seen: true with *d filled, false when none. */
bool nf_trace_drop(const struct nf_trace *t, struct nf_drop *d);

/* ---- in words (nf-trace-text.c) ---- */

/* What the learner reads about a drop:
 * "dropped in host: table filter, chain FORWARD, policy DROP (bridged
 * frame, bridge-nf-call-iptables=1)" or "... by rule 3: -A FORWARD
 * -s 11.11.11.2/32 -j DROP".  Reads the rule's iptables text and the
 * namespace's links and sysctl now.  *bridged tells whether the frame
 * was bridged with bridge-nf-call-iptables=1. */
void nf_drop_describe(const struct nf_drop *d, char *buf, size_t size,
		      bool *bridged);

/* Do a and b name the same place and the same cause? */
bool nf_drop_same(const struct nf_drop *a, const struct nf_drop *b);

/* What the last ping left for "explain". */
enum nf_verdict_kind {
	NF_LAST_NONE,		/* no ping yet */
	NF_LAST_REPLIED,	/* every request got its reply */
	NF_LAST_DROPPED,	/* netfilter dropped it: see text */
	NF_LAST_NOT_NETFILTER,	/* lost, and traced: no drop seen */
	NF_LAST_UNTRACED,	/* lost, and tracing was not armed */
};

struct nf_last {
	enum nf_verdict_kind kind;
	char target[INET_ADDRSTRLEN];
	char ns[NAME_MAX + 1];		/* where the ping was sent from */
	char text[512];			/* NF_LAST_DROPPED: the line */
	bool bridged;
	struct nf_drop drop;
};

void nf_last_set(const struct nf_last *last);
const struct nf_last *nf_last_get(void);

#endif
