/* timeline.c: a capture's frames grouped into packets, the way each
 * went, where it stopped, and the lines a learner reads about it. */
#include "system.h"

#include <arpa/inet.h>
#include <langinfo.h>
#include <stdarg.h>

#include "nf-trace.h"
#include "netns.h"
#include "out.h"
#include "particle.h"
#include "timeline.h"
#include "utf8.h"

/* ---- the world ---- */

const char *tl_world_owner(const struct tl_world *w, struct in_addr ip)
{
	for (size_t i = 0; w && i < w->n_addrs; i++)
		if (w->addrs[i].ip.s_addr == ip.s_addr)
			return w->addrs[i].ns;
	return NULL;
}

void tl_world_free(struct tl_world *w)
{
	free(w->addrs);
	free(w->fdb);
	*w = (struct tl_world){0};
}

bool tl_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (streq(cs, "UTF-8") || streq(cs, "utf8"));
}

/* ---- grouping ---- */

static const struct cap_place *place(const struct timeline *tl,
				     unsigned int i)
{
	return &tl->r->places[i];
}

/* The place in namespace ns with ifindex, or -1. */
static int place_find(const struct cap_record *r, const char *ns,
		      int ifindex)
{
	for (size_t i = 0; i < r->n_places; i++)
		if (r->places[i].ifindex == ifindex &&
		    streq(r->places[i].ns, ns))
			return (int)i;
	return -1;
}

static bool seen_at(const struct tl_packet *p, int pl)
{
	for (size_t i = 0; i < p->n_seen; i++)
		if ((int)p->seen[i].place == pl)
			return true;
	return false;
}

/* The open packet f belongs to, or NULL. */
static struct tl_packet *packet_of(struct timeline *tl,
				   const struct cap_frame *f)
{
	size_t stop = tl->n > TL_LOOK_BACK ? tl->n - TL_LOOK_BACK : 0;

	for (size_t i = tl->n; i-- > stop;) {
		struct tl_packet *p = &tl->packets[i];
		const struct cap_frame *g = &tl->r->frames[p->seen[0].frame];

		if (f->ts_ns - p->seen[0].ts_ns > TL_WINDOW_NS)
			break;
		if (p->n_seen < TL_SEEN_MAX && !seen_at(p, (int)f->place) &&
		    pkt_same_wire(f->data, f->caplen, f->len, g->data,
				  g->caplen, g->len))
			return p;
	}
	return NULL;
}

