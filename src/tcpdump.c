/* tcpdump.c: the running background tcpdumps.
 *
 * tcpdump_start() opens a capture (cap.h) in one namespace and
 * registers it as a watch: each frame then prints, in tcpdump's words
 * (MACs named as without -n, unless -n; addresses and ports always
 * numbers: nstutor looks no name up), above the prompt
 * (out_async_begin/end) while the learner types, or goes to a -w file.
 * Up to TD_MAX run at once, each its own struct td_run and watch; when
 * more than one runs, each line starts with "[NS IFNAME] ".  "tcpdump
 * stop", Ctrl-C at the prompt, the count, the end of nstutor or the
 * namespace's deletion end one with tcpdump's closing counts; its
 * record becomes the last capture.
 *
 * "-i any" opens every interface of the namespace; each line says
 * its interface and direction as the real "tcpdump -i any" does
 * ("reth1 Out IP ..."): the direction is read from the frame (its
 * MACs, and on a bridge port whether another port of the bridge just
 * saw it come in); -w then writes Linux cooked v2, as the real one
 * (v1 when tcpdump chose "any" itself).
 */
#include "system.h"

#include <limits.h>
#include <pcap/pcap.h>
#include <time.h>

#include "cap.h"
#include "netns.h"
#include "out.h"
#include "particle.h"
#include "pkt.h"
#include "tcpdump.h"
#include "watch.h"

#define TD_MAX 8	/* tcpdumps at once */
#define TD_LINE_MAX 1024
#define TD_TAG_MAX (NAME_MAX + 80) /* "[NS IFNAME] " */
#define TD_SLL2_LEN 20 /* a Linux cooked v2 header */
#define TD_SLL_LEN 16  /* v1, what "any" is when tcpdump chose it */
#define TD_ETH_LEN 14

/* A frame read but not yet printed (a batch is put in time order). */
struct td_frame {
	int64_t ts_ns;
	uint32_t caplen, len;
	unsigned char *data;
	unsigned int place;	/* in the capture's record */
	const char *dir;	/* "Out", "In", "B", "M", "P" */
	size_t seq;		/* read order */
	bool wanted, moved;
};

/* Frames that came in on a bridge port lately: the copy the bridge
 * sends out of another port is the same bytes, a little later. */
#define TD_RECENT 32
#define TD_RECENT_BYTES 128
#define TD_RECENT_NS 200000000LL

struct td_recent {
	int64_t ts_ns;
	int master, ifindex;
	char ns[NAME_MAX + 1];
	uint32_t caplen;
	unsigned char data[TD_RECENT_BYTES];
};

struct td_run {
	bool running;
	bool any;
	bool v1;		/* "any" chosen without -i: Linux cooked v1 */
	bool link;
	bool names;		/* no -n: MACs as tcpdump names them */
	int count;
	char ns[NAME_MAX + 1];	/* "": the host namespace */
	struct netns_id ns_id;	/* which namespace named ns it runs in */
	char ifname[64];
	enum tcpdump_dir dir;	/* -Q */
	bool only;		/* the capture reads more than ifname */
	struct capture *cap;
	unsigned long captured, received;
	pcap_t *dead;
	pcap_dumper_t *dumper;
	struct td_frame *batch;
	size_t n_batch, batch_size;
	struct td_recent recent[TD_RECENT];
	size_t n_recent;
	struct pkt_tcp_book tcp;	/* for tcpdump's relative numbers */
};

/* The tcpdumps, in the order they started; one that ended stays until
 * the next start or stop frees it (it may be ending inside its own
 * watch's call). */
static struct td_run *runs[TD_MAX];
static bool stopping_several; /* tcpdump_stop() ends more than one */

static size_t td_count_running(void)
{
	size_t n = 0;

	for (size_t i = 0; i < TD_MAX; i++)
		n += runs[i] && runs[i]->running;
	return n;
}

/* Do td's lines and counts say whose they are?  When another runs
 * too, or several are being stopped together. */
static bool td_several(const struct td_run *td)
{
	if (stopping_several)
		return true;
	for (size_t i = 0; i < TD_MAX; i++)
		if (runs[i] && runs[i] != td && runs[i]->running)
			return true;
	return false;
}

