/* cmd-nsenter.c: "nsenter --net=/var/run/netns/RED [CMD...]", as the
 * tutorials open a shell in a namespace: without CMD it is "enter RED",
 * with one "ip netns exec RED CMD...". */
#include "system.h"

#include "cmd.h"
#include "netns.h"
#include "out.h"

static const char *const netns_dirs[] = {"/var/run/netns/", "/run/netns/"};

/* The namespace a --net file names, or NULL. */
static const char *netns_of_path(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(netns_dirs); i++) {
		size_t len = strlen(netns_dirs[i]);
		const char *name = path + len;

		if (strncmp(path, netns_dirs[i], len) == 0 && *name &&
		    !strchr(name, '/'))
			return name;
	}
	return NULL;
}

static int refuse(const char *what)
{
	out_error(_("nsenter: nstutor enters network namespaces only, by "
		    "their file: nsenter --net=/var/run/netns/NAME (not %s)"),
		  what);
	out_hint(_("\"shell\" opens a real shell in the world, where "
		   "nsenter takes every option."));
	return CMD_ERROR;
}

/* The --net file of "--net=FILE" or "-nFILE"; NULL for another word. */
static const char *net_file(const char *word)
{
	if (strncmp(word, "--net=", 6) == 0)
		return word + 6;
	if (strncmp(word, "-n", 2) == 0 && word[2])
		return word + 2;
	return NULL;
}

static int run_as(struct cmd_ctx *ctx, const char *const *head, size_t nhead,
		  int argc, char **argv)
{
	_cleanup_free_ char **words = calloc(nhead + argc + 1, sizeof(*words));

	if (!words)
		return CMD_ERROR;
	memcpy(words, head, nhead * sizeof(*words));
	if (argc > 0)
		memcpy(words + nhead, argv, argc * sizeof(*words));
	return cmd_run(ctx, (int)nhead + argc, words);
}

static int nsenter_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *file = NULL, *ns;
	int i;

	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		if (streq(argv[i], "--")) {
			i++;
			break;
		}
		if (!net_file(argv[i]))
			return refuse(argv[i]);
		file = net_file(argv[i]);
	}
	if (!file)
		return refuse(i < argc ? argv[i] : "nsenter");
	if (!(ns = netns_of_path(file)))
		return refuse(file);
	if (!netns_exists(ns)) {
		out_error("nsenter: cannot open %s: %s", file,
			  out_strerror(ENOENT));
		cmd_hint_no_netns(ns);
		return CMD_ERROR;
	}
	if (i < argc) {
		const char *const head[] = {"ip", "netns", "exec", ns};

		return run_as(ctx, head, ARRAY_SIZE(head), argc - i, argv + i);
	} else {
		const char *const head[] = {"enter", ns};
		int status = run_as(ctx, head, ARRAY_SIZE(head), 0, NULL);

		if (status == CMD_OK)
			out_note(_("Now inside %s, as after \"enter %s\"; "
				   "\"exit\" goes back to the host."),
				 ns, ns);
		return status;
	}
}

const struct cmd_entry cmd_nsenter_entry = {
	.name = "nsenter",
	.usage = N_("nsenter --net=/var/run/netns/NS [COMMAND [ARG]...]"),
	.summary = N_("enter namespace NS (or run COMMAND in it)"),
	.min_args = 0, .max_args = -1, .exec = nsenter_exec,
};
