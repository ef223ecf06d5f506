/* nf.c: nf_tables tables and chains over nfnetlink (libnftnl, libmnl). */
#include "system.h"

#include <time.h>
#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/table.h>
#include <linux/netfilter/nfnetlink.h>

#include "netns.h"
#include "nf.h"

#define NF_DUMP_BUF 32768	/* what libmnl suggests for dumps */
#define NF_DUMP_TRIES 5		/* dumps a busy ruleset interrupts */

struct nf_sock {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
};

int nf_open(const char *ns, struct nf_sock **out)
{
	struct nf_sock *s = calloc(1, sizeof(*s));
	int saved, err;

	if (!s)
		return -ENOMEM;
	err = netns_enter(ns, &saved);
	if (err < 0)
		goto fail;
	s->nl = mnl_socket_open2(NETLINK_NETFILTER, SOCK_CLOEXEC);
	err = s->nl ? 0 : -errno;
	netns_leave(saved);
	if (err < 0)
		goto fail;
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		mnl_socket_close(s->nl);
		goto fail;
	}
	s->portid = mnl_socket_get_portid(s->nl);
	s->seq = (unsigned int)time(NULL);
	*out = s;
	return 0;
fail:
	free(s);
	return err;
}

void nf_close(struct nf_sock *s)
{
	if (!s)
		return;
	mnl_socket_close(s->nl);
	free(s);
}

struct mnl_socket *nf_sock_mnl(struct nf_sock *s)
{
	return s->nl;
}

unsigned int nf_sock_next_seq(struct nf_sock *s)
{
	return ++s->seq;
}

void nf_sock_set_seq(struct nf_sock *s, unsigned int seq)
{
	s->seq = seq;
}

struct dump_call {
	nf_reply_fn fn;
	void *arg;
	int err;
};

static int dump_cb(const struct nlmsghdr *h, void *data)
{
	struct dump_call *c = data;

	c->err = c->fn(h, c->arg);
	return c->err < 0 ? MNL_CB_ERROR : MNL_CB_OK;
}

static int dump_once(struct nf_sock *s, int type, int family,
		     struct dump_call *c, char *buf)
{
	unsigned int seq = ++s->seq;
	struct nlmsghdr *h;
	ssize_t len;
	int ret;

	h = nftnl_nlmsg_build_hdr(buf, type, family, NLM_F_DUMP, seq);
	if (mnl_socket_sendto(s->nl, h, h->nlmsg_len) < 0)
		return -errno;
	do {
		len = mnl_socket_recvfrom(s->nl, buf, NF_DUMP_BUF);
		if (len < 0)
			return -errno;
		c->err = 0;
		ret = mnl_cb_run(buf, len, seq, s->portid, dump_cb, c);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		return c->err < 0 ? c->err : -errno;
	return 0;
}

int nf_dump(struct nf_sock *s, int type, int family, nf_reply_fn fn,
	    void *arg)
{
	struct dump_call c = {.fn = fn, .arg = arg};
	char *buf = malloc(NF_DUMP_BUF);
	int err;

	if (!buf)
		return -ENOMEM;
	err = dump_once(s, type, family, &c, buf);
	free(buf);
	return err;
}

/* Room for one more zeroed item at the end of a growing array. */
static void *grow(void *items, size_t *n, size_t elem)
{
	char *v = realloc(items, (*n + 1) * elem);

	if (!v)
		return NULL;
	memset(v + *n * elem, 0, elem);
	(*n)++;
	return v;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* One dump into a list on a socket of its own (an interrupted dump
 * leaves the rest of its messages on it). */
static int dump_list(const char *ns, int type, int family, nf_reply_fn fn,
		     void *list)
{
	struct nf_sock *s;
	int err = nf_open(ns, &s);

	if (err < 0)
		return err;
	err = nf_dump(s, type, family, fn, list);
	nf_close(s);
	return err;
}

static int table_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_table_list *list = arg;
	struct nftnl_table *t = nftnl_table_alloc();
	struct nf_table *v;
	int err = -ENOMEM;

	if (!t)
		return -ENOMEM;
	if (nftnl_table_nlmsg_parse(h, t) < 0) {
		err = -EBADMSG;
	} else if ((v = grow(list->tables, &list->n, sizeof(*v)))) {
		list->tables = v;
		v += list->n - 1;
		v->family = nftnl_table_get_u32(t, NFTNL_TABLE_FAMILY);
		copy_str(v->name, sizeof(v->name),
			 nftnl_table_get_str(t, NFTNL_TABLE_NAME));
		v->flags = nftnl_table_get_u32(t, NFTNL_TABLE_FLAGS);
		v->chains = nftnl_table_get_u32(t, NFTNL_TABLE_USE);
		err = 0;
	}
	nftnl_table_free(t);
	return err;
}

int nf_table_list(const char *ns, int family, struct nf_table_list *out)
{
	int err = -EINTR;

	for (int i = 0; i < NF_DUMP_TRIES && err == -EINTR; i++) {
		*out = (struct nf_table_list){0};
		err = dump_list(ns, NFT_MSG_GETTABLE, family, table_reply, out);
		if (err < 0)
			nf_table_list_free(out);
	}
	return err;
}

void nf_table_list_free(struct nf_table_list *list)
{
	free(list->tables);
	*list = (struct nf_table_list){0};
}

static void chain_fill(struct nf_chain *v, struct nftnl_chain *c)
{
	v->family = nftnl_chain_get_u32(c, NFTNL_CHAIN_FAMILY);
	copy_str(v->table, sizeof(v->table),
		 nftnl_chain_get_str(c, NFTNL_CHAIN_TABLE));
	copy_str(v->name, sizeof(v->name),
		 nftnl_chain_get_str(c, NFTNL_CHAIN_NAME));
	v->policy = -1;
	v->base = nftnl_chain_is_set(c, NFTNL_CHAIN_HOOKNUM);
	if (!v->base)
		return;
	v->hook = nftnl_chain_get_u32(c, NFTNL_CHAIN_HOOKNUM);
	v->prio = nftnl_chain_get_s32(c, NFTNL_CHAIN_PRIO);
	if (nftnl_chain_is_set(c, NFTNL_CHAIN_POLICY))
		v->policy = (int)nftnl_chain_get_u32(c, NFTNL_CHAIN_POLICY);
	copy_str(v->type, sizeof(v->type),
		 nftnl_chain_get_str(c, NFTNL_CHAIN_TYPE));
}

static int chain_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_chain_list *list = arg;
	struct nftnl_chain *c = nftnl_chain_alloc();
	struct nf_chain *v;
	int err = -ENOMEM;

