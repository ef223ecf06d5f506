/* topo-draw.c: the model drawn the tutorials' way (see topo.h).
 *
 * The host is the outer box.  The namespaces are boxes stacked in its
 * left column, one row per link; a link's name sits on the box's right
 * edge and its wire leaves there: to its other end in the host, whose
 * name is written in one column further right, or down a lane of its
 * own to another box.  Host links that are not such an end get rows of
 * their own under the boxes.  A bridge is a bar right of the host ends,
 * joined to its ports.  Under it all: the host's default routes, its
 * forwarding, its NAT rules, and what the lesson's step is about.
 */
#include "system.h"

#include <arpa/inet.h>
#include <sys/param.h>
#include <netinet/in.h>
#include <linux/netfilter.h>	/* after netinet/in.h */

#include "inet.h"
#include "topo-canvas.h"
#include "topo.h"
#include "utf8.h"

#define LABEL_MAX 192
#define WIRE_MIN 8		/* columns of wire after the last lane */

/* One line inside a namespace box. */
struct bline {
	char left[LABEL_MAX];	/* an address, "lo 127.0.0.1/8", a route */
	char right[LABEL_MAX];	/* the link's name on the right edge */
	int link;		/* the link it is about; -1 */
	bool small, focus;
	bool missing;		/* a link the lesson's step wants, not there */
};

struct box {
	size_t ns;
	size_t n;
	struct bline *lines;
	int top;		/* its title row */
};

/* A host link written in the host-end column. */
struct hend {
	int link;
	int row;
};

struct layout {
	const struct topo *t;
	const struct topo_draw_opts *o;
	bool narrow;		/* names and addresses on rows of their own */
	size_t n_box;
	struct box *boxes;
	int **row_of;		/* [ns][link]: its row; -1 not drawn */
	size_t n_hrows;
	int *hrows;		/* host links with rows of their own */
	int lo_row, hrow_top, foot_top, bottom;
	int inner;		/* widest box line */
	int edge;		/* the boxes' right border */
	int n_lanes, lane_used, h;	/* lanes; the host-end column */
	int bar;		/* the first bridge bar's column */
	int right;		/* the host box's right border */
	size_t n_foot;
	char (*foot)[LABEL_MAX];
};

static const struct topo_link *link_at(const struct layout *y, size_t ns,
				       int k)
{
	return &y->t->ns[ns].links[k];
}

static bool is_focus(const struct layout *y, size_t ns, const char *ifname)
{
	for (size_t i = 0; i < y->o->n_focus; i++)
		if (y->o->focus[i].set &&
		    streq(y->o->focus[i].ns, y->t->ns[ns].name) &&
		    streq(y->o->focus[i].ifname, ifname))
			return true;
	return false;
}

static const char *marker(const struct layout *y)
{
	return y->o->utf8 ? " ◀" : " <=";
}

static struct cv_style ns_style(const struct layout *y, size_t ns)
{
	struct cv_style s = {0};

	if (y->o->color && ns > 0)
		s.color = (unsigned char)(31 + (ns - 1) % 6);
	return s;
}

/* ---- words ---- */

static void addr_text(const struct topo_addr *a, char *buf, size_t size)
{
	char ip[INET6_ADDRSTRLEN];

	inet_ntop(a->family, a->ip, ip, sizeof(ip));
	snprintf(buf, size, "%s/%d", ip, a->prefixlen);
}

/* The i-th address a picture shows (IPv4 and global IPv6; lo only
 * IPv4), or NULL. */
static const struct topo_addr *drawn_addr(const struct topo_link *l,
					  size_t i)
{
	for (size_t k = 0; k < l->n_addrs; k++) {
		const struct topo_addr *a = &l->addrs[k];

		if (a->link_local || (l->loopback && a->family != AF_INET))
			continue;
		if (i-- == 0)
			return a;
	}
	return NULL;
}

/* "reth1", "reth1 DOWN", "uplink0 198.51.100.2/24" (with addr), and the
 * marker when the step is about it. */
