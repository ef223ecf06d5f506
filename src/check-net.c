/* check-net.c: the checks of the network stack itself: namespaces,
 * links, addresses, routes, neighbours, the bridge's fdb and sysctls,
 * read through the same functions the show commands use.
 */
#include "system.h"

#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "check-private.h"
#include "inet.h"
#include "netlink.h"
#include "netns.h"
#include "nl-addr.h"
#include "nl-fdb.h"
#include "nl-link.h"
#include "nl-neigh.h"
#include "nl-route.h"
#include "sysctl.h"
#include "topo.h"

int check_eval_netns(const struct check *c, char *why, size_t size)
{
	if (!check_ns_exists(c->argv[0], why, size))
		return 0;
	check_say(why, size, _("there is a namespace %s"), c->argv[0]);
	return 1;
}

/* ---- link ---- */

static const struct link *find_name(const struct link_list *l,
				    const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (streq(l->links[i].name, name))
			return &l->links[i];
	return NULL;
}

static int link_up(const struct link *k, char *why, size_t size)
{
	if (k->flags & IFF_UP) {
		check_say(why, size, _("%s is UP"), k->name);
		return 1;
	}
	check_say(why, size, _("%s exists but is DOWN"), k->name);
	return 0;
}

static int link_type(const struct link *k, const char *kind, char *why,
		     size_t size)
{
	if (streq(k->kind, kind)) {
		check_say(why, size, _("%s is a %s"), k->name, kind);
		return 1;
	}
	if (!k->kind[0])
		check_say(why, size, _("%s is not a %s (it has no type of its "
				       "own)"), k->name, kind);
	else
		check_say(why, size, _("%s is a %s, not a %s"), k->name,
			  k->kind, kind);
	return 0;
}

static int link_master(const struct link_list *l, const struct link *k,
		       const char *br, char *why, size_t size)
{
	const struct link *m = link_list_find(l, k->master);

	if (m && streq(m->name, br)) {
		check_say(why, size, _("%s is a port of %s"), k->name, br);
		return 1;
	}
	if (!k->master)
		check_say(why, size, _("%s is not a port of %s (it has no "
				       "master)"), k->name, br);
	else
		check_say(why, size, _("%s is a port of %s, not of %s"),
			  k->name, m ? m->name : "?", br);
	return 0;
}

static int link_peer(const struct check *c, const struct link *k,
		     char *why, size_t size)
{
	const char *ns = check_ns(c->argv[0]);
	const char *ns2 = c->argv[3], *dev2 = c->argv[4];
	char where[NAME_MAX + 1], name[IFNAMSIZ];

	if (!streq(k->kind, "veth") || !k->peer_ifindex) {
		check_say(why, size, _("%s is not a veth, so it has no other "
				       "end"), k->name);
		return 0;
	}
	if (!check_ns_exists(ns2, why, size))
		return 0;
	if (k->peer_netnsid < 0)
		snprintf(where, sizeof(where), "%s", c->argv[0]);
	else if (netlink_nsid(ns, check_ns(ns2)) == k->peer_netnsid)
		snprintf(where, sizeof(where), "%s", ns2);
	else if (!topo_nsid_owner(ns, k->peer_netnsid, where,
				     sizeof(where))) {
		check_say(why, size, _("%s's other end is in a namespace "
				       "without a name, not in %s"),
			  k->name, ns2);
		return 0;
	}
	link_name(check_ns(where), k->peer_ifindex, name);
	if (!netns_name_same(check_ns(where), check_ns(ns2))) {
		check_say(why, size, _("%s's other end is %s in %s, not in %s"),
			  k->name, name, where, ns2);
		return 0;
	}
	if (!streq(name, dev2)) {
		check_say(why, size, _("%s's other end is %s, not %s"), k->name,
			  name, dev2);
		return 0;
	}
	check_say(why, size, _("%s's other end is %s in %s"), k->name, name,
		  where);
	return 1;
}

