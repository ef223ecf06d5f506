/* cmd.c: the table of command families and the dispatcher. */
#include "system.h"

#include <signal.h>

#include "cmd.h"
#include "netlink.h"
#include "netns.h"
#include "out.h"
#include "prog-hint.h"

extern const struct cmd_entry cmd_ip_entry, cmd_bridge_entry,
	cmd_sysctl_entry, cmd_ping_entry, cmd_iptables_entry;
extern const struct cmd_entry cmd_arp_entry, cmd_route_entry;
extern const struct cmd_entry cmd_tcpdump_entry, cmd_capture_entry;
extern const struct cmd_entry cmd_serve_entry, cmd_curl_entry;
extern const struct cmd_entry cmd_lessons_entry, cmd_lesson_entry,
	cmd_hint_entry, cmd_show_entry, cmd_run_entry, cmd_skip_entry,
	cmd_next_entry, cmd_back_entry, cmd_check_entry;
extern const struct cmd_entry cmd_help_entry, cmd_quit_entry,
	cmd_exit_entry, cmd_enter_entry, cmd_leave_entry;
extern const struct cmd_entry cmd_shell_entry, cmd_world_entry,
	cmd_reset_entry, cmd_doctor_entry, cmd_explain_entry;
extern const struct cmd_entry cmd_topology_entry;
extern const struct cmd_entry cmd_sudo_entry, cmd_ls_entry, cmd_nsenter_entry,
	cmd_clear_entry;

/* In the order help lists them: the lessons first, a learner's way in. */
static const struct cmd_entry *const root_entries[] = {
	/* the lessons */
	&cmd_lessons_entry,
	&cmd_lesson_entry,
	&cmd_hint_entry,
	&cmd_show_entry,
	&cmd_run_entry,
	&cmd_check_entry,
	&cmd_next_entry,
	&cmd_back_entry,
	&cmd_skip_entry,
	/* what the packets did */
	&cmd_explain_entry,
	&cmd_capture_entry,
	&cmd_topology_entry,
	/* the real tools' families, carried out natively */
	&cmd_ip_entry,
	&cmd_bridge_entry,
	&cmd_sysctl_entry,
	&cmd_iptables_entry,
	&cmd_ping_entry,
	&cmd_arp_entry,
	&cmd_route_entry,
	&cmd_tcpdump_entry,
	&cmd_curl_entry,
	&cmd_serve_entry,
	/* the shell's own */
	&cmd_help_entry,
	&cmd_enter_entry,
	&cmd_leave_entry,
	&cmd_shell_entry,
	&cmd_world_entry,
	&cmd_reset_entry,
	&cmd_doctor_entry,
	/* the tutorials' shell idioms */
	&cmd_sudo_entry,
	&cmd_nsenter_entry,
	&cmd_ls_entry,
	&cmd_clear_entry,
	&cmd_quit_entry,
	&cmd_exit_entry,
	NULL,
};

static const struct cmd_heading root_headings[] = {
	{&cmd_lessons_entry, N_("Lessons:")},
	{&cmd_explain_entry, N_("Seeing what happened:")},
	{&cmd_ip_entry, N_("The network tools (nstutor carries them out itself):")},
	{&cmd_help_entry, N_("The shell and its world:")},
	{NULL, NULL},
};

const struct cmd_table cmd_root = {
	.path = "",
	/* TRANSLATORS: like bash's "foo: command not found". */
	.unknown = N_("%s: command not found"),
	.exact = true,
	.refs = root_entries,
	.headings = root_headings,
};

const struct cmd_entry *cmd_table_entry(const struct cmd_table *t, size_t i)
{
	if (t->refs)
		return t->refs[i];
	return t->entries[i].name ? &t->entries[i] : NULL;
}

bool cmd_matches(const char *word, const char *name)
{
	size_t n = strlen(word);

	return n > 0 && strncmp(word, name, n) == 0;
}

static bool entry_matches(const struct cmd_table *t,
			  const struct cmd_entry *e, const char *word)
{
	if (t->exact)
		return streq(word, e->name) || (e->alias && streq(word, e->alias));
	return cmd_matches(word, e->name) ||
	       (e->alias && cmd_matches(word, e->alias));
}

const struct cmd_entry *cmd_find(const struct cmd_table *t, const char *word)
{
	const struct cmd_entry *e;
	size_t i;

	for (i = 0; (e = cmd_table_entry(t, i)); i++)
		if (entry_matches(t, e, word))
			return e;
	return NULL;
}

bool cmd_is_native(const char *word)
{
	const struct cmd_entry *e = cmd_find(&cmd_root, word);

	return e && (e->flags & CMD_TOOL);
}

static void print_path(FILE *f, const struct cmd_table *t)
{
	if (t->path && *t->path)
		fprintf(f, "%s ", t->path);
}

void cmd_usage(const struct cmd_table *t, const struct cmd_entry *e)
{
	fflush(stdout);
	fputs(_("Usage: "), stderr);
	if (e->usage && *e->usage)
		fprintf(stderr, "%s\n", _(e->usage));
	else {
		print_path(stderr, t);
		fprintf(stderr, "%s\n", e->name);
	}
}

