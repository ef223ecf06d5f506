/* cmd-ip-link.c: "ip link": veth pairs and bridges, up/down, master,
 * netns, name, address, mtu; show.  Parsed the way iproute2 6.1's
 * iplink_parse() reads its words, with its error messages. */
#include "system.h"

#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>

#include "cmd-ip.h"
#include "inet.h"
#include "journal.h"
#include "netns.h"
#include "nl-link.h"
#include "out.h"
#include "show-link.h"
#include "world.h"

/* What the words of "ip link add|set|delete" said. */
struct link_args {
	struct link_spec spec;
	const char *dev;	/* the link named (positional or "dev") */
	const char *name;	/* "name NEW" */
	const char *type;	/* the word after "type" */
	const char *netns;	/* the word after "netns" */
	const char *master;	/* the word after "master" */
	int used;		/* words read, up to and with "type X" */
	bool create;
};

static void link_args_free(struct link_args *a)
{
	if (a->spec.ns_fd >= 0)
		close(a->spec.ns_fd);
	a->spec.ns_fd = -1;
}

static int invarg(const char *msg, const char *arg, const char *hint)
{
	out_error("Error: argument \"%s\" is wrong: %s", arg, msg);
	out_hint("%s", hint);
	return -1;
}

static int duparg(const char *key, const char *arg)
{
	cmd_ip_duparg(key, arg);
	/* TRANSLATORS: %s is a keyword such as mtu or netns. */
	out_hint(_("Give \"%s\" only once."), key);
	return -1;
}

static int duparg2(const char *key, const char *arg)
{
	cmd_ip_garbage(key, arg);
	out_hint(_("nstutor did not understand \"%s\" here; see \"ip link "
		   "help\" for the words each command takes."), arg);
	return -1;
}

/* iproute2's check_ifname(): 1..15 bytes, no '/' or space. */
static bool ifname_ok(const char *s, size_t max)
{
	if (!*s || strlen(s) >= max)
		return false;
	for (; *s; s++)
		if (*s == '/' || isspace((unsigned char)*s))
			return false;
	return true;
}

/* The journal's name for the namespace of process pid: NULL when it is
 * the world's host, JOURNAL_ELSEWHERE otherwise. */
