/* prog-hint.h: what nstutor has in place of the tutorials' other programs.
 *
 * The tutorials start nginx or "python3 -m http.server", install them
 * with apt and stop them with systemctl.  When such a program is not a
 * command (or not on the machine), the learner hears what the lab
 * offers instead: its own web server ("serve http PORT"), or that
 * nothing needs installing or starting here.  A shell's own word ("cd")
 * or another program of the machine ("tar") is pointed to "shell",
 * where the real one works.
 */
#ifndef NSTUTOR_PROG_HINT_H
#define NSTUTOR_PROG_HINT_H

#include "system.h"

/* Gives the hint for argv, a program's command line ("sudo" and its
 * options before it are skipped), when it is one of those programs (or,
 * with no exec_ns, any program on $PATH).
 * exec_ns: the namespace it was to run in through "ip netns exec" or
 * "shell NS --" (the hint then names it), or NULL.  Returns whether a
 * hint was given. */
bool prog_hint(const char *exec_ns, int argc, char *const *argv);

#endif
