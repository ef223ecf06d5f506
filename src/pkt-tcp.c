/* pkt-tcp.c: TCP and UDP as tcpdump writes them.
 *
 * pkt_format_tcp() and pkt_format_udp() write the ports, flags,
 * sequence numbers, options and lengths after an IPv4 or IPv6 header;
 * pkt_tcp_relate() keeps the book of conversations that lets them print
 * tcpdump's relative sequence numbers (tcpdump without -S).
 */
#include "system.h"

#include "pkt.h"
#include "pkt-private.h"

/* Does tcpdump read p as TCP with an ACK, far enough to number it?
 * (It records a conversation as soon as it has read the TCP header,
 * even when what follows is wrong.) */
static bool tcp_relatable(const struct pkt *p)
{
	bool v6 = p->ethertype == ETYPE_IPV6;

	if (v6 ? p->ip6_nxt != IPPROTO_TCP || p->ip6_l4_off == 0 :
		 p->ethertype != ETYPE_IPV4 || p->ip_proto != IPPROTO_TCP ||
		 (p->ip_off & 0x1fff) || p->ip_hl < 20)
		return false;
	return p->l4_caplen >= 20 && p->tcp_hl >= 20 &&
	       (p->tcp_flags & TCP_ACK);
}

/* p's conversation as the book keeps it (the lower port first); true
 * when p goes from the higher end to the lower. */
static bool tcp_conv_key(const struct pkt *p, struct pkt_tcp_conv *key)
{
	bool v6 = p->ethertype == ETYPE_IPV6, rev = false;
	const void *src = v6 ? (const void *)p->ip6_src :
			       (const void *)&p->ip_src;
	const void *dst = v6 ? (const void *)p->ip6_dst :
			       (const void *)&p->ip_dst;

	if (p->sport > p->dport)
		rev = true;
	else if (p->sport == p->dport)
		rev = memcmp(src, dst, v6 ? 16 : 4) > 0;
	memset(key, 0, sizeof(*key));
	key->v6 = v6;
	key->used = true;
	if (v6) {
		memcpy(key->lo6, rev ? dst : src, 16);
		memcpy(key->hi6, rev ? src : dst, 16);
	} else {
		memcpy(&key->lo_addr, rev ? dst : src, 4);
		memcpy(&key->hi_addr, rev ? src : dst, 4);
	}
	key->ports = rev ? (uint32_t)p->dport << 16 | p->sport :
			   (uint32_t)p->sport << 16 | p->dport;
	return rev;
}

static struct pkt_tcp_conv *tcp_book_find(struct pkt_tcp_book *book,
					  const struct pkt_tcp_conv *key)
{
	for (size_t i = 0; i < PKT_TCP_BOOK_SIZE; i++) {
		struct pkt_tcp_conv *t = &book->conv[i];

		if (t->used && t->v6 == key->v6 && t->ports == key->ports &&
		    !memcmp(t->lo6, key->lo6, 16) &&
		    !memcmp(t->hi6, key->hi6, 16) &&
		    t->lo_addr.s_addr == key->lo_addr.s_addr &&
		    t->hi_addr.s_addr == key->hi_addr.s_addr)
			return t;
	}
	return NULL;
}