	if (!c)
		return -ENOMEM;
	if (nftnl_chain_nlmsg_parse(h, c) < 0) {
		err = -EBADMSG;
	} else if ((v = grow(list->chains, &list->n, sizeof(*v)))) {
		list->chains = v;
		chain_fill(v + list->n - 1, c);
		err = 0;
	}
	nftnl_chain_free(c);
	return err;
}

/* Counting needs only where a rule sits, not what it says. */
static int rule_attr(const struct nlattr *a, void *data)
{
	const char **where = data;
	int type = mnl_attr_get_type(a);

	if (type != NFTA_RULE_TABLE && type != NFTA_RULE_CHAIN)
		return MNL_CB_OK;
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_ERROR;
	where[type == NFTA_RULE_CHAIN] = mnl_attr_get_str(a);
	return MNL_CB_OK;
}

static int rule_reply(const struct nlmsghdr *h, void *arg)
{
	struct nf_chain_list *list = arg;
	const struct nfgenmsg *g = mnl_nlmsg_get_payload(h);
	const char *where[2] = {NULL, NULL}; /* table, chain */

	if (mnl_attr_parse(h, sizeof(*g), rule_attr, where) < 0 ||
	    !where[0] || !where[1])
		return -EBADMSG;
	for (size_t i = 0; i < list->n; i++) {
		struct nf_chain *c = &list->chains[i];

		if (c->family == g->nfgen_family && streq(c->table, where[0]) &&
		    streq(c->name, where[1])) {
			c->rules++;
			break;
		}
	}
	return 0;
}

static int chains_once(const char *ns, int family, struct nf_chain_list *out)
{
	struct nf_sock *s;
	int err;

	*out = (struct nf_chain_list){0};
	err = nf_open(ns, &s);
	if (err < 0)
		return err;
	err = nf_dump(s, NFT_MSG_GETCHAIN, family, chain_reply, out);
	if (err == 0)
		err = nf_dump(s, NFT_MSG_GETRULE, family, rule_reply, out);
	nf_close(s);
	if (err < 0)
		nf_chain_list_free(out);
	return err;
}

int nf_chain_list(const char *ns, int family, struct nf_chain_list *out)
{
	int err = -EINTR;

	for (int i = 0; i < NF_DUMP_TRIES && err == -EINTR; i++)
		err = chains_once(ns, family, out);
	return err;
}

void nf_chain_list_free(struct nf_chain_list *list)
{
	free(list->chains);
	*list = (struct nf_chain_list){0};
}

const char *nf_family_name(int family)
{
	switch (family) {
	case NFPROTO_IPV4: return "ip";
	case NFPROTO_IPV6: return "ip6";
	case NFPROTO_INET: return "inet";
	case NFPROTO_ARP: return "arp";
	case NFPROTO_BRIDGE: return "bridge";
	case NFPROTO_NETDEV: return "netdev";
	default: return "unknown";
	}
}

const char *nf_hook_name(int family, unsigned int hook)
{
	static const char *const inet[] = {
		"prerouting", "input", "forward", "output", "postrouting",
	};
	static const char *const arp[] = {"input", "output", "forward"};

	if (family == NFPROTO_ARP)
		return hook < ARRAY_SIZE(arp) ? arp[hook] : "?";
	if (family == NFPROTO_NETDEV)
		return hook == 0 ? "ingress" : hook == 1 ? "egress" : "?";
	if (family == NFPROTO_INET && hook == NF_INET_INGRESS)
		return "ingress";
	return hook < ARRAY_SIZE(inet) ? inet[hook] : "?";
}

const char *nf_policy_name(int policy)
{
	switch (policy) {
	case NF_ACCEPT: return "ACCEPT";
	case NF_DROP: return "DROP";
	default: return "?";
	}
}

bool nf_xtables_table(int family, const char *name)
{
	static const char *const tables[] = {
		"filter", "nat", "mangle", "raw", "security",
	};

	if (family != NFPROTO_IPV4)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++)
		if (streq(name, tables[i]))
			return true;
	return false;
}
