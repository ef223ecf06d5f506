/* doctor-fw.c: the firewall checks: FORWARD policy, br_netfilter, and
 * which iptables backend holds rules. */
#include "system.h"

#include "doctor.h"
#include "nf-legacy.h"
#include "nf.h"
#include "out.h"
#include "sysctl.h"

#define BNF_KEY "net.bridge.bridge-nf-call-iptables"

/* What the three checks read, once. */
struct fw {
	int nft_err;
	struct nf_chain_list nft;
	int legacy_err;
	struct nf_legacy_list legacy;
	int bnf_err;	/* -ENOENT: no br_netfilter */
	int bnf;	/* bridge-nf-call-iptables, when bnf_err is 0 */
};

static void fw_read(const char *ns, struct fw *fw)
{
	char buf[32];
	int len;

	fw->nft_err = nf_chain_list(ns, NFPROTO_UNSPEC, &fw->nft);
	fw->legacy_err = nf_legacy_read(ns, &fw->legacy);
	len = sysctl_get(ns, BNF_KEY, buf, sizeof(buf));
	fw->bnf_err = len < 0 ? len : 0;
	fw->bnf = len > 0 ? (int)strtol(buf, NULL, 10) : 0;
}

static void fw_free(struct fw *fw)
{
	nf_chain_list_free(&fw->nft);
	nf_legacy_list_free(&fw->legacy);
}

/* Which tool shows the nf_tables chain c. */
static const char *nft_tool(const struct nf_chain *c)
{
	return nf_xtables_table(c->family, c->table) ? "iptables-nft" : "nft";
}

static bool nft_forward(const struct nf_chain *c)
{
	return c->base && c->hook == NF_INET_FORWARD &&
	       (c->family == NFPROTO_IPV4 || c->family == NFPROTO_INET);
}

static void unreadable_line(FILE *f, const char *what, int err)
{
	fprintf(f, _("%s: could not be read: %s\n"), what, out_strerror(err));
}

/* nf_tables' forward chains, one line each; how many drop. */
static int nft_forward_lines(const struct fw *fw, FILE *f)
{
	int shown = 0, drops = 0;

	if (fw->nft_err < 0) {
		unreadable_line(f, "nf_tables", fw->nft_err);
		return 0;
	}
	for (size_t i = 0; i < fw->nft.n; i++) {
		const struct nf_chain *n = &fw->nft.chains[i];

		if (!nft_forward(n))
			continue;
		fprintf(f,
			_("%s: table %s %s, chain %s, policy %s, rules: %u\n"),
			nft_tool(n), nf_family_name(n->family), n->table,
			n->name, nf_policy_name(n->policy), n->rules);
		drops += n->policy == NF_DROP;
		shown++;
	}
	if (!shown)
		fprintf(f, _("%s: no chain on the forward hook\n"), "nf_tables");
	return drops;
}

/* The legacy filter table's FORWARD chain; 1 when it drops. */
static int legacy_forward_line(const struct fw *fw, FILE *f)
{
	const struct nf_legacy_chain *c = NULL;

	if (fw->legacy_err < 0) {
		unreadable_line(f, "iptables-legacy", fw->legacy_err);
		return 0;
	}
	for (size_t i = 0; i < fw->legacy.n && !c; i++)
		if (streq(fw->legacy.tables[i].name, "filter"))
			c = nf_legacy_chain(&fw->legacy.tables[i], "FORWARD");
	if (!c) {
		fprintf(f, _("%s: no filter table\n"), "iptables-legacy");
		return 0;
	}
	fprintf(f, _("%s: table %s, chain %s, policy %s, rules: %u\n"),
		"iptables-legacy", "filter", c->name, nf_policy_name(c->policy),
		c->rules);
	return c->policy == NF_DROP;
}

/* What a FORWARD policy of DROP means, with br_netfilter on or not. */
static const char forward_trap[] = N_(
	"Bridged pings between namespaces will fail in the bridge lesson "
	"unless br_netfilter is off or FORWARD accepts them: exactly the trap "
	"lesson 3 teaches (Docker sets this policy). Packets routed through "
	"this namespace, in the gateway and NAT lessons, are dropped too. To "
	"follow the lessons here, accept the lab's traffic (iptables -A "
	"FORWARD -s 11.11.11.0/24 -j ACCEPT), or learn in a sandbox world, "
	"whose firewall is its own.");
