/* proc.h: what /proc says of a process nstutor keeps a record of (the
 * world's keeper, a web server), to tell it from a stranger that got
 * its pid. */
#ifndef NSTUTOR_PROC_H
#define NSTUTOR_PROC_H

#include "system.h"

#include <sys/types.h>

/* The process's start time (clock ticks since boot), or 0 when it is
 * gone or a zombie. */
unsigned long long proc_start_time(pid_t pid);

#endif
