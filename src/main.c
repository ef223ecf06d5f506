/* main.c: nstutor's options, language and the choice of mode. */
#include "system.h"

#include <getopt.h>
#include <locale.h>

#include "cmd.h"
#include "config.h"
#include "datadirs.h"
#include "grade.h"
#include "lesson.h"
#include "netlink.h"
#include "nf.h"
#include "out.h"
#include "repl.h"
#include "sandbox.h"
#include "script.h"
#include "serve.h"
#include "session.h"
#include "world.h"

enum { EXIT_USAGE = 2 };

struct options {
	char **commands;
	size_t ncommands;
	const char *file;
	bool keep_going;
	bool plain;
	const char *lang;
	enum world_kind world;
	char **subcommand; /* "shell RED -- ip a", "world stop": the words */
	const char *check;  /* --check LESSON */
	enum grade_format format;
	int nsubwords;
};

static void usage(FILE *f)
{
	fprintf(f, _("Usage: nstutor [OPTION]...\n"
		     "  or:  nstutor [OPTION]... shell [NS] [-- COMMAND [ARG]...]\n"
		     "  or:  nstutor [OPTION]... world status|stop\n"
		     "  or:  nstutor [OPTION]... reset|doctor\n"
		     "  or:  nstutor [OPTION]... topology [--ascii|--dot|--json]\n"
		     "Learn Linux network namespaces by typing the real commands.\n"
		     "\n"
		     "  -c, --command=CMD     run CMD (may be given again; in order)\n"
		     "  -f, --file=FILE       run the commands in FILE ('-' for stdin)\n"
		     "  -k, --keep-going      go on after a failing command\n"
		     "      --world=WORLD     sandbox (default: a private world, no root\n"
		     "                        needed) or host (the real machine, needs root)\n"
		     "      --plain           no colour, no notes: exactly the real tools' output\n"
		     "      --lang=LL         language of messages (en, ko)\n"
		     "      --check=LESSON    grade this world against LESSON ('all' for\n"
		     "                        every lesson) and exit; changes nothing\n"
		     "      --format=FORMAT   --check's output: text (default), json or tap\n"
		     "      --lessons=DIR     look for lessons in DIR first\n"
		     "  -h, --help            show this help and exit\n"
		     "  -V, --version         show the version and exit\n"
		     "\n"
		     "Without -c or -f, nstutor reads commands from the terminal (an\n"
		     "interactive shell) or, when it is not a terminal, from standard input.\n"
		     "\n"
		     "  shell [NS]      a shell (or COMMAND) inside the world, in namespace NS,\n"
		     "                  where the real ip, ping and tcpdump act on the lab\n"
		     "  world status    which world is in use, its namespaces and links\n"
		     "  world stop      end the sandbox world and everything in it\n"
		     "  reset           remove what nstutor made, and nothing else\n"
		     "  doctor          what on this machine could get in a lesson's way\n"
		     "  topology        draw the lab (--dot: for Graphviz, --json: the model)\n"
		     "\n"
		     "Exit status: 0 when every command succeeded, 1 when one failed,\n"
		     "2 when the options were wrong or no world could be opened;\n"
		     "--check: 0 every step passed, 1 one failed, 2 it could not grade;\n"
		     "shell -- COMMAND leaves with COMMAND's status, and a failed\n"
		     "iptables with iptables' own.\n"));
	fprintf(f, _("\nDefaults for --world, --lessons and --lang are read from\n"
		     "%s (or the file $NSTUTOR_CONF names).\n"),
		SYSCONFDIR "/nstutor.conf");
}

/* The language the environment asks for: LC_ALL, LC_MESSAGES, LANG. */
static const char *env_language(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/* Korean learners often have LANG=ko_KR.UTF-8 without that locale
 * installed; gettext still works in C.UTF-8 when told the language. */
static void use_language(const char *lang)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s", lang);
	buf[strcspn(buf, ".@")] = '\0';
	if (!getenv("LANGUAGE") || !*getenv("LANGUAGE"))
		setenv("LANGUAGE", buf, 1);
	setlocale(LC_ALL, "C.UTF-8");
}

