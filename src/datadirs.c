/* datadirs.c: the installed data directories, or the build tree's. */
#include "system.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "datadirs.h"

/* Written by the build beside build/src/nstutor (Makefile.am):
 * "lessons=DIR" and "locale=DIR" lines, absolute paths. */
#define LANDMARK "nstutor.uninstalled"
#define LANDMARK_MAX 4096

static struct {
	bool looked;
	char *lessons; /* both set only when run from the build tree */
	char *locale;
} build_tree;

/* The directory holding the running binary, opened; *owner is the
 * binary's owner.  -1 when it cannot be told (no /proc). */
static int exe_dir_open(uid_t *owner)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	struct stat st;
	char *slash;
	int dfd;

	if (n <= 0)
		return -1;
	path[n] = '\0';
	if (!(slash = strrchr(path, '/')))
		return -1;
	*slash = '\0';
	dfd = open(*path ? path : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	if (fstatat(dfd, slash + 1, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		close(dfd);
		return -1;
	}
	*owner = st.st_uid;
	return dfd;
}

/* Is the landmark one the build wrote: a regular file (not a link)
 * of the binary's owner or root, writable by no one else? */
static bool landmark_trusted(const struct stat *st, uid_t owner)
{
	return S_ISREG(st->st_mode) &&
	       (st->st_uid == owner || st->st_uid == 0) &&
	       !(st->st_mode & (S_IWGRP | S_IWOTH)) &&
	       st->st_size < LANDMARK_MAX;
}

/* The landmark's text, or NULL when there is none to trust. */
static char *landmark_read(void)
{
	uid_t owner;
	int dfd = exe_dir_open(&owner), fd;
	struct stat st;
	char *text = NULL;

	if (dfd < 0)
		return NULL;
	fd = openat(dfd, LANDMARK,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && landmark_trusted(&st, owner) &&
	    (text = malloc(st.st_size + 1))) {
		ssize_t n = read(fd, text, st.st_size);

		if (n != st.st_size) {
			free(text);
			text = NULL;
		} else {
			text[n] = '\0';
		}
	}
	close(fd);
	return text;
}

/* The absolute path after "KEY=" on a line of text, copied, or NULL. */
static char *landmark_value(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *line = text; *line;) {
		size_t len = strcspn(line, "\n");

		if (len > klen + 1 && strncmp(line, key, klen) == 0 &&
		    line[klen] == '=' && line[klen + 1] == '/')
			return strndup(line + klen + 1, len - klen - 1);
		line += len + (line[len] == '\n');
	}
	return NULL;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void build_tree_find(void)
{
	char *text;

	if (build_tree.looked)
		return;
	build_tree.looked = true;
	if (!(text = landmark_read()))
		return;
	build_tree.lessons = landmark_value(text, "lessons");
	build_tree.locale = landmark_value(text, "locale");
	free(text);
	if (!is_dir(build_tree.lessons) || !build_tree.locale) {
		/* a build tree whose sources went away: not one to use */
		free(build_tree.lessons);
		free(build_tree.locale);
		build_tree.lessons = build_tree.locale = NULL;
	}
}

bool datadirs_uninstalled(void)
{
	build_tree_find();
	return build_tree.lessons != NULL;
}

const char *datadirs_lessons(void)
{
	return datadirs_uninstalled() ? build_tree.lessons
				      : PKGDATADIR "/lessons";
}

const char *datadirs_locale(void)
{
	return datadirs_uninstalled() ? build_tree.locale : LOCALEDIR;
}
