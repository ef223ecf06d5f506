/* world.h: the world every command acts on.
 *
 * A world is one "host" network namespace plus the named namespaces under
 * /run/netns.  WORLD_SANDBOX (the default) is a private world of the
 * learner's own: the first nstutor makes it (user, network and mount
 * namespaces, kept alive by a keeper process) and later ones join it.
 * WORLD_HOST is the real machine (CAP_NET_ADMIN only).  Both keep their
 * state (keeper record, journal, lock) in the state directory:
 * $NSTUTOR_RUNTIME_DIR, else /run/nstutor for root, else
 * $XDG_RUNTIME_DIR/nstutor.
 */
#ifndef NSTUTOR_WORLD_H
#define NSTUTOR_WORLD_H

#include "system.h"

enum world_kind { WORLD_HOST, WORLD_SANDBOX };

/* What opening asks for. */
enum world_need {
	WORLD_CREATE,	/* join the world, making a sandbox when there is none */
	WORLD_EXISTING,	/* join it only if it is there (status, stop, reset) */
	WORLD_NONE,	/* no world, no state: the namespace the process
			   is in serves as host (doctor, unit tests) */
};

/* Opens the world.  Returns 0, 1 when need is WORLD_EXISTING and there
 * is no sandbox (nothing opened, a message printed), or -errno after
 * printing what went wrong and what to do.  Call before any thread. */
int world_open(enum world_kind kind, enum world_need need);
void world_close(void);
enum world_kind world_kind(void);
/* An fd of the world's host network namespace. */
int world_host_fd(void);
/* Where the named namespaces live: "/run/netns". */
const char *world_netns_dir(void);
/* Parses "host" / "sandbox"; -EINVAL for anything else. */
int world_kind_parse(const char *s, enum world_kind *out);

/* The state directory, as an O_DIRECTORY fd (-1 when none) and a path. */
int world_state_fd(void);
const char *world_state_path(void);
/* The journal's file name in the state directory: "sandbox.journal"
 * or "host.journal". */
const char *world_journal_name(void);

/* Serialises changes of the world between nstutor processes: an
 * exclusive flock on <state>/lock.  Nests within one process.  Returns
 * 0 or -errno (0 without a state directory). */
int world_lock(void);
void world_unlock(void);

#endif
