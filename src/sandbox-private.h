/* sandbox-private.h: what sandbox.c and sandbox-make.c share. */
#ifndef NSTUTOR_SANDBOX_PRIVATE_H
#define NSTUTOR_SANDBOX_PRIVATE_H

#include "sandbox.h"

/* The step of making a world that failed. */
enum sandbox_step {
	SANDBOX_UNSHARE,	/* new user, network and mount namespaces */
	SANDBOX_MAP,		/* uid and gid maps */
	SANDBOX_MOUNT,		/* private mounts, /run/netns */
	SANDBOX_KEEPER,		/* starting the keeper */
};

/* Moves this process into new namespaces (a user namespace too when
 * user_ns) and sets them up; *step says where it failed. */
int sandbox_unshare(bool user_ns, enum sandbox_step *step);
/* The record's name in the state directory. */
#define SANDBOX_RECORD_NAME "sandbox"
/* The keeper's fd of the state directory, which it watches. */
#define SANDBOX_KEEPER_STATE_FD 3

/* Starts the keeper, which holds this process's namespaces until the
 * record in state_fd goes or it is sent SIGTERM; its pid or -errno. */
pid_t sandbox_start_keeper(int state_fd);

#endif
