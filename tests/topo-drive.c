/* topo-drive.c: times topo_discover() + topo_draw() in the current
 * namespaces, for bench/topo-speed.sh (not a test itself).
 *
 *   topo-drive [N]
 *
 * Runs discovery and the picture (into /dev/null) N times (default 51)
 * and prints one line: "runs N median US min US max US namespaces K
 * links L" (µs; links counted over every namespace), in the host
 * world (WORLD_HOST: these namespaces).  Exit status 0, or 1 when
 * discovery fails.
 */
#include "system.h"

#include <stdlib.h>
#include <time.h>

#include "topo.h"
#include "world.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One discovery and picture; its time in µs, or -1. */
static double one_run(FILE *null, size_t *n_ns, size_t *n_links)
{
	struct topo_options o = {.firewall = true};
	struct topo_draw_opts d = {.utf8 = true, .width = 80};
	struct topo t;
	double t0 = now_us(), t1;

	if (topo_discover(&o, &t) < 0)
		return -1;
	topo_draw(&t, &d, null);
	t1 = now_us();
	*n_ns = t.n_ns;
	*n_links = 0;
	for (size_t i = 0; i < t.n_ns; i++)
		*n_links += t.ns[i].n_links;
	topo_free(&t);
	return t1 - t0;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 51;
	size_t n_ns = 0, n_links = 0;
	double *us;
	FILE *null;

	if (n < 1)
		n = 1;
	us = calloc((size_t)n, sizeof(*us));
	null = fopen("/dev/null", "w");
	if (!us || !null || world_open(WORLD_HOST, WORLD_NONE) < 0) {
		fprintf(stderr, "topo-drive: cannot start\n");
		free(us);
		if (null)
			fclose(null);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		us[i] = one_run(null, &n_ns, &n_links);
		if (us[i] < 0) {
			fprintf(stderr, "topo-drive: topo_discover failed\n");
			world_close();
			fclose(null);
			free(us);
			return 1;
		}
	}
	world_close();
	fclose(null);
	qsort(us, (size_t)n, sizeof(*us), cmp_double);
	printf("runs %d median %.0f min %.0f max %.0f namespaces %zu "
	       "links %zu\n", n, n % 2 ? us[n / 2] : (us[n / 2 - 1] +
	       us[n / 2]) / 2, us[0], us[n - 1], n_ns, n_links);
	free(us);
	return 0;
}