static void link_label(const struct layout *y, size_t ns,
		       const struct topo_link *l, bool with_addr, char *buf,
		       size_t size)
{
	const struct topo_addr *a = with_addr ? drawn_addr(l, 0) : NULL;
	char at[64] = "";

	if (a) {
		at[0] = ' ';
		addr_text(a, at + 1, sizeof(at) - 1);
	}
	snprintf(buf, size, "%s%s%s%s", l->name, l->up ? "" : " DOWN", at,
		 is_focus(y, ns, l->name) ? marker(y) : "");
}

/* ---- inside a namespace box ---- */

static struct bline *bline_add(struct box *b)
{
	struct bline *x = realloc(b->lines, (b->n + 1) * sizeof(*x));

	if (!x)
		return NULL;
	b->lines = x;
	x = &x[b->n++];
	*x = (struct bline){.link = -1};
	return x;
}

/* A port of a bridge in the same namespace says which. */
static void port_suffix(const struct layout *y, size_t ns,
			const struct topo_link *l, char *buf, size_t size)
{
	size_t len = strlen(buf);

	if (l->master < 0 || len >= size)
		return;
	snprintf(buf + len, size - len, "%s%s", y->o->utf8 ? " → " : " -> ",
		 link_at(y, ns, l->master)->name);
}

static int box_lo(const struct layout *y, struct box *b, int k)
{
	const struct topo_link *l = link_at(y, b->ns, k);
	const struct topo_addr *a = drawn_addr(l, 0);
	struct bline *x = bline_add(b);
	char at[64] = "";

	if (!x)
		return -ENOMEM;
	if (a)
		addr_text(a, at, sizeof(at));
	snprintf(x->left, sizeof(x->left), "lo%s%s%s", l->up ? "" : " DOWN",
		 a ? " " : "", at);
	x->small = true;
	return 0;
}

static int box_link(const struct layout *y, struct box *b, int k)
{
	const struct topo_link *l = link_at(y, b->ns, k);
	const struct topo_addr *a;
	struct bline *x = bline_add(b);

	if (!x)
		return -ENOMEM;
	x->link = k;
	x->focus = is_focus(y, b->ns, l->name);
	link_label(y, b->ns, l, false, x->right, sizeof(x->right));
	port_suffix(y, b->ns, l, x->right, sizeof(x->right));
	for (size_t i = 0; (a = drawn_addr(l, i)); i++) {
		if (i > 0 || y->narrow) {
			x = bline_add(b);
			if (!x)
				return -ENOMEM;
		}
		addr_text(a, x->left, sizeof(x->left));
	}
	return 0;
}

static int box_routes(const struct layout *y, struct box *b)
{
	const struct topo_ns *n = &y->t->ns[b->ns];

	for (int f = 0; f < 2; f++) {
		const struct topo_route *d = &n->defaults[f];
		char gw[INET6_ADDRSTRLEN] = "";
		struct bline *x;

		if (!d->present)
			continue;
		x = bline_add(b);
		if (!x)
			return -ENOMEM;
		if (d->has_gateway)
			inet_ntop(f ? AF_INET6 : AF_INET, d->gateway, gw,
				  sizeof(gw));
		if (d->has_gateway)
			snprintf(x->left, sizeof(x->left), _("default via %s"), gw);
		else
			snprintf(x->left, sizeof(x->left), _("default dev %s"),
				 d->link >= 0 ? n->links[d->link].name : "?");
		x->small = true;
	}
	if (n->ip_forward == 1) {
		struct bline *x = bline_add(b);

		if (!x)
			return -ENOMEM;
		snprintf(x->left, sizeof(x->left), "ip_forward 1");
		x->small = true;
	}
	return 0;
}

/* The links the step is about that the namespace does not have yet:
 * drawn where they will be, marked missing. */
