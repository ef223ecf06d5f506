/* capture.h: "capture on|off", and the capture a ping takes.
 *
 * With "capture on" (and for every ping in a lesson) a capture on every
 * interface of the world is armed at once and kept armed, following
 * links as they come and go, so a ping's first ARP is never missed.  A
 * ping calls ping_capture_start() before its first request and
 * ping_capture_end() after its statistics: the merged timeline of what
 * was seen where, with notes, where a frame stopped, and netfilter's
 * drop line on it.  The record becomes the last capture ("capture
 * save", "capture ladder", "explain").
 */
#ifndef NSTUTOR_CAPTURE_H
#define NSTUTOR_CAPTURE_H

#include "system.h"

#include <netinet/in.h>

struct nf_last;
struct ping_capture;

/* capture on / off: arms or disarms the standing capture; 0, 1 when
 * there is no link to capture on yet (it is armed at the next ping), or
 * -errno (said to the learner). */
int capture_set(bool on);
bool capture_is_on(void);
/* A lesson's pings capture even with capture off. */
void capture_for_lesson(bool on);

/* NULL when pings are not captured now (or it could not be armed,
 * said once); else frames are read while the ping polls its watches. */
struct ping_capture *ping_capture_start(const char *ns, struct in_addr src,
					struct in_addr dst);
/* Reads what is still waiting and prints the timeline; l is what the
 * firewall trace found (NULL: nothing). Frees pc. */
void ping_capture_end(struct ping_capture *pc, const struct nf_last *l);

/* capture on -e: the timeline shows MACs (tcpdump -e). */
void capture_set_link_header(bool on);
bool capture_link_header(void);

struct cap_record;
struct tl_world;
struct tl_print_opts;
/* What the world holds now about r's places: addresses and bridges'
 * fdbs (free with tl_world_free). */
void capture_world(const struct cap_record *r, struct tl_world *w);
/* How the learner wants timelines printed now (l: the drop line). */
void capture_print_opts(struct tl_print_opts *o, const struct nf_last *l);

/* Draws the last capture as a ladder diagram on stdout; -ENOENT when
 * there is none (nothing printed). */
int capture_ladder(const struct nf_last *l);

void capture_forget(const char *ns);
void capture_forget_deleted(void);

#endif
