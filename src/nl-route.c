/* nl-route.c: reading and changing routes over rtnetlink (libnl). */
#include "system.h"

#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>

#include "netlink-private.h"
#include "nl-route.h"
#include "record.h"

static void copy_addr(struct nlattr *a, unsigned char *buf, bool *has)
{
	int len;

	if (!a)
		return;
	len = nla_len(a);
	if (len > 16)
		len = 16;
	memcpy(buf, nla_data(a), len);
	*has = true;
}

static void route_attrs(struct nlattr **tb, struct route *r)
{
	unsigned int v;

	copy_addr(tb[RTA_DST], r->dst, &r->has_dst);
	copy_addr(tb[RTA_SRC], r->src, &r->has_src);
	copy_addr(tb[RTA_GATEWAY], r->gateway, &r->has_gateway);
	copy_addr(tb[RTA_PREFSRC], r->prefsrc, &r->has_prefsrc);
	if (netlink_u32(tb[RTA_OIF], &v))
		r->oif = v;
	if (netlink_u32(tb[RTA_IIF], &v))
		r->iif = v;
	if (netlink_u32(tb[RTA_TABLE], &v))
		r->table = v;
	r->has_priority = netlink_u32(tb[RTA_PRIORITY], &r->priority);
	r->has_uid = netlink_u32(tb[RTA_UID], &r->uid);
	r->has_mark = netlink_u32(tb[RTA_MARK], &r->mark);
	if (tb[RTA_PREF] && nla_len(tb[RTA_PREF]) >= 1) {
		r->has_pref = true;
		r->pref = nla_get_u8(tb[RTA_PREF]);
	}
	if (tb[RTA_CACHEINFO] &&
	    nla_len(tb[RTA_CACHEINFO]) >= (int)sizeof(struct rta_cacheinfo)) {
		struct rta_cacheinfo *ci = nla_data(tb[RTA_CACHEINFO]);

		r->expires = ci->rta_expires;
		r->error = ci->rta_error;
	}
}

/* One RTM_NEWROUTE message into r. */
static int route_from_msg(struct nlmsghdr *h, void *item)
{
	struct route *r = item;
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg *m;

	if (h->nlmsg_type != RTM_NEWROUTE ||
	    nlmsg_parse(h, sizeof(*m), tb, RTA_MAX, NULL) < 0)
		return -EINVAL;
	m = nlmsg_data(h);
	*r = (struct route){
		.family = m->rtm_family,
		.type = m->rtm_type,
		.protocol = m->rtm_protocol,
		.scope = m->rtm_scope,
		.tos = m->rtm_tos,
		.table = m->rtm_table,
		.flags = m->rtm_flags,
		.dst_len = m->rtm_dst_len,
		.src_len = m->rtm_src_len,
	};
	route_attrs(tb, r);
	return 0;
}

int route_list(const char *ns, int family, struct route_list *out)
{
	struct rtmsg m = {.rtm_family = family};
	struct netlink_array arr = {(void **)&out->routes, &out->n,
				    sizeof(struct route), route_from_msg};

	return netlink_dump_array(ns, RTM_GETROUTE, &m, sizeof(m), &arr);
}

void route_list_free(struct route_list *list)
{
	free(list->routes);
	*list = (struct route_list){0};
}

static int put_addr(struct nl_msg *msg, int type, int family,
		    const unsigned char *addr)
{
	return nla_put(msg, type, family == AF_INET6 ? 16 : 4, addr);
}

static int put_route_attrs(struct nl_msg *msg, const struct route *r)
{
	int err = 0;

	if (r->has_dst)
		err = err ?: put_addr(msg, RTA_DST, r->family, r->dst);
	if (r->has_src)
		err = err ?: put_addr(msg, RTA_SRC, r->family, r->src);
	if (r->has_gateway)
		err = err ?: put_addr(msg, RTA_GATEWAY, r->family, r->gateway);
	if (r->has_prefsrc)
		err = err ?: put_addr(msg, RTA_PREFSRC, r->family, r->prefsrc);
	if (r->oif)
		err = err ?: nla_put_u32(msg, RTA_OIF, r->oif);
	if (r->iif)
		err = err ?: nla_put_u32(msg, RTA_IIF, r->iif);
	if (r->has_priority)
		err = err ?: nla_put_u32(msg, RTA_PRIORITY, r->priority);
	if (r->has_mark)
		err = err ?: nla_put_u32(msg, RTA_MARK, r->mark);
	if (r->table >= 256)
		err = err ?: nla_put_u32(msg, RTA_TABLE, r->table);
	return err;
}

static struct nl_msg *route_msg(int cmd, int flags, const struct route *r)
{
	struct rtmsg m = {
		.rtm_family = r->family,
		.rtm_dst_len = r->dst_len,
		.rtm_src_len = r->src_len,
		.rtm_tos = r->tos,
		.rtm_table = r->table < 256 ? r->table : RT_TABLE_UNSPEC,
		.rtm_protocol = r->protocol,
		.rtm_scope = r->scope,
		.rtm_type = r->type,
		.rtm_flags = r->flags,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(cmd, flags);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &m, sizeof(m), NLMSG_ALIGNTO) < 0 ||
	    put_route_attrs(msg, r) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int route_change(const char *ns, enum route_op op, const struct route *r)
{
	static const int flags[] = {
		[ROUTE_ADD] = NLM_F_CREATE | NLM_F_EXCL,
		[ROUTE_CHANGE] = NLM_F_REPLACE,
		[ROUTE_REPLACE] = NLM_F_CREATE | NLM_F_REPLACE,
		[ROUTE_PREPEND] = NLM_F_CREATE,
		[ROUTE_APPEND] = NLM_F_CREATE | NLM_F_APPEND,
		[ROUTE_TEST] = NLM_F_EXCL,
		[ROUTE_DELETE] = 0,
	};
	int cmd = op == ROUTE_DELETE ? RTM_DELROUTE : RTM_NEWROUTE;
	int err = record_route(ns, op, r);

	if (err == 0)
		err = netlink_change(ns, route_msg(cmd, flags[op], r));
	return record_end(err);
}

struct answer {
	struct route *route;
	bool found;
};

static int take_answer(struct nlmsghdr *h, void *arg)
{
	struct answer *a = arg;

	if (!a->found && route_from_msg(h, a->route) == 0)
		a->found = true;
	return 0;
}

int route_get(const char *ns, const struct route *q, struct route *out)
{
	struct answer a = {.route = out};
	struct nl_msg *msg = route_msg(RTM_GETROUTE, 0, q);
	int err;

	if (!msg)
		return -ENOMEM;
	err = netlink_talk(ns, msg, take_answer, &a);
	nlmsg_free(msg);
	if (err < 0)
		return err;
	return a.found ? 0 : -EIO;
}
