/* filter.h: grep, head, tail and wc, carried out natively on the lines
 * a command prints: the pipes of "ip a | grep inet | wc -l".
 *
 * filter_chain_parse() reads the commands after each '|' and, like the
 * real tools, says what is wrong with one.  The chain then takes the
 * command's output a line at a time and writes what comes out of its
 * last filter; it ends with the last filter's exit status, which sh
 * makes the pipeline's (grep: 1 when no line matched).
 */
#ifndef NSTUTOR_FILTER_H
#define NSTUTOR_FILTER_H

#include "system.h"

/* What may follow a '|', for messages. */
#define FILTER_NAMES "grep, head, tail, wc"

struct filter_chain;
struct words; /* tokenize.h */

/* Is word the name of a filter nstutor does? */
bool filter_known(const char *word);
/* The chain of the n commands in stages (each a filter and its
 * options), or NULL after saying what is wrong (*status: the real
 * tool's exit status for it, 2 for grep, 1 for the others). */
struct filter_chain *filter_chain_parse(const struct words *stages, size_t n,
					int *status);
/* One line of input, with its '\n' when it has one; what comes out
 * goes to out.  false once nothing more can come out (head has its
 * lines, grep -q a match): the rest of the input may be dropped. */
bool filter_chain_feed(struct filter_chain *c, const char *line, size_t len,
		       FILE *out);
/* The end of the input: tail, wc and grep -c print theirs.  Returns
 * the last filter's exit status. */
int filter_chain_finish(struct filter_chain *c, FILE *out);
void filter_chain_free(struct filter_chain *c);

#endif
