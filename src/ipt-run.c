/* ipt-run.c: carrying out an iptables command line that
 * cmd-iptables.c has read: against the table nf-ipt.h reads, with
 * iptables 1.8.9's checks and errors, and hints that name the chain or
 * target the learner probably meant.
 */
#include "system.h"

#include <ctype.h>
#include <netinet/in.h>
#include <linux/netfilter.h>	/* after netinet/in.h */
#include <stdint.h>

#include "cmd-iptables.h"
#include "cmd.h"
#include "nf-ipt.h"
#include "out.h"
#include "particle.h"
#include "sysctl.h"

/* "iptables: MSG." with a hint: the errors of iptables' own checks. */
int ipt_error(struct ipt_line *l, const char *msg, const char *hint)
{
	out_error("iptables: %s.", msg);
	if (hint)
		out_hint("%s", hint);
	return ipt_fail(l, IPT_EXIT_OTHER);
}

/* Edit distance of a and b, ignoring case (short names only). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[IPT_CHAIN_MAX + 2];

	if (la > IPT_CHAIN_MAX || lb > IPT_CHAIN_MAX)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag +
				(toupper((unsigned char)a[i - 1]) !=
				 toupper((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The chain of t (or target name, when targets) nearest to name. */
static const char *nearest(const struct ipt_table *t, const char *name,
			   bool with_targets)
{
	const char *best = NULL;
	size_t best_d = 3, d;

	for (size_t i = 0; i < t->n; i++) {
		d = distance(name, t->chains[i].name);
		if (d < best_d) {
			best_d = d;
			best = t->chains[i].name;
		}
	}
	for (int k = IPT_ACCEPT; with_targets && k <= IPT_LOG; k++) {
		const char *word = ipt_target_word(k);

		d = word ? distance(name, word) : SIZE_MAX;
		if (d < best_d) {
			best_d = d;
			best = word;
		}
	}
	return best;
}

/* The built-in chain of table nearest to name, or NULL. */
static const char *nearest_builtin(const char *table, const char *name)
{
	static const char *const names[] = {"INPUT", "FORWARD", "OUTPUT",
					    "PREROUTING", "POSTROUTING"};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (nf_ipt_builtin(table, names[i]) &&
		    distance(name, names[i]) <= 2)
			return names[i];
	return NULL;
}

static void chain_hint(const struct ipt_line *l, const struct ipt_table *t,
		       const char *name)
{
	const char *other = streq(l->table, "nat") ? "filter" : "nat";
	const char *near = nearest(t, name, false);
	char list[256] = "";
	size_t used = 0;

	if (nf_ipt_builtin(other, name)) {
		out_hint(_("%s is a chain of the %s table: add \"-t %s\"."),
			 name, other, other);
		return;
	}
	if (near) {
		out_hint(_("There is no chain %s in table %s; did you mean "
			   "%s?"), name, l->table, near);
		return;
	}
	near = nearest_builtin(other, name);
	if (near) {
		out_hint(_("There is no chain %s in table %s; did you mean "
			   "%s, a chain of the %s table (-t %s)?"),
			 name, l->table, near, other, other);
		return;
	}
	for (size_t i = 0; i < t->n && used < sizeof(list); i++)
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", t->chains[i].name);
	out_hint(_("There is no chain %s in table %s; it has: %s."), name,
		 l->table, list);
}

static int no_chain(struct ipt_line *l, const struct ipt_table *t)
{
	ipt_error(l, "No chain/target/match by that name", NULL);
	chain_hint(l, t, l->chain);
	return -1;
}

static int incompatible(struct ipt_line *l, const struct ipt_table *t)
{
	out_error("%s: chain `%s' in table `%s' is incompatible, use 'nft' "
		  "tool.", IPT_PROGRAM, l->chain, l->table);
	chain_hint(l, t, l->chain);
	return ipt_fail(l, IPT_EXIT_OTHER);
}

static const char *op_name(int cmd)
{
	switch (cmd) {
	case 'A':
		return "RULE_APPEND";
	case 'I':
		return "RULE_INSERT";
	case 'R':
		return "RULE_REPLACE";
	case 'D':
		return "RULE_DELETE";
	case 'N':
		return "CHAIN_USER_ADD";
	case 'X':
		return "CHAIN_DEL";
	case 'P':
		return "CHAIN_UPDATE";
	}
	return "RULE_FLUSH";
}