static int packet_new(struct timeline *tl, size_t *cap)
{
	if (tl->n == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		struct tl_packet *p = realloc(tl->packets, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		tl->packets = p;
		*cap = n;
	}
	tl->packets[tl->n] = (struct tl_packet){.stop_at = -1,
						.stop_towards = -1,
						.flood_bridge = -1};
	return (int)tl->n++;
}

/* A bridge comes right after the port the frame came in by, even when
 * the kernel stamped its copy after the ports it forwarded to. */
static void order_bridges(const struct timeline *tl, struct tl_packet *p)
{
	for (size_t b = 1; b < p->n_seen; b++) {
		const struct cap_place *br = place(tl, p->seen[b].place);
		struct tl_sighting s = p->seen[b];
		size_t in;

		if (!streq(br->kind, "bridge"))
			continue;
		for (in = 0; in < b; in++) {
			const struct cap_place *q = place(tl, p->seen[in].place);

			if (q->master == br->ifindex && streq(q->ns, br->ns))
				break;
		}
		if (in + 1 >= b)
			continue;
		memmove(&p->seen[in + 2], &p->seen[in + 1],
			(b - in - 1) * sizeof(s));
		p->seen[in + 1] = s;
	}
}

static bool mac_broadcast(const uint8_t *mac)
{
	return mac[0] & 1; /* broadcast or multicast */
}

/* Where a bridge sends dst: its port's place, or -1. */
static int fdb_port(const struct timeline *tl, const struct tl_world *w,
		    const struct cap_place *br, const uint8_t *dst)
{
	for (size_t i = 0; w && i < w->n_fdb; i++) {
		const struct tl_fdb *e = &w->fdb[i];

		if (e->bridge == br->ifindex && streq(e->ns, br->ns) &&
		    !memcmp(e->mac, dst, 6) && e->port != br->ifindex)
			return place_find(tl->r, br->ns, e->port);
	}
	return -1;
}

/* The first port of bridge br not seen and not pl_in, or -1. */
static int other_port(const struct timeline *tl, const struct tl_packet *p,
		      int br)
{
	const struct cap_place *b = place(tl, (unsigned int)br);

	for (size_t i = 0; i < tl->r->n_places; i++) {
		const struct cap_place *q = &tl->r->places[i];

		if (q->master == b->ifindex && streq(q->ns, b->ns) &&
		    !seen_at(p, (int)i))
			return (int)i;
	}
	return -1;
}

/* The address the packet is for, to see whether it got there. */
static bool dst_ip(const struct pkt *k, struct in_addr *ip)
{
	switch (k->kind) {
	case PKT_ARP_REQUEST:
	case PKT_ARP_REPLY:
		*ip = k->arp_tpa;
		return true;
	case PKT_ARP_GRATUITOUS:
	case PKT_ARP_OTHER:
	case PKT_OTHER:
	case PKT_MALFORMED:
	case PKT_IPV6:
		return false;
	default:
		*ip = k->ip_dst;
		return true;
	}
}

/* Where the packet was heading after place last, or -1. */
static int heading(const struct timeline *tl, const struct tl_world *w,
		   const struct tl_packet *p, int last)
{
	const struct cap_place *l = place(tl, (unsigned int)last);
	const uint8_t *dst = p->pkt.eth_dst;
	int next;

	if (streq(l->kind, "bridge")) {
		next = mac_broadcast(dst) ? -1 : fdb_port(tl, w, l, dst);
		if (next < 0 && (mac_broadcast(dst) || !w || !w->n_fdb))
			next = other_port(tl, p, last);
		return next >= 0 && !seen_at(p, next) ? next : -1;
	}
	if (l->peer >= 0 && !seen_at(p, l->peer))
		return l->peer;
	if (l->master) {
		next = place_find(tl->r, l->ns, l->master);
		return next >= 0 && !seen_at(p, next) ? next : -1;
	}
	return -1;
}

static void find_stop(const struct timeline *tl, const struct tl_world *w,
		      struct tl_packet *p)
{
	int last = (int)p->seen[p->n_seen - 1].place;
	const char *owner;
	struct in_addr ip;

	if (dst_ip(&p->pkt, &ip)) {
		owner = tl_world_owner(w, ip);
		if (owner && streq(owner, place(tl, (unsigned int)last)->ns))
			return; /* it got there */
	}
	p->stop_towards = heading(tl, w, p, last);
	if (p->stop_towards >= 0)
		p->stop_at = last;
}

static void find_flood(const struct timeline *tl, struct tl_packet *p)
{
	if (!mac_broadcast(p->pkt.eth_dst))
		return;
	for (size_t i = 0; i + 1 < p->n_seen; i++) {
		const struct cap_place *b = place(tl, p->seen[i].place);

		if (!streq(b->kind, "bridge"))
			continue;
		for (size_t j = i + 1; j < p->n_seen; j++) {
			const struct cap_place *q =
				place(tl, p->seen[j].place);

			if (q->master == b->ifindex && streq(q->ns, b->ns)) {
				p->flooded = true;
				p->flood_bridge = (int)p->seen[i].place;
				return;
			}
		}
	}
}

/* What the kernel says by itself on a new link: IPv6 neighbour and
 * router discovery, MLD and IGMP, anything not ARP or IPv4. */
static bool is_noise(const struct pkt *k)
{
	switch (k->kind) {
	case PKT_IPV6:
	case PKT_OTHER:
		return true;
	case PKT_ARP_REQUEST:
	case PKT_ARP_REPLY:
	case PKT_ARP_GRATUITOUS:
	case PKT_ARP_OTHER:
	case PKT_MALFORMED:
		return false;
	default:
		return (ntohl(k->ip_dst.s_addr) >> 28) == 0xe; /* 224/4 */
	}
}

size_t timeline_noise(const struct timeline *tl)
{
	size_t n = 0;

	for (size_t i = 0; i < tl->n; i++)
		n += tl->packets[i].noise;
	return n;
}

int timeline_build(const struct cap_record *r, const struct tl_world *w,
		   struct timeline *tl)
{
	size_t cap = 0;

	*tl = (struct timeline){.r = r};
	for (size_t i = 0; i < r->n_frames; i++) {
		const struct cap_frame *f = &r->frames[i];
		struct tl_packet *p = packet_of(tl, f);

		if (!p) {
			int n = packet_new(tl, &cap);

			if (n < 0) {
				timeline_free(tl);
				return -ENOMEM;
			}
			p = &tl->packets[n];
			pkt_decode(f->data, f->caplen, f->len, &p->pkt);
		}
		p->seen[p->n_seen++] = (struct tl_sighting){
			.place = f->place, .ts_ns = f->ts_ns, .frame = i};
	}
	for (size_t i = 0; i < tl->n; i++) {
		order_bridges(tl, &tl->packets[i]);
		find_stop(tl, w, &tl->packets[i]);
		find_flood(tl, &tl->packets[i]);
		tl->packets[i].noise = is_noise(&tl->packets[i].pkt);
		tl->packets[i].order = tl->n_story;
		tl->n_story += !tl->packets[i].noise;
	}
	tl->first_cut = 0;
	while (tl->first_cut < tl->n && !tl_cut(tl, tl->first_cut))
		tl->first_cut++;
	return 0;
}

bool tl_cut(const struct timeline *tl, size_t i)
{
	const struct tl_packet *p = &tl->packets[i];

	if (tl->n_story <= TL_HEAD + TL_TAIL + 2 || p->noise ||
	    p->stop_at >= 0)
		return false;
	return p->order >= TL_HEAD && p->order < tl->n_story - TL_TAIL;
}

/* "192 echo, 192 reply": the labels of the packets cut, counted. */
static void cut_counts(const struct timeline *tl,
		       const struct tl_print_opts *o, char *buf, size_t size)
{
	const char *label[8];
	size_t count[8] = {0}, n = 0, used = 0;

	for (size_t i = 0; i < tl->n; i++) {
		const char *l = pkt_label(&tl->packets[i].pkt);
		size_t k = 0;

		if (!tl_cut(tl, i))
			continue;
		while (k < n && !streq(label[k], l))
			k++;
		if (k == n && n < ARRAY_SIZE(label))
			label[n++] = l;
		if (k < n)
			count[k]++;
	}
	buf[0] = '\0';
	for (size_t k = 0; k < n && used < size; k++)
		used += (size_t)snprintf(buf + used, size - used, "%s%zu %s",
					 k ? ", " : "", count[k], label[k]);
}

bool tl_cut_line(const struct timeline *tl, size_t i,
		 const struct tl_print_opts *o, char *buf, size_t size)
{
	char counts[256];
	size_t n = 0;

	if (i != tl->first_cut)
		return false;
	for (size_t k = i; k < tl->n; k++)
		n += tl_cut(tl, k);
	cut_counts(tl, o, counts, sizeof(counts));
	snprintf(buf, size, _("%s %zu more packets like these: %s"),
		 o->utf8 ? "\u2026" : "...", n, counts);
	return true;
}

void timeline_free(struct timeline *tl)
{
	free(tl->packets);
	tl->packets = NULL;
	tl->n = 0;
}

/* ---- in words ---- */

static const char *arrow(const struct tl_print_opts *o)
{
	return o->utf8 ? " \u2192 " : " -> ";
}

/* "RED reth0" into buf. */
static void where(const struct cap_place *pl, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", netns_label(pl->ns), pl->ifname);
}

/* A namespace as the subject of a sentence: "RED", "the host". */
static const char *who(const char *ns)
{
	return *ns ? ns : _("the host");
}

/* Who holds ip, else the namespace fallback (a place's). */
static const char *owner_or(const struct tl_world *w, struct in_addr ip,
			    const char *fallback)
{
	const char *o = tl_world_owner(w, ip);

	return who(o ? o : fallback);
}

static const char *kind_noun(enum pkt_kind k)
{
	switch (k) {
	case PKT_ARP_REQUEST:
		return _("the ARP request");
	case PKT_ARP_REPLY:
		return _("the ARP reply");
	case PKT_ICMP_ECHO_REQUEST:
		return _("the echo request");
	case PKT_ICMP_ECHO_REPLY:
		return _("the echo reply");
	case PKT_TCP:
		return _("the TCP segment");
	case PKT_UDP:
		return _("the UDP datagram");
	default:
		return _("the frame");
	}
}

static int color_of(const struct timeline *tl, const char *ns)
{
	static const int palette[] = {31, 34, 32, 35, 36, 33};
	size_t k = 0;

	if (!*ns)
		return 0;
	for (size_t i = 0; i < tl->r->n_places; i++) {
		const char *o = tl->r->places[i].ns;
		bool first = *o;

		for (size_t j = 0; first && j < i; j++)
			if (streq(tl->r->places[j].ns, o))
				first = false;
		if (!first)
			continue;
		if (streq(o, ns))
			return palette[k % ARRAY_SIZE(palette)];
		k++;
	}
	return 0;
}

static void print_padded(FILE *out, const char *s, int width)
{
	fputs(s, out);
	for (int w = utf8_width(s); w < width; w++)
		fputc(' ', out);
}

static void print_time(FILE *out, int64_t ts_ns)
{
	char buf[CAP_TIME_LEN];

	cap_time_text(ts_ns, buf);
	fputs(buf, out);
}

struct columns {
	int ns, ifname;
};

static struct columns widths(const struct timeline *tl)
{
	struct columns c = {4, 1};

	for (size_t i = 0; i < tl->r->n_places; i++) {
		const struct cap_place *pl = &tl->r->places[i];
		int w = utf8_width(netns_label(pl->ns));

		if (w > c.ns)
			c.ns = w;
		w = utf8_width(pl->ifname);
		if (w > c.ifname)
			c.ifname = w;
	}
	return c;
}

/* The packet's first sighting, with tcpdump's line for k (p's frame,
 * its TCP numbers made relative). */
static void print_first(const struct timeline *tl,
			const struct tl_packet *p, const struct pkt *k,
			const struct tl_print_opts *o, struct columns c,
			FILE *out)
{
	const struct cap_place *pl = place(tl, p->seen[0].place);
	int color = o->color ? color_of(tl, pl->ns) : 0;
	char text[512];

	if (color)
		fprintf(out, "\033[%dm", color);
	print_padded(out, netns_label(pl->ns), c.ns + 2);
	if (color)
		fputs("\033[0m", out);
	print_padded(out, pl->ifname, c.ifname + 2);
	print_time(out, p->seen[0].ts_ns);
	pkt_format(k, o->link_header, text, sizeof(text));
	fprintf(out, " %s\n", text);
}

static void print_path(const struct timeline *tl, const struct tl_packet *p,
		       const struct tl_print_opts *o, FILE *out)
{
	char path[1024] = "", w[NAME_MAX + IFNAMSIZ + 2], line[1100];
	size_t used = 0;

	for (size_t i = 0; i < p->n_seen && used < sizeof(path); i++) {
		where(place(tl, p->seen[i].place), w, sizeof(w));
		used += snprintf(path + used, sizeof(path) - used, "%s%s",
				 i ? arrow(o) : "", w);
	}
	snprintf(line, sizeof(line), _("seen at %s"), path);
	fprintf(out, "    %s\n", line);
}

static void note(const struct tl_print_opts *o, FILE *out, const char *fmt,
		 ...) PRINTF_LIKE(3, 4);

static void note(const struct tl_print_opts *o, FILE *out, const char *fmt,
		 ...)
{
	va_list ap;

	if (o->plain)
		return;
	fputs(o->color ? "\033[2m    # " : "    # ", out);
	va_start(ap, fmt);
	out_vfprintf(out, fmt, ap);
	va_end(ap);
	fputs(o->color ? "\033[0m\n" : "\n", out);
}

static void note_tcp(const struct tl_packet *p, const char *from,
		     const char *to, const struct tl_print_opts *o, FILE *out)
{
	uint8_t f = p->pkt.tcp_flags;

	if ((f & 0x02) && !(f & 0x10))
		note(o, out, _("%s opens a TCP connection to %s, port %u"),
		     from, to, p->pkt.dport);
	else if ((f & 0x02) && (f & 0x10))
		note(o, out, _("%s accepts the connection"), from);
	else if (f & 0x04)
		note(o, out, _("%s refuses or ends the connection (reset)"),
		     from);
	else if (f & 0x01)
		note(o, out, _("%s closes its side of the connection"), from);
	else
		note(o, out, _("%s sends TCP data to %s"), from, to);
}

/* What an ARP frame says, in words. */
static void note_arp(const struct tl_world *w, const struct pkt *k,
		     const char *first, const char *last,
		     const struct tl_print_opts *o, FILE *out)
{
	const char *from = owner_or(w, k->arp_spa, first);
	char a[INET_ADDRSTRLEN];

	switch (k->kind) {
	case PKT_ARP_REQUEST:
		inet_ntop(AF_INET, &k->arp_tpa, a, sizeof(a));
		note(o, out, _("%s does not know the MAC of %s yet, so it asks "
			       "everyone on the link"), from, a);
		break;
	case PKT_ARP_REPLY:
		note(o, out, _("%s answers: the reply goes straight back to "
			       "%s's MAC"),
		     from, owner_or(w, k->arp_tpa, last));
		break;
	case PKT_ARP_GRATUITOUS:
		inet_ntop(AF_INET, &k->arp_spa, a, sizeof(a));
		note(o, out, _("%s tells the link that %s is at its MAC "
			       "(gratuitous ARP)"), from, a);
		break;
	default:
		break;
	}
}

/* What an IPv4 packet (ICMP, TCP, UDP) says, in words. */
static void note_ip(const struct tl_world *w, const struct tl_packet *p,
		    const char *first, const struct tl_print_opts *o,
		    FILE *out)
{
	const struct pkt *k = &p->pkt;
	const char *from = owner_or(w, k->ip_src, first);
	const char *to = tl_world_owner(w, k->ip_dst);
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &k->ip_dst, a, sizeof(a));
	switch (k->kind) {
	case PKT_ICMP_ECHO_REQUEST:
		note(o, out, _("%s sends the echo request to %s"), from, a);
		break;
	case PKT_ICMP_ECHO_REPLY:
		note(o, out, _("%s answers the echo"), from);
		break;
	case PKT_ICMP_UNREACH:
		inet_ntop(AF_INET, &k->inner_dst, a, sizeof(a));
		note(o, out, _("%s says %s cannot be reached"), from, a);
		break;
	case PKT_ICMP_TIME_EXCEEDED:
		note(o, out, _("%s says the packet's TTL ran out on the way"),
		     from);
		break;
	case PKT_TCP:
		note_tcp(p, from, to ? who(to) : a, o, out);
		break;
	case PKT_UDP:
		note(o, out, _("%s sends a UDP datagram to %s, port %u"),
		     from, a, k->dport);
		break;
	default:
		break;
	}
}

