/* repl.h: the interactive shell (readline, history, completion). */
#ifndef NSTUTOR_REPL_H
#define NSTUTOR_REPL_H

#include "system.h"

/* Reads and runs lines from the terminal until quit or Ctrl-D;
 * returns the status of the last command. */
int repl_run(void);

#endif
