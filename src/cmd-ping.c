/* cmd-ping.c: "ping". */
#include "system.h"

#include "cmd.h"
#include "out.h"

static int ping_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error("ping: not yet");
	return CMD_ERROR;
}

const struct cmd_entry cmd_ping_entry = {
	.name = "ping",
	.min_args = 0, .max_args = -1, .exec = ping_exec,
	.flags = CMD_TOOL,
};
