/* nl-neigh.c: reading and changing neighbour entries (libnl-route). */
#include "system.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/route/neighbour.h>

#include "netlink-private.h"
#include "nl-neigh.h"
#include "record.h"

#ifndef NDA_FLAGS_EXT
#define NDA_FLAGS_EXT 15
#endif
#define NEIGH_ATTR_MAX (NDA_MAX > NDA_FLAGS_EXT ? NDA_MAX : NDA_FLAGS_EXT)

static void neigh_attrs(struct nlattr **tb, struct neigh *n)
{
	if (tb[NDA_DST] && nla_len(tb[NDA_DST]) <= 16) {
		n->dst_len = nla_len(tb[NDA_DST]);
		memcpy(n->dst, nla_data(tb[NDA_DST]), n->dst_len);
	}
	if (tb[NDA_LLADDR] && nla_len(tb[NDA_LLADDR]) <= NEIGH_LLADDR_MAX) {
		n->lladdr_len = nla_len(tb[NDA_LLADDR]);
		memcpy(n->lladdr, nla_data(tb[NDA_LLADDR]), n->lladdr_len);
	}
	if (tb[NDA_PROTOCOL] && nla_len(tb[NDA_PROTOCOL]) >= 1)
		n->protocol = nla_get_u8(tb[NDA_PROTOCOL]);
	if (tb[NDA_FLAGS_EXT] && nla_len(tb[NDA_FLAGS_EXT]) >= 4)
		n->ext_flags = nla_get_u32(tb[NDA_FLAGS_EXT]);
}

static int neigh_from_msg(struct nlmsghdr *h, void *item)
{
	struct neigh *n = item;
	struct nlattr *tb[NEIGH_ATTR_MAX + 1];
	struct ndmsg *m;

	if (h->nlmsg_type != RTM_NEWNEIGH ||
	    nlmsg_parse(h, sizeof(*m), tb, NEIGH_ATTR_MAX, NULL) < 0)
		return -EINVAL;
	m = nlmsg_data(h);
	*n = (struct neigh){
		.family = m->ndm_family,
		.ifindex = m->ndm_ifindex,
		.state = m->ndm_state,
		.flags = m->ndm_flags,
		.lladdr_len = -1,
	};
	neigh_attrs(tb, n);
	return 0;
}

int neigh_list(const char *ns, int family, struct neigh_list *out)
{
	struct ndmsg m = {.ndm_family = family};
	struct netlink_array arr = {(void **)&out->neighs, &out->n,
				    sizeof(struct neigh), neigh_from_msg};

	return netlink_dump_array(ns, RTM_GETNEIGH, &m, sizeof(m), &arr);
}

void neigh_list_free(struct neigh_list *list)
{
	free(list->neighs);
	*list = (struct neigh_list){0};
}

/* n as libnl's object; NULL when out of memory. */
static struct rtnl_neigh *neigh_to_rtnl(const struct neigh *n)
{
	struct rtnl_neigh *r = rtnl_neigh_alloc();
	struct nl_addr *dst, *ll = NULL;

	if (!r)
		return NULL;
	dst = nl_addr_build(n->family, n->dst, n->dst_len);
	if (n->lladdr_len >= 0)
		ll = nl_addr_build(AF_LLC, n->lladdr, n->lladdr_len);
	if (!dst || (n->lladdr_len >= 0 && !ll)) {
		nl_addr_put(dst);
		nl_addr_put(ll);
		rtnl_neigh_put(r);
		return NULL;
	}
	rtnl_neigh_set_family(r, n->family);
	rtnl_neigh_set_ifindex(r, n->ifindex);
	rtnl_neigh_set_dst(r, dst);
	if (ll)
		rtnl_neigh_set_lladdr(r, ll);
	rtnl_neigh_set_state(r, n->state);
	if (n->flags)
		rtnl_neigh_set_flags(r, n->flags);
	nl_addr_put(dst);
	nl_addr_put(ll);
	return r;
}

static int neigh_msg(enum neigh_op op, struct rtnl_neigh *r,
		     struct nl_msg **msg)
{
	static const int flags[] = {
		[NEIGH_ADD] = NLM_F_CREATE | NLM_F_EXCL,
		[NEIGH_CHANGE] = NLM_F_REPLACE,
		[NEIGH_REPLACE] = NLM_F_CREATE | NLM_F_REPLACE,
	};

	if (op == NEIGH_DELETE)
		return rtnl_neigh_build_delete_request(r, 0, msg);
	return rtnl_neigh_build_add_request(r, flags[op], msg);
}

int neigh_change(const char *ns, enum neigh_op op, const struct neigh *n)
{
	struct rtnl_neigh *r;
	struct nl_msg *msg = NULL;
	int err;

	r = neigh_to_rtnl(n);
	if (!r)
		return -ENOMEM;
	err = neigh_msg(op, r, &msg);
	rtnl_neigh_put(r);
	if (err < 0)
		return -ENOMEM;
	err = record_neigh(ns, op, n);
	if (err < 0) {
		nlmsg_free(msg);
		return record_end(err);
	}
	return record_end(netlink_change(ns, msg));
}
