/* cmd-bridge.c: "bridge [OPTIONS] { fdb | link } show", as iproute2 6.1. */
#include "system.h"

#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <net/if.h>

#include "cmd.h"
#include "cmd-ip.h"
#include "inet.h"
#include "nl-fdb.h"
#include "nl-link.h"
#include "out.h"
#include "show-link.h"

struct bridge_opts {
	bool stats;   /* -s */
	bool oneline; /* -o */
};

static struct bridge_opts bridge_opts;

static const char bridge_usage_text[] =
	"Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
	"       bridge [ -force ] -batch filename\n"
	"where  OBJECT := { link | fdb | mdb | vlan | monitor }\n"
	"       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
	"                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
	"                    -c[ompressvlans] -color -p[retty] -j[son] }\n";

static const char fdb_usage_text[] =
	"Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n"
	"              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]\n"
	"              [ sticky ] [ local | static | dynamic ] [ vlan VID ]\n"
	"              { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }\n"
	"\t       [ via DEV ] [ src_vni VNI ]\n"
	"       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]\n"
	"              [ state STATE ] [ dynamic ] ]\n"
	"       bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV\n"
	"              [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]\n"
	"       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]\n"
	"              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]\n"
	"              [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]\n"
	"              [ [no]offloaded ]\n";

static void print_usage(const char *text)
{
	fflush(stdout);
	fputs(text, stderr);
}

static int incomplete(void)
{
	out_error("Command line is not complete. Try option \"help\"");
	out_hint(_("A keyword like dev or br needs the name after it."));
	return CMD_ERROR;
}

/* iproute2's ll_index_to_name over a list read once per command. */
static const char *index_name(const struct link_list *links, int ifindex,
			      char buf[IFNAMSIZ])
{
	for (size_t i = 0; i < links->n; i++)
		if (links->links[i].ifindex == ifindex)
			return links->links[i].name;
	if (ifindex == 0)
		return "*";
	snprintf(buf, IFNAMSIZ, "if%d", ifindex);
	return buf;
}

/* ---- bridge fdb ---- */

struct fdb_filter {
	const char *br, *dev;
	int br_index, dev_index;
	unsigned int vlan, state;
	bool dynamic;
};

static const char *fdb_state_name(unsigned int s, char *buf, size_t size)
{
	if (s & NUD_PERMANENT)
		return "permanent";
	if (s & NUD_NOARP)
		return "static";
	if (s & NUD_STALE)
		return "stale";
	if (s & NUD_REACHABLE)
		return "";
	snprintf(buf, size, "state=%#x", s);
	return buf;
}

static const struct out_flag fdb_flags[] = {
	{NTF_SELF, "self"},	       {NTF_ROUTER, "router"},
	{NTF_EXT_LEARNED, "extern_learn"}, {NTF_OFFLOADED, "offload"},
	{NTF_MASTER, "master"},	       {NTF_STICKY, "sticky"},
};

static bool fdb_wanted(const struct fdb_filter *f, const struct fdb_entry *e)
{
	if (f->dev_index && f->dev_index != e->ifindex)
		return false;
	if (f->state && !(e->state & f->state))
		return false;
	if (f->vlan && f->vlan != e->vlan)
		return false;
	return !(f->dynamic && (e->state & NUD_PERMANENT));
}

static void fdb_print(const struct fdb_filter *f, const struct fdb_entry *e,
		      const struct link_list *links)
{
	char mac[3 * FDB_ADDR_MAX], name[IFNAMSIZ], state[32];
	long hz = sysconf(_SC_CLK_TCK);

	if (e->mac_len)
		printf("%s ", mac_format(e->mac, e->mac_len, mac, sizeof(mac)));
	if (!f->dev_index && e->ifindex)
		printf("dev %s ", index_name(links, e->ifindex, name));
	if (e->vlan)
		printf("vlan %hu ", (unsigned short)e->vlan);
	if (bridge_opts.stats && e->has_cacheinfo)
		printf("used %ld/%ld ", (long)e->used / hz,
		       (long)e->updated / hz);
	out_flag_words(fdb_flags, ARRAY_SIZE(fdb_flags), e->flags);
	if (e->master)
		printf("master %s ", index_name(links, e->master, name));
	printf("%s\n", fdb_state_name(e->state, state, sizeof(state)));
}

