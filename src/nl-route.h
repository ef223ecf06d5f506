/* nl-route.h: the routing tables of a namespace, over rtnetlink.
 *
 * struct route is nstutor's picture of one route as the kernel reports
 * it (or as a command asks for it).  "ip route" and the grader read
 * routes through route_list(); route_change() adds, replaces and
 * deletes; route_get() asks the kernel which route a packet would take.
 */
#ifndef NSTUTOR_NL_ROUTE_H
#define NSTUTOR_NL_ROUTE_H

#include "system.h"

struct route {
	int family;		/* AF_INET, AF_INET6 */
	unsigned char type;	/* RTN_UNICAST, RTN_LOCAL, ... */
	unsigned char protocol; /* RTPROT_KERNEL, RTPROT_BOOT, ... */
	unsigned char scope;	/* RT_SCOPE_UNIVERSE, RT_SCOPE_LINK, ... */
	unsigned char tos;
	unsigned int table;	/* RT_TABLE_MAIN, ... */
	unsigned int flags;	/* rtm_flags: RTNH_F_*, RTM_F_*, RTCF_* */
	int dst_len, src_len;
	unsigned char dst[16], src[16];
	bool has_dst, has_src;
	unsigned char gateway[16], prefsrc[16];
	bool has_gateway, has_prefsrc;
	int oif, iif;		/* ifindex; 0: none */
	bool has_priority, has_uid, has_pref, has_mark;
	unsigned int priority, uid, mark;
	unsigned char pref;	/* IPv6 router preference */
	int expires, error;	/* from RTA_CACHEINFO, in USER_HZ */
};

struct route_list {
	size_t n;
	struct route *routes; /* in the kernel's order */
};

enum route_op {
	ROUTE_ADD,
	ROUTE_CHANGE,
	ROUTE_REPLACE,
	ROUTE_PREPEND,
	ROUTE_APPEND,
	ROUTE_TEST,
	ROUTE_DELETE,
};

/* Every route of every table of family (AF_UNSPEC: all families). */
int route_list(const char *ns, int family, struct route_list *out);
void route_list_free(struct route_list *list);
/* Adds, changes or deletes r as op says; the kernel's -errno. */
int route_change(const char *ns, enum route_op op, const struct route *r);
/* The route the kernel picks for q (dst, and src/oif/iif/mark when
 * set; q->flags may hold RTM_F_FIB_MATCH). */
int route_get(const char *ns, const struct route *q, struct route *out);

#endif
