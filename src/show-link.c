/* show-link.c: links and addresses printed exactly as iproute2 6.1 does. */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ether.h>
#include <linux/if_addr.h>
#include <net/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "cmd.h"
#include "cmd-ip.h"
#include "inet.h"
#include "netlink.h"
#include "netns.h"
#include "out.h"
#include "show-link.h"

static const struct out_flag flag_names[] = {
	{IFF_LOOPBACK, "LOOPBACK"},	{IFF_BROADCAST, "BROADCAST"},
	{IFF_POINTOPOINT, "POINTOPOINT"}, {IFF_MULTICAST, "MULTICAST"},
	{IFF_NOARP, "NOARP"},		{IFF_ALLMULTI, "ALLMULTI"},
	{IFF_PROMISC, "PROMISC"},	{IFF_MASTER, "MASTER"},
	{IFF_SLAVE, "SLAVE"},		{IFF_DEBUG, "DEBUG"},
	{IFF_DYNAMIC, "DYNAMIC"},	{IFF_AUTOMEDIA, "AUTOMEDIA"},
	{IFF_PORTSEL, "PORTSEL"},	{IFF_NOTRAILERS, "NOTRAILERS"},
	{IFF_UP, "UP"},			{IFF_LOWER_UP, "LOWER_UP"},
	{IFF_DORMANT, "DORMANT"},	{IFF_ECHO, "ECHO"},
};

void show_link_flags(unsigned int flags, bool mdown)
{
	fputs("<", stdout);
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		printf(flags ? "%s," : "%s", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (!(flags & flag_names[i].flag))
			continue;
		flags &= ~flag_names[i].flag;
		printf(flags ? "%s," : "%s", flag_names[i].name);
	}
	if (flags)
		printf("%x", flags);
	if (mdown)
		fputs(",M-DOWN", stdout);
	fputs("> ", stdout);
}

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
	"TESTING", "DORMANT", "UP",
};

static void print_operstate(const struct show_opts *o, unsigned int state)
{
	if (state >= ARRAY_SIZE(oper_states))
		printf("state %#x", state);
	else if (o->brief)
		printf("%-14s ", oper_states[state]);
	else
		printf("state %s ", oper_states[state]);
}