int check_eval_link(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *dev = c->argv[1];
	const struct link *k;
	struct link_list l;
	int r, err;

	if (!check_ns_exists(word, why, size))
		return 0;
	err = link_list(check_ns(word), &l);
	if (err < 0)
		return check_cannot(why, size, word, err);
	k = find_name(&l, dev);
	if (!k) {
		check_link_missing(word, dev, &l, why, size);
		r = 0;
	} else if (c->argc == 2) {
		check_say(why, size, _("%s has a link %s"), word, dev);
		r = 1;
	} else if (streq(c->argv[2], "up"))
		r = link_up(k, why, size);
	else if (streq(c->argv[2], "type"))
		r = link_type(k, c->argv[3], why, size);
	else if (streq(c->argv[2], "master"))
		r = link_master(&l, k, c->argv[3], why, size);
	else
		r = link_peer(c, k, why, size);
	link_list_free(&l);
	return r;
}

/* ---- addr ---- */

static const char *prefix_text(const struct inet_prefix *p, char *buf,
			       size_t size)
{
	char a[INET6_ADDRSTRLEN];

	inet_format(p->family, p->addr, a, sizeof(a));
	snprintf(buf, size, "%s/%d", a, p->prefixlen);
	return buf;
}

int check_eval_addr(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *dev = c->argv[1];
	struct inet_prefix want;
	struct addr_list l;
	struct link k;
	char have[256], a[INET6_ADDRSTRLEN], text[64];
	size_t used = 0;
	bool found = false;
	int r;

	inet_prefix_parse(c->argv[2], AF_UNSPEC, &want);
	r = check_link_lookup(word, dev, &k, why, size);
	if (r <= 0)
		return r;
	r = addr_list(check_ns(word), want.family, &l);
	if (r < 0)
		return check_cannot(why, size, word, r);
	snprintf(have, sizeof(have), "%s", _("none"));
	for (size_t i = 0; i < l.n; i++) {
		const struct addr *x = &l.addrs[i];

		if (x->ifindex != k.ifindex)
			continue;
		if (x->prefixlen == want.prefixlen &&
		    !memcmp(x->local, want.addr, (size_t)want.bytelen))
			found = true;
		inet_format(x->family, x->local, a, sizeof(a));
		if (used < sizeof(have))
			used += snprintf(have + used, sizeof(have) - used,
					 "%s%s/%d", used ? ", " : "", a,
					 x->prefixlen);
	}
	addr_list_free(&l);
	prefix_text(&want, text, sizeof(text));
	if (found)
		check_say(why, size, _("%s has the address %s"), dev, text);
	else
		check_say(why, size, _("%s has no address %s (it has: %s)"), dev,
			  text, have);
	return found;
}

/* ---- route ---- */

static bool route_counts(const struct route *r, int family)
{
	return r->family == family && r->table != RT_TABLE_LOCAL &&
	       (r->type == RTN_UNICAST || r->type == RTN_UNSPEC);
}

static bool route_to(const struct route *r, const struct inet_prefix *p)
{
	int len = r->has_dst ? r->dst_len : 0;

	return len == p->prefixlen && inet_bits_match(r->dst, p->addr, len);
}

static void route_dev(const char *ns, const struct route *r, char *buf)
{
	if (r->oif)
		link_name(ns, r->oif, buf);
	else
		snprintf(buf, IFNAMSIZ, "?");
}

/* Says why route r (to what, the words) is not the one asked for. */
static void route_differs(const char *word, const char *what,
			  const struct route *r, const char *via,
			  const char *dev, char *why, size_t size)
{
	char gw[INET6_ADDRSTRLEN], name[IFNAMSIZ];

	route_dev(check_ns(word), r, name);
	if (r->has_gateway)
		inet_format(r->family, r->gateway, gw, sizeof(gw));
	if (via && r->has_gateway)
		check_say(why, size, _("%s's route to %s is via %s, not %s"),
			  word, what, gw, via);
	else if (via)
		check_say(why, size, _("%s's route to %s goes straight out of "
				       "%s, not via %s"), word, what, name,
			  via);
	else
		check_say(why, size, _("%s's route to %s goes through %s, not "
				       "%s"), word, what, name, dev);
}

