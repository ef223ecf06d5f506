/* cmd-ping.c: "ping [-c N] [-i S] [-W S] [-w S] [-q] ADDR", as iputils. */
#include "system.h"

#include <arpa/inet.h>
#include <limits.h>
#include <net/if.h> /* before linux/icmp.h, for nl-addr.h */
#include <linux/icmp.h>
#include <math.h>
#include <poll.h>
#include <time.h>

#include "capture.h"
#include "cmd.h"
#include "icmp-echo.h"
#include "inet.h"
#include "netns.h"
#include "nf-trace.h"
#include "nl-addr.h"
#include "out.h"
#include "particle.h"
#include "watch.h"
#include "world.h"

#define PING_DEFAULT_COUNT 4 /* without -c when stdin is no terminal */
#define PING_POLL_MAX (64 + WATCH_FDS_MAX) /* the echo socket, the trace
					     sockets and the watches */

struct ping_opts {
	long count;	   /* -c; 0: until Ctrl-C */
	int interval_ms;   /* -i */
	int linger_ms;	   /* -W */
	long deadline;	   /* -w seconds; 0: none */
	bool quiet;	   /* -q */
	const char *target;
	int targets;	   /* how many addresses were typed */
};

struct ping_run {
	const struct ping_opts *o;
	struct icmp_echo *echo;
	struct nf_trace *trace;	/* where netfilter drops it; or NULL */
	struct ping_capture *capture; /* what was seen where; or NULL */
	bool dropped;		/* tracing saw a drop: */
	struct nf_drop drop;	/* where, */
	char drop_text[512];	/* in words, */
	bool bridged;		/* and was the frame bridged? */
	long tx, rx, errors, dups;
	long tmin, tmax;
	long long tsum, tsum2;
	int pipesize;
	struct icmp_echo_event last_error; /* for the note after */
	struct in_addr source, target;
	long long start, last_send; /* microseconds, monotonic */
	unsigned char seen[65536 / 8];
};

static const char ping_usage_text[] =
	"\nUsage\n"
	"  ping [options] <destination>\n"
	"\nOptions:\n"
	"  <destination>      dns name or ip address\n"
	"  -a                 use audible ping\n"
	"  -A                 use adaptive ping\n"
	"  -B                 sticky source address\n"
	"  -c <count>         stop after <count> replies\n"
	"  -C                 call connect() syscall on socket creation\n"
	"  -D                 print timestamps\n"
	"  -d                 use SO_DEBUG socket option\n"
	"  -e <identifier>    define identifier for ping session, default is random for\n"
	"                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
	"                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
	"  -f                 flood ping\n"
	"  -h                 print help and exit\n"
	"  -I <interface>     either interface name or address\n"
	"  -i <interval>      seconds between sending each packet\n"
	"  -L                 suppress loopback of multicast packets\n"
	"  -l <preload>       send <preload> number of packages while waiting replies\n"
	"  -m <mark>          tag the packets going out\n"
	"  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n"
	"  -n                 no dns name resolution\n"
	"  -O                 report outstanding replies\n"
	"  -p <pattern>       contents of padding byte\n"
	"  -q                 quiet output\n"
	"  -Q <tclass>        use quality of service <tclass> bits\n"
	"  -s <size>          use <size> as number of data bytes to be sent\n"
	"  -S <size>          use <size> as SO_SNDBUF socket option value\n"
	"  -t <ttl>           define time to live\n"
	"  -U                 print user-to-user latency\n"
	"  -v                 verbose output\n"
	"  -V                 print version and exit\n"
	"  -w <deadline>      reply wait <deadline> in seconds\n"
	"  -W <timeout>       time to wait for response\n"
	"\nIPv4 options:\n"
	"  -4                 use IPv4\n"
	"  -b                 allow pinging broadcast\n"
	"  -R                 record route\n"
	"  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n"
	"\nIPv6 options:\n"
	"  -6                 use IPv6\n"
	"  -F <flowlabel>     define flow label, default is random\n"
	"  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n"
	"\nFor more details see ping(8).\n";

static int ping_usage(void)
{
	fflush(stdout);
	fputs(ping_usage_text, stderr);
	return CMD_ERROR;
}

