/* changes.c: what the kernel now holds differently, after each command.
 *
 * One nl-events source per namespace of the world, and an inotify
 * watch on the netns directory.  Each namespace keeps a small cache
 * (links, neighbours, learned fdb entries) so that a notification can
 * be told apart: a NEWLINK for an ifindex never seen is a new link, one
 * for a known link is a change.  changes_report() gathers what arrived
 * during the command, collapses the messages about one link into one
 * change, pairs veth ends and moves across namespaces, and prints one
 * note per change in the order they happened.
 */
#include "system.h"

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdarg.h>
#include <sys/inotify.h>
#include <sys/stat.h>

#include "changes.h"
#include "netns.h"
#include "nl-events.h"
#include "nl-link.h"
#include "out.h"
#include "world.h"

/* A neighbour (IPv4) or learned fdb entry (addr "") as last seen. */
struct seen_neigh {
	int ifindex;
	char addr[NL_EVENT_ADDR_MAX];
	unsigned char mac[6];
	bool has_mac;
	unsigned int state;
	int master;
};

struct watch {
	char *name; /* NULL: the host */
	dev_t dev;
	ino_t ino;
	struct nl_events *src;
	struct nl_event *links;
	size_t n_links;
	struct seen_neigh *neigh;
	size_t n_neigh;
	struct seen_neigh *fdb;
	size_t n_fdb;
};

static struct {
	struct watch **w;
	size_t n;
	int inotify; /* -1: none (then the list is read every time) */
	bool started;
	bool rescan; /* the netns directory changed: look for new ones */
	bool hushed; /* the command said itself what it changed */
} ch = {.inotify = -1};

/* ---- small helpers ---- */

static bool grow(void **v, size_t n, size_t elem)
{
	void *p = realloc(*v, (n + 1) * elem);

	if (!p)
		return false;
	*v = p;
	return true;
}

static const char *ns_label(const struct watch *w)
{
	return w->name ? w->name : "host";
}

static void mac_text(const unsigned char *m, char *buf, size_t size)
{
	snprintf(buf, size, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2],
		 m[3], m[4], m[5]);
}

static struct nl_event *find_link(struct watch *w, int ifindex)
{
	for (size_t i = 0; i < w->n_links; i++)
		if (w->links[i].ifindex == ifindex)
			return &w->links[i];
	return NULL;
}

/* The name of a link of w, or "ifindex N" when it is not known. */
static const char *dev_name(struct watch *w, int ifindex, char *buf,
			    size_t size)
{
	const struct nl_event *l = find_link(w, ifindex);

	if (l && l->name[0])
		return l->name;
	snprintf(buf, size, _("link %d"), ifindex);
	return buf;
}

/* ---- the per-namespace cache ---- */

static void cache_link(struct watch *w, const struct nl_event *ev)
{
	struct nl_event *l = find_link(w, ev->ifindex);

	if (ev->deleted) {
		if (l)
			*l = w->links[--w->n_links];
		return;
	}
	if (l) {
		*l = *ev;
		return;
	}
	if (grow((void **)&w->links, w->n_links, sizeof(*w->links)))
		w->links[w->n_links++] = *ev;
}

static struct seen_neigh *find_neigh(struct seen_neigh *v, size_t n,
				     int ifindex, const char *addr,
				     const unsigned char *mac)
{
	for (size_t i = 0; i < n; i++) {
		if (v[i].ifindex != ifindex || !streq(v[i].addr, addr))
			continue;
		if (!mac || memcmp(v[i].mac, mac, 6) == 0)
			return &v[i];
	}
	return NULL;
}

static void seen_set(struct seen_neigh **v, size_t *n,
		     const struct nl_event *ev, const char *addr)
{
	struct seen_neigh s = {.ifindex = ev->ifindex,
			       .has_mac = ev->has_mac,
			       .state = ev->state,
			       .master = ev->master};
	struct seen_neigh *old;

	snprintf(s.addr, sizeof(s.addr), "%s", addr);
	memcpy(s.mac, ev->mac, sizeof(s.mac));
	old = find_neigh(*v, *n, ev->ifindex, addr, addr[0] ? NULL : ev->mac);
	if (ev->deleted) {
		if (old)
			*old = (*v)[--*n];
	} else if (old) {
		*old = s;
	} else if (grow((void **)v, *n, sizeof(**v))) {
		(*v)[(*n)++] = s;
	}
}

/* ---- one command's report ---- */

struct line {
	size_t pos, seq;
	char *text; /* NULL: taken back */
	/* set on what a link's deletion takes with it (addresses, routes,
	 * neighbours): not said when the link itself is said deleted */
	struct watch *w;
	int ifindex;
};

