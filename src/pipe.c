/* pipe.c: stdout into the filters, read by a child of nstutor. */
#include "system.h"

#include <fcntl.h>
#include <stdio_ext.h>
#include <sys/wait.h>

#include "cmd.h"
#include "filter.h"
#include "out.h"
#include "pipe.h"

static volatile sig_atomic_t broken_pipe;

static void on_sigpipe(int sig)
{
	broken_pipe = 1;
	cmd_interrupt_raise();
}

static volatile sig_atomic_t ctrl_c;

static void on_sigint(int sig)
{
	ctrl_c = 1;
}

/* After the terminal's "^C", what comes next starts a line of its own
 * (as the shell's prompt would). */
static void end_ctrl_c_line(void)
{
	if (ctrl_c == 1 && isatty(STDOUT_FILENO))
		putchar('\n');
	if (ctrl_c)
		ctrl_c = 2;
}

/* The child: lines in, the chain's output out, then its status.
 * Ctrl-C stops the command, not the filters: its last words (ping's
 * statistics) still come through. */
static void __attribute__((noreturn))
run_filters(int in_fd, struct filter_chain *c)
{
	struct sigaction sa = {.sa_handler = on_sigint, .sa_flags = SA_RESTART};
	FILE *in = fdopen(in_fd, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int status = 2;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (in) {
		while ((len = getline(&line, &cap, in)) > 0) {
			end_ctrl_c_line();
			if (!filter_chain_feed(c, line, (size_t)len, stdout))
				break;
		}
		end_ctrl_c_line();
		status = filter_chain_finish(c, stdout);
		fclose(in);
	}
	free(line);
	filter_chain_free(c);
	/* exit(), not _exit(): the libraries free what they hold (every
	 * stream was flushed before the fork, so nothing is written twice) */
	exit(status);
}

int pipe_begin(struct pipe_out *p, struct filter_chain *c)
{
	struct sigaction sa = {.sa_handler = on_sigpipe};
	int fds[2], err;

	fflush(NULL);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	p->saved_stdout = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (p->saved_stdout < 0) {
		err = -errno;
		close(fds[0]);
		close(fds[1]);
		return err;
	}
	p->child = fork();
	if (p->child == 0) {
		close(fds[1]);
		close(p->saved_stdout);
		run_filters(fds[0], c);
	}
	err = p->child < 0 ? -errno : 0;
	close(fds[0]);
	if (err == 0 && dup2(fds[1], STDOUT_FILENO) < 0)
		err = -errno; /* the child sees the end of its input */
	close(fds[1]);
	if (err < 0) {
		if (p->child > 0)
			waitpid(p->child, NULL, 0);
		close(p->saved_stdout);
		return err;
	}
	p->color = out_settings.color;
	out_settings.color = false;
	p->notes_text = NULL;
	p->notes = open_memstream(&p->notes_text, &p->notes_len);
	out_note_stream(p->notes);
	broken_pipe = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &p->old_sigpipe);
	return 0;
}

int pipe_end(struct pipe_out *p)
{
	int st;
	pid_t got;

	fflush(stdout);
	if (ferror(stdout)) {
		__fpurge(stdout); /* what the filters no longer took */
		clearerr(stdout);
	}
	dup2(p->saved_stdout, STDOUT_FILENO); /* the pipe ends here */
	close(p->saved_stdout);
	do
		got = waitpid(p->child, &st, 0);
	while (got < 0 && errno == EINTR);
	sigaction(SIGPIPE, &p->old_sigpipe, NULL);
	out_settings.color = p->color;
	out_note_stream(NULL);
	if (p->notes && fclose(p->notes) == 0 && p->notes_text)
		fwrite(p->notes_text, 1, p->notes_len, stdout);
	free(p->notes_text);
	if (broken_pipe)
		cmd_interrupt_clear(); /* not the learner's Ctrl-C */
	if (got < 0)
		return 2;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
