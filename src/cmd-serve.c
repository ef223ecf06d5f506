/* cmd-serve.c: "serve http [PORT] | serve list | serve stop [NS [PORT]]"
 * and "curl [-s] [-S] [-i] [-m SECS] [-o FILE] URL", as the real curl
 * prints them.  Both run in ctx's namespace ("ip netns exec BLUE serve
 * http"). */
#include "system.h"

#include <limits.h>
#include <math.h>

#include "cmd.h"
#include "netns.h"
#include "out.h"
#include "serve.h"
#include "world.h"

/* ---- serve ---- */

static int parse_port(const char *word, int *port)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(word, &end, 10);
	if (!*word || *end || errno || v < 1 || v > 65535) {
		out_error(_("serve: invalid port \"%s\""), word);
		out_hint(_("A port is a number from 1 to 65535, like 80 or 8080."));
		return -EINVAL;
	}
	*port = (int)v;
	return 0;
}

/* The world's servers, or -errno after saying why. */
static int servers(struct serve_entry **v)
{
	int n = serve_list(v);

	if (n < 0)
		out_error(_("serve: cannot read the servers' records: %s"),
			  out_strerror(-n));
	return n;
}

/* Is one of nstutor's servers on port in ns? */
static bool ours_on(const char *ns, int port)
{
	struct serve_entry *v;
	int n = serve_list(&v);
	bool found = false;

	for (int i = 0; i < n && !found; i++)
		found = v[i].port == port && streq(v[i].ns, ns ? ns : "");
	free(v);
	return found;
}

static void start_error(const char *ns, int port, int err,
			enum serve_step step)
{
	const char *where = netns_label(ns);

	switch (step) {
	case SERVE_STEP_BIND:
		out_error("bind: %s", out_strerror(-err));
		if (err == -EADDRINUSE && ours_on(ns, port))
			out_hint(_("nstutor's web server already listens on port "
				   "%d in %s (\"serve list\"): stop it with "
				   "\"serve stop %s %d\", or pick another port."),
				 port, where, where, port);
		else if (err == -EADDRINUSE)
			out_hint(_("Another program listens on port %d in %s "
				   "(\"ss -ltn\" shows it there); pick another "
				   "port."),
				 port, where);
		else if (err == -EACCES)
			out_hint(_("Ports below 1024 need root: run nstutor as "
				   "root or in its sandbox world, or pick a port "
				   "from 1024 up, like 8080."));
		return;
	case SERVE_STEP_NETNS:
		if (err == -ENOENT && ns && cmd_netns_missing(ns))
			return;
		out_error(_("serve: cannot enter network namespace \"%s\": %s"),
			  where, out_strerror(-err));
		return;
	case SERVE_STEP_RECORD:
		out_error(_("serve: cannot record the server in %s: %s"),
			  world_state_path(), out_strerror(-err));
		return;
	default:
		break;
	}
	if (err == -ETIMEDOUT)
		out_error(_("serve: the web server did not start in time"));
	else if (err == -ECHILD)
		out_error(_("serve: the web server ended as it started"));
	else
		out_error(_("serve: cannot start the web server: %s"),
			  out_strerror(-err));
}

static int serve_http(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum serve_step step;
	int port = SERVE_PORT_DEFAULT;
	pid_t pid;

	if (argc > 1) {
		out_error(_("serve: too many words after \"%s\": \"%s\""),
			  "http", argv[1]);
		out_hint(_("Usage: serve http [PORT]"));
		return CMD_ERROR;
	}
	if (argc == 1 && parse_port(argv[0], &port) < 0)
		return CMD_ERROR;
	if (ctx->netns && cmd_netns_missing(ctx->netns))
		return CMD_ERROR;
	pid = serve_start(ctx->netns, port, &step);
	if (pid < 0) {
		start_error(ctx->netns, port, pid, step);
		return CMD_ERROR;
	}
	printf(_("Serving HTTP on 0.0.0.0 port %d in %s (pid %d)\n"), port,
	       netns_label(ctx->netns), (int)pid);
	out_note(_("It runs in the background until \"serve stop\"; "
		   "\"curl http://ADDRESS:%d/\" from another namespace "
		   "fetches its page."),
		 port);
	return CMD_OK;
}

