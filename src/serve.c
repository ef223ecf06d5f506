/* serve.c: the built-in web server and HTTP client.
 *
 * A server is nstutor again (argv[1] SERVE_OPTION), started with
 * posix_spawn() in a session of its own with nothing of ours but the
 * state directory (fd 3) and a pipe to report on (fd 4).  It forks once
 * more, so that it is nobody's child (no zombie in a long REPL),
 * enters its namespace, listens, writes its record
 * <state>/serve-KIND-PORT[-NS] (KIND the world's, "host" or "sandbox",
 * which share the state directory; pid, start time, port, namespace) and says
 * so on the pipe.  One poll() loop, no threads: SIGTERM (a signalfd),
 * the state directory (its record removed or replaced: it ends), the
 * netns directory (its namespace deleted: it ends), the listening
 * socket and a few clients, each with a deadline.
 *
 * The client side, http_fetch(), is a plain HTTP/1.0 GET from a socket
 * made inside the namespace, non-blocking, within a timeout.
 */
#include "system.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "cmd.h"
#include "netns.h"
#include "proc.h"
#include "serve.h"
#include "world.h"

#define SERVE_STATE_FD 3
#define SERVE_REPORT_FD 4
#define SERVE_COMM "nstutor-serve"
#define SERVE_RECORD_PREFIX "serve-"
#define SERVE_CLIENTS_MAX 16
#define SERVE_CLIENT_TIMEOUT_MS 5000
#define SERVE_REQUEST_MAX 4096
#define SERVE_START_TIMEOUT_MS 5000
#define SERVE_STOP_TIMEOUT_MS 2000
#define HTTP_REPLY_MAX (4 << 20)

/* What a starting server says on its pipe. */
struct serve_report {
	int err; /* 0 or -errno */
	int step;
	int pid;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- records ---- */

static bool proc_is_server(pid_t pid)
{
	char path[64], comm[32] = "";
	_cleanup_close_ int fd = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return false;
	if ((n = read(fd, comm, sizeof(comm) - 1)) <= 0)
		return false;
	comm[n] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
	return streq(comm, SERVE_COMM);
}

/* "serve-host-" or "serve-sandbox-": the world's records. */
static const char *record_prefix(void)
{
	return world_kind() == WORLD_HOST ? SERVE_RECORD_PREFIX "host-"
					  : SERVE_RECORD_PREFIX "sandbox-";
}

static int record_name(const char *kind, const char *ns, int port, char *buf,
		       size_t size)
{
	int n;

	if (ns && *ns)
		n = snprintf(buf, size, SERVE_RECORD_PREFIX "%s-%d-%s", kind,
			     port, ns);
	else
		n = snprintf(buf, size, SERVE_RECORD_PREFIX "%s-%d", kind, port);
	return n < 0 || (size_t)n >= size || n > 255 ? -ENAMETOOLONG : 0;
}

struct record {
	pid_t pid;
	unsigned long long start;
	int port;
	char ns[256];
};

static int record_read(int dir_fd, const char *name, struct record *r)
{
	_cleanup_fclose_ FILE *f = NULL;
	int fd = openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char line[512];
	int pid = 0;

	*r = (struct record){0};
	if (fd < 0)
		return -errno;
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "netns ", 6) == 0)
			snprintf(r->ns, sizeof(r->ns), "%.255s", line + 6);
		else if (sscanf(line, "pid %d", &pid) == 1)
			r->pid = pid;
		else if (sscanf(line, "start %llu", &r->start) != 1)
			sscanf(line, "port %d", &r->port);
	}
	return r->pid > 0 && r->start && r->port > 0 ? 0 : -EINVAL;
}

static int record_write(int dir_fd, const char *name, const struct record *r)
{
	char tmp[320];
	_cleanup_fclose_ FILE *f = NULL;
	int fd;

	snprintf(tmp, sizeof(tmp), ".%.299s.new", name);
	fd = openat(dir_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return -errno;
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return -errno;
	}
	fprintf(f, "pid %d\nstart %llu\nport %d\n", (int)r->pid, r->start,
		r->port);
	if (*r->ns)
		fprintf(f, "netns %s\n", r->ns);
	if (fflush(f) == EOF || renameat(dir_fd, tmp, dir_fd, name) < 0) {
		int err = -errno;

		unlinkat(dir_fd, tmp, 0);
		return err;
	}
	return 0;
}

