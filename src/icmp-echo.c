/* icmp-echo.c: the native ping engine: ICMP echo sockets in a namespace. */
#include "system.h"

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <netinet/ip.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

#include "icmp-echo.h"
#include "netns.h"

#define ECHO_LEN (8 + ICMP_ECHO_DATALEN)

struct icmp_echo {
	int fd;
	bool raw;		/* SOCK_RAW: IP header seen, our own id */
	uint16_t ident;		/* network order; raw sockets only */
	struct sockaddr_in dst;
	struct in_addr src;
	unsigned char packet[ECHO_LEN];
};

/* Which source address the namespace would use for dst: the route
 * lookup iputils does with a connected UDP socket (nothing is sent). */
static int route_probe(const char *ns, struct sockaddr_in *dst,
		       struct in_addr *src)
{
	struct sockaddr_in to = *dst, me;
	socklen_t len = sizeof(me);
	_cleanup_close_ int fd = netns_socket(ns, AF_INET, SOCK_DGRAM,
					      IPPROTO_UDP);

	if (fd < 0)
		return fd;
	to.sin_port = htons(1025);
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	if (getsockname(fd, (struct sockaddr *)&me, &len) < 0)
		return -errno;
	*src = me.sin_addr;
	return 0;
}

/* A datagram ICMP socket when ping_group_range allows it, else raw. */
static int echo_socket(const char *ns, bool *raw)
{
	int fd = netns_socket(ns, AF_INET, SOCK_DGRAM, IPPROTO_ICMP);

	*raw = false;
	if (fd >= 0 || (fd != -EACCES && fd != -EPERM &&
			fd != -EPROTONOSUPPORT && fd != -EAFNOSUPPORT))
		return fd;
	*raw = true;
	return netns_socket(ns, AF_INET, SOCK_RAW, IPPROTO_ICMP);
}

static int echo_setup(struct icmp_echo *e)
{
	int on = 1;

	if (e->raw) {
		struct icmp_filter filt = {.data = ~(1u << ICMP_ECHOREPLY)};

		if (setsockopt(e->fd, SOL_RAW, ICMP_FILTER, &filt,
			       sizeof(filt)) < 0)
			return -errno;
	} else if (setsockopt(e->fd, SOL_IP, IP_RECVTTL, &on, sizeof(on)) < 0) {
		return -errno;
	}
	if (setsockopt(e->fd, SOL_IP, IP_RECVERR, &on, sizeof(on)) < 0 ||
	    setsockopt(e->fd, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof(on)) < 0)
		return -errno;
	return 0;
}

static uint16_t random_ident(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return htons(((unsigned int)getpid() ^ ts.tv_nsec) & 0xffff) | 1;
}

int icmp_echo_open(const char *ns, struct in_addr dst, struct icmp_echo **out)
{
	struct icmp_echo *e = calloc(1, sizeof(*e));
	int err;

	*out = NULL;
	if (!e)
		return -ENOMEM;
	e->fd = -1;
	e->dst = (struct sockaddr_in){.sin_family = AF_INET, .sin_addr = dst};
	err = route_probe(ns, &e->dst, &e->src);
	if (err == 0 && dst.s_addr == INADDR_ANY)
		e->dst.sin_addr = e->src;
	if (err == 0)
		err = e->fd = echo_socket(ns, &e->raw);
	if (err >= 0)
		err = echo_setup(e);
	if (err < 0) {
		icmp_echo_close(e);
		return err;
	}
	e->ident = random_ident();
	*out = e;
	return 0;
}

struct in_addr icmp_echo_target(const struct icmp_echo *e)
{
	return e->dst.sin_addr;
}

struct in_addr icmp_echo_source(const struct icmp_echo *e)
{
	return e->src;
}

int icmp_echo_fd(const struct icmp_echo *e)
{
	return e->fd;
}

void icmp_echo_close(struct icmp_echo *e)
{
	if (!e)
		return;
	if (e->fd >= 0)
		close(e->fd);
	free(e);
}

static uint16_t checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (p[i] << 8) | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

int icmp_echo_send(struct icmp_echo *e, unsigned int seq)
{
	struct icmphdr *icp = (struct icmphdr *)e->packet;
	struct timeval now;
	ssize_t n;

	for (size_t i = 0; i < ICMP_ECHO_DATALEN; i++)
		e->packet[8 + i] = i;
	*icp = (struct icmphdr){.type = ICMP_ECHO};
	icp->un.echo.id = e->ident;
	icp->un.echo.sequence = htons(seq & 0xffff);
	gettimeofday(&now, NULL);
	memcpy(e->packet + 8, &now, sizeof(now));
	icp->checksum = checksum(e->packet, ECHO_LEN);
	n = sendto(e->fd, e->packet, ECHO_LEN, 0, (struct sockaddr *)&e->dst,
		   sizeof(e->dst));
	if (n < 0)
		return -errno;
	return n == ECHO_LEN ? 0 : -EIO;
}

