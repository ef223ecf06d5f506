/* nl-events.c: rtnetlink notifications of one namespace, parsed by libnl. */
#include "system.h"

#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/object.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>
#include <netlink/route/rtnl.h>

#include "netlink-private.h"
#include "netns.h"
#include "nl-events.h"

struct nl_events {
	struct nl_sock *sk;
	struct nl_cb *cb;
	nl_event_fn fn;
	void *arg;
	bool done; /* the dump being read has ended */
};

/* "11.11.11.0/24" (or without "/len" when len is -1); "" for none. */
static void addr_text(struct nl_addr *a, int len, char *buf, size_t size)
{
	char ip[INET6_ADDRSTRLEN];
	int family = a ? nl_addr_get_family(a) : AF_UNSPEC;

	buf[0] = '\0';
	if (!a || (family != AF_INET && family != AF_INET6) ||
	    !nl_addr_get_len(a) ||
	    !inet_ntop(family, nl_addr_get_binary_addr(a), ip, sizeof(ip)))
		return;
	if (len >= 0)
		snprintf(buf, size, "%s/%d", ip, len);
	else
		snprintf(buf, size, "%s", ip);
}

static void mac_copy(struct nl_addr *a, struct nl_event *ev)
{
	if (!a || nl_addr_get_len(a) != sizeof(ev->mac))
		return;
	memcpy(ev->mac, nl_addr_get_binary_addr(a), sizeof(ev->mac));
	ev->has_mac = true;
}

static bool from_link(struct rtnl_link *l, struct nl_event *ev)
{
	const char *name = rtnl_link_get_name(l);
	const char *kind = rtnl_link_get_type(l);

	ev->kind = NL_EVENT_LINK;
	ev->ifindex = rtnl_link_get_ifindex(l);
	snprintf(ev->name, sizeof(ev->name), "%s", name ? name : "");
	snprintf(ev->link_kind, sizeof(ev->link_kind), "%s", kind ? kind : "");
	ev->flags = rtnl_link_get_flags(l);
	ev->master = rtnl_link_get_master(l);
	ev->peer = rtnl_link_get_link(l);
	mac_copy(rtnl_link_get_addr(l), ev);
	return true;
}

static bool from_addr(struct rtnl_addr *a, struct nl_event *ev)
{
	if (rtnl_addr_get_family(a) != AF_INET)
		return false;
	ev->kind = NL_EVENT_ADDR;
	ev->ifindex = rtnl_addr_get_ifindex(a);
	addr_text(rtnl_addr_get_local(a), rtnl_addr_get_prefixlen(a), ev->addr,
		  sizeof(ev->addr));
	ev->scope = rtnl_addr_get_scope(a);
	return ev->addr[0] != '\0';
}

static bool from_route(struct rtnl_route *r, struct nl_event *ev)
{
	struct nl_addr *dst = rtnl_route_get_dst(r);
	struct rtnl_nexthop *nh;

	if (rtnl_route_get_family(r) != AF_INET)
		return false;
	ev->kind = NL_EVENT_ROUTE;
	ev->table = rtnl_route_get_table(r);
	ev->protocol = rtnl_route_get_protocol(r);
	ev->type = rtnl_route_get_type(r);
	ev->scope = rtnl_route_get_scope(r);
	if (dst && nl_addr_get_prefixlen(dst) == 0)
		snprintf(ev->addr, sizeof(ev->addr), "default");
	else
		addr_text(dst, dst ? (int)nl_addr_get_prefixlen(dst) : 0,
			  ev->addr, sizeof(ev->addr));
	if (!ev->addr[0])
		snprintf(ev->addr, sizeof(ev->addr), "default");
	if (rtnl_route_get_nnexthops(r) > 0) {
		nh = rtnl_route_nexthop_n(r, 0);
		ev->ifindex = rtnl_route_nh_get_ifindex(nh);
		addr_text(rtnl_route_nh_get_gateway(nh), -1, ev->gateway,
			  sizeof(ev->gateway));
	}
	return true;
}

static bool from_neigh(struct rtnl_neigh *n, struct nl_event *ev)
{
	int family = rtnl_neigh_get_family(n);

	if (family != AF_INET && family != AF_BRIDGE)
		return false;
	ev->kind = family == AF_BRIDGE ? NL_EVENT_FDB : NL_EVENT_NEIGH;
	ev->ifindex = rtnl_neigh_get_ifindex(n);
	ev->state = rtnl_neigh_get_state(n);
	ev->ntf = rtnl_neigh_get_flags(n);
	ev->master = rtnl_neigh_get_master(n);
	addr_text(rtnl_neigh_get_dst(n), -1, ev->addr, sizeof(ev->addr));
	mac_copy(rtnl_neigh_get_lladdr(n), ev);
	return true;
}

/* Turns one parsed libnl object into an event. */
static bool from_object(struct nl_object *obj, struct nl_event *ev)
{
	const char *type = nl_object_get_type(obj);

	if (streq(type, "route/link"))
		return from_link((struct rtnl_link *)obj, ev);
	if (streq(type, "route/addr"))
		return from_addr((struct rtnl_addr *)obj, ev);
	if (streq(type, "route/route"))
		return from_route((struct rtnl_route *)obj, ev);
	if (streq(type, "route/neigh"))
		return from_neigh((struct rtnl_neigh *)obj, ev);
	return false;
}