static bool record_alive(const struct record *r)
{
	return r->start && proc_start_time(r->pid) == r->start &&
	       proc_is_server(r->pid);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct serve_entry *x = a, *y = b;
	int c = strcmp(x->ns, y->ns);

	return c ? c : x->port - y->port;
}

int serve_list(struct serve_entry **out)
{
	int state_fd = world_state_fd();
	struct serve_entry *v = NULL, *bigger;
	size_t n = 0, cap = 0;
	struct dirent *de;
	struct record r;
	DIR *dir;
	int fd;

	*out = NULL;
	if (state_fd < 0)
		return 0;
	if ((fd = openat(state_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return -errno;
	}
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, record_prefix(),
			    strlen(record_prefix())) != 0)
			continue;
		if (record_read(state_fd, de->d_name, &r) < 0 ||
		    !record_alive(&r)) {
			unlinkat(state_fd, de->d_name, 0); /* stale */
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			if (!(bigger = realloc(v, cap * sizeof(*v)))) {
				free(v);
				closedir(dir);
				return -ENOMEM;
			}
			v = bigger;
		}
		v[n] = (struct serve_entry){.pid = r.pid, .port = r.port};
		snprintf(v[n].ns, sizeof(v[n].ns), "%s", r.ns);
		snprintf(v[n].file, sizeof(v[n].file), "%s", de->d_name);
		n++;
	}
	closedir(dir);
	if (n)
		qsort(v, n, sizeof(*v), entry_cmp);
	*out = v;
	return (int)n;
}

/* Waits until pid (started at start) has ended, up to ms. */
static bool wait_gone(pid_t pid, unsigned long long start, int ms)
{
	long long end = now_ms() + ms;

	while (proc_start_time(pid) == start) {
		if (now_ms() >= end)
			return false;
		waitpid(pid, NULL, WNOHANG); /* in case it is ours */
		usleep(10000);
	}
	return true;
}

int serve_stop(const struct serve_entry *e)
{
	int state_fd = world_state_fd();
	struct record r;
	int err = 0;

	if (state_fd < 0)
		return -ENOENT;
	if (record_read(state_fd, e->file, &r) < 0 || r.pid != e->pid) {
		unlinkat(state_fd, e->file, 0);
		return 0;
	}
	if (record_alive(&r)) {
		if (kill(r.pid, SIGTERM) < 0 && errno != ESRCH)
			err = -errno;
		else if (!wait_gone(r.pid, r.start, SERVE_STOP_TIMEOUT_MS)) {
			kill(r.pid, SIGKILL);
			wait_gone(r.pid, r.start, SERVE_STOP_TIMEOUT_MS);
		}
	}
	if (err == 0 && unlinkat(state_fd, e->file, 0) < 0 && errno != ENOENT)
		err = -errno;
	return err;
}

void serve_stop_all(void)
{
	struct serve_entry *v;
	int n = serve_list(&v);

	for (int i = 0; i < n; i++)
		serve_stop(&v[i]);
	free(v);
}

/* ---- starting one ---- */

/* Waits for the server's report on fd (up to the start timeout). */
static int read_report(int fd, struct serve_report *rep)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	long long end = now_ms() + SERVE_START_TIMEOUT_MS;
	ssize_t n;
	int left;

	for (;;) {
		left = (int)(end - now_ms());
		if (left <= 0)
			return -ETIMEDOUT;
		n = poll(&p, 1, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ETIMEDOUT;
		n = read(fd, rep, sizeof(*rep));
		if (n < 0 && errno == EINTR)
			continue;
		return n == (ssize_t)sizeof(*rep) ? 0 : -ECHILD;
	}
}