static const char *pid_ns_name(long pid)
{
	char path[64];
	struct stat a, b;

	snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
	if (stat(path, &a) == 0 && fstat(world_host_fd(), &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return NULL;
	return JOURNAL_ELSEWHERE;
}

static int parse_netns(struct link_args *a, const char *arg)
{
	long pid;
	char *end;
	int fd;

	if (a->netns)
		return duparg("netns", arg);
	a->netns = arg;
	fd = netns_open(arg);
	if (fd >= 0) {
		a->spec.ns_fd = fd;
		a->spec.ns_name = arg;
		return 0;
	}
	errno = 0;
	pid = strtol(arg, &end, 0);
	if (*arg && !*end && !errno && pid > 0 && pid <= INT_MAX) {
		a->spec.ns_pid = pid;
		a->spec.ns_name = pid_ns_name(pid);
		return 0;
	}
	out_error("Error: argument \"%s\" is wrong: %s\n", arg,
		  "Invalid \"netns\" value");
	out_hint(_("There is no namespace %s; \"ip netns list\" shows the "
		   "ones there are."), arg);
	return -1;
}

static int parse_int(const char *arg, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 0);
	if (!*arg || *end || errno || v < INT32_MIN || v > INT32_MAX)
		return -1;
	*out = v;
	return 0;
}

static int parse_mtu(struct link_args *a, const char *arg)
{
	if (a->spec.mtu != -1)
		return duparg("mtu", arg);
	if (parse_int(arg, &a->spec.mtu) < 0 || a->spec.mtu < 0)
		return invarg("Invalid \"mtu\" value\n", arg,
			      _("The MTU is a number of bytes, like 1500."));
	return 0;
}

static int parse_master(const char *ns, struct link_args *a, const char *arg)
{
	a->spec.master = link_index(ns, arg);
	if (a->spec.master <= 0)
		return invarg("Device does not exist\n", arg,
			      _("Name a bridge that exists here; ip link add "
				"NAME type bridge makes one."));
	a->master = arg;
	return 0;
}

static int parse_name(struct link_args *a, const char *arg)
{
	if (a->name)
		return duparg("name", arg);
	if (!ifname_ok(arg, IFNAMSIZ))
		return invarg("\"name\" not a valid ifname", arg,
			      _("A link name is 1 to 15 bytes, without '/' or "
				"spaces."));
	a->name = arg;
	if (!a->dev)
		a->dev = arg;
	return 0;
}

static int parse_dev(struct link_args *a, int *i, int argc, char **argv)
{
	if (streq(argv[*i], "dev") && ++*i >= argc)
		return cmd_ip_incomplete();
	if (a->dev != a->name)
		return duparg2("dev", argv[*i]);
	if (!ifname_ok(argv[*i], 128))
		return invarg("\"dev\" not a valid ifname", argv[*i],
			      _("A link name is 1 to 15 bytes, without '/' or "
				"spaces."));
	a->dev = argv[*i];
	return 0;
}

enum link_kw {
	KW_UP, KW_DOWN, KW_NAME, KW_ADDRESS, KW_TXQLEN, KW_MTU, KW_NETNS,
	KW_MASTER, KW_NOMASTER, KW_TYPE, KW_OTHER,
};

/* iplink_parse()'s keywords in its order: a prefix picks the first. */
static const struct {
	const char *word;
	bool prefix;	/* any prefix, or only the whole word */
	bool value;	/* takes the next word */
	enum link_kw kw;
} link_kws[] = {
	{"up", false, false, KW_UP},	 {"down", false, false, KW_DOWN},
	{"name", false, true, KW_NAME},	 {"index", false, true, KW_OTHER},
	{"link", true, true, KW_OTHER},	 {"address", true, true, KW_ADDRESS},
	{"broadcast", true, true, KW_OTHER}, {"brd", false, true, KW_OTHER},
	{"txqueuelen", true, true, KW_TXQLEN}, {"qlen", false, true, KW_TXQLEN},
	{"txqlen", true, true, KW_TXQLEN}, {"mtu", false, true, KW_MTU},
	{"netns", false, true, KW_NETNS}, {"multicast", false, true, KW_OTHER},
	{"allmulticast", false, true, KW_OTHER},
	{"promisc", false, true, KW_OTHER}, {"arp", false, true, KW_OTHER},
	{"master", true, true, KW_MASTER}, {"vrf", false, true, KW_OTHER},
	{"nomaster", true, false, KW_NOMASTER},
	{"dynamic", true, true, KW_OTHER}, {"type", true, true, KW_TYPE},
	{"alias", true, true, KW_OTHER}, {"group", false, true, KW_OTHER},
};

static int link_kw_find(const char *w)
{
	for (size_t i = 0; i < ARRAY_SIZE(link_kws); i++)
		if (link_kws[i].prefix ? cmd_matches(w, link_kws[i].word) :
					 streq(w, link_kws[i].word))
			return i;
	return -1;
}

static int parse_txqlen(struct link_args *a, const char *v)
{
	if (a->spec.txqlen != -1)
		return duparg("txqueuelen", v);
	if (parse_int(v, &a->spec.txqlen) < 0 || a->spec.txqlen < 0)
		return invarg("Invalid \"txqueuelen\" value\n", v,
			      _("The queue length is a number."));
	return 0;
}

static int parse_kw(const char *ns, struct link_args *a, int k,
		    const char *v)
{
	switch (link_kws[k].kw) {
	case KW_UP:
	case KW_DOWN:
		a->spec.up = link_kws[k].kw == KW_UP;
		return 0;
	case KW_NAME:
		return parse_name(a, v);
	case KW_ADDRESS:
		a->spec.addr_len = cmd_ip_lladdr(v, a->spec.addr,
						sizeof(a->spec.addr));
		return a->spec.addr_len < 0 ? -1 : 0;
	case KW_TXQLEN:
		return parse_txqlen(a, v);
	case KW_MTU:
		return parse_mtu(a, v);
	case KW_NETNS:
		return parse_netns(a, v);
	case KW_MASTER:
		return parse_master(ns, a, v);
	case KW_NOMASTER:
		a->spec.master = 0;
		return 0;
	case KW_TYPE:
		a->type = v;
		return 1;
	default:
		out_error(_("nstutor does not speak \"%s\" of ip link yet."),
			  link_kws[k].word);
		out_hint(_("It knows up, down, name, address, mtu, netns, "
			   "master, nomaster and type."));
		return -1;
	}
}

/* One word (and its value) of iplink_parse(); 1 at "type X". */
static int parse_word(const char *ns, struct link_args *a, int *i, int argc,
		      char **argv)
{
	int k = link_kw_find(argv[*i]);

	if (k < 0 && cmd_matches(argv[*i], "help")) {
		out_error("Usage: ip link add|set|delete ...");
		out_hint(_("Type \"ip link help\" for the syntax."));
		return -1;
	}
	if (k < 0)
		return parse_dev(a, i, argc, argv);
	if (link_kws[k].value && ++*i >= argc)
		return cmd_ip_incomplete();
	return parse_kw(ns, a, k, argv[*i]);
}

/* iplink_parse(): reads words up to and with "type X". */
static int link_args_parse(const char *ns, struct link_args *a, bool create,
			   int argc, char **argv)
{
	int i, r = 0;

	*a = (struct link_args){.create = create};
	link_spec_init(&a->spec);
	for (i = 0; i < argc; i++) {
		r = parse_word(ns, a, &i, argc, argv);
		if (r < 0)
			return -1;
		if (r == 1) {
			i++;
			break;
		}
	}
	a->used = i;
	if (!a->name)
		a->name = a->dev;
	else if (!a->dev)
		a->dev = a->name;
	else if (streq(a->name, a->dev))
		a->name = a->dev;
	if (create && a->name != a->dev) {
		out_error("both \"name\" and \"dev\" cannot be used when "
			  "creating devices.");
		out_hint(_("Give the new link's name once."));
		return -1;
	}
	return 0;
}

/* The hint after a failed netlink request, by its errno. */
static void netlink_hint(int err, const char *dev)
{
	switch (-err) {
	case EEXIST:
		out_hint(_("A link with that name is already there; pick "
			   "another name or delete it first."));
		break;
	case EOPNOTSUPP:
		out_hint(_("The kernel refused this for %s; a port's master "
			   "must be a bridge."), dev);
		break;
	case EADDRNOTAVAIL:
		out_hint(_("That MAC address cannot be used: the first byte "
			   "must be even (not multicast) and not all zero."));
		break;
	case EINVAL:
		out_hint(_("The kernel rejected a value; check the numbers and "
			   "names you gave."));
		break;
	default:
		out_hint(_("The kernel refused the change to %s."), dev);
	}
}

static bool master_ok(const char *ns, const struct link_args *a)
{
	static const char *const kinds[] = {"bridge", "bond", "team", "vrf"};
	struct link m;

	if (a->spec.master <= 0 ||
	    link_get_by_index(ns, a->spec.master, &m) < 0)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (streq(m.kind, kinds[i]))
			return true;
	out_error("RTNETLINK answers: %s", out_strerror(EOPNOTSUPP));
	out_hint(_("%s is not a bridge; only a bridge can be a master. "
		   "Make one with \"ip link add br0 type bridge\"."),
		 a->master);
	return false;
}

/* ---- ip link add ---- */

static int veth_peer_parse(const char *ns, struct link_args *peer,
			   int argc, char **argv)
{
	if (argc == 0) {
		*peer = (struct link_args){0};
		link_spec_init(&peer->spec);
		return 0;
	}
	if (!streq(argv[0], "peer")) {
		out_error("Usage: ip link <options> type veth [peer <options>]\n"
			  "To get <options> type 'ip link add help'");
		out_hint(_("After \"type veth\" comes \"peer name NAME\"."));
		return -1;
	}
	if (link_args_parse(ns, peer, true, argc - 1, argv + 1) < 0)
		return -1;
	if (peer->type)
		return duparg("type", argv[peer->used]);
	peer->spec.name = peer->name;
	return 0;
}

static bool create_names_ok(const struct link_args *a)
{
	if (a->name && strlen(a->name) >= IFNAMSIZ) {
		out_error("Error: Attribute failed policy validation.");
		out_hint(_("A link name is at most 15 bytes long."));
		return false;
	}
	return true;
}

static int type_args_ok(const char *type, int argc, char **argv)
{
	if (argc == 0)
		return 0;
	if (streq(type, "bridge"))
		out_error("bridge: unknown command \"%s\"?", argv[0]);
	else
		out_error("Garbage instead of arguments \"%s ...\". Try \"ip "
			  "link help\".", argv[0]);
	out_hint(_("nstutor makes a %s with its default settings; leave "
		   "out the words after the type."), type);
	return -1;
}

static void note_created(const struct link_args *a, const struct link_args *p)
{
	if (!p)
		out_note(_("%s is a new %s; it starts DOWN."), a->name, a->type);
	else if (p->name && p->netns)
		out_note(_("%s and %s are the two ends of one virtual cable; "
			   "%s is in namespace %s. Both start DOWN."),
			 a->name, p->name, p->name, p->netns);
	else if (p->name)
		out_note(_("%s and %s are the two ends of one virtual cable. "
			   "Both start DOWN."), a->name, p->name);
}

/* The name the kernel gives a link made without one, the first free
 * KIND<N> of its namespace (taken: a name about to be used there), is
 * chosen here, so that the journal knows it before the link is made. */
static void kernel_name(const char *ns, const char *kind, const char *taken,
			char buf[IFNAMSIZ])
{
	struct link_list all;
	bool used = true;

	if (link_list(ns, &all) < 0)
		return;
	for (int n = 0; used && n < 100000; n++) {
		snprintf(buf, IFNAMSIZ, "%s%d", kind, n);
		used = taken && streq(buf, taken);
		for (size_t i = 0; i < all.n && !used; i++)
			used = streq(all.links[i].name, buf);
	}
	link_list_free(&all);
}

/* The kernel names the peer first, then the link. */
static void name_unnamed(struct cmd_ctx *ctx, struct link_args *a,
			 struct link_args *peer, char names[2][IFNAMSIZ])
{
	const char *ns = a->netns ? a->netns : ctx->netns;
	const char *peer_ns = peer && peer->netns ? peer->netns : ctx->netns;
	bool same = peer && (ns == peer_ns ||
			     (ns && peer_ns && streq(ns, peer_ns)));

	if (peer && !peer->name && peer->spec.ns_pid <= 0) {
		kernel_name(peer_ns, "veth", NULL, names[1]);
		if (*names[1])
			peer->name = peer->spec.name = names[1];
	}
	if (!a->name && a->spec.ns_pid <= 0) {
		kernel_name(ns, a->type, same ? peer->name : NULL, names[0]);
		if (*names[0])
			a->name = a->spec.name = names[0];
	}
}

static int link_add_do(struct cmd_ctx *ctx, struct link_args *a,
		       struct link_args *peer, int argc, char **argv)
{
	bool veth = streq(a->type, "veth");
	char names[2][IFNAMSIZ] = {"", ""};
	int err;

	if (veth && veth_peer_parse(ctx->netns, peer, argc, argv) < 0)
		return CMD_ERROR;
	if (!veth && type_args_ok(a->type, argc, argv) < 0)
		return CMD_ERROR;
	if (!create_names_ok(a) || (veth && !create_names_ok(peer)) ||
	    !master_ok(ctx->netns, a))
		return CMD_ERROR;
	name_unnamed(ctx, a, veth ? peer : NULL, names);
	err = link_create(ctx->netns, &a->spec, veth ? &peer->spec : NULL);
	if (err < 0) {
		cmd_netlink_error(err);
		netlink_hint(err, a->name ? a->name : a->type);
		return CMD_ERROR;
	}
	note_created(a, veth ? peer : NULL);
	return CMD_OK;
}

static int link_add_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct link_args a, peer = {.spec.ns_fd = -1};
	int ret = CMD_ERROR;

	if (link_args_parse(ctx->netns, &a, true, argc, argv) < 0)
		goto out;
	if (!a.type) {
		out_error("Not enough information: \"type\" argument is "
			  "required");
		out_hint(_("Say what to make: ip link add NAME type veth peer "
			   "name PEER, or ip link add NAME type bridge."));
		goto out;
	}
	a.spec.name = a.name;
	a.spec.type = a.type;
	peer.spec.name = NULL;
	ret = link_add_do(ctx, &a, &peer, argc - a.used, argv + a.used);
out:
	link_args_free(&a);
	link_args_free(&peer);
	return ret;
}

