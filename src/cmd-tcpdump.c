/* cmd-tcpdump.c: the words of "tcpdump", as tcpdump 4.99 reads them.
 *
 * "tcpdump [-i DEV|any] [-c N] [-e] [-n] [-l] [-w FILE] [-Q DIR] [EXPR]"
 * is parsed with tcpdump's options and its error texts; without -i the
 * interface is the one tcpdump would choose.  Then tcpdump.c runs it in
 * the background, beside any already running.  "tcpdump stop [DEV]"
 * ends them, or those on DEV.
 */
#include "system.h"

#include <getopt.h>
#include <net/if.h>

#include "cmd.h"
#include "nl-link.h"
#include "out.h"
#include "tcpdump.h"

/* --- the words --------------------------------------------------------- */

/* tcpdump 4.99's options (nstutor's takes c e i l n Q w). */
#define TD_REAL_OPTS "aAbB:c:C:dDeE:fF:G:hHi:I:j:JKlLm:M:nNOpqQ:r:s:St" \
		     "T:uUvV:w:W:xXy:Yz:Z:#"

static void td_usage_hint(void)
{
	out_hint(_("nstutor's tcpdump takes -i DEV|any, -c COUNT, -e, -n, -l, "
		   "-w FILE and -Q in|out|inout, then a filter such as "
		   "\"icmp\"."));
}

static bool td_count(const char *arg, int *count)
{
	long v = strtol(arg, NULL, 10); /* tcpdump's atoi() */

	*count = (int)v;
	if (*count > 0)
		return true;
	out_error("tcpdump: invalid packet count %s", arg);
	out_hint(_("-c takes how many frames to print, a number above 0."));
	return false;
}

static char *td_join(int argc, char **argv)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* getopt's '?' (an option tcpdump does not know), or one of tcpdump's
 * that nstutor's does not take. */
static bool td_bad_option(int opt, char **argv)
{
	if (opt == '?' && optopt == 0)
		out_error("tcpdump: unrecognized option '%s'", argv[optind - 1]);
	else if (opt == '?')
		out_error("tcpdump: invalid option -- '%c'", optopt);
	else
		out_error(_("nstutor's tcpdump does not take -%c."), opt);
	td_usage_hint();
	return false;
}

/* The options and the filter, as tcpdump reads them (GNU getopt: the
 * options may come anywhere). */
static bool td_parse(int nwords, char **words, struct tcpdump_opts *o)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	_cleanup_free_ char **argv = calloc((size_t)nwords + 2, sizeof(*argv));
	int argc = nwords + 1, opt;

	memset(o, 0, sizeof(*o));
	if (!argv) {
		out_error("tcpdump: %s", out_strerror(ENOMEM));
		return false;
	}
	argv[0] = (char *)"tcpdump";
	memcpy(argv + 1, words, (size_t)nwords * sizeof(*argv));
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":" TD_REAL_OPTS, longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'i': o->dev = optarg; break;
		case 'c':
			if (!td_count(optarg, &o->count))
				return false;
			break;
		case 'e': o->link = true; break;
		case 'w': o->wfile = optarg; break;
		case 'n': o->numeric = true; break;
		case 'l': break;
		case 'Q':
			if (streq(optarg, "in"))
				o->dir = TCPDUMP_IN;
			else if (streq(optarg, "out"))
				o->dir = TCPDUMP_OUT;
			else if (streq(optarg, "inout"))
				o->dir = TCPDUMP_INOUT;
			else {
				out_error("tcpdump: unknown capture direction `%s'",
					  optarg);
				out_hint(_("-Q takes in, out or inout."));
				return false;
			}
			break;
		case ':':
			optopt = optopt ? optopt : '?';
			out_error("tcpdump: option requires an argument -- '%c'",
				  optopt);
			td_usage_hint();
			return false;
		default:
			return td_bad_option(opt, argv);
		}
	}
	if (optind < argc &&
	    !(o->filter = td_join(argc - optind, argv + optind))) {
		out_error("tcpdump: %s", out_strerror(ENOMEM));
		return false;
	}
	return true;
}

