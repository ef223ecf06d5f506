/* world.c: opening the world the learner's lab lives in. */
#include "system.h"

#include <fcntl.h>
#include <linux/capability.h>

#include "out.h"
#include "world.h"

static struct {
	enum world_kind kind;
	int host_fd;
} world = {.host_fd = -1};

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

static int open_host(void)
{
	if (!have_cap_net_admin()) {
		out_error(_("nstutor: the host world needs CAP_NET_ADMIN "
			    "(run nstutor as root, e.g. with sudo)"));
		out_hint(_("The host world changes the machine's real "
			   "network; a private sandbox world needs no root."));
		return -EPERM;
	}
	world.host_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (world.host_fd < 0) {
		int err = -errno;

		out_error(_("nstutor: cannot open the host network "
			    "namespace: %s"),
			  out_strerror(err));
		return err;
	}
	return 0;
}

int world_open(enum world_kind kind)
{
	world.kind = kind;
	if (kind == WORLD_SANDBOX) {
		out_error(_("nstutor: the sandbox world is not available "
			    "yet; use --world=host"));
		return -EOPNOTSUPP;
	}
	return open_host();
}

void world_close(void)
{
	if (world.host_fd >= 0)
		close(world.host_fd);
	world.host_fd = -1;
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
