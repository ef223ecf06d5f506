/* pkt.c: one captured Ethernet frame, read and written as tcpdump does.
 *
 * pkt_decode() reads the headers of a DLT_EN10MB frame into struct pkt
 * and never looks past caplen; pkt_format() writes the line tcpdump -n
 * (or tcpdump -e -n) prints for it, from struct pkt alone, including
 * tcpdump's marks for short captures ("[|arp]", "[|tcp]").  The output
 * imitates tcpdump 4.99 and is not translated; tests/pkt-oracle.sh
 * holds it to the real tcpdump, line for line.  What tcpdump goes on to
 * print on later lines (hex dumps) or from the payload of well-known
 * ports (HTTP, DNS...) is left out.  pkt_label() names a frame in a word
 * for the ladder; pkt_tcp_relate() gives tcpdump's relative TCP
 * sequence numbers.
 */
#include "system.h"

#include "pkt.h"

#include <arpa/inet.h>
#include <stdarg.h>

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

/* ---- reading ---------------------------------------------------------- */

static uint16_t be16(const unsigned char *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static bool is_vlan_type(uint16_t type)
{
	return type == 0x8100 || type == 0x88a8 || type == 0x9100 ||
	       type == 0x9200;
}

static void decode_arp(const unsigned char *a, uint32_t cap, struct pkt *p)
{
	uint32_t need;

	p->kind = PKT_MALFORMED;
	if (cap < 8) {
		p->truncated = true;
		return;
	}
	p->arp_hrd = be16(a);
	p->arp_pro = be16(a + 2);
	p->arp_hln = a[4];
	p->arp_pln = a[5];
	p->arp_op = be16(a + 6);
	need = 8 + 2u * p->arp_hln + 2u * p->arp_pln;
	if (p->arp_hrd == 1 && p->arp_pro == ETYPE_IPV4 && p->arp_hln == 6 &&
	    p->arp_pln == 4 && p->ethertype == ETYPE_ARP &&
	    (p->arp_op == 1 || p->arp_op == 2))
		p->kind = p->arp_op == 1 ? PKT_ARP_REQUEST : PKT_ARP_REPLY;
	else
		p->kind = PKT_ARP_OTHER;
	if (cap < need) {
		p->truncated = true;
		return;
	}
	/* the link addresses, as far as they fit (tcpdump's -e shows 6) */
	memcpy(p->arp_sha, a + 8, p->arp_hln < 6 ? p->arp_hln : 6);
	memcpy(p->arp_tha, a + 8 + p->arp_hln + p->arp_pln,
	       p->arp_hln < 6 ? p->arp_hln : 6);
	if (p->arp_pln == 4) {
		memcpy(&p->arp_spa, a + 8 + p->arp_hln, 4);
		memcpy(&p->arp_tpa, a + 8 + 2 * p->arp_hln + 4, 4);
	}
	if (p->kind != PKT_ARP_OTHER &&
	    p->arp_spa.s_addr == p->arp_tpa.s_addr)
		p->kind = PKT_ARP_GRATUITOUS;
}

static void keep_l4(const unsigned char *l4, uint32_t cap, uint32_t len,
		    struct pkt *p)
{
	p->l4_len = len;
	p->l4_caplen = cap < len ? cap : len;
	memcpy(p->l4, l4,
	       p->l4_caplen < sizeof(p->l4) ? p->l4_caplen : sizeof(p->l4));
}

static void decode_icmp(struct pkt *p)
{
	const unsigned char *c = p->l4;
	uint32_t cap = p->l4_caplen;

	if (cap < 2) {
		p->kind = PKT_MALFORMED;
		p->truncated = true;
		return;
	}
	p->kind = PKT_ICMP_OTHER;
	p->icmp_type = c[0];
	p->icmp_code = c[1];
	switch (p->icmp_type) {
	case 0:
	case 8:
		p->kind = p->icmp_type ? PKT_ICMP_ECHO_REQUEST :
					 PKT_ICMP_ECHO_REPLY;
		if (cap >= 8) {
			p->icmp_id = be16(c + 4);
			p->icmp_seq = be16(c + 6);
		}
		break;
	case 3:
	case 11:
		p->kind = p->icmp_type == 3 ? PKT_ICMP_UNREACH :
					      PKT_ICMP_TIME_EXCEEDED;
		if (cap >= 8 + 20) {
			unsigned ihl = (c[8] & 0x0f) * 4u;

			p->inner_proto = c[8 + 9];
			memcpy(&p->inner_src, c + 8 + 12, 4);
			memcpy(&p->inner_dst, c + 8 + 16, 4);
			if (ihl >= 20 && cap >= 8 + ihl + 4 &&
			    8 + ihl + 4 <= sizeof(p->l4))
				p->inner_dport = be16(c + 8 + ihl + 2);
		}
		break;
	default:
		break;
	}
	if (cap < 8)
		p->truncated = true;
}

static void decode_tcp(struct pkt *p)
{
	const unsigned char *c = p->l4;
	uint32_t cap = p->l4_caplen;

	p->kind = PKT_TCP;
	if (cap >= 4) {
		p->sport = be16(c);
		p->dport = be16(c + 2);
	}
	if (cap < 20) {
		p->truncated = true;
		return;
	}
	p->tcp_seq = be32(c + 4);
	p->tcp_ack = be32(c + 8);
	p->tcp_hl = (c[12] >> 4) * 4;
	p->tcp_flags = c[13];
	p->tcp_win = be16(c + 14);
	if (p->tcp_hl < 20 || p->tcp_hl > p->l4_len) {
		p->kind = PKT_MALFORMED;
		return;
	}
	p->payload_len = p->l4_len - p->tcp_hl;
	if (cap < p->tcp_hl)
		p->truncated = true;
}

static void decode_udp(struct pkt *p)
{
	const unsigned char *c = p->l4;
	uint32_t cap = p->l4_caplen;

	p->kind = PKT_UDP;
	if (cap >= 4) {
		p->sport = be16(c);
		p->dport = be16(c + 2);
	}
	if (cap < 8) {
		p->truncated = true;
		return;
	}
	p->udp_len = be16(c + 4);
	if (p->udp_len < 8 || p->l4_len < 8) {
		p->kind = PKT_MALFORMED;
		return;
	}
	p->payload_len = p->udp_len - 8u;
	if (p->payload_len > p->l4_len - 8)
		p->payload_len = p->l4_len - 8;
}

static void decode_l4(const unsigned char *l4, uint32_t cap, uint32_t len,
		      uint8_t proto, struct pkt *p)
{
	keep_l4(l4, cap, len, p);
	if (cap < len)
		p->truncated = true;
	switch (proto) {
	case IPPROTO_ICMP:
		if (p->ethertype == ETYPE_IPV4)
			decode_icmp(p);
		break;
	case IPPROTO_TCP:
		decode_tcp(p);
		break;
	case IPPROTO_UDP:
		decode_udp(p);
		break;
	default:
		break;
	}
}

static void decode_ipv4(const unsigned char *ip, uint32_t cap,
			uint32_t wire, struct pkt *p)
{
	uint32_t total;

	p->kind = PKT_MALFORMED;
	if (cap >= 1)
		p->ip_version = ip[0] >> 4;
	if (cap < 20) {
		p->truncated = true;
		return;
	}
	if (p->ip_version != 4)
		return;
	p->ip_hl = (ip[0] & 0x0f) * 4;
	p->ip_tos = ip[1];
	p->ip_len = be16(ip + 2);
	p->ip_id = be16(ip + 4);
	p->ip_off = be16(ip + 6);
	p->ip_ttl = ip[8];
	p->ip_proto = ip[9];
	memcpy(&p->ip_src, ip + 12, 4);
	memcpy(&p->ip_dst, ip + 16, 4);
	if (wire < 20 || p->ip_hl < 20 || p->ip_len < p->ip_hl)
		return;
	if (wire < p->ip_len || cap < p->ip_len)
		p->truncated = true;
	p->kind = PKT_IPV4_OTHER;
	if (p->ip_off & 0x1fff)
		return;
	if (cap < p->ip_hl) {
		p->truncated = true;
		return;
	}
	total = cap < p->ip_len ? cap : p->ip_len;
	decode_l4(ip + p->ip_hl, total - p->ip_hl, p->ip_len - p->ip_hl,
		  p->ip_proto, p);
}

/* Walks the IPv6 extension headers tcpdump steps over (hop-by-hop
 * first, destination options), up to the upper protocol. */
static void walk_ipv6_ext(const unsigned char *ip, uint32_t snap,
			  struct pkt *p)
{
	uint32_t off = 40, elen;
	uint8_t nh = ip[6];

	while (off <= snap && p->ip6_next < sizeof(p->ip6_ext) &&
	       ((nh == 0 && p->ip6_next == 0) || nh == 60)) {
		if (snap - off < 2) {
			p->ip6_ext_cut = 1;
			break;
		}
		elen = (ip[off + 1] + 1u) * 8;
		if (snap - off < elen) {
			p->ip6_ext_cut = 2;
			break;
		}
		if (nh == 0)
			memcpy(p->ip6_hbh, ip + off,
			       elen < sizeof(p->ip6_hbh) ? elen :
							   sizeof(p->ip6_hbh));
		p->ip6_ext[p->ip6_next++] = nh;
		nh = ip[off];
		off += elen;
	}
	p->ip6_nxt = nh;
	p->ip6_l4_off = (uint16_t)off;
}

static void decode_icmp6(struct pkt *p)
{
	if (p->l4_caplen >= 2) {
		p->icmp_type = p->l4[0];
		p->icmp_code = p->l4[1];
	}
	if (p->l4_caplen >= 8 && (p->icmp_type == 128 || p->icmp_type == 129)) {
		p->icmp_id = be16(p->l4 + 4);
		p->icmp_seq = be16(p->l4 + 6);
	}
}

static void decode_ipv6(const unsigned char *ip, uint32_t cap, uint32_t wire,
			struct pkt *p)
{
	uint32_t total, snap, off;

	p->kind = PKT_MALFORMED;
	if (cap < 40) {
		p->truncated = true;
		return;
	}
	p->ip_version = ip[0] >> 4;
	if (p->ip_version != 6 || wire < 40)
		return;
	p->kind = PKT_IPV6;
	p->ip6_plen = be16(ip + 4);
	p->ip_ttl = ip[7];
	memcpy(p->ip6_src, ip + 8, 16);
	memcpy(p->ip6_dst, ip + 24, 16);
	/* no payload length: tcpdump looks for a jumbo payload option */
	total = p->ip6_plen ? 40u + p->ip6_plen : wire + 40;
	snap = cap < total ? cap : total;
	if (p->ip6_plen && snap < total)
		p->truncated = true;
	walk_ipv6_ext(ip, snap, p);
	if (p->ip6_ext_cut)
		p->truncated = true;
	off = p->ip6_l4_off;
	if (off > total || p->ip6_ext_cut || (p->ip6_nxt == 0 && p->ip6_next))
		return;
	if (!p->ip6_plen) {
		if (p->ip6_next)
			return;	/* tcpdump: a header with no payload */
		total = snap = 40;
	}
	decode_l4(ip + off, snap - off, total - off, p->ip6_nxt, p);
	if (p->ip6_nxt == IPPROTO_ICMPV6)
		decode_icmp6(p);
	if (p->kind != PKT_MALFORMED)
		p->kind = PKT_IPV6;
}

void pkt_decode(const unsigned char *frame, uint32_t caplen, uint32_t len,
		struct pkt *p)
{
	uint32_t off = 12, cap, wire;

	memset(p, 0, sizeof(*p));
	p->kind = PKT_MALFORMED;
	p->len = len;
	p->caplen = caplen;
	p->vlan = -1;
	if (caplen >= 6)
		memcpy(p->eth_dst, frame, 6);
	if (caplen >= 12)
		memcpy(p->eth_src, frame + 6, 6);
	if (caplen < ETH_HLEN_ || len < caplen) {
		p->truncated = caplen < ETH_HLEN_;
		return;
	}
	p->ethertype = be16(frame + 12);
	if (is_vlan_type(p->ethertype)) {
		if (caplen < 18 || len < 18) {
			p->truncated = true;
			return;
		}
		p->vlan_tpid = p->ethertype;
		p->vlan_tci = be16(frame + 14);
		p->vlan = p->vlan_tci & 0x0fff;
		p->ethertype = be16(frame + 16);
		off = 16;
	}
	off += 2;
	p->l3_off = (uint16_t)off;
	p->kind = PKT_OTHER;
	cap = caplen - off;
	wire = len - off;
	switch (p->ethertype) {
	case ETYPE_ARP:
	case ETYPE_RARP:
		decode_arp(frame + off, cap, p);
		break;
	case ETYPE_IPV4:
		decode_ipv4(frame + off, cap, wire, p);
		break;
	case ETYPE_IPV6:
		decode_ipv6(frame + off, cap, wire, p);
		break;
	default:
		break;
	}
}

/* ---- relative TCP numbers --------------------------------------------- */

void pkt_tcp_relate(struct pkt_tcp_book *book, struct pkt *p)
{
	bool v6 = p->ethertype == ETYPE_IPV6, rev = false;
	const void *src = v6 ? (const void *)p->ip6_src : (const void *)&p->ip_src;
	const void *dst = v6 ? (const void *)p->ip6_dst : (const void *)&p->ip_dst;
	size_t alen = v6 ? 16 : 4;
	struct pkt_tcp_conv key, *c = NULL;

	p->tcp_relative = false;
	/* tcpdump records a conversation as soon as it has read the TCP
	 * header, even when what follows is wrong */
	if (v6 ? p->ip6_nxt != IPPROTO_TCP || p->ip6_l4_off == 0 :
		 p->ethertype != ETYPE_IPV4 || p->ip_proto != IPPROTO_TCP ||
		 (p->ip_off & 0x1fff) || p->ip_hl < 20)
		return;
	if (p->l4_caplen < 20 || p->tcp_hl < 20 || !(p->tcp_flags & TCP_ACK))
		return;
	if (p->sport > p->dport)
		rev = true;
	else if (p->sport == p->dport)
		rev = memcmp(src, dst, alen) > 0;
	memset(&key, 0, sizeof(key));
	key.v6 = v6;
	key.used = true;
	if (v6) {
		memcpy(key.lo6, rev ? dst : src, 16);
		memcpy(key.hi6, rev ? src : dst, 16);
	} else {
		memcpy(&key.lo_addr, rev ? dst : src, 4);
		memcpy(&key.hi_addr, rev ? src : dst, 4);
	}
	key.ports = rev ? (uint32_t)p->dport << 16 | p->sport :
			  (uint32_t)p->sport << 16 | p->dport;
	for (size_t i = 0; i < PKT_TCP_BOOK_SIZE; i++) {
		struct pkt_tcp_conv *t = &book->conv[i];

		if (t->used && t->v6 == v6 && t->ports == key.ports &&
		    !memcmp(t->lo6, key.lo6, 16) &&
		    !memcmp(t->hi6, key.hi6, 16) &&
		    t->lo_addr.s_addr == key.lo_addr.s_addr &&
		    t->hi_addr.s_addr == key.hi_addr.s_addr) {
			c = t;
			break;
		}
	}
	if (!c || (p->tcp_flags & TCP_SYN)) {
		if (!c) {
			c = &book->conv[book->next];
			book->next = (book->next + 1) % PKT_TCP_BOOK_SIZE;
		}
		*c = key;
		if (rev)
			c->ack = p->tcp_seq, c->seq = p->tcp_ack - 1;
		else
			c->seq = p->tcp_seq, c->ack = p->tcp_ack - 1;
	} else {
		p->tcp_relative = true;
	}
	p->tcp_seq_base = rev ? c->ack : c->seq;
	p->tcp_ack_base = rev ? c->seq : c->ack;
}

/* ---- writing ---------------------------------------------------------- */

struct out {
	char *buf;
	size_t size, used;
};

static void PRINTF_LIKE(2, 3) put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->size == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->size - o->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->used += (size_t)n;
	if (o->used >= o->size)
		o->used = o->size - 1;
}

