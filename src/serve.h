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

#define SERVE_OPTION "--serve-http" /* argv[1] of a server process */

/* The server process's main (argv: SERVE_OPTION NS PORT); never
 * returns. */
void serve_main(int argc, char **argv) __attribute__((noreturn));

/* Stops every server of the world (world stop, reset). */
void serve_stop_all(void);

/* An HTTP GET of url from namespace ns (NULL: host) with a timeout:
 * the status code (200...) and the body (malloc'd, NUL-ended), or
 * -errno. */
int http_get(const char *ns, const char *url, int timeout_ms, char **body);

#endif
