/* nl-link.c: reading and changing links with libnl-route-3. */
#include "system.h"

#include <netlink/route/link.h>

#include "netlink-private.h"
#include "nl-link.h"

static void copy_addr(struct nl_addr *a, unsigned char *buf,
		      unsigned int *len)
{
	*len = 0;
	if (!a)
		return;
	*len = nl_addr_get_len(a);
	if (*len > LINK_ADDR_MAX)
		*len = LINK_ADDR_MAX;
	memcpy(buf, nl_addr_get_binary_addr(a), *len);
}

static void link_from_rtnl(struct rtnl_link *r, struct link *l)
{
	const char *kind = rtnl_link_get_type(r);
	const char *qdisc = rtnl_link_get_qdisc(r);
	int32_t nsid;

	*l = (struct link){0};
	l->ifindex = rtnl_link_get_ifindex(r);
	snprintf(l->name, sizeof(l->name), "%s", rtnl_link_get_name(r));
	snprintf(l->kind, sizeof(l->kind), "%s", kind ? kind : "");
	snprintf(l->qdisc, sizeof(l->qdisc), "%s", qdisc ? qdisc : "");
	l->flags = rtnl_link_get_flags(r);
	l->mtu = rtnl_link_get_mtu(r);
	l->master = rtnl_link_get_master(r);
	l->peer_ifindex = rtnl_link_get_link(r);
	l->peer_netnsid = rtnl_link_get_link_netnsid(r, &nsid) == 0 ? nsid : -1;
	l->arptype = rtnl_link_get_arptype(r);
	copy_addr(rtnl_link_get_addr(r), l->addr, &l->addr_len);
	copy_addr(rtnl_link_get_broadcast(r), l->broadcast,
		  &l->broadcast_len);
	l->txqlen = rtnl_link_get_txqlen(r);
	l->group = rtnl_link_get_group(r);
	l->operstate = rtnl_link_get_operstate(r);
	l->linkmode = rtnl_link_get_linkmode(r);
	l->promiscuity = rtnl_link_get_promiscuity(r);
	l->num_tx_queues = rtnl_link_get_num_tx_queues(r);
	l->num_rx_queues = rtnl_link_get_num_rx_queues(r);
	rtnl_link_get_gso_max_size(r, &l->gso_max_size);
	rtnl_link_get_gso_max_segs(r, &l->gso_max_segs);
}

static int cmp_ifindex(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	return (x->ifindex > y->ifindex) - (x->ifindex < y->ifindex);
}

int link_list(const char *ns, struct link_list *out)
{
	struct nl_sock *sk;
	struct nl_cache *cache;
	struct nl_object *o;
	int err;
	size_t i = 0;

	*out = (struct link_list){0};
	sk = netlink_sock(ns, &err);
	if (!sk)
		return err;
	err = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	if (err < 0)
		return netlink_errno(err);
	out->links = calloc(nl_cache_nitems(cache) + 1, sizeof(struct link));
	if (!out->links) {
		nl_cache_free(cache);
		return -ENOMEM;
	}
	for (o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o))
		link_from_rtnl((struct rtnl_link *)o, &out->links[i++]);
	out->n = i;
	nl_cache_free(cache);
	qsort(out->links, out->n, sizeof(*out->links), cmp_ifindex);
	return 0;
}

void link_list_free(struct link_list *list)
{
	free(list->links);
	*list = (struct link_list){0};
}

static int link_get_one(const char *ns, int ifindex, const char *name,
			struct link *out)
{
	struct rtnl_link *r = NULL;
	struct nl_sock *sk;
	int err;

	sk = netlink_sock(ns, &err);
	if (!sk)
		return err;
	err = rtnl_link_get_kernel(sk, ifindex, name, &r);
	if (err < 0) {
		err = netlink_errno(err);
		return err == -ENOENT ? -ENODEV : err;
	}
	link_from_rtnl(r, out);
	rtnl_link_put(r);
	return 0;
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
