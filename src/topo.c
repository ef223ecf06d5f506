/* topo.c: discovery: the world read into one model (see topo.h).
 *
 * Namespaces are read one by one (links, addresses, default routes,
 * ip_forward, and with o->firewall the filter FORWARD policy and the
 * nat rules); then every veth is paired with its other end: the link
 * whose ifindex is the veth's IFLA_LINK, in the namespace the veth's
 * namespace calls by its IFLA_LINK_NETNSID.
 */
#include "system.h"

#include <netinet/in.h>
#include <net/if_arp.h>
#include <linux/netfilter.h>	/* after netinet/in.h */
#include <linux/rtnetlink.h>

#include "netlink.h"
#include "netns.h"
#include "nf-ipt.h"
#include "nl-addr.h"
#include "nl-link.h"
#include "nl-route.h"
#include "sysctl.h"
#include "topo.h"

/* A namespace's name as the query functions take it. */
static const char *ns_arg(const struct topo_ns *ns)
{
	return *ns->name ? ns->name : NULL;
}

static int link_index_of(const struct topo_ns *ns, int ifindex)
{
	for (size_t i = 0; i < ns->n_links; i++)
		if (ns->links[i].ifindex == ifindex)
			return (int)i;
	return -1;
}

/* ---- links and addresses ---- */

static void link_from(struct topo_link *t, const struct link *l)
{
	*t = (struct topo_link){.ifindex = l->ifindex, .master = -1,
				.peer_ns = -1, .peer_link = -1};
	snprintf(t->name, sizeof(t->name), "%s", l->name);
	snprintf(t->kind, sizeof(t->kind), "%s", l->kind);
	t->up = l->flags & IFF_UP;
	t->lower_up = l->flags & IFF_LOWER_UP;
	t->loopback = l->arptype == ARPHRD_LOOPBACK;
	if (l->arptype == ARPHRD_ETHER && l->addr_len == 6) {
		memcpy(t->mac, l->addr, 6);
		t->has_mac = true;
	}
}

/* Links, their masters, and what read_peers needs kept aside. */
static int read_links(struct topo_ns *ns, struct link_list *ll)
{
	int err = link_list(ns_arg(ns), ll);

	if (err < 0)
		return err;
	ns->links = calloc(ll->n ? ll->n : 1, sizeof(*ns->links));
	if (!ns->links) {
		link_list_free(ll);
		return -ENOMEM;
	}
	ns->n_links = ll->n;
	for (size_t i = 0; i < ll->n; i++)
		link_from(&ns->links[i], &ll->links[i]);
	for (size_t i = 0; i < ll->n; i++)
		if (ll->links[i].master)
			ns->links[i].master =
				link_index_of(ns, ll->links[i].master);
	return 0;
}

static void addr_keep(struct topo_ns *ns, const struct addr *a)
{
	int i = link_index_of(ns, a->ifindex);
	struct topo_link *l;
	struct topo_addr *k;

	if (i < 0)
		return;
	l = &ns->links[i];
	if (l->n_addrs == TOPO_ADDRS_MAX)
		return;
	k = &l->addrs[l->n_addrs++];
	k->family = a->family;
	memcpy(k->ip, a->has_local ? a->local : a->address, sizeof(k->ip));
	k->prefixlen = a->prefixlen;
	k->link_local = a->scope == RT_SCOPE_LINK;
}

static int read_addrs(struct topo_ns *ns)
{
	struct addr_list al;
	int err = addr_list(ns_arg(ns), AF_UNSPEC, &al);

	if (err < 0)
		return err;
	for (size_t i = 0; i < al.n; i++)
		addr_keep(ns, &al.addrs[i]);
	addr_list_free(&al);
	return 0;
}

/* ---- routes and forwarding ---- */

static bool route_is_default(const struct route *r)
{
	return r->dst_len == 0 && r->table == RT_TABLE_MAIN &&
	       r->type == RTN_UNICAST &&
	       (r->family == AF_INET || r->family == AF_INET6);
}

