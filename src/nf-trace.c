/* nf-trace.c: nftables tracing of one ping, in every namespace of the
 * world (libnftnl, libmnl). */
#include "system.h"

#include <netinet/in.h>
#include <sys/time.h>
#include <time.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/trace.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>

#include "netns.h"
#include "nf-trace-private.h"
#include "nf-trace.h"

#define TRACE_BUF 65536		/* a read of events; room for a batch */
#define TRACE_RCVBUF (1 << 20)	/* a ping's events never fill it */
#define TRACE_ACK_WAIT 2	/* seconds at most for the kernel's answer */

/* The tracing of one namespace. */
struct trace_ns {
	char name[NAME_MAX + 1];	/* "": the world's host */
	struct mnl_socket *nl;
	unsigned int portid, seq;
};

struct nf_trace {
	struct in_addr target;
	char table[NFT_TABLE_MAXNAMELEN];
	size_t n;			/* namespaces armed */
	bool complete;			/* every one of the world, no loss */
	struct trace_ns *ns;
	char *buf;
	bool dropped;
	struct nf_drop drop;		/* the last drop seen */
	struct {
		uint32_t id;
		bool used;
		unsigned int iif, oif;	/* from the events that had them */
	} ids[64];			/* trace ids of our packets */
	size_t next_id;
};

/* ---- one namespace's socket ---- */