static bool fdb_learned(const struct fdb_entry *e)
{
	return e->master && !(e->flags & NTF_SELF) &&
	       !(e->state & (NUD_PERMANENT | NUD_NOARP));
}

/* A note or two on what the learner sees (nothing under --plain). */
static void fdb_notes(const struct fdb_list *l, const struct link_list *links)
{
	char mac[3 * FDB_ADDR_MAX], port[IFNAMSIZ], br[IFNAMSIZ];
	size_t learned = 0, self = 0, bridged = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct fdb_entry *e = &l->entries[i];

		self += (e->flags & NTF_SELF) != 0;
		bridged += e->master != 0;
		if (!fdb_learned(e) || ++learned > 3)
			continue;
		out_note(_("%s has learned that %s lives behind %s."),
			 index_name(links, e->master, br),
			 mac_format(e->mac, e->mac_len, mac, sizeof(mac)),
			 index_name(links, e->ifindex, port));
	}
	if (learned == 0 && bridged > 0)
		out_note(_("No address learned yet: send a ping across the "
			   "bridge and look again."));
	if (self)
		out_note(_("\"self\" lines are each device's own multicast "
			   "addresses; \"permanent\" ones are the ports' own MACs."));
}

static int fdb_state_arg(const char *arg, unsigned int *s)
{
	char *end;

	if (cmd_matches(arg, "permanent"))
		*s = NUD_PERMANENT;
	else if (cmd_matches(arg, "static") || cmd_matches(arg, "temp"))
		*s = NUD_NOARP;
	else if (cmd_matches(arg, "stale"))
		*s = NUD_STALE;
	else if (cmd_matches(arg, "reachable") || cmd_matches(arg, "dynamic"))
		*s = NUD_REACHABLE;
	else if (streq(arg, "all"))
		*s = ~0u;
	else {
		errno = 0;
		*s = strtoul(arg, &end, 0);
		if (errno || !*arg || *end)
			return -EINVAL;
	}
	return 0;
}

/* One keyword of "fdb show" (and its value); words used, or -1. */
static int fdb_show_arg(struct fdb_filter *f, int argc, char **argv)
{
	const char *key = argv[0], *val = argc > 1 ? argv[1] : NULL;
	unsigned int s;

	if (streq(key, "dynamic"))
		f->dynamic = true;
	if (!streq(key, "brport") && !streq(key, "dev") && !streq(key, "br") &&
	    !streq(key, "vlan") && !streq(key, "state"))
		return 1; /* iproute2 passes over other words */
	if (!val)
		return incomplete(), -1;
	if (streq(key, "br")) {
		f->br = val;
	} else if (streq(key, "brport") || streq(key, "dev")) {
		f->dev = val;
	} else if (streq(key, "vlan")) {
		if (f->vlan)
			return cmd_ip_duparg("vlan", val);
		f->vlan = atoi(val);
	} else if (fdb_state_arg(val, &s) < 0) {
		out_error("Error: argument \"%s\" is wrong: invalid state",
			  val);
		out_hint(_("States are permanent, static, stale, reachable "
			   "(dynamic) and all."));
		return -1;
	} else {
		f->state |= s;
	}
	return 2;
}

/* The ifindex of dev, or -1 after bridge's "Cannot find device". */
static int find_device(const struct cmd_ctx *ctx, const char *dev)
{
	int index = link_index(ctx->netns, dev);

	if (index > 0)
		return index;
	out_error("Cannot find device \"%s\"", dev);
	out_hint(_("\"ip link show\" lists the devices there are."));
	return -1;
}

static int fdb_find_devices(const struct cmd_ctx *ctx, struct fdb_filter *f)
{
	if (f->br && (f->br_index = link_index(ctx->netns, f->br)) <= 0) {
		out_error("Cannot find bridge device \"%s\"", f->br);
		out_hint(_("Make the bridge first: "
			   "ip link add %s type bridge."), f->br);
		return CMD_ERROR;
	}
	if (f->dev && (f->dev_index = find_device(ctx, f->dev)) < 0)
		return CMD_ERROR;
	return CMD_OK;
}

