/* cmd-ip-netns.c: "ip netns": named namespaces and running commands in
 * them, with iproute2's output and error messages. */
#include "system.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "cmd-ip.h"
#include "netlink.h"
#include "netns.h"
#include "nf.h"
#include "out.h"
#include "prog-hint.h"
#include "session.h"
#include "sockets.h"
#include "spawn-netns.h"
#include "world.h"

/* iproute2's own rule (ipnetns.c invalid_name), checked on the word
 * after the verb, whatever the verb. */
static bool name_ok(const char *name)
{
	if (*name && strlen(name) <= NAME_MAX && !strchr(name, '/') &&
	    !streq(name, ".") && !streq(name, ".."))
		return true;
	out_error("Invalid netns name \"%s\"", name);
	out_hint(_("A namespace name is a single word: not empty, not \".\" "
		   "or \"..\", without '/', at most 255 bytes."));
	return false;
}

static bool have_name(int argc, char **argv, const char *verb)
{
	if (argc >= 1)
		return name_ok(argv[0]);
	out_error("No netns name specified");
	/* TRANSLATORS: %s is a verb of ip netns: add, delete, exec... */
	out_hint(_("Say which namespace: ip netns %s NAME."), verb);
	return false;
}

static int netns_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct netns_names names;
	int err, id;

	if (argc >= 1 && !name_ok(argv[0]))
		return CMD_ERROR;
	err = netns_list(&names);
	if (err < 0) {
		out_error("Failed to open directory %s: %s", world_netns_dir(),
			  out_strerror(err));
		out_hint(_("The named namespaces live in %s; nstutor could "
			   "not read it."),
			 world_netns_dir());
		return CMD_ERROR;
	}
	for (size_t i = 0; i < names.n; i++) {
		/* the id the namespace we act in has given it */
		id = netlink_nsid(ctx->netns, names.names[i]);
		if (id >= 0)
			printf("%s (id: %d)\n", names.names[i], id);
		else
			printf("%s\n", names.names[i]);
	}
	netns_names_free(&names);
	return CMD_OK;
}

static int netns_add_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	char path[PATH_MAX];
	int err;

	if (!have_name(argc, argv, "add"))
		return CMD_ERROR;
	netns_path(argv[0], path, sizeof(path));
	err = netns_add(argv[0]);
	if (err == -EEXIST) {
		out_error("Cannot create namespace file \"%s\": %s", path,
			  out_strerror(err));
		out_hint(_("%s is there already; \"ip netns list\" shows every "
			   "namespace."), argv[0]);
		return CMD_ERROR;
	}
	if (err < 0) {
		out_error("Failed to create a new network namespace \"%s\": %s",
			  argv[0], out_strerror(err));
		out_hint(_("Making a namespace needs root (CAP_SYS_ADMIN) "
			   "and a writable %s."),
			 world_netns_dir());
		return CMD_ERROR;
	}
	sockets_forget(argv[0]); /* sockets kept for an older namesake */
	return CMD_OK;
}

static int netns_del_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *entered = session_netns();
	char path[PATH_MAX];
	int err;

	if (!have_name(argc, argv, "delete"))
		return CMD_ERROR;
	netns_path(argv[0], path, sizeof(path));
	err = netns_del(argv[0]);
	if (err < 0) {
		out_error("Cannot remove namespace file \"%s\": %s", path,
			  out_strerror(err));
		if (err == -ENOENT)
			cmd_hint_no_netns(argv[0]);
		else
			out_hint(_("Removing a namespace needs root "
				   "(CAP_SYS_ADMIN)."));
		return CMD_ERROR;
	}
	sockets_forget(argv[0]);
	if (entered && streq(entered, argv[0])) {
		session_enter(NULL);
		out_note(_("%s is gone, so you are back in the host "
			   "namespace."),
			 argv[0]);
	}
	return CMD_OK;
}

static bool is_pid(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Device and inode of /proc/PID/ns/net, iproute2's errors if none. */
static int pid_netns(const char *pid, dev_t *dev, ino_t *ino)
{
	char path[PATH_MAX];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/ns/net", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		out_error("Cannot open network namespace: %s",
			  out_strerror(err));
		out_hint(_("There is no process %s; give the id of a running "
			   "one."), pid);
		return -err;
	}
	close(fd);
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

