/* cmd-ip-route.c: "ip route": show, add, delete and look up routes. */
#include "system.h"

#include <linux/in_route.h>
#include <linux/rtnetlink.h>
#include <linux/icmpv6.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cmd-ip.h"
#include "inet.h"
#include "netlink.h"
#include "nl-link.h"
#include "nl-route.h"
#include "out.h"

struct rt_name {
	unsigned int id;
	const char *name;
};

/* iproute2's rt_protos, rt_scopes, rt_tables and route types. */
static const struct rt_name rt_protos[] = {
	{0, "unspec"}, {1, "redirect"}, {2, "kernel"}, {3, "boot"},
	{4, "static"}, {8, "gated"}, {9, "ra"}, {10, "mrt"}, {11, "zebra"},
	{12, "bird"}, {13, "dnrouted"}, {14, "xorp"}, {15, "ntk"},
	{16, "dhcp"}, {18, "keepalived"}, {42, "babel"}, {99, "openr"},
	{186, "bgp"}, {187, "isis"}, {188, "ospf"}, {189, "rip"},
	{192, "eigrp"}, {0, NULL},
};

static const struct rt_name rt_scopes[] = {
	{RT_SCOPE_UNIVERSE, "global"}, {RT_SCOPE_NOWHERE, "nowhere"},
	{RT_SCOPE_HOST, "host"}, {RT_SCOPE_LINK, "link"},
	{RT_SCOPE_SITE, "site"}, {0, NULL},
};

static const struct rt_name rt_tables[] = {
	{RT_TABLE_LOCAL, "local"}, {RT_TABLE_MAIN, "main"},
	{RT_TABLE_DEFAULT, "default"}, {RT_TABLE_UNSPEC, "unspec"},
	{0, NULL},
};

static const struct rt_name rt_types[] = {
	{RTN_UNSPEC, "none"}, {RTN_UNICAST, "unicast"},
	{RTN_LOCAL, "local"}, {RTN_BROADCAST, "broadcast"},
	{RTN_ANYCAST, "anycast"}, {RTN_MULTICAST, "multicast"},
	{RTN_BLACKHOLE, "blackhole"}, {RTN_UNREACHABLE, "unreachable"},
	{RTN_PROHIBIT, "prohibit"}, {RTN_THROW, "throw"}, {RTN_NAT, "nat"},
	{RTN_XRESOLVE, "xresolve"}, {0, NULL},
};

static const char *rt_n2a(const struct rt_name *t, unsigned int id,
			  char *buf, size_t size)
{
	for (; t->name; t++)
		if (t->id == id)
			return t->name;
	snprintf(buf, size, "%u", id);
	return buf;
}

/* A name of t, or a number up to max (any base, as iproute2 reads). */
static bool rt_a2n(const struct rt_name *t, const char *s, unsigned int max,
		   unsigned int *id)
{
	unsigned long v;
	char *end;

	for (; t->name; t++)
		if (streq(s, t->name)) {
			*id = t->id;
			return true;
		}
	errno = 0;
	v = strtoul(s, &end, 0);
	if (!*s || *end || errno || v > max)
		return false;
	*id = v;
	return true;
}

/* iproute2's rtnl_rtntype_a2n, with its prefixes. */
static bool rt_type_a2n(const char *s, unsigned int *type)
{
	static const struct rt_name prefixes[] = {
		{RTN_BROADCAST, "broadcast"}, {RTN_ANYCAST, "anycast"},
		{RTN_MULTICAST, "multicast"}, {RTN_PROHIBIT, "prohibit"},
		{RTN_UNREACHABLE, "unreachable"},
		{RTN_BLACKHOLE, "blackhole"}, {RTN_XRESOLVE, "xresolve"},
		{RTN_UNICAST, "unicast"}, {0, NULL},
	};
	static const struct rt_name exact[] = {
		{RTN_LOCAL, "local"}, {RTN_NAT, "nat"},
		{RTN_BROADCAST, "brd"}, {RTN_THROW, "throw"}, {0, NULL},
	};

	for (const struct rt_name *t = exact; t->name; t++)
		if (streq(s, t->name)) {
			*type = t->id;
			return true;
		}
	for (const struct rt_name *t = prefixes; t->name; t++)
		if (cmd_matches(s, t->name)) {
			*type = t->id;
			return true;
		}
	return rt_a2n(exact + 4, s, 255, type);
}

static int host_bits(int family)
{
	return family == AF_INET6 ? 128 : family == AF_INET ? 32 : 0;
}

/* iproute2's get_prefix_1: an address or prefix, or "default" (the
 * /0 of the family), "all" / "any" (anything). */
