/* nl-link.c: reading and changing links with libnl-route-3. */
#include "system.h"

#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>


#include "netlink-private.h"
#include "netns.h"
#include "nl-link.h"
#include "record.h"

static void copy_bytes(struct nlattr *a, unsigned char *buf,
		       unsigned int *len)
{
	*len = nla_len(a) > LINK_ADDR_MAX ? LINK_ADDR_MAX : nla_len(a);
	memcpy(buf, nla_data(a), *len);
}

static void copy_str(struct nlattr *a, char *buf, size_t size)
{
	snprintf(buf, size, "%.*s", nla_len(a), (char *)nla_data(a));
}

static size_t copy_opts(struct nlattr *nest, struct link_opt *opts)
{
	struct nlattr *a;
	size_t n = 0;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		if (n == LINK_OPTS_MAX)
			break;
		opts[n].type = nla_type(a);
		opts[n].len = nla_len(a) > 16 ? 16 : nla_len(a);
		memcpy(opts[n].data, nla_data(a), opts[n].len);
		n++;
	}
	return n;
}

static void parse_linkinfo(struct nlattr *info, struct link *l)
{
	struct nlattr *li[IFLA_INFO_MAX + 1];

	if (nla_parse_nested(li, IFLA_INFO_MAX, info, NULL) < 0)
		return;
	l->has |= LINK_HAS_LINKINFO;
	if (li[IFLA_INFO_KIND])
		copy_str(li[IFLA_INFO_KIND], l->kind, sizeof(l->kind));
	if (li[IFLA_INFO_SLAVE_KIND])
		copy_str(li[IFLA_INFO_SLAVE_KIND], l->slave_kind,
			 sizeof(l->slave_kind));
	if (li[IFLA_INFO_DATA])
		l->n_opts = copy_opts(li[IFLA_INFO_DATA], l->opts);
	if (li[IFLA_INFO_SLAVE_DATA]) {
		l->has |= LINK_HAS_SLAVE_DATA;
		l->n_slave_opts = copy_opts(li[IFLA_INFO_SLAVE_DATA],
					    l->slave_opts);
	}
}

static void parse_af_spec(struct nlattr *spec, struct link *l)
{
	struct nlattr *a, *b;
	int rem, rem2;

	nla_for_each_nested(a, spec, rem) {
		if (nla_type(a) != AF_INET6)
			continue;
		nla_for_each_nested(b, a, rem2)
			if (nla_type(b) == IFLA_INET6_ADDR_GEN_MODE &&
			    nla_len(b) >= 1)
				l->addrgenmode = nla_get_u8(b);
	}
}

/* Attributes that are one u32 each: where they go, and their bit. */
static const struct {
	int attr;
	size_t off;
	unsigned int has;
} u32_attrs[] = {
	{IFLA_MTU, offsetof(struct link, mtu), LINK_HAS_MTU},
	{IFLA_MASTER, offsetof(struct link, master), LINK_HAS_MASTER},
	{IFLA_LINK, offsetof(struct link, peer_ifindex), LINK_HAS_LINK},
	{IFLA_LINK_NETNSID, offsetof(struct link, peer_netnsid),
	 LINK_HAS_NETNSID},
	{IFLA_TXQLEN, offsetof(struct link, txqlen), LINK_HAS_TXQLEN},
	{IFLA_GROUP, offsetof(struct link, group), LINK_HAS_GROUP},
	{IFLA_PROMISCUITY, offsetof(struct link, promiscuity),
	 LINK_HAS_PROMISC},
	{IFLA_ALLMULTI, offsetof(struct link, allmulti), LINK_HAS_ALLMULTI},
	{IFLA_MIN_MTU, offsetof(struct link, min_mtu), LINK_HAS_MIN_MTU},
	{IFLA_MAX_MTU, offsetof(struct link, max_mtu), LINK_HAS_MAX_MTU},
	{IFLA_NUM_TX_QUEUES, offsetof(struct link, num_tx_queues),
	 LINK_HAS_QUEUES},
	{IFLA_NUM_RX_QUEUES, offsetof(struct link, num_rx_queues), 0},
	{IFLA_GSO_MAX_SIZE, offsetof(struct link, gso_max_size),
	 LINK_HAS_GSO},
	{IFLA_GSO_MAX_SEGS, offsetof(struct link, gso_max_segs), 0},
	{IFLA_TSO_MAX_SIZE, offsetof(struct link, tso_max_size),
	 LINK_HAS_TSO},
	{IFLA_TSO_MAX_SEGS, offsetof(struct link, tso_max_segs), 0},
	{IFLA_GRO_MAX_SIZE, offsetof(struct link, gro_max_size),
	 LINK_HAS_GRO},
};

