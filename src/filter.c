/* filter.c: grep, head, tail and wc over a command's output lines. */
#include "system.h"

#include <ctype.h>
#include <langinfo.h>
#include <limits.h>
#include <regex.h>

#include "filter.h"
#include "out.h"
#include "tokenize.h"

/* The last lines seen, for tail and "head -n -N". */
struct ring {
	char **lines; /* each with its length in lens */
	size_t *lens;
	size_t cap, n, first;
};

struct grep {
	regex_t *re;
	size_t nre;
	bool invert, word, whole, count, quiet, numbers;
	unsigned long lineno, selected;
};

struct head {
	unsigned long n;
	bool all_but; /* -n -N: all but the last N */
	unsigned long passed;
	struct ring ring;
};

struct tail {
	unsigned long n;
	bool from; /* -n +N: from line N on */
	unsigned long seen;
	struct ring ring;
};

struct wc {
	bool lines, words, chars, bytes;
	unsigned long nl, nw, nc, nb;
	bool in_word;
};

enum filter_kind { FILTER_GREP, FILTER_HEAD, FILTER_TAIL, FILTER_WC };

struct filter {
	enum filter_kind kind;
	bool done; /* takes no more lines */
	union {
		struct grep grep;
		struct head head;
		struct tail tail;
		struct wc wc;
	} u;
};

struct filter_chain {
	size_t n;
	struct filter *f;
	FILE *out;
};

static const char *const names[] = {"grep", "head", "tail", "wc"};

bool filter_known(const char *word)
{
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (streq(word, names[i]))
			return true;
	return false;
}

/* --- options, the GNU way: clusters (-iv), arguments (-e PAT, -ePAT,
 * --regexp=PAT), operands anywhere, "--" ends them ------------------- */

struct longopt {
	const char *name;
	char opt;
};

struct optscan {
	const char *tool;
	const char *shorts;	    /* "ivEe:": ':' after one taking a value */
	const struct longopt *longs; /* ends with {NULL} */
	int argc;
	char **argv;
	int i;
	const char *rest; /* the rest of a cluster */
	bool no_more;	  /* after "--" */
	const char *arg;  /* the value of the option returned */
	char **operands;
	int noperands;
};

static void say_unsupported(const struct optscan *s, const char *option)
{
	out_error(_("%s: option %s is not supported here"), s->tool, option);
}

static void say_missing_value(const struct optscan *s, const char *option)
{
	out_error("%s: option requires an argument -- '%s'", s->tool, option);
}

static int long_option(struct optscan *s, const char *word)
{
	const char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const char *spec;

	for (const struct longopt *l = s->longs; l && l->name; l++) {
		if (strlen(l->name) != len || strncmp(l->name, word, len) != 0)
			continue;
		spec = strchr(s->shorts, l->opt);
		if (spec && spec[1] == ':') {
			if (eq)
				s->arg = eq + 1;
			else if (s->i < s->argc)
				s->arg = s->argv[s->i++];
			else {
				say_missing_value(s, word);
				return ':';
			}
		} else if (eq) {
			say_unsupported(s, word);
			return '?';
		}
		return l->opt;
	}
	say_unsupported(s, word);
	return '?';
}

static int short_option(struct optscan *s)
{
	char c = *s->rest++, option[3] = {'-', c, '\0'};
	const char *spec = strchr(s->shorts, c);

	if (!spec || c == ':') {
		s->rest = NULL;
		say_unsupported(s, option);
		return '?';
	}
	if (spec[1] == ':') {
		if (*s->rest)
			s->arg = s->rest;
		else if (s->i < s->argc)
			s->arg = s->argv[s->i++];
		else {
			option[0] = c;
			option[1] = '\0';
			say_missing_value(s, option);
			return ':';
		}
		s->rest = NULL;
	}
	if (s->rest && !*s->rest)
		s->rest = NULL;
	return c;
}

/* The next option, -1 after the last; '?' or ':' after saying what is
 * wrong.  Operands are gathered in s->operands. */
