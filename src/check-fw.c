/* check-fw.c: the firewall's checks: a chain's policy, and a rule
 * found by its meaning (the same matches and target, however the
 * learner wrote them) in a chain or in a user chain it jumps to.
 *
 * A rule's spec is read as the iptables command reads it: the long and
 * short spellings of each option, "!" before one, matches loaded by -p
 * or -m, and the values read by the iptables command's own parsers
 * (ipt-args.c), whose words (caught, not printed) become the error.
 */
#include "system.h"

#include <stdarg.h>
#include <netinet/in.h>
#include <linux/netfilter.h>	/* after netinet/in.h */

#include "check-private.h"
#include "cmd-iptables.h"
#include "nf-ipt.h"
#include "particle.h"

/* ---- reading a rule's spec ---- */

enum spec_opt {
	SPEC_SRC = 1, SPEC_DST, SPEC_PROTO, SPEC_IN, SPEC_OUT, SPEC_JUMP,
	SPEC_GOTO, SPEC_MATCH, SPEC_SPORT, SPEC_DPORT, SPEC_ICMP, SPEC_CTSTATE,
	SPEC_REJECT, SPEC_TOPORTS, SPEC_TOSRC, SPEC_TODST, SPEC_LOGPREFIX,
};

static const struct {
	const char *word;
	enum spec_opt opt;
} spec_words[] = {
	{"-s", SPEC_SRC}, {"--source", SPEC_SRC}, {"--src", SPEC_SRC},
	{"-d", SPEC_DST}, {"--destination", SPEC_DST}, {"--dst", SPEC_DST},
	{"-p", SPEC_PROTO}, {"--protocol", SPEC_PROTO},
	{"-i", SPEC_IN}, {"--in-interface", SPEC_IN},
	{"-o", SPEC_OUT}, {"--out-interface", SPEC_OUT},
	{"-j", SPEC_JUMP}, {"--jump", SPEC_JUMP},
	{"-g", SPEC_GOTO}, {"--goto", SPEC_GOTO},
	{"-m", SPEC_MATCH}, {"--match", SPEC_MATCH},
	{"--sport", SPEC_SPORT}, {"--source-port", SPEC_SPORT},
	{"--dport", SPEC_DPORT}, {"--destination-port", SPEC_DPORT},
	{"--icmp-type", SPEC_ICMP},
	{"--ctstate", SPEC_CTSTATE}, {"--state", SPEC_CTSTATE},
	{"--reject-with", SPEC_REJECT},
	{"--to-ports", SPEC_TOPORTS},
	{"--to-source", SPEC_TOSRC},
	{"--to-destination", SPEC_TODST},
	{"--log-prefix", SPEC_LOGPREFIX},
};

struct spec {
	struct ipt_rule *r;
	bool invert;		/* "!" before this option */
	bool proto_set, jump_set;
	int l4;			/* tcp/udp loaded by -p or -m */
	char **error;
};

static int PRINTF_LIKE(2, 3) spec_refuse(struct spec *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = particle_vasprintf(s->error, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*s->error = NULL;
		return -ENOMEM;
	}
	return -EINVAL;
}

/* Runs one of ipt-args.c's parsers on word; its words are the error. */
static int value(struct spec *s, enum spec_opt opt, const char *word)
{
	struct ipt_rule *r = s->r;
	const char *l4 = s->l4 == IPPROTO_UDP ? "udp" : "tcp";
	char msg[256];
	int err;

	ipt_param_catch(msg, sizeof(msg));
	switch (opt) {
	case SPEC_SRC:
		err = ipt_parse_net(word, &r->src);
		break;
	case SPEC_DST:
		err = ipt_parse_net(word, &r->dst);
		break;
	case SPEC_PROTO:
		err = ipt_parse_proto(word, &r->proto);
		break;
	case SPEC_SPORT:
		err = ipt_parse_ports(word, l4, &r->sport);
		break;
	case SPEC_DPORT:
		err = ipt_parse_ports(word, l4, &r->dport);
		break;
	case SPEC_ICMP:
		err = ipt_parse_icmp(word, r);
		break;
	case SPEC_CTSTATE:
		err = ipt_parse_ctstate(word, &r->ctstate);
		break;
	case SPEC_REJECT:
		err = ipt_parse_reject(word, r);
		break;
	case SPEC_TOPORTS:
		err = ipt_parse_nat(word, r->proto, false, &r->nat);
		break;
	default:
		err = ipt_parse_nat(word, r->proto, true, &r->nat);
		break;
	}
	ipt_param_catch(NULL, 0);
	if (err < 0)
		return spec_refuse(s, _("%s in the rule: %s"), word, msg);
	return 0;
}

static int set_iface(struct spec *s, struct ipt_iface *i, const char *word)
{
	if (!*word || strlen(word) >= IFNAMSIZ)
		return spec_refuse(s, _("%s is not an interface name (at most "
					"15 characters)"), word);
	i->set = true;
	i->invert = s->invert;
	snprintf(i->name, sizeof(i->name), "%s", word);
	return 0;
}

