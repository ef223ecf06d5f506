/* netlink.c: one rtnetlink socket per namespace, and the kernel's errors. */
#include "system.h"

#include <linux/netlink.h>
#include <poll.h>
#include <netlink/msg.h>
#include <netlink/route/rtnl.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "netlink-private.h"
#include "netns.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct ns_sock {
	char *name; /* NULL: host */
	struct netns_id id;
	struct nl_sock *sk;
};

static struct {
	struct ns_sock *socks;
	size_t n;
	int last_errno;
	char last_msg[256];
} nl;

/* Records the kernel's errno and extended-ack text of an error reply. */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *h = (void *)((char *)e - NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + sizeof(*e);
	struct nlattr *a;
	int rem;

	nl.last_errno = -e->error;
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (off >= h->nlmsg_len)
		return NL_STOP;
	a = (struct nlattr *)((char *)h + off);
	rem = h->nlmsg_len - off;
	for (; nla_ok(a, rem); a = nla_next(a, &rem))
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0)
			snprintf(nl.last_msg, sizeof(nl.last_msg), "%.*s",
				 nla_len(a), (char *)nla_data(a));
	return NL_STOP;
}

static struct nl_sock *open_sock(const char *ns, int *err)
{
	struct nl_sock *sk = nl_socket_alloc();
	int saved, one = 1;

	if (!sk) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = netns_enter(ns, &saved);
	if (*err < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	*err = nl_connect(sk, NETLINK_ROUTE);
	netns_leave(saved);
	if (*err < 0) {
		*err = netlink_errno(*err);
		nl_socket_free(sk);
		return NULL;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
	nl_socket_set_buffer_size(sk, 1 << 20, 1 << 20);
	return sk;
}

static void drop(size_t i)
{
	nl_socket_free(nl.socks[i].sk);
	free(nl.socks[i].name);
	nl.socks[i] = nl.socks[--nl.n];
}

static struct nl_sock *keep(const char *ns, const struct netns_id *id,
			    int *err)
{
	struct ns_sock *v = realloc(nl.socks, (nl.n + 1) * sizeof(*v));
	struct nl_sock *sk;

	if (!v) {
		*err = -ENOMEM;
		return NULL;
	}
	nl.socks = v;
	sk = open_sock(ns, err);
	if (!sk)
		return NULL;
	v[nl.n] = (struct ns_sock){.id = *id, .sk = sk};
	if (ns && !(v[nl.n].name = strdup(ns))) {
		nl_socket_free(sk);
		*err = -ENOMEM;
		return NULL;
	}
	return v[nl.n++].sk;
}

/* Drops whatever an earlier, interrupted request left unread, so that
 * the replies read next are the ones to the next request (and libnl's
 * sequence numbers stay in step). */
static struct nl_sock *drained(struct nl_sock *sk)
{
	struct pollfd p = {.fd = nl_socket_get_fd(sk), .events = POLLIN};

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		nl_recvmsgs_default(sk);
	nl.last_errno = 0;
	nl.last_msg[0] = '\0';
	return sk;
}

void netlink_forget_deleted(void)
{
	for (size_t i = nl.n; i-- > 0;)
		if (nl.socks[i].name &&
		    netns_id_stale(nl.socks[i].name, &nl.socks[i].id))
			drop(i);
}

struct nl_sock *netlink_sock(const char *ns, int *err)
{
	struct netns_id id;

	nl.last_errno = 0;
	nl.last_msg[0] = '\0';
	*err = netns_id_get(ns, &id);
	if (*err < 0)
		return NULL;
	for (size_t i = 0; i < nl.n; i++) {
		if (!netns_name_same(nl.socks[i].name, ns))
			continue;
		if (netns_id_same(&nl.socks[i].id, &id))
			return drained(nl.socks[i].sk);
		drop(i); /* the name now stands for another namespace */
		break;
	}
	return keep(ns, &id, err);
}

int netlink_errno(int nle)
{
	static const struct {
		int nle, err;
	} map[] = {
		{NLE_NOMEM, ENOMEM},	   {NLE_EXIST, EEXIST},
		{NLE_NODEV, ENODEV},	   {NLE_OBJ_NOTFOUND, ENOENT},
		{NLE_PERM, EPERM},	   {NLE_INVAL, EINVAL},
		{NLE_BUSY, EBUSY},	   {NLE_RANGE, ERANGE},
		{NLE_NOADDR, EADDRNOTAVAIL}, {NLE_AGAIN, EAGAIN},
		{NLE_OPNOTSUPP, EOPNOTSUPP}, {NLE_AF_NOSUPPORT, EAFNOSUPPORT},
		{NLE_NOACCESS, EACCES},	   {NLE_MSGSIZE, EMSGSIZE},
		{NLE_MSG_TOOSHORT, EINVAL},
	};

	if (nle >= 0)
		return nle;
	if (nl.last_errno)
		return -nl.last_errno;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].nle == -nle)
			return -map[i].err;
	return -EIO;
}