static int opt_next(struct optscan *s)
{
	const char *word;

	if (s->rest)
		return short_option(s);
	while (s->i < s->argc) {
		word = s->argv[s->i++];
		if (s->no_more || word[0] != '-' || !word[1]) {
			s->operands[s->noperands++] = (char *)word;
			continue;
		}
		if (streq(word, "--")) {
			s->no_more = true;
			continue;
		}
		if (word[1] == '-')
			return long_option(s, word + 2);
		s->rest = word + 1;
		return short_option(s);
	}
	return -1;
}

static bool scan_init(struct optscan *s, const char *tool, const char *shorts,
		      const struct longopt *longs, const struct words *w)
{
	*s = (struct optscan){.tool = tool, .shorts = shorts, .longs = longs,
			      .argc = w->argc, .argv = w->argv, .i = 1};
	s->operands = calloc((size_t)w->argc + 1, sizeof(*s->operands));
	return s->operands != NULL;
}

/* Files after a filter: it would read them, not the pipe. */
static bool no_operands(const struct optscan *s, int want)
{
	if (s->noperands <= want)
		return true;
	out_error(_("%s: reads no files here: \"%s\""), s->tool,
		  s->operands[want]);
	out_hint(_("After \"|\", %s reads what the command before it "
		   "prints; \"shell\" opens a real shell for files."),
		 s->tool);
	return false;
}

/* coreutils quotes a value as 'abc' or, in a UTF-8 locale, as ‘abc’. */
static void say_bad_count(const char *tool, const char *what,
			  const char *value)
{
	if (streq(nl_langinfo(CODESET), "UTF-8"))
		out_error("%s: invalid number of %s: \xe2\x80\x98%s\xe2\x80\x99",
			  tool, what, value);
	else
		out_error("%s: invalid number of %s: '%s'", tool, what, value);
}

/* "5", "+5", "-5": the count and its sign ('\0', '+' or '-'). */
static bool parse_count(const char *text, unsigned long *n, char *sign)
{
	char *end;

	*sign = *text == '+' || *text == '-' ? *text++ : '\0';
	if (!isdigit((unsigned char)*text))
		return false;
	errno = 0;
	*n = strtoul(text, &end, 10);
	if (errno == ERANGE)
		*n = ULONG_MAX;
	return *end == '\0';
}

/* --- the ring of last lines --------------------------------------------- */

static int ring_init(struct ring *r, unsigned long n)
{
	r->cap = n;
	if (n == 0)
		return 0;
	if (n > 1000000)
		return -E2BIG;
	r->lines = calloc(n, sizeof(*r->lines));
	r->lens = calloc(n, sizeof(*r->lens));
	return r->lines && r->lens ? 0 : -ENOMEM;
}

/* Keeps a copy of the line; when full, the oldest comes out into
 * *old (the caller frees it), else *old is NULL. */
static int ring_push(struct ring *r, const char *line, size_t len, char **old,
		     size_t *old_len)
{
	size_t at = (r->first + r->n) % r->cap;
	char *copy = malloc(len + 1);

	*old = NULL;
	if (!copy)
		return -ENOMEM;
	memcpy(copy, line, len);
	copy[len] = '\0';
	if (r->n == r->cap) {
		*old = r->lines[r->first];
		*old_len = r->lens[r->first];
		r->first = (r->first + 1) % r->cap;
		r->n--;
		at = (r->first + r->n) % r->cap;
	}
	r->lines[at] = copy;
	r->lens[at] = len;
	r->n++;
	return 0;
}

static void ring_free(struct ring *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->lines[(r->first + i) % r->cap]);
	free(r->lines);
	free(r->lens);
	*r = (struct ring){0};
}

/* --- grep ------------------------------------------------------------ */

static const struct longopt grep_longs[] = {
	{"ignore-case", 'i'},	  {"invert-match", 'v'},
	{"word-regexp", 'w'},	  {"line-regexp", 'x'},
	{"count", 'c'},		  {"quiet", 'q'},
	{"silent", 'q'},	  {"line-number", 'n'},
	{"extended-regexp", 'E'}, {"fixed-strings", 'F'},
	{"basic-regexp", 'G'},	  {"regexp", 'e'},
	{NULL, 0},
};