/* tcpdump's mark for a capture that ends inside a protocol's header */
static void trunc_mark(struct out *o, const char *proto)
{
	put(o, " [|%s]", proto);
}

void pkt_mac_text(const uint8_t mac[PKT_MAC_LEN], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}

static void put_mac(struct out *o, const uint8_t mac[PKT_MAC_LEN])
{
	char text[18];

	pkt_mac_text(mac, text);
	put(o, "%s", text);
}

static void put_ip(struct out *o, struct in_addr a)
{
	char text[INET_ADDRSTRLEN];

	put(o, "%s", inet_ntop(AF_INET, &a, text, sizeof(text)) ? text : "?");
}

static void put_ip6(struct out *o, const uint8_t a[16])
{
	char text[INET6_ADDRSTRLEN];

	put(o, "%s", inet_ntop(AF_INET6, a, text, sizeof(text)) ? text : "?");
}

struct name {
	unsigned value;
	const char *text;
};

static const char *name_of(const struct name *t, size_t n, unsigned value)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].text;
	return NULL;
}

static const struct name ethertypes[] = {
	{ 0x0800, "IPv4" }, { 0x8847, "MPLS unicast" },
	{ 0x8848, "MPLS multicast" }, { 0x86dd, "IPv6" },
	{ 0x8100, "802.1Q" }, { 0x9100, "802.1Q-9100" },
	{ 0x88a8, "802.1Q-QinQ" }, { 0x9200, "802.1Q-9200" },
	{ 0x88e5, "802.1AE MACsec" }, { 0x0200, "PUP" },
	{ 0x0806, "ARP" }, { 0x8035, "Reverse ARP" }, { 0x1000, "Trail" },
	{ 0x809b, "Appletalk" }, { 0x80f3, "Appletalk ARP" },
	{ 0x8137, "IPX" }, { 0x880b, "PPP" }, { 0x8808, "MPCP" },
	{ 0x8809, "Slow Protocols" }, { 0x8863, "PPPoE D" },
	{ 0x8864, "PPPoE S" }, { 0x888e, "EAPOL" }, { 0x8870, "Jumbo" },
	{ 0x894f, "NSH" }, { 0x9000, "Loopback" }, { 0x88cc, "LLDP" },
	{ 0x88f7, "PTP" }, { 0x8902, "CFM" }, { 0x6558, "TEB" },
};