static int spawn_server(const char *ns, int port, int report_fd, pid_t *pid)
{
	char port_text[16];
	char *argv[] = {(char *)SERVE_COMM, (char *)SERVE_OPTION,
			(char *)(ns ? ns : ""), port_text,
			(char *)(world_kind() == WORLD_HOST ? "host" : "sandbox"),
			NULL};
	posix_spawn_file_actions_t files;
	posix_spawnattr_t attr;
	_cleanup_close_ int state = -1;
	int err;

	/* above 4 first, so that dup2() to 3 and 4 cannot clobber them */
	state = fcntl(world_state_fd(), F_DUPFD_CLOEXEC, 10);
	if (state < 0)
		return -errno;
	snprintf(port_text, sizeof(port_text), "%d", port);
	posix_spawn_file_actions_init(&files);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_adddup2(&files, state, SERVE_STATE_FD);
	posix_spawn_file_actions_adddup2(&files, report_fd, SERVE_REPORT_FD);
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		posix_spawn_file_actions_addopen(&files, fd, "/dev/null",
						 O_RDWR, 0);
	posix_spawn_file_actions_addclosefrom_np(&files, SERVE_REPORT_FD + 1);
	posix_spawn_file_actions_addchdir_np(&files, "/");
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
	fflush(NULL);
	err = posix_spawn(pid, "/proc/self/exe", &files, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&files);
	return -err;
}

pid_t serve_start(const char *ns, int port, enum serve_step *step)
{
	struct serve_report rep = {0};
	int fds[2], report_fd, err;
	pid_t pid;

	*step = SERVE_STEP_SPAWN;
	if (world_state_fd() < 0)
		return -ENOENT;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	report_fd = fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
	close(fds[1]);
	if (report_fd < 0) {
		err = -errno;
		close(fds[0]);
		return err;
	}
	err = spawn_server(ns, port, report_fd, &pid);
	close(report_fd);
	if (err == 0) {
		/* it forks and leaves at once: the server is its child */
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		err = read_report(fds[0], &rep);
	}
	close(fds[0]);
	if (err < 0)
		return err;
	*step = rep.step;
	return rep.err < 0 ? rep.err : rep.pid;
}

/* ---- the server process ---- */

struct client {
	int fd; /* -1: a free slot */
	long long deadline;
	struct sockaddr_in peer;
	char req[SERVE_REQUEST_MAX];
	size_t len;
	char *resp; /* once the request is read */
	size_t resp_len, sent;
};

struct server {
	const char *ns; /* NULL: the host */
	int port;
	char file[300];
	struct netns_id id;
	int listen_fd, sig_fd, state_watch, netns_watch;
	struct client clients[SERVE_CLIENTS_MAX];
	size_t nclients;
	char page_ns[1024]; /* the namespace's name, HTML-escaped */
};

static void report(int err, enum serve_step step)
{
	struct serve_report rep = {.err = err, .step = step, .pid = getpid()};

	if (write(SERVE_REPORT_FD, &rep, sizeof(rep)) != sizeof(rep))
		_exit(1);
	close(SERVE_REPORT_FD);
	if (err < 0)
		_exit(1);
}

static void html_escape(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s && n + 7 < size; s++) {
		const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			      : *s == '&' ? "&amp;" : *s == '"' ? "&quot;"
			      : NULL;

		if (e)
			n += (size_t)snprintf(buf + n, size - n, "%s", e);
		else
			buf[n++] = *s;
	}
	buf[n] = '\0';
}

static int server_listen(struct server *s)
{
	struct sockaddr_in sin = {.sin_family = AF_INET,
				  .sin_port = htons((uint16_t)s->port),
				  .sin_addr.s_addr = htonl(INADDR_ANY)};
	int one = 1;

	s->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK |
					       SOCK_CLOEXEC, 0);
	if (s->listen_fd < 0)
		report(-errno, SERVE_STEP_SOCKET);
	setsockopt(s->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s->listen_fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		report(-errno, SERVE_STEP_BIND);
	if (listen(s->listen_fd, 16) < 0)
		report(-errno, SERVE_STEP_LISTEN);
	return 0;
}

static int server_watches(struct server *s)
{
	char dir[64];
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s->sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (s->sig_fd < 0)
		return -errno;
	s->state_watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->state_watch < 0)
		return -errno;
	snprintf(dir, sizeof(dir), "/proc/self/fd/%d", SERVE_STATE_FD);
	if (inotify_add_watch(s->state_watch, dir,
			      IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
				  IN_CREATE | IN_DELETE_SELF |
				  IN_MOVE_SELF) < 0)
		return -errno;
	s->netns_watch = -1;
	if (s->ns) {
		if (netns_id_get(s->ns, &s->id) < 0)
			return -ENOENT;
		s->netns_watch = netns_dir_watch_open();
		if (s->netns_watch < 0)
			return s->netns_watch;
	}
	return 0;
}

