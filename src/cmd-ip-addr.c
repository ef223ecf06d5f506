/* cmd-ip-addr.c: "ip address": add, delete, show and flush IP addresses,
 * parsed as iproute2 6.1's ipaddr_modify() reads its words. */
#include "system.h"

#include <arpa/inet.h>
#include <linux/rtnetlink.h>

#include "cmd-ip.h"
#include "inet.h"
#include "nl-addr.h"
#include "nl-link.h"
#include "out.h"
#include "show-link.h"

/* What the words of "ip addr add|del" said. */
struct addr_args {
	struct addr_req req;
	const char *dev;
	const char *local_arg;
	int brd;		/* 0 none, 1 an address, -1 "+", -2 "-" */
	bool has_local, scoped, has_prefixlen;
};

static int bad_prefix(const char *what, int family, const char *arg)
{
	cmd_ip_expected(family, what, arg);
	if (family == AF_INET6)
		out_hint(_("With -6, give an IPv6 address like fd00::1/64."));
	else
		out_hint(_("An IPv4 address is four numbers from 0 to 255 and "
			   "a prefix length up to 32, like 11.11.11.2/24."));
	return -1;
}

static int parse_local(struct addr_args *a, int family, const char *arg)
{
	struct inet_prefix p;

	if (a->has_local) {
		cmd_ip_garbage("local", arg);
		out_hint(_("Give one address, and the device after \"dev\": "
			   "ip addr add 11.11.11.2/24 dev veth0."));
		return -1;
	}
	if (inet_prefix_parse(arg, family, &p) < 0)
		return bad_prefix("prefix", family, arg);
	a->has_local = true;
	a->local_arg = arg;
	a->has_prefixlen = p.has_prefixlen;
	a->req.family = p.family;
	a->req.prefixlen = p.prefixlen;
	memcpy(a->req.local, p.addr, sizeof(a->req.local));
	return 0;
}

static int parse_brd(struct addr_args *a, int family, const char *arg)
{
	struct inet_prefix p;

	if (a->brd) {
		cmd_ip_duparg("broadcast", arg);
		out_hint(_("Give \"broadcast\" only once."));
		return -1;
	}
	if (streq(arg, "+") || streq(arg, "-")) {
		a->brd = arg[0] == '+' ? -1 : -2;
		return 0;
	}
	if (inet_addr_parse(arg, family, &p) < 0)
		return bad_prefix("address", family, arg);
	a->brd = 1;
	a->req.has_broadcast = true;
	if (!a->req.family)
		a->req.family = p.family;
	memcpy(a->req.broadcast, p.addr, sizeof(a->req.broadcast));
	return 0;
}

static int parse_scope(struct addr_args *a, const char *arg)
{
	static const struct {
		const char *name;
		int scope;
	} scopes[] = {
		{"global", RT_SCOPE_UNIVERSE}, {"universe", RT_SCOPE_UNIVERSE},
		{"host", RT_SCOPE_HOST},       {"link", RT_SCOPE_LINK},
		{"site", RT_SCOPE_SITE},       {"nowhere", RT_SCOPE_NOWHERE},
	};
	char *end;
	long v;

	for (size_t i = 0; i < ARRAY_SIZE(scopes); i++)
		if (streq(arg, scopes[i].name)) {
			a->req.scope = scopes[i].scope;
			a->scoped = true;
			return 0;
		}
	v = strtol(arg, &end, 0);
	if (!*arg || *end || v < 0 || v > 255) {
		out_error("Error: argument \"%s\" is wrong: %s", arg,
			  "invalid scope value.");
		out_hint(_("Scopes are global, link, host, site and nowhere."));
		return -1;
	}
	a->req.scope = v;
	a->scoped = true;
	return 0;
}

