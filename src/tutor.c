/* tutor.c: guided mode: the lesson under way, its progress file, the
 * kernel watch that re-evaluates the current step, and what the
 * commands of cmd-lesson.c do (tutor.h). */
#include "system.h"

#include <ctype.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <readline/readline.h>

#include "capture.h"
#include "changes.h"
#include "check.h"
#include "cmd.h"
#include "lesson.h"
#include "netns.h"
#include "out.h"
#include "session.h"
#include "topo.h"
#include "tutor.h"
#include "watch.h"

#define WHY_MAX 512
#define BAR_WIDTH 10
#define SETTLE_MS 300 /* how long a failed probe waits for the kernel */
#define FIRST_LESSON "host-veth" /* where the lessons begin (README.md) */

enum step_state { STEP_TODO, STEP_DONE, STEP_SKIPPED };

/* One rtnetlink socket in a namespace (ns NULL: the host). */
struct source {
	char *ns;
	struct netns_id id;
	int fd;
};

static struct {
	struct lesson *l;
	char world[64];	/* the world its setup ran in ("dev:ino") */
	size_t cur;
	enum step_state *state;
	bool finished;
	bool busy;	/* setup or run under way: evaluate after it */
	bool hush;	/* a tutor command ran: nothing to evaluate after it */
	/* the kernel watch */
	struct source *src;
	size_t n_src;
	int inotify;
	bool watching;
	bool rescan;	/* namespaces came or went */
	bool touched;	/* any notification since the last evaluation */
	bool changed;	/* a link, address, route or namespace changed */
} t = {.inotify = -1};

bool tutor_active(void)
{
	return t.l != NULL;
}

static const struct lesson_step *current(void)
{
	return &t.l->steps[t.cur];
}

/* ---- the progress file ---- */

/* The identity of the world's host namespace, "dev:ino": the setup
 * ran in this world when it is the one the progress file names. */
static void world_identity(char *buf, size_t size)
{
	dev_t dev;
	ino_t ino;

	if (netns_identity(NULL, &dev, &ino) < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lu:%lu", (unsigned long)dev,
			 (unsigned long)ino);
}

/* $XDG_STATE_HOME/nstutor/progress into buf (made with its directory
 * when make); false when there is no home. */
static bool progress_path(char *buf, size_t size, bool make)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int n;

	if (state && *state)
		n = snprintf(buf, size, "%s/nstutor", state);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.local/state/nstutor", home);
	else
		return false;
	if (n < 0 || (size_t)n + sizeof("/progress") > size)
		return false;
	if (make)
		for (char *p = buf + 1; *p; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(buf, 0700);
				*p = '/';
			}
	if (make)
		mkdir(buf, 0700);
	strcat(buf, "/progress");
	return true;
}

/* The progress file, open to read; NULL when there is none. */
static FILE *progress_open(void)
{
	char path[4096];

	return progress_path(path, sizeof(path), false) ? fopen(path, "re")
							: NULL;
}

/* The line of the progress file for lesson name (free it), or NULL.
 * A line is "NAME AT STATES WORLD": AT the current step's id ("-":
 * finished), STATES "id:d,id:s" (done, skipped) or "-", WORLD the
 * world the setup ran in (world_identity). */
static char *progress_line(const char *name)
{
	char *line = NULL, *found = NULL;
	size_t cap = 0, len = strlen(name);
	FILE *f = progress_open();

	if (!f)
		return NULL;
	while (!found && getline(&line, &cap, f) > 0)
		if (strncmp(line, name, len) == 0 && line[len] == ' ') {
			line[strcspn(line, "\n")] = '\0';
			found = strdup(line);
		}
	free(line);
	fclose(f);
	return found;
}