/* Is the record still this process's? */
static bool record_mine(const struct server *s)
{
	struct record r;

	return record_read(SERVE_STATE_FD, s->file, &r) == 0 &&
	       r.pid == getpid();
}

static _Noreturn void server_exit(const struct server *s)
{
	if (record_mine(s))
		unlinkat(SERVE_STATE_FD, s->file, 0);
	_exit(0);
}

/* Ends the server when its record or the state directory went. */
static void state_changed(const struct server *s)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	bool gone = false;
	ssize_t n;

	while ((n = read(s->state_watch, buf, sizeof(buf))) > 0)
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF |
				       IN_IGNORED))
				gone = true;
			p += sizeof(*e) + e->len;
		}
	if (gone || !record_mine(s))
		server_exit(s);
}

static void netns_changed(const struct server *s)
{
	netns_dir_watch_read(s->netns_watch, NULL, NULL);
	if (netns_id_stale(s->ns, &s->id))
		server_exit(s);
}

static void client_close(struct client *c)
{
	close(c->fd);
	free(c->resp);
	c->fd = -1;
	c->resp = NULL;
}

static void server_accept(struct server *s)
{
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	struct client *c = NULL;
	int fd;

	for (size_t i = 0; i < SERVE_CLIENTS_MAX && !c; i++)
		if (s->clients[i].fd < 0)
			c = &s->clients[i];
	/* all taken: the oldest one that is still silent makes room */
	for (size_t i = 0; i < SERVE_CLIENTS_MAX && !c; i++) {
		struct client *o = &s->clients[i];

		if (!o->resp && (!c || o->deadline < c->deadline))
			c = o;
	}
	if (!c)
		return;
	if (c->fd >= 0)
		client_close(c);
	fd = accept4(s->listen_fd, (struct sockaddr *)&peer, &len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	*c = (struct client){.fd = fd, .peer = peer,
			     .deadline = now_ms() + SERVE_CLIENT_TIMEOUT_MS};
}

static void client_answer(struct server *s, struct client *c)
{
	char method[16] = "", path[1024] = "", addr[INET_ADDRSTRLEN];
	char page[4096], *resp = NULL;
	const char *status = "200 OK";
	bool head = false;
	int n;

	c->req[c->len] = '\0';
	sscanf(c->req, "%15s %1023s", method, path);
	path[strcspn(path, "?#")] = '\0';
	inet_ntop(AF_INET, &c->peer.sin_addr, addr, sizeof(addr));
	if (streq(method, "HEAD"))
		head = true;
	else if (!streq(method, "GET"))
		status = "501 Not Implemented";
	if (!*path || (!streq(path, "/") && !streq(path, "/index.html")))
		status = *method && status[0] == '2' ? "404 Not Found" : status;
	if (status[0] == '2')
		snprintf(page, sizeof(page),
			 "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\">"
			 "<title>Hello from %s</title></head>\n<body>\n"
			 "<h1>Hello from %s \xe2\x80\x94 served by nstutor</h1>\n"
			 "<p>You came from %s.</p>\n</body>\n</html>\n",
			 s->page_ns, s->page_ns, addr);
	else
		snprintf(page, sizeof(page),
			 "<!DOCTYPE html>\n<html>\n<head><title>%s</title></head>\n"
			 "<body>\n<h1>%s</h1>\n<p>nstutor in %s serves only /.</p>\n"
			 "</body>\n</html>\n",
			 status, status, s->page_ns);
	n = asprintf(&resp,
		     "HTTP/1.0 %s\r\nServer: nstutor\r\n"
		     "Content-Type: text/html; charset=utf-8\r\n"
		     "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
		     status, strlen(page), head ? "" : page);
	if (n < 0) {
		client_close(c);
		return;
	}
	c->resp = resp;
	c->resp_len = (size_t)n;
}

static void client_read(struct server *s, struct client *c)
{
	ssize_t n = read(c->fd, c->req + c->len, sizeof(c->req) - 1 - c->len);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0 && c->len == 0) {
		client_close(c);
		return;
	}
	if (n > 0)
		c->len += (size_t)n;
	c->req[c->len] = '\0';
	/* the end of the headers, the end of the stream, or too much */
	if (n <= 0 || strstr(c->req, "\r\n\r\n") || strstr(c->req, "\n\n") ||
	    c->len == sizeof(c->req) - 1)
		client_answer(s, c);
}