/* Everything said about one link during the command. */
struct link_item {
	struct watch *w;
	size_t pos;
	struct nl_event old, now;
	bool had_old, done;
};

struct report {
	size_t pos; /* events so far, the order of what happened */
	struct line *lines;
	size_t n_lines;
	struct link_item *items;
	size_t n_items;
};

static void say_at(struct report *r, size_t pos, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

static void say_at(struct report *r, size_t pos, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (!grow((void **)&r->lines, r->n_lines, sizeof(*r->lines))) {
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
	if (!grow((void **)&r->items, r->n_items, sizeof(*r->items)))
		return NULL;
	it = &r->items[r->n_items++];
	old = find_link(w, ev->ifindex);
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
		say_at(r, r->pos, _("removed address %s from %s (%s)"),
		       ev->addr, dev, ns_label(w));
		goes_with_link(r, w, ev->ifindex);
	} else {
		say_at(r, r->pos, _("address %s on %s (%s)"), ev->addr, dev,
		       ns_label(w));
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
		say_at(r, r->pos, _("removed route %s (%s)"), text,
		       ns_label(w));
		goes_with_link(r, w, ev->ifindex);
	} else if (ev->protocol == RTPROT_KERNEL)
		say_at(r, r->pos,
		       _("route %s (%s, added by the kernel for the address)"),
		       text, ns_label(w));
	else
		say_at(r, r->pos, _("route %s (%s)"), text, ns_label(w));
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
		say_at(r, r->pos, _("neighbour %s on %s (%s) is now %s"),
		       ev->addr, dev, ns_label(w), mac);
	else
		say_at(r, r->pos, _("new neighbour %s → %s on %s (%s, %s)"),
		       ev->addr, mac, dev, ns_label(w),
		       neigh_origin(ev->state));
}

static void note_neigh(struct report *r, struct watch *w,
		       const struct nl_event *ev)
{
	struct seen_neigh *old =
	    find_neigh(w->neigh, w->n_neigh, ev->ifindex, ev->addr, NULL);
	char buf[32];
	const char *dev = dev_name(w, ev->ifindex, buf, sizeof(buf));

	if (ev->state & NUD_NOARP)
		return; /* multicast and broadcast: the kernel's own */
	if (ev->deleted) {
		if (!old)
			return;
		say_at(r, r->pos, _("forgot neighbour %s on %s (%s)"), ev->addr,
		       dev, ns_label(w));
		goes_with_link(r, w, ev->ifindex);
	} else if (ev->state & NUD_FAILED) {
		/* from a valid state it is a flush, not a silence */
		if (!old || (old->state & (NUD_INCOMPLETE | NUD_PROBE)))
			say_at(r, r->pos, _("no answer for %s on %s (%s)"),
			       ev->addr, dev, ns_label(w));
	} else if (ev->has_mac && (ev->state & NUD_KNOWN)) {
		note_neigh_valid(r, w, ev, old);
	}
}

static bool fdb_learned(const struct nl_event *ev)
{
	return ev->master > 0 && ev->has_mac &&
	       !(ev->state & (NUD_PERMANENT | NUD_NOARP));
}

static void note_fdb(struct report *r, struct watch *w,
		     const struct nl_event *ev)
{
	char mac[24], b1[32], b2[32];

	if (ev->deleted || !fdb_learned(ev) ||
	    find_neigh(w->fdb, w->n_fdb, ev->ifindex, "", ev->mac))
		return;
	mac_text(ev->mac, mac, sizeof(mac));
	say_at(r, r->pos, _("bridge %s learned %s on port %s"),
	       dev_name(w, ev->master, b1, sizeof(b1)), mac,
	       dev_name(w, ev->ifindex, b2, sizeof(b2)));
}

/* A learned entry lives once per bridge and MAC: moving ports forgets
 * the old one. */
static void cache_fdb(struct watch *w, const struct nl_event *ev)
{
	if (!ev->deleted && !fdb_learned(ev))
		return;
	for (size_t i = 0; !ev->deleted && i < w->n_fdb; i++)
		if (w->fdb[i].master == ev->master &&
		    memcmp(w->fdb[i].mac, ev->mac, 6) == 0)
			w->fdb[i--] = w->fdb[--w->n_fdb];
	seen_set(&w->fdb, &w->n_fdb, ev, "");
}

static void cache_neigh(struct watch *w, const struct nl_event *ev)
{
	struct nl_event keep = *ev;
	struct seen_neigh *old;

	if (ev->state & NUD_NOARP)
		return;
	/* an INCOMPLETE or FAILED entry has no MAC: keep the last one */
	old = find_neigh(w->neigh, w->n_neigh, ev->ifindex, ev->addr, NULL);
	if (!ev->has_mac && old && !(ev->state & NUD_FAILED)) {
		keep.has_mac = old->has_mac;
		memcpy(keep.mac, old->mac, 6);
	}
	seen_set(&w->neigh, &w->n_neigh, &keep, ev->addr);
}

/* Where an event came from, and the report it goes to (NULL: none). */
struct event_ctx {
	struct watch *w;
	struct report *r;
};

/* One event: said (when there is a report) and taken into the cache. */
static void on_event(const struct nl_event *ev, void *arg)
{
	struct event_ctx *ctx = arg;
	struct watch *w = ctx->w;
	struct report *r = ctx->r;

	if (r) {
		r->pos++;
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
	if (ev->kind == NL_EVENT_LINK)
		cache_link(w, ev);
	else if (ev->kind == NL_EVENT_NEIGH)
		cache_neigh(w, ev);
	else if (ev->kind == NL_EVENT_FDB)
		cache_fdb(w, ev);
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
			say_at(r, gone->pos, _("moved %s from %s to %s"),
			       gone->old.name, ns_label(gone->w),
			       ns_label(came->w));
			if (!streq(came->now.name, gone->old.name))
				say_at(r, gone->pos, _("renamed %s to %s (%s)"),
				       gone->old.name, came->now.name,
				       ns_label(came->w));
			gone->done = came->done = true;
			break;
		}
	}
}