static void print_note(const struct timeline *tl, const struct tl_world *w,
		       const struct tl_packet *p,
		       const struct tl_print_opts *o, FILE *out)
{
	const char *first = place(tl, p->seen[0].place)->ns;
	const char *last = place(tl, p->seen[p->n_seen - 1].place)->ns;

	if (p->pkt.kind >= PKT_ARP_REQUEST && p->pkt.kind <= PKT_ARP_OTHER)
		note_arp(w, &p->pkt, first, last, o, out);
	else
		note_ip(w, p, first, o, out);
	if (p->flooded)
		note(o, out, _("the bridge %s floods the broadcast to its other "
			       "ports"),
		     place(tl, (unsigned int)p->flood_bridge)->ifname);
}

static bool is_icmp(const struct pkt *k)
{
	return k->kind >= PKT_ICMP_ECHO_REQUEST && k->kind <= PKT_ICMP_OTHER;
}

/* "the echo request reached br0 but never left it towards beth1". */
void tl_stop_text(const struct timeline *tl, const struct tl_packet *p,
		  const struct tl_print_opts *o, char *buf, size_t size)
{
	const struct cap_place *at = place(tl, (unsigned int)p->stop_at);
	const struct cap_place *to = place(tl, (unsigned int)p->stop_towards);
	const char *noun = kind_noun(p->pkt.kind);
	size_t used;

	if (streq(at->kind, "bridge"))
		used = (size_t)particle_snprintf(buf, size,
			_("%s reached %s but never left it towards %s"),
			noun, at->ifname, to->ifname);
	else if (at->master && to->ifindex == at->master)
		used = (size_t)particle_snprintf(buf, size,
			_("%s reached %s but the bridge %s never took it"),
			noun, at->ifname, to->ifname);
	else
		used = (size_t)particle_snprintf(buf, size,
			_("%s left %s %s but never reached %s %s"), noun,
			netns_label(at->ns), at->ifname, netns_label(to->ns),
			to->ifname);
	if (used < size && o->nf && o->nf->kind == NF_LAST_DROPPED &&
	    is_icmp(&p->pkt) && *o->nf->text)
		snprintf(buf + used, size - used, ": %s", o->nf->text);
}