static void client_write(struct client *c)
{
	ssize_t n = send(c->fd, c->resp + c->sent, c->resp_len - c->sent,
			 MSG_NOSIGNAL);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		client_close(c);
		return;
	}
	c->sent += (size_t)n;
	if (c->sent == c->resp_len) {
		shutdown(c->fd, SHUT_WR);
		client_close(c);
	}
}

static _Noreturn void server_loop(struct server *s)
{
	struct pollfd p[4 + SERVE_CLIENTS_MAX];
	struct client *who[4 + SERVE_CLIENTS_MAX];

	for (;;) {
		long long now = now_ms(), next = now + 60000;
		size_t n = 0;

		p[n++] = (struct pollfd){.fd = s->sig_fd, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = s->state_watch, .events = POLLIN};
		p[n++] = (struct pollfd){.fd = s->netns_watch, .events = POLLIN};
		for (size_t i = 0; i < SERVE_CLIENTS_MAX; i++) {
			struct client *c = &s->clients[i];

			if (c->fd < 0)
				continue;
			if (c->deadline <= now) {
				client_close(c); /* too slow */
				continue;
			}
			if (c->deadline < next)
				next = c->deadline;
			who[n] = c;
			p[n++] = (struct pollfd){
			    .fd = c->fd, .events = c->resp ? POLLOUT : POLLIN};
		}
		who[n] = NULL;
		p[n++] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
		if (poll(p, n, (int)(next - now)) < 0) {
			if (errno == EINTR)
				continue;
			server_exit(s);
		}
		if (p[0].revents)
			server_exit(s); /* SIGTERM */
		if (p[1].revents)
			state_changed(s);
		if (p[2].revents)
			netns_changed(s);
		for (size_t i = 3; i < n - 1; i++) {
			if (!p[i].revents)
				continue;
			if (who[i]->resp)
				client_write(who[i]);
			else
				client_read(s, who[i]);
		}
		if (p[n - 1].revents)
			server_accept(s);
	}
}

void serve_main(int argc, char **argv)
{
	struct sigaction ignore = {.sa_handler = SIG_IGN};
	static struct server s;
	struct record r;
	int saved, err;
	char *end;
	pid_t pid;

	if (argc != 4 || (!streq(argv[3], "host") && !streq(argv[3], "sandbox")))
		_exit(2);
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, NULL);
	sigaction(SIGHUP, &ignore, NULL);
	sigaction(SIGQUIT, &ignore, NULL);
	sigaction(SIGPIPE, &ignore, NULL);
	/* nobody's child: the one who started us waits for this one */
	if ((pid = fork()) < 0)
		report(-errno, SERVE_STEP_SPAWN);
	if (pid > 0)
		_exit(0);
	prctl(PR_SET_NAME, SERVE_COMM, 0, 0, 0);
	s.ns = *argv[1] ? argv[1] : NULL;
	s.port = (int)strtol(argv[2], &end, 10);
	if (*end || s.port < 1 || s.port > 65535)
		report(-EINVAL, SERVE_STEP_BIND);
	for (size_t i = 0; i < SERVE_CLIENTS_MAX; i++)
		s.clients[i].fd = -1;
	html_escape(netns_label(s.ns), s.page_ns, sizeof(s.page_ns));
	if (record_name(argv[3], s.ns, s.port, s.file, sizeof(s.file)) < 0)
		report(-ENAMETOOLONG, SERVE_STEP_RECORD);
	if (s.ns) {
		if ((err = netns_enter(s.ns, &saved)) < 0)
			report(err, SERVE_STEP_NETNS);
		if (saved >= 0)
			close(saved); /* it stays there */
	}
	server_listen(&s);
	if ((err = server_watches(&s)) < 0)
		report(err, SERVE_STEP_NETNS);
	r = (struct record){.pid = getpid(), .start = proc_start_time(getpid()),
			    .port = s.port};
	snprintf(r.ns, sizeof(r.ns), "%s", s.ns ? s.ns : "");
	if ((err = record_write(SERVE_STATE_FD, s.file, &r)) < 0)
		report(err, SERVE_STEP_RECORD);
	state_changed(&s); /* the events of writing it */
	report(0, SERVE_STEP_NONE);
	server_loop(&s);
}