/* ---- options, checked like iputils ---- */

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = *s ? strtol(s, &end, 10) : 0;
	if (!*s || errno || *end) {
		if (errno)
			out_error("ping: invalid argument: '%s': %s", s,
				  out_strerror(errno));
		else
			out_error("ping: invalid argument: '%s'", s);
	} else if (*out < min || *out > max) {
		out_error("ping: invalid argument: '%s': out of range: "
			  "%ld <= value <= %ld", s, min, max);
	} else {
		return 0;
	}
	out_hint(_("Give a whole number, like -c 3."));
	return -EINVAL;
}

/* iputils' ping_strtod(): seconds, maybe with a fraction. */
static int parse_seconds(const char *s, const char *what, double *out)
{
	char *end = NULL;

	errno = 0;
	*out = *s ? strtod(s, &end) : 0;
	if (!*s) {
		out_error("ping: %s: %s", what, s);
	} else if (errno || end == s || *end) {
		out_error("ping: option argument contains garbage: %s", end);
		out_error("ping: this will become fatal error in the future");
	} else if (!isfinite(*out)) {
		out_error("ping: %s: %s: %s", what, s, out_strerror(ERANGE));
	} else {
		return 0;
	}
	out_hint(_("Give a number of seconds, like 0.2 or 1."));
	return -EINVAL;
}

static int ping_interval(struct ping_opts *o, const char *s)
{
	double v;

	if (parse_seconds(s, "bad timing interval", &v) < 0)
		return -EINVAL;
	if (v > (double)INT_MAX / 1000) {
		out_error("ping: bad timing interval: %s", s);
		return -EINVAL;
	}
	o->interval_ms = (int)(v * 1000);
	if (o->interval_ms < 2) {
		out_error("ping: cannot flood; minimal interval allowed for "
			  "user is 2ms");
		out_hint(_("nstutor sends at most one ping every 2 ms; "
			   "-i 0.2 is plenty."));
		return -EINVAL;
	}
	return 0;
}

static int ping_linger(struct ping_opts *o, const char *s)
{
	double v;

	if (parse_seconds(s, "bad linger time", &v) < 0)
		return -EINVAL;
	if (v < 0 || v > (double)INT_MAX / 1000) {
		out_error("ping: bad linger time: %s", s);
		out_hint(_("-W is how many seconds to wait for a reply."));
		return -EINVAL;
	}
	o->linger_ms = (int)(v * 1000);
	return 0;
}

/* An option with its value; -EINVAL once the error is printed. */
static int ping_value_option(struct ping_opts *o, char c, const char *val)
{
	switch (c) {
	case 'c':
		return parse_long(val, 1, LONG_MAX, &o->count);
	case 'w':
		return parse_long(val, 0, INT_MAX, &o->deadline);
	case 'i':
		return ping_interval(o, val);
	case 'W':
		return ping_linger(o, val);
	}
	out_error(_("nstutor's ping does not do -%c."), c);
	out_hint(_("It knows -c COUNT, -i INTERVAL, -W TIMEOUT, -w DEADLINE "
		   "and -q."));
	return -EINVAL;
}

enum { OPT_DONE = 1 };

/* One cluster of letters ("-qc3", "-c", "3"); words used, or < 0. */
static int ping_option(struct ping_opts *o, int argc, char **argv)
{
	for (const char *p = argv[0] + 1; *p; p++) {
		if (*p == 'q' || *p == 'n' || *p == '4') {
			o->quiet |= *p == 'q';
			continue;
		}
		if (*p == 'V') {
			printf("ping from iputils 20221126\n");
			return -OPT_DONE;
		}
		if (strchr("ciwWeFIlmMNpQsStT", *p)) {
			const char *val = p[1]	   ? p + 1 :
					  argc > 1 ? argv[1] :
						     NULL;

			if (!val) {
				out_error("ping: option requires an argument "
					  "-- '%c'", *p);
				return ping_usage(), -EINVAL;
			}
			if (ping_value_option(o, *p, val) < 0)
				return -EINVAL;
			return p[1] ? 1 : 2;
		}
		if (!strchr("aAbBCdDfhLOrRUv6", *p)) {
			out_error("ping: invalid option -- '%c'", *p);
			return ping_usage(), -EINVAL;
		}
		if (*p == 'h')
			return ping_usage(), -EINVAL;
		out_error(_("nstutor's ping does not do -%c."), *p);
		out_hint(_("It knows -c COUNT, -i INTERVAL, -W TIMEOUT, "
			   "-w DEADLINE and -q."));
		return -EINVAL;
	}
	return 1;
}

