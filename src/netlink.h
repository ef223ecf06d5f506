/* netlink.h: the rtnetlink connection to each namespace of the world.
 *
 * One socket per namespace, opened on first use and kept for the
 * session (a namespace deleted and made again gets a fresh one).  The
 * nl-*.c object modules (links, addresses, routes, neighbours, fdb) sit
 * on top of it; only they and netlink.c include libnl.  All of them
 * return 0 (or a count) or a negative errno, the kernel's own.
 */
#ifndef NSTUTOR_NETLINK_H
#define NSTUTOR_NETLINK_H

#include "system.h"

/* The kernel's extended-ack message for the last failed request, or
 * NULL when it sent none. */
const char *netlink_ext_msg(void);
/* Drops the socket kept for a namespace (after "ip netns del"). */
void netlink_forget(const char *ns);
/* Drops the sockets of namespaces deleted or made anew behind nstutor's
 * back (the real "ip netns del" in another terminal): a kept socket
 * would keep a deleted namespace alive.  Once per typed command. */
void netlink_forget_deleted(void);
void netlink_close_all(void);

/* The nsid that namespace `viewer` has given namespace `target`, -1
 * when it has none (like "ip netns list" prints "(id: N)"). */
int netlink_nsid(const char *viewer, const char *target);

#endif
