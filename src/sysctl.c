/* sysctl.c: reading and writing /proc/sys inside a network namespace. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>

#include "netns.h"
#include "record.h"
#include "sysctl.h"

/* procps's slashdot(): when the first separator is `from`, every '.'
 * and '/' swap places; returns where a separator repeats, or -1. */
static int swap_separators(char *s, char from, char to)
{
	char *p = strpbrk(s, "/.");
	int repeated = -1;

	if (!p || *p == to)
		return -1;
	for (; p; p = strpbrk(p + 1, "/.")) {
		if (repeated < 0 && (p[1] == '/' || p[1] == '.'))
			repeated = p - s;
		*p = *p == from ? to : from;
	}
	return repeated;
}

int sysctl_key_path(const char *key, char *path, size_t size)
{
	size_t dir = strlen(SYSCTL_DIR);

	snprintf(path, size, "%s%s", SYSCTL_DIR, key);
	if (size <= dir)
		return -1;
	return swap_separators(path + dir, '.', '/');
}

int sysctl_path_key(const char *path, char *key, size_t size)
{
	size_t dir = strlen(SYSCTL_DIR);

	if (strncmp(path, SYSCTL_DIR, dir) == 0)
		path += dir;
	snprintf(key, size, "%s", path);
	return swap_separators(key, '/', '.');
}

/* Is path, once resolved, still under /proc/sys?  (Keys like
 * "net/../../../etc/passwd" must not reach other files.)  A path that
 * does not resolve leads nowhere; opening it fails on its own. */
static bool under_proc_sys(const char *path)
{
	_cleanup_free_ char *real = realpath(path, NULL);

	return !real || strncmp(real, SYSCTL_DIR, strlen(SYSCTL_DIR)) == 0;
}

/* Is path, once resolved, a net.* key?  Only those belong to a network
 * namespace; the others are the whole machine's and stay untouched. */
static bool under_proc_sys_net(const char *path)
{
	_cleanup_free_ char *real = realpath(path, NULL);
	static const char net[] = SYSCTL_DIR "net/";

	return real && strncmp(real, net, strlen(net)) == 0;
}

static int stat_here(const char *path, struct stat *st)
{
	if (stat(path, st) < 0)
		return -errno;
	return under_proc_sys(path) ? 0 : -EXDEV;
}

int sysctl_stat(const char *ns, const char *path, struct stat *st)
{
	int saved, err = netns_enter(ns, &saved);

	if (err < 0)
		return err;
	err = stat_here(path, st);
	netns_leave(saved);
	return err;
}

static int read_here(const char *path, char *buf, size_t size)
{
	_cleanup_close_ int fd = -1;
	size_t len = 0;
	ssize_t n;

	if (!under_proc_sys(path))
		return -EXDEV;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - len - 1))) {
		if (n < 0)
			return -errno;
		len += n;
	}
	buf[len] = '\0';
	return len;
}

int sysctl_read(const char *ns, const char *path, char *buf, size_t size)
{
	int saved, err = netns_enter(ns, &saved);

	if (err < 0)
		return err;
	err = read_here(path, buf, size);
	netns_leave(saved);
	return err;
}

/* One write(2) of "value\n", as fprintf + fclose do for a short value:
 * the kernel parses it whole and says EINVAL when it does not like it. */
static int write_here(const char *path, const char *value)
{
	_cleanup_free_ char *line = NULL;
	_cleanup_close_ int fd = -1;
	ssize_t n;

	if (!under_proc_sys(path))
		return -EXDEV;
	if (!under_proc_sys_net(path))
		return access(path, F_OK) == 0 ? -EOPNOTSUPP : -ENOENT;
	if (asprintf(&line, "%s\n", value) < 0) {
		line = NULL;
		return -ENOMEM;
	}
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, line, strlen(line));
	if (n < 0)
		return -errno;
	return (size_t)n == strlen(line) ? 0 : -EIO;
}

static int sysctl_write_now(const char *ns, const char *path,
			    const char *value)
{
	int saved, err = netns_enter(ns, &saved);

	if (err < 0)
		return err;
	err = write_here(path, value);
	netns_leave(saved);
	return err;
}

int sysctl_write(const char *ns, const char *path, const char *value)
{
	int err = record_sysctl(ns, path);

	return record_end(err ?: sysctl_write_now(ns, path, value));
}

static int paths_push(struct sysctl_paths *out, const char *path)
{
	char **v = realloc(out->paths, (out->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	out->paths = v;
	if (!(v[out->n] = strdup(path)))
		return -ENOMEM;
	out->n++;
	return 0;
}

static bool deprecated(const char *name)
{
	return streq(name, "base_reachable_time") ||
	       streq(name, "retrans_time");
}

static int walk_here(const char *dir, struct sysctl_paths *out, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int err = 0;

	if (!d)
		return -errno;
	while (err == 0 && (de = readdir(d))) {
		char path[PATH_MAX];
		struct stat st;

		if (streq(de->d_name, ".") || streq(de->d_name, "..") ||
		    deprecated(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 16)
			err = walk_here(path, out, depth + 1);
		else if (!S_ISDIR(st.st_mode))
			err = paths_push(out, path);
	}
	closedir(d);
	return err;
}

int sysctl_walk(const char *ns, const char *path, struct sysctl_paths *out)
{
	int saved, err;

	*out = (struct sysctl_paths){0};
	err = netns_enter(ns, &saved);
	if (err < 0)
		return err;
	if (streq(path, SYSCTL_DIR) || under_proc_sys(path))
		err = walk_here(path, out, 0);
	else
		err = -EXDEV;
	netns_leave(saved);
	if (err < 0)
		sysctl_paths_free(out);
	return err;
}

void sysctl_paths_free(struct sysctl_paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->paths);
	*p = (struct sysctl_paths){0};
}

int sysctl_get(const char *ns, const char *key, char *buf, size_t size)
{
	char path[PATH_MAX];
	int len;

	sysctl_key_path(key, path, sizeof(path));
	len = sysctl_read(ns, path, buf, size);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	return len;
}
