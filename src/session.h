/* session.h: running what the learner types, line by line.
 *
 * A line may hold several commands separated by ';' (as the tutorials
 * write "ip link set reth0 up; ip link set reth1 up").  The session keeps
 * the namespace the learner has entered ("enter RED").
 */
#ifndef NSTUTOR_SESSION_H
#define NSTUTOR_SESSION_H

#include "system.h"

/* Runs every command of the line; CMD_OK when all succeeded.  *quit
 * becomes true when one of them was quit/exit. */
int session_run_line(const char *line, bool *quit);
/* nstutor's exit status after lines ending with status (CMD_OK or
 * CMD_ERROR): 0, or the status the last failed command asked for (an
 * iptables parameter problem is 2, as in iptables), else 1. */
int session_exit_status(int status);
/* Runs one command already split into words ("nstutor world stop");
 * returns the exit status nstutor should leave with. */
int session_run_words(int argc, char **argv);
/* Makes later commands act inside ns (NULL: the host). */
int session_enter(const char *ns);
/* The namespace entered, or NULL. */
const char *session_netns(void);
void session_end(void);

#endif
