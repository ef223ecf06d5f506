/* nf-rule.h: an iptables rule as nf_tables expressions, both ways.
 *
 * Encoding follows iptables-nft (1.8.9, Debian 12) expression for
 * expression: payload + bitwise + cmp for addresses, meta iifname /
 * oifname for interfaces, meta l4proto / payload for -p and ports, and
 * the xtables compat "match" / "target" expressions (with iptables'
 * revision and its struct) where iptables-nft uses them (the NAT
 * targets above all), a counter, then the verdict.  Decoding accepts
 * what iptables-nft writes, so rules added with the real iptables-nft
 * read back; anything else is -EOPNOTSUPP.
 */
#ifndef NSTUTOR_NF_RULE_H
#define NSTUTOR_NF_RULE_H

#include "system.h"

#include "ipt.h"

struct nftnl_rule;

/* Adds r's expressions to rule (table, chain and family set by the
 * caller).  0 or -errno. */
int nf_rule_encode(const struct ipt_rule *r, struct nftnl_rule *rule);
/* Reads rule back into *r (handle and counter too).  0, or -EOPNOTSUPP
 * when iptables could not show it. */
int nf_rule_decode(const struct nftnl_rule *rule, struct ipt_rule *r);

/* Every field of r that says what it matches and does (not its handle
 * or counter) in one stable line of words without spaces inside them:
 * "rule in=eth0 src=!11.11.11.0/24 proto=6 dport=80-80 verdict=ACCEPT".
 * Two rules that mean the same have the same text once encoded and
 * decoded again (nf_rule_canon).  For tests and the journal. */
void nf_rule_text(const struct ipt_rule *r, char *buf, size_t size);
/* r as it reads back from the kernel (encoded, then decoded: the
 * REJECT default spelled out, /0 dropped ...).  0 or -errno. */
int nf_rule_canon(const struct ipt_rule *r, struct ipt_rule *out);

#endif
