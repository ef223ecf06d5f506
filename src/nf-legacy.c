/* nf-legacy.c: iptables-legacy's tables, read with getsockopt. */
#include "system.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/netfilter_ipv4/ip_tables.h>

#include "netns.h"
#include "nf-legacy.h"

#define NAMES_FILE "/proc/thread-self/net/ip_tables_names"
#define READ_TRIES 5	/* a table that changes while it is read */

static const char *const builtin_names[NF_INET_NUMHOOKS] = {
	"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING",
};

void nf_legacy_table_free(struct nf_legacy_table *t)
{
	free(t->chains);
	t->chains = NULL;
	t->n = 0;
}

void nf_legacy_list_free(struct nf_legacy_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		nf_legacy_table_free(&list->tables[i]);
	free(list->tables);
	*list = (struct nf_legacy_list){0};
}

const struct nf_legacy_chain *nf_legacy_chain(const struct nf_legacy_table *t,
					      const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (streq(t->chains[i].name, name))
			return &t->chains[i];
	return NULL;
}

/* The built-in chain that starts at off, or -1. */
static int hook_at(const struct nf_legacy_layout *l, unsigned int off)
{
	for (int h = 0; h < NF_INET_NUMHOOKS; h++)
		if ((l->valid_hooks & (1U << h)) && l->hook_entry[h] == off)
			return h;
	return -1;
}

/* A user chain's last entry is its RETURN, not one of its rules. */
static void chain_close(struct nf_legacy_table *t)
{
	struct nf_legacy_chain *c = t->n ? &t->chains[t->n - 1] : NULL;

	if (c && c->hook < 0 && c->rules > 0)
		c->rules--;
}

