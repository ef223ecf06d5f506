/* cap-follow.c: a capture follows the links of its namespaces and the
 * namespaces of the world.  One rtnetlink socket per namespace, bound
 * to RTNLGRP_LINK, tells when its links changed: the namespace is then
 * listed again (link_list), handles are opened on new links and closed
 * on vanished ones.  The netns directory's watch (netns.h) follows
 * namespaces being added and deleted (a socket kept in a deleted
 * namespace would keep it alive). */
#include "system.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "cap-private.h"
#include "netlink.h"
#include "netns.h"

/* ---- namespaces and their link watches ---- */

struct nswatch *cap_watch_find(struct capture *c, const char *ns)
{
	size_t i;

	for (i = 0; i < c->n_watches; i++)
		if (streq(c->watches[i].ns, ns))
			return &c->watches[i];
	return NULL;
}

static int watch_socket(const char *ns)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = RTMGRP_LINK,
	};
	int fd = netns_socket(cap_nsarg(ns), AF_NETLINK,
			      SOCK_RAW | SOCK_NONBLOCK, NETLINK_ROUTE);

	if (fd < 0)
		return fd;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Lists the links of w's namespace again: opens new, closes gone. */
static int watch_scan(struct capture *c, struct nswatch *w)
{
	struct link_list links;
	size_t i;
	int err;

	w->rescan = false;
	err = link_list(cap_nsarg(w->ns), &links);
	if (err < 0)
		return err;
	for (i = 0; i < c->n_slots; i++) {
		const struct cap_place *p = &c->rec->places[i];
		const struct link *l;

		if (!c->slots[i].pcap || !streq(p->ns, w->ns))
			continue;
		l = link_list_find(&links, p->ifindex);
		if (!l || !streq(l->name, p->ifname) ||
		    !cap_link_wanted(c, w->ns, l))
			cap_slot_close(c, i);
	}
	for (i = 0; i < links.n && err >= 0; i++) {
		const struct link *l = &links.links[i];
		int at = cap_find_place(c, w->ns, l->ifindex, l->name);

		if (!cap_link_wanted(c, w->ns, l))
			continue;
		if (at >= 0 && c->slots[at].pcap)
			continue;
		err = cap_place_open(c, w->ns, l);
	}
	link_list_free(&links);
	c->peers_dirty = true;
	return err;
}

/* Starts following namespace ns: its watch first (no link is missed
 * between listing and subscribing), then its handles. */
static int watch_add(struct capture *c, const char *ns)
{
	struct netns_id id;
	struct nswatch *w;
	int fd, err;

	if (cap_watch_find(c, ns))
		return 0;
	fd = watch_socket(ns);
	if (fd < 0)
		return fd;
	err = netns_id_get(cap_nsarg(ns), &id);
	if (err < 0) {
		close(fd);
		return err;
	}
	w = realloc(c->watches, (c->n_watches + 1) * sizeof(*w));
	if (!w) {
		close(fd);
		return -ENOMEM;
	}
	c->watches = w;
	w = &c->watches[c->n_watches++];
	snprintf(w->ns, sizeof(w->ns), "%s", ns);
	w->id = id;
	w->fd = fd;
	w->ready = false;
	w->rescan = false;
	return watch_scan(c, w);
}

void cap_forget(struct capture *c, const char *ns)
{
	size_t i;

	if (!ns)
		ns = "";
	for (i = 0; i < c->n_slots; i++)
		if (streq(c->rec->places[i].ns, ns))
			cap_slot_close(c, i);
	for (i = 0; i < c->n_watches; i++) {
		if (!streq(c->watches[i].ns, ns))
			continue;
		close(c->watches[i].fd);
		c->watches[i] = c->watches[--c->n_watches];
		break;
	}
	c->peers_dirty = true;
	cap_resolve_peers(c);
	if (*ns)
		netlink_forget(ns);
}

