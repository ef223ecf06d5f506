/* unit-topo-out.c: topo_json() and topo_dot() on hand-made models: the
 * JSON read back by jq, the DOT balanced, quoted and accepted by dot.
 */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/netfilter.h>	/* after netinet/in.h */

#include "tap.h"
#include "topo.h"

/* A name with a quote, a backslash, Korean and an invalid byte. */
#define ODD_NS "b\"l\\ue-\xed\x8c\x8c\xeb\x9e\x91\xff"

static struct topo_link *add_link(struct topo_ns *ns, const char *name,
				  const char *kind, bool up)
{
	struct topo_link *l = &ns->links[ns->n_links];

	*l = (struct topo_link){
		.ifindex = (int)ns->n_links + 1,
		.up = up,
		.lower_up = up,
		.has_mac = true,
		.mac = {0x3a, 0xc6, 0, 0, 0, (unsigned char)ns->n_links},
		.master = -1,
		.peer_ns = -1,
		.peer_link = -1,
	};
	snprintf(l->name, sizeof(l->name), "%s", name);
	snprintf(l->kind, sizeof(l->kind), "%s", kind);
	ns->n_links++;
	return l;
}

static void add_addr(struct topo_link *l, int family, const char *ip,
		     int prefixlen)
{
	struct topo_addr *a = &l->addrs[l->n_addrs++];

	a->family = family;
	a->prefixlen = prefixlen;
	inet_pton(family, ip, a->ip);
	a->link_local = family == AF_INET6 && strncmp(ip, "fe80", 4) == 0;
}

static void add_lo(struct topo_ns *ns)
{
	struct topo_link *lo = add_link(ns, "lo", "", true);

	lo->loopback = true;
	lo->has_mac = false;
	add_addr(lo, AF_INET, "127.0.0.1", 8);
}

/* host: lo, br0 (11.11.11.1/24, down), reth1 and beth1 its ports, and
 * vh0 (DOWN); RED: lo, reth0; ODD_NS: lo, beth0. */
static void make_model(struct topo *t)
{
	struct topo_ns *ns;
	struct topo_link *l;

	t->n_ns = 3;
	t->ns = calloc(t->n_ns, sizeof(*t->ns));
	for (size_t i = 0; i < t->n_ns; i++) {
		t->ns[i].links = calloc(8, sizeof(struct topo_link));
		t->ns[i].ip_forward = 0;
		t->ns[i].forward_policy = -1;
	}
	ns = &t->ns[0];
	ns->ip_forward = 1;
	ns->forward_policy = NF_DROP;
	ns->n_nat = 1;
	snprintf(ns->nat[0], TOPO_NAT_LEN,
		 "-A POSTROUTING -s 11.11.11.0/24 -j MASQUERADE");
	add_lo(ns);
	l = add_link(ns, "br0", "bridge", true);
	add_addr(l, AF_INET, "11.11.11.1", 24);
	add_addr(l, AF_INET6, "fe80::1", 64);
	l = add_link(ns, "reth1", "veth", true);
	l->master = 1, l->peer_ns = 1, l->peer_link = 1;
	l = add_link(ns, "beth1", "veth", true);
	l->master = 1, l->peer_ns = 2, l->peer_link = 1;
	add_link(ns, "vh0", "dummy", false);
	ns->defaults[0] = (struct topo_route){.present = true, .link = 4};

	ns = &t->ns[1];
	snprintf(ns->name, sizeof(ns->name), "RED");
	add_lo(ns);
	l = add_link(ns, "reth0", "veth", true);
	l->peer_ns = 0, l->peer_link = 2;
	add_addr(l, AF_INET, "11.11.11.2", 24);
	add_addr(l, AF_INET6, "2001:db8::2", 64);
	ns->defaults[0] = (struct topo_route){.present = true,
					      .has_gateway = true, .link = 1};
	inet_pton(AF_INET, "11.11.11.1", ns->defaults[0].gateway);
	ns->defaults[1] = (struct topo_route){.present = true, .link = -1,
					      .has_gateway = true};
	inet_pton(AF_INET6, "2001:db8::1", ns->defaults[1].gateway);

	ns = &t->ns[2];
	snprintf(ns->name, sizeof(ns->name), "%s", ODD_NS);
	ns->ip_forward = -1;
	add_lo(ns);
	l = add_link(ns, "beth0", "veth", false);
	l->peer_ns = 0, l->peer_link = 3;
	add_addr(l, AF_INET, "11.11.11.3", 24);
}

