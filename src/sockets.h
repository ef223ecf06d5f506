/* sockets.h: every socket nstutor keeps inside a namespace, at once.
 *
 * rtnetlink (netlink.c), nfnetlink (nf-batch.c), the change watch
 * (changes.c) and captures (capture.c, tcpdump.c) each keep sockets in
 * the namespaces they serve.  A socket keeps its namespace alive, so
 * before a namespace is deleted, or once it was deleted behind
 * nstutor's back, all of them must let go: these do it in one call.
 */
#ifndef NSTUTOR_SOCKETS_H
#define NSTUTOR_SOCKETS_H

#include "system.h"

/* Closes every socket held in namespace ns (about to be deleted, or
 * made anew). */
void sockets_forget(const char *ns);
/* Closes those held in namespaces deleted or replaced behind nstutor's
 * back; once per command. */
void sockets_forget_deleted(void);

#endif
