/* changes-text.c: the words of the change notes, one function per kind
 * of line: addresses, routes, neighbours, fdb entries, namespaces, and
 * links (collapsed per link, veth ends paired, moves across namespaces
 * told as moves); then the lines in the order things happened. */
#include "system.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdarg.h>

#include "changes-private.h"
#include "netns.h"
#include "nl-link.h"
#include "out.h"
#include "particle.h"

/* ---- small helpers ---- */

static void mac_text(const unsigned char *m, char *buf, size_t size)
{
	snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
}

/* The name of a link of w, or "ifindex N" when it is not known. */
static const char *dev_name(struct watch *w, int ifindex, char *buf,
			    size_t size)
{
	const struct nl_event *l = changes_link_find(w, ifindex);

	if (l && l->name[0])
		return l->name;
	snprintf(buf, size, _("link %d"), ifindex);
	return buf;
}

/* ---- events ---- */

void changes_say_at(struct report *r, size_t pos, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;

	va_start(ap, fmt);
	len = particle_vasprintf(&text, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (!changes_grow((void **)&r->lines, r->n_lines, sizeof(*r->lines))) {
		free(text);
		return;
	}
	r->lines[r->n_lines++] =
	    (struct line){.pos = pos, .seq = r->n_lines, .text = text};
}

/* The line just said went with link ifindex of w, if that is deleted. */
static void goes_with_link(struct report *r, struct watch *w, int ifindex)
{
	if (r->n_lines) {
		r->lines[r->n_lines - 1].w = w;
		r->lines[r->n_lines - 1].ifindex = ifindex;
	}
}

static struct link_item *item_for(struct report *r, struct watch *w,
				  const struct nl_event *ev)
{
	struct link_item *it;
	const struct nl_event *old;

	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].w == w &&
		    r->items[i].now.ifindex == ev->ifindex)
			return &r->items[i];
	if (!changes_grow((void **)&r->items, r->n_items, sizeof(*r->items)))
		return NULL;
	it = &r->items[r->n_items++];
	old = changes_link_find(w, ev->ifindex);
	*it = (struct link_item){.w = w, .pos = r->pos, .had_old = old != NULL};
	if (old)
		it->old = *old;
	return it;
}

static void note_link(struct report *r, struct watch *w,
		      const struct nl_event *ev)
{
	struct link_item *it = item_for(r, w, ev);

	if (it)
		it->now = *ev;
}

static void note_addr(struct report *r, struct watch *w,
		      const struct nl_event *ev)
{
	char buf[32];
	const char *dev = dev_name(w, ev->ifindex, buf, sizeof(buf));

	if (ev->deleted) {
		changes_say_at(r, r->pos, _("removed address %s from %s (%s)"),
			       ev->addr, dev, netns_label(w->name));
		goes_with_link(r, w, ev->ifindex);
	} else {
		changes_say_at(r, r->pos, _("address %s on %s (%s)"), ev->addr,
			       dev, netns_label(w->name));
	}
}

/* "11.11.11.0/24 dev reth0" or "default via 11.11.11.1": ip route's own
 * words, not translated. */
static void route_text(struct watch *w, const struct nl_event *ev, char *buf,
		       size_t size)
{
	char idx[32];

	if (ev->gateway[0])
		snprintf(buf, size, "%s via %s", ev->addr, ev->gateway);
	else
		snprintf(buf, size, "%s dev %s", ev->addr,
			 dev_name(w, ev->ifindex, idx, sizeof(idx)));
	if (ev->table != RT_TABLE_MAIN)
		snprintf(buf + strlen(buf), size - strlen(buf), " table %u",
			 ev->table);
}

static bool route_worth_saying(const struct nl_event *ev)
{
	return ev->table != RT_TABLE_LOCAL &&
	       (ev->type == RTN_UNICAST || ev->type == RTN_BLACKHOLE ||
		ev->type == RTN_UNREACHABLE || ev->type == RTN_PROHIBIT);
}

static void note_route(struct report *r, struct watch *w,
		       const struct nl_event *ev)
{
	char text[160];

	if (!route_worth_saying(ev))
		return;
	route_text(w, ev, text, sizeof(text));
	if (ev->deleted) {
		changes_say_at(r, r->pos, _("removed route %s (%s)"), text,
			       netns_label(w->name));
		goes_with_link(r, w, ev->ifindex);
	} else if (ev->protocol == RTPROT_KERNEL)
		changes_say_at(
		    r, r->pos,
		    _("route %s (%s, added by the kernel for the address)"),
		    text, netns_label(w->name));
	else
		changes_say_at(r, r->pos, _("route %s (%s)"), text,
			       netns_label(w->name));
}

#define NUD_LEARNED (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE)
#define NUD_KNOWN   (NUD_LEARNED | NUD_PERMANENT | NUD_NOARP)

/* How the entry came to be, for "(RED, learned by ARP)". */
static const char *neigh_origin(unsigned int state)
{
	if (state & NUD_LEARNED)
		return _("learned by ARP");
	if (state & NUD_PERMANENT)
		return _("set by hand");
	return _("no ARP needed");
}