static int box_missing(const struct layout *y, struct box *b)
{
	const struct topo_ns *n = &y->t->ns[b->ns];

	for (size_t i = 0; i < y->o->n_focus; i++) {
		const struct topo_focus *f = &y->o->focus[i];
		struct bline *x;

		if (!f->set || !*f->ifname || !streq(f->ns, n->name) ||
		    topo_link_find(n, f->ifname))
			continue;
		x = bline_add(b);
		if (!x)
			return -ENOMEM;
		snprintf(x->right, sizeof(x->right), _("%s (missing)"),
			 f->ifname);
		strncat(x->right, marker(y), sizeof(x->right) - strlen(x->right) - 1);
		x->focus = x->missing = true;
	}
	return 0;
}

static int box_fill(const struct layout *y, struct box *b)
{
	const struct topo_ns *n = &y->t->ns[b->ns];
	int err = 0;

	for (size_t k = 0; k < n->n_links && !err; k++)
		if (n->links[k].loopback)
			err = box_lo(y, b, (int)k);
	for (size_t k = 0; k < n->n_links && !err; k++)
		if (!n->links[k].loopback)
			err = box_link(y, b, (int)k);
	if (!err)
		err = box_missing(y, b);
	return err ? err : box_routes(y, b);
}

static int bline_width(const struct layout *y, const struct bline *x)
{
	int l = utf8_width(x->left), r = utf8_width(x->right);

	if (y->narrow && *x->right)
		return r;
	return l + r + (l && r ? 2 : 0);
}

/* ---- the order of the boxes ---- */

/* The host bridge a namespace's first wire leads to, for grouping the
 * ports of a bridge on neighbouring rows; a large number when none. */
static int bridge_key(const struct topo *t, size_t ns)
{
	for (size_t k = 0; k < t->ns[ns].n_links; k++) {
		const struct topo_link *l = &t->ns[ns].links[k];

		if (l->peer_ns == 0 && t->ns[0].links[l->peer_link].master >= 0)
			return t->ns[0].links[l->peer_link].master;
	}
	return 1 << 20;
}

static const struct topo *sort_topo;

static int box_cmp(const void *a, const void *b)
{
	const struct box *x = a, *z = b;
	int kx = bridge_key(sort_topo, x->ns), kz = bridge_key(sort_topo, z->ns);

	if (kx != kz)
		return kx < kz ? -1 : 1;
	return x->ns < z->ns ? -1 : x->ns > z->ns;
}

static int boxes_make(struct layout *y)
{
	y->boxes = calloc(y->t->n_ns, sizeof(*y->boxes));
	if (!y->boxes)
		return -ENOMEM;
	for (size_t i = 1; i < y->t->n_ns; i++) {
		struct box *b = &y->boxes[y->n_box++];
		int err;

		b->ns = i;
		err = box_fill(y, b);
		if (err < 0)
			return err;
	}
	sort_topo = y->t;
	qsort(y->boxes, y->n_box, sizeof(*y->boxes), box_cmp);
	return 0;
}

/* ---- rows ---- */

static int rows_alloc(struct layout *y)
{
	y->row_of = calloc(y->t->n_ns, sizeof(*y->row_of));
	if (!y->row_of)
		return -ENOMEM;
	for (size_t i = 0; i < y->t->n_ns; i++) {
		size_t n = y->t->ns[i].n_links;

		y->row_of[i] = malloc((n ? n : 1) * sizeof(int));
		if (!y->row_of[i])
			return -ENOMEM;
		for (size_t k = 0; k < n; k++)
			y->row_of[i][k] = -1;
	}
	return 0;
}

/* Rows of the boxes; each box link's row, and its host end's. */
static int place_boxes(struct layout *y, int row)
{
	for (size_t i = 0; i < y->n_box; i++) {
		struct box *b = &y->boxes[i];

		b->top = row++;
		for (size_t j = 0; j < b->n; j++, row++) {
			const struct topo_link *l;

			if (b->lines[j].link < 0)
				continue;
			y->row_of[b->ns][b->lines[j].link] = row;
			l = link_at(y, b->ns, b->lines[j].link);
			if (l->peer_ns == 0)
				y->row_of[0][l->peer_link] = row;
		}
		row++; /* the bottom border */
	}
	return row;
}