static int fdb_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct fdb_filter f = {0};
	struct link_list links;
	struct fdb_list l;
	int used, err;

	for (int i = 0; i < argc; i += used) {
		if (cmd_matches(argv[i], "help")) {
			print_usage(fdb_usage_text);
			return CMD_ERROR;
		}
		used = fdb_show_arg(&f, argc - i, argv + i);
		if (used < 0)
			return CMD_ERROR;
	}
	if (fdb_find_devices(ctx, &f) != CMD_OK)
		return CMD_ERROR;
	err = fdb_list(ctx->netns, f.br_index, f.dev_index, &l);
	if (err == 0 && (err = link_list(ctx->netns, &links)) < 0)
		fdb_list_free(&l);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	for (size_t i = 0; i < l.n; i++)
		if (fdb_wanted(&f, &l.entries[i]))
			fdb_print(&f, &l.entries[i], &links);
	fdb_notes(&l, &links);
	fdb_list_free(&l);
	link_list_free(&links);
	return CMD_OK;
}

static int fdb_change_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not change the fdb; it shows what the "
		    "bridge learned."));
	out_hint(_("The bridge fills its fdb by itself: ping across it, then "
		   "\"bridge fdb show\"."));
	return CMD_ERROR;
}

#define FDB_CHANGE(n) \
	{.name = n, .min_args = 0, .max_args = -1, .exec = fdb_change_exec}

static const char *const fdb_show_words[] = {
	"br", "brport", "dev", "vlan", "state", "dynamic", NULL,
};

/* iproute2's order of fdb verbs. */
static const struct cmd_entry fdb_verbs[] = {
	FDB_CHANGE("add"),
	FDB_CHANGE("append"),
	FDB_CHANGE("replace"),
	FDB_CHANGE("delete"),
	FDB_CHANGE("get"),
	{.name = "show", .alias = "list",
	 .usage = N_("bridge fdb show [ br BRDEV ] [ brport DEV ] [ vlan VID ] "
		     "[ state STATE ] [ dynamic ]"),
	 .summary = N_("the MAC addresses each bridge has learned, by port"),
	 .min_args = 0, .max_args = -1, .exec = fdb_show_exec,
	 .words = fdb_show_words},
	{.name = "lst", .min_args = 0, .max_args = -1, .exec = fdb_show_exec},
	{.name = "flush", .min_args = 0, .max_args = -1,
	 .exec = fdb_change_exec},
	{NULL},
};

static const struct cmd_table fdb_table = {
	.path = "bridge fdb",
	.unknown = N_("Command \"%s\" is unknown, try \"bridge fdb help\"."),
	.default_name = "show",
	.entries = fdb_verbs,
};

/* ---- bridge link ---- */

/* "reth1@if5: " or "beth1@reth1: "; returns whether the peer is down. */
static bool print_name_and_link(const struct bridge_port *p,
				const struct link_list *links)
{
	char buf[IFNAMSIZ];
	bool mdown = false;

	if (!p->has_link) {
		printf("%s: ", p->name);
		return false;
	}
	if (p->link == 0) {
		printf("%s@NONE: ", p->name);
	} else if (p->has_link_netnsid) {
		printf("%s@if%d: ", p->name, p->link);
	} else {
		printf("%s@%s: ", p->name, index_name(links, p->link, buf));
		for (size_t i = 0; i < links->n; i++)
			if (links->links[i].ifindex == p->link)
				mdown = !(links->links[i].flags & IFF_UP);
	}
	return mdown;
}

static void print_stp_state(int state)
{
	static const char *const names[] = {
		[BR_STATE_DISABLED] = "disabled",
		[BR_STATE_LISTENING] = "listening",
		[BR_STATE_LEARNING] = "learning",
		[BR_STATE_FORWARDING] = "forwarding",
		[BR_STATE_BLOCKING] = "blocking",
	};

	if (state >= 0 && state <= BR_STATE_BLOCKING)
		printf("state %s ", names[state]);
	else
		printf("state (%d) ", state);
}

static void print_port_details(const struct bridge_port *p,
			       const struct link_list *links)
{
	static const char *const names[BRPORT_OPT_N] = {
		"hairpin", "guard", "root_block", "fastleave", "learning",
		"learning_sync", "flood", "mcast_flood", "bcast_flood",
		"mcast_router", "mcast_to_unicast", "neigh_suppress",
		"vlan_tunnel", "backup_port", "isolated", "locked",
	};
	char buf[IFNAMSIZ];

	printf("%s    ", bridge_opts.oneline ? "\\" : "\n");
	for (int i = 0; i < BRPORT_OPT_N; i++) {
		if (!p->has_opt[i])
			continue;
		if (i == BRPORT_MCAST_ROUTER)
			printf("%s %u ", names[i], p->opt[i]);
		else if (i == BRPORT_BACKUP_PORT)
			printf("%s %s ", names[i],
			       index_name(links, p->opt[i], buf));
		else
			printf("%s %s ", names[i], p->opt[i] ? "on" : "off");
	}
}

