/* nl-fdb.c: bridge fdb entries and bridge ports over rtnetlink (AF_BRIDGE). */
#include "system.h"

#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "netlink-private.h"
#include "nl-fdb.h"

static void fdb_from_msg(struct nlmsghdr *h, struct nlattr **tb,
			 struct fdb_entry *e)
{
	struct ndmsg *ndm = nlmsg_data(h);

	e->ifindex = ndm->ndm_ifindex;
	e->state = ndm->ndm_state;
	e->flags = ndm->ndm_flags;
	if (tb[NDA_LLADDR]) {
		e->mac_len = nla_len(tb[NDA_LLADDR]);
		if (e->mac_len > FDB_ADDR_MAX)
			e->mac_len = FDB_ADDR_MAX;
		memcpy(e->mac, nla_data(tb[NDA_LLADDR]), e->mac_len);
	}
	if (tb[NDA_MASTER])
		e->master = nla_get_u32(tb[NDA_MASTER]);
	if (tb[NDA_VLAN])
		e->vlan = nla_get_u16(tb[NDA_VLAN]);
	if (tb[NDA_CACHEINFO] &&
	    nla_len(tb[NDA_CACHEINFO]) >= (int)sizeof(struct nda_cacheinfo)) {
		struct nda_cacheinfo *ci = nla_data(tb[NDA_CACHEINFO]);

		e->has_cacheinfo = true;
		e->used = ci->ndm_used;
		e->updated = ci->ndm_updated;
	}
}

static int parse_fdb(struct nlmsghdr *h, void *arg)
{
	struct fdb_list *out = arg;
	struct nlattr *tb[NDA_MAX + 1];
	struct ndmsg *ndm;
	struct fdb_entry *e;

	if (h->nlmsg_type != RTM_NEWNEIGH ||
	    nlmsg_parse(h, sizeof(*ndm), tb, NDA_MAX, NULL) < 0)
		return 0; /* not ours: skip */
	ndm = nlmsg_data(h);
	if (ndm->ndm_family != AF_BRIDGE)
		return 0; /* not ours: skip */
	e = netlink_vec_slot((void **)&out->entries, out->n, sizeof(*e));
	if (!e)
		return -ENOMEM;
	fdb_from_msg(h, tb, e);
	out->n++;
	return 0;
}

/* The request iproute2 sends without strict checking: an ifinfomsg
 * whose index names the port, and IFLA_MASTER the bridge; the kernel
 * filters. */
int fdb_list(const char *ns, int br_ifindex, int port_ifindex,
	     struct fdb_list *out)
{
	struct ifinfomsg ifm = {.ifi_family = PF_BRIDGE,
				.ifi_index = port_ifindex};
	struct nl_msg *msg;
	int err = -ENOMEM;

	*out = (struct fdb_list){0};
	msg = nlmsg_alloc_simple(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &ifm, sizeof(ifm), NLMSG_ALIGNTO) == 0 &&
	    (!br_ifindex || nla_put_u32(msg, IFLA_MASTER, br_ifindex) == 0))
		err = netlink_talk(ns, msg, parse_fdb, out);
	nlmsg_free(msg);
	if (err < 0)
		fdb_list_free(out);
	return err;
}

void fdb_list_free(struct fdb_list *list)
{
	free(list->entries);
	*list = (struct fdb_list){0};
}

/* IFLA_BRPORT_* attribute of each of nstutor's port options. */
static const int brport_attr[BRPORT_OPT_N] = {
	[BRPORT_HAIRPIN] = IFLA_BRPORT_MODE,
	[BRPORT_GUARD] = IFLA_BRPORT_GUARD,
	[BRPORT_ROOT_BLOCK] = IFLA_BRPORT_PROTECT,
	[BRPORT_FASTLEAVE] = IFLA_BRPORT_FAST_LEAVE,
	[BRPORT_LEARNING] = IFLA_BRPORT_LEARNING,
	[BRPORT_LEARNING_SYNC] = IFLA_BRPORT_LEARNING_SYNC,
	[BRPORT_FLOOD] = IFLA_BRPORT_UNICAST_FLOOD,
	[BRPORT_MCAST_FLOOD] = IFLA_BRPORT_MCAST_FLOOD,
	[BRPORT_BCAST_FLOOD] = IFLA_BRPORT_BCAST_FLOOD,
	[BRPORT_MCAST_ROUTER] = IFLA_BRPORT_MULTICAST_ROUTER,
	[BRPORT_MCAST_TO_UCAST] = IFLA_BRPORT_MCAST_TO_UCAST,
	[BRPORT_NEIGH_SUPPRESS] = IFLA_BRPORT_NEIGH_SUPPRESS,
	[BRPORT_VLAN_TUNNEL] = IFLA_BRPORT_VLAN_TUNNEL,
	[BRPORT_BACKUP_PORT] = IFLA_BRPORT_BACKUP_PORT,
	[BRPORT_ISOLATED] = IFLA_BRPORT_ISOLATED,
	[BRPORT_LOCKED] = IFLA_BRPORT_LOCKED,
};

