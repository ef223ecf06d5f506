/* unit-tokenize.c: the line tokenizer splits like sh. */
#include "system.h"

#include "tap.h"
#include "tokenize.h"

static char *joined(const struct command_list *l)
{
	static char buf[1024];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		for (int j = 0; j < l->cmds[i].argc; j++)
			used += snprintf(buf + used, sizeof(buf) - used, "[%s]",
					 l->cmds[i].argv[j]);
		used += snprintf(buf + used, sizeof(buf) - used, ";");
	}
	return buf;
}

static void split(const char *line, const char *want)
{
	struct command_list l;
	const char *error;

	if (tokenize_line(line, &l, &error) < 0) {
		ok(0, "split '%s': %s", line, error);
		return;
	}
	is_str(joined(&l), want, "split '%s'", line);
	command_list_free(&l);
}

static void fails(const char *line, const char *want_error)
{
	struct command_list l;
	const char *error = NULL;
	int err = tokenize_line(line, &l, &error);

	ok(err == -EINVAL, "'%s' is refused", line);
	is_str(error, want_error, "'%s' says why", line);
}

int main(void)
{
	split("ip netns add RED", "[ip][netns][add][RED];");
	split("  ip   a  ", "[ip][a];");
	split("", "");
	split("   ", "");
	split("# only a comment", "");
	split("ip link # trailing comment", "[ip][link];");
	split("ip netns exec RED ip link set reth0 up; ip link set reth1 up ;",
	      "[ip][netns][exec][RED][ip][link][set][reth0][up];"
	      "[ip][link][set][reth1][up];");
	split("a;;b", "[a];[b];");
	split("echo 'a b' \"c d\"", "[echo][a b][c d];");
	split("x''y", "[xy];");
	split("''", "[];");
	split("a\\ b", "[a b];");
	split("\"say \\\"hi\\\"\"", "[say \"hi\"];");
	split("'a;b' c#d", "[a;b][c#d];");
	fails("ip netns add 'RED", "unterminated quote");
	fails("echo \"abc", "unterminated quote");
	fails("abc\\", "line ends with a backslash");

	{
		char *big = malloc(10001);
		struct command_list l;
		const char *error;

		memset(big, 'a', 10000);
		big[10000] = '\0';
		ok(tokenize_line(big, &l, &error) == 0 && l.n == 1 &&
			   strlen(l.cmds[0].argv[0]) == 10000,
		   "a 10 000-character word stays whole");
		command_list_free(&l);
		free(big);
	}
	return tap_done();
}