/* An error about one of our requests from the socket's error queue:
 * 1 with *ev, 0 for someone else's, -EAGAIN when the queue is empty. */
static int receive_error(struct icmp_echo *e, struct icmp_echo_event *ev)
{
	struct icmphdr icmph;
	struct sockaddr_in target;
	char cbuf[512];
	struct iovec iov = {.iov_base = &icmph, .iov_len = sizeof(icmph)};
	struct msghdr msg = {.msg_name = &target,
			     .msg_namelen = sizeof(target),
			     .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf)};
	struct sock_extended_err *ee = NULL;
	ssize_t n = recvmsg(e->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);

	if (n < 0)
		return -EAGAIN;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c;
	     c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR)
			ee = (struct sock_extended_err *)CMSG_DATA(c);
	if (!ee)
		return 0;
	*ev = (struct icmp_echo_event){.ttl = -1, .rtt_us = -1};
	if (ee->ee_origin == SO_EE_ORIGIN_LOCAL) {
		ev->kind = ICMP_ECHO_GOT_LOCAL;
		ev->local_errno = ee->ee_errno;
		ev->info = ee->ee_info;
		return 1;
	}
	if (ee->ee_origin != SO_EE_ORIGIN_ICMP || n < (ssize_t)sizeof(icmph) ||
	    target.sin_addr.s_addr != e->dst.sin_addr.s_addr ||
	    icmph.type != ICMP_ECHO || (e->raw && icmph.un.echo.id != e->ident))
		return 0;
	ev->kind = ICMP_ECHO_GOT_ERROR;
	ev->seq = ntohs(icmph.un.echo.sequence);
	ev->from = ((struct sockaddr_in *)SO_EE_OFFENDER(ee))->sin_addr;
	ev->type = ee->ee_type;
	ev->code = ee->ee_code;
	ev->info = ee->ee_info;
	return 1;
}

static long rtt_of(const unsigned char *payload, struct msghdr *msg)
{
	struct timeval sent, got = {0};
	bool stamped = false;
	long us;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SO_TIMESTAMP &&
		    c->cmsg_len >= CMSG_LEN(sizeof(got))) {
			memcpy(&got, CMSG_DATA(c), sizeof(got));
			stamped = true;
		}
	if (!stamped)
		gettimeofday(&got, NULL);
	memcpy(&sent, payload, sizeof(sent));
	us = (got.tv_sec - sent.tv_sec) * 1000000L +
		  (got.tv_usec - sent.tv_usec);
	return us < 0 ? 0 : us;
}

static int ttl_of(struct msghdr *msg)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c))
		if (c->cmsg_level == SOL_IP && c->cmsg_type == IP_TTL)
			return *(int *)CMSG_DATA(c);
	return -1;
}

/* Is buf (n bytes, with the IP header on raw sockets) a reply to us? */
static int parse_reply(struct icmp_echo *e, unsigned char *buf, ssize_t n,
		       struct msghdr *msg, struct icmp_echo_event *ev)
{
	const struct icmphdr *icp;
	int hlen = 0, ttl;

	if (e->raw) {
		const struct iphdr *ip = (const struct iphdr *)buf;

		hlen = ip->ihl * 4;
		if (n < hlen + 8 || ip->ihl < 5)
			return 0;
		ttl = ip->ttl;
	} else {
		ttl = ttl_of(msg);
	}
	icp = (const struct icmphdr *)(buf + hlen);
	if (n - hlen < 8 || icp->type != ICMP_ECHOREPLY ||
	    (e->raw && icp->un.echo.id != e->ident))
		return 0;
	*ev = (struct icmp_echo_event){.kind = ICMP_ECHO_GOT_REPLY};
	ev->seq = ntohs(icp->un.echo.sequence);
	ev->from = ((struct sockaddr_in *)msg->msg_name)->sin_addr;
	ev->bytes = n - hlen;
	ev->ttl = ttl;
	ev->rtt_us = ev->bytes >= 8 + (int)sizeof(struct timeval) ?
			     rtt_of(buf + hlen + 8, msg) : -1;
	return 1;
}

int icmp_echo_receive(struct icmp_echo *e, struct icmp_echo_event *ev)
{
	unsigned char buf[4096];
	char cbuf[512];
	struct sockaddr_in from;
	int r;

	for (;;) {
		struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
		struct msghdr msg = {.msg_name = &from,
				     .msg_namelen = sizeof(from),
				     .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = cbuf,
				     .msg_controllen = sizeof(cbuf)};
		ssize_t n = recvmsg(e->fd, &msg, MSG_DONTWAIT);

		if (n >= 0) {
			if (parse_reply(e, buf, n, &msg, ev))
				return 1;
			continue;
		}
		if (errno == EINTR)
			return 0;
		/* EAGAIN, or the pending error (EHOSTUNREACH) the kernel
		 * reports once: read what the error queue holds. */
		while ((r = receive_error(e, ev)) == 0)
			;
		return r == 1;
	}
}
