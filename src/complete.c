/* complete.c: tab completion: what may stand where the learner types,
 * read from the command tables, the namespaces and the devices of the
 * namespace the line is about. */
#include "system.h"

#include "cmd-ip.h"
#include "cmd.h"
#include "complete.h"
#include "filter.h"
#include "netns.h"
#include "nl-link.h"
#include "session.h"

/* The words before the cursor of the command being typed. */
struct line_words {
	size_t n, cap;
	char **w;
	char *cur;	/* the word being typed (maybe ""), or NULL */
	bool comment;	/* the cursor is inside a # comment */
	bool piped;	/* the command comes after a '|': a filter */
};

/* The candidates, each starting with prefix, without repeats. */
struct matches {
	size_t n, cap;
	char **v;
	const char *prefix;
};

static void words_clear(struct line_words *lw)
{
	for (size_t i = 0; i < lw->n; i++)
		free(lw->w[i]);
	lw->n = 0;
}

static void words_free(struct line_words *lw)
{
	words_clear(lw);
	free(lw->w);
	free(lw->cur);
}

static int words_push(struct line_words *lw, const char *word, size_t len)
{
	char *copy = strndup(word, len);

	if (!copy)
		return -ENOMEM;
	if (lw->n + 1 > lw->cap) {
		size_t cap = lw->cap ? 2 * lw->cap : 8;
		char **v = realloc(lw->w, cap * sizeof(*v));

		if (!v) {
			free(copy);
			return -ENOMEM;
		}
		lw->w = v;
		lw->cap = cap;
	}
	lw->w[lw->n++] = copy;
	return 0;
}

/* Ends the word being read, if any; ';', '|' and '&' (of "&&") also
 * end the command. */
static int split_blank(struct line_words *lw, char c, size_t *len,
		       bool *in_word)
{
	if (*in_word && words_push(lw, lw->cur, *len) < 0)
		return -ENOMEM;
	*in_word = false;
	*len = 0;
	if (c == ';' || c == '|' || c == '&') {
		words_clear(lw);
		lw->piped = false;
	}
	return 0;
}

/* Is line[i] a '|' on its own (a pipe, not half of "||")? */
static bool is_pipe(const char *line, size_t end, size_t i)
{
	return line[i] == '|' && !(i > 0 && line[i - 1] == '|') &&
	       !(i + 1 < end && line[i + 1] == '|');
}

/* Splits line[0, end) like the tokenizer does, but forgives what is
 * still open (a quote, a backslash): the last word may be half typed
 * and becomes lw->cur.  Only the last command (after ';', '|', "&&"
 * or "||") is kept. */
static int split_line(const char *line, size_t end, struct line_words *lw)
{
	size_t len = 0;
	bool in_word = false;
	char quote = 0;

	lw->cur = malloc(end + 1);
	if (!lw->cur)
		return -ENOMEM;
	for (size_t i = 0; i < end && !lw->comment; i++) {
		char c = line[i];

		if (quote && c == quote)
			quote = 0;
		else if (quote == '"' && c == '\\' && i + 1 < end &&
			 strchr("\"\\$`", line[i + 1]))
			lw->cur[len++] = line[++i];
		else if (quote)
			lw->cur[len++] = c;
		else if (strchr(" \t\n;|&", c)) {
			if (split_blank(lw, c, &len, &in_word) < 0)
				return -ENOMEM;
			if (is_pipe(line, end, i))
				lw->piped = true;
		} else if (c == '#' && !in_word) {
			lw->comment = true;
		} else {
			in_word = true;
			if (c == '\'' || c == '"')
				quote = c;
			else if (c == '\\' && i + 1 < end)
				lw->cur[len++] = line[++i];
			else if (c != '\\')
				lw->cur[len++] = c;
		}
	}
	lw->cur[len] = '\0';
	return 0;
}

