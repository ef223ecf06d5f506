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
		used += snprintf(buf + used, sizeof(buf) - used, "%s",
				 tok_link_text(l->cmds[i].next));
	}
	return buf;
}

static void split(const char *line, const char *want)
{
	struct command_list l;
	struct tok_error error;

	if (tokenize_line(line, &l, &error) < 0) {
		ok(0, "split '%s': problem %d", line, (int)error.problem);
		return;
	}
	is_str(joined(&l), want, "split '%s'", line);
	command_list_free(&l);
}

/* The line is refused for problem, about token (NULL: none). */
static void fails(const char *line, enum tok_problem problem,
		  const char *token)
{
	struct command_list l;
	struct tok_error error;
	int err = tokenize_line(line, &l, &error);

	ok(err == (problem == TOK_UNSUPPORTED ? -ENOTSUP : -EINVAL),
	   "'%s' is refused", line);
	ok(error.problem == problem, "'%s' says why (%d)", line,
	   (int)error.problem);
	is_str(error.token ? error.token : "(none)", token ? token : "(none)",
	       "'%s' names the operator", line);
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
	fails("ip netns add 'RED", TOK_BAD_QUOTE, NULL);
	fails("echo \"abc", TOK_BAD_QUOTE, NULL);
	fails("abc\\", TOK_BAD_BACKSLASH, NULL);

	/* sh's operators */
	split("ip link ls | grep veth", "[ip][link][ls]|[grep][veth];");
	split("ip a|grep inet|wc -l", "[ip][a]|[grep][inet]|[wc][-l];");
	split("a && b || c; d", "[a]&&[b]||[c];[d];");
	split("a&&b||c", "[a]&&[b]||[c];");
	split("ip a | grep 'UP|down'", "[ip][a]|[grep][UP|down];");
	split("grep \\| x\\&y \"a>b\" 'c<d'", "[grep][|][x&y][a>b][c<d];");
	split("a |\tb", "[a]|[b];");
	fails("ip a |", TOK_BAD_END, NULL);
	fails("ip a | ", TOK_BAD_END, NULL);
	fails("ip a &&", TOK_BAD_END, NULL);
	fails("ip a || # c", TOK_BAD_END, NULL);
	fails("| grep x", TOK_UNEXPECTED, "|");
	fails("ip a | | grep x", TOK_UNEXPECTED, "|");
	fails("ip a || || b", TOK_UNEXPECTED, "||");
	fails("a && && b", TOK_UNEXPECTED, "&&");
	fails("a | ; b", TOK_UNEXPECTED, ";");
	fails("; && b", TOK_UNEXPECTED, "&&");
	fails("ip a > out", TOK_UNSUPPORTED, ">");
	fails("ip a >> out", TOK_UNSUPPORTED, ">>");
	fails("ip a 2>&1", TOK_UNSUPPORTED, ">&");
	fails("ip a &> out", TOK_UNSUPPORTED, "&>");
	fails("grep x < f", TOK_UNSUPPORTED, "<");
	fails("cat << EOF", TOK_UNSUPPORTED, "<<");
	fails("ping 10.0.0.1 &", TOK_UNSUPPORTED, "&");
	fails("ip a |& grep x", TOK_UNSUPPORTED, "|&");
	fails("a;b >x", TOK_UNSUPPORTED, ">");

	{
		char *big = malloc(10001);
		struct command_list l;
		struct tok_error error;

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