static const char *link_type_name(unsigned int type, char *buf, size_t size)
{
	static const struct {
		unsigned int type;
		const char *name;
	} types[] = {
		{ARPHRD_ETHER, "ether"},    {ARPHRD_LOOPBACK, "loopback"},
		{ARPHRD_VOID, "void"},	    {ARPHRD_NONE, "none"},
		{ARPHRD_TUNNEL, "ipip"},    {ARPHRD_SIT, "sit"},
		{ARPHRD_IPGRE, "gre"},	    {ARPHRD_TUNNEL6, "tunnel6"},
		{ARPHRD_IEEE80211, "ieee802.11"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (types[i].type == type)
			return types[i].name;
	snprintf(buf, size, "[%u]", type);
	return buf;
}

static const char *ll_addr(const unsigned char *a, unsigned int len,
			   unsigned int type, char *buf, size_t size)
{
	if (len == 4 && (type == ARPHRD_TUNNEL || type == ARPHRD_SIT ||
			 type == ARPHRD_IPGRE))
		return inet_format(AF_INET, a, buf, size);
	if (len == 16 && type == ARPHRD_TUNNEL6)
		return inet_format(AF_INET6, a, buf, size);
	return mac_format(a, len, buf, size);
}

const char *show_nsid_name(const char *ns, int nsid, char *buf, size_t size)
{
	struct netns_names names;
	const char *found = NULL;

	if (netns_list(&names) < 0)
		return NULL;
	for (size_t i = 0; i < names.n && !found; i++)
		if (netlink_nsid(ns, names.names[i]) == nsid) {
			snprintf(buf, size, "%s", names.names[i]);
			found = buf;
		}
	netns_names_free(&names);
	return found;
}

/* "veth0@if4", "veth0@veth1"; true when the peer here is down. */
static bool name_and_link(const struct show_opts *o, const struct link *l,
			  const struct link_list *all, char *buf, size_t size)
{
	const struct link *peer;
	char name[IFNAMSIZ];

	if (!(l->has & LINK_HAS_LINK)) {
		snprintf(buf, size, "%s", l->name);
		return false;
	}
	if (!l->peer_ifindex) {
		snprintf(buf, size, "%s@NONE", l->name);
		return false;
	}
	if (l->has & LINK_HAS_NETNSID) {
		snprintf(buf, size, "%s@if%d", l->name, l->peer_ifindex);
		return false;
	}
	peer = link_list_find(all, l->peer_ifindex);
	if (peer) {
		snprintf(buf, size, "%s@%s", l->name, peer->name);
		return !(peer->flags & IFF_UP);
	}
	link_name(o->netns, l->peer_ifindex, name);
	snprintf(buf, size, "%s@%s", l->name, name);
	return false;
}

static void print_link_netns(const struct show_opts *o, const struct link *l)
{
	char name[256];

	if (!(l->has & LINK_HAS_NETNSID))
		return;
	if (l->peer_netnsid < 0)
		printf(" link-netnsid %s", "unknown");
	else if (show_nsid_name(o->netns, l->peer_netnsid, name, sizeof(name)))
		printf(" link-netns %s", name);
	else
		printf(" link-netnsid %d", l->peer_netnsid);
}

static void print_link_layer(const struct link *l)
{
	char b[128];

	printf("\n    link/%s ", link_type_name(l->arptype, b, sizeof(b)));
	if (l->addr_len)
		fputs(ll_addr(l->addr, l->addr_len, l->arptype, b, sizeof(b)),
		      stdout);
	if (l->broadcast_len) {
		fputs(l->flags & IFF_POINTOPOINT ? " peer " : " brd ", stdout);
		fputs(ll_addr(l->broadcast, l->broadcast_len, l->arptype, b,
			      sizeof(b)), stdout);
	}
	if (l->perm_addr_len &&
	    (l->perm_addr_len != l->addr_len ||
	     memcmp(l->perm_addr, l->addr, l->addr_len))) {
		fputs(" permaddr ", stdout);
		fputs(ll_addr(l->perm_addr, l->perm_addr_len, l->arptype, b,
			      sizeof(b)), stdout);
	}
}

/* How one option of a link kind is printed by "ip -d link". */
enum opt_fmt {
	OPT_U8, OPT_U16, OPT_U32, OPT_U64, OPT_INT16, OPT_INT32, OPT_HEX16,
	OPT_ONOFF, OPT_TIMER, OPT_BRID, OPT_MAC, OPT_STATE, OPT_BOOLOPT,
	OPT_FWDMASK,
};

struct opt_desc {
	int attr;
	const char *name;
	enum opt_fmt fmt;
};

/* iproute2 6.1's order (iplink_bridge.c). */
static const struct opt_desc bridge_opts[] = {
	{IFLA_BR_FORWARD_DELAY, "forward_delay", OPT_U32},
	{IFLA_BR_HELLO_TIME, "hello_time", OPT_U32},
	{IFLA_BR_MAX_AGE, "max_age", OPT_U32},
	{IFLA_BR_AGEING_TIME, "ageing_time", OPT_U32},
	{IFLA_BR_STP_STATE, "stp_state", OPT_U32},
	{IFLA_BR_PRIORITY, "priority", OPT_U16},
	{IFLA_BR_VLAN_FILTERING, "vlan_filtering", OPT_U8},
	{IFLA_BR_BRIDGE_ID, "bridge_id", OPT_BRID},
	{IFLA_BR_BRIDGE_ID, "designated_root", OPT_BRID}, /* sic */
	{IFLA_BR_ROOT_PORT, "root_port", OPT_U16},
	{IFLA_BR_ROOT_PATH_COST, "root_path_cost", OPT_U32},
	{IFLA_BR_TOPOLOGY_CHANGE, "topology_change", OPT_U8},
	{IFLA_BR_TOPOLOGY_CHANGE_DETECTED, "topology_change_detected", OPT_U8},
	{IFLA_BR_HELLO_TIMER, "hello_timer", OPT_TIMER},
	{IFLA_BR_TCN_TIMER, "tcn_timer", OPT_TIMER},
	{IFLA_BR_TOPOLOGY_CHANGE_TIMER, "topology_change_timer", OPT_TIMER},
	{IFLA_BR_GC_TIMER, "gc_timer", OPT_TIMER},
	{IFLA_BR_VLAN_DEFAULT_PVID, "vlan_default_pvid", OPT_U16},
	{IFLA_BR_VLAN_STATS_ENABLED, "vlan_stats_enabled", OPT_U8},
	{IFLA_BR_VLAN_STATS_PER_PORT, "vlan_stats_per_port", OPT_U8},
	{IFLA_BR_GROUP_FWD_MASK, "group_fwd_mask", OPT_HEX16},
	{IFLA_BR_GROUP_ADDR, "group_address", OPT_MAC},
	{IFLA_BR_MCAST_SNOOPING, "mcast_snooping", OPT_U8},
	{IFLA_BR_MULTI_BOOLOPT, "", OPT_BOOLOPT},
	{IFLA_BR_MCAST_ROUTER, "mcast_router", OPT_U8},
	{IFLA_BR_MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", OPT_U8},
	{IFLA_BR_MCAST_QUERIER, "mcast_querier", OPT_U8},
	{IFLA_BR_MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", OPT_U32},
	{IFLA_BR_MCAST_HASH_MAX, "mcast_hash_max", OPT_U32},
	{IFLA_BR_MCAST_LAST_MEMBER_CNT, "mcast_last_member_count", OPT_U32},
	{IFLA_BR_MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_count",
	 OPT_U32},
	{IFLA_BR_MCAST_LAST_MEMBER_INTVL, "mcast_last_member_interval",
	 OPT_U64},
	{IFLA_BR_MCAST_MEMBERSHIP_INTVL, "mcast_membership_interval",
	 OPT_U64},
	{IFLA_BR_MCAST_QUERIER_INTVL, "mcast_querier_interval", OPT_U64},
	{IFLA_BR_MCAST_QUERY_INTVL, "mcast_query_interval", OPT_U64},
	{IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_interval",
	 OPT_U64},
	{IFLA_BR_MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_interval",
	 OPT_U64},
	{IFLA_BR_MCAST_STATS_ENABLED, "mcast_stats_enabled", OPT_U8},
	{IFLA_BR_MCAST_IGMP_VERSION, "mcast_igmp_version", OPT_U8},
	{IFLA_BR_MCAST_MLD_VERSION, "mcast_mld_version", OPT_U8},
	{IFLA_BR_NF_CALL_IPTABLES, "nf_call_iptables", OPT_U8},
	{IFLA_BR_NF_CALL_IP6TABLES, "nf_call_ip6tables", OPT_U8},
	{IFLA_BR_NF_CALL_ARPTABLES, "nf_call_arptables", OPT_U8},
};

/* iproute2 6.1's order (iplink_bridge_slave.c). */
static const struct opt_desc port_opts[] = {
	{IFLA_BRPORT_STATE, "state", OPT_STATE},
	{IFLA_BRPORT_PRIORITY, "priority", OPT_INT16},
	{IFLA_BRPORT_COST, "cost", OPT_INT32},
	{IFLA_BRPORT_MODE, "hairpin", OPT_ONOFF},
	{IFLA_BRPORT_GUARD, "guard", OPT_ONOFF},
	{IFLA_BRPORT_PROTECT, "root_block", OPT_ONOFF},
	{IFLA_BRPORT_FAST_LEAVE, "fastleave", OPT_ONOFF},
	{IFLA_BRPORT_LEARNING, "learning", OPT_ONOFF},
	{IFLA_BRPORT_UNICAST_FLOOD, "flood", OPT_ONOFF},
	{IFLA_BRPORT_ID, "port_id", OPT_HEX16},
	{IFLA_BRPORT_NO, "port_no", OPT_HEX16},
	{IFLA_BRPORT_DESIGNATED_PORT, "designated_port", OPT_U16},
	{IFLA_BRPORT_DESIGNATED_COST, "designated_cost", OPT_U16},
	{IFLA_BRPORT_BRIDGE_ID, "designated_bridge", OPT_BRID},
	{IFLA_BRPORT_ROOT_ID, "designated_root", OPT_BRID},
	{IFLA_BRPORT_HOLD_TIMER, "hold_timer", OPT_TIMER},
	{IFLA_BRPORT_MESSAGE_AGE_TIMER, "message_age_timer", OPT_TIMER},
	{IFLA_BRPORT_FORWARD_DELAY_TIMER, "forward_delay_timer", OPT_TIMER},
	{IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, "topology_change_ack", OPT_U8},
	{IFLA_BRPORT_CONFIG_PENDING, "config_pending", OPT_U8},
	{IFLA_BRPORT_PROXYARP, "proxy_arp", OPT_ONOFF},
	{IFLA_BRPORT_PROXYARP_WIFI, "proxy_arp_wifi", OPT_ONOFF},
	{IFLA_BRPORT_MULTICAST_ROUTER, "mcast_router", OPT_U8},
	{IFLA_BRPORT_FAST_LEAVE, "mcast_fast_leave", OPT_ONOFF},
	{IFLA_BRPORT_MCAST_FLOOD, "mcast_flood", OPT_ONOFF},
	{IFLA_BRPORT_BCAST_FLOOD, "bcast_flood", OPT_ONOFF},
	{IFLA_BRPORT_MCAST_TO_UCAST, "mcast_to_unicast", OPT_ONOFF},
	{IFLA_BRPORT_NEIGH_SUPPRESS, "neigh_suppress", OPT_ONOFF},
	{IFLA_BRPORT_GROUP_FWD_MASK, "group_fwd_mask", OPT_FWDMASK},
	{IFLA_BRPORT_VLAN_TUNNEL, "vlan_tunnel", OPT_ONOFF},
	{IFLA_BRPORT_ISOLATED, "isolated", OPT_ONOFF},
	{IFLA_BRPORT_LOCKED, "locked", OPT_ONOFF},
};

static const struct link_opt *find_opt(const struct link_opt *opts,
				       size_t n, int type)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i].type == type)
			return &opts[i];
	return NULL;
}

static unsigned long long opt_uint(const struct link_opt *o)
{
	unsigned long long v = 0;

	if (o->len == 1)
		return o->data[0];
	if (o->len == 2) {
		unsigned short s;

		memcpy(&s, o->data, 2);
		return s;
	}
	if (o->len == 4) {
		unsigned int u;

		memcpy(&u, o->data, 4);
		return u;
	}
	if (o->len >= 8)
		memcpy(&v, o->data, 8);
	return v;
}

static void print_bridge_id(const char *name, const struct link_opt *o)
{
	const struct ifla_bridge_id *id = (const void *)o->data;
	char mac[18];

	ether_ntoa_r((const struct ether_addr *)id->addr, mac);
	printf("%s %.2x%.2x.%s ", name, id->prio[0], id->prio[1], mac);
}

static void print_boolopt(const struct link_opt *o)
{
	struct br_boolopt_multi bm;
	unsigned int ll = 1u << BR_BOOLOPT_NO_LL_LEARN;
	unsigned int vl = 1u << BR_BOOLOPT_MCAST_VLAN_SNOOPING;

	memcpy(&bm, o->data, sizeof(bm));
	if (bm.optmask & ll)
		printf("no_linklocal_learn %u ", !!(bm.optval & ll));
	if (bm.optmask & vl)
		printf("mcast_vlan_snooping %u ", !!(bm.optval & vl));
}

static void print_opt(const struct opt_desc *d, const struct link_opt *o)
{
	static const char *const states[] = {
		"disabled", "listening", "learning", "forwarding", "blocking",
	};
	unsigned long long v = opt_uint(o);
	char b[64];

	switch (d->fmt) {
	case OPT_INT16:
	case OPT_INT32:
		printf("%s %d ", d->name, (int)v);
		break;
	case OPT_HEX16:
		printf("%s %#llx ", d->name, v);
		break;
	case OPT_FWDMASK:
		printf("%s %#llx %s_str 0x%llx ", d->name, v, d->name, v);
		break;
	case OPT_ONOFF:
		printf("%s %s ", d->name, v ? "on" : "off");
		break;
	case OPT_TIMER:
		printf("%s %4i.%.2i ", d->name, (int)(v / 100), (int)(v % 100));
		break;
	case OPT_BRID:
		if (o->len >= sizeof(struct ifla_bridge_id))
			print_bridge_id(d->name, o);
		break;
	case OPT_MAC:
		printf("%s %s ", d->name, mac_format(o->data, o->len, b,
						      sizeof(b)));
		break;
	case OPT_STATE:
		if (v < ARRAY_SIZE(states))
			printf("%s %s ", d->name, states[v]);
		else
			printf("%s (%d) ", d->name, (int)v);
		break;
	case OPT_BOOLOPT:
		if (o->len >= sizeof(struct br_boolopt_multi))
			print_boolopt(o);
		break;
	default:
		printf("%s %llu ", d->name, v);
	}
}

/* iproute2's kind-specific words of "ip -d link" (bridge and its
 * ports; veth has none). */
static void show_link_kind_opts(const struct link *l, bool slave)
{
	const char *kind = slave ? l->slave_kind : l->kind;
	const struct link_opt *opts = slave ? l->slave_opts : l->opts;
	size_t n = slave ? l->n_slave_opts : l->n_opts;
	const struct opt_desc *d = slave ? port_opts : bridge_opts;
	size_t nd = slave ? ARRAY_SIZE(port_opts) : ARRAY_SIZE(bridge_opts);

	if (!streq(kind, "bridge"))
		return;
	for (size_t i = 0; i < nd; i++) {
		const struct link_opt *o = find_opt(opts, n, d[i].attr);

		if (o)
			print_opt(&d[i], o);
	}
}

static void print_af_spec(const struct link *l)
{
	static const char *const modes[] = {
		"eui64", "none", "stable_secret", "random",
	};

	if (l->addrgenmode < 0)
		return;
	if ((size_t)l->addrgenmode < ARRAY_SIZE(modes))
		printf("addrgenmode %s ", modes[l->addrgenmode]);
	else
		printf("addrgenmode %#.2hhx ", (unsigned char)l->addrgenmode);
}

static void print_details(const struct show_opts *o, const struct link *l)
{
	if (l->has & LINK_HAS_PROMISC)
		printf(" promiscuity %u ", l->promiscuity);
	if (l->has & LINK_HAS_ALLMULTI)
		printf(" allmulti %u ", l->allmulti);
	if (l->has & LINK_HAS_MIN_MTU)
		printf("minmtu %u ", l->min_mtu);
	if (l->has & LINK_HAS_MAX_MTU)
		printf("maxmtu %u ", l->max_mtu);
	if (l->kind[0]) {
		printf("\n    %s ", l->kind);
		show_link_kind_opts(l, false);
	}
	if (l->slave_kind[0]) {
		printf("\n    %s_slave ", l->slave_kind);
		show_link_kind_opts(l, true);
	}
	if (o->do_link)
		print_af_spec(l);
	if (l->has & LINK_HAS_QUEUES)
		printf("numtxqueues %u numrxqueues %u ", l->num_tx_queues,
		       l->num_rx_queues);
	if (l->has & LINK_HAS_GSO)
		printf("gso_max_size %u gso_max_segs %u ", l->gso_max_size,
		       l->gso_max_segs);
	if (l->has & LINK_HAS_TSO)
		printf("tso_max_size %u tso_max_segs %u ", l->tso_max_size,
		       l->tso_max_segs);
	if (l->has & LINK_HAS_GRO)
		printf("gro_max_size %u ", l->gro_max_size);
}

static void print_brief(const struct show_opts *o, const struct link *l,
			const struct link_list *all)
{
	char name[64], b[128];
	bool mdown = name_and_link(o, l, all, name, sizeof(name));

	printf("%-16s ", name);
	if (l->has & LINK_HAS_OPERSTATE)
		print_operstate(o, l->operstate);
	if (o->family != AF_PACKET)
		return;
	if (l->addr_len)
		printf("%s ", ll_addr(l->addr, l->addr_len, l->arptype, b,
				      sizeof(b)));
	show_link_flags(l->flags, mdown);
	putchar('\n');
}

/* The IPv6 view of a link has no txqlen: iproute2 asks for it then. */
static void print_qlen(const struct show_opts *o, const struct link *l)
{
	struct link full;
	unsigned int qlen = l->txqlen;

	if (!(l->has & LINK_HAS_TXQLEN))
		qlen = link_get_by_index(o->netns, l->ifindex, &full) == 0 ?
			       full.txqlen : 0;
	if (qlen)
		printf("qlen %u", qlen);
}

static void print_head(const struct show_opts *o, const struct link *l,
		       const struct link_list *all)
{
	static const char *const modes[] = {"DEFAULT", "DORMANT"};
	char name[64], master[IFNAMSIZ];
	bool mdown = name_and_link(o, l, all, name, sizeof(name));

	printf("%d: %s: ", l->ifindex, name);
	show_link_flags(l->flags, mdown);
	if (l->has & LINK_HAS_MTU)
		printf("mtu %u ", l->mtu);
	if (l->has & LINK_HAS_QDISC)
		printf("qdisc %s ", l->qdisc);
	if (l->has & LINK_HAS_MASTER) {
		const struct link *m = link_list_find(all, l->master);

		if (m)
			snprintf(master, sizeof(master), "%s", m->name);
		else
			link_name(o->netns, l->master, master);
		printf("master %s ", master);
	}
	if (l->has & LINK_HAS_OPERSTATE)
		print_operstate(o, l->operstate);
	if (o->do_link && (l->has & LINK_HAS_LINKMODE)) {
		if (l->linkmode < ARRAY_SIZE(modes))
			printf("mode %s ", modes[l->linkmode]);
		else
			printf("mode %d ", l->linkmode);
	}
	if (l->has & LINK_HAS_GROUP) {
		if (l->group == 0)
			printf("group default ");
		else
			printf("group %u ", l->group);
	}
	print_qlen(o, l);
}

static const char *scope_name(int scope, char *buf, size_t size)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE:
		return "global";
	case RT_SCOPE_NOWHERE:
		return "nowhere";
	case RT_SCOPE_HOST:
		return "host";
	case RT_SCOPE_LINK:
		return "link";
	case RT_SCOPE_SITE:
		return "site";
	}
	snprintf(buf, size, "%d", scope);
	return buf;
}