int check_eval_route(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *how = c->argv[2], *arg = c->argv[3];
	const char *via = streq(how, "via") ? arg : NULL;
	const char *dev = via ? NULL : arg;
	struct inet_prefix want, gw;
	const struct route *seen = NULL;
	struct route_list l;
	struct link k;
	char what[64];
	bool is_default = streq(c->argv[1], "default");
	int r, family = AF_INET;

	if (via) {
		inet_addr_parse(via, AF_UNSPEC, &gw);
		family = gw.family;
	}
	if (is_default) {
		want = (struct inet_prefix){.family = family, .prefixlen = 0};
		snprintf(what, sizeof(what), "default");
	} else {
		inet_prefix_parse(c->argv[1], AF_UNSPEC, &want);
		inet_prefix_mask(&want);
		family = want.family;
		prefix_text(&want, what, sizeof(what));
	}
	if (dev)
		r = check_link_lookup(word, dev, &k, why, size);
	else
		r = check_ns_exists(word, why, size);
	if (r <= 0)
		return r;
	r = route_list(check_ns(word), family, &l);
	if (r < 0)
		return check_cannot(why, size, word, r);
	r = 0;
	for (size_t i = 0; i < l.n && !r; i++) {
		const struct route *x = &l.routes[i];

		if (!route_counts(x, family) || !route_to(x, &want))
			continue;
		if (!seen)
			seen = x;
		if (via && x->has_gateway &&
		    !memcmp(x->gateway, gw.addr, (size_t)gw.bytelen))
			r = 1;
		if (dev && x->oif == k.ifindex)
			r = 1;
	}
	if (r)
		check_say(why, size, via ? _("%s's route to %s is via %s") :
					   _("%s's route to %s goes through %s"),
			  word, what, arg);
	else if (!seen && is_default)
		check_say(why, size, _("%s has no default route"), word);
	else if (!seen)
		check_say(why, size, _("%s has no route to %s"), word, what);
	else
		route_differs(word, what, seen, via, dev, why, size);
	route_list_free(&l);
	return r;
}

/* ---- neigh ---- */

static const char *nud_word(unsigned int state)
{
	if (state & NUD_INCOMPLETE)
		return "INCOMPLETE";
	if (state & NUD_FAILED)
		return "FAILED";
	if (state & NUD_NOARP)
		return "NOARP";
	if (state & NUD_PERMANENT)
		return "PERMANENT";
	return "NONE";
}

int check_eval_neigh(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *dev = c->argv[1], *ip = c->argv[2];
	const unsigned int learned = NUD_REACHABLE | NUD_STALE | NUD_DELAY |
				     NUD_PROBE;
	const struct neigh *seen = NULL;
	struct inet_prefix want;
	struct neigh_list l;
	struct link k;
	char mac[64];
	int r;

	inet_addr_parse(ip, AF_UNSPEC, &want);
	r = check_link_lookup(word, dev, &k, why, size);
	if (r <= 0)
		return r;
	r = neigh_list(check_ns(word), want.family, &l);
	if (r < 0)
		return check_cannot(why, size, word, r);
	for (size_t i = 0; i < l.n && !seen; i++) {
		const struct neigh *n = &l.neighs[i];

		if (n->ifindex == k.ifindex && n->dst_len == want.bytelen &&
		    !memcmp(n->dst, want.addr, (size_t)want.bytelen))
			seen = n;
	}
	r = seen && (seen->state & learned) && seen->lladdr_len > 0;
	if (r) {
		mac_format(seen->lladdr, (size_t)seen->lladdr_len, mac,
			   sizeof(mac));
		check_say(why, size, _("%s knows %s's MAC on %s: %s"), word, ip,
			  dev, mac);
	} else if (seen)
		check_say(why, size, _("%s's ARP entry for %s on %s is %s: no "
				       "MAC learned"), word, ip, dev,
			  nud_word(seen->state));
	else
		check_say(why, size, _("%s has no ARP entry for %s on %s (no "
				       "packet has gone there yet)"), word, ip,
			  dev);
	neigh_list_free(&l);
	return r;
}

