/* pipe.h: a command's output through filters ("ip a | grep inet").
 *
 * pipe_begin() points stdout into a pipe; a child of nstutor (forked,
 * no program run) reads the other end a line at a time through the
 * filter chain and writes what comes out where stdout went before.  So
 * the output streams as the command prints it (ping), and stderr is
 * not piped, as in sh.  pipe_end() puts stdout back and waits for the
 * child.  While piped, colour is off, nstutor's notes wait to come after
 * the filtered lines (they are no part of the tool's output), and a
 * write that nobody reads any more (head has its lines) stops the
 * command as Ctrl-C does, where the real tool would die of SIGPIPE.
 */
#ifndef NSTUTOR_PIPE_H
#define NSTUTOR_PIPE_H

#include "system.h"

#include <signal.h>

struct filter_chain;

struct pipe_out {
	pid_t child;
	int saved_stdout;
	bool color;
	struct sigaction old_sigpipe;
	FILE *notes; /* the notes said meanwhile */
	char *notes_text;
	size_t notes_len;
};

/* 0, or -errno when there is no pipe (nothing has changed then). */
int pipe_begin(struct pipe_out *p, struct filter_chain *c);
/* The last filter's exit status (128 + signal if the child died). */
int pipe_end(struct pipe_out *p);

#endif
