/* pkt.h: what one captured Ethernet frame is, and its tcpdump line.
 *
 * pkt_decode() reads a frame (DLT_EN10MB: Ethernet, maybe 802.1Q)
 * into struct pkt: ARP (who-has, is-at, gratuitous), IPv4 with ICMP
 * (echo, unreachable, time exceeded, with the inner header of an
 * error), TCP and UDP; anything else is one honest kind.  It never
 * reads past caplen: a truncated or malformed frame is marked so and
 * keeps what could be read.  pkt_format() writes the line "tcpdump -n"
 * prints after the timestamp ("ARP, Request who-has 11.11.11.3 tell
 * 11.11.11.2, length 28"); with link_header, "tcpdump -e -n"'s.
 * IPv6 is one kind, but its addresses, ICMPv6, TCP and UDP are read
 * and written as tcpdump does too.  Without -S tcpdump numbers TCP
 * sequences from each conversation's first: pkt_tcp_relate() does so.
 */
#ifndef NSTUTOR_PKT_H
#define NSTUTOR_PKT_H

#include "system.h"

#include <netinet/in.h>
#include <stdint.h>

#define PKT_MAC_LEN 6

enum pkt_kind {
	PKT_OTHER,		/* an EtherType nstutor does not read */
	PKT_MALFORMED,		/* too short for what its header says */
	PKT_ARP_REQUEST,	/* who-has */
	PKT_ARP_REPLY,		/* is-at */
	PKT_ARP_GRATUITOUS,	/* a request or reply about its own address */
	PKT_ARP_OTHER,		/* RARP, other hardware or operations */
	PKT_ICMP_ECHO_REQUEST,
	PKT_ICMP_ECHO_REPLY,
	PKT_ICMP_UNREACH,	/* destination unreachable: see icmp_code */
	PKT_ICMP_TIME_EXCEEDED,
	PKT_ICMP_OTHER,
	PKT_TCP,
	PKT_UDP,
	PKT_IPV4_OTHER,		/* another IP protocol, or a later fragment */
	PKT_IPV6,
};

struct pkt {
	enum pkt_kind kind;
	bool truncated;		/* caplen < what the headers promise */
	uint32_t len;		/* length on the wire */
	uint8_t eth_dst[PKT_MAC_LEN], eth_src[PKT_MAC_LEN];
	uint16_t ethertype;	/* after any 802.1Q tag */
	int vlan;		/* 802.1Q VLAN id; -1: untagged */
	/* ARP (IPv4 over Ethernet) */
	uint16_t arp_op;
	uint8_t arp_sha[PKT_MAC_LEN], arp_tha[PKT_MAC_LEN];
	struct in_addr arp_spa, arp_tpa;
	/* IPv4 */
	struct in_addr ip_src, ip_dst;
	uint8_t ip_ttl, ip_proto;
	uint16_t ip_id, ip_len;	/* ip_len: total length field */
	/* ICMP */
	uint8_t icmp_type, icmp_code;
	uint16_t icmp_id, icmp_seq;	/* echo request and reply */
	struct in_addr inner_src, inner_dst; /* an error's quoted header */
	uint8_t inner_proto;
	/* TCP, UDP */
	uint16_t sport, dport;
	uint8_t tcp_flags;	/* TH_FIN ... TH_CWR */
	uint32_t tcp_seq, tcp_ack;
	uint16_t tcp_win;
	uint32_t payload_len;	/* bytes after the TCP/UDP header */