/* ---- fdb ---- */

static bool fdb_learned(const struct fdb_entry *e, int br)
{
	return e->mac_len && !(e->state & (NUD_PERMANENT | NUD_NOARP)) &&
	       (e->master == br || (e->flags & NTF_MASTER));
}

int check_eval_fdb(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *brname = c->argv[1], *dev = c->argv[2];
	const struct link *br, *port;
	const struct fdb_entry *hit = NULL;
	struct link_list l;
	struct fdb_list f;
	char mac[64];
	int r;

	if (!check_ns_exists(word, why, size))
		return 0;
	r = link_list(check_ns(word), &l);
	if (r < 0)
		return check_cannot(why, size, word, r);
	br = find_name(&l, brname);
	port = find_name(&l, dev);
	r = 0;
	if (!br || !port)
		check_link_missing(word, br ? dev : brname, &l, why, size);
	else if (!streq(br->kind, "bridge"))
		check_say(why, size, _("%s is not a bridge"), brname);
	else if (port->master != br->ifindex)
		r = -1;
	else
		r = 1;
	if (r < 0)
		link_master(&l, port, brname, why, size);
	if (r <= 0) {
		link_list_free(&l);
		return 0;
	}
	r = fdb_list(check_ns(word), br->ifindex, port->ifindex, &f);
	if (r < 0) {
		link_list_free(&l);
		return check_cannot(why, size, word, r);
	}
	for (size_t i = 0; i < f.n && !hit; i++)
		if (f.entries[i].ifindex == port->ifindex &&
		    fdb_learned(&f.entries[i], br->ifindex))
			hit = &f.entries[i];
	if (hit) {
		mac_format(hit->mac, hit->mac_len, mac, sizeof(mac));
		check_say(why, size, _("%s has learned %s on %s"), brname, mac,
			  dev);
	} else
		check_say(why, size, _("%s has learned no MAC on %s yet (no "
				       "frame has come in through it)"),
			  brname, dev);
	fdb_list_free(&f);
	link_list_free(&l);
	return hit != NULL;
}

/* ---- sysctl ---- */

/* The words of s joined by one space, into buf. */
static void squeeze(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	bool space = false;

	for (; *s && n + 1 < size; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			space = n > 0;
			continue;
		}
		if (space && n + 2 < size)
			buf[n++] = ' ';
		space = false;
		buf[n++] = *s;
	}
	buf[n] = '\0';
}

int check_eval_sysctl(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *key = c->argv[1];
	char value[256], have[256], want[256];
	size_t used = 0;
	int r;

	value[0] = '\0';
	for (int i = 2; i < c->argc && used < sizeof(value); i++)
		used += snprintf(value + used, sizeof(value) - used, "%s%s",
				 i > 2 ? " " : "", c->argv[i]);
	squeeze(value, want, sizeof(want));
	if (!check_ns_exists(word, why, size))
		return 0;
	r = sysctl_get(check_ns(word), key, value, sizeof(value));
	if (r == -ENOENT) {
		check_say(why, size, _("there is no sysctl %s in %s"), key, word);
		return 0;
	}
	if (r < 0)
		return check_cannot(why, size, key, r);
	squeeze(value, have, sizeof(have));
	if (streq(have, want)) {
		check_say(why, size, _("%s is %s in %s"), key, have, word);
		return 1;
	}
	check_say(why, size, _("%s is %s in %s, not %s"), key, have, word, want);
	return 0;
}
