/* unit-doctor.c: the legacy entries parser and the prefix overlaps. */
#include "system.h"

#include <arpa/inet.h>
#include <linux/netfilter_ipv4/ip_tables.h>

#include "doctor.h"
#include "nf-legacy.h"
#include "tap.h"

/* The size of an entry with a standard (verdict) or an ERROR target. */
#define STD_SIZE \
	(sizeof(struct ipt_entry) + XT_ALIGN(sizeof(struct xt_standard_target)))
#define ERR_SIZE \
	(sizeof(struct ipt_entry) + XT_ALIGN(sizeof(struct xt_error_target)))

/* A table's entries as the kernel hands them out. */
struct blob {
	unsigned char buf[4096];
	size_t size;
};

static struct ipt_entry *entry_add(struct blob *b, size_t size,
				   const char *target)
{
	struct ipt_entry *e = (void *)(b->buf + b->size);
	struct xt_entry_target *t;

	memset(e, 0, size);
	e->target_offset = sizeof(*e);
	e->next_offset = size;
	t = (void *)((char *)e + e->target_offset);
	t->u.target_size = size - sizeof(*e);
	snprintf(t->u.user.name, sizeof(t->u.user.name), "%s", target);
	b->size += size;
	return e;
}

/* A standard entry (a policy, a rule or RETURN); its offset. */
static unsigned int verdict_add(struct blob *b, int verdict)
{
	unsigned int off = b->size;
	struct ipt_entry *e = entry_add(b, STD_SIZE, XT_STANDARD_TARGET);
	struct xt_standard_target *st = (void *)((char *)e + e->target_offset);

	st->verdict = verdict;
	return off;
}

static unsigned int error_add(struct blob *b, const char *name)
{
	unsigned int off = b->size;
	struct ipt_entry *e = entry_add(b, ERR_SIZE, XT_ERROR_TARGET);
	struct xt_error_target *et = (void *)((char *)e + e->target_offset);

	snprintf(et->errorname, sizeof(et->errorname), "%s", name);
	return off;
}

#define ACCEPT (-NF_ACCEPT - 1)
#define DROP   (-NF_DROP - 1)

/* filter: INPUT ACCEPT, FORWARD DROP with two rules, OUTPUT ACCEPT,
 * and MYCHAIN with one rule. */
static void filter_blob(struct blob *b, struct nf_legacy_layout *l)
{
	*b = (struct blob){.size = 0};
	*l = (struct nf_legacy_layout){
		.valid_hooks = 1 << NF_INET_LOCAL_IN | 1 << NF_INET_FORWARD |
			       1 << NF_INET_LOCAL_OUT,
	};
	l->hook_entry[NF_INET_LOCAL_IN] = verdict_add(b, ACCEPT);
	l->underflow[NF_INET_LOCAL_IN] = l->hook_entry[NF_INET_LOCAL_IN];
	l->hook_entry[NF_INET_FORWARD] = verdict_add(b, ACCEPT);
	verdict_add(b, DROP);
	l->underflow[NF_INET_FORWARD] = verdict_add(b, DROP);
	l->hook_entry[NF_INET_LOCAL_OUT] = verdict_add(b, ACCEPT);
	l->underflow[NF_INET_LOCAL_OUT] = l->hook_entry[NF_INET_LOCAL_OUT];
	error_add(b, "MYCHAIN");
	verdict_add(b, ACCEPT);
	verdict_add(b, XT_RETURN);
	error_add(b, "ERROR");
}

