/* record.c: journaling each object before a change makes it. */
#include "system.h"

#include <linux/rtnetlink.h>
#include <netinet/in.h>

#include "inet.h"
#include "journal.h"
#include "netns.h"
#include "nf.h"
#include "record.h"
#include "sysctl.h"

/* What the world holds when its journal begins, for reset's report of
 * what it left alone.  Only for the report: failing to read it is no
 * reason to refuse the change. */
static int record_baseline(void)
{
	struct netns_names names;
	struct link_list links;
	int err = 0;

	if (netns_list(&names) == 0) {
		for (size_t i = 0; i < names.n && err == 0; i++)
			err = journal_add("base", "netns", names.names[i]);
		netns_names_free(&names);
	}
	if (err == 0 && link_list(NULL, &links) == 0) {
		for (size_t i = 0; i < links.n && err == 0; i++)
			err = journal_add("base", "link", links.links[i].name);
		link_list_free(&links);
	}
	return err;
}

/* Begins the change; true when its objects are to be journaled. */
static bool begin(int *err)
{
	*err = journal_begin();
	if (*err == 1)
		*err = record_baseline();
	return *err == 0 && journal_recording();
}

/* A rename or move being made: the kernel may refuse a request after
 * it renamed or moved the link, so a failure alone does not say that
 * the link stayed where it was. */
static struct {
	bool pending;
	const char *ns;
	int ifindex;
	char name[IFNAMSIZ];
} move;

static bool link_stayed(void)
{
	struct link l;

	return link_get_by_index(move.ns, move.ifindex, &l) == 0 &&
	       streq(l.name, move.name);
}

int record_end(int err)
{
	bool moved = err < 0 && move.pending && !link_stayed();

	move.pending = false;
	if (!moved)
		return journal_end(err);
	journal_end(0); /* keep its line: the link did move */
	return err;
}

int record_netns_add(const char *name)
{
	int err;

	if (!begin(&err) || !netns_name_valid(name) || netns_exists(name))
		return err;
	return journal_add("netns", name);
}

/* ---- links ---- */

/* Where a link made or changed as s says ends up. */
static const char *spec_ns(const char *ns, const struct link_spec *s)
{
	return s->ns_fd >= 0 || s->ns_pid > 0 ? s->ns_name : ns;
}

static bool same_ns(const char *a, const char *b)
{
	return a == b || (a && b && streq(a, b));
}

static bool link_there(const char *ns, const char *name)
{
	if (ns && streq(ns, JOURNAL_ELSEWHERE))
		return false;
	return link_index(ns, name) > 0;
}

/* A link the kernel would refuse to make (its name is taken) is not
 * journaled: the name belongs to another link. */
static int made_link(const char *ns, const char *name)
{
	if (!name || link_there(ns, name))
		return 0;
	return journal_add("link", ns, name);
}

int record_link_create(const char *ns, const struct link_spec *s,
		       const struct link_spec *peer)
{
	int err;

	if (!begin(&err))
		return err;
	err = made_link(spec_ns(ns, s), s->name);
	if (err == 0 && peer)
		err = made_link(spec_ns(ns, peer), peer->name);
	return err;
}

int record_link_change(const char *ns, int ifindex, const struct link_spec *s)
{
	const char *to_ns = spec_ns(ns, s), *to_name;
	struct link l;
	int err;

	if (!begin(&err) || (!s->name && same_ns(ns, to_ns)))
		return err;
	if (link_get_by_index(ns, ifindex, &l) < 0)
		return 0; /* the change fails too */
	to_name = s->name ? s->name : l.name;
	if (link_there(to_ns, to_name))
		return 0; /* itself (nothing moves), or the kernel refuses */
	move.pending = true;
	move.ns = ns;
	move.ifindex = ifindex;
	memcpy(move.name, l.name, IFNAMSIZ);
	return journal_add("move", ns, l.name, to_ns, to_name);
}

/* ---- addresses, routes, neighbours ---- */

static const char *number(char *buf, size_t size, long long v)
{
	snprintf(buf, size, "%lld", v);
	return buf;
}

