/* cmd-reset.c: "reset" (and "nstutor reset"): removes what nstutor made
 * in this world, as its journal says, and nothing else. */
#include "system.h"

#include "changes.h"
#include "cmd.h"
#include "netns.h"
#include "out.h"
#include "reset.h"
#include "session.h"
#include "tutor.h"

/* "Removed links: veth0, veth1" */
static void print_part(const struct reset_report *rep, enum reset_part p,
		       const char *title)
{
	if (rep->n[p] == 0)
		return;
	fputs(title, stdout);
	for (size_t i = 0; i < rep->n[p]; i++)
		printf("%s%s", i ? ", " : " ", rep->items[p][i]);
	putchar('\n');
}

static void print_left_alone(const struct reset_report *rep)
{
	const char *sep = " ";

	if (!rep->n[RESET_LEFT_NETNS] && !rep->n[RESET_LEFT_LINK])
		return;
	fputs(_("Left alone (not made by nstutor):"), stdout);
	for (size_t i = 0; i < rep->n[RESET_LEFT_NETNS]; i++, sep = ", ") {
		fputs(sep, stdout);
		printf(_("namespace %s"), rep->items[RESET_LEFT_NETNS][i]);
	}
	for (size_t i = 0; i < rep->n[RESET_LEFT_LINK]; i++, sep = ", ") {
		fputs(sep, stdout);
		printf(_("link %s"), rep->items[RESET_LEFT_LINK][i]);
	}
	putchar('\n');
}

static void print_report(const struct reset_report *rep)
{
	bool done = false;

	for (int p = 0; p < RESET_LEFT_NETNS; p++)
		done = done || rep->n[p];
	if (!done && !rep->failures)
		puts(rep->journal_empty ?
			     _("Nothing to reset: nstutor has made nothing in "
			       "this world.") :
			     _("Nothing to reset: what nstutor made is gone "
			       "already."));
	print_part(rep, RESET_NETNS, _("Removed namespaces:"));
	print_part(rep, RESET_LINK, _("Removed links:"));
	print_part(rep, RESET_ADDR, _("Removed addresses:"));
	print_part(rep, RESET_ROUTE, _("Removed routes:"));
	print_part(rep, RESET_NEIGH, _("Removed neighbour entries:"));
	print_part(rep, RESET_MOVED_BACK, _("Put back links:"));
	print_part(rep, RESET_SYSCTL, _("Put back:"));
	print_part(rep, RESET_FW_RULE, _("Removed firewall rules:"));
	print_part(rep, RESET_FW_CHAIN, _("Removed firewall chains and tables:"));
	print_part(rep, RESET_FW_POLICY, _("Put back policies:"));
	print_left_alone(rep);
}

/* The learner may be inside a namespace reset deleted. */
static void leave_deleted_netns(void)
{
	const char *ns = session_netns();

	if (!ns || netns_exists(ns))
		return;
	out_note(_("%s is gone, so you are back in the host namespace."), ns);
	session_enter(NULL);
}

static int reset_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct reset_report rep;
	int ret;

	if (argc == 1 && !streq(argv[0], "yes")) {
		out_error(_("reset: unknown word \"%s\""), argv[0]);
		out_hint(_("Type \"reset\", or \"reset yes\" to skip the "
			   "question in a lesson."));
		return CMD_ERROR;
	}
	/* in a lesson at the terminal, undoing it all is asked first */
	if (tutor_active() && argc == 0 && isatty(STDIN_FILENO)) {
		out_note(_("reset undoes everything nstutor made in this world "
			   "and starts the lesson again from its first step. "
			   "Type \"reset yes\" to do it."));
		return CMD_OK;
	}
	if (reset_world(NULL, &rep) < 0)
		return CMD_ERROR;
	print_report(&rep);
	changes_hush(); /* the report already says what went */
	ret = rep.failures ? CMD_ERROR : CMD_OK;
	reset_report_free(&rep);
	leave_deleted_netns();
	tutor_after_reset();
	return ret;
}

const struct cmd_entry cmd_reset_entry = {
	.name = "reset",
	.usage = N_("reset [yes]"),
	.summary = N_("remove what nstutor made in this world, and nothing "
		      "else"),
	.min_args = 0, .max_args = 1, .exec = reset_exec,
};