static int chain_open(struct nf_legacy_table *t, const char *name, int hook)
{
	struct nf_legacy_chain *v;

	chain_close(t);
	v = realloc(t->chains, (t->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	t->chains = v;
	v += t->n++;
	*v = (struct nf_legacy_chain){.hook = hook, .policy = -1};
	snprintf(v->name, sizeof(v->name), "%s", name);
	return 0;
}

/* The entry at off, when it lies whole inside the size bytes. */
static const struct ipt_entry *entry_at(const char *base, size_t size,
					size_t off)
{
	const struct ipt_entry *e = (const void *)(base + off);
	const struct xt_entry_target *t;

	if (size - off < sizeof(*e) || e->next_offset > size - off ||
	    e->target_offset < sizeof(*e) ||
	    e->next_offset < e->target_offset + sizeof(*t))
		return NULL;
	t = (const void *)((const char *)e + e->target_offset);
	if (t->u.target_size < sizeof(*t) ||
	    t->u.target_size > e->next_offset - e->target_offset)
		return NULL;
	return e;
}

static const struct xt_entry_target *entry_target(const struct ipt_entry *e)
{
	return (const void *)((const char *)e + e->target_offset);
}

/* The policy an underflow entry gives: its standard verdict. */
static int entry_policy(const struct ipt_entry *e)
{
	const struct xt_standard_target *st = (const void *)entry_target(e);

	if (st->target.u.target_size < sizeof(*st) ||
	    !streq(st->target.u.user.name, XT_STANDARD_TARGET) ||
	    st->verdict >= 0)
		return -1;
	return -st->verdict - 1;
}

/* A user chain's head: an ERROR entry naming it (not the last one). */
static const char *user_chain_name(const struct ipt_entry *e)
{
	const struct xt_error_target *et = (const void *)entry_target(e);

	if (!streq(et->target.u.user.name, XT_ERROR_TARGET) ||
	    et->target.u.target_size < sizeof(*et))
		return NULL;
	return memchr(et->errorname, '\0', sizeof(et->errorname))
		       ? et->errorname : NULL;
}

/* One entry: opens a chain, sets a policy, or counts a rule. */
static int parse_entry(const struct nf_legacy_layout *l,
		       const struct ipt_entry *e, unsigned int off,
		       struct nf_legacy_table *t)
{
	int hook = hook_at(l, off);
	const char *user = hook < 0 ? user_chain_name(e) : NULL;
	struct nf_legacy_chain *c;
	int err;

	if (hook >= 0)
		err = chain_open(t, builtin_names[hook], hook);
	else if (user)
		return chain_open(t, user, -1);
	else
		err = 0;
	if (err < 0)
		return err;
	if (t->n == 0)
		return -EBADMSG; /* a rule before any chain */
	c = &t->chains[t->n - 1];
	if (c->hook >= 0 && l->underflow[c->hook] == off)
		c->policy = entry_policy(e);
	else
		c->rules++;
	return 0;
}

int nf_legacy_parse(const struct nf_legacy_layout *l, const void *entries,
		    size_t size, struct nf_legacy_table *out)
{
	const struct ipt_entry *e = NULL;
	size_t off = 0;
	int err = 0;

	out->n = 0;
	out->chains = NULL;
	while (err == 0 && off < size) {
		e = entry_at(entries, size, off);
		if (!e)
			err = -EBADMSG;
		else if (off + e->next_offset == size)
			break; /* the closing ERROR entry */
		else
			err = parse_entry(l, e, off, out);
		if (e)
			off += e->next_offset;
	}
	if (err == 0 && (off >= size || !user_chain_name(e)))
		err = -EBADMSG; /* no closing ERROR entry */
	chain_close(out);
	if (err < 0)
		nf_legacy_table_free(out);
	return err;
}

static void layout_of(const struct ipt_getinfo *info,
		      struct nf_legacy_layout *l)
{
	l->valid_hooks = info->valid_hooks;
	memcpy(l->hook_entry, info->hook_entry, sizeof(l->hook_entry));
	memcpy(l->underflow, info->underflow, sizeof(l->underflow));
}

/* One read of table name: -EAGAIN when it changed in between. */
static int table_read_once(int fd, const char *name,
			   struct nf_legacy_table *out)
{
	struct ipt_getinfo info = {0};
	socklen_t len = sizeof(info);
	struct nf_legacy_layout l;
	struct ipt_get_entries *g;
	int err = 0;

	snprintf(info.name, sizeof(info.name), "%s", name);
	if (getsockopt(fd, IPPROTO_IP, IPT_SO_GET_INFO, &info, &len) < 0)
		return -errno;
	len = sizeof(*g) + info.size;
	g = calloc(1, len);
	if (!g)
		return -ENOMEM;
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->size = info.size;
	if (getsockopt(fd, IPPROTO_IP, IPT_SO_GET_ENTRIES, g, &len) < 0)
		err = -errno;
	if (err == 0) {
		layout_of(&info, &l);
		err = nf_legacy_parse(&l, g->entrytable, info.size, out);
	}
	free(g);
	return err;
}

/* Reads table out->name. */
static int table_read(int fd, struct nf_legacy_table *out)
{
	int err = -EAGAIN;

	for (int i = 0; i < READ_TRIES && err == -EAGAIN; i++)
		err = table_read_once(fd, out->name, out);
	return err;
}

static int names_add(struct nf_legacy_list *out, const char *name)
{
	struct nf_legacy_table *v;
	size_t len = strlen(name);

	if (len >= sizeof(v->name))
		return -EBADMSG;
	v = realloc(out->tables, (out->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	out->tables = v;
	v += out->n++;
	*v = (struct nf_legacy_table){0};
	memcpy(v->name, name, len + 1);
	return 0;
}

/* The names in ip_tables_names, each an empty table for now. */
static int names_read(const char *ns, struct nf_legacy_list *out)
{
	char line[NF_LEGACY_NAMELEN + 2];
	int saved, err = netns_enter(ns, &saved);
	FILE *f;

	if (err < 0)
		return err;
	f = fopen(NAMES_FILE, "re");
	err = f ? 0 : -errno;
	netns_leave(saved);
	if (err == -ENOENT)
		return 0; /* no x_tables in this kernel: no legacy tables */
	while (err == 0 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			err = names_add(out, line);
	}
	if (f)
		fclose(f);
	return err;
}

int nf_legacy_read(const char *ns, struct nf_legacy_list *out)
{
	int fd, err;

	*out = (struct nf_legacy_list){0};
	err = names_read(ns, out);
	if (err < 0 || out->n == 0)
		goto done;
	fd = netns_socket(ns, AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		err = fd;
		goto done;
	}
	for (size_t i = 0; i < out->n && err == 0; i++)
		err = table_read(fd, &out->tables[i]);
	close(fd);
done:
	if (err < 0)
		nf_legacy_list_free(out);
	return err;
}
