/* check.c: lesson checks: reading one ("link host reth1 up"), and
 * asking the kernel whether it holds.
 *
 * A check is a kind and words split on blanks, maybe after "!".  Each
 * kind says which words it takes and what each must look like; a
 * wrong one is refused with what was expected and an example.  The
 * evaluators live in check-net.c, check-fw.c and check-probe.c.
 */
#include "system.h"

#include <stdarg.h>
#include <net/if.h>

#include "check-private.h"
#include "inet.h"
#include "netns.h"
#include "nf-ipt.h"
#include "nl-link.h"
#include "out.h"
#include "particle.h"
#include "sysctl.h"
#include "topo.h"

typedef int (*check_eval_fn)(const struct check *c, char *why, size_t size);
typedef int (*check_parse_fn)(struct check *c, char **error);

struct check_kind_info {
	const char *name;
	enum check_kind kind;
	int min_words, max_words;	/* after the kind; -1: any */
	const char *usage;		/* its words, as the table writes them */
	const char *example;
	check_parse_fn parse;		/* the shape of the words */
	check_eval_fn eval;
};

/* ---- messages ---- */

void check_say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (!why || !size)
		return;
	va_start(ap, fmt);
	particle_vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

int check_cannot(char *why, size_t size, const char *what, int err)
{
	check_say(why, size, _("could not read %s: %s"), what,
		  out_strerror(err));
	return err < 0 ? err : -err;
}

/* An error for check_parse: -EINVAL with *error set. */
static int PRINTF_LIKE(2, 3) refuse(char **error, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = particle_vasprintf(error, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*error = NULL;
		return -ENOMEM;
	}
	return -EINVAL;
}

/* ---- namespaces and links, for every kind ---- */

const char *check_ns(const char *word)
{
	return streq(word, "host") ? NULL : word;
}

int check_ns_exists(const char *word, char *why, size_t size)
{
	if (!check_ns(word) || netns_exists(word))
		return 1;
	check_say(why, size, _("there is no namespace %s"), word);
	return 0;
}

void check_link_missing(const char *word, const char *dev,
			const struct link_list *l, char *why, size_t size)
{
	char names[256];
	size_t used = 0;

	snprintf(names, sizeof(names), "%s", _("none"));
	for (size_t i = 0; i < l->n && used < sizeof(names); i++)
		used += snprintf(names + used, sizeof(names) - used, "%s%s",
				 i ? ", " : "", l->links[i].name);
	check_say(why, size, _("%s has no link %s (it has: %s)"), word, dev,
		  names);
}

int check_link_lookup(const char *word, const char *dev, struct link *out,
		      char *why, size_t size)
{
	struct link_list l;
	int err;

	if (!check_ns_exists(word, why, size))
		return 0;
	err = link_get(check_ns(word), dev, out);
	if (err == 0)
		return 1;
	if (err != -ENODEV)
		return check_cannot(why, size, word, err);
	err = link_list(check_ns(word), &l);
	if (err < 0)
		return check_cannot(why, size, word, err);
	check_link_missing(word, dev, &l, why, size);
	link_list_free(&l);
	return 0;
}

/* ---- the shapes of words ---- */

static int want_ns(const char *w, char **error)
{
	if (streq(w, "host") || netns_name_valid(w))
		return 0;
	return refuse(error, _("%s is not a namespace name (give a name like "
			       "RED, or host)"), w);
}

static int want_dev(const char *w, char **error)
{
	if (*w && strlen(w) < IFNAMSIZ && !strchr(w, '/'))
		return 0;
	return refuse(error, _("%s is not a link name (at most 15 "
			       "characters, no /)"), w);
}

static int want_cidr(const char *w, char **error)
{
	struct inet_prefix p;

	if (inet_prefix_parse(w, AF_UNSPEC, &p) == 0 && p.has_prefixlen)
		return 0;
	return refuse(error, _("%s is not an address/prefix (like "
			       "11.11.11.2/24)"), w);
}

static int want_addr(const char *w, int family, char **error)
{
	struct inet_prefix p;

	if (inet_addr_parse(w, family, &p) == 0)
		return 0;
	if (family == AF_INET)
		return refuse(error, _("%s is not an IPv4 address (like "
				       "11.11.11.3)"), w);
	return refuse(error, _("%s is not an address (like 11.11.11.3)"), w);
}

static int want_prefix(const char *w, char **error)
{
	struct inet_prefix p;

	if (streq(w, "default") || inet_prefix_parse(w, AF_UNSPEC, &p) == 0)
		return 0;
	return refuse(error, _("%s is not a prefix (like 10.0.0.0/24, or "
			       "default)"), w);
}

static int parse_netns(struct check *c, char **error)
{
	return want_ns(c->argv[0], error);
}

