/* nf-ipt-drive.c: drives nf-ipt.h from the command line, for
 * tests/nf-ipt.sh.  Rules are written in nf_rule_text()'s words
 * ("in=eth0 src=!10.0.0.0/8 proto=6 dport=80-80 verdict=ACCEPT"), so
 * the test needs nothing of the iptables command's parser; "show"
 * prints a table in those words.
 *
 *   nf-ipt-drive [-n NS] policy TABLE CHAIN ACCEPT|DROP
 *   nf-ipt-drive [-n NS] new|delchain|flush|zero TABLE [CHAIN]
 *   nf-ipt-drive [-n NS] add|replace|del TABLE CHAIN POS [WORD...]
 *   nf-ipt-drive [-n NS] show TABLE
 *   nf-ipt-drive -j ...   the same in the host world, journaled
 *   nf-ipt-drive -j reset x   reset, printing what it did
 */
#include "system.h"

#include <arpa/inet.h>
#include <linux/netfilter.h>

#include "nf-ipt.h"
#include "nf-rule.h"
#include "reset.h"
#include "world.h"

static bool parse_net(const char *v, struct ipt_net *n)
{
	char addr[32];
	struct in_addr a;
	int len;

	n->invert = *v == '!';
	v += n->invert;
	if (sscanf(v, "%31[0-9.]/%d", addr, &len) != 2 ||
	    inet_pton(AF_INET, addr, &a) != 1)
		return false;
	n->set = true;
	n->addr = ntohl(a.s_addr);
	n->len = len;
	return true;
}

static bool parse_addr_range(const char *v, struct ipt_nat *n)
{
	char lo[32], hi[32];
	struct in_addr a, b;

	if (sscanf(v, "%31[0-9.]-%31[0-9.]", lo, hi) != 2 ||
	    inet_pton(AF_INET, lo, &a) != 1 || inet_pton(AF_INET, hi, &b) != 1)
		return false;
	n->has_addr = true;
	n->addr_lo = ntohl(a.s_addr);
	n->addr_hi = ntohl(b.s_addr);
	return true;
}

static bool parse_ports(const char *v, struct ipt_ports *p)
{
	unsigned int lo, hi;

	p->invert = *v == '!';
	v += p->invert;
	if (sscanf(v, "%u-%u", &lo, &hi) != 2 || lo > 65535 || hi > 65535)
		return false;
	p->set = true;
	p->lo = (uint16_t)lo;
	p->hi = (uint16_t)hi;
	return true;
}

static bool parse_iface(const char *v, struct ipt_iface *i)
{
	i->invert = *v == '!';
	v += i->invert;
	i->set = true;
	return snprintf(i->name, sizeof(i->name), "%s", v) <
	       (int)sizeof(i->name);
}

static bool parse_verdict(const char *v, struct ipt_rule *r)
{
	static const char *const names[] = {
		[IPT_NONE] = "none", [IPT_ACCEPT] = "ACCEPT",
		[IPT_DROP] = "DROP", [IPT_RETURN] = "RETURN",
		[IPT_JUMP] = "jump", [IPT_GOTO] = "goto",
		[IPT_REJECT] = "REJECT", [IPT_MASQUERADE] = "MASQUERADE",
		[IPT_SNAT] = "SNAT", [IPT_DNAT] = "DNAT", [IPT_LOG] = "LOG",
	};
	const char *colon = strchr(v, ':');
	size_t len = colon ? (size_t)(colon - v) : strlen(v);

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == len && !strncmp(v, names[i], len)) {
			r->verdict = (enum ipt_verdict_kind)i;
			if (colon)
				snprintf(r->target, sizeof(r->target), "%s",
					 colon + 1);
			return true;
		}
	return false;
}

static bool parse_word(const char *w, struct ipt_rule *r)
{
	const char *eq = strchr(w, '=');
	const char *v = eq ? eq + 1 : "";
	unsigned int a, b;
	size_t k = eq ? (size_t)(eq - w) : strlen(w);

#define KEY(s) (k == strlen(s) && !strncmp(w, s, k))
	if (KEY("rule"))
		return true;
	if (KEY("in"))
		return parse_iface(v, &r->in);
	if (KEY("out"))
		return parse_iface(v, &r->out);
	if (KEY("src"))
		return parse_net(v, &r->src);
	if (KEY("dst"))
		return parse_net(v, &r->dst);
	if (KEY("proto")) {
		r->proto_invert = *v == '!';
		r->proto = atoi(v + r->proto_invert);
		return true;
	}
	if (KEY("sport"))
		return parse_ports(v, &r->sport);
	if (KEY("dport"))
		return parse_ports(v, &r->dport);
	if (KEY("icmp") && sscanf(v, "%u/%u", &a, &b) == 2) {
		r->icmp_type_set = true;
		r->icmp_type = (uint8_t)a;
		r->icmp_code = (uint8_t)b;
		return true;
	}
	if (KEY("ctstate")) {
		r->ctstate_invert = *v == '!';
		r->ctstate = (unsigned int)strtoul(v + r->ctstate_invert,
						   NULL, 0);
		return true;
	}
	if (KEY("verdict"))
		return parse_verdict(v, r);
	if (KEY("with"))
		return snprintf(r->reject_with, sizeof(r->reject_with), "%s",
				v) < (int)sizeof(r->reject_with);
	if (KEY("prefix")) {
		size_t n = strlen(v);

		if (n < 2 || v[0] != '"' || v[n - 1] != '"')
			return false;
		return snprintf(r->log_prefix, sizeof(r->log_prefix), "%.*s",
				(int)n - 2, v + 1) < (int)sizeof(r->log_prefix);
	}
	if (KEY("nat-addr"))
		return parse_addr_range(v, &r->nat);
	if (KEY("nat-port") && sscanf(v, "%u-%u", &a, &b) == 2) {
		r->nat.has_port = true;
		r->nat.port_lo = (uint16_t)a;
		r->nat.port_hi = (uint16_t)b;
		return true;
	}
#undef KEY
	return false;
}

