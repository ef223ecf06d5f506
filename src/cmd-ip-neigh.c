/* cmd-ip-neigh.c: "ip neigh": the ARP table (show, add, del, flush). */
#include "system.h"

#include <linux/neighbour.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cmd-ip.h"
#include "inet.h"
#include "netlink.h"
#include "nl-link.h"
#include "nl-neigh.h"
#include "out.h"

#ifndef NTF_EXT_MANAGED
#define NTF_EXT_MANAGED 0x1
#endif

/* iproute2's nud_state_a2n. */
static bool nud_parse(const char *s, unsigned int *state)
{
	static const struct {
		const char *name;
		unsigned int state;
		bool prefix;
	} names[] = {
		{"permanent", NUD_PERMANENT, true},
		{"reachable", NUD_REACHABLE, true},
		{"noarp", NUD_NOARP, false}, {"none", NUD_NONE, false},
		{"stale", NUD_STALE, false},
		{"incomplete", NUD_INCOMPLETE, false},
		{"delay", NUD_DELAY, false}, {"probe", NUD_PROBE, false},
		{"failed", NUD_FAILED, true},
	};
	unsigned long v;
	char *end;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].prefix ? cmd_matches(s, names[i].name) :
				      streq(s, names[i].name)) {
			*state = names[i].state;
			return true;
		}
	errno = 0;
	v = strtoul(s, &end, 0);
	if (!*s || *end || errno || v >= 0x100 || (v & (v - 1)))
		return false;
	*state = v;
	return true;
}

static void bad_nud(const char *s)
{
	out_error("Error: argument \"%s\" is wrong: nud state is bad", s);
	out_hint(_("The states are permanent, reachable, stale, noarp, "
		   "delay, probe, failed and incomplete."));
}

/* What "ip neigh add|del ..." asked for. */
struct neigh_args {
	struct neigh n;
	const char *dev, *lladdr;
	bool dst_ok;
};

static bool parse_neigh_dst(const struct cmd_ctx *ctx, struct neigh_args *a,
			    int argc, char **argv, int *i)
{
	struct inet_prefix p;

	if (streq(argv[*i], "to") && !cmd_ip_next_arg(i, argc))
		return false;
	if (a->dst_ok) {
		cmd_ip_garbage("to", argv[*i]);
		out_hint(_("An entry has one address; the other words are "
			   "keywords like lladdr, dev and nud."));
		return false;
	}
	if (inet_addr_parse(argv[*i], cmd_ip_family(ctx), &p) < 0) {
		cmd_ip_expected(cmd_ip_family(ctx), "address", argv[*i]);
		out_hint(_("Write the neighbour's IP address, like "
			   "11.11.11.3."));
		return false;
	}
	a->n.family = p.family;
	a->n.dst_len = p.bytelen;
	memcpy(a->n.dst, p.addr, p.bytelen);
	a->dst_ok = true;
	return true;
}

static bool parse_neigh_word(const struct cmd_ctx *ctx, struct neigh_args *a,
			     int argc, char **argv, int *i)
{
	const char *w = argv[*i];

	if (cmd_matches(w, "lladdr")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		if (a->lladdr) {
			cmd_ip_duparg("lladdr", argv[*i]);
			out_hint(_("Give lladdr once."));
			return false;
		}
		a->lladdr = argv[*i];
	} else if (streq(w, "nud")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		if (!nud_parse(argv[*i], &a->n.state)) {
			bad_nud(argv[*i]);
			return false;
		}
	} else if (streq(w, "router")) {
		a->n.flags |= NTF_ROUTER;
	} else if (streq(w, "dev")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		a->dev = argv[*i];
	} else {
		return parse_neigh_dst(ctx, a, argc, argv, i);
	}
	return true;
}

static int parse_neigh(const struct cmd_ctx *ctx, int argc, char **argv,
		       struct neigh_args *a)
{
	*a = (struct neigh_args){.n.state = NUD_PERMANENT,
				 .n.lladdr_len = -1};
	for (int i = 0; i < argc; i++)
		if (!parse_neigh_word(ctx, a, argc, argv, &i))
			return CMD_ERROR;
	if (!a->dev || !a->dst_ok) {
		out_error("Device and destination are required arguments.");
		out_hint(_("Name both, like: ip neigh add 11.11.11.3 lladdr "
			   "7a:3c:11:22:33:44 dev veth0"));
		return CMD_ERROR;
	}
	if (a->lladdr && !streq(a->lladdr, "null")) {
		a->n.lladdr_len = cmd_ip_lladdr(a->lladdr, a->n.lladdr, 20);
		if (a->n.lladdr_len < 0)
			return CMD_ERROR;
	}
	a->n.ifindex = cmd_ip_dev_index(ctx, a->dev);
	return a->n.ifindex < 0 ? CMD_ERROR : CMD_OK;
}

