/* config.h: the system's settings for nstutor, /etc/nstutor.conf.
 *
 * A classroom VM says once which world nstutor opens, where the
 * teacher's lessons are and which language to speak.  The file is
 * $NSTUTOR_CONF if set (empty: none), else SYSCONFDIR/nstutor.conf.
 * Lines are "key = value"; '#' starts a comment.  Keys: world (host or
 * sandbox), lessons (a directory), language (ko, en, ...).  Options on
 * the command line win.  A missing file is no error; a bad line is
 * reported and ignored, so a typo never locks students out.
 */
#ifndef NSTUTOR_CONFIG_H
#define NSTUTOR_CONFIG_H

#include "system.h"

#include "world.h"

struct config_problem {
	unsigned int line;
	char *text;		/* the line's key or value, as written */
	int kind;		/* CONFIG_BAD_* */
};

enum { CONFIG_BAD_SYNTAX, CONFIG_BAD_KEY, CONFIG_BAD_WORLD };

struct config {
	char *path;		/* the file read, NULL when none was */
	bool has_world;
	enum world_kind world;
	char *lessons;		/* NULL when not set */
	char *language;		/* NULL when not set */
	size_t n_problems;
	struct config_problem *problems;
};

/* Reads the file into *c (zeroed first).  0 when it was read or is not
 * there; -errno when it is there and cannot be read (c->path says
 * which).  Prints nothing: messages wait for the language. */
int config_load(struct config *c);
/* Says each bad line on stderr: "nstutor: warning: FILE:LINE: ...". */
void config_report(const struct config *c);
void config_free(struct config *c);

#endif