static const struct {
	const char *name;
	unsigned int mask;
} ifa_flags[] = {
	{"secondary", IFA_F_SECONDARY},	    {"nodad", IFA_F_NODAD},
	{"optimistic", IFA_F_OPTIMISTIC},   {"dadfailed", IFA_F_DADFAILED},
	{"home", IFA_F_HOMEADDRESS},	    {"deprecated", IFA_F_DEPRECATED},
	{"tentative", IFA_F_TENTATIVE},	    {"permanent", IFA_F_PERMANENT},
	{"mngtmpaddr", IFA_F_MANAGETEMPADDR},
	{"noprefixroute", IFA_F_NOPREFIXROUTE},
	{"autojoin", IFA_F_MCAUTOJOIN},
	{"stable-privacy", IFA_F_STABLE_PRIVACY},
};

static void print_ifa_flags(const struct addr *a)
{
	unsigned int flags = a->flags;

	for (size_t i = 0; i < ARRAY_SIZE(ifa_flags); i++) {
		unsigned int m = ifa_flags[i].mask;

		if (m == IFA_F_PERMANENT) {
			if (!(flags & m))
				fputs("dynamic ", stdout);
		} else if (flags & m) {
			if (m == IFA_F_SECONDARY && a->family == AF_INET6)
				fputs("temporary ", stdout);
			else
				printf("%s ", ifa_flags[i].name);
		}
		flags &= ~m;
	}
	if (flags)
		printf("flags %02x ", flags);
}

