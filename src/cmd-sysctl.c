/* cmd-sysctl.c: "sysctl". */
#include "system.h"

#include "cmd.h"
#include "out.h"

static int sysctl_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error("sysctl: not yet");
	return CMD_ERROR;
}

const struct cmd_entry cmd_sysctl_entry = {
	.name = "sysctl",
	.min_args = 0, .max_args = -1, .exec = sysctl_exec,
	.flags = CMD_TOOL,
};