static void say_created(struct report *r, struct link_item *it)
{
	const struct nl_event *l = &it->now;

	if (streq(l->link_kind, "bridge"))
		say_at(r, it->pos, _("created bridge %s (%s)"), l->name,
		       ns_label(it->w));
	else if (l->link_kind[0])
		say_at(r, it->pos, _("created %s link %s (%s)"), l->link_kind,
		       l->name, ns_label(it->w));
	else
		say_at(r, it->pos, _("created link %s (%s)"), l->name,
		       ns_label(it->w));
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
			say_at(r, a->pos,
			       _("created veth pair %s (%s) ⇄ %s (%s)"),
			       b->now.name, ns_label(b->w), a->now.name,
			       ns_label(a->w));
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
		say_at(r, it->pos, _("%s left bridge %s"), it->now.name,
		       dev_name(it->w, was, buf, sizeof(buf)));
	if (is)
		say_at(r, it->pos, _("%s joined bridge %s"), it->now.name,
		       dev_name(it->w, is, buf, sizeof(buf)));
}

/* Up and down only: the carrier (LOWER_UP) follows a moment later, from
 * the kernel's link watch, and would be told after the wrong command. */
static void say_flags(struct report *r, struct link_item *it)
{
	unsigned int was = it->old.flags, is = it->now.flags;

	if (!((was ^ is) & IFF_UP))
		return;
	say_at(r, it->pos,
	       is & IFF_UP ? _("%s (%s) is up") : _("%s (%s) is down"),
	       it->now.name, ns_label(it->w));
}

static void say_item(struct report *r, struct link_item *it)
{
	if (it->done)
		return;
	if (removed(it)) {
		say_at(r, it->pos, _("deleted %s (%s)"), it->old.name,
		       ns_label(it->w));
		return;
	}
	if (it->now.deleted)
		return; /* made and deleted within the command */
	if (!it->had_old) {
		say_created(r, it);
		it->old = (struct nl_event){0};
		it->old.flags = it->now.flags & ~IFF_UP;
	} else if (!streq(it->old.name, it->now.name)) {
		say_at(r, it->pos, _("renamed %s to %s (%s)"), it->old.name,
		       it->now.name, ns_label(it->w));
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

static void say_links(struct report *r)
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

/* ---- namespaces ---- */

static void watch_free(struct watch *w)
{
	nl_events_close(w->src);
	free(w->links);
	free(w->neigh);
	free(w->fdb);
	free(w->name);
	free(w);
}

static void drop(size_t i)
{
	watch_free(ch.w[i]);
	ch.w[i] = ch.w[--ch.n];
}

static bool same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && streq(a, b));
}

static struct watch *find_watch(const char *ns)
{
	for (size_t i = 0; i < ch.n; i++)
		if (same_name(ch.w[i]->name, ns))
			return ch.w[i];
	return NULL;
}

/* Seeds the cache from a dump; errors only make the notes poorer. */
static void watch_seed(struct watch *w)
{
	struct event_ctx ctx = {.w = w};

	nl_events_dump(w->src, on_event, &ctx);
}

