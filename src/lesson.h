/* lesson.h: lesson files, loaded and checked (lessons/README.md).
 *
 * lesson_load() reads one NAME.lesson file completely or not at all: a
 * malformed file gives one error, "FILE:LINE: what was expected", and
 * no lesson.  Missing Korean text only warns (lesson->warnings).
 * lesson_find() looks a name up in the lesson directories, in order:
 * those added with lesson_dir_add() (--lessons DIR), then
 * $XDG_DATA_HOME/nstutor/lessons (or ~/.local/share/nstutor/lessons),
 * then $NSTUTOR_LESSONS, then nstutor.conf's lessons directory, then
 * the shipped lessons (PKGDATADIR/lessons, or the source tree's lessons/
 * when nstutor runs from its build tree: datadirs.h).  The first directory
 * holding NAME.lesson wins, even when that file does not load.  A name
 * with '/' or starting with '.' is refused (-EINVAL).
 */
#ifndef NSTUTOR_LESSON_H
#define NSTUTOR_LESSON_H

#include "system.h"

#include "check.h"

/* A text in both languages; ko may be NULL (then en is shown). */
struct ltext {
	char *en;
	char *ko;
};

struct lesson_hint {
	struct check when;	/* kind CHECK_NONE: the fallback */
	bool has_when;
	struct ltext text;
};

struct lesson_step {
	char *id;
	unsigned int line;	/* where "step:" is, for messages */
	struct ltext title, text;
	size_t n_try;
	char **try;		/* commands, as typed */
	size_t n_checks, n_moments, n_hints;
	struct check *checks;	/* must hold when done (graded) */
	struct check *moments;	/* must hold at that moment (guided only) */
	struct lesson_hint *hints;
};

struct lesson {
	char *name, *path, *source;
	struct ltext title, about;
	size_t n_setup;
	char **setup;		/* commands the tutor runs at the start */
	size_t n_steps;
	struct lesson_step *steps;
	size_t n_warnings;
	char **warnings;	/* "FILE:LINE: step X has no Korean text" */
};

/* 0, or -errno / -EINVAL with *error set ("FILE:LINE: ..."; free it). */
int lesson_load(const char *path, struct lesson **out, char **error);
/* Finds NAME.lesson in the lesson directories and loads it; -ENOENT
 * when there is none (then *error says where it looked). */
int lesson_find(const char *name, struct lesson **out, char **error);
void lesson_free(struct lesson *l);
/* Says each of l's warnings on stderr ("nstutor: warning: FILE:LINE:
 * step X has no Korean title"). */
void lesson_warn(const struct lesson *l);

/* --lessons DIR: looked in first (up to 8, in the order added; DIR is
 * kept, not copied). */
void lesson_dir_add(const char *dir);
/* The system's lesson directory (nstutor.conf's "lessons"): looked in
 * after the learner's own and $NSTUTOR_LESSONS, before the installed
 * ones.  DIR is kept, not copied. */
void lesson_site_dir_set(const char *dir);
/* Every lesson name found, sorted, each once; free with lesson_names_free. */
int lesson_names(char ***names, size_t *n);
void lesson_names_free(char **names, size_t n);
/* The path of NAME.solution beside the lesson, or NULL when there is
 * none (free it). */
char *lesson_solution_path(const struct lesson *l);

/* The step's hint for the world as it is now: the first whose when:
 * holds (*matched becomes true), else the step's fallback (NULL when
 * it has none).  Evaluates the when: checks in order. */
const struct lesson_hint *lesson_hint_now(const struct lesson_step *s,
					  bool *matched);

/* The text in the learner's language (Korean when messages are). */
const char *ltext_get(const struct ltext *t);
/* Is the learner's language Korean?  As gettext chooses: the first of
 * $LANGUAGE that nstutor speaks (ko or en), else the LC_MESSAGES locale;
 * never in the C locale, where gettext ignores $LANGUAGE. */
bool lesson_korean(void);

#endif
