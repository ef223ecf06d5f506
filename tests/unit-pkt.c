/* unit-pkt.c: pkt.c on hand-made frames (tests/pkt-frames.h): every kind
 * with its fields, tcpdump's lines for the tutorial's frames, labels,
 * and every frame cut at every length (no crash, truncated, a sensible
 * kind).  tests/pkt-oracle.sh compares all the lines with tcpdump. */
#include "system.h"

#include <arpa/inet.h>

#include "pkt.h"
#include "pkt-frames.h"
#include "tap.h"

static struct frame frames[FRAMES_MAX];
static size_t nframes;

static const struct frame *frame(const char *name)
{
	for (size_t i = 0; i < nframes; i++)
		if (streq(frames[i].name, name))
			return &frames[i];
	printf("# no frame %s\n", name);
	exit(1);
}

static struct pkt decoded(const char *name)
{
	const struct frame *f = frame(name);
	struct pkt p;

	pkt_decode(f->b, f->len, f->len, &p);
	return p;
}

static const char *ip(struct in_addr a)
{
	static char text[4][INET_ADDRSTRLEN];
	static int n;

	n = (n + 1) % 4;
	return inet_ntop(AF_INET, &a, text[n], INET_ADDRSTRLEN);
}

static const char *mac(const uint8_t m[6])
{
	static char text[4][18];
	static int n;

	n = (n + 1) % 4;
	pkt_mac_text(m, text[n]);
	return text[n];
}

static const char *line(const char *name, bool link)
{
	static char buf[512];
	struct pkt p = decoded(name);

	pkt_format(&p, link, buf, sizeof(buf));
	return buf;
}

static void test_ethernet(void)
{
	struct pkt p = decoded("arp-request");

	is_str(mac(p.eth_src), "3a:c6:51:d6:08:40", "Ethernet source");
	is_str(mac(p.eth_dst), "ff:ff:ff:ff:ff:ff", "Ethernet destination");
	ok(p.ethertype == 0x0806 && p.vlan == -1, "ARP, untagged");
	ok(p.len == 42 && p.caplen == 42 && !p.truncated, "lengths kept");
	p = decoded("vlan-echo-request");
	ok(p.vlan == 10 && p.ethertype == 0x0800 && p.l3_off == 18,
	   "802.1Q tag 10, then IPv4 at 18");
	ok(p.kind == PKT_ICMP_ECHO_REQUEST && p.icmp_id == 7 && p.icmp_seq == 3,
	   "the tagged echo request is read");
	p = decoded("vlan-prio-echo-reply");
	ok(p.vlan == 20 && p.vlan_tci >> 13 == 5, "tag 20, priority 5");
	p = decoded("ethertype-unknown");
	ok(p.kind == PKT_OTHER && p.ethertype == 0x88b5 && !p.truncated,
	   "an unknown EtherType is PKT_OTHER");
	is_str(line("ethertype-unknown", false),
	       "3a:c6:51:d6:08:40 > ff:ff:ff:ff:ff:ff, ethertype Unknown "
	       "(0x88b5), length 60: ", "tcpdump's line for it");
}