static void test_parse(void)
{
	struct nf_legacy_layout l;
	struct nf_legacy_table t = {.name = "filter"};
	const struct nf_legacy_chain *c;
	struct blob b;
	int err;

	filter_blob(&b, &l);
	err = nf_legacy_parse(&l, b.buf, b.size, &t);
	ok(err == 0, "a filter table parses (%d)", err);
	ok(t.n == 4, "into four chains (%zu)", t.n);
	c = nf_legacy_chain(&t, "INPUT");
	ok(c && c->hook == NF_INET_LOCAL_IN && c->policy == NF_ACCEPT &&
	   c->rules == 0, "INPUT: policy ACCEPT, no rules");
	c = nf_legacy_chain(&t, "FORWARD");
	ok(c && c->hook == NF_INET_FORWARD && c->policy == NF_DROP &&
	   c->rules == 2, "FORWARD: policy DROP, two rules");
	c = nf_legacy_chain(&t, "OUTPUT");
	ok(c && c->policy == NF_ACCEPT && c->rules == 0, "OUTPUT: ACCEPT");
	c = nf_legacy_chain(&t, "MYCHAIN");
	ok(c && c->hook == -1 && c->policy == -1 && c->rules == 1,
	   "a user chain: no policy, one rule (its RETURN is not one)");
	ok(!nf_legacy_chain(&t, "ERROR"), "the closing entry is no chain");
	nf_legacy_table_free(&t);
}

static void test_bad(void)
{
	struct nf_legacy_layout l;
	struct nf_legacy_table t;
	struct blob b;
	struct ipt_entry *e;

	filter_blob(&b, &l);
	ok(nf_legacy_parse(&l, b.buf, b.size - ERR_SIZE, &t) == -EBADMSG,
	   "no closing ERROR entry: refused");
	ok(nf_legacy_parse(&l, b.buf, b.size - 8, &t) == -EBADMSG,
	   "a cut entry: refused");
	e = (void *)(b.buf + STD_SIZE);
	e->next_offset = 0;
	ok(nf_legacy_parse(&l, b.buf, b.size, &t) == -EBADMSG,
	   "an entry of no size: refused (no endless loop)");
	filter_blob(&b, &l);
	e = (void *)b.buf;
	e->target_offset = STD_SIZE;
	ok(nf_legacy_parse(&l, b.buf, b.size, &t) == -EBADMSG,
	   "a target outside its entry: refused");
	filter_blob(&b, &l);
	l.hook_entry[NF_INET_LOCAL_IN] = 4; /* no entry starts there */
	ok(nf_legacy_parse(&l, b.buf, b.size, &t) == -EBADMSG,
	   "a rule before any chain: refused");
}

static enum doctor_overlap overlap(const char *have, int hl, const char *want,
				   int wl)
{
	unsigned char h[4], w[4];

	if (inet_pton(AF_INET, have, h) != 1 ||
	    inet_pton(AF_INET, want, w) != 1)
		return -1;
	return doctor_overlap(h, hl, w, wl);
}

static void test_overlap(void)
{
	ok(overlap("11.11.11.0", 24, "11.11.11.0", 24) == DOCTOR_CLASH,
	   "the same /24 clashes");
	ok(overlap("11.11.11.128", 25, "11.11.11.0", 24) == DOCTOR_CLASH,
	   "a narrower route inside it clashes");
	ok(overlap("11.11.11.7", 32, "11.11.11.0", 24) == DOCTOR_CLASH,
	   "a host route inside it clashes");
	ok(overlap("10.0.0.0", 8, "10.200.0.0", 24) == DOCTOR_WIDER,
	   "10.0.0.0/8 is wider than 10.200.0.0/24");
	ok(overlap("10.201.0.0", 16, "10.200.0.0", 24) == DOCTOR_APART,
	   "10.201.0.0/16 is apart");
	ok(overlap("11.11.12.0", 24, "11.11.11.0", 24) == DOCTOR_APART,
	   "the next /24 is apart");
	ok(overlap("0.0.0.0", 0, "11.11.11.0", 24) == DOCTOR_APART,
	   "a default route is no collision");
	ok(overlap("198.51.128.0", 17, "198.51.100.0", 24) == DOCTOR_APART,
	   "a /17 that stops short is apart");
	ok(overlap("198.51.64.0", 18, "198.51.100.0", 24) == DOCTOR_WIDER,
	   "a /18 around it is wider");
}

int main(void)
{
	test_parse();
	test_bad();
	test_overlap();
	return tap_done();
}