/* ---- ip link set ---- */

static int find_dev(struct cmd_ctx *ctx, const char *dev, struct link *l)
{
	if (!dev) {
		out_error("Not enough information: \"dev\" argument is "
			  "required.");
		out_hint(_("Name the link: ip link set DEV up."));
		return -1;
	}
	if (link_get(ctx->netns, dev, l) < 0) {
		cmd_ip_no_device(ctx, dev);
		return -1;
	}
	return 0;
}

static bool spec_moves(const struct link_spec *s)
{
	return s->ns_fd >= 0 || s->ns_pid > 0;
}

/* Checks what the kernel would refuse halfway, so that nothing changes
 * when one part of the command is wrong. */
static bool set_ok(struct cmd_ctx *ctx, const struct link_args *a,
		   const struct link *l)
{
	int mtu = a->spec.mtu;

	if (a->spec.addr_len > 0 && l->addr_len &&
	    (unsigned int)a->spec.addr_len != l->addr_len) {
		out_error("Invalid address length %d - must be %u bytes",
			  a->spec.addr_len, l->addr_len);
		out_hint(_("A MAC address is six hex bytes with colons, like "
			   "02:00:00:00:00:01."));
		return false;
	}
	if (mtu >= 0 && (l->has & LINK_HAS_MIN_MTU) && mtu < (int)l->min_mtu) {
		out_error("Error: mtu less than device minimum.");
		out_hint(_("%s takes an MTU from %u to %u."), l->name,
			 l->min_mtu, l->max_mtu);
		return false;
	}
	if (mtu >= 0 && (l->has & LINK_HAS_MAX_MTU) && l->max_mtu &&
	    (unsigned int)mtu > l->max_mtu) {
		out_error("Error: mtu greater than device maximum.");
		out_hint(_("%s takes an MTU from %u to %u."), l->name,
			 l->min_mtu, l->max_mtu);
		return false;
	}
	if (spec_moves(&a->spec) && a->spec.master > 0) {
		/* the kernel moves the link first and then looks for the
		 * bridge in the new namespace: it fails with the link moved */
		out_error("RTNETLINK answers: %s", out_strerror(EINVAL));
		out_hint(_("Move the link first, then make it a port of a bridge "
			   "in that namespace: ip -n NS link set DEV master BR."));
		return false;
	}
	if (a->spec.name && !spec_moves(&a->spec) &&
	    link_index(ctx->netns, a->spec.name) > 0) {
		out_error("RTNETLINK answers: %s", out_strerror(EEXIST));
		out_hint(_("There is already a link called %s here."),
			 a->spec.name);
		return false;
	}
	return master_ok(ctx->netns, a);
}

