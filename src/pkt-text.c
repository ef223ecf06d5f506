/* pkt-text.c: tcpdump's words for a decoded frame.
 *
 * pkt_format() writes the line tcpdump -n (or tcpdump -e -n) prints for
 * a frame, from struct pkt alone, including tcpdump's marks for short
 * captures ("[|arp]", "[|ip]").  Here: the link header and 802.1Q tag,
 * ARP, IPv4 and ICMP, and the small writers the other pkt-*.c files
 * share (pkt_put(), pkt_trunc(), addresses, name tables).  The output
 * imitates tcpdump 4.99 and is not translated; tests/pkt-oracle.sh
 * holds it to the real tcpdump, line for line.  What tcpdump goes on to
 * print on later lines (hex dumps) or from the payload of well-known
 * ports (HTTP, DNS...) is left out.
 */
#include "system.h"

#include "pkt.h"
#include "pkt-private.h"

#include <arpa/inet.h>
#include <stdarg.h>

void pkt_put(struct pkt_out *o, const char *fmt, ...)
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
void pkt_trunc(struct pkt_out *o, const char *proto)
{
	pkt_put(o, " [|%s]", proto);
}

void pkt_mac_text(const uint8_t mac[PKT_MAC_LEN], char buf[18])
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}

/* tcpdump 4.99's oui_values (oui.c), in its order: the first wins. */
static const struct pkt_name ouis[] = {
	{ 0x000000, "Ethernet" }, { 0x00000c, "Cisco" }, { 0x00005e, "IANA" },
	{ 0x000081, "Nortel Networks SONMP" }, { 0x0000f8, "Cisco bridged" },
	{ 0x0080c2, "Ethernet bridged" }, { 0x00a03e, "ATM Forum" },
	{ 0x00e02f, "DOCSIS Spanning Tree" }, { 0x080007, "Appletalk" },
	{ 0x009069, "Juniper" }, { 0x080009, "Hewlett-Packard" },
	{ 0x00120f, "IEEE 802.3 Private" }, { 0x0012bb, "ANSI/TIA" },
	{ 0x001b21, "DCBX" }, { 0x002320, "Nicira Networks" },
	{ 0x5c16c7, "Big Switch Networks" }, { 0xb0d2f5, "Vello Systems" },
	{ 0x002481, "HP" }, { 0x0004ea, "HP-Labs" },
	{ 0x748771, "Infoblox Inc" }, { 0xa42305, "Open Networking Lab" },
	{ 0x00049f, "Freescale" }, { 0x0015ad, "Netronome" },
	{ 0x001018, "Broadcom" }, { 0x00e004, "PMC-Sierra" },
	{ 0xd0f0db, "Ericsson" },
};

void pkt_mac_name(const uint8_t mac[PKT_MAC_LEN], bool names, char *buf,
		  size_t size)
{
	static const uint8_t bcast[PKT_MAC_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	char text[18];
	const char *oui;

	pkt_mac_text(mac, text);
	if (!names) {
		snprintf(buf, size, "%s", text);
		return;
	}
	if (memcmp(mac, bcast, PKT_MAC_LEN) == 0) {
		snprintf(buf, size, "Broadcast");
		return;
	}
	oui = pkt_name_of(ouis, ARRAY_SIZE(ouis),
			  (unsigned)mac[0] << 16 | mac[1] << 8 | mac[2]);
	snprintf(buf, size, "%s (oui %s)", text, oui ? oui : "Unknown");
}

static void put_mac(struct pkt_out *o, const uint8_t mac[PKT_MAC_LEN])
{
	char text[PKT_MAC_NAME_MAX];

	pkt_mac_name(mac, o->names, text, sizeof(text));
	pkt_put(o, "%s", text);
}

void pkt_put_ip(struct pkt_out *o, struct in_addr a)
{
	char text[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, &a, text, sizeof(text)))
		strcpy(text, "?");
	pkt_put(o, "%s", text);
}

void pkt_put_ip6(struct pkt_out *o, const uint8_t a[16])
{
	char text[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, a, text, sizeof(text)))
		strcpy(text, "?");
	pkt_put(o, "%s", text);
}