static int watch_open(const char *ns)
{
	struct watch *w = calloc(1, sizeof(*w));
	int err;

	if (!w)
		return -ENOMEM;
	err = netns_identity(ns, &w->dev, &w->ino);
	if (err >= 0 && ns && !(w->name = strdup(ns)))
		err = -ENOMEM;
	if (err >= 0)
		err = nl_events_open(ns, &w->src);
	if (err >= 0 && !grow((void **)&ch.w, ch.n, sizeof(*ch.w)))
		err = -ENOMEM;
	if (err < 0) {
		watch_free(w);
		return err;
	}
	ch.w[ch.n++] = w;
	watch_seed(w);
	return 0;
}

/* A source for every namespace that has none yet. */
static void open_missing(void)
{
	struct netns_names names = {0};

	if (!find_watch(NULL))
		watch_open(NULL);
	if (netns_list(&names) < 0)
		return;
	for (size_t i = 0; i < names.n; i++)
		if (!find_watch(names.names[i]))
			watch_open(names.names[i]);
	netns_names_free(&names);
}

static void inotify_start(void)
{
	ch.inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ch.inotify < 0)
		return;
	if (inotify_add_watch(ch.inotify, world_netns_dir(),
			      IN_CREATE | IN_DELETE | IN_MOVED_FROM |
				  IN_MOVED_TO) < 0) {
		close(ch.inotify);
		ch.inotify = -1;
	}
}

/* Reads the netns directory's events; says them when r is not NULL.
 * Returns whether there were any. */
static bool inotify_read(struct report *r)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	bool any = false;
	ssize_t len;

	if (ch.inotify < 0)
		return true; /* no watch: look every time */
	while ((len = read(ch.inotify, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len; p += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)p;
			any = true;
			if (!r || !e->len)
				continue;
			if (e->mask & (IN_CREATE | IN_MOVED_TO))
				say_at(r, r->pos++, _("created namespace %s"),
				       e->name);
			else
				say_at(r, r->pos++,
				       _("deleted namespace %s (its links went "
					 "with it)"),
				       e->name);
		}
	}
	return any;
}

/* ---- the contract ---- */

static void read_all(struct report *r)
{
	for (size_t i = 0; i < ch.n; i++) {
		struct event_ctx ctx = {.w = ch.w[i], .r = r};

		if (nl_events_read(ch.w[i]->src, 0, on_event, &ctx) == -ENOBUFS)
			watch_seed(ch.w[i]); /* lost some: learn anew */
	}
}

void changes_begin(void)
{
	if (out_settings.plain)
		return;
	if (!ch.started) {
		ch.started = true;
		ch.rescan = true;
		inotify_start();
	}
	if (inotify_read(NULL))
		ch.rescan = true;
	if (ch.rescan)
		open_missing();
	ch.rescan = false;
	read_all(NULL);
	ch.hushed = false;
}

static int by_pos(const void *a, const void *b)
{
	const struct line *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void report_print(struct report *r)
{
	/* qsort is not stable: the order said breaks ties */
	if (r->n_lines)
		qsort(r->lines, r->n_lines, sizeof(*r->lines), by_pos);
	for (size_t i = 0; i < r->n_lines; i++) {
		if (r->lines[i].text && !ch.hushed)
			out_note("%s", r->lines[i].text);
		free(r->lines[i].text);
	}
	free(r->lines);
	free(r->items);
}

void changes_report(void)
{
	struct report r = {0};

	if (out_settings.plain || !ch.started)
		return;
	if (inotify_read(&r))
		ch.rescan = true;
	read_all(&r);
	say_links(&r);
	report_print(&r);
	ch.hushed = false;
	fflush(stdout);
	if (ch.rescan)
		open_missing(); /* new namespaces: listen from now on */
	ch.rescan = false;
}

void changes_hush(void)
{
	ch.hushed = true;
}

void changes_forget(const char *ns)
{
	for (size_t i = 0; i < ch.n; i++)
		if (same_name(ch.w[i]->name, ns)) {
			drop(i);
			return;
		}
}

void changes_forget_deleted(void)
{
	dev_t dev;
	ino_t ino;

	for (size_t i = ch.n; i-- > 0;) {
		if (!ch.w[i]->name)
			continue;
		if (netns_identity(ch.w[i]->name, &dev, &ino) < 0 ||
		    ch.w[i]->dev != dev || ch.w[i]->ino != ino) {
			drop(i);
			ch.rescan = true;
		}
	}
}

void changes_end(void)
{
	while (ch.n)
		drop(ch.n - 1);
	free(ch.w);
	ch.w = NULL;
	if (ch.inotify >= 0)
		close(ch.inotify);
	ch.inotify = -1;
	ch.started = false;
}