/* Prints text, indenting every line after the first by indent. */
static void print_indented(const char *text, int indent)
{
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			printf("%*s", indent, "");
	}
	putchar('\n');
}

static void print_heading(const struct cmd_table *t,
			  const struct cmd_entry *e)
{
	for (const struct cmd_heading *h = t->headings; h && h->before; h++)
		if (h->before == e)
			printf("\n%s\n", _(h->text));
}

void cmd_table_help(const struct cmd_table *t)
{
	const struct cmd_entry *e;

	for (size_t i = 0; (e = cmd_table_entry(t, i)); i++) {
		print_heading(t, e);
		if (!e->summary)
			continue;
		printf("  %-10s %s\n", e->name, _(e->summary));
		if (t != &cmd_root && e->usage && *e->usage) {
			printf("  %-10s   ", "");
			print_indented(_(e->usage), 15);
		}
	}
}

static void hint_candidates(const struct cmd_table *t)
{
	char list[512] = "";
	const struct cmd_entry *e;
	size_t used = 0;

	for (size_t i = 0; (e = cmd_table_entry(t, i)) && used < sizeof(list) - 1;
	     i++) {
		if (!e->summary)
			continue;
		used += snprintf(list + used, sizeof(list) - used, "%s%s",
				 used ? ", " : "", e->name);
	}
	if (t->path && *t->path)
		/* TRANSLATORS: "ip link knows: add, delete, set, show". */
		out_hint(_("%s knows: %s."), t->path, list);
	else
		out_hint(_("Type \"help\" to see the commands nstutor knows."));
}

static int run_entry(struct cmd_ctx *ctx, const struct cmd_table *t,
		     const struct cmd_entry *e, int argc, char **argv)
{
	if (!e->exec)
		return cmd_dispatch(ctx, e->sub, argc, argv);
	if (argc < e->min_args || (e->max_args >= 0 && argc > e->max_args)) {
		cmd_usage(t, e);
		return CMD_ERROR;
	}
	return e->exec(ctx, argc, argv);
}

int cmd_dispatch(struct cmd_ctx *ctx, const struct cmd_table *t, int argc,
		 char **argv)
{
	static char *none[] = {NULL};
	const char *word = argc > 0 ? argv[0] : t->default_name;
	const struct cmd_entry *e;

	if (!word) {
		cmd_table_help(t);
		return CMD_ERROR;
	}
	e = cmd_find(t, word);
	if (!e && streq(word, "help")) {
		cmd_table_help(t);
		return CMD_OK;
	}
	if (!e) {
		out_error(_(t->unknown), word);
		/* nginx, apt, systemctl: what the lab has instead */
		if (t != &cmd_root || !prog_hint(NULL, argc, argv))
			hint_candidates(t);
		return CMD_ERROR;
	}
	if (argc == 0)
		return run_entry(ctx, t, e, 0, none);
	return run_entry(ctx, t, e, argc - 1, argv + 1);
}

int cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cmd_dispatch(ctx, &cmd_root, argc, argv);
}

void cmd_netlink_error(int err)
{
	const char *msg = netlink_ext_msg();

	if (msg)
		out_error("Error: %s.", msg);
	else
		out_error("RTNETLINK answers: %s", out_strerror(err));
}

static void no_such_netns_error(const char *ns)
{
	out_error("Cannot open network namespace \"%s\": %s", ns,
		  out_strerror(ENOENT));
}

bool cmd_netns_missing(const char *ns)
{
	if (netns_exists(ns))
		return false;
	no_such_netns_error(ns);
	out_hint(_("Create it first with \"ip netns add %s\"."), ns);
	return true;
}

bool cmd_netns_placeholder(const char *ns)
{
	if (*ns != '{' && *ns != '<')
		return false;
	out_hint(_("\"%s\" is where the tutorial means a namespace's name: "
		   "type one in its place (\"ip netns list\" shows them)."),
		 ns);
	return true;
}

void cmd_hint_no_netns(const char *ns)
{
	if (cmd_netns_placeholder(ns))
		return;
	out_hint(_("There is no namespace %s; \"ip netns list\" shows the "
		   "ones there are, \"ip netns add %s\" makes it."),
		 ns, ns);
}

bool cmd_netns_gone(const struct cmd_ctx *ctx)
{
	if (!ctx->netns || netns_exists(ctx->netns))
		return false;
	no_such_netns_error(ctx->netns);
	out_hint(_("The namespace is gone; \"leave\" goes back to the host."));
	return true;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	interrupted = 1;
}

bool cmd_interrupted(void)
{
	return interrupted != 0;
}

void cmd_interrupt_clear(void)
{
	interrupted = 0;
}

void cmd_interrupt_end_line(void)
{
	if (isatty(STDOUT_FILENO)) {
		putchar('\n');
		fflush(stdout);
	}
}

void cmd_interrupt_raise(void)
{
	interrupted = 1;
}

void cmd_interrupt_install(void)
{
	struct sigaction sa = {.sa_handler = on_sigint};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL); /* no SA_RESTART: poll() wakes up */
}
