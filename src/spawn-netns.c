/* spawn-netns.c: running an external program inside a namespace, the way
 * iproute2's "ip netns exec" sets up its child. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>

#include "netns.h"
#include "spawn-netns.h"

#define NETNS_ETC_DIR "/etc/netns"

struct spawn_failure {
	int step;
	int err;
};

/* Binds /etc/netns/NAME/FILE over /etc/FILE, as "ip netns exec" does
 * (resolv.conf of the namespace's own).  Failures are not fatal. */
static void bind_etc(const char *name)
{
	char dir_path[PATH_MAX], from[PATH_MAX + NAME_MAX + 2];
	char to[NAME_MAX + 8];
	struct dirent *de;
	DIR *dir;

	if (snprintf(dir_path, sizeof(dir_path), "%s/%s", NETNS_ETC_DIR,
		     name) >= (int)sizeof(dir_path))
		return;
	dir = opendir(dir_path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		snprintf(from, sizeof(from), "%s/%s", dir_path, de->d_name);
		snprintf(to, sizeof(to), "/etc/%s", de->d_name);
		mount(from, to, "none", MS_BIND, NULL);
	}
	closedir(dir);
}

/* A mount namespace of the child's own, with a /sys that shows the
 * network namespace it has joined.  Returns the failed step, or -1. */
static int child_mounts(const char *name)
{
	unsigned long flags = 0;
	struct statvfs st;

	if (unshare(CLONE_NEWNS) < 0)
		return SPAWN_UNSHARE;
	/* mounts made here must not propagate back to nstutor's world */
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return SPAWN_MOUNT;
	if (umount2("/sys", MNT_DETACH) < 0 && statvfs("/sys", &st) == 0 &&
	    (st.f_flag & ST_RDONLY))
		flags = MS_RDONLY; /* a read-only /sys cannot be shadowed rw */
	if (mount(name, "/sys", "sysfs", flags, NULL) < 0)
		return SPAWN_SYSFS;
	bind_etc(name);
	return -1;
}

static _Noreturn void child_fail(int pipe_fd, int step)
{
	struct spawn_failure f = {.step = step, .err = errno};

	/* nothing more can be done when even this fails */
	if (write(pipe_fd, &f, sizeof(f)) != (ssize_t)sizeof(f))
		_exit(126);
	_exit(127);
}

static _Noreturn void child_run(const char *ns, int ns_fd, char **argv,
				int pipe_fd)
{
	int step;

	if (setns(ns_fd, CLONE_NEWNET) < 0)
		child_fail(pipe_fd, SPAWN_SETNS);
	if (ns && (step = child_mounts(ns)) >= 0)
		child_fail(pipe_fd, step);
	/* what nstutor ignores or catches, the program must not inherit */
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	execvp(argv[0], argv);
	child_fail(pipe_fd, SPAWN_EXEC);
}

/* Reads the child's report of a failed set-up: true when there was one. */
static bool read_failure(int fd, struct spawn_result *res)
{
	struct spawn_failure f;
	ssize_t n;

	do
		n = read(fd, &f, sizeof(f));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(f))
		return false;
	res->step = f.step;
	res->err = -f.err;
	return true;
}

static int wait_child(pid_t pid, struct spawn_result *res)
{
	int st;

	/* Ctrl-C interrupts waitpid (no SA_RESTART) and ends the child,
	 * which shares nstutor's process group: wait on for it. */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(st)) {
		res->status = WEXITSTATUS(st);
	} else if (WIFSIGNALED(st)) {
		res->signal = WTERMSIG(st);
		res->status = 128 + res->signal;
	}
	return 0;
}

int spawn_in_netns(const char *ns, char **argv, struct spawn_result *res)
{
	_cleanup_close_ int ns_fd = -1;
	int pipe_fd[2], err;
	bool failed;
	pid_t pid;

	*res = (struct spawn_result){.status = -1};
	ns_fd = netns_open(ns);
	if (ns_fd < 0) {
		res->step = SPAWN_SETNS;
		return res->err = ns_fd;
	}
	if (pipe2(pipe_fd, O_CLOEXEC) < 0)
		return res->err = -errno;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(pipe_fd[0]);
		close(pipe_fd[1]);
		return res->err = err;
	}
	if (pid == 0) {
		close(pipe_fd[0]);
		child_run(ns, ns_fd, argv, pipe_fd[1]);
	}
	close(pipe_fd[1]);
	failed = read_failure(pipe_fd[0], res);
	close(pipe_fd[0]);
	err = wait_child(pid, res);
	if (failed)
		return res->err;
	return err;
}