static const char forward_routed[] = N_(
	"While bridged frames skip iptables (bridge-nf-call-iptables is not "
	"1), pings across a bridge still work; but packets routed through "
	"this namespace, in the gateway and NAT lessons, are dropped unless a "
	"rule accepts them.");
static const char forward_accept[] = N_(
	"Packets forwarded between namespaces are accepted. Lesson 3 sets "
	"FORWARD to DROP itself, to show the trap.");

static int check_forward(const struct fw *fw, struct doctor_report *r)
{
	int unread = fw->nft_err < 0 ? fw->nft_err : fw->legacy_err;
	bool bridged = fw->bnf_err == 0 && fw->bnf == 1;
	struct doctor_text t;
	int drops, err;

	if ((err = doctor_text_open(&t)) < 0)
		return err;
	drops = nft_forward_lines(fw, t.f);
	drops += legacy_forward_line(fw, t.f);
	if (drops)
		return doctor_add_text(r, bridged ? DOCTOR_PROBLEM : DOCTOR_WARN,
				       _("FORWARD policy: DROP"), &t,
				       _(bridged ? forward_trap : forward_routed));
	if (unread < 0)
		return doctor_add_text(r, DOCTOR_UNKNOWN,
				       fw->nft_err < 0 && fw->legacy_err < 0
					       ? _("FORWARD policy: could not be read")
					       : _("FORWARD policy: only partly read"),
				       &t, doctor_unreadable(unread));
	return doctor_add_text(r, DOCTOR_OK, _("FORWARD policy: ACCEPT"), &t,
			       _(forward_accept));
}

static const char bnf_absent[] = N_(
	"Bridged frames do not pass through iptables, so the FORWARD policy "
	"cannot stop pings across a bridge. Lesson 3 shows its trap only "
	"where br_netfilter is loaded (as root: modprobe br_netfilter).");
static const char bnf_on[] = N_(
	"br_netfilter is loaded and on: frames crossing a Linux bridge go "
	"through iptables' FORWARD chain as if they were routed. A DROP "
	"policy or rule there stops pings between namespaces on a bridge "
	"while ARP still passes: lesson 3's trap.");
static const char bnf_off[] = N_(
	"br_netfilter is loaded but off: bridged frames skip iptables, so the "
	"FORWARD policy cannot stop pings across a bridge.");

static int check_bnf(const struct fw *fw, struct doctor_report *r)
{
	struct doctor_text t;
	int err;

	if ((err = doctor_text_open(&t)) < 0)
		return err;
	if (fw->bnf_err == -ENOENT) {
		out_fprintf(t.f, _("%s does not exist: br_netfilter is not "
				   "loaded\n"), BNF_KEY);
		return doctor_add_text(r, DOCTOR_OK,
				       _("br_netfilter: not loaded"), &t,
				       _(bnf_absent));
	}
	if (fw->bnf_err < 0) {
		unreadable_line(t.f, BNF_KEY, fw->bnf_err);
		return doctor_add_text(r, DOCTOR_UNKNOWN,
			_("br_netfilter: could not be read"), &t,
			_("Whether bridged frames pass through iptables is not "
			  "known."));
	}
	fprintf(t.f, "%s = %d\n", BNF_KEY, fw->bnf);
	if (fw->bnf == 1)
		return doctor_add_text(r, DOCTOR_WARN,
			_("br_netfilter: bridge-nf-call-iptables = 1"), &t,
			_(bnf_on));
	return doctor_add_text(r, DOCTOR_OK,
		_("br_netfilter: bridge-nf-call-iptables = 0"), &t,
		_(bnf_off));
}

/* Chains, rules and DROP policies of one nf_tables table. */
struct nft_sum {
	unsigned int chains, rules, drops;
};

static struct nft_sum nft_table_sum(const struct nf_chain_list *l,
				    const struct nf_chain *first)
{
	struct nft_sum s = {0};

	for (size_t i = 0; i < l->n; i++) {
		const struct nf_chain *c = &l->chains[i];

		if (c->family != first->family ||
		    !streq(c->table, first->table))
			continue;
		s.chains++;
		s.rules += c->rules;
		s.drops += c->policy == NF_DROP;
	}
	return s;
}

static bool nft_table_seen_before(const struct nf_chain_list *l, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (l->chains[j].family == l->chains[i].family &&
		    streq(l->chains[j].table, l->chains[i].table))
			return true;
	return false;
}

