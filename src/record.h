/* record.h: what each change of the world writes in the journal.
 *
 * Every change that makes an object funnels through one function
 * (netns_add, link_create, link_change, addr_add, route_change,
 * neigh_change, sysctl_write), and each calls its record_*() first and
 * record_end() last:
 *
 *	int err = record_thing(ns, ...);
 *
 *	if (err == 0)
 *		err = <make the change>;
 *	return record_end(err);
 *
 * record_*() takes the world lock (so changes of two nstutor processes
 * never interleave) and journals the objects the change is about to
 * make, before it makes them; record_end() takes those lines back when
 * the change failed, and unlocks.  An object that is there already is
 * not journaled: the kernel would refuse to make it again, or the
 * change would only modify it, and reset must never delete it.  They
 * return 0 or -errno (the journal could not be written; said why).
 */
#ifndef NSTUTOR_RECORD_H
#define NSTUTOR_RECORD_H

#include "system.h"

#include "nl-addr.h"
#include "nl-link.h"
#include "nl-neigh.h"
#include "nl-route.h"

int record_netns_add(const char *name);
/* A link of s->type (and its veth peer) in ns, or where s moves it. */
int record_link_create(const char *ns, const struct link_spec *s,
		       const struct link_spec *peer);
/* A rename or a move to another namespace. */
int record_link_change(const char *ns, int ifindex,
		       const struct link_spec *s);
int record_addr_add(const char *ns, const struct addr_req *r);
/* Only add, replace, prepend and append can make a route. */
int record_route(const char *ns, enum route_op op, const struct route *r);
/* Only add and replace can make an entry. */
int record_neigh(const char *ns, enum neigh_op op, const struct neigh *n);
/* path under /proc/sys/, with the value it has now. */
int record_sysctl(const char *ns, const char *path);
/* The firewall (nf-ipt-write.c): a change begins with record_nf_begin()
 * (the world lock), reads the table, journals with the record_nf_*()
 * below what it is about to make, and ends with record_end().  A new
 * rule is journaled twice: its text (nf_rule_text) before it is added,
 * and its handle, under the same lock, once the kernel has told it. */
int record_nf_begin(void);
int record_nf_table(const char *ns, const char *table);
int record_nf_chain(const char *ns, const char *table, const char *chain);
int record_nf_rule(const char *ns, const char *table, const char *chain,
		   const char *text);
int record_nf_handle(const char *ns, const char *table, const char *chain,
		     unsigned long long handle, const char *text);
/* A built-in chain's policy, with the one it has now. */
int record_nf_policy(const char *ns, const char *table, const char *chain,
		     int old);
/* Ends the change: err < 0 takes its lines back.  Returns err. */
int record_end(int err);

#endif