static void print_lifetimes(const struct addr *a)
{
	fputs("\n       valid_lft ", stdout);
	if (a->valid_lft == 0xffffffffu)
		fputs("forever", stdout);
	else
		printf("%usec", a->valid_lft);
	fputs(" preferred_lft ", stdout);
	if (a->preferred_lft == 0xffffffffu)
		fputs("forever", stdout);
	else if (a->flags & IFA_F_DEPRECATED)
		printf("%dsec", (int)a->preferred_lft);
	else
		printf("%usec", a->preferred_lft);
}

static void print_addr(const struct show_opts *o, const struct addr *a)
{
	int len = a->family == AF_INET ? 4 : 16;
	char b[INET6_ADDRSTRLEN];

	if (!o->brief)
		printf("    %s ", a->family == AF_INET ? "inet" : "inet6");
	if (a->has_local) {
		fputs(inet_format(a->family, a->local, b, sizeof(b)), stdout);
		if (memcmp(a->address, a->local, len))
			printf(" peer %s",
			       inet_format(a->family, a->address, b, sizeof(b)));
		printf("/%d ", a->prefixlen);
		if (a->has_metric)
			printf("metric %u ", a->metric);
	}
	if (o->brief)
		return;
	if (a->has_broadcast)
		printf("brd %s ",
		       inet_format(a->family, a->broadcast, b, sizeof(b)));
	printf("scope %s ", scope_name(a->scope, b, sizeof(b)));
	print_ifa_flags(a);
	if (a->has_label)
		fputs(a->label, stdout);
	if (a->has_cacheinfo)
		print_lifetimes(a);
	putchar('\n');
}