static int read_defaults(struct topo_ns *ns)
{
	struct route_list rl;
	int err = route_list(ns_arg(ns), AF_UNSPEC, &rl);

	if (err < 0)
		return err;
	for (size_t i = 0; i < rl.n; i++) {
		const struct route *r = &rl.routes[i];
		struct topo_route *d;

		if (!route_is_default(r))
			continue;
		d = &ns->defaults[r->family == AF_INET6];
		if (d->present)
			continue; /* the first one: the kernel's choice */
		d->present = true;
		d->has_gateway = r->has_gateway;
		memcpy(d->gateway, r->gateway, sizeof(d->gateway));
		d->link = r->oif ? link_index_of(ns, r->oif) : -1;
	}
	route_list_free(&rl);
	return 0;
}

static void read_ip_forward(struct topo_ns *ns)
{
	char buf[16];

	ns->ip_forward = -1;
	if (sysctl_get(ns_arg(ns), "net.ipv4.ip_forward", buf, sizeof(buf)) >= 0)
		ns->ip_forward = atoi(buf);
}

static void nat_keep(struct topo_ns *ns, const struct ipt_table *t)
{
	for (size_t c = 0; c < t->n; c++)
		for (size_t r = 0; r < t->chains[c].n; r++) {
			if (ns->n_nat == TOPO_NAT_MAX)
				return;
			ipt_rule_spec(&t->chains[c].rules[r],
				      t->chains[c].name, ns->nat[ns->n_nat++],
				      TOPO_NAT_LEN);
		}
}

/* The FORWARD policy and the nat rules; a namespace whose kernel has
 * no nf_tables keeps -1 and none. */
static void read_firewall(struct topo_ns *ns)
{
	struct ipt_table t;
	const struct ipt_chain *fwd;

	if (nf_ipt_read(ns_arg(ns), "filter", &t) >= 0) {
		fwd = nf_ipt_chain(&t, "FORWARD");
		if (fwd)
			ns->forward_policy = fwd->policy;
		nf_ipt_table_free(&t);
	}
	if (nf_ipt_read(ns_arg(ns), "nat", &t) >= 0) {
		nat_keep(ns, &t);
		nf_ipt_table_free(&t);
	}
}

/* A namespace read whole, or -errno (-ENOENT: it went away). */
static int read_ns(struct topo_ns *ns, const struct topo_options *o,
		   struct link_list *ll)
{
	int err = read_links(ns, ll);

	if (err >= 0)
		err = read_addrs(ns);
	if (err >= 0)
		err = read_defaults(ns);
	if (err < 0)
		return err;
	read_ip_forward(ns);
	ns->forward_policy = -1;
	/* the host always; a namespace only when it routes */
	if (o->firewall && (!*ns->name || ns->ip_forward == 1))
		read_firewall(ns);
	return 0;
}

/* ---- veth peers ---- */

/* What namespace i calls namespace j, asked once and kept. */
struct nsid_cache {
	size_t n;
	int *ids;		/* n * n; -2: not asked yet */
};

static int nsid_of(struct nsid_cache *c, const struct topo *t, size_t i,
		   size_t j)
{
	int *id = &c->ids[i * c->n + j];

	if (*id == -2)
		*id = netlink_nsid(ns_arg(&t->ns[i]), ns_arg(&t->ns[j]));
	return *id;
}

/* Is link k of namespace j the other end of l (in namespace i)? */
static bool is_other_end(const struct link *l, const struct link *k)
{
	return streq(k->kind, "veth") && k->ifindex == l->peer_ifindex &&
	       k->peer_ifindex == l->ifindex;
}

static void find_peer(struct topo *t, struct nsid_cache *c, size_t i,
		      size_t li, const struct link_list *lls)
{
	const struct link *l = &lls[i].links[li];
	struct topo_link *tl = &t->ns[i].links[li];

	for (size_t j = 0; j < t->n_ns; j++) {
		int k = link_index_of(&t->ns[j], l->peer_ifindex);

		if (k < 0 || !is_other_end(l, &lls[j].links[k]))
			continue;
		if (l->peer_netnsid < 0 ? j != i
					: j == i || nsid_of(c, t, i, j) !=
							    l->peer_netnsid)
			continue;
		tl->peer_ns = (int)j;
		tl->peer_link = k;
		return;
	}
}