/* Options before or after the address ("ping 10.16.0.3 -c 3"). */
static int ping_options(struct ping_opts *o, int argc, char **argv)
{
	int used;

	for (int i = 0; i < argc; i += used) {
		used = 1;
		if (streq(argv[i], "--")) {
			for (i++; i < argc; i++, o->targets++)
				o->target = argv[i];
			break;
		}
		if (argv[i][0] != '-' || !argv[i][1]) {
			o->target = argv[i];
			o->targets++;
			continue;
		}
		used = ping_option(o, argc - i, argv + i);
		if (used < 0)
			return used;
	}
	return 0;
}

/* ---- the run ---- */

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void print_time(long t)
{
	if (t >= 100000 - 50)
		printf(" time=%ld ms", (t + 500) / 1000);
	else if (t >= 10000 - 5)
		printf(" time=%ld.%01ld ms", (t + 50) / 1000,
		       ((t + 50) % 1000) / 100);
	else if (t >= 1000)
		printf(" time=%ld.%02ld ms", (t + 5) / 1000,
		       ((t + 5) % 1000) / 10);
	else
		printf(" time=%ld.%03ld ms", t / 1000, t % 1000);
}

/* iputils' acknowledge(): how many were in flight (the "pipe"). */
static void acknowledge(struct ping_run *r, unsigned int seq)
{
	uint16_t diff = (uint16_t)r->tx - (uint16_t)seq;

	if (diff <= 0x7fff && diff + 1 > r->pipesize)
		r->pipesize = diff + 1;
}

static void add_rtt(struct ping_run *r, long t)
{
	r->tsum += t;
	r->tsum2 += (long long)t * t;
	if (t < r->tmin)
		r->tmin = t;
	if (t > r->tmax)
		r->tmax = t;
}

static void on_reply(struct ping_run *r, const struct icmp_echo_event *ev)
{
	uint16_t seq = ev->seq;
	bool dup = r->seen[seq / 8] & (1u << (seq % 8));

	acknowledge(r, ev->seq);
	if (ev->rtt_us >= 0)
		add_rtt(r, ev->rtt_us);
	if (dup)
		r->dups++;
	else
		r->rx++;
	r->seen[seq / 8] |= 1u << (seq % 8);
	if (r->o->quiet)
		return;
	printf("%d bytes from %s: icmp_seq=%u", ev->bytes,
	       inet_ntoa(ev->from), ev->seq);
	if (ev->ttl >= 0)
		printf(" ttl=%d", ev->ttl);
	if (ev->rtt_us >= 0)
		print_time(ev->rtt_us);
	printf("%s\n", dup ? " (DUP!)" : "");
	fflush(stdout);
}

static const char *unreach_text(unsigned int code)
{
	static const char *const texts[] = {
		"Destination Net Unreachable",
		"Destination Host Unreachable",
		"Destination Protocol Unreachable",
		"Destination Port Unreachable",
		"Frag needed and DF set",
		"Source Route Failed",
		"Destination Net Unknown",
		"Destination Host Unknown",
		"Source Host Isolated",
		"Destination Net Prohibited",
		"Destination Host Prohibited",
		"Destination Net Unreachable for Type of Service",
		"Destination Host Unreachable for Type of Service",
		"Packet filtered",
		"Precedence Violation",
		"Precedence Cutoff",
	};

	return code < ARRAY_SIZE(texts) ? texts[code] : NULL;
}