static void free_model(struct topo *t)
{
	for (size_t i = 0; i < t->n_ns; i++)
		free(t->ns[i].links);
	free(t->ns);
}

static char *render(const struct topo *t, bool dot)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	if (dot)
		topo_dot(t, f);
	else
		topo_json(t, f);
	fclose(f);
	return buf;
}

static char json_path[] = "/tmp/unit-topo-out-XXXXXX";

/* jq -c FILTER over the JSON, its output without the last newline. */
static char *jq(const char *filter)
{
	static char out[4096];
	char cmd[1024];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "jq -c '%s' %s 2>&1", filter, json_path);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	if (pclose(p) != 0)
		printf("# jq '%s' failed: %s\n", filter, out);
	return out;
}

static void test_json(const struct topo *t)
{
	char *s = render(t, false);
	int fd = mkstemp(json_path);
	FILE *f;

	ok(s && fd >= 0, "JSON written");
	if (!s || fd < 0)
		return;
	f = fdopen(fd, "w");
	fputs(s, f);
	fclose(f);
	ok(strstr(s, "b\\\"l\\\\ue") != NULL, "quote and backslash escaped");
	ok(strstr(s, "\xed\x8c\x8c\xeb\x9e\x91") != NULL,
	   "Korean passed through as UTF-8");
	ok(strchr(s, '\xff') == NULL && strstr(s, "\xeb\x9e\x91\\ufffd\""),
	   "the invalid byte escaped (as \\ufffd by grade_json_string)");
	is_str(jq("type"), "\"object\"", "jq reads it");
	is_str(jq("[.namespaces[].name]"),
	       "[\"host\",\"RED\",\"b\\\"l\\\\ue-파랑\xef\xbf\xbd\"]",
	       "namespace names (the invalid byte as U+FFFD)");
	is_str(jq("[.namespaces[].host]"), "[true,false,false]", "host flag");
	is_str(jq("[.namespaces[].ip_forward]"), "[1,0,null]",
	       "ip_forward, -1 as null");
	is_str(jq("[.namespaces[].forward_policy]"), "[\"DROP\",null,null]",
	       "forward_policy");
	is_str(jq(".namespaces[0].nat"),
	       "[\"-A POSTROUTING -s 11.11.11.0/24 -j MASQUERADE\"]",
	       "nat rules");
	is_str(jq(".namespaces[0].links | map(.ifname)"),
	       "[\"lo\",\"br0\",\"reth1\",\"beth1\",\"vh0\"]", "host links");
	is_str(jq(".namespaces[0].links | map(.ifindex)"), "[1,2,3,4,5]",
	       "ifindexes");
	is_str(jq(".namespaces[0].links | map(.kind)"),
	       "[null,\"bridge\",\"veth\",\"veth\",\"dummy\"]", "kinds");
	is_str(jq(".namespaces[0].links | map(.up)"),
	       "[true,true,true,true,false]", "up flags");
	is_str(jq(".namespaces[0].links | map(.loopback)"),
	       "[true,false,false,false,false]", "loopback flags");
	is_str(jq(".namespaces[0].links | map(.master)"),
	       "[null,null,\"br0\",\"br0\",null]", "masters");
	is_str(jq(".namespaces[0].links | map(.address)"),
	       "[null,\"3a:c6:00:00:00:01\",\"3a:c6:00:00:00:02\","
	       "\"3a:c6:00:00:00:03\",\"3a:c6:00:00:00:04\"]", "MACs");
	is_str(jq(".namespaces[0].links[1].addr_info"),
	       "[{\"family\":\"inet\",\"local\":\"11.11.11.1\","
	       "\"prefixlen\":24},"
	       "{\"family\":\"inet6\",\"local\":\"fe80::1\",\"prefixlen\":64}]",
	       "addresses with families and prefixes");
	is_str(jq("[.namespaces[].links[] | .peer]"),
	       "[null,null,{\"namespace\":\"RED\",\"ifname\":\"reth0\"},"
	       "{\"namespace\":\"b\\\"l\\\\ue-파랑\xef\xbf\xbd\","
	       "\"ifname\":\"beth0\"},null,null,"
	       "{\"namespace\":\"host\",\"ifname\":\"reth1\"},null,"
	       "{\"namespace\":\"host\",\"ifname\":\"beth1\"}]",
	       "every veth's peer, across namespaces");
	is_str(jq(".namespaces[0].default_routes"),
	       "[{\"family\":\"inet\",\"gateway\":null,\"dev\":\"vh0\"}]",
	       "host default route: a device, no gateway");
	is_str(jq(".namespaces[1].default_routes"),
	       "[{\"family\":\"inet\",\"gateway\":\"11.11.11.1\","
	       "\"dev\":\"reth0\"},{\"family\":\"inet6\","
	       "\"gateway\":\"2001:db8::1\",\"dev\":null}]",
	       "RED's default routes, v4 and v6");
	is_str(jq(".namespaces[2].default_routes"), "[]", "no default route");
	unlink(json_path);
	free(s);
}

