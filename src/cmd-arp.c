/* cmd-arp.c: "arp [-n] [-a|-e] [-v] [-i DEV] [ADDRESS]", as net-tools 2.10.
 *
 * net-tools' arp reads /proc/net/arp; nstutor reads the same entries
 * from the namespace's ARP table through neigh_list() (what "ip neigh"
 * and the grader read) and prints them in arp's two layouts: the Linux
 * one (the default, and -e) and the BSD one (-a).  Without -n the real
 * arp looks names up; nstutor never asks DNS, so its lines are those of
 * an address whose name cannot be found: the address itself, or "?"
 * before it in the BSD layout.  Changing the table (-s, -d, -f) is
 * left to "ip neigh".
 */
#include "system.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <linux/neighbour.h>
#include <net/if_arp.h>

#include "cmd.h"
#include "inet.h"
#include "netns.h"
#include "nl-link.h"
#include "nl-neigh.h"
#include "out.h"

/* the kernel's NUD_VALID: the entry has a usable MAC address */
#define ARP_NUD_VALID (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | \
		       NUD_PROBE | NUD_STALE | NUD_DELAY)

struct arp_opts {
	bool bsd;	    /* -a: "? (ADDR) at MAC [ether] on DEV" */
	bool linux_style;   /* -e */
	bool verbose;	    /* -v */
	bool hw_set;	    /* -H ether */
	const char *device; /* -i */
	const char *name;   /* the address typed, or NULL */
	char host[INET_ADDRSTRLEN]; /* it, as arp prints it */
};

/* One line of /proc/net/arp, as the kernel would write it. */
struct arp_entry {
	char ip[INET_ADDRSTRLEN];
	char hwa[3 * NEIGH_LLADDR_MAX];
	char dev[IFNAMSIZ];
	const char *hwtype; /* net-tools' name of the device's type */
	bool complete;	    /* ATF_COM */
	bool permanent;	    /* ATF_PERM */
};

static const char arp_usage_text[] =
	"Usage:\n"
	"  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n"
	"  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry\n"
	"  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file\n"
	"  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry\n"
	"  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-\n"
	"\n"
	"        -a                       display (all) hosts in alternative (BSD) style\n"
	"        -e                       display (all) hosts in default (Linux) style\n"
	"        -s, --set                set a new ARP entry\n"
	"        -d, --delete             delete a specified entry\n"
	"        -v, --verbose            be verbose\n"
	"        -n, --numeric            don't resolve names\n"
	"        -i, --device             specify network interface (e.g. eth0)\n"
	"        -D, --use-device         read <hwaddr> from given device\n"
	"        -A, -p, --protocol       specify protocol family\n"
	"        -f, --file               read new entries from file or from /etc/ethers\n"
	"\n"
	"  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n"
	"  List of possible hardware types (which support ARP):\n"
	"    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n"
	"    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n"
	"    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n"
	"    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) \n";

static void arp_usage(void)
{
	fflush(stdout);
	fputs(arp_usage_text, stderr);
}

static void arp_usage_hint(void)
{
	out_hint(_("nstutor's arp shows the ARP table: arp -n, arp -a, "
		   "arp -n -i DEV or arp -n ADDRESS."));
}

/* -s, -d, -f: the real arp changes the table; nstutor's leaves that to
 * ip neigh. */
static bool arp_refuse_change(char opt)
{
	out_error(_("nstutor's arp does not change the ARP table (-%c)."),
		  opt);
	out_hint(_("Use ip neigh: \"ip neigh add 11.11.11.3 lladdr "
		   "7a:3c:11:22:33:44 dev veth0\" or \"ip neigh del "
		   "11.11.11.3 dev veth0\"."));
	return false;
}

static bool arp_protocol(const char *af)
{
	if (streq(af, "inet"))
		return true;
	if (streq(af, "inet6"))
		out_error("arp: %s: kernel only supports 'inet'.", af);
	else
		out_error("arp: %s: unknown address family.", af);
	out_hint(_("arp is about IPv4; \"ip -6 neigh\" shows the IPv6 "
		   "neighbours."));
	return false;
}

static bool arp_hw_type(struct arp_opts *o, const char *hw)
{
	if (streq(hw, "ether")) {
		o->hw_set = true;
		return true;
	}
	if (streq(hw, "loop"))
		out_error("arp: %s: hardware type without ARP support.", hw);
	else
		out_error("arp: %s: unknown hardware type.", hw);
	out_hint(_("The lab's links are Ethernet: -H ether."));
	return false;
}

static bool arp_bad_option(int opt, char **argv)
{
	if (opt == ':')
		out_error("arp: option requires an argument -- '%c'", optopt);
	else if (optopt == 0)
		out_error("arp: unrecognized option '%s'", argv[optind - 1]);
	else
		out_error("arp: invalid option -- '%c'", optopt);
	arp_usage();
	arp_usage_hint();
	return false;
}

