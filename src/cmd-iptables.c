/* cmd-iptables.c: "iptables [-t filter|nat] COMMAND ...", read the way
 * iptables 1.8.9 (nf_tables) reads its command line (getopt's clusters
 * and long options, "!", options of matches and targets known only once
 * these are loaded), refused with iptables' own words and exit
 * statuses; ipt-run.c carries it out.
 */
#include "system.h"

#include <netinet/in.h>

#include "cmd-iptables.h"
#include "cmd.h"
#include "nf-ipt.h"
#include "out.h"

enum opt_id {
	O_LINENUM = 256, O_SPORT, O_DPORT, O_ICMP, O_CTSTATE, O_REJECT,
	O_TOPORTS, O_TOSRC, O_TODST, O_LOGPREFIX,
};

enum arg_kind { ARG_NONE, ARG_REQ, ARG_CHAIN };

struct ipt_opt {
	const char *name;	/* long name, without "--" */
	int id;			/* the short letter, or O_* */
	enum arg_kind arg;
};

static const struct ipt_opt main_opts[] = {
	{"append", 'A', ARG_REQ},	 {"check", 'C', ARG_REQ},
	{"delete", 'D', ARG_REQ},	 {"insert", 'I', ARG_REQ},
	{"replace", 'R', ARG_REQ},	 {"list", 'L', ARG_CHAIN},
	{"list-rules", 'S', ARG_CHAIN},	 {"flush", 'F', ARG_CHAIN},
	{"zero", 'Z', ARG_CHAIN},	 {"new-chain", 'N', ARG_REQ},
	{"delete-chain", 'X', ARG_CHAIN}, {"rename-chain", 'E', ARG_REQ},
	{"policy", 'P', ARG_REQ},	 {"source", 's', ARG_REQ},
	{"src", 's', ARG_REQ},		 {"destination", 'd', ARG_REQ},
	{"dst", 'd', ARG_REQ},		 {"protocol", 'p', ARG_REQ},
	{"in-interface", 'i', ARG_REQ},	 {"jump", 'j', ARG_REQ},
	{"table", 't', ARG_REQ},	 {"match", 'm', ARG_REQ},
	{"numeric", 'n', ARG_NONE},	 {"out-interface", 'o', ARG_REQ},
	{"verbose", 'v', ARG_NONE},	 {"exact", 'x', ARG_NONE},
	{"version", 'V', ARG_NONE},	 {"help", 'h', ARG_NONE},
	{"line-numbers", O_LINENUM, ARG_NONE},
	{"set-counters", 'c', ARG_REQ},	 {"goto", 'g', ARG_REQ},
	{"wait", 'w', ARG_NONE},	 {"wait-interval", 'W', ARG_REQ},
	{"fragment", 'f', ARG_NONE},
};

/* Options of matches and targets: known once these are loaded. */
static const struct ipt_opt ext_opts[] = {
	{"sport", O_SPORT, ARG_REQ},	 {"source-port", O_SPORT, ARG_REQ},
	{"dport", O_DPORT, ARG_REQ},	 {"destination-port", O_DPORT, ARG_REQ},
	{"icmp-type", O_ICMP, ARG_REQ},	 {"ctstate", O_CTSTATE, ARG_REQ},
	{"reject-with", O_REJECT, ARG_REQ}, {"to-ports", O_TOPORTS, ARG_REQ},
	{"to-source", O_TOSRC, ARG_REQ},
	{"to-destination", O_TODST, ARG_REQ},
	{"log-prefix", O_LOGPREFIX, ARG_REQ},
};

/* Options of matches and targets that iptables has and nstutor does
 * not, with an option of the same match or target. */
