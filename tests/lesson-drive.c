/* lesson-drive.c: loads lesson files for tests/lesson-bad.sh.
 *
 *   lesson-drive FILE...   each FILE: on stdout "ok NAME: N steps,
 *                          M warnings" and the warnings, or the error
 *                          on stderr; exits 1 when one did not load
 *   lesson-drive -f NAME   lesson_find(NAME), the same way
 *   lesson-drive -n        lesson_names(), one a line
 * Messages follow the locale, from $NSTUTOR_LOCALEDIR when set.
 */
#include "system.h"

#include <locale.h>

#include "lesson.h"

static int report(int err, struct lesson *l, char *error)
{
	fflush(stdout);
	if (err) {
		fprintf(stderr, "%s\n", error ? error : strerror(-err));
		free(error);
		return 1;
	}
	printf("ok %s: %zu steps, %zu warnings\n", l->name, l->n_steps,
	       l->n_warnings);
	for (size_t i = 0; i < l->n_warnings; i++)
		printf("warning: %s\n", l->warnings[i]);
	lesson_free(l);
	return 0;
}

static int names(void)
{
	char **v;
	size_t n;
	int err = lesson_names(&v, &n);

	if (err) {
		fprintf(stderr, "lesson_names: %s\n", strerror(-err));
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\n", v[i]);
	lesson_names_free(v, n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("NSTUTOR_LOCALEDIR");
	struct lesson *l = NULL;
	char *error = NULL;
	int status = 0, err;

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	if (argc == 2 && streq(argv[1], "-n"))
		return names();
	if (argc == 3 && streq(argv[1], "-f")) {
		err = lesson_find(argv[2], &l, &error);
		return report(err, l, error);
	}
	for (int i = 1; i < argc; i++) {
		err = lesson_load(argv[i], &l, &error);
		status |= report(err, l, error);
	}
	return status;
}
