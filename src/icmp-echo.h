/* icmp-echo.h: ICMP echo (ping) from inside a namespace, natively.
 *
 * icmp_echo_open() checks, as iputils does, that the namespace has a
 * route to the target (-ENETUNREACH, or -EACCES for a broadcast
 * address) and opens an ICMP socket there: an unprivileged ICMP
 * datagram socket when net.ipv4.ping_group_range lets us have one
 * (nstutor never changes it), otherwise a raw socket (CAP_NET_RAW).
 * Each echo request carries the time it was sent; replies, ICMP errors
 * about our requests (IP_RECVERR: "Destination Host Unreachable") and
 * local errors come back through icmp_echo_receive().  The caller waits
 * on icmp_echo_fd() with poll().  Functions return 0 or a negative errno.
 */
#ifndef NSTUTOR_ICMP_ECHO_H
#define NSTUTOR_ICMP_ECHO_H

#include "system.h"

#include <netinet/in.h>

#define ICMP_ECHO_DATALEN 56 /* bytes after the 8-byte ICMP header */

struct icmp_echo;

enum icmp_echo_kind {
	ICMP_ECHO_GOT_REPLY,	/* an echo reply to one of ours */
	ICMP_ECHO_GOT_ERROR,	/* an ICMP error about one of ours */
	ICMP_ECHO_GOT_LOCAL,	/* a local error (e.g. message too long) */
};

struct icmp_echo_event {
	enum icmp_echo_kind kind;
	unsigned int seq;
	struct in_addr from;	/* who replied, or sent the error */
	int bytes;		/* ICMP bytes received */
	int ttl;		/* of the reply; -1 unknown */
	long rtt_us;		/* round trip in microseconds; -1 unknown */
	unsigned char type, code; /* of the ICMP error */
	unsigned int info;	/* its extra (next-hop MTU) */
	int local_errno;	/* GOT_LOCAL: the errno */
};

/* Opens the echo socket in ns (NULL: host) for dst.  0.0.0.0 means
 * the namespace's own address, as for iputils. */
int icmp_echo_open(const char *ns, struct in_addr dst, struct icmp_echo **out);
/* The address requests go to (dst, or the source for 0.0.0.0). */
struct in_addr icmp_echo_target(const struct icmp_echo *e);
/* The namespace's own address they leave from. */
struct in_addr icmp_echo_source(const struct icmp_echo *e);
int icmp_echo_fd(const struct icmp_echo *e);
/* Sends echo request number seq (1, 2, ...). */
int icmp_echo_send(struct icmp_echo *e, unsigned int seq);
/* One event: 1 with *ev filled, 0 when nothing is waiting, or -errno. */
int icmp_echo_receive(struct icmp_echo *e, struct icmp_echo_event *ev);
void icmp_echo_close(struct icmp_echo *e);

#endif
