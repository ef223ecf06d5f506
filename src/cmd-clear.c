/* cmd-clear.c: "clear": an empty terminal, as clear(1) makes it. */
#include "system.h"

#include <readline/readline.h>

#include "cmd.h"

/* The terminal's own "clear screen" string (terminfo's clear), without
 * padding ("$<50>"); ANSI's when the terminal has none. */
static void put_clear_sequence(void)
{
	const char *cl = rl_get_termcap("cl");

	if (!cl) {
		rl_reset_terminal(NULL); /* readline reads the terminal's entry */
		cl = rl_get_termcap("cl");
	}
	if (!cl || !*cl) {
		fputs("\033[H\033[2J", stdout);
		return;
	}
	for (const char *p = cl; *p; p++) {
		if (p[0] == '$' && p[1] == '<' && strchr(p, '>')) {
			p = strchr(p, '>');
			continue;
		}
		putchar(*p);
	}
}

static int clear_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (!isatty(STDOUT_FILENO))
		return CMD_OK; /* nothing to clear in a file or a pipe */
	put_clear_sequence();
	fflush(stdout);
	return CMD_OK;
}

const struct cmd_entry cmd_clear_entry = {
	.name = "clear",
	.usage = N_("clear"),
	.summary = N_("clear the terminal (Ctrl-L does the same)"),
	.min_args = 0, .max_args = 0, .exec = clear_exec,
};
