/* changes.h: what the kernel now holds differently, after each command.
 *
 * A netlink socket in every namespace of the world listens to the
 * kernel's own notifications (links, IPv4 addresses and routes,
 * neighbours, bridge fdb entries) and a watch on the netns directory
 * sees namespaces come and go.  changes_begin() takes in what arrived
 * before the command without a word; changes_report() then says, one
 * note per change, what the command (and the traffic it caused) did:
 * "created veth pair reth0 (RED) ⇄ reth1 (host)", "new neighbour
 * 11.11.11.3 → 3a:c6:51:d6:08:40 on reth0 (RED, learned by ARP)",
 * "bridge br0 learned 3a:c6:51:d6:08:40 on port beth1".  Nothing is
 * guessed: every line comes from a notification.  --plain says nothing
 * (and opens no sockets).
 */
#ifndef NSTUTOR_CHANGES_H
#define NSTUTOR_CHANGES_H

#include "system.h"

void changes_begin(void);
void changes_report(void);
/* The command itself says what it changed ("reset" lists what it
 * removed): this time changes_report() takes the news in silently. */
void changes_hush(void);
/* Closes the socket held in namespace ns. */
void changes_forget(const char *ns);
void changes_forget_deleted(void);
/* Closes everything (nstutor ends). */
void changes_end(void);

#endif