static void show(const struct ipt_table *t)
{
	char text[512];

	for (size_t i = 0; i < t->n; i++) {
		const struct ipt_chain *c = &t->chains[i];

		printf("chain %s", c->name);
		if (c->builtin)
			printf(" policy=%s", c->policy == NF_DROP ? "DROP"
								 : "ACCEPT");
		else
			printf(" references=%u", c->references);
		printf(" rules=%zu%s\n", c->n,
		       c->unreadable ? " unreadable" : "");
		for (size_t j = 0; j < c->n; j++) {
			if (c->rules[j].unreadable) {
				printf("  %zu unreadable\n", j + 1);
				continue;
			}
			nf_rule_text(&c->rules[j], text, sizeof(text));
			printf("  %zu %s\n", j + 1, text);
		}
	}
}

static int usage(void)
{
	fputs("usage: nf-ipt-drive [-n NS] COMMAND TABLE [CHAIN [POS "
	      "[WORD...]]]\n", stderr);
	return 2;
}

static int run_rule(const char *cmd, const char *ns, char **argv, int argc)
{
	struct ipt_rule r = {0};
	size_t pos;

	if (argc < 3)
		return -EINVAL;
	pos = (size_t)strtoul(argv[2], NULL, 10);
	for (int i = 3; i < argc; i++)
		if (!parse_word(argv[i], &r)) {
			fprintf(stderr, "bad word: %s\n", argv[i]);
			return -EINVAL;
		}
	if (streq(cmd, "add"))
		return nf_ipt_rule_add(ns, argv[0], argv[1], &r, pos);
	if (streq(cmd, "replace"))
		return nf_ipt_rule_replace(ns, argv[0], argv[1], pos, &r);
	return nf_ipt_rule_del(ns, argv[0], argv[1], pos,
			       argc > 3 ? &r : NULL);
}

static int run(const char *cmd, const char *ns, char **argv, int argc)
{
	const char *chain = argc > 1 ? argv[1] : NULL;
	struct ipt_table t;
	int err;

	if (streq(cmd, "show")) {
		err = nf_ipt_read(ns, argv[0], &t);
		if (err == 0)
			show(&t);
		nf_ipt_table_free(&t);
		return err;
	}
	if (streq(cmd, "policy") && argc == 3)
		return nf_ipt_policy(ns, argv[0], argv[1],
				     streq(argv[2], "DROP") ? NF_DROP
							    : NF_ACCEPT);
	if (streq(cmd, "new") && chain)
		return nf_ipt_chain_add(ns, argv[0], chain);
	if (streq(cmd, "delchain"))
		return nf_ipt_chain_del(ns, argv[0], chain);
	if (streq(cmd, "flush"))
		return nf_ipt_flush(ns, argv[0], chain);
	if (streq(cmd, "zero"))
		return nf_ipt_zero(ns, argv[0], chain);
	if (streq(cmd, "add") || streq(cmd, "replace") || streq(cmd, "del"))
		return run_rule(cmd, ns, argv, argc);
	return -EINVAL;
}

static const char *part_name(int p)
{
	switch (p) {
	case RESET_FW_RULE: return "rule";
	case RESET_FW_CHAIN: return "chain";
	case RESET_FW_POLICY: return "policy";
	default: return "other";
	}
}

static int reset(void)
{
	struct reset_report rep;
	int err = reset_world(NULL, &rep);

	for (int p = 0; err == 0 && p < RESET_PARTS; p++)
		for (size_t i = 0; i < rep.n[p]; i++)
			printf("reset %s: %s\n", part_name(p),
			       rep.items[p][i]);
	if (err == 0 && rep.failures)
		err = -EIO;
	reset_report_free(&rep);
	return err;
}

int main(int argc, char **argv)
{
	enum world_need need = WORLD_NONE;
	const char *ns = NULL;
	int err;

	if (argc > 1 && streq(argv[1], "-j")) {
		need = WORLD_CREATE;
		argc--;
		argv++;
	}
	if (world_open(WORLD_HOST, need) < 0)
		return 2;
	if (argc > 2 && streq(argv[1], "reset"))
		return reset() < 0;
	if (argc > 2 && streq(argv[1], "-n")) {
		ns = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3)
		return usage();
	err = run(argv[1], ns, argv + 2, argc - 2);
	world_close();
	if (err < 0) {
		printf("error: %s\n", strerror(-err));
		return 1;
	}
	return 0;
}
