/* cmd.h: the command table and how a typed command reaches its handler.
 *
 * Every family (ip, bridge, sysctl, ping, the tutor's own commands) is a
 * struct cmd_entry in cmd.c's table; a family with sub-commands points to
 * a struct cmd_table of its own, defined in its cmd-<family>.c.  Words are
 * matched the iproute2 way: any prefix of a name, first match in table
 * order ("ip a" is "ip address").  Handlers return CMD_OK or CMD_ERROR and
 * never exit.
 */
#ifndef NSTUTOR_CMD_H
#define NSTUTOR_CMD_H

#include "system.h"

enum cmd_status { CMD_OK = 0, CMD_ERROR = 1 };

struct cmd_ctx {
	const char *netns; /* named namespace acted in; NULL: the host */
	bool brief;	   /* ip -br */
	bool details;	   /* ip -d */
	int family;	   /* ip -4 / -6: AF_INET, AF_INET6, or AF_UNSPEC */
	bool quit;	   /* set by quit/exit: the REPL ends */
	int exit_status;   /* nstutor's exit status, when a command sets
			      it (shell -- CMD passes CMD's on); 0: none */
};

struct cmd_ctx;
struct cmd_table;

struct cmd_entry {
	const char *name;	     /* full name: "address" */
	const char *alias;	     /* another full name, or NULL */
	const char *usage;	     /* N_(): syntax after the path */
	const char *summary;	     /* N_(): one line for help */
	int min_args, max_args;	     /* words after the name; -1: any */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
	const struct cmd_table *sub; /* sub-commands, or NULL */
	unsigned int flags;	     /* CMD_TOOL */
	const char *const *words;    /* keywords it takes, for completion */
};

/* A real tool's family: "ip netns exec NS <it>" runs nstutor's own. */
#define CMD_TOOL 0x1

/* A heading help prints before an entry of a table (a group). */
struct cmd_heading {
	const struct cmd_entry *before;
	const char *text;	  /* N_() */
};

struct cmd_table {
	const char *path;	  /* "ip link": what the entries follow */
	const char *unknown;	  /* N_(): printf format, %s the word */
	const char *default_name; /* entry used when no word follows */
	bool exact;		  /* names must be typed whole */
	const struct cmd_entry *entries; /* ends with a {NULL} entry */
	const struct cmd_entry *const *refs; /* or these, NULL-ended */
	const struct cmd_heading *headings; /* NULL-ended, or NULL */
};

/* The i-th entry of t, or NULL past the end. */
const struct cmd_entry *cmd_table_entry(const struct cmd_table *t, size_t i);

extern const struct cmd_table cmd_root;

/* Runs one command (argv[0] is the family) in ctx. */
int cmd_run(struct cmd_ctx *ctx, int argc, char **argv);
/* Finds argv[0] in t and runs it with the words after it. */
int cmd_dispatch(struct cmd_ctx *ctx, const struct cmd_table *t, int argc,
		 char **argv);
/* The entry argv names in t (prefix rules), or NULL. */
const struct cmd_entry *cmd_find(const struct cmd_table *t, const char *word);
/* iproute2's matches(): word is a non-empty prefix of name. */
bool cmd_matches(const char *word, const char *name);
/* Is argv[0] a family nstutor carries out itself (for ip netns exec)? */
bool cmd_is_native(const char *word);

/* "usage: ip link add ..." for e, under table t. */
void cmd_usage(const struct cmd_table *t, const struct cmd_entry *e);
/* Every entry of t with its usage, for "help" and "ip link help". */
void cmd_table_help(const struct cmd_table *t);

/* Reports a netlink failure the way iproute2 does:
 * "Error: <kernel's message>." or "RTNETLINK answers: <strerror>". */
void cmd_netlink_error(int err);

/* Is there no namespace ns?  Then says iproute2's "Cannot open network
 * namespace" and how to make it. */
bool cmd_netns_missing(const char *ns);
/* Is ns a tutorial's placeholder ("{namespace name}", "<NAME>") typed as
 * it is?  Then says to put a name in its place. */
bool cmd_netns_placeholder(const char *ns);
/* The hint after a namespace that is not there: how to list and make
 * it (or, for a placeholder, to put a name in its place). */
void cmd_hint_no_netns(const char *ns);
/* Is ctx's namespace gone (deleted while the learner was in it)?  Then
 * says so, as iproute2 would, with a hint. */
bool cmd_netns_gone(const struct cmd_ctx *ctx);

/* Runs an external program in namespace ns (NULL: the world's host),
 * as "ip netns exec" does; says why when it cannot start.  *status is
 * its exit status (128 + signal; 127 when it did not start). */
int cmd_program_run(const char *ns, char **argv, int *status);
/* Ctrl-C: set by the SIGINT handler, polled by long commands (ping). */
bool cmd_interrupted(void);
void cmd_interrupt_clear(void);
/* As if Ctrl-C were pressed (safe in a signal handler). */
void cmd_interrupt_raise(void);
void cmd_interrupt_install(void);
/* A command Ctrl-C ended without a word of its own (curl, a program
 * it killed): the terminal shows ^C; ends that line, as shells do. */
void cmd_interrupt_end_line(void);

#endif