char *tutor_unfinished(void)
{
	char world[64], *line = NULL, *found = NULL;
	size_t cap = 0;
	FILE *f = progress_open();

	if (!f)
		return NULL;
	world_identity(world, sizeof(world));
	/* "NAME AT STATES WORLD"; the last line is the latest lesson */
	while (getline(&line, &cap, f) > 0) {
		char *save = NULL, *name = strtok_r(line, " \n", &save);
		char *at = strtok_r(NULL, " \n", &save);
		char *states = strtok_r(NULL, " \n", &save);
		char *w = strtok_r(NULL, " \n", &save);

		if (!name || !at || !states || !w || streq(at, "-") ||
		    !streq(w, world))
			continue;
		free(found);
		found = strdup(name);
	}
	free(line);
	fclose(f);
	return found;
}

const char *tutor_first_lesson(void)
{
	struct lesson *l = NULL;
	char *error = NULL;
	bool there = lesson_find(FIRST_LESSON, &l, &error) == 0;

	free(error);
	lesson_free(l);
	return there ? FIRST_LESSON : NULL;
}

static ssize_t step_index(const struct lesson *l, const char *id)
{
	for (size_t i = 0; i < l->n_steps; i++)
		if (streq(l->steps[i].id, id))
			return (ssize_t)i;
	return -1;
}

/* Reads lesson l's progress into state/cur/finished and world (NULL:
 * not wanted); whether any. */
static bool progress_read(const struct lesson *l, enum step_state *state,
			  size_t *cur, bool *finished, char *world,
			  size_t size)
{
	char *line = progress_line(l->name), *save = NULL, *at, *states, *w;
	ssize_t i;

	*cur = 0;
	*finished = false;
	if (!line)
		return false;
	strtok_r(line, " ", &save);
	at = strtok_r(NULL, " ", &save);
	states = strtok_r(NULL, " ", &save);
	w = strtok_r(NULL, " ", &save);
	if (world)
		snprintf(world, size, "%s", w ? w : "-");
	for (char *s = states ? strtok_r(states, ",", &save) : NULL; s;
	     s = strtok_r(NULL, ",", &save)) {
		char *colon = strrchr(s, ':');

		if (!colon)
			continue;
		*colon = '\0';
		if ((i = step_index(l, s)) >= 0)
			state[i] = colon[1] == 'd' ? STEP_DONE : STEP_SKIPPED;
	}
	if (at && streq(at, "-"))
		*finished = true;
	else if (at && (i = step_index(l, at)) >= 0)
		*cur = (size_t)i;
	free(line);
	return true;
}

/* The current lesson's line, "NAME AT STATES\n" (free it). */
static char *progress_format(void)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	bool any = false;

	if (!m)
		return NULL;
	fprintf(m, "%s %s ", t.l->name,
		t.finished ? "-" : t.l->steps[t.cur].id);
	for (size_t i = 0; i < t.l->n_steps; i++) {
		if (t.state[i] == STEP_TODO)
			continue;
		fprintf(m, "%s%s:%c", any ? "," : "", t.l->steps[i].id,
			t.state[i] == STEP_DONE ? 'd' : 's');
		any = true;
	}
	fprintf(m, "%s %s\n", any ? "" : "-", t.world[0] ? t.world : "-");
	if (fclose(m) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Writes the progress file anew, atomically: the other lessons' lines
 * as they were, this lesson's as it is now (none when forget). */
static void progress_write(bool forget)
{
	char path[4096], tmp[4200], *line = NULL, *mine;
	size_t cap = 0, len;
	FILE *in, *out;
	int fd;

	if (!t.l || !progress_path(path, sizeof(path), true))
		return;
	mine = forget ? NULL : progress_format();
	if (!forget && !mine)
		return;
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || !(out = fdopen(fd, "w"))) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		out_error(_("nstutor: cannot save your progress in %s: %s"),
			  path, strerror(errno));
		free(mine);
		return;
	}
	len = strlen(t.l->name);
	if ((in = fopen(path, "re"))) {
		while (getline(&line, &cap, in) > 0)
			if (!(strncmp(line, t.l->name, len) == 0 &&
			      line[len] == ' '))
				fputs(line, out);
		fclose(in);
	}
	if (mine)
		fputs(mine, out);
	free(line);
	free(mine);
	if (fflush(out) != 0) {
		fclose(out);
		unlink(tmp);
		return;
	}
	if (fclose(out) != 0 || rename(tmp, path) < 0) {
		out_error(_("nstutor: cannot save your progress in %s: %s"),
			  path, strerror(errno));
		unlink(tmp);
	}
}

