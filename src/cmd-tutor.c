/* cmd-tutor.c: the tutor's own commands: help, enter, leave, quit,
 * exit. */
#include "system.h"

#include "cmd.h"
#include "out.h"
#include "session.h"

static int help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_table *t = &cmd_root;
	const struct cmd_entry *e = NULL;

	if (argc == 0) {
		printf(_("nstutor speaks these commands (help COMMAND for more):\n"));
		cmd_table_help(t);
		return CMD_OK;
	}
	for (int i = 0; i < argc; i++) {
		e = cmd_find(t, argv[i]);
		if (!e) {
			out_error(_("help: no command \"%s\""), argv[i]);
			out_hint(_("Type \"help\" to see the commands nstutor knows."));
			return CMD_ERROR;
		}
		if (!e->sub || i == argc - 1)
			break;
		t = e->sub;
	}
	printf("%s - %s\n", e->name, e->summary ? _(e->summary) : "");
	if (e->usage && *e->usage)
		printf(_("Usage: %s\n"), _(e->usage));
	if (e->sub)
		cmd_table_help(e->sub);
	return CMD_OK;
}

static int enter_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (cmd_netns_missing(argv[0]))
		return CMD_ERROR;
	return session_enter(argv[0]) < 0 ? CMD_ERROR : CMD_OK;
}

static int leave_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	session_enter(NULL);
	return CMD_OK;
}

static int quit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	ctx->quit = true;
	return CMD_OK;
}

/* exit: inside "enter NS", back to the host, as the tutorials' nested
 * shells come back; at the top, out of nstutor (or the script). */
static int exit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *ns = session_netns();

	if (!ns)
		return quit_exec(ctx, argc, argv);
	out_note(_("Back in the host namespace: exit left %s (quit leaves "
		   "nstutor)."),
		 ns);
	session_enter(NULL);
	return CMD_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = N_("help [COMMAND [SUBCOMMAND]]"),
	.summary = N_("what a command does and how to type it"),
	.min_args = 0, .max_args = 3, .exec = help_exec,
};

const struct cmd_entry cmd_enter_entry = {
	.name = "enter",
	.usage = N_("enter NS"),
	.summary = N_("type the next commands inside namespace NS"),
	.min_args = 1, .max_args = 1, .exec = enter_exec,
};

const struct cmd_entry cmd_leave_entry = {
	.name = "leave",
	.usage = N_("leave"),
	.summary = N_("go back to the host namespace"),
	.min_args = 0, .max_args = 0, .exec = leave_exec,
};

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.usage = N_("quit"),
	.summary = N_("leave nstutor (Ctrl-D does the same)"),
	.min_args = 0, .max_args = 0, .exec = quit_exec,
};

const struct cmd_entry cmd_exit_entry = {
	.name = "exit",
	.usage = N_("exit"),
	.summary = N_("leave the namespace entered, or else nstutor"),
	.min_args = 0, .max_args = 1, .exec = exit_exec,
};