static int prefix_parse(const char *s, int family, struct inet_prefix *p)
{
	bool dflt = streq(s, "default");

	if (dflt || streq(s, "all") || streq(s, "any")) {
		*p = (struct inet_prefix){.family = family,
					  .bytelen = host_bits(family) / 8,
					  .has_prefixlen = dflt};
		return 0;
	}
	return inet_prefix_parse(s, family, p);
}

static bool get_prefix(const char *s, int family, struct inet_prefix *p)
{
	if (prefix_parse(s, family, p) == 0)
		return true;
	cmd_ip_expected(family, "prefix", s);
	out_hint(_("Write a network as ADDRESS/LENGTH, like 11.11.11.0/24, "
		   "or \"default\"."));
	return false;
}

static bool get_addr(const char *s, int family, struct inet_prefix *p)
{
	if (inet_addr_parse(s, family, p) == 0)
		return true;
	cmd_ip_expected(family, "address", s);
	out_hint(_("Write an address without /LENGTH, like 11.11.11.1."));
	return false;
}

static void invalid_arg(const char *arg, const char *what)
{
	out_error("Error: argument \"%s\" is wrong: %s\n", arg, what);
}

/* What "ip route add|del ..." asked for. */
struct route_args {
	struct route r;
	const char *dev;
	bool dst_ok, gw_ok, scope_ok, table_ok;
};

static void set_family(struct route *r, int family)
{
	if (r->family == AF_UNSPEC)
		r->family = family;
}

static bool parse_dst(struct route_args *a, int argc, char **argv, int *i)
{
	struct inet_prefix p;
	unsigned int type;

	if (streq(argv[*i], "to") && !cmd_ip_next_arg(i, argc))
		return false;
	if ((argv[*i][0] < '0' || argv[*i][0] > '9') &&
	    rt_type_a2n(argv[*i], &type)) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		a->r.type = type;
	}
	if (a->dst_ok) {
		cmd_ip_garbage("to", argv[*i]);
		out_hint(_("A route has one destination; the other words "
			   "are keywords like via, dev and metric."));
		return false;
	}
	if (!get_prefix(argv[*i], a->r.family, &p))
		return false;
	set_family(&a->r, p.family);
	a->r.dst_len = p.prefixlen;
	a->r.has_dst = p.bytelen > 0 && a->r.dst_len > 0;
	memcpy(a->r.dst, p.addr, sizeof(a->r.dst));
	a->dst_ok = true;
	return true;
}

static bool parse_gateway(struct route_args *a, const char *s)
{
	struct inet_prefix p;

	if (a->gw_ok) {
		out_error("Error: argument \"%s\" is wrong: use nexthop syntax "
			  "to specify multiple via\n", s);
		return false;
	}
	if (!get_addr(s, a->r.family, &p))
		return false;
	set_family(&a->r, p.family);
	memcpy(a->r.gateway, p.addr, sizeof(a->r.gateway));
	a->r.has_gateway = a->gw_ok = true;
	return true;
}

static bool parse_number(const char *word, const char *s, unsigned int *v,
			 const char *what)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (*s && *s != '-' && !*end && !errno && n <= 0xffffffffUL) {
		*v = n;
		return true;
	}
	invalid_arg(s, what);
	out_hint(_("%s takes a number."), word);
	return false;
}

/* A name of names, or a number up to max; false (said why) if neither. */
static bool parse_rt_name(const char *s, const struct rt_name *names,
			  unsigned int max, unsigned int *v, const char *what,
			  const char *hint)
{
	if (rt_a2n(names, s, max, v))
		return true;
	invalid_arg(s, what);
	out_hint("%s", hint);
	return false;
}

static bool parse_prefsrc(struct route_args *a, const char *s)
{
	struct inet_prefix p;

	if (!get_addr(s, a->r.family, &p))
		return false;
	set_family(&a->r, p.family);
	memcpy(a->r.prefsrc, p.addr, sizeof(a->r.prefsrc));
	a->r.has_prefsrc = true;
	return true;
}

/* The keywords that take a value; false (said why) on a bad one. */
static bool parse_route_value(struct route_args *a, const char *w,
			      const char *v)
{
	unsigned int n;

	if (streq(w, "src"))
		return parse_prefsrc(a, v);
	if (cmd_matches(w, "metric") || cmd_matches(w, "priority") ||
	    streq(w, "preference"))
		return (a->r.has_priority = parse_number(
				w, v, &a->r.priority,
				"\"metric\" value is invalid\n"));
	if (streq(w, "scope")) {
		a->scope_ok = parse_rt_name(v, rt_scopes, 255, &n,
				"invalid \"scope\" value\n",
				_("The scopes are global, link and host."));
		a->r.scope = n;
		return a->scope_ok;
	}
	if (cmd_matches(w, "protocol")) {
		if (!parse_rt_name(v, rt_protos, 255, &n,
				   "\"protocol\" value is invalid\n",
				   _("Protocols are names like static or boot, "
				     "or a number up to 255.")))
			return false;
		a->r.protocol = n;
		return true;
	}
	a->table_ok = parse_rt_name(v, rt_tables, 0xffffffffU, &a->r.table,
				    "\"table\" value is invalid\n",
				    _("Tables are main, local, default or a "
				      "number."));
	return a->table_ok;
}

