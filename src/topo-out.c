/* topo-out.c: the model as Graphviz DOT and as JSON.
 *
 * The JSON's keys are ip -j's where they mean the same ("ifname",
 * "ifindex", "address", "master", "addr_info" with "family", "local",
 * "prefixlen"), so a test can set the two side by side.
 */
#include "system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <linux/netfilter.h>	/* after netinet/in.h */

#include "grade.h"
#include "inet.h"
#include "topo.h"
#include "utf8.h"

/* ---- shared ---- */

static const char *family_name(int family)
{
	return family == AF_INET6 ? "inet6" : "inet";
}

static void format_ip(int family, const unsigned char *ip, char *buf,
		      size_t size)
{
	if (!inet_ntop(family, ip, buf, size))
		snprintf(buf, size, "?");
}

/* The link a veth's peer fields name, or NULL. */
static const struct topo_link *peer_of(const struct topo *t,
				       const struct topo_link *l,
				       const struct topo_ns **pns)
{
	const struct topo_ns *ns;

	if (l->peer_ns < 0 || l->peer_link < 0 ||
	    (size_t)l->peer_ns >= t->n_ns)
		return NULL;
	ns = &t->ns[l->peer_ns];
	if ((size_t)l->peer_link >= ns->n_links)
		return NULL;
	*pns = ns;
	return &ns->links[l->peer_link];
}

static const struct topo_link *master_of(const struct topo_ns *ns,
					 const struct topo_link *l)
{
	if (l->master < 0 || (size_t)l->master >= ns->n_links)
		return NULL;
	return &ns->links[l->master];
}

/* ---- JSON ---- */

static void json_key(FILE *out, const char *key)
{
	fprintf(out, "\"%s\":", key);
}

static void json_str_or_null(FILE *out, const char *s)
{
	grade_json_string(out, s && *s ? s : NULL);
}

static void json_bool(FILE *out, const char *key, bool v)
{
	json_key(out, key);
	fputs(v ? "true" : "false", out);
}

static void json_addrs(const struct topo_link *l, FILE *out)
{
	char ip[INET6_ADDRSTRLEN];

	json_key(out, "addr_info");
	putc('[', out);
	for (size_t i = 0; i < l->n_addrs && i < TOPO_ADDRS_MAX; i++) {
		const struct topo_addr *a = &l->addrs[i];

		format_ip(a->family, a->ip, ip, sizeof(ip));
		fprintf(out, "%s{\"family\":\"%s\",\"local\":\"%s\","
			"\"prefixlen\":%d}", i ? "," : "",
			family_name(a->family), ip, a->prefixlen);
	}
	putc(']', out);
}

static void json_peer(const struct topo *t, const struct topo_link *l,
		      FILE *out)
{
	const struct topo_ns *pns = NULL;
	const struct topo_link *p = peer_of(t, l, &pns);

	json_key(out, "peer");
	if (!p) {
		fputs("null", out);
		return;
	}
	fputs("{\"namespace\":", out);
	grade_json_string(out, topo_ns_label(pns));
	fputs(",\"ifname\":", out);
	grade_json_string(out, p->name);
	putc('}', out);
}

static void json_link(const struct topo *t, const struct topo_ns *ns,
		      const struct topo_link *l, FILE *out)
{
	const struct topo_link *m = master_of(ns, l);
	char mac[18];

	fprintf(out, "{\"ifindex\":%d,", l->ifindex);
	json_key(out, "ifname");
	grade_json_string(out, l->name);
	putc(',', out);
	json_key(out, "kind");
	json_str_or_null(out, l->kind);
	putc(',', out);
	json_bool(out, "up", l->up);
	putc(',', out);
	json_bool(out, "lower_up", l->lower_up);
	putc(',', out);
	json_bool(out, "loopback", l->loopback);
	putc(',', out);
	json_key(out, "address");
	if (l->has_mac) {
		mac_format(l->mac, 6, mac, sizeof(mac));
		fprintf(out, "\"%s\"", mac);
	} else {
		fputs("null", out);
	}
	putc(',', out);
	json_key(out, "master");
	json_str_or_null(out, m ? m->name : NULL);
	putc(',', out);
	json_peer(t, l, out);
	putc(',', out);
	json_addrs(l, out);
	putc('}', out);
}

static void json_routes(const struct topo_ns *ns, FILE *out)
{
	static const int families[2] = {AF_INET, AF_INET6};
	char ip[INET6_ADDRSTRLEN];
	bool first = true;

	json_key(out, "default_routes");
	putc('[', out);
	for (size_t i = 0; i < ARRAY_SIZE(ns->defaults); i++) {
		const struct topo_route *r = &ns->defaults[i];
		const char *dev = NULL;

		if (!r->present)
			continue;
		if (r->link >= 0 && (size_t)r->link < ns->n_links)
			dev = ns->links[r->link].name;
		fprintf(out, "%s{\"family\":\"%s\",\"gateway\":",
			first ? "" : ",", family_name(families[i]));
		if (r->has_gateway) {
			format_ip(families[i], r->gateway, ip, sizeof(ip));
			fprintf(out, "\"%s\"", ip);
		} else {
			fputs("null", out);
		}
		fputs(",\"dev\":", out);
		json_str_or_null(out, dev);
		putc('}', out);
		first = false;
	}
	putc(']', out);
}

