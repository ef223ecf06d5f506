/* session.c: tokenizing typed lines and running their commands. */
#include "system.h"

#include "cmd.h"
#include "changes.h"
#include "filter.h"
#include "out.h"
#include "pipe.h"
#include "session.h"
#include "sockets.h"
#include "tcpdump.h"
#include "tokenize.h"
#include "tutor.h"
#include "watch.h"

static char *entered;
static int failed_status; /* the exit status of the last failed command */

int session_enter(const char *ns)
{
	char *copy = NULL;

	if (ns && !(copy = strdup(ns)))
		return -ENOMEM;
	free(entered);
	entered = copy;
	return 0;
}

const char *session_netns(void)
{
	return entered;
}

void session_end(void)
{
	tutor_end();
	tcpdump_end();
	changes_end();
	free(entered);
	entered = NULL;
}

int session_exit_status(int status)
{
	if (status == CMD_OK)
		return EXIT_SUCCESS;
	return failed_status ? failed_status : EXIT_FAILURE;
}

/* One command, with what the kernel changed told after it; its output
 * through filters when it has them (then the status is theirs, as in
 * sh). */
static int session_run_command(struct cmd_ctx *ctx, int argc, char **argv,
			       struct filter_chain *filters)
{
	struct pipe_out pipe;
	int status, err;

	if (filters && (err = pipe_begin(&pipe, filters)) < 0) {
		out_error(_("nstutor: cannot make a pipe: %s"), out_strerror(err));
		return CMD_ERROR;
	}
	sockets_forget_deleted();
	changes_begin();
	status = cmd_run(ctx, argc, argv);
	fflush(stdout);
	if (filters) {
		ctx->exit_status = pipe_end(&pipe);
		status = ctx->exit_status ? CMD_ERROR : CMD_OK;
	}
	watch_run(0); /* captures that run between commands, in scripts too */
	changes_report();
	tutor_after_command();
	return status;
}

