/* topo.h: the lab as one model, and its pictures.
 *
 * topo_discover() walks the world (its host namespace and every named
 * namespace) and reads, through the nl-*.h, sysctl.h and nf-ipt.h
 * query functions: each namespace's links (type, state, MAC, addresses,
 * master), every veth's other end (resolved across namespaces from the
 * peer's ifindex and the link-netnsid, never from names), each
 * namespace's default routes, and whether it forwards (ip_forward, the
 * FORWARD policy, its NAT rules).  "topology" draws it, checks and the
 * capture timeline read it.
 *
 * topo_draw() draws the model the tutorials' way (topo-draw.c),
 * topo_dot() writes Graphviz DOT, topo_json() the model as JSON
 * (topo-out.c).
 */
#ifndef NSTUTOR_TOPO_H
#define NSTUTOR_TOPO_H

#include "system.h"

#include <limits.h>
#include <net/if.h>
#include <stdio.h>

#define TOPO_ADDRS_MAX 8	/* addresses kept per link */
#define TOPO_NAT_MAX 8		/* NAT rules kept per namespace */
#define TOPO_NAT_LEN 160

struct topo_addr {
	int family;		/* AF_INET, AF_INET6 */
	unsigned char ip[16];
	int prefixlen;
	bool link_local;	/* scope link (fe80::/10): not drawn */
};

struct topo_link {
	int ifindex;
	char name[IFNAMSIZ];
	char kind[16];		/* "veth", "bridge", ""... */
	bool up;		/* IFF_UP: "ip link set up" was done */
	bool lower_up;		/* IFF_LOWER_UP: carrier */
	bool loopback;
	unsigned char mac[6];
	bool has_mac;
	int master;		/* index in the same namespace's links of
				   its bridge; -1: none */
	int peer_ns, peer_link;	/* a veth's other end: indexes in the
				   model; -1 when it has none, or when it
				   is in a namespace outside the world */
	size_t n_addrs;
	struct topo_addr addrs[TOPO_ADDRS_MAX];
};

struct topo_route {
	bool present;
	unsigned char gateway[16]; /* family as the slot: [0] v4, [1] v6 */
	bool has_gateway;
	int link;		/* index of its device in links; -1 */
};

struct topo_ns {
	char name[NAME_MAX + 1]; /* "": the world's host namespace */
	size_t n_links;
	struct topo_link *links; /* by ifindex */
	struct topo_route defaults[2]; /* default route: [0] IPv4, [1] IPv6 */
	int ip_forward;		/* net.ipv4.ip_forward; -1: unknown */
	int forward_policy;	/* filter FORWARD: NF_ACCEPT, NF_DROP; -1:
				   not read (read for the host, and for a
				   namespace with ip_forward 1) */
	size_t n_nat;
	char nat[TOPO_NAT_MAX][TOPO_NAT_LEN]; /* iptables -S words of the
				   nat table's rules, "-A POSTROUTING -s
				   11.11.11.0/24 -j MASQUERADE" */
};

struct topo {
	size_t n_ns;
	struct topo_ns *ns;	/* the host first, then by name */
};

struct topo_options {
	bool firewall;		/* also read FORWARD and nat (nf_tables) */
};

/* Reads the world.  0, or -errno with nothing allocated. */
int topo_discover(const struct topo_options *o, struct topo *t);
void topo_free(struct topo *t);

/* The namespace named name (NULL or "" the host), or NULL. */
const struct topo_ns *topo_ns_find(const struct topo *t, const char *name);
/* The link named name in ns, or NULL. */
const struct topo_link *topo_link_find(const struct topo_ns *ns,
				       const char *name);
/* "host" for the host namespace, else its name. */
const char *topo_ns_label(const struct topo_ns *ns);

/* The namespace of the world that namespace viewer (NULL: the host)
 * calls nsid, as "ip netns list" words: "host" or a name, into buf;
 * false when none of the world's namespaces has that nsid. */
bool topo_nsid_owner(const char *viewer, int nsid, char *buf, size_t size);

/* What a lesson step is about, drawn standing out: a namespace, or a
 * link in it (ifname "" : the namespace itself), with one line of words
 * said under the picture. */
struct topo_focus {
	char ns[NAME_MAX + 1];	/* "" the host */
	char ifname[IFNAMSIZ];
	char why[256];		/* "reth1 exists but is DOWN" */
	bool set;
};

struct topo_draw_opts {
	bool utf8;		/* box-drawing characters; else ASCII */
	bool color;		/* a colour per namespace */
	int width;		/* columns to fit; 0: 80 */
	size_t n_focus;
	const struct topo_focus *focus; /* what to make stand out */
};

/* The picture: the host as the outer box, each namespace a box inside,
 * interfaces on the box edges with names and addresses, veth pairs as
 * wires between their ends, a bridge as a bar with its ports, lo small,
 * a link that is down dashed and marked DOWN, the default routes and
 * the host's forwarding under it. */
void topo_draw(const struct topo *t, const struct topo_draw_opts *o,
	       FILE *out);

/* Graphviz DOT: a cluster per namespace, a node per link, an edge per
 * veth pair and per bridge port. */
void topo_dot(const struct topo *t, FILE *out);
/* The model as one JSON object. */
void topo_json(const struct topo *t, FILE *out);

#endif
