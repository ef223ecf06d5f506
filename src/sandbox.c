/* sandbox.c: finding, joining, making and ending the sandbox world. */
#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "nl-link.h"
#include "out.h"
#include "proc.h"
#include "sandbox-private.h"

#define RECORD_NAME SANDBOX_RECORD_NAME

/* <state>/sandbox: who keeps the world, and which namespaces it is. */
struct record {
	pid_t pid;
	unsigned long long start; /* the keeper's start time (clock ticks) */
	unsigned long long user;  /* namespace inodes; user 0: none */
	unsigned long long net, mnt;
	long long since;	  /* when the world was made */
};

static struct sandbox_info info;
static struct record world_record;

static int record_read(int state_fd, struct record *r)
{
	_cleanup_fclose_ FILE *f = NULL;
	int fd = openat(state_fd, RECORD_NAME, O_RDONLY | O_CLOEXEC);
	int pid, n;

	if (fd < 0)
		return -errno;
	if (!(f = fdopen(fd, "r"))) {
		close(fd);
		return -errno;
	}
	n = fscanf(f, "pid %d start %llu user %llu net %llu mnt %llu since %lld",
		   &pid, &r->start, &r->user, &r->net, &r->mnt, &r->since);
	r->pid = pid;
	return n == 6 && pid > 0 ? 0 : -EINVAL;
}

static int record_write(int state_fd, const struct record *r)
{
	_cleanup_fclose_ FILE *f = NULL;
	int fd = openat(state_fd, RECORD_NAME ".new",
			O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return -errno;
	}
	fprintf(f, "pid %d\nstart %llu\nuser %llu\nnet %llu\nmnt %llu\nsince %lld\n",
		(int)r->pid, r->start, r->user, r->net, r->mnt, r->since);
	if (fflush(f) == EOF)
		return -errno;
	if (renameat(state_fd, RECORD_NAME ".new", state_fd, RECORD_NAME) < 0)
		return -errno;
	return 0;
}

static unsigned long long ns_inode(pid_t pid, const char *ns)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, ns);
	return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static bool proc_is_ours(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return stat(path, &st) == 0 && st.st_uid == geteuid();
}

/* Is the record's keeper still the very process that made the world?
 * A pid can be reused; start time and namespaces cannot. */
static bool keeper_alive(const struct record *r)
{
	return r->start && proc_start_time(r->pid) == r->start &&
	       proc_is_ours(r->pid) && ns_inode(r->pid, "net") == r->net &&
	       ns_inode(r->pid, "mnt") == r->mnt &&
	       (!r->user || ns_inode(r->pid, "user") == r->user);
}

static int join_ns(pid_t pid, const char *ns, int type)
{
	char path[64];
	_cleanup_close_ int fd = -1;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, ns);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	return setns(fd, type) < 0 ? -errno : 0;
}

/* setns() into the keeper's namespaces: user first (it gives the
 * rights the others need), then mount, then network.  Joining a mount
 * namespace moves the working directory to its root: bring it back. */
static int join(const struct record *r)
{
	_cleanup_close_ int cwd = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	int err;

	if (r->user && (err = join_ns(r->pid, "user", CLONE_NEWUSER)) < 0)
		return err;
	if ((err = join_ns(r->pid, "mnt", CLONE_NEWNS)) < 0)
		return err;
	if ((err = join_ns(r->pid, "net", CLONE_NEWNET)) < 0)
		return err;
	if (cwd >= 0 && fchdir(cwd) < 0)
		return -errno;
	return 0;
}

static void forget_stale(int state_fd, const struct record *r)
{
	unlinkat(state_fd, RECORD_NAME, 0);
	unlinkat(state_fd, "sandbox.journal", 0);
	out_error(_("nstutor: the sandbox world's keeper (pid %d) is gone, "
		    "and the lab with it; starting a new, empty world"),
		  (int)r->pid);
	out_hint(_("\"nstutor world stop\" ends a world on purpose; a keeper "
		   "that was killed takes its namespaces with it."));
}

static void explain_make_failure(enum sandbox_step step, int err)
{
	const char *why = out_strerror(err);

	switch (step) {
	case SANDBOX_UNSHARE:
	case SANDBOX_MAP:
		out_error(_("nstutor: cannot make a sandbox world: this "
			    "machine does not allow user namespaces (%s)"),
			  why);
		if (err == -ENOSPC || err == -EUSERS)
			out_hint(_("The limit user.max_user_namespaces is 0 or "
				   "reached; \"nstutor doctor\" says more."));
		else
			out_hint(_("\"nstutor doctor\" says why; a teacher can "
				   "allow them, or use \"sudo nstutor "
				   "--world=host\" on a machine meant for it."));
		return;
	case SANDBOX_MOUNT:
		out_error(_("nstutor: cannot make a sandbox world: mounting "
			    "its /run/netns failed (%s)"),
			  why);
		break;
	case SANDBOX_KEEPER:
		out_error(_("nstutor: cannot start the sandbox world's keeper "
			    "process (%s)"),
			  why);
		break;
	}
	out_hint(_("\"nstutor doctor\" checks what the sandbox needs."));
}