/* A change the kernel (or nf-ipt) refused, in iptables' words. */
static int nf_failed(struct ipt_line *l, int err, const char *hint)
{
	bool rule = strchr("AIRD", l->cmd) != NULL;

	if (err == -EPERM) {
		out_error("%s: Could not fetch rule set generation id: "
			  "Permission denied (you must be root)", IPT_PROGRAM);
		out_hint(_("Changing the firewall needs root (CAP_NET_ADMIN); "
			   "nstutor's sandbox world gives you that."));
		return ipt_fail(l, IPT_EXIT_RESOURCE);
	}
	if (err == -ENOENT)
		return ipt_error(l, "No chain/target/match by that name", hint);
	if (err == -EEXIST)
		return ipt_error(l, "Chain already exists", hint);
	out_error("%s:  %s failed (%s): %s %s", IPT_PROGRAM, op_name(l->cmd),
		  out_strerror(err), rule ? "rule in chain" : "chain",
		  l->chain ? l->chain : "");
	out_hint("%s", hint ? hint : _("The kernel refused this change; the "
				       "firewall is as it was."));
	return ipt_fail(l, IPT_EXIT_RESOURCE);
}

static bool bridged_forward_drops(const struct ipt_line *l,
				  const struct ipt_table *t)
{
	const struct ipt_chain *fw = nf_ipt_chain(t, "FORWARD");
	char value[16];

	if (!streq(l->table, "filter") || !fw || fw->policy != NF_DROP)
		return false;
	if (l->chain && !streq(l->chain, "FORWARD"))
		return false;
	return sysctl_get(l->ctx->netns, "net.bridge.bridge-nf-call-iptables",
			  value, sizeof(value)) > 0 && streq(value, "1");
}

/* iptables-nft stops where it cannot read a rule, and says so. */
static int unreadable(struct ipt_line *l)
{
	fflush(stdout);
	out_error("%s: Parsing nftables rule failed\nPerhaps iptables or "
		  "your kernel needs to be upgraded.", IPT_PROGRAM);
	out_hint(_("A rule here was made with nft, not iptables; \"nft list "
		   "ruleset\" shows it."));
	return ipt_fail(l, IPT_EXIT_VERSION);
}

static bool list_chains(struct ipt_line *l, const struct ipt_table *t,
			const struct ipt_chain *only)
{
	bool first = true;

	for (size_t i = 0; i < t->n; i++) {
		if (only && only != &t->chains[i])
			continue;
		if (!first)
			putchar('\n');
		first = false;
		if (!ipt_print_chain_list(&t->chains[i], l->num, l->fmt))
			return false;
	}
	return true;
}

static bool spec_chains(struct ipt_line *l, const struct ipt_table *t,
			const struct ipt_chain *only)
{
	for (size_t i = 0; i < t->n && !l->num; i++)
		if (!only || only == &t->chains[i])
			ipt_print_chain_spec(&t->chains[i], l->fmt);
	for (size_t i = 0; i < t->n; i++)
		if ((!only || only == &t->chains[i]) &&
		    !ipt_print_chain_rules(&t->chains[i], l->num, l->fmt))
			return false;
	return true;
}

static int list(struct ipt_line *l, const struct ipt_table *t)
{
	const struct ipt_chain *c = l->chain ? nf_ipt_chain(t, l->chain) : NULL;
	bool done;

	if (l->chain && !c)
		return incompatible(l, t);
	done = l->cmd == 'L' ? list_chains(l, t, c) : spec_chains(l, t, c);
	if (!done)
		return unreadable(l);
	if (l->cmd == 'L' && bridged_forward_drops(l, t))
		out_note(_("bridged frames go through FORWARD here because "
			   "bridge-nf-call-iptables=1"));
	return 0;
}

static int set_policy(struct ipt_line *l, const struct ipt_chain *c)
{
	int policy, err;

	if (!c || !c->builtin)
		return ipt_error(l, "Bad built-in chain name",
				 c ? _("Only built-in chains (INPUT, FORWARD, "
				       "OUTPUT ...) have a policy; a user "
				       "chain returns to its caller.") :
				     _("Policies belong to the built-in "
				       "chains: INPUT, FORWARD, OUTPUT (and "
				       "PREROUTING, POSTROUTING in nat)."));
	if (!streq(l->policy, "ACCEPT") && !streq(l->policy, "DROP")) {
		out_error("iptables: Bad policy name. Run `dmesg' for more "
			  "information.");
		out_hint(_("A policy is ACCEPT or DROP, in capitals."));
		return ipt_fail(l, IPT_EXIT_OTHER);
	}
	policy = streq(l->policy, "DROP") ? NF_DROP : NF_ACCEPT;
	err = nf_ipt_policy(l->ctx->netns, l->table, l->chain, policy);
	return err < 0 ? nf_failed(l, err, NULL) : 0;
}

