/* nl-addr.h: IP addresses on the links of a namespace, over rtnetlink.
 *
 * struct addr is one address as the kernel reports it (what "ip addr
 * show" prints); addr_add, addr_del and addr_flush change them with
 * one request each, the way iproute2 builds it.
 */
#ifndef NSTUTOR_NL_ADDR_H
#define NSTUTOR_NL_ADDR_H

#include "system.h"

#include <net/if.h>

struct addr {
	int ifindex;
	int family;		/* AF_INET or AF_INET6 */
	int prefixlen;
	int scope;		/* RT_SCOPE_UNIVERSE, _LINK, _HOST ... */
	unsigned int flags;	/* IFA_F_PERMANENT, IFA_F_TENTATIVE ... */
	unsigned char local[16];    /* IFA_LOCAL (or IFA_ADDRESS) */
	unsigned char address[16];  /* IFA_ADDRESS (the peer) */
	unsigned char broadcast[16];
	bool has_local, has_address, has_broadcast, has_label;
	bool has_cacheinfo, has_metric;
	char label[IFNAMSIZ];
	unsigned int valid_lft, preferred_lft; /* 0xffffffff: forever */
	unsigned int metric;
};

struct addr_list {
	size_t n;
	struct addr *addrs; /* in the kernel's order */
};

/* Every address of family (AF_UNSPEC: all) in the namespace. */
int addr_list(const char *ns, int family, struct addr_list *out);
void addr_list_free(struct addr_list *list);

/* What "ip addr add/del" asks for. */
struct addr_req {
	int ifindex;
	int family;
	int prefixlen;
	unsigned char local[16];
	bool wildcard;		/* del of "A.B.C.D" with no /N: any prefix */
	int scope;
	bool has_broadcast;
	unsigned char broadcast[16];
	const char *label;	/* or NULL */
};

int addr_add(const char *ns, const struct addr_req *r);
int addr_del(const char *ns, const struct addr_req *r);
/* Removes every address of family on ifindex; how many, or -errno. */
int addr_flush(const char *ns, int ifindex, int family);

#endif