void pkt_tcp_relate(struct pkt_tcp_book *book, struct pkt *p)
{
	struct pkt_tcp_conv key, *c;
	bool rev;

	p->tcp_relative = false;
	if (!tcp_relatable(p))
		return;
	rev = tcp_conv_key(p, &key);
	c = tcp_book_find(book, &key);
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

static void put_addr_port(const struct pkt *p, struct pkt_out *o, bool ports)
{
	bool v6 = p->ethertype == ETYPE_IPV6;

	if (v6 && p->ip6_next && ports) {
		/* the IPv6 header does not say TCP or UDP: tcpdump leaves
		 * the addresses out */
		pkt_put(o, "%u > %u: ", p->sport, p->dport);
		return;
	}

	if (v6)
		pkt_put_ip6(o, p->ip6_src);
	else
		pkt_put_ip(o, p->ip_src);
	if (ports)
		pkt_put(o, ".%u", p->sport);
	pkt_put(o, " > ");
	if (v6)
		pkt_put_ip6(o, p->ip6_dst);
	else
		pkt_put_ip(o, p->ip_dst);
	if (ports)
		pkt_put(o, ".%u", p->dport);
	pkt_put(o, ports ? ": " : ":");
}

static void put_tcp_flags(const struct pkt *p, struct pkt_out *o)
{
	static const struct pkt_name bits[] = {
		{ 0x01, "F" }, { 0x02, "S" }, { 0x04, "R" }, { 0x08, "P" },
		{ 0x10, "." }, { 0x20, "U" }, { 0x40, "E" }, { 0x80, "W" },
	};

	pkt_put(o, "Flags [");
	for (size_t i = 0; i < ARRAY_SIZE(bits); i++)
		if (p->tcp_flags & bits[i].value)
			pkt_put(o, "%s", bits[i].text);
	if (!p->tcp_flags)
		pkt_put(o, "none");
	pkt_put(o, "]");
}

static const struct pkt_name tcp_options[] = {
	{ 0, "eol" }, { 1, "nop" }, { 2, "mss" }, { 3, "wscale" },
	{ 4, "sackOK" }, { 5, "sack" }, { 6, "echo" }, { 7, "echoreply" },
	{ 8, "TS" }, { 11, "cc" }, { 12, "ccnew" }, { 13, "" },
	{ 19, "md5" }, { 20, "scps" }, { 28, "uto" }, { 29, "tcp-ao" },
	{ 30, "mptcp" }, { 34, "tfo" }, { 254, "exp" },
};

enum opt_end { OPT_DONE, OPT_BAD, OPT_TRUNC, OPT_JUMP };

/* One option's text; *hlen counts down the header's option bytes. */
static enum opt_end put_tcp_option(const struct pkt *p, struct pkt_out *o,
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
	n = pkt_name_of(tcp_options, ARRAY_SIZE(tcp_options), opt);
	if (n)
		pkt_put(o, "%s", n);
	else
		pkt_put(o, "unknown-%u", opt);
#define LENCHECK(l) do { if ((l) > *hlen) return OPT_BAD; \
		if (!HAVE(l)) return OPT_TRUNC; } while (0)
	switch (opt) {
	case 2:
		datalen = 2;
		LENCHECK(datalen);
		pkt_put(o, " %u", be16(c + *at));
		break;
	case 3:
		datalen = 1;
		LENCHECK(datalen);
		pkt_put(o, " %u", c[*at]);
		break;
	case 5:
		datalen = len - 2;
		if (datalen % 8) {
			pkt_put(o, " invalid sack");
			break;
		}
		pkt_put(o, " %u ", datalen / 8);
		for (unsigned i = 0; i < datalen; i += 8) {
			uint32_t s, e;

			LENCHECK(i + 8);
			s = be32(c + *at + i) - p->tcp_ack_base;
			e = be32(c + *at + i + 4) - p->tcp_ack_base;
			pkt_put(o, "{%u:%u}", s, e);
		}
		break;
	case 6:
	case 7:
	case 11:
	case 12:
	case 13:
		datalen = 4;
		LENCHECK(datalen);
		pkt_put(o, " %u", be32(c + *at));
		break;
	case 8:
		datalen = 8;
		LENCHECK(datalen);
		pkt_put(o, " val %u ecr %u", be32(c + *at), be32(c + *at + 4));
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
		pkt_put(o, " 0x%x", uto);
		uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
		pkt_put(o, " %u", uto);
		break;
	}
	default:
		datalen = len - 2;
		if (datalen)
			pkt_put(o, " 0x");
		for (unsigned i = 0; i < datalen; i++) {
			LENCHECK(i + 1);
			pkt_put(o, "%02x", c[*at + i]);
		}
		break;
	}
#undef LENCHECK
#undef HAVE
	*at += datalen;
	*hlen -= datalen;
	datalen += opt == 0 || opt == 1 ? 1 : 2;
	if (datalen != len)
		pkt_put(o, "[len %u]", len);
	*eol = opt == 0;
	return OPT_DONE;
}