static int ns_open(struct trace_ns *ns)
{
	struct timeval wait = {.tv_sec = TRACE_ACK_WAIT};
	int saved, err, size = TRACE_RCVBUF;

	err = netns_enter(*ns->name ? ns->name : NULL, &saved);
	if (err < 0)
		return err;
	ns->nl = mnl_socket_open2(NETLINK_NETFILTER, SOCK_CLOEXEC);
	err = ns->nl ? 0 : -errno;
	netns_leave(saved);
	if (err < 0)
		return err;
	if (mnl_socket_bind(ns->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	/* a small buffer only costs events; nothing to do if refused */
	(void)setsockopt(mnl_socket_get_fd(ns->nl), SOL_SOCKET, SO_RCVBUF,
			 &size, sizeof(size));
	/* the kernel answers a batch at once; never hang on a lost one */
	if (setsockopt(mnl_socket_get_fd(ns->nl), SOL_SOCKET, SO_RCVTIMEO,
		       &wait, sizeof(wait)) < 0)
		return -errno;
	ns->portid = mnl_socket_get_portid(ns->nl);
	ns->seq = (unsigned int)time(NULL);
	return 0;
}

static void ns_close(struct trace_ns *ns)
{
	if (ns->nl)
		mnl_socket_close(ns->nl);
	ns->nl = NULL;
}

/* Waits for the answers to the n requests of a batch sent with seqs
 * first..first+n-1; trace events on the way are left out.  0 or the
 * first -errno the kernel reports. */
static int ns_acks(struct trace_ns *ns, char *buf, unsigned int first,
		   unsigned int n)
{
	unsigned int got = 0;

	while (got < n) {
		ssize_t len = mnl_socket_recvfrom(ns->nl, buf, TRACE_BUF);
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
		int left = (int)len;

		if (len < 0 && errno == ENOBUFS)
			continue;
		if (len < 0)
			return -errno;
		for (; mnl_nlmsg_ok(h, left); h = mnl_nlmsg_next(h, &left)) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(h);

			if (h->nlmsg_type != NLMSG_ERROR ||
			    h->nlmsg_seq - first >= n)
				continue;
			if (e->error < 0)
				return e->error;
			got++;
		}
	}
	return 0;
}

/* Sends one batch built by fill (n messages that want an answer). */
static int ns_batch(struct trace_ns *ns, char *buf, unsigned int n,
		    int (*fill)(struct mnl_nlmsg_batch *b,
				const struct nf_trace *t, bool owner,
				unsigned int seq),
		    const struct nf_trace *t, bool owner)
{
	struct mnl_nlmsg_batch *b = mnl_nlmsg_batch_start(buf, TRACE_BUF);
	unsigned int first;
	int err;

	if (!b)
		return -ENOMEM;
	nftnl_batch_begin(mnl_nlmsg_batch_current(b), ns->seq++);
	mnl_nlmsg_batch_next(b);
	first = ns->seq;
	err = fill(b, t, owner, first);
	ns->seq += n;
	if (err == 0) {
		nftnl_batch_end(mnl_nlmsg_batch_current(b), ns->seq++);
		mnl_nlmsg_batch_next(b);
		if (mnl_socket_sendto(ns->nl, mnl_nlmsg_batch_head(b),
				      mnl_nlmsg_batch_size(b)) < 0)
			err = -errno;
	}
	mnl_nlmsg_batch_stop(b);
	return err < 0 ? err : ns_acks(ns, buf, first, n);
}

static int fill_arm(struct mnl_nlmsg_batch *b, const struct nf_trace *t,
		    bool owner, unsigned int seq)
{
	return nf_trace_put_table(b, t->table, t->target, owner, seq);
}

static int fill_disarm(struct mnl_nlmsg_batch *b, const struct nf_trace *t,
		       bool owner, unsigned int seq)
{
	return nf_trace_put_deltable(b, t->table, seq);
}

/* The trace table in ns, then the subscription to its events. */
static int ns_arm(struct nf_trace *t, struct trace_ns *ns)
{
	int group = NFNLGRP_NFTRACE;
	int err = ns_open(ns);

	if (err == 0)
		err = ns_batch(ns, t->buf, NF_TRACE_TABLE_MSGS, fill_arm, t, true);
	/* kernels before 5.12 know no owner flag */
	if (err == -EOPNOTSUPP || err == -EINVAL)
		err = ns_batch(ns, t->buf, NF_TRACE_TABLE_MSGS, fill_arm, t,
			       false);
	if (err == 0 && mnl_socket_setsockopt(ns->nl, NETLINK_ADD_MEMBERSHIP,
					      &group, sizeof(group)) < 0) {
		err = -errno;
		/* a table without owner would outlive the socket */
		(void)ns_batch(ns, t->buf, 1, fill_disarm, t, false);
	}
	return err;
}

static void ns_disarm(struct nf_trace *t, struct trace_ns *ns)
{
	int group = NFNLGRP_NFTRACE;

	/* no more events, then the table; closing the socket removes an
	 * owned table anyway, should the delete fail */
	(void)mnl_socket_setsockopt(ns->nl, NETLINK_DROP_MEMBERSHIP, &group,
				    sizeof(group));
	(void)ns_batch(ns, t->buf, 1, fill_disarm, t, false);
	ns_close(ns);
}

/* ---- the world ---- */

static int trace_add_ns(struct nf_trace *t, const char *name)
{
	struct trace_ns *ns = &t->ns[t->n];
	int err;

	*ns = (struct trace_ns){0};
	snprintf(ns->name, sizeof(ns->name), "%s", name ? name : "");
	err = ns_arm(t, ns);
	if (err < 0) {
		ns_close(ns);
		return err;
	}
	t->n++;
	return 0;
}

static int trace_alloc(struct in_addr target, size_t n, struct nf_trace **out)
{
	struct nf_trace *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	t->ns = calloc(n, sizeof(*t->ns));
	t->buf = calloc(1, TRACE_BUF); /* padding in the batch is sent */
	if (!t->ns || !t->buf) {
		free(t->ns);
		free(t->buf);
		free(t);
		return -ENOMEM;
	}
	t->target = target;
	snprintf(t->table, sizeof(t->table), "%s_%ld", NF_TRACE_TABLE,
		 (long)getpid());
	*out = t;
	return 0;
}

int nf_trace_start(struct in_addr target, struct nf_trace **out)
{
	struct netns_names names;
	struct nf_trace *t;
	int err, first;

	*out = NULL;
	err = netns_list(&names);
	if (err < 0)
		return err;
	err = trace_alloc(target, names.n + 1, &t);
	if (err < 0) {
		netns_names_free(&names);
		return err;
	}
	first = trace_add_ns(t, NULL);
	t->complete = first == 0;
	for (size_t i = 0; i < names.n; i++)
		if (trace_add_ns(t, names.names[i]) < 0)
			t->complete = false;
	netns_names_free(&names);
	if (t->n == 0) {
		nf_trace_stop(t);
		return first < 0 ? first : -ENOENT;
	}
	*out = t;
	return 0;
}

void nf_trace_stop(struct nf_trace *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		ns_disarm(t, &t->ns[i]);
	free(t->ns);
	free(t->buf);
	free(t);
}

bool nf_trace_complete(const struct nf_trace *t)
{
	return t && t->complete;
}

size_t nf_trace_pollfds(const struct nf_trace *t, struct pollfd *p,
			size_t n)
{
	size_t i;

	for (i = 0; t && i < t->n && i < n; i++)
		p[i] = (struct pollfd){.fd = mnl_socket_get_fd(t->ns[i].nl),
				       .events = POLLIN};
	return i;
}

/* ---- events ---- */

/* Is this network header ICMP to or from the target? */
static bool header_ours(const struct nf_trace *t, const unsigned char *ip,
			uint32_t len)
{
	if (!ip || len < 20 || ip[0] >> 4 != 4 || ip[9] != IPPROTO_ICMP)
		return false;
	return !memcmp(ip + 12, &t->target.s_addr, 4) ||
	       !memcmp(ip + 16, &t->target.s_addr, 4);
}

static bool id_known(const struct nf_trace *t, uint32_t id, size_t *at)
{
	for (size_t i = 0; i < ARRAY_SIZE(t->ids); i++)
		if (t->ids[i].used && t->ids[i].id == id) {
			*at = i;
			return true;
		}
	return false;
}

/* Learns whether trace id is one of our packets (ids come back when
 * the kernel reuses an skb: a foreign header forgets it). */
static void id_learn(struct nf_trace *t, uint32_t id, bool ours)
{
	size_t at;

	if (id_known(t, id, &at)) {
		t->ids[at].used = ours;
		return;
	}
	if (!ours)
		return;
	at = t->next_id++ % ARRAY_SIZE(t->ids);
	t->ids[at].id = id;
	t->ids[at].used = true;
}

/* Is the event about one of our packets, outside our own table?  Only
 * the first event of a chain carries the packet's headers; the others
 * are known by their trace id, as are the interfaces (*slot). */
static bool trace_ours(struct nf_trace *t, const struct nftnl_trace *tr,
		       size_t *slot)
{
	const char *table = nftnl_trace_get_str(tr, NFTNL_TRACE_TABLE);
	uint32_t id = nftnl_trace_get_u32(tr, NFTNL_TRACE_ID), len = 0;
	size_t at;

	if (nftnl_trace_is_set(tr, NFTNL_TRACE_NETWORK_HEADER)) {
		const unsigned char *ip = nftnl_trace_get_data(
			tr, NFTNL_TRACE_NETWORK_HEADER, &len);

		id_learn(t, id, header_ours(t, ip, len));
	}
	if (!id_known(t, id, &at))
		return false;
	if (nftnl_trace_is_set(tr, NFTNL_TRACE_IIF))
		t->ids[at].iif = nftnl_trace_get_u32(tr, NFTNL_TRACE_IIF);
	if (nftnl_trace_is_set(tr, NFTNL_TRACE_OIF))
		t->ids[at].oif = nftnl_trace_get_u32(tr, NFTNL_TRACE_OIF);
	*slot = at;
	return table &&
	       strncmp(table, NF_TRACE_TABLE, strlen(NF_TRACE_TABLE)) != 0;
}

/* Did this event drop the packet?  A policy event says so in
 * NFTA_TRACE_POLICY (older kernels: in its verdict); a missing verdict
 * is no verdict at all. */
static bool trace_drops(const struct nftnl_trace *tr, bool *policy)
{
	uint32_t type = nftnl_trace_get_u32(tr, NFTNL_TRACE_TYPE);

	*policy = type == NFT_TRACETYPE_POLICY;
	if (*policy && nftnl_trace_is_set(tr, NFTNL_TRACE_POLICY))
		return nftnl_trace_get_u32(tr, NFTNL_TRACE_POLICY) == NF_DROP;
	if (type != NFT_TRACETYPE_POLICY && type != NFT_TRACETYPE_RULE)
		return false;
	return nftnl_trace_is_set(tr, NFTNL_TRACE_VERDICT) &&
	       nftnl_trace_get_u32(tr, NFTNL_TRACE_VERDICT) == NF_DROP;
}

static void copy_attr(char *dst, size_t size, const struct nftnl_trace *tr,
		      uint16_t attr)
{
	const char *s = nftnl_trace_get_str(tr, attr);

	snprintf(dst, size, "%s", s ? s : "");
}

static void trace_record(struct nf_trace *t, const struct trace_ns *ns,
			 const struct nftnl_trace *tr, bool policy,
			 size_t slot)
{
	struct nf_drop *d = &t->drop;

	*d = (struct nf_drop){.policy = policy};
	snprintf(d->ns, sizeof(d->ns), "%s", ns->name);
	d->family = nftnl_trace_get_u32(tr, NFTNL_TRACE_FAMILY);
	copy_attr(d->table, sizeof(d->table), tr, NFTNL_TRACE_TABLE);
	copy_attr(d->chain, sizeof(d->chain), tr, NFTNL_TRACE_CHAIN);
	if (!policy && nftnl_trace_is_set(tr, NFTNL_TRACE_RULE_HANDLE))
		d->handle = nftnl_trace_get_u64(tr, NFTNL_TRACE_RULE_HANDLE);
	d->iif = t->ids[slot].iif;
	d->oif = t->ids[slot].oif;
	t->dropped = true;
}

/* What trace_msg() reads events for. */
struct trace_read {
	struct nf_trace *t;
	const struct trace_ns *ns;
};

static int trace_msg(const struct nlmsghdr *h, void *data)
{
	const struct trace_read *rd = data;
	struct nf_trace *t = rd->t;
	struct nftnl_trace *tr;
	bool policy;
	size_t slot;

	if (NFNL_SUBSYS_ID(h->nlmsg_type) != NFNL_SUBSYS_NFTABLES ||
	    NFNL_MSG_TYPE(h->nlmsg_type) != NFT_MSG_TRACE)
		return MNL_CB_OK;
	tr = nftnl_trace_alloc();
	if (!tr) {
		t->complete = false;
		return MNL_CB_OK;
	}
	if (nftnl_trace_nlmsg_parse(h, tr) < 0)
		t->complete = false;
	else if (trace_ours(t, tr, &slot) && trace_drops(tr, &policy))
		trace_record(t, rd->ns, tr, policy, slot);
	nftnl_trace_free(tr);
	return MNL_CB_OK;
}

static void ns_read(struct nf_trace *t, struct trace_ns *ns)
{
	struct trace_read rd = {.t = t, .ns = ns};
	int fd = mnl_socket_get_fd(ns->nl);

	for (;;) {
		ssize_t len = recv(fd, t->buf, TRACE_BUF, MSG_DONTWAIT);

		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0 && errno == ENOBUFS) {
			t->complete = false;	/* events were lost */
			continue;
		}
		if (len <= 0)
			return;
		/* events carry seq 0 and portid 0: any is fine */
		(void)mnl_cb_run(t->buf, len, 0, 0, trace_msg, &rd);
	}
}

void nf_trace_read(struct nf_trace *t)
{
	for (size_t i = 0; t && i < t->n; i++)
		ns_read(t, &t->ns[i]);
}

bool nf_trace_drop(const struct nf_trace *t, struct nf_drop *d)
{
	if (!t || !t->dropped)
		return false;
	*d = t->drop;
	return true;
}