static const struct ipt_opt missing_opts[] = {
	{"syn", O_DPORT, ARG_NONE},	       {"tcp-flags", O_DPORT, ARG_REQ},
	{"tcp-option", O_DPORT, ARG_REQ},      {"log-level", O_LOGPREFIX, ARG_REQ},
	{"log-tcp-sequence", O_LOGPREFIX, ARG_NONE},
	{"log-tcp-options", O_LOGPREFIX, ARG_NONE},
	{"log-ip-options", O_LOGPREFIX, ARG_NONE},
	{"log-uid", O_LOGPREFIX, ARG_NONE},    {"random", O_TOSRC, ARG_NONE},
	{"random", O_TODST, ARG_NONE},	       {"random", O_TOPORTS, ARG_NONE},
	{"persistent", O_TOSRC, ARG_NONE},     {"persistent", O_TODST, ARG_NONE},
	{"random-fully", O_TOSRC, ARG_NONE},   {"random-fully", O_TOPORTS, ARG_NONE},
	{"ctproto", O_CTSTATE, ARG_REQ},       {"ctorigsrc", O_CTSTATE, ARG_REQ},
	{"ctorigdst", O_CTSTATE, ARG_REQ},     {"ctstatus", O_CTSTATE, ARG_REQ},
	{"ctdir", O_CTSTATE, ARG_REQ},
};

/* The options of iptables' "Illegal option" table, in its order. */
static const char opt_letters[] = "nsdpjvxiolcf";


int ipt_fail(struct ipt_line *l, int status)
{
	l->status = status;
	return -1;
}

int ipt_param_fail(struct ipt_line *l)
{
	return ipt_fail(l, IPT_EXIT_PARAMETER);
}

static int bad_argument(struct ipt_line *l, const char *word)
{
	out_error("Bad argument `%s'\nTry `iptables -h' or 'iptables --help' "
		  "for more information.", word);
	out_hint(_("Every value follows its option; this word belongs to no "
		   "option (a command takes at most a chain and a number)."));
	return ipt_param_fail(l);
}

static void given(struct ipt_line *l, int id)
{
	const char *p = id < 256 ? strchr(opt_letters, id) : NULL;

	if (id == O_LINENUM)
		p = strchr(opt_letters, 'l');
	if (p && *p)
		l->given |= 1u << (p - opt_letters);
}

/* The next word when it is an optional argument (not an option). */
static const char *peek(struct ipt_line *l)
{
	const char *w = l->next < l->argc ? l->argv[l->next] : NULL;

	if (!w || w[0] == '-' || w[0] == '!')
		return NULL;
	l->next++;
	return w;
}

static int set_command(struct ipt_line *l, int cmd, const char *arg)
{
	const char *w;

	if (l->cmd) {
		ipt_param_error(_("Give one command a line: -A, -I, -D, -L, "
				  "-S ... cannot go together."),
				"Cannot use -%c with -%c", cmd, l->cmd);
		return ipt_param_fail(l);
	}
	l->cmd = cmd;
	l->chain = arg;
	if (cmd == 'E') {
		out_error(_("nstutor's iptables does not rename chains (-E)."));
		out_hint(_("Make the new chain with -N, move the rules, and "
			   "delete the old one with -X."));
		return ipt_param_fail(l);
	}
	if (cmd == 'P') {
		l->policy = peek(l);
		if (!l->policy) {
			ipt_param_error(_("Name the chain and the policy: "
					  "iptables -P FORWARD DROP."),
					"-P requires a chain and a policy");
			return ipt_param_fail(l);
		}
	}
	if (cmd == 'L' || cmd == 'S' || cmd == 'F' || cmd == 'Z' ||
	    cmd == 'X')
		if (!l->chain)
			l->chain = peek(l);
	if (strchr("IDRLS", cmd) && l->chain && (w = peek(l)) &&
	    ipt_parse_rulenum(w, &l->num) < 0)
		return ipt_param_fail(l);
	if (cmd == 'R' && !l->num) {
		ipt_param_error(_("Say which rule to replace: iptables -R "
				  "CHAIN NUMBER RULE."),
				"-R requires a rule number");
		return ipt_param_fail(l);
	}
	return 0;
}

static int once(struct ipt_line *l, int letter, bool twice)
{
	if (!twice)
		return 0;
	ipt_param_error(_("Give each of -s, -d, -i, -o, -p and -j only once "
			  "in a rule."),
			"multiple -%c flags not allowed", letter);
	return ipt_param_fail(l);
}