const char *pkt_name_of(const struct pkt_name *t, size_t n, unsigned value)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].text;
	return NULL;
}

static const struct pkt_name ethertypes[] = {
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

static void put_ethertype(struct pkt_out *o, uint16_t type)
{
	const char *n = pkt_name_of(ethertypes, ARRAY_SIZE(ethertypes), type);

	pkt_put(o, "ethertype %s (0x%04x)", n ? n : "Unknown", type);
}

/* tcpdump's link addresses of len bytes (only the first 6 are kept) */
static void put_linkaddr(struct pkt_out *o, const uint8_t *a, unsigned len)
{
	if (len == 6) {
		put_mac(o, a);
		return;
	}
	if (len == 0) {
		pkt_put(o, "<empty>");
		return;
	}
	for (unsigned i = 0; i < len && i < 6; i++)
		pkt_put(o, "%s%02x", i ? ":" : "", a[i]);
}

static const struct pkt_name arp_hardware[] = {
	{ 1, "Ethernet" }, { 6, "TokenRing" }, { 7, "ArcNet" },
	{ 15, "FrameRelay" }, { 19, "ATM" }, { 24, "IEEE1394" },
	{ 32, "InfiniBand" }, { 768, "IPIP" },
};

static const struct pkt_name arp_ops[] = {
	{ 1, "Request" }, { 2, "Reply" }, { 3, "Reverse Request" },
	{ 4, "Reverse Reply" }, { 8, "Inverse Request" },
	{ 9, "Inverse Reply" }, { 10, "NACK Reply" },
};

static bool arp_complete(const struct pkt *p)
{
	uint32_t cap = p->caplen - p->l3_off;

	return cap >= 8 + 2u * p->arp_hln + 2u * p->arp_pln;
}

static void format_arp(const struct pkt *p, bool link, struct pkt_out *o)
{
	const char *n;
	bool zero = true;

	if (p->caplen - p->l3_off < 8 || !arp_complete(p)) {
		pkt_trunc(o, "arp");
		return;
	}
	if (!link)
		pkt_put(o, "ARP, ");
	if ((p->arp_pro != ETYPE_IPV4 && p->arp_pro != ETYPE_TRAIL) ||
	    p->arp_pln != 4 || p->arp_hln == 0) {
		n = pkt_name_of(arp_hardware, ARRAY_SIZE(arp_hardware),
				p->arp_hrd);
		if (n)
			pkt_put(o, "%s (len %u), ", n, p->arp_hln);
		else
			pkt_put(o, "Unknown Hardware (%u) (len %u), ",
				p->arp_hrd, p->arp_hln);
		n = pkt_name_of(ethertypes, ARRAY_SIZE(ethertypes), p->arp_pro);
		if (n)
			pkt_put(o, "%s (len %u)", n, p->arp_pln);
		else
			pkt_put(o, "Unknown Protocol (0x%04x) (len %u)",
				p->arp_pro, p->arp_pln);
		pkt_put(o, ", length %u", p->len - p->l3_off);
		return;
	}
	n = pkt_name_of(arp_ops, ARRAY_SIZE(arp_ops), p->arp_op);
	if (n)
		pkt_put(o, "%s ", n);
	else
		pkt_put(o, "Unknown (%u) ", p->arp_op);
	switch (p->arp_op) {
	case 1:
		pkt_put(o, "who-has ");
		pkt_put_ip(o, p->arp_tpa);
		for (unsigned i = 0; i < p->arp_hln && i < 6; i++)
			zero = zero && !p->arp_tha[i];
		if (!zero) {
			pkt_put(o, " (");
			put_linkaddr(o, p->arp_tha, p->arp_hln);
			pkt_put(o, ")");
		}
		pkt_put(o, " tell ");
		pkt_put_ip(o, p->arp_spa);
		break;
	case 2:
		pkt_put_ip(o, p->arp_spa);
		pkt_put(o, " is-at ");
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		break;
	case 3:
	case 8:
		pkt_put(o, "who-is ");
		put_linkaddr(o, p->arp_tha, p->arp_hln);
		pkt_put(o, " tell ");
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		break;
	case 4:
		put_linkaddr(o, p->arp_tha, p->arp_hln);
		pkt_put(o, " at ");
		pkt_put_ip(o, p->arp_tpa);
		break;
	case 9:
		put_linkaddr(o, p->arp_sha, p->arp_hln);
		pkt_put(o, " at ");
		pkt_put_ip(o, p->arp_spa);
		break;
	default:
		return;	/* tcpdump goes on with a hex dump */
	}
	pkt_put(o, ", length %u", p->len - p->l3_off);
}

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

static const struct pkt_name icmp_names[] = {
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

/* Destination unreachable's words into w; false when the capture ends
 * before the quoted header they need. */
static bool unreach_text(const struct pkt *p, char *w, size_t size)
{
	const uint8_t *c = p->l4;
	unsigned code = c[1], ihl = (c[8] & 0x0f) * 4u;
	char a[INET_ADDRSTRLEN];

	if (p->l4_caplen < 28)
		return false;
	ip_text(c + 24, a);
	if (code == 2) {
		snprintf(w, size, "%s protocol %u unreachable", a, c[17]);
	} else if (code == 3) {
		if (p->l4_caplen < 8 + ihl + 4 || 8 + ihl + 4 > sizeof(p->l4))
			return false;
		if (c[17] == IPPROTO_TCP || c[17] == IPPROTO_UDP)
			snprintf(w, size, "%s %s port %u unreachable", a,
				 c[17] == IPPROTO_TCP ? "tcp" : "udp",
				 be16(c + 8 + ihl + 2));
		else
			snprintf(w, size, "%s protocol %u port %u unreachable",
				 a, c[17], be16(c + 8 + ihl + 2));
	} else if (code == 4 && be16(c + 6)) {
		snprintf(w, size, "%s unreachable - need to frag (mtu %u)", a,
			 be16(c + 6));
	} else if (code == 4) {
		snprintf(w, size, "%s unreachable - need to frag", a);
	} else if (code < ARRAY_SIZE(unreach_words) &&
		   unreach_words[code].after) {
		snprintf(w, size, "%s%s%s", unreach_words[code].before, a,
			 unreach_words[code].after);
	} else {
		snprintf(w, size, "%s unreachable - #%u", a, code);
	}
	return true;
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
		return unreach_text(p, w, size);
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
		n = pkt_name_of(icmp_names, ARRAY_SIZE(icmp_names), type);
		if (n)
			snprintf(w, size, "%s", n);
		else
			snprintf(w, size, "type-#%u", type);
		return true;
	}
}

static void format_icmp(const struct pkt *p, struct pkt_out *o)
{
	char words[160];

	if (!icmp_words(p, words, sizeof(words))) {
		pkt_trunc(o, "icmp");
		return;
	}
	pkt_put(o, "ICMP %s, length %u", words, p->l4_len);
}

/* Another protocol in IPv4 or IPv6, as tcpdump's demultiplexer says. */
void pkt_put_ip_other(struct pkt_out *o, unsigned version, uint8_t proto,
			 uint32_t len)
{
	if (version == 6 && (proto == IPPROTO_ICMP || proto == IPPROTO_IGMP))
		pkt_put(o, "[%s requires IPv4] (invalid)",
		    proto == IPPROTO_ICMP ? "ICMP" : "IGMP");
	else if (version == 4 && (proto == IPPROTO_ICMPV6 || proto == 97))
		pkt_put(o, "[%s requires IPv6] (invalid)",
		    proto == 97 ? "Ethernet" : "ICMPv6");
	else if (proto == 59)
		pkt_put(o, "no next header");
	else
		pkt_put(o, " ip-proto-%u %u", proto, len);
}

static void format_ipv4(const struct pkt *p, bool link, struct pkt_out *o)
{
	uint32_t cap = p->caplen - p->l3_off, wire = p->len - p->l3_off;

	if (cap < 1) {
		pkt_trunc(o, "ip");
		return;
	}
	if (p->ip_version != 4) {
		if (p->ip_version == 6)
			pkt_put(o, "IP6, wrong link-layer encapsulation "
				   "(invalid)");
		else
			pkt_put(o, "IP%u (invalid)", p->ip_version);
		return;
	}
	if (cap < 20) {
		/* the version is the first thing tcpdump looks at */
		if (!link)
			pkt_put(o, "IP ");
		pkt_trunc(o, "ip");
		return;
	}
	if (!link)
		pkt_put(o, "IP ");
	if (wire < 20) {
		pkt_put(o, "truncated-ip %u", wire);
		return;
	}
	if (p->ip_hl < 20) {
		pkt_put(o, "bad-hlen %u", p->ip_hl);
		return;
	}
	if (wire < p->ip_len)
		pkt_put(o, "truncated-ip - %u bytes missing! ",
			p->ip_len - wire);
	if (p->ip_len < p->ip_hl) {
		pkt_put(o, "bad-len %u", p->ip_len);
		return;
	}
	if (p->ip_off & 0x1fff) {
		pkt_put_ip(o, p->ip_src);
		pkt_put(o, " > ");
		pkt_put_ip(o, p->ip_dst);
		pkt_put(o, ": ip-proto-%u", p->ip_proto);
		return;
	}
	if (p->ip_proto != IPPROTO_TCP && p->ip_proto != IPPROTO_UDP) {
		pkt_put_ip(o, p->ip_src);
		pkt_put(o, " > ");
		pkt_put_ip(o, p->ip_dst);
		pkt_put(o, ": ");
	}
	if (cap < p->ip_hl) {
		pkt_put(o, " [remaining caplen(%u) < header length(%u)]", cap,
		    p->ip_hl);
		pkt_trunc(o, "ip");
		return;
	}
	switch (p->ip_proto) {
	case IPPROTO_ICMP:
		format_icmp(p, o);
		break;
	case IPPROTO_TCP:
		pkt_format_tcp(p, o);
		break;
	case IPPROTO_UDP:
		pkt_format_udp(p, o);
		break;
	default:
		pkt_put_ip_other(o, 4, p->ip_proto, p->l4_len);
		break;
	}
}
static bool put_vlan(const struct pkt *p, bool link, struct pkt_out *o)
{
	if (p->l3_off == 0) {
		pkt_trunc(o, "vlan");
		return false;
	}
	if (link) {
		put_ethertype(o, p->vlan_tpid);
		pkt_put(o, ", length %u: vlan %u, p %u%s, ", p->len,
		    p->vlan_tci & 0x0fff, p->vlan_tci >> 13,
		    p->vlan_tci & 0x1000 ? ", DEI" : "");
	}
	return true;
}

void pkt_format(const struct pkt *p, bool link_header, char *buf,
		size_t size)
{
	pkt_format_names(p, link_header, false, buf, size);
}

void pkt_format_names(const struct pkt *p, bool link_header, bool names,
		      char *buf, size_t size)
{
	struct pkt_out o = { buf, size, 0, names };
	uint16_t type;

	if (size)
		buf[0] = '\0';
	if (p->len < p->caplen) {
		pkt_put(&o, "[length %u < caplen %u] (invalid)", p->len,
			p->caplen);
		return;
	}
	if (p->caplen == 0) {
		pkt_put(&o, "[Invalid header: caplen==0]");
		return;
	}
	if (p->caplen < ETH_HLEN_) {
		pkt_trunc(&o, "ether");
		return;
	}
	if (link_header) {
		put_mac(&o, p->eth_src);
		pkt_put(&o, " > ");
		put_mac(&o, p->eth_dst);
		pkt_put(&o, ", ");
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
			pkt_put(&o, ", ");
		else
			pkt_put(&o, ", length %u: ", p->len);
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
		pkt_format_ipv6(p, link_header, &o);
		return;
	default:
		if (!link_header) {
			put_mac(&o, p->eth_src);
			pkt_put(&o, " > ");
			put_mac(&o, p->eth_dst);
			pkt_put(&o, ", ");
			put_ethertype(&o, type);
			pkt_put(&o, ", length %u: ", p->len);
		}
		/* tcpdump goes on with a hex dump on the next lines */
		return;
	}
}

