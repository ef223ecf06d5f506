/* cmd-reset.c: "reset": removes what nstutor made (placeholder). */
#include "system.h"

#include "cmd.h"
#include "out.h"

static int reset_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("reset: not available yet"));
	return CMD_ERROR;
}

const struct cmd_entry cmd_reset_entry = {
	.name = "reset",
	.usage = N_("reset"),
	.summary = N_("remove what nstutor made in this world, and nothing else"),
	.min_args = 0, .max_args = 0, .exec = reset_exec,
};
