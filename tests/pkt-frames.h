/* pkt-frames.h: hand-made Ethernet frames of every kind pkt.c reads,
 * shared by tests/unit-pkt.c and tests/pkt-gen.c (the tcpdump oracle).
 *
 * frames_make() fills a table of named frames: ARP, ICMP, TCP, UDP,
 * fragments, VLAN, IPv6 and a few strange ones.  Checksums are left 0:
 * tcpdump -n does not look at them.
 */
#ifndef NSTUTOR_PKT_FRAMES_H
#define NSTUTOR_PKT_FRAMES_H

#include <stdint.h>
#include <string.h>

#define FRAME_MAX 256

struct frame {
	const char *name;
	unsigned char b[FRAME_MAX];
	uint32_t len;
};

static const unsigned char F_RED[6] = { 0x3a, 0xc6, 0x51, 0xd6, 0x08, 0x40 };
static const unsigned char F_BLUE[6] = { 0x6e, 0x1f, 0x02, 0xa3, 0xb4, 0xc5 };
static const unsigned char F_BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const unsigned char F_ZERO[6];

static void f_put16(unsigned char *b, uint16_t v)
{
	b[0] = (unsigned char)(v >> 8);
	b[1] = (unsigned char)v;
}

static void f_put32(unsigned char *b, uint32_t v)
{
	f_put16(b, (uint16_t)(v >> 16));
	f_put16(b + 2, (uint16_t)v);
}

static void f_ip4(unsigned char *b, unsigned a, unsigned c, unsigned d,
		  unsigned e)
{
	b[0] = (unsigned char)a;
	b[1] = (unsigned char)c;
	b[2] = (unsigned char)d;
	b[3] = (unsigned char)e;
}

/* Ethernet header; returns its length (14, or 18 with a VLAN tag). */
static uint32_t f_eth(struct frame *f, const unsigned char *dst,
		      const unsigned char *src, uint16_t type, int vlan)
{
	memcpy(f->b, dst, 6);
	memcpy(f->b + 6, src, 6);
	if (vlan >= 0) {
		f_put16(f->b + 12, 0x8100);
		f_put16(f->b + 14, (uint16_t)vlan);
		f_put16(f->b + 16, type);
		return 18;
	}
	f_put16(f->b + 12, type);
	return 14;
}

static void f_arp(struct frame *f, const char *name, uint16_t hrd,
		  uint16_t op, const unsigned char *sha, const unsigned char *spa,
		  const unsigned char *tha, const unsigned char *tpa,
		  const unsigned char *dst)
{
	uint32_t o = f_eth(f, dst, sha, 0x0806, -1);
	unsigned char *a = f->b + o;

	f->name = name;
	f_put16(a, hrd);
	f_put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	f_put16(a + 6, op);
	memcpy(a + 8, sha, 6);
	memcpy(a + 14, spa, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa, 4);
	f->len = o + 28;
}

/* IPv4 header of a packet with plen bytes of payload; returns where the
 * payload starts. */
static uint32_t f_ipv4(struct frame *f, int vlan, uint8_t proto,
		       const unsigned char *src, const unsigned char *dst,
		       uint32_t plen, uint16_t off)
{
	uint32_t o = f_eth(f, F_BLUE, F_RED, 0x0800, vlan);
	unsigned char *ip = f->b + o;

	ip[0] = 0x45;
	ip[1] = 0;
	f_put16(ip + 2, (uint16_t)(20 + plen));
	f_put16(ip + 4, 0x1234);
	f_put16(ip + 6, off);
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	f->len = o + 20 + plen;
	return o + 20;
}

static void f_fill(unsigned char *b, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		b[i] = (unsigned char)(0x10 + i);
}

static void f_echo(struct frame *f, const char *name, uint8_t type,
		   uint16_t id, uint16_t seq, int vlan)
{
	unsigned char s[4], d[4];
	uint32_t o;

	f_ip4(s, 11, 11, 11, type == 8 ? 2 : 3);
	f_ip4(d, 11, 11, 11, type == 8 ? 3 : 2);
	o = f_ipv4(f, vlan, 1, s, d, 64, 0x4000);
	f->name = name;
	f->b[o] = type;
	f->b[o + 1] = 0;
	f_put16(f->b + o + 4, id);
	f_put16(f->b + o + 6, seq);
	f_fill(f->b + o + 8, 56);
}