static void neigh_error_hint(enum neigh_op op, int err)
{
	const char *msg = netlink_ext_msg();

	if (msg && strstr(msg, "link layer address"))
		out_hint(_("Give the neighbour's MAC address: lladdr "
			   "7a:3c:11:22:33:44."));
	else if (msg && strstr(msg, "link address"))
		out_hint(_("The MAC address is too short for this device: "
			   "give six bytes."));
	else if (err == -EEXIST)
		out_hint(_("That neighbour is already in the table; \"ip "
			   "neigh replace\" changes it."));
	else if (err == -ENOENT && op == NEIGH_DELETE)
		out_hint(_("There is no such entry on that device; see them "
			   "with \"ip neigh show\"."));
	else
		out_hint(_("See the table with \"ip neigh show\"."));
}

/* Is there an entry (in any state, even NONE) for n's address on its
 * device? */
static bool neigh_exists(const char *ns, const struct neigh *n)
{
	struct neigh_list list;
	bool found = false;

	if (neigh_list(ns, n->family, &list) < 0)
		return true; /* unknown: never undo */
	for (size_t i = 0; i < list.n && !found; i++)
		found = list.neighs[i].ifindex == n->ifindex &&
			list.neighs[i].dst_len == n->dst_len &&
			!memcmp(list.neighs[i].dst, n->dst, n->dst_len);
	neigh_list_free(&list);
	return found;
}

static int neigh_modify(struct cmd_ctx *ctx, enum neigh_op op, int argc,
			char **argv)
{
	struct neigh_args a;
	bool existed = true;
	int err;

	if (parse_neigh(ctx, argc, argv, &a) != CMD_OK)
		return CMD_ERROR;
	if (op != NEIGH_DELETE)
		existed = neigh_exists(ctx->netns, &a.n);
	err = neigh_change(ctx->netns, op, &a.n);
	if (err < 0) {
		cmd_netlink_error(err);
		neigh_error_hint(op, err);
		/* The kernel makes the entry before it checks the lladdr
		 * and keeps it, empty: take it away again. */
		if (!existed)
			neigh_change(ctx->netns, NEIGH_DELETE, &a.n);
		return CMD_ERROR;
	}
	return CMD_OK;
}

static int neigh_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	return neigh_modify(ctx, NEIGH_ADD, argc, argv);
}

static int neigh_change_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	return neigh_modify(ctx, NEIGH_CHANGE, argc, argv);
}

static int neigh_replace(struct cmd_ctx *ctx, int argc, char **argv)
{
	return neigh_modify(ctx, NEIGH_REPLACE, argc, argv);
}

static int neigh_delete(struct cmd_ctx *ctx, int argc, char **argv)
{
	return neigh_modify(ctx, NEIGH_DELETE, argc, argv);
}

/* ---- show and flush ---- */

struct neigh_filter {
	int family;
	int ifindex;	    /* 0: every device */
	unsigned int state; /* NUD_* bits, 0x100: NUD_NONE */
	bool state_given;
	struct inet_prefix pfx;
	bool has_pfx;
};

static bool parse_filter_nud(struct neigh_filter *f, const char *s,
			     bool flush)
{
	unsigned int state;

	if (!f->state_given) {
		f->state_given = true;
		f->state = 0;
	}
	if (!nud_parse(s, &state)) {
		if (!streq(s, "all")) {
			bad_nud(s);
			return false;
		}
		state = flush ? ~(unsigned int)NUD_NOARP : ~0u;
	}
	f->state |= state ? state : 0x100;
	return true;
}

static bool parse_filter_pfx(struct neigh_filter *f, const char *s)
{
	if (streq(s, "all") || streq(s, "any") || streq(s, "default")) {
		f->pfx = (struct inet_prefix){.family = f->family};
		f->has_pfx = false;
		return true;
	}
	if (inet_prefix_parse(s, f->family, &f->pfx) < 0) {
		cmd_ip_expected(f->family, "prefix", s);
		out_hint(_("Write an address or a network, like 11.11.11.0/24, "
			   "or \"all\"."));
		return false;
	}
	f->has_pfx = true;
	if (f->family == AF_UNSPEC)
		f->family = f->pfx.family;
	return true;
}

