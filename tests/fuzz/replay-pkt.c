/* replay-pkt.c: runs every file of the fuzz corpus (tests/fuzz/corpus-pkt)
 * through the fuzz target's function, so that "make check" keeps each
 * seed and each crash the fuzzer found as a regression test (TAP). */
#include "system.h"

#include <dirent.h>
#include <stdint.h>

#include "../tap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay(const char *dir, const char *name)
{
	static unsigned char buf[65536];
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
	ok(1, "%s (%zu bytes) decodes and formats", name, n);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : PKT_CORPUS_DIR;
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