static int serve_list_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct serve_entry *v;
	int n, shown = 0;

	if (argc > 0) {
		out_error(_("serve: too many words after \"%s\": \"%s\""),
			  "list", argv[0]);
		out_hint(_("Usage: serve list"));
		return CMD_ERROR;
	}
	if ((n = servers(&v)) < 0)
		return CMD_ERROR;
	for (int i = 0; i < n; i++) {
		if (ctx->netns && !streq(v[i].ns, ctx->netns))
			continue;
		printf("%-16s port %-5d pid %d\n", netns_label(v[i].ns),
		       v[i].port, (int)v[i].pid);
		shown++;
	}
	free(v);
	if (!shown)
		out_note(_("No web server runs; \"serve http [PORT]\" starts one."));
	return CMD_OK;
}

/* Does e match "serve stop" with ns (NULL: any) and port (0: any)? */
static bool stop_match(const struct serve_entry *e, const char *ns, int port)
{
	if (ns && !streq(e->ns, streq(ns, "host") && !netns_exists("host")
					    ? ""
					    : ns))
		return false;
	return !port || e->port == port;
}

static int serve_stop_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *ns = ctx->netns;
	struct serve_entry *v;
	int n, port = 0, stopped = 0, status = CMD_OK, err;

	if (argc > 2) {
		out_error(_("serve: too many words after \"%s\": \"%s\""),
			  "stop", argv[2]);
		out_hint(_("Usage: serve stop [NAMESPACE [PORT]]"));
		return CMD_ERROR;
	}
	if (argc >= 1)
		ns = argv[0];
	/* "serve stop 8080": a port, when no namespace is called so */
	if (argc == 1 && strspn(argv[0], "0123456789") == strlen(argv[0]) &&
	    !netns_exists(argv[0])) {
		ns = ctx->netns;
		if (parse_port(argv[0], &port) < 0)
			return CMD_ERROR;
	}
	if (argc == 2 && parse_port(argv[1], &port) < 0)
		return CMD_ERROR;
	if ((n = servers(&v)) < 0)
		return CMD_ERROR;
	for (int i = 0; i < n; i++) {
		if (!stop_match(&v[i], ns, port))
			continue;
		if ((err = serve_stop(&v[i])) < 0) {
			out_error(_("serve: cannot stop the web server in %s "
				    "(pid %d): %s"),
				  netns_label(v[i].ns), (int)v[i].pid,
				  out_strerror(-err));
			status = CMD_ERROR;
			continue;
		}
		printf(_("Stopped the web server in %s on port %d (pid %d)\n"),
		       netns_label(v[i].ns), v[i].port, (int)v[i].pid);
		stopped++;
	}
	free(v);
	if (!stopped && status == CMD_OK) {
		if (port)
			out_error(_("serve: no web server on port %d in %s"),
				  port, ns ? ns : _("any namespace"));
		else
			out_error(_("serve: no web server in %s"),
				  ns ? ns : _("any namespace"));
		out_hint(_("\"serve list\" shows the servers that run."));
		return CMD_ERROR;
	}
	return status;
}

static int serve_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc >= 1 && cmd_matches(argv[0], "http"))
		return serve_http(ctx, argc - 1, argv + 1);
	if (argc >= 1 && cmd_matches(argv[0], "list"))
		return serve_list_cmd(ctx, argc - 1, argv + 1);
	if (argc >= 1 && cmd_matches(argv[0], "stop"))
		return serve_stop_cmd(ctx, argc - 1, argv + 1);
	if (argc >= 1)
		out_error(_("serve: unknown command \"%s\""), argv[0]);
	else
		out_error(_("serve: what should it do?"));
	out_hint(_("Usage: serve http [PORT] | serve list | serve stop "
		   "[NAMESPACE [PORT]]"));
	return CMD_ERROR;
}

/* ---- curl ---- */

struct curl_opts {
	bool silent, show_error, include;
	double max_time; /* seconds; 0: none */
	const char *output;
	const char *url;
};

/* curl's own words for a bad command line; exit status 2. */
static int curl_usage_error(struct cmd_ctx *ctx, const char *fmt,
			    const char *word)
{
	char line[256];

	snprintf(line, sizeof(line), fmt, word);
	out_error("curl: %s", line);
	out_error("curl: try 'curl --help' or 'curl --manual' for more "
		  "information");
	ctx->exit_status = 2;
	return CMD_ERROR;
}