/* How libpcap ranks a device for pcap_findalldevs (lower first):
 * not running, not up, no carrier, loopback. */
static unsigned int td_merit(const struct link *l)
{
	bool loop = l->flags & IFF_LOOPBACK;

	return (l->flags & IFF_RUNNING ? 0 : 8) | (l->flags & IFF_UP ? 0 : 4) |
	       (loop || (l->flags & IFF_LOWER_UP) ? 0 : 2) | (loop ? 1 : 0);
}

/* tcpdump's choice without -i: the first device pcap_findalldevs lists
 * in the namespace, in ifindex order among equals; "any" (up and
 * running) comes after the real ones of its rank, before loopback. */
static int td_default_dev(const char *ns, char *buf, size_t size)
{
	struct link_list links;
	const struct link *best = NULL;
	int err = link_list(ns[0] ? ns : NULL, &links);

	if (err < 0)
		return err;
	for (size_t i = 0; i < links.n; i++)
		if (!best || td_merit(&links.links[i]) < td_merit(best))
			best = &links.links[i];
	snprintf(buf, size, "%s", best && td_merit(best) == 0 ? best->name :
								"any");
	link_list_free(&links);
	return 0;
}

/* The interface, then the run. */
static int td_start(const struct cmd_ctx *ctx, const struct tcpdump_opts *o)
{
	const char *ns = ctx->netns ? ctx->netns : "";
	char ifname[64];

	if (o->dev) {
		snprintf(ifname, sizeof(ifname), "%s", o->dev);
	} else if (td_default_dev(ns, ifname, sizeof(ifname)) < 0) {
		out_error("tcpdump: no interfaces available for capture");
		return CMD_ERROR;
	} else {
		out_note(_("No -i: tcpdump listens on the first interface "
			   "that is up, here %s."), ifname);
	}
	return tcpdump_start(ns, ifname, !o->dev, o) ? CMD_OK : CMD_ERROR;
}

/* "tcpdump stop [DEV]": all of them, or those on DEV (in the namespace
 * the command runs in, when it names one). */
static int td_stop(const struct cmd_ctx *ctx, const char *dev)
{
	char list[512];

	if (!tcpdump_running()) {
		out_error(_("No tcpdump is running."));
		return CMD_ERROR;
	}
	if (!dev) {
		tcpdump_stop();
		return CMD_OK;
	}
	tcpdump_list(list, sizeof(list));
	if (tcpdump_stop_on(ctx->netns, dev) > 0)
		return CMD_OK;
	out_error(_("No tcpdump is running on %s."), dev);
	out_hint(_("tcpdump runs on: %s; \"tcpdump stop\" ends them all."),
		 list);
	return CMD_ERROR;
}

static int tcpdump_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct tcpdump_opts o;
	int status;

	if ((argc == 1 || argc == 2) && streq(argv[0], "stop"))
		return td_stop(ctx, argc == 2 ? argv[1] : NULL);
	if (cmd_netns_gone(ctx))
		return CMD_ERROR;
	if (!td_parse(argc, argv, &o)) {
		free(o.filter);
		return CMD_ERROR;
	}
	status = td_start(ctx, &o);
	free(o.filter);
	return status;
}

static const char *const tcpdump_words[] = {
	"stop", "-i", "-c", "-e", "-n", "-l", "-w", "-Q", "any", "icmp",
	"arp", "host", "and", "or", "not", NULL
};

const struct cmd_entry cmd_tcpdump_entry = {
	.name = "tcpdump",
	.usage = N_("tcpdump [-i DEV|any] [-c COUNT] [-e] [-n] [-l] [-w FILE] "
		    "[-Q in|out|inout] [EXPRESSION] | tcpdump stop [DEV]"),
	.summary = N_("watch the frames on an interface, in the background"),
	.min_args = 0,
	.max_args = -1,
	.exec = tcpdump_exec,
	.flags = CMD_TOOL,
	.words = tcpdump_words,
};

