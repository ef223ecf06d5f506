/* tutor.h: guided mode: a lesson, step by step.
 *
 * "lesson NAME" runs the lesson's setup (quietly; a failing line is
 * told and stops it) and shows the current step.  Progress (the step
 * reached, the steps done or skipped, and the world the setup ran in)
 * is kept in $XDG_STATE_HOME/nstutor/progress, one line a lesson,
 * rewritten atomically; "lesson NAME" resumes there, without running
 * the setup again when the world is the same one.  The learner types
 * any commands; after every command (tutor_after_command, called by the
 * session) and on the kernel's notifications (a watch in the poll loop,
 * so commands typed in "nstutor shell" in another terminal count too)
 * the step's checks and moments are evaluated, and when they hold the
 * step is done and the next one appears.  The commands of cmd-lesson.c
 * (lessons, lesson, hint, show, run, skip, next, back, check) act on it.
 *
 * The kernel watch is one rtnetlink socket per namespace (links,
 * addresses, routes, neighbours) plus an inotify watch on the netns
 * directory.  While the prompt waits, a notification re-evaluates the
 * step's checks; probes (ping, noping, http: they send packets) are
 * asked again only after a command, or when a link, address, route or
 * namespace changed, never for neighbour/fdb noise (probes make that).
 */
#ifndef NSTUTOR_TUTOR_H
#define NSTUTOR_TUTOR_H

#include "system.h"

/* Is a lesson under way? */
bool tutor_active(void);
/* The session ran a command: check the step again. */
void tutor_after_command(void);
/* nstutor ends: progress is saved. */
void tutor_end(void);

/* For the welcome: the lesson last left unfinished in this world (free
 * it), or NULL; the lesson to begin with, or NULL when it is not there. */
char *tutor_unfinished(void);
const char *tutor_first_lesson(void);

/* The commands (cmd-lesson.c); each returns CMD_OK or CMD_ERROR. */
int tutor_list(void);			/* lessons */
int tutor_start(const char *name);	/* lesson NAME; NULL: show again */
int tutor_hint(void);
int tutor_show(void);
int tutor_run(void);
int tutor_skip(void);
int tutor_next(void);
int tutor_back(void);
int tutor_check(void);

struct topo_focus;
/* What the current step is about, for "topology" to make stand out:
 * from the step's checks that do not hold now (probes are not sent).
 * How many of max were filled; 0 outside a lesson. */
size_t tutor_focus(struct topo_focus *f, size_t max);

/* "reset" removed what the lesson made: start it again from its first
 * step (its setup runs again). */
void tutor_after_reset(void);

/* sockets.h: let go of the watch's socket in ns / in namespaces gone. */
void tutor_forget(const char *ns);
void tutor_forget_deleted(void);

#endif
