/* cap.c: live libpcap captures on the world's interfaces.
 *
 * Each place (namespace, interface) that matches the options gets a
 * pcap handle, opened inside its namespace and left non-blocking.  One
 * rtnetlink socket per namespace, bound to RTNLGRP_LINK, tells when
 * the links changed: the namespace is then listed again (link_list) and
 * handles are opened on new links and closed on vanished ones.  An
 * inotify watch on the netns directory follows namespaces being added
 * and deleted (a socket kept in a deleted namespace would keep it
 * alive).  See cap.h for the contract.
 */
#include "system.h"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>
#include <pcap/pcap.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <time.h>

#include "cap.h"
#include "netlink.h"
#include "netns.h"
#include "nl-link.h"
#include "world.h"

#define CAP_BUFFER_DEFAULT (1024 * 1024)
#define READ_BURST 4096		/* frames per handle per cap_read */

/* What the capture holds for each place of its record. */
struct slot {
	pcap_t *pcap;		/* NULL: closed */
	int peer_ifindex;	/* a veth's IFLA_LINK, 0: none */
	int peer_netnsid;	/* -1: same namespace */
};

/* The link watch of one namespace. */
struct nswatch {
	char ns[NAME_MAX + 1];
	int fd;
	bool rescan;		/* list its links again */
	bool ready;		/* readable at the last look */
};

struct capture {
	char *ns, *ifname, *filter;
	int snaplen;
	int buffer_size;
	bool keep;
	struct cap_record *rec;
	struct slot *slots;	/* rec->n_places of them */
	size_t n_slots;
	struct nswatch *watches;
	size_t n_watches;
	int dir_fd;		/* inotify on the netns directory, or -1 */
	uint64_t drops_closed;	/* of handles closed since */
	uint64_t drops_base;	/* the total when the record began */
	int64_t arm_ns;
	bool saw_down;		/* a wanted link was down */
	int64_t drops_at;	/* when kernel_drops was counted */
	bool peers_dirty;	/* places changed: resolve veth peers */
	/* during cap_read */
	cap_frame_fn fn;
	void *arg;
	unsigned int reading;
	int n_read;
};

static char cap_errbuf[PCAP_ERRBUF_SIZE + IFNAMSIZ + 8];
static struct cap_record *last_record;

const char *cap_error(void)
{
	return cap_errbuf;
}

static const char *nsarg(const char *ns)
{
	return *ns ? ns : NULL;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct cap_record *record_new(void)
{
	return calloc(1, sizeof(struct cap_record));
}

void cap_record_free(struct cap_record *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_frames; i++)
		free(r->frames[i].data);
	free(r->frames);
	free(r->places);
	free(r);
}

void cap_place_name(const struct cap_place *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", *p->ns ? p->ns : "host", p->ifname);
}

/* ---- handles ---- */

static uint64_t handle_drops(pcap_t *p)
{
	struct pcap_stat st;

	if (pcap_stats(p, &st) < 0)
		return 0;
	return st.ps_drop;
}

static void slot_close(struct capture *c, unsigned int i)
{
	if (!c->slots[i].pcap)
		return;
	c->drops_closed += handle_drops(c->slots[i].pcap);
	pcap_close(c->slots[i].pcap);
	c->slots[i].pcap = NULL;
	c->rec->places[i].live = false;
}

static int pcap_err(pcap_t *p, int status)
{
	snprintf(cap_errbuf, sizeof(cap_errbuf), "%s", pcap_geterr(p));
	switch (status) {
	case PCAP_ERROR_PERM_DENIED:
		return -EPERM;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return -ENODEV;
	case PCAP_ERROR_IFACE_NOT_UP:
		return -ENETDOWN;
	default:
		return -EIO;
	}
}

