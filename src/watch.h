/* watch.h: file descriptors the one poll() loop serves beside its own.
 *
 * nstutor has no threads.  The REPL's loop and long commands (ping)
 * each poll their own fds plus every registered watch: a background
 * tcpdump, a ping's capture.  A watch says which fds it wants and is
 * told when any of them is ready.
 */
#ifndef NSTUTOR_WATCH_H
#define NSTUTOR_WATCH_H

#include "system.h"

#include <poll.h>

#define WATCH_FDS_MAX 256 /* pollfds of all watches together */

struct watch {
	/* Fills up to n pollfds; how many. */
	size_t (*pollfds)(void *arg, struct pollfd *p, size_t n);
	/* Some of its fds (p, n: those it filled) are ready. */
	void (*ready)(void *arg, const struct pollfd *p, size_t n);
	void *arg; /* identifies the watch */
};

/* 0, or -ENOMEM / -EEXIST (arg already watched). */
int watch_add(const struct watch *w);
void watch_remove(void *arg);

/* Fills up to n pollfds with every watch's; how many. */
size_t watch_pollfds(struct pollfd *p, size_t n);
/* After poll(): tells each watch whose fds (p, n: what watch_pollfds
 * filled) have revents.  Safe when a watch removes itself. */
void watch_dispatch(const struct pollfd *p, size_t n);
/* Polls the watches alone for up to timeout_ms (0: just what is
 * waiting) and dispatches. */
void watch_run(int timeout_ms);

#endif