static bool parse_filter_word(const struct cmd_ctx *ctx, struct neigh_filter *f,
			      bool flush, int argc, char **argv, int *i)
{
	const char *w = argv[*i];

	if (streq(w, "dev")) {
		if (!cmd_ip_next_arg(i, argc))
			return false;
		if (f->ifindex) {
			cmd_ip_duparg("dev", argv[*i]);
			return false;
		}
		f->ifindex = cmd_ip_dev_index(ctx, argv[*i]);
		return f->ifindex > 0;
	}
	if (streq(w, "nud"))
		return cmd_ip_next_arg(i, argc) &&
		       parse_filter_nud(f, argv[*i], flush);
	if (streq(w, "to") && !cmd_ip_next_arg(i, argc))
		return false;
	return parse_filter_pfx(f, argv[*i]);
}

static int parse_filter(const struct cmd_ctx *ctx, bool flush, int argc,
			char **argv, struct neigh_filter *f)
{
	*f = (struct neigh_filter){.family = cmd_ip_family(ctx)};
	f->state = flush ? ~(unsigned int)(NUD_PERMANENT | NUD_NOARP) :
			   0xFF & ~NUD_NOARP;
	for (int i = 0; i < argc; i++)
		if (!parse_filter_word(ctx, f, flush, argc, argv, &i))
			return CMD_ERROR;
	return CMD_OK;
}

static bool neigh_matches(const struct neigh_filter *f, const struct neigh *n)
{
	if (n->family != AF_INET && n->family != AF_INET6)
		return false;
	if (f->family && f->family != n->family)
		return false;
	if (f->ifindex && f->ifindex != n->ifindex)
		return false;
	if (!(f->state & n->state) && !(n->flags & NTF_PROXY) &&
	    !(n->flags & NTF_EXT_LEARNED) && (n->state || !(f->state & 0x100)))
		return false;
	if (f->has_pfx && f->pfx.prefixlen > 0)
		return n->dst_len == f->pfx.bytelen &&
		       inet_bits_match(n->dst, f->pfx.addr, f->pfx.prefixlen);
	return true;
}

static const struct out_flag nud_names[] = {
	{NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_REACHABLE, "REACHABLE"},
	{NUD_STALE, "STALE"}, {NUD_DELAY, "DELAY"},
	{NUD_PROBE, "PROBE"}, {NUD_FAILED, "FAILED"},
	{NUD_NOARP, "NOARP"}, {NUD_PERMANENT, "PERMANENT"},
};

/* ip -br neigh: address, device and lladdr in columns. */
static void print_neigh_brief(const char *ns, const struct neigh *n,
			      bool no_dev)
{
	char a[INET6_ADDRSTRLEN], dev[IFNAMSIZ], ll[3 * NEIGH_LLADDR_MAX];

	if (n->dst_len)
		printf("%-39s ", inet_format(n->family, n->dst, a, sizeof(a)));
	if (!no_dev && n->ifindex) {
		link_name(ns, n->ifindex, dev);
		printf("%-16s ", dev);
	}
	if (n->lladdr_len >= 0)
		fputs(mac_format(n->lladdr, n->lladdr_len, ll, sizeof(ll)),
		      stdout);
	putchar('\n');
}

static void print_neigh(const char *ns, const struct neigh *n, bool no_dev)
{
	char a[INET6_ADDRSTRLEN], dev[IFNAMSIZ], ll[3 * NEIGH_LLADDR_MAX];

	if (n->dst_len)
		printf("%s ", inet_format(n->family, n->dst, a, sizeof(a)));
	if (!no_dev && n->ifindex) {
		link_name(ns, n->ifindex, dev);
		printf("dev %s ", dev);
	}
	if (n->lladdr_len >= 0)
		printf("lladdr %s ", mac_format(n->lladdr, n->lladdr_len, ll,
						sizeof(ll)));
	if (n->flags & NTF_ROUTER)
		printf("router ");
	if (n->flags & NTF_PROXY)
		printf("proxy ");
	if (n->ext_flags & NTF_EXT_MANAGED)
		printf("managed ");
	if (n->flags & NTF_EXT_LEARNED)
		printf("extern_learn ");
	if (n->flags & NTF_OFFLOADED)
		printf("offload ");
	out_flag_words(nud_names, ARRAY_SIZE(nud_names), n->state);
	if (n->protocol)
		printf("proto %u ", n->protocol);
	putchar('\n');
}

static void neigh_notes(unsigned int states, size_t shown)
{
	if (shown == 0) {
		out_note(_("the ARP table is empty: no neighbour's address was "
			   "asked for here lately (a ping to one fills it)"));
		return;
	}
	if (states & NUD_REACHABLE)
		out_note(_("REACHABLE: the neighbour answered an ARP request "
			   "moments ago"));
	if (states & NUD_STALE)
		out_note(_("STALE: the MAC address is remembered but not "
			   "confirmed lately; the next packet checks it "
			   "again"));
	if (states & (NUD_FAILED | NUD_INCOMPLETE))
		out_note(_("FAILED / INCOMPLETE: nobody answered the ARP "
			   "request for that address"));
	if (states & NUD_PERMANENT)
		out_note(_("PERMANENT: added by hand; the kernel never "
			   "forgets or checks it"));
}

