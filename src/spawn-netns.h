/* spawn-netns.h: running an external program inside a named namespace.
 *
 * What "ip netns exec NS PROGRAM ARGS..." does for a program nstutor
 * does not speak itself: a child joins the namespace, gets a mount
 * namespace of its own with a /sys that describes it (and the
 * /etc/netns/NS files bound over /etc), then runs the program.  nstutor
 * waits for it; Ctrl-C reaches the child, never ends nstutor.
 */
#ifndef NSTUTOR_SPAWN_NETNS_H
#define NSTUTOR_SPAWN_NETNS_H

#include "system.h"

/* The step of the child's set-up that failed. */
enum spawn_step {
	SPAWN_SETNS,	/* joining the network namespace */
	SPAWN_UNSHARE,	/* a mount namespace of its own */
	SPAWN_MOUNT,	/* keeping mounts from flowing back */
	SPAWN_SYSFS,	/* mounting /sys for the namespace */
	SPAWN_EXEC,	/* execvp() of the program */
};

struct spawn_result {
	int status;		/* the program's exit status, or 128 + signal */
	int signal;		/* the signal that ended it, or 0 */
	enum spawn_step step;	/* where it failed, when err < 0 */
	int err;		/* 0, or -errno when it could not start */
};

/* Runs argv (argv[0] searched in PATH) inside namespace ns (NULL: the
 * world's host) and waits for it.  Returns 0 when it ran (see
 * res->status), or -errno when it could not start (res->step and
 * res->err say why).  Prints nothing. */
int spawn_in_netns(const char *ns, char **argv, struct spawn_result *res);

#endif
