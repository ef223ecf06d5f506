/* netns.h: the world's named network namespaces, iproute2-compatible.
 *
 * A named namespace is a bind mount of an nsfs file on
 * <netns dir>/NAME, exactly as "ip netns add" makes it, so the real ip
 * and nstutor see and use each other's namespaces.  A NULL name means
 * the world's host namespace.  Every enter has its leave.
 */
#ifndef NSTUTOR_NETNS_H
#define NSTUTOR_NETNS_H

#include "system.h"

#include <sys/types.h>

struct netns_names {
	size_t n;
	char **names; /* directory order, as "ip netns list" prints */
};

/* Name rules of iproute2: non-empty, not "." or "..", no '/'. */
bool netns_name_valid(const char *name);
/* "<netns dir>/NAME" into buf. */
void netns_path(const char *name, char *buf, size_t size);

/* These return 0 or -errno and print nothing. */
int netns_add(const char *name);
int netns_del(const char *name);
int netns_list(struct netns_names *out);
void netns_names_free(struct netns_names *names);
bool netns_exists(const char *name);

/* An O_CLOEXEC fd of the namespace (-ENOENT when there is none). */
int netns_open(const char *name);
/* Identity of the namespace (device and inode of its nsfs file). */
int netns_identity(const char *name, dev_t *dev, ino_t *ino);

/* The same, kept by those who hold a socket in a namespace: the name
 * may later stand for another namespace, or for none. */
struct netns_id {
	dev_t dev;
	ino_t ino;
};
int netns_id_get(const char *name, struct netns_id *id);
bool netns_id_same(const struct netns_id *a, const struct netns_id *b);
/* Whether name no longer stands for namespace id (deleted or made
 * anew behind nstutor's back): a socket kept there must let go. */
bool netns_id_stale(const char *name, const struct netns_id *id);
/* How a learner calls a namespace: its name, "host" for the world's
 * host namespace (NULL or ""). */
const char *netns_label(const char *name);
/* Both NULL (the host) or both the same name. */
bool netns_name_same(const char *a, const char *b);

/* An inotify fd (non-blocking, close-on-exec) on the netns directory,
 * or -errno: namespaces named and unnamed there. */
int netns_dir_watch_open(void);
/* Called for each name added (created: true) or removed. */
typedef void (*netns_dir_fn)(const char *name, bool created, void *arg);
/* Reads what the watch holds, calling fn (may be NULL) for each name;
 * how many events were read (the queue's overflow counts too). */
size_t netns_dir_watch_read(int fd, netns_dir_fn fn, void *arg);

/* Moves this thread into the namespace; *saved restores it (-1 when
 * the thread was there already). */
int netns_enter(const char *name, int *saved);
/* Returns to the namespace saved by netns_enter and closes it. */
void netns_leave(int saved);

/* A socket created inside the namespace (it stays bound to it). */
int netns_socket(const char *name, int domain, int type, int protocol);

#endif
