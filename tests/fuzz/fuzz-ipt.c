/* fuzz-ipt.c: libFuzzer target for the iptables argument parser
 * (cmd-iptables.c, ipt-args.c) and its translation into nf_tables
 * expressions (nf-rule.c).
 *
 * Every input is the words after "iptables".  A line that parses and
 * holds a rule is encoded as iptables-nft would and decoded again: that
 * must work, give a rule that encodes to itself, and print (iptables
 * -S) as words that parse back to the same rule.  Nothing is sent to a
 * kernel.
 */
#include "fuzz.h"

#include <netinet/in.h>

#include "cmd-iptables.h"
#include "nf-rule.h"
#include "tokenize.h"

static bool has_rule(int cmd)
{
	return cmd == 'A' || cmd == 'I' || cmd == 'C' || cmd == 'R' ||
	       cmd == 'D';
}

/* Reads words as iptables would; 0 with *l filled, or -1. */
static int parse(int argc, char **argv, struct ipt_line *l)
{
	*l = (struct ipt_line){.table = "filter", .argc = argc, .argv = argv};
	ipt_rule_init(&l->rule);
	return ipt_line_parse(l);
}

/* chain in single quotes: the learner may name any chain. */
static const char *quoted(const char *chain)
{
	static char buf[4 * 64];
	size_t n = 0;

	buf[n++] = '\'';
	for (const char *p = chain; *p && n < sizeof(buf) - 6; p++) {
		if (*p == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			buf[n++] = *p;
		}
	}
	buf[n++] = '\'';
	buf[n] = '\0';
	return buf;
}

/* The rule iptables -S prints for (table, chain, r) parses to r. */
static void reparse(const char *table, const char *chain,
		    const struct ipt_rule *r)
{
	char spec[1024], *line = NULL, text[1024], again_text[1024];
	struct command_list list;
	struct tok_error error;
	struct ipt_line l;
	struct ipt_rule again;

	ipt_rule_spec(r, NULL, spec, sizeof(spec));
	fuzz_assert(asprintf(&line, "-t %s -A %s %s", table, quoted(chain),
			     spec) > 0);
	fuzz_assert(tokenize_line(line, &list, &error) == 0 && list.n == 1);
	fuzz_assert(parse(list.cmds[0].argc, list.cmds[0].argv, &l) == 0);
	fuzz_assert(nf_rule_canon(&l.rule, &again) == 0);
	nf_rule_text(r, text, sizeof(text));
	nf_rule_text(&again, again_text, sizeof(again_text));
	if (!streq(text, again_text))
		fprintf(stderr, "%s\n%s\n%s\n", spec, text, again_text);
	fuzz_assert(streq(text, again_text));
	fuzz_assert(ipt_rule_same(r, &again));
	command_list_free(&list);
	free(line);
}

/* iptables -S prints chain and interface names bare, as iptables-nft
 * does: pasted into a shell (or nstutor) they read back only when they
 * hold nothing a shell treats specially.  The LOG prefix is quoted, but
 * iptables' \' inside "..." keeps its backslash in a shell. */
static bool bare_word(const char *w)
{
	return w[0] != '#' && !w[strcspn(w, " \t\n\v\f\r'\"\\;|&<>")];
}

static bool survives_shell(const struct ipt_rule *r)
{
	return bare_word(r->target) && bare_word(r->in.name) &&
	       bare_word(r->out.name) && !strchr(r->log_prefix, '\'');
}

/* -m icmp or --icmp-type without -p icmp (or under "! -p icmp"),
 * -m tcp / -m udp with no -p, "! -s 0/0": iptables-nft
 * sends that rule and the kernel refuses it (RULE_APPEND failed), as it
 * refuses nstutor's. */
static bool kernel_refuses(const struct ipt_line *l)
{
	const struct ipt_rule *r = &l->rule;

	return ((l->icmp || r->icmp_type_set) &&
		(r->proto != IPPROTO_ICMP || r->proto_invert)) ||
	       (l->l4_explicit && !r->proto) ||
	       (r->src.set && r->src.invert && r->src.len == 0) ||
	       (r->dst.set && r->dst.invert && r->dst.len == 0);
}

static void translate(const struct ipt_line *l)
{
	struct ipt_rule canon, twice;
	char a[1024], b[1024];

	if (nf_rule_canon(&l->rule, &canon) < 0 && kernel_refuses(l))
		return;
	fuzz_assert(nf_rule_canon(&l->rule, &canon) == 0);
	fuzz_assert(nf_rule_canon(&canon, &twice) == 0);
	nf_rule_text(&canon, a, sizeof(a));
	nf_rule_text(&twice, b, sizeof(b));
	fuzz_assert(streq(a, b));
	if (survives_shell(&canon))
		reparse(l->table, l->chain, &canon);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_string(data, size);
	struct command_list list;
	struct tok_error error;
	struct ipt_line l;

	if (tokenize_line(line, &list, &error) == 0) {
		if (list.n == 1 &&
		    parse(list.cmds[0].argc, list.cmds[0].argv, &l) == 0 &&
		    has_rule(l.cmd) && l.chain && !(l.cmd == 'D' && l.num))
			translate(&l);
		command_list_free(&list);
	}
	free(line);
	return 0;
}
