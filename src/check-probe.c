/* check-probe.c: the checks that send packets between the lab's own
 * namespaces: ping and noping (one or two ICMP echo requests through
 * icmp-echo.h, waiting up to a second; nothing is traced or captured)
 * and http (one GET through serve.h's client, waiting up to 2 s).
 */
#include "system.h"

#include <arpa/inet.h>
#include <poll.h>
#include <time.h>

#include "check-private.h"
#include "icmp-echo.h"
#include "out.h"
#include "serve.h"

#define PING_WAIT_MS 1000	/* for a reply, in all */
#define PING_AGAIN_MS 500	/* the second request after */
#define HTTP_WAIT_MS 2000

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* What came back to our requests. */
struct ping_result {
	bool reply;
	bool error;
	struct icmp_echo_event ev;	/* the error */
};

/* Reads every event waiting; true once there is an answer. */
static bool ping_read(struct icmp_echo *e, struct in_addr dst,
		      struct ping_result *res)
{
	struct icmp_echo_event ev;

	while (icmp_echo_receive(e, &ev) == 1) {
		if (ev.kind == ICMP_ECHO_GOT_REPLY &&
		    ev.from.s_addr == dst.s_addr)
			res->reply = true;
		else if (ev.kind != ICMP_ECHO_GOT_REPLY && !res->error) {
			res->error = true;
			res->ev = ev;
		}
	}
	return res->reply || res->error;
}

/* Sends request 1, then 2 after PING_AGAIN_MS, until an answer or
 * PING_WAIT_MS. */
static int ping_run(struct icmp_echo *e, struct ping_result *res)
{
	struct in_addr dst = icmp_echo_target(e);
	struct pollfd p = {.fd = icmp_echo_fd(e), .events = POLLIN};
	long start = now_ms(), elapsed, wait;
	unsigned int sent = 0;
	int err;

	for (;;) {
		elapsed = now_ms() - start;
		if (sent == 0 || (sent == 1 && elapsed >= PING_AGAIN_MS)) {
			err = icmp_echo_send(e, ++sent);
			if (err < 0 && err != -EHOSTUNREACH &&
			    err != -ENETUNREACH && err != -EPERM)
				return err;
		}
		if (elapsed >= PING_WAIT_MS)
			return 0;
		wait = (sent < 2 ? PING_AGAIN_MS : PING_WAIT_MS) - elapsed;
		if (poll(&p, 1, (int)(wait > 0 ? wait : 0)) < 0 &&
		    errno != EINTR)
			return -errno;
		if (ping_read(e, dst, res))
			return 0;
	}
}

/* The words of an ICMP error about our request. */
static const char *ping_error_text(const struct icmp_echo_event *ev)
{
	if (ev->kind == ICMP_ECHO_GOT_LOCAL)
		return out_strerror(ev->local_errno);
	if (ev->type == 3) {
		switch (ev->code) {
		case 0:
			return "Destination Net Unreachable";
		case 1:
			return "Destination Host Unreachable";
		case 3:
			return "Destination Port Unreachable";
		case 9:
		case 10:
		case 13:
			return "Destination Prohibited";
		}
		return "Destination Unreachable";
	}
	if (ev->type == 11)
		return "Time to live exceeded";
	return "ICMP error";
}

int check_eval_ping(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *ip = c->argv[1];
	bool noping = c->kind == CHECK_NOPING;
	struct ping_result res = {0};
	struct icmp_echo *e;
	struct in_addr dst;
	char from[INET_ADDRSTRLEN];
	int err;

	if (!check_ns_exists(word, why, size))
		return 0;
	if (inet_pton(AF_INET, ip, &dst) != 1)
		return -EINVAL;
	err = icmp_echo_open(check_ns(word), dst, &e);
	if (err == -ENETUNREACH || err == -EHOSTUNREACH) {
		check_say(why, size, _("%s has no route to %s"), word, ip);
		return noping;
	}
	if (err < 0)
		return check_cannot(why, size, word, err);
	err = ping_run(e, &res);
	icmp_echo_close(e);
	if (err < 0)
		return check_cannot(why, size, word, err);
	if (res.reply) {
		check_say(why, size, _("%s did get a reply from %s"), word, ip);
		return !noping;
	}
	if (res.error) {
		inet_ntop(AF_INET, &res.ev.from, from, sizeof(from));
		check_say(why, size, _("%s got no reply from %s: %s (from %s)"),
			  word, ip, ping_error_text(&res.ev), from);
	} else
		check_say(why, size, _("%s got no reply from %s within 1 s"),
			  word, ip);
	return noping;
}

/* Is text (words joined by spaces) in body? */
static bool page_has(const char *body, const struct check *c, char *text,
		     size_t size)
{
	size_t used = 0;

	text[0] = '\0';
	for (int i = 2; i < c->argc && used < size; i++)
		used += snprintf(text + used, size - used, "%s%s",
				 i > 2 ? " " : "", c->argv[i]);
	return !text[0] || (body && strstr(body, text));
}

int check_eval_http(const struct check *c, char *why, size_t size)
{
	const char *word = c->argv[0], *url = c->argv[1];
	char *body = NULL, text[256];
	int status;
	bool has;

	if (!check_ns_exists(word, why, size))
		return 0;
	status = http_get(check_ns(word), url, HTTP_WAIT_MS, &body);
	if (status == -ETIMEDOUT || status == -EAGAIN)
		check_say(why, size, _("%s did not answer within 2 s"), url);
	else if (status < 0)
		check_say(why, size, _("%s: could not connect: %s"), url,
			  out_strerror(status));
	if (status < 0) {
		free(body);
		return status == -EPERM || status == -EACCES ? status : 0;
	}
	has = page_has(body, c, text, sizeof(text));
	free(body);
	if (status != 200) {
		check_say(why, size, _("%s answered %d"), url, status);
		return 0;
	}
	if (!has) {
		check_say(why, size, _("%s answered 200, but the page does not "
				       "say \"%s\""), url, text);
		return 0;
	}
	if (text[0])
		check_say(why, size, _("%s answered 200 with \"%s\""), url, text);
	else
		check_say(why, size, _("%s answered 200"), url);
	return 1;
}
