/* tcpdump.h: the learner's background tcpdump (cmd-tcpdump.c reads
 * its words, tcpdump.c runs it).
 *
 * "tcpdump [-i DEV|any] [-c N] [-e] [-n] [-l] [-w FILE] [-Q DIR] [EXPR]"
 * starts a capture that keeps printing, in tcpdump's words, above the
 * prompt while the learner types other commands (a watch in the poll
 * loop; in a script, while ping polls).  One runs at a time.  Ctrl-C at
 * the prompt, "tcpdump stop", its count, the end of nstutor or the
 * deletion of its namespace end it with tcpdump's closing counts; its
 * record then becomes the last capture (cap_last_set).
 */
#ifndef NSTUTOR_TCPDUMP_H
#define NSTUTOR_TCPDUMP_H

#include "system.h"

enum tcpdump_dir { TCPDUMP_INOUT, TCPDUMP_IN, TCPDUMP_OUT };

/* What the words asked for. */
struct tcpdump_opts {
	const char *dev;	/* -i, or NULL */
	int count;		/* -c; 0: no limit */
	bool link;		/* -e */
	bool numeric;		/* -n: without it, MACs get tcpdump's names
				   (addresses and ports stay numbers) */
	const char *wfile;	/* -w */
	enum tcpdump_dir dir;	/* -Q */
	char *filter;		/* the words left, joined; NULL: none */
};

/* Starts it in namespace ns ("": the host) on ifname ("any" too),
 * which tcpdump chose itself when chosen; false when it could not
 * (said, in tcpdump's words) or one runs already. */
bool tcpdump_start(const char *ns, const char *ifname, bool chosen,
		   const struct tcpdump_opts *o);
/* The interface the running one listens on; "" when none runs. */
const char *tcpdump_ifname(void);
bool tcpdump_running(void);
/* Stops a running tcpdump as "tcpdump stop" does (its counts). */
void tcpdump_stop(void);
/* nstutor ends (the end of a script): what is waiting is printed,
 * then the tcpdump stops. */
void tcpdump_end(void);
/* Namespace ns is being deleted: a tcpdump in it ends, saying so. */
void tcpdump_forget(const char *ns);
/* The same for a namespace deleted behind nstutor's back. */
void tcpdump_forget_deleted(void);

#endif
