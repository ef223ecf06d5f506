/* cmd-sysctl.c: "sysctl [-n] [-w] KEY[=VALUE] ...", as procps 4 does it. */
#include "system.h"

#include <limits.h>
#include <sys/stat.h>

#include "cmd.h"
#include "out.h"
#include "sysctl.h"

struct sysctl_opts {
	bool write;	  /* -w */
	bool values;	  /* -n: values only */
	bool newline;	  /* not -b */
	bool names;	  /* -N */
	bool ignore;	  /* -e */
	bool quiet;	  /* -q */
	bool all;	  /* -a */
	bool dry_run;	  /* --dry-run */
	bool hinted;	  /* one hint per command */
	const char *ns;
};

static const char sysctl_usage_text[] =
	"\nUsage:\n"
	" sysctl [options] [variable[=value] ...]\n"
	"\nOptions:\n"
	"  -a, --all            display all variables\n"
	"  -A                   alias of -a\n"
	"  -X                   alias of -a\n"
	"      --deprecated     include deprecated parameters to listing\n"
	"      --dry-run        Print the key and values but do not write\n"
	"  -b, --binary         print value without new line\n"
	"  -e, --ignore         ignore unknown variables errors\n"
	"  -N, --names          print variable names without values\n"
	"  -n, --values         print only values of the given variable(s)\n"
	"  -p, --load[=<file>]  read values from file\n"
	"  -f                   alias of -p\n"
	"      --system         read values from all system directories\n"
	"  -r, --pattern <expression>\n"
	"                       select setting that match expression\n"
	"  -q, --quiet          do not echo variable set\n"
	"  -w, --write          enable writing a value to variable\n"
	"  -o                   does nothing\n"
	"  -x                   does nothing\n"
	"  -d                   alias of -h\n"
	"\n"
	" -h, --help     display this help and exit\n"
	" -V, --version  output version information and exit\n"
	"\nFor more details see sysctl(8).\n";

/* The hint after the first error only: one sentence of help a command. */
static void sysctl_hint(struct sysctl_opts *o, const char *text)
{
	if (o->hinted)
		return;
	o->hinted = true;
	out_hint("%s", text);
}

static int sysctl_unknown_path(struct sysctl_opts *o, const char *path,
			       int err)
{
	if (err == -EXDEV) {
		out_error("sysctl: Path is not under %s: %s", SYSCTL_DIR, path);
		sysctl_hint(o, _("Keys name files below /proc/sys, like "
				 "net.ipv4.ip_forward."));
		return CMD_ERROR;
	}
	if (o->ignore)
		return CMD_OK;
	out_error("sysctl: cannot stat %s: %s", path, out_strerror(err));
	sysctl_hint(o, _("There is no such key; keys look like "
			 "net.ipv4.ip_forward (\"sysctl -a\" lists them all)."));
	return CMD_ERROR;
}

/* Prints "key = value" for every line of the value, as procps does. */
static void sysctl_print_value(const struct sysctl_opts *o, const char *key,
			       char *value)
{
	char *line = value, *nl;

	if (!o->values) {
		while (*line) {
			size_t len = strcspn(line, "\n");

			printf("%s = %.*s\n", key, (int)len, line);
			line += len + (line[len] == '\n');
		}
		return;
	}
	if (!o->newline && (nl = strchr(value, '\n')))
		*nl = '\0';
	fputs(value, stdout);
}

static int sysctl_read_error(struct sysctl_opts *o, const char *key,
			     int err)
{
	if (err == -ENOENT && !o->ignore)
		out_error("sysctl: \"%s\" is an unknown key", key);
	else if (err == -EACCES)
		out_error("sysctl: permission denied on key '%s'", key);
	else if (err != -EIO && err != -ENOENT)
		out_error("sysctl: reading key \"%s\": %s", key,
			  out_strerror(err));
	if (err == -ENOENT && o->ignore)
		return CMD_OK;
	return CMD_ERROR;
}

static int sysctl_show_dir(struct sysctl_opts *o, const char *path);