/* ---- the client ---- */

static bool parse_ipv4(const char *s, uint32_t *addr)
{
	int a, b, c, d, n = 0;

	if (sscanf(s, "%3d.%3d.%3d.%3d%n", &a, &b, &c, &d, &n) != 4 ||
	    s[n] || a > 255 || b > 255 || c > 255 || d > 255 ||
	    strspn(s, "0123456789.") != strlen(s))
		return false;
	return inet_pton(AF_INET, s, addr) == 1;
}

enum http_url_error http_url_parse(const char *url, struct http_url *u,
				   char *scheme, size_t scheme_size)
{
	const char *p = strstr(url, "://"), *host, *end;
	size_t hl;

	*u = (struct http_url){.port = 80};
	if (scheme_size)
		*scheme = '\0';
	if (p) {
		snprintf(scheme, scheme_size, "%.*s", (int)(p - url), url);
		if (p == url)
			return HTTP_URL_BAD;
		if (strncasecmp(url, "http", 4) != 0 || p - url != 4)
			return HTTP_URL_PROTOCOL;
		host = p + 3;
	} else {
		host = url; /* curl guesses http:// */
	}
	end = host + strcspn(host, ":/?#");
	hl = (size_t)(end - host);
	if (hl == 0 || hl >= sizeof(u->host) || strchr(host, '@') ||
	    strspn(host, " \t") || *host == '[')
		return HTTP_URL_BAD;
	memcpy(u->host, host, hl);
	u->host[hl] = '\0';
	if (*end == ':') {
		char *after;
		long port;

		end++;
		if (!isdigit((unsigned char)*end))
			return *end == '/' || !*end ? HTTP_URL_OK : HTTP_URL_BAD;
		port = strtol(end, &after, 10);
		if (port > 65535 || (*after && !strchr("/?#", *after)))
			return HTTP_URL_BAD;
		u->port = (int)port;
		end = after;
	}
	if (*end == '/')
		snprintf(u->path, sizeof(u->path), "%s", end);
	else
		snprintf(u->path, sizeof(u->path), "/%s", end);
	u->path[strcspn(u->path, "#")] = '\0';
	if (strpbrk(u->path, " \t\r\n"))
		return HTTP_URL_BAD;
	u->numeric = parse_ipv4(u->host, &u->addr);
	return HTTP_URL_OK;
}

/* Waits for events on fd until end (0: forever): 1, 0 on timeout, or
 * -errno (-EINTR on Ctrl-C). */
static int wait_fd(int fd, short events, long long end)
{
	struct pollfd p = {.fd = fd, .events = events};
	int n, left;

	for (;;) {
		left = end ? (int)(end - now_ms()) : 200;
		if (end && left <= 0)
			return 0;
		n = poll(&p, 1, left < 200 ? left : 200);
		if (n > 0)
			return 1;
		if (cmd_interrupted())
			return -EINTR;
		if (n < 0 && errno != EINTR)
			return -errno;
	}
}

static int fetch_connect(int fd, const struct http_url *u, long long end,
			 struct http_reply *reply)
{
	struct sockaddr_in sin = {.sin_family = AF_INET,
				  .sin_port = htons((uint16_t)u->port),
				  .sin_addr.s_addr = u->addr};
	socklen_t len = sizeof(int);
	int err = 0, r;

	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0)
		goto done;
	if (errno != EINPROGRESS)
		return -errno;
	if ((r = wait_fd(fd, POLLOUT, end)) <= 0)
		return r < 0 ? r : -ETIMEDOUT;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -errno;
	if (err)
		return -err;
done:
	reply->connected = true;
	return 0;
}