static void print_port(const struct cmd_ctx *ctx, const struct bridge_port *p,
		       const struct link_list *links)
{
	char buf[IFNAMSIZ];
	bool mdown;

	printf("%d: ", p->ifindex);
	mdown = print_name_and_link(p, links);
	show_link_flags(p->flags, mdown);
	if (p->has_mtu)
		printf("mtu %u ", p->mtu);
	if (p->master)
		printf("master %s ", index_name(links, p->master, buf));
	if (p->state >= 0 || p->has_protinfo)
		print_stp_state(p->state);
	if (p->priority >= 0)
		printf("priority %d ", p->priority);
	if (p->cost >= 0)
		printf("cost %lld ", p->cost);
	if (p->has_protinfo && ctx->details)
		print_port_details(p, links);
	if (p->has_hwmode && p->hwmode < 2)
		printf("hwmode %s ", p->hwmode ? "VEPA" : "VEB");
	else if (p->has_hwmode)
		printf("hwmode %#x ", p->hwmode);
	putchar('\n');
}

static void link_notes(const struct bridge_port_list *l,
		       const struct link_list *links, int shown)
{
	char br[IFNAMSIZ];

	if (shown == 0) {
		out_note(_("No bridge ports here: attach one with "
			   "\"ip link set DEV master BRIDGE\"."));
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->ports[i].state >= 0 &&
		    l->ports[i].state != BR_STATE_FORWARDING)
			out_note(_("%s is not forwarding yet: a port passes "
				   "frames once it and %s are up."),
				 l->ports[i].name,
				 index_name(links, l->ports[i].master, br));
}

/* "dev DEV" into *dev; iproute2 passes over other words. */
static int link_show_args(int argc, char **argv, const char **dev)
{
	for (int i = 0; i < argc; i++) {
		if (!streq(argv[i], "dev"))
			continue;
		if (++i == argc)
			return incomplete();
		if (*dev) {
			cmd_ip_duparg("dev", argv[i]);
			return CMD_ERROR;
		}
		*dev = argv[i];
	}
	return CMD_OK;
}

static int link_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct bridge_port_list l;
	struct link_list links;
	const char *dev = NULL;
	int index = 0, err, shown = 0;

	if (link_show_args(argc, argv, &dev) != CMD_OK)
		return CMD_ERROR;
	if (dev && (index = find_device(ctx, dev)) < 0)
		return CMD_ERROR;
	err = bridge_port_list(ctx->netns, &l);
	if (err == 0 && (err = link_list(ctx->netns, &links)) < 0)
		bridge_port_list_free(&l);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	for (size_t i = 0; i < l.n; i++)
		if (!index || l.ports[i].ifindex == index) {
			print_port(ctx, &l.ports[i], &links);
			shown++;
		}
	if (!dev)
		link_notes(&l, &links, shown);
	bridge_port_list_free(&l);
	link_list_free(&links);
	return CMD_OK;
}

static int link_set_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not change bridge ports yet."));
	out_hint(_("Attach or detach a port with \"ip link set DEV master BR\" "
		   "or \"nomaster\"."));
	return CMD_ERROR;
}

static const char *const link_show_words[] = {"dev", NULL};

/* iproute2's order of link verbs. */
static const struct cmd_entry link_verbs[] = {
	{.name = "set", .alias = "change", .min_args = 0, .max_args = -1,
	 .exec = link_set_exec},
	{.name = "show", .alias = "list",
	 .usage = N_("bridge link show [ dev DEV ]"),
	 .summary = N_("the ports of every bridge and their STP state"),
	 .min_args = 0, .max_args = -1, .exec = link_show_exec,
	 .words = link_show_words},
	{.name = "lst", .min_args = 0, .max_args = -1, .exec = link_show_exec},
	{NULL},
};

static const struct cmd_table link_table = {
	.path = "bridge link",
	.unknown = N_("Command \"%s\" is unknown, try \"bridge link help\"."),
	.default_name = "show",
	.entries = link_verbs,
};