static bool addr_wanted(const struct show_opts *o, const struct addr *a,
			int ifindex)
{
	if (a->ifindex != ifindex)
		return false;
	if (a->family != AF_INET && a->family != AF_INET6)
		return false;
	return o->family == AF_UNSPEC || o->family == a->family;
}

bool show_link_wanted(const struct show_opts *o, const struct link *l,
		      const struct addr_list *addrs)
{
	bool any = false;

	if (o->family == AF_PACKET || !addrs)
		return true;
	for (size_t i = 0; i < addrs->n; i++) {
		if (addrs->addrs[i].ifindex != l->ifindex)
			continue;
		any = true;
		if (addr_wanted(o, &addrs->addrs[i], l->ifindex))
			return true;
	}
	return !any && o->family == AF_UNSPEC;
}

void show_link(const struct show_opts *o, const struct link *l,
	       const struct link_list *all, const struct addr_list *addrs)
{
	if (o->brief)
		print_brief(o, l, all);
	else {
		print_head(o, l, all);
		if (o->family == AF_UNSPEC || o->family == AF_PACKET ||
		    o->details)
			print_link_layer(l);
		print_link_netns(o, l);
		if (o->details)
			print_details(o, l);
		putchar('\n');
	}
	if (o->family == AF_PACKET || !addrs)
		return;
	for (size_t i = 0; i < addrs->n; i++)
		if (addr_wanted(o, &addrs->addrs[i], l->ifindex))
			print_addr(o, &addrs->addrs[i]);
	if (o->brief)
		putchar('\n');
}

