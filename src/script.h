/* script.h: running commands that do not come from a terminal. */
#ifndef NSTUTOR_SCRIPT_H
#define NSTUTOR_SCRIPT_H

#include "system.h"

/* Runs every line of f ("name" in messages).  Unless keep_going, stops
 * at the first failing line and names it.  CMD_OK or CMD_ERROR. */
int script_run_file(FILE *f, const char *name, bool keep_going);
/* Runs the -c commands in order, likewise. */
int script_run_commands(char **cmds, size_t n, bool keep_going);

#endif
