/* cmd-route.c: "route [-n] [-e] [-F|-C]", as net-tools 2.10 prints it.
 *
 * net-tools' route reads /proc/net/route: the main table's IPv4 routes
 * (not broadcast or multicast ones), with the flags the kernel derives
 * for it.  nstutor reads the same routes through route_list() (what
 * "ip route" and the grader read).  Without -n the real route looks
 * names up; nstutor never asks DNS, so it prints what route prints for
 * addresses without a name: the address, and "default" for 0.0.0.0/0.
 * Changing routes (route add, del) is left to "ip route".
 */
#include "system.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <linux/rtnetlink.h>

#include "cmd.h"
#include "nl-link.h"
#include "nl-route.h"
#include "out.h"

/* net/route.h's flags, as the kernel gives them in /proc/net/route */
#define ROUTE_RTF_UP 0x0001
#define ROUTE_RTF_GATEWAY 0x0002
#define ROUTE_RTF_HOST 0x0004
#define ROUTE_RTF_REJECT 0x0200

struct route_opts {
	bool numeric; /* -n */
	int ext;      /* 1 plain, 2 -e, 3 -ee; 0 past that: no header */
	bool fib, cache; /* -F, -C */
};

/* One line of /proc/net/route, as the kernel would write it. */
struct route_line {
	char dst[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN], mask[INET_ADDRSTRLEN];
	char iface[IFNAMSIZ];
	char flags[8];
	bool reject;
	unsigned int metric;
};

static const char route_usage_text[] =
	"Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n"
	"       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n"
	"\n"
	"       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n"
	"       route {-V|--version}                  Display version/author and exit.\n"
	"\n"
	"        -v, --verbose            be verbose\n"
	"        -n, --numeric            don't resolve names\n"
	"        -e, --extend             display other/more information\n"
	"        -F, --fib                display Forwarding Information Base (default)\n"
	"        -C, --cache              display routing cache instead of FIB\n"
	"\n"
	"  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n"
	"  List of possible address families (which support routing):\n"
	"    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"
	"    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n"
	"    ddp (Appletalk DDP) x25 (CCITT X.25) \n";

static void route_usage(void)
{
	fflush(stdout);
	fputs(route_usage_text, stderr);
}

static void route_usage_hint(void)
{
	out_hint(_("nstutor's route shows the IPv4 routing table: route -n "
		   "(or route -n -e)."));
}

static bool route_family(const char *af)
{
	if (streq(af, "inet"))
		return true;
	if (streq(af, "inet6")) {
		out_error(_("nstutor's route shows the IPv4 table only."));
		out_hint(_("\"ip -6 route\" shows the IPv6 routes."));
		return false;
	}
	out_error("Unknown address family `%s'.", af);
	route_usage_hint();
	return false;
}

static bool route_bad_option(int opt, char **argv)
{
	if (opt == ':')
		out_error("route: option requires an argument -- '%c'", optopt);
	else if (optopt == 0)
		out_error("route: unrecognized option '%s'", argv[optind - 1]);
	else
		out_error("route: invalid option -- '%c'", optopt);
	route_usage();
	route_usage_hint();
	return false;
}

/* One option; false when the command ends here (*done: it is said). */
static bool route_option(struct route_opts *o, int opt, char **argv,
			 bool *done)
{
	switch (opt) {
	case 'n': o->numeric = true; break;
	case 'N': case 'v': case '4': break;
	case 'e': o->ext++; break;
	case 'F': o->fib = true; break;
	case 'C': o->cache = true; break;
	case 'A': return route_family(optarg);
	case 'I': return route_family("inet");
	case '6': return route_family("inet6");
	case 'V':
		fflush(stdout);
		fputs("net-tools 2.10\n", stderr);
		*done = true;
		return false;
	case 'h':
		route_usage();
		*done = true;
		return false;
	default:
		return route_bad_option(opt, argv);
	}
	return true;
}

/* The options (GNU getopt: anywhere); *verb is the first other word,
 * or NULL. */