/* iputils' pr_icmph() for the errors a lab can produce. */
static void print_icmp_error(const struct icmp_echo_event *ev)
{
	const char *text = unreach_text(ev->code);

	if (ev->type == ICMP_DEST_UNREACH && ev->code == ICMP_FRAG_NEEDED)
		printf("Frag needed and DF set (mtu = %u)\n", ev->info);
	else if (ev->type == ICMP_DEST_UNREACH && text)
		printf("%s\n", text);
	else if (ev->type == ICMP_DEST_UNREACH)
		printf("Dest Unreachable, Bad Code: %d\n", ev->code);
	else if (ev->type == ICMP_TIME_EXCEEDED && ev->code == 0)
		printf("Time to live exceeded\n");
	else if (ev->type == ICMP_TIME_EXCEEDED && ev->code == 1)
		printf("Frag reassembly time exceeded\n");
	else if (ev->type == ICMP_TIME_EXCEEDED)
		printf("Time exceeded, Bad Code: %d\n", ev->code);
	else if (ev->type == ICMP_SOURCE_QUENCH)
		printf("Source Quench\n");
	else if (ev->type == ICMP_PARAMETERPROB)
		printf("Parameter problem: pointer = %u\n", ev->info);
	else
		printf("Bad ICMP type: %d\n", ev->type);
}

static void on_event(struct ping_run *r, const struct icmp_echo_event *ev)
{
	if (ev->kind == ICMP_ECHO_GOT_REPLY) {
		on_reply(r, ev);
		return;
	}
	r->errors++;
	r->last_error = *ev;
	if (ev->kind == ICMP_ECHO_GOT_ERROR)
		acknowledge(r, ev->seq);
	if (r->o->quiet)
		return;
	if (ev->kind == ICMP_ECHO_GOT_LOCAL && ev->local_errno == EMSGSIZE)
		out_error("ping: local error: message too long, mtu=%u",
			  ev->info);
	else if (ev->kind == ICMP_ECHO_GOT_LOCAL)
		out_error("ping: local error: %s",
			  out_strerror(ev->local_errno));
	else {
		printf("From %s icmp_seq=%u ", inet_ntoa(ev->from), ev->seq);
		print_icmp_error(ev);
	}
	fflush(stdout);
}

static void ping_send(struct ping_run *r)
{
	uint16_t seq = r->tx + 1;
	struct icmp_echo_event ev;
	int err;

	/* sequence numbers wrap at 65536: forget the old reply, as iputils */
	r->seen[seq / 8] &= ~(1u << (seq % 8));
	err = icmp_echo_send(r->echo, r->tx + 1);
	r->tx++;
	r->last_send = now_us();
	if (err == 0)
		return;
	/* like iputils: an ICMP error already queued explains it */
	if (icmp_echo_receive(r->echo, &ev) == 1) {
		on_event(r, &ev);
		return;
	}
	if (!r->o->quiet)
		out_error("ping: sendmsg: %s", out_strerror(err));
}

static long long min_time(long long a, long long b)
{
	if (a < 0)
		return b;
	return b < 0 || a < b ? a : b;
}

/* Reads the trace events and names a new drop at once: the ping is
 * waiting for replies anyway, and the words are ready when it ends. */
static void ping_trace_read(struct ping_run *r)
{
	struct nf_drop d;

	nf_trace_read(r->trace);
	if (!nf_trace_drop(r->trace, &d) ||
	    (r->dropped && nf_drop_same(&d, &r->drop)))
		return;
	r->drop = d;
	r->dropped = true;
	nf_drop_describe(&d, r->drop_text, sizeof(r->drop_text), &r->bridged);
}

/* Waits until the next thing is due at `until` (-1: forever), reading
 * replies as they come. */
static void ping_wait(struct ping_run *r, long long until)
{
	struct pollfd p[PING_POLL_MAX] = {
		{.fd = icmp_echo_fd(r->echo), .events = POLLIN},
	};
	long long left = until < 0 ? -1 : until - now_us();
	struct icmp_echo_event ev;
	int timeout = left < 0 ? (until < 0 ? -1 : 0) :
				 (int)((left + 999) / 1000);
	size_t traces = nf_trace_pollfds(r->trace, p + 1, 64);
	size_t n = 1 + traces;

	n += watch_pollfds(p + n, ARRAY_SIZE(p) - n);
	if (poll(p, n, timeout) <= 0)
		return;
	watch_dispatch(p + 1 + traces, n - 1 - traces);
	for (size_t i = 1; i < 1 + traces; i++)
		if (p[i].revents) {
			ping_trace_read(r);
			break;
		}
	if (!p[0].revents)
		return;
	while (icmp_echo_receive(r->echo, &ev) == 1)
		on_event(r, &ev);
}

