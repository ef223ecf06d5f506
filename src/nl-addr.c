/* nl-addr.c: reading and changing IP addresses with libnl. */
#include "system.h"

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>


#include "netlink-private.h"
#include "nl-addr.h"
#include "record.h"

static void copy_ip(struct nlattr *a, unsigned char *buf, bool *has)
{
	size_t n = nla_len(a) > 16 ? 16 : nla_len(a);

	memcpy(buf, nla_data(a), n);
	*has = true;
}

static int addr_parse(struct nlmsghdr *h, void *item)
{
	struct addr *a = item;
	struct ifaddrmsg *ifa = nlmsg_data(h);
	struct nlattr *tb[IFA_MAX + 1];

	if (h->nlmsg_type != RTM_NEWADDR ||
	    nlmsg_parse(h, sizeof(*ifa), tb, IFA_MAX, NULL) < 0)
		return -EINVAL;
	memset(a, 0, sizeof(*a));
	a->ifindex = ifa->ifa_index;
	a->family = ifa->ifa_family;
	a->prefixlen = ifa->ifa_prefixlen;
	a->scope = ifa->ifa_scope;
	a->flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	if (tb[IFA_LOCAL])
		copy_ip(tb[IFA_LOCAL], a->local, &a->has_local);
	if (tb[IFA_ADDRESS])
		copy_ip(tb[IFA_ADDRESS], a->address, &a->has_address);
	if (!a->has_local && a->has_address) {
		memcpy(a->local, a->address, sizeof(a->local));
		a->has_local = true;
	}
	if (!a->has_address && a->has_local) {
		memcpy(a->address, a->local, sizeof(a->address));
		a->has_address = true;
	}
	if (tb[IFA_BROADCAST])
		copy_ip(tb[IFA_BROADCAST], a->broadcast, &a->has_broadcast);
	if (tb[IFA_LABEL]) {
		snprintf(a->label, sizeof(a->label), "%.*s",
			 nla_len(tb[IFA_LABEL]), (char *)nla_data(tb[IFA_LABEL]));
		a->has_label = true;
	}
	if (tb[IFA_CACHEINFO] &&
	    nla_len(tb[IFA_CACHEINFO]) >= (int)sizeof(struct ifa_cacheinfo)) {
		struct ifa_cacheinfo *ci = nla_data(tb[IFA_CACHEINFO]);

		a->valid_lft = ci->ifa_valid;
		a->preferred_lft = ci->ifa_prefered;
		a->has_cacheinfo = true;
	}
	if (tb[IFA_RT_PRIORITY]) {
		a->metric = nla_get_u32(tb[IFA_RT_PRIORITY]);
		a->has_metric = true;
	}
	return 0;
}

int addr_list(const char *ns, int family, struct addr_list *out)
{
	struct ifaddrmsg ifa = {.ifa_family = family};
	struct netlink_array arr = {(void **)&out->addrs, &out->n,
				    sizeof(struct addr), addr_parse};

	return netlink_dump_array(ns, RTM_GETADDR, &ifa, sizeof(ifa), &arr);
}

void addr_list_free(struct addr_list *list)
{
	free(list->addrs);
	*list = (struct addr_list){0};
}

static int addr_send(const char *ns, int type, int flags,
		     const struct addr_req *r)
{
	struct ifaddrmsg ifa = {
		.ifa_family = r->family,
		.ifa_prefixlen = r->prefixlen,
		.ifa_scope = r->scope,
		.ifa_index = r->ifindex,
	};
	int len = r->family == AF_INET ? 4 : 16;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, flags);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, len, r->local) < 0 ||
	    (!r->wildcard && nla_put(msg, IFA_ADDRESS, len, r->local) < 0) ||
	    (r->has_broadcast &&
	     nla_put(msg, IFA_BROADCAST, len, r->broadcast) < 0) ||
	    (r->label && nla_put_string(msg, IFA_LABEL, r->label) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return netlink_change(ns, msg);
}

int addr_add(const char *ns, const struct addr_req *r)
{
	int err = record_addr_add(ns, r);

	return record_end(err ?: addr_send(ns, RTM_NEWADDR,
					   NLM_F_CREATE | NLM_F_EXCL, r));
}

int addr_del(const char *ns, const struct addr_req *r)
{
	return addr_send(ns, RTM_DELADDR, 0, r);
}

static int flush_round(const char *ns, int ifindex, int family)
{
	struct addr_list list;
	int err, done = 0;

	err = addr_list(ns, family, &list);
	if (err < 0)
		return err;
	for (size_t i = 0; i < list.n; i++) {
		const struct addr *a = &list.addrs[i];
		struct addr_req r = {
			.ifindex = a->ifindex, .family = a->family,
			.prefixlen = a->prefixlen, .scope = a->scope,
		};

		if (a->ifindex != ifindex || !a->has_local)
			continue;
		memcpy(r.local, a->local, sizeof(r.local));
		err = addr_del(ns, &r);
		if (err < 0 && err != -EADDRNOTAVAIL)
			break;
		done += err == 0;
		err = 0;
	}
	addr_list_free(&list);
	return err < 0 ? err : done;
}

int addr_flush(const char *ns, int ifindex, int family)
{
	int total = 0, n;

	for (int round = 0; round < 10; round++) {
		n = flush_round(ns, ifindex, family);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		total += n;
	}
	return total;
}
