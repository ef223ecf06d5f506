/* check.h: what must hold in the kernel, as a lesson says it.
 *
 * One predicate module for guided mode and --check alike.  A check is
 * parsed from one line of a lesson ("link host reth1 up", "rule host
 * filter FORWARD -s 11.11.11.0/24 -j ACCEPT"; lessons/README.md lists
 * them) and evaluated against the world through the same query
 * functions the show commands use (nl-*.h, nf-ipt.h, sysctl.h).  A
 * failing check says what is wrong in words ("reth1 exists but is
 * DOWN").  Evaluating never changes the world, except that ping and
 * http send packets between the lab's own namespaces.
 */
#ifndef NSTUTOR_CHECK_H
#define NSTUTOR_CHECK_H

#include "system.h"

enum check_kind {
	CHECK_NONE,
	CHECK_NETNS,
	CHECK_LINK,		/* exists; and see link_what */
	CHECK_ADDR,
	CHECK_ROUTE,
	CHECK_NEIGH,
	CHECK_FDB,
	CHECK_SYSCTL,
	CHECK_POLICY,
	CHECK_RULE,
	CHECK_PING,
	CHECK_NOPING,
	CHECK_HTTP,
};

#define CHECK_WORDS_MAX 24

struct check {
	enum check_kind kind;
	bool negate;		/* "!" */
	int argc;		/* the words after the kind */
	char *argv[CHECK_WORDS_MAX];
	char *text;		/* the line as written, for messages */
};

/* Parses one check; 0, or -EINVAL with *error set to what was expected
 * (free it).  The check owns copies of the words. */
int check_parse(const char *line, struct check *c, char **error);
void check_free(struct check *c);

/* Does it hold now?  When it does not, why says so in words (the
 * learner's language).  Returns 1 holds, 0 does not, -errno when it
 * could not be asked (why says so too). */
int check_eval(const struct check *c, char *why, size_t size);

/* Does the check send packets (ping, noping, http)? */
bool check_probes(const struct check *c);

struct topo_focus;
/* What c is about, for "topology" to make stand out: its namespace,
 * and the link it names (none for a route, sysctl, policy or rule);
 * why is left as it is. */
void check_focus(const struct check *c, struct topo_focus *f);

#endif