/* When to stop once every request is out, as iputils schedules it. */
static long long exit_time(const struct ping_run *r)
{
	long long wait = r->rx ? 2LL * r->tmax : r->o->linger_ms * 1000LL;

	if (r->rx && wait < r->o->interval_ms * 1000LL)
		wait = r->o->interval_ms * 1000LL;
	return r->last_send + wait;
}

static bool ping_done(const struct ping_run *r, long long deadline_at)
{
	const struct ping_opts *o = r->o;

	if (cmd_interrupted())
		return true;
	if (o->count && r->rx + r->errors >= o->count)
		return true;
	if (o->deadline && r->errors)
		return true;
	return deadline_at >= 0 && now_us() >= deadline_at;
}

static void ping_loop(struct ping_run *r)
{
	const struct ping_opts *o = r->o;
	long long next = r->start, deadline_at = -1, stop_at = -1;

	if (o->deadline)
		deadline_at = r->start + o->deadline * 1000000LL;
	while (!ping_done(r, deadline_at)) {
		bool all_sent = o->count && r->tx >= o->count;
		bool may_send = !all_sent || o->deadline;
		long long now = now_us();

		if (stop_at >= 0 && now >= stop_at)
			break;
		if (may_send && now >= next) {
			ping_send(r);
			next += o->interval_ms * 1000LL;
			if (next < now)
				next = now + o->interval_ms * 1000LL;
			if (o->count && r->tx >= o->count && !o->deadline)
				stop_at = exit_time(r); /* wait for the last */
			continue;
		}
		ping_wait(r, min_time(min_time(may_send ? next : -1, stop_at),
				      deadline_at));
	}
}

static long llsqrt(long long a)
{
	long long prev = LLONG_MAX, x = a;

	if (x > 0)
		while (x < prev) {
			prev = x;
			x = (x + a / x) / 2;
		}
	return (long)x;
}

static void print_rtt(const struct ping_run *r)
{
	long total = r->rx + r->dups;
	long tmavg = r->tsum / total;
	long long tmvar;
	long tmdev;

	if (r->tsum < INT_MAX)
		tmvar = (r->tsum2 - (r->tsum * r->tsum) / total) / total;
	else
		tmvar = r->tsum2 / total - (long long)tmavg * tmavg;
	tmdev = llsqrt(tmvar);
	printf("rtt min/avg/max/mdev = %ld.%03ld/%lu.%03ld/%ld.%03ld/%ld.%03ld ms",
	       r->tmin / 1000, r->tmin % 1000, (unsigned long)(tmavg / 1000),
	       tmavg % 1000, r->tmax / 1000, r->tmax % 1000, tmdev / 1000,
	       tmdev % 1000);
}

/* iputils' finish(): the statistics block. */
static void ping_statistics(const struct ping_run *r)
{
	long long ms = (r->last_send - r->start + 500) / 1000;

	printf("\n--- %s ping statistics ---\n", r->o->target);
	printf("%ld packets transmitted, %ld received", r->tx, r->rx);
	if (r->dups)
		printf(", +%ld duplicates", r->dups);
	if (r->errors)
		printf(", +%ld errors", r->errors);
	if (r->tx) {
		printf(", %g%% packet loss",
		       (float)((((long long)(r->tx - r->rx)) * 100.0) / r->tx));
		printf(", time %lldms", ms);
	}
	putchar('\n');
	if (r->rx && r->tmax >= 0)
		print_rtt(r);
	if (r->pipesize > 1)
		printf("%spipe %d", r->rx ? ", " : "", r->pipesize);
	putchar('\n');
	fflush(stdout);
}

/* ---- addresses outside the lab ---- */

