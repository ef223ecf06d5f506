/* serve.h: "serve http [PORT]" and "curl URL", built in.
 *
 * A web server is a process of nstutor's own (nstutor --serve-http,
 * started like the world's keeper) that lives in a namespace and
 * answers every GET with a small page naming its namespace, until
 * "serve stop" (or world stop / reset) ends it; its pid is recorded in
 * the world's state directory, so "serve list" in a later nstutor, and
 * --check, still find it.  curl is a plain HTTP/1.0 client run inside a
 * namespace.
 */
#ifndef NSTUTOR_SERVE_H
#define NSTUTOR_SERVE_H

#include "system.h"

#include <stdint.h>
#include <sys/types.h>

#define SERVE_OPTION "--serve-http" /* argv[1] of a server process */
#define SERVE_PORT_DEFAULT 80

/* The server process's main (argv: SERVE_OPTION NS PORT KIND, NS "" for
 * the host, KIND the world's: "host" or "sandbox"; fd 3 the state
 * directory, fd 4 where it reports); never returns. */
void serve_main(int argc, char **argv) __attribute__((noreturn));

/* Stops every server of the world (world stop, reset). */
void serve_stop_all(void);

/* An HTTP GET of url from namespace ns (NULL: host) with a timeout:
 * the status code (200...) and the body (malloc'd, NUL-ended), or
 * -errno: -EINVAL a bad URL, -EADDRNOTAVAIL a host that is not a
 * numeric IPv4 address (nstutor never asks DNS), -ECONNREFUSED,
 * -ETIMEDOUT, ... */
int http_get(const char *ns, const char *url, int timeout_ms, char **body);

/* ---- for cmd-serve.c ---- */

/* Where starting a server failed. */
enum serve_step {
	SERVE_STEP_NONE,
	SERVE_STEP_NETNS,  /* entering the namespace */
	SERVE_STEP_SOCKET,
	SERVE_STEP_BIND,
	SERVE_STEP_LISTEN,
	SERVE_STEP_RECORD, /* writing its record */
	SERVE_STEP_SPAWN,  /* starting the process at all */
};

/* Starts a server in ns (NULL: host) on port and waits until it
 * listens: its pid, or -errno with *step saying where it failed. */
pid_t serve_start(const char *ns, int port, enum serve_step *step);

/* A running server, as its record says. */
struct serve_entry {
	pid_t pid;
	int port;
	char ns[256]; /* "" for the host */
	char file[300]; /* the record's name in the state directory */
};

/* The world's live servers, sorted by namespace and port (records of
 * dead ones are removed): how many (*out malloc'd), or -errno. */
int serve_list(struct serve_entry **out);
/* Ends one server (SIGTERM, then waits a little) and removes its
 * record: 0 or -errno. */
int serve_stop(const struct serve_entry *e);

/* A URL nstutor's curl understands: http://HOST[:PORT][/PATH]. */
struct http_url {
	char host[256];
	bool numeric;	     /* host is a dotted IPv4 address: */
	uint32_t addr;	     /* this one, in network order */
	int port;
	char path[2048];
};

enum http_url_error {
	HTTP_URL_OK,
	HTTP_URL_BAD,	   /* curl's (3) */
	HTTP_URL_PROTOCOL, /* curl's (1): not http; scheme holds it */
};
enum http_url_error http_url_parse(const char *url, struct http_url *u,
				   char *scheme, size_t scheme_size);

/* What a fetch got. */
struct http_reply {
	int status;	     /* 200...; 0 when no status line came */
	char *head;	     /* the status line and headers (NUL-ended) */
	char *body;	     /* NUL-ended; body_len bytes */
	size_t body_len;
	size_t received;     /* bytes received in all */
	bool connected;	     /* the connection was made */
	long elapsed_ms;
};

/* Fetches u from ns within timeout_ms (0: none): 0 or -errno (-ETIMEDOUT:
 * reply->connected says before or after connecting; -EPROTO: no HTTP
 * answer).  Free with http_reply_free(). */
int http_fetch(const char *ns, const struct http_url *u, int timeout_ms,
	       struct http_reply *reply);
void http_reply_free(struct http_reply *reply);

#endif