struct grep_patterns {
	char **list;
	size_t n;
};

/* A pattern of several lines is several patterns, as in grep. */
static int add_patterns(struct grep_patterns *p, const char *text)
{
	for (;;) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char **list = realloc(p->list, (p->n + 1) * sizeof(*list));

		if (!list)
			return -ENOMEM;
		p->list = list;
		if (!(list[p->n] = strndup(text, len)))
			return -ENOMEM;
		p->n++;
		if (!nl)
			return 0;
		text = nl + 1;
	}
}

static void patterns_free(struct grep_patterns *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->list[i]);
	free(p->list);
}

/* -F: the text as a basic regular expression matching only itself. */
static char *fixed_to_basic(const char *text)
{
	char *re = malloc(2 * strlen(text) + 1), *o = re;

	if (!re)
		return NULL;
	for (; *text; text++) {
		if (strchr("\\.[]*^$", *text))
			*o++ = '\\';
		*o++ = *text;
	}
	*o = '\0';
	return re;
}

static bool grep_compile(struct grep *g, const struct grep_patterns *p,
			 char matcher, bool icase)
{
	int flags = (matcher == 'E' ? REG_EXTENDED : 0) |
		    (icase ? REG_ICASE : 0);
	char msg[256];

	g->re = calloc(p->n, sizeof(*g->re));
	if (!g->re)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		_cleanup_free_ char *fixed = NULL;
		const char *text = p->list[i];
		int err;

		if (matcher == 'F' && !(text = fixed = fixed_to_basic(text)))
			return false;
		err = regcomp(&g->re[i], text, flags);
		if (err) {
			regerror(err, &g->re[i], msg, sizeof(msg));
			out_error("grep: %s", msg);
			out_hint(_("grep's pattern is a regular expression: "
				   "put '\\' before a special character, or "
				   "use grep -F for plain text."));
			return false;
		}
		g->nre++;
	}
	return true;
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does re match in line (of len bytes, no '\n'), as -w and -x ask? */
static bool grep_match_one(const struct grep *g, const regex_t *re,
			   const char *line, size_t len)
{
	regmatch_t m[1];

	for (size_t off = 0; off <= len;) {
		size_t s, e;

		m[0].rm_so = 0;
		m[0].rm_eo = (regoff_t)(len - off);
		if (regexec(re, line + off, 1, m,
			    REG_STARTEND | (off ? REG_NOTBOL : 0)) != 0)
			return false;
		s = off + (size_t)m[0].rm_so;
		e = off + (size_t)m[0].rm_eo;
		if (g->whole)
			return s == 0 && e == len;
		if (!g->word)
			return true;
		if ((s == 0 || !is_word_char(line[s - 1])) &&
		    (e == len || !is_word_char(line[e])))
			return true;
		off = s + 1; /* a later match may stand as a word */
	}
	return false;
}

static bool grep_selects(const struct grep *g, const char *line, size_t len)
{
	bool match = false;

	for (size_t i = 0; i < g->nre && !match; i++)
		match = grep_match_one(g, &g->re[i], line, len);
	return match != g->invert;
}