static void test_arp(void)
{
	struct pkt p = decoded("arp-request");

	ok(p.kind == PKT_ARP_REQUEST && p.arp_op == 1, "ARP request");
	is_str(ip(p.arp_spa), "11.11.11.2", "sender IP");
	is_str(ip(p.arp_tpa), "11.11.11.3", "target IP");
	is_str(mac(p.arp_sha), "3a:c6:51:d6:08:40", "sender MAC");
	is_str(mac(p.arp_tha), "00:00:00:00:00:00", "target MAC");
	is_str(line("arp-request", false),
	       "ARP, Request who-has 11.11.11.3 tell 11.11.11.2, length 28",
	       "tcpdump -n's request");
	is_str(line("arp-request", true),
	       "3a:c6:51:d6:08:40 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), "
	       "length 42: Request who-has 11.11.11.3 tell 11.11.11.2, length 28",
	       "tcpdump -e -n's request");
	p = decoded("arp-reply");
	ok(p.kind == PKT_ARP_REPLY && p.arp_op == 2, "ARP reply");
	is_str(mac(p.arp_sha), "6e:1f:02:a3:b4:c5", "the reply's MAC");
	is_str(line("arp-reply", false),
	       "ARP, Reply 11.11.11.3 is-at 6e:1f:02:a3:b4:c5, length 28",
	       "tcpdump -n's reply");
	ok(decoded("arp-gratuitous-request").kind == PKT_ARP_GRATUITOUS,
	   "a request about its own address is gratuitous");
	ok(decoded("arp-gratuitous-reply").kind == PKT_ARP_GRATUITOUS,
	   "a reply about its own address is gratuitous");
	p = decoded("arp-request-tha");
	ok(p.kind == PKT_ARP_REQUEST, "a request with a target MAC");
	is_str(mac(p.arp_tha), "02:00:00:00:00:09", "its target MAC");
	p = decoded("arp-rarp-op");
	ok(p.kind == PKT_ARP_OTHER && p.arp_op == 3, "RARP op is ARP_OTHER");
	ok(decoded("arp-inverse-reply").kind == PKT_ARP_OTHER,
	   "InARP reply is ARP_OTHER");
	p = decoded("arp-ieee802");
	ok(p.kind == PKT_ARP_OTHER && p.arp_hrd == 6,
	   "other hardware is ARP_OTHER");
	ok(decoded("arp-ipv6-proto").kind == PKT_ARP_OTHER,
	   "another protocol is ARP_OTHER");
	is_str(line("arp-ipv6-proto", false),
	       "ARP, Ethernet (len 6), IPv6 (len 4), length 28",
	       "tcpdump's line for it");
	p = decoded("arp-padded");
	ok(p.kind == PKT_ARP_REQUEST && !p.truncated, "padding is no harm");
	is_str(line("arp-padded", false),
	       "ARP, Request who-has 11.11.11.3 tell 11.11.11.2, length 46",
	       "tcpdump counts the padding");
}

static void test_icmp(void)
{
	struct pkt p = decoded("icmp-echo-request");

	ok(p.kind == PKT_ICMP_ECHO_REQUEST, "echo request");
	ok(p.icmp_type == 8 && p.icmp_code == 0, "type 8 code 0");
	ok(p.icmp_id == 5 && p.icmp_seq == 1, "id 5 seq 1");
	ok(p.ip_proto == 1 && p.ip_ttl == 64 && p.ip_len == 84 &&
	   p.ip_hl == 20 && p.ip_id == 0x1234, "its IPv4 header");
	is_str(ip(p.ip_src), "11.11.11.2", "IPv4 source");
	is_str(ip(p.ip_dst), "11.11.11.3", "IPv4 destination");
	is_str(line("icmp-echo-request", false),
	       "IP 11.11.11.2 > 11.11.11.3: ICMP echo request, id 5, seq 1, "
	       "length 64", "tcpdump -n's echo request");
	p = decoded("icmp-echo-reply");
	ok(p.kind == PKT_ICMP_ECHO_REPLY && p.icmp_id == 5 && p.icmp_seq == 1,
	   "echo reply, id 5 seq 1");
	p = decoded("icmp-host-unreach");
	ok(p.kind == PKT_ICMP_UNREACH && p.icmp_code == 1,
	   "host unreachable, code 1");
	is_str(ip(p.inner_src), "11.11.11.2", "quoted source");
	is_str(ip(p.inner_dst), "11.11.11.3", "quoted destination");
	ok(p.inner_proto == 1, "quoted protocol ICMP");
	is_str(line("icmp-host-unreach", false),
	       "IP 11.11.11.1 > 11.11.11.2: ICMP host 11.11.11.3 unreachable, "
	       "length 36", "tcpdump -n's host unreachable");
	p = decoded("icmp-port-unreach-udp");
	ok(p.kind == PKT_ICMP_UNREACH && p.icmp_code == 3 &&
	   p.inner_proto == 17 && p.inner_dport == 53,
	   "port unreachable quotes UDP port 53");
	p = decoded("icmp-time-exceeded");
	ok(p.kind == PKT_ICMP_TIME_EXCEEDED && p.icmp_code == 0,
	   "time exceeded");
	is_str(ip(p.inner_dst), "11.11.11.3", "its quoted destination");
	ok(decoded("icmp-type-99").kind == PKT_ICMP_OTHER, "type 99 is other");
	ok(decoded("icmp-redirect-host").kind == PKT_ICMP_OTHER,
	   "redirect is other");
}