static int curl_max_time(struct cmd_ctx *ctx, const char *opt,
			 const char *s, struct curl_opts *o)
{
	char *end;

	errno = 0;
	o->max_time = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(o->max_time)) {
		char fmt[96];

		snprintf(fmt, sizeof(fmt), "option %s: expected a proper "
					   "numerical parameter", opt);
		return curl_usage_error(ctx, "%s", fmt);
	}
	if (o->max_time < 0) {
		char fmt[96];

		snprintf(fmt, sizeof(fmt), "option %s: expected a positive "
					   "numerical parameter", opt);
		return curl_usage_error(ctx, "%s", fmt);
	}
	return CMD_OK;
}

static const char *curl_long(const char *word)
{
	static const struct {
		const char *name;
		const char *letter;
	} longs[] = {
		{"--silent", "-s"},   {"--show-error", "-S"},
		{"--include", "-i"},  {"--max-time", "-m"},
		{"--output", "-o"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(longs); i++)
		if (streq(word, longs[i].name))
			return longs[i].letter;
	return NULL;
}

static int curl_parse(struct cmd_ctx *ctx, int argc, char **argv,
		      struct curl_opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i], *letters;

		if (w[0] != '-' || !w[1]) {
			o->url = w; /* the last one counts */
			continue;
		}
		letters = w[1] == '-' ? curl_long(w) : w;
		if (!letters)
			return curl_usage_error(ctx, "option %s: is unknown", w);
		for (const char *c = letters + 1; *c; c++) {
			const char *value;

			switch (*c) {
			case 's': o->silent = true; continue;
			case 'S': o->show_error = true; continue;
			case 'i': o->include = true; continue;
			case 'm':
			case 'o':
				break;
			default: {
				char opt[4] = {'-', *c, '\0'};

				return curl_usage_error(ctx, "option %s: is unknown",
							opt);
			}
			}
			value = c[1] ? c + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!value)
				return curl_usage_error(
				    ctx, "option %s: requires parameter", w);
			if (*c == 'o')
				o->output = value;
			else if (curl_max_time(ctx, w, value, o) != CMD_OK)
				return CMD_ERROR;
			break;
		}
	}
	if (!o->url) {
		out_error("curl: no URL specified!");
		out_error("curl: try 'curl --help' or 'curl --manual' for more "
			  "information");
		ctx->exit_status = 2;
		return CMD_ERROR;
	}
	return CMD_OK;
}

/* curl's error line (unless -s without -S), the hint, exit status. */
static int curl_fail(struct cmd_ctx *ctx, const struct curl_opts *o,
		     int code, const char *text)
{
	if (!o->silent || o->show_error)
		out_error("curl: (%d) %s", code, text);
	ctx->exit_status = code;
	return CMD_ERROR;
}

static int curl_fetch_error(struct cmd_ctx *ctx, const struct curl_opts *o,
			    const struct http_url *u,
			    const struct http_reply *r, int err)
{
	const char *where = netns_label(ctx->netns), *host = u->host;
	char text[512];
	int code = 7;

	if (err == -EINTR) { /* Ctrl-C: curl dies without a word */
		cmd_interrupt_end_line();
		ctx->exit_status = 130;
		return CMD_ERROR;
	}
	if (err == -ETIMEDOUT && !r->connected) {
		snprintf(text, sizeof(text),
			 "Connection timed out after %ld milliseconds",
			 r->elapsed_ms);
		code = 28;
	} else if (err == -ETIMEDOUT) {
		snprintf(text, sizeof(text),
			 "Operation timed out after %ld milliseconds with %zu "
			 "bytes received",
			 r->elapsed_ms, r->received);
		code = 28;
	} else if (!r->connected) {
		snprintf(text, sizeof(text),
			 "Failed to connect to %s port %d after %ld ms: "
			 "Couldn't connect to server",
			 host, u->port, r->elapsed_ms);
	} else if (err == -ENODATA) {
		snprintf(text, sizeof(text), "Empty reply from server");
		code = 52;
	} else if (err == -EPROTO) {
		snprintf(text, sizeof(text),
			 "Received HTTP/0.9 when not allowed");
		code = 1;
	} else {
		snprintf(text, sizeof(text), "Recv failure: %s",
			 out_strerror(-err));
		code = 56;
	}
	curl_fail(ctx, o, code, text);
	if (err == -ECONNREFUSED)
		out_hint(_("%s answered, but nothing listens on port %d there: "
			   "is its server running (\"serve list\")?"),
			 host, u->port);
	else if (err == -ENETUNREACH)
		out_hint(_("%s has no route to %s: see \"ip route\" there."),
			 where, host);
	else if (err == -EHOSTUNREACH)
		out_hint(_("No one answered for %s (no ARP reply, or an ICMP "
			   "\"host unreachable\"): is the address up, on a "
			   "link that is up?"),
			 host);
	else if (err == -ETIMEDOUT && !r->connected)
		out_hint(_("Nothing answered from %s: the packets are dropped "
			   "(a firewall rule?) or find no way there or back; "
			   "\"capture on\" shows how far they get."),
			 host);
	else if (err == -ETIMEDOUT)
		out_hint(_("The server took the connection but did not answer "
			   "in time."));
	return CMD_ERROR;
}