static void parse_u32_attrs(struct nlattr **tb, struct link *l)
{
	for (size_t i = 0; i < ARRAY_SIZE(u32_attrs); i++)
		if (netlink_u32(tb[u32_attrs[i].attr],
				(unsigned int *)((char *)l + u32_attrs[i].off)))
			l->has |= u32_attrs[i].has;
}

/* Fills l from one RTM_NEWLINK message. */
static int link_parse(struct nlmsghdr *h, void *item)
{
	struct link *l = item;
	struct ifinfomsg *ifi = nlmsg_data(h);
	struct nlattr *tb[IFLA_MAX + 1];

	if (h->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0 ||
	    !tb[IFLA_IFNAME])
		return -EINVAL;
	memset(l, 0, sizeof(*l));
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->arptype = ifi->ifi_type;
	l->peer_netnsid = -1;
	l->addrgenmode = -1;
	copy_str(tb[IFLA_IFNAME], l->name, sizeof(l->name));
	parse_u32_attrs(tb, l);
	if (!(l->has & LINK_HAS_NETNSID))
		l->peer_netnsid = -1;
	if (tb[IFLA_QDISC]) {
		copy_str(tb[IFLA_QDISC], l->qdisc, sizeof(l->qdisc));
		l->has |= LINK_HAS_QDISC;
	}
	if (tb[IFLA_OPERSTATE]) {
		l->operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
		l->has |= LINK_HAS_OPERSTATE;
	}
	if (tb[IFLA_LINKMODE]) {
		l->linkmode = nla_get_u8(tb[IFLA_LINKMODE]);
		l->has |= LINK_HAS_LINKMODE;
	}
	if (tb[IFLA_ADDRESS])
		copy_bytes(tb[IFLA_ADDRESS], l->addr, &l->addr_len);
	if (tb[IFLA_BROADCAST])
		copy_bytes(tb[IFLA_BROADCAST], l->broadcast,
			   &l->broadcast_len);
	if (tb[IFLA_PERM_ADDRESS])
		copy_bytes(tb[IFLA_PERM_ADDRESS], l->perm_addr,
			   &l->perm_addr_len);
	if (tb[IFLA_LINKINFO])
		parse_linkinfo(tb[IFLA_LINKINFO], l);
	if (tb[IFLA_AF_SPEC])
		parse_af_spec(tb[IFLA_AF_SPEC], l);
	return 0;
}

static int cmp_ifindex(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

int link_list_family(const char *ns, int family, struct link_list *out)
{
	struct ifinfomsg ifi = {.ifi_family = family};
	struct netlink_array arr = {(void **)&out->links, &out->n,
				    sizeof(struct link), link_parse};
	int err = netlink_dump_array(ns, RTM_GETLINK, &ifi, sizeof(ifi), &arr);

	if (err < 0)
		return err;
	if (out->n)
		qsort(out->links, out->n, sizeof(*out->links), cmp_ifindex);
	return 0;
}

int link_list(const char *ns, struct link_list *out)
{
	return link_list_family(ns, AF_UNSPEC, out);
}

void link_list_free(struct link_list *list)
{
	free(list->links);
	*list = (struct link_list){0};
}

const struct link *link_list_find(const struct link_list *list, int ifindex)
{
	for (size_t i = 0; i < list->n; i++)
		if (list->links[i].ifindex == ifindex)
			return &list->links[i];
	return NULL;
}

static int link_get_one(const char *ns, int ifindex, const char *name,
			struct link *out)
{
	struct ifinfomsg ifi = {.ifi_index = ifindex};
	struct link_list one = {0};
	struct netlink_array arr = {(void **)&one.links, &one.n,
				    sizeof(struct link), link_parse};
	struct nl_msg *msg;
	int err = -ENOMEM;

	msg = nlmsg_alloc_simple(RTM_GETLINK, 0);
	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) == 0 &&
	    (!name || nla_put_string(msg, IFLA_IFNAME, name) == 0))
		err = netlink_talk(ns, msg, netlink_collect, &arr);
	nlmsg_free(msg);
	if (err == 0 && one.n != 1)
		err = -ENODEV;
	if (err == 0)
		*out = one.links[0];
	link_list_free(&one);
	return err == -ENOENT ? -ENODEV : err;
}

