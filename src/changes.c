/* changes.c: what the kernel now holds differently, after each command.
 *
 * One nl-events source per namespace of the world, and an inotify
 * watch on the netns directory.  Each namespace keeps a small cache
 * (links, neighbours, learned fdb entries) so that a notification can
 * be told apart: a NEWLINK for an ifindex never seen is a new link, one
 * for a known link is a change.  changes_report() gathers what arrived
 * during the command, collapses the messages about one link into one
 * change, pairs veth ends and moves across namespaces, and prints one
 * note per change in the order they happened (changes-text.c has the
 * words).  This file keeps the sources and the caches, and offers the
 * contract of changes.h.
 */
#include "system.h"

#include <linux/neighbour.h>

#include "changes.h"
#include "changes-private.h"
#include "out.h"

static struct {
	struct watch **w;
	size_t n;
	int inotify; /* -1: none (then the list is read every time) */
	bool started;
	bool rescan; /* the netns directory changed: look for new ones */
	bool hushed; /* the command said itself what it changed */
} ch = {.inotify = -1};

/* ---- the per-namespace cache ---- */

bool changes_grow(void **v, size_t n, size_t elem)
{
	void *p = realloc(*v, (n + 1) * elem);

	if (!p)
		return false;
	*v = p;
	return true;
}

struct nl_event *changes_link_find(struct watch *w, int ifindex)
{
	for (size_t i = 0; i < w->n_links; i++)
		if (w->links[i].ifindex == ifindex)
			return &w->links[i];
	return NULL;
}

static void cache_link(struct watch *w, const struct nl_event *ev)
{
	struct nl_event *l = changes_link_find(w, ev->ifindex);

	if (ev->deleted) {
		if (l)
			*l = w->links[--w->n_links];
		return;
	}
	if (l) {
		*l = *ev;
		return;
	}
	if (changes_grow((void **)&w->links, w->n_links, sizeof(*w->links)))
		w->links[w->n_links++] = *ev;
}

struct seen_neigh *changes_neigh_find(struct seen_neigh *v, size_t n,
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
	old = changes_neigh_find(*v, *n, ev->ifindex, addr,
				 addr[0] ? NULL : ev->mac);
	if (ev->deleted) {
		if (old)
			*old = (*v)[--*n];
	} else if (old) {
		*old = s;
	} else if (changes_grow((void **)v, *n, sizeof(**v))) {
		(*v)[(*n)++] = s;
	}
}

bool changes_fdb_learned(const struct nl_event *ev)
{
	return ev->master > 0 && ev->has_mac &&
	       !(ev->state & (NUD_PERMANENT | NUD_NOARP));
}

/* A learned entry lives once per bridge and MAC: moving ports forgets
 * the old one. */
static void cache_fdb(struct watch *w, const struct nl_event *ev)
{
	if (!ev->deleted && !changes_fdb_learned(ev))
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
	old = changes_neigh_find(w->neigh, w->n_neigh, ev->ifindex, ev->addr,
				 NULL);
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
		changes_note(r, w, ev);
	}
	if (ev->kind == NL_EVENT_LINK)
		cache_link(w, ev);
	else if (ev->kind == NL_EVENT_NEIGH)
		cache_neigh(w, ev);
	else if (ev->kind == NL_EVENT_FDB)
		cache_fdb(w, ev);
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

static struct watch *find_watch(const char *ns)
{
	for (size_t i = 0; i < ch.n; i++)
		if (netns_name_same(ch.w[i]->name, ns))
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
	err = netns_id_get(ns, &w->id);
	if (err >= 0 && ns && !(w->name = strdup(ns)))
		err = -ENOMEM;
	if (err >= 0)
		err = nl_events_open(ns, &w->src);
	if (err >= 0 && !changes_grow((void **)&ch.w, ch.n, sizeof(*ch.w)))
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

/* Reads the netns directory's events; says them when r is not NULL.
 * Returns whether there were any. */
static bool inotify_read(struct report *r)
{
	if (ch.inotify < 0)
		return true; /* no watch: look every time */
	return netns_dir_watch_read(ch.inotify,
				    r ? changes_say_namespace : NULL, r) > 0;
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
		ch.inotify = netns_dir_watch_open();
	}
	if (inotify_read(NULL))
		ch.rescan = true;
	if (ch.rescan)
		open_missing();
	ch.rescan = false;
	read_all(NULL);
	ch.hushed = false;
}

void changes_report(void)
{
	struct report r = {0};

	if (out_settings.plain || !ch.started)
		return;
	if (inotify_read(&r))
		ch.rescan = true;
	read_all(&r);
	changes_say_links(&r);
	changes_print(&r, ch.hushed);
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
		if (netns_name_same(ch.w[i]->name, ns)) {
			drop(i);
			return;
		}
}

void changes_forget_deleted(void)
{
	for (size_t i = ch.n; i-- > 0;) {
		if (ch.w[i]->name &&
		    netns_id_stale(ch.w[i]->name, &ch.w[i]->id)) {
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