/* Is dst one of ns's addresses, or in the subnet of one?  (true when
 * the addresses cannot be read: then nothing is said about it) */
static bool in_ns_subnets(const char *ns, struct in_addr dst)
{
	struct addr_list l;
	bool in = false;

	if (addr_list(ns, AF_INET, &l) < 0)
		return true;
	for (size_t i = 0; i < l.n && !in; i++) {
		const struct addr *a = &l.addrs[i];
		int bits = a->prefixlen ? a->prefixlen : 32;

		in = (a->has_local &&
		      inet_bits_match(a->local, (unsigned char *)&dst, bits)) ||
		     (a->has_address &&
		      inet_bits_match(a->address, (unsigned char *)&dst, bits));
	}
	addr_list_free(&l);
	return in;
}

/* Could the learner be building a lab around dst?  The private and
 * documentation ranges, and tutorial 003's 11.11.11.0/24: a ping there
 * before the addresses are set is a lab not finished yet, not a try to
 * leave the machine. */
static bool lab_range(unsigned long a)
{
	static const struct {
		unsigned long net;
		int bits;
	} ranges[] = {
		{0x0a000000UL, 8},  /* 10/8 */
		{0xac100000UL, 12}, /* 172.16/12 */
		{0xc0a80000UL, 16}, /* 192.168/16 */
		{0x64400000UL, 10}, /* 100.64/10, shared address space */
		{0xa9fe0000UL, 16}, /* 169.254/16, link-local */
		{0xc0000200UL, 24}, /* 192.0.2/24, documentation */
		{0xc6336400UL, 24}, /* 198.51.100/24, documentation */
		{0xcb007100UL, 24}, /* 203.0.113/24, documentation */
		{0x0b0b0b00UL, 24}, /* 11.11.11/24, tutorial 003's */
	};

	for (size_t i = 0; i < ARRAY_SIZE(ranges); i++)
		if ((a >> (32 - ranges[i].bits)) ==
		    (ranges[i].net >> (32 - ranges[i].bits)))
			return true;
	return false;
}

/* Is dst a unicast address out of every range a lab uses, that no
 * namespace of the world (its host or a named one) has, nor has a
 * subnet for: 8.8.8.8 in the tutorials? */
static bool outside_world(struct in_addr dst)
{
	unsigned long a = ntohl(dst.s_addr);
	struct netns_names names;
	bool in = false;

	/* 0/8, 127/8 (loopback), 224/3 (multicast and the rest) */
	if ((a >> 24) == 0 || (a >> 24) == 127 || a >= 0xe0000000UL)
		return false;
	if (lab_range(a))
		return false;
	if (in_ns_subnets(NULL, dst) || netns_list(&names) < 0)
		return false;
	for (size_t i = 0; !in && i < names.n; i++)
		in = in_ns_subnets(names.names[i], dst);
	netns_names_free(&names);
	return !in;
}

/* Says why an address outside the lab cannot be reached: a hint after
 * an error, or a note after the statistics. */
static void say_outside_world(bool as_hint, const char *target)
{
	char *why;
	int n;

	if (world_kind() == WORLD_SANDBOX)
		n = particle_asprintf(&why, _("%s is outside the lab, and a "
					      "sandbox world has no way out of "
					      "this machine, by design; the "
					      "lessons' internet is the "
					      "namespace \"internet\" "
					      "(203.0.113.8 in the masquerade "
					      "lesson)."),
				      target);
	else
		n = particle_asprintf(&why, _("%s is outside the lab, and the "
					      "lessons never leave this "
					      "machine; their internet is the "
					      "namespace \"internet\" "
					      "(203.0.113.8 in the masquerade "
					      "lesson)."),
				      target);
	if (n < 0)
		return;
	if (as_hint)
		out_hint("%s", why);
	else
		out_note("%s", why);
	free(why);
}

/* ---- the command ---- */

