/* cmd-world.c: "world status|stop" and "shell [NS] [-- CMD...]". */
#include "system.h"

#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <time.h>

#include "cmd.h"
#include "netns.h"
#include "out.h"
#include "sandbox.h"
#include "serve.h"
#include "show-link.h"
#include "utf8.h"
#include "world.h"

/* The labels of "world status"; their values line up in one column. */
enum world_field { F_WORLD, F_KEEPER, F_MADE, F_STATE, F_NAMESPACES };

static const char *const field_labels[] = {
	/* TRANSLATORS: the labels of "world status".  nstutor lines up
	 * the values after them, whatever their width. */
	[F_WORLD] = N_("World:"),
	[F_KEEPER] = N_("Keeper:"),
	[F_MADE] = N_("Made:"),
	[F_STATE] = N_("State:"),
	[F_NAMESPACES] = N_("Namespaces:"),
};

static void print_field(enum world_field f, const char *fmt, ...)
	PRINTF_LIKE(2, 3);

/* "Label:", spaces to the values' column, the value and a newline. */
static void print_field(enum world_field f, const char *fmt, ...)
{
	const char *label = _(field_labels[f]);
	int column = 0;
	va_list ap;

	for (size_t i = 0; i < ARRAY_SIZE(field_labels); i++) {
		int w = utf8_width(_(field_labels[i]));

		if (w > column)
			column = w;
	}
	printf("%s%*s", label, column + 1 - utf8_width(label), "");
	va_start(ap, fmt);
	out_vfprintf(stdout, fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void print_since(time_t since)
{
	char when[64];
	struct tm tm;

	if (since && localtime_r(&since, &tm) &&
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm))
		print_field(F_MADE, "%s", when);
}

static void print_world_kind(void)
{
	const struct sandbox_info *s = sandbox_info();

	if (world_kind() == WORLD_HOST) {
		print_field(F_WORLD, "%s",
			    _("host (this machine's real network)"));
		return;
	}
	print_field(F_WORLD, "%s",
		    _("sandbox (private: this machine's own network is not "
		      "touched)"));
	print_field(F_KEEPER, "pid %ld%s", (long)s->keeper,
		    s->user_ns ? _(", in a user namespace of its own") : "");
	print_since(s->since);
}

/* "host" then each named namespace, with "ip -br addr" of each. */
static int print_namespaces(void)
{
	struct cmd_ctx ctx = {.brief = true};
	struct netns_names names;
	char *none[] = {NULL};
	int err, status = CMD_OK;

	err = netns_list(&names);
	if (err < 0 && err != -ENOENT) {
		out_error(_("nstutor: cannot list the namespaces: %s"),
			  out_strerror(err));
		return CMD_ERROR;
	}
	if (err < 0)
		names = (struct netns_names){0};
	print_field(F_NAMESPACES, "%zu", names.n);
	printf("\nhost\n");
	status |= show_links_cmd(&ctx, false, 0, none);
	for (size_t i = 0; i < names.n; i++) {
		printf("\n%s\n", names.names[i]);
		ctx.netns = names.names[i];
		status |= show_links_cmd(&ctx, false, 0, none);
	}
	netns_names_free(&names);
	return status;
}

static int world_status_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	print_world_kind();
	print_field(F_STATE, "%s", world_state_path());
	return print_namespaces();
}

static int world_stop_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int err;

	if (world_kind() == WORLD_HOST) {
		out_error(_("world stop: the host world is this machine; it "
			    "cannot be stopped"));
		out_hint(_("\"reset\" removes what nstutor made in it."));
		return CMD_ERROR;
	}
	world_lock();
	serve_stop_all();
	err = sandbox_stop(world_state_fd());
	world_unlock();
	if (err < 0)
		return CMD_ERROR;
	out_note(_("The sandbox world has ended; the next nstutor makes a "
		   "new one."));
	ctx->quit = true; /* this world is gone: nothing more to do in it */
	return CMD_OK;
}

static const struct cmd_entry world_entries[] = {
	{.name = "status", .usage = "world status", .min_args = 0,
	 .max_args = 0,
	 .summary = N_("which world is in use, its namespaces and links"),
	 .exec = world_status_exec},
	{.name = "stop", .usage = "world stop", .min_args = 0, .max_args = 0,
	 .summary = N_("end the sandbox world and everything in it"),
	 .exec = world_stop_exec},
	{NULL},
};