/* Puts back what a failed request may have changed before it failed. */
static void set_undo(struct cmd_ctx *ctx, const struct link_args *a,
		     const struct link *old)
{
	struct link now;
	struct link_spec back;

	if (link_get_by_index(ctx->netns, old->ifindex, &now) < 0)
		return; /* moved away, or gone: nothing to put back here */
	link_spec_init(&back);
	if (now.mtu != old->mtu)
		back.mtu = old->mtu;
	if ((now.flags & IFF_UP) != (old->flags & IFF_UP))
		back.up = !!(old->flags & IFF_UP);
	if (now.master != old->master)
		back.master = old->master;
	if (now.addr_len == old->addr_len &&
	    memcmp(now.addr, old->addr, old->addr_len)) {
		memcpy(back.addr, old->addr, old->addr_len);
		back.addr_len = old->addr_len;
	}
	if (!streq(now.name, old->name))
		back.name = old->name;
	link_change(ctx->netns, old->ifindex, &back);
}

/* The kernel moves a link before it applies the other changes, so a
 * change it then refuses would leave the link moved: the address, MTU
 * and queue length are changed here first, and the move (with a new
 * name and "up", which it applies atomically) comes last. */
static int set_apply_move(struct cmd_ctx *ctx, struct link_spec *s,
			  int ifindex)
{
	struct link_spec here;
	int err;

	link_spec_init(&here);
	here.mtu = s->mtu;
	here.txqlen = s->txqlen;
	here.addr_len = s->addr_len;
	memcpy(here.addr, s->addr, sizeof(here.addr));
	if (here.mtu >= 0 || here.txqlen >= 0 || here.addr_len > 0) {
		err = link_change(ctx->netns, ifindex, &here);
		if (err < 0)
			return err;
		s->mtu = s->txqlen = -1;
		s->addr_len = 0;
	}
	return link_change(ctx->netns, ifindex, s);
}