void cap_forget_deleted(struct capture *c)
{
	char ns[NAME_MAX + 1];

	for (size_t i = c->n_watches; i-- > 0;) {
		if (!*c->watches[i].ns ||
		    !netns_id_stale(c->watches[i].ns, &c->watches[i].id))
			continue;
		snprintf(ns, sizeof(ns), "%s", c->watches[i].ns);
		/* moves the last watch, looked at already, into i */
		cap_forget(c, ns);
	}
}

/* A namespace just named in the netns directory: "ip netns add" makes
 * the file, then bind-mounts the namespace on it, so wait a moment for
 * the mount. */
static void namespace_added(struct capture *c, const char *ns)
{
	int i;

	if (c->ns || !netns_name_valid(ns))
		return;
	for (i = 0; i < 100; i++) {
		if (watch_add(c, ns) != -EINVAL)
			return;
		usleep(1000);
	}
}

/* A netns_dir_fn: a name added to or removed from the netns directory. */
static void dir_event(const char *name, bool created, void *arg)
{
	struct capture *c = arg;

	if (created)
		namespace_added(c, name);
	else
		cap_forget(c, name);
}

/* Drains a link watch; true when something changed. */
static bool watch_drain(struct nswatch *w)
{
	char buf[8192];
	bool changed = false;
	ssize_t n;

	for (;;) {
		n = recv(w->fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0 || (n < 0 && errno == ENOBUFS))
			changed = true;
		else if (n < 0 && errno == EINTR)
			continue;
		else
			break;
	}
	return changed;
}

/* Which watches have something to say: one poll() for them all
 * (most reads find nothing, and a flood calls cap_read often). */
static void watches_ready(struct capture *c)
{
	struct pollfd p[64];
	bool dir_ready = c->dir_fd >= 0;
	size_t i, n = 0;

	if (c->n_watches + 1 <= ARRAY_SIZE(p)) {
		for (i = 0; i < c->n_watches; i++)
			p[n++] = (struct pollfd){.fd = c->watches[i].fd,
						 .events = POLLIN};
		if (c->dir_fd >= 0)
			p[n++] = (struct pollfd){.fd = c->dir_fd, .events = POLLIN};
		if (poll(p, n, 0) <= 0)
			return;
		for (i = 0; i < c->n_watches; i++)
			c->watches[i].ready = p[i].revents != 0;
		dir_ready = c->dir_fd >= 0 && p[n - 1].revents;
	} else {
		for (i = 0; i < c->n_watches; i++)
			c->watches[i].ready = true;
	}
	if (dir_ready)
		/* may forget watches */
		netns_dir_watch_read(c->dir_fd, dir_event, c);
	for (i = 0; i < c->n_watches; i++)
		if (c->watches[i].ready && watch_drain(&c->watches[i]))
			c->watches[i].rescan = true;
}

int cap_follow_links(struct capture *c)
{
	size_t i;
	int err = 0;

	watches_ready(c);
	for (i = 0; i < c->n_watches; i++) {
		int e = c->watches[i].rescan ? watch_scan(c, &c->watches[i]) : 0;

		if (e < 0 && err == 0 && e != -ENOENT)
			err = e;
	}
	cap_resolve_peers(c);
	return err;
}

int cap_watch_all(struct capture *c)
{
	struct netns_names names;
	size_t i;
	int err;

	if (c->ns) {
		if (*c->ns && !netns_exists(c->ns))
			return -ENOENT;
		return watch_add(c, c->ns);
	}
	err = watch_add(c, "");
	if (err < 0)
		return err;
	err = netns_list(&names);
	if (err < 0)
		return err == -ENOENT ? 0 : err;
	for (i = 0; i < names.n && err >= 0; i++) {
		err = watch_add(c, names.names[i]);
		if (err == -ENOENT || err == -EINVAL)
			err = 0; /* deleted meanwhile */
	}
	netns_names_free(&names);
	return err;
}