static int ping_open_error(const struct cmd_ctx *ctx, const char *target,
			   struct in_addr dst, int err)
{
	if (err == -ENOENT && cmd_netns_gone(ctx))
		return CMD_ERROR;
	if (err == -EACCES) {
		out_error("ping: Do you want to ping broadcast? Then -b. If "
			  "not, check your local firewall rules");
		out_hint(_("%s is a broadcast address; ping one host of the "
			   "subnet instead."), target);
	} else if (err == -ENETUNREACH || err == -EHOSTUNREACH) {
		out_error("ping: connect: %s", out_strerror(err));
		if (outside_world(dst))
			say_outside_world(true, target);
		else if (ctx->netns)
			out_hint(_("Namespace %s has no route to %s: give it an "
				   "address in that subnet or a default route."),
				 ctx->netns, target);
		else
			out_hint(_("The host namespace has no route to %s: give "
				   "it an address in that subnet or a route."),
				 target);
	} else {
		out_error("ping: socket: %s", out_strerror(err));
		out_hint(_("nstutor needs CAP_NET_RAW in the namespace to "
			   "ping."));
	}
	return CMD_ERROR;
}

static int ping_target(const char *target, struct in_addr *addr)
{
	struct in6_addr a6;

	if (inet_aton(target, addr) == 1)
		return 0;
	if (inet_pton(AF_INET6, target, &a6) == 1) {
		out_error(_("nstutor's ping speaks IPv4 only."));
		out_hint(_("Run the real ping for IPv6: ip netns exec NS "
			   "/usr/bin/ping %s"), target);
		return -EINVAL;
	}
	out_error("ping: %s: Name or service not known", target);
	out_hint(_("nstutor never asks DNS (no packet leaves the machine): "
		   "ping an address, like 11.11.11.3."));
	return -EINVAL;
}

/* "Destination Host Unreachable" from our own address: ARP got no
 * answer on the local link. */
static bool arp_failed(const struct ping_run *r)
{
	const struct icmp_echo_event *e = &r->last_error;

	return r->errors > 0 && e->kind == ICMP_ECHO_GOT_ERROR &&
	       e->type == ICMP_DEST_UNREACH && e->code == ICMP_HOST_UNREACH &&
	       e->from.s_addr == r->source.s_addr;
}

/* NSTUTOR_TRACE_TIMING=1: how long arming and explaining took, on
 * stderr (for bench/ and tests). */
static void trace_timing(const char *what, long long since)
{
	if (getenv("NSTUTOR_TRACE_TIMING"))
		fprintf(stderr, "nstutor: trace %s in %lld us\n", what,
			now_us() - since);
}

/* Arms tracing for the ping; without CAP_NET_ADMIN in the world there
 * is no trace, and nothing to say about it. */
static void ping_trace_start(struct ping_run *r)
{
	long long t0 = now_us();

	if (nf_trace_start(r->target, &r->trace) < 0)
		r->trace = NULL;
	trace_timing("armed", t0);
}

/* What tracing saw, for the note and "explain".  Runs before the
 * statistics so that nothing waits after them. */
static void ping_trace_end(struct ping_run *r, const struct cmd_ctx *ctx,
			   struct nf_last *l)
{
	long long t0 = now_us();

	*l = (struct nf_last){.kind = NF_LAST_UNTRACED};
	inet_ntop(AF_INET, &r->target, l->target, sizeof(l->target));
	snprintf(l->ns, sizeof(l->ns), "%s", ctx->netns ? ctx->netns : "");
	ping_trace_read(r);
	if (r->tx && r->rx >= r->tx) {
		l->kind = NF_LAST_REPLIED;
	} else if (r->dropped) {
		l->kind = NF_LAST_DROPPED;
		l->drop = r->drop;
		l->bridged = r->bridged;
		snprintf(l->text, sizeof(l->text), "%s", r->drop_text);
	} else if (nf_trace_complete(r->trace)) {
		l->kind = NF_LAST_NOT_NETFILTER;
	}
	if (r->tx)
		nf_last_set(l);
	trace_timing("explained", t0);
}

/* Removes the trace tables, once the learner has read the result. */
static void ping_trace_stop(struct ping_run *r)
{
	long long t0 = now_us();

	fflush(stdout);
	nf_trace_stop(r->trace);
	r->trace = NULL;
	trace_timing("disarmed", t0);
}