/* One line per nf_tables table; whether any holds rules or drops. */
static bool nft_lines(const struct nf_chain_list *l, FILE *f)
{
	bool content = false;

	for (size_t i = 0; i < l->n; i++) {
		const struct nf_chain *c = &l->chains[i];
		struct nft_sum s;

		if (nft_table_seen_before(l, i))
			continue;
		s = nft_table_sum(l, c);
		fprintf(f, _("%s: table %s %s: chains: %u, rules: %u, "
			     "DROP policies: %u\n"),
			nft_tool(c), nf_family_name(c->family), c->table,
			s.chains, s.rules, s.drops);
		content = content || s.rules || s.drops;
	}
	if (l->n == 0)
		fprintf(f, _("%s: no chains\n"), "nf_tables");
	return content;
}

static bool legacy_lines(const struct nf_legacy_list *l, FILE *f)
{
	bool content = false;

	for (size_t i = 0; i < l->n; i++) {
		const struct nf_legacy_table *t = &l->tables[i];
		unsigned int rules = 0, drops = 0;

		for (size_t j = 0; j < t->n; j++) {
			rules += t->chains[j].rules;
			drops += t->chains[j].policy == NF_DROP;
		}
		fprintf(f, _("%s: table %s: chains: %zu, rules: %u, "
			     "DROP policies: %u\n"),
			"iptables-legacy", t->name, t->n, rules, drops);
		content = content || rules || drops;
	}
	if (l->n == 0)
		fprintf(f, _("%s: no tables\n"), "iptables-legacy");
	return content;
}

static int backends_add(struct doctor_report *r, struct doctor_text *t,
			bool nft, bool legacy)
{
	if (nft && legacy)
		return doctor_add_text(r, DOCTOR_WARN,
			_("iptables: rules in both backends"), t,
			_("`iptables` (iptables-nft) and `iptables-legacy` show "
			  "different rules, and the kernel applies both: a "
			  "packet must pass each. nstutor's iptables works on "
			  "nf_tables, as iptables-nft does; it neither shows nor "
			  "changes the legacy rules, so an ACCEPT rule added in "
			  "a lesson cannot undo a legacy DROP. See them with: "
			  "iptables-legacy -S"));
	if (legacy)
		return doctor_add_text(r, DOCTOR_WARN,
			_("iptables: rules in the legacy backend"), t,
			_("nstutor's iptables works on nf_tables, as iptables-nft "
			  "does: it neither shows nor changes these legacy rules, "
			  "yet the kernel applies them, so an ACCEPT rule added "
			  "in a lesson cannot undo a legacy DROP. See them with: "
			  "iptables-legacy -S"));
	if (nft)
		return doctor_add_text(r, DOCTOR_OK,
			_("iptables: rules in the nf_tables backend"), t,
			_("nstutor's iptables shows and changes these rules, as "
			  "iptables-nft does."));
	return doctor_add_text(r, DOCTOR_OK, _("iptables: no rules yet"), t,
		_("The lessons' iptables commands start from an empty "
		  "firewall."));
}

static int check_backends(const struct fw *fw, struct doctor_report *r)
{
	struct doctor_text t;
	bool nft = false, legacy = false;
	int err;

	if ((err = doctor_text_open(&t)) < 0)
		return err;
	if (fw->nft_err == 0)
		nft = nft_lines(&fw->nft, t.f);
	else
		unreadable_line(t.f, "nf_tables", fw->nft_err);
	if (fw->legacy_err == 0)
		legacy = legacy_lines(&fw->legacy, t.f);
	else
		unreadable_line(t.f, "iptables-legacy", fw->legacy_err);
	if (fw->nft_err < 0 && fw->legacy_err < 0)
		return doctor_add_text(r, DOCTOR_UNKNOWN,
			_("iptables: backends could not be read"), &t,
			doctor_unreadable(fw->nft_err));
	if (fw->nft_err < 0 || fw->legacy_err < 0)
		return doctor_add_text(r, DOCTOR_UNKNOWN,
			fw->nft_err < 0
				? _("iptables: the nf_tables backend could not be read")
				: _("iptables: the legacy backend could not be read"),
			&t, doctor_unreadable(fw->nft_err < 0 ? fw->nft_err
							      : fw->legacy_err));
	return backends_add(r, &t, nft, legacy);
}

int doctor_check_firewall(const char *ns, struct doctor_report *r)
{
	struct fw fw = {0};
	int err;

	fw_read(ns, &fw);
	err = check_forward(&fw, r);
	if (err == 0)
		err = check_bnf(&fw, r);
	if (err == 0)
		err = check_backends(&fw, r);
	fw_free(&fw);
	return err;
}