/* What "ip link show" / "ip addr show|flush" were asked to select. */
static int filter_word(const struct cmd_ctx *ctx, struct show_filter *f,
		       int *i, int argc, char **argv)
{
	const char *w = argv[*i];

	if (streq(w, "up")) {
		f->up = true;
	} else if (streq(w, "master")) {
		if (++*i >= argc)
			return cmd_ip_incomplete();
		f->master = link_index(ctx->netns, argv[*i]);
		if (f->master <= 0) {
			out_error("Error: argument \"%s\" is wrong: %s\n",
				  argv[*i], "Device does not exist");
			out_hint(_("Name a bridge that exists here."));
			return -1;
		}
	} else if (streq(w, "type")) {
		size_t n;

		if (++*i >= argc)
			return cmd_ip_incomplete();
		w = argv[*i];
		n = strlen(w);
		if (n >= 6 && streq(w + n - 6, "_slave")) {
			snprintf(f->slave_kind, sizeof(f->slave_kind), "%.*s",
				 (int)(n - 6), w);
		} else {
			snprintf(f->kind, sizeof(f->kind), "%s", w);
		}
	} else {
		if (streq(w, "dev") && ++*i >= argc)
			return cmd_ip_incomplete();
		w = argv[*i];
		if (f->dev) {
			cmd_ip_garbage("dev", w);
			out_hint(_("Name only one device."));
			return -1;
		}
		f->dev = w;
	}
	return 0;
}

