/* cmd-serve.c: "serve http [PORT] | serve list | serve stop", and
 * "curl [-s] [-m SECS] URL" (stub until built). */
#include "system.h"

#include "cmd.h"
#include "out.h"
#include "serve.h"

static int not_yet(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor: serve and curl are not built yet"));
	return CMD_ERROR;
}

const struct cmd_entry cmd_serve_entry = {
	.name = "serve", .usage = N_("serve http [PORT] | serve list | serve stop"),
	.summary = N_("a small web server in a namespace, in the background"),
	.min_args = 0, .max_args = -1, .exec = not_yet, .flags = CMD_TOOL,
};
const struct cmd_entry cmd_curl_entry = {
	.name = "curl", .usage = N_("curl [-s] [-m SECONDS] URL"),
	.summary = N_("fetch a web page from a namespace"),
	.min_args = 0, .max_args = -1, .exec = not_yet, .flags = CMD_TOOL,
};
