/* nf-ipt-private.h: what nf-ipt.c and nf-ipt-write.c share. */
#ifndef NSTUTOR_NF_IPT_PRIVATE_H
#define NSTUTOR_NF_IPT_PRIVATE_H

#include "system.h"

#include "nf-ipt.h"
#include "nf.h"

struct nftnl_rule;

/* A built-in chain as iptables-nft makes it (nft_chain_builtin_init). */
struct nf_ipt_builtin {
	const char *name;
	unsigned int hook;
	int prio;
};

struct nf_ipt_def {
	const char *name;
	const char *type;	/* the base chains' type */
	const struct nf_ipt_builtin *chains;
	size_t n;
};

/* The definition of table, or NULL for one iptables does not know. */
const struct nf_ipt_def *nf_ipt_def(const char *table);

/* The table as the kernel holds it: what iptables shows, and what of
 * it exists (iptables-nft makes a built-in chain only when it is
 * first used). */
struct nf_ipt_state {
	const struct nf_ipt_def *def;
	struct ipt_table t;
	bool table_exists;
	bool *exists;		/* per chain of t */
};

int nf_ipt_load(const char *ns, const char *table, struct nf_ipt_state *st);
void nf_ipt_state_free(struct nf_ipt_state *st);
/* The index of chain in st->t, or -1. */
int nf_ipt_index(const struct nf_ipt_state *st, const char *chain);

/* A rule of table/chain, in family ip, with nothing in it yet. */
struct nftnl_rule *nf_ipt_rule_new(const char *table, const char *chain);

/* One change: the table read under the world lock, and its batch. */
struct nf_ipt_change {
	const char *ns;
	struct nf_ipt_state st;
	struct nf_batch *b;
};

/* Takes the lock, reads table, starts the batch.  Whatever it returns,
 * nf_ipt_end() ends the change (and returns err). */
int nf_ipt_begin(struct nf_ipt_change *c, const char *ns, const char *table);
int nf_ipt_end(struct nf_ipt_change *c, int err);
int nf_ipt_commit(struct nf_ipt_change *c);
/* The table, and built-in chain i with policy, unless there. */
int nf_ipt_ensure_table(struct nf_ipt_change *c);
int nf_ipt_ensure_builtin(struct nf_ipt_change *c, int i, int policy);

#endif
