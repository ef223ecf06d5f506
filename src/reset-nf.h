/* reset-nf.h: undoing the firewall lines of the journal (reset.c).
 *
 * Each returns 1 when it removed or put back something (and says what
 * in what), 0 when there was nothing to do (gone already, or changed
 * since so that it is no longer nstutor's), or -errno.
 */
#ifndef NSTUTOR_RESET_NF_H
#define NSTUTOR_RESET_NF_H

#include "system.h"

int reset_nf_table(const char *ns, const char *table, char *what,
		   size_t size);
int reset_nf_chain(const char *ns, const char *table, const char *chain,
		   char *what, size_t size);
/* The rule whose nf_rule_text() is text: the one with handle (NULL:
 * the first such rule of the chain). */
int reset_nf_rule(const char *ns, const char *table, const char *chain,
		  const char *handle, const char *text, char *what,
		  size_t size);
int reset_nf_policy(const char *ns, const char *table, const char *chain,
		    const char *old, char *what, size_t size);

#endif