static bool route_parse(int nwords, char **words, struct route_opts *o,
			bool *done, const char **verb)
{
	static const struct option longopts[] = {
		{"inet", 0, NULL, 'I'},	    {"inet6", 0, NULL, '6'},
		{"extend", 0, NULL, 'e'},   {"verbose", 0, NULL, 'v'},
		{"version", 0, NULL, 'V'},  {"numeric", 0, NULL, 'n'},
		{"symbolic", 0, NULL, 'N'}, {"protocol", 1, NULL, 'A'},
		{"cache", 0, NULL, 'C'},    {"fib", 0, NULL, 'F'},
		{"help", 0, NULL, 'h'},	    {NULL, 0, NULL, 0},
	};
	_cleanup_free_ char **argv = calloc((size_t)nwords + 2, sizeof(*argv));
	int argc = nwords + 1, opt;

	*o = (struct route_opts){.ext = 1};
	*done = false;
	if (!argv)
		return false;
	argv[0] = (char *)"route";
	for (int i = 0; i < nwords; i++) /* route's "-net" is no option */
		argv[i + 1] = streq(words[i], "-net")	 ? (char *)"#net" :
			      streq(words[i], "-host") ? (char *)"#host" :
							 words[i];
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":A:eCFhnN64Vv", longopts,
				  NULL)) != -1)
		if (!route_option(o, opt, argv, done))
			return false;
	o->ext &= 3; /* route's FLAG_EXT */
	*verb = optind < argc ? argv[optind] : NULL;
	return true;
}

/* route add, del, flush: nstutor leaves them to ip route. */
static int route_refuse(const char *verb)
{
	out_error(_("nstutor's route does not change routes (\"route %s\")."),
		  verb);
	out_hint(_("Use ip route: \"ip route add default via 11.11.11.1\" or "
		   "\"ip route del 10.0.0.0/24\"."));
	return CMD_ERROR;
}

/* The routes /proc/net/route lists. */
static bool route_listed(const struct route *r)
{
	return r->family == AF_INET && r->table == RT_TABLE_MAIN &&
	       r->type != RTN_BROADCAST && r->type != RTN_MULTICAST;
}

/* The kernel's fib_flag_trans(), in route's letters. */
static void route_flags(const struct route *r, struct route_line *l)
{
	unsigned int f = ROUTE_RTF_UP;

	if (r->type == RTN_UNREACHABLE || r->type == RTN_PROHIBIT)
		f |= ROUTE_RTF_REJECT;
	if (r->has_gateway && memcmp(r->gateway, "\0\0\0\0", 4) != 0)
		f |= ROUTE_RTF_GATEWAY;
	if (r->dst_len == 32)
		f |= ROUTE_RTF_HOST;
	l->reject = f & ROUTE_RTF_REJECT;
	snprintf(l->flags, sizeof(l->flags), "%s%s",
		 l->reject ? "!" : "U",
		 (f & ROUTE_RTF_GATEWAY) && !l->reject ? "G" : "");
	if (f & ROUTE_RTF_HOST)
		strcat(l->flags, "H");
}

static void route_line_fill(const char *ns, const struct route *r,
			    bool numeric, struct route_line *l)
{
	struct in_addr dst = {0}, gw = {0}, mask;

	*l = (struct route_line){.metric = r->priority};
	if (r->has_dst)
		memcpy(&dst, r->dst, 4);
	if (r->has_gateway)
		memcpy(&gw, r->gateway, 4);
	mask.s_addr = r->dst_len ? htonl(~0u << (32 - r->dst_len)) : 0;
	inet_ntop(AF_INET, &dst, l->dst, sizeof(l->dst));
	/* what route prints for 0.0.0.0/0 when it may use names */
	if (!numeric && dst.s_addr == 0 && mask.s_addr == 0)
		snprintf(l->dst, sizeof(l->dst), "default");
	inet_ntop(AF_INET, &gw, l->gw, sizeof(l->gw));
	inet_ntop(AF_INET, &mask, l->mask, sizeof(l->mask));
	if (r->oif)
		link_name(ns, r->oif, l->iface);
	else
		snprintf(l->iface, sizeof(l->iface), "*");
	route_flags(r, l);
}

static void route_fib_header(int ext)
{
	printf("Kernel IP routing table\n");
	if (ext == 1)
		printf("Destination     Gateway         Genmask         "
		       "Flags Metric Ref    Use Iface\n");
	else if (ext == 2)
		printf("Destination     Gateway         Genmask         "
		       "Flags   MSS Window  irtt Iface\n");
	else if (ext == 3)
		printf("Destination     Gateway         Genmask         "
		       "Flags Metric Ref    Use Iface    MSS   Window irtt\n");
}

