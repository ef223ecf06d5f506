/* show-link.h: printing links and their addresses the iproute2 way.
 *
 * "ip link show" and "ip addr show" (and their -br, -d, -4, -6 forms)
 * print through these, so both look exactly like iproute2 6.1.
 */
#ifndef NSTUTOR_SHOW_LINK_H
#define NSTUTOR_SHOW_LINK_H

#include "system.h"

#include "nl-addr.h"
#include "nl-link.h"

struct show_opts {
	const char *netns; /* the namespace the links are in; NULL: host */
	bool brief;	   /* -br */
	bool details;	   /* -d */
	bool do_link;	   /* "ip link" (else "ip addr") */
	int family;	   /* AF_UNSPEC, AF_INET, AF_INET6 */
};

/* Prints l (one of all, the namespace's links) and, for "ip addr",
 * its addresses from addrs. */
void show_link(const struct show_opts *o, const struct link *l,
	       const struct link_list *all, const struct addr_list *addrs);

/* "<BROADCAST,MULTICAST,UP,LOWER_UP> ", ",M-DOWN" inside when mdown
 * (the peer is down); also for "bridge link". */
void show_link_flags(unsigned int flags, bool mdown);

/* "ip addr" leaves out links with no address of the -4/-6 family. */
bool show_link_wanted(const struct show_opts *o, const struct link *l,
		      const struct addr_list *addrs);

/* The /run/netns name of the namespace that ns calls nsid, or NULL. */
const char *show_nsid_name(const char *ns, int nsid, char *buf,
			   size_t size);

/* The selection of "ip link show" and "ip addr show|flush":
 * [dev] DEV, up, type KIND[_slave], master BR. */
struct show_filter {
	const char *dev;
	int ifindex;
	bool up;
	int master;
	char kind[16], slave_kind[16];
};

struct cmd_ctx;

/* Parses the filter words; prints iproute2's error and returns -1. */
int show_filter_parse(const struct cmd_ctx *ctx, struct show_filter *f,
		      int argc, char **argv);
bool show_filter_match(const struct show_filter *f, const struct link *l);

/* "ip link show ..." (do_link) or "ip addr show ...": CMD_OK/ERROR. */
int show_links_cmd(struct cmd_ctx *ctx, bool do_link, int argc,
		   char **argv);

#endif
