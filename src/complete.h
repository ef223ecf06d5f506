/* complete.h: tab completion of commands, options, namespaces, devices. */
#ifndef NSTUTOR_COMPLETE_H
#define NSTUTOR_COMPLETE_H

#include "system.h"

/* The words that may stand where the last word of `line` (cut at
 * `end`) is being typed, each starting with `text`; NULL-terminated,
 * malloc'd, or NULL when there are none. */
char **complete_words(const char *line, int end, const char *text);

#endif
