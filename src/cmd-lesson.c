/* cmd-lesson.c: lessons, lesson, hint, show, run, skip, next, back,
 * check (stub until built). */
#include "system.h"

#include "cmd.h"
#include "out.h"
#include "tutor.h"

static int not_yet(struct cmd_ctx *ctx, int argc, char **argv)
{
	out_error(_("nstutor: lessons are not built yet"));
	return CMD_ERROR;
}

const struct cmd_entry cmd_lessons_entry = {
	.name = "lessons", .usage = N_("lessons"),
	.summary = N_("list the lessons, with your progress"),
	.max_args = 0, .exec = not_yet,
};
const struct cmd_entry cmd_lesson_entry = {
	.name = "lesson", .usage = N_("lesson NAME"),
	.summary = N_("start a lesson, or go on where you left it"),
	.min_args = 0, .max_args = 1, .exec = not_yet,
};
