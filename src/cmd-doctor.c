/* cmd-doctor.c: "doctor": what could get in a lesson's way (placeholder). */
#include "system.h"

#include "cmd.h"
#include "out.h"

static int doctor_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("doctor: not available yet"));
	return CMD_ERROR;
}

const struct cmd_entry cmd_doctor_entry = {
	.name = "doctor",
	.usage = N_("doctor"),
	.summary = N_("what on this machine could get in a lesson's way"),
	.min_args = 0, .max_args = 0, .exec = doctor_exec,
};
