/* replay.c: runs every file of a fuzz target's corpus (CORPUS_DIR, or
 * the directory given) through the target's LLVMFuzzerTestOneInput(),
 * so that "make check" keeps each seed and each crash the fuzzer ever
 * found as a regression test (TAP).  Built once per target with the
 * ordinary compiler. */
#include "system.h"

#include <dirent.h>

#include "fuzz.h"
#include "../tap.h"

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay(const char *dir, const char *name)
{
	static unsigned char buf[1 << 20];
	char path[4096];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		ok(0, "%s: %s", name, strerror(errno));
		return;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	ok(1, "%s (%zu bytes) runs through %s", name, n, FUZZ_TARGET);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : CORPUS_DIR;
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name);

	ok(n > 2, "the corpus %s is there", dir);
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.')
			replay(dir, names[i]->d_name);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return tap_done();
}
