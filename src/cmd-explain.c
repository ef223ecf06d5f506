/* cmd-explain.c: "explain": why the last ping failed, in more words. */
#include "system.h"

#include "cap.h"
#include "capture.h"
#include "cmd.h"
#include "nf-trace.h"
#include "out.h"

static const char *from_ns(const struct nf_last *l)
{
	return *l->ns ? l->ns : _("the host");
}

/* The drop line, then what it means and how a learner gets past it. */
static void explain_drop(const struct nf_last *l)
{
	const struct nf_drop *d = &l->drop;

	printf("%s\n", l->text);
	if (l->bridged)
		out_printf(_("The frame only crossed a bridge, but with "
			     "net.bridge.bridge-nf-call-iptables=1 the kernel "
			     "sends bridged IPv4 through iptables too: chain %s "
			     "decided.\n"), d->chain);
	if (d->policy)
		out_printf(_("No rule of chain %s took the packet, so the "
			     "chain's policy dropped it.  A rule that accepts "
			     "it (iptables -A %s -s NETWORK -j ACCEPT) lets it "
			     "through.\n"),
			   d->chain, d->chain);
	else
		out_printf(_("A rule of chain %s dropped it.  \"iptables -L "
			     "%s --line-numbers\" shows the rules in order; "
			     "\"iptables -D %s N\" deletes rule N.\n"),
			   d->chain, d->chain, d->chain);
}

/* The last capture, drawn: where each frame went and where it stopped. */
static void explain_ladder(const struct nf_last *l)
{
	fflush(stdout);
	if (cap_last() && cap_last()->n_frames) {
		putchar('\n');
		capture_ladder(l->kind == NF_LAST_DROPPED ? l : NULL);
	}
}

static int explain_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct nf_last *l = nf_last_get();

	switch (l->kind) {
	case NF_LAST_NONE:
		out_printf(_("Nothing to explain yet: explain tells why the "
			     "last ping failed.\n"));
		break;
	case NF_LAST_REPLIED:
		out_printf(_("The last ping from %s to %s got its replies: "
			     "nothing was dropped.\n"),
			   from_ns(l), l->target);
		break;
	case NF_LAST_DROPPED:
		explain_drop(l);
		break;
	case NF_LAST_NOT_NETFILTER:
		out_printf(_("The last ping from %s to %s lost packets, but the "
			     "trace saw no firewall rule or policy (nftables, "
			     "iptables-nft) drop them: look at routes (ip "
			     "route), ARP (ip neigh) and links that are "
			     "down.\n"),
			   from_ns(l), l->target);
		break;
	case NF_LAST_UNTRACED:
		out_printf(_("The last ping from %s to %s lost packets; nstutor "
			     "could not trace the firewall to say where.\n"),
			   from_ns(l), l->target);
		break;
	}
	if (l->kind != NF_LAST_NONE)
		explain_ladder(l);
	return CMD_OK;
}

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = N_("explain"),
	.summary = N_("say where the last failed ping was dropped, and why"),
	.min_args = 0,
	.max_args = 0,
	.exec = explain_exec,
};