static int new_chain(struct ipt_line *l, const struct ipt_chain *c)
{
	int err;

	if (strlen(l->chain) > IPT_CHAIN_MAX - 1) {
		ipt_param_error(_("Chain names are at most 28 characters."),
				"chain name `%s' too long (must be under %d "
				"chars)", l->chain, IPT_CHAIN_MAX);
		return ipt_param_fail(l);
	}
	if (c)
		return ipt_error(l, "Chain already exists",
				 _("There already is a chain of that name; "
				   "-F CHAIN empties it."));
	err = nf_ipt_chain_add(l->ctx->netns, l->table, l->chain);
	return err < 0 ? nf_failed(l, err, NULL) : 0;
}

static bool chain_busy(const struct ipt_chain *c)
{
	return c->builtin || c->n > 0 || c->references > 0;
}

static int chain_busy_error(struct ipt_line *l, const struct ipt_chain *c)
{
	l->chain = c->name;
	return nf_failed(l, -EBUSY, c->builtin ?
			 _("Built-in chains cannot be deleted.") :
			 _("A chain must be empty and unused before -X: "
			   "empty it with -F and delete the rules that jump "
			   "to it."));
}

static int delete_chain(struct ipt_line *l, const struct ipt_table *t,
			const struct ipt_chain *c)
{
	int err;

	if (c && chain_busy(c))
		return chain_busy_error(l, c);
	for (size_t i = 0; !c && i < t->n; i++)
		if (!t->chains[i].builtin && chain_busy(&t->chains[i]))
			return chain_busy_error(l, &t->chains[i]);
	err = nf_ipt_chain_del(l->ctx->netns, l->table, l->chain);
	return err < 0 ? nf_failed(l, err, NULL) : 0;
}

static int check_jump(struct ipt_line *l, const struct ipt_table *t)
{
	const struct ipt_rule *r = &l->rule;
	const struct ipt_chain *c;
	const char *near;

	if (r->verdict != IPT_JUMP && r->verdict != IPT_GOTO)
		return 0;
	c = nf_ipt_chain(t, r->target);
	if (c && c->builtin)
		return nf_failed(l, -EOPNOTSUPP,
				 _("Rules jump only to chains made with -N; "
				   "built-in chains are entered by the "
				   "kernel."));
	if (c)
		return 0;
	near = nearest(t, r->target, r->verdict == IPT_JUMP);
	out_error("%s: Chain '%s' does not exist\nTry `iptables -h' or "
		  "'iptables --help' for more information.", IPT_PROGRAM,
		  r->target);
	if (near)
		out_hint(_("There is no target or chain %s; did you mean "
			   "%s?"), r->target, near);
	else
		out_hint(_("Targets are ACCEPT, DROP, REJECT, RETURN, LOG, "
			   "MASQUERADE, SNAT, DNAT, or a chain made with "
			   "-N."));
	return ipt_param_fail(l);
}

/* Is target allowed in chain c of table (as the kernel checks)? */
static bool target_fits(const struct ipt_line *l, const struct ipt_chain *c)
{
	enum ipt_verdict_kind v = l->rule.verdict;
	bool nat = streq(l->table, "nat");

	if (v == IPT_REJECT)
		return !nat && (strcmp(l->rule.reject_with, "tcp-reset") != 0 ||
				l->rule.proto == IPPROTO_TCP);
	if (v != IPT_MASQUERADE && v != IPT_SNAT && v != IPT_DNAT)
		return !(l->l4 && !l->rule.proto);
	if (!nat)
		return false;
	if (!c->builtin)
		return true;
	if (v == IPT_DNAT)
		return streq(c->name, "PREROUTING") || streq(c->name, "OUTPUT");
	return streq(c->name, "POSTROUTING") || streq(c->name, "INPUT");
}

static const char *misfit_hint(const struct ipt_line *l)
{
	switch (l->rule.verdict) {
	case IPT_MASQUERADE:
	case IPT_SNAT:
		return _("MASQUERADE and SNAT belong in -t nat POSTROUTING.");
	case IPT_DNAT:
		return _("DNAT belongs in -t nat PREROUTING (or OUTPUT).");
	case IPT_REJECT:
		return _("REJECT belongs in the filter table, and "
			 "--reject-with tcp-reset needs -p tcp.");
	default:
		return _("-m tcp and -m udp need the same -p in the rule.");
	}
}

