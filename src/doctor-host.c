/* doctor-host.c: may a user without root make the sandbox world? */
#include "system.h"

#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "doctor.h"
#include "out.h"
#include "sysctl.h"

#define NOBODY 65534

/* What the child trying a sandbox reports: the step that failed. */
enum userns_step { USERNS_DONE, USERNS_DROP, USERNS_UNSHARE, USERNS_LO };

struct userns_try {
	int step;	/* enum userns_step */
	int err;	/* its errno */
	int uid;	/* the uid it tried as */
};

/* Root's children try as nobody: the sandbox is for users without
 * root.  In a user namespace without nobody mapped, as we are. */
static int drop_to_nobody(void)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return -errno;
	if (setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
		return errno == EINVAL ? 0 : -errno;
	return 0;
}

static int lo_up(void)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		err = -errno;
	ifr.ifr_flags |= IFF_UP;
	if (err == 0 && ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		err = -errno;
	close(fd);
	return err;
}

/* In the child: what making a sandbox takes, step by step. */
static struct userns_try userns_child(void)
{
	struct userns_try t = {.step = USERNS_DROP};

	if ((t.err = -drop_to_nobody()) != 0)
		return t;
	t.uid = (int)geteuid();
	t.step = USERNS_UNSHARE;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		t.err = errno;
		return t;
	}
	t.step = USERNS_LO; /* AppArmor may leave the new namespace powerless */
	if ((t.err = -lo_up()) != 0)
		return t;
	t.step = USERNS_DONE;
	return t;
}

/* Tries it in a child, which ends with its namespaces. */
static int userns_try(struct userns_try *out)
{
	int fds[2], status;
	pid_t pid;
	ssize_t n;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (pid == 0) {
		struct userns_try t = userns_child();

		_exit(write(fds[1], &t, sizeof(t)) == sizeof(t) ? 0 : 1);
	}
	close(fds[1]);
	while ((n = read(fds[0], out, sizeof(*out))) < 0 && errno == EINTR)
		;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return n == sizeof(*out) ? 0 : -EIO;
}

/* The sysctls that say why user namespaces are refused. */
static const char *const userns_keys[] = {
	"kernel.unprivileged_userns_clone",		/* Debian */
	"kernel.apparmor_restrict_unprivileged_userns",	/* Ubuntu */
	"user.max_user_namespaces",
};

/* A kernel.* or user.* key: no network namespace to enter (which
 * would need privileges) for keys that do not belong to one. */
static int read_key(const char *key, char *buf, size_t size)
{
	char path[PATH_MAX];
	_cleanup_close_ int fd = -1;
	ssize_t n;

	sysctl_key_path(key, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return (int)n;
}

/* Each key that exists, with its value; the values into v (-1: none). */
static void userns_sysctls(FILE *f, long v[ARRAY_SIZE(userns_keys)])
{
	char buf[32];

	for (size_t i = 0; i < ARRAY_SIZE(userns_keys); i++) {
		v[i] = -1;
		if (read_key(userns_keys[i], buf, sizeof(buf)) <= 0)
			continue;
		v[i] = strtol(buf, NULL, 10);
		fprintf(f, "%s = %s\n", userns_keys[i], buf);
	}
}

static void userns_seen(FILE *f, const struct userns_try *t)
{
	static const char *const steps[] = {
		[USERNS_DROP] = "setuid",
		[USERNS_UNSHARE] = "unshare(CLONE_NEWUSER|CLONE_NEWNET)",
		[USERNS_LO] = "ip link set lo up",
	};

	if (t->step == USERNS_DONE)
		fprintf(f, _("as uid %d, a child made a user and a network "
			     "namespace and set its lo up\n"), t->uid);
	else
		out_fprintf(f, _("as uid %d, a child's %s failed: %s\n"),
			    t->uid, steps[t->step], out_strerror(t->err));
}

/* Why it failed, from the sysctls, and what would allow it. */
static const char *userns_why(const long v[ARRAY_SIZE(userns_keys)])
{
	if (v[0] == 0)
		return _("Debian's kernel.unprivileged_userns_clone is 0. "
			 "As root, \"sysctl -w kernel.unprivileged_userns_clone=1\" "
			 "allows them.");
	if (v[1] == 1)
		return _("Ubuntu's AppArmor restricts unprivileged user "
			 "namespaces (kernel.apparmor_restrict_unprivileged_userns "
			 "= 1); an AppArmor profile for nstutor, or that sysctl "
			 "set to 0, allows them.");
	if (v[2] == 0)
		return _("user.max_user_namespaces is 0: no user namespace may "
			 "be made.");
	return _("The kernel, a container or a security module refuses "
		 "them.");
}

static int userns_refused(struct doctor_report *r, struct doctor_text *text,
			  const long v[ARRAY_SIZE(userns_keys)])
{
	const char *what = geteuid() == 0
		? _("Users without root cannot make the sandbox world, "
		    "nstutor's default (root can: it needs no user namespace).")
		: _("The sandbox world, nstutor's default, cannot be made "
		    "here: run nstutor as root (sudo) with --world=host.");
	char *meaning;
	int err;

	if (asprintf(&meaning, "%s %s", what, userns_why(v)) < 0) {
		free(doctor_text_close(text));
		return -ENOMEM;
	}
	err = doctor_add_text(r, geteuid() == 0 ? DOCTOR_WARN : DOCTOR_PROBLEM,
			      _("user namespaces: refused"), text, meaning);
	free(meaning);
	return err;
}

int doctor_check_userns(struct doctor_report *r)
{
	struct userns_try t = {0};
	struct doctor_text text;
	long v[ARRAY_SIZE(userns_keys)];
	int err, tried;

	if ((err = doctor_text_open(&text)) < 0)
		return err;
	tried = userns_try(&t);
	if (tried < 0)
		fprintf(text.f, _("the child could not be started: %s\n"),
			out_strerror(tried));
	else
		userns_seen(text.f, &t);
	userns_sysctls(text.f, v);
	if (tried < 0)
		return doctor_add_text(r, DOCTOR_UNKNOWN,
			_("user namespaces: not known"), &text,
			_("Whether the sandbox world can be made without root "
			  "is not known."));
	if (t.step != USERNS_DONE)
		return userns_refused(r, &text, v);
	return doctor_add_text(r, DOCTOR_OK, _("user namespaces: allowed"),
		&text, _("The sandbox world, nstutor's default, can be made "
			 "without root."));
}
