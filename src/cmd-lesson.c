/* cmd-lesson.c: the guided mode's commands: lessons, lesson, hint,
 * show, run, skip, next, back, check (tutor.h does the work). */
#include "system.h"

#include "cmd.h"
#include "tutor.h"

static int lessons_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_list();
}

static int lesson_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_start(argc > 0 ? argv[0] : NULL);
}

static int hint_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_hint();
}

static int show_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_show();
}

static int run_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_run();
}

static int skip_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_skip();
}

static int next_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_next();
}

static int back_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_back();
}

static int check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return tutor_check();
}

const struct cmd_entry cmd_lessons_entry = {
	.name = "lessons", .usage = N_("lessons"),
	.summary = N_("list the lessons, with your progress"),
	.max_args = 0, .exec = lessons_exec,
};
const struct cmd_entry cmd_lesson_entry = {
	.name = "lesson", .usage = N_("lesson [NAME]"),
	.summary = N_("start a lesson, or go on where you left it"),
	.min_args = 0, .max_args = 1, .exec = lesson_exec,
};
const struct cmd_entry cmd_hint_entry = {
	.name = "hint", .usage = "hint",
	.summary = N_("a hint for the current step, from what is there now"),
	.max_args = 0, .exec = hint_exec,
};
const struct cmd_entry cmd_show_entry = {
	.name = "show", .usage = "show",
	.summary = N_("show the command(s) of the current step"),
	.max_args = 0, .exec = show_exec,
};
const struct cmd_entry cmd_run_entry = {
	.name = "run", .usage = "run",
	.summary = N_("run the command(s) of the current step for you"),
	.max_args = 0, .exec = run_exec,
};
const struct cmd_entry cmd_skip_entry = {
	.name = "skip", .usage = "skip",
	.summary = N_("go on to the next step without doing this one"),
	.max_args = 0, .exec = skip_exec,
};
const struct cmd_entry cmd_next_entry = {
	.name = "next", .usage = "next",
	.summary = N_("go on to the next step, once this one is done"),
	.max_args = 0, .exec = next_exec,
};
const struct cmd_entry cmd_back_entry = {
	.name = "back", .usage = "back",
	.summary = N_("go back to the step before"),
	.max_args = 0, .exec = back_exec,
};
const struct cmd_entry cmd_check_entry = {
	.name = "check", .usage = "check",
	.summary = N_("check the current step and every one before it"),
	.max_args = 0, .exec = check_exec,
};