int link_get(const char *ns, const char *name, struct link *out)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		return -ENODEV;
	return link_get_one(ns, 0, name, out);
}

int link_get_by_index(const char *ns, int ifindex, struct link *out)
{
	if (ifindex <= 0)
		return -ENODEV;
	return link_get_one(ns, ifindex, NULL, out);
}

void link_name(const char *ns, int ifindex, char name[IFNAMSIZ])
{
	struct link l;

	if (link_get_by_index(ns, ifindex, &l) == 0)
		memcpy(name, l.name, IFNAMSIZ);
	else
		snprintf(name, IFNAMSIZ, "if%d", ifindex);
}

int link_index(const char *ns, const char *name)
{
	struct link l;
	int err = link_get(ns, name, &l);

	return err < 0 ? err : l.ifindex;
}

void link_spec_init(struct link_spec *s)
{
	*s = (struct link_spec){
		.ns_fd = -1, .up = -1, .master = -1, .mtu = -1, .txqlen = -1,
		.ns_name = "/",
	};
}

/* Puts what s asks for into a libnl link object. */
static int spec_to_rtnl(const struct link_spec *s, struct rtnl_link *r)
{
	if (s->name)
		rtnl_link_set_name(r, s->name);
	if (s->ns_fd >= 0)
		rtnl_link_set_ns_fd(r, s->ns_fd);
	if (s->ns_pid > 0)
		rtnl_link_set_ns_pid(r, s->ns_pid);
	if (s->up == 1)
		rtnl_link_set_flags(r, IFF_UP);
	if (s->mtu >= 0)
		rtnl_link_set_mtu(r, s->mtu);
	if (s->txqlen >= 0)
		rtnl_link_set_txqlen(r, s->txqlen);
	if (s->master >= 0)
		rtnl_link_set_master(r, s->master);
	if (s->addr_len > 0) {
		struct nl_addr *a = nl_addr_build(AF_LLC, s->addr, s->addr_len);

		if (!a)
			return -ENOMEM;
		rtnl_link_set_addr(r, a);
		nl_addr_put(a);
	}
	return 0;
}

static int create_veth(struct nl_sock *sk, const struct link_spec *s,
		       const struct link_spec *peer_spec)
{
	struct rtnl_link *r = rtnl_link_veth_alloc();
	struct rtnl_link *peer;
	int err;

	if (!r)
		return -ENOMEM;
	peer = rtnl_link_veth_get_peer(r);
	err = spec_to_rtnl(s, r);
	if (err == 0)
		err = spec_to_rtnl(peer_spec, peer);
	rtnl_link_put(peer);
	if (err == 0)
		err = netlink_errno(rtnl_link_add(sk, r,
						  NLM_F_CREATE | NLM_F_EXCL));
	rtnl_link_veth_release(r);
	return err;
}

static int create_plain(struct nl_sock *sk, const struct link_spec *s)
{
	struct rtnl_link *r = rtnl_link_alloc();
	int err;

	if (!r)
		return -ENOMEM;
	err = netlink_errno(rtnl_link_set_type(r, s->type));
	if (err == 0)
		err = spec_to_rtnl(s, r);
	if (err == 0)
		err = netlink_errno(rtnl_link_add(sk, r,
						  NLM_F_CREATE | NLM_F_EXCL));
	rtnl_link_put(r);
	return err;
}

static int link_create_now(const char *ns, const struct link_spec *s,
			   const struct link_spec *peer)
{
	struct nl_sock *sk;
	int err;

	sk = netlink_sock(ns, &err);
	if (!sk)
		return err;
	if (peer)
		return create_veth(sk, s, peer);
	return create_plain(sk, s);
}

int link_create(const char *ns, const struct link_spec *s,
		const struct link_spec *peer)
{
	int err = record_link_create(ns, s, peer);

	return record_end(err ?: link_create_now(ns, s, peer));
}