static bool takes_value(const char *w)
{
	return streq(w, "src") || cmd_matches(w, "metric") ||
	       cmd_matches(w, "priority") || streq(w, "preference") ||
	       streq(w, "scope") || cmd_matches(w, "protocol") ||
	       cmd_matches(w, "table");
}

/* One word (and its value) of a route; false (said why) on a bad one.
 * The order of the tests is iproute2's, for abbreviations. */
static bool parse_route_word(struct route_args *a, int argc, char **argv,
			     int *i)
{
	const char *w = argv[*i];

	if (streq(w, "via")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		if ((streq(argv[*i], "inet") || streq(argv[*i], "inet6")) &&
		    !cmd_ip_next_arg(i, argc))
			return false;
		return parse_gateway(a, argv[*i]);
	}
	if (streq(w, "onlink")) {
		a->r.flags |= RTNH_F_ONLINK;
		return true;
	}
	if (streq(w, "dev") || streq(w, "oif")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		a->dev = argv[*i];
		return true;
	}
	if (takes_value(w))
		return cmd_ip_next_arg(i, argc) &&
		       parse_route_value(a, w, argv[*i]);
	return parse_dst(a, argc, argv, i);
}

static bool route_table_is_local(unsigned int type)
{
	return type == RTN_LOCAL || type == RTN_BROADCAST ||
	       type == RTN_NAT || type == RTN_ANYCAST;
}

/* iproute2's defaults for what was not typed. */
static void route_defaults(struct route_args *a, bool del)
{
	struct route *r = &a->r;

	if (r->family == AF_UNSPEC)
		r->family = AF_INET;
	if (!a->table_ok && route_table_is_local(r->type))
		r->table = RT_TABLE_LOCAL;
	if (a->scope_ok)
		return;
	if (r->family == AF_INET6)
		r->scope = RT_SCOPE_UNIVERSE;
	else if (r->type == RTN_LOCAL || r->type == RTN_NAT)
		r->scope = RT_SCOPE_HOST;
	else if (r->type == RTN_BROADCAST || r->type == RTN_MULTICAST ||
		 r->type == RTN_ANYCAST)
		r->scope = RT_SCOPE_LINK;
	else if (r->type == RTN_UNICAST || r->type == RTN_UNSPEC) {
		if (del)
			r->scope = RT_SCOPE_NOWHERE;
		else if (!a->gw_ok)
			r->scope = RT_SCOPE_LINK;
	}
}

static int parse_route(struct cmd_ctx *ctx, bool del, int argc, char **argv,
		       struct route_args *a)
{
	*a = (struct route_args){0};
	a->r.family = cmd_ip_family(ctx);
	a->r.table = RT_TABLE_MAIN;
	a->r.scope = RT_SCOPE_NOWHERE;
	if (!del) {
		a->r.protocol = RTPROT_BOOT;
		a->r.scope = RT_SCOPE_UNIVERSE;
		a->r.type = RTN_UNICAST;
	}
	for (int i = 0; i < argc; i++)
		if (!parse_route_word(a, argc, argv, &i))
			return CMD_ERROR;
	if (!a->dst_ok) {
		out_error("Usage: ip route { add | del | change | append | "
			  "replace } ROUTE");
		out_hint(_("Say which network the route is for: a prefix "
			   "like 10.0.0.0/8, or \"default\"."));
		return CMD_ERROR;
	}
	if (a->dev && (a->r.oif = cmd_ip_dev_index(ctx, a->dev)) < 0)
		return CMD_ERROR;
	route_defaults(a, del);
	return CMD_OK;
}

static void route_dst_text(const struct route *r, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	if (r->dst_len == 0)
		snprintf(buf, size, "default");
	else
		snprintf(buf, size, "%s/%d",
			 inet_format(r->family, r->dst, a, sizeof(a)),
			 r->dst_len);
}

