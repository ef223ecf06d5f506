/* sandbox-make.c: making a sandbox world's namespaces and its keeper. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <spawn.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/stat.h>

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
	mount(from, to, "none", MS_BIND | MS_REC, NULL);
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

	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0)
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

/* The keeper: nstutor itself again, in a session of its own, with no
 * terminal and no file of ours but the state directory (as fd 3, to
 * watch).  posix_spawn() (a vfork, no copy of our memory) keeps making
 * a world cheap. */
pid_t sandbox_start_keeper(int state_fd)
{
	char *argv[] = {(char *)"nstutor-world",
			(char *)SANDBOX_KEEPER_OPTION, NULL};
	posix_spawn_file_actions_t files;
	posix_spawnattr_t attr;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&files);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_adddup2(&files, state_fd,
					 SANDBOX_KEEPER_STATE_FD);
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		posix_spawn_file_actions_addopen(&files, fd, "/dev/null",
						 O_RDWR, 0);
	posix_spawn_file_actions_addclosefrom_np(&files,
						 SANDBOX_KEEPER_STATE_FD + 1);
	posix_spawn_file_actions_addchdir_np(&files, "/");
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
	fflush(NULL);
	err = posix_spawn(&pid, "/proc/self/exe", &files, &attr, argv,
			  environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&files);
	return err ? -err : pid;
}

/* Waits until the world's record is deleted (world stop, or the whole
 * state directory removed: a logout emptying $XDG_RUNTIME_DIR, a test
 * cleaning up); false when it cannot watch. */
static bool watch_record(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	char dir[64];
	int fd = inotify_init1(IN_CLOEXEC);
	ssize_t n;

	snprintf(dir, sizeof(dir), "/proc/self/fd/%d", SANDBOX_KEEPER_STATE_FD);
	if (fd < 0 || inotify_add_watch(fd, dir, IN_DELETE | IN_MOVED_FROM |
						      IN_DELETE_SELF |
						      IN_MOVE_SELF) < 0)
		return false;
	close(SANDBOX_KEEPER_STATE_FD);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return true;
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if ((e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) ||
			    (e->len && streq(e->name, SANDBOX_RECORD_NAME)))
				return true;
			p += sizeof(*e) + e->len;
		}
	}
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
	if (watch_record())
		_exit(0);
	for (;;)
		pause(); /* SIGTERM (world stop) ends it */
}