/* "[BLUE beth0] " before each line of td when several run, else "". */
static void td_tag(const struct td_run *td, char *buf, size_t size)
{
	if (td_several(td))
		snprintf(buf, size, "[%s %s] ", netns_label(td->ns),
			 td->ifname);
	else if (size)
		buf[0] = '\0';
}

static void td_reap(void)
{
	for (size_t i = 0; i < TD_MAX; i++)
		if (runs[i] && !runs[i]->running) {
			free(runs[i]);
			runs[i] = NULL;
		}
}

/* --- the frames' lines -------------------------------------------------- */

static bool mac_is(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, PKT_MAC_LEN) == 0;
}

static const struct cap_place *td_place(const struct td_run *td,
					 unsigned int i)
{
	return &cap_record(td->cap)->places[i];
}

/* The bridge place of port p (its master, in the same namespace). */
static const struct cap_place *td_master(const struct td_run *td,
					  const struct cap_place *p)
{
	const struct cap_record *r = cap_record(td->cap);

	for (size_t i = 0; p->master && i < r->n_places; i++)
		if (r->places[i].ifindex == p->master &&
		    streq(r->places[i].ns, p->ns))
			return &r->places[i];
	return NULL;
}

/* Did another port of p's bridge see this frame come in just now? */
static bool td_forwarded(const struct td_run *td, const struct td_frame *f,
			 const struct cap_place *p)
{
	for (size_t i = 0; i < td->n_recent && i < TD_RECENT; i++) {
		const struct td_recent *r = &td->recent[i];
		uint32_t n = f->caplen < TD_RECENT_BYTES ? f->caplen :
							   TD_RECENT_BYTES;

		if (r->master == p->master && r->ifindex != p->ifindex &&
		    streq(r->ns, p->ns) && f->ts_ns >= r->ts_ns &&
		    f->ts_ns - r->ts_ns < TD_RECENT_NS &&
		    pkt_same_frame(r->data, r->caplen, f->data, n))
			return true;
	}
	return false;
}

static void td_remember(struct td_run *td, const struct td_frame *f,
			const struct cap_place *p)
{
	struct td_recent *r = &td->recent[td->n_recent++ % TD_RECENT];

	r->ts_ns = f->ts_ns;
	r->master = p->master;
	r->ifindex = p->ifindex;
	snprintf(r->ns, sizeof(r->ns), "%s", p->ns);
	r->caplen = f->caplen < TD_RECENT_BYTES ? f->caplen : TD_RECENT_BYTES;
	memcpy(r->data, f->data, r->caplen);
}

/* What "tcpdump -i any" says of the frame's direction (the kernel's
 * packet type): Out, In (to this host), B, M or P (to another host). */