static bool grep_parse(struct filter *f, const struct words *w)
{
	struct grep *g = &f->u.grep;
	struct grep_patterns p = {0};
	struct optscan s;
	bool icase = false, given = false, ok = false;
	char matcher = 'G';
	int c;

	if (!scan_init(&s, "grep", "ivwxcqnEFGe:", grep_longs, w))
		return false;
	while ((c = opt_next(&s)) != -1) {
		switch (c) {
		case 'i': icase = true; break;
		case 'v': g->invert = true; break;
		case 'w': g->word = true; break;
		case 'x': g->whole = true; break;
		case 'c': g->count = true; break;
		case 'q': g->quiet = true; break;
		case 'n': g->numbers = true; break;
		case 'E': case 'F': case 'G':
			if (matcher != 'G' && matcher != c) {
				out_error("grep: conflicting matchers specified");
				goto out;
			}
			matcher = (char)c;
			break;
		case 'e':
			given = true;
			if (add_patterns(&p, s.arg) < 0)
				goto out;
			break;
		default:
			out_hint(_("nstutor's grep takes -i, -v, -w, -x, -c, -n, "
				   "-q, -E, -F and -e PATTERN; \"shell\" opens "
				   "a real shell for the others."));
			goto out;
		}
	}
	if (!given) {
		if (s.noperands == 0) {
			out_error("Usage: grep [OPTION]... PATTERNS [FILE]...");
			out_hint(_("Say what to look for, e.g. ip a | grep "
				   "inet."));
			goto out;
		}
		if (add_patterns(&p, s.operands[0]) < 0)
			goto out;
	}
	if (!no_operands(&s, given ? 0 : 1))
		goto out;
	ok = grep_compile(g, &p, matcher, icase);
out:
	patterns_free(&p);
	free(s.operands);
	return ok;
}

/* --- head and tail ----------------------------------------------------- */

static const struct longopt lines_longs[] = {
	{"lines", 'n'},
	{NULL, 0},
};

/* head or tail [-n N | -N]: the count and its sign. */
static bool parse_lines(const char *tool, const struct words *w,
			unsigned long *n, char *sign)
{
	struct words rest = *w;
	struct optscan s;
	const char *value = NULL;
	bool ok = false;
	int c;

	*n = 10;
	*sign = '\0';
	/* the old form, "head -5", first */
	if (w->argc > 1 && w->argv[1][0] == '-' &&
	    isdigit((unsigned char)w->argv[1][1])) {
		value = w->argv[1] + 1;
		rest.argc--;
		rest.argv++;
	}
	if (!scan_init(&s, tool, "n:", lines_longs, &rest))
		return false;
	while ((c = opt_next(&s)) != -1) {
		if (c != 'n') {
			out_hint(_("nstutor's %s takes -n N (or -N)."), tool);
			goto out;
		}
		value = s.arg;
	}
	if (!no_operands(&s, 0))
		goto out;
	if (value && !parse_count(value, n, sign)) {
		say_bad_count(tool, "lines", value);
		out_hint(_("Give %s a number of lines, e.g. %s -n 5."), tool,
			 tool);
		goto out;
	}
	ok = true;
out:
	free(s.operands);
	return ok;
}

static bool head_parse(struct filter *f, const struct words *w)
{
	struct head *h = &f->u.head;
	char sign;

	if (!parse_lines("head", w, &h->n, &sign))
		return false;
	h->all_but = sign == '-';
	if (h->all_but && ring_init(&h->ring, h->n) < 0) {
		out_error("head: %s", out_strerror(ENOMEM));
		return false;
	}
	f->done = !h->all_but && h->n == 0;
	return true;
}

static bool tail_parse(struct filter *f, const struct words *w)
{
	struct tail *t = &f->u.tail;
	char sign;

	if (!parse_lines("tail", w, &t->n, &sign))
		return false;
	t->from = sign == '+';
	if (!t->from && ring_init(&t->ring, t->n) < 0) {
		out_error("tail: %s", out_strerror(ENOMEM));
		return false;
	}
	return true;
}

/* --- wc ------------------------------------------------------------- */

static const struct longopt wc_longs[] = {
	{"lines", 'l'}, {"words", 'w'}, {"chars", 'm'}, {"bytes", 'c'},
	{NULL, 0},
};

static bool wc_parse(struct filter *f, const struct words *w)
{
	struct wc *wc = &f->u.wc;
	struct optscan s;
	bool ok = false;
	int c;

	if (!scan_init(&s, "wc", "lwmc", wc_longs, w))
		return false;
	while ((c = opt_next(&s)) != -1) {
		switch (c) {
		case 'l': wc->lines = true; break;
		case 'w': wc->words = true; break;
		case 'm': wc->chars = true; break;
		case 'c': wc->bytes = true; break;
		default:
			out_hint(_("nstutor's wc takes -l, -w, -m and -c."));
			goto out;
		}
	}
	if (!no_operands(&s, 0))
		goto out;
	if (!wc->lines && !wc->words && !wc->chars && !wc->bytes)
		wc->lines = wc->words = wc->bytes = true;
	ok = true;
out:
	free(s.operands);
	return ok;
}