/* The one sentence of help after the kernel refused a route. */
static void route_error_hint(enum route_op op, int err,
			     const struct route_args *a)
{
	const char *msg = netlink_ext_msg();
	char dst[64];

	route_dst_text(&a->r, dst, sizeof(dst));
	if (msg && strstr(msg, "gateway"))
		out_hint(_("A gateway must be on a network this namespace "
			   "already reaches: add an address on that network "
			   "first."));
	else if (msg && strstr(msg, "not up"))
		out_hint(_("Bring the device up first: ip link set %s up."),
			 a->dev ? a->dev : "DEV");
	else if (err == -EEXIST)
		out_hint(_("There is already a route for %s; \"ip route "
			   "replace\" changes it."), dst);
	else if (err == -ESRCH && op == ROUTE_DELETE)
		out_hint(_("There is no such route for %s; see the routes "
			   "with \"ip route show\"."), dst);
	else if (err == -ENODEV)
		out_hint(_("Say where the packets go: add \"via GATEWAY\" "
			   "or \"dev DEVICE\"."));
	else if (err == -ENETUNREACH)
		out_hint(_("A gateway must be on a network this namespace "
			   "already reaches: add an address on that network "
			   "first."));
	else
		out_hint(_("See the routes there are with \"ip route "
			   "show\"."));
}

static int route_modify(struct cmd_ctx *ctx, enum route_op op, int argc,
			char **argv)
{
	struct route_args a;
	int err;

	if (parse_route(ctx, op == ROUTE_DELETE, argc, argv, &a) != CMD_OK)
		return CMD_ERROR;
	err = route_change(ctx->netns, op, &a.r);
	if (err < 0) {
		cmd_netlink_error(err);
		route_error_hint(op, err, &a);
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int route_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_ADD, argc, argv);
}

static int route_change_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_CHANGE, argc, argv);
}

static int route_replace(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_REPLACE, argc, argv);
}

static int route_prepend(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_PREPEND, argc, argv);
}

static int route_append(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_APPEND, argc, argv);
}

static int route_test(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_TEST, argc, argv);
}

static int route_delete(struct cmd_ctx *ctx, int argc, char **argv)
{
	return route_modify(ctx, ROUTE_DELETE, argc, argv);
}

/* ---- printing, as iproute2's print_route ---- */

/* What a "show" filter leaves out of each line. */
struct route_view {
	bool no_dev, no_table, no_proto, no_scope;
};

static void print_addr_or_prefix(const char *fmt, int family,
				 const unsigned char *addr, int len)
{
	char a[INET6_ADDRSTRLEN], buf[INET6_ADDRSTRLEN + 8];

	inet_format(family, addr, a, sizeof(a));
	if (len != host_bits(family))
		snprintf(buf, sizeof(buf), "%s/%d", a, len);
	else
		snprintf(buf, sizeof(buf), "%s", a);
	printf(fmt, buf);
}

static void print_route_ends(const struct route *r)
{
	if (r->type != RTN_UNICAST) {
		char b[16];

		printf("%s ", rt_n2a(rt_types, r->type, b, sizeof(b)));
	}
	if (r->has_dst)
		print_addr_or_prefix("%s ", r->family, r->dst, r->dst_len);
	else if (r->dst_len)
		printf("0/%d  ", r->dst_len);
	else
		printf("default ");
	if (r->has_src)
		print_addr_or_prefix("from %s ", r->family, r->src,
				     r->src_len);
	else if (r->src_len)
		printf("from 0/%u ", r->src_len);
	if (r->tos)
		printf("tos 0x%02x ", r->tos);
}

