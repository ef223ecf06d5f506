/* cap.h: live libpcap captures on the world's interfaces.
 *
 * A capture holds one pcap handle per place, a (namespace, interface)
 * pair: each is opened inside its namespace (setns, pcap_create,
 * immediate mode, nanosecond timestamps, a small buffer, pcap_activate,
 * setns back), non-blocking, so one poll() serves them all.  Bridges
 * are opened promiscuous, so frames the bridge forwards between its
 * ports are seen on it too.  A capture follows the links of its
 * namespaces (RTNLGRP_LINK events, one netlink socket per namespace):
 * a new interface gets a handle without being asked for, a vanished
 * one loses its handle; its place stays in the record.
 *
 * Frames are kept in a record (struct cap_record) in the order they
 * were read; cap_record_sort() puts them in time order.  A record
 * outlives its capture (cap_detach), for "capture save" and the ladder.
 */
#ifndef NSTUTOR_CAP_H
#define NSTUTOR_CAP_H

#include "system.h"

#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>

#define CAP_SNAPLEN 262144	/* as tcpdump */
/* What a capture takes of each frame unless told: every byte of a
 * frame up to a 1500-byte MTU (with a VLAN tag), in a 2 KiB slot of
 * the kernel's ring.  CAP_SNAPLEN would give each slot 64 KiB (veths
 * offload segmentation), so a ring of the same memory would hold 30
 * times fewer frames: a ping -f would overflow it. */
#define CAP_SNAPLEN_DEFAULT 1960
/* Headers only (Ethernet, IPv4 with options, TCP with options, an
 * ICMP error's quote), for a timeline: slots of a few hundred bytes, so
 * the same ring holds a flood's bursts (bench/capture-speed.sh: no
 * kernel drop over ping -f -c 10000, where 1960 loses some). */
#define CAP_SNAPLEN_HEADERS 256
#define CAP_FRAMES_MAX 20000	/* a record keeps at most these */

/* Where a frame was seen. */
struct cap_place {
	char ns[NAME_MAX + 1];	/* "" : the world's host namespace */
	char ifname[IFNAMSIZ];
	int ifindex;
	char kind[16];		/* "veth", "bridge", ""... */
	int master;		/* ifindex of its bridge, 0: none */
	int peer;		/* a veth's other end: index of that place
				   in the record, -1: unknown / none */
	uint8_t mac[6];
	bool live;		/* a handle is open on it now */
};

struct cap_frame {
	unsigned int place;	/* index into the record's places */
	int64_t ts_ns;		/* kernel timestamp, ns since the epoch */
	uint32_t caplen, len;
	unsigned char *data;	/* caplen bytes */
};

struct cap_record {
	size_t n_places;
	struct cap_place *places;
	size_t n_frames;
	struct cap_frame *frames;
	uint64_t not_kept;	/* frames past CAP_FRAMES_MAX */
	uint64_t kernel_drops;	/* pcap_stats' ps_drop, all handles */
	uint32_t snaplen;	/* the capture's; 0: not known */
};

/* What to capture. */
struct cap_options {
	const char *ns;		/* only this namespace ("" host); NULL:
				   every namespace of the world */
	const char *ifname;	/* only this interface; NULL: every one but
				   lo (in the host namespace only veths,
				   bridges and bridge ports: never the
				   machine's own NICs) */
	const char *filter;	/* a BPF expression, or NULL */
	int snaplen;		/* 0: CAP_SNAPLEN_DEFAULT; CAP_SNAPLEN
				   as tcpdump's -s 0 */
	bool keep;		/* keep frames in the record */
	int buffer_size;	/* each handle's kernel ring, bytes; 0: the
				   default, 1 MiB (about 500 frames) */
};

struct capture;

/* Called for each frame read, in the order read (cap_read).  The
 * frame's data lives until fn returns (a kept frame's, as long as its
 * record: f is then the record's own frame). */
typedef void (*cap_frame_fn)(const struct cap_record *r,
			     const struct cap_frame *f, void *arg);

/* Opens a capture; every handle is live when it returns.  0, or
 * -errno: -ENODEV when no interface matched, -EPERM without
 * CAP_NET_RAW; a bad filter is -EINVAL with cap_error() saying why.
 * libpcap cannot open a link that is down: its place is there, not
 * live, until the link comes up; when every matching link is down,
 * -ENETDOWN ("beth0: That device is not up"). */
int cap_open(const struct cap_options *o, struct capture **out);
void cap_close(struct capture *c);
/* How long cap_open took to arm every handle, in ns. */
int64_t cap_arm_time_ns(const struct capture *c);
/* libpcap's own words for the last failure (a filter's syntax error). */
const char *cap_error(void);

/* Fills up to n pollfds (fd and events) with the handles', the link
 * watches' and the netns directory watch's fds; poll them, then call
 * cap_read.  Their number changes as links come and go. */
size_t cap_pollfds(const struct capture *c, struct pollfd *p, size_t n);
/* Reads every frame waiting, and follows link events; calls fn for
 * each frame (fn may be NULL).  How many frames were read, or -errno. */
int cap_read(struct capture *c, cap_frame_fn fn, void *arg);
/* Forgets the frames kept so far (before a ping: what came before is
 * not its story). */
void cap_clear(struct capture *c);
/* The record being filled.  Its kernel_drops is counted by cap_read
 * at most every 0.1 s (a syscall per handle), by cap_detach and by
 * cap_count_drops. */
const struct cap_record *cap_record(const struct capture *c);
void cap_count_drops(struct capture *c);
/* Takes the record out of the capture (which starts a new, empty one
 * with the same places); free it with cap_record_free. */
struct cap_record *cap_detach(struct capture *c);
void cap_record_sort(struct cap_record *r);
void cap_record_free(struct cap_record *r);

/* A frame's time as tcpdump prints it, local "12:31:17.000959". */
#define CAP_TIME_LEN 48
void cap_time_text(int64_t ts_ns, char buf[CAP_TIME_LEN]);

/* "RED/reth0", "host/br0" into buf. */
void cap_place_name(const struct cap_place *p, char *buf, size_t size);

/* Drops handles and sockets held in namespace ns (it is being
 * deleted: a socket there would keep it alive). */
void cap_forget(struct capture *c, const char *ns);
/* The same for namespaces deleted or made anew behind its back. */
void cap_forget_deleted(struct capture *c);

/* The record of the last capture that ended (a ping's, a tcpdump's),
 * for "capture save" and "capture ladder"; set takes ownership. */
void cap_last_set(struct cap_record *r);
const struct cap_record *cap_last(void);

#endif