/* The last name (directory order) bound to that namespace, or "". */
static void print_name_of(dev_t dev, ino_t ino)
{
	struct netns_names names;
	const char *found = "";
	dev_t d;
	ino_t i;

	if (netns_list(&names) < 0)
		names = (struct netns_names){0};
	for (size_t k = 0; k < names.n; k++)
		if (netns_identity(names.names[k], &d, &i) == 0 && d == dev &&
		    i == ino)
			found = names.names[k];
	printf("%s\n", found);
	netns_names_free(&names);
}

static int netns_identify_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	dev_t dev;
	ino_t ino;

	if (argc >= 1 && !name_ok(argv[0]))
		return CMD_ERROR;
	if (argc > 1) {
		out_error("extra arguments specified");
		out_hint(_("ip netns identify takes one process id, or none "
			   "for the namespace you are in."));
		return CMD_ERROR;
	}
	if (argc == 1 && !is_pid(argv[0])) {
		out_error("Specified string '%s' is not a pid", argv[0]);
		out_hint(_("Give a process id (a number), or nothing for the "
			   "namespace you are in."));
		return CMD_ERROR;
	}
	if (argc == 1) {
		if (pid_netns(argv[0], &dev, &ino) < 0)
			return CMD_ERROR;
	} else if (netns_identity(ctx->netns, &dev, &ino) < 0) {
		/* nstutor's "self" is the namespace the command acts in */
		out_error("Cannot open network namespace: %s",
			  out_strerror(ENOENT));
		out_hint(_("The namespace you are in is gone; \"leave\" "
			   "takes you back to the host."));
		return CMD_ERROR;
	}
	print_name_of(dev, ino);
	return CMD_OK;
}

static void print_pids_in(dev_t dev, ino_t ino)
{
	char path[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *dir = opendir("/proc");

	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    !is_pid(de->d_name))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", de->d_name);
		if (stat(path, &st) == 0 && st.st_dev == dev &&
		    st.st_ino == ino)
			printf("%s\n", de->d_name);
	}
	closedir(dir);
}

static int netns_pids_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	dev_t dev;
	ino_t ino;
	int err;

	if (!have_name(argc, argv, "pids"))
		return CMD_ERROR;
	if (argc > 1) {
		out_error("extra arguments specified");
		out_hint(_("ip netns pids takes one namespace name."));
		return CMD_ERROR;
	}
	err = netns_identity(argv[0], &dev, &ino);
	if (err < 0) {
		out_error("Cannot open network namespace: %s",
			  out_strerror(err));
		cmd_hint_no_netns(argv[0]);
		return CMD_ERROR;
	}
	print_pids_in(dev, ino);
	return CMD_OK;
}

static void report_spawn_failure(const char *ns, char **argv,
				 const struct spawn_result *res)
{
	const char *why = out_strerror(res->err), *prog = argv[0];
	int argc = 0;

	while (argv[argc])
		argc++;
	switch (res->step) {
	case SPAWN_EXEC:
		out_error("exec of \"%s\" failed: %s", prog, why);
		if (res->err == -ENOENT && prog_hint(ns, argc, argv))
			return; /* nginx, apt: what the lab has instead */
		if (res->err == -ENOENT)
			out_hint(_("There is no program \"%s\" on this "
				   "machine; nstutor itself speaks ip, bridge, "
				   "sysctl and ping."),
				 prog);
		else
			out_hint(_("\"%s\" could not be started; is it a "
				   "program you may run?"), prog);
		return;
	case SPAWN_SETNS:
		out_error("setting the network namespace \"%s\" failed: %s", ns,
			  why);
		break;
	case SPAWN_UNSHARE:
		out_error("unshare failed: %s", why);
		break;
	case SPAWN_MOUNT:
		out_error("\"mount --make-rslave /\" failed: %s", why);
		break;
	case SPAWN_SYSFS:
		out_error("mount of /sys failed: %s", why);
		break;
	}
	out_hint(_("Running a program inside a namespace needs root "
		   "(CAP_SYS_ADMIN)."));
}

