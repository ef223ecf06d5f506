/* tutor.h: guided mode: a lesson, step by step.
 *
 * "lesson NAME" runs the lesson's setup and shows the current step
 * (resumed from $XDG_STATE_HOME/nstutor/progress); the learner types
 * any commands; after every command (tutor_after_command, called by the
 * session) and on the kernel's notifications (a watch in the poll loop,
 * so commands typed in "nstutor shell" in another terminal count too)
 * the step's checks and moments are evaluated, and when they hold the
 * step is done and the next one appears.  The commands of cmd-lesson.c
 * (lessons, lesson, hint, show, run, skip, back, check) act on it.
 */
#ifndef NSTUTOR_TUTOR_H
#define NSTUTOR_TUTOR_H

#include "system.h"

struct lesson;

/* Is a lesson under way? */
bool tutor_active(void);
/* The session ran a command: check the step again. */
void tutor_after_command(void);
/* nstutor ends: progress is saved. */
void tutor_end(void);

#endif