/* One option; false when the command ends here. */
static bool arp_option(struct arp_opts *o, int opt, char **argv, bool *done)
{
	switch (opt) {
	case 'a': o->bsd = true; break;
	case 'e': o->linux_style = true; break;
	case 'n': break; /* nstutor never looks names up */
	case 'v': o->verbose = true; break;
	case 'i': o->device = optarg; break;
	case 'A': case 'p': return arp_protocol(optarg);
	case 'H': case 't': return arp_hw_type(o, optarg);
	case 'N':
		fflush(stdout);
		fputs("arp: -N not yet supported.\n", stderr);
		break;
	case 'd': case 's': case 'f': case 'D':
		return arp_refuse_change((char)opt);
	case 'V':
		fflush(stdout);
		fputs("net-tools 2.10\n", stderr);
		*done = true;
		return false;
	case 'h':
		arp_usage();
		*done = true;
		return false;
	default:
		return arp_bad_option(opt, argv);
	}
	return true;
}

/* Reads arp's options (GNU getopt: anywhere on the line) and the
 * address after them.  *done: -h or -V said all there was to say. */
static bool arp_parse(int nwords, char **words, struct arp_opts *o,
		      bool *done)
{
	static const struct option longopts[] = {
		{"verbose", 0, NULL, 'v'}, {"version", 0, NULL, 'V'},
		{"all", 0, NULL, 'a'},	   {"delete", 0, NULL, 'd'},
		{"file", 0, NULL, 'f'},	   {"numeric", 0, NULL, 'n'},
		{"set", 0, NULL, 's'},	   {"protocol", 1, NULL, 'A'},
		{"hw-type", 1, NULL, 'H'}, {"device", 1, NULL, 'i'},
		{"help", 0, NULL, 'h'},	   {"use-device", 0, NULL, 'D'},
		{"symbolic", 0, NULL, 'N'}, {NULL, 0, NULL, 0},
	};
	_cleanup_free_ char **argv = calloc((size_t)nwords + 2, sizeof(*argv));
	int argc = nwords + 1, opt;

	*o = (struct arp_opts){0};
	*done = false;
	if (!argv)
		return false;
	argv[0] = (char *)"arp";
	memcpy(argv + 1, words, (size_t)nwords * sizeof(*argv));
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":A:H:adfp:nsei:t:vhDNV",
				  longopts, NULL)) != -1)
		if (!arp_option(o, opt, argv, done))
			return false;
	if (optind < argc)
		o->name = argv[optind]; /* arp looks at the first one only */
	return true;
}

/* The address typed, the way arp compares it with the table's. */
static bool arp_host(struct arp_opts *o)
{
	struct in_addr a;

	if (!o->name)
		return true;
	if (inet_aton(o->name, &a)) {
		inet_ntop(AF_INET, &a, o->host, sizeof(o->host));
		return true;
	}
	out_error("%s: Unknown host", o->name);
	out_hint(_("nstutor never asks DNS (no packet leaves the machine): "
		   "give an address, like 11.11.11.3."));
	return false;
}

/* net-tools' name for a device type (its hw table); ether otherwise. */
static const char *arp_hw_name(unsigned int arptype)
{
	switch (arptype) {
	case ARPHRD_LOOPBACK: return "loop";
	case ARPHRD_PPP: return "ppp";
	case ARPHRD_TUNNEL: return "tunnel";
	case ARPHRD_SIT: return "sit";
	case ARPHRD_INFINIBAND: return "infiniband";
	default: return "ether";
	}
}

static void arp_entry_fill(const struct neigh *n, const struct link *l,
			   struct arp_entry *e)
{
	*e = (struct arp_entry){0};
	inet_ntop(AF_INET, n->dst, e->ip, sizeof(e->ip));
	snprintf(e->dev, sizeof(e->dev), "%s", l ? l->name : "?");
	e->hwtype = arp_hw_name(l ? l->arptype : ARPHRD_ETHER);
	e->complete = n->state & ARP_NUD_VALID;
	e->permanent = n->state & NUD_PERMANENT;
	if (n->lladdr_len > 0)
		mac_format(n->lladdr, n->lladdr_len, e->hwa, sizeof(e->hwa));
}

/* arp's default layout (arp_disp_2). */
static void arp_print_linux(const struct arp_entry *e, bool *title)
{
	char flags[4] = "";

	if (!*title) {
		printf("Address                  HWtype  HWaddress           "
		       "Flags Mask            Iface\n");
		*title = true;
	}
	if (e->complete)
		strcat(flags, "C");
	if (e->permanent)
		strcat(flags, "M");
	printf("%-23.23s  ", e->ip);
	if (e->complete)
		printf("%-8.8s%-20.20s", e->hwtype, e->hwa);
	else
		printf("%-8.8s%-20.20s", "", "(incomplete)");
	printf("%-6.6s%-15.15s %s\n", flags, "", e->dev);
}

