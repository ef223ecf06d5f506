/* nl-link.h: network interfaces (links) of a namespace, over rtnetlink.
 *
 * struct link is nstutor's own picture of one interface, read from the
 * kernel; "ip link show", "ip addr show", routes, neighbours and the
 * grader all read links through these functions.  link_create,
 * link_change and link_delete make veth pairs and bridges, and change
 * one link with a single RTM_NEWLINK, as iproute2 does.
 */
#ifndef NSTUTOR_NL_LINK_H
#define NSTUTOR_NL_LINK_H

#include "system.h"

#include <net/if.h>

/* linux/if.h's flags that net/if.h lacks */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000	/* the carrier is on */
#define IFF_DORMANT 0x20000
#define IFF_ECHO 0x40000
#endif

#define LINK_ADDR_MAX 32
#define LINK_OPTS_MAX 64

/* One attribute of a link kind's options (IFLA_INFO_DATA, _SLAVE_DATA),
 * kept raw for "ip -d link". */
struct link_opt {
	unsigned short type;
	unsigned short len;
	unsigned char data[16];
};

struct link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];		/* "veth", "bridge", ...; "" when none */
	char slave_kind[16];	/* "bridge" for a bridge port; "" */
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
	unsigned char perm_addr[LINK_ADDR_MAX];
	unsigned int perm_addr_len;
	char qdisc[32];
	unsigned int txqlen;
	unsigned int group;
	unsigned char operstate; /* IF_OPER_UP, IF_OPER_DOWN, ... */
	unsigned char linkmode;
	unsigned int promiscuity, allmulti;
	unsigned int min_mtu, max_mtu;
	unsigned int num_tx_queues, num_rx_queues;
	unsigned int gso_max_size, gso_max_segs;
	unsigned int tso_max_size, tso_max_segs, gro_max_size;
	int addrgenmode;	/* IFLA_INET6_ADDR_GEN_MODE; -1: none */
	unsigned int has;	/* LINK_HAS_*: attributes the kernel sent */
	size_t n_opts, n_slave_opts;
	struct link_opt opts[LINK_OPTS_MAX];	   /* kind's options */
	struct link_opt slave_opts[LINK_OPTS_MAX]; /* port's options */
};

/* Bits of struct link's has: which attributes were in the reply. */
enum {
	LINK_HAS_MTU = 1u << 0,
	LINK_HAS_QDISC = 1u << 1,
	LINK_HAS_MASTER = 1u << 2,
	LINK_HAS_OPERSTATE = 1u << 3,
	LINK_HAS_LINKMODE = 1u << 4,
	LINK_HAS_GROUP = 1u << 5,
	LINK_HAS_TXQLEN = 1u << 6,
	LINK_HAS_LINK = 1u << 7,
	LINK_HAS_NETNSID = 1u << 8,
	LINK_HAS_PROMISC = 1u << 9,
	LINK_HAS_ALLMULTI = 1u << 10,
	LINK_HAS_MIN_MTU = 1u << 11,
	LINK_HAS_MAX_MTU = 1u << 12,
	LINK_HAS_QUEUES = 1u << 13,
	LINK_HAS_GSO = 1u << 14,
	LINK_HAS_TSO = 1u << 15,
	LINK_HAS_GRO = 1u << 16,
	LINK_HAS_LINKINFO = 1u << 17,
	LINK_HAS_SLAVE_DATA = 1u << 18,
};

struct link_list {
	size_t n;
	struct link *links; /* by ifindex */
};

int link_list(const char *ns, struct link_list *out);
/* The same, asked with an address family (AF_INET6 gives the IPv6
 * view of each link, as "ip -6 addr" shows it). */
int link_list_family(const char *ns, int family, struct link_list *out);
void link_list_free(struct link_list *list);
/* The entry with that ifindex in list, or NULL. */
const struct link *link_list_find(const struct link_list *list,
				  int ifindex);
/* -ENODEV when the namespace has no such link. */
int link_get(const char *ns, const char *name, struct link *out);
int link_get_by_index(const char *ns, int ifindex, struct link *out);
/* The link's name, or "if<N>" when it is not there. */
void link_name(const char *ns, int ifindex, char name[IFNAMSIZ]);
/* The ifindex of a link (positive) or -ENODEV. */
int link_index(const char *ns, const char *name);

/* What "ip link add" or "ip link set" asks of one link. */
struct link_spec {
	const char *name;   /* add: its name; set: a new name; or NULL */
	const char *type;   /* add: the kind ("veth", "bridge") */
	int ns_fd;	    /* move/create in this namespace; -1: no */
	int ns_pid;	    /* or the namespace of this process; 0: no */
	const char *ns_name; /* for the journal, where ns_fd/ns_pid lead:
				a /run/netns name, NULL the world's host,
				"/" outside the world (the default) */
	int up;		    /* 1 up, 0 down, -1 unchanged */
	int master;	    /* ifindex, 0 nomaster, -1 unchanged */
	int mtu;	    /* -1 unchanged */
	int txqlen;	    /* -1 unchanged */
	unsigned char addr[LINK_ADDR_MAX];
	int addr_len;	    /* 0: unchanged */
};

void link_spec_init(struct link_spec *s);
/* Creates a link of s->type; with peer, a veth pair in one request. */
int link_create(const char *ns, const struct link_spec *s,
		const struct link_spec *peer);
/* Changes link ifindex as s says, in one RTM_NEWLINK. */
int link_change(const char *ns, int ifindex, const struct link_spec *s);
int link_delete(const char *ns, int ifindex);
/* Deletes n links of ns at once (a veth takes its peer): they join a
 * link group of their own, which one request deletes, much faster than
 * one by one.  0 or the first -errno. */
int link_delete_many(const char *ns, const int *ifindex, size_t n);

#endif
