/* cap-place.c: a capture's places and their pcap handles: which links
 * a capture wants, a handle opened inside a link's namespace (immediate
 * mode, nanosecond timestamps, the filter, non-blocking), a place kept
 * for each link seen, and a veth's place paired with its peer's. */
#include "system.h"

#include <fcntl.h>
#include <net/if_arp.h>

#include "cap-private.h"
#include "netlink.h"
#include "netns.h"

/* ---- handles ---- */

uint64_t cap_handle_drops(pcap_t *p)
{
	struct pcap_stat st;

	if (pcap_stats(p, &st) < 0)
		return 0;
	return st.ps_drop;
}

void cap_slot_close(struct capture *c, unsigned int i)
{
	if (!c->slots[i].pcap)
		return;
	c->drops_closed += cap_handle_drops(c->slots[i].pcap);
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

	err = netns_enter(cap_nsarg(ns), &saved);
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

bool cap_link_wanted(const struct capture *c, const char *ns,
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
int cap_find_place(const struct capture *c, const char *ns, int ifindex,
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

int cap_places_grow(struct cap_record *r, size_t n)
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
	int i = cap_find_place(c, ns, l->ifindex, l->name);

	if (i < 0) {
		if (cap_places_grow(c->rec, c->n_slots + 1) < 0)
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
int cap_place_open(struct capture *c, const char *ns, const struct link *l)
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
					  netlink_nsid(cap_nsarg(p->ns),
						       cap_nsarg(q->ns)) !=
						  s->peer_netnsid)
			continue;
		found = i;
		if (q->live)
			break;
	}
	return found;
}

void cap_resolve_peers(struct capture *c)
{
	size_t i;

	if (!c->peers_dirty)
		return;
	c->peers_dirty = false;
	for (i = 0; i < c->n_slots; i++)
		c->rec->places[i].peer =
			c->slots[i].peer_ifindex > 0 ? peer_place(c, i) : -1;
}

/* ---- opening and closing ---- */

/* Compiles the filter once for Ethernet, before any namespace is
 * entered: a syntax error is the same everywhere. */
int cap_filter_check(const struct capture *c)
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

