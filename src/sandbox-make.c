/* sandbox-make.c: making a sandbox world's namespaces and its keeper. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "sandbox-private.h"

static int write_file(const char *path, const char *text)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		return errno ? -errno : -EIO;
	return 0;
}

/* Root inside the new user namespace is the learner outside it. */
static int map_ids(uid_t uid, gid_t gid)
{
	char map[64];
	int err;

	if ((err = write_file("/proc/self/setgroups", "deny")) < 0)
		return err;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)uid);
	if ((err = write_file("/proc/self/uid_map", map)) < 0)
		return err;
	snprintf(map, sizeof(map), "0 %u 1", (unsigned int)gid);
	return write_file("/proc/self/gid_map", map);
}

/* Puts the entry name of the old /run (old_fd) back into the new one:
 * directories and files bound, symbolic links copied. */
static void run_keep(int old_fd, const char *name)
{
	char from[PATH_MAX], to[PATH_MAX], target[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	if (fstatat(old_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return;
	snprintf(from, sizeof(from), "/proc/self/fd/%d/%s", old_fd, name);
	snprintf(to, sizeof(to), "/run/%s", name);
	if (S_ISLNK(st.st_mode)) {
		n = readlinkat(old_fd, name, target, sizeof(target) - 1);
		if (n >= 0) {
			target[n] = '\0';
			if (symlink(target, to) < 0)
				return;
		}
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (mkdir(to, 0755) < 0)
			return;
	} else {
		fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return;
		close(fd);
	}
	mount(from, to, NULL, MS_BIND | MS_REC, NULL);
}

/* A /run of the world's own that still shows the machine's /run,
 * except for netns, which is the world's: the learner cannot make
 * /run/netns on the machine itself. */
static int run_overlay(void)
{
	_cleanup_close_ int old_fd = -1;
	char path[64];
	struct dirent *de;
	DIR *dir;

	old_fd = open("/run", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (old_fd < 0)
		return -errno;
	if (mount("nstutor", "/run", "tmpfs", MS_NOSUID | MS_NODEV,
		  "mode=0755") < 0)
		return -errno;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", old_fd);
	dir = opendir(path);
	if (!dir)
		return -errno;
	while ((de = readdir(dir)))
		if (!streq(de->d_name, ".") && !streq(de->d_name, "..") &&
		    !streq(de->d_name, "netns"))
			run_keep(old_fd, de->d_name);
	closedir(dir);
	if (mkdir("/run/netns", 0755) < 0)
		return -errno;
	return 0;
}

static int make_mounts(void)
{
	struct stat st;
	int err;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	if (stat("/run/netns", &st) == 0 && S_ISDIR(st.st_mode)) {
		if (mount("nstutor", "/run/netns", "tmpfs",
			  MS_NOSUID | MS_NODEV, "mode=0755") < 0)
			return -errno;
	} else if ((err = run_overlay()) < 0) {
		return err;
	}
	/* a /sys that shows the world's links; without it, the host's */
	mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	      NULL);
	return 0;
}

/* Native ping (an ICMP datagram socket) needs the learner's group in
 * net.ipv4.ping_group_range; inside a user namespace only the mapped
 * group 0 exists. */
static void allow_ping(bool user_ns)
{
	write_file("/proc/sys/net/ipv4/ping_group_range",
		   user_ns ? "0 0" : "0 2147483647");
}

int sandbox_unshare(bool user_ns, enum sandbox_step *step)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int flags = CLONE_NEWNET | CLONE_NEWNS;
	int err;

	*step = SANDBOX_UNSHARE;
	if (unshare(flags | (user_ns ? CLONE_NEWUSER : 0)) < 0)
		return -errno;
	*step = SANDBOX_MAP;
	if (user_ns && (err = map_ids(uid, gid)) < 0)
		return err;
	*step = SANDBOX_MOUNT;
	if ((err = make_mounts()) < 0)
		return err;
	allow_ping(user_ns);
	return 0;
}

/* The keeper's own process: no terminal, no inherited files. */
static _Noreturn void keeper_child(int pipe_fd)
{
	char *argv[] = {(char *)"nstutor-world",
			(char *)SANDBOX_KEEPER_OPTION, NULL};
	pid_t pid;
	int null;

	setsid();
	pid = fork();
	if (pid != 0) {
		/* the middle process reports the keeper's pid and goes */
		if (write(pipe_fd, &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		_exit(0);
	}
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	if (chdir("/") < 0)
		_exit(1);
	for (int fd = STDERR_FILENO + 1; fd < 1024; fd++)
		close(fd);
	execv("/proc/self/exe", argv);
	sandbox_keeper_main(); /* no exe to run: keep the world as we are */
}

pid_t sandbox_start_keeper(void)
{
	pid_t middle, keeper = -1;
	int pipe_fd[2], st;

	if (pipe2(pipe_fd, O_CLOEXEC) < 0)
		return -errno;
	fflush(NULL);
	middle = fork();
	if (middle < 0) {
		close(pipe_fd[0]);
		close(pipe_fd[1]);
		return -errno;
	}
	if (middle == 0) {
		close(pipe_fd[0]);
		keeper_child(pipe_fd[1]);
	}
	close(pipe_fd[1]);
	if (read(pipe_fd[0], &keeper, sizeof(keeper)) != sizeof(keeper))
		keeper = -ECHILD;
	close(pipe_fd[0]);
	while (waitpid(middle, &st, 0) < 0 && errno == EINTR)
		;
	return keeper;
}

_Noreturn void sandbox_keeper_main(void)
{
	struct sigaction ignore = {.sa_handler = SIG_IGN};

	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, NULL);
	sigaction(SIGHUP, &ignore, NULL);
	sigaction(SIGQUIT, &ignore, NULL);
	sigaction(SIGPIPE, &ignore, NULL);
	prctl(PR_SET_NAME, "nstutor-world", 0, 0, 0);
	for (;;)
		pause(); /* SIGTERM (world stop) ends it */
}