static void note_neigh_valid(struct report *r, struct watch *w,
			     const struct nl_event *ev,
			     const struct seen_neigh *old)
{
	char mac[24], buf[32];
	const char *dev = dev_name(w, ev->ifindex, buf, sizeof(buf));

	if (old && old->has_mac && memcmp(old->mac, ev->mac, 6) == 0)
		return; /* only its NUD state moved on */
	mac_text(ev->mac, mac, sizeof(mac));
	if (old && old->has_mac)
		changes_say_at(r, r->pos,
			       _("neighbour %s on %s (%s) is now %s"), ev->addr,
			       dev, netns_label(w->name), mac);
	else
		changes_say_at(
		    r, r->pos, _("new neighbour %s → %s on %s (%s, %s)"),
		    ev->addr, mac, dev, netns_label(w->name),
		    neigh_origin(ev->state));
}

static void note_neigh(struct report *r, struct watch *w,
		       const struct nl_event *ev)
{
	struct seen_neigh *old = changes_neigh_find(
	    w->neigh, w->n_neigh, ev->ifindex, ev->addr, NULL);
	char buf[32];
	const char *dev = dev_name(w, ev->ifindex, buf, sizeof(buf));

	if (ev->state & NUD_NOARP)
		return; /* multicast and broadcast: the kernel's own */
	if (ev->deleted) {
		if (!old)
			return;
		changes_say_at(r, r->pos, _("forgot neighbour %s on %s (%s)"),
			       ev->addr, dev, netns_label(w->name));
		goes_with_link(r, w, ev->ifindex);
	} else if (ev->state & NUD_FAILED) {
		/* from a valid state it is a flush, not a silence */
		if (!old || (old->state & (NUD_INCOMPLETE | NUD_PROBE)))
			changes_say_at(r, r->pos,
				       _("no answer for %s on %s (%s)"),
				       ev->addr, dev, netns_label(w->name));
	} else if (ev->has_mac && (ev->state & NUD_KNOWN)) {
		note_neigh_valid(r, w, ev, old);
	}
}

static void note_fdb(struct report *r, struct watch *w,
		     const struct nl_event *ev)
{
	char mac[24], b1[32], b2[32];

	if (ev->deleted || !changes_fdb_learned(ev) ||
	    changes_neigh_find(w->fdb, w->n_fdb, ev->ifindex, "", ev->mac))
		return;
	mac_text(ev->mac, mac, sizeof(mac));
	changes_say_at(r, r->pos, _("bridge %s learned %s on port %s"),
		       dev_name(w, ev->master, b1, sizeof(b1)), mac,
		       dev_name(w, ev->ifindex, b2, sizeof(b2)));
}

/* One event, said. */
void changes_note(struct report *r, struct watch *w, const struct nl_event *ev)
{
	if (ev->kind == NL_EVENT_LINK)
		note_link(r, w, ev);
	else if (ev->kind == NL_EVENT_ADDR)
		note_addr(r, w, ev);
	else if (ev->kind == NL_EVENT_ROUTE)
		note_route(r, w, ev);
	else if (ev->kind == NL_EVENT_NEIGH)
		note_neigh(r, w, ev);
	else
		note_fdb(r, w, ev);
}

void changes_say_namespace(const char *name, bool created, void *arg)
{
	struct report *r = arg;

	if (created)
		changes_say_at(r, r->pos++, _("created namespace %s"), name);
	else
		changes_say_at(r, r->pos++,
			       _("deleted namespace %s (its links went with "
				 "it)"),
			       name);
}

/* ---- links: collapsed, paired, moved ---- */

static bool created(const struct link_item *it)
{
	return !it->had_old && !it->now.deleted;
}

static bool removed(const struct link_item *it)
{
	return it->had_old && it->now.deleted;
}

/* "moved reth0 from host to RED": gone from one namespace, arrived in
 * another with the same MAC. */
static void find_moves(struct report *r)
{
	for (size_t i = 0; i < r->n_items; i++) {
		struct link_item *gone = &r->items[i];

		if (gone->done || !removed(gone) || !gone->old.has_mac)
			continue;
		for (size_t j = 0; j < r->n_items; j++) {
			struct link_item *came = &r->items[j];

			if (came->done || came->w == gone->w ||
			    !created(came) ||
			    memcmp(came->now.mac, gone->old.mac, 6) != 0)
				continue;
			changes_say_at(r, gone->pos,
				       _("moved %s from %s to %s"),
				       gone->old.name,
				       netns_label(gone->w->name),
				       netns_label(came->w->name));
			if (!streq(came->now.name, gone->old.name))
				changes_say_at(r, gone->pos,
					       _("renamed %s to %s (%s)"),
					       gone->old.name, came->now.name,
					       netns_label(came->w->name));
			gone->done = came->done = true;
			break;
		}
	}
}

static void say_created(struct report *r, struct link_item *it)
{
	const struct nl_event *l = &it->now;

	if (streq(l->link_kind, "bridge"))
		changes_say_at(r, it->pos, _("created bridge %s (%s)"), l->name,
			       netns_label(it->w->name));
	else if (l->link_kind[0])
		changes_say_at(r, it->pos, _("created %s link %s (%s)"),
			       l->link_kind, l->name, netns_label(it->w->name));
	else
		changes_say_at(r, it->pos, _("created link %s (%s)"), l->name,
			       netns_label(it->w->name));
}