static int parse_link(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_dev(c->argv[1], error)) < 0)
		return err;
	if (c->argc == 3 && streq(c->argv[2], "up"))
		return 0;
	if (c->argc == 4 && streq(c->argv[2], "type"))
		return 0;
	if (c->argc == 4 && streq(c->argv[2], "master"))
		return want_dev(c->argv[3], error);
	if (c->argc == 5 && streq(c->argv[2], "peer")) {
		if ((err = want_ns(c->argv[3], error)) < 0)
			return err;
		return want_dev(c->argv[4], error);
	}
	if (c->argc == 2)
		return 0;
	return refuse(error, _("after link NS DEV comes nothing, or up, type "
			       "KIND, master BR or peer NS2 DEV2, like: link "
			       "host reth1 master br0"));
}

static int parse_addr(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_dev(c->argv[1], error)) < 0)
		return err;
	return want_cidr(c->argv[2], error);
}

static int parse_route(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_prefix(c->argv[1], error)) < 0)
		return err;
	if (streq(c->argv[2], "via"))
		return want_addr(c->argv[3], AF_UNSPEC, error);
	if (streq(c->argv[2], "dev"))
		return want_dev(c->argv[3], error);
	return refuse(error, _("route NS PREFIX takes via ADDR or dev DEV, "
			       "like: route RED default via 11.11.11.1"));
}

static int parse_neigh(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_dev(c->argv[1], error)) < 0)
		return err;
	return want_addr(c->argv[2], AF_UNSPEC, error);
}

static int parse_fdb(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_dev(c->argv[1], error)) < 0)
		return err;
	return want_dev(c->argv[2], error);
}

static int parse_sysctl(struct check *c, char **error)
{
	char path[512];
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0)
		return err;
	if (strchr(c->argv[1], '.') &&
	    sysctl_key_path(c->argv[1], path, sizeof(path)) < 0)
		return 0;
	return refuse(error, _("%s is not a sysctl key (like "
			       "net.ipv4.ip_forward)"), c->argv[1]);
}

static int want_table(const char *w, char **error)
{
	if (nf_ipt_table_known(w))
		return 0;
	return refuse(error, _("%s is not an iptables table (filter or nat)"),
		      w);
}

static int parse_policy(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_table(c->argv[1], error)) < 0)
		return err;
	if (!nf_ipt_builtin(c->argv[1], c->argv[2]))
		return refuse(error, _("%s is not a built-in chain of the %s "
				       "table (like FORWARD)"),
			      c->argv[2], c->argv[1]);
	if (streq(c->argv[3], "ACCEPT") || streq(c->argv[3], "DROP"))
		return 0;
	return refuse(error, _("a policy is ACCEPT or DROP, not %s"),
		      c->argv[3]);
}

static int parse_rule(struct check *c, char **error)
{
	struct ipt_rule r;
	const char *chain = c->argv[2];
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0 ||
	    (err = want_table(c->argv[1], error)) < 0)
		return err;
	if (!*chain || chain[0] == '-' || strlen(chain) > IPT_CHAIN_MAX)
		return refuse(error, _("%s is not a chain name (like FORWARD)"),
			      chain);
	return check_rule_parse(c->argc - 3, c->argv + 3, &r, error);
}

static int parse_ping(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0)
		return err;
	return want_addr(c->argv[1], AF_INET, error);
}

static int parse_http(struct check *c, char **error)
{
	int err;

	if ((err = want_ns(c->argv[0], error)) < 0)
		return err;
	if (strncmp(c->argv[1], "http://", 7) == 0 && c->argv[1][7])
		return 0;
	return refuse(error, _("%s is not an http:// URL (like "
			       "http://11.11.11.2:8080/)"), c->argv[1]);
}

static const struct check_kind_info kinds[] = {
	{"netns", CHECK_NETNS, 1, 1, "NS", "netns RED", parse_netns,
	 check_eval_netns},
	{"link", CHECK_LINK, 2, 5,
	 "NS DEV [up | type KIND | master BR | peer NS2 DEV2]",
	 "link host reth1 up", parse_link, check_eval_link},
	{"addr", CHECK_ADDR, 3, 3, "NS DEV CIDR",
	 "addr RED reth0 11.11.11.2/24", parse_addr, check_eval_addr},
	{"route", CHECK_ROUTE, 4, 4, "NS PREFIX via ADDR | NS PREFIX dev DEV",
	 "route RED default via 11.11.11.1", parse_route, check_eval_route},
	{"neigh", CHECK_NEIGH, 3, 3, "NS DEV ADDR",
	 "neigh RED reth0 11.11.11.3", parse_neigh, check_eval_neigh},
	{"fdb", CHECK_FDB, 3, 3, "NS BR DEV", "fdb host br0 reth1", parse_fdb,
	 check_eval_fdb},
	{"sysctl", CHECK_SYSCTL, 3, -1, "NS KEY VALUE",
	 "sysctl host net.ipv4.ip_forward 1", parse_sysctl, check_eval_sysctl},
	{"policy", CHECK_POLICY, 4, 4, "NS TABLE CHAIN POLICY",
	 "policy host filter FORWARD DROP", parse_policy, check_eval_policy},
	{"rule", CHECK_RULE, 4, -1, "NS TABLE CHAIN SPEC...",
	 "rule host filter FORWARD -s 11.11.11.0/24 -j ACCEPT", parse_rule,
	 check_eval_rule},
	{"ping", CHECK_PING, 2, 2, "NS ADDR", "ping RED 11.11.11.3", parse_ping,
	 check_eval_ping},
	{"noping", CHECK_NOPING, 2, 2, "NS ADDR", "noping RED 11.11.11.3",
	 parse_ping, check_eval_ping},
	{"http", CHECK_HTTP, 2, -1, "NS URL [TEXT]",
	 "http host http://11.11.11.2:8080/ RED", parse_http,
	 check_eval_http},
};