/* An ICMP error from 11.11.11.1 quoting an echo request, or a UDP or TCP
 * packet (inner) from 11.11.11.2 to 11.11.11.3. */
static void f_icmp_error(struct frame *f, const char *name, uint8_t type,
			 uint8_t code, uint8_t inner, uint16_t mtu)
{
	unsigned char s[4], d[4], is[4], id[4];
	uint32_t o;
	unsigned char *q;

	f_ip4(s, 11, 11, 11, 1);
	f_ip4(d, 11, 11, 11, 2);
	f_ip4(is, 11, 11, 11, 2);
	f_ip4(id, 11, 11, 11, 3);
	o = f_ipv4(f, -1, 1, s, d, 8 + 28, 0);
	f->name = name;
	f->b[o] = type;
	f->b[o + 1] = code;
	f_put16(f->b + o + 6, mtu);
	q = f->b + o + 8;
	q[0] = 0x45;
	f_put16(q + 2, 84);
	q[8] = 1;
	q[9] = inner;
	memcpy(q + 12, is, 4);
	memcpy(q + 16, id, 4);
	if (inner == 1) {
		q[20] = 8;
		f_put16(q + 24, 5);
		f_put16(q + 26, 1);
	} else {
		f_put16(q + 20, 33333);
		f_put16(q + 22, inner == 6 ? 80 : 53);
		f_put16(q + 24, 16);
	}
}

static const unsigned char F_SYN_OPTS[20] = {
	2, 4, 0x05, 0xb4,		/* mss 1460 */
	4, 2,				/* sackOK */
	8, 10, 0, 0, 0x30, 0x39, 0, 0, 0, 0, /* TS val 12345 ecr 0 */
	1,				/* nop */
	3, 3, 7,			/* wscale 7 */
};

static void f_tcp(struct frame *f, const char *name, bool out, uint8_t flags,
		  uint32_t seq, uint32_t ack, const unsigned char *opts,
		  uint32_t olen, uint32_t dlen, uint16_t sport, uint16_t dport)
{
	unsigned char a[4], b[4];
	uint32_t o, hl = 20 + olen;
	unsigned char *t;

	f_ip4(a, 198, 51, 100, 1);
	f_ip4(b, 11, 11, 11, 3);
	o = f_ipv4(f, -1, 6, out ? a : b, out ? b : a, hl + dlen, 0x4000);
	if (!out)
		memcpy(f->b, F_RED, 6), memcpy(f->b + 6, F_BLUE, 6);
	f->name = name;
	t = f->b + o;
	f_put16(t, sport);
	f_put16(t + 2, dport);
	f_put32(t + 4, seq);
	f_put32(t + 8, ack);
	t[12] = (unsigned char)((hl / 4) << 4);
	t[13] = flags;
	f_put16(t + 14, 64240);
	if (olen)
		memcpy(t + 20, opts, olen);
	f_fill(t + hl, dlen);
}

static void f_udp(struct frame *f, const char *name, uint16_t sport,
		  uint16_t dport, uint32_t dlen, uint16_t ulen_field)
{
	unsigned char a[4], b[4];
	uint32_t o;

	f_ip4(a, 11, 11, 11, 2);
	f_ip4(b, 11, 11, 11, 3);
	o = f_ipv4(f, -1, 17, a, b, 8 + dlen, 0);
	f->name = name;
	f_put16(f->b + o, sport);
	f_put16(f->b + o + 2, dport);
	f_put16(f->b + o + 4, ulen_field ? ulen_field : (uint16_t)(8 + dlen));
	f_fill(f->b + o + 8, dlen);
}

static void f_ipv6(struct frame *f, const char *name, uint8_t nxt,
		   uint32_t plen)
{
	uint32_t o = f_eth(f, F_BLUE, F_RED, 0x86dd, -1);
	unsigned char *ip = f->b + o;

	f->name = name;
	ip[0] = 0x60;
	f_put16(ip + 4, (uint16_t)plen);
	ip[6] = nxt;
	ip[7] = 64;
	ip[8] = 0xfe, ip[9] = 0x80, ip[23] = 2;
	ip[24] = 0xfe, ip[25] = 0x80, ip[39] = 3;
	f->len = o + 40 + plen;
	memset(ip + 40, 0, plen);
}

