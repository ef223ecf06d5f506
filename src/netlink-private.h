/* netlink-private.h: what the nl-*.c modules share; includes libnl. */
#ifndef NSTUTOR_NETLINK_PRIVATE_H
#define NSTUTOR_NETLINK_PRIVATE_H

#include "system.h"

#include <netlink/netlink.h>

#include "netlink.h"

/* The socket for namespace ns (NULL: the host); NULL and *err on
 * failure.  Also forgets the previous request's error. */
struct nl_sock *netlink_sock(const char *ns, int *err);
/* A libnl result turned into 0/positive or the kernel's -errno. */
int netlink_errno(int nle);

#endif
