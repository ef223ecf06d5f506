/* pkt-private.h: what pkt.c, pkt-text.c, pkt-tcp.c and pkt-ip6.c share.
 *
 * Not for the rest of nstutor (use pkt.h): byte readers, the EtherTypes
 * and TCP flags they test, the bounded text buffer every writer appends
 * to, and each file's part of decoding and formatting.
 */
#ifndef NSTUTOR_PKT_PRIVATE_H
#define NSTUTOR_PKT_PRIVATE_H

#include "pkt.h"

#define ETH_HLEN_ 14
#define ETYPE_IPV4 0x0800
#define ETYPE_ARP 0x0806
#define ETYPE_RARP 0x8035
#define ETYPE_IPV6 0x86dd
#define ETYPE_TRAIL 0x1000

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10
#define TCP_URG 0x20

static inline uint16_t be16(const unsigned char *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static inline uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

/* ---- decoding (pkt.c, pkt-ip6.c) ---- */

/* Keeps the first bytes of an IP payload of len bytes (cap captured) in
 * p->l4 and reads it as proto's header (ICMP, TCP, UDP). */
void pkt_decode_l4(const unsigned char *l4, uint32_t cap, uint32_t len,
		   uint8_t proto, struct pkt *p);

/* The IPv6 header at ip (cap bytes captured, wire on the wire). */
void pkt_decode_ipv6(const unsigned char *ip, uint32_t cap, uint32_t wire,
		     struct pkt *p);

/* ---- text (pkt-text.c) ---- */

/* A line being written: never past size, always terminated. */
struct pkt_out {
	char *buf;
	size_t size, used;
	bool names;	/* MACs as tcpdump without -n writes them */
};

void pkt_put(struct pkt_out *o, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* tcpdump's mark for a capture that ends inside proto's header:
 * " [|proto]". */
void pkt_trunc(struct pkt_out *o, const char *proto);

void pkt_put_ip(struct pkt_out *o, struct in_addr a);
void pkt_put_ip6(struct pkt_out *o, const uint8_t a[16]);

/* Another protocol in IPv4 or IPv6, as tcpdump's demultiplexer says. */
void pkt_put_ip_other(struct pkt_out *o, unsigned version, uint8_t proto,
		      uint32_t len);

/* A number's name in a table of n (NULL if none). */
struct pkt_name {
	unsigned value;
	const char *text;
};
const char *pkt_name_of(const struct pkt_name *t, size_t n, unsigned value);

/* ---- per protocol (pkt-tcp.c, pkt-ip6.c) ---- */

void pkt_format_tcp(const struct pkt *p, struct pkt_out *o);
void pkt_format_udp(const struct pkt *p, struct pkt_out *o);
void pkt_format_ipv6(const struct pkt *p, bool link, struct pkt_out *o);

#endif