static int find_rule(const struct ipt_chain *c, const struct ipt_rule *r)
{
	for (size_t i = 0; i < c->n; i++)
		if (ipt_rule_same(&c->rules[i], r))
			return (int)i + 1;
	return 0;
}

static int bad_rule(struct ipt_line *l)
{
	char hint[256];

	particle_snprintf(hint, sizeof(hint),
			  _("No rule of %s is this one; \"iptables -S %s\" "
			    "shows its rules as they are typed."),
			  l->chain, l->chain);
	return ipt_error(l, "Bad rule (does a matching rule exist in that "
			 "chain?)", hint);
}

static int index_error(struct ipt_line *l, const char *what,
		       const struct ipt_chain *c)
{
	char msg[64], hint[256];

	snprintf(msg, sizeof(msg), "Index of %s too big", what);
	snprintf(hint, sizeof(hint),
		 _("Chain %s has %zu rules; \"iptables -L %s --line-numbers\" "
		   "shows their numbers."), c->name, c->n, c->name);
	return ipt_error(l, msg, hint);
}

static int change_rule(struct ipt_line *l, const struct ipt_chain *c)
{
	const char *ns = l->ctx->netns;
	int err, pos;

	if (strchr("AIR", l->cmd) && !target_fits(l, c))
		return nf_failed(l, -EINVAL, misfit_hint(l));
	switch (l->cmd) {
	case 'A':
		err = nf_ipt_rule_add(ns, l->table, l->chain, &l->rule, 0);
		break;
	case 'I':
		if (l->num > c->n + 1)
			return index_error(l, "insertion", c);
		err = nf_ipt_rule_add(ns, l->table, l->chain, &l->rule,
				      l->num ? l->num : 1);
		break;
	case 'R':
		if (l->num > c->n)
			return index_error(l, "replacement", c);
		err = nf_ipt_rule_replace(ns, l->table, l->chain, l->num,
					  &l->rule);
		break;
	case 'C':
		return find_rule(c, &l->rule) ? 0 : bad_rule(l);
	default:
		if (l->num > c->n)
			return index_error(l, "deletion", c);
		pos = l->num ? (int)l->num : find_rule(c, &l->rule);
		if (!pos)
			return bad_rule(l);
		err = nf_ipt_rule_del(ns, l->table, l->chain, (size_t)pos,
				      &l->rule);
	}
	return err < 0 ? nf_failed(l, err, NULL) : 0;
}

static int act(struct ipt_line *l, const struct ipt_table *t)
{
	const struct ipt_chain *c = l->chain ? nf_ipt_chain(t, l->chain) : NULL;
	int err;

	if (l->cmd == 'L' || l->cmd == 'S')
		return list(l, t);
	if (l->cmd == 'P')
		return set_policy(l, c);
	if (l->cmd == 'N')
		return new_chain(l, c);
	if (l->chain && !c)
		return no_chain(l, t);
	if (l->cmd == 'X')
		return delete_chain(l, t, c);
	if (l->cmd == 'F' || l->cmd == 'Z') {
		err = l->cmd == 'F' ?
			      nf_ipt_flush(l->ctx->netns, l->table, l->chain) :
			      nf_ipt_zero(l->ctx->netns, l->table, l->chain);
		return err < 0 ? nf_failed(l, err, NULL) : 0;
	}
	return change_rule(l, c);
}

static int check_chain_name(struct ipt_line *l)
{
	if (l->cmd != 'N' || l->chain[0] != '-')
		return 0;
	ipt_param_error(_("Chain names start with a letter, like NAVY."),
			"chain name not allowed to start with `-'");
	return ipt_param_fail(l);
}

int ipt_run(struct ipt_line *l)
{
	struct ipt_table t;
	int err;

	if (check_chain_name(l) < 0)
		return -1;
	err = nf_ipt_read(l->ctx->netns, l->table, &t);
	if (err < 0) {
		nf_ipt_table_free(&t);
		if (err == -EPERM)
			return nf_failed(l, err, NULL);
		out_error("%s: %s", IPT_PROGRAM, out_strerror(err));
		out_hint(_("nstutor could not read the firewall of this "
			   "namespace."));
		return ipt_fail(l, IPT_EXIT_RESOURCE);
	}
	err = strchr("AIRDC", l->cmd) ? check_jump(l, &t) : 0;
	if (err == 0)
		err = act(l, &t);
	nf_ipt_table_free(&t);
	return err;
}
