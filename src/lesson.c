/* lesson.c: loading lesson files (stub until built). */
#include "system.h"

#include "lesson.h"

static const char *dirs[8];
static size_t n_dirs;

void lesson_dir_add(const char *dir)
{
	if (n_dirs < ARRAY_SIZE(dirs))
		dirs[n_dirs++] = dir;
}

int lesson_find(const char *name, struct lesson **out, char **error)
{
	*out = NULL;
	*error = strdup("lessons are not loaded yet");
	return -ENOENT;
}

void lesson_free(struct lesson *l) {}