/* Creates and activates a handle on ifname in the current namespace. */
static int pcap_start(const struct capture *c, const struct link *l,
		      pcap_t **out)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p;
	int err;

	p = pcap_create(l->name, errbuf);
	if (!p) {
		snprintf(cap_errbuf, sizeof(cap_errbuf), "%s", errbuf);
		return -ENOMEM;
	}
	if (pcap_set_immediate_mode(p, 1) < 0 ||
	    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) < 0 ||
	    pcap_set_snaplen(p, c->snaplen) < 0 ||
	    pcap_set_promisc(p, streq(l->kind, "bridge")) < 0 ||
	    pcap_set_buffer_size(p, c->buffer_size) < 0) {
		pcap_close(p);
		return -EINVAL;
	}
	err = pcap_activate(p);
	if (err < 0) {
		err = pcap_err(p, err);
		pcap_close(p);
		return err;
	}
	*out = p;
	return 0;
}

static int pcap_filter(const struct capture *c, pcap_t *p)
{
	struct bpf_program prog;
	int err = 0;

	if (!c->filter)
		return 0;
	if (pcap_compile(p, &prog, c->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		pcap_err(p, PCAP_ERROR);
		return -EINVAL;
	}
	if (pcap_setfilter(p, &prog) < 0)
		err = pcap_err(p, PCAP_ERROR);
	pcap_freecode(&prog);
	return err;
}

/* Opens a handle on link l of namespace ns. */
static int handle_open(const struct capture *c, const char *ns,
		       const struct link *l, pcap_t **out)
{
	pcap_t *p = NULL;
	int saved, err;

	err = netns_enter(nsarg(ns), &saved);
	if (err < 0)
		return err;
	err = pcap_start(c, l, &p);
	netns_leave(saved);
	if (err < 0)
		return err;
	/* libpcap's packet socket is not close-on-exec: a child holding
	 * it would keep the namespace alive */
	if (fcntl(pcap_get_selectable_fd(p), F_SETFD, FD_CLOEXEC) < 0)
		err = -errno;
	else if (pcap_setnonblock(p, 1, cap_errbuf) < 0)
		err = -EIO;
	else
		err = pcap_filter(c, p);
	if (err < 0) {
		pcap_close(p);
		return err;
	}
	*out = p;
	return 0;
}

/* ---- places ---- */

static bool link_wanted(const struct capture *c, const char *ns,
			const struct link *l)
{
	if (c->ifname)
		return streq(l->name, c->ifname) &&
		       (l->arptype == ARPHRD_ETHER ||
			l->arptype == ARPHRD_LOOPBACK);
	if (l->arptype != ARPHRD_ETHER)
		return false;
	if (*ns)
		return true;
	return streq(l->kind, "veth") || streq(l->kind, "bridge") ||
	       l->master != 0 || *l->slave_kind;
}

/* The place of link (ifindex, name) in ns, or -1 (a renamed link is
 * a new place). */
static int find_place(const struct capture *c, const char *ns, int ifindex,
		      const char *name)
{
	size_t i;

	for (i = 0; i < c->n_slots; i++)
		if (c->rec->places[i].ifindex == ifindex &&
		    streq(c->rec->places[i].ns, ns) &&
		    streq(c->rec->places[i].ifname, name))
			return (int)i;
	return -1;
}

static int grow_places(struct cap_record *r, size_t n)
{
	struct cap_place *p = realloc(r->places, n * sizeof(*p));

	if (!p)
		return -ENOMEM;
	r->places = p;
	return 0;
}

/* A new place for link l of ns (or the old one of the same link). */
static int place_get(struct capture *c, const char *ns, const struct link *l)
{
	struct cap_place *p;
	struct slot *s;
	int i = find_place(c, ns, l->ifindex, l->name);

	if (i < 0) {
		if (grow_places(c->rec, c->n_slots + 1) < 0)
			return -ENOMEM;
		s = realloc(c->slots, (c->n_slots + 1) * sizeof(*s));
		if (!s)
			return -ENOMEM;
		c->slots = s;
		i = (int)c->n_slots++;
		c->rec->n_places = c->n_slots;
		c->slots[i].pcap = NULL;
	}
	p = &c->rec->places[i];
	memset(p, 0, sizeof(*p));
	snprintf(p->ns, sizeof(p->ns), "%s", ns);
	snprintf(p->ifname, sizeof(p->ifname), "%s", l->name);
	p->ifindex = l->ifindex;
	snprintf(p->kind, sizeof(p->kind), "%s", l->kind);
	p->master = l->master;
	p->peer = -1;
	if (l->addr_len == 6)
		memcpy(p->mac, l->addr, 6);
	c->slots[i].peer_ifindex = streq(l->kind, "veth") ? l->peer_ifindex : 0;
	c->slots[i].peer_netnsid = l->peer_netnsid;
	return i;
}

/* Opens link l of ns; a link gone meanwhile is no error. */
static int place_open(struct capture *c, const char *ns, const struct link *l)
{
	pcap_t *p;
	int i, err;

	err = handle_open(c, ns, l, &p);
	if (err == -ENODEV || err == -ENXIO)
		return 0;
	if (err == -ENETDOWN) {
		/* libpcap opens no handle on a link that is down: the
		 * place waits, and its "up" event opens it */
		char msg[sizeof(cap_errbuf)];

		memcpy(msg, cap_errbuf, sizeof(msg));
		snprintf(cap_errbuf, sizeof(cap_errbuf), "%.*s: %.*s", IFNAMSIZ,
			 l->name, PCAP_ERRBUF_SIZE, msg);
		c->saw_down = true;
		i = place_get(c, ns, l);
		return i < 0 ? i : 0;
	}
	if (err < 0)
		return err;
	i = place_get(c, ns, l);
	if (i < 0) {
		pcap_close(p);
		return i;
	}
	c->slots[i].pcap = p;
	c->rec->places[i].live = true;
	return 0;
}

/* The place in namespace ns that namespace from calls nsid. */
static int peer_place(const struct capture *c, unsigned int from)
{
	const struct cap_place *p = &c->rec->places[from];
	const struct slot *s = &c->slots[from];
	int i, found = -1;

	for (i = 0; i < (int)c->n_slots; i++) {
		const struct cap_place *q = &c->rec->places[i];

		if (q->ifindex != s->peer_ifindex || (unsigned int)i == from)
			continue;
		if (s->peer_netnsid < 0 ? !streq(q->ns, p->ns)
					: streq(q->ns, p->ns) ||
					  netlink_nsid(nsarg(p->ns),
						       nsarg(q->ns)) !=
						  s->peer_netnsid)
			continue;
		found = i;
		if (q->live)
			break;
	}
	return found;
}

static void resolve_peers(struct capture *c)
{
	size_t i;

	if (!c->peers_dirty)
		return;
	c->peers_dirty = false;
	for (i = 0; i < c->n_slots; i++)
		c->rec->places[i].peer =
			c->slots[i].peer_ifindex > 0 ? peer_place(c, i) : -1;
}

/* ---- namespaces and their link watches ---- */

static struct nswatch *watch_find(struct capture *c, const char *ns)
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
	int fd = netns_socket(nsarg(ns), AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK,
			      NETLINK_ROUTE);

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
	err = link_list(nsarg(w->ns), &links);
	if (err < 0)
		return err;
	for (i = 0; i < c->n_slots; i++) {
		const struct cap_place *p = &c->rec->places[i];
		const struct link *l;

		if (!c->slots[i].pcap || !streq(p->ns, w->ns))
			continue;
		l = link_list_find(&links, p->ifindex);
		if (!l || !streq(l->name, p->ifname) || !link_wanted(c, w->ns, l))
			slot_close(c, i);
	}
	for (i = 0; i < links.n && err >= 0; i++) {
		const struct link *l = &links.links[i];
		int at = find_place(c, w->ns, l->ifindex, l->name);

		if (!link_wanted(c, w->ns, l))
			continue;
		if (at >= 0 && c->slots[at].pcap)
			continue;
		err = place_open(c, w->ns, l);
	}
	link_list_free(&links);
	c->peers_dirty = true;
	return err;
}

