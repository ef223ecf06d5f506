/* cap-record.c: a capture's record: frames kept in the order read,
 * sorted by time (stably), freed; places named; and the record of the
 * last capture that ended. */
#include "system.h"

#include <time.h>

#include "cap-private.h"
#include "netns.h"

static struct cap_record *last_record;

struct cap_record *cap_record_new(void)
{
	return calloc(1, sizeof(struct cap_record));
}

void cap_record_free(struct cap_record *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_frames; i++)
		free(r->frames[i].data);
	free(r->frames);
	free(r->places);
	free(r);
}

void cap_place_name(const struct cap_place *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", netns_label(p->ns), p->ifname);
}

int cap_record_keep(struct cap_record *r, const struct cap_frame *f)
{
	struct cap_frame *kept;

	if (r->n_frames >= CAP_FRAMES_MAX) {
		r->not_kept++;
		return -ENOSPC;
	}
	if ((r->n_frames & (r->n_frames - 1)) == 0) {
		size_t want = r->n_frames ? 2 * r->n_frames : 64;

		kept = realloc(r->frames, want * sizeof(*kept));
		if (!kept)
			return -ENOMEM;
		r->frames = kept;
	}
	kept = &r->frames[r->n_frames];
	*kept = *f;
	kept->data = malloc(f->caplen ? f->caplen : 1);
	if (!kept->data)
		return -ENOMEM;
	memcpy(kept->data, f->data, f->caplen);
	r->n_frames++;
	return 0;
}

/* A port and its bridge see a frame entering the bridge with one
 * timestamp (the skb's): the port saw it first. */
static bool port_of(const struct cap_record *r, const struct cap_frame *x,
		    const struct cap_frame *y)
{
	const struct cap_place *px = &r->places[x->place];
	const struct cap_place *py = &r->places[y->place];

	return px->master && px->master == py->ifindex &&
	       strcmp(px->ns, py->ns) == 0;
}

/* Time order; on a tie, the port before its bridge, else as read. */
static bool frame_before(const struct cap_record *r,
			 const struct cap_frame *x, const struct cap_frame *y)
{
	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns;
	return port_of(r, x, y);
}

/* Stable: a merge sort (qsort is not). */
static void merge_sort(const struct cap_record *r, struct cap_frame *f,
		       struct cap_frame *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(r, f, tmp, mid);
	merge_sort(r, f + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = frame_before(r, &f[j], &f[i]) ? f[j++] : f[i++];
	while (i < mid)
		tmp[k++] = f[i++];
	while (j < n)
		tmp[k++] = f[j++];
	memcpy(f, tmp, n * sizeof(*f));
}

void cap_record_sort(struct cap_record *r)
{
	struct cap_frame *tmp;
	size_t i;

	for (i = 1; i < r->n_frames; i++)
		if (frame_before(r, &r->frames[i], &r->frames[i - 1]))
			break;
	if (i >= r->n_frames)
		return; /* sorted already */
	tmp = malloc(r->n_frames * sizeof(*tmp));
	if (tmp) {
		merge_sort(r, r->frames, tmp, r->n_frames);
		free(tmp);
		return;
	}
	for (i = 1; i < r->n_frames; i++) { /* no memory: insertion sort */
		struct cap_frame f = r->frames[i];
		size_t j = i;

		for (; j > 0 && frame_before(r, &f, &r->frames[j - 1]); j--)
			r->frames[j] = r->frames[j - 1];
		r->frames[j] = f;
	}
}

void cap_last_set(struct cap_record *r)
{
	if (r == last_record)
		return;
	cap_record_free(last_record);
	last_record = r;
}

const struct cap_record *cap_last(void)
{
	return last_record;
}

void cap_time_text(int64_t ts_ns, char buf[CAP_TIME_LEN])
{
	time_t sec = (time_t)(ts_ns / 1000000000);
	struct tm tm;

	if (!localtime_r(&sec, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(buf, CAP_TIME_LEN, "%02d:%02d:%02d.%06ld", tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (long)(ts_ns % 1000000000 / 1000));
}
