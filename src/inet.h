/* inet.h: IP prefixes and MAC addresses as the learner types them and
 * as iproute2 prints them. */
#ifndef NSTUTOR_INET_H
#define NSTUTOR_INET_H

#include "system.h"

#include <sys/socket.h>

struct inet_prefix {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char addr[16]; /* network byte order */
	int bytelen;		/* 4 or 16 */
	int prefixlen;		/* 32/128 when none was typed */
	bool has_prefixlen;	/* "/N" was typed */
};

/* "11.11.11.2/24", "11.11.11.2", "fe80::1/64".  family AF_UNSPEC takes
 * either.  -EINVAL for anything else ("/33", "999.1.1.1"). */
int inet_prefix_parse(const char *s, int family, struct inet_prefix *out);
/* An address without "/N". */
int inet_addr_parse(const char *s, int family, struct inet_prefix *out);
/* inet_ntop into buf; returns buf. */
const char *inet_format(int family, const void *addr, char *buf,
			size_t size);
/* The first bits bits of a and b are the same. */
bool inet_bits_match(const unsigned char *a, const unsigned char *b,
		     int bits);
/* The network part of p (host bits cleared), in place. */
void inet_prefix_mask(struct inet_prefix *p);

/* iproute2's ll_addr_a2n(): hex bytes separated by ':' ("aa:bb:cc:dd:
 * ee:ff") into mac, at most size of them; the byte count, or -EINVAL
 * with the part that is no byte at *bad (*bad_len long). */
int mac_parse(const char *s, unsigned char *mac, size_t size,
	      const char **bad, int *bad_len);
/* Colon-separated lower-case hex, as iproute2 prints link addresses. */
const char *mac_format(const unsigned char *mac, size_t len, char *buf,
		       size_t size);

#endif
