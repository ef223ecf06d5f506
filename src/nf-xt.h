/* nf-xt.h: the xtables compat structs iptables-nft puts in "match" and
 * "target" expressions, for nf-rule.c.
 *
 * iptables-nft 1.8.9 (nft --debug=netlink on its rules): -p icmp
 * --icmp-type is match "icmp" rev 0 (struct ipt_icmp); -m conntrack
 * --ctstate is match "conntrack" rev 3 (xt_conntrack_mtinfo3); REJECT
 * is target "REJECT" rev 0 (ipt_reject_info), LOG "LOG" rev 0
 * (xt_log_info), MASQUERADE and SNAT rev 0
 * (nf_nat_ipv4_multi_range_compat), DNAT rev 2 (nf_nat_range2).
 */
#ifndef NSTUTOR_NF_XT_H
#define NSTUTOR_NF_XT_H

#include "system.h"

#include <stdint.h>

#include "ipt.h"

struct nftnl_expr;

/* The match or target expression for r (ICMP type, conntrack state, or
 * r's target); NULL and *err when it cannot be made. */
struct nftnl_expr *nf_xt_icmp(const struct ipt_rule *r, int *err);
struct nftnl_expr *nf_xt_conntrack(const struct ipt_rule *r, int *err);
struct nftnl_expr *nf_xt_target(const struct ipt_rule *r, int *err);
/* "-p tcp --dport 0:65535": match "tcp" (or "udp") rev 0 with every
 * port, which iptables-nft writes when no port narrows anything. */
struct nftnl_expr *nf_xt_any_port(const struct ipt_rule *r, int *err);
/* Does r's verdict need a target expression (not an immediate)? */
bool nf_xt_is_target(const struct ipt_rule *r);

/* Reads a match or target expression into r: 0 or -EOPNOTSUPP. */
int nf_xt_match_read(const struct nftnl_expr *e, struct ipt_rule *r);
int nf_xt_target_read(const struct nftnl_expr *e, struct ipt_rule *r);

#endif