/* ---- the kernel watch ---- */

static int source_open(struct source *s, const char *ns)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR |
			     RTMGRP_IPV4_ROUTE | RTMGRP_NEIGH,
	};
	int err;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if ((err = netns_id_get(ns, &s->id)) < 0)
		return err;
	if (ns && !(s->ns = strdup(ns)))
		return -ENOMEM;
	s->fd = netns_socket(ns, AF_NETLINK,
			     SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
			     NETLINK_ROUTE);
	if (s->fd < 0) {
		err = s->fd;
		free(s->ns);
		return err;
	}
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		close(s->fd);
		free(s->ns);
		return err;
	}
	return 0;
}

static void source_drop(size_t i)
{
	close(t.src[i].fd);
	free(t.src[i].ns);
	t.src[i] = t.src[--t.n_src];
}

static bool source_has(const char *ns)
{
	for (size_t i = 0; i < t.n_src; i++)
		if (netns_name_same(t.src[i].ns, ns))
			return true;
	return false;
}

static void source_add(const char *ns)
{
	struct source s, *grown;

	if (source_has(ns) || t.n_src >= WATCH_FDS_MAX - 1)
		return;
	if (source_open(&s, ns) < 0)
		return; /* the namespace went already; commands still count */
	grown = realloc(t.src, (t.n_src + 1) * sizeof(*t.src));
	if (!grown) {
		close(s.fd);
		free(s.ns);
		return;
	}
	t.src = grown;
	t.src[t.n_src++] = s;
}

void tutor_forget(const char *ns)
{
	for (size_t i = t.n_src; i-- > 0;)
		if (netns_name_same(t.src[i].ns, ns))
			source_drop(i);
	t.rescan = true;
}

void tutor_forget_deleted(void)
{
	for (size_t i = t.n_src; i-- > 0;)
		if (t.src[i].ns && netns_id_stale(t.src[i].ns, &t.src[i].id)) {
			source_drop(i);
			t.rescan = true;
		}
}

/* A socket for every namespace that has none, none for those gone. */
static void sources_refresh(void)
{
	struct netns_names names = {0};

	tutor_forget_deleted();
	source_add(NULL);
	if (netns_list(&names) < 0)
		return;
	for (size_t i = 0; i < names.n; i++)
		source_add(names.names[i]);
	netns_names_free(&names);
	t.rescan = false;
}

/* Reads what a socket holds and notes what kind of change it was. */
static void source_read(int fd)
{
	char buf[16384];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) != 0) {
		if (n < 0) {
			if (errno == ENOBUFS) { /* lost some: all may have */
				t.touched = t.changed = true;
				continue;
			}
			break;
		}
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf;
		     NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			t.touched = true;
			if (h->nlmsg_type != RTM_NEWNEIGH &&
			    h->nlmsg_type != RTM_DELNEIGH)
				t.changed = true;
		}
	}
}

/* A namespace came or went in the netns directory. */
static void on_netns(const char *name, bool created, void *arg)
{
	if (!created)
		tutor_forget(name);
	t.rescan = t.touched = t.changed = true;
}

/* Reads every socket and the inotify watch; whether anything came. */
static bool sources_drain(void)
{
	if (t.inotify >= 0)
		netns_dir_watch_read(t.inotify, on_netns, NULL);
	for (size_t i = 0; i < t.n_src; i++)
		source_read(t.src[i].fd);
	if (t.rescan)
		sources_refresh();
	return t.touched;
}