int session_run_words(int argc, char **argv)
{
	struct cmd_ctx ctx = {.netns = entered};
	int status;

	status = session_run_command(&ctx, argc, argv, NULL);
	if (ctx.exit_status)
		return ctx.exit_status;
	return status == CMD_OK ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void say_tokenize_error(const struct tok_error *e)
{
	switch (e->problem) {
	case TOK_BAD_QUOTE:
		out_error("nstutor: %s", _("unterminated quote"));
		out_hint(_("Close every quote you open: 'like this' or \"like this\"."));
		return;
	case TOK_BAD_BACKSLASH:
		out_error("nstutor: %s", _("line ends with a backslash"));
		out_hint(_("A backslash at the end of a line has nothing to escape; remove it."));
		return;
	case TOK_UNEXPECTED:
	case TOK_BAD_END:
		/* sh's (dash's) own words */
		if (e->problem == TOK_UNEXPECTED)
			out_error("nstutor: Syntax error: \"%s\" unexpected",
				  e->token);
		else
			out_error("nstutor: Syntax error: end of file unexpected");
		out_hint(_("\"|\", \"&&\" and \"||\" go between two commands, "
			   "e.g. ip a | grep inet."));
		return;
	case TOK_UNSUPPORTED:
		/* TRANSLATORS: the list is "grep, head, tail, wc". */
		out_error(_("nstutor: \"%s\" is not supported here; nstutor's "
			    "shell joins commands with \";\", \"&&\", \"||\" and "
			    "\"|\" (to %s)"),
			  e->token, FILTER_NAMES);
		out_hint(_("\"shell\" opens a real shell in the world, where "
			   "any pipeline or redirection works."));
		return;
	case TOK_NO_MEMORY:
		break;
	}
	out_error("nstutor: %s", out_strerror(ENOMEM));
}

/* One pipeline of the line: commands first .. last ("ip a | grep inet"
 * is two), the filters after the first. */
struct pipeline {
	size_t first, last;
	struct filter_chain *filters;
};

/* Commands whose output comes later, in the background: a pipe would
 * take only their first words. */
static bool runs_in_background(const struct words *w)
{
	for (int i = 0; i < w->argc; i++)
		if (streq(w->argv[i], "tcpdump"))
			return true;
	return streq(w->argv[0], "capture");
}

/* Reads the filters of the pipeline from first on; false (having said
 * why, *status its exit status) when it cannot run. */
static bool pipeline_parse(const struct command_list *cmds, size_t first,
			   struct pipeline *p, int *status)
{
	const struct words *w = &cmds->cmds[first];

	*p = (struct pipeline){.first = first, .last = first};
	while (cmds->cmds[p->last].next == TOK_PIPE)
		p->last++;
	*status = EXIT_FAILURE;
	if (filter_known(w->argv[0])) {
		out_error(_("%s: reads what a command prints, after \"|\""),
			  w->argv[0]);
		out_hint(_("Put it after a command: ip a | %s ..."), w->argv[0]);
		return false;
	}
	if (p->last == first)
		return true;
	if (runs_in_background(w)) {
		out_error(_("nstutor: %s runs in the background here; its "
			    "output cannot go through \"|\""),
			  w->argv[0]);
		out_hint(_("Give tcpdump a filter of its own instead, e.g. "
			   "tcpdump -i br0 icmp."));
		return false;
	}
	p->filters = filter_chain_parse(&cmds->cmds[first + 1], p->last - first,
					status);
	return p->filters != NULL;
}

static void pipelines_free(struct pipeline *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		filter_chain_free(p[i].filters);
	free(p);
}

/* Every pipeline of the line, or NULL (having said why) when one of
 * them cannot run: then nothing runs. */
static struct pipeline *pipelines_parse(const struct command_list *cmds,
					size_t *n)
{
	struct pipeline *p = calloc(cmds->n ? cmds->n : 1, sizeof(*p));
	int status;

	*n = 0;
	if (!p) {
		out_error("nstutor: %s", out_strerror(ENOMEM));
		return NULL;
	}
	for (size_t i = 0; i < cmds->n; i = p[*n - 1].last + 1) {
		if (!pipeline_parse(cmds, i, &p[(*n)++], &status)) {
			failed_status = status;
			pipelines_free(p, *n);
			return NULL;
		}
	}
	return p;
}

static int run_pipeline(const struct command_list *cmds,
			const struct pipeline *p, bool *quit)
{
	struct cmd_ctx ctx = {.netns = entered};
	const struct words *w = &cmds->cmds[p->first];
	int status;

	status = session_run_command(&ctx, w->argc, w->argv, p->filters);
	if (status != CMD_OK)
		failed_status = ctx.exit_status ? ctx.exit_status : EXIT_FAILURE;
	*quit = ctx.quit;
	return status;
}

/* sh's lists: after "&&" the next pipeline runs when the last one that
 * ran succeeded, after "||" when it failed.  The line fails when a list
 * (what ';' separates) ends failed. */
int session_run_line(const char *line, bool *quit)
{
	struct command_list cmds;
	struct tok_error error;
	struct pipeline *p;
	size_t n;
	int status = CMD_OK, last = CMD_OK;

	*quit = false;
	if (tokenize_line(line, &cmds, &error) < 0) {
		say_tokenize_error(&error);
		failed_status = EXIT_FAILURE;
		return CMD_ERROR;
	}
	if (!(p = pipelines_parse(&cmds, &n))) {
		command_list_free(&cmds);
		return CMD_ERROR;
	}
	for (size_t i = 0; i < n && !*quit; i++) {
		enum tok_link before = i ? cmds.cmds[p[i - 1].last].next : TOK_END;

		if (before == TOK_END && last != CMD_OK)
			status = CMD_ERROR;
		if (before == TOK_END)
			last = CMD_OK;
		else if ((before == TOK_AND) != (last == CMD_OK))
			continue;
		last = run_pipeline(&cmds, &p[i], quit);
		if (cmd_interrupted())
			break;
	}
	if (last != CMD_OK)
		status = CMD_ERROR;
	pipelines_free(p, n);
	command_list_free(&cmds);
	return status;
}