/* The kernel sets a link up before it sets its master, and "up" cannot
 * be undone fully (the link keeps its new qdisc): so "up" goes last, in
 * a request of its own, when the other changes stay in this namespace. */
static int set_apply(struct cmd_ctx *ctx, struct link_spec *s, int ifindex)
{
	struct link_spec up;
	int err;

	if (spec_moves(s))
		return set_apply_move(ctx, s, ifindex);
	if (s->up != 1 ||
	    (!s->name && s->master < 0 && s->mtu < 0 && s->txqlen < 0 &&
	     s->addr_len <= 0))
		return link_change(ctx->netns, ifindex, s);
	link_spec_init(&up);
	up.up = 1;
	s->up = -1;
	err = link_change(ctx->netns, ifindex, s);
	s->up = 1;
	return err < 0 ? err : link_change(ctx->netns, ifindex, &up);
}

static void note_set(struct cmd_ctx *ctx, const struct link_args *a,
		     const struct link *l)
{
	if (a->netns && a->spec.ns_fd >= 0)
		out_note(_("%s now lives in namespace %s; see it with \"ip -n "
			   "%s link\"."), a->name ? a->name : l->name, a->netns,
			 a->netns);
	else if (a->spec.up == 1 && !(l->flags & IFF_UP) &&
		 streq(l->kind, "veth"))
		out_note(_("%s is up; it shows LOWER_UP once its peer is up "
			   "too."), l->name);
}

