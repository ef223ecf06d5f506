/* netns.c: named network namespaces as iproute2 makes them: adding,
 * deleting, listing, entering them; their identity; and a watch on the
 * netns directory. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "netns.h"
#include "record.h"
#include "world.h"

bool netns_name_valid(const char *name)
{
	return *name && !streq(name, ".") && !streq(name, "..") &&
	       !strchr(name, '/') && strlen(name) <= NAME_MAX;
}

void netns_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", world_netns_dir(), name);
}

/* The netns directory must be a shared mount point so that namespaces
 * added here show up in every mount namespace of the world. */
static int netns_dir_make_shared(void)
{
	const char *dir = world_netns_dir();

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (mount("", dir, "none", MS_SHARED | MS_REC, NULL) == 0)
		return 0;
	if (errno != EINVAL)
		return -errno;
	if (mount(dir, dir, "none", MS_BIND | MS_REC, NULL) < 0)
		return -errno;
	if (mount("", dir, "none", MS_SHARED | MS_REC, NULL) < 0)
		return -errno;
	return 0;
}

static int netns_dir_lock(void)
{
	int fd = open(world_netns_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int netns_bind_new(const char *path)
{
	int saved = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	int err = 0;

	if (saved < 0)
		return -errno;
	if (unshare(CLONE_NEWNET) < 0)
		err = -errno;
	else if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0)
		err = -errno;
	if (setns(saved, CLONE_NEWNET) < 0)
		abort(); /* running on in the new namespace would be worse */
	close(saved);
	return err;
}

static int netns_add_now(const char *name)
{
	char path[PATH_MAX];
	int fd, lock, err;

	if (!netns_name_valid(name))
		return -EINVAL;
	err = netns_dir_make_shared();
	if (err < 0)
		return err;
	lock = netns_dir_lock();
	if (lock < 0)
		return lock;
	netns_path(name, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0) {
		err = -errno;
	} else {
		close(fd);
		err = netns_bind_new(path);
		if (err < 0)
			unlink(path);
	}
	close(lock);
	return err;
}

int netns_add(const char *name)
{
	int err = record_netns_add(name);

	return record_end(err ?: netns_add_now(name));
}

int netns_del(const char *name)
{
	char path[PATH_MAX];

	if (!netns_name_valid(name))
		return -EINVAL;
	netns_path(name, path, sizeof(path));
	umount2(path, MNT_DETACH);
	if (unlink(path) < 0)
		return -errno;
	return 0;
}

void netns_names_free(struct netns_names *names)
{
	for (size_t i = 0; i < names->n; i++)
		free(names->names[i]);
	free(names->names);
	*names = (struct netns_names){0};
}

static int names_push(struct netns_names *out, const char *name)
{
	char **v = realloc(out->names, (out->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	out->names = v;
	v[out->n] = strdup(name);
	if (!v[out->n])
		return -ENOMEM;
	out->n++;
	return 0;
}

int netns_list(struct netns_names *out)
{
	DIR *dir = opendir(world_netns_dir());
	struct dirent *de;
	int err = 0;

	*out = (struct netns_names){0};
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while (err == 0 && (de = readdir(dir))) {
		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		err = names_push(out, de->d_name);
	}
	closedir(dir);
	if (err < 0)
		netns_names_free(out);
	return err;
}

bool netns_exists(const char *name)
{
	int fd = netns_open(name);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int netns_open(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (!name) {
		fd = fcntl(world_host_fd(), F_DUPFD_CLOEXEC, 0);
		return fd < 0 ? -errno : fd;
	}
	if (!netns_name_valid(name))
		return -ENOENT;
	netns_path(name, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int netns_identity(const char *name, dev_t *dev, ino_t *ino)
{
	struct stat st;
	int fd = netns_open(name);

	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

int netns_id_get(const char *name, struct netns_id *id)
{
	return netns_identity(name, &id->dev, &id->ino);
}

bool netns_id_same(const struct netns_id *a, const struct netns_id *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

bool netns_id_stale(const char *name, const struct netns_id *id)
{
	struct netns_id now;

	return netns_id_get(name, &now) < 0 || !netns_id_same(&now, id);
}

const char *netns_label(const char *name)
{
	return name && *name ? name : "host";
}

bool netns_name_same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && streq(a, b));
}

int netns_dir_watch_open(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (inotify_add_watch(fd, world_netns_dir(),
			      IN_CREATE | IN_DELETE | IN_MOVED_FROM |
				  IN_MOVED_TO) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

size_t netns_dir_watch_read(int fd, netns_dir_fn fn, void *arg)
{
	char buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	size_t events = 0;
	ssize_t len;

	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len; p += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)p;
			events++;
			if (fn && e->len)
				fn(e->name,
				   (e->mask & (IN_CREATE | IN_MOVED_TO)) != 0,
				   arg);
		}
	}
	return events;
}

static bool same_ns(int a, int b)
{
	struct stat sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Entering the namespace the thread is in already needs no setns(),
 * and so no privilege (doctor, run by a learner, reads the host). */
int netns_enter(const char *name, int *saved)
{
	int fd, err = 0;

	*saved = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*saved < 0)
		return -errno;
	fd = netns_open(name);
	if (fd < 0)
		err = fd;
	else if (same_ns(fd, *saved))
		err = 1;
	else if (setns(fd, CLONE_NEWNET) < 0)
		err = -errno;
	if (fd >= 0)
		close(fd);
	if (err != 0) {
		close(*saved);
		*saved = -1;
	}
	return err < 0 ? err : 0;
}

void netns_leave(int saved)
{
	if (saved < 0)
		return;
	if (setns(saved, CLONE_NEWNET) < 0)
		abort(); /* running on in the wrong namespace would be worse */
	close(saved);
}

int netns_socket(const char *name, int domain, int type, int protocol)
{
	int saved, fd, err;

	err = netns_enter(name, &saved);
	if (err < 0)
		return err;
	fd = socket(domain, type | SOCK_CLOEXEC, protocol);
	if (fd < 0)
		fd = -errno;
	netns_leave(saved);
	return fd;
}
