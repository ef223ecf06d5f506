/* nl-fdb.h: a bridge's forwarding database and its ports (AF_BRIDGE).
 *
 * fdb_list() reads the fdb entries the kernel reports for bridges and
 * their ports ("bridge fdb show"), in the kernel's order, filtered by
 * the kernel as iproute2 asks it to; bridge_port_list() reads every
 * bridge port with its STP state and options ("bridge link show").
 * Both return 0 or a negative errno.
 */
#ifndef NSTUTOR_NL_FDB_H
#define NSTUTOR_NL_FDB_H

#include "system.h"

#include <net/if.h>

#define FDB_ADDR_MAX 32

struct fdb_entry {
	unsigned char mac[FDB_ADDR_MAX];
	unsigned int mac_len;	/* 0: no NDA_LLADDR */
	int ifindex;		/* the port (or bridge) it is reported on */
	int master;		/* NDA_MASTER: the bridge; 0: none */
	unsigned int vlan;	/* 0: none */
	unsigned int state;	/* NUD_PERMANENT, NUD_NOARP, ... */
	unsigned int flags;	/* NTF_SELF, NTF_MASTER, ... */
	bool has_cacheinfo;
	unsigned int used, updated; /* clock ticks ago (-s) */
};

struct fdb_list {
	size_t n;
	struct fdb_entry *entries;
};

/* Entries of bridge br_ifindex (0: every bridge) on port port_ifindex
 * (0: every port). */
int fdb_list(const char *ns, int br_ifindex, int port_ifindex,
	     struct fdb_list *out);
void fdb_list_free(struct fdb_list *list);

/* The port options "bridge -d link show" prints, in its order. */
enum bridge_port_opt {
	BRPORT_HAIRPIN,
	BRPORT_GUARD,
	BRPORT_ROOT_BLOCK,
	BRPORT_FASTLEAVE,
	BRPORT_LEARNING,
	BRPORT_LEARNING_SYNC,
	BRPORT_FLOOD,
	BRPORT_MCAST_FLOOD,
	BRPORT_BCAST_FLOOD,
	BRPORT_MCAST_ROUTER,
	BRPORT_MCAST_TO_UCAST,
	BRPORT_NEIGH_SUPPRESS,
	BRPORT_VLAN_TUNNEL,
	BRPORT_BACKUP_PORT,
	BRPORT_ISOLATED,
	BRPORT_LOCKED,
	BRPORT_OPT_N
};

struct bridge_port {
	int ifindex;
	char name[IFNAMSIZ];
	unsigned int flags;	/* IFF_* */
	bool has_mtu;
	unsigned int mtu;
	int master;		/* 0: none */
	bool has_link;		/* IFLA_LINK: a veth's peer index */
	int link;
	bool has_link_netnsid;
	bool has_protinfo;
	int state;		/* BR_STATE_*; -1: not reported */
	int priority;		/* -1: not reported */
	long long cost;		/* -1: not reported */
	bool has_opt[BRPORT_OPT_N];
	unsigned int opt[BRPORT_OPT_N];
	bool has_hwmode;
	unsigned int hwmode;
};

struct bridge_port_list {
	size_t n;
	struct bridge_port *ports;
};

int bridge_port_list(const char *ns, struct bridge_port_list *out);
void bridge_port_list_free(struct bridge_port_list *list);

#endif