static void ping_notes(const struct ping_run *r, const struct nf_last *l,
		       bool capped)
{
	if (capped && r->tx >= r->o->count) /* not stopped by a pipe */
		out_note(_("Stopped after %d pings because input is not a "
			   "terminal; use -c N to choose how many."),
			 PING_DEFAULT_COUNT);
	if (l->kind == NF_LAST_DROPPED)
		out_note("%s", l->text);
	if (r->rx == 0 && outside_world(r->target))
		/* nothing outside the lab ever answers, whatever the way */
		say_outside_world(false, r->o->target);
	else if (r->rx == 0 && arp_failed(r))
		out_note(_("Nobody answered the ARP question for %s: is that "
			   "address on a link that is up, in this subnet?"),
			 r->o->target);
	else if (r->rx == 0 && r->errors > 0)
		out_note(_("A router on the way said the destination cannot be "
			   "reached; look at its routes."));
	else if (r->rx == 0 && !cmd_interrupted() &&
		 l->kind != NF_LAST_DROPPED)
		out_note(_("No reply came back: the request or the reply was "
			   "lost (a firewall, or no route back)."));
}

static int ping_run(const struct cmd_ctx *ctx, struct ping_opts *o,
		    struct in_addr dst)
{
	struct ping_run *r = calloc(1, sizeof(*r));
	struct nf_last last;
	bool capped = false;
	int err, status;

	if (!r)
		return CMD_ERROR;
	err = icmp_echo_open(ctx->netns, dst, &r->echo);
	if (err < 0) {
		free(r);
		return ping_open_error(ctx, o->target, dst, err);
	}
	if (!o->count && !o->deadline && !isatty(STDIN_FILENO)) {
		o->count = PING_DEFAULT_COUNT;
		capped = true;
	}
	dst = icmp_echo_target(r->echo);
	printf("PING %s (%s) %d(%d) bytes of data.\n", o->target,
	       inet_ntoa(dst), ICMP_ECHO_DATALEN, ICMP_ECHO_DATALEN + 28);
	fflush(stdout);
	*r = (struct ping_run){.o = o, .echo = r->echo, .tmin = LONG_MAX,
			       .tmax = -1, .target = dst};
	r->source = icmp_echo_source(r->echo);
	r->capture = ping_capture_start(ctx->netns, r->source, dst);
	ping_trace_start(r);
	r->start = r->last_send = now_us();
	ping_loop(r);
	ping_trace_end(r, ctx, &last);
	ping_statistics(r);
	ping_notes(r, &last, capped);
	ping_capture_end(r->capture, &last);
	ping_trace_stop(r);
	/* ping's exit status 0: replies, and all of them within -w */
	status = r->rx && !(o->deadline && r->rx < o->count) ? CMD_OK :
							       CMD_ERROR;
	icmp_echo_close(r->echo);
	free(r);
	return status;
}

static int ping_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct ping_opts o = {.interval_ms = 1000, .linger_ms = 10000};
	struct in_addr dst;
	int err = ping_options(&o, argc, argv);

	if (err < 0)
		return err == -OPT_DONE ? CMD_OK : CMD_ERROR;
	if (!o.target) {
		out_error("ping: usage error: Destination address required");
		out_hint(_("Say where to: ping 11.11.11.3"));
		return CMD_ERROR;
	}
	if (o.targets > 1) {
		out_error(_("nstutor's ping takes one address."));
		out_hint(_("Say where to: ping 11.11.11.3"));
		return CMD_ERROR;
	}
	if (ping_target(o.target, &dst) < 0)
		return CMD_ERROR;
	return ping_run(ctx, &o, dst);
}

static const char *const ping_words[] = {"-c", "-i", "-W", "-w", "-q", NULL};

const struct cmd_entry cmd_ping_entry = {
	.name = "ping",
	.usage = N_("ping [-c COUNT] [-i INTERVAL] [-W TIMEOUT] [-w DEADLINE] "
		    "[-q] ADDRESS"),
	.summary = N_("send ICMP echo requests from a namespace and wait for replies"),
	.min_args = 0,
	.max_args = -1,
	.exec = ping_exec,
	.flags = CMD_TOOL,
	.words = ping_words,
};