#define FRAMES_MAX 64

static void f_ip6addr(unsigned char *b, const char *which)
{
	static const unsigned char ll2[16] = { 0xfe, 0x80, [8] = 0x38, 0xc6,
		0x51, 0xff, 0xfe, 0xd6, 0x08, 0x40 };
	static const unsigned char ll3[16] = { 0xfe, 0x80, [8] = 0x6c, 0x1f,
		0x02, 0xff, 0xfe, 0xa3, 0xb4, 0xc5 };
	static const unsigned char sol3[16] = { 0xff, 0x02, [11] = 1, 0xff,
		0xa3, 0xb4, 0xc5 };
	static const unsigned char mld[16] = { 0xff, 0x02, [15] = 0x16 };
	static const unsigned char rtr[16] = { 0xff, 0x02, [15] = 0x02 };

	memset(b, 0, 16);
	if (!strcmp(which, "ll2"))
		memcpy(b, ll2, 16);
	else if (!strcmp(which, "ll3"))
		memcpy(b, ll3, 16);
	else if (!strcmp(which, "sol3"))
		memcpy(b, sol3, 16);
	else if (!strcmp(which, "mld"))
		memcpy(b, mld, 16);
	else if (!strcmp(which, "rtr"))
		memcpy(b, rtr, 16);
}

/* An IPv6 packet (with a hop-by-hop header when hbh) carrying plen bytes
 * of nxt; returns where they start. */
static uint32_t f_ip6(struct frame *f, const char *name, const char *src,
		      const char *dst, bool hbh, uint8_t nxt, uint32_t plen)
{
	uint32_t o = f_eth(f, F_BLUE, F_RED, 0x86dd, -1);
	unsigned char *ip = f->b + o;

	f->name = name;
	ip[0] = 0x60;
	f_put16(ip + 4, (uint16_t)(plen + (hbh ? 8 : 0)));
	ip[6] = hbh ? 0 : nxt;
	ip[7] = hbh ? 1 : 255;
	f_ip6addr(ip + 8, src);
	f_ip6addr(ip + 24, dst);
	o += 40;
	if (hbh) {
		/* next, length 0, router alert (MLD), PadN of 2 */
		static const unsigned char opts[6] = { 5, 2, 0, 0, 1, 0 };

		f->b[o] = nxt;
		f->b[o + 1] = 0;
		memcpy(f->b + o + 2, opts, 6);
		o += 8;
	}
	f->len = o + plen;
	return o;
}

static void f_icmp6(struct frame *f, const char *name, const char *src,
		    const char *dst, uint8_t type, uint8_t code, uint32_t plen)
{
	uint32_t o = f_ip6(f, name, src, dst, type == 143, 58, plen);

	f->b[o] = type;
	f->b[o + 1] = code;
	switch (type) {
	case 128:
	case 129:
		f_put16(f->b + o + 4, 9);
		f_put16(f->b + o + 6, 2);
		f_fill(f->b + o + 8, plen - 8);
		break;
	case 135:
	case 136:
		f_ip6addr(f->b + o + 8, "ll3");
		break;
	case 143:
		f_put16(f->b + o + 6, 1);
		f->b[o + 8] = 4;
		f_ip6addr(f->b + o + 12, "sol3");
		break;
	case 2:
		f_put32(f->b + o + 4, 1280);
		break;
	case 1:
	case 3:
		/* the quoted packet: UDP from ll2 to ll3, port 4444 */
		f->b[o + 8] = 0x60;
		f->b[o + 8 + 6] = 17;
		f_ip6addr(f->b + o + 8 + 8, "ll2");
		f_ip6addr(f->b + o + 8 + 24, "ll3");
		f_put16(f->b + o + 48, 55007);
		f_put16(f->b + o + 50, 4444);
		break;
	default:
		break;
	}
}