static void add(struct matches *m, const char *word)
{
	if (!word || strncmp(word, m->prefix, strlen(m->prefix)) != 0)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (streq(m->v[i], word))
			return;
	if (m->n + 2 > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 16;
		char **v = realloc(m->v, cap * sizeof(*v));

		if (!v)
			return;
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n] = strdup(word);
	if (m->v[m->n])
		m->n++;
}

static void add_list(struct matches *m, const char *const *words)
{
	for (; words && *words; words++)
		add(m, *words);
}

/* The entries a learner is shown in help (those with a summary). */
static void add_table(struct matches *m, const struct cmd_table *t)
{
	const struct cmd_entry *e;

	for (size_t i = 0; (e = cmd_table_entry(t, i)); i++) {
		if (!e->summary && t != &cmd_root)
			continue;
		add(m, e->name);
		add(m, e->alias);
	}
}

static void add_netns_names(struct matches *m)
{
	struct netns_names names;

	if (netns_list(&names) < 0)
		return;
	for (size_t i = 0; i < names.n; i++)
		add(m, names.names[i]);
	netns_names_free(&names);
}

static void add_devices(struct matches *m, const char *ns)
{
	struct link_list links;

	if (ns && !netns_exists(ns))
		return;
	if (link_list(ns, &links) < 0)
		return;
	for (size_t i = 0; i < links.n; i++)
		add(m, links.links[i].name);
	link_list_free(&links);
}

static bool word_in(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (streq(word, *list))
			return true;
	return false;
}

static const char *const device_keywords[] = {"dev", "master", "br", "brport",
					      "iif", "oif", NULL};
static const char *const netns_keywords[] = {"netns", NULL};

static void complete_command(struct matches *m, char **w, size_t n,
			     const char *ns, bool tools_only);

/* Verbs whose first argument is a device: ip link set|delete|show DEV,
 * ip address show DEV. */
static bool is_dev_position(const struct cmd_table *t,
			    const struct cmd_entry *e)
{
	if (t == &cmd_ip_link_table)
		return streq(e->name, "set") || streq(e->name, "delete") ||
		       streq(e->name, "show");
	return t == &cmd_ip_address_table && streq(e->name, "show");
}

/* The argument of a leaf entry e (reached through table t), after the
 * words args[0..n) already typed. */
static void complete_args(struct matches *m, const struct cmd_table *t,
			  const struct cmd_entry *e, char **args, size_t n,
			  const char *ns)
{
	const char *prev = n ? args[n - 1] : NULL;
	bool netns_verb = t == &cmd_ip_netns_table;

	if (netns_verb && (streq(e->name, "exec") || streq(e->name, "delete") ||
			   streq(e->name, "identify") ||
			   streq(e->name, "pids"))) {
		if (n == 0)
			add_netns_names(m);
		else if (streq(e->name, "exec"))
			complete_command(m, args + 1, n - 1, args[0], true);
		return;
	}
	if (prev && word_in(prev, netns_keywords)) {
		add_netns_names(m);
		return;
	}
	if (prev && word_in(prev, device_keywords)) {
		add_devices(m, ns);
		return;
	}
	if (n == 0 && is_dev_position(t, e)) {
		add_devices(m, ns);
		add(m, "dev");
		if (!streq(e->name, "show"))
			return; /* "ip link set DEV": the device comes first */
	}
	add_list(m, e->words);
}

static const char *const ip_options[] = {"-n", "-br", "-d", "-4", "-6",
					 NULL};
static const char *const families[] = {"inet", "inet6", "link", NULL};

/* Skips the tool's options (w[*i] on); -n NS sets *ns.  True when the
 * word being typed is an option's value (then it is completed). */
static bool skip_options(struct matches *m, char **w, size_t n, size_t *i,
			 const char **ns)
{
	while (*i < n && w[*i][0] == '-' && w[*i][1]) {
		bool takes_ns = cmd_matches(w[*i], "-netns");
		bool takes_family = cmd_matches(w[*i], "-family");

		if (!takes_ns && !takes_family) {
			(*i)++;
			continue;
		}
		if (*i + 1 == n) {
			if (takes_ns)
				add_netns_names(m);
			else
				add_list(m, families);
			return true;
		}
		if (takes_ns)
			*ns = w[*i + 1];
		*i += 2;
	}
	return false;
}

