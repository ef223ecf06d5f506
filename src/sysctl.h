/* sysctl.h: kernel parameters under /proc/sys, as one namespace sees them.
 *
 * /proc/sys/net shows the network namespace of the task that opens it,
 * so every function here enters the namespace (NULL: the world's host),
 * does its work and comes back.  Keys are spelt the procps way:
 * "net.ipv4.ip_forward" or "net/ipv4/ip_forward"; whichever separator
 * comes first is the one that separates ("net.ipv4.conf.eth0/100.rp_filter"
 * names the device eth0.100).  All functions return 0 (or a length) or
 * a negative errno; -EXDEV means the key leads outside /proc/sys, and
 * writes reach net.* keys only (-EOPNOTSUPP for the others).
 */
#ifndef NSTUTOR_SYSCTL_H
#define NSTUTOR_SYSCTL_H

#include "system.h"

#include <sys/stat.h>

#define SYSCTL_DIR "/proc/sys/"

/* "/proc/sys/net/ipv4/ip_forward" for "net.ipv4.ip_forward".  Returns
 * where in key a separator is repeated ("a..b"), as procps warns, or -1. */
int sysctl_key_path(const char *key, char *path, size_t size);
/* "net.ipv4.ip_forward" for a path under /proc/sys/ (or a key); returns
 * like sysctl_key_path. */
int sysctl_path_key(const char *path, char *key, size_t size);

/* stat() of path inside ns; -EXDEV when it resolves outside /proc/sys. */
int sysctl_stat(const char *ns, const char *path, struct stat *st);
/* The whole value (with its newline) into buf; its length. */
int sysctl_read(const char *ns, const char *path, char *buf, size_t size);
/* Writes "value\n" as procps does; the kernel's -errno on refusal. */
int sysctl_write(const char *ns, const char *path, const char *value);

struct sysctl_paths {
	size_t n;
	char **paths;
};

/* Every file below directory path, depth first in directory order, as
 * "sysctl -a" walks it (deprecated names left out). */
int sysctl_walk(const char *ns, const char *path, struct sysctl_paths *out);
void sysctl_paths_free(struct sysctl_paths *p);

/* The value of key in ns without its newline (for checks and notes). */
int sysctl_get(const char *ns, const char *key, char *buf, size_t size);

#endif