static size_t watch_fill(void *arg, struct pollfd *p, size_t n)
{
	size_t k = 0;

	if (t.inotify >= 0 && k < n)
		p[k++] = (struct pollfd){.fd = t.inotify, .events = POLLIN};
	for (size_t i = 0; i < t.n_src && k < n; i++)
		p[k++] = (struct pollfd){.fd = t.src[i].fd, .events = POLLIN};
	return k;
}

static void evaluate(bool probes, bool settle);

/* The REPL waits at its prompt (readline's handler is installed): not
 * inside a command, whose own output must not be interrupted. */
static bool idle(void)
{
	return RL_ISSTATE(RL_STATE_CALLBACK) != 0;
}

static void watch_ready(void *arg, const struct pollfd *p, size_t n)
{
	bool probes;

	sources_drain();
	if (!t.touched || t.busy || !idle())
		return; /* after the command, tutor_after_command looks */
	probes = t.changed;
	out_async_begin();
	evaluate(probes, false);
	fflush(stdout);
	out_async_end();
}

static void watch_start(void)
{
	struct watch w = {.pollfds = watch_fill, .ready = watch_ready,
			  .arg = &t};

	if (t.watching)
		return;
	t.inotify = netns_dir_watch_open();
	sources_refresh();
	if (watch_add(&w) == 0)
		t.watching = true;
}

static void watch_stop(void)
{
	if (t.watching)
		watch_remove(&t);
	t.watching = false;
	while (t.n_src)
		source_drop(t.n_src - 1);
	free(t.src);
	t.src = NULL;
	if (t.inotify >= 0)
		close(t.inotify);
	t.inotify = -1;
}

/* ---- checks ---- */

/* Evaluates the checks of c[0..n) whose probing is probe: 1 all hold,
 * 0 one does not (why says which and why). */
static int eval_some(const struct check *c, size_t n, bool probe,
		     char *why, size_t size)
{
	for (size_t i = 0; i < n; i++) {
		if (check_probes(&c[i]) != probe)
			continue;
		why[0] = '\0';
		if (check_eval(&c[i], why, size) != 1) {
			if (!why[0])
				snprintf(why, size, "%s", c[i].text);
			return 0;
		}
	}
	return 1;
}

static bool has_probe(const struct check *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (check_probes(&c[i]))
			return true;
	return false;
}

/* Does step s hold?  Checks (and moments when moments) without probes
 * first; probes only when probes.  EVAL_HOLDS, or why says what does
 * not hold. */
enum eval { EVAL_HOLDS, EVAL_FAILS, EVAL_PROBE_FAILS, EVAL_UNASKED };

static enum eval eval_step(const struct lesson_step *s, bool probes,
			   bool moments, char *why, size_t size)
{
	size_t nm = moments ? s->n_moments : 0;

	if (!eval_some(s->checks, s->n_checks, false, why, size) ||
	    !eval_some(s->moments, nm, false, why, size))
		return EVAL_FAILS;
	if (!has_probe(s->checks, s->n_checks) && !has_probe(s->moments, nm))
		return EVAL_HOLDS;
	if (!probes)
		return EVAL_UNASKED;
	if (!eval_some(s->checks, s->n_checks, true, why, size) ||
	    !eval_some(s->moments, nm, true, why, size))
		return EVAL_PROBE_FAILS;
	return EVAL_HOLDS;
}

/* ---- what the learner sees ---- */

/* "[3/7] ■■□□□□□□□□ Title": the bar shows where the learner is (the
 * steps before this one), after "back" too. */
static void show_head(void)
{
	size_t n = t.l->n_steps, fill = t.cur * BAR_WIDTH / n;

	printf("\n[%zu/%zu] ", t.cur + 1, n);
	for (size_t i = 0; i < BAR_WIDTH; i++)
		fputs(i < fill ? "■" : "□", stdout);
	printf(" %s\n", ltext_get(&current()->title));
}

static void show_step(void)
{
	const struct lesson_step *s = current();
	const char *text = ltext_get(&s->text);

	show_head();
	if (text && *text)
		printf("%s\n", text);
	if (t.state[t.cur] == STEP_DONE)
		out_note(_("You did this step already: \"next\" goes on."));
	else
		out_note(_("\"show\" reveals the command, \"hint\" helps when "
			   "you are stuck."));
}

