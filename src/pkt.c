/* pkt.c: one captured Ethernet frame, read as tcpdump reads it.
 *
 * pkt_decode() reads the headers of a DLT_EN10MB frame (Ethernet, maybe
 * 802.1Q) into struct pkt and never looks past caplen: ARP, IPv4 with
 * ICMP, TCP and UDP here, IPv6 in pkt-ip6.c.  pkt_label() names a frame
 * in a word for the ladder; pkt_same_frame() and pkt_same_wire() tell
 * one frame seen at two places.  Its text is pkt-text.c's, TCP's and
 * UDP's pkt-tcp.c's (with tcpdump's relative sequence numbers).
 */
#include "system.h"

#include "pkt.h"
#include "pkt-private.h"

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

/* TCP's and UDP's first four bytes, as far as they were captured */
static void decode_ports(struct pkt *p)
{
	if (p->l4_caplen < 4)
		return;
	p->sport = be16(p->l4);
	p->dport = be16(p->l4 + 2);
}

static void decode_tcp(struct pkt *p)
{
	const unsigned char *c = p->l4;
	uint32_t cap = p->l4_caplen;

	p->kind = PKT_TCP;
	decode_ports(p);
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
	decode_ports(p);
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

void pkt_decode_l4(const unsigned char *l4, uint32_t cap, uint32_t len,
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
	pkt_decode_l4(ip + p->ip_hl, total - p->ip_hl, p->ip_len - p->ip_hl,
		  p->ip_proto, p);
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
		pkt_decode_ipv6(frame + off, cap, wire, p);
		break;
	default:
		break;
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
