/* cmd-ls.c: "ls /var/run/netns" (or /run/netns): the world's named
 * namespaces, as ls lists the directory they live in, one a line. */
#include "system.h"

#include <sys/stat.h>

#include "cmd.h"
#include "netns.h"
#include "out.h"
#include "world.h"

/* Is path the directory of the named namespaces ("/var/run/netns/")? */
static bool is_netns_dir(const char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	return (len == 14 && strncmp(path, "/var/run/netns", len) == 0) ||
	       (len == 10 && strncmp(path, "/run/netns", len) == 0);
}

static int by_name(const void *a, const void *b)
{
	return strcoll(*(char *const *)a, *(char *const *)b);
}

static int refuse(const char *what)
{
	if (what[0] == '-')
		out_error(_("ls: option %s is not supported here"), what);
	else
		out_error(_("ls: nstutor's shell lists only /var/run/netns, "
			    "the named namespaces (not %s)"),
			  what);
	out_hint(_("\"shell\" opens a real shell in the world, where ls "
		   "works on any directory."));
	return CMD_ERROR;
}

static int ls_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct netns_names names;
	const char *path = NULL;
	bool all = false;
	struct stat st;
	int err;

	for (int i = 0; i < argc; i++) {
		if (streq(argv[i], "-a"))
			all = true;
		else if (streq(argv[i], "-1"))
			continue;
		else if ((argv[i][0] == '-' && argv[i][1]) || path)
			return refuse(argv[i]);
		else
			path = argv[i];
	}
	if (!path || !is_netns_dir(path))
		return refuse(path ? path : ".");
	if (stat(world_netns_dir(), &st) < 0) {
		out_error("ls: cannot access '%s': %s", path,
			  out_strerror(errno));
		out_hint(_("No namespace was ever made here: \"ip netns add "
			   "RED\" makes the first one."));
		ctx->exit_status = 2;
		return CMD_ERROR;
	}
	err = netns_list(&names);
	if (err < 0) {
		out_error("ls: cannot open directory '%s': %s", path,
			  out_strerror(err));
		ctx->exit_status = 2;
		return CMD_ERROR;
	}
	qsort(names.names, names.n, sizeof(*names.names), by_name);
	if (all)
		printf(".\n..\n");
	for (size_t i = 0; i < names.n; i++)
		printf("%s\n", names.names[i]);
	netns_names_free(&names);
	return CMD_OK;
}

const struct cmd_entry cmd_ls_entry = {
	.name = "ls",
	.usage = N_("ls [-a] /var/run/netns"),
	.summary = N_("the named namespaces, as files in /var/run/netns"),
	.min_args = 0, .max_args = -1, .exec = ls_exec,
};