static int put_change(struct nl_msg *msg, const struct link_spec *s)
{
	if (s->ns_fd >= 0 && nla_put_u32(msg, IFLA_NET_NS_FD, s->ns_fd) < 0)
		return -ENOMEM;
	if (s->ns_pid > 0 && nla_put_u32(msg, IFLA_NET_NS_PID, s->ns_pid) < 0)
		return -ENOMEM;
	if (s->addr_len > 0 &&
	    nla_put(msg, IFLA_ADDRESS, s->addr_len, s->addr) < 0)
		return -ENOMEM;
	if (s->txqlen >= 0 && nla_put_u32(msg, IFLA_TXQLEN, s->txqlen) < 0)
		return -ENOMEM;
	if (s->mtu >= 0 && nla_put_u32(msg, IFLA_MTU, s->mtu) < 0)
		return -ENOMEM;
	if (s->master >= 0 && nla_put_u32(msg, IFLA_MASTER, s->master) < 0)
		return -ENOMEM;
	if (s->name && nla_put_string(msg, IFLA_IFNAME, s->name) < 0)
		return -ENOMEM;
	return 0;
}

static int link_change_now(const char *ns, int ifindex,
			   const struct link_spec *s)
{
	struct ifinfomsg ifi = {.ifi_index = ifindex};
	struct nl_msg *msg;
	int err;

	if (s->up >= 0) {
		ifi.ifi_change = IFF_UP;
		ifi.ifi_flags = s->up ? IFF_UP : 0;
	}
	msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	if (!msg)
		return -ENOMEM;
	err = nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ?
		      -ENOMEM : put_change(msg, s);
	if (err < 0) {
		nlmsg_free(msg);
		return err;
	}
	return netlink_change(ns, msg);
}

int link_change(const char *ns, int ifindex, const struct link_spec *s)
{
	int err = record_link_change(ns, ifindex, s);

	return record_end(err ?: link_change_now(ns, ifindex, s));
}

int link_delete(const char *ns, int ifindex)
{
	struct rtnl_link *r;
	struct nl_sock *sk;
	int err;

	sk = netlink_sock(ns, &err);
	if (!sk)
		return err;
	r = rtnl_link_alloc();
	if (!r)
		return -ENOMEM;
	rtnl_link_set_ifindex(r, ifindex);
	err = netlink_errno(rtnl_link_delete(sk, r));
	rtnl_link_put(r);
	return err;
}

/* One RTM_NEWLINK (ifindex > 0: that link joins group) or RTM_DELLINK
 * (ifindex 0: every link of group goes). */
static int group_request(const char *ns, int type, int ifindex,
			 unsigned int group)
{
	struct ifinfomsg ifi = {.ifi_index = ifindex};
	struct nl_msg *msg = nlmsg_alloc_simple(type, 0);

	if (msg && (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    nla_put_u32(msg, IFLA_GROUP, group) < 0)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return netlink_change(ns, msg);
}

/* A link group no link of ns is in. */
static int free_group(const char *ns, unsigned int *group)
{
	struct link_list all;
	unsigned int g = 0x6e73; /* "ns" */
	bool used = true;
	int err = link_list(ns, &all);

	if (err < 0)
		return err;
	for (; used; g++) {
		used = false;
		for (size_t i = 0; i < all.n && !used; i++)
			used = all.links[i].group == g;
		*group = g;
	}
	link_list_free(&all);
	return 0;
}

static int delete_one_by_one(const char *ns, const int *ifindex, size_t n)
{
	int err, first = 0;

	for (size_t i = 0; i < n; i++) {
		err = link_delete(ns, ifindex[i]);
		if (err < 0 && err != -ENODEV && !first)
			first = err;
	}
	return first;
}

int link_delete_many(const char *ns, const int *ifindex, size_t n)
{
	unsigned int group;
	size_t joined = 0;
	int err, first = 0;

	if (n < 2 || free_group(ns, &group) < 0)
		return delete_one_by_one(ns, ifindex, n);
	for (size_t i = 0; i < n; i++) {
		err = group_request(ns, RTM_NEWLINK, ifindex[i], group);
		if (err == 0)
			joined++;
		else if (err != -ENODEV) /* cannot join: on its own, then */
			first = first ?: delete_one_by_one(ns, &ifindex[i], 1);
	}
	if (joined == 0)
		return first;
	err = group_request(ns, RTM_DELLINK, 0, group);
	if (err < 0)
		err = delete_one_by_one(ns, ifindex, n);
	return first ?: err;
}
