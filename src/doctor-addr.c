/* doctor-addr.c: do the lessons' networks collide with the namespace's
 * routes or addresses? */
#include "system.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "doctor.h"
#include "inet.h"
#include "nl-addr.h"
#include "nl-link.h"
#include "nl-route.h"
#include "out.h"
#include "world.h"

/* Every network a lesson puts in the world (DESIGN.md §1, §4). */
static const struct lesson_net {
	unsigned char addr[4];
	int len;
	const char *used_by; /* N_() */
} lesson_nets[] = {
	{{11, 11, 11, 0}, 24,
	 N_("RED and BLUE: veth, bridge and FORWARD lessons")},
	{{10, 200, 0, 0}, 24,
	 N_("the host and its namespace: the first lesson")},
	{{198, 51, 100, 0}, 24,
	 N_("the internet namespace: gateway and NAT lessons")},
	{{203, 0, 113, 0}, 24,
	 N_("the internet namespace: gateway and NAT lessons")},
};

enum doctor_overlap doctor_overlap(const unsigned char *have, int have_len,
				   const unsigned char *want, int want_len)
{
	int bits = have_len < want_len ? have_len : want_len;

	if (have_len <= 0) /* a default route collides with nothing */
		return DOCTOR_APART;
	if (!inet_bits_match(have, want, bits))
		return DOCTOR_APART;
	return have_len < want_len ? DOCTOR_WIDER : DOCTOR_CLASH;
}

/* Compares what (say "route 11.11.11.0/24 dev br0") with every lesson
 * network, a line for each it meets; the worst overlap. */
static enum doctor_overlap meet(FILE *f, const char *what,
				const unsigned char *addr, int len)
{
	enum doctor_overlap worst = DOCTOR_APART, o;
	char buf[INET_ADDRSTRLEN];

	for (size_t i = 0; i < ARRAY_SIZE(lesson_nets); i++) {
		const struct lesson_net *n = &lesson_nets[i];

		o = doctor_overlap(addr, len, n->addr, n->len);
		if (o == DOCTOR_APART)
			continue;
		out_fprintf(f, _("%s meets %s/%d (%s)\n"), what,
			    inet_format(AF_INET, n->addr, buf, sizeof(buf)),
			    n->len, _(n->used_by));
		if (o > worst)
			worst = o;
	}
	return worst;
}

static enum doctor_overlap meet_routes(const char *ns,
				       const struct route_list *l, FILE *f)
{
	enum doctor_overlap worst = DOCTOR_APART, o;
	char dst[INET_ADDRSTRLEN], dev[IFNAMSIZ], what[128];

	for (size_t i = 0; i < l->n; i++) {
		const struct route *r = &l->routes[i];

		if (r->table == RT_TABLE_LOCAL || !r->has_dst ||
		    r->dst_len == 0)
			continue;
		inet_format(AF_INET, r->dst, dst, sizeof(dst));
		if (r->oif) {
			link_name(ns, r->oif, dev);
			snprintf(what, sizeof(what), _("route %s/%d dev %s"),
				 dst, r->dst_len, dev);
		} else {
			snprintf(what, sizeof(what), _("route %s/%d"), dst,
				 r->dst_len);
		}
		o = meet(f, what, r->dst, r->dst_len);
		if (o > worst)
			worst = o;
	}
	return worst;
}

static enum doctor_overlap meet_addrs(const char *ns,
				      const struct addr_list *l, FILE *f)
{
	enum doctor_overlap worst = DOCTOR_APART, o;
	char addr[INET_ADDRSTRLEN], dev[IFNAMSIZ], what[128];

	for (size_t i = 0; i < l->n; i++) {
		const struct addr *a = &l->addrs[i];

		if (!a->has_local)
			continue;
		link_name(ns, a->ifindex, dev);
		snprintf(what, sizeof(what), _("address %s/%d on %s"),
			 inet_format(AF_INET, a->local, addr, sizeof(addr)),
			 a->prefixlen, dev);
		o = meet(f, what, a->local, a->prefixlen);
		if (o > worst)
			worst = o;
	}
	return worst;
}

static int overlap_add(struct doctor_report *r, struct doctor_text *t,
		       enum doctor_overlap worst)
{
	if (worst == DOCTOR_CLASH)
		return doctor_add_text(r, DOCTOR_PROBLEM,
			_("lesson addresses: already used here"), t,
			_("A lesson that adds its route to such a network here "
			  "gets \"RTNETLINK answers: File exists\", or its "
			  "packets go somewhere else. Remove the route if an "
			  "earlier lab left it, or learn in a sandbox world, "
			  "whose routes are its own."));
	if (worst == DOCTOR_WIDER)
		return doctor_add_text(r, DOCTOR_WARN,
			_("lesson addresses: inside a wider route"), t,
			_("The lessons' own, narrower routes win, so the "
			  "lessons work; but while a lab is up, this namespace "
			  "cannot reach those addresses through the wider "
			  "route."));
	fprintf(t->f, _("no route or address meets 11.11.11.0/24, "
			"10.200.0.0/24, 198.51.100.0/24 or 203.0.113.0/24\n"));
	return doctor_add_text(r, DOCTOR_OK, _("lesson addresses: free"), t,
		_("The lessons' networks collide with nothing here."));
}

int doctor_check_addresses(const char *ns, struct doctor_report *r)
{
	struct route_list routes = {0};
	struct addr_list addrs = {0};
	enum doctor_overlap worst = DOCTOR_APART, o;
	struct doctor_text t;
	int err, rerr, aerr;

	if ((err = doctor_text_open(&t)) < 0)
		return err;
	if (world_kind() == WORLD_SANDBOX && world_state_fd() >= 0) {
		fprintf(t.f, _("the sandbox world has routes of its own\n"));
		return doctor_add_text(r, DOCTOR_OK,
			_("lesson addresses: the sandbox's own"), &t,
			_("This machine's routes cannot collide with a lesson "
			  "in the sandbox world; the routes here are the "
			  "lab's."));
	}
	rerr = route_list(ns, AF_INET, &routes);
	aerr = addr_list(ns, AF_INET, &addrs);
	if (rerr == 0)
		worst = meet_routes(ns, &routes, t.f);
	if (aerr == 0 && (o = meet_addrs(ns, &addrs, t.f)) > worst)
		worst = o;
	route_list_free(&routes);
	addr_list_free(&addrs);
	if (rerr < 0 || aerr < 0) {
		fprintf(t.f, _("%s: could not be read: %s\n"),
			rerr < 0 ? _("routes") : _("addresses"),
			out_strerror(rerr < 0 ? rerr : aerr));
		if (worst == DOCTOR_APART)
			return doctor_add_text(r, DOCTOR_UNKNOWN,
				_("lesson addresses: not known"), &t,
				_("Whether the lessons' networks collide with "
				  "this namespace's is not known."));
	}
	return overlap_add(r, &t, worst);
}
