/* check-private.h: what the check modules share.
 *
 * check.c parses a check and dispatches it; check-net.c evaluates the
 * checks of links, addresses, routes, neighbours, the fdb and sysctls;
 * check-fw.c those of the firewall (and parses a rule's spec);
 * check-probe.c ping, noping and http.  Every evaluator returns 1 when
 * its (positive) check holds, 0 when it does not, or -errno when it
 * could not ask; in every case it writes in why what it found: the
 * reason the check fails, or, when it holds, what holds (which is why
 * a negated check fails).
 */
#ifndef NSTUTOR_CHECK_PRIVATE_H
#define NSTUTOR_CHECK_PRIVATE_H

#include "system.h"

#include "check.h"
#include "ipt.h"

struct link;
struct link_list;

/* Writes the message into why (truncated to size). */
void check_say(char *why, size_t size, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
/* "could not read WHAT: ERROR" into why; returns err (negative). */
int check_cannot(char *why, size_t size, const char *what, int err);

/* The namespace a check's NS word names: NULL for "host". */
const char *check_ns(const char *word);
/* 1 when the namespace exists, or 0 with "there is no namespace NS"
 * in why. */
int check_ns_exists(const char *word, char *why, size_t size);
/* Finds link dev in namespace word: 1 with *out, 0 with "RED has no
 * link reth0 (it has: lo, veth0)" in why, or -errno. */
int check_link_lookup(const char *word, const char *dev, struct link *out,
		      char *why, size_t size);

/* "RED has no link reth0 (it has: lo, veth0)", l the links of RED. */
void check_link_missing(const char *word, const char *dev,
			const struct link_list *l, char *why, size_t size);

/* check-net.c */
int check_eval_netns(const struct check *c, char *why, size_t size);
int check_eval_link(const struct check *c, char *why, size_t size);
int check_eval_addr(const struct check *c, char *why, size_t size);
int check_eval_route(const struct check *c, char *why, size_t size);
int check_eval_neigh(const struct check *c, char *why, size_t size);
int check_eval_fdb(const struct check *c, char *why, size_t size);
int check_eval_sysctl(const struct check *c, char *why, size_t size);

/* check-fw.c */
/* Reads an iptables rule spec ("-s 11.11.11.0/24 -j ACCEPT") the way
 * the iptables command does; 0, or -EINVAL with *error (free it). */
int check_rule_parse(int argc, char *const argv[], struct ipt_rule *r,
		     char **error);
int check_eval_policy(const struct check *c, char *why, size_t size);
int check_eval_rule(const struct check *c, char *why, size_t size);

/* check-probe.c */
int check_eval_ping(const struct check *c, char *why, size_t size);
int check_eval_http(const struct check *c, char *why, size_t size);

#endif