int show_filter_parse(const struct cmd_ctx *ctx, struct show_filter *f,
		      int argc, char **argv)
{
	*f = (struct show_filter){0};
	for (int i = 0; i < argc; i++)
		if (filter_word(ctx, f, &i, argc, argv) < 0)
			return -1;
	if (!f->dev)
		return 0;
	f->ifindex = link_index(ctx->netns, f->dev);
	if (f->ifindex <= 0) {
		out_error("Device \"%s\" does not exist.", f->dev);
		out_hint(_("There is no %s here; \"ip link\" lists the links "
			   "there are."), f->dev);
		return -1;
	}
	return 0;
}

bool show_filter_match(const struct show_filter *f, const struct link *l)
{
	if (f->ifindex && l->ifindex != f->ifindex)
		return false;
	if (f->up && !(l->flags & IFF_UP))
		return false;
	if (f->master && !((l->has & LINK_HAS_MASTER) && l->master == f->master))
		return false;
	if (f->kind[0] && !streq(l->kind, f->kind))
		return false;
	return !f->slave_kind[0] || streq(l->slave_kind, f->slave_kind);
}

/* "ip -n RED " or "", for commands suggested in notes. */
static const char *ip_prefix(const struct cmd_ctx *ctx, char *buf,
			     size_t size)
{
	if (ctx->netns)
		snprintf(buf, size, "ip -n %s ", ctx->netns);
	else
		snprintf(buf, size, "ip ");
	return buf;
}

