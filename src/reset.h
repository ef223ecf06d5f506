/* reset.h: undoing the journal, and nothing else.
 *
 * reset_world() holds the world lock throughout and records nothing
 * while it works.  It reads the journal and follows every link nstutor
 * made through its renames and moves to where it is now; then it puts
 * back the links that were there before and that nstutor renamed or
 * moved; deletes the links it made (all of a namespace's in one
 * request, through a link group); deletes the namespaces it made
 * (everything inside goes with them); deletes the addresses, routes and
 * neighbour entries it made that are still there; writes back the
 * sysctls it changed (the oldest value wins); removes the firewall
 * rules it added (by handle, and only while the rule there is still the
 * one it added), the user chains and tables it made, and puts back the
 * policies it changed (the oldest wins).  What is already gone is
 * skipped; other failures are said and it goes on.  The journal is
 * emptied when everything was undone.
 */
#ifndef NSTUTOR_RESET_H
#define NSTUTOR_RESET_H

#include "system.h"

#include "journal.h"

/* What reset did, for the summary. */
enum reset_part {
	RESET_NETNS,		/* namespaces removed */
	RESET_LINK,		/* links removed */
	RESET_ADDR,		/* addresses removed ("CIDR on DEV") */
	RESET_ROUTE,		/* routes removed */
	RESET_NEIGH,		/* neighbour entries removed */
	RESET_MOVED_BACK,	/* links put back ("eth1", "eth1 (from RED)") */
	RESET_SYSCTL,		/* sysctls put back ("KEY = VALUE") */
	RESET_FW_RULE,		/* firewall rules removed ("-A FORWARD ...") */
	RESET_FW_CHAIN,		/* chains and tables removed ("chain NAVY
				   (filter)", "table nat") */
	RESET_FW_POLICY,	/* policies put back ("-P FORWARD ACCEPT
				   (filter)") */
	RESET_LEFT_NETNS,	/* namespaces left alone (nstutor did not
				   make them) */
	RESET_LEFT_LINK,	/* host links left alone */
	RESET_PARTS
};

struct reset_report {
	size_t n[RESET_PARTS];
	char **items[RESET_PARTS];
	bool journal_empty;	/* there was nothing to undo */
	int failures;		/* undo steps that failed (said so) */
};

/* Undoes the journal, and the objects of extra too (journal lines of
 * objects a lesson names; NULL for none).  0, or -errno when it could
 * not start (said why); *rep says what it did. */
int reset_world(const struct journal *extra, struct reset_report *rep);
void reset_report_free(struct reset_report *rep);

#endif
