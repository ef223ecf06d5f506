/* grade.h: nstutor --check LESSON: grading a world against a lesson.
 *
 * Read-only: evaluates every step's checks (not its moments) and
 * prints one line per step, ✓ or ✗ with the first failing check in
 * words and a hint; or JSON, or TAP.  Works on the host world, where
 * students did the tutorial with the real ip and iptables.
 */
#ifndef NSTUTOR_GRADE_H
#define NSTUTOR_GRADE_H

#include "system.h"

enum grade_format { GRADE_TEXT, GRADE_JSON, GRADE_TAP };

/* "text", "json", "tap"; -EINVAL otherwise. */
int grade_format_parse(const char *s, enum grade_format *out);

/* Grades lesson NAME ("all": every lesson).  The exit status: 0 every
 * step passed, 1 one failed, 2 it could not grade (no such lesson, a
 * malformed one, no world, no permission). */
int grade_run(const char *name, enum grade_format format);

/* A JSON string's quoted, escaped form into f. */
void grade_json_string(FILE *f, const char *s);

#endif