static const struct out_flag route_flags[] = {
	{RTNH_F_DEAD, "dead"}, {RTNH_F_ONLINK, "onlink"},
	{RTNH_F_PERVASIVE, "pervasive"}, {RTNH_F_OFFLOAD, "offload"},
	{RTNH_F_TRAP, "trap"}, {RTM_F_NOTIFY, "notify"},
	{RTNH_F_LINKDOWN, "linkdown"},
	{RTNH_F_UNRESOLVED, "unresolved"},
	{RTM_F_OFFLOAD, "rt_offload"}, {RTM_F_TRAP, "rt_trap"},
	{RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
};

static void print_cache_flags(unsigned int flags)
{
	static const struct rt_name names[] = {
		{RTCF_LOCAL, "local"}, {RTCF_REJECT, "reject"},
		{RTCF_MULTICAST, "mc"}, {RTCF_BROADCAST, "brd"},
		{RTCF_DNAT, "dst-nat"}, {RTCF_SNAT, "src-nat"},
		{RTCF_MASQ, "masq"}, {RTCF_DIRECTDST, "dst-direct"},
		{RTCF_DIRECTSRC, "src-direct"}, {RTCF_REDIRECTED, "redirected"},
		{RTCF_DOREDIRECT, "redirect"}, {RTCF_FAST, "fastroute"},
		{RTCF_NOTIFY, "notify"}, {RTCF_TPROXY, "proxy"}, {0, NULL},
	};

	flags &= ~0xFFFFu;
	printf("\n    cache ");
	if (!flags)
		return;
	putchar('<');
	for (const struct rt_name *n = names; n->name; n++)
		if (flags & n->id) {
			flags &= ~n->id;
			printf("%s%s", n->name, flags ? "," : "> ");
		}
	if (flags)
		printf("%x>", flags);
}

static void print_route_middle(const char *ns, const struct route *r,
			       const struct route_view *v)
{
	char b[IFNAMSIZ + 16], a[INET6_ADDRSTRLEN];

	if (r->has_gateway)
		printf("via %s ", inet_format(r->family, r->gateway, a,
					      sizeof(a)));
	if (r->oif && !v->no_dev) {
		link_name(ns, r->oif, b);
		printf("dev %s ", b);
	}
	if (r->table && r->table != RT_TABLE_MAIN && !v->no_table)
		printf("table %s ", rt_n2a(rt_tables, r->table, b, sizeof(b)));
	if (!(r->flags & RTM_F_CLONED)) {
		if (r->protocol != RTPROT_BOOT && !v->no_proto)
			printf("proto %s ",
			       rt_n2a(rt_protos, r->protocol, b, sizeof(b)));
		if (r->scope != RT_SCOPE_UNIVERSE && !v->no_scope)
			printf("scope %s ",
			       rt_n2a(rt_scopes, r->scope, b, sizeof(b)));
	}
	if (r->has_prefsrc)
		printf("src %s ", inet_format(r->family, r->prefsrc, a,
					      sizeof(a)));
	if (r->has_priority)
		printf("metric %u ", r->priority);
	out_flag_words(route_flags, ARRAY_SIZE(route_flags), r->flags);
	if (r->has_mark && r->mark)
		printf(r->mark >= 16 ? "mark 0x%x " : "mark %u ", r->mark);
	if (r->has_uid)
		printf("uid %u ", r->uid);
}

static void print_route_tail(const char *ns, const struct route *r)
{
	long hz = sysconf(_SC_CLK_TCK);
	char b[IFNAMSIZ];

	if (r->family == AF_INET && (r->flags & RTM_F_CLONED))
		print_cache_flags(r->flags);
	if (r->expires)
		printf("expires %ldsec ", r->expires / (hz > 0 ? hz : 100));
	if (r->error)
		printf("error %u ", (unsigned int)r->error);
	if (r->iif) {
		link_name(ns, r->iif, b);
		printf("iif %s ", b);
	}
	if (r->has_pref) {
		if (r->pref == ICMPV6_ROUTER_PREF_LOW)
			printf("pref low");
		else if (r->pref == ICMPV6_ROUTER_PREF_MEDIUM)
			printf("pref medium");
		else if (r->pref == ICMPV6_ROUTER_PREF_HIGH)
			printf("pref high");
		else
			printf("%u", r->pref);
	}
	putchar('\n');
}

static void print_route(const char *ns, const struct route *r,
			const struct route_view *v)
{
	print_route_ends(r);
	print_route_middle(ns, r, v);
	print_route_tail(ns, r);
}

/* ---- show and flush: iproute2's route filter ---- */

struct route_filter {
	int family;
	unsigned int table;   /* 0: every table */
	bool cloned;	      /* "cache": only cached routes */
	int oif;	      /* 0: any device */
	bool has_proto, has_scope, has_root, has_match;
	unsigned int proto, scope;
	struct inet_prefix root, match;
	struct route_view view;
};

/* "[to] [root|match|exact] PREFIX": which destinations to show. */
static bool parse_filter_dst(struct route_filter *f, int argc, char **argv,
			     int *i)
{
	bool root, match, exact;
	struct inet_prefix p;

	if (cmd_matches(argv[*i], "to") && !cmd_ip_next_arg(i, argc))
		return false;
	root = cmd_matches(argv[*i], "root");
	match = !root && cmd_matches(argv[*i], "match");
	exact = !root && !match && cmd_matches(argv[*i], "exact");
	if ((root || match || exact) && !cmd_ip_next_arg(i, argc))
		return false;
	if (!get_prefix(argv[*i], f->family, &p))
		return false;
	if (!match) {
		f->root = p;
		f->has_root = true;
	}
	if (!root) {
		f->match = p;
		f->has_match = true;
	}
	return true;
}

/* "proto P" or "scope S" of a filter ("all": no filter). */
static bool parse_filter_name(const char *s, const struct rt_name *names,
			      const char *what, unsigned int *v, bool *has,
			      bool *hide)
{
	if (streq(s, "all"))
		return true;
	if (!rt_a2n(names, s, 255, v)) {
		invalid_arg(s, what);
		out_hint(_("See \"ip route help\" for the words it takes."));
		return false;
	}
	*has = *hide = true;
	return true;
}

static bool parse_filter_word(const struct cmd_ctx *ctx,
				struct route_filter *f, int argc, char **argv,
				int *i)
{
	const char *w = argv[*i];

	if (cmd_matches(w, "table")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		if (streq(argv[*i], "all")) {
			f->table = 0;
		} else if (streq(argv[*i], "cache")) {
			f->cloned = true;
		} else if (!rt_a2n(rt_tables, argv[*i], 0xffffffffU,
				   &f->table)) {
			invalid_arg(argv[*i], "table id value is invalid\n");
			out_hint(_("Tables are main, local, default, all or "
				   "a number."));
			return false;
		}
	} else if (cmd_matches(w, "cached") || cmd_matches(w, "cloned")) {
		f->cloned = true;
	} else if (streq(w, "dev") || streq(w, "oif")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		f->oif = cmd_ip_dev_index(ctx, argv[*i]);
		if (f->oif < 0)
			return false;
		f->view.no_dev = true;
	} else if (cmd_matches(w, "protocol")) {
		return cmd_ip_next_arg(i, argc) &&
		       parse_filter_name(argv[*i], rt_protos, "invalid "
					 "\"protocol\"\n", &f->proto,
					 &f->has_proto, &f->view.no_proto);
	} else if (cmd_matches(w, "scope")) {
		return cmd_ip_next_arg(i, argc) &&
		       parse_filter_name(argv[*i], rt_scopes, "invalid "
					 "\"scope\"\n", &f->scope,
					 &f->has_scope, &f->view.no_scope);
	} else {
		return parse_filter_dst(f, argc, argv, i);
	}
	return true;
}

static int parse_filter(const struct cmd_ctx *ctx, int argc, char **argv,
			struct route_filter *f)
{
	*f = (struct route_filter){.table = RT_TABLE_MAIN};
	f->family = cmd_ip_family(ctx);
	for (int i = 0; i < argc; i++)
		if (!parse_filter_word(ctx, f, argc, argv, &i))
			return CMD_ERROR;
	f->view.no_table = f->table != 0;
	return CMD_OK;
}

static bool prefix_active(const struct inet_prefix *p)
{
	return p->family || p->has_prefixlen;
}

static bool dst_matches(const struct route_filter *f, const struct route *r)
{
	const struct inet_prefix *root = &f->root, *m = &f->match;

	if (f->has_root && prefix_active(root)) {
		if ((root->family && r->family != root->family) ||
		    root->prefixlen > r->dst_len ||
		    !inet_bits_match(r->dst, root->addr, root->prefixlen))
			return false;
	}
	if (f->has_match && prefix_active(m)) {
		if ((m->family && r->family != m->family) ||
		    m->prefixlen < r->dst_len ||
		    !inet_bits_match(r->dst, m->addr, r->dst_len))
			return false;
	}
	return true;
}

static bool route_matches(const struct route_filter *f, const struct route *r)
{
	if (f->family && r->family != f->family)
		return false;
	if (f->cloned != !!(r->flags & RTM_F_CLONED))
		return false;
	if (f->table && r->table != f->table)
		return false;
	if ((f->has_proto && r->protocol != f->proto) ||
	    (f->has_scope && r->scope != f->scope))
		return false;
	if (f->oif && r->oif != f->oif)
		return false;
	return dst_matches(f, r);
}

static int filter_dump_family(const struct route_filter *f)
{
	return f->family == AF_UNSPEC && f->table ? AF_INET : f->family;
}

/* nstutor's words on one route, for learners. */
static void route_note(const char *ns, const struct route *r)
{
	char dst[64], dev[IFNAMSIZ], gw[INET6_ADDRSTRLEN];

	if (r->type != RTN_UNICAST || !r->oif)
		return;
	route_dst_text(r, dst, sizeof(dst));
	link_name(ns, r->oif, dev);
	if (r->has_gateway) {
		inet_format(r->family, r->gateway, gw, sizeof(gw));
		if (r->dst_len == 0)
			out_note(_("packets for anywhere else go to the "
				   "gateway %s through %s"), gw, dev);
		else
			out_note(_("packets for %s go to the gateway %s "
				   "through %s"), dst, gw, dev);
	} else {
		out_note(_("packets for %s leave through %s"), dst, dev);
	}
}

static int route_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct route_filter f;
	struct route_list list;
	size_t shown = 0;
	int err;

	if (parse_filter(ctx, argc, argv, &f) != CMD_OK)
		return CMD_ERROR;
	err = route_list(ctx->netns, filter_dump_family(&f), &list);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	for (size_t i = 0; i < list.n; i++)
		if (route_matches(&f, &list.routes[i])) {
			print_route(ctx->netns, &list.routes[i], &f.view);
			shown++;
		}
	for (size_t i = 0; i < list.n && argc == 0; i++)
		if (route_matches(&f, &list.routes[i]))
			route_note(ctx->netns, &list.routes[i]);
	if (shown == 0 && argc == 0)
		out_note(_("no routes: this namespace reaches no network yet; "
			   "an address on an up device adds one"));
	route_list_free(&list);
	return CMD_OK;
}

