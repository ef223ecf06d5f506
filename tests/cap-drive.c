/* cap-drive.c: drives cap.h and pcapng.h from the command line, for
 * tests/cap.sh and bench/capture-speed.sh (not a test itself).
 *
 *   cap-drive [-n NS] [-i IF] [-f FILTER] [-b BYTES] [-l MS] [-w FILE]
 *             [-F NS] [-p] [-q] [-S] [-K] -- CMD ARG...
 *
 * Opens a capture in the world the driver runs in (options as struct
 * cap_options), runs CMD (test-only: nstutor itself never runs tools),
 * keeps reading until CMD has ended and MS more milliseconds (300) have
 * passed, sorts the record and prints one line per frame:
 *
 *   PLACE TS_NS CAPLEN LEN WHAT HEX
 *
 * WHAT is arp-req, arp-rep, icmp-req, icmp-rep or other (read here, so
 * the test does not depend on the decoders); HEX is the first 16 bytes.
 * -p prints the places first ("place NAME kind=K live=0|1 peer=NAME"),
 * -w writes the record as pcapng, -F NS calls cap_forget(NS) before
 * CMD starts, -q prints no frames, -K keeps none (the callback only),
 * -S prints numbers for the bench: arming
 * time, frame latency (now - kernel timestamp, median), frames, kernel
 * drops and peak RSS.  On stderr: "armed N places".
 */
#include "system.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

#include "cap.h"
#include "pcapng.h"
#include "world.h"

extern char **environ;

struct drive {
	struct cap_options o;
	const char *out, *forget;
	int linger_ms;
	bool places, quiet, stats;
	int64_t *lat;		/* µs-scale latencies, in ns */
	size_t n_lat, max_lat;
	uint64_t frames;
};

static int64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_frame(const struct cap_record *r, const struct cap_frame *f,
		     void *arg)
{
	struct drive *d = arg;

	(void)r;
	d->frames++;
	if (d->stats && d->n_lat < d->max_lat)
		d->lat[d->n_lat++] = realtime_ns() - f->ts_ns;
}

static const char *what(const struct cap_frame *f)
{
	const unsigned char *b = f->data;

	if (f->caplen >= 22 && b[12] == 0x08 && b[13] == 0x06)
		return b[21] == 1 ? "arp-req" : b[21] == 2 ? "arp-rep" : "arp";
	if (f->caplen >= 35 && b[12] == 0x08 && b[13] == 0x00 && b[23] == 1) {
		size_t ihl = (size_t)(b[14] & 0xf) * 4;

		if (f->caplen > 14 + ihl) {
			if (b[14 + ihl] == 8)
				return "icmp-req";
			if (b[14 + ihl] == 0)
				return "icmp-rep";
		}
		return "icmp";
	}
	return "other";
}

static void print_places(const struct cap_record *r)
{
	char name[80], peer[80];
	size_t i;

	for (i = 0; i < r->n_places; i++) {
		const struct cap_place *p = &r->places[i];

		cap_place_name(p, name, sizeof(name));
		if (p->peer >= 0)
			cap_place_name(&r->places[p->peer], peer, sizeof(peer));
		else
			strcpy(peer, "-");
		printf("place %s kind=%s live=%d peer=%s\n", name,
		       *p->kind ? p->kind : "-", p->live, peer);
	}
}