/* arp -a's layout (arp_disp); "?" is the name arp prints when it has
 * none. */
static void arp_print_bsd(const struct arp_entry *e)
{
	printf("? (%s) at ", e->ip);
	if (e->complete)
		printf("%s [%s] ", e->hwa, e->hwtype);
	else
		printf("<incomplete> ");
	if (e->permanent)
		printf("PERM ");
	printf("on %s\n", e->dev);
}

/* Is the entry one /proc/net/arp lists (not NOARP- or NONE-only)? */
static bool arp_listed(const struct neigh *n)
{
	return n->family == AF_INET && n->dst_len == 4 &&
	       (n->state & ~NUD_NOARP);
}

static bool arp_wanted(const struct arp_opts *o, const struct arp_entry *e,
		       unsigned int arptype)
{
	if (o->hw_set && arptype != ARPHRD_ETHER)
		return false;
	if (o->name && !streq(e->ip, o->host))
		return false;
	return !o->device || streq(e->dev, o->device);
}

/* What the shown entries' marks mean (notes: gone under --plain). */
static void arp_notes(const struct arp_opts *o, bool incomplete, bool perm,
		      int shown, const char *ns)
{
	if (shown == 0 && !o->name && !o->device && !o->hw_set)
		out_note(_("the ARP table is empty: no neighbour's address was "
			   "asked for here lately (a ping to one fills it)"));
	if (shown == 0 && o->device && link_index(ns, o->device) < 0)
		out_note(_("There is no device %s in %s."), o->device,
			 netns_label(ns));
	if (incomplete)
		out_note(_("(incomplete): nobody answered the ARP request for "
			   "that address"));
	if (perm)
		out_note(_("Flags C: the MAC address is known; M: a permanent "
			   "entry, added by hand (ip neigh add ... nud "
			   "permanent)"));
}

static void arp_show(const char *ns, const struct arp_opts *o,
		     const struct neigh_list *neighs,
		     const struct link_list *links)
{
	bool title = false, incomplete = false, perm = false;
	int entries = 0, shown = 0;

	for (size_t i = 0; i < neighs->n; i++) {
		const struct neigh *n = &neighs->neighs[i];
		const struct link *l = link_list_find(links, n->ifindex);
		struct arp_entry e;

		if (!arp_listed(n))
			continue;
		entries++;
		arp_entry_fill(n, l, &e);
		if (!arp_wanted(o, &e, l ? l->arptype : ARPHRD_ETHER))
			continue;
		shown++;
		incomplete |= !e.complete;
		perm |= e.permanent;
		if (o->linux_style || !o->bsd)
			arp_print_linux(&e, &title);
		else
			arp_print_bsd(&e);
	}
	if (o->verbose)
		printf("Entries: %d\tSkipped: %d\tFound: %d\n", entries,
		       entries - shown, shown);
	if (!shown && o->name && !o->bsd)
		printf("%s (%s) -- no entry\n", o->name, o->host);
	else if (!shown && (o->hw_set || o->name || o->device))
		printf("arp: in %d entries no match found.\n", entries);
	arp_notes(o, incomplete, perm, shown, ns);
}

static int arp_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct neigh_list neighs;
	struct link_list links;
	struct arp_opts o;
	bool done;
	int err;

	if (!arp_parse(argc, argv, &o, &done))
		return done ? CMD_OK : CMD_ERROR;
	if (!arp_host(&o) || cmd_netns_gone(ctx))
		return CMD_ERROR;
	err = neigh_list(ctx->netns, AF_INET, &neighs);
	if (err < 0) {
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	err = link_list(ctx->netns, &links);
	if (err < 0) {
		neigh_list_free(&neighs);
		cmd_netlink_error(err);
		return CMD_ERROR;
	}
	arp_show(ctx->netns, &o, &neighs, &links);
	link_list_free(&links);
	neigh_list_free(&neighs);
	return CMD_OK;
}

static const char *const arp_words[] = {"-n", "-a", "-e", "-v", "-i", NULL};

const struct cmd_entry cmd_arp_entry = {
	.name = "arp",
	.usage = N_("arp [-n] [-a|-e] [-v] [-i DEV] [ADDRESS]"),
	.summary = N_("the ARP table of a namespace, as net-tools' arp "
		      "prints it"),
	.min_args = 0,
	.max_args = -1,
	.exec = arp_exec,
	.flags = CMD_TOOL,
	.words = arp_words,
};
