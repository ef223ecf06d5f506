/* cmd-sudo.c: "sudo CMD...", as the tutorials type it: nstutor's shell
 * already acts as root in its world, so CMD runs as typed without sudo;
 * "sudo -Es", "sudo -i" and "sudo su" (a root shell) have nothing to
 * do. */
#include "system.h"

#include "cmd.h"
#include "out.h"

static bool told; /* the note on sudo is said once */

/* sudo's options before the command; *shell for -s and -i.  -1 after
 * saying what is wrong, else the index of the command. */
static int skip_options(int argc, char **argv, bool *shell)
{
	int i;

	*shell = false;
	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;

		if (streq(argv[i], "--"))
			return i + 1;
		if (streq(argv[i], "--login") || streq(argv[i], "--shell")) {
			*shell = true;
			continue;
		}
		if (streq(argv[i], "--preserve-env"))
			continue;
		if (streq(argv[i], "-u") && i + 1 < argc &&
		    (streq(argv[i + 1], "root") || streq(argv[i + 1], "0"))) {
			i++;
			continue;
		}
		for (; *o; o++) {
			if (*o == 's' || *o == 'i')
				*shell = true;
			else if (!strchr("EHn", *o))
				break;
		}
		if (*o || argv[i][1] == '-') {
			out_error(_("sudo: option %s is not supported here"),
				  argv[i]);
			out_hint(_("nstutor's shell already acts as root in its "
				   "world: type the command without sudo."));
			return -1;
		}
	}
	return i;
}

/* "su", "su -", "su root", "su - root": a root shell. */
static bool is_su(int argc, char **argv)
{
	if (argc == 0 || !streq(argv[0], "su"))
		return false;
	for (int i = 1; i < argc; i++)
		if (!streq(argv[i], "-") && !streq(argv[i], "-l") &&
		    !streq(argv[i], "--login") && !streq(argv[i], "root"))
			return false;
	return true;
}

static int sudo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	bool shell;
	int i = skip_options(argc, argv, &shell);

	if (i < 0)
		return CMD_ERROR;
	if (i == argc || is_su(argc - i, argv + i)) {
		out_note(_("nstutor's shell already acts as root in its world: "
			   "type the commands as they are, no sudo needed."));
		return CMD_OK;
	}
	if (!told) {
		out_note(_("sudo is not needed here: nstutor already has what "
			   "it needs in its world, so the command runs as typed "
			   "without sudo."));
		told = true;
	}
	return cmd_run(ctx, argc - i, argv + i);
}

const struct cmd_entry cmd_sudo_entry = {
	.name = "sudo",
	.usage = N_("sudo [-Es] [COMMAND [ARG]...]"),
	.summary = N_("run COMMAND as typed: nstutor needs no sudo"),
	.min_args = 0, .max_args = -1, .exec = sudo_exec,
};