static int make(int state_fd)
{
	struct record *r = &world_record;
	enum sandbox_step step;
	pid_t keeper;
	int err;

	info.user_ns = geteuid() != 0;
	if ((err = sandbox_unshare(info.user_ns, &step)) < 0)
		goto fail;
	step = SANDBOX_KEEPER;
	if ((keeper = sandbox_start_keeper(state_fd)) < 0) {
		err = keeper;
		goto fail;
	}
	*r = (struct record){
		.pid = keeper,
		.start = proc_start_time(keeper),
		.user = info.user_ns ? ns_inode(getpid(), "user") : 0,
		.net = ns_inode(getpid(), "net"),
		.mnt = ns_inode(getpid(), "mnt"),
		.since = time(NULL),
	};
	if ((err = record_write(state_fd, r)) < 0) {
		kill(keeper, SIGTERM);
		out_error(_("nstutor: cannot write the sandbox world's record: "
			    "%s"), out_strerror(err));
		return err;
	}
	info.made_now = true;
	return 0;
fail:
	explain_make_failure(step, err);
	return err;
}

static void fill_info(const struct record *r)
{
	info.keeper = r->pid;
	info.since = (time_t)r->since;
	info.user_ns = r->user != 0;
}

int sandbox_open(int state_fd, bool create)
{
	struct record *r = &world_record;
	int err = record_read(state_fd, r);

	if (err == 0 && keeper_alive(r)) {
		if ((err = join(r)) < 0) {
			out_error(_("nstutor: cannot join the sandbox world "
				    "of keeper pid %d: %s"),
				  (int)r->pid, out_strerror(err));
			out_hint(_("\"nstutor world stop\" ends it; the next "
				   "nstutor makes a new one."));
			return err;
		}
		fill_info(r);
		return 0;
	}
	if (err != -ENOENT)
		forget_stale(state_fd, r);
	if (!create) {
		out_note(_("No sandbox world is running; the next nstutor "
			   "makes one."));
		return 1;
	}
	if ((err = make(state_fd)) < 0)
		return err;
	fill_info(r);
	return 0;
}

void sandbox_prepare(void)
{
	struct link_spec up;

	if (!info.made_now)
		return;
	link_spec_init(&up);
	up.up = 1;
	link_change(NULL, 1, &up); /* lo is ifindex 1 in a new namespace */
}

const struct sandbox_info *sandbox_info(void)
{
	return &info;
}

/* Is process pid part of the world (the keeper's namespaces)? */
static bool in_world(pid_t pid, const struct record *r)
{
	if (r->user)
		return ns_inode(pid, "user") == r->user;
	return ns_inode(pid, "mnt") == r->mnt || ns_inode(pid, "net") == r->net;
}

/* Signals every other process of the world; how many there were. */
static size_t signal_world(const struct record *r, int sig)
{
	DIR *dir = opendir("/proc");
	struct dirent *de;
	size_t n = 0;
	pid_t pid;

	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		pid = (pid_t)atoi(de->d_name);
		if (pid <= 0 || pid == getpid() || !in_world(pid, r) ||
		    !proc_start_time(pid))
			continue;
		if (sig == SIGTERM)
			kill(pid, SIGHUP); /* an interactive shell ignores TERM */
		if (kill(pid, sig) == 0)
			n++;
	}
	closedir(dir);
	return n;
}

static bool wait_world_empty(const struct record *r, int tenths)
{
	struct timespec step = {0, 10 * 1000 * 1000};

	for (int i = 0; i < tenths * 10; i++) {
		if (signal_world(r, 0) == 0)
			return true;
		nanosleep(&step, NULL);
	}
	return signal_world(r, 0) == 0;
}

int sandbox_stop(int state_fd)
{
	const struct record *r = &world_record;

	if (signal_world(r, SIGTERM) && !wait_world_empty(r, 15)) {
		signal_world(r, SIGKILL);
		if (!wait_world_empty(r, 10)) {
			out_error(_("world stop: some processes of the world "
				    "did not end"));
			out_hint(_("Try again in a moment; the world ends with "
				   "its last process."));
			return -EBUSY;
		}
	}
	unlinkat(state_fd, RECORD_NAME, 0);
	unlinkat(state_fd, "sandbox.journal", 0);
	unlinkat(state_fd, "bashrc", 0);
	return 0;
}