static void test_tcp_udp(void)
{
	struct pkt p = decoded("tcp-syn-ack");
	struct pkt_tcp_book book;
	char buf[512];

	ok(p.kind == PKT_TCP && p.sport == 80 && p.dport == 40000,
	   "TCP ports");
	ok(p.tcp_flags == 0x12 && p.tcp_seq == 3000000 &&
	   p.tcp_ack == 1000001 && p.tcp_win == 64240 && p.tcp_hl == 40 &&
	   p.payload_len == 0, "SYN-ACK's flags, seq, ack, window");
	is_str(line("tcp-syn-ack", false),
	       "IP 11.11.11.3.80 > 198.51.100.1.40000: Flags [S.], seq 3000000, "
	       "ack 1000001, win 64240, options [mss 1460,sackOK,TS val 12345 "
	       "ecr 0,nop,wscale 7], length 0", "tcpdump -n's SYN-ACK");
	p = decoded("tcp-psh-data");
	ok(p.payload_len == 5 && p.tcp_flags == 0x18, "5 bytes of data");
	is_str(pkt_label(&p), "data", "labelled data");
	/* relative numbers, as tcpdump counts them */
	memset(&book, 0, sizeof(book));
	p = decoded("tcp-syn");
	pkt_tcp_relate(&book, &p);
	ok(!p.tcp_relative, "no ACK: absolute");
	p = decoded("tcp-syn-ack");
	pkt_tcp_relate(&book, &p);
	ok(!p.tcp_relative, "the first ACK of a conversation: absolute");
	p = decoded("tcp-ack");
	pkt_tcp_relate(&book, &p);
	ok(p.tcp_relative, "then relative");
	pkt_format(&p, false, buf, sizeof(buf));
	is_str(buf, "IP 198.51.100.1.40000 > 11.11.11.3.80: Flags [.], ack 1, "
		    "win 64240, length 0", "ack 1, as tcpdump says");
	p = decoded("tcp-bad-hl");
	ok(p.kind == PKT_MALFORMED, "a TCP header length of 12 is malformed");
	p = decoded("udp");
	ok(p.kind == PKT_UDP && p.sport == 3333 && p.dport == 4444 &&
	   p.payload_len == 12 && p.udp_len == 20, "UDP ports and length");
	is_str(line("udp", false),
	       "IP 11.11.11.2.3333 > 11.11.11.3.4444: UDP, length 12",
	       "tcpdump -n's UDP");
	p = decoded("udp-bad-length");
	ok(p.kind == PKT_UDP && p.payload_len == 12,
	   "a UDP length beyond the packet is cut to it");
	ok(decoded("udp-short-length").kind == PKT_MALFORMED,
	   "a UDP length below 8 is malformed");
}

static void test_ip_other(void)
{
	struct pkt p = decoded("ip-later-fragment");

	ok(p.kind == PKT_IPV4_OTHER && (p.ip_off & 0x1fff) == 5,
	   "a later fragment is IPV4_OTHER");
	is_str(line("ip-later-fragment", false),
	       "IP 11.11.11.2 > 11.11.11.3: ip-proto-17", "tcpdump's line");
	p = decoded("ip-first-fragment");
	ok(p.kind == PKT_UDP, "the first fragment is read");
	ok(decoded("ip-proto-99").kind == PKT_IPV4_OTHER,
	   "protocol 99 is IPV4_OTHER");
	ok(decoded("ip-bad-hlen").kind == PKT_MALFORMED, "IHL 4: malformed");
	ok(decoded("ip-bad-len").kind == PKT_MALFORMED,
	   "total length 10: malformed");
	p = decoded("ipv6-proto-99");
	ok(p.kind == PKT_IPV6 && p.ip6_nxt == 99 && p.ip6_src[0] == 0xfe &&
	   p.ip6_dst[15] == 3, "IPv6 and its addresses");
	ok(decoded("ip-version-6-in-ipv4").kind == PKT_MALFORMED,
	   "version 6 in an IPv4 EtherType: malformed");
	is_str(line("ip-version-6-in-ipv4", false),
	       "IP6, wrong link-layer encapsulation (invalid)", "as tcpdump says");
	is_str(line("ip-version-5", false), "IP5 (invalid)", "version 5 too");
}

