/* journal.h: the world's journal of what nstutor made.
 *
 * One text file in the world's state directory (world_journal_name()),
 * appended to before each change is made, under the world lock: one
 * line per object, its kind first, then its fields, each separated by
 * one space.  Fields are %-escaped: every byte outside '!'..'~', and
 * '%' itself, becomes %XX, so names with spaces, tabs or newlines are
 * safe; "-" alone stands for none (the world's host namespace), "%"
 * alone for the empty string.  A line is written with one write() on an
 * O_APPEND descriptor, so a line is whole or absent, never interleaved.
 *
 * The kinds (record.c writes them, reset.c undoes them):
 *   base netns NAME, base link NAME  what the world had when the
 *                                    journal began (not undone)
 *   netns NAME                       a namespace nstutor made
 *   link NS NAME                     a link it made (a veth: two lines)
 *   move NS NAME NS2 NAME2           a link renamed or moved; NS2 "/":
 *                                    out of the world
 *   addr NS DEV IFINDEX CIDR         an address it added
 *   route NS DEV KEY=VALUE...        a route it added (none replaced)
 *   neigh NS DEV IFINDEX ADDR        a neighbour entry it added
 *   sysctl NS PATH OLDVALUE          a sysctl it wrote (PATH under
 *                                    /proc/sys/), with the value before
 *   nftable NS TABLE                 an iptables-nft table it made
 *                                    (family ip: "filter", "nat")
 *   nfchain NS TABLE CHAIN           a chain it made (a user chain, or
 *                                    a built-in one missing till then)
 *   nfrule NS TABLE CHAIN TEXT       a rule it is adding (TEXT: its
 *                                    nf_rule_text())
 *   nfhandle NS TABLE CHAIN H TEXT   ... and, once added, its handle
 *   nfpolicy NS TABLE CHAIN OLD      a policy it changed, with the one
 *                                    before ("ACCEPT", "DROP")
 * NS is a /run/netns name, or "-" for the world's host namespace.
 */
#ifndef NSTUTOR_JOURNAL_H
#define NSTUTOR_JOURNAL_H

#include "system.h"

/* The namespace field of an object that left the world (moved into
 * another process's namespace): no namespace name contains '/'. */
#define JOURNAL_ELSEWHERE "/"

#define JOURNAL_FIELDS_MAX 16

struct journal_entry {
	unsigned int line;	      /* in the file; 0: not from the file */
	int n;			      /* fields, the kind first */
	char *f[JOURNAL_FIELDS_MAX];  /* decoded; NULL for "-" */
};

struct journal {
	size_t n;
	struct journal_entry *entries; /* in the file's order */
	size_t bad;		       /* lines left out (said so) */
};

/* ---- writing: one change ---- */

/* Begins one change: takes the world lock and opens the journal.
 * Returns 1 when the journal is new (empty: record the baseline), 0,
 * or -errno after saying why.  Without a state directory, or while
 * suspended, nothing is written and it returns 0. */
int journal_begin(void);
/* Is the change begun being journaled? */
bool journal_recording(void);
/* Appends one line: the kind and n - 1 fields (NULL: "-").  0 or
 * -errno after saying why. */
int journal_addv(const char *const *fields, int n);
#define journal_add(...)                                                 \
	journal_addv((const char *const[]){__VA_ARGS__},                 \
		     (int)(sizeof((const char *const[]){__VA_ARGS__}) /   \
			   sizeof(const char *)))
/* Ends the change begun: when err < 0 (it failed) the lines it added
 * are taken back.  Unlocks; returns err. */
int journal_end(int err);

/* While suspended (reset undoing things, a failed command putting back
 * what it changed), changes are not recorded.  Nests. */
void journal_suspend(void);
void journal_resume(void);

/* ---- reading and clearing: reset (the caller holds the world lock) ---- */

/* Reads every line; lines that are not journal lines (garbage, a last
 * line cut short) are reported as FILE:LINE and left out.  A missing
 * journal reads as empty.  0 or -errno after saying why. */
int journal_read(struct journal *out);
void journal_free(struct journal *j);
/* Empties the journal.  0 or -errno after saying why. */
int journal_clear(void);
/* "<state dir>/<journal name>", for messages. */
const char *journal_path(void);

/* The entry's field i, or NULL when it has fewer. */
static inline const char *journal_field(const struct journal_entry *e, int i)
{
	return i < e->n ? e->f[i] : NULL;
}

#endif
