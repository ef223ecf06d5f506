/* tokenize.c: a small sh-like word splitter for typed lines. */
#include "system.h"

#include "tokenize.h"

struct buf {
	char *s;
	size_t len, cap;
};

static int buf_put(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		char *s = realloc(b->s, cap);

		if (!s)
			return -ENOMEM;
		b->s = s;
		b->cap = cap;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
	return 0;
}

static int buf_ensure(struct buf *b)
{
	if (b->s)
		return 0;
	b->s = calloc(1, 32);
	if (!b->s)
		return -ENOMEM;
	b->cap = 32;
	return 0;
}

static int words_push(struct words *w, char *word)
{
	char **argv = realloc(w->argv, (w->argc + 2) * sizeof(*argv));

	if (!argv)
		return -ENOMEM;
	argv[w->argc++] = word;
	argv[w->argc] = NULL;
	w->argv = argv;
	return 0;
}

static int list_push(struct command_list *l, struct words *w)
{
	struct words *cmds;

	if (w->argc == 0)
		return 0;
	cmds = realloc(l->cmds, (l->n + 1) * sizeof(*cmds));
	if (!cmds)
		return -ENOMEM;
	cmds[l->n++] = *w;
	l->cmds = cmds;
	*w = (struct words){0};
	return 0;
}

void words_free(struct words *w)
{
	for (int i = 0; i < w->argc; i++)
		free(w->argv[i]);
	free(w->argv);
	*w = (struct words){0};
}

void command_list_free(struct command_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		words_free(&list->cmds[i]);
	free(list->cmds);
	*list = (struct command_list){0};
}

const char *tok_link_text(enum tok_link link)
{
	switch (link) {
	case TOK_PIPE: return "|";
	case TOK_AND: return "&&";
	case TOK_OR: return "||";
	case TOK_END: break;
	}
	return ";";
}

struct lexer {
	const char *p;
	struct buf word;
	bool in_word;
	struct words cur;
	enum tok_link before; /* the link before cur: |, && and || need one */
	struct command_list *out;
	struct tok_error *error;
};

static int fail(struct lexer *lx, enum tok_problem problem, const char *token)
{
	lx->error->problem = problem;
	lx->error->token = token;
	if (problem == TOK_NO_MEMORY)
		return -ENOMEM;
	return problem == TOK_UNSUPPORTED ? -ENOTSUP : -EINVAL;
}

static int end_word(struct lexer *lx)
{
	int err;

	if (!lx->in_word)
		return 0;
	if ((err = buf_ensure(&lx->word)) < 0)
		return err;
	err = words_push(&lx->cur, lx->word.s);
	if (err < 0)
		return err;
	lx->word = (struct buf){0};
	lx->in_word = false;
	return 0;
}

/* The command so far ends, joined to the next by link. */
static int end_command(struct lexer *lx, enum tok_link link)
{
	int err;

	if ((err = end_word(lx)) < 0)
		return err;
	if (lx->cur.argc == 0) {
		if (link != TOK_END)
			return fail(lx, TOK_UNEXPECTED, tok_link_text(link));
		if (lx->before != TOK_END)
			return fail(lx, TOK_UNEXPECTED, ";");
		return 0; /* ";;", or ';' first: nothing to run */
	}
	lx->cur.next = link;
	lx->before = link;
	return list_push(lx->out, &lx->cur);
}

/* Reads a quoted run after the opening quote; 1 when unterminated. */
static int lex_quoted(struct lexer *lx, char quote)
{
	int err;

	lx->in_word = true;
	if ((err = buf_ensure(&lx->word)) < 0)
		return err;
	for (;;) {
		char c = *lx->p++;

		if (c == '\0')
			return 1;
		if (c == quote)
			return 0;
		if (quote == '"' && c == '\\' &&
		    (*lx->p == '"' || *lx->p == '\\' || *lx->p == '$'))
			c = *lx->p++;
		if ((err = buf_put(&lx->word, c)) < 0)
			return err;
	}
}

/* Takes the next character when it is c. */
static bool next_is(struct lexer *lx, char c)
{
	if (*lx->p != c)
		return false;
	lx->p++;
	return true;
}

/* After '|' or '&': a link between commands, or an operator nstutor
 * does not do ("|&", "&" and "&>" send output or jobs elsewhere). */
static int lex_link(struct lexer *lx, char c)
{
	if (c == '|') {
		if (next_is(lx, '|'))
			return end_command(lx, TOK_OR);
		if (next_is(lx, '&'))
			return fail(lx, TOK_UNSUPPORTED, "|&");
		return end_command(lx, TOK_PIPE);
	}
	if (next_is(lx, '&'))
		return end_command(lx, TOK_AND);
	if (next_is(lx, '>'))
		return fail(lx, TOK_UNSUPPORTED, "&>");
	return fail(lx, TOK_UNSUPPORTED, "&");
}

/* '<' and '>': sh's redirections, named as typed. */
static int lex_redirection(struct lexer *lx, char c)
{
	if (c == '>') {
		if (next_is(lx, '>'))
			return fail(lx, TOK_UNSUPPORTED, ">>");
		if (next_is(lx, '&'))
			return fail(lx, TOK_UNSUPPORTED, ">&");
		return fail(lx, TOK_UNSUPPORTED, ">");
	}
	if (next_is(lx, '<'))
		return fail(lx, TOK_UNSUPPORTED, "<<");
	if (next_is(lx, '&'))
		return fail(lx, TOK_UNSUPPORTED, "<&");
	return fail(lx, TOK_UNSUPPORTED, "<");
}

static int lex_char(struct lexer *lx, char c)
{
	int err;

	switch (c) {
	case ' ':
	case '\t':
	case '\r':
	case '\n':
		return end_word(lx);
	case ';':
		return end_command(lx, TOK_END);
	case '|':
	case '&':
		return lex_link(lx, c);
	case '<':
	case '>':
		return lex_redirection(lx, c);
	case '\'':
	case '"':
		err = lex_quoted(lx, c);
		if (err == 1)
			return fail(lx, TOK_BAD_QUOTE, NULL);
		return err;
	case '\\':
		if (*lx->p == '\0')
			return fail(lx, TOK_BAD_BACKSLASH, NULL);
		c = *lx->p++;
		/* fall through */
	default:
		lx->in_word = true;
		return buf_put(&lx->word, c);
	}
}

/* The end of the line ends the last command, which "|", "&&" and "||"
 * must have. */
static int lex_end(struct lexer *lx)
{
	int err;

	if ((err = end_word(lx)) < 0)
		return err;
	if (lx->cur.argc == 0 && lx->before != TOK_END)
		return fail(lx, TOK_BAD_END, NULL);
	lx->cur.next = TOK_END;
	return list_push(lx->out, &lx->cur);
}

int tokenize_line(const char *line, struct command_list *out,
		  struct tok_error *error)
{
	struct lexer lx = {.p = line, .out = out, .error = error};
	int err = 0;

	*out = (struct command_list){0};
	*error = (struct tok_error){0};
	while (*lx.p) {
		char c = *lx.p++;

		if (c == '#' && !lx.in_word) {
			lx.p += strlen(lx.p);
			break;
		}
		if ((err = lex_char(&lx, c)) < 0)
			break;
	}
	if (err == 0)
		err = lex_end(&lx);
	if (err < 0) {
		if (err == -ENOMEM)
			fail(&lx, TOK_NO_MEMORY, NULL);
		free(lx.word.s);
		words_free(&lx.cur);
		command_list_free(out);
	}
	return err;
}