static void put_ethertype(struct out *o, uint16_t type)
{
	const char *n = name_of(ethertypes, ARRAY_SIZE(ethertypes), type);

	put(o, "ethertype %s (0x%04x)", n ? n : "Unknown", type);
}

/* tcpdump's link addresses of len bytes (only the first 6 are kept) */
static void put_linkaddr(struct out *o, const uint8_t *a, unsigned len)
{
	if (len == 6) {
		put_mac(o, a);
		return;
	}
	if (len == 0) {
		put(o, "<empty>");
		return;
	}
	for (unsigned i = 0; i < len && i < 6; i++)
		put(o, "%s%02x", i ? ":" : "", a[i]);
}

static const struct name arp_hardware[] = {
	{ 1, "Ethernet" }, { 6, "TokenRing" }, { 7, "ArcNet" },
	{ 15, "FrameRelay" }, { 19, "ATM" }, { 24, "IEEE1394" },
	{ 32, "InfiniBand" }, { 768, "IPIP" },
};

static const struct name arp_ops[] = {
	{ 1, "Request" }, { 2, "Reply" }, { 3, "Reverse Request" },
	{ 4, "Reverse Reply" }, { 8, "Inverse Request" },
	{ 9, "Inverse Reply" }, { 10, "NACK Reply" },
};

static bool arp_complete(const struct pkt *p)
{
	uint32_t cap = p->caplen - p->l3_off;

	return cap >= 8 + 2u * p->arp_hln + 2u * p->arp_pln;
}