static void test_ipv6(void)
{
	struct pkt p = decoded("ipv6-echo-request");

	ok(p.kind == PKT_IPV6 && p.ip6_nxt == 58 && p.ip6_plen == 64,
	   "ICMPv6 in IPv6, 64 bytes");
	ok(p.icmp_type == 128 && p.icmp_id == 9 && p.icmp_seq == 2,
	   "echo request id 9 seq 2");
	is_str(line("ipv6-echo-request", false),
	       "IP6 fe80::38c6:51ff:fed6:840 > fe80::6c1f:2ff:fea3:b4c5: ICMP6, "
	       "echo request, id 9, seq 2, length 64", "tcpdump's line");
	p = decoded("ipv6-mldv2-report");
	ok(p.ip6_next == 1 && p.ip6_ext[0] == 0 && p.ip6_nxt == 58 &&
	   p.ip6_l4_off == 48 && p.icmp_type == 143,
	   "MLDv2 report after a hop-by-hop header");
	is_str(line("ipv6-mldv2-report", false),
	       "IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, "
	       "1 group record(s), length 28", "tcpdump's line");
	is_str(line("ipv6-neighbor-solicitation", false),
	       "IP6 :: > ff02::1:ffa3:b4c5: ICMP6, neighbor solicitation, "
	       "who has fe80::6c1f:2ff:fea3:b4c5, length 24",
	       "neighbour solicitation");
	p = decoded("ipv6-udp");
	ok(p.kind == PKT_IPV6 && p.sport == 55007 && p.dport == 4444 &&
	   p.payload_len == 2, "UDP over IPv6: ports and length");
	p = decoded("ipv6-tcp-syn");
	ok(p.kind == PKT_IPV6 && p.tcp_flags == 0x02 &&
	   p.tcp_seq == 2619389330u && p.tcp_win == 64800,
	   "TCP over IPv6: flags, seq, window");
	is_str(pkt_label(&p), "IPv6", "labelled IPv6");
}

