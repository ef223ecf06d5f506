/* cmd-ip.c: "ip [OPTIONS] OBJECT COMMAND": options and the object table. */
#include "system.h"

#include <sys/socket.h>

#include "cmd-ip.h"
#include "inet.h"
#include "netns.h"
#include "nl-link.h"
#include "out.h"

static int ip_exec(struct cmd_ctx *ctx, int argc, char **argv);

const struct cmd_entry cmd_ip_entry = {
	.name = "ip",
	.usage = N_("ip [ -n NS | -br | -d | -4 | -6 ] OBJECT { COMMAND | help }\n"
		    "       OBJECT := { address | route | neighbour | link | netns }"),
	.summary = N_("show and change links, addresses, routes, neighbours and namespaces"),
	.min_args = 0,
	.max_args = -1,
	.exec = ip_exec,
	.sub = &cmd_ip_table,
	.flags = CMD_TOOL,
};

static int ip_not_spoken(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not speak this ip object yet."));
	out_hint(_("Run the real ip for it inside the lab: ip netns exec NS "
		   "/usr/sbin/ip ..."));
	return CMD_ERROR;
}

#define NOT_SPOKEN(n) {.name = n, .min_args = 0, .max_args = -1, .exec = ip_not_spoken}

/* iproute2's order, so that abbreviations mean what they mean there. */
static const struct cmd_entry ip_objects[] = {
	{.name = "address", .sub = &cmd_ip_address_table,
	 .summary = N_("protocol (IP) addresses on a device")},
	NOT_SPOKEN("addrlabel"),
	NOT_SPOKEN("maddress"),
	{.name = "route", .sub = &cmd_ip_route_table,
	 .summary = N_("routing table entries")},
	NOT_SPOKEN("rule"),
	{.name = "neighbor", .alias = "neighbour", .sub = &cmd_ip_neigh_table,
	 .summary = N_("the ARP table: neighbours' link-layer addresses")},
	NOT_SPOKEN("ntable"),
	NOT_SPOKEN("ntbl"),
	{.name = "link", .sub = &cmd_ip_link_table,
	 .summary = N_("network devices: veth pairs, bridges, up and down")},
	NOT_SPOKEN("l2tp"),
	NOT_SPOKEN("fou"),
	NOT_SPOKEN("ila"),
	NOT_SPOKEN("macsec"),
	NOT_SPOKEN("tunnel"),
	NOT_SPOKEN("tuntap"),
	NOT_SPOKEN("token"),
	NOT_SPOKEN("tcpmetrics"),
	NOT_SPOKEN("tcp_metrics"),
	NOT_SPOKEN("monitor"),
	NOT_SPOKEN("xfrm"),
	NOT_SPOKEN("mroute"),
	NOT_SPOKEN("mrule"),
	{.name = "netns", .sub = &cmd_ip_netns_table,
	 .summary = N_("named network namespaces")},
	NOT_SPOKEN("netconf"),
	NOT_SPOKEN("vrf"),
	NOT_SPOKEN("sr"),
	NOT_SPOKEN("nexthop"),
	NOT_SPOKEN("mptcp"),
	NOT_SPOKEN("ioam"),
	NOT_SPOKEN("stats"),
	{NULL},
};

const struct cmd_table cmd_ip_table = {
	.path = "ip",
	.unknown = N_("Object \"%s\" is unknown, try \"ip help\"."),
	.entries = ip_objects,
};

int cmd_ip_netns_option(struct cmd_ctx *ctx, const char *name)
{
	if (!netns_exists(name)) {
		out_error("Cannot open network namespace \"%s\": %s", name,
			  out_strerror(ENOENT));
		if (!cmd_netns_placeholder(name))
			out_hint(_("See the namespaces there are with \"ip "
				   "netns list\"."));
		return CMD_ERROR;
	}
	ctx->netns = name;
	return CMD_OK;
}