const char *netlink_ext_msg(void)
{
	return nl.last_msg[0] ? nl.last_msg : NULL;
}

void netlink_forget(const char *ns)
{
	for (size_t i = 0; i < nl.n; i++)
		if (netns_name_same(nl.socks[i].name, ns)) {
			drop(i);
			return;
		}
}

void netlink_close_all(void)
{
	while (nl.n)
		drop(nl.n - 1);
	free(nl.socks);
	nl.socks = NULL;
}

struct talk {
	netlink_reply_fn fn;
	void *arg;
	int err;
	bool answered;
};

static int on_reply(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	t->answered = true;
	t->err = t->fn(nlmsg_hdr(msg), t->arg);
	return t->err < 0 ? NL_STOP : NL_OK;
}

int netlink_talk(const char *ns, struct nl_msg *msg, netlink_reply_fn fn,
		 void *arg)
{
	struct talk t = {.fn = fn, .arg = arg};
	struct nl_cb *base, *cb;
	struct nl_sock *sk;
	int err;

	sk = netlink_sock(ns, &err);
	if (!sk)
		return err;
	err = nl_send_auto(sk, msg);
	if (err < 0)
		return netlink_errno(err);
	base = nl_socket_get_cb(sk);
	cb = nl_cb_clone(base);
	nl_cb_put(base);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, &t);
	err = nl_recvmsgs(sk, cb);
	nl_cb_put(cb);
	/* a dump ends with DONE; an answered request still owes its ACK */
	if (err >= 0 && t.answered && !(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP))
		err = nl_wait_for_ack(sk);
	if (t.err < 0)
		return t.err;
	return err < 0 ? netlink_errno(err) : 0;
}

int netlink_dump(const char *ns, int type, const void *hdr, size_t len,
		 netlink_reply_fn fn, void *arg)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_DUMP);
	int err = -ENOMEM;

	if (msg && nlmsg_append(msg, (void *)hdr, len, NLMSG_ALIGNTO) == 0)
		err = netlink_talk(ns, msg, fn, arg);
	nlmsg_free(msg);
	return err;
}

void *netlink_vec_slot(void **items, size_t n, size_t elem)
{
	char *v = *items;

	/* capacity is 16, then doubles: grow at 0, 16, 32, 64 ... */
	if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
		v = realloc(*items, (n < 16 ? 16 : 2 * n) * elem);
		if (!v)
			return NULL;
		*items = v;
	}
	memset(v + n * elem, 0, elem);
	return v + n * elem;
}

int netlink_collect(struct nlmsghdr *h, void *array)
{
	struct netlink_array *a = array;
	void *item = netlink_vec_slot(a->items, *a->n, a->elem);

	if (!item)
		return -ENOMEM;
	if (a->parse(h, item) == 0)
		(*a->n)++;
	return 0;
}

int netlink_dump_array(const char *ns, int type, const void *hdr,
		       size_t len, struct netlink_array *array)
{
	int err;

	*array->items = NULL;
	*array->n = 0;
	err = netlink_dump(ns, type, hdr, len, netlink_collect, array);
	if (err < 0) {
		free(*array->items);
		*array->items = NULL;
		*array->n = 0;
	}
	return err;
}

int netlink_change(const char *ns, struct nl_msg *msg)
{
	struct nl_sock *sk;
	int err;

	if (!msg)
		return -ENOMEM;
	sk = netlink_sock(ns, &err);
	if (!sk) {
		nlmsg_free(msg);
		return err;
	}
	err = nl_send_sync(sk, msg); /* frees msg */
	return err < 0 ? netlink_errno(err) : 0;
}

static int parse_nsid(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[NETNSA_MAX + 1];
	int *id = arg;

	if (nlmsg_parse(h, sizeof(struct rtgenmsg), tb, NETNSA_MAX, NULL) == 0 &&
	    tb[NETNSA_NSID])
		*id = (int)nla_get_u32(tb[NETNSA_NSID]);
	return 0;
}

int netlink_nsid(const char *viewer, const char *target)
{
	struct rtgenmsg g = {.rtgen_family = AF_UNSPEC};
	struct nl_msg *msg;
	int id = -1, fd;

	fd = netns_open(target);
	if (fd < 0)
		return -1;
	msg = nlmsg_alloc_simple(RTM_GETNSID, NLM_F_REQUEST);
	if (msg && nlmsg_append(msg, &g, sizeof(g), NLMSG_ALIGNTO) == 0 &&
	    nla_put_u32(msg, NETNSA_FD, fd) == 0)
		netlink_talk(viewer, msg, parse_nsid, &id);
	nlmsg_free(msg);
	close(fd);
	return id;
}