/* One word (and its value) of ipaddr_modify(). */
static int parse_word(struct cmd_ctx *ctx, struct addr_args *a, int *i,
		      int argc, char **argv)
{
	const char *w = argv[*i];
	int family = a->req.family ? a->req.family : cmd_ip_family(ctx);

	if (cmd_matches(w, "broadcast") || streq(w, "brd") ||
	    streq(w, "scope") || streq(w, "dev") || streq(w, "label") ||
	    streq(w, "local")) {
		if (++*i >= argc)
			return cmd_ip_incomplete();
	}
	if (cmd_matches(w, "broadcast") || streq(w, "brd"))
		return parse_brd(a, family, argv[*i]);
	if (streq(w, "scope"))
		return parse_scope(a, argv[*i]);
	if (streq(w, "dev")) {
		a->dev = argv[*i];
		return 0;
	}
	if (streq(w, "label")) {
		a->req.label = argv[*i];
		return 0;
	}
	if (!streq(w, "local") && cmd_matches(w, "help")) {
		out_error("Usage: ip address {add|change|replace} IFADDR dev "
			  "IFNAME [ LIFETIME ] [ CONFFLAG-LIST ]");
		out_hint(_("Type \"ip address help\" for the syntax."));
		return -1;
	}
	return parse_local(a, family, argv[*i]);
}

static void broadcast_fill(struct addr_args *a)
{
	uint32_t addr, mask;

	if (a->req.prefixlen > 30)
		return;
	memcpy(&addr, a->req.local, 4);
	mask = a->req.prefixlen ? htonl(~0u << (32 - a->req.prefixlen)) : 0;
	addr = a->brd == -1 ? (addr | ~mask) : (addr & mask);
	memcpy(a->req.broadcast, &addr, 4);
	a->req.has_broadcast = true;
}

static void wildcard_warning(const struct addr_args *a)
{
	fflush(stdout);
	fprintf(stderr,
		"Warning: Executing wildcard deletion to stay compatible with "
		"old scripts.\n"
		"         Explicitly specify the prefix length (%s/%d) to avoid "
		"this warning.\n"
		"         This special behaviour is likely to disappear in "
		"further releases,\n"
		"         fix your scripts!\n", a->local_arg, 32);
}

/* What ipaddr_modify() checks after the words, before the kernel. */
static int args_check(struct cmd_ctx *ctx, struct addr_args *a, bool del)
{
	if (!a->dev) {
		out_error("Not enough information: \"dev\" argument is "
			  "required.");
		out_hint(_("Say which link gets the address: ip addr add "
			   "11.11.11.2/24 dev veth0."));
		return -1;
	}
	if (del && a->req.family == AF_INET && !a->has_prefixlen)
		a->req.wildcard = true;
	if (a->brd < 0 && !del) {
		if (a->req.family != AF_INET) {
			out_error("Broadcast can be set only for IPv4 "
				  "addresses");
			out_hint(_("IPv6 has no broadcast; leave it out."));
			return -1;
		}
		broadcast_fill(a);
	}
	if (!a->scoped && !del && a->req.family == AF_INET &&
	    a->req.local[0] == 127)
		a->req.scope = RT_SCOPE_HOST;
	a->req.ifindex = cmd_ip_dev_index(ctx, a->dev);
	return a->req.ifindex < 0 ? -1 : 0;
}

static void modify_hint(int err, bool del)
{
	if (err == -EEXIST)
		out_hint(_("The link already has this address; \"ip addr "
			   "show\" lists them."));
	else if (err == -EADDRNOTAVAIL && del)
		out_hint(_("The link has no such address; give it exactly as "
			   "\"ip addr show\" prints it, with its /N."));
	else if (err == -EOPNOTSUPP)
		out_hint(_("Give the address to add: ip addr add "
			   "11.11.11.2/24 dev veth0."));
	else
		out_hint(_("The kernel refused the address change."));
}

static int modify(struct cmd_ctx *ctx, bool del, int argc, char **argv)
{
	struct addr_args a = {0};
	int err;

	for (int i = 0; i < argc; i++)
		if (parse_word(ctx, &a, &i, argc, argv) < 0)
			return CMD_ERROR;
	if (args_check(ctx, &a, del) < 0)
		return CMD_ERROR;
	if (!a.has_local) {
		out_error("RTNETLINK answers: %s", out_strerror(EOPNOTSUPP));
		modify_hint(-EOPNOTSUPP, del);
		return CMD_ERROR;
	}
	if (a.req.wildcard)
		wildcard_warning(&a);
	err = del ? addr_del(ctx->netns, &a.req) : addr_add(ctx->netns, &a.req);
	if (err < 0) {
		cmd_netlink_error(err);
		modify_hint(err, del);
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* After "ip addr add ... dev X": a note when X is still down. */
static void note_down(struct cmd_ctx *ctx, int argc, char **argv)
{
	char prefix[300];
	struct link l;

	snprintf(prefix, sizeof(prefix), "ip %s%s", ctx->netns ? "-n " : "",
		 ctx->netns ? ctx->netns : "");
	for (int i = 0; i + 1 < argc; i++)
		if (streq(argv[i], "dev") &&
		    link_get(ctx->netns, argv[i + 1], &l) == 0 &&
		    !(l.flags & IFF_UP))
			/* TRANSLATORS: the second %s is "ip" or "ip -n RED". */
			out_note(_("%s is still DOWN; the address works once "
				   "it is up (%s link set %s up)."),
				 l.name, prefix, l.name);
}

static int addr_add_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int ret = modify(ctx, false, argc, argv);

	if (ret == CMD_OK && !out_settings.plain)
		note_down(ctx, argc, argv);
	return ret;
}

static int addr_del_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return modify(ctx, true, argc, argv);
}