/* Starts following namespace ns: its watch first (no link is missed
 * between listing and subscribing), then its handles. */
static int watch_add(struct capture *c, const char *ns)
{
	struct nswatch *w;
	int fd;

	if (watch_find(c, ns))
		return 0;
	fd = watch_socket(ns);
	if (fd < 0)
		return fd;
	w = realloc(c->watches, (c->n_watches + 1) * sizeof(*w));
	if (!w) {
		close(fd);
		return -ENOMEM;
	}
	c->watches = w;
	w = &c->watches[c->n_watches++];
	snprintf(w->ns, sizeof(w->ns), "%s", ns);
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
			slot_close(c, i);
	for (i = 0; i < c->n_watches; i++) {
		if (!streq(c->watches[i].ns, ns))
			continue;
		close(c->watches[i].fd);
		c->watches[i] = c->watches[--c->n_watches];
		break;
	}
	c->peers_dirty = true;
	resolve_peers(c);
	if (*ns)
		netlink_forget(ns);
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

static void dir_events(struct capture *c)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;

	while ((n = read(c->dir_fd, buf, sizeof(buf))) > 0) {
		const struct inotify_event *e;
		char *at;

		for (at = buf; at < buf + n; at += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)at;
			if (!e->len)
				continue;
			if (e->mask & (IN_DELETE | IN_MOVED_FROM))
				cap_forget(c, e->name);
			else if (e->mask & (IN_CREATE | IN_MOVED_TO))
				namespace_added(c, e->name);
		}
	}
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
		dir_events(c); /* may forget watches */
	for (i = 0; i < c->n_watches; i++)
		if (c->watches[i].ready && watch_drain(&c->watches[i]))
			c->watches[i].rescan = true;
}