/* The kernel announces a new veth end before its peer is linked to it:
 * ask it now which link the other end is. */
static void learn_peers(struct report *r)
{
	struct link l;

	for (size_t i = 0; i < r->n_items; i++) {
		struct link_item *it = &r->items[i];

		if (it->done || !created(it) || it->now.peer > 0 ||
		    !streq(it->now.link_kind, "veth"))
			continue;
		if (link_get_by_index(it->w->name, it->now.ifindex, &l) == 0 &&
		    (l.has & LINK_HAS_LINK))
			it->now.peer = l.peer_ifindex;
	}
}

/* Two new veth ends that name each other: the kernel makes the peer
 * first, so the later one is the end the learner named. */
static void find_pairs(struct report *r)
{
	learn_peers(r);
	for (size_t i = 0; i < r->n_items; i++) {
		struct link_item *a = &r->items[i];

		if (a->done || !created(a) || !streq(a->now.link_kind, "veth"))
			continue;
		for (size_t j = i + 1; j < r->n_items; j++) {
			struct link_item *b = &r->items[j];

			if (b->done || !created(b) ||
			    !streq(b->now.link_kind, "veth") ||
			    a->now.peer != b->now.ifindex ||
			    b->now.peer != a->now.ifindex)
				continue;
			changes_say_at(r, a->pos,
				       _("created veth pair %s (%s) ⇄ %s (%s)"),
				       b->now.name, netns_label(b->w->name),
				       a->now.name, netns_label(a->w->name));
			a->done = b->done = true;
			break;
		}
	}
}

static void say_master(struct report *r, struct link_item *it)
{
	char buf[32];
	int was = it->old.master, is = it->now.master;

	if (was == is)
		return;
	if (was)
		changes_say_at(r, it->pos, _("%s left bridge %s"), it->now.name,
			       dev_name(it->w, was, buf, sizeof(buf)));
	if (is)
		changes_say_at(r, it->pos, _("%s joined bridge %s"),
			       it->now.name,
			       dev_name(it->w, is, buf, sizeof(buf)));
}

/* Up and down only: the carrier (LOWER_UP) follows a moment later, from
 * the kernel's link watch, and would be told after the wrong command. */
static void say_flags(struct report *r, struct link_item *it)
{
	unsigned int was = it->old.flags, is = it->now.flags;

	if (!((was ^ is) & IFF_UP))
		return;
	changes_say_at(r, it->pos,
		       is & IFF_UP ? _("%s (%s) is up") : _("%s (%s) is down"),
		       it->now.name, netns_label(it->w->name));
}

static void say_item(struct report *r, struct link_item *it)
{
	if (it->done)
		return;
	if (removed(it)) {
		changes_say_at(r, it->pos, _("deleted %s (%s)"), it->old.name,
			       netns_label(it->w->name));
		return;
	}
	if (it->now.deleted)
		return; /* made and deleted within the command */
	if (!it->had_old) {
		say_created(r, it);
		it->old = (struct nl_event){0};
		it->old.flags = it->now.flags & ~IFF_UP;
	} else if (!streq(it->old.name, it->now.name)) {
		changes_say_at(r, it->pos, _("renamed %s to %s (%s)"),
			       it->old.name, it->now.name,
			       netns_label(it->w->name));
	}
	say_master(r, it);
	say_flags(r, it);
}

/* What went with a deleted link is not said again. */
static void take_back(struct report *r, const struct link_item *it)
{
	for (size_t i = 0; i < r->n_lines; i++) {
		struct line *l = &r->lines[i];

		if (l->w == it->w && l->ifindex == it->old.ifindex && l->text) {
			free(l->text);
			l->text = NULL;
		}
	}
}

void changes_say_links(struct report *r)
{
	find_moves(r);
	for (size_t i = 0; i < r->n_items; i++)
		if (!r->items[i].done && removed(&r->items[i]))
			take_back(r, &r->items[i]);
	find_pairs(r);
	for (size_t i = 0; i < r->n_items; i++) {
		struct link_item *it = &r->items[i];

		/* a paired veth end still says what else happened to it */
		if (it->done && created(it)) {
			it->old = (struct nl_event){0};
			it->old.flags = it->now.flags & ~IFF_UP;
			say_master(r, it);
			say_flags(r, it);
			continue;
		}
		say_item(r, it);
	}
}

/* ---- printing ---- */

static int by_pos(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void changes_print(struct report *r, bool hushed)
{
	/* qsort is not stable: the order said breaks ties */
	if (r->n_lines)
		qsort(r->lines, r->n_lines, sizeof(*r->lines), by_pos);
	for (size_t i = 0; i < r->n_lines; i++) {
		if (r->lines[i].text && !hushed)
			out_note("%s", r->lines[i].text);
		free(r->lines[i].text);
	}
	free(r->lines);
	free(r->items);
}
