/* nf-legacy.h: the legacy xtables firewall (iptables-legacy), read natively.
 *
 * Beside nf_tables the kernel may hold a second, older set of IPv4
 * rules: the x_tables of iptables-legacy.  The kernel makes a table of
 * a namespace on its first use, so only the tables that
 * /proc/net/ip_tables_names lists are asked about (asking about another
 * would make it); each is read whole with getsockopt IPT_SO_GET_INFO
 * and IPT_SO_GET_ENTRIES on a raw socket in the namespace.  Both need
 * CAP_NET_ADMIN over the namespace.  Namespace NULL is the world's host;
 * functions return 0 or a negative errno.
 */
#ifndef NSTUTOR_NF_LEGACY_H
#define NSTUTOR_NF_LEGACY_H

#include "system.h"

#include <linux/netfilter.h>

#define NF_LEGACY_NAMELEN 32	/* XT_TABLE_MAXNAMELEN */

struct nf_legacy_chain {
	char name[NF_LEGACY_NAMELEN]; /* "FORWARD", or a user chain's */
	int hook;		/* NF_INET_FORWARD ...; -1: a user chain */
	int policy;		/* built-in: NF_ACCEPT or NF_DROP; else -1 */
	unsigned int rules;	/* rules in it (not its policy) */
};

struct nf_legacy_table {
	char name[NF_LEGACY_NAMELEN];	/* "filter", "nat" ... */
	size_t n;
	struct nf_legacy_chain *chains;	/* built-in first, as stored */
};

struct nf_legacy_list {
	size_t n;
	struct nf_legacy_table *tables; /* ip_tables_names' order */
};

/* Every IPv4 table the namespace has, read whole. */
int nf_legacy_read(const char *ns, struct nf_legacy_list *out);
void nf_legacy_list_free(struct nf_legacy_list *list);

/* Where IPT_SO_GET_INFO says each built-in chain starts and where its
 * policy (the underflow entry) is: offsets into the entries. */
struct nf_legacy_layout {
	unsigned int valid_hooks;
	unsigned int hook_entry[NF_INET_NUMHOOKS];
	unsigned int underflow[NF_INET_NUMHOOKS];
};

/* Splits a table's entries (what IPT_SO_GET_ENTRIES returns, size
 * bytes) into chains; -EBADMSG when they do not hang together. */
int nf_legacy_parse(const struct nf_legacy_layout *l, const void *entries,
		    size_t size, struct nf_legacy_table *out);
void nf_legacy_table_free(struct nf_legacy_table *t);

/* The chain called name in t, or NULL. */
const struct nf_legacy_chain *nf_legacy_chain(const struct nf_legacy_table *t,
					      const char *name);

#endif