	/* What pkt_format() needs besides, to print as tcpdump does. */
	uint32_t caplen;	/* bytes captured */
	uint16_t l3_off;	/* where the ARP or IP header starts */
	uint16_t vlan_tpid;	/* 0x8100, 0x88a8...: the tag's own type */
	uint16_t vlan_tci;	/* the whole 802.1Q tag (priority, DEI, id) */
	uint16_t arp_hrd, arp_pro; /* hardware and protocol types */
	uint8_t arp_hln, arp_pln;  /* and their address lengths */
	uint8_t ip_hl, ip_tos;	/* header length in bytes */
	uint16_t ip_off;	/* flags and fragment offset */
	uint8_t ip6_src[16], ip6_dst[16]; /* IPv6 */
	uint8_t ip6_nxt;	/* IPv6 upper protocol, after extensions */
	uint16_t ip6_plen;	/* IPv6 payload length */
	uint8_t ip6_ext[8];	/* the extension headers read (0, 60) */
	uint8_t ip6_next;	/* how many */
	uint8_t ip6_ext_cut;	/* the capture ends in the next one: 1 before
				 * its length, 2 after */
	uint16_t ip6_l4_off;	/* upper header, from the IPv6 header */
	uint8_t ip6_hbh[40];	/* the hop-by-hop header's first bytes */
	uint8_t ip_version;	/* the IP header's first four bits */
	/* With IPv6, icmp_type, icmp_code, icmp_id and icmp_seq are
	 * ICMPv6's (the kind stays PKT_IPV6). */
	uint16_t inner_dport;	/* port unreachable: the quoted header's */
	uint16_t udp_len;	/* UDP length field */
	uint8_t tcp_hl;		/* TCP header length in bytes */
	uint32_t l4_len;	/* IP payload length its header promises */
	uint32_t l4_caplen;	/* how much of it was captured */
	uint8_t l4[80];		/* its first bytes (TCP options, ICMP) */
	/* Relative TCP numbers like tcpdump's (set by pkt_tcp_relate()). */
	bool tcp_relative;
	uint32_t tcp_seq_base, tcp_ack_base;
};

/* Remembers TCP conversations so that pkt_format() numbers sequence and
 * acknowledgement numbers from each conversation's first, as tcpdump -n
 * does (without -S).  Fixed size, no allocation: zero it to start; past
 * PKT_TCP_BOOK_SIZE conversations the oldest is forgotten. */
#define PKT_TCP_BOOK_SIZE 256
struct pkt_tcp_book {
	struct pkt_tcp_conv {
		struct in_addr lo_addr, hi_addr;
		uint8_t lo6[16], hi6[16];
		uint32_t ports;
		uint32_t seq, ack;
		bool used, v6;
	} conv[PKT_TCP_BOOK_SIZE];
	unsigned next;		/* the slot to reuse when full */
};

/* Records p's conversation in book (on SYN or first sight) and marks p
 * for relative numbers; does nothing for a packet without ACK. */
void pkt_tcp_relate(struct pkt_tcp_book *book, struct pkt *p);

/* Decodes caplen bytes of a frame that was len bytes on the wire.
 * Always fills *p (kind PKT_MALFORMED when not even Ethernet). */
void pkt_decode(const unsigned char *frame, uint32_t caplen, uint32_t len,
		struct pkt *p);

/* tcpdump -n's text for the frame, without timestamp or newline; with
 * link_header, tcpdump -e -n's ("3a:c6:... > ff:ff:..., ethertype ARP
 * (0x0806), length 42: Request who-has ..."). */
void pkt_format(const struct pkt *p, bool link_header, char *buf,
		size_t size);
/* The same, with names: the MACs as tcpdump without -n writes them
 * (pkt_mac_name()).  IP addresses and ports stay numbers: nstutor looks
 * no name up (no DNS, no /etc/services). */
void pkt_format_names(const struct pkt *p, bool link_header, bool names,
		      char *buf, size_t size);

/* A word or two for a ladder arrow: "ARP?", "ARP!", "echo", "reply",
 * "unreach", "SYN", "UDP", ... (not translated: protocol words). */
const char *pkt_label(const struct pkt *p);

/* "3a:c6:51:d6:08:40" into buf (18 bytes). */
void pkt_mac_text(const uint8_t mac[PKT_MAC_LEN], char buf[18]);
/* A MAC as tcpdump 4.99 without -n writes it, into buf
 * (PKT_MAC_NAME_MAX bytes): "Broadcast", or the MAC and its
 * manufacturer from tcpdump's short list: "3a:c6:51:d6:08:40 (oui
 * Unknown)" (nstutor reads no /etc/ethers).  Without names, the MAC. */
#define PKT_MAC_NAME_MAX 48
void pkt_mac_name(const uint8_t mac[PKT_MAC_LEN], bool names, char *buf,
		  size_t size);

/* Are a and b the same frame seen at two places (the same bytes up to
 * the shorter capture)? */
bool pkt_same_frame(const unsigned char *a, uint32_t alen,
		    const unsigned char *b, uint32_t blen);

/* The same, knowing each capture's wire length too: the frames must also
 * have been as long on the wire (acap, bcap: bytes captured). */
bool pkt_same_wire(const unsigned char *a, uint32_t acap, uint32_t alen,
		   const unsigned char *b, uint32_t bcap, uint32_t blen);

#endif
