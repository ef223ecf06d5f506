/* check-drive.c: evaluates lesson checks given on the command line, for
 * tests/check.sh (not a test itself).
 *
 *   check-drive [-T | -p] CHECK...
 *
 * Each CHECK is one line of the check language ("link host reth1 up");
 * for each, one line: "holds: WHY", "fails: WHY", "error: WHY" (it
 * could not be asked) or "bad: ERROR" (it does not parse).  With -T,
 * the time all of them took goes to stderr as "ms N"; with -p, checks are
 * only read ("ok" or "bad: ERROR"), nothing is asked.  The words follow
 * LANGUAGE, from NSTUTOR_LOCALEDIR when set, as nstutor's do.  Exit
 * status 0.
 */
#include "system.h"

#include <locale.h>
#include <time.h>

#include "check.h"
#include "world.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void drive(const char *line, bool parse_only)
{
	struct check c;
	char *error, why[512];
	int r;

	if (check_parse(line, &c, &error) < 0) {
		printf("bad: %s\n", error ? error : "?");
		free(error);
		return;
	}
	if (parse_only) {
		printf("ok\n");
		check_free(&c);
		return;
	}
	r = check_eval(&c, why, sizeof(why));
	printf("%s: %s\n", r == 1 ? "holds" : r == 0 ? "fails" : "error", why);
	check_free(&c);
}

static void language(void)
{
	const char *dir = getenv("NSTUTOR_LOCALEDIR");
	const char *lang = getenv("LANGUAGE");
	const char *now = setlocale(LC_ALL, "");

	/* gettext ignores LANGUAGE in the C locale */
	if (lang && *lang && (!now || streq(now, "C") || streq(now, "POSIX")))
		setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

int main(int argc, char **argv)
{
	bool timing = argc > 1 && streq(argv[1], "-T");
	bool parse_only = argc > 1 && streq(argv[1], "-p");
	double start;

	language();
	if (!parse_only && world_open(WORLD_HOST, WORLD_NONE) < 0)
		return 2;
	start = now_ms();
	for (int i = timing || parse_only ? 2 : 1; i < argc; i++)
		drive(argv[i], parse_only);
	if (timing)
		fprintf(stderr, "ms %.1f\n", now_ms() - start);
	fflush(stdout);
	if (!parse_only)
		world_close();
	return 0;
}
