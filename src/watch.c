/* watch.c: the registry of fds the poll() loops serve. */
#include "system.h"

#include "watch.h"

#define WATCHES_MAX 16

static struct {
	struct watch w;
	size_t filled; /* pollfds it filled in the last watch_pollfds */
	bool used;
} watches[WATCHES_MAX];

int watch_add(const struct watch *w)
{
	size_t slot = WATCHES_MAX;

	for (size_t i = 0; i < WATCHES_MAX; i++) {
		if (watches[i].used && watches[i].w.arg == w->arg)
			return -EEXIST;
		if (!watches[i].used && slot == WATCHES_MAX)
			slot = i;
	}
	if (slot == WATCHES_MAX)
		return -ENOMEM;
	watches[slot].w = *w;
	watches[slot].used = true;
	watches[slot].filled = 0;
	return 0;
}

void watch_remove(void *arg)
{
	for (size_t i = 0; i < WATCHES_MAX; i++)
		if (watches[i].used && watches[i].w.arg == arg) {
			watches[i].used = false;
			watches[i].filled = 0;
		}
}

size_t watch_pollfds(struct pollfd *p, size_t n)
{
	size_t used = 0;

	for (size_t i = 0; i < WATCHES_MAX; i++) {
		watches[i].filled = 0;
		if (!watches[i].used)
			continue;
		watches[i].filled = watches[i].w.pollfds(watches[i].w.arg,
							 p + used, n - used);
		used += watches[i].filled;
	}
	return used;
}

static bool any_ready(const struct pollfd *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].revents)
			return true;
	return false;
}

void watch_dispatch(const struct pollfd *p, size_t n)
{
	size_t at = 0;
	size_t filled[WATCHES_MAX];

	/* a ready() may add or remove watches: use the counts polled */
	for (size_t i = 0; i < WATCHES_MAX; i++)
		filled[i] = watches[i].filled;
	for (size_t i = 0; i < WATCHES_MAX && at < n; i++) {
		size_t k = filled[i];

		if (k > n - at)
			k = n - at;
		if (k && watches[i].used && any_ready(p + at, k))
			watches[i].w.ready(watches[i].w.arg, p + at, k);
		at += k;
	}
}

void watch_run(int timeout_ms)
{
	struct pollfd p[WATCH_FDS_MAX];
	size_t n = watch_pollfds(p, WATCH_FDS_MAX);

	if (n == 0)
		return;
	if (poll(p, n, timeout_ms) > 0)
		watch_dispatch(p, n);
}
