/* nl-neigh.h: the neighbour (ARP / NDP) tables of a namespace.
 *
 * struct neigh is nstutor's picture of one entry, read from the
 * kernel; "ip neigh" and the grader read the table through
 * neigh_list(); neigh_change() adds, replaces and deletes entries.
 */
#ifndef NSTUTOR_NL_NEIGH_H
#define NSTUTOR_NL_NEIGH_H

#include "system.h"

#define NEIGH_LLADDR_MAX 32

struct neigh {
	int family;		/* AF_INET, AF_INET6 */
	int ifindex;
	unsigned int state;	/* NUD_REACHABLE, NUD_STALE, ... */
	unsigned int flags;	/* NTF_ROUTER, NTF_PROXY, ... */
	unsigned int ext_flags; /* NDA_FLAGS_EXT */
	unsigned char protocol;
	unsigned char dst[16];
	int dst_len;		/* bytes: 4, 16; 0 when none */
	unsigned char lladdr[NEIGH_LLADDR_MAX];
	int lladdr_len;		/* -1: no lladdr attribute */
};

struct neigh_list {
	size_t n;
	struct neigh *neighs; /* in the kernel's order */
};

enum neigh_op { NEIGH_ADD, NEIGH_CHANGE, NEIGH_REPLACE, NEIGH_DELETE };

/* Every entry of family (AF_UNSPEC: IPv4 and IPv6). */
int neigh_list(const char *ns, int family, struct neigh_list *out);
void neigh_list_free(struct neigh_list *list);
/* Adds, replaces or deletes n (lladdr_len < 0: none is sent). */
int neigh_change(const char *ns, enum neigh_op op, const struct neigh *n);

#endif