static void finish(void)
{
	t.finished = true;
	t.cur = t.l->n_steps - 1;
	progress_write(false);
	printf("\n%s\n", _("Well done: you reached the end of the lesson."));
	out_printf(_("\"%s\" checks everything again; later, from a shell: "
		     "nstutor --check %s\n"),
		   "check", t.l->name);
}

/* To the step after the current one that is not done yet. */
static void advance(void)
{
	size_t i = t.cur + 1;

	while (i < t.l->n_steps && t.state[i] == STEP_DONE)
		i++;
	if (i >= t.l->n_steps) {
		finish();
		return;
	}
	t.cur = i;
	progress_write(false);
	show_step();
}

static void step_done(void)
{
	t.state[t.cur] = STEP_DONE;
	printf("✓ ");
	printf(_("done: %s\n"), ltext_get(&current()->title));
	advance();
}

/* Waits up to ms for a link, address or route to change (a veth's
 * carrier comes a moment after "up"); whether one did. */
static bool wait_change(int ms)
{
	struct pollfd p[WATCH_FDS_MAX];
	size_t n = watch_fill(NULL, p, WATCH_FDS_MAX);

	t.changed = false;
	while (!t.changed && n && poll(p, n, ms) > 0) {
		sources_drain();
		ms /= 2; /* a few more, each sooner */
	}
	return t.changed;
}

/* The current step may have been done: looks, and goes on if so.
 * settle: a probe that failed right after the kernel changed is asked
 * once more when the kernel changes again within a moment. */
static void evaluate(bool probes, bool settle)
{
	char why[WHY_MAX];
	enum eval e;

	t.touched = false;
	if (!t.l || t.finished || t.state[t.cur] == STEP_DONE)
		return;
	settle = settle && probes && t.changed;
	e = eval_step(current(), probes, true, why, sizeof(why));
	if (e == EVAL_PROBE_FAILS && settle && wait_change(SETTLE_MS))
		e = eval_step(current(), true, true, why, sizeof(why));
	if (e == EVAL_HOLDS)
		step_done();
	if (probes)
		sources_drain(); /* what the probes stirred up */
	t.touched = false;
	t.changed = false;
}

void tutor_after_command(void)
{
	if (!t.l || t.busy)
		return;
	sources_drain();
	if (t.hush) { /* a tutor command: it changed nothing */
		t.hush = false;
		t.touched = t.changed = false;
		return;
	}
	evaluate(true, true);
	fflush(stdout);
}

/* ---- the lesson ---- */

static void lesson_drop(void)
{
	lesson_free(t.l);
	t.l = NULL;
	free(t.state);
	t.state = NULL;
	t.finished = false;
	t.cur = 0;
}

/* Lessons' commands are written for the host namespace: a learner
 * who "enter"ed one is taken out while they run (host_begin), and put
 * back after (host_end), unless it is gone. */
static char *host_begin(void)
{
	const char *ns = session_netns();
	char *saved = ns ? strdup(ns) : NULL;

	if (ns && saved)
		session_enter(NULL);
	return saved;
}

static void host_end(char *saved)
{
	if (saved && netns_exists(saved))
		session_enter(saved);
	free(saved);
}

/* Runs a command with its output kept aside; on failure the output is
 * shown.  CMD_OK or CMD_ERROR. */
static int run_quietly(const char *line)
{
	FILE *tmp;
	int saved_out, saved_err, status;
	bool quit;
	char buf[4096];
	size_t n;

	fflush(stdout);
	fflush(stderr);
	tmp = tmpfile();
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	if (!tmp || saved_out < 0 || saved_err < 0) {
		if (tmp)
			fclose(tmp);
		if (saved_out >= 0)
			close(saved_out);
		if (saved_err >= 0)
			close(saved_err);
		return session_run_line(line, &quit);
	}
	dup2(fileno(tmp), STDOUT_FILENO);
	dup2(fileno(tmp), STDERR_FILENO);
	status = session_run_line(line, &quit);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	if (status != CMD_OK) {
		rewind(tmp);
		while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
			fwrite(buf, 1, n, stderr);
	}
	fclose(tmp);
	return status;
}

