/* pkt-ip6.c: IPv6, read and written as tcpdump does.
 *
 * pkt_decode_ipv6() reads the IPv6 header and the extension headers
 * tcpdump steps over (hop-by-hop, destination options) up to TCP, UDP
 * or ICMPv6; pkt_format_ipv6() writes tcpdump's line for them,
 * ICMPv6's words included.
 */
#include "system.h"

#include "pkt.h"
#include "pkt-private.h"

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

void pkt_decode_ipv6(const unsigned char *ip, uint32_t cap, uint32_t wire,
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
	pkt_decode_l4(ip + off, snap - off, total - off, p->ip6_nxt, p);
	if (p->ip6_nxt == IPPROTO_ICMPV6)
		decode_icmp6(p);
	if (p->kind != PKT_MALFORMED)
		p->kind = PKT_IPV6;
}


static const struct pkt_name icmp6_names[] = {
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

static const struct pkt_name icmp6_unreach[] = {
	{ 0, "unreachable route" }, { 1, " unreachable prohibited" },
	{ 2, "beyond scope" }, { 3, "unreachable address" },
	{ 4, "unreachable port" },
};

/* ICMPv6 as tcpdump writes it, piece by piece: false when the capture
 * ends first (the caller adds "[|icmp6]"). */
static bool put_icmp6_body(const struct pkt *p, struct pkt_out *o)
{
	const uint8_t *c = p->l4;
	uint32_t cap = p->l4_caplen < sizeof(p->l4) ? p->l4_caplen :
						       sizeof(p->l4);
	const char *n;
	uint8_t type, code;

#define NEED(k) do { if (cap < (k)) return false; } while (0)
	NEED(1);
	type = c[0];
	n = pkt_name_of(icmp6_names, ARRAY_SIZE(icmp6_names), type);
	if (n)
		pkt_put(o, "ICMP6, %s", n);
	else
		pkt_put(o, "ICMP6, unknown icmp6 type (%u)", type);
	NEED(2);
	code = c[1];
	switch (type) {
	case 1:
		n = pkt_name_of(icmp6_unreach, ARRAY_SIZE(icmp6_unreach), code);
		if (n)
			pkt_put(o, ", %s", n);
		else
			pkt_put(o, ", unknown unreach code (%u)", code);
		if (code == 0 || code == 1 || code == 3) {
			NEED(48);
			pkt_put(o, " ");
			pkt_put_ip6(o, c + 32);
		} else if (code == 2) {
			NEED(48);
			pkt_put(o, " ");
			pkt_put_ip6(o, c + 32);
			pkt_put(o, ", source address ");
			pkt_put_ip6(o, c + 16);
		} else if (code == 4) {
			/* tcpdump looks for the quoted TCP or UDP header
			 * (through extension headers, which are left out) */
			NEED(52);
			if (c[14] != IPPROTO_TCP && c[14] != IPPROTO_UDP)
				return false;
			pkt_put(o, ", ");
			pkt_put_ip6(o, c + 32);
			pkt_put(o, " %s port %u",
			    c[14] == IPPROTO_TCP ? "tcp" : "udp", be16(c + 50));
		} else {
			return true;	/* a hex dump follows */
		}
		break;
	case 2:
		NEED(8);
		pkt_put(o, ", mtu %u", be32(c + 4));
		break;
	case 3:
		if (code == 0) {
			NEED(48);
			pkt_put(o, " for ");
			pkt_put_ip6(o, c + 32);
		} else if (code == 1) {
			pkt_put(o, " (reassembly)");
		} else {
			pkt_put(o, ", unknown code (%u)", code);
		}
		break;
	case 128:
	case 129:
		NEED(8);
		pkt_put(o, ", id %u, seq %u", be16(c + 4), be16(c + 6));
		break;
	case 131:
	case 132:
		if (cap < 24)
			break;
		pkt_put(o, "max resp delay: %u ", be16(c + 4));
		pkt_put(o, "addr: ");
		pkt_put_ip6(o, c + 8);
		break;
	case 133:
	case 134:
		break;
	case 135:
	case 136:
		NEED(24);
		pkt_put(o, type == 135 ? ", who has " : ", tgt is ");
		pkt_put_ip6(o, c + 8);
		break;
	case 137:
		NEED(40);
		pkt_put(o, ", ");
		pkt_put_ip6(o, c + 24);
		pkt_put(o, " to ");
		pkt_put_ip6(o, c + 8);
		break;
	case 143:
		if (p->l4_len < 8) {
			pkt_put(o, " [invalid len %u]", p->l4_len);
			break;
		}
		NEED(8);
		pkt_put(o, ", %u group record(s)", be16(c + 6));
		break;
	default:
		pkt_put(o, ", length %u", p->l4_len);
		return true;	/* a hex dump follows */
	}
#undef NEED
	pkt_put(o, ", length %u", p->l4_len);
	return true;
}

/* tcpdump's check of a hop-by-hop header's options (done even without
 * -v, for the jumbo payload option); false: " [|hbhopt]". */
static bool hbh_options_ok(const uint8_t *b, uint32_t len, struct pkt_out *o)
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
				pkt_put(o, "(rtalert: trunc)");
				return false;
			}
			if (b[i + 1] != 2) {
				pkt_put(o, "(rtalert: invalid len %u)",
					b[i + 1]);
				return false;
			}
			break;
		case 0xc2:	/* jumbo payload */
			if (len - i < 6) {
				pkt_put(o, "(jumbo: trunc)");
				return false;
			}
			if (b[i + 1] != 4) {
				pkt_put(o, "(jumbo: invalid len %u)", b[i + 1]);
				return false;
			}
			break;
		case 0xc9:	/* home address */
			if (len - i < 18) {
				pkt_put(o, "(homeaddr: trunc)");
				return false;
			}
			if (b[i + 1] < 16) {
				pkt_put(o, "(homeaddr: invalid len %u)",
					b[i + 1]);
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
static bool put_ipv6_ext(const struct pkt *p, struct pkt_out *o)
{
	uint32_t hbhlen = (p->ip6_hbh[1] + 1u) * 8;

	for (unsigned i = 0; i < p->ip6_next; i++) {
		pkt_put(o, p->ip6_ext[i] == 0 ? "HBH " : "DSTOPT ");
		if (p->ip6_ext[i] != 0)
			continue;
		if (hbhlen <= sizeof(p->ip6_hbh) &&
		    !hbh_options_ok(p->ip6_hbh + 2, hbhlen - 2, o)) {
			pkt_trunc(o, "hbhopt");
			if (p->ip6_plen == 0)
				pkt_put(o, "[No valid Jumbo Payload Hop-by-Hop "
				       "option found] (invalid)");
			return false;
		}
		if (p->ip6_plen == 0) {
			pkt_put(o, "[No valid Jumbo Payload Hop-by-Hop option "
			       "found] (invalid)");
			return false;
		}
	}
	if (p->ip6_ext_cut) {
		pkt_trunc(o, p->ip6_nxt == 0 ? "hbhopt" : "dstopt");
		if (p->ip6_ext_cut == 2 && p->ip6_nxt == 0 && !p->ip6_next &&
		    p->ip6_plen == 0)
			pkt_put(o, "[No valid Jumbo Payload Hop-by-Hop option "
			       "found] (invalid)");
		return false;
	}
	if (p->ip6_nxt == 0 && p->ip6_next) {
		bool hbh = false;

		for (unsigned i = 0; i < p->ip6_next; i++)
			hbh = hbh || p->ip6_ext[i] == 0;
		pkt_put(o, "%s", hbh ?
			"[The Hop-by-Hop Options header was already found]" :
			"[The Hop-by-Hop Options header don't follow the "
			"IPv6 header]");
		pkt_put(o, " (invalid)");
		return false;
	}
	return true;
}

void pkt_format_ipv6(const struct pkt *p, bool link, struct pkt_out *o)
{
	uint32_t cap = p->caplen - p->l3_off, wire = p->len - p->l3_off;
	uint32_t total;
	uint8_t first;

	if (cap < 40) {
		pkt_trunc(o, "ip6");
		return;
	}
	if (wire < 40) {
		pkt_put(o, "truncated-ip6 %u", wire);
		return;
	}
	if (!link)
		pkt_put(o, "IP6 ");
	if (p->ip_version != 6) {
		pkt_put(o, "version error: %u != 6", p->ip_version);
		return;
	}
	total = p->ip6_plen ? 40u + p->ip6_plen : wire + 40;
	if (p->ip6_plen && wire < total)
		pkt_put(o, "truncated-ip6 - %u bytes missing!", total - wire);
	first = p->ip6_next ? p->ip6_ext[0] : p->ip6_nxt;
	if (first != IPPROTO_TCP && first != IPPROTO_UDP && first != 33 &&
	    first != 132) {
		pkt_put_ip6(o, p->ip6_src);
		pkt_put(o, " > ");
		pkt_put_ip6(o, p->ip6_dst);
		pkt_put(o, ": ");
	}
	if (!put_ipv6_ext(p, o))
		return;
	if (p->ip6_l4_off > total || (p->ip6_plen == 0 && p->ip6_next)) {
		pkt_trunc(o, "ip6");
		return;
	}
	switch (p->ip6_nxt) {
	case IPPROTO_TCP:
		pkt_format_tcp(p, o);
		return;
	case IPPROTO_UDP:
		pkt_format_udp(p, o);
		return;
	case IPPROTO_ICMPV6:
		if (p->l4_len == 0) {
			pkt_put(o, "ICMP6, length 0 (invalid)");
			return;
		}
		if (!put_icmp6_body(p, o))
			pkt_trunc(o, "icmp6");
		return;
	default:
		pkt_put_ip_other(o, 6, p->ip6_nxt, p->l4_len);
		return;
	}
}