static const struct check_kind_info *kind_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (streq(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

static const struct check_kind_info *kind_info(enum check_kind kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return NULL;
}

/* ---- parsing ---- */

void check_free(struct check *c)
{
	for (int i = 0; i < c->argc; i++)
		free(c->argv[i]);
	free(c->text);
	*c = (struct check){.kind = CHECK_NONE};
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* Splits line into c's words, the kind first (into *kind). */
static int split_words(const char *line, struct check *c, char **kind,
		       char **error)
{
	const char *p = line, *start;
	char *word;

	*kind = NULL;
	while (*p) {
		while (blank(*p))
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && !blank(*p))
			p++;
		if (!*kind && !c->negate && *start == '!') {
			c->negate = true;
			p = start + 1;
			continue;
		}
		if (*kind && c->argc == CHECK_WORDS_MAX)
			return refuse(error, _("a check has at most %d words"),
				      CHECK_WORDS_MAX);
		word = strndup(start, (size_t)(p - start));
		if (!word)
			return -ENOMEM;
		if (!*kind)
			*kind = word;
		else
			c->argv[c->argc++] = word;
	}
	return 0;
}

static int refuse_kind(const char *kind, char **error)
{
	if (!kind)
		return refuse(error, _("a check starts with its kind: netns, "
				       "link, addr, route, neigh, fdb, sysctl, "
				       "policy, rule, ping, noping or http"));
	return refuse(error, _("%s is not a kind of check (the kinds: netns, "
			       "link, addr, route, neigh, fdb, sysctl, policy, "
			       "rule, ping, noping, http)"), kind);
}

int check_parse(const char *line, struct check *c, char **error)
{
	const struct check_kind_info *k;
	_cleanup_free_ char *kind = NULL;
	int err;

	*c = (struct check){.kind = CHECK_NONE};
	*error = NULL;
	err = split_words(line, c, &kind, error);
	if (err == 0) {
		k = kind ? kind_by_name(kind) : NULL;
		if (!k)
			err = refuse_kind(kind, error);
		else if (c->argc < k->min_words ||
			 (k->max_words >= 0 && c->argc > k->max_words))
			err = refuse(error, _("%s needs %s, like: %s"), k->name,
				     k->usage, k->example);
		else
			err = k->parse(c, error);
	}
	if (err == 0) {
		c->kind = k->kind;
		c->text = strdup(line);
		if (!c->text)
			err = -ENOMEM;
	}
	if (err < 0)
		check_free(c);
	return err;
}

/* ---- evaluating ---- */

bool check_probes(const struct check *c)
{
	return c->kind == CHECK_PING || c->kind == CHECK_NOPING ||
	       c->kind == CHECK_HTTP;
}

int check_eval(const struct check *c, char *why, size_t size)
{
	const struct check_kind_info *k = kind_info(c->kind);
	char scratch[8];
	int r;

	if (!why || !size) {
		why = scratch;
		size = sizeof(scratch);
	}
	why[0] = '\0';
	if (!k) {
		check_say(why, size, _("this check was never read"));
		return -EINVAL;
	}
	r = k->eval(c, why, size);
	if (r < 0 || !c->negate)
		return r;
	return !r;
}

/* The link word of each kind that names one: "link NS DEV",
 * "addr NS DEV ADDR", "neigh NS DEV ADDR", "fdb NS BR DEV". */
static int focus_link_word(const struct check *c)
{
	switch (c->kind) {
	case CHECK_LINK:
	case CHECK_ADDR:
	case CHECK_NEIGH:
		return 1;
	case CHECK_FDB:
		return 2;
	default:
		return -1;
	}
}

void check_focus(const struct check *c, struct topo_focus *f)
{
	int w = focus_link_word(c);
	const char *ns = c->argc > 0 ? check_ns(c->argv[0]) : NULL;

	snprintf(f->ns, sizeof(f->ns), "%s", ns ? ns : "");
	snprintf(f->ifname, sizeof(f->ifname), "%s",
		 w > 0 && w < c->argc ? c->argv[w] : "");
	f->set = true;
}