static bool addr_there(const char *ns, const struct addr_req *r)
{
	struct addr_list list;
	int len = r->family == AF_INET6 ? 16 : 4;
	bool found = false;

	if (addr_list(ns, r->family, &list) < 0)
		return false;
	for (size_t i = 0; i < list.n && !found; i++) {
		const struct addr *a = &list.addrs[i];

		found = a->ifindex == r->ifindex &&
			!memcmp(a->local, r->local, len) &&
			(r->family == AF_INET6 || a->prefixlen == r->prefixlen);
	}
	addr_list_free(&list);
	return found;
}

int record_addr_add(const char *ns, const struct addr_req *r)
{
	char dev[IFNAMSIZ], idx[16], a[INET6_ADDRSTRLEN], cidr[64];
	int err;

	if (!begin(&err) || addr_there(ns, r))
		return err;
	link_name(ns, r->ifindex, dev);
	snprintf(cidr, sizeof(cidr), "%s/%d",
		 inet_format(r->family, r->local, a, sizeof(a)), r->prefixlen);
	return journal_add("addr", ns, dev,
			   number(idx, sizeof(idx), r->ifindex), cidr);
}

static unsigned int route_table(const struct route *r)
{
	return r->table ? r->table : RT_TABLE_MAIN;
}

static unsigned int route_metric(const struct route *r)
{
	if (r->has_priority)
		return r->priority;
	return r->family == AF_INET6 ? 1024 : 0;
}

/* The kernel's key of a route: a replace or add of the same key finds
 * the route that is there. */
static bool same_key(const struct route *a, const struct route *b)
{
	return a->family == b->family && route_table(a) == route_table(b) &&
	       a->dst_len == b->dst_len && a->src_len == b->src_len &&
	       inet_bits_match(a->dst, b->dst, a->dst_len) &&
	       inet_bits_match(a->src, b->src, a->src_len) &&
	       a->tos == b->tos && route_metric(a) == route_metric(b);
}

/* b (as asked) goes where a (in the kernel) goes. */
static bool same_hop(const struct route *a, const struct route *b)
{
	int len = b->family == AF_INET6 ? 16 : 4;

	return a->type == b->type && a->has_gateway == b->has_gateway &&
	       (!b->has_gateway || !memcmp(a->gateway, b->gateway, len)) &&
	       (!b->oif || a->oif == b->oif);
}

static bool route_there(const char *ns, enum route_op op, const struct route *r)
{
	struct route_list list;
	bool found = false;

	if (route_list(ns, r->family, &list) < 0)
		return false;
	for (size_t i = 0; i < list.n && !found; i++)
		found = same_key(&list.routes[i], r) &&
			(op == ROUTE_ADD || op == ROUTE_REPLACE ||
			 same_hop(&list.routes[i], r));
	route_list_free(&list);
	return found;
}

static void prefix_field(char *buf, size_t size, const char *key,
			 int family, const unsigned char *addr, int len)
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, size, "%s=%s/%d", key,
		 inet_format(family, addr, a, sizeof(a)), len);
}

/* route NS DEV family= type= proto= tos= table= oif= dst= [src=]
 * [via=] [metric=]: what deleting exactly this route takes. */
static int route_line(const char *ns, const struct route *r)
{
	char dev[IFNAMSIZ], f[10][80], a[INET6_ADDRSTRLEN];
	const char *v[JOURNAL_FIELDS_MAX] = {"route", ns, NULL};
	int n = 3;

	if (r->oif) {
		link_name(ns, r->oif, dev);
		v[2] = dev;
	}
	snprintf(f[0], sizeof(f[0]), "family=%d", r->family);
	snprintf(f[1], sizeof(f[1]), "type=%u", r->type);
	snprintf(f[2], sizeof(f[2]), "proto=%u", r->protocol);
	snprintf(f[3], sizeof(f[3]), "tos=%u", r->tos);
	snprintf(f[4], sizeof(f[4]), "table=%u", route_table(r));
	snprintf(f[5], sizeof(f[5]), "oif=%d", r->oif);
	prefix_field(f[6], sizeof(f[6]), "dst", r->family, r->dst, r->dst_len);
	for (int i = 0; i <= 6; i++)
		v[n++] = f[i];
	if (r->has_src) {
		prefix_field(f[7], sizeof(f[7]), "src", r->family, r->src,
			     r->src_len);
		v[n++] = f[7];
	}
	if (r->has_gateway) {
		snprintf(f[8], sizeof(f[8]), "via=%s",
			 inet_format(r->family, r->gateway, a, sizeof(a)));
		v[n++] = f[8];
	}
	if (r->has_priority) {
		snprintf(f[9], sizeof(f[9]), "metric=%u", r->priority);
		v[n++] = f[9];
	}
	return journal_addv(v, n);
}