static void note_peer(const struct cmd_ctx *ctx, const struct link *l)
{
	char ns[256], peer[IFNAMSIZ];

	if (!streq(l->kind, "veth") || !(l->has & LINK_HAS_NETNSID))
		return;
	if (show_nsid_name(ctx->netns, l->peer_netnsid, ns, sizeof(ns))) {
		link_name(ns, l->peer_ifindex, peer);
		out_note(_("%s is one end of a veth pair; the other end, %s, "
			   "is in namespace %s."), l->name, peer, ns);
	} else if (ctx->netns &&
		   netlink_nsid(ctx->netns, NULL) == l->peer_netnsid) {
		link_name(NULL, l->peer_ifindex, peer);
		out_note(_("%s is one end of a veth pair; the other end, %s, "
			   "is in the host namespace."), l->name, peer);
	}
}

static void show_notes(const struct cmd_ctx *ctx, const struct link_list *all,
		       const bool *shown)
{
	const struct link *down = NULL, *no_carrier = NULL;
	char cmd[300];
	int peers = 0;

	if (out_settings.plain)
		return;
	for (size_t i = 0; i < all->n; i++) {
		const struct link *l = &all->links[i];

		if (!shown[i])
			continue;
		if (peers < 4 && (l->has & LINK_HAS_NETNSID) && ++peers)
			note_peer(ctx, l);
		if (!(l->flags & IFF_UP) &&
		    (!down || (down->flags & IFF_LOOPBACK)))
			down = l;
		if ((l->flags & IFF_UP) && !(l->flags & IFF_RUNNING) &&
		    streq(l->kind, "veth") && !no_carrier)
			no_carrier = l;
	}
	if (down)
		out_note(_("%s is DOWN: bring it up with \"%slink set %s up\"."),
			 down->name, ip_prefix(ctx, cmd, sizeof(cmd)),
			 down->name);
	else if (no_carrier)
		out_note(_("%s is UP but has no carrier (NO-CARRIER): the other "
			   "end of its cable is still DOWN."), no_carrier->name);
}

static void show_all(const struct cmd_ctx *ctx, const struct show_opts *o,
		     const struct show_filter *f, const struct link_list *all,
		     const struct addr_list *addrs)
{
	bool *shown = calloc(all->n + 1, sizeof(bool));

	for (size_t i = 0; i < all->n; i++) {
		const struct link *l = &all->links[i];

		if (!show_filter_match(f, l) || !show_link_wanted(o, l, addrs))
			continue;
		show_link(o, l, all, addrs);
		if (shown)
			shown[i] = true;
	}
	fflush(stdout);
	if (shown)
		show_notes(ctx, all, shown);
	free(shown);
}

int show_links_cmd(struct cmd_ctx *ctx, bool do_link, int argc, char **argv)
{
	struct show_opts o = {
		.netns = ctx->netns, .brief = ctx->brief,
		.details = ctx->details, .do_link = do_link,
		.family = do_link ? AF_PACKET : ctx->family,
	};
	struct addr_list addrs = {0};
	struct link_list links;
	struct show_filter f;
	int err;

	if (show_filter_parse(ctx, &f, argc, argv) < 0)
		return CMD_ERROR;
	err = link_list_family(ctx->netns, o.family == AF_INET6 ? AF_INET6 :
					   AF_UNSPEC, &links);
	if (err == 0 && o.family != AF_PACKET)
		err = addr_list(ctx->netns, o.family, &addrs);
	if (err < 0) {
		link_list_free(&links);
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	show_all(ctx, &o, &f, &links,  o.family == AF_PACKET ? NULL : &addrs);
	addr_list_free(&addrs);
	link_list_free(&links);
	return CMD_OK;
}
