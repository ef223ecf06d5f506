/* nf.h: the firewall of a namespace, nf_tables over nfnetlink.
 *
 * nstutor speaks to nf_tables with libnftnl and libmnl (never with
 * libnftables, whose GPL-2.0-only licence does not mix with readline's
 * GPL-3.0).  It reads the tables and chains of a family, each chain
 * with its hook, priority, policy and number of rules, in the layout
 * iptables-nft makes and "nft list ruleset" shows (nf.c); it keeps one
 * socket per namespace and sends changes as batches, all or nothing
 * (nf-batch.c).  The
 * kernel answers only a process with CAP_NET_ADMIN over the namespace
 * (-EPERM otherwise).  Namespace NULL is the world's host; functions
 * return 0 or a negative errno, the kernel's own.
 */
#ifndef NSTUTOR_NF_H
#define NSTUTOR_NF_H

#include "system.h"

#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>

struct mnl_socket;
struct nlmsghdr;

/* A nfnetlink socket opened inside one namespace. */
struct nf_sock;

int nf_open(const char *ns, struct nf_sock **out);
void nf_close(struct nf_sock *s);

/* The socket kept for namespace ns (one per namespace, opened on first
 * use, dropped when the name stands for another namespace): not to be
 * closed by the caller.  nf_forget() drops it (after an interrupted
 * dump left messages on it). */
int nf_sock(const char *ns, struct nf_sock **out);
void nf_forget(const char *ns);
/* Drops the sockets of namespaces deleted (or renamed away) since. */
void nf_forget_deleted(void);
void nf_close_all(void);

/* For nf-batch.c: the socket's libmnl handle and sequence numbers. */
struct mnl_socket *nf_sock_mnl(struct nf_sock *s);
unsigned int nf_sock_next_seq(struct nf_sock *s);
void nf_sock_set_seq(struct nf_sock *s, unsigned int seq);

/* Called with each message of a dump: 0 to go on, or a -errno that
 * ends the dump and becomes its result. */
typedef int (*nf_reply_fn)(const struct nlmsghdr *h, void *arg);

/* Dumps every object of NFT_MSG_GET<type> in family (NFPROTO_UNSPEC:
 * all families) and hands each message to fn.  -EINTR when a change
 * of the ruleset interrupted the dump: the rest of it is still on the
 * socket, so close it and start again on a new one. */
int nf_dump(struct nf_sock *s, int type, int family, nf_reply_fn fn,
	    void *arg);

/* A batch: nf_tables changes sent as one transaction, all or nothing.
 * nf_batch_msg() starts a message of the batch (NLM_F_ACK is added)
 * for the caller to fill with a libnftnl *_nlmsg_build_payload(); NULL
 * when the batch is full.  nf_batch_commit() sends it and reads every
 * answer: 0, or the kernel's first -errno; echo (may be NULL) gets what
 * the kernel echoes of messages sent with NLM_F_ECHO (a new rule, with
 * its handle). */
struct nf_batch;

struct nf_batch *nf_batch_new(struct nf_sock *s);
struct nlmsghdr *nf_batch_msg(struct nf_batch *b, int type, int family,
			      unsigned int flags);
int nf_batch_commit(struct nf_batch *b, nf_reply_fn echo, void *arg);
void nf_batch_free(struct nf_batch *b);

struct nf_table {
	int family;			/* NFPROTO_IPV4, NFPROTO_INET ... */
	char name[NFT_TABLE_MAXNAMELEN];
	unsigned int flags;		/* NFT_TABLE_F_DORMANT ... */
	unsigned int chains;		/* how many chains it holds */
};

struct nf_table_list {
	size_t n;
	struct nf_table *tables;	/* in the kernel's order */
};

struct nf_chain {
	int family;
	char table[NFT_TABLE_MAXNAMELEN];
	char name[NFT_CHAIN_MAXNAMELEN];
	bool base;			/* hooked into the stack */
	unsigned int hook;		/* NF_INET_FORWARD ...; base only */
	int prio;			/* base only */
	int policy;			/* NF_ACCEPT or NF_DROP; -1: none */
	char type[16];			/* "filter", "nat", "route" (base) */
	unsigned int rules;		/* how many rules it holds */
};

struct nf_chain_list {
	size_t n;
	struct nf_chain *chains;	/* in the kernel's order */
};

int nf_table_list(const char *ns, int family, struct nf_table_list *out);
void nf_table_list_free(struct nf_table_list *list);
/* Every chain of family, with its rules counted. */
int nf_chain_list(const char *ns, int family, struct nf_chain_list *out);
void nf_chain_list_free(struct nf_chain_list *list);

/* nft's words: "ip", "ip6", "inet", "arp", "bridge", "netdev". */
const char *nf_family_name(int family);
/* nft's hook words: "prerouting", "input", "forward" ... ("?": none). */
const char *nf_hook_name(int family, unsigned int hook);
/* iptables' words for a policy: "ACCEPT", "DROP". */
const char *nf_policy_name(int policy);
/* Is this one of the tables iptables-nft makes ("ip filter", "ip nat",
 * "ip mangle", "ip raw", "ip security")? */
bool nf_xtables_table(int family, const char *name);

#endif
