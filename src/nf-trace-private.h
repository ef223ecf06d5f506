/* nf-trace-private.h: the trace table's messages, for nf-trace.c.
 *
 * Table "ip NAME" with chains "prerouting" and "output" (type filter,
 * priority -350, policy accept), each with two rules: "meta l4proto
 * icmp ip saddr TARGET meta nftrace set 1" and the same for ip daddr.
 * Each message asks for an answer (NLM_F_ACK) and takes the next seq.
 */
#ifndef NSTUTOR_NF_TRACE_PRIVATE_H
#define NSTUTOR_NF_TRACE_PRIVATE_H

#include "system.h"

#include <netinet/in.h>

struct mnl_nlmsg_batch;

#define NF_TRACE_TABLE_MSGS 7	/* the table, 2 chains, 4 rules */

/* Adds the NF_TRACE_TABLE_MSGS messages that make the table, seqs
 * seq, seq+1, ...; owner: the table belongs to the socket. */
int nf_trace_put_table(struct mnl_nlmsg_batch *b, const char *table,
		       struct in_addr target, bool owner, unsigned int seq);
/* Adds the one message that deletes it. */
int nf_trace_put_deltable(struct mnl_nlmsg_batch *b, const char *table,
			  unsigned int seq);

#endif