static int link_set_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct link_args a;
	struct link l;
	int err, ret = CMD_ERROR;

	if (link_args_parse(ctx->netns, &a, false, argc, argv) < 0)
		goto out;
	if (a.type && a.used < argc) {
		duparg2("dev", argv[a.used]);
		goto out;
	}
	if (find_dev(ctx, a.dev, &l) < 0)
		goto out;
	if (a.name == a.dev)
		a.name = NULL;
	a.spec.name = a.name;
	if (!set_ok(ctx, &a, &l))
		goto out;
	err = set_apply(ctx, &a.spec, l.ifindex);
	if (err < 0) {
		cmd_netlink_error(err);
		netlink_hint(err, l.name);
		set_undo(ctx, &a, &l);
		goto out;
	}
	note_set(ctx, &a, &l);
	ret = CMD_OK;
out:
	link_args_free(&a);
	return ret;
}

/* ---- ip link delete ---- */

static int link_delete_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct link_args a;
	struct link l;
	int err, ret = CMD_ERROR;

	if (link_args_parse(ctx->netns, &a, false, argc, argv) < 0)
		goto out;
	if (find_dev(ctx, a.dev, &l) < 0)
		goto out;
	err = link_delete(ctx->netns, l.ifindex);
	if (err < 0) {
		cmd_netlink_error(err);
		netlink_hint(err, l.name);
		goto out;
	}
	if (streq(l.kind, "veth"))
		out_note(_("Deleting one end of a veth pair deletes the other "
			   "end too."));
	ret = CMD_OK;
