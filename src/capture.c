/* capture.c: "capture on|off", and the capture a ping takes.
 *
 * The standing capture ("capture on") is a struct capture on every
 * namespace of the world, kept as a watch: between pings its frames
 * are read and forgotten, so its rings never fill; a ping clears it,
 * lets the ping's poll loop fill it, then detaches the record, prints
 * the timeline and keeps the record as the last capture.
 */
#include "system.h"

#include <poll.h>
#include <time.h>

#include "cap.h"
#include "capture.h"
#include "nl-fdb.h"
#include "out.h"
#include "timeline.h"
#include "topo.h"
#include "watch.h"

#define DRAIN_MS 5	/* what is still waiting after a ping's end */

static struct {
	struct capture *standing;
	bool pending;	/* capture on, with nothing to capture yet */
	bool lesson;
	bool link_header;
	bool in_ping;	/* a ping is filling the standing capture */
	bool failed_said;
} cs;

struct ping_capture {
	struct capture *c;
	bool owned;	/* opened for this ping alone */
	char ns[NAME_MAX + 1];
};

/* ---- the watch ---- */

static size_t capture_pollfds(void *arg, struct pollfd *p, size_t n)
{
	return cap_pollfds(arg, p, n);
}

static void capture_ready(void *arg, const struct pollfd *p, size_t n)
{
	struct capture *c = arg;

	(void)p;
	(void)n;
	cap_read(c, NULL, NULL);
	if (c == cs.standing && !cs.in_ping)
		cap_clear(c); /* not a ping's story: forget it */
}

static int capture_open(struct capture **c)
{
	struct cap_options o = {.keep = true, .snaplen = CAP_SNAPLEN_HEADERS};
	struct watch w = {.pollfds = capture_pollfds,
			  .ready = capture_ready};
	int err = cap_open(&o, c);

	if (err < 0)
		return err;
	w.arg = *c;
	err = watch_add(&w);
	if (err < 0) {
		cap_close(*c);
		*c = NULL;
	}
	return err;
}

static void capture_close(struct capture *c)
{
	if (!c)
		return;
	watch_remove(c);
	cap_close(c);
}

static void say_open_error(int err)
{
	if (err == -EPERM || err == -EACCES) {
		out_error(_("capture: cannot open a capture: %s"),
			  out_strerror(-err));
		out_hint(_("Capturing needs CAP_NET_RAW in the world: run "
			   "nstutor as root, or in its sandbox world."));
	} else if (err == -ENETDOWN) {
		out_error(_("capture: no interface to capture on is up (%s)"),
			  cap_error() ? cap_error() : out_strerror(-err));
		out_hint(_("Bring the lab's links up first: ip link set DEV "
			   "up."));
	} else if (err == -ENODEV) {
		out_error(_("capture: no interface to capture on"));
		out_hint(_("Make a lab first: ip link add reth0 type veth "
			   "peer name reth1."));
	} else {
		out_error(_("capture: cannot open a capture: %s"),
			  err == -EINVAL && cap_error() ? cap_error() :
							  out_strerror(-err));
	}
}

int capture_set(bool on)
{
	int err;

	cs.pending = false;
	if (!on) {
		capture_close(cs.standing);
		cs.standing = NULL;
		return 0;
	}
	if (cs.standing)
		return 0;
	err = capture_open(&cs.standing);
	if (err == -ENODEV || err == -ENETDOWN) {
		cs.standing = NULL;
		cs.pending = true; /* a learner turns it on before the lab */
		return 1;
	}
	if (err < 0) {
		cs.standing = NULL;
		say_open_error(err);
	}
	return err;
}

bool capture_is_on(void)
{
	return cs.standing || cs.pending;
}

void capture_for_lesson(bool on)
{
	cs.lesson = on;
}

void capture_set_link_header(bool on)
{
	cs.link_header = on;
}

bool capture_link_header(void)
{
	return cs.link_header;
}

/* ---- the ping's capture ---- */

struct ping_capture *ping_capture_start(const char *ns, struct in_addr src,
					struct in_addr dst)
{
	struct ping_capture *pc;
	int err;

