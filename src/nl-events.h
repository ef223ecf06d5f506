/* nl-events.h: the kernel's own notifications, one namespace at a time.
 *
 * An nl_events source is a non-blocking rtnetlink socket opened inside
 * one namespace and subscribed to its links, IPv4 addresses and routes
 * and neighbours (the bridge fdb comes as AF_BRIDGE neighbours).  Each
 * message is parsed with libnl into a struct nl_event, nstutor's own
 * small picture of it; changes.c decides what to say.  Only this file
 * and the other nl-*.c include libnl.
 */
#ifndef NSTUTOR_NL_EVENTS_H
#define NSTUTOR_NL_EVENTS_H

#include "system.h"

#include <net/if.h>

enum nl_event_kind {
	NL_EVENT_LINK,
	NL_EVENT_ADDR,
	NL_EVENT_ROUTE,
	NL_EVENT_NEIGH,
	NL_EVENT_FDB, /* a bridge fdb entry (AF_BRIDGE neighbour) */
};

#define NL_EVENT_ADDR_MAX 64 /* "11.11.11.0/24" and the like */

struct nl_event {
	enum nl_event_kind kind;
	bool deleted; /* RTM_DEL* */
	int ifindex;
	/* links */
	char name[IFNAMSIZ];
	char link_kind[16]; /* "veth", "bridge"; "" */
	unsigned int flags; /* IFF_* */
	int master;	    /* bridge ifindex (also of an fdb entry); 0 */
	int peer;	    /* IFLA_LINK: a veth's other end; 0 */
	unsigned char mac[6];
	bool has_mac; /* also the lladdr of a neighbour, fdb entry */
	/* addresses ("11.11.11.2/24"), routes and neighbours (dst) */
	char addr[NL_EVENT_ADDR_MAX];
	char gateway[NL_EVENT_ADDR_MAX]; /* "" when none */
	unsigned int table, protocol, type, scope;
	unsigned int state; /* NUD_* of a neighbour or fdb entry */
	unsigned int ntf;   /* NTF_* flags */
};

struct nl_events;

typedef void (*nl_event_fn)(const struct nl_event *ev, void *arg);

/* Opens a source in namespace ns (NULL: the host): 0 or -errno. */
int nl_events_open(const char *ns, struct nl_events **out);
void nl_events_close(struct nl_events *src);
/* Asks the kernel for every link, then every neighbour and fdb entry,
 * and hands fn each answer (and any notification read meanwhile) as if
 * it were a notification.  0 or -errno. */
int nl_events_dump(struct nl_events *src, nl_event_fn fn, void *arg);
/* Hands fn every message waiting (waiting up to wait_ms for the first
 * one); the number of messages read, or -errno.  -ENOBUFS: some were
 * lost (the socket's buffer overflowed). */
int nl_events_read(struct nl_events *src, int wait_ms, nl_event_fn fn,
		   void *arg);

#endif