static int follow_links(struct capture *c)
{
	size_t i;
	int err = 0;

	watches_ready(c);
	for (i = 0; i < c->n_watches; i++) {
		int e = c->watches[i].rescan ? watch_scan(c, &c->watches[i]) : 0;

		if (e < 0 && err == 0 && e != -ENOENT)
			err = e;
	}
	resolve_peers(c);
	return err;
}

/* ---- opening and closing ---- */

/* Compiles the filter once for Ethernet, before any namespace is
 * entered: a syntax error is the same everywhere. */
static int filter_check(const struct capture *c)
{
	struct bpf_program prog;
	pcap_t *p;
	int err = 0;

	if (!c->filter)
		return 0;
	p = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, c->snaplen,
						 PCAP_TSTAMP_PRECISION_NANO);
	if (!p)
		return -ENOMEM;
	if (pcap_compile(p, &prog, c->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		pcap_err(p, PCAP_ERROR);
		err = -EINVAL;
	} else {
		pcap_freecode(&prog);
	}
	pcap_close(p);
	return err;
}

static int options_copy(struct capture *c, const struct cap_options *o)
{
	c->snaplen = o->snaplen > 0 ? o->snaplen : CAP_SNAPLEN_DEFAULT;
	c->buffer_size = o->buffer_size > 0 ? o->buffer_size
					    : CAP_BUFFER_DEFAULT;
	c->keep = o->keep;
	if (o->ns && !(c->ns = strdup(o->ns)))
		return -ENOMEM;
	if (o->ifname && !(c->ifname = strdup(o->ifname)))
		return -ENOMEM;
	if (o->filter && !(c->filter = strdup(o->filter)))
		return -ENOMEM;
	return 0;
}

static int watch_all(struct capture *c)
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

static bool any_live(const struct capture *c)
{
	size_t i;

	for (i = 0; i < c->n_slots; i++)
		if (c->slots[i].pcap)
			return true;
	return false;
}

int cap_open(const struct cap_options *o, struct capture **out)
{
	struct capture *c = calloc(1, sizeof(*c));
	int64_t start = now_ns();
	int err;

	*cap_errbuf = '\0';
	if (!c)
		return -ENOMEM;
	c->dir_fd = -1;
	c->rec = record_new();
	err = c->rec ? options_copy(c, o) : -ENOMEM;
	if (err == 0)
		c->rec->snaplen = (uint32_t)c->snaplen;
	if (err == 0)
		err = filter_check(c);
	if (err == 0) {
		c->dir_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (c->dir_fd >= 0 &&
		    inotify_add_watch(c->dir_fd, world_netns_dir(),
				      IN_CREATE | IN_DELETE | IN_MOVED_FROM |
					      IN_MOVED_TO) < 0) {
			close(c->dir_fd);
			c->dir_fd = -1;
		}
		err = watch_all(c);
	}
	resolve_peers(c);
	if (err == 0 && !any_live(c))
		err = c->saw_down ? -ENETDOWN : -ENODEV;
	if (err < 0) {
		cap_close(c);
		return err;
	}
	c->arm_ns = now_ns() - start;
	*out = c;
	return 0;
}

