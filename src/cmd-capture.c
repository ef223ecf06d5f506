/* cmd-capture.c: "capture on|off|save FILE.pcapng|ladder" (stub). */
#include "system.h"

#include "capture.h"
#include "cmd.h"
#include "out.h"

static int capture_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error("capture: not yet");
	return CMD_ERROR;
}

const struct cmd_entry cmd_capture_entry = {
	.name = "capture",
	.usage = N_("capture on|off|save FILE.pcapng|ladder"),
	.summary = N_("show every frame of a ping, where it was seen; save or "
		      "draw the last capture"),
	.min_args = 0,
	.max_args = 2,
	.exec = capture_exec,
};
