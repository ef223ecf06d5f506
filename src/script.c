/* script.c: nstutor -f FILE, -c COMMAND and commands on standard input. */
#include "system.h"

#include "cmd.h"
#include "out.h"
#include "script.h"
#include "session.h"

static void report_stop(const char *name, unsigned long lineno)
{
	if (name)
		out_error(_("nstutor: %s:%lu: this line failed; stopping"), name,
			  lineno);
	else
		out_error(_("nstutor: command %lu failed; stopping"), lineno);
	out_hint(_("Fix the line and run again, or use -k to go on after "
		   "failures."));
}

int script_run_file(FILE *f, const char *name, bool keep_going)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int status = CMD_OK;
	bool quit = false;

	while (!quit && getline(&line, &cap, f) >= 0) {
		lineno++;
		if (session_run_line(line, &quit) == CMD_OK)
			continue;
		status = CMD_ERROR;
		if (!keep_going) {
			report_stop(name, lineno);
			break;
		}
	}
	free(line);
	return status;
}

int script_run_commands(char **cmds, size_t n, bool keep_going)
{
	int status = CMD_OK;
	bool quit = false;

	for (size_t i = 0; i < n && !quit; i++) {
		if (session_run_line(cmds[i], &quit) == CMD_OK)
			continue;
		status = CMD_ERROR;
		if (!keep_going) {
			if (n > 1)
				report_stop(NULL, i + 1);
			break;
		}
	}
	return status;
}