/* The lesson's setup, quietly; the first failing line stops it and
 * is told, with its output. */
static int run_setup(void)
{
	int status = CMD_OK;
	char *saved = host_begin();

	t.busy = true;
	for (size_t i = 0; i < t.l->n_setup; i++) {
		if (run_quietly(t.l->setup[i]) == CMD_OK)
			continue;
		out_error(_("nstutor: the setup of lesson %s failed at line "
			    "%zu: %s"),
			  t.l->name, i + 1, t.l->setup[i]);
		out_hint(_("Something in this world is in its way: \"reset\" "
			   "removes what nstutor made, then try \"lesson %s\" "
			   "again."),
			 t.l->name);
		status = CMD_ERROR;
		break;
	}
	t.busy = false;
	host_end(saved);
	return status;
}

static void show_about(void)
{
	const char *about = ltext_get(&t.l->about);

	printf("%s\n", ltext_get(&t.l->title));
	if (about && *about)
		printf("%s\n", about);
}

int tutor_start(const char *name)
{
	struct lesson *l;
	enum step_state *state;
	char *error = NULL;
	char saved_world[64], world[64];
	bool resumed, finished;
	size_t cur;
	int err;

	t.hush = true;
	if (!name) {
		if (!t.l) {
			out_error(_("nstutor: no lesson is under way"));
			out_hint(_("\"lessons\" lists them; \"lesson NAME\" "
				   "starts one."));
			return CMD_ERROR;
		}
		if (t.finished)
			finish();
		else
			show_step();
		return CMD_OK;
	}
	if ((err = lesson_find(name, &l, &error)) < 0) {
		out_error("nstutor: %s", error ? error : out_strerror(-err));
		if (err == -ENOENT)
			out_hint(_("\"lessons\" lists the lessons there are."));
		free(error);
		return CMD_ERROR;
	}
	free(error);
	lesson_warn(l);
	if (l->n_steps == 0 || !(state = calloc(l->n_steps, sizeof(*state)))) {
		out_error(_("nstutor: lesson %s has no steps"), name);
		lesson_free(l);
		return CMD_ERROR;
	}
	resumed = progress_read(l, state, &cur, &finished, saved_world,
				sizeof(saved_world));
	if (finished) { /* once more, from the start */
		memset(state, 0, l->n_steps * sizeof(*state));
		cur = 0;
		resumed = false;
	}
	if (t.l)
		progress_write(false);
	lesson_drop();
	t.l = l;
	t.state = state;
	t.cur = cur;
	show_about();
	world_identity(world, sizeof(world));
	/* resumed in the world it was set up in: the setup is there */
	if (!(resumed && streq(world, saved_world)) &&
	    run_setup() != CMD_OK) {
		lesson_drop();
		return CMD_ERROR;
	}
	snprintf(t.world, sizeof(t.world), "%s", world);
	changes_hush(); /* what the quiet setup stirred up */
	capture_for_lesson(true);
	watch_start();
	sources_drain();
	t.touched = t.changed = false;
	progress_write(false);
	if (resumed)
		out_note(_("Going on where you left off."));
	show_step();
	return CMD_OK;
}

void tutor_after_reset(void)
{
	if (!t.l)
		return;
	memset(t.state, 0, t.l->n_steps * sizeof(*t.state));
	t.cur = 0;
	t.finished = false;
	progress_write(true);
	out_note(_("Lesson %s starts again from its first step."), t.l->name);
	world_identity(t.world, sizeof(t.world));
	if (run_setup() != CMD_OK)
		return;
	progress_write(false);
	show_step();
	t.hush = true;
}

void tutor_end(void)
{
	if (t.l)
		progress_write(false);
	watch_stop();
	lesson_drop();
}

