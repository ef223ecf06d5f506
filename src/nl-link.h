/* nl-link.h: network interfaces (links) of a namespace, over rtnetlink.
 *
 * struct link is nstutor's own picture of one interface, read from the
 * kernel; "ip link show", "ip addr show", routes, neighbours and the
 * grader all read links through these functions.
 */
#ifndef NSTUTOR_NL_LINK_H
#define NSTUTOR_NL_LINK_H

#include "system.h"

#include <net/if.h>

#define LINK_ADDR_MAX 32

struct link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];		/* "veth", "bridge", ...; "" when none */
	unsigned int flags;	/* IFF_UP, IFF_LOWER_UP, ... */
	unsigned int mtu;
	int master;		/* ifindex of the bridge it is a port of */
	int peer_ifindex;	/* IFLA_LINK: a veth's other end; 0 */
	int peer_netnsid;	/* IFLA_LINK_NETNSID; -1: same namespace */
	unsigned int arptype;	/* ARPHRD_ETHER, ARPHRD_LOOPBACK, ... */
	unsigned char addr[LINK_ADDR_MAX];
	unsigned int addr_len;
	unsigned char broadcast[LINK_ADDR_MAX];
	unsigned int broadcast_len;
	char qdisc[32];
	unsigned int txqlen;
	unsigned int group;
	unsigned char operstate; /* IF_OPER_UP, IF_OPER_DOWN, ... */
	unsigned char linkmode;
	unsigned int promiscuity;
	unsigned int num_tx_queues, num_rx_queues;
	unsigned int gso_max_size, gso_max_segs;
};

struct link_list {
	size_t n;
	struct link *links; /* by ifindex */
};

int link_list(const char *ns, struct link_list *out);
void link_list_free(struct link_list *list);
/* -ENODEV when the namespace has no such link. */
int link_get(const char *ns, const char *name, struct link *out);
int link_get_by_index(const char *ns, int ifindex, struct link *out);
/* The link's name, or "if<N>" when it is not there. */
void link_name(const char *ns, int ifindex, char name[IFNAMSIZ]);
/* The ifindex of a link (positive) or -ENODEV. */
int link_index(const char *ns, const char *name);

#endif
