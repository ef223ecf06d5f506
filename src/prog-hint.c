/* prog-hint.c: the table of programs the tutorials use that nstutor
 * replaces or does not need, and the hint for each. */
#include "system.h"

#include <sys/stat.h>

#include "out.h"
#include "prog-hint.h"

enum prog_kind {
	PROG_WEB,	/* a web server: serve http does that */
	PROG_INSTALL,	/* a package manager: nothing to install */
	PROG_SERVICE,	/* a service manager: nothing to start */
	PROG_CONTAINER, /* containers: the lab is namespaces */
	PROG_FETCH,	/* a web client: curl is built in */
	PROG_SHELL,	/* part of a shell: "shell" gives a real one */
};

struct prog {
	const char *name;
	enum prog_kind kind;
	int port; /* PROG_WEB: the port it listens on by default */
};

static const struct prog progs[] = {
	{"nginx", PROG_WEB, 80},	 {"apache2", PROG_WEB, 80},
	{"httpd", PROG_WEB, 80},	 {"python", PROG_WEB, 8000},
	{"python3", PROG_WEB, 8000},	 {"python2", PROG_WEB, 8000},
	{"apt", PROG_INSTALL, 0},	 {"apt-get", PROG_INSTALL, 0},
	{"aptitude", PROG_INSTALL, 0},	 {"dpkg", PROG_INSTALL, 0},
	{"yum", PROG_INSTALL, 0},	 {"dnf", PROG_INSTALL, 0},
	{"snap", PROG_INSTALL, 0},	 {"systemctl", PROG_SERVICE, 0},
	{"service", PROG_SERVICE, 0},	 {"docker", PROG_CONTAINER, 0},
	{"podman", PROG_CONTAINER, 0},	 {"wget", PROG_FETCH, 0},
	{"cd", PROG_SHELL, 0},		 {"pushd", PROG_SHELL, 0},
	{"popd", PROG_SHELL, 0},	 {"export", PROG_SHELL, 0},
	{"unset", PROG_SHELL, 0},	 {"source", PROG_SHELL, 0},
	{".", PROG_SHELL, 0},		 {"alias", PROG_SHELL, 0},
};

static const struct prog *prog_find(const char *word)
{
	const char *base = strrchr(word, '/');

	base = base ? base + 1 : word;
	for (size_t i = 0; i < ARRAY_SIZE(progs); i++)
		if (streq(base, progs[i].name))
			return &progs[i];
	return NULL;
}

/* The index of the program after "sudo [-u USER] ...", or argc. */
static int skip_sudo(int argc, char *const *argv)
{
	int i = 0;

	if (i < argc && streq(argv[i], "sudo"))
		for (i++; i < argc && argv[i][0] == '-'; i++)
			if (argv[i][1] && !argv[i][2] &&
			    strchr("ugCDhpRrTU", argv[i][1]))
				i++; /* an option with a value: -u root */
	return i;
}

static bool is_port(const char *s)
{
	long v;
	char *end;

	if (!*s)
		return false;
	v = strtol(s, &end, 10);
	return !*end && v > 0 && v < 65536;
}

/* "python3 -m http.server [PORT]" (or SimpleHTTPServer): its port, or 0
 * when python was to do something else. */
static int python_server_port(int argc, char *const *argv, int port)
{
	int i;

	for (i = 1; i < argc && !streq(argv[i], "-m"); i++)
		;
	if (i + 1 >= argc || !(streq(argv[i + 1], "http.server") ||
			       streq(argv[i + 1], "SimpleHTTPServer")))
		return 0;
	for (i += 2; i < argc; i++) {
		if (streq(argv[i], "-b") || streq(argv[i], "--bind") ||
		    streq(argv[i], "-d") || streq(argv[i], "--directory"))
			i++; /* and its value */
		else if (is_port(argv[i]))
			return atoi(argv[i]);
	}
	return port;
}

static void web_hint(const char *exec_ns, int port)
{
	if (exec_ns)
		out_hint(_("nstutor has a web server of its own, nothing to "
			   "install: ip netns exec %s serve http %d (\"serve "
			   "stop\" ends it)."),
			 exec_ns, port);
	else
		out_hint(_("nstutor has a web server of its own, nothing to "
			   "install: serve http %d (\"serve stop\" ends it)."),
			 port);
}

/* Is name a program on $PATH (or, with a '/', that file)? */
static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	char file[4096];
	struct stat st;

	if (strchr(name, '/'))
		return stat(name, &st) == 0 && S_ISREG(st.st_mode) &&
		       access(name, X_OK) == 0;
	for (const char *dir = path; dir && *dir;) {
		size_t len = strcspn(dir, ":");

		if (len && snprintf(file, sizeof(file), "%.*s/%s", (int)len,
				    dir, name) < (int)sizeof(file) &&
		    stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(file, X_OK) == 0)
			return true;
		dir += len + (dir[len] == ':');
	}
	return false;
}

/* A program of the machine that nstutor does not carry out ("tar",
 * "cat"): the real one runs in the world's own shell. */
static bool machine_program_hint(const char *name)
{
	if (!on_path(name))
		return false;
	out_hint(_("%s is a program of this machine, not one of nstutor's "
		   "commands: \"shell -- %s ...\" runs it inside the world "
		   "(\"ip netns exec NS %s ...\" inside a namespace)."),
		 name, name, name);
	return true;
}

bool prog_hint(const char *exec_ns, int argc, char *const *argv)
{
	int first = skip_sudo(argc, argv), port;
	const struct prog *p = first < argc ? prog_find(argv[first]) : NULL;

	if (!p)
		return !exec_ns && first < argc &&
		       machine_program_hint(argv[first]);
	switch (p->kind) {
	case PROG_WEB:
		port = p->port;
		if (strncmp(p->name, "python", 6) == 0)
			port = python_server_port(argc - first, argv + first,
						  port);
		if (!port) /* python running a script: no web server */
			return !exec_ns && machine_program_hint(argv[first]);
		web_hint(exec_ns, port);
		break;
	case PROG_INSTALL:
		out_hint(_("Nothing needs installing here: nstutor itself "
			   "carries out ip, iptables, ping, tcpdump and curl, "
			   "and \"serve http PORT\" is its web server."));
		break;
	case PROG_SERVICE:
		out_hint(_("Nothing needs starting or stopping here: no "
			   "lesson needs a service; nstutor's web server "
			   "starts with \"serve http PORT\" and ends with "
			   "\"serve stop\"."));
		break;
	case PROG_CONTAINER:
		out_hint(_("The lab is made of network namespaces, not "
			   "containers: \"ip netns add NAME\" makes one and "
			   "\"ip netns exec NAME COMMAND\" runs in it."));
		break;
	case PROG_FETCH:
		out_hint(_("nstutor's web client is curl: curl "
			   "http://ADDRESS:PORT/"));
		break;
	case PROG_SHELL:
		out_hint(_("%s belongs to a real shell, and nstutor's is not "
			   "one (it keeps no directory or variables): \"shell\" "
			   "opens a real shell inside the world, where %s "
			   "works."),
			 p->name, p->name);
		break;
	}
	return true;
}