static int neigh_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct neigh_filter f;
	struct neigh_list list;
	unsigned int states = 0;
	size_t shown = 0;
	int err;

	if (parse_filter(ctx, false, argc, argv, &f) != CMD_OK)
		return CMD_ERROR;
	err = neigh_list(ctx->netns, f.family, &list);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	for (size_t i = 0; i < list.n; i++) {
		if (!neigh_matches(&f, &list.neighs[i]))
			continue;
		if (ctx->brief)
			print_neigh_brief(ctx->netns, &list.neighs[i],
					  f.ifindex != 0);
		else
			print_neigh(ctx->netns, &list.neighs[i],
				    f.ifindex != 0);
		states |= list.neighs[i].state;
		shown++;
	}
	neigh_notes(states, shown);
	neigh_list_free(&list);
	return CMD_OK;
}

/* One round of flushing; the number of entries deleted, or -errno. */
static int neigh_flush_round(const struct cmd_ctx *ctx,
			     const struct neigh_filter *f)
{
	struct neigh_list list;
	int err, deleted = 0;

	err = neigh_list(ctx->netns, f->family, &list);
	for (size_t i = 0; err == 0 && i < list.n; i++) {
		if (!neigh_matches(f, &list.neighs[i]))
			continue;
		err = neigh_change(ctx->netns, NEIGH_DELETE, &list.neighs[i]);
		if (err == -ENOENT)
			err = 0;
		else if (err == 0)
			deleted++;
	}
	neigh_list_free(&list);
	return err < 0 ? err : deleted;
}

static int neigh_flush(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct neigh_filter f;
	int n = 1;

	if (argc == 0) {
		out_error("Flush requires arguments.");
		out_hint(_("Say what to forget: \"ip neigh flush dev veth0\" "
			   "or \"ip neigh flush all\"."));
		return CMD_ERROR;
	}
	if (parse_filter(ctx, true, argc, argv, &f) != CMD_OK)
		return CMD_ERROR;
	for (int round = 0; round < 10 && n > 0; round++) {
		n = neigh_flush_round(ctx, &f);
		f.state &= ~NUD_FAILED;
	}
	if (n < 0) {
		cmd_netlink_error(n);
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* ---- the table, in iproute2's order (for abbreviations) ---- */

static const char *const modify_words[] = {
	"lladdr", "dev", "nud", "permanent", "reachable", "stale", "noarp",
	"router", NULL,
};

static const char *const show_words[] = {"dev", "nud", "all", "to", NULL};

static const char neigh_usage[] =
	N_("ip neigh { add | change | replace } ADDRESS lladdr MAC dev DEV\n"
	   "         [ nud { permanent | reachable | stale | noarp } ]");

/* Only "add" shows the syntax in help: the other verbs take the same. */
#define MODIFY(n, a, use, sum, fn)                                          \
	{.name = n, .alias = a, .usage = use, .summary = sum, .min_args = 0, \
	 .max_args = -1, .exec = fn, .words = modify_words}

static const struct cmd_entry entries[] = {
	MODIFY("add", NULL, neigh_usage, N_("add an entry to the ARP table"),
	       neigh_add),
	MODIFY("change", "chg", NULL, N_("change an entry that is there"),
	       neigh_change_cmd),
	MODIFY("replace", NULL, NULL, N_("add an entry, or change it"),
	       neigh_replace),
	{.name = "delete", .usage = N_("ip neigh delete ADDRESS dev DEV"),
	 .summary = N_("remove an entry"), .min_args = 0, .max_args = -1,
	 .exec = neigh_delete, .words = modify_words},
	{.name = "show", .alias = "list",
	 .usage = N_("ip neigh show [ dev DEV ] [ nud STATE ] [ PREFIX ]"),
	 .summary = N_("list the ARP table"), .min_args = 0, .max_args = -1,
	 .exec = neigh_show, .words = show_words},
	{.name = "lst", .min_args = 0, .max_args = -1, .exec = neigh_show,
	 .words = show_words},
	{.name = "flush",
	 .usage = N_("ip neigh flush { dev DEV | all | PREFIX } [ nud STATE ]"),
	 .summary = N_("forget the learnt entries (not permanent ones)"),
	 .min_args = 0, .max_args = -1, .exec = neigh_flush,
	 .words = show_words},
	{NULL},
};

const struct cmd_table cmd_ip_neigh_table = {
	.path = "ip neigh",
	.unknown = N_("Command \"%s\" is unknown, try \"ip neigh help\"."),
	.default_name = "show",
	.entries = entries,
};