/* false: the capture ended inside the options (tcpdump stops there) */
static bool put_tcp_options(const struct pkt *p, struct pkt_out *o)
{
	uint32_t hlen = p->tcp_hl - 20u, at = 20;
	bool first = true, eol = false;

	pkt_put(o, ", options [");
	while (hlen > 0) {
		if (!first)
			pkt_put(o, ",");
		switch (put_tcp_option(p, o, &at, &hlen, &eol)) {
		case OPT_BAD:
			pkt_put(o, "[bad opt]");
			if (!first)
				pkt_put(o, "]");
			return false;
		case OPT_TRUNC:
			pkt_trunc(o, "tcp");
			if (!first)
				pkt_put(o, ">");
			return false;
		case OPT_JUMP:
			pkt_trunc(o, "tcp");
			return false;
		case OPT_DONE:
			break;
		}
		first = false;
		if (eol)
			break;
	}
	pkt_put(o, "]");
	return true;
}

void pkt_format_tcp(const struct pkt *p, struct pkt_out *o)
{
	uint32_t cap = p->l4_caplen, length = p->l4_len, hlen;
	uint32_t seq = p->tcp_seq, ack = p->tcp_ack;
	const uint8_t *c = p->l4;

	if (cap < 4) {
		put_addr_port(p, o, false);
		pkt_trunc(o, "tcp");
		return;
	}
	put_addr_port(p, o, true);
	if (cap < 20) {
		pkt_trunc(o, "tcp");
		return;
	}
	hlen = (c[12] >> 4) * 4u;
	if (hlen < 20) {
		pkt_put(o, " tcp %u [bad hdr length %u - too short, < 20]",
		    length - hlen, hlen);
		return;
	}
	put_tcp_flags(p, o);
	if (p->tcp_relative) {
		seq -= p->tcp_seq_base;
		ack -= p->tcp_ack_base;
	}
	if (hlen > length) {
		pkt_put(o, " [bad hdr length %u - too long, > %u]", hlen,
			length);
		return;
	}
	length -= hlen;
	if (length > 0 || p->tcp_flags & (TCP_SYN | TCP_FIN | TCP_RST)) {
		pkt_put(o, ", seq %u", seq);
		if (length > 0)
			pkt_put(o, ":%u", seq + length);
	}
	if (p->tcp_flags & TCP_ACK)
		pkt_put(o, ", ack %u", ack);
	pkt_put(o, ", win %u", p->tcp_win);
	if (p->tcp_flags & TCP_URG)
		pkt_put(o, ", urg %u", be16(c + 18));
	if (hlen > 20 && !put_tcp_options(p, o))
		return;
	pkt_put(o, ", length %u", length);
	if (length == 0)
		return;
	if (cap < hlen) {
		pkt_put(o, " [remaining caplen(%u) < header length(%u)]",
			cap, hlen);
		pkt_trunc(o, "tcp");
	}
	/* tcpdump goes on with the payload of well-known ports */
}

void pkt_format_udp(const struct pkt *p, struct pkt_out *o)
{
	uint32_t cap = p->l4_caplen, length = p->l4_len, ulen;

	if (cap < 4) {
		put_addr_port(p, o, false);
		pkt_put(o, " ");
		pkt_trunc(o, "udp");
		return;
	}
	if (length < 8) {
		put_addr_port(p, o, true);
		pkt_put(o, "truncated-udp %u", length);
		return;
	}
	if (cap < 6) {
		put_addr_port(p, o, true);
		pkt_trunc(o, "udp");
		return;
	}
	ulen = be16(p->l4 + 4);
	if (ulen < 8) {
		put_addr_port(p, o, true);
		pkt_put(o, "truncated-udplength %u", ulen);
		return;
	}
	ulen -= 8;
	length -= 8;
	if (ulen < length)
		length = ulen;
	put_addr_port(p, o, true);
	if (cap < 8) {
		pkt_trunc(o, "udp");
		return;
	}
	/* tcpdump reads the payload of well-known ports */
	if (ulen > length && !(p->ip_off & 0x2000))
		pkt_put(o, "UDP, bad length %u > %u", ulen, length);
	else
		pkt_put(o, "UDP, length %u", ulen);
}

