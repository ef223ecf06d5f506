/* cmd-tcpdump.c: the learner's background tcpdump (stub until built). */
#include "system.h"

#include "cmd.h"
#include "out.h"
#include "tcpdump.h"

bool tcpdump_running(void) { return false; }
void tcpdump_stop(void) {}
void tcpdump_end(void) {}
void tcpdump_forget(const char *ns) {}
void tcpdump_forget_deleted(void) {}

static int tcpdump_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error("tcpdump: not yet");
	return CMD_ERROR;
}

const struct cmd_entry cmd_tcpdump_entry = {
	.name = "tcpdump",
	.usage = N_("tcpdump [-i DEV|any] [-c COUNT] [-e] [-n] [-l] [-w FILE] "
		    "[EXPRESSION] | tcpdump stop"),
	.summary = N_("watch the frames on an interface, in the background"),
	.min_args = 0,
	.max_args = -1,
	.exec = tcpdump_exec,
	.flags = CMD_TOOL,
};