/* The DOT's quotes pair up (a backslash escapes the next character) and
 * its braces balance outside them. */
static bool dot_balanced(const char *s)
{
	bool quoted = false;
	int depth = 0;

	for (; *s; s++) {
		if (quoted && *s == '\\' && s[1])
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == '{')
			depth++;
		else if (!quoted && *s == '}' && --depth < 0)
			return false;
	}
	return !quoted && depth == 0;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

static int dot_accepts(const char *s)
{
	FILE *p = popen("dot -Tsvg >/dev/null 2>&1", "w");

	if (!p)
		return -1;
	fputs(s, p);
	return pclose(p);
}

static void test_dot(const struct topo *t)
{
	char *s = render(t, true);

	ok(s != NULL, "DOT written");
	if (!s)
		return;
	ok(strncmp(s, "graph lab {", 11) == 0, "a graph named lab");
	ok(dot_balanced(s), "quotes and braces balanced");
	is_str(count(s, "subgraph \"cluster_") == 3 ? "3" : s, "3",
	       "a cluster per namespace");
	ok(strstr(s, "label=\"b\\\"l\\\\ue-\xed\x8c\x8c\xeb\x9e\x91"
		  "\xef\xbf\xbd\";") != NULL,
	   "odd namespace label escaped, invalid byte as U+FFFD");
	ok(strchr(s, '\xff') == NULL, "the invalid byte is not written raw");
	ok(strstr(s, "\"host/br0\" [label=\"br0\\n11.11.11.1/24\", "
		  "shape=box];") != NULL,
	   "bridge a box, link-local address left out");
	ok(strstr(s, "\"RED/reth0\" [label=\"reth0\\n11.11.11.2/24"
		  "\\n2001:db8::2/64\"];") != NULL,
	   "a node labelled with its addresses");
	ok(strstr(s, "\"RED/lo\" [label=\"lo\\n127.0.0.1/8\", fontsize=9];")
	   != NULL, "lo small");
	ok(strstr(s, "\"host/vh0\" [label=\"vh0\", style=dashed];") != NULL,
	   "a link down dashed");
	is_str(count(s, "\"host/reth1\" -- \"RED/reth0\";") == 1 &&
	       count(s, "\"RED/reth0\" -- \"host/reth1\"") == 0 ? "once" : s,
	       "once", "a veth pair's edge, once");
	ok(count(s, "\"host/beth1\" -- \"b\\\"l\\\\ue-") == 1 &&
	   count(s, "[style=dashed]") == 1,
	   "a pair with an end down: one dashed edge");
	ok(count(s, "\"host/reth1\" -- \"host/br0\";") == 1 &&
	   count(s, "\"host/beth1\" -- \"host/br0\";") == 1,
	   "an edge per bridge port");
	is_str(count(s, " -- ") == 4 ? "4" : s, "4", "4 edges in all");
	ok(access("/usr/bin/dot", X_OK) != 0 || dot_accepts(s) == 0,
	   "dot -Tsvg accepts it");
	free(s);
}

static void test_empty(void)
{
	struct topo_ns ns = {.ip_forward = -1, .forward_policy = -1};
	struct topo t = {.n_ns = 1, .ns = &ns};
	char *s = render(&t, false);

	is_str(s, "{\"namespaces\":[{\"name\":\"host\",\"host\":true,"
	       "\"ip_forward\":null,\"forward_policy\":null,\"nat\":[],"
	       "\"default_routes\":[],\"links\":[]}]}\n",
	       "a host with nothing: JSON");
	free(s);
	s = render(&t, true);
	ok(s && dot_balanced(s) && count(s, " -- ") == 0, "and DOT");
	free(s);
}

int main(void)
{
	struct topo t = {0};

	make_model(&t);
	test_json(&t);
	test_dot(&t);
	test_empty();
	free_model(&t);
	return tap_done();
}