static int ip_family_option(struct cmd_ctx *ctx, const char *name)
{
	if (streq(name, "inet"))
		ctx->family = AF_INET;
	else if (streq(name, "inet6"))
		ctx->family = AF_INET6;
	else if (streq(name, "link"))
		ctx->family = AF_PACKET;
	else {
		out_error("Error: argument \"%s\" is wrong: invalid protocol family", name);
		out_hint(_("The families are inet (IPv4), inet6 (IPv6) and link."));
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* Handles one option; returns how many words it used, or -1. */
static int ip_option(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *opt = argv[0];
	const char *val = argc > 1 ? argv[1] : NULL;

	if (opt[1] == '-')
		opt++;
	if (streq(opt, "-4") || streq(opt, "-6") || streq(opt, "-0")) {
		ctx->family = opt[1] == '4' ? AF_INET :
			      opt[1] == '6' ? AF_INET6 : AF_PACKET;
		return 1;
	}
	if (cmd_matches(opt, "-family") || cmd_matches(opt, "-netns")) {
		if (!val) {
			out_error(_("Option \"%s\" needs an argument."), argv[0]);
			return -1;
		}
		if (opt[1] == 'f')
			return ip_family_option(ctx, val) == CMD_OK ? 2 : -1;
		return cmd_ip_netns_option(ctx, val) == CMD_OK ? 2 : -1;
	}
	if (cmd_matches(opt, "-details")) {
		ctx->details = true;
		return 1;
	}
	if (cmd_matches(opt, "-brief")) {
		ctx->brief = true;
		return 1;
	}
	if (cmd_matches(opt, "-color") || cmd_matches(opt, "-colour") ||
	    cmd_matches(opt, "-Numeric") || cmd_matches(opt, "-human"))
		return 1; /* accepted; output is the same */
	out_error("Option \"%s\" is unknown, try \"ip -help\".", argv[0]);
	out_hint(_("nstutor's ip knows -n NS, -br, -d, -4, -6 and -f FAMILY."));
	return -1;
}

static int ip_exec(struct cmd_ctx *outer, int argc, char **argv)
{
	struct cmd_ctx ctx = *outer;
	int i = 0, used;

	ctx.family = AF_UNSPEC;
	while (i < argc && argv[i][0] == '-' && argv[i][1]) {
		if (streq(argv[i], "--")) {
			i++;
			break;
		}
		if (streq(argv[i], "-h") || cmd_matches(argv[i], "-help")) {
			cmd_usage(&cmd_root, &cmd_ip_entry);
			return CMD_OK;
		}
		used = ip_option(&ctx, argc - i, argv + i);
		if (used < 0)
			return CMD_ERROR;
		i += used;
	}
	if (i == argc) {
		cmd_usage(&cmd_root, &cmd_ip_entry);
		out_hint(_("Say what to look at or change: ip link, ip addr, "
			   "ip route, ip neigh or ip netns."));
		return CMD_ERROR;
	}
	used = cmd_dispatch(&ctx, &cmd_ip_table, argc - i, argv + i);
	outer->exit_status = ctx.exit_status; /* ip netns exec NS curl: 7 */
	return used;
}

void cmd_ip_no_device(const struct cmd_ctx *ctx, const char *name)
{
	struct link_list links;
	char list[256] = "";
	size_t used = 0;

	out_error("Cannot find device \"%s\"", name);
	if (link_list(ctx->netns, &links) < 0)
		return;
	for (size_t i = 0; i < links.n && used < sizeof(list) - 1; i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", links.links[i].name);
	link_list_free(&links);
	if (ctx->netns)
		/* TRANSLATORS: "There is no veth9 in RED; it has: lo, veth0." */
		out_hint(_("There is no %s in namespace %s; it has: %s."), name,
			 ctx->netns, list);
	else
		out_hint(_("There is no %s in the host namespace; it has: %s."),
			 name, list);
}

int cmd_ip_dev_index(const struct cmd_ctx *ctx, const char *name)
{
	int ifindex = link_index(ctx->netns, name);

	if (ifindex > 0)
		return ifindex;
	cmd_ip_no_device(ctx, name);
	return -1;
}

int cmd_ip_family(const struct cmd_ctx *ctx)
{
	return ctx->family == AF_INET || ctx->family == AF_INET6 ?
		       ctx->family : AF_UNSPEC;
}

int cmd_ip_duparg(const char *key, const char *arg)
{
	out_error("Error: duplicate \"%s\": \"%s\" is the second value.", key,
		  arg);
	return -1;
}

int cmd_ip_garbage(const char *key, const char *arg)
{
	out_error("Error: either \"%s\" is duplicate, or \"%s\" is a garbage.",
		  key, arg);
	return -1;
}

int cmd_ip_expected(int family, const char *what, const char *arg)
{
	out_error("Error: %s %s is expected rather than \"%s\".",
		  family == AF_INET ? "inet" :
		  family == AF_INET6 ? "inet6" : "any valid", what, arg);
	return -1;
}

static void incomplete_error(void)
{
	out_error("Command line is not complete. Try option \"help\"");
}

int cmd_ip_incomplete(void)
{
	incomplete_error();
	out_hint(_("A word is missing at the end of the command."));
	return -1;
}

bool cmd_ip_next_arg(int *i, int argc)
{
	if (++*i < argc)
		return true;
	incomplete_error();
	out_hint(_("The last word needs a value after it."));
	return false;
}

int cmd_ip_lladdr(const char *arg, unsigned char *mac, size_t size)
{
	const char *bad;
	int n, bad_len;

	n = mac_parse(arg, mac, size, &bad, &bad_len);
	if (n < 0) {
		out_error("\"%.*s\" is invalid lladdr.", bad_len, bad);
		out_hint(_("A MAC address is six hex bytes with colons, "
			   "like 02:00:00:00:00:01."));
	}
	return n;
}