static int read_peers(struct topo *t, const struct link_list *lls)
{
	struct nsid_cache c = {t->n_ns, NULL};

	c.ids = malloc(t->n_ns * t->n_ns * sizeof(*c.ids));
	if (!c.ids)
		return -ENOMEM;
	for (size_t i = 0; i < t->n_ns * t->n_ns; i++)
		c.ids[i] = -2;
	for (size_t i = 0; i < t->n_ns; i++)
		for (size_t li = 0; li < lls[i].n; li++)
			if (streq(lls[i].links[li].kind, "veth") &&
			    lls[i].links[li].peer_ifindex > 0)
				find_peer(t, &c, i, li, lls);
	free(c.ids);
	return 0;
}

/* ---- the world ---- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The host, then the named namespaces by name; *lls gets room for each
 * namespace's raw links. */
static int alloc_namespaces(struct topo *t, struct link_list **lls)
{
	struct netns_names names;
	int err = netns_list(&names);

	if (err < 0)
		return err;
	if (names.n)
		qsort(names.names, names.n, sizeof(*names.names), name_cmp);
	t->ns = calloc(names.n + 1, sizeof(*t->ns));
	*lls = calloc(names.n + 1, sizeof(**lls));
	if (!t->ns || !*lls) {
		netns_names_free(&names);
		return -ENOMEM;
	}
	t->n_ns = names.n + 1;
	for (size_t i = 0; i < names.n; i++)
		snprintf(t->ns[i + 1].name, sizeof(t->ns[0].name), "%s",
			 names.names[i]);
	netns_names_free(&names);
	return 0;
}

/* Drops namespace i (deleted while the world was read). */
static void drop_ns(struct topo *t, struct link_list *lls, size_t i)
{
	free(t->ns[i].links);
	link_list_free(&lls[i]);
	memmove(&t->ns[i], &t->ns[i + 1], (t->n_ns - i - 1) * sizeof(*t->ns));
	memmove(&lls[i], &lls[i + 1], (t->n_ns - i - 1) * sizeof(*lls));
	t->n_ns--;
}

static int read_all(struct topo *t, const struct topo_options *o,
		    struct link_list *lls)
{
	for (size_t i = 0; i < t->n_ns;) {
		int err = read_ns(&t->ns[i], o, &lls[i]);

		if (err == -ENOENT && i > 0) {
			drop_ns(t, lls, i);
			continue;
		}
		if (err < 0)
			return err;
		i++;
	}
	return read_peers(t, lls);
}

int topo_discover(const struct topo_options *o, struct topo *t)
{
	struct link_list *lls = NULL;
	size_t n;
	int err;

	*t = (struct topo){0};
	err = alloc_namespaces(t, &lls);
	if (err >= 0)
		err = read_all(t, o, lls);
	n = lls ? t->n_ns : 0;
	for (size_t i = 0; i < n; i++)
		link_list_free(&lls[i]);
	free(lls);
	if (err < 0)
		topo_free(t);
	return err;
}

void topo_free(struct topo *t)
{
	for (size_t i = 0; i < t->n_ns; i++)
		free(t->ns[i].links);
	free(t->ns);
	*t = (struct topo){0};
}

/* ---- lookups ---- */

const struct topo_ns *topo_ns_find(const struct topo *t, const char *name)
{
	for (size_t i = 0; i < t->n_ns; i++)
		if (streq(t->ns[i].name, name ? name : ""))
			return &t->ns[i];
	return NULL;
}

const struct topo_link *topo_link_find(const struct topo_ns *ns,
				       const char *name)
{
	for (size_t i = 0; i < ns->n_links; i++)
		if (streq(ns->links[i].name, name))
			return &ns->links[i];
	return NULL;
}

const char *topo_ns_label(const struct topo_ns *ns)
{
	return netns_label(ns->name);
}

bool topo_nsid_owner(const char *viewer, int nsid, char *buf, size_t size)
{
	struct netns_names names;
	bool found = false;

	if (netlink_nsid(viewer, NULL) == nsid) {
		snprintf(buf, size, "host");
		return true;
	}
	if (netns_list(&names) < 0)
		return false;
	for (size_t i = 0; i < names.n && !found; i++)
		if (netlink_nsid(viewer, names.names[i]) == nsid) {
			snprintf(buf, size, "%s", names.names[i]);
			found = true;
		}
	netns_names_free(&names);
	return found;
}