/* An attribute's value whatever its width (u8, u16 or u32). */
static unsigned int nla_uint(struct nlattr *a)
{
	if (nla_len(a) >= 4)
		return nla_get_u32(a);
	if (nla_len(a) >= 2)
		return nla_get_u16(a);
	return nla_len(a) >= 1 ? nla_get_u8(a) : 0;
}

static void port_protinfo(struct nlattr *a, struct bridge_port *p)
{
	struct nlattr *tb[IFLA_BRPORT_MAX + 1];

	p->has_protinfo = true;
	if (!(a->nla_type & NLA_F_NESTED)) {
		p->state = nla_get_u8(a);
		return;
	}
	if (nla_parse_nested(tb, IFLA_BRPORT_MAX, a, NULL) < 0)
		return;
	if (tb[IFLA_BRPORT_STATE])
		p->state = nla_get_u8(tb[IFLA_BRPORT_STATE]);
	if (tb[IFLA_BRPORT_PRIORITY])
		p->priority = nla_get_u16(tb[IFLA_BRPORT_PRIORITY]);
	if (tb[IFLA_BRPORT_COST])
		p->cost = nla_get_u32(tb[IFLA_BRPORT_COST]);
	for (int i = 0; i < BRPORT_OPT_N; i++) {
		struct nlattr *o = tb[brport_attr[i]];

		if (o) {
			p->has_opt[i] = true;
			p->opt[i] = nla_uint(o);
		}
	}
}

static void port_af_spec(struct nlattr *a, struct bridge_port *p)
{
	struct nlattr *tb[IFLA_BRIDGE_MAX + 1];

	if (nla_parse_nested(tb, IFLA_BRIDGE_MAX, a, NULL) < 0)
		return;
	if (tb[IFLA_BRIDGE_MODE]) {
		p->has_hwmode = true;
		p->hwmode = nla_get_u16(tb[IFLA_BRIDGE_MODE]);
	}
}

static void port_from_msg(struct nlmsghdr *h, struct nlattr **tb,
			  struct bridge_port *p)
{
	struct ifinfomsg *ifi = nlmsg_data(h);

	p->ifindex = ifi->ifi_index;
	p->flags = ifi->ifi_flags;
	p->state = p->priority = -1;
	p->cost = -1;
	if (tb[IFLA_IFNAME])
		nla_strlcpy(p->name, tb[IFLA_IFNAME], sizeof(p->name));
	else
		snprintf(p->name, sizeof(p->name), "if%d", p->ifindex);
	if ((p->has_mtu = tb[IFLA_MTU] != NULL))
		p->mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_MASTER])
		p->master = nla_get_u32(tb[IFLA_MASTER]);
	if ((p->has_link = tb[IFLA_LINK] != NULL))
		p->link = nla_get_u32(tb[IFLA_LINK]);
	p->has_link_netnsid = tb[IFLA_LINK_NETNSID] != NULL;
	if (tb[IFLA_PROTINFO])
		port_protinfo(tb[IFLA_PROTINFO], p);
	if (tb[IFLA_AF_SPEC])
		port_af_spec(tb[IFLA_AF_SPEC], p);
}

static int parse_port(struct nlmsghdr *h, void *arg)
{
	struct bridge_port_list *out = arg;
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi;
	struct bridge_port *p;

	if (h->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0)
		return 0; /* not ours: skip */
	ifi = nlmsg_data(h);
	if (ifi->ifi_family != AF_BRIDGE && ifi->ifi_family != AF_UNSPEC)
		return 0; /* not ours: skip */
	p = netlink_vec_slot((void **)&out->ports, out->n, sizeof(*p));
	if (!p)
		return -ENOMEM;
	port_from_msg(h, tb, p);
	out->n++;
	return 0;
}

int bridge_port_list(const char *ns, struct bridge_port_list *out)
{
	struct ifinfomsg ifm = {.ifi_family = PF_BRIDGE};
	struct nl_msg *msg;
	int err = -ENOMEM;

	*out = (struct bridge_port_list){0};
	msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &ifm, sizeof(ifm), NLMSG_ALIGNTO) == 0 &&
	    nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_VF) == 0)
		err = netlink_talk(ns, msg, parse_port, out);
	nlmsg_free(msg);
	if (err < 0)
		bridge_port_list_free(out);
	return err;
}

void bridge_port_list_free(struct bridge_port_list *list)
{
	free(list->ports);
	*list = (struct bridge_port_list){0};
}