static void print_frames(const struct cap_record *r)
{
	char name[80];
	size_t i, j;

	for (i = 0; i < r->n_frames; i++) {
		const struct cap_frame *f = &r->frames[i];

		cap_place_name(&r->places[f->place], name, sizeof(name));
		printf("%s %lld %u %u %s ", name, (long long)f->ts_ns,
		       f->caplen, f->len, what(f));
		for (j = 0; j < f->caplen && j < 16; j++)
			printf("%02x", f->data[j]);
		putchar('\n');
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static long peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void print_stats(struct drive *d, struct capture *c)
{
	const struct cap_record *r;
	int64_t med = -1, p90 = -1;

	cap_count_drops(c);
	r = cap_record(c);
	if (d->n_lat) {
		qsort(d->lat, d->n_lat, sizeof(*d->lat), cmp_i64);
		med = d->lat[d->n_lat / 2];
		p90 = d->lat[d->n_lat * 9 / 10];
	}
	printf("arm_us %.1f\n", cap_arm_time_ns(c) / 1000.0);
	printf("places %zu\n", r->n_places);
	printf("latency_median_us %.1f\n", med / 1000.0);
	printf("latency_p90_us %.1f\n", p90 / 1000.0);
	printf("frames %llu\n", (unsigned long long)d->frames);
	printf("kernel_drops %llu\n", (unsigned long long)r->kernel_drops);
	printf("not_kept %llu\n", (unsigned long long)r->not_kept);
	printf("peak_rss_kb %ld\n", peak_rss_kb());
}

/* Reads until the child has ended and linger_ms more have passed. */
static int read_loop(struct drive *d, struct capture *c, pid_t child)
{
	struct pollfd p[512];
	int64_t end = -1;
	int status = 0, err;

	for (;;) {
		size_t n = cap_pollfds(c, p, ARRAY_SIZE(p));
		int64_t now = mono_ms();
		int timeout = end < 0 ? 50 : (int)(end - now);

		if (end >= 0 && now >= end)
			break;
		if (poll(p, n, timeout < 50 ? timeout : 50) < 0 && errno != EINTR)
			return -errno;
		err = cap_read(c, on_frame, d);
		if (err < 0)
			fprintf(stderr, "cap_read: %s\n", strerror(-err));
		if (end < 0 && child > 0 && waitpid(child, &status, WNOHANG) > 0) {
			end = mono_ms() + d->linger_ms;
		} else if (end < 0 && child <= 0) {
			end = mono_ms() + d->linger_ms;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int usage(void)
{
	fprintf(stderr, "usage: cap-drive [-n NS] [-i IF] [-f FILTER] [-b BYTES] "
			"[-l MS] [-w FILE] [-F NS] [-p] [-q] [-S] [-K] -- CMD...\n");
	return 2;
}

static int parse(struct drive *d, int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "+n:i:f:b:l:w:F:pqSKs:")) != -1) {
		switch (opt) {
		case 'n': d->o.ns = streq(optarg, "host") ? "" : optarg; break;
		case 'i': d->o.ifname = optarg; break;
		case 'f': d->o.filter = optarg; break;
		case 'b': d->o.buffer_size = atoi(optarg); break;
		case 'l': d->linger_ms = atoi(optarg); break;
		case 'w': d->out = optarg; break;
		case 'F': d->forget = streq(optarg, "host") ? "" : optarg; break;
		case 'p': d->places = true; break;
		case 'q': d->quiet = true; break;
		case 'S': d->stats = true; break;
		case 'K': d->o.keep = false; break;
		case 's': d->o.snaplen = atoi(optarg); break;
		default: return -1;
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	struct drive d = {.o = {.keep = true}, .linger_ms = 300};
	struct capture *c;
	struct cap_record *r;
	pid_t child = 0;
	int first, err, rc;

	first = parse(&d, argc, argv);
	if (first < 0)
		return usage();
	if (d.stats) {
		d.max_lat = 1 << 20;
		d.lat = malloc(d.max_lat * sizeof(*d.lat));
		if (!d.lat)
			return 1;
	}
	if (world_open(WORLD_HOST, WORLD_NONE) < 0)
		return 2;
	err = cap_open(&d.o, &c);
	if (err < 0) {
		printf("error: %s%s%s\n", strerror(-err), *cap_error() ? ": " : "",
		       cap_error());
		world_close();
		free(d.lat);
		return 1;
	}
	fprintf(stderr, "armed %zu places\n", cap_record(c)->n_places);
	if (d.forget)
		cap_forget(c, d.forget);
	if (first < argc && posix_spawnp(&child, argv[first], NULL, NULL,
					 argv + first, environ) != 0) {
		perror(argv[first]);
		child = -1;
	}
	rc = read_loop(&d, c, child);
	if (d.stats)
		print_stats(&d, c);
	r = cap_detach(c);
	if (r) {
		cap_record_sort(r);
		if (d.places)
			print_places(r);
		if (!d.quiet)
			print_frames(r);
		if (d.out && (err = pcapng_write(r, d.out)) < 0)
			printf("error: pcapng: %s\n", strerror(-err));
		cap_last_set(r);
	}
	cap_close(c);
	cap_last_set(NULL);
	world_close();
	free(d.lat);
	return rc;
}