static int set_iface(struct ipt_line *l, int letter, const char *arg,
		     struct ipt_iface *i)
{
	if (once(l, letter, i->set) < 0)
		return -1;
	if (!*arg) {
		ipt_param_error(_("Name an interface after -i or -o, like "
				  "-o br0 (or leave the option out)."),
				"Empty interface is likely to be undesired");
		return ipt_param_fail(l);
	}
	if (strlen(arg) >= IFNAMSIZ) {
		ipt_param_error(_("Interface names are at most 15 characters "
				  "long."),
				"interface name `%s' must be shorter than "
				"IFNAMSIZ (%i)", arg, IFNAMSIZ - 1);
		return ipt_param_fail(l);
	}
	i->set = true;
	i->invert = l->invert;
	snprintf(i->name, sizeof(i->name), "%s", arg);
	return 0;
}

/* -s and -d are read after the whole line, as iptables does. */
static int set_net(struct ipt_line *l, int letter, const char *arg,
		   struct ipt_net *n)
{
	const char **word = letter == 's' ? &l->src : &l->dst;

	if (once(l, letter, *word != NULL) < 0)
		return -1;
	*word = arg;
	n->invert = l->invert;
	return 0;
}

static int parse_nets(struct ipt_line *l)
{
	if (l->src && ipt_parse_net(l->src, &l->rule.src) < 0)
		return ipt_param_fail(l);
	if (l->dst && ipt_parse_net(l->dst, &l->rule.dst) < 0)
		return ipt_param_fail(l);
	return 0;
}


static int set_jump(struct ipt_line *l, int letter, const char *arg)
{
	struct ipt_rule *r = &l->rule;

	if (l->jump) {
		ipt_param_error(_("A rule has one target: give -j (or -g) "
				  "once."),
				"multiple -j flags not allowed");
		return ipt_param_fail(l);
	}
	if (!*arg) {
		ipt_param_error(_("A target is a chain or ACCEPT, DROP, REJECT "
				  "...: name one after -j."),
				"Invalid target name (too short)");
		return ipt_param_fail(l);
	}
	if (strlen(arg) > IPT_CHAIN_MAX - 1) {
		ipt_param_error(_("A target is a chain or ACCEPT, DROP, REJECT "
				  "...: names are at most 28 characters."),
				"Invalid target name `%s' (%d chars max)", arg,
				IPT_CHAIN_MAX - 1);
		return ipt_param_fail(l);
	}
	l->jump = arg;
	r->verdict = letter == 'g' ? IPT_GOTO : IPT_JUMP;
	snprintf(r->target, sizeof(r->target), "%s", arg);
	if (letter == 'g')
		return 0;
	if (ipt_target_kind(arg) != IPT_NONE)
		r->verdict = ipt_target_kind(arg);
	if (r->verdict == IPT_REJECT)
		snprintf(r->reject_with, sizeof(r->reject_with),
			 "icmp-port-unreachable");
	return 0;
}