/* rprint_fib()'s lines.  MSS, window and irtt come from route metrics
 * (advmss, window, rtt) that nstutor does not read: they print as 0,
 * as for every route the lessons make. */
static void route_print_line(int ext, const struct route_line *l)
{
	if (ext == 1 && l->reject)
		printf("%-15s -               %-15s %-5s %-6u -  %7d -\n",
		       l->dst, l->mask, l->flags, l->metric, 0);
	else if (ext == 1)
		printf("%-15s %-15s %-15s %-5s %-6u %-2d %7d %s\n", l->dst,
		       l->gw, l->mask, l->flags, l->metric, 0, 0, l->iface);
	else if (ext == 2 && l->reject)
		printf("%-15s -               %-15s %-5s     - -          - -\n",
		       l->dst, l->mask, l->flags);
	else if (ext == 2)
		printf("%-15s %-15s %-15s %-5s %5d %-5d %6d %s\n", l->dst,
		       l->gw, l->mask, l->flags, 0, 0, 0, l->iface);
	else if (ext == 3 && l->reject)
		printf("%-15s -               %-15s %-5s %-6u -  %7d -        "
		       "-     -      -\n",
		       l->dst, l->mask, l->flags, l->metric, 0);
	else if (ext == 3)
		printf("%-15s %-15s %-15s %-5s %-6u %-3d %6d %-6.6s   %-5d "
		       "%-6d %d\n",
		       l->dst, l->gw, l->mask, l->flags, l->metric, 0, 0,
		       l->iface, 0, 0, 0);
}

static int route_show_fib(const char *ns, const struct route_opts *o)
{
	struct route_list list;
	struct route_line l;
	size_t shown = 0;
	int err;

	err = route_list(ns, AF_INET, &list);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	route_fib_header(o->ext);
	for (size_t i = 0; i < list.n; i++) {
		if (!route_listed(&list.routes[i]))
			continue;
		route_line_fill(ns, &list.routes[i], o->numeric, &l);
		route_print_line(o->ext, &l);
		shown++;
	}
	route_list_free(&list);
	if (shown == 0)
		out_note(_("No IPv4 routes: an address on a link that is up "
			   "brings its subnet's route (ip addr add, ip link "
			   "set DEV up)."));
	else if (o->ext == 1)
		out_note(_("Flags U: up; G: through a gateway; H: to one "
			   "host (/32); !: refused (unreachable, "
			   "prohibit)."));
	return CMD_OK;
}

/* The kernel keeps no IPv4 routing cache since Linux 3.6: its table
 * has the header only, as route -C prints it. */
static void route_show_cache(int ext)
{
	printf("Kernel IP routing cache\n");
	if (ext == 1)
		printf("Source          Destination     Gateway         "
		       "Flags Metric Ref    Use Iface\n");
	else if (ext == 2)
		printf("Source          Destination     Gateway         "
		       "Flags   MSS Window  irtt Iface\n");
	else if (ext == 3)
		printf("Source          Destination     Gateway         "
		       "Flags Metric Ref    Use Iface    MSS   Window irtt  "
		       "TOS HHRef HHUptod     SpecDst\n");
}

static int route_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct route_opts o;
	const char *verb;
	bool done;
	int status = CMD_OK;

	if (!route_parse(argc, argv, &o, &done, &verb))
		return done ? CMD_OK : CMD_ERROR;
	if (verb && (streq(verb, "add") || streq(verb, "del") ||
		     streq(verb, "delete") || streq(verb, "flush")))
		return route_refuse(verb);
	if (verb) {
		route_usage();
		route_usage_hint();
		return CMD_ERROR;
	}
	if (cmd_netns_gone(ctx))
		return CMD_ERROR;
	if (o.fib || !o.cache)
		status = route_show_fib(ctx->netns, &o);
	if (o.cache && status == CMD_OK)
		route_show_cache(o.ext);
	return status;
}

static const char *const route_words[] = {"-n", "-e", "-ee", "-C", NULL};

const struct cmd_entry cmd_route_entry = {
	.name = "route",
	.usage = N_("route [-n] [-e] [-F|-C]"),
	.summary = N_("the IPv4 routing table of a namespace, as net-tools' "
		      "route prints it"),
	.min_args = 0,
	.max_args = -1,
	.exec = route_exec,
	.flags = CMD_TOOL,
	.words = route_words,
};