static void print_stop(const struct timeline *tl, const struct tl_packet *p,
		       const struct tl_print_opts *o, FILE *out)
{
	char text[1024];

	if (p->stop_at < 0)
		return;
	tl_stop_text(tl, p, o, text, sizeof(text));
	fprintf(out, "    %s %s\n", o->utf8 ? "\u2717" : "X", text);
}

void timeline_print(const struct timeline *tl, const struct tl_world *w,
		    const struct tl_print_opts *o, FILE *out)
{
	struct columns c = widths(tl);
	struct pkt_tcp_book *book = calloc(1, sizeof(*book));
	char line[512];

	for (size_t i = 0; i < tl->n; i++) {
		const struct tl_packet *p = &tl->packets[i];
		struct pkt k = p->pkt;

		if (book) /* without it, tcpdump -S's absolute numbers */
			pkt_tcp_relate(book, &k);
		if (p->noise && !o->all)
			continue;
		if (tl_cut_line(tl, i, o, line, sizeof(line)))
			fprintf(out, "%s\n", line);
		if (tl_cut(tl, i))
			continue;
		print_first(tl, p, &k, o, c, out);
		print_path(tl, p, o, out);
		print_note(tl, w, p, o, out);
		print_stop(tl, p, o, out);
	}
	if (!o->all && timeline_noise(tl))
		note(o, out, _("%zu more frames (IPv6 and multicast housekeeping "
			       "of the links) are left out; capture save keeps "
			       "them."), timeline_noise(tl));
	free(book);
}