/* A match the real iptables has and nstutor does not. */
static bool real_match(const char *name)
{
	static const char *const names[] = {
		"state", "multiport", "comment", "limit", "mark", "mac",
		"iprange", "addrtype", "owner", "set", "length", "ttl",
		"physdev", "string", "recent", "hashlimit", "connlimit",
		"pkttype", "policy", "connmark", "dscp", "tos", "sctp",
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (streq(name, names[i]))
			return true;
	return false;
}

static int set_match(struct ipt_line *l, const char *arg)
{
	if (streq(arg, "tcp") || streq(arg, "udp")) {
		l->l4 = streq(arg, "tcp") ? IPPROTO_TCP : IPPROTO_UDP;
		l->l4_explicit = true;
	} else if (streq(arg, "icmp"))
		l->icmp = true;
	else if (streq(arg, "conntrack"))
		l->conntrack = true;
	else if (real_match(arg)) {
		out_error(_("nstutor's iptables does not know the match %s."),
			  arg);
		out_hint(_("It knows -m tcp, -m udp, -m icmp and -m conntrack "
			   "(for -m state --state, write -m conntrack "
			   "--ctstate); the real iptables in \"nstutor shell\" "
			   "knows them all."));
		return ipt_param_fail(l);
	} else {
		ipt_param_error(_("nstutor knows the matches tcp, udp, icmp "
				  "and conntrack (-m conntrack --ctstate "
				  "NEW)."),
				"Couldn't load match `%s':No such file or "
				"directory\n", arg);
		return ipt_param_fail(l);
	}
	return 0;
}

static int set_counters(struct ipt_line *l, const char *arg)
{
	const char *bytes = l->next < l->argc ? l->argv[l->next++] : NULL;
	char *end;

	errno = 0;
	l->rule.packets = strtoull(arg, &end, 10);
	if (errno || *end || !*arg) {
		ipt_param_error(_("-c takes two numbers: packets and bytes."),
				"-c packet counter not numeric");
		return ipt_param_fail(l);
	}
	l->rule.bytes = bytes ? strtoull(bytes, &end, 10) : 0;
	if (!bytes || errno || *end || !*bytes) {
		ipt_param_error(_("-c takes two numbers: packets and bytes."),
				bytes ? "-c byte counter not numeric" :
					"-c requires packet and byte counter");
		return ipt_param_fail(l);
	}
	return 0;
}

static int set_proto(struct ipt_line *l, const char *arg)
{
	if (once(l, 'p', l->proto_set) < 0)
		return -1;
	l->proto_set = true;
	if (ipt_parse_proto(arg, &l->rule.proto) < 0)
		return ipt_param_fail(l);
	l->rule.proto_invert = l->invert;
	return 0;
}

static int set_table(struct ipt_line *l, const char *arg)
{
	l->table = arg;
	return 0;
}

static int missing_option(struct ipt_line *l, const char *word);

/* -A ... -s ... -j ...: the options of iptables itself. */
static int main_option(struct ipt_line *l, int id, const char *arg)
{
	given(l, id);
	switch (id) {
	case 's':
		return set_net(l, 's', arg, &l->rule.src);
	case 'd':
		return set_net(l, 'd', arg, &l->rule.dst);
	case 'i':
		return set_iface(l, 'i', arg, &l->rule.in);
	case 'o':
		return set_iface(l, 'o', arg, &l->rule.out);
	case 'p':
		return set_proto(l, arg);
	case 'j':
	case 'g':
		return set_jump(l, id, arg);
	case 'm':
		return set_match(l, arg);
	case 't':
		return set_table(l, arg);
	case 'c':
		return set_counters(l, arg);
	case 'n':
		l->fmt |= IPT_FMT_NUMERIC;
		return 0;
	case 'v':
		l->fmt |= IPT_FMT_VERBOSE;
		return 0;
	case 'x':
		l->fmt |= IPT_FMT_EXACT;
		return 0;
	case O_LINENUM:
		l->fmt |= IPT_FMT_LINENUMBERS;
		return 0;
	case 'w':	/* iptables-nft takes no lock: nothing to wait for */
		if (l->next < l->argc && l->argv[l->next][0] &&
		    strspn(l->argv[l->next], "0123456789") ==
			    strlen(l->argv[l->next]))
			l->next++;
		return 0;
	case 'W':
		return 0;
	case 'f':
		return missing_option(l, "-f");
	}
	return set_command(l, id, arg);
}

static int used_twice(struct ipt_line *l, const char *ext, const char *opt,
		      bool twice)
{
	if (!twice)
		return 0;
	ipt_param_error(_("Give each option only once in a rule."),
			"%s: option \"--%s\" can only be used once.\n", ext,
			opt);
	return ipt_param_fail(l);
}

static int port_option(struct ipt_line *l, int id, const char *arg)
{
	struct ipt_ports *p = id == O_SPORT ? &l->rule.sport : &l->rule.dport;
	const char *proto = l->l4 == IPPROTO_TCP ? "tcp" : "udp";

	if (!l->l4)
		l->l4 = l->rule.proto;
	if (p->set) {
		if (!l->l4_explicit)
			return used_twice(l, proto, id == O_SPORT ?
					  "source-port" : "destination-port",
					  true);
		ipt_param_error(_("Give each option only once in a rule."),
				"Only one `--%s' allowed", id == O_SPORT ?
				"source-port" : "destination-port");
		return ipt_param_fail(l);
	}
	if (ipt_parse_ports(arg, proto, p) < 0)
		return ipt_param_fail(l);
	p->invert = l->invert;
	return 0;
}

static int nat_option(struct ipt_line *l, int id, const char *arg)
{
	if (ipt_parse_nat(arg, l->rule.proto, id != O_TOPORTS, &l->rule.nat) < 0)
		return ipt_param_fail(l);
	return 0;
}

/* --dport, --reject-with ...: the options of matches and targets. */
static int ext_option(struct ipt_line *l, int id, const char *arg)
{
	struct ipt_rule *r = &l->rule;

	switch (id) {
	case O_SPORT:
	case O_DPORT:
		return port_option(l, id, arg);
	case O_ICMP:
		if (l->invert) {
			out_error(_("nstutor's iptables cannot negate "
				    "--icmp-type."));
			out_hint(_("Match the types you want with rules of "
				   "their own instead of \"! --icmp-type\"."));
			return ipt_param_fail(l);
		}
		return ipt_parse_icmp(arg, r) < 0 ? ipt_param_fail(l) : 0;
	case O_CTSTATE:
		if (used_twice(l, "conntrack", "ctstate", r->ctstate) < 0)
			return -1;
		r->ctstate_invert = l->invert;
		return ipt_parse_ctstate(arg, &r->ctstate) < 0 ? ipt_param_fail(l) : 0;
	case O_REJECT:
		return ipt_parse_reject(arg, r) < 0 ? ipt_param_fail(l) : 0;
	case O_LOGPREFIX:
		if (!*arg) {
			ipt_param_error(_("Write some text after --log-prefix."),
					"Argument must have a minimum length "
					"of 1 characters\n");
			return ipt_param_fail(l);
		}
		snprintf(r->log_prefix, 30, "%s", arg);
		return 0;
	}
	return nat_option(l, id, arg);
}

/* Is the option id of a match or target loaded now? */
static bool ext_known(const struct ipt_line *l, int id)
{
	enum ipt_verdict_kind v = l->rule.verdict;
	int p = l->rule.proto;

	switch (id) {
	case O_SPORT:
	case O_DPORT:
		return l->l4 || p == IPPROTO_TCP || p == IPPROTO_UDP;
	case O_ICMP:
		return l->icmp || p == IPPROTO_ICMP;
	case O_CTSTATE:
		return l->conntrack;
	case O_REJECT:
		return v == IPT_REJECT;
	case O_TOPORTS:
		return v == IPT_MASQUERADE;
	case O_TOSRC:
		return v == IPT_SNAT;
	case O_TODST:
		return v == IPT_DNAT;
	case O_LOGPREFIX:
		return v == IPT_LOG;
	}
	return false;
}

static int unknown_option(struct ipt_line *l, const char *word)
{
	const char *hint;

	if (streq(word, "--dport") || streq(word, "--sport"))
		hint = _("Ports belong to a protocol: put -p tcp (or -p udp) "
			 "before --dport and --sport.");
	else if (strncmp(word, "--to-", 5) == 0 || streq(word, "--reject-with") ||
		 streq(word, "--log-prefix"))
		hint = _("A target's options come after its -j: "
			 "-j DNAT --to-destination 192.168.15.2:80.");
	else if (streq(word, "--icmp-type"))
		hint = _("--icmp-type needs -p icmp before it.");
	else if (streq(word, "--ctstate"))
		hint = _("--ctstate needs -m conntrack before it.");
	else
		hint = _("iptables does not know this option here; "
			 "\"iptables -h\" shows what nstutor takes.");
	ipt_param_error(hint, "unknown option \"%s\"", word);
	return ipt_param_fail(l);
}

static int missing_option(struct ipt_line *l, const char *word)
{
	out_error(_("nstutor's iptables does not take %s."), word);
	out_hint(_("Leave it out, or use the real iptables in \"nstutor "
		   "shell\"; \"iptables -h\" shows what nstutor takes."));
	return ipt_param_fail(l);
}

static bool is_missing(const struct ipt_line *l, const char *name,
		       size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(missing_opts); i++)
		if (strlen(missing_opts[i].name) == len &&
		    strncmp(missing_opts[i].name, name, len) == 0 &&
		    ext_known(l, missing_opts[i].id))
			return true;
	return false;
}

