/* timeline.h: one capture's frames, merged across places, in words.
 *
 * timeline_build() groups the frames of a sorted record into packets:
 * the same frame (pkt_same_wire) seen at several places within
 * TL_WINDOW_NS is one packet with an ordered list of sightings
 * (place, time).  The sightings follow the way the frame went: by
 * time, except that a bridge comes right after the port it came in by.
 * With what the world holds (struct tl_world: which namespace owns
 * which address, which bridge port a MAC sits behind) it also finds
 * where a packet stopped before reaching the place it was heading to.
 *
 * timeline_print() writes each packet in the tutorials' tcpdump style
 * with where it was seen first, the path, a note in plain words and
 * where it stopped; timeline_ladder() draws the same as a sequence
 * diagram (ladder.c).
 */
#ifndef NSTUTOR_TIMELINE_H
#define NSTUTOR_TIMELINE_H

#include "system.h"

#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>

#include "cap.h"
#include "pkt.h"

#define TL_WINDOW_NS 200000000LL /* 200 ms: one frame's journey */
#define TL_SEEN_MAX 16		 /* sightings kept per packet */
#define TL_LOOK_BACK 64		 /* open packets a frame may belong to */
#define TL_HEAD 12		 /* a long story: packets shown first, */
#define TL_TAIL 4		 /* and last; one line sums up the rest */

struct nf_last;

/* Who owns an address, and where bridges send a MAC. */
struct tl_addr {
	char ns[NAME_MAX + 1];	/* "": the host */
	struct in_addr ip;
};

struct tl_fdb {
	char ns[NAME_MAX + 1];
	int bridge;		/* ifindex of the bridge */
	uint8_t mac[6];
	int port;		/* ifindex of the port */
};

struct tl_world {
	size_t n_addrs, n_fdb;
	struct tl_addr *addrs;
	struct tl_fdb *fdb;
};

struct tl_sighting {
	unsigned int place;
	int64_t ts_ns;
	size_t frame;		/* index into the record's frames */
};

struct tl_packet {
	struct pkt pkt;
	size_t n_seen;
	struct tl_sighting seen[TL_SEEN_MAX];
	int stop_at;		/* place where it was last seen before
				   stopping; -1: it did not stop */
	int stop_towards;	/* the place it was heading to */
	bool noise;		/* IPv6 or multicast housekeeping, not part
				   of a ping's story */
	bool flooded;		/* a bridge sent a broadcast to its ports */
	size_t order;		/* its place among the packets that are
				   not noise */
	int flood_bridge;	/* that bridge's place */
};

struct timeline {
	const struct cap_record *r;
	size_t n;
	size_t n_story;		/* packets that are not noise */
	size_t first_cut;	/* the first packet tl_cut sums up; n: none */
	struct tl_packet *packets;
};

struct tl_print_opts {
	bool plain;		/* no notes */
	bool color;
	bool link_header;	/* -e: MACs */
	bool utf8;		/* arrows and boxes in UTF-8 */
	bool all;		/* show the housekeeping (noise) too */
	const struct nf_last *nf; /* the firewall's drop line, or NULL */
};

/* How many packets are housekeeping (left out unless o->all). */
size_t timeline_noise(const struct timeline *tl);

/* Is packet i summed up rather than shown?  Only in a long story (a
 * flood): the first TL_HEAD and last TL_TAIL packets, and every one
 * that stopped on its way, are always shown. */
bool tl_cut(const struct timeline *tl, size_t i);
/* The line that stands for the packets cut, at the first of them:
 * "… 19986 more packets like these: 9993 echo, 9993 reply"; false
 * when packet i is not the first cut. */
bool tl_cut_line(const struct timeline *tl, size_t i,
		 const struct tl_print_opts *o, char *buf, size_t size);

/* Groups r's frames (r sorted by time); w may be NULL.  0 or -ENOMEM. */
int timeline_build(const struct cap_record *r, const struct tl_world *w,
		   struct timeline *tl);
void timeline_free(struct timeline *tl);

void timeline_print(const struct timeline *tl, const struct tl_world *w,
		    const struct tl_print_opts *o, FILE *out);
/* The ladder diagram (ladder.c); fits 80 columns. */
void timeline_ladder(const struct timeline *tl,
		     const struct tl_print_opts *o, FILE *out);

/* Where packet p stopped, in words (p->stop_at >= 0), with the
 * firewall's drop line when o->nf has one. */
void tl_stop_text(const struct timeline *tl, const struct tl_packet *p,
		  const struct tl_print_opts *o, char *buf, size_t size);

/* The owner of ip ("" the host), or NULL when no namespace holds it. */
const char *tl_world_owner(const struct tl_world *w, struct in_addr ip);
void tl_world_free(struct tl_world *w);

/* Does the locale's codeset say UTF-8? */
bool tl_locale_utf8(void);

#endif
