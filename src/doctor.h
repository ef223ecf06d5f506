/* doctor.h: what on a machine could get in a lesson's way.
 *
 * "nstutor doctor" looks at one network namespace (the world's host)
 * and reads, never changes: the FORWARD policy of both iptables
 * backends, br_netfilter's bridge-nf-call-iptables, which backend holds
 * iptables rules, whether a user without root may make user namespaces
 * (the sandbox world), and whether the lessons' addresses collide with
 * the namespace's routes.  Each check gives a finding: what was seen
 * and what it means for the lessons.
 */
#ifndef NSTUTOR_DOCTOR_H
#define NSTUTOR_DOCTOR_H

#include "system.h"

enum doctor_level {
	DOCTOR_OK,
	DOCTOR_WARN,	/* may surprise a learner; the lessons still work */
	DOCTOR_PROBLEM,	/* a lesson will fail here */
	DOCTOR_UNKNOWN,	/* could not be read */
};

struct doctor_finding {
	enum doctor_level level;
	char *title;	/* one line: "FORWARD policy: DROP" */
	char *seen;	/* what was read; lines end in '\n' */
	char *meaning;	/* what it means for the lessons */
};

struct doctor_report {
	size_t n;
	struct doctor_finding *findings; /* in the order checked */
};

/* Runs every check on namespace ns (NULL: the world's host); 0, or
 * -ENOMEM with nothing left allocated. */
int doctor_run(const char *ns, struct doctor_report *out);
void doctor_report_free(struct doctor_report *r);
/* The worst level of the report (UNKNOWN counts as a WARN). */
enum doctor_level doctor_worst(const struct doctor_report *r);
/* Prints the report: one block per finding, a mark before its title
 * (✓ ! ✗ ?, or + ! x ? when the locale is not UTF-8), coloured when
 * out_settings.color says so. */
void doctor_print(const struct doctor_report *r);

/* Adds a finding; seen and meaning may be NULL.  0 or -ENOMEM. */
int doctor_add(struct doctor_report *r, enum doctor_level level,
	       const char *title, const char *seen, const char *meaning);

/* A finding's text, written with fprintf(t->f, ...). */
struct doctor_text {
	FILE *f;
	char *buf;
	size_t len;
};

/* 0 or -ENOMEM. */
int doctor_text_open(struct doctor_text *t);
/* The text written, the caller's to free; NULL when memory ran out. */
char *doctor_text_close(struct doctor_text *t);
/* Adds a finding whose seen text is t's (closed here); 0 or -ENOMEM. */
int doctor_add_text(struct doctor_report *r, enum doctor_level level,
		    const char *title, struct doctor_text *t,
		    const char *meaning);
/* What a firewall or sysctl that could not be read (err) means. */
const char *doctor_unreadable(int err);

/* The checks (doctor-fw.c, doctor-host.c): each adds its findings. */
int doctor_check_firewall(const char *ns, struct doctor_report *r);
int doctor_check_userns(struct doctor_report *r);
int doctor_check_addresses(const char *ns, struct doctor_report *r);

/* How a prefix of the host (have/have_len) meets one of a lesson's
 * (want/want_len), both IPv4 in network byte order. */
enum doctor_overlap {
	DOCTOR_APART,	/* no address in common */
	DOCTOR_WIDER,	/* the host's is wider: the lesson's routes win */
	DOCTOR_CLASH,	/* the same or narrower: the lesson's would clash */
};

enum doctor_overlap doctor_overlap(const unsigned char *have, int have_len,
				   const unsigned char *want, int want_len);

#endif