static int needs_argument(struct ipt_line *l, const char *opt)
{
	ipt_param_error(_("This option needs a value after it."),
			"option \"%s\" requires an argument", opt);
	return ipt_param_fail(l);
}

static const struct ipt_opt *find_long(const struct ipt_opt *t, size_t n,
				       const char *name, size_t len,
				       bool prefix)
{
	const struct ipt_opt *found = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strncmp(t[i].name, name, len) != 0)
			continue;
		if (strlen(t[i].name) == len)
			return &t[i];
		if (prefix && !found)
			found = &t[i];
		else if (prefix && found->id != t[i].id)
			return NULL;
	}
	return found;
}

static int run_option(struct ipt_line *l, const struct ipt_opt *o,
		      const char *arg);

static int long_option(struct ipt_line *l, const char *word)
{
	const char *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct ipt_opt *o;
	const char *arg = eq ? eq + 1 : NULL;

	o = find_long(ext_opts, ARRAY_SIZE(ext_opts), name, len, false);
	if (o && !ext_known(l, o->id))
		o = NULL;
	if (!o)
		o = find_long(main_opts, ARRAY_SIZE(main_opts), name, len, true);
	if (!o && is_missing(l, name, len))
		return missing_option(l, word);
	if (!o)
		return unknown_option(l, word);
	if (o->arg == ARG_REQ && !arg) {
		if (l->next >= l->argc)
			return needs_argument(l, word);
		arg = l->argv[l->next++];
	}
	return run_option(l, o, arg);
}