static void test_labels(void)
{
	static const struct {
		const char *frame, *label;
	} want[] = {
		{ "arp-request", "ARP?" },
		{ "arp-reply", "ARP!" },
		{ "arp-gratuitous-request", "gARP" },
		{ "icmp-echo-request", "echo" },
		{ "icmp-echo-reply", "reply" },
		{ "icmp-host-unreach", "unreach" },
		{ "icmp-time-exceeded", "ttl" },
		{ "tcp-syn", "SYN" },
		{ "tcp-syn-ack", "SYN-ACK" },
		{ "tcp-ack", "ACK" },
		{ "tcp-fin", "FIN" },
		{ "tcp-rst", "RST" },
		{ "tcp-psh-data", "data" },
		{ "udp", "UDP" },
		{ "ipv6-proto-99", "IPv6" },
		{ "ethertype-unknown", "other" },
		{ "ip-bad-hlen", "invalid" },
		{ "arp-rarp-op", "ARP" },
		{ "icmp-redirect-host", "ICMP" },
		{ "ip-later-fragment", "IP" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct pkt p = decoded(want[i].frame);

		is_str(pkt_label(&p), want[i].label, "label of %s",
		       want[i].frame);
	}
}

static void test_same_frame(void)
{
	const struct frame *f = frame("icmp-echo-request");
	unsigned char copy[FRAME_MAX];

	memcpy(copy, f->b, f->len);
	ok(pkt_same_frame(f->b, f->len, copy, f->len), "a copy is the same");
	ok(pkt_same_frame(f->b, f->len, copy, 40), "so is a shorter capture");
	ok(pkt_same_wire(f->b, f->len, f->len, copy, 40, f->len),
	   "same wire length, shorter capture: the same");
	ok(!pkt_same_wire(f->b, f->len, f->len, copy, f->len, f->len + 4),
	   "another wire length: not the same");
	copy[30] ^= 1;
	ok(!pkt_same_frame(f->b, f->len, copy, f->len), "a changed byte is not");
}

/* A kind a frame cut short may have: its own, or malformed; a malformed
 * frame cut before what is wrong with it looks fine but truncated. */
static bool sensible(enum pkt_kind whole, const struct pkt *p)
{
	enum pkt_kind cut = p->kind;

	return cut == whole || cut == PKT_MALFORMED ||
	       (whole == PKT_MALFORMED && p->truncated) ||
	       (whole == PKT_ARP_GRATUITOUS && cut == PKT_ARP_REQUEST) ||
	       (whole == PKT_ARP_GRATUITOUS && cut == PKT_ARP_REPLY);
}

static void test_cuts(void)
{
	for (size_t i = 0; i < nframes; i++) {
		const struct frame *f = &frames[i];
		struct pkt whole, p;
		bool kinds = true, marks = true, lines = true;
		char buf[512], tiny[6];
		uint32_t promised = f->len;

		pkt_decode(f->b, f->len, f->len, &whole);
		if (streq(f->name, "arp-padded"))
			promised = 42;
		if (streq(f->name, "ethertype-unknown"))
			promised = 14;
		for (uint32_t cut = 0; cut < f->len; cut++) {
			pkt_decode(f->b, cut, f->len, &p);
			if (!sensible(whole.kind, &p)) {
				kinds = false;
				printf("# %s cut at %u: kind %d\n", f->name, cut,
				       p.kind);
			}
			if (cut < promised && !p.truncated &&
			    p.kind != PKT_MALFORMED) {
				marks = false;
				printf("# %s cut at %u: not truncated\n",
				       f->name, cut);
			}
			pkt_format(&p, cut % 2, buf, sizeof(buf));
			pkt_format(&p, true, tiny, sizeof(tiny));
			if (!buf[0] || strlen(tiny) >= sizeof(tiny))
				lines = false;
		}
		ok(kinds, "%s cut at every length: a sensible kind", f->name);
		ok(marks, "%s cut at every length: marked truncated", f->name);
		ok(lines, "%s cut at every length: a line, within the buffer",
		   f->name);
	}
}

static void test_nonsense(void)
{
	const struct frame *f = frame("tcp-psh-data");
	unsigned char b[FRAME_MAX];
	char buf[512];
	struct pkt p;

	memcpy(b, f->b, f->len);
	b[16] = 0xff, b[17] = 0xff;	/* IPv4 total length 65535 */
	pkt_decode(b, f->len, f->len, &p);
	ok(p.truncated, "a total length beyond the frame: truncated");
	pkt_format(&p, false, buf, sizeof(buf));
	ok(strstr(buf, "truncated-ip - ") != NULL, "tcpdump's words: %s", buf);
	memcpy(b, f->b, f->len);
	b[14 + 20 + 12] = 0xf0;		/* TCP header of 60 bytes */
	pkt_decode(b, f->len, f->len, &p);
	ok(p.kind == PKT_MALFORMED, "a TCP header longer than the packet");
	pkt_decode(f->b, f->len, 10, &p);
	ok(p.kind == PKT_MALFORMED, "a wire length below the capture");
	pkt_format(&p, false, buf, sizeof(buf));
	is_str(buf, "[length 10 < caplen 59] (invalid)", "tcpdump's words");
	pkt_format(&p, false, buf, 0);
	ok(1, "a buffer of 0 bytes is left alone");
	pkt_decode(f->b, 0, 0, &p);
	ok(p.kind == PKT_MALFORMED && p.truncated, "an empty frame");
}

int main(void)
{
	nframes = frames_make(frames);
	test_ethernet();
	test_arp();
	test_icmp();
	test_tcp_udp();
	test_ip_other();
	test_ipv6();
	test_labels();
	test_same_frame();
	test_cuts();
	test_nonsense();
	return tap_done();
}