/* procps's ReadSetting for one key (or one path found below a directory). */
static int sysctl_show(struct sysctl_opts *o, const char *name)
{
	char path[PATH_MAX], key[PATH_MAX], value[8192];
	struct stat st;
	int err, repeated;

	if (!*name) {
		out_error("sysctl: \"%s\" is an unknown key", name);
		return CMD_ERROR;
	}
	/* procps converts the shown name twice, then the path: each
	 * conversion warns about "a..b" */
	repeated = sysctl_path_key(name, key, sizeof(key));
	for (int i = 0; i < 2 && repeated >= 0; i++)
		out_error("sysctl: separators should not be repeated: %s",
			  name + repeated);
	repeated = sysctl_key_path(name, path, sizeof(path));
	if (repeated >= 0)
		out_error("sysctl: separators should not be repeated: %s",
			  name + repeated);
	err = sysctl_stat(o->ns, path, &st);
	if (err < 0)
		return sysctl_unknown_path(o, path, err);
	if (!(st.st_mode & S_IRUSR))
		return CMD_OK; /* write-only, like net.ipv4.route.flush */
	if (S_ISDIR(st.st_mode))
		return sysctl_show_dir(o, path);
	if (o->names) {
		printf("%s\n", key);
		return CMD_OK;
	}
	err = sysctl_read(o->ns, path, value, sizeof(value));
	if (err < 0)
		return sysctl_read_error(o, key, err);
	sysctl_print_value(o, key, value);
	return CMD_OK;
}

static int sysctl_show_dir(struct sysctl_opts *o, const char *path)
{
	struct sysctl_paths all;
	int status = CMD_OK;
	int err = sysctl_walk(o->ns, path, &all);

	if (err < 0) {
		out_error("sysctl: unable to open directory \"%s%s\"", path,
			  path[strlen(path) - 1] == '/' ? "" : "/");
		return CMD_ERROR;
	}
	/* procps counts the failures of the files right in path only */
	for (size_t i = 0; i < all.n; i++) {
		const char *p = all.paths[i];
		bool direct = !strchr(p + strlen(path) + 1, '/');

		if (sysctl_show(o, p + strlen(SYSCTL_DIR)) != CMD_OK && direct)
			status = CMD_ERROR;
	}
	sysctl_paths_free(&all);
	return status;
}

