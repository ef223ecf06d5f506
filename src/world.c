/* world.c: choosing and opening the world, its state directory and lock. */
#include "system.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "out.h"
#include "sandbox.h"
#include "world.h"

static struct {
	enum world_kind kind;
	int host_fd;
	int state_fd;
	int lock_fd;
	int lock_depth;
	char state_path[PATH_MAX];
} world = {.host_fd = -1, .state_fd = -1, .lock_fd = -1};

static bool have_cap_net_admin(void)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	unsigned long long caps;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			return caps & (1ULL << CAP_NET_ADMIN);
	return false;
}

int world_kind_parse(const char *s, enum world_kind *out)
{
	if (streq(s, "host"))
		*out = WORLD_HOST;
	else if (streq(s, "sandbox"))
		*out = WORLD_SANDBOX;
	else
		return -EINVAL;
	return 0;
}

/* Where the state directory is; prints why when there is none. */
static int state_path(char *buf, size_t size)
{
	const char *dir = getenv("NSTUTOR_RUNTIME_DIR");
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (dir && *dir)
		snprintf(buf, size, "%s", dir);
	else if (geteuid() == 0)
		snprintf(buf, size, "/run/nstutor");
	else if (xdg && *xdg && xdg[0] == '/')
		snprintf(buf, size, "%s/nstutor", xdg);
	else {
		out_error(_("nstutor: XDG_RUNTIME_DIR is not set, so there is "
			    "no place to keep the world's state"));
		out_hint(_("Log in through a session that sets it, or run "
			   "\"export XDG_RUNTIME_DIR=/run/user/$(id -u)\" "
			   "when that directory exists."));
		return -ENOENT;
	}
	return 0;
}

/* The directory must be ours alone: another user's state would let
 * them steer our world, or us theirs. */
static int state_check(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return 0; /* open() says why */
	if (st.st_uid != geteuid()) {
		out_error(_("nstutor: %s belongs to another user (uid %u)"),
			  path, (unsigned int)st.st_uid);
		out_hint(_("Each user has a world of their own; unset "
			   "NSTUTOR_RUNTIME_DIR or point it at a directory "
			   "of yours."));
		return -EPERM;
	}
	if (S_ISDIR(st.st_mode) && (st.st_mode & 077))
		chmod(path, st.st_mode & 0700);
	return 0;
}

static int state_open(void)
{
	char *path = world.state_path;
	int err;

	if ((err = state_path(path, sizeof(world.state_path))) < 0)
		return err;
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		goto fail;
	if ((err = state_check(path)) < 0)
		return err;
	world.state_fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					    O_CLOEXEC);
	if (world.state_fd < 0)
		goto fail;
	return 0;
fail:
	err = -errno;
	out_error(_("nstutor: cannot use %s: %s"), path, out_strerror(err));
	out_hint(_("The world's state lives there; check that its parent "
		   "directory exists and is yours."));
	return err;
}

int world_lock(void)
{
	if (world.state_fd < 0)
		return 0;
	if (world.lock_depth++ > 0)
		return 0;
	if (world.lock_fd < 0) {
		world.lock_fd = openat(world.state_fd, "lock",
				       O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (world.lock_fd < 0)
			goto fail;
	}
	while (flock(world.lock_fd, LOCK_EX) < 0)
		if (errno != EINTR)
			goto fail;
	return 0;
fail:
	world.lock_depth--;
	return -errno;
}

void world_unlock(void)
{
	if (world.lock_depth == 0 || --world.lock_depth > 0)
		return;
	flock(world.lock_fd, LOCK_UN);
}

static int open_host(void)
{
	if (!have_cap_net_admin()) {
		out_error(_("nstutor: the host world needs CAP_NET_ADMIN "
			    "(run nstutor as root, e.g. with sudo)"));
		out_hint(_("Without --world=host, nstutor makes a private "
			   "sandbox world of your own, which needs no root."));
		return -EPERM;
	}
	return 0;
}

static int open_host_fd(void)
{
	int err;

	world.host_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (world.host_fd >= 0)
		return 0;
	err = -errno;
	out_error(_("nstutor: cannot open the host network namespace: %s"),
		  out_strerror(err));
	return err;
}

int world_open(enum world_kind kind, enum world_need need)
{
	int err;

	world.kind = kind;
	if (need == WORLD_NONE)
		return open_host_fd();
	if (kind == WORLD_HOST && (err = open_host()) < 0)
		return err;
	if ((err = state_open()) < 0)
		return err;
	if (kind == WORLD_SANDBOX) {
		if ((err = world_lock()) < 0)
			return err;
		err = sandbox_open(world.state_fd, need == WORLD_CREATE);
		world_unlock();
		if (err != 0)
			return err;
	}
	if ((err = open_host_fd()) < 0)
		return err;
	if (kind == WORLD_SANDBOX)
		sandbox_prepare();
	return 0;
}

void world_close(void)
{
	if (world.host_fd >= 0)
		close(world.host_fd);
	if (world.state_fd >= 0)
		close(world.state_fd);
	if (world.lock_fd >= 0)
		close(world.lock_fd);
	world.host_fd = world.state_fd = world.lock_fd = -1;
	world.lock_depth = 0;
}

enum world_kind world_kind(void)
{
	return world.kind;
}

int world_host_fd(void)
{
	return world.host_fd;
}

const char *world_netns_dir(void)
{
	return "/run/netns";
}

int world_state_fd(void)
{
	return world.state_fd;
}

const char *world_state_path(void)
{
	return world.state_path;
}

const char *world_journal_name(void)
{
	return world.kind == WORLD_SANDBOX ? "sandbox.journal"
					   : "host.journal";
}