/* --- the chain ----------------------------------------------------------- */

static void chain_emit(struct filter_chain *c, size_t i, const char *line,
		       size_t len);

static void grep_line(struct filter_chain *c, size_t i, const char *line,
		      size_t len)
{
	struct grep *g = &c->f[i].u.grep;
	size_t bare = len && line[len - 1] == '\n' ? len - 1 : len;
	char *out;
	int n;

	g->lineno++;
	if (!grep_selects(g, line, bare))
		return;
	g->selected++;
	if (g->quiet) {
		c->f[i].done = true;
		return;
	}
	if (g->count)
		return;
	/* grep ends every line it prints with '\n' */
	n = g->numbers ? asprintf(&out, "%lu:%.*s\n", g->lineno, (int)bare, line)
		       : asprintf(&out, "%.*s\n", (int)bare, line);
	if (n < 0)
		return;
	chain_emit(c, i + 1, out, (size_t)n);
	free(out);
}

static void head_line(struct filter_chain *c, size_t i, const char *line,
		      size_t len)
{
	struct head *h = &c->f[i].u.head;
	char *old;
	size_t old_len;

	if (h->all_but) {
		if (h->n == 0) {
			chain_emit(c, i + 1, line, len);
			return;
		}
		if (ring_push(&h->ring, line, len, &old, &old_len) == 0 && old) {
			chain_emit(c, i + 1, old, old_len);
			free(old);
		}
		return;
	}
	chain_emit(c, i + 1, line, len);
	if (++h->passed >= h->n)
		c->f[i].done = true;
}

static void tail_line(struct filter_chain *c, size_t i, const char *line,
		      size_t len)
{
	struct tail *t = &c->f[i].u.tail;
	char *old;
	size_t old_len;

	if (t->from) {
		if (++t->seen >= t->n)
			chain_emit(c, i + 1, line, len);
		return;
	}
	if (t->n == 0)
		return;
	if (ring_push(&t->ring, line, len, &old, &old_len) == 0)
		free(old);
}

static void wc_line(struct filter_chain *c, size_t i, const char *line,
		    size_t len)
{
	struct wc *wc = &c->f[i].u.wc;

	for (size_t k = 0; k < len; k++) {
		unsigned char ch = (unsigned char)line[k];

		wc->nb++;
		if ((ch & 0xc0) != 0x80 || MB_CUR_MAX == 1)
			wc->nc++;
		if (ch == '\n')
			wc->nl++;
		if (isspace(ch))
			wc->in_word = false;
		else if (!wc->in_word) {
			wc->in_word = true;
			wc->nw++;
		}
	}
}

static void chain_emit(struct filter_chain *c, size_t i, const char *line,
		       size_t len)
{
	if (i == c->n) {
		fwrite(line, 1, len, c->out);
		return;
	}
	if (c->f[i].done)
		return;
	switch (c->f[i].kind) {
	case FILTER_GREP: grep_line(c, i, line, len); break;
	case FILTER_HEAD: head_line(c, i, line, len); break;
	case FILTER_TAIL: tail_line(c, i, line, len); break;
	case FILTER_WC: wc_line(c, i, line, len); break;
	}
}

static void tail_finish(struct filter_chain *c, size_t i)
{
	struct ring *r = &c->f[i].u.tail.ring;

	for (size_t k = 0; k < r->n; k++) {
		size_t at = (r->first + k) % r->cap;

		chain_emit(c, i + 1, r->lines[at], r->lens[at]);
	}
}

/* wc's counts: one alone as it is, several in columns 7 wide (what wc
 * does when it reads a pipe). */
