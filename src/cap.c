/* cap.c: live libpcap captures on the world's interfaces: opening,
 * reading and closing a capture, and taking its record out.
 *
 * Each place (namespace, interface) that matches the options gets a
 * pcap handle (cap-place.c); the capture follows links and namespaces
 * as they come and go (cap-follow.c); frames read are kept in its
 * record (cap-record.c).  See cap.h for the contract.
 */
#include "system.h"

#include <time.h>

#include "cap-private.h"
#include "netns.h"

char cap_errbuf[CAP_ERRBUF_SIZE];

const char *cap_error(void)
{
	return cap_errbuf;
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
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
	c->rec = cap_record_new();
	err = c->rec ? options_copy(c, o) : -ENOMEM;
	if (err == 0)
		c->rec->snaplen = (uint32_t)c->snaplen;
	if (err == 0)
		err = cap_filter_check(c);
	if (err == 0) {
		c->dir_fd = netns_dir_watch_open(); /* < 0: none */
		err = cap_watch_all(c);
	}
	cap_resolve_peers(c);
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
	if (c->keep && cap_record_keep(c->rec, &f) == 0)
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
		struct nswatch *w = cap_watch_find(c, c->rec->places[i].ns);

		cap_slot_close(c, i);
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
			total += cap_handle_drops(c->slots[i].pcap);
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
	err = cap_follow_links(c);
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
	struct cap_record *old = c->rec, *fresh = cap_record_new();

	if (!fresh || cap_places_grow(fresh, c->n_slots ? c->n_slots : 1) < 0) {
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