static void format_arp(const struct pkt *p, bool link, struct out *o)
{
	const char *n;
	bool zero = true;

	if (p->caplen - p->l3_off < 8 || !arp_complete(p)) {
		trunc_mark(o, "arp");
		return;
	}
	if (!link)
		put(o, "ARP, ");
	if ((p->arp_pro != ETYPE_IPV4 && p->arp_pro != ETYPE_TRAIL) ||
	    p->arp_pln != 4 || p->arp_hln == 0) {
		n = name_of(arp_hardware, ARRAY_SIZE(arp_hardware), p->arp_hrd);
		if (n)
			put(o, "%s (len %u), ", n, p->arp_hln);
		else
			put(o, "Unknown Hardware (%u) (len %u), ", p->arp_hrd,
			    p->arp_hln);
		n = name_of(ethertypes, ARRAY_SIZE(ethertypes), p->arp_pro);
		if (n)
			put(o, "%s (len %u)", n, p->arp_pln);
		else
			put(o, "Unknown Protocol (0x%04x) (len %u)", p->arp_pro,
			    p->arp_pln);
		put(o, ", length %u", p->len - p->l3_off);
		return;
	}
	n = name_of(arp_ops, ARRAY_SIZE(arp_ops), p->arp_op);
	if (n)
		put(o, "%s ", n);
	else
		put(o, "Unknown (%u) ", p->arp_op);
	switch (p->arp_op) {
	case 1:
		put(o, "who-has ");
		put_ip(o, p->arp_tpa);
		for (unsigned i = 0; i < p->arp_hln && i < 6; i++)
			zero = zero && !p->arp_tha[i];
		if (!zero) {
			put(o, " (");
			put_linkaddr(o, p->arp_tha, p->arp_hln);
			put(o, ")");
		}
		put(o, " tell ");
		put_ip(o, p->arp_spa);
		break;
	case 2:
		put_ip(o, p->arp_spa);
		put(o, " is-at ");
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		break;
	case 3:
	case 8:
		put(o, "who-is ");
		put_linkaddr(o, p->arp_tha, p->arp_hln);
		put(o, " tell ");
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		break;
	case 4:
		put_linkaddr(o, p->arp_tha, p->arp_hln);
		put(o, " at ");
		put_ip(o, p->arp_tpa);
		break;
	case 9:
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		put(o, " at ");
		put_ip(o, p->arp_spa);
		break;
	default:
		return;	/* tcpdump goes on with a hex dump */
	}
	put(o, ", length %u", p->len - p->l3_off);
}

/* ---- ICMP ---- */

static const struct {
	const char *before, *after;
} unreach_words[] = {
	[0] = { "net ", " unreachable" },
	[1] = { "host ", " unreachable" },
	[5] = { "", " unreachable - source route failed" },
	[6] = { "net ", " unreachable - unknown" },
	[7] = { "host ", " unreachable - unknown" },
	[8] = { "", " unreachable - source host isolated" },
	[9] = { "net ", " unreachable - admin prohibited" },
	[10] = { "host ", " unreachable - admin prohibited" },
	[11] = { "net ", " unreachable - tos prohibited" },
	[12] = { "host ", " unreachable - tos prohibited" },
	[13] = { "host ", " unreachable - admin prohibited filter" },
	[14] = { "host ", " unreachable - host precedence violation" },
	[15] = { "host ", " unreachable - precedence cutoff" },
};

static const struct name icmp_names[] = {
	{ 0, "echo reply" }, { 4, "source quench" }, { 8, "echo request" },
	{ 10, "router solicitation" }, { 13, "time stamp request" },
	{ 14, "time stamp reply" }, { 15, "information request" },
	{ 16, "information reply" }, { 17, "address mask request" },
};

static void ip_text(const uint8_t *b, char text[INET_ADDRSTRLEN])
{
	if (!inet_ntop(AF_INET, b, text, INET_ADDRSTRLEN))
		strcpy(text, "?");
}

/* The words tcpdump builds for an ICMP message into w; false when the
 * capture ends before them ("[|icmp]"). */
static bool icmp_words(const struct pkt *p, char *w, size_t size)
{
	const uint8_t *c = p->l4;
	uint32_t cap = p->l4_caplen;
	char a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];
	const char *n;
	uint8_t type, code;

	if (cap < 2)
		return false;
	type = c[0];
	code = c[1];
	switch (type) {
	case 0:
	case 8:
		if (cap < 8)
			return false;
		snprintf(w, size, "echo %s, id %u, seq %u",
			 type == 8 ? "request" : "reply", be16(c + 4),
			 be16(c + 6));
		return true;
	case 3:
		if (code == 2) {
			if (cap < 28)
				return false;
			ip_text(c + 24, a);
			snprintf(w, size, "%s protocol %u unreachable", a, c[17]);
		} else if (code == 3) {
			unsigned ihl = (c[8] & 0x0f) * 4u;

			if (cap < 18 || cap < 8 + ihl + 4 || cap < 28 ||
			    8 + ihl + 4 > sizeof(p->l4))
				return false;
			ip_text(c + 24, a);
			if (c[17] == IPPROTO_TCP || c[17] == IPPROTO_UDP)
				snprintf(w, size, "%s %s port %u unreachable", a,
					 c[17] == IPPROTO_TCP ? "tcp" : "udp",
					 be16(c + 8 + ihl + 2));
			else
				snprintf(w, size,
					 "%s protocol %u port %u unreachable",
					 a, c[17], be16(c + 8 + ihl + 2));
		} else if (code == 4) {
			if (cap < 8 || cap < 28)
				return false;
			ip_text(c + 24, a);
			if (be16(c + 6))
				snprintf(w, size,
					 "%s unreachable - need to frag (mtu %u)",
					 a, be16(c + 6));
			else
				snprintf(w, size,
					 "%s unreachable - need to frag", a);
		} else {
			if (cap < 28)
				return false;
			ip_text(c + 24, a);
			if (code < ARRAY_SIZE(unreach_words) &&
			    unreach_words[code].after) {
				snprintf(w, size, "%s%s%s",
					 unreach_words[code].before, a,
					 unreach_words[code].after);
			} else {
				snprintf(w, size, "%s unreachable - #%u", a,
					 code);
			}
		}
		return true;
	case 5:
		if (cap < 28)
			return false;
		ip_text(c + 24, a);
		ip_text(c + 4, g);
		if (code <= 3)
			snprintf(w, size, "redirect%s %s to %s %s",
				 code >= 2 ? "-tos" : "", a,
				 code & 1 ? "host" : "net", g);
		else
			snprintf(w, size, "redirect-#%u %s to %s", code, a, g);
		return true;
	case 11:
		if (cap < 28)
			return false;
		if (code == 0)
			snprintf(w, size, "time exceeded in-transit");
		else if (code == 1)
			snprintf(w, size, "ip reassembly time exceeded");
		else
			snprintf(w, size, "time exceeded-#%u", code);
		return true;
	case 12:
		if (code) {
			snprintf(w, size, "parameter problem - code %u", code);
			return true;
		}
		if (cap < 5)
			return false;
		snprintf(w, size, "parameter problem - octet %u", c[4]);
		return true;
	case 18:
		if (cap < 12)
			return false;
		snprintf(w, size, "address mask is 0x%08x", be32(c + 8));
		return true;
	case 13:
		if (cap < 8)
			return false;
		snprintf(w, size, "time stamp query id %u seq %u", be16(c + 4),
			 be16(c + 6));
		return true;
	default:
		n = name_of(icmp_names, ARRAY_SIZE(icmp_names), type);
		if (n)
			snprintf(w, size, "%s", n);
		else
			snprintf(w, size, "type-#%u", type);
		return true;
	}
}