static int run_option(struct ipt_line *l, const struct ipt_opt *o,
		      const char *arg)
{
	int r;

	if (o->id >= O_SPORT)
		r = ext_option(l, o->id, arg);
	else if (o->id == 'h' || o->id == 'V')
		r = set_command(l, o->id, NULL);
	else
		r = main_option(l, o->id, arg);
	l->invert = false;
	return r;
}

static const struct ipt_opt *find_short(int c)
{
	for (size_t i = 0; i < ARRAY_SIZE(main_opts); i++)
		if (main_opts[i].id == c)
			return &main_opts[i];
	return NULL;
}

/* "-nvL", "-AFORWARD", "-j ACCEPT": getopt's clusters of letters. */
static int short_options(struct ipt_line *l, const char *word)
{
	for (const char *p = word + 1; *p; p++) {
		const struct ipt_opt *o = find_short(*p);
		const char *arg = NULL;
		char opt[3] = {'-', *p, '\0'};

		if (!o) {
			ipt_param_error(_("iptables does not know this option; "
					  "\"iptables -h\" shows what nstutor "
					  "takes."),
					"unknown option \"%s\"", opt);
			return ipt_param_fail(l);
		}
		if (o->arg != ARG_NONE && p[1])
			arg = p + 1;
		else if (o->arg == ARG_REQ && l->next >= l->argc)
			return needs_argument(l, opt);
		else if (o->arg == ARG_REQ)
			arg = l->argv[l->next++];
		if (run_option(l, o, arg) < 0)
			return -1;
		if (arg && arg == p + 1)
			break;
	}
	return 0;
}

static int parse_word(struct ipt_line *l, const char *word)
{
	if (streq(word, "!")) {
		if (l->invert) {
			ipt_param_error(_("One \"!\" negates the option after "
					  "it; give it once."),
					"multiple consecutive ! not allowed");
			return ipt_param_fail(l);
		}
		l->invert = true;
		return 0;
	}
	if (word[0] == '-' && word[1] == '-' && word[2])
		return long_option(l, word);
	if (word[0] == '-' && word[1])
		return short_options(l, word);
	return bad_argument(l, word);
}

