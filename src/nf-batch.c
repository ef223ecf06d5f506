/* nf-batch.c: nf_tables transactions, and one kept socket per namespace. */
#include "system.h"

#include <poll.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <linux/netfilter/nfnetlink.h>

#include "netns.h"
#include "nf.h"

#define NF_BATCH_BUF (256 * 1024)
#define NF_ACK_WAIT_MS 2000	/* a batch's answers are there at once */

struct nf_kept {
	char *name;		/* NULL: the world's host */
	struct netns_id id;
	struct nf_sock *s;
};

static struct {
	struct nf_kept *v;
	size_t n;
} kept;

static void drop(size_t i)
{
	nf_close(kept.v[i].s);
	free(kept.v[i].name);
	kept.v[i] = kept.v[--kept.n];
}

static int keep(const char *ns, const struct netns_id *id,
		struct nf_sock **out)
{
	struct nf_kept *v = realloc(kept.v, (kept.n + 1) * sizeof(*v));
	int err;

	if (!v)
		return -ENOMEM;
	kept.v = v;
	v[kept.n] = (struct nf_kept){.id = *id};
	if (ns && !(v[kept.n].name = strdup(ns)))
		return -ENOMEM;
	err = nf_open(ns, &v[kept.n].s);
	if (err < 0) {
		free(v[kept.n].name);
		return err;
	}
	*out = v[kept.n++].s;
	return 0;
}

int nf_sock(const char *ns, struct nf_sock **out)
{
	struct netns_id id;
	int err = netns_id_get(ns, &id);

	if (err < 0)
		return err;
	for (size_t i = 0; i < kept.n; i++) {
		if (!netns_name_same(kept.v[i].name, ns))
			continue;
		if (netns_id_same(&kept.v[i].id, &id)) {
			*out = kept.v[i].s;
			return 0;
		}
		drop(i);
		break;
	}
	return keep(ns, &id, out);
}

void nf_forget(const char *ns)
{
	for (size_t i = 0; i < kept.n; i++)
		if (netns_name_same(kept.v[i].name, ns)) {
			drop(i);
			return;
		}
}

void nf_forget_deleted(void)
{
	for (size_t i = kept.n; i-- > 0;)
		if (kept.v[i].name &&
		    netns_id_stale(kept.v[i].name, &kept.v[i].id))
			drop(i);
}

void nf_close_all(void)
{
	while (kept.n)
		drop(kept.n - 1);
	free(kept.v);
	kept.v = NULL;
}

struct nf_batch {
	struct nf_sock *s;
	char *buf;
	struct mnl_nlmsg_batch *mb;
	unsigned int seq;
	unsigned int msgs;	/* answers to wait for */
	bool full;
};

struct nf_batch *nf_batch_new(struct nf_sock *s)
{
	struct nf_batch *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->s = s;
	b->buf = calloc(1, NF_BATCH_BUF); /* padding in the batch is sent */
	if (b->buf)
		b->mb = mnl_nlmsg_batch_start(b->buf, NF_BATCH_BUF);
	if (!b->mb) {
		nf_batch_free(b);
		return NULL;
	}
	b->seq = nf_sock_next_seq(s);
	nftnl_batch_begin(mnl_nlmsg_batch_current(b->mb), b->seq++);
	mnl_nlmsg_batch_next(b->mb);
	return b;
}

void nf_batch_free(struct nf_batch *b)
{
	if (!b)
		return;
	if (b->mb)
		mnl_nlmsg_batch_stop(b->mb);
	free(b->buf);
	free(b);
}

/* Room left for one more message of at most a page. */
static bool room(struct nf_batch *b)
{
	return mnl_nlmsg_batch_size(b->mb) + 2 * MNL_SOCKET_BUFFER_SIZE <
	       NF_BATCH_BUF;
}

struct nlmsghdr *nf_batch_msg(struct nf_batch *b, int type, int family,
			      unsigned int flags)
{
	struct nlmsghdr *h;

	if (b->msgs && !mnl_nlmsg_batch_next(b->mb))
		b->full = true;
	if (b->full || !room(b)) {
		b->full = true;
		return NULL;
	}
	h = nftnl_nlmsg_build_hdr(mnl_nlmsg_batch_current(b->mb), type,
				  family, flags | NLM_F_ACK, b->seq++);
	b->msgs++;
	return h;
}

static int read_answers(struct nf_batch *b, nf_reply_fn echo, void *arg)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl = nf_sock_mnl(b->s);
	struct pollfd p = {.fd = mnl_socket_get_fd(nl), .events = POLLIN};
	unsigned int left = b->msgs;
	int first = 0;

	while (left > 0) {
		int r = poll(&p, 1, NF_ACK_WAIT_MS);
		ssize_t got;
		int len;

		if (r <= 0)
			return r < 0 ? -errno : first ? first : -ETIMEDOUT;
		got = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (got < 0)
			return -errno;
		len = (int)got;
		for (struct nlmsghdr *h = (void *)buf; mnl_nlmsg_ok(h, len);
		     h = mnl_nlmsg_next(h, &len)) {
			const struct nlmsgerr *e;

			if (h->nlmsg_type != NLMSG_ERROR) {
				int err = echo ? echo(h, arg) : 0;

				if (err < 0 && !first)
					first = err;
				continue;
			}
			e = mnl_nlmsg_get_payload(h);
			if (e->error && !first)
				first = e->error;
			if (left)
				left--;
		}
	}
	return first;
}

int nf_batch_commit(struct nf_batch *b, nf_reply_fn echo, void *arg)
{
	struct mnl_socket *nl = nf_sock_mnl(b->s);

	if (b->full)
		return -E2BIG;
	if (b->msgs)
		mnl_nlmsg_batch_next(b->mb);
	nftnl_batch_end(mnl_nlmsg_batch_current(b->mb), b->seq++);
	mnl_nlmsg_batch_next(b->mb);
	nf_sock_set_seq(b->s, b->seq);
	if (!b->msgs)
		return 0;
	if (mnl_socket_sendto(nl, mnl_nlmsg_batch_head(b->mb),
			      mnl_nlmsg_batch_size(b->mb)) < 0)
		return -errno;
	return read_answers(b, echo, arg);
}
