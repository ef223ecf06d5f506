/* sandbox.h: the learner's private world, needing no root.
 *
 * The first nstutor makes it: new user (unless root), network and mount
 * namespaces, a private /run/netns, loopback up, ping allowed; then a
 * keeper process that holds the namespaces so the world outlives every
 * nstutor.  Its record (<state>/sandbox: keeper pid, start time and
 * namespace inodes) lets later nstutor processes join with setns(); a
 * record whose keeper is gone is stale and replaced, never joined.
 */
#ifndef NSTUTOR_SANDBOX_H
#define NSTUTOR_SANDBOX_H

#include "system.h"

#include <sys/types.h>
#include <time.h>

/* argv[1] of the re-executed keeper process. */
#define SANDBOX_KEEPER_OPTION "--world-keeper"

struct sandbox_info {
	pid_t keeper;		/* its pid */
	time_t since;		/* when the world was made */
	bool user_ns;		/* has a user namespace of its own (not root) */
	bool made_now;		/* this process made it */
	bool replaced_stale;	/* an old record was stale */
};

/* Joins the sandbox recorded in the state directory, or makes one when
 * create is set.  Returns 0, 1 when there is none and !create (after
 * saying so), or -errno after printing what to do.  The caller holds
 * the world lock; the process must have no other thread. */
int sandbox_open(int state_fd, bool create);
/* Finishes a new world once netlink can reach it: loopback up. */
void sandbox_prepare(void);
const struct sandbox_info *sandbox_info(void);
/* Ends the world: every process in it, then the record and journal. */
int sandbox_stop(int state_fd);
/* The keeper: holds the namespaces until SIGTERM, or until the record
 * is deleted (world stop, or the state directory removed). */
_Noreturn void sandbox_keeper_main(void);

#endif