void cap_close(struct capture *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_slots; i++)
		if (c->slots[i].pcap)
			pcap_close(c->slots[i].pcap);
	for (i = 0; i < c->n_watches; i++)
		close(c->watches[i].fd);
	if (c->dir_fd >= 0)
		close(c->dir_fd);
	free(c->watches);
	free(c->slots);
	cap_record_free(c->rec);
	free(c->ns);
	free(c->ifname);
	free(c->filter);
	free(c);
}

int64_t cap_arm_time_ns(const struct capture *c)
{
	return c->arm_ns;
}

size_t cap_pollfds(const struct capture *c, struct pollfd *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < c->n_slots && k < n; i++) {
		if (!c->slots[i].pcap)
			continue;
		p[k].fd = pcap_get_selectable_fd(c->slots[i].pcap);
		p[k].events = POLLIN;
		p[k++].revents = 0;
	}
	for (i = 0; i < c->n_watches && k < n; i++) {
		p[k].fd = c->watches[i].fd;
		p[k].events = POLLIN;
		p[k++].revents = 0;
	}
	if (c->dir_fd >= 0 && k < n) {
		p[k].fd = c->dir_fd;
		p[k].events = POLLIN;
		p[k++].revents = 0;
	}
	return k;
}

/* ---- reading ---- */

static int keep_frame(struct cap_record *r, const struct cap_frame *f)
{
	struct cap_frame *kept;

	if (r->n_frames >= CAP_FRAMES_MAX) {
		r->not_kept++;
		return -ENOSPC;
	}
	if ((r->n_frames & (r->n_frames - 1)) == 0) {
		size_t want = r->n_frames ? 2 * r->n_frames : 64;

		kept = realloc(r->frames, want * sizeof(*kept));
		if (!kept)
			return -ENOMEM;
		r->frames = kept;
	}
	kept = &r->frames[r->n_frames];
	*kept = *f;
	kept->data = malloc(f->caplen ? f->caplen : 1);
	if (!kept->data)
		return -ENOMEM;
	memcpy(kept->data, f->data, f->caplen);
	r->n_frames++;
	return 0;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h,
		      const u_char *bytes)
{
	struct capture *c = (struct capture *)user;
	struct cap_frame f = {
		.place = c->reading,
		.ts_ns = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec,
		.caplen = h->caplen,
		.len = h->len,
		.data = (unsigned char *)bytes,
	};
	const struct cap_frame *seen = &f;

	c->n_read++;
	if (c->keep && keep_frame(c->rec, &f) == 0)
		seen = &c->rec->frames[c->rec->n_frames - 1];
	if (c->fn)
		c->fn(c->rec, seen, c->arg);
}

/* Reads what handle i holds; a handle whose interface went away (or
 * down) is closed, and its namespace listed again. */
static void slot_read(struct capture *c, unsigned int i)
{
	int n;

	/* one dispatch reads every frame the ring holds */
	c->reading = i;
	n = pcap_dispatch(c->slots[i].pcap, READ_BURST, on_packet, (u_char *)c);
	if (n < 0) {
		struct nswatch *w = watch_find(c, c->rec->places[i].ns);

		slot_close(c, i);
		if (w)
			w->rescan = true;
	}
}

static void count_drops(struct capture *c)
{
	uint64_t total = c->drops_closed;
	size_t i;

	for (i = 0; i < c->n_slots; i++)
		if (c->slots[i].pcap)
			total += handle_drops(c->slots[i].pcap);
	c->rec->kernel_drops = total - c->drops_base;
}

/* Reads the handles that are readable (or failed): one poll() for
 * them all, in batches. */