/* A host link that gets a row of its own: not lo, not a bridge (a bar)
 * unless it has no port, not drawn as a wire's end. */
static bool host_row_wanted(const struct layout *y, int k)
{
	const struct topo_ns *h = &y->t->ns[0];
	const struct topo_link *l = &h->links[k];

	if (l->loopback || y->row_of[0][k] >= 0)
		return false;
	if (!streq(l->kind, "bridge"))
		return true;
	for (size_t p = 0; p < h->n_links; p++)
		if (h->links[p].master == k)
			return false;
	return true;
}

static void hrow_add(struct layout *y, int k, int *row)
{
	y->hrows[y->n_hrows++] = k;
	y->row_of[0][k] = (*row)++;
}

/* Host rows, each veth pair of the host on two neighbouring rows. */
static int place_host_rows(struct layout *y, int row)
{
	const struct topo_ns *h = &y->t->ns[0];

	y->hrows = malloc((h->n_links ? h->n_links : 1) * sizeof(int));
	if (!y->hrows)
		return -ENOMEM;
	y->hrow_top = row;
	for (size_t k = 0; k < h->n_links; k++) {
		const struct topo_link *l = &h->links[k];

		if (!host_row_wanted(y, (int)k))
			continue;
		hrow_add(y, (int)k, &row);
		if (l->peer_ns == 0 && host_row_wanted(y, l->peer_link))
			hrow_add(y, l->peer_link, &row);
	}
	return row;
}

/* ---- the lanes: wires that join two ends drawn on the left ---- */

/* Is the pair (ns, k) a lane, and is this its first end? */
static bool lane_first_end(const struct layout *y, size_t ns, int k)
{
	const struct topo_link *l = link_at(y, ns, k);
	bool host_host = ns == 0 && l->peer_ns == 0;
	bool box_box = ns > 0 && l->peer_ns > 0;

	if (!host_host && !box_box)
		return false;
	if (y->row_of[ns][k] < 0 || y->row_of[l->peer_ns][l->peer_link] < 0)
		return false;
	return y->row_of[ns][k] < y->row_of[l->peer_ns][l->peer_link];
}

static int count_lanes(const struct layout *y)
{
	int n = 0;

	for (size_t i = 0; i < y->t->n_ns; i++)
		for (size_t k = 0; k < y->t->ns[i].n_links; k++)
			n += lane_first_end(y, i, (int)k);
	return n;
}

/* ---- columns ---- */

static int box_inner(const struct layout *y)
{
	int w = 0;

	for (size_t i = 0; i < y->n_box; i++) {
		const struct box *b = &y->boxes[i];
		int title = utf8_width(topo_ns_label(&y->t->ns[b->ns])) + 4;

		if (is_focus(y, b->ns, ""))
			title += utf8_width(marker(y));
		w = MAX(w, title);
		for (size_t j = 0; j < b->n; j++)
			w = MAX(w, bline_width(y, &b->lines[j]));
	}
	return w;
}

/* Is row taken by a host end? */
static bool row_has_host_end(const struct layout *y, int row)
{
	for (size_t k = 0; k < y->t->ns[0].n_links; k++)
		if (y->row_of[0][k] == row && !y->t->ns[0].links[k].loopback)
			return true;
	return false;
}

/* In the narrow layout a host end's address goes on the row under its
 * name, when no other end is there. */
static bool addr_below(const struct layout *y, int k)
{
	return y->narrow && drawn_addr(&y->t->ns[0].links[k], 0) &&
	       !row_has_host_end(y, y->row_of[0][k] + 1);
}

/* Host link k's label as its row shows it; its address below, if
 * that is where it goes. */
static void host_label(const struct layout *y, int k, char *buf, size_t size,
		       char *below, size_t below_size)
{
	const struct topo_link *l = &y->t->ns[0].links[k];
	bool down = addr_below(y, k);

	link_label(y, 0, l, !down, buf, size);
	*below = '\0';
	if (down)
		addr_text(drawn_addr(l, 0), below, below_size);
}

