/* cap-private.h: what the files of a capture share.
 *
 * cap.c opens, reads and closes a capture; cap-place.c opens handles
 * on places; cap-follow.c follows links and namespaces as they come
 * and go; cap-record.c keeps, sorts and frees records.
 */
#ifndef NSTUTOR_CAP_PRIVATE_H
#define NSTUTOR_CAP_PRIVATE_H

#include "system.h"

#include <pcap/pcap.h>

#include "cap.h"
#include "netns.h"
#include "nl-link.h"

#define CAP_BUFFER_DEFAULT (1024 * 1024)
#define READ_BURST 4096		/* frames per handle per cap_read */

/* What the capture holds for each place of its record. */
struct slot {
	pcap_t *pcap;		/* NULL: closed */
	int peer_ifindex;	/* a veth's IFLA_LINK, 0: none */
	int peer_netnsid;	/* -1: same namespace */
};

/* The link watch of one namespace. */
struct nswatch {
	char ns[NAME_MAX + 1];
	struct netns_id id;	/* the namespace the socket lives in */
	int fd;
	bool rescan;		/* list its links again */
	bool ready;		/* readable at the last look */
};

struct capture {
	char *ns, *ifname, *filter;
	int snaplen;
	int buffer_size;
	bool keep;
	struct cap_record *rec;
	struct slot *slots;	/* rec->n_places of them */
	size_t n_slots;
	struct nswatch *watches;
	size_t n_watches;
	int dir_fd;		/* inotify on the netns directory, or -1 */
	uint64_t drops_closed;	/* of handles closed since */
	uint64_t drops_base;	/* the total when the record began */
	int64_t arm_ns;
	bool saw_down;		/* a wanted link was down */
	int64_t drops_at;	/* when kernel_drops was counted */
	bool peers_dirty;	/* places changed: resolve veth peers */
	/* during cap_read */
	cap_frame_fn fn;
	void *arg;
	unsigned int reading;
	int n_read;
};

/* libpcap's words for the last failure, for cap_error(). */
#define CAP_ERRBUF_SIZE (PCAP_ERRBUF_SIZE + IFNAMSIZ + 8)
extern char cap_errbuf[CAP_ERRBUF_SIZE];

/* A place's namespace as netns.h takes it: NULL for the host's "". */
static inline const char *cap_nsarg(const char *ns)
{
	return *ns ? ns : NULL;
}

/* Handles and places (cap-place.c). */
uint64_t cap_handle_drops(pcap_t *p);
void cap_slot_close(struct capture *c, unsigned int i);
/* Whether the capture wants link l of namespace ns. */
bool cap_link_wanted(const struct capture *c, const char *ns,
		     const struct link *l);
int cap_find_place(const struct capture *c, const char *ns, int ifindex,
		   const char *name);
int cap_places_grow(struct cap_record *r, size_t n);
int cap_place_open(struct capture *c, const char *ns, const struct link *l);
void cap_resolve_peers(struct capture *c);
int cap_filter_check(const struct capture *c);

/* Following links and namespaces (cap-follow.c). */
struct nswatch *cap_watch_find(struct capture *c, const char *ns);
/* Watches every namespace the capture wants, and opens its handles. */
int cap_watch_all(struct capture *c);
/* Takes in the link watches' and the netns directory's news. */
int cap_follow_links(struct capture *c);

/* Records (cap-record.c). */
struct cap_record *cap_record_new(void);
/* Keeps a copy of frame f in r: 0, -ENOSPC past CAP_FRAMES_MAX, or
 * -ENOMEM. */
int cap_record_keep(struct cap_record *r, const struct cap_frame *f);

#endif