static void set_language(const char *lang)
{
	const char *dir = getenv("NSTUTOR_LOCALEDIR");
	const char *now = setlocale(LC_ALL, "");

	if (lang) {
		setenv("LANGUAGE", lang, 1);
		/* gettext ignores LANGUAGE in the C locale */
		if (!now || streq(now, "C") || streq(now, "POSIX"))
			setlocale(LC_ALL, "C.UTF-8");
	} else if (!now && (lang = env_language()) && !streq(lang, "C") &&
		   !streq(lang, "POSIX")) {
		use_language(lang);
	}
	bindtextdomain(PACKAGE, dir && *dir ? dir : datadirs_locale());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

static int add_command(struct options *o, char *cmd)
{
	char **v = realloc(o->commands, (o->ncommands + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	o->commands = v;
	v[o->ncommands++] = cmd;
	return 0;
}

/* Commands that may follow the options: "nstutor world stop". */
static bool is_subcommand(const char *word)
{
	static const char *const words[] = {"shell", "world", "reset",
					    "doctor", "topology"};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (streq(word, words[i]))
			return true;
	return false;
}

/* doctor looks at the machine as it is; status, stop and reset have
 * nothing to do in a sandbox that is not there. */
static enum world_need world_need(const struct options *o)
{
	if (o->check)
		return WORLD_EXISTING; /* grading makes no world */
	if (!o->subcommand)
		return WORLD_CREATE;
	if (streq(o->subcommand[0], "doctor"))
		return WORLD_NONE;
	if (streq(o->subcommand[0], "shell"))
		return WORLD_CREATE;
	return WORLD_EXISTING;
}

/* 0 to go on, or the exit status to leave with. */
static int parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_WORLD = 256, OPT_PLAIN, OPT_LANG, OPT_CHECK, OPT_FORMAT,
	       OPT_LESSONS };
	static const struct option longopts[] = {
		{"command", required_argument, NULL, 'c'},
		{"file", required_argument, NULL, 'f'},
		{"keep-going", no_argument, NULL, 'k'},
		{"world", required_argument, NULL, OPT_WORLD},
		{"plain", no_argument, NULL, OPT_PLAIN},
		{"lang", required_argument, NULL, OPT_LANG},
		{"check", required_argument, NULL, OPT_CHECK},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"lessons", required_argument, NULL, OPT_LESSONS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "+c:f:khV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (add_command(o, optarg) < 0)
				return EXIT_FAILURE;
			break;
		case 'f': o->file = optarg; break;
		case 'k': o->keep_going = true; break;
		case OPT_PLAIN: o->plain = true; break;
		case OPT_LANG: break; /* applied before, in main() */
		case OPT_CHECK: o->check = optarg; break;
		case OPT_LESSONS: lesson_dir_add(optarg); break;
		case OPT_FORMAT:
			if (grade_format_parse(optarg, &o->format) == 0)
				break;
			fprintf(stderr, _("nstutor: unknown format '%s' (use text, json or tap)\n"),
				optarg);
			return EXIT_USAGE;
		case OPT_WORLD:
			if (world_kind_parse(optarg, &o->world) == 0)
				break;
			fprintf(stderr, _("nstutor: unknown world '%s' (use host or sandbox)\n"),
				optarg);
			return EXIT_USAGE;
		case 'h': usage(stdout); return EXIT_SUCCESS;
		case 'V': printf("nstutor %s\n", PACKAGE_VERSION); return EXIT_SUCCESS;
		default:
			fprintf(stderr, _("Try 'nstutor --help' for more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind < argc && is_subcommand(argv[optind])) {
		o->subcommand = argv + optind;
		o->nsubwords = argc - optind;
		optind = argc;
	}
	if (optind < argc) {
		fprintf(stderr, _("nstutor: unexpected argument '%s'\n"), argv[optind]);
		fprintf(stderr, _("Try 'nstutor --help' for more information.\n"));
		return EXIT_USAGE;
	}
	if (o->subcommand && (o->file || o->ncommands)) {
		out_fprintf(stderr,
			    _("nstutor: %s cannot be used with -c or -f\n"),
			    o->subcommand[0]);
		return EXIT_USAGE;
	}
	if (o->check && (o->subcommand || o->file || o->ncommands)) {
		fprintf(stderr, _("nstutor: --check cannot be used with commands\n"));
		return EXIT_USAGE;
	}
	if (o->file && o->ncommands) {
		fprintf(stderr, _("nstutor: -c and -f cannot be used together\n"));
		return EXIT_USAGE;
	}
	return -1;
}

/* --lang must take effect before any message, even option errors. */
static const char *find_lang(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (streq(argv[i], "--lang") && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

/* The exit status of a subcommand, or CMD_OK / CMD_ERROR. */
static int run_commands(struct options *o)
{
	FILE *f;
	int status;

	if (o->ncommands)
		return script_run_commands(o->commands, o->ncommands, o->keep_going);
	if (o->file && !streq(o->file, "-")) {
		f = fopen(o->file, "re");
		if (!f) {
			out_error(_("nstutor: cannot open %s: %s"), o->file,
				  out_strerror(errno));
			return CMD_ERROR;
		}
		status = script_run_file(f, o->file, o->keep_going);
		fclose(f);
		return status;
	}
	if (!o->file && isatty(STDIN_FILENO))
		return repl_run();
	return script_run_file(stdin, o->file ? "-" : NULL,
			       o->file ? o->keep_going : true);
}

static int run(struct options *o)
{
	if (o->check)
		return grade_run(o->check, o->format);
	if (o->subcommand)
		return session_run_words(o->nsubwords, o->subcommand);
	return session_exit_status(run_commands(o));
}

/* The system's settings (config.h), under the command line's: the
 * language first, so that what is wrong with the file is said in it. */
static void apply_config(struct config *conf, struct options *o, int argc,
			 char **argv)
{
	int err = config_load(conf);
	const char *lang = find_lang(argc, argv);

	set_language(lang ? lang : conf->language);
	if (err < 0)
		out_fprintf(stderr, _("nstutor: warning: cannot read %s: %s\n"),
			    conf->path ? conf->path : "nstutor.conf",
			    out_strerror(err));
	config_report(conf);
	if (conf->has_world)
		o->world = conf->world;
	lesson_site_dir_set(conf->lessons);
}

int main(int argc, char **argv)
{
	struct options o = {.world = WORLD_SANDBOX};
	struct config conf;
	int status;

	if (argc == 2 && streq(argv[1], SANDBOX_KEEPER_OPTION))
		sandbox_keeper_main();
	if (argc >= 2 && streq(argv[1], SERVE_OPTION))
		serve_main(argc - 1, argv + 1);
	apply_config(&conf, &o, argc, argv);
	status = parse_options(argc, argv, &o);
	if (status >= 0) {
		free(o.commands);
		config_free(&conf);
		return status;
	}
	out_init(o.plain);
	status = world_open(o.world, world_need(&o));
	if (status != 0) {
		free(o.commands);
		config_free(&conf);
		return status < 0 || o.check ? EXIT_USAGE : EXIT_SUCCESS;
	}
	cmd_interrupt_install();
	status = run(&o);
	session_end();
	netlink_close_all();
	nf_close_all();
	world_close();
	free(o.commands);
	config_free(&conf);
	return status;
}
