/* cmd-iptables.h: what the iptables command (cmd-iptables.c), its
 * value parsers (ipt-args.c) and the code carrying it out (ipt-run.c)
 * share.
 */
#ifndef NSTUTOR_CMD_IPTABLES_H
#define NSTUTOR_CMD_IPTABLES_H

#include "system.h"

#include "ipt.h"

/* iptables' exit statuses. */
enum {
	IPT_EXIT_OTHER = 1,
	IPT_EXIT_PARAMETER = 2,
	IPT_EXIT_VERSION = 3,
	IPT_EXIT_RESOURCE = 4,
};

#define IPT_PROGRAM "iptables v1.8.9 (nf_tables)"

struct cmd_ctx;

/* One iptables command line, as read. */
struct ipt_line {
	struct cmd_ctx *ctx;
	int cmd;		/* 'A', 'D', ...; 0: none yet */
	const char *table;
	const char *chain, *policy;
	size_t num;		/* rule number; 0: none */
	unsigned int fmt;	/* IPT_FMT_* */
	struct ipt_rule rule;
	const char *jump;	/* what -j or -g named */
	const char *src, *dst;	/* what -s and -d named */
	unsigned int given;	/* bits of opt_letters given */
	int l4;			/* protocol of the loaded tcp/udp match */
	bool l4_explicit, icmp, conntrack;
	bool proto_set;		/* -p given */
	bool invert;
	int status;
	/* the words, and the next one to read */
	int argc, next;
	char **argv;
};

/* Reads l's words (table "filter", rule initialised, argc/argv set):
 * 0, or -1 having said why as iptables does.  Carries out nothing. */
int ipt_line_parse(struct ipt_line *l);
/* Marks l failed with iptables' exit status; returns -1. */
int ipt_fail(struct ipt_line *l, int status);
/* ... a parameter problem (after ipt_param_error). */
int ipt_param_fail(struct ipt_line *l);
/* "iptables: MSG." and hint (may be NULL); returns -1 (ipt-run.c). */
int ipt_error(struct ipt_line *l, const char *msg, const char *hint);
/* Carries out the line l read (ipt-run.c): 0 or -1, said why. */
int ipt_run(struct ipt_line *l);

/* iptables' parameter problem: "iptables v1.8.9 (nf_tables): MSG" and
 * the "Try `iptables -h'" line, then hint (may be NULL).  Returns -1. */
int ipt_param_error(const char *hint, const char *fmt, ...)
	PRINTF_LIKE(2, 3);
/* Until called again with size 0, ipt_param_error prints nothing and
 * keeps its message (without the program's name) in buf: for readers
 * of rule specs other than the iptables command (lesson checks). */
void ipt_param_catch(char *buf, size_t size);

/* The values of options; each says what is wrong (ipt_param_error) and
 * returns -1, or returns 0. */
int ipt_parse_net(const char *word, struct ipt_net *n);
int ipt_parse_proto(const char *word, int *proto);
int ipt_parse_ports(const char *word, const char *proto,
		    struct ipt_ports *p);
int ipt_parse_icmp(const char *word, struct ipt_rule *r);
int ipt_parse_ctstate(const char *word, unsigned int *states);
int ipt_parse_nat(const char *word, int proto, bool addr,
		  struct ipt_nat *n);
int ipt_parse_reject(const char *word, struct ipt_rule *r);
/* A rule number (1..INT_MAX), as -I, -D, -R, -L and -S take. */
int ipt_parse_rulenum(const char *word, size_t *num);

#endif
