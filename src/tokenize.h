/* tokenize.h: split a typed line into commands and words, like sh.
 *
 * Words split on blanks; '...' and "..." quote, backslash escapes; '#'
 * at the start of a word begins a comment.  sh's control operators join
 * the commands: ';' ends one, '|' sends its output to the next, '&&'
 * and '||' run the next on success or on failure.  Redirections ('>',
 * '<') and '&' are recognised, and refused.
 */
#ifndef NSTUTOR_TOKENIZE_H
#define NSTUTOR_TOKENIZE_H

#include "system.h"

/* What joins a command to the one after it. */
enum tok_link {
	TOK_END,  /* ';', or the end of the line */
	TOK_PIPE, /* '|': its output goes to the next */
	TOK_AND,  /* '&&': the next runs when it succeeded */
	TOK_OR,	  /* '||': the next runs when it failed */
};

struct words {
	int argc;
	char **argv; /* argv[argc] == NULL */
	enum tok_link next;
};

struct command_list {
	size_t n;
	struct words *cmds; /* empty commands (";;") are dropped */
};

/* Why a line does not split. */
enum tok_problem {
	TOK_BAD_QUOTE,	   /* a quote is not closed */
	TOK_BAD_BACKSLASH, /* the line ends with a backslash */
	TOK_UNEXPECTED,	   /* an operator where a command should be */
	TOK_BAD_END,	   /* the line ends after "|", "&&" or "||" */
	TOK_UNSUPPORTED,   /* a redirection ("<", ">", ">>") or "&" */
	TOK_NO_MEMORY,
};

struct tok_error {
	enum tok_problem problem;
	const char *token; /* static: the operator in question, or NULL */
};

/* 0, or -EINVAL (-ENOTSUP for TOK_UNSUPPORTED, -ENOMEM) with *error
 * saying why. */
int tokenize_line(const char *line, struct command_list *out,
		  struct tok_error *error);
/* The operator a link is typed as: "|", "&&", "||", or ";". */
const char *tok_link_text(enum tok_link link);
void command_list_free(struct command_list *list);
void words_free(struct words *w);

#endif