static bool route_makes(enum route_op op)
{
	return op == ROUTE_ADD || op == ROUTE_REPLACE || op == ROUTE_PREPEND ||
	       op == ROUTE_APPEND;
}

int record_route(const char *ns, enum route_op op, const struct route *r)
{
	int err;

	if (!begin(&err) || !route_makes(op) || route_there(ns, op, r))
		return err;
	return route_line(ns, r);
}

static bool neigh_there(const char *ns, const struct neigh *n)
{
	struct neigh_list list;
	bool found = false;

	if (neigh_list(ns, n->family, &list) < 0)
		return false;
	for (size_t i = 0; i < list.n && !found; i++) {
		const struct neigh *e = &list.neighs[i];

		found = e->ifindex == n->ifindex && e->dst_len == n->dst_len &&
			!memcmp(e->dst, n->dst, n->dst_len);
	}
	neigh_list_free(&list);
	return found;
}

int record_neigh(const char *ns, enum neigh_op op, const struct neigh *n)
{
	char dev[IFNAMSIZ], idx[16], a[INET6_ADDRSTRLEN];
	int err;

	if (!begin(&err) || (op != NEIGH_ADD && op != NEIGH_REPLACE) ||
	    neigh_there(ns, n))
		return err;
	link_name(ns, n->ifindex, dev);
	return journal_add("neigh", ns, dev,
			   number(idx, sizeof(idx), n->ifindex),
			   inet_format(n->family, n->dst, a, sizeof(a)));
}

/* ---- sysctl ---- */

int record_sysctl(const char *ns, const char *path)
{
	char old[4096];
	size_t len = strlen(SYSCTL_DIR);
	int err, n;

	if (!begin(&err))
		return err;
	n = sysctl_read(ns, path, old, sizeof(old));
	if (n < 0 || (size_t)n + 1 >= sizeof(old))
		return 0; /* unreadable (flush): nothing to put back */
	if (n > 0 && old[n - 1] == '\n')
		old[n - 1] = '\0';
	if (!strncmp(path, SYSCTL_DIR, len))
		path += len;
	return journal_add("sysctl", ns, path, old);
}

/* ---- the firewall: within one record_nf_begin() ... record_end() ---- */

int record_nf_begin(void)
{
	int err;

	begin(&err);
	return err;
}

int record_nf_table(const char *ns, const char *table)
{
	return journal_recording() ? journal_add("nftable", ns, table) : 0;
}

int record_nf_chain(const char *ns, const char *table, const char *chain)
{
	if (!journal_recording())
		return 0;
	return journal_add("nfchain", ns, table, chain);
}

int record_nf_rule(const char *ns, const char *table, const char *chain,
		   const char *text)
{
	if (!journal_recording())
		return 0;
	return journal_add("nfrule", ns, table, chain, text);
}

int record_nf_handle(const char *ns, const char *table, const char *chain,
		     unsigned long long handle, const char *text)
{
	char h[24];

	if (!journal_recording())
		return 0;
	snprintf(h, sizeof(h), "%llu", handle);
	return journal_add("nfhandle", ns, table, chain, h, text);
}

int record_nf_policy(const char *ns, const char *table, const char *chain,
		     int old)
{
	if (!journal_recording())
		return 0;
	return journal_add("nfpolicy", ns, table, chain, nf_policy_name(old));
}