static bool is_port(const struct layout *y, int k)
{
	int m = y->t->ns[0].links[k].master;

	return m >= 0 && streq(y->t->ns[0].links[m].kind, "bridge");
}

/* The widest host-end label: of bridge ports (ports) or of any. */
static int host_label_width(const struct layout *y, bool ports)
{
	const struct topo_ns *h = &y->t->ns[0];
	char label[LABEL_MAX];
	int w = 0;

	char below[64];

	for (size_t k = 0; k < h->n_links; k++) {
		if (y->row_of[0][k] < 0 || h->links[k].loopback ||
		    (ports && !is_port(y, (int)k)))
			continue;
		host_label(y, (int)k, label, sizeof(label), below,
			   sizeof(below));
		w = MAX(w, utf8_width(label));
		if (!ports)
			w = MAX(w, 2 + utf8_width(below));
	}
	return w;
}

static void bridge_label(const struct layout *y, int br, char *buf,
			 size_t size)
{
	link_label(y, 0, &y->t->ns[0].links[br], true, buf, size);
}

/* The rows of bridge br's ports: first and last; false: none. */
static bool bridge_span(const struct layout *y, int br, int *r1, int *r2)
{
	const struct topo_ns *h = &y->t->ns[0];

	*r1 = INT_MAX;
	*r2 = -1;
	for (size_t k = 0; k < h->n_links; k++)
		if (h->links[k].master == br && y->row_of[0][k] >= 0) {
			*r1 = MIN(*r1, y->row_of[0][k]);
			*r2 = MAX(*r2, y->row_of[0][k]);
		}
	return *r2 >= 0;
}

/* The column of bridge br's bar: the first one, unless a bridge before
 * it has ports on the same rows. */
static int bar_column(const struct layout *y, int br)
{
	int r1, r2, slot = 0;

	if (!bridge_span(y, br, &r1, &r2))
		return -1;
	for (int b = 0; b < br; b++) {
		int s1, s2;

		if (streq(y->t->ns[0].links[b].kind, "bridge") &&
		    bridge_span(y, b, &s1, &s2) && s1 <= r2 && r1 <= s2)
			slot++;
	}
	return y->bar + 3 * slot;
}

static int bars_right(const struct layout *y)
{
	const struct topo_ns *h = &y->t->ns[0];
	char label[LABEL_MAX];
	int right = 0;

	for (size_t b = 0; b < h->n_links; b++) {
		int col = streq(h->links[b].kind, "bridge")
				  ? bar_column(y, (int)b) : -1;

		if (col < 0)
			continue;
		bridge_label(y, (int)b, label, sizeof(label));
		right = MAX(right, col + 3 + utf8_width(label));
	}
	return right;
}

static void columns(struct layout *y)
{
	const struct topo_link *lo = topo_link_find(&y->t->ns[0], "lo");
	int ports = host_label_width(y, true);

	y->inner = box_inner(y);
	y->edge = y->n_box ? 4 + y->inner + 1 : 1;
	y->n_lanes = count_lanes(y);
	y->h = y->edge + 2 + 2 * y->n_lanes + (y->narrow ? WIRE_MIN / 2 : WIRE_MIN);
	y->bar = y->h + ports + 3;
	y->right = MAX(y->edge, y->h + host_label_width(y, false));
	y->right = MAX(y->right, bars_right(y));
	if (lo)
		y->right = MAX(y->right, 2 + utf8_width("lo 127.0.0.1/8"));
	y->right += 2;
}

/* ---- under the namespaces: routes, forwarding, NAT ---- */

static int foot_add(struct layout *y, const char *text)
{
	char (*f)[LABEL_MAX] = realloc(y->foot, (y->n_foot + 1) * sizeof(*f));

	if (!f)
		return -ENOMEM;
	y->foot = f;
	snprintf(y->foot[y->n_foot++], LABEL_MAX, "%s", text);
	return 0;
}