/* ---- bridge ---- */

static int bridge_not_spoken(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not speak this bridge object yet."));
	out_hint(_("nstutor's bridge knows \"fdb show\" and \"link show\"."));
	return CMD_ERROR;
}

static int bridge_help(struct cmd_ctx *ctx, int argc, char **argv)
{
	print_usage(bridge_usage_text);
	return CMD_ERROR;
}

#define NOT_SPOKEN(n) \
	{.name = n, .min_args = 0, .max_args = -1, .exec = bridge_not_spoken}

/* iproute2's order of objects, so that abbreviations match. */
static const struct cmd_entry bridge_objects[] = {
	{.name = "link", .sub = &link_table,
	 .summary = N_("bridge ports and their state")},
	{.name = "fdb", .sub = &fdb_table,
	 .summary = N_("the forwarding database: which MAC is behind which port")},
	NOT_SPOKEN("mdb"),
	NOT_SPOKEN("vlan"),
	NOT_SPOKEN("vni"),
	NOT_SPOKEN("monitor"),
	{.name = "help", .min_args = 0, .max_args = -1, .exec = bridge_help},
	{NULL},
};

static const struct cmd_table bridge_table = {
	.path = "bridge",
	.unknown = N_("Object \"%s\" is unknown, try \"bridge help\"."),
	.entries = bridge_objects,
};

static int bridge_netns(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return incomplete();
	return cmd_ip_netns_option(ctx, argv[1]);
}

/* One option of "bridge"; returns the words it used, 0 to stop (help,
 * version printed), or -1. */
static int bridge_option(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *opt = argv[0][1] == '-' ? argv[0] + 1 : argv[0];

	if (cmd_matches(opt, "-help"))
		return bridge_help(ctx, 0, NULL), -1;
	if (cmd_matches(opt, "-Version"))
		return printf("bridge utility, 6.1.0\n"), 0;
	if (cmd_matches(opt, "-stats") || cmd_matches(opt, "-statistics"))
		bridge_opts.stats = true;
	else if (cmd_matches(opt, "-details"))
		ctx->details = true;
	else if (cmd_matches(opt, "-oneline"))
		bridge_opts.oneline = true;
	else if (cmd_matches(opt, "-netns"))
		return bridge_netns(ctx, argc, argv) == CMD_OK ? 2 : -1;
	else if (cmd_matches(opt, "-json") || cmd_matches(opt, "-pretty") ||
		 cmd_matches(opt, "-batch")) {
		out_error(_("nstutor's bridge prints plain text only."));
		out_hint(_("For JSON, run the real bridge in a shell: "
			   "nstutor shell, then bridge -j fdb show."));
		return -1;
	} else if (!cmd_matches(opt, "-timestamp") && !streq(opt, "-4") &&
		   !streq(opt, "-6") && !cmd_matches(opt, "-color") &&
		   !cmd_matches(opt, "-compressvlans") &&
		   !cmd_matches(opt, "-force")) {
		out_error("Option \"%s\" is unknown, try \"bridge help\".",
			  opt);
		out_hint(_("nstutor's bridge knows -n NS, -d and -s."));
		return -1;
	}
	return 1;
}

static int bridge_exec(struct cmd_ctx *outer, int argc, char **argv)
{
	struct cmd_ctx ctx = *outer;
	int i = 0, used;

	bridge_opts = (struct bridge_opts){0};
	if (cmd_netns_gone(&ctx))
		return CMD_ERROR;
	while (i < argc && argv[i][0] == '-') {
		if (streq(argv[i], "--")) {
			i++;
			break;
		}
		used = bridge_option(&ctx, argc - i, argv + i);
		if (used <= 0)
			return used == 0 ? CMD_OK : CMD_ERROR;
		i += used;
	}
	if (i == argc)
		return bridge_help(&ctx, 0, NULL);
	return cmd_dispatch(&ctx, &bridge_table, argc - i, argv + i);
}

const struct cmd_entry cmd_bridge_entry = {
	.name = "bridge",
	.usage = N_("bridge [ -n NS | -d | -s ] { fdb | link } show"),
	.summary = N_("what a bridge has learned (fdb) and its ports (link)"),
	.min_args = 0,
	.max_args = -1,
	.exec = bridge_exec,
	.sub = &bridge_table,
	.flags = CMD_TOOL,
};