/* After a tool with objects (ip, bridge): options, then the table
 * path down to a leaf, then its arguments. */
static void complete_tool(struct matches *m, const struct cmd_entry *tool,
			  char **w, size_t n, const char *ns)
{
	const struct cmd_table *t = tool->sub;
	const struct cmd_entry *e;
	size_t i = 0;

	if (skip_options(m, w, n, &i, &ns))
		return;
	if (i == n) {
		if (streq(tool->name, "ip"))
			add_list(m, ip_options);
		add_table(m, t);
		return;
	}
	for (;;) {
		e = cmd_find(t, w[i++]);
		if (!e)
			return;
		if (!e->sub)
			break;
		t = e->sub;
		if (i == n) {
			add_table(m, t);
			return;
		}
	}
	complete_args(m, t, e, w + i, n - i, ns);
}

/* "help ip link": the names under what is typed so far. */
static void complete_help(struct matches *m, char **w, size_t n)
{
	const struct cmd_table *t = &cmd_root;
	const struct cmd_entry *e;

	for (size_t i = 0; i < n; i++) {
		e = cmd_find(t, w[i]);
		if (!e || !e->sub)
			return;
		t = e->sub;
	}
	add_table(m, t);
}

static void add_tools(struct matches *m)
{
	const struct cmd_entry *e;

	for (size_t i = 0; (e = cmd_table_entry(&cmd_root, i)); i++)
		if (e->flags & CMD_TOOL)
			add(m, e->name);
}

/* A whole command w[0..n) whose next word is being typed, acting in
 * ns; tools_only: only the real tools' families may start it. */
static void complete_command(struct matches *m, char **w, size_t n,
			     const char *ns, bool tools_only)
{
	const struct cmd_entry *e;

	if (n == 0) {
		if (tools_only)
			add_tools(m);
		else
			add_table(m, &cmd_root);
		return;
	}
	e = cmd_find(&cmd_root, w[0]);
	if (!e || (tools_only && !(e->flags & CMD_TOOL)))
		return;
	if (streq(e->name, "sudo")) {
		/* sudo [-Es] COMMAND: as COMMAND alone */
		size_t i = 1;

		while (i < n && w[i][0] == '-')
			i++;
		complete_command(m, w + i, n - i, ns, tools_only);
		return;
	}
	if (streq(e->name, "help"))
		complete_help(m, w + 1, n - 1);
	else if (streq(e->name, "enter") || streq(e->name, "shell")) {
		if (n == 1)
			add_netns_names(m);
	} else if (e->sub)
		complete_tool(m, e, w + 1, n - 1, ns);
	else
		complete_args(m, &cmd_root, e, w + 1, n - 1, ns);
}

/* What may follow a '|'. */
static void add_filters(struct matches *m)
{
	static const char *const names[] = {"grep", "head", "tail", "wc",
					    NULL};

	for (size_t i = 0; names[i]; i++)
		if (filter_known(names[i]))
			add(m, names[i]);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **complete_words(const char *line, int end, const char *text)
{
	struct line_words lw = {0};
	struct matches m = {0};
	size_t len = strlen(line);

	if (end < 0 || (size_t)end > len)
		end = (int)len;
	if (split_line(line, (size_t)end, &lw) < 0 || lw.comment) {
		words_free(&lw);
		return NULL;
	}
	/* readline's word; it ends at the same place as ours */
	m.prefix = text ? text : lw.cur;
	if (lw.piped && lw.n == 0)
		add_filters(&m);
	else if (!lw.piped)
		complete_command(&m, lw.w, lw.n, session_netns(), false);
	words_free(&lw);
	if (m.n == 0) {
		free(m.v);
		return NULL;
	}
	qsort(m.v, m.n, sizeof(*m.v), by_name);
	m.v[m.n] = NULL;
	return m.v;
}