static int foot_routes(struct layout *y)
{
	const struct topo_ns *h = &y->t->ns[0];
	char buf[LABEL_MAX];
	int err = 0;

	for (int f = 0; f < 2 && !err; f++) {
		const struct topo_route *d = &h->defaults[f];
		const char *dev = d->link >= 0 ? h->links[d->link].name : "?";
		char gw[INET6_ADDRSTRLEN];

		if (!d->present)
			continue;
		if (d->has_gateway) {
			inet_ntop(f ? AF_INET6 : AF_INET, d->gateway, gw,
				  sizeof(gw));
			snprintf(buf, sizeof(buf), _("default via %s dev %s"),
				 gw, dev);
		} else {
			snprintf(buf, sizeof(buf), _("default dev %s"), dev);
		}
		err = foot_add(y, buf);
	}
	return err;
}

static int foot_forwarding(struct layout *y)
{
	const struct topo_ns *h = &y->t->ns[0];
	char buf[LABEL_MAX], policy[64] = "";
	int err = 0;

	if (h->forward_policy >= 0)
		snprintf(policy, sizeof(policy), _("FORWARD policy %s"),
			 h->forward_policy == NF_DROP ? "DROP" : "ACCEPT");
	if (h->ip_forward >= 0 && *policy)
		snprintf(buf, sizeof(buf), "ip_forward %d%s%s", h->ip_forward,
			 y->o->utf8 ? " · " : ", ", policy);
	else if (h->ip_forward >= 0)
		snprintf(buf, sizeof(buf), "ip_forward %d", h->ip_forward);
	else
		snprintf(buf, sizeof(buf), "%s", policy);
	if (*buf)
		err = foot_add(y, buf);
	for (size_t i = 0; i < h->n_nat && !err; i++) {
		snprintf(buf, sizeof(buf), "nat: %s", h->nat[i]);
		err = foot_add(y, buf);
	}
	return err;
}

/* Cuts foot line i at the last space that leaves it width columns,
 * the rest going on a new line after it, indented. */
static int foot_wrap_one(struct layout *y, size_t i, int width)
{
	char *s = y->foot[i], rest[LABEL_MAX];
	char *cut = NULL;

	for (char *p = strchr(s, ' '); p; p = strchr(p + 1, ' ')) {
		*p = '\0';
		if (utf8_width(s) <= width)
			cut = p;
		*p = ' ';
	}
	if (!cut)
		return 0; /* one long word: left as it is */
	snprintf(rest, sizeof(rest), "    %s", cut + 1);
	*cut = '\0';
	if (foot_add(y, rest) < 0)
		return -ENOMEM;
	/* move the new line right after line i */
	memmove(&y->foot[i + 2], &y->foot[i + 1],
		(y->n_foot - i - 2) * sizeof(*y->foot));
	snprintf(y->foot[i + 1], LABEL_MAX, "%s", rest);
	return 0;
}

/* The host box widens for its foot up to the width asked for; longer
 * lines wrap. */
static int foot_fit(struct layout *y, int limit)
{
	int want = 0;

	for (size_t i = 0; i < y->n_foot; i++)
		want = MAX(want, utf8_width(y->foot[i]) + 4);
	y->right = MAX(y->right, MIN(want, limit - 1));
	for (size_t i = 0; i < y->n_foot; i++)
		if (utf8_width(y->foot[i]) > y->right - 3 &&
		    foot_wrap_one(y, i, y->right - 3) < 0)
			return -ENOMEM;
	return 0;
}

/* ---- drawing ---- */

static bool wire_dashed(const struct layout *y, const struct topo_link *l)
{
	return !l->up || (l->peer_ns >= 0 &&
			  !link_at(y, l->peer_ns, l->peer_link)->up);
}

static struct cv_style label_style(const struct layout *y, bool focus)
{
	return (struct cv_style){.reverse = focus && y->o->color};
}