/* iptables' commands_v_options: which options each command takes. */
static int check_options(struct ipt_line *l)
{
	static const struct {
		int cmd;
		const char *allowed;	/* of opt_letters */
	} legal[] = {
		{'A', "sdpjviocf"}, {'I', "sdpjviocf"}, {'R', "sdpjviocf"},
		{'D', "sdpjviof"},  {'C', "sdpjviof"},	{'L', "nvxl"},
		{'P', "vc"},
	};
	const char *allowed = "v";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(legal); i++)
		if (legal[i].cmd == l->cmd)
			allowed = legal[i].allowed;
	if (l->cmd == 'D' && l->num)
		allowed = "v";
	for (i = 0; opt_letters[i]; i++) {
		if (!(l->given & (1u << i)) || strchr(allowed, opt_letters[i]))
			continue;
		if (opt_letters[i] == 'l')
			ipt_param_error(_("This option does not go with this "
					  "command."),
					"Illegal option `--line-numbers' "
					"with this command");
		else
			ipt_param_error(_("This option does not go with this "
					  "command."),
					"Illegal option `-%c' with this "
					"command", opt_letters[i]);
		return ipt_param_fail(l);
	}
	return 0;
}

/* iptables' own check: no -o where packets have no way out yet. */
static int check_ifaces(struct ipt_line *l)
{
	const char *c = l->chain;
	bool in_only = streq(c, "PREROUTING") || streq(c, "INPUT");
	bool out_only = streq(c, "POSTROUTING") || streq(c, "OUTPUT");

	if ((!in_only || !l->rule.out.set) && (!out_only || !l->rule.in.set))
		return 0;
	ipt_param_error(in_only ? _("Packets in INPUT and PREROUTING have no "
				    "output interface yet: use -i.") :
				  _("Packets in OUTPUT and POSTROUTING have no "
				    "input interface: use -o."),
			"Can't use -%c with %s\n", in_only ? 'o' : 'i', c);
	return ipt_param_fail(l);
}

static int check_matches(struct ipt_line *l)
{
	struct ipt_rule *r = &l->rule;

	if (l->chain && check_ifaces(l) < 0)
		return -1;

	/* iptables: --sport/--dport of -m tcp need -p tcp; -m tcp with
	 * no option and no -p is the kernel's to refuse */
	if (l->l4_explicit && (r->proto ? r->proto != l->l4 :
					  r->sport.set || r->dport.set)) {
		bool tcp = l->l4 == IPPROTO_TCP;

		ipt_param_error(_("The -m match must be the rule's -p "
				  "protocol."),
				"%s match requires '-p %s'", tcp ? "TCP" : "UDP",
				tcp ? "tcp" : "udp");
		return ipt_param_fail(l);
	}
	if (l->conntrack && !r->ctstate) {
		ipt_param_error(_("-m conntrack needs --ctstate STATES, like "
				  "--ctstate ESTABLISHED,RELATED."),
				"conntrack: At least one option is required");
		return ipt_param_fail(l);
	}
	return 0;
}

static int check_target(struct ipt_line *l)
{
	const struct ipt_rule *r = &l->rule;
	bool dnat = r->verdict == IPT_DNAT;

	if ((dnat || r->verdict == IPT_SNAT) && !r->nat.has_addr &&
	    !r->nat.has_port) {
		ipt_param_error(dnat ? _("DNAT needs where to: --to-destination "
					 "ADDRESS[:PORT].") :
				       _("SNAT needs the new source: "
					 "--to-source ADDRESS."),
				"%s: option \"%s\" must be specified\n",
				dnat ? "DNAT" : "SNAT",
				dnat ? "--to-destination" : "--to-source");
		return ipt_param_fail(l);
	}
	if (streq(l->table, "nat") &&
	    ((l->policy && streq(l->policy, "DROP")) ||
	     (l->jump && streq(l->jump, "DROP")))) {
		ipt_param_error(_("The nat table only rewrites addresses; drop "
				  "packets in the filter table."),
				"\nThe \"nat\" table is not intended for "
				"filtering, the use of DROP is therefore "
				"inhibited.\n\n");
		return ipt_param_fail(l);
	}
	return 0;
}

