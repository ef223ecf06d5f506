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

struct lexer {
	const char *p;
	struct buf word;
	bool in_word;
	struct words cur;
	struct command_list *out;
};

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

static int lex_char(struct lexer *lx, char c, const char **error)
{
	int err;

	switch (c) {
	case ' ':
	case '\t':
	case '\r':
	case '\n':
		return end_word(lx);
	case ';':
		if ((err = end_word(lx)) < 0)
			return err;
		return list_push(lx->out, &lx->cur);
	case '\'':
	case '"':
		err = lex_quoted(lx, c);
		if (err == 1) {
			*error = N_("unterminated quote");
			return -EINVAL;
		}
		return err;
	case '\\':
		if (*lx->p == '\0') {
			*error = N_("line ends with a backslash");
			return -EINVAL;
		}
		c = *lx->p++;
		/* fall through */
	default:
		lx->in_word = true;
		return buf_put(&lx->word, c);
	}
}

int tokenize_line(const char *line, struct command_list *out,
		  const char **error)
{
	struct lexer lx = {.p = line, .out = out};
	int err = 0;

	*out = (struct command_list){0};
	*error = NULL;
	while (*lx.p) {
		char c = *lx.p++;

		if (c == '#' && !lx.in_word) {
			lx.p += strlen(lx.p);
			break;
		}
		if ((err = lex_char(&lx, c, error)) < 0)
			break;
	}
	if (err == 0)
		err = end_word(&lx);
	if (err == 0)
		err = list_push(out, &lx.cur);
	if (err < 0) {
		if (!*error)
			*error = N_("out of memory");
		free(lx.word.s);
		words_free(&lx.cur);
		command_list_free(out);
	}
	return err;
}
