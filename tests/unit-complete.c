/* unit-complete.c: tab completion offers what the tables, the
 * namespaces and the devices of the line's namespace hold.
 *
 * The first part needs no world.  The second, when root, makes a
 * throwaway one (unshare of net and mount namespaces, a tmpfs on
 * /run/netns) with namespaces and links made by the real ip. */
#include "system.h"

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "cmd-ip.h"
#include "cmd.h"
#include "complete.h"
#include "netns.h"
#include "session.h"
#include "tap.h"
#include "world.h"

/* The candidates for line (cursor at its end, typed word after the
 * last blank), joined by spaces. */
static const char *offered(const char *line)
{
	static char buf[4096];
	const char *text = strrchr(line, ' ');
	char **words;
	size_t used = 0;

	text = text ? text + 1 : line;
	if (*text == '\'' || *text == '"')
		text++; /* readline breaks words at quotes */
	words = complete_words(line, (int)strlen(line), text);
	buf[0] = '\0';
	for (size_t i = 0; words && words[i]; i++) {
		used += snprintf(buf + used, sizeof(buf) - used, "%s%s",
				 i ? " " : "", words[i]);
		free(words[i]);
	}
	free(words);
	return buf;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a table shows in help (entries with a summary, and their
 * aliases) starting with prefix, sorted and joined by spaces. */
static const char *table_names(const struct cmd_table *t, const char *prefix)
{
	static char buf[4096];
	const char *names[256];
	const struct cmd_entry *e;
	size_t n = 0, used = 0;

	for (size_t i = 0; (e = cmd_table_entry(t, i)) && n < 254; i++) {
		if (!e->summary && t != &cmd_root)
			continue;
		if (cmd_matches(prefix, e->name) || !*prefix)
			names[n++] = e->name;
		if (e->alias && (cmd_matches(prefix, e->alias) || !*prefix))
			names[n++] = e->alias;
	}
	qsort(names, n, sizeof(*names), cmp);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += snprintf(buf + used, sizeof(buf) - used, "%s%s",
				 i ? " " : "", names[i]);
	return buf;
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static void tables(void)
{
	char want[4096];

	is_str(offered(""), table_names(&cmd_root, ""), "empty line: commands");
	is_str(offered("i"), "ip iptables", "'i' completes to ip, iptables");
	is_str(offered("he"), "help", "'he' completes to help");
	is_str(offered("ip netns add X; i"), "ip iptables",
	       "after ';' a new command starts");
	is_str(offered("ip # a comment"), "", "nothing inside a comment");
	snprintf(want, sizeof(want), "-4 -6 -br -d -n %s",
		 table_names(&cmd_ip_table, ""));
	is_str(offered("ip "), want, "after ip: options and objects");
	ok(!has_word(offered("ip "), "addrlabel"),
	   "objects nstutor does not speak are not offered");
	is_str(offered("ip net"), "netns", "ip net -> netns");
	is_str(offered("ip -br -4 l"), table_names(&cmd_ip_table, "l"),
	       "options before the object are skipped");
	is_str(offered("ip netns "), table_names(&cmd_ip_netns_table, ""),
	       "verbs of ip netns");
	is_str(offered("ip netns "), "add delete exec identify list pids show",
	       "ip netns: its spoken verbs");
	is_str(offered("ip netns e"), "exec", "ip netns e -> exec");
	is_str(offered("ip link "), table_names(&cmd_ip_link_table, ""),
	       "verbs of ip link");
	is_str(offered("ip a "), table_names(&cmd_ip_address_table, ""),
	       "ip a: the verbs of ip address");
	is_str(offered("ip -f "), "inet inet6 link", "ip -f: families");
	is_str(offered("ip -f inet6 net"), "netns", "-f takes a word");
	is_str(offered("help "), table_names(&cmd_root, ""), "help: commands");
	is_str(offered("help ip "), table_names(&cmd_ip_table, ""),
	       "help ip: objects");
	is_str(offered("help ip netns "), table_names(&cmd_ip_netns_table, ""),
	       "help ip netns: verbs");
	is_str(offered("ip netns exec RED "),
	       "arp bridge curl ip iptables ping route serve sysctl tcpdump",
	       "ip netns exec NS: the tools nstutor speaks");
	is_str(offered("iptables -P FOR"), "FORWARD", "iptables: chain names");
	is_str(offered("iptables -A FORWARD -p tcp --dp"), "--dport",
	       "iptables: options");
	is_str(offered("ip netns exec RED ip "), offered("ip "),
	       "ip netns exec NS ip: as after ip");
	is_str(offered("nosuch "), "", "nothing after an unknown command");
	is_str(offered("ip nosuch "), "", "nothing after an unknown object");
	is_str(offered("ip 'net"), "netns", "an open quote is forgiven");
	is_str(offered("ip a | "), "grep head tail wc", "after '|': the filters");
	is_str(offered("ip a | grep inet | w"), "wc", "a second '|': the filters");
	is_str(offered("ip a | grep "), "", "nothing for a filter's words");
	is_str(offered("ip netns add X && i"), "ip iptables",
	       "after '&&' a new command starts");
	is_str(offered("ip a || i"), "ip iptables",
	       "after '||' a new command starts");
	is_str(offered("ip a | grep x; i"), "ip iptables",
	       "after ';' no longer a filter");
	is_str(offered("sudo ip net"), "netns", "sudo ip: as ip");
	is_str(offered("sudo -Es ip netns e"), "exec", "sudo -Es ip: as ip");
	is_str(offered("sudo i"), "ip iptables", "sudo: the commands");
}

/* The words the entry of table t named verb takes. */
static void words_of(const struct cmd_table *t, const char *verb,
		     const char *line)
{
	const struct cmd_entry *e = cmd_find(t, verb);
	char want[2048] = "";
	const char *sorted[64];
	size_t n = 0, used = 0;

	for (size_t i = 0; e && e->words && e->words[i] && n < 64; i++)
		sorted[n++] = e->words[i];
	qsort(sorted, n, sizeof(*sorted), cmp);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || !streq(sorted[i], sorted[i - 1]))
			used += snprintf(want + used, sizeof(want) - used,
					 "%s%s", used ? " " : "", sorted[i]);
	is_str(offered(line), want, "'%s' offers the keywords of %s %s", line,
	       t->path, verb);
}

static int run(const char *cmd)
{
	return system(cmd) == 0 ? 0 : -1;
}

/* A throwaway world; false (and a reason) when it cannot be made. */
static bool make_world(const char **why)
{
	*why = "needs root to unshare a network namespace";
	if (geteuid() != 0 || unshare(CLONE_NEWNET | CLONE_NEWNS) < 0)
		return false;
	*why = "cannot make a private /run/netns";
	mkdir("/run/netns", 0755);
	if (mount("", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("unit-complete", "/run/netns", "tmpfs", 0, NULL) < 0)
		return false;
	*why = "cannot open the world";
	if (world_open(WORLD_HOST, WORLD_NONE) < 0)
		return false;
	*why = "cannot build the lab with the real ip";
	return netns_add("RED") == 0 && netns_add("BLUE") == 0 &&
	       run("ip link add veth0 type veth peer name veth1 netns RED") ==
		       0 &&
	       run("ip link add br0 type bridge") == 0 &&
	       run("ip -n RED link add rbr type bridge") == 0;
}

static void in_world(void)
{
	is_str(offered("ip netns exec R"), "RED", "ip netns exec R -> RED");
	is_str(offered("ip netns exec 'R"), "RED", "with an open quote too");
	is_str(offered("ip netns del "), "BLUE RED", "ip netns del: names");
	is_str(offered("ip -n "), "BLUE RED", "ip -n: namespace names");
	is_str(offered("enter "), "BLUE RED", "enter: namespace names");
	is_str(offered("shell "), "BLUE RED", "shell: namespace names");
	is_str(offered("world "), "status stop", "world: status, stop");
	is_str(offered("ip link set veth0 netns "), "BLUE RED",
	       "the keyword netns: namespace names");
	is_str(offered("ip link set "), "br0 dev lo veth0",
	       "ip link set: the host's devices");
	is_str(offered("ip link set v"), "veth0", "ip link set v -> veth0");
	is_str(offered("ip link set veth0 master "), "br0 lo veth0",
	       "master: devices");
	is_str(offered("ip -n RED link set "), "dev lo rbr veth1",
	       "ip -n RED link set: RED's devices");
	is_str(offered("ip netns exec RED ip link del "), "dev lo rbr veth1",
	       "ip netns exec RED ip link del: RED's devices");
	is_str(offered("ip netns exec RED ip addr show dev "), "lo rbr veth1",
	       "ip netns exec RED ip addr show dev: RED's devices");
	is_str(offered("ip -n NOPE link set "), "dev",
	       "a missing namespace has no devices");
	is_str(offered("bridge fdb show br "), "br0 lo veth0",
	       "bridge fdb show br: devices");
	is_str(offered("bridge -n RED link show dev "), "lo rbr veth1",
	       "bridge -n RED link show dev: RED's devices");
	is_str(offered("ip netns exec RED bridge fdb show br r"), "rbr",
	       "ip netns exec RED bridge fdb show br r -> rbr");
	session_enter("RED");
	is_str(offered("ip link set v"), "veth1",
	       "after enter RED: RED's devices");
	is_str(offered("ip -n BLUE link set "), "dev lo",
	       "-n wins over the entered namespace");
	session_enter(NULL);
}

int main(void)
{
	const char *why;

	tables();
	words_of(&cmd_ip_link_table, "set", "ip link set veth0 ");
	words_of(&cmd_ip_link_table, "add", "ip link add veth0 ");
	words_of(&cmd_ip_address_table, "add", "ip addr add 10.0.0.1/24 ");
	if (make_world(&why))
		in_world();
	else
		printf("ok %d # SKIP the world tests: %s\n", ++tap_n, why);
	session_end();
	world_close();
	return tap_done();
}