static const char *td_direction(struct td_run *td, const struct td_frame *f,
				const struct pkt *p)
{
	static const uint8_t bcast[PKT_MAC_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	const struct cap_place *pl = td_place(td, f->place);
	const struct cap_place *br = td_master(td, pl);

	if (streq(pl->ifname, "lo")) /* libpcap keeps its incoming copy */
		return "In";
	if (mac_is(p->eth_src, pl->mac) || (br && mac_is(p->eth_src, br->mac)))
		return "Out";
	if (pl->master && td_forwarded(td, f, pl))
		return "Out";
	if (pl->master)
		td_remember(td, f, pl);
	if (mac_is(p->eth_dst, bcast))
		return "B";
	if (p->eth_dst[0] & 1)
		return "M";
	if (mac_is(p->eth_dst, pl->mac))
		return "In";
	return "P";
}

/* "-i any -e": the cooked header's words in place of Ethernet's:
 * "ifindex 2 f2:a4:.. ethertype IPv4 (0x0800), length 104: ...". */
static void td_any_link(const struct td_run *td, const struct td_frame *f,
			const struct pkt *p,
			char *buf, size_t size)
{
	char text[TD_LINE_MAX], mac[PKT_MAC_NAME_MAX];
	const char *type, *length, *rest;

	pkt_format_names(p, true, td->names, text, sizeof(text));
	type = strstr(text, ", ethertype ");
	length = type ? strstr(type, ", length ") : NULL;
	rest = length ? strstr(length, ": ") : NULL;
	pkt_mac_name(p->eth_src, td->names, mac, sizeof(mac));
	if (!rest) {
		snprintf(buf, size, "%s %s", mac, text);
		return;
	}
	if (td->v1)
		snprintf(buf, size, "%3s %s %.*s, length %u%s", f->dir, mac,
			 (int)(length - type - 2), type + 2,
			 f->len - TD_ETH_LEN + TD_SLL_LEN, rest);
	else
		snprintf(buf, size, "ifindex %d %s %.*s, length %u%s",
			 td_place(td, f->place)->ifindex, mac,
			 (int)(length - type - 2), type + 2,
			 f->len - TD_ETH_LEN + TD_SLL2_LEN, rest);
}

static void td_print(struct td_run *td, const struct td_frame *f)
{
	char ts[CAP_TIME_LEN], text[TD_LINE_MAX + 64], tag[TD_TAG_MAX];
	struct pkt p;

	pkt_decode(f->data, f->caplen, f->len, &p);
	pkt_tcp_relate(&td->tcp, &p);
	cap_time_text(f->ts_ns, ts);
	td_tag(td, tag, sizeof(tag));
	if (!td->any) {
		pkt_format_names(&p, td->link, td->names, text, sizeof(text));
		printf("%s%s %s\n", tag, ts, text);
		return;
	}
	if (td->link)
		td_any_link(td, f, &p, text, sizeof(text));
	else
		pkt_format_names(&p, false, td->names, text, sizeof(text));
	if (td->v1) /* no interface in a v1 header */
		printf("%s%s %s\n", tag, ts, text);
	else
		printf("%s%s %-5s %-3s %s\n", tag, ts,
		       td_place(td, f->place)->ifname, f->dir, text);
}

/* The kernel's packet type for a direction word. */
static uint8_t td_pkttype(const char *dir)
{
	return streq(dir, "In") ? 0 : streq(dir, "B") ? 1 :
	       streq(dir, "M") ? 2 : streq(dir, "P") ? 3 : 4;
}

/* Its Linux cooked v1 header into buf: type, ARPHRD_ETHER, the source
 * address, the protocol. */
static void td_sll_header(const struct td_frame *f, unsigned char *buf)
{
	memset(buf, 0, TD_SLL_LEN);
	buf[1] = td_pkttype(f->dir);
	buf[3] = 1;
	buf[5] = PKT_MAC_LEN;
	memcpy(buf + 6, f->data + 6, PKT_MAC_LEN);
	memcpy(buf + 14, f->data + 12, 2);
}

/* -w with -i any: the frame as Linux cooked v2 (v1 when tcpdump chose
 * "any" itself), as the real one writes. */
static void td_dump_cooked(const struct td_run *td, const struct td_frame *f,
			   struct pcap_pkthdr *h)
{
	static unsigned char buf[TD_SLL2_LEN + CAP_SNAPLEN];
	size_t hdr = td->v1 ? TD_SLL_LEN : TD_SLL2_LEN;
	uint32_t body = f->caplen > TD_ETH_LEN ? f->caplen - TD_ETH_LEN : 0;
	uint32_t ifindex = htonl((uint32_t)td_place(td, f->place)->ifindex);
	const char *dir = f->dir;
	uint8_t type;

	if (f->caplen < TD_ETH_LEN || body > CAP_SNAPLEN)
		return;
	if (td->v1) {
		td_sll_header(f, buf);
	} else {
		type = td_pkttype(dir);
		memset(buf, 0, TD_SLL2_LEN);
	memcpy(buf, f->data + 12, 2);		/* protocol */
	memcpy(buf + 4, &ifindex, 4);
	buf[8] = 0, buf[9] = 1;			/* ARPHRD_ETHER */
	buf[10] = type;
	buf[11] = PKT_MAC_LEN;
	memcpy(buf + 12, f->data + 6, PKT_MAC_LEN);
	}
	memcpy(buf + hdr, f->data + TD_ETH_LEN, body);
	h->caplen = (uint32_t)hdr + body;
	h->len = f->len - TD_ETH_LEN + (uint32_t)hdr;
	pcap_dump((u_char *)td->dumper, h, buf);
}

static void td_dump(const struct td_run *td, const struct td_frame *f)
{
	struct pcap_pkthdr h = {
		.ts.tv_sec = (time_t)(f->ts_ns / 1000000000),
		.ts.tv_usec = (suseconds_t)(f->ts_ns % 1000000000) / 1000,
		.caplen = f->caplen,
		.len = f->len,
	};

	if (td->any)
		td_dump_cooked(td, f, &h);
	else
		pcap_dump((u_char *)td->dumper, &h, f->data);
}

/* --- the running capture ----------------------------------------------- */

static void td_batch_clear(struct td_run *td)
{
	for (size_t i = 0; i < td->n_batch; i++)
		free(td->batch[i].data);
	td->n_batch = 0;
}

static void td_on_frame(const struct cap_record *r, const struct cap_frame *f,
			void *arg)
{
	struct td_run *td = arg;
	struct td_frame *t;

	(void)r;
	if (td->n_batch == td->batch_size) {
		size_t size = td->batch_size ? 2 * td->batch_size : 64;
		struct td_frame *b = realloc(td->batch, size * sizeof(*b));

		if (!b)
			return;
		td->batch = b;
		td->batch_size = size;
	}
	t = &td->batch[td->n_batch];
	t->data = malloc(f->caplen ? f->caplen : 1);
	if (!t->data)
		return;
	memcpy(t->data, f->data, f->caplen);
	t->ts_ns = f->ts_ns;
	t->caplen = f->caplen;
	t->len = f->len;
	t->place = f->place;
	t->dir = NULL;
	t->seq = td->n_batch;
	t->moved = false;
	td->n_batch++;
}

static int td_frame_cmp(const void *a, const void *b)
{
	const struct td_frame *x = a, *y = b;

	if (x->ts_ns != y->ts_ns)
		return x->ts_ns > y->ts_ns ? 1 : -1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Is g the copy of bridge frame f that the bridge sent out of a port? */
static bool td_sent_copy(const struct td_run *td, const struct td_frame *f,
			 const struct td_frame *g)
{
	const struct cap_place *br = td_place(td, f->place);
	const struct cap_place *port = td_place(td, g->place);

	return streq(g->dir, "Out") && port->master == br->ifindex &&
	       streq(port->ns, br->ns) && g->ts_ns - f->ts_ns < TD_RECENT_NS &&
	       pkt_same_frame(f->data, f->caplen, g->data, g->caplen);
}

/* The kernel hands a frame to the bridge device after forwarding it
 * (it carries the time it came in on the port): the bridge's line
 * goes after the copies sent out of the other ports, as "-i any"
 * prints them. */
static void td_bridge_order(struct td_run *td)
{
	for (size_t i = 0; i < td->n_batch; i++) {
		struct td_frame f = td->batch[i];
		size_t last = i;

		if (f.moved || !streq(td_place(td, f.place)->kind, "bridge") ||
		    streq(f.dir, "Out"))
			continue;
		for (size_t j = i + 1; j < td->n_batch; j++)
			if (td_sent_copy(td, &f, &td->batch[j]))
				last = j;
		if (last == i)
			continue;
		memmove(&td->batch[i], &td->batch[i + 1],
			(last - i) * sizeof(f));
		f.moved = true;
		td->batch[last] = f;
		i--;
	}
}

/* Its direction; does -Q keep it? */
static bool td_wanted(struct td_run *td, struct td_frame *f)
{
	struct pkt p;
	bool out;

	pkt_decode(f->data, f->caplen, f->len, &p);
	f->dir = td_direction(td, f, &p);
	if (td->only && !streq(td_place(td, f->place)->ifname, td->ifname))
		return false;
	out = streq(f->dir, "Out");
	return td->dir == TCPDUMP_INOUT || (td->dir == TCPDUMP_OUT) == out;
}

static void td_finish(struct td_run *td, bool interrupted, const char *why);

/* Prints (or writes) what a read brought, in time order; the count
 * may end the run. */
static void td_flush_batch(struct td_run *td)
{
	bool shown = false;

	if (td->n_batch)
		qsort(td->batch, td->n_batch, sizeof(*td->batch), td_frame_cmp);
	for (size_t i = 0; i < td->n_batch; i++)
		td->batch[i].wanted = td_wanted(td, &td->batch[i]);
	if (td->any)
		td_bridge_order(td);
	for (size_t i = 0; i < td->n_batch; i++) {
		if (!td->batch[i].wanted)
			continue;
		td->received++;
		if (td->count && td->captured >= (unsigned long)td->count)
			continue;
		if (td->dumper) {
			td_dump(td, &td->batch[i]);
		} else {
			if (!shown)
				out_async_begin();
			shown = true;
			td_print(td, &td->batch[i]);
		}
		td->captured++;
	}
	td_batch_clear(td);
	if (td->dumper)
		pcap_dump_flush(td->dumper);
	fflush(stdout);
	if (td->count && td->captured >= (unsigned long)td->count) {
		if (!shown)
			out_async_begin();
		shown = true;
		td_finish(td, false, NULL);
	}
	if (shown)
		out_async_end();
}

/* Reads the capture; false when it failed (then it has ended). */
static bool td_read(struct td_run *td)
{
	int n = cap_read(td->cap, td_on_frame, td);
	char tag[TD_TAG_MAX];

	if (n < 0) {
		td_batch_clear(td);
		td_tag(td, tag, sizeof(tag));
		out_async_begin();
		out_error("%stcpdump: pcap_loop: %s", tag, out_strerror(n));
		td_finish(td, false, NULL);
		out_async_end();
		return false;
	}
	td_flush_batch(td);
	return true;
}

/* A single interface that is gone ends the run, as in tcpdump. */
static void td_check_places(struct td_run *td)
{
	const struct cap_record *r;
	char tag[TD_TAG_MAX];

	if (!td->running || td->any)
		return;
	r = cap_record(td->cap);
	for (size_t i = 0; i < r->n_places; i++)
		if (r->places[i].live)
			return;
	td_tag(td, tag, sizeof(tag));
	out_async_begin();
	out_error("%stcpdump: pcap_loop: The interface disappeared", tag);
	td_finish(td, false, NULL);
	out_async_end();
}

static size_t td_pollfds(void *arg, struct pollfd *p, size_t n)
{
	struct td_run *td = arg;

	return td->running ? cap_pollfds(td->cap, p, n) : 0;
}

static void td_ready(void *arg, const struct pollfd *p, size_t n)
{
	struct td_run *td = arg;

	(void)p, (void)n;
	if (td->running && td_read(td))
		td_check_places(td);
}

static void td_counts(const struct td_run *td, uint64_t drops)
{
	char tag[TD_TAG_MAX];

	td_tag(td, tag, sizeof(tag));
	fflush(stdout);
	fprintf(stderr, "%s%lu packet%s captured\n", tag, td->captured,
		td->captured == 1 ? "" : "s");
	fprintf(stderr, "%s%lu packet%s received by filter\n", tag,
		td->received, td->received == 1 ? "" : "s");
	fprintf(stderr, "%s%llu packet%s dropped by kernel\n", tag,
		(unsigned long long)drops, drops == 1 ? "" : "s");
}

/* Ends the run: tcpdump's counts (after a blank line when it was
 * interrupted, as tcpdump's own), and why, when nstutor ended it. */
static void td_finish(struct td_run *td, bool interrupted, const char *why)
{
	struct cap_record *rec;

	if (!td->running)
		return;
	td->running = false;
	watch_remove(td);
	td_batch_clear(td);
	rec = cap_detach(td->cap);
	cap_close(td->cap);
	td->cap = NULL;
	if (td->dumper)
		pcap_dump_close(td->dumper);
	if (td->dead)
		pcap_close(td->dead);
	td->dumper = NULL;
	td->dead = NULL;
	if (interrupted)
		putchar('\n');
	td_counts(td, rec ? rec->kernel_drops : 0);
	if (why)
		out_note("%s", why);
	fflush(stderr);
	if (rec)
		cap_last_set(rec);
	free(td->batch);
	td->batch = NULL;
	td->batch_size = 0;
}

size_t tcpdump_running(void)
{
	return td_count_running();
}

/* Ends the runs that match (all: ns and ifname NULL); how many. */
static size_t td_stop_matching(const char *ns, const char *ifname,
			       bool interrupted)
{
	size_t n = 0;

	stopping_several = td_count_running() > 1;
	for (size_t i = 0; i < TD_MAX; i++) {
		struct td_run *td = runs[i];

		if (!td || !td->running || (ifname && !streq(td->ifname, ifname)) ||
		    (ns && !streq(td->ns, ns)))
			continue;
		if (!interrupted)
			td_read(td);
		td_finish(td, interrupted, NULL);
		n++;
	}
	stopping_several = false;
	td_reap();
	return n;
}

void tcpdump_stop(void)
{
	td_stop_matching(NULL, NULL, false);
}

size_t tcpdump_stop_on(const char *ns, const char *ifname)
{
	return td_stop_matching(ns, ifname, false);
}

void tcpdump_list(char *buf, size_t size)
{
	size_t used = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < TD_MAX && used < size; i++) {
		int n;

		if (!runs[i] || !runs[i]->running)
			continue;
		n = snprintf(buf + used, size - used, "%s%s %s",
			     used ? ", " : "", netns_label(runs[i]->ns),
			     runs[i]->ifname);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static unsigned long td_received_all(void)
{
	unsigned long n = 0;

	for (size_t i = 0; i < TD_MAX; i++)
		if (runs[i] && runs[i]->running)
			n += runs[i]->received;
	return n;
}

void tcpdump_end(void)
{
	/* What is on its way still prints: a few short waits. */
	for (int i = 0; i < 4 && td_count_running(); i++) {
		unsigned long before = td_received_all();

		watch_run(50);
		if (td_received_all() == before && i > 0)
			break;
	}
	td_stop_matching(NULL, NULL, true);
}

static void td_gone(struct td_run *td)
{
	char why[256];

	particle_snprintf(why, sizeof(why),
		 _("The namespace %s is deleted: the tcpdump in it ends."),
		 td->ns);
	out_async_begin();
	td_finish(td, false, why);
	out_async_end();
}

void tcpdump_forget(const char *ns)
{
	for (size_t i = 0; ns && i < TD_MAX; i++)
		if (runs[i] && runs[i]->running && runs[i]->ns[0] &&
		    streq(ns, runs[i]->ns))
			td_gone(runs[i]);
}

void tcpdump_forget_deleted(void)
{
	for (size_t i = 0; i < TD_MAX; i++)
		if (runs[i] && runs[i]->running && runs[i]->ns[0] &&
		    netns_id_stale(runs[i]->ns, &runs[i]->ns_id))
			td_gone(runs[i]);
}

static void td_open_error(const struct td_run *td, int err,
			  const char *ifname)
{
	const char *ns = netns_label(td->ns);

	if (err == -ENODEV) {
		out_error("tcpdump: %s: No such device exists\n"
			  "(No such device exists)", ifname);
		out_hint(_("There is no interface %s in %s; \"ip link\" lists "
			   "the ones there."), ifname, ns);
	} else if (err == -EINVAL) {
		const char *why = cap_error();
		const char *said = "can't parse filter expression: ";

		out_error("tcpdump: %s%s",
			  strncmp(why, said, strlen(said)) ? said : "", why);
		out_hint(_("The words after the options are a filter, such as "
			   "\"icmp\", \"arp\" or \"host 11.11.11.3\"."));
	} else if (err == -ENETDOWN) {
		out_error("tcpdump: %s: That device is not up", ifname);
		out_hint(_("Bring it up first: ip link set %s up."), ifname);
	} else if (err == -EPERM || err == -EACCES) {
		out_error("tcpdump: %s: You don't have permission to perform "
			  "this capture on that device\n"
			  "(socket: Operation not permitted)", ifname);
	} else {
		out_error("tcpdump: %s: %s", ifname, out_strerror(err));
	}
}

static int td_open(struct td_run *td, const struct tcpdump_opts *o,
		   const char *ifname)
{
	struct cap_options co = {
		.ns = td->ns,
		.ifname = td->any ? NULL : ifname,
		.filter = o->filter,
		.keep = true,
	};
	int err = cap_open(&co, &td->cap);

	/* "any" where only lo is: lo (nstutor's "any" leaves lo out) */
	if (err == -ENODEV && td->any) {
		co.ifname = "lo";
		err = cap_open(&co, &td->cap);
	}
	/* -Q on a bridge port: a frame goes out of it when another port
	 * just saw it come in, so every port is read (and one shown) */
	if (err == 0 && !td->any && o->dir != TCPDUMP_INOUT) {
		const struct cap_record *r = cap_record(td->cap);

		if (r->n_places == 1 && r->places[0].master) {
			cap_close(td->cap);
			co.ifname = NULL;
			td->only = true;
			err = cap_open(&co, &td->cap);
		}
	}
	if (err < 0) {
		td->cap = NULL;
		td_open_error(td, err, ifname);
	}
	return err;
}

static void td_close_all(struct td_run *td)
{
	if (td->cap)
		cap_close(td->cap);
	td->cap = NULL;
	if (td->dumper)
		pcap_dump_close(td->dumper);
	td->dumper = NULL;
	if (td->dead)
		pcap_close(td->dead);
	td->dead = NULL;
}

static int td_open_file(struct td_run *td, const char *path)
{
	td->dead = pcap_open_dead_with_tstamp_precision(
		td->v1 ? DLT_LINUX_SLL : td->any ? DLT_LINUX_SLL2 : DLT_EN10MB,
		CAP_SNAPLEN,
		PCAP_TSTAMP_PRECISION_MICRO);
	if (!td->dead) {
		out_error("tcpdump: %s", out_strerror(ENOMEM));
		return -ENOMEM;
	}
	td->dumper = pcap_dump_open(td->dead, path);
	if (!td->dumper) {
		out_error("tcpdump: %s", pcap_geterr(td->dead));
		pcap_close(td->dead);
		td->dead = NULL;
		return -EIO;
	}
	return 0;
}

static void td_banner(const struct td_run *td, const struct tcpdump_opts *o)
{
	const char *type = td->v1 ? "LINUX_SLL (Linux cooked v1)" :
			   td->any ? "LINUX_SLL2 (Linux cooked v2)" :
				    "EN10MB (Ethernet)";

	fflush(stdout);
	if (td->any && !td->v1)
		fprintf(stderr, "tcpdump: data link type LINUX_SLL2\n");
	if (!o->wfile)
		fprintf(stderr, "tcpdump: verbose output suppressed, use "
				"-v[v]... for full protocol decode\n");
	fprintf(stderr, "%slistening on %s, link-type %s, snapshot length %d "
			"bytes\n", o->wfile ? "tcpdump: " : "", td->ifname,
		type, CAP_SNAPLEN);
	fflush(stderr);
}

/* Where a new run goes; NULL when TD_MAX run (said). */
static struct td_run **td_slot(void)
{
	td_reap();
	for (size_t i = 0; i < TD_MAX; i++)
		if (!runs[i])
			return &runs[i];
	out_error(_("%d tcpdumps run already, as many as nstutor runs at "
		    "once."), TD_MAX);
	out_hint(_("\"tcpdump stop DEV\" ends one of them, \"tcpdump stop\" "
		   "all."));
	return NULL;
}

static void td_started_note(const struct td_run *td)
{
	size_t n = td_count_running();

	if (n == 1)
		out_note(_("tcpdump runs in the background: type other "
			   "commands; \"tcpdump stop\" or Ctrl-C ends it."));
	else
		out_note(_("%zu tcpdumps run now: each line starts with its "
			   "namespace and interface. \"tcpdump stop\" or "
			   "Ctrl-C at the prompt ends them all, \"tcpdump "
			   "stop %s\" this one."),
			 n, td->ifname);
}

bool tcpdump_start(const char *ns, const char *ifname, bool chosen,
		   const struct tcpdump_opts *o)
{
	struct td_run **slot = td_slot(), *td;
	struct watch w = {.pollfds = td_pollfds, .ready = td_ready};
	int err;

	if (!slot)
		return false;
	if (!(td = calloc(1, sizeof(*td)))) {
		out_error("tcpdump: %s", out_strerror(ENOMEM));
		return false;
	}
	snprintf(td->ns, sizeof(td->ns), "%s", ns);
	snprintf(td->ifname, sizeof(td->ifname), "%s", ifname);
	if (td->ns[0]) {
		err = netns_id_get(td->ns, &td->ns_id);
		if (err < 0) {
			out_error("tcpdump: %s", out_strerror(err));
			free(td);
			return false;
		}
	}
	td->any = streq(td->ifname, "any");
	td->v1 = td->any && chosen;
	td->link = o->link;
	td->names = !o->numeric;
	td->count = o->count;
	td->dir = o->dir;
	w.arg = td;
	if (td_open(td, o, td->ifname) < 0 ||
	    (o->wfile && td_open_file(td, o->wfile) < 0)) {
		td_close_all(td);
		free(td);
		return false;
	}
	if (watch_add(&w) < 0) {
		out_error("tcpdump: %s", out_strerror(ENOMEM));
		td_close_all(td);
		free(td);
		return false;
	}
	td->running = true;
	*slot = td;
	td_banner(td, o);
	td_started_note(td);
	return true;
}
