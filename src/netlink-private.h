/* netlink-private.h: what the nl-*.c modules share; includes libnl. */
#ifndef NSTUTOR_NETLINK_PRIVATE_H
#define NSTUTOR_NETLINK_PRIVATE_H

#include "system.h"

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "netlink.h"

/* The socket for namespace ns (NULL: the host); NULL and *err on
 * failure.  Also forgets the previous request's error. */
struct nl_sock *netlink_sock(const char *ns, int *err);
/* A libnl result turned into 0/positive or the kernel's -errno. */
int netlink_errno(int nle);

/* A u32 attribute's value into *v; false when it is absent or short. */
static inline bool netlink_u32(struct nlattr *a, unsigned int *v)
{
	if (!a || nla_len(a) < 4)
		return false;
	*v = nla_get_u32(a);
	return true;
}

/* Called with each reply; 0 to go on, or a -errno that stops the
 * receive and becomes its result. */
typedef int (*netlink_reply_fn)(struct nlmsghdr *h, void *arg);

/* Sends msg (still the caller's to free) on ns's socket and hands
 * every reply to fn: all of a dump, or a request's one answer (whose
 * ACK is then read too).  0 or -errno. */
int netlink_talk(const char *ns, struct nl_msg *msg, netlink_reply_fn fn,
		 void *arg);
/* A dump of message type `type` whose fixed header is hdr. */
int netlink_dump(const char *ns, int type, const void *hdr, size_t len,
		 netlink_reply_fn fn, void *arg);

/* Room for one more item in a growing array of n items of elem bytes:
 * the zeroed slot items[n] (n itself is the caller's to advance), or
 * NULL when memory ran out. */
void *netlink_vec_slot(void **items, size_t n, size_t elem);

/* Collects a dump into an array: every reply that parse() accepts (0)
 * becomes one more item.  Pass netlink_collect as the reply fn. */
struct netlink_array {
	void **items;
	size_t *n;
	size_t elem;
	int (*parse)(struct nlmsghdr *h, void *item);
};
int netlink_collect(struct nlmsghdr *h, void *array);
/* A dump of type (fixed header hdr) into the array, emptied first and
 * freed again on failure. */
int netlink_dump_array(const char *ns, int type, const void *hdr,
		       size_t len, struct netlink_array *array);

/* Sends a change (msg, freed here; NULL means memory ran out) on ns's
 * socket and waits for the kernel's answer: 0 or its -errno. */
int netlink_change(const char *ns, struct nl_msg *msg);

#endif