/* Fills f[FRAMES_MAX]; returns how many. */
static size_t frames_make(struct frame *f)
{
	unsigned char ip2[4], ip3[4], ip9[4];
	static const unsigned char tha[6] = { 0x02, 0, 0, 0, 0, 0x09 };
	size_t n = 0;

	f_ip4(ip2, 11, 11, 11, 2);
	f_ip4(ip3, 11, 11, 11, 3);
	f_ip4(ip9, 11, 11, 11, 9);
	memset(f, 0, FRAMES_MAX * sizeof(*f));

	f_arp(&f[n++], "arp-request", 1, 1, F_RED, ip2, F_ZERO, ip3, F_BCAST);
	f_arp(&f[n++], "arp-reply", 1, 2, F_BLUE, ip3, F_RED, ip2, F_RED);
	f_arp(&f[n++], "arp-gratuitous-request", 1, 1, F_RED, ip2, F_ZERO,
	      ip2, F_BCAST);
	f_arp(&f[n++], "arp-gratuitous-reply", 1, 2, F_RED, ip2, F_BCAST, ip2,
	      F_BCAST);
	f_arp(&f[n++], "arp-request-tha", 1, 1, F_RED, ip2, tha, ip9, F_BCAST);
	f_arp(&f[n++], "arp-rarp-op", 1, 3, F_RED, ip2, tha, ip9, F_BCAST);
	f_arp(&f[n++], "arp-inverse-reply", 1, 9, F_RED, ip2, tha, ip9, F_BCAST);
	f_arp(&f[n++], "arp-ieee802", 6, 1, F_RED, ip2, F_ZERO, ip3, F_BCAST);
	f_arp(&f[n], "arp-ipv6-proto", 1, 1, F_RED, ip2, F_ZERO, ip3, F_BCAST);
	f_put16(f[n++].b + 16, 0x86dd);
	/* padded to Ethernet's 60 bytes, as a real NIC sends it */
	f_arp(&f[n], "arp-padded", 1, 1, F_RED, ip2, F_ZERO, ip3, F_BCAST);
	f[n++].len = 60;

	f_echo(&f[n++], "icmp-echo-request", 8, 5, 1, -1);
	f_echo(&f[n++], "icmp-echo-reply", 0, 5, 1, -1);
	f_echo(&f[n++], "vlan-echo-request", 8, 7, 3, 10);
	f_echo(&f[n++], "vlan-prio-echo-reply", 0, 7, 3, 0xa000 | 20);
	f_icmp_error(&f[n++], "icmp-host-unreach", 3, 1, 1, 0);
	f_icmp_error(&f[n++], "icmp-net-unreach", 3, 0, 1, 0);
	f_icmp_error(&f[n++], "icmp-port-unreach-udp", 3, 3, 17, 0);
	f_icmp_error(&f[n++], "icmp-port-unreach-tcp", 3, 3, 6, 0);
	f_icmp_error(&f[n++], "icmp-proto-unreach", 3, 2, 99, 0);
	f_icmp_error(&f[n++], "icmp-need-frag", 3, 4, 17, 1400);
	f_icmp_error(&f[n++], "icmp-filter-prohib", 3, 13, 1, 0);
	f_icmp_error(&f[n++], "icmp-unreach-code-20", 3, 20, 1, 0);
	f_icmp_error(&f[n++], "icmp-time-exceeded", 11, 0, 1, 0);
	f_icmp_error(&f[n++], "icmp-reass-exceeded", 11, 1, 1, 0);
	f_icmp_error(&f[n++], "icmp-redirect-host", 5, 1, 1, 0);
	f_icmp_error(&f[n++], "icmp-type-99", 99, 0, 1, 0);
	f_icmp_error(&f[n++], "icmp-source-quench", 4, 0, 1, 0);

	f_tcp(&f[n++], "tcp-syn", true, 0x02, 1000000, 0, F_SYN_OPTS, 20, 0,
	      40000, 80);
	f_tcp(&f[n++], "tcp-syn-ack", false, 0x12, 3000000, 1000001,
	      F_SYN_OPTS, 20, 0, 80, 40000);
	f_tcp(&f[n++], "tcp-ack", true, 0x10, 1000001, 3000001, NULL, 0, 0,
	      40000, 80);
	f_tcp(&f[n++], "tcp-psh-data", true, 0x18, 1000001, 3000001, NULL, 0,
	      5, 40000, 5555);
	f_tcp(&f[n++], "tcp-fin", true, 0x11, 1000006, 3000001, NULL, 0, 0,
	      40000, 5555);
	f_tcp(&f[n++], "tcp-rst", false, 0x04, 3000001, 0, NULL, 0, 0, 80,
	      40000);
	f_tcp(&f[n++], "tcp-urg-ece-cwr", true, 0xe0 | 0x10, 7, 9, NULL, 0,
	      0, 40000, 5555);
	f_tcp(&f[n++], "tcp-no-flags", true, 0, 7, 9, NULL, 0, 0, 40000, 5555);
	f_tcp(&f[n++], "tcp-bad-hl", true, 0x10, 7, 9, NULL, 0, 0, 40000, 5555);
	f[n - 1].b[14 + 20 + 12] = 0x30;
	f_tcp(&f[n++], "tcp-bad-opt", true, 0x02, 7, 0,
	      (const unsigned char *)"\x02\x09\x05\xb4", 4, 0, 40000, 5555);

	f_udp(&f[n++], "udp", 3333, 4444, 12, 0);
	f_udp(&f[n++], "udp-bad-length", 3333, 4444, 12, 100);
	f_udp(&f[n++], "udp-short-length", 3333, 4444, 12, 4);

	f_ipv4(&f[n], -1, 99, ip2, ip3, 20, 0);
	f[n++].name = "ip-proto-99";
	f_ipv4(&f[n], -1, 17, ip2, ip3, 40, 0x2000);
	f_udp(&f[n], "ip-first-fragment", 3333, 4444, 32, 200);
	f_put16(f[n++].b + 14 + 6, 0x2000);
	f_ipv4(&f[n], -1, 17, ip2, ip3, 40, 0x0005);
	f[n++].name = "ip-later-fragment";
	f_ipv4(&f[n], -1, 99, ip2, ip3, 20, 0);
	f[n].b[14] = 0x44;
	f[n++].name = "ip-bad-hlen";
	f_ipv4(&f[n], -1, 99, ip2, ip3, 20, 0);
	f_put16(f[n].b + 14 + 2, 10);
	f[n++].name = "ip-bad-len";

	f_ipv6(&f[n++], "ipv6-proto-99", 99, 8);
	f_icmp6(&f[n++], "ipv6-echo-request", "ll2", "ll3", 128, 0, 64);
	f_icmp6(&f[n++], "ipv6-neighbor-solicitation", "any", "sol3", 135, 0,
		24);
	f_icmp6(&f[n++], "ipv6-neighbor-advertisement", "ll3", "ll2", 136, 0,
		24);
	f_icmp6(&f[n++], "ipv6-router-solicitation", "ll2", "rtr", 133, 0, 8);
	f_icmp6(&f[n++], "ipv6-mldv2-report", "any", "mld", 143, 0, 28);
	f_icmp6(&f[n++], "ipv6-port-unreach", "ll3", "ll2", 1, 4, 56);
	f_icmp6(&f[n++], "ipv6-packet-too-big", "ll3", "ll2", 2, 0, 56);
	f_icmp6(&f[n++], "ipv6-time-exceeded", "ll3", "ll2", 3, 0, 56);
	f_ip6(&f[n], "ipv6-udp", "ll2", "ll3", false, 17, 10);
	f_put16(f[n].b + 54, 55007);
	f_put16(f[n].b + 56, 4444);
	f_put16(f[n++].b + 58, 10);
	f_ip6(&f[n], "ipv6-tcp-syn", "ll2", "ll3", false, 6, 20);
	f_put16(f[n].b + 54, 41450);
	f_put16(f[n].b + 56, 5555);
	f_put32(f[n].b + 58, 2619389330u);
	f[n].b[66] = 0x50;
	f[n].b[67] = 0x02;
	f_put16(f[n++].b + 68, 64800);
	f_ipv4(&f[n], -1, 1, ip2, ip3, 20, 0);
	f[n].b[14] = 0x65;
	f[n++].name = "ip-version-6-in-ipv4";
	f_ipv4(&f[n], -1, 1, ip2, ip3, 20, 0);
	f[n].b[14] = 0x55;
	f[n++].name = "ip-version-5";
	f_eth(&f[n], F_BCAST, F_RED, 0x88b5, -1);
	f[n].len = 60;
	f[n++].name = "ethertype-unknown";
	return n;
}

#endif