static int addr_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return show_links_cmd(ctx, false, argc, argv);
}

static int flush_links(struct cmd_ctx *ctx, const struct show_filter *f)
{
	struct link_list links;
	int family = ctx->family, err;

	err = link_list(ctx->netns, &links);
	for (size_t i = 0; err >= 0 && i < links.n; i++)
		if (show_filter_match(f, &links.links[i]))
			err = addr_flush(ctx->netns, links.links[i].ifindex,
					 family);
	link_list_free(&links);
	if (err < 0) {
		cmd_netlink_error(err);
		out_hint(_("The kernel refused to remove an address."));
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int addr_flush_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct show_filter f;

	if (argc == 0) {
		out_error("Flush requires arguments.");
		out_hint(_("Say whose addresses to remove: ip addr flush dev "
			   "veth0."));
		return CMD_ERROR;
	}
	if (ctx->family == AF_PACKET) {
		out_error("Cannot flush link addresses.");
		out_hint(_("Flush removes IP addresses; use -4 or -6, or "
			   "neither."));
		return CMD_ERROR;
	}
	if (show_filter_parse(ctx, &f, argc, argv) < 0)
		return CMD_ERROR;
	return flush_links(ctx, &f);
}

static int addr_not_spoken(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not speak this ip address command yet."));
	out_hint(_("It knows add, delete, show and flush."));
	return CMD_ERROR;
}

static const char *const modify_words[] = {
	"dev", "broadcast", "label", "scope", "local", NULL,
};
static const char *const show_words[] = {
	"dev", "up", "type", "master", NULL,
};

#define ADDR_NOT_SPOKEN(n) \
	{.name = n, .min_args = 0, .max_args = -1, .exec = addr_not_spoken}

/* iproute2's order of verbs, for abbreviations ("ip a s" is show). */
static const struct cmd_entry entries[] = {
	{.name = "add",
	 .usage = N_("ip address add CIDR dev DEV [broadcast ADDR|+] "
		     "[label LABEL]"),
	 .summary = N_("put an IP address on a link"),
	 .min_args = 0, .max_args = -1, .exec = addr_add_exec,
	 .words = modify_words},
	ADDR_NOT_SPOKEN("change"),
	ADDR_NOT_SPOKEN("replace"),
	{.name = "delete",
	 .usage = N_("ip address delete CIDR dev DEV"),
	 .summary = N_("remove an IP address from a link"),
	 .min_args = 0, .max_args = -1, .exec = addr_del_exec,
	 .words = modify_words},
	{.name = "list", .alias = "show",
	 .usage = N_("ip [-br] [-4|-6] address show [[dev] DEV] [up]"),
	 .summary = N_("list the links with their addresses"),
	 .min_args = 0, .max_args = -1, .exec = addr_show_exec,
	 .words = show_words},
	{.name = "lst", .min_args = 0, .max_args = -1,
	 .exec = addr_show_exec, .words = show_words},
	{.name = "flush",
	 .usage = N_("ip address flush [dev] DEV"),
	 .summary = N_("remove every address of a link"),
	 .min_args = 0, .max_args = -1, .exec = addr_flush_exec,
	 .words = show_words},
	ADDR_NOT_SPOKEN("save"),
	ADDR_NOT_SPOKEN("showdump"),
	ADDR_NOT_SPOKEN("restore"),
	{NULL},
};

const struct cmd_table cmd_ip_address_table = {
	.path = "ip address",
	.unknown = N_("Command \"%s\" is unknown, try \"ip address help\"."),
	.default_name = "show",
	.entries = entries,
};