/* ---- the commands ---- */

static bool need_lesson(void)
{
	t.hush = true;
	if (t.l)
		return true;
	out_error(_("nstutor: no lesson is under way"));
	out_hint(_("\"lessons\" lists them; \"lesson NAME\" starts one."));
	return false;
}

int tutor_list(void)
{
	char **names = NULL;
	size_t n = 0;
	int err;

	t.hush = true;
	if ((err = lesson_names(&names, &n)) < 0) {
		out_error(_("nstutor: cannot list the lessons: %s"),
			  out_strerror(-err));
		return CMD_ERROR;
	}
	if (n == 0)
		puts(_("There are no lessons (see --lessons DIR)."));
	for (size_t i = 0; i < n; i++) {
		struct lesson *l = NULL;
		char *error = NULL, where[64];
		enum step_state *state;
		size_t cur;
		bool finished;

		if (lesson_find(names[i], &l, &error) < 0) {
			printf("  %-14s %s\n", names[i], error ? error : "?");
			free(error);
			continue;
		}
		free(error);
		state = calloc(l->n_steps ? l->n_steps : 1, sizeof(*state));
		if (!state) {
			lesson_free(l);
			continue;
		}
		if (t.l && streq(t.l->name, l->name)) {
			cur = t.cur;
			finished = t.finished;
			snprintf(where, sizeof(where), "[%zu/%zu]", cur + 1,
				 l->n_steps);
		} else if (!progress_read(l, state, &cur, &finished, NULL,
					  0)) {
			snprintf(where, sizeof(where), "%s", _("not started"));
		} else {
			snprintf(where, sizeof(where), "[%zu/%zu]", cur + 1,
				 l->n_steps);
		}
		if (finished)
			snprintf(where, sizeof(where), "%s", _("done"));
		printf("  %-14s %-12s %s\n", l->name, where,
		       ltext_get(&l->title));
		free(state);
		lesson_free(l);
	}
	lesson_names_free(names, n);
	if (n)
		out_note(_("\"lesson NAME\" starts one, or goes on where you "
			   "left it."));
	return CMD_OK;
}

/* The first hint whose when: holds; else the first failing check and
 * the fallback. */
int tutor_hint(void)
{
	const struct lesson_step *s;
	const struct lesson_hint *h;
	char why[WHY_MAX];
	bool matched;

	if (!need_lesson())
		return CMD_ERROR;
	s = current();
	h = lesson_hint_now(s, &matched);
	if (matched) {
		printf("%s %s\n", _("Hint:"), ltext_get(&h->text));
		return CMD_OK;
	}
	if (eval_step(s, true, false, why, sizeof(why)) == EVAL_HOLDS) {
		puts(_("This step's checks hold already: \"next\" goes on."));
		return CMD_OK;
	}
	printf(_("Not yet: %s\n"), why);
	if (h)
		printf("%s %s\n", _("Hint:"), ltext_get(&h->text));
	else
		out_note(_("\"show\" reveals the command."));
	return CMD_OK;
}

/* How long a step's command line is without what a tutorial may leave
 * at its end: blanks and empty commands (a stray " ;"). */
static int command_len(const char *line)
{
	size_t n = strlen(line), slashes;

	while (n > 0) {
		if (isspace((unsigned char)line[n - 1])) {
			n--;
			continue;
		}
		if (line[n - 1] != ';')
			break;
		for (slashes = 0; slashes + 1 < n && line[n - 2 - slashes] == '\\';
		     slashes++)
			;
		if (slashes % 2) /* "\;" is a word */
			break;
		n--;
	}
	return (int)n;
}

int tutor_show(void)
{
	const struct lesson_step *s;

	if (!need_lesson())
		return CMD_ERROR;
	s = current();
	if (s->n_try == 0) {
		puts(_("This step has no command to show: read its text "
		       "again (\"lesson\")."));
		return CMD_OK;
	}
	puts(_("Try:"));
	for (size_t i = 0; i < s->n_try; i++)
		printf("  %.*s\n", command_len(s->try[i]), s->try[i]);
	return CMD_OK;
}