static int set_jump(struct spec *s, enum spec_opt opt, const char *word)
{
	struct ipt_rule *r = s->r;

	if (s->jump_set)
		return spec_refuse(s, _("a rule has one target: give -j (or "
					"-g) once"));
	s->jump_set = true;
	if (!*word || strlen(word) > IPT_CHAIN_MAX)
		return spec_refuse(s, _("%s is not a target or chain name"),
				   word);
	snprintf(r->target, sizeof(r->target), "%s", word);
	r->verdict = opt == SPEC_GOTO ? IPT_GOTO : IPT_JUMP;
	if (opt == SPEC_JUMP && ipt_target_kind(word) != IPT_NONE)
		r->verdict = ipt_target_kind(word);
	if (r->verdict == IPT_REJECT)
		snprintf(r->reject_with, sizeof(r->reject_with),
			 "icmp-port-unreachable");
	return 0;
}

static int set_match(struct spec *s, const char *word)
{
	if (streq(word, "tcp") || streq(word, "udp"))
		s->l4 = streq(word, "tcp") ? IPPROTO_TCP : IPPROTO_UDP;
	else if (!streq(word, "icmp") && !streq(word, "conntrack") &&
		 !streq(word, "state"))
		return spec_refuse(s, _("checks know the matches tcp, udp, "
					"icmp and conntrack, not %s"), word);
	return 0;
}

static int set_ports(struct spec *s, enum spec_opt opt, const char *word)
{
	struct ipt_ports *p = opt == SPEC_SPORT ? &s->r->sport : &s->r->dport;
	int err;

	if (!s->l4)
		return spec_refuse(s, _("--sport and --dport need -p tcp or -p "
					"udp before them"));
	err = value(s, opt, word);
	p->invert = s->invert;
	return err;
}

/* Was this option given already (-s twice)? */
static bool spec_twice(const struct spec *s, enum spec_opt opt)
{
	const struct ipt_rule *r = s->r;

	switch (opt) {
	case SPEC_SRC:
		return r->src.set;
	case SPEC_DST:
		return r->dst.set;
	case SPEC_PROTO:
		return s->proto_set;
	case SPEC_IN:
		return r->in.set;
	case SPEC_OUT:
		return r->out.set;
	case SPEC_SPORT:
		return r->sport.set;
	case SPEC_DPORT:
		return r->dport.set;
	case SPEC_ICMP:
		return r->icmp_type_set;
	case SPEC_CTSTATE:
		return r->ctstate != 0;
	default:
		return false;
	}
}

static int spec_option(struct spec *s, enum spec_opt opt, const char *word,
		       const char *name)
{
	struct ipt_rule *r = s->r;
	int err;

	if (spec_twice(s, opt))
		return spec_refuse(s, _("%s is given twice: give each option "
					"once"), name);
	switch (opt) {
	case SPEC_SRC:
	case SPEC_DST:
		err = value(s, opt, word);
		(opt == SPEC_SRC ? &r->src : &r->dst)->invert = s->invert;
		return err;
	case SPEC_PROTO:
		s->proto_set = true;
		err = value(s, opt, word);
		r->proto_invert = s->invert;
		if (r->proto == IPPROTO_TCP || r->proto == IPPROTO_UDP)
			s->l4 = r->proto;
		return err;
	case SPEC_IN:
		return set_iface(s, &r->in, word);
	case SPEC_OUT:
		return set_iface(s, &r->out, word);
	case SPEC_JUMP:
	case SPEC_GOTO:
		return set_jump(s, opt, word);
	case SPEC_MATCH:
		return set_match(s, word);
	case SPEC_SPORT:
	case SPEC_DPORT:
		return set_ports(s, opt, word);
	case SPEC_CTSTATE:
		r->ctstate_invert = s->invert;
		return value(s, opt, word);
	case SPEC_LOGPREFIX:
		snprintf(r->log_prefix, 30, "%s", word);
		return 0;
	default:
		return value(s, opt, word);
	}
}

static enum spec_opt spec_word(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(spec_words); i++)
		if (streq(spec_words[i].word, word))
			return spec_words[i].opt;
	return 0;
}

int check_rule_parse(int argc, char *const argv[], struct ipt_rule *r,
		     char **error)
{
	struct spec s = {.r = r, .error = error};
	enum spec_opt opt;
	int err;

	ipt_rule_init(r);
	for (int i = 0; i < argc; i++) {
		if (streq(argv[i], "!")) {
			s.invert = true;
			continue;
		}
		opt = spec_word(argv[i]);
		if (!opt)
			return spec_refuse(&s, _("%s is not an option of an "
						 "iptables rule (checks know "
						 "-s -d -i -o -p -m --sport "
						 "--dport --icmp-type --ctstate "
						 "-j -g and the targets' "
						 "options)"), argv[i]);
		if (i + 1 == argc)
			return spec_refuse(&s, _("%s needs a value after it"),
					   argv[i]);
		err = spec_option(&s, opt, argv[i + 1], argv[i]);
		i++;
		if (err < 0)
			return err;
		s.invert = false;
	}
	if (s.invert)
		return spec_refuse(&s, _("\"!\" negates the option after it"));
	return 0;
}