static void format_icmp(const struct pkt *p, struct out *o)
{
	char words[160];

	if (!icmp_words(p, words, sizeof(words))) {
		trunc_mark(o, "icmp");
		return;
	}
	put(o, "ICMP %s, length %u", words, p->l4_len);
}

/* ---- TCP and UDP ---- */

static void put_addr_port(const struct pkt *p, struct out *o, bool ports)
{
	bool v6 = p->ethertype == ETYPE_IPV6;

	if (v6 && p->ip6_next && ports) {
		/* the IPv6 header does not say TCP or UDP: tcpdump leaves
		 * the addresses out */
		put(o, "%u > %u: ", p->sport, p->dport);
		return;
	}

	if (v6)
		put_ip6(o, p->ip6_src);
	else
		put_ip(o, p->ip_src);
	if (ports)
		put(o, ".%u", p->sport);
	put(o, " > ");
	if (v6)
		put_ip6(o, p->ip6_dst);
	else
		put_ip(o, p->ip_dst);
	if (ports)
		put(o, ".%u", p->dport);
	put(o, ports ? ": " : ":");
}

static void put_tcp_flags(const struct pkt *p, struct out *o)
{
	static const struct name bits[] = {
		{ 0x01, "F" }, { 0x02, "S" }, { 0x04, "R" }, { 0x08, "P" },
		{ 0x10, "." }, { 0x20, "U" }, { 0x40, "E" }, { 0x80, "W" },
	};

	put(o, "Flags [");
	for (size_t i = 0; i < ARRAY_SIZE(bits); i++)
		if (p->tcp_flags & bits[i].value)
			put(o, "%s", bits[i].text);
	if (!p->tcp_flags)
		put(o, "none");
	put(o, "]");
}

static const struct name tcp_options[] = {
	{ 0, "eol" }, { 1, "nop" }, { 2, "mss" }, { 3, "wscale" },
	{ 4, "sackOK" }, { 5, "sack" }, { 6, "echo" }, { 7, "echoreply" },
	{ 8, "TS" }, { 11, "cc" }, { 12, "ccnew" }, { 13, "" },
	{ 19, "md5" }, { 20, "scps" }, { 28, "uto" }, { 29, "tcp-ao" },
	{ 30, "mptcp" }, { 34, "tfo" }, { 254, "exp" },
};

enum opt_end { OPT_DONE, OPT_BAD, OPT_TRUNC, OPT_JUMP };

/* One option's text; *hlen counts down the header's option bytes. */
static enum opt_end put_tcp_option(const struct pkt *p, struct out *o,
				   uint32_t *at, uint32_t *hlen, bool *eol)
{
	uint32_t cap = p->l4_caplen < sizeof(p->l4) ? p->l4_caplen :
						       sizeof(p->l4);
	const uint8_t *c = p->l4;
	unsigned opt, len, datalen = 0;
	const char *n;

#define HAVE(k) (*at + (k) <= cap)
	if (!HAVE(1))
		return OPT_JUMP;
	opt = c[(*at)++];
	if (opt == 0 || opt == 1) {
		len = 1;
	} else {
		if (!HAVE(1))
			return OPT_JUMP;
		len = c[(*at)++];
		if (len < 2 || len > *hlen)
			return OPT_BAD;
		--*hlen;
	}
	--*hlen;
	n = name_of(tcp_options, ARRAY_SIZE(tcp_options), opt);
	if (n)
		put(o, "%s", n);
	else
		put(o, "unknown-%u", opt);
#define LENCHECK(l) do { if ((l) > *hlen) return OPT_BAD; \
		if (!HAVE(l)) return OPT_TRUNC; } while (0)
	switch (opt) {
	case 2:
		datalen = 2;
		LENCHECK(datalen);
		put(o, " %u", be16(c + *at));
		break;
	case 3:
		datalen = 1;
		LENCHECK(datalen);
		put(o, " %u", c[*at]);
		break;
	case 5:
		datalen = len - 2;
		if (datalen % 8) {
			put(o, " invalid sack");
			break;
		}
		put(o, " %u ", datalen / 8);
		for (unsigned i = 0; i < datalen; i += 8) {
			uint32_t s, e;

			LENCHECK(i + 8);
			s = be32(c + *at + i) - p->tcp_ack_base;
			e = be32(c + *at + i + 4) - p->tcp_ack_base;
			put(o, "{%u:%u}", s, e);
		}
		break;
	case 6:
	case 7:
	case 11:
	case 12:
	case 13:
		datalen = 4;
		LENCHECK(datalen);
		put(o, " %u", be32(c + *at));
		break;
	case 8:
		datalen = 8;
		LENCHECK(datalen);
		put(o, " val %u ecr %u", be32(c + *at), be32(c + *at + 4));
		break;
	case 0:
	case 1:
	case 4:
		break;
	case 28: {
		unsigned uto;

		datalen = 2;
		LENCHECK(datalen);
		uto = be16(c + *at);
		put(o, " 0x%x", uto);
		uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
		put(o, " %u", uto);
		break;
	}
	default:
		datalen = len - 2;
		if (datalen)
			put(o, " 0x");
		for (unsigned i = 0; i < datalen; i++) {
			LENCHECK(i + 1);
			put(o, "%02x", c[*at + i]);
		}
		break;
	}
#undef LENCHECK
#undef HAVE
	*at += datalen;
	*hlen -= datalen;
	datalen += opt == 0 || opt == 1 ? 1 : 2;
	if (datalen != len)
		put(o, "[len %u]", len);
	*eol = opt == 0;
	return OPT_DONE;
}

/* false: the capture ended inside the options (tcpdump stops there) */
static bool put_tcp_options(const struct pkt *p, struct out *o)
{
	uint32_t hlen = p->tcp_hl - 20u, at = 20;
	bool first = true, eol = false;

	put(o, ", options [");
	while (hlen > 0) {
		if (!first)
			put(o, ",");
		switch (put_tcp_option(p, o, &at, &hlen, &eol)) {
		case OPT_BAD:
			put(o, "[bad opt]");
			if (!first)
				put(o, "]");
			return false;
		case OPT_TRUNC:
			trunc_mark(o, "tcp");
			if (!first)
				put(o, ">");
			return false;
		case OPT_JUMP:
			trunc_mark(o, "tcp");
			return false;
		case OPT_DONE:
			break;
		}
		first = false;
		if (eol)
			break;
	}
	put(o, "]");
	return true;
}