static void draw_box(struct canvas *cv, const struct layout *y,
		     const struct box *b)
{
	struct cv_style s = ns_style(y, b->ns);
	int bottom = b->top + (int)b->n + 1;
	char title[LABEL_MAX];

	canvas_box(cv, b->top, 2, bottom, y->edge, s);
	snprintf(title, sizeof(title), " %s%s ", topo_ns_label(&y->t->ns[b->ns]),
		 is_focus(y, b->ns, "") ? marker(y) : "");
	canvas_text(cv, b->top, 4, title, s);
	for (size_t j = 0; j < b->n; j++) {
		const struct bline *x = &b->lines[j];
		int row = b->top + 1 + (int)j;

		canvas_text(cv, row, 4, x->left,
			    (struct cv_style){.dim = x->small && y->o->color});
		canvas_text(cv, row, y->edge - 1 - utf8_width(x->right),
			    x->right, label_style(y, x->focus));
		if (x->missing) {
			canvas_hline(cv, row, y->edge, y->edge + 4, true,
				     (struct cv_style){0});
			canvas_text(cv, row, y->edge + 6, "?",
				    (struct cv_style){0});
		}
	}
}

/* The wire leaving box link k of namespace ns, at row. */
static void draw_wire(struct canvas *cv, const struct layout *y, size_t ns,
		      int k, int *lane)
{
	const struct topo_link *l = link_at(y, ns, k);
	int row = y->row_of[ns][k];
	bool dashed = wire_dashed(y, l);
	int from = ns > 0 ? y->edge : -1;

	if (l->peer_ns == 0 && ns > 0) {
		canvas_hline(cv, row, from, y->h - 2, dashed, (struct cv_style){0});
	} else if (l->peer_ns < 0 && streq(l->kind, "veth") && ns > 0) {
		canvas_hline(cv, row, from, from + 4, dashed, (struct cv_style){0});
		canvas_text(cv, row, from + 6, "?", (struct cv_style){0});
	} else if (lane_first_end(y, ns, k)) {
		int col = y->edge + 2 + 2 * (*lane)++;
		int other = y->row_of[l->peer_ns][l->peer_link];
		int end = ns > 0 ? y->edge : y->h - 2;

		canvas_hline(cv, row, col, end, dashed, (struct cv_style){0});
		canvas_vline(cv, col, row, other, dashed, (struct cv_style){0});
		canvas_hline(cv, other, col, end, dashed, (struct cv_style){0});
	}
}

static void draw_wires(struct canvas *cv, const struct layout *y)
{
	int lane = 0;

	for (size_t i = 0; i < y->n_box; i++)
		for (size_t j = 0; j < y->boxes[i].n; j++)
			if (y->boxes[i].lines[j].link >= 0)
				draw_wire(cv, y, y->boxes[i].ns,
					  y->boxes[i].lines[j].link, &lane);
	for (size_t i = 0; i < y->n_hrows; i++)
		draw_wire(cv, y, 0, y->hrows[i], &lane);
}

/* Each host end's label, and a port's line to its bridge's bar. */
static void draw_host_ends(struct canvas *cv, const struct layout *y)
{
	const struct topo_ns *h = &y->t->ns[0];
	char label[LABEL_MAX], below[64];

	for (size_t k = 0; k < h->n_links; k++) {
		const struct topo_link *l = &h->links[k];
		int row = y->row_of[0][k], w;

		if (row < 0 || l->loopback)
			continue;
		host_label(y, (int)k, label, sizeof(label), below,
			   sizeof(below));
		w = canvas_text(cv, row, y->h, label,
				label_style(y, is_focus(y, 0, l->name)));
		canvas_text(cv, row + 1, y->h + 2, below, (struct cv_style){0});
		if (is_port(y, (int)k))
			canvas_hline(cv, row, y->h + w + 1,
				     bar_column(y, l->master), !l->up,
				     (struct cv_style){0});
	}
}

