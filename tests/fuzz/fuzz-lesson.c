/* fuzz-lesson.c: libFuzzer target for the lesson file parser
 * (lesson.c, lesson_load()).
 *
 * Every input is a whole file, written to NAME.lesson in a directory of
 * the target's own (NAME from its first line "lesson: NAME", else fuzz)
 * and loaded.  It must load or fail with one error
 * that names the file and a line ("FILE:LINE: ..."), and a lesson that
 * loads must hold what the parser promises: a name, every step with an
 * id and a title, every string UTF-8.
 */
#include "fuzz.h"

#include <ctype.h>

#include "lesson.h"
#include "utf8.h"

static char dir[64], path[4096], name[33];

/* The file is NAME.lesson for the input's own "lesson: NAME" line (so
 * that the seeds, real lessons, load), else fuzz.lesson. */
/* The NAME of the input's first line "lesson: NAME" into name; false
 * when there is none. */
static bool lesson_name(const uint8_t *data, size_t size)
{
	static const char key[] = "\nlesson: ";
	const uint8_t *at = data, *end = data + size;
	size_t n = 0;

	if (size < sizeof(key) - 2 || memcmp(data, key + 1, sizeof(key) - 2))
		at = memmem(data, size, key, sizeof(key) - 1);
	if (!at)
		return false;
	at += at == data ? sizeof(key) - 2 : sizeof(key) - 1;
	while (n < sizeof(name) - 1 && at + n < end &&
	       (isalnum(at[n]) || at[n] == '-' || at[n] == '_'))
		n++;
	if (n == 0 || (at + n < end && at[n] != '\n'))
		return false;
	memcpy(name, at, n);
	name[n] = '\0';
	return true;
}

static void make_path(const uint8_t *data, size_t size)
{
	if (!*dir) {
		snprintf(dir, sizeof(dir), "/tmp/nstutor-fuzz-lesson.XXXXXX");
		fuzz_assert(mkdtemp(dir));
	}
	if (!lesson_name(data, size))
		snprintf(name, sizeof(name), "fuzz");
	snprintf(path, sizeof(path), "%s/%s.lesson", dir, name);
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "we");

	fuzz_assert(f);
	fuzz_assert(fwrite(data, 1, size, f) == size);
	fuzz_assert(fclose(f) == 0);
}

static bool is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s)
		return true;
	for (; *p; p += n) {
		n = utf8_sequence(p);
		if (n == 0)
			return false;
	}
	return true;
}

static void check_loaded(const struct lesson *l)
{
	fuzz_assert(l->name && streq(l->name, name));
	fuzz_assert(ltext_get(&l->title) && is_utf8(ltext_get(&l->title)));
	fuzz_assert(l->n_steps > 0);
	for (size_t i = 0; i < l->n_steps; i++) {
		const struct lesson_step *s = &l->steps[i];

		fuzz_assert(s->id && *s->id);
		fuzz_assert(ltext_get(&s->title) && is_utf8(ltext_get(&s->title)));
		fuzz_assert(is_utf8(ltext_get(&s->text)));
	}
	for (size_t i = 0; i < l->n_setup; i++)
		fuzz_assert(l->setup[i] && is_utf8(l->setup[i]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lesson *l = NULL;
	char *error = NULL;

	if (size > 256 * 1024)
		return 0;
	make_path(data, size);
	write_input(data, size);
	if (lesson_load(path, &l, &error) == 0) {
		fuzz_assert(l && !error);
		check_loaded(l);
		lesson_free(l);
		unlink(path);
		return 0;
	}
	unlink(path);
	fuzz_assert(!l && error);
	fuzz_assert(strncmp(error, path, strlen(path)) == 0);
	fuzz_assert(error[strlen(path)] == ':');
	fuzz_assert(isdigit((unsigned char)error[strlen(path) + 1]));
	free(error);
	return 0;
}
