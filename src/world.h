/* world.h: the world every command acts on.
 *
 * A world is one "host" network namespace plus the named namespaces under
 * its netns directory.  WORLD_HOST is the real machine (root only);
 * WORLD_SANDBOX (a private world of the learner's own) slots in here.
 */
#ifndef NSTUTOR_WORLD_H
#define NSTUTOR_WORLD_H

#include "system.h"

enum world_kind { WORLD_HOST, WORLD_SANDBOX };

/* Opens the world; prints the reason and returns -errno when it cannot. */
int world_open(enum world_kind kind);
void world_close(void);
enum world_kind world_kind(void);
/* An fd of the world's host network namespace. */
int world_host_fd(void);
/* Where the named namespaces live: "/run/netns". */
const char *world_netns_dir(void);
/* Parses "host" / "sandbox"; -EINVAL for anything else. */
int world_kind_parse(const char *s, enum world_kind *out);

#endif