static void wc_finish(struct filter_chain *c, size_t i)
{
	const struct wc *wc = &c->f[i].u.wc;
	const struct {
		bool on;
		unsigned long n;
	} col[] = {{wc->lines, wc->nl}, {wc->words, wc->nw},
		   {wc->chars, wc->nc}, {wc->bytes, wc->nb}};
	char text[128];
	size_t used = 0, shown = 0;

	for (size_t k = 0; k < ARRAY_SIZE(col); k++)
		shown += col[k].on;
	for (size_t k = 0; k < ARRAY_SIZE(col); k++) {
		if (!col[k].on)
			continue;
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "%s%*lu", used ? " " : "",
					 shown > 1 ? 7 : 0, col[k].n);
	}
	used += (size_t)snprintf(text + used, sizeof(text) - used, "\n");
	chain_emit(c, i + 1, text, used);
}

static void grep_finish(struct filter_chain *c, size_t i)
{
	const struct grep *g = &c->f[i].u.grep;
	char text[32];
	int n;

	if (!g->count || g->quiet)
		return;
	n = snprintf(text, sizeof(text), "%lu\n", g->selected);
	chain_emit(c, i + 1, text, (size_t)n);
}

bool filter_chain_feed(struct filter_chain *c, const char *line, size_t len,
		       FILE *out)
{
	c->out = out;
	chain_emit(c, 0, line, len);
	for (size_t i = 0; i < c->n; i++)
		if (c->f[i].done)
			return false;
	return true;
}

int filter_chain_finish(struct filter_chain *c, FILE *out)
{
	const struct filter *last = &c->f[c->n - 1];

	c->out = out;
	for (size_t i = 0; i < c->n; i++) {
		switch (c->f[i].kind) {
		case FILTER_GREP: grep_finish(c, i); break;
		case FILTER_HEAD: break;
		case FILTER_TAIL: tail_finish(c, i); break;
		case FILTER_WC: wc_finish(c, i); break;
		}
		c->f[i].done = true;
	}
	fflush(out);
	if (last->kind == FILTER_GREP)
		return last->u.grep.selected ? 0 : 1;
	return 0;
}

static bool filter_parse(struct filter *f, const struct words *w)
{
	if (streq(w->argv[0], "grep")) {
		f->kind = FILTER_GREP;
		return grep_parse(f, w);
	}
	if (streq(w->argv[0], "head")) {
		f->kind = FILTER_HEAD;
		return head_parse(f, w);
	}
	if (streq(w->argv[0], "tail")) {
		f->kind = FILTER_TAIL;
		return tail_parse(f, w);
	}
	f->kind = FILTER_WC;
	return wc_parse(f, w);
}

static void say_not_a_filter(const char *word)
{
	/* TRANSLATORS: the list is "grep, head, tail, wc". */
	out_error(_("nstutor: \"%s\" after \"|\" is not supported here; "
		    "what may follow \"|\" is %s"),
		  word, FILTER_NAMES);
	out_hint(_("\"shell\" opens a real shell in the world, where any "
		   "pipeline works."));
}

struct filter_chain *filter_chain_parse(const struct words *stages, size_t n,
					int *status)
{
	struct filter_chain *c = calloc(1, sizeof(*c));

	*status = 2;
	if (!c || !(c->f = calloc(n, sizeof(*c->f)))) {
		free(c);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		c->n = i + 1; /* what there is to free */
		if (!filter_known(stages[i].argv[0])) {
			say_not_a_filter(stages[i].argv[0]);
			*status = 1;
			filter_chain_free(c);
			return NULL;
		}
		if (!filter_parse(&c->f[i], &stages[i])) {
			*status = streq(stages[i].argv[0], "grep") ? 2 : 1;
			filter_chain_free(c);
			return NULL;
		}
	}
	return c;
}

void filter_chain_free(struct filter_chain *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		struct filter *f = &c->f[i];

		if (f->kind == FILTER_GREP) {
			for (size_t k = 0; k < f->u.grep.nre; k++)
				regfree(&f->u.grep.re[k]);
			free(f->u.grep.re);
		} else if (f->kind == FILTER_HEAD) {
			ring_free(&f->u.head.ring);
		} else if (f->kind == FILTER_TAIL) {
			ring_free(&f->u.tail.ring);
		}
	}
	free(c->f);
	free(c);
}