static int fetch_send(int fd, const struct http_url *u, long long end)
{
	char req[4096];
	int len, r;
	size_t sent = 0;
	ssize_t n;

	if (u->port == 80)
		len = snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\n",
			       u->path, u->host);
	else
		len = snprintf(req, sizeof(req),
			       "GET %s HTTP/1.0\r\nHost: %s:%d\r\n", u->path,
			       u->host, u->port);
	if (len < 0 || (size_t)len + 64 >= sizeof(req))
		return -E2BIG;
	len += snprintf(req + len, sizeof(req) - (size_t)len,
			"User-Agent: nstutor\r\nAccept: */*\r\n\r\n");
	while (sent < (size_t)len) {
		n = send(fd, req + sent, (size_t)len - sent, MSG_NOSIGNAL);
		if (n > 0) {
			sent += (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if ((r = wait_fd(fd, POLLOUT, end)) <= 0)
			return r < 0 ? r : -ETIMEDOUT;
	}
	return 0;
}

static int fetch_read(int fd, long long end, char **buf, size_t *len)
{
	size_t cap = 0;
	ssize_t n;
	char *bigger;
	int r;

	*buf = NULL;
	*len = 0;
	for (;;) {
		if (*len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			if (cap > HTTP_REPLY_MAX)
				return -EMSGSIZE;
			if (!(bigger = realloc(*buf, cap)))
				return -ENOMEM;
			*buf = bigger;
		}
		n = read(fd, *buf + *len, cap - *len - 1);
		if (n > 0) {
			*len += (size_t)n;
			continue;
		}
		if (n == 0)
			break;
		if (errno != EAGAIN && errno != EINTR)
			return -errno;
		if ((r = wait_fd(fd, POLLIN, end)) <= 0)
			return r < 0 ? r : -ETIMEDOUT;
	}
	(*buf)[*len] = '\0';
	return 0;
}

/* Splits what came into status, head and body. */
static int reply_parse(char *raw, size_t len, struct http_reply *reply)
{
	int major, minor, status, n = 0;
	char *sep = strstr(raw, "\r\n\r\n");
	size_t skip = 4;

	if (!sep || (strstr(raw, "\n\n") && strstr(raw, "\n\n") < sep)) {
		sep = strstr(raw, "\n\n");
		skip = 2;
	}
	if (sscanf(raw, "HTTP/%d.%d %3d%n", &major, &minor, &status, &n) != 3 ||
	    status < 100)
		return -EPROTO;
	reply->status = status;
	if (!sep) {
		sep = raw + len;
		skip = 0;
	}
	reply->body_len = len - (size_t)(sep + skip - raw);
	reply->body = malloc(reply->body_len + 1);
	reply->head = strndup(raw, (size_t)(sep - raw) + skip);
	if (!reply->body || !reply->head)
		return -ENOMEM;
	memcpy(reply->body, sep + skip, reply->body_len);
	reply->body[reply->body_len] = '\0';
	return 0;
}

int http_fetch(const char *ns, const struct http_url *u, int timeout_ms,
	       struct http_reply *reply)
{
	long long start = now_ms(), end = timeout_ms > 0 ? start + timeout_ms : 0;
	_cleanup_close_ int fd = -1;
	_cleanup_free_ char *raw = NULL;
	size_t len = 0;
	int err;

	*reply = (struct http_reply){0};
	if (!u->numeric)
		return -EADDRNOTAVAIL;
	fd = netns_socket(ns, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return fd;
	err = fetch_connect(fd, u, end, reply);
	if (err == 0)
		err = fetch_send(fd, u, end);
	if (err == 0)
		err = fetch_read(fd, end, &raw, &len);
	reply->received = len;
	reply->elapsed_ms = now_ms() - start;
	if (err == 0)
		err = len ? reply_parse(raw, len, reply) : -ENODATA;
	if (err < 0) {
		free(reply->head);
		free(reply->body);
		reply->head = reply->body = NULL;
	}
	return err;
}

void http_reply_free(struct http_reply *reply)
{
	free(reply->head);
	free(reply->body);
	*reply = (struct http_reply){0};
}

int http_get(const char *ns, const char *url, int timeout_ms, char **body)
{
	struct http_reply reply;
	struct http_url u;
	char scheme[16];
	int err;

	*body = NULL;
	if (http_url_parse(url, &u, scheme, sizeof(scheme)) != HTTP_URL_OK)
		return -EINVAL;
	if ((err = http_fetch(ns, &u, timeout_ms, &reply)) < 0)
		return err;
	*body = reply.body;
	reply.body = NULL;
	err = reply.status;
	http_reply_free(&reply);
	return err;
}