	(void)src;
	(void)dst;
	if (cs.pending && capture_open(&cs.standing) == 0)
		cs.pending = false;
	if (!cs.standing && (cs.pending || !cs.lesson))
		return NULL; /* still nothing to capture on, or not asked */
	pc = calloc(1, sizeof(*pc));
	if (!pc)
		return NULL;
	snprintf(pc->ns, sizeof(pc->ns), "%s", ns ? ns : "");
	if (cs.standing) {
		pc->c = cs.standing;
		cap_read(pc->c, NULL, NULL);
		cap_clear(pc->c);
		cs.in_ping = true;
		return pc;
	}
	err = capture_open(&pc->c);
	if (err < 0) {
		if (!cs.failed_said)
			say_open_error(err);
		cs.failed_said = true;
		free(pc);
		return NULL;
	}
	pc->owned = true;
	return pc;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* What is still on its way: a few ms, no more. */
static void drain(struct capture *c)
{
	long long until = now_ms() + DRAIN_MS;
	struct pollfd p[WATCH_FDS_MAX];

	cap_read(c, NULL, NULL);
	for (long long left; (left = until - now_ms()) > 0;) {
		size_t n = cap_pollfds(c, p, ARRAY_SIZE(p));

		if (poll(p, n, (int)left) <= 0)
			break;
		cap_read(c, NULL, NULL);
	}
}

static int world_add_addr(struct tl_world *w, size_t *cap, const char *ns,
			  const struct topo_addr *a)
{
	if (a->family != AF_INET)
		return 0;
	if (w->n_addrs == *cap) {
		size_t n = *cap ? *cap * 2 : 8;
		struct tl_addr *x = realloc(w->addrs, n * sizeof(*x));

		if (!x)
			return -ENOMEM;
		w->addrs = x;
		*cap = n;
	}
	snprintf(w->addrs[w->n_addrs].ns, sizeof(w->addrs[0].ns), "%s", ns);
	memcpy(&w->addrs[w->n_addrs].ip, a->ip, 4);
	w->n_addrs++;
	return 0;
}

/* Who holds which IPv4 address, from the lab's model. */
static void world_addrs(struct tl_world *w)
{
	struct topo_options o = {.firewall = false};
	size_t cap = 0;
	struct topo t;

	if (topo_discover(&o, &t) < 0)
		return;
	for (size_t i = 0; i < t.n_ns; i++)
		for (size_t k = 0; k < t.ns[i].n_links; k++) {
			const struct topo_link *l = &t.ns[i].links[k];

			for (size_t a = 0; a < l->n_addrs; a++)
				if (world_add_addr(w, &cap, t.ns[i].name,
						   &l->addrs[a]) < 0)
					goto out;
		}
out:
	topo_free(&t);
}

static void world_fdb_of(const struct cap_place *br, struct tl_world *w,
			 size_t *cap)
{
	struct fdb_list l;

	if (fdb_list(*br->ns ? br->ns : NULL, br->ifindex, 0, &l) < 0)
		return;
	for (size_t k = 0; k < l.n; k++) {
		const struct fdb_entry *e = &l.entries[k];
		struct tl_fdb *x;

		if (e->mac_len != 6 || e->ifindex == br->ifindex)
			continue;
		if (w->n_fdb == *cap) {
			size_t n = *cap ? *cap * 2 : 8;

			x = realloc(w->fdb, n * sizeof(*x));
			if (!x)
				break;
			w->fdb = x;
			*cap = n;
		}
		x = &w->fdb[w->n_fdb++];
		snprintf(x->ns, sizeof(x->ns), "%s", br->ns);
		x->bridge = br->ifindex;
		memcpy(x->mac, e->mac, 6);
		x->port = e->ifindex;
	}
	fdb_list_free(&l);
}

/* What the world holds now: addresses and bridges' fdbs. */
void capture_world(const struct cap_record *r, struct tl_world *w)
{
	size_t cap = 0;

	*w = (struct tl_world){0};
	world_addrs(w);
	for (size_t i = 0; i < r->n_places; i++)
		if (streq(r->places[i].kind, "bridge"))
			world_fdb_of(&r->places[i], w, &cap);
}

void capture_print_opts(struct tl_print_opts *o, const struct nf_last *l)
{
	*o = (struct tl_print_opts){.plain = out_settings.plain,
				    .color = out_settings.color,
				    .link_header = cs.link_header,
				    .utf8 = tl_locale_utf8(),
				    .nf = l};
}

static void print_timeline(struct cap_record *r, const struct nf_last *l)
{
	struct tl_print_opts o;
	struct tl_world w;
	struct timeline tl;

	capture_world(r, &w);
	capture_print_opts(&o, l);
	if (timeline_build(r, &w, &tl) == 0) {
		putchar('\n');
		if (tl.n > timeline_noise(&tl))
			timeline_print(&tl, &w, &o, stdout);
		else
			out_note(_("No frame of this ping crossed an interface "
				   "of the world (a ping to its own address "
				   "stays on lo)."));
		timeline_free(&tl);
	}
	if (r->kernel_drops || r->not_kept)
		out_note(_("The capture lost %llu frames (too many at once)."),
			 (unsigned long long)(r->kernel_drops + r->not_kept));
	tl_world_free(&w);
	fflush(stdout);
}

void ping_capture_end(struct ping_capture *pc, const struct nf_last *l)
{
	struct cap_record *r;

	if (!pc)
		return;
	drain(pc->c);
	r = cap_detach(pc->c);
	if (pc->owned)
		capture_close(pc->c);
	else
		cs.in_ping = false;
	free(pc);
	if (!r)
		return;
	cap_record_sort(r);
	print_timeline(r, l);
	cap_last_set(r);
}

int capture_ladder(const struct nf_last *l)
{
	const struct cap_record *r = cap_last();
	struct tl_print_opts o;
	struct tl_world w;
	struct timeline tl;

	if (!r || !r->n_frames)
		return -ENOENT;
	capture_world(r, &w);
	capture_print_opts(&o, l);
	if (timeline_build(r, &w, &tl) < 0) {
		tl_world_free(&w);
		return -ENOMEM;
	}
	timeline_ladder(&tl, &o, stdout);
	timeline_free(&tl);
	tl_world_free(&w);
	fflush(stdout);
	return 0;
}

void capture_forget(const char *ns)
{
	if (cs.standing)
		cap_forget(cs.standing, ns);
}

/* A namespace deleted or made anew behind nstutor's back: its
 * handles let go. */
void capture_forget_deleted(void)
{
	if (cs.standing)
		cap_forget_deleted(cs.standing);
}