/* ---- policy ---- */

/* "RED: " before a message about a namespace's firewall; "" for the
 * host's. */
static const char *fw_where(const char *word, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", check_ns(word) ? word : "",
		 check_ns(word) ? ": " : "");
	return buf;
}

static int read_table(const char *word, const char *table,
		      struct ipt_table *t, char *why, size_t size)
{
	char what[128];
	int err;

	if (!check_ns_exists(word, why, size))
		return 0;
	err = nf_ipt_read(check_ns(word), table, t);
	if (err < 0) {
		snprintf(what, sizeof(what), "%s (%s)", table, word);
		return check_cannot(why, size, what, err);
	}
	return 1;
}

int check_eval_policy(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *table = c->argv[1], *name = c->argv[2];
	const char *want = c->argv[3], *have;
	const struct ipt_chain *ch;
	struct ipt_table t;
	char at[80];
	int r;

	r = read_table(word, table, &t, why, size);
	if (r <= 0)
		return r;
	ch = nf_ipt_chain(&t, name);
	have = ch && ch->policy == NF_DROP ? "DROP" : "ACCEPT";
	r = streq(have, want);
	if (r)
		check_say(why, size, _("%s%s's policy is %s"),
			  fw_where(word, at, sizeof(at)), name, have);
	else
		check_say(why, size, _("%s%s's policy is %s, not %s"),
			  fw_where(word, at, sizeof(at)), name, have, want);
	nf_ipt_table_free(&t);
	return r;
}

/* ---- rule ---- */

/* The chain of t, from c on through the user chains its rules jump
 * to, that holds a rule meaning want; NULL when none does. */
static const struct ipt_chain *rule_search(const struct ipt_table *t,
					   const struct ipt_chain *c,
					   const struct ipt_rule *want,
					   bool *seen)
{
	const struct ipt_chain *found = NULL, *next;

	seen[c - t->chains] = true;
	for (size_t i = 0; i < c->n && !found; i++) {
		const struct ipt_rule *x = &c->rules[i];

		if (x->unreadable)
			continue;
		if (ipt_rule_same(x, want))
			return c;
		if (x->verdict != IPT_JUMP && x->verdict != IPT_GOTO)
			continue;
		next = nf_ipt_chain(t, x->target);
		if (next && !seen[next - t->chains])
			found = rule_search(t, next, want, seen);
	}
	return found;
}

/* Says that no rule in chain (of table) means want. */
static void rule_missing(const char *word, const char *table,
			 const char *chain, const struct ipt_rule *want,
			 char *why, size_t size)
{
	struct ipt_rule m = *want;
	char at[80], name[64], spec[256], matches[256];

	snprintf(name, sizeof(name), "%s%s%s", streq(table, "filter") ? "" :
		 table, streq(table, "filter") ? "" : " ", chain);
	ipt_rule_spec(want, NULL, spec, sizeof(spec));
	m.verdict = IPT_NONE;
	ipt_rule_spec(&m, NULL, matches, sizeof(matches));
	if (!matches[0])
		snprintf(matches, sizeof(matches), "%s", _("every packet"));
	fw_where(word, at, sizeof(at));
	if (want->verdict == IPT_ACCEPT)
		check_say(why, size, _("%sno rule in %s (or the chains it jumps "
				       "to) accepts %s"), at, name, matches);
	else if (want->verdict == IPT_DROP)
		check_say(why, size, _("%sno rule in %s (or the chains it jumps "
				       "to) drops %s"), at, name, matches);
	else
		check_say(why, size, _("%sno rule in %s (or the chains it jumps "
				       "to) is %s"), at, name, spec);
}

int check_eval_rule(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *table = c->argv[1], *name = c->argv[2];
	const struct ipt_chain *ch, *in = NULL;
	struct ipt_rule want;
	struct ipt_table t;
	char *error = NULL, at[80], spec[256];
	bool *seen;
	int r;

	r = check_rule_parse(c->argc - 3, c->argv + 3, &want, &error);
	free(error);
	if (r < 0)
		return r;
	r = read_table(word, table, &t, why, size);
	if (r <= 0)
		return r;
	ch = nf_ipt_chain(&t, name);
	seen = calloc(t.n ? t.n : 1, sizeof(*seen));
	if (!seen) {
		nf_ipt_table_free(&t);
		return -ENOMEM;
	}
	if (ch)
		in = rule_search(&t, ch, &want, seen);
	fw_where(word, at, sizeof(at));
	ipt_rule_spec(&want, NULL, spec, sizeof(spec));
	if (!ch)
		check_say(why, size, _("%sthe %s table has no chain %s"), at,
			  table, name);
	else if (!in)
		rule_missing(word, table, name, &want, why, size);
	else if (in == ch)
		check_say(why, size, _("%s%s has the rule %s"), at, name, spec);
	else
		check_say(why, size, _("%s%s has the rule %s (%s jumps there)"),
			  at, in->name, spec, name);
	free(seen);
	nf_ipt_table_free(&t);
	return in != NULL;
}
