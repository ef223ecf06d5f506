/* reset.c: undoing what the journal says nstutor made, nothing else. */
#include "system.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <stdarg.h>

#include "inet.h"
#include "journal.h"
#include "netlink.h"
#include "netns.h"
#include "nf.h"
#include "nl-addr.h"
#include "nl-link.h"
#include "nl-neigh.h"
#include "nl-route.h"
#include "out.h"
#include "reset-nf.h"
#include "reset.h"
#include "serve.h"
#include "sockets.h"
#include "sysctl.h"
#include "world.h"

/* A link nstutor made, or one that was there and that it renamed or
 * moved: where it was first, and where it is now. */
struct rs_link {
	const char *ns0, *name0;
	const char *ns, *name;
	bool made;
};

struct strv {
	size_t n;
	const char **v;
};

struct rs {
	struct reset_report *rep;
	struct strv made_ns, base_ns, base_link;
	bool has_base;
	size_t n_links;
	struct rs_link *links;
	size_t n;			/* entries with something to undo */
	const struct journal_entry **undo;
	bool bad;			/* a line was not understood */
};

static bool same_ns(const char *a, const char *b)
{
	return a == b || (a && b && streq(a, b));
}

static bool elsewhere(const char *ns)
{
	return ns && streq(ns, JOURNAL_ELSEWHERE);
}

/* "already gone": nothing left to undo. */
static bool gone(int err)
{
	return err == -ENOENT || err == -ENODEV || err == -ESRCH ||
	       err == -EADDRNOTAVAIL;
}