static int check_table(struct ipt_line *l)
{
	if (nf_ipt_table_known(l->table))
		return 0;
	if (streq(l->table, "mangle") || streq(l->table, "raw") ||
	    streq(l->table, "security")) {
		out_error(_("nstutor's iptables knows the tables filter and "
			    "nat only, not %s."), l->table);
		out_hint(_("The real iptables in \"nstutor shell\" handles "
			   "the other tables."));
		return ipt_param_fail(l);
	}
	out_error("%s: table '%s' does not exist\nPerhaps iptables or your "
		  "kernel needs to be upgraded.", IPT_PROGRAM, l->table);
	out_hint(_("The tables are filter (the default) and nat: -t nat."));
	return ipt_fail(l, IPT_EXIT_VERSION);
}

int ipt_line_parse(struct ipt_line *l)
{
	while (l->next < l->argc)
		if (parse_word(l, l->argv[l->next++]) < 0)
			return -1;
	if (l->invert) {
		ipt_param_error(_("\"!\" negates the option after it; put it "
				  "before -s, -d, -i, -o or -p."),
				"nothing appropriate following !");
		return ipt_param_fail(l);
	}
	if (!l->cmd) {
		ipt_param_error(_("Say what to do: -A CHAIN RULE adds a rule, "
				  "-L lists, -S prints the rules."),
				"no command specified");
		return ipt_param_fail(l);
	}
	if (l->cmd == 'h' || l->cmd == 'V')
		return 0;
	if (parse_nets(l) < 0 || check_options(l) < 0 || check_matches(l) < 0 ||
	    check_target(l) < 0)
		return -1;
	return check_table(l);
}

static void help(void)
{
	printf("%s\n\n", IPT_PROGRAM);
	printf("Usage: iptables -[ACD] chain rule-specification [options]\n"
	       "       iptables -I chain [rulenum] rule-specification "
	       "[options]\n"
	       "       iptables -R chain rulenum rule-specification "
	       "[options]\n"
	       "       iptables -D chain rulenum [options]\n"
	       "       iptables -[LS] [chain [rulenum]] [options]\n"
	       "       iptables -[FZ] [chain] [options]\n"
	       "       iptables -[NX] chain\n"
	       "       iptables -P chain target [options]\n");
	out_note(_("nstutor takes -t filter|nat; -s -d -i -o -p, --sport "
		   "--dport, --icmp-type, -m conntrack --ctstate; -j ACCEPT "
		   "DROP REJECT RETURN LOG MASQUERADE SNAT DNAT or a chain."));
}

static int iptables_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct ipt_line l = {.ctx = ctx, .table = "filter", .argc = argc,
			     .argv = argv};
	int err;

	ipt_rule_init(&l.rule);
	if (cmd_netns_gone(ctx))
		return CMD_ERROR;
	err = ipt_line_parse(&l);
	if (err == 0 && l.cmd == 'h')
		help();
	else if (err == 0 && l.cmd == 'V')
		printf("%s\n", IPT_PROGRAM);
	else if (err == 0)
		err = ipt_run(&l);
	if (err == 0)
		return CMD_OK;
	if (l.status > 1)
		ctx->exit_status = l.status;
	return CMD_ERROR;
}

static const char *const iptables_words[] = {
	"-t", "-A", "-I", "-D", "-R", "-L", "-S", "-N", "-X", "-F", "-Z",
	"-P", "-s", "-d", "-i", "-o", "-p", "-j", "-g", "-m", "-n", "-v",
	"-x", "--line-numbers", "--dport", "--sport", "--icmp-type",
	"--ctstate", "--to-destination", "--to-source", "--to-ports",
	"--reject-with", "--log-prefix", "filter", "nat", "INPUT", "FORWARD",
	"OUTPUT", "PREROUTING", "POSTROUTING", "ACCEPT", "DROP", "REJECT",
	"RETURN", "LOG", "MASQUERADE", "SNAT", "DNAT", "tcp", "udp", "icmp",
	"conntrack", NULL,
};

const struct cmd_entry cmd_iptables_entry = {
	.name = "iptables",
	.usage = N_("iptables [-t filter|nat] -A|-I|-D|-R|-L|-S|-N|-X|-F|-Z|-P "
		    "[CHAIN] [RULE]"),
	.summary = N_("list and change the firewall (iptables-nft's tables "
		      "filter and nat)"),
	.min_args = 0,
	.max_args = -1,
	.exec = iptables_exec,
	.flags = CMD_TOOL,
	.words = iptables_words,
};