int cmd_program_run(const char *ns, char **argv, int *status)
{
	struct spawn_result res;

	*status = 127;
	if (spawn_in_netns(ns, argv, &res) < 0) {
		report_spawn_failure(ns, argv, &res);
		return CMD_ERROR;
	}
	*status = res.status;
	if (res.status == 0)
		return CMD_OK;
	if (res.signal == SIGINT) {
		cmd_interrupt_end_line();
		return CMD_ERROR;
	}
	if (res.signal)
		out_note(_("%s was ended by a signal (%s)."), argv[0],
			 strsignal(res.signal));
	else
		out_note(_("%s exited with status %d."), argv[0], res.status);
	return CMD_ERROR;
}

static int exec_external(const char *ns, char **argv)
{
	int status;

	return cmd_program_run(ns, argv, &status);
}

static int netns_exec_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_ctx inner = {0};
	int status;

	if (!have_name(argc, argv, "exec"))
		return CMD_ERROR;
	if (argc < 2) {
		out_error("No command specified");
		out_hint(_("Say what to run in it, e.g. ip netns exec %s ip "
			   "link."), argv[0]);
		return CMD_ERROR;
	}
	if (!netns_exists(argv[0])) {
		out_error("Cannot open network namespace \"%s\": %s", argv[0],
			  out_strerror(ENOENT));
		cmd_hint_no_netns(argv[0]);
		return CMD_ERROR;
	}
	if (!cmd_is_native(argv[1]))
		return exec_external(argv[0], argv + 1);
	/* ip, bridge, sysctl, ping: nstutor's own, acting in the namespace,
	 * with fresh options as a new ip process would have */
	inner.netns = argv[0];
	inner.family = AF_UNSPEC;
	status = cmd_run(&inner, argc - 1, argv + 1);
	ctx->exit_status = inner.exit_status; /* curl's 7, iptables' 2 */
	return status;
}

static int refuse(const char *verb)
{
	out_error(_("nstutor does not do \"ip netns %s\"."), verb);
	out_hint(_("Run the real ip for it in a shell of your own (ip netns "
		   "help lists its commands)."));
	return CMD_ERROR;
}

static int netns_list_id_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return refuse("list-id");
}

static int netns_set_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return refuse("set");
}

static int netns_monitor_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return refuse("monitor");
}

static int netns_attach_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return refuse("attach");
}

static int netns_help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	cmd_table_help(&cmd_ip_netns_table);
	return CMD_OK;
}

#define ANY_ARGS .min_args = 0, .max_args = -1
#define REFUSED(n, f) {.name = n, ANY_ARGS, .exec = f}

/* iproute2's order of verbs, so that abbreviations mean the same. */
static const struct cmd_entry entries[] = {
	{.name = "list", .alias = "show", ANY_ARGS, .exec = netns_list_exec,
	 .usage = N_("ip netns list"),
	 .summary = N_("the named namespaces (and their ids)")},
	{.name = "lst", ANY_ARGS, .exec = netns_list_exec},
	REFUSED("list-id", netns_list_id_exec),
	{.name = "help", ANY_ARGS, .exec = netns_help_exec},
	{.name = "add", ANY_ARGS, .exec = netns_add_exec,
	 .usage = N_("ip netns add NAME"),
	 .summary = N_("make a new network namespace")},
	REFUSED("set", netns_set_exec),
	{.name = "delete", ANY_ARGS, .exec = netns_del_exec,
	 .usage = N_("ip netns delete NAME"),
	 .summary = N_("remove a namespace (and the links in it)")},
	{.name = "identify", ANY_ARGS, .exec = netns_identify_exec,
	 .usage = N_("ip netns identify [PID]"),
	 .summary = N_("which namespace a process is in")},
	{.name = "pids", ANY_ARGS, .exec = netns_pids_exec,
	 .usage = N_("ip netns pids NAME"),
	 .summary = N_("the processes inside a namespace")},
	{.name = "exec", ANY_ARGS, .exec = netns_exec_exec,
	 .usage = N_("ip netns exec NAME COMMAND [ARGS]..."),
	 .summary = N_("run a command inside a namespace")},
	REFUSED("monitor", netns_monitor_exec),
	REFUSED("attach", netns_attach_exec),
	{NULL},
};

const struct cmd_table cmd_ip_netns_table = {
	.path = "ip netns",
	.unknown = N_("Command \"%s\" is unknown, try \"ip netns help\"."),
	.default_name = "list",
	.entries = entries,
};