static const char *policy_name(int policy)
{
	if (policy == NF_DROP)
		return "\"DROP\"";
	if (policy == NF_ACCEPT)
		return "\"ACCEPT\"";
	return "null";
}

static void json_ns(const struct topo *t, const struct topo_ns *ns,
		    FILE *out)
{
	fputs("{\"name\":", out);
	grade_json_string(out, topo_ns_label(ns));
	putc(',', out);
	json_bool(out, "host", !*ns->name);
	fputs(",\"ip_forward\":", out);
	if (ns->ip_forward < 0)
		fputs("null", out);
	else
		fprintf(out, "%d", ns->ip_forward);
	fprintf(out, ",\"forward_policy\":%s,\"nat\":[",
		policy_name(ns->forward_policy));
	for (size_t i = 0; i < ns->n_nat && i < TOPO_NAT_MAX; i++) {
		char rule[TOPO_NAT_LEN];

		snprintf(rule, sizeof(rule), "%.*s", TOPO_NAT_LEN - 1,
			 ns->nat[i]);
		if (i)
			putc(',', out);
		grade_json_string(out, rule);
	}
	fputs("],", out);
	json_routes(ns, out);
	fputs(",\"links\":[", out);
	for (size_t i = 0; i < ns->n_links; i++) {
		if (i)
			putc(',', out);
		json_link(t, ns, &ns->links[i], out);
	}
	fputs("]}", out);
}

void topo_json(const struct topo *t, FILE *out)
{
	fputs("{\"namespaces\":[", out);
	for (size_t i = 0; i < t->n_ns; i++) {
		if (i)
			fputs(",\n", out);
		json_ns(t, &t->ns[i], out);
	}
	fputs("]}\n", out);
}

/* ---- DOT ---- */

/* s inside a DOT quoted string: quotes and backslashes escaped, control
 * characters as spaces, invalid UTF-8 as U+FFFD (dot wants UTF-8). */
static void dot_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_sequence(p);

		if (*p == '"' || *p == '\\') {
			putc('\\', out);
			putc(*p, out);
		} else if (*p < 0x20 || *p == 0x7f) {
			putc(' ', out);
		} else if (n == 0) {
			fputs("\xef\xbf\xbd", out);
			n = 1;
		} else {
			fwrite(p, 1, n, out);
		}
		p += n ? n : 1;
	}
}

/* A link's node id: "NS/ifname", quoted. */
static void dot_id(FILE *out, const struct topo_ns *ns,
		   const struct topo_link *l)
{
	putc('"', out);
	dot_text(out, topo_ns_label(ns));
	putc('/', out);
	dot_text(out, l->name);
	putc('"', out);
}

static void dot_node(FILE *out, const struct topo_ns *ns,
		     const struct topo_link *l)
{
	char ip[INET6_ADDRSTRLEN];

	fputs("\t\t", out);
	dot_id(out, ns, l);
	fputs(" [label=\"", out);
	dot_text(out, l->name);
	for (size_t i = 0; i < l->n_addrs && i < TOPO_ADDRS_MAX; i++) {
		const struct topo_addr *a = &l->addrs[i];

		if (a->link_local)
			continue;
		format_ip(a->family, a->ip, ip, sizeof(ip));
		fprintf(out, "\\n%s/%d", ip, a->prefixlen);
	}
	putc('"', out);
	if (streq(l->kind, "bridge"))
		fputs(", shape=box", out);
	if (l->loopback)
		fputs(", fontsize=9", out);
	if (!l->up)
		fputs(", style=dashed", out);
	fputs("];\n", out);
}

static void dot_cluster(FILE *out, size_t i, const struct topo_ns *ns)
{
	fprintf(out, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=\"", i);
	dot_text(out, topo_ns_label(ns));
	fputs("\";\n", out);
	for (size_t j = 0; j < ns->n_links; j++)
		dot_node(out, ns, &ns->links[j]);
	fputs("\t}\n", out);
}

static void dot_edge(FILE *out, const struct topo_ns *a,
		     const struct topo_link *la, const struct topo_ns *b,
		     const struct topo_link *lb, bool dashed)
{
	putc('\t', out);
	dot_id(out, a, la);
	fputs(" -- ", out);
	dot_id(out, b, lb);
	fputs(dashed ? " [style=dashed];\n" : ";\n", out);
}

/* The wires leaving link j of namespace i: its veth pair, once (from
 * the end that comes first in the model), and its bridge port. */
static void dot_edges(const struct topo *t, size_t i, size_t j, FILE *out)
{
	const struct topo_ns *ns = &t->ns[i], *pns = NULL;
	const struct topo_link *l = &ns->links[j];
	const struct topo_link *p = peer_of(t, l, &pns);
	const struct topo_link *m = master_of(ns, l);

	if (p && ((size_t)l->peer_ns > i ||
		  ((size_t)l->peer_ns == i && (size_t)l->peer_link > j)))
		dot_edge(out, ns, l, pns, p, !l->up || !p->up);
	if (m)
		dot_edge(out, ns, l, ns, m, !l->up || !m->up);
}

void topo_dot(const struct topo *t, FILE *out)
{
	fputs("graph lab {\n\tnode [shape=ellipse];\n", out);
	for (size_t i = 0; i < t->n_ns; i++)
		dot_cluster(out, i, &t->ns[i]);
	for (size_t i = 0; i < t->n_ns; i++)
		for (size_t j = 0; j < t->ns[i].n_links; j++)
			dot_edges(t, i, j, out);
	fputs("}\n", out);
}