/* One round of flushing; the number of routes deleted, or -errno. */
static int route_flush_round(const struct cmd_ctx *ctx,
			     const struct route_filter *f)
{
	struct route_list list;
	int err, deleted = 0;

	err = route_list(ctx->netns, filter_dump_family(f), &list);
	for (size_t i = 0; err == 0 && i < list.n; i++) {
		struct route r = list.routes[i];

		if (!route_matches(f, &r))
			continue;
		r.flags = 0;
		r.has_uid = r.has_mark = false;
		err = route_change(ctx->netns, ROUTE_DELETE, &r);
		if (err == -ESRCH)
			err = 0;
		else if (err == 0)
			deleted++;
	}
	route_list_free(&list);
	return err < 0 ? err : deleted;
}

static int route_flush(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct route_filter f;
	int n = 1;

	if (argc == 0) {
		out_error("\"ip route flush\" requires arguments.");
		out_hint(_("Say which routes to remove, like \"ip route flush "
			   "dev veth0\"."));
		return CMD_ERROR;
	}
	if (parse_filter(ctx, argc, argv, &f) != CMD_OK)
		return CMD_ERROR;
	if (f.cloned)
		return CMD_OK; /* no route cache to flush since Linux 3.6 */
	for (int round = 0; round < 10 && n > 0; round++)
		n = route_flush_round(ctx, &f);
	if (n < 0) {
		cmd_netlink_error(n);
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* ---- get ---- */

struct get_args {
	struct route q;
	const char *idev, *odev;
	bool found;
};

static bool parse_get_dst(struct get_args *g, const char *w)
{
	struct inet_prefix p;
	int host;

	if (!get_prefix(w, g->q.family, &p))
		return false;
	set_family(&g->q, p.family);
	memcpy(g->q.dst, p.addr, sizeof(g->q.dst));
	g->q.has_dst = p.bytelen > 0;
	host = host_bits(g->q.family);
	g->q.dst_len = p.prefixlen;
	if (host && p.prefixlen != host) {
		out_error("Warning: /%d as prefix is invalid, only /%d (or "
			  "none) is supported.", p.prefixlen, host);
		g->q.dst_len = host;
	}
	g->found = true;
	return true;
}

static bool parse_get_word(struct get_args *g, int argc, char **argv, int *i)
{
	const char *w = argv[*i];
	struct inet_prefix p;

	if (cmd_matches(w, "from")) {
		if (!cmd_ip_next_arg(i, argc) ||
		    !get_prefix(argv[*i], g->q.family, &p))
			return false;
		set_family(&g->q, p.family);
		memcpy(g->q.src, p.addr, sizeof(g->q.src));
		g->q.has_src = p.bytelen > 0;
		g->q.src_len = p.prefixlen;
	} else if (cmd_matches(w, "iif")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		g->idev = argv[*i];
	} else if (cmd_matches(w, "mark")) {
		if (!cmd_ip_next_arg(i, argc) ||
		    !parse_number(w, argv[*i], &g->q.mark,
				  "mark value is invalid\n"))
			return false;
		g->q.has_mark = g->q.mark != 0;
	} else if (cmd_matches(w, "oif") || streq(w, "dev")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		g->odev = argv[*i];
	} else if (cmd_matches(w, "fibmatch")) {
		g->q.flags |= RTM_F_FIB_MATCH;
	} else {
		if (streq(w, "to") && !cmd_ip_next_arg(i, argc))
			return false;
		return parse_get_dst(g, argv[*i]);
	}
	return true;
}

static bool get_device(const struct cmd_ctx *ctx, const char *dev, int *ifindex)
{
	if (!dev)
		return true;
	*ifindex = cmd_ip_dev_index(ctx, dev);
	return *ifindex > 0;
}

static void route_get_note(const char *ns, const struct route *r)
{
	char dst[INET6_ADDRSTRLEN], dev[IFNAMSIZ], gw[INET6_ADDRSTRLEN];

	if (!r->oif)
		return;
	inet_format(r->family, r->dst, dst, sizeof(dst));
	link_name(ns, r->oif, dev);
	if (r->type == RTN_LOCAL)
		out_note(_("%s is this namespace's own address: the packet "
			   "never leaves it"), dst);
	else if (r->has_gateway)
		out_note(_("a packet for %s would leave through %s to the "
			   "gateway %s"), dst, dev,
			 inet_format(r->family, r->gateway, gw, sizeof(gw)));
	else
		out_note(_("a packet for %s would leave through %s, straight "
			   "to it"), dst, dev);
}

static int route_get_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct route_view all = {0};
	struct get_args g = {0};
	struct route r;
	int err;

	g.q.family = cmd_ip_family(ctx);
	for (int i = 0; i < argc; i++)
		if (!parse_get_word(&g, argc, argv, &i))
			return CMD_ERROR;
	if (!g.found) {
		out_error("need at least a destination address");
		out_hint(_("Say which address to look up, like \"ip route "
			   "get 11.11.11.3\"."));
		return CMD_ERROR;
	}
	if (!get_device(ctx, g.idev, &g.q.iif) ||
	    !get_device(ctx, g.odev, &g.q.oif))
		return CMD_ERROR;
	if (g.q.family == AF_UNSPEC)
		g.q.family = AF_INET;
	if (g.q.family == AF_INET)
		g.q.flags |= RTM_F_LOOKUP_TABLE;
	err = route_get(ctx->netns, &g.q, &r);
	if (err < 0) {
		cmd_netlink_error(err);
		out_hint(_("No route covers that address: add one, or a "
			   "default route (ip route add default via "
			   "GATEWAY)."));
		return CMD_ERROR;
	}
	print_route(ctx->netns, &r, &all);
	route_get_note(ctx->netns, &r);
	return CMD_OK;
}

/* ---- the table, in iproute2's order (for abbreviations) ---- */

static const char *const route_words[] = {
	"default", "via", "dev", "metric", "src", "scope", "proto", "table",
	"onlink", NULL,
};

static const char *const show_words[] = {
	"table", "dev", "default", "proto", "scope", "root", "match",
	"exact", "main", "all", NULL,
};

static const char route_usage[] =
	N_("ip route { add | change | replace | append | delete }\n"
	   "         { default | PREFIX } [ via ADDRESS ] [ dev DEV ] "
	   "[ metric N ]\n"
	   "         [ src ADDRESS ] [ scope SCOPE ] [ proto PROTO ] "
	   "[ table TABLE ]");

/* Only "add" shows the syntax in help: the other verbs take the same. */
#define MODIFY(n, a, use, sum, fn)                                          \
	{.name = n, .alias = a, .usage = use, .summary = sum, .min_args = 1, \
	 .max_args = -1, .exec = fn, .words = route_words}

static const struct cmd_entry entries[] = {
	MODIFY("add", NULL, route_usage, N_("add a route"), route_add),
	MODIFY("change", "chg", NULL, N_("change a route that is there"),
	       route_change_cmd),
	MODIFY("replace", NULL, NULL, N_("add a route, or change it"),
	       route_replace),
	MODIFY("prepend", NULL, NULL, NULL, route_prepend),
	MODIFY("append", NULL, NULL, N_("add one more route for a prefix"),
	       route_append),
	MODIFY("test", NULL, NULL, NULL, route_test),
	MODIFY("delete", NULL, NULL, N_("remove a route"), route_delete),
	{.name = "show", .alias = "list",
	 .usage = N_("ip route show [ table TABLE ] [ dev DEV ] "
		     "[ proto PROTO ] [ scope SCOPE ] [ PREFIX | default ]"),
	 .summary = N_("list the routing table"), .min_args = 0,
	 .max_args = -1, .exec = route_show, .words = show_words},
	{.name = "lst", .min_args = 0, .max_args = -1, .exec = route_show,
	 .words = show_words},
	{.name = "get",
	 .usage = N_("ip route get ADDRESS [ from ADDRESS ] [ iif DEV ] "
		     "[ oif DEV ] [ mark N ] [ fibmatch ]"),
	 .summary = N_("ask which route a packet to ADDRESS takes"),
	 .min_args = 0, .max_args = -1, .exec = route_get_cmd},
	{.name = "flush",
	 .usage = N_("ip route flush { dev DEV | PREFIX | table TABLE | "
		     "proto PROTO } ..."),
	 .summary = N_("remove every route that matches"), .min_args = 0,
	 .max_args = -1, .exec = route_flush, .words = show_words},
	{NULL},
};

const struct cmd_table cmd_ip_route_table = {
	.path = "ip route",
	.unknown = N_("Command \"%s\" is unknown, try \"ip route help\"."),
	.default_name = "show",
	.entries = entries,
};