static void draw_bar(struct canvas *cv, const struct layout *y, int br)
{
	const struct topo_link *b = &y->t->ns[0].links[br];
	int col = bar_column(y, br), r1, r2, mid;
	char label[LABEL_MAX];

	if (col < 0 || !bridge_span(y, br, &r1, &r2))
		return;
	mid = (r1 + r2) / 2;
	canvas_vline(cv, col, r1, r2, !b->up, (struct cv_style){0});
	canvas_hline(cv, mid, col, col + 1, !b->up, (struct cv_style){0});
	bridge_label(y, br, label, sizeof(label));
	canvas_text(cv, mid, col + 3, label,
		    label_style(y, is_focus(y, 0, b->name)));
}

static void draw_host(struct canvas *cv, const struct layout *y)
{
	const struct topo_link *lo = topo_link_find(&y->t->ns[0], "lo");
	struct cv_style dim = {.dim = y->o->color};
	char title[32];

	canvas_box(cv, 0, 0, y->bottom, y->right, (struct cv_style){0});
	snprintf(title, sizeof(title), " host%s ",
		 is_focus(y, 0, "") ? marker(y) : "");
	canvas_text(cv, 0, 2, title, (struct cv_style){0});
	if (lo) {
		struct box hb = {0};

		if (box_lo(y, &hb, (int)(lo - y->t->ns[0].links)) == 0)
			canvas_text(cv, y->lo_row, 2, hb.lines[0].left, dim);
		free(hb.lines);
	}
	for (size_t i = 0; i < y->n_foot; i++)
		canvas_text(cv, y->foot_top + (int)i, 2, y->foot[i],
			    (struct cv_style){0});
}

/* ---- the whole ---- */

static void layout_free(struct layout *y)
{
	for (size_t i = 0; i < y->n_box; i++)
		free(y->boxes[i].lines);
	free(y->boxes);
	for (size_t i = 0; y->row_of && i < y->t->n_ns; i++)
		free(y->row_of[i]);
	free(y->row_of);
	free(y->hrows);
	free(y->foot);
}

static int layout_make(struct layout *y, int limit)
{
	int row, err;

	if (boxes_make(y) < 0 || rows_alloc(y) < 0)
		return -ENOMEM;
	y->lo_row = 1;
	row = place_boxes(y, topo_link_find(&y->t->ns[0], "lo") ? 2 : 1);
	row = place_host_rows(y, row);
	if (row < 0)
		return row;
	columns(y);
	err = foot_routes(y);
	if (!err)
		err = foot_forwarding(y);
	if (!err)
		err = foot_fit(y, limit);
	y->foot_top = row;
	y->bottom = row + (int)y->n_foot;
	return err;
}

static void say_focus(const struct layout *y, FILE *out)
{
	for (size_t i = 0; i < y->o->n_focus; i++) {
		const struct topo_focus *f = &y->o->focus[i];
		char line[LABEL_MAX + sizeof(f->why)];

		if (!f->set || !*f->why)
			continue;
		snprintf(line, sizeof(line), _("this step: %s"), f->why);
		fprintf(out, "%s %s\n", y->o->utf8 ? "▶" : ">", line);
	}
}

void topo_draw(const struct topo *t, const struct topo_draw_opts *o,
	       FILE *out)
{
	int limit = o->width > 0 ? o->width : 80;
	struct layout y = {.t = t, .o = o};
	struct canvas cv;

	if (!t->n_ns)
		return;
	if (layout_make(&y, limit) == 0 && y.right >= limit) {
		layout_free(&y);
		y = (struct layout){.t = t, .o = o, .narrow = true};
		layout_make(&y, limit);
	}
	if (y.right > 0 && canvas_init(&cv, y.bottom + 1, y.right + 1) == 0) {
		draw_host(&cv, &y);
		for (size_t i = 0; i < y.n_box; i++)
			draw_box(&cv, &y, &y.boxes[i]);
		draw_wires(&cv, &y);
		draw_host_ends(&cv, &y);
		for (size_t k = 0; k < t->ns[0].n_links; k++)
			if (streq(t->ns[0].links[k].kind, "bridge"))
				draw_bar(&cv, &y, (int)k);
		canvas_print(&cv, o->utf8, o->color, out);
		canvas_free(&cv);
	}
	say_focus(&y, out);
	layout_free(&y);
}
