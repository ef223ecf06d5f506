/* changes-private.h: what changes.c (the cache and the contract) and
 * changes-text.c (the words) share. */
#ifndef NSTUTOR_CHANGES_PRIVATE_H
#define NSTUTOR_CHANGES_PRIVATE_H

#include "system.h"

#include "netns.h"
#include "nl-events.h"

/* A neighbour (IPv4) or learned fdb entry (addr "") as last seen. */
struct seen_neigh {
	int ifindex;
	char addr[NL_EVENT_ADDR_MAX];
	unsigned char mac[6];
	bool has_mac;
	unsigned int state;
	int master;
};

struct watch {
	char *name; /* NULL: the host */
	struct netns_id id;
	struct nl_events *src;
	struct nl_event *links;
	size_t n_links;
	struct seen_neigh *neigh;
	size_t n_neigh;
	struct seen_neigh *fdb;
	size_t n_fdb;
};

struct line {
	size_t pos, seq;
	char *text; /* NULL: taken back */
	/* set on what a link's deletion takes with it (addresses, routes,
	 * neighbours): not said when the link itself is said deleted */
	struct watch *w;
	int ifindex;
};

/* Everything said about one link during the command. */
struct link_item {
	struct watch *w;
	size_t pos;
	struct nl_event old, now;
	bool had_old, done;
};

struct report {
	size_t pos; /* events so far, the order of what happened */
	struct line *lines;
	size_t n_lines;
	struct link_item *items;
	size_t n_items;
};

/* Room for one more element of *v (n of size elem). */
bool changes_grow(void **v, size_t n, size_t elem);

/* The cache (changes.c). */
struct nl_event *changes_link_find(struct watch *w, int ifindex);
struct seen_neigh *changes_neigh_find(struct seen_neigh *v, size_t n,
				      int ifindex, const char *addr,
				      const unsigned char *mac);
/* A bridge learned this fdb entry (not one set by hand). */
bool changes_fdb_learned(const struct nl_event *ev);

/* The words (changes-text.c). */
void changes_say_at(struct report *r, size_t pos, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* One event of w, said before the cache takes it in (links are only
 * gathered: changes_say_links says them). */
void changes_note(struct report *r, struct watch *w, const struct nl_event *ev);
/* Collapses, pairs and says what happened to links. */
void changes_say_links(struct report *r);
/* A netns_dir_fn: "created namespace RED"; arg is the report. */
void changes_say_namespace(const char *name, bool created, void *arg);
/* Prints the lines in the order things happened (none when hushed),
 * and frees the report. */
void changes_print(struct report *r, bool hushed);

#endif