static const struct cmd_table world_table = {
	.path = "world",
	.unknown = N_("world: unknown command \"%s\""),
	.default_name = "status",
	.exact = true,
	.entries = world_entries,
};

const struct cmd_entry cmd_world_entry = {
	.name = "world",
	.usage = N_("world status|stop"),
	.summary = N_("the world the lab lives in: show it, or end it"),
	.sub = &world_table,
};

/* For bash, an rc file that reads the learner's own and then marks the
 * prompt, since ~/.bashrc would overwrite a PS1 from the environment. */
static const char *bash_rcfile(const char *ns)
{
	static char path[PATH_MAX];
	_cleanup_fclose_ FILE *f = NULL;
	int fd;

	if (world_state_fd() < 0 ||
	    snprintf(path, sizeof(path), "%s/bashrc", world_state_path()) >=
		    (int)sizeof(path))
		return NULL;
	fd = openat(world_state_fd(), "bashrc",
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	fprintf(f, "[ -f ~/.bashrc ] && . ~/.bashrc\n"
		   "PS1=\"(nstutor:${NSTUTOR_NETNS:-$NSTUTOR_WORLD}) $PS1\"\n");
	return path;
}

static bool is_bash(const char *shell)
{
	const char *base = strrchr(shell, '/');

	return streq(base ? base + 1 : shell, "bash");
}

static void shell_banner(const char *ns)
{
	if (ns)
		out_note(_("A shell inside namespace %s of nstutor's %s world: "
			   "the real ip, ping and tcpdump act on the lab. "
			   "\"exit\" comes back."),
			 ns, world_kind() == WORLD_HOST ? "host" : "sandbox");
	else
		out_note(_("A shell inside nstutor's %s world: the real ip, "
			   "ping and tcpdump act on the lab. \"exit\" comes "
			   "back."),
			 world_kind() == WORLD_HOST ? "host" : "sandbox");
}

/* Runs argv, or an interactive shell when argv is NULL. */
static int shell_run(struct cmd_ctx *ctx, const char *ns, char **argv)
{
	const char *shell = getenv("SHELL");
	const char *rc = NULL;
	char *interactive[4] = {NULL};
	int status, result;

	if (!shell || *shell != '/')
		shell = "/bin/sh";
	if (!argv) {
		interactive[0] = (char *)shell;
		if (is_bash(shell) && (rc = bash_rcfile(ns))) {
			interactive[1] = (char *)"--rcfile";
			interactive[2] = (char *)rc;
		}
		argv = interactive;
		shell_banner(ns);
	}
	setenv("NSTUTOR_WORLD", world_kind() == WORLD_HOST ? "host" : "sandbox",
	       1);
	if (ns)
		setenv("NSTUTOR_NETNS", ns, 1);
	else
		unsetenv("NSTUTOR_NETNS");
	result = cmd_program_run(ns, argv, &status);
	unsetenv("NSTUTOR_WORLD");
	unsetenv("NSTUTOR_NETNS");
	if (result != CMD_OK)
		ctx->exit_status = status;
	return result;
}

static int shell_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *ns = ctx->netns;
	int i = 0;

	if (i < argc && !streq(argv[i], "--"))
		ns = argv[i++];
	if (i < argc && !streq(argv[i], "--")) {
		out_error(_("shell: unexpected \"%s\""), argv[i]);
		out_hint(_("Put \"--\" before a command to run: shell RED -- "
			   "ip -br link"));
		return CMD_ERROR;
	}
	if (ns && cmd_netns_missing(ns))
		return CMD_ERROR;
	if (i < argc && i + 1 == argc) {
		out_error(_("shell: no command after \"--\""));
		out_hint(_("Put \"--\" before a command to run: shell RED -- "
			   "ip -br link"));
		return CMD_ERROR;
	}
	return shell_run(ctx, ns, i < argc ? argv + i + 1 : NULL);
}

const struct cmd_entry cmd_shell_entry = {
	.name = "shell",
	.usage = N_("shell [NS] [-- COMMAND [ARG]...]"),
	.summary = N_("a shell (or COMMAND) inside the world, where the "
		      "real ip, ping and tcpdump work"),
	.min_args = 0, .max_args = -1, .exec = shell_exec,
};