static void strip_right(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
			 s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static char *strip_left(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static void sysctl_print_set(const struct sysctl_opts *o, const char *key,
			     const char *value)
{
	if (o->quiet && !o->dry_run)
		return;
	if (o->names)
		printf("%s\n", value);
	else if (!o->values)
		printf("%s = %s\n", key, value);
	else
		printf(o->newline ? "%s\n" : "%s", value);
}

static int sysctl_set_error(struct sysctl_opts *o, const char *key, int err)
{
	if (err == -ENOENT)
		out_error("sysctl: \"%s\" is an unknown key", key);
	else if (err == -EPERM || err == -EROFS || err == -EACCES ||
		 err == -EOPNOTSUPP)
		out_error("sysctl: permission denied on key \"%s\"", key);
	else
		out_error("sysctl: setting key \"%s\": %s", key,
			  out_strerror(err));
	if (err == -EINVAL)
		sysctl_hint(o, _("The kernel refused this value; see what it "
				 "holds now with \"sysctl KEY\"."));
	else if (err == -EOPNOTSUPP)
		sysctl_hint(o, _("nstutor changes only net.* keys: they belong "
				 "to a network namespace, the others to the "
				 "whole machine."));
	else
		sysctl_hint(o, _("This key cannot be changed here."));
	return CMD_ERROR;
}

static void sysctl_note_set(const struct sysctl_opts *o, const char *key)
{
	if (strncmp(key, "net.", 4) != 0)
		return;
	if (o->ns)
		out_note(_("Only namespace %s sees this value: every network "
			   "namespace has its own net.* settings."), o->ns);
	else
		out_note(_("This changed the host namespace; the namespaces "
			   "you made keep their own net.* settings."));
}

/* procps's WriteSetting: key and value already split and stripped. */
static int sysctl_set(struct sysctl_opts *o, const char *name,
		      const char *value)
{
	char path[PATH_MAX], key[PATH_MAX];
	struct stat st;
	int err;

	sysctl_key_path(name, path, sizeof(path));
	err = sysctl_stat(o->ns, path, &st);
	if (err < 0)
		return sysctl_unknown_path(o, path, err);
	sysctl_path_key(path, key, sizeof(key));
	if (!(st.st_mode & S_IWUSR) || S_ISDIR(st.st_mode))
		return sysctl_set_error(o, key, -EINVAL);
	if (!o->dry_run) {
		err = sysctl_write(o->ns, path, value);
		if (err < 0)
			return sysctl_set_error(o, key, err);
	}
	sysctl_print_set(o, key, value);
	if (!o->dry_run && !o->quiet && !o->values && !o->names)
		sysctl_note_set(o, key);
	return CMD_OK;
}

/* procps's parse_setting_line for a word of the command line. */
static int sysctl_assign(struct sysctl_opts *o, const char *word)
{
	_cleanup_free_ char *copy = strdup(word);
	char *key, *value;

	if (!copy)
		return CMD_ERROR;
	key = strip_left(copy);
	if (strlen(key) < 2 || key[0] == '#' || key[0] == ';') {
		sysctl_hint(o, _("Write the key and its value as "
				 "KEY=VALUE, like net.ipv4.ip_forward=1."));
		return CMD_ERROR;
	}
	value = strchr(key, '=');
	if (!value) {
		out_error("sysctl: command line(0): invalid syntax, "
			  "continuing...");
		sysctl_hint(o, _("-w needs KEY=VALUE, like "
				 "\"sysctl -w net.ipv4.ip_forward=1\"."));
		return CMD_ERROR;
	}
	*value++ = '\0';
	if (key[0] == '-')
		key++; /* "-key=value": ignore failure (procps) */
	value = strip_left(value);
	strip_right(value);
	strip_right(key);
	return sysctl_set(o, key, value);
}

struct sysctl_long {
	char letter;
	const char *long_name;
};

/* Options that take no argument and only set a flag. */
static bool sysctl_flag(struct sysctl_opts *o, char c)
{
	switch (c) {
	case 'b':
		o->newline = false;
		/* fall through */
	case 'n':
		o->values = true;
		return true;
	case 'e':
		o->ignore = true;
		return true;
	case 'N':
		o->names = true;
		return true;
	case 'w':
		o->write = true;
		return true;
	case 'q':
		o->quiet = true;
		return true;
	case 'o':
	case 'x':
		return true;
	case 'a':
	case 'A':
	case 'X':
		o->all = true;
		return true;
	}
	return false;
}

static const struct sysctl_long sysctl_longs[] = {
	{'a', "all"},	 {'D', "deprecated"}, {'R', "dry-run"},
	{'b', "binary"}, {'e', "ignore"},     {'N', "names"},
	{'n', "values"}, {'p', "load"},	      {'q', "quiet"},
	{'w', "write"},	 {'S', "system"},     {'r', "pattern"},
	{'h', "help"},	 {'V', "version"},
};

/* "--val" is "--values": getopt_long takes any unique prefix. */
static char sysctl_long_option(const char *word)
{
	const char *name = word + 2;
	size_t n = strcspn(name, "=");
	char found = 0;

	for (size_t i = 0; i < ARRAY_SIZE(sysctl_longs); i++) {
		if (strncmp(name, sysctl_longs[i].long_name, n) != 0)
			continue;
		if (strlen(sysctl_longs[i].long_name) == n)
			return sysctl_longs[i].letter;
		found = found ? '?' : sysctl_longs[i].letter;
	}
	if (!found || found == '?')
		out_error("sysctl: %s option '%s'",
			  found ? "ambiguous" : "unrecognized", word);
	return found ? found : '?';
}

/* What an option can end in: go on (0), the command is done (help,
 * version), or it failed. */
enum { OPT_DONE = 1, OPT_FAIL = -1 };
enum { OPTS_FAIL = -1, OPTS_DONE = -2 };

/* An option the real sysctl has but nstutor does not do, or help. */
static int sysctl_special(struct sysctl_opts *o, char c)
{
	switch (c) {
	case 'D':
		return 0;
	case 'R':
		o->dry_run = true;
		return 0;
	case 'h':
	case 'd':
		fputs(sysctl_usage_text, stdout);
		return OPT_DONE;
	case 'V':
		printf("sysctl from procps-ng 4.0.2\n");
		return OPT_DONE;
	case 'p':
	case 'f':
	case 'S':
	case 'r':
		out_error(_("nstutor's sysctl does not read settings files "
			    "or patterns."));
		out_hint(_("Give the keys themselves: sysctl -w "
			   "net.ipv4.ip_forward=1."));
		return OPT_FAIL;
	}
	fputs(sysctl_usage_text, stdout);
	return OPT_FAIL;
}

static int sysctl_option(struct sysctl_opts *o, const char *word)
{
	int r = 0;

	if (word[1] == '-') {
		char c = sysctl_long_option(word);

		if (c == '?') {
			fputs(sysctl_usage_text, stdout);
			return OPT_FAIL;
		}
		return sysctl_flag(o, c) ? 0 : sysctl_special(o, c);
	}
	for (const char *p = word + 1; *p && r == 0; p++) {
		if (sysctl_flag(o, *p))
			continue;
		if (!strchr("hdVpfr", *p)) {
			out_error("sysctl: invalid option -- '%c'", *p);
			fputs(sysctl_usage_text, stdout);
			return OPT_FAIL;
		}
		r = sysctl_special(o, *p);
	}
	return r;
}

/* Options may come anywhere (GNU getopt); the other words go to words,
 * in order.  Returns their count, or OPTS_DONE or OPTS_FAIL. */
static int sysctl_options(struct sysctl_opts *o, int argc, char **argv,
			  char **words)
{
	int n = 0, r;

	for (int i = 0; i < argc; i++) {
		if (streq(argv[i], "--")) {
			while (++i < argc)
				words[n++] = argv[i];
			break;
		}
		if (argv[i][0] != '-' || !argv[i][1]) {
			words[n++] = argv[i];
			continue;
		}
		r = sysctl_option(o, argv[i]);
		if (r != 0)
			return r == OPT_DONE ? OPTS_DONE : OPTS_FAIL;
	}
	return n;
}

static int sysctl_no_variables(const char *why)
{
	out_error("sysctl: %s\nTry `sysctl --help' for more information.",
		  why);
	out_hint(_("Name a key: \"sysctl net.ipv4.ip_forward\" reads it, "
		   "\"sysctl -w net.ipv4.ip_forward=1\" sets it."));
	return CMD_ERROR;
}

static int sysctl_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sysctl_opts o = {.newline = true, .ns = ctx->netns};
	_cleanup_free_ char **words = calloc(argc + 1, sizeof(*words));
	int n, status = CMD_OK;

	if (!words)
		return CMD_ERROR;
	if (cmd_netns_gone(ctx))
		return CMD_ERROR;
	if (argc == 0) {
		fflush(stdout);
		fputs(sysctl_usage_text, stderr);
		return CMD_ERROR;
	}
	n = sysctl_options(&o, argc, argv, words);
	if (n < 0)
		return n == OPTS_FAIL ? CMD_ERROR : CMD_OK;
	if (o.all)
		return sysctl_show_dir(&o, SYSCTL_DIR);
	if (n == 0)
		return sysctl_no_variables("no variables specified");
	if (o.names && o.quiet)
		return sysctl_no_variables("options -N and -q cannot coexist");
	for (int i = 0; i < n; i++) {
		int r = o.write || strchr(words[i], '=') ?
				sysctl_assign(&o, words[i]) :
				sysctl_show(&o, words[i]);

		if (r != CMD_OK)
			status = CMD_ERROR;
	}
	return status;
}

static const char *const sysctl_words[] = {
	"-w", "-n", "-q", "-e", "-N", "-b",
	"net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding",
	"net.bridge.bridge-nf-call-iptables", "net.ipv4.ping_group_range",
	NULL,
};

const struct cmd_entry cmd_sysctl_entry = {
	.name = "sysctl",
	.usage = N_("sysctl [-n] [-q] [-w] KEY[=VALUE] ..."),
	.summary = N_("read and set kernel parameters (/proc/sys) of a namespace"),
	.min_args = 0,
	.max_args = -1,
	.exec = sysctl_exec,
	.flags = CMD_TOOL,
	.words = sysctl_words,
};