static int curl_write(struct cmd_ctx *ctx, const struct curl_opts *o,
		      const struct http_reply *r)
{
	FILE *f = stdout;
	char text[512];

	if (o->output && !streq(o->output, "-")) {
		f = fopen(o->output, "we");
		if (!f) {
			snprintf(text, sizeof(text),
				 "Failed to open %s", o->output);
			out_error("curl: %s", text);
			snprintf(text, sizeof(text),
				 "Failure writing output to destination");
			return curl_fail(ctx, o, 23, text);
		}
	}
	if (o->include)
		fputs(r->head, f);
	fwrite(r->body, 1, r->body_len, f);
	if (f != stdout && fclose(f) == EOF)
		return curl_fail(ctx, o, 23,
				 "Failure writing output to destination");
	fflush(stdout);
	return CMD_OK;
}

static int curl_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct curl_opts o = {0};
	struct http_reply r;
	struct http_url u;
	char scheme[64], text[512];
	int err, status;
	double ms;

	if (curl_parse(ctx, argc, argv, &o) != CMD_OK)
		return CMD_ERROR;
	if (ctx->netns && cmd_netns_missing(ctx->netns))
		return CMD_ERROR;
	switch (http_url_parse(o.url, &u, scheme, sizeof(scheme))) {
	case HTTP_URL_BAD:
		curl_fail(ctx, &o, 3, "URL using bad/illegal format or missing URL");
		out_hint(_("A URL looks like http://10.200.0.3/ or "
			   "http://10.200.0.3:8080/."));
		return CMD_ERROR;
	case HTTP_URL_PROTOCOL:
		snprintf(text, sizeof(text),
			 "Protocol \"%s\" not supported or disabled in libcurl",
			 scheme);
		curl_fail(ctx, &o, 1, text);
		out_hint(_("nstutor's curl speaks plain http:// only."));
		return CMD_ERROR;
	case HTTP_URL_OK:
		break;
	}
	if (!u.numeric) {
		snprintf(text, sizeof(text), "Could not resolve host: %s", u.host);
		curl_fail(ctx, &o, 6, text);
		out_hint(_("nstutor never asks DNS: give the address itself, "
			   "like http://10.200.0.3/."));
		return CMD_ERROR;
	}
	ms = ceil(o.max_time * 1000);
	err = http_fetch(ctx->netns, &u, ms > INT_MAX ? INT_MAX : (int)ms, &r);
	if (err < 0)
		return curl_fetch_error(ctx, &o, &u, &r, err);
	status = curl_write(ctx, &o, &r);
	http_reply_free(&r);
	return status;
}

static const char *const serve_words[] = {"http", "list", "stop", NULL};

const struct cmd_entry cmd_serve_entry = {
	.name = "serve",
	.usage = N_("serve http [PORT] | serve list | serve stop [NAMESPACE [PORT]]"),
	.summary = N_("a small web server in a namespace, in the background"),
	.min_args = 0, .max_args = -1, .exec = serve_exec, .flags = CMD_TOOL,
	.words = serve_words,
};
const struct cmd_entry cmd_curl_entry = {
	.name = "curl", .usage = N_("curl [-s] [-m SECONDS] [-i] [-o FILE] URL"),
	.summary = N_("fetch a web page from a namespace"),
	.min_args = 0, .max_args = -1, .exec = curl_exec, .flags = CMD_TOOL,
};