static void format_tcp(const struct pkt *p, struct out *o)
{
	uint32_t cap = p->l4_caplen, length = p->l4_len, hlen;
	uint32_t seq = p->tcp_seq, ack = p->tcp_ack;
	const uint8_t *c = p->l4;

	if (cap < 4) {
		put_addr_port(p, o, false);
		trunc_mark(o, "tcp");
		return;
	}
	put_addr_port(p, o, true);
	if (cap < 20) {
		trunc_mark(o, "tcp");
		return;
	}
	hlen = (c[12] >> 4) * 4u;
	if (hlen < 20) {
		put(o, " tcp %u [bad hdr length %u - too short, < 20]",
		    length - hlen, hlen);
		return;
	}
	put_tcp_flags(p, o);
	if (p->tcp_relative) {
		seq -= p->tcp_seq_base;
		ack -= p->tcp_ack_base;
	}
	if (hlen > length) {
		put(o, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	length -= hlen;
	if (length > 0 || p->tcp_flags & (TCP_SYN | TCP_FIN | TCP_RST)) {
		put(o, ", seq %u", seq);
		if (length > 0)
			put(o, ":%u", seq + length);
	}
	if (p->tcp_flags & TCP_ACK)
		put(o, ", ack %u", ack);
	put(o, ", win %u", p->tcp_win);
	if (p->tcp_flags & TCP_URG)
		put(o, ", urg %u", be16(c + 18));
	if (hlen > 20 && !put_tcp_options(p, o))
		return;
	put(o, ", length %u", length);
	if (length == 0)
		return;
	if (cap < hlen) {
		put(o, " [remaining caplen(%u) < header length(%u)]", cap, hlen);
		trunc_mark(o, "tcp");
	}
	/* tcpdump goes on with the payload of well-known ports */
}

static void format_udp(const struct pkt *p, struct out *o)
{
	uint32_t cap = p->l4_caplen, length = p->l4_len, ulen;

	if (cap < 4) {
		put_addr_port(p, o, false);
		put(o, " ");
		trunc_mark(o, "udp");
		return;
	}
	if (length < 8) {
		put_addr_port(p, o, true);
		put(o, "truncated-udp %u", length);
		return;
	}
	if (cap < 6) {
		put_addr_port(p, o, true);
		trunc_mark(o, "udp");
		return;
	}
	ulen = be16(p->l4 + 4);
	if (ulen < 8) {
		put_addr_port(p, o, true);
		put(o, "truncated-udplength %u", ulen);
		return;
	}
	ulen -= 8;
	length -= 8;
	if (ulen < length)
		length = ulen;
	put_addr_port(p, o, true);
	if (cap < 8) {
		trunc_mark(o, "udp");
		return;
	}
	/* tcpdump reads the payload of well-known ports */
	if (ulen > length && !(p->ip_off & 0x2000))
		put(o, "UDP, bad length %u > %u", ulen, length);
	else
		put(o, "UDP, length %u", ulen);
}

/* Another protocol in IPv4 or IPv6, as tcpdump's demultiplexer says. */
static void put_ip_other(struct out *o, unsigned version, uint8_t proto,
			 uint32_t len)
{
	if (version == 6 && (proto == IPPROTO_ICMP || proto == IPPROTO_IGMP))
		put(o, "[%s requires IPv4] (invalid)",
		    proto == IPPROTO_ICMP ? "ICMP" : "IGMP");
	else if (version == 4 && (proto == IPPROTO_ICMPV6 || proto == 97))
		put(o, "[%s requires IPv6] (invalid)",
		    proto == 97 ? "Ethernet" : "ICMPv6");
	else if (proto == 59)
		put(o, "no next header");
	else
		put(o, " ip-proto-%u %u", proto, len);
}

static void format_ipv4(const struct pkt *p, bool link, struct out *o)
{
	uint32_t cap = p->caplen - p->l3_off, wire = p->len - p->l3_off;

	if (cap < 1) {
		trunc_mark(o, "ip");
		return;
	}
	if (p->ip_version != 4) {
		if (p->ip_version == 6)
			put(o, "IP6, wrong link-layer encapsulation (invalid)");
		else
			put(o, "IP%u (invalid)", p->ip_version);
		return;
	}
	if (cap < 20) {
		/* the version is the first thing tcpdump looks at */
		if (!link)
			put(o, "IP ");
		trunc_mark(o, "ip");
		return;
	}
	if (!link)
		put(o, "IP ");
	if (wire < 20) {
		put(o, "truncated-ip %u", wire);
		return;
	}
	if (p->ip_hl < 20) {
		put(o, "bad-hlen %u", p->ip_hl);
		return;
	}
	if (wire < p->ip_len)
		put(o, "truncated-ip - %u bytes missing! ", p->ip_len - wire);
	if (p->ip_len < p->ip_hl) {
		put(o, "bad-len %u", p->ip_len);
		return;
	}
	if (p->ip_off & 0x1fff) {
		put_ip(o, p->ip_src);
		put(o, " > ");
		put_ip(o, p->ip_dst);
		put(o, ": ip-proto-%u", p->ip_proto);
		return;
	}
	if (p->ip_proto != IPPROTO_TCP && p->ip_proto != IPPROTO_UDP) {
		put_ip(o, p->ip_src);
		put(o, " > ");
		put_ip(o, p->ip_dst);
		put(o, ": ");
	}
	if (cap < p->ip_hl) {
		put(o, " [remaining caplen(%u) < header length(%u)]", cap,
		    p->ip_hl);
		trunc_mark(o, "ip");
		return;
	}
	switch (p->ip_proto) {
	case IPPROTO_ICMP:
		format_icmp(p, o);
		break;
	case IPPROTO_TCP:
		format_tcp(p, o);
		break;
	case IPPROTO_UDP:
		format_udp(p, o);
		break;
	default:
		put_ip_other(o, 4, p->ip_proto, p->l4_len);
		break;
	}
}

static const struct name icmp6_names[] = {
	{ 1, "destination unreachable" }, { 2, "packet too big" },
	{ 3, "time exceeded in-transit" }, { 4, "parameter problem" },
	{ 128, "echo request" }, { 129, "echo reply" },
	{ 130, "multicast listener query" },
	{ 131, "multicast listener report" },
	{ 132, "multicast listener done" }, { 133, "router solicitation" },
	{ 134, "router advertisement" }, { 135, "neighbor solicitation" },
	{ 136, "neighbor advertisement" }, { 137, "redirect" },
	{ 138, "router renumbering" },
	{ 141, "inverse neighbor solicitation" },
	{ 142, "inverse neighbor advertisement" },
	{ 143, "multicast listener report v2" },
	{ 144, "ha discovery request" }, { 145, "ha discovery reply" },
	{ 146, "mobile router solicitation" },
	{ 147, "mobile router advertisement" },
	{ 139, "node information query" }, { 140, "node information reply" },
	{ 200, "mtrace message" }, { 201, "mtrace response" },
	{ 155, "RPL" },
};

static const struct name icmp6_unreach[] = {
	{ 0, "unreachable route" }, { 1, " unreachable prohibited" },
	{ 2, "beyond scope" }, { 3, "unreachable address" },
	{ 4, "unreachable port" },
};

/* ICMPv6 as tcpdump writes it, piece by piece: false when the capture
 * ends first (the caller adds "[|icmp6]"). */
static bool put_icmp6_body(const struct pkt *p, struct out *o)
{
	const uint8_t *c = p->l4;
	uint32_t cap = p->l4_caplen < sizeof(p->l4) ? p->l4_caplen :
						       sizeof(p->l4);
	const char *n;
	uint8_t type, code;

#define NEED(k) do { if (cap < (k)) return false; } while (0)
	NEED(1);
	type = c[0];
	n = name_of(icmp6_names, ARRAY_SIZE(icmp6_names), type);
	if (n)
		put(o, "ICMP6, %s", n);
	else
		put(o, "ICMP6, unknown icmp6 type (%u)", type);
	NEED(2);
	code = c[1];
	switch (type) {
	case 1:
		n = name_of(icmp6_unreach, ARRAY_SIZE(icmp6_unreach), code);
		if (n)
			put(o, ", %s", n);
		else
			put(o, ", unknown unreach code (%u)", code);
		if (code == 0 || code == 1 || code == 3) {
			NEED(48);
			put(o, " ");
			put_ip6(o, c + 32);
		} else if (code == 2) {
			NEED(48);
			put(o, " ");
			put_ip6(o, c + 32);
			put(o, ", source address ");
			put_ip6(o, c + 16);
		} else if (code == 4) {
			/* tcpdump looks for the quoted TCP or UDP header
			 * (through extension headers, which are left out) */
			NEED(52);
			if (c[14] != IPPROTO_TCP && c[14] != IPPROTO_UDP)
				return false;
			put(o, ", ");
			put_ip6(o, c + 32);
			put(o, " %s port %u",
			    c[14] == IPPROTO_TCP ? "tcp" : "udp", be16(c + 50));
		} else {
			return true;	/* a hex dump follows */
		}
		break;
	case 2:
		NEED(8);
		put(o, ", mtu %u", be32(c + 4));
		break;
	case 3:
		if (code == 0) {
			NEED(48);
			put(o, " for ");
			put_ip6(o, c + 32);
		} else if (code == 1) {
			put(o, " (reassembly)");
		} else {
			put(o, ", unknown code (%u)", code);
		}
		break;
	case 128:
	case 129:
		NEED(8);
		put(o, ", id %u, seq %u", be16(c + 4), be16(c + 6));
		break;
	case 131:
	case 132:
		if (cap < 24)
			break;
		put(o, "max resp delay: %u ", be16(c + 4));
		put(o, "addr: ");
		put_ip6(o, c + 8);
		break;
	case 133:
	case 134:
		break;
	case 135:
	case 136:
		NEED(24);
		put(o, type == 135 ? ", who has " : ", tgt is ");
		put_ip6(o, c + 8);
		break;
	case 137:
		NEED(40);
		put(o, ", ");
		put_ip6(o, c + 24);
		put(o, " to ");
		put_ip6(o, c + 8);
		break;
	case 143:
		if (p->l4_len < 8) {
			put(o, " [invalid len %u]", p->l4_len);
			break;
		}
		NEED(8);
		put(o, ", %u group record(s)", be16(c + 6));
		break;
	default:
		put(o, ", length %u", p->l4_len);
		return true;	/* a hex dump follows */
	}
#undef NEED
	put(o, ", length %u", p->l4_len);
	return true;
}

/* tcpdump's check of a hop-by-hop header's options (done even without
 * -v, for the jumbo payload option); false: " [|hbhopt]". */
static bool hbh_options_ok(const uint8_t *b, uint32_t len, struct out *o)
{
	for (uint32_t i = 0, optlen; i < len; i += optlen) {
		if (b[i] == 0) {
			optlen = 1;
			continue;
		}
		if (i + 1 >= len)
			return false;
		optlen = b[i + 1] + 2u;
		if (i + optlen > len)
			return false;
		switch (b[i]) {
		case 5:		/* router alert */
			if (len - i < 4) {
				put(o, "(rtalert: trunc)");
				return false;
			}
			if (b[i + 1] != 2) {
				put(o, "(rtalert: invalid len %u)", b[i + 1]);
				return false;
			}
			break;
		case 0xc2:	/* jumbo payload */
			if (len - i < 6) {
				put(o, "(jumbo: trunc)");
				return false;
			}
			if (b[i + 1] != 4) {
				put(o, "(jumbo: invalid len %u)", b[i + 1]);
				return false;
			}
			break;
		case 0xc9:	/* home address */
			if (len - i < 18) {
				put(o, "(homeaddr: trunc)");
				return false;
			}
			if (b[i + 1] < 16) {
				put(o, "(homeaddr: invalid len %u)", b[i + 1]);
				return false;
			}
			break;
		default:
			break;
		}
	}
	return true;
}

/* The IPv6 header's extension headers, as tcpdump walks them; false
 * when it stops there. */
static bool put_ipv6_ext(const struct pkt *p, struct out *o)
{
	uint32_t hbhlen = (p->ip6_hbh[1] + 1u) * 8;

	for (unsigned i = 0; i < p->ip6_next; i++) {
		put(o, p->ip6_ext[i] == 0 ? "HBH " : "DSTOPT ");
		if (p->ip6_ext[i] != 0)
			continue;
		if (hbhlen <= sizeof(p->ip6_hbh) &&
		    !hbh_options_ok(p->ip6_hbh + 2, hbhlen - 2, o)) {
			trunc_mark(o, "hbhopt");
			if (p->ip6_plen == 0)
				put(o, "[No valid Jumbo Payload Hop-by-Hop "
				       "option found] (invalid)");
			return false;
		}
		if (p->ip6_plen == 0) {
			put(o, "[No valid Jumbo Payload Hop-by-Hop option "
			       "found] (invalid)");
			return false;
		}
	}
	if (p->ip6_ext_cut) {
		trunc_mark(o, p->ip6_nxt == 0 ? "hbhopt" : "dstopt");
		if (p->ip6_ext_cut == 2 && p->ip6_nxt == 0 && !p->ip6_next &&
		    p->ip6_plen == 0)
			put(o, "[No valid Jumbo Payload Hop-by-Hop option "
			       "found] (invalid)");
		return false;
	}
	if (p->ip6_nxt == 0 && p->ip6_next) {
		bool hbh = false;

		for (unsigned i = 0; i < p->ip6_next; i++)
			hbh = hbh || p->ip6_ext[i] == 0;
		put(o, hbh ? "[The Hop-by-Hop Options header was already found]"
			   : "[The Hop-by-Hop Options header don't follow the "
			     "IPv6 header]");
		put(o, " (invalid)");
		return false;
	}
	return true;
}

static void format_ipv6(const struct pkt *p, bool link, struct out *o)
{
	uint32_t cap = p->caplen - p->l3_off, wire = p->len - p->l3_off;
	uint32_t total;
	uint8_t first;

	if (cap < 40) {
		trunc_mark(o, "ip6");
		return;
	}
	if (wire < 40) {
		put(o, "truncated-ip6 %u", wire);
		return;
	}
	if (!link)
		put(o, "IP6 ");
	if (p->ip_version != 6) {
		put(o, "version error: %u != 6", p->ip_version);
		return;
	}
	total = p->ip6_plen ? 40u + p->ip6_plen : wire + 40;
	if (p->ip6_plen && wire < total)
		put(o, "truncated-ip6 - %u bytes missing!", total - wire);
	first = p->ip6_next ? p->ip6_ext[0] : p->ip6_nxt;
	if (first != IPPROTO_TCP && first != IPPROTO_UDP && first != 33 &&
	    first != 132) {
		put_ip6(o, p->ip6_src);
		put(o, " > ");
		put_ip6(o, p->ip6_dst);
		put(o, ": ");
	}
	if (!put_ipv6_ext(p, o))
		return;
	if (p->ip6_l4_off > total || (p->ip6_plen == 0 && p->ip6_next)) {
		trunc_mark(o, "ip6");
		return;
	}
	switch (p->ip6_nxt) {
	case IPPROTO_TCP:
		format_tcp(p, o);
		return;
	case IPPROTO_UDP:
		format_udp(p, o);
		return;
	case IPPROTO_ICMPV6:
		if (p->l4_len == 0) {
			put(o, "ICMP6, length 0 (invalid)");
			return;
		}
		if (!put_icmp6_body(p, o))
			trunc_mark(o, "icmp6");
		return;
	default:
		put_ip_other(o, 6, p->ip6_nxt, p->l4_len);
		return;
	}
}

static bool put_vlan(const struct pkt *p, bool link, struct out *o)
{
	if (p->l3_off == 0) {
		trunc_mark(o, "vlan");
		return false;
	}
	if (link) {
		put_ethertype(o, p->vlan_tpid);
		put(o, ", length %u: vlan %u, p %u%s, ", p->len,
		    p->vlan_tci & 0x0fff, p->vlan_tci >> 13,
		    p->vlan_tci & 0x1000 ? ", DEI" : "");
	}
	return true;
}

void pkt_format(const struct pkt *p, bool link_header, char *buf,
		size_t size)
{
	struct out o = { buf, size, 0 };
	uint16_t type;

	if (size)
		buf[0] = '\0';
	if (p->len < p->caplen) {
		put(&o, "[length %u < caplen %u] (invalid)", p->len, p->caplen);
		return;
	}
	if (p->caplen == 0) {
		put(&o, "[Invalid header: caplen==0]");
		return;
	}
	if (p->caplen < ETH_HLEN_) {
		trunc_mark(&o, "ether");
		return;
	}
	if (link_header) {
		put_mac(&o, p->eth_src);
		put(&o, " > ");
		put_mac(&o, p->eth_dst);
		put(&o, ", ");
	}
	type = p->ethertype;
	if (p->vlan >= 0 || p->l3_off == 0) {
		/* l3_off 0: the capture ends inside the tag */
		if (!put_vlan(p, link_header, &o))
			return;
	}
	if (link_header) {
		put_ethertype(&o, type);
		if (p->vlan >= 0)
			put(&o, ", ");
		else
			put(&o, ", length %u: ", p->len);
	}
	switch (type) {
	case ETYPE_ARP:
	case ETYPE_RARP:
		format_arp(p, link_header, &o);
		return;
	case ETYPE_IPV4:
		format_ipv4(p, link_header, &o);
		return;
	case ETYPE_IPV6:
		format_ipv6(p, link_header, &o);
		return;
	default:
		if (!link_header) {
			put_mac(&o, p->eth_src);
			put(&o, " > ");
			put_mac(&o, p->eth_dst);
			put(&o, ", ");
			put_ethertype(&o, type);
			put(&o, ", length %u: ", p->len);
		}
		/* tcpdump goes on with a hex dump on the next lines */
		return;
	}
}

/* ---- labels and comparison -------------------------------------------- */

static const char *tcp_label(uint8_t flags)
{
	if (flags & TCP_RST)
		return "RST";
	if ((flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
		return "SYN-ACK";
	if (flags & TCP_SYN)
		return "SYN";
	if (flags & TCP_FIN)
		return "FIN";
	return "ACK";
}

const char *pkt_label(const struct pkt *p)
{
	switch (p->kind) {
	case PKT_ARP_REQUEST:
		return "ARP?";
	case PKT_ARP_REPLY:
		return "ARP!";
	case PKT_ARP_GRATUITOUS:
		return "gARP";
	case PKT_ARP_OTHER:
		return "ARP";
	case PKT_ICMP_ECHO_REQUEST:
		return "echo";
	case PKT_ICMP_ECHO_REPLY:
		return "reply";
	case PKT_ICMP_UNREACH:
		return "unreach";
	case PKT_ICMP_TIME_EXCEEDED:
		return "ttl";
	case PKT_ICMP_OTHER:
		return "ICMP";
	case PKT_TCP:
		if (p->payload_len > 0 && !(p->tcp_flags & (TCP_SYN | TCP_RST)))
			return "data";
		return tcp_label(p->tcp_flags);
	case PKT_UDP:
		return "UDP";
	case PKT_IPV4_OTHER:
		return "IP";
	case PKT_IPV6:
		return "IPv6";
	case PKT_MALFORMED:
		return "invalid";
	case PKT_OTHER:
	default:
		return "other";
	}
}

bool pkt_same_frame(const unsigned char *a, uint32_t alen,
		    const unsigned char *b, uint32_t blen)
{
	uint32_t n = alen < blen ? alen : blen;

	return memcmp(a, b, n) == 0;
}

bool pkt_same_wire(const unsigned char *a, uint32_t acap, uint32_t alen,
		   const unsigned char *b, uint32_t bcap, uint32_t blen)
{
	return alen == blen && pkt_same_frame(a, acap, b, bcap);
}