static int strv_push(struct strv *s, const char *str)
{
	const char **v = realloc(s->v, (s->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	s->v = v;
	v[s->n++] = str;
	return 0;
}

static bool strv_has(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (same_ns(s->v[i], str))
			return true;
	return false;
}

static void report(struct rs *rs, enum reset_part part, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static void report(struct rs *rs, enum reset_part part, const char *fmt, ...)
{
	struct reset_report *rep = rs->rep;
	char **v, *item;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&item, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	v = realloc(rep->items[part], (rep->n[part] + 1) * sizeof(*v));
	if (!v) {
		free(item);
		return;
	}
	rep->items[part] = v;
	v[rep->n[part]++] = item;
}

static void failed(struct rs *rs)
{
	rs->rep->failures++;
}

/* The namespace as messages name it. */
static const char *ns_text(const char *ns)
{
	return ns ? ns : _("the host namespace");
}

/* ---- pass 1: the journal forward ---- */

static int replay_base(struct rs *rs, const struct journal_entry *e)
{
	const char *what = e->f[1], *name = e->f[2];

	if (!what || !name)
		return -EINVAL;
	rs->has_base = true;
	if (streq(what, "netns"))
		return strv_push(&rs->base_ns, name);
	if (streq(what, "link"))
		return strv_push(&rs->base_link, name);
	return -EINVAL;
}

static int replay_netns(struct rs *rs, const struct journal_entry *e)
{
	if (!e->f[1] || !netns_name_valid(e->f[1]))
		return -EINVAL;
	if (strv_has(&rs->made_ns, e->f[1]))
		return 0;
	return strv_push(&rs->made_ns, e->f[1]);
}

static int push_link(struct rs *rs, struct rs_link l)
{
	struct rs_link *v = realloc(rs->links, (rs->n_links + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	rs->links = v;
	v[rs->n_links++] = l;
	return 0;
}

static int replay_link(struct rs *rs, const struct journal_entry *e)
{
	if (!e->f[2])
		return -EINVAL;
	return push_link(rs, (struct rs_link){e->f[1], e->f[2], e->f[1],
					      e->f[2], true});
}

/* The link that is now at ns/name, the latest first. */
static struct rs_link *link_at(struct rs *rs, const char *ns, const char *name)
{
	for (size_t i = rs->n_links; i-- > 0;) {
		struct rs_link *l = &rs->links[i];

		if (same_ns(l->ns, ns) && streq(l->name, name))
			return l;
	}
	return NULL;
}

static int replay_move(struct rs *rs, const struct journal_entry *e)
{
	struct rs_link *l;

	if (!e->f[2] || !e->f[4])
		return -EINVAL;
	l = link_at(rs, e->f[1], e->f[2]);
	if (!l)
		return push_link(rs, (struct rs_link){e->f[1], e->f[2],
						      e->f[3], e->f[4], false});
	l->ns = e->f[3];
	l->name = e->f[4];
	return 0;
}

static int undo_addr(struct rs *rs, const struct journal_entry *e);
static int undo_route(struct rs *rs, const struct journal_entry *e);
static int undo_neigh(struct rs *rs, const struct journal_entry *e);
static int undo_sysctl(struct rs *rs, const struct journal_entry *e);
static int undo_nf(struct rs *rs, const struct journal_entry *e);

/* The kinds of line, and what undoes each. */
static const struct rs_kind {
	const char *name;
	int fields; /* after the kind, at least */
	int (*replay)(struct rs *rs, const struct journal_entry *e);
	int (*undo)(struct rs *rs, const struct journal_entry *e);
} kinds[] = {
	{"base", 2, replay_base, NULL},
	{"netns", 1, replay_netns, NULL},
	{"link", 2, replay_link, NULL},
	{"move", 4, replay_move, NULL},
	{"addr", 4, NULL, undo_addr},
	{"route", 9, NULL, undo_route},
	{"neigh", 4, NULL, undo_neigh},
	{"sysctl", 3, NULL, undo_sysctl},
	{"nftable", 2, NULL, undo_nf},
	{"nfchain", 3, NULL, undo_nf},
	{"nfrule", 4, NULL, undo_nf},
	{"nfhandle", 5, NULL, undo_nf},
	{"nfpolicy", 4, NULL, undo_nf},
};

static const struct rs_kind *kind_of(const struct journal_entry *e)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (streq(e->f[0], kinds[i].name))
			return e->n > kinds[i].fields ? &kinds[i] : NULL;
	return NULL;
}

static void bad_line(struct rs *rs, const struct journal_entry *e)
{
	rs->bad = true;
	if (e->line)
		out_error(_("nstutor: %s:%u: not a journal line; skipped"),
			  journal_path(), e->line);
	else
		out_error(_("nstutor: reset: \"%s\" is no object it knows; "
			    "skipped"), e->f[0]);
}

static int replay(struct rs *rs, const struct journal *j)
{
	const struct journal_entry **v;
	int err;

	for (size_t i = 0; j && i < j->n; i++) {
		const struct journal_entry *e = &j->entries[i];
		const struct rs_kind *k = kind_of(e);

		err = !k ? -EINVAL : k->replay ? k->replay(rs, e) : 0;
		if (err == -ENOMEM)
			return err;
		if (err < 0) {
			bad_line(rs, e);
			continue;
		}
		if (k->replay == replay_base)
			continue;
		v = realloc(rs->undo, (rs->n + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		rs->undo = v;
		v[rs->n++] = e;
	}
	return 0;
}

/* ---- pass 2: links put back, links and namespaces deleted ---- */

/* An fd of namespace ns (NULL: the world's host) to move a link to. */
static int ns_fd(const char *ns)
{
	int fd;

	if (ns)
		return netns_open(ns);
	fd = fcntl(world_host_fd(), F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}

static void report_put_back(struct rs *rs, const struct rs_link *l)
{
	if (!same_ns(l->ns, l->ns0))
		/* TRANSLATORS: a link put back, and where it was: "eth1
		 * (from RED)". */
		report(rs, RESET_MOVED_BACK, _("%s (from %s)"), l->name0,
		       ns_text(l->ns));
	else
		/* TRANSLATORS: a link given its name back: "eth1 (was
		 * lan0)". */
		report(rs, RESET_MOVED_BACK, _("%s (was %s)"), l->name0,
		       l->name);
}

static void put_back(struct rs *rs, const struct rs_link *l)
{
	struct link_spec s;
	int idx, err;

	if (elsewhere(l->ns)) {
		out_error(_("reset: cannot put back link %s: it was moved out "
			    "of this world"), l->name0);
		return;
	}
	idx = link_index(l->ns, l->name);
	if (idx < 0)
		return; /* gone */
	link_spec_init(&s);
	if (!streq(l->name, l->name0))
		s.name = l->name0;
	if (!same_ns(l->ns, l->ns0) && (s.ns_fd = ns_fd(l->ns0)) < 0) {
		err = s.ns_fd;
		goto fail;
	}
	err = link_change(l->ns, idx, &s);
	if (s.ns_fd >= 0)
		close(s.ns_fd);
	if (err == 0) {
		report_put_back(rs, l);
		return;
	}
fail:
	if (gone(err))
		return;
	out_error(_("reset: cannot put back link %s into %s: %s"), l->name0,
		  ns_text(l->ns0), out_strerror(-err));
	failed(rs);
}

static void put_back_links(struct rs *rs)
{
	for (size_t i = rs->n_links; i-- > 0;) {
		const struct rs_link *l = &rs->links[i];

		if (!l->made && (!same_ns(l->ns, l->ns0) ||
				 !streq(l->name, l->name0)))
			put_back(rs, l);
	}
}

/* Has an earlier made link the same place (made, deleted, made again)? */
static bool link_seen(const struct rs *rs, size_t i)
{
	const struct rs_link *l = &rs->links[i];

	for (size_t k = 0; k < i; k++)
		if (rs->links[k].made && same_ns(rs->links[k].ns, l->ns) &&
		    streq(rs->links[k].name, l->name))
			return true;
	return false;
}

/* A made link found where the journal says it is, to be deleted. */
struct rs_found {
	const char *ns, *name;
	int ifindex;
};

/* Deletes the found links of ns (one request), reports them. */
static void delete_links_in(struct rs *rs, const struct rs_found *f,
			    size_t n, const char *ns)
{
	_cleanup_free_ int *idx = calloc(n + 1, sizeof(int));
	size_t k = 0;
	int err;

	if (!idx)
		return;
	for (size_t i = 0; i < n; i++)
		if (same_ns(f[i].ns, ns))
			idx[k++] = f[i].ifindex;
	err = link_delete_many(ns, idx, k);
	if (err < 0 && !gone(err)) {
		out_error(_("reset: cannot delete the links nstutor made in "
			    "%s: %s"), ns_text(ns), out_strerror(-err));
		failed(rs);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (same_ns(f[i].ns, ns))
			report(rs, RESET_LINK, "%s", f[i].name);
}

/* Every made link still there (before any goes: a veth takes its
 * peer); those inside namespaces nstutor made go with them. */
static size_t find_links(struct rs *rs, struct rs_found *f)
{
	size_t n = 0;

	for (size_t i = 0; i < rs->n_links; i++) {
		const struct rs_link *l = &rs->links[i];
		int x;

		if (!l->made || elsewhere(l->ns) || link_seen(rs, i) ||
		    (x = link_index(l->ns, l->name)) < 0)
			continue;
		if (l->ns && strv_has(&rs->made_ns, l->ns))
			report(rs, RESET_LINK, "%s", l->name);
		else
			f[n++] = (struct rs_found){l->ns, l->name, x};
	}
	return n;
}

static void delete_links(struct rs *rs)
{
	_cleanup_free_ struct rs_found *f = calloc(rs->n_links + 1, sizeof(*f));
	size_t n;

	if (!f)
		return;
	n = find_links(rs, f);
	for (size_t i = 0; i < n; i++) {
		bool first = true;

		for (size_t k = 0; k < i && first; k++)
			first = !same_ns(f[k].ns, f[i].ns);
		if (first)
			delete_links_in(rs, f, n, f[i].ns);
	}
}

static void delete_namespaces(struct rs *rs)
{
	for (size_t i = rs->made_ns.n; i-- > 0;) {
		const char *name = rs->made_ns.v[i];
		int err = netns_del(name);

		sockets_forget(name);
		if (err == 0)
			report(rs, RESET_NETNS, "%s", name);
		else if (!gone(err)) {
			out_error(_("reset: cannot delete namespace %s: %s"),
				  name, out_strerror(-err));
			failed(rs);
		}
	}
}

/* ---- pass 3: the rest, newest first ---- */

static int parse_int(const char *s, int *out)
{
	char *end;
	long v;

	if (!s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > INT_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Says why an undo step failed, unless the object is gone already. */
static int undo_result(struct rs *rs, int err, const char *what,
		       const char *name)
{
	if (err == 0 || gone(err))
		return err == 0;
	/* TRANSLATORS: "reset: cannot delete address 10.0.0.1/24 on eth0:
	 * Operation not permitted"; the second %s is one of "address",
	 * "route", "neighbour entry" (translated). */
	out_error(_("reset: cannot delete %s %s: %s"), what, name,
		  out_strerror(-err));
	failed(rs);
	return 0;
}

static int undo_addr(struct rs *rs, const struct journal_entry *e)
{
	struct addr_req r = {.scope = 0};
	struct inet_prefix p;
	_cleanup_free_ char *name = NULL;

	if (parse_int(e->f[3], &r.ifindex) < 0 || !e->f[4] ||
	    inet_prefix_parse(e->f[4], AF_UNSPEC, &p) < 0)
		return -EINVAL;
	r.family = p.family;
	r.prefixlen = p.prefixlen;
	memcpy(r.local, p.addr, sizeof(r.local));
	if (asprintf(&name, _("%s on %s"), e->f[4],
		     e->f[2] ? e->f[2] : "?") < 0)
		return -ENOMEM;
	if (undo_result(rs, addr_del(e->f[1], &r), _("address"), name))
		report(rs, RESET_ADDR, "%s", name);
	return 0;
}

/* The number fields of a route line, and where each goes. */
static int *route_number(struct route *r, const char *key)
{
	if (streq(key, "family"))
		return &r->family;
	if (streq(key, "oif"))
		return &r->oif;
	return NULL;
}

static unsigned int *route_unsigned(struct route *r, const char *key)
{
	if (streq(key, "table"))
		return &r->table;
	if (streq(key, "metric")) {
		r->has_priority = true;
		return &r->priority;
	}
	return NULL;
}

static unsigned char *route_byte(struct route *r, const char *key)
{
	if (streq(key, "type"))
		return &r->type;
	if (streq(key, "proto"))
		return &r->protocol;
	if (streq(key, "tos"))
		return &r->tos;
	return NULL;
}

static int route_prefix(struct route *r, const char *key, const char *v)
{
	struct inet_prefix p;
	bool dst = streq(key, "dst");

	if (streq(key, "via")) {
		if (inet_addr_parse(v, AF_UNSPEC, &p) < 0)
			return -EINVAL;
		memcpy(r->gateway, p.addr, sizeof(r->gateway));
		r->has_gateway = true;
		return 0;
	}
	if ((!dst && !streq(key, "src")) ||
	    inet_prefix_parse(v, AF_UNSPEC, &p) < 0)
		return -EINVAL;
	memcpy(dst ? r->dst : r->src, p.addr, 16);
	*(dst ? &r->dst_len : &r->src_len) = p.prefixlen;
	*(dst ? &r->has_dst : &r->has_src) = true;
	return 0;
}

/* One KEY=VALUE field of a route line into r. */
static int route_field(const char *f, struct route *r)
{
	char key[16];
	const char *v = f ? strchr(f, '=') : NULL;
	unsigned int *u;
	unsigned char *b;
	int *i, n;

	if (!v || v - f >= (int)sizeof(key))
		return -EINVAL;
	snprintf(key, sizeof(key), "%.*s", (int)(v - f), f);
	v++;
	i = route_number(r, key);
	u = route_unsigned(r, key);
	b = route_byte(r, key);
	if (!i && !u && !b)
		return route_prefix(r, key, v);
	if (parse_int(v, &n) < 0 || (b && n > 255))
		return -EINVAL;
	if (i)
		*i = n;
	else if (u)
		*u = n;
	else
		*b = n;
	return 0;
}

static void route_text(const struct route *r, const char *dev, char *buf,
		       size_t size)
{
	char a[INET6_ADDRSTRLEN], g[INET6_ADDRSTRLEN + 8] = "";
	char d[IFNAMSIZ + 8] = "";

	if (r->has_gateway)
		snprintf(g, sizeof(g), " via %s",
			 inet_format(r->family, r->gateway, a, sizeof(a)));
	if (dev)
		snprintf(d, sizeof(d), " dev %s", dev);
	if (r->dst_len == 0)
		snprintf(buf, size, "default%s%s", g, d);
	else
		snprintf(buf, size, "%s/%d%s%s",
			 inet_format(r->family, r->dst, a, sizeof(a)),
			 r->dst_len, g, d);
}

static int undo_route(struct rs *rs, const struct journal_entry *e)
{
	struct route r = {0};
	char text[128];

	for (int i = 3; i < e->n; i++)
		if (route_field(e->f[i], &r) < 0)
			return -EINVAL;
	if (!r.has_dst || (r.family != AF_INET && r.family != AF_INET6))
		return -EINVAL;
	r.has_dst = r.dst_len > 0;
	r.scope = RT_SCOPE_NOWHERE; /* any scope, as "ip route del" asks */
	route_text(&r, e->f[2], text, sizeof(text));
	if (undo_result(rs, route_change(e->f[1], ROUTE_DELETE, &r),
			_("route"), text))
		report(rs, RESET_ROUTE, "%s", text);
	return 0;
}

static int undo_neigh(struct rs *rs, const struct journal_entry *e)
{
	struct neigh n = {.lladdr_len = -1};
	struct inet_prefix p;
	char text[INET6_ADDRSTRLEN + IFNAMSIZ + 8];

	if (parse_int(e->f[3], &n.ifindex) < 0 || !e->f[4] ||
	    inet_addr_parse(e->f[4], AF_UNSPEC, &p) < 0)
		return -EINVAL;
	n.family = p.family;
	n.dst_len = p.bytelen;
	memcpy(n.dst, p.addr, sizeof(n.dst));
	snprintf(text, sizeof(text), "%s dev %s", e->f[4],
		 e->f[2] ? e->f[2] : "?");
	if (undo_result(rs, neigh_change(e->f[1], NEIGH_DELETE, &n),
			_("neighbour entry"), text))
		report(rs, RESET_NEIGH, "%s", text);
	return 0;
}

/* Only the oldest line of a sysctl counts: it has the value from before
 * nstutor. */
static bool sysctl_older(const struct rs *rs, const struct journal_entry *e)
{
	for (size_t i = 0; i < rs->n && rs->undo[i] != e; i++) {
		const struct journal_entry *o = rs->undo[i];

		if (streq(o->f[0], "sysctl") && same_ns(o->f[1], e->f[1]) &&
		    o->f[2] && streq(o->f[2], e->f[2]))
			return true;
	}
	return false;
}

static int undo_sysctl(struct rs *rs, const struct journal_entry *e)
{
	char path[PATH_MAX], key[PATH_MAX], now[4096];
	const char *old = e->f[3] ? e->f[3] : "";
	int n, err;

	if (!e->f[2] || strstr(e->f[2], "..") || e->f[2][0] == '/')
		return -EINVAL;
	if (sysctl_older(rs, e))
		return 0;
	snprintf(path, sizeof(path), "%s%s", SYSCTL_DIR, e->f[2]);
	sysctl_path_key(path, key, sizeof(key));
	n = sysctl_read(e->f[1], path, now, sizeof(now));
	if (n > 0 && now[n - 1] == '\n')
		now[n - 1] = '\0';
	if (n >= 0 && streq(now, old))
		return 0;
	err = n < 0 ? n : sysctl_write(e->f[1], path, old);
	if (err == 0)
		report(rs, RESET_SYSCTL, "%s = %s", key, old);
	else if (!gone(err)) {
		out_error(_("reset: cannot put back %s = %s: %s"), key, old,
			  out_strerror(-err));
		failed(rs);
	}
	return 0;
}

/* ---- the firewall (reset-nf.c) ---- */

static size_t undo_index(const struct rs *rs, const struct journal_entry *e)
{
	size_t i = 0;

	while (i < rs->n && rs->undo[i] != e)
		i++;
	return i;
}

static bool same_fields(const struct journal_entry *a,
			const struct journal_entry *b, int from, int to)
{
	for (int i = from; i <= to; i++) {
		const char *x = journal_field(a, i), *y = journal_field(b, i);

		if (!same_ns(x, y))
			return false;
	}
	return true;
}

/* An nfrule line whose handle the next line tells: that one undoes it. */
static bool rule_has_handle(const struct rs *rs, const struct journal_entry *e)
{
	size_t i = undo_index(rs, e) + 1;
	const struct journal_entry *h = i < rs->n ? rs->undo[i] : NULL;

	return h && streq(h->f[0], "nfhandle") && same_fields(e, h, 1, 3) &&
	       same_ns(journal_field(e, 4), journal_field(h, 5));
}

/* Only the oldest policy line of a chain counts. */
static bool policy_older(const struct rs *rs, const struct journal_entry *e)
{
	size_t n = undo_index(rs, e);

	for (size_t i = 0; i < n; i++)
		if (streq(rs->undo[i]->f[0], "nfpolicy") &&
		    same_fields(rs->undo[i], e, 1, 3))
			return true;
	return false;
}

/* A table nstutor made goes whole, with everything in it. */
static bool in_made_table(const struct rs *rs, const struct journal_entry *e)
{
	for (size_t i = 0; i < rs->n; i++)
		if (streq(rs->undo[i]->f[0], "nftable") &&
		    same_fields(rs->undo[i], e, 1, 2))
			return true;
	return false;
}

static int undo_nf_entry(const struct rs *rs, const struct journal_entry *e,
			 char *what, size_t size, enum reset_part *part)
{
	const char *kind = e->f[0], *ns = e->f[1], *table = e->f[2];
	const char *chain = journal_field(e, 3);

	if (!table || (!chain && !streq(kind, "nftable")))
		return -EINVAL;
	if (!streq(kind, "nftable") && in_made_table(rs, e))
		return 0;
	*part = RESET_FW_CHAIN;
	if (streq(kind, "nftable"))
		return reset_nf_table(ns, table, what, size);
	if (streq(kind, "nfchain"))
		return reset_nf_chain(ns, table, chain, what, size);
	*part = RESET_FW_RULE;
	if (streq(kind, "nfhandle") && e->f[4] && e->f[5])
		return reset_nf_rule(ns, table, chain, e->f[4], e->f[5], what,
				     size);
	if (streq(kind, "nfrule") && e->f[4])
		return rule_has_handle(rs, e) ? 0 : reset_nf_rule(ns, table,
			chain, NULL, e->f[4], what, size);
	*part = RESET_FW_POLICY;
	if (streq(kind, "nfpolicy") && e->f[4])
		return policy_older(rs, e) ? 0 : reset_nf_policy(ns, table,
			chain, e->f[4], what, size);
	return -EINVAL;
}

static int undo_nf(struct rs *rs, const struct journal_entry *e)
{
	char what[512] = "";
	enum reset_part part;
	int err = undo_nf_entry(rs, e, what, sizeof(what), &part);

	if (err == -EINVAL)
		return err;
	if (err > 0)
		report(rs, part, "%s", what);
	else if (err < 0) {
		/* TRANSLATORS: "reset: cannot undo the firewall's nfrule
		 * (filter FORWARD): Operation not permitted". */
		out_error(_("reset: cannot undo the firewall's %s (%s %s): %s"),
			  e->f[0], e->f[2], journal_field(e, 3) ?
			  journal_field(e, 3) : "", out_strerror(-err));
		failed(rs);
	}
	return 0;
}

static void undo_rest(struct rs *rs)
{
	for (size_t i = rs->n; i-- > 0;) {
		const struct journal_entry *e = rs->undo[i];
		const struct rs_kind *k = kind_of(e);
		const char *ns = e->f[1];

		if (!k->undo || elsewhere(ns) ||
		    (ns && strv_has(&rs->made_ns, ns)))
			continue;
		if (k->undo(rs, e) < 0)
			bad_line(rs, e);
	}
}

/* ---- what was left alone ---- */

static bool link_made_in_host(const struct rs *rs, const char *name)
{
	for (size_t i = 0; i < rs->n_links; i++)
		if (!rs->links[i].ns && streq(rs->links[i].name, name) &&
		    rs->links[i].made)
			return true;
	return false;
}

static void left_alone(struct rs *rs)
{
	struct netns_names names;
	struct link_list links;

	if (!rs->has_base)
		return;
	if (netns_list(&names) == 0) {
		for (size_t i = 0; i < names.n; i++) {
			const char *name = names.names[i];

			if (!strv_has(&rs->base_ns, name) &&
			    !strv_has(&rs->made_ns, name))
				report(rs, RESET_LEFT_NETNS, "%s", name);
		}
		netns_names_free(&names);
	}
	if (link_list(NULL, &links) == 0) {
		for (size_t i = 0; i < links.n; i++) {
			const char *name = links.links[i].name;

			if (!strv_has(&rs->base_link, name) &&
			    !link_made_in_host(rs, name))
				report(rs, RESET_LEFT_LINK, "%s", name);
		}
		link_list_free(&links);
	}
}

/* ---- all of it ---- */

static int reset_run(struct rs *rs, const struct journal *j,
		     const struct journal *extra)
{
	int err = replay(rs, j);

	if (err == 0)
		err = replay(rs, extra);
	if (err < 0)
		return err;
	rs->rep->journal_empty = rs->n == 0;
	put_back_links(rs);
	delete_links(rs);
	delete_namespaces(rs);
	undo_rest(rs);
	left_alone(rs);
	if (rs->bad || j->bad)
		out_hint(_("The journal was damaged (perhaps nstutor was "
			   "stopped while writing it); reset undoes the lines "
			   "it can read."));
	if (rs->rep->failures)
		out_hint(_("Fix what is said above and run reset again; what "
			   "is gone already is skipped."));
	else if (j->n || j->bad)
		return journal_clear();
	return 0;
}

static void rs_free(struct rs *rs)
{
	free(rs->made_ns.v);
	free(rs->base_ns.v);
	free(rs->base_link.v);
	free(rs->links);
	free(rs->undo);
}

int reset_world(const struct journal *extra, struct reset_report *rep)
{
	struct rs rs = {.rep = rep};
	struct journal j;
	int err;

	*rep = (struct reset_report){0};
	err = world_lock();
	if (err < 0) {
		out_error(_("nstutor: cannot lock the world: %s"),
			  out_strerror(-err));
		out_hint(_("The state directory %s must be yours and "
			   "writable."), world_state_path());
		return err;
	}
	journal_suspend();
	serve_stop_all(); /* servers first: their ports free, namespaces idle */
	err = journal_read(&j);
	if (err == 0) {
		err = reset_run(&rs, &j, extra);
		journal_free(&j);
	}
	journal_resume();
	world_unlock();
	rs_free(&rs);
	if (err == -ENOMEM)
		out_error("nstutor: %s", out_strerror(ENOMEM));
	return err;
}

void reset_report_free(struct reset_report *rep)
{
	for (int p = 0; p < RESET_PARTS; p++) {
		for (size_t i = 0; i < rep->n[p]; i++)
			free(rep->items[p][i]);
		free(rep->items[p]);
	}
	*rep = (struct reset_report){0};
}