static void read_handles(struct capture *c)
{
	struct pollfd p[64];
	unsigned int at[64];
	size_t i = 0, n, k;

	while (i < c->n_slots) {
		for (n = 0; i < c->n_slots && n < ARRAY_SIZE(p); i++) {
			if (!c->slots[i].pcap)
				continue;
			p[n] = (struct pollfd){
				.fd = pcap_get_selectable_fd(c->slots[i].pcap),
				.events = POLLIN};
			at[n++] = (unsigned int)i;
		}
		if (n == 0 || poll(p, n, 0) <= 0)
			continue;
		for (k = 0; k < n; k++)
			if (p[k].revents)
				slot_read(c, at[k]);
	}
}

int cap_read(struct capture *c, cap_frame_fn fn, void *arg)
{
	int64_t now;
	int err;

	c->fn = fn;
	c->arg = arg;
	c->n_read = 0;
	read_handles(c);
	err = follow_links(c);
	now = now_ns();
	if (now - c->drops_at > 100000000) { /* 0.1 s: a syscall a handle */
		count_drops(c);
		c->drops_at = now;
	}
	c->fn = NULL;
	return err < 0 ? err : c->n_read;
}

/* ---- records ---- */

void cap_clear(struct capture *c)
{
	struct cap_record *r = c->rec;
	size_t i;

	for (i = 0; i < r->n_frames; i++)
		free(r->frames[i].data);
	free(r->frames);
	r->frames = NULL;
	r->n_frames = 0;
	r->not_kept = 0;
	count_drops(c);
	c->drops_base += r->kernel_drops;
	r->kernel_drops = 0;
}

const struct cap_record *cap_record(const struct capture *c)
{
	return c->rec;
}

void cap_count_drops(struct capture *c)
{
	count_drops(c);
	c->drops_at = now_ns();
}

struct cap_record *cap_detach(struct capture *c)
{
	struct cap_record *old = c->rec, *fresh = record_new();

	if (!fresh || grow_places(fresh, c->n_slots ? c->n_slots : 1) < 0) {
		cap_record_free(fresh);
		return NULL;
	}
	memcpy(fresh->places, old->places, c->n_slots * sizeof(*old->places));
	fresh->n_places = c->n_slots;
	fresh->snaplen = old->snaplen;
	count_drops(c);
	c->drops_base += old->kernel_drops;
	c->rec = fresh;
	return old;
}

static int frame_cmp(const void *a, const void *b)
{
	const struct cap_frame *x = a, *y = b;

	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns ? -1 : 1;
	return 0;
}

/* Stable: a merge sort (qsort is not). */
static void merge_sort(struct cap_frame *f, struct cap_frame *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(f, tmp, mid);
	merge_sort(f + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = frame_cmp(&f[j], &f[i]) < 0 ? f[j++] : f[i++];
	while (i < mid)
		tmp[k++] = f[i++];
	while (j < n)
		tmp[k++] = f[j++];
	memcpy(f, tmp, n * sizeof(*f));
}

void cap_record_sort(struct cap_record *r)
{
	struct cap_frame *tmp;
	size_t i;

	for (i = 1; i < r->n_frames; i++)
		if (r->frames[i].ts_ns < r->frames[i - 1].ts_ns)
			break;
	if (i >= r->n_frames)
		return; /* sorted already */
	tmp = malloc(r->n_frames * sizeof(*tmp));
	if (tmp) {
		merge_sort(r->frames, tmp, r->n_frames);
		free(tmp);
		return;
	}
	for (i = 1; i < r->n_frames; i++) { /* no memory: insertion sort */
		struct cap_frame f = r->frames[i];
		size_t j = i;

		for (; j > 0 && r->frames[j - 1].ts_ns > f.ts_ns; j--)
			r->frames[j] = r->frames[j - 1];
		r->frames[j] = f;
	}
}

void cap_last_set(struct cap_record *r)
{
	if (r == last_record)
		return;
	cap_record_free(last_record);
	last_record = r;
}

const struct cap_record *cap_last(void)
{
	return last_record;
}
