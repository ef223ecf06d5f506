/* session.c: tokenizing typed lines and running their commands. */
#include "system.h"

#include "cmd.h"
#include "changes.h"
#include "out.h"
#include "session.h"
#include "sockets.h"
#include "tcpdump.h"
#include "tokenize.h"
#include "tutor.h"
#include "watch.h"

static char *entered;
static int failed_status; /* the exit status of the last failed command */

int session_enter(const char *ns)
{
	char *copy = NULL;

	if (ns && !(copy = strdup(ns)))
		return -ENOMEM;
	free(entered);
	entered = copy;
	return 0;
}

const char *session_netns(void)
{
	return entered;
}

void session_end(void)
{
	tutor_end();
	tcpdump_end();
	changes_end();
	free(entered);
	entered = NULL;
}

int session_exit_status(int status)
{
	if (status == CMD_OK)
		return EXIT_SUCCESS;
	return failed_status ? failed_status : EXIT_FAILURE;
}

/* One command, with what the kernel changed told after it. */
static int session_run_command(struct cmd_ctx *ctx, int argc, char **argv)
{
	int status;

	sockets_forget_deleted();
	changes_begin();
	status = cmd_run(ctx, argc, argv);
	fflush(stdout);
	watch_run(0); /* captures that run between commands, in scripts too */
	changes_report();
	tutor_after_command();
	return status;
}

int session_run_words(int argc, char **argv)
{
	struct cmd_ctx ctx = {.netns = entered};
	int status;

	status = session_run_command(&ctx, argc, argv);
	if (ctx.exit_status)
		return ctx.exit_status;
	return status == CMD_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}

int session_run_line(const char *line, bool *quit)
{
	struct command_list cmds;
	const char *error;
	int status = CMD_OK;

	*quit = false;
	if (tokenize_line(line, &cmds, &error) < 0) {
		out_error("nstutor: %s", _(error));
		if (strstr(error, "quote"))
			out_hint(_("Close every quote you open: 'like this' or \"like this\"."));
		else
			out_hint(_("A backslash at the end of a line has nothing to escape; remove it."));
		return CMD_ERROR;
	}
	for (size_t i = 0; i < cmds.n && !*quit; i++) {
		struct cmd_ctx ctx = {.netns = entered};

		if (session_run_command(&ctx, cmds.cmds[i].argc,
					cmds.cmds[i].argv) != CMD_OK) {
			status = CMD_ERROR;
			failed_status = ctx.exit_status ? ctx.exit_status
							: EXIT_FAILURE;
		}
		*quit = ctx.quit;
		if (cmd_interrupted())
			break;
	}
	command_list_free(&cmds);
	return status;
}
