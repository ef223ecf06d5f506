/* tcpdump.h: the learner's background tcpdumps (cmd-tcpdump.c reads
 * their words, tcpdump.c runs them).
 *
 * "tcpdump [-i DEV|any] [-c N] [-e] [-n] [-l] [-w FILE] [-Q DIR] [EXPR]"
 * starts a capture that keeps printing, in tcpdump's words, above the
 * prompt while the learner types other commands (a watch in the poll
 * loop; in a script, while ping polls).  Several may run at once, as in
 * a tutorial's three terminals: then each line, and each closing count,
 * starts with "[NS IFNAME] ".  Ctrl-C at the prompt and "tcpdump stop"
 * end them all, "tcpdump stop DEV" those on DEV; its count, the end of
 * nstutor or the deletion of its namespace end one.  Each ends with
 * tcpdump's closing counts; its record then becomes the last capture
 * (cap_last_set).
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

/* Starts one in namespace ns ("": the host) on ifname ("any" too),
 * which tcpdump chose itself when chosen; false when it could not
 * (said, in tcpdump's words, or too many run). */
bool tcpdump_start(const char *ns, const char *ifname, bool chosen,
		   const struct tcpdump_opts *o);
/* How many run. */
size_t tcpdump_running(void);
/* "host br0, BLUE beth0": those running, into buf. */
void tcpdump_list(char *buf, size_t size);
/* Stops every running tcpdump as "tcpdump stop" does (their counts). */
void tcpdump_stop(void);
/* Stops those on ifname (in ns, unless NULL); how many. */
size_t tcpdump_stop_on(const char *ns, const char *ifname);
/* nstutor ends (the end of a script): what is waiting is printed,
 * then the tcpdump stops. */
void tcpdump_end(void);
/* Namespace ns is being deleted: a tcpdump in it ends, saying so. */
void tcpdump_forget(const char *ns);
/* The same for a namespace deleted behind nstutor's back. */
void tcpdump_forget_deleted(void);

#endif
