/* repl.c: the interactive shell: readline's callback interface in a
 * poll() loop, so Ctrl-C cancels the line (or a running ping) and never
 * the shell. */
#include "system.h"

#include <limits.h>
#include <poll.h>
#include <sys/stat.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "complete.h"
#include "out.h"
#include "repl.h"
#include "sandbox.h"
#include "world.h"
#include "session.h"
#include "tcpdump.h"
#include "tutor.h"
#include "watch.h"

#define HISTORY_MAX 1000 /* lines kept in the history file */

static struct {
	bool done;
	bool installed; /* readline's handler (the prompt) is up */
	int status;
	char *history_path;
	char prompt[NAME_MAX + 64]; /* a namespace name is up to NAME_MAX */
} repl;

static void make_prompt(void)
{
	const char *ns = session_netns();

	if (out_settings.color)
		snprintf(repl.prompt, sizeof(repl.prompt),
			 "\001\033[1;36m\002nstutor%s%s%s\001\033[0m\002> ",
			 ns ? "(" : "", ns ? ns : "", ns ? ")" : "");
	else
		snprintf(repl.prompt, sizeof(repl.prompt), "nstutor%s%s%s> ",
			 ns ? "(" : "", ns ? ns : "", ns ? ")" : "");
}

/* Keeps the line in the history, and in the file at once (another
 * nstutor, or a crash, loses nothing); a repeat is kept once. */
static void remember(const char *line)
{
	HIST_ENTRY *last = NULL;

	if (!*line)
		return;
	if (history_length > 0)
		last = history_get(history_base + history_length - 1);
	if (last && streq(last->line, line))
		return;
	add_history(line);
	if (repl.history_path)
		append_history(1, repl.history_path);
}

static void on_line(char *line);

static void prompt_install(void)
{
	rl_callback_handler_install(repl.prompt, on_line);
	repl.installed = true;
}

static void prompt_remove(void)
{
	rl_callback_handler_remove();
	repl.installed = false;
}

static void on_line(char *line)
{
	bool quit;

	if (!line && session_netns()) {
		/* Ctrl-D inside "enter NS" ends it as a nested shell's does:
		 * an "exit" (bash says the word too), not kept in history */
		fputs("exit\n", stdout);
		line = strdup("exit");
	} else if (line) {
		remember(line);
	}
	if (!line) {
		/* Ctrl-D; removing the handler keeps readline from showing
		 * the prompt again */
		prompt_remove();
		repl.done = true;
		return;
	}
	prompt_remove();
	cmd_interrupt_clear();
	repl.status = session_run_line(line, &quit);
	cmd_interrupt_clear(); /* a Ctrl-C that stopped it is spent */
	free(line);
	if (quit) {
		repl.done = true;
		return;
	}
	make_prompt();
	prompt_install();
}

static char *generate(const char *text, int state)
{
	static char **words;
	static size_t i;

	if (state == 0) {
		free(words);
		words = complete_words(rl_line_buffer, rl_point, text);
		i = 0;
	}
	if (!words || !words[i]) {
		free(words);
		words = NULL;
		return NULL;
	}
	return words[i++];
}

static char **attempt(const char *text, int start, int end)
{
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, generate);
}

static void history_open(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char dir[4096];

	if (state && *state)
		snprintf(dir, sizeof(dir), "%s/nstutor", state);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.local/state/nstutor", home);
	else
		return;
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	if (asprintf(&repl.history_path, "%s/history", dir) < 0) {
		repl.history_path = NULL;
		return;
	}
	stifle_history(HISTORY_MAX);
	if (read_history(repl.history_path) == ENOENT)
		write_history(repl.history_path); /* append needs the file */
}

static void history_close(void)
{
	if (repl.history_path)
		history_truncate_file(repl.history_path, HISTORY_MAX);
	free(repl.history_path);
	repl.history_path = NULL;
	clear_history();
}

/* Ctrl-C at the prompt: drop what was typed and show a fresh prompt;
 * a background tcpdump stops, as Ctrl-C stops the real one. */
static void cancel_line(void)
{
	if (tcpdump_running()) {
		out_async_begin();
		fputs("^C\n", stdout);
		tcpdump_stop();
		out_async_end();
		cmd_interrupt_clear();
		return;
	}
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	fputs("^C\n", stdout);
	rl_on_new_line();
	rl_redisplay();
	cmd_interrupt_clear();
}

/* Where the learner is, and what to type first: go on with a lesson
 * left unfinished in this world, or begin with the first one. */
static void greet(void)
{
	const struct sandbox_info *s = sandbox_info();
	const char *first = tutor_first_lesson();
	char *going = NULL;

	if (world_kind() == WORLD_HOST)
		out_note(_("The host world: what you type changes this "
			   "machine's real network."));
	else if (s->made_now)
		out_note(_("A new sandbox world of your own: nothing you do "
			   "here touches this machine."));
	else
		out_note(_("Your sandbox world (keeper pid %d), as you left "
			   "it: \"world status\" shows what is in it."),
			 (int)s->keeper);
	if (world_kind() == WORLD_HOST || !s->made_now)
		going = tutor_unfinished();
	if (going)
		out_note(_("To go on: \"lesson %s\" picks up where you left "
			   "off; \"lessons\" lists every lesson, \"help\" "
			   "every command."),
			 going);
	else if (first)
		out_note(_("To begin: \"lessons\" lists the lessons, \"lesson "
			   "%s\" starts the first one; \"help\" lists every "
			   "command."),
			 first);
	else
		out_note(_("To begin: \"lessons\" lists the lessons, \"lesson "
			   "NAME\" starts one; \"help\" lists every "
			   "command."));
	free(going);
}

/* Output of a background job (tcpdump) arrives while the learner
 * types: the prompt and the half-typed line step aside, and come back
 * under it. */
static struct {
	char *line;
	int point;
	bool hidden;
} aside;

static void prompt_hide(void)
{
	if (!repl.installed)
		return;
	aside.line = rl_copy_text(0, rl_end);
	aside.point = rl_point;
	aside.hidden = true;
	rl_save_prompt();
	rl_replace_line("", 0);
	rl_redisplay();
	fputs("\r\033[K", stdout);
	fflush(stdout);
}

static void prompt_show(void)
{
	if (!aside.hidden)
		return;
	aside.hidden = false;
	rl_restore_prompt();
	rl_replace_line(aside.line ? aside.line : "", 0);
	rl_point = aside.point;
	free(aside.line);
	aside.line = NULL;
	rl_forced_update_display();
}

int repl_run(void)
{
	struct pollfd pfd[1 + WATCH_FDS_MAX] = {
		{.fd = STDIN_FILENO, .events = POLLIN},
	};

	rl_readline_name = "nstutor";
	rl_attempted_completion_function = attempt;
	rl_completer_quote_characters = "'\""; /* "R<Tab> closes the quote */
	rl_catch_signals = 0;
	history_open();
	greet();
	make_prompt();
	prompt_install();
	out_async_hooks(prompt_hide, prompt_show);
	while (!repl.done) {
		size_t w = watch_pollfds(pfd + 1, WATCH_FDS_MAX);
		int n = poll(pfd, 1 + w, -1);

		if (n < 0 && errno == EINTR && cmd_interrupted()) {
			cancel_line();
			continue;
		}
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && w)
			watch_dispatch(pfd + 1, w);
		if (n > 0 && pfd[0].revents)
			rl_callback_read_char();
	}
	out_async_hooks(NULL, NULL);
	prompt_remove();
	history_close();
	return repl.status;
}
