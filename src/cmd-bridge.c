/* cmd-bridge.c: "bridge". */
#include "system.h"

#include "cmd.h"
#include "out.h"

static int bridge_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error("bridge: not yet");
	return CMD_ERROR;
}

const struct cmd_entry cmd_bridge_entry = {
	.name = "bridge",
	.min_args = 0, .max_args = -1, .exec = bridge_exec,
	.flags = CMD_TOOL,
};