struct parsed {
	struct nl_events *src;
	bool deleted;
};

static void on_object(struct nl_object *obj, void *arg)
{
	struct parsed *p = arg;
	struct nl_event ev = {.deleted = p->deleted};

	if (from_object(obj, &ev))
		p->src->fn(&ev, p->src->arg);
}

static bool is_delete(int type)
{
	return type == RTM_DELLINK || type == RTM_DELADDR ||
	       type == RTM_DELROUTE || type == RTM_DELNEIGH;
}

/* A bridge port's AF_BRIDGE link message (libnl would call it a link
 * of its own; a bridge itself is AF_UNSPEC, which libnl turns into
 * AF_BRIDGE too, so only the message can tell). */
static bool is_bridge_port_info(struct nlmsghdr *h)
{
	struct ifinfomsg *ifi = nlmsg_data(h);

	if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK)
		return false;
	return nlmsg_datalen(h) >= (int)sizeof(*ifi) &&
	       ifi->ifi_family == AF_BRIDGE;
}

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct nl_events *src = arg;
	struct parsed p = {.src = src};

	p.deleted = is_delete(nlmsg_hdr(msg)->nlmsg_type);
	if (is_bridge_port_info(nlmsg_hdr(msg)))
		return NL_OK;
	nl_msg_parse(msg, on_object, &p); /* unknown kinds: nothing */
	return NL_OK;
}

static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nl_events *src = arg;

	(void)msg;
	src->done = true;
	return NL_STOP;
}

static int subscribe(struct nl_sock *sk)
{
	int err =
	    nl_socket_add_memberships(sk, RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR,
				      RTNLGRP_IPV4_ROUTE, RTNLGRP_NEIGH, 0);

	return err < 0 ? netlink_errno(err) : 0;
}

static int connect_in(const char *ns, struct nl_sock *sk)
{
	int saved, err;

	err = netns_enter(ns, &saved);
	if (err < 0)
		return err;
	err = nl_connect(sk, NETLINK_ROUTE);
	netns_leave(saved);
	return err < 0 ? netlink_errno(err) : 0;
}

static int setup(struct nl_events *src, const char *ns)
{
	int err;

	src->sk = nl_socket_alloc();
	src->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!src->sk || !src->cb)
		return -ENOMEM;
	nl_socket_disable_seq_check(src->sk);
	nl_socket_disable_auto_ack(src->sk);
	nl_cb_set(src->cb, NL_CB_VALID, NL_CB_CUSTOM, on_msg, src);
	nl_cb_set(src->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, src);
	nl_cb_set(src->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, NULL, NULL);
	err = connect_in(ns, src->sk);
	if (err < 0)
		return err;
	nl_socket_set_buffer_size(src->sk, 1 << 20, 0);
	return subscribe(src->sk);
}

int nl_events_open(const char *ns, struct nl_events **out)
{
	struct nl_events *src = calloc(1, sizeof(*src));
	int err;

	*out = NULL;
	if (!src)
		return -ENOMEM;
	err = setup(src, ns);
	if (err < 0) {
		nl_events_close(src);
		return err;
	}
	*out = src;
	return 0;
}

void nl_events_close(struct nl_events *src)
{
	if (!src)
		return;
	if (src->cb)
		nl_cb_put(src->cb);
	if (src->sk)
		nl_socket_free(src->sk);
	free(src);
}

static bool readable(struct nl_events *src, int wait_ms)
{
	struct pollfd p = {.fd = nl_socket_get_fd(src->sk), .events = POLLIN};

	return poll(&p, 1, wait_ms) == 1 && (p.revents & POLLIN);
}

/* One receive: every message of one datagram (or of a whole dump). */
static int read_once(struct nl_events *src)
{
	int err = nl_recvmsgs(src->sk, src->cb);

	if (err == -NLE_NOMEM || err == -NLE_DUMP_INTR)
		return -ENOBUFS; /* overrun: some notifications were lost */
	return err < 0 ? netlink_errno(err) : 0;
}

int nl_events_read(struct nl_events *src, int wait_ms, nl_event_fn fn,
		   void *arg)
{
	int n = 0, err, lost = 0;

	src->fn = fn;
	src->arg = arg;
	while (readable(src, n ? 0 : wait_ms)) {
		err = read_once(src);
		if (err == -ENOBUFS)
			lost = err;
		else if (err < 0)
			return err;
		n++;
	}
	return lost ? lost : n;
}

static int dump_one(struct nl_events *src, int type, int family)
{
	int err = nl_rtgen_request(src->sk, type, family, NLM_F_DUMP);

	if (err < 0)
		return netlink_errno(err);
	src->done = false;
	while (!src->done) {
		if (!readable(src, 2000))
			return -ETIMEDOUT;
		err = read_once(src);
		if (err < 0 && err != -ENOBUFS)
			return err;
	}
	return 0;
}

int nl_events_dump(struct nl_events *src, nl_event_fn fn, void *arg)
{
	int err;

	src->fn = fn;
	src->arg = arg;
	err = dump_one(src, RTM_GETLINK, AF_UNSPEC);
	if (err >= 0)
		err = dump_one(src, RTM_GETNEIGH, AF_INET);
	if (err >= 0)
		err = dump_one(src, RTM_GETNEIGH, AF_BRIDGE);
	return err;
}