out:
	link_args_free(&a);
	return ret;
}

/* ---- ip link show ---- */

static int link_show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return show_links_cmd(ctx, true, argc, argv);
}

static int link_not_spoken(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor does not speak this ip link command yet."));
	out_hint(_("It knows add, set, delete and show."));
	return CMD_ERROR;
}

static const char *const add_words[] = {
	"type", "veth", "bridge", "peer", "name", "netns", "master", "address",
	"mtu", "up", NULL,
};
static const char *const set_words[] = {
	"dev", "up", "down", "master", "nomaster", "netns", "name", "address",
	"mtu", NULL,
};
static const char *const show_words[] = {
	"dev", "up", "type", "master", NULL,
};

#define LINK_NOT_SPOKEN(n) \
	{.name = n, .min_args = 0, .max_args = -1, .exec = link_not_spoken}

/* iproute2's order of verbs, for abbreviations ("ip l s" is set). */
static const struct cmd_entry entries[] = {
	{.name = "add",
	 .usage = N_("ip link add [name] NAME [netns NS] type { veth peer "
		     "[name] PEER [netns NS] | bridge }"),
	 .summary = N_("make a veth pair or a bridge"),
	 .min_args = 0, .max_args = -1, .exec = link_add_exec,
	 .words = add_words},
	{.name = "set", .alias = "change",
	 .usage = N_("ip link set [dev] DEV [up|down] [master BR|nomaster] "
		     "[netns NS] [name NEW] [address MAC] [mtu N]"),
	 .summary = N_("change a link: up, down, its bridge, namespace, name"),
	 .min_args = 0, .max_args = -1, .exec = link_set_exec,
	 .words = set_words},
	LINK_NOT_SPOKEN("replace"),
	{.name = "delete",
	 .usage = N_("ip link delete [dev] DEV"),
	 .summary = N_("delete a link (a veth takes its peer with it)"),
	 .min_args = 0, .max_args = -1, .exec = link_delete_exec,
	 .words = set_words},
	{.name = "show", .alias = "list",
	 .usage = N_("ip [-br] [-d] link show [[dev] DEV] [up] [type TYPE] "
		     "[master BR]"),
	 .summary = N_("list the links and their state"),
	 .min_args = 0, .max_args = -1, .exec = link_show_exec,
	 .words = show_words},
	{.name = "lst", .min_args = 0, .max_args = -1,
	 .exec = link_show_exec, .words = show_words},
	LINK_NOT_SPOKEN("xstats"),
	LINK_NOT_SPOKEN("afstats"),
	LINK_NOT_SPOKEN("property"),
	{NULL},
};

const struct cmd_table cmd_ip_link_table = {
	.path = "ip link",
	.unknown = N_("Command \"%s\" is unknown, try \"ip link help\"."),
	.default_name = "show",
	.entries = entries,
};
