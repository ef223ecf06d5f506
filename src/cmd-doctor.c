/* cmd-doctor.c: "doctor": what could get in a lesson's way (doctor.c). */
#include "system.h"

#include "cmd.h"
#include "doctor.h"
#include "out.h"
#include "world.h"

/* Which namespace the report is about. */
static void doctor_heading(void)
{
	if (world_state_fd() < 0)
		puts(_("nstutor doctor: the network namespace nstutor runs in "
		       "(this machine's own, unless started inside another)"));
	else if (world_kind() == WORLD_SANDBOX)
		puts(_("nstutor doctor: the sandbox world's host namespace "
		       "(nstutor's private world, not this machine's "
		       "network)"));
	else
		puts(_("nstutor doctor: the host world (this machine's "
		       "network namespace)"));
}

static int doctor_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct doctor_report r;
	int err = doctor_run(NULL, &r);

	if (err < 0) {
		out_error(_("doctor: %s"), out_strerror(err));
		return CMD_ERROR;
	}
	doctor_heading();
	doctor_print(&r);
	err = doctor_worst(&r) == DOCTOR_PROBLEM ? CMD_ERROR : CMD_OK;
	doctor_report_free(&r);
	return err;
}

const struct cmd_entry cmd_doctor_entry = {
	.name = "doctor",
	.usage = N_("doctor"),
	.summary = N_("what on this machine could get in a lesson's way"),
	.min_args = 0, .max_args = 0, .exec = doctor_exec,
};
