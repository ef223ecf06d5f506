/* tokenize.h: split a typed line into commands and words, like sh.
 *
 * Words split on blanks; '...' and "..." quote, backslash escapes; ';'
 * ends a command; '#' at the start of a word begins a comment.
 */
#ifndef NSTUTOR_TOKENIZE_H
#define NSTUTOR_TOKENIZE_H

#include "system.h"

struct words {
	int argc;
	char **argv; /* argv[argc] == NULL */
};

struct command_list {
	size_t n;
	struct words *cmds; /* empty commands are dropped */
};

/* 0, or -EINVAL with *error set to a static, untranslated message. */
int tokenize_line(const char *line, struct command_list *out,
		  const char **error);
void command_list_free(struct command_list *list);
void words_free(struct words *w);

#endif