int tutor_run(void)
{
	const struct lesson_step *s;
	int status = CMD_OK;
	char *saved;
	bool quit;

	if (!need_lesson())
		return CMD_ERROR;
	s = current();
	if (s->n_try == 0) {
		puts(_("This step has no command to run."));
		return CMD_OK;
	}
	saved = host_begin();
	t.busy = true;
	for (size_t i = 0; i < s->n_try && status == CMD_OK; i++) {
		printf("nstutor> %.*s\n", command_len(s->try[i]), s->try[i]);
		fflush(stdout);
		status = session_run_line(s->try[i], &quit);
	}
	t.busy = false;
	host_end(saved);
	t.hush = false;
	if (status != CMD_OK)
		out_hint(_("That command failed here; \"hint\" may say why."));
	/* tutor_after_command, right after this, looks at the step */
	return status;
}

int tutor_skip(void)
{
	if (!need_lesson())
		return CMD_ERROR;
	if (t.finished) {
		puts(_("The lesson is finished; there is nothing to skip."));
		return CMD_OK;
	}
	if (t.state[t.cur] != STEP_DONE)
		t.state[t.cur] = STEP_SKIPPED;
	printf(_("Skipped: %s\n"), ltext_get(&current()->title));
	advance();
	return CMD_OK;
}

int tutor_next(void)
{
	char why[WHY_MAX];

	if (!need_lesson())
		return CMD_ERROR;
	if (t.finished) {
		puts(_("The lesson is finished; there is no next step."));
		return CMD_OK;
	}
	if (t.state[t.cur] == STEP_DONE) {
		advance();
		return CMD_OK;
	}
	if (eval_step(current(), true, true, why, sizeof(why)) == EVAL_HOLDS) {
		step_done();
		return CMD_OK;
	}
	printf(_("This step is not done yet: %s\n"), why);
	out_hint(_("\"hint\" helps; \"skip\" goes on anyway."));
	return CMD_ERROR;
}

int tutor_back(void)
{
	if (!need_lesson())
		return CMD_ERROR;
	if (t.finished) {
		t.finished = false;
	} else if (t.cur == 0) {
		puts(_("This is the first step."));
		return CMD_OK;
	} else {
		t.cur--;
	}
	progress_write(false);
	show_step();
	return CMD_OK;
}

/* The current step and every one before it: ✓ or ✗ with why. */
int tutor_check(void)
{
	char why[WHY_MAX];
	size_t last, failed = 0;

	if (!need_lesson())
		return CMD_ERROR;
	last = t.finished ? t.l->n_steps - 1 : t.cur;
	for (size_t i = 0; i <= last; i++) {
		const struct lesson_step *s = &t.l->steps[i];

		if (eval_step(s, true, false, why, sizeof(why)) == EVAL_HOLDS) {
			printf("✓ [%zu/%zu] %s\n", i + 1, t.l->n_steps,
			       ltext_get(&s->title));
			continue;
		}
		failed++;
		printf("✗ [%zu/%zu] %s: %s\n", i + 1, t.l->n_steps,
		       ltext_get(&s->title), why);
	}
	if (failed)
		out_note(_("\"hint\" helps with the current step."));
	return CMD_OK;
}

size_t tutor_focus(struct topo_focus *f, size_t max)
{
	const struct lesson_step *s;
	size_t n = 0;

	if (!t.l || t.cur >= t.l->n_steps)
		return 0;
	s = current();
	for (size_t i = 0; i < s->n_checks && n < max; i++) {
		const struct check *c = &s->checks[i];
		char why[sizeof(f->why)] = "";

		if (check_probes(c) || check_eval(c, why, sizeof(why)) == 1)
			continue;
		check_focus(c, &f[n]);
		snprintf(f[n].why, sizeof(f[n].why), "%s", why);
		n++;
	}
	return n;
}
