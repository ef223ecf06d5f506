/* tcpdump.h: the learner's background tcpdump (cmd-tcpdump.c).
 *
 * "tcpdump [-i DEV|any] [-c N] [-e] [-n] [-l] [-w FILE] [EXPR]" starts
 * a capture that keeps printing, in tcpdump's words, above the prompt
 * while the learner types other commands (a watch in the poll loop);
 * Ctrl-C at an empty prompt or "tcpdump stop" ends it with tcpdump's
 * closing counts.
 */
#ifndef NSTUTOR_TCPDUMP_H
#define NSTUTOR_TCPDUMP_H

#include "system.h"

bool tcpdump_running(void);
/* Stops a running tcpdump as "tcpdump stop" does (its counts). */
void tcpdump_stop(void);
/* nstutor ends (the end of a script): what is waiting is printed,
 * then the tcpdump stops. */
void tcpdump_end(void);
void tcpdump_forget(const char *ns);
void tcpdump_forget_deleted(void);

#endif
